#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, odoo_ops.odoo contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r'''
---
module: odoo_whatsapp_sync
short_description: The WhatsApp Integration addon's sync crons as one declarative unit, and Sync Now
version_added: "1.0.0"
description:
  - Makes the three scheduled actions of the C(whatsapp_integration) addon (model C(whatsapp.sync.service),
    method C(cron_sync_all_data)) exist as declared, replacing the addon's post-init hook and its
    C(Create Cron Jobs), C(Check Cron Status) and C(Sync Now) buttons.
  - C(WhatsApp Data Sync) every hour (O(hourly), active by default), V(WhatsApp Data Sync (Frequent\)) every
    30 minutes (O(frequent), inactive by default) and V(WhatsApp Full Data Sync (Daily\)) every day
    (O(daily), inactive by default).
  - The crons carry the external ids C(whatsapp_integration.ir_cron_whatsapp_sync_hourly), C(..._frequent) and
    C(..._daily), registered with C(noupdate) so addon upgrades leave them alone. Crons an older post-init hook
    created under the same names, archived ones included, are adopted rather than duplicated.
  - Where the server has C(numbercall) (Odoo 14.0 to 17.0) it is kept at V(-1), so the crons never stop by themselves.
extends_documentation_fragment:
  - odoo_ops.odoo.connection
  - odoo_ops.odoo.lock_wait
options:
  state:
    description: V(present) makes the three crons exist as declared; V(absent) deletes all three.
    type: str
    choices: [present, absent]
    default: present
  hourly:
    description: Whether C(WhatsApp Data Sync) (every hour) is active.
    type: bool
    default: true
  frequent:
    description: Whether V(WhatsApp Data Sync (Frequent\)) (every 30 minutes, for testing) is active.
    type: bool
    default: false
  daily:
    description: Whether V(WhatsApp Full Data Sync (Daily\)) is active.
    type: bool
    default: false
  sync_limit:
    description: Messages per run of the hourly and frequent syncs.
    type: int
    default: 50
  full_sync_limit:
    description: Messages per run of the daily full sync.
    type: int
    default: 200
  user:
    description:
      - User the crons run as, by login or external id. It must exist and have read and write rights on
        C(whatsapp.sync.service); the module checks both before writing anything.
      - When not set, existing crons keep their user and new ones run as V(base.user_root).
    type: str
  priority:
    description: Priority of the three crons (0 runs first).
    type: int
  sync_now:
    description:
      - Run one sync right away (the old C(Sync Now) button) after the crons are in place, and return its
        status in RV(sync). The task fails when the sync reports an error. Not run in check mode.
      - Like the addon's button it calls C(cron_sync_all_data) with the hourly cron's limit (O(sync_limit)),
        then reads C(sync_status) and C(last_sync_message)
        from the service record; it calls nothing else on the addon.
    type: bool
    default: false
attributes:
  check_mode:
    support: full
    description:
      - Computes exactly what a real run would write, and writes nothing; no sync runs.
      - On a database where the C(whatsapp_integration) addon is on the server but not installed yet (an
        earlier task of the play, e.g. M(odoo_ops.odoo.odoo_module), would install it), the three crons are
        shown as they would be created, with a warning that the addon comes first; the cron user's rights
        are checked by the real run. It fails when the addon is not on the server at all.
  diff_mode:
    support: full
    description: Shows, for each cron that changes, the declared fields before and after.
author:
  - odoo_ops.odoo contributors (@odoo-ops)
'''

EXAMPLES = r'''
- name: The three WhatsApp crons, hourly one active, as OdooBot
  odoo_ops.odoo.odoo_whatsapp_sync:
    url: http://127.0.0.1:8069
    database: odoo
    username: admin
    password: "{{ odoo_admin_password }}"
  register: whatsapp

- name: Print the cron status
  ansible.builtin.debug:
    var: whatsapp.status

- name: Switch on the daily full sync with 500 messages, and sync once now
  odoo_ops.odoo.odoo_whatsapp_sync:
    url: http://127.0.0.1:8069
    database: odoo
    username: admin
    password: "{{ odoo_admin_password }}"
    daily: true
    full_sync_limit: 500
    sync_now: true
'''

RETURN = r'''
crons:
  description: The three crons after the run, with the same keys as RV(odoo_ops.odoo.odoo_cron#module:crons).
  returned: always
  type: list
  elements: dict
status:
  description: One row per cron, as the old C(Check Cron Status) button showed them.
  returned: always
  type: list
  elements: dict
  sample:
    - name: WhatsApp Data Sync
      status: ACTIVE
      interval: 1 hour
      nextcall: "2026-11-25 13:00:00"
      user: __system__
sync:
  description: Result of the sync when O(sync_now=true) (null in check mode).
  returned: when O(sync_now=true)
  type: dict
  sample: {"sync_status": "success", "last_sync_message": "Synced 0 messages (limit 50)"}
diff:
  description: One entry per changed cron with the declared fields before and after; returned in diff mode.
  returned: when diff mode is on
  type: list
  elements: dict
lock_waited:
  description: Seconds the task waited because Odoo's scheduler was running one of the crons it had to change.
  returned: when the module reached the server
  type: float
  sample: 0.0
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
from ansible_collections.odoo_ops.odoo.plugins.module_utils.cron_code import CodeCheck
from ansible_collections.odoo_ops.odoo.plugins.module_utils.cron_guard import AdoptionCheck
from ansible_collections.odoo_ops.odoo.plugins.module_utils.cron_sync import CronSync
from ansible_collections.odoo_ops.odoo.plugins.module_utils.errors import OdooAccessError, OdooInputError
from ansible_collections.odoo_ops.odoo.plugins.module_utils.scheduler_lock import (
    LOCK_WAIT_ARGUMENT_SPEC,
    LockWait,
    check_lock_timeout,
)
from ansible_collections.odoo_ops.odoo.plugins.module_utils.whatsapp import (
    check_user_rights,
    new_store,
    status_table,
    sync_now,
    whatsapp_declarations,
)


def converge(module):
    params = module.params
    for option in ("sync_limit", "full_sync_limit"):
        if params[option] < 1:
            raise OdooInputError("%s must be at least 1 message, got %d" % (option, params[option]))
    if params["sync_now"] and params["state"] == "absent":
        raise OdooInputError("sync_now needs state=present: there is no sync once the crons are removed")
    declarations = whatsapp_declarations(params)
    lock_wait = LockWait(check_lock_timeout(params["lock_timeout"]))
    client = module.client()
    store = new_store(client, lock_wait, check_mode=module.check_mode)
    if params["state"] == "present" and params["user"]:
        try:
            check_user_rights(store, params["user"])
        except OdooAccessError:
            if not store.addon_comes_first():  # check mode before the addon: its rights do not exist yet
                raise
    result = CronSync(client, module.check_mode, unlimited_calls=True, store=store,
                      steps=[AdoptionCheck(), CodeCheck()]).run(declarations)
    result["warnings"] = result.get("warnings", []) + store.notes
    result["status"] = status_table(result["crons"])
    if params["sync_now"]:
        result["sync"] = None if module.check_mode else sync_now(client, params["sync_limit"])
        result["changed"] = True
    result.update(lock_wait.facts())
    return result


def main():
    module = OdooModule(
        argument_spec=dict(
            state=dict(type="str", default="present", choices=["present", "absent"]),
            hourly=dict(type="bool", default=True),
            frequent=dict(type="bool", default=False),
            daily=dict(type="bool", default=False),
            sync_limit=dict(type="int", default=50),
            full_sync_limit=dict(type="int", default=200),
            user=dict(type="str"),
            priority=dict(type="int"),
            sync_now=dict(type="bool", default=False),
            **LOCK_WAIT_ARGUMENT_SPEC
        ),
        supports_check_mode=True,
    )
    module.run(converge)


if __name__ == "__main__":
    main()
