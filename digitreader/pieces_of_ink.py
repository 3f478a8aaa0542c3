"""Pieces of ink (`Blob`) and what is measured of them: the photo's digit height and width
and its pen's width, from the pieces themselves; which pieces lie near each other (on a grid,
in near-linear time, for busy backgrounds of ten thousand pieces); the pieces of one digit
that lie one above the other, joined; and the lines that pieces of about a digit's size stand
in (`text_lines`), tilted or gently curved, which the page step and the layout both ask."""

from dataclasses import dataclass
from functools import cached_property
from statistics import median

import numpy as np

from . import mnist_digits

SPECK_FRACTION = 0.25  # Blobs shorter than this fraction of the typical digit height are specks or dots,
FLAT = 1.5  # ... and so are those less tall than this many pen widths: strokes lying flat.
AROUND = 2  # A piece enclosing the centres of this many others is an outline around them (a frame), no digit.
PEN_SAMPLE = 20  # The pen's width is measured on this many of the largest blobs (a skeleton each).
JOIN_REACH = 0.3  # Blobs this fraction of a digit's height apart may be one digit (two strokes, a loose tail)
JOINED_HEIGHT = 1.4  # ... and no taller than this times its digit height.
STACKED_WIDTH = 1.4  # Pieces one above the other join when together at most this much wider than tall (a 5's bar overhangs).
ROW_GAP = 1.5  # Pieces side by side are a row when at most this many of their heights apart,
ROW_HEIGHTS = 1.5  # ... the taller of two neighbours at most this times the other (capitals, small letters);
LINE_SPREAD = 0.5  # A piece is on a line when its centre lies within this many digit heights of where the line has got to:
LINE_END = 4  # ... the middle of its last this many pieces, across the course,
LINE_LINK = 30  # ... the direction (degrees from the rows) that neighbours' links share, of those within this of the rows.
PRINT_ROW = 40  # a row of more pieces than this, or longer than this many of their heights, is a line of print: written numbers are shorter (an IBAN, among the longest, has at most 34 characters).
PRINT_HEIGHTS = 2.5  # ... its neighbours up to this many times as tall as each other (in print a word with an ascender and a descender, beside one of small letters).
READABLE_HEIGHT = 8  # Handwriting shorter than this (pixels) is not read: the CNN misreads 7 % of MNIST digits this small, 27 % at 5 px (tools/smallest_digit.py).


@dataclass(eq=False)
class Blob:
    """A piece of ink: its bounding box in working pixels and its mask inside that box (never
    changed once made, so what is measured of it is kept), and what the reader finds of it as
    it goes: its 28x28 `region` as the models see it, the judge of pieces' probabilities of
    `models.CLASSES` (`kind`), and the CNN's of 0-9 (`probabilities`)."""
    x: int
    y: int
    width: int
    height: int
    mask: np.ndarray
    region: np.ndarray = None
    kind: np.ndarray = None
    probabilities: np.ndarray = None

    @cached_property
    def ink(self):
        return int(np.count_nonzero(self.mask))

    @cached_property
    def stroke(self):
        """The mean width of its strokes (`mnist_digits.stroke_width`): a skeleton, measured once
        though the page step and the digit finder both ask."""
        return mnist_digits.stroke_width(self.mask)


def typical_height(blobs, size=lambda blob: blob.height):
    """The height (or another `size`) of a digit in this photo: the median over the blobs,
    weighted by ink, so that the many small specks count for little. A blob drawn thicker than
    the pen (`photo_stroke_width`) weighs only the ink the pen would leave along its strokes,
    so a long smear as inky as all the digits together (a shadow's sharp edge, a wedge of the
    table beside a sheet taken at a slant) counts for little too. Only the `largest` blobs'
    strokes are measured (a skeleton each); the rest, no larger, count as drawn with the pen.
    Strokes lying flat (less tall than FLAT pen widths: dashes, what ruling leaves between the
    digits that cross it) count not at all, nor do outlines `around_others` (a frame drawn
    around the numbers, as inky as all of them), unless nothing else is there."""
    if not blobs:
        return 0.0
    sample = largest(blobs)
    pen = photo_stroke_width(sample)
    standing = [blob for blob in blobs if blob.height >= FLAT * pen]
    standing = [blob for blob, around in zip(standing, around_others(standing)) if not around]
    blobs = standing or blobs
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


def around_others(blobs, most=PEN_SAMPLE, inside=AROUND):
    """Whether each blob is an outline around others: it encloses the centres of at least
    `inside` of them, its ink lying left and right of each in the centre's row and above and
    below it in its column (a frame around the numbers, a form's box around a field; no digit
    holds two others, and an underline that digits touch lies below them only). Only the `most`
    tallest blobs are asked, so the cost stays linear in the blobs."""
    around = np.zeros(len(blobs), bool)
    if len(blobs) <= inside:
        return around
    box = boxes(blobs)
    centres = ((box[:, :2] + box[:, 2:]) / 2).astype(int)
    for index in np.argsort(box[:, 1] - box[:, 3])[:most]:
        blob = blobs[index]
        within = np.flatnonzero(((centres > box[index, :2]) & (centres < box[index, 2:])).all(axis=1))
        within = within[within != index]
        if len(within) < inside:
            continue
        x, y = (centres[within] - [blob.x, blob.y]).T
        mask = blob.mask
        rows, columns = mask.any(axis=1), mask.any(axis=0)
        left, right = np.argmax(mask, axis=1), mask.shape[1] - 1 - np.argmax(mask[:, ::-1], axis=1)  # each row's first and last ink
        top, bottom = np.argmax(mask, axis=0), mask.shape[0] - 1 - np.argmax(mask[::-1], axis=0)  # each column's
        enclosed = rows[y] & (left[y] < x) & (right[y] >= x) & columns[x] & (top[x] < y) & (bottom[x] >= y)
        around[index] = np.count_nonzero(enclosed) >= inside
    return around


def largest(blobs, count=PEN_SAMPLE):
    """The `count` blobs with the most ink (PEN_SAMPLE: those where the pen's width is measured)."""
    return sorted(blobs, key=lambda blob: -blob.ink)[:count]


def photo_stroke_width(blobs):
    """The pen's width in this photo: the median stroke width of its `largest` blobs."""
    sample = largest(blobs)
    return float(np.median([blob.stroke for blob in sample])) if sample else 1.0


def is_speck(blob, height, stroke):
    """Dots, dashes and dirt: too flat for a digit, or hardly wider than the pen."""
    return (blob.height < SPECK_FRACTION * height or blob.height < FLAT * stroke
            or max(blob.width, blob.height) < 2 * stroke)


def union(first, second):
    x, y = min(first.x, second.x), min(first.y, second.y)
    right = max(first.x + first.width, second.x + second.width)
    bottom = max(first.y + first.height, second.y + second.height)
    mask = np.zeros((bottom - y, right - x), bool)
    for blob in (first, second):
        mask[blob.y - y:blob.y - y + blob.height, blob.x - x:blob.x - x + blob.width] |= blob.mask
    return Blob(x, y, right - x, bottom - y, mask)


def standing(piece, sideways):
    """The piece as it stands on a page turned a quarter clockwise (`sideways`), or as it is."""
    if not sideways:
        return piece
    return Blob(-(piece.y + piece.height), piece.x, piece.height, piece.width, np.rot90(piece.mask, -1))


def boxes(blobs):
    """The blobs' boxes as an array of (left, top, right, bottom)."""
    return np.array([(blob.x, blob.y, blob.x + blob.width, blob.y + blob.height) for blob in blobs], float).reshape(-1, 4)


def near_pairs(blobs, reach_x, reach_y, cell):
    """Index pairs (i < j), in order, of blobs whose boxes come within `reach_x` of each other
    across and `reach_y` up or down (`near_box_pairs`)."""
    return near_box_pairs(boxes(blobs), reach_x, reach_y, cell)


def near_box_pairs(box, reach_x, reach_y, cell):
    """Index pairs (i < j), in order, of boxes (`boxes`) that come within `reach_x` of each other
    across and `reach_y` up or down. Each box is entered in the cells of a grid `cell` wide that
    it covers, and only boxes sharing a cell are compared: the cost grows with the number of
    boxes, not with its square, where a busy background has thousands of blobs."""
    if len(box) < 2:
        return np.zeros((0, 2), int)
    low = np.floor((box[:, :2] - [reach_x, reach_y]) / cell).astype(np.int64)
    high = np.floor((box[:, 2:] + [reach_x, reach_y]) / cell).astype(np.int64)
    origin = low.min(axis=0)
    low, high = low - origin, high - origin
    across, down = (high - low + 1).T  # each box's cells across and down
    members = np.repeat(np.arange(len(box)), across * down)
    within = np.arange(len(members)) - np.repeat(np.cumsum(across * down) - across * down, across * down)
    cell_x = low[members, 0] + within // down[members]
    cell_y = low[members, 1] + within % down[members]
    keys = cell_x * (high[:, 1].max() + 1) + cell_y  # one number a cell, in the cells' order
    order = np.argsort(keys, kind="stable")
    keys, members = keys[order], members[order]
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
    codes = np.sort(pairs[:, 0].astype(np.int64) * len(box) + pairs[:, 1])
    codes = codes[np.r_[True, codes[1:] != codes[:-1]]]  # sorted, each pair once (np.unique hashes: many times slower)
    pairs = np.stack([codes // len(box), codes % len(box)], axis=1)
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


def writing_sized(blobs, height):
    """The pieces of a size that writing at a digit `height` has: less grain and dust, so that
    joining has few pieces to pair (a 5's bar is small but long), and what is far taller than a digit."""
    return [blob for blob in blobs if max(blob.width, blob.height) >= 0.15 * height and blob.height <= 2.5 * height]


def rows(pieces, heights=ROW_HEIGHTS):
    """Each piece's row: the number of the group of pieces side by side that it belongs to,
    neighbours being close (ROW_GAP) and the taller at most `heights` times the other,
    overlapping up and down by half the shorter's height."""
    return box_rows(boxes(pieces), heights)


def box_gaps(first, second):
    """The gaps between boxes (`boxes`) `first` and `second`, pair by pair, as (across, down):
    negative where they overlap that way."""
    return (np.maximum(first[:, 0], second[:, 0]) - np.minimum(first[:, 2], second[:, 2]),
            np.maximum(first[:, 1], second[:, 1]) - np.minimum(first[:, 3], second[:, 3]))


def box_rows(box, heights=ROW_HEIGHTS):
    """`rows` of boxes (`boxes`): of the pieces' boxes alone, without their masks."""
    if not len(box):
        return np.zeros(0, int)
    tallest = (box[:, 3] - box[:, 1]).max()
    pairs = near_box_pairs(box, ROW_GAP * tallest, 0, tallest)
    first, second = box[pairs[:, 0]], box[pairs[:, 1]]
    pair_heights = np.sort(np.stack([first[:, 3] - first[:, 1], second[:, 3] - second[:, 1]], axis=1), axis=1)
    low, high = pair_heights[:, 0], pair_heights[:, 1]
    gap, apart = box_gaps(first, second)
    neighbours = (high <= heights * low) & (gap <= ROW_GAP * low) & (-apart >= 0.5 * low)  # overlapping half the shorter's height
    return linked(len(box), pairs[neighbours].tolist())


def print_ways(pieces):
    """The pieces as they stand across the page and up and down it (`standing`), each way with
    its rows of print (`rows` of neighbours up to PRINT_HEIGHTS times as tall as each other):
    [(pieces, rows), (pieces turned, rows)]. Before the page's turn is known, a line of print
    may run either way; the rules of lines (`in_print_rows`) and of type (`typeset.printed`)
    ask the same rows."""
    return [(way, rows(way, PRINT_HEIGHTS)) for way in (pieces, [standing(piece, sideways=True) for piece in pieces])]


def in_print_rows(pieces, ways=None):
    """Whether each piece stands in a line of print: a row of more than PRINT_ROW pieces, or
    longer than PRINT_ROW times its pieces' mean height (letters that touch are one piece, a
    word), across the page or up and down it (`print_ways`, unless given as `ways`): a page of
    print turned a quarter is print too."""
    if not pieces:
        return np.zeros(0, bool)
    in_print = np.zeros(len(pieces), bool)
    for way, row in print_ways(pieces) if ways is None else ways:
        box = boxes(way)
        count = np.bincount(row, minlength=len(box))
        mean_height = np.bincount(row, box[:, 3] - box[:, 1], minlength=len(box)) / np.maximum(count, 1)
        left, right = np.full(len(box), np.inf), np.full(len(box), -np.inf)
        np.minimum.at(left, row, box[:, 0])
        np.maximum.at(right, row, box[:, 2])
        in_print |= ((count > PRINT_ROW) | (right - left > PRINT_ROW * mean_height))[row]
    return in_print


def print_share(pieces, in_print=None):
    """The share of the pieces' ink that stands in lines of print (`in_print_rows`, unless given
    as `in_print`). Where it is most, the writing that a photo's digit height is measured on is
    print, and the photo holds no handwriting to read at that height (a page of print, letters
    and printed digits alike)."""
    if not pieces:
        return 0.0
    in_print = in_print_rows(pieces) if in_print is None else in_print
    ink = np.array([piece.ink for piece in pieces], float)
    return float(ink[in_print].sum() / ink.sum())


def mostly_print(pieces, in_print=None):
    """Whether most of the pieces' ink stands in lines of print (`print_share`)."""
    return print_share(pieces, in_print) > 0.5


def ink_centre(piece):
    """The piece's centre (x, y), its height the centre of its ink, which the tails of 7s and 9s move little."""
    return piece.x + piece.width / 2, piece.y + float(np.nonzero(piece.mask)[0].mean())


def lines_course(centres, height):
    """The direction (radians, image axes, y down) that lines of pieces run in: the median of
    the directions from each centre to its nearest neighbours that lie within LINE_LINK degrees
    of the rows and a few digit heights away; 0 when none do (one piece, a column)."""
    from scipy.spatial import cKDTree  # Nearest neighbours in n log n, for pages with many pieces.
    if len(centres) < 2:
        return 0.0
    distances, nearest = cKDTree(centres).query(centres, k=min(len(centres), 4))
    offsets = centres[nearest[:, 1:]] - centres[:, None]
    offsets = np.where(offsets[..., :1] < 0, -offsets, offsets)  # each link pointing right
    angles = np.arctan2(offsets[..., 1], offsets[..., 0])
    along = (np.abs(angles) <= np.radians(LINE_LINK)) & (distances[:, 1:] <= 4 * height) & (distances[:, 1:] > 0)
    return float(np.median(angles[along])) if along.any() else 0.0


def text_lines(pieces, height):
    """The pieces grouped into lines, top to bottom, each piece's index in order along its line,
    and the lines' course (radians, `lines_course`). Taken along the course, a piece joins the
    line whose end it lies nearest across it, within LINE_SPREAD of a digit `height` of the
    middle of the line's last LINE_END pieces (a dot or a tail does not lead it astray) or of
    its last piece (a curve does not leave it behind); else it starts a line. Lines tilted to
    the rows stay whole, and so do gently curved ones; a list of one number a line is as many
    lines. The lines' ends are kept in cells a digit high, so each piece looks
    at a few: near-linear time."""
    if not pieces:
        return [], 0.0
    centres = np.array([ink_centre(piece) for piece in pieces], float)
    course = lines_course(centres, height)
    along = centres @ [np.cos(course), np.sin(course)]
    across = centres @ [-np.sin(course), np.cos(course)]
    lines, ends, levels = [], {}, []  # each line's members; cell across -> lines ending in it; each line's end, across
    for index in np.argsort(along, kind="stable"):
        nearest, distance = None, LINE_SPREAD * height
        cell = int(across[index] // height)
        for number in ends.get(cell - 1, []) + ends.get(cell, []) + ends.get(cell + 1, []):
            off = min(abs(across[index] - levels[number]), abs(across[index] - across[lines[number][-1]]))
            if off <= distance:
                nearest, distance = number, off
        if nearest is None:
            nearest = len(lines)
            lines.append([])
            levels.append(0.0)
        else:
            ends[int(levels[nearest] // height)].remove(nearest)
        lines[nearest].append(int(index))
        levels[nearest] = median(across[lines[nearest][-LINE_END:]].tolist())
        ends.setdefault(int(levels[nearest] // height), []).append(nearest)
    lines.sort(key=lambda members: float(np.median(across[members])))
    return lines, course
