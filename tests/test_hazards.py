"""Each hazard of real phone photos, on its own, in a photo the project makes with known truth."""

import numpy as np
import pytest

import digit_finder
import evaluate
import make_photos
import performRecognition

LINES = ["0522", "1234567", "98316"]
SEEDS = (0, 1, 3)


def character_errors(cnn, svm, hazards, seeds=SEEDS):
    """CNN character errors over a few sheets with these hazards, and the digits they hold."""
    errors = digits = 0
    for seed in seeds:
        image = make_photos.make_sheet(LINES, seed=seed, hazards=hazards)
        found, true_digits, _ = evaluate.score(performRecognition.recognize(image, cnn, svm)["lines"]["cnn"], LINES)
        errors, digits = errors + found, digits + true_digits
    return errors, digits


@pytest.mark.parametrize("hazard", ["shadow", "gradient", "tinted_paper", "blue_ink", "specks", "dark_border"])
def test_light_paper_ink_and_clutter_are_read_exactly(cnn, svm, hazard):
    assert character_errors(cnn, svm, (hazard,)) == (0, 48)


def test_a_thin_pen_pressed_lightly_is_read(cnn, svm):
    errors, digits = character_errors(cnn, svm, ("thin_pen",))
    assert errors <= 0.05 * digits


def test_specks_and_the_table_get_no_box(cnn, svm):
    for hazards in (("specks",), ("dark_border",)):
        image = make_photos.make_sheet(LINES, seed=2, hazards=hazards)
        result = performRecognition.recognize(image, cnn, svm)
        assert len(result["digits"]) == sum(map(len, LINES)), hazards


def test_digits_in_several_pieces_are_mostly_one_box_each(cnn, svm):
    errors, digits = character_errors(cnn, svm, ("broken",))
    assert errors <= 0.1 * digits


def test_touching_digits_are_cut_apart(cnn, svm, monkeypatch):
    errors, digits = character_errors(cnn, svm, ("touching",))
    monkeypatch.setattr(digit_finder, "segmentations", lambda blob, *rest: [([blob], 0.0)])
    uncut_errors, _ = character_errors(cnn, svm, ("touching",))
    assert errors <= 0.35 * digits and errors <= 0.8 * uncut_errors, (errors, uncut_errors)


def test_reading_order_survives_tails_and_two_columns(cnn, svm):
    """Two groups far apart on one line stay one line; lines come top to bottom."""
    image = make_photos.make_sheet(["12    34", "7979", "5 6"], seed=5)
    assert performRecognition.recognize(image, cnn, svm)["lines"]["cnn"] == ["1234", "7979", "56"]


def test_small_and_large_photos_read_alike(cnn, svm):
    import cv2
    image = make_photos.make_sheet(LINES, seed=0)
    for width in (450, 4000):
        scaled = cv2.resize(image, (width, width * image.shape[0] // image.shape[1]), interpolation=cv2.INTER_AREA)
        assert performRecognition.recognize(scaled, cnn, svm)["lines"]["cnn"] == LINES, width
    assert np.array_equal(make_photos.make_sheet(LINES, seed=0), image)  # same photo each time
