"""Train the pair reader, `pairs.h5`: which two digits a blob holds, or that it holds one.

Usage:
    python training/trainPairs.py                     # 60,000 blobs (two thirds pairs), 6 epochs
    python training/trainPairs.py --limit 1000 --epochs 1 --out /tmp/pairs.h5   # a quick run

Where two digits touch, the digit finder cuts the blob, and every cut makes two pieces the CNN
is sure of: a 7 with a 4's bar is a crossed 7, and the 4's stem left over a 1; a 1 drawn into a
6 is not cut at all, the whole blob a sure 6. Only the whole blob shows what was written. The
pair reader reads it whole: the blob's 28x28 region, as the digit finder makes it, in; out, for
the left digit the probabilities of 0-9, and for the right one those of 0-9 and of NONE, no
second digit. The digit finder then cuts a blob the pair reader finds surely two digits however
narrow, and doubts a way of reading it (whole, or cut in two) whose digits the pair reader
finds unlikely (`cuts_and_readings.pair_doubt`).

It learns from pairs of MNIST training digits drawn as the judge of pieces draws them
(`trainJudge.two_digits`: touching or overlapping at their edges, or a little apart) and from
single digits, half of them narrowed as tall handwriting is (so that a narrow digit is not taken
for two), in turn; pairs and digits of MNIST's test digits measure it. Its probabilities are
compared across the ways of reading a blob, so they are calibrated as the judge's are: one
temperature, fitted on blobs made from held-back training digits (`trainJudge.temperature`),
divides its logits before the softmax.
"""

import logging
import os

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")  # Keep TensorFlow's start-up notes quiet.

import cv2  # noqa: E402
import numpy as np  # noqa: E402

import trainJudge  # noqa: E402
from digitreader import console, cuts_and_readings, imaging, mnist_digits, models

with console.stderr_silenced():  # TensorFlow's C++ start-up notes bypass its log settings.
    import keras  # noqa: E402

OUTPUT_PATH = models.PAIRS_PATH  # where recognition looks for it
EXAMPLES = 60000  # blobs to train on: pairs touching, pairs a little apart and single digits, a third each
TEST_EXAMPLES = 6000  # blobs of MNIST's test digits to measure it
CALIBRATION_EXAMPLES = 3000  # blobs of the held-back training digits to choose the temperature
EPOCHS = 6  # both digits of 0.94 of held-out blobs right after 6 (a trial run); time is short
BATCH_SIZE = 128
SEED = 0
DIGITS = 2  # the left digit and the right one
NONE = models.NO_SECOND_DIGIT  # the right digit's class when there is none: the blob is one digit
CLASSES = NONE + 1  # 0-9 and NONE
KINDS = trainJudge.KINDS["two digits"] + ("single",)  # the kinds of blob, in equal shares
NARROWED = 0.5  # This share of the single digits is narrowed
NARROWER = (0.4, 1.0)  # ... to this fraction of its width (NARROW in tools/handwriting.py: 0.45-0.7).


def parse_args(argv):
    parser = console.OneLineErrorParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--epochs", type=console.positive_count, default=EPOCHS, help="default %(default)s")
    parser.add_argument("--out", default=OUTPUT_PATH, help="where to save the model (default %(default)s)")
    parser.add_argument("--limit", type=console.positive_count,
                        help=f"train on N blobs (default {EXAMPLES}), test on as many")
    parser.add_argument("--seed", type=int, default=SEED, help="random seed (default %(default)s)")
    return parser.parse_args(argv)


def single_digit(by_label, rng):
    """An MNIST digit as a piece of ink, NARROWED of them narrowed, and its labels (the digit, NONE)."""
    image, label = trainJudge.mnist_digit(by_label, rng)
    piece = trainJudge.digit_piece(image, trainJudge.piece_height(rng))
    if rng.random() < NARROWED:
        width = max(1, int(round(piece.shape[1] * rng.uniform(*NARROWER))))
        piece = cv2.resize(piece.astype(np.uint8), (width, piece.shape[0]), interpolation=cv2.INTER_AREA) > 0
    return piece, (label, NONE)


def blobs(images, labels, count, seed):
    """`count` blobs of `images` (MNIST digits, `labels` theirs), of KINDS in turn, as the digit
    finder's 28x28 regions, and their two labels, left first (a single digit's right: NONE)."""
    rng = np.random.default_rng(seed)
    by_label = [images[labels == digit] for digit in range(10)]
    regions, blob_labels = [], []
    for index in range(count):
        kind = KINDS[index % len(KINDS)]
        if kind == "single":
            piece, both = single_digit(by_label, rng)
        else:
            piece, _, _, _, both = trainJudge.two_digits(by_label, kind, rng)
        regions.append(cuts_and_readings.region(piece))
        blob_labels.append(both)
    return np.stack(regions)[..., np.newaxis], np.array(blob_labels)


def build_model():
    """The tutorial CNN's two convolution blocks, ending in logits for each digit of the blob:
    CLASSES for the left (NONE never right) and for the right (the temperature and softmax come
    once it is trained)."""
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
        keras.layers.Dense(DIGITS * CLASSES),
        keras.layers.Reshape((DIGITS, CLASSES)),
    ])


def report(probabilities, labels):
    """Print and return the share of held-out blobs with both digits right (a single digit's
    right one NONE), each side's, and how many of the pairs and the single digits it tells apart."""
    right = probabilities.argmax(axis=-1) == labels
    single, told_single = labels[:, 1] == NONE, probabilities[:, 1].argmax(axis=-1) == NONE
    print(f"Held-out accuracy: both digits {right.all(axis=1).mean():.4f} of {len(labels):,} blobs; "
          f"left {right[:, 0].mean():.4f}, right {right[:, 1].mean():.4f}; told one digit from two: "
          f"pairs {(~told_single[~single]).mean():.4f}, single digits {told_single[single].mean():.4f}")
    return float(right.all(axis=1).mean())


def main(argv=None):
    args = parse_args(argv)
    console.check_writable(args.out, "trainPairs.py", "--out")
    keras.utils.set_random_seed(args.seed)
    (x_train, y_train), (x_test, y_test) = mnist_digits.load_training_data("trainPairs.py")
    count, held_back = args.limit or EXAMPLES, trainJudge.CALIBRATION_DIGITS
    with console.ticking(f"Drawing {count:,} pairs and single digits ..."):
        train_images, train_labels = blobs(x_train[:-held_back], y_train[:-held_back], count, args.seed)
        held_images, held_labels = blobs(x_train[-held_back:], y_train[-held_back:],
                                         min(count, CALIBRATION_EXAMPLES), args.seed + 2)
        test_images, test_labels = blobs(x_test, y_test, min(count, TEST_EXAMPLES), args.seed + 1)

    model = build_model()
    model.summary()
    model.compile(loss=keras.losses.SparseCategoricalCrossentropy(from_logits=True), optimizer="adam",
                  metrics=["accuracy"])
    model.fit(train_images, train_labels, batch_size=BATCH_SIZE, epochs=args.epochs, shuffle=True,
              validation_data=(held_images, held_labels), verbose=2)

    def flat(logits):  # each side of each blob as one row of CLASSES, as the temperature is fitted
        return logits.reshape(-1, CLASSES)
    fitted = trainJudge.temperature(flat(model.predict(held_images, verbose=0)), held_labels.ravel())
    test_logits = model.predict(test_images, verbose=0)
    accuracy = report(trainJudge.softmax(flat(test_logits), fitted).reshape(test_logits.shape), test_labels)
    trainJudge.report_calibration(flat(test_logits), test_labels.ravel(), fitted, len(held_labels))
    logging.getLogger("absl").setLevel(logging.ERROR)  # HDF5 is chosen, not a mistake to warn of.
    final = trainJudge.calibrated(model, fitted)
    imaging.save_atomically(args.out, final.save)
    models.save_lite_copy(models.lite_copy(final), args.out)  # what recognition reads through
    print(f"Saved {args.out} (held-out accuracy, both digits {accuracy:.4f})")


if __name__ == "__main__":
    console.run_training(main, "trainPairs.py")
