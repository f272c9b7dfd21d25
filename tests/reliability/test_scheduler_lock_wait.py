"""Writes, deletes and runs of a cron the scheduler is running wait for it, up to lock_timeout.

The simulator's cron_locked fault with "seconds" holds the row lock of the given crons that long, as
Odoo's cron worker does while their job runs (ir_cron._process_job); Odoo then refuses writes,
deletes and (17.0+) method_direct_trigger of them (see plugins/module_utils/scheduler_lock.py).
"""

import time

import pytest

from module_runner import run_module

from reliability_support import connection

NAME = "odoo_ops lock wait"


def make_cron(sim, **extra):
    args = dict(connection(sim), name=NAME, model="res.partner", code="model.search_count([])",
                interval="1 day", active=True)
    args.update(extra)
    result = run_module("odoo_cron", args)
    assert not result.get("failed"), result
    return result["crons"][0]["id"]


def row(sim, rid):
    rows = sim.records("ir.cron", [("id", "=", rid)], fields=["priority", "active"])
    return rows[0] if rows else None


@pytest.mark.parametrize("profile", ["14.0", "18.0"])
def test_a_write_waits_for_the_running_job_then_succeeds(simulators, profile, request):
    sim = fresh(simulators, profile)
    rid = make_cron(sim)
    sim.set_faults(cron_locked={"seconds": 2, "ids": [rid]})
    began = time.monotonic()
    result = run_module("odoo_cron", dict(connection(sim), name=NAME, priority=3, lock_timeout=30))
    took = time.monotonic() - began
    assert not result.get("failed"), result
    assert result["changed"] and row(sim, rid)["priority"] == 3
    # lock_waited is rounded to a tenth of a second for people: it may pass the measured time by 0.05.
    assert 1.0 <= result["lock_waited"] <= took + 0.05
    assert took >= 1.5


def test_another_cron_is_not_held_up(odoo):
    rid = make_cron(odoo)
    odoo.set_faults(cron_locked={"seconds": 30, "ids": [rid + 1000]})
    result = run_module("odoo_cron", dict(connection(odoo), name=NAME, priority=4, lock_timeout=30))
    assert result["lock_waited"] == 0 and row(odoo, rid)["priority"] == 4


def test_past_the_timeout_one_line_names_the_cron_and_the_timeout_and_nothing_is_written(odoo):
    rid = make_cron(odoo)
    odoo.set_faults(cron_locked=True)
    result = run_module("odoo_cron", dict(connection(odoo), name=NAME, priority=2, lock_timeout=1))
    assert result.get("failed")
    assert "write of cron %r (id %d)" % (NAME, rid) in result["msg"]
    assert "lock_timeout (1 s)" in result["msg"] and "\n" not in result["msg"]
    assert row(odoo, rid)["priority"] != 2


def test_a_delete_waits_too(odoo):
    rid = make_cron(odoo)
    odoo.set_faults(cron_locked={"seconds": 1.5, "ids": [rid]})
    result = run_module("odoo_cron", dict(connection(odoo), name=NAME, state="absent", lock_timeout=30))
    assert not result.get("failed"), result
    assert result["lock_waited"] >= 0.5 and row(odoo, rid) is None


def test_check_mode_never_waits(odoo):
    make_cron(odoo)
    odoo.set_faults(cron_locked=True)
    began = time.monotonic()
    result = run_module("odoo_cron", dict(connection(odoo), name=NAME, priority=1, lock_timeout=30), check_mode=True)
    assert result["changed"] and result["lock_waited"] == 0
    assert time.monotonic() - began < 5


def test_zero_fails_at_once_and_a_negative_timeout_is_refused_before_any_request(odoo):
    make_cron(odoo)
    odoo.set_faults(cron_locked=True)
    result = run_module("odoo_cron", dict(connection(odoo), name=NAME, priority=1, lock_timeout=0))
    assert result.get("failed") and "lock_timeout (0 s)" in result["msg"]
    odoo.reset_counters()
    result = run_module("odoo_cron", dict(connection(odoo), name=NAME, priority=1, lock_timeout=-1))
    assert result.get("failed") and result["msg"].startswith("lock_timeout must be 0 or a positive number")
    assert odoo.counters()["total"] == 0


def test_the_whatsapp_crons_wait_too(odoo):
    assert not run_module("odoo_module", dict(connection(odoo), name="whatsapp_integration")).get("failed")
    created = run_module("odoo_whatsapp_sync", connection(odoo))
    hourly = created["crons"][0]["id"]
    odoo.set_faults(cron_locked={"seconds": 1.5, "ids": [hourly]})
    result = run_module("odoo_whatsapp_sync", dict(connection(odoo), hourly=False, lock_timeout=30))
    assert not result.get("failed"), result
    assert result["lock_waited"] >= 0.5 and not row(odoo, hourly)["active"]


def fresh(simulators, profile):
    from shared_simulators import shared_simulator
    shared_simulator(simulators, profile)
    sim = simulators[profile]
    sim.reset()
    sim.clear_faults()
    return sim


@pytest.mark.parametrize("profile", ["18.0"])
def test_a_run_now_waits_for_the_scheduler_then_runs_and_check_mode_does_not(simulators, profile):
    sim = fresh(simulators, profile)
    rid = make_cron(sim)
    sim.set_faults(cron_locked={"seconds": 1.5, "ids": [rid]})
    checked = run_module("odoo_cron_run", dict(connection(sim), name=NAME, lock_timeout=30), check_mode=True)
    assert checked["changed"] and not checked["crons"][0]["ran"] and checked["lock_waited"] == 0
    result = run_module("odoo_cron_run", dict(connection(sim), name=NAME, lock_timeout=30))
    assert not result.get("failed"), result
    assert result["lock_waited"] >= 0.5 and result["crons"][0]["ran"] and result["crons"][0]["lastcall"]
    sim.set_faults(cron_locked=True)
    result = run_module("odoo_cron_run", dict(connection(sim), name=NAME, lock_timeout=1))
    assert result.get("failed") and "run of cron %r (id %d)" % (NAME, rid) in result["msg"]
