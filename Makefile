# Every target builds its own virtual environment first, so a fresh clone needs nothing else.
PYTHON ?= python3
VENV   ?= .venv
BIN     = $(VENV)/bin
STAMP   = $(VENV)/.installed
EVAL_STAMP = $(VENV)/.installed-eval

.PHONY: demo lint test fuzz eval bench clean browser-deps

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

eval: $(EVAL_STAMP)  ## measure judgement and extraction on ../shared/dev-data
	$(BIN)/python -m factdiff.evaluate

bench: $(EVAL_STAMP)  ## factdiff corpus on 1,000 and 10,000 stories built under build/bench, --jobs 1, --jobs 2 and --dask local (BENCH_SIZES=200 for a quick run)
	$(BIN)/python bench/bench.py

clean:
	rm -rf $(VENV) build .pytest_cache
