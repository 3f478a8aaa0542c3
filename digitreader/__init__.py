"""digitreader: the handwritten digits of a photo, found, read by a CNN (and, for comparison,
the tutorial's HOG + SVM) and annotated.

Its modules are the reader's stages, each importing only those above it in this list:

- `errors`, `console`, `imaging`, `mnist_digits`, `models`: what every stage stands on (the
  one kind of error, command-line helpers, images in and out, MNIST-style regions, the models);
- `pieces_of_ink`: a piece of ink and what is measured of pieces (digit height, pen width);
- `typeset`: what print looks like, whichever way up (letters in line to the pixel, figures alike);
- `paper_lines`: ruled paper's lines and underlines, taken out;
- `paper_and_ink`: from an image to its pieces of ink;
- `page`: the sheet on the table, its turn and tilt, found from its ink;
- `cuts_and_readings`: touching digits cut, broken ones joined, the best reading chosen;
- `not_digits`: print, marks and strokes that are no digit;
- `layout`: lines and reading order;
- `photo_warnings`: why a reading may be wrong;
- `drawing`: the annotated photo;
- `video`: a clip's frames in, the annotated clip out;
- `pipeline`: all of it, from a photo to its digits (`recognize`), and `Reader`, the reader
  with its models loaded once: `Reader().read("photo.jpg")`.
"""

import os

os.environ.setdefault("OPENCV_LOG_LEVEL", "OFF")  # Unreadable images are reported once, in one line,
os.environ.setdefault("OPENCV_FFMPEG_LOGLEVEL", "-8")  # ... and videos: FFmpeg says nothing of its own.

from .errors import RecognitionError  # noqa: E402 (after the setting above)


def __getattr__(name):
    """`Reader`, imported when first asked for: it brings the whole reader and scikit-learn
    (0.8 s, for the SVM's pickle), which a command line checking its inputs first does without."""
    if name == "Reader":
        from .pipeline import Reader
        return Reader
    raise AttributeError(f"module 'digitreader' has no attribute {name!r}")

__all__ = ["Reader", "RecognitionError"]
