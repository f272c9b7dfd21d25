"""The two-target harness: every scenario runs against the simulator, or against a real Odoo when
ODOO_URL, ODOO_DATABASE, ODOO_USERNAME and ODOO_PASSWORD (and/or ODOO_API_KEY) are set.

Simulator profiles: ODOO_SIM_PROFILES (default 14.0,18.0,19.0). On 19.0 and later each scenario runs
twice, with a password (web session routes) and with an API key (JSON-2), since they take different
transports. A real server runs once per secret given (ODOO_PASSWORD, ODOO_API_KEY)."""

import os

import pytest

from harness import OdooTarget, real_secret_kinds, real_target_configured, simulator_target

PROFILES = os.environ.get("ODOO_SIM_PROFILES", "14.0,18.0,19.0").split(",")
# The first version whose transport depends on the kind of secret (JSON-2 or web session).
TWO_SECRETS_SINCE = 19


def simulator_targets(profiles):
    names = []
    for profile in profiles:
        names.append("sim-%s" % profile)
        if float(profile) >= TWO_SECRETS_SINCE:
            names.append("sim-%s-apikey" % profile)
    return names


def pytest_generate_tests(metafunc):
    if "odoo_target" in metafunc.fixturenames:
        if real_target_configured():
            names = ["real-%s" % kind for kind in real_secret_kinds()]
        else:
            names = simulator_targets(PROFILES)
        metafunc.parametrize("odoo_target", names, indirect=True, scope="session")


@pytest.fixture(scope="session")
def odoo_target(request):
    if request.param.startswith("real-"):
        yield OdooTarget.from_environment(request.param[len("real-"):])
        return
    version, _sep, variant = request.param[len("sim-"):].partition("-")
    with simulator_target(version, "api_key" if variant == "apikey" else "password") as target:
        yield target
