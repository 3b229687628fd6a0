# Two commands on a fresh machine: `make run` and `make test` (both create .venv first).
PY ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp

.PHONY: setup constraints system-deps run test lint ui clean

# constraints.txt pins every package of the install (made by `make constraints`).
$(STAMP): pyproject.toml constraints.txt
	test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -c constraints.txt -e ".[dev,cli,analysis]"
	touch $(STAMP)

setup: $(STAMP)

# Re-pin constraints.txt to what .venv holds (after a dependency change in pyproject.toml and
# `make setup`, or a `.venv/bin/pip install -U PACKAGE`). dyad itself is left out: pip refuses
# an editable package as a constraint.
constraints: setup
	{ echo "# Pinned versions of a working install; regenerate with: make constraints"; \
	  $(BIN)/python -m pip freeze --exclude-editable | grep -v '^#'; } > constraints.txt.tmp
	mv constraints.txt.tmp constraints.txt
	touch $(STAMP)

# Debian packages that some tests drive (PostgreSQL, headless Chromium); installs what is missing.
system-deps:
	bash .ci/system-deps

run: setup
	$(BIN)/dyad run

lint: setup
	$(BIN)/ruff check etl tests benchmarks
	$(BIN)/mypy
	$(BIN)/lint-imports

test: lint system-deps
	$(BIN)/pytest

ui: setup
	$(BIN)/dyad ui

clean:
	rm -rf $(VENV) warehouse .dagster .pytest_cache .mypy_cache .ruff_cache
