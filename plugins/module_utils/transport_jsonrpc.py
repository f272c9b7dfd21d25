# -*- coding: utf-8 -*-
# Copyright: (c) 2026, odoo_ops.odoo contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The JSON-RPC transport of Odoo 14.0-18.0: ``/jsonrpc`` ``object.execute_kw``.

Stateless, no cookie, and it accepts API keys, which the interactive session login refuses
(odoo/addons/base/models/res_users.py, ``APIKeysUser._check_credentials``: ``if env['interactive']:
raise`` on 14.0 and later). Odoo 19 deprecates ``/jsonrpc`` and logs a WARNING on every call
(addons/rpc/controllers/jsonrpc.py, 19.0): the client uses it on 19 only when asked to.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.odoo_ops.odoo.plugins.module_utils.odoo_http import ServerVersion

PATH = "/jsonrpc"


class JsonRpcTransport:
    name = "jsonrpc"

    def __init__(self, channel, database, username, secret):
        self.channel = channel
        self.database = database
        self.username = username
        self._secret = secret

    def _call(self, service, method, args):
        return self.channel.jsonrpc(PATH, {"service": service, "method": method, "args": args})

    def login(self):
        """``common.login``: the uid, or False when Odoo refuses the login or the API key."""
        return self._call("common", "login", [self.database, self.username, self._secret])

    def version(self):
        return ServerVersion.from_info(self._call("common", "version", []))

    def execute(self, uid, model, method, args, kwargs):
        return self._call("object", "execute_kw", [
            self.database, uid, self._secret, model, method, args, kwargs])
