"""Fixtures of the simulator contract tests.

By default every test module runs once per version profile (14.0 ... 18.0), each
against its own in-process Simulator. With ODOO_URL, ODOO_DATABASE, ODOO_USERNAME
and ODOO_PASSWORD set, the same tests run against that real Odoo instead (profile
taken from the server's version); tests that need the simulator's controls skip.
Optional on a real server: ODOO_DEMO_USERNAME (or ODOO_DEMO_LOGIN) / ODOO_DEMO_PASSWORD (default demo/demo,
skipped when the login fails), ODOO_API_KEY, and ODOO_DBFILTER (the server's dbfilter
regex, "" for none; when unset the tests that depend on it accept the answer of either
configuration).
"""

import os

import pytest

from simcontract import RpcFailure, Target  # also puts tests/ on sys.path
from simulator import Simulator
from simulator.profiles import PROFILES

REAL_URL = os.environ.get("ODOO_URL")
VERSIONS = list(PROFILES)


# The modules that exercise Odoo's /jsonrpc itself: on a real 19+ each call logs a deprecation WARNING,
# so they run there only when asked (ODOO_CONTRACT_DEPRECATED=1), keeping `make test-real`'s log clean.
DEPRECATED_ROUTE_MODULES = ("test_simulator_contract",)


@pytest.fixture(scope="module", params=["real"] if REAL_URL else VERSIONS)
def target(request):
    if REAL_URL:
        real = Target(REAL_URL, os.environ.get("ODOO_DATABASE", "odoo"),
                      os.environ.get("ODOO_USERNAME", "admin"),
                      os.environ.get("ODOO_PASSWORD", "admin"))
        if (real.profile.major >= 19 and request.module.__name__.split(".")[-1] in DEPRECATED_ROUTE_MODULES
                and os.environ.get("ODOO_CONTRACT_DEPRECATED") != "1"):
            pytest.skip("Odoo %s deprecates /jsonrpc (a WARNING per call): set ODOO_CONTRACT_DEPRECATED=1 to "
                        "check the simulator's /jsonrpc against this server" % real.profile.series)
        yield real
        return
    # 20.0 answers 404 to /jsonrpc's object service and common.login unless rpc.use_deprecated_services
    # is set; the contract suite checks the simulator's /jsonrpc, so it sets it (a real 20 server: set
    # it too, README "Tests against a real Odoo 20"); test_json2_contract checks the default 404.
    with Simulator(version=request.param, deprecated_services=True) as sim:
        yield Target(sim.url, "odoo", "admin", "admin", sim=sim)


@pytest.fixture
def sim(target):
    """The Simulator behind ``target`` (fresh database); skips on a real server."""
    if target.sim is None:
        pytest.skip("needs the simulator's control endpoints")
    target.sim.reset()
    return target.sim


@pytest.fixture
def demo(target):
    """(uid, password) of an internal user without Settings rights."""
    login = os.environ.get("ODOO_DEMO_USERNAME") or os.environ.get("ODOO_DEMO_LOGIN", "demo")
    password = os.environ.get("ODOO_DEMO_PASSWORD", "demo")
    uid = target.uid_of(login, password)
    if not uid:
        pytest.skip("no demo user on this server")
    return uid, password


@pytest.fixture
def cleanup(target):
    """Collect (model, id) created by a test; they are deleted afterwards (as admin)."""
    created = []
    yield created
    for model, rid in reversed(created):
        try:
            target.execute_kw(model, "unlink", [[rid]])
        except RpcFailure:
            pass
