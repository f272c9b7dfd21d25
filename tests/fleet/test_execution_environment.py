"""execution-environment.yml: `ansible-builder create` (no container build) writes a build context that installs the
built collection and odoorpc into the image."""

import fnmatch
import json
import os
import re
import shutil
import subprocess
import sys
import tarfile

import pytest
import yaml

from fleet_support import ROOT

BIN = os.path.dirname(sys.executable)


def run(command, cwd):
    process = subprocess.run(command, cwd=cwd, capture_output=True, text=True, timeout=300, check=False)
    assert process.returncode == 0, "%s failed (rc=%d)\n%s\n%s" % (
        " ".join(command[:3]), process.returncode, process.stdout[-5000:], process.stderr[-5000:])
    return process.stdout


@pytest.fixture(scope="module")
def context(tmp_path_factory):
    """The build context of the repository's execution-environment.yml, next to a freshly built tarball."""
    work = tmp_path_factory.mktemp("ee")
    for name in ("execution-environment.yml", "requirements.txt"):
        shutil.copy(os.path.join(ROOT, name), str(work / name))
    run([os.path.join(BIN, "ansible-galaxy"), "collection", "build", "--output-path", str(work / "build"), ROOT],
        str(work))
    run([os.path.join(BIN, "ansible-builder"), "create", "-f", "execution-environment.yml", "-c", "context",
         "--output-filename", "Containerfile"], str(work))
    return work / "context"


def requirement(path, name):
    with open(path) as handle:
        return [line.strip() for line in handle if re.match(r"^%s\b" % re.escape(name), line.strip())]


def test_the_context_holds_the_built_collection(context):
    tarballs = os.listdir(str(context / "_build" / "collections"))
    with open(os.path.join(ROOT, "galaxy.yml")) as handle:
        version = yaml.safe_load(handle)["version"]
    assert tarballs == ["odoo_ops-odoo-%s.tar.gz" % version]
    with tarfile.open(str(context / "_build" / "collections" / tarballs[0])) as archive:
        manifest = json.load(archive.extractfile("MANIFEST.json"))["collection_info"]
        names = archive.getnames()
    assert (manifest["namespace"], manifest["name"], manifest["version"]) == ("odoo_ops", "odoo", version)
    assert "plugins/inventory/odoo_databases.py" in names and "playbooks/drift.yml" in names


def test_the_containerfile_installs_the_collection_and_odoorpc(context):
    containerfile = (context / "Containerfile").read_text()
    lines = containerfile.splitlines()
    install = [n for n, line in enumerate(lines) if line.startswith("RUN ansible-galaxy collection install --offline")]
    assert len(install) == 1
    copy = lines.index("COPY _build/collections/ /tmp/odoo_ops/")
    final = max(n for n, line in enumerate(lines) if line.startswith("FROM "))
    user = lines.index("USER 1000")
    assert final < copy < install[0] < user           # in the final image, as root
    assert "--collections-path /usr/share/ansible/collections" in lines[install[0]]
    pattern = re.search(r"/tmp/odoo_ops/(\S+)", lines[install[0]]).group(1)
    assert fnmatch.filter(os.listdir(str(context / "_build" / "collections")), pattern)
    # odoorpc comes from the collection's own requirements.txt, which introspection adds to the image's pip install
    assert requirement(context / "_build" / "requirements.txt", "odoorpc") == \
        requirement(os.path.join(ROOT, "requirements.txt"), "odoorpc") != []
    assert "introspect --user-pip=requirements.txt" in containerfile


def test_the_image_runs_the_ansible_core_the_tests_run(context):
    with open(os.path.join(ROOT, "execution-environment.yml")) as handle:
        definition = yaml.safe_load(handle)
    assert definition["version"] == 3
    assert [definition["dependencies"]["ansible_core"]["package_pip"]] == \
        requirement(os.path.join(ROOT, "requirements-dev.txt"), "ansible-core")
    assert 'ARG ANSIBLE_INSTALL_REFS="%s ansible-runner"' % definition["dependencies"]["ansible_core"]["package_pip"] \
        in (context / "Containerfile").read_text()
