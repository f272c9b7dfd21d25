#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, odoo_ops.odoo contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r'''
---
module: odoo_cron
short_description: Make Odoo scheduled actions (ir.cron) exist exactly as declared
version_added: "1.0.0"
description:
  - Creates, updates, archives and deletes Odoo scheduled actions (model C(ir.cron)) so that they match
    the declaration, on Odoo 14.0 to 20.0. Declare one cron with the top-level options, or many with O(crons).
  - A cron is identified by O(xml_id) when given, else by its exact O(name). Archived crons are found too,
    so a run never creates a duplicate. If several crons match one declaration the module fails and lists them.
  - A cron found by O(name) is adopted (given the declared O(xml_id)) only when it has no external id yet;
    one that has another external id belongs to another declaration or an addon, and the declaration gets
    a cron of its own, with a warning naming both ids.
  - Only the options you set are compared and written; Odoo keeps everything else as it is.
  - All declared crons are read with one request, whatever their number; new crons are created with one request.
  - A write or delete that Odoo refuses because its scheduler is running that cron at the moment is retried
    until O(lock_timeout).
  - Re-enabling a cron that Odoo deactivated makes it run again, with a warning when it was failing
    (Odoo 18.0 and later count failures) or, on Odoo 14.0 to 17.0, had used up its O(numbercall)
    (then O(numbercall) is set to V(-1) unless declared).
extends_documentation_fragment:
  - odoo_ops.odoo.connection
  - odoo_ops.odoo.cron
  - odoo_ops.odoo.lock_wait
options:
  crons:
    description:
      - Several crons in one task, each with the same options as the top level
        (O(name), O(xml_id), O(state), O(active), O(interval), O(model), O(method), ...).
      - Mutually exclusive with the top-level cron options, except O(state), which is the default
        state of every entry (so O(state=absent) with O(crons) deletes them all).
    type: list
    elements: dict
    suboptions:
      name:
        description: See O(name).
        type: str
      xml_id:
        description: See O(xml_id).
        type: str
      state:
        description: See O(state). Defaults to the top-level O(state).
        type: str
        choices: [present, absent]
      active:
        description: See O(active).
        type: bool
      interval:
        description: See O(interval).
        type: str
      interval_number:
        description: See O(interval_number).
        type: int
      interval_type:
        description: See O(interval_type).
        type: str
        choices: [minutes, hours, days, weeks, months, never]
      model:
        description: See O(model).
        type: str
      method:
        description: See O(method).
        type: str
      args:
        description: See O(args).
        type: list
        elements: raw
      kwargs:
        description: See O(kwargs).
        type: dict
      code:
        description: See O(code).
        type: str
      user:
        description: See O(user).
        type: str
      priority:
        description: See O(priority).
        type: int
      nextcall:
        description: See O(nextcall).
        type: str
      numbercall:
        description: See O(numbercall).
        type: int
      doall:
        description: See O(doall).
        type: bool
      allow_broken:
        version_added: 1.1.0
        description: See O(allow_broken). Defaults to the top-level O(allow_broken).
        type: bool
  allow_broken:
    version_added: 1.1.0
    description:
      - Before writing anything, the module refuses a cron that RV(odoo_ops.odoo.odoo_cron_info#module:crons[].health)
        would call V(broken) for a reason known at write time, with one line naming the option and the reason
        (the same checks as health's). They apply to a cron to create, and to one whose declared O(user) or
        O(model) differs from what it has, whose user is archived, or has no read access to the model (the
        superuser, V(base.user_root), always can). A user or a model that does not exist is always refused.
      - V(true) writes such a cron anyway, with a warning, for instance a cron prepared for a user who gets
        the access later. With O(crons), the default of every entry.
      - Costs two requests (the users and the access rules) when a cron to check runs as another user than
        the superuser; none otherwise.
    type: bool
    default: false
  exclusive:
    version_added: 1.1.0
    description:
      - Make the task the only owner of the crons of O(scope), like C(kubectl apply --prune). Each cron inside
        the scope that the task does not declare is archived or deleted, as O(exclusive_action) says.
        Crons outside the scope are never touched. Check mode and diff show them.
      - Crons the scope would touch whose external id belongs to an installed addon are refused, unless that
        addon is named in O(scope.xml_module).
      - Costs one more read (the external ids of all crons) and one write for all the crons it archives
        (deleting also unlinks their server actions); plus a read of the installed addons when a cron it would
        touch has an external id of a module the scope does not name.
    type: bool
    default: false
  scope:
    version_added: 1.1.0
    description:
      - The crons O(exclusive) owns, those matching every criterion given. Required with O(exclusive=true),
        and at least one criterion must be given. Used only with O(exclusive=true).
    type: dict
    suboptions:
      xml_module:
        description:
          - Module part of the crons' external ids, for example V(my_ops) for V(my_ops.ir_cron_cleanup);
            crons with an external id of one of these modules.
        type: list
        elements: str
      name_prefix:
        description: Crons whose name starts with this text (case-sensitive).
        type: str
      model:
        description: Crons that run on this model, for example V(res.partner).
        type: str
  exclusive_action:
    version_added: 1.1.0
    description:
      - What O(exclusive) does to the undeclared crons of O(scope). V(archive) sets them inactive (archived crons
        are left as they are); V(delete) deletes them with their server action.
    type: str
    choices: [archive, delete]
    default: archive
attributes:
  check_mode:
    support: full
    description: Computes exactly what a real run would write, and writes nothing.
  diff_mode:
    support: full
    description: Shows, for each cron that changes, the declared fields before and after.
author:
  - odoo_ops.odoo contributors (@odoo-ops)
'''

EXAMPLES = r'''
- name: Hourly WhatsApp sync, identified by a stable external id
  odoo_ops.odoo.odoo_cron:
    url: http://127.0.0.1:8069
    database: odoo
    username: admin
    password: "{{ odoo_admin_password }}"
    xml_id: whatsapp_integration.ir_cron_whatsapp_sync_hourly
    name: WhatsApp Data Sync
    model: whatsapp.sync.service
    method: cron_sync_all_data
    kwargs:
      limit: 50
    interval: 1 hour
    active: true

- name: Several crons in one task (one read, one create)
  odoo_ops.odoo.odoo_cron:
    crons:
      - name: Partner cleanup
        model: res.partner
        code: model.search([('active', '=', False)], limit=100).unlink()
        interval: 1 day
        active: false
      - name: Old cron nobody wants
        state: absent

- name: Archive a cron, keeping it for later
  odoo_ops.odoo.odoo_cron:
    name: Partner cleanup
    active: false

- name: Remove a cron
  odoo_ops.odoo.odoo_cron:
    name: Partner cleanup
    state: absent

- name: The only crons named "Ops:" are these two; any other "Ops:" cron is archived
  odoo_ops.odoo.odoo_cron:
    crons:
      - name: "Ops: partner count"
        model: res.partner
        method: search_count
        args: [[]]
        interval: 1 day
      - name: "Ops: weekly partner count"
        model: res.partner
        method: search_count
        args: [[]]
        interval: 1 week
    exclusive: true
    scope:
      name_prefix: "Ops:"
    exclusive_action: archive
'''

RETURN = r'''
crons:
  description: The declared crons after the run (in check mode, as they would be), in declaration order.
  returned: always
  type: list
  elements: dict
  contains:
    id:
      description: Database id; null for a cron check mode would create.
      type: int
    xml_id:
      description: Declared external id, if any.
      type: str
    name:
      description: Name of the cron.
      type: str
    state:
      description: V(present) or V(absent).
      type: str
    action:
      description: What the run did to this cron, V(none), V(create), V(update) or V(delete).
      type: str
    active:
      description: Whether the cron is active.
      type: bool
    interval:
      description: Interval as text, for example V(1 hour) or V(30 minutes).
      type: str
    interval_number:
      description: Number of interval units.
      type: int
    interval_type:
      description: Interval unit.
      type: str
    model:
      description: Technical name of the model the code runs on.
      type: str
    code:
      description:
        - Python code the cron runs.
        - V(null) for a user outside Administration / Settings, whom Odoo does not let read it.
      type: str
    code_verified:
      description:
        - V(false) when the declared code could not be compared, because Odoo 17.0 and later let a user outside
          Administration / Settings neither read nor search it; the task warns. Absent when the code was compared.
      type: bool
      returned: when the connected user may not compare the code
    user:
      description: Login of the user the cron runs as.
      type: str
    user_id:
      description: Id of that user.
      type: int
    priority:
      description: Priority, 0 runs first.
      type: int
    nextcall:
      description:
        - Next run, UTC, as Odoo stored it. A cron created without O(nextcall) gets Odoo's default, the time of its creation.
        - Null for a cron check mode would create without O(nextcall).
      type: str
    lastcall:
      description: Last run, UTC.
      type: str
    numbercall:
      description: Remaining calls, -1 for unlimited (Odoo 14.0 to 17.0 only).
      type: int
    doall:
      description: Whether missed runs are caught up after downtime (Odoo 14.0 to 17.0 only).
      type: bool
    failure_count:
      description: Consecutive failures of the scheduler's runs (Odoo 18.0 and later).
      type: int
  sample:
    - id: 42
      xml_id: whatsapp_integration.ir_cron_whatsapp_sync_hourly
      name: WhatsApp Data Sync
      state: present
      action: none
      active: true
      interval: 1 hour
      interval_number: 1
      interval_type: hours
      model: whatsapp.sync.service
      code: model.cron_sync_all_data(limit=50)
      user: __system__
      user_id: 1
      priority: 5
      nextcall: "2026-11-25 13:00:00"
      lastcall: null
      numbercall: -1
undeclared:
  description:
    - With O(exclusive), the crons of O(scope) that the task does not declare and that the run archives or
      deletes (in check mode, would), with the same keys as RV(crons); V(action) is V(update) or V(delete).
  returned: when O(exclusive=true)
  type: list
  elements: dict
diff:
  description: One entry per changed cron with the declared fields before and after; returned in diff mode.
  returned: when diff mode is on
  type: list
  elements: dict
lock_waited:
  description: Seconds the task waited because Odoo's scheduler was running a cron it had to change (0 when it did not wait).
  returned: when the module reached the server
  type: float
  sample: 0.0
odoo_session:
  description: User id and server version to pass as O(session) to later tasks, so they skip the login. Holds no secret.
  returned: when the module reached the server
  type: dict
odoo_requests:
  description: HTTP requests this run made to Odoo.
  returned: when the module reached the server
  type: int
'''

from ansible_collections.odoo_ops.odoo.plugins.module_utils.connection import OdooModule
from ansible_collections.odoo_ops.odoo.plugins.module_utils.cron_args import SCOPE_ARGUMENT_SPEC, cron_option_spec, scope_requested
from ansible_collections.odoo_ops.odoo.plugins.module_utils.cron_code import CodeCheck
from ansible_collections.odoo_ops.odoo.plugins.module_utils.cron_guard import AdoptionCheck, RunnableGuard
from ansible_collections.odoo_ops.odoo.plugins.module_utils.cron_spec import (
    CRON_OPTIONS,
    TASK_DEFAULTS,
    declarations_from,
)
from ansible_collections.odoo_ops.odoo.plugins.module_utils.cron_store import CronStore
from ansible_collections.odoo_ops.odoo.plugins.module_utils.cron_sync import CronSync
from ansible_collections.odoo_ops.odoo.plugins.module_utils.scheduler_lock import (
    LOCK_WAIT_ARGUMENT_SPEC,
    LockWait,
    check_lock_timeout,
)


def converge(module):
    declarations = declarations_from(module.params)
    steps = []
    if scope_requested(module.params):
        # imported here, not at the top: every task would otherwise compile it (see client.transport_class)
        from ansible_collections.odoo_ops.odoo.plugins.module_utils.cron_scope import scope_steps
        steps = scope_steps(module.params)
    lock_wait = LockWait(check_lock_timeout(module.params["lock_timeout"]))
    client = module.client()
    store = CronStore(client, lock_wait=lock_wait)
    result = CronSync(client, check_mode=module.check_mode, store=store,
                      steps=[AdoptionCheck(), RunnableGuard(), CodeCheck()] + steps).run(declarations)
    if steps:  # the scope's changes come after the declared ones
        result["undeclared"] = result["crons"][len(declarations):]
        del result["crons"][len(declarations):]
    result.update(lock_wait.facts())
    return result


def main():
    top_level = cron_option_spec()
    spec = dict(top_level, crons=dict(type="list", elements="dict", options=cron_option_spec(state_default=None)))
    spec.update(SCOPE_ARGUMENT_SPEC)
    spec.update(LOCK_WAIT_ARGUMENT_SPEC)
    module = OdooModule(
        argument_spec=spec,
        supports_check_mode=True,
        mutually_exclusive=[("crons", option) for option in CRON_OPTIONS if option not in TASK_DEFAULTS],
        required_one_of=[("crons", "name", "xml_id")],
    )
    module.run(converge)


if __name__ == "__main__":
    main()
