"""Contract of Odoo 19's JSON-2 API, /web/version and the deprecation of /jsonrpc (FACTS-19).

Runs on every simulator profile (before 19.0 the routes must be absent) and on a real server; on a
real 19 it needs ODOO_API_KEY (the admin's key). Sources: addons/rpc/controllers/{__init__,json2}.py,
odoo/http.py Json2Dispatcher, odoo/addons/base/models/ir_http.py _auth_method_bearer (19.0).
"""

import json
import os
import urllib.error
import urllib.request

import pytest

from simcontract import RpcFailure

JSON = "application/json"


def http(target, path, body=None, headers=None, method=None):
    """(status, content type, parsed JSON or text) of one plain HTTP request."""
    data = body if isinstance(body, bytes) or body is None else json.dumps(body).encode()
    request = urllib.request.Request(target.url + path, data=data, headers=headers or {},
                                     method=method or ("POST" if data is not None else "GET"))
    try:
        response = urllib.request.urlopen(request, timeout=30)
    except urllib.error.HTTPError as error:
        response = error
    with response:
        raw = response.read().decode()
        content_type = response.headers.get("Content-Type") or ""
        status = response.status if hasattr(response, "status") else response.code
    return status, content_type, (json.loads(raw) if content_type.startswith(JSON) else raw)


@pytest.fixture
def json2(target):
    """call(model, method, body, key=..., database=...) -> (status, content type, answer)."""
    if target.profile.major < 19:
        pytest.skip("no JSON-2 before 19.0")
    key = target.sim.api_key("admin") if target.sim else os.environ.get("ODOO_API_KEY")
    if not key:
        pytest.skip("set ODOO_API_KEY (the admin's API key) to check JSON-2 on a real server")

    def call(model, method, body=None, key=key, database=target.database, content_type=JSON, raw=None):
        headers = {"Content-Type": content_type} if content_type else {}
        if key is not None:
            headers["Authorization"] = "bearer %s" % key
        if database is not None:
            headers["X-Odoo-Database"] = database
        payload = raw if raw is not None else json.dumps(body if body is not None else {}).encode()
        return http(target, "/json/2/%s/%s" % (model, method), payload, headers)
    call.key = key
    return call


def error_of(answer):
    assert set(answer) == {"name", "message", "arguments", "context", "debug"}, answer
    return answer["name"], answer["message"]


def test_version_without_login(target):
    for path in ("/web/version", "/json/version"):
        status, content_type, answer = http(target, path)
        if target.profile.major < 19:
            # what the client's probe relies on: no such route before 19.0 (/json/version is a
            # redirect to the login page on a real 18.0)
            assert status == 404 or not content_type.startswith(JSON), (path, status, content_type)
            assert path != "/web/version" or status == 404
            continue
        assert (status, content_type.split(";")[0]) == (200, JSON)
        assert answer == {"version_info": [target.profile.major, 0, 0, "final", 0, ""],
                          "version": target.profile.series}


def test_json2_success_is_the_bare_result(target, json2):
    status, _type, answer = json2("res.users", "context_get")
    assert status == 200 and answer["uid"] == target.admin_uid and {"lang", "tz"} <= set(answer)
    status, _type, rows = json2("ir.cron", "search_read", {
        "domain": [["id", "=", 1]], "fields": ["cron_name"], "context": {"active_test": False}})
    assert status == 200 and [row["id"] for row in rows] == [1] and set(rows[0]) == {"id", "cron_name"}
    assert json2("ir.cron", "search_count", {"domain": [["id", "=", 1]]})[2] == 1


def test_json2_create_write_unlink(target, json2):
    model_id = target.model_ref("base.model_res_partner")
    vals = {"name": "json2 contract", "model_id": model_id, "state": "code", "code": "model.search_count([])",
            "interval_number": 1, "interval_type": "days", "active": False}
    status, _type, ids = json2("ir.cron", "create", {"vals_list": [vals]})
    assert status == 200 and isinstance(ids, list) and len(ids) == 1
    action = json2("ir.cron", "read", {"ids": ids, "fields": ["ir_actions_server_id", "priority"]})[2][0]
    try:
        assert json2("ir.cron", "write", {"ids": ids, "vals": {"priority": 3}})[:1] == (200,)
        assert json2("ir.cron", "read", {"ids": ids, "fields": ["priority"]})[2][0]["priority"] == 3
    finally:
        assert json2("ir.cron", "unlink", {"ids": ids})[2] is True
        json2("ir.actions.server", "unlink", {"ids": [action["ir_actions_server_id"][0]]})


def test_json2_call_is_one_transaction(target, json2):
    model_id = target.model_ref("base.model_res_partner")
    good = {"name": "json2 rollback", "model_id": model_id, "state": "code", "code": "model.search_count([])",
            "interval_number": 1, "interval_type": "days", "active": False}
    status, _type, answer = json2("ir.cron", "create", {"vals_list": [good, dict(good, no_such_field=1)]})
    assert status == 500 and answer["name"] == "builtins.ValueError"
    found = json2("ir.cron", "search_count", {"domain": [["cron_name", "=", "json2 rollback"]],
                                              "context": {"active_test": False}})[2]
    assert found == 0


@pytest.mark.parametrize("key, message", [
    (None, "User not authenticated, use an API Key with a Bearer Authorization header."),
    ("0" * 40, "Invalid apikey"),
    ("admin", "Invalid apikey"),          # a password is not an API key
])
def test_json2_needs_an_api_key(json2, key, message):
    status, content_type, answer = json2("ir.cron", "search_count", {"domain": []}, key=key)
    assert (status, content_type.split(";")[0]) == (401, JSON)
    assert error_of(answer) == ("werkzeug.exceptions.Unauthorized", message)


@pytest.mark.parametrize("model, method, body, status, name, message", [
    ("no.such.model", "search_read", {}, 404, "werkzeug.exceptions.NotFound", "the model 'no.such.model' does not exist"),
    ("ir.cron", "no_such_method", {"ids": []}, 404, "werkzeug.exceptions.NotFound",
     "The method 'ir.cron.no_such_method' does not exist"),
    ("ir.cron", "_try_lock", {"ids": [1]}, 403, "odoo.exceptions.AccessError",
     "Private methods (such as 'ir.cron._try_lock') cannot be called remotely."),
    ("ir.cron", "create", {"ids": [1], "vals_list": []}, 422, "werkzeug.exceptions.UnprocessableEntity",
     "cannot call ir.cron.create with ids"),
    ("ir.cron", "search_read", {"ids": [1]}, 422, "werkzeug.exceptions.UnprocessableEntity",
     "cannot call ir.cron.search_read with ids"),
    ("ir.cron", "write", {"ids": [1]}, 422, "werkzeug.exceptions.UnprocessableEntity",
     "missing a required argument: 'vals'"),
    ("res.users", "context_get", {"foo": 1}, 422, "werkzeug.exceptions.UnprocessableEntity",
     "got an unexpected keyword argument 'foo'"),
    ("ir.cron", "search_read", {"domain": [], "no_such_kw": 1}, 500, "builtins.TypeError",
     "BaseModel._read_format() got an unexpected keyword argument 'no_such_kw'"),
    ("ir.cron", "search_read", {"args": [[]]}, 500, "builtins.TypeError",
     "BaseModel._read_format() got an unexpected keyword argument 'args'"),
    ("ir.cron", "search_read", {"domain": [], "fields": ["no_such_field"]}, 500, "builtins.ValueError",
     "Invalid field 'no_such_field' on 'ir.cron'"),
    ("ir.cron", "write", {"ids": [987654], "vals": {"active": False}}, 422, "odoo.exceptions.UserError",
     "Record cannot be modified right now: This cron task is currently being executed and may not be "
     "modified Please try again in a few minutes"),
])
def test_json2_errors(json2, model, method, body, status, name, message):
    answer = json2(model, method, body)
    assert (answer[0], answer[1].split(";")[0]) == (status, JSON), answer
    assert error_of(answer[2]) == (name, message)


def test_json2_request_shape_errors(target, json2):
    status, _type, answer = json2("res.users", "context_get", raw=b"this is not json")
    assert status == 400 and answer["name"] == "werkzeug.exceptions.BadRequest"
    assert answer["message"].startswith("could not parse the body as json: ")
    status, content_type, _page = json2("res.users", "context_get", {}, content_type="text/plain")
    assert (status, content_type.split(";")[0]) == (415, "text/html")
    # an unknown database: no database selected, the server-wide 404 page
    status, content_type, _page = json2("res.users", "context_get", {}, database="no_such_db")
    assert (status, content_type.split(";")[0]) == (404, "text/html")
    # a non-object body is ignored; only POST /json/2/<model>/<method> is a call
    assert json2("res.users", "context_get", raw=b"[]")[0] == 200
    status, _type, answer = http(target, "/json/2/res.users/context_get",
                                 headers={"Authorization": "bearer %s" % json2.key})
    assert (status, answer["message"]) == (404, "Did you mean POST /json/2/<model>/<method>?")


def test_demo_key_is_refused_crons(target, json2):
    key = target.sim.api_key("demo") if target.sim else os.environ.get("ODOO_DEMO_API_KEY")
    if not key:
        pytest.skip("set ODOO_DEMO_API_KEY (the demo user's API key)")
    status, _type, answer = json2("ir.cron", "search_read", {"domain": []}, key=key)
    assert status == 403 and answer["name"] == "odoo.exceptions.AccessError"
    assert answer["message"].startswith("You are not allowed to access 'Scheduled Actions' (ir.cron) records.")


def test_deprecated_endpoints_are_counted(target, sim):
    """The simulator counts what a real 19 logs a deprecation WARNING for, and nothing else."""
    sim.reset_counters()
    target.result("/jsonrpc", {"service": "common", "method": "version", "args": []})
    target.execute_kw("ir.cron", "search_count", [[]])
    opener = target.session_opener()
    target.result("/web/session/authenticate", {
        "db": target.database, "login": target.login, "password": target.password}, opener)
    target.result("/web/dataset/call_kw/ir.cron/search_count", {
        "model": "ir.cron", "method": "search_count", "args": [[]], "kwargs": {}}, opener)
    http(target, "/web/version")
    if target.profile.major >= 19:
        assert sim.counters()["deprecated"] == 2
        assert len(sim.json2.deprecation_log) == 2
        assert "deprecated in Odoo 19 and scheduled for removal in Odoo 20" in sim.json2.deprecation_log[0]
        http(target, "/xmlrpc/2/common", b"<methodCall/>", {"Content-Type": "text/xml"})
        assert sim.counters()["deprecated"] == 3
    else:
        assert sim.counters()["deprecated"] == 0


def test_20_jsonrpc_object_and_login_answer_404_unless_the_parameter_is_set(target, sim):
    """addons/rpc/controllers/jsonrpc.py @59e846b3928e (20.0): object, common.login and common.authenticate
    raise NotFound unless ir.config_parameter rpc.use_deprecated_services is true; other common calls answer."""
    if not sim.profile.jsonrpc_gated:
        pytest.skip("Odoo %s serves /jsonrpc's object service without a parameter" % sim.profile.series)
    params = sim.db.env()["ir.config_parameter"]
    params._set_param("rpc.use_deprecated_services", False)
    for call in ({"service": "object", "method": "execute_kw",
                  "args": [target.database, 2, "admin", "ir.cron", "search_count", [[]]]},
                 {"service": "common", "method": "login", "args": [target.database, "admin", "admin"]},
                 {"service": "common", "method": "authenticate", "args": [target.database, "admin", "admin", {}]}):
        answer = target.raw("/jsonrpc", call)
        assert answer["error"]["code"] == 404 and answer["error"]["message"] == "404: Not Found", call
        assert answer["error"]["data"]["name"] == "werkzeug.exceptions.NotFound"
    assert target.result("/jsonrpc", {"service": "common", "method": "version", "args": []})["server_version"] == "20.0"
    params._set_param("rpc.use_deprecated_services", "True")
    assert target.execute_kw("ir.cron", "search_count", [[]]) >= 1


def test_a_call_naming_a_missing_model_is_counted(target, sim):
    """counters()["missing_models"]: what the integration targets assert empty (e.g. ir.model.access on 20)."""
    sim.reset_counters()
    lacking = "ir.model.access" if sim.profile.security_model == "ir.access" else "ir.access"
    with pytest.raises(RpcFailure):
        target.execute_kw(lacking, "search_read", [[]], {"fields": ["id"]})
    target.execute_kw("ir.cron", "search_count", [[]])
    assert sim.counters()["missing_models"] == {lacking: 1}
