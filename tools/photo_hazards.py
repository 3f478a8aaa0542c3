"""The hazards a sheet of handwriting meets on its way into a photo, and the sheet itself: its
paper and ink; what else is on it (ruled or squared lines, printed words, a frame drawn
around, underlines, a ruler, specks, light ink on dark); the table it lies on (wood, cloth,
gravel, print, ...); how the camera frames it (perspective, turning, an angle); and how it
is lit (gradient, vignette, shadow). make_photos.make_sheet puts them together.

For real photos (make_photos.py --only-handwriting): where the handwriting is on one, how tall
its digits are and how wide its pen (`find_writing`); ruled lines printed under it
(`ruled_lines`, `printed_under`); and its ink as chalk on a board (`chalkboard`).
"""

import cv2
import numpy as np

from handwriting import LINE_HEIGHT


MIN_WIDTH, ASPECT, MIN_MARGIN = 1000, 0.75, 100   # the sheet: at least this wide, 4:3, margins
TABLES = ((38, 52, 70), (48, 48, 50))            # dark brown wood, dark grey
TABLE_KINDS = {"wood": (60, 95, 140), "cloth": (120, 90, 70), "dark": (45, 45, 48), "light": (150, 178, 196),
               "white": (240, 242, 244),  # brighter than most sheets
               "grain": (70, 110, 150), "gravel": (120, 125, 128), "print": (215, 220, 222)}  # BGR; the last three are busy
TABLE_SHARE = (0.1, 0.7)   # with `table`, the table covers this fraction of the frame
ANGLE = (0.1, 0.25)        # with `angle`, the far side looks this much shorter, and the sheet this much lower
RULE_COLOURS = ((190, 140, 90), (110, 110, 110), (225, 205, 185), (90, 90, 210))  # BGR: blue, grey, faint, red
RULE_SPACING = (0.7, 1.1)     # ruled paper: lines this many typical digit heights apart, so digits straddle them
SQUARE_SIZE = (0.35, 0.5)     # squared paper: squares this many typical digit heights wide
WORDS = ("Total", "Name:", "Date", "No.", "Price", "kg", "Invoice", "Room", "Phone", "Amount due", "TEL", "Sum",
         "Order", "Page", "Class", "Result", "SCORE", "Items")
FONTS = (cv2.FONT_HERSHEY_SIMPLEX, cv2.FONT_HERSHEY_DUPLEX, cv2.FONT_HERSHEY_COMPLEX, cv2.FONT_HERSHEY_TRIPLEX,
         cv2.FONT_HERSHEY_PLAIN)
WORDS_PER_SHEET = 6           # printed_words: this many words, each clear of the digits
WORD_HEIGHT = (0.3, 0.6)      # a printed word's capitals, in typical digit heights
# What is on a real photo, for drawing on it (make_photos.py --only-handwriting). Each photo is
# judged from the image itself, at a size where a pen is a few px wide.
WRITING_SIDE = 1000  # the photo is looked at with its longer side shrunk to at most this (px), ...
PAPER_AROUND = 25    # ... where the paper's level is the brightest grey within this many px, ...
INK_CONTRAST = (25, 0.4)  # ... ink is darker than that by this many grey levels and this share of the darkest ink's,
RULING_LENGTH = 1 / 12    # ... ruling and grids are straight runs of ink longer than this share of the photo's side,
RULING_TILT = 4           # ... and at most this many degrees off across or down,
WRITING_PIECE = (0.3, 2.0)  # ... and the writing's pieces are this many digit heights tall (a ruled line cuts digits).
CHALK_BOARD, CHALK = (58, 72, 62), (222, 228, 226)  # BGR: a dark green-grey board, and its chalk
CHALK_SMEAR = 1.5  # chalk is smeared along a stroke this many pen widths long


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


def pen_strokes(sheet, colour, rng, draw, thickness=None):
    """Strokes drawn by `draw(canvas, thickness)` with a pen `thickness` px wide: by default the
    pen that wrote the digits, a little thicker or thinner."""
    h, w = sheet.shape[:2]
    thickness = int(rng.integers(2, 5)) if thickness is None else thickness
    ink(sheet, cv2.GaussianBlur(strokes(h, w, lambda canvas: draw(canvas, thickness)), (3, 3), 0) * 0.95, colour)


def frame_around(sheet, written, colour, rng):
    """A box drawn by hand around all the digits, a little apart from them."""
    size = float(np.mean(LINE_HEIGHT))
    ys, xs = np.nonzero(written > 0.05)
    margin = rng.uniform(0.2, 0.5, 4) * size
    x0, y0 = xs.min() - margin[0], ys.min() - margin[1]
    x1, y1 = xs.max() + margin[2], ys.max() + margin[3]
    points = wobbly_corners((x0, y0, x1, y1), 0.05 * size, rng)
    pen_strokes(sheet, colour, rng, lambda canvas, thickness: draw_sides(canvas, points, 0.05 * size, thickness, rng))


def wobbly_corners(box, wobble, rng):
    """The corners of a box (x0, y0, x1, y1) as a hand draws it, clockwise from the top left and
    back to it: five points, each `wobble` px (std) off, the last near the first."""
    x0, y0, x1, y1 = box
    corners = [(x0, y0), (x1, y0), (x1, y1), (x0, y1), (x0, y0)]
    jitter = rng.normal(0, wobble, (5, 2))
    jitter[4] = jitter[0] + rng.normal(0, wobble, 2)  # the pen comes back near where it started
    return [np.add(corner, shift) for corner, shift in zip(corners, jitter)]


def draw_sides(canvas, points, bow, thickness, rng):
    """Draw a hand's strokes from point to point on `canvas`, each side bowing `bow` px (std)."""
    for (ax, ay), (bx, by) in zip(points, points[1:]):
        cv2.polylines(canvas, [bowed(ax, ay, bx, by, rng.normal(0, bow))], False, 255, thickness, cv2.LINE_AA)


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
    elif kind == "white":  # a white desk: the camera's noise alone, as on the paper
        texture = 0.01 * fine
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


def placement(w, h, hazards, rng, degrees, cut_corner=True, foreshortening=ANGLE):
    """Where the sheet's corners (w x h) go on a table, and the frame's size: turned by `degrees`
    counter-clockwise, with `angle` in hazards seen at an angle (its far side shorter, and lower, by
    fractions in the range `foreshortening`), the table covering TABLE_SHARE of the frame; now and
    then, with `cut_corner`, a corner out of the frame."""
    corners = np.float32([[0, 0], [w, 0], [w, h], [0, h]])
    if "angle" in hazards:
        shrink = rng.uniform(*foreshortening) * w / 2
        corners[:2, 0] += [shrink, -shrink]
        corners[:2, 1] += rng.uniform(*foreshortening) * h / 2
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


def taken(frame, rng):
    """The frame (float32, 0-255) as the camera stores it, as uint8: a little out of focus and
    shaken, with sensor noise."""
    frame = cv2.GaussianBlur(frame, (0, 0), rng.uniform(0.7, 1.1))  # focus and hand shake
    frame += rng.normal(0, rng.uniform(2.5, 4), frame.shape).astype(np.float32)  # sensor noise
    return np.clip(frame + 0.5, 0, 255).astype(np.uint8)


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


def shrunk(image):
    """The image with its longer side at most WRITING_SIDE, and the factor it was shrunk by."""
    scale = min(1.0, WRITING_SIDE / max(image.shape[:2]))
    return cv2.resize(image, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA), scale


def darkness(photo):
    """How many grey levels darker than the paper around it each pixel of the photo (BGR uint8)
    is, as float32 of the photo's size. The paper's level is the brightest grey within
    PAPER_AROUND px of the photo shrunk by `shrunk`, smoothed."""
    grey = cv2.cvtColor(photo, cv2.COLOR_BGR2GRAY).astype(np.float32)
    small, _ = shrunk(grey)
    level = cv2.GaussianBlur(cv2.dilate(small, np.ones((PAPER_AROUND, PAPER_AROUND), np.uint8)), (0, 0),
                             PAPER_AROUND / 3)
    return cv2.resize(level, grey.shape[::-1], interpolation=cv2.INTER_LINEAR) - grey


def pieces(mask):
    """The connected pieces of a mask (uint8) as (labels, stats), where stats has one row
    (x, y, w, h, area) per piece, without the background, and a flag for each piece that
    stays clear of the mask's border."""
    _, labels, stats, _ = cv2.connectedComponentsWithStats(mask)
    x, y, w, h, _ = stats[1:].T
    inside = (x > 0) & (y > 0) & (x + w < mask.shape[1]) & (y + h < mask.shape[0])
    return labels, stats[1:], inside


def digit_height(ink):
    """The typical height (px) of the digits in an ink mask: the median height of its pieces
    that lie inside the frame, are at least 6 px tall, less than 0.4 of the frame's height and
    narrower than 1.5 times their height. Each piece is weighted by its area, so that specks
    count for little."""
    _, stats, inside = pieces(ink)
    _, _, w, h, area = stats.T
    digit_like = inside & (h >= 6) & (h < 0.4 * ink.shape[0]) & (w < 1.5 * h)
    if not digit_like.any():
        raise ValueError("no handwriting found: no piece of ink is shaped like a digit")
    order = np.argsort(h[digit_like])
    weight = np.cumsum(area[digit_like][order])
    return float(h[digit_like][order][np.searchsorted(weight, weight[-1] / 2)])


def ruling(ink):
    """The ink of ruled lines and grids in an ink mask: straight runs across or down, at most
    RULING_TILT degrees off, longer than RULING_LENGTH of the frame's side."""
    length = int(max(ink.shape) * RULING_LENGTH) | 1
    found = np.zeros_like(ink)
    for degrees in np.arange(-RULING_TILT, RULING_TILT + 1, 1.0):
        run = np.zeros((length, length), np.uint8)
        rise = int(round(np.tan(np.radians(degrees)) * length / 2))
        cv2.line(run, (0, length // 2 - rise), (length - 1, length // 2 + rise), 1)
        for kernel in (run, run.T):
            found |= cv2.morphologyEx(ink, cv2.MORPH_OPEN, kernel)
    return found


def writing_pieces(ink, size):
    """The handwriting in an ink mask (ruling taken out) whose digits are `size` px tall: the
    pieces WRITING_PIECE digit heights tall and at most four wide (digits may touch), at least
    half a digit height inside the frame (what the frame cuts, a book's edge, a finger, is not
    the writing)."""
    labels, stats, _ = pieces(ink)
    x, y, w, h, _ = stats.T
    inside = (np.minimum(x, y) >= size / 2) & (x + w <= ink.shape[1] - size / 2) & (y + h <= ink.shape[0] - size / 2)
    kept = inside & (h >= WRITING_PIECE[0] * size) & (h <= WRITING_PIECE[1] * size) & (w <= 4 * size)
    return np.isin(labels, np.flatnonzero(kept) + 1).astype(np.uint8)


def stroke_width(mask):
    """The typical width (px) of the strokes in a mask: twice their area over their outline's
    length, as a stroke's area is its length times its width and its outline twice its length."""
    outlines, _ = cv2.findContours(mask, cv2.RETR_LIST, cv2.CHAIN_APPROX_NONE)
    return 2 * float(mask.sum()) / max(1.0, sum(cv2.arcLength(outline, True) for outline in outlines))


def find_writing(photo):
    """The handwriting on a real photo (BGR uint8), estimated from the image itself, as (mask,
    size, pen): where its ink is (bool, the photo's size), its digits' height and the pen's
    width, in the photo's px. The photo is looked at shrunk (`shrunk`); its ink is what is
    INK_CONTRAST darker than the paper around it (`darkness`); the digits' height is the
    median of its pieces' heights (`digit_height`); the writing is those pieces of the ink
    without its ruling that go with that height (`writing_pieces`)."""
    dark, scale = shrunk(darkness(photo))
    ink = (dark > max(INK_CONTRAST[0], INK_CONTRAST[1] * np.percentile(dark, 99.7))).astype(np.uint8)
    size = digit_height(ink)
    writing = writing_pieces(ink & (1 - ruling(ink)), size)
    mask = cv2.resize(writing, photo.shape[1::-1], interpolation=cv2.INTER_NEAREST) > 0
    return mask, size / scale, stroke_width(writing) / scale


def writing_rows(mask, size):
    """The lines of handwriting in a mask of it (bool) whose digits are `size` px tall, as
    (top, bottom, left, right), from the rows that hold writing (`ink_rows`). Rows less than a
    fifth of a digit height apart are one line; a line less than half a digit height tall is a
    stray mark, left out."""
    found = []
    for top, bottom, left, right in ink_rows(mask.astype(np.float32)):
        if found and top - found[-1][1] < 0.2 * size:
            last = found.pop()
            top, left, right = last[0], min(left, last[2]), max(right, last[3])
        found.append((top, bottom, left, right))
    return [line for line in found if line[1] - line[0] >= size / 2]


def ruled_lines(h, w, spacing, thickness, rng, squared=False):
    """Ruled lines `spacing` px apart across the whole of an h x w photo, `thickness` px wide, a
    little tilted and bowed, as an alpha map (float32, 0 to 1); with `squared`, lines down as
    well, as far apart (squared paper)."""
    slope, bow = rng.normal(0, 0.01), rng.normal(0, 0.003) * w

    def draw(canvas):
        reach = abs(slope) * max(h, w) + spacing  # lines start beyond the frame, so tilted ones fill it
        for y in np.arange(-reach + rng.uniform(0, spacing), h + reach, spacing):
            cv2.polylines(canvas, [bowed(0, y, w, y + slope * w, bow)], False, 255, thickness, cv2.LINE_AA)
        if squared:
            for x in np.arange(-reach + rng.uniform(0, spacing), w + reach, spacing):
                cv2.polylines(canvas, [bowed(x, 0, x - slope * h, h, bow * h / w)], False, 255, thickness,
                              cv2.LINE_AA)
    return strokes(h, w, draw)


def printed_under(photo, alpha, colour):
    """The photo (BGR uint8) with lines of `colour` printed under what is on it where `alpha`
    says: each pixel multiplied by the colour (over 255), as ink on ink, so that the
    handwriting stays as dark where a line crosses it."""
    tint = 1 - alpha[..., None] * (1 - np.float32(colour) / 255)
    return np.clip(photo * tint + 0.5, 0, 255).astype(np.uint8)


def chalkboard(photo, writing, pen, rng):
    """The photo's ink as chalk on a dark green-grey board (BGR uint8): the chalk as thick as
    its ink is dark, full where it is as dark as the writing's (`writing`, a mask) typical ink,
    smeared along a stroke CHALK_SMEAR pen widths (`pen`, px) long at a slant, grainy, with a
    haze of chalk dust about it."""
    h, w = photo.shape[:2]
    dark = darkness(photo)
    chalk = np.clip(dark / max(1.0, float(np.median(dark[writing]))), 0, 1)
    length = max(3, int(CHALK_SMEAR * pen)) | 1
    stroke = np.zeros((length, length), np.float32)
    stroke[length // 2] = 1  # a line across, turned to the slant
    turn = cv2.getRotationMatrix2D((length // 2, length // 2), rng.uniform(0, 180), 1)
    stroke = cv2.warpAffine(stroke, turn, (length, length))
    chalk = cv2.filter2D(chalk, -1, stroke / stroke.sum())
    dust = cv2.GaussianBlur(chalk, (0, 0), 2 * pen)
    grain = cv2.GaussianBlur(rng.uniform(0.6, 1.0, (h, w)).astype(np.float32), (0, 0), 0.7)
    board = paper(h, w, CHALK_BOARD, rng)
    ink(board, np.clip(0.9 * chalk * grain + 0.15 * dust, 0, 1), CHALK)
    return np.clip(board + 0.5, 0, 255).astype(np.uint8)
