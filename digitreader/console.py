"""Helpers for the scripts' command lines: one-line argument errors, option checks, a
progress line for long work, a ticking clock for work that reports no progress, and the
silencing of TensorFlow's C++ start-up notes."""

import argparse
import contextlib
import os
import sys
import threading
import time


class OneLineErrorParser(argparse.ArgumentParser):
    """The scripts' argument parser: a mistake on the command line is said in one line, with where
    to read more, instead of argparse's usage block and the error under it."""

    def error(self, message):
        self.exit(2, f"{self.prog}: {message} (--help lists the options)\n")


def positive_count(text):
    """An option's whole number of 1 or more, for argparse (`--limit 0` must not mean "all")."""
    try:
        number = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a whole number, got {text!r}") from None
    if number < 1:
        raise argparse.ArgumentTypeError(f"must be 1 or more, got {number}")
    return number


def confidence(text):
    """A CNN confidence for argparse: a number from 0 to 1."""
    try:
        number = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a number from 0 to 1, got {text!r}") from None
    if not 0 <= number <= 1:
        raise argparse.ArgumentTypeError(f"must be from 0 to 1, got {text}")
    return number


def check_writable(path, script, option):
    """Stop `script` with one line, before any work, when `path` (given with `option`) could not
    be saved: its folder missing or not writable, or a folder in its place."""
    folder = os.path.dirname(os.path.abspath(path))
    if os.path.isdir(path):
        problem = "is a folder; give a file name"
    elif not os.path.isdir(folder):
        problem = f"the folder {folder} does not exist; create it or choose another {option}"
    elif not os.access(folder, os.W_OK | os.X_OK):
        problem = f"the folder {folder} is not writable; choose another {option}"
    else:
        return
    sys.exit(f"{script}: {path}: {problem}")


def run_training(main, script):
    """Run a training script's `main`; Ctrl-C ends it with one line instead of a traceback. Models
    are saved atomically (`imaging.save_atomically`), so none was half-written."""
    try:
        main()
    except KeyboardInterrupt:
        sys.exit(f"{script}: interrupted; no model was written, an earlier one is untouched")


@contextlib.contextmanager
def silenced(descriptors):
    """Send what is written to the file `descriptors` (1: stdout, 2: stderr), by Python or by
    C++ libraries (TensorFlow's start-up notes), to /dev/null."""
    sys.stdout.flush(), sys.stderr.flush()
    saved = [os.dup(descriptor) for descriptor in descriptors]
    with open(os.devnull, "w") as devnull:
        for descriptor in descriptors:
            os.dup2(devnull.fileno(), descriptor)
    try:
        yield
    finally:
        sys.stdout.flush(), sys.stderr.flush()
        for descriptor, kept in zip(descriptors, saved):
            os.dup2(kept, descriptor)
            os.close(kept)


def stderr_silenced():
    """What C++ libraries and Python write to stderr, sent to /dev/null (`silenced`)."""
    return silenced([2])


def output_silenced():
    """What is written to stdout and stderr, sent to /dev/null (`silenced`)."""
    return silenced([1, 2])


class Progress:
    """A line on stderr for long work: how many of `total` things (`unit`: "photos") are done
    and how fast, after `label`. On a terminal it is redrawn in place and wiped before other
    output (`clear`); in a log, a line every tenth of the way. With `least` things or fewer
    there is no line at all: they are done before it would help."""

    def __init__(self, total, label, unit, stream=None, least=0):
        self.total, self.label, self.unit, self.stream = total, label, unit, stream or sys.stderr
        self.shown = total > least
        self.redraw = self.stream.isatty()
        self.step = max(1, total // (100 if self.redraw else 10))
        self.start = time.monotonic()
        self.drawn = False

    def update(self, done):
        if not self.shown or (done % self.step and done != self.total):
            return
        rate = done / max(time.monotonic() - self.start, 1e-6)
        line = f"{self.label}: {done:,}/{self.total:,} {self.unit}, {rate:,.1f} {self.unit}/s"
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


def progress(items, total, label, unit):
    """Yield from `items`, showing a `Progress` line while they are worked through."""
    line = Progress(total, label, unit)
    for done, item in enumerate(items, 1):
        yield item
        line.update(done)
    line.finish()


@contextlib.contextmanager
def ticking(label, stream=sys.stderr):
    """Show `label` and the seconds passed while the body runs, for work that reports no progress
    of its own (the SVM fit); then how long it took."""
    start = time.monotonic()
    stop = threading.Event()

    def tick():
        while not stop.wait(1):
            if stream.isatty():
                stream.write(f"\r{label} {time.monotonic() - start:.0f}s")
                stream.flush()

    thread = threading.Thread(target=tick, daemon=True)
    thread.start()
    try:
        yield
    finally:
        stop.set()
        thread.join()
        stream.write(f"\r{label} done in {time.monotonic() - start:.1f}s\n")
        stream.flush()


def counted(number, noun):
    return f"{number} {noun}" + ("" if number == 1 else "s")
