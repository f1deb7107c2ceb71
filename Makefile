# CommunesPlone: the two commands are `make start` and `make test`.
SHELL := /bin/bash
PYTHON ?= python3.11
SYSTEM_PYTHON ?= /usr/bin/python3
VENV := .venv
UNO_VENV := .venv-uno
PIP_FLAGS := --disable-pip-version-check -q

.DEFAULT_GOAL := help

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | sed 's/:.*## /\t/' | column -t -s "$$(printf '\t')"

$(VENV)/.installed: setup.py constraints.txt
	@test -x $(VENV)/bin/python || $(PYTHON) -m venv $(VENV)
	$(VENV)/bin/pip install $(PIP_FLAGS) -c constraints.txt pip
	$(VENV)/bin/pip install $(PIP_FLAGS) -c constraints.txt -e '.[test,lint,relstorage]'
	@touch $@

$(UNO_VENV)/.installed: constraints.txt
	@test -x /usr/bin/soffice || { echo "LibreOffice manque : apt-get install libreoffice-writer libreoffice-calc python3-uno python3-venv"; exit 1; }
	@test -x $(UNO_VENV)/bin/python || $(SYSTEM_PYTHON) -m venv --system-site-packages $(UNO_VENV)
	$(UNO_VENV)/bin/pip install $(PIP_FLAGS) -c constraints.txt appy
	@$(UNO_VENV)/bin/python -c "import uno, appy" || { echo "python3-uno manque : apt-get install python3-uno"; exit 1; }
	@touch $@

venv: $(VENV)/.installed ## Create .venv through the pins
venv-uno: $(UNO_VENV)/.installed ## Create .venv-uno (Debian's Python with uno, plus appy)

STORAGE ?= filestorage
start: venv venv-uno ## Serve the demo commune on http://localhost:8080/valmont (STORAGE=relstorage: PostgreSQL)
	COMMUNESPLONE_STORAGE=$(STORAGE) $(VENV)/bin/communesplone start

test: venv venv-uno ## Run the whole test suite
	$(VENV)/bin/pytest $(PYTEST_ARGS)

versions.cfg: constraints.txt scripts/make_versions_cfg.py
	$(PYTHON) scripts/make_versions_cfg.py

versions: versions.cfg ## Regenerate versions.cfg from constraints.txt

buildout: ## The administrator's install: bin/instance through zc.buildout (needs COMMUNESPLONE_ADMIN_PASSWORD)
	bash scripts/buildout.sh

CHECK_PORT ?= 8181
buildout-check: buildout ## Boot the buildout instance on $(CHECK_PORT) and check that Zope answers
	bash scripts/buildout-check.sh $(CHECK_PORT)

docs: ## Copy the screenshots and API examples the tests left in var/ into docs/; performance.md
	@mkdir -p docs/screenshots
	@ls var/screenshots/*.png >/dev/null 2>&1 || { echo "Aucune capture dans var/screenshots : lancez make test."; exit 1; }
	cp var/screenshots/*.png docs/screenshots/
	$(VENV)/bin/python scripts/performance_md.py
	$(VENV)/bin/python scripts/api_examples.py

# Without LOAD_URL: throwaway demo communes, FileStorage then RelStorage (PostgreSQL).
# LOAD_URL=http://127.0.0.1:8080/valmont: an instance already running (space-separated
# URLs for several processes), its result written as var/load/$(LOAD_LABEL).json.
LOAD_URL ?=
LOAD_LABEL ?= filestorage
LOAD_STORAGES ?= filestorage relstorage
LOAD_USERS ?= 20
LOAD_SECONDS ?= 60
load: venv ## Load test (20 users, 60 s) of throwaway instances, FileStorage and RelStorage (LOAD_URL: a running one)
ifeq ($(strip $(LOAD_URL)),)
	$(VENV)/bin/python bench/run_load.py $(foreach storage,$(LOAD_STORAGES),--storage $(storage)) \
		--users $(LOAD_USERS) --seconds $(LOAD_SECONDS) --note "$(LOAD_NOTE)"
else
	$(VENV)/bin/python bench/load.py $(foreach url,$(LOAD_URL),--url $(url)) --label $(LOAD_LABEL) \
		--users $(LOAD_USERS) --seconds $(LOAD_SECONDS) --note "$(LOAD_NOTE)"
endif

# The product against plain Plone in the same Zope and run (bench/run_bench.py), written
# to var/bench/latest.json. SCALE=L: the big commune, cached in var/bench/cache-L.
# BENCH_SITES: the site counts at which memory is read ('' skips benchmark 7).
SCALE ?= S
BENCH_SITES ?= 1,10,30
BENCH_ARGS ?=
bench: venv venv-uno ## Benchmarks against plain Plone on a generated commune (SCALE=S, or L)
	$(VENV)/bin/python bench/run_bench.py --scale $(SCALE) --sites "$(BENCH_SITES)" $(BENCH_ARGS)

lint: venv ## ruff (lint and format) and zpretty (ZCML and GenericSetup XML)
	$(VENV)/bin/ruff check src tests scripts
	$(VENV)/bin/ruff format --check src tests scripts
	find src -name '*.zcml' -o -name '*.xml' | grep -v /locales/ | xargs $(VENV)/bin/zpretty --check
# Page templates are left out of zpretty: it turns accented letters into HTML entities,
# which changes the message ids of the French text.

clean: ## Remove the virtualenvs (the database in var/ stays)
	rm -rf $(VENV) $(UNO_VENV) .venv-buildout

.PHONY: help venv venv-uno start test versions buildout buildout-check docs lint clean i18n load bench

i18n: venv ## Update the communesplone catalogs from the sources (lists missing English)
	$(VENV)/bin/python scripts/i18n.py
