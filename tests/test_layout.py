"""Layout: lines from the digits' own positions (tilted, curved, a list), numbers side by side,
which way up a page is and how sure, and how the layout kinds of photo are scored."""

import json

import numpy as np
import pytest

import evaluate
import layout_report
import make_photos
from digitreader import layout, page, photo_warnings, pieces_of_ink, pipeline


def digit(x, y, width=30, height=50):
    """A piece of ink the size of a digit: a box of ink, its top-left at (x, y)."""
    return pieces_of_ink.Blob(int(round(x)), int(round(y)), width, height, np.ones((height, width), bool))


def written(lines, tilt=0.0, bend=0.0, pitch=40, line_gap=80, height=50):
    """Pieces for `lines` (digit strings; a space a wider gap), each line rising `tilt` degrees
    counter-clockwise, and bowed by `bend` px at its middle."""
    pieces = []
    for row, text in enumerate(lines):
        for column, char in enumerate(text):
            if char == " ":
                continue
            along = column * pitch
            middle = (len(text) - 1) * pitch / 2
            bow = bend * (1 - (along / middle - 1) ** 2) if middle else 0.0
            x = along * np.cos(np.radians(tilt))
            y = row * line_gap - along * np.sin(np.radians(tilt)) + bow
            pieces.append(digit(x + 100, y + 400, height=height))
    return pieces


def line_lengths(pieces, height=50):
    return [len(line) for line in layout.reading_order(pieces, height)]


@pytest.mark.parametrize("tilt", [-15, -8, 0, 8, 15])
def test_lines_tilted_up_to_15_degrees_stay_whole(tilt):
    assert line_lengths(written(["12345678", "1234567", "123456789"], tilt=tilt)) == [8, 7, 9]


def test_a_gently_curved_line_stays_whole():
    assert line_lengths(written(["123456789012", "1234567890"], bend=30)) == [12, 10]


def test_a_list_of_one_digit_a_line_is_as_many_lines():
    pieces = written(list("123456789"))
    lines = layout.reading_order(pieces, 50)
    assert [len(line) for line in lines] == [1] * 9
    assert [line[0].y for line in lines] == sorted(piece.y for piece in pieces)  # top to bottom


def test_lines_come_top_to_bottom_and_each_left_to_right():
    pieces = written(["123", "45"])
    lines = layout.reading_order(list(reversed(pieces)), 50)
    assert [[piece.x for piece in line] for line in lines] == [[100, 140, 180], [100, 140]]


def test_a_gap_much_wider_than_between_digits_starts_a_number():
    pieces = written(["1234  567", "12  34"], pitch=40)
    lines = layout.reading_order(pieces, 50)
    assert layout.numbers(lines, 50) == [[0, 0, 0, 0, 1, 1, 1], [0, 0, 1, 1]]


def test_digits_spaced_evenly_wide_are_one_number():
    """Digits written far apart, every gap alike (real_05's are 1.5 heights apart), are one number."""
    pieces = written(["123456", "7890"], pitch=110)
    assert layout.numbers(layout.reading_order(pieces, 50), 50) == [[0] * 6, [0] * 4]


def test_the_lines_text_has_a_space_between_numbers_and_the_json_a_number_for_each_digit(cnn, svm):
    result = pipeline.recognize(make_photos.make_sheet(["3141 592", "27 18"], seed=2), cnn, svm)
    assert result["lines"]["cnn"] == ["3141 592", "27 18"]
    assert [(digit["line"], digit["number"]) for digit in result["digits"]] == [
        (1, 1)] * 4 + [(1, 2)] * 3 + [(2, 1)] * 2 + [(2, 2)] * 2


@pytest.mark.parametrize("kind", ["list", "pencil_list", "list+turn_90", "pencil_list+turn_180", "groups+turn_270"])
def test_a_list_and_numbers_side_by_side_are_read_line_for_line_whichever_way_the_page_lies(cnn, svm, kind):
    """A column of single digits is not a line turned a quarter: read upright, nine lines; and
    turned, it is read the right way up."""
    lines, notebook = make_photos.stress_lines(kind, seed=1)
    hazards = make_photos.stress_kind(kind)[1]
    result = pipeline.recognize(make_photos.make_sheet(lines, seed=1, hazards=hazards, notebook=notebook), cnn, svm)
    assert result["lines"]["cnn"] == lines
    assert result["page"]["turn"] == layout_report.true_turn(kind) and result["page"]["turn_confidence"] >= 0.9


@pytest.mark.parametrize("tilt", [-25, -10, 10, 25])
def test_the_tilt_is_found_from_the_rows_the_ink_gathers_into(tilt):
    """Lines of digit boxes turned by `tilt`: the tilt found within a degree."""
    pieces = written(["12345678", "1234567", "123456789", "12345"], tilt=tilt)
    assert page.layout_tilt(pieces, stroke=3) == pytest.approx(tilt, abs=1)


def test_a_list_tilted_is_measured_by_its_column_and_only_then():
    """A list's column gathers into one column turned back by its tilt; its rows, turned ever
    further, only gather more, so rows would say 45 degrees."""
    pieces = written(list("123456789"), tilt=0)
    turned = [digit(piece.x + (piece.y - 400) * np.tan(np.radians(8)), piece.y) for piece in pieces]  # leaning 8 degrees
    assert page.in_a_column(turned)
    assert page.layout_tilt(turned, 3, up_and_down=True) == pytest.approx(8, abs=1)


def test_no_tilt_unless_the_rows_gather_clearly_more_sharply():
    """A few short lines stacked gather into slanting rows by chance; upright is kept unless
    the rows are TILT_GAIN times as sharp."""
    pieces = written(["14", "41", "17", "71", "16", "61"])
    assert page.layout_tilt(pieces, 3) == 0.0


@pytest.mark.parametrize("lines, turns", [
    (["1234567", "89012"], (0, 180)),  # close side by side: a line
    (list("1234567"), (0, 90, 180, 270)),  # a list, as far apart as lines
])
def test_the_layout_narrows_the_turns_tried(lines, turns):
    assert page.turns_to_try(written(lines, pitch=35), 50) == turns


def test_close_pieces_one_above_the_other_are_a_line_turned_a_quarter():
    pieces = [digit(100, 100 + 35 * index, width=50, height=30) for index in range(7)]
    assert page.turns_to_try(pieces, 50) == (90, 270)


def test_lines_from_a_common_left_margin_say_upright():
    ragged_right = written(["1234567", "123", "12345", "1"])
    assert page.margin_evidence(ragged_right, 50) > 0
    upside_down = [digit(1000 - piece.x, 1000 - piece.y) for piece in ragged_right]
    assert page.margin_evidence(upside_down, 50) < 0
    assert page.margin_evidence(written(["1234"]), 50) == 0.0


@pytest.mark.parametrize("margin, confidence", [(0, 0.5), (1, 0.909), (2, 0.990)])
def test_turn_confidence_grows_with_the_lead_in_nines(margin, confidence):
    assert page.turn_confidence(margin) == pytest.approx(confidence, abs=0.001)


@pytest.mark.parametrize("confidence, warned", [(0.89, True), (0.91, False)])
def test_a_turn_in_doubt_is_warned_of(confidence, warned):
    regions = [pipeline.Digit((10, 10, 20, 30), np.zeros((28, 28), np.uint8), 0, np.eye(10)[3])] * 3
    image = np.full((100, 100), 230, np.uint8)
    found = photo_warnings.photo_warnings(image, regions, turn_confidence=confidence)
    assert any("which way up" in warning for warning in found) == warned


def test_spaces_are_scored_only_where_the_truth_has_them():
    assert evaluate.score(["12 34", "5"], ["1234", "5"]) == (0, 5, 2)  # a form's fields joined
    assert evaluate.score(["1234", "5"], ["12 34", "5"]) == (1, 5, 1)  # a missing space is an error
    assert evaluate.score(["12 34", "5"], ["12 34", "5"]) == (0, 5, 2)


def test_a_truth_file_may_hold_numbers_side_by_side(tmp_path):
    (tmp_path / "truth.json").write_text(json.dumps({"a.png": ["12 345", "6"]}))
    assert evaluate.load_truth(tmp_path / "truth.json") == {"a.png": ["12 345", "6"]}


@pytest.mark.parametrize("name, turn", [("real_01_turn90.png", 90), ("real_02_wood_turn180.png", 180),
                                        ("list+turn_270_2.png", 270), ("real_03_exif6.jpg", 0), ("sheet_a.png", 0)])
def test_the_report_knows_each_photos_true_turn_from_its_name(name, turn):
    assert layout_report.true_turn(name) == turn
