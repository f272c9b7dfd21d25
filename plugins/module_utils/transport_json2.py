# -*- coding: utf-8 -*-
# Copyright: (c) 2026, odoo_ops.odoo contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Odoo 19's JSON-2 API: ``POST /json/2/<model>/<method>`` with an API key, no login.

Facts (addons/rpc/controllers/json2.py, odoo/http.py ``Json2Dispatcher``, odoo/addons/base/models/
ir_http.py ``_auth_method_bearer``, 19.0; measured on a 19.0 server):

* ``Authorization: bearer <API key>`` is the credential of every request (a password is refused:
  401 "Invalid apikey"); ``X-Odoo-Database`` names the database (without it a server that sees
  several databases answers an HTML 404);
* the body is a JSON object of named arguments only: ``ids`` (the records of a record method),
  ``context``, and the method's own parameters; success is HTTP 200 with the bare result;
* an error is a JSON object ``{name, message, arguments, context, debug}`` with a status: 401, 403
  (AccessError, private method), 404 (unknown model or method), 422 (UserError, ValidationError,
  ids given to a model method, arguments that do not bind), 500 (anything else);
* each call is one transaction, committed at its end and rolled back on error.
* ``GET /web/version`` tells the version without login (odoo_http.probe_version).
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import json

from ansible_collections.odoo_ops.odoo.plugins.module_utils.errors import (
    OdooAuthError,
    OdooConnectionError,
    OdooInputError,
)
from ansible_collections.odoo_ops.odoo.plugins.module_utils.odoo_http import looks_like_api_key, odoo_error

CALL_PATH = "/json/2/%s/%s"

# The positional parameters of the methods the collection calls, in order (odoo/orm/models.py and
# the addons, 19.0). Model methods (@api.model, create) take no ids; for any other method the first
# positional argument is its records, as with execute_kw (odoo/service/model.py).
MODEL_METHODS = {
    "search_read": ("domain", "fields", "offset", "limit", "order"),
    # addons/web/models/models.py (19.0)
    "web_search_read": ("domain", "specification", "offset", "limit", "order", "count_limit"),
    "search": ("domain", "offset", "limit", "order"),
    "search_count": ("domain", "limit"),
    "create": ("vals_list",),
    "fields_get": ("allfields", "attributes"),
    "default_get": ("fields",),
    "context_get": (),
    "update_list": (),
}
RECORD_METHODS = {
    "read": ("fields", "load"),
    "write": ("vals",),
    "copy": ("default",),
}


def named_arguments(model, method, args, kwargs):
    """The JSON-2 body of ``model.method(*args, **kwargs)`` in execute_kw's convention."""
    args = list(args)
    body = {}
    if method in MODEL_METHODS:
        names = MODEL_METHODS[method]
    elif args:
        ids = args.pop(0)
        body["ids"] = [ids] if isinstance(ids, int) and not isinstance(ids, bool) else list(ids or [])
        names = RECORD_METHODS.get(method, ())
    else:
        names = ()
    if len(args) > len(names):
        raise OdooInputError("%s.%s: JSON-2 takes named arguments only, and %d positional argument(s) "
                             "have no known name" % (model, method, len(args) - len(names)))
    body.update(zip(names, args))
    body.update(kwargs or {})
    return body


class Json2Transport:
    name = "json2"

    def __init__(self, channel, database, username, secret):
        self.channel = channel
        self.database = database
        self.username = username
        self._api_key_shaped = looks_like_api_key(secret)
        self._headers = {
            "Authorization": "bearer %s" % secret,
            "X-Odoo-Database": database,
            "Content-Type": "application/json",
        }

    def execute(self, uid, model, method, args, kwargs):
        body = json.dumps(named_arguments(model, method, args, kwargs)).encode("utf-8")
        path = CALL_PATH % (model, method)
        status, content_type, raw = self.channel.send("POST", path, body, self._headers)
        answer = self._json(raw) if "json" in content_type else None
        if status == 200 and answer is not None:
            return answer[0]
        raise self._error(path, status, answer)

    @staticmethod
    def _json(raw):
        try:
            return (json.loads(raw.decode("utf-8") or "null"),)
        except ValueError:
            return None

    def _error(self, path, status, answer):
        error = answer[0] if answer and isinstance(answer[0], dict) else {}
        message = self.channel.scrub(error.get("message") or "")
        if status == 401:
            # With protocol auto, only a secret shaped like an API key comes here (client.select_protocol): then
            # the key itself is wrong, and protocol has nothing to do with it.
            hint = ("check the API key (option password): it may be mistyped, revoked or expired, or belong to "
                    "another user or database" if self._api_key_shaped else
                    "JSON-2 takes API keys only, not passwords: give an API key, or a password with protocol "
                    "auto (option protocol)")
            return OdooAuthError(
                "login failed for user %r on database %r at %s: Odoo refused the API key (%s); %s"
                % (self.username, self.database, self.channel.url, message or "HTTP 401", hint))
        if status == 404 and not error:
            # odoo/http.py: no database selected (unknown, or refused by the dbfilter) -> HTML 404
            return OdooAuthError("database %r does not exist on %s (option database)"
                                 % (self.database, self.channel.url))
        if not error:
            return self.channel.status_error(path, status, "", "JSON-2")
        if not message:
            return OdooConnectionError("Odoo at %s answered HTTP %s without a message" % (self.channel.url, status))
        return odoo_error(error.get("name"), message)
