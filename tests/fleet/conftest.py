"""Fleets: the inventory plugin (through `ansible-inventory`), the simulator's databases, the fleet play and the drift
job, on every profile the simulator knows among 14.0, 18.0 and 19.0 (ODOO_SIM_PROFILES narrows them); the
execution environment and the CI examples."""

import os

from simulator import PROFILES as SIMULATED

WANTED = ("14.0", "18.0", "19.0")
PROFILES = [name for name in WANTED if name in SIMULATED
            and name in os.environ.get("ODOO_SIM_PROFILES", ",".join(WANTED)).split(",")]


def pytest_generate_tests(metafunc):
    if "profile" in metafunc.fixturenames:
        metafunc.parametrize("profile", PROFILES, scope="module")
