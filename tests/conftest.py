"""Shared fixtures: the repository on the import path, the shipped models loaded once."""

import os
import sys

import pytest

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, ROOT)
sys.path.insert(0, os.path.join(ROOT, "tools"))

import performRecognition  # noqa: E402


@pytest.fixture(scope="session")
def root():
    return ROOT


@pytest.fixture(scope="session")
def cnn():
    return performRecognition.load_cnn(os.path.join(ROOT, performRecognition.CNN_PATH))


@pytest.fixture(scope="session")
def svm():
    return performRecognition.load_svm(os.path.join(ROOT, performRecognition.SVM_PATH))
