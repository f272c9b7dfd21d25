"""The choice of transport, and JSON-2's named arguments (no server needed: the simulator's contract
and integration suites check the transports against Odoo itself)."""

import pytest

from ansible_collections.odoo_ops.odoo.plugins.module_utils.client import (
    OdooClient,
    ServerVersion,
    looks_like_api_key,
    select_protocol,
)
from ansible_collections.odoo_ops.odoo.plugins.module_utils.errors import OdooInputError
from ansible_collections.odoo_ops.odoo.plugins.module_utils.transport_json2 import named_arguments

KEY = "0123456789abcdef0123456789abcdef01234567"  # the shape of an Odoo API key


@pytest.mark.parametrize("version, api_key, expected", [
    ("14.0", False, "jsonrpc"), ("14.0", True, "jsonrpc"), ("18.0", True, "jsonrpc"),
    ("19.0", True, "json2"), ("19.0", False, "web"), ("saas~19.2", True, "json2"),
    ("20.0", True, "json2"), ("20.0", False, "web"),   # a later Odoo is taken to keep 19's APIs
])
def test_select_protocol(version, api_key, expected):
    assert select_protocol(ServerVersion.parse(version), api_key) == expected


@pytest.mark.parametrize("secret, expected", [
    (KEY, True), (KEY.upper(), False), (KEY[:-1], False), ("admin", False), ("", False), (None, False),
])
def test_api_key_shape(secret, expected):
    assert looks_like_api_key(secret) is expected


@pytest.mark.parametrize("model, method, args, kwargs, body", [
    ("ir.cron", "search_read", [[("id", "=", 1)]], {"fields": ["name"], "context": {"active_test": False}},
     {"domain": [("id", "=", 1)], "fields": ["name"], "context": {"active_test": False}}),
    ("ir.cron", "create", [[{"name": "x"}]], {}, {"vals_list": [{"name": "x"}]}),
    ("ir.cron", "write", [[3, 4], {"active": False}], {}, {"ids": [3, 4], "vals": {"active": False}}),
    ("ir.cron", "read", [[3], ["name"]], {}, {"ids": [3], "fields": ["name"]}),
    ("ir.cron", "unlink", [[3]], {}, {"ids": [3]}),
    ("ir.cron", "method_direct_trigger", [7], {}, {"ids": [7]}),
    ("res.users", "fields_get", [["group_ids"]], {"attributes": ["type"]},
     {"allfields": ["group_ids"], "attributes": ["type"]}),
    ("whatsapp.sync.service", "cron_sync_all_data", [], {"limit": 5}, {"limit": 5}),
    ("ir.module.module", "update_list", [], {}, {}),
])
def test_named_arguments(model, method, args, kwargs, body):
    assert named_arguments(model, method, args, kwargs) == body


def test_named_arguments_refuses_what_it_cannot_name():
    with pytest.raises(OdooInputError, match="x.frobnicate: JSON-2 takes named arguments only"):
        named_arguments("x", "frobnicate", [[1], "positional"], {})


def test_protocol_is_checked_before_any_request():
    with pytest.raises(OdooInputError, match="protocol must be one of auto, jsonrpc, web, json2, got 'soap'"):
        OdooClient("http://127.0.0.1:1", "odoo", "admin", "admin", protocol="soap")


def test_a_json2_client_learns_its_uid_from_a_users_read_it_makes_anyway():
    """JSON-2 has no login, so the uid starts unknown: the next res.users read asks for the connected login too,
    and its row tells the uid; once known, nothing more is asked."""
    client = OdooClient("http://odoo.invalid", "db", "admin", KEY)
    assert client.uid is None and client.connected_login_leaf() == ("login", "=", "admin")
    client.note_users([{"id": 6, "login": "demo"}])
    assert client.uid is None
    client.note_users([{"id": 6, "login": "demo"}, {"id": 2, "login": "admin"}])
    assert client.uid == 2 and client.connected_login_leaf() is None
    client.note_users([{"id": 9, "login": "admin"}])   # the first answer stays
    assert client.uid == 2


class _Json2Answers:
    """A JSON-2 transport that records its calls and answers web_search_read as 19.0 does."""
    name = "json2"

    def __init__(self, records):
        self.records = records
        self.calls = []

    def execute(self, uid, model, method, args, kwargs):
        self.calls.append((model, method, args, kwargs))
        return {"length": len(self.records), "records": self.records}


def test_over_json2_the_cron_read_brings_its_users_logins_in_the_same_request():
    client = OdooClient("http://odoo.invalid", "db", "admin", KEY)
    client.transport = _Json2Answers([
        {"id": 7, "cron_name": "A", "user_id": {"id": 2, "display_name": "Mitchell Admin", "login": "admin"},
         "model_id": {"id": 90, "display_name": "WhatsApp Sync Service"}, "ir_actions_server_id": False},
        {"id": 8, "cron_name": "B", "user_id": {"id": 6, "display_name": "Demo", "login": "demo"},
         "model_id": {"id": 90, "display_name": "WhatsApp Sync Service"}, "ir_actions_server_id": False},
    ])
    rows, logins = client.search_read_logins("ir.cron", [("id", "in", [7, 8])],
                                             ["cron_name", "user_id", "model_id", "ir_actions_server_id"],
                                             ("user_id", "model_id", "ir_actions_server_id"), "user_id",
                                             archived=True, order="id")
    (model, method, args, kwargs), = client.transport.calls
    assert (model, method, args) == ("ir.cron", "web_search_read", [[("id", "in", [7, 8])]])
    assert kwargs == {"specification": {"cron_name": {}, "user_id": {"fields": {"display_name": {}, "login": {}}},
                                        "model_id": {"fields": {"display_name": {}}},
                                        "ir_actions_server_id": {"fields": {"display_name": {}}}},
                      "order": "id", "context": {"active_test": False}}
    # search_read's shape, as every caller of the store expects it
    assert rows[0]["user_id"] == [2, "Mitchell Admin"] and rows[1]["model_id"] == [90, "WhatsApp Sync Service"]
    assert rows[0]["ir_actions_server_id"] is False
    assert logins == {2: "admin", 6: "demo"} and client.uid == 2


def test_a_login_transport_reads_crons_with_a_plain_search_read():
    client = OdooClient("http://odoo.invalid", "db", "admin", "a password")
    client.transport = _Json2Answers([])
    client.transport.name = "jsonrpc"
    client.transport.execute = lambda uid, model, method, args, kwargs: client.transport.calls.append(method) or []
    assert client.search_read_logins("ir.cron", [], ["user_id"], ("user_id",), "user_id") == ([], {})
    assert client.transport.calls == ["search_read"]
