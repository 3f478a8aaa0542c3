"""The annotated photo: a box per digit, the CNN's answer and the SVM's above it, the
sheet's outline, a legend; a mosaic of the 28x28 regions as the classifiers saw them; and the
annotated photo shown in a window, where there is a display."""

import os
import subprocess
import sys

import cv2
import numpy as np

from . import imaging

CNN_COLOUR = (200, 90, 0)  # BGR: blue
SVM_COLOUR = (0, 0, 220)  # BGR: red
BOX_COLOUR = (0, 170, 0)  # BGR: green
SHEET_COLOUR = (0, 200, 230)  # BGR: yellow
LEGEND_BOX = (150, 70)  # The legend's size in pixels at text scale 1: two lines of 30 and a margin.
LEGEND_SHARE = 0.3  # The legend covers at most this share of the photo's width and of its height.


def annotate(image, result):
    """The photo in colour with the sheet's outline when one was found, each digit's outline,
    both answers beyond its top, and a legend."""
    if image.dtype == np.uint8 and image.ndim == 3 and image.shape[2] == 3:
        canvas = image.copy()
    else:  # grey, with alpha, 16-bit or float: drawn on its 8-bit grey version
        canvas = cv2.cvtColor(imaging.to_grey(image), cv2.COLOR_GRAY2BGR)
    thickness = max(1, round(max(canvas.shape[:2]) / 600))
    heights = [max(digit["box"][2:]) for digit in result["digits"]]
    scale = max(0.4, float(np.median(heights)) / 70) if heights else 1.0  # one size for the photo
    (text_width, text_height), _ = cv2.getTextSize("0", cv2.FONT_HERSHEY_DUPLEX, scale, thickness + 1)
    if result["page"]["sheet"]:  # the sheet that was found, so a wrong one shows at a glance
        cv2.polylines(canvas, [np.round(result["page"]["sheet"]).astype(np.int32)], True, SHEET_COLOUR, 2 * thickness)
    for digit in result["digits"]:
        outline = np.array(digit["outline"])
        cv2.polylines(canvas, [np.round(outline).astype(np.int32)], True, BOX_COLOUR, thickness)
        # The two answers side by side, upright, beyond the digit's top as the page stands (in the
        # gap between lines, whichever way the page is turned in the photo).
        top, centre = outline[:2].mean(axis=0), outline.mean(axis=0)
        away = (top - centre) / max(float(np.hypot(*(top - centre))), 1.0)
        middle = top + away * (text_height / 2 + 3 * thickness + abs(away[0]) * text_width)
        left = int(np.clip(middle[0] - text_width - thickness, 0, canvas.shape[1] - 2 * text_width))
        baseline = int(np.clip(middle[1] + text_height / 2, text_height + 2, canvas.shape[0] - 2))
        for offset, (model, colour) in enumerate((("cnn", CNN_COLOUR), ("svm", SVM_COLOUR))):
            cv2.putText(canvas, str(digit[model]), (left + offset * (text_width + 2 * thickness), baseline),
                        cv2.FONT_HERSHEY_DUPLEX, scale, colour, thickness + 1)
    draw_legend(canvas, thickness)
    return canvas


def draw_legend(canvas, thickness):
    """"CNN" and "SVM" in their colours at the top left, sized by the photo but never wider or
    taller than LEGEND_SHARE of it, so that on a small photo it leaves the digits in view."""
    height, width = canvas.shape[:2]
    box_width, box_height = LEGEND_BOX
    scale = min(max(0.5, max(height, width) / 1600), LEGEND_SHARE * width / box_width,
                LEGEND_SHARE * height / box_height)
    cv2.rectangle(canvas, (0, 0), (round(box_width * scale) - 1, round(box_height * scale) - 1), (255, 255, 255), -1)
    for row, (label, colour) in enumerate((("CNN", CNN_COLOUR), ("SVM", SVM_COLOUR))):
        cv2.putText(canvas, label, (round(8 * scale), round(30 * (row + 1) * scale)), cv2.FONT_HERSHEY_DUPLEX,
                    scale, colour, max(1, min(thickness + 1, round(4 * scale))))


def region_mosaic(result, zoom=3):
    """The 28x28 regions as the classifiers saw them (`result` read with `regions`), in reading
    order, each with both answers."""
    digits = result["digits"]
    columns = max(1, min(10, len(digits)))
    rows = max(1, -(-len(digits) // columns))
    cell_width, cell_height = 28 * zoom + 8, 28 * zoom + 30
    mosaic = np.full((rows * cell_height, columns * cell_width, 3), 255, np.uint8)
    for index, digit in enumerate(digits):
        top, left = (index // columns) * cell_height, (index % columns) * cell_width
        tile = cv2.resize(np.uint8(digit["region"]), (28 * zoom, 28 * zoom), interpolation=cv2.INTER_NEAREST)
        mosaic[top + 4:top + 4 + 28 * zoom, left + 4:left + 4 + 28 * zoom] = tile[..., np.newaxis]
        for offset, (model, colour) in enumerate((("cnn", CNN_COLOUR), ("svm", SVM_COLOUR))):
            cv2.putText(mosaic, f"{model.upper()} {digit[model]}", (left + 4 + offset * 44, top + cell_height - 8),
                        cv2.FONT_HERSHEY_SIMPLEX, 0.45, colour, 1)
    return mosaic


def display_problem():
    """Why no window can be shown, or None. OpenCV's window toolkit aborts the whole process when
    the display cannot be reached, so a throwaway process opens a window first."""
    if sys.platform.startswith("linux") and not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")):
        return "no display to show the results on"
    display = os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY") or "the display"
    probe = "import cv2; cv2.namedWindow('probe'); cv2.destroyAllWindows()"
    try:
        opened = subprocess.run([sys.executable, "-c", probe], capture_output=True, timeout=30).returncode == 0
    except subprocess.TimeoutExpired:
        opened = False
    return None if opened else f"the display {display} cannot be reached"


def show(title, picture):
    cv2.imshow(title, picture)
    cv2.waitKey(0)
    cv2.destroyAllWindows()


STOP_KEYS = (ord("q"), 27)  # q and Esc end a live view


def show_live(title, picture):
    """Show one frame of a live view in the window `title`; whether q or Esc was pressed."""
    cv2.imshow(title, picture)
    return cv2.waitKey(1) & 0xFF in STOP_KEYS


def close_windows():
    cv2.destroyAllWindows()
