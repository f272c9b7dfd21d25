"""playbooks/cron_health.yml: read-only and --check safe; prints the HEALTH column; fails listing the unhealthy crons."""

import datetime
import os
import subprocess

from module_runner import run_module

from playbooks import ANSIBLE_PLAYBOOK, ROOT, ansible_env
from reliability_support import connection, snapshot


def run_health_playbook(sim, *extra):
    command = [ANSIBLE_PLAYBOOK, "-i", os.path.join(ROOT, "tests", "demo_inventory.yml"),
               os.path.join(ROOT, "playbooks", "cron_health.yml"), "-e", "odoo_url=%s" % sim.url] + list(extra)
    process = subprocess.run(command, env=ansible_env(), capture_output=True, text=True, timeout=300, check=False)
    return process.returncode, process.stdout + process.stderr


def test_healthy_database_passes_and_writes_nothing(odoo):
    before = snapshot(odoo)
    code, output = run_health_playbook(odoo, "--check")
    assert code == 0, output
    assert "HEALTH" in output and "Base: Auto-vacuum internal data" in output
    assert snapshot(odoo) == before


def test_an_unhealthy_cron_fails_the_play_and_is_named_with_its_reason(odoo):
    three_hours_ago = (datetime.datetime.utcnow() - datetime.timedelta(hours=3)).strftime("%Y-%m-%d %H:%M:%S")
    result = run_module("odoo_cron", dict(connection(odoo), name="Stalled export", model="res.partner",
                                          code="model.search_count([])", interval="1 hour", active=True,
                                          nextcall=three_hours_ago))
    assert not result.get("failed"), result
    code, output = run_health_playbook(odoo, "--check")
    assert code != 0
    assert "1 unhealthy cron(s): Stalled export (overdue: due since %s (UTC)" % three_hours_ago in output
    assert "Base: Auto-vacuum internal data (" not in output.split("unhealthy cron(s)")[1]
    code, output = run_health_playbook(odoo, "-e", "cron_health_grace='1 day'")
    assert code == 0, output
