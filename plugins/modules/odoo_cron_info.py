#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, odoo_ops.odoo contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r'''
---
module: odoo_cron_info
short_description: Read Odoo scheduled actions (ir.cron) as data
version_added: "1.0.0"
description:
  - Returns the crons that match every given filter, archived ones included unless O(active) is set.
    With no filter, returns all crons of the database.
  - Read-only; it never changes Odoo.
extends_documentation_fragment:
  - odoo_ops.odoo.connection
options:
  names:
    description: Exact cron names.
    type: list
    elements: str
    aliases: [name]
  name_pattern:
    description: Part of the name, case-insensitive (Odoo's C(ilike)), for example V(WhatsApp).
    type: str
  xml_ids:
    description: External ids C(module.name) of the crons.
    type: list
    elements: str
    aliases: [xml_id]
  model:
    description: Technical name of the model the crons run on.
    type: str
  active:
    description: V(true) for running crons only, V(false) for archived ones only; all when not set.
    type: bool
  as_declarations:
    version_added: 1.1.0
    description:
      - Also return RV(declarations), the selected crons as a list ready to pass as
        M(odoo_ops.odoo.odoo_cron)'s O(odoo_ops.odoo.odoo_cron#module:crons), sorted by name.
      - Each entry has C(xml_id) when the cron has one, C(name), C(model), C(method) with C(args)/C(kwargs)
        when the code is a single call V(model.<method>(...\)) of literal arguments (else C(code)), C(interval)
        in words, C(active) and C(user) (a login, or V(base.user_root) for OdooBot); C(priority) only when it
        is not Odoo's default 5, C(numbercall) only when finite and C(doall) only when true (both exist on
        Odoo 14.0 to 17.0 only, and M(odoo_ops.odoo.odoo_cron) refuses them on 18.0).
      - Portable across versions, an export of one database applies to another; C(playbooks/export_crons.yml)
        writes it to a YAML file to commit.
    type: bool
    default: false
  include_nextcall:
    version_added: 1.1.0
    description:
      - With O(as_declarations), add each cron's C(nextcall). Left out by default because the scheduler moves
        it after every run.
    type: bool
    default: false
  health:
    description:
      - Give every returned cron its RV(crons[].health), whether it actually runs. It costs three more
        requests whatever the number of crons (the models, their access rules and pending addon operations are
        each read once; the users are read anyway), and on Odoo 18.0 and later a fourth, the runs that never
        ended (C(ir.cron.progress), for all crons at once).
      - Default V(true), except with O(as_declarations=true), where an export needs no health.
    type: bool
  grace:
    description:
      - How late a cron's next run may be before its health is V(overdue), for example V(30 minutes) or V(2 hours).
      - Default, per cron, its own interval, and at least 10 minutes.
    type: str
  unhealthy_only:
    description:
      - Return only the crons whose health is V(overdue), V(failing) or V(broken) (archived crons count as
        healthy, as Odoo does not run them on purpose). Implies O(health=true).
    type: bool
    default: false
attributes:
  check_mode:
    support: full
    description: Reads the same in check mode.
  diff_mode:
    support: none
    description: Changes nothing, so there is nothing to show.
author:
  - odoo_ops.odoo contributors (@odoo-ops)
'''

EXAMPLES = r'''
- name: Check the WhatsApp crons' status
  odoo_ops.odoo.odoo_cron_info:
    url: http://127.0.0.1:8069
    database: odoo
    username: admin
    password: "{{ odoo_admin_password }}"
    model: whatsapp.sync.service
  register: whatsapp_crons

- name: Every cron of the database as declarations for odoo_cron (playbooks/export_crons.yml writes them to a file)
  odoo_ops.odoo.odoo_cron_info:
    as_declarations: true
  register: exported

- name: Apply them to this or another database
  odoo_ops.odoo.odoo_cron:
    crons: "{{ exported.declarations }}"
  register: applied

- name: On the database they come from, nothing changes
  ansible.builtin.assert:
    that: applied is not changed

- name: Fail when one of them is not active
  ansible.builtin.assert:
    that: whatsapp_crons.crons | selectattr('name', 'equalto', 'WhatsApp Data Sync') | map(attribute='active') | first

- name: Crons that do not run as they should, anywhere in the database
  odoo_ops.odoo.odoo_cron_info:
    url: http://127.0.0.1:8069
    database: odoo
    username: admin
    password: "{{ odoo_admin_password }}"
    unhealthy_only: true
    grace: 2 hours
  register: unhealthy

- name: Fail, saying why, when there are any
  ansible.builtin.assert:
    that: unhealthy.crons | length == 0
    fail_msg: "{{ unhealthy.crons | map(attribute='name') | zip(unhealthy.crons | map(attribute='health.reasons')) }}"
'''

RETURN = r'''
crons:
  description: The matching crons, ordered by id.
  returned: success
  type: list
  elements: dict
  contains:
    id:
      description: Database id.
      type: int
    xml_id:
      description: External id, null when it has none.
      type: str
    name:
      description: Name.
      type: str
    active:
      description: Whether it runs.
      type: bool
    interval:
      description: Interval as text, for example V(30 minutes).
      type: str
    interval_number:
      description: Number of units.
      type: int
    interval_type:
      description: Unit.
      type: str
    nextcall:
      description: Next run, UTC.
      type: str
    lastcall:
      description: Last successful run, UTC; null if it never ran.
      type: str
    user:
      description: Login of the user it runs as.
      type: str
    user_id:
      description: Id of that user.
      type: int
    model:
      description: Technical name of its model.
      type: str
    code:
      description: Python code it runs.
      type: str
    priority:
      description: Priority.
      type: int
    numbercall:
      description: Remaining calls, -1 for unlimited; Odoo 14.0 to 17.0.
      type: int
    doall:
      description: Whether missed runs are caught up after downtime; Odoo 14.0 to 17.0.
      type: bool
    failure_count:
      description: Consecutive failures; Odoo 18.0 and later.
      type: int
    state:
      description: Always V(present) (the cron exists); the same key as M(odoo_ops.odoo.odoo_cron)'s results.
      type: str
    health:
      description:
        - Whether the cron actually runs, when O(health=true). C(status) is the worst that applies of V(ok),
          V(inactive) (archived), V(overdue) (active, and its next run is later than O(grace) in the past, so the
          scheduler is down, stuck or busy), V(failing) (Odoo 18.0 and later count failures in a row; Odoo
          deactivates a cron after 5 of them over at least 7 days; on 18.0 and later also a cron whose last runs
          were killed by Odoo's time limit for crons, C(limit_time_real_cron)) and V(broken) (its user is archived or gone
          or cannot read the cron's model, its model is gone, on 14.0 to 17.0 it is active with C(numbercall)
          0, or an addon operation is pending, which stops the scheduler for the whole database).
        - C(reasons) says why, in sentences a person can act on.
        - What health cannot see on Odoo 14.0 to 17.0 is a job that raises. Odoo records no failure there; its
          scheduler rolls the job back and then moves C(lastcall) and C(nextcall) (and counts down
          C(numbercall)) as after a success, and a failed M(odoo_ops.odoo.odoo_cron_run) is rolled back whole;
          only the server's log has the error (copied to C(ir.logging) only when the server runs with
          C(--log-db)). Such a cron stays V(ok), and its C(lastcall) does not prove a successful run. Run a new
          or changed cron once with M(odoo_ops.odoo.odoo_cron_run), whose failure names
          the error (for a misspelt O(odoo_ops.odoo.odoo_cron#module:method), the model and the method).
          From 18.0 the scheduler's failures are counted (V(failing)); a failed manual run is not counted
          there either.
      type: dict
      contains:
        status:
          description: V(ok), V(inactive), V(overdue), V(failing) or V(broken).
          type: str
        reasons:
          description: Why, one sentence per problem; empty when V(ok).
          type: list
          elements: str
        timeouts:
          description:
            - Odoo 18.0 and later, where the user can read C(ir.cron.progress) (administrators); absent before
              18.0, where a run killed by the time limit only leaves the cron due (so V(overdue) after the grace)
              and nothing counts the killed runs.
            - Every run of a job first records a progress row with a counter of runs in a row that did not end;
              a run that ends sets it back to 0, a run killed by the time limit (C(limit_time_real_cron), or
              C(limit_time_real) when it is -1; workers mode kills the cron worker, threaded mode reloads the whole
              server) leaves it. After 3 in a row Odoo counts a failure instead of running the job
              (C(CONSECUTIVE_TIMEOUT_FOR_FAILURE), odoo/addons/base/models/ir_cron.py) and sets the third run's
              counter back to 0; health counts that run as killed too (measured on a real 18.0).
            - In workers mode a C(limit_time_real_cron) under about 70 s kills the idle cron worker while it waits
              for work, before any job starts, and leaves no record; then every cron becomes V(overdue).
            - A run that started less than 10 minutes ago may still be running and is not counted.
          type: dict
          version_added: 1.1.0
          contains:
            in_a_row:
              description:
                - Runs killed in a row since the cron last ended a run, across the failures Odoo counted for them;
                  above 0 makes the health V(failing).
              type: int
            last_7_days:
              description: Runs killed that Odoo still keeps (its autovacuum removes progress older than a week).
              type: int
  sample:
    - id: 42
      xml_id: whatsapp_integration.ir_cron_whatsapp_sync_hourly
      name: WhatsApp Data Sync
      active: true
      interval: 1 hour
      interval_number: 1
      interval_type: hours
      nextcall: "2026-11-25 13:00:00"
      lastcall: null
      user: __system__
      model: whatsapp.sync.service
      code: model.cron_sync_all_data(limit=50)
      priority: 5
      numbercall: -1
      health: {status: ok, reasons: []}
declarations:
  description:
    - The crons as declarations for M(odoo_ops.odoo.odoo_cron)'s O(odoo_ops.odoo.odoo_cron#module:crons),
      sorted by name then external id. A warning names crons that share a name, which odoo_cron refuses.
  returned: when O(as_declarations=true)
  type: list
  elements: dict
  sample:
    - xml_id: whatsapp_integration.ir_cron_whatsapp_sync_hourly
      name: WhatsApp Data Sync
      model: whatsapp.sync.service
      method: cron_sync_all_data
      kwargs:
        limit: 50
      interval: 1 hour
      active: true
      user: base.user_root
    - name: Partner cleanup
      model: res.partner
      code: "records = model.search([('active', '=', False)], limit=100)\nrecords.unlink()"
      interval: 1 day
      active: false
      user: admin
      priority: 10
server_version:
  description: Odoo version of the server, for example V(14.0).
  returned: success
  type: str
cron_fields:
  description: The ir.cron fields this server has among those the collection manages.
  returned: success
  type: list
  elements: str
odoo_session:
  description: User id and server version to pass as O(session) to later tasks. Holds no secret.
  returned: success
  type: dict
odoo_requests:
  description: HTTP requests this run made to Odoo.
  returned: success
  type: int
'''

from ansible_collections.odoo_ops.odoo.plugins.module_utils.connection import OdooModule
from ansible_collections.odoo_ops.odoo.plugins.module_utils.cron_code import read_side_warnings
from ansible_collections.odoo_ops.odoo.plugins.module_utils.cron_export import export_declarations
from ansible_collections.odoo_ops.odoo.plugins.module_utils.cron_health import check_grace
from ansible_collections.odoo_ops.odoo.plugins.module_utils.cron_info import cron_filters, read_crons
from ansible_collections.odoo_ops.odoo.plugins.module_utils.errors import OdooInputError


def read(module):
    params = module.params
    filters = cron_filters(params["names"], params["name_pattern"], params["xml_ids"],
                           params["model"], params["active"])
    if params["include_nextcall"] and not params["as_declarations"]:
        raise OdooInputError("include_nextcall is used only with as_declarations=true")
    health = None
    wants_health = params["health"] if params["health"] is not None else not params["as_declarations"]
    if wants_health or params["unhealthy_only"]:
        health = {"grace": check_grace(params["grace"]), "unhealthy_only": params["unhealthy_only"]}
    client = module.client()
    crons, schema = read_crons(client, filters, health)
    for warning in read_side_warnings(client, params["as_declarations"]):
        module.warn(warning)
    result = {"changed": False, "crons": crons, "server_version": str(client.version),
              "cron_fields": sorted(schema.fields)}
    if params["as_declarations"]:
        result["declarations"], warnings = export_declarations(crons, params["include_nextcall"])
        for warning in warnings:
            module.warn(warning)
    return result


def main():
    module = OdooModule(
        argument_spec=dict(
            names=dict(type="list", elements="str", aliases=["name"]),
            name_pattern=dict(type="str"),
            xml_ids=dict(type="list", elements="str", aliases=["xml_id"]),
            model=dict(type="str"),
            active=dict(type="bool"),
            as_declarations=dict(type="bool", default=False),
            include_nextcall=dict(type="bool", default=False),
            health=dict(type="bool"),
            grace=dict(type="str"),
            unhealthy_only=dict(type="bool", default=False),
        ),
        supports_check_mode=True,
    )
    # an export is meant to be applied: a masked value in it is refused (module_utils/secret_echo.py)
    module.run(read, applicable=("declarations",))


if __name__ == "__main__":
    main()
