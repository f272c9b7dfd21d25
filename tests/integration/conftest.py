"""The two-target harness: every scenario runs against the simulator, or against a real
Odoo when ODOO_URL, ODOO_DATABASE, ODOO_USERNAME and ODOO_PASSWORD are set."""

import os

import pytest

from harness import OdooTarget, real_target_configured, simulator_target

PROFILES = os.environ.get("ODOO_SIM_PROFILES", "14.0,18.0").split(",")


def pytest_generate_tests(metafunc):
    if "odoo_target" in metafunc.fixturenames:
        names = ["real"] if real_target_configured() else ["sim-%s" % p for p in PROFILES]
        metafunc.parametrize("odoo_target", names, indirect=True, scope="session")


@pytest.fixture(scope="session")
def odoo_target(request):
    if request.param == "real":
        yield OdooTarget.from_environment()
        return
    with simulator_target(request.param[len("sim-"):]) as target:
        yield target
