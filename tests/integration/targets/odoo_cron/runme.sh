#!/usr/bin/env bash
# `ansible-test integration odoo_cron`: this scenario in the play of ../setup_odoo/run_target.yml, with the
# connection of tests/integration/integration_config.yml (two directories up, where ansible-test keeps it).
set -euo pipefail
export ANSIBLE_ACTION_PLUGINS="${PWD}/../setup_odoo/action_plugins"
exec ansible-playbook ../setup_odoo/run_target.yml -i "${INVENTORY_PATH}" -e target=odoo_cron \
	-e @../../integration_config.yml "$@"
