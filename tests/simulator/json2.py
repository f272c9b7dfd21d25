"""Odoo 19's JSON-2 API, GET /web/version, and the deprecation of /jsonrpc and /xmlrpc.

Facts: addons/rpc/controllers/__init__.py (version route, RPC_DEPRECATION_NOTICE), json2.py
(WebJson2Controller), jsonrpc.py (logger.warning on every call), odoo/http.py (Json2Dispatcher,
serialize_exception, _get_session_and_dbname: X-Odoo-Database), odoo/addons/base/models/ir_http.py
(_auth_method_bearer), odoo/exceptions.py (http_status), all 19.0; measured on a 19.0 server
(FACTS-19): status codes, error bodies, "Invalid apikey", "cannot call ir.cron.create with ids".
"""

import inspect
import json

from . import errors
from .time_limit import RequestKilled
from .rpc import ORM_PRIVATE_18, call_key

VERSION_PATHS = ("/web/version", "/json/version")
JSON2_PREFIX = "/json/2"
# addons/rpc/controllers: each of these logs RPC_DEPRECATION_NOTICE at WARNING on 19.0
DEPRECATED_ENDPOINTS = ("/jsonrpc", "/xmlrpc", "/xmlrpc/2")
DEPRECATION_NOTICE = ("The /xmlrpc, /xmlrpc/2 and /jsonrpc endpoints are deprecated in Odoo 19 and "
                      "scheduled for removal in Odoo 20. Please report the problem to the client "
                      "making the request.")

# odoo/exceptions.py http_status (19.0) and the werkzeug exceptions json2 raises
STATUS = {
    "odoo.exceptions.UserError": 422,
    "odoo.exceptions.ValidationError": 422,
    "odoo.exceptions.AccessDenied": 403,
    "odoo.exceptions.AccessError": 403,
    "odoo.exceptions.MissingError": 404,
    "odoo.exceptions.LockError": 409,
    "odoo.http.SessionExpiredException": 403,
    "werkzeug.exceptions.BadRequest": 400,
    "werkzeug.exceptions.Unauthorized": 401,
    "werkzeug.exceptions.NotFound": 404,
    "werkzeug.exceptions.UnprocessableEntity": 422,
}

HTML_404 = (b'<!doctype html>\n<html lang=en>\n<title>404 Not Found</title>\n<h1>Not Found</h1>\n'
            b"<p>The requested URL was not found on the server. If you entered the URL manually "
            b"please check your spelling and try again.</p>\n")
HTML_415 = (b'<!doctype html>\n<html lang=en>\n<title>415 Unsupported Media Type</title>\n'
            b"<h1>Unsupported Media Type</h1>\n<p>The server does not support the media type "
            b"transmitted in the request.</p>\n")


def http_error(name, message, code):
    """A werkzeug HTTPException as serialize_exception words it: arguments (description, code)."""
    return errors.OdooError(name, message, [message, code])


class Json2:
    """The 19.0 routes of one Simulator, and its count of deprecated calls."""

    def __init__(self, simulator):
        self.sim = simulator
        self.deprecated_calls = 0
        self.deprecation_log = []

    @property
    def enabled(self):
        return self.sim.profile.json2

    def serves(self, path):
        return self.enabled and (path in VERSION_PATHS or path == JSON2_PREFIX
                                 or path.startswith(JSON2_PREFIX + "/"))

    def note_request(self, path):
        """Count (and log, as Odoo 19 does) a call to a deprecated endpoint."""
        if self.enabled and any(path == p or path.startswith(p + "/") for p in DEPRECATED_ENDPOINTS):
            self.deprecated_calls += 1
            self.deprecation_log.append("WARNING odoo odoo.addons.rpc.controllers.jsonrpc: %s"
                                        % DEPRECATION_NOTICE)

    def clear(self):
        self.deprecated_calls = 0
        self.deprecation_log = []

    # -- answers: (status, content type, body bytes, extra headers) ------------------------
    def answer(self, method, path, headers, raw):
        if path in VERSION_PATHS:
            if method != "GET":
                return 405, "text/html; charset=utf-8", b"Method Not Allowed", []
            info = [self.sim.profile.major, 0, 0, "final", 0, ""]
            return self._json(200, {"version_info": info, "version": self.sim.profile.series})
        database = self._database_of(headers.get("X-Odoo-Database"))
        if database is None:
            return 404, "text/html; charset=utf-8", HTML_404, []
        parts = path[len(JSON2_PREFIX) + 1:].split("/") if path.startswith(JSON2_PREFIX + "/") else []
        if method != "POST" or len(parts) != 2 or not all(parts):
            return self._failure(http_error("werkzeug.exceptions.NotFound",
                                            "Did you mean POST /json/2/<model>/<method>?", 404))
        mimetype = (headers.get("Content-Type") or "").split(";")[0].strip()
        if raw and mimetype != "application/json":
            return 415, "text/html; charset=utf-8", HTML_415, []
        try:
            body = json.loads(raw.decode() or "{}") if raw else {}
        except ValueError as exc:
            return self._failure(http_error("werkzeug.exceptions.BadRequest",
                                            "could not parse the body as json: %s" % exc, 400))
        params = body if isinstance(body, dict) else {}     # Json2Dispatcher: jsonrequest | args
        try:
            with self.sim.using(database):
                uid = self._bearer(headers.get("Authorization"))
                return self._json(200, self._call(uid, parts[0], parts[1], params, path))
        except errors.OdooError as exc:
            return self._failure(exc)

    def _database_of(self, header):
        """odoo/http.py: the X-Odoo-Database the dbfilter accepts, else the only database the
        server shows; None (a 404 page) when there is no such one."""
        if header is None:
            visible = self.sim.db_filter(self.sim.database_names)
            return visible[0] if len(visible) == 1 else None
        return header if header in self.sim.databases and self.sim.db_filter([header]) else None

    def _bearer(self, authorization):
        """ir_http.py _auth_method_bearer: the uid of a valid API key (scope rpc), or 401."""
        text = (authorization or "").strip()
        scheme, _sep, token = text.partition(" ")
        if scheme.lower() != "bearer" or not token.strip():
            raise http_error("werkzeug.exceptions.Unauthorized",
                             "User not authenticated, use an API Key with a Bearer Authorization header.",
                             401)
        uid = self.sim.db.api_keys.get(token.strip())
        row = self.sim.db.tables["res.users"].get(uid) if uid else None
        if not row or not row.get("active"):
            raise http_error("werkzeug.exceptions.Unauthorized", "Invalid apikey", 401)
        return uid

    def _call(self, uid, model_name, method, params, path):
        """json2.py web_json_2_rpc, one transaction (rolled back on error)."""
        params = dict(params)
        ids = params.pop("ids", None) or []
        context = params.pop("context", None) or {}
        with self.sim.lock:
            self.sim.faults_state.check_call(call_key(path, None))
            snap = self.sim.db.snapshot()
            try:
                return self._run(uid, model_name, method, ids, context, params)
            except RequestKilled:
                raise                        # killed after a commit: what was committed stays
            except Exception:
                self.sim.db.restore(snap)
                raise

    def _run(self, uid, model_name, method, ids, context, kwargs):
        env = self.sim.db.env(uid=uid, su=False)
        if model_name not in env:
            self.sim.note_missing_model(model_name)
            raise http_error("werkzeug.exceptions.NotFound",
                             "the model %r does not exist" % model_name, 404)
        model = env[model_name]
        cls = type(model)
        func = getattr(cls, method, None)
        if method == "check_access_rights" and not self.sim.profile.has_check_access_rights:
            func = None         # 20.0: removed (has_access / check_access); FACTS_20, unconfirmed
        if method.startswith("_") or method in ORM_PRIVATE_18 or method in cls._private_methods:
            # service/model.py get_public_method (19.0)
            raise errors.access_error("Private methods (such as '%s.%s') cannot be called remotely."
                                      % (model_name, method))
        api = getattr(func, "_api", None)
        if api is None:
            raise http_error("werkzeug.exceptions.NotFound",
                             "The method '%s.%s' does not exist" % (model_name, method), 404)
        if api in ("model", "model_create") and ids:
            raise http_error("werkzeug.exceptions.UnprocessableEntity",
                             "cannot call %s.%s with ids" % (model_name, method), 422)
        records = cls(env(context=dict(env.context, **context)), list(ids))
        try:
            inspect.signature(func).bind(records, **kwargs)
        except TypeError as exc:
            raise http_error("werkzeug.exceptions.UnprocessableEntity", str(exc), 422)
        try:
            result = func(records, **kwargs)
        except TypeError as exc:
            raise errors.type_error(str(exc))
        return result.ids if hasattr(result, "ids") and hasattr(result, "_name") else result

    # -- responses ------------------------------------------------------------------------
    @staticmethod
    def _json(status, payload, headers=()):
        return status, "application/json; charset=utf-8", json.dumps(payload).encode(), list(headers)

    def _failure(self, exc):
        """Json2Dispatcher.handle_error: the serialized exception, with its HTTP status."""
        self.sim.counter_state.count_error(exc.name)
        body = {"name": exc.name, "message": exc.message, "arguments": exc.arguments,
                "context": {}, "debug": exc.debug()}
        headers = [("WWW-Authenticate", "Bearer")] if exc.name.endswith("Unauthorized") else []
        return self._json(STATUS.get(exc.name, 500), body, headers)
