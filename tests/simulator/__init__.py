"""Odoo external-API simulator for the odoo_ops.odoo collection tests.

    from simulator import Simulator
    with Simulator(version="14.0") as sim:
        sim.url, sim.port, sim.api_key("admin"), sim.records("ir.cron")

Command line: ``python3 tests/simulator --odoo-version 14.0 --port 8069``.
"""

from .profiles import PROFILES, get_profile
from .server import Simulator, main

__all__ = ["Simulator", "main", "PROFILES", "get_profile"]
