"""Recognition fed random images of every size, depth and channel count never fails, and what
it returns always holds together: boxes on ink inside the image, confident answers; an image of
one colour reads nothing, and a sheet of known digits reads the same at every depth."""

import cv2
import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import functools

import make_photos
from digitreader import drawing, mnist_digits, models, photo_warnings, pipeline

LINES = ["0522", "1234567", "98316"]
DTYPES = (np.uint8, np.uint16, np.float32, np.float64, np.bool_)


@functools.lru_cache(maxsize=1)
def mnist_test_digits():
    return mnist_digits.load_mnist()[1][0][:500]


@st.composite
def images(draw):
    """An image, and the colour of its ground where that is one colour (None for noise), as the
    image's pixels hold it."""
    height = draw(st.integers(1, 400) | st.sampled_from([1, 2, 3, 1500]))
    width = draw(st.integers(1, 400) | st.sampled_from([1, 2, 3, 1500]))
    channels = draw(st.sampled_from([None, 1, 3, 4]))
    rng = np.random.default_rng(draw(st.integers(0, 2 ** 32 - 1)))
    background = draw(st.sampled_from(["noise", "paper", "black", "white"]))
    canvas = {"noise": lambda: rng.integers(0, 256, (height, width)),
              "paper": lambda: np.full((height, width), 220),
              "black": lambda: np.zeros((height, width)),
              "white": lambda: np.full((height, width), 255)}[background]().astype(np.uint8)
    for _ in range(draw(st.integers(0, 12))):  # strokes and blobs of ink
        start = (int(rng.integers(0, width)), int(rng.integers(0, height)))
        end = (int(rng.integers(0, width)), int(rng.integers(0, height)))
        if rng.random() < 0.5:
            cv2.line(canvas, start, end, int(rng.integers(0, 256)), int(rng.integers(1, 12)))
        else:
            cv2.circle(canvas, start, int(rng.integers(1, 60)), int(rng.integers(0, 256)), int(rng.integers(-1, 8)))
    for _ in range(draw(st.integers(0, 8))):  # handwritten digits, dark on the ground, of any size
        size = int(rng.integers(10, 150))
        if size <= min(height, width):
            digit = cv2.resize(mnist_test_digits()[rng.integers(500)], (size, size)).astype(np.float32) / 255
            top, left = int(rng.integers(0, height - size + 1)), int(rng.integers(0, width - size + 1))
            patch = canvas[top:top + size, left:left + size]
            patch[:] = (patch * (1 - digit) + rng.integers(0, 100) * digit).astype(np.uint8)
    image = canvas if channels is None else np.repeat(canvas[..., None], channels, axis=2)
    ground = {"noise": None, "paper": 220, "black": 0, "white": 255}[background]
    as_dtype = {np.bool_: lambda pixels: pixels > 127, np.uint16: lambda pixels: pixels.astype(np.uint16) * 257,
                np.float32: lambda pixels: pixels.astype(np.float32) / 255,
                np.float64: lambda pixels: pixels.astype(np.float64) / 255, np.uint8: lambda pixels: pixels}
    convert = as_dtype[draw(st.sampled_from(DTYPES))]
    return convert(image), None if ground is None else convert(np.uint8(ground))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(drawn=images())
def test_recognition_of_any_image_holds_together(cnn, svm, drawn):
    image, ground = drawn
    result = pipeline.recognize(image, cnn, svm)
    height, width = image.shape[:2]
    if image.min() == image.max():  # one colour all over: nothing to read, nothing to warn of but a size too small
        assert result["digits"] == []
        assert all("too small to hold a readable digit" in warning for warning in result["warnings"])
        assert len(result["warnings"]) == (min(height, width) < photo_warnings.SMALLEST_DIGIT)
    for digit in result["digits"]:
        x, y, w, h = digit["box"]
        assert 0 <= x and 0 <= y and w >= 1 and h >= 1 and x + w <= width and y + h <= height
        if ground is not None:  # a digit's box holds something drawn on the ground
            assert (image[y:y + h, x:x + w] != ground).any(), digit["box"]
        assert digit["cnn"] in range(10) and digit["svm"] in range(10)
        assert models.MIN_CONFIDENCE <= digit["cnn_confidence"] <= 1
    assert result["page"]["turn"] in (0, 90, 180, 270) and np.isfinite(result["page"]["tilt"])
    annotated = drawing.annotate(image, result)
    assert annotated.shape[:2] == (height, width) and annotated.dtype == np.uint8


@st.composite
def digits_on_paper(draw):
    """Paper with MNIST test digits of any size, each alone in a cell of a grid, and each
    digit's square (x, y, size)."""
    rng = np.random.default_rng(draw(st.integers(0, 2 ** 32 - 1)))
    rows, columns, cell = draw(st.integers(1, 4)), draw(st.integers(1, 6)), draw(st.integers(40, 160))
    image = np.full((rows * cell, columns * cell), draw(st.integers(150, 255)), np.float32)
    squares = []
    for row in range(rows):
        for column in range(columns):
            if rng.random() < 0.3:
                continue  # an empty cell
            size = int(rng.integers(28, int(0.8 * cell) + 1))
            x, y = column * cell + int(rng.integers(0, cell - size + 1)), row * cell + int(rng.integers(0, cell - size + 1))
            ink = cv2.resize(mnist_test_digits()[rng.integers(500)], (size, size)).astype(np.float32) / 255
            image[y:y + size, x:x + size] *= 1 - 0.85 * ink
            squares.append((x, y, size))
    return image.astype(np.uint8), squares


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(drawn=digits_on_paper())
def test_every_box_found_on_paper_lies_on_a_digit_written_there(cnn, svm, drawn):
    image, squares = drawn
    result = pipeline.recognize(image, cnn, svm)
    for digit in result["digits"]:
        x, y, width, height = digit["box"]
        centre = (x + width / 2, y + height / 2)
        assert any(left <= centre[0] <= left + size and top <= centre[1] <= top + size
                   for left, top, size in squares), (digit["box"], squares)
        assert models.MIN_CONFIDENCE <= digit["cnn_confidence"] <= 1
    if not squares:
        assert result["digits"] == []


@pytest.mark.parametrize("dtype", DTYPES[:4])
@pytest.mark.parametrize("channels", [None, 1, 3, 4])
def test_an_image_of_one_colour_reads_nothing_at_any_depth(cnn, svm, dtype, channels):
    for value in (0, 0.5, 1):
        image = np.full((120, 160) if channels is None else (120, 160, channels), value * 255).astype(dtype)
        if dtype in (np.float32, np.float64):
            image = image / 255
        if dtype == np.uint16:
            image = image * 257
        result = pipeline.recognize(image, cnn, svm)
        assert result["digits"] == [] and result["lines"] == {"cnn": [], "svm": []} and result["warnings"] == []


def as_depth(photo, dtype, channels):
    """A BGR uint8 photo as grey, BGR or BGRA, in 8 or 16 bits or as floats 0-1."""
    grey = cv2.cvtColor(photo, cv2.COLOR_BGR2GRAY)
    image = {None: grey, 1: grey[..., None], 3: photo, 4: cv2.cvtColor(photo, cv2.COLOR_BGR2BGRA)}[channels]
    if dtype == np.uint16:
        return image.astype(np.uint16) * 257
    if dtype in (np.float32, np.float64):
        return image.astype(dtype) / 255
    return image


@pytest.mark.parametrize("dtype", DTYPES[:4])
@pytest.mark.parametrize("channels", [None, 1, 3, 4])
def test_a_sheet_of_known_digits_reads_the_same_at_any_depth(cnn, svm, dtype, channels):
    photo, outlines = make_photos.make_sheet(LINES, seed=2, with_digits=True)
    result = pipeline.recognize(as_depth(photo, dtype, channels), cnn, svm)
    assert result["lines"]["cnn"] == LINES
    centres = [np.mean(outline, axis=0) for outline in outlines]
    for digit, centre in zip(result["digits"], centres):  # both in reading order
        x, y, width, height = digit["box"]
        assert x <= centre[0] <= x + width and y <= centre[1] <= y + height
