# Every target builds its own virtual environment first, so a fresh clone needs nothing else.
PYTHON ?= python3
VENV   ?= .venv
BIN     = $(VENV)/bin
STAMP   = $(VENV)/.installed
EVAL_STAMP = $(VENV)/.installed-eval

.PHONY: demo lint test fuzz eval bench compiled clean browser-deps

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet --quiet -e '.[test]'  # -qq: errors only (setuptools' editable-install notice is no error)
	touch $(STAMP)

$(EVAL_STAMP): $(STAMP)  # the eval extra: quantulum3, the baseline that eval and bench measure against
	$(BIN)/pip install --quiet --quiet -e '.[test,eval]'
	touch $(EVAL_STAMP)

demo: $(STAMP)  ## run factdiff on the bundled sample
	$(BIN)/factdiff check samples/amnesty-syria-2015 || [ $$? -eq 1 ]

lint: $(STAMP)  ## ruff (style, complexity), mypy (types) and function length on the package
	$(BIN)/ruff check factdiff
	$(BIN)/mypy
	$(BIN)/python tools/long_functions.py --max 80 factdiff

test: lint  ## lint, then the test suite
	$(BIN)/python -m pytest -q

FUZZ_INPUTS ?= 1000000
fuzz: $(STAMP)  ## extract, check_texts and decoding on FUZZ_INPUTS generated inputs (default a million; one worker per core; failures saved in build/fuzz-failures)
	$(BIN)/python tools/fuzz.py --inputs $(FUZZ_INPUTS)

browser-deps:  ## Debian's chromium for the browser tests (needs root or sudo; Playwright's own browser download is never used)
	@command -v chromium >/dev/null 2>&1 || { \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq chromium; }
	@chromium --version 2>/dev/null

# The compiled build (setup.py, FACTDIFF_COMPILE=1: mypyc) in a venv of its own, installed from a wheel, not
# editable: the dev install above stays pure Python. Rebuilt when a package file, pyproject.toml or setup.py changes.
COMPILED_VENV ?= build/compiled-venv
COMPILED_STAMP = $(COMPILED_VENV)/.installed
PACKAGE_FILES := $(shell find factdiff -type f -not -path '*/__pycache__/*' -not -name '*.pyc')

$(COMPILED_STAMP): pyproject.toml setup.py $(PACKAGE_FILES)
	test -x $(COMPILED_VENV)/bin/python || $(PYTHON) -m venv $(COMPILED_VENV)
	$(COMPILED_VENV)/bin/pip install --quiet --upgrade pip 'setuptools>=77' wheel 'mypy>=1.10'  # to build, not to run
	rm -rf build/compiled  # C sources, objects and the wheel's tree: nothing stale goes into the wheel
	FACTDIFF_COMPILE=1 $(COMPILED_VENV)/bin/pip install --quiet --quiet --no-build-isolation '.[eval,dask]'  # a local folder: always rebuilt and reinstalled
	cd / && $(abspath $(COMPILED_VENV))/bin/python $(CURDIR)/tools/compiled_modules.py >/dev/null  # the .so files are what is imported
	touch $@

compiled: $(COMPILED_STAMP)  ## factdiff compiled by mypyc, installed in build/compiled-venv (bin/factdiff); same output, less CPU

eval: $(EVAL_STAMP)  ## measure judgement and extraction on ../shared/dev-data
	$(BIN)/python -m factdiff.evaluate

bench: $(EVAL_STAMP) $(COMPILED_STAMP)  ## factdiff corpus on 1,000 and 10,000 stories built under build/bench, --jobs 1, --jobs 2 and --dask local, pure and compiled (BENCH_SIZES=200 for a quick run)
	$(BIN)/python bench/bench.py

clean:
	rm -rf $(VENV) build .pytest_cache
