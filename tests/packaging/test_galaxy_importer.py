"""What Galaxy does with every upload: galaxy-importer on the built tarball, which must pass with no error and
no warning. galaxy-importer lives in its own venv (`make packaging` creates build/importer-venv from
tests/packaging/importer-requirements.txt: its pins are not the dev venv's); its settings are
tests/packaging/galaxy-importer.cfg (ansible-doc and ansible-lint on, its ansible-test run off)."""

import json
import os
import re
import subprocess
import sys

import pytest
import yaml

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
HERE = os.path.dirname(os.path.abspath(__file__))
IMPORTER_VENV = os.environ.get("GALAXY_IMPORTER_VENV", os.path.join(ROOT, "build", "importer-venv"))
IMPORTER_BIN = os.path.join(IMPORTER_VENV, "bin")
# galaxy_importer.main logs "LEVEL: message" for every level but INFO.
COMPLAINT = re.compile(r"^(WARNING|ERROR|CRITICAL):")
# A plugin that documents itself (a module, an inventory or lookup plugin, ...): DOCUMENTATION at the top level.
DOCUMENTED = re.compile(r"^DOCUMENTATION\s*=", re.M)


def complaints(output):
    """The lines of galaxy-importer's output that Galaxy would show as a warning or an error."""
    return [line for line in output.splitlines() if COMPLAINT.match(line)]


@pytest.mark.parametrize("output, expected", [
    ("Importing with galaxy-importer 0.4.44\nImporter processing completed successfully\n", []),
    ("Linting collection via ansible-lint 26.10.1...\n"
     "WARNING: changelogs/fragments/playbooks.yml:1: syntax-check[specific]: A playbook must be a list of plays\n",
     ["WARNING: changelogs/fragments/playbooks.yml:1: syntax-check[specific]: A playbook must be a list of plays"]),
    ("ERROR: The import failed for the following reason: Invalid collection metadata. 'repository' is required\n",
     ["ERROR: The import failed for the following reason: Invalid collection metadata. 'repository' is required"]),
    ("Loading module odoo_cron\n  a WARNING: inside a line\n", []),
])
def test_complaints_are_the_warning_and_error_lines(output, expected):
    assert complaints(output) == expected


def documented_plugins():
    """{(plugin type, name)} of the collection's plugins that carry DOCUMENTATION, whatever the collection holds."""
    found = set()
    plugins = os.path.join(ROOT, "plugins")
    for plugin_type in sorted(os.listdir(plugins)):
        # Not one plugin per file: Galaxy names filter and test files by the file, ansible-doc by the plugin.
        if plugin_type in ("module_utils", "doc_fragments", "plugin_utils", "filter", "test"):
            continue
        folder = os.path.join(plugins, plugin_type)
        for name in sorted(os.listdir(folder)) if os.path.isdir(folder) else []:
            if name.endswith(".py") and not name.startswith("_"):
                with open(os.path.join(folder, name)) as handle:
                    if DOCUMENTED.search(handle.read()):
                        # Galaxy's content type: the folder's name, "module" for plugins/modules.
                        found.add(("module" if plugin_type == "modules" else plugin_type, name[:-3]))
    return found


@pytest.fixture(scope="module")
def imported(tmp_path_factory):
    """(output, result) of galaxy-importer on a freshly built tarball."""
    python = os.path.join(IMPORTER_BIN, "python")
    assert os.path.isfile(python), "no galaxy-importer venv at %s: run `make packaging`" % IMPORTER_VENV
    work = tmp_path_factory.mktemp("importer")
    subprocess.run([os.path.join(os.path.dirname(sys.executable), "ansible-galaxy"), "collection", "build",
                    "--output-path", str(work), ROOT], check=True, capture_output=True, cwd=str(work))
    with open(os.path.join(ROOT, "galaxy.yml")) as handle:
        version = yaml.safe_load(handle)["version"]
    tarball = work / ("odoo_ops-odoo-%s.tar.gz" % version)
    env = {name: value for name, value in os.environ.items()
           if not name.startswith(("GALAXY_IMPORTER_", "ANSIBLE_"))}
    env.update(GALAXY_IMPORTER_CONFIG=os.path.join(HERE, "galaxy-importer.cfg"),
               GALAXY_IMPORTER_TMP_ROOT_DIR=str(work), GALAXY_IMPORTER_ANSIBLE_LOCAL_TMP=str(work / "ansible-tmp"),
               # The importer runs ansible-doc and ansible-lint by name: its venv's, not the dev venv's.
               PATH=IMPORTER_BIN + os.pathsep + env.get("PATH", ""), HOME=str(work), NO_COLOR="1")
    process = subprocess.run([python, "-m", "galaxy_importer.main", str(tarball)], cwd=str(work), env=env,
                             capture_output=True, text=True, timeout=600, check=False)
    output = process.stdout + process.stderr
    assert process.returncode == 0, output[-10000:]
    with open(str(work / "importer_result.json")) as handle:
        return output, json.load(handle)


def test_galaxy_importer_accepts_the_tarball_with_no_warning_and_no_error(imported):
    output, _result = imported
    assert complaints(output) == [], output[-10000:]
    assert "Importer processing completed successfully" in output


def test_galaxy_importer_ran_ansible_doc_and_ansible_lint(imported):
    output, _result = imported
    for step in ("Getting doc strings via ansible-doc", "Linting collection via ansible-lint",
                 "...ansible-lint run complete"):
        assert step in output, output[-10000:]


def test_every_documented_plugin_has_its_documentation_on_galaxy(imported):
    _output, result = imported
    with_docs = set((item["content_type"], item["content_name"]) for item in result["docs_blob"]["contents"]
                    if item.get("doc_strings"))
    expected = documented_plugins()
    assert ("module", "odoo_cron") in expected
    assert sorted(expected - with_docs) == []


def test_galaxy_reads_the_metadata_users_need(imported):
    _output, result = imported
    metadata = result["metadata"]
    with open(os.path.join(ROOT, "galaxy.yml")) as handle:
        declared = yaml.safe_load(handle)
    for key in ("repository", "documentation", "homepage", "issues"):
        assert metadata[key] == declared[key] and metadata[key].startswith("https://")
    assert metadata["license"] == ["GPL-3.0-or-later"]
    with open(os.path.join(ROOT, "meta", "runtime.yml")) as handle:
        assert result["requires_ansible"] == yaml.safe_load(handle)["requires_ansible"]
