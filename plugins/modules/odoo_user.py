#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, odoo_ops.odoo contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r'''
---
module: odoo_user
short_description: Declare an Odoo user (res.users) with at least the given groups
version_added: "1.1.0"
description:
  - Makes a user exist, active, with the declared name and groups; or archives it with O(state=absent).
  - Groups are added, never removed. On Odoo 14.0 to 18.0 Odoo itself adds the groups a group implies to the
    user's C(groups_id), so an exact set would never settle; remove a group by hand.
  - The groups field is read from the server (C(groups_id) on 14.0 to 18.0, C(group_ids) and C(all_group_ids)
    from 19.0), not guessed from the version.
extends_documentation_fragment:
  - odoo_ops.odoo.connection
options:
  user_login:
    description: Login of the user to declare (not the connection's O(username)).
    type: str
    required: true
  user_name:
    description: The user's name. Defaults to the login for a new user; an existing user's name is kept unless given.
    type: str
  groups:
    description:
      - "Groups the user must have, each an external id (V(base.group_user)) or the exact name of a group
        (V(Scheduled Actions: read only))."
    type: list
    elements: str
    default: []
  user_password:
    description:
      - The user's password. Required to create the user.
      - Never returned, never shown in a diff.
    type: str
  update_password:
    description:
      - V(on_create) sets the password only when the task creates the user.
      - V(always) also sets it when it no longer logs in; Odoo never returns a password, so the module tries one
        login with it to know (one request more, only then).
    type: str
    choices: [always, on_create]
    default: on_create
  state:
    description: V(present) or V(absent) (archived; Odoo keeps users that made records).
    type: str
    choices: [present, absent]
    default: present
attributes:
  check_mode:
    support: full
    description: Reads the user and reports what a real run would write.
  diff_mode:
    support: full
    description: Shows the login, name, active state and declared groups before and after.
notes:
  - Needs a user with Administration / Access Rights (C(base.group_erp_manager)); run it with an administrator's
    credential once (a bootstrap).
author:
  - odoo_ops.odoo contributors (@odoo-ops)
'''

EXAMPLES = r'''
- name: The read-only user of plans, health checks and drift jobs
  odoo_ops.odoo.odoo_user:
    url: http://127.0.0.1:8069
    database: odoo
    username: admin
    password: "{{ odoo_admin_password }}"
    user_login: ansible_monitor
    user_name: Ansible (read only)
    user_password: "{{ vault_ansible_monitor_password }}"
    groups: [base.group_user, "Scheduled Actions: read only"]
'''

RETURN = r'''
user:
  description: The user as declared (login, name, active, groups), with its id (null in check mode before it exists).
  returned: success
  type: dict
  sample: {"id": 7, "login": "ansible_monitor", "name": "Ansible (read only)", "active": true,
           "state": "present", "groups": ["Scheduled Actions: read only", "base.group_user"]}
diff:
  description: The declared keys before and after; returned in diff mode.
  returned: when diff mode is on
  type: dict
odoo_session:
  description: User id and server version to pass as O(session) to later tasks. Holds no secret.
  returned: when the module reached the server
  type: dict
odoo_requests:
  description: HTTP requests this run made to Odoo.
  returned: when the module reached the server
  type: int
'''

from ansible_collections.odoo_ops.odoo.plugins.module_utils.connection import OdooModule
from ansible_collections.odoo_ops.odoo.plugins.module_utils.security_users import UserSync


def ensure(module):
    params = module.params

    def logs_in(login, password):
        # a client of its own (the module's stays logged in as the administrator), with a password: protocol auto
        module.new_client(login, password, protocol="auto").authenticate()
        return True

    result = UserSync(module.client(), module.check_mode, login_check=logs_in).ensure(
        params["user_login"], params["user_name"], params["groups"], params["user_password"],
        params["update_password"], params["state"])
    return result


def main():
    module = OdooModule(
        argument_spec=dict(
            user_login=dict(type="str", required=True),
            user_name=dict(type="str"),
            groups=dict(type="list", elements="str", default=[]),
            user_password=dict(type="str", no_log=True),
            update_password=dict(type="str", default="on_create", choices=["always", "on_create"], no_log=False),
            state=dict(type="str", default="present", choices=["present", "absent"]),
        ),
        supports_check_mode=True,
    )
    module.run(ensure)


if __name__ == "__main__":
    main()
