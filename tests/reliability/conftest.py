"""One simulator per profile for the whole session (tests/conftest.py ``simulators``), reset before each test."""

import pytest

from shared_simulators import shared_simulator


@pytest.fixture
def odoo(simulators, request):
    """The simulator of the requested profile (``@pytest.mark.profile("18.0")``, default 14.0), fresh."""
    marker = request.node.get_closest_marker("profile")
    version = marker.args[0] if marker else "14.0"
    sim = shared_simulator(simulators, version)
    sim.reset()
    sim.clear_faults()
    sim.reset_counters()
    return sim


def pytest_configure(config):
    config.addinivalue_line("markers", "profile(version): the simulator profile a test runs against")


def pytest_terminal_summary(terminalreporter):
    """The counts issue 6 asks for, printed at the end of every run that includes this suite."""
    from test_bad_input import CASES
    from test_faults import FAULTS, MID_RUN
    passed = [r for r in terminalreporter.stats.get("passed", []) if "/reliability/" in r.nodeid]
    bad = sum(1 for r in passed if "test_bad_input" in r.nodeid and "[" in r.nodeid)
    faults = sum(1 for r in passed if "test_faults" in r.nodeid and "[" in r.nodeid)
    if bad or faults:
        terminalreporter.write_line("reliability: %d bad-input cases declared (%d passed runs), %d fault scenarios "
                                    "declared (%d passed)" % (len(CASES), bad, len(FAULTS) + len(MID_RUN), faults))
