"""Health of a cron: each status from the record and the facts read once for all crons."""

from datetime import datetime, timedelta

import pytest

from ansible_collections.odoo_ops.odoo.plugins.module_utils.cron_health import (
    HealthFacts,
    check_grace,
    cron_health,
    is_unhealthy,
)
from ansible_collections.odoo_ops.odoo.plugins.module_utils.errors import OdooInputError

NOW = datetime(2026, 11, 30, 12, 0, 0)
USERS = {1: {"login": "__system__", "active": False, "groups": set()},
         6: {"login": "demo", "active": True, "groups": {11}},
         7: {"login": "gone", "active": False, "groups": {11}}}


def facts(pending=(), readable=None, models=("res.partner", "mail.mail")):
    return HealthFacts(USERS, readable if readable is not None else {"res.partner": [11], "mail.mail": [12]},
                       set(models), list(pending))


def record(**values):
    row = {"id": 5, "cron_name": "x", "active": True, "interval_number": 1, "interval_type": "hours",
           "model_name": "res.partner", "user_id": [1, "OdooBot"], "nextcall": "2026-11-30 12:30:00"}
    row.update(values)
    return row


def ago(**delta):
    return (NOW - timedelta(**delta)).strftime("%Y-%m-%d %H:%M:%S")


@pytest.mark.parametrize("values,status,words", [
    ({}, "ok", None),
    ({"active": False}, "inactive", "archived"),
    ({"nextcall": ago(minutes=50)}, "ok", None),                       # within its own interval
    ({"nextcall": ago(minutes=70)}, "overdue", "more than 1 hour late"),
    ({"interval_type": "minutes", "nextcall": ago(minutes=9)}, "ok", None),   # at least 10 minutes
    ({"interval_type": "minutes", "nextcall": ago(minutes=11)}, "overdue", "10 minutes late"),
    ({"active": False, "nextcall": ago(days=30)}, "inactive", "archived"),
    ({"failure_count": 3, "first_failure_date": ago(days=2)}, "failing", "failed 3 time(s) in a row"),
    ({"numbercall": 0}, "broken", "numbercall 0"),
    ({"numbercall": -1}, "ok", None),
    ({"user_id": [7, "gone"]}, "broken", "user gone is archived"),
    ({"user_id": [99, "?"]}, "broken", "does not exist"),
    ({"user_id": [6, "demo"], "model_name": "mail.mail"}, "broken", "no read access to mail.mail"),
    ({"user_id": [6, "demo"]}, "ok", None),
    ({"model_name": "whatsapp.sync.service"}, "broken", "does not exist any more"),
    ({"failure_count": 1, "nextcall": ago(days=1), "numbercall": 0}, "broken", "failed 1 time(s)"),
])
def test_status_and_reason(values, status, words):
    health = cron_health(record(**values), facts(), now=NOW)
    assert health["status"] == status
    if words:
        assert any(words in reason for reason in health["reasons"]), health
    else:
        assert health["reasons"] == []


def test_a_rule_without_group_grants_everybody():
    health = cron_health(record(user_id=[6, "demo"], model_name="mail.mail"), facts(readable={"mail.mail": [None]}),
                         now=NOW)
    assert health["status"] == "ok"


def test_a_pending_addon_operation_stops_every_cron_and_says_so():
    pending = facts(pending=["whatsapp_integration (to upgrade)"])
    for values in ({}, {"active": False}):
        health = cron_health(record(**values), pending, now=NOW)
        assert health["status"] == "broken" and is_unhealthy(health)
        assert "whatsapp_integration (to upgrade)" in health["reasons"][0]


def test_grace_option():
    assert check_grace(None) is None
    assert check_grace("2 hours") == timedelta(hours=2)
    late = record(nextcall=ago(minutes=90))
    assert cron_health(late, facts(), now=NOW, grace=check_grace("2 hours"))["status"] == "ok"
    assert cron_health(late, facts(), now=NOW, grace=check_grace("30 minutes"))["status"] == "overdue"
    with pytest.raises(OdooInputError) as error:
        check_grace("soon")
    assert str(error.value).startswith("grace 'soon' cannot be read")


def test_inactive_is_not_unhealthy():
    assert not is_unhealthy({"status": "inactive", "reasons": []})
    assert not is_unhealthy({"status": "ok", "reasons": []})


@pytest.mark.parametrize("values,status", [
    ({"interval_type": "never", "nextcall": ago(days=3), "lastcall": ago(days=3)}, "ok"),       # it ran
    ({"interval_type": "never", "nextcall": ago(days=3), "lastcall": ago(days=2)}, "ok"),
    ({"interval_type": "never", "nextcall": ago(days=3)}, "overdue"),                           # never ran
    ({"interval_type": "never", "nextcall": ago(days=3), "lastcall": ago(days=4)}, "overdue"),  # ran before
    ({"interval_type": "days", "nextcall": ago(days=3), "lastcall": ago(days=3)}, "overdue"),
])
def test_a_never_cron_that_has_run_is_not_overdue(values, status):
    assert cron_health(record(**values), facts(), now=NOW)["status"] == status


def test_grace_is_a_length_of_time_not_never():
    with pytest.raises(OdooInputError) as error:
        check_grace("never")
    assert "option grace" in str(error.value)


class StubClient:
    """search_read over fixed tables; a model it lacks fails as Odoo does ("Object ... doesn't exist")."""

    def __init__(self, tables, major):
        self.tables = tables
        self.version = type("V", (), {"major": major})()
        self.capabilities = {}
        self.reads = []
        self.uid, self.username = 2, "admin"

    def note_users(self, rows):
        pass

    def search_read(self, model, domain, fields, archived=False, order=None):
        from ansible_collections.odoo_ops.odoo.plugins.module_utils.errors import OdooServerError
        self.reads.append(model)
        if model not in self.tables:
            raise OdooServerError("Object %s doesn't exist" % model)
        rows = self.tables[model]
        if model == "ir.model":
            names = domain[0][2]
            return [row for row in rows if row["model"] in names]
        return [dict((f, row.get(f)) for f in fields + ["id"]) for row in rows]


USER_ROWS = [{"id": 6, "login": "demo", "active": True, "groups_id": [11], "all_group_ids": [11]}]
MODEL_ROWS = [{"id": 40, "model": "res.partner"}, {"id": 41, "model": "mail.mail"}]


@pytest.mark.parametrize("major,tables", [
    (18, {"ir.model.access": [{"model_id": [40, "Contact"], "group_id": [11, "User"], "perm_read": True},
                              {"model_id": [41, "Mail"], "group_id": [12, "Admin"], "perm_read": True},
                              {"model_id": [41, "Mail"], "group_id": False, "perm_read": False}]}),
    (20, {"ir.access": [{"model_id": [40, "Contact"], "group_id": [11, "User"], "operation": "r"},
                        {"model_id": [41, "Mail"], "group_id": [12, "Admin"], "operation": "rwcd"},
                        {"model_id": [41, "Mail"], "group_id": [11, "User"], "operation": "wcd"}]}),
])
def test_facts_read_either_security_model_in_four_requests(major, tables):
    tables = dict(tables, **{"res.users": USER_ROWS, "ir.module.module": []})
    tables["ir.model"] = MODEL_ROWS + ([{"id": 90, "model": "ir.access"}] if major >= 20 else [])
    client = StubClient(tables, major)
    records = [record(user_id=[6, "demo"]), record(id=6, user_id=[6, "demo"], model_name="mail.mail")]
    read = HealthFacts.read(client, records)
    assert len(client.reads) == 4
    assert ("ir.model.access" in client.reads) == (major < 20) and ("ir.access" in client.reads) == (major >= 20)
    assert read.models == {"res.partner", "mail.mail"}                 # ir.access is not a cron's model
    assert [cron_health(r, read, now=NOW)["status"] for r in records] == ["ok", "broken"]
    # what the server has is kept for the rest of the run (and, through odoo_session, the play)
    assert client.capabilities == {"access_model": "ir.access" if major >= 20 else "legacy"}
    again = HealthFacts.read(client, records)
    assert len(client.reads) == 8 and again.readable == read.readable


def test_a_20_restriction_row_grants_nothing():
    """ir.access: a row without a group restricts (ir_access.py); only permission rows grant."""
    tables = {"res.users": USER_ROWS, "ir.module.module": [], "ir.model": MODEL_ROWS + [{"id": 90, "model": "ir.access"}],
              "ir.access": [{"model_id": [40, "Contact"], "group_id": False, "operation": "rwcd"}]}
    client = StubClient(tables, 20)
    # the client asks the server for permission rows only (group_id != False); the stub returns the
    # restriction anyway, and it must not count as a grant
    read = HealthFacts.read(client, [record(user_id=[6, "demo"])])
    assert read.readable == {"res.partner": []}
