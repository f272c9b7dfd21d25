import pytest

from ansible_collections.odoo_ops.odoo.plugins.module_utils.cron_scope import CronScope, scope_steps
from ansible_collections.odoo_ops.odoo.plugins.module_utils.cron_spec import declarations_from
from ansible_collections.odoo_ops.odoo.plugins.module_utils.cron_sync import CronSync
from ansible_collections.odoo_ops.odoo.plugins.module_utils.errors import OdooInputError

from ansible_collections.odoo_ops.odoo.tests.unit.fake_odoo import FakeClient, cron


def xml_id(id_, module, name, res_id):
    return {"id": id_, "module": module, "name": name, "model": "ir.cron", "res_id": res_id, "noupdate": True}


# Ops crons: 1 declared, 2 and 3 undeclared (3 archived already); 4 is another team's; 5 is mail's.
CRONS = [cron(1, "Ops: a"), cron(2, "Ops: b"), cron(3, "Ops: c", active=False), cron(4, "Sales: report"),
         cron(5, "Mail: queue", model_name="mail.mail")]
XML_IDS = [xml_id(11, "my_ops", "cron_a", 1), xml_id(12, "my_ops", "cron_b", 2), xml_id(15, "mail", "queue", 5)]


def run(client, crons, scope, action="archive", check_mode=False):
    steps = scope_steps({"exclusive": True, "scope": scope, "exclusive_action": action})
    return CronSync(client, check_mode=check_mode, steps=steps).run(
        declarations_from({"crons": crons, "state": "present"}))


def written(client):
    return [call for call in client.calls if call[1] in ("write", "unlink", "create")]


@pytest.mark.parametrize("scope", [{"name_prefix": "Ops:"}, {"xml_module": ["my_ops"], "name_prefix": "Ops: "}])
def test_undeclared_active_crons_of_the_scope_are_archived_in_one_write(scope):
    client = FakeClient(crons=CRONS, xml_ids=XML_IDS)
    result = run(client, [{"name": "Ops: a", "active": True}], scope)
    assert result["changed"] is True
    assert written(client) == [("ir.cron", "write", ([2], {"active": False}))]
    assert [(c["name"], c["action"], c["active"]) for c in result["crons"]] == [
        ("Ops: a", "none", True), ("Ops: b", "update", False)]
    assert result["diff"] == [{"before_header": "cron my_ops.cron_b (id 2)", "after_header": "cron my_ops.cron_b (id 2)",
                               "before": {"active": True}, "after": {"active": False}}]


def test_the_scope_is_read_with_the_declared_crons_after_one_read_of_external_ids():
    client = FakeClient(crons=CRONS, xml_ids=XML_IDS)
    run(client, [{"name": "Ops: a", "active": True}],
        {"xml_module": ["my_ops"], "name_prefix": "Ops:", "model": "res.partner"})
    reads = [(model, method) for model, method, _args in client.calls]
    assert reads == [("ir.model.data", "search_read"), ("ir.cron", "search_read"), ("ir.cron", "write")]
    assert client.calls[0][2] == [("model", "=", "ir.cron")]
    assert client.calls[1][2] == ["|", ("cron_name", "in", ["Ops: a"]), "&", "&", ("id", "in", [1, 2]),
                                  ("cron_name", "=like", "Ops:%"), ("model_name", "=", "res.partner")]


def test_installed_addons_are_read_only_for_external_ids_of_modules_the_scope_does_not_name():
    client = FakeClient(crons=CRONS, xml_ids=XML_IDS)
    run(client, [{"name": "Ops: a", "active": True}], {"name_prefix": "Ops:"})
    assert ("ir.module.module", "search_read", [("name", "in", ["my_ops"]), ("state", "=", "installed")]) \
        in client.calls
    assert written(client) == [("ir.cron", "write", ([2], {"active": False}))]


def test_check_mode_plans_the_same_and_writes_nothing():
    client = FakeClient(crons=CRONS, xml_ids=XML_IDS)
    result = run(client, [{"name": "Ops: a"}], {"name_prefix": "Ops:"}, check_mode=True)
    assert result["changed"] is True and [c["action"] for c in result["crons"]] == ["none", "update"]
    assert written(client) == []


def test_nothing_to_do_when_every_cron_of_the_scope_is_declared_or_archived():
    client = FakeClient(crons=CRONS, xml_ids=XML_IDS)
    result = run(client, [{"name": "Ops: a"}, {"name": "Ops: b"}], {"name_prefix": "Ops:"})
    assert result["changed"] is False and written(client) == []


def test_delete_removes_archived_ones_too_with_their_server_actions():
    client = FakeClient(crons=CRONS, xml_ids=XML_IDS)
    result = run(client, [{"name": "Ops: a"}], {"name_prefix": "Ops:"}, action="delete")
    assert written(client) == [("ir.cron", "unlink", ([2, 3],)), ("ir.actions.server", "unlink", ([1002, 1003],))]
    assert [c["action"] for c in result["crons"]] == ["none", "delete", "delete"]
    assert result["diff"][1]["before"]["name"] == "Ops: c" and result["diff"][1]["after"] == {"state": "absent"}


def test_crons_outside_the_scope_are_never_touched():
    # The fake answers every cron whatever the domain: the scope itself must keep them out.
    client = FakeClient(crons=CRONS, xml_ids=XML_IDS)
    run(client, [], {"xml_module": ["my_ops"]})
    assert written(client) == [("ir.cron", "write", ([1, 2], {"active": False}))]
    client = FakeClient(crons=CRONS, xml_ids=XML_IDS)
    run(client, [], {"model": "res.partner", "name_prefix": "Sales"})
    assert written(client) == [("ir.cron", "write", ([4], {"active": False}))]


def test_a_scope_touching_an_installed_addons_crons_is_refused_before_writing():
    client = FakeClient(crons=CRONS, xml_ids=XML_IDS)
    with pytest.raises(OdooInputError) as error:
        run(client, [], {"model": "mail.mail"})
    assert "installed addon(s) mail" in error.value.message and "mail.queue" in error.value.message
    assert "scope.xml_module" in error.value.message
    assert written(client) == []


def test_naming_the_addon_in_xml_module_allows_it():
    client = FakeClient(crons=CRONS, xml_ids=XML_IDS)
    run(client, [], {"model": "mail.mail", "xml_module": ["mail"]})
    assert written(client) == [("ir.cron", "write", ([5], {"active": False}))]
    assert "ir.module.module" not in [call[0] for call in client.calls]


def test_external_ids_of_modules_not_installed_do_not_refuse():
    client = FakeClient(crons=CRONS, xml_ids=XML_IDS, installed=["base"])
    run(client, [], {"model": "mail.mail"})
    assert written(client) == [("ir.cron", "write", ([5], {"active": False}))]
    client = FakeClient(crons=[cron(6, "Exported")], xml_ids=[xml_id(16, "__export__", "ir_cron_6", 6)])
    run(client, [], {"name_prefix": "Export"})
    assert "ir.module.module" not in [call[0] for call in client.calls]  # __export__ is no addon
    assert written(client) == [("ir.cron", "write", ([6], {"active": False}))]


def test_a_prefix_with_a_backslash_is_checked_by_the_scope_only():
    client = FakeClient(crons=[cron(1, "a\\b x"), cron(2, "ab x")])
    run(client, [], {"name_prefix": "a\\b"})
    assert client.calls[1][2] == [("id", "!=", 0)]  # every cron, then the scope decides
    assert written(client) == [("ir.cron", "write", ([1], {"active": False}))]


@pytest.mark.parametrize("params, fragments", [
    ({"exclusive": True}, ["exclusive=true needs a scope", "xml_module", "name_prefix", "model"]),
    ({"exclusive": True, "scope": {}}, ["needs a scope"]),
    ({"exclusive": True, "scope": {"xml_module": [], "name_prefix": "", "model": None}}, ["needs a scope"]),
    ({"exclusive": True, "scope": {"xml_module": ["my_ops.cron"]}}, ["scope.xml_module", "module name"]),
    ({"exclusive": True, "scope": {"model": "Res Partner"}}, ["scope.model", "technical name"]),
    ({"exclusive": True, "scope": {"model": "res.partner"}, "exclusive_action": "purge"},
     ["exclusive_action", "archive, delete"]),
    ({"exclusive": False, "scope": {"name_prefix": "Ops:"}}, ["scope", "exclusive=true"]),
])
def test_bad_scopes_are_refused(params, fragments):
    with pytest.raises(OdooInputError) as error:
        scope_steps(params)
    for fragment in fragments:
        assert fragment in error.value.message


def test_no_step_without_exclusive():
    assert scope_steps({"exclusive": False, "scope": None}) == []
    assert isinstance(scope_steps({"exclusive": True, "scope": {"model": "res.partner"}})[0], CronScope)
