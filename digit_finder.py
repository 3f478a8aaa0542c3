"""Find the handwritten digits in a photo, in reading order.

The tutorial thresholds a blurred grey image at a fixed level and takes every external contour
as a digit. On a phone photo that finds shadows, the table and the sheet's edge. Here each step
takes its numbers from the image itself:

The photo comes as an upright, flat page (`page.py`). Steps 1 to 6 are `ink_pieces`:

1. `to_grey`, `work_copy`: any image becomes 8-bit grey at a working size.
2. `paper_up`: light ink on a dark ground (chalk, a negative) is turned over, so the paper is
   light and the ink dark whichever way round they came.
3. `ink_strength`: the paper's own brightness, estimated around every pixel, is divided out, so
   shadows and uneven light vanish and ink is what is darker than the paper near it.
4. `ink_thresholds`: ink levels from the ink map's own statistics (noise level, Otsu's split,
   that without what a straightened photo brought in from beyond its edge).
5. `ink_blobs`: connected pieces of ink, less what lies off the sheet or is too small to matter.
6. `without_paper_lines`, when a piece of ink is as long as a paper line: ruled and squared
   paper's lines, long thin strokes far longer than a digit is wide, are taken out of the ink
   (the strokes of digits that cross them stay whole), and steps 4 and 5 are done again.
7. `join_pieces`, `readings`, `best_reading`: a digit in pieces becomes one (`near_pairs` finds
   the pieces worth comparing in near-linear time); a blob wider than the photo's digits, or
   one the judge of pieces finds likelier two digits than one digit or none, may be touching
   digits, cut along slanted lines or a bending path, overlapping digits sharing the ink by
   the cut; two or three blobs close together may be one digit (strokes, a loose tail). The
   CNN (the "judge"), the judge of pieces (one whole digit, or part of one, or two), the pair
   reader (which two digits a blob holds, or that it holds one, read whole), the pen width and
   the digit width decide, for each run of close blobs along a line at once (dynamic
   programming).
8. `not_digits`: what is no digit goes: a page of print (most of its ink in lines longer than
   any number) before anything is read, an underline across a line of digits before the pieces
   are joined, then, with a judge of pieces, printed words, a ruler's ticks and numbers, marks,
   and a line of strokes all narrower than the pen (what is left of a paper line, a ruler's ends).
9. `widened_ones`: a digit the CNN reads as 1 is read again widened to MNIST's narrower
   digits, and the surer reading kept, or the widened one where two strokes cross many of its
   rows (`crossed_twice`): a tall, narrow 3, 8 or 9 scaled to 20 pixels tall is a few pixels
   wide, like MNIST's 1s. Not a piece cut out of a blob: its cut was chosen for the reading it
   has, and a 1 cut off with a sliver of its neighbour is crossed twice.
10. `reading_order`: lines top to bottom, digits left to right.
Each digit comes back with its box in the page image's pixels and its 28x28 MNIST-style
image (`mnist_digits.prepare_region`).
"""

from dataclasses import dataclass
from functools import cached_property
import itertools

import cv2
import numpy as np

import mnist_digits
import not_digits

WORK_SIDE = 1280  # Photos are worked on with their longer side at most this (pixels).
BACKGROUND_WINDOW = 1 / 20  # The paper's brightness is estimated over windows this fraction of the longer side.
TABLE_DARKNESS = 0.35  # 'Paper' darker than this fraction of the sheet's brightest is the table.
NOISE_SIGMAS = 6  # Ink must stand this many noise deviations above the paper,
STRONG_INK = 0.5  # ... a piece of ink must somewhere reach this fraction of Otsu's level,
WEAK_INK = 0.4  # ... and its faint edges this fraction.
READABLE_HEIGHT = 8  # Handwriting shorter than this (pixels) is not read: the CNN misreads 7 % of MNIST digits this small, 27 % at 5 px (tools/smallest_digit.py).
SPECK_FRACTION = 0.25  # Blobs shorter than this fraction of the typical digit height are specks or dots.
CUT_WIDTH = 1.0  # Blobs wider than this times the photo's digit width may be touching digits.
NARROWEST_DIGIT = 0.4  # They are cut into pieces no narrower than this times the digit height, and so is a narrower blob the judge of pieces finds likelier two digits (a 1 touching),
ONE_WIDTH = 2  # ... also into a piece no narrower than this many pen widths (a 1) and the rest;
CUT_COST = 0.1  # ... and each cut must make the reading likelier by this much (log-probability),
CROSSING_COST = 0.5  # ... and this much more for each pen stroke it crosses beyond one.
CUT_SLOPES = (-0.4, -0.2, 0.0, 0.2, 0.4)  # Cuts between touching digits may lean like handwriting,
BEND_COST = 0.05  # ... or bend, each column aside costing this fraction of an ink pixel crossed.
SHARED_INK = 1.0  # Overlapping digits share ink: either side of a cut may keep this many pen widths beyond it (the stroke it runs along).
PEN_SAMPLE = 20  # The pen's width is measured on this many of the largest blobs (a skeleton each).
JOIN_REACH = 0.3  # Blobs this fraction of a digit's height apart may be one digit (two strokes, a loose tail)
JOINED_WIDTH = 1.3  # ... when together no wider than this times the photo's digit width
JOINED_HEIGHT = 1.4  # ... and no taller than this times its digit height.
STACKED_WIDTH = 1.4  # Pieces one above the other join when together at most this much wider than tall (a 5's bar overhangs).
WIDTH_WEIGHT = 1.0  # How much a digit wider than the photo's typical one counts against a reading.
WHOLE_WEIGHT = 1.0  # How much the judge of pieces' likelihood that a piece is one whole digit counts (log-probability).
PAIR_WEIGHT = 1.0  # How much the pair reader's doubt of the digits read in a blob, whole or cut in two, counts (log-probability).
SURELY_TWO = 0.9  # A blob the pair reader finds at least this likely two digits may be cut however narrow.
MNIST_NARROW = 0.6  # Nine in ten of MNIST's digits but 1s are at least this wide for their height.
CROSSED_TWICE = 0.2  # 1.4 % of MNIST's 1s have two strokes across this fraction of their rows (a flag), 83-98 % of its 0s, 4s, 6s, 8s and 9s (tools/crossed_twice.py).
NINES = 7  # The CNN's certainty counts in nines (0.999: 3), at most this many: float32 holds no more.
LINE_RUN = 1.5  # A paper line is at most this times the ink's median run across it thick (plus a pixel),
LINE_STROKES = 30  # ... at least this many times as long as that,
LINE_SPAN = 0.15  # ... and this fraction of the photo's longer side: far longer than a digit is wide;
LINE_COVER = 0.6  # ... and this fraction of the columns along it hold it (digits cover the others).
LINE_LEAN = 0.1  # Paper lines lean up to this much (a tilted photo), lines down alike,
LINE_SLOPES = np.linspace(-LINE_LEAN, LINE_LEAN, 41)  # ... found at these slopes,
LINE_BOW = 1.5  # ... and bow so that they nowhere lean more than this times that (a curve steeper is strokes of digits).


@dataclass
class Digit:
    box: tuple  # (x, y, width, height) in the original image's pixels
    image: np.ndarray  # 28x28 uint8, as MNIST digits are
    line: int  # 0 for the first line of the photo, 1 for the next, ...
    probabilities: np.ndarray  # the judge's (the CNN's) probability of each class 0-9


@dataclass
class Blob:
    """A piece of ink: its bounding box in working pixels and its mask inside that box (never
    changed once made, so what is measured of it is kept)."""
    x: int
    y: int
    width: int
    height: int
    mask: np.ndarray

    @cached_property
    def ink(self):
        return int(np.count_nonzero(self.mask))

    @cached_property
    def stroke(self):
        """The mean width of its strokes (`mnist_digits.stroke_width`): a skeleton, measured once
        though the page step and the digit finder both ask."""
        return mnist_digits.stroke_width(self.mask)


def to_grey(image):
    """8-bit grey from an image of any depth and any number of channels."""
    image = np.asarray(image)
    if image.dtype == np.bool_:
        image = image.astype(np.uint8) * 255
    if image.dtype != np.uint8:
        image = image.astype(np.float64)
        low, high = np.nanmin(image), np.nanmax(image)
        scale = 255 / (high - low) if high > low else 0
        image = np.nan_to_num((image - low) * scale).astype(np.uint8)
    if image.ndim == 3 and image.shape[2] == 4:
        alpha = image[..., 3:].astype(np.float32) / 255  # Transparent parts show as white paper.
        image = (image[..., :3] * alpha + 255 * (1 - alpha)).astype(np.uint8)
    if image.ndim == 3 and image.shape[2] == 3:
        return cv2.cvtColor(image, cv2.COLOR_BGR2GRAY)
    if image.ndim == 3:
        return image[..., 0].copy()
    return image


def work_copy(grey, side=WORK_SIDE):
    """A copy whose longer side is at most `side`, and the factor from its pixels to the original's."""
    factor = max(grey.shape) / side
    if factor <= 1:
        return grey, 1.0
    size = (max(1, round(grey.shape[1] / factor)), max(1, round(grey.shape[0] / factor)))
    return cv2.resize(grey, size, interpolation=cv2.INTER_AREA), factor


def quarter_size(grey):
    """The image at a quarter of its width and height, each pixel the mean of the 4x4 it stands
    for. Scaled by factors rather than to a size, OpenCV takes its whole-factor path: a quarter
    of the cost when the sides are no multiples of 4."""
    if min(grey.shape) < 4:
        return grey
    return cv2.resize(grey, None, fx=0.25, fy=0.25, interpolation=cv2.INTER_AREA)


def paper_up(grey):
    """The image with light paper and dark ink, turned over if the ink is the lighter.

    The paper is the larger, smoother part: around every pixel the mean (over a window much
    wider than a stroke) is near the paper's, and what stands far from it is ink. If more of
    that lies on the light side than on the dark side, the ink is light. Shadows, the sheet's
    edge and the table differ from the mean on both sides alike. A quarter of the size is
    enough for strokes to stand out.
    """
    small = quarter_size(grey)
    window = max(3, int(max(small.shape) * BACKGROUND_WINDOW)) | 1
    difference = small.astype(np.float32) - cv2.blur(small.astype(np.float32), (window, window))
    spread = 1.4826 * quantile(np.abs(difference), 0.5) + 1
    far = np.abs(difference) > NOISE_SIGMAS * spread
    lighter = np.sum(np.abs(difference[far & (difference > 0)]), dtype=np.int64)
    darker = np.sum(np.abs(difference[far & (difference < 0)]), dtype=np.int64)
    return 255 - grey if lighter > darker else grey


def paper_brightness(grey):
    """The brightness of the paper around every pixel, shadows and light gradients included.

    A closing with a window much wider than a pen stroke removes the (dark) strokes and leaves
    what they were written on. Paper brightness changes slowly, so it is found at a quarter of
    the size, where the closing costs a sixteenth.
    """
    small = quarter_size(grey)
    window = max(5, int(max(grey.shape) * BACKGROUND_WINDOW / 4)) | 1
    kernel = cv2.getStructuringElement(cv2.MORPH_RECT, (window, window))
    closed = cv2.blur(cv2.morphologyEx(small.astype(np.float32), cv2.MORPH_CLOSE, kernel), (window, window))
    paper = cv2.resize(closed, (grey.shape[1], grey.shape[0]), interpolation=cv2.INTER_LINEAR)
    return np.maximum(paper, grey, out=paper)  # In place: a fresh photo-sized array costs more than the sum.


def ink_strength(grey, paper):
    """How much darker each pixel is than the paper around it: 0 for paper, near 1 for black ink.
    Worked out in one array: fresh photo-sized temporaries would cost several times the sums."""
    ink = np.maximum(paper, np.float32(1))
    np.divide(grey, ink, out=ink)
    return np.subtract(np.float32(1), ink, out=ink)


def noise_floor(sample):
    """The ink level that stands NOISE_SIGMAS of the paper's noise above the paper, from a
    sample of the ink map (every third pixel each way is enough, at a ninth of the cost)."""
    median = quantile(sample, 0.5)
    sigma = 1.4826 * quantile(np.abs(sample - median), 0.5)  # Robust: the ink is a small minority.
    return median + NOISE_SIGMAS * max(sigma, 0.005)


def quantile(values, fraction):
    """The value `fraction` of the way up many values, sorted (the nearest one): one partition,
    which costs a fraction of np.percentile's interpolation and checks on a photo's pixels."""
    values = np.ravel(values)
    rank = int(round(fraction * (len(values) - 1)))
    return np.partition(values, rank)[rank]


def strongest_line(piece, thickness):
    """The line in `piece` (a boolean mask of thin ink running across) that most pixels lie on,
    as (curve, half its thickness), or None: the slopes of LINE_SLOPES vote for it, then a
    gentle curve (paper bows a little) is fitted to the pixels near it. A curve that leans
    more than LINE_BOW times LINE_LEAN at either end is no line but strokes of digits that run
    on into each other (a leaning 0's top and the bar of the 5 it touches)."""
    rows, cols = np.nonzero(piece)
    if len(rows) < 8:
        return None
    best = (0, 0.0, 0.0)
    for slope in LINE_SLOPES:
        offsets = rows[::4] - slope * cols[::4]  # every fourth pixel is enough to vote
        low = offsets.min()
        votes = np.bincount(((offsets - low) / thickness).astype(int))
        votes[:-1] += votes[1:]  # a line on the border of two bins counts whole
        if votes.max() > best[0]:
            best = (votes.max(), slope, low + (votes.argmax() + 1) * thickness)
    _, slope, offset = best
    near = np.abs(rows - slope * cols - offset) <= thickness
    for _ in range(2):
        if near.sum() < 8:
            return None
        curve = np.polyfit(cols[near], rows[near], 2)
        near = np.abs(rows - np.polyval(curve, cols)) <= thickness
    if not near.any():
        return None
    ends = cols[near].min(), cols[near].max()
    if np.abs(np.polyval(np.polyder(curve), ends)).max() > LINE_BOW * LINE_LEAN:
        return None
    own = np.median(np.bincount(cols[near])[np.unique(cols[near])])
    return curve, own / 2 + 2


def along(curve, half, thin, first, last, origin=(0, 0)):
    """The pixels of `thin` within `half` of `curve` (row as a function of column, both counted
    from `origin`, (x, y) in `thin`), in columns `first` to `last`."""
    cols = np.arange(max(0, first), min(thin.shape[1], last + 1))
    centre = np.polyval(curve, cols - origin[0]) + origin[1]
    line = np.zeros(thin.shape, bool)
    for shift in range(-int(half), int(half) + 1):
        rows = np.round(centre + shift).astype(int)
        inside = (rows >= 0) & (rows < thin.shape[0])
        line[rows[inside], cols[inside]] = True
    return line & (thin > 0)


def horizontal_lines(mask, thickness, length):
    """The pixels of `mask` (uint8) on lines running across it, at most `thickness` thick and at
    least `length` long. Only ink in short runs down the image can be a line, so where a stroke
    crosses a line its ink is in a long run and stays; those gaps are bridged to follow the line,
    and a line once found is followed across the whole image: a digit lying along it cuts it
    longer, and the digits of line after line cut a line down into parts shorter than a line."""
    tall = cv2.morphologyEx(mask, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (1, thickness + 1)))
    thin = mask - tall
    bridged = cv2.morphologyEx(thin, cv2.MORPH_CLOSE, cv2.getStructuringElement(cv2.MORPH_RECT, (2 * thickness, 1)))
    _, labels, stats, _ = cv2.connectedComponentsWithStats(bridged, connectivity=8)
    lines = np.zeros(mask.shape, bool)
    for label in np.flatnonzero(stats[1:, cv2.CC_STAT_WIDTH] >= length) + 1:
        x, y, width, height = stats[label, :4]
        piece = (labels[y:y + height, x:x + width] == label) & (thin[y:y + height, x:x + width] > 0)
        while True:  # a digit's thin strokes may join two lines into one piece
            found = strongest_line(piece, thickness)
            if found is None:
                break
            curve, half = found
            line = along(curve, half, piece, 0, width)
            cols = np.flatnonzero(line.any(axis=0))
            if not len(cols) or cols[-1] - cols[0] + 1 < length or len(cols) < LINE_COVER * (cols[-1] - cols[0] + 1):
                break
            piece &= ~line
            lines |= along(curve, half, thin, 0, thin.shape[1], (x, y))
    return lines


def median_run(mask):
    """The median length of the runs of ink down the columns of `mask` (every other column)."""
    sample = np.pad(mask[:, ::2], ((1, 1), (0, 0))).T.astype(np.int8)
    steps = np.diff(sample, axis=1).ravel()
    lengths = np.flatnonzero(steps == -1) - np.flatnonzero(steps == 1)
    return float(np.median(lengths)) if lengths.size else 0.0


def line_search(mask):
    """(thickness, length) of the paper lines that `mask` (uint8) may hold across it: a line
    is at most LINE_RUN times the median run of ink down the columns thick (plus a pixel), and
    far longer than a digit is wide."""
    thickness = int(LINE_RUN * median_run(mask)) + 1
    return thickness, int(max(LINE_STROKES * thickness, LINE_SPAN * max(mask.shape)))


def has_paper_lines(mask):
    """Whether `mask` (uint8) holds long lines, across or down: sought at half the size, where
    it costs a quarter (a pixel of ink in four keeps a line whole)."""
    rows, cols = mask.shape
    half = (cv2.resize(mask * np.uint8(255), (max(1, cols // 2), max(1, rows // 2)), interpolation=cv2.INTER_AREA) > 0)
    half = half.astype(np.uint8)
    return any(horizontal_lines(oriented, *line_search(oriented)).any()
               for oriented in (half, np.ascontiguousarray(half.T)))


def without_paper_lines(ink):
    """The ink map with the lines of ruled or squared paper (and any long thin stroke: a frame,
    a ruler's edge, an underline) set to paper. Lines across go first, then lines down, so
    where two cross nothing is left. The lines raise the noise level that finds them, so their
    faint edges, a few pixels either side, go too; the ink that crosses them stays."""
    mask = (ink > noise_floor(ink[::3, ::3])).astype(np.uint8)
    if not has_paper_lines(mask):
        return ink
    found = np.zeros(ink.shape, np.uint8)
    for down in (False, True):
        oriented = np.ascontiguousarray(mask.T) if down else mask
        thickness, length = line_search(oriented)
        lines = horizontal_lines(oriented, thickness, length)
        edges = cv2.dilate(lines.astype(np.uint8), cv2.getStructuringElement(cv2.MORPH_RECT, (1, thickness + 2)))
        mask[lines.T if down else lines] = 0
        found |= edges.T if down else edges
    return np.where((found > 0) & (mask == 0), np.float32(0), ink)


def on_sheet(paper):
    """Where the 'paper' is the sheet's: not far darker than its brightest (the table, or what
    lies beyond the photo's edge once the page is turned)."""
    return paper >= TABLE_DARKNESS * quantile(paper[::3, ::3], 0.95)


def touching_edge(stats, shape):
    """For each connected piece (`cv2.connectedComponentsWithStats`' stats), whether it touches
    the edge of an image of `shape`: the table, the sheet's edge, or what lies beyond the photo,
    never a digit."""
    left, top, width, height = stats[:, 0], stats[:, 1], stats[:, 2], stats[:, 3]
    return (left == 0) | (top == 0) | (left + width == shape[1]) | (top + height == shape[0])


def beyond_photo(ink):
    """What a tilt or a flattening brought in from beyond the photo's edge, and the rim the warp
    blended with it: black (`page.warp`) that touches the image's edge. Where it is thin (the
    corners of a straightened photo) the paper's estimate fills it, and it reads as ink."""
    black = (ink >= 1).view(np.uint8)
    if not (black[0].any() or black[-1].any() or black[:, 0].any() or black[:, -1].any()):
        return np.zeros(ink.shape, bool)  # nothing black at the edge: most photos, unturned
    count, labels, stats, _ = cv2.connectedComponentsWithStats(black, connectivity=8)
    edge = touching_edge(stats, ink.shape)
    edge[0] = False  # the background
    return cv2.dilate(edge[labels].view(np.uint8), np.ones((3, 3), np.uint8)).view(bool)


def ink_thresholds(ink, sheet):
    """(weak, strong) ink levels from the ink map's own statistics on the sheet: well above the
    paper's noise, and at fractions of Otsu's split between faint and dark ink; None where
    nothing stands out. The fractions are well below the split, so a blurred photo's faint
    strokes stay ink. What lies `beyond_photo` is left out of the split, where as the
    blackest 'ink' it would lift both levels over faint strokes; the robust noise estimate
    takes it as it takes ink (left out there too, a frame of print straightened by a degree
    was read letter by letter, 9 px tall, for 45 s instead of none in 2 s)."""
    sample = ink[::3, ::3][sheet[::3, ::3]]
    if sample.size == 0:
        return None
    floor = noise_floor(sample)
    candidates = ink[(ink > floor) & sheet & ~beyond_photo(ink)]
    if candidates.size < 20:
        return None
    values = np.clip(candidates * 255, 0, 255).astype(np.uint8).reshape(-1, 1)
    otsu, _ = cv2.threshold(values, 0, 255, cv2.THRESH_BINARY + cv2.THRESH_OTSU)
    return max(floor, WEAK_INK * otsu / 255), max(floor, STRONG_INK * otsu / 255)


def ink_blobs(ink, paper, lines_out=False):
    """Connected pieces of ink, less those that touch the image's edge or lie off the sheet.

    A piece is where the ink is above the weak level, and somewhere above the strong one: faint
    parts of a stroke stay with it, so strokes are not broken up, and faint smudges go.
    Whatever touches the edge of the photo is the table or the sheet's edge, not a digit; ink
    where the 'paper' is far darker than the sheet is the table's texture. When a piece is as
    long as a paper line can be (LINE_SPAN of the photo), the lines are taken out first
    (`without_paper_lines`, unless `lines_out` says they are) and the pieces found again; most
    photos have no such piece and are spared the search.
    """
    sheet = on_sheet(paper)
    thresholds = ink_thresholds(ink, sheet)
    if thresholds is None:
        return []
    weak, strong = thresholds
    count, labels, stats, _ = cv2.connectedComponentsWithStats((ink > weak).astype(np.uint8), connectivity=8)
    if not lines_out and (stats[1:, cv2.CC_STAT_WIDTH:cv2.CC_STAT_HEIGHT + 1] >= LINE_SPAN * max(ink.shape)).any():
        return ink_blobs(without_paper_lines(ink), paper, lines_out=True)
    edge = touching_edge(stats, ink.shape)
    blobs = []
    for label in range(1, count):
        x, y, width, height, _ = stats[label]
        if edge[label]:
            continue
        if not sheet[y + height // 2, x + width // 2]:
            continue
        piece = labels[y:y + height, x:x + width] == label
        if ink[y:y + height, x:x + width][piece].max() > strong:
            blobs.append(Blob(int(x), int(y), int(width), int(height), piece))
    return blobs


def typical_height(blobs, size=lambda blob: blob.height):
    """The height (or another `size`) of a digit in this photo: the median over the blobs,
    weighted by ink, so that the many small specks count for little. A blob drawn thicker than
    the pen (`photo_stroke_width`) weighs only the ink the pen would leave along its strokes,
    so a long smear as inky as all the digits together (a shadow's sharp edge, a wedge of the
    table beside a sheet taken at a slant) counts for little too. Only the `largest` blobs'
    strokes are measured (a skeleton each); the rest, no larger, count as drawn with the pen."""
    if not blobs:
        return 0.0
    sample = largest(blobs)
    pen = photo_stroke_width(sample)
    strokes = {id(blob): blob.stroke for blob in sample}
    sizes = np.array([size(blob) for blob in blobs], float)
    weights = np.array([blob.ink * min(1.0, pen / strokes.get(id(blob), pen)) for blob in blobs], float)
    order = np.argsort(sizes)
    cumulative = np.cumsum(weights[order])
    return float(sizes[order][np.searchsorted(cumulative, cumulative[-1] / 2)])


def typical_width(blobs, height):
    """The width of a digit in this photo: the wider ones (writers vary) of the blobs as tall as
    a digit and neither thin as a 1 nor wider than tall, as touching digits are."""
    widths = [blob.width for blob in blobs if blob.height >= 0.6 * height and 0.3 <= blob.width / blob.height <= 1]
    return float(np.percentile(widths, 75)) if widths else float(height)


def largest(blobs, count=PEN_SAMPLE):
    """The `count` blobs with the most ink (PEN_SAMPLE: those where the pen's width is measured)."""
    return sorted(blobs, key=lambda blob: -blob.ink)[:count]


def photo_stroke_width(blobs):
    """The pen's width in this photo: the median stroke width of its `largest` blobs."""
    sample = largest(blobs)
    return float(np.median([blob.stroke for blob in sample])) if sample else 1.0


def is_speck(blob, height, stroke):
    """Dots, dashes and dirt: too flat for a digit, or hardly wider than the pen."""
    return (blob.height < SPECK_FRACTION * height or blob.height < 1.5 * stroke
            or max(blob.width, blob.height) < 2 * stroke)


def union(first, second):
    x, y = min(first.x, second.x), min(first.y, second.y)
    right = max(first.x + first.width, second.x + second.width)
    bottom = max(first.y + first.height, second.y + second.height)
    mask = np.zeros((bottom - y, right - x), bool)
    for blob in (first, second):
        mask[blob.y - y:blob.y - y + blob.height, blob.x - x:blob.x - x + blob.width] |= blob.mask
    return Blob(x, y, right - x, bottom - y, mask)


def boxes(blobs):
    """The blobs' boxes as an array of (left, top, right, bottom)."""
    return np.array([(blob.x, blob.y, blob.x + blob.width, blob.y + blob.height) for blob in blobs], float).reshape(-1, 4)


def near_pairs(blobs, reach_x, reach_y, cell):
    """Index pairs (i < j), in order, of blobs whose boxes come within `reach_x` of each other
    across and `reach_y` up or down. Each box is entered in the cells of a grid `cell` wide that
    it covers, and only blobs sharing a cell are compared: the cost grows with the number of
    blobs, not with its square, where a busy background has thousands."""
    box = boxes(blobs)
    if len(box) < 2:
        return np.zeros((0, 2), int)
    low = np.floor((box[:, :2] - [reach_x, reach_y]) / cell).astype(int)
    high = np.floor((box[:, 2:] + [reach_x, reach_y]) / cell).astype(int)
    cells, members = [], []
    for index, ((x0, y0), (x1, y1)) in enumerate(zip(low, high)):
        covered = [(cx, cy) for cx in range(x0, x1 + 1) for cy in range(y0, y1 + 1)]
        cells += covered
        members += [index] * len(covered)
    keys = np.unique(np.array(cells), axis=0, return_inverse=True)[1].ravel()
    order = np.argsort(keys, kind="stable")
    keys, members = keys[order], np.array(members)[order]
    pairs, apart = [], 1
    while apart < len(keys):  # entries `apart` places apart in the same cell, for every cell at once
        same = np.flatnonzero(keys[apart:] == keys[:-apart])
        if not len(same):
            break  # no cell holds more than `apart` blobs
        pairs.append(np.stack([members[same], members[same + apart]], axis=1))
        apart += 1
    if not pairs:
        return np.zeros((0, 2), int)
    pairs = np.sort(np.concatenate(pairs), axis=1)
    pairs = np.unique(pairs, axis=0)  # sorted, each pair once
    first, second = box[pairs[:, 0]], box[pairs[:, 1]]
    gap_x = np.maximum(first[:, 0], second[:, 0]) - np.minimum(first[:, 2], second[:, 2])
    gap_y = np.maximum(first[:, 1], second[:, 1]) - np.minimum(first[:, 3], second[:, 3])
    return pairs[(gap_x <= reach_x) & (gap_y <= reach_y)]


def belong_together(first, second, height):
    """Two pieces of one digit: the narrower lies above or below the other (its middle within
    the other's columns), close to it (JOIN_REACH), and together no taller than a digit
    (JOINED_HEIGHT) nor much wider than tall (STACKED_WIDTH)."""
    narrow, wide = sorted((first, second), key=lambda blob: blob.width)
    middle = narrow.x + narrow.width / 2
    gap = max(first.y, second.y) - min(first.y + first.height, second.y + second.height)
    joined_height = max(first.y + first.height, second.y + second.height) - min(first.y, second.y)
    joined_width = max(first.x + first.width, second.x + second.width) - min(first.x, second.x)
    return (wide.x <= middle <= wide.x + wide.width and gap < JOIN_REACH * height
            and joined_height <= JOINED_HEIGHT * height and joined_width <= STACKED_WIDTH * joined_height)


def join_pieces(blobs, height):
    """Join the pieces of a digit that lie one above the other (a 5's detached bar, a 7's).

    Near pairs (`near_pairs`) are judged, the largest pieces first, each piece joining once a
    pass; a joined piece may join again on the next pass, until nothing joins.
    """
    blobs = sorted(blobs, key=lambda blob: -blob.ink)
    while True:
        joined, used = [], set()
        for i, j in near_pairs(blobs, 0, JOIN_REACH * height, height).tolist():
            if i not in used and j not in used and belong_together(blobs[i], blobs[j], height):
                joined.append(union(blobs[i], blobs[j]))
                used |= {i, j}
        if not joined:
            return blobs
        blobs = sorted(joined + [blob for index, blob in enumerate(blobs) if index not in used],
                       key=lambda blob: -blob.ink)


def cut(blob, boundaries, before=0, after=0):
    """The pieces of a blob on either side of cuts, each trimmed to its ink, or [] if a piece
    would be empty. A cut is the first column right of it in each row of the blob; each piece
    also keeps the ink `before` columns beyond the cut on its left and `after` columns beyond
    the cut on its right (digits that overlap share the stroke a cut runs along)."""
    columns = np.arange(blob.width)[None, :]
    edges = [np.zeros(blob.height, int)] + list(boundaries) + [np.full(blob.height, blob.width)]
    pieces = []
    for left, right in zip(edges, edges[1:]):
        mine = blob.mask & (columns >= (left - before)[:, None]) & (columns < (right + after)[:, None])
        rows, cols = np.flatnonzero(mine.any(axis=1)), np.flatnonzero(mine.any(axis=0))
        if not len(rows):
            return []
        mask = mine[rows[0]:rows[-1] + 1, cols[0]:cols[-1] + 1]
        pieces.append(Blob(blob.x + int(cols[0]), blob.y + int(rows[0]), mask.shape[1], mask.shape[0], mask))
    return pieces


def line_cuts(blob, low, high):
    """For each slope in CUT_SLOPES, the straight cut through the middle row between columns
    `low` and `high` that crosses the least ink, as (ink crossed, cut), leaning `slope` columns
    right per row down as handwriting does."""
    rows, cols = np.nonzero(blob.mask)
    middle = np.arange(blob.height) - blob.height / 2
    found = []
    for slope in CUT_SLOPES:
        where = np.floor(cols - slope * (rows - blob.height / 2)).astype(int) - low
        inside = (where >= 0) & (where < high - low)
        ink = np.bincount(where[inside], minlength=high - low).astype(np.float32)
        ink = np.convolve(ink, np.ones(3, np.float32) / 3, mode="same")
        position = low + int(ink.argmin())
        found.append((float(ink.min()), np.ceil(position + slope * middle).astype(int)))
    return found


def path_cut(blob, low, high):
    """The cut from top to bottom between columns `low` and `high`, moving at most one column a
    row, that crosses the fewest ink pixels (dynamic programming), as (ink crossed, cut): it can
    bend around a stroke that hangs over the next digit."""
    window = blob.mask[:, low:high].astype(np.float32)
    total = window[0].copy()
    step = np.zeros(window.shape, int)
    from_left, from_right = np.full(total.shape, np.inf, np.float32), np.full(total.shape, np.inf, np.float32)
    for row in range(1, blob.height):
        from_left[1:], from_right[:-1] = total[:-1] + BEND_COST, total[1:] + BEND_COST
        best = np.minimum(total, np.minimum(from_left, from_right))
        step[row] = np.where(best == total, 0, np.where(best == from_left, -1, 1))
        total = best + window[row]
    column = int(total.argmin())
    path = np.zeros(blob.height, int)
    ink = 0.0
    for row in range(blob.height - 1, -1, -1):
        path[row] = column
        ink += window[row, column]
        column += step[row, column]
    return ink, low + path


def segmentations(blob, height, width, stroke, maybe_two=False):
    """The ways to read a blob, each as (pieces, cost of its cuts): whole, or, when it is wider
    than the photo's digits, cut into 2, 3, ... digits along the lines that cross the least ink
    near even spacing: up to one more than its width holds digits of the photo, and none
    narrower than NARROWEST_DIGIT. A blob that is `maybe_two` digits (the judge of pieces finds
    it likelier two than one or none) is cut in two whatever its width, also anywhere that
    leaves a 1 (ONE_WIDTH) either side.

    Every count is cut with all lines leaning alike, for each slope of CUT_SLOPES, and with the
    least-ink line at each place; the judges pick. Touching digits meet where one stroke's width
    of ink joins them, so each stroke a cut crosses beyond the first costs CROSSING_COST. A cut
    that leaves a speck (a 5's bar, say) is no way to read the blob. Where digits overlap, a cut
    runs along a stroke that one of them needs whole (a 0's side inside a 5), so each cut is
    also made with the pieces left of it, then right of it, keeping SHARED_INK pen widths of
    ink beyond it, at the price of one cut more. A piece two ways share (the same ink) is one
    piece, and a way found twice is kept at its lower cost, so nothing is read twice.
    """
    if blob.width <= CUT_WIDTH * width and not maybe_two:
        return [([blob], 0.0)]  # as narrow as one digit
    ways, known = {(id(blob),): ([blob], 0.0)}, {}

    def offer(pieces, cost):
        pieces = [known.setdefault((piece.x, piece.y, piece.mask.shape, piece.mask.tobytes()), piece)
                  for piece in pieces]
        found = tuple(map(id, pieces))
        if found not in ways or ways[found][1] > cost:
            ways[found] = (pieces, cost)

    shared = int(round(SHARED_INK * stroke))
    most = min(int(blob.width / (NARROWEST_DIGIT * height)), round(blob.width / width) + 1)
    most = max(most, 2) if maybe_two else most
    spacings = [[(int(i * blob.width / count - blob.width / (3 * count)),
                  int(i * blob.width / count + blob.width / (3 * count)) + 1) for i in range(1, count)]
                for count in range(2, most + 1)]
    if maybe_two and blob.width > 2 * ONE_WIDTH * stroke:
        spacings.append([(int(ONE_WIDTH * stroke), blob.width - int(ONE_WIDTH * stroke))])
    for windows in spacings:
        choices = [line_cuts(blob, low, high) + [path_cut(blob, low, high)] for low, high in windows]
        candidates = [[choice[index] for choice in choices] for index in range(len(choices[0]))]
        candidates.append([min(choice, key=lambda found: found[0]) for choice in choices])
        distinct = {b"".join(boundary.tobytes() for _, boundary in cuts): cuts for cuts in candidates}
        for cuts in distinct.values():
            boundaries = [boundary for _, boundary in cuts]
            pieces = cut(blob, boundaries)
            cost = sum(CUT_COST + CROSSING_COST * max(0.0, ink / stroke - 1) for ink, _ in cuts)
            if pieces and not any(is_speck(piece, height, stroke) for piece in pieces):
                offer(pieces, cost)
                for before, after in ((shared, 0), (0, shared)):
                    sharing = cut(blob, boundaries, before, after)
                    if sharing:
                        offer(sharing, cost + CUT_COST)
    return list(ways.values())


def joinable(blobs, height, width):
    """Groups of two or three blobs (their indices, in order, and their union) that may be one
    digit: a digit written in strokes side by side (a 4, a 5), or a stroke come loose from its
    digit (a 5's bar or tail): each close to another of the group (JOIN_REACH), and together no
    larger than a digit (JOINED_WIDTH, JOINED_HEIGHT). Three are two such pairs sharing a blob."""
    def fits(joined):
        return joined.width <= JOINED_WIDTH * width and joined.height <= JOINED_HEIGHT * height
    groups, near = {}, {}
    for i, j in near_pairs(blobs, JOIN_REACH * height, JOIN_REACH * height, height).tolist():
        joined = union(blobs[i], blobs[j])
        if fits(joined):
            groups[i, j] = joined
            near.setdefault(i, []).append(j)
            near.setdefault(j, []).append(i)
    for middle, others in near.items():
        for i, k in itertools.combinations(others, 2):
            three = tuple(sorted((i, middle, k)))
            if three not in groups:
                joined = union(groups[tuple(sorted((i, middle)))], blobs[k])
                if fits(joined):
                    groups[three] = joined
    return list(groups.items())


def readings(blobs, height, width, stroke, kinds, pairs=None):
    """Every way of reading the blobs: each blob's ways (`segmentations`), and the groups that
    may be one digit (`joinable`). `kinds`: the judge of pieces' probabilities of each blob's
    `not_digits.CLASSES`: a blob it finds likelier two digits than one digit or none is cut
    however narrow (where touching digits are most of a photo's blobs, its digit width is a
    pair's; a printed letter cut gives strokes like 1s), and one it finds likelier no digit at
    all joins none (two printed letters make no digit). `pairs`: the pair reader's
    probabilities for each blob (`read_pairs`), or None: where it is SURELY_TWO sure of two
    digits (a 1 drawn into a 6, which the judge takes for one digit), that likelihood counts
    instead of the judge's, unless the judge finds no digit likelier than two (the pair reader
    learned digits only: it reads print as pairs)."""
    kind = {name: kinds[:, index] for index, name in enumerate(not_digits.CLASSES)}
    two_likely = kind["two digits"]
    if pairs is not None:
        pair_two = 1 - pairs[:, 1, mnist_digits.NO_SECOND_DIGIT]
        sure = (pair_two >= SURELY_TWO) & (kind["not a digit"] < kind["two digits"])
        two_likely = np.where(sure, np.maximum(two_likely, pair_two), two_likely)
    two = two_likely > np.maximum(kind["digit"], kind["not a digit"])
    no_digit = kind["not a digit"] >= 0.5
    return [segmentations(blob, height, width, stroke, maybe_two) for blob, maybe_two in zip(blobs, two)], \
        [(members, joined) for members, joined in joinable(blobs, height, width) if not no_digit[list(members)].any()]


def linked(count, links):
    """For each of `count` things, the label of its group: things joined by `links` (each a
    sequence of indices), directly or through others, share one (union-find, near-linear)."""
    parent = np.arange(count)

    def root(index):
        while parent[index] != index:
            parent[index] = parent[parent[index]]
            index = parent[index]
        return index

    for link in links:
        for member in link[1:]:
            parent[root(member)] = root(link[0])
    return np.array([root(index) for index in range(count)], int)


def runs(count, groups):
    """The groups of blobs (`count` of them) that may join, gathered into runs: a run holds
    the groups linked through shared blobs, as blobs side by side along a line are."""
    label = linked(count, [members for members, _ in groups])
    found = {}
    for members, joined in groups:
        found.setdefault(label[members[0]], []).append((members, joined))
    return found.values()


def best_reading(blobs, ways, groups, score):
    """The pieces read: each blob read its best way, or in a group with others (`joinable`).

    The blobs that may join (`runs`) are read a run at a time, left to right, by dynamic
    programming: the best reading from each blob on is the best of the blob read its best way
    and then the best from the next blob, or it and the one or two blobs right after it joined
    into one digit and then the best from the blob after those. So a loose stroke joins the
    digit it fits best, two digits side by side stay two, and no blob is read twice."""
    best = [max(blob_ways, key=score) for blob_ways in ways]
    pieces, used = [], set()
    for run in runs(len(blobs), groups):
        order = sorted({member for members, _ in run for member in members},
                       key=lambda index: blobs[index].x + blobs[index].width / 2)
        place = {index: position for position, index in enumerate(order)}
        starting = {}
        for members, joined in run:
            positions = sorted(place[member] for member in members)
            if positions[-1] - positions[0] == len(positions) - 1:  # the group lies together along the line
                starting.setdefault(positions[0], []).append((len(positions), joined))
        total, choice = [0.0] * (len(order) + 1), [None] * len(order)
        for position in range(len(order) - 1, -1, -1):
            total[position], choice[position] = score(best[order[position]]) + total[position + 1], None
            for size, joined in starting.get(position, []):
                together = score(([joined], 0.0)) + total[position + size]
                if together > total[position]:
                    total[position], choice[position] = together, (size, joined)
        position = 0
        while position < len(order):
            if choice[position]:
                size, joined = choice[position]
                pieces.append(joined)
                used.update(order[position:position + size])
                position += size
            else:
                position += 1
    return pieces + [piece for index, (way, _) in enumerate(best) if index not in used for piece in way]


def read_pairs(pair_reader, blobs, images):
    """The pair reader's probabilities for each blob (N x 2 x 11): of 0-9 for its left digit,
    and of 0-9 and NO_SECOND_DIGIT for its right one; None without a pair reader."""
    if not pair_reader or not blobs:
        return None
    return np.asarray(pair_reader(np.stack([images[id(blob)] for blob in blobs])))


def pair_doubt(pieces, judged, pair):
    """How much less likely the pair reader finds the digits the CNN reads in a way of reading a
    blob (`pieces`; `judged`: the CNN's probabilities by piece id) than the ones it finds
    likeliest, in log-probability, the left digit and the right one each (`pair`: its
    probabilities for the blob). Read whole, the blob's right digit is NO_SECOND_DIGIT; a way of
    three pieces, or without a pair read, is not doubted."""
    if pair is None or len(pieces) > 2:
        return 0.0
    logs = np.log(np.asarray(pair, float) + 1e-6)
    in_order = sorted(pieces, key=lambda piece: piece.x + piece.width / 2)
    digits = [judged[id(piece)].argmax() for piece in in_order] + [mnist_digits.NO_SECOND_DIGIT]
    return float(sum(logs[side].max() - logs[side, digit] for side, digit in enumerate(digits[:2])))


def reading_score(way, judged, width, whole):
    """How likely a way of reading is, given as (pieces, cost of its cuts): the judge is sure of
    its digits, the judge of pieces finds each one whole digit (`whole`: by piece id, that
    likelihood), and none is wider than this photo's digits (twice as wide costs as much as
    certainty falling to 1/e^(WIDTH_WEIGHT * 0.48)); narrow digits, 1s among them, cost nothing."""
    pieces, cost = way
    total = -cost
    for piece in pieces:
        probabilities = judged[id(piece)]
        wider = max(0.0, np.log(piece.width / width))
        total += np.log(probabilities.max()) + WHOLE_WEIGHT * np.log(whole[id(piece)] + 1e-6) - WIDTH_WEIGHT * wider ** 2
    return total


def nines(probabilities):
    """How sure the judge is of each answer (rows of class probabilities), in nines: 0.99 is 2,
    0.999 is 3, at most NINES. Summed over pieces it weighs each by how sure, where a count of
    the pieces past a threshold would weigh a piece 0.9899 sure as one it doubts."""
    doubt = 1 - np.asarray(probabilities, float).max(axis=1)
    return -np.log10(np.maximum(doubt, 10.0 ** -NINES))


def widened(piece, stroke):
    """A narrow piece's 28x28 image as if it were MNIST_NARROW as wide as tall: stretched across,
    its upright strokes then thinned back to the pen's width."""
    stretch = MNIST_NARROW * piece.height / piece.width
    width = int(round(piece.width * stretch))
    ink = cv2.resize(piece.mask * np.uint8(255), (width, piece.height), interpolation=cv2.INTER_NEAREST)
    extra = int(round((stretch - 1) * stroke))
    if extra:
        ink = cv2.erode(cv2.copyMakeBorder(ink, 0, 0, extra, extra, cv2.BORDER_CONSTANT, value=0),
                        np.ones((1, extra + 1), np.uint8))
    return mnist_digits.prepare_region(ink, stroke)


def crossed_twice(piece):
    """The fraction of a piece's rows of ink that hold two strokes or more (a loop, a bar's
    end beside a stem): a 1 is one stroke."""
    rows = piece.mask[piece.mask.any(axis=1)].astype(np.int8)
    starts = np.count_nonzero(np.diff(rows, axis=1, prepend=0) == 1, axis=1)
    return np.count_nonzero(starts >= 2) / len(rows)


def widened_ones(pieces, images, judged, judge, stroke):
    """Each piece the judge reads as 1 that is narrower than MNIST_NARROW is read again
    `widened`; when the judge is surer (`nines`) of another digit so, or the piece is
    `crossed_twice` along CROSSED_TWICE of its rows, that reading and image replace the first.
    A true 1 is read as 1 all but certainly as it is, and less surely as anything else
    widened; a narrow 3 or 8 reads surer widened. A narrow 8 or 9 whose loop the pen almost
    fills can read surer as a 1, but its loop still shows as two strokes across."""
    narrow = [piece for piece in pieces if judged[id(piece)].argmax() == 1 and piece.width < MNIST_NARROW * piece.height]
    if not narrow:
        return
    wide = [widened(piece, stroke) for piece in narrow]
    for piece, image, probabilities in zip(narrow, wide, np.asarray(judge(np.stack(wide)))):
        surer = nines([probabilities])[0] > nines([judged[id(piece)]])[0]
        if probabilities.argmax() != 1 and (surer or crossed_twice(piece) >= CROSSED_TWICE):
            images[id(piece)], judged[id(piece)] = image, probabilities


def reading_order(blobs, height):
    """Group blobs into lines (top to bottom) and each line left to right.

    A blob's line is found by its centre of ink, which the tails of 7s and 9s move little; a
    new line starts where the centres jump by more than half a digit's height.
    """
    centres = [blob.y + np.nonzero(blob.mask)[0].mean() for blob in blobs]
    lines, last = [], None
    for centre, blob in sorted(zip(centres, blobs), key=lambda pair: pair[0]):
        if lines and centre - last < 0.5 * height:
            lines[-1].append(blob)
        else:
            lines.append([blob])
        last = centre
    return [sorted(line, key=lambda blob: blob.x) for line in lines]


def original_box(piece, factor, shape):
    """A piece's box in the original image's pixels, (x, y, width, height), inside the image."""
    left, top = int(piece.x * factor), int(piece.y * factor)
    right = min(shape[1], max(left + 1, int(np.ceil((piece.x + piece.width) * factor))))
    bottom = min(shape[0], max(top + 1, int(np.ceil((piece.y + piece.height) * factor))))
    return left, top, right - left, bottom - top


def region(piece, stroke):
    """A piece's 28x28 MNIST-style image (`mnist_digits.prepare_region`) at the photo's pen width."""
    return mnist_digits.prepare_region(piece.mask * np.uint8(255), stroke)


def judged_kinds(pieces_judge, pieces, images):
    """The judge of pieces' probabilities of `not_digits.CLASSES` for each piece (`images`: their
    regions by id); without a judge, every piece is one whole digit."""
    if not pieces_judge or not pieces:
        certain = np.zeros((len(pieces), len(not_digits.CLASSES)), np.float32)
        certain[:, not_digits.CLASSES.index("digit")] = 1
        return certain
    return np.asarray(pieces_judge(np.stack([images[id(piece)] for piece in pieces])))


@dataclass
class Ink:
    """The pieces of ink of an image (steps 1-6), in working pixels, and how to get back."""
    blobs: list
    factor: float  # from working pixels to the image's
    shape: tuple  # the image's (height, width)


def ink_map(grey):
    """Steps 1 to 3 for a grey image: its ink map and the paper's brightness, both at WORK_SIDE,
    and the factor from those pixels to the image's."""
    work, factor = work_copy(grey)
    work = paper_up(work)
    paper = paper_brightness(work)
    return ink_strength(work, paper), paper, factor


def ink_pieces(image):
    """Steps 1 to 6: the pieces of ink of an image, worked on at WORK_SIDE."""
    grey = to_grey(image)
    ink, paper, factor = ink_map(grey)
    return Ink(ink_blobs(ink, paper), factor, grey.shape[:2])


def candidate_pieces(blobs, height):
    """The pieces worth joining and reading, for a photo's digit `height`: underlines off the
    digits they touch (`not_digits.without_underlines`), less grain and dust, so that joining
    has few pieces to pair (a 5's bar is small but long), and what is far taller than a digit."""
    return [blob for blob in not_digits.without_underlines(blobs, height)
            if max(blob.width, blob.height) >= 0.15 * height and blob.height <= 2.5 * height]


def find_digits(image, judge, ink=None, pieces_judge=None, pair_reader=None):
    """The digits of a photo as `Digit`s, in reading order.

    `judge` maps (N, 28, 28) uint8 digits to (N, 10) class probabilities: a blob that may hold
    touching digits is cut the way that makes the judge surest. `ink`: the image's `ink_pieces`,
    when they were found already (by the page step). `pieces_judge` maps the same regions to
    the probabilities of `not_digits.CLASSES`: with it, cuts and joins make pieces it finds
    whole digits, a blob it finds two digits may be cut however narrow, and what is no digit
    is left out. `pair_reader` maps the regions of blobs to the probabilities of their left and
    right digit (N, 2, 11; the right may be none): with it, a blob it is sure holds two digits
    may be cut however narrow, and a blob read whole or cut in two costs more the less likely it
    finds the digits the judge reads in it (`pair_doubt`).
    """
    ink = ink or ink_pieces(image)
    blobs, factor = ink.blobs, ink.factor
    height = typical_height(blobs)
    if height < READABLE_HEIGHT:
        return []  # print, grain or gravel: a frame of them holds tens of thousands of pieces
    blobs = candidate_pieces(blobs, height)
    if not_digits.print_share(blobs) > 0.5:
        return []  # a page of print: most of its ink in lines longer than any number
    blobs = join_pieces(blobs, height)
    stroke = photo_stroke_width(blobs)
    blobs = [blob for blob in blobs if not is_speck(blob, height, stroke)]  # dots and specks stay small once joined
    width = typical_width(blobs, height)
    images = {id(blob): region(blob, stroke) for blob in blobs}
    kinds = judged_kinds(pieces_judge, blobs, images)
    pairs = read_pairs(pair_reader, blobs, images)
    ways, groups = readings(blobs, height, width, stroke, kinds, pairs)
    pieces = list({id(piece): piece for blob_ways in ways for way, _ in blob_ways for piece in way}.values())
    pieces += [joined for _, joined in groups]
    if not pieces:
        return []
    made = [piece for piece in pieces if id(piece) not in images]  # by cutting or joining blobs
    images.update((id(piece), region(piece, stroke)) for piece in made)
    kinds = dict(zip(map(id, blobs + made), np.concatenate([kinds, judged_kinds(pieces_judge, made, images)])))
    whole = {piece: kind[not_digits.CLASSES.index("digit")] for piece, kind in kinds.items()}
    judged = dict(zip(map(id, pieces), np.asarray(judge(np.stack([images[id(piece)] for piece in pieces])))))
    if pairs is not None:  # only where some way cuts in two: a blob's one way, doubted, would only lose to joins
        ways = [[(way, cost + PAIR_WEIGHT * pair_doubt(way, judged, pair)) for way, cost in blob_ways]
                if any(len(way) == 2 for way, _ in blob_ways) else blob_ways for blob_ways, pair in zip(ways, pairs)]
    chosen = best_reading(blobs, ways, groups, lambda way: reading_score(way, judged, width, whole))
    if pieces_judge:
        chosen = not_digits.digits_only(chosen, [kinds[id(piece)] for piece in chosen], height, stroke)
    cut_out = {id(piece) for blob_ways in ways for way, _ in blob_ways if len(way) > 1 for piece in way}
    widened_ones([piece for piece in chosen if id(piece) not in cut_out], images, judged, judge, stroke)
    digits = []
    for line_number, line in enumerate(reading_order(chosen, height)):
        for piece in line:
            box = original_box(piece, factor, ink.shape)
            digits.append(Digit(box, images[id(piece)], line_number, judged[id(piece)]))
    return digits
