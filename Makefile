# factlib — the two everyday commands:  make report   |   make test
# Each creates .venv on first use and installs what it needs; later runs reuse it.

PYTHON ?= $(shell command -v python3.11 2>/dev/null || command -v python3)
VENV   := .venv
BIN    := $(VENV)/bin
CORPUS ?= seeds
OUT    ?= reports
JOBS   ?= 2

.PHONY: report demo test test-fast venv dev-venv docs extract check bench clean help

help:
	@echo "make report   run the notebooks over $(CORPUS)/ and write $(OUT)/index.html"
	@echo "make demo     run the notebooks over the constructed examples/corpus/ and write $(OUT)/demo/index.html"
	@echo "make test     run the test suite"
	@echo "make test-fast  the suite without the slow tests (Dask, store, notebooks, browser)"
	@echo "make bench    print the benchmark figures (reads ../shared/corpus when present)"

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# stamp files: reinstall only when pyproject.toml changes
$(VENV)/.runtime: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e .
	@touch $@

$(VENV)/.dev: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e '.[dev]'
	@touch $@ $(VENV)/.runtime

venv: $(VENV)/.runtime
dev-venv: $(VENV)/.dev

report: venv
	$(BIN)/factlib report $(CORPUS) -o $(OUT) --jobs $(JOBS)

demo: venv
	$(BIN)/factlib report examples/corpus -o $(OUT)/demo --jobs $(JOBS)

test: dev-venv
	$(BIN)/python -m pytest -n 2 --dist loadgroup -q

test-fast: dev-venv
	$(BIN)/python -m pytest -n 2 --dist loadgroup -q -m "not slow"

docs: venv
	$(BIN)/factlib docs $(CORPUS)

extract: venv
	$(BIN)/factlib extract $(CORPUS) --format jsonl

check: venv
	$(BIN)/factlib check $(CORPUS)

bench: dev-venv
	$(BIN)/pip install --quiet -e '.[bench]'
	for b in benchmarks/bench_*.py; do echo "== $$b"; $(BIN)/python $$b || exit 1; done

clean:
	rm -rf $(VENV) $(OUT) .pytest_cache .hypothesis
