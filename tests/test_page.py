"""Photos as phones take them: EXIF tags, a sheet on a table, seen at an angle, turned, tilted, on
a busy background; each alone and combined, in photos the project makes with known truth."""

import io
import json
import time

import cv2
import numpy as np
import pytest
from PIL import Image, ImageOps

import digit_finder
import evaluate
import make_photos
import page
import performRecognition

LINES = ["0522", "1234567", "98316"]
SEEDS = (0, 1, 3)
DIGITS = sum(map(len, LINES))


def read_sheets(cnn, svm, hazards, seeds=SEEDS):
    """The CNN's character errors over a few sheets with these hazards, and each page found."""
    errors, pages = 0, []
    for seed in seeds:
        result = performRecognition.recognize(make_photos.make_sheet(LINES, seed=seed, hazards=hazards), cnn, svm)
        errors += evaluate.score(result["lines"]["cnn"], LINES)[0]
        pages.append(result["page"])
    return errors, pages


def tagged(array, orientation, format):
    """`array` encoded as `format` with an EXIF orientation tag."""
    exif = Image.Exif()
    exif[page.EXIF_ORIENTATION] = orientation
    buffer = io.BytesIO()
    Image.fromarray(array).save(buffer, format, exif=exif)
    return buffer.getvalue()


@pytest.mark.parametrize("orientation", range(1, 9))
def test_every_exif_orientation_turns_the_pixels_as_viewers_do(orientation):
    stored = np.random.default_rng(orientation).integers(0, 256, (5, 8, 3), dtype=np.uint8)
    data = tagged(stored, orientation, "PNG")
    assert page.exif_orientation(data) == orientation
    with Image.open(io.BytesIO(data)) as image:
        displayed = np.asarray(ImageOps.exif_transpose(image))
    assert np.array_equal(page.as_displayed(stored, orientation), displayed)


@pytest.mark.parametrize("array", [np.arange(24, dtype=np.uint8).reshape(4, 6) * 10,
                                   np.arange(24, dtype=np.uint16).reshape(4, 6) * 2000,
                                   np.arange(96, dtype=np.uint8).reshape(4, 6, 4)],
                         ids=["grey", "16-bit", "alpha"])
def test_a_tagged_png_is_read_turned_keeping_its_depth_and_channels(tmp_path, array):
    path = tmp_path / "tagged.png"
    path.write_bytes(tagged(array, 6, "PNG"))
    image = performRecognition.read_image(str(path))
    assert image.dtype == array.dtype and image.shape[:2] == (6, 4)
    assert image.ndim == array.ndim and (image.ndim == 2 or image.shape[2] == array.shape[2])


def test_photos_without_a_tag_or_unreadable_by_pillow_are_left_as_they_are():
    assert page.exif_orientation(b"not an image at all") == 1
    assert page.exif_orientation(cv2.imencode(".png", np.zeros((3, 3), np.uint8))[1].tobytes()) == 1


@pytest.mark.parametrize("tag", make_photos.EXIF_TAGS)
def test_a_jpeg_stored_sideways_is_read_as_displayed(cnn, svm, tmp_path, tag, capsys, root):
    photo = make_photos.make_sheet(LINES, seed=0)
    path = tmp_path / f"phone_{tag}.jpg"
    path.write_bytes(make_photos.stored_jpeg(photo, tag))
    stored = cv2.imread(str(path), cv2.IMREAD_UNCHANGED)
    assert stored.shape[:2] == (photo.shape[:2] if tag == 3 else photo.shape[1::-1])
    displayed = performRecognition.read_image(str(path))
    assert displayed.shape == photo.shape and np.abs(displayed.astype(int) - photo).mean() < 4
    performRecognition.main([str(path), "--json", "--out", str(tmp_path), "--cnn", f"{root}/cnn.h5",
                             "--svm", f"{root}/digits_cls.pkl"])
    record = json.loads(capsys.readouterr().out)
    assert record["lines"]["cnn"] == LINES and record["page"]["turn"] == 0


@pytest.mark.parametrize("hazards", [("table",), ("angle",), ("busy",)])
def test_a_sheet_on_a_table_is_found_and_read(cnn, svm, hazards):
    errors, pages = read_sheets(cnn, svm, hazards)
    assert errors == 0
    assert all(found["sheet"] is not None for found in pages), pages


def test_the_table_around_a_sheet_that_fills_the_photo_gives_no_outline(cnn, svm):
    for hazards in ((), ("shadow",), ("dark_border",)):
        for found in read_sheets(cnn, svm, hazards, seeds=(0,))[1]:
            assert found["sheet"] is None or hazards == ("dark_border",), (hazards, found)


@pytest.mark.parametrize("turn", [90, 180, 270])
def test_a_turned_photo_is_read_upright_and_its_turn_reported(cnn, svm, turn):
    errors, pages = read_sheets(cnn, svm, (f"turn_{turn}",))
    assert errors == 0 and all(found["turn"] == turn for found in pages), pages


def test_tilted_lines_are_straightened_from_the_digits_own_layout(cnn, svm):
    errors, pages = read_sheets(cnn, svm, ("tilt",), seeds=(0, 1, 2, 3))
    assert errors <= 0.05 * 4 * DIGITS  # a thin joint (a 5's bar) can break when the page is turned back
    assert all(abs(found["tilt"]) >= make_photos.TILT[0] - 2 and found["sheet"] is None for found in pages), pages


@pytest.mark.parametrize("hazards", make_photos.COMBINED)
def test_hazards_of_the_page_combined(cnn, svm, hazards):
    errors, _ = read_sheets(cnn, svm, hazards, seeds=(0, 1))
    assert errors <= 1


def test_a_shadow_across_a_sheet_on_a_table(cnn, svm):
    errors, _ = read_sheets(cnn, svm, ("shadow", "table"))
    assert errors <= 1


def test_the_layout_tilt_is_a_number_when_each_piece_points_its_own_way():
    pieces = [digit_finder.Blob(x, y, 10, 10, np.ones((10, 10), bool)) for x, y in ((1680, 1376), (1408, 777), (1750, 270))]
    assert np.isfinite(page.layout_tilt(pieces))


def outline_contains(outline, point):
    return cv2.pointPolygonTest(np.float32(outline).reshape(-1, 1, 2), tuple(map(float, point)), False) >= 0


@pytest.mark.parametrize("hazards", [("turn_90",), ("tilt",), ("table", "tilt", "turn_270"), ("angle",), "exif"])
def test_every_box_lies_on_its_digit_in_the_displayed_photo(cnn, svm, hazards):
    photo, truth = make_photos.make_sheet(LINES, seed=1, hazards=() if hazards == "exif" else hazards,
                                          with_digits=True)
    if hazards == "exif":  # stored sideways: read back through the EXIF tag, as a file would be
        photo = page.as_displayed(cv2.imdecode(np.frombuffer(make_photos.stored_jpeg(photo, 6), np.uint8),
                                               cv2.IMREAD_UNCHANGED), 6)
    result = performRecognition.recognize(photo, cnn, svm)
    assert len(result["digits"]) == len(truth) == DIGITS
    for digit, true_outline in zip(result["digits"], truth):  # both in reading order
        x, y, width, height = digit["box"]
        assert outline_contains(true_outline, (x + width / 2, y + height / 2))
        assert outline_contains(digit["outline"], np.mean(true_outline, axis=0))
        true_left, true_top = np.min(true_outline, axis=0)
        true_right, true_bottom = np.max(true_outline, axis=0)
        overlap = (max(0, min(x + width, true_right) - max(x, true_left))
                   * max(0, min(y + height, true_bottom) - max(y, true_top)))
        assert overlap >= 0.5 * max(width * height, (true_right - true_left) * (true_bottom - true_top))
    annotated = performRecognition.annotate(photo, result)
    assert annotated.shape == photo.shape


def test_a_busy_background_is_read_in_bounded_time(cnn, svm):
    """A sheet turned on wood grain once took minutes (all pairs of 11,000 pieces compared again
    after every join); reading one now is a matter of a second or so."""
    for seed in range(3):  # grain, gravel and print
        photo = make_photos.make_sheet(LINES, seed=seed, hazards=("busy", "turn_90"), width=950)
        start = time.monotonic()
        result = performRecognition.recognize(photo, cnn, svm)
        assert time.monotonic() - start < 15
        assert result["lines"]["cnn"] == LINES


def test_a_frame_of_print_too_small_for_handwriting_gives_no_digits(cnn, svm):
    """A page of small print fills the frame, no sheet in it: its pieces of ink are shorter than
    handwriting can be read at (digit_finder.READABLE_HEIGHT), so none is read as a digit (the
    same photo gave 4,387 "digits" in 10 s before), and the warning says why none came."""
    frame = np.clip(make_photos.table(960, 1280, np.random.default_rng(0), "print"), 0, 255).astype(np.uint8)
    result = performRecognition.recognize(frame, cnn, svm)
    assert result["digits"] == [] and any("a lot of ink" in warning for warning in result["warnings"])


def test_near_pairs_finds_every_pair_that_comparing_all_pairs_finds():
    rng = np.random.default_rng(0)
    blobs = [digit_finder.Blob(int(x), int(y), int(w), int(h), np.ones((int(h), int(w)), bool))
             for x, y, w, h in zip(rng.integers(0, 2000, 3000), rng.integers(0, 1500, 3000),
                                   rng.integers(1, 60, 3000), rng.integers(1, 60, 3000))]
    found = digit_finder.near_pairs(blobs, 12, 18, 50)
    box = digit_finder.boxes(blobs)
    gap_x = np.maximum(box[:, None, 0], box[None, :, 0]) - np.minimum(box[:, None, 2], box[None, :, 2])
    gap_y = np.maximum(box[:, None, 1], box[None, :, 1]) - np.minimum(box[:, None, 3], box[None, :, 3])
    expected = np.argwhere(np.triu((gap_x <= 12) & (gap_y <= 18), 1))
    assert len(found) and np.array_equal(found, expected)
