"""Bad input is part of the product: one line on stderr, a non-zero exit, no traceback, no
half-written file."""

import json
import os
import shutil
import subprocess
import sys

import cv2
import numpy as np
import pytest

import performRecognition
from digitreader import models, photo_warnings

PNG = cv2.imencode(".png", np.full((40, 60), 255, np.uint8))[1].tobytes()
JPEG = cv2.imencode(".jpg", np.full((40, 60, 3), 255, np.uint8))[1].tobytes()


def run(argv, capsys):
    """performRecognition's main in this process; (exit code, stdout, stderr)."""
    try:
        performRecognition.main(argv)
        code = 0
    except SystemExit as exit:
        code = exit.code if isinstance(exit.code, int) else 1
        if isinstance(exit.code, str):
            print(exit.code, file=sys.stderr)
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def one_line(text):
    lines = text.strip().splitlines()
    assert len(lines) == 1, text
    assert "Traceback" not in text
    return lines[0]


@pytest.fixture
def model_options(root):
    return ["--cnn", os.path.join(root, "cnn.h5"), "--svm", os.path.join(root, "digits_cls.pkl")]


@pytest.mark.parametrize("name, content, problem", [
    ("missing.png", None, "no such file"),
    ("folder.png", "folder", "a folder with no images in it"),
    ("empty.png", b"", "empty file"),
    ("text.png", b"this is not a picture\n", "not an image"),
    ("cut.png", PNG[:len(PNG) // 2], "PNG file is cut short"),
    ("cut.jpg", JPEG[:len(JPEG) // 2], "JPEG file is cut short"),
])
def test_a_bad_image_gets_one_line_naming_file_and_problem(tmp_path, capsys, model_options, name, content, problem):
    path = tmp_path / name
    if content == "folder":
        path.mkdir()
    elif content is not None:
        path.write_bytes(content)
    code, out, err = run([str(path), "--out", str(tmp_path / "out"), *model_options], capsys)
    assert code != 0
    line = one_line(err)
    assert str(path) in line and problem in line
    assert not os.path.exists(tmp_path / "out") or not os.listdir(tmp_path / "out")


def test_good_images_are_read_and_written_when_another_is_bad(tmp_path, capsys, model_options):
    good = tmp_path / "blank.png"
    good.write_bytes(PNG)
    out = tmp_path / "out"
    code, printed, err = run([str(tmp_path / "missing.png"), str(good), "--out", str(out), *model_options], capsys)
    assert code == 1
    assert "missing.png" in one_line(err)
    assert os.listdir(out) == ["blank_result.png"]
    assert "0 digits" in printed


@pytest.mark.parametrize("which, content, script", [
    ("--cnn", None, "trainCNN.py"),
    ("--cnn", b"", "trainCNN.py"),
    ("--cnn", b"\x89HDF\r\n\x1a\n corrupt", "trainCNN.py"),
    ("--svm", None, "trainSVM.py"),
    ("--svm", b"", "trainSVM.py"),
    ("--svm", b"garbage that is not a pickle", "trainSVM.py"),
    ("--judge", None, "trainJudge.py"),
    ("--judge", b"\x89HDF\r\n\x1a\n corrupt", "trainJudge.py"),
    ("--pairs", None, "trainPairs.py"),
    ("--pairs", b"\x89HDF\r\n\x1a\n corrupt", "trainPairs.py"),
])
def test_a_missing_or_corrupt_model_names_the_script_that_makes_it(tmp_path, capsys, model_options, which, content, script):
    model = tmp_path / ("model.pkl" if which == "--svm" else "model.h5")
    if content is not None:
        model.write_bytes(content)
    (tmp_path / "x.png").write_bytes(PNG)
    argv = [str(tmp_path / "x.png"), "--out", str(tmp_path / "out"), *model_options, which, str(model)]
    code, _, err = run(argv, capsys)
    assert code != 0
    line = one_line(err)
    assert str(model) in line and script in line


def test_a_model_of_the_wrong_kind_is_refused(tmp_path, capsys, model_options):
    import joblib
    import keras
    joblib.dump({"not": "a classifier"}, tmp_path / "dict.pkl")
    keras.Sequential([keras.Input((5,)), keras.layers.Dense(3)]).save(tmp_path / "other.h5")
    shutil.copy(models.CNN_PATH, tmp_path / "cnn.h5")  # ten classes: no judge of pieces
    (tmp_path / "x.png").write_bytes(PNG)
    for which, path, script in (("--svm", "dict.pkl", "trainSVM.py"), ("--cnn", "other.h5", "trainCNN.py"),
                                ("--judge", "cnn.h5", "trainJudge.py"), ("--pairs", "cnn.h5", "trainPairs.py")):
        code, _, err = run([str(tmp_path / "x.png"), "--out", str(tmp_path / "out"), *model_options, which, str(tmp_path / path)], capsys)
        assert code != 0 and script in one_line(err)


def test_an_output_folder_that_cannot_be_made_fails_before_any_work(tmp_path, capsys, model_options):
    blocker = tmp_path / "file"
    blocker.write_text("a file where the folder should be")
    code, out, err = run(["photo_1.png", "--out", str(blocker / "results"), *model_options], capsys)
    assert code != 0 and "--out" in one_line(err) and out == ""


def test_the_command_line_prints_no_traceback_and_no_tensorflow_noise(tmp_path, root):
    completed = subprocess.run(
        [sys.executable, os.path.join(root, "performRecognition.py"), str(tmp_path / "missing.png"),
         "--out", str(tmp_path)], capture_output=True, text=True, cwd=root)
    assert completed.returncode == 1
    assert completed.stderr.strip() == f"performRecognition.py: {tmp_path / 'missing.png'}: no such file"


def test_bad_inputs_are_answered_before_the_models_load(tmp_path, root):
    """A missing file, a folder with no images and a file that is no image are each said, and
    the run ends, before TensorFlow or scikit-learn is imported: even with a corrupt model
    given, the inputs' problems are what is said."""
    (tmp_path / "text.png").write_text("not a picture")
    (tmp_path / "empty").mkdir()
    (tmp_path / "corrupt.h5").write_bytes(b"\x89HDF\r\n\x1a\n corrupt")
    inputs = [str(tmp_path / "missing.png"), str(tmp_path / "text.png"), str(tmp_path / "empty")]
    script = ("import sys, performRecognition\n"
              "try:\n    performRecognition.main(sys.argv[1:])\nexcept SystemExit as end:\n    print(end.code)\n"
              "print('tensorflow' in sys.modules, 'sklearn' in sys.modules)")
    completed = subprocess.run([sys.executable, "-c", script, *inputs, "--cnn", str(tmp_path / "corrupt.h5"),
                                "--out", str(tmp_path / "out")], capture_output=True, text=True, cwd=root)
    assert completed.stdout.split() == ["1", "False", "False"]
    said = completed.stderr.splitlines()
    assert len(said) == 3 and all(any(problem in line for line in said)
                                  for problem in ("missing.png: no such file", "text.png: not an image", "empty: a folder with no images"))
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize("name, image", [
    ("grey.png", np.full((200, 300), 200, np.uint8)),
    ("alpha.png", np.dstack([np.full((200, 300, 3), 200, np.uint8), np.full((200, 300), 128, np.uint8)])),
    ("deep.png", np.full((200, 300, 3), 50000, np.uint16)),
    ("tiny.png", np.zeros((3, 3), np.uint8)),
    ("black.png", np.zeros((300, 300, 3), np.uint8)),
    ("white.png", np.full((300, 300, 3), 255, np.uint8)),
    ("noise.png", np.random.default_rng(0).integers(0, 256, (400, 500, 3)).astype(np.uint8)),
    ("huge.jpg", np.full((4000, 6000, 3), 220, np.uint8)),
])
def test_odd_but_valid_images_are_read(tmp_path, capsys, model_options, name, image):
    path = tmp_path / name
    assert cv2.imwrite(str(path), image)
    code, out, err = run([str(path), "--json", "--out", str(tmp_path / "out"), *model_options], capsys)
    assert code == 0 and err == ("" if min(image.shape[:2]) >= photo_warnings.SMALLEST_DIGIT else
                                 f"performRecognition.py: {path}: warning: the image is only "
                                 f"{image.shape[1]}x{image.shape[0]} px: too small to hold "
                                 f"a readable digit (one needs {photo_warnings.SMALLEST_DIGIT} px or more); use a larger photo\n")
    assert json.loads(out)["image"] == str(path)
    assert cv2.imread(str(tmp_path / "out" / (path.stem + "_result.png"))).shape[:2] == image.shape[:2]
