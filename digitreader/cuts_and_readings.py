"""Cuts and readings: which digits a run of blobs holds.

A blob wider than the photo's digits, or one the judge of pieces finds likelier two digits than
one digit or none, may be touching digits: it is cut along slanted lines or a bending path,
overlapping digits sharing the ink by the cut, or parted where their strokes cross
(`segmentations`, `crossed_lenses`). Two or three blobs close
together may be one digit (strokes, a loose tail: `joinable`), and a digit's side come apart
may belong in a blob that is cut (`sides_joined_and_cut`). The CNN, the judge of pieces,
the pair reader, the pen width and the digit width decide, for each run of close blobs along a
line at once (`best_reading`, dynamic programming). Last, a digit the CNN reads as 1 is read
again widened to MNIST's narrower digits (`widened_ones`)."""

import itertools

import cv2
import numpy as np
from skimage.morphology import skeletonize

from . import mnist_digits, models, pieces_of_ink

CUT_WIDTH = 1.0  # Blobs wider than this times the photo's digit width may be touching digits,
CUT_MOST = 8  # ... up to this many times it (a number of eight digits all touching; the most any photo measured was read as is 5): a blob wider is a scribble, a signature or a field of boxes, read whole, where its ways to be cut would grow as the square of its width.
NARROWEST_DIGIT = 0.4  # They are cut into pieces no narrower than this times the digit height, and so is a narrower blob the judge of pieces finds likelier two digits (a 1 touching),
ONE_WIDTH = 2  # ... also into a piece no narrower than this many pen widths (a 1) and the rest;
CUT_COST = 0.1  # ... and each cut must make the reading likelier by this much (log-probability),
CROSSING_COST = 0.5  # ... and this much more for each pen stroke it crosses beyond one.
CUT_SLOPES = (-0.4, -0.2, 0.0, 0.2, 0.4)  # Cuts between touching digits may lean like handwriting,
BEND_COST = 0.05  # ... or bend, each column aside costing this fraction of an ink pixel crossed.
SHARED_INK = 1.0  # Overlapping digits share ink: either side of a cut may keep this many pen widths beyond it (the stroke it runs along).
LENS_REACH = 0.1  # Where strokes cross, a blob is also parted upright there, the two strokes within this fraction of the digit height of the cut changing sides,
LENS_SLOPES = (-0.2, 0.0, 0.2)  # ... upright, and along these leans (columns right per row down) where the digits lean,
CROSSINGS_TRIED = 2  # ... at this many such places at most where each cut may go, those nearest the middle of where it may,
CROSSED_MOST = 4  # ... into this many digits at most ("1000" in one stroke; in cursive letters strokes cross everywhere).
FRAGMENT = 0.4  # A piece at most this fraction of a digit's height may join others though the judge finds it no digit.
SIDE_HEIGHT = 0.55  # A piece at least this fraction of a digit's height may be a digit's side come apart (on real_07, a form, most printed letters are less: 1.4 -> 1.0 s, the same readings elsewhere).
JOINED_WIDTH = 1.6  # ... when together no wider than this times the photo's digit width (a wide 0 cut in two by a grid line is 1.5)
WIDTH_WEIGHT = 1.0  # How much a digit wider than the photo's typical one counts against a reading.
WHOLE_WEIGHT = 1.0  # How much the judge of pieces' likelihood that a piece is one whole digit counts (log-probability).
PAIR_WEIGHT = 1.0  # How much the pair reader's doubt of the digits read in a blob, whole or cut in two, counts (log-probability).
SURELY_TWO = 0.9  # A blob the pair reader finds at least this likely two digits may be cut however narrow.
MNIST_NARROW = 0.6  # Nine in ten of MNIST's digits but 1s are at least this wide for their height.
CROSSED_TWICE = 0.2  # 1.4 % of MNIST's 1s have two strokes across this fraction of their rows (a flag), 83-98 % of its 0s, 4s, 6s, 8s and 9s (tools/crossed_twice.py).


def cut(blob, boundaries, before=0, after=0):
    """The pieces of a blob on either side of cuts, each trimmed to its ink, or [] if a piece
    would be empty. A cut is the first column right of it in each row of the blob; each piece
    also keeps the ink `before` columns beyond the cut on its left and `after` columns beyond
    the cut on its right (digits that overlap share the stroke a cut runs along)."""
    columns = np.arange(blob.width)[None, :]
    edges = [np.zeros(blob.height, int)] + list(boundaries) + [np.full(blob.height, blob.width)]
    return trimmed(blob, [blob.mask & (columns >= (left - before)[:, None]) & (columns < (right + after)[:, None])
                          for left, right in zip(edges, edges[1:])])


def trimmed(blob, masks):
    """The pieces of a blob that `masks` (each the blob's size) hold, each trimmed to its ink,
    or [] if a piece would be empty."""
    pieces = []
    for mine in masks:
        rows, cols = np.flatnonzero(mine.any(axis=1)), np.flatnonzero(mine.any(axis=0))
        if not len(rows):
            return []
        mask = mine[rows[0]:rows[-1] + 1, cols[0]:cols[-1] + 1]
        pieces.append(pieces_of_ink.Blob(blob.x + int(cols[0]), blob.y + int(rows[0]), mask.shape[1], mask.shape[0], mask))
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


def meeting_points(mask):
    """Where strokes of a piece of ink meet or cross: its skeleton's pixels with three
    neighbours or more, as (rows, columns)."""
    skeleton = skeletonize(mask)
    neighbours = cv2.filter2D(skeleton.astype(np.uint8), -1, np.ones((3, 3), np.float32), borderType=cv2.BORDER_CONSTANT)
    return np.nonzero(skeleton & (neighbours >= 4))


def crossings(points, stroke, shifts=None):
    """The columns where strokes meet or cross (`meeting_points`), those within a pen width
    (`stroke`) of one another as one; with `shifts` (how far each row moves, `sheared`), the
    columns they fall in once the piece is sheared, less the columns it gains on the left."""
    rows, columns = points
    columns = np.unique(columns if shifts is None else columns - shifts[rows])
    if not len(columns):
        return columns
    return np.array([int(np.median(group)) for group in np.split(columns, np.flatnonzero(np.diff(columns) > stroke) + 1)])


def two_runs_near(mask, column, reach):
    """For each row of a mask, the two runs of ink that reach within `reach` columns of
    `column`, where there are two exactly, as (start, end) each, left first (ends one past;
    -1 in the other rows)."""
    steps = np.diff(np.pad(mask, ((0, 0), (1, 1))).astype(np.int8), axis=1)
    rows, starts = np.nonzero(steps == 1)  # row by row, left to right
    ends = np.nonzero(steps == -1)[1]
    near = (ends > column - reach) & (starts <= column + reach)
    rows, starts, ends = rows[near], starts[near], ends[near]
    two = np.bincount(rows, minlength=mask.shape[0]) == 2
    first = np.flatnonzero(two[rows] & (np.diff(rows, prepend=-1) != 0))
    found = [np.full(mask.shape[0], -1) for _ in range(4)]
    for edge, values in zip(found, (starts[first], ends[first], starts[first + 1], ends[first + 1])):
        edge[rows[first]] = values
    return found


def crossed_lenses(blob, columns, reach):
    """Ways to part a blob at upright cuts (`columns`) where digits written into one another
    cross: two 0s of "1000" cross in an X, and between the X and where their bottoms meet, the
    left 0's stroke lies right of the right 0's. In one stretch of rows where two runs of ink
    reach within `reach` columns of a cut (`two_runs_near`), a way gives the left run to the
    piece right of the cut and the right run to the piece left of it: a way for each stretch of
    each cut, and with several cuts, one for the first stretch of every cut and one for the
    last. As lists of masks, one a piece, left to right."""
    mask = blob.mask
    owner = np.searchsorted(columns, np.arange(blob.width), side="right")[None, :].repeat(blob.height, axis=0)
    stretches = []  # for each cut: its stretches of rows, top first, each as (rows, and the starts and ends of their left runs and right runs)
    for column in columns:
        left_start, left_end, right_start, right_end = two_runs_near(mask, column, reach)
        near = left_start >= 0
        edges = np.flatnonzero(np.diff(near.astype(np.int8), prepend=0, append=0))
        stretches.append([(np.arange(top, bottom), left_start[top:bottom], left_end[top:bottom],
                           right_start[top:bottom], right_end[top:bottom])
                          for top, bottom in zip(edges[::2], edges[1::2]) if bottom - top >= 2])
    indices = np.arange(blob.width)[None, :]

    def swapped(chosen):
        mine = owner.copy()
        for index, (rows, left_start, left_end, right_start, right_end) in chosen:
            part = mine[rows]
            part[(indices >= left_start[:, None]) & (indices < left_end[:, None])] = index + 1
            part[(indices >= right_start[:, None]) & (indices < right_end[:, None])] = index
            mine[rows] = part
        return [mask & (mine == piece) for piece in range(len(columns) + 1)]
    ways = [swapped([(index, stretch)]) for index, found in enumerate(stretches) for stretch in found]
    for end in (0, -1):
        chosen = [(index, found[end]) for index, found in enumerate(stretches) if found]
        if len(chosen) > 1:
            ways.append(swapped(chosen))
    return ways


def sheared(blob, slope):
    """A blob sheared so that strokes leaning `slope` columns right per row down stand upright,
    each side widened by as many columns as any row moves: the sheared blob, a function that
    takes a mask of its size back to the blob's, and how far each row moved."""
    shifts = np.round(slope * (np.arange(blob.height) - (blob.height - 1) / 2)).astype(int)
    pad = int(np.abs(shifts).max())
    if not pad:
        return blob, lambda mask: mask, shifts
    rows = np.arange(blob.height)[:, None]
    columns = pad - shifts[:, None] + np.arange(blob.width)[None, :]  # where each of the blob's pixels goes
    view = np.zeros((blob.height, blob.width + 2 * pad), bool)
    view[rows, columns] = blob.mask
    return pieces_of_ink.Blob(blob.x - pad, blob.y, view.shape[1], blob.height, view), lambda mask: mask[rows, columns], shifts


def segmentations(blob, height, width, stroke, maybe_two=False):
    """The ways to read a blob, each as (pieces, cost of its cuts): whole, or, when it is wider
    than the photo's digits (and no wider than CUT_MOST of them), cut into 2, 3, ... digits
    along the lines that cross the least ink near even spacing: up to one more than its width
    holds digits of the photo, and none narrower than NARROWEST_DIGIT. A blob that is
    `maybe_two` digits (the judge of pieces finds it likelier two than one or none) is cut in
    two however narrow, also anywhere that leaves a 1 (ONE_WIDTH) either side.

    Every count is cut with all lines leaning alike, for each slope of CUT_SLOPES, and with the
    least-ink line at each place; the models pick. Touching digits meet where one stroke's width
    of ink joins them, so each stroke a cut crosses beyond the first costs CROSSING_COST. A cut
    that leaves a speck (a 5's bar, say) is no way to read the blob. Where digits overlap, a cut
    runs along a stroke that one of them needs whole (a 0's side inside a 5), so each cut is
    also made with the pieces left of it, then right of it, keeping SHARED_INK pen widths of
    ink beyond it, at the price of one cut more. Where digits are written into one another
    (0s in "1000"), their strokes cross: in each place, the blob is also parted upright where
    its strokes cross (`crossings`) with the crossed strokes changing sides (`crossed_lenses`),
    at the price of one cut more than the cuts, which cut no stroke; and so again sheared
    upright for each slope of LENS_SLOPES (`sheared`): 0s written quickly lean, and where they
    overlap, the strokes that change sides lean with them. A piece two ways share
    (the same ink) is one piece, and a way found twice is kept at its lower cost, so nothing
    is read twice.
    """
    if blob.width > CUT_MOST * width or (blob.width <= CUT_WIDTH * width and not maybe_two):
        return [([blob], 0.0)]  # as narrow as one digit, or wider than any number of touching digits
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
    reach, leaning = LENS_REACH * height, []
    if any(len(windows) < CROSSED_MOST for windows in spacings):
        points = meeting_points(blob.mask)
        leaning = [(view, unshear, crossings(points, stroke, shifts))
                   for view, unshear, shifts in (sheared(blob, slope) for slope in LENS_SLOPES)]
    for windows in spacings:
        for view, unshear, crossing in leaning if len(windows) < CROSSED_MOST else []:  # strokes crossing one another are parted there, none cut
            nearest = [sorted(crossing[(crossing >= low) & (crossing < high)], key=lambda column: abs(column - (low + high) / 2))
                       [:CROSSINGS_TRIED] for low, high in windows]
            for columns in itertools.product(*nearest):
                for masks in crossed_lenses(view, np.array(columns) + (blob.x - view.x), reach):
                    parted = trimmed(blob, [unshear(mask) for mask in masks])
                    if parted and not any(pieces_of_ink.is_speck(piece, height, stroke) for piece in parted):
                        offer(parted, CUT_COST * (len(columns) + 1))
        choices = [line_cuts(blob, low, high) + [path_cut(blob, low, high)] for low, high in windows]
        candidates = [[choice[index] for choice in choices] for index in range(len(choices[0]))]
        candidates.append([min(choice, key=lambda found: found[0]) for choice in choices])
        distinct = {b"".join(boundary.tobytes() for _, boundary in cuts): cuts for cuts in candidates}
        for cuts in distinct.values():
            boundaries = [boundary for _, boundary in cuts]
            pieces = cut(blob, boundaries)
            cost = sum(CUT_COST + CROSSING_COST * max(0.0, ink / stroke - 1) for ink, _ in cuts)
            if pieces and not any(pieces_of_ink.is_speck(piece, height, stroke) for piece in pieces):
                offer(pieces, cost)
                for before, after in ((shared, 0), (0, shared)):
                    sharing = cut(blob, boundaries, before, after)
                    if sharing:
                        offer(sharing, cost + CUT_COST)
    return list(ways.values())


def joinable(blobs, height, width):
    """Groups of two or three blobs (their indices, in order, and their union) that may be one
    digit: a digit written in strokes side by side (a 4, a 5), or a stroke come loose from its
    digit (a 5's bar or tail): each close to another of the group (pieces_of_ink.JOIN_REACH), and together no
    larger than a digit (JOINED_WIDTH, `pieces_of_ink.JOINED_HEIGHT`). Three are two such pairs sharing a blob."""
    def fits(joined):
        return joined.width <= JOINED_WIDTH * width and joined.height <= pieces_of_ink.JOINED_HEIGHT * height
    groups, near = {}, {}
    for i, j in pieces_of_ink.near_pairs(blobs, pieces_of_ink.JOIN_REACH * height, pieces_of_ink.JOIN_REACH * height, height).tolist():
        joined = pieces_of_ink.union(blobs[i], blobs[j])
        if fits(joined):
            groups[i, j] = joined
            near.setdefault(i, []).append(j)
            near.setdefault(j, []).append(i)
    for middle, others in near.items():
        for i, k in itertools.combinations(others, 2):
            three = tuple(sorted((i, middle, k)))
            if three not in groups:
                joined = pieces_of_ink.union(groups[tuple(sorted((i, middle)))], blobs[k])
                if fits(joined):
                    groups[three] = joined
    return list(groups.items())


def holds_both(piece, first, second):
    """Whether a piece holds ink of both of two blobs (a way that leaves them apart is one of
    their own ways)."""
    def shares_ink(blob):
        left, top = max(piece.x, blob.x), max(piece.y, blob.y)
        right, bottom = min(piece.x + piece.width, blob.x + blob.width), min(piece.y + piece.height, blob.y + blob.height)
        return right > left and bottom > top and bool(
            (piece.mask[top - piece.y:bottom - piece.y, left - piece.x:right - piece.x]
             & blob.mask[top - blob.y:bottom - blob.y, left - blob.x:right - blob.x]).any())
    return shares_ink(first) and shares_ink(second)


def sides_joined_and_cut(blobs, height, width, stroke, incomplete, cut_whole):
    """Groups of two blobs within JOIN_REACH, as (their indices, in order, and the ways to read
    their union cut, each as `segmentations` gives it): one of them `incomplete` (no whole digit
    to the judge of pieces, nor two, and SIDE_HEIGHT of a digit tall) and the other read cut
    (`cut_whole`: wider than the photo's digits or likelier two, and no whole digit). In "1000"
    written fast, a 0's side can come apart from it at top and bottom while its other side runs
    into the next 0: that 0 is whole only in the union, cut. The union is no taller than a
    digit (`pieces_of_ink.JOINED_HEIGHT`), and a way of reading it counts only where a piece
    holds ink of both blobs (`holds_both`; otherwise it is their own ways)."""
    groups = []
    for i, j in pieces_of_ink.near_pairs(blobs, pieces_of_ink.JOIN_REACH * height, pieces_of_ink.JOIN_REACH * height, height).tolist():
        if not ((incomplete[i] and cut_whole[j]) or (incomplete[j] and cut_whole[i])):
            continue
        joined = pieces_of_ink.union(blobs[i], blobs[j])
        if joined.height <= pieces_of_ink.JOINED_HEIGHT * height:
            ways = [(pieces, cost) for pieces, cost in segmentations(joined, height, width, stroke, maybe_two=True)  # two digits at least
                    if len(pieces) > 1 and any(holds_both(piece, blobs[i], blobs[j]) for piece in pieces)]
            if ways:
                groups.append(((i, j), ways))
    return groups


def readings(blobs, height, width, stroke, kinds, pairs=None, cut=True, whole=None):
    """Every way of reading the blobs: each blob's ways (`segmentations`), and the groups of
    blobs read together, each as (their indices, the ways to read them): those that may be one
    digit (`joinable`), and a digit's side come apart with the blob it belongs in, cut
    (`sides_joined_and_cut`).
    `kinds`: the judge of pieces' probabilities of each blob's
    `models.CLASSES`: a blob it finds likelier two digits than one digit or none is cut
    however narrow (where touching digits are most of a photo's blobs, its digit width is a
    pair's; a printed letter cut gives strokes like 1s), and one it finds likelier no digit at
    all joins none (two printed letters make no digit) unless it is a fragment, FRAGMENT of a
    digit's height or less (a faint stroke of a 2 come apart is no digit alone). `pairs`: the pair reader's
    probabilities for each blob (`read_pairs`), or None: where it is SURELY_TWO sure of two
    digits (a 1 drawn into a 6, which the judge of pieces takes for one digit), that likelihood
    counts instead of the judge's, unless the judge finds no digit likelier than two (the pair reader
    learned digits only: it reads print as pairs). Without `cut`, each blob is read whole only
    (as the tutorial reads every contour) and no group is cut; `whole` says, for each blob,
    whether it is read whole only (print: cut, a printed word's touching letters make strokes
    to read and judge: a quarter of the reading time of a sheet with print around it)."""
    kind = {name: kinds[:, index] for index, name in enumerate(models.CLASSES)}
    two_likely = kind["two digits"]
    if pairs is not None:
        pair_two = 1 - pairs[:, 1, models.NO_SECOND_DIGIT]
        sure = (pair_two >= SURELY_TWO) & (kind["not a digit"] < kind["two digits"])
        two_likely = np.where(sure, np.maximum(two_likely, pair_two), two_likely)
    two = two_likely > np.maximum(kind["digit"], kind["not a digit"])
    heights = np.array([blob.height for blob in blobs])
    no_digit = (kind["not a digit"] >= 0.5) & (heights >= FRAGMENT * height)
    groups = [(members, [([joined], 0.0)]) for members, joined in joinable(blobs, height, width)
              if not no_digit[list(members)].any()]
    if cut:
        likeliest = np.array(models.CLASSES)[kinds.argmax(axis=1)]
        incomplete = np.isin(likeliest, ("part of a digit", "not a digit")) & (heights >= SIDE_HEIGHT * height)
        cut_whole = (two | (np.array([blob.width for blob in blobs]) > CUT_WIDTH * width)) & (likeliest != "digit")
        groups += sides_joined_and_cut(blobs, height, width, stroke, incomplete, cut_whole)
    whole = np.zeros(len(blobs), bool) if whole is None else whole
    return [[([blob], 0.0)] if read_whole or not cut else segmentations(blob, height, width, stroke, maybe_two)
            for blob, maybe_two, read_whole in zip(blobs, two, whole)], groups


def runs(count, groups):
    """The groups of blobs (`count` of them) read together, gathered into runs: a run holds
    the groups linked through shared blobs, as blobs side by side along a line are."""
    label = pieces_of_ink.linked(count, [members for members, _ in groups])
    found = {}
    for members, group_ways in groups:
        found.setdefault(label[members[0]], []).append((members, group_ways))
    return found.values()


def best_reading(blobs, ways, groups, score):
    """The pieces read: each blob read its best way, or in a group with others (`readings`),
    the group's best way.

    The blobs of linked groups (`runs`) are read a run at a time, left to right, by dynamic
    programming: the best reading from each blob on is the best of the blob read its best way
    and then the best from the next blob, or it and the one or two blobs right after it read
    together and then the best from the blob after those. So a loose stroke joins the
    digit it fits best, two digits side by side stay two, and no blob is read twice."""
    best = [max(blob_ways, key=score) for blob_ways in ways]
    pieces, used = [], set()
    for run in runs(len(blobs), groups):
        order = sorted({member for members, _ in run for member in members},
                       key=lambda index: blobs[index].x + blobs[index].width / 2)
        place = {index: position for position, index in enumerate(order)}
        starting = {}
        for members, group_ways in run:
            positions = sorted(place[member] for member in members)
            if positions[-1] - positions[0] == len(positions) - 1:  # the group lies together along the line
                starting.setdefault(positions[0], []).append((len(positions), max(group_ways, key=score)))
        total, choice = [0.0] * (len(order) + 1), [None] * len(order)
        for position in range(len(order) - 1, -1, -1):
            total[position], choice[position] = score(best[order[position]]) + total[position + 1], None
            for size, way in starting.get(position, []):
                together = score(way) + total[position + size]
                if together > total[position]:
                    total[position], choice[position] = together, (size, way)
        position = 0
        while position < len(order):
            if choice[position]:
                size, (way, _) = choice[position]
                pieces.extend(way)
                used.update(order[position:position + size])
                position += size
            else:
                position += 1
    return pieces + [piece for index, (way, _) in enumerate(best) if index not in used for piece in way]


def read_pairs(pair_reader, blobs):
    """The pair reader's probabilities for each blob (N x 2 x 11): of 0-9 for its left digit,
    and of 0-9 and NO_SECOND_DIGIT for its right one; None without a pair reader."""
    if not pair_reader or not blobs:
        return None
    return np.asarray(pair_reader(np.stack([blob.region for blob in blobs])))


def pair_doubt(pieces, pair):
    """How much less likely the pair reader finds the digits the CNN reads in a way of reading a
    blob (`pieces`, each with its `probabilities`) than the ones it finds
    likeliest, in log-probability, the left digit and the right one each (`pair`: its
    probabilities for the blob). Read whole, the blob's right digit is NO_SECOND_DIGIT; a way of
    three pieces, or without a pair read, is not doubted."""
    if pair is None or len(pieces) > 2:
        return 0.0
    logs = np.log(np.asarray(pair, float) + 1e-6)
    in_order = sorted(pieces, key=lambda piece: piece.x + piece.width / 2)
    digits = [piece.probabilities.argmax() for piece in in_order] + [models.NO_SECOND_DIGIT]
    return float(sum(logs[side].max() - logs[side, digit] for side, digit in enumerate(digits[:2])))


def doubted(ways, pair):
    """The ways of reading a blob (or blobs read together), each costing PAIR_WEIGHT times its
    `pair_doubt` more (`pair`: the pair reader's probabilities for the blob)."""
    return [(way, cost + PAIR_WEIGHT * pair_doubt(way, pair)) for way, cost in ways]


def reading_score(way, width):
    """How likely a way of reading is, given as (pieces, cost of its cuts): the CNN is sure of
    its digits (their `probabilities`), the judge of pieces finds each one whole digit (their
    `kind`), and none is wider than this photo's digits (twice as wide costs as much as
    certainty falling to 1/e^(WIDTH_WEIGHT * 0.48)); narrow digits, 1s among them, cost nothing."""
    pieces, cost = way
    total = -cost
    for piece in pieces:
        whole = piece.kind[models.CLASSES.index("digit")]
        wider = max(0.0, np.log(piece.width / width))
        total += np.log(piece.probabilities.max()) + WHOLE_WEIGHT * np.log(whole + 1e-6) - WIDTH_WEIGHT * wider ** 2
    return total


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


def widened_ones(pieces, cnn, stroke):
    """Each piece the CNN reads as 1 that is narrower than MNIST_NARROW is read again
    `widened`; when the CNN is surer (`nines`) of another digit so, or the piece is
    `crossed_twice` along CROSSED_TWICE of its rows, that reading and image replace the first.
    A true 1 is read as 1 all but certainly as it is, and less surely as anything else
    widened; a narrow 3 or 8 reads surer widened. A narrow 8 or 9 whose loop the pen almost
    fills can read surer as a 1, but its loop still shows as two strokes across. `cnn`: the CNN,
    as `models.LiteModel` calls it; each piece's `region` and `probabilities` are replaced."""
    narrow = [piece for piece in pieces if piece.probabilities.argmax() == 1 and piece.width < MNIST_NARROW * piece.height]
    if not narrow:
        return
    wide = [widened(piece, stroke) for piece in narrow]
    for piece, image, probabilities in zip(narrow, wide, np.asarray(cnn(np.stack(wide)))):
        surer = models.nines([probabilities])[0] > models.nines([piece.probabilities])[0]
        if probabilities.argmax() != 1 and (surer or crossed_twice(piece) >= CROSSED_TWICE):
            piece.region, piece.probabilities = image, probabilities


def region(mask, stroke=None):
    """A piece of ink (its boolean mask) as the models see it: a 28x28 MNIST-style image
    (`mnist_digits.prepare_region`) drawn with the pen width `stroke` (the photo's, for every
    piece of it), or its own when none is given. Training makes its examples with it too."""
    return mnist_digits.prepare_region(mask.astype(np.uint8) * 255, mnist_digits.stroke_width(mask) if stroke is None else stroke)


def judged_kinds(pieces_judge, pieces):
    """The judge of pieces' probabilities of `models.CLASSES` for each piece (from its
    `region`); without a judge, every piece is one whole digit."""
    if not pieces_judge or not pieces:
        certain = np.zeros((len(pieces), len(models.CLASSES)), np.float32)
        certain[:, models.CLASSES.index("digit")] = 1
        return certain
    return np.asarray(pieces_judge(np.stack([piece.region for piece in pieces])))
