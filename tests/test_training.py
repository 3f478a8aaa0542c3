"""The training scripts end to end on small subsets: they write models that load and work, and
check where they will write before any work."""

import json
import os
import subprocess
import sys

import h5py
import joblib
import numpy as np
import pytest

import trainCNN
import trainJudge
import trainPairs
import trainSVM
from digitreader import console, mnist_digits, models, pieces_of_ink


def test_train_svm_writes_a_pipeline_that_reads_28x28_images(tmp_path, capsys):
    out = tmp_path / "svm.pkl"
    trainSVM.main(["--limit", "2000", "--out", str(out)])
    assert "Test accuracy" in capsys.readouterr().out
    classifier = models.load_svm(str(out))  # the same checks recognition makes
    (_, _), (x_test, y_test) = mnist_digits.load_mnist()
    assert (classifier.predict(x_test[:500]) == y_test[:500]).mean() > 0.6
    assert classifier.training_info["seed"] == 0 and classifier.training_info["train_digits"] == 2000


def test_svm_training_is_reproducible_with_a_seed(tmp_path):
    paths = [tmp_path / "a.pkl", tmp_path / "b.pkl"]
    for path in paths:
        trainSVM.main(["--limit", "1500", "--out", str(path), "--seed", "3"])
    first, second = (joblib.load(path) for path in paths)
    assert np.array_equal(first.named_steps["svm"].coef_, second.named_steps["svm"].coef_)
    assert first.training_info["seed"] == 3


def test_train_svm_hog_options_change_the_features(tmp_path):
    out = tmp_path / "rich.pkl"
    trainSVM.main(["--limit", "500", "--pixels-per-cell", "7", "--cells-per-block", "2", "--out", str(out)])
    assert joblib.load(out).named_steps["svm"].coef_.shape == (10, 324)


def test_train_cnn_writes_a_model_that_takes_raw_pixels(tmp_path, capsys):
    out, curves = tmp_path / "cnn.h5", tmp_path / "cnn_training.png"  # a trial model's curves go beside it
    trainCNN.main(["--epochs", "1", "--limit", "2000", "--out", str(out)])
    printed = capsys.readouterr().out
    assert "Test accuracy" in printed and "Total params" in printed
    assert curves.stat().st_size > 0
    assert os.path.isfile(models.lite_copy_path(str(out)))  # made with the model, for recognition to read through
    model = models.load_cnn(str(out), keras=True)
    (_, _), (x_test, y_test) = mnist_digits.load_mnist()
    probabilities = models.load_cnn(str(out))(x_test[:200])  # through its LiteRT copy, as recognition reads
    assert np.allclose(probabilities.sum(axis=1), 1, atol=1e-4)
    assert (probabilities.argmax(axis=1) == y_test[:200]).mean() > 0.5  # raw 0-255 in, no scaling outside
    with h5py.File(out) as file:
        info = json.loads(file.attrs["training_info"])
    assert info["seed"] == 0 and info["epochs"] == 1
    optimizer, learning_rate, loss = trained_with(out)
    assert optimizer == "Adam" and learning_rate == pytest.approx(0.001) and loss == "categorical_crossentropy"
    assert layers_of(model) == TUTORIAL_LAYERS


def test_augmented_training_runs_and_is_recorded(tmp_path):
    out = tmp_path / "cnn.h5"
    trainCNN.main(["--epochs", "1", "--limit", "512", "--augment", "--out", str(out),
                   "--curves", str(tmp_path / "curves.png")])
    with h5py.File(out) as file:
        assert json.loads(file.attrs["training_info"])["augment"] is True


def test_cnn_training_with_a_seed_is_reproducible_within_noise(tmp_path):
    accuracies = []
    for run in range(2):
        out = tmp_path / f"cnn{run}.h5"
        trainCNN.main(["--epochs", "1", "--limit", "1000", "--seed", "7", "--out", str(out),
                       "--curves", str(tmp_path / "curves.png")])
        with h5py.File(out) as file:
            info = json.loads(file.attrs["training_info"])
        assert info["seed"] == 7
        accuracies.append(info["test_accuracy"])
    assert abs(accuracies[0] - accuracies[1]) <= 0.02


# The tutorial's CNN, layer by layer (after the scaling of 0-255 pixels to 0-1 this project adds):
TUTORIAL_LAYERS = [
    ("Rescaling", {"scale": pytest.approx(1 / 255)}),
    ("Conv2D", {"filters": 32, "kernel_size": (3, 3), "activation": "relu"}),
    ("MaxPooling2D", {"pool_size": (2, 2)}),
    ("Dropout", {"rate": 0.25}),
    ("Conv2D", {"filters": 64, "kernel_size": (3, 3), "activation": "relu"}),
    ("MaxPooling2D", {"pool_size": (2, 2)}),
    ("Dropout", {"rate": 0.25}),
    ("Flatten", {}),
    ("Dense", {"units": 128, "activation": "relu"}),
    ("Dropout", {"rate": 0.5}),
    ("Dense", {"units": 10, "activation": "softmax"}),
]


def layers_of(model):
    """Each layer's kind and, of its settings, those the tutorial names."""
    return [(layer.__class__.__name__, {key: tuple(value) if isinstance(value, list) else value
                                        for key, value in layer.get_config().items() if key in settings})
            for layer, (_, settings) in zip(model.layers, TUTORIAL_LAYERS)]


def trained_with(path):
    """The optimizer and loss a Keras HDF5 file records it was compiled with."""
    with h5py.File(path) as file:
        config = json.loads(file.attrs["training_config"])
    optimizer = config["optimizer_config"]
    return optimizer["class_name"], optimizer["config"]["learning_rate"], config["loss"]


def test_cnn_architecture_is_the_tutorials():
    """Two blocks of a 3x3 convolution (32, then 64 filters), 2x2 max pooling and a quarter
    dropped; 128 dense units, half dropped; ten softmax outputs. The shipped model is the same,
    trained with Adam at the tutorial's learning rate of 0.001 on the categorical cross-entropy."""
    for model in (trainCNN.build_model(), models.load_cnn(models.CNN_PATH, keras=True)):
        assert len(model.layers) == len(TUTORIAL_LAYERS)
        assert layers_of(model) == TUTORIAL_LAYERS
        assert tuple(model.input_shape) == (None, 28, 28, 1) and tuple(model.output_shape) == (None, 10)
        flatten = model.layers[[kind for kind, _ in TUTORIAL_LAYERS].index("Flatten")]
        assert tuple(flatten.output.shape) == (None, 5 * 5 * 64)  # 28 -> 26 -> 13 -> 11 -> 5, unpadded
    optimizer, learning_rate, loss = trained_with(models.CNN_PATH)
    assert optimizer == "Adam" and learning_rate == pytest.approx(0.001) and loss == "categorical_crossentropy"


def test_training_checks_where_it_writes_before_loading_mnist(tmp_path, monkeypatch):
    def no_loading(*_):
        pytest.fail("MNIST was loaded before --out was checked")
    monkeypatch.setattr(trainSVM.mnist_digits, "load_mnist", no_loading)
    for main, argv, option in ((trainSVM.main, ["--out", "/nonexistent/x.pkl"], "/nonexistent"),
                               (trainCNN.main, ["--out", str(tmp_path)], str(tmp_path)),
                               (trainCNN.main, ["--out", str(tmp_path / "m.h5"), "--curves",
                                                str(tmp_path / "no" / "c.png")], "--curves")):
        with pytest.raises(SystemExit) as exit:
            main(argv)
        assert option in str(exit.value) and "\n" not in str(exit.value)


def test_trial_curves_go_beside_the_trial_model_and_the_shipped_figure_stays(tmp_path):
    assert trainCNN.parse_args([]).curves == trainCNN.CURVES_PATH
    assert trainCNN.parse_args(["--out", str(tmp_path / "m.h5")]).curves == str(tmp_path / "m_training.png")
    assert trainCNN.parse_args(["--out", "x.h5", "--curves", "c.png"]).curves == "c.png"


def test_training_on_the_command_line_prints_one_line_for_a_bad_out_and_no_tensorflow_noise(tmp_path, root):
    completed = subprocess.run([sys.executable, os.path.join(root, "trainCNN.py"), "--out", "/nonexistent/x.h5"],
                               capture_output=True, text=True, cwd=tmp_path)
    assert completed.returncode == 1
    assert completed.stderr.strip() == ("trainCNN.py: /nonexistent/x.h5: the folder /nonexistent does not exist; "
                                        "create it or choose another --out")


def test_train_judge_writes_a_calibrated_judge_of_the_four_classes(tmp_path, capsys):
    """A quick judge, trained as the shipped one on fewer pieces, loads as recognition loads it,
    ends in its temperature and a softmax, and already tells most held-out pieces apart."""
    out = tmp_path / "judge.h5"
    trainJudge.main(["--epochs", "2", "--limit", "1500", "--out", str(out)])
    printed = capsys.readouterr().out
    assert "Held-out accuracy" in printed and "Temperature" in printed and "expected calibration error" in printed
    model = models.load_judge(str(out), keras=True)
    assert [layer.__class__.__name__ for layer in model.layers[-3:]] == ["Dense", "Rescaling", "Softmax"]
    judge = models.load_judge(str(out))
    (_, _), (x_test, y_test) = mnist_digits.load_mnist()
    images, classes, _ = trainJudge.examples(x_test, y_test, 300, seed=5)
    probabilities = judge(images[..., 0])
    assert probabilities.shape == (900, len(models.CLASSES))
    assert np.allclose(probabilities.sum(axis=1), 1, atol=1e-4)
    assert (probabilities.argmax(axis=1) == classes).mean() > 0.5  # the largest class: 1/3; the shipped judge: 0.93
    digit, no_digit = models.CLASSES.index("digit"), models.CLASSES.index("not a digit")
    either = np.isin(classes, [digit, no_digit])
    told = probabilities[either, no_digit] > probabilities[either, digit]
    assert (told == (classes[either] == no_digit)).mean() > 0.75  # chance: 0.5


def test_train_pairs_writes_a_calibrated_reader_of_both_digits(tmp_path, capsys):
    """A quick pair reader, trained as the shipped one on fewer blobs, loads as recognition
    loads it, ends in its temperature and a softmax over each digit, already reads the left and
    the right digit of many held-out blobs, and tells most single digits from pairs."""
    out = tmp_path / "pairs.h5"
    trainPairs.main(["--epochs", "2", "--limit", "3000", "--out", str(out)])
    printed = capsys.readouterr().out
    assert "Held-out accuracy: both digits" in printed and "Temperature" in printed
    model = models.load_pairs(str(out), keras=True)
    assert [layer.__class__.__name__ for layer in model.layers[-3:]] == ["Reshape", "Rescaling", "Softmax"]
    (_, _), (x_test, y_test) = mnist_digits.load_mnist()
    images, labels = trainPairs.blobs(x_test, y_test, 300, seed=5)
    probabilities = models.load_pairs(str(out))(images[..., 0])
    assert probabilities.shape == (300, 2, 11) and np.allclose(probabilities.sum(axis=2), 1, atol=1e-4)
    assert (probabilities.argmax(axis=2) == labels).mean() > 0.4  # chance: 0.1; the shipped reader: 0.97
    single = labels[:, 1] == trainPairs.NONE
    told_single = probabilities[:, 1].argmax(axis=1) == trainPairs.NONE
    assert single.sum() == 100 and (told_single == single).mean() > 0.75  # a third are single digits


def test_made_up_pieces_are_of_their_class_and_regions_as_the_digit_finder_makes_them():
    (x_train, y_train), _ = mnist_digits.load_mnist()
    images, classes, kinds = trainJudge.examples(x_train[:2000], y_train[:2000], 30, seed=3)
    shares = {name: 30 * share for name, share in trainJudge.SHARES.items()}
    assert [kinds.count(kind) for kind in ("digit", "cut", "touching", "printed")] == [30, 5, 8, 10]
    for index, name in enumerate(models.CLASSES):
        assert sorted(set(np.array(kinds)[classes == index])) == sorted(trainJudge.KINDS[name])
        assert (classes == index).sum() == shares[name]
    assert images.shape == (90, 28, 28, 1) and images.dtype == np.uint8
    for region in images[..., 0]:  # scaled to fit 20x20, centred by its centre of mass, as prepare_region does
        rows, columns = np.flatnonzero(region.any(axis=1)), np.flatnonzero(region.any(axis=0))
        assert max(rows[-1] - rows[0], columns[-1] - columns[0]) + 1 == mnist_digits.DIGIT_BOX
        mass = region / region.sum()
        assert abs((mass.sum(axis=1) * np.arange(28)).sum() - 14) <= 1
        assert abs((mass.sum(axis=0) * np.arange(28)).sum() - 14) <= 1


def test_pairs_hold_both_digits_and_parts_are_cut_from_one():
    (x_train, y_train), _ = mnist_digits.load_mnist()
    by_label = [x_train[:1000][y_train[:1000] == digit] for digit in range(10)]
    rng = np.random.default_rng(1)
    for kind in ("touching", "apart"):
        for _ in range(20):
            joint, first, second, start, labels = trainJudge.two_digits(by_label, kind, rng)
            assert all(0 <= label <= 9 for label in labels)
            assert joint.sum() >= max(first.sum(), second.sum()) and joint.sum() <= first.sum() + second.sum()
            assert joint.shape[1] == max(first.shape[1], start + second.shape[1])
            if kind == "touching":  # overlapping by up to a third of the narrower
                assert 0 <= first.shape[1] - start <= min(first.shape[1], second.shape[1]) / 3
            else:  # a little apart, and no wider together than the digit finder joins
                assert 0 <= start - first.shape[1] <= trainJudge.JOIN_GAP * first.shape[0]
                assert joint.shape[1] <= trainJudge.JOINED_WIDTH * trainJudge.DIGIT_WIDTH * first.shape[0]
    whole = np.ones((40, 32), bool)
    left, right = trainJudge.cut_off(whole, "left", 0.25), trainJudge.cut_off(whole, "right", 0.75)
    assert left.sum() == 40 * 8 and not (left & right).any() and (left | right).all()
    bottom = trainJudge.cut_off(whole, "bottom", 0.25)
    assert bottom[30:].all() and not bottom[:30].any()
    leaning = trainJudge.cut_off(whole, "left", 0.5, 0.4)  # leaning as handwriting: more kept lower down
    assert leaning[-1].sum() > leaning[0].sum()
    for kind in ("cut", "sliver", "stroke"):
        for _ in range(10):
            part, whole = trainJudge.part_of_a_digit(by_label, kind, rng)
            piece = pieces_of_ink.Blob(0, 0, part.shape[1], part.shape[0], part)
            assert part[0].any() and part[-1].any() and part[:, 0].any() and part[:, -1].any()  # trimmed to its ink
            assert part.sum() < whole.sum() and part.shape[0] <= whole.shape[0] and part.shape[1] <= whole.shape[1]
            assert not pieces_of_ink.is_speck(piece, whole.shape[0], mnist_digits.stroke_width(whole))


def test_a_training_run_stopped_with_ctrl_c_says_so_in_one_line():
    def interrupted():
        raise KeyboardInterrupt
    with pytest.raises(SystemExit) as stopped:
        console.run_training(interrupted, "trainX.py")
    assert stopped.value.code == "trainX.py: interrupted; no model was written, an earlier one is untouched"
