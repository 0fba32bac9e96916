# quotetrace: `make dataset` builds data/out/ from data/raw/; `make publish` writes a release of it to
# data/release/; `make test` runs the test suite.
# Every target installs what it needs itself (a virtualenv in .venv with the pinned dependencies
# and the spaCy model package), so a fresh clone needs only Python 3.11+ and make.

PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
RUNTIME_STAMP := $(VENV)/.installed-runtime
DEV_STAMP     := $(VENV)/.installed-dev
INPUT  ?= data/raw
OUT    ?= data/out
INTERIM ?= data/interim
GOLD   ?= data/gold
RELEASE ?= data/release

.PHONY: install install-dev dataset publish test eval compare bench clean

$(VENV)/bin/python:
	$(PYTHON) -m venv $(VENV)

$(RUNTIME_STAMP): pyproject.toml | $(VENV)/bin/python
	$(PY) -m pip install --quiet --disable-pip-version-check -e .
	touch $@

$(DEV_STAMP): pyproject.toml $(RUNTIME_STAMP)
	$(PY) -m pip install --quiet --disable-pip-version-check -e '.[dev]'
	touch $@

install: $(RUNTIME_STAMP)

install-dev: $(DEV_STAMP)

dataset: install
	$(PY) -m pipeline run --input $(INPUT) --out $(OUT) --interim $(INTERIM)

publish: dataset
	$(PY) -m pipeline publish --dataset $(OUT) --release $(RELEASE)

test: install-dev
	$(PY) -m pytest

eval: install-dev dataset
	$(PY) -m pipeline eval --dataset $(OUT) --gold $(GOLD)

compare: install-dev dataset
	$(PY) -m pipeline compare --dataset $(OUT) --gold $(GOLD) --raw $(INPUT)

bench: install-dev
	$(PY) -m pipeline bench --out reports/bench.json --n 2000

clean:
	rm -rf $(OUT) $(INTERIM) $(RELEASE) reports .pytest_cache .hypothesis
