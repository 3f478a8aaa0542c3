"""How the digits are handwritten on a sheet: MNIST test digits (never seen in training), each
picked from the typical half of its class, written in lines the way a person writes, sizes,
baseline, spacing and slant varying a little; and the hazards of the hand itself (thin_pen,
pencil, narrow, broken, touching). make_photos.py lays the writing on paper and photographs it.
"""

import functools

import cv2
import numpy as np
from digitreader import mnist_digits


LINE_HEIGHT = (58, 78)     # a line's typical digit height in px ...
DIGIT_HEIGHT = (50, 90)    # ... and the range any one digit's height stays in
SIZE_JITTER = 0.12         # digit heights vary by up to this fraction around the line's
WOBBLE = 0.04              # baseline wobble, as a fraction of the line's digit height (std)
GAP = (0.15, 0.4)          # space between digits, as a fraction of digit height
LINE_GAP = (0.55, 0.85)    # space between lines, likewise
PEN_EDGE, PENCIL_EDGE, THIN_PEN_EDGE = 0.3, 0.45, 0.6  # where on MNIST's grey the pen's edge is: higher, thinner
THIN_PEN_PRESSURE = (0.5, 0.9)  # thin_pen: how much of the ink's darkness each digit keeps
PENCIL_PRESSURE = (0.45, 1.0)  # pencil: how much of the ink's darkness each part of a stroke keeps, ...
PENCIL_PRESSURE_SPAN = 0.3     # ... the pressure changing over about this fraction of the digit's height,
PENCIL_GRAIN = 0.4             # ... and the paper's tooth taking up to this fraction of the graphite, pixel by pixel
PENCIL_COMES_APART = ("4579", 0.5)  # pencil: these digits' thin parts come apart this often, where the pencil lifts
NARROW = (0.45, 0.7)  # narrow: each digit this fraction of MNIST's width for its height, ...
NARROW_SLANT = 0.25   # ... and the hand leaning this much more (std, x per y), as many write
BREAK_AT = {5: ("h", 0.24), 7: ("h", 0.32), 4: ("v", 0.0)}   # where a broken digit's gap goes


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


def pencilled(alpha, rng):
    """The ink as a pencil leaves it: a pressure that rises and falls along the strokes
    (PENCIL_PRESSURE, changing over PENCIL_PRESSURE_SPAN of the digit) and the grain of the paper's
    tooth (PENCIL_GRAIN). Returns the fainter alpha, the same shape."""
    h, w = alpha.shape
    cells = round(1 / PENCIL_PRESSURE_SPAN)
    coarse = rng.uniform(*PENCIL_PRESSURE, (cells + 1, round(cells * w / h) + 1)).astype(np.float32)
    pressure = cv2.resize(coarse, (w, h), interpolation=cv2.INTER_LINEAR)
    grain = 1 - PENCIL_GRAIN * rng.random((h, w), dtype=np.float32)
    return alpha * pressure * grain


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


def write_lines(lines, rng, hazards, indent=0.0):
    """Lay out the digits of `lines` (digit strings; a space leaves a wider gap) as a hand writes
    them, with `hazards` of the hand. Each line starts at the same x, or with `indent` that many
    digit heights (std) either side of it. Returns [(alpha, x, y)], any origin."""
    images, labels = mnist_test()
    # with `broken`, break every 4, 5 and 7, or else one digit a line
    broken = {(i, j) for i, text in enumerate(lines) for j, c in enumerate(text) if c in "457"}
    broken = (broken or {(i, int(rng.integers(len(t)))) for i, t in enumerate(lines) if t}
              if "broken" in hazards else set())
    if "pencil" in hazards:  # faint pencil: thin parts of some digits come apart
        apart, often = PENCIL_COMES_APART
        broken |= {(i, j) for i, text in enumerate(lines) for j, c in enumerate(text)
                   if c in apart and rng.random() < often}
    glyphs, top = [], 0
    for i, text in enumerate(lines):
        size = rng.uniform(*LINE_HEIGHT)
        slant, slope = rng.normal(0, 0.1), rng.normal(0, 0.015)  # the hand's lean, line drift
        if "narrow" in hazards:
            slant = rng.normal(0, NARROW_SLANT)
        x = int(round(rng.normal(0, indent * size))) if indent else 0  # where the line starts
        baseline, prev, space = top + 1.2 * size, None, 0.0
        eager = "touching" in hazards  # the next pair should touch
        for j, char in enumerate(text):
            if char == " ":  # a wider gap, as between two groups of digits
                space += size
                continue
            height = np.clip(size * rng.uniform(1 - SIZE_JITTER, 1 + SIZE_JITTER), *DIGIT_HEIGHT)
            image = pick_digit(int(char), rng, images, labels)
            edge = THIN_PEN_EDGE if "thin_pen" in hazards else PENCIL_EDGE if "pencil" in hazards else PEN_EDGE
            alpha = ink_alpha(image, height, slant + rng.normal(0, 0.04), edge) * rng.uniform(0.85, 1)
            if "narrow" in hazards:  # tall and narrow: the strokes keep their width
                alpha = narrowed(alpha, rng.uniform(*NARROW))
            if "thin_pen" in hazards:  # a fine pen pressed lightly: some digits faint
                alpha *= rng.uniform(*THIN_PEN_PRESSURE)
            if (i, j) in broken:
                alpha = break_stroke(alpha, int(char))
            if "pencil" in hazards:  # graphite pressed unevenly: grey, faint and grainy
                alpha = pencilled(alpha, rng)
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
