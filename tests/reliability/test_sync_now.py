"""Sync Now returns the sync's outcome, and fails with the sync's own message when it reports an error."""

from module_runner import run_module

from reliability_support import connection


def install_addon(sim):
    assert not run_module("odoo_module", dict(connection(sim), name="whatsapp_integration")).get("failed")


def test_a_failed_sync_fails_the_task_with_its_message(odoo):
    install_addon(odoo)
    odoo.set_faults({"fail_next_sync": True})
    result = run_module("odoo_whatsapp_sync", dict(connection(odoo), sync_now=True))
    assert result.get("failed")
    assert result["msg"].startswith("WhatsApp sync reported an error: ")
    assert "\n" not in result["msg"].strip()
    crons = [c for c in odoo.records("ir.cron", fields=["model_name"]) if c["model_name"] == "whatsapp.sync.service"]
    assert len(crons) == 3  # the crons were ensured before the sync ran


def test_a_successful_sync_reports_its_status_and_check_mode_does_not_sync(odoo):
    install_addon(odoo)
    checked = run_module("odoo_whatsapp_sync", dict(connection(odoo), sync_now=True), check_mode=True)
    assert checked["changed"] and checked["sync"] is None
    assert all(row["sync_status"] != "success" for row in odoo.records("whatsapp.sync.service", fields=["sync_status"]))
    result = run_module("odoo_whatsapp_sync", dict(connection(odoo), sync_now=True, sync_limit=7))
    assert not result.get("failed"), result
    assert result["sync"]["sync_status"] == "success"
    assert "limit 7" in result["sync"]["last_sync_message"]
