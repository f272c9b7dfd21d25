"""The request budgets of docs/performance.md, counted by the simulator (deterministic, no timings).

odoo_cron: a run that changes nothing makes at most 2 HTTP requests (3 when crons name a user other
than the connected one or the superuser), a first run at most 4 (6 with a user other than the superuser:
the user's groups and the access rules, which cron_guard.py checks before writing), whatever the
number of crons declared in the task. odoo_whatsapp_sync: at most 3 when nothing changes. An API key
costs two requests more on a server the task does not know yet (GET /web/version, which answers 404
before Odoo 19, then common.login and common.version). A play of many tasks, or a looped task, logs in
once. Odoo 19 with an API key (JSON-2): test_json2_budget.py.
"""

import pytest

from module_runner import run_module
from playbooks import run_playbook
from reliability_support import connection

LOGIN_CALLS = ("web.session.authenticate", "common.login", "common.authenticate")
PROFILES = [pytest.param(version, marks=pytest.mark.profile(version), id=version) for version in ("14.0", "18.0")]


def declared(count, **extra):
    return [dict({"name": "Budget %04d" % n, "model": "res.partner", "code": "model.search_count([])",
                  "interval": "1 day", "active": False}, **extra) for n in range(count)]


def counted(sim, name, args):
    """Run a module in this process; returns (result, requests, logins, requests by call)."""
    sim.reset_counters()
    result = run_module(name, dict(connection(sim), **args))
    assert not result.get("failed"), result.get("msg")
    counters = sim.counters()
    logins = sum(counters["by_call"].get(call, 0) for call in LOGIN_CALLS)
    return result, counters["total"], logins, counters["by_call"]


def first_and_again(sim, name, args):
    first = counted(sim, name, args)
    again = counted(sim, name, args)
    assert first[0]["changed"] is True and again[0]["changed"] is False
    assert first[2] == 1 and again[2] == 1, (first[3], again[3])
    # What the module reports is what the server saw.
    assert first[0]["odoo_requests"] == first[1] and again[0]["odoo_requests"] == again[1]
    return first, again


@pytest.mark.parametrize("version", PROFILES)
@pytest.mark.parametrize("count", [1, 3, 100, 1000])
def test_odoo_cron_budget_does_not_grow_with_the_crons(odoo, version, count):
    first, again = first_and_again(odoo, "odoo_cron", {"crons": declared(count)})
    assert first[1] <= 4, first[3]
    assert again[1] <= 2, again[3]
    assert len(odoo.records("ir.cron", [("cron_name", "=like", "Budget %")])) == count


@pytest.mark.parametrize("version", PROFILES)
def test_odoo_cron_budget_with_a_user(odoo, version):
    first, again = first_and_again(odoo, "odoo_cron", {"crons": declared(100, user="demo")})
    assert first[1] <= 6, first[3]
    assert again[1] <= 3, again[3]
    # The connected user and the superuser are known without a request; creating crons that run as the
    # connected user reads its groups and the access rules once (cron_guard.py), the superuser needs neither.
    for user, budget in (("admin", (6, 2)), ("base.user_root", (4, 2))):
        odoo.reset()
        first, again = first_and_again(odoo, "odoo_cron", {"crons": declared(10, user=user)})
        assert (first[1], again[1]) == budget, (user, first[3], again[3])


@pytest.mark.parametrize("version", PROFILES)
def test_odoo_cron_budget_with_external_ids(odoo, version):
    crons = [dict(cron, xml_id="odoo_ops_budget.cron_%d" % n) for n, cron in enumerate(declared(100))]
    first, again = first_and_again(odoo, "odoo_cron", {"crons": crons})
    # + one ir.model.data read, and on creation one ir.model.data create for all of them
    assert first[1] <= 6, first[3]
    assert again[1] <= 3, again[3]


@pytest.mark.parametrize("version", PROFILES)
def test_whatsapp_sync_budget(odoo, version):
    installed = run_module("odoo_module", dict(connection(odoo), name="whatsapp_integration"))
    assert not installed.get("failed"), installed.get("msg")
    args = {"hourly": True, "frequent": True, "daily": True}
    first, again = first_and_again(odoo, "odoo_whatsapp_sync", args)
    assert first[1] <= 6, first[3]
    assert again[1] <= 3, again[3]


@pytest.mark.parametrize("version", PROFILES)
def test_an_api_key_logs_in_without_the_refused_session_login(odoo, version):
    # /web/session/authenticate refuses API keys (after checking them as a password, and counting a
    # failed login towards Odoo's login cooldown): a key asks GET /web/version (JSON-2 on 19+; 404
    # before), then goes to common.login (+ common.version).
    crons = declared(100)
    args = {"crons": crons, "password": odoo.api_key("admin")}
    first = counted(odoo, "odoo_cron", args)
    again = counted(odoo, "odoo_cron", args)
    assert (first[0]["changed"], again[0]["changed"]) == (True, False)
    assert "web.session.authenticate" not in first[3] and "web.session.authenticate" not in again[3]
    assert first[1] <= 6, first[3]
    assert again[1] <= 4, again[3]


def test_a_passed_session_skips_the_login(odoo):
    first = counted(odoo, "odoo_cron", {"crons": declared(3)})[0]
    # The returned session names its target; here Ansible masks the username, which is also the
    # password (admin/admin), so the target is given again as the action plugin does.
    session = dict(first["odoo_session"], url=odoo.url, database="odoo", username="admin")
    result, requests, logins, by_call = counted(odoo, "odoo_cron", {"crons": declared(3), "session": session})
    assert result["changed"] is False
    assert (requests, logins) == (1, 0), by_call


PLAY = """
- hosts: localhost
  connection: local
  gather_facts: false
  module_defaults:
    group/odoo_ops.odoo.odoo: {{url: "{url}", database: odoo, username: admin, password: admin}}
  tasks:
{tasks}
    - name: The same crons as one looped task
      odoo_ops.odoo.odoo_cron:
        name: "{{{{ item }}}}"
        active: true
      loop: [Budget task 0, Budget task 1, Budget task 2, Budget task 3, Budget task 4]
"""
TASK = """    - name: Task {n}
      odoo_ops.odoo.odoo_cron: {{name: Budget task {n}, model: res.partner, code: "model.search_count([])",
                                 interval: 1 day, active: false}}
"""


def test_a_play_of_ten_tasks_and_a_loop_logs_in_once(odoo):
    # admin/admin on purpose: Ansible masks every returned value that contains the password, so the
    # returned odoo_session names a masked username; the session must be reused all the same.
    tasks = "".join(TASK.format(n=n) for n in range(10))
    code, out, err = run_playbook(PLAY.format(url=odoo.url, tasks=tasks))
    assert code == 0, out[-3000:] + err[-2000:]
    by_call = odoo.counters()["by_call"]
    assert sum(by_call.get(call, 0) for call in LOGIN_CALLS) == 1, by_call
    assert by_call.get("ir.cron.create") == 10 and by_call.get("ir.cron.write") == 5, by_call


@pytest.mark.parametrize("version", PROFILES)
def test_exporting_1000_crons_takes_at_most_3_requests(odoo, version):
    # Half with an external id, half running as the connected user: login, the crons, their external ids.
    crons = [dict(cron, xml_id="odoo_ops_budget.cron_%d" % n) if n % 2 else dict(cron, user="admin")
             for n, cron in enumerate(declared(1000, method="search_count", args=[[]], code=None))]
    assert not run_module("odoo_cron", dict(connection(odoo), crons=crons)).get("failed")
    # Not admin/admin: Ansible would mask the login "admin" of the exported crons as the password.
    with odoo.lock:
        odoo.db.passwords[2] = "budget secret"
    result, requests, logins, by_call = counted(odoo, "odoo_cron_info",
                                                {"as_declarations": True, "password": "budget secret"})
    assert requests <= 3 and logins == 1, by_call
    exported = [d for d in result["declarations"] if d["name"].startswith("Budget ")]
    assert len(exported) == 1000 and exported[1]["xml_id"] == "odoo_ops_budget.cron_1"
    assert exported[0]["user"] == "admin" and exported[1]["user"] == "base.user_root"
    # Applied back to the database it came from, the export changes nothing.
    again = counted(odoo, "odoo_cron", {"crons": result["declarations"], "password": "budget secret"})
    assert again[0]["changed"] is False and again[1] <= 3, again[3]


@pytest.mark.parametrize("version", PROFILES)
def test_exporting_crons_of_other_users_costs_one_lookup_of_their_logins(odoo, version):
    assert not run_module("odoo_cron", dict(connection(odoo), crons=declared(100, user="demo"))).get("failed")
    result, requests, _logins, by_call = counted(odoo, "odoo_cron_info", {"as_declarations": True})
    assert requests <= 4 and by_call.get("res.users.search_read") == 1, by_call
    assert {d["user"] for d in result["declarations"] if d["name"].startswith("Budget ")} == {"demo"}


def exclusive_budget(odoo, crons, scope):
    """(requests of the plain run, of the exclusive run that archives, of the exclusive run again)."""
    assert not run_module("odoo_cron", dict(connection(odoo), crons=crons)).get("failed")
    declared_half = crons[:len(crons) // 2]
    plain = counted(odoo, "odoo_cron", {"crons": declared_half})
    assert plain[0]["changed"] is False
    exclusive = {"crons": declared_half, "exclusive": True, "scope": scope}
    first, again = counted(odoo, "odoo_cron", exclusive), counted(odoo, "odoo_cron", exclusive)
    assert (first[0]["changed"], again[0]["changed"]) == (True, False)
    assert len(first[0]["undeclared"]) == len(crons) - len(declared_half) and again[0]["undeclared"] == []
    assert first[3].get("ir.cron.write") == 1, first[3]
    archived = odoo.records("ir.cron", [("cron_name", "=like", "Budget %"), ("active", "=", False)])
    assert len(archived) == len(crons) - len(declared_half)
    return plain[1], first[1], again[1], first[3]


@pytest.mark.parametrize("version", PROFILES)
def test_exclusive_adds_at_most_one_read_and_one_write(odoo, version):
    plain, first, again, by_call = exclusive_budget(odoo, declared(200, active=True), {"name_prefix": "Budget "})
    assert (first, again) == (plain + 2, plain + 1), by_call  # external ids of the crons; one write
    odoo.reset()
    crons = [dict(cron, xml_id="odoo_ops_budget.cron_%d" % n) for n, cron in enumerate(declared(200, active=True))]
    plain, first, again, by_call = exclusive_budget(odoo, crons, {"xml_module": ["odoo_ops_budget"]})
    assert (first, again) == (plain + 2, plain + 1), by_call


@pytest.mark.parametrize("version", PROFILES)
def test_exclusive_reads_installed_addons_only_for_external_ids_the_scope_does_not_name(odoo, version):
    crons = [dict(cron, xml_id="odoo_ops_budget.cron_%d" % n) for n, cron in enumerate(declared(20, active=True))]
    plain, first, again, by_call = exclusive_budget(odoo, crons, {"name_prefix": "Budget "})
    assert (first, again) == (plain + 3, plain + 1), by_call
    assert by_call.get("ir.module.module.search_read") == 1, by_call
