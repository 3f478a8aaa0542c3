"""Draw how the shipped models do on MNIST's 10,000 test digits: confusion matrices and mistakes.

Usage:
    python tools/figures.py        # figures/confusion_{cnn,svm}.png, errors_{cnn,svm}.png, photo_1_result.png, ...
    python tools/figures.py --out /tmp/figures --cnn cnn.h5 --svm digits_cls.pkl

Each model reads every test digit once. The confusion matrix shows which digits it takes for
which; the mosaic shows the first test digits it gets wrong, each labelled "true -> read", the
way OpenCV's digits sample shows its mistakes. Then the sample photos are read: the annotated
photo_1.png, the regions of photo_2.png as the classifiers saw them, and a made-up phone photo
of a sheet on a table, turned and tilted (phone_photo_result.png).
"""

import argparse
import os
import sys

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")  # Keep TensorFlow's start-up notes quiet.

import cv2
import matplotlib
import numpy as np

matplotlib.use("Agg")
import matplotlib.pyplot as plt
from sklearn.metrics import ConfusionMatrixDisplay


import make_photos
from digitreader import drawing, errors, imaging, mnist_digits, models, pipeline

OUTPUT_FOLDER = "figures"
DPI = 80  # Small PNGs, a few tens of KB: they are committed.
ERROR_ROWS, ERROR_COLUMNS = 5, 10  # The mosaic shows the first 50 mistakes.
README_WIDTH = 640  # pixels across of the annotated photo in the README
MODEL_NAMES = {"cnn": "CNN", "svm": "HOG + LinearSVC"}
# A sheet on a wooden table, seen at an angle, turned a quarter and tilted: lines, seed, hazards.
PHONE_PHOTO = (["0522", "1234567", "98316"], 3, ("table", "angle", "tilt", "turn_90"))


def parse_args(argv):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", default=OUTPUT_FOLDER, help="folder for the PNGs (default %(default)s)")
    parser.add_argument("--cnn", default=models.CNN_PATH, help="CNN model file (default %(default)s)")
    parser.add_argument("--svm", default=models.SVM_PATH, help="SVM model file (default %(default)s)")
    return parser.parse_args(argv)


def read_test_digits(cnn, svm, images):
    """Each model's answer for every (N, 28, 28) uint8 image: {"cnn": labels, "svm": labels}."""
    return {"cnn": cnn(images).argmax(axis=1), "svm": np.asarray(svm.predict(images))}


def plot_confusion(labels, predicted, title, path):
    figure, axes = plt.subplots(figsize=(5.4, 5))
    ConfusionMatrixDisplay.from_predictions(labels, predicted, ax=axes, colorbar=False, cmap="Blues")
    axes.set_xlabel("read as")
    axes.set_ylabel("true digit")
    axes.set_title(title)
    figure.tight_layout()
    figure.savefig(path, dpi=DPI)
    plt.close(figure)


def plot_errors(images, labels, predicted, title, path):
    """The first mistakes in a grid, each tile titled "true -> read"."""
    wrong = np.nonzero(labels != predicted)[0][:ERROR_ROWS * ERROR_COLUMNS]
    figure, grid = plt.subplots(ERROR_ROWS, ERROR_COLUMNS, figsize=(ERROR_COLUMNS * 0.8, ERROR_ROWS * 0.95 + 0.5))
    for axes in grid.ravel():
        axes.axis("off")
    for axes, index in zip(grid.ravel(), wrong):
        # Nearest: the pixels the model saw, unsmoothed (and a PNG half the size).
        axes.imshow(images[index], cmap="gray", vmin=0, vmax=255, interpolation="nearest")
        axes.set_title(f"{labels[index]} -> {predicted[index]}", fontsize=9, color="darkred")
    figure.suptitle(title)
    figure.tight_layout()
    figure.savefig(path, dpi=DPI)
    plt.close(figure)


def recognition_figures(cnn, svm, folder):
    """The README's pictures of recognition: the annotated first sample photo, the regions of the
    second as the classifiers saw them, and a made-up phone photo (PHONE_PHOTO) annotated."""
    image = imaging.read_image("photo_1.png")
    annotated = drawing.annotate(image, pipeline.recognize(image, cnn, svm))
    scale = README_WIDTH / annotated.shape[1]  # the photo's grain makes a full-size PNG weigh a megabyte
    annotated = cv2.resize(annotated, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA)
    image = imaging.read_image("photo_2.png")
    regions = drawing.region_mosaic(pipeline.recognize(image, cnn, svm, regions=True))
    phone = make_photos.make_sheet(*PHONE_PHOTO)
    on_table = drawing.annotate(phone, pipeline.recognize(phone, cnn, svm))
    scale = README_WIDTH / on_table.shape[1]
    on_table = cv2.resize(on_table, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA)
    for name, picture in (("photo_1_result.png", annotated), ("photo_2_regions.png", regions),
                          ("phone_photo_result.png", on_table)):
        imaging.write_image(os.path.join(folder, name), picture)
        print(f"Saved {os.path.join(folder, name)}")


def main(argv=None):
    args = parse_args(argv)
    try:
        cnn, svm = models.load_cnn(args.cnn), models.load_svm(args.svm)
        _, (images, labels) = mnist_digits.load_mnist()
    except (errors.RecognitionError, mnist_digits.MnistUnavailable) as error:
        sys.exit(f"figures.py: {error}")
    os.makedirs(args.out, exist_ok=True)
    print(f"Reading the {len(labels):,} MNIST test digits with both models ...", flush=True)
    answers = read_test_digits(cnn, svm, images)
    for model, predicted in answers.items():
        accuracy = float(np.mean(predicted == labels))
        misread = int(np.sum(predicted != labels))
        name = MODEL_NAMES[model]
        print(f"{name}: test accuracy {accuracy:.4f} ({misread} of {len(labels):,} wrong)")
        confusion_path = os.path.join(args.out, f"confusion_{model}.png")
        plot_confusion(labels, predicted, f"{name}: accuracy {accuracy:.2%} on MNIST test", confusion_path)
        errors_path = os.path.join(args.out, f"errors_{model}.png")
        shown = min(misread, ERROR_ROWS * ERROR_COLUMNS)
        plot_errors(images, labels, predicted, f"{name}: the first {shown} of its {misread} mistakes (true -> read)",
                    errors_path)
        print(f"Saved {confusion_path} and {errors_path}")
    try:
        recognition_figures(cnn, svm, args.out)
    except errors.RecognitionError as error:
        sys.exit(f"figures.py: {error}")


if __name__ == "__main__":
    main()
