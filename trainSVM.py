"""Train the tutorial's SVM: HOG features of MNIST digits and a multi-class LinearSVC.

Usage:
    python trainSVM.py                      # the tutorial's HOG, all 60,000 training digits
    python trainSVM.py --limit 2000         # a quick run on the first 2,000 digits
    python trainSVM.py --pixels-per-cell 7 --cells-per-block 2 --out digits_cls_rich.pkl

Trains on MNIST's 60,000 training digits, reports accuracy on its 10,000 test digits (the
tutorial trained on all 70,000 and so never measured itself) and saves a scikit-learn pipeline,
HOG step included, to `digits_cls.pkl` beside this script, where recognition looks for it: its
`predict` takes (N, 28, 28) uint8 images. `--out` is checked before any work.
"""


import joblib
from sklearn.metrics import accuracy_score, classification_report
from sklearn.pipeline import Pipeline
from sklearn.svm import LinearSVC
from digitreader import console, imaging, mnist_digits, models


OUTPUT_PATH = models.SVM_PATH  # where performRecognition.py looks by default
SEED = 0


def parse_args(argv):
    parser = console.OneLineErrorParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--orientations", type=int, default=mnist_digits.HOG_ORIENTATIONS)
    parser.add_argument("--pixels-per-cell", type=int, default=mnist_digits.HOG_PIXELS_PER_CELL[0],
                        help="side of a HOG cell in pixels (default %(default)s)")
    parser.add_argument("--cells-per-block", type=int, default=mnist_digits.HOG_CELLS_PER_BLOCK[0],
                        help="side of a HOG block in cells (default %(default)s)")
    parser.add_argument("--out", default=OUTPUT_PATH, help="where to save the model (default %(default)s)")
    parser.add_argument("--limit", type=console.positive_count,
                        help="train and test on the first N digits of each set")
    parser.add_argument("--seed", type=int, default=SEED, help="LinearSVC's random seed (default %(default)s)")
    return parser.parse_args(argv)


def train_classifier(args, images, labels):
    """HOG features of every digit, then a LinearSVC on them; both steps saved as one pipeline."""
    hog = mnist_digits.HogFeatures(args.orientations, (args.pixels_per_cell,) * 2,
                                   (args.cells_per_block,) * 2)
    features = mnist_digits.hog_features(images, hog.orientations, hog.pixels_per_cell,
                                         hog.cells_per_block, show_progress=True)
    print(f"HOG: {features.shape[1]} numbers per digit")
    with console.ticking(f"Fitting LinearSVC on {len(labels):,} digits ..."):
        svm = LinearSVC(random_state=args.seed).fit(features, labels)
    return Pipeline([("hog", hog), ("svm", svm)])


def evaluate_model(classifier, images, labels):
    predicted = classifier.predict(images)
    print(f"Test accuracy: {accuracy_score(labels, predicted):.4f} on {len(labels):,} MNIST test digits")
    print(classification_report(labels, predicted, digits=3))
    return accuracy_score(labels, predicted)


def main(argv=None):
    args = parse_args(argv)
    console.check_writable(args.out, "trainSVM.py", "--out")
    (train_images, train_labels), (test_images, test_labels) = mnist_digits.load_training_data(
        "trainSVM.py", args.limit)

    classifier = train_classifier(args, train_images, train_labels)
    accuracy = evaluate_model(classifier, test_images, test_labels)
    classifier.training_info = {"seed": args.seed, "train_digits": len(train_labels),
                                "test_accuracy": round(float(accuracy), 4)}
    imaging.save_atomically(args.out, lambda path: joblib.dump(classifier, path, compress=3))
    print(f"Saved {args.out}")


if __name__ == "__main__":
    console.run_training(main, "trainSVM.py")
