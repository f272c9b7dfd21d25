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
    assert variables["odoo_username"] == "ansible"
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
