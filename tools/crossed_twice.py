"""How often MNIST's digits hold two strokes across their rows: for each digit, the share of
MNIST's training digits with two strokes or more across at least a given fraction of their
rows (`cuts_and_readings.crossed_twice`), as written and squeezed to half their width, as tall,
narrow handwriting is. `cuts_and_readings.CROSSED_TWICE` comes from this table: a narrow piece
crossed twice so often is no 1.

Usage:
    python tools/crossed_twice.py [--fractions 0.1 0.2 0.3] [--narrowing 0.5]
"""


import cv2
import numpy as np
from digitreader import console, cuts_and_readings, mnist_digits, pieces_of_ink


FRACTIONS = (0.1, 0.2, 0.3)  # of a digit's rows of ink
NARROWING = 0.5  # squeezed to this fraction of its width, as the stress set's narrow sheets are at their narrowest


def piece(digit, narrowing=1.0):
    """An MNIST digit as a piece of ink, squeezed across to `narrowing` of its width."""
    width = max(1, round(digit.shape[1] * narrowing))
    mask = cv2.resize(digit, (width, digit.shape[0]), interpolation=cv2.INTER_AREA) > 127
    return pieces_of_ink.Blob(0, 0, width, digit.shape[0], mask)


def crossed_twice_shares(digits, labels, fraction, narrowing):
    """For each digit 0-9, the share of `digits` with that label crossed twice along at least
    `fraction` of their rows."""
    crossed = np.array([cuts_and_readings.crossed_twice(piece(digit, narrowing)) >= fraction for digit in digits])
    return [float(crossed[labels == label].mean()) for label in range(10)]


if __name__ == "__main__":
    parser = console.OneLineErrorParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--fractions", type=float, nargs="+", default=FRACTIONS)
    parser.add_argument("--narrowing", type=float, default=NARROWING, help="default %(default)s")
    args = parser.parse_args()
    (digits, labels), _ = mnist_digits.load_mnist()
    print("| rows crossed twice | width | " + " | ".join(map(str, range(10))) + " |")
    print("|---|---|" + "---|" * 10)
    for fraction in args.fractions:
        for narrowing in (1.0, args.narrowing):
            shares = crossed_twice_shares(digits, labels, fraction, narrowing)
            print(f"| ≥ {fraction:g} | {narrowing:.0%} | " + " | ".join(f"{share:.1%}" for share in shares) + " |", flush=True)
