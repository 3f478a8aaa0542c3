"""Read the handwritten digits in a photo with the CNN and the SVM, and annotate each one.

Usage:
    python performRecognition.py                  # reads IMAGE_PATH below
    python performRecognition.py a.jpg b.png      # reads these instead
    python performRecognition.py scans/ --csv digits.csv   # every image in a folder, a table of digits
    python performRecognition.py photo_2.png --json --save-regions --out results
    cat photo.jpg | python performRecognition.py -   # an image from standard input
    python performRecognition.py clip.mp4 --json      # every frame of a video, one JSON object each
    python performRecognition.py --camera 0 --show    # the first camera, live, until q, Esc or Ctrl-C

Train the models once (`python trainCNN.py`, `python trainSVM.py`; and the reader's own,
`python training/trainJudge.py`, `python training/trainPairs.py`; all ship with the project,
where it looks for them from any folder), then change IMAGE_PATH or pass paths. For every image, the digits are found
with OpenCV (the `digitreader` package), made into 28x28 MNIST-style digits, classified in one batch by each model,
printed line by line and drawn on the photo: a box per digit, the CNN's answer and the SVM's
answer above it. The result is written as `<name>_result.png` in the output folder
(`<name>_2_result.png` for a second image of the same name in one run). A video (.mp4 .avi
.mov .mkv .webm .m4v) is read frame by frame, every frame, and written annotated as
`<name>_result.mp4` (`.avi` where OpenCV cannot write MPEG-4); its readings are printed when
they change, or, with --json, one object per frame with its "frame" and "time". A camera
(--camera N) is read live the same way, the newest frame each time, until q or Esc in the
window (--show) or Ctrl-C; it writes only what is asked (--csv).
"""

import csv
import json
import os
import sys
import time

from digitreader import console, drawing, errors, imaging, models, video

# The image to read when none is given (the sample beside this script): change it and run again.
IMAGE_PATH = os.path.join(os.path.dirname(os.path.abspath(__file__)), "photo_1.png")
OUTPUT_FOLDER = "results"
PROGRESS_AFTER = 3  # More images than this get a progress line: a few are done before it would help.
CSV_COLUMNS = ["image", "frame", "line", "number", "position", "x", "y", "width", "height", "cnn", "cnn_confidence", "svm"]


def parse_args(argv):
    parser = console.OneLineErrorParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("images", nargs="*",
                        help=f"images, videos, folders of them, or - for standard input (default {IMAGE_PATH})")
    parser.add_argument("--out", default=OUTPUT_FOLDER, help="folder for the results (default %(default)s)")
    parser.add_argument("--cnn", default=models.CNN_PATH, help="CNN model file (default %(default)s)")
    parser.add_argument("--svm", default=models.SVM_PATH, help="SVM model file (default %(default)s)")
    parser.add_argument("--judge", default=models.JUDGE_PATH, help="judge of pieces model file (default %(default)s)")
    parser.add_argument("--pairs", default=models.PAIRS_PATH, help="pair reader model file (default %(default)s)")
    parser.add_argument("--min-confidence", type=console.confidence, default=models.MIN_CONFIDENCE,
                        help="drop regions the CNN is less sure of (0-1, default %(default)s)")
    parser.add_argument("--json", action="store_true", help="print one JSON object per image")
    parser.add_argument("--csv", help="also write one row per digit to this CSV file, for spreadsheets")
    parser.add_argument("--save-regions", action="store_true",
                        help="also save the 28x28 regions as the classifiers saw them")
    parser.add_argument("--show", action="store_true", help="also show the result in a window")
    parser.add_argument("--camera", type=int, metavar="N",
                        help="read camera N (0 is the first) live instead of images, until q, Esc or Ctrl-C")
    args = parser.parse_args(argv)
    if args.camera is not None and args.images:
        parser.error("give images or --camera, not both")
    args.images = args.images or [IMAGE_PATH]
    return args


def check_output_folder(folder):
    """Fail before any work if results could not be written there; nothing is created yet."""
    existing = os.path.abspath(folder)
    while not os.path.exists(existing):
        existing = os.path.dirname(existing)
    if not os.path.isdir(existing):
        raise errors.RecognitionError(f"{folder}: the output folder cannot be made ({existing} is a file); "
                               "choose another with --out")
    if not os.access(existing, os.W_OK | os.X_OK):
        raise errors.RecognitionError(f"{folder}: the output folder cannot be written ({existing} is not writable); "
                               "choose another with --out")


def make_output_folder(folder):
    try:
        os.makedirs(folder, exist_ok=True)
    except OSError as error:
        raise errors.RecognitionError(f"{folder}: the output folder cannot be created ({error.strerror}); "
                               "choose another with --out") from None


def load_reader(args):
    """The reader with the models the options name (`digitreader.Reader`), imported only now,
    once the inputs are checked: scikit-learn takes most of a second to load."""
    from digitreader import Reader
    return Reader(args.cnn, args.svm, args.judge, args.pairs, args.min_confidence)


def readable_images(inputs):
    """The images to read (`imaging.images_to_read`), less those that are missing or no images
    (`imaging.check_image_file`, each said on stderr), and the number of inputs left out: checked
    before the models load, which takes seconds."""
    paths, failures = imaging.images_to_read(inputs)
    readable = []
    for path in paths:
        try:
            if video.is_video(path):
                imaging.check_file(path)
            else:
                imaging.check_image_file(path)
        except errors.RecognitionError as error:
            print(f"performRecognition.py: {error}", file=sys.stderr)
            failures += 1
        else:
            readable.append(path)
    return readable, failures


def result_name(path, taken):
    """The name of `path`'s result files: the image's own name, numbered from 2 when an earlier
    image of this run had it (a/scan.png and b/scan.png, t.webp and t.gif), so none overwrites another."""
    stem = "stdin" if path == imaging.STDIN else os.path.splitext(os.path.basename(path))[0]
    name, number = stem, 1
    while name in taken:
        number += 1
        name = f"{stem}_{number}"
    taken.add(name)
    return name


def csv_rows(path, result, frame=None):
    """One row per digit for the --csv table, or one row with only the image's name (and a
    video's `frame`) when it holds none, so the table lists every image and frame read."""
    rows = []
    for digit in result["digits"]:
        x, y, width, height = digit["box"]
        rows.append({"image": path, "frame": frame, "line": digit["line"], "number": digit["number"], "position": digit["position"], "x": x, "y": y,
                     "width": width, "height": height, "cnn": digit["cnn"],
                     "cnn_confidence": digit["cnn_confidence"], "svm": digit["svm"]})
    return rows or [{"image": path, "frame": frame}]


def write_csv(path, rows):
    def write(temporary):
        with open(temporary, "w", newline="") as file:
            table = csv.DictWriter(file, CSV_COLUMNS)
            table.writeheader()
            table.writerows(rows)
    imaging.save_atomically(path, write)


def as_json(path, result, result_path, **frame):
    """The JSON line of one image, or of one frame of a video (`frame`: its "frame" and "time")."""
    digits = [{key: value for key, value in digit.items() if key != "region"} for digit in result["digits"]]
    return json.dumps({"image": path, **frame, "result": result_path, **result, "digits": digits})


def report(path, result, result_path, json_lines):
    for warning in result["warnings"]:
        print(f"performRecognition.py: {path}: warning: {warning}", file=sys.stderr)
    if json_lines:
        print(as_json(path, result, result_path))
        return
    lines = result["lines"]["cnn"]
    print(f"{path}: {console.counted(len(result['digits']), 'digit')} in {console.counted(len(lines), 'line')} -> {result_path}")
    for model in ("cnn", "svm"):
        for number, line in enumerate(result["lines"][model], 1):
            print(f"  {model.upper()} line {number}: {line}")


def report_frame(source, result, steady, result_path, frame, seconds, label, shown, json_lines):
    """One frame of a video or a camera, `steady` its steady lines (`video.Steadied`): with
    `json_lines` its JSON object (its "frame", "time" and "steady"); else the steady lines,
    after `label`, where they differ from `shown`, those printed last. Returns the lines
    printed last now."""
    if json_lines:
        print(as_json(source, result, result_path, frame=frame, time=round(seconds, 3), steady=steady), flush=True)
    elif steady != shown:
        cnn, svm = (" | ".join(steady[model]) or "-" for model in ("cnn", "svm"))
        print(f"  {label}: CNN {cnn}; SVM {svm}", flush=True)
        shown = steady
    return shown


def read_video(reader, path, name, args):
    """Every frame of the video at `path` read and drawn into `<name>_result.mp4` in args.out;
    printed where its steady reading changes (with --json, every frame), a progress line on
    stderr; frames read as `video.FrameReader` reads them. Returns the CSV rows.
    A clip that breaks off keeps what was read, and says where."""
    clip = video.Clip(path)
    progress = console.Progress(clip.expected, f"performRecognition.py: {path}", "frames", least=PROGRESS_AFTER)
    rows, shown, warned, frames = [], None, set(), video.FrameReader(reader)
    with video.ClipWriter(args.out, name, clip.fps, clip.size) as out:
        if not args.json:
            print(f"{path}: {console.counted(clip.expected, 'frame')} at {clip.fps:g} a second -> {out.path}")
        for frame, seconds, image in clip:
            result, steady = frames.read(image, seconds)
            out.write(drawing.annotate(image, result))
            progress.clear()
            for warning in set(result["warnings"]) - warned:  # each warning once a clip
                print(f"performRecognition.py: {path}: frame {frame}: warning: {warning}", file=sys.stderr)
            warned |= set(result["warnings"])
            shown = report_frame(path, result, steady, out.path, frame, seconds, f"frame {frame} ({seconds:.2f} s)",
                                 shown, args.json)
            rows.extend(csv_rows(path, result, frame))
            progress.update(frame + 1)
    progress.finish()
    if stopped := clip.stopped_early():
        print(f"performRecognition.py: {path}: {stopped}", file=sys.stderr)
    return rows


def read_live(reader, capture, args):
    """Frames from an opened `capture` (`video.open_camera`) read as they come until it ends, q
    or Esc in the --show window, or Ctrl-C; each reported (`report_frame`), its "time" in
    seconds since the start, read as `video.FrameReader` reads them. Returns the CSV rows."""
    source = f"camera {args.camera}"
    rows, shown, frame, start, frames = [], None, 0, time.monotonic(), video.FrameReader(reader)
    try:
        while True:
            ok, image = capture.read()
            if not ok:
                break
            seconds = time.monotonic() - start
            result, steady = frames.read(image, seconds)
            shown = report_frame(source, result, steady, None, frame, seconds, f"{seconds:.1f} s", shown, args.json)
            rows.extend(csv_rows(source, result, frame))
            frame += 1
            if args.show and drawing.show_live(source, drawing.annotate(image, result)):
                break
    except KeyboardInterrupt:
        pass
    finally:
        capture.release()
        if args.show:
            drawing.close_windows()
    print(f"performRecognition.py: {source}: {console.counted(frame, 'frame')} read in {time.monotonic() - start:.1f} s",
          file=sys.stderr)
    return rows


def main(argv=None):
    args = parse_args(argv)
    try:
        check_output_folder(args.out)
        if args.csv:
            console.check_writable(args.csv, "performRecognition.py", "--csv")
    except errors.RecognitionError as error:
        sys.exit(f"performRecognition.py: {error}")
    if args.camera is not None:
        try:
            capture = video.open_camera(args.camera)
            reader = load_reader(args)
        except errors.RecognitionError as error:
            sys.exit(f"performRecognition.py: {error}")
        if args.show and (problem := drawing.display_problem()):
            print(f"performRecognition.py: {problem}; the readings are printed only", file=sys.stderr)
            args.show = False
        rows = read_live(reader, capture, args)
        if args.csv:
            write_csv(args.csv, rows)
        return
    paths, failures = readable_images(args.images)
    if not paths:
        sys.exit(1)
    try:
        reader = load_reader(args)
        make_output_folder(args.out)
    except errors.RecognitionError as error:
        sys.exit(f"performRecognition.py: {error}")
    if args.show and (problem := drawing.display_problem()):
        print(f"performRecognition.py: {problem}; the results are saved in {args.out}", file=sys.stderr)
        args.show = False
    progress = console.Progress(len(paths), "performRecognition.py", "photos", least=PROGRESS_AFTER)
    taken, rows = set(), []
    for done, path in enumerate(paths, 1):
        if video.is_video(path):
            try:
                rows.extend(read_video(reader, path, result_name(path, taken), args))
            except errors.RecognitionError as error:
                progress.clear()
                print(f"performRecognition.py: {error}", file=sys.stderr)
                failures += 1
            progress.update(done)
            continue
        try:
            image = imaging.read_image(path)
            result = reader.read(image, regions=args.save_regions)
            name = result_name(path, taken)
            result_path = os.path.join(args.out, f"{name}_result.png")
            annotated = drawing.annotate(image, result)
            imaging.write_image(result_path, annotated)
            if args.save_regions:
                imaging.write_image(os.path.join(args.out, f"{name}_regions.png"), drawing.region_mosaic(result))
        except errors.RecognitionError as error:
            progress.clear()
            print(f"performRecognition.py: {error}", file=sys.stderr)
            failures += 1
        else:
            progress.clear()
            report(path, result, result_path, args.json)
            rows.extend(csv_rows(path, result))
            if args.show:
                drawing.show(result_path, annotated)
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
    except BrokenPipeError:  # the reader of the output (head, less) stopped: so do we, quietly
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        sys.exit(1)
