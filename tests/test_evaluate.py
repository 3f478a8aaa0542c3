"""The evaluator: its arithmetic, and a run over a folder of labelled photos."""

import json
import os
import re
import shutil

import cv2
import pytest

import evaluate
import make_photos


@pytest.mark.parametrize("read, truth, distance", [
    ("0522", "0522", 0), ("052", "0522", 1), ("05222", "0522", 1), ("0532", "0522", 1), ("", "12", 2),
    ("12|34", "1234", 1), ("2501", "0522", 3),
])
def test_edit_distance(read, truth, distance):
    assert evaluate.edit_distance(read, truth) == distance


def test_score_counts_errors_across_lines_and_exact_lines():
    assert evaluate.score(["0522", "1234"], ["0522", "1234"]) == (0, 8, 2)
    assert evaluate.score(["0522", "124"], ["0522", "1234"]) == (1, 8, 1)
    assert evaluate.score(["05221234"], ["0522", "1234"]) == (1, 8, 0)  # a missed line break counts
    assert evaluate.score([], ["0522"]) == (4, 4, 0)


def test_a_folder_of_labelled_photos_is_measured(tmp_path, root, capsys):
    truth = {"a.png": ["0522", "1234567"], "b.png": ["98316"]}
    for seed, (name, lines) in enumerate(truth.items()):
        cv2.imwrite(str(tmp_path / name), make_photos.make_sheet(lines, seed=seed))
    (tmp_path / "truth.json").write_text(json.dumps(truth))
    evaluate.main([str(tmp_path), "--cnn", f"{root}/cnn.h5", "--svm", f"{root}/digits_cls.pkl"])
    table = capsys.readouterr().out.splitlines()
    total = table[-1].split()
    assert total[:3] == ["total", "16", "0.000"] and total[3] == "3/3"


def test_a_bad_truth_file_is_one_line(tmp_path, root, capsys):
    (tmp_path / "truth.json").write_text('{"a.png": "0522"}')
    with pytest.raises(SystemExit) as exit:
        evaluate.main([str(tmp_path), "--cnn", f"{root}/cnn.h5", "--svm", f"{root}/digits_cls.pkl"])
    assert "truth.json" in str(exit.value) and "\n" not in str(exit.value)


def test_a_missing_photo_is_reported_and_the_others_are_scored(tmp_path, root, capsys):
    truth = {"here.png": ["0522"], "gone.png": ["98316"]}
    cv2.imwrite(str(tmp_path / "here.png"), make_photos.make_sheet(truth["here.png"], seed=1))
    (tmp_path / "truth.json").write_text(json.dumps(truth))
    with pytest.raises(SystemExit) as exit:
        evaluate.main([str(tmp_path), "--cnn", f"{root}/cnn.h5", "--svm", f"{root}/digits_cls.pkl"])
    assert exit.value.code == 1
    captured = capsys.readouterr()
    assert "gone.png" in captured.err and "no such file" in captured.err and len(captured.err.splitlines()) == 1
    table = captured.out.splitlines()
    assert [line.split()[0] for line in table] == ["photo", "here.png", "total"]
    assert table[-1].split()[:3] == ["total", "4", "0.000"]


def test_the_columns_fit_long_photo_names(tmp_path, root, capsys):
    long_name = "a photo with a name much longer than twenty characters.png"
    truth = {long_name: ["0522"], "b.png": ["98316"]}
    for seed, (name, lines) in enumerate(truth.items()):
        cv2.imwrite(str(tmp_path / name), make_photos.make_sheet(lines, seed=seed))
    (tmp_path / "truth.json").write_text(json.dumps(truth))
    evaluate.main([str(tmp_path), "--cnn", f"{root}/cnn.h5", "--svm", f"{root}/digits_cls.pkl"])
    table = capsys.readouterr().out.splitlines()
    digits_end = table[0].index("digits") + len("digits")
    assert [line[:digits_end].split()[-1] for line in table] == ["digits", "4", "5", "9"]
    assert len({len(line) for line in table}) == 1


def test_another_truth_file_measures_the_shipped_samples(root, capsys):
    evaluate.main([root, "--truth", f"{root}/photos.json"])
    total = capsys.readouterr().out.splitlines()[-1].split()
    assert total[:3] == ["total", "30", "0.000"] and total[3] == "5/5"


def test_a_fresh_stress_set_of_some_kinds_holds_only_those_and_those_seeds(tmp_path):
    truth = make_photos.save_stress_photos(tmp_path, range(12, 14), ["touching", "exif_6"])
    assert sorted(truth) == ["exif_6_12.jpg", "exif_6_13.jpg", "touching_12.png", "touching_13.png"]
    assert json.loads((tmp_path / "truth.json").read_text()) == truth
    assert truth["touching_12.png"] == make_photos.STRESS_LINES[12 % len(make_photos.STRESS_LINES)]


def test_the_variants_of_labelled_photos_are_labelled_and_the_poorly_taken_ones_read(tmp_path, root, cnn, svm):
    source = tmp_path / "source"
    source.mkdir()
    shutil.copy(os.path.join(root, "photo_1.png"), source)
    with open(os.path.join(root, "photos.json")) as truth_file:
        lines = json.load(truth_file)["photo_1.png"]
    (source / "truth.json").write_text(json.dumps({"photo_1.png": lines}))
    written = make_photos.save_photo_variants(source, tmp_path / "variants")
    assert {kind: len(truth) for kind, truth in written.items()} == {
        "turn": 3, "tilt": 4, "table": 3, "narrow": 3, "poor": 5, "shadow": 4, "bold": 2, "exif": 3,
        "angle": 1, "table_turned": 6, "white_desk": 3}
    for kind, truth in written.items():
        folder = tmp_path / "variants" / kind
        assert json.loads((folder / "truth.json").read_text()) == truth
        assert sorted(path.name for path in folder.iterdir() if path.name != "truth.json") == sorted(truth)
    poor = evaluate.read_photos(tmp_path / "variants" / "poor", written["poor"])
    _, total = evaluate.evaluate(poor, written["poor"], cnn, svm, 0.5)
    assert total["cnn_errors"] == 0, total


def test_a_stress_kind_may_join_hazards_and_a_misspelt_one_is_refused(tmp_path):
    truth = make_photos.save_stress_photos(tmp_path, [12], ["touching+turn_180"])
    assert list(truth) == ["touching+turn_180_12.png"]
    assert make_photos.stress_kind("touching+turn_180") == ("touching+turn_180", ("touching", "turn_180"))
    with pytest.raises(ValueError, match="touchng"):
        make_photos.stress_kind("touchng+turn_180")


def test_verbose_says_what_each_model_read_how_the_page_was_turned_and_how_long_it_took(tmp_path, capsys):
    make_photos.save_stress_photos(tmp_path, [0], ["turn_180"])
    evaluate.main([str(tmp_path), "--verbose"])
    lines = make_photos.STRESS_LINES[0]
    first = capsys.readouterr().out.splitlines()[0]
    assert first.startswith(f"turn_180_0.png: CNN {' / '.join(lines)} | SVM ") and re.search(r" \| turned 180° \| \d+\.\d\d s$", first)
