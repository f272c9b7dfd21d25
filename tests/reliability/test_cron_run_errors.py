"""A job that raises fails odoo_cron_run with the job's own message in one line; the traceback only on demand."""

from playbooks import run_playbook

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
