"""A job that raises fails odoo_cron_run with the job's own message in one line; the traceback only on demand.
A method the model does not have is named with the option to fix, on every profile; what a failed run leaves."""

import pytest

from module_runner import run_module

from playbooks import run_playbook
from reliability_support import connection
from simulator.profiles import PROFILES

PLAY = """- hosts: localhost
  connection: local
  gather_facts: false
  module_defaults:
    group/odoo_ops.odoo.odoo: {url: "%s", database: odoo, username: admin, password: admin}
  tasks:
    - odoo_ops.odoo.odoo_cron:
        name: Exploding job
        model: res.partner
        code: "raise UserError('the export server is down')"
        interval: 1 day
        active: false
    - odoo_ops.odoo.odoo_cron_run:
        name: Exploding job
"""


def test_the_jobs_message_in_one_line_and_the_servers_traceback_only_when_asked(odoo):
    code, out, _err = run_playbook(PLAY % odoo.url)
    assert code != 0
    assert "cron 'Exploding job' (id " in out and ") failed: the export server is down" in out
    assert "odoo.exceptions.UserError" not in out
    code, out, _err = run_playbook(PLAY % odoo.url, ANSIBLE_DISPLAY_TRACEBACK="error")
    assert code != 0 and "odoo.exceptions.UserError: the export server is down" in out


# -- a method the model does not have (issue 19) ------------------------------------------------------------------
EVERY_PROFILE = [pytest.param(version, marks=pytest.mark.profile(version), id=version) for version in sorted(PROFILES)]
TYPO = {"name": "Ops: typo", "model": "res.partner", "method": "serch_count", "args": [[]], "interval": "1 day",
        "active": True}


def _row(sim):
    return sim.records("ir.cron", [("cron_name", "=", TYPO["name"])])[0]


@pytest.mark.parametrize("profile", EVERY_PROFILE)
def test_a_misspelt_method_is_stored_then_the_run_says_which_option_to_fix(odoo, profile):
    declared = run_module("odoo_cron", dict(connection(odoo), **TYPO))
    assert not declared.get("failed") and declared["changed"], declared   # nothing can check it before a run
    before = _row(odoo)
    result = run_module("odoo_cron_run", dict(connection(odoo), name=TYPO["name"]))
    assert result.get("failed"), result
    assert result["msg"] == (
        "cron 'Ops: typo' (id %d) failed: the model res.partner has no method serch_count (AttributeError); check the "
        "method option of its odoo_cron declaration (names are case-sensitive), and that the addon defining the "
        "method is installed" % before["id"])
    after = _row(odoo)
    if odoo.profile.cron_trigger_process_job:
        # 19.0: the run went through _process_job (measured on a real 19.0): the failure is counted and the
        # cron moves on as after a scheduled run
        assert after["failure_count"] == (before.get("failure_count") or 0) + 1 and after["active"]
        assert after["lastcall"] and after["nextcall"] > after["lastcall"]
        return
    # 14.0 to 18.0: the request is rolled back, the failed manual run leaves no trace in the cron.
    assert {k: after.get(k) for k in ("lastcall", "nextcall", "failure_count", "active")} == {
        k: before.get(k) for k in ("lastcall", "nextcall", "failure_count", "active")}


@pytest.mark.parametrize("profile", EVERY_PROFILE)
def test_a_failed_scheduled_run_shows_in_health_from_18_only(odoo, profile):
    assert not run_module("odoo_cron", dict(connection(odoo), nextcall="2020-01-01 00:00:00", **TYPO)).get("failed")
    report = odoo.run_due_crons(ids=[_row(odoo)["id"]])[0]
    assert "serch_count" in report["errors"][0]
    row = _row(odoo)
    assert row["lastcall"] and row["nextcall"] > "2020-01-01 00:00:00"   # moved on as after a success
    info = run_module("odoo_cron_info", dict(connection(odoo), name=TYPO["name"], health=True))
    health = info["crons"][0]["health"]
    if odoo.profile.cron_numbercall:     # 14.0 to 17.0: _callback rolls the job back, nothing records the failure
        assert "failure_count" not in row and health["status"] == "ok", health
    else:                                # 18.0+: _update_failure_count
        assert row["failure_count"] == 1 and health["status"] == "failing", health
