"""The reader's four models: where they live, loading them with a one-line error when a
file is missing or wrong, and calling them in batches.

- the CNN (`cnn.h5`, trainCNN.py): the digit 0-9 of a 28x28 region;
- the SVM (`digits_cls.pkl`, trainSVM.py): the tutorial's HOG + LinearSVC, for comparison;
- the judge of pieces (`models/judge.h5`, training/trainJudge.py): whether a region is a
  digit, part of one, two digits or no digit (`CLASSES`);
- the pair reader (`models/pairs.h5`, training/trainPairs.py): which two digits a blob holds,
  the left and the right, or that it holds one (`NO_SECOND_DIGIT`)."""

import functools
import os

import numpy as np

from . import console, errors

PROJECT_FOLDER = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))  # The tutorial's models live beside its scripts,
MODELS_FOLDER = os.path.join(PROJECT_FOLDER, "models")  # ... the reader's others in models/.
CNN_PATH = os.path.join(PROJECT_FOLDER, "cnn.h5")  # made by trainCNN.py
SVM_PATH = os.path.join(PROJECT_FOLDER, "digits_cls.pkl")  # made by trainSVM.py
JUDGE_PATH = os.path.join(MODELS_FOLDER, "judge.h5")  # made by training/trainJudge.py
PAIRS_PATH = os.path.join(MODELS_FOLDER, "pairs.h5")  # made by training/trainPairs.py
MIN_CONFIDENCE = 0.5  # Regions the CNN is less sure of than this are not digits (README: Accuracy).
NO_SECOND_DIGIT = 10  # The pair reader's class, after 0-9, for a blob of one digit: no second digit.
NINES = 7  # The CNN's certainty counts in nines (0.999: 3), at most this many: float32 holds no more.


def nines(probabilities):
    """How sure a model is of each answer (rows of class probabilities), in nines: 0.99 is 2,
    0.999 is 3, at most NINES. Summed over pieces it weighs each by how sure, where a count of
    the pieces past a threshold would weigh a piece 0.9899 sure as one it doubts."""
    doubt = 1 - np.asarray(probabilities, float).max(axis=1)
    return -np.log10(np.maximum(doubt, 10.0 ** -NINES))


CLASSES = ("digit", "part of a digit", "two digits", "not a digit")  # what the judge of pieces tells apart
BATCH = 1024  # A model reads at most this many regions a call (about 100 MiB of its activations).


def load_keras_model(path, script, answers, kind):
    """A Keras model made by `script`, checked to take 28x28x1 regions and answer arrays of the
    shape `answers` (its classes); `kind` says what it is in messages."""
    if not os.path.isfile(path):
        raise errors.RecognitionError(f"{path}: no such model file; make it with `python {script}`")
    with console.stderr_silenced():  # TensorFlow's C++ start-up notes bypass its log settings.
        import keras  # Imported here: TensorFlow takes seconds to load, and only this needs it.
    try:
        with console.stderr_silenced():
            model = keras.saving.load_model(path, compile=False)
    except Exception as error:  # h5py, Keras and TensorFlow each raise their own kinds.
        raise errors.RecognitionError(f"{path}: not a readable Keras model ({type(error).__name__}); "
                               f"make it again with `python {script}`") from None
    if tuple(model.input_shape[1:]) != (28, 28, 1) or tuple(model.output_shape[1:]) != answers:
        raise errors.RecognitionError(f"{path}: a Keras model, but not {kind} of 28x28 images; "
                               f"make it with `python {script}`")
    return model


def load_cnn(path):
    """The CNN from trainCNN.py, checked to take 28x28x1 digits and answer 10 classes."""
    return load_keras_model(path, "trainCNN.py", (10,), "a digit classifier")


def load_judge(path):
    """The judge of pieces from training/trainJudge.py, checked to take 28x28x1 pieces and answer
    `CLASSES`."""
    return load_keras_model(path, "training/trainJudge.py", (len(CLASSES),), "a judge of pieces")


def load_pairs(path):
    """The pair reader from training/trainPairs.py, checked to take 28x28x1 blobs and answer the left and
    the right digit's 11 classes (0-9, and no second digit)."""
    return load_keras_model(path, "training/trainPairs.py", (2, NO_SECOND_DIGIT + 1), "a pair reader")


@functools.lru_cache(maxsize=1)
def shipped_judge():
    """The judge of pieces beside this script, loaded once."""
    return load_judge(JUDGE_PATH)


@functools.lru_cache(maxsize=1)
def shipped_pairs():
    """The pair reader beside this script, loaded once."""
    return load_pairs(PAIRS_PATH)


def load_svm(path):
    """The SVM pipeline from trainSVM.py, checked to classify 28x28 images into 0-9."""
    if not os.path.isfile(path):
        raise errors.RecognitionError(f"{path}: no such model file; make it with `python trainSVM.py`")
    import joblib
    try:
        classifier = joblib.load(path)
        answers = classifier.predict(np.zeros((2, 28, 28), np.uint8))
    except Exception as error:  # A corrupt or foreign pickle can fail in any way.
        raise errors.RecognitionError(f"{path}: not a digit classifier saved by trainSVM.py "
                               f"({type(error).__name__}); make it again with `python trainSVM.py`") from None
    if len(answers) != 2 or not set(np.asarray(answers).tolist()) <= set(range(10)):
        raise errors.RecognitionError(f"{path}: does not answer digits 0-9; make it with `python trainSVM.py`")
    return classifier


@functools.lru_cache(maxsize=4)
def predictor(model):
    """A Keras model (the CNN, the judge of pieces or the pair reader) as a function from
    (N, 28, 28) uint8 regions to its class probabilities.

    Compiled once per model into a TensorFlow graph for any batch size, and called as that
    graph (its concrete function, without `tf.function`'s checks of each call's arguments): a
    call then costs about a millisecond beyond the arithmetic, where Keras's eager call costs
    several. Batches larger than BATCH go in parts, so a photo full of ink pieces needs no
    more memory.
    """
    import tensorflow as tf  # Loaded already with Keras.
    graph = tf.function(lambda images: model(images, training=False)).get_concrete_function(
        tf.TensorSpec([None, 28, 28, 1], tf.float32))

    def predict(images):
        chunks = [images[start:start + BATCH] for start in range(0, len(images), BATCH)]
        return np.concatenate([graph(tf.constant(chunk[..., np.newaxis], tf.float32)).numpy() for chunk in chunks]
                              or [np.zeros((0, *model.output_shape[1:]), np.float32)])
    return predict
