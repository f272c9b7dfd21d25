"""Makes the collection importable as ansible_collections.odoo_ops.odoo and the simulator as `simulator`."""

import os
import sys

import pytest

TESTS = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(TESTS)
COLLECTIONS = os.path.join(ROOT, "build", "collections")
LINK = os.path.join(COLLECTIONS, "ansible_collections", "odoo_ops", "odoo")

if ROOT.replace(os.sep, "/").endswith("/ansible_collections/odoo_ops/odoo"):
    # Already inside a collections tree (ansible-test's copy in build/sanity, an installed collection).
    COLLECTIONS = os.path.dirname(os.path.dirname(os.path.dirname(ROOT)))
elif not os.path.exists(LINK):
    os.makedirs(os.path.dirname(LINK), exist_ok=True)
    os.symlink(os.path.join("..", "..", "..", ".."), LINK)
for path in (COLLECTIONS, TESTS):
    if path not in sys.path:
        sys.path.insert(0, path)


@pytest.fixture(scope="session")
def simulators():
    """{profile: running Simulator}, started on first use by the suites' own fixtures, stopped at the end."""
    started = {}
    yield started
    for sim in started.values():
        sim.stop()


def _listening_socket_inodes():
    """Inodes of TCP sockets in LISTEN state on this machine (Linux /proc)."""
    inodes = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        try:
            with open(table) as handle:
                next(handle)
                for line in handle:
                    fields = line.split()
                    if fields[3] == "0A":  # TCP_LISTEN
                        inodes.add(fields[9])
        except OSError:
            pass
    return inodes


def _own_socket_inodes():
    inodes = set()
    fd_dir = "/proc/self/fd"
    for fd in os.listdir(fd_dir) if os.path.isdir(fd_dir) else []:
        try:
            target = os.readlink(os.path.join(fd_dir, fd))
        except OSError:
            continue
        if target.startswith("socket:["):
            inodes.add(target[len("socket:["):-1])
    return inodes


def pytest_sessionfinish(session, exitstatus):
    """Every simulator a test started is stopped: nothing of ours is left listening."""
    leaked = _listening_socket_inodes() & _own_socket_inodes()
    session.config._odoo_ops_leaked_listeners = len(leaked)
    if leaked:
        session.exitstatus = 1


def pytest_terminal_summary(terminalreporter, config):
    leaked = getattr(config, "_odoo_ops_leaked_listeners", 0)
    if leaked:
        terminalreporter.write_line("error: %d listening socket(s) left open by the tests (a simulator not stopped?)"
                                    % leaked, red=True)
