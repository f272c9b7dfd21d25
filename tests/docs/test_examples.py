"""Every EXAMPLES block of the collection's modules and filters runs, as written, against the simulator.

Only the connection changes: the play's module_defaults point the action group at the simulator (for
examples that leave the connection to module_defaults), an example's own ``url`` is replaced by the
simulator's, and the ``odoo_admin_password`` the examples use is the simulator's ``admin``. An example that
needs the WhatsApp Integration addon, or a registered result, gets setup tasks before it.
"""

import ast
import glob
import json
import os
import re
import subprocess
import sys

import pytest
import yaml

from simulator import Simulator

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
COLLECTIONS = os.path.join(ROOT, "build", "collections")
BIN = os.path.dirname(sys.executable)
RECAP = re.compile(r"^localhost\s+:\s+ok=(\d+)\s+changed=\d+\s+unreachable=(\d+)\s+failed=(\d+)\s+"
                   r"skipped=(\d+)\s+rescued=(\d+)\s+ignored=(\d+)", re.M)
GROUP = "group/odoo_ops.odoo.odoo"
PREFIX = "odoo_ops.odoo."

INSTALL_ADDON = {"name": "Setup: install the WhatsApp Integration addon",
                 "odoo_ops.odoo.odoo_module": {"name": "whatsapp_integration", "state": "present"}}
WHATSAPP_CRONS = {"name": "Setup: the WhatsApp crons, registered as `whatsapp`",
                  "odoo_ops.odoo.odoo_whatsapp_sync": {}, "register": "whatsapp"}
CRON_INFO = {"name": "Setup: every cron with its health, registered as `cron_info`",
             "odoo_ops.odoo.odoo_cron_info": {}, "register": "cron_info"}
READ_ONLY_GROUP = {"name": "Setup: the read-only group odoo_user's example names",
                   "odoo_ops.odoo.odoo_group": {"name": "Scheduled Actions: read only", "access": [{"model": "ir.cron"}]}}
# What an example needs before it runs; the default suits any example on the addon's model or res.partner.
SETUP = {
    "modules/odoo_module.py": [],
    "modules/odoo_cron_info.py": [INSTALL_ADDON, WHATSAPP_CRONS],
    "modules/odoo_cron_run.py": [INSTALL_ADDON, WHATSAPP_CRONS],
    "filter/cron_status.py": [INSTALL_ADDON, WHATSAPP_CRONS, CRON_INFO],
    "modules/odoo_user.py": [READ_ONLY_GROUP],
}
DEFAULT_SETUP = [INSTALL_ADDON]


def documented_plugins():
    files = glob.glob(os.path.join(ROOT, "plugins", "modules", "*.py"))
    files += glob.glob(os.path.join(ROOT, "plugins", "filter", "*.py"))
    return sorted(os.path.relpath(path, os.path.join(ROOT, "plugins")) for path in files
                  if not path.endswith("__init__.py"))


def examples_of(plugin):
    """The EXAMPLES string of a plugin file, read without importing it."""
    with open(os.path.join(ROOT, "plugins", plugin)) as handle:
        tree = ast.parse(handle.read())
    for node in tree.body:
        if isinstance(node, ast.Assign) and any(getattr(t, "id", None) == "EXAMPLES" for t in node.targets):
            return ast.literal_eval(node.value)
    return None


def pointed_at(tasks, url):
    """The example's tasks with only the connection url changed."""
    tasks = json.loads(json.dumps(tasks))
    for task in tasks:
        for action, args in task.items():
            if action.startswith(PREFIX) and isinstance(args, dict) and "url" in args:
                args["url"] = url
    return tasks


def play(plugin, tasks, url):
    return [{
        "name": "EXAMPLES of %s" % plugin,
        "hosts": "localhost",
        "connection": "local",
        "gather_facts": False,
        "module_defaults": {GROUP: {"url": url, "database": "odoo", "username": "admin", "password": "admin"}},
        # odoo_module's method cli example: odoo-bin is a stand-in that acts on the simulator
        "vars": {"odoo_admin_password": "admin", "vault_ansible_monitor_password": "monitor-Secret-1",
                 "odoo_bin_command": "%s %s --simulator %s" % (
                     sys.executable, os.path.join(ROOT, "tests", "odoo_bin_stand_in.py"), url)},
        "tasks": SETUP.get(plugin, DEFAULT_SETUP) + pointed_at(tasks, url),
    }]


def test_every_module_and_filter_has_examples():
    plugins = documented_plugins()
    assert len(plugins) >= 5
    missing = [plugin for plugin in plugins if not (examples_of(plugin) or "").strip()]
    assert missing == []


@pytest.mark.parametrize("plugin", documented_plugins())
def test_examples_run_against_the_simulator(plugin, tmp_path):
    tasks = yaml.safe_load(examples_of(plugin))
    assert isinstance(tasks, list) and tasks, "EXAMPLES of %s is not a list of tasks" % plugin
    env = dict(os.environ, ANSIBLE_COLLECTIONS_PATH=COLLECTIONS, ANSIBLE_COLLECTIONS_SCAN_SYS_PATH="false",
               ANSIBLE_NOCOLOR="1", ANSIBLE_RETRY_FILES_ENABLED="0", ANSIBLE_LOCALHOST_WARNING="0",
               ANSIBLE_INVENTORY_UNPARSED_WARNING="0", ANSIBLE_PYTHON_INTERPRETER=sys.executable)
    for name in ("ODOO_URL", "ODOO_DATABASE", "ODOO_USERNAME", "ODOO_PASSWORD", "ODOO_API_KEY"):
        env.pop(name, None)
    with Simulator(version="14.0") as sim:
        seeded = set(row["id"] for row in sim.records("ir.cron", active_test=False))
        book = play(plugin, tasks, sim.url)
        playbook = tmp_path / "examples.yml"
        playbook.write_text(yaml.safe_dump(book, sort_keys=False))
        process = subprocess.run([os.path.join(BIN, "ansible-playbook"), "-i", "localhost,", str(playbook)],
                                 env=env, cwd=str(tmp_path), capture_output=True, text=True, timeout=300,
                                 check=False)
        # The crons an example leaves must run too: Odoo accepts a method that does not exist at write time.
        left = sorted(row["id"] for row in sim.records("ir.cron", active_test=False) if row["id"] not in seeded)
        failed_runs = [(r["name"], r["errors"]) for r in sim.run_due_crons(now="2099-01-01 00:00:00", ids=left)
                       if r.get("errors")]
    output = "%s\n%s" % (process.stdout[-15000:], process.stderr[-5000:])
    recap = RECAP.search(process.stdout)
    assert process.returncode == 0 and recap, output
    ok, unreachable, failed, skipped, rescued, ignored = (int(value) for value in recap.groups())
    # Every task ran and succeeded: none failed, was skipped, or failed behind ignore_errors/rescue.
    assert (ok, unreachable, failed, skipped, rescued, ignored) == (len(book[0]["tasks"]), 0, 0, 0, 0, 0), output
    assert failed_runs == []
