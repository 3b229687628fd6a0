# Two commands on a fresh machine: `make run` and `make test` (both create .venv first).
PY ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp

.PHONY: setup system-deps run test lint ui clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[dev,cli]"
	touch $(STAMP)

setup: $(STAMP)

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
