"""Helpers of the monitoring suite: Prometheus' own tools, the text format read back, and the metrics playbook run
over a fleet of simulators (one inventory host per profile, one ansible-playbook run)."""

import os
import re
import shutil
import subprocess
import sys

import pytest
import yaml

from shared_simulators import shared_simulator
from simulator import PROFILES

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
BIN = os.path.dirname(sys.executable)
EXAMPLES = os.path.join(ROOT, "examples", "prometheus")
INSTALL_HINT = "Debian: apt-get install prometheus prometheus-node-exporter (tests/utils/install_test_tools.sh)"


def tool(name, *alternatives):
    """The path of a Prometheus tool, or skip the test saying which package brings it."""
    for candidate in (name,) + alternatives:
        path = shutil.which(candidate)
        if path:
            return path
    pytest.skip("%s is not installed (%s)" % (name, INSTALL_HINT))


def ansible_env(**extra):
    env = dict(os.environ, ANSIBLE_COLLECTIONS_PATH=os.path.join(ROOT, "build", "collections"),
               ANSIBLE_COLLECTIONS_SCAN_SYS_PATH="false", ANSIBLE_NOCOLOR="1", ANSIBLE_LOCALHOST_WARNING="0",
               ANSIBLE_RETRY_FILES_ENABLED="0", ANSIBLE_PYTHON_INTERPRETER=sys.executable)
    for name in ("ODOO_URL", "ODOO_DATABASE", "ODOO_USERNAME", "ODOO_PASSWORD", "ODOO_API_KEY"):
        env.pop(name, None)
    env.update(extra)
    return env


def write_inventory(directory, hosts):
    """hosts: {inventory host: {odoo_url, ...}}; admin/admin on database odoo unless given."""
    inventory = {"all": {"children": {"odoo_databases": {"hosts": dict(
        (name, dict({"odoo_database": "odoo", "odoo_username": "admin", "odoo_password": "admin"}, **values))
        for name, values in hosts.items())}}}}
    path = os.path.join(str(directory), "inventory.yml")
    with open(path, "w") as handle:
        yaml.safe_dump(inventory, handle)
    return path


def run_metrics_playbook(inventory, *extra):
    command = [os.path.join(BIN, "ansible-playbook"), "-i", inventory,
               os.path.join(ROOT, "playbooks", "cron_metrics.yml"), "-f", "8"] + list(extra)
    process = subprocess.run(command, env=ansible_env(), capture_output=True, text=True, timeout=300, check=False)
    return process.returncode, process.stdout + process.stderr


_SAMPLE = re.compile(r'^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (\S+)$')
_LABEL = re.compile(r'\s*([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"\s*,?')
_UNESCAPE = {"\\\\": "\\", '\\"': '"', "\\n": "\n"}


def parse_metrics(text):
    """[(name, {label: value}, float)] of the samples of a text exposition (escapes undone)."""
    samples = []
    for line in text.splitlines():
        if not line or line.startswith("#"):
            continue
        match = _SAMPLE.match(line)
        assert match, "not a sample line: %r" % line
        name, labels, value = match.groups()
        parsed, rest = {}, labels or ""
        while rest:
            label = _LABEL.match(rest)
            assert label, "bad labels in %r" % line
            parsed[label.group(1)] = re.sub(r'\\[\\"n]', lambda m: _UNESCAPE[m.group(0)], label.group(2))
            rest = rest[label.end():]
        samples.append((name, parsed, float(value)))
    return samples


def series(samples, name, **labels):
    """The values of the samples of ``name`` whose labels include ``labels``."""
    return [value for metric, found, value in samples
            if metric == name and all(found.get(key) == wanted for key, wanted in labels.items())]


def fleet_of(simulators, versions=None):
    """{profile: simulator} of these profiles (default every profile the simulator knows), each fresh."""
    for version in versions or sorted(PROFILES):
        shared_simulator(simulators, version)
        sim = simulators[version]
        sim.reset()             # also sets the time limits back
        sim.clear_faults()
    return dict((version, simulators[version]) for version in versions or sorted(PROFILES))
