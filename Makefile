# Portrait. `make run` serves the portal with its worker and scheduler; `make test` runs lint
# and the whole suite. Both set up .venv from requirements-dev.lock first; `make serve` installs
# only requirements.lock (what production runs). Both locks pin every package with hashes.
SHELL := /bin/bash
.DEFAULT_GOAL := help
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-dev
RUNTIME_STAMP := $(VENV)/.installed-runtime
PIP_INSTALL := $(PY) -m pip install --quiet --disable-pip-version-check --require-hashes
PORT ?= 8000
HOST ?= 127.0.0.1
export PORT HOST

.PHONY: help setup run serve test lint format messages bench lock clean

help:
	@echo "make run     set up and serve the portal on http://$(HOST):$(PORT)/ (web, worker, beat)"
	@echo "make test    lint, migration check and the whole test suite"
	@echo "make serve   production shape: gunicorn + worker + beat from the environment"
	@echo "make bench   benchmarks, results in bench/out/results.json"
	@echo "make messages  update the translation catalogs after changing strings"

$(VENV)/bin/python:
	@py=$$(scripts/find-python) && echo "Creating $(VENV) with $$py" && "$$py" -m venv $(VENV)

# Developing and testing: the runtime pins plus the tools (pytest, ruff, moto...).
$(STAMP): requirements-dev.lock | $(VENV)/bin/python
	$(PIP_INSTALL) -r requirements-dev.lock
	@touch $(STAMP)

# Running: only what production needs, nothing from the test tools.
$(RUNTIME_STAMP): requirements.lock | $(VENV)/bin/python
	$(PIP_INSTALL) -r requirements.lock
	@touch $(RUNTIME_STAMP)

setup: $(STAMP)

# Embedded default: DEBUG on, SQLite, filesystem Celery transport, all under var/.
run: export DJANGO_DEBUG ?= 1
run: $(STAMP)
	@mkdir -p var
	$(PY) manage.py migrate --no-input -v 0
	$(PY) manage.py compilemessages -v 0 --ignore=.venv
	$(PY) manage.py collectstatic --no-input -v 0
	$(PY) manage.py seed_demo
	$(PY) manage.py ledger_bootstrap
	@echo ""
	@echo "Portrait is starting on http://$(HOST):$(PORT)/  (Ctrl-C stops the web server, worker and scheduler)"
	@echo "Staff admin: http://$(HOST):$(PORT)/admin/ — sign in as staff@example.com, then the code from: $(PY) manage.py demo_totp"
	@echo ""
	exec $(VENV)/bin/honcho --no-prefix -f Procfile.dev start

# Production shape: DATABASE_URL, REDIS_URL, DJANGO_SECRET_KEY... from the environment.
serve: $(RUNTIME_STAMP)
	$(PY) manage.py migrate --no-input
	$(PY) manage.py ledger_bootstrap
	$(PY) manage.py compilemessages -v 0 --ignore=.venv
	$(PY) manage.py collectstatic --no-input -v 0
	exec $(VENV)/bin/honcho -f Procfile start

lint: $(STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: $(STAMP)
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

# The test settings need no secret or service; pytest uses DATABASE_URL when it is set.
test: export DJANGO_SETTINGS_MODULE = portal.settings_test
test: $(STAMP) lint
	$(PY) manage.py makemigrations --check --dry-run
	$(PY) manage.py compilemessages -v 0 --ignore=.venv
	$(VENV)/bin/pytest -n 2 -q --cov --cov-report=term:skip-covered

messages: export DJANGO_DEBUG = 1
messages: $(STAMP)
	$(PY) manage.py makemessages -l zh_Hans --ignore=.venv --ignore=var --no-obsolete
	$(PY) manage.py compilemessages -v 0 --ignore=.venv

bench: export DJANGO_SETTINGS_MODULE = portal.settings_test
bench: $(STAMP)
	$(PY) bench/run.py

# Re-resolve both locks from pyproject.toml's ranges (run after changing them), with hashes.
# The dev lock is resolved first; the runtime lock starts from it, so every package the two share
# has the same pin. pip-tools runs from a throwaway venv and is in neither lock.
# pip-tools 7.6 reads the header's command from the environment, not from an option.
PIP_COMPILE := CUSTOM_COMPILE_COMMAND="make lock" var/lockvenv/bin/pip-compile --quiet \
	--generate-hashes --allow-unsafe --strip-extras --no-emit-index-url --no-emit-find-links
lock:
	rm -rf var/lockvenv && "$$(scripts/find-python)" -m venv var/lockvenv
	var/lockvenv/bin/pip install --quiet --disable-pip-version-check pip-tools==7.6.2
	$(PIP_COMPILE) --extra dev --output-file requirements-dev.lock pyproject.toml
	cp requirements-dev.lock requirements.lock
	$(PIP_COMPILE) --output-file requirements.lock pyproject.toml
	rm -rf var/lockvenv

clean:
	rm -rf $(VENV) var
