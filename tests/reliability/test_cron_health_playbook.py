"""playbooks/cron_health.yml: read-only and --check safe; prints the HEALTH column; fails listing the unhealthy crons."""

import datetime
import os
import shlex
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


def test_the_grace_of_the_playbook_header_works_as_written(odoo):
    """The header's `-e cron_health_grace=...` example, split as a shell splits it (issue 19)."""
    with open(os.path.join(ROOT, "playbooks", "cron_health.yml")) as handle:
        line = [text for text in handle if "cron_health_grace=" in text][0]
    words = shlex.split(line.lstrip("# ."))
    extra = [words[index + 1] for index, word in enumerate(words) if word == "-e"]
    assert any(value.startswith("cron_health_grace=") for value in extra), line
    three_hours_ago = (datetime.datetime.utcnow() - datetime.timedelta(hours=3)).strftime("%Y-%m-%d %H:%M:%S")
    result = run_module("odoo_cron", dict(connection(odoo), name="Late export", model="res.partner",
                                          code="model.search_count([])", interval="1 hour", nextcall=three_hours_ago))
    assert not result.get("failed"), result
    arguments = [item for value in extra if value.startswith("cron_health_grace=") for item in ("-e", value)]
    code, output = run_health_playbook(odoo, "--check", *arguments)
    assert code != 0 and "1 unhealthy cron(s): Late export (overdue" in output, output[-3000:]  # 3 h late > 2 h
    code, output = run_health_playbook(odoo, "--check", "-e", "cron_health_grace=2")
    assert code != 0 and "on the command line quote the whole pair" in " ".join(output.split()), output[-3000:]
