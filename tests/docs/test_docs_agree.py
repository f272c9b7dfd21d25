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


def plugin_files():
    for kind in sorted(os.listdir(os.path.join(ROOT, "plugins"))):
        folder = os.path.join(ROOT, "plugins", kind)
        for name in sorted(os.listdir(folder)) if os.path.isdir(folder) else ():
            if name.endswith(".py") and "\nDOCUMENTATION" in read("plugins", kind, name):
                yield "plugins/%s/%s" % (kind, name)


@pytest.mark.parametrize("path", list(plugin_files()))
def test_every_plugin_names_its_authors(path):
    """ansible-doc shows `author:` as written; `!UNKNOWN` is ansible-test's placeholder, not a name."""
    tree = ast.parse(read(path))
    text = next(node.value.value for node in tree.body if isinstance(node, ast.Assign)
                and getattr(node.targets[0], "id", None) == "DOCUMENTATION")
    authors = yaml.safe_load(text)["author"]
    assert authors and all("!UNKNOWN" not in author and re.search(r"\(@[\w-]+\)$", author) for author in authors), authors


DOC_SOURCES = sorted(set(list(plugin_files()) + ["plugins/doc_fragments/%s" % name for name in
                                                 os.listdir(os.path.join(ROOT, "plugins", "doc_fragments"))
                                                 if name.endswith(".py")] +
                         ["roles/%s/meta/argument_specs.yml" % role for role in os.listdir(os.path.join(ROOT, "roles"))]))


@pytest.mark.parametrize("path", DOC_SOURCES)
def test_markup_does_not_end_at_a_parenthesis_of_its_text(path):
    """C(), I() and B() end at the first ')' (ansible-doc, antsibull): `C(Sync (Daily))` renders as
    `Sync (Daily')` then ')'. V(), O(), RV() and E() take the escape `\\)`."""
    broken = [match.group(0) for match in re.finditer(r"\b[CIB]\(([^)]*)\)", read(path)) if "(" in match.group(1)]
    assert not broken, "%s: %s (use V(...\\)) for a value with parentheses)" % (path, broken)


SHIPPED_DOCS = ["README.md"] + ["docs/%s" % name for name in sorted(os.listdir(os.path.join(ROOT, "docs")))
                                if name.endswith(".md")]


@pytest.mark.parametrize("path", SHIPPED_DOCS + ["examples/ci/gitlab-ci.yml", "examples/ci/github-actions.yml"])
def test_playbooks_named_in_the_docs_exist(path):
    named = set(re.findall(r"\bodoo_ops\.odoo\.([a-z_]+)\b(?!\.)", read(path)))
    playbooks = set(name[:-len(".yml")] for name in os.listdir(os.path.join(ROOT, "playbooks")) if name.endswith(".yml"))
    # a plugin's name is its DOCUMENTATION's name: (a filter file may be named otherwise), else its file's
    plugins = set()
    for plugin in plugin_files():
        match = re.search(r"^name: *(\w+)", read(plugin), re.M)
        plugins.add(match.group(1) if match else os.path.basename(plugin)[:-len(".py")])
    roles = set(os.listdir(os.path.join(ROOT, "roles")))
    unknown = sorted(named - playbooks - plugins - roles - {"odoo"})        # group/odoo_ops.odoo.odoo
    assert not unknown, "%s names odoo_ops.odoo.%s: no such playbook, plugin or role" % (path, unknown)


def test_the_readme_runs_a_playbook_by_name():
    assert re.search(r"ansible-playbook -i \S+ odoo_ops\.odoo\.whatsapp_sync", read("README.md"))


def test_paths_the_tarball_lacks_are_said_to_be_in_the_source_repository():
    galaxy = yaml.safe_load(read("galaxy.yml"))
    ignored = set(entry.rstrip("/") for entry in galaxy["build_ignore"])
    readme = read("README.md")
    for path in SHIPPED_DOCS:
        for mention in set(re.findall(r"\b((?:examples|tests)/[\w./-]*\w)", read(path))):
            assert mention.split("/")[0] in ignored, mention
            top = "/".join(mention.split("/")[:2]) if mention.startswith("tests/addons") else mention.split("/")[0]
            if top in ("examples", "tests/addons"):
                assert "`%s/`" % top in readme or "`%s" % top in readme, top
    assert galaxy["repository"] in readme and "not in the tarball" in readme
