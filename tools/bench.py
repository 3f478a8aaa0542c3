"""Measure the project on this machine and print a Markdown table for the README.

Usage:
    python tools/bench.py                          # everything: about 5 minutes on 2 cores
    python tools/bench.py --skip-training          # leave out the two training runs
    python tools/bench.py photo_1.png photo_2.png --repeats 10 --json
    python tools/bench.py --profile                # only where a photo's time goes, by stage

Measured: the shipped models' accuracy on MNIST's 10,000 test digits; the wall time of each
training script with its defaults (writing to a temporary folder, so the shipped models stay);
recognition time per photo with the models loaded once, batched as performRecognition.py does
it (and the part of it that finds the page) and one model call per region as the tutorial did;
the same for made-up photos as phones take them (busy backgrounds, turned, tilted, at an angle),
with the slowest of them; frames filled with print alone, the slowest; one cold run of
performRecognition.py; and peak memory. Progress goes to stderr, the table to stdout.
With --profile, only this: the photos read under cProfile, each function's own time given to
its stage (the `digitreader` module it is in; LiteRT's calls to LiteRT; NumPy's and
OpenCV's to the stage that called them), in milliseconds per photo.
"""

import argparse
import collections
import cProfile
import functools
import json
import os
import platform
import pstats
import resource
import statistics
import subprocess
import sys
import tempfile
import time

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")  # Keep TensorFlow's start-up notes quiet.

import numpy as np

import figures

import make_photos
import print_frames
from digitreader import errors, imaging, mnist_digits, models, page, pipeline

PHOTOS = ["photo_1.png", "photo_2.png"]
# Photos as phones take them, made up (name: lines, seed, hazards, width): the slowest is reported.
HARD_PHOTOS = {
    "turned sheet on wood grain": (["0522", "1234567", "98316"], 0, ("busy", "turn_90"), 950),
    "sheet on gravel": (["7405", "861293"], 1, ("busy",), None),
    "tilted sheet on a page of print": (["31415926", "2718", "60"], 2, ("busy", "tilt"), None),
    "sheet seen at an angle, upside down": (["0522", "1234567", "98316"], 3, ("table", "angle", "turn_180"), None),
    "tilted 30-45 degrees, no sheet edge": (["7405", "861293"], 4, ("tilt",), None),
}
PRINT_SCALES = (0.4, 0.6, 0.8, 1.0)  # Frames filled with print alone, no sheet: OpenCV font scales (capitals 9-22 px).
REPEATS = 10  # Each photo is read this many times; the median read counts.

# (key, label, format) of each row; a value of None prints as "skipped".
ROWS = [
    ("cnn_accuracy", "CNN accuracy, MNIST test digits", "{:.4f}"),
    ("svm_accuracy", "SVM accuracy, MNIST test digits", "{:.4f}"),
    ("svm_training_s", "Training the SVM (`trainSVM.py`, its defaults)", "{:.0f} s"),
    ("cnn_training_s", "Training the CNN (`trainCNN.py`, its defaults)", "{:.0f} s"),
    ("photos", "Photos read for the times below", "{}"),
    ("batched_ms", "Recognition per photo, models loaded, batched", "{:.0f} ms"),
    ("page_ms", "... of which finding the page (EXIF, sheet, turn, tilt)", "{:.0f} ms"),
    ("tutorial_ms", "Recognition per photo, one model call per region (tutorial)", "{:.0f} ms"),
    ("speed_up", "Speed-up of batching (tutorial / batched)", "{:.0f}x"),
    ("hard_photos", "Photos as phones take them (made up, `HARD_PHOTOS`)", "{}"),
    ("hard_mean_ms", "Recognition per photo as phones take them, mean", "{:.0f} ms"),
    ("hard_slowest", "... the slowest of them", "{}"),
    ("print_frames", "Frames of print alone, no sheet (1280x960, `PRINT_SCALES`), read once each: the slowest", "{}"),
    ("cold_run_s", "Cold run of `performRecognition.py` on the first photo", "{:.1f} s"),
    ("cold_run_mib", "Peak memory of the cold run", "{:.0f} MiB"),
    ("in_process_mib", "Peak memory, models loaded and photos read in one process", "{:.0f} MiB"),
]


def parse_args(argv):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("photos", nargs="*", default=PHOTOS, help="photos to read (default %(default)s)")
    parser.add_argument("--repeats", type=int, default=REPEATS, help="reads of each photo (default %(default)s)")
    parser.add_argument("--skip-training", action="store_true", help="do not time the training scripts")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON instead of a table")
    parser.add_argument("--profile", action="store_true", help="only profile the photos' reading, by stage")
    return parser.parse_args(argv)


def step(message):
    print(message, file=sys.stderr, flush=True)


def machine():
    """One line saying where the figures come from."""
    with open("/proc/cpuinfo") as file:
        cpu = next((line.split(":", 1)[1].strip() for line in file if line.startswith("model name")), "unknown CPU")
    with open("/proc/meminfo") as file:
        ram_kib = int(next(line.split()[1] for line in file if line.startswith("MemTotal")))
    import keras  # Loaded already with the CNN; imported here for the versions only.
    import tensorflow
    return (f"{cpu}, {len(os.sched_getaffinity(0))} cores, {ram_kib / 2 ** 20:.0f} GiB RAM; "
            f"Python {platform.python_version()}, TensorFlow {tensorflow.__version__}, Keras {keras.__version__}")


def run_script(command):
    """Wall time of a script run as a subprocess, in seconds; its output is kept to explain a failure."""
    start = time.monotonic()
    script = os.path.join(models.PROJECT_FOLDER, command[0])  # the scripts beside the models, from any folder
    finished = subprocess.run([sys.executable, script, *command[1:]], capture_output=True, text=True)
    elapsed = time.monotonic() - start
    if finished.returncode:
        sys.exit(f"bench.py: {' '.join(command)} failed:\n{finished.stderr[-2000:]}")
    return elapsed


def read_batched(image, cnn, svm):
    pipeline.recognize(image, cnn, svm)


def read_per_region(image, cnn, svm, keras_cnn):
    """The tutorial's way: the same regions (finding them is batched, as above), then each model
    called once per region, the CNN through Keras (`keras_cnn`)."""
    for digit in pipeline.find_digits(image, cnn):
        keras_cnn.predict(digit.image[np.newaxis, ..., np.newaxis].astype(np.float32), verbose=0)
        svm.predict(digit.image[np.newaxis])


def find_page(image, cnn, svm):
    page.find_page(image, cnn)


def each_photo_ms(read, images, cnn, svm, repeats):
    """Milliseconds per photo: the median of each photo's reads, averaged over the photos (their
    digit counts differ, so a median over all reads would be one photo's or the other's).
    A first read of each photo, not counted, warms TensorFlow up."""
    medians = []
    for image in images:
        read(image, cnn, svm)
        times = []
        for _ in range(repeats):
            start = time.perf_counter()
            read(image, cnn, svm)
            times.append(1000 * (time.perf_counter() - start))
        medians.append(statistics.median(times))
    return medians


def ms_per_photo(read, images, cnn, svm, repeats):
    return statistics.mean(each_photo_ms(read, images, cnn, svm, repeats))


def time_cold_run(photo, folder):
    """Wall time and peak memory of performRecognition.py started afresh on one photo."""
    step(f"Cold run of performRecognition.py {photo} ...")
    seconds = run_script(["performRecognition.py", photo, "--out", folder])
    # RUSAGE_CHILDREN keeps the largest child's peak: this must be the first child.
    return {"cold_run_s": seconds, "cold_run_mib": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024}


def time_recognition(cnn, svm, photos, repeats):
    """Both ways of reading the photos, and this process's peak memory while it did."""
    images = [imaging.read_image(path) for path in photos]
    digits = sum(len(pipeline.recognize(image, cnn, svm)["digits"]) for image in images)
    step(f"Reading {len(photos)} photos {repeats} times each, batched ...")
    batched = ms_per_photo(read_batched, images, cnn, svm, repeats)
    step(f"Finding the page of {len(photos)} photos {repeats} times each ...")
    page_ms = ms_per_photo(find_page, images, cnn, svm, repeats)
    step(f"Reading {len(photos)} photos {repeats} times each, one call per region ...")
    tutorial_way = functools.partial(read_per_region, keras_cnn=models.load_cnn(models.CNN_PATH, keras=True))
    tutorial = ms_per_photo(tutorial_way, images, cnn, svm, repeats)
    return {"photos": f"{', '.join(photos)} ({digits} digits)", "batched_ms": batched, "page_ms": page_ms,
            "tutorial_ms": tutorial, "speed_up": tutorial / batched,
            "in_process_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}


def time_hard_photos(cnn, svm, repeats):
    """Recognition of the made-up HARD_PHOTOS: the mean, and the slowest photo."""
    step(f"Making and reading {len(HARD_PHOTOS)} photos as phones take them, {repeats} times each ...")
    images = [make_photos.make_sheet(lines, seed, hazards, width) for lines, seed, hazards, width in HARD_PHOTOS.values()]
    times = each_photo_ms(read_batched, images, cnn, svm, repeats)
    slowest = int(np.argmax(times))
    return {"hard_photos": f"{len(images)}: " + "; ".join(HARD_PHOTOS), "hard_mean_ms": statistics.mean(times),
            "hard_slowest": f"{list(HARD_PHOTOS)[slowest]}, {times[slowest]:.0f} ms"}


def time_print_frames(cnn, svm):
    """One read of each frame filled with print (`tools/print_frames.py`): the slowest, and
    how many "digits" it gave (letters and printed digits, none of them handwriting)."""
    step(f"Reading {len(PRINT_SCALES)} frames of print alone, once each ...")
    slowest = (0.0, None, None)
    for scale in PRINT_SCALES:
        frame = print_frames.print_frame(scale)
        start = time.perf_counter()
        result = pipeline.recognize(frame, cnn, svm)
        slowest = max(slowest, (time.perf_counter() - start, scale, len(result["digits"])))
    seconds, scale, digits = slowest
    return {"print_frames": f"font scale {scale}, {seconds:.1f} s, {digits} \"digits\""}


def mnist_accuracy(cnn, svm):
    step("Reading the 10,000 MNIST test digits with both models ...")
    _, (images, labels) = mnist_digits.load_mnist()
    return {f"{model}_accuracy": float(np.mean(predicted == labels))
            for model, predicted in figures.read_test_digits(cnn, svm, images).items()}


def time_training(folder):
    """Wall time of each training script with its defaults, saving into `folder`."""
    step("Training the SVM (about 10 seconds) ...")
    svm_seconds = run_script(["trainSVM.py", "--out", os.path.join(folder, "svm.pkl")])
    step("Training the CNN (about 4 minutes on 2 cores) ...")
    cnn_seconds = run_script(["trainCNN.py", "--out", os.path.join(folder, "cnn.h5"),
                              "--curves", os.path.join(folder, "curves.png")])
    return {"svm_training_s": svm_seconds, "cnn_training_s": cnn_seconds}


def measure(args, photos, folder):
    results = time_cold_run(photos[0], folder)
    step("Loading the models ...")
    cnn = models.load_cnn(models.CNN_PATH)
    svm = models.load_svm(models.SVM_PATH)
    # Recognition before the test set: reading 10,000 digits would set this process's peak memory.
    results.update(time_recognition(cnn, svm, photos, args.repeats))
    results.update(time_hard_photos(cnn, svm, args.repeats))
    results.update(time_print_frames(cnn, svm))
    results.update(mnist_accuracy(cnn, svm))
    if args.skip_training:
        results.update(svm_training_s=None, cnn_training_s=None)
    else:
        results.update(time_training(folder))
    return results


def stage_of(function):
    """The stage a profiled function (file, line, name) belongs to: its `digitreader` module,
    or LiteRT (the networks' arithmetic, `models.LiteModel`); None for the rest (NumPy, OpenCV,
    Python), whose time goes to its callers."""
    path = function[0].replace(os.sep, "/")
    if "/digitreader/" in path:
        return os.path.splitext(os.path.basename(path))[0]
    if "ai_edge_litert" in path or "ai_edge_litert" in function[2]:
        return "LiteRT"
    return None


def time_by_stage(stats):
    """{stage: seconds} from pstats' raw stats: each function's own time to its stage
    (`stage_of`), or shared among its callers as they called it, up to ones that have one."""
    shares = {}  # function: {stage: share of its time}, each worked out once (unless a cycle was cut)

    def share_of(function, path=()):
        """({stage: share}, whether a caller was left out as a cycle back into `path`)."""
        if function in shares:
            return shares[function], False
        stage = stage_of(function)
        every_caller = stats[function][4] if function in stats else {}
        callers = {caller: called for caller, called in every_caller.items() if caller not in path}
        cut = len(callers) < len(every_caller)
        total = sum(called[2] for called in callers.values())
        if stage or not callers:
            result = {stage or "Python and the rest": 1.0}
        else:
            result = collections.Counter()
            for caller, called in callers.items():
                weight = called[2] / total if total else 1 / len(callers)
                caller_share, caller_cut = share_of(caller, path + (function,))
                cut |= caller_cut
                for caller_stage, part in caller_share.items():
                    result[caller_stage] += weight * part
        if not cut:
            shares[function] = result
        return result, cut

    seconds = collections.Counter()
    for function, (_, _, own, _, _) in stats.items():
        for stage, part in share_of(function)[0].items():
            seconds[stage] += own * part
    return seconds


def profile_stages(photos, repeats):
    """Milliseconds per photo in each stage, the photos read `repeats` times each after one
    warm-up read, models loaded."""
    cnn, svm = models.load_cnn(models.CNN_PATH), models.load_svm(models.SVM_PATH)
    images = [imaging.read_image(path) for path in photos]
    for image in images:
        read_batched(image, cnn, svm)
    profiler = cProfile.Profile()
    profiler.enable()
    for _ in range(repeats):
        for image in images:
            read_batched(image, cnn, svm)
    profiler.disable()
    seconds = time_by_stage(pstats.Stats(profiler).stats)
    return {stage: 1000 * value / (repeats * len(images)) for stage, value in seconds.items()}


def print_profile(stages, photos):
    total = sum(stages.values())
    print(f"Where a photo's time goes ({', '.join(map(os.path.basename, photos))}; under cProfile, "
          "which slows Python calls)\n")
    print("| stage | ms per photo | share |\n|---|---|---|")
    for stage, ms in sorted(stages.items(), key=lambda item: -item[1]):
        print(f"| {stage} | {ms:.1f} | {ms / total:.0%} |")
    print(f"| all | {total:.1f} | 100% |")


def print_table(results, machine_line):
    print(f"Measured on: {machine_line}\n")
    print("| Measure | Value |\n|---|---|")
    for key, label, form in ROWS:
        value = results[key]
        print(f"| {label} | {'skipped' if value is None else form.format(value)} |")


def main(argv=None):
    args = parse_args(argv)
    photos = [path for path in args.photos if os.path.isfile(path)]
    for path in sorted(set(args.photos) - set(photos)):
        step(f"bench.py: {path} not found; measuring without it")
    if not photos:
        sys.exit("bench.py: no photo to read; make them with `make photos` or name some")
    if args.profile:
        print_profile(profile_stages(photos, args.repeats), photos)
        return
    try:
        with tempfile.TemporaryDirectory(prefix="bench-") as folder:
            results = measure(args, photos, folder)
    except (errors.RecognitionError, mnist_digits.MnistUnavailable) as error:
        sys.exit(f"bench.py: {error}")
    machine_line = machine()
    if args.json:
        print(json.dumps(dict(results, machine=machine_line), indent=2))
    else:
        print_table(results, machine_line)


if __name__ == "__main__":
    main()
