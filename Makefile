# kslib — `make help` lists the targets.  Everything runs inside .venv/ (created on first use).
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
YEAR   ?= 2020
# every report in data/raw/YEAR/ (several boards may share a year); kslib finds them, names with spaces are fine
RAW_DIR := data/raw/$(YEAR)

.DEFAULT_GOAL := help
.PHONY: help install report parse render series check test test-fast bench lock clean

help: ## list the targets
	@awk 'BEGIN {FS = ":.*## "} /^[a-zA-Z_-]+:.*## / {printf "  make %-10s %s\n", $$1, $$2}' $(MAKEFILE_LIST)
	@echo "  (YEAR=$(YEAR) by default; e.g. make report YEAR=2021)"

$(VENV)/.installed: pyproject.toml constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -c constraints.txt -e '.[test]'
	@touch $@

install: $(VENV)/.installed ## create .venv/ and install kslib with pinned dependencies

report: install ## the main job: parse every report of YEAR and render its notebooks to reports/YEAR/<board>/
	$(BIN)/kslib render --year "$(YEAR)"

parse: install ## parse every report of YEAR into data/processed/YEAR/<board>/ (CSV, JSON, XLSX)
	$(BIN)/kslib parse "$(RAW_DIR)"

render: install ## execute the notebooks for YEAR into reports/YEAR/<board>/ (HTML for committees)
	$(BIN)/kslib render --year "$(YEAR)"

series: install ## every board's figures over the years: data/processed/series/<board>/series.csv, restatements.csv
	@for d in data/processed/[0-9]*/*/; do basename "$$d"; done | sort -u | while read -r slug; do \
	  $(BIN)/kslib series data/processed --board "$$slug" --out "data/processed/series/$$slug" || exit 1; done

check: install ## audit the arithmetic of every report of YEAR
	$(BIN)/kslib check "$(RAW_DIR)"

test: install ## run every test (notebook executions and browser checks included)
	$(BIN)/python -m pytest -q

test-fast: install ## run the tests without the slow notebook executions
	$(BIN)/python -m pytest -q -m "not slow"

bench: install ## run the benchmarks (ratios measured side by side; benchmarks/*_worker.py are their helpers)
	@for b in benchmarks/*.py; do case $$b in *_worker.py) continue;; esac; echo "== $$b"; $(BIN)/python $$b || exit 1; done

lock: ## re-pin constraints.txt from the current .venv (after changing dependencies)
	$(BIN)/python -m pip freeze --exclude-editable --disable-pip-version-check | grep -v '^-e ' > constraints.txt

clean: ## remove generated outputs and caches (never data/raw/)
	rm -rf data/processed/* reports/* .pytest_cache .hypothesis
