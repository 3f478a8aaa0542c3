"""The reader's four models: where they live, loading them with a one-line error when a
file is missing or wrong, and calling them in batches through their LiteRT copies.

- the CNN (`cnn.h5`, trainCNN.py): the digit 0-9 of a 28x28 region;
- the SVM (`digits_cls.pkl`, trainSVM.py): the tutorial's HOG + LinearSVC, for comparison;
- the judge of pieces (`models/judge.h5`, training/trainJudge.py): whether a region is a
  digit, part of one, two digits or no digit (`CLASSES`);
- the pair reader (`models/pairs.h5`, training/trainPairs.py): which two digits a blob holds,
  the left and the right, or that it holds one (`NO_SECOND_DIGIT`)."""

import functools
import hashlib
import os
import re

import numpy as np

from . import console, errors, imaging

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
    """How sure a model is of each answer (class probabilities along the last axis), in nines:
    0.99 is 2, 0.999 is 3, at most NINES. Summed over pieces it weighs each by how sure, where
    a count of the pieces past a threshold would weigh a piece 0.9899 sure as one it doubts."""
    doubt = 1 - np.asarray(probabilities, float).max(axis=-1)
    return -np.log10(np.maximum(doubt, 10.0 ** -NINES))


CLASSES = ("digit", "part of a digit", "two digits", "not a digit")  # what the judge of pieces tells apart
BATCH = 1024  # A model reads at most this many regions a call (about 100 MiB of its activations).
HASH_DIGITS = 16  # A LiteRT copy is named for this many hex digits of its Keras file's SHA-256.


def load_keras_model(path, script, answers, kind):
    """A Keras model made by `script`, checked to take 28x28x1 regions and answer arrays of the
    shape `answers` (its classes); `kind` says what it is in messages."""
    with console.stderr_silenced():  # TensorFlow's C++ start-up notes bypass its log settings.
        import keras  # Imported here: TensorFlow takes seconds to load, and only this needs it.
    try:
        with console.stderr_silenced():
            model = keras.saving.load_model(path, compile=False)
    except Exception as error:  # h5py, Keras and TensorFlow each raise their own kinds.
        raise errors.RecognitionError(f"{path}: not a readable Keras model ({type(error).__name__}); "
                                      f"make it again with `python {script}`") from None
    check_shapes(model.input_shape[1:], model.output_shape[1:], path, script, answers, kind)
    return model


def check_shapes(inputs, outputs, path, script, answers, kind):
    """Raise the one-line error for a model of other inputs than 28x28x1 regions, or other
    answers than `answers`."""
    if tuple(inputs) != (28, 28, 1) or tuple(outputs) != answers:
        raise errors.RecognitionError(f"{path}: a Keras model, but not {kind} of 28x28 images; "
                                      f"make it with `python {script}`")


class LiteModel:
    """A Keras model's LiteRT copy, as a function from (N, 28, 28) uint8 regions to its class
    probabilities: the Keras model's answers to float32's last digits (tests/test_models.py),
    where LiteRT loads in milliseconds and TensorFlow in seconds, and a call's overhead is a
    tenth of TensorFlow's. Batches larger than BATCH go in parts, so a photo full of ink pieces needs no
    more memory. `content`: the copy's bytes (`lite_copy`)."""

    def __init__(self, content):
        from ai_edge_litert.interpreter import Interpreter
        with console.stderr_silenced():  # LiteRT notes on stderr that it set up its CPU kernels.
            self.interpreter = Interpreter(model_content=content, num_threads=os.cpu_count())
            self.interpreter.allocate_tensors()
        (given,), (answer,) = self.interpreter.get_input_details(), self.interpreter.get_output_details()
        self.input, self.output = given["index"], answer["index"]
        self.input_shape, self.output_shape = tuple(given["shape"][1:].tolist()), tuple(answer["shape"][1:].tolist())
        self.batch = given["shape"][0]  # the number of regions the interpreter is set up for now

    def __call__(self, images):
        chunks = [images[start:start + BATCH] for start in range(0, len(images), BATCH)]
        return np.concatenate([self.read(chunk) for chunk in chunks] or [np.zeros((0, *self.output_shape), np.float32)])

    def read(self, images):
        if len(images) != self.batch:  # set up again only when the batch size changes
            self.interpreter.resize_tensor_input(self.input, [len(images), *self.input_shape])
            self.interpreter.allocate_tensors()
            self.batch = len(images)
        self.interpreter.set_tensor(self.input, np.ascontiguousarray(images[..., np.newaxis], np.float32))
        self.interpreter.invoke()
        return self.interpreter.get_tensor(self.output)


def lite_copy(model):
    """The bytes of a Keras model's LiteRT copy, made by TensorFlow's converter."""
    import tensorflow as tf  # Loaded already with Keras.
    with console.output_silenced():  # The converter reports each step on stdout and stderr.
        return tf.lite.TFLiteConverter.from_keras_model(model).convert()


def lite_copy_path(path):
    """Where the LiteRT copy of the Keras file `path` lives: beside it, named for the file's
    contents (`cnn.h5` -> `cnn.<the first HASH_DIGITS of its SHA-256>.tflite`), so a copy is
    never taken for a model trained since."""
    with open(path, "rb") as file:
        digest = hashlib.sha256(file.read()).hexdigest()[:HASH_DIGITS]
    return f"{os.path.splitext(path)[0]}.{digest}.tflite"


def save_lite_copy(content, path):
    """Save `content`, the LiteRT copy of the Keras file `path`, where `lite_copy_path` says,
    and remove the copies of that file's earlier contents. A folder the reader may not write
    to keeps none: this run reads with the copy it made."""
    def write(temporary):
        with open(temporary, "wb") as file:
            file.write(content)

    copy = lite_copy_path(path)
    try:
        imaging.save_atomically(copy, write)
    except OSError:
        return
    stem = re.escape(os.path.splitext(os.path.basename(path))[0])
    earlier = re.compile(stem + r"\.[0-9a-f]{" + str(HASH_DIGITS) + r"}\.tflite")
    for name in os.listdir(os.path.dirname(os.path.abspath(path))):
        if earlier.fullmatch(name) and name != os.path.basename(copy):
            os.remove(os.path.join(os.path.dirname(os.path.abspath(path)), name))


def load_model(path, script, answers, kind, keras=False):
    """The model made by `script` and saved in the Keras file `path`, checked to take 28x28x1
    regions and answer arrays of the shape `answers`; `kind` says what it is in messages.

    Read through its LiteRT copy (`LiteModel`), made from the Keras file and saved beside it
    the first time (`save_lite_copy`); with `keras`, the Keras model itself (for its own
    `predict`, as the tutorial calls it)."""
    if not os.path.isfile(path):
        raise errors.RecognitionError(f"{path}: no such model file; make it with `python {script}`")
    if keras:
        return load_keras_model(path, script, answers, kind)
    try:
        with open(lite_copy_path(path), "rb") as file:
            model = LiteModel(file.read())
    except (OSError, ValueError, RuntimeError):  # none yet, or damaged: made again from the Keras file
        content = lite_copy(load_keras_model(path, script, answers, kind))
        save_lite_copy(content, path)
        model = LiteModel(content)
    check_shapes(model.input_shape, model.output_shape, path, script, answers, kind)
    return model


def load_cnn(path, keras=False):
    """The CNN from trainCNN.py (`load_model`), checked to take 28x28x1 digits and answer 10 classes."""
    return load_model(path, "trainCNN.py", (10,), "a digit classifier", keras)


def load_judge(path, keras=False):
    """The judge of pieces from training/trainJudge.py (`load_model`), checked to take 28x28x1
    pieces and answer `CLASSES`."""
    return load_model(path, "training/trainJudge.py", (len(CLASSES),), "a judge of pieces", keras)


def load_pairs(path, keras=False):
    """The pair reader from training/trainPairs.py (`load_model`), checked to take 28x28x1 blobs
    and answer the left and the right digit's 11 classes (0-9, and no second digit)."""
    return load_model(path, "training/trainPairs.py", (2, NO_SECOND_DIGIT + 1), "a pair reader", keras)


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
