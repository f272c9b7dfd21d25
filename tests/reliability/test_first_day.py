"""What a careful operator meets on the first day (issue 19): the plan before the addon, crons that cannot run,
twin external ids."""

import json
import os
import subprocess
import urllib.request

import pytest

from module_runner import run_module

from playbooks import ANSIBLE_PLAYBOOK, ROOT, ansible_env
from reliability_support import connection, snapshot

CRON_NAMES = ("WhatsApp Data Sync", "WhatsApp Data Sync (Frequent)", "WhatsApp Full Data Sync (Daily)")


def shipped_playbook(sim, name, *extra):
    command = [ANSIBLE_PLAYBOOK, "-i", os.path.join(ROOT, "tests", "demo_inventory.yml"),
               os.path.join(ROOT, "playbooks", name), "-e", "odoo_url=%s" % sim.url] + list(extra)
    process = subprocess.run(command, env=ansible_env(), capture_output=True, text=True, timeout=300, check=False)
    return process.returncode, process.stdout + process.stderr


def admin_call(sim, model, method, *args):
    """One JSON-RPC call as admin, outside the collection (to set up a database)."""
    payload = {"jsonrpc": "2.0", "method": "call", "id": 1, "params": {
        "service": "object", "method": "execute_kw", "args": ["odoo", 2, "admin", model, method, list(args)]}}
    request = urllib.request.Request(sim.url + "/jsonrpc", json.dumps(payload).encode(),
                                     {"Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=10) as answer:
        body = json.loads(answer.read())
    assert "error" not in body, body
    return body["result"]


# -- 1. check mode before the addon is installed ------------------------------------------------------------------
EVERY_END = [pytest.param(version, marks=pytest.mark.profile(version)) for version in ("14.0", "19.0")]


@pytest.mark.parametrize("profile", EVERY_END)
def test_the_first_plan_of_a_new_database_shows_the_three_creates_and_writes_nothing(odoo, profile):
    sim = odoo
    before = snapshot(sim)
    code, output = shipped_playbook(sim, "whatsapp_sync.yml", "--check", "--diff")
    assert code == 0, output[-6000:]
    for name in CRON_NAMES:
        assert '+    "name": "%s",' % name in output, output[-6000:]
    assert "whatsapp_integration addon is not installed in this database yet (state uninstalled)" in output
    assert "changed=2" in output  # the addon's install and the three crons
    assert snapshot(sim) == before


def test_check_mode_still_fails_when_the_addon_is_not_on_the_server(odoo):
    odoo.set_module_disk_version("whatsapp_integration", "14.0.1.0.0", installable=False)
    admin_call(odoo, "ir.module.module", "update_list")
    result = run_module("odoo_whatsapp_sync", connection(odoo), check_mode=True)
    assert result.get("failed"), result
    assert "whatsapp_integration addon is not installable on this server (state uninstallable)" in result["msg"]
    result = run_module("odoo_whatsapp_sync", connection(odoo))  # a real run: the addon must be installed first
    assert result.get("failed") and "install it first" in result["msg"], result


# -- 2. odoo_cron refuses crons that cannot run -----------------------------------------------------------------
def partner_cron(name, **extra):
    return dict({"name": name, "model": "res.partner", "method": "search_count", "args": [[]], "interval": "1 day"},
                **extra)


def health_of(sim, name):
    result = run_module("odoo_cron_info", dict(connection(sim), name=name, health=True))
    assert not result.get("failed"), result
    return result["crons"][0]["health"]


@pytest.mark.parametrize("profile", EVERY_END)
def test_a_cron_health_would_call_broken_is_refused_before_any_write(odoo, profile):
    before = snapshot(odoo)
    # public is archived (every profile); demo, an internal user, may not read ir.config_parameter, which
    # base/security/ir.model.access.csv grants to Settings (group_system) only.
    cases = [
        (partner_cron("Ops: as public", user="public"), "option user): its user public is archived"),
        (partner_cron("Ops: demo reads parameters", model="ir.config_parameter", user="demo"),
         "option user): its user demo has no read access to ir.config_parameter"),
    ]
    for cron, message in cases:
        result = run_module("odoo_cron", dict(connection(odoo), **cron))
        assert result.get("failed") and message in result["msg"], result
        assert "allow_broken=true" in result["msg"] and "\n" not in result["msg"]
        result = run_module("odoo_cron", dict(connection(odoo), crons=[cron]), check_mode=True)
        assert result.get("failed") and "crons[0]: cron %r would be broken" % cron["name"] in result["msg"], result
    assert snapshot(odoo) == before
    # Changing the user of an existing cron is checked too; keeping it is not.
    assert not run_module("odoo_cron", dict(connection(odoo), **partner_cron("Ops: ok"))).get("failed")
    result = run_module("odoo_cron", dict(connection(odoo), **partner_cron("Ops: ok", user="public")))
    assert result.get("failed") and "its user public is archived" in result["msg"], result


@pytest.mark.parametrize("profile", EVERY_END)
def test_allow_broken_writes_it_with_a_warning_and_health_calls_it_broken(odoo, profile):
    cron = partner_cron("Ops: as public", user="public", allow_broken=True)
    result = run_module("odoo_cron", dict(connection(odoo), **cron))
    assert result["changed"] and not result.get("failed"), result
    assert "written although it is broken (allow_broken): its user public is archived" in json.dumps(
        result.get("warnings")), result
    health = health_of(odoo, "Ops: as public")
    assert health["status"] == "broken" and any("its user public is archived" in r for r in health["reasons"])
    again = run_module("odoo_cron", dict(connection(odoo), **cron))
    # admin/admin: the password equals the login, which every run without the play's session warns about
    assert again["changed"] is False and not [w for w in again.get("warnings", []) if "option password" not in str(w)], again
    # The top-level allow_broken is the default of the crons entries.
    result = run_module("odoo_cron", dict(connection(odoo), allow_broken=True, crons=[
        partner_cron("Ops: demo reads parameters", model="ir.config_parameter", user="demo")]))
    assert result["changed"] and not result.get("failed"), result


# -- 4. twin external ids ---------------------------------------------------------------------------------------
@pytest.mark.parametrize("profile", EVERY_END)
def test_two_declarations_of_one_name_get_a_cron_each_and_converge(odoo, profile):
    twin_a = dict(connection(odoo), **partner_cron("Ops: twin", xml_id="nc_ops.dup_a", interval="1 day"))
    twin_b = dict(connection(odoo), **partner_cron("Ops: twin", xml_id="nc_ops.dup_b", interval="1 hour"))
    first_a, first_b = run_module("odoo_cron", twin_a), run_module("odoo_cron", twin_b)
    assert first_a["changed"] and first_b["changed"], (first_a, first_b)
    assert first_b["crons"][0]["action"] == "create", first_b
    assert "belongs to nc_ops.dup_a, so nc_ops.dup_b gets a cron of its own" in json.dumps(first_b.get("warnings"))
    again = [run_module("odoo_cron", twin_a), run_module("odoo_cron", twin_b)]
    assert [result["changed"] for result in again] == [False, False], again
    crons = odoo.records("ir.cron", [("cron_name", "=", "Ops: twin")], active_test=False)
    ids = odoo.records("ir.model.data", [("module", "=", "nc_ops")])
    assert len(crons) == 2 and sorted((row["name"], row["res_id"]) for row in ids) == sorted(
        zip(("dup_a", "dup_b"), (first_a["crons"][0]["id"], first_b["crons"][0]["id"])))
    # An old post-init hook's cron, without an external id, is still adopted.
    hook = dict(connection(odoo), **partner_cron("Ops: from the hook"))
    made = run_module("odoo_cron", hook)
    adopted = run_module("odoo_cron", dict(hook, xml_id="nc_ops.hook"))
    assert adopted["crons"][0]["id"] == made["crons"][0]["id"] and adopted["crons"][0]["action"] == "update"


# -- 7. smaller defects -----------------------------------------------------------------------------------------
@pytest.mark.parametrize("profile", EVERY_END)
def test_a_created_cron_returns_the_nextcall_odoo_stored(odoo, profile):
    result = run_module("odoo_cron", dict(connection(odoo), **partner_cron("Ops: new")))
    stored = odoo.records("ir.cron", [("cron_name", "=", "Ops: new")])[0]
    assert result["crons"][0]["nextcall"] == stored["nextcall"] and stored["nextcall"], (result["crons"], stored)
    planned = run_module("odoo_cron", dict(connection(odoo), **partner_cron("Ops: planned")), check_mode=True)
    assert planned["crons"][0]["nextcall"] is None    # check mode: nothing stored


@pytest.mark.profile("19.0")
def test_a_wrong_api_key_on_19_says_so_without_a_word_about_protocol(odoo):
    result = run_module("odoo_cron", dict(connection(odoo, password="0" * 40), **partner_cron("Ops: x")))
    assert result.get("failed") and "Odoo refused the API key" in result["msg"], result
    assert "check the API key (option password)" in result["msg"] and "protocol" not in result["msg"], result


@pytest.mark.profile("19.0")
def test_protocol_jsonrpc_on_19_warns_of_the_deprecation_the_server_logs(odoo):
    result = run_module("odoo_cron_info", connection(odoo, protocol="jsonrpc"))
    assert not result.get("failed"), result
    assert odoo.counters()["deprecated"] > 0   # what the warning is about
    assert "logs a deprecation WARNING for every /jsonrpc call" in json.dumps(result.get("warnings")), result
    quiet = run_module("odoo_cron_info", connection(odoo))
    assert "deprecation" not in json.dumps(quiet.get("warnings")), quiet


def test_the_user_of_a_new_cron_is_shown_the_same_in_the_diff_and_the_result(odoo):
    result = run_module("odoo_cron", dict(connection(odoo), **partner_cron("Ops: whose")), diff=True)
    assert result["diff"][0]["after"]["user"] == result["crons"][0]["user"] == "__system__", result


def test_the_role_limits_are_named_as_the_module_options_and_the_old_names_still_work(odoo):
    code, output = shipped_playbook(odoo, "whatsapp_sync.yml", "--check", "--diff",
                                    "-e", "whatsapp_sync_sync_limit=70", "-e", "whatsapp_sync_full_limit=300")
    assert code == 0, output[-5000:]
    assert "model.cron_sync_all_data(limit=70)" in output and "model.cron_sync_all_data(limit=300)" in output
    flat = " ".join(output.split())
    assert "[DEPRECATED] whatsapp_sync_full_limit is now whatsapp_sync_full_sync_limit" in flat
    assert "[DEPRECATED] whatsapp_sync_limit " not in flat
