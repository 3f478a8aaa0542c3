"""Not digits: what lies beside the handwriting, ink like it, but is no digit.

The CNN knows ten classes and is sure of printed letters, a ruler's ticks and numbers, the
corner of a frame. The reader (`pipeline.find_digits`) calls these steps:

1. `print_share` (before anything is joined or read): when most of the ink stands in lines of
   print, rows of more than PRINT_ROW pieces side by side (`in_print_rows`), the photo is a
   page of print and nothing is read: the print sets the photo's digit height and pen itself,
   so no rule below that compares a piece with the handwriting can tell it from handwriting.
2. `digits_only` (once a reading is chosen): the judge of pieces says how likely each piece is
   not a digit. A piece the judge is sure of goes. Otherwise no one sign is trusted alone, since
   handwriting varies: a piece goes when two of three say so (the judge's doubt, a height far
   below the handwriting's, strokes far thinner than the pen's: a caption's letter, a ruler's
   tick or number). Letters that are digits in another hand (o, l, S) go with the row of print
   they stand in: pieces of about one height close together (`rows`), half of them, two at
   least, likely no digits, unless the row is as tall as the handwriting and drawn with its pen
   (`like_handwriting`): a line of touching digits, cut into pieces the judge doubts.
3. `without_stroke_lines` (once the lines are found): a line made only of strokes narrower than
   the pen goes.
All stay near-linear in the number of pieces: rows are found among near pairs on a grid
(`pieces_of_ink.near_pairs`), and the judge's probabilities are those the reader asked for
every candidate piece, in one batch.
"""

import numpy as np

from . import models, pieces_of_ink

SURE = 0.98  # A piece is no digit when the judge is at least this sure of it;
LIKELY = 0.8  # ... or when two of three say so: the judge finds it this likely no digit,
SMALL = 0.5  # ... it is at most this fraction of the photo's digit height (a caption's letter, a tick),
SMALL_DOUBT = 0.3  # ... when it is, the judge's doubt counts from this likelihood of no digit at all (a small digit looks like part of one),
THIN = 0.5  # ... its strokes are under this fraction of the pen's width (print, a ruler's ticks);
ROW_GAP = 1.5  # ... or it stands in a row of print: pieces at most this many of their heights apart,
ROW_HEIGHTS = 1.5  # ... the taller of two neighbours at most this times the other (capitals, small letters),
ROW_SHARE = 0.5  # ... and at least this share of them, two at least, likely no digits,
HANDWRITING_ROW = 0.75  # ... unless, in the median, they are this fraction of the handwriting's height and pen width or more.
PRINT_ROW = 40  # A row of more pieces than this is a line of print: written numbers are shorter (an IBAN, among the longest, has at most 34 characters).


def rows(pieces):
    """Each piece's row: the number of the group of pieces side by side that it belongs to,
    neighbours being close (ROW_GAP) and of about one height (ROW_HEIGHTS), overlapping
    up and down by half the shorter's height."""
    if not pieces:
        return np.zeros(0, int)
    tallest = max(piece.height for piece in pieces)
    pairs = pieces_of_ink.near_pairs(pieces, ROW_GAP * tallest, 0, tallest)
    box = pieces_of_ink.boxes(pieces)
    first, second = box[pairs[:, 0]], box[pairs[:, 1]]
    heights = np.sort(np.stack([first[:, 3] - first[:, 1], second[:, 3] - second[:, 1]], axis=1), axis=1)
    low, high = heights[:, 0], heights[:, 1]
    gap = np.maximum(first[:, 0], second[:, 0]) - np.minimum(first[:, 2], second[:, 2])
    overlap = np.minimum(first[:, 3], second[:, 3]) - np.maximum(first[:, 1], second[:, 1])
    neighbours = (high <= ROW_HEIGHTS * low) & (gap <= ROW_GAP * low) & (overlap >= 0.5 * low)
    return pieces_of_ink.linked(len(pieces), pairs[neighbours].tolist())


def in_print_rows(pieces):
    """Whether each piece stands in a row (`rows`) of more than PRINT_ROW pieces: a line of print."""
    row = rows(pieces)
    return np.bincount(row, minlength=len(pieces))[row] > PRINT_ROW


def print_share(pieces):
    """The share of the pieces' ink that stands in lines of print (`in_print_rows`). Where it is
    most, the writing that a photo's digit height is measured on is print, and the photo holds
    no handwriting to read at that height (a page of print, letters and printed digits alike)."""
    if not pieces:
        return 0.0
    ink = np.array([piece.ink for piece in pieces], float)
    return float(ink[in_print_rows(pieces)].sum() / ink.sum())


def like_handwriting(pieces, height, stroke):
    """Whether pieces are, in the median, about as tall as the handwriting and drawn with its pen
    (HANDWRITING_ROW): print beside handwriting is smaller or finer, and a row of them is a line
    of touching digits whose cut pieces the judge doubts."""
    return bool(np.median([piece.height for piece in pieces]) >= HANDWRITING_ROW * height
                and np.median([piece.stroke for piece in pieces]) >= HANDWRITING_ROW * stroke)


def digits_only(pieces, kinds, height, stroke):
    """The pieces that may be digits. `kinds`: the judge of pieces' probabilities of models.CLASSES for
    each piece; `height`, `stroke`: the photo's digit height and pen width.
    No digit is "not a digit" or "part of a digit": a stroke still a part once the digit finder
    has chosen its cuts and joins fits no digit. A piece goes when the judge is SURE it is no
    digit; when two of three signs say so (the judge finds it LIKELY no digit, or SMALL_DOUBT
    when it is small; it is SMALL beside the handwriting; it is THIN beside the pen); and when
    it stands in a row of print: a row of which at least half the pieces, two at least, are
    LIKELY no digits, and which is not `like_handwriting`. Strokes are measured only where they
    can decide."""
    if not pieces:
        return pieces
    kinds = np.asarray(kinds)
    not_digit = kinds[:, models.CLASSES.index("not a digit")] + kinds[:, models.CLASSES.index("part of a digit")]
    likely = not_digit >= LIKELY
    small = np.array([piece.height <= SMALL * height for piece in pieces])
    doubted = np.where(small, kinds[:, models.CLASSES.index("not a digit")] >= SMALL_DOUBT, likely)
    thin = np.array([(doubt or short) and piece.stroke < THIN * stroke
                     for piece, doubt, short in zip(pieces, doubted, small)], bool)
    row = rows(pieces)
    in_row = np.bincount(row, minlength=len(pieces))
    likely_in_row = np.bincount(row, weights=likely, minlength=len(pieces))
    print_row = (likely_in_row >= 2) & (likely_in_row >= ROW_SHARE * in_row)
    members = {}
    for piece, label in zip(pieces, row):
        if print_row[label]:
            members.setdefault(label, []).append(piece)
    for label, found in members.items():
        print_row[label] = not like_handwriting(found, height, stroke)
    print_row = print_row[row]
    signs = doubted.astype(int) + small + thin
    goes = (not_digit >= SURE) | (signs >= 2) | print_row
    return [piece for piece, gone in zip(pieces, goes) if not gone]


def without_stroke_lines(lines, stroke):
    """The lines (`layout.reading_order`) less those made only of strokes narrower than the pen
    (`stroke`): no digit is narrower than the pen it is written with, and the judge takes such
    strokes for 1s, but they are what the paper-line step leaves of a line down that digits
    cut, or of a ruler's or frame's ends."""
    return [line for line in lines if any(piece.width >= stroke for piece in line)]
