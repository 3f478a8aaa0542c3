"""Read the handwritten digits in a photo with the CNN and the SVM, and annotate each one.

Usage:
    python performRecognition.py                  # reads IMAGE_PATH below
    python performRecognition.py a.jpg b.png      # reads these instead
    python performRecognition.py photo_2.png --json --save-regions --out results

Train the models once (`python trainCNN.py`, `python trainSVM.py`; both ship with the project),
then change IMAGE_PATH or pass paths. For every image, the digits are found with OpenCV
(`digit_finder.py`), made into 28x28 MNIST-style digits, classified in one batch by each model,
printed line by line and drawn on the photo: a box per digit, the CNN's answer and the SVM's
answer above it. The result is written as `<name>_result.png` in the output folder.
"""

import argparse
import contextlib
import functools
import json
import os
import sys

os.environ.setdefault("OPENCV_LOG_LEVEL", "OFF")  # Unreadable images are reported once, below.

import cv2  # noqa: E402
import numpy as np  # noqa: E402

import digit_finder  # noqa: E402
import mnist_digits  # noqa: E402
import page  # noqa: E402
import photo_warnings  # noqa: E402

IMAGE_PATH = "photo_1.png"  # The image to read when none is given: change it and run again.
CNN_PATH = "cnn.h5"
SVM_PATH = "digits_cls.pkl"
OUTPUT_FOLDER = "results"
MIN_CONFIDENCE = 0.5  # Regions the CNN is less sure of than this are not digits (README: Accuracy).

CNN_COLOUR = (200, 90, 0)  # BGR: blue
SVM_COLOUR = (0, 0, 220)  # BGR: red
BOX_COLOUR = (0, 170, 0)  # BGR: green


class RecognitionError(Exception):
    """A problem with one input or model, said in one line with what to do about it."""


def parse_args(argv):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("images", nargs="*", default=[IMAGE_PATH],
                        help=f"images to read (default {IMAGE_PATH})")
    parser.add_argument("--out", default=OUTPUT_FOLDER, help="folder for the results (default %(default)s)")
    parser.add_argument("--cnn", default=CNN_PATH, help="CNN model file (default %(default)s)")
    parser.add_argument("--svm", default=SVM_PATH, help="SVM model file (default %(default)s)")
    parser.add_argument("--min-confidence", type=float, default=MIN_CONFIDENCE,
                        help="drop regions the CNN is less sure of (0-1, default %(default)s)")
    parser.add_argument("--json", action="store_true", help="print one JSON object per image")
    parser.add_argument("--save-regions", action="store_true",
                        help="also save the 28x28 regions as the classifiers saw them")
    parser.add_argument("--show", action="store_true", help="also show the result in a window")
    return parser.parse_args(argv)


@contextlib.contextmanager
def stderr_silenced():
    saved = os.dup(2)
    with open(os.devnull, "w") as devnull:
        os.dup2(devnull.fileno(), 2)
    try:
        yield
    finally:
        os.dup2(saved, 2)
        os.close(saved)


def load_cnn(path):
    """The CNN from trainCNN.py, checked to take 28x28x1 digits and answer 10 classes."""
    if not os.path.isfile(path):
        raise RecognitionError(f"{path}: no such model file; make it with `python trainCNN.py`")
    with stderr_silenced():  # TensorFlow's C++ start-up notes bypass its log settings.
        import keras  # Imported here: TensorFlow takes seconds to load, and only this needs it.
    try:
        with stderr_silenced():
            model = keras.saving.load_model(path, compile=False)
    except Exception as error:  # h5py, Keras and TensorFlow each raise their own kinds.
        raise RecognitionError(f"{path}: not a readable Keras model ({type(error).__name__}); "
                               "make it again with `python trainCNN.py`") from None
    if tuple(model.input_shape[1:]) != (28, 28, 1) or tuple(model.output_shape[1:]) != (10,):
        raise RecognitionError(f"{path}: a Keras model, but not a digit classifier of 28x28 images; "
                               "make it with `python trainCNN.py`")
    return model


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


def read_image(path):
    """The image at `path` as OpenCV reads it (any depth, any channels), turned as its EXIF tag
    says a viewer shows it."""
    if not os.path.exists(path):
        raise RecognitionError(f"{path}: no such file")
    if os.path.isdir(path):
        raise RecognitionError(f"{path}: is a folder, not an image")
    try:
        with open(path, "rb") as file:
            data = file.read()
    except OSError as error:
        raise RecognitionError(f"{path}: cannot be read ({error.strerror})") from None
    if not data:
        raise RecognitionError(f"{path}: is an empty file, not an image")
    if data.startswith(b"\x89PNG") and b"IEND" not in data[-64:]:
        raise RecognitionError(f"{path}: the PNG file is cut short (truncated); save or copy it again")
    if data.startswith(b"\xff\xd8") and b"\xff\xd9" not in data[-1024:]:
        raise RecognitionError(f"{path}: the JPEG file is cut short (truncated); save or copy it again")
    image = cv2.imdecode(np.frombuffer(data, np.uint8), cv2.IMREAD_UNCHANGED)
    if image is None or image.size == 0:
        raise RecognitionError(f"{path}: not an image OpenCV can read (PNG, JPEG, TIFF, BMP, ...)")
    return page.as_displayed(image, page.exif_orientation(data))


@functools.lru_cache(maxsize=4)
def cnn_judge(cnn):
    """The CNN as a function from (N, 28, 28) uint8 digits to class probabilities.

    Compiled once per model into a TensorFlow graph for any batch size: a call then costs a
    fraction of a millisecond beyond the arithmetic, where Keras's eager call costs several.
    """
    import tensorflow as tf  # Loaded already with Keras.
    graph = tf.function(lambda images: cnn(images, training=False),
                        input_signature=[tf.TensorSpec([None, 28, 28, 1], tf.float32)])

    def judge(images):
        return graph(images[..., np.newaxis].astype(np.float32)).numpy()
    return judge


def recognize(image, cnn, svm, min_confidence=MIN_CONFIDENCE):
    """Read one image: a dict with the digits (box and outline in the photo, both answers, CNN
    confidence), the lines, what was found about the page (turn, tilt, sheet) and the warnings
    that say why the reading may be wrong."""
    judge = cnn_judge(cnn)
    found_page = page.find_page(image, judge)
    regions = digit_finder.find_digits(found_page.image, judge)
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
    """The photo in colour with each digit's outline, both answers above it, and a legend."""
    if image.dtype == np.uint8 and image.ndim == 3 and image.shape[2] == 3:
        canvas = image.copy()
    else:  # grey, with alpha, 16-bit or float: drawn on its 8-bit grey version
        canvas = cv2.cvtColor(digit_finder.to_grey(image), cv2.COLOR_GRAY2BGR)
    thickness = max(1, round(max(canvas.shape[:2]) / 600))
    heights = [max(digit["box"][2:]) for digit in result["digits"]]
    scale = max(0.4, float(np.median(heights)) / 70) if heights else 1.0  # one size for the photo
    (text_width, text_height), _ = cv2.getTextSize("0", cv2.FONT_HERSHEY_DUPLEX, scale, thickness + 1)
    for digit in result["digits"]:
        x, y, width, height = digit["box"]
        cv2.polylines(canvas, [np.round(digit["outline"]).astype(np.int32)], True, BOX_COLOUR, thickness)
        left = x + width // 2 - text_width - thickness  # the two answers side by side, centred, upright
        baseline = max(y - 3 * thickness, text_height + 2)
        for offset, (model, colour) in enumerate((("cnn", CNN_COLOUR), ("svm", SVM_COLOUR))):
            cv2.putText(canvas, str(digit[model]), (left + offset * (text_width + 2 * thickness), baseline),
                        cv2.FONT_HERSHEY_DUPLEX, scale, colour, thickness + 1)
    draw_legend(canvas, thickness)
    return canvas


def draw_legend(canvas, thickness):
    scale = max(0.5, max(canvas.shape[:2]) / 1600)
    line_height = int(30 * scale)
    cv2.rectangle(canvas, (0, 0), (int(150 * scale), 2 * line_height + 10), (255, 255, 255), -1)
    for row, (label, colour) in enumerate((("CNN", CNN_COLOUR), ("SVM", SVM_COLOUR))):
        cv2.putText(canvas, label, (8, (row + 1) * line_height), cv2.FONT_HERSHEY_DUPLEX, scale,
                    colour, thickness + 1)


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
    """Fail before any work if results cannot be written."""
    try:
        os.makedirs(folder, exist_ok=True)
    except OSError as error:
        raise RecognitionError(f"{folder}: the output folder cannot be created ({error.strerror}); "
                               "choose another with --out") from None
    if not os.access(folder, os.W_OK | os.X_OK):
        raise RecognitionError(f"{folder}: the output folder is not writable; choose another with --out")


def counted(number, noun):
    return f"{number} {noun}" + ("" if number == 1 else "s")


def report(path, result, result_path, as_json):
    for warning in result["warnings"]:
        print(f"performRecognition.py: {path}: warning: {warning}", file=sys.stderr)
    if as_json:
        digits = [{key: digit[key] for key in ("box", "outline", "cnn", "cnn_confidence", "svm")}
                  for digit in result["digits"]]
        print(json.dumps({"image": path, "digits": digits, "lines": result["lines"], "page": result["page"],
                          "warnings": result["warnings"]}))
        return
    lines = result["lines"]["cnn"]
    print(f"{path}: {counted(len(result['digits']), 'digit')} in {counted(len(lines), 'line')} -> {result_path}")
    for model in ("cnn", "svm"):
        for number, line in enumerate(result["lines"][model], 1):
            print(f"  {model.upper()} line {number}: {line}")


def show(title, picture):
    if sys.platform.startswith("linux") and not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")):
        print(f"performRecognition.py: no display to show {title} on; it is saved", file=sys.stderr)
        return
    cv2.imshow(title, picture)
    cv2.waitKey(0)
    cv2.destroyAllWindows()


def main(argv=None):
    args = parse_args(argv)
    try:
        check_output_folder(args.out)
        cnn, svm = load_cnn(args.cnn), load_svm(args.svm)
    except RecognitionError as error:
        sys.exit(f"performRecognition.py: {error}")
    failures = 0
    for path in args.images:
        try:
            image = read_image(path)
            result = recognize(image, cnn, svm, args.min_confidence)
            name = os.path.splitext(os.path.basename(path))[0]
            result_path = os.path.join(args.out, f"{name}_result.png")
            annotated = annotate(image, result)
            write_image(result_path, annotated)
            if args.save_regions:
                write_image(os.path.join(args.out, f"{name}_regions.png"), region_mosaic(result))
        except RecognitionError as error:
            print(f"performRecognition.py: {error}", file=sys.stderr)
            failures += 1
            continue
        report(path, result, result_path, args.json)
        if args.show:
            show(result_path, annotated)
    if failures:
        sys.exit(1)


if __name__ == "__main__":
    try:
        main()
    except KeyboardInterrupt:
        sys.exit("performRecognition.py: interrupted; the results written so far are whole")
