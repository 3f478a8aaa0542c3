"""How the reader does when the handwriting is the only thing on a photo that it should read
(#26). It measures the real sheets with something else on them, and counts the digits it finds
on photos that hold no handwriting at all.

The kinds are made once into --photos (`make_photos.py --only-handwriting`). The sheet kinds
are the real sheets in ../shared/photos (`upright`, the baseline) ruled (blue, and grey),
squared, light on dark (a negative, and chalk on a board), amid printed words, and framed
(around all the writing, and around each line). For each one the report prints the photos,
the CNN's character error rate and exact lines (`evaluate.score`), the mean seconds per photo
and that mean over upright's, and the slowest photo's seconds.

The kinds with no handwriting are `print_page`, pages of print in fonts the models never saw,
and `plain`, blank paper, a wall, a desk and tables. For these it prints the digits read. For
print_page it adds the share of printed lines with no digit read in them; a digit is in a line
when the centre of its box lies in the line's box (print_lines.json). For plain it adds how
many photos got a warning. Then the mean and the slowest seconds.

Usage:
    python tools/handwriting_report.py                          # every kind
    python tools/handwriting_report.py --kinds ruled print_page --verbose   # two kinds, and each photo read wrong
    python tools/handwriting_report.py --leave-out real_03.png  # a sheet left out, and every photo made of it
"""

import json
import os
import sys

from digitreader import console, errors, imaging, pipeline

import evaluate
import make_photos
from layout_report import PROJECT, SHARED_PHOTOS, timed_readings

SHEET_KINDS = ("upright", "ruled", "ruled_grey", "squared", "light_on_dark", "printed_words", "framed")
NO_HANDWRITING = ("print_page", "plain")


def kind_folders(folder):
    """{kind: folder of its photos}, with the photos made unless they are there already.
    Without ../shared/photos, only the kinds with no handwriting."""
    sheets = os.path.isdir(SHARED_PHOTOS)
    if not os.path.isfile(os.path.join(folder, "plain", "truth.json")):  # written last
        make_photos.save_only_handwriting(SHARED_PHOTOS if sheets else None, folder)
    folders = {kind: os.path.join(folder, kind) for kind in (SHEET_KINDS if sheets else ()) + NO_HANDWRITING}
    if sheets:
        folders["upright"] = SHARED_PHOTOS
    return folders


def read_kind(reader, folder, leave_out):
    """Each photo of the kind in `folder` read (`layout_report.timed_readings`), but
    make_photos.NOT_SHEETS and the photos in `leave_out`, with every photo made from them."""
    return timed_readings(reader, folder, [*leave_out, *make_photos.NOT_SHEETS])


def in_box(digit, box):
    """Whether the centre of a digit's box lies in `box` [x, y, w, h]."""
    x, y, w, h = digit["box"]
    return box[0] <= x + w / 2 <= box[0] + box[2] and box[1] <= y + h / 2 <= box[1] + box[3]


def said(result):
    """What was read (lines joined by ' / ') and any warnings, for --verbose."""
    warnings = f"; warnings: {' | '.join(result['warnings'])}" if result["warnings"] else ""
    return f"{' / '.join(result['lines']['cnn']) or '(nothing)'}{warnings}"


def sheet_row(kind, readings, upright_mean, verbose):
    """The table's row for a sheet kind, its mean seconds against `upright_mean` (against its own
    where None: upright itself); with `verbose`, a line first for each photo read wrong. Returns
    the mean seconds."""
    errors_made = digits = exact = lines = 0
    seconds = []
    for name, true_lines, result, taken in readings:
        wrong, true_digits, right_lines = evaluate.score(result["lines"]["cnn"], true_lines)
        errors_made, digits, exact = errors_made + wrong, digits + true_digits, exact + right_lines
        lines += len(true_lines)
        seconds.append(taken)
        if verbose and wrong:
            print(f"  {name}: {said(result)} (true {' / '.join(true_lines)})")
    mean = sum(seconds) / max(len(seconds), 1)
    against = f"{mean / (upright_mean or mean):.1f}x" if mean else "-"
    print(f"{kind:<14} {len(seconds):>6} {digits:>6} {errors_made / max(digits, 1):>8.3f} {exact:>5}/{lines:<5} "
          f"{mean:>7.2f} {against:>9} {max(seconds, default=0):>9.2f}", flush=True)
    return mean


def no_handwriting_row(kind, readings, folder, verbose):
    """The table's row for print_page or plain; with `verbose`, a line first for each photo
    where a digit was read or a warning given."""
    boxes = {}
    if kind == "print_page":
        with open(os.path.join(folder, "print_lines.json")) as file:
            boxes = json.load(file)
    found = printed = unread = warned = 0
    seconds = []
    for name, _, result, taken in readings:
        found += len(result["digits"])
        printed += len(boxes.get(name, []))
        unread += sum(not any(in_box(digit, box) for digit in result["digits"]) for box in boxes.get(name, []))
        warned += bool(result["warnings"])
        seconds.append(taken)
        if verbose and (result["digits"] or result["warnings"]):
            print(f"  {name}: {len(result['digits'])} digits: {said(result)}")
    without = f"{unread / printed:.2f} ({unread}/{printed})" if printed else "-"
    print(f"{kind:<14} {len(seconds):>6} {found:>11} {without:>18} {warned:>6} "
          f"{sum(seconds) / max(len(seconds), 1):>7.2f} {max(seconds, default=0):>9.2f}", flush=True)


def main(argv=None):
    parser = console.OneLineErrorParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--photos", default=os.path.join(os.environ.get("TMPDIR", "/tmp"), "digit-reader-handwriting"),
                        help="where the photos are made, once (default: %(default)s)")
    parser.add_argument("--kinds", nargs="*", choices=SHEET_KINDS + NO_HANDWRITING, help="only these kinds")
    parser.add_argument("--leave-out", nargs="*", default=[], metavar="NAME",
                        help="photos to leave out, each with every photo made from it")
    parser.add_argument("--verbose", action="store_true",
                        help="also each photo read wrong, with what was read and its warnings")
    args = parser.parse_args(argv)
    try:
        reader = pipeline.Reader()
    except errors.RecognitionError as error:
        sys.exit(f"handwriting_report.py: {error}")
    folders = {kind: folder for kind, folder in kind_folders(args.photos).items()
               if not args.kinds or kind in args.kinds or kind == "upright"}  # upright: the times' baseline
    reader.read(imaging.read_image(os.path.join(PROJECT, "photo_1.png")))  # TensorFlow warmed up, not timed
    print(f"{'kind':<14} {'photos':>6} {'digits':>6} {'CNN CER':>8} {'exact lines':>11} {'mean s':>7} "
          f"{'x upright':>9} {'slowest s':>9}")
    upright_mean = None
    for kind in (kind for kind in SHEET_KINDS if kind in folders):
        mean = sheet_row(kind, read_kind(reader, folders[kind], args.leave_out), upright_mean, args.verbose)
        upright_mean = upright_mean or mean
    if any(kind in folders for kind in NO_HANDWRITING):
        print(f"\n{'kind':<14} {'photos':>6} {'digits read':>11} {'lines with none':>18} {'warned':>6} "
              f"{'mean s':>7} {'slowest s':>9}")
    for kind in (kind for kind in NO_HANDWRITING if kind in folders):
        no_handwriting_row(kind, read_kind(reader, folders[kind], args.leave_out), folders[kind], args.verbose)


if __name__ == "__main__":
    main()
