"""Train the pair reader, `pairs.h5`: which two digits a piece of two touching digits holds.

Usage:
    python trainPairs.py                     # 40,000 pairs, 6 epochs
    python trainPairs.py --limit 1000 --epochs 1 --out /tmp/pairs.h5   # a quick run

Where two digits touch, the digit finder cuts the blob, and every cut makes two pieces the CNN
is sure of: a 7 with a 4's bar is a crossed 7, and the 4's stem left over a 1. Only the whole
blob shows which two digits were written. The pair reader reads it whole: the blob's 28x28
region, as the digit finder makes it, in, and for the left digit and for the right one the
probabilities of 0-9 out. The digit finder then doubts a cut into two pieces the CNN reads as
a pair the pair reader finds unlikely (`digit_finder.pair_doubt`).

It learns from pairs of MNIST training digits drawn as the judge of pieces draws them
(`trainJudge.two_digits`): touching or overlapping at their edges, or a little apart, in turn;
pairs of MNIST's test digits measure it. Its probabilities are compared across the ways of cutting a blob, so they are calibrated
as the judge's are: one temperature, fitted on pairs made from held-back training digits
(`trainJudge.temperature`), divides its logits before the softmax.
"""

import logging
import os
import sys

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")  # Keep TensorFlow's start-up notes quiet.

import numpy as np  # noqa: E402

import mnist_digits  # noqa: E402
import trainJudge  # noqa: E402

with mnist_digits.stderr_silenced():  # TensorFlow's C++ start-up notes bypass its log settings.
    import keras  # noqa: E402

OUTPUT_PATH = mnist_digits.PAIRS_PATH  # where recognition looks for it
EXAMPLES = 40000  # pairs to train on
TEST_EXAMPLES = 4000  # pairs of MNIST's test digits to measure it
CALIBRATION_EXAMPLES = 3000  # pairs of the held-back training digits to choose the temperature
EPOCHS = 6  # both digits of 0.94 of held-out pairs right after 6 (a trial run); time is short
BATCH_SIZE = 128
SEED = 0
DIGITS = 2  # the left digit and the right one


def parse_args(argv):
    parser = mnist_digits.OneLineErrorParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--epochs", type=mnist_digits.positive_count, default=EPOCHS, help="default %(default)s")
    parser.add_argument("--out", default=OUTPUT_PATH, help="where to save the model (default %(default)s)")
    parser.add_argument("--limit", type=mnist_digits.positive_count,
                        help=f"train on N pairs (default {EXAMPLES}), test on as many")
    parser.add_argument("--seed", type=int, default=SEED, help="random seed (default %(default)s)")
    return parser.parse_args(argv)


def pairs(images, labels, count, seed):
    """`count` pairs of digits from `images` (MNIST digits, `labels` theirs), touching and a
    little apart in turn as the judge learns them, as the digit finder's 28x28 regions, and
    their two labels, left first."""
    rng = np.random.default_rng(seed)
    by_label = [images[labels == digit] for digit in range(10)]
    regions, pair_labels = [], []
    for index in range(count):
        kind = trainJudge.KINDS["two digits"][index % len(trainJudge.KINDS["two digits"])]
        joint, _, _, _, both = trainJudge.two_digits(by_label, kind, rng)
        regions.append(trainJudge.as_region(joint))
        pair_labels.append(both)
    return np.stack(regions)[..., np.newaxis], np.array(pair_labels)


def build_model():
    """The tutorial CNN's two convolution blocks, ending in logits for each digit of the pair:
    ten for the left, ten for the right (the temperature and softmax come once it is trained)."""
    return keras.Sequential([
        keras.Input(shape=(mnist_digits.IMAGE_SIZE, mnist_digits.IMAGE_SIZE, 1)),
        keras.layers.Rescaling(1 / 255),
        keras.layers.Conv2D(32, kernel_size=(3, 3), activation="relu"),
        keras.layers.MaxPooling2D(pool_size=(2, 2)),
        keras.layers.Conv2D(64, kernel_size=(3, 3), activation="relu"),
        keras.layers.MaxPooling2D(pool_size=(2, 2)),
        keras.layers.Flatten(),
        keras.layers.Dropout(0.3),
        keras.layers.Dense(128, activation="relu"),
        keras.layers.Dense(DIGITS * 10),
        keras.layers.Reshape((DIGITS, 10)),
    ])


def report(probabilities, labels):
    """Print and return the share of held-out pairs with both digits right, and each side's."""
    right = probabilities.argmax(axis=-1) == labels
    print(f"Held-out accuracy: both digits {right.all(axis=1).mean():.4f} of {len(labels):,} pairs; "
          f"left {right[:, 0].mean():.4f}, right {right[:, 1].mean():.4f}")
    return float(right.all(axis=1).mean())


def main(argv=None):
    args = parse_args(argv)
    mnist_digits.check_writable(args.out, "trainPairs.py", "--out")
    keras.utils.set_random_seed(args.seed)
    (x_train, y_train), (x_test, y_test) = mnist_digits.load_training_data("trainPairs.py")
    count, held_back = args.limit or EXAMPLES, trainJudge.CALIBRATION_DIGITS
    with mnist_digits.ticking(f"Drawing {count:,} pairs of touching digits ..."):
        train_images, train_labels = pairs(x_train[:-held_back], y_train[:-held_back], count, args.seed)
        held_images, held_labels = pairs(x_train[-held_back:], y_train[-held_back:],
                                         min(count, CALIBRATION_EXAMPLES), args.seed + 2)
        test_images, test_labels = pairs(x_test, y_test, min(count, TEST_EXAMPLES), args.seed + 1)

    model = build_model()
    model.summary()
    model.compile(loss=keras.losses.SparseCategoricalCrossentropy(from_logits=True), optimizer="adam",
                  metrics=["accuracy"])
    model.fit(train_images, train_labels, batch_size=BATCH_SIZE, epochs=args.epochs, shuffle=True,
              validation_data=(held_images, held_labels), verbose=2)

    def flat(logits):  # each side of each pair as one row of ten, as the temperature is fitted
        return logits.reshape(-1, 10)
    fitted = trainJudge.temperature(flat(model.predict(held_images, verbose=0)), held_labels.ravel())
    test_logits = model.predict(test_images, verbose=0)
    accuracy = report(trainJudge.softmax(flat(test_logits), fitted).reshape(test_logits.shape), test_labels)
    trainJudge.report_calibration(flat(test_logits), test_labels.ravel(), fitted, len(held_labels))
    logging.getLogger("absl").setLevel(logging.ERROR)  # HDF5 is chosen, not a mistake to warn of.
    mnist_digits.save_atomically(args.out, trainJudge.calibrated(model, fitted).save)
    print(f"Saved {args.out} (held-out accuracy, both digits {accuracy:.4f})")


if __name__ == "__main__":
    try:
        main()
    except KeyboardInterrupt:
        sys.exit("trainPairs.py: interrupted; no model was written, an earlier one is untouched")
