"""Fleets: the inventory plugin (through `ansible-inventory`), the simulator's databases, the fleet play and the drift
job, on every profile the simulator knows among 14.0, 18.0 and 19.0 (ODOO_SIM_PROFILES narrows them); the
execution environment and the CI examples."""

from fleet_support import PROFILES


def pytest_generate_tests(metafunc):
    if "profile" in metafunc.fixturenames:
        metafunc.parametrize("profile", PROFILES, scope="module")
