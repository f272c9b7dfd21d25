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


# What Odoo 19 writes to its log for every /jsonrpc or /xmlrpc call (addons/rpc/controllers/__init__.py).
DEPRECATION_LINE = "endpoints are deprecated"


def real_target_configured():
    return all(os.environ.get(name) for name in ("ODOO_URL", "ODOO_DATABASE", "ODOO_USERNAME")) and bool(
        os.environ.get("ODOO_PASSWORD") or os.environ.get("ODOO_API_KEY"))


def real_secret_kinds():
    """The real runs: one with the password (ODOO_PASSWORD), one with the API key (ODOO_API_KEY)."""
    return [kind for kind, name in (("password", "ODOO_PASSWORD"), ("api_key", "ODOO_API_KEY"))
            if os.environ.get(name)]


class OdooTarget:
    """Where the scenarios run, and how to reach it."""

    def __init__(self, url, database, username, password, simulator=None, demo=None, secret_kind="password",
                 server_log=None):
        self.url = url
        self.database = database
        self.username = username
        self.password = password
        self.simulator = simulator
        # A user without Settings rights, for the access scenarios.
        self.demo = demo
        # "password" or "api_key": on Odoo 19 they take different routes (web session / JSON-2).
        self.secret_kind = secret_kind
        # The log file of a real server, checked for deprecation warnings after each scenario.
        self.server_log = server_log

    @classmethod
    def from_environment(cls, secret_kind="password"):
        demo = None
        if os.environ.get("ODOO_DEMO_USERNAME"):
            demo = (os.environ["ODOO_DEMO_USERNAME"], os.environ.get("ODOO_DEMO_PASSWORD", ""))
        secret = os.environ["ODOO_API_KEY" if secret_kind == "api_key" else "ODOO_PASSWORD"]
        return cls(os.environ["ODOO_URL"], os.environ["ODOO_DATABASE"], os.environ["ODOO_USERNAME"],
                   secret, demo=demo, secret_kind=secret_kind, server_log=os.environ.get("ODOO_SERVER_LOG"))

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
            "odoo_secret_kind": self.secret_kind,
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
        self._log_offset = os.path.getsize(self.server_log) if self.server_log else 0

    def deprecation_warnings(self):
        """Deprecated-endpoint calls since reset(): the simulator's count, or the real server's log lines."""
        if self.simulator:
            return self.simulator.counters()["deprecated"]
        if not self.server_log:
            return None
        with open(self.server_log, "rb") as handle:
            handle.seek(getattr(self, "_log_offset", 0))
            return sum(1 for line in handle if DEPRECATION_LINE.encode() in line)


@contextlib.contextmanager
def simulator_target(version, secret_kind="password"):
    from simulator import Simulator
    with Simulator(version=version) as sim:
        secret = sim.api_key("admin") if secret_kind == "api_key" else "admin"
        yield OdooTarget(sim.url, "odoo", "admin", secret, simulator=sim, demo=("demo", "demo"),
                         secret_kind=secret_kind)


def ansible_env():
    env = dict(os.environ, ANSIBLE_COLLECTIONS_PATH=COLLECTIONS, ANSIBLE_COLLECTIONS_SCAN_SYS_PATH="false",
               ANSIBLE_NOCOLOR="1", ANSIBLE_RETRY_FILES_ENABLED="0", ANSIBLE_LOCALHOST_WARNING="0",
               ANSIBLE_INVENTORY_UNPARSED_WARNING="0", ANSIBLE_PYTHON_INTERPRETER=sys.executable,
               ANSIBLE_ROLES_PATH=os.path.join(ROOT, "roles"))
    for name in ("ODOO_URL", "ODOO_DATABASE", "ODOO_USERNAME", "ODOO_PASSWORD", "ODOO_API_KEY", "ODOO_PROTOCOL"):
        env.pop(name, None)  # the play passes them explicitly; env fallbacks must not mask a bug
    return env


def run_target(target, name, extra_vars=None, check=True, extra_args=()):
    """ansible-playbook on the target's tasks; returns the CompletedProcess."""
    return run_tasks(target, os.path.join(TARGETS, name, "tasks", "main.yml"), name, extra_vars, check, extra_args)


def run_tasks(target, tasks, name, extra_vars=None, check=True, extra_args=()):
    """ansible-playbook on a task file, in a play with the target's connection; the CompletedProcess."""
    variables = target.variables()
    variables.update(extra_vars or {})
    with tempfile.TemporaryDirectory() as tmp:
        playbook = os.path.join(tmp, "play.yml")
        with open(playbook, "w") as handle:
            handle.write(PLAY.format(target=name, tasks=tasks))
        vars_file = os.path.join(tmp, "vars.json")
        with open(vars_file, "w") as handle:
            json.dump(variables, handle)
        command = [ANSIBLE_PLAYBOOK, "-i", "localhost,", playbook, "-e", "@" + vars_file] + list(extra_args)
        process = subprocess.run(command, env=ansible_env(), cwd=tmp, capture_output=True, text=True, timeout=600,
                                 check=False)
    if check and process.returncode != 0:
        raise AssertionError("target %s failed (rc=%d)\n%s\n%s" % (name, process.returncode, process.stdout[-20000:],
                                                                   process.stderr[-5000:]))
    return process


def run_shipped_playbook(target, name, host_vars, extra_args=()):
    """One of playbooks/*.yml against the target, as its one host of odoo_databases; the CompletedProcess."""
    host = dict(host_vars, odoo_url=target.url, odoo_database=target.database, odoo_username=target.username,
                odoo_password=target.password)
    inventory = {"all": {"children": {"odoo_databases": {"hosts": {"odoo": host}}}}}
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "inventory.yml")
        with open(path, "w") as handle:
            json.dump(inventory, handle)  # JSON is YAML
        command = [ANSIBLE_PLAYBOOK, "-i", path, os.path.join(ROOT, "playbooks", name)] + list(extra_args)
        return subprocess.run(command, env=ansible_env(), cwd=tmp, capture_output=True, text=True, timeout=900,
                              check=False)
