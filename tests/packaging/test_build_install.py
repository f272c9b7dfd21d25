"""The collection as users get it: `ansible-galaxy collection build`, then `install` into an empty
collections path, then a playbook that finds odoo_ops.odoo only there."""

import json
import os
import re
import subprocess
import sys
import tarfile
import uuid

import pytest
import yaml

from simulator import Simulator

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
BIN = os.path.dirname(sys.executable)
RECAP = re.compile(r"^localhost\s+:\s+ok=(\d+)\s+changed=(\d+)\s+unreachable=(\d+)\s+failed=(\d+)", re.M)
# Never in the tarball: the development tree around the collection.
NOT_SHIPPED = ("tests/", ".venv", "build/", ".git/", ".ci/", ".ansible/", "Makefile", "requirements-dev.txt",
               ".ansible-lint", ".yamllint", "changelogs/.plugin-cache.yaml", "changelogs/fragments/")

PLAYBOOK = """
- name: A cron from the installed collection
  hosts: localhost
  connection: local
  gather_facts: false
  module_defaults:
    group/odoo_ops.odoo.odoo:
      url: "{{ odoo_url }}"
      database: odoo
      username: admin
      password: admin
  tasks:
    - name: Declare the cron
      odoo_ops.odoo.odoo_cron:
        name: "{{ cron_name }}"
        model: res.partner
        method: search_count
        args: [[]]
        interval: 1 day
      register: declared

    - name: Print its status with the collection's filter
      ansible.builtin.debug:
        msg: "{{ declared.crons | odoo_ops.odoo.cron_status_lines }}"
"""


def run(command, env, cwd):
    process = subprocess.run(command, env=env, cwd=cwd, capture_output=True, text=True, timeout=300, check=False)
    assert process.returncode == 0, "%s failed (rc=%d)\n%s\n%s" % (
        " ".join(command[:3]), process.returncode, process.stdout[-10000:], process.stderr[-5000:])
    return process.stdout


@pytest.fixture(scope="module")
def installed(tmp_path_factory):
    """(tarball, collections path, environment with only that path) after build and install."""
    work = tmp_path_factory.mktemp("packaging")
    collections = work / "collections"
    env = dict(os.environ, ANSIBLE_COLLECTIONS_PATH=str(collections), ANSIBLE_COLLECTIONS_SCAN_SYS_PATH="false",
               ANSIBLE_NOCOLOR="1", ANSIBLE_RETRY_FILES_ENABLED="0", ANSIBLE_LOCALHOST_WARNING="0",
               ANSIBLE_PYTHON_INTERPRETER=sys.executable)
    for name in ("ODOO_URL", "ODOO_DATABASE", "ODOO_USERNAME", "ODOO_PASSWORD", "ODOO_API_KEY", "ANSIBLE_ROLES_PATH"):
        env.pop(name, None)
    run([os.path.join(BIN, "ansible-galaxy"), "collection", "build", "--output-path", str(work), ROOT], env, str(work))
    with open(os.path.join(ROOT, "galaxy.yml")) as handle:
        version = yaml.safe_load(handle)["version"]
    tarball = work / ("odoo_ops-odoo-%s.tar.gz" % version)
    assert tarball.is_file()
    run([os.path.join(BIN, "ansible-galaxy"), "collection", "install", "--offline", "-p", str(collections),
         str(tarball)], env, str(work))
    return tarball, collections, env


def repository_files(*folders):
    found = set()
    for folder in folders:
        for directory, dirs, files in os.walk(os.path.join(ROOT, folder)):
            dirs[:] = [name for name in dirs if name != "__pycache__"]
            found.update(os.path.relpath(os.path.join(directory, name), ROOT) for name in files
                         if not name.endswith(".pyc"))
    return found


def test_tarball_holds_the_collection_and_nothing_of_the_development_tree(installed):
    tarball = installed[0]
    with tarfile.open(str(tarball)) as archive:
        names = set(member.name for member in archive.getmembers() if member.isfile())
    shipped_wrongly = sorted(name for name in names
                             if name.startswith(NOT_SHIPPED) or "simulator" in name or "__pycache__" in name)
    assert shipped_wrongly == []
    missing = sorted(repository_files("plugins", "roles", "playbooks", "meta") - names)
    assert missing == []
    assert {"MANIFEST.json", "FILES.json", "README.md", "CHANGELOG.md", "changelogs/changelog.yaml", "COPYING",
            "meta/execution-environment.yml", "requirements.txt"} <= names


def test_tarball_ships_the_license_text_and_declares_its_python_dependency(installed):
    with tarfile.open(str(installed[0])) as archive:
        license_text = archive.extractfile("COPYING").read().decode("utf-8")
        environment = yaml.safe_load(archive.extractfile("meta/execution-environment.yml"))
        requirements = archive.extractfile(environment["dependencies"]["python"]).read().decode("utf-8")
        manifest = json.load(archive.extractfile("MANIFEST.json"))
    # Every file's header says "GNU General Public License v3.0+ (see COPYING ...)".
    assert "GNU GENERAL PUBLIC LICENSE" in license_text and "Version 3, 29 June 2007" in license_text
    assert manifest["collection_info"]["license"] == ["GPL-3.0-or-later"]
    assert environment["dependencies"]["python"] == "requirements.txt"
    assert re.search(r"^odoorpc\b", requirements, re.M)


def test_installed_collection_is_listed_and_documented_from_the_install_path(installed):
    _tarball, collections, env = installed
    listing = run([os.path.join(BIN, "ansible-galaxy"), "collection", "list", "--format", "json"], env,
                  str(collections))
    holding = [path for path, found in json.loads(listing).items() if "odoo_ops.odoo" in found]
    assert holding == [str(collections / "ansible_collections")]
    tree = collections / "ansible_collections" / "odoo_ops" / "odoo"
    assert not (tree / "tests").exists()
    assert (tree / "roles" / "whatsapp_sync" / "meta" / "argument_specs.yml").is_file()
    doc = json.loads(run([os.path.join(BIN, "ansible-doc"), "--json", "odoo_ops.odoo.odoo_cron"], env,
                         str(collections)))
    assert doc["odoo_ops.odoo.odoo_cron"]["doc"]["filename"].startswith(str(tree))


def test_playbook_runs_from_the_installed_collection(installed):
    _tarball, collections, env = installed
    work = collections.parent
    playbook = work / "play.yml"
    playbook.write_text(PLAYBOOK)
    sim = Simulator(version="14.0").start()
    try:
        command = [os.path.join(BIN, "ansible-playbook"), "-i", "localhost,", str(playbook),
                   "-e", json.dumps({"odoo_url": sim.url, "cron_name": "packaging %s" % uuid.uuid4().hex[:8]})]
        first = RECAP.search(run(command, env, str(work)))
        second = RECAP.search(run(command, env, str(work)))
        crons = [row for row in sim.records("ir.cron") if row["cron_name"].startswith("packaging ")]
    finally:
        sim.stop()
    assert first and second
    assert first.groups() == ("2", "1", "0", "0")     # created
    assert second.groups() == ("2", "0", "0", "0")    # the re-run changes nothing
    assert len(crons) == 1
