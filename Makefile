# kslib — `make help` lists the targets.  Everything runs inside .venv/ (created on first use).
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
YEAR   ?= 2020
RAW_DIR := data/raw/$(YEAR)
# the year's raw report: a PDF if there is one, else the text layer
RAW_FILE = $(firstword $(wildcard $(RAW_DIR)/*.pdf) $(wildcard $(RAW_DIR)/*.txt))

.DEFAULT_GOAL := help
.PHONY: help install report parse render check test test-fast bench lock clean

help: ## list the targets
	@awk 'BEGIN {FS = ":.*## "} /^[a-zA-Z_-]+:.*## / {printf "  make %-10s %s\n", $$1, $$2}' $(MAKEFILE_LIST)
	@echo "  (YEAR=$(YEAR) by default; e.g. make report YEAR=2021)"

$(VENV)/.installed: pyproject.toml constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -c constraints.txt -e '.[test]'
	@touch $@

install: $(VENV)/.installed ## create .venv/ and install kslib with pinned dependencies

report: install ## the main job: parse the YEAR's report and render the three notebooks to reports/YEAR/
	@test -n "$(RAW_FILE)" || { echo "no raw report in $(RAW_DIR)/ (put the .pdf or .txt there)"; exit 2; }
	$(BIN)/kslib parse "$(RAW_FILE)" --out data/processed/$(YEAR)
	$(BIN)/kslib render --year $(YEAR)

parse: install ## parse the YEAR's report into data/processed/YEAR/ (CSV, JSON, XLSX)
	@test -n "$(RAW_FILE)" || { echo "no raw report in $(RAW_DIR)/"; exit 2; }
	$(BIN)/kslib parse "$(RAW_FILE)" --out data/processed/$(YEAR)

render: install ## execute the notebooks for YEAR into reports/YEAR/ (HTML for committees)
	$(BIN)/kslib render --year $(YEAR)

check: install ## audit the arithmetic of the YEAR's report
	$(BIN)/kslib check "$(RAW_FILE)"

test: install ## run every test (notebook executions and browser checks included)
	$(BIN)/python -m pytest -q

test-fast: install ## run the tests without the slow notebook executions
	$(BIN)/python -m pytest -q -m "not slow"

bench: install ## run the benchmarks (ratios measured side by side)
	@for b in benchmarks/*.py; do echo "== $$b"; $(BIN)/python $$b || exit 1; done

lock: ## re-pin constraints.txt from the current .venv (after changing dependencies)
	$(BIN)/python -m pip freeze --exclude-editable --disable-pip-version-check | grep -v '^-e ' > constraints.txt

clean: ## remove generated outputs and caches (never data/raw/)
	rm -rf data/processed/* reports/* .pytest_cache .hypothesis
