# -*- coding: utf-8 -*-
# Copyright: (c) 2026, odoo_ops.odoo contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""What every transport shares: the server's address and version, and one HTTP channel.

The channel sends JSON-RPC envelopes (``/web/session/authenticate``, ``/web/dataset/call_kw``,
``/jsonrpc``) through odoorpc's connector, with a cookie jar for the web session, and plain HTTP
requests (JSON-2, ``/web/version``) without any cookie: Odoo 19 refuses a request that carries both
a session cookie and the ``X-Odoo-Database`` header (odoo/http.py, 19.0, ``_get_session_and_dbname``).
It counts the requests and turns every network failure into the collection's errors.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import json
import re
import socket
import ssl

from ansible.module_utils.six.moves.urllib.parse import urlsplit
from ansible.module_utils.six.moves.urllib.error import HTTPError, URLError
from ansible.module_utils.six.moves.urllib.request import (
    HTTPCookieProcessor,
    HTTPSHandler,
    Request,
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

# The first Odoo that serves JSON-2 (addons/rpc/controllers/json2.py, 19.0); later ones are taken to keep it
# (see docs/odoo-versions.md).
JSON2_SINCE = 19
# ``GET /web/version`` answers ``{"version_info": [...], "version": "19.0"}`` without login
# (addons/rpc/controllers/__init__.py, 19.0); older servers answer 404.
VERSION_PATH = "/web/version"

# A placeholder handed to odoorpc so that it does not spend a request on
# /web/webclient/version_info: the transports learn the version themselves.
_VERSION_NOT_YET_KNOWN = "0.0"


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


def odoo_error(name, message):
    """The collection's error for an exception Odoo reports by class name and message."""
    name = name or "odoo error"
    message = message or ""
    first_line = message.strip().splitlines()[0] if message.strip() else name
    if name.endswith("AccessDenied"):
        return OdooAuthError("Odoo refused the credentials: %s" % first_line, exception=name)
    if name.endswith("AccessError"):
        return OdooAccessError(" ".join(message.split()), exception=name)
    return OdooServerError(" ".join(message.split()), exception=name)


# URLError first: urllib wraps most failures in it; ssl.CertificateError is also a ValueError.
_NETWORK_ERRORS = (URLError, ssl.SSLError, ssl.CertificateError, socket.timeout, TimeoutError,
                   HTTPException, ConnectionError, OSError)


class HttpChannel:
    """One server, one timeout, one request count, for every transport of a module run."""

    def __init__(self, url, timeout=30, validate_certs=True, ca_path=None, secret=None):
        protocol, host, port = parse_url(url)
        self.url = url
        self.timeout = timeout
        self.request_count = 0
        self._secret = secret
        handlers = []
        if protocol == "jsonrpc+ssl":
            handlers.append(HTTPSHandler(context=build_tls_context(validate_certs, ca_path)))
        self._plain_http = (protocol != "jsonrpc+ssl") and (host, port)
        self._root = "%s://%s:%d" % ("https" if protocol == "jsonrpc+ssl" else "http",
                                     "[%s]" % host if ":" in host else host, port)
        self._plain = build_opener(*handlers)
        odoo = odoorpc.ODOO(host, protocol=protocol, port=port, timeout=timeout,
                            version=_VERSION_NOT_YET_KNOWN, opener=build_opener(HTTPCookieProcessor(), *handlers))
        self._jsonrpc = odoo.json
        self._connector = getattr(odoo, "_connector", None)

    def set_timeout(self, seconds):
        """Wait ``seconds`` for each answer from now on; returns the previous timeout."""
        previous, self.timeout = self.timeout, seconds
        if self._connector is not None:
            self._connector.timeout = seconds
        return previous

    def scrub(self, text):
        """Never let the secret travel in a message, even if a server echoes it."""
        if self._secret and isinstance(text, str):
            return text.replace(self._secret, "********")
        return text

    # -- the two kinds of request ----------------------------------------------------------------
    def jsonrpc(self, path, params):
        """One JSON-RPC request (with the session cookie, if any); its result, or our error."""
        self.request_count += 1
        try:
            return self._jsonrpc(path, params)["result"]
        except odoorpc.error.RPCError as error:
            data = (error.info or {}).get("data", {}) if isinstance(error.info, dict) else {}
            raise odoo_error(data.get("name"), self.scrub(data.get("message") or str(error)))
        except HTTPError as error:
            raise self.status_error(path, error.code, error.reason, "JSON-RPC")
        except _NETWORK_ERRORS as error:
            raise self._network_error(error)
        except ValueError as error:
            raise OdooConnectionError(
                "Odoo at %s answered something that is not JSON-RPC (%s); is url the address of Odoo?"
                % (self.url, error))

    def send(self, method, path, body=None, headers=None):
        """One plain HTTP request, never with a cookie: (status, content type, body bytes).

        An HTTP error status is an answer here (JSON-2 reports errors that way), not a failure.
        """
        self.request_count += 1
        request = Request(self._root + path, data=body, headers=dict(headers or {}))
        request.get_method = lambda: method
        try:
            try:
                response = self._plain.open(request, timeout=self.timeout)
            except HTTPError as error:
                response = error
            status = getattr(response, "status", None) or response.getcode()
            return status, response.headers.get("Content-Type") or "", response.read()
        except _NETWORK_ERRORS as error:
            raise self._network_error(error)

    # -- failures ------------------------------------------------------------------------------------
    def status_error(self, path, status, reason, protocol):
        if status == 400 and self._speaks_tls():  # nginx: "The plain HTTP request was sent to HTTPS port"
            return self._use_https()
        if status == 404:
            return OdooConnectionError(
                "Odoo at %s has no %s endpoint %s (HTTP 404): the server does not offer this protocol "
                "(option protocol), or url is not the address of Odoo" % (self.url, protocol, path))
        return OdooConnectionError(
            "Odoo at %s answered HTTP %s %s instead of %s (a proxy in front of a stopped "
            "or overloaded Odoo answers this way)" % (self.url, status, reason, protocol))

    def _network_error(self, error):
        reason = error.reason if isinstance(error, URLError) else error
        if isinstance(reason, (ssl.SSLError, ssl.CertificateError, socket.timeout, TimeoutError)):
            return self._unreachable(reason)
        # A TLS port answers a plain HTTP request by resetting the connection, by closing it, or with bytes that
        # are no HTTP status line, depending on timing: on an http:// url, any of them is a reason to probe for TLS.
        if not isinstance(reason, ConnectionRefusedError) and self._speaks_tls():
            return self._use_https()
        if isinstance(error, URLError):
            return self._unreachable(reason)
        return OdooConnectionError(
            "the connection to Odoo at %s broke before the answer was complete (%s: %s); "
            "nothing is known about the call's outcome, re-run the task to converge"
            % (self.url, type(error).__name__, error))

    def _speaks_tls(self):
        """Whether an http:// url names a port that answers a TLS handshake (asked only once a request failed)."""
        if not self._plain_http:
            return False
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
        context.check_hostname, context.verify_mode = False, ssl.CERT_NONE  # the question is only "TLS or not"
        try:
            with socket.create_connection(self._plain_http, timeout=min(self.timeout, 5)) as raw:
                with context.wrap_socket(raw, server_hostname=self._plain_http[0]):
                    return True
        except (ssl.SSLError, OSError):
            return False

    def _use_https(self):
        return OdooConnectionError(
            "%s speaks HTTPS (TLS) on that port, but url says http://: use https:// in url (option url)"
            % self.url.rstrip("/"))

    def _unreachable(self, reason):
        if isinstance(reason, (ssl.SSLError, ssl.CertificateError)):
            return OdooTLSError(
                "TLS handshake with %s failed (%s): trust the server's certificate authority with "
                "ca_path, or set validate_certs: false for a test server" % (self.url, reason))
        if isinstance(reason, (socket.timeout, TimeoutError)):
            return OdooConnectionError(
                "Odoo at %s did not answer within %s seconds (option timeout)" % (self.url, self.timeout))
        return OdooConnectionError("cannot reach Odoo at %s: %s" % (self.url, reason))


def probe_version(channel):
    """The server's version from ``GET /web/version``, or None when the server has no such route."""
    status, content_type, raw = channel.send("GET", VERSION_PATH)
    if status == 200 and "json" in content_type:
        try:
            answer = json.loads(raw.decode("utf-8"))
        except ValueError:
            return None
        if isinstance(answer, dict) and answer.get("version_info"):
            return ServerVersion(answer["version_info"])
    if status >= 500:
        raise channel.status_error(VERSION_PATH, status, "", "an Odoo version")
    return None


# An Odoo API key is hexlify(os.urandom(20)): 40 hex digits (base/models/res_users.py, 14.0-19.0).
_API_KEY_SHAPE = re.compile(r"^[0-9a-f]{40}$")


def looks_like_api_key(secret):
    return bool(_API_KEY_SHAPE.match(secret or ""))
