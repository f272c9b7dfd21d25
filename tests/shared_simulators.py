"""The suites' shared simulators: one per profile for a pytest session (tests/conftest.py ``simulators``)."""

import os

import yaml

from simulator import Simulator

HERE = os.path.dirname(os.path.abspath(__file__))


def demo_apply_user():
    """The apply user the shipped demo inventory (tests/demo_inventory.yml) logs in as, as
    playbooks/automation_users.yml makes it (README, Security): the suites run the shipped playbooks as it."""
    with open(os.path.join(HERE, "demo_inventory.yml")) as handle:
        host = yaml.safe_load(handle)["all"]["children"]["odoo_databases"]["hosts"]["demo"]
    return {"login": host["odoo_username"], "password": host["odoo_password"], "name": "Ansible (apply)",
            "groups": ["base.group_user", "base.group_system"]}


def shared_simulator(simulators, version):
    """The session's simulator of ``version``, started on first use, the demo's apply user seeded after each reset."""
    if version not in simulators:
        simulators[version] = Simulator(version=version, extra_users=[demo_apply_user()]).start()
    return simulators[version]
