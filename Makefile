# Undercurrent. `make demo` and `make test` are the two commands a newcomer needs.
SHELL := /bin/bash
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: demo test lint up install clean bench

$(STAMP): requirements.txt
	@PYTHON=$$(scripts/find-python.sh) || exit 1; \
	  if [ ! -x $(PY) ] || ! $(PY) -c 'import sys; assert sys.version_info >= (3, 12)' 2>/dev/null; then \
	    echo "Creating $(VENV) with $$PYTHON"; rm -rf $(VENV); "$$PYTHON" -m venv $(VENV) || exit 1; \
	  fi
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.txt
	@touch $(STAMP)

install: $(STAMP)

## The demo: local Spotify, web server and background worker on 127.0.0.1:8000, no services needed.
demo: $(STAMP)
	$(PY) scripts/demo.py

## The whole test suite (PostgreSQL and Redis when reachable, the embedded default otherwise).
test: $(STAMP)
	@scripts/browser-deps.sh
	scripts/test.sh

lint: $(STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

## The production-like stack in Docker Compose (needs a Docker engine).
up:
	docker compose up --build

clean:
	rm -rf var .pytest_cache tests/artifacts
