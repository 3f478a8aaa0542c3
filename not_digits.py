"""Not digits: what lies beside the handwriting, ink like it, but is no digit (issue 9).

The CNN knows ten classes and is sure of printed letters, a ruler's ticks and numbers, the
corner of a frame. The digit finder (`digit_finder.find_digits`) calls these steps:

1. `without_underlines` (before pieces are joined): a line drawn under a line of digits that
   touches their tails joins them into one wide blob. A thin straight stroke running across far
   longer than a digit is wide is no part of a digit: it is taken out and the digits come apart.
2. `digits_only` (once a reading is chosen): the judge of pieces (`judge.h5`, made by
   `trainJudge.py` from MNIST digits and made-up non-digits) says how likely each piece is not a
   digit. Geometry then settles what the judge cannot: letters that are digits in another hand
   (o, l, S) stand in a row of print, pieces of about one height close together
   (`rows`), and a row most of whose pieces are no digits goes whole. A piece alone goes only
   when the judge is sure.
Both stay near-linear in the number of pieces: rows are found among near pairs on a grid
(`digit_finder.near_pairs`), and the judge reads all pieces in one batch.
"""

import cv2
import numpy as np

import digit_finder

CLASSES = ("digit", "not a digit")  # what the judge of pieces tells apart (issue 11 adds parts and pairs)
UNDERLINE_LENGTH = 1.5  # A thin line across, this many digit heights long, is longer than any digit is wide.
SURE = 0.9  # A piece alone is no digit when the judge is at least this sure of it,
LIKELY = 0.5  # ... and a piece in a row of print when the judge finds this likely,
ROW_GAP = 1.5  # ... the row's pieces being at most this many of their heights apart (letters, a ruler's numbers),
ROW_HEIGHTS = 1.5  # ... and the taller of two neighbours at most this times the other (capitals, small letters).


def without_underlines(blobs, height):
    """The blobs with any thin straight line across them at least UNDERLINE_LENGTH digit heights
    long taken out, each blob that held one split into its connected pieces. A line is thin
    where the blob's ink runs are short down its columns (`digit_finder.horizontal_lines`, as
    for paper lines): where a digit's stroke crosses it, the stroke stays whole."""
    length = int(UNDERLINE_LENGTH * height)
    kept = []
    for blob in blobs:
        if blob.width < length:
            kept.append(blob)
            continue
        mask = blob.mask.astype(np.uint8)
        thickness = int(digit_finder.LINE_RUN * digit_finder.median_run(mask)) + 1
        line = digit_finder.horizontal_lines(mask, thickness, length)
        kept += connected_pieces(blob, mask & ~line) if line.any() else [blob]
    return kept


def connected_pieces(blob, mask):
    """The connected pieces of `mask` (uint8, in `blob`'s box) as blobs."""
    count, labels, stats, _ = cv2.connectedComponentsWithStats(mask, connectivity=8)
    return [digit_finder.Blob(blob.x + int(x), blob.y + int(y), int(width), int(height),
                              labels[y:y + height, x:x + width] == label)
            for label, (x, y, width, height, _) in enumerate(stats[1:], 1)]


def rows(pieces):
    """Each piece's row: the number of the group of pieces side by side that it belongs to,
    neighbours being close (ROW_GAP) and of about one height (ROW_HEIGHTS), overlapping
    up and down by half the shorter's height."""
    if not pieces:
        return np.zeros(0, int)
    tallest = max(piece.height for piece in pieces)
    pairs = digit_finder.near_pairs(pieces, ROW_GAP * tallest, 0, tallest)
    parent = np.arange(len(pieces))

    def root(index):
        while parent[index] != index:
            parent[index] = parent[parent[index]]
            index = parent[index]
        return index

    for i, j in pairs.tolist():
        first, second = pieces[i], pieces[j]
        low, high = sorted((first.height, second.height))
        gap = max(first.x, second.x) - min(first.x + first.width, second.x + second.width)
        overlap = min(first.y + first.height, second.y + second.height) - max(first.y, second.y)
        if high <= ROW_HEIGHTS * low and gap <= ROW_GAP * low and overlap >= 0.5 * low:
            parent[root(i)] = root(j)
    return np.array([root(index) for index in range(len(pieces))])


def digits_only(pieces, images, judge):
    """The pieces that may be digits. `images`: their 28x28 regions; `judge`: from regions to
    the probabilities of CLASSES. A piece goes when the judge is SURE it is no digit, or when it
    stands in a row more than half of whose pieces are LIKELY no digits, two at least."""
    if not pieces:
        return pieces
    not_digit = np.asarray(judge(np.stack(images)))[:, CLASSES.index("not a digit")]
    row = rows(pieces)
    likely = not_digit >= LIKELY
    in_row = np.bincount(row, minlength=len(pieces))
    likely_in_row = np.bincount(row, weights=likely, minlength=len(pieces))
    print_row = (likely_in_row >= 2) & (likely_in_row > in_row / 2)
    return [piece for piece, sure, printed in zip(pieces, not_digit >= SURE, print_row[row]) if not (sure or printed)]
