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
"""

import argparse
import io
import json
from pathlib import Path

import cv2
import numpy as np
from digitreader import imaging, page

from handwriting import LINE_HEIGHT, write_lines
from photo_hazards import (ASPECT, MIN_MARGIN, MIN_WIDTH, TABLE_KINDS, drawn_on, frame_sheet, ink, light, on_table,
                           paper, paper_lines, placement, specks, table)


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
    frame = cv2.GaussianBlur(frame, (0, 0), rng.uniform(0.7, 1.1))  # focus and hand shake
    frame += rng.normal(0, rng.uniform(2.5, 4), frame.shape).astype(np.float32)  # sensor noise
    photo = np.clip(frame + 0.5, 0, 255).astype(np.uint8)
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
    and on them turned by VARIANT_TABLE_TURNS quarters (table_turned); squeezed across by
    VARIANT_NARROWING (the same hand, taller and narrower, its digits closer and some touching);
    poorly taken (out of focus, a low JPEG quality, from further away, in dim light); with a
    shadow across, its edge sharp to soft; written bolder (VARIANT_BOLDER); and stored as JPEGs
    with each of EXIF_TAGS."""
    source, folder = Path(source), Path(folder)
    truth = json.loads((source / "truth.json").read_text())
    written = {kind: {} for kind in ("turn", "tilt", "angle", "table", "table_turned", "narrow", "poor", "shadow", "bold",
                                     "exif")}
    # the tables, the dim photos' noise, and the photos seen at an angle
    rng, sensor, askew = np.random.default_rng(0), np.random.default_rng(1), np.random.default_rng(2)
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
    args = parser.parse_args()
    if args.variants:
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
