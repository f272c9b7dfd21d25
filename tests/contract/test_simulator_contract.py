"""Contract of the Odoo external-API simulator, per version profile.

Every assertion on Odoo behaviour cites the file of odoo/odoo it comes from, so the
same tests can be pointed at a real server (see conftest.py). Tests that use the
simulator's own controls (faults, counters, scheduler, disk versions) take the
``sim`` fixture and skip on a real server.
"""

import datetime
import os
import re
import signal
import subprocess
import sys
import time
import urllib.error

import odoorpc
import pytest

from simcontract import TESTS_DIR, RpcFailure

ACCESS_DENIED = "odoo.exceptions.AccessDenied"
ACCESS_ERROR = "odoo.exceptions.AccessError"
USER_ERROR = "odoo.exceptions.UserError"
VALIDATION_ERROR = "odoo.exceptions.ValidationError"
MISSING_ERROR = "odoo.exceptions.MissingError"
# ir_cron.py write()/_unlink_unless_running() when the row lock cannot be taken (14.0-19.0)
CRON_LOCKED = ("Record cannot be modified right now: This cron task is currently being executed "
               "and may not be modified Please try again in a few minutes")

# ir_model.py IrModelAccess.check / _make_access_error (same text 14.0-18.0)
CRON_WRITE_DENIED = (
    "You are not allowed to modify 'Scheduled Actions' (ir.cron) records.\n\n"
    "This operation is allowed for the following groups:\n\t- Administration/Settings\n\n"
    "Contact your administrator to request access if necessary.")
CRON_READ_DENIED = CRON_WRITE_DENIED.replace("modify", "access")
CRON_CREATE_DENIED = CRON_WRITE_DENIED.replace("modify", "create")


def on_branch(target, text):
    """A 14.0-18.0 text as 19.0 words it: group names without their category (measured)."""
    if target.profile.major < 19:
        return text
    return (text.replace("Administration/Settings", "Role / Administrator")
            .replace("Administration/Access Rights", "Access Rights")
            .replace("Administration / Settings", "Role / Administrator")
            .replace("User types / Internal User", "Role / User"))


def past(hours):
    moment = datetime.datetime.utcnow() - datetime.timedelta(hours=hours)
    return moment.strftime("%Y-%m-%d %H:%M:%S")


def future(hours=24):
    return past(-hours)


def missing(model, rid, uid):
    # fields.py Field.__get__ on a deleted record (14.0-18.0)
    return ("Record does not exist or has been deleted.\n(Record: %s(%d,), User: %s)"
            % (model, rid, uid))


def new_cron(target, cleanup, **vals):
    # nextcall in the future by default: a real server's cron thread would otherwise
    # run (and, numbercall=1, archive) the cron while the test looks at it
    values = {"name": "contract cron", "model_id": target.model_ref("base.model_res_partner"),
              "code": "model.search_count([])", "nextcall": future()}
    values.update(vals)
    rid = target.execute_kw("ir.cron", "create", [values])
    action = target.execute_kw("ir.cron", "read", [[rid], ["ir_actions_server_id"]])
    cleanup.append(("ir.actions.server", action[0]["ir_actions_server_id"][0]))
    cleanup.append(("ir.cron", rid))
    return rid


def read_one(target, model, rid, fields):
    rows = target.execute_kw(model, "read", [[rid], fields])
    return rows[0] if rows else None


# =========================================================================================
# Versions, authentication, sessions
# =========================================================================================
def test_version_info_shape(target):
    # web controllers version_info() -> service/common.py exp_version() (RPC_VERSION_1)
    info = target.result("/web/webclient/version_info", {})
    assert set(info) == {"server_version", "server_version_info", "server_serie",
                         "protocol_version"}
    assert info["protocol_version"] == 1
    assert info["server_version_info"][0] == target.profile.major
    assert info["server_serie"] == target.profile.series
    if target.sim:
        assert info["server_version"] == target.profile.series
        assert info["server_version_info"] == [target.profile.major, 0, 0, "final", 0, ""]


def test_odoorpc_login_and_env(target):
    odoo = target.odoo()
    assert odoo.env.uid == target.admin_uid
    assert odoo.env.user.login == target.login
    assert "ir.cron" in odoo.env
    assert {"lang", "tz", "uid"} <= set(odoo.env.context)
    admin = odoo.env.ref("base.user_admin")
    assert admin._name == "res.users" and admin.id == 2


def test_wrong_password_odoorpc_and_common_login(target):
    # common.login catches AccessDenied and answers False; odoorpc raises on False
    with pytest.raises(odoorpc.error.RPCError, match="Wrong login ID or password"):
        target.odoo(password="not-the-password")
    assert target.uid_of(target.login, "not-the-password") is False
    assert target.uid_of("no-such-login", "x") is False


def test_web_authenticate_wrong_password_is_access_denied(target):
    answer = target.raw("/web/session/authenticate", {
        "db": target.database, "login": target.login, "password": "not-the-password"})
    error = answer["error"]
    assert answer["jsonrpc"] == "2.0" and "result" not in answer
    # http.py JsonRPCDispatcher.handle_error: code 200 until 18.0, 0 on 19.0
    assert error["code"] == (0 if target.profile.major >= 19 else 200)
    assert error["message"] == "Odoo Server Error"
    assert set(error["data"]) >= {"name", "debug", "message", "arguments", "context"}
    assert error["data"]["name"] == ACCESS_DENIED
    assert error["data"]["message"] == "Access Denied"
    assert error["data"]["arguments"] == ["Access Denied"]


def _assert_no_such_database(name, message, db):
    assert name == "psycopg2.OperationalError"
    # libpq >= 14: 'connection to server at "127.0.0.1", port 5434 failed: FATAL:  ...'
    assert message.startswith("connection to server ")
    assert message.endswith('failed: FATAL:  database "%s" does not exist\n' % db)


def test_unknown_database(target):
    answer = target.raw("/web/session/authenticate", {
        "db": "no_such_db_x", "login": target.login, "password": target.password})
    data = answer["error"]["data"]
    # 16.0+ web/controllers/session.py authenticate(): "if not http.db_filter([db]):
    # raise AccessError('Database not found.')"; db_filter() passes every name when the
    # server has no dbfilter (nor db_name), and 14.0 has no such check: then
    # odoo.registry(db) fails in psycopg2 (measured on 14.0-18.0 with and without
    # dbfilter ^odoo$, FACTS §0b)
    filtered = bool(target.profile.session_db_check and target.dbfilter
                    and not re.match(target.dbfilter, "no_such_db_x"))
    if not target.dbfilter_known and target.profile.session_db_check:
        filtered = data["name"] == ACCESS_ERROR        # either configuration is Odoo's
    if filtered:
        assert (data["name"], data["message"]) == (ACCESS_ERROR, "Database not found.")
    else:
        _assert_no_such_database(data["name"], data["message"], "no_such_db_x")
    # /jsonrpc is never filtered: common.login and execute_kw reach psycopg2
    with pytest.raises(RpcFailure) as info:
        target.result("/jsonrpc", {"service": "common", "method": "login",
                                   "args": ["no_such_db_x", "admin", "admin"]})
    _assert_no_such_database(info.value.name, info.value.message, "no_such_db_x")
    with pytest.raises(RpcFailure) as info:
        target.result("/jsonrpc", {"service": "object", "method": "execute_kw", "args": [
            "no_such_db_x", 2, "admin", "res.users", "search", [[]]]})
    _assert_no_such_database(info.value.name, info.value.message, "no_such_db_x")
    if target.sim:
        assert data["message"] == ('connection to server at "127.0.0.1", port 5432 failed: '
                                   'FATAL:  database "no_such_db_x" does not exist\n')


def test_unknown_database_with_dbfilter(target, sim):
    from simulator import Simulator
    with Simulator(version=target.profile.series, dbfilter="^odoo$") as filtered:
        other = type(target)(filtered.url, "odoo", "admin", "admin", sim=filtered)
        data = other.raw("/web/session/authenticate", {
            "db": "no_such_db_x", "login": "admin", "password": "admin"})["error"]["data"]
        if target.profile.session_db_check:
            assert (data["name"], data["message"]) == (ACCESS_ERROR, "Database not found.")
        else:
            _assert_no_such_database(data["name"], data["message"], "no_such_db_x")
        assert other.result("/jsonrpc", {"service": "db", "method": "list",
                                         "args": []}) == ["odoo"]
        with pytest.raises(RpcFailure) as info:
            other.result("/jsonrpc", {"service": "common", "method": "login",
                                      "args": ["no_such_db_x", "admin", "admin"]})
        _assert_no_such_database(info.value.name, info.value.message, "no_such_db_x")


def test_web_session_and_call_kw(target):
    opener = target.session_opener()
    info = target.result("/web/session/authenticate", {
        "db": target.database, "login": target.login, "password": target.password}, opener)
    assert info["uid"] == target.admin_uid and info["username"] == target.login
    assert info["db"] == target.database and info["is_system"] is True
    assert info["server_version_info"][0] == target.profile.major
    assert info["user_context"]["uid"] == target.admin_uid
    assert any(cookie.name == "session_id" for cookie in opener.cookiejar)
    count = target.result("/web/dataset/call_kw", {
        "model": "ir.cron", "method": "search_count", "args": [[]], "kwargs": {}}, opener)
    rows = target.result("/web/dataset/call_kw/ir.cron/search_read", {
        "model": "ir.cron", "method": "search_read", "args": [],
        "kwargs": {"domain": [], "fields": ["cron_name"]}}, opener)
    assert count == len(rows) > 0


def test_call_kw_without_session_expires(target):
    answer = target.raw("/web/dataset/call_kw", {
        "model": "ir.cron", "method": "search", "args": [[]], "kwargs": {}})
    # http.py: SessionExpiredException -> code 100 "Odoo Session Expired"
    assert answer["error"]["code"] == 100
    assert answer["error"]["message"] == "Odoo Session Expired"
    assert answer["error"]["data"]["name"] == "odoo.http.SessionExpiredException"


def test_execute_kw_wrong_password_or_uid(target):
    error = target.error_of("ir.cron", "search", [[]], password="not-the-password")
    assert (error.name, error.message) == (ACCESS_DENIED, "Access Denied")
    # a uid that does not exist: reading the user fails (res.users.check)
    error = target.error_of("ir.cron", "search", [[]], uid=99999, password="x")
    assert (error.name, error.message) == (MISSING_ERROR, missing("res.users", 99999, 99999))
    # res.users.check(): an archived user (__system__, id 1) is refused
    error = target.error_of("ir.cron", "search", [[]], uid=1, password="whatever")
    assert error.name == ACCESS_DENIED


def test_database_list(target):
    try:
        dbs = target.result("/jsonrpc", {"service": "db", "method": "list", "args": []})
    except RpcFailure as exc:       # list_db = False on the server
        pytest.skip(str(exc))
    assert target.database in dbs
    if target.sim:
        assert dbs == ["odoo"]
        assert target.result("/web/database/list", {}) == ["odoo"]


def test_api_key_is_rpc_only(target):
    key = target.sim.api_key("admin") if target.sim else os.environ.get("ODOO_API_KEY")
    if not key:
        pytest.skip("no API key (set ODOO_API_KEY)")
    # res_users.py APIKeys: accepted when interactive=False (common.login, object)...
    assert target.uid_of(target.login, key) == target.admin_uid
    assert target.result("/jsonrpc", {"service": "common", "method": "authenticate", "args": [
        target.database, target.login, key, {}]}) == target.admin_uid
    assert target.execute_kw("ir.cron", "search_count", [[]], password=key) > 0
    # ... refused by the interactive /web/session/authenticate
    answer = target.raw("/web/session/authenticate", {
        "db": target.database, "login": target.login, "password": key})
    assert answer["error"]["data"]["name"] == ACCESS_DENIED


# ir_http.py session_info() keys measured on base-only databases (FACTS §1); more
# modules may add keys. 15.0 (no server measured) is held to what 14.0 and 16.0 share.
SESSION_KEYS_14 = {
    "active_ids_limit", "cache_hashes", "company_id", "currencies", "db",
    "display_switch_company_menu", "is_admin", "is_system", "max_file_upload_size", "name",
    "partner_display_name", "partner_id", "server_version", "server_version_info",
    "show_effect", "uid", "user_companies", "user_context", "user_id", "username",
    "web.base.url", "web_tours"}
SESSION_KEYS_16 = SESSION_KEYS_14 | {
    "bundle_params", "home_action_id", "profile_collectors", "profile_params",
    "profile_session", "support_url", "tour_disable"}
SESSION_KEYS = {
    14: SESSION_KEYS_14,
    15: SESSION_KEYS_14 & SESSION_KEYS_16,
    16: SESSION_KEYS_16,
    17: SESSION_KEYS_16 - {"company_id"} | {"is_internal_user", "user_settings"},
    18: SESSION_KEYS_16 - {"company_id", "user_id", "web_tours", "tour_disable"} | {
        "current_tour", "is_internal_user", "is_public", "partner_write_date", "test_mode",
        "tour_enabled", "user_settings", "view_info", "websocket_worker_version"},
}
# measured on 19.0
SESSION_KEYS[19] = SESSION_KEYS[18] - {"cache_hashes", "display_switch_company_menu"} | {
    "groups", "quick_login", "registry_hash"}
# 20.0: not read from a 20-era web/session file; = 19.0 (profiles.FACTS_20 "everything else")
SESSION_KEYS[20] = SESSION_KEYS[19]


def test_session_authenticate_result(target):
    opener = target.session_opener()
    info = target.result("/web/session/authenticate", {
        "db": target.database, "login": target.login, "password": target.password}, opener)
    major = target.profile.major
    assert set(info) >= SESSION_KEYS[major]
    if target.sim and major != 15:
        assert set(info) == SESSION_KEYS[major]
    assert ("company_id" in info) is (major < 17)
    assert info["uid"] == target.admin_uid and info["username"] == target.login
    version = target.result("/jsonrpc", {"service": "common", "method": "version", "args": []})
    assert info["server_version"] == version["server_version"]
    assert info["server_version_info"] == version["server_version_info"]
    assert info["user_context"]["uid"] == target.admin_uid
    assert {"lang", "tz"} <= set(info["user_context"])
    assert info["is_admin"] is True and info["is_system"] is True
    # res_users.py authenticate(): a Settings user's login stores the URL he used
    if not target.execute_kw("ir.config_parameter", "get_param", ["web.base.url.freeze"]):
        assert info["web.base.url"] == target.url
    # get_session_info answers the same for the session
    again = target.result("/web/session/get_session_info", {}, opener)
    assert again["uid"] == info["uid"] and set(again) >= SESSION_KEYS[major]


def test_web_authenticate_unknown_login_and_common_authenticate(target):
    answer = target.raw("/web/session/authenticate", {
        "db": target.database, "login": "no-such-login", "password": "x"})
    data = answer["error"]["data"]
    assert (data["name"], data["message"]) == (ACCESS_DENIED, "Access Denied")
    # common.authenticate / common.login answer False instead of raising
    common = {"service": "common", "method": "authenticate"}
    assert target.result("/jsonrpc", dict(common, args=[
        target.database, target.login, target.password, {}])) == target.admin_uid
    assert target.result("/jsonrpc", dict(common, args=[
        target.database, target.login, "not-the-password", {}])) is False


def test_unknown_service_and_method(target):
    with pytest.raises(RpcFailure) as info:
        target.result("/jsonrpc", {"service": "nosuchservice", "method": "version",
                                   "args": []})
    if target.profile.major >= 16:        # http.py dispatch_rpc: KeyError, no quotes
        assert (info.value.name, info.value.message) == ("builtins.KeyError",
                                                         "nosuchservice")
    elif target.profile.major == 14:      # 14.0 dispatch_rpc: dispatch never bound
        assert info.value.name == "builtins.UnboundLocalError"
    with pytest.raises(RpcFailure) as info:
        target.result("/jsonrpc", {"service": "common", "method": "nosuchmethod",
                                   "args": []})
    assert (info.value.name, info.value.message) == ("builtins.Exception",
                                                     "Method not found: nosuchmethod")


def test_context_get(target):
    context = target.execute_kw("res.users", "context_get", [])
    assert {"lang", "tz"} <= set(context)


# =========================================================================================
# ir.cron fields per version
# =========================================================================================
def test_fields_get_differs_by_version(target):
    fields = target.execute_kw("ir.cron", "fields_get", [], {
        "attributes": ["type", "string", "required", "readonly", "relation", "selection"]})
    profile = target.profile
    for name in ("name", "model_id", "model_name", "state", "code", "usage", "cron_name",
                 "user_id", "active", "interval_number", "interval_type", "nextcall",
                 "lastcall", "priority", "ir_actions_server_id"):
        assert name in fields, name
    assert ("numbercall" in fields) is profile.cron_numbercall is ("doall" in fields)
    assert ("failure_count" in fields) is (profile.major >= 18)
    assert ("first_failure_date" in fields) is (profile.major >= 18)
    assert fields["interval_type"]["type"] == "selection"
    assert fields["interval_type"]["selection"] == [
        ["minutes", "Minutes"], ["hours", "Hours"], ["days", "Days"], ["weeks", "Weeks"],
        ["months", "Months"]] + ([["never", "Never"]] if profile.cron_interval_never else [])
    assert fields["nextcall"]["type"] == "datetime" and fields["nextcall"]["required"]
    assert fields["user_id"]["relation"] == "res.users"
    assert fields["model_id"]["relation"] == "ir.model" and fields["model_id"]["required"]
    assert fields["interval_number"]["required"] is (profile.major >= 18)
    assert fields["cron_name"]["readonly"] is (profile.major >= 17)


def test_create_defaults(target, cleanup):
    rid = new_cron(target, cleanup)
    profile = target.profile
    # nextcall defaults to now (fields.Datetime.now); new_cron() sets a future one
    default = target.execute_kw("ir.cron", "default_get", [["nextcall"]])["nextcall"]
    assert abs(datetime.datetime.strptime(default, "%Y-%m-%d %H:%M:%S")
               - datetime.datetime.utcnow()) < datetime.timedelta(minutes=5)
    names = ["active", "interval_number", "interval_type", "priority", "state", "usage",
             "user_id", "nextcall", "lastcall", "cron_name", "name", "model_name"]
    names += ["numbercall", "doall"] if profile.cron_numbercall else ["failure_count"]
    row = read_one(target, "ir.cron", rid, names)
    assert row["active"] is True and row["interval_number"] == 1
    # 20.0: 'never' is the new default (profiles.FACTS_20, unconfirmed)
    assert row["interval_type"] == ("never" if profile.cron_interval_never else "months") and row["priority"] == 5
    # ir_cron.py default_get: default_state='code'; create(): usage forced to 'ir_cron'
    assert row["state"] == "code" and row["usage"] == "ir_cron"
    assert row["user_id"][0] == target.admin_uid
    assert row["cron_name"] == row["name"] == "contract cron"
    assert row["model_name"] == "res.partner" and row["lastcall"] is False
    datetime.datetime.strptime(row["nextcall"], "%Y-%m-%d %H:%M:%S")
    if profile.cron_numbercall:
        assert (row["numbercall"], row["doall"]) == (1, False)
    else:
        assert row["failure_count"] == 0


def test_create_list_and_write(target, cleanup):
    base = {"model_id": target.model_ref("base.model_res_partner"), "code": "model.search([])"}
    ids = target.execute_kw("ir.cron", "create", [[dict(base, name="a"), dict(base, name="b")]])
    assert isinstance(ids, list) and len(ids) == 2
    for rid in ids:
        server = read_one(target, "ir.cron", rid, ["ir_actions_server_id"])
        cleanup.extend([("ir.actions.server", server["ir_actions_server_id"][0]),
                        ("ir.cron", rid)])
    assert target.execute_kw("ir.cron", "write", [ids, {"name": "renamed"}]) is True
    rows = target.execute_kw("ir.cron", "read", [ids, ["name", "cron_name"]])
    assert {(r["name"], r["cron_name"]) for r in rows} == {("renamed", "renamed")}
    found = target.execute_kw("ir.cron", "search", [[("name", "=", "renamed"),
                                                     ("id", "in", ids)]])
    assert sorted(found) == sorted(ids)


def test_create_list_of_one_and_kwargs(target, cleanup):
    base = {"model_id": target.model_ref("base.model_res_partner"), "nextcall": future()}
    ids = target.execute_kw("ir.cron", "create", [[dict(base, name="only one")]])
    assert isinstance(ids, list) and len(ids) == 1          # a list gives a list
    server = read_one(target, "ir.cron", ids[0], ["ir_actions_server_id"])
    cleanup.extend([("ir.actions.server", server["ir_actions_server_id"][0]),
                    ("ir.cron", ids[0])])
    # api.py _call_kw_model_create: the values must be positional
    if target.profile.major <= 15:        # 14.0 ir_cron.create(self, values)
        error = target.error_of("ir.cron", "create", [], {"vals": dict(base, name="kw")})
        assert (error.name, error.message) == (
            "builtins.TypeError", "ir_cron.create() got an unexpected keyword argument 'vals'")
    else:                                 # create(vals_list=...) runs, then args[0] fails
        error = target.error_of("ir.cron", "create", [],
                                {"vals_list": [dict(base, name="kw")]})
        assert (error.name, error.message) == ("builtins.IndexError", "list index out of range"
                                               if target.profile.major >= 19 else "tuple index out of range")
        assert target.execute_kw("ir.cron", "search", [[("name", "=", "kw")]],
                                 {"context": {"active_test": False}}) == []
    # an unknown keyword argument: Python's TypeError with Odoo's qualified name
    error = target.error_of("ir.cron", "search", [[]], {"nonsense_kw": 1})
    assert (error.name, error.message) == (
        "builtins.TypeError", "BaseModel.search() got an unexpected keyword argument "
                              "'nonsense_kw'")


def test_numbercall_by_version(target, cleanup):
    if target.profile.cron_numbercall:
        rid = new_cron(target, cleanup, numbercall=-1)
        assert read_one(target, "ir.cron", rid, ["numbercall"])["numbercall"] == -1
        return
    # 18.0 removed numbercall/doall: sending it is an error
    error = target.error_of("ir.cron", "create", [{
        "name": "numbercall", "model_id": target.model_ref("base.model_res_partner"),
        "numbercall": -1}])
    text = "Invalid field 'numbercall' %s 'ir.cron'" % ("in" if target.profile.major >= 19 else "on model")
    assert (error.name, error.message) == ("builtins.ValueError", text)


def test_search_by_cron_name_model_name_and_external_id(target, cleanup):
    rid = new_cron(target, cleanup, name="Contract Lookup Job")
    for domain in ([("cron_name", "=", "Contract Lookup Job")],
                   [("name", "=", "Contract Lookup Job")],
                   [("name", "in", ["Contract Lookup Job"])],
                   [("model_name", "=", "res.partner"), ("id", "=", rid)],
                   [("model_id.model", "=", "res.partner"), ("id", "=", rid)]):
        assert target.execute_kw("ir.cron", "search", [domain]) == [rid], domain
    row = read_one(target, "ir.cron", rid, ["model_name", "cron_name"])
    assert (row["model_name"], row["cron_name"]) == ("res.partner", "Contract Lookup Job")
    assert target.execute_kw("ir.cron", "name_search", ["Contract Lookup"],
                             {"limit": 3}) == [[rid, "Contract Lookup Job"]]
    # models.py get_external_id(): {"<id>": ""} without xml id
    assert target.execute_kw("ir.cron", "get_external_id", [[rid]]) == {str(rid): ""}
    vacuum = target.model_ref("base.autovacuum_job")
    assert target.execute_kw("ir.cron", "get_external_id", [[vacuum]]) == {
        str(vacuum): "base.autovacuum_job"}
    assert target.execute_kw("ir.cron", "search", [[("model_name", "=", "ir.autovacuum")]],
                             {"context": {"active_test": False}}) == [vacuum]


def test_uninstalled_lang_in_context(target):
    context = {"lang": "fr_FR"}
    domain = [("name", "=", "Base: Auto-vacuum internal data")]
    if target.profile.major >= 18:
        # 18.0 Environment.lang refuses a language that is not installed
        error = target.error_of("ir.cron", "search", [domain], {"context": context})
        assert (error.name, error.message) == (USER_ERROR, "Invalid language code: fr_FR")
    else:
        assert target.execute_kw("ir.cron", "search", [domain], {
            "context": dict(context, active_test=False)})


def test_cron_code_is_validated(target):
    base = {"name": "bad code", "model_id": target.model_ref("base.model_res_partner")}
    # tools/safe_eval.py test_python_expr(): "%s : %s at line %d\n%s" % (..., err.text)
    error = target.error_of("ir.cron", "create", [dict(base, code="this is not python(")])
    assert error.name == VALIDATION_ERROR
    assert error.message.startswith("SyntaxError : ")
    assert error.message.endswith(" at line 1\nthis is not python(\n")
    # assert_valid_codeobj(): forbidden opcodes
    error = target.error_of("ir.cron", "create", [dict(base, code="import os")])
    assert (error.name, error.message) == (
        VALIDATION_ERROR, "forbidden opcode(s) in 'import os': IMPORT_NAME")


def test_field_not_on_version(target):
    profile = target.profile
    missing = "failure_count" if profile.cron_numbercall else "numbercall"
    error = target.error_of("ir.cron", "search_read", [[]], {"fields": [missing]})
    assert error.name == "builtins.ValueError"
    text = "Invalid field %r on 'ir.cron'" if profile.major >= 19 else "Invalid field %r on model 'ir.cron'"
    assert error.message == text % missing


def test_interval_number_check_constraint(target, cleanup):
    if target.profile.major < 18:
        rid = new_cron(target, cleanup, interval_number=0)
        assert read_one(target, "ir.cron", rid, ["interval_number"])["interval_number"] == 0
        assert target.execute_kw("ir.cron", "write", [[rid], {"interval_number": -1}]) is True
        return
    # 18.0 _sql_constraints check_strictly_positive_interval via _as_validation_error
    error = target.error_of("ir.cron", "create", [{
        "name": "zero", "model_id": target.model_ref("base.model_res_partner"),
        "interval_number": 0}])
    assert error.name == VALIDATION_ERROR
    assert error.message == ("The operation cannot be completed: "
                             "The interval number must be a strictly positive number.")
    rid = new_cron(target, cleanup)
    for value in (0, -1):
        error = target.error_of("ir.cron", "write", [[rid], {"interval_number": value}])
        assert error.message == ("The operation cannot be completed: "
                                 "The interval number must be a strictly positive number.")


def test_missing_required_field(target):
    error = target.error_of("ir.cron", "create", [{"name": "no model"}])
    assert error.name == VALIDATION_ERROR
    if target.profile.major >= 19:      # measured on 19.0
        assert error.message == (
            "The operation cannot be completed: Missing required value for the field 'Model' (model_id).\n"
            "Model: 'Server Actions' (ir.actions.server)\n- create/update: a mandatory field is not set\n"
            "- delete: another model requires the record being deleted, you can archive it instead\n")
        return
    assert error.message.startswith("The operation cannot be completed:\n- Create/update: "
                                    "a mandatory field is not set.")
    assert "Server Actions (ir.actions.server)" in error.message
    assert "Model (model_id)" in error.message


def test_archived_crons_hidden_unless_active_test_false(target, cleanup):
    rid = new_cron(target, cleanup, active=False)
    assert target.execute_kw("ir.cron", "search", [[("id", "=", rid)]]) == []
    assert target.execute_kw("ir.cron", "search", [[("id", "=", rid)]],
                             {"context": {"active_test": False}}) == [rid]
    # expression.py: a leaf on 'active' disables the implicit active filter
    assert target.execute_kw("ir.cron", "search", [
        [("active", "in", [True, False]), ("id", "=", rid)]]) == [rid]
    assert target.execute_kw("ir.cron", "search_count", [[("active", "=", False),
                                                          ("id", "=", rid)]]) == 1
    # read() ignores active_test
    assert read_one(target, "ir.cron", rid, ["active"])["active"] is False
    odoo = target.odoo()
    assert rid not in odoo.env["ir.cron"].search([])
    assert rid in odoo.env["ir.cron"].with_context(active_test=False).search([])


def test_seeded_standard_crons(target):
    rows = target.execute_kw("ir.cron", "search_read", [[]], {
        "fields": ["cron_name", "model_name"], "context": {"active_test": False}})
    names = {r["cron_name"] for r in rows}
    assert "Base: Auto-vacuum internal data" in names
    model, res_id = target.execute_kw("ir.model.data", "check_object_reference",
                                      ["base", "autovacuum_job"])
    assert model == "ir.cron" and res_id in {r["id"] for r in rows}


def test_direct_trigger_runs_code_and_sets_lastcall(target, cleanup):
    rid = new_cron(target, cleanup)
    names = ["lastcall", "nextcall", "active"]
    names += ["numbercall"] if target.profile.cron_numbercall else []
    before = read_one(target, "ir.cron", rid, names)
    assert target.execute_kw("ir.cron", "method_direct_trigger", [[rid]]) is True
    after = read_one(target, "ir.cron", rid, names)
    # ir_cron.py method_direct_trigger(): runs now as the cron's user, sets lastcall;
    # nextcall / numbercall / active are left alone
    assert before["lastcall"] is False and after["lastcall"]
    assert {k: v for k, v in after.items() if k != "lastcall"} == {
        k: v for k, v in before.items() if k != "lastcall"}


def test_direct_trigger_leaves_a_progress_row_at_zero_on_18(target, cleanup):
    # 18.0+ method_direct_trigger(): _add_progress() before the run, a row whose timed_out_counter is 0 and
    # stays (odoo/addons/base/models/ir_cron.py 18.0); a run that raises rolls it back with the request.
    # Measured on a real 18.0 (odoo_cron_run of a quick cron: one row, counter 0, lastcall set).
    if target.profile.major < 18:
        pytest.skip("ir.cron.progress exists from 18.0")
    rid = new_cron(target, cleanup)
    assert target.execute_kw("ir.cron", "method_direct_trigger", [[rid]]) is True
    crons = [rid]
    if target.profile.major == 18:  # 19.0 runs a manual job as the scheduler does and keeps its failure (see above)
        failing = new_cron(target, cleanup, code="raise UserError('boom from cron')")
        target.error_of("ir.cron", "method_direct_trigger", [[failing]])
        crons.append(failing)
    rows = target.execute_kw("ir.cron.progress", "search_read", [[("cron_id", "in", crons)]],
                             {"fields": ["cron_id", "timed_out_counter", "done", "remaining"]})
    assert [(row["cron_id"][0], row["timed_out_counter"], row["done"], row["remaining"]) for row in rows] == [
        (rid, 0, 0, 0)]


def test_direct_trigger_runs_ordinary_orm_code(target, cleanup):
    # What crons really contain: ORM calls on recordsets, chained, with names in between.
    key = "odoo_ops.contract.direct_trigger"
    target.execute_kw("ir.config_parameter", "set_param", [key, "start"])
    try:
        rid = new_cron(target, cleanup, model_id=target.model_ref("base.model_ir_config_parameter"), code=(
            "params = model.search([('key', '=', '%s')], limit=1)\n"
            "params.write({'value': 'searched'})\n"
            "model.browse(params.ids).write({'value': model.search_count([('key', '=', '%s')]) and 'done'})\n"
            % (key, key)))
        assert target.execute_kw("ir.cron", "method_direct_trigger", [[rid]]) is True
        assert target.execute_kw("ir.config_parameter", "get_param", [key]) == "done"
        assert read_one(target, "ir.cron", rid, ["lastcall"])["lastcall"]
    finally:
        target.execute_kw("ir.config_parameter", "set_param", [key, False])


def test_direct_trigger_of_a_running_cron_is_refused_and_rolled_back(target, sim, cleanup):
    # 17.0+: _try_lock() before the run; 14.0-16.0: the run, then the lastcall write's
    # _try_lock(); either way nothing the job did is kept (ir_cron.py method_direct_trigger)
    key = "odoo_ops.contract.locked_trigger"
    rid = new_cron(target, cleanup, model_id=target.model_ref("base.model_ir_config_parameter"),
                   code="model.set_param('%s', 'ran')" % key)
    sim.set_faults(cron_locked={"seconds": 30, "ids": [rid]})
    try:
        error = target.error_of("ir.cron", "method_direct_trigger", [[rid]])
    finally:
        sim.clear_faults()
    # 19.0: _acquire_one_job finds the row locked: "Job '<name>' already executing" (ir_cron.py, 19.0)
    words = "already executing" if target.profile.cron_trigger_process_job else "currently being executed"
    assert error.name == USER_ERROR and words in error.message
    assert target.execute_kw("ir.config_parameter", "get_param", [key]) is False
    assert read_one(target, "ir.cron", rid, ["lastcall"])["lastcall"] is False


def displayed_error(target, rid):
    """19.0: method_direct_trigger of a failing job answers a display_exception action, the job's error in
    the traceback of data.debug, before the RuntimeError it is the cause of (ir_cron.py, odoo/http.py 19.0)."""
    answer = target.execute_kw("ir.cron", "method_direct_trigger", [[rid]])
    assert answer["type"] == "ir.actions.client" and answer["tag"] == "display_exception", answer
    data = answer["params"]["data"]
    assert data["name"] == "builtins.RuntimeError" and data["message"] == ""
    cause = data["debug"].split("The above exception was the direct cause")[0]
    assert data["debug"].rstrip().endswith("RuntimeError")
    return cause


def test_direct_trigger_propagates_user_error(target, cleanup):
    rid = new_cron(target, cleanup, code="raise UserError('boom from cron')")
    if target.profile.cron_trigger_process_job:
        assert "odoo.exceptions.UserError: boom from cron\n" in displayed_error(target, rid)
        return
    error = target.error_of("ir.cron", "method_direct_trigger", [[rid]])
    # odoo.exceptions pass through safe_eval; the transaction is rolled back
    assert (error.name, error.message) == (USER_ERROR, "boom from cron")
    assert read_one(target, "ir.cron", rid, ["lastcall"])["lastcall"] is False


def test_direct_trigger_unknown_method_in_code(target, cleanup):
    rid = new_cron(target, cleanup, code="model.no_such_method()")
    inner = "'res.partner' object has no attribute 'no_such_method'"
    if target.profile.cron_trigger_process_job:
        expected = "ValueError: AttributeError(%r) while evaluating\n'model.no_such_method()'\n" % inner
        assert expected in displayed_error(target, rid)
        return
    error = target.error_of("ir.cron", "method_direct_trigger", [[rid]])
    assert error.name == "builtins.ValueError"
    if target.profile.major >= 18:    # tools/safe_eval.py: '%r while evaluating\n%r'
        expected = "AttributeError(%r) while evaluating\n'model.no_such_method()'" % inner
    else:                             # '%s: "%s" while evaluating\n%r'
        expected = ("<class 'AttributeError'>: \"%s\" while evaluating\n"
                    "'model.no_such_method()'" % inner)
    assert error.message == expected
    assert read_one(target, "ir.cron", rid, ["lastcall"])["lastcall"] is False


def test_unlink_cron_keeps_its_server_action(target, cleanup):
    rid = new_cron(target, cleanup)
    action_id = read_one(target, "ir.cron", rid, ["ir_actions_server_id"])[
        "ir_actions_server_id"][0]
    # ir_actions_server_id is ondelete='restrict': the action cannot go first
    error = target.error_of("ir.actions.server", "unlink", [[action_id]])
    assert error.name == VALIDATION_ERROR
    if target.profile.major >= 19:      # measured on 19.0
        assert error.message == (
            "The operation cannot be completed: Another model is using the record you are trying to delete."
            "\n\nThe troublemaker is: 'Scheduled Actions' (ir.cron)\nThanks to the following constraint: "
            "'Server action' (ir_actions_server_id)\nHow about archiving the record instead?")
    else:
        assert error.message.startswith("The operation cannot be completed: another model "
                                        "requires the record being deleted.")
        assert "ir_cron_ir_actions_server_id_fkey" in error.message
    assert target.execute_kw("ir.cron", "unlink", [[rid]]) is True
    assert target.execute_kw("ir.actions.server", "search", [[("id", "=", action_id)]]) == [
        action_id]


def test_read_write_unlink_missing_records(target, cleanup):
    uid = target.admin_uid
    assert target.execute_kw("ir.cron", "read", [[987654], ["name"]]) == []
    # BaseModel.write/unlink of an id that does not exist: no error (14.0 flush()
    # retries _write() on exists(); 16.0+ UPDATE/DELETE match no row) ...
    if target.profile.cron_lock_missing_ids:
        # ... except ir.cron on 19.0: write/unlink lock the rows first (lock_for_update), and a
        # row that does not exist cannot be locked (measured, FACTS-19)
        for method, args in (("write", [[987654], {"priority": 3}]), ("unlink", [[987654]])):
            error = target.error_of("ir.cron", method, args)
            assert (error.name, error.message) == (USER_ERROR, CRON_LOCKED)
    else:
        assert target.execute_kw("ir.cron", "write", [[987654], {"priority": 3}]) is True
        assert target.execute_kw("ir.cron", "unlink", [[987654]]) is True
    assert target.execute_kw("ir.model.data", "write", [[987654], {"noupdate": True}]) is True
    assert target.execute_kw("ir.model.data", "unlink", [[987654]]) is True
    # ... but a field delegated to ir.actions.server reads the _inherits link
    error = target.error_of("ir.cron", "write", [[987654], {"name": "x"}])
    if not target.profile.cron_lock_missing_ids:
        assert (error.name, error.message) == (MISSING_ERROR, missing("ir.cron", 987654, uid))
    # ... and models whose record rules / overrides read the records fail
    error = target.error_of("res.partner", "write", [[987654], {"name": "x"}])
    assert (error.name, error.message) == (MISSING_ERROR, missing("res.partner", 987654, uid))
    error = target.error_of("res.users", "unlink", [[987654]])
    assert (error.name, error.message) == (MISSING_ERROR, missing("res.users", 987654, uid))
    error = target.error_of("ir.module.module", "unlink", [[987654]])
    assert (error.name, error.message) == (MISSING_ERROR,
                                           missing("ir.module.module", 987654, uid))
    if target.profile.major == 16:      # 16.0 IrConfigParameter.unlink reads nothing
        assert target.execute_kw("ir.config_parameter", "unlink", [[987654]]) is True
    else:                               # p.key of the default-parameters protection
        error = target.error_of("ir.config_parameter", "unlink", [[987654]])
        assert error.message == missing("ir.config_parameter", 987654, uid)
    # an existing id next to a missing one is written
    rid = new_cron(target, cleanup)
    if target.profile.cron_lock_missing_ids:    # 19.0: not on ir.cron (fewer rows locked than ids)
        error = target.error_of("ir.cron", "write", [[rid, 987654], {"priority": 7}])
        assert (error.name, error.message) == (USER_ERROR, CRON_LOCKED)
        assert read_one(target, "ir.cron", rid, ["priority"])["priority"] == 5
        return
    assert target.execute_kw("ir.cron", "write", [[rid, 987654], {"priority": 7}]) is True
    assert read_one(target, "ir.cron", rid, ["priority"])["priority"] == 7


def test_empty_id_list_on_ir_cron(target):
    assert target.execute_kw("ir.cron", "read", [[], ["name"]]) == []
    if target.profile.major in (14, 16):
        # _try_lock(): "WHERE id IN %s" with () is invalid SQL (17.0 returns early)
        for method, args in (("write", [[], {"active": True}]), ("unlink", [[]])):
            error = target.error_of("ir.cron", method, args)
            assert error.name == "psycopg2.errors.SyntaxError"
            assert error.message.startswith('syntax error at or near ")"\nLINE ')
            assert "WHERE id IN ()" in error.message
    elif target.profile.major >= 17:
        assert target.execute_kw("ir.cron", "write", [[], {"active": True}]) is True
        assert target.execute_kw("ir.cron", "unlink", [[]]) is True


# =========================================================================================
# Errors: methods, fields, models, access rights
# =========================================================================================
def test_private_method(target):
    error = target.error_of("ir.cron", "_callback", [[]])
    assert error.name == ACCESS_ERROR
    if target.profile.major >= 18:   # service/model.py get_public_method
        assert error.message == ("Private methods (such as 'ir.cron._callback') cannot be "
                                 "called remotely.")
    else:                            # models.py check_method_name
        assert error.message == "Private methods (such as _callback) cannot be called remotely."


def test_unknown_method(target):
    error = target.error_of("ir.cron", "no_such_method", [[]])
    assert error.name == "builtins.AttributeError"
    major = target.profile.major
    if major >= 18:
        assert error.message == "The method 'ir.cron.no_such_method' does not exist"
    elif major == 16:   # 16.0 api.call_kw: getattr(type(model), name)
        assert error.message == "type object 'ir.cron' has no attribute 'no_such_method'"
    else:
        assert error.message == ("The method 'no_such_method' does not exist on the model "
                                 "'ir.cron'")


def test_unknown_model(target):
    # service/model.py execute_cr: UserError("Object %s doesn't exist")
    error = target.error_of("no.such.model", "search", [[]])
    assert (error.name, error.message) == (USER_ERROR, "Object no.such.model doesn't exist")
    opener = target.session_opener()
    target.result("/web/session/authenticate", {
        "db": target.database, "login": target.login, "password": target.password}, opener)
    answer = target.raw("/web/dataset/call_kw", {
        "model": "no.such.model", "method": "search", "args": [[]], "kwargs": {}}, opener)
    error = answer["error"]
    if target.profile.major >= 18:   # DataSet._call_kw_readonly raises NotFound
        assert error["code"] == 404 and error["data"]["name"] == "werkzeug.exceptions.NotFound"
    else:                            # request.env[model] -> KeyError
        # serialize_exception: message = ustr(exc), the args joined (no quotes)
        assert error["data"]["name"] == "builtins.KeyError"
        assert error["data"]["message"] == "no.such.model"
        assert error["data"]["arguments"] == ["no.such.model"]


@pytest.mark.parametrize("method, args, kwargs", [
    ("read", [[1], ["no_such_field"]], {}),
    ("search_read", [[]], {"fields": ["no_such_field"]}),
    ("write", [[1], {"no_such_field": 1}], {}),
    ("create", [{"no_such_field": 1}], {}),
])
def test_invalid_field(target, method, args, kwargs):
    error = target.error_of("ir.cron", method, args, kwargs)
    assert error.name == "builtins.ValueError"
    text = "Invalid field 'no_such_field' on model 'ir.cron'"
    if target.profile.major >= 19:     # orm/models.py 19.0 (measured)
        text = "Invalid field 'no_such_field' %s 'ir.cron'" % ("on" if "read" in method else "in")
    assert error.message == text


def test_invalid_field_in_domain(target):
    error = target.error_of("ir.cron", "search", [[("no_such_field", "=", 1)]])
    assert error.name == "builtins.ValueError"
    # osv/expression.py (normalize_leaf / _anyfy_leaves give a tuple)
    word = "condition" if target.profile.major >= 19 else "leaf"      # 19.0 orm/domains.py
    assert error.message == "Invalid field ir.cron.no_such_field in %s ('no_such_field', '=', 1)" % word


def test_domain_operators(target, cleanup):
    rid = new_cron(target, cleanup, name="Zeta Contract Job", priority=42)
    for domain in ([("name", "ilike", "zeta contract")], [("name", "=like", "Zeta%Job")],
                   ["|", ("priority", "=", 42), ("id", "=", 0)], [("priority", ">=", 42)],
                   ["!", ("name", "not ilike", "zeta")], [("user_id", "=", target.admin_uid)],
                   [("model_id.model", "=", "res.partner")], [("priority", "in", [41, 42])]):
        assert rid in target.execute_kw("ir.cron", "search", [domain]), domain
    assert rid not in target.execute_kw("ir.cron", "search", [[("name", "like", "zeta")]])


def test_search_read_paging_and_many2one_order(target, cleanup):
    ids = [new_cron(target, cleanup, name="Paging %d" % i, priority=60 + i) for i in range(3)]
    domain = [("id", "in", ids)]
    rows = target.execute_kw("ir.cron", "search_read", [domain], {
        "fields": ["priority"], "order": "priority desc", "offset": 1, "limit": 1})
    assert rows == [{"id": ids[1], "priority": 61}]
    ordered = target.execute_kw("ir.cron", "search", [domain], {"order": "user_id, id desc"})
    assert ordered == sorted(ids, reverse=True)
    admin_name = read_one(target, "res.users", target.admin_uid, ["name"])["name"]
    # many2one compared with a string: comodel._name_search (expression.py)
    assert sorted(target.execute_kw("ir.cron", "search", [
        domain + [("user_id", "ilike", admin_name)]])) == sorted(ids)
    assert target.execute_kw("ir.cron", "search", [
        domain + [("user_id", "!=", admin_name)]]) == []


def test_default_get_and_has_group(target):
    wanted = ["state", "interval_type", "active", "user_id"]
    defaults = target.execute_kw("ir.cron", "default_get", [wanted])
    assert defaults["state"] == "code"
    assert defaults["interval_type"] == ("never" if target.profile.cron_interval_never else "months")
    assert defaults["active"] is True and defaults["user_id"] == target.admin_uid
    if target.profile.major >= 18:    # res_users.py 18.0: has_group on records
        args = [[target.admin_uid], "base.group_system"]
    else:                             # 14.0-17.0: @api.model has_group(group_ext_id)
        args = ["base.group_system"]
    assert target.execute_kw("res.users", "has_group", args) is True


def test_login_is_unique(target):
    error = target.error_of("res.users", "create", [{"name": "Twin", "login": target.login}])
    assert error.name == VALIDATION_ERROR
    # res_users.py _sql_constraints login_key
    text = ("You can not have two users with the same login!" if target.profile.major >= 17
            else "You can not have two users with the same login !")
    with_lang = target.error_of("res.users", "create", [{"name": "Twin", "login": target.login}],
                                {"context": {"lang": "en_US"}})
    assert with_lang.name == VALIDATION_ERROR
    if target.profile.integrity_style == "14":
        # 14.0 service/model.py check(): tr(key, 'sql_constraint') is the constraint
        # name unless a 'lang' is found (here: in the kwargs' context)
        assert error.message == "res_users_login_key"
        assert with_lang.message == text
    else:
        assert error.message == with_lang.message == "The operation cannot be completed: " + text


def test_demo_user_cannot_touch_crons(target, demo, cleanup):
    uid, password = demo
    rid = new_cron(target, cleanup)
    error = target.error_of("ir.cron", "write", [[rid], {"active": False}], uid=uid,
                            password=password)
    assert (error.name, error.message) == (ACCESS_ERROR, on_branch(target, CRON_WRITE_DENIED))
    error = target.error_of("ir.cron", "search", [[]], uid=uid, password=password)
    assert (error.name, error.message) == (ACCESS_ERROR, on_branch(target, CRON_READ_DENIED))
    error = target.error_of("ir.cron", "read", [[rid], ["name"]], uid=uid, password=password)
    assert (error.name, error.message) == (ACCESS_ERROR, on_branch(target, CRON_READ_DENIED))
    error = target.error_of("ir.cron", "create", [{
        "name": "demo", "model_id": target.model_ref("base.model_res_partner")}],
        uid=uid, password=password)
    assert (error.name, error.message) == (ACCESS_ERROR, on_branch(target, CRON_CREATE_DENIED))
    if target.profile.has_check_access_rights:     # 20.0: removed (profiles.FACTS_20)
        assert target.execute_kw("ir.cron", "check_access_rights", ["write"],
                                 {"raise_exception": False}, uid=uid, password=password) is False
    error = target.error_of("ir.cron", "method_direct_trigger", [[rid]], uid=uid,
                            password=password)
    assert (error.name, error.message) == (ACCESS_ERROR, on_branch(target, CRON_WRITE_DENIED))
    # fields_get needs no access right; 'code' is groups='base.group_system'
    fields = target.execute_kw("ir.cron", "fields_get", [], {"attributes": ["readonly"]},
                               uid=uid, password=password)
    assert "code" not in fields and "interval_number" in fields
    assert fields["interval_number"]["readonly"] is target.profile.fields_get_acl_readonly


def test_demo_user_and_ir_model_data(target, demo):
    uid, password = demo
    domain = [("module", "=", "base"), ("name", "=", "user_admin")]
    if target.profile.imd_user_acl[0]:     # 14.0 csv: group_user 1,0,1,0
        assert target.execute_kw("ir.model.data", "search", [domain], uid=uid,
                                 password=password)
    else:
        error = target.error_of("ir.model.data", "search", [domain], uid=uid,
                                password=password)
        assert error.name == ACCESS_ERROR
        assert error.message.startswith("You are not allowed to access 'Model Data' "
                                        "(ir.model.data) records.")
        assert on_branch(target, "\t- Administration/Access Rights") in error.message


def test_model_access_rows_and_user_groups(target, demo):
    uid, password = demo
    system = target.model_ref("base.group_system")
    if target.profile.security_model == "ir.access":
        # 20.0 ir.access.csv @c26577dc5717: access_ir_cron_group_system,ir.cron,base.group_system,rwcd
        rows = target.execute_kw("ir.access", "search_read", [[("model_id.model", "=", "ir.cron")]],
                                 {"fields": ["group_id", "operation", "for_read", "for_unlink"]})
        assert any(row["group_id"] and row["group_id"][0] == system and row["operation"] == "rwcd"
                   and row["for_read"] and row["for_unlink"] for row in rows), rows
        error = target.error_of("ir.access", "search_read", [[]], {"fields": ["name"]}, uid=uid, password=password)
        assert error.name == ACCESS_ERROR and "(ir.access) records." in error.message
        error = target.error_of("ir.model.access", "search_read", [[]], {"fields": ["name"]})
        assert "ir.model.access" in error.message        # the 14-19 model is gone
        return
    rows = target.execute_kw("ir.model.access", "search_read", [
        [("model_id.model", "=", "ir.cron")]], {
        "fields": ["group_id", "perm_read", "perm_write", "perm_create", "perm_unlink"]})
    # base/security/ir.model.access.csv: ir_cron group_cron, base.group_system, 1,1,1,1
    assert {"id": rows[0]["id"], "group_id": [system, on_branch(target, "Administration / Settings")],
            "perm_read": True, "perm_write": True, "perm_create": True,
            "perm_unlink": True} in rows
    # groups_id holds the implied groups too (res_groups_users_rel has the closure); 19.0
    # renamed it group_ids (the groups given) and added all_group_ids (with the implied ones)
    field = "all_group_ids" if target.profile.user_groups_field == "group_ids" else "groups_id"
    fields_info = target.execute_kw("res.users", "fields_get", [["groups_id", "group_ids", "all_group_ids"]],
                                    {"attributes": ["type"]})
    assert set(fields_info) == ({"groups_id"} if field == "groups_id" else {"group_ids", "all_group_ids"})
    groups = {g: target.model_ref(g) for g in ("base.group_system", "base.group_erp_manager",
                                               "base.group_user")}
    admin = read_one(target, "res.users", target.admin_uid, [field])[field]
    assert set(groups.values()) <= set(admin)
    mine = target.execute_kw("res.users", "read", [[uid], [field]], uid=uid,
                             password=password)[0][field]
    assert groups["base.group_user"] in mine and system not in mine
    error = target.error_of("ir.model.access", "search_read", [[]], {"fields": ["name"]},
                            uid=uid, password=password)
    assert error.name == ACCESS_ERROR
    assert error.message.startswith("You are not allowed to access 'Model Access' "
                                    "(ir.model.access) records.")
    assert on_branch(target, "\t- Administration/Access Rights\n") in error.message


def test_demo_user_module_buttons_denied(target, demo):
    uid, password = demo
    ids = target.execute_kw("ir.module.module", "search", [[("name", "=", "base")]])
    # ir_module.py @assert_log_admin_access -> AccessDenied
    error = target.error_of("ir.module.module", "button_immediate_upgrade", [ids], uid=uid,
                            password=password)
    assert (error.name, error.message) == (ACCESS_DENIED, "Access Denied")
    error = target.error_of("ir.module.module", "update_list", [], uid=uid, password=password)
    assert (error.name, error.message) == (ACCESS_DENIED, "Access Denied")
    # the records are read before the admin check: a missing id is a MissingError
    error = target.error_of("ir.module.module", "button_immediate_install", [[999999]],
                            uid=uid, password=password)
    assert (error.name, error.message) == (MISSING_ERROR,
                                           missing("ir.module.module", 999999, uid))


# =========================================================================================
# External ids
# =========================================================================================
def test_xmlid_helpers_by_version(target):
    if target.profile.imd_public_xmlid_methods:
        assert target.execute_kw("ir.model.data", "xmlid_to_res_model_res_id",
                                 ["base.user_admin"]) == ["res.users", 2]
    else:
        error = target.error_of("ir.model.data", "xmlid_to_res_model_res_id",
                                ["base.user_admin"])
        assert error.name == "builtins.AttributeError"
    error = target.error_of("ir.model.data", "_xmlid_to_res_model_res_id", ["base.user_admin"])
    assert error.name == ACCESS_ERROR
    error = target.error_of("ir.model.data", "check_object_reference", ["base", "no_such_id"])
    assert (error.name, error.message) == ("builtins.ValueError",
                                           "External ID not found in the system: "
                                           "base.no_such_id")
    # check_object_reference searches with active_test: archived __system__ -> False
    assert target.execute_kw("ir.model.data", "check_object_reference",
                             ["base", "user_root"]) == ["res.users", False]


def test_complete_name_cannot_be_searched(target):
    # complete_name is computed, not stored, without search method: expression.py drops
    # the leaf ("Non-stored field ... cannot be searched"), so the domain matches all
    # the leaf ("Non-stored field ... cannot be searched"), so the domain matches all; 19.0 refuses it
    if target.profile.major >= 19:
        error = target.error_of("ir.model.data", "search_count", [[("complete_name", "=", "base.group_user")]])
        assert (error.name, error.message) == (
            "builtins.ValueError", "Cannot convert ir.model.data.complete_name to SQL because it is not stored")
    else:
        every = target.execute_kw("ir.model.data", "search_count", [[]])
        assert target.execute_kw("ir.model.data", "search_count", [
            [("complete_name", "=", "base.group_user")]]) == every
    row = target.execute_kw("ir.model.data", "search_read", [
        [("module", "=", "base"), ("name", "=", "group_user")]],
        {"fields": ["complete_name", "model", "res_id", "display_name"]})[0]
    assert (row["complete_name"], row["model"]) == ("base.group_user", "res.groups")
    # the display name is the referenced record's (ir_model.py IrModelData)
    assert row["display_name"] == on_branch(target, "User types / Internal User")


def test_unique_xml_id(target):
    error = target.error_of("ir.model.data", "create", [{
        "module": "base", "name": "user_admin", "model": "res.users", "res_id": 2}])
    assert error.name == VALIDATION_ERROR
    raw = ('duplicate key value violates unique constraint '
           '"ir_model_data_module_name_uniq_index"\n'
           'DETAIL:  Key (module, name)=(base, user_admin) already exists.\n')
    if target.profile.integrity_style == "14":   # service/model.py check(): inst.args[0]
        assert error.message == raw
    else:                                        # _as_validation_error
        assert error.message == "The operation cannot be completed: " + raw


def test_xml_id_without_spaces(target):
    vals = {"module": "contract", "name": "with space", "model": "res.users", "res_id": 2}
    error = target.error_of("ir.model.data", "create", [vals])
    assert error.name == VALIDATION_ERROR
    with_lang = target.error_of("ir.model.data", "create", [vals],
                                {"context": {"lang": "en_US"}})
    if target.profile.integrity_style == "14":   # the constraint name without a lang
        assert error.message == "ir_model_data_name_nospaces"
        assert with_lang.message == "External IDs cannot contain spaces"
    else:
        assert error.message == with_lang.message == (
            "The operation cannot be completed: External IDs cannot contain spaces")


# =========================================================================================
# Modules and the whatsapp_integration fixture addon
# =========================================================================================
def _module(target, name, fields=("state", "latest_version", "installed_version")):
    rows = target.execute_kw("ir.module.module", "search_read", [[("name", "=", name)]],
                             {"fields": list(fields)})
    return rows[0] if rows else None


def test_cannot_uninstall_base(target):
    ids = target.execute_kw("ir.module.module", "search", [[("name", "=", "base")]])
    error = target.error_of("ir.module.module", "button_immediate_uninstall", [ids])
    assert (error.name, error.message) == (USER_ERROR,
                                           "Those modules cannot be uninstalled: base")


def _not_installed(target, name="whatsapp_integration"):
    # ir_module.py button_upgrade(): the 18.0 wording has curly quotes
    if target.profile.major >= 18:
        return "Cannot upgrade module \u201c%s\u201d. It is not installed." % name
    return "Can not upgrade module '%s'. It is not installed." % name


def test_module_versions_and_button_answers(target):
    series = target.profile.series
    act_url = {"type": "ir.actions.act_url", "target": "self",
               "url": target.profile.web_root_url}
    # installed_version ("Latest Version") is the manifest on disk, latest_version
    # ("Installed Version") the version stored at install/upgrade (adapt_version)
    base = _module(target, "base")
    assert base["state"] == "installed"
    assert base["latest_version"] == base["installed_version"] == series + ".1.3"
    assert target.execute_kw("ir.module.module", "search_read", [
        [("name", "=", "no_such_module")]], {"fields": ["state"]}) == []
    # button_immediate_*([]) is a no-op that still answers ir.module.module.next()
    assert target.execute_kw("ir.module.module", "button_immediate_install", [[]]) == act_url
    assert target.execute_kw("ir.module.module", "button_immediate_upgrade", [[]]) == act_url
    # @assert_log_admin_access reads the records first: MissingError on a missing id
    error = target.error_of("ir.module.module", "button_immediate_install", [[999999]])
    assert (error.name, error.message) == (
        MISSING_ERROR, missing("ir.module.module", 999999, target.admin_uid))
    module = _module(target, "whatsapp_integration", ("id", "state", "latest_version",
                                                      "installed_version"))
    if module is None or module["state"] != "uninstalled":
        pytest.skip("whatsapp_integration is not an uninstalled module on this server")
    assert module["latest_version"] is False
    assert module["installed_version"] == series + ".1.0.0"    # adapt_version('1.0.0')
    error = target.error_of("ir.module.module", "button_immediate_upgrade", [[module["id"]]])
    assert (error.name, error.message) == (USER_ERROR, _not_installed(target))
    error = target.error_of("ir.module.module", "button_immediate_uninstall",
                            [[module["id"]]])
    assert (error.name, error.message) == (USER_ERROR, (
        "One or more of the selected modules have already been uninstalled, if you believe "
        "this to be an error, you may try again later or contact support."))


def test_whatsapp_lifecycle(target):
    """Install, use, uninstall the fixture addon; on a real server the module must be
    uninstalled at the start and is uninstalled again at the end (leaves the database
    as it found it)."""
    if target.sim:
        target.sim.reset()
    series = target.profile.series
    fail_param = "whatsapp_integration.fail_next_sync"
    module = _module(target, "whatsapp_integration", ("id", "state", "latest_version",
                                                      "installed_version"))
    if module is None or module["state"] != "uninstalled":
        pytest.skip("whatsapp_integration is not an uninstalled module on this server")
    param_before = target.execute_kw("ir.config_parameter", "get_param", [fail_param])
    error = target.error_of("whatsapp.sync.service", "search_read", [[]])
    assert (error.name, error.message) == (USER_ERROR,
                                           "Object whatsapp.sync.service doesn't exist")
    assert target.execute_kw("ir.model", "search",
                             [[("model", "=", "whatsapp.sync.service")]]) == []
    assert "whatsapp.sync.service" not in target.odoo().env
    ids = [module["id"]]
    try:
        action = target.execute_kw("ir.module.module", "button_immediate_install", [ids])
        assert action == {"type": "ir.actions.act_url", "target": "self",
                          "url": target.profile.web_root_url}
        module = _module(target, "whatsapp_integration")
        assert (module["state"], module["latest_version"]) == ("installed",
                                                               series + ".1.0.0")
        assert module["installed_version"] == series + ".1.0.0"
        assert "whatsapp.sync.service" in target.odoo().env
        model_id = target.model_ref("whatsapp_integration.model_whatsapp_sync_service")
        assert target.execute_kw("whatsapp.sync.service", "search_read", [[]]) == []
        # the addon is no richer than the real one: the status lives on the record only
        error = target.error_of("whatsapp.sync.service", "get_sync_status", [])
        assert "get_sync_status" in error.message

        rid = target.execute_kw("ir.cron", "create", [{
            "name": "WhatsApp sync", "model_id": model_id, "nextcall": future(),
            "code": "model.cron_sync_all_data(limit=10)", "interval_type": "minutes"}])
        assert target.execute_kw("ir.cron", "method_direct_trigger", [[rid]]) is True
        status = _sync_status(target)
        assert status["sync_status"] == "success"
        assert status["last_sync_message"] == "Synced 0 messages (limit 10)"

        target.execute_kw("ir.config_parameter", "set_param", [fail_param, "1"])
        assert target.execute_kw("whatsapp.sync.service", "cron_sync_all_data", []) is True
        status = _sync_status(target)
        assert status["sync_status"] == "error" and status["last_sync_message"].startswith(
            "Sync failed")
        assert target.execute_kw("ir.config_parameter", "get_param", [fail_param]) == "0"

        # an upgrade keeps the crons of the module's models
        target.execute_kw("ir.module.module", "button_immediate_upgrade", [ids])
        assert target.execute_kw("ir.cron", "search", [[("id", "=", rid)]],
                                 {"context": {"active_test": False}}) == [rid]

        action = target.execute_kw("ir.module.module", "button_immediate_uninstall", [ids])
        assert action["type"] == "ir.actions.act_url"
        module = _module(target, "whatsapp_integration")
        assert (module["state"], module["latest_version"]) == ("uninstalled", False)
        # IrModel.unlink deletes the crons of the removed model (measured 14.0-18.0)
        assert target.execute_kw("ir.cron", "search", [[("id", "=", rid)]],
                                 {"context": {"active_test": False}}) == []
        assert "whatsapp.sync.service" not in target.odoo().env
        error = target.error_of("whatsapp.sync.service", "search_read", [[]])
        assert error.message == "Object whatsapp.sync.service doesn't exist"
    finally:
        if _module(target, "whatsapp_integration")["state"] == "installed":
            target.execute_kw("ir.module.module", "button_immediate_uninstall", [ids])
        target.execute_kw("ir.config_parameter", "set_param", [fail_param, param_before])


def _sync_status(target):
    """What the addon's own check reads: the first service record's fields."""
    return target.execute_kw("whatsapp.sync.service", "search_read", [[]], {
        "fields": ["sync_status", "last_sync_message"], "limit": 1, "order": "id"})[0]


def test_module_disk_version_update_list_and_upgrade(target, sim):
    series = target.profile.series
    ids = target.execute_kw("ir.module.module", "search",
                            [[("name", "=", "whatsapp_integration")]])
    error = target.error_of("ir.module.module", "button_immediate_upgrade", [ids])
    assert (error.name, error.message) == (USER_ERROR, _not_installed(target))
    target.execute_kw("ir.module.module", "button_immediate_install", [ids])
    assert target.execute_kw("ir.module.module", "update_list", []) == [0, 0]
    sim.set_module_disk_version("whatsapp_integration", "1.1.0")
    module = _module(target, "whatsapp_integration")
    # installed_version is computed from the manifest on disk, latest_version is in db
    assert module["installed_version"] == series + ".1.1.0"
    assert module["latest_version"] == series + ".1.0.0"
    assert target.execute_kw("ir.module.module", "update_list", []) == [1, 0]
    target.execute_kw("ir.module.module", "button_immediate_upgrade", [ids])
    module = _module(target, "whatsapp_integration")
    assert (module["state"], module["latest_version"]) == ("installed", series + ".1.1.0")
    # an already prefixed version is kept as is
    sim.set_module_disk_version("whatsapp_integration", series + ".1.2.0")
    assert _module(target, "whatsapp_integration")["installed_version"] == series + ".1.2.0"


# =========================================================================================
# Scheduler (simulator control) and numbercall semantics
# =========================================================================================
def test_cron_reaching_zero_calls_is_archived(target, sim, cleanup):
    profile = target.profile
    extra = {"numbercall": 1} if profile.cron_numbercall else {}
    once = new_cron(target, cleanup, nextcall=past(3.5), interval_type="hours", **extra)
    forever = new_cron(target, cleanup, nextcall=past(3.5), interval_type="hours",
                       **({"numbercall": -1} if profile.cron_numbercall else {}))
    reports = {r["id"]: r for r in sim.run_due_crons()}
    assert reports[once]["runs"] == 1 and not reports[once]["errors"]
    rows = {r["id"]: r for r in sim.records("ir.cron", [("id", "in", [once, forever])])}
    assert rows[forever]["active"] is True and rows[forever]["lastcall"]
    assert rows[forever]["nextcall"] > rows[forever]["lastcall"]
    if profile.cron_numbercall:
        assert (rows[once]["active"], rows[once]["numbercall"]) == (False, 0)
        assert rows[forever]["numbercall"] == -1
        assert target.execute_kw("ir.cron", "search", [[("id", "=", once)]]) == []
    else:
        assert rows[once]["active"] is True and rows[once]["failure_count"] == 0
    assert sim.run_due_crons() == []      # nothing is due any more


def test_missed_calls_consume_numbercall_on_14_only(target, sim, cleanup):
    if not target.profile.cron_numbercall:
        pytest.skip("no numbercall on 18.0")
    rid = new_cron(target, cleanup, nextcall=past(5), interval_type="hours", numbercall=2)
    sim.run_due_crons()
    row = sim.records("ir.cron", [("id", "=", rid)])[0]
    if target.profile.cron_process == "14":
        # 14.0 _process_job: every missed slot decrements numbercall
        assert (row["numbercall"], row["active"]) == (0, False)
    else:
        # 16.0/17.0: numbercall - effective_call_count (1 run without doall)
        assert (row["numbercall"], row["active"]) == (1, True)


def test_failing_cron_job_is_reported_not_raised(target, sim, cleanup):
    # What the scheduler writes when the job raises (odoo/addons/base/models/ir_cron.py):
    # 14.0-17.0 _callback() catches, _handle_callback_exception() rolls the job's cursor back, and
    #   _process_job() then writes nextcall, numbercall and lastcall exactly as after a success: no field
    #   records the failure (14.0 thaidtc/odoo_14, 16.0 abhilash-c/odoo-16.0, 17.0 Clyde1030/odoo17);
    # 18.0 _callback() rolls back and raises, _run_job() -> FAILED, _update_failure_count() counts it and
    #   _reschedule_later() moves nextcall and lastcall (Mshakkir/odoo18).
    key = "odoo_ops.contract.failing_job"
    due = past(1)
    unlimited = {"numbercall": -1} if target.profile.cron_numbercall else {}
    rid = new_cron(target, cleanup, nextcall=due, interval_type="hours", **unlimited,
                   model_id=target.model_ref("base.model_ir_config_parameter"),
                   code="model.set_param('%s', 'ran')\nmodel.no_such_method()" % key)
    report = [r for r in sim.run_due_crons() if r["id"] == rid][0]
    assert report["errors"] and "no_such_method" in report["errors"][0]
    row = sim.records("ir.cron", [("id", "=", rid)])[0]
    assert target.execute_kw("ir.config_parameter", "get_param", [key]) is False   # the job is rolled back
    assert row["lastcall"] and row["nextcall"] > due and row["active"] is True
    if target.profile.major >= 18:
        assert row["failure_count"] == 1 and row["first_failure_date"]
    else:
        assert "failure_count" not in row and row["numbercall"] == -1


def test_a_failed_manual_run_leaves_no_trace(target, cleanup):
    # method_direct_trigger() raises into the request, which service/model.py execute() rolls back whole:
    # lastcall is not written, and on 18.0 neither the ir.cron.progress row _add_progress() created nor a
    # failure (failure_count counts the scheduler's runs only).
    rid = new_cron(target, cleanup, code="model.no_such_method()")
    fields = ["lastcall", "nextcall", "active"] + (["failure_count"] if target.profile.major >= 18 else [])
    before = read_one(target, "ir.cron", rid, fields)
    if target.profile.cron_trigger_process_job:
        # 19.0: the run went through _process_job, which keeps its trace as for a scheduled run: one failure,
        # lastcall now, nextcall after now (_reschedule_later adds intervals while it is due), the progress row
        displayed_error(target, rid)
        after = read_one(target, "ir.cron", rid, fields + ["first_failure_date"])
        assert after["failure_count"] == 1 and after["first_failure_date"] and after["lastcall"]
        assert after["nextcall"] >= before["nextcall"] and after["nextcall"] > after["lastcall"]
        assert after["active"] is True
        assert target.execute_kw("ir.cron.progress", "search_count", [[("cron_id", "=", rid)]]) == 1
        return
    target.error_of("ir.cron", "method_direct_trigger", [[rid]])
    assert read_one(target, "ir.cron", rid, fields) == before
    if target.profile.major >= 18:
        assert target.execute_kw("ir.cron.progress", "search_count", [[("cron_id", "=", rid)]]) == 0


# =========================================================================================
# Simulator controls: counters and faults
# =========================================================================================
def test_counters(target, sim):
    target.odoo()                    # version_info + common.login + context_get
    target.execute_kw("ir.cron", "search_read", [[]], {"fields": ["name"]})
    counts = sim.counters()
    assert counts["by_call"]["common.login"] >= 1
    assert counts["by_call"]["res.users.context_get"] >= 1
    assert counts["by_call"]["ir.cron.search_read"] == 1
    assert counts["by_endpoint"]["/jsonrpc"] >= 3
    assert counts["by_endpoint"]["/web/webclient/version_info"] == 1
    assert counts["total"] == sum(counts["by_endpoint"].values())
    sim.counters()                   # control endpoints are not counted
    assert sim.counters()["total"] == counts["total"]
    sim.reset_counters()
    assert sim.counters() == {"total": 0, "by_endpoint": {}, "by_call": {}, "by_error": {}, "deprecated": 0, "missing_models": {}}
    opener = target.session_opener()
    target.result("/web/session/authenticate", {
        "db": target.database, "login": target.login, "password": target.password}, opener)
    assert sim.counters()["by_call"] == {"web.session.authenticate": 1}


def test_fault_latency(target, sim):
    sim.set_faults(latency_ms=150)
    start = time.monotonic()
    target.execute_kw("ir.cron", "search_count", [[]])
    assert time.monotonic() - start >= 0.15
    sim.clear_faults()
    assert sim.faults() == {}


def test_fault_refuse(target, sim):
    sim.set_faults(refuse=1)
    with pytest.raises((ConnectionError, urllib.error.URLError, OSError)):
        target.execute_kw("ir.cron", "search_count", [[]])
    assert target.execute_kw("ir.cron", "search_count", [[]]) > 0     # budget used up


def test_fault_close_mid_response(target, sim):
    import http.client
    sim.set_faults(close_mid_response=True)
    with pytest.raises((http.client.IncompleteRead, ConnectionError, ValueError)):
        target.execute_kw("ir.cron", "search_read", [[]])
    sim.clear_faults()
    assert target.execute_kw("ir.cron", "search_read", [[]], {"fields": ["name"]})


def test_fault_http_502(target, sim):
    sim.set_faults(http_502=True)
    with pytest.raises(urllib.error.HTTPError) as info:
        target.execute_kw("ir.cron", "search_count", [[]])
    assert info.value.code == 502 and b"nginx" in info.value.read()
    with pytest.raises(urllib.error.HTTPError):
        target.odoo()
    sim.clear_faults()


def test_fault_fail_nth_call(target, sim, cleanup):
    sim.set_faults(fail_nth_call={"n": 2, "match": "ir.cron.create"})
    target.execute_kw("ir.cron", "search_count", [[]])      # does not match
    first = new_cron(target, cleanup)
    error = target.error_of("ir.cron", "create", [{
        "name": "second", "model_id": target.model_ref("base.model_res_partner")}])
    assert error.name == "psycopg2.OperationalError"
    assert "server closed the connection unexpectedly" in error.message
    assert sim.faults() == {}                               # one-shot
    names = [r["name"] for r in sim.records("ir.cron")]
    assert "second" not in names and first


def test_fault_fail_next_sync(target, sim):
    ids = target.execute_kw("ir.module.module", "search",
                            [[("name", "=", "whatsapp_integration")]])
    target.execute_kw("ir.module.module", "button_immediate_install", [ids])
    sim.set_faults(fail_next_sync=True)
    target.execute_kw("whatsapp.sync.service", "cron_sync_all_data", [], {"limit": 5})
    assert sim.records("whatsapp.sync.service")[0]["sync_status"] == "error"
    target.execute_kw("whatsapp.sync.service", "cron_sync_all_data", [], {"limit": 5})
    row = sim.records("whatsapp.sync.service")[0]
    assert (row["sync_status"], row["last_sync_message"]) == ("success",
                                                              "Synced 0 messages (limit 5)")


def test_fault_cron_locked(target, sim, cleanup):
    rid = new_cron(target, cleanup)
    sim.set_faults(cron_locked=True)
    error = target.error_of("ir.cron", "write", [[rid], {"priority": 1}])
    assert error.name == USER_ERROR and error.message.startswith(
        "Record cannot be modified right now")
    sim.clear_faults()
    assert target.execute_kw("ir.cron", "write", [[rid], {"priority": 1}]) is True


def test_fault_cron_locked_for_some_seconds_on_some_crons(target, sim, cleanup):
    rid, other = new_cron(target, cleanup), new_cron(target, cleanup)
    sim.set_faults(cron_locked={"seconds": 1, "ids": [rid]})
    error = target.error_of("ir.cron", "unlink", [[rid]])
    assert error.name == USER_ERROR and "currently being executed" in error.message
    assert target.execute_kw("ir.cron", "write", [[other], {"priority": 2}]) is True
    ids = target.execute_kw("ir.module.module", "search", [[("name", "=", "base")]])
    error = target.error_of("ir.module.module", "button_immediate_upgrade", [ids])
    assert "currently processing a scheduled action" in error.message
    time.sleep(1.1)     # the job "finished": its lock is released
    assert target.execute_kw("ir.cron", "write", [[rid], {"priority": 2}]) is True
    with pytest.raises(ValueError):
        sim.set_faults(cron_locked={"minutes": 1})
    sim.clear_faults()


def test_failed_call_is_rolled_back(target, sim):
    before = len(sim.records("ir.actions.server"))
    target.error_of("ir.cron", "create", [{"name": "bad", "model_id": 424242}])
    assert len(sim.records("ir.actions.server")) == before


def test_control_endpoints_and_client(target, sim):
    from simulator.client import SimulatorClient, jsonrpc
    client = SimulatorClient(sim.url)
    assert client.info()["version"] == target.profile.series
    assert client.api_key("admin") == sim.api_key("admin")
    client.reset_counters()
    assert jsonrpc(sim.url, "/jsonrpc", {"service": "common", "method": "version",
                                         "args": []})["result"]["server_serie"] == \
        target.profile.series
    assert client.counters()["by_call"] == {"common.version": 1}
    assert client.set_faults(latency_ms=1) == {"latency_ms": 1}
    assert client.clear_faults() == {}
    crons = client.state("ir.cron")
    assert any(not c["active"] for c in crons) or target.profile.major < 16
    client.set_module_disk_version("whatsapp_integration", "2.0.0")
    assert client.state("ir.module.module", [("name", "=", "whatsapp_integration")])[0][
        "installed_version"] == target.profile.series + ".2.0.0"
    assert client.run_due_crons(now="2000-01-01 00:00:00") == []
    client.reset()
    assert client.state("ir.module.module", [("name", "=", "whatsapp_integration")])[0][
        "installed_version"] == target.profile.series + ".1.0.0"


def test_command_line(target, sim):
    if target.profile.series != "14.0":
        pytest.skip("the command line is exercised once")
    process = subprocess.Popen(
        [sys.executable, os.path.join(TESTS_DIR, "simulator"), "--odoo-version", "17.0",
         "--port", "0"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        line = process.stdout.readline().strip()
        assert line.startswith("listening on http://127.0.0.1:")
        from simulator.client import jsonrpc
        info = jsonrpc(line.split()[-1], "/web/webclient/version_info", {})["result"]
        assert info["server_serie"] == "17.0"
    finally:
        process.send_signal(signal.SIGTERM)
        assert process.wait(timeout=10) == 0
