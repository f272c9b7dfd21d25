# -*- coding: utf-8 -*-
# Copyright: (c) 2026, odoo_ops.odoo contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The web session transport: ``/web/session/authenticate``, then ``/web/dataset/call_kw``.

The routes of Odoo's own web client (addons/web/controllers/session.py and dataset.py, 14.0-19.0;
main.py on 14.0). Odoo 19 does not deprecate them, so a password goes this way on 19. The login
answers the uid and the server version at once (``session_info``); the session cookie lives in the
channel's cookie jar for the rest of the module run. The login refuses API keys (interactive).
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.odoo_ops.odoo.plugins.module_utils.errors import OdooAuthError

LOGIN_PATH = "/web/session/authenticate"
CALL_PATH = "/web/dataset/call_kw/%s/%s"


class WebSessionTransport:
    name = "web"

    def __init__(self, channel, database, username, secret):
        self.channel = channel
        self.database = database
        self.username = username
        self._secret = secret

    def authenticate(self):
        """The session_info of a successful login, or {} when Odoo refuses the secret."""
        try:
            info = self.channel.jsonrpc(LOGIN_PATH, {
                "db": self.database, "login": self.username, "password": self._secret}) or {}
        except OdooAuthError:
            return {}
        return info if info.get("uid") else {}

    def execute(self, uid, model, method, args, kwargs):
        return self.channel.jsonrpc(CALL_PATH % (model, method), {
            "model": model, "method": method, "args": args, "kwargs": kwargs})
