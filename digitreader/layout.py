"""Layout: the digits found, grouped into lines, top to bottom, each left to right."""

import numpy as np


def reading_order(blobs, height):
    """Group blobs into lines (top to bottom) and each line left to right.

    A blob's line is found by its centre of ink, which the tails of 7s and 9s move little; a
    new line starts where the centres jump by more than half a digit's height.
    """
    centres = [blob.y + np.nonzero(blob.mask)[0].mean() for blob in blobs]
    lines, last = [], None
    for centre, blob in sorted(zip(centres, blobs), key=lambda pair: pair[0]):
        if lines and centre - last < 0.5 * height:
            lines[-1].append(blob)
        else:
            lines.append([blob])
        last = centre
    return [sorted(line, key=lambda blob: blob.x) for line in lines]
