"""Runs one integration target (tests/integration/targets/<name>/tasks/main.yml) with real
ansible-playbook against a simulator or a real Odoo."""

import contextlib
import json
import os
import re
import subprocess
import sys
import tempfile
import uuid

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
TARGETS = os.path.join(HERE, "targets")
# What every target shares: the independent RPC check (rpc.yml, action_plugins/) and the ansible-test play.
SETUP = os.path.join(TARGETS, "setup_odoo")
COLLECTIONS = os.path.join(ROOT, "build", "collections")
ANSIBLE_PLAYBOOK = os.path.join(os.path.dirname(sys.executable), "ansible-playbook")

PLAY = """
- name: integration target {target}
  hosts: {hosts}
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
                 server_log=None, bootstrap=None):
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
        # The administrator that bootstraps the users of automation_users (login, password): creating a user
        # creates its res.partner, which needs Extra Rights / Contact Creation (base.group_partner_manager, base's
        # ir.model.access.csv, 14.0-19.0); the apply user (Settings) lacks it. Default: the target's own login.
        self.bootstrap = bootstrap or (username, password)

    @classmethod
    def from_environment(cls, secret_kind="password"):
        demo = None
        if os.environ.get("ODOO_DEMO_USERNAME"):
            demo = (os.environ["ODOO_DEMO_USERNAME"], os.environ.get("ODOO_DEMO_PASSWORD", ""))
        secret = os.environ["ODOO_API_KEY" if secret_kind == "api_key" else "ODOO_PASSWORD"]
        bootstrap = None
        if os.environ.get("ODOO_BOOTSTRAP_USERNAME"):
            bootstrap = (os.environ["ODOO_BOOTSTRAP_USERNAME"], os.environ.get("ODOO_BOOTSTRAP_PASSWORD", ""))
        return cls(os.environ["ODOO_URL"], os.environ["ODOO_DATABASE"], os.environ["ODOO_USERNAME"],
                   secret, demo=demo, secret_kind=secret_kind, server_log=os.environ.get("ODOO_SERVER_LOG"),
                   bootstrap=bootstrap)

    @property
    def kind(self):
        return "simulator" if self.simulator else "real"

    def variables(self):
        return {
            "odoo_url": self.url, "odoo_database": self.database, "odoo_username": self.username,
            "odoo_password": self.password, "odoo_target": self.kind,
            "odoo_bootstrap_username": self.bootstrap[0], "odoo_bootstrap_password": self.bootstrap[1],
            "odoo_demo_username": self.demo[0] if self.demo else "",
            "odoo_demo_password": self.demo[1] if self.demo else "",
            "run_id": uuid.uuid4().hex[:8],
            "simulator_url": self.simulator.url if self.simulator else "",
            "rpc_tasks": os.path.join(SETUP, "rpc.yml"),
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

    def missing_models(self):
        """Calls since reset() that named a model the simulated server lacks ({} on a real server: not counted)."""
        return dict(self.simulator.counters().get("missing_models") or {}) if self.simulator else {}

    def deprecation_warnings(self):
        """Deprecated-endpoint calls since reset(): the simulator's count, or the real server's log lines."""
        if self.simulator:
            return self.simulator.counters()["deprecated"]
        if not self.server_log:
            return None
        with open(self.server_log, "rb") as handle:
            handle.seek(getattr(self, "_log_offset", 0))
            return sum(1 for line in handle if DEPRECATION_LINE.encode() in line)


# The scenarios run as the apply user of playbooks/automation_users.yml (issue 21: every module works with it),
# not as admin: Administration / Settings and Internal User, as the role's automation_users_apply_groups.
APPLY_USER = {"login": "ansible_apply", "name": "Ansible (apply)", "groups": ["base.group_user", "base.group_system"],
              "password": "apply-Secret-21"}


@contextlib.contextmanager
def simulator_target(version, secret_kind="password"):
    from simulator import Simulator
    with Simulator(version=version, extra_users=[APPLY_USER]) as sim:
        login = APPLY_USER["login"]
        secret = sim.api_key(login) if secret_kind == "api_key" else APPLY_USER["password"]
        yield OdooTarget(sim.url, "odoo", login, secret, simulator=sim, demo=("demo", "demo"),
                         secret_kind=secret_kind, bootstrap=("admin", "admin"))


# The first version whose transport depends on the kind of secret (JSON-2 or the web session): from it on, every
# profile is two variants, "sim-<version>" (a password) and "sim-<version>-apikey" (an API key).
TWO_SECRETS_SINCE = 19
# The oldest major Odoo itself still supports (odoo.com's support policy: the last three majors).
SUPPORTED_SINCE = 18


def default_profiles():
    """The oldest profile the simulator knows (many databases still run it), and every supported major."""
    from simulator import PROFILES
    versions = sorted(PROFILES, key=lambda version: PROFILES[version].major)
    return [versions[0]] + [version for version in versions[1:] if PROFILES[version].major >= SUPPORTED_SINCE]


def integration_profiles():
    """ODOO_SIM_PROFILES (a comma-separated list), or the default profiles."""
    chosen = os.environ.get("ODOO_SIM_PROFILES")
    return chosen.split(",") if chosen else default_profiles()


def variant_names(profiles):
    """Host names of the simulated variants: sim-14.0, sim-18.0, sim-19.0, sim-19.0-apikey, ..."""
    names = []
    for profile in profiles:
        names.append("sim-%s" % profile)
        if float(profile) >= TWO_SECRETS_SINCE:
            names.append("sim-%s-apikey" % profile)
    return names


def configured_variants():
    """What the scenarios run on: the real server once per secret given, else every simulated variant."""
    if real_target_configured():
        return ["real-%s" % kind for kind in real_secret_kinds()]
    return variant_names(integration_profiles())


class Fleet:
    """The session's targets by variant name, each started once (one simulator per variant) and reset per use."""

    def __init__(self, names):
        self.names = list(names)
        self._targets = {}
        self._stack = contextlib.ExitStack()

    def target(self, name):
        if name not in self._targets:
            if name.startswith("real-"):
                self._targets[name] = OdooTarget.from_environment(name[len("real-"):])
            else:
                version, _sep, variant = name[len("sim-"):].partition("-")
                kind = "api_key" if variant == "apikey" else "password"
                self._targets[name] = self._stack.enter_context(simulator_target(version, kind))
        return self._targets[name]

    def plays(self):
        """Groups of variants that may share one play: every simulated one together (each has its own
        simulator), a real server's variants one at a time (they share its database)."""
        simulated = [name for name in self.names if not name.startswith("real-")]
        return ([simulated] if simulated else []) + [[name] for name in self.names if name.startswith("real-")]

    def close(self):
        self._stack.close()


class TargetRuns:
    """Each integration target run once over the whole fleet, its outcome kept for every variant's test."""

    def __init__(self, fleet):
        self.fleet = fleet
        self._outcomes = {}

    def outcome(self, name, variant):
        """(PlayRun, deprecated calls seen, calls naming missing models) of ``variant`` in target ``name``."""
        return self._run(name)[variant]

    def _run(self, name):
        if name not in self._outcomes:
            self._outcomes[name] = {}
            for group in self.fleet.plays():
                targets = dict((host, self.fleet.target(host)) for host in group)
                for target in targets.values():
                    target.reset()
                run = run_target(targets, name, check=False)
                for host, target in targets.items():
                    self._outcomes[name][host] = (run, target.deprecation_warnings(), target.missing_models())
        return self._outcomes[name]


def ansible_env():
    env = dict(os.environ, ANSIBLE_COLLECTIONS_PATH=COLLECTIONS, ANSIBLE_COLLECTIONS_SCAN_SYS_PATH="false",
               ANSIBLE_NOCOLOR="1", ANSIBLE_RETRY_FILES_ENABLED="0", ANSIBLE_LOCALHOST_WARNING="0",
               ANSIBLE_INVENTORY_UNPARSED_WARNING="0", ANSIBLE_PYTHON_INTERPRETER=sys.executable,
               ANSIBLE_ROLES_PATH=os.path.join(ROOT, "roles"), ANSIBLE_ACTION_PLUGINS=os.path.join(SETUP, "action_plugins"))
    for name in ("ODOO_URL", "ODOO_DATABASE", "ODOO_USERNAME", "ODOO_PASSWORD", "ODOO_API_KEY", "ODOO_PROTOCOL"):
        env.pop(name, None)  # the play passes them explicitly; env fallbacks must not mask a bug
    return env


def inventory(targets):
    """An inventory whose hosts are the targets (name -> OdooTarget), each with its connection as host vars."""
    hosts = {}
    for host, target in targets.items():
        hosts[host] = dict(target.variables(), ansible_connection="local",
                           ansible_python_interpreter=sys.executable)
    return {"all": {"hosts": hosts}}


def run_tasks(targets, tasks, name, extra_vars=None, check=True, extra_args=()):
    """ansible-playbook on a task file, in one play over the targets (name -> OdooTarget; a lone OdooTarget is
    the host "odoo"), one fork per host: one process for the whole fleet. Returns a PlayRun."""
    if isinstance(targets, OdooTarget):
        targets = {"odoo": targets}
    with tempfile.TemporaryDirectory() as tmp:
        playbook = os.path.join(tmp, "play.yml")
        with open(playbook, "w") as handle:
            handle.write(PLAY.format(target=name, tasks=tasks, hosts="all"))
        inventory_file = os.path.join(tmp, "inventory.json")
        with open(inventory_file, "w") as handle:
            json.dump(inventory(targets), handle)
        command = [ANSIBLE_PLAYBOOK, "-i", inventory_file, playbook, "--forks", str(max(1, len(targets)))]
        if extra_vars:
            vars_file = os.path.join(tmp, "vars.json")
            with open(vars_file, "w") as handle:
                json.dump(extra_vars, handle)
            command += ["-e", "@" + vars_file]
        process = subprocess.run(command + list(extra_args), env=ansible_env(), cwd=tmp, capture_output=True,
                                 text=True, timeout=900, check=False)
    run = PlayRun(name, process, list(targets))
    if check and process.returncode != 0:
        raise AssertionError(run.report())
    return run


def run_target(targets, name, extra_vars=None, check=True, extra_args=()):
    """One integration target (targets/<name>/tasks/main.yml) over the targets; a PlayRun."""
    return run_tasks(targets, os.path.join(TARGETS, name, "tasks", "main.yml"), name, extra_vars, check, extra_args)


RECAP_LINE = re.compile(r"^(\S+)\s+: ok=(\d+)\s+changed=(\d+)\s+unreachable=(\d+)\s+failed=(\d+)", re.M)
# The lines of the default callback that say which host they are about; the lines after one (a result's
# continuation) belong to the same host.
RESULT_PREFIXES = ("ok: [", "changed: [", "skipping: [", "fatal: [", "failed: [", "included: ", "FAILED - RETRYING: [",
                   "...ignoring", "...skipping")


class PlayRun:
    """One ansible-playbook run over several hosts: its recap per host, and what it printed about each."""

    def __init__(self, name, process, hosts):
        self.name = name
        self.process = process
        self.stdout = process.stdout
        self.stderr = process.stderr
        self.returncode = process.returncode
        self.hosts = hosts
        counts = ("ok", "changed", "unreachable", "failed")
        self.recap = dict((match.group(1), dict(zip(counts, (int(n) for n in match.groups()[1:]))))
                          for match in RECAP_LINE.finditer(self.stdout))

    def host_ok(self, host):
        recap = self.recap.get(host)
        return bool(recap) and recap["failed"] == 0 and recap["unreachable"] == 0

    def transcript(self, host):
        """The task banners and the lines about ``host`` (its results, failures and messages), in order."""
        lines, banner, mine = [], None, False
        for line in self.stdout.splitlines():
            if line.startswith(("TASK [", "PLAY [", "RUNNING HANDLER [")):
                banner, mine = line, False
            elif line.startswith(RESULT_PREFIXES):
                included_for = line.split(" for ")[-1].split(", ") if line.startswith("included: ") else []
                mine = "[%s]" % host in line or host in included_for or (line.startswith("...") and mine)
            if mine and line.strip():
                if banner:
                    lines.append(banner)
                    banner = None
                lines.append(line)
        return "\n".join(lines)

    def report(self, host=None):
        """What a failure shows: the host's transcript (all hosts when None), its recap, and Ansible's stderr."""
        hosts = [host] if host else self.hosts
        parts = ["target %s rc=%d" % (self.name, self.returncode)]
        for name in hosts:
            parts.append("----- host %s: %s" % (name, self.recap.get(name, "no recap (did it run?)")))
            parts.append(self.transcript(name)[-15000:])
        parts.append("----- stderr\n" + self.stderr[-5000:])
        return "\n".join(parts)


def run_shipped_playbook(targets, name, host_vars, extra_args=()):
    """One of playbooks/*.yml over the targets (name -> OdooTarget), each a host of odoo_databases, in one run;
    a PlayRun."""
    hosts = dict((host, dict(host_vars, odoo_url=target.url, odoo_database=target.database,
                             odoo_username=target.username, odoo_password=target.password))
                 for host, target in targets.items())
    inventory = {"all": {"children": {"odoo_databases": {"hosts": hosts}}}}
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "inventory.yml")
        with open(path, "w") as handle:
            json.dump(inventory, handle)  # JSON is YAML
        command = [ANSIBLE_PLAYBOOK, "-i", path, os.path.join(ROOT, "playbooks", name), "--forks",
                   str(len(targets))] + list(extra_args)
        process = subprocess.run(command, env=ansible_env(), cwd=tmp, capture_output=True, text=True, timeout=900,
                                 check=False)
    return PlayRun(name, process, list(targets))
