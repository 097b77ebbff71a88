# Two entry points, each doing all the set-up a fresh machine needs:
#   make serve  - build the site from seeds/ and serve it at http://127.0.0.1:8000 (rebuilds on change)
#   make test   - lint, type-check and run the whole test suite
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
# Material prints a banner about MkDocs 2 on every run; the pins already keep MkDocs below 2.
export NO_MKDOCS_2_WARNING := 1
# Dates MkDocs writes (sitemap lastmod, gzip headers) come from here, never from the clock: the
# last commit's time, so two builds of the same input are byte for byte the same.
export SOURCE_DATE_EPOCH ?= $(shell git log -1 --format=%ct 2>/dev/null || echo 0)

.PHONY: serve build test lint clean system-deps

$(STAMP): requirements.lock requirements-dev.lock pyproject.toml
	$(PYTHON) -c 'import sys; assert sys.version_info[:2] == (3, 11), "Python 3.11 is required"'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.lock -r requirements-dev.lock
	# Editable install: registers the MkDocs plugin entry point; the code stays this checkout.
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	touch $(STAMP)

serve: $(STAMP)
	$(BIN)/mkdocs serve --strict --dirty

build: $(STAMP)
	$(BIN)/python -m builder build

lint: $(STAMP) node_modules/.installed
	$(BIN)/ruff check builder tests benchmarks
	$(BIN)/ruff format --check builder tests benchmarks
	$(BIN)/mypy
	npm run --silent lint

system-deps:
	bash scripts/install-system-deps.sh

# axe-core for the accessibility tests, ESLint for the site's scripts.
node_modules/.installed: package.json package-lock.json | system-deps
	npm ci --no-audit --no-fund
	touch $@

test: lint system-deps node_modules/.installed
	PATH="/usr/sbin:$$PATH" $(BIN)/pytest

clean:
	rm -rf $(VENV) site .site.releases .site.lock
