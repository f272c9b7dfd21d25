# Two commands do everything on a fresh machine: `make demo` and `make test` (see README.md).
SHELL := /bin/bash
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
# ansible-test wants the collection at .../ansible_collections/odoo_ops/odoo and no symlinks: it runs on a copy
# (tests/utils/ansible_test_tree.py) with the venv's Python version.
PY_VERSION = $(shell $(BIN)/python -c 'import sys; print("%d.%d" % sys.version_info[:2])')
ANSIBLE_TEST = cd $(1)/ansible_collections/odoo_ops/odoo && \
	ANSIBLE_TEST_CONTENT_ROOT=$$PWD $(CURDIR)/$(BIN)/ansible-test
SANITY_ARGS ?=
VERSION = $(shell sed -n 's/^version: *//p' galaxy.yml)
TARBALL = build/odoo_ops-odoo-$(VERSION).tar.gz
# What `make test` runs, in this order; each part's time is printed, and a failed part fails the run.
TEST_PARTS := units sanity lint packaging docs suites

.PHONY: help venv collection test units sanity lint build packaging docs suites changelog contract integration \
	reliability demo bench test-real clean

help:
	@echo "make demo   - simulator + the WhatsApp playbook twice + cron status"
	@echo "make test   - every test (what CI runs): $(TEST_PARTS), each timed"
	@echo "make units / sanity / lint / packaging / docs / suites - one part of it"
	@echo "make build  - build/odoo_ops-odoo-<version>.tar.gz, and list it"
	@echo "make changelog - lint the fragments and regenerate CHANGELOG.md (release: antsibull-changelog release)"
	@echo "make bench  - request counts and timings"
	@echo "make test-real - the integration scenarios against ODOO_URL/ODOO_DATABASE/ODOO_USERNAME/ODOO_PASSWORD"

$(BIN)/.installed: requirements.txt requirements-dev.txt
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || { echo "Python >= 3.11 is needed (PYTHON=$(PYTHON))"; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements.txt -r requirements-dev.txt
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

packaging: venv collection
	$(PYTEST) tests/packaging -q

docs: venv collection
	$(PYTEST) tests/docs -q

suites: venv collection
	$(PYTEST) tests/contract tests/integration tests/reliability tests/fleet -q

changelog: venv
	$(BIN)/antsibull-changelog lint
	$(BIN)/antsibull-changelog generate

contract: venv collection
	$(PYTEST) tests/contract -q

integration: venv collection
	$(PYTEST) tests/integration -q

reliability: venv collection
	$(PYTEST) tests/reliability -q

test: venv collection
	@failed=""; summary=""; passed=0; began=$$(date +%s); \
	for part in $(TEST_PARTS); do \
		echo "===== make $$part"; start=$$(date +%s); \
		if $(MAKE) --no-print-directory $$part; then status=ok; passed=$$((passed + 1)); \
		else status=FAILED; failed="$$failed $$part"; fi; \
		took=$$(( $$(date +%s) - start )); echo "===== make $$part: $$status in $${took}s"; \
		summary="$$summary$$(printf '  %-10s %5ss  %s' $$part $$took $$status)"$$'\n'; \
	done; \
	echo "===== make test: time per part"; printf '%s' "$$summary"; \
	echo "  total      $$(( $$(date +%s) - began ))s"; \
	echo "parts: $$passed passed, $$(echo $$failed | wc -w) failed"; \
	if [ -n "$$failed" ]; then echo "make test FAILED:$$failed"; exit 1; fi

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
