"""Write an odoo_databases source file, read it back through `ansible-inventory` and run the collection's playbooks
over it with `ansible-playbook`, as a user would."""

import json
import os
import re
import subprocess
import sys

import yaml

from simulator import PROFILES as SIMULATED

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
BIN = os.path.dirname(sys.executable)


# The simulator's profiles among 14.0, 18.0 and 19.0 (ODOO_SIM_PROFILES narrows them).
WANTED = ("14.0", "18.0", "19.0")
PROFILES = [name for name in WANTED if name in SIMULATED
            and name in os.environ.get("ODOO_SIM_PROFILES", ",".join(WANTED)).split(",")]
RECAP = re.compile(r"^(\S+)\s+:\s+ok=(\d+)\s+changed=(\d+)\s+unreachable=(\d+)\s+failed=(\d+)", re.M)


def inventory_env(**extra):
    env = dict(os.environ, ANSIBLE_COLLECTIONS_PATH=os.path.join(ROOT, "build", "collections"),
               ANSIBLE_COLLECTIONS_SCAN_SYS_PATH="false", ANSIBLE_NOCOLOR="1", ANSIBLE_INVENTORY_UNPARSED_FAILED="1",
               ANSIBLE_RETRY_FILES_ENABLED="0", ANSIBLE_LOCALHOST_WARNING="0")
    for name in ("ODOO_URL", "ODOO_DATABASE", "ODOO_USERNAME", "ODOO_PASSWORD", "ODOO_API_KEY"):
        env.pop(name, None)
    env.update(extra)
    return env


def write_source(directory, config, name="fleet.odoo_databases.yml"):
    path = os.path.join(str(directory), name)
    with open(path, "w") as handle:
        yaml.safe_dump(dict({"plugin": "odoo_ops.odoo.odoo_databases"}, **config), handle)
    return path


def unwrap(value):
    """ansible-core 2.19 prints strings an inventory plugin set as {"__ansible_unsafe": value}."""
    if isinstance(value, dict):
        if set(value) == {"__ansible_unsafe"}:
            return value["__ansible_unsafe"]
        return dict((key, unwrap(item)) for key, item in value.items())
    if isinstance(value, list):
        return [unwrap(item) for item in value]
    return value


class Listing:
    """The output of `ansible-inventory --list`: host vars and the hosts of each group (children resolved)."""

    def __init__(self, data, stderr):
        self.data = data
        self.stderr = stderr
        self.hostvars = data.get("_meta", {}).get("hostvars", {})

    @property
    def hosts(self):
        return sorted(self.hostvars)

    def group(self, name):
        entry = self.data.get(name, {})
        found = set(entry.get("hosts", []))
        for child in entry.get("children", []):
            found.update(self.group(child))
        return sorted(found)

    @property
    def messages(self):
        """stderr on one line (Ansible wraps long warnings)."""
        return " ".join(self.stderr.split())

    @property
    def warning_count(self):
        return self.stderr.count("[WARNING]")


def ansible_inventory(source, *args, check=True, **env):
    """`ansible-inventory -i source --list`; a Listing, or the CompletedProcess when check is False."""
    command = [os.path.join(BIN, "ansible-inventory"), "-i", source, "--list"] + list(args)
    process = subprocess.run(command, env=inventory_env(**env), capture_output=True, text=True, timeout=300,
                             check=False)
    if not check:
        return process
    assert process.returncode == 0, "ansible-inventory failed (rc=%d)\n%s\n%s" % (
        process.returncode, process.stdout[-5000:], process.stderr[-5000:])
    return Listing(unwrap(json.loads(process.stdout)), process.stderr)


def run_playbook(inventory, playbook, *args, **env):
    """ansible-playbook with the repository's playbooks/<playbook>; (returncode, {host: recap counts}, output)."""
    command = [os.path.join(BIN, "ansible-playbook"), "-i", inventory, os.path.join(ROOT, "playbooks", playbook)]
    process = subprocess.run(command + list(args), env=inventory_env(**env), capture_output=True, text=True,
                             timeout=900, check=False)
    recap = dict((host, {"ok": int(ok), "changed": int(changed), "unreachable": int(unreachable),
                         "failed": int(failed)})
                 for host, ok, changed, unreachable, failed in RECAP.findall(process.stdout))
    return process.returncode, recap, process.stdout + process.stderr
