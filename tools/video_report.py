"""How a webcam clip of sheets held up one after another reads: each sheet of a folder with a
truth.json (default ../shared/photos) held for --seconds in a 640x480 clip, every frame moved
a little as a hand moves it, its light changed, out of focus a little, with sensor noise, and
stored as Motion JPEG; then every frame read as the command line reads a clip.

It prints, per sheet and for the clip: the frames read exactly right (every line of the
CNN's reading as the truth has it), frame by frame and steadied (`video.Steadied`, what the
command line prints), the sheet's photo read once as it is, and the frames read a second in
this process, per sheet and in all (models loaded, each frame decoded, read and drawn as the
annotated clip draws it).

Usage:
    python tools/video_report.py                        # the shared photos, 2 s each at 15 frames a second
    python tools/video_report.py my_photos --seconds 3 --keep clip.avi
"""

import argparse
import os
import sys
import tempfile
import time

import cv2
import numpy as np

import evaluate
from digitreader import drawing, errors, pipeline, video

SHARED_PHOTOS = os.path.join(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))),
                             "shared", "photos")
SIZE = (640, 480)  # a webcam's frame
FPS = 15  # a webcam's frame rate in room light
SEEN = 0.9  # The sheet fills this much of the frame, the rest is the desk.
SHIFT = 0.02  # A hand moves the sheet up to this fraction of the frame between frames,
TURN = 2.0  # ... turns it up to this many degrees,
NEARER = 0.03  # ... and brings it up to this fraction nearer or farther.
LIGHT = 0.08  # The camera's exposure changes the brightness by up to this fraction.
DESK = (96, 110, 125)  # BGR, a wooden desk's brown


def held_frames(photo, frames, rng):
    """`frames` 640x480 frames of `photo` held up to a webcam: each placed a little otherwise,
    lit a little otherwise, blurred a little and noisy."""
    height, width = photo.shape[:2]
    fit = SEEN * min(SIZE[0] / width, SIZE[1] / height)
    for _ in range(frames):
        scale = fit * (1 + rng.uniform(-NEARER, NEARER))
        move = cv2.getRotationMatrix2D((width / 2, height / 2), rng.uniform(-TURN, TURN), scale)
        move[:, 2] += np.array(SIZE) / 2 - np.array([width, height]) / 2 + rng.uniform(-SHIFT, SHIFT, 2) * SIZE
        frame = cv2.warpAffine(photo, move, SIZE, flags=cv2.INTER_AREA, borderValue=DESK).astype(np.float32)
        frame *= 1 + rng.uniform(-LIGHT, LIGHT)
        frame = cv2.GaussianBlur(frame, (0, 0), rng.uniform(0.5, 1.0))
        frame += rng.normal(0, rng.uniform(1.5, 3), frame.shape).astype(np.float32)
        yield np.clip(frame + 0.5, 0, 255).astype(np.uint8)


def write_clip(path, sheets, frames, seed):
    """The clip of each of `sheets` (name -> photo) held for `frames` frames; returns the name of
    the sheet shown in each frame."""
    rng = np.random.default_rng(seed)
    writer = cv2.VideoWriter(path, cv2.VideoWriter_fourcc(*"MJPG"), FPS, SIZE)
    shown = []
    for name, photo in sheets.items():
        for frame in held_frames(photo, frames, rng):
            writer.write(frame)
            shown.append(name)
    writer.release()
    return shown


def read_clip(reader, path):
    """Each frame's own CNN lines, its steady ones, and the seconds it took (decoded, read and
    drawn as the annotated clip draws it), read as the command line reads a clip."""
    frames, own, steady, took = video.FrameReader(reader), [], [], []
    start = time.perf_counter()
    for _, seconds, image in video.Clip(path):
        result, steady_lines = frames.read(image, seconds)
        drawing.annotate(image, result)
        own.append(result["lines"]["cnn"])
        steady.append(steady_lines["cnn"])
        took.append(time.perf_counter() - start)
        start = time.perf_counter()
    return own, steady, took


def exact(reading, true_lines):
    """Whether every line was read as the truth has it (`evaluate.score`: no character error)."""
    return evaluate.score(reading, true_lines)[0] == 0


def shortened(text, most=40):
    return text if len(text) <= most else text[:most - 3] + "..."


def print_report(truth, shown, own, steady, took, alone):
    print("| sheet | frames | read exactly, frame by frame | steadied | frames a second | its photo, read once |\n"
          "|---|---|---|---|---|---|")
    for name in dict.fromkeys(shown):
        frames = [index for index, sheet in enumerate(shown) if sheet == name]
        right = [sum(exact(readings[index], truth[name]) for index in frames) for readings in (own, steady)]
        print(f"| {name} | {len(frames)} | {right[0] / len(frames):.0%} | {right[1] / len(frames):.0%} | "
              f"{len(frames) / sum(took[index] for index in frames):.1f} | "
              f"{'exact' if exact(alone[name], truth[name]) else shortened(' / '.join(alone[name]) or '-')} |")
    right = [sum(exact(reading, truth[name]) for reading, name in zip(readings, shown)) for readings in (own, steady)]
    print(f"| all | {len(shown)} | {right[0] / len(shown):.1%} | {right[1] / len(shown):.1%} | "
          f"{len(shown) / sum(took):.1f} | {sum(exact(alone[name], truth[name]) for name in alone)} of {len(alone)} exact |")
    print(f"\nFrames a second: {SIZE[0]}x{SIZE[1]} frames decoded, read and drawn, models loaded.")


def parse_args(argv):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folder", nargs="?", default=SHARED_PHOTOS, help="photos with a truth.json (default %(default)s)")
    parser.add_argument("--seconds", type=float, default=2.0, help="how long each sheet is held (default %(default)s)")
    parser.add_argument("--seed", type=int, default=0, help="random seed of the hand's moves (default %(default)s)")
    parser.add_argument("--keep", help="also keep the clip here (an .avi)")
    return parser.parse_args(argv)


def main(argv=None):
    args = parse_args(argv)
    try:
        truth = evaluate.load_truth(os.path.join(args.folder, "truth.json"))
        sheets = evaluate.read_photos(args.folder, sorted(truth))
        reader = pipeline.Reader()
    except errors.RecognitionError as error:
        sys.exit(f"video_report.py: {error}")
    alone = {name: reader.read(photo)["lines"]["cnn"] for name, photo in sheets.items()}
    with tempfile.TemporaryDirectory() as folder:
        path = args.keep or os.path.join(folder, "held.avi")
        shown = write_clip(path, sheets, max(1, round(args.seconds * FPS)), args.seed)
        own, steady, took = read_clip(reader, path)
    print_report(truth, shown, own, steady, took, alone)


if __name__ == "__main__":
    main()
