# Two commands do everything on a fresh machine: `make demo` and `make test` (see README.md).
SHELL := /bin/bash
COMMA := ,
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
COLLECTIONS := build/collections
COLLECTION_LINK := $(COLLECTIONS)/ansible_collections/odoo_ops/odoo
export ANSIBLE_COLLECTIONS_PATH := $(CURDIR)/$(COLLECTIONS)
export ANSIBLE_COLLECTIONS_SCAN_SYS_PATH := false
export ANSIBLE_NOCOLOR := 1
export ANSIBLE_FORCE_COLOR := 0
export PYTHONDONTWRITEBYTECODE := 1
# ansible-doc, ansible-galaxy, ... from the venv, for the tools that call them by name (antsibull-changelog, ansible-lint).
export PATH := $(CURDIR)/$(BIN):$(PATH)
PYTEST := $(BIN)/python -m pytest -p no:cacheprovider
# Every suite prints its ten slowest tests, so that the next slowdown is seen when it lands.
SLOWEST := --durations=10
# ansible-test wants the collection at .../ansible_collections/odoo_ops/odoo and no symlinks: it runs on a copy
# (tests/utils/ansible_test_tree.py) with the venv's Python version.
PY_VERSION = $(shell $(BIN)/python -c 'import sys; print("%d.%d" % sys.version_info[:2])')
ANSIBLE_TEST = cd $(1)/ansible_collections/odoo_ops/odoo && \
	ANSIBLE_TEST_CONTENT_ROOT=$$PWD $(CURDIR)/$(BIN)/ansible-test
SANITY_ARGS ?=
VERSION = $(shell sed -n 's/^version: *//p' galaxy.yml)
TARBALL = build/odoo_ops-odoo-$(VERSION).tar.gz
# What `make test` runs: every part, TEST_JOBS at once (tests/utils/run_parts.py: the longest first, each part's
# output printed whole when it ends, each part's time at the end); a failed part fails the run.
TEST_PARTS := units sanity lint docs-lint packaging docs docs-site integration contract reliability fleet monitoring floor
TEST_JOBS ?= 2
# The suites: `make suites` runs them all in one pytest; `make test` runs them as separate parts, side by side.
SUITES := tests/contract tests/integration tests/reliability tests/fleet tests/monitoring
# galaxy-importer, in a venv of its own (its pins are not the dev venv's): `make packaging` runs it on the tarball.
IMPORTER_VENV := build/importer-venv
# `make matrix`: the integration scenarios on the oldest ansible-core meta/runtime.yml's requires_ansible names
# (its latest patch release) and on the newest ansible-core release, each in its own venv with a controller
# Python that release supports (tests/utils/find_python.py looks for pythonX.Y on PATH, then in pyenv).
FLOOR_CORE = $(shell sed -n 's/^requires_ansible: *">=\([0-9]*\.[0-9]*\).*/\1/p' meta/runtime.yml)
FLOOR_VENV := build/matrix-floor
NEWEST_VENV := build/matrix-newest
# Controller Pythons: ansible-core 2.15 runs on 3.9-3.11; the newest release (2.21 today) needs 3.12 or later.
FLOOR_PYTHONS := 3.9 3.11
NEWEST_PYTHONS := 3.12 3.14
MATRIX_TOOLS := "pytest>=7" "PyYAML>=6"
# `make test` runs the floor on one simulator profile (the Ansible side does not depend on it); `make matrix`
# runs floor and newest on two.
FLOOR_PROFILES ?= 14.0

.PHONY: help venv collection test units sanity lint build packaging docs suites changelog contract integration \
	reliability fleet monitoring tools ansible-test-integration demo bench test-real clean docs-lint docs-site floor newest matrix

help:
	@echo "make demo   - simulator + the two users + the WhatsApp playbook twice (apply user) + cron status (read-only user)"
	@echo "make test   - every test (what CI runs): $(TEST_PARTS), each timed"
	@echo "make units / sanity / lint / docs-lint / packaging / docs / docs-site / integration / contract /"
	@echo "     reliability / fleet / monitoring / floor - one part of it (make suites: the four suites in one pytest)"
	@echo "make build  - build/odoo_ops-odoo-<version>.tar.gz, and list it"
	@echo "make matrix - the integration scenarios on the oldest ansible-core supported and on the newest release"
	@echo "make docs-site - the HTML documentation (antsibull-docs, Sphinx) in build/docs-site/build/html"
	@echo "make changelog - lint the fragments and regenerate CHANGELOG.md (release: antsibull-changelog release)"
	@echo "make bench  - request counts and timings"
	@echo "make test-real - the integration scenarios against ODOO_URL/ODOO_DATABASE/ODOO_USERNAME/ODOO_PASSWORD"

$(BIN)/.installed: requirements.txt requirements-dev.txt
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || { echo "Python >= 3.11 is needed (PYTHON=$(PYTHON))"; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check --no-compile -r requirements.txt -r requirements-dev.txt
	@# pip compiles on one core; compileall -j 0 on all of them (about 5 s less before any test starts)
	$(BIN)/python -m compileall -q -j 0 $(VENV)/lib > /dev/null
	touch $@

venv: $(BIN)/.installed

# Ansible finds the collection through build/collections/ansible_collections/odoo_ops/odoo -> repo root.
collection: $(COLLECTION_LINK)
$(COLLECTION_LINK):
	mkdir -p $(dir $@)
	ln -sfn ../../../.. $@

# The unit tests twice: plain pytest, and ansible-test units (module_utils tests with only module_utils on the path).
units: venv collection
	$(PYTEST) tests/unit -q
	$(BIN)/python tests/utils/ansible_test_tree.py build/units
	$(call ANSIBLE_TEST,build/units) units --local --python $(PY_VERSION) --color no

# One integration target the Ansible community's way (`ansible-test integration`), against what
# tests/integration/integration_config.yml names (copy integration_config.yml.template): make ansible-test-integration
# TARGET=odoo_cron. ansible-test runs it from a copy of the collection, like sanity.
TARGET ?= odoo_cron
ansible-test-integration: venv
	@test -f tests/integration/integration_config.yml || { \
		echo "copy tests/integration/integration_config.yml.template to tests/integration/integration_config.yml"; exit 1; }
	$(BIN)/python tests/utils/ansible_test_tree.py build/integration
	cp tests/integration/integration_config.yml build/integration/ansible_collections/odoo_ops/odoo/tests/integration/
	$(call ANSIBLE_TEST,build/integration) integration $(TARGET) --local --python $(PY_VERSION) --color no

# Every sanity test of the installed ansible-test on the whole collection, tests/ included; no ignore files.
sanity: venv
	$(BIN)/python tests/utils/ansible_test_tree.py build/sanity
	$(call ANSIBLE_TEST,build/sanity) sanity --local --python $(PY_VERSION) --color no $(SANITY_ARGS)

lint: venv collection
	$(BIN)/yamllint --strict .
	$(BIN)/ansible-lint --nocolor --profile production roles/ playbooks/

build: venv
	mkdir -p build
	rm -f $(TARBALL)
	$(BIN)/ansible-galaxy collection build --force --output-path build .
	tar -tzvf $(TARBALL)

$(IMPORTER_VENV)/.installed: tests/packaging/importer-requirements.txt
	rm -rf $(IMPORTER_VENV)
	$(PYTHON) -m venv $(IMPORTER_VENV)
	$(IMPORTER_VENV)/bin/pip install --quiet --disable-pip-version-check -r tests/packaging/importer-requirements.txt
	touch $@

packaging: venv collection $(IMPORTER_VENV)/.installed
	GALAXY_IMPORTER_VENV=$(CURDIR)/$(IMPORTER_VENV) $(PYTEST) tests/packaging -q

# The plugins' and roles' documentation as the Ansible documentation site reads it (references, markup, schema).
docs-lint: venv collection
	$(BIN)/antsibull-docs lint-collection-docs --plugin-docs $(COLLECTION_LINK)

docs-site: venv collection
	$(BIN)/python tests/utils/docs_site.py build/docs-site

docs: venv collection
	$(PYTEST) tests/docs -q

suites: venv collection tools
	$(PYTEST) $(SUITES) -q $(SLOWEST)

changelog: venv
	$(BIN)/antsibull-changelog lint
	$(BIN)/antsibull-changelog generate

contract: venv collection
	$(PYTEST) tests/contract -q $(SLOWEST)

# Each target is one ansible-playbook over every simulated variant (tests/integration/conftest.py).
integration: venv collection
	$(PYTEST) tests/integration -q $(SLOWEST)

reliability: venv collection
	$(PYTEST) tests/reliability -q $(SLOWEST)

fleet: venv collection
	$(PYTEST) tests/fleet -q $(SLOWEST)

# promtool and node_exporter (Debian's prometheus, prometheus-node-exporter), installed where we are root with apt-get.
tools:
	bash tests/utils/install_test_tools.sh

monitoring: venv collection tools
	$(PYTEST) tests/monitoring -q $(SLOWEST)

test: venv collection
	@$(BIN)/python tests/utils/run_parts.py --jobs $(TEST_JOBS) $(TEST_PARTS)

# $(call MATRIX_VENV,venv,python range,ansible-core requirement,pip options): the venv with that ansible-core.
define MATRIX_VENV
	@python=$$($(PYTHON) tests/utils/find_python.py $(2)) || { \
		echo "no Python $(firstword $(2)) to $(lastword $(2)) found (pythonX.Y on PATH, or pyenv): $(1) needs one"; \
		exit 1; }; \
	if [ "$$($(1)/bin/python --version 2>&1)" != "$$($$python --version 2>&1)" ]; then \
		echo "$(1): a venv of $$python" && rm -rf $(1) && $$python -m venv $(1); fi
	$(1)/bin/pip install --quiet --disable-pip-version-check $(4) "$(3)" -r requirements.txt $(MATRIX_TOOLS)
endef
# $(call MATRIX_RUN,venv,profiles,tests): those tests with that venv's ansible-playbook.
MATRIX_RUN = @echo "== ansible-core $$($(1)/bin/python -c 'import ansible.release as r; print(r.__version__)')," \
	"controller Python $$($(1)/bin/python -c 'import platform; print(platform.python_version())')," \
	"simulator profiles $(2)" && \
	ODOO_SIM_PROFILES=$(2) ODOO_FLOOR_PROFILE=$(firstword $(subst $(COMMA), ,$(2))) \
	$(1)/bin/python -m pytest -p no:cacheprovider $(3) -q $(SLOWEST)
# What depends on ansible-core's version: the floor play (tests/floor) and the inventory plugin.
FLOOR_TESTS := tests/floor tests/fleet/test_odoo_databases.py

# The floor: the latest patch release of the oldest ansible-core supported.
floor: collection
	$(call MATRIX_VENV,$(FLOOR_VENV),$(FLOOR_PYTHONS),ansible-core~=$(FLOOR_CORE).0)
	$(call MATRIX_RUN,$(FLOOR_VENV),$(FLOOR_PROFILES),$(FLOOR_TESTS))

# The newest ansible-core release (upgraded on every run).
newest: collection
	$(call MATRIX_VENV,$(NEWEST_VENV),$(NEWEST_PYTHONS),ansible-core,--upgrade)
	$(call MATRIX_RUN,$(NEWEST_VENV),14.0$(COMMA)18.0,tests/integration $(FLOOR_TESTS))

matrix: collection
	@failed=""; for part in floor newest; do \
		if [ $$part = floor ]; then extra="FLOOR_PROFILES=14.0,18.0"; else extra=""; fi; \
		$(MAKE) --no-print-directory $$part $$extra || failed="$$failed $$part"; \
	done; \
	if [ -n "$$failed" ]; then echo "make matrix FAILED:$$failed"; exit 1; fi; echo "make matrix: floor and newest passed"

test-real: venv collection
	@test -n "$$ODOO_URL" || { echo "set ODOO_URL, ODOO_DATABASE, ODOO_USERNAME and ODOO_PASSWORD"; exit 1; }
	$(PYTEST) tests/contract tests/integration -q

demo: venv collection
	$(BIN)/python tests/demo.py

bench: venv collection
	$(BIN)/python tests/bench/bench.py
	$(BIN)/python tests/bench/fleet.py

clean:
	rm -rf build .pytest_cache tests/output
