"""Build the collection's HTML documentation the way the Ansible documentation site does: `make docs-site`.

    python tests/utils/docs_site.py build/docs-site

antsibull-docs sphinx-init writes a Sphinx project into the destination, antsibull-docs collection renders
every plugin's and role's documentation of the installed collection (ANSIBLE_COLLECTIONS_PATH) as RST, and
Sphinx builds the HTML into <dest>/build/html. It is as strict as the generated build.sh (`-W`): any
warning fails, with one exception. Links into the Ansible documentation (`:ref:` labels such as
`action_plugins` that antsibull-docs writes on every module page) resolve through intersphinx inventories
downloaded from the documentation hosts (and so do the `ANSIBLE_*` environment variables of
ansible-core's settings); when none of them can be reached (a machine without network),
those links stay plain text and the build still passes. An undefined label of this collection's own pages
always fails.
"""

import os
import re
import shutil
import subprocess
import sys

COLLECTION = "odoo_ops.odoo"
OWN_LABELS = "ansible_collections.%s." % COLLECTION
UNREACHABLE = "failed to reach any of the inventories"
# `:ref:` labels, and `:envvar:` targets of ansible-core's settings (the inventory cache options' ANSIBLE_CACHE_*)
UNDEFINED_LABEL = re.compile(r"undefined label: '([^']+)'|'envvar' reference target not found: (ANSIBLE_\w+)")


def run(command, cwd):
    print("+ " + " ".join(command), flush=True)
    subprocess.run(command, cwd=cwd, check=True)


def build(dest):
    shutil.rmtree(dest, ignore_errors=True)
    os.makedirs(dest)
    run(["antsibull-docs", "sphinx-init", "--use-current", "--fail-on-error", "--dest-dir", dest,
         "--project", COLLECTION, "--title", COLLECTION, "--copyright", "%s contributors" % COLLECTION,
         COLLECTION], cwd=dest)
    rst = os.path.join(dest, "rst")
    os.makedirs(rst, exist_ok=True)
    os.chmod(rst, 0o755)  # antsibull-docs wants that directory writable by itself only
    run(["antsibull-docs", "--config-file", "antsibull-docs.cfg", "collection", "--cleanup", "everything",
         "--fail-on-error", "--use-current", "--dest-dir", "rst", COLLECTION], cwd=dest)
    warnings_file = os.path.join(dest, "sphinx-warnings.log")
    run(["sphinx-build", "-M", "html", "rst", "build", "-c", ".", "--keep-going", "-q", "-w", warnings_file],
        cwd=dest)
    with open(warnings_file) as handle:
        return handle.read()


def judge(warnings_text):
    """(failures, unresolved external labels) of a Sphinx warnings log."""
    warnings = [line for line in warnings_text.splitlines() if "WARNING:" in line]
    offline = any(UNREACHABLE in line for line in warnings)
    failures, external = [], set()
    for line in warnings:
        if UNREACHABLE in line:
            continue
        label = UNDEFINED_LABEL.search(line)
        name = label and (label.group(1) or label.group(2))
        if name and offline and not name.startswith(OWN_LABELS):
            external.add(name)
            continue
        failures.append(line)
    return failures, sorted(external)


def main(dest):
    dest = os.path.abspath(dest)
    failures, external = judge(build(dest))
    if external:
        print("note: no intersphinx inventory could be fetched (offline?): links to the Ansible documentation "
              "stay plain text: %s" % ", ".join(external))
    if failures:
        print("docs-site: %d Sphinx warning(s):\n%s" % (len(failures), "\n".join(failures)))
        return 1
    index = os.path.join(dest, "build", "html", "index.html")
    if not os.path.isfile(index):
        print("docs-site: Sphinx wrote no %s" % index)
        return 1
    print("docs-site: built %s (open it in a browser, or serve the folder: "
          "python3 -m http.server --bind 127.0.0.1 --directory %s)" % (index, os.path.dirname(index)))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1] if len(sys.argv) > 1 else os.path.join("build", "docs-site")))
