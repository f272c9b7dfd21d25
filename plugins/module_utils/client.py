# -*- coding: utf-8 -*-
# Copyright: (c) 2026, odoo_ops.odoo contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""A small JSON-RPC client for Odoo's external API, on odoorpc's transport.

Why not odoorpc's convenience layer (``ODOO().login()`` + ``env[model]``): it costs
four HTTP requests before any work is done (version_info, common.login,
res.users.context_get, a fields_get of the model, and one more fields_get per
further model; measured, see docs/performance.md), and
``env.ref`` calls ``ir.model.data.xmlid_to_res_model_res_id``, which Odoo removed
in 15.0. This client uses odoorpc's transport (``ODOO.json``) and makes only the
calls a module needs:

* one ``/web/session/authenticate``, which answers the uid *and* the server
  version (``server_version_info``, web/controllers/main.py ``session_info`` on
  14.0, web/controllers/session.py on 17.0+);
* ``/jsonrpc`` ``object.execute_kw`` for everything else: stateless, no cookie,
  and it accepts API keys, which the interactive session login refuses
  (odoo/addons/base/models/res_users.py, ``APIKeysUser._check_credentials``:
  ``if env['interactive']: raise`` on 14.0 and later). When the session login
  refuses the secret, the client retries with ``common.login`` so API keys work.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import re
import socket
import ssl

from ansible.module_utils.six.moves.urllib.parse import urlsplit
from ansible.module_utils.six.moves.urllib.error import HTTPError, URLError
from ansible.module_utils.six.moves.urllib.request import (
    HTTPCookieProcessor,
    HTTPSHandler,
    build_opener,
)

try:
    from http.client import HTTPException
except ImportError:  # pragma: no cover - Python 2 is not supported at run time
    HTTPException = Exception

from ansible_collections.odoo_ops.odoo.plugins.module_utils.errors import (
    OdooAccessError,
    OdooAuthError,
    OdooConnectionError,
    OdooInputError,
    OdooServerError,
    OdooTLSError,
)

try:
    import odoorpc
    import odoorpc.error
    HAS_ODOORPC = True
    ODOORPC_IMPORT_ERROR = None
except ImportError as import_error:  # handled by the module with missing_required_lib
    HAS_ODOORPC = False
    ODOORPC_IMPORT_ERROR = import_error

# odoo/__init__.py: SUPERUSER_ID = 1 on every branch; base/data/res_users_data.xml
# gives it the login __system__ (shown as "OdooBot"). Crons usually run as this user.
SUPERUSER_ID = 1
SUPERUSER_LOGIN = "__system__"

# A placeholder handed to odoorpc so that it does not spend a request on
# /web/webclient/version_info: the real version comes with the login.
_VERSION_NOT_YET_KNOWN = "0.0"

# "Database not found." (web session login, 14.0-18.0) or psycopg2's
# 'database "x" does not exist' (common.login on an unknown database).
_DATABASE_MISSING = re.compile(r"database.*(not found|does not exist)", re.I)

# An Odoo API key is hexlify(os.urandom(20)): 40 hex digits (base/models/res_users.py, 14.0-18.0).
_API_KEY_SHAPE = re.compile(r"^[0-9a-f]{40}$")


class ServerVersion:
    """The server's version as Odoo reports it: ``[14, 0, 0, 'final', 0, '']``."""

    def __init__(self, info):
        info = list(info or [])
        self.info = info
        self.major = _as_int(info[0]) if info else 0
        self.minor = _as_int(info[1]) if len(info) > 1 else 0

    @classmethod
    def from_info(cls, info):
        """From a session_info or common.version answer."""
        if info.get("server_version_info"):
            return cls(info["server_version_info"])
        return cls.parse(info.get("server_version"))

    @classmethod
    def parse(cls, text):
        """Parse ``'14.0'``, ``'saas~17.2'`` or ``'18.0+e'`` into a ServerVersion."""
        numbers = re.findall(r"\d+", str(text or ""))
        return cls([int(n) for n in numbers[:2]])

    def __str__(self):
        return "%d.%d" % (self.major, self.minor)

    def __repr__(self):
        return "ServerVersion(%s)" % self


def _as_int(value):
    try:
        return int(value)
    except (TypeError, ValueError):
        return int(re.sub(r"\D", "", str(value)) or 0)


def parse_url(url):
    """Split ``url`` into (protocol, host, port) for odoorpc, or raise OdooInputError."""
    parts = urlsplit(url or "")
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise OdooInputError(
            "url %r is not valid: give http:// or https:// followed by the host, "
            "with an optional port, e.g. https://erp.example.com or http://127.0.0.1:8069" % url
        )
    try:
        port = parts.port
    except ValueError:
        raise OdooInputError("url %r has an invalid port: use a number from 1 to 65535" % url)
    if port == 0:
        raise OdooInputError("url %r has an invalid port: use a number from 1 to 65535" % url)
    if parts.path not in ("", "/") or parts.query or parts.fragment:
        raise OdooInputError(
            "url %r must not have a path or query: Odoo's JSON-RPC endpoints live at the "
            "server root, e.g. https://erp.example.com" % url
        )
    secure = parts.scheme == "https"
    return ("jsonrpc+ssl" if secure else "jsonrpc"), parts.hostname, port or (443 if secure else 80)


def build_tls_context(validate_certs, ca_path):
    if not validate_certs:
        context = ssl.create_default_context()
        context.check_hostname = False
        context.verify_mode = ssl.CERT_NONE
        return context
    return ssl.create_default_context(cafile=ca_path) if ca_path else ssl.create_default_context()


class OdooClient:
    """One authenticated connection to one Odoo database, for one module run."""

    def __init__(self, url, database, username, password, timeout=30,
                 validate_certs=True, ca_path=None):
        self.url = url
        self.database = database
        self.username = username
        self._password = password
        self.timeout = timeout
        self.uid = None
        self.version = None
        self.request_count = 0
        self._session_unchecked = False
        self._transport = self._odoorpc_transport(url, timeout, validate_certs, ca_path)

    # -- transport ----------------------------------------------------------------------
    @staticmethod
    def _odoorpc_transport(url, timeout, validate_certs, ca_path):
        protocol, host, port = parse_url(url)
        handlers = [HTTPCookieProcessor()]
        if protocol == "jsonrpc+ssl":
            handlers.append(HTTPSHandler(context=build_tls_context(validate_certs, ca_path)))
        odoo = odoorpc.ODOO(host, protocol=protocol, port=port, timeout=timeout,
                            version=_VERSION_NOT_YET_KNOWN, opener=build_opener(*handlers))
        return odoo.json

    def call_with_timeout(self, seconds, model, method, *args, **kwargs):
        """A call that may run long (an addon upgrade): wait ``seconds`` for this one answer."""
        connector = getattr(getattr(self._transport, "__self__", None), "_connector", None)
        previous, self.timeout = self.timeout, seconds
        if connector is not None:
            connector.timeout = seconds
        try:
            return self.call(model, method, *args, **kwargs)
        finally:
            self.timeout = previous
            if connector is not None:
                connector.timeout = previous

    def _post(self, path, params):
        """Send one JSON-RPC request; translate every transport failure into our errors."""
        self.request_count += 1
        try:
            return self._transport(path, params)["result"]
        except odoorpc.error.RPCError as error:
            raise self._server_error(error)
        except HTTPError as error:
            raise OdooConnectionError(
                "Odoo at %s answered HTTP %s %s instead of JSON-RPC (a proxy in front of a stopped "
                "or overloaded Odoo answers this way)" % (self.url, error.code, error.reason))
        except URLError as error:
            raise self._network_error(error.reason)
        except (ssl.SSLError, ssl.CertificateError, socket.timeout, TimeoutError) as error:
            raise self._network_error(error)
        except (HTTPException, ConnectionError, OSError) as error:
            raise OdooConnectionError(
                "the connection to Odoo at %s broke before the answer was complete (%s: %s); "
                "nothing is known about the call's outcome, re-run the task to converge"
                % (self.url, type(error).__name__, error))
        except ValueError as error:
            raise OdooConnectionError(
                "Odoo at %s answered something that is not JSON-RPC (%s); is url the address of Odoo?"
                % (self.url, error))

    def _network_error(self, reason):
        if isinstance(reason, (ssl.SSLError, ssl.CertificateError)):
            return OdooTLSError(
                "TLS handshake with %s failed (%s): trust the server's certificate authority with "
                "ca_path, or set validate_certs: false for a test server" % (self.url, reason))
        if isinstance(reason, (socket.timeout, TimeoutError)):
            return OdooConnectionError(
                "Odoo at %s did not answer within %s seconds (option timeout)" % (self.url, self.timeout))
        return OdooConnectionError("cannot reach Odoo at %s: %s" % (self.url, reason))

    def _server_error(self, error):
        data = (error.info or {}).get("data", {}) if isinstance(error.info, dict) else {}
        name = data.get("name") or "odoo error"
        message = self._scrub(data.get("message") or str(error))
        first_line = message.strip().splitlines()[0] if message.strip() else name
        if name.endswith("AccessDenied"):
            return OdooAuthError("Odoo refused the credentials: %s" % first_line, exception=name)
        if name.endswith("AccessError"):
            return OdooAccessError(" ".join(message.split()), exception=name)
        return OdooServerError(" ".join(message.split()), exception=name)

    def _scrub(self, text):
        """Never let the secret travel in a message, even if a server echoes it."""
        if self._password and isinstance(text, str):
            return text.replace(self._password, "********")
        return text

    # -- authentication -------------------------------------------------------------------
    def authenticate(self, session=None):
        """Log in once; ``session`` (uid + version from an earlier task) skips the login."""
        if session and session.get("uid") and session.get("version"):
            self.uid = int(session["uid"])
            self.version = ServerVersion.parse(session["version"])
            self._session_unchecked = True
            return self
        try:
            return self._login()
        except (OdooAccessError, OdooServerError) as error:
            if _DATABASE_MISSING.search(error.message):
                raise OdooAuthError(
                    "database %r does not exist on %s (option database)" % (self.database, self.url))
            raise

    def _login(self):
        # The session login refuses API keys, after checking them as a password (hashing, ~0.25 s on
        # 16.0+): a secret shaped like a key goes straight to common.login, which takes passwords too.
        info = {} if _API_KEY_SHAPE.match(self._password or "") else self._session_authenticate()
        if info.get("uid"):
            self.uid = info["uid"]
            self.version = ServerVersion.from_info(info)
            if self.version.major == 0:
                self.version = self._server_version()
            return self
        # API keys and accounts with two-factor authentication only log in over /jsonrpc.
        uid = self._jsonrpc("common", "login", [self.database, self.username, self._password])
        if not uid:
            raise OdooAuthError(
                "login failed for user %r on database %r at %s: check username and password "
                "(an API key also works as password)" % (self.username, self.database, self.url))
        self.uid = uid
        self.version = self._server_version()
        return self

    def _session_authenticate(self):
        try:
            return self._post("/web/session/authenticate", {
                "db": self.database, "login": self.username, "password": self._password}) or {}
        except OdooAuthError:
            return {}

    def _server_version(self):
        return ServerVersion.from_info(self._jsonrpc("common", "version", []))

    def _jsonrpc(self, service, method, args):
        return self._post("/jsonrpc", {"service": service, "method": method, "args": args})

    # -- model calls ---------------------------------------------------------------------
    def call(self, model, method, *args, **kwargs):
        """``model.method(*args, **kwargs)`` through ``object.execute_kw``."""
        try:
            return self._execute_kw(model, method, list(args), kwargs)
        except OdooAccessError as error:
            raise OdooAccessError(
                "Odoo refused %s.%s to user %r: %s" % (model, method, self.username, error.message),
                model=model, method=method)

    def _execute_kw(self, model, method, args, kwargs):
        try:
            return self._jsonrpc("object", "execute_kw", [
                self.database, self.uid, self._password, model, method, args, kwargs])
        except OdooAuthError:
            if not self._session_unchecked:
                raise
            # The reused uid was refused (password changed, user deleted, another
            # database of the same name): log in for real once and try again.
            self._session_unchecked = False
            self.authenticate()
            return self._execute_kw(model, method, args, kwargs)
        finally:
            self._session_unchecked = False

    def search_read(self, model, domain, fields, archived=False, order=None):
        kwargs = {"fields": list(fields)}
        if order:
            kwargs["order"] = order
        if archived:
            kwargs["context"] = {"active_test": False}
        return self.call(model, "search_read", domain, **kwargs)

    def session(self):
        """What a later task needs to skip the login: never the secret."""
        return {"uid": self.uid, "version": str(self.version), "url": self.url,
                "database": self.database, "username": self.username}
