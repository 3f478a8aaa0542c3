"""Read the handwritten digits in a photo with the CNN and the SVM, and annotate each one.

Usage:
    python performRecognition.py                  # reads IMAGE_PATH below
    python performRecognition.py a.jpg b.png      # reads these instead
    python performRecognition.py scans/ --csv digits.csv   # every image in a folder, a table of digits
    python performRecognition.py photo_2.png --json --save-regions --out results
    cat photo.jpg | python performRecognition.py -   # an image from standard input

Train the models once (`python trainCNN.py`, `python trainSVM.py`, `python trainJudge.py`,
`python trainPairs.py`; all ship with the project, beside this script, where it looks for them
from any folder), then change IMAGE_PATH or pass paths. For every image, the digits are found
with OpenCV (`digit_finder.py`), made into 28x28 MNIST-style digits, classified in one batch by each model,
printed line by line and drawn on the photo: a box per digit, the CNN's answer and the SVM's
answer above it. The result is written as `<name>_result.png` in the output folder
(`<name>_2_result.png` for a second image of the same name in one run).
"""

import argparse
import csv
import functools
import json
import os
import subprocess
import sys
import time

os.environ.setdefault("OPENCV_LOG_LEVEL", "OFF")  # Unreadable images are reported once, below.

import cv2  # noqa: E402
import numpy as np  # noqa: E402

import digit_finder  # noqa: E402
import mnist_digits  # noqa: E402
import not_digits  # noqa: E402
import page  # noqa: E402
import photo_warnings  # noqa: E402

# The image to read when none is given (the sample beside this script): change it and run again.
IMAGE_PATH = os.path.join(mnist_digits.PROJECT_FOLDER, "photo_1.png")
CNN_PATH = mnist_digits.CNN_PATH
SVM_PATH = mnist_digits.SVM_PATH
JUDGE_PATH = mnist_digits.JUDGE_PATH
PAIRS_PATH = mnist_digits.PAIRS_PATH
OUTPUT_FOLDER = "results"
MIN_CONFIDENCE = 0.5  # Regions the CNN is less sure of than this are not digits (README: Accuracy).
JUDGE_BATCH = 1024  # The CNN judges at most this many regions a call (about 100 MiB of its activations).
STDIN = "-"  # The input name that means "read one image from standard input".
# What a folder given as an input is searched for: the kinds of file OpenCV reads.
IMAGE_EXTENSIONS = {".png", ".jpg", ".jpeg", ".jpe", ".jp2", ".tif", ".tiff", ".bmp", ".dib", ".webp",
                    ".avif", ".gif", ".pbm", ".pgm", ".ppm", ".pnm", ".pxm", ".sr", ".ras", ".exr", ".hdr", ".pic"}
PROGRESS_AFTER = 3  # More images than this get a progress line: a few are done before it would help.
CSV_COLUMNS = ["image", "line", "position", "x", "y", "width", "height", "cnn", "cnn_confidence", "svm"]

CNN_COLOUR = (200, 90, 0)  # BGR: blue
SVM_COLOUR = (0, 0, 220)  # BGR: red
BOX_COLOUR = (0, 170, 0)  # BGR: green
SHEET_COLOUR = (0, 200, 230)  # BGR: yellow
LEGEND_BOX = (150, 70)  # The legend's size in pixels at text scale 1: two lines of 30 and a margin.
LEGEND_SHARE = 0.3  # The legend covers at most this share of the photo's width and of its height.


class RecognitionError(Exception):
    """A problem with one input or model, said in one line with what to do about it."""


def parse_args(argv):
    parser = mnist_digits.OneLineErrorParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("images", nargs="*", default=[IMAGE_PATH],
                        help=f"images, folders of images, or - for standard input (default {IMAGE_PATH})")
    parser.add_argument("--out", default=OUTPUT_FOLDER, help="folder for the results (default %(default)s)")
    parser.add_argument("--cnn", default=CNN_PATH, help="CNN model file (default %(default)s)")
    parser.add_argument("--svm", default=SVM_PATH, help="SVM model file (default %(default)s)")
    parser.add_argument("--judge", default=JUDGE_PATH, help="judge of pieces model file (default %(default)s)")
    parser.add_argument("--pairs", default=PAIRS_PATH, help="pair reader model file (default %(default)s)")
    parser.add_argument("--min-confidence", type=confidence, default=MIN_CONFIDENCE,
                        help="drop regions the CNN is less sure of (0-1, default %(default)s)")
    parser.add_argument("--json", action="store_true", help="print one JSON object per image")
    parser.add_argument("--csv", help="also write one row per digit to this CSV file, for spreadsheets")
    parser.add_argument("--save-regions", action="store_true",
                        help="also save the 28x28 regions as the classifiers saw them")
    parser.add_argument("--show", action="store_true", help="also show the result in a window")
    return parser.parse_args(argv)


def confidence(text):
    """A CNN confidence for argparse: a number from 0 to 1."""
    try:
        number = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a number from 0 to 1, got {text!r}") from None
    if not 0 <= number <= 1:
        raise argparse.ArgumentTypeError(f"must be from 0 to 1, got {text}")
    return number


def load_keras_model(path, script, answers, kind):
    """A Keras model made by `script`, checked to take 28x28x1 regions and answer arrays of the
    shape `answers` (its classes); `kind` says what it is in messages."""
    if not os.path.isfile(path):
        raise RecognitionError(f"{path}: no such model file; make it with `python {script}`")
    with mnist_digits.stderr_silenced():  # TensorFlow's C++ start-up notes bypass its log settings.
        import keras  # Imported here: TensorFlow takes seconds to load, and only this needs it.
    try:
        with mnist_digits.stderr_silenced():
            model = keras.saving.load_model(path, compile=False)
    except Exception as error:  # h5py, Keras and TensorFlow each raise their own kinds.
        raise RecognitionError(f"{path}: not a readable Keras model ({type(error).__name__}); "
                               f"make it again with `python {script}`") from None
    if tuple(model.input_shape[1:]) != (28, 28, 1) or tuple(model.output_shape[1:]) != answers:
        raise RecognitionError(f"{path}: a Keras model, but not {kind} of 28x28 images; "
                               f"make it with `python {script}`")
    return model


def load_cnn(path):
    """The CNN from trainCNN.py, checked to take 28x28x1 digits and answer 10 classes."""
    return load_keras_model(path, "trainCNN.py", (10,), "a digit classifier")


def load_judge(path):
    """The judge of pieces from trainJudge.py, checked to take 28x28x1 pieces and answer
    `not_digits.CLASSES`."""
    return load_keras_model(path, "trainJudge.py", (len(not_digits.CLASSES),), "a judge of pieces")


def load_pairs(path):
    """The pair reader from trainPairs.py, checked to take 28x28x1 blobs and answer the left and
    the right digit's 11 classes (0-9, and no second digit)."""
    return load_keras_model(path, "trainPairs.py", (2, mnist_digits.NO_SECOND_DIGIT + 1), "a pair reader")


@functools.lru_cache(maxsize=1)
def shipped_judge():
    """The judge of pieces beside this script, loaded once."""
    return load_judge(JUDGE_PATH)


@functools.lru_cache(maxsize=1)
def shipped_pairs():
    """The pair reader beside this script, loaded once."""
    return load_pairs(PAIRS_PATH)


def load_svm(path):
    """The SVM pipeline from trainSVM.py, checked to classify 28x28 images into 0-9."""
    if not os.path.isfile(path):
        raise RecognitionError(f"{path}: no such model file; make it with `python trainSVM.py`")
    import joblib
    try:
        classifier = joblib.load(path)
        answers = classifier.predict(np.zeros((2, 28, 28), np.uint8))
    except Exception as error:  # A corrupt or foreign pickle can fail in any way.
        raise RecognitionError(f"{path}: not a digit classifier saved by trainSVM.py "
                               f"({type(error).__name__}); make it again with `python trainSVM.py`") from None
    if len(answers) != 2 or not set(np.asarray(answers).tolist()) <= set(range(10)):
        raise RecognitionError(f"{path}: does not answer digits 0-9; make it with `python trainSVM.py`")
    return classifier


def read_file(path):
    """The bytes of the file at `path`."""
    if not os.path.exists(path):
        raise RecognitionError(f"{path}: no such file")
    if os.path.isdir(path):
        raise RecognitionError(f"{path}: is a folder, not an image")
    try:
        with open(path, "rb") as file:
            return file.read()
    except OSError as error:
        raise RecognitionError(f"{path}: cannot be read ({error.strerror})") from None


def read_image(path):
    """The image at `path` (`-`: standard input) as OpenCV reads it (any depth, any channels),
    turned as its EXIF tag says a viewer shows it."""
    data = sys.stdin.buffer.read() if path == STDIN else read_file(path)
    name = "standard input" if path == STDIN else path
    if not data:
        raise RecognitionError(f"{name}: is an empty file, not an image")
    if data.startswith(b"\x89PNG") and b"IEND" not in data[-64:]:
        raise RecognitionError(f"{name}: the PNG file is cut short (truncated); save or copy it again")
    if data.startswith(b"\xff\xd8") and b"\xff\xd9" not in data[-1024:]:
        raise RecognitionError(f"{name}: the JPEG file is cut short (truncated); save or copy it again")
    image = cv2.imdecode(np.frombuffer(data, np.uint8), cv2.IMREAD_UNCHANGED)
    if image is None or image.size == 0:
        raise RecognitionError(f"{name}: not an image OpenCV can read (PNG, JPEG, TIFF, BMP, ...)")
    return page.as_displayed(image, page.exif_orientation(data))


@functools.lru_cache(maxsize=4)
def cnn_judge(cnn):
    """The CNN (or the judge of pieces, or the pair reader) as a function from (N, 28, 28) uint8
    regions to class probabilities.

    Compiled once per model into a TensorFlow graph for any batch size, and called as that
    graph (its concrete function, without `tf.function`'s checks of each call's arguments): a
    call then costs about a millisecond beyond the arithmetic, where Keras's eager call costs
    several. Batches larger than JUDGE_BATCH go in parts, so a photo full of ink pieces needs no
    more memory.
    """
    import tensorflow as tf  # Loaded already with Keras.
    graph = tf.function(lambda images: cnn(images, training=False)).get_concrete_function(
        tf.TensorSpec([None, 28, 28, 1], tf.float32))

    def judge(images):
        chunks = [images[start:start + JUDGE_BATCH] for start in range(0, len(images), JUDGE_BATCH)]
        return np.concatenate([graph(tf.constant(chunk[..., np.newaxis], tf.float32)).numpy() for chunk in chunks]
                              or [np.zeros((0, *cnn.output_shape[1:]), np.float32)])
    return judge


def recognize(image, cnn, svm, min_confidence=MIN_CONFIDENCE, pieces_judge=None, pair_reader=None):
    """Read one image: a dict with the digits (box and outline in the photo, both answers, CNN
    confidence), the lines, what was found about the page (turn, tilt, sheet) and the warnings
    that say why the reading may be wrong. `pieces_judge`: the judge of pieces (`load_judge`),
    `pair_reader`: the pair reader (`load_pairs`), the shipped ones when not given."""
    judge, whole_judge = cnn_judge(cnn), cnn_judge(pieces_judge or shipped_judge())
    read_pair = cnn_judge(pair_reader or shipped_pairs())

    def read(found_page):
        return digit_finder.find_digits(found_page.image, judge, found_page.ink, whole_judge, read_pair)
    found_page, regions = page.surer_reading(page.find_page(image, judge), read, judge)
    digits = [digit for digit in regions if digit.probabilities.max() >= min_confidence]
    svm_digits = svm.predict(np.stack([digit.image for digit in digits])) if digits else []
    found = []
    for digit, svm_digit in zip(digits, svm_digits):
        outline = found_page.to_photo(digit.box)
        found.append({"box": photo_box(outline, image.shape), "outline": np.round(outline, 1).tolist(),
                      "cnn": int(digit.probabilities.argmax()), "cnn_confidence": round(float(digit.probabilities.max()), 4),
                      "svm": int(svm_digit), "line": digit.line, "image": digit.image})
    lines = {"cnn": [], "svm": []}
    for number in sorted({digit["line"] for digit in found}):
        members = [digit for digit in found if digit["line"] == number]
        for model in lines:
            lines[model].append("".join(str(digit[model]) for digit in members))
    return {"digits": found, "lines": lines, "page": found_page.as_json(),
            "warnings": photo_warnings.photo_warnings(found_page.image, regions)}


def photo_box(outline, shape):
    """The box [x, y, width, height] around an outline, inside the photo."""
    left, top = np.clip(np.floor(outline.min(axis=0)), 0, [shape[1] - 1, shape[0] - 1]).astype(int)
    right, bottom = np.clip(np.ceil(outline.max(axis=0)), [left + 1, top + 1], [shape[1], shape[0]]).astype(int)
    return [int(left), int(top), int(right - left), int(bottom - top)]


def annotate(image, result):
    """The photo in colour with the sheet's outline when one was found, each digit's outline,
    both answers beyond its top, and a legend."""
    if image.dtype == np.uint8 and image.ndim == 3 and image.shape[2] == 3:
        canvas = image.copy()
    else:  # grey, with alpha, 16-bit or float: drawn on its 8-bit grey version
        canvas = cv2.cvtColor(digit_finder.to_grey(image), cv2.COLOR_GRAY2BGR)
    thickness = max(1, round(max(canvas.shape[:2]) / 600))
    heights = [max(digit["box"][2:]) for digit in result["digits"]]
    scale = max(0.4, float(np.median(heights)) / 70) if heights else 1.0  # one size for the photo
    (text_width, text_height), _ = cv2.getTextSize("0", cv2.FONT_HERSHEY_DUPLEX, scale, thickness + 1)
    if result["page"]["sheet"]:  # the sheet that was found, so a wrong one shows at a glance
        cv2.polylines(canvas, [np.round(result["page"]["sheet"]).astype(np.int32)], True, SHEET_COLOUR, 2 * thickness)
    for digit in result["digits"]:
        outline = np.array(digit["outline"])
        cv2.polylines(canvas, [np.round(outline).astype(np.int32)], True, BOX_COLOUR, thickness)
        # The two answers side by side, upright, beyond the digit's top as the page stands (in the
        # gap between lines, whichever way the page is turned in the photo).
        top, centre = outline[:2].mean(axis=0), outline.mean(axis=0)
        away = (top - centre) / max(float(np.hypot(*(top - centre))), 1.0)
        middle = top + away * (text_height / 2 + 3 * thickness + abs(away[0]) * text_width)
        left = int(np.clip(middle[0] - text_width - thickness, 0, canvas.shape[1] - 2 * text_width))
        baseline = int(np.clip(middle[1] + text_height / 2, text_height + 2, canvas.shape[0] - 2))
        for offset, (model, colour) in enumerate((("cnn", CNN_COLOUR), ("svm", SVM_COLOUR))):
            cv2.putText(canvas, str(digit[model]), (left + offset * (text_width + 2 * thickness), baseline),
                        cv2.FONT_HERSHEY_DUPLEX, scale, colour, thickness + 1)
    draw_legend(canvas, thickness)
    return canvas


def draw_legend(canvas, thickness):
    """"CNN" and "SVM" in their colours at the top left, sized by the photo but never wider or
    taller than LEGEND_SHARE of it, so that on a small photo it leaves the digits in view."""
    height, width = canvas.shape[:2]
    box_width, box_height = LEGEND_BOX
    scale = min(max(0.5, max(height, width) / 1600), LEGEND_SHARE * width / box_width,
                LEGEND_SHARE * height / box_height)
    cv2.rectangle(canvas, (0, 0), (round(box_width * scale) - 1, round(box_height * scale) - 1), (255, 255, 255), -1)
    for row, (label, colour) in enumerate((("CNN", CNN_COLOUR), ("SVM", SVM_COLOUR))):
        cv2.putText(canvas, label, (round(8 * scale), round(30 * (row + 1) * scale)), cv2.FONT_HERSHEY_DUPLEX,
                    scale, colour, max(1, min(thickness + 1, round(4 * scale))))


def region_mosaic(result, zoom=3):
    """The 28x28 regions as the classifiers saw them, in reading order, each with both answers."""
    digits = result["digits"]
    columns = max(1, min(10, len(digits)))
    rows = max(1, -(-len(digits) // columns))
    cell_width, cell_height = 28 * zoom + 8, 28 * zoom + 30
    mosaic = np.full((rows * cell_height, columns * cell_width, 3), 255, np.uint8)
    for index, digit in enumerate(digits):
        top, left = (index // columns) * cell_height, (index % columns) * cell_width
        tile = cv2.resize(digit["image"], (28 * zoom, 28 * zoom), interpolation=cv2.INTER_NEAREST)
        mosaic[top + 4:top + 4 + 28 * zoom, left + 4:left + 4 + 28 * zoom] = tile[..., np.newaxis]
        for offset, (model, colour) in enumerate((("cnn", CNN_COLOUR), ("svm", SVM_COLOUR))):
            cv2.putText(mosaic, f"{model.upper()} {digit[model]}", (left + 4 + offset * 44, top + cell_height - 8),
                        cv2.FONT_HERSHEY_SIMPLEX, 0.45, colour, 1)
    return mosaic


def write_image(path, picture):
    def write(temporary):
        if not cv2.imwrite(temporary, picture):
            raise RecognitionError(f"{path}: could not be written")
    mnist_digits.save_atomically(path, write)


def check_output_folder(folder):
    """Fail before any work if results could not be written there; nothing is created yet."""
    existing = os.path.abspath(folder)
    while not os.path.exists(existing):
        existing = os.path.dirname(existing)
    if not os.path.isdir(existing):
        raise RecognitionError(f"{folder}: the output folder cannot be made ({existing} is a file); "
                               "choose another with --out")
    if not os.access(existing, os.W_OK | os.X_OK):
        raise RecognitionError(f"{folder}: the output folder cannot be written ({existing} is not writable); "
                               "choose another with --out")


def make_output_folder(folder):
    try:
        os.makedirs(folder, exist_ok=True)
    except OSError as error:
        raise RecognitionError(f"{folder}: the output folder cannot be created ({error.strerror}); "
                               "choose another with --out") from None


def images_to_read(inputs):
    """The inputs with each folder replaced by its images in name order (not its subfolders'), and
    the number of inputs that gave nothing to read; what is skipped is said on stderr."""
    paths, problems = [], 0
    for given in inputs:
        if given == STDIN or not os.path.isdir(given):
            paths.append(given)
            continue
        files = sorted(name for name in os.listdir(given) if os.path.isfile(os.path.join(given, name)))
        images = [name for name in files if os.path.splitext(name)[1].lower() in IMAGE_EXTENSIONS]
        others = [name for name in files if name not in images]
        if others:
            print(f"performRecognition.py: {given}: skipped {counted(len(others), 'file')} that "
                  f"{'is' if len(others) == 1 else 'are'} not an image: {', '.join(others)}", file=sys.stderr)
        if not images:
            print(f"performRecognition.py: {given}: a folder with no images in it", file=sys.stderr)
            problems += 1
        paths.extend(os.path.join(given, name) for name in images)
    return paths, problems


def result_name(path, taken):
    """The name of `path`'s result files: the image's own name, numbered from 2 when an earlier
    image of this run had it (a/scan.png and b/scan.png, t.webp and t.gif), so none overwrites another."""
    stem = "stdin" if path == STDIN else os.path.splitext(os.path.basename(path))[0]
    name, number = stem, 1
    while name in taken:
        number += 1
        name = f"{stem}_{number}"
    taken.add(name)
    return name


class Progress:
    """A line on stderr while many images are read: how many are done and how fast. On a terminal
    it is redrawn in place and wiped before other output; in a log, a line every tenth of the way."""

    def __init__(self, total, stream=None):
        self.total, self.stream = total, stream or sys.stderr
        self.redraw = self.stream.isatty()
        self.step = 1 if self.redraw else max(1, total // 10)
        self.start = time.monotonic()
        self.drawn = False

    def update(self, done):
        if self.total <= PROGRESS_AFTER or (done % self.step and done != self.total):
            return
        rate = done / max(time.monotonic() - self.start, 1e-6)
        line = f"performRecognition.py: {done}/{self.total} photos, {rate:.1f} photos/s"
        self.stream.write(f"\r{line}\x1b[K" if self.redraw else f"{line}\n")
        self.stream.flush()
        self.drawn = self.redraw

    def clear(self):
        if self.drawn:
            self.stream.write("\r\x1b[K")
            self.stream.flush()
            self.drawn = False

    def finish(self):
        if self.drawn:
            self.stream.write("\n")
            self.drawn = False


def csv_rows(path, result):
    """One row per digit for the --csv table; lines, and positions in a line, counted from 1 as printed."""
    line_numbers = {line: number for number, line in enumerate(sorted({digit["line"] for digit in result["digits"]}), 1)}
    rows, positions = [], {}
    for digit in result["digits"]:
        line = line_numbers[digit["line"]]
        positions[line] = positions.get(line, 0) + 1
        values = [path, line, positions[line], *digit["box"], digit["cnn"], digit["cnn_confidence"], digit["svm"]]
        rows.append(dict(zip(CSV_COLUMNS, values)))
    return rows


def write_csv(path, rows):
    def write(temporary):
        with open(temporary, "w", newline="") as file:
            table = csv.DictWriter(file, CSV_COLUMNS)
            table.writeheader()
            table.writerows(rows)
    mnist_digits.save_atomically(path, write)


def counted(number, noun):
    return f"{number} {noun}" + ("" if number == 1 else "s")


def report(path, result, result_path, as_json):
    for warning in result["warnings"]:
        print(f"performRecognition.py: {path}: warning: {warning}", file=sys.stderr)
    if as_json:
        digits = [{key: digit[key] for key in ("box", "outline", "cnn", "cnn_confidence", "svm")}
                  for digit in result["digits"]]
        print(json.dumps({"image": path, "result": result_path, "digits": digits, "lines": result["lines"],
                          "page": result["page"], "warnings": result["warnings"]}))
        return
    lines = result["lines"]["cnn"]
    print(f"{path}: {counted(len(result['digits']), 'digit')} in {counted(len(lines), 'line')} -> {result_path}")
    for model in ("cnn", "svm"):
        for number, line in enumerate(result["lines"][model], 1):
            print(f"  {model.upper()} line {number}: {line}")


def display_problem():
    """Why no window can be shown, or None. OpenCV's window toolkit aborts the whole process when
    the display cannot be reached, so a throwaway process opens a window first."""
    if sys.platform.startswith("linux") and not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")):
        return "no display to show the results on"
    display = os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY") or "the display"
    probe = "import cv2; cv2.namedWindow('probe'); cv2.destroyAllWindows()"
    try:
        opened = subprocess.run([sys.executable, "-c", probe], capture_output=True, timeout=30).returncode == 0
    except subprocess.TimeoutExpired:
        opened = False
    return None if opened else f"the display {display} cannot be reached"


def show(title, picture):
    cv2.imshow(title, picture)
    cv2.waitKey(0)
    cv2.destroyAllWindows()


def main(argv=None):
    args = parse_args(argv)
    try:
        check_output_folder(args.out)
        if args.csv:
            mnist_digits.check_writable(args.csv, "performRecognition.py", "--csv")
        cnn, svm, pieces_judge, pair_reader = (load_cnn(args.cnn), load_svm(args.svm), load_judge(args.judge),
                                               load_pairs(args.pairs))
        make_output_folder(args.out)
    except RecognitionError as error:
        sys.exit(f"performRecognition.py: {error}")
    paths, failures = images_to_read(args.images)
    if args.show and (problem := display_problem()):
        print(f"performRecognition.py: {problem}; the results are saved in {args.out}", file=sys.stderr)
        args.show = False
    progress = Progress(len(paths))
    taken, rows = set(), []
    for done, path in enumerate(paths, 1):
        try:
            image = read_image(path)
            result = recognize(image, cnn, svm, args.min_confidence, pieces_judge, pair_reader)
            name = result_name(path, taken)
            result_path = os.path.join(args.out, f"{name}_result.png")
            annotated = annotate(image, result)
            write_image(result_path, annotated)
            if args.save_regions:
                write_image(os.path.join(args.out, f"{name}_regions.png"), region_mosaic(result))
        except RecognitionError as error:
            progress.clear()
            print(f"performRecognition.py: {error}", file=sys.stderr)
            failures += 1
        else:
            progress.clear()
            report(path, result, result_path, args.json)
            rows.extend(csv_rows(path, result))
            if args.show:
                show(result_path, annotated)
        progress.update(done)
    progress.finish()
    if args.csv:
        write_csv(args.csv, rows)
    if failures:
        sys.exit(1)


if __name__ == "__main__":
    try:
        main()
    except KeyboardInterrupt:
        sys.exit("performRecognition.py: interrupted; the results written so far are whole")
