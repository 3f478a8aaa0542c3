"""The shipped models read MNIST's test digits as well as when they were made: a sample of the
first 1,000 for each model's floor (well below today's, so that only a real loss fails it), and
all 10,000 against the accuracy each file records of its training. Their LiteRT copies, which
the reader reads through, answer as their Keras files do."""

import json
import os
import pathlib
import shutil
import subprocess
import sys

import h5py
import numpy as np
import pytest

import trainJudge
import trainPairs
from digitreader import imaging, mnist_digits, models, pipeline

SAMPLE = 1000
RICH_SVM_PATH = f"{models.MODELS_FOLDER}/digits_cls_rich.pkl"


@pytest.fixture(scope="module")
def test_digits():
    (_, _), (x_test, y_test) = mnist_digits.load_mnist()
    return x_test, y_test


@pytest.fixture(scope="module")
def rich_svm():
    return models.load_svm(RICH_SVM_PATH)


def cnn_answers(cnn, images):
    """The CNN's digits, called as recognition calls it."""
    return cnn(images).argmax(axis=1)


def test_the_cnn_reads_at_least_97_percent_of_the_sample_and_every_digit_well(cnn, test_digits):
    """Today 99.4 %, each digit at least 97.8 %."""
    images, labels = test_digits[0][:SAMPLE], test_digits[1][:SAMPLE]
    answers = cnn_answers(cnn, images)
    assert (answers == labels).mean() >= 0.97
    for digit in range(10):
        assert (answers[labels == digit] == digit).mean() >= 0.93, digit


def test_the_svm_reads_at_least_80_percent_of_the_sample(svm, test_digits):
    """Today 84.4 % (the tutorial's HOG of 36 numbers a digit is coarse)."""
    images, labels = test_digits[0][:SAMPLE], test_digits[1][:SAMPLE]
    assert (svm.predict(images) == labels).mean() >= 0.80


def test_the_rich_svm_reads_at_least_93_percent_of_the_sample_and_beats_the_tutorials(svm, rich_svm, test_digits):
    """Today 96.6 % against the tutorial SVM's 84.4 %."""
    images, labels = test_digits[0][:SAMPLE], test_digits[1][:SAMPLE]
    rich = (rich_svm.predict(images) == labels).mean()
    assert rich >= 0.93
    assert rich >= (svm.predict(images) == labels).mean() + 0.05


def test_each_model_reads_all_test_digits_as_its_file_records(cnn, svm, rich_svm, test_digits):
    """The accuracy on MNIST's 10,000 test digits each training script measured and saved in
    the file is what the file still gives: the shipped files are the models they describe.
    (Today: CNN 0.9933, SVM 0.8654, rich SVM 0.9729.)"""
    images, labels = test_digits
    with h5py.File(models.CNN_PATH) as file:
        recorded = json.loads(file.attrs["training_info"])["test_accuracy"]
    assert (cnn_answers(cnn, images) == labels).mean() == pytest.approx(recorded, abs=0.001)
    for classifier in (svm, rich_svm):
        assert (classifier.predict(images) == labels).mean() == pytest.approx(
            classifier.training_info["test_accuracy"], abs=0.0005)


def test_the_judge_of_pieces_tells_most_pieces_made_from_test_digits_apart(test_digits):
    """Today 0.922 of 900 pieces (300 digits, 300 non-digits, 150 parts, 150 pairs); a third
    is the largest class."""
    images, classes, _ = trainJudge.examples(*test_digits, 300, seed=5)
    probabilities = models.shipped_judge()(images[..., 0])
    assert (probabilities.argmax(axis=1) == classes).mean() >= 0.88


def test_the_pair_reader_reads_both_digits_of_most_test_blobs(test_digits):
    """Today 0.97 of the left and right digits of 300 blobs, both right in 0.94 of them."""
    images, labels = trainPairs.blobs(*test_digits, 300, seed=5)
    right = models.shipped_pairs()(images[..., 0]).argmax(axis=2) == labels
    assert right.mean() >= 0.93 and right.all(axis=1).mean() >= 0.88


@pytest.mark.parametrize("load, path", [(models.load_cnn, models.CNN_PATH), (models.load_judge, models.JUDGE_PATH),
                                        (models.load_pairs, models.PAIRS_PATH)])
def test_each_models_litert_copy_answers_as_its_keras_file(load, path, test_digits):
    """The reader reads through LiteRT copies; on 1,000 test digits each gives its Keras file's
    probabilities to float32's rounding (today within 1e-6) and the same answer for every one."""
    images = test_digits[0][:SAMPLE]
    keras_model = load(path, keras=True)
    expected = keras_model.predict(images[..., np.newaxis].astype(np.float32), batch_size=256, verbose=0)
    lite = load(path)
    assert isinstance(lite, models.LiteModel)
    answered = lite(images)
    assert answered.shape == expected.shape and np.abs(answered - expected).max() < 1e-5
    assert (answered.argmax(axis=-1) == expected.argmax(axis=-1)).all()
    assert np.array_equal(lite(images[:7]), answered[:7]) and lite(images[:0]).shape == (0, *expected.shape[1:])


def test_the_sample_photos_read_the_same_through_keras_and_litert(cnn, svm):
    """Every digit's box and answers, and every line, as the reader gives them, also when
    each of the three networks is called through Keras instead of its LiteRT copy."""
    def through_keras(load, path):
        model = load(path, keras=True)
        return lambda images: model.predict(images[..., np.newaxis].astype(np.float32), verbose=0)

    keras_cnn, keras_judge, keras_pairs = (through_keras(models.load_cnn, models.CNN_PATH),
                                           through_keras(models.load_judge, models.JUDGE_PATH),
                                           through_keras(models.load_pairs, models.PAIRS_PATH))
    for photo in ("photo_1.png", "photo_2.png"):
        image = imaging.read_image(os.path.join(models.PROJECT_FOLDER, photo))
        lite = pipeline.recognize(image, cnn, svm)
        keras_reading = pipeline.recognize(image, keras_cnn, svm, pieces_judge=keras_judge, pair_reader=keras_pairs)
        assert lite["lines"] == keras_reading["lines"] and len(lite["digits"]) >= 8
        for ours, theirs in zip(lite["digits"], keras_reading["digits"], strict=True):
            assert (ours["box"], ours["cnn"], ours["svm"]) == (theirs["box"], theirs["cnn"], theirs["svm"])
            assert ours["cnn_confidence"] == pytest.approx(theirs["cnn_confidence"], abs=1e-4)


def test_a_models_litert_copy_is_made_once_beside_it_and_made_again_when_the_file_changes(tmp_path):
    """A Keras file with no copy gets one beside it, named for its contents; a damaged copy is
    made again; a copy of the file's earlier contents goes once a new one is made."""
    keras_file = tmp_path / "judge.h5"
    shutil.copy(models.JUDGE_PATH, keras_file)
    earlier = tmp_path / "judge.0123456789abcdef.tflite"
    earlier.write_bytes(b"a copy of a judge trained before")
    models.load_judge(str(keras_file))
    copy = pathlib.Path(models.lite_copy_path(str(keras_file)))
    assert sorted(path.name for path in tmp_path.iterdir()) == sorted(["judge.h5", copy.name])
    assert copy.read_bytes() == pathlib.Path(models.lite_copy_path(models.JUDGE_PATH)).read_bytes()
    made = copy.stat().st_mtime_ns
    models.load_judge(str(keras_file))
    assert copy.stat().st_mtime_ns == made  # read, not made again
    copy.write_bytes(b"damaged")
    assert isinstance(models.load_judge(str(keras_file)), models.LiteModel)
    assert copy.read_bytes() != b"damaged"


def test_the_shipped_models_have_their_litert_copies_so_a_photo_is_read_without_tensorflow(root):
    """A fresh process reads a photo with the shipped models and never loads TensorFlow
    (seconds to import): every shipped Keras file has its copy, named for what it holds."""
    script = ("import sys; from digitreader import Reader; Reader().read('photo_1.png'); "
              "print(sorted(name for name in ('tensorflow', 'keras') if name in sys.modules))")
    completed = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, cwd=root)
    assert completed.returncode == 0 and completed.stdout.strip() == "[]", completed.stderr[-2000:]
    for path in (models.CNN_PATH, models.JUDGE_PATH, models.PAIRS_PATH):
        assert os.path.isfile(models.lite_copy_path(path))
