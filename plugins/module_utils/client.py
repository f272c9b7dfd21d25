# -*- coding: utf-8 -*-
# Copyright: (c) 2026, odoo_ops.odoo contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The one client the cron logic uses, whatever protocol carries its calls.

Three transports, one small module each, behind ``OdooClient.call``:

* ``jsonrpc`` (transport_jsonrpc.py): ``/jsonrpc`` ``object.execute_kw``, Odoo 14.0-18.0;
* ``web`` (transport_web.py): ``/web/session/authenticate`` + ``/web/dataset/call_kw``, a password
  on Odoo 19 and later (where ``/jsonrpc`` is deprecated);
* ``json2`` (transport_json2.py): Odoo 19's JSON-2 API, an API key on Odoo 19 and later.

``select_protocol`` below is the one place that chooses, from the server's version and the kind of
secret, unless the task forces one (option ``protocol``). Why not odoorpc's convenience layer
(``ODOO().login()`` + ``env[model]``): it costs four HTTP requests before any work is done, and
``env.ref`` calls ``ir.model.data.xmlid_to_res_model_res_id``, which Odoo removed in 15.0.

On 14.0-18.0 a password logs in with ``/web/session/authenticate``, which answers the uid *and*
the server version; the calls then go to ``/jsonrpc``, stateless. The session login refuses API
keys (after hashing them as a password, ~0.25 s on 16.0+), so a secret shaped like a key asks
``GET /web/version`` first: Odoo 19+ answers it (JSON-2 then, no login at all); older servers
answer 404 and the key logs in with ``common.login`` as before.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import re

from ansible_collections.odoo_ops.odoo.plugins.module_utils.errors import (
    OdooAccessError,
    OdooAuthError,
    OdooInputError,
    OdooServerError,
    OdooUnsupportedError,
)
from ansible_collections.odoo_ops.odoo.plugins.module_utils.odoo_http import (
    JSON2_SINCE,
    HttpChannel,
    ServerVersion,
    looks_like_api_key,
    probe_version,
)
from ansible_collections.odoo_ops.odoo.plugins.module_utils import write_rights
from ansible_collections.odoo_ops.odoo.plugins.module_utils.transport_jsonrpc import JsonRpcTransport
from ansible_collections.odoo_ops.odoo.plugins.module_utils.transport_web import WebSessionTransport

# odoo/__init__.py: SUPERUSER_ID = 1 on every branch; base/data/res_users_data.xml
# gives it the login __system__ (shown as "OdooBot"). Crons usually run as this user.
SUPERUSER_ID = 1
SUPERUSER_LOGIN = "__system__"

PROTOCOLS = ("auto", "jsonrpc", "web", "json2")

# "Database not found." (web session login, 14.0-18.0) or psycopg2's
# 'database "x" does not exist' (common.login on an unknown database).
_DATABASE_MISSING = re.compile(r"database.*(not found|does not exist)", re.I)


def transport_class(protocol):
    """The transport of ``protocol``. JSON-2's module is imported only by the runs that use it: a module run
    compiles every file it imports, twice (zipimport in an AnsiballZ payload), and a task pays for each."""
    if protocol == "json2":
        from ansible_collections.odoo_ops.odoo.plugins.module_utils.transport_json2 import Json2Transport
        return Json2Transport
    return {"jsonrpc": JsonRpcTransport, "web": WebSessionTransport}[protocol]


def select_protocol(version, api_key):
    """The transport for a server of ``version`` (a ServerVersion) and a secret of that kind."""
    if version.major >= JSON2_SINCE:
        return "json2" if api_key else "web"
    return "jsonrpc"


class OdooClient:
    """One connection to one Odoo database, for one module run."""

    def __init__(self, url, database, username, password, timeout=30,
                 validate_certs=True, ca_path=None, protocol="auto"):
        if protocol not in PROTOCOLS:
            raise OdooInputError("protocol must be one of %s, got %r" % (", ".join(PROTOCOLS), protocol))
        self.url = url
        self.database = database
        self.username = username
        self.requested_protocol = protocol
        self.warnings = []  # for the module's result (OdooModule.run)
        self.uid = None
        self.version = None
        self.transport = None
        # What the server has, where versions differ (e.g. access_rights.py): learnt once per
        # run, and per play through odoo_session.
        self.capabilities = {}
        self._secret = password
        self._session_unchecked = False
        self._answered = False  # a call of this run succeeded: the credentials are good (write_rights.py)
        self.channel = HttpChannel(url, timeout, validate_certs, ca_path, secret=password)

    @property
    def request_count(self):
        return self.channel.request_count

    @property
    def timeout(self):
        return self.channel.timeout

    @property
    def protocol(self):
        return self.transport.name if self.transport else None

    def call_with_timeout(self, seconds, model, method, *args, **kwargs):
        """A call that may run long (an addon upgrade): wait ``seconds`` for this one answer."""
        previous = self.channel.set_timeout(seconds)
        try:
            return self.call(model, method, *args, **kwargs)
        finally:
            self.channel.set_timeout(previous)

    # -- authentication -------------------------------------------------------------------
    def authenticate(self, session=None):
        """Connect; ``session`` (version, and uid, from an earlier task) skips what it already tells."""
        session = session or {}
        self.capabilities.update(session.get("capabilities") or {})
        version = ServerVersion.parse(session["version"]) if session.get("version") else None
        try:
            self._connect(version, session.get("uid"))
        except (OdooAccessError, OdooServerError) as error:
            if _DATABASE_MISSING.search(error.message):
                raise OdooAuthError(
                    "database %r does not exist on %s (option database)" % (self.database, self.url))
            raise
        return self

    def _connect(self, version, uid):
        api_key = looks_like_api_key(self._secret)
        protocol = self.requested_protocol
        if protocol == "auto" and version is None and not api_key:
            # One request tells the version and logs in: the web session login (14.0-19.0).
            if self._web_login():
                return self._use(select_protocol(self.version, api_key), self.uid, self.version, checked=True)
            # Refused: before 19 an API key of another shape or an account with two-factor
            # authentication still logs in over /jsonrpc; otherwise the password is wrong.
            version = probe_version(self.channel)
            if version is not None and version.major >= JSON2_SINCE:
                raise self._login_failed("check username and password")
            return self._use("jsonrpc", None, version)
        if version is None and protocol in ("auto", "json2"):
            version = probe_version(self.channel)
            if version is None and protocol == "auto":
                return self._use("jsonrpc", None, None)
        if protocol == "auto":
            protocol = select_protocol(version, api_key)
        return self._use(protocol, uid, version)

    def _login_failed(self, hint):
        return OdooAuthError("login failed for user %r on database %r at %s: %s"
                             % (self.username, self.database, self.url, hint))

    def _use(self, protocol, uid, version, checked=False):
        if protocol == "json2" and (version is None or version.major < JSON2_SINCE):
            raise OdooUnsupportedError(
                "protocol json2 needs Odoo %d or later; Odoo at %s runs %s (option protocol: use auto)"
                % (JSON2_SINCE, self.url, version or "a version without JSON-2"))
        self.transport = transport_class(protocol)(self.channel, self.database, self.username, self._secret)
        self.version = version
        self.uid = int(uid) if uid else None
        if protocol == "web" and not checked:
            self._log_in_web()
        elif protocol == "jsonrpc" and not (uid and version):
            self._log_in_jsonrpc(version)
        else:
            self._session_unchecked = protocol == "jsonrpc" and not checked
        if protocol == "jsonrpc" and self.version is not None and self.version.major >= JSON2_SINCE:
            # addons/rpc/controllers (19.0): every /jsonrpc call logs RPC_DEPRECATION_NOTICE at WARNING.
            self.warnings.append(
                "protocol jsonrpc: Odoo %s logs a deprecation WARNING for every /jsonrpc call (the endpoint goes "
                "away in a later version); protocol auto uses JSON-2 with an API key, or the web session with a "
                "password, which log nothing" % self.version)
        return self

    def _web_login(self):
        info = WebSessionTransport(self.channel, self.database, self.username, self._secret).authenticate()
        if info:
            write_rights.note_login(self, info)
            self.uid = info["uid"]
            self.version = ServerVersion.from_info(info)
            if self.version.major == 0:
                self.version = probe_version(self.channel) or ServerVersion([0])
        return bool(info)

    def _log_in_web(self):
        info = self.transport.authenticate()
        if not info:
            hint = ("the web session login refuses API keys: give the user's password, or use protocol "
                    "auto or json2 with an API key" if looks_like_api_key(self._secret)
                    else "check username and password")
            raise self._login_failed(hint + " (option protocol: web)")
        write_rights.note_login(self, info)
        self.uid = info["uid"]
        self.version = ServerVersion.from_info(info)

    def _log_in_jsonrpc(self, version):
        uid = self.transport.login()
        if not uid:
            raise self._login_failed("check username and password (an API key also works as password)")
        self.uid = uid
        self.version = version or self.transport.version()

    # -- model calls ---------------------------------------------------------------------
    def call(self, model, method, *args, **kwargs):
        """``model.method(*args, **kwargs)``, in execute_kw's convention (records first)."""
        refusal = write_rights.refusal_before(self, model, method, args)
        if refusal:
            raise OdooAccessError(refusal, model=model, method=method)
        try:
            answer = self._execute(model, method, list(args), kwargs)
        except OdooAuthError as error:
            denied = self._answered and write_rights.describe_denied(model, method, self.username)
            if not denied:
                raise
            raise OdooAccessError(denied, model=model, method=method, odoo_message=error.message)
        except OdooAccessError as error:
            refusal = write_rights.describe_refusal(model, method, self.username, error.message,
                                                    self.capabilities.get(write_rights.IS_SYSTEM))
            raise OdooAccessError(refusal or "Odoo refused %s.%s to user %r: %s" % (
                model, method, self.username, error.message), model=model, method=method, odoo_message=error.message)
        self._answered = True
        return answer

    def _execute(self, model, method, args, kwargs):
        try:
            return self.transport.execute(self.uid, model, method, args, kwargs)
        except OdooAuthError:
            if not self._session_unchecked:
                raise
            # The reused uid was refused (password changed, user deleted, another
            # database of the same name): log in for real once and try again.
            self._session_unchecked = False
            self._connect(None, None)
            return self._execute(model, method, args, kwargs)
        finally:
            self._session_unchecked = False

    # -- who is connected ------------------------------------------------------------------
    def connected_login_leaf(self):
        """The domain leaf of the connected login while its user id is unknown, else None.

        JSON-2 never logs in, so it never learns the uid (addons/rpc/controllers/json2.py, 19.0: the bearer key
        is checked per request by ir_http._auth_method_bearer, and no answer carries the user). A read of
        res.users that the run makes anyway can ask for this login too, one row more, and ``note_users`` then
        learns the uid: the crons of the connected user (ir.cron's default user is ``env.user``,
        odoo/addons/base/models/ir_cron.py 19.0) cost no read of their own in this task's later steps, nor,
        through odoo_session, in the play's later tasks, as with a login.
        """
        return ("login", "=", self.username) if self.uid is None and self.username else None

    def note_users(self, rows):
        """Learn the connected user's id from res.users rows that hold its login (no request)."""
        if self.uid is None:
            for row in rows:
                if row.get("login") == self.username and row.get("id"):
                    self.uid = int(row["id"])
                    break

    def search_read_logins(self, model, domain, fields, many2one, user_field, archived=False, order=None):
        """search_read, and {user id: login} of the users ``user_field`` points to, in one request with JSON-2.

        JSON-2 never logs in, so without this a run whose records point to the connected user reads res.users
        for its login (connected_login_leaf). ``web_search_read`` with a ``specification`` reads a many2one's
        own fields in the same request (addons/web/models/models.py, 17.0 to 19.0: ``web_read`` reads the
        co-records with the caller's rights); it is asked only over JSON-2, which exists from 19.0 on. Its rows
        are given back in search_read's shape: each of ``many2one`` as ``[id, display_name]`` or False.
        """
        if self.protocol != "json2":
            return self.search_read(model, domain, fields, archived=archived, order=order), {}
        specification = dict((name, {"fields": {"display_name": {}}} if name in many2one else {}) for name in fields)
        if user_field in specification:
            specification[user_field] = {"fields": {"display_name": {}, "login": {}}}
        kwargs = {"specification": specification, "order": order} if order else {"specification": specification}
        if archived:
            kwargs["context"] = {"active_test": False}
        answer = self.call(model, "web_search_read", domain, **kwargs)
        logins = {}
        rows = answer.get("records", []) if isinstance(answer, dict) else []
        for row in rows:
            user = row.get(user_field)
            if isinstance(user, dict) and user.get("id"):
                logins[int(user["id"])] = user.get("login")
            for name in many2one:
                value = row.get(name)
                if isinstance(value, dict):
                    row[name] = [value.get("id"), value.get("display_name")]
        self.note_users([{"id": uid, "login": login} for uid, login in logins.items()])
        return rows, logins

    def search_read(self, model, domain, fields, archived=False, order=None):
        kwargs = {"fields": list(fields)}
        if order:
            kwargs["order"] = order
        if archived:
            kwargs["context"] = {"active_test": False}
        return self.call(model, "search_read", domain, **kwargs)

    def session(self):
        """What a later task needs to skip the login: never the secret."""
        return {"uid": self.uid, "version": str(self.version), "protocol": self.protocol, "url": self.url,
                "database": self.database, "username": self.username, "capabilities": dict(self.capabilities)}
