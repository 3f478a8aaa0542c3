"""Find the page in a photo: the sheet on the table, its quarter turn and tilt.

A phone photo shows a sheet as the phone saw it: lying on a table, seen at an angle, turned or
tilted. The digit finder reads an upright, flat sheet; this module makes one, and maps what is
found on it back to the photo. The page is found from its own ink (`paper_and_ink`). The steps:

1. `find_sheet`: the sheet's outline, four corners in the photo's pixels: the largest smooth
   region (`smooth_regions`, kept out of what is `busy` with ink, but for writing on paper)
   whose sides are sharp edges (a shadow's edge is soft), busy ground, or the frame, each side
   then moved on to the edge in the full photo (`on_the_edges`); with none, a sheet darker
   than what it lies on (`darker_outline`); None when no such outline is in view.
2. `flattening`: the homography from the photo to the flat sheet, or the identity; beyond a
   side whose edge was not seen, the page reaches a margin further, and keeps there only the
   writing that the side cut (`paper_and_ink.ink_pieces`' `inside`).
3. `layout_tilt`: the tilt of the lines of digits, from how sharply the ink of pieces of a
   digit's size and larger gathers into rows, when no sheet's edges gave it;
   `rotation` removes it.
4. `quarter_turn`: 0, 90, 180 or 270 degrees: lines of digits run along the page's rows, and
   the CNN is surer of digits upright than sideways or upside down; a close runner-up is kept
   as the rival turn.
5. `find_page`: all of it, as a `Page`; `turned` turns a page exactly.
6. `surer_reading`: where the turn was in doubt, the whole page read both ways, and the way the
   CNN is surer of over all its digits kept.
7. `read_page`: all of it, read; a sheet found that holds no digits read again as no sheet."""

from dataclasses import dataclass, replace

import cv2
import numpy as np

from . import imaging, mnist_digits, models, paper_and_ink, pieces_of_ink, typeset

SHEET_SIDE = 400  # The sheet's outline is looked for with the photo's longer side at this (pixels).
SEEDS = 5  # The sheet is looked for from a grid of this many seeds a side,
SMALLEST_SHEET = 0.1  # ... and covers at least this fraction of the photo,
BUSY_WINDOW = 1 / 25  # ... leaving out what is busy with ink: within windows this fraction of the photo,
BUSY_INK = 0.05  # ... more ink closed over than this fraction of the paper's brightness,
LEAK_WIDTH = 1 / 15  # ... less what joins it through a neck narrower than this fraction of the photo,
SHEET_CONTRAST = 0.12  # ... and is brighter than what it lies on by this fraction of its brightness,
SHARP_EDGE = 0.5  # ... with edges where at least this share of the step is made within 3 px.
RIM = 1 / 20  # A sheet darker than what it lies on is looked for where this outer fraction of the photo is brighter than its middle,
DARKER_STEPS = 3  # ... and is one where this many of its sides step down into it.
STEP, BUSY_BEYOND = "a step in brightness", "busy beyond"  # why a side is the sheet's edge (`sharp_edge`)
HIDDEN_BY_WRITING = 1.1  # A sheet grown through writing on paper-bright ground is taken when this many times as large: writing hid part of it.
JOIN_TRIES = 5  # A sheet cut short by writing is joined with the largest this many pieces of plain ground beside it, one at a time,
JOIN_FIT = 0.1  # ... where the outline of the two covers their hull within this fraction of its area,
JOIN_FITS = 3  # ... their hull simplified up to this many times, each twice as coarsely.
SHARP_SCALE = 1.5  # Fine detail, which the sheet's edge has and shading has not, is finer than this (px).
STRAIGHT_EDGE = 0.08  # An outline's side is at least this fraction of its perimeter,
OUTLINE_PRECISION = 0.005  # ... found as straight where the outline strays from it by at most this fraction.
EDGE_POINTS = 40  # A side is judged, and then moved on to the edge in the full photo, at this many points along it,
EDGE_REACH = 8  # ... looking this many working pixels either way of it;
UNSEEN_EDGE = 0.5  # a side whose edge is not seen may run this fraction of that reach inside the sheet, and the page reaches so far beyond it.
TILT_POINTS = 20000  # The tilt is measured on at most this many of the ink's pixels,
COARSE_SHARE = 4  # ... to the degree on every this many of them, then to a tenth of a degree on all,
TILT_GAIN = 1.05  # ... and is none unless its rows gather the ink this many times as sharply as upright ones.
TILT_DRIFT = 0.5  # Tilt is removed when it moves the ends of the lines by this fraction of a digit's height,
TILT_ALWAYS = 5  # ... or is at least this many degrees.
TURN_PIECES = 12  # The quarter turn is judged from at most this many of the largest pieces of ink,
NARROWEST = 0.3  # ... each at least this many times as wide as tall (narrower: a 1, or a streak),
LINES_ALONG = 0.65  # ... among the turns that lay lines along rows, when this share of neighbours says so,
FEWEST_PIECES = 3  # ... with fewer pieces than this, or whole digits beside print, the page is taken as upright;
TURN_DOUBT = 3  # a runner-up within this many nines (one piece 0.999 sure) is read whole too;
UPRIGHT_PRIOR = 1  # upright counts this many nines more (one more digit 0.9 sure): most photos are;
MARGIN_WEIGHT = 1  # lines starting at a common left margin, ragged at their ends, count up to this many.
QUARTER_TURNS = {90: cv2.ROTATE_90_CLOCKWISE, 180: cv2.ROTATE_180, 270: cv2.ROTATE_90_COUNTERCLOCKWISE}  # the pixels turned clockwise by so many degrees: a copy in one pass (np.rot90 and a copy: 2-6 times as long)
UPSIDE_DOWN = np.array([0, 1, -1, -1, -1, -1, 9, -1, 8, 6])  # each digit turned half round, where it is one (-1: none)
LIST_GAP = 0.5  # Pieces one above the other closer than this many digit sizes are a line turned a quarter, not a list.


@dataclass
class Sheet:
    """A sheet found in a photo (`find_sheet`)."""
    corners: list  # [x, y] four times, in the photo's pixels: top-left first, clockwise as displayed
    on_edges: tuple  # the top, right, bottom and left sides: whether each was moved on to an edge seen in the photo


@dataclass
class Page:
    """What was found about the page of a photo, and how to get from one to the other."""
    image: np.ndarray  # the upright, flat page: the photo as displayed, transformed
    transform: np.ndarray  # 3x3 homography from displayed-photo pixels to page pixels
    turn: int  # 0, 90, 180 or 270: degrees counter-clockwise the page is turned in the photo
    tilt: float  # degrees counter-clockwise its lines rise, beyond the turn (-45 to 45)
    sheet: list  # the sheet's corners [[x, y], ...] in the photo's pixels, or None
    photo_shape: tuple  # (height, width) of the photo as displayed
    ink: paper_and_ink.Ink  # the page image's pieces of ink for the digit finder, or None (find them again)
    rival_turn: int = None  # the turn that came close (TURN_DOUBT), to be read too; None when none did
    turn_confidence: float = 1.0  # how sure the turn is (`turn_confidence`): 0.5 a toss-up, 0.99 sure
    inside: tuple = None  # where the sheet lies on the page (left, top, right, bottom) where the page reaches beyond it, else None

    def to_photo(self, box):
        """The four corners of a page box (x, y, width, height), in the displayed photo's pixels."""
        x, y, width, height = box
        corners = np.float32([[[x, y]], [[x + width, y]], [[x + width, y + height]], [[x, y + height]]])
        return cv2.perspectiveTransform(corners, np.linalg.inv(self.transform))[:, 0]

    def as_json(self):
        return {"turn": self.turn, "turn_confidence": round(self.turn_confidence, 3), "tilt": round(self.tilt, 1),
                "sheet": self.sheet}


def without_ink(grey):
    """The image with pen strokes closed over: what they are written on, paper or table."""
    window = max(3, int(max(grey.shape) / 60)) | 1
    kernel = cv2.getStructuringElement(cv2.MORPH_RECT, (window, window))
    return cv2.medianBlur(cv2.morphologyEx(grey, cv2.MORPH_CLOSE, kernel), 5)


def outline_sides(polygon, shape):
    """The long sides of a convex polygon in order, each as (start, end, on the frame's edge)."""
    rows, cols = shape
    perimeter = cv2.arcLength(polygon, True)
    points = polygon[:, 0].astype(np.float64)
    sides = []
    for start, end in zip(points, np.roll(points, -1, axis=0)):
        if np.hypot(*(end - start)) < STRAIGHT_EDGE * perimeter:
            continue
        on_frame = any(abs(start[axis] - at) <= 2 and abs(end[axis] - at) <= 2
                       for axis, at in ((0, 0), (0, cols - 1), (1, 0), (1, rows - 1)))
        sides.append((start, end, on_frame))
    return sides


def crossing(first, second):
    """Where the lines through two sides meet, or None when they are near parallel."""
    (a, b, _), (c, d, _) = first, second
    direction, other = b - a, d - c
    denominator = direction[0] * other[1] - direction[1] * other[0]
    if abs(denominator) < 1e-6 * np.hypot(*direction) * np.hypot(*other):
        return None
    t = ((c - a)[0] * other[1] - (c - a)[1] * other[0]) / denominator
    return a + t * direction


def across_side(start, end, inside, count):
    """`count` points along a side (`start` to `end`, from a tenth of its length in to a tenth
    short of its end), the unit normal across it, pointing into the sheet (towards `inside`),
    and where the points lie along the side (fractions of its length)."""
    along = np.linspace(0.1, 0.9, count)
    points = start + along[:, None] * (end - start)
    normal = np.array([-(end - start)[1], (end - start)[0]], np.float64) / max(np.hypot(*(end - start)), 1e-6)
    if np.dot(inside - (start + end) / 2, normal) < 0:
        normal = -normal
    return points, normal, along


def sharp_edge(grey, busy_with_ink, start, end, inside):
    """Whether a side is the sheet's edge, and why: STEP when across it the brightness steps up
    into the sheet by SHEET_CONTRAST of the sheet's brightness, most of the step made within
    3 px somewhere near it (a shadow's edge is soft), unless twice as far out as the busy
    windows that straddle it reach lies plain ground as bright as the sheet (a frame drawn on
    the sheet, the sheet again beyond it); BUSY_BEYOND when beyond it lies a busy surface
    (print, gravel) and within it plain paper; else False, and None where what lies beyond it
    is out of the photo."""
    grey = grey.astype(np.float32)
    points, normal, _ = across_side(start, end, inside, EDGE_POINTS)
    rows, cols = grey.shape
    reach = max(grey.shape) * BUSY_WINDOW / 2 + 2  # beyond the busy windows that straddle the side
    beyond = points - reach * normal
    points = points[(beyond[:, 0] >= 0) & (beyond[:, 0] <= cols - 1) & (beyond[:, 1] >= 0) & (beyond[:, 1] <= rows - 1)]
    if len(points) < 10:  # what lies beyond is out of the photo: a side along the frame's edge
        return None
    offsets = np.arange(-8, 8.5, 0.5)
    where = (points[None] + offsets[:, None, None] * normal).astype(np.float32)  # offsets x points x 2
    across = cv2.remap(grey, where[..., 0], where[..., 1], cv2.INTER_LINEAR, borderMode=cv2.BORDER_REPLICATE)
    profile = np.median(across, axis=1)  # the brightness across the side, from outside in
    beside = (points[None] + np.float32([-reach, reach])[:, None, None] * normal).astype(np.float32)
    texture = cv2.remap(busy_with_ink.astype(np.float32), beside[..., 0], beside[..., 1], cv2.INTER_NEAREST,
                        borderMode=cv2.BORDER_REPLICATE).mean(axis=1)
    if texture[0] >= 0.6 and texture[1] <= 0.2:
        return BUSY_BEYOND
    step = profile[-1] - profile[0]
    steepest = np.max(profile[6:] - profile[:-6])  # the largest step over 3 px
    far = (points - 2 * reach * normal).astype(np.float32)
    far_grey, far_busy = (cv2.remap(image, far[:, 0], far[:, 1], cv2.INTER_NEAREST, borderMode=cv2.BORDER_REPLICATE)
                          for image in (grey, busy_with_ink.astype(np.float32)))
    drawn = profile[-1] - np.median(far_grey) <= SHEET_CONTRAST * profile[-1] and far_busy.mean() <= 0.2
    return STEP if step > SHEET_CONTRAST * profile[-1] and steepest >= SHARP_EDGE * step and not drawn else False


def smooth_regions(ground, busy_with_ink):
    """Regions of the ink-free image without sharp edges, largest first, as masks: grown from
    seeds on a grid over the brighter half, each step to a neighbour whose fine detail (the
    image less its blur over SHARP_SCALE px) differs by at most a few times the image's own
    pixel-to-pixel change, never into what is busy with ink. Light falling off across a sheet,
    and a shadow's soft edge, have no fine detail and are crossed; the sheet's sharp edge is not."""
    bright = paper_level(ground, busy_with_ink)
    ground = ground.astype(np.float32)
    detail = ground - cv2.GaussianBlur(ground, (0, 0), SHARP_SCALE)
    tolerance = max(1.0, 3 * float(imaging.quantile(np.abs(np.diff(detail, axis=1)), 0.5)))
    reach_edge = cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (2 * round(SHARP_SCALE) + 1,) * 2)
    rows, cols = ground.shape
    filled = np.zeros((rows + 2, cols + 2), np.uint8)
    regions = []
    for y in np.linspace(0.1, 0.9, SEEDS) * rows:
        for x in np.linspace(0.1, 0.9, SEEDS) * cols:
            seed = (int(x), int(y))
            if filled[seed[1] + 1, seed[0] + 1] or busy_with_ink[seed[1], seed[0]] or ground[seed[1], seed[0]] < bright:
                continue
            mask = np.pad(busy_with_ink, 1).astype(np.uint8)  # the flood stays out of what is set
            cv2.floodFill(detail, mask, seed, 0, tolerance, tolerance, 4 | cv2.FLOODFILL_MASK_ONLY | (2 << 8))
            region = (mask == 2).astype(np.uint8)
            filled |= region
            region = cv2.dilate(region, reach_edge)  # the fine detail of an edge starts short of it
            regions.append(region[1:-1, 1:-1])
    return sorted(regions, key=lambda region: -int(np.count_nonzero(region)))


def busy(grey, ground):
    """Where ink covers much of the surface (print, gravel, wood grain, or the digits): the mean
    ink closed over, in windows of BUSY_WINDOW of the photo, above BUSY_INK of the paper's
    brightness. A sheet is not grown into it, so a page of print is no sheet; the digits' busy
    patches are holes the sheet's convex outline fills."""
    window = max(3, int(max(grey.shape) * BUSY_WINDOW))
    closed_over = cv2.blur((ground.astype(np.float32) - grey), (window, window))
    return closed_over > BUSY_INK * imaging.quantile(ground, 0.5)


def find_sheet(image):
    """The sheet (`Sheet`: its four corners in the image's pixels, and which of its sides lie on
    an edge seen in the photo), or None when no outline of a sheet is in view.

    The sheet is the largest smooth region (`smooth_regions`) that is outlined by sharp edges:
    its convex outline (a hand over an edge is bridged) has long sides that are the frame's edge
    or sharp steps down to what the sheet lies on; its four longest sides, the frame's edge
    standing in for a side out of view, meet at the corners (a corner cut off by the frame lies
    outside the photo), and at least two of them are not the frame's (one edge in view, bent in
    two pieces by a column of writing along it, is no sheet). Writing that runs from edge to edge (a column of
    numbers down a narrow sheet, thick ruling) cuts the smooth paper into strips, so the
    regions are grown again through what is busy with ink on ground as bright as the paper
    (`writing_on_paper`) where such writing lies just outside the outline found (or, with none
    found, beside a region tried: outside it, or in its holes, where ruling makes a whole sheet
    busy and the region is the table around it), and that outline is taken where it is HIDDEN_BY_WRITING
    times as large. Where the writing runs on to the sheet's edges and ground as bright as
    paper lies beyond them (gravel), the growing leaks off the sheet; the outline found is
    then joined with the plain paper beyond the writing (`joined_across_writing`). With no
    such outline, a sheet darker than what it lies on is looked for (`darker_outline`). Last,
    its sides are moved on to the sheet's edge as the full photo shows it (`on_the_edges`).
    """
    plain = imaging.to_grey(image)
    grey, factor = imaging.work_copy(plain, SHEET_SIDE)
    if min(grey.shape) < 2 * SEEDS:  # too small to show a sheet on anything
        return None
    ground = without_ink(grey)
    busy_with_ink = busy(grey, ground)
    outline, _ = sheet_outline_in(grey, ground, busy_with_ink)
    darker = outline is None  # no sheet brighter than what it lies on: one darker, turned over
    if darker:
        outline = darker_outline(grey, ground, busy_with_ink)
    if outline is None:
        return None
    corners, on_edges = on_the_edges(np.float32(outline) * factor, 255 - plain if darker else plain, factor)
    return Sheet([[round(float(x), 1), round(float(y), 1)] for x, y in corners], on_edges)


def sheet_outline_in(grey, ground, busy_with_ink):
    """The corners of the sheet `find_sheet` looks for in the working copy `grey` (what it is
    written on, `ground`, and where it is `busy_with_ink`), and how its sides were judged
    (`sharp_edge`; [] where it was joined across writing); (None, []) where there is none."""
    outline, sides, tried = largest_outline(ground, grey, busy_with_ink, busy_with_ink)
    found = outline
    if outline is None:  # writing may have cut short the regions tried, or lie in them (the ground around a ruled sheet) ...
        insides = tried
    elif BUSY_BEYOND in sides:  # ... or the outline found, where a side of it is busy ground
        insides = [cv2.fillConvexPoly(np.zeros_like(grey), np.round(outline).astype(np.int32), 1)]
    else:
        insides = []
    if insides:
        writing = writing_on_paper(ground, busy_with_ink)
        if any(beside(inside, writing) for inside in insides):
            grown, grown_sides, _ = largest_outline(ground, grey, busy_with_ink, busy_with_ink & ~writing)
            if grown is not None and (outline is None or cv2.contourArea(grown) > HIDDEN_BY_WRITING * cv2.contourArea(outline)):
                outline, sides = grown, grown_sides
        if found is not None and outline is found:  # growing leaked off the sheet: the writing may cut the paper in two
            joined = joined_across_writing(tried[-1], grey, ground, busy_with_ink, writing)
            if joined is not None and cv2.contourArea(joined) > HIDDEN_BY_WRITING * cv2.contourArea(outline):
                outline, sides = joined, []
    return outline, sides


def darker_outline(grey, ground, busy_with_ink):
    """The corners of a sheet darker than what it lies on (grey paper, or paper in shade, on a
    white table), in `grey`'s pixels, or None: found as a brighter one is (`sheet_outline_in`),
    on the brightness turned over, where what lies along the photo's rim (RIM of its size) is
    brighter than its middle third by SHEET_CONTRAST (elsewhere, as on most photos, it is not
    looked for). At least DARKER_STEPS of its sides must step down into it: a shadow with a
    sharp edge across a corner of the page, the frame on its two other sides, is no sheet."""
    rows, cols = ground.shape
    rim = max(1, round(RIM * max(rows, cols)))
    middle = ground[rows // 3:2 * rows // 3, cols // 3:2 * cols // 3]
    around = np.concatenate([ground[:rim].ravel(), ground[-rim:].ravel(), ground[:, :rim].ravel(), ground[:, -rim:].ravel()])
    if imaging.quantile(around, 0.5) < (1 + SHEET_CONTRAST) * imaging.quantile(middle, 0.5):
        return None
    outline, sides = sheet_outline_in(255 - grey, 255 - ground, busy_with_ink)
    return outline if sides.count(STEP) >= DARKER_STEPS else None


def on_the_edges(corners, grey, factor):
    """The four corners (in `grey`'s pixels, a photo `factor` times the working copy's size)
    with each side moved on to the sheet's edge as the full photo shows it (`edge_line`), and
    the corners where the sides so moved meet; a side whose edge is not found stays. The outline
    found at the working size rounds the corners, and the sides that join them run inside the
    sheet by up to a few working pixels: the photo's tens, where writing near the edge is cut.
    And for each side (top, right, bottom, left), whether it was moved on to an edge."""
    centre = corners.mean(axis=0)
    sides = [edge_line(grey, corners[index], corners[(index + 1) % 4], centre, factor) for index in range(4)]
    moved = [crossing(sides[index - 1], sides[index]) for index in range(4)]
    unmoved = corners, (False,) * 4
    if any(corner is None for corner in moved):
        return unmoved
    moved = np.float32(moved)
    if not cv2.isContourConvex(moved[:, None]) or np.abs(moved - corners).max() > 2 * EDGE_REACH * factor:
        return unmoved
    return moved, tuple(on_edge for _, _, on_edge in sides)


def edge_line(grey, start, end, inside, factor):
    """A side of the outline (start and end points, `inside` a point within the sheet) moved on
    to the step in brightness where the sheet's edge is: at EDGE_POINTS points along it, the
    offset across it, within EDGE_REACH working pixels, where the mean brightness a working
    pixel inside rises most over that outside, by SHEET_CONTRAST of the inside's at least; a
    straight line fitted to those offsets, once more without those it leaves more than a
    working pixel off: (start, end, True). The side unmoved, as (start, end, False), where fewer
    than half its points find a step (the frame's edge, a hand over the sheet, busy ground beyond)."""
    width, reach = max(2, round(factor)), max(3, round(EDGE_REACH * factor))
    points, normal, along = across_side(start, end, inside, EDGE_POINTS)
    offsets = np.arange(-reach - width, reach + width + 1)
    where = (points[None] + offsets[:, None, None] * normal).astype(np.float32)  # offsets x points x 2
    rows, cols = grey.shape
    in_photo = ((where[..., 0] >= 0) & (where[..., 0] <= cols - 1) & (where[..., 1] >= 0) & (where[..., 1] <= rows - 1)).all(axis=0)
    across = cv2.remap(grey, where[..., 0], where[..., 1], cv2.INTER_LINEAR).astype(np.float32)  # the photo stays 8-bit: a float copy of it costs more
    sums = np.vstack([np.zeros((1, len(along)), np.float32), np.cumsum(across, axis=0)])
    centres = np.arange(width, len(offsets) - width + 1)
    inner = (sums[centres + width] - sums[centres]) / width
    outer = (sums[centres] - sums[centres - width]) / width
    rise = inner - outer
    best = np.argmax(rise, axis=0)
    columns = np.arange(len(along))
    found = in_photo & (rise[best, columns] >= SHEET_CONTRAST * inner[best, columns])
    offset = offsets[centres[best]] - 0.5  # the step lies between the last pixel outside and the first inside
    if np.count_nonzero(found) < EDGE_POINTS / 2:
        return start, end, False
    line = np.polyfit(along[found], offset[found], 1)
    found &= np.abs(offset - np.polyval(line, along)) <= factor
    if np.count_nonzero(found) < EDGE_POINTS / 2:
        return start, end, False
    line = np.polyfit(along[found], offset[found], 1)
    return start + np.polyval(line, 0.0) * normal, end + np.polyval(line, 1.0) * normal, True


def largest_outline(ground, grey, busy_with_ink, kept_out):
    """The corners of the largest smooth region, grown outside `kept_out`, that is a sheet,
    in `grey`'s pixels, and how its sides were judged (`sheet_outline`), or None and [];
    and the regions tried, the sheet's last."""
    tried = []
    for region in smooth_regions(ground, kept_out):
        if np.count_nonzero(region) < SMALLEST_SHEET * grey.size:
            break
        tried.append(region)
        corners, sides = sheet_outline(region, grey, busy_with_ink)
        if corners is not None:
            return corners, sides, tried
    return None, [], tried


def joined_across_writing(sheet, grey, ground, busy_with_ink, writing):
    """The corners of the sheet found as region `sheet` (a uint8 mask) joined with a piece of
    plain ground beside it (not busy with ink, a busy window square at least: the JOIN_TRIES
    largest, one at a time) across writing: where a quarter of the piece at least is as bright
    as the sheet's median within SHEET_CONTRAST, what lies between them is mostly `writing` on
    paper-bright ground (`writing_on_paper`), and together they are a sheet (`sheet_outline`
    of their hull, simplified up to JOIN_FITS times, that covers it within JOIN_FIT). A column
    of writing from edge to edge of the paper parts it in two, the part beyond shaded in
    places or not; a table's grain beside the sheet is no writing on paper, and the table no
    paper. None where nothing joins it so."""
    level = np.median(ground[sheet > 0])
    plain = ~busy_with_ink & (sheet == 0)
    count, labels, stats, _ = cv2.connectedComponentsWithStats(plain.astype(np.uint8), connectivity=4)
    smallest = (max(grey.shape) * BUSY_WINDOW) ** 2
    best, best_area = None, 0.0
    for label in (np.argsort(-stats[1:, cv2.CC_STAT_AREA])[:JOIN_TRIES] + 1):
        if stats[label, cv2.CC_STAT_AREA] < smallest:
            break
        piece = (labels == label).astype(np.uint8)
        if np.percentile(ground[piece > 0], 75) < (1 - SHEET_CONTRAST) * level:
            continue  # no paper: the table
        hull = cv2.convexHull(np.concatenate([cv2.findNonZero(sheet), cv2.findNonZero(piece)]))
        between = (cv2.fillConvexPoly(np.zeros_like(sheet), hull, 1) > 0) & (sheet == 0) & (piece == 0)
        if not between.any() or writing[between].mean() < 0.5:
            continue
        for coarser in range(JOIN_FITS):  # the two parts' edges may meet at a slight bend, two sides in one
            both = cv2.fillConvexPoly(np.zeros_like(sheet), cv2.approxPolyDP(
                hull, OUTLINE_PRECISION * 2 ** coarser * cv2.arcLength(hull, True), True), 1)
            corners, _ = sheet_outline(both, grey, busy_with_ink)
            if corners is not None and abs(cv2.contourArea(corners) - np.count_nonzero(both)) <= JOIN_FIT * np.count_nonzero(both):
                break  # else two sides a few degrees apart along one edge crossed far off: no corner
        else:
            continue
        if cv2.contourArea(corners) > best_area:
            best, best_area = corners, cv2.contourArea(corners)
    return best


def filled(region):
    """A region (uint8 mask) with its holes filled: the digits in a sheet."""
    contours, _ = cv2.findContours(region, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_SIMPLE)
    return cv2.drawContours(np.zeros_like(region), contours, -1, 1, cv2.FILLED)


def beside(inside, mask):
    """Whether `mask` holds pixels just outside `inside` (a uint8 mask), within BUSY_WINDOW of
    the photo of it: writing beside a region has cut it short."""
    reach = max(3, int(max(mask.shape) * BUSY_WINDOW)) | 1
    around = cv2.dilate(inside, cv2.getStructuringElement(cv2.MORPH_RECT, (reach, reach))) > inside
    return bool((around & mask).any())


def paper_level(ground, busy_with_ink):
    """The median brightness of what ink is written on (`without_ink`) where it is not busy
    with ink: the sheet's and the table's lit sides are above it (256 where all is busy)."""
    return imaging.quantile(ground[~busy_with_ink], 0.5) if not busy_with_ink.all() else 256


def writing_on_paper(ground, busy_with_ink):
    """Where what is busy with ink lies on ground within SHEET_CONTRAST of the `paper_level`:
    writing on the sheet, or on a table as bright as paper; on darker ground, the table's
    texture (wood grain)."""
    return busy_with_ink & (ground >= (1 - SHEET_CONTRAST) * paper_level(ground, busy_with_ink))


def sheet_outline(region, grey, busy_with_ink):
    """The four corners of a region that is a sheet (see `find_sheet`), and how each of its sides
    was judged (`sharp_edge`); (None, []) if it is no sheet. Where the region
    leaked through a gap in the sheet's edge into bright spots of the table, an opening cuts the
    leak off. The edges are judged on the photo itself: closing over the ink brightens a busy
    table too."""
    region = filled(region)
    side = max(3, int(max(region.shape) * LEAK_WIDTH)) | 1
    region = cv2.morphologyEx(region, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (side, side)))
    contours, _ = cv2.findContours(region, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_SIMPLE)
    if not contours:
        return None, []
    hull = cv2.convexHull(max(contours, key=cv2.contourArea))
    polygon = cv2.approxPolyDP(hull, OUTLINE_PRECISION * cv2.arcLength(hull, True), True)
    sides = outline_sides(polygon, grey.shape)
    centre = polygon[:, 0].mean(axis=0)
    judged = [None if on_frame else sharp_edge(grey, busy_with_ink, start, end, centre) for start, end, on_frame in sides]
    if len(sides) < 4 or False in judged:
        return None, []
    longest = sorted(sorted(range(len(sides)), key=lambda index: -np.hypot(*(sides[index][1] - sides[index][0])))[:4])
    if len([index for index in longest if judged[index]]) < 2:  # one edge in view, however many pieces it bends in, is no sheet
        return None, []
    sides = [sides[index] for index in longest]
    corners = [crossing(sides[index - 1], sides[index]) for index in range(4)]
    if any(corner is None for corner in corners):
        return None, []
    corners = np.float32(corners)
    if not cv2.isContourConvex(corners[:, None]) or cv2.contourArea(corners) > 2 * grey.size:
        return None, []
    return in_reading_order(corners), judged


def in_reading_order(corners):
    """Four corners clockwise as displayed, starting with the one nearest the top left."""
    centre = corners.mean(axis=0)
    angles = np.arctan2(corners[:, 1] - centre[1], corners[:, 0] - centre[0])
    corners = corners[np.argsort(angles)]  # clockwise on screen, y pointing down
    first = int(np.argmin(corners.sum(axis=1)))
    return np.roll(corners, -first, axis=0)


def flattening(sheet, margin=0):
    """The homography from the photo to the flat sheet (`Sheet`) seen from above, the page's
    size, and where the sheet lies on it (left, top, right, bottom), or None where the page is
    the sheet alone: each side as long as the mean of the two sides of the outline it stands
    for, and the page reaching `margin` (whole) pixels beyond each side whose edge was not
    seen (`Sheet.on_edges`)."""
    corners = np.float32(sheet.corners)
    lengths = np.hypot(*(np.roll(corners, -1, axis=0) - corners).T)
    width, height = (lengths[0] + lengths[2]) / 2, (lengths[1] + lengths[3]) / 2
    top, right, bottom, left = [0 if on_edge else margin for on_edge in sheet.on_edges]
    target = np.float32([[left, top], [left + width, top], [left + width, top + height], [left, top + height]])
    size = left + int(round(width)) + right, top + int(round(height)) + bottom
    inside = (left, top, left + int(round(width)), top + int(round(height))) if margin and not all(sheet.on_edges) else None
    return cv2.getPerspectiveTransform(corners, target), size, inside


def runs_beyond(ink, inside):
    """Whether a piece of ink (`paper_and_ink.Ink`) runs on beyond where the sheet lies on the
    page (`inside`: left, top, right, bottom): writing that a side whose edge was not seen cut."""
    left, top, right, bottom = inside
    return any(blob.x * ink.factor < left or blob.y * ink.factor < top or (blob.x + blob.width) * ink.factor > right
               or (blob.y + blob.height) * ink.factor > bottom for blob in ink.blobs)


def rotation(angle, size):
    """The transform that turns an image of `size` (width, height) counter-clockwise by `angle`
    degrees, and the size that holds all of it."""
    width, height = size
    matrix = np.vstack([cv2.getRotationMatrix2D((width / 2, height / 2), angle, 1.0), [0, 0, 1]])
    corners = cv2.perspectiveTransform(np.float32([[[0, 0]], [[width, 0]], [[width, height]], [[0, height]]]), matrix)
    low, high = corners[:, 0].min(axis=0), corners[:, 0].max(axis=0)
    matrix[:2, 2] -= low
    return matrix, (int(round(high[0] - low[0])), int(round(high[1] - low[1])))


def warp(image, transform, size):
    """The image under a transform; what comes from outside the photo is black, so that the digit
    finder takes it, and any table it meets, for what lies beyond the sheet's edge."""
    return cv2.warpPerspective(image, transform, size, flags=cv2.INTER_LINEAR, borderMode=cv2.BORDER_CONSTANT)


def digit_sized(blobs):
    """The pieces of ink about a digit's size (the longer side within a factor two of the
    typical, weighted by ink), and that size; specks and long strokes left out."""
    def longer_side(blob):
        return max(blob.width, blob.height)
    size = pieces_of_ink.typical_height(blobs, longer_side)
    return [blob for blob in blobs if 0.5 * size <= longer_side(blob) <= 2 * size], size


def nearest_neighbours(pieces):
    """For each piece, the index of the piece whose box's centre is nearest its own."""
    from scipy.spatial import cKDTree  # Nearest neighbours in n log n, for pages with many pieces.
    box = pieces_of_ink.boxes(pieces)
    centres = (box[:, :2] + box[:, 2:]) / 2
    return cKDTree(centres).query(centres, k=2)[1][:, 1]


def neighbour_directions(pieces):
    """For each piece, the direction to its nearest neighbour (radians, image axes), from the
    centres of the pieces: within a line of digits the neighbours are closer than across lines."""
    box = pieces_of_ink.boxes(pieces)
    centres = (box[:, :2] + box[:, 2:]) / 2
    offsets = centres[nearest_neighbours(pieces)] - centres
    return np.arctan2(offsets[:, 1], offsets[:, 0])


def ink_points(pieces, most=TILT_POINTS):
    """The (x, y) of the pieces' ink pixels, every n-th of them when there are more than `most`."""
    points = np.concatenate([np.argwhere(piece.mask)[:, ::-1] + [piece.x, piece.y] for piece in pieces]).astype(np.float32)
    return points[::len(points) // most + 1]


def profile_sharpness(points, angles, bin_size):
    """For each angle (degrees), how sharply the ink gathers into rows when the page is turned
    back by it: the sum of squares of its rows' ink counts."""
    sharpness = []
    for angle in np.radians(angles):
        rows = points @ np.float32([np.sin(angle), np.cos(angle)])
        counts = np.bincount(((rows - rows.min()) / bin_size).astype(int))
        sharpness.append(float(np.dot(counts, counts)))
    return np.array(sharpness)


def layout_tilt(pieces, stroke, up_and_down=False):
    """The tilt of the page (degrees counter-clockwise as displayed, -45 to 45): the angle at
    which the pieces' ink gathers most sharply into rows, in bins a pen's `stroke` high, to a
    tenth of a degree; into columns when the lines run `up_and_down` (a list of one number a
    line, or a page turned a quarter). Lines of digits and ruled or squared paper gather into
    rows, and ruling that joins digits into pieces too long to be digits does not hide it, as
    it hides the pieces' neighbours. Columns count only where the lines run up and down: the
    slant of a hand gathers the strokes of lines across into columns too. There is no tilt
    where the sharpest is at either end of the range (what gathers ever more sharply as it
    turns towards a quarter is lined up the other way), nor where it is not TILT_GAIN times as
    sharp as upright (a few short lines stacked gather into slanting rows by chance)."""
    if not pieces:
        return 0.0
    points, bin_size = ink_points(pieces), max(1.0, stroke)
    coarse = np.arange(-45.0, 45.0, 1.0) + 90 * up_and_down
    sharpness = profile_sharpness(points[::COARSE_SHARE], coarse, bin_size)
    if np.argmax(sharpness) in (0, len(coarse) - 1):
        return 0.0
    best = coarse[np.argmax(sharpness)]
    fine = best + np.arange(-1.0, 1.05, 0.1)
    sharpness = profile_sharpness(points, fine, bin_size)
    if sharpness.max() < TILT_GAIN * profile_sharpness(points, [90.0 * up_and_down], bin_size)[0]:
        return 0.0
    return float((fine[np.argmax(sharpness)] + 45) % 90 - 45)


def side_by_side(pieces):
    """The share of the pieces whose nearest neighbour lies beside them rather than above or below."""
    return float(np.mean(np.abs(np.cos(neighbour_directions(pieces))) > np.sqrt(0.5))) if len(pieces) > 1 else 0.5


def in_a_row(pieces):
    """Whether most pieces' nearest neighbours lie beside them (LINES_ALONG): a row."""
    return len(pieces) >= FEWEST_PIECES and side_by_side(pieces) >= LINES_ALONG


def in_a_column(pieces):
    """Whether most pieces' nearest neighbours lie above or below them (LINES_ALONG): a column."""
    return len(pieces) >= FEWEST_PIECES and side_by_side(pieces) <= 1 - LINES_ALONG


def quarter_turn(pieces, cnn, stroke, size):
    """0, 90, 180 or 270: how far counter-clockwise the page is turned; the runner-up when it
    came within TURN_DOUBT (else None); and how sure the turn is (`turn_confidence`).

    Evidence that is not the same upside down decides it, summed in nines: the CNN is surer
    (`models.nines`, `cnn` as `models.LiteModel` calls it) of the largest pieces shaped like
    whole digits (`whole_digits`, as the turns tried stand them) the right way up than sideways
    or upside down, where a 3, 4 or 7 is no digit; lines start at a common left margin
    (`margin_evidence`, up to MARGIN_WEIGHT); and upright is given UPRIGHT_PRIOR, as most photos
    are. The layout narrows the turns tried (`turns_to_try`): lines of print run along the
    page as lines of writing do. Which way up, print says nothing of (`typeset.printed`): a
    heading's letters are sure digits one way or another; and where fewer than FEWEST_PIECES
    whole digits stand beside it, the page is taken as upright. Where digits touch or come
    apart few pieces are whole digits (the pieces are read then), so a close runner-up is
    read whole."""
    if len(pieces) < FEWEST_PIECES:
        return 0, None, 1.0
    turns = turns_to_try(pieces, size)
    printed = typeset.printed(pieces)
    pieces = [piece for piece, in_print in zip(pieces, printed) if not in_print]
    stood = {sideways: [pieces_of_ink.standing(piece, sideways) for piece in pieces]  # as the turns tried stand the pieces
             for sideways in {turn % 180 == 90 for turn in turns}}
    whole = np.any([whole_digits(way, size) for way in stood.values()], axis=0)
    if printed.any() and whole.sum() < FEWEST_PIECES:
        return 0, None, 1.0  # what is left beside print is print that escaped: words run together, a stray letter
    largest = pieces_of_ink.largest([piece for piece, keep in zip(pieces, whole) if keep] or pieces, TURN_PIECES)
    images = [mnist_digits.prepare_region(np.rot90(blob.mask, -turn // 90) * np.uint8(255), stroke)
              for turn in turns for blob in largest]
    probabilities = np.asarray(cnn(np.stack(images))).reshape(len(turns), len(largest), -1)
    sure = upside_down_alike(models.nines(probabilities), probabilities.argmax(axis=2), turns).sum(axis=1)
    margins = {sideways: margin_evidence(way, size) for sideways, way in stood.items()}
    margin_for = [margins[turn % 180 == 90] * (1 if turn < 180 else -1) for turn in turns]  # upside down: the other end
    scores = sorted(((score + UPRIGHT_PRIOR * (turn == 0) + MARGIN_WEIGHT * margin, turn)
                     for score, turn, margin in zip(sure, turns, margin_for)), reverse=True)
    (best, turn), (runner_up, rival) = scores[:2]
    return turn, rival if best - runner_up <= TURN_DOUBT else None, turn_confidence(best - runner_up)


def upside_down_alike(sure, digits, turns):
    """How sure the CNN is of each piece (`sure`: turns x pieces, in nines) as each turn stands
    it, where a piece read as a digit one way and as that digit turned half round the other
    (0, 1, 8; 6 and 9: `UPSIDE_DOWN`) counts the same both ways, the mean of the two: how
    surely it reads either way is the hand's, not the page's turn. `digits`: the CNN's digit
    for each, turns x pieces."""
    sure = sure.copy()
    index = {turn: row for row, turn in enumerate(turns)}
    for turn in turns:
        other = index.get((turn + 180) % 360)
        if other is None or other < index[turn]:
            continue
        alike = UPSIDE_DOWN[digits[index[turn]]] == digits[other]
        mean = (sure[index[turn]] + sure[other]) / 2
        sure[index[turn], alike] = sure[other, alike] = mean[alike]
    return sure


def turns_to_try(pieces, size):
    """The turns that the layout of the pieces leaves open. Lines run along rows, and the digits
    of a number stand close: when most nearest neighbours lie side by side (LINES_ALONG) and
    close (the median gap less than LIST_GAP of a digit's `size`), upright and upside down;
    when they lie one above the other and close, a line turned a quarter, either way; else all
    four. A list of one number a line stands as far apart as lines do: upright, it is not taken
    for a line turned a quarter, nor turned a quarter for a line; the digits' shapes tell."""
    if np.median(neighbour_gaps(pieces)) >= LIST_GAP * size:
        return (0, 90, 180, 270)
    if in_a_row(pieces):
        return (0, 180)
    return (90, 270) if in_a_column(pieces) else (0, 90, 180, 270)


def neighbour_gaps(pieces):
    """For each piece, the gap between its box and its nearest neighbour's (negative: overlapping),
    the larger of the gaps across and up or down."""
    box = pieces_of_ink.boxes(pieces)
    return np.maximum(*pieces_of_ink.box_gaps(box, box[nearest_neighbours(pieces)]))


def turn_confidence(margin):
    """How sure a turn is that wins by `margin` nines: 0.5 on a tie, 0.91 by one, 0.99 by two."""
    return float(1 / (1 + 10.0 ** -margin))


def margin_evidence(pieces, size):
    """How much more the lines' left ends line up than their right ends (median distances from
    their middle, over a digit's `size`, at most 1 either way): people start their lines at a
    margin and end them where the number ends, so positive says upright, negative upside down.
    0 with fewer than two lines."""
    lines, course = pieces_of_ink.text_lines(pieces, size)
    if len(lines) < 2:
        return 0.0
    direction = np.array([np.cos(course), np.sin(course)])
    box = pieces_of_ink.boxes(pieces)
    lefts = np.array([min(box[line, 0] * direction[0] + box[line, 1] * direction[1]) for line in lines])
    rights = np.array([max(box[line, 2] * direction[0] + box[line, 1] * direction[1]) for line in lines])

    def spread(ends):
        return float(np.median(np.abs(ends - np.median(ends))))
    return float(np.clip((spread(rights) - spread(lefts)) / size, -1, 1))


def whole_digits(pieces, size):
    """Which pieces are shaped like one whole digit other than a 1: about as tall as a digit is
    long (`size`, `digit_sized`'s), no wider than tall and at least NARROWEST as wide. A digit
    in pieces, or two touching, reads badly whichever way up it is turned, and would only blur
    the judgement; a 1 reads alike upside down, and a streak of wood grain or a stroke of
    texture stood on end reads as a sure 1: they would tip it towards whichever way stands the
    streaks up."""
    heights = np.array([blob.height for blob in pieces], float)
    widths = np.array([blob.width for blob in pieces], float)
    return (heights >= 0.75 * size) & (heights <= 1.33 * size) & (widths <= heights) & (widths >= NARROWEST * heights)


def find_page(photo, cnn, known_turn=None, look_for_sheet=True, ruling=None):
    """The upright, flat page of a photo as displayed (`Page`).

    The sheet is flattened when its outline is found, and then its edges set the tilt. Else the
    tilt is the lines' own (`layout_tilt`), measured along the way the pieces line up: across
    the photo where they stand in a row, up and down it where they stand in a column, and
    where neither, as a first judgement of the turn (`quarter_turn`) stands the page (squared
    paper seen at a slant has its two sets of lines a few degrees apart); that judgement
    stands unless the page is straightened. The tilt is removed when it would move the ends of
    the lines of digits by more than TILT_DRIFT of a digit, or is TILT_ALWAYS or more: ruling
    that runs across the photo, and the digits it touches, are no pieces (they touch the
    photo's edge), and the lines may run on far beyond the few pieces left. A page mostly of print
    (`pieces_of_ink.mostly_print`) is not straightened: the spread of its letters' heights
    looks like a tilt of a degree or more, and straightening breaks its thin strokes into
    pieces, whose rows the finder would no longer know for print; nor is it turned: print says
    nothing of which way is up, and the page holds no handwriting to read. The quarter turn is judged
    on the flattened, straightened page's ink (the digit finder's own `ink_pieces`), and done
    exactly, by turning the pixels. A photo that needs none of this is not transformed at all,
    and its ink is handed on to the digit finder. `known_turn`, (turn, how sure), is a turn
    judged already (a video's frame before this one, `video.KeptTurn`): it is not judged again.
    Without `look_for_sheet`, the photo is taken for the page, as where no sheet is found.
    `ruling`: what measures ruling of a colour (`paper_and_ink.ink_grey`), where not the usual.
    """
    rows, cols = photo.shape[:2]
    plain = imaging.to_grey(photo)
    sheet = find_sheet(plain) if look_for_sheet else None  # on the plain grey: the ink's can weigh a table of a colour as light as paper
    corners = None if sheet is None else sheet.corners
    grey = paper_and_ink.ink_grey(photo, corners, plain, ruling)
    transform, size, tilt = np.eye(3), (cols, rows), 0.0
    inside = None  # where the sheet lies on a page that reaches beyond it
    if sheet is not None:
        transform, size, inside = flattening(sheet, round(UNSEEN_EDGE * EDGE_REACH * max(rows, cols) / SHEET_SIDE))
    flat = grey if sheet is None else warp(grey, transform, size)
    ink = paper_and_ink.ink_pieces(flat, inside)
    if inside is not None:
        if not runs_beyond(ink, inside):  # no writing runs on to a side whose edge was not seen: the page is the sheet alone
            left, top, right, bottom = inside
            transform = np.array([[1, 0, -left], [0, 1, -top], [0, 0, 1]], np.float64) @ transform
            flat, size, inside = np.ascontiguousarray(flat[top:bottom, left:right]), (right - left, bottom - top), None
            ink = paper_and_ink.ink_pieces(flat)
    pieces, digit_size = digit_sized(ink.blobs)
    stroke = pieces_of_ink.photo_stroke_width(pieces)
    known = None if known_turn is None else (known_turn[0], None, known_turn[1])
    judged = known  # the quarter turn, judged on `pieces` (or known)
    if pieces_of_ink.mostly_print(pieces_of_ink.writing_sized(ink.blobs, digit_size)):
        judged = judged or (0, None, 1.0)  # print says nothing of which way is up, and holds no handwriting to read
    elif digit_size < pieces_of_ink.READABLE_HEIGHT:
        judged = judged or (0, None, 1.0)  # writing too small to read: small print, grain; no digits to turn for
    elif sheet is None:
        lines = [blob for blob in ink.blobs if max(blob.width, blob.height) >= 0.5 * digit_size]  # digits, ruling
        up_and_down = in_a_column(pieces)
        if not up_and_down and not in_a_row(pieces):
            judged = judged or quarter_turn(pieces, cnn, stroke, digit_size)
            up_and_down = judged[0] % 180 == 90
        tilt = layout_tilt(lines, stroke, up_and_down)
        span = max(blob.x + blob.width for blob in pieces) - min(blob.x for blob in pieces) if pieces else 0
        if abs(np.tan(np.radians(tilt))) * span > TILT_DRIFT * digit_size or abs(tilt) >= TILT_ALWAYS:
            transform, size = rotation(-tilt, size)
            flat = warp(grey, transform, size)
            ink = paper_and_ink.ink_pieces(flat)
            pieces, _ = digit_sized(ink.blobs)
            stroke, judged = pieces_of_ink.photo_stroke_width(pieces), known
    turn, rival_turn, confidence = judged or quarter_turn(pieces, cnn, stroke, digit_size)
    unturned = Page(photo if flat is grey else flat, transform, 0, 0.0, corners, (rows, cols), ink, turn_confidence=confidence,
                    inside=inside)
    return turned(unturned, turn, rival_turn)


def turned(found, turn, rival_turn=None):
    """The page (`Page`) turned `turn` degrees counter-clockwise from how it was found, done
    exactly, by turning the pixels; its tilt measured anew through the whole transform."""
    quarter = (turn - found.turn) % 360
    transform, image, ink, inside = found.transform, found.image, found.ink, found.inside
    if quarter:
        rotated, _ = rotation(-quarter, (image.shape[1], image.shape[0]))
        transform, image, ink = rotated @ transform, cv2.rotate(image, QUARTER_TURNS[quarter]), None
        if inside is not None:  # the ink found again now, for the sheet's pieces only
            corners = cv2.perspectiveTransform(np.float32([[inside[:2]], [inside[2:]]]), rotated)[:, 0]
            inside = tuple(corners.min(axis=0)) + tuple(corners.max(axis=0))
            ink = paper_and_ink.ink_pieces(image, inside)
    rows, cols = found.photo_shape
    tilt = (measured_tilt(transform, (cols, rows)) - turn + 45) % 90 - 45
    return Page(image, transform, turn, tilt, found.sheet, found.photo_shape, ink, rival_turn, found.turn_confidence, inside)


def surer_reading(found, read, cnn):
    """The page and its digits (`read(page)`: `pipeline.Digit`s), read the way up the CNN
    (`cnn`) is surer of, in `models.nines` summed over its digits: the turn found, or its rival
    when the pieces left it in doubt. A whole page read gives the CNN every digit to go on,
    touching and broken ones cut and joined, where the turn saw only the pieces shaped like a
    whole digit. Upright is given UPRIGHT_PRIOR; on a tie, the turn found.

    The rival is read whole only when the digits found, their regions turned to it, are read
    at least as surely as they were: read whole, the rival's cuts and joins mostly make its
    digits surer than those turned regions, and below them it won on no sheet measured (README,
    *First the page*). A page that gives no digits as found (print, texture, a blank) is read
    once: the ink of print turned half round can come out a pixel taller, above the height
    that handwriting is read at, and its rows no longer print's."""
    digits = read(found)
    if found.rival_turn is None or not digits:
        return found, digits

    def sure(turn, probabilities):
        read_surely = models.nines(probabilities).sum() if len(probabilities) else 0.0
        return read_surely + UPRIGHT_PRIOR * (turn == 0)
    found_sure = sure(found.turn, [digit.probabilities for digit in digits])
    if digits:
        quarters = (found.rival_turn - found.turn) % 360 // 90
        regions_turned = np.stack([np.rot90(digit.image, -quarters) for digit in digits])
        turned_sure = sure(found.rival_turn, np.asarray(cnn(regions_turned)))
        if turned_sure < found_sure:
            return settled(found, found_sure - turned_sure), digits
    rival = turned(found, found.rival_turn)
    rival_digits = read(rival)
    rival_sure = sure(rival.turn, [digit.probabilities for digit in rival_digits])
    if rival_sure > found_sure:
        return settled(rival, rival_sure - found_sure), rival_digits
    return settled(found, found_sure - rival_sure), digits


def read_page(photo, read, cnn, known_turn=None, ruling=None):
    """The page of a photo (`find_page`) and its digits (`read(page)`, the surer way up:
    `surer_reading`). Where a sheet was found and holds no digits, the photo is read again as
    no sheet, and that reading taken where it finds digits: what looked like the sheet was a
    part of the page beside its writing (a column of numbers in a thick pen is as dark as a
    table beyond an edge, and blank paper beside it as smooth as a sheet). A blank sheet on a
    table is read twice, and gives none either way."""
    found, digits = surer_reading(find_page(photo, cnn, known_turn, ruling=ruling), read, cnn)
    if found.sheet is None or digits:
        return found, digits
    whole, whole_digits = surer_reading(find_page(photo, cnn, known_turn, look_for_sheet=False, ruling=ruling), read, cnn)
    return (whole, whole_digits) if whole_digits else (found, digits)


def settled(found, lead):
    """The page (`Page`) with its turn settled: no rival left, and as sure as a `lead` in nines."""
    return replace(found, rival_turn=None, turn_confidence=turn_confidence(lead))


def measured_tilt(transform, size):
    """How far counter-clockwise (degrees) the page's rows run in the photo, at its centre."""
    inverse = np.linalg.inv(transform)
    centre = cv2.perspectiveTransform(np.float32([[[size[0] / 2, size[1] / 2]]]), transform)[0, 0]
    ends = cv2.perspectiveTransform(np.float32([[centre], [centre + [10, 0]]]), inverse)[:, 0]
    dx, dy = ends[1] - ends[0]
    return float(-np.degrees(np.arctan2(dy, dx)))
