"""Long thin lines that are no part of a digit: the lines of ruled and squared paper (any
colour, faint, slightly bowed or tilted), taken out of the ink map, and an underline drawn
under a line of digits, taken out of the blob it joins. Where a digit's stroke crosses a line
its ink runs long across it and stays, so the digit stays whole."""

import cv2
import numpy as np

from . import imaging, pieces_of_ink

LINE_RUN = 1.5  # A paper line is at most this times the ink's median run across it thick (plus a pixel),
LINE_STROKES = 30  # ... at least this many times as long as that,
LINE_SPAN = 0.15  # ... and this fraction of the photo's longer side: far longer than a digit is wide;
LINE_COVER = 0.6  # ... and this fraction of the columns along it hold it (digits cover the others).
LINE_LEAN = 0.1  # Paper lines lean up to this much (a tilted photo), lines down alike,
LINE_SLOPES = np.linspace(-LINE_LEAN, LINE_LEAN, 41)  # ... found at these slopes,
DASH_GAP = 0.1  # Paper lines broken into dashes (faint, chalky, squared) are followed across gaps this fraction of a line's length,
DASHED_COVER = 0.5  # ... where their dashes lie along this share of the image's width (digits' edges in a row: 0.11-0.35).
LINE_BOW = 1.5  # ... and bow so that they nowhere lean more than this times that (a curve steeper is strokes of digits).


def strongest_line(piece, thickness):
    """The line in `piece` (a boolean mask of thin ink running across) that most pixels lie on,
    as (curve, half its thickness), or None: the slopes of LINE_SLOPES vote for it, then a
    gentle curve (paper bows a little) is fitted to the pixels near it. A curve that leans
    more than LINE_BOW times LINE_LEAN at either end is no line but strokes of digits that run
    on into each other (a leaning 0's top and the bar of the 5 it touches)."""
    rows, cols = np.nonzero(piece)
    if len(rows) < 8:
        return None
    offsets = rows[None, ::4] - LINE_SLOPES[:, None] * cols[None, ::4]  # every fourth pixel is enough to vote
    lows = offsets.min(axis=1)
    bins = ((offsets - lows[:, None]) / thickness).astype(int)
    width = int(bins.max()) + 2  # each slope's bins, and one empty
    votes = np.bincount((bins + width * np.arange(len(LINE_SLOPES))[:, None]).ravel(),
                        minlength=width * len(LINE_SLOPES)).reshape(len(LINE_SLOPES), width)
    votes[:, :-1] += votes[:, 1:]  # a line on the border of two bins counts whole
    best = int(np.argmax(votes.max(axis=1)))  # the first slope of the most votes
    slope, offset = LINE_SLOPES[best], lows[best] + (votes[best].argmax() + 1) * thickness
    near = np.abs(rows - slope * cols - offset) <= thickness
    for _ in range(2):
        if near.sum() < 8 or np.count_nonzero(np.bincount(cols[near])) < 3:  # no line, and no curve to fit through so few columns
            return None
        curve = np.polyfit(cols[near], rows[near], 2)
        near = np.abs(rows - np.polyval(curve, cols)) <= thickness
    if not near.any():
        return None
    ends = cols[near].min(), cols[near].max()
    if np.abs(np.polyval(np.polyder(curve), ends)).max() > LINE_BOW * LINE_LEAN:
        return None
    counts = np.bincount(cols[near])
    own = np.median(counts[counts > 0])
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


def running_alone(mask, line, reach):
    """The share of the columns of `line` (a boolean mask of one line's pixels in `mask`, uint8)
    where no other ink of `mask` lies within `reach` rows of it: beyond the digits' ends and
    between them for an underline, nowhere for the bottoms of 0s written into one another."""
    cols = np.flatnonzero(line.any(axis=0))
    edge = cv2.dilate(line.astype(np.uint8), cv2.getStructuringElement(cv2.MORPH_RECT, (1, 3))) > 0
    other = (mask[:, cols] > 0) & ~edge[:, cols]
    rows = np.arange(mask.shape[0])[:, None]
    middle = (line[:, cols] * rows).sum(axis=0) / line[:, cols].sum(axis=0)
    return np.count_nonzero(~(other & (np.abs(rows - middle) <= reach)).any(axis=0)) / len(cols)


def tall_ink(mask, thickness):
    """The ink of `mask` (uint8) in runs down its columns longer than a line `thickness` thick:
    an opening by a column of thickness + 1 pixels, as OpenCV anchors it (a pixel low where that
    is even; the constants were measured so, see docs/decisions.md)."""
    return cv2.morphologyEx(mask, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (1, thickness + 1)))


def horizontal_lines(mask, thickness, length, alone=0.0, reach=0, dashed=False):
    """The pixels of `mask` (uint8) on lines running across it, at most `thickness` thick and at
    least `length` long. Only ink in short runs down the image can be a line, so where a stroke
    crosses a line its ink is in a long run and stays; those gaps are bridged to follow the line,
    and a line once found is followed across the whole image: a digit lying along it cuts it
    longer, and the digits of line after line cut a line down into parts shorter than a line.
    With `alone`, a line must also be `running_alone` (no other ink within `reach` rows) along
    that share of its columns. With `dashed`, lines that faint or chalky ink breaks into dashes
    are sought as well among what is left: gaps up to DASH_GAP of a line's length bridged, and
    their dashes lying along DASHED_COVER of the image's width, where the flat tops and bottoms
    of a row of digits, bridged so, lie along the row only."""
    thin = mask - tall_ink(mask, thickness)
    lines = bridged_lines(thin, mask, thickness, length, 2 * thickness, alone, reach)
    if dashed:
        rest = thin * ~lines
        lines |= bridged_lines(rest, mask, thickness, length, int(DASH_GAP * length), alone, reach, DASHED_COVER)
    return lines


def bridged_lines(thin, mask, thickness, length, gap, alone=0.0, reach=0, cover=0.0):
    """The lines of `horizontal_lines` among the thin ink `thin` (uint8), its gaps up to `gap`
    long bridged; with `cover`, only those whose thin ink, followed across the whole image,
    lies in that share of its columns."""
    bridged = cv2.morphologyEx(thin, cv2.MORPH_CLOSE, cv2.getStructuringElement(cv2.MORPH_RECT, (gap, 1)))
    _, labels, stats, _ = cv2.connectedComponentsWithStats(bridged, connectivity=8)
    lines = np.zeros(thin.shape, bool)
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
            whole = along(curve, half, thin, 0, thin.shape[1], (x, y))
            if cover and np.count_nonzero(whole.any(axis=0)) < cover * thin.shape[1]:
                continue
            if not alone or running_alone(mask, whole, reach) >= alone:
                lines |= whole
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


def crossings(mask, lines, thickness):
    """The pixels of `lines` (running across `mask`, uint8) that a stroke crossing them passes
    through: ink off the line within `thickness` above them and below them, in their own
    column or the next either side, as the pieces' 8-connected pixels follow a slanted stroke.
    Where a stroke thinner than the line crossed it (most of its pixels there in short runs
    down, as the line's are), its ink within the line is kept, and the stroke stays whole."""
    rest = ((mask > 0) & ~lines).astype(np.uint8)
    above = np.zeros((2 * thickness + 1, 3), np.uint8)
    above[:thickness + 1] = 1  # the pixel's row and those above it, its column and the next two
    return lines & (cv2.dilate(rest, above) > 0) & (cv2.dilate(rest, above[::-1].copy()) > 0)


def pen_along(ink, lines, mask):
    """The pixels of `lines` (boolean, in `mask`, uint8) where a pen darker than the ruling runs
    along them: the ink map `ink` there over halfway from the ruling's strength (the 90th
    percentile of the lines' pixels) to the pen's (the 90th percentile of the rest), where the
    pen stands further above the ruling than the ruling's darkest tenth above its median (else
    halfway lies within the ruling's own shades, and its darker dashes would stay)."""
    rest = (mask > 0) & ~lines
    if not lines.any() or not rest.any():
        return np.zeros_like(lines)
    on_lines = ink[lines]
    median, ruling = imaging.quantile(on_lines, 0.5), imaging.quantile(on_lines, 0.9)
    pen = imaging.quantile(ink[rest], 0.9)
    if pen - ruling <= ruling - median:
        return np.zeros_like(lines)
    return lines & (ink > (ruling + pen) / 2)


def without_paper_lines(ink, noise_floor):
    """The ink map with the lines of ruled or squared paper (and any long thin stroke: a frame,
    a ruler's edge, an underline) set to paper. Lines across go first, then lines down, so
    where two cross nothing is left. The lines raise the noise level that finds them, so their
    faint edges, a few pixels either side, go too; the ink that crosses them stays. Once a
    whole line shows the page is ruled, lines broken into dashes go too (`horizontal_lines`).
    `noise_floor`: the ink map's level of noise above the paper (`paper_and_ink.noise_floor`)."""
    mask = (ink > noise_floor).astype(np.uint8)
    if not has_paper_lines(mask):
        return ink
    found = np.zeros(ink.shape, np.uint8)
    for down in (False, True):
        oriented = np.ascontiguousarray(mask.T) if down else mask
        thickness, length = line_search(oriented)
        lines = horizontal_lines(oriented, thickness, length, dashed=True)
        lines &= ~crossings(oriented, lines, thickness)
        lines &= ~pen_along(ink.T if down else ink, lines, oriented)
        edges = cv2.dilate(lines.astype(np.uint8), cv2.getStructuringElement(cv2.MORPH_RECT, (1, thickness + 2)))
        mask[lines.T if down else lines] = 0
        found |= edges.T if down else edges
    return np.where((found > 0) & (mask == 0), np.float32(0), ink)


UNDERLINE_LENGTH = 1.5  # A thin line across, this many digit heights long, is longer than any digit is wide,
UNDERLINE_ALONE = 0.25  # ... and runs with no other ink within a digit's height along this share of it (underlines made 0.43-0.71, a form's lines 0.6-1; the bottoms of 0s written into one another 0.03-0.16).
FRAME_LINES = 0.25  # A piece running off the photo is a frame, or ruling, where its long lines are at least this share of its ink (0.5: the ruled photos' pieces kept whole).


def without_underlines(blobs, height):
    """The blobs with any thin straight line across them at least UNDERLINE_LENGTH digit heights
    long taken out, each blob that held one split into its connected pieces; a line alone is
    left as it is, flat enough to go as a speck with the dashes and dots. A line is thin
    where the blob's ink runs are short down its columns (`horizontal_lines`, as
    for paper lines): where a digit's stroke crosses it, the stroke stays whole. It runs
    alone (UNDERLINE_ALONE) beyond the digits and between them: the bottoms of 0s written
    into one another ("1000") run on in a line as long, but always under their tops."""
    length = int(UNDERLINE_LENGTH * height)
    kept = []
    for blob in blobs:
        if blob.width < length or blob.height < pieces_of_ink.SPECK_FRACTION * height:  # a line alone goes as a speck
            kept.append(blob)
            continue
        rest, found = without_lines_across(blob.mask.astype(np.uint8), length, UNDERLINE_ALONE, height)
        if found:
            kept += connected_pieces(blob, rest)
        else:
            kept.append(blob)
    return kept


def without_lines_across(mask, length, alone=0.0, reach=0):
    """`mask` (uint8) less its thin lines across at least `length` long (`horizontal_lines`,
    `alone` and `reach` as it takes them; as thin as the mask's own ink runs, `median_run`),
    each with its edge, a pixel either side, but not the strokes that cross them; and whether
    it held any."""
    thickness = int(LINE_RUN * median_run(mask)) + 1
    line = horizontal_lines(mask, thickness, length, alone, reach).astype(np.uint8)
    if not line.any():
        return mask, False
    tall = tall_ink(mask, thickness)
    return mask & (1 - (cv2.dilate(line, cv2.getStructuringElement(cv2.MORPH_RECT, (1, 3))) & (1 - tall))), True


def without_long_lines(blob, length):
    """The connected pieces of a blob left once its straight lines across and down, at least
    `length` long, are taken out (`without_lines_across`): what touched a frame's side (the
    tops of a line of digits written up to it) comes apart from it, and strokes that cross a
    side stay whole. None where those lines are under FRAME_LINES of its ink (gravel, its edge
    against the sheet)."""
    across, _ = without_lines_across(blob.mask.astype(np.uint8), length)
    down, _ = without_lines_across(np.ascontiguousarray(across.T), length)
    mask = np.ascontiguousarray(down.T)
    return connected_pieces(blob, mask) if np.count_nonzero(mask) <= (1 - FRAME_LINES) * blob.ink else None


def connected_pieces(blob, mask):
    """The connected pieces of `mask` (uint8, in `blob`'s box) as blobs."""
    count, labels, stats, _ = cv2.connectedComponentsWithStats(mask, connectivity=8)
    return [pieces_of_ink.Blob(blob.x + int(x), blob.y + int(y), int(width), int(height),
                              labels[y:y + height, x:x + width] == label)
            for label, (x, y, width, height, _) in enumerate(stats[1:], 1)]
