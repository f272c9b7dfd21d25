#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, odoo_ops.odoo contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r'''
---
module: odoo_group
short_description: Declare an Odoo group (res.groups) and exactly its access rights per model
version_added: "1.1.0"
description:
  - Makes a group exist with the declared access rights, for example the read-only group the collection's
    plans, health checks and drift jobs log in with (P(odoo_ops.odoo.automation_users#role)).
  - The rights are C(ir.model.access) records on Odoo 14.0 to 19.0 and C(ir.access) records on Odoo 20.0, chosen
    by which model the server has, not by its version.
  - The group owns its rights. A right of the group on a model the task does not declare is removed, and a right
    of a declared model is set to exactly the declared operations.
  - Field-level restrictions are Odoo's own and no access row lifts them. For example C(ir.actions.server)'s (and so
    C(ir.cron)'s) C(code) field can only be read by Administration / Settings (C(base.group_system)), whatever
    rights a group has on the model.
  - Identity is the exact name. Several groups of that name is an error listing their ids.
extends_documentation_fragment:
  - odoo_ops.odoo.connection
options:
  name:
    description: "Name of the group, for example V(Scheduled Actions: read only)."
    type: str
    required: true
  access:
    description:
      - The group's rights, one entry per model.
    type: list
    elements: dict
    default: []
    suboptions:
      model:
        description: Technical name of the model, for example V(ir.cron).
        type: str
        required: true
      operations:
        description: What the group may do on the model.
        type: list
        elements: str
        choices: [read, write, create, unlink]
        default: [read]
  implied:
    description:
      - External ids of groups that members of this group get too, for example V(base.group_user) so that members
        are internal users. Added, never removed.
    type: list
    elements: str
    default: []
  missing_models:
    description:
      - What to do with an O(access) entry whose model the server does not have.
      - V(fail) refuses the task, naming the models. V(skip) leaves them out and returns them in RV(skipped_models),
        so that one list serves every version (C(ir.access) exists from 20.0, C(ir.cron.progress) from 18.0, an
        addon's models once it is installed; run the task again after installing it).
    type: str
    choices: [fail, skip]
    default: fail
  state:
    description: V(present) makes the group and its rights exist; V(absent) deletes its rights and the group.
    type: str
    choices: [present, absent]
    default: present
attributes:
  check_mode:
    support: full
    description: Reads the group and its rights and reports what a real run would write.
  diff_mode:
    support: full
    description: Shows the group's declared rights before and after.
notes:
  - Needs a user with Administration / Access Rights (C(base.group_erp_manager)), which Administration / Settings
    implies; run it once with an administrator's credential (a bootstrap).
author:
  - odoo_ops.odoo contributors (@odoo-ops)
'''

EXAMPLES = r'''
- name: A group that may read the scheduled actions and nothing more
  odoo_ops.odoo.odoo_group:
    url: http://127.0.0.1:8069
    database: odoo
    username: admin
    password: "{{ odoo_admin_password }}"
    name: "Scheduled Actions: read only"
    implied: [base.group_user]
    access:
      - model: ir.cron
      - model: ir.actions.server
      - model: ir.module.module
        operations: [read]
'''

RETURN = r'''
group:
  description:
    - The group as declared, with its id (null in check mode before it exists, or after O(state=absent)).
    - C(access) lists the declared models the server has, each with its operations; C(implied) is there when
      O(implied) is given.
  returned: success
  type: dict
  sample: {"id": 42, "name": "Scheduled Actions: read only", "state": "present",
           "access": [{"model": "ir.cron", "operations": ["read"]}], "implied": ["base.group_user"]}
skipped_models:
  description: With O(missing_models=skip), the declared models the server does not have.
  returned: when O(state=present)
  type: list
  elements: str
  sample: ["ir.access"]
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
from ansible_collections.odoo_ops.odoo.plugins.module_utils.security_groups import GroupSync


def ensure(module):
    params = module.params
    result = GroupSync(module.client(), module.check_mode).ensure(
        params["name"], params["access"], params["implied"], params["state"], params["missing_models"])
    return result


def main():
    module = OdooModule(
        argument_spec=dict(
            name=dict(type="str", required=True),
            access=dict(type="list", elements="dict", default=[], options=dict(
                model=dict(type="str", required=True),
                operations=dict(type="list", elements="str", default=["read"],
                                choices=["read", "write", "create", "unlink"]),
            )),
            implied=dict(type="list", elements="str", default=[]),
            state=dict(type="str", default="present", choices=["present", "absent"]),
            missing_models=dict(type="str", default="fail", choices=["fail", "skip"]),
        ),
        supports_check_mode=True,
    )
    module.run(ensure)


if __name__ == "__main__":
    main()
