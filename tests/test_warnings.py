"""Each warning of `photo_warnings` on both sides of its threshold, from inputs made here: plain
paper, ink of a known share, bars blurred by a known amount, and `pipeline.Digit`s with chosen
boxes and probabilities."""

import cv2
import numpy as np
import pytest

from digitreader import paper_and_ink, photo_warnings, pipeline

LARGER_WARNING = "far larger"
UNSURE_WARNING = "most regions are unsure"
SMALL_WARNING = "px tall"
BLUR_WARNING = "too blurred"
INKY_WARNING = "no digits found"


def paper(height=1000, width=1000):
    """A plain sheet: no edges, so nothing is blurred and no ink is found."""
    return np.full((height, width), 230, np.uint8)


def digit(box, confidence=0.99):
    """A region with this box whose likeliest class (a 3) the CNN finds `confidence` likely."""
    probabilities = np.full(10, (1 - confidence) / 9)
    probabilities[3] = confidence
    return pipeline.Digit(tuple(box), np.zeros((28, 28), np.uint8), 0, probabilities)


def warned(image, regions, words):
    return [warning for warning in photo_warnings.photo_warnings(image, regions) if words in warning]


def test_plain_paper_and_sure_regions_of_a_readable_size_give_no_warning():
    regions = [digit((100 * i, 100, 40, 60)) for i in range(5)]
    assert photo_warnings.photo_warnings(paper(), regions) == []
    assert photo_warnings.photo_warnings(paper(), []) == []


def test_a_region_covering_more_than_a_quarter_of_the_photo_is_far_larger():
    """HUGE: one region over a quarter of the photo's area warns, alone or among others; one of
    exactly a quarter does not (1000 x 1000 px: 250,000 px)."""
    assert photo_warnings.HUGE == 0.25
    assert warned(paper(), [digit((0, 0, 501, 500))], LARGER_WARNING)
    assert not warned(paper(), [digit((0, 0, 500, 500))], LARGER_WARNING)
    assert not warned(paper(), [digit((0, 0, 500, 500)), digit((600, 600, 400, 100))], LARGER_WARNING)


def test_a_region_more_than_six_times_the_median_area_among_three_is_far_larger():
    """LARGER: among three or more regions of 400 px (20 x 20), one of 2,401 px (49 x 49) is far
    larger, one of 2,400 (48 x 50) is not; of two regions neither is (the median of two is
    their mean, which the larger cannot exceed six times)."""
    assert photo_warnings.LARGER == 6
    small = [digit((100 * i, 100, 20, 20)) for i in range(3)]
    assert warned(paper(), small[:2] + [digit((500, 500, 49, 49))], LARGER_WARNING)
    assert not warned(paper(), small[:2] + [digit((500, 500, 48, 50))], LARGER_WARNING)
    assert warned(paper(), small + [digit((500, 500, 49, 49))], LARGER_WARNING)
    assert not warned(paper(), small[:1] + [digit((500, 500, 400, 400))], LARGER_WARNING)


@pytest.mark.parametrize("confidences, warns", [
    ((0.79, 0.79, 0.99), True),  # two of three below UNSURE: more than half
    ((0.8, 0.79, 0.99), False),  # 0.8 is not unsure: one of three
    ((0.79, 0.79, 0.99, 0.99), False),  # exactly half is not most
    ((0.79, 0.79, 0.79, 0.99, 0.99), True),  # three of five
    ((0.5,), True),  # the one region there is
    ((0.8,), False),
])
def test_most_regions_unsure_is_more_than_half_below_0_8(confidences, warns):
    """UNSURE and MOST: a region is unsure below 0.8 confidence, and a reading is when more than
    half of its regions are."""
    assert (photo_warnings.UNSURE, photo_warnings.MOST) == (0.8, 0.5)
    regions = [digit((60 * i, 100, 40, 60), confidence) for i, confidence in enumerate(confidences)]
    assert bool(warned(paper(), regions, UNSURE_WARNING)) == warns


def test_digits_shorter_than_14_px_are_too_small_and_the_median_height_decides():
    assert photo_warnings.SMALLEST_DIGIT == 14
    assert warned(paper(), [digit((30 * i, 100, 10, 13)) for i in range(5)], "only 13 px tall")
    assert not warned(paper(), [digit((30 * i, 100, 10, 14)) for i in range(5)], SMALL_WARNING)
    mixed = [digit((30 * i, 100, 10, height)) for i, height in enumerate((13, 13, 40, 40, 40))]
    assert not warned(paper(), mixed, SMALL_WARNING)  # the median digit is 40 px tall
    assert warned(paper(), mixed[:3] + mixed[:2], "only 13 px tall")


def blurred_bars(sigma, height=100):
    """Four dark bars `height` px tall, 40 wide, on paper, each in a box 80 wide, blurred by a
    Gaussian of width `sigma`: a blur of about sigma / height of the digits' height."""
    image = np.full((400, 800), 230, np.float32)
    boxes = []
    for left in range(60, 800 - 80, 180):
        image[150:150 + height, left + 20:left + 60] = 30
        boxes.append((left, 150, 80, height))
    if sigma:
        image = cv2.GaussianBlur(image, (0, 0), sigma)
    return np.clip(np.round(image), 0, 255).astype(np.uint8), [digit(box) for box in boxes]


@pytest.mark.parametrize("sigma", [2, 3, 4, 6, 8])
def test_the_blur_measured_is_the_blur_made_over_the_digits_height(sigma):
    """An edge blurred by a Gaussian of width s rises at most contrast / (2.5 s) per pixel, so
    the measure is s over the height."""
    image, regions = blurred_bars(sigma)
    measured = photo_warnings.blur_per_height(image, [region.box for region in regions])
    assert measured == pytest.approx(sigma / 100, rel=0.1)


def test_digits_blurred_over_more_than_a_twentieth_of_their_height_are_too_blurred():
    """BLUR: bars 100 px tall blurred by a Gaussian 5.5 px wide warn, 4.5 px wide do not, nor
    sharp ones."""
    assert photo_warnings.BLUR == 0.05
    for sigma, warns in ((0, False), (4.5, False), (5.5, True), (8, True)):
        image, regions = blurred_bars(sigma)
        assert bool(warned(image, regions, BLUR_WARNING)) == warns, sigma
    image, regions = blurred_bars(5.5, height=200)  # the same blur on taller digits is no smear
    assert not warned(image, regions, BLUR_WARNING)


def test_digits_too_small_are_not_also_called_blurred():
    image, _ = blurred_bars(8)
    regions = [digit((60 + 180 * i, 150, 80, 13)) for i in range(4)]
    found = photo_warnings.photo_warnings(image, regions)
    assert any(SMALL_WARNING in warning for warning in found) and not any(BLUR_WARNING in warning for warning in found)


def dotted(dots, shape=(600, 800), size=3, step=12):
    """Paper with `dots` dark squares of `size` px, each apart from the others."""
    image = np.full(shape, 230, np.uint8)
    places = [(y, x) for y in range(4, shape[0] - size, step) for x in range(4, shape[1] - size, step)]
    for y, x in places[:dots]:
        image[y:y + size, x:x + size] = 30
    return image


def test_no_digits_in_a_photo_more_than_2_percent_ink_is_warned_of():
    """INKY: 480,000 px, 1,067 dots of 9 px are 2.0006 % ink and warn; 1,066 (1.9988 %) do not.
    With digits found, ink is no reason to warn."""
    assert photo_warnings.INKY == 0.02
    assert photo_warnings.ink_share(dotted(1066)) == pytest.approx(1066 * 9 / 480000)
    assert not warned(dotted(1066), [], INKY_WARNING)
    assert warned(dotted(1067), [], INKY_WARNING)
    assert not warned(dotted(2000), [digit((100, 100, 40, 60))], INKY_WARNING)


def test_an_image_too_small_for_a_readable_digit_says_so_and_nothing_else():
    """SMALLEST_DIGIT: an image 13 px high (or wide) cannot hold a digit tall enough to read; 14 px can."""
    assert photo_warnings.SMALLEST_DIGIT == 14
    for shape in ((13, 40), (40, 13), (10, 10)):
        found = photo_warnings.photo_warnings(paper(*shape), [])
        assert len(found) == 1 and "too small to hold a readable digit" in found[0]
    assert photo_warnings.photo_warnings(paper(14, 14), []) == []


def test_print_left_out_is_said_from_three_pieces():
    """PRINTED: three pieces of print left out are a word, and said; two may be a stray mark."""
    assert photo_warnings.PRINTED == 3
    regions = [digit((100 * i, 100, 40, 60)) for i in range(3)]
    assert not photo_warnings.photo_warnings(paper(), regions, printed=2)
    found = photo_warnings.photo_warnings(paper(), regions, printed=3)
    assert len(found) == 1 and found[0].startswith("3 pieces of print") and "only handwriting is read" in found[0]


def grain(marks=0, seed=0):
    """A plain surface: paper whose grain, dark flecks a few pixels across with a long tail of
    darker ones, is all that stands out; with `marks` dark pen strokes on it."""
    rng = np.random.default_rng(seed)
    noise = cv2.GaussianBlur(rng.normal(0, 1, (600, 800)).astype(np.float32), (0, 0), 3)
    noise = np.sign(noise) * noise ** 2
    image = np.clip(200 - 12 * noise / noise.std(), 0, 255).astype(np.uint8)
    for index in range(marks):
        cv2.line(image, (60 + 90 * index, 200), (90 + 90 * index, 280), 40, 5)
    return image


def test_grain_alone_is_no_ink_and_no_digits_are_not_warned_of():
    """A plain surface gives next to no ink: its grain stands out above the paper's noise, but
    seldom ABOVE_GRAIN times the noise of the map smoothed (without that rule 50 times as much
    of it would be ink); so no 'lot of ink' warning. Pen strokes on the same grain are ink."""
    assert paper_and_ink.ABOVE_GRAIN == 2
    ink, paper_level, _ = paper_and_ink.ink_map(grain())
    sheet = paper_and_ink.on_sheet(paper_level)
    strong, without_rule = (paper_and_ink.ink_thresholds(ink, sheet, above_grain=above)[1] for above in (2, 0))
    assert np.mean(ink > strong) < 0.02 * np.mean(ink > without_rule)
    assert photo_warnings.ink_share(grain()) < 0.05 * photo_warnings.INKY
    assert photo_warnings.photo_warnings(grain(), []) == []
    assert photo_warnings.ink_share(grain(marks=8)) > 0
