#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, odoo_ops.odoo contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r'''
---
module: odoo_module
short_description: Install, upgrade or uninstall an Odoo addon, only when needed
version_added: "1.0.0"
description:
  - Makes an Odoo addon (model C(ir.module.module)) installed, up to date or uninstalled.
  - Upgrades only when the addon's version on disk differs from the version installed in the database,
    unless O(state=upgraded) or O(force=true).
  - Fails clearly when the addon is unknown, when another module operation is pending, or when Odoo
    raises during the operation.
extends_documentation_fragment:
  - odoo_ops.odoo.connection
options:
  name:
    description: Technical name of the addon, for example V(whatsapp_integration).
    type: str
    required: true
  state:
    description:
      - V(present) installs the addon if it is not installed.
      - V(latest) also upgrades it when the version on disk differs from the installed one.
      - V(upgraded) always upgrades it (installs it if needed), like C(-u) on the command line.
      - V(absent) uninstalls it.
      - For an addon the server does not list yet, a real run first updates the module list.
    type: str
    choices: [present, latest, upgraded, absent]
    default: present
  force:
    description: Upgrade even when the versions are equal (same as O(state=upgraded) when installed).
    type: bool
    default: false
  operation_timeout:
    description:
      - Seconds to wait for an install, upgrade or uninstall to finish; these run inside the request
        and can take minutes on a large database.
    type: float
    default: 900
attributes:
  check_mode:
    support: full
    description: Says what it would do from the versions Odoo reports, without updating the module list.
  diff_mode:
    support: full
    description: Shows the addon's state and versions before and after.
author:
  - odoo_ops.odoo contributors !UNKNOWN
'''

EXAMPLES = r'''
- name: Install or upgrade the WhatsApp addon when its version changed
  odoo_ops.odoo.odoo_module:
    url: http://127.0.0.1:8069
    database: odoo
    username: admin
    password: "{{ odoo_admin_password }}"
    name: whatsapp_integration
    state: latest
'''

RETURN = r'''
operation:
  description: What was done (or would be in check mode), V(install), V(upgrade), V(uninstall), or null.
  returned: success
  type: str
  sample: upgrade
name:
  description: The addon.
  returned: success
  type: str
before:
  description: C(state), C(installed_version) (in the database) and C(disk_version) before the run.
  returned: success
  type: dict
  sample: {"state": "installed", "installed_version": "14.0.1.0.0", "disk_version": "14.0.1.1.0"}
after:
  description: The same after the run (in check mode, as predicted).
  returned: success
  type: dict
  sample: {"state": "installed", "installed_version": "14.0.1.1.0", "disk_version": "14.0.1.1.0"}
odoo_session:
  description: User id and server version to pass as O(session) to later tasks. Holds no secret.
  returned: success
  type: dict
odoo_requests:
  description: HTTP requests this run made to Odoo.
  returned: success
  type: int
'''

from ansible_collections.odoo_ops.odoo.plugins.module_utils.addon import AddonManager, check_addon_name
from ansible_collections.odoo_ops.odoo.plugins.module_utils.connection import OdooModule
from ansible_collections.odoo_ops.odoo.plugins.module_utils.errors import OdooInputError


def ensure(module):
    params = module.params
    name = check_addon_name(params["name"])
    if params["operation_timeout"] <= 0:
        raise OdooInputError("operation_timeout must be a positive number of seconds, got %r"
                             % params["operation_timeout"])
    manager = AddonManager(module.client(), module.check_mode, params["operation_timeout"])
    result = manager.ensure(name, params["state"], params["force"])
    if not module._diff:
        result.pop("diff")
    return result


def main():
    module = OdooModule(
        argument_spec=dict(
            name=dict(type="str", required=True),
            state=dict(type="str", default="present", choices=["present", "latest", "upgraded", "absent"]),
            force=dict(type="bool", default=False),
            operation_timeout=dict(type="float", default=900),
        ),
        supports_check_mode=True,
    )
    module.run(ensure)


if __name__ == "__main__":
    main()
