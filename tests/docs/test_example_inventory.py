"""The example inventory parses, and its vault-encrypted password opens with the documented vault password."""

import json
import os
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
INVENTORY = os.path.join(ROOT, "playbooks", "inventory")


def test_example_inventory_holds_the_connection_and_a_vaulted_password(tmp_path):
    vault_password = tmp_path / "vault-password"
    vault_password.write_text("example-vault-password\n")
    command = [os.path.join(os.path.dirname(sys.executable), "ansible-inventory"), "-i", INVENTORY, "--list",
               "--vault-password-file", str(vault_password)]
    process = subprocess.run(command, capture_output=True, text=True, check=False)
    assert process.returncode == 0, process.stderr
    inventory = json.loads(process.stdout)
    hosts = inventory["odoo_databases"]["hosts"]
    assert sorted(hosts) == ["production", "staging"]
    variables = inventory["_meta"]["hostvars"]["production"]
    assert variables["odoo_url"].startswith("https://")
    assert variables["odoo_username"] == "ansible_apply"
    assert "__ansible_vault" in variables["odoo_password"]  # encrypted at rest


def test_the_vaulted_password_opens_with_the_documented_vault_password(tmp_path):
    vault_password = tmp_path / "vault-password"
    vault_password.write_text("example-vault-password\n")
    command = [os.path.join(os.path.dirname(sys.executable), "ansible"), "production", "-i", INVENTORY,
               "-c", "local", "-m", "ansible.builtin.debug", "-a", "var=odoo_password",
               "--vault-password-file", str(vault_password)]
    env = dict(os.environ, ANSIBLE_NOCOLOR="1", ANSIBLE_PYTHON_INTERPRETER=sys.executable)
    process = subprocess.run(command, capture_output=True, text=True, check=False, env=env)
    assert process.returncode == 0, process.stdout + process.stderr
    assert '"odoo_password": "example-api-key-0000000000000000000000"' in process.stdout


def test_the_playbooks_run_with_the_example_group_vars_whatever_python3_discovery_finds(tmp_path):
    """The example group_vars run the modules with the Python that runs ansible-playbook (where odoorpc is). Found
    on a real 17.0: without it, interpreter discovery took a python3 that could not run them (a pyenv shim: "Module
    result deserialization failed"; elsewhere the system's Python, without odoorpc). The interpreter the
    configuration names here does not exist, so the play passes only if the inventory's choice wins."""
    from simulator import Simulator

    inventory = tmp_path / "inventory"
    inventory.mkdir()
    os.symlink(os.path.join(INVENTORY, "group_vars"), str(inventory / "group_vars"))
    vault_password = tmp_path / "vault-password"
    vault_password.write_text("example-vault-password\n")
    with Simulator(version="17.0") as sim:
        # Host vars win over the example's user and vaulted password; everything else is the example's.
        (inventory / "hosts.yml").write_text(json.dumps({"all": {"children": {"odoo_databases": {"hosts": {
            "db": {"odoo_url": sim.url, "odoo_database": "odoo", "odoo_username": "admin",
                   "odoo_password": "admin"}}}}}}))
        command = [os.path.join(os.path.dirname(sys.executable), "ansible-playbook"), "-i", str(inventory),
                   os.path.join(ROOT, "playbooks", "whatsapp_sync.yml"), "--check", "--diff",
                   "--vault-password-file", str(vault_password)]
        env = dict(os.environ, ANSIBLE_NOCOLOR="1", ANSIBLE_RETRY_FILES_ENABLED="0",
                   ANSIBLE_COLLECTIONS_PATH=os.path.join(ROOT, "build", "collections"),
                   ANSIBLE_COLLECTIONS_SCAN_SYS_PATH="false",
                   ANSIBLE_PYTHON_INTERPRETER=str(tmp_path / "no-such-python3"))
        process = subprocess.run(command, capture_output=True, text=True, check=False, env=env, cwd=str(tmp_path))
    output = process.stdout + process.stderr
    assert process.returncode == 0, output[-6000:]
    assert "no-such-python3" not in output, output[-6000:]
    for xml_id in ("ir_cron_whatsapp_sync_hourly", "ir_cron_whatsapp_sync_frequent", "ir_cron_whatsapp_sync_daily"):
        assert "+++ after: cron whatsapp_integration.%s" % xml_id in process.stdout, process.stdout[-6000:]
