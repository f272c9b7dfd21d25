"""Runs one integration target (tests/integration/targets/<name>/tasks/main.yml) with real
ansible-playbook against a simulator or a real Odoo."""

import contextlib
import json
import os
import subprocess
import sys
import tempfile
import uuid

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
TARGETS = os.path.join(HERE, "targets")
COLLECTIONS = os.path.join(ROOT, "build", "collections")
ANSIBLE_PLAYBOOK = os.path.join(os.path.dirname(sys.executable), "ansible-playbook")

PLAY = """
- name: integration target {target}
  hosts: localhost
  connection: local
  gather_facts: false
  module_defaults:
    group/odoo_ops.odoo.odoo:
      url: "{{{{ odoo_url }}}}"
      database: "{{{{ odoo_database }}}}"
      username: "{{{{ odoo_username }}}}"
      password: "{{{{ odoo_password }}}}"
  tasks:
    - name: run the target
      ansible.builtin.import_tasks: {tasks}
"""


def real_target_configured():
    return all(os.environ.get(name) for name in ("ODOO_URL", "ODOO_DATABASE", "ODOO_USERNAME", "ODOO_PASSWORD"))


class OdooTarget:
    """Where the scenarios run, and how to reach it."""

    def __init__(self, url, database, username, password, simulator=None, demo=None):
        self.url = url
        self.database = database
        self.username = username
        self.password = password
        self.simulator = simulator
        # A user without Settings rights, for the access scenarios.
        self.demo = demo

    @classmethod
    def from_environment(cls):
        demo = None
        if os.environ.get("ODOO_DEMO_USERNAME"):
            demo = (os.environ["ODOO_DEMO_USERNAME"], os.environ.get("ODOO_DEMO_PASSWORD", ""))
        return cls(os.environ["ODOO_URL"], os.environ["ODOO_DATABASE"], os.environ["ODOO_USERNAME"],
                   os.environ["ODOO_PASSWORD"], demo=demo)

    @property
    def kind(self):
        return "simulator" if self.simulator else "real"

    def variables(self):
        return {
            "odoo_url": self.url, "odoo_database": self.database, "odoo_username": self.username,
            "odoo_password": self.password, "odoo_target": self.kind,
            "odoo_demo_username": self.demo[0] if self.demo else "",
            "odoo_demo_password": self.demo[1] if self.demo else "",
            "run_id": uuid.uuid4().hex[:8],
            "simulator_url": self.simulator.url if self.simulator else "",
            "rpc_tasks": os.path.join(HERE, "common", "odoo_rpc.yml"),
            "odoo_bin": self.odoo_bin(),
        }

    def odoo_bin(self):
        """odoo_module's method cli: a stand-in against the simulator; for a real Odoo, ODOO_BIN (the command
        line that starts it with its configuration, on this host), or "" to skip those scenarios."""
        if self.simulator:
            return "%s %s --simulator %s" % (sys.executable, os.path.join(ROOT, "tests", "odoo_bin_stand_in.py"),
                                             self.simulator.url)
        return os.environ.get("ODOO_BIN", "")

    def reset(self):
        if self.simulator:
            self.simulator.reset()
            self.simulator.reset_counters()


@contextlib.contextmanager
def simulator_target(version):
    from simulator import Simulator
    with Simulator(version=version) as sim:
        yield OdooTarget(sim.url, "odoo", "admin", "admin", simulator=sim, demo=("demo", "demo"))


def run_target(target, name, extra_vars=None, check=True, extra_args=()):
    """ansible-playbook on the target's tasks; returns the CompletedProcess."""
    tasks = os.path.join(TARGETS, name, "tasks", "main.yml")
    variables = target.variables()
    variables.update(extra_vars or {})
    with tempfile.TemporaryDirectory() as tmp:
        playbook = os.path.join(tmp, "play.yml")
        with open(playbook, "w") as handle:
            handle.write(PLAY.format(target=name, tasks=tasks))
        vars_file = os.path.join(tmp, "vars.json")
        with open(vars_file, "w") as handle:
            json.dump(variables, handle)
        env = dict(os.environ, ANSIBLE_COLLECTIONS_PATH=COLLECTIONS, ANSIBLE_COLLECTIONS_SCAN_SYS_PATH="false",
                   ANSIBLE_NOCOLOR="1", ANSIBLE_RETRY_FILES_ENABLED="0", ANSIBLE_LOCALHOST_WARNING="0",
                   ANSIBLE_INVENTORY_UNPARSED_WARNING="0", ANSIBLE_PYTHON_INTERPRETER=sys.executable,
                   ANSIBLE_ROLES_PATH=os.path.join(ROOT, "roles"))
        for name_ in ("ODOO_URL", "ODOO_DATABASE", "ODOO_USERNAME", "ODOO_PASSWORD"):
            env.pop(name_, None)  # the play passes them explicitly; env fallbacks must not mask a bug
        command = [ANSIBLE_PLAYBOOK, "-i", "localhost,", playbook, "-e", "@" + vars_file] + list(extra_args)
        process = subprocess.run(command, env=env, cwd=tmp, capture_output=True, text=True, timeout=600,
                                 check=False)
    if check and process.returncode != 0:
        raise AssertionError("target %s failed (rc=%d)\n%s\n%s" % (name, process.returncode, process.stdout[-20000:],
                                                                   process.stderr[-5000:]))
    return process
