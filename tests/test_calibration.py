"""The judge of pieces' calibration maths (training/trainJudge.py): the softmax with a
temperature, the log-likelihood, temperature scaling and the expected calibration error, on
small hand-made arrays whose answers are known."""

import numpy as np
import pytest

import trainJudge


def test_the_softmax_divides_the_logits_by_the_temperature():
    logits = np.array([[0.0, np.log(3)], [5.0, 5.0], [1000.0, 1000.0 + np.log(3)]])
    assert trainJudge.softmax(logits) == pytest.approx(np.array([[0.25, 0.75], [0.5, 0.5], [0.25, 0.75]]))
    assert trainJudge.softmax(2 * logits, temperature=2) == pytest.approx(trainJudge.softmax(logits))
    assert trainJudge.softmax(logits, temperature=1e6) == pytest.approx(np.full((3, 2), 0.5), abs=1e-5)
    assert np.isfinite(trainJudge.softmax(logits)).all()  # large logits do not overflow


def test_the_log_loss_is_the_mean_negative_log_likelihood_of_the_true_classes():
    probabilities = np.array([[0.25, 0.75], [0.9, 0.1]])
    assert trainJudge.log_loss(probabilities, np.array([1, 0])) == pytest.approx(-(np.log(0.75) + np.log(0.9)) / 2)
    assert trainJudge.log_loss(np.array([[1.0, 0.0]]), np.array([0])) == pytest.approx(0, abs=1e-9)


def confident(confidence, right):
    """Rows of two classes: class 0 this likely; the true class 0 where `right`, else 1."""
    confidence, right = np.asarray(confidence, float), np.asarray(right, bool)
    return np.stack([confidence, 1 - confidence], axis=1), np.where(right, 0, 1)


@pytest.mark.parametrize("confidences, right, error", [
    ([0.75] * 4, [True, True, True, False], 0.0),  # three in four right at 0.75: calibrated
    ([0.9] * 5, [True] * 5, 0.1),  # always right, only 0.9 sure
    ([0.9] * 5, [False] * 5, 0.9),
    ([0.6, 0.6, 0.95, 0.95], [False, False, True, True], 0.5 * 0.6 + 0.5 * 0.05),  # two bins, weighted by their pieces
    ([0.55, 0.95], [True, False], 0.5 * 0.45 + 0.5 * 0.95),  # bins apart: under and over sure do not cancel
    ([0.61, 0.65], [True, False], abs(0.5 - 0.63)),  # one bin (0.600-0.667): its mean confidence
    ([1.0, 1.0], [True, True], 0.0),  # full confidence falls in the last bin
    ([0.7] * 3 + [0.98], [True, True, False, True], 0.75 * abs(2 / 3 - 0.7) + 0.25 * 0.02),
])
def test_the_expected_calibration_error_compares_confidence_and_accuracy_bin_by_bin(confidences, right, error):
    assert trainJudge.CALIBRATION_BINS == 15
    probabilities, classes = confident(confidences, right)
    assert trainJudge.calibration_error(probabilities, classes) == pytest.approx(error, abs=1e-9)


def test_the_calibration_error_reads_the_largest_class_of_many():
    probabilities = np.array([[0.1, 0.7, 0.2], [0.1, 0.2, 0.7], [0.7, 0.2, 0.1]])
    assert trainJudge.calibration_error(probabilities, np.array([1, 0, 0])) == pytest.approx(abs(2 / 3 - 0.7))


def sampled(logits, seed=0):
    """A class for each row of `logits`, drawn as likely as their softmax says: logits that are
    calibrated by construction."""
    probabilities = trainJudge.softmax(logits)
    draws = np.random.default_rng(seed).random((len(logits), 1))
    return (draws > probabilities.cumsum(axis=1)).sum(axis=1)


@pytest.fixture(scope="module")
def calibrated_logits():
    logits = np.random.default_rng(1).normal(0, 2.5, (20000, 4))
    return logits, sampled(logits)


@pytest.mark.parametrize("scale", [0.5, 1.0, 2.5, 6.0])
def test_temperature_scaling_recovers_the_temperature_the_logits_were_scaled_by(calibrated_logits, scale):
    logits, classes = calibrated_logits
    assert trainJudge.temperature(scale * logits, classes) == pytest.approx(scale, rel=0.05)


def test_the_calibrated_logits_have_a_small_calibration_error_and_scaled_ones_a_large_one(calibrated_logits):
    """Overconfident logits (scaled up 2.5 times) are as far off as the calibration error shows,
    and dividing them by the fitted temperature brings them back to the calibrated ones'."""
    logits, classes = calibrated_logits
    calibrated = trainJudge.calibration_error(trainJudge.softmax(logits), classes)
    overconfident = trainJudge.calibration_error(trainJudge.softmax(2.5 * logits), classes)
    fitted = trainJudge.temperature(2.5 * logits, classes)
    mended = trainJudge.calibration_error(trainJudge.softmax(2.5 * logits, fitted), classes)
    assert calibrated < 0.02 and overconfident > 0.1 and mended < 0.02, (calibrated, overconfident, mended)


def test_the_temperature_stays_between_a_twentieth_and_twenty():
    """Always wrong, the likeliest temperature is as high as allowed (e^3); always right, the
    lower the likelier, down to where every answer is sure to float precision (a log-likelihood
    of 0), far below 1 and no lower than allowed (e^-3)."""
    logits = np.array([[2.0, 0.0], [0.0, 3.0], [1.0, -1.0]])
    right, wrong = np.array([0, 1, 0]), np.array([1, 0, 1])
    assert trainJudge.temperature(logits, wrong) == pytest.approx(np.exp(3), rel=1e-3)
    low = trainJudge.temperature(logits, right)
    assert np.exp(-3) * 0.999 <= low < 0.1
    assert trainJudge.log_loss(trainJudge.softmax(logits, low), right) < 1e-6
