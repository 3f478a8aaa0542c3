"""Frames filled with print alone, no sheet, as the test and `bench.py` make them: how many
"digits" each gives, the share of its ink in lines of print (`pieces_of_ink.print_share`), and
how long it takes to read. None should give a digit; see docs/environment.md.

Usage:
    python tools/print_frames.py [--scales 0.32 0.4 0.5] [--seed 0]
"""

import time

import cv2
import numpy as np

from make_photos import table
from digitreader import console, models, paper_and_ink, pieces_of_ink, pipeline

SCALES = (0.3, 0.32, 0.36, 0.4, 0.44, 0.5, 0.6, 0.8, 1.0)  # OpenCV font scales; the test's frame is 0.4
FRAME = (960, 1280)  # height and width, as a phone's photo at the digit finder's working size


def print_frame(scale, seed=0):
    """A frame of print at font `scale`, on the print table of `make_photos` (BGR, uint8)."""
    return np.clip(table(*FRAME, np.random.default_rng(seed), "print", print_scale=scale), 0, 255).astype(np.uint8)


def share_in_print_rows(frame):
    """The share of the frame's ink, as drawn (no page step), in lines of print."""
    blobs = paper_and_ink.ink_pieces(frame).blobs
    return pieces_of_ink.print_share(pieces_of_ink.writing_sized(blobs, pieces_of_ink.typical_height(blobs)))


if __name__ == "__main__":
    parser = console.OneLineErrorParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scales", type=float, nargs="+", default=SCALES, help="font scales (default %(default)s)")
    parser.add_argument("--seed", type=int, default=0, help="the letters' random seed (default %(default)s)")
    args = parser.parse_args()
    cnn = models.load_cnn(models.CNN_PATH)
    svm = models.load_svm(models.SVM_PATH)
    print(f"OpenCV {cv2.__version__}\n")
    print("| Font scale | Share of ink in lines of print | \"Digits\" | Seconds |\n|---|---|---|---|")
    for scale in args.scales:
        frame = print_frame(scale, args.seed)
        start = time.perf_counter()
        digits = len(pipeline.recognize(frame, cnn, svm)["digits"])
        print(f"| {scale} | {share_in_print_rows(frame):.2f} | {digits:,} | {time.perf_counter() - start:.1f} |", flush=True)
