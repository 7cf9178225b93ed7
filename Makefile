# The two commands a new user needs: `make run` and `make test`. Both set up .venv first:
# `make run` with what the editor needs, `make test` with the test and lint tools as well.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
CONSTRAINTS := tests/constraints.txt
RUN_STAMP := $(VENV)/.installed-run
TEST_STAMP := $(VENV)/.installed-test
SAMPLE ?= samples/2024-05-10-web-app-memory-leak.toml
PYENV_ROOT ?= $(HOME)/.pyenv
WHEELHOUSE := build/wheelhouse
OFFLINE_VENV := build/offline-venv
# Only the wheelhouse may be used: no index, and none of pip's configured extra places to look.
OFFLINE_PIP := env -u PIP_FIND_LINKS -u PIP_INDEX_URL -u PIP_EXTRA_INDEX_URL PIP_CONFIG_FILE=/dev/null

.PHONY: run test test-slow test-all lint golden wheelhouse offline-install bench clean

$(BIN)/python:
	@$(PYTHON) -m venv $(VENV) || { rm -rf $(VENV); \
	  echo "make: $(PYTHON) could not create a virtual environment (on Debian or Ubuntu: apt-get install python3-venv)"; \
	  exit 1; }

$(RUN_STAMP): pyproject.toml $(CONSTRAINTS) | $(BIN)/python
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e . -c $(CONSTRAINTS)
	@touch $@

$(TEST_STAMP): $(RUN_STAMP)
	$(BIN)/python -m pip install --quiet -e '.[test,lint]' -c $(CONSTRAINTS)
	@touch $@

# Opens a scratch copy of the sample, so trying the editor never changes samples/.
run: $(RUN_STAMP)
	@mkdir -p .scratch
	@[ -f .scratch/$(notdir $(SAMPLE)) ] || cp $(SAMPLE) .scratch/
	$(BIN)/pmtui .scratch/$(notdir $(SAMPLE))

# Lint, the offline install, then every test. The end-to-end tests need tmux and skip,
# saying so, without it (`.ci/run` installs it).
test: $(TEST_STAMP)
	@echo "make test: lint, an offline install and about 780 tests: roughly 6 minutes on 2 cores"
	@$(MAKE) --no-print-directory lint offline-install
	$(BIN)/python -m pytest -q

# The round trip of every display form at every tz transition 1970-2037: about 2 minutes.
test-slow: $(TEST_STAMP)
	$(BIN)/python -m pytest -q -m slow

lint: $(TEST_STAMP)
	$(BIN)/ruff check pmtui tests benchmarks
	$(BIN)/ruff format --check pmtui tests benchmarks
	$(BIN)/mypy
	$(BIN)/lint-imports

# The one way to change the golden exports and the SVG snapshots: read `git diff` afterwards.
golden: $(TEST_STAMP)
	$(BIN)/python -m pytest -q tests/test_export.py tests/test_snapshots.py --update-goldens --snapshot-update

# On a connected machine: every wheel pmtui needs, to copy to a server without an index.
# Build it with the server's Python version (pydantic-core's wheel is made for one version).
wheelhouse: $(RUN_STAMP)
	rm -rf $(WHEELHOUSE)
	$(BIN)/python -m pip wheel --quiet . -w $(WHEELHOUSE) -c $(CONSTRAINTS)
	@echo "make: $$(ls $(WHEELHOUSE) | wc -l) wheels in $(WHEELHOUSE)"

# What the README tells a server's user to do, done here: install from the wheelhouse alone.
offline-install: wheelhouse
	rm -rf $(OFFLINE_VENV)
	$(PYTHON) -m venv $(OFFLINE_VENV)
	$(OFFLINE_PIP) $(OFFLINE_VENV)/bin/python -m pip install --quiet --no-index --find-links $(WHEELHOUSE) pmtui
	$(OFFLINE_VENV)/bin/pmtui --version
	$(OFFLINE_VENV)/bin/pmtui validate samples/undated-server-outage-eat.toml 2>/dev/null
	$(OFFLINE_VENV)/bin/pmtui export samples/undated-server-outage-eat.toml -o $(OFFLINE_VENV)/export.md
	cd $(OFFLINE_VENV) && bin/python -c "import pmtui.app, pmtui.styles as s; assert 'site-packages' in str(s.stylesheet('app.tcss'))"
	@echo "make: pmtui installed and ran from $(WHEELHOUSE) with no package index"

# The suite on every supported interpreter found under pyenv (3.10 and 3.13 beside the default).
test-all: test
	@for version in 3.10 3.12 3.13; do \
	  interpreter=$$(ls -d $(PYENV_ROOT)/versions/$$version.*/bin/python 2>/dev/null | tail -n 1); \
	  if [ -z "$$interpreter" ]; then echo "== Python $$version: not installed, skipped"; continue; fi; \
	  echo "== Python $$version ($$interpreter)"; \
	  $(MAKE) --no-print-directory test PYTHON=$$interpreter VENV=.venv-$$version || exit 1; \
	done

# The import score reads the annotated corpus kept outside this repository, in ../shared/corpus.
bench: $(TEST_STAMP)
	$(BIN)/python -m pip install --quiet -e '.[test,lint,bench]' -c $(CONSTRAINTS)
	$(BIN)/python benchmarks/core_bench.py
	$(BIN)/python benchmarks/ui_bench.py
	$(BIN)/python benchmarks/fault_bench.py
	$(BIN)/python benchmarks/keystrokes.py
	$(BIN)/python benchmarks/import_speed.py
	$(BIN)/python benchmarks/cli_speed.py
	$(BIN)/python benchmarks/folder_speed.py
	$(BIN)/python benchmarks/undo_memory.py
	$(BIN)/python benchmarks/editor_memory.py
	$(BIN)/python benchmarks/edit_cost.py
	@if [ -d ../shared/corpus ]; then $(BIN)/python benchmarks/import_score.py ../shared/corpus; \
	 else echo "make bench: no ../shared/corpus beside this checkout; run benchmarks/import_score.py FOLDER"; fi

clean:
	rm -rf .venv .venv-* .scratch build dist *.egg-info
