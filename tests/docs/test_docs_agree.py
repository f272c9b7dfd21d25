"""What the docs say agrees with what the collection does and with itself (issue "first day", item 8)."""

import ast
import os
import re
import sys

import pytest
import yaml

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
sys.path.insert(0, os.path.join(ROOT, "tests"))

from simulator.profiles import PROFILES  # noqa: E402  (the simulator knows every version the collection supports)


def read(*path):
    with open(os.path.join(ROOT, *path)) as handle:
        return handle.read()


def documentation(module):
    """The first paragraph of a module's description: what it does, on which versions (later ones give facts
    of some versions only)."""
    tree = ast.parse(read("plugins", "modules", module + ".py"))
    text = next(node.value.value for node in tree.body if isinstance(node, ast.Assign)
                and getattr(node.targets[0], "id", None) == "DOCUMENTATION")
    return yaml.safe_load(text)["description"][0]


SUPPORTED = "14.0 to %s" % max(PROFILES, key=float)


@pytest.mark.parametrize("where,text", [
    ("galaxy.yml description", lambda: yaml.safe_load(read("galaxy.yml"))["description"]),
    ("README, first paragraph", lambda: read("README.md").split("\n\n")[1]),
    ("odoo_cron", lambda: documentation("odoo_cron")),
    ("odoo_cron_run", lambda: documentation("odoo_cron_run")),
])
def test_the_supported_versions_are_the_same_everywhere(where, text):
    found = set(re.findall(r"Odoo (14\.0 to \d+\.0)", " ".join(text().split())))
    assert found == {SUPPORTED}, "%s says Odoo %s; the collection supports %s" % (where, found, SUPPORTED)


def test_every_environment_variable_of_the_connection_is_in_the_readme():
    names = set(re.findall(r"\"(ODOO_[A-Z_]+)\"", read("plugins", "module_utils", "connection.py")))
    assert "ODOO_PROTOCOL" in names, names
    missing = sorted(name for name in names if "`%s`" % name not in read("README.md"))
    assert not missing, "README does not list %s" % missing


def test_the_session_cache_is_documented():
    fact = re.search(r'FACT = "([a-z_]+)"', read("plugins", "plugin_utils", "session.py")).group(1)
    assert "`%s`" % fact in read("README.md")
    assert "C(%s)" % fact in read("plugins", "doc_fragments", "connection.py")


@pytest.mark.parametrize("path", ["docs/pipelines.md", "examples/ci/gitlab-ci.yml", "examples/ci/github-actions.yml"])
def test_the_health_job_runs_cron_health(path):
    text = read(path)
    assert "odoo_ops.odoo.cron_health" in text, path
    assert "odoo_ops.odoo.cron_status" not in text, "%s: the health job must check health, not print status" % path


# The seed's table: the hourly sync is active by default, the frequent and the daily ones are not.
SEED_DEFAULTS = {"whatsapp_sync_hourly": True, "whatsapp_sync_frequent": False, "whatsapp_sync_daily": False}


@pytest.mark.parametrize("path", ["playbooks/inventory/group_vars/odoo_databases/main.yml",
                                  "examples/ci/inventory/group_vars/odoo_databases/main.yml"])
def test_the_example_group_vars_follow_the_seeds_table(path):
    variables = yaml.safe_load(read(path))
    assert dict((name, variables.get(name)) for name in SEED_DEFAULTS) == SEED_DEFAULTS


def test_the_role_defaults_follow_the_seeds_table():
    defaults = yaml.safe_load(read("roles", "whatsapp_sync", "defaults", "main.yml"))
    assert dict((name, defaults.get(name)) for name in SEED_DEFAULTS) == SEED_DEFAULTS
