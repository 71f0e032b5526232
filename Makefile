# Integritas — the two commands: `make run` and `make test`.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
PORT ?= 8000
PIP := $(BIN)/python -m pip --disable-pip-version-check --no-input
RUN_STAMP := $(VENV)/.installed-run
DEV_STAMP := $(VENV)/.installed-dev

.PHONY: run test install install-dev system-deps lint typecheck migrations-check pytest test-pg serve demo clean bench

run: $(RUN_STAMP)
	DEBUG=true $(BIN)/integritas migrate --noinput
	DEBUG=true $(BIN)/integritas createcachetable
	DEBUG=true $(BIN)/integritas demo
	@echo ""
	@echo "Integritas berjalan di http://127.0.0.1:$(PORT)  (Ctrl+C untuk berhenti)"
	DEBUG=true $(BIN)/integritas runserver 127.0.0.1:$(PORT)

test: $(DEV_STAMP) system-deps lint typecheck migrations-check pytest

$(VENV)/bin/python:
	$(PYTHON) -m venv $(VENV)

$(RUN_STAMP): requirements/base.txt pyproject.toml | $(VENV)/bin/python
	$(PIP) install --require-hashes --no-deps -r requirements/base.txt
	$(PIP) install --no-deps --no-build-isolation -e .
	touch $@

$(DEV_STAMP): $(RUN_STAMP) requirements/dev.txt
	$(PIP) install --require-hashes --no-deps -r requirements/base.txt -r requirements/dev.txt
	touch $@

install: $(RUN_STAMP)
install-dev: $(DEV_STAMP)

system-deps:
	@bash scripts/ensure-system-deps.sh

lint: $(DEV_STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports --no-cache

typecheck: $(DEV_STAMP)
	INTEGRITAS_TESTING=true $(BIN)/mypy integritas

migrations-check: $(DEV_STAMP)
	INTEGRITAS_TESTING=true $(BIN)/integritas makemigrations --check --dry-run

pytest: $(DEV_STAMP)
	INTEGRITAS_TESTING=true $(BIN)/pytest $(PYTEST_ARGS)

# The whole suite against PostgreSQL (used by .ci/run).
test-pg: $(DEV_STAMP)
	INTEGRITAS_TESTING=true DATABASE_URL=$${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/postgres} $(BIN)/pytest $(PYTEST_ARGS)

bench: $(DEV_STAMP)
	$(BIN)/python benchmarks/bench_engine.py

clean:
	rm -rf $(VENV) var .pytest_cache .mypy_cache .ruff_cache
