# Two commands do all the set-up on a fresh machine with only Python 3.11:
#   make run    install, migrate, load the curated data, serve http://127.0.0.1:8000
#   make test   install what the tests need and run the whole suite on SQLite and PostgreSQL
# Both set DJANGO_DEBUG=1; anything else (serve-prod, a manage.py command by hand) has DEBUG off unless asked.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
ARTIFACTS := test-artifacts

.PHONY: run serve-prod test test-sqlite test-postgresql fuzz load-test install translations load system-deps clean bench vendor-world-atlas release

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

# The stamp files make a second `make run` skip installs when nothing changed.
$(VENV)/.installed: pyproject.toml requirements.lock | $(BIN)/python
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -c requirements.lock .
	touch $@

$(VENV)/.installed-test: $(VENV)/.installed
	$(BIN)/python -m pip install --quiet -c requirements.lock ".[test]"
	touch $@

install: $(VENV)/.installed

# A developer's machine: DEBUG is off unless asked for (config/settings.py).
run translations load test-sqlite test-postgresql fuzz: export DJANGO_DEBUG = 1
# The tests set what they need: a developer's .env must not change what they check.
test-sqlite test-postgresql fuzz: export DJANGO_ENV_FILE = /dev/null

# The .po files of locale/ compiled to .mo in pure Python (Babel): no GNU gettext needed.
# Only files whose .po changed are compiled again.
translations: install
	$(BIN)/python manage.py compile_translations

load: install translations
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py load_curated

# A developer's machine keeps DJANGO_DEBUG=1 in .env (config/settings.py reads it), so that
# manage.py commands run by hand work as Django's documentation shows. Written once, never overwritten.
.env:
	printf '# Written by make run for a developer machine: never copy it to a server.\nDJANGO_DEBUG=1\n' > $@

run: load .env
	$(BIN)/python manage.py runserver 127.0.0.1:$(PORT)

# Production: needs DJANGO_SECRET_KEY, DJANGO_ALLOWED_HOSTS and DATABASE_URL in the
# environment (README, "Running in production"); DJANGO_DEBUG=0 is set here.
BIND ?= 127.0.0.1:$(PORT)
WORKERS ?= 3
serve-prod: export DJANGO_DEBUG = 0
serve-prod: install
	$(BIN)/python manage.py check --deploy
	$(BIN)/python manage.py compile_translations
	$(BIN)/python manage.py collectstatic --noinput --verbosity 0
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/gunicorn config.wsgi --config python:config.gunicorn --bind $(BIND) --workers $(WORKERS) --access-logfile -

# Debian's PostgreSQL server and Chromium, and the Noto fonts for Korean, Chinese and Arabic
# (so the screenshots show text, not empty boxes), installed when missing and we may (root, apt).
system-deps:
	@missing=""; \
	ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || missing="$$missing postgresql"; \
	command -v chromium >/dev/null 2>&1 || missing="$$missing chromium"; \
	[ -d /usr/share/fonts/opentype/noto ] || missing="$$missing fonts-noto-cjk"; \
	ls /usr/share/fonts/truetype/noto/NotoSansArabic-* >/dev/null 2>&1 || missing="$$missing fonts-noto-core"; \
	if [ -n "$$missing" ]; then \
		if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
			echo "Installing$$missing from Debian"; \
			apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; \
		else \
			echo "Missing$$missing: install them (sudo apt-get install$$missing) and run make test again" >&2; exit 1; \
		fi; \
	fi

test: $(VENV)/.installed-test system-deps
	$(MAKE) test-sqlite
	$(MAKE) test-postgresql

test-sqlite: $(VENV)/.installed-test translations
	@mkdir -p $(ARTIFACTS)
	EXPECTED_DATABASE=sqlite $(BIN)/pytest --junitxml=$(ARTIFACTS)/junit-sqlite.xml $(PYTEST_ARGS)

test-postgresql: $(VENV)/.installed-test translations
	@mkdir -p $(ARTIFACTS)
	EXPECTED_DATABASE=postgresql tests/postgres.sh $(BIN)/pytest --junitxml=$(ARTIFACTS)/junit-postgresql.xml $(PYTEST_ARGS)

# The directory beside Datasette at 10k, 100k and 1M agreements (bench/run.py, docs/performance.md).
# Not part of the tests. BENCH_SIZES=2000 BENCH_DURATION=2 make bench takes a minute or two.
$(VENV)/.installed-bench: $(VENV)/.installed
	$(BIN)/python -m pip install --quiet -c requirements.lock ".[bench]"
	touch $@

bench: $(VENV)/.installed-bench system-deps
	$(BIN)/python bench/run.py

# Which WSGI server, side by side on the bench's 100k file (bench/servers.py, docs/performance.md).
bench-servers: $(VENV)/.installed-bench system-deps
	$(BIN)/python bench/servers.py

# The API fuzzing of the suite at a larger scale: 200 generated requests per operation and
# user plus schemathesis's coverage phase, on SQLite. FUZZ_EXAMPLES=1000 make fuzz for more.
FUZZ_EXAMPLES ?= 200
fuzz: $(VENV)/.installed-test
	FUZZ_EXAMPLES=$(FUZZ_EXAMPLES) FUZZ_COVERAGE=1 FUZZ_RANDOM=1 $(BIN)/pytest -p no:cacheprovider tests/test_api_fuzz.py

# 50 clients for 60 s on gunicorn and a throwaway PostgreSQL, then a database restart under load
# (bench/load_and_faults.py, docs/reliability.md). Loopback only; stops by itself in about 3 minutes.
load-test: $(VENV)/.installed system-deps
	$(BIN)/python bench/load_and_faults.py

# The next numbered release of the directory (README, "For researchers"), in RELEASES_DIR.
release: export DJANGO_DEBUG = 1
release: install
	$(BIN)/python manage.py make_release

# The world map's country boundaries, vendored from the npm registry (partnerships/world_atlas/README.md).
# Run by hand to update them; the site and the tests never fetch anything.
WORLD_ATLAS_VERSION ?= 2.0.2
vendor-world-atlas:
	@tmp=$$(mktemp -d); \
	cd $$tmp && npm pack --silent world-atlas@$(WORLD_ATLAS_VERSION) >/dev/null && tar xzf world-atlas-$(WORLD_ATLAS_VERSION).tgz; \
	cp $$tmp/package/countries-110m.json $$tmp/package/LICENSE $$tmp/package/package.json $(CURDIR)/partnerships/world_atlas/; \
	rm -rf $$tmp; sha256sum $(CURDIR)/partnerships/world_atlas/countries-110m.json

clean:
	rm -rf $(VENV) $(ARTIFACTS) build *.egg-info staticfiles
