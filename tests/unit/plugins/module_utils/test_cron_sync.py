import pytest

from ansible_collections.odoo_ops.odoo.plugins.module_utils.cron_spec import declarations_from
from ansible_collections.odoo_ops.odoo.plugins.module_utils.cron_sync import CronSync
from ansible_collections.odoo_ops.odoo.plugins.module_utils.errors import OdooInputError, OdooUnsupportedError

from ansible_collections.odoo_ops.odoo.tests.unit.fake_odoo import FakeClient, cron


def run(client, crons, check_mode=False, **kwargs):
    return CronSync(client, check_mode=check_mode, **kwargs).run(declarations_from({"crons": crons, "state": "present"}))


FULL = {"model": "res.partner", "code": "model.go()", "interval": "1 hour"}


def test_no_change_reads_once_and_writes_nothing():
    client = FakeClient(crons=[cron(1, "A"), cron(2, "B", active=False)])
    result = run(client, [dict(FULL, name="A"), dict(FULL, name="B", active=False)])
    assert result["changed"] is False
    assert client.writes == []
    assert [c[:2] for c in client.calls] == [("ir.cron", "search_read")]


def test_only_declared_fields_are_compared():
    client = FakeClient(crons=[cron(1, "A", priority=9, code="something else")])
    result = run(client, [{"name": "A", "active": True}])
    assert result["changed"] is False


def test_drift_is_written_once_per_distinct_values():
    client = FakeClient(crons=[cron(1, "A", active=False), cron(2, "B", active=False), cron(3, "C", priority=1)])
    result = run(client, [{"name": "A", "active": True}, {"name": "B", "active": True}, {"name": "C", "priority": 2}])
    writes = [c for c in client.calls if c[1] == "write"]
    assert sorted(writes) == sorted([("ir.cron", "write", ([1, 2], {"active": True})),
                                     ("ir.cron", "write", ([3], {"priority": 2}))])
    assert result["diff"][0]["before"] == {"active": False} and result["diff"][0]["after"] == {"active": True}


def test_check_mode_plans_the_same_and_writes_nothing():
    client = FakeClient(crons=[cron(1, "A", active=False)])
    result = run(client, [{"name": "A", "active": True}, dict(FULL, name="New")], check_mode=True)
    assert result["changed"] is True
    assert [c["action"] for c in result["crons"]] == ["update", "create"]
    assert client.writes == []


def test_new_crons_are_created_in_one_call_with_unlimited_calls_on_14():
    client = FakeClient()
    run(client, [dict(FULL, name="A"), dict(FULL, name="B")])
    creates = [c for c in client.calls if c[1] == "create"]
    assert len(creates) == 1
    values = creates[0][2][0]
    assert [v["name"] for v in values] == ["A", "B"]
    assert all(v["numbercall"] == -1 and v["user_id"] == 1 and v["state"] == "code" and v["model_id"] == 80
               for v in values)


def test_odoo_18_has_no_numbercall_and_the_read_falls_back_to_fields_get():
    client = FakeClient(version="18.0")
    run(client, [dict(FULL, name="A")])
    methods = [c[1] for c in client.calls]
    assert "fields_get" not in methods  # the version's guess was right
    create = [c for c in client.calls if c[1] == "create"][0]
    assert "numbercall" not in create[2][0][0]


def test_numbercall_on_18_is_refused_before_any_write():
    client = FakeClient(version="18.0")
    with pytest.raises(OdooUnsupportedError) as error:
        run(client, [dict(FULL, name="A", numbercall=-1)])
    assert "numbercall" in error.value.message and "18.0" in error.value.message
    assert client.writes == []


def test_several_matches_fail_and_list_ids():
    client = FakeClient(crons=[cron(4, "A"), cron(9, "A", active=False)])
    with pytest.raises(OdooInputError) as error:
        run(client, [{"name": "A", "active": True}])
    assert "4, 9" in error.value.message
    assert client.writes == []


def test_twins_without_the_declared_xml_id_are_read_again_before_they_are_called_ambiguous(monkeypatch):
    # Concurrent runs' creates: two crons "A" without an external id yet; the loser rolls its one back.
    client = FakeClient(crons=[cron(4, "A"), cron(9, "A")])
    slept = []

    def settle(seconds):
        slept.append(seconds)
        client.crons = [c for c in client.crons if c["id"] != 9]

    monkeypatch.setattr("ansible_collections.odoo_ops.odoo.plugins.module_utils.cron_sync.time.sleep", settle)
    result = run(client, [dict(FULL, name="A", xml_id="ops.a")])
    assert slept == [1.0] and [c["id"] for c in result["crons"]] == [4]


def test_twins_that_stay_are_ambiguous_after_a_bounded_wait(monkeypatch):
    slept = []
    monkeypatch.setattr("ansible_collections.odoo_ops.odoo.plugins.module_utils.cron_sync.time.sleep", slept.append)
    client = FakeClient(crons=[cron(4, "A"), cron(9, "A")])
    with pytest.raises(OdooInputError) as error:
        run(client, [dict(FULL, name="A", xml_id="ops.a")])
    assert "4, 9" in error.value.message and slept == [1.0, 2.0]
    assert client.writes == []


def test_creating_without_enough_options_fails_before_writing():
    client = FakeClient()
    with pytest.raises(OdooInputError) as error:
        run(client, [{"name": "A", "active": True}])
    assert "model" in error.value.message and "interval" in error.value.message
    assert client.writes == []


def test_unknown_model_fails_before_writing():
    client = FakeClient()
    with pytest.raises(OdooInputError) as error:
        run(client, [dict(FULL, name="A", model="no.such.model")])
    assert "no.such.model" in error.value.message
    assert client.writes == []


def test_adoption_registers_the_xml_id_with_noupdate():
    client = FakeClient(crons=[cron(7, "A")])
    result = run(client, [dict(FULL, name="A", xml_id="mod.cron_a")])
    assert result["changed"] is True
    assert result["diff"][0]["before"] == {"xml_id": None}
    assert result["diff"][0]["after"] == {"xml_id": "mod.cron_a"}
    creates = [c for c in client.calls if c[1] == "create"]
    assert creates == [("ir.model.data", "create", ([{"module": "mod", "name": "cron_a", "model": "ir.cron",
                                                      "res_id": 7, "noupdate": True}],))]


def test_xml_id_identifies_the_cron_even_when_renamed():
    client = FakeClient(crons=[cron(7, "Old name")],
                        xml_ids=[{"id": 3, "module": "mod", "name": "cron_a", "model": "ir.cron", "res_id": 7, "noupdate": True}])
    result = run(client, [{"xml_id": "mod.cron_a", "name": "New name"}])
    assert result["crons"][0]["action"] == "update"
    assert ("ir.cron", "write", ([7], {"name": "New name"})) in client.calls


def test_user_by_login_is_resolved_in_one_call_and_known_users_cost_nothing():
    client = FakeClient(crons=[cron(1, "A", user_id=[6, "Demo"])])
    run(client, [{"name": "A", "user": "demo"}])
    assert [c[0] for c in client.calls].count("res.users") == 1
    client = FakeClient(crons=[cron(1, "A")])
    run(client, [{"name": "A", "user": "admin"}, ])
    assert [c[0] for c in client.calls].count("res.users") == 0


def test_delete_removes_cron_and_its_server_action():
    client = FakeClient(crons=[cron(1, "A")])
    result = run(client, [{"name": "A", "state": "absent"}, {"name": "Gone", "state": "absent"}])
    assert [c["action"] for c in result["crons"]] == ["delete", "none"]
    assert ("ir.cron", "unlink", ([1],)) in client.calls
    assert ("ir.actions.server", "unlink", ([1001],)) in client.calls


def test_whatsapp_style_unlimited_calls_fixes_a_hook_cron_with_numbercall_1():
    client = FakeClient(crons=[cron(1, "A", numbercall=1)])
    result = run(client, [{"name": "A"}], unlimited_calls=True)
    assert result["changed"] is True
    assert ("ir.cron", "write", ([1], {"numbercall": -1})) in client.calls


def test_an_xml_id_of_another_model_is_refused_before_writing():
    client = FakeClient(xml_ids=[{"id": 3, "module": "base", "name": "user_admin", "model": "res.users", "res_id": 2,
                                  "noupdate": True}])
    with pytest.raises(OdooInputError) as error:
        run(client, [dict(FULL, name="A", xml_id="base.user_admin")])
    assert "res.users" in error.value.message
    assert client.writes == []


def test_re_enabling_a_cron_that_used_up_its_calls_resets_numbercall_and_warns():
    client = FakeClient("14.0", crons=[cron(7, "Used up", active=False, numbercall=0)])
    result = CronSync(client).run(declarations_from({"name": "Used up", "active": True}))
    assert [c for c in client.writes if c[1] == "write"] == [("ir.cron", "write", ([7], {"active": True, "numbercall": -1}))]
    assert "had used up its numbercall" in result["warnings"][0]
    assert result["diff"][0]["after"] == {"active": True, "numbercall": -1}


def test_re_enabling_a_failing_cron_warns_and_a_declared_numbercall_wins():
    client = FakeClient("18.0", crons=[cron(7, "Flaky", active=False, failure_count=3,
                                            first_failure_date="2026-11-20 10:00:00")])
    result = CronSync(client).run(declarations_from({"name": "Flaky", "active": True}))
    assert "it was failing (3 failure(s) in a row since 2026-11-20 10:00:00 UTC)" in result["warnings"][0]
    client = FakeClient("14.0", crons=[cron(7, "Used up", active=False, numbercall=0)])
    result = CronSync(client).run(declarations_from({"name": "Used up", "active": True, "numbercall": 5}))
    assert "warnings" not in result
    assert client.writes[-1][2][1] == {"active": True, "numbercall": 5}


def test_an_active_cron_gets_no_warning():
    client = FakeClient("18.0", crons=[cron(7, "Flaky", failure_count=3)])
    result = CronSync(client).run(declarations_from({"name": "Flaky", "active": True}))
    assert not result["changed"] and "warnings" not in result
