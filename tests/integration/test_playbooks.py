"""The shipped playbooks, and through whatsapp_sync.yml the role, on Odoo 19 (the simulator's 19.0
profile with a password and with an API key) and on a real server: the WhatsApp playbook twice (the
second run changes nothing), then the status playbook in check mode; the database is put back as it was.
Older simulator profiles skip it to keep `make test` short: `make demo` runs the playbooks on 14.0."""

import os
import re

import pytest

from harness import HERE, run_shipped_playbook, run_tasks

RECAP = re.compile(r"ok=(\d+)\s+changed=(\d+)\s+unreachable=(\d+)\s+failed=(\d+)")
STATE_TASKS = os.path.join(HERE, "common", "whatsapp_state.yml")
HOST_VARS = {"whatsapp_sync_addon_state": "present", "whatsapp_sync_hourly": True, "whatsapp_sync_daily": True,
             "whatsapp_sync_user": "base.user_root"}


def recap_of(process):
    found = RECAP.search(process.stdout)
    assert process.returncode == 0 and found, process.stdout[-15000:] + process.stderr[-3000:]
    return dict(zip(("ok", "changed", "unreachable", "failed"), (int(n) for n in found.groups())))


def test_shipped_playbooks(odoo_target):
    if odoo_target.simulator and odoo_target.simulator.profile.major < 19:
        pytest.skip("the playbooks run on the 19.0 profile and on real servers")
    odoo_target.reset()
    probe = run_tasks(odoo_target, STATE_TASKS, "whatsapp addon probe")
    was_installed = "WHATSAPP_ADDON_INSTALLED=True" in probe.stdout
    assert was_installed or "WHATSAPP_ADDON_INSTALLED=False" in probe.stdout, probe.stdout[-5000:]
    try:
        first = recap_of(run_shipped_playbook(odoo_target, "whatsapp_sync.yml", HOST_VARS))
        again = recap_of(run_shipped_playbook(odoo_target, "whatsapp_sync.yml", HOST_VARS))
        status = run_shipped_playbook(odoo_target, "cron_status.yml", {}, ["--check"])
        status_recap = recap_of(status)
    finally:
        run_tasks(odoo_target, STATE_TASKS, "whatsapp cleanup",
                  {"whatsapp_cleanup": True, "whatsapp_addon_was_installed": was_installed})
    assert first["changed"] >= 1 and again["changed"] == 0, (first, again)
    assert status_recap["changed"] == 0
    for line in ("WhatsApp Data Sync", "WhatsApp Full Data Sync (Daily)"):
        assert line in status.stdout, status.stdout[-5000:]
    assert odoo_target.deprecation_warnings() in (0, None), odoo_target.deprecation_warnings()
