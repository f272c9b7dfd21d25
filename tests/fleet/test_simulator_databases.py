"""The simulator serves several databases on one server, like an Odoo without dbfilter: each request works on the
database it names, /web/database/list lists them (odoo/service/db.py list_dbs, 14.0 to 19.0) unless list_db is off."""

import os
import subprocess
import sys
import urllib.request

import pytest

from simulator import Simulator
from simulator.client import SimulatorClient, jsonrpc

SIMULATOR = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "simulator")


@pytest.fixture(scope="module")
def sim(profile):
    with Simulator(version=profile, databases=["beta", "alpha", "gamma"]) as server:
        yield server


@pytest.fixture(autouse=True)
def fresh(sim):
    sim.reset()


def call(sim, service, method, *args):
    answer = jsonrpc(sim.url, "/jsonrpc", {"service": service, "method": method, "args": list(args)})
    assert "error" not in answer, answer
    return answer["result"]


def create_cron(sim, database, name):
    uid = call(sim, "common", "login", database, "admin", "admin")
    model_id = call(sim, "object", "execute_kw", database, uid, "admin", "ir.model", "search",
                    [[["model", "=", "res.partner"]]])[0]
    return call(sim, "object", "execute_kw", database, uid, "admin", "ir.cron", "create",
                [{"name": name, "model_id": model_id, "state": "code", "code": "model.search_count([])",
                  "interval_number": 1, "interval_type": "days"}])


def test_the_list_is_sorted_and_filtered_like_odoo(sim, profile):
    assert jsonrpc(sim.url, "/web/database/list", {})["result"] == ["alpha", "beta", "gamma"]
    assert call(sim, "db", "list") == ["alpha", "beta", "gamma"]
    assert call(sim, "db", "db_exist", "gamma") is True
    assert call(sim, "db", "db_exist", "odoo") is False
    with Simulator(version=profile, databases=["alpha", "beta"], dbfilter="^a") as filtered:
        assert jsonrpc(filtered.url, "/web/database/list", {})["result"] == ["alpha"]


def test_each_request_works_on_the_database_it_names(sim):
    created = create_cron(sim, "gamma", "only in gamma")
    with sim.using("gamma"):
        assert [row["id"] for row in sim.records("ir.cron", [("name", "=", "only in gamma")])] == [created]
    with sim.using("alpha"):
        assert sim.records("ir.cron", [("name", "=", "only in gamma")]) == []
    # outside using(), tests see the first database given
    assert sim.db.name == "beta"
    assert sim.records("ir.cron", [("name", "=", "only in gamma")]) == []


def test_a_session_keeps_its_database(sim):
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor())
    login = jsonrpc(sim.url, "/web/session/authenticate", {"db": "gamma", "login": "admin", "password": "admin"},
                    opener=opener)
    assert login["result"]["db"] == "gamma"
    create_cron(sim, "gamma", "made in gamma")
    params = {"model": "ir.cron", "method": "search_count", "args": [[["name", "=", "made in gamma"]]], "kwargs": {}}
    found = jsonrpc(sim.url, "/web/dataset/call_kw", params, opener=opener)
    assert found["result"] == 1


def test_an_unknown_database_fails_like_odoo(sim):
    answer = jsonrpc(sim.url, "/jsonrpc", {"service": "common", "method": "login", "args": ["nosuch", "admin", "admin"]})
    assert answer["error"]["data"]["name"] == "psycopg2.OperationalError"
    assert 'database "nosuch" does not exist' in answer["error"]["data"]["message"]
    with pytest.raises(KeyError, match="no database 'nosuch'"):
        with sim.using("nosuch"):
            pass


def test_list_db_off_refuses_the_list(profile):
    # odoo/service/db.py list_dbs() and exp_list(): "if not odoo.tools.config['list_db']: raise AccessDenied()"
    with Simulator(version=profile, databases=["one"], list_db=False) as hidden:
        for answer in (jsonrpc(hidden.url, "/web/database/list", {}),
                       jsonrpc(hidden.url, "/jsonrpc", {"service": "db", "method": "list", "args": []})):
            assert answer["error"]["data"]["name"] == "odoo.exceptions.AccessDenied"
        assert call(hidden, "common", "login", "one", "admin", "admin") == 2


def test_bad_database_names_are_refused():
    for names in ([], ["a", "a"], ["a", ""]):
        with pytest.raises(ValueError, match="databases must be distinct non-empty names"):
            Simulator(databases=names)


def test_command_line_databases_and_no_list_db(profile):
    process = subprocess.Popen([sys.executable, SIMULATOR, "--odoo-version", profile, "--port", "0",
                                "--databases", "x,y", "--no-list-db"], stdout=subprocess.PIPE, text=True)
    try:
        url = process.stdout.readline().split()[-1]
        info = SimulatorClient(url).info()
        assert (info["databases"], info["list_db"]) == (["x", "y"], False)
        assert jsonrpc(url, "/web/database/list", {})["error"]["data"]["name"] == "odoo.exceptions.AccessDenied"
    finally:
        process.terminate()
        process.wait(timeout=10)
