"""Train the judge of pieces, `judge.h5`: is a piece of ink a handwritten digit, or not a digit?

Usage:
    python trainJudge.py                     # 20,000 digits and as many made-up non-digits, 8 epochs
    python trainJudge.py --limit 500 --epochs 1 --out /tmp/judge.h5   # a quick run

The CNN is sure of printed letters too: it only knows ten classes. The judge learns what a
digit is not, from pieces the digit finder meets beside handwriting and makes up here: printed
letters and bits of words in OpenCV's fonts (upright, italic, and its two handwriting-like
script fonts), a ruler's ticks over its printed numbers, a frame's corners, arrows, crosses
and scribbles. Its digits are MNIST's training digits; both are drawn at the sizes a photo
gives and made into 28x28 regions the way the digit finder makes them
(`mnist_digits.prepare_region`), so it sees what it will judge. Letters that are digits in
another hand (O, l, I, S, Z, B, g, q...) are left out: the digit finder tells those by the
word they stand in (`not_digits.py`). Held-out MNIST test digits and non-digits made with
another seed measure it. The classes are `not_digits.CLASSES`.
"""

import logging
import os
import sys

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")  # Keep TensorFlow's start-up notes quiet.

import cv2  # noqa: E402
import numpy as np  # noqa: E402

import mnist_digits  # noqa: E402
import not_digits  # noqa: E402

with mnist_digits.stderr_silenced():  # TensorFlow's C++ start-up notes bypass its log settings.
    import keras  # noqa: E402

OUTPUT_PATH = mnist_digits.JUDGE_PATH  # where recognition looks for it
EXAMPLES = 20000  # digits, and as many non-digits, to train on: enough for a model this small
TEST_EXAMPLES = 5000  # held-out digits (MNIST's test set) and non-digits (another seed) to measure it
EPOCHS = 8  # the held-out accuracy rises little after this many (0.987 after 4, 0.992 after 8)
BATCH_SIZE = 128
SEED = 0
PIECE_HEIGHT = (24, 96)  # pieces are drawn this many pixels tall, as photos give them
# Printed characters that are no digit in any hand; the others (O o Q D I l i j | S s Z z B b
# g q G) are digits in some hands, and left to the word they stand in.
LETTERS = "ACEFHKLMNPRTUVWXYacdefhkmnprtuvwxy#%&@?!$()[]{}<>*+=/"
FONTS = (cv2.FONT_HERSHEY_SIMPLEX, cv2.FONT_HERSHEY_PLAIN, cv2.FONT_HERSHEY_DUPLEX, cv2.FONT_HERSHEY_COMPLEX,
         cv2.FONT_HERSHEY_TRIPLEX, cv2.FONT_HERSHEY_COMPLEX_SMALL, cv2.FONT_HERSHEY_SCRIPT_SIMPLEX,
         cv2.FONT_HERSHEY_SCRIPT_COMPLEX)  # all of OpenCV's fonts, two of them handwriting-like
ITALIC = 0.3  # this share of the printed pieces is italic
STROKE = (0.04, 0.14)  # strokes are this fraction of the piece's height wide: thin print to a felt pen
KINDS = ("printed", "ruler", "mark")  # the non-digits made, in equal shares


def parse_args(argv):
    parser = mnist_digits.OneLineErrorParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--epochs", type=mnist_digits.positive_count, default=EPOCHS, help="default %(default)s")
    parser.add_argument("--out", default=OUTPUT_PATH, help="where to save the model (default %(default)s)")
    parser.add_argument("--limit", type=mnist_digits.positive_count,
                        help=f"train on N digits and N non-digits (default {EXAMPLES}), test on as many")
    parser.add_argument("--seed", type=int, default=SEED, help="random seed (default %(default)s)")
    return parser.parse_args(argv)


def as_region(mask):
    """A piece (a boolean mask) as the digit finder hands it to the judges."""
    return mnist_digits.prepare_region(mask.astype(np.uint8) * 255, mnist_digits.stroke_width(mask))


def pen(height, rng):
    """A stroke width for a piece `height` pixels tall."""
    return max(1, int(round(height * rng.uniform(*STROKE))))


def digit_piece(image, rng):
    """An MNIST digit as a piece of ink in a photo: drawn at a photo's size, then thresholded."""
    height = int(rng.integers(*PIECE_HEIGHT))
    grown = cv2.resize(image, (height, height), interpolation=cv2.INTER_LINEAR)
    return grown > 127


def printed_piece(rng):
    """One to three printed characters as one piece: a letter, or letters run together."""
    text = "".join(rng.choice(list(LETTERS), int(rng.choice([1, 1, 2, 3]))))
    font = int(rng.choice(FONTS)) | (cv2.FONT_ITALIC if rng.random() < ITALIC else 0)
    height = int(rng.integers(*PIECE_HEIGHT))
    scale = height / cv2.getTextSize("H", font, 1.0, 1)[0][1]
    thickness = pen(height, rng)
    (width, text_height), base = cv2.getTextSize(text, font, scale, thickness)
    canvas = np.zeros((text_height + base + 2 * thickness + 4, width + 2 * thickness + 4), np.uint8)
    cv2.putText(canvas, text, (thickness + 2, text_height + thickness + 2), font, scale, 255, thickness, cv2.LINE_AA)
    return canvas > 127


def ruler_piece(rng):
    """A ruler's tick with the small printed number under it, one piece once they are joined."""
    height = int(rng.integers(*PIECE_HEIGHT))
    tick, gap = rng.uniform(0.3, 0.6) * height, rng.uniform(0.05, 0.15) * height
    number = str(int(rng.integers(1, 31)))
    font = int(rng.choice(FONTS[:6]))
    scale = (height - tick - gap) / cv2.getTextSize("0", font, 1.0, 1)[0][1]
    thickness = pen(height, rng) // 2 + 1
    (width, _), _ = cv2.getTextSize(number, font, scale, thickness)
    canvas = np.zeros((height + 2 * thickness + 4, width + 2 * thickness + 4), np.uint8)
    middle = int(canvas.shape[1] * rng.uniform(0.3, 0.7))
    cv2.line(canvas, (middle, thickness + 2), (middle, int(tick)), 255, thickness, cv2.LINE_AA)
    cv2.putText(canvas, number, (thickness + 2, height + 1), font, scale, 255, thickness, cv2.LINE_AA)
    return canvas > 127


def mark_piece(rng):
    """A pen mark that is no digit: a frame's corner, an arrow, a cross, a tick mark or a scribble."""
    height = int(rng.integers(*PIECE_HEIGHT))
    size = np.array([rng.uniform(0.6, 2.0) * height, height])
    canvas = np.zeros((int(size[1]) + 8, int(size[0]) + 8), np.uint8)
    thickness = pen(height, rng)
    kind = int(rng.integers(5))
    corner = rng.uniform(0, 0.2, (4, 2)) * size + 4
    far = size + 4 - corner[::-1]
    if kind == 0:  # a frame's corner
        points = [(corner[0, 0], far[0, 1]), tuple(corner[1]), (far[1, 0], corner[1, 1])]
    elif kind == 1:  # an arrow
        tip = far[0]
        points = [tuple(corner[0]), tuple(tip), (tip[0] - 0.3 * size[0], tip[1] - 0.05 * size[1]), tuple(tip),
                  (tip[0] - 0.05 * size[0], tip[1] - 0.3 * size[1])]
    elif kind == 2:  # a cross
        points = [tuple(corner[0]), tuple(far[0]), ((corner[1, 0] + far[1, 0]) / 2, (corner[1, 1] + far[1, 1]) / 2),
                  (corner[1, 0], far[1, 1]), (far[1, 0], corner[1, 1])]
    elif kind == 3:  # a tick mark
        points = [(corner[0, 0], 0.5 * size[1]), (0.35 * size[0], far[0, 1]), (far[1, 0], corner[1, 1])]
    else:  # a scribble: a zigzag to and fro
        count = int(rng.integers(4, 9))
        points = list(zip(np.linspace(corner[0, 0], far[0, 0], count), rng.uniform(4, size[1] + 4, count)))
    cv2.polylines(canvas, [np.int32(points)], False, 255, thickness, cv2.LINE_AA)
    return canvas > 127


def non_digit_piece(kind, rng):
    return {"printed": printed_piece, "ruler": ruler_piece, "mark": mark_piece}[kind](rng)


def examples(images, count, seed):
    """`count` digits from `images` and `count` made-up non-digits (KINDS in equal shares), as
    28x28 regions, with their classes (indices into not_digits.CLASSES) and the non-digits' kinds."""
    rng = np.random.default_rng(seed)
    digits = [as_region(digit_piece(image, rng)) for image in images[:count]]
    kinds = [KINDS[index % len(KINDS)] for index in range(count)]
    others = [as_region(non_digit_piece(kind, rng)) for kind in kinds]
    classes = [not_digits.CLASSES.index("digit")] * len(digits) + [not_digits.CLASSES.index("not a digit")] * count
    return np.stack(digits + others)[..., np.newaxis], np.array(classes), ["digit"] * len(digits) + kinds


def build_model():
    """A small CNN: two convolution blocks, a few hundred kilobytes."""
    return keras.Sequential([
        keras.Input(shape=(mnist_digits.IMAGE_SIZE, mnist_digits.IMAGE_SIZE, 1)),
        keras.layers.Rescaling(1 / 255),
        keras.layers.Conv2D(16, kernel_size=(3, 3), activation="relu"),
        keras.layers.MaxPooling2D(pool_size=(2, 2)),
        keras.layers.Conv2D(32, kernel_size=(3, 3), activation="relu"),
        keras.layers.MaxPooling2D(pool_size=(2, 2)),
        keras.layers.Flatten(),
        keras.layers.Dropout(0.3),
        keras.layers.Dense(32, activation="relu"),
        keras.layers.Dense(len(not_digits.CLASSES), activation="softmax"),
    ])


def report(model, images, classes, kinds):
    """Print the held-out accuracy, overall and for digits and each kind of non-digit."""
    right = np.argmax(model.predict(images, verbose=0), axis=1) == classes
    print(f"Held-out accuracy: {right.mean():.4f} on {len(right):,} pieces")
    for kind in ("digit",) + KINDS:
        mine = np.array(kinds) == kind
        print(f"  {kind:8} {right[mine].mean():.4f} of {mine.sum():,}")
    return float(right.mean())


def main(argv=None):
    args = parse_args(argv)
    mnist_digits.check_writable(args.out, "trainJudge.py", "--out")
    keras.utils.set_random_seed(args.seed)
    (x_train, _), (x_test, _) = mnist_digits.load_training_data("trainJudge.py")
    count = args.limit or EXAMPLES
    train_images, train_classes, _ = examples(x_train, count, args.seed)
    test_images, test_classes, test_kinds = examples(x_test, min(count, TEST_EXAMPLES), args.seed + 1)

    model = build_model()
    model.summary()
    model.compile(loss="sparse_categorical_crossentropy", optimizer="adam", metrics=["accuracy"])
    model.fit(train_images, train_classes, batch_size=BATCH_SIZE, epochs=args.epochs, shuffle=True,
              validation_data=(test_images, test_classes), verbose=2)
    accuracy = report(model, test_images, test_classes, test_kinds)
    logging.getLogger("absl").setLevel(logging.ERROR)  # HDF5 is chosen, not a mistake to warn of.
    mnist_digits.save_atomically(args.out, model.save)
    print(f"Saved {args.out} (held-out accuracy {accuracy:.4f})")


if __name__ == "__main__":
    try:
        main()
    except KeyboardInterrupt:
        sys.exit("trainJudge.py: interrupted; no model was written, an earlier one is untouched")
