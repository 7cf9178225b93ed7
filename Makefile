# The two commands a new user needs: `make run` and `make test`. Both set up .venv first.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
SAMPLE ?= samples/2024-05-10-web-app-memory-leak.toml
PYENV_ROOT ?= $(HOME)/.pyenv

.PHONY: run test test-all bench terminal-tools clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(STAMP): pyproject.toml tests/constraints.txt | $(BIN)/python
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]' -c tests/constraints.txt
	touch $(STAMP)

# Opens a scratch copy of the sample, so trying the editor never changes samples/.
run: $(STAMP)
	@mkdir -p .scratch
	@[ -f .scratch/$(notdir $(SAMPLE)) ] || cp $(SAMPLE) .scratch/
	$(BIN)/pmtui .scratch/$(notdir $(SAMPLE))

# The end-to-end tests drive pmtui inside tmux; install it when it is missing and we may.
terminal-tools:
	@command -v tmux >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq tmux >/dev/null) \
	      || echo "make: could not install tmux; the terminal tests will be skipped"; \
	  else echo "make: tmux is missing (apt-get install tmux); the terminal tests will be skipped"; fi; }

test: $(STAMP) terminal-tools
	$(BIN)/python -m pytest -q

# The suite on every supported interpreter found under pyenv (3.10 and 3.13 beside the default).
test-all: test
	@for version in 3.10 3.12 3.13; do \
	  interpreter=$$(ls -d $(PYENV_ROOT)/versions/$$version.*/bin/python 2>/dev/null | tail -n 1); \
	  if [ -z "$$interpreter" ]; then echo "== Python $$version: not installed, skipped"; continue; fi; \
	  echo "== Python $$version ($$interpreter)"; \
	  $(MAKE) --no-print-directory test PYTHON=$$interpreter VENV=.venv-$$version || exit 1; \
	done

bench: $(STAMP)
	$(BIN)/python -m pip install --quiet -e '.[test,bench]' -c tests/constraints.txt
	$(BIN)/python benchmarks/core_bench.py
	$(BIN)/python benchmarks/ui_bench.py
	$(BIN)/python benchmarks/fault_bench.py
	@if [ -d ../shared/corpus ]; then $(BIN)/python benchmarks/import_score.py ../shared/corpus; \
	 else echo "make bench: no ../shared/corpus here; run benchmarks/import_score.py FOLDER"; fi

clean:
	rm -rf .venv .venv-* .scratch build dist *.egg-info
