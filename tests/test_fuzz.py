"""Recognition fed random images of every size, depth and channel count never fails, and what
it returns always holds together."""

import cv2
import numpy as np
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from digitreader import drawing, pipeline


DTYPES = (np.uint8, np.uint16, np.float32, np.float64, np.bool_)


@st.composite
def images(draw):
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
    image = canvas if channels is None else np.repeat(canvas[..., None], channels, axis=2)
    dtype = draw(st.sampled_from(DTYPES))
    if dtype == np.bool_:
        return image > 127
    if dtype == np.uint16:
        return image.astype(np.uint16) * 257
    if dtype in (np.float32, np.float64):
        return image.astype(dtype) / 255
    return image


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(image=images())
def test_recognition_of_any_image_holds_together(cnn, svm, image):
    result = pipeline.recognize(image, cnn, svm)
    height, width = image.shape[:2]
    for digit in result["digits"]:
        x, y, w, h = digit["box"]
        assert 0 <= x and 0 <= y and w >= 1 and h >= 1 and x + w <= width and y + h <= height
        assert digit["cnn"] in range(10) and digit["svm"] in range(10)
        assert 0 <= digit["cnn_confidence"] <= 1
    for model in ("cnn", "svm"):
        assert "".join(result["lines"][model]) == "".join(str(digit[model]) for digit in result["digits"])
        assert all(result["lines"][model])
    annotated = drawing.annotate(image, result)
    assert annotated.shape[:2] == (height, width) and annotated.dtype == np.uint8
