"""The password or API key appears nowhere: not with -vvv, not in --diff, not in failures,
not in returned results."""

from playbooks import run_playbook

PLAY = """
- hosts: localhost
  connection: local
  gather_facts: false
  module_defaults:
    group/odoo_ops.odoo.odoo: {{url: "{url}", database: odoo, username: admin, password: "{secret}"}}
  tasks:
    - name: Create with diff
      odoo_ops.odoo.odoo_cron: {{name: Secret test, model: res.partner, method: search_count, args: [[]], interval: 1 hour}}
      register: created
    - name: Print everything returned
      ansible.builtin.debug: {{var: created}}
    - name: Read
      odoo_ops.odoo.odoo_cron_info: {{name_pattern: Secret}}
    - name: A failure from Odoo's side
      odoo_ops.odoo.odoo_cron: {{name: Secret test 2, model: no.such.model, code: x, interval: 1 hour}}
      ignore_errors: true
    - name: A failure at login (wrong database)
      odoo_ops.odoo.odoo_cron: {{name: Secret test, active: true, database: no_such_db}}
      ignore_errors: true
    - name: A failure in the transport
      odoo_ops.odoo.odoo_cron: {{name: Secret test, active: true, url: "http://127.0.0.1:9"}}
      ignore_errors: true
    - name: The module and addon modules too
      odoo_ops.odoo.odoo_module: {{name: whatsapp_integration}}
    - name: WhatsApp crons with a sync
      odoo_ops.odoo.odoo_whatsapp_sync: {{sync_now: true}}
      ignore_errors: true
"""


def test_the_secret_never_appears_in_any_output(odoo):
    secret = odoo.api_key("admin")
    code, out, err = run_playbook(PLAY.format(url=odoo.url, secret=secret), "-vvv", "--diff")
    assert code == 0, out[-4000:] + err[-2000:]
    assert "ok=" in out and "Secret test" in out  # the run really happened, verbosely
    assert "ignored=3" in out or "ignored=2" in out
    assert secret not in out
    assert secret not in err
