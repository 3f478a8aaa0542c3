"""The fonts that the print on the test photos is set in, and lines of text rendered in them
with Pillow.

The photos made by `make_photos.py --only-handwriting` measure whether the reader leaves print
alone. They use only TEST_FONTS, which are font families that the reader's models never saw.
"""

import functools
import os

import matplotlib
import numpy as np
from PIL import Image, ImageDraw, ImageFont

FONT_FOLDER = os.path.join(matplotlib.get_data_path(), "fonts", "ttf")  # these come with matplotlib
# Held out: STIX (a Times-like serif) and Computer Modern (TeX's roman, sans, typewriter, italic,
# bold). The reader's models learn print from DejaVu and OpenCV's Hershey fonts, so a test set
# in those fonts would measure only what the models were shown.
TEST_FONTS = ("STIXGeneral.ttf", "STIXGeneralItalic.ttf", "STIXGeneralBol.ttf", "STIXGeneralBolIta.ttf",
              "cmr10.ttf", "cmss10.ttf", "cmtt10.ttf", "cmti10.ttf", "cmb10.ttf")
MEASURE_SIZE = 100  # px: the size at which a font's x-height is measured


def font_file(name):
    """The path of the font file `name` (one of TEST_FONTS). Raises ValueError for any other
    font, and FileNotFoundError when matplotlib lacks the file."""
    if name not in TEST_FONTS:
        raise ValueError(f"{name} is not one of the held-out TEST_FONTS")
    path = os.path.join(FONT_FOLDER, name)
    if not os.path.isfile(path):
        raise FileNotFoundError(path)
    return path


@functools.lru_cache(maxsize=None)
def font(name, size):
    """Pillow's font `name` (one of TEST_FONTS) at `size` px, loaded once."""
    return ImageFont.truetype(font_file(name), size)


def size_for_x_height(name, x_height):
    """The font size (px) at which the font `name` has a lower-case x `x_height` px tall."""
    top, bottom = font(name, MEASURE_SIZE).getbbox("x")[1::2]
    return max(1, round(x_height * MEASURE_SIZE / (bottom - top)))


def missing_glyphs(text, name):
    """The characters of `text` (spaces aside) that the font `name` draws as its empty box or
    not at all, rather than as a glyph of their own."""
    face = font(name, MEASURE_SIZE)
    empty_box = bytes(face.getmask("\ufffe"))
    return sorted({char for char in text if char != " " and bytes(face.getmask(char)) in (empty_box, b"")})


def rendered(text, name, size):
    """`text` (one line) in the font `name` at `size` px, as an ink mask (float32, 0 to 1) as tall
    as the font's ascent and descent together, whatever the letters. Its baseline is at the
    ascent. Raises ValueError when the font lacks a glyph of the text."""
    missing = missing_glyphs(text, name)
    if missing:
        raise ValueError(f"{name} has no glyph for {''.join(missing)!r}")
    face = font(name, size)
    ascent, descent = face.getmetrics()
    left, _, right, _ = face.getbbox(text, anchor="ls")
    image = Image.new("L", (int(right - min(left, 0)) + 2, ascent + descent), 0)
    ImageDraw.Draw(image).text((-min(left, 0) + 1, ascent), text, fill=255, font=face, anchor="ls")
    return np.asarray(image, np.float32) / 255
