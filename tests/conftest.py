"""Shared fixtures: the project's scripts on the import path, the shipped models loaded once."""

import os
import sys

import pytest

from digitreader import models

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
for folder in (ROOT, os.path.join(ROOT, "tools"), os.path.join(ROOT, "training")):  # the scripts, imported by name
    sys.path.insert(0, folder)


@pytest.fixture(scope="session")
def root():
    return ROOT


@pytest.fixture(scope="session")
def cnn():
    return models.load_cnn(models.CNN_PATH)


@pytest.fixture(scope="session")
def svm():
    return models.load_svm(models.SVM_PATH)
