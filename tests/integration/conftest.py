"""The fleet harness: every scenario runs against every simulated variant, or against a real Odoo when
ODOO_URL, ODOO_DATABASE, ODOO_USERNAME and ODOO_PASSWORD (and/or ODOO_API_KEY) are set.

Simulator profiles: ODOO_SIM_PROFILES, or the oldest the simulator knows plus every major Odoo supports
(harness.default_profiles). From 19.0 on each profile is two variants, with a password (web session routes) and
with an API key (JSON-2), since they take different transports; every target runs on every variant. A real
server runs every target once per secret given.

Each variant's simulator starts once per session and is reset before each use. A target runs as ONE
ansible-playbook over an inventory whose hosts are the variants (one fork each), the way users run the
collection over a fleet; each variant still has its own test, which fails with that host's transcript."""

import pytest

from harness import Fleet, TargetRuns, configured_variants


def pytest_generate_tests(metafunc):
    for argument, indirect in (("odoo_target", True), ("variant", False)):
        already = any(argument in marker.args[0] for marker in metafunc.definition.iter_markers("parametrize"))
        if argument in metafunc.fixturenames and not already:
            metafunc.parametrize(argument, configured_variants(), indirect=indirect)


@pytest.fixture(scope="session")
def fleet():
    fleet = Fleet(configured_variants())
    yield fleet
    fleet.close()


@pytest.fixture(scope="session")
def target_runs(fleet):
    return TargetRuns(fleet)


@pytest.fixture
def odoo_target(fleet, request):
    """One variant's target, freshly reset (the session's simulator of that variant)."""
    target = fleet.target(request.param)
    target.reset()
    return target
