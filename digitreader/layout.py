"""Layout: the digits found, grouped into lines, top to bottom, each left to right, and each
line into numbers.

The rule: digits stand on one line when each lies within half a digit's height of where the
line runs (`pieces_of_ink.text_lines`: lines tilted to the rows or gently curved stay whole,
and a list of one number a line is as many lines). Along a line, a new number starts at a gap
NUMBER_GAP times the page's typical gap between neighbouring digits and at least NUMBER_SPACE
of a digit's height: two numbers side by side stay on their row, as separate numbers."""

import numpy as np

from . import pieces_of_ink

NUMBER_GAP = 2.5  # A gap along a line this many times the page's typical gap between digits (its lower quartile) ...
NUMBER_SPACE = 0.75  # ... and at least this many digit heights starts a new number.


def reading_order(blobs, height):
    """The blobs in lines (`pieces_of_ink.text_lines`), top to bottom, each left to right."""
    lines, _ = pieces_of_ink.text_lines(blobs, height)
    return [[blobs[index] for index in line] for line in lines]


def gaps_along(line, course):
    """The gaps between neighbours on a line (in its order), along the line's `course` (radians):
    from the end of one box to the start of the next, both boxes' corners taken along it."""
    direction = np.array([np.cos(course), np.sin(course)])
    box = pieces_of_ink.boxes(line)
    corners = np.stack([box[:, [0, 1]], box[:, [2, 1]], box[:, [2, 3]], box[:, [0, 3]]], axis=1) @ direction
    return corners.min(axis=1)[1:] - corners.max(axis=1)[:-1]


def numbers(lines, height):
    """For each line (lists of pieces, each left to right), the number (from 0) that each piece
    belongs to: a new number starts at a gap wider than NUMBER_GAP times the page's typical gap
    and NUMBER_SPACE of a digit `height`."""
    course = pieces_of_ink.lines_course(
        np.array([pieces_of_ink.ink_centre(piece) for line in lines for piece in line], float).reshape(-1, 2), height)
    gaps = [gaps_along(line, course) for line in lines]
    every_gap = np.concatenate(gaps) if gaps else np.zeros(0)
    typical = float(np.percentile(every_gap, 25)) if len(every_gap) else 0.0
    wide = max(NUMBER_GAP * typical, NUMBER_SPACE * height)
    return [np.concatenate([[0], np.cumsum(line_gaps > wide)]).astype(int).tolist() for line_gaps in gaps]
