"""Fleets: the inventory plugin (through `ansible-inventory`), the simulator's databases, the fleet play and the drift
job, on every profile the simulator knows among 14.0, 18.0 and 19.0 (ODOO_SIM_PROFILES narrows them); the
execution environment and the CI examples."""

from fleet_support import PROFILES


def pytest_configure(config):
    config.addinivalue_line("markers", "any_profile: the behaviour tested does not depend on Odoo's version (a server "
                                       "that is down has none): it runs on the first profile only")


def pytest_generate_tests(metafunc):
    if "profile" in metafunc.fixturenames:
        one = metafunc.definition.get_closest_marker("any_profile") is not None
        metafunc.parametrize("profile", PROFILES[:1] if one else PROFILES, scope="module")
