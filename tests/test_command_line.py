"""What a new user meets on the command line: running from any folder, many photos at once,
result files that never overwrite each other, a CSV table, options out of range, --show
without a display, and a legend that leaves a small photo in view."""

import csv
import io
import json
import os
import subprocess
import sys

import cv2
import numpy as np
import pytest

import performRecognition
import trainCNN
import trainSVM
from test_errors import model_options, one_line, run  # noqa: F401 (model_options is a fixture)
from digitreader import console, drawing, models


def blank(path, height=40, width=60):
    """A blank image at `path`; its size tells its result file from others."""
    assert cv2.imwrite(str(path), np.full((height, width, 3), 255, np.uint8))


def records(out):
    return [json.loads(line) for line in out.splitlines()]


def test_the_default_models_and_photo_are_found_from_another_folder(tmp_path, root):
    completed = subprocess.run([sys.executable, os.path.join(root, "performRecognition.py")],
                               capture_output=True, text=True, cwd=tmp_path)
    assert completed.returncode == 0, completed.stderr
    assert completed.stderr == ""
    assert "CNN line 1: 40715283" in completed.stdout
    assert os.listdir(tmp_path / "results") == ["photo_1_result.png"]


def test_a_missing_default_model_is_named_by_its_full_path_and_nothing_is_created(tmp_path, capsys, monkeypatch, root):
    monkeypatch.chdir(tmp_path)
    missing = str(tmp_path / "elsewhere" / "cnn.h5")
    monkeypatch.setattr(models, "CNN_PATH", missing)
    code, out, err = run([os.path.join(root, "photo_1.png")], capsys)
    assert code != 0 and out == ""
    assert missing in one_line(err) and "trainCNN.py" in err
    assert os.listdir(tmp_path) == []


def test_images_of_the_same_name_get_their_own_result_files(tmp_path, capsys, model_options):
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    inputs = {tmp_path / "a" / "scan.png": 40, tmp_path / "b" / "scan.png": 50,
              tmp_path / "t.webp": 60, tmp_path / "t.gif": 70}
    for path, height in inputs.items():
        if path.suffix == ".gif":  # OpenCV reads GIF but does not write it.
            from PIL import Image
            Image.new("RGB", (60, height), "white").save(path)
        else:
            blank(path, height)
    out = tmp_path / "out"
    code, printed, err = run([*map(str, inputs), "--json", "--out", str(out), *model_options], capsys)
    assert code == 0, err
    results = [record["result"] for record in records(printed)]
    assert [os.path.basename(path) for path in results] == [
        "scan_result.png", "scan_2_result.png", "t_result.png", "t_2_result.png"]
    assert sorted(os.listdir(out)) == sorted(map(os.path.basename, results))
    for result, height in zip(results, inputs.values()):
        assert cv2.imread(result).shape[0] == height  # each result is of its own image


def test_a_folder_is_read_in_name_order_and_its_other_files_are_noted(tmp_path, capsys, model_options):
    folder = tmp_path / "scans"
    folder.mkdir()
    for name in ("b.png", "a.jpg", "C.PNG"):
        blank(folder / name)
    (folder / "notes.txt").write_text("not a photo")
    (folder / "older").mkdir()
    blank(folder / "older" / "inside.png")
    code, out, err = run([str(folder), "--json", "--out", str(tmp_path / "out"), *model_options], capsys)
    assert code == 0
    assert [record["image"] for record in records(out)] == [str(folder / name) for name in ("C.PNG", "a.jpg", "b.png")]
    note = one_line(err)
    assert str(folder) in note and "notes.txt" in note and "inside.png" not in note


def test_an_image_is_read_from_standard_input(tmp_path, capsys, model_options, monkeypatch, root):
    with open(os.path.join(root, "photo_1.png"), "rb") as file:
        monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(file.read())))
    code, out, err = run(["-", "--json", "--out", str(tmp_path), *model_options], capsys)
    assert code == 0, err
    record = json.loads(out)
    assert record["image"] == "-" and record["lines"]["cnn"] == ["40715283"]
    assert record["result"] == str(tmp_path / "stdin_result.png") and os.path.isfile(record["result"])


def test_nothing_on_standard_input_is_one_line(tmp_path, capsys, model_options, monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b"")))
    code, _, err = run(["-", "--out", str(tmp_path), *model_options], capsys)
    assert code == 1 and one_line(err) == "performRecognition.py: standard input: is an empty file, not an image"


def test_many_images_show_progress_on_stderr_and_keep_stdout_for_json(tmp_path, capsys, model_options):
    paths = [tmp_path / f"{number}.png" for number in range(performRecognition.PROGRESS_AFTER + 2)]
    for path in paths:
        blank(path)
    code, out, err = run([*map(str, paths), "--json", "--out", str(tmp_path / "out"), *model_options], capsys)
    assert code == 0
    assert len(records(out)) == len(paths)
    assert f"{len(paths)}/{len(paths)} photos" in err.splitlines()[-1] and "photos/s" in err
    code, out, err = run([*map(str, paths[:performRecognition.PROGRESS_AFTER]), "--out", str(tmp_path / "out"),
                          *model_options], capsys)
    assert code == 0 and err == ""  # a few images: no progress line


def test_on_a_terminal_the_progress_line_is_redrawn_in_place_and_wiped_before_other_output():
    class Terminal(io.StringIO):
        def isatty(self):
            return True
    terminal = Terminal()
    progress = console.Progress(5, "performRecognition.py", "photos", terminal)
    progress.update(1)
    progress.clear()
    assert terminal.getvalue().endswith("\r\x1b[K") and "1/5 photos" in terminal.getvalue()
    for done in range(2, 6):
        progress.update(done)
    progress.finish()
    last = terminal.getvalue().split("\r")[-1]
    assert last.startswith("performRecognition.py: 5/5 photos, ") and last.endswith("photos/s\x1b[K\n")
    assert terminal.getvalue().count("\n") == 1  # one line on the terminal, redrawn


def test_csv_has_one_row_per_digit_matching_the_lines_read(tmp_path, capsys, model_options, root):
    table = tmp_path / "digits.csv"
    photo = os.path.join(root, "photo_2.png")
    code, out, err = run([photo, "--json", "--csv", str(table), "--out", str(tmp_path), *model_options], capsys)
    assert code == 0, err
    record = json.loads(out)
    with open(table, newline="") as file:
        rows = list(csv.DictReader(file))
    assert list(rows[0]) == performRecognition.CSV_COLUMNS
    assert len(rows) == len(record["digits"])
    assert [(int(row["line"]), int(row["number"]), int(row["position"])) for row in rows] == [
        (digit["line"], digit["number"], digit["position"]) for digit in record["digits"]]
    assert all(row["image"] == photo for row in rows)
    for number, line in enumerate(record["lines"]["cnn"], 1):
        in_line = [row for row in rows if row["line"] == str(number)]
        assert "".join(row["cnn"] for row in in_line) == line
        assert [row["position"] for row in in_line] == [str(position) for position in range(1, len(line) + 1)]
    first = record["digits"][0]
    assert [int(rows[0][key]) for key in ("x", "y", "width", "height")] == first["box"]
    assert float(rows[0]["cnn_confidence"]) == first["cnn_confidence"] and int(rows[0]["svm"]) == first["svm"]


def test_an_image_without_digits_still_gets_its_row_in_the_csv(tmp_path, capsys, model_options, root):
    table, blank = tmp_path / "digits.csv", tmp_path / "blank.png"
    cv2.imwrite(str(blank), np.full((200, 300), 230, np.uint8))
    code, _, err = run([os.path.join(root, "photo_1.png"), str(blank), "--csv", str(table), "--out", str(tmp_path),
                        *model_options], capsys)
    assert code == 0, err
    with open(table, newline="") as file:
        rows = list(csv.DictReader(file))
    assert len(rows) == 9 and rows[-1]["image"] == str(blank)
    assert all(rows[-1][column] == "" for column in performRecognition.CSV_COLUMNS[1:])


def test_a_csv_file_that_cannot_be_written_is_refused_before_any_work(tmp_path, capsys, model_options):
    code, out, err = run(["photo.png", "--csv", str(tmp_path / "no" / "digits.csv"),
                          "--out", str(tmp_path / "out"), *model_options], capsys)
    assert code != 0 and out == "" and "--csv" in one_line(err)
    assert os.listdir(tmp_path) == []


@pytest.mark.parametrize("script, argv, option", [
    (performRecognition, ["--min-confidence", "1.5"], "--min-confidence"),
    (performRecognition, ["--min-confidence", "-1"], "--min-confidence"),
    (performRecognition, ["--min-confidence", "high"], "--min-confidence"),
    (trainSVM, ["--limit", "0"], "--limit"),
    (trainCNN, ["--limit", "-5"], "--limit"),
    (trainCNN, ["--epochs", "0"], "--epochs"),
])
def test_options_out_of_range_are_refused_by_the_parser(capsys, script, argv, option):
    with pytest.raises(SystemExit) as exit:
        script.parse_args(argv)
    assert exit.value.code == 2
    error = one_line(capsys.readouterr().err)
    assert option in error and argv[-1] in error and "--help" in error


def test_options_at_the_ends_of_their_ranges_are_taken():
    assert performRecognition.parse_args(["--min-confidence", "0"]).min_confidence == 0
    assert performRecognition.parse_args(["--min-confidence", "1"]).min_confidence == 1
    assert trainSVM.parse_args(["--limit", "1"]).limit == 1
    assert trainCNN.parse_args(["--epochs", "1"]).epochs == 1


@pytest.mark.parametrize("display", [None, ":97531"])
def test_show_without_a_reachable_display_says_so_once_and_succeeds(tmp_path, capsys, model_options, monkeypatch, display):
    monkeypatch.delenv("WAYLAND_DISPLAY", raising=False)
    if display:
        monkeypatch.setenv("DISPLAY", display)
    else:
        monkeypatch.delenv("DISPLAY", raising=False)
    monkeypatch.setattr(drawing, "show", lambda *_: pytest.fail("tried to open a window"))
    paths = [tmp_path / "a.png", tmp_path / "b.png"]
    for path in paths:
        blank(path)
    code, _, err = run([*map(str, paths), "--show", "--out", str(tmp_path / "out"), *model_options], capsys)
    assert code == 0
    assert "display" in one_line(err) and "saved" in err
    assert len(os.listdir(tmp_path / "out")) == 2


def test_the_legend_is_scaled_to_the_photo_and_leaves_a_small_one_in_view():
    for height, width, largest in ((60, 100, (18, 30)), (1200, 1600, (70, 150))):
        photo = np.full((height, width, 3), 128, np.uint8)
        annotated = drawing.annotate(photo, {"digits": [], "lines": {"cnn": [], "svm": []},
                                                        "page": {"turn": 0, "tilt": 0.0, "sheet": None}})
        rows, columns = np.nonzero((annotated != photo).any(axis=2))
        assert rows.max() + 1 <= largest[0] and columns.max() + 1 <= largest[1], (height, width)
        blue, red = annotated[..., 0].astype(int), annotated[..., 2].astype(int)
        assert (blue > red + 100).any() and (red > blue + 100).any()  # both labels are drawn


@pytest.mark.parametrize("script", ["performRecognition.py", "trainSVM.py", "trainCNN.py", "training/trainJudge.py",
                                    "training/trainPairs.py", "tools/evaluate.py", "tools/figures.py", "tools/bench.py",
                                    "tools/make_photos.py", "tools/print_frames.py", "tools/record_readings.py",
                                    "tools/smallest_digit.py", "tools/crossed_twice.py"])
def test_every_script_starts_from_another_folder(tmp_path, root, script):
    """Each script finds the reader's package and its own neighbours however it is started."""
    completed = subprocess.run([sys.executable, os.path.join(root, script), "--help"],
                               capture_output=True, text=True, cwd=tmp_path)
    assert completed.returncode == 0 and completed.stdout.startswith("usage:"), completed.stderr[-500:]
