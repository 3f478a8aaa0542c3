"""Not digits: what lies beside the handwriting, ink like it, but is no digit.

The CNN knows ten classes and is sure of printed letters, a ruler's ticks and numbers, the
corner of a frame. The reader (`pipeline.find_digits`) calls these steps:

1. `pieces_of_ink.mostly_print` (before anything is joined or read): when most of the ink stands
   in lines of print, rows of more than PRINT_ROW pieces side by side (across the page or up
   and down it), the photo is a
   page of print and nothing is read: the print sets the photo's digit height and pen itself,
   so no rule below that compares a piece with the handwriting can tell it from handwriting.
2. `digits_only` (once a reading is chosen): the judge of pieces says how likely each piece is
   not a digit. A piece the judge is sure of goes. Otherwise no one sign is trusted alone, since
   handwriting varies: a piece goes when two of three say so (the judge's doubt, a height far
   below the handwriting's, strokes far thinner than the pen's: a caption's letter, a ruler's
   tick or number). Letters that are digits in another hand (o, l, S) go with the row of print
   they stand in: pieces of about one height close together (`pieces_of_ink.rows`), half of them, two at
   least, likely no digits, unless the row is as tall as the handwriting and drawn with its pen
   (`like_handwriting`): a line of touching digits, cut into pieces the judge doubts. And a
   row of print goes whatever the judge says (`typeset.printed_letters`): type stands in line
   to the pixel, its small letters one x-height, its capitals on their baseline; and so do
   printed figures, by their twins (`typeset.typeset_twins`): type prints a digit alike each
   time, and by standing on a label's baseline (`figures_on_its_baseline`); and so does what
   was set beside print, standing on its row's lines top and bottom (`typeset.set_with_print`).
3. `without_stroke_lines`, `without_thin_ones` and `without_frame_sides` (once the lines are
   found): a line made only of strokes narrower than the pen goes, and so do a 1 drawn thinner
   than half its line's pen and the sides of a box drawn around a line.
All stay near-linear in the number of pieces: rows are found among near pairs on a grid
(`pieces_of_ink.near_pairs`), and the judge's probabilities are those the reader asked for
every candidate piece, in one batch.
"""

import numpy as np

from . import imaging, models, pieces_of_ink, typeset

SURE = 0.98  # A piece is no digit when the judge is at least this sure of it;
LIKELY = 0.8  # ... or when two of three say so: the judge finds it this likely no digit,
SMALL = 0.5  # ... it is at most this fraction of the photo's digit height (a caption's letter, a tick),
SMALL_DOUBT = 0.3  # ... when it is, the judge's doubt counts from this likelihood of no digit at all (a small digit looks like part of one),
THIN = 0.5  # ... its strokes are under this fraction of the pen's width (print, a ruler's ticks);
ROW_SHARE = 0.5  # ... or it stands in a row (`pieces_of_ink.rows`) of which at least this share, two at least, are likely no digits,
HANDWRITING_ROW = 0.75  # ... unless, in the median, they are this fraction of the handwriting's height and pen width or more.
SIDE_REACH = 0.25  # A stroke at a line's end reaching this many of the line's heights above its other pieces and below them (a box drawn close around a line: 0.3) ...
SIDE_SLENDER = 0.5  # ... and at most this fraction as wide as tall is the side of a box around the line.
OWN_PEN = 0.75  # A stroke narrower than the pen, alone on its line in a list, stays where its own strokes are this fraction of the pen (a list's 1: 0.83; what paper lines leave: 0.29-0.61).
EDGE_REACH = 0.25  # A line of one stroke read as 1 within this many digit heights of the page's edge is the edge of a page, a ruler or a shadow;
EDGE_SPECKS = 2  # ... so is a line of this many pieces or fewer there, each under SMALL of a digit: specks of the table or the sheet's rim.
SURFACE_STEP = 0.06  # A line of one stroke read as 1 with the paper this much brighter on one side of it than on the other (of the stroke's darkness below the paper) is the edge of a shadow or of a sheet: a hand's 1 has one paper either side (the made lists' 1s: 0.03 at most; such edges read as 1s: 0.05-0.98).
FEW = 2  # A line of this many pieces or fewer, each under HANDWRITING_ROW of the handwriting's height, beside lines of it, is no writing (print's last letters, a sheet's corner, a crease).


def like_handwriting(pieces, height, stroke):
    """Whether pieces are, in the median, about as tall as the handwriting and drawn with its pen
    (HANDWRITING_ROW): print beside handwriting is smaller or finer, and a row of them is a line
    of touching digits whose cut pieces the judge doubts."""
    return bool(np.median([piece.height for piece in pieces]) >= HANDWRITING_ROW * height
                and np.median([piece.stroke for piece in pieces]) >= HANDWRITING_ROW * stroke)


def along_rows(box, row):
    """Each row's pieces (`row`: each piece's label; `box`: each piece's box) in order along it
    (by their boxes' middles), as {label: indices}: one sort for all rows, so that asking row
    after row stays linear in the pieces."""
    order = np.lexsort((box[:, 0] + box[:, 2], row))
    return {int(row[group[0]]): group for group in np.split(order, np.flatnonzero(np.diff(row[order])) + 1) if len(group)}


def figures_on_its_baseline(pieces, printed, row):
    """Whether each piece is a printed figure beside print: one of two or more pieces next to
    the `printed` ones of a row (`row`, as for `printed_letters`), one after another from them,
    each standing on their baseline (the median of their bottoms) and level at the top with
    the first, within `in_line_within` of its height ("Locker 17": a label's number, set with
    it). A hand writing after a label sets its digits on no line to the pixel."""
    box = pieces_of_ink.boxes(pieces)
    tops, bottoms = box[:, 1], box[:, 3]
    figures = np.zeros(len(pieces), bool)
    rows = along_rows(box, row)
    for label in np.unique(row[printed]):
        members = rows[label]
        baseline = np.median(bottoms[members[printed[members]]])
        for order in (members, members[::-1]):  # after the print, and before it
            for start in np.flatnonzero(printed[order[:-1]] & ~printed[order[1:]]) + 1:
                run = []
                for index in order[start:]:
                    aligned = typeset.in_line_within(bottoms[index] - tops[index])
                    level = not run or abs(tops[index] - tops[run[0]]) <= aligned
                    if printed[index] or abs(bottoms[index] - baseline) > aligned or not level:
                        break
                    run.append(index)
                if len(run) >= 2:
                    figures[run] = True
    return figures


def digits_only(pieces, kinds, height, stroke):
    """The pieces that may be digits, and how many were left out as print (in rows of it).
    `kinds`: the judge of pieces' probabilities of `models.CLASSES` for
    each piece; `height`, `stroke`: the photo's digit height and pen width.
    No digit is "not a digit" or "part of a digit": a stroke still a part once the digit finder
    has chosen its cuts and joins fits no digit. A piece goes when the judge is SURE it is no
    digit; when two of three signs say so (the judge finds it LIKELY no digit, or SMALL_DOUBT
    when it is small; it is SMALL beside the handwriting; it is THIN beside the pen); and when
    it stands in a row of print: a row of which at least half the pieces, two at least, are
    LIKELY no digits, and which is not `like_handwriting` beside the pen of the pieces the judge
    takes for digits (a bold heading's letters make the photo's `stroke` thicker than the
    hand's, and a line of touching digits cut into doubted pieces went as print). Strokes are
    measured only where they can decide."""
    if not pieces:
        return pieces, 0
    kinds = np.asarray(kinds)
    not_digit = kinds[:, models.CLASSES.index("not a digit")] + kinds[:, models.CLASSES.index("part of a digit")]
    likely = not_digit >= LIKELY
    small = np.array([piece.height <= SMALL * height for piece in pieces])
    doubted = np.where(small, kinds[:, models.CLASSES.index("not a digit")] >= SMALL_DOUBT, likely)
    thin = np.array([(doubt or short) and piece.stroke < THIN * stroke
                     for piece, doubt, short in zip(pieces, doubted, small)], bool)
    row = pieces_of_ink.rows(pieces)
    in_row = np.bincount(row, minlength=len(pieces))
    likely_in_row = np.bincount(row, weights=likely, minlength=len(pieces))
    print_row = (likely_in_row >= 2) & (likely_in_row >= ROW_SHARE * in_row)
    members = {}
    for piece, label in zip(pieces, row):
        if print_row[label]:
            members.setdefault(label, []).append(piece)
    if members:  # the pen of what the judge takes for digits: a bold heading's letters set the photo's
        digits = [piece for piece, kind in zip(pieces, kinds) if kind.argmax() == models.CLASSES.index("digit")]
        pen = pieces_of_ink.photo_stroke_width(digits) if digits else stroke
    for label, found in members.items():
        print_row[label] = not like_handwriting(found, height, pen)
    type_row = in_rows_of_their_own(pieces_of_ink.boxes(pieces), pieces_of_ink.rows(pieces, pieces_of_ink.PRINT_HEIGHTS))
    print_row = print_row[row] | typeset.printed_letters(pieces, type_row, height) | typeset.typeset_twins(pieces, type_row)
    print_row |= figures_on_its_baseline(pieces, print_row, type_row)
    print_row = typeset.set_with_print(pieces, print_row, type_row)
    signs = doubted.astype(int) + small + thin
    goes = (not_digit >= SURE) | (signs >= 2) | print_row
    return [piece for piece, gone in zip(pieces, goes) if not gone], int(print_row.sum())


def without_stroke_lines(lines, stroke):
    """The lines (`layout.reading_order`) less those made only of strokes narrower than the pen
    (`stroke`), or drawn under THIN of it however they lean (`drawn_thin`): no digit is
    narrower than the pen it is written with, and the judge takes such strokes for 1s, but
    they are what the paper-line step leaves of a line down that digits cut, of a ruler's or
    frame's ends, or of a grid or a sheet's edge below the last line. A 1 of a list stays: one
    stroke on its line, drawn with the pen (its own strokes OWN_PEN of it at least), with a
    single piece over its columns on the line before it and the line after it (where there is
    one); straightened, a 1 drawn with the pen may come out a pixel narrower than it."""
    return [line for index, line in enumerate(lines)
            if (any(piece.width >= stroke for piece in line) and not drawn_thin(line, stroke))
            or (in_a_list(lines, index) and line[0].stroke >= OWN_PEN * stroke)]


def drawn_thin(line, stroke):
    """Whether a line is one stroke, or strokes read as 1s, each drawn under THIN of the pen
    (`stroke`). Other digits do not count: beside print, the photo's pen is the print's, wider
    than the handwriting's, and whole lines of it would go."""
    return all(piece.stroke < THIN * stroke and (len(line) == 1 or piece.probabilities.argmax() == 1) for piece in line)


def in_a_list(lines, index):
    """Whether line `index` of `lines` is one piece, and the lines before and after it (one at
    least) are one piece each over its columns: a list of one number a line."""
    if len(lines[index]) != 1:
        return False
    piece = lines[index][0]
    beside = [lines[other] for other in (index - 1, index + 1) if 0 <= other < len(lines)]
    return bool(beside) and all(len(line) == 1 and line[0].x < piece.x + piece.width and piece.x < line[0].x + line[0].width
                                for line in beside)


def without_thin_ones(lines):
    """The lines less each piece read as 1 whose strokes are under THIN of the width of the
    other pieces' of its line (their median, two others at least): no pen draws thinner than
    itself, and what thick ruling leaves of a paper line down, where it crossed another or the
    page's own, is a 1 to the CNN. Measured against its line, not the photo's pen, which print
    beside the handwriting can widen."""
    kept = []
    for line in lines:
        ones = [piece.probabilities.argmax() == 1 for piece in line]
        strokes = np.array([piece.stroke for piece in line]) if len(line) >= 3 and any(ones) else None  # a skeleton a piece
        kept.append([piece for index, (piece, one) in enumerate(zip(line, ones))
                     if strokes is None or not one or piece.stroke >= THIN * np.median(np.delete(strokes, index))])
    return kept


def box_sides(box):
    """For the boxes (`pieces_of_ink.boxes`) of a row of three pieces or more, in order along
    it, whether each is a side of a box drawn around the row: at either end, reaching
    SIDE_REACH of the others' height both above their tops and below their bottoms (medians),
    and at most SIDE_SLENDER as wide as tall (its top and bottom gone as paper lines). A digit
    at the end of a line, however tall, rises above the others or hangs below them, not both."""
    top, bottom = np.median(box[1:-1, 1]), np.median(box[1:-1, 3])
    reach = SIDE_REACH * (bottom - top)
    side = ((box[:, 1] <= top - reach) & (box[:, 3] >= bottom + reach)
            & (box[:, 2] - box[:, 0] <= SIDE_SLENDER * (box[:, 3] - box[:, 1])))
    side[1:-1] = False
    return side


def in_rows_of_their_own(box, row):
    """The rows (`row`: each piece's label; `box`: each piece's box) with the two sides of a box
    drawn around a row (`box_sides`, at both its ends) given rows of their own: they are no
    letters of the row's type, whose heights tell print (`printed_letters`)."""
    rows, row = along_rows(box, row), row.copy()
    for members in rows.values():
        if len(members) >= 3 and box_sides(box[members])[[0, -1]].all():  # both: a box around the row (a form's field beside its label has one)
            row[members[[0, -1]]] = len(row) + members[[0, -1]]
    return row


def without_frame_sides(lines):
    """The lines less the sides of a box drawn around each (`box_sides`)."""
    return [[piece for piece, gone in zip(line, box_sides(pieces_of_ink.boxes(line))) if not gone] if len(line) >= 3 else line
            for line in lines]


def a_lone_1(line):
    """Whether a line is one piece, read as 1: what edges, strokes and ruling leave on a line of
    their own looks so."""
    return len(line) == 1 and line[0].probabilities.argmax() == 1


def without_edge_strokes(lines, size, height):
    """The lines less those of one piece read as 1 that stands within EDGE_REACH of the digit
    `height` of the page's edge (`size`: its height and width, in the pieces' pixels): what
    the frame cuts of a page's edge, a ruler's or a shadow's, where a list's 1 stands in from
    the edge as its other lines do; and less those of EDGE_SPECKS pieces or fewer, each under
    SMALL of the height, all within that reach: a speck of the table, or of the sheet's rim,
    that a sheet flattened to its very edge leaves at the page's edge."""
    rows, cols = size
    reach = EDGE_REACH * height

    def at_edge(piece):
        return min(piece.x, piece.y, cols - piece.x - piece.width, rows - piece.y - piece.height) <= reach

    def speck(piece):
        return max(piece.width, piece.height) < SMALL * height and at_edge(piece)
    return [line for line in lines if not ((a_lone_1(line) and at_edge(line[0]))
                                           or (len(line) <= EDGE_SPECKS and all(speck(piece) for piece in line)))]


def paper_either_side(grey, box):
    """The paper's brightness left and right of a box (x, y, width, height, in `grey`'s pixels):
    the 60th percentile of a strip half the box's height wide, a tenth of its height off it
    (some ink of a neighbour does not move it); and the stroke's darkness within the box (its
    5th percentile). None where a side lies beyond the image."""
    x, y, width, height = box
    strip, gap = max(4, height // 2), max(2, height // 10)
    left = grey[y:y + height, max(0, x - gap - strip):max(0, x - gap)]
    right = grey[y:y + height, x + width + gap:x + width + gap + strip]
    if not left.size or not right.size:
        return None
    return np.percentile(left, 60), np.percentile(right, 60), np.percentile(grey[y:y + height, x:x + width], 5)


def without_surface_edges(lines, image, box_of):
    """The lines less those of one stroke read as 1 standing between two surfaces: the paper on
    one side of it brighter than on the other by SURFACE_STEP of the stroke's darkness below it
    (`paper_either_side` in the page `image`, made grey only where such a line is; `box_of`
    gives a piece's box in its pixels): the sharp edge of a shadow, or of a sheet laid on
    paper, where the step's dark side reads as ink."""
    lone_ones = [index for index, line in enumerate(lines) if a_lone_1(line)]
    if not lone_ones:
        return lines
    grey = imaging.to_grey(image)

    def between_surfaces(piece):
        sides = paper_either_side(grey, box_of(piece))
        if sides is None:
            return False
        left, right, stroke = sides
        return abs(left - right) > SURFACE_STEP * (max(left, right) - stroke)
    edges = {index for index in lone_ones if between_surfaces(lines[index][0])}
    return [line for index, line in enumerate(lines) if index not in edges]


def without_small_lines(lines, height):
    """The lines less each of FEW pieces or fewer, every one under HANDWRITING_ROW of the
    handwriting's digit `height`, where other lines are not so (what is left of a caption's
    letters, a pasted sheet's corner, a crease in the paper); a list's line (`in_a_list`) stays,
    however small its number is written, and so do all where every line is small."""
    small = [len(line) <= FEW and all(piece.height < HANDWRITING_ROW * height for piece in line)
             and not in_a_list(lines, index) for index, line in enumerate(lines)]
    if all(small):
        return lines
    return [line for line, alone in zip(lines, small) if not alone]
