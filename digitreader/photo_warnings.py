"""Warnings that a reading should not be trusted, so that the user retakes the photo.

`photo_warnings(image, regions)` looks at a photo and the regions `pipeline.find_digits`
found in it (before any confidence threshold) and returns short sentences, one per doubt:

- one region far larger than the others (a frame, a shadow or a drawing read as a digit);
- most regions unsure (the CNN hesitates over most of what it read: not digits, or a bad photo);
- digits too small in the photo to be read (fewer pixels than MNIST's digits have);
- digits too blurred for their size (strokes smeared over the gaps between them);
- no digits found though the photo holds a lot of ink (writing too small to read, or a sheet the
  finder could not read); ink is what stands out of the paper in pieces (`paper_and_ink.ink_blobs`),
  so blank paper and a plain surface, whose grain is all that stands out, hold none;
- an image too small to hold a readable digit at all;
- print left out (`not_digits`): only handwriting is read;
- which way up the page is in doubt (`page.turn_confidence` below TURN_SURE).
"""

import numpy as np

from . import imaging, paper_and_ink

LARGER = 6  # A region with this many times the median region's area is far larger than the rest,
HUGE = 0.25  # ... and so is one covering this share of the photo.
UNSURE = 0.8  # The CNN is unsure of a region below this confidence ...
MOST = 0.5  # ... and a reading is unsure when more than this share of its regions are.
SMALLEST_DIGIT = 14  # Digits fewer pixels tall than this are hard to read (MNIST's are 20).
BLUR = 0.05  # Strokes blurred over more than this fraction of the digit height smear together (sharp photos: 0.01-0.02).
BLUR_SAMPLE = 8  # ... measured on this many digits (or all there are),
INKY = 0.02  # A photo with more than this share of its pixels ink, and no digit found, is unreadable.
PRINTED = 3  # Print is said to be left out when at least this many of its pieces were (a word, not a stray mark).
TURN_SURE = 0.9  # A page's turn less sure than this (its evidence ahead by less than a nine) is in doubt.


def far_larger(boxes, shape):
    areas = np.array([width * height for _, _, width, height in boxes], float)
    return len(areas) > 0 and (areas.max() > HUGE * shape[0] * shape[1]
                               or len(areas) >= 3 and areas.max() > LARGER * np.median(areas))


def blur_per_height(grey, boxes):
    """The width of the photo's stroke edges over the digits' height, for the median digit: an
    edge blurred by a Gaussian of width s rises at most contrast / (2.5 s) per pixel. Measured
    on BLUR_SAMPLE digits spread over the heights, which is enough for a median."""
    ratios = []
    by_height = sorted(boxes, key=lambda box: box[3])
    for index in np.unique(np.linspace(0, len(by_height) - 1, BLUR_SAMPLE).astype(int)):
        x, y, width, height = by_height[index]
        crop = grey[y:y + height, x:x + width].astype(np.float32)
        if min(crop.shape) < 3:
            continue
        rise_y, rise_x = np.gradient(crop)
        steepest = imaging.quantile(np.hypot(rise_x, rise_y), 0.99)
        contrast = imaging.quantile(crop, 0.95) - imaging.quantile(crop, 0.05)
        if steepest > 0:
            ratios.append(contrast / (2.5 * steepest) / height)
    return float(np.median(ratios)) if ratios else 0.0


def ink_share(grey):
    """The share of the photo's pixels in pieces of ink (`paper_and_ink.ink_blobs`)."""
    ink, paper, _ = paper_and_ink.ink_map(grey)
    return sum(int(blob.ink) for blob in paper_and_ink.ink_blobs(ink, paper)) / ink.size


def photo_warnings(image, regions, turn_confidence=1.0, printed=0):
    """Short sentences saying why the reading of `image` may be wrong; [] when nothing is amiss.
    `regions`: the `pipeline.Digit`s found in it, unsure ones included; `turn_confidence`: how
    sure the page step is of which way up the page is (`page.turn_confidence`); `printed`: how
    many pieces of print were left out (`pipeline.Found.printed`)."""
    grey = imaging.to_grey(image)
    if min(grey.shape) < SMALLEST_DIGIT:
        return [f"the image is only {grey.shape[1]}x{grey.shape[0]} px: too small to hold a readable digit "
                f"(one needs {SMALLEST_DIGIT} px or more); use a larger photo"]
    boxes = [region.box for region in regions]
    found = []
    if printed >= PRINTED:
        found.append(f"{printed} pieces of print (letters, printed digits) were left out: only handwriting is read")
    if far_larger(boxes, grey.shape):
        found.append("one region is far larger than the others: it may be a frame, a shadow or a drawing")
    confidences = [float(region.probabilities.max()) for region in regions]
    if confidences and np.mean(np.array(confidences) < UNSURE) > MOST:
        found.append("most regions are unsure: they may not be digits, or the photo may be poor")
    if boxes:
        height = float(np.median([box[3] for box in boxes]))
        if height < SMALLEST_DIGIT:
            found.append(f"the digits are only {height:.0f} px tall: take the photo closer or at a higher resolution")
        elif blur_per_height(grey, boxes) > BLUR:
            found.append("the photo is too blurred for the size of its digits: hold still and focus")
    elif printed < PRINTED and ink_share(grey) > INKY:  # print left out is said already
        found.append("no digits found, though the photo holds a lot of ink: its writing may be too small to read "
                     "(print, say), or the photo unreadable as taken")
    if regions and turn_confidence < TURN_SURE:
        found.append(f"which way up the page is is in doubt (turn confidence {turn_confidence:.2f}): the digits may be "
                     "read upside down or sideways; take the photo with the page upright")
    return found
