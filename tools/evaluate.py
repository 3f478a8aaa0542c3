"""Measure recognition on labelled photos: character error rate and exact lines, per model.

Usage:
    python tools/evaluate.py FOLDER                 # FOLDER/truth.json names the photos and their lines
    python tools/evaluate.py FOLDER --verbose       # also each photo's reading, turn and time
    python tools/evaluate.py ../shared/photos --min-confidence 0.3
    python tools/evaluate.py ../shared/photos --sweep   # totals for several --min-confidence values
    python tools/evaluate.py . --truth photos.json      # the sample photos shipped with the project

`truth.json` maps each photo to its lines of digits, top to bottom, a space between numbers
side by side on one line (where the truth has none, the spaces read are not scored):
    {"sheet.jpg": ["0522", "1234567"], "list.jpg": ["12 345", "6"], ...}
The character error rate is the edit distance between the lines read and the true lines (each
joined with a separator) over the number of true digits; a line is exact when it is read as
written, digit for digit. A photo that cannot be read is reported, the others are scored, and
the exit status is 1.
"""

import collections
import json
import os
import sys
import time

from digitreader import console, errors, imaging, models, pipeline

MODELS = ("cnn", "svm")
SWEEP_CONFIDENCES = (0.0, 0.3, 0.5, 0.7, 0.9)


def edit_distance(read, truth):
    """Levenshtein distance: insertions, deletions and substitutions, each costing 1."""
    previous = list(range(len(truth) + 1))
    for i, read_char in enumerate(read, 1):
        current = [i]
        for j, true_char in enumerate(truth, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (read_char != true_char)))
        previous = current
    return previous[-1]


def score(read_lines, true_lines):
    """(character errors, true digits, exact lines) for one photo and one model. Where the truth
    parts numbers side by side with spaces, a missing or extra space is an error like a digit's;
    where it does not (a form's fields written as one string), the spaces read are left out."""
    if not any(" " in line for line in true_lines):
        read_lines = [line.replace(" ", "") for line in read_lines]
    errors = edit_distance("|".join(read_lines), "|".join(true_lines))
    exact = sum((collections.Counter(read_lines) & collections.Counter(true_lines)).values())
    return errors, sum(len(line.replace(" ", "")) for line in true_lines), exact


def load_truth(path):
    try:
        with open(path) as file:
            truth = json.load(file)
    except (OSError, ValueError) as error:
        raise errors.RecognitionError(f"{path}: cannot read the truth file ({error})") from None
    if not isinstance(truth, dict) or not all(
            isinstance(lines, list) and all(isinstance(line, str) and line.replace(" ", "").isdigit() for line in lines)
            for lines in truth.values()):
        raise errors.RecognitionError(
            f'{path}: expected {{"photo.png": ["0522", "12 345", ...], ...}}: digit strings, a line each')
    return truth


def read_photos(folder, names):
    """The photos that can be read, by name; each one that cannot is said on stderr."""
    photos = {}
    for name in names:
        try:
            photos[name] = imaging.read_image(os.path.join(folder, name))
        except errors.RecognitionError as error:
            print(f"evaluate.py: {error}; scoring the other photos without it", file=sys.stderr)
    if not photos:
        raise errors.RecognitionError(f"{folder}: none of the photos in the truth file could be read")
    return photos


def evaluate(photos, truth, cnn, svm, min_confidence, pieces_judge=None, pair_reader=None):
    """Per-photo rows and the total row: name, digits, lines, then errors and exact lines per
    model; each row also holds what was read, the page's turn and the seconds it took."""
    rows = []
    totals = collections.Counter()
    for name, image in photos.items():
        true_lines = truth[name]
        start = time.perf_counter()
        result = pipeline.recognize(image, cnn, svm, min_confidence, pieces_judge, pair_reader)
        row = {"photo": name, "digits": sum(map(len, true_lines)), "lines": len(true_lines),
               "turn": f"{result['page']['turn']}°", "seconds": time.perf_counter() - start}
        for model in MODELS:
            errors, _, exact = score(result["lines"][model], true_lines)
            row[f"{model}_errors"], row[f"{model}_exact"] = errors, exact
            row[f"{model}_read"] = result["lines"][model]
        rows.append(row)
        totals.update({key: value for key, value in row.items() if isinstance(value, int)})
    return rows, dict(totals, photo="total")


def print_table(rows, total):
    width = max(len(row["photo"]) for row in rows + [total, {"photo": "photo"}])
    print(f"{'photo':<{width}} {'digits':>6}  {'CNN CER':>8} {'exact lines':>11}  {'SVM CER':>8} {'exact lines':>11}")
    for row in rows + [total]:
        cells = [f"{row['photo']:<{width}} {row['digits']:>6}"]
        for model in MODELS:
            cells.append(f"{row[f'{model}_errors'] / max(row['digits'], 1):>8.3f} "
                         f"{row[f'{model}_exact']:>5}/{row['lines']:<5}")
        print("  ".join(cells))


def print_sweep(totals):
    print(f"{'min confidence':>14}  {'CNN CER':>8} {'exact lines':>11}  {'SVM CER':>8} {'exact lines':>11}")
    for confidence, total in totals.items():
        cells = [f"{confidence:>14}"]
        for model in MODELS:
            cells.append(f"{total[f'{model}_errors'] / max(total['digits'], 1):>8.3f} "
                         f"{total[f'{model}_exact']:>5}/{total['lines']:<5}")
        print("  ".join(cells))


def main(argv=None):
    parser = console.OneLineErrorParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folder", help="a folder with photos and their truth.json")
    parser.add_argument("--truth", help="the labels file to use instead of FOLDER/truth.json")
    parser.add_argument("--cnn", default=models.CNN_PATH)
    parser.add_argument("--svm", default=models.SVM_PATH)
    parser.add_argument("--judge", default=models.JUDGE_PATH, help="the judge of pieces (trainJudge.py)")
    parser.add_argument("--pairs", default=models.PAIRS_PATH, help="the pair reader (trainPairs.py)")
    parser.add_argument("--min-confidence", type=console.confidence,
                        default=models.MIN_CONFIDENCE)
    parser.add_argument("--verbose", action="store_true",
                        help="also print what each model read, the page's turn and the time it took")
    parser.add_argument("--sweep", action="store_true",
                        help="compare minimum confidences instead: the total for each of " +
                        ", ".join(map(str, SWEEP_CONFIDENCES)))
    args = parser.parse_args(argv)
    try:
        truth = load_truth(args.truth or os.path.join(args.folder, "truth.json"))
        cnn, svm = models.load_cnn(args.cnn), models.load_svm(args.svm)
        pieces_judge, pair_reader = models.load_judge(args.judge), models.load_pairs(args.pairs)
        photos = read_photos(args.folder, truth)
    except errors.RecognitionError as error:
        sys.exit(f"evaluate.py: {error}")
    # A first read, not counted, warms TensorFlow up, so that no photo's time holds it.
    pipeline.recognize(next(iter(photos.values())), cnn, svm, args.min_confidence, pieces_judge, pair_reader)
    if args.sweep:
        print_sweep({confidence: evaluate(photos, truth, cnn, svm, confidence, pieces_judge, pair_reader)[1]
                     for confidence in SWEEP_CONFIDENCES})
    else:
        rows, total = evaluate(photos, truth, cnn, svm, args.min_confidence, pieces_judge, pair_reader)
        if args.verbose:
            for row in rows:
                print(f"{row['photo']}: CNN {' / '.join(row['cnn_read'])} | SVM {' / '.join(row['svm_read'])} "
                      f"| turned {row['turn']} | {row['seconds']:.2f} s")
        print_table(rows, total)
    if len(photos) < len(truth):
        sys.exit(1)


if __name__ == "__main__":
    main()
