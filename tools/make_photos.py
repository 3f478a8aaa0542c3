"""Phone-photo-like pictures of handwritten digits, for trying digit recognition on.

The handwriting is MNIST test digits (never seen in training), written in lines the way a
person writes: sizes, baseline, spacing and slant vary a little. The sheet is then
"photographed": a little perspective, uneven light, paper grain, blur and sensor noise.
Hazards (see HAZARDS) make harder pictures; the digits a picture shows never change.

The handwriting is written by handwriting.py; the paper, what else is on it, the table, the
camera's framing and the light are photo_hazards.py's.

Usage:
    python tools/make_photos.py [--out DIR]
        writes photo_1.png, photo_2.png and photos.json (the digits in each) into DIR.
    python tools/make_photos.py --lines 0522 1234 [--hazards shadow blue_ink] [--seed 3]
                                [--width 1200] --save stress.png
        writes one sheet.
    python tools/make_photos.py --stress DIR [--seeds 3] [--first-seed 0] [--kinds touching broken+turn_180]
        writes sheets for each hazard alone (three, or --seeds) and truth.json, for `evaluate.py DIR`;
        --first-seed and --kinds make fresh sheets of a few kinds (hazards may be joined by +), to
        check a change on handwriting it was not tried on. --kinds also takes the layout kinds,
        which the stress set leaves out (LAYOUT_KINDS: list, pencil_list, groups, each with lines
        of its own), alone or joined with hazards: --kinds list pencil_list groups list+tilt
    python tools/make_photos.py --variants SOURCE DIR
        writes SOURCE's labelled photos (named in SOURCE/truth.json) as phones take them, one
        folder of DIR a kind, each with its truth.json (see save_photo_variants).
    python tools/make_photos.py --only-handwriting SOURCE DIR
        writes photos on which only the handwriting is to be read, one folder of DIR a kind,
        each with its truth.json: SOURCE's real sheets ruled, squared, light on dark, amid
        printed words and framed; and pages of print and plain surfaces with no handwriting at all
        (see save_only_handwriting).
"""

import argparse
import io
import json
from pathlib import Path

import cv2
import numpy as np
from digitreader import imaging, page

import print_fonts
from handwriting import LINE_HEIGHT, write_lines
from photo_hazards import (ASPECT, MIN_MARGIN, MIN_WIDTH, TABLE_KINDS, chalkboard, draw_sides, drawn_on, find_writing,
                           frame_sheet, ink, light, on_table, paper, paper_lines, pen_strokes, placement, printed_under,
                           ruled_lines, specks, strokes, table, taken, wobbly_corners, writing_rows)


PAPER_HAZARDS = ("ruled", "squared", "light_on_dark", "printed_words", "frame", "underline", "ruler")
HAZARDS = ("shadow", "gradient", "tinted_paper", "blue_ink", "thin_pen", "pencil", "specks", "dark_border", "broken",
           "touching", "narrow", "table", "angle", "tilt", "turn_90", "turn_180", "turn_270", "busy") + PAPER_HAZARDS
EXIF_TAGS = (3, 6, 8)  # upside down, and sideways either way: what phones write into JPEGs
STRESS_LINES = (["0522", "1234567", "98316"], ["7405", "861293"], ["31415926", "2718", "60"])
SAMPLE_PHOTOS = {"photo_1.png": ["40715283"],
                 "photo_2.png": ["0522", "1234567", "98316", "740825"]}

PAPER = {"white": (226, 230, 232), "yellow": (160, 205, 222), "grey": (172, 176, 176)}  # BGR
INK = {"black": (48, 40, 38), "blue": (140, 55, 25), "pencil": (118, 116, 114)}  # BGR; pencil's graphite a mid grey
# kinds of sheet with lines of their own (layout_lines), as (layout, hazards): made only when --kinds names them,
# so that the stress set stays as it was
LAYOUT_KINDS = {"list": ("list", ()), "pencil_list": ("list", ("pencil",)), "groups": ("groups", ())}
LIST_DIGITS = "123456789"  # list: these digits, one a line, in an order the seed picks, ...
NOTEBOOK_LEFT = (0.0, 0.08)  # ... down a page taller than wide, this fraction of its width in from its left margin,
NOTEBOOK_INDENT = 0.06  # ... each line starting this many digit heights (std) left or right of the others
GROUP_ROWS, GROUP_DIGITS = (2, 3), (2, 5)  # groups: this many rows, each two groups of this many digits, a space between
TILT = (8, 45)             # with `tilt`, the page is turned by this many degrees, either way
COMBINED = (("table", "tilt", "turn_90"), ("busy", "tilt", "turn_180"), ("angle", "turn_270"),
            ("table", "angle", "tilt"), ("gradient", "table", "turn_90"))  # the stress set's combined hazards
VARIANT_TILTS = (-25, -10, 10, 25)  # --variants: real photos tilted by these degrees, ...
VARIANT_ANGLE = (0.15, 0.25)  # ... seen at an angle on a dark desk, the far side this much shorter,
VARIANT_TABLES = ("wood", "cloth", "gravel")  # ... laid on these tables,
VARIANT_TABLE_TURNS = (1, 2)  # ... and laid on them turned by this many quarters too,
VARIANT_NARROWING = (0.8, 0.65, 0.5)  # ... squeezed across to these fractions of their width: taller, narrower, closer handwriting,
VARIANT_BLURS = (1.0, 2.0)  # ... out of focus by these Gaussian sigmas (px),
VARIANT_JPEG = 20  # ... stored at this JPEG quality,
VARIANT_SMALLER = 0.6  # ... taken from further away (this times their size),
VARIANT_DIM = (0.45, 1.8, 12)  # ... in dim light: this times as bright, this gamma, this much sensor noise (grey levels),
VARIANT_SHADOW = 0.55  # ... and with a straight shadow across, this times as bright,
VARIANT_SHADOW_EDGES = (1, 3, 6, 12)  # ... its edge blurred by these Gaussian sigmas (px): sunlight's sharp to a lamp's soft.
VARIANT_BOLDER = (1, 2)  # ... and written bolder, the ink spread by this many pixels each side: the same hand, more digits touching.

# --only-handwriting: photos on which the handwriting is all there is to read, made from real sheets (SOURCE)
NOT_SHEETS = ("real_07.png",)  # a form of print and handwritten letters, not a sheet of digits: measured on its own
RULED_SPACING = (0.35, 0.5)  # ruled: lines this many digit heights apart, each digit crossed two or three times, ...
RULED_PEN = 0.5  # ... this fraction of the pen's width (at least 1 px), ...
RULED_BLUE, RULED_VARIES = (235, 190, 150), 15  # ... light blue (BGR), each channel up to this much off, ...
MARGIN_RED, MARGIN_GAP = (150, 150, 235), (0.5, 1.0)  # ... every other sheet a red margin this far (digit heights) left
RULED_GREY = (150, 200)  # ruled_grey: lines of a grey this light, no colour to tell them by
SQUARED_SPACING = (0.4, 0.6)  # squared: blue squares this many digit heights wide
PRINT_INK = (40, 38, 36)  # BGR: a laser printer's black
HEADING_X, LABEL_X, CAPTION_X = (0.75, 0.95), (0.4, 0.55), (0.3, 0.45)  # printed_words: x-heights in digit heights
PRINT_GAP = 0.6  # ... print this many digit heights clear of the writing, and of the paper's edge
HEADING_FONTS = ("cmb10.ttf", "STIXGeneralBol.ttf")  # ... in these of print_fonts.TEST_FONTS, ...
WORD_FONTS = ("cmr10.ttf", "cmss10.ttf", "STIXGeneral.ttf", "cmti10.ttf")
# ... its words ordinary ones, printed digits among them (which are not to be read)
HEADINGS = ("Phone of the office", "Room and locker", "Invoice No. 4471", "Room 214", "Results of week 12",
            "Order form 2024")
LABELS = ("Total:", "Date:", "Invoice No.", "Room", "Phone:", "Amount", "Locker 17")
CAPTIONS = ("Page 3 of 12", "Date: 14.05.2023", "Printed on 2 June 2024 at 10:45", "Form 27 B of the office",
            "Call 0800 555 0199 for help")
FRAME_MARGIN = (0.35, 0.5)  # framed: the frame this many digit heights from the writing, ...
FRAME_WOBBLE = 0.04  # ... its corners and sides this many digit heights off straight (std), ...
FRAME_PEN = (50, 42, 40)  # ... in a dark pen (BGR)
# print_page: pages of print alone, (name, heading font, body fonts, content), three pages of each
PRINT_STYLES = (("sans", "cmss10.ttf", ("cmss10.ttf",), "prose"),
                ("italic", "STIXGeneralBolIta.ttf", ("STIXGeneralItalic.ttf", "cmti10.ttf"), "prose"),
                ("bold_heading", "cmb10.ttf", ("STIXGeneral.ttf", "cmr10.ttf"), "prose"),
                ("mono", "cmtt10.ttf", ("cmtt10.ttf",), "table"),
                ("tex", "cmr10.ttf", ("cmr10.ttf",), "prose"))
PRINT_X_HEIGHTS = (7, 10, 16)  # ... the text's x-height (px) on a style's three pages: small print to large, ...
PRINT_HEADING_X = (40, 56)  # ... under a heading this tall (x-height, px), ...
PRINT_WIDTH, PRINT_JPEG = (1200, 2000), 85  # ... the photo this wide (px), stored at this JPEG quality
PRINT_SENTENCES = (
    "The office is open from 9 to 17 on weekdays.", "Please leave the key of room 214 at the desk.",
    "Each locker holds two bags and a coat.", "The meeting on 12 March starts at 10:30 in hall B.",
    "Orders placed before noon are sent the same day.", "Invoice No. 4471 is due within 30 days.",
    "Call the front desk on 0800 555 0199 for a new badge.", "The lift to floors 3 to 8 is closed for repairs.",
    "Total weight of the parcel: 2.5 kg.", "Tickets cost 12.50 for adults and 6.25 for children.",
    "Read the safety notes before you start the machine.", "The library keeps these books for 21 days.",
    "Bring this letter and a copy of your passport.", "Questions about the timetable go to the school office.",
    "The printer on the second floor needs new paper.", "Water the plants in the hall every Monday.")
PRINT_HEADINGS = ("Notice to all staff", "Annual report 2023", "Price list", "Chapter 4", "Minutes of the meeting",
                  "Stock list week 12")
TABLE_ITEMS = ("Paper A4", "Pens blue", "Folders", "Stapler", "Envelopes", "Toner", "Labels", "Tape", "Clips",
               "Markers")
# plain: nothing written on paper, a wall, a desk and tables, and two tiny images
WALL, DESK = (196, 210, 218), (92, 112, 128)  # BGR: an off-white wall, a grey-blue desk
PLAIN_WIDTH = (1000, 1600)  # px
TINY_SIDES = (10, 24)  # a blank image this small, and a crop of blank paper this small


def laid_out(box, rng, notebook=False):
    """The page and where the writing goes on it, as (w, h, left, top), for writing whose extent
    is `box` (x0, y0, x1, y1): a page 4:3 across (ASPECT), at least MIN_WIDTH wide, the writing
    about its middle; or with `notebook` a page as tall as that is wide, the writing down its
    left side (NOTEBOOK_LEFT) from near its top. `left` and `top` shift the writing onto the page."""
    x0, y0, x1, y1 = box
    w = max(MIN_WIDTH, x1 - x0 + 2 * MIN_MARGIN)
    h = max(int(w / ASPECT if notebook else w * ASPECT), y1 - y0 + 2 * MIN_MARGIN)
    spare_w, spare_h = w - (x1 - x0) - 2 * MIN_MARGIN, h - (y1 - y0) - 2 * MIN_MARGIN
    if notebook:
        across, down = rng.uniform(*NOTEBOOK_LEFT) * w, rng.uniform(0, 0.3) * spare_h
    else:
        across, down = rng.uniform(0.3, 0.7) * spare_w, rng.uniform(0.3, 0.7) * spare_h
    return w, h, MIN_MARGIN + int(across) - x0, MIN_MARGIN + int(down) - y0


def make_sheet(lines, seed=0, hazards=(), width=None, with_digits=False, notebook=False):
    """A phone photo of `lines` (digit strings, e.g. ["0522", "1234567"]; a space leaves a wider
    gap) handwritten on paper, as a BGR uint8 image. `hazards`: any of HAZARDS. `width`: the
    photo's width in px before any quarter turn (default: the sheet's, at least MIN_WIDTH, with
    digits 50-90 px tall). With `notebook`, the lines are a list down the left side of a page
    taller than wide, their starts a little apart (NOTEBOOK_INDENT). With `with_digits`, also
    each digit's outline in the photo (4 corners), in reading order."""
    if set(hazards) - set(HAZARDS) or not "".join(lines).replace(" ", "").isdigit():
        raise ValueError(f"lines must be digit strings, hazards any of {HAZARDS}")
    rng = np.random.default_rng(seed)
    glyphs = write_lines(lines, rng, hazards, NOTEBOOK_INDENT if notebook else 0.0)
    x0, y0 = min(g[1] for g in glyphs), min(g[2] for g in glyphs)
    x1 = max(g[1] + g[0].shape[1] for g in glyphs)
    y1 = max(g[2] + g[0].shape[0] for g in glyphs)
    w, h, left, top = laid_out((x0, y0, x1, y1), rng, notebook)
    page_box = (0, 0, w, h)
    on_a_table = bool({"table", "busy", "angle"} & set(hazards))
    if "tilt" in hazards and not on_a_table:  # paper beyond the frame whichever way it turns
        pad = max(w, h) // 2
        w, h, left, top = w + 2 * pad, h + 2 * pad, left + pad, top + pad
        page_box = (pad, pad, w - pad, h - pad)
    written = np.zeros((h, w), np.float32)
    for alpha, x, y in glyphs:
        patch = written[y + top:y + top + alpha.shape[0], x + left:x + left + alpha.shape[1]]
        np.maximum(patch, alpha, out=patch)
    colour = INK["blue" if "blue_ink" in hazards else "pencil" if "pencil" in hazards else "black"]
    tint = ("yellow", "grey")[int(rng.integers(2))] if "tinted_paper" in hazards else "white"
    sheet = paper(h, w, PAPER[tint], rng)
    if "ruled" in hazards or "squared" in hazards:
        paper_lines(sheet, written, rng, squared="squared" in hazards)
    ink(sheet, written, colour)
    if "specks" in hazards:
        specks(sheet, written, float(np.mean(LINE_HEIGHT)), colour, rng)
    drawn_on(sheet, written, colour, hazards, rng)
    degrees = 0.0  # how far the page turns in the photo, counter-clockwise
    if "tilt" in hazards:
        degrees = rng.uniform(*TILT) * rng.choice([-1, 1])
    elif on_a_table:
        degrees = rng.uniform(-4, 4)  # askew
    text_box = (x0 + left, y0 + top, x1 + left, y1 + top)
    frame, homography = frame_sheet(sheet, hazards, rng, width, degrees, page_box if notebook else text_box)
    box = np.float32([[[x0 + left, y0 + top]], [[x1 + left, y1 + top]]])
    (bx0, by0), (bx1, by1) = cv2.perspectiveTransform(box, homography)[:, 0]
    frame *= light(*frame.shape[:2], hazards, rng, (bx0, by0, bx1, by1))[..., None]
    photo = taken(frame, rng)
    turns = next((int(hazard[5:]) // 90 for hazard in hazards if hazard.startswith("turn_")), 0)
    photo = np.ascontiguousarray(np.rot90(photo, turns))  # counter-clockwise, as the hazard says
    if not with_digits:
        return photo
    turning, _ = page.rotation(90 * turns, frame.shape[1::-1])  # as np.rot90 turned the photo
    outlines = []
    for alpha, x, y in glyphs:
        corners = np.float32([[x, y], [x + alpha.shape[1], y], [x + alpha.shape[1], y + alpha.shape[0]],
                              [x, y + alpha.shape[0]]]) + [left, top]
        outlines.append(cv2.perspectiveTransform(corners[None], turning @ homography)[0])
    return photo, outlines


def stored_jpeg(photo, orientation):
    """JPEG bytes whose pixels are stored so that a viewer applying the EXIF `orientation` tag
    shows `photo`: what a phone writes when it was held sideways or upside down."""
    from PIL import Image
    stored = imaging.as_displayed(photo, {6: 8, 8: 6}.get(orientation, orientation))  # the inverse
    exif = Image.Exif()
    exif[imaging.EXIF_ORIENTATION] = orientation
    buffer = io.BytesIO()
    Image.fromarray(cv2.cvtColor(stored, cv2.COLOR_BGR2RGB)).save(buffer, "JPEG", quality=92, exif=exif)
    return buffer.getvalue()


def write_truth(path, truth):
    with open(path, "w") as f:
        json.dump(truth, f, indent=1)
        f.write("\n")


def save_sample_photos(folder):
    """Write photo_1.png, photo_2.png and photos.json (what each shows) into `folder`."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    for seed, (name, lines) in enumerate(SAMPLE_PHOTOS.items(), 1):
        cv2.imwrite(str(folder / name), make_sheet(lines, seed=seed))
    write_truth(folder / "photos.json", SAMPLE_PHOTOS)
    return dict(SAMPLE_PHOTOS)


def stress_kinds():
    """The stress set's kinds of sheet, as (name, hazards): none, each hazard alone, each
    COMBINED set, and each EXIF tag."""
    kinds = [("clean", ())] + [(hazard, (hazard,)) for hazard in HAZARDS]
    kinds += [("+".join(hazards), hazards) for hazards in COMBINED]
    return kinds + [(f"exif_{tag}", ()) for tag in EXIF_TAGS]


def stress_kind(name):
    """(name, hazards) for a kind of stress sheet: one of `stress_kinds`, or hazards joined by
    '+' (touching+turn_180: touching digits on a sheet upside down), the first maybe one of
    LAYOUT_KINDS instead (list+tilt: a list down a notebook page, tilted)."""
    kinds = dict(stress_kinds())
    if name in kinds:
        return name, kinds[name]
    first, *rest = name.split("+")
    hazards = LAYOUT_KINDS[first][1] + tuple(rest) if first in LAYOUT_KINDS else tuple(name.split("+"))
    if not set(hazards) <= set(HAZARDS):
        raise ValueError(f"{name!r} is neither a kind of stress sheet nor hazards joined by '+', "
                         f"the first maybe one of {', '.join(LAYOUT_KINDS)}")
    return name, hazards


def layout_lines(layout, seed):
    """The lines a sheet of `layout` shows for `seed`: for "list", each of LIST_DIGITS on a line
    of its own, in an order the seed picks; for "groups", GROUP_ROWS rows, each two groups of
    GROUP_DIGITS digits with a space between (["3141 592", "2718 28"])."""
    rng = np.random.default_rng([seed, 1])  # not the sheet's own draws, default_rng(seed)
    if layout == "list":
        return [str(digit) for digit in rng.permutation(list(LIST_DIGITS))]
    rows = rng.integers(GROUP_ROWS[0], GROUP_ROWS[1] + 1)
    return [" ".join("".join(map(str, rng.integers(10, size=size))) for size in
                     rng.integers(GROUP_DIGITS[0], GROUP_DIGITS[1] + 1, 2)) for _ in range(rows)]


def stress_lines(kind, seed):
    """What a stress sheet of `kind` (see stress_kind) shows for `seed`, as (lines, notebook):
    a layout kind's own lines (layout_lines), a list down a notebook page; else STRESS_LINES'."""
    first = kind.split("+")[0]
    if first in LAYOUT_KINDS:
        layout = LAYOUT_KINDS[first][0]
        return layout_lines(layout, seed), layout == "list"
    return STRESS_LINES[seed % len(STRESS_LINES)], False


def save_stress_photos(folder, seeds=range(3), names=None):
    """Write a sheet of each of `stress_kinds` (or of the kinds `names`, see `stress_kind`)
    for each seed, with truth.json (the lines each sheet shows), for evaluate.py."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    truth = {}
    for kind, hazards in map(stress_kind, names) if names else stress_kinds():
        for seed in seeds:
            lines, notebook = stress_lines(kind, seed)
            photo = make_sheet(lines, seed, hazards, notebook=notebook)
            if kind.startswith("exif_"):
                name = f"{kind}_{seed}.jpg"
                (folder / name).write_bytes(stored_jpeg(photo, int(kind[5:])))
            else:
                name = f"{kind}_{seed}.png"
                cv2.imwrite(str(folder / name), photo)
            truth[name] = lines
    write_truth(folder / "truth.json", truth)
    return truth


def poorly_taken(photo, rng):
    """The photo as (name, image): out of focus by each of VARIANT_BLURS, stored at JPEG quality
    VARIANT_JPEG, taken from further away (VARIANT_SMALLER), and in dim light (VARIANT_DIM)."""
    taken = [(f"blur{sigma:g}", cv2.GaussianBlur(photo, (0, 0), sigma)) for sigma in VARIANT_BLURS]
    stored = cv2.imencode(".jpg", photo, [cv2.IMWRITE_JPEG_QUALITY, VARIANT_JPEG])[1]
    taken.append((f"jpeg{VARIANT_JPEG}", cv2.imdecode(stored, cv2.IMREAD_COLOR)))
    taken.append(("smaller", cv2.resize(photo, None, fx=VARIANT_SMALLER, fy=VARIANT_SMALLER, interpolation=cv2.INTER_AREA)))
    brightness, gamma, noise = VARIANT_DIM
    dim = 255 * brightness * (photo / 255.0) ** gamma + rng.normal(0, noise, photo.shape)
    taken.append(("dim", np.clip(dim, 0, 255).astype(np.uint8)))
    return taken


def shaded(photo):
    """The photo with a straight shadow across its lower right (VARIANT_SHADOW as bright), as
    (edge blur, image) for each of VARIANT_SHADOW_EDGES."""
    rows, columns = np.indices(photo.shape[:2])
    shadow = np.where(columns + 0.5 * rows > 0.6 * photo.shape[1], VARIANT_SHADOW, 1.0).astype(np.float32)
    return [(sigma, (photo * cv2.GaussianBlur(shadow, (0, 0), sigma)[..., np.newaxis]).astype(np.uint8))
            for sigma in VARIANT_SHADOW_EDGES]


def laid_on(photo, kind, rng, hazards=(), **placing):
    """The photo (BGR uint8) laid on a table of `kind` (TABLE_KINDS), a little askew, the whole
    of it in the frame; `hazards` and `placing` as photo_hazards.placement takes them. Returns
    the BGR uint8 frame."""
    h, w = photo.shape[:2]
    corners, size = placement(w, h, hazards, rng, rng.uniform(-4, 4), cut_corner=False, **placing)  # digits near edges
    homography = cv2.getPerspectiveTransform(np.float32([[0, 0], [w, 0], [w, h], [0, h]]), corners)
    laid, _ = on_table(photo.astype(np.float32), homography, table(size[1], size[0], rng, kind))
    return np.clip(laid, 0, 255).astype(np.uint8)


def save_photo_variants(source, folder):
    """Every photo named in `source`/truth.json as phones take them, one folder a kind, each with
    its truth.json, for evaluate.py: turned a quarter, half and three quarters; tilted by
    VARIANT_TILTS degrees (on a dark desk, where the turned photo leaves the frame); seen at an
    angle on a dark desk (its far side shorter by VARIANT_ANGLE); on tables of VARIANT_TABLES,
    and on them turned by VARIANT_TABLE_TURNS quarters (table_turned); on a white desk, brighter
    than the sheet, as it is and so turned (white_desk, drawn apart: the other tables stay as
    they were); squeezed across by VARIANT_NARROWING (the same hand, taller and narrower, its
    digits closer and some touching); poorly taken (out of focus, a low JPEG quality, from
    further away, in dim light); with a shadow across, its edge sharp to soft; written bolder
    (VARIANT_BOLDER); and stored as JPEGs with each of EXIF_TAGS."""
    source, folder = Path(source), Path(folder)
    truth = json.loads((source / "truth.json").read_text())
    written = {kind: {} for kind in ("turn", "tilt", "angle", "table", "table_turned", "white_desk", "narrow", "poor",
                                     "shadow", "bold", "exif")}
    # the tables, the dim photos' noise, the photos seen at an angle, and the white desk
    rng, sensor, askew, white = (np.random.default_rng(seed) for seed in range(4))
    for name, lines in truth.items():
        photo, stem = cv2.imread(str(source / name), cv2.IMREAD_COLOR), Path(name).stem
        h, w = photo.shape[:2]
        variants = [("turn", f"{stem}_turn{90 * k}.png", np.ascontiguousarray(np.rot90(photo, k))) for k in (1, 2, 3)]
        for angle in VARIANT_TILTS:
            turn, size = page.rotation(angle, (w, h))
            desk = np.float32(TABLE_KINDS["dark"])
            tilted = cv2.warpPerspective(photo, turn, size, borderMode=cv2.BORDER_CONSTANT, borderValue=desk.tolist())
            variants.append(("tilt", f"{stem}_tilt{angle:+d}.png", tilted))
        angled = laid_on(photo, "dark", askew, ("angle",), foreshortening=VARIANT_ANGLE)
        variants.append(("angle", f"{stem}_angle.png", angled))
        for kind in VARIANT_TABLES:
            laid = laid_on(photo, kind, rng)
            variants.append(("table", f"{stem}_{kind}.png", laid))
            variants += [("table_turned", f"{stem}_{kind}_turn{90 * k}.png", np.ascontiguousarray(np.rot90(laid, k)))
                         for k in VARIANT_TABLE_TURNS]
        laid = laid_on(photo, "white", white)
        variants += [("white_desk", f"{stem}_white_turn{90 * k}.png" if k else f"{stem}_white.png",
                      np.ascontiguousarray(np.rot90(laid, k))) for k in (0,) + VARIANT_TABLE_TURNS]
        for fraction in VARIANT_NARROWING:
            narrowed_photo = cv2.resize(photo, (round(w * fraction), h), interpolation=cv2.INTER_AREA)
            variants.append(("narrow", f"{stem}_narrow{round(100 * fraction)}.png", narrowed_photo))
        variants += [("poor", f"{stem}_{how}.png", image) for how, image in poorly_taken(photo, sensor)]
        variants += [("shadow", f"{stem}_shadow{sigma}.png", image) for sigma, image in shaded(photo)]
        for spread in VARIANT_BOLDER:  # each pixel as dark as the darkest near it: the ink spreads
            bolder = cv2.erode(photo, np.ones((2 * spread + 1, 2 * spread + 1), np.uint8))
            variants.append(("bold", f"{stem}_bold{spread}.png", bolder))
        for kind, variant_name, image in variants:
            (folder / kind).mkdir(parents=True, exist_ok=True)
            cv2.imwrite(str(folder / kind / variant_name), image)
            written[kind][variant_name] = lines
        for tag in EXIF_TAGS:
            (folder / "exif").mkdir(parents=True, exist_ok=True)
            (folder / "exif" / f"{stem}_exif{tag}.jpg").write_bytes(stored_jpeg(photo, tag))
            written["exif"][f"{stem}_exif{tag}.jpg"] = lines
    for kind, kind_truth in written.items():
        write_truth(folder / kind / "truth.json", kind_truth)
    return written


def seeded(*words):
    """A random generator seeded by `words` (a kind and a photo's name): each photo its own
    draws, the same run to run whatever else is made."""
    return np.random.default_rng(list("/".join(words).encode()))


def ruled(photo, size, pen, colour, rng, squared=False, margin_at=None):
    """The photo (BGR uint8) of handwriting `size` px tall in a pen `pen` px wide, on ruled paper
    of `colour` (BGR), printed under the ink (`printed_under`): lines RULED_SPACING digit
    heights apart, RULED_PEN of the pen wide, across the whole photo; with `squared`, squares
    SQUARED_SPACING wide; with `margin_at` (px), a red margin line down the photo there too."""
    h, w = photo.shape[:2]
    spacing = size * rng.uniform(*(SQUARED_SPACING if squared else RULED_SPACING))
    thickness = max(1, round(RULED_PEN * pen))
    photo = printed_under(photo, ruled_lines(h, w, spacing, thickness, rng, squared) * rng.uniform(0.8, 1), colour)
    if margin_at is None:
        return photo
    lean = rng.normal(0, 0.01) * h
    margin = strokes(h, w, lambda canvas: cv2.line(canvas, (int(margin_at), 0), (int(margin_at + lean), h - 1), 255,
                                                   thickness + 1, cv2.LINE_AA))
    return printed_under(photo, margin, MARGIN_RED)


def ruled_kinds(photo, writing, size, pen, stem, number):
    """The real sheet `photo` (BGR uint8, its `writing` a mask) ruled in light blue (on every
    other sheet, `number` even, a red margin left of the writing where there is room), ruled
    in grey, and squared in blue, as (kind, name, image)."""
    rng = seeded("ruled", stem)
    blue = tuple(int(c) for c in np.clip(np.add(RULED_BLUE, rng.integers(-RULED_VARIES, RULED_VARIES + 1, 3)), 0, 255))
    margin_at = np.flatnonzero(writing.any(axis=0))[0] - rng.uniform(*MARGIN_GAP) * size
    if number % 2 or margin_at < 0.02 * photo.shape[1]:
        margin_at = None
    grey = seeded("ruled_grey", stem)
    grey_colour = (int(grey.integers(*RULED_GREY)),) * 3
    return [("ruled", f"{stem}_ruled.png", ruled(photo, size, pen, blue, rng, margin_at=margin_at)),
            ("ruled_grey", f"{stem}_ruled_grey.png", ruled(photo, size, pen, grey_colour, grey)),
            ("squared", f"{stem}_squared.png", ruled(photo, size, pen, blue, seeded("squared", stem), squared=True))]


def printed_line(sheet, text, font, x_height, at):
    """Print one line of `text` on the sheet (float32 BGR) in the font `font` (print_fonts) with
    an x-height of `x_height` px, its top left at `at` (x, y), in PRINT_INK, as sharp as a
    photo's. Returns its box (x0, y0, x1, y1) as printed, ink only."""
    mask = print_fonts.rendered(text, font, print_fonts.size_for_x_height(font, x_height))
    mask = cv2.GaussianBlur(mask, (0, 0), 0.6)
    x, y = int(at[0]), int(at[1])
    ink(sheet[y:y + mask.shape[0], x:x + mask.shape[1]], mask * 0.95, PRINT_INK)
    rows, columns = np.flatnonzero(mask.max(axis=1) > 0.2), np.flatnonzero(mask.max(axis=0) > 0.2)
    return x + columns[0], y + rows[0], x + columns[-1] + 1, y + rows[-1] + 1


def text_size(text, font, x_height):
    """(width, height) in px of `text` printed by `printed_line`."""
    return print_fonts.rendered(text, font, print_fonts.size_for_x_height(font, x_height)).shape[::-1]


def amid_printed_words(photo, rows, size, rng):
    """The real sheet `photo` (BGR uint8) on a larger sheet of its own paper (the median colour of
    its brightest quarter), print about its handwriting: a heading above in bold, a little larger
    than the digits (HEADING_X), a caption below, smaller (CAPTION_X), and a label beside the first
    line of writing and, with two or more, the last (LABEL_X). `rows` are the writing's lines
    (`writing_rows`), `size` its digits' height. The print keeps PRINT_GAP digit heights
    clear of the writing, the sheet widened where the print has no room."""
    h, w = photo.shape[:2]
    gap = PRINT_GAP * size
    heading, heading_font = str(rng.choice(HEADINGS)), str(rng.choice(HEADING_FONTS))
    caption, word_font = str(rng.choice(CAPTIONS)), str(rng.choice(WORD_FONTS))
    labels = [str(label) for label in rng.choice(LABELS, 2, replace=False)][:len(rows)]
    x_heights = [rng.uniform(*share) * size for share in (HEADING_X, CAPTION_X, LABEL_X)]
    (heading_w, heading_h), (caption_w, caption_h) = (text_size(heading, heading_font, x_heights[0]),
                                                      text_size(caption, word_font, x_heights[1]))
    label_sizes = [text_size(label, word_font, x_heights[2]) for label in labels]
    writing_left = min(row[2] for row in rows)
    left = max(0, int(gap + max(width for width, _ in label_sizes) + gap - writing_left))  # paper added left, ...
    right = max(0, int(writing_left + max(heading_w, caption_w) + gap - w))  # ... on the right, ...
    top, bottom = int(heading_h + 2 * gap), int(caption_h + 2 * gap)  # ... above and below
    grey = cv2.cvtColor(photo, cv2.COLOR_BGR2GRAY)
    colour = np.median(photo[grey >= np.percentile(grey, 75)], axis=0)
    sheet = paper(top + h + bottom, left + w + right, colour, rng)
    sheet[top:top + h, left:left + w] = photo
    printed_line(sheet, heading, heading_font, x_heights[0], (left + writing_left, gap))
    printed_line(sheet, caption, word_font, x_heights[1], (left + writing_left, top + h + gap))
    for label, (label_w, label_h), (row_top, row_bottom, _, _) in zip(labels, label_sizes, (rows[0], rows[-1])):
        printed_line(sheet, label, word_font, x_heights[2],
                     (left + writing_left - gap - label_w, top + (row_top + row_bottom - label_h) / 2))
    return np.clip(sheet + 0.5, 0, 255).astype(np.uint8)


def framed(photo, boxes, pen, wobble, rng):
    """The photo (BGR uint8) with a box drawn by hand around each of `boxes` (x0, y0, x1, y1) in a
    dark pen `pen` px wide, its corners and sides `wobble` px off (std)."""
    def draw(canvas, thickness):
        for box in boxes:
            draw_sides(canvas, wobbly_corners(box, wobble, rng), wobble, thickness, rng)

    sheet = photo.astype(np.float32)
    pen_strokes(sheet, FRAME_PEN, rng, draw, max(1, round(pen)))
    return np.clip(sheet + 0.5, 0, 255).astype(np.uint8)


def frame_boxes(rows, size, pen, shape, rng, each_line):
    """Where frames go about the lines of writing `rows` (`writing_rows`) on a photo of `shape`,
    drawn with a pen `pen` px wide: one box around them all, or with `each_line` one around
    each. The pen's stroke keeps FRAME_MARGIN digit heights clear of the writing, or between
    lines as much as leaves the two strokes apart. The boxes lie inside the photo."""
    h, w = shape[:2]
    spans = rows if each_line else [(rows[0][0], rows[-1][1], min(row[2] for row in rows), max(row[3] for row in rows))]
    gaps = [np.inf] + [below[0] - above[1] for above, below in zip(spans, spans[1:])] + [np.inf]
    boxes = []
    for (top, bottom, left, right), gap_above, gap_below in zip(spans, gaps, gaps[1:]):
        margin = rng.uniform(*FRAME_MARGIN, 4) * size
        margin[1], margin[3] = min(margin[1], gap_above / 2 - pen), min(margin[3], gap_below / 2 - pen)
        margin += pen / 2  # to the stroke's middle
        boxes.append((max(pen, left - margin[0]), max(pen, top - margin[1]),
                      min(w - 1 - pen, right + margin[2]), min(h - 1 - pen, bottom + margin[3])))
    return boxes


def framed_kinds(photo, rows, size, pen, stem):
    """The real sheet `photo` with a frame drawn by hand around all its writing, and again with
    a box around each line of it, as (kind, name, image)."""
    made = []
    for name, each_line in (("frame", False), ("line_boxes", True)):
        rng = seeded("framed", stem, name)
        boxes = frame_boxes(rows, size, pen, photo.shape, rng, each_line)
        made.append(("framed", f"{stem}_{name}.png", framed(photo, boxes, pen, FRAME_WOBBLE * size, rng)))
    return made


def only_handwriting_sheets(source):
    """The kinds made of each real sheet named in `source`/truth.json (not NOT_SHEETS), as
    (kind, name, image, lines): ruled, ruled_grey and squared (`ruled_kinds`), light_on_dark
    (a negative, and chalk on a board), printed_words (`amid_printed_words`) and framed
    (`framed_kinds`). The handwriting's place, digit height and pen are each sheet's own,
    found on the image (`photo_hazards.find_writing`)."""
    truth = json.loads((source / "truth.json").read_text())
    for number, (name, lines) in enumerate(item for item in truth.items() if item[0] not in NOT_SHEETS):
        photo, stem = imaging.read_image(str(source / name)), Path(name).stem
        writing, size, pen = find_writing(photo)
        rows = writing_rows(writing, size)
        made = ruled_kinds(photo, writing, size, pen, stem, number)
        made.append(("light_on_dark", f"{stem}_negative.png", 255 - photo))
        made.append(("light_on_dark", f"{stem}_chalk.png", chalkboard(photo, writing, pen, seeded("chalk", stem))))
        made.append(("printed_words", f"{stem}_printed.png",
                     amid_printed_words(photo, rows, size, seeded("printed_words", stem))))
        made += framed_kinds(photo, rows, size, pen, stem)
        for kind, made_name, image in made:
            yield kind, made_name, image, lines


def wrapped(sentences, font, x_height, width):
    """`sentences` joined and broken into lines no wider than `width` px in `font` (print_fonts)
    at `x_height` px."""
    face = print_fonts.font(font, print_fonts.size_for_x_height(font, x_height))
    lines = [""]
    for word in " ".join(sentences).split():
        longer = f"{lines[-1]} {word}".strip()
        if lines[-1] and face.getlength(longer) > width:
            lines.append(word)
        else:
            lines[-1] = longer
    return lines


def table_of_figures(rng, rows):
    """`rows` lines of a table of figures, as a typewriter sets it: item, quantity, price and
    total, each block under its own header."""
    lines = []
    for week in range(12, 12 + rows // 8 + 1):
        lines += [f"Week {week}", f"{'Item':<12}{'Qty':>5}{'Price':>9}{'Total':>10}"]
        for item in rng.choice(TABLE_ITEMS, 6, replace=False):
            quantity, price = int(rng.integers(1, 100)), rng.integers(50, 5000) / 100
            lines.append(f"{item:<12}{quantity:>5}{price:>9.2f}{quantity * price:>10.2f}")
    return lines[:rows]


def page_of_print(style, copy, rng):
    """A page of print in one of PRINT_STYLES, the `copy`th (0 to 2), as (sheet, boxes): the
    sheet (float32 BGR) and each printed line's box (x0, y0, x1, y1), ink only. A heading
    PRINT_HEADING_X tall, then prose (PRINT_SENTENCES) or a table of figures in the style's
    font at PRINT_X_HEIGHTS[copy], down to the page's foot, and the page's number."""
    _, heading_font, body_fonts, content = style
    font, x_height = body_fonts[copy % len(body_fonts)], PRINT_X_HEIGHTS[copy]
    w = int(rng.integers(*PRINT_WIDTH))
    h, margin = int(w * rng.uniform(1.2, 1.4)), int(0.07 * w)
    sheet = paper(h, w, PAPER["white"], rng)
    boxes = [printed_line(sheet, str(rng.choice(PRINT_HEADINGS)), heading_font, rng.uniform(*PRINT_HEADING_X),
                          (margin, margin))]
    line_h = text_size("Ag", font, x_height)[1]
    rows = (h - 2 * margin - (boxes[0][3] - margin)) // int(1.2 * line_h) - 2
    if content == "table":
        lines = table_of_figures(rng, rows)
    else:
        lines = wrapped(rng.choice(PRINT_SENTENCES, 10 * rows), font, x_height, w - 2 * margin)[:rows]
    y = boxes[0][3] + line_h
    for text in lines:
        boxes.append(printed_line(sheet, text, font, x_height, (margin, y)))
        y += int(1.2 * line_h)
    number = str(int(rng.integers(2, 40)))
    boxes.append(printed_line(sheet, number, font, x_height, ((w - text_size(number, font, x_height)[0]) / 2, y)))
    return sheet, boxes


def photographed(sheet, rng):
    """The sheet (float32 BGR) as a camera takes it, as (photo, homography): framed a little
    unevenly (a slight perspective), lit unevenly, a little blurred, with sensor noise."""
    frame, homography = frame_sheet(sheet, (), rng, None)
    frame *= light(*frame.shape[:2], (), rng, (0, 0, frame.shape[1], frame.shape[0]))[..., None]
    return taken(frame, rng), homography


def print_pages():
    """Pages of print with no handwriting, as (name, JPEG bytes, boxes): three of each of
    PRINT_STYLES (`page_of_print`), photographed (`photographed`) and stored at PRINT_JPEG;
    each printed line's box [x, y, w, h] in the photo's pixels (its corners moved as the
    camera moved them, then the box around them, inside the photo)."""
    for style in PRINT_STYLES:
        for copy in range(len(PRINT_X_HEIGHTS)):
            name = f"{style[0]}_{copy + 1}.jpg"
            rng = seeded("print_page", name)
            sheet, boxes = page_of_print(style, copy, rng)
            photo, homography = photographed(sheet, rng)
            corners = np.float32([[[x0, y0], [x1, y0], [x1, y1], [x0, y1]] for x0, y0, x1, y1 in boxes])
            moved = cv2.perspectiveTransform(corners.reshape(1, -1, 2), homography).reshape(-1, 4, 2)
            low = np.clip(np.floor(moved.min(axis=1)), 0, photo.shape[1::-1]).astype(int)
            high = np.clip(np.ceil(moved.max(axis=1)), 0, photo.shape[1::-1]).astype(int)
            stored = cv2.imencode(".jpg", photo, [cv2.IMWRITE_JPEG_QUALITY, PRINT_JPEG])[1].tobytes()
            yield name, stored, [[int(x), int(y), int(x1 - x), int(y1 - y)] for (x, y), (x1, y1) in zip(low, high)]


def plain_photos():
    """Photos with nothing written on them, as (name, image): blank paper, white, tinted, and
    shaded; a wall; a desk of one colour; the dark and the wood tables of `table`; and a tiny
    blank image and a tiny crop of blank paper (TINY_SIDES)."""
    surfaces = (("blank_white", (), lambda h, w, rng: paper(h, w, PAPER["white"], rng)),
                ("blank_tinted", (), lambda h, w, rng: paper(h, w, PAPER["yellow"], rng)),
                ("blank_shaded", ("shadow",), lambda h, w, rng: paper(h, w, PAPER["white"], rng)),
                ("wall", ("gradient",), lambda h, w, rng: paper(h, w, WALL, rng)),
                ("desk", (), lambda h, w, rng: np.full((h, w, 3), DESK, np.float32)),
                ("table_dark", (), lambda h, w, rng: table(h, w, rng, "dark")),
                ("table_wood", (), lambda h, w, rng: table(h, w, rng, "wood")))
    made = {}
    for name, hazards, surface in surfaces:  # lit as `light` lights a sheet, with these hazards
        rng = seeded("plain", name)
        w = int(rng.integers(*PLAIN_WIDTH))
        h = int(ASPECT * w)
        made[f"{name}.png"] = taken(surface(h, w, rng) * light(h, w, hazards, rng, (0, 0, w, h))[..., None], rng)
    tiny, crop = TINY_SIDES
    rng = seeded("plain", "tiny")
    made[f"tiny_{tiny}.png"] = taken(paper(tiny, tiny, PAPER["white"], rng), rng)
    made[f"crop_{crop}.png"] = made["blank_white.png"][100:100 + crop, 200:200 + crop].copy()
    return made.items()


def save_only_handwriting(source, folder):
    """Write photos on which only the handwriting is to be read into `folder`, one folder a
    kind, each with its truth.json (a photo's lines; [] where nothing is handwritten): the
    real sheets of `source` (a folder with truth.json; None for none) ruled, ruled_grey,
    squared, light_on_dark, printed_words and framed (`only_handwriting_sheets`); print_page,
    pages of print alone (`print_pages`, with print_lines.json: each printed line's box
    [x, y, w, h]); and plain (`plain_photos`). Returns {kind: truth}."""
    folder = Path(folder)
    written, print_lines = {}, {}
    made = only_handwriting_sheets(Path(source)) if source else []
    for kind, name, image, lines in made:
        (folder / kind).mkdir(parents=True, exist_ok=True)
        cv2.imwrite(str(folder / kind / name), image)
        written.setdefault(kind, {})[name] = lines
    (folder / "print_page").mkdir(parents=True, exist_ok=True)
    for name, stored, boxes in print_pages():
        (folder / "print_page" / name).write_bytes(stored)
        written.setdefault("print_page", {})[name], print_lines[name] = [], boxes
    write_truth(folder / "print_page" / "print_lines.json", print_lines)
    (folder / "plain").mkdir(parents=True, exist_ok=True)
    for name, image in plain_photos():
        cv2.imwrite(str(folder / "plain" / name), image)
        written.setdefault("plain", {})[name] = []
    for kind, kind_truth in written.items():
        write_truth(folder / kind / "truth.json", kind_truth)
    return written


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", default=".", help="folder for the sample photos")
    parser.add_argument("--lines", nargs="+", help="digit strings, one a line: make one sheet")
    parser.add_argument("--hazards", nargs="*", default=[], choices=HAZARDS)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--width", type=int, help="photo width in px")
    parser.add_argument("--save", default="sheet.png", help="where --lines writes its sheet")
    parser.add_argument("--stress", metavar="DIR", help="write a sheet per hazard and seed, with truth.json")
    parser.add_argument("--seeds", type=int, default=3, help="with --stress: this many sheets of each kind (default 3)")
    parser.add_argument("--first-seed", type=int, default=0, help="with --stress: the first sheet's seed (default 0)")
    parser.add_argument("--kinds", nargs="+", metavar="KIND",
                        help="with --stress: only these kinds of sheet, each a hazard, a kind of the stress set, "
                             "a layout kind (list pencil_list groups, not in the stress set) or hazards joined by + "
                             "(e.g. touching broken touching+turn_180 list+tilt; default all)")
    parser.add_argument("--variants", nargs=2, metavar=("SOURCE", "DIR"),
                        help="write SOURCE's labelled photos turned, tilted, seen at an angle, on tables (and turned "
                             "there), squeezed, poorly taken, shaded, written bolder and EXIF-tagged into DIR/<kind>")
    parser.add_argument("--only-handwriting", nargs=2, metavar=("SOURCE", "DIR"),
                        help="write SOURCE's real sheets ruled, squared, light on dark, amid print and framed, and "
                             "pages of print and plain surfaces with no handwriting, into DIR/<kind>")
    args = parser.parse_args()
    if args.only_handwriting:
        written = save_only_handwriting(*args.only_handwriting)
        print(", ".join(f"{len(names)} {kind}" for kind, names in written.items()), "photos in",
              args.only_handwriting[1])
    elif args.variants:
        written = save_photo_variants(*args.variants)
        print(", ".join(f"{len(names)} {kind}" for kind, names in written.items()), "photos in", args.variants[1])
    elif args.stress:
        seeds = range(args.first_seed, args.first_seed + args.seeds)
        for kind in args.kinds or []:
            try:
                stress_kind(kind)
            except ValueError as error:
                parser.error(f"--kinds: {error}; hazards are {', '.join(HAZARDS)}")
        print(f"wrote {len(save_stress_photos(args.stress, seeds, args.kinds))} sheets and truth.json in {args.stress}")
    elif args.lines:
        if not all(text.replace(" ", "").isdigit() for text in args.lines):
            parser.error("--lines takes digit strings, e.g. 0522 1234")
        cv2.imwrite(args.save, make_sheet(args.lines, args.seed, args.hazards, args.width))
        print(f"wrote {args.save}")
    else:
        print("wrote", ", ".join(save_sample_photos(args.out)), "and photos.json in", args.out)
