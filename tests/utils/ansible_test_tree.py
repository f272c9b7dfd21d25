"""Prepare a tree `ansible-test` accepts: `python tests/utils/ansible_test_tree.py build/sanity`.

ansible-test wants the collection at .../ansible_collections/odoo_ops/odoo and refuses symlinks, so the
files git knows (tracked, plus untracked ones not ignored: what a commit would hold) are copied into
<dest>/ansible_collections/odoo_ops/odoo. Run ansible-test there with ANSIBLE_TEST_CONTENT_ROOT set to
that path, so that it lists the copied files instead of asking the enclosing git checkout (where build/
is ignored).

ansible-test bootstraps pip in each of its sanity venvs with a get-pip.py it downloads from a host
outside the package registries. When that script is not cached yet, a stand-in is cached in its place:
it installs the same pip version from the package index, starting from the interpreter's own ensurepip.
"""

import os
import shutil
import subprocess
import sys
import types

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
NAMESPACE, NAME = "odoo_ops", "odoo"
NEVER_COPIED = (".git", ".venv", "build", ".ansible", ".pytest_cache", "tests/output")

GET_PIP_STAND_IN = '''"""Stand-in for get-pip.py, written by tests/utils/ansible_test_tree.py of odoo_ops.odoo."""
import subprocess
import sys

ARGS = [arg for arg in sys.argv[1:] if arg not in ("--no-setuptools", "--no-wheel")]
subprocess.check_call([sys.executable, "-m", "ensurepip", "--default-pip"], stdout=subprocess.DEVNULL)
subprocess.check_call([sys.executable, "-m", "pip", "install", "--upgrade"] + ARGS)
'''


def source_files():
    """Paths relative to ROOT: git's view of the work tree, or a walk when this is not a git checkout."""
    try:
        listed = subprocess.run(["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
                                cwd=ROOT, capture_output=True, check=True).stdout.decode("utf-8")
        paths = [path for path in listed.split("\0") if path]
    except (OSError, subprocess.CalledProcessError):
        paths = []
        for directory, dirs, files in os.walk(ROOT):
            dirs[:] = [name for name in dirs if name != "__pycache__"]
            paths.extend(os.path.relpath(os.path.join(directory, name), ROOT) for name in files)
    return sorted(path for path in paths
                  if os.path.lexists(os.path.join(ROOT, path))
                  and not any(path == skip or path.startswith(skip + "/") for skip in NEVER_COPIED)
                  and "__pycache__" not in path.split("/") and not path.endswith(".pyc"))


def stage(dest):
    """Copy the collection into <dest>/ansible_collections/odoo_ops/odoo (emptied first); return that path."""
    tree = os.path.join(os.path.abspath(dest), "ansible_collections", NAMESPACE, NAME)
    if os.path.exists(dest):
        shutil.rmtree(dest)
    for path in source_files():
        target = os.path.join(tree, path)
        os.makedirs(os.path.dirname(target), exist_ok=True)
        shutil.copy2(os.path.join(ROOT, path), target, follow_symlinks=False)
    return tree


def provide_pip_bootstrap():
    """Cache the get-pip.py stand-in where ansible-test looks first, unless a script is there already."""
    try:
        from ansible_test._internal.python_requirements import get_venv_packages
    except ImportError:
        return None
    version = get_venv_packages(types.SimpleNamespace(version="%d.%d" % sys.version_info[:2]))["pip"]
    path = os.path.expanduser("~/.ansible/test/cache/get_pip_%s.py" % version.replace(".", "_"))
    if not os.path.exists(path):
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "w") as handle:
            handle.write(GET_PIP_STAND_IN)
    return path


def main(argv):
    if len(argv) != 2:
        sys.exit("usage: %s DEST" % argv[0])
    provide_pip_bootstrap()
    print(stage(argv[1]))


if __name__ == "__main__":
    main(sys.argv)
