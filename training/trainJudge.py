"""Train the judge of pieces, `judge.h5`: is a piece of ink one handwritten digit, part of a
digit, two digits, or not a digit?

Usage:
    python training/trainJudge.py                     # 20,000 digits and non-digits, 10,000 parts and pairs, 8 epochs
    python training/trainJudge.py --limit 500 --epochs 1 --out /tmp/judge.h5   # a quick run

The CNN is sure of printed letters, of half a digit and of two touching digits too: it only
knows ten whole digits. The judge learns the four classes of `models.CLASSES` from pieces
the digit finder meets, made up here:
- digits: MNIST's training digits;
- parts of a digit: a digit cut off-centre (straight or leaning as the digit finder cuts,
  keeping 20-70 % of its ink columns, either side), a whole digit with a sliver (10-35 % of
  the width) of the neighbour it touches, and strokes a wrong cut leaves alone: the tail of a 5,
  7 or 9, a 7's bar, a 4's stem;
- two digits: two MNIST digits touching or overlapping at their edges (by up to a third of the
  narrower's width, a little higher or lower, half of them of slightly different sizes), or a
  little apart, as the digit finder joins two pieces side by side that may be one digit;
- not a digit: printed letters and bits of words in OpenCV's fonts (upright, italic, and its
  two handwriting-like script fonts), a ruler's ticks over its printed numbers, a frame's
  corners, arrows, crosses and scribbles. Letters that are digits in another hand (O, l, I, S,
  Z, B, g, q...) are left out: the digit finder tells those by the word they stand in
  (`not_digits.py`).
All are drawn at the sizes a photo gives and made into 28x28 regions the way the digit finder
makes them (`mnist_digits.prepare_region`, with the pen width of the whole digit for a part),
so it sees what it will judge. Digits and non-digits are a third of the pieces each, parts
and pairs a sixth. Pieces made from MNIST's test digits (non-digits with another seed) measure it.

The digit finder compares the judge's probabilities across pieces (is this cut likelier than
that one?), so they are calibrated: the model ends in logits, and one temperature T divides
them before the softmax, T chosen to make held-back pieces likeliest (temperature scaling).
The held-back pieces are made from the last CALIBRATION_DIGITS training digits, which the
judge never learns from. T changes no answer, only how sure the judge is; the saved model
holds it as a Rescaling layer of 1/T. The script prints T and the expected calibration error
of the held-out pieces before and after.
"""

import logging
import os

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")  # Keep TensorFlow's start-up notes quiet.

import cv2  # noqa: E402
import numpy as np  # noqa: E402
import scipy.optimize  # noqa: E402
from digitreader import console, cuts_and_readings, imaging, mnist_digits, models, pieces_of_ink


with console.stderr_silenced():  # TensorFlow's C++ start-up notes bypass its log settings.
    import keras  # noqa: E402

OUTPUT_PATH = models.JUDGE_PATH  # where recognition looks for it
EXAMPLES = 20000  # digits to train on, and pieces of the other classes in SHARES
SHARES = {"digit": 1, "not a digit": 1,  # pieces of each class per digit: as many non-digits as digits,
          "part of a digit": 0.5, "two digits": 0.5}  # ... half as many parts and pairs; digits are a third
TEST_EXAMPLES = 5000  # held-out digits (MNIST's test set) to measure it, and the others in proportion
CALIBRATION_DIGITS = 5000  # the last MNIST training digits, held back to choose the temperature
CALIBRATION_EXAMPLES = 3000  # digits made from them (and the others in proportion) for it
EPOCHS = 8  # the held-back accuracy rises slowly by now (0.912 after 4, 0.929 after 8); time is short
BATCH_SIZE = 128
SEED = 0
CALIBRATION_BINS = 15  # the expected calibration error compares confidence and accuracy in this many bins
PIECE_HEIGHT = (24, 96)  # pieces are drawn this many pixels tall, as photos give them
# Printed characters that are no digit in any hand; the others (O o Q D I l i j | S s Z z B b
# g q G) are digits in some hands, and left to the word they stand in.
LETTERS = "ACEFHKLMNPRTUVWXYacdefhkmnprtuvwxy#%&@?!$()[]{}<>*+=/"
FONTS = (cv2.FONT_HERSHEY_SIMPLEX, cv2.FONT_HERSHEY_PLAIN, cv2.FONT_HERSHEY_DUPLEX, cv2.FONT_HERSHEY_COMPLEX,
         cv2.FONT_HERSHEY_TRIPLEX, cv2.FONT_HERSHEY_COMPLEX_SMALL, cv2.FONT_HERSHEY_SCRIPT_SIMPLEX,
         cv2.FONT_HERSHEY_SCRIPT_COMPLEX)  # all of OpenCV's fonts, two of them handwriting-like
ITALIC = 0.3  # this share of the printed pieces is italic
STROKE = (0.04, 0.14)  # strokes are this fraction of the piece's height wide: thin print to a felt pen
OVERLAP = 1 / 3  # Touching digits overlap by up to this share of the narrower's width,
OFFSET = 0.1  # ... stand up to this share of their height higher or lower than each other,
RESIZED = 0.5  # ... and this share of them differ in size,
SIZES = (0.85, 1.15)  # ... the second being this many times the first's height.
JOIN_GAP = 0.2  # Pairs drawn apart are up to this share of the height apart (the finder may join pieces 0.3 apart, pieces_of_ink.JOIN_REACH),
JOINED_WIDTH = 1.3  # ... and this many times the photo's digit width wide together (side_by_side).
DIGIT_WIDTH = 0.85  # ... the digit width being this share of the height for MNIST's (typical_width, measured once).
KEPT_COLUMNS = (0.2, 0.7)  # A cut off-centre keeps this share of a digit's ink columns;
UNCUT = (1,)  # ... what is left of a 1 is a shorter 1, so 1s are not cut.
SLIVER = (0.1, 0.35)  # A wrong cut gives a digit this share of its neighbour's width.
STROKES = (((5, 7, 9), "bottom", (0.35, 0.6)),  # Lone strokes: the tail of a 5, 7 or 9 (this share of its rows),
           ((7,), "top", (0.25, 0.4)),  # a 7's bar,
           ((4,), "right", (0.25, 0.45)))  # a 4's stem (this share of its columns).
KINDS = {"digit": ("digit",),  # the kinds of piece made for each class, in equal shares
         "part of a digit": ("cut", "sliver", "stroke"),
         "two digits": ("touching", "apart"),
         "not a digit": ("printed", "ruler", "mark")}


def parse_args(argv):
    parser = console.OneLineErrorParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--epochs", type=console.positive_count, default=EPOCHS, help="default %(default)s")
    parser.add_argument("--out", default=OUTPUT_PATH, help="where to save the model (default %(default)s)")
    parser.add_argument("--limit", type=console.positive_count,
                        help=f"train on N digits (default {EXAMPLES}), N non-digits, N/2 parts, N/2 pairs; "
                             "test on as many")
    parser.add_argument("--seed", type=int, default=SEED, help="random seed (default %(default)s)")
    return parser.parse_args(argv)


def pen(height, rng):
    """A stroke width for a piece `height` pixels tall."""
    return max(1, int(round(height * rng.uniform(*STROKE))))


def piece_height(rng):
    """How many pixels tall a piece is drawn (PIECE_HEIGHT)."""
    return int(rng.integers(*PIECE_HEIGHT))


def trimmed(mask):
    """A mask cut to the box of its ink."""
    rows, columns = np.flatnonzero(mask.any(axis=1)), np.flatnonzero(mask.any(axis=0))
    return mask[rows[0]:rows[-1] + 1, columns[0]:columns[-1] + 1]


def digit_piece(image, height):
    """An MNIST digit as a piece of ink in a photo: drawn `height` pixels tall (its 28x28 box),
    thresholded, and cut to its ink."""
    return trimmed(cv2.resize(image, (height, height), interpolation=cv2.INTER_LINEAR) > 127)


def side_by_side(first, second, start, rise):
    """Two pieces as one: `second` begins `start` columns right of `first`'s left edge, its
    bottom `rise` rows above `first`'s."""
    bottom = max(first.shape[0], second.shape[0] + rise)  # first's, in the joint piece's rows
    joint = np.zeros((max(bottom, bottom - rise), max(first.shape[1], start + second.shape[1])), bool)
    joint[bottom - first.shape[0]:bottom, :first.shape[1]] |= first
    joint[bottom - rise - second.shape[0]:bottom - rise, start:start + second.shape[1]] |= second
    return joint


def mnist_digit(by_label, rng, digits=range(10)):
    """An MNIST digit, one of `digits` (each as likely), from `by_label`: the digits of each
    label; and its label."""
    label = int(rng.choice(digits))
    images = by_label[label]
    return images[rng.integers(len(images))], label


def two_digits(by_label, kind, rng):
    """Two MNIST digits as one piece, the two, where the second begins and their labels:
    touching or overlapping, or ("apart") a little apart and no wider than the digit finder joins."""
    while True:
        height = piece_height(rng)
        scale = rng.uniform(*SIZES) if rng.random() < RESIZED else 1.0
        (first, first_label), (second, second_label) = mnist_digit(by_label, rng), mnist_digit(by_label, rng)
        first, second = digit_piece(first, height), digit_piece(second, int(round(height * scale)))
        if kind == "touching":
            start = first.shape[1] - int(rng.uniform(0, OVERLAP) * min(first.shape[1], second.shape[1]))
        else:
            start = first.shape[1] + int(rng.uniform(0, JOIN_GAP) * first.shape[0])
        joined = start + second.shape[1]
        if kind == "touching" or joined <= JOINED_WIDTH * DIGIT_WIDTH * first.shape[0]:
            rise = int(round(rng.uniform(-OFFSET, OFFSET) * first.shape[0]))
            return side_by_side(first, second, start, rise), first, second, start, (first_label, second_label)


def cut_off(mask, end, share, slope=0.0):
    """What lies within `share` of a piece's width (or height) from its `end` ("left", "right",
    "top" or "bottom") of a cut leaning `slope` columns a row (rows a column) through its middle."""
    across = end in ("top", "bottom")
    mask = mask.T if across else mask
    rows, columns = np.indices(mask.shape)
    first = end in ("left", "top")
    boundary = (share if first else 1 - share) * mask.shape[1] + slope * (rows - mask.shape[0] / 2)
    kept = mask & ((columns < boundary) == first)
    return kept.T if across else kept


def part_of_a_digit(by_label, kind, rng):
    """Part of a digit, and what it was cut from: a digit cut off-centre ("cut"), a digit with
    a sliver of the neighbour it touches ("sliver"), or a stroke of a digit alone ("stroke");
    never empty, nor a speck the digit finder would drop."""
    while True:
        if kind == "sliver":
            whole, first, second, start, _ = two_digits(by_label, "touching", rng)
            share = rng.uniform(*SLIVER)
            if rng.random() < 0.5:  # the first digit and a sliver of the second
                end, edge = "left", first.shape[1] + share * second.shape[1]
            else:
                end, edge = "right", whole.shape[1] - start + share * first.shape[1]
            part = cut_off(whole, end, edge / whole.shape[1], rng.choice(cuts_and_readings.CUT_SLOPES))
        elif kind == "cut":
            whole = digit_piece(mnist_digit(by_label, rng, [digit for digit in range(10) if digit not in UNCUT])[0],
                                piece_height(rng))
            part = cut_off(whole, rng.choice(["left", "right"]), rng.uniform(*KEPT_COLUMNS),
                           rng.choice(cuts_and_readings.CUT_SLOPES))
        else:
            digits, end, shares = STROKES[rng.integers(len(STROKES))]
            whole = digit_piece(mnist_digit(by_label, rng, digits)[0], piece_height(rng))
            part = cut_off(whole, end, rng.uniform(*shares))
        stroke = mnist_digits.stroke_width(whole)
        if part.any():
            part = trimmed(part)
            piece = pieces_of_ink.Blob(0, 0, part.shape[1], part.shape[0], part)
            if not pieces_of_ink.is_speck(piece, whole.shape[0], stroke):
                return part, whole


def printed_piece(rng):
    """One to three printed characters as one piece: a letter, or letters run together."""
    text = "".join(rng.choice(list(LETTERS), int(rng.choice([1, 1, 2, 3]))))
    font = int(rng.choice(FONTS)) | (cv2.FONT_ITALIC if rng.random() < ITALIC else 0)
    height = piece_height(rng)
    scale = height / cv2.getTextSize("H", font, 1.0, 1)[0][1]
    thickness = pen(height, rng)
    (width, text_height), base = cv2.getTextSize(text, font, scale, thickness)
    canvas = np.zeros((text_height + base + 2 * thickness + 4, width + 2 * thickness + 4), np.uint8)
    cv2.putText(canvas, text, (thickness + 2, text_height + thickness + 2), font, scale, 255, thickness, cv2.LINE_AA)
    return canvas > 127


def ruler_piece(rng):
    """A ruler's tick with the small printed number under it, one piece once they are joined."""
    height = piece_height(rng)
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
    height = piece_height(rng)
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


def region(kind, by_label, rng):
    """A made-up piece of `kind` (one of KINDS') as a 28x28 region."""
    if kind in KINDS["two digits"]:
        return cuts_and_readings.region(two_digits(by_label, kind, rng)[0])
    if kind in KINDS["part of a digit"]:
        part, whole = part_of_a_digit(by_label, kind, rng)
        return cuts_and_readings.region(part, mnist_digits.stroke_width(whole))
    return cuts_and_readings.region(non_digit_piece(kind, rng))


def examples(images, labels, count, seed):
    """`count` digits from `images` (MNIST digits, `labels` theirs) and the pieces of the other
    classes in SHARES, made from them or made up (each class's KINDS in equal shares), as 28x28
    regions, with their classes (indices into `models.CLASSES`) and kinds."""
    rng = np.random.default_rng(seed)
    kinds = [KINDS[name][index % len(KINDS[name])] for name, share in SHARES.items()
             for index in range(int(share * count))]
    regions = [cuts_and_readings.region(digit_piece(image, piece_height(rng))) for image in images[:count]]
    by_label = [images[labels == digit] for digit in range(10)]
    regions += [region(kind, by_label, rng) for kind in kinds[count:]]
    class_of = {kind: index for index, name in enumerate(models.CLASSES) for kind in KINDS[name]}
    return np.stack(regions)[..., np.newaxis], np.array([class_of[kind] for kind in kinds]), kinds


def build_model():
    """A small CNN: two convolution blocks, a few hundred kilobytes. It ends in logits; the
    temperature and the softmax are added once it is trained (`calibrated`)."""
    return keras.Sequential([
        keras.Input(shape=(mnist_digits.IMAGE_SIZE, mnist_digits.IMAGE_SIZE, 1)),
        keras.layers.Rescaling(1 / 255),
        keras.layers.Conv2D(16, kernel_size=(3, 3), activation="relu"),
        keras.layers.MaxPooling2D(pool_size=(2, 2)),
        keras.layers.Conv2D(32, kernel_size=(3, 3), activation="relu"),
        keras.layers.MaxPooling2D(pool_size=(2, 2)),
        keras.layers.Flatten(),
        keras.layers.Dropout(0.3),
        keras.layers.Dense(64, activation="relu"),
        keras.layers.Dense(len(models.CLASSES)),
    ])


def softmax(logits, temperature=1.0):
    """Probabilities from logits divided by `temperature`, as the saved model's last layers make them."""
    scaled = logits / temperature
    scaled -= scaled.max(axis=1, keepdims=True)
    return np.exp(scaled) / np.exp(scaled).sum(axis=1, keepdims=True)


def log_loss(probabilities, classes):
    """The mean negative log-likelihood of the true classes."""
    return float(-np.mean(np.log(probabilities[np.arange(len(classes)), classes] + 1e-12)))


def temperature(logits, classes):
    """The temperature that makes the classes likeliest (least `log_loss`), between 1/20 and 20."""
    fit = scipy.optimize.minimize_scalar(lambda log_temperature: log_loss(softmax(logits, np.exp(log_temperature)),
                                                                          classes), bounds=(-3, 3), method="bounded")
    return float(np.exp(fit.x))


def calibration_error(probabilities, classes):
    """The expected calibration error: in CALIBRATION_BINS bins of confidence (the largest
    probability), how far the share of right answers lies from the mean confidence, weighted
    by the pieces in each."""
    confidence = probabilities.max(axis=1)
    right = probabilities.argmax(axis=1) == classes
    bins = np.minimum((confidence * CALIBRATION_BINS).astype(int), CALIBRATION_BINS - 1)
    error = 0.0
    for number in np.unique(bins):
        mine = bins == number
        error += mine.mean() * abs(right[mine].mean() - confidence[mine].mean())
    return float(error)


def calibrated(model, temperature):
    """The model with its logits divided by `temperature`, then made into probabilities: plain
    Keras layers, so the file loads without custom code."""
    return keras.Sequential([keras.Input(shape=model.input_shape[1:]), *model.layers,
                             keras.layers.Rescaling(1 / temperature, name="temperature"), keras.layers.Softmax()])


def report_calibration(logits, classes, temperature, held_back):
    """Print the temperature and how well the held-out pieces' probabilities are calibrated
    without and with it."""
    before, after = softmax(logits), softmax(logits, temperature)
    print(f"Temperature {temperature:.3f}, from {held_back:,} held-back pieces. Held-out pieces before and after: "
          f"expected calibration error {calibration_error(before, classes):.4f}, "
          f"{calibration_error(after, classes):.4f}; negative log-likelihood {log_loss(before, classes):.4f}, "
          f"{log_loss(after, classes):.4f}")


def report(probabilities, classes, kinds):
    """Print the held-out accuracy, overall, for each class and for each kind of piece."""
    right = probabilities.argmax(axis=1) == classes
    kinds = np.array(kinds)
    print(f"Held-out accuracy: {right.mean():.4f} on {len(right):,} pieces")
    for index, name in enumerate(models.CLASSES):
        mine = classes == index
        print(f"  {name:16} {right[mine].mean():.4f} of {mine.sum():,}"
              + "".join(f"; {kind} {right[kinds == kind].mean():.4f}" for kind in KINDS[name] if kind != name))
    return float(right.mean())


def main(argv=None):
    args = parse_args(argv)
    console.check_writable(args.out, "trainJudge.py", "--out")
    keras.utils.set_random_seed(args.seed)
    (x_train, y_train), (x_test, y_test) = mnist_digits.load_training_data("trainJudge.py")
    count = args.limit or EXAMPLES
    train_images, train_classes, _ = examples(x_train[:-CALIBRATION_DIGITS], y_train[:-CALIBRATION_DIGITS], count,
                                              args.seed)
    held_images, held_classes, _ = examples(x_train[-CALIBRATION_DIGITS:], y_train[-CALIBRATION_DIGITS:],
                                            min(count, CALIBRATION_EXAMPLES), args.seed + 2)
    test_images, test_classes, test_kinds = examples(x_test, y_test, min(count, TEST_EXAMPLES), args.seed + 1)

    model = build_model()
    model.summary()
    model.compile(loss=keras.losses.SparseCategoricalCrossentropy(from_logits=True), optimizer="adam",
                  metrics=["accuracy"])
    model.fit(train_images, train_classes, batch_size=BATCH_SIZE, epochs=args.epochs, shuffle=True,
              validation_data=(held_images, held_classes), verbose=2)
    fitted = temperature(model.predict(held_images, verbose=0), held_classes)
    test_logits = model.predict(test_images, verbose=0)
    accuracy = report(softmax(test_logits, fitted), test_classes, test_kinds)
    report_calibration(test_logits, test_classes, fitted, len(held_classes))
    logging.getLogger("absl").setLevel(logging.ERROR)  # HDF5 is chosen, not a mistake to warn of.
    final = calibrated(model, fitted)
    imaging.save_atomically(args.out, final.save)
    models.save_lite_copy(models.lite_copy(final), args.out)  # what recognition reads through
    print(f"Saved {args.out} (held-out accuracy {accuracy:.4f})")


if __name__ == "__main__":
    console.run_training(main, "trainJudge.py")
