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
  - A module operation on this addon left pending by an earlier, interrupted run ("to install",
    "to upgrade", "to remove") is taken over and finished as O(state) asks (RV(resumed)); pending operations
    on other addons stop the task, since Odoo would run them along.
  - Never leaves a module pending that it marked. When it cannot finish an operation (request cut by Odoo's
    C(limit_time_real) or a proxy, connection lost, O(operation_timeout) reached), it reads the addon again
    once Odoo answers and cancels what is still pending, because Odoo's scheduler runs no cron while any
    module is pending. The failure then says what happened and what to do.
  - Over RPC an install or upgrade runs inside one HTTP request. With C(workers) above 0, Odoo kills a request
    after C(limit_time_real) seconds (120 by default), and proxies often cut sooner; use O(method=cli) for
    upgrades that take longer.
extends_documentation_fragment:
  - odoo_ops.odoo.connection
  - odoo_ops.odoo.lock_wait
options:
  name:
    description: Technical name of the addon, for example V(whatsapp_integration).
    type: str
    required: true
  state:
    description:
      - V(present) installs the addon if it is not installed.
      - V(latest) also upgrades it when the version on disk differs from the installed one. From Odoo 16.0
        each server process reads an addon's manifest once and keeps it (C(odoo/modules/module.py), a
        C(functools.lru_cache) on C(get_manifest) in 16.0, C(_get_manifest_cached) in 17.0 and 18.0,
        C(Manifest._get_manifest_from_addons) in 19.0), so a new version on disk is seen only after the server
        restarts; deploy the code, restart Odoo, then run this task. Odoo 14.0 reads the manifest each time.
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
      - Seconds to wait for an install, upgrade or uninstall over RPC to finish; these run inside the request
        and can take minutes on a large database. The server's own limit (C(limit_time_real)) and a proxy's
        timeout apply too, whichever is shortest.
      - Not used by O(method=cli); bound odoo-bin with the task's C(timeout) keyword if needed.
    type: float
    default: 900
  method:
    description:
      - How installs and upgrades run. V(rpc) calls Odoo's own buttons over the external API, inside one HTTP
        request.
      - V(cli) runs O(odoo_bin) with C(-d <database> -i|-u <addon> --stop-after-init --no-http) on the host the
        task runs on (delegate the task to the Odoo host), with no request time limit, and then reads the
        result back over RPC, so check mode, diff and C(changed) work as with V(rpc). The running server
        reloads its registry by itself at its next request. When odoo-bin fails, the last lines of its output
        are in the failure message (with a C(logfile) in the configuration, the log is there instead).
      - Uninstalls always use V(rpc) (odoo-bin has no uninstall switch).
    type: str
    choices: [rpc, cli]
    default: rpc
  odoo_bin:
    description:
      - With O(method=cli), the command line that starts the Odoo serving O(database), with its configuration,
        for example V(/opt/odoo/odoo-bin -c /etc/odoo/odoo.conf), or V(sudo -u odoo /opt/odoo/odoo-bin -c
        /etc/odoo/odoo.conf) to run it as the server's user. Split like a shell would, not run by a shell.
      - It is returned in RV(command), so keep secrets (the database password) in the configuration file.
    type: str
attributes:
  check_mode:
    support: full
    description: Says what it would do from the versions Odoo reports, without updating the module list.
  diff_mode:
    support: full
    description: Shows the addon's state and versions before and after.
author:
  - odoo_ops.odoo contributors (@odoo-ops)
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

- name: Upgrade it with odoo-bin on the Odoo host, where a long upgrade is not cut
  odoo_ops.odoo.odoo_module:
    url: http://127.0.0.1:8069
    database: odoo
    username: admin
    password: "{{ odoo_admin_password }}"
    name: whatsapp_integration
    state: upgraded
    method: cli
    odoo_bin: "{{ odoo_bin_command }}"
  # delegate_to: odoo1.example.com   # the host where odoo-bin and its configuration are
'''

RETURN = r'''
operation:
  description: What was done (or would be in check mode), V(install), V(upgrade), V(uninstall), or null.
  returned: success
  type: str
  sample: upgrade
resumed:
  description:
    - The operation (V(install), V(upgrade), V(uninstall)) an earlier, interrupted run left pending on this addon,
      which this run cancelled and replaced by RV(operation) (or would, in check mode); null when there was none.
  returned: success
  type: str
  sample: upgrade
lock_waited:
  description: Seconds the operation waited because Odoo's scheduler was running a cron (see O(lock_timeout)).
  returned: success
  type: float
  sample: 0.0
command:
  description: The odoo-bin command line run with O(method=cli) (null when none ran).
  returned: success
  type: list
  elements: str
  sample: ["/opt/odoo/odoo-bin", "-c", "/etc/odoo/odoo.conf", "-d", "odoo", "-u", "whatsapp_integration",
           "--stop-after-init", "--no-http"]
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
from ansible_collections.odoo_ops.odoo.plugins.module_utils.addon_cli import OdooBin, check_method
from ansible_collections.odoo_ops.odoo.plugins.module_utils.connection import OdooModule
from ansible_collections.odoo_ops.odoo.plugins.module_utils.errors import OdooInputError
from ansible_collections.odoo_ops.odoo.plugins.module_utils.scheduler_lock import (
    LOCK_WAIT_ARGUMENT_SPEC,
    LockWait,
    check_lock_timeout,
)


def ensure(module):
    params = module.params
    name = check_addon_name(params["name"])
    if params["operation_timeout"] <= 0:
        raise OdooInputError("operation_timeout must be a positive number of seconds, got %r"
                             % params["operation_timeout"])
    lock_wait = LockWait(check_lock_timeout(params["lock_timeout"]))
    odoo_bin = None
    if check_method(params["method"], params["odoo_bin"]) == "cli":
        odoo_bin = OdooBin(params["odoo_bin"], params["database"], module.run_command, params["password"])
    manager = AddonManager(module.client(), module.check_mode, params["operation_timeout"], lock_wait, odoo_bin)
    result = manager.ensure(name, params["state"], params["force"])
    uses_cli = odoo_bin is not None and result["operation"] in ("install", "upgrade")
    result["command"] = odoo_bin.command(result["operation"], name) if uses_cli else None
    result.update(lock_wait.facts())
    for warning in manager.warnings:
        module.warn(warning)
    return result


def main():
    module = OdooModule(
        argument_spec=dict(
            name=dict(type="str", required=True),
            state=dict(type="str", default="present", choices=["present", "latest", "upgraded", "absent"]),
            force=dict(type="bool", default=False),
            operation_timeout=dict(type="float", default=900),
            method=dict(type="str", default="rpc", choices=["rpc", "cli"]),
            odoo_bin=dict(type="str"),
            **LOCK_WAIT_ARGUMENT_SPEC
        ),
        supports_check_mode=True,
    )
    module.run(ensure)


if __name__ == "__main__":
    main()
