"""HTTP server, control endpoints and the Simulator object.

    python3 tests/simulator --odoo-version 14.0 --port 8069

Every JSON-RPC request runs under one lock (like one database transaction at a
time); the HTTP server itself is threaded. Control endpoints live under
/__simulator__/ and are neither counted nor subject to faults.
"""

import argparse
import contextlib
import json
import re
import secrets
import signal
import socket
import sys
import threading
import time
import traceback
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

from . import errors, scheduler
from .database import DB_NAME, Database
from .models.ir_module import odoo_bin_update
from .time_limit import RequestKilled, TimeLimits
from .faults import NGINX_502, Counters, FaultState
from .json2 import Json2
from .profiles import DEFAULT_VERSION, get_profile
from .rpc import Rpc, call_key, endpoint_of

CONTROL_PREFIX = "/__simulator__/"

NOT_FOUND_HTML = (b'<!DOCTYPE HTML PUBLIC "-//W3C//DTD HTML 3.2 Final//EN">\n'
                  b"<title>404 Not Found</title>\n<h1>Not Found</h1>\n"
                  b"<p>The requested URL was not found on the server. If you entered the URL "
                  b"manually please check your spelling and try again.</p>\n")


class Simulator:
    """An Odoo external-API simulator serving the database 'odoo', or the ``databases`` named."""

    def __init__(self, version=DEFAULT_VERSION, host="127.0.0.1", port=0, verbose=False,
                 version_suffix="", dbfilter=None, databases=None, list_db=True, limit_time_real=None,
                 deprecated_services=False, extra_users=()):
        self.profile = get_profile(version)
        # users seeded in every database after the standard ones (and after every reset), e.g. the apply user
        # of playbooks/automation_users.yml: [{login, name, groups (xml ids), password}]; each gets an API key
        self.extra_users = [dict(user) for user in extra_users]
        # 20.0: seed the system parameter rpc.use_deprecated_services=True in every database (and
        # after every reset), which brings /jsonrpc's object service and common.login back
        # (addons/rpc/controllers/jsonrpc.py @59e846b3928e); ignored by the other profiles.
        self.deprecated_services = deprecated_services
        self.version = self.profile.series
        self.version_suffix = version_suffix
        # odoo.conf dbfilter (regex; %h/%d are not expanded). None = no dbfilter, the
        # default of an Odoo server: /web/session/authenticate on an unknown database
        # then fails in psycopg2 on every branch; with a dbfilter that rejects the name,
        # 16.0+ answer AccessError "Database not found." (measured, FACTS §0b).
        self.dbfilter = dbfilter
        self.host = host
        self._port = port
        self.verbose = verbose
        self.lock = threading.RLock()
        self.faults_state = FaultState()
        self.counter_state = Counters()
        # uid 2 = base.user_admin, 6 = base.user_demo
        self._api_keys = {secrets.token_hex(20): 2, secrets.token_hex(20): 6}
        self._extra_user_keys = [secrets.token_hex(20) for _user in self.extra_users]
        # odoo.conf limit_time_real (workers mode): module operations longer than this are cut.
        # One setting of the server, shared by its databases.
        self.limit_time_real = limit_time_real
        self.time_limits = TimeLimits(limit_time_real)
        # Several databases on one server, each its own Database; a request works on the one
        # it names (see _database_of). odoo.conf list_db: False hides the list (list_dbs()).
        self.database_names = _database_names(databases)
        self.list_db = list_db
        self._selected = None
        self.databases = {}
        self._create_databases()
        self.rpc = Rpc(self)
        self.json2 = Json2(self)
        self.missing_models = {}
        self.httpd = None
        self._thread = None

    # -- lifecycle ----------------------------------------------------------------------------
    def start(self):
        if self.httpd is not None:
            return self
        handler = type("Handler", (_Handler,), {"sim": self})
        self.httpd = ThreadingHTTPServer((self.host, self._port), handler)
        self.httpd.daemon_threads = True
        self._thread = threading.Thread(target=self.httpd.serve_forever,
                                        kwargs={"poll_interval": 0.05},
                                        name="odoo-simulator", daemon=True)
        self._thread.start()
        return self

    def stop(self):
        if self.httpd is None:
            return
        self.httpd.shutdown()
        self.httpd.server_close()
        self._thread.join(timeout=5)
        self.httpd = None

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc):
        self.stop()

    @property
    def port(self):
        return self.httpd.server_address[1] if self.httpd else self._port

    @property
    def url(self):
        return "http://%s:%d" % (self.host, self.port)

    # -- databases ----------------------------------------------------------------------------
    def _create_databases(self):
        self.databases = {name: Database(self.profile, self._api_keys, name)
                          for name in self.database_names}
        for database in self.databases.values():
            database.time_limits = self.time_limits
            for user, key in zip(self.extra_users, self._extra_user_keys):
                uid = database.add_user(user["login"], user.get("name") or user["login"], user["groups"],
                                        user["password"])
                self._api_keys[key] = uid
                database.api_keys[key] = uid
            if self.deprecated_services and self.profile.jsonrpc_gated:
                database.env()["ir.config_parameter"]._set_param("rpc.use_deprecated_services", "True")

    @property
    def db(self):
        """The database of the request being served; outside requests the first one, or the one
        selected with ``using()``."""
        return self.databases[self._selected or self.database_names[0]]

    @contextlib.contextmanager
    def using(self, name):
        """Work on the database ``name``: ``with sim.using("b"): sim.records("ir.cron")``."""
        if name not in self.databases:
            raise KeyError("no database %r (databases: %s)" % (name, ", ".join(self.database_names)))
        with self.lock:
            previous, self._selected = self._selected, name
            try:
                yield self.databases[name]
            finally:
                self._selected = previous

    def list_databases(self):
        """/web/database/list on 14.0 to 19.0 (web Database.list(): addons/web/controllers/main.py
        on 14.0, database.py from 16.0) returns odoo/http.py db_list() = odoo/service/db.py
        list_dbs() then db_filter(): AccessDenied when list_db is off, else the names sorted
        (its SQL orders by datname), filtered by dbfilter. db_name is not modelled."""
        if not self.list_db:
            raise errors.access_denied()
        return self.db_filter(sorted(self.database_names))

    def _database_of(self, path, params, session):
        """The database a request names, when the server has it: the first argument of
        /jsonrpc common.login/authenticate and object.execute(_kw), 'db' of
        /web/session/authenticate, the session's for the other /web routes. None (the first
        database) otherwise: an unknown name then fails like Odoo in _check_db."""
        name = None
        if path == "/jsonrpc":
            args = params.get("args") or []
            if params.get("service") in ("common", "object") and args:
                name = args[0]
        elif path == "/web/session/authenticate":
            name = params.get("db")
        elif session:
            name = session.get("db")
        return name if isinstance(name, str) and name in self.databases else None

    # -- direct access for tests ----------------------------------------------------------------
    def records(self, model, domain=None, fields=None, active_test=False, order=None):
        """Read records as superuser (read() format), archived ones included by default."""
        with self.lock:
            env = self.db.env(context={"active_test": active_test})
            recs = env[model]
            ids = recs._search(domain or [], order=order)
            return recs._read(ids, fields)

    def state(self, model):
        return self.records(model, active_test=False)

    def ref(self, xmlid):
        """(model, id) of an external id."""
        with self.lock:
            return self.db.ref(xmlid)

    def db_filter(self, dbs):
        """odoo/http.py db_filter() without db_name: the names the dbfilter accepts."""
        if not self.dbfilter:
            return [db for db in dbs if isinstance(db, str)]
        return [db for db in dbs if isinstance(db, str) and re.match(self.dbfilter, db)]

    def api_key(self, login="admin"):
        with self.lock:
            uids = self.db.env()["res.users"].with_context(active_test=False)._search(
                [("login", "=", login)])
            for key, uid in self._api_keys.items():
                if uids and uid == uids[0]:
                    return key
        raise KeyError("no API key for %r" % login)

    def counters(self):
        """Requests by endpoint and by call, errors answered by exception name; ``deprecated``: calls Odoo 19 logs a deprecation
        WARNING for (/jsonrpc, /xmlrpc), always 0 on older profiles; ``missing_models``: {model:
        calls} of the calls naming a model this profile does not have (e.g. ir.model.access on 20.0)."""
        return dict(self.counter_state.snapshot(), deprecated=self.json2.deprecated_calls,
                    missing_models=dict(self.missing_models))

    def note_missing_model(self, model_name):
        self.missing_models[model_name] = self.missing_models.get(model_name, 0) + 1

    def reset_counters(self):
        self.counter_state.clear()
        self.json2.clear()
        self.missing_models.clear()

    def set_faults(self, faults=None, **kwargs):
        """Replace the fault set (see faults.py); set_faults() clears everything."""
        config = dict(faults or {}, **kwargs)
        with self.lock:
            applied = self.faults_state.set(config)
            self.db.faults.cron_lock.set(applied.get("cron_locked"))
            if applied.pop("fail_next_sync", None):
                self.db.env()["ir.config_parameter"]._set_param(
                    "whatsapp_integration.fail_next_sync", "1")
                self.faults_state.config.pop("fail_next_sync", None)
        return self.faults_state.get()

    def clear_faults(self):
        return self.set_faults()

    def faults(self):
        return self.faults_state.get()

    def reset(self):
        """Fresh database (same API keys), no sessions, no faults, counters at zero."""
        with self.lock:
            self.time_limits = TimeLimits(self.limit_time_real)
            self._create_databases()
            self.rpc.sessions.clear()
            self.faults_state.set({})
            self.counter_state.clear()
            self.json2.clear()
            self.missing_models.clear()

    def set_module_disk_version(self, module, version, installable=None):
        """Simulate a new version of an addon on disk (picked up by update_list)."""
        with self.lock:
            info = self.db.disk_modules.setdefault(module, {"name": module, "depends": ["base"]})
            info["version"] = version
            if installable is not None:
                info["installable"] = bool(installable)
            return {"module": module, "version": version}

    def set_time_limit(self, config):
        """The request time limit and how long addons take to load (time_limit.py)."""
        with self.lock:
            return self.time_limits.set(config)

    def odoo_bin(self, database, install=(), update=()):
        """What ``odoo-bin -d <database> -i/-u <addons> --stop-after-init`` does to the database."""
        if database not in self.databases:
            raise ValueError("database %r does not exist" % database)
        with self.using(database):
            return {"log": odoo_bin_update(self.db.env(), install, update)}

    def run_due_crons(self, now=None, ids=None):
        """Run the scheduler once (as the cron worker would); returns job reports."""
        with self.lock:
            return scheduler.run_due_crons(self.db, now=now, ids=ids)

    # -- request handling ---------------------------------------------------------------------
    def _control(self, name, method, payload, query):
        if name == "counters":
            return self.counters()
        if name == "reset_counters":
            self.reset_counters()
            return {"ok": True}
        if name == "faults":
            return self.set_faults(payload) if method == "POST" else self.faults()
        if name == "reset":
            self.reset()
            return {"ok": True}
        if name == "state":
            model = payload.get("model") or (query.get("model") or [None])[0]
            return self.records(model, payload.get("domain"), payload.get("fields"),
                                active_test=bool(payload.get("active_test", False)))
        if name == "set_module_disk_version":
            return self.set_module_disk_version(payload["module"], payload["version"],
                                                payload.get("installable"))
        if name == "time_limit":
            return self.set_time_limit(payload) if method == "POST" else self.time_limits.get()
        if name == "odoo_bin":
            return self.odoo_bin(payload.get("database"), payload.get("install") or [],
                                 payload.get("update") or [])
        if name == "run_due_crons":
            return self.run_due_crons(payload.get("now"), payload.get("ids"))
        if name == "api_key":
            login = payload.get("login") or (query.get("login") or ["admin"])[0]
            return {"login": login, "api_key": self.api_key(login)}
        if name == "info":
            return {"version": self.version, "url": self.url, "database": self.db.name,
                    "databases": list(self.database_names), "list_db": self.list_db,
                    "dbfilter": self.dbfilter,
                    "users": {"admin": "admin", "demo": "demo"}}
        raise LookupError("unknown control endpoint %r" % name)

    def _dispatch(self, path, params, session):
        """Run one JSON-RPC call under the lock; returns (result, new session id)."""
        route = self.rpc.route(path)
        with self.lock:
            self._selected = self._database_of(path, params, session)
            try:
                self.faults_state.check_call(call_key(path, params))
                snap = self.db.snapshot()
                try:
                    result = route(params, session)
                except RequestKilled:
                    raise                        # killed after a commit: what was committed stays
                except Exception:
                    self.db.restore(snap)        # the transaction is rolled back
                    raise
            finally:
                self._selected = None
        if path == "/web/session/authenticate":
            return result
        return result, None


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "Werkzeug/2.0.2"
    sys_version = "Python/3.10"
    sim = None

    def log_message(self, fmt, *args):
        if self.sim.verbose:
            sys.stderr.write("%s - %s\n" % (self.address_string(), fmt % args))

    def do_GET(self):
        self._handle("GET")

    def do_POST(self):
        self._handle("POST")

    # -- plumbing ---------------------------------------------------------------------------
    def _send(self, status, body, content_type, headers=(), truncate=False):
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        for name, value in headers:
            self.send_header(name, value)
        if truncate:
            self.send_header("Connection", "close")
        self.end_headers()
        if truncate:
            self.wfile.write(body[:max(1, len(body) // 2)])
            self.wfile.flush()
            self._drop()
            return
        self.wfile.write(body)

    def _drop(self):
        self.close_connection = True
        try:
            self.connection.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass

    def _send_json(self, status, payload, **kw):
        self._send(status, json.dumps(payload).encode(), "application/json", **kw)

    def _handle(self, method):
        sim = self.sim
        split = urlsplit(self.path)
        path = split.path
        length = int(self.headers.get("Content-Length") or 0)
        raw = self.rfile.read(length) if length else b""
        if path.startswith(CONTROL_PREFIX):
            return self._handle_control(path[len(CONTROL_PREFIX):], method, raw,
                                        parse_qs(split.query))
        try:
            body = json.loads(raw.decode() or "null")
        except ValueError:
            body = None
        params = body.get("params") if isinstance(body, dict) else None
        request_id = body.get("id") if isinstance(body, dict) else None
        json2 = sim.json2.serves(path)
        key = call_key(path, params) if (isinstance(params, dict) or json2) and method == "POST" else None
        sim.counter_state.count(endpoint_of(path), key)
        sim.json2.note_request(path)
        latency = sim.faults_state.latency()
        if latency:
            time.sleep(latency)
        if sim.faults_state.take("refuse"):
            return self._drop()
        if sim.faults_state.take("http_502"):
            return self._send(502, NGINX_502, "text/html", headers=[("Server", "nginx")])
        truncate = sim.faults_state.take("close_mid_response")
        if json2:
            try:
                status, content_type, payload, headers = sim.json2.answer(method, path, self.headers, raw)
            except RequestKilled:           # the worker is killed: no answer at all
                return self._drop()
            return self._send(status, payload, content_type, headers=headers, truncate=truncate)
        route = sim.rpc.route(path)
        is_json = "json" in (self.headers.get("Content-Type") or "")
        if route is None or method != "POST":
            if is_json and sim.profile.major >= 16 and method == "POST":
                error = errors.not_found().to_error()
                return self._send_json(200, {"jsonrpc": "2.0", "id": request_id,
                                             "error": error}, truncate=truncate)
            return self._send(404, NOT_FOUND_HTML, "text/html; charset=utf-8", truncate=truncate)
        if not isinstance(body, dict):
            return self._send(400, b"Invalid JSON data", "text/plain", truncate=truncate)
        if not isinstance(params, dict):
            params = {}
        response = {"jsonrpc": "2.0", "id": request_id}
        headers = []
        try:
            session = self._session()
            result, new_sid = sim._dispatch(path, params, session)
            if result is not None:
                response["result"] = result
            if new_sid:
                headers.append(("Set-Cookie", "session_id=%s; HttpOnly; Max-Age=604800; "
                                              "Path=/; SameSite=Lax" % new_sid))
        except errors.OdooError as exc:
            sim.counter_state.count_error(exc.name)
            response["error"] = exc.to_error()
        except RequestKilled:           # the worker is killed: no answer at all
            return self._drop()
        except Exception as exc:        # a simulator bug: answer like Odoo would
            wrapped = errors.OdooError("builtins." + type(exc).__name__, str(exc))
            response["error"] = wrapped.to_error()
            response["error"]["data"]["debug"] = traceback.format_exc()
        if "error" in response and response["error"]["code"] == 200 and sim.profile.major >= 19:
            response["error"]["code"] = 0      # 19.0 JsonRPCDispatcher.handle_error: 'code': 0
        try:
            self._send_json(200, response, headers=headers, truncate=truncate)
        except (BrokenPipeError, ConnectionResetError):
            self.close_connection = True     # the client gave up waiting (its own timeout)

    def _session(self):
        cookie = self.headers.get("Cookie") or ""
        for part in cookie.split(";"):
            name, _sep, value = part.strip().partition("=")
            if name == "session_id":
                session = self.sim.rpc.sessions.get(value)
                if session is not None:
                    return dict(session, sid=value)
        return None

    def _handle_control(self, name, method, raw, query):
        try:
            payload = json.loads(raw.decode() or "{}") if raw else {}
            if not isinstance(payload, dict):
                raise ValueError("the body must be a JSON object")
            result = self.sim._control(name.strip("/"), method, payload, query)
            self._send_json(200, result)
        except LookupError as exc:
            self._send_json(404, {"error": str(exc)})
        except errors.OdooError as exc:
            self._send_json(400, {"error": exc.message, "name": exc.name})
        except (ValueError, TypeError) as exc:
            self._send_json(400, {"error": str(exc)})


def _database_names(databases):
    names = [DB_NAME] if databases is None else [str(name).strip() for name in databases]
    if not names or not all(names) or len(set(names)) != len(names):
        raise ValueError("databases must be distinct non-empty names, got %r" % (databases,))
    return names


def main(argv=None):
    parser = argparse.ArgumentParser(prog="python3 tests/simulator",
                                     description="Odoo external-API simulator")
    parser.add_argument("--odoo-version", default=DEFAULT_VERSION,
                        help="14.0, 15.0, 16.0, 17.0, 18.0 or 19.0 (default %(default)s)")
    parser.add_argument("--port", type=int, default=8069, help="0 picks a free port")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--version-suffix", default="",
                        help="appended to server_version, e.g. -20240709 (packaged builds)")
    parser.add_argument("--dbfilter", default=None,
                        help="like odoo.conf dbfilter, e.g. '^odoo$' (default: none)")
    parser.add_argument("--databases", default=DB_NAME,
                        help="comma-separated database names (default: %(default)s)")
    parser.add_argument("--no-list-db", dest="list_db", action="store_false",
                        help="like odoo.conf list_db = False: /web/database/list is refused")
    parser.add_argument("--limit-time-real", type=float, default=None,
                        help="like odoo.conf limit_time_real in workers mode: module operations "
                             "longer than this many seconds are cut (default: no limit)")
    parser.add_argument("--verbose", action="store_true", help="log every request")
    options = parser.parse_args(argv)
    sim = Simulator(version=options.odoo_version, host=options.host, port=options.port,
                    verbose=options.verbose, version_suffix=options.version_suffix,
                    dbfilter=options.dbfilter, databases=options.databases.split(","),
                    list_db=options.list_db, limit_time_real=options.limit_time_real)
    sim.start()
    stop = threading.Event()
    for signum in (signal.SIGTERM, signal.SIGINT):
        signal.signal(signum, lambda *_args: stop.set())
    print("listening on %s" % sim.url, flush=True)
    try:
        while not stop.wait(0.5):
            pass
    finally:
        sim.stop()
    return 0
