# SafeCampus: `make demo` serves the demo district, `make test` runs the whole suite.
SHELL := /bin/bash
VENV ?= .venv
PORT ?= 8000
BIN := $(VENV)/bin
SYSTEM_PACKAGES := libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-noto-cjk gettext
TEST_SYSTEM_PACKAGES := chromium poppler-utils postgresql-client
PG_TEST_URL ?= postgres://postgres@127.0.0.1:5432/safecampus

# Python 3.12+; prefer pyenv's 3.13 when it is there.
PYTHON ?= $(shell for p in $$(ls -d $$HOME/.pyenv/versions/3.13* 2>/dev/null | sort -V | tail -1)/bin/python python3.13 python3.12 python3; do \
	command -v $$p >/dev/null 2>&1 && $$p -c 'import sys; sys.exit(sys.version_info < (3, 12))' 2>/dev/null && { echo $$p; break; }; done)

.PHONY: demo test test-api test-sqlite test-postgres lint sysdeps sysdeps-test messages clean bench

$(BIN)/python:
	@test -n "$(PYTHON)" || { echo "Python 3.12+ is required"; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip

$(VENV)/.installed: $(BIN)/python requirements.txt pyproject.toml
	$(BIN)/pip install -q -r requirements.txt
	$(BIN)/pip install -q --no-deps -e .
	touch $@

$(VENV)/.installed-test: $(VENV)/.installed requirements-test.txt
	$(BIN)/pip install -q -r requirements-test.txt
	touch $@

# Installs missing system packages when run as root; otherwise names the command to run.
define ensure_packages
	@missing=""; for p in $(1); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
		if [ "$$(id -u)" = 0 ]; then \
			echo "Installing system packages:$$missing"; \
			apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; \
		else echo "Missing system packages; run: sudo apt-get install -y$$missing"; exit 1; fi; \
	fi
endef

sysdeps:
	$(call ensure_packages,$(SYSTEM_PACKAGES))

sysdeps-test: sysdeps
	$(call ensure_packages,$(TEST_SYSTEM_PACKAGES))

messages: $(VENV)/.installed
	cd src/safecampus && ../../$(BIN)/django-admin compilemessages -v 0 --ignore 'static/*'

demo: sysdeps $(VENV)/.installed messages
	SAFECAMPUS_DEBUG=$${SAFECAMPUS_DEBUG:-true} $(BIN)/safecampus migrate --noinput -v 0
	SAFECAMPUS_DEBUG=$${SAFECAMPUS_DEBUG:-true} $(BIN)/safecampus demo --port $(PORT)

lint: $(VENV)/.installed-test
	$(BIN)/ruff check .

test: sysdeps-test $(VENV)/.installed-test messages lint test-sqlite test-postgres

test-sqlite:
	SAFECAMPUS_TESTING=true $(BIN)/pytest -q

# The API against its OpenAPI description (schemathesis), deeper than the bounded run in `make test`:
# the coverage phase and more generated examples per operation (docs/API.md).
test-api: $(VENV)/.installed-test messages
	SAFECAMPUS_TESTING=true SAFECAMPUS_API_FUZZ=1 $(BIN)/pytest -q tests/core/test_api_schemathesis.py

# In CI PostgreSQL is required; on a laptop without it the run says so and goes on.
test-postgres:
	@if $(BIN)/python -c "import psycopg,sys; psycopg.connect('$(PG_TEST_URL)'.rsplit('/',1)[0]+'/postgres', connect_timeout=3).close()" 2>/dev/null; then \
		SAFECAMPUS_TESTING=true SAFECAMPUS_DATABASE_URL=$(PG_TEST_URL) $(BIN)/pytest -q -m "not browser"; \
	elif [ "$${CI:-}" = "true" ]; then echo "PostgreSQL is not reachable at $(PG_TEST_URL)"; exit 1; \
	else echo "PostgreSQL not reachable: skipped the PostgreSQL run"; fi

# bench/floor.py: the hot paths against a raw-SQL floor, on SQLite and on PostgreSQL when it is reachable.
bench: $(VENV)/.installed
	SAFECAMPUS_DEBUG=true $(BIN)/python bench/run.py
	$(BIN)/python bench/floor.py --write

# The morning peak on gunicorn (bench/load.py): locust lives in its own environment, not the suite's.
.PHONY: loadtest
loadtest: $(VENV)/.installed
	test -x $(VENV)-bench/bin/locust || { $(PYTHON) -m venv $(VENV)-bench && $(VENV)-bench/bin/pip install -q -r bench/requirements.txt; }
	$(BIN)/python bench/load.py --locust $(VENV)-bench/bin/locust

clean:
	rm -rf $(VENV) $(VENV)-bench var
