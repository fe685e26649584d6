# Two commands for a new user: `make run` and `make test`. Both need only Python >= 3.11.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
DB ?= eventwire.duckdb

.PHONY: run test install dev serve bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

## run: analyse the bundled sample articles into the embedded store, show the result, serve it on :8000
run: $(STAMP)
	$(BIN)/eventwire demo --db $(DB)
	$(BIN)/eventwire serve --db $(DB) --host 127.0.0.1 --port 8000

## test: the whole test suite
test: $(STAMP)
	$(BIN)/python -m pytest -q -p no:cacheprovider

clean:
	rm -rf $(VENV) $(DB) .pytest_cache
