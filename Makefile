# Two commands for a new user: `make run` and `make test`. Both need only Python >= 3.11.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
DB ?= eventwire.duckdb

.PHONY: run test install dev serve bench clean train-attributions

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

## train-attributions: retrain the attribution tagger on PolNeAR train (model picked on dev), ~25-40 min on 2 CPU cores
POLNEAR ?= ../shared/eval/polnear
ATTR_BUILD := build/attribution
train-attributions: $(STAMP)
	mkdir -p $(ATTR_BUILD)
	$(BIN)/python training/attribution/convert.py $(POLNEAR)/train $(ATTR_BUILD)/train.spacy
	$(BIN)/python training/attribution/convert.py $(POLNEAR)/dev $(ATTR_BUILD)/dev.spacy
	nice -n 10 $(BIN)/python -m spacy train training/attribution/config.cfg --code training/attribution/readers.py \
	  --paths.train $(ATTR_BUILD)/train.spacy --paths.dev $(ATTR_BUILD)/dev.spacy --output $(ATTR_BUILD)/out
	rm -rf src/eventwire/models/attribution
	cp -r $(ATTR_BUILD)/out/model-best src/eventwire/models/attribution
