"""Print the path of a Python interpreter whose version is in a range: `make matrix` picks its controllers.

    python3 tests/utils/find_python.py 3.12 3.14     # the newest 3.12 <= X.Y <= 3.14 found

Looks for `pythonX.Y` on PATH (a pyenv shim there only counts when it runs), then, when pyenv exists, in the
versions pyenv has installed. Prints nothing and exits 1 when none is found.
"""

import os
import shutil
import subprocess
import sys


def version_of(executable):
    """(major, minor) of an interpreter that runs, else None."""
    try:
        out = subprocess.run([executable, "-c", "import sys; print('%d.%d' % sys.version_info[:2])"],
                             capture_output=True, text=True, timeout=30, check=True).stdout
    except (OSError, subprocess.SubprocessError):
        return None
    return tuple(int(part) for part in out.strip().split("."))


def pyenv_candidates(pyenv, minor_version):
    """Interpreters pyenv installed for X.Y, newest patch release first."""
    try:
        bare = subprocess.run([pyenv, "versions", "--bare"], capture_output=True, text=True, timeout=30,
                              check=True).stdout.split()
    except (OSError, subprocess.SubprocessError):
        return []
    matching = [name for name in bare if name.startswith(minor_version + ".") and name.replace(".", "").isdigit()]
    matching.sort(key=lambda name: tuple(int(part) for part in name.split(".")), reverse=True)
    found = []
    for name in matching:
        prefix = subprocess.run([pyenv, "prefix", name], capture_output=True, text=True, timeout=30,
                                check=False).stdout.strip()
        if prefix:
            found.append(os.path.join(prefix, "bin", "python" + minor_version))
    return found


def find(low, high):
    pyenv = shutil.which("pyenv")
    for minor in range(high[1], low[1] - 1, -1):
        wanted = (low[0], minor)
        name = "%d.%d" % wanted
        candidates = [shutil.which("python" + name)] + (pyenv_candidates(pyenv, name) if pyenv else [])
        for candidate in candidates:
            if candidate and version_of(candidate) == wanted:
                return candidate
    return None


def main(argv):
    low, high = (tuple(int(part) for part in arg.split(".")) for arg in argv[1:3])
    found = find(low, high)
    if not found:
        return 1
    print(found)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
