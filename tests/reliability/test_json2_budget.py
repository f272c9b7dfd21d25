"""The request floor of the JSON-2 API (Odoo 19.0 and 20.0) with an API key, counted by the simulator.

No login at all (the key is the credential), and no call to a deprecated endpoint. A task that does not
know the server yet asks GET /web/version once; a task handed the play's session (the action plugins
do it, here the ``session`` option) knows it: a no-op odoo_cron is then 1 request (<= 2 cold), a
no-op odoo_whatsapp_sync <= 2, creating 1,000 crons <= 3 (+1 cold). With a password, Odoo 19 gets the
web session routes: one login per task, never /jsonrpc. Every count runs on the 19.0 and the 20.0 profile
(20.0: ir.access instead of the 14-19 access model, /jsonrpc's object service gone), and no call may name
a model the profile lacks.
"""

import pytest

from module_runner import run_module
from reliability_support import connection
from test_request_budget import LOGIN_CALLS, declared

JSON2_PROFILES = [pytest.param(version, marks=pytest.mark.profile(version), id=version) for version in ("19.0", "20.0")]


def counted(sim, name, args, warm=False):
    """Run a module in this process; returns (result, requests by call, requests, version probes)."""
    if warm:
        args = dict(args, session={"version": sim.version, "url": sim.url, "database": "odoo", "username": "admin"})
    sim.reset_counters()
    result = run_module(name, dict(connection(sim, password=sim.api_key("admin")), **args))
    assert not result.get("failed"), result.get("msg")
    counters = sim.counters()
    assert not any(counters["by_call"].get(call) for call in LOGIN_CALLS), counters["by_call"]
    assert result["odoo_requests"] == counters["total"]
    assert result["odoo_session"]["protocol"] == "json2"
    assert counters["deprecated"] == 0 and counters["missing_models"] == {}
    return result, counters["by_call"], counters["total"], counters["by_endpoint"].get("/web/version", 0)


@pytest.mark.parametrize("version", JSON2_PROFILES)
@pytest.mark.parametrize("warm", [False, True], ids=["cold", "warm"])
def test_odoo_cron_json2_floor(odoo, warm, version):
    crons = declared(1000)
    first = counted(odoo, "odoo_cron", {"crons": crons}, warm=warm)
    again = counted(odoo, "odoo_cron", {"crons": crons}, warm=warm)
    assert (first[0]["changed"], again[0]["changed"]) == (True, False)
    assert first[2] <= (3 if warm else 4), first[1]
    assert again[2] == (1 if warm else 2), again[1]
    # the version is probed once by a task that does not know the server, never by one that does
    assert first[3] == again[3] == (0 if warm else 1)


@pytest.mark.parametrize("version", JSON2_PROFILES)
def test_whatsapp_sync_json2_floor(odoo, version):
    installed = run_module("odoo_module", dict(connection(odoo, password=odoo.api_key("admin")),
                                               name="whatsapp_integration"))
    assert not installed.get("failed"), installed.get("msg")
    args = {"hourly": True, "frequent": True, "daily": True}
    first = counted(odoo, "odoo_whatsapp_sync", args, warm=True)
    again = counted(odoo, "odoo_whatsapp_sync", args, warm=True)
    assert (first[0]["changed"], again[0]["changed"]) == (True, False)
    assert again[2] <= 2, again[1]
    assert first[3] == again[3] == 0


@pytest.mark.parametrize("version", JSON2_PROFILES)
def test_crons_of_the_key_owner_cost_no_users_read(odoo, version):
    """Crons that run as the API key's own user (ir.cron's default user is env.user: crons made in the UI or by
    an addon's button), declared without ``user:``. JSON-2 never tells the uid, and the crons' rows name their
    user by id: the cron read itself (web_search_read with a specification, addons/web/models/models.py 19.0)
    also brings each user's login, which tells the uid. Cold: GET /web/version, ir.model.data, ir.cron, as when
    the crons run as the superuser (measured on a real 19.0 before: a 4th request, res.users); warm: 2."""
    installed = run_module("odoo_module", dict(connection(odoo, password=odoo.api_key("admin")),
                                               name="whatsapp_integration"))
    assert not installed.get("failed"), installed.get("msg")
    args = {"hourly": True, "frequent": True, "daily": True}
    assert counted(odoo, "odoo_whatsapp_sync", dict(args, user="admin"))[0]["changed"]   # crons of admin
    cold, by_call, total, probes = counted(odoo, "odoo_whatsapp_sync", dict(args))
    assert cold["changed"] is False and probes == 1
    assert total <= 3 and "res.users.search_read" not in by_call, by_call
    assert by_call["ir.cron.web_search_read"] == 1 and "ir.cron.search_read" not in by_call, by_call
    assert isinstance(cold["odoo_session"]["uid"], int) and cold["odoo_session"]["uid"] != 1   # admin's, learnt
    assert [row["user"] for row in cold["status"]] == ["admin"] * 3
    session = dict(cold["odoo_session"], url=odoo.url)
    warm, warm_calls, warm_total, _probes = counted(odoo, "odoo_whatsapp_sync", dict(args, session=session))
    assert warm["changed"] is False and "res.users.search_read" not in warm_calls, warm_calls
    assert warm_total <= 2, warm_calls
    assert [row["user"] for row in warm["status"]] == ["admin"] * 3


@pytest.mark.parametrize("version", JSON2_PROFILES)
def test_a_password_on_19_takes_the_web_session_routes(odoo, version):
    result = run_module("odoo_cron", dict(connection(odoo), crons=declared(10)))
    assert not result.get("failed"), result.get("msg")
    counters = odoo.counters()
    assert result["odoo_session"]["protocol"] == "web"
    assert counters["deprecated"] == 0 and "/jsonrpc" not in counters["by_endpoint"]
    assert counters["by_call"]["web.session.authenticate"] == 1
    assert counters["missing_models"] == {}


@pytest.mark.parametrize("version", JSON2_PROFILES)
def test_the_access_check_costs_one_request_a_play(odoo, version):
    """The WhatsApp user check asks which security model the server has once (cold), then the play knows it
    (odoo_session capabilities); it reads ir.access on 20.0, the 14-19 model on 19.0, never the other."""
    installed = run_module("odoo_module", dict(connection(odoo, password=odoo.api_key("admin")),
                                               name="whatsapp_integration"))
    assert not installed.get("failed"), installed.get("msg")
    args = {"user": "admin", "hourly": True}       # not the superuser: the check runs
    assert counted(odoo, "odoo_whatsapp_sync", dict(args))[0]["changed"]
    first, by_call, _total, _probes = counted(odoo, "odoo_whatsapp_sync", dict(args))      # cold no-op
    session = dict(first["odoo_session"])
    assert session["capabilities"] == {"access_model": "ir.access" if version == "20.0" else "legacy"}
    warm, warm_calls, _total, _probes = counted(odoo, "odoo_whatsapp_sync", dict(args, session=session))
    access = "ir.access" if version == "20.0" else "ir.model.access"
    assert by_call.get("ir.model.search_read", 0) == warm_calls.get("ir.model.search_read", 0) + 1
    assert by_call["%s.search_read" % access] == warm_calls["%s.search_read" % access] == 1
    # probe + model, and the lookup of the login admin: the connected user, whose uid the cold task learnt
    assert warm["changed"] is False and warm["odoo_requests"] == first["odoo_requests"] - 3
    assert by_call["res.users.search_read"] == warm_calls["res.users.search_read"] + 1


@pytest.mark.parametrize("version", JSON2_PROFILES)
def test_health_of_many_crons_stays_a_small_constant(odoo, version):
    """Health reads users, models (which also tells the security model), access rights, addons and, where the
    model exists (18.0+), the runs killed by the time limit (ir.cron.progress) once: a constant."""
    crons = declared(200)
    created = counted(odoo, "odoo_cron", {"crons": crons}, warm=True)
    assert created[0]["changed"]
    _result, by_call, total, _probes = counted(odoo, "odoo_cron_info", {"name_pattern": "Budget", "health": True},
                                               warm=True)
    access = "ir.access" if version == "20.0" else "ir.model.access"
    assert by_call["%s.search_read" % access] == 1 and by_call.get("ir.cron.progress.search_read") == 1, by_call
    assert total <= 7, by_call   # + the crons and their external ids


@pytest.mark.profile("20.0")
def test_a_newer_major_runs_with_what_it_detects_and_warns_once(odoo):
    """A server reporting 21 (here the 20.0 simulator, its version handed in as 21.0): the work is done, and
    one warning names what is not verified; the play's next task (given the session back) does not repeat it."""
    base = dict(connection(odoo, password=odoo.api_key("admin")), name_pattern="Base", health=True)
    first = run_module("odoo_cron_info", dict(base, session={"version": "21.0", "url": odoo.url, "database": "odoo",
                                                             "username": "admin"}))
    assert not first.get("failed"), first.get("msg")
    assert first["crons"] and first["crons"][0]["health"]["status"] in ("ok", "inactive")
    warnings = [w for w in map(warning_text, first.get("warnings", [])) if "newer than any version" in w]
    assert len(warnings) == 1 and "Odoo 21.0" in warnings[0] and "interval never" in warnings[0]
    assert odoo.counters()["missing_models"] == {}
    again = run_module("odoo_cron_info", dict(base, session=first["odoo_session"]))
    assert not again.get("failed") and not [w for w in map(warning_text, again.get("warnings", [])) if "newer" in w]


def warning_text(warning):
    """A warning as ansible-core returns it: a string, or (2.19+) a summary with the message inside."""
    return warning if isinstance(warning, str) else str((warning.get("event") or {}).get("msg", warning))
