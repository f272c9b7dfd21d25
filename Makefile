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
PYTEST := $(BIN)/python -m pytest -p no:cacheprovider

.PHONY: help venv collection test units contract integration demo bench test-real clean

help:
	@echo "make demo   - simulator + the WhatsApp playbook twice + cron status"
	@echo "make test   - every test (what CI runs)"
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

units: venv collection
	$(PYTEST) tests/unit -q

contract: venv collection
	$(PYTEST) tests/contract -q

integration: venv collection
	$(PYTEST) tests/integration -q

test: venv collection
	$(PYTEST) tests/unit tests/contract tests/integration -q

test-real: venv collection
	@test -n "$$ODOO_URL" || { echo "set ODOO_URL, ODOO_DATABASE, ODOO_USERNAME and ODOO_PASSWORD"; exit 1; }
	$(PYTEST) tests/contract tests/integration -q

demo: venv collection
	$(BIN)/python tests/demo.py

bench: venv collection
	$(BIN)/python tests/bench/bench.py

clean:
	rm -rf build .pytest_cache
