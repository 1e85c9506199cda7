# The front door. `make help` lists the targets in processing order.
SHELL := bash
.SHELLFLAGS := -euo pipefail -c
.DEFAULT_GOAL := help
MAKEFLAGS += --no-print-directory

PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
DB ?= archive.db
DATA ?= data
PORT ?= 8001
MIRROR ?=
FULL ?=
PIPELINE_ARGS = --db $(DB) --data $(DATA) $(if $(MIRROR),--mirror $(MIRROR))

.PHONY: help install demo archive refresh extract smoke serve test eval bench clean

help: ## List the targets and what they do
	@awk 'BEGIN {FS = ":.*## "} /^[a-z-]+:.*## / {printf "  make %-9s %s\n", $$1, $$2}' $(MAKEFILE_LIST)
	@echo "  Variables: MIRROR=http://127.0.0.1:PORT  DB=$(DB)  DATA=$(DATA)  PORT=$(PORT)  FULL=1 (refresh)"

install: $(VENV)/.installed ## Create .venv/ and install the project with its test dependencies

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test]'
	touch $@

# The sample mirror's invented letters use the real host names: keep their captures apart from real ones.
DEMO_DATA = $(if $(filter command line environment,$(origin DATA)),$(DATA),$(DATA)/sample-mirror)

demo: install ## Serve the sample mirror, crawl it, build DB and serve it on http://127.0.0.1:PORT (Ctrl-C stops all)
	$(PY) -m frontdoor demo --db $(DB) --data $(DEMO_DATA) --port $(PORT)

archive: install ## Crawl the sources (live, or MIRROR=...), extract and build DB
	$(PY) -m frontdoor archive $(PIPELINE_ARGS)

refresh: install ## The nightly incremental run: crawl what changed, rebuild, publish atomically (FULL=1 revalidates all)
	$(PY) -m frontdoor refresh $(PIPELINE_ARGS) $(if $(FULL),--full)

extract: install ## Rebuild DB from the captures in DATA/ without the network
	$(PY) -m frontdoor build --db $(DB) --data $(DATA)

smoke: install ## Check the live sites still look as the crawler expects (needs the internet; a few pages per source)
	$(PY) -m crawler smoke $(if $(MIRROR),--mirror $(MIRROR))

serve: install ## Serve DB with Datasette on http://127.0.0.1:PORT
	$(PY) -m frontdoor serve --db $(DB) --port $(PORT)

test: install ## Check the dependency rule (lint-imports), then run the whole test suite (starts its own mirrors, Datasette and Chromium)
	$(VENV)/bin/lint-imports --no-cache
	$(PY) -m pytest -n 2 --dist loadfile

eval: install ## Score every extractor on the invented gold set and the real letters in ../shared (P, R, F1), with the dateparser baseline
	$(PY) -m eval

bench: install ## Print the benchmark table (speed and memory)
	$(PY) -m bench

clean: ## Remove the built archive, its staging file and caches (never the captures in DATA/warc)
	rm -f $(DB) $(DB)-wal $(DB)-shm $(DB).staging $(DB).staging-wal $(DB).staging-shm $(DATA)/extract-cache.db
	rm -rf .pytest_cache build *.egg-info
