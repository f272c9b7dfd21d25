"""examples/awx/odoo_credential_type.yml: what AWX injects from an Odoo credential (rendered here with Jinja2, as AWX
does) is enough for the collection's modules (environment) and for its playbooks (extra vars)."""

import json
import os
import subprocess
import sys

import jinja2
import yaml

from fleet_support import BIN, ROOT, RECAP, inventory_env, write_source
from simulator import Simulator

CREDENTIAL_TYPE = os.path.join(ROOT, "examples", "awx", "odoo_credential_type.yml")

MODULE_PLAY = """- name: The connection from the environment only
  hosts: localhost
  connection: local
  gather_facts: false
  tasks:
    - name: Read crons with no connection option but the database
      odoo_ops.odoo.odoo_cron_info:
        database: odoo
      register: found

    - name: It read the server's crons
      ansible.builtin.assert:
        that: found.crons | length > 0
"""


def load():
    with open(CREDENTIAL_TYPE) as handle:
        return yaml.safe_load(handle)


def injected(credential_type, inputs):
    """(environment, extra vars) of a job with this credential."""
    def render(template):
        return jinja2.Environment(undefined=jinja2.StrictUndefined).from_string(template).render(**inputs)
    injectors = credential_type["injectors"]
    return (dict((name, render(value)) for name, value in injectors["env"].items()),
            dict((name, render(value)) for name, value in injectors["extra_vars"].items()))


def test_the_credential_type_is_well_formed_for_awx():
    credential_type = load()
    assert credential_type["kind"] in ("cloud", "net")      # the kinds AWX allows for custom types
    fields = dict((field["id"], field) for field in credential_type["inputs"]["fields"])
    assert set(credential_type["inputs"]["required"]) <= set(fields)
    assert fields["password"].get("secret") is True
    assert [name for name, field in fields.items() if field.get("secret")] == ["password"]
    env, extra_vars = injected(credential_type, dict((name, "<%s>" % name) for name in fields))
    assert env == {"ODOO_URL": "<url>", "ODOO_USERNAME": "<username>", "ODOO_PASSWORD": "<password>"}
    assert extra_vars == {"odoo_username": "<username>", "odoo_password": "<password>"}
    # the environment variables are the ones the connection options fall back to
    with open(os.path.join(ROOT, "plugins", "module_utils", "connection.py")) as handle:
        connection = handle.read()
    assert all('"%s"' % name in connection for name in env)


def test_a_job_with_the_credential_runs_modules_and_playbooks(tmp_path):
    with Simulator(version="14.0", databases=["odoo"]) as sim:
        env, extra_vars = injected(load(), {"url": sim.url, "username": "admin", "password": sim.api_key("admin")})
        (tmp_path / "play.yml").write_text(MODULE_PLAY)
        environment = inventory_env(ANSIBLE_PYTHON_INTERPRETER=sys.executable, **env)
        modules = subprocess.run([os.path.join(BIN, "ansible-playbook"), "-i", "localhost,", "play.yml"],
                                 cwd=str(tmp_path), env=environment, capture_output=True, text=True, timeout=600,
                                 check=False)
        assert modules.returncode == 0, modules.stdout[-4000:] + modules.stderr[-2000:]
        (tmp_path / "extra.json").write_text(json.dumps(extra_vars))
        source = write_source(tmp_path, {"servers": [{"url": sim.url, "name": "awx"}]})
        status = subprocess.run([os.path.join(BIN, "ansible-playbook"), "-i", source, "odoo_ops.odoo.cron_status",
                                 "--check", "-e", "@extra.json", "-e", "cron_status_model=res.partner"],
                                cwd=str(tmp_path), env=inventory_env(), capture_output=True, text=True, timeout=600,
                                check=False)
    assert status.returncode == 0, status.stdout[-4000:] + status.stderr[-2000:]
    assert [host for host, *_counts in RECAP.findall(status.stdout)] == ["odoo@awx"]
    assert extra_vars["odoo_password"] not in status.stdout + modules.stdout


def test_a_read_only_credential_of_the_type_runs_the_health_job(tmp_path):
    """The same type carries the read-only user (README "Security"): the health template's credential."""
    with Simulator(version="14.0", databases=["odoo"]) as sim:
        source = write_source(tmp_path, {"servers": [{"url": sim.url, "name": "awx"}]})
        passwords = {"automation_users_monitor_password": "monitor-Secret-awx",
                     "automation_users_apply_password": "apply-Secret-awx"}
        (tmp_path / "bootstrap.json").write_text(json.dumps(dict(passwords, odoo_username="admin",
                                                                 odoo_password="admin")))
        bootstrap = subprocess.run([os.path.join(BIN, "ansible-playbook"), "-i", source,
                                    "odoo_ops.odoo.automation_users", "-e", "@bootstrap.json"], cwd=str(tmp_path),
                                   env=inventory_env(), capture_output=True, text=True, timeout=600, check=False)
        assert bootstrap.returncode == 0, bootstrap.stdout[-4000:] + bootstrap.stderr[-2000:]
        _env, extra_vars = injected(load(), {"url": sim.url, "username": "ansible_monitor",
                                             "password": passwords["automation_users_monitor_password"]})
        (tmp_path / "extra.json").write_text(json.dumps(extra_vars))
        health = subprocess.run([os.path.join(BIN, "ansible-playbook"), "-i", source, "odoo_ops.odoo.cron_health",
                                 "--check", "-e", "@extra.json"], cwd=str(tmp_path), env=inventory_env(),
                                capture_output=True, text=True, timeout=600, check=False)
    assert health.returncode == 0, health.stdout[-4000:] + health.stderr[-2000:]
    assert "may not read the crons' code" in health.stdout + health.stderr   # it is the read-only user
    assert passwords["automation_users_monitor_password"] not in health.stdout
