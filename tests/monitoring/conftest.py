"""One simulator per profile for the whole session: the ``simulators`` fixture of tests/conftest.py
(monitoring_support.fleet_of resets them)."""
