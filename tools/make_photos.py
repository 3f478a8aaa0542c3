"""Phone-photo-like pictures of handwritten digits, for trying digit recognition on.

The handwriting is MNIST test digits (never seen in training), written in lines the way a
person writes: sizes, baseline, spacing and slant vary a little. The sheet is then
"photographed": a little perspective, uneven light, paper grain, blur and sensor noise.
Hazards (see HAZARDS) make harder pictures; the digits a picture shows never change.

Usage:
    python tools/make_photos.py [--out DIR]
        writes photo_1.png, photo_2.png and photos.json (the digits in each) into DIR.
    python tools/make_photos.py --lines 0522 1234 [--hazards shadow blue_ink] [--seed 3]
                                [--width 1200] --save stress.png
        writes one sheet.
    python tools/make_photos.py --stress DIR [--seeds 3] [--first-seed 0] [--kinds touching broken+turn_180]
        writes sheets for each hazard alone (three, or --seeds) and truth.json, for `evaluate.py DIR`;
        --first-seed and --kinds make fresh sheets of a few kinds (hazards may be joined by +), to
        check a change on handwriting it was not tried on.
"""

import argparse
import functools
import io
import json
from pathlib import Path

import cv2
import numpy as np
from digitreader import imaging, mnist_digits, page


PAPER_HAZARDS = ("ruled", "squared", "light_on_dark", "printed_words", "frame", "underline", "ruler")
HAZARDS = ("shadow", "gradient", "tinted_paper", "blue_ink", "thin_pen", "specks", "dark_border", "broken",
           "touching", "narrow", "table", "angle", "tilt", "turn_90", "turn_180", "turn_270", "busy") + PAPER_HAZARDS
EXIF_TAGS = (3, 6, 8)  # upside down, and sideways either way: what phones write into JPEGs
STRESS_LINES = (["0522", "1234567", "98316"], ["7405", "861293"], ["31415926", "2718", "60"])
SAMPLE_PHOTOS = {"photo_1.png": ["40715283"],
                 "photo_2.png": ["0522", "1234567", "98316", "740825"]}

LINE_HEIGHT = (58, 78)     # a line's typical digit height in px ...
DIGIT_HEIGHT = (50, 90)    # ... and the range any one digit's height stays in
SIZE_JITTER = 0.12         # digit heights vary by up to this fraction around the line's
WOBBLE = 0.04              # baseline wobble, as a fraction of the line's digit height (std)
GAP = (0.15, 0.4)          # space between digits, as a fraction of digit height
LINE_GAP = (0.55, 0.85)    # space between lines, likewise
MIN_WIDTH, ASPECT, MIN_MARGIN = 1000, 0.75, 100   # the sheet: at least this wide, 4:3, margins
PAPER = {"white": (226, 230, 232), "yellow": (160, 205, 222), "grey": (172, 176, 176)}  # BGR
INK = {"black": (48, 40, 38), "blue": (140, 55, 25)}
TABLES = ((38, 52, 70), (48, 48, 50))            # dark brown wood, dark grey
TABLE_KINDS = {"wood": (60, 95, 140), "cloth": (120, 90, 70), "dark": (45, 45, 48), "light": (150, 178, 196),
               "grain": (70, 110, 150), "gravel": (120, 125, 128), "print": (215, 220, 222)}  # BGR; the last three are busy
TABLE_SHARE = (0.1, 0.7)   # with `table`, the table covers this fraction of the frame
ANGLE = (0.1, 0.25)        # with `angle`, the far side looks this much shorter, and the sheet this much lower
TILT = (8, 45)             # with `tilt`, the page is turned by this many degrees, either way
COMBINED = (("table", "tilt", "turn_90"), ("busy", "tilt", "turn_180"), ("angle", "turn_270"),
            ("table", "angle", "tilt"), ("gradient", "table", "turn_90"))  # the stress set's combined hazards
VARIANT_TILTS = (-30, -10, 10, 30)  # --variants: real photos tilted by these degrees, ...
VARIANT_TABLES = ("wood", "cloth", "gravel")  # ... laid on these tables,
VARIANT_NARROWING = (0.8, 0.65, 0.5)  # ... squeezed across to these fractions of their width: taller, narrower, closer handwriting,
VARIANT_BLURS = (1.0, 2.0)  # ... out of focus by these Gaussian sigmas (px),
VARIANT_JPEG = 20  # ... stored at this JPEG quality,
VARIANT_SMALLER = 0.6  # ... taken from further away (this times their size),
VARIANT_DIM = (0.45, 1.8, 12)  # ... in dim light: this times as bright, this gamma, this much sensor noise (grey levels),
VARIANT_SHADOW = 0.55  # ... and with a straight shadow across, this times as bright,
VARIANT_SHADOW_EDGES = (1, 3, 6, 12)  # ... its edge blurred by these Gaussian sigmas (px): sunlight's sharp to a lamp's soft.
VARIANT_BOLDER = (1, 2)  # ... and written bolder, the ink spread by this many pixels each side: the same hand, more digits touching.
PEN_EDGE, THIN_PEN_EDGE = 0.3, 0.6  # where on MNIST's grey the pen's edge is: higher, thinner
THIN_PEN_PRESSURE = (0.5, 0.9)  # thin_pen: how much of the ink's darkness each digit keeps
NARROW = (0.45, 0.7)  # narrow: each digit this fraction of MNIST's width for its height, ...
NARROW_SLANT = 0.25   # ... and the hand leaning this much more (std, x per y), as many write
BREAK_AT = {5: ("h", 0.24), 7: ("h", 0.32), 4: ("v", 0.0)}   # where a broken digit's gap goes
RULE_COLOURS = ((190, 140, 90), (110, 110, 110), (225, 205, 185), (90, 90, 210))  # BGR: blue, grey, faint, red
RULE_SPACING = (0.7, 1.1)     # ruled paper: lines this many typical digit heights apart, so digits straddle them
SQUARE_SIZE = (0.35, 0.5)     # squared paper: squares this many typical digit heights wide
WORDS = ("Total", "Name:", "Date", "No.", "Price", "kg", "Invoice", "Room", "Phone", "Amount due", "TEL", "Sum",
         "Order", "Page", "Class", "Result", "SCORE", "Items")
FONTS = (cv2.FONT_HERSHEY_SIMPLEX, cv2.FONT_HERSHEY_DUPLEX, cv2.FONT_HERSHEY_COMPLEX, cv2.FONT_HERSHEY_TRIPLEX,
         cv2.FONT_HERSHEY_PLAIN)
WORDS_PER_SHEET = 6           # printed_words: this many words, each clear of the digits
WORD_HEIGHT = (0.3, 0.6)      # a printed word's capitals, in typical digit heights


@functools.lru_cache(maxsize=1)
def mnist_test():
    """The MNIST test images and labels, loaded once per process."""
    return mnist_digits.load_mnist()[1]


def pick_digit(digit, rng, images, labels):
    """One image of `digit`, from the half of its class closest to the class's mean image:
    typical digits, so that a good classifier should read every one."""
    index = np.flatnonzero(labels == digit)
    pixels = images[index].reshape(len(index), -1).astype(np.float32)
    distance = np.linalg.norm(pixels - pixels.mean(axis=0), axis=1)
    return images[rng.choice(index[distance <= np.median(distance)])]


def ink_alpha(image, height, slant, edge):
    """The digit's ink as pen strokes `height` px tall: sheared by `slant`, scaled up smoothly,
    then a soft threshold at grey level `edge` gives clean edges instead of blocky pixels."""
    ys, xs = np.nonzero(image > 40)
    crop = np.pad(image[ys.min():ys.max() + 1, xs.min():xs.max() + 1], 2)
    h, w = crop.shape
    s = height / (h - 4)
    shift = max(0.0, -slant * (h - 1))  # keep a left-leaning top inside the image
    matrix = np.float32([[s, -s * slant, s * (slant * (h - 1) + shift)], [0, s, 0]])
    size = (int(np.ceil(s * (w + abs(slant) * (h - 1)))), int(np.ceil(s * h)))
    grey = cv2.warpAffine(crop.astype(np.float32) / 255, matrix, size, flags=cv2.INTER_CUBIC)
    alpha = np.clip((grey - edge) / 0.35, 0, 1)
    alpha = alpha * alpha * (3 - 2 * alpha)  # smoothstep
    ys, xs = np.nonzero(alpha > 0.02)
    return alpha[ys.min():ys.max() + 1, xs.min():xs.max() + 1]


def narrowed(alpha, fraction):
    """The ink squeezed to `fraction` of its width, the pen as wide as before: the strokes down
    the digit, made thinner by the squeeze, are widened back by what they lost."""
    squeezed = cv2.resize(alpha, (max(1, round(alpha.shape[1] * fraction)), alpha.shape[0]), interpolation=cv2.INTER_AREA)
    lost = round(mnist_digits.stroke_width(alpha > 0.5) * (1 - fraction))
    return cv2.dilate(squeezed, np.ones((1, lost + 1), np.uint8)) if lost else squeezed


def pieces(alpha):
    """How many sizeable separate strokes the ink is in."""
    _, _, stats, _ = cv2.connectedComponentsWithStats((alpha > 0.5).astype(np.uint8))
    return int(np.sum(stats[1:, cv2.CC_STAT_AREA] > 0.04 * stats[1:, cv2.CC_STAT_AREA].sum()))


def break_stroke(alpha, digit):
    """Erase a thin band across the ink (2 px at MNIST's scale) so the digit is in more pieces:
    a 5's top bar detached, a 7's bar off its stem, a 4's stem apart from its 'L'."""
    h, gap = len(alpha), max(4, round(0.1 * len(alpha)))
    for kind, at in [BREAK_AT.get(digit, ("h", 0.5))] + [("h", f) for f in (0.5, 0.35, 0.65, 0.25)]:
        out = alpha.copy()
        if kind == "v":  # a band along the stem's left edge, the stem found in the bottom rows
            rows = [(r, np.flatnonzero(alpha[r] > 0.5)) for r in range(int(0.8 * h), h)]
            rows = [(r, c) for r, c in rows if len(c)]
            slope, centre = np.polyfit([r for r, _ in rows], [c.mean() for _, c in rows], 1)
            x, y = np.arange(alpha.shape[1])[None, :], np.arange(h)[:, None]
            edge = slope * y + centre - np.mean([np.ptp(c) for _, c in rows]) / 2 - 1
            out[(x < edge) & (x >= edge - gap) & (y < 0.8 * h)] = 0
        else:
            top = int(at * h) - gap // 2
            out[top:top + gap] = 0
        if pieces(out) > pieces(alpha):
            return out
    return alpha


def touching_x(prev, alpha, y, overlap):
    """Where to put `alpha` (top at `y`) so its ink overlaps `prev`'s ink by `overlap` px in
    the row where they come closest, as in fast handwriting."""
    p_alpha, px, py = prev
    best = None
    for row in range(max(py, y), min(py + p_alpha.shape[0], y + alpha.shape[0])):
        right = np.flatnonzero(p_alpha[row - py] > 0.5)
        left = np.flatnonzero(alpha[row - y] > 0.5)
        if len(right) and len(left):
            reach = px + right[-1] - left[0]
            best = reach if best is None else max(best, reach)
    return (px + p_alpha.shape[1] if best is None else best) - overlap


def write_lines(lines, rng, hazards):
    """Lay out the digits as a hand writes them. Returns [(alpha, x, y)], any origin."""
    images, labels = mnist_test()
    # with `broken`, break every 4, 5 and 7, or else one digit a line
    broken = {(i, j) for i, text in enumerate(lines) for j, c in enumerate(text) if c in "457"}
    broken = (broken or {(i, int(rng.integers(len(t)))) for i, t in enumerate(lines) if t}
              if "broken" in hazards else set())
    glyphs, top = [], 0
    for i, text in enumerate(lines):
        size = rng.uniform(*LINE_HEIGHT)
        slant, slope = rng.normal(0, 0.1), rng.normal(0, 0.015)  # the hand's lean, line drift
        if "narrow" in hazards:
            slant = rng.normal(0, NARROW_SLANT)
        baseline, x, prev, space = top + 1.2 * size, 0, None, 0.0
        eager = "touching" in hazards  # the next pair should touch
        for j, char in enumerate(text):
            if char == " ":  # a wider gap, as between two groups of digits
                space += size
                continue
            height = np.clip(size * rng.uniform(1 - SIZE_JITTER, 1 + SIZE_JITTER), *DIGIT_HEIGHT)
            image = pick_digit(int(char), rng, images, labels)
            edge = THIN_PEN_EDGE if "thin_pen" in hazards else PEN_EDGE
            alpha = ink_alpha(image, height, slant + rng.normal(0, 0.04), edge) * rng.uniform(0.85, 1)
            if "narrow" in hazards:  # tall and narrow: the strokes keep their width
                alpha = narrowed(alpha, rng.uniform(*NARROW))
            if "thin_pen" in hazards:  # a fine pen pressed lightly: some digits faint
                alpha *= rng.uniform(*THIN_PEN_PRESSURE)
            if (i, j) in broken:
                alpha = break_stroke(alpha, int(char))
            y = int(round(baseline + slope * x + rng.normal(0, WOBBLE * size))) - alpha.shape[0]
            gap, overlap = rng.uniform(*GAP) * height, rng.uniform(0.015, 0.04) * height
            if prev:
                right = prev[1] + prev[0].shape[1]
                x = right + int(round(gap + space))
                if eager and not space:  # touch, unless one digit would hang far over the other (a 2 over a 1)
                    near = touching_x(prev, alpha, y, int(round(overlap)))
                    if right - near <= 0.4 * min(prev[0].shape[1], alpha.shape[1]):
                        x, eager = near, False
                else:
                    eager = "touching" in hazards  # so about every other pair touches
            prev, space = (alpha, x, y), 0.0
            glyphs.append(prev)
        top = baseline + rng.uniform(*LINE_GAP) * size
    return glyphs


def paper(h, w, colour, rng):
    """Blank paper: its colour, with blotchy and fine grain."""
    blotch = cv2.resize(rng.standard_normal((h // 32 + 2, w // 32 + 2), dtype=np.float32),
                        (w, h), interpolation=cv2.INTER_CUBIC)
    fine = cv2.GaussianBlur(rng.standard_normal((h, w), dtype=np.float32), (0, 0), 0.7)
    grain = 1 + 0.005 * blotch + 0.02 * fine
    return grain[..., None] * np.float32(colour)


def ink(sheet, alpha, colour):
    """Lay ink of `colour` on the sheet where `alpha` says, in place."""
    alpha = alpha[..., None]
    sheet *= 1 - alpha
    sheet += alpha * np.float32(colour)


def specks(sheet, written, size, colour, rng):
    """Dirt specks and a couple of stray pen dashes, kept clear of the digits."""
    h, w = written.shape
    disc = cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (int(0.35 * size) * 2 + 1,) * 2)
    clear = cv2.dilate((written > 0.05).astype(np.uint8), disc)  # keep out of this
    dirt, dashes = np.zeros((h, w), np.float32), np.zeros((h, w), np.uint8)
    for x, y in zip(rng.integers(w, size=60), rng.integers(h, size=60)):
        if not clear[max(0, y - 4):y + 5, max(0, x - 4):x + 5].any():
            cv2.circle(dirt, (int(x), int(y)), int(rng.integers(1, 4)), rng.uniform(0.5, 0.9), -1)
    ys, xs = np.nonzero(written > 0.05)
    placed = 0
    for _ in range(200):  # two dashes among the lines of digits, as far from them as the dots
        x, y = int(rng.uniform(xs.min(), xs.max())), int(rng.uniform(ys.min(), ys.max()))
        mark = cv2.line(np.zeros((h, w), np.uint8), (x, y), (x + int(rng.uniform(0.2, 0.35) * size),
                        y + int(rng.normal(0, 0.04) * size)), 1, max(3, int(0.1 * size)))
        if not (mark & clear).any():
            dashes |= mark
            clear |= cv2.dilate(mark, disc)  # the next dash goes elsewhere
            placed += 1
        if placed == 2:
            break
    ink(sheet, cv2.GaussianBlur(dirt, (3, 3), 0), (60, 70, 80))
    ink(sheet, cv2.GaussianBlur(dashes.astype(np.float32), (3, 3), 0) * 0.95, colour)


def strokes(h, w, draw):
    """An anti-aliased alpha map of what `draw(canvas)` draws in 255 on a blank canvas."""
    canvas = np.zeros((h, w), np.uint8)
    draw(canvas)
    return canvas.astype(np.float32) / 255


def bowed(x0, y0, x1, y1, bow, steps=40):
    """Points along a straight stroke that bows `bow` px aside in its middle (paper and hands are
    not straight), as an int32 polyline."""
    t = np.linspace(0, 1, steps)[:, None]
    normal = np.float32([y0 - y1, x1 - x0]) / max(1.0, float(np.hypot(x1 - x0, y1 - y0)))
    points = (1 - t) * np.float32([x0, y0]) + t * np.float32([x1, y1]) + 4 * bow * t * (1 - t) * normal
    return np.round(points).astype(np.int32)


def paper_lines(sheet, written, rng, squared):
    """Ruled paper (lines across, a red margin line left of the digits) or squared paper, printed
    under the handwriting: blue, grey, faint or red, slightly bowed, digits on and across them."""
    h, w = written.shape
    size = float(np.mean(LINE_HEIGHT))
    colour = RULE_COLOURS[int(rng.integers(len(RULE_COLOURS)))]
    spacing = size * rng.uniform(*(SQUARE_SIZE if squared else RULE_SPACING))
    thickness = int(rng.integers(1, 4))
    bow = rng.normal(0, 0.004) * w

    inset = rng.uniform(0.02, 0.05)  # as on a notepad, the lines stop short of the sheet's edges

    def draw(canvas):
        x0, x1, y0, y1 = inset * w, (1 - inset) * w, inset * h, (1 - inset) * h
        for y in np.arange(y0 + rng.uniform(0, spacing), y1, spacing):
            cv2.polylines(canvas, [bowed(x0, y, x1, y, bow)], False, 255, thickness, cv2.LINE_AA)
        if squared:
            for x in np.arange(x0 + rng.uniform(0, spacing), x1, spacing):
                cv2.polylines(canvas, [bowed(x, y0, x, y1, bow * h / w)], False, 255, thickness, cv2.LINE_AA)
    ink(sheet, strokes(h, w, draw) * rng.uniform(0.7, 1), colour)
    left = int(np.flatnonzero(written.max(axis=0) > 0.05)[0])
    if not squared and left > 0.06 * w:  # the margin line, where the writing leaves room for it
        x = int(left - rng.uniform(0.2, 0.6) * size)
        ink(sheet, strokes(h, w, lambda canvas: cv2.line(canvas, (x, 0), (x, h - 1), 255, 2, cv2.LINE_AA)),
            RULE_COLOURS[3])


def clear_of(written, size):
    """Where nothing may be drawn: the digits and a margin around them."""
    disc = cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (int(0.25 * size) * 2 + 1,) * 2)
    return cv2.dilate((written > 0.05).astype(np.uint8), disc)


def printed_words(sheet, written, colour, rng):
    """WORDS_PER_SHEET printed words (captions, labels) in OpenCV's fonts, upright or italic,
    each in free space beside the handwriting."""
    h, w = written.shape
    size = float(np.mean(LINE_HEIGHT))
    taken = clear_of(written, size)
    ys, xs = np.nonzero(written > 0.05)
    placed = 0
    for _ in range(500):
        word = str(rng.choice(WORDS))
        font = int(rng.choice(FONTS)) | (cv2.FONT_ITALIC if rng.random() < 0.3 else 0)
        scale = 1.0
        (width, height), base = cv2.getTextSize(word, font, scale, 1)
        scale = size * rng.uniform(*WORD_HEIGHT) / height
        thickness = max(1, int(round(scale * rng.uniform(1, 2.2))))
        (width, height), base = cv2.getTextSize(word, font, scale, thickness)
        # near the digits: within a line's height of their rows, anywhere across the sheet
        x = int(rng.uniform(0.02 * w, w - width - 0.02 * w))
        y = int(rng.uniform(max(height + 2, ys.min() - size), min(h - base - 2, ys.max() + size)))
        box = taken[max(0, y - height - 4):y + base + 4, max(0, x - 4):x + width + 4]
        if x < 0 or box.any():
            continue
        mark = np.zeros((h, w), np.uint8)
        cv2.putText(mark, word, (x, y), font, scale, 255, thickness, cv2.LINE_AA)
        ink(sheet, mark.astype(np.float32) / 255 * 0.95, colour)
        taken[max(0, y - height - int(0.3 * size)):y + base + int(0.3 * size), max(0, x - 8):x + width + 8] = 1
        placed += 1
        if placed == WORDS_PER_SHEET:
            break


def ink_rows(written):
    """The lines of handwriting as (top, bottom, left, right), from the rows that hold ink."""
    rows = written.max(axis=1) > 0.05
    edges = np.flatnonzero(np.diff(np.concatenate([[0], rows.astype(np.int8), [0]])))
    found = []
    for top, bottom in zip(edges[::2], edges[1::2]):
        cols = np.flatnonzero(written[top:bottom].max(axis=0) > 0.05)
        found.append((int(top), int(bottom), int(cols[0]), int(cols[-1])))
    return found


def pen_strokes(sheet, colour, rng, draw):
    """Strokes drawn with the pen that wrote the digits, a little thicker or thinner."""
    h, w = sheet.shape[:2]
    thickness = int(rng.integers(2, 5))
    ink(sheet, cv2.GaussianBlur(strokes(h, w, lambda canvas: draw(canvas, thickness)), (3, 3), 0) * 0.95, colour)


def frame_around(sheet, written, colour, rng):
    """A box drawn by hand around all the digits, a little apart from them."""
    size = float(np.mean(LINE_HEIGHT))
    ys, xs = np.nonzero(written > 0.05)
    margin = rng.uniform(0.2, 0.5, 4) * size
    x0, y0 = xs.min() - margin[0], ys.min() - margin[1]
    x1, y1 = xs.max() + margin[2], ys.max() + margin[3]
    corners = [(x0, y0), (x1, y0), (x1, y1), (x0, y1), (x0, y0)]
    jitter = rng.normal(0, 0.05 * size, (5, 2))
    jitter[4] = jitter[0] + rng.normal(0, 0.05 * size, 2)  # the pen comes back near where it started

    def draw(canvas, thickness):
        points = [np.add(corner, shift) for corner, shift in zip(corners, jitter)]
        for (ax, ay), (bx, by) in zip(points, points[1:]):
            cv2.polylines(canvas, [bowed(ax, ay, bx, by, rng.normal(0, 0.05 * size))], False, 255, thickness,
                          cv2.LINE_AA)
    pen_strokes(sheet, colour, rng, draw)


def underline(sheet, written, colour, rng):
    """A line drawn by hand under each line of digits, close under them (it may touch a tail)."""
    size = float(np.mean(LINE_HEIGHT))
    found = ink_rows(written)

    def draw(canvas, thickness):
        for top, bottom, left, right in found:
            y = bottom + rng.uniform(0.05, 0.2) * size
            x0, x1 = left - rng.uniform(0, 0.3) * size, right + rng.uniform(0, 0.3) * size
            tilt = rng.normal(0, 0.02) * (x1 - x0)
            cv2.polylines(canvas, [bowed(x0, y, x1, y + tilt, rng.normal(0, 0.04 * size))], False, 255, thickness,
                          cv2.LINE_AA)
    pen_strokes(sheet, colour, rng, draw)


def ruler(sheet, written, rng):
    """A transparent ruler lying across the sheet beside the digits: its two edges, a tick each
    millimetre (longer each 5 and 10), and a small printed number each centimetre."""
    h, w = written.shape
    size = float(np.mean(LINE_HEIGHT))
    ys = np.nonzero(written > 0.05)[0]
    width = rng.uniform(0.7, 1.0) * size
    room = [(0.0, ys.min() - 0.3 * size), (ys.max() + 0.3 * size, float(h))]
    low, high = max(room, key=lambda span: span[1] - span[0])
    top = low + 0.5 * max(0.0, high - low - width) if high - low > width else low
    millimetre = rng.uniform(0.08, 0.12) * size
    left, right = rng.uniform(0.02, 0.08) * w, rng.uniform(0.92, 0.98) * w
    font = int(rng.choice(FONTS))
    scale = 0.3 * size / cv2.getTextSize("0", font, 1.0, 1)[0][1]

    def draw(canvas):
        cv2.rectangle(canvas, (int(left), int(top)), (int(right), int(top + width)), 255, 2, cv2.LINE_AA)
        for tick, x in enumerate(np.arange(left + millimetre, right - millimetre, millimetre)):
            length = (0.35 if tick % 10 == 9 else 0.25 if tick % 5 == 4 else 0.15) * width
            cv2.line(canvas, (int(x), int(top)), (int(x), int(top + length)), 255, 1, cv2.LINE_AA)
            if tick % 10 == 9:
                cv2.putText(canvas, str(tick // 10 + 1), (int(x) - 4, int(top + 0.8 * width)), font, scale, 255,
                            1, cv2.LINE_AA)
    ink(sheet, strokes(h, w, draw) * 0.9, (60, 60, 60))


def light_on_dark(sheet):
    """The sheet as a negative: light ink on a dark ground, as chalk on a board or white pen on
    dark card."""
    np.subtract(255, sheet, out=sheet)
    sheet *= 0.9


def table(h, w, rng, kind=None, print_scale=0.4):
    """A table top around the sheet: `kind` one of TABLE_KINDS (dark wood or dark grey when
    None, as `dark_border` has it). Busy kinds are textures of many small dark pieces; the
    print's font scale is `print_scale` (`print_page`)."""
    if kind is None:
        streaks = cv2.resize(rng.standard_normal((h // 3 + 2, 6), dtype=np.float32), (w, h),
                             interpolation=cv2.INTER_CUBIC)
        fine = rng.standard_normal((h, w), dtype=np.float32)
        colour = np.float32(TABLES[int(rng.integers(len(TABLES)))])
        return (1 + 0.18 * streaks + 0.05 * fine)[..., None] * colour
    fine = rng.standard_normal((h, w), dtype=np.float32)
    colour = np.float32(TABLE_KINDS[kind])
    if kind in ("wood", "light", "grain"):  # streaks along the boards, thin and many for grain
        rows = h // (2 if kind == "grain" else 3) + 2
        streaks = cv2.resize(rng.standard_normal((rows, 8), dtype=np.float32), (w, h), interpolation=cv2.INTER_CUBIC)
        texture = (0.6 if kind == "grain" else 0.18) * np.tanh(1.5 * streaks) + 0.05 * fine
    elif kind == "print":  # a page of small print: thousands of letters
        texture = print_page(h, w, rng, print_scale).astype(np.float32) / 255 - 1 + 0.03 * fine
    elif kind == "cloth":  # a weave
        x, y = np.arange(w, dtype=np.float32)[None, :], np.arange(h, dtype=np.float32)[:, None]
        texture = 0.08 * np.sin(x * 1.3) * np.sin(y * 1.3) + 0.06 * fine
    elif kind == "gravel":  # pebbles of every size, dark and light
        stones = sum(cv2.resize(rng.standard_normal((h // size + 2, w // size + 2), dtype=np.float32), (w, h),
                                interpolation=cv2.INTER_LINEAR) for size in (6, 14, 30))
        texture = 0.45 * np.tanh(stones) + 0.05 * fine
    else:  # plain
        texture = 0.04 * fine
    return (1 + texture)[..., None] * colour


def print_page(h, w, rng, scale=0.4):
    """A page of print (grey, h x w): lines of random letters and digits in OpenCV's plain font,
    `scale` its size (0.4: capitals 9 px tall, 16 px from line to line)."""
    page = np.full((h, w), 255, np.uint8)
    letters = np.array(list("abcdefghijklmnopqrstuvwxyz0123456789"))
    for y in range(int(35 * scale), h, int(40 * scale)):
        text = "".join(rng.choice(letters, int(w / (12.5 * scale))))
        cv2.putText(page, text, (int(rng.integers(-8, 0)), y), cv2.FONT_HERSHEY_SIMPLEX, scale, 40, 1, cv2.LINE_AA)
    return page


def placement(w, h, hazards, rng, degrees, cut_corner=True):
    """Where the sheet's corners (w x h) go on a table, and the frame's size: turned by `degrees`
    counter-clockwise, with `angle` in hazards seen at an angle (its far side shorter), the table covering
    TABLE_SHARE of the frame; now and then, with `cut_corner`, a corner out of the frame."""
    corners = np.float32([[0, 0], [w, 0], [w, h], [0, h]])
    if "angle" in hazards:
        shrink = rng.uniform(*ANGLE) * w / 2
        corners[:2, 0] += [shrink, -shrink]
        corners[:2, 1] += rng.uniform(*ANGLE) * h / 2
    turn = cv2.getRotationMatrix2D((w / 2, h / 2), degrees, 1)
    corners = cv2.transform(corners[None], turn)[0]
    corners -= corners.min(axis=0)
    box_w, box_h = corners.max(axis=0)
    frame_area = cv2.contourArea(corners) / (1 - rng.uniform(*TABLE_SHARE))
    grow = max(1.04, np.sqrt(frame_area / (box_w * box_h)))
    frame = np.array([box_w, box_h]) * grow
    corners += rng.uniform(0, 1, 2) * (frame - [box_w, box_h])
    if cut_corner and rng.random() < 0.3:  # a corner out of the frame, by a third of the sheet's margin
        corner = corners[int(rng.integers(4))]
        beyond = np.where(corner < frame / 2, -MIN_MARGIN / 3, frame + MIN_MARGIN / 3)
        corners += np.where(np.abs(corner - beyond) < MIN_MARGIN, beyond - corner, 0)
    return corners.astype(np.float32), (int(frame[0]), int(frame[1]))


def frame_sheet(sheet, hazards, rng, width, degrees=0.0, text_box=None):
    """Point the camera at the sheet: a small random perspective (the sheet filling the frame),
    or with `dark_border` lying on a table inside it, or with `table`, `busy` or `angle` lying
    on a table, turned by `degrees` counter-clockwise; with `tilt` alone the camera is turned by
    `degrees` over a sheet larger than the frame, framing `text_box`. Returns the frame and the homography."""
    h, w = sheet.shape[:2]
    out_w = int(width or w)
    out_h = int(round(h * out_w / w))
    corners = np.float32([[0, 0], [1, 0], [1, 1], [0, 1]])
    if {"table", "busy", "angle"} & set(hazards):
        dst, (out_w, out_h) = placement(w, h, hazards, rng, degrees)
        if width:
            dst, out_w, out_h = dst * width / out_w, int(width), int(round(out_h * width / out_w))
        kind = ("grain", "gravel", "print")[int(rng.integers(3))] if "busy" in hazards else \
            tuple(TABLE_KINDS)[int(rng.integers(4))]
        return on_table(sheet, cv2.getPerspectiveTransform(corners * np.float32([w, h]), dst),
                        table(out_h, out_w, rng, kind))
    if "tilt" in hazards:  # the camera turned over a sheet larger than the frame: frame the digits
        x0, y0, x1, y1 = text_box
        turn = np.vstack([cv2.getRotationMatrix2D(((x0 + x1) / 2, (y0 + y1) / 2), degrees, 1), [0, 0, 1]])
        box = cv2.transform(np.float32([[[x0, y0], [x1, y0], [x1, y1], [x0, y1]]]), turn[:2])[0]
        low, high = box.min(axis=0) - MIN_MARGIN, box.max(axis=0) + MIN_MARGIN
        scale = (width or high[0] - low[0]) / (high[0] - low[0])
        homography = np.diag([scale, scale, 1]) @ np.float64([[1, 0, -low[0]], [0, 1, -low[1]], [0, 0, 1]]) @ turn
        size = (int(scale * (high[0] - low[0])), int(scale * (high[1] - low[1])))
        return cv2.warpPerspective(sheet, homography, size, flags=cv2.INTER_LINEAR,
                                   borderMode=cv2.BORDER_REFLECT_101), homography
    if "dark_border" in hazards:
        inset = rng.uniform(0.03, 0.12, (4, 2)) * np.where(rng.random(4) < 0.25, -0.4, 1)[:, None]
        dst = np.float32((corners + (1 - 2 * corners) * inset) * [out_w, out_h])  # inset inwards
        turn = cv2.getRotationMatrix2D((out_w / 2, out_h / 2), rng.uniform(-4, 4), 1)  # askew
        dst = cv2.transform(dst[None], turn)[0]
        homography = cv2.getPerspectiveTransform(corners * np.float32([w, h]), dst)
        return on_table(sheet, homography, table(out_h, out_w, rng))
    src = (corners + (1 - 2 * corners) * rng.uniform(0, 0.025, (4, 2))) * [w, h]  # crop unevenly
    homography = cv2.getPerspectiveTransform(np.float32(src), corners * np.float32([out_w, out_h]))
    return cv2.warpPerspective(sheet, homography, (out_w, out_h), flags=cv2.INTER_LINEAR), homography


def on_table(sheet, homography, top):
    """The sheet laid on the table top `top` where `homography` puts it; and the homography."""
    size = (top.shape[1], top.shape[0])
    warped = cv2.warpPerspective(sheet, homography, size, flags=cv2.INTER_LINEAR)
    cover = cv2.warpPerspective(np.ones(sheet.shape[:2], np.float32), homography, size)[..., None]
    return warped * cover + top * (1 - cover), homography


def light(h, w, hazards, rng, box):
    """How bright each pixel is lit: a gradient (strong with `gradient`), a vignette, and with
    `shadow` a soft-edged wedge of shadow whose corner lies among the digits (`box`)."""
    xs = np.arange(w, dtype=np.float32)[None, :] / w - 0.5
    ys = np.arange(h, dtype=np.float32)[:, None] / h - 0.5
    angle = rng.uniform(0, 2 * np.pi)
    ramp = xs * np.cos(angle) + ys * np.sin(angle)
    ramp = ramp / (abs(np.cos(angle)) + abs(np.sin(angle))) + 0.5  # 0 to 1 across the frame
    depth = rng.uniform(0.45, 0.55) if "gradient" in hazards else rng.uniform(0.05, 0.15)
    lit = (1 - depth * ramp) * (1 - 0.2 * (xs ** 2 + ys ** 2))
    if "shadow" in hazards:
        x0, y0, x1, y1 = box
        cx = rng.uniform(x0 + 0.3 * (x1 - x0), x1 - 0.3 * (x1 - x0))
        cy = rng.uniform(y0 + 0.3 * (y1 - y0), y1 - 0.3 * (y1 - y0))
        # from the left or right, so its steep edges cross every line of digits near (cx, cy)
        toward = np.pi * int(rng.integers(2)) + rng.normal(0, 0.3)
        half = np.radians(rng.uniform(50, 75))
        soft = rng.uniform(0.01, 0.03) * w
        mask = 1
        for normal in (toward + np.pi / 2 - half, toward - np.pi / 2 + half):
            d = (xs * w + w / 2 - cx) * np.cos(normal) + (ys * h + h / 2 - cy) * np.sin(normal)
            mask = mask / (1 + np.exp(-np.clip(d / soft, -30, 30)))
        lit = lit * (1 - rng.uniform(0.4, 0.6) * mask)
    return lit.astype(np.float32)


def drawn_on(sheet, written, colour, hazards, rng):
    """What else is on the sheet besides the digits: printed words, a frame, underlines, a ruler;
    and with `light_on_dark` it all becomes a negative."""
    if "printed_words" in hazards:
        printed_words(sheet, written, colour, rng)
    if "frame" in hazards:
        frame_around(sheet, written, colour, rng)
    if "underline" in hazards:
        underline(sheet, written, colour, rng)
    if "ruler" in hazards:
        ruler(sheet, written, rng)
    if "light_on_dark" in hazards:
        light_on_dark(sheet)


def make_sheet(lines, seed=0, hazards=(), width=None, with_digits=False):
    """A phone photo of `lines` (digit strings, e.g. ["0522", "1234567"]; a space leaves a wider
    gap) handwritten on paper, as a BGR uint8 image. `hazards`: any of HAZARDS. `width`: the
    photo's width in px before any quarter turn (default: the sheet's, at least MIN_WIDTH, with
    digits 50-90 px tall). With `with_digits`, also each digit's outline in the photo (4 corners),
    in reading order."""
    if set(hazards) - set(HAZARDS) or not "".join(lines).replace(" ", "").isdigit():
        raise ValueError(f"lines must be digit strings, hazards any of {HAZARDS}")
    rng = np.random.default_rng(seed)
    glyphs = write_lines(lines, rng, hazards)
    x0, y0 = min(g[1] for g in glyphs), min(g[2] for g in glyphs)
    x1 = max(g[1] + g[0].shape[1] for g in glyphs)
    y1 = max(g[2] + g[0].shape[0] for g in glyphs)
    w = max(MIN_WIDTH, x1 - x0 + 2 * MIN_MARGIN)
    h = max(int(w * ASPECT), y1 - y0 + 2 * MIN_MARGIN)
    left = MIN_MARGIN + int(rng.uniform(0.3, 0.7) * (w - (x1 - x0) - 2 * MIN_MARGIN)) - x0
    top = MIN_MARGIN + int(rng.uniform(0.3, 0.7) * (h - (y1 - y0) - 2 * MIN_MARGIN)) - y0
    on_a_table = bool({"table", "busy", "angle"} & set(hazards))
    if "tilt" in hazards and not on_a_table:  # paper beyond the frame whichever way it turns
        pad = max(w, h) // 2
        w, h, left, top = w + 2 * pad, h + 2 * pad, left + pad, top + pad
    written = np.zeros((h, w), np.float32)
    for alpha, x, y in glyphs:
        patch = written[y + top:y + top + alpha.shape[0], x + left:x + left + alpha.shape[1]]
        np.maximum(patch, alpha, out=patch)
    colour = INK["blue" if "blue_ink" in hazards else "black"]
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
    frame, homography = frame_sheet(sheet, hazards, rng, width, degrees, text_box)
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
    '+' (touching+turn_180: touching digits on a sheet upside down)."""
    kinds = dict(stress_kinds())
    if name in kinds:
        return name, kinds[name]
    hazards = tuple(name.split("+"))
    if not set(hazards) <= set(HAZARDS):
        raise ValueError(f"{name!r} is neither a kind of stress sheet nor hazards joined by '+'")
    return name, hazards


def save_stress_photos(folder, seeds=range(3), names=None):
    """Write a sheet of each of `stress_kinds` (or of the kinds `names`, see `stress_kind`)
    for each seed, with truth.json, for evaluate.py."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    truth = {}
    for kind, hazards in map(stress_kind, names) if names else stress_kinds():
        for seed in seeds:
            lines = STRESS_LINES[seed % len(STRESS_LINES)]
            photo = make_sheet(lines, seed, hazards)
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


def save_photo_variants(source, folder):
    """Every photo named in `source`/truth.json as phones take them, one folder a kind, each with
    its truth.json, for evaluate.py: turned a quarter, half and three quarters; tilted by
    VARIANT_TILTS degrees (on a dark desk, where the turned photo leaves the frame); on tables of
    VARIANT_TABLES; squeezed across by VARIANT_NARROWING (the same hand, taller and narrower,
    its digits closer and some touching); poorly taken (out of focus, a low JPEG quality, from
    further away, in dim light); with a shadow across, its edge sharp to soft; written bolder
    (VARIANT_BOLDER); and stored as JPEGs with each of EXIF_TAGS."""
    source, folder = Path(source), Path(folder)
    truth = json.loads((source / "truth.json").read_text())
    written = {kind: {} for kind in ("turn", "tilt", "table", "narrow", "poor", "shadow", "bold", "exif")}
    rng, sensor = np.random.default_rng(0), np.random.default_rng(1)  # tables, and the dim photos' noise
    for name, lines in truth.items():
        photo, stem = cv2.imread(str(source / name), cv2.IMREAD_COLOR), Path(name).stem
        h, w = photo.shape[:2]
        variants = [("turn", f"{stem}_turn{90 * k}.png", np.ascontiguousarray(np.rot90(photo, k))) for k in (1, 2, 3)]
        for angle in VARIANT_TILTS:
            turn, size = page.rotation(angle, (w, h))
            desk = np.float32(TABLE_KINDS["dark"])
            tilted = cv2.warpPerspective(photo, turn, size, borderMode=cv2.BORDER_CONSTANT, borderValue=desk.tolist())
            variants.append(("tilt", f"{stem}_tilt{angle:+d}.png", tilted))
        for kind in VARIANT_TABLES:
            corners, size = placement(w, h, (), rng, rng.uniform(-4, 4), cut_corner=False)  # digits near edges
            homography = cv2.getPerspectiveTransform(np.float32([[0, 0], [w, 0], [w, h], [0, h]]), corners)
            laid, _ = on_table(photo.astype(np.float32), homography, table(size[1], size[0], rng, kind))
            variants.append(("table", f"{stem}_{kind}.png", np.clip(laid, 0, 255).astype(np.uint8)))
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
                        help="with --stress: only these kinds of sheet, each a hazard, a kind of the stress set "
                             "or hazards joined by + (e.g. touching broken touching+turn_180; default all)")
    parser.add_argument("--variants", nargs=2, metavar=("SOURCE", "DIR"),
                        help="write SOURCE's labelled photos turned, tilted, on tables, squeezed, poorly taken, shaded, "
                             "written bolder and EXIF-tagged into DIR/<kind>")
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
