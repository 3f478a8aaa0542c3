"""The photos of `make_photos.py --only-handwriting` are what they claim to be. Ruled lines cross
every digit at the stated spacing. Print keeps clear of the handwriting. Frames go around it.
The boxes of the pages of print hold their lines. Plain photos hold nothing. The print is set
only in the held-out fonts. Everything is made the same each time. A made sheet stands in for
the real ones, so that only the last test needs ../shared/photos; no model reads anything."""

import itertools
import json
import os
import string

import cv2
import numpy as np
import pytest

import make_photos
import photo_hazards
import print_fonts

LINES = ["0522", "1234567"]


@pytest.fixture(scope="module")
def sheet(tmp_path_factory):
    """A made sheet in a source folder with its truth.json, its digits' outlines, and what
    `only_handwriting_sheets` makes of it, by name."""
    source = tmp_path_factory.mktemp("source")
    photo, outlines = make_photos.make_sheet(LINES, seed=1, with_digits=True)
    cv2.imwrite(str(source / "sheet.png"), photo)
    (source / "truth.json").write_text(json.dumps({"sheet.png": LINES}))
    made = {name: (kind, image, lines) for kind, name, image, lines in make_photos.only_handwriting_sheets(source)}
    return source, photo, outlines, made


def digit_boxes(photo, outlines, darker=80):
    """Each digit's ink box (x0, y0, x1, y1): the pixels in its outline that are `darker` grey
    levels darker than the paper (the photo's median)."""
    grey = cv2.cvtColor(photo, cv2.COLOR_BGR2GRAY).astype(int)
    boxes = []
    for outline in outlines:
        x0, y0 = np.floor(outline.min(axis=0)).astype(int)
        x1, y1 = np.ceil(outline.max(axis=0)).astype(int)
        rows, columns = np.nonzero(grey[y0:y1, x0:x1] < np.median(grey) - darker)
        boxes.append((x0 + columns.min(), y0 + rows.min(), x0 + columns.max() + 1, y0 + rows.max() + 1))
    return boxes


def centres(flags):
    """The middle of each run of True in `flags`."""
    edges = np.flatnonzero(np.diff(np.concatenate([[0], flags.astype(np.int8), [0]])))
    return (edges[::2] + edges[1::2] - 1) / 2


def drawn(before, after, least=6):
    """Where `after` differs from `before` (both BGR uint8) by at least `least` grey levels."""
    return np.abs(after.astype(int) - before.astype(int)).max(axis=2) >= least


def test_the_held_out_fonts_are_neither_dejavu_nor_hershey_and_are_all_there():
    assert len(print_fonts.TEST_FONTS) >= 5
    assert not any("dejavu" in name.lower() or "hershey" in name.lower() for name in print_fonts.TEST_FONTS)
    assert all(os.path.isfile(print_fonts.font_file(name)) for name in print_fonts.TEST_FONTS)
    with pytest.raises(ValueError):
        print_fonts.font_file("DejaVuSans.ttf")  # the reader's own training font is refused


def test_every_printed_text_has_a_glyph_for_each_character_in_every_held_out_font():
    texts = (make_photos.HEADINGS + make_photos.LABELS + make_photos.CAPTIONS + make_photos.PRINT_SENTENCES +
             make_photos.PRINT_HEADINGS + make_photos.TABLE_ITEMS)
    characters = set("".join(texts)) | set("Week ItemQtyPriceTotal")
    assert characters <= set(string.ascii_letters + string.digits + " .:")
    for name in print_fonts.TEST_FONTS:
        assert print_fonts.missing_glyphs("".join(sorted(characters)), name) == []
    assert print_fonts.missing_glyphs("Total\u4e2d", "cmr10.ttf") == ["\u4e2d"]  # a glyph it lacks is caught
    with pytest.raises(ValueError):
        print_fonts.rendered("Room \u4e2d", "cmr10.ttf", 30)


def test_a_rendered_line_is_as_tall_as_the_font_whatever_its_letters_and_has_the_x_height_asked():
    size = print_fonts.size_for_x_height("STIXGeneral.ttf", 20)
    short, tall = (print_fonts.rendered(text, "STIXGeneral.ttf", size) for text in ("xxx", "Room 214 gjp"))
    assert short.shape[0] == tall.shape[0] and short.dtype == np.float32 and tall.max() == 1
    rows = np.flatnonzero(short.max(axis=1) > 0.5)
    assert abs(rows[-1] - rows[0] + 1 - 20) <= 2


def test_the_writing_found_on_a_sheet_has_its_digits_height_and_lines(sheet):
    _, photo, outlines, _ = sheet
    mask, size, pen = photo_hazards.find_writing(photo)
    heights = [bottom - top for _, top, _, bottom in digit_boxes(photo, outlines)]
    assert 0.85 * np.median(heights) <= size <= 1.15 * np.median(heights) and 2 <= pen <= 0.25 * size
    rows = photo_hazards.writing_rows(mask, size)
    assert len(rows) == len(LINES)
    for x0, y0, x1, y1 in digit_boxes(photo, outlines):
        assert mask[y0:y1, x0:x1].any()


def test_ruled_lines_cross_every_digit_two_or_three_times_at_the_stated_spacing(sheet):
    _, photo, outlines, made = sheet
    _, size, _ = photo_hazards.find_writing(photo)
    for name in ("sheet_ruled.png", "sheet_ruled_grey.png"):
        kind, ruled, lines = made[name]
        assert lines == LINES and ruled.shape == photo.shape
        lines_drawn = drawn(photo, ruled, least=3)
        edge = centres(lines_drawn[:, -3])  # the lines at the photo's right edge, clear of the writing
        spacing = np.median(np.diff(edge))
        assert make_photos.RULED_SPACING[0] <= spacing / size <= make_photos.RULED_SPACING[1]
        assert edge[0] < spacing and edge[-1] > photo.shape[0] - 1 - spacing  # across the whole photo
        for x0, y0, x1, y1 in digit_boxes(photo, outlines):
            crossing = centres(lines_drawn[:, (x0 + x1) // 2])
            assert 2 <= np.sum((crossing >= y0) & (crossing < y1)) <= 3
        darkest = [cv2.cvtColor(image, cv2.COLOR_BGR2GRAY).min() for image in (photo, ruled)]
        assert darkest[1] <= darkest[0]  # multiplied: the ink stays as dark where a line crosses it
    blue, grey = (np.median(image[drawn(photo, image, 20)] / np.maximum(photo[drawn(photo, image, 20)], 1.0), axis=0)
                  for image in (made["sheet_ruled.png"][1], made["sheet_ruled_grey.png"][1]))  # the lines' colour
    assert blue[0] > blue[2] + 0.1 and abs(grey[0] - grey[2]) < 0.02


def test_squared_paper_has_lines_down_as_far_apart_as_across(sheet):
    _, photo, _, made = sheet
    _, size, _ = photo_hazards.find_writing(photo)
    lines_drawn = drawn(photo, made["sheet_squared.png"][1], least=3)
    across, down = centres(lines_drawn[:, -3]), centres(lines_drawn[3])
    for found in (across, down):
        assert make_photos.SQUARED_SPACING[0] <= np.median(np.diff(found)) / size <= make_photos.SQUARED_SPACING[1]
    assert abs(np.median(np.diff(across)) - np.median(np.diff(down))) <= 2


def test_light_on_dark_is_the_negative_and_chalk_lighter_than_its_board(sheet):
    _, photo, outlines, made = sheet
    assert np.array_equal(made["sheet_negative.png"][1], 255 - photo)
    chalk = cv2.cvtColor(made["sheet_chalk.png"][1], cv2.COLOR_BGR2GRAY)
    board = np.median(chalk)
    assert board < 100
    for x0, y0, x1, y1 in digit_boxes(photo, outlines):
        assert chalk[y0:y1, x0:x1].max() > board + 80


def test_printed_words_are_above_below_and_beside_the_handwriting_and_clear_of_it(sheet):
    _, photo, outlines, made = sheet
    kind, printed, lines = made["sheet_printed.png"]
    assert kind == "printed_words" and lines == LINES
    _, size, _ = photo_hazards.find_writing(photo)
    found = cv2.matchTemplate(printed, photo, cv2.TM_SQDIFF)
    left, top = cv2.minMaxLoc(found)[2]
    h, w = photo.shape[:2]
    grey = cv2.cvtColor(printed, cv2.COLOR_BGR2GRAY).astype(int)
    print_mask = grey < np.median(grey) - 60  # the print on the paper added around the sheet, ...
    print_mask[top:top + h, left:left + w] = drawn(photo, printed[top:top + h, left:left + w])  # ... and on it
    assert print_mask[:top].any() and print_mask[top + h:].any()  # a heading above, a caption below
    boxes = digit_boxes(photo, outlines)
    beside = print_mask[top + boxes[0][1]:top + boxes[0][3], :left + min(box[0] for box in boxes)]
    assert beside.any()  # a label left of the first line
    clear = int(0.3 * size)
    for x0, y0, x1, y1 in boxes:
        x0, y0, x1, y1 = left + x0 - clear, top + y0 - clear, left + x1 + clear, top + y1 + clear
        assert not print_mask[max(0, y0):y1, max(0, x0):x1].any()


@pytest.mark.parametrize("name", ["sheet_frame.png", "sheet_line_boxes.png"])
def test_frames_go_around_the_writing_clear_of_the_digits(sheet, name):
    _, photo, outlines, made = sheet
    kind, framed, lines = made[name]
    assert kind == "framed" and lines == LINES
    _, size, _ = photo_hazards.find_writing(photo)
    frame = drawn(photo, framed, least=40)
    boxes = digit_boxes(photo, outlines)
    clear = int(0.25 * size)  # FRAME_MARGIN less the wobble, and less between close lines
    for x0, y0, x1, y1 in boxes:
        if name == "sheet_frame.png":
            assert not frame[y0 - clear:y1 + clear, x0 - clear:x1 + clear].any()
        assert not frame[y0:y1, x0 - clear:x1 + clear].any() and not frame[y0 - clear // 2:y1 + clear // 2, x0:x1].any()
    x0, y0 = min(box[0] for box in boxes), min(box[1] for box in boxes)
    x1, y1 = max(box[2] for box in boxes), max(box[3] for box in boxes)
    middle_row, middle_column = (y0 + y1) // 2, (x0 + x1) // 2
    assert frame[middle_row, :x0].any() and frame[middle_row, x1:].any()  # left and right of the writing
    assert frame[:y0, middle_column].any() and frame[y1:, middle_column].any()  # above and below it
    between = frame[boxes[3][3]:boxes[4][1], middle_column]  # between the two lines of writing
    assert between.any() == (name == "sheet_line_boxes.png")


def test_a_page_of_print_holds_no_handwriting_and_its_line_boxes_hold_its_lines():
    name, stored, boxes = next(make_photos.print_pages())
    photo = cv2.imdecode(np.frombuffer(stored, np.uint8), cv2.IMREAD_COLOR)
    assert name.endswith(".jpg") and make_photos.PRINT_WIDTH[0] <= photo.shape[1] <= make_photos.PRINT_WIDTH[1]
    assert len(boxes) > 20
    grey = cv2.cvtColor(photo, cv2.COLOR_BGR2GRAY).astype(int)
    lines = np.zeros(grey.shape, bool)
    for x, y, w, h in boxes:
        assert 0 <= x and 0 <= y and x + w <= photo.shape[1] and y + h <= photo.shape[0] and w > 3 and h > 3
        assert grey[y:y + h, x:x + w].min() < np.median(grey) - 80  # print in each box
        lines[y:y + h, x:x + w] = True
    ink = grey < np.median(grey) - 80
    assert ink[lines].sum() > 0.97 * ink.sum()  # and all the print in the boxes
    tops = sorted(y for _, y, _, _ in boxes)
    assert all(below > above for above, below in zip(tops, tops[1:]))


def test_plain_photos_hold_nothing_but_the_surface():
    made = dict(make_photos.plain_photos())
    assert made["tiny_10.png"].shape == (10, 10, 3) and made["crop_24.png"].shape == (24, 24, 3)
    for name, photo in made.items():
        if min(photo.shape[:2]) > 100:  # nothing as dark as a pen's stroke against what is around it
            assert photo_hazards.darkness(photo).max() < 60, name


def test_the_photos_are_the_same_each_time_they_are_made(sheet):
    source, _, _, made = sheet
    again = {name: image for _, name, image, _ in make_photos.only_handwriting_sheets(source)}
    assert sorted(again) == sorted(made) and all(np.array_equal(again[name], made[name][1]) for name in made)
    assert next(make_photos.print_pages()) == next(make_photos.print_pages())
    first, second = dict(make_photos.plain_photos()), dict(make_photos.plain_photos())
    assert all(np.array_equal(first[name], second[name]) for name in first)


def test_each_kind_is_written_in_its_folder_with_its_truth(sheet, tmp_path, monkeypatch):
    source = sheet[0]
    one_page = make_photos.print_pages
    monkeypatch.setattr(make_photos, "print_pages", lambda: itertools.islice(one_page(), 1))  # one page is enough here
    written = make_photos.save_only_handwriting(source, tmp_path)
    assert sorted(written) == sorted(("ruled", "ruled_grey", "squared", "light_on_dark", "printed_words", "framed",
                                      "print_page", "plain"))
    for kind, truth in written.items():
        assert json.loads((tmp_path / kind / "truth.json").read_text()) == truth
        assert all((tmp_path / kind / name).is_file() for name in truth)
        assert all(lines == ([] if kind in ("print_page", "plain") else LINES) for lines in truth.values())
    boxes = json.loads((tmp_path / "print_page" / "print_lines.json").read_text())
    assert sorted(boxes) == sorted(written["print_page"])


def test_the_writing_on_each_real_sheet_is_found_in_rows_no_more_than_its_lines(root):
    folder = os.path.join(os.path.dirname(root), "shared", "photos")
    if not os.path.isfile(os.path.join(folder, "truth.json")):
        pytest.skip(f"no shared photos: {folder}/truth.json is not there")
    from digitreader import imaging
    truth = json.loads(open(os.path.join(folder, "truth.json")).read())
    for name, lines in truth.items():
        if name in make_photos.NOT_SHEETS:
            continue
        photo = imaging.read_image(os.path.join(folder, name))
        mask, size, pen = photo_hazards.find_writing(photo)
        rows = photo_hazards.writing_rows(mask, size)
        assert 1 <= len(rows) <= len(lines), name
        assert all(0.8 * size <= bottom - top for top, bottom, _, _ in rows), name
        assert 0.01 * photo.shape[0] < size < 0.4 * photo.shape[0] and 1 <= pen < size / 4, name
