"""odoo_module refuses to act while another module operation is pending, and reports Odoo's own
failure of an operation with Odoo's message; in production: a request cut by Odoo's time limit leaves
nothing pending, an interrupted operation is resumed, odoo-bin (method cli) upgrades past the limit,
and a module operation waits while a cron runs."""

import json
import os
import sys
import threading
import time

import pytest
from module_runner import run_module
from playbooks import run_playbook

from reliability_support import connection


def module_state(sim, name):
    return [m for m in sim.records("ir.module.module", fields=["name", "state"]) if m["name"] == name][0]["state"]


def call(sim, model, method, ids):
    """Plain JSON-RPC as admin, outside the collection."""
    import json
    import urllib.request
    uid_request = {"jsonrpc": "2.0", "method": "call", "id": 1,
                   "params": {"service": "common", "method": "login", "args": ["odoo", "admin", "admin"]}}
    opener = urllib.request.build_opener()

    def post(body):
        return json.load(opener.open(urllib.request.Request(
            sim.url + "/jsonrpc", json.dumps(body).encode(), {"Content-Type": "application/json"})))

    uid = post(uid_request)["result"]
    answer = post({"jsonrpc": "2.0", "method": "call", "id": 2, "params": {
        "service": "object", "method": "execute_kw", "args": ["odoo", uid, "admin", model, method, [ids], {}]}})
    assert "error" not in answer, answer
    return answer["result"]


def test_pending_operation_is_refused_with_the_pending_modules_named(odoo):
    mail = [m["id"] for m in odoo.records("ir.module.module", fields=["name"]) if m["name"] == "mail"]
    call(odoo, "ir.module.module", "button_upgrade", mail)  # scheduled, not run: 'to upgrade'
    result = run_module("odoo_module", dict(connection(odoo), name="whatsapp_integration"))
    assert result.get("failed")
    assert "pending" in result["msg"] and "mail (to upgrade)" in result["msg"]
    assert module_state(odoo, "whatsapp_integration") == "uninstalled"
    call(odoo, "ir.module.module", "button_upgrade_cancel", mail)
    assert not run_module("odoo_module", dict(connection(odoo), name="whatsapp_integration")).get("failed")
    assert module_state(odoo, "whatsapp_integration") == "installed"


def test_check_mode_predicts_without_acting(odoo):
    result = run_module("odoo_module", dict(connection(odoo), name="whatsapp_integration", state="latest"),
                        check_mode=True, diff=True)
    assert result["changed"] and result["operation"] == "install"
    assert result["diff"]["before"]["state"] == "uninstalled" and result["diff"]["after"]["state"] == "installed"
    assert module_state(odoo, "whatsapp_integration") == "uninstalled"


def test_absent_on_an_uninstalled_addon_changes_nothing(odoo):
    result = run_module("odoo_module", dict(connection(odoo), name="whatsapp_integration", state="absent"))
    assert result["changed"] is False and result["operation"] is None


# -- production: Odoo's request time limit, interrupted operations, odoo-bin, the scheduler's lock ----------

STAND_IN = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "odoo_bin_stand_in.py")
ADDON = "whatsapp_integration"


def pending(sim):
    return [(m["name"], m["state"]) for m in sim.records("ir.module.module", fields=["name", "state"])
            if m["state"].startswith("to ")]


def addon_row(sim):
    return [m for m in sim.records("ir.module.module", fields=["name", "state", "latest_version"])
            if m["name"] == ADDON][0]


def installed(sim):
    result = run_module("odoo_module", dict(connection(sim), name=ADDON))
    assert result["changed"] and not result.get("failed"), result


def stand_in(sim, *extra):
    return " ".join([sys.executable, STAND_IN, "--simulator", sim.url] + list(extra))


def addon_id(sim):
    return [m["id"] for m in sim.records("ir.module.module", fields=["name"]) if m["name"] == ADDON]


@pytest.mark.profile("18.0")
def test_an_upgrade_cut_by_the_time_limit_is_cancelled_and_named(odoo):
    installed(odoo)
    odoo.set_time_limit({"limit_time_real": 1, "durations": {ADDON: 3}})
    started = time.monotonic()
    result = run_module("odoo_module", dict(connection(odoo), name=ADDON, state="upgraded"))
    assert result.get("failed"), result
    assert 1 <= time.monotonic() - started < 10
    for words in ("upgrade of addon 'whatsapp_integration' was cut after 1.", "limit_time_real",
                  "method: cli", "whatsapp_integration (to upgrade)", "cancelled", "unchanged (installed"):
        assert words in result["msg"], result["msg"]
    assert pending(odoo) == [] and addon_row(odoo)["state"] == "installed"


def test_an_install_cut_by_the_time_limit_leaves_nothing_pending(odoo):
    odoo.set_time_limit({"limit_time_real": 1, "durations": {ADDON: 3}})
    result = run_module("odoo_module", dict(connection(odoo), name=ADDON))
    assert result.get("failed") and "limit_time_real" in result["msg"], result
    assert pending(odoo) == [] and addon_row(odoo)["state"] == "uninstalled"


def test_an_operation_past_operation_timeout_that_odoo_finished_succeeds_with_a_warning(odoo):
    installed(odoo)
    odoo.set_time_limit({"durations": {ADDON: 2}})      # no request limit: the server finishes
    result = run_module("odoo_module", dict(connection(odoo), name=ADDON, state="upgraded", operation_timeout=0.5))
    assert not result.get("failed"), result
    assert result["changed"] and result["after"]["state"] == "installed"
    assert "outlasted operation_timeout (0.5 s), but Odoo finished it" in json.dumps(result["warnings"])
    assert pending(odoo) == []


@pytest.mark.parametrize("button, state, operation, after", [
    ("button_upgrade", "upgraded", "upgrade", "installed"),
    ("button_uninstall", "absent", "uninstall", "uninstalled"),
])
def test_a_pending_operation_on_the_same_addon_is_resumed(odoo, button, state, operation, after):
    installed(odoo)
    call(odoo, "ir.module.module", button, addon_id(odoo))     # as an interrupted run leaves it
    predicted = run_module("odoo_module", dict(connection(odoo), name=ADDON, state=state), check_mode=True)
    assert (predicted["changed"], predicted["resumed"], predicted["after"]["state"]) == (True, operation, after)
    assert pending(odoo) == [(ADDON, "to upgrade" if operation == "upgrade" else "to remove")]
    result = run_module("odoo_module", dict(connection(odoo), name=ADDON, state=state))
    assert not result.get("failed"), result
    assert (result["changed"], result["resumed"], result["operation"]) == (True, operation, operation)
    assert pending(odoo) == [] and addon_row(odoo)["state"] == after


def test_a_pending_install_on_the_same_addon_with_others_pending_is_refused(odoo):
    mail = [m["id"] for m in odoo.records("ir.module.module", fields=["name"]) if m["name"] == "mail"]
    call(odoo, "ir.module.module", "button_install", addon_id(odoo))
    call(odoo, "ir.module.module", "button_upgrade", mail)
    result = run_module("odoo_module", dict(connection(odoo), name=ADDON))
    assert result.get("failed") and "mail (to upgrade)" in result["msg"] and ADDON + " (" not in result["msg"]


def release_lock_after(sim, seconds):
    timer = threading.Timer(seconds, sim.clear_faults)
    timer.start()
    return timer


def test_an_upgrade_waits_while_a_cron_runs_then_succeeds(odoo):
    installed(odoo)
    odoo.set_faults(cron_locked=True)
    release_lock_after(odoo, 1.5).join(0)
    result = run_module("odoo_module", dict(connection(odoo), name=ADDON, state="upgraded"))
    assert not result.get("failed"), result
    assert result["changed"] and result["lock_waited"] >= 1.0, result
    assert pending(odoo) == []


def test_a_module_operation_past_lock_timeout_fails_naming_it(odoo):
    odoo.set_faults(cron_locked=True)
    result = run_module("odoo_module", dict(connection(odoo), name=ADDON, lock_timeout=1))
    assert result.get("failed"), result
    for words in ("install of addon 'whatsapp_integration'", "lock_timeout (1 s)", "scheduled action"):
        assert words in result["msg"], result["msg"]
    assert pending(odoo) == [] and addon_row(odoo)["state"] == "uninstalled"


def test_check_mode_never_waits_for_the_lock(odoo):
    odoo.set_faults(cron_locked=True)
    started = time.monotonic()
    result = run_module("odoo_module", dict(connection(odoo), name=ADDON), check_mode=True)
    assert result["changed"] and result["lock_waited"] == 0 and time.monotonic() - started < 2


@pytest.mark.profile("18.0")
def test_method_cli_upgrades_past_the_time_limit(odoo):
    installed(odoo)
    odoo.set_module_disk_version(ADDON, "1.1.0")
    odoo.set_time_limit({"limit_time_real": 1, "durations": {ADDON: 1.5}})
    args = dict(connection(odoo), name=ADDON, state="latest", method="cli", odoo_bin=stand_in(odoo))
    predicted = run_module("odoo_module", args, check_mode=True)
    assert predicted["changed"] and predicted["operation"] == "upgrade"
    assert predicted["command"][-4:] == ["-u", ADDON, "--stop-after-init", "--no-http"]
    assert addon_row(odoo)["latest_version"] == "18.0.1.0.0"
    result = run_module("odoo_module", args)
    assert not result.get("failed"), result
    assert result["command"][-6:] == ["-d", "odoo", "-u", ADDON, "--stop-after-init", "--no-http"]
    assert result["after"] == {"state": "installed", "installed_version": "18.0.1.1.0", "disk_version": "18.0.1.1.0"}
    assert addon_row(odoo)["latest_version"] == "18.0.1.1.0"
    assert run_module("odoo_module", args)["changed"] is False


def test_method_cli_installs_and_uninstalls_over_rpc(odoo):
    args = dict(connection(odoo), name=ADDON, method="cli", odoo_bin=stand_in(odoo))
    result = run_module("odoo_module", args)
    assert result["changed"] and "-i" in result["command"] and addon_row(odoo)["state"] == "installed", result
    removed = run_module("odoo_module", dict(args, state="absent"))
    assert removed["changed"] and removed["command"] is None and addon_row(odoo)["state"] == "uninstalled", removed


def test_a_failing_odoo_bin_shows_its_last_lines_and_leaves_nothing_pending(odoo):
    installed(odoo)
    args = dict(connection(odoo), name=ADDON, state="upgraded", method="cli",
                odoo_bin=stand_in(odoo, "--fail", "'column x does not exist'"))
    result = run_module("odoo_module", args)
    assert result.get("failed"), result
    for words in ("upgrade of addon 'whatsapp_integration' with odoo-bin failed (exit code 1)",
                  "Exception: column x does not exist", "Failed to initialize database"):
        assert words in result["msg"], result["msg"]
    assert pending(odoo) == []


@pytest.mark.parametrize("args, words", [
    ({"method": "cli"}, ["method cli needs odoo_bin"]),
    ({"method": "cli", "odoo_bin": "/nonexistent/odoo-bin -c /etc/odoo.conf"},
     ["'/nonexistent/odoo-bin'", "delegate_to"]),
    ({"odoo_bin": "odoo-bin"}, ["odoo_bin is used only with method cli"]),
    ({"method": "cli", "odoo_bin": "odoo-bin 'unclosed"}, ["odoo_bin", "not a valid command line"]),
    ({"lock_timeout": -1}, ["lock_timeout", "0 or a positive number"]),
])
def test_bad_cli_and_lock_options_fail_before_anything_is_written(odoo, args, words):
    result = run_module("odoo_module", dict(connection(odoo), name=ADDON, **args))
    assert result.get("failed"), result
    for word in words:
        assert word in result["msg"], result["msg"]
    assert addon_row(odoo)["state"] == "uninstalled" and odoo.counters()["total"] == 0


ROLE_PLAY = """
- hosts: localhost
  connection: local
  gather_facts: false
  module_defaults:
    group/odoo_ops.odoo.odoo: {{url: "{url}", database: odoo, username: admin, password: admin}}
  roles:
    - role: odoo_ops.odoo.whatsapp_sync
      vars:
        whatsapp_sync_upgrade_method: {method}
        whatsapp_sync_odoo_bin: "{odoo_bin}"
"""


@pytest.mark.profile("18.0")
def test_the_role_upgrades_past_the_time_limit_with_odoo_bin_then_verifies_the_crons(odoo):
    installed(odoo)
    odoo.set_module_disk_version(ADDON, "1.1.0")
    odoo.set_time_limit({"limit_time_real": 1, "durations": {ADDON: 1.5}})
    rc, out, err = run_playbook(ROLE_PLAY.format(url=odoo.url, method="rpc", odoo_bin=""))
    assert rc != 0 and "limit_time_real" in out and "method: cli" in out, out[-3000:]
    assert pending(odoo) == [] and addon_row(odoo)["latest_version"] == "18.0.1.0.0"
    rc, out, err = run_playbook(ROLE_PLAY.format(url=odoo.url, method="cli", odoo_bin=stand_in(odoo)))
    assert rc == 0, out[-3000:] + err[-2000:]
    assert "TASK [odoo_ops.odoo.whatsapp_sync : Verify the crons]" in out and "failed=0" in out
    assert addon_row(odoo)["latest_version"] == "18.0.1.1.0" and pending(odoo) == []
    names = [c["name"] for c in odoo.records("ir.cron", fields=["name"])]
    assert "WhatsApp Data Sync" in names, names
