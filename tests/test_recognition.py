"""Recognition of the sample photos and the shape of what it prints and writes."""

import importlib.metadata
import json
import os
import re

import cv2
import numpy as np
import pytest

import make_photos
import performRecognition
from digitreader import Reader, RecognitionError, imaging, pipeline


@pytest.fixture(scope="module")
def truth(root):
    with open(os.path.join(root, "photos.json")) as file:
        return json.load(file)


@pytest.mark.parametrize("name", ["photo_1.png", "photo_2.png"])
def test_the_sample_photos_are_read_exactly_by_the_cnn(root, cnn, svm, truth, name):
    image = imaging.read_image(os.path.join(root, name))
    result = pipeline.recognize(image, cnn, svm)
    assert result["lines"]["cnn"] == truth[name]


def test_the_photo_maker_makes_the_same_photos_every_time(tmp_path):
    first, second = tmp_path / "first", tmp_path / "second"
    assert make_photos.save_sample_photos(str(first)) == make_photos.save_sample_photos(str(second))
    for name in sorted(os.listdir(first)):
        assert (first / name).read_bytes() == (second / name).read_bytes(), name


def versions_not_pinned(lock):
    """The packages whose installed version is not the one the lock file pins, as 'name x (pinned y)'."""
    differ = []
    with open(lock) as file:
        for name, pinned in re.findall(r"^([A-Za-z0-9_.-]+)==([^\s\\]+)", file.read(), re.MULTILINE):
            try:
                installed = importlib.metadata.version(name)
            except importlib.metadata.PackageNotFoundError:
                installed = "missing"
            if installed != pinned:
                differ.append(f"{name} {installed} (pinned {pinned})")
    return differ


def test_the_sample_photos_are_what_the_photo_maker_draws_with_the_pinned_libraries(tmp_path, root, truth):
    """Another OpenCV draws text and smooths a little differently: the shipped bytes are only
    expected from the versions in requirements.lock (make photos draws them anew)."""
    differ = versions_not_pinned(os.path.join(root, "requirements.lock"))
    if differ:
        pytest.skip("not the pinned libraries: " + ", ".join(differ))
    assert make_photos.save_sample_photos(str(tmp_path)) == truth
    for name in truth:
        made = cv2.imread(str(tmp_path / name))
        shipped = cv2.imread(os.path.join(root, name))
        assert np.array_equal(made, shipped), f"{name} is not what tools/make_photos.py makes"


def test_json_output_has_the_documented_fields(tmp_path, root, capsys):
    performRecognition.main([os.path.join(root, "photo_2.png"), "--json", "--out", str(tmp_path),
                             "--cnn", os.path.join(root, "cnn.h5"), "--svm", os.path.join(root, "digits_cls.pkl")])
    lines = capsys.readouterr().out.strip().splitlines()
    assert len(lines) == 1
    record = json.loads(lines[0])
    assert set(record) == {"image", "result", "digits", "lines", "page", "warnings"} and record["warnings"] == []
    assert record["page"] == {"turn": 0, "turn_confidence": 1.0, "tilt": 0.0, "sheet": None}
    assert record["image"] == os.path.join(root, "photo_2.png")
    assert record["result"] == os.path.join(str(tmp_path), "photo_2_result.png")
    assert record["lines"]["cnn"] == ["0522", "1234567", "98316", "740825"]
    assert [(digit["line"], digit["position"]) for digit in record["digits"]] == [
        (line, position) for line, digits in enumerate(record["lines"]["cnn"], 1) for position in range(1, len(digits) + 1)]
    for digit in record["digits"]:
        assert set(digit) == {"box", "outline", "line", "number", "position", "cnn", "cnn_confidence", "svm"}
        assert digit["number"] == 1  # one number a line: no wide gaps on this sheet
        assert len(digit["box"]) == 4 and all(isinstance(value, int) for value in digit["box"])
        assert np.array(digit["outline"]).shape == (4, 2)
        assert all(len(repr(value)) <= 8 for corner in digit["outline"] for value in corner)  # rounded to 0.1
        assert 0 <= digit["cnn"] <= 9 and 0 <= digit["svm"] <= 9 and 0 <= digit["cnn_confidence"] <= 1
    assert os.path.isfile(tmp_path / "photo_2_result.png")


def test_the_reader_reads_a_path_or_an_array_into_plain_data(root):
    reader = Reader()
    from_path = reader.read(os.path.join(root, "photo_1.png"))
    array = imaging.read_image(os.path.join(root, "photo_1.png"))
    with_regions = reader.read(array, regions=True)
    assert from_path["lines"]["cnn"] == ["40715283"]
    assert json.loads(json.dumps(from_path)) == from_path
    assert [{key: value for key, value in digit.items() if key != "region"} for digit in with_regions["digits"]] \
        == from_path["digits"]
    assert all(np.array(digit["region"]).shape == (28, 28) for digit in with_regions["digits"])
    with pytest.raises(RecognitionError, match="no such file"):
        reader.read(os.path.join(root, "no such photo.png"))


def test_the_annotated_photo_and_the_regions_are_written(tmp_path, root, capsys):
    performRecognition.main([os.path.join(root, "photo_2.png"), "--save-regions", "--out", str(tmp_path),
                             "--cnn", os.path.join(root, "cnn.h5"), "--svm", os.path.join(root, "digits_cls.pkl")])
    printed = capsys.readouterr().out
    assert "CNN line 2: 1234567" in printed
    annotated = cv2.imread(str(tmp_path / "photo_2_result.png"))
    original = cv2.imread(os.path.join(root, "photo_2.png"))
    assert annotated.shape == original.shape and not np.array_equal(annotated, original)
    assert cv2.imread(str(tmp_path / "photo_2_regions.png")) is not None
    assert sorted(os.listdir(tmp_path)) == ["photo_2_regions.png", "photo_2_result.png"]


def test_boxes_are_in_the_original_pixels_of_a_large_photo(cnn, svm):
    lines = ["40715283"]
    small = make_photos.make_sheet(lines, seed=4, width=1000)
    large = cv2.resize(small, None, fx=4, fy=4, interpolation=cv2.INTER_CUBIC)
    small_result = pipeline.recognize(small, cnn, svm)
    large_result = pipeline.recognize(large, cnn, svm)
    assert small_result["lines"]["cnn"] == large_result["lines"]["cnn"] == lines
    for small_digit, large_digit in zip(small_result["digits"], large_result["digits"]):
        assert np.allclose(np.array(large_digit["box"]) / 4, small_digit["box"], atol=3)


def test_min_confidence_drops_the_regions_the_cnn_is_less_sure_of(cnn, svm):
    """Touching digits, cut apart, are read less surely: a threshold between two confidences
    keeps exactly the digits at or above it."""
    sheet = make_photos.make_sheet(make_photos.STRESS_LINES[0], seed=17, hazards=("touching",))
    everything = pipeline.recognize(sheet, cnn, svm, min_confidence=0.0)["digits"]
    confidences = sorted({digit["cnn_confidence"] for digit in everything})  # rounded to 4 places
    gaps = [(low + high) / 2 for low, high in zip(confidences, confidences[1:]) if high - low > 0.001]
    assert gaps
    threshold = gaps[len(gaps) // 2]  # halfway between two confidences, far from either's rounding
    kept = pipeline.recognize(sheet, cnn, svm, min_confidence=threshold)["digits"]
    assert 0 < len(kept) < len(everything)
    assert sorted(digit["box"] for digit in kept) == sorted(digit["box"] for digit in everything
                                                            if digit["cnn_confidence"] >= threshold)


def test_an_image_without_digits_reads_nothing(cnn, svm):
    blank = np.full((300, 400, 3), 230, np.uint8)
    assert pipeline.recognize(blank, cnn, svm) == {"digits": [], "lines": {"cnn": [], "svm": []},
                                                             "page": {"turn": 0, "turn_confidence": 1.0, "tilt": 0.0,
                                                                      "sheet": None},
                                                             "warnings": []}
