"""How small handwriting can be and still be read: the CNN's accuracy on MNIST test digits
shrunk to a given height in pixels, then thresholded and made into 28x28 regions as the digit
finder makes them. `pieces_of_ink.READABLE_HEIGHT` comes from this table.

Usage:
    python tools/smallest_digit.py [--count 2000] [--heights 4 6 8 10 14 20]
"""


import cv2
import numpy as np
from digitreader import console, mnist_digits, models


HEIGHTS = (4, 5, 6, 7, 8, 10, 12, 14, 20)  # pixels, from unreadable to MNIST's own
INK_LEVEL = 0.25  # a shrunk pixel is ink from this fraction of the digit's darkest on, as faint edges are


def shrunk(digit, height):
    """An MNIST digit's ink, cropped and shrunk to `height` pixels (area-averaged, as a small
    photo is), thresholded to a mask."""
    rows, cols = np.nonzero(digit)
    crop = digit[rows.min():rows.max() + 1, cols.min():cols.max() + 1].astype(np.float32)
    width = max(1, round(crop.shape[1] * height / crop.shape[0]))
    small = cv2.resize(crop, (width, height), interpolation=cv2.INTER_AREA)
    return small >= INK_LEVEL * small.max()


def accuracy(judge, digits, labels, height):
    regions = np.stack([mnist_digits.prepare_region(shrunk(digit, height) * np.uint8(255)) for digit in digits])
    return float(np.mean(np.asarray(judge(regions)).argmax(axis=1) == labels))


if __name__ == "__main__":
    parser = console.OneLineErrorParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--count", type=console.positive_count, default=2000, help="test digits (default %(default)s)")
    parser.add_argument("--heights", type=console.positive_count, nargs="+", default=HEIGHTS)
    parser.add_argument("--cnn", default=models.CNN_PATH, help="default %(default)s")
    args = parser.parse_args()
    judge = models.load_cnn(args.cnn)
    _, (digits, labels) = mnist_digits.load_mnist()
    print("| Height (px) | CNN accuracy |\n|---|---|")
    for height in args.heights:
        print(f"| {height} | {accuracy(judge, digits[:args.count], labels[:args.count], height):.3f} |", flush=True)
