# -*- coding: utf-8 -*-
# Copyright: (c) 2026, odoo_ops.odoo contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type


class ModuleDocFragment(object):

    DOCUMENTATION = r'''
options:
  url:
    description:
      - Address of the Odoo server, C(http) or C(https), with an optional port and no path,
        for example V(https://erp.example.com) or V(http://127.0.0.1:8069).
      - If not set, the environment variable E(ODOO_URL) is used.
    type: str
    required: true
  database:
    description:
      - Name of the Odoo database.
      - If not set, the environment variable E(ODOO_DATABASE) is used.
    type: str
    required: true
    aliases: [db]
  username:
    description:
      - Login of the Odoo user the module acts as. Writing scheduled actions needs the
        C(Administration / Settings) group.
      - If not set, the environment variable E(ODOO_USERNAME) is used.
    type: str
    required: true
    aliases: [login]
  password:
    description:
      - Password of O(username), or one of its API keys (Odoo 14.0 and later).
      - If not set, the environment variable E(ODOO_PASSWORD) (or E(ODOO_API_KEY)) is used.
      - Never logged, never returned.
    type: str
    required: true
    aliases: [api_key]
  timeout:
    description:
      - Seconds to wait for each answer of the server.
      - If not set, the environment variable E(ODOO_TIMEOUT) is used.
    type: float
    default: 60
  validate_certs:
    description:
      - Whether to verify the server's TLS certificate. Set to V(false) only for test servers.
      - If not set, the environment variable E(ODOO_VALIDATE_CERTS) is used.
    type: bool
    default: true
  ca_path:
    description:
      - PEM file of the certificate authorities to trust for an C(https) O(url), for example a private CA.
      - If not set, the environment variable E(ODOO_CA_PATH) is used.
    type: path
  session:
    description:
      - The RV(odoo_session) returned by an earlier task of this collection against the same O(url),
        O(database) and O(username). The module then skips the login (which hashes the password on the
        server and is the slowest request) and logs in again only if the server refuses it; with
        JSON-2 it skips the version probe. The web session routes of Odoo 19 need their own login
        in every task.
      - Holds the user id and the server version, never the password.
      - Rarely needed by hand. The action plugins keep each task's session in the host fact
        C(odoo_ops_sessions) (keyed by a digest of url, database and login) and hand it to the next task
        against the same server, loops included.
    type: dict
  protocol:
    description:
      - How the modules talk to Odoo.
      - V(auto) chooses from the server's version and the kind of secret. Odoo 14.0 to 18.0 get
        JSON-RPC (C(/jsonrpc)). Odoo 19.0 and later get the JSON-2 API with an API key (no login
        request at all), or the web session routes (C(/web/session/authenticate),
        C(/web/dataset/call_kw)) with a password; Odoo 19 logs a deprecation warning for every
        C(/jsonrpc) call, so V(auto) never uses it there.
      - V(jsonrpc), V(web) or V(json2) forces one, for a proxy or a policy that allows only that one.
        V(json2) needs Odoo 19.0 or later and an API key; V(web) needs a password (Odoo's interactive
        login refuses API keys). The module fails with a clear message when the server lacks the
        protocol.
      - A secret of 40 hexadecimal digits is taken for an API key.
      - If not set, the environment variable E(ODOO_PROTOCOL) is used.
    type: str
    choices: [auto, jsonrpc, web, json2]
    default: auto
notes:
  - "The modules talk to Odoo over HTTP (JSON-RPC, or JSON-2 on Odoo 19) from the machine that runs them: run them in a play on
    C(localhost) (or with C(delegate_to)) and set the connection once for all of them with
    C(module_defaults) and the action group C(group/odoo_ops.odoo.odoo)."
requirements:
  - odoorpc >= 0.9
'''
