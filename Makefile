# Portrait. `make run` serves the portal with its worker and scheduler; `make test` runs lint
# and the whole suite. Both set up .venv from requirements.lock first.
SHELL := /bin/bash
.DEFAULT_GOAL := help
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
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

$(STAMP): requirements.lock
	@test -x $(PY) || { py=$$(scripts/find-python) && echo "Creating $(VENV) with $$py" && "$$py" -m venv $(VENV); }
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.lock
	@touch $(STAMP)

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
serve: $(STAMP)
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
	$(VENV)/bin/pytest -n 2 -q

messages: export DJANGO_DEBUG = 1
messages: $(STAMP)
	$(PY) manage.py makemessages -l zh_Hans --ignore=.venv --ignore=var --no-obsolete
	$(PY) manage.py compilemessages -v 0 --ignore=.venv

bench: export DJANGO_SETTINGS_MODULE = portal.settings_test
bench: $(STAMP)
	$(PY) bench/run.py

# Re-resolve requirements.lock from pyproject.toml's ranges (run after changing them).
lock:
	rm -rf var/lockvenv && "$$(scripts/find-python)" -m venv var/lockvenv
	var/lockvenv/bin/python -c "import tomllib; p = tomllib.load(open('pyproject.toml', 'rb'))['project']; print('\n'.join(p['dependencies'] + p['optional-dependencies']['dev']))" > var/requirements.in
	var/lockvenv/bin/pip install --quiet -r var/requirements.in
	( echo "# Every resolved package, pinned. Regenerate with 'make lock'."; var/lockvenv/bin/pip freeze --all --exclude pip ) > requirements.lock
	rm -rf var/lockvenv

clean:
	rm -rf $(VENV) var
