"""One simulator per profile for the whole session (monitoring_support.fleet_of resets them)."""

import pytest


@pytest.fixture(scope="session")
def simulators():
    started = {}
    yield started
    for sim in started.values():
        sim.stop()
