"""odoo_module refuses to act while another module operation is pending, and reports Odoo's own
failure of an operation with Odoo's message."""

from module_runner import run_module

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
