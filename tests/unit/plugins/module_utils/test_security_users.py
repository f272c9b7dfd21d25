"""security_users.py (odoo_user): a user with at least the declared groups; the groups field asked, not guessed."""

import pytest

from ansible_collections.odoo_ops.odoo.plugins.module_utils.errors import OdooAuthError, OdooInputError
from ansible_collections.odoo_ops.odoo.plugins.module_utils.security_users import UserSync, groups_fields

from ansible_collections.odoo_ops.odoo.tests.unit.scripted_client import ScriptedClient

GROUP_XML_IDS = [{"module": "base", "name": "group_system", "res_id": 4},
                 {"module": "base", "name": "group_user", "res_id": 1}]


def client_for(users, fields=("groups_id",), xml_ids=None, groups=()):
    xml_ids = GROUP_XML_IDS if xml_ids is None else xml_ids
    return ScriptedClient({("res.users", "fields_get"): [dict((f, {"type": "many2many"}) for f in fields)],
                           ("res.users", "search_read"): [users], ("ir.model.data", "search_read"): [list(xml_ids)],
                           ("res.groups", "search_read"): [list(groups)], ("res.users", "create"): [[77]],
                           ("res.users", "write"): [True]}, username="admin")


@pytest.mark.parametrize("fields, expected", [(("groups_id",), ("groups_id", "groups_id")),
                                              (("group_ids", "all_group_ids"), ("group_ids", "all_group_ids")),
                                              (("group_ids",), ("group_ids", "group_ids"))])
def test_the_groups_field_comes_from_fields_get_once(fields, expected):
    client = client_for([], fields)
    assert groups_fields(client) == expected and groups_fields(client) == expected
    assert len([c for c in client.calls if c[1] == "fields_get"]) == 1


def test_neither_field_is_an_error():
    with pytest.raises(OdooInputError):
        groups_fields(client_for([], fields=("other",)))


def test_create_needs_a_password_and_sets_the_groups():
    with pytest.raises(OdooInputError) as error:
        UserSync(client_for([])).ensure("ansible_apply", groups=["base.group_system"])
    assert "password is required" in error.value.message
    client = client_for([])
    result = UserSync(client).ensure("ansible_apply", groups=["base.group_system"], password="apply-pw")
    values = [c for c in client.calls if c[1] == "create"][0][2][0][0]
    assert values["groups_id"] == [(6, 0, [4])] and values["password"] == "apply-pw"
    assert result["changed"] and result["user"]["id"] == 77 and result["user"]["password_set"]


def test_implied_groups_are_no_drift_and_missing_ones_are_added():
    user = {"id": 9, "login": "ansible_apply", "name": "ansible_apply", "active": True, "groups_id": [4, 1, 3, 8]}
    client = client_for([user])
    assert UserSync(client).ensure("ansible_apply", groups=["base.group_system"])["changed"] is False
    assert client.writes() == []
    client = client_for([dict(user, groups_id=[3])])
    result = UserSync(client).ensure("ansible_apply", groups=["base.group_system", "base.group_user"])
    assert client.writes()[0][2] == ([9], {"groups_id": [(4, 1), (4, 4)]})
    assert result["diff"]["before"]["groups"] == [] and result["diff"]["after"]["groups"] == [
        "base.group_system", "base.group_user"]


def test_a_group_by_name_and_an_unknown_one():
    user = {"id": 9, "login": "m", "name": "m", "active": True, "groups_id": [50]}
    client = client_for([user], xml_ids=[], groups=[{"id": 50, "name": "Scheduled Actions: read only"}])
    assert UserSync(client).ensure("m", groups=["Scheduled Actions: read only"])["changed"] is False
    with pytest.raises(OdooInputError) as error:
        UserSync(client_for([user], xml_ids=[])).ensure("m", groups=["No Such Group"])
    assert "no group is named 'No Such Group'" in error.value.message
    # check mode: a group an earlier task of the same play would create
    result = UserSync(client_for([user], xml_ids=[]), check_mode=True).ensure("m", groups=["Later"])
    assert result["changed"]


def test_absent_archives_and_the_password_is_checked_by_a_login_only_when_asked():
    user = {"id": 9, "login": "m", "name": "m", "active": True, "groups_id": []}
    client = client_for([user])
    assert UserSync(client).ensure("m", state="absent")["changed"]
    assert client.writes()[0][2] == ([9], {"active": False})

    tried = []

    def refuses(login, password):
        tried.append(login)
        raise OdooAuthError("login failed")

    client = client_for([user])
    result = UserSync(client, login_check=refuses).ensure("m", password="new", update_password="always")
    assert tried == ["m"] and client.writes()[0][2] == ([9], {"password": "new"}) and result["changed"]
    client = client_for([user])
    assert UserSync(client, login_check=refuses).ensure("m", password="new")["changed"] is False and tried == ["m"]
