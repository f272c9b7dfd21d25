# -*- coding: utf-8 -*-
"""Test helper (never shipped): one call of an Odoo model method, made from the controller with the standard
library only, so that scenarios verify what the collection did without going through the collection.

It replaces three ``uri`` tasks per verification: a call here costs no module process, which on ansible-core
2.19 is ~0.4 s of CPU each (the AnsiballZ payload compiles ansible.module_utils.basic every time).

Routes, as the server takes them: Odoo 14-18 ``/jsonrpc`` (object.execute_kw); Odoo 19 and later, where
``/jsonrpc`` logs a deprecation WARNING for every call (addons/rpc/controllers/__init__.py, 19.0), the web
session routes with a password and JSON-2 (``/json/2/<model>/<method>``) with an API key.

    - odoo_rpc_call:
        url: ..., database: ..., username: ..., password: ..., secret_kind: password|api_key
        model: ir.cron
        method: search_read
        args: [[["cron_name", "=", "x"]]]      # execute_kw's convention: records first
        kwargs: {fields: [cron_name]}
    => rpc_result (a fact), and the route and login it used (facts too, so the next call logs in no more)
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import json
import urllib.error
import urllib.request

from ansible.plugins.action import ActionBase

# JSON-2 takes named arguments only: the names of the positional ones (odoo/orm/models.py, 19.0); a method
# not listed is a record method (button_upgrade, ...) whose one positional argument is the ids.
JSON2_NAMES = {"search_read": ["domain", "fields", "offset", "limit", "order"], "read": ["ids", "fields"],
               "write": ["ids", "vals"], "create": ["vals_list"], "unlink": ["ids"],
               "search": ["domain", "offset", "limit", "order"], "search_count": ["domain"],
               "get_param": ["key", "default"], "set_param": ["key", "value"]}
TIMEOUT = 120


class OdooCallError(Exception):
    pass


def post(url, payload, headers=None):
    """(status, decoded JSON body) of a POST; HTTP errors with a JSON body are answers too (JSON-2)."""
    request = urllib.request.Request(url, data=json.dumps(payload).encode(), method="POST",
                                     headers=dict({"Content-Type": "application/json"}, **(headers or {})))
    try:
        with urllib.request.urlopen(request, timeout=TIMEOUT) as response:
            return response.status, json.loads(response.read().decode() or "null"), response.headers
    except urllib.error.HTTPError as error:
        body = error.read().decode()
        try:
            return error.code, json.loads(body or "null"), error.headers
        except ValueError:
            raise OdooCallError("%s answered HTTP %d: %s" % (url, error.code, body[:300]))


def jsonrpc(url, params, headers=None):
    status, answer, response_headers = post(url, {"jsonrpc": "2.0", "method": "call", "id": 1, "params": params},
                                            headers)
    if isinstance(answer, dict) and answer.get("error"):
        error = answer["error"]
        raise OdooCallError((error.get("data") or {}).get("message") or error.get("message") or str(error))
    return answer["result"], response_headers


def server_major(url):
    """The major version from GET /web/version (Odoo 19 and later); None where it answers 404 (older)."""
    try:
        with urllib.request.urlopen(url + "/web/version", timeout=TIMEOUT) as response:
            return int(json.loads(response.read().decode())["version_info"][0])
    except urllib.error.HTTPError as error:
        if error.code == 404:
            return None
        raise


class Session:
    """What the play knows of the route and the login, kept as facts between calls."""

    def __init__(self, args, known):
        self.url = args["url"].rstrip("/")
        self.database, self.username, self.password = args["database"], args["username"], args["password"]
        self.secret_kind = args.get("secret_kind") or "password"
        self.facts = dict((name, known[name]) for name in ("odoo_rpc_route", "odoo_uid", "odoo_rpc_cookie")
                          if known.get(name) not in (None, ""))

    def route(self):
        if "odoo_rpc_route" not in self.facts:
            major = server_major(self.url)
            if major is None or major < 19:
                self.facts["odoo_rpc_route"] = "jsonrpc"
            else:
                self.facts["odoo_rpc_route"] = "json2" if self.secret_kind == "api_key" else "web"
        return self.facts["odoo_rpc_route"]

    def call(self, model, method, args, kwargs):
        route = self.route()
        if route == "jsonrpc":
            if "odoo_uid" not in self.facts:
                self.facts["odoo_uid"], _headers = jsonrpc(self.url + "/jsonrpc", {
                    "service": "common", "method": "login", "args": [self.database, self.username, self.password]})
            return jsonrpc(self.url + "/jsonrpc", {"service": "object", "method": "execute_kw", "args": [
                self.database, int(self.facts["odoo_uid"]), self.password, model, method, args, kwargs]})[0]
        if route == "web":
            if "odoo_rpc_cookie" not in self.facts:
                _result, headers = jsonrpc(self.url + "/web/session/authenticate", {
                    "db": self.database, "login": self.username, "password": self.password})
                self.facts["odoo_rpc_cookie"] = "; ".join(
                    cookie.split(";", 1)[0] for cookie in headers.get_all("Set-Cookie") or [])
            return jsonrpc(self.url + "/web/dataset/call_kw/%s/%s" % (model, method),
                           {"model": model, "method": method, "args": args, "kwargs": kwargs},
                           {"Cookie": self.facts["odoo_rpc_cookie"]})[0]
        body = dict(zip(JSON2_NAMES.get(method, ["ids"]), args), **kwargs)
        status, answer, _headers = post(self.url + "/json/2/%s/%s" % (model, method), body, {
            "Authorization": "bearer %s" % self.password, "X-Odoo-Database": self.database})
        if status != 200:
            raise OdooCallError((answer or {}).get("message") or "HTTP %d" % status)
        return answer


class ActionModule(ActionBase):
    TRANSFERS_FILES = False
    _requires_connection = False

    def run(self, tmp=None, task_vars=None):
        result = super(ActionModule, self).run(tmp, task_vars)
        args = self._task.args
        session = Session(args, task_vars or {})
        try:
            value = session.call(args["model"], args["method"], list(args.get("args") or []),
                                 dict(args.get("kwargs") or {}))
        except (OdooCallError, urllib.error.URLError, OSError, KeyError, ValueError) as error:
            result.update(failed=True, msg="%s.%s: %s" % (args.get("model"), args.get("method"), error))
            return result
        # The login facts are secrets of a kind (a session cookie): they are kept, never printed.
        result.update(changed=False, ansible_facts=dict(session.facts, rpc_result=value))
        return result
