"""Both training scripts end to end on small subsets: they write models that load and work, and
check where they will write before any work."""

import json
import os
import subprocess
import sys

import h5py
import joblib
import numpy as np
import pytest

import mnist_digits
import not_digits
import performRecognition
import trainCNN
import trainJudge
import trainSVM


def test_train_svm_writes_a_pipeline_that_reads_28x28_images(tmp_path, capsys):
    out = tmp_path / "svm.pkl"
    trainSVM.main(["--limit", "2000", "--out", str(out)])
    assert "Test accuracy" in capsys.readouterr().out
    classifier = performRecognition.load_svm(str(out))  # the same checks recognition makes
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
    model = performRecognition.load_cnn(str(out))
    (_, _), (x_test, y_test) = mnist_digits.load_mnist()
    probabilities = np.asarray(model(x_test[:200, ..., None].astype(np.float32)))
    assert np.allclose(probabilities.sum(axis=1), 1, atol=1e-4)
    assert (probabilities.argmax(axis=1) == y_test[:200]).mean() > 0.5  # raw 0-255 in, no scaling outside
    with h5py.File(out) as file:
        info = json.loads(file.attrs["training_info"])
    assert info["seed"] == 0 and info["epochs"] == 1


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


def test_cnn_architecture_is_the_tutorials():
    model = trainCNN.build_model()
    kinds = [layer.__class__.__name__ for layer in model.layers]
    assert kinds == ["Rescaling", "Conv2D", "MaxPooling2D", "Dropout", "Conv2D", "MaxPooling2D", "Dropout",
                     "Flatten", "Dense", "Dropout", "Dense"]
    assert model.count_params() == 225034


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
    model = performRecognition.load_judge(str(out))
    assert [layer.__class__.__name__ for layer in model.layers[-3:]] == ["Dense", "Rescaling", "Softmax"]
    judge = performRecognition.cnn_judge(model)
    (_, _), (x_test, y_test) = mnist_digits.load_mnist()
    images, classes, _ = trainJudge.examples(x_test, y_test, 300, seed=5)
    probabilities = judge(images[..., 0])
    assert probabilities.shape == (900, len(not_digits.CLASSES))
    assert np.allclose(probabilities.sum(axis=1), 1, atol=1e-4)
    assert (probabilities.argmax(axis=1) == classes).mean() > 0.5  # the largest class: 1/3; the shipped judge: 0.93
    digit, no_digit = not_digits.CLASSES.index("digit"), not_digits.CLASSES.index("not a digit")
    either = np.isin(classes, [digit, no_digit])
    told = probabilities[either, no_digit] > probabilities[either, digit]
    assert (told == (classes[either] == no_digit)).mean() > 0.75  # chance: 0.5
