"""The request floor of Odoo 19's JSON-2 API with an API key, counted by the 19.0 simulator.

No login at all (the key is the credential), and no call to a deprecated endpoint. A task that does not
know the server yet asks GET /web/version once; a task handed the play's session (the action plugins
do it, here the ``session`` option) knows it: a no-op odoo_cron is then 1 request (<= 2 cold), a
no-op odoo_whatsapp_sync <= 2, creating 1,000 crons <= 3 (+1 cold). With a password, Odoo 19 gets the
web session routes: one login per task, never /jsonrpc.
"""

import pytest

from module_runner import run_module
from reliability_support import connection
from test_request_budget import LOGIN_CALLS, declared

pytestmark = pytest.mark.profile("19.0")


def counted(sim, name, args, warm=False):
    """Run a module in this process; returns (result, requests by call, requests, version probes)."""
    if warm:
        args = dict(args, session={"version": "19.0", "url": sim.url, "database": "odoo", "username": "admin"})
    sim.reset_counters()
    result = run_module(name, dict(connection(sim, password=sim.api_key("admin")), **args))
    assert not result.get("failed"), result.get("msg")
    counters = sim.counters()
    assert not any(counters["by_call"].get(call) for call in LOGIN_CALLS), counters["by_call"]
    assert result["odoo_requests"] == counters["total"]
    assert result["odoo_session"]["protocol"] == "json2"
    assert counters["deprecated"] == 0
    return result, counters["by_call"], counters["total"], counters["by_endpoint"].get("/web/version", 0)


@pytest.mark.parametrize("warm", [False, True], ids=["cold", "warm"])
def test_odoo_cron_json2_floor(odoo, warm):
    crons = declared(1000)
    first = counted(odoo, "odoo_cron", {"crons": crons}, warm=warm)
    again = counted(odoo, "odoo_cron", {"crons": crons}, warm=warm)
    assert (first[0]["changed"], again[0]["changed"]) == (True, False)
    assert first[2] <= (3 if warm else 4), first[1]
    assert again[2] == (1 if warm else 2), again[1]
    # the version is probed once by a task that does not know the server, never by one that does
    assert first[3] == again[3] == (0 if warm else 1)


def test_whatsapp_sync_json2_floor(odoo):
    installed = run_module("odoo_module", dict(connection(odoo, password=odoo.api_key("admin")),
                                               name="whatsapp_integration"))
    assert not installed.get("failed"), installed.get("msg")
    args = {"hourly": True, "frequent": True, "daily": True}
    first = counted(odoo, "odoo_whatsapp_sync", args, warm=True)
    again = counted(odoo, "odoo_whatsapp_sync", args, warm=True)
    assert (first[0]["changed"], again[0]["changed"]) == (True, False)
    assert again[2] <= 2, again[1]
    assert first[3] == again[3] == 0


def test_a_password_on_19_takes_the_web_session_routes(odoo):
    result = run_module("odoo_cron", dict(connection(odoo), crons=declared(10)))
    assert not result.get("failed"), result.get("msg")
    counters = odoo.counters()
    assert result["odoo_session"]["protocol"] == "web"
    assert counters["deprecated"] == 0 and "/jsonrpc" not in counters["by_endpoint"]
    assert counters["by_call"]["web.session.authenticate"] == 1
