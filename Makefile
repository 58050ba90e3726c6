# Two commands on a fresh machine: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test test-deps bench eval clean compiled

$(STAMP): pyproject.toml requirements.lock
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -c requirements.lock -e '.[dev]'
	@touch $(STAMP)

# kg's bytecode, compiled ahead as pip does for the packages it installs: an editable install leaves it to the
# first import, and where PYTHONDONTWRITEBYTECODE is set every process would compile every module again (0.1 s).
# Each file records its source's hash, checked at import: a module edited since is compiled again, in memory.
compiled: $(STAMP)
	@$(BIN)/python -m compileall -q --invalidation-mode checked-hash kg

run: $(STAMP) compiled
	@start=$$(date +%s); \
	$(BIN)/kg build data/ --out out/; status=$$?; \
	echo "make run: $$(( $$(date +%s) - start )) s"; exit $$status

test-deps: $(STAMP)
	@bash tests/install_browser.sh >/dev/null 2>&1 || echo "test-deps: chromium could not be installed; the browser test will skip"
	@command -v npm >/dev/null && npm ci --silent --prefix tests/js >/dev/null 2>&1 || echo "test-deps: npm ci failed or npm missing; the graphology check will skip"

test: $(STAMP) compiled test-deps
	$(BIN)/python -m pytest -q

eval: $(STAMP) compiled
	$(BIN)/kg eval tests/data/gold/seeds.jsonl data/seeds
	$(BIN)/kg eval tests/data/gold/samples.jsonl data/samples
	$(BIN)/kg eval tests/data/gold/dev.jsonl tests/data/dev
	$(BIN)/kg eval tests/data/gold/english.jsonl tests/data/english

bench: $(STAMP) compiled
	$(BIN)/python bench/run.py

clean:
	rm -rf out .pytest_cache
