"""Helpers of the reliability suites (imported by name; conftest.py holds only fixtures and hooks)."""

TRACKED_MODELS = ("ir.cron", "ir.model.data", "ir.actions.server")


def connection(sim, **overrides):
    args = {"url": sim.url, "database": "odoo", "username": "admin", "password": "admin", "timeout": 10}
    args.update(overrides)
    return args


def snapshot(sim):
    """Everything the collection could write, read straight from the simulator's state."""
    state = dict((model, sim.records(model, active_test=False)) for model in TRACKED_MODELS)
    # Module metadata (website, summary, ...) is refreshed by update_list, which is no change of
    # the database's behaviour; what must not change is which addons are installed, and at what version.
    state["ir.module.module"] = sim.records("ir.module.module", fields=["name", "state", "latest_version"])
    return state
