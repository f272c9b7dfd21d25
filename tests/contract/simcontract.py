"""Helpers of the simulator contract tests: the server under test and its errors."""

import http.cookiejar
import json
import os
import sys
import urllib.parse
import urllib.request

import pytest

TESTS_DIR = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
if TESTS_DIR not in sys.path:
    sys.path.insert(0, TESTS_DIR)

from simulator.profiles import get_profile  # noqa: E402


class RpcFailure(Exception):
    def __init__(self, error):
        super().__init__(error.get("data", {}).get("message") or error.get("message"))
        self.error = error
        self.name = error.get("data", {}).get("name")
        self.message = error.get("data", {}).get("message")
        self.code = error.get("code")


class Target:
    """The server under test: a Simulator (``sim`` set) or a real Odoo."""

    def __init__(self, url, database, login, password, sim=None):
        self.url = url.rstrip("/")
        parsed = urllib.parse.urlsplit(self.url)
        self.host = parsed.hostname
        self.port = parsed.port or (443 if parsed.scheme == "https" else 80)
        self.protocol = "jsonrpc+ssl" if parsed.scheme == "https" else "jsonrpc"
        self.database = database
        self.login = login
        self.password = password
        self.sim = sim
        # the server's dbfilter: known for a simulator, from ODOO_DBFILTER for a real
        # server ("" = none); dbfilter_known is False when nobody said
        if sim is not None:
            self.dbfilter, self.dbfilter_known = sim.dbfilter, True
        else:
            self.dbfilter = os.environ.get("ODOO_DBFILTER") or None
            self.dbfilter_known = "ODOO_DBFILTER" in os.environ
        # /web/webclient/version_info answers like common.version on 14.0-19.0 and, unlike /jsonrpc,
        # logs no deprecation WARNING on 19 (addons/rpc/controllers/jsonrpc.py, 19.0)
        info = self.result("/web/webclient/version_info", {})
        self.version_info = info
        self.profile = get_profile(int(info["server_version_info"][0]))
        self._admin_uid = None

    @property
    def admin_uid(self):
        """The admin's uid: common.login, or on 19+ the web session login (not deprecated)."""
        if self._admin_uid is None:
            if self.profile.major >= 19:
                self._admin_uid = self._admin_web_session()[1]
            else:
                self._admin_uid = self.uid_of(self.login, self.password)
        return self._admin_uid

    def _admin_web_session(self):
        """(opener, uid) of a fresh web session of the admin (a simulator's reset() ends older ones)."""
        opener = self.session_opener()
        uid = self.result("/web/session/authenticate", {
            "db": self.database, "login": self.login, "password": self.password}, opener=opener)["uid"]
        return opener, uid

    # -- raw JSON-RPC --------------------------------------------------------------------
    def raw(self, path, params, opener=None):
        body = json.dumps({"jsonrpc": "2.0", "method": "call", "params": params,
                           "id": 7}).encode()
        request = urllib.request.Request(self.url + path, data=body, method="POST")
        request.add_header("Content-Type", "application/json")
        opener = opener or urllib.request.build_opener()
        with opener.open(request, timeout=30) as response:
            return json.loads(response.read().decode())

    def result(self, path, params, opener=None):
        answer = self.raw(path, params, opener)
        if "error" in answer:
            raise RpcFailure(answer["error"])
        return answer.get("result")

    def session_opener(self):
        jar = http.cookiejar.CookieJar()
        opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
        opener.cookiejar = jar
        return opener

    def execute_kw(self, model, method, args=(), kwargs=None, uid=None, password=None):
        return self.result("/jsonrpc", {"service": "object", "method": "execute_kw", "args": [
            self.database, self.admin_uid if uid is None else uid,
            self.password if password is None else password,
            model, method, list(args), kwargs or {}]})

    def error_of(self, model, method, args=(), kwargs=None, uid=None, password=None):
        with pytest.raises(RpcFailure) as info:
            self.execute_kw(model, method, args, kwargs, uid=uid, password=password)
        return info.value

    def uid_of(self, login, password):
        return self.result("/jsonrpc", {"service": "common", "method": "login",
                                        "args": [self.database, login, password]})

    def odoo(self, login=None, password=None):
        import odoorpc
        odoo = odoorpc.ODOO(self.host, protocol=self.protocol, port=self.port)
        odoo.login(self.database, login or self.login, password or self.password)
        return odoo

    def model_ref(self, xmlid):
        module, name = xmlid.split(".", 1)
        if self.profile.major >= 19:  # the admin's web session: /jsonrpc would log a deprecation WARNING
            opener, _uid = self._admin_web_session()
            return self.result("/web/dataset/call_kw/ir.model.data/check_object_reference", {
                "model": "ir.model.data", "method": "check_object_reference", "args": [module, name],
                "kwargs": {}}, opener=opener)[1]
        return self.execute_kw("ir.model.data", "check_object_reference", [module, name])[1]
