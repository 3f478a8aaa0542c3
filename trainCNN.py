"""Train the tutorial's Keras CNN on MNIST and save it as `cnn.h5`.

Usage:
    python trainCNN.py                       # the tutorial's 25 epochs on all 60,000 digits
    python trainCNN.py --epochs 1 --limit 2000 --out /tmp/cnn.h5   # a quick run, curves in /tmp

Two convolution blocks and a dense layer, trained with Adam on the 60,000 training digits and
validated on the 10,000 test digits, as in the tutorial. The saved model takes raw 28x28x1
pixels 0-255: scaling to 0-1 is its first layer. It is saved as `cnn.h5` beside this script,
where recognition looks for it, and its training curves as `figures/cnn_training.png`; with
`--out` elsewhere, the curves go beside that model (`<name>_training.png`) unless `--curves`
says where. Both paths are checked before any work.
"""

import json
import logging
import os

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")  # Keep TensorFlow's start-up notes quiet.

import h5py  # noqa: E402
import matplotlib  # noqa: E402
import numpy as np  # noqa: E402

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
from digitreader import console, imaging, mnist_digits, models


with console.stderr_silenced():  # TensorFlow's C++ start-up notes bypass its log settings.
    import keras  # noqa: E402
    import tensorflow  # noqa: E402
    tensorflow.config.list_logical_devices()  # Its devices are set up here, with their notes.

OUTPUT_PATH = models.CNN_PATH  # where performRecognition.py looks by default
CURVES_PATH = os.path.join(models.PROJECT_FOLDER, "figures", "cnn_training.png")  # the README's figure
EPOCHS = 25
BATCH_SIZE = 128
LEARNING_RATE = 0.001
NUM_CLASSES = 10
SEED = 0
# With --augment: at most this fraction of a full turn, of the size, of the width or height;
AUGMENT_TURN = 10 / 360
AUGMENT_SCALE = 0.1
AUGMENT_SHIFT = 0.08
AUGMENT_NARROW = 0.8  # ... a digit narrowed to as little as 1 / (1 + this) of its width (tall, narrow hands),
AUGMENT_SLANT = 0.25  # ... and slanted either way by up to this fraction of the image across its height.


def parse_args(argv):
    parser = console.OneLineErrorParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--epochs", type=console.positive_count, default=EPOCHS, help="default %(default)s")
    parser.add_argument("--out", default=OUTPUT_PATH, help="where to save the model (default %(default)s)")
    parser.add_argument("--curves", help=f"training curves PNG (default {CURVES_PATH} for the default --out, "
                        "else beside --out)")
    parser.add_argument("--limit", type=console.positive_count,
                        help="train and test on the first N digits of each set")
    parser.add_argument("--seed", type=int, default=SEED, help="random seed (default %(default)s)")
    parser.add_argument("--augment", action="store_true",
                        help="train on randomly shifted, turned, scaled, thickened and thinned digits")
    args = parser.parse_args(argv)
    if args.curves is None:
        args.curves = curves_path(args.out)
    return args


def curves_path(model_path):
    """The shipped model's curves are the README's figure; a trial model's go beside it."""
    if os.path.abspath(model_path) == OUTPUT_PATH:
        return CURVES_PATH
    return os.path.splitext(model_path)[0] + "_training.png"


def build_model():
    return keras.Sequential([
        keras.Input(shape=(mnist_digits.IMAGE_SIZE, mnist_digits.IMAGE_SIZE, 1)),
        keras.layers.Rescaling(1 / 255),
        keras.layers.Conv2D(32, kernel_size=(3, 3), activation="relu"),
        keras.layers.MaxPooling2D(pool_size=(2, 2)),
        keras.layers.Dropout(0.25),
        keras.layers.Conv2D(64, kernel_size=(3, 3), activation="relu"),
        keras.layers.MaxPooling2D(pool_size=(2, 2)),
        keras.layers.Dropout(0.25),
        keras.layers.Flatten(),
        keras.layers.Dense(128, activation="relu"),
        keras.layers.Dropout(0.5),
        keras.layers.Dense(NUM_CLASSES, activation="softmax"),
    ])


def augmented(images, labels, seed):
    """The training digits as batches that change every epoch: each digit shifted, turned,
    scaled, narrowed, slanted and its strokes thickened or thinned a little at random, as
    handwriting in photos is (often taller, narrower and more slanted than MNIST's)."""
    import tensorflow as tf

    moves = keras.Sequential([keras.layers.RandomRotation(AUGMENT_TURN, fill_value=0.0, seed=seed),
                              keras.layers.RandomZoom(AUGMENT_SCALE, fill_value=0.0, seed=seed),
                              keras.layers.RandomZoom((0.0, 0.0), (0.0, AUGMENT_NARROW), fill_value=0.0, seed=seed),
                              keras.layers.RandomShear(AUGMENT_SLANT, fill_mode="constant", fill_value=0.0, seed=seed),
                              keras.layers.RandomTranslation(AUGMENT_SHIFT, AUGMENT_SHIFT, fill_value=0.0, seed=seed)])

    def augment(batch, batch_labels):
        batch = moves(batch, training=True)
        thicker = tf.nn.max_pool2d(batch, 2, 1, "SAME")
        thinner = -tf.nn.max_pool2d(-batch, 2, 1, "SAME")
        draw = tf.random.uniform([tf.shape(batch)[0], 1, 1, 1], seed=seed)
        return tf.where(draw < 0.25, thicker, tf.where(draw > 0.85, thinner, batch)), batch_labels

    data = tf.data.Dataset.from_tensor_slices((images.astype(np.float32), labels))
    data = data.shuffle(len(images), seed=seed, reshuffle_each_iteration=True).batch(BATCH_SIZE)
    return data.map(augment, num_parallel_calls=tf.data.AUTOTUNE).prefetch(tf.data.AUTOTUNE)


def plot_training_curves(history, path):
    epochs = np.arange(1, len(history["loss"]) + 1)
    figure, (loss_axes, accuracy_axes) = plt.subplots(1, 2, figsize=(10, 3.8))
    for axes, metric in ((loss_axes, "loss"), (accuracy_axes, "accuracy")):
        axes.plot(epochs, history[metric], "o-", label="train")
        axes.plot(epochs, history[f"val_{metric}"], "o-", label="validation (test set)")
        axes.set_xlabel("epoch")
        axes.set_title(metric)
        axes.grid(alpha=0.3)
        axes.legend()
    figure.suptitle("CNN training on MNIST")
    figure.tight_layout()
    figure.savefig(path, dpi=80)
    plt.close(figure)


def save_model(model, path, training_info):
    """Save as HDF5, the tutorial's format, with how it was trained recorded in the file, and
    the LiteRT copy that recognition reads through beside it (`models.save_lite_copy`)."""
    logging.getLogger("absl").setLevel(logging.ERROR)  # HDF5 is chosen, not a mistake to warn of.

    def write(temporary):
        model.save(temporary)
        with h5py.File(temporary, "a") as file:
            file.attrs["training_info"] = json.dumps(training_info)

    imaging.save_atomically(path, write)
    models.save_lite_copy(models.lite_copy(model), path)


def main(argv=None):
    args = parse_args(argv)
    for path, option in ((args.out, "--out"), (args.curves, "--curves")):
        console.check_writable(path, "trainCNN.py", option)
    keras.utils.set_random_seed(args.seed)
    (x_train, y_train), (x_test, y_test) = mnist_digits.load_training_data("trainCNN.py", args.limit)
    x_train, x_test = x_train[..., np.newaxis], x_test[..., np.newaxis]
    y_train = keras.utils.to_categorical(y_train, NUM_CLASSES)
    y_test = keras.utils.to_categorical(y_test, NUM_CLASSES)

    model = build_model()
    model.summary()
    model.compile(loss="categorical_crossentropy",
                  optimizer=keras.optimizers.Adam(learning_rate=LEARNING_RATE), metrics=["accuracy"])
    if args.augment:
        history = model.fit(augmented(x_train, y_train, args.seed), epochs=args.epochs,
                            shuffle=False, validation_data=(x_test, y_test))  # the data set shuffles
    else:
        history = model.fit(x_train, y_train, batch_size=BATCH_SIZE, epochs=args.epochs,
                            validation_data=(x_test, y_test))

    loss, accuracy = model.evaluate(x_test, y_test, verbose=0)
    print(f"Test loss: {loss:.4f}")
    print(f"Test accuracy: {accuracy:.4f} on {len(y_test):,} MNIST test digits")
    plot_training_curves(history.history, args.curves)
    print(f"Saved {args.curves}")
    save_model(model, args.out, {"seed": args.seed, "epochs": args.epochs, "augment": args.augment,
                                 "train_digits": len(y_train),
                                 "test_accuracy": round(float(accuracy), 4)})
    print(f"Saved {args.out}")


if __name__ == "__main__":
    console.run_training(main, "trainCNN.py")
