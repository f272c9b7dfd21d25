"""Crons Odoo kills (18.0+): through odoo_cron_info against the simulator's scheduler, a cron whose worker the time
limit killed three times in a row is failing, naming the limit; after Odoo counted the failure, the failure says how
many runs were killed; the health read costs one request more on 18.0 (ir.cron.progress, for all crons) and none
before, where the reason says what cannot be seen."""

import datetime

import pytest

from module_runner import run_module
from reliability_support import connection

NAME = "Import that takes too long"


def _ago(**delta):
    return (datetime.datetime.utcnow() - datetime.timedelta(**delta)).strftime("%Y-%m-%d %H:%M:%S")


def _create(sim, nextcall):
    result = run_module("odoo_cron", dict(connection(sim), name=NAME, model="res.partner",
                                          code="model.search_count([])", interval="1 hour", active=True,
                                          nextcall=nextcall))
    assert not result.get("failed"), result
    return [row["id"] for row in sim.records("ir.cron", fields=["cron_name"]) if row["cron_name"] == NAME]


def _health(sim):
    sim.reset_counters()
    result = run_module("odoo_cron_info", dict(connection(sim), names=[NAME], health=True))
    assert not result.get("failed"), result
    return result["crons"][0]["health"], sim.counters()["by_call"]


@pytest.mark.profile("18.0")
def test_killed_three_times_is_failing_then_odoo_counts_a_failure(odoo):
    ids = _create(odoo, _ago(hours=3))
    odoo.set_time_limit({"limit_time_real_cron": 5, "cron_durations": {NAME: 30}})
    for minutes in (150, 120, 90):
        assert odoo.run_due_crons(now=_ago(minutes=minutes), ids=ids)[0]["killed"]
    health, by_call = _health(odoo)
    assert health["status"] == "failing" and health["timeouts"] == {"in_a_row": 3, "last_7_days": 3}
    assert any(reason.startswith("its last 3 run(s) were killed by Odoo's time limit for crons "
                                 "(limit_time_real_cron, or limit_time_real when it is -1)")
               for reason in health["reasons"]), health
    # still due (a killed run does not move nextcall), and on 18.0 the reason does not claim to be blind
    assert "keeps no record of killed runs" not in health["reasons"][0]
    assert by_call.get("ir.cron.progress.search_read") == 1, by_call
    # the next attempt: Odoo does not run it, counts a failure and sets the counter back to 0 (_process_job)
    report = odoo.run_due_crons(now=_ago(minutes=60), ids=ids)[0]
    assert report["timed_out"] and report["runs"] == 0
    health, _by_call = _health(odoo)
    # as on a real 18.0: rows 1, 2 and the third back at 0, failure_count 1; that third run was killed too
    assert health["status"] == "failing" and health["timeouts"] == {"in_a_row": 3, "last_7_days": 3}
    assert any(reason.startswith("its last 3 run(s) were killed") for reason in health["reasons"]), health
    assert any("failed 1 time(s) in a row since" in reason and
               "(3 run(s) killed by the time limit in the last 7 days)" in reason for reason in health["reasons"]), health
    # a run that ends sets everything back: ok
    odoo.set_time_limit({"cron_durations": {}})
    cron = odoo.records("ir.cron", [("id", "in", ids)], fields=["nextcall"])[0]
    assert odoo.run_due_crons(now=cron["nextcall"], ids=ids)[0]["errors"] == []
    health, _by_call = _health(odoo)
    assert health == {"status": "ok", "reasons": [], "timeouts": {"in_a_row": 0, "last_7_days": 2}}


@pytest.mark.profile("18.0")
def test_a_run_in_progress_is_not_counted_as_killed(odoo):
    ids = _create(odoo, _ago(minutes=30))
    odoo.set_time_limit({"limit_time_real_cron": 5, "cron_durations": {NAME: 30}})
    odoo.run_due_crons(now=_ago(minutes=2), ids=ids)      # its row is 2 minutes old: it may still be running
    health, _by_call = _health(odoo)
    assert health == {"status": "ok", "reasons": [], "timeouts": {"in_a_row": 0, "last_7_days": 0}}


def test_before_18_nothing_is_read_and_the_reason_says_what_cannot_be_seen(odoo):
    _create(odoo, _ago(hours=3))
    health, by_call = _health(odoo)
    assert not any(call.startswith("ir.cron.progress") for call in by_call), by_call
    assert health["status"] == "overdue" and "timeouts" not in health
    assert "this Odoo (before 18.0) keeps no record of killed runs" in health["reasons"][0]
