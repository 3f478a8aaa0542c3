"""From an image to its pieces of ink, each number taken from the image itself:

1. `ink_grey`, `imaging.work_copy`: any image becomes 8-bit grey at a working size; where
   ruling of a colour lies under a pen of another, the channels are weighed so that the
   ruling is paper (`ruling_weights`, `without_ruling`).
2. `paper_up`: light ink on a dark ground (chalk, a negative) is turned over.
3. `ink_strength`: the paper's own brightness, estimated around every pixel, is divided out,
   so shadows and uneven light vanish and ink is what is darker than the paper near it.
4. `ink_thresholds`: ink levels from the ink map's own statistics (noise level, Otsu's split,
   that without what a straightened photo brought in from beyond its edge).
5. `ink_blobs`: connected pieces of ink, less what lies off the sheet or is too small to
   matter; when a piece is as long as a paper line, the lines go first
   (`paper_lines.without_paper_lines`) and the pieces are found again."""

from dataclasses import dataclass

import cv2
import numpy as np

from . import imaging, paper_lines, pieces_of_ink

BACKGROUND_WINDOW = 1 / 20  # The paper's brightness is estimated over windows this fraction of the longer side,
SHADOW_EDGE = 5  # ... and is no brighter than a closing this many windows wide finds it: a shadow's edge stays sharp.
TABLE_DARKNESS = 0.35  # 'Paper' darker than this fraction of the sheet's brightest is the table.
NOISE_SIGMAS = 6  # Ink must stand this many noise deviations above the paper,
STRONG_INK = 0.5  # ... a piece of ink must somewhere reach this fraction of Otsu's level,
ABOVE_GRAIN = 2  # ... and this many times the noise level of the map smoothed over 3x3 pixels (the grain of a wall or of paper reaches 1.1-1.3 times, writing 4 and more),
WEAK_INK = 0.4  # ... and its faint edges this fraction.
RULING_ANGLE = 20  # Ink this many degrees of colour from the pen's (channel darkness, as a direction) is ruling of a colour ...
KEPT_BY_INK = 0.75  # ... where the channels weighed to take it away keep this share of the pen's strength ...
FADED = 0.25  # ... and this share of all the ink loses more than half of it (ruled photos 0.3-0.86, real sheets 0.19 at most), this share of that across the photo, and the pen's faint edges (WEAK_INK of it) stay above the noise.
DARKNESS_STEPS = 100  # Darkness (-log of brightness over the paper's) is summed in steps of 1/this,
PAPER_HEADROOM = 10  # ... the paper's white this many steps below 255.
PAPER_SHARE = 0.95  # The paper's white in each channel: the brightest twentieth of the photo begins there.
PIXEL_NOISE = 2  # Noise that averaging over 3x3 pixels lowers this many times is a sensor's (dim photos 2.3-3.1; print and grain 0.3-1.7; white noise 3).
OUTLINE_SPAN = 0.6  # A piece wider and taller than this fraction of the image is the outline of a sheet or a table, not writing.


def paper_up(grey):
    """The image with light paper and dark ink, turned over if the ink is the lighter.

    The paper is the larger, smoother part: around every pixel the mean (over a window much
    wider than a stroke) is near the paper's, and what stands far from it is ink. If more of
    that lies on the light side than on the dark side, the ink is light. Shadows, the sheet's
    edge and the table differ from the mean on both sides alike. A quarter of the size is
    enough for strokes to stand out.
    """
    small = imaging.quarter_size(grey)
    window = max(3, int(max(small.shape) * BACKGROUND_WINDOW)) | 1
    difference = small.astype(np.float32) - cv2.blur(small.astype(np.float32), (window, window))
    spread = 1.4826 * imaging.quantile(np.abs(difference), 0.5) + 1
    far = np.abs(difference) > NOISE_SIGMAS * spread
    lighter = np.sum(np.abs(difference[far & (difference > 0)]), dtype=np.int64)
    darker = np.sum(np.abs(difference[far & (difference < 0)]), dtype=np.int64)
    return 255 - grey if lighter > darker else grey


def channel_darkness(sample, where):
    """How much darker each pixel of a colour sample (BGR uint8) is than the paper around it,
    in each channel, as -log(pixel / paper), at the pixels of the mask `where`: (count, 3)
    float32, 0 for paper. In these units ink laid over ink adds, so a line of a colour is one
    direction whatever its shade, and a pen's stroke across it is the sum of the two."""
    darkness = np.empty((np.count_nonzero(where), 3), np.float32)
    for channel in range(3):
        values = np.maximum(sample[..., channel].astype(np.float32), 1)
        darkness[:, channel] = np.log(np.maximum(paper_brightness(values)[where], 1) / values[where])
    return np.maximum(darkness, 0, out=darkness)


def ruling_weights(image, sheet=None):
    """Where a colour photo (BGR uint8) holds ruling of a colour (blue, red, green lines) under a
    pen of another (near grey): the weights of its channels' `channel_darkness` in which the
    ruling's colour sums to nothing and the pen's keeps its strength; else None.

    The pen is the darkest tenth of what stands out as ink; the ruling what stands more than
    RULING_ANGLE degrees of colour away from it. The weights are the smallest that take the
    ruling's colour to 0 and the pen's to its mean darkness: noise grows least. They stand
    where, so weighed, the pen keeps KEPT_BY_INK of its strength, FADED of all the ink loses
    more than half, and FADED of that runs across the photo (`across_photo`): ruling. A pen of
    nearly the ruling's colour, or the colour fringes of a JPEG, fade too little; digits of a
    colour in a frame of black fade a digit at a time; where the weighed paper's noise floor
    is over WEAK_INK of the pen's strength (a JPEG's blocks of colour), the pen's faint edges
    would sink into it, and the plain grey reads better. Measured on
    every few pixels, the photo taken to half the working size (thin ruling still stands out
    there), on the `sheet` only where its corners (in the image's pixels) are known. Light ink
    on a dark ground (`paper_up`) is left grey: its colour is the ground's."""
    step = -(-max(image.shape[:2]) // (imaging.WORK_SIDE // 2))  # rounded up: at most half the working size
    sample = np.ascontiguousarray(image[::step, ::step, :3])
    grey = imaging.to_grey(sample)
    if paper_up(grey) is not grey:
        return None
    grey = grey.astype(np.float32)
    paper = paper_brightness(grey)
    in_grey = ink_strength(grey, paper)
    floor = noise_floor(in_grey[::3, ::3])
    ink = (in_grey > floor) & on_sheet(paper)
    if sheet is not None:  # a table of a colour beside the sheet is no ruling
        inside = np.zeros(ink.shape, np.uint8)
        cv2.fillConvexPoly(inside, np.round(np.asarray(sheet) / step).astype(np.int32), 1)
        ink &= inside.view(bool)
    if np.count_nonzero(ink) < 20:
        return None
    darkest = ink & (in_grey >= imaging.quantile(in_grey[ink], 0.9))
    darkness = channel_darkness(sample, ink)
    pen = np.median(darkness[darkest[ink]], axis=0)
    colour = darkness / np.maximum(np.linalg.norm(darkness, axis=1, keepdims=True), 1e-6)
    apart = colour @ (pen / max(np.linalg.norm(pen), 1e-6)) < np.cos(np.radians(RULING_ANGLE))
    if np.count_nonzero(apart) < 20 or pen.mean() <= 0:  # no ruling, or a pen no darker than its paper
        return None
    both = np.stack([np.median(colour[apart], axis=0), pen])
    weights = both.T @ np.linalg.solve(both @ both.T, [0.0, pen.mean()])
    weighed = without_ruling(sample, weights).astype(np.float32)
    in_weighed = ink_strength(weighed, paper_brightness(weighed))
    kept = np.median(in_weighed[darkest] / np.maximum(in_grey[darkest], 1e-3))
    faded = ink & (in_weighed < 0.5 * in_grey)
    if kept < KEPT_BY_INK or np.count_nonzero(faded) < FADED * np.count_nonzero(ink):
        return None
    if noise_floor(in_weighed[::3, ::3]) > WEAK_INK * np.median(in_weighed[darkest]) or across_photo(faded) < FADED:
        return None
    return weights


def across_photo(mask):
    """The share of a mask's pixels in connected pieces as long as a paper line can be
    (`paper_lines.LINE_SPAN` of the longer side): ruling runs across the page, where a pen of
    another colour (red digits in a black frame) fades in pieces a digit long."""
    count, _, stats, _ = cv2.connectedComponentsWithStats(mask.view(np.uint8), connectivity=8)
    spans = np.maximum(stats[1:, cv2.CC_STAT_WIDTH], stats[1:, cv2.CC_STAT_HEIGHT])
    long = spans >= paper_lines.LINE_SPAN * max(mask.shape)
    return stats[1:, cv2.CC_STAT_AREA][long].sum() / max(1, stats[1:, cv2.CC_STAT_AREA].sum())


def without_ruling(image, weights):
    """8-bit grey of a colour image (BGR uint8) in which ruling of a colour is paper: each pixel
    255 exp(-d), d the sum of its channels' darkness times `weights` (`ruling_weights`) against
    the paper's white (PAPER_SHARE of the pixels below it in each channel), PAPER_HEADROOM
    steps added. Summed in 16-bit
    integers through a table per channel, a quarter of a step each (rounded once, at the sum):
    a fifth of the time of floats on a 12-megapixel photo; darker than 255 exp(-2.55), 20, is
    black enough for ink."""
    white = [max(1, int(imaging.quantile(image[::4, ::4, channel], PAPER_SHARE))) for channel in range(3)]
    levels = np.log(np.maximum(np.arange(256), 1))
    total = None
    for channel in range(3):
        table = np.round(-weights[channel] * (levels - np.log(white[channel])) * 4 * DARKNESS_STEPS).astype(np.int16)
        term = cv2.LUT(image[..., channel], table)
        total = term if total is None else cv2.add(total, term)
    total = cv2.add(total, 4 * PAPER_HEADROOM)  # paper brighter than the white keeps its noise
    steps = cv2.convertScaleAbs(cv2.max(total, 0), alpha=0.25)  # 0 to 255 steps of darkness
    return cv2.LUT(steps, np.round(255 * np.exp(-np.arange(256) / DARKNESS_STEPS)).astype(np.uint8))


def ink_grey(image, sheet=None, grey=None, ruling=None):
    """8-bit grey for finding ink in `image` (any depth and channels): where ruling of a colour
    lies under a pen of another (`ruling_weights`, measured on the `sheet` where its corners
    are known), the channels weighed so that the ruling is paper and the pen's strokes stay
    whole where they cross it (`without_ruling`); else `imaging.to_grey` (`grey`, where the
    caller has made it already). `ruling`: what measures the weights, as `ruling_weights`
    does (a video's frames keep them a while: `video.KeptRuling`)."""
    image = np.asarray(image)
    if image.dtype == np.uint8 and image.ndim == 3 and image.shape[2] >= 3:
        weights = (ruling or ruling_weights)(image, sheet)
        if weights is not None:
            return without_ruling(image, weights)
    return imaging.to_grey(image) if grey is None else grey


def paper_brightness(grey):
    """The brightness of the paper around every pixel, shadows and light gradients included.

    A closing with a window much wider than a pen stroke removes the (dark) strokes and leaves
    what they were written on. Paper brightness changes slowly, so it is found at a quarter of
    the size, where the closing costs a sixteenth.
    """
    small = imaging.quarter_size(grey)
    window = max(5, int(max(grey.shape) * BACKGROUND_WINDOW / 4)) | 1
    kernel = cv2.getStructuringElement(cv2.MORPH_RECT, (window, window))
    small = small.astype(np.float32)
    closed = cv2.blur(cv2.morphologyEx(small, cv2.MORPH_CLOSE, kernel), (window, window))
    wide = cv2.getStructuringElement(cv2.MORPH_RECT, (SHADOW_EDGE * window,) * 2)
    closed = np.minimum(closed, cv2.morphologyEx(small, cv2.MORPH_CLOSE, wide), out=closed)
    paper = cv2.resize(closed, (grey.shape[1], grey.shape[0]), interpolation=cv2.INTER_LINEAR)
    return np.maximum(paper, grey, out=paper)  # In place: a fresh photo-sized array costs more than the sum.


def ink_strength(grey, paper):
    """How much darker each pixel is than the paper around it: 0 for paper, near 1 for black ink.
    Worked out in one array: fresh photo-sized temporaries would cost several times the sums."""
    ink = np.maximum(paper, np.float32(1))
    np.divide(grey, ink, out=ink)
    return np.subtract(np.float32(1), ink, out=ink)


def noise_level(sample):
    """The median of a sample of the ink map and its noise's standard deviation, robustly (the
    ink is a small minority)."""
    median = imaging.quantile(sample, 0.5)
    return median, 1.4826 * imaging.quantile(np.abs(sample - median), 0.5)


def noise_floor(sample):
    """The ink level that stands NOISE_SIGMAS of the paper's noise above the paper, from a
    sample of the ink map (every third pixel each way is enough, at a ninth of the cost)."""
    median, sigma = noise_level(sample)
    return median + NOISE_SIGMAS * max(sigma, 0.005)


def sensor_noise(ink, sheet):
    """Whether the noise of the ink map on the `sheet` is mostly each pixel's own, a sensor's in
    dim light: averaged over 3x3 pixels, it falls PIXEL_NOISE times or more (grain, print and
    ruling, spread over several pixels, stay)."""
    raw = noise_level(ink[::3, ::3][sheet[::3, ::3]])[1]
    return raw >= PIXEL_NOISE * noise_level(cv2.blur(ink, (3, 3))[::3, ::3][sheet[::3, ::3]])[1]


def on_sheet(paper):
    """Where the 'paper' is the sheet's: not far darker than its brightest (the table, or what
    lies beyond the photo's edge once the page is turned)."""
    return paper >= TABLE_DARKNESS * imaging.quantile(paper[::3, ::3], 0.95)


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


def paper_noise(ink, sheet):
    """The ink map's level of noise above the paper (`noise_floor`), measured on every third
    pixel of the `sheet` only (a dark table beside it would swamp it); None where no sheet is."""
    sample = ink[::3, ::3][sheet[::3, ::3]]
    return noise_floor(sample) if sample.size else None


def ink_thresholds(ink, sheet, above_grain=ABOVE_GRAIN):
    """(weak, strong) ink levels from the ink map's own statistics on the sheet: well above the
    paper's noise, and at fractions of Otsu's split between faint and dark ink; None where
    nothing stands out. The fractions are well below the split, so a blurred photo's faint
    strokes stay ink. What lies `beyond_photo` is left out of the split, where as the
    blackest 'ink' it would lift both levels over faint strokes; the robust noise estimate
    takes it as it takes ink (left out there too, a frame of print straightened by a degree
    was read letter by letter, 9 px tall, for 45 s instead of none in 2 s). The strong level is
    at least `above_grain` times the noise level of the map smoothed over 3x3 pixels: on a plain
    surface, paper or a wall whose grain is all that stands out, Otsu splits the grain, and no
    piece reaches it. Smoothed, a sensor's noise (each pixel's own) falls by a third and the
    strokes of a dim photo stay ink, while grain, spread over several pixels, stays. The grain is
    measured where the map is below the paper's noise floor all over the 3x3 pixels: on a page
    dense with print the letters would otherwise count as grain, and lift the level over them.
    Where no pixel is (a strip a few pixels wide, every one of them beside ink), the floor and
    Otsu's split alone set the levels."""
    floor = paper_noise(ink, sheet)
    if floor is None:
        return None
    candidates = ink[(ink > floor) & sheet & ~beyond_photo(ink)]
    if candidates.size < 20:
        return None
    values = np.clip(candidates * 255, 0, 255).astype(np.uint8).reshape(-1, 1)
    otsu, _ = cv2.threshold(values, 0, 255, cv2.THRESH_BINARY + cv2.THRESH_OTSU)
    paper = cv2.erode((ink <= floor).view(np.uint8), np.ones((3, 3), np.uint8)).view(bool)
    grain = paper_noise(cv2.blur(ink, (3, 3)), sheet & paper) or 0.0  # none where no paper lies clear of ink
    return max(floor, WEAK_INK * otsu / 255), max(floor, above_grain * grain, STRONG_INK * otsu / 255)


def ink_blobs(ink, paper, lines_out=False, inside=None):
    """Connected pieces of ink, less those that touch the image's edge or lie off the sheet.
    `inside` (left, top, right, bottom, in the map's pixels): where the sheet lies on a page that
    reaches beyond it (`page.flattening`); the ink's levels are measured there, and only the
    pieces whose middle lies there are kept or can be ruling.

    A piece is where the ink is above the weak level, and somewhere above the strong one: faint
    parts of a stroke stay with it, so strokes are not broken up, and faint smudges go.
    Whatever touches the edge of the photo is the table or the sheet's edge, not a digit, though
    a piece of it as long as a paper line may be a frame or ruling running off the photo with
    digits written into it: its long lines are taken out (`paper_lines.without_long_lines`) and
    what is left clear of the edge is kept (not where it is mostly black beyond the photo). A piece that spans most of the photo both ways
    (OUTLINE_SPAN) is no digit either: a sheet's outline seen
    on a desk, whose thin ring would otherwise set the photo's digit height; ink where the
    'paper' is far darker than the sheet is the table's texture. When a piece is as
    long as a paper line can be (paper_lines.LINE_SPAN of the photo), the lines are taken out first
    (`without_paper_lines`, unless `lines_out` says they are) and the pieces found again; most
    photos have no such piece and are spared the search. Where the paper's noise stands above
    both ink levels (`ink_thresholds`), or above all ink, and it is a sensor's (`sensor_noise`:
    in dim light), the map is first averaged over 3x3 pixels, which lowers that noise to about
    a third and leaves strokes.
    """
    sheet = on_sheet(paper)
    if inside is not None:
        left, top, right, bottom = np.round(inside).astype(int)
        within = np.zeros(sheet.shape, bool)
        within[top:bottom, left:right] = True
        sheet &= within
    thresholds = ink_thresholds(ink, sheet)
    if (thresholds is None or thresholds[0] >= thresholds[1]) and sheet.any() and sensor_noise(ink, sheet):
        ink = cv2.blur(ink, (3, 3))
        thresholds = ink_thresholds(ink, sheet)
    if thresholds is None:
        return []
    weak, strong = thresholds
    count, labels, stats, _ = cv2.connectedComponentsWithStats((ink > weak).astype(np.uint8), connectivity=8)
    x, y, width, height = stats[:, :4].T
    span = paper_lines.LINE_SPAN * max(ink.shape)
    long, middle_on_sheet = np.maximum(width, height) >= span, sheet[y + height // 2, x + width // 2]
    if not lines_out and (long & middle_on_sheet if inside is not None else long)[1:].any():
        return ink_blobs(paper_lines.without_paper_lines(ink, paper_noise(ink, sheet)), paper, lines_out=True, inside=inside)
    strong_ink = np.bincount(labels[ink > strong], minlength=count) > 0
    edge = touching_edge(stats, ink.shape)
    kept = (~edge & ~((width > OUTLINE_SPAN * ink.shape[1]) & (height > OUTLINE_SPAN * ink.shape[0]))
            & middle_on_sheet & strong_ink)
    beyond = np.bincount(labels[ink >= 1], minlength=count) > stats[:, cv2.CC_STAT_AREA] / 2  # black: what a turn brought in
    frames = edge & strong_ink & ~beyond & long

    def piece(label):
        return pieces_of_ink.Blob(int(x[label]), int(y[label]), int(width[label]), int(height[label]),
                                  labels[y[label]:y[label] + height[label], x[label]:x[label] + width[label]] == label)
    return [piece(label) for label in np.flatnonzero(kept[1:]) + 1] + [
        found for label in np.flatnonzero(frames[1:]) + 1 for found in paper_lines.without_long_lines(piece(label), int(span)) or []
        if clear_of_the_edge(found, ink.shape) and sheet[found.y + found.height // 2, found.x + found.width // 2]
        and (ink[found.y:found.y + found.height, found.x:found.x + found.width][found.mask] > strong).any()]


def clear_of_the_edge(blob, shape):
    """Whether a blob keeps off the edge of an image of `shape` (rows, columns)."""
    return blob.x > 0 and blob.y > 0 and blob.x + blob.width < shape[1] and blob.y + blob.height < shape[0]


@dataclass
class Ink:
    """The pieces of ink of an image (steps 1-6), in working pixels, and how to get back."""
    blobs: list
    factor: float  # from working pixels to the image's
    shape: tuple  # the image's (height, width)


def ink_map(grey):
    """Steps 1 to 3 for a grey image: its ink map and the paper's brightness, both at WORK_SIDE,
    and the factor from those pixels to the image's."""
    work, factor = imaging.work_copy(grey)
    work = paper_up(work)
    paper = paper_brightness(work)
    return ink_strength(work, paper), paper, factor


def ink_pieces(image, inside=None):
    """Steps 1 to 6: the pieces of ink of an image, worked on at WORK_SIDE; `inside` (left, top,
    right, bottom, in the image's pixels): where the sheet lies on a page that reaches beyond
    it, as `ink_blobs` takes it."""
    grey = ink_grey(image)
    ink, paper, factor = ink_map(grey)
    return Ink(ink_blobs(ink, paper, inside=None if inside is None else np.asarray(inside) / factor), factor, grey.shape[:2])
