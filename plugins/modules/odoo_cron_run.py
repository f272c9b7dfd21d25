#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, odoo_ops.odoo contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r'''
---
module: odoo_cron_run
short_description: Run Odoo scheduled actions (ir.cron) now
version_added: "1.1.0"
description:
  - Runs crons right away, as their own user, the way the C(Run Manually) button does (Odoo's
    C(method_direct_trigger)), on Odoo 14.0 to 20.0. Archived crons run too.
  - A cron is named by O(xml_id) (which wins when both are given) or its exact O(name), as in
    M(odoo_ops.odoo.odoo_cron); several run one after the other with O(crons). A missing or ambiguous cron fails the task before anything runs.
  - A job that raises fails the task with the job's own error in one line; the server's traceback comes as the
    result's C(exception), which Ansible shows with C(-vvv) (ansible-core 2.19 and later, with
    C(ANSIBLE_DISPLAY_TRACEBACK=error)). The crons before it have run.
  - A job whose model has no such method (a misspelt O(odoo_ops.odoo.odoo_cron#module:method)) fails with one
    line naming the model and the method, and which option or code to fix. This is the one way to prove a new
    cron can run, since on Odoo 14.0 to 17.0 a failing cron leaves no trace that
    M(odoo_ops.odoo.odoo_cron_info) could report.
  - A failed run leaves nothing in the database on Odoo 14.0 to 18.0 (Odoo rolls the request back), so no
    C(lastcall), and on 18.0 no C(failure_count). On 19.0 Odoo runs the job as its scheduler does
    (C(_process_job)), and a failed run counts one failure (C(failure_count), C(first_failure_date)) and moves
    C(lastcall) and C(nextcall), as a scheduled run would (measured on a real 19.0).
  - While Odoo's scheduler runs the same cron, Odoo refuses to run it again; the task waits until
    O(lock_timeout). Odoo 17.0 and later refuse before the job starts; 14.0 to 16.0 run the job, refuse when
    they record C(lastcall), and roll the job back, so each retry runs it again.
  - Odoo 14.0 to 18.0 set C(lastcall) and leave C(nextcall) alone; later versions also move C(nextcall)
    as the scheduler does.
extends_documentation_fragment:
  - odoo_ops.odoo.connection
  - odoo_ops.odoo.lock_wait
options:
  name:
    description: Exact name of the cron to run.
    type: str
  xml_id:
    description: External id C(module.name) of the cron to run.
    type: str
  crons:
    description: Several crons to run, in this order, each by O(name) or O(xml_id).
    type: list
    elements: dict
    suboptions:
      name:
        description: See O(name).
        type: str
      xml_id:
        description: See O(xml_id).
        type: str
  run_timeout:
    description:
      - Seconds to wait for each job to finish; a job runs inside the request. Past it the task fails, and Odoo
        goes on running the job on the server.
      - An Odoo in workers mode also stops a request after its own C(limit_time_real).
    type: float
    default: 3600
attributes:
  check_mode:
    support: full
    description: Finds the crons and says which would run; runs nothing.
  diff_mode:
    support: none
    description: Running a job declares no state to compare.
author:
  - odoo_ops.odoo contributors (@odoo-ops)
'''

EXAMPLES = r'''
- name: Sync WhatsApp now, as the hourly cron's user
  odoo_ops.odoo.odoo_cron_run:
    url: http://127.0.0.1:8069
    database: odoo
    username: admin
    password: "{{ odoo_admin_password }}"
    xml_id: whatsapp_integration.ir_cron_whatsapp_sync_hourly
  register: sync_run

- name: How long it took
  ansible.builtin.debug:
    msg: "{{ sync_run.crons[0].name }} ran from {{ sync_run.crons[0].start }} to {{ sync_run.crons[0].end }} UTC"

- name: Two crons, one after the other, waiting up to ten minutes if the scheduler is running one of them
  odoo_ops.odoo.odoo_cron_run:
    url: http://127.0.0.1:8069
    database: odoo
    username: admin
    password: "{{ odoo_admin_password }}"
    crons:
      - xml_id: whatsapp_integration.ir_cron_whatsapp_sync_daily
      - name: WhatsApp Data Sync
    lock_timeout: 600
'''

RETURN = r'''
crons:
  description: The crons, in the order given, after their run (in check mode, as found).
  returned: always
  type: list
  elements: dict
  contains:
    id:
      description: Database id.
      type: int
    name:
      description: Name of the cron.
      type: str
    xml_id:
      description: The external id it was named by, if any.
      type: str
    active:
      description: Whether the cron is active.
      type: bool
    ran:
      description: Whether it ran (false in check mode).
      type: bool
    start:
      description: When the run started, UTC (null in check mode).
      type: str
    end:
      description: When the run ended, UTC (null in check mode).
      type: str
    duration:
      description: Seconds the run took, waiting for the scheduler's lock included (null in check mode).
      type: float
    lastcall:
      description: C(lastcall) after the run, UTC.
      type: str
    nextcall:
      description: C(nextcall) after the run, UTC.
      type: str
  sample:
    - id: 42
      name: WhatsApp Data Sync
      xml_id: whatsapp_integration.ir_cron_whatsapp_sync_hourly
      active: true
      ran: true
      start: "2026-11-25 12:00:01"
      end: "2026-11-25 12:00:02"
      duration: 0.412
      lastcall: "2026-11-25 12:00:02"
      nextcall: "2026-11-25 13:00:00"
lock_waited:
  description: Seconds the task waited because Odoo's scheduler was running one of the crons.
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
from ansible_collections.odoo_ops.odoo.plugins.module_utils.cron_run import CronRunner, run_targets
from ansible_collections.odoo_ops.odoo.plugins.module_utils.errors import OdooInputError
from ansible_collections.odoo_ops.odoo.plugins.module_utils.scheduler_lock import (
    LOCK_WAIT_ARGUMENT_SPEC,
    LockWait,
    check_lock_timeout,
)


def run(module):
    params = module.params
    targets = run_targets(params)
    if params["run_timeout"] <= 0:
        raise OdooInputError("run_timeout must be a positive number of seconds, got %r" % params["run_timeout"])
    lock_wait = LockWait(check_lock_timeout(params["lock_timeout"]))
    result = CronRunner(module.client(), lock_wait, params["run_timeout"], module.check_mode).run(targets)
    result.update(lock_wait.facts())
    return result


def main():
    target = dict(name=dict(type="str"), xml_id=dict(type="str"))
    module = OdooModule(
        argument_spec=dict(
            crons=dict(type="list", elements="dict", options=target),
            run_timeout=dict(type="float", default=3600),
            **dict(target, **LOCK_WAIT_ARGUMENT_SPEC)
        ),
        supports_check_mode=True,
        mutually_exclusive=[("crons", "name"), ("crons", "xml_id")],
        required_one_of=[("crons", "name", "xml_id")],
    )
    module.run(run)


if __name__ == "__main__":
    main()
