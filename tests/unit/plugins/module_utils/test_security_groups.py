"""security_groups.py (odoo_group): a group with exactly the declared access rows, on 14.0-19.0 and 20.0."""

import pytest

from ansible_collections.odoo_ops.odoo.plugins.module_utils.errors import OdooInputError
from ansible_collections.odoo_ops.odoo.plugins.module_utils.security_groups import GroupSync, parse_access

from ansible_collections.odoo_ops.odoo.tests.unit.scripted_client import ScriptedClient

NAME = "Scheduled Actions: read only"
MODELS = [{"id": 11, "model": "ir.cron"}, {"id": 12, "model": "ir.model"}]


def legacy(groups, rows, models=None):
    """14.0-19.0: ir.model has no ir.access."""
    models = MODELS if models is None else models
    return ScriptedClient({("res.groups", "search_read"): [groups], ("ir.model", "search_read"): [models],
                           ("ir.model.access", "search_read"): [rows], ("res.groups", "create"): [[40]],
                           ("ir.model.access", "create"): [[1, 2]], ("ir.model.access", "write"): [True],
                           ("ir.model.access", "unlink"): [True], ("res.groups", "unlink"): [True]})


def row(id_, model_id, read=True, write=False, active=True):
    return {"id": id_, "model_id": [model_id, "x"], "active": active, "perm_read": read, "perm_write": write,
            "perm_create": False, "perm_unlink": False}


READ_BOTH = [{"model": "ir.cron"}, {"model": "ir.model", "operations": ["read"]}]


def test_parse_access_refuses_what_odoo_could_not_store():
    assert parse_access([{"model": "ir.cron"}]) == {"ir.cron": frozenset(["read"])}
    for entries, words in (([{"model": ""}], "model is required"),
                           ([{"model": "ir.cron", "operations": ["read", "delete"]}], "unknown operations delete"),
                           ([{"model": "ir.cron"}, {"model": "ir.cron"}], "declared twice")):
        with pytest.raises(OdooInputError) as error:
            parse_access(entries)
        assert words in error.value.message


def test_a_new_group_gets_its_rows_in_one_create():
    client = legacy([], [])
    result = GroupSync(client).ensure(NAME, READ_BOTH)
    assert result["changed"] and result["group"]["id"] == 40
    created = [c for c in client.calls if c[:2] == ("ir.model.access", "create")][0][2][0]
    assert [(v["model_id"], v["group_id"], v["perm_read"], v["perm_write"]) for v in created] == [
        (11, 40, True, False), (12, 40, True, False)]
    assert result["diff"]["after"]["access"] == [{"model": "ir.cron", "operations": ["read"]},
                                                 {"model": "ir.model", "operations": ["read"]}]


def test_an_unchanged_group_writes_nothing_and_check_mode_never_writes():
    client = legacy([{"id": 40, "name": NAME}], [row(1, 11), row(2, 12)])
    assert GroupSync(client).ensure(NAME, READ_BOTH)["changed"] is False and client.writes() == []
    client = legacy([{"id": 40, "name": NAME}], [row(1, 11, write=True), row(2, 12), row(3, 99)])
    result = GroupSync(client, check_mode=True).ensure(NAME, READ_BOTH)
    assert result["changed"] and client.writes() == []
    # a right granted by hand (write on ir.cron, a row on model 99) shows in the diff, and would go
    assert {"model": "ir.cron", "operations": ["read", "write"]} in result["diff"]["before"]["access"]
    assert {"model": "ir.model id 99", "operations": ["read"]} in result["diff"]["before"]["access"]


def test_drift_is_repaired_row_by_row():
    client = legacy([{"id": 40, "name": NAME}], [row(1, 11, write=True), row(2, 12, active=False), row(3, 99)])
    GroupSync(client).ensure(NAME, READ_BOTH)
    writes = [(c[1], c[2]) for c in client.writes()]
    assert ("unlink", ([3],)) in writes
    assert ("write", ([1], {"perm_read": True, "perm_write": False, "perm_create": False, "perm_unlink": False,
                            "active": True})) in writes
    assert ("write", ([2], {"perm_read": True, "perm_write": False, "perm_create": False, "perm_unlink": False,
                            "active": True})) in writes


def test_odoo_20_rows_are_ir_access_letters():
    client = ScriptedClient({("res.groups", "search_read"): [[]],
                             ("ir.model", "search_read"): [MODELS + [{"id": 13, "model": "ir.access"}]],
                             ("res.groups", "create"): [[41]], ("ir.access", "create"): [[1]]})
    GroupSync(client).ensure(NAME, [{"model": "ir.cron", "operations": ["unlink", "read"]}])
    created = [c for c in client.calls if c[:2] == ("ir.access", "create")][0][2][0]
    assert created[0]["operation"] == "rd" and created[0]["group_id"] == 41


def test_a_missing_model_fails_or_is_skipped():
    declared = READ_BOTH + [{"model": "ir.cron.progress"}]
    with pytest.raises(OdooInputError) as error:
        GroupSync(legacy([], [])).ensure(NAME, declared)
    assert "no model ir.cron.progress" in error.value.message
    result = GroupSync(legacy([], []), check_mode=True).ensure(NAME, declared, missing_models="skip")
    assert result["skipped_models"] == ["ir.cron.progress"]


def test_twin_groups_are_refused_and_absent_removes_the_rows_first():
    with pytest.raises(OdooInputError) as error:
        GroupSync(legacy([{"id": 1, "name": NAME}, {"id": 2, "name": NAME}], [])).ensure(NAME, READ_BOTH)
    assert "2 groups are named" in error.value.message and "1, 2" in error.value.message
    client = legacy([{"id": 40, "name": NAME}], [row(1, 11), row(2, 12)])
    result = GroupSync(client).ensure(NAME, READ_BOTH, state="absent")
    assert result["changed"] and [c[:3] for c in client.writes()] == [
        ("ir.model.access", "unlink", ([1, 2],)), ("res.groups", "unlink", ([40],))]
