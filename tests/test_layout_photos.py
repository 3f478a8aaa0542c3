"""The photo maker's layouts (a list down a notebook page, groups of digits), its pencil, and the
variants of real photos seen at an angle and on a table turned: what is drawn is what truth.json says."""

import json

import cv2
import numpy as np

import handwriting
import make_photos


def ink_mask(photo, darker=60):
    """Where the photo is at least `darker` grey levels darker than its paper (its median)."""
    grey = cv2.cvtColor(photo, cv2.COLOR_BGR2GRAY).astype(np.int16)
    return grey < np.median(grey) - darker


def runs(flags, least=1):
    """The (start, end) of each run of True in `flags` at least `least` long."""
    edges = np.flatnonzero(np.diff(np.concatenate([[0], flags.astype(np.int8), [0]])))
    return [(int(a), int(b)) for a, b in zip(edges[::2], edges[1::2]) if b - a >= least]


def sizeable_pieces(alpha, faintest=0.1):
    """How many separate strokes the ink is in, counting any ink at least `faintest` dark and
    leaving out specks under 4% of it."""
    _, _, stats, _ = cv2.connectedComponentsWithStats((alpha > faintest).astype(np.uint8))
    areas = stats[1:, cv2.CC_STAT_AREA]
    return int(np.sum(areas > 0.04 * areas.sum()))


def test_a_list_is_one_digit_a_line_down_the_left_of_a_page_taller_than_wide(tmp_path):
    truth = make_photos.save_stress_photos(tmp_path, [4], ["list"])
    lines = truth["list_4.png"]
    assert json.loads((tmp_path / "truth.json").read_text()) == truth
    assert sorted(lines) == list(make_photos.LIST_DIGITS) and lines != sorted(lines)
    photo = cv2.imread(str(tmp_path / "list_4.png"))
    assert photo.shape[0] > photo.shape[1]
    ink = ink_mask(photo)
    assert len(runs(ink.sum(axis=1) >= 3, least=10)) == len(lines)  # a row of ink for each line
    columns = np.flatnonzero(ink.sum(axis=0) >= 3)
    assert columns.max() - columns.min() < 0.2 * photo.shape[1] and columns.max() < 0.35 * photo.shape[1]


def test_a_list_starts_in_another_order_for_another_seed_and_in_pencil_shows_the_same_lines(tmp_path):
    truth = make_photos.save_stress_photos(tmp_path, [0, 1], ["list", "pencil_list"])
    assert truth["list_0.png"] != truth["list_1.png"]
    assert truth["pencil_list_1.png"] == truth["list_1.png"]


def test_groups_of_digits_are_written_with_a_space_between_and_a_gap_wider_than_between_digits(tmp_path):
    truth = make_photos.save_stress_photos(tmp_path, [0], ["groups"])
    lines = json.loads((tmp_path / "truth.json").read_text())["groups_0.png"]
    assert lines == truth["groups_0.png"] and 2 <= len(lines) <= 3
    assert all(len(line.split(" ")) == 2 and line.replace(" ", "").isdigit() for line in lines)
    ink = ink_mask(cv2.imread(str(tmp_path / "groups_0.png")))
    top, bottom = runs(ink.sum(axis=1) >= 3, least=10)[0]
    digits = runs(ink[top:bottom].any(axis=0))
    gaps = sorted(b[0] - a[1] for a, b in zip(digits, digits[1:]))
    assert gaps[-1] > 2 * gaps[-2]  # the space between the groups, then the widest between digits


def test_a_kind_of_layout_joins_hazards():
    assert make_photos.stress_kind("pencil_list+tilt") == ("pencil_list+tilt", ("pencil", "tilt"))
    assert make_photos.stress_kind("groups+turn_180") == ("groups+turn_180", ("turn_180",))
    assert "list" not in dict(make_photos.stress_kinds())


def test_pencil_is_lighter_than_the_pen_and_comes_apart_in_places():
    pen = make_photos.make_sheet(["0522"], seed=3)
    pencil = make_photos.make_sheet(["0522"], seed=3, hazards=("pencil",))
    darkest = [np.percentile(cv2.cvtColor(photo, cv2.COLOR_BGR2GRAY), 0.5) for photo in (pen, pencil)]
    assert darkest[1] > darkest[0] + 40
    sevens = handwriting.write_lines(["7777", "5555"], np.random.default_rng(0), ("pencil",))
    apart = [sizeable_pieces(alpha) > 1 for alpha, _, _ in sevens]
    assert 0 < sum(apart) < len(apart)  # some digits, not all


def test_the_variants_of_a_photo_are_seen_at_an_angle_and_laid_on_a_table_turned(tmp_path):
    source = tmp_path / "source"
    source.mkdir()
    lines = ["12", "34"]
    cv2.imwrite(str(source / "sheet.png"), make_photos.make_sheet(lines, seed=0, width=320))
    (source / "truth.json").write_text(json.dumps({"sheet.png": lines}))
    written = make_photos.save_photo_variants(source, tmp_path / "variants")
    turns = [f"sheet_{table}_turn{90 * k}.png" for table in make_photos.VARIANT_TABLES
             for k in make_photos.VARIANT_TABLE_TURNS]
    assert written["angle"] == {"sheet_angle.png": lines} and sorted(written["table_turned"]) == sorted(turns)
    assert sorted(written["tilt"]) == sorted(f"sheet_tilt{angle:+d}.png" for angle in (-25, -10, 10, 25))
    assert sorted(written["white_desk"]) == ["sheet_white.png", "sheet_white_turn180.png", "sheet_white_turn90.png"]
    desk = cv2.cvtColor(cv2.imread(str(tmp_path / "variants" / "white_desk" / "sheet_white.png")), cv2.COLOR_BGR2GRAY)
    assert np.median(desk[:5]) > np.median(desk[desk.shape[0] // 3:2 * desk.shape[0] // 3, desk.shape[1] // 3:2 * desk.shape[1] // 3])
    for kind in ("angle", "table_turned"):
        folder = tmp_path / "variants" / kind
        assert json.loads((folder / "truth.json").read_text()) == written[kind]
        assert sorted(path.name for path in folder.iterdir() if path.name != "truth.json") == sorted(written[kind])
    table = cv2.imread(str(tmp_path / "variants" / "table" / "sheet_wood.png"))
    quarter = cv2.imread(str(tmp_path / "variants" / "table_turned" / "sheet_wood_turn90.png"))
    assert np.array_equal(quarter, np.rot90(table))
    paper = cv2.cvtColor(cv2.imread(str(tmp_path / "variants" / "angle" / "sheet_angle.png")), cv2.COLOR_BGR2GRAY) > 120
    top, bottom = runs(paper.sum(axis=1) > 0)[0]
    near, far = paper[bottom - (bottom - top) // 8].sum(), paper[top + (bottom - top) // 8].sum()
    assert far < 0.92 * near  # the far side looks shorter
