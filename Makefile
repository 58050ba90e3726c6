# Two commands on a fresh machine: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test test-deps bench eval clean

$(STAMP): pyproject.toml requirements.lock
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -c requirements.lock -e '.[dev]'
	@touch $(STAMP)

run: $(STAMP)
	@start=$$(date +%s); \
	$(BIN)/kg build data/ --out out/; status=$$?; \
	echo "make run: $$(( $$(date +%s) - start )) s"; exit $$status

test-deps: $(STAMP)
	@bash tests/install_browser.sh >/dev/null 2>&1 || echo "test-deps: chromium could not be installed; the browser test will skip"
	@command -v npm >/dev/null && npm ci --silent --prefix tests/js >/dev/null 2>&1 || echo "test-deps: npm ci failed or npm missing; the graphology check will skip"

test: $(STAMP) test-deps
	$(BIN)/python -m pytest -q

eval: $(STAMP)
	$(BIN)/kg eval tests/data/gold/seeds.jsonl data/seeds
	$(BIN)/kg eval tests/data/gold/samples.jsonl data/samples
	$(BIN)/kg eval tests/data/gold/dev.jsonl tests/data/dev
	$(BIN)/kg eval tests/data/gold/english.jsonl tests/data/english

bench: $(STAMP)
	$(BIN)/python bench/run.py

clean:
	rm -rf out .pytest_cache
