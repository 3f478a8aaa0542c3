"""Images in and out: a file read as a viewer displays it (its EXIF orientation
applied), any image made 8-bit grey at a working size, quantiles of its pixels, and files
written atomically, so an interrupted run never leaves half a file where a good one was."""

import io
import os
import sys
import tempfile

import cv2
import numpy as np

from . import console, errors


def temporary_beside(path):
    """A new empty file in `path`'s folder, with its extension, to be moved to `path` once whole;
    readable as any file the user makes (mkstemp makes it private; a model or a result is not)."""
    folder = os.path.dirname(os.path.abspath(path))
    handle, temporary = tempfile.mkstemp(dir=folder, prefix=".partial-", suffix=os.path.splitext(path)[1])
    os.close(handle)
    umask = os.umask(0)
    os.umask(umask)
    os.chmod(temporary, 0o666 & ~umask)
    return temporary


def save_atomically(path, write):
    """Call `write(temporary_path)`, then move the file to `path`: an interrupted run never
    leaves a half-written model where a good one was."""
    temporary = temporary_beside(path)
    try:
        write(temporary)
        os.replace(temporary, path)
    finally:
        if os.path.exists(temporary):
            os.remove(temporary)


EXIF_ORIENTATION = 0x0112  # The EXIF tag that says how the stored pixels are to be displayed.


def exif_orientation(data):
    """The EXIF orientation (1-8) of an encoded image, 1 when it has none or it cannot be read."""
    from PIL import Image, UnidentifiedImageError  # Reads the tag without decoding the pixels.
    try:
        with Image.open(io.BytesIO(data)) as image:
            orientation = image.getexif().get(EXIF_ORIENTATION, 1)
    except (UnidentifiedImageError, OSError, ValueError, SyntaxError):
        return 1
    return orientation if orientation in range(1, 9) else 1


def as_displayed(image, orientation):
    """The stored pixels as a viewer shows them, for an EXIF orientation 1-8; any depth, any channels."""
    if orientation in (5, 6, 7, 8):
        image = np.swapaxes(image, 0, 1)  # rows become columns
    flips = {2: (1,), 3: (0, 1), 4: (0,), 6: (1,), 7: (0, 1), 8: (0,)}.get(orientation, ())
    return np.ascontiguousarray(np.flip(image, flips) if flips else image)


WORK_SIDE = 1280  # Photos are worked on with their longer side at most this (pixels).


def to_grey(image):
    """8-bit grey from an image of any depth and any number of channels."""
    image = np.asarray(image)
    if image.dtype == np.bool_:
        image = image.astype(np.uint8) * 255
    if image.dtype != np.uint8:
        image = image.astype(np.float64)
        low, high = np.nanmin(image), np.nanmax(image)
        scale = 255 / (high - low) if high > low else 0
        image = np.nan_to_num((image - low) * scale).astype(np.uint8)
    if image.ndim == 3 and image.shape[2] == 4:
        alpha = image[..., 3:].astype(np.float32) / 255  # Transparent parts show as white paper.
        image = (image[..., :3] * alpha + 255 * (1 - alpha)).astype(np.uint8)
    if image.ndim == 3 and image.shape[2] == 3:
        return cv2.cvtColor(image, cv2.COLOR_BGR2GRAY)
    if image.ndim == 3:
        return image[..., 0].copy()
    return image


def work_copy(grey, side=WORK_SIDE):
    """A copy whose longer side is at most `side`, and the factor from its pixels to the original's."""
    factor = max(grey.shape) / side
    if factor <= 1:
        return grey, 1.0
    size = (max(1, round(grey.shape[1] / factor)), max(1, round(grey.shape[0] / factor)))
    return cv2.resize(grey, size, interpolation=cv2.INTER_AREA), factor


def quarter_size(grey):
    """The image at a quarter of its width and height, each pixel the mean of the 4x4 it stands
    for. Scaled by factors rather than to a size, OpenCV takes its whole-factor path: a quarter
    of the cost when the sides are no multiples of 4."""
    if min(grey.shape) < 4:
        return grey
    return cv2.resize(grey, None, fx=0.25, fy=0.25, interpolation=cv2.INTER_AREA)


def quantile(values, fraction):
    """The value `fraction` of the way up many values, sorted (the nearest one): one partition,
    which costs a fraction of np.percentile's interpolation and checks on a photo's pixels."""
    values = np.ravel(values)
    rank = int(round(fraction * (len(values) - 1)))
    return np.partition(values, rank)[rank]


STDIN = "-"  # The input name that means "read one image from standard input".
NOT_AN_IMAGE = "not an image OpenCV can read (PNG, JPEG, TIFF, BMP, ...)"
# What a folder given as an input is searched for: the kinds of file OpenCV reads.
IMAGE_EXTENSIONS = {".png", ".jpg", ".jpeg", ".jpe", ".jp2", ".tif", ".tiff", ".bmp", ".dib", ".webp",
                    ".avif", ".gif", ".pbm", ".pgm", ".ppm", ".pnm", ".pxm", ".sr", ".ras", ".exr", ".hdr", ".pic"}
VIDEO_EXTENSIONS = {".mp4", ".avi", ".mov", ".mkv", ".webm", ".m4v"}  # ... and the videos, read frame by frame.


def check_exists(path):
    """Raise RecognitionError, saying what is wrong, unless `path` is a file that exists."""
    if not os.path.exists(path):
        raise errors.RecognitionError(f"{path}: no such file")
    if os.path.isdir(path):
        raise errors.RecognitionError(f"{path}: is a folder, not an image")


def check_file(path):
    """Raise RecognitionError, saying what is wrong, unless `path` is a file (`check_exists`)
    that can be read and holds something."""
    check_exists(path)
    if not os.access(path, os.R_OK):
        raise errors.RecognitionError(f"{path}: cannot be read (permission denied)")
    if os.path.getsize(path) == 0:
        raise errors.RecognitionError(f"{path}: is an empty file")


def check_image_file(path):
    """`check_file`, and that `path` begins as an image OpenCV reads (`-`, standard input, is
    taken as it comes): cheap, without decoding it, so that bad inputs are answered before the
    models load."""
    if path == STDIN:
        return
    check_file(path)
    if not cv2.haveImageReader(path):
        raise errors.RecognitionError(f"{path}: {NOT_AN_IMAGE}")


def read_file(path):
    """The bytes of the file at `path` (`check_exists`)."""
    check_exists(path)
    try:
        with open(path, "rb") as file:
            return file.read()
    except OSError as error:
        raise errors.RecognitionError(f"{path}: cannot be read ({error.strerror})") from None


def read_image(path):
    """The image at `path` (`-`: standard input) as OpenCV reads it (any depth, any channels),
    turned as its EXIF tag says a viewer shows it."""
    data = sys.stdin.buffer.read() if path == STDIN else read_file(path)
    name = "standard input" if path == STDIN else path
    if not data:
        raise errors.RecognitionError(f"{name}: is an empty file, not an image")
    if data.startswith(b"\x89PNG") and b"IEND" not in data[-64:]:
        raise errors.RecognitionError(f"{name}: the PNG file is cut short (truncated); save or copy it again")
    if data.startswith(b"\xff\xd8") and b"\xff\xd9" not in data[-1024:]:
        raise errors.RecognitionError(f"{name}: the JPEG file is cut short (truncated); save or copy it again")
    image = cv2.imdecode(np.frombuffer(data, np.uint8), cv2.IMREAD_UNCHANGED)
    if image is None or image.size == 0:
        raise errors.RecognitionError(f"{name}: {NOT_AN_IMAGE}")
    return as_displayed(image, exif_orientation(data))


def write_image(path, picture):
    def write(temporary):
        if not cv2.imwrite(temporary, picture):
            raise errors.RecognitionError(f"{path}: could not be written")
    save_atomically(path, write)


def images_to_read(inputs):
    """The inputs with each folder replaced by its images and videos in name order (not its subfolders'), and
    the number of inputs that gave nothing to read; what is skipped is said on stderr."""
    paths, problems = [], 0
    for given in inputs:
        if given == STDIN or not os.path.isdir(given):
            paths.append(given)
            continue
        files = sorted(name for name in os.listdir(given) if os.path.isfile(os.path.join(given, name)))
        images = [name for name in files if os.path.splitext(name)[1].lower() in IMAGE_EXTENSIONS | VIDEO_EXTENSIONS]
        others = [name for name in files if name not in images]
        if others:
            print(f"performRecognition.py: {given}: skipped {console.counted(len(others), 'file')} that "
                  f"{'is' if len(others) == 1 else 'are'} not an image: {', '.join(others)}", file=sys.stderr)
        if not images:
            print(f"performRecognition.py: {given}: a folder with no images in it", file=sys.stderr)
            problems += 1
        paths.extend(os.path.join(given, name) for name in images)
    return paths, problems
