"""Type: what print looks like, whichever way up the page is. Its letters stand in line to the
pixel (`printed_letters`), and it prints each letter and figure alike each time
(`typeset_twins`); a hand does neither. The page step leaves print out of the evidence for
which way is up (`page.quarter_turn`), and `not_digits` leaves it out of the reading."""

import cv2
import numpy as np

from . import pieces_of_ink

LOWERCASE = 5  # A row holding this many letters of one x-height, standing in line (ALIGNED), is a line of print,
SMALL_IN_LINE = 3  # ... and so is one holding this many ("Page 3 of 12": a, o, e) where its other pieces stand on their baseline or hang from their x-height line, LOWERCASE at least,
STRAYS = 1  # ... all its letters of that height in line and all its pieces on those lines but this many (a comma), and a pixel is at most OVERSHOOT of the x-height: a hand's digits stand in line to the pixel by chance, a few of many, and in small writing;
X_HEIGHT = (0.4, 0.8)  # ... an x-height being this fraction of the row's tall pieces (the 90th percentile: capitals, ascenders), or of the handwriting's height where none is taller than this fraction of it (a label with no capital or ascender),
ALIGNED = 1  # ... and letters in line when their tops and bottoms are within this many pixels: type is set to the pixel,
OVERSHOOT = 0.05  # ... or this fraction of the x-height, where larger: round letters (o, e) overshoot the lines that flat ones (n, x) stand on, by 2-3 % of it each side in common faces.
TWIN = 0.8  # Two pieces of a row whose ink is this alike (overlap over union) are print: type prints a digit alike each time,
OFFSETS = np.array([(0, 0), (0, 1), (1, 0), (1, 1), (0, -1), (-1, 0), (-1, -1)])  # ... laid on each other so (down, across: the second on the first), a pixel's slip either way,
TWIN_LOOK = 8  # ... each compared with this many of its row's next in order of size,
TWIN_WIDE = 0.35  # ... and at least this many times as wide as tall: two upright strokes (a hand's 11) are alike by their simplicity;
PAGE_TWINS = 2  # ... or alike this many others in other rows of the page (a table's figures), where a thick pen can make two alike.
SET_WITH = 1.5  # A piece this many of its heights from print or nearer, on that row's lines top and bottom, was set with it.
NEARLY_ALL = 0.9  # Where print is this share of the ink, the page is print (pages of print 0.97, handwriting with print around it 0.48-0.85, a form 0.63), and what escapes the rules on it, print too.


def in_line_within(height):
    """How far apart (pixels) the tops or bottoms of type `height` tall may be and stand in line:
    ALIGNED, or OVERSHOOT of the height where that is more (round letters and figures
    overshoot the lines that flat ones stand on)."""
    return max(ALIGNED, OVERSHOOT * height)


def printed_letters(pieces, row, height=0.0):
    """Whether each piece is a printed letter: it stands on the baseline of a row (`row`: each
    piece's, `pieces_of_ink.rows` with print's PRINT_HEIGHTS, so a word's capitals and
    ascenders stand in its row), or hangs from its x-height line (print upside down, whose
    ascenders hang below), that holds LOWERCASE letters of one x-height (X_HEIGHT of the
    row's tall pieces) whose tops and bottoms are ALIGNED, or within OVERSHOOT of the
    x-height (large print's round letters); the x-height is measured against the
    handwriting's digit `height` too where no piece of the row is much taller than its letters
    ("Invoice": one capital among eight pieces, its 90th percentile a small letter's). Or only
    SMALL_IN_LINE such letters, a short caption's, where all the row's letters of that height
    and all its pieces on those lines but STRAYS, and the x-height is large enough for a pixel
    to be within OVERSHOOT of it.
    Type stands in line to the pixel, capitals and ascenders on the same baseline;
    handwriting, digits of one height or not, never does (none of the stress set's, the real
    sheets' or their variants' rows). Figures alone ("14.05.2023") are not told from
    handwriting so: neat digits of one height, as the sample photos' at 640x480, can stand in
    line to the pixel too."""
    box = pieces_of_ink.boxes(pieces)
    tops, bottoms = box[:, 1], box[:, 3]
    printed = np.zeros(len(pieces), bool)
    for label in np.flatnonzero(np.bincount(row) >= LOWERCASE):
        members = np.flatnonzero(row == label)
        tall = np.percentile(bottoms[members] - tops[members], 90)
        for reference in (tall, height) if X_HEIGHT[1] * height >= tall else (tall,):  # a row all smaller than the hand: no capital
            on_lines = letters_in_line(tops[members], bottoms[members], reference)
            if on_lines is not None:
                printed[members[on_lines]] = True
                break
    return printed


def letters_in_line(tops, bottoms, tall):
    """Which of a row's pieces (their `tops` and `bottoms`) stand on the lines of its letters of
    one x-height (X_HEIGHT of `tall`), where those are print by `printed_letters`' rules; else None."""
    heights = bottoms - tops
    small = np.flatnonzero((heights >= X_HEIGHT[0] * tall) & (heights <= X_HEIGHT[1] * tall))
    if len(small) < SMALL_IN_LINE:
        return None
    x_height = np.median(heights[small])
    aligned = in_line_within(x_height)
    in_line = ((np.abs(tops[small, None] - tops[None, small]) <= aligned)
               & (np.abs(bottoms[small, None] - bottoms[None, small]) <= aligned))
    best = small[int(np.argmax(in_line.sum(axis=1)))]
    in_line_count = int(in_line.sum(axis=1).max())
    if in_line_count < SMALL_IN_LINE:
        return None
    on_lines = (np.abs(bottoms - bottoms[best]) <= aligned) | (np.abs(tops - tops[best]) <= aligned)
    few_letters = (OVERSHOOT * x_height >= ALIGNED and in_line_count >= len(small) - STRAYS
                   and on_lines.sum() >= max(LOWERCASE, len(heights) - STRAYS))
    return on_lines if in_line_count >= LOWERCASE or few_letters else None


def same_ink(first, second):
    """How alike two pieces' ink is: the most of their masks' overlap over their union, the one
    laid on the other at each offset of a pixel or none (down, across or both, either way; one
    correlation gives the overlap at every offset)."""
    rows, cols = max(first.height, second.height) + 3, max(first.width, second.width) + 3
    canvas = np.zeros((rows, cols), np.float32)
    canvas[1:1 + first.height, 1:1 + first.width] = first.mask
    overlaps = cv2.matchTemplate(canvas, second.mask.astype(np.float32), cv2.TM_CCORR)  # [1 + down, 1 + across]
    overlap = round(float(overlaps[1 + OFFSETS[:, 0], 1 + OFFSETS[:, 1]].max()))  # a count of pixels
    return overlap / max(1, first.ink + second.ink - overlap)


def alike_pairs(pieces, order, row, same_row):
    """The pairs of pieces (indices) whose ink is the same (TWIN of their union, `same_ink`), each
    piece compared with the next TWIN_LOOK in `order` (which sorts them by height) of its
    height and width within a pixel, if it is at least TWIN_WIDE as wide as tall: so the cost
    stays linear in the pieces. Only pairs in one row (`row`: each piece's) where `same_row`,
    and only pairs in two rows where not, are compared."""
    box = pieces_of_ink.boxes(pieces)
    widths, heights = box[:, 2] - box[:, 0], box[:, 3] - box[:, 1]
    inked = np.array([piece.ink for piece in pieces])
    for position, first in enumerate(order):
        for second in order[position + 1:position + 1 + TWIN_LOOK]:
            if heights[second] - heights[first] > 1:
                break
            if ((row[first] == row[second]) == same_row and abs(widths[second] - widths[first]) <= 1
                    and widths[first] >= TWIN_WIDE * heights[first]
                    and min(inked[first], inked[second]) >= TWIN * max(inked[first], inked[second])
                    and same_ink(pieces[first], pieces[second]) >= TWIN):
                yield first, second


def typeset_twins(pieces, row):
    """Whether each piece is print by its twins: another piece of its row (`row`, as for
    `printed_letters`), or PAGE_TWINS others anywhere on the page, of its size within a pixel
    whose ink is the same (`alike_pairs`): type prints a 0 or a 2 alike each time, a hand never
    writes one so (handwritten digits alike: 0.48 at most on the sample and real photos;
    printed twins 0.9-1.0), though a thick pen, or a blur, can make two of its digits alike
    in different lines. A piece narrower than TWIN_WIDE of its height is too simple to tell so
    (a hand's 11). With them go the pieces of their row that stand in line with them
    (ALIGNED, or OVERSHOOT of their height): a caption's date or phone number, a table's
    figures."""
    box = pieces_of_ink.boxes(pieces)
    tops, bottoms, widths = box[:, 1], box[:, 3], box[:, 2] - box[:, 0]
    heights = bottoms - tops
    inked = np.array([piece.ink for piece in pieces])
    twin = np.zeros(len(pieces), bool)
    for first, second in alike_pairs(pieces, np.lexsort((widths, heights, row)), row, same_row=True):
        twin[first] = twin[second] = True
    elsewhere = np.zeros(len(pieces), int)
    for first, second in alike_pairs(pieces, np.lexsort((inked, widths, heights)), row, same_row=False):
        elsewhere[[first, second]] += 1
    twin |= elsewhere >= PAGE_TWINS
    printed = twin.copy()
    members = {}
    for index, label in enumerate(row):
        members.setdefault(label, []).append(index)
    for index in np.flatnonzero(twin):
        mates = np.array(members[row[index]])
        aligned = in_line_within(heights[index])
        printed[mates[(np.abs(tops[mates] - tops[index]) <= aligned) & (np.abs(bottoms[mates] - bottoms[index]) <= aligned)]] = True
    return printed


def set_with_print(pieces, printed, row):
    """Whether each piece is `printed`, or was set with print beside it: within SET_WITH of its
    height of a printed piece, across, and standing on the lines of that piece's row (`row`, as
    for `printed_letters`) at its top and its bottom, within `in_line_within` of its height: a
    capital's, an x-height's, the baseline or a descender's ("No." after "Invoice", an italic f
    among letters and figures). A piece so found carries its row's lines on to its neighbours.
    A hand writing beside a label sets the ends of its digits on the label's lines only by
    chance, and both ends to the pixel hardly ever."""
    box = pieces_of_ink.boxes(pieces)
    tops, bottoms = box[:, 1], box[:, 3]
    heights = bottoms - tops
    found, label = np.array(printed, bool), np.array(row)
    if not found.any():
        return found
    pairs = pieces_of_ink.near_box_pairs(box, SET_WITH * heights.max(), 0, heights.max())
    pairs = np.concatenate([pairs, pairs[:, ::-1]])  # (a piece, its neighbour), both ways
    pairs = pairs[pieces_of_ink.box_gaps(box[pairs[:, 0]], box[pairs[:, 1]])[0] <= SET_WITH * heights[pairs[:, 0]]]
    neighbours = {}  # a piece -> the pieces it may pass its row's lines on to
    for piece, beside in pairs:
        neighbours.setdefault(beside, []).append(piece)
    lines = {}  # a row's label -> the tops and the bottoms of its print
    for index in np.flatnonzero(found):
        lines.setdefault(label[index], ([], []))
        lines[label[index]][0].append(tops[index])
        lines[label[index]][1].append(bottoms[index])
    grew = True
    while grew:  # once more where a row's lines grew: a piece that stood on none of them may stand on the new
        grew, waiting = False, list(np.flatnonzero(found))
        while waiting:  # a word's letters, one after another from the print
            beside = waiting.pop()
            row_tops, row_bottoms = lines[label[beside]]
            for piece in neighbours.get(beside, ()):
                aligned = in_line_within(heights[piece])
                if (not found[piece] and np.min(np.abs(np.subtract(row_tops, tops[piece]))) <= aligned
                        and np.min(np.abs(np.subtract(row_bottoms, bottoms[piece]))) <= aligned):
                    found[piece], label[piece], grew = True, label[beside], True
                    row_tops.append(tops[piece])
                    row_bottoms.append(bottoms[piece])
                    waiting.append(piece)
    return found


def printed(pieces, ways=None):
    """Whether each piece is print (`printed_letters`, `typeset_twins`), in rows of print across
    the page as it stands and up and down it (`pieces_of_ink.print_ways`, unless given as
    `ways`): before the page's turn is known, a line of print may run either way."""
    found = np.zeros(len(pieces), bool)
    for way, row in pieces_of_ink.print_ways(pieces) if ways is None else ways:
        found |= printed_letters(way, row) | typeset_twins(way, row)
    return found


def page_of_print(pieces, found=None):
    """How many of the pieces are print (`printed`, or `found` where the caller has asked it),
    where they are NEARLY_ALL of the pieces' ink: a page of print, whose few pieces that escape
    the rules of type (words run together and cut, a letter alone) are print too; else 0. A
    monospace table breaks its lines into columns, no longer than numbers
    (`pieces_of_ink.in_print_rows`)."""
    found = printed(pieces) if found is None else found
    return int(found.sum()) if pieces_of_ink.print_share(pieces, found) >= NEARLY_ALL else 0
