# Two commands for a new machine: `make run` and `make test`. Everything they need is installed here.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
SEARCH_TESTS = tests/test_search_*.py
HOST ?= 127.0.0.1
PORT ?= 8000
# gunicorn under `make run`. Sync workers, one per CPU and at least 2 (2 on this machine): the
# work is CPU-bound (analysis, templates; SQLite and the index are local files), so more workers
# than cores only add memory (each holds its own index readers) and SQLite write contention.
# KC_TIMEOUT bounds a request's time: a worker busy longer is killed and restarted.
KC_WORKERS ?= $(shell n=$$(nproc 2>/dev/null || echo 2); [ "$$n" -lt 2 ] && n=2; echo $$n)
KC_TIMEOUT ?= 30
KC_GRACEFUL_TIMEOUT ?= 10
# Collected, hashed and compressed static files (settings.py: DJANGO_STATIC_ROOT).
STATIC_DIR ?= $(CURDIR)/var/static

.PHONY: run dev test test-postgres suite install install-test browser java postgres setup lint format clean bench bench-scale soak

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

# Re-installs only when pyproject.toml changed, so a second `make run` is quick.
$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e '.[test]'
	touch $@ $(VENV)/.installed

install: $(VENV)/.installed
install-test: $(VENV)/.installed-test

# Migrate and (re)load the corpus: idempotent, safe to run again. load_content also brings the
# search index in step (and fills it when it is empty), so no rebuild_index here.
setup: install
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py load_content

# As in production: gunicorn, DEBUG off, hashed and compressed static files (WhiteNoise), on
# loopback over plain http (DJANGO_HTTPS stays off, so cookies are not marked secure).
# --no-control-socket: gunicorn 27 otherwise opens one fixed socket in $HOME shared by every
# gunicorn on the machine (a second `make run`, the soak test). Ctrl+C stops master and workers.
run: setup
	DJANGO_DEBUG=0 DJANGO_STATIC_ROOT=$(STATIC_DIR) $(BIN)/python manage.py collectstatic --noinput --verbosity 0
	@echo "Het kenniscentrum draait op http://$(HOST):$(PORT)/ (gunicorn, $(KC_WORKERS) workers; stoppen: Ctrl+C)"
	exec env DJANGO_DEBUG=0 DJANGO_STATIC_ROOT=$(STATIC_DIR) $(BIN)/python -m gunicorn kenniscentrum.wsgi \
		--bind $(HOST):$(PORT) --workers $(KC_WORKERS) --timeout $(KC_TIMEOUT) \
		--graceful-timeout $(KC_GRACEFUL_TIMEOUT) --access-logfile - --no-control-socket

# For developers: Django's runserver with DEBUG on (debug pages) and autoreload on code changes;
# static files straight from the apps, unhashed.
dev: setup
	@echo "Ontwikkelserver op http://$(HOST):$(PORT)/ (DEBUG aan; stoppen: Ctrl+C)"
	DJANGO_DEBUG=1 DJANGO_STATIC_ROOT= $(BIN)/python manage.py runserver $(HOST):$(PORT)

# Debian packages the tests need, installed when missing (root, or sudo). Only what is needed:
# --no-install-recommends keeps Chromium to 25 packages instead of 115 (its recommends bring
# udev, upower and systemd upgrades); fonts-liberation (one of them) keeps the fonts the pages
# were checked with.
APT_INSTALL = if [ "$$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi; \
	$$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive \
	$$SUDO apt-get install -y -qq --no-install-recommends

# Debian's Chromium for the browser tests; Playwright's own browser download does not work here.
browser:
	@command -v chromium >/dev/null 2>&1 || { \
		echo "Chromium ontbreekt: installeren met apt-get (root nodig)"; \
		$(APT_INSTALL) chromium fonts-liberation; }

# Lucene 8 (the library inside Solr 8 and Elasticsearch 7) and a JDK, for the tests that run
# the generated Solr/Elasticsearch analysis in real Lucene (tests/test_engine_config.py).
java:
	@{ command -v javac >/dev/null 2>&1 && ls /usr/share/java/lucene-analyzers-common-*.jar >/dev/null 2>&1; } || { \
		echo "JDK of Lucene ontbreekt: installeren met apt-get (root nodig)"; \
		$(APT_INSTALL) liblucene8-java default-jdk-headless; }

# PostgreSQL's server programs for `make test-postgres`; no service is started (the tests run
# their own throwaway cluster: tests/postgres/with_cluster.sh).
postgres:
	@{ command -v initdb >/dev/null 2>&1 || ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; } || { \
		echo "PostgreSQL ontbreekt: installeren met apt-get (root nodig)"; \
		$(APT_INSTALL) postgresql; }

# pytest over every core (pytest-xdist), a test file per process at a time (module fixtures
# such as the relevance suites' clean index are built once). Transactional tests (the browser
# tests) flush the whole test database, so they run in a pytest run of their own, after the
# rest (tests/conftest.py: flushes_database).
TEST_PROCESSES ?= $(shell nproc 2>/dev/null || echo 2)
PYTEST = $(BIN)/python -m pytest -n $(TEST_PROCESSES) --dist loadfile

# The whole suite on the configured database (SQLite unless DATABASE_URL says otherwise).
suite:
	$(PYTEST) -m "not flushes_database"
	$(PYTEST) -m flushes_database

# The whole suite on Whoosh (the default) and SQLite, then every search test again on Xapian.
test: install-test browser java
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	@$(MAKE) --no-print-directory suite
	KC_SEARCH_ENGINE=xapian $(PYTEST) $(SEARCH_TESTS)

# The whole suite on PostgreSQL: a throwaway cluster in a temporary folder, on a Unix socket of
# its own (no system service, no port), stopped and deleted afterwards.
test-postgres: install-test browser java postgres
	tests/postgres/with_cluster.sh $(MAKE) --no-print-directory suite

# Relevance and speed of search on both suites (tests/search_*_cases.yaml, per category), per
# engine: once with every mechanism on, then once with each switched off (--without). Every run
# is its own process with its own index folder: analysed words are cached per process, and
# stemmer exceptions and decompounding change the index. Ends with a compact table of all runs
# (and the queries each mechanism wins or loses); then the scale run (gunicorn, both engines) on
# the shipped corpus and on 1,000 synthetic items.
bench: install-test
	$(BIN)/python manage.py migrate --noinput --verbosity 0
	$(BIN)/python manage.py load_content
	rm -f var/bench/search-eval-*.json
	@set -e; for engine in whoosh xapian; do \
		KC_SEARCH_ENGINE=$$engine KC_SEARCH_PATH=var/bench-index-$$engine-on \
			$(BIN)/python manage.py search_eval --save var/bench/search-eval-$$engine-on.json; \
		for m in query-decompound questions autocorrect stem-exceptions decompound; do \
			echo; KC_SEARCH_ENGINE=$$engine KC_SEARCH_PATH=var/bench-index-$$engine-no-$$m \
				$(BIN)/python manage.py search_eval --without $$m --brief \
				--save var/bench/search-eval-$$engine-no-$$m.json; \
		done; echo; \
	done
	@echo; $(BIN)/python manage.py search_eval --table var/bench/search-eval-*.json; echo
	$(BIN)/python manage.py bench_scale --sizes shipped,1000 --engines whoosh,xapian --clients 1,4

# Scale: load, index and serve (gunicorn, 127.0.0.1) 1,000 and 10,000 synthetic items per engine;
# takes about 10-20 minutes (2 CPUs). Results in var/bench/scale-<timestamp>.md and .json.
bench-scale: install-test
	$(BIN)/python manage.py bench_scale --sizes shipped,1000,10000 --engines whoosh,xapian --clients 1,4

# Faults and load: gunicorn on 127.0.0.1 in a temporary folder, 8 readers, editors saving and
# publishing, two load_content at once, rebuild_index, SIGKILLed workers; fails on a server
# error, a lost text, an index that differs from the database or a missing audit entry.
# Takes about 1.5 minutes; figures in var/soak/soak-<timestamp>.md.
soak: install-test
	$(BIN)/python manage.py soak --clients 8 --seconds 60

lint: install-test
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install-test
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

clean:
	rm -rf $(VENV) var
