# -*- coding: utf-8 -*-
# Copyright: (c) 2026, odoo_ops.odoo contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type


class ModuleDocFragment(object):

    DOCUMENTATION = r'''
options:
  name:
    description:
      - Exact name of the cron. Identifies the cron when O(xml_id) is not given; with O(xml_id) it is the
        name to set (and the name under which a cron without external id is adopted).
      - Required to create a cron.
    type: str
  xml_id:
    description:
      - External id C(module.name) that identifies the cron, for example
        V(whatsapp_integration.ir_cron_whatsapp_sync_hourly).
      - A cron created by this module gets it registered with C(noupdate), so upgrading the addon named
        by C(module) neither deletes nor resets it. A cron found by O(name) without this id is adopted and
        given it.
    type: str
  state:
    description:
      - V(present) makes the cron exist as declared; V(absent) deletes it (and its server action).
      - To stop a cron but keep it, use O(active=false).
    type: str
    choices: [present, absent]
    default: present
  active:
    description:
      - Whether the cron runs. V(false) archives it. New crons are active unless this says otherwise.
    type: bool
  interval:
    description:
      - How often the cron runs, as text, for example V(30 minutes), V(1 hour), V(1 day), V(2 weeks),
        V(hourly) or V(daily).
      - V(never) (Odoo 20.0 and later, C(interval_type=never)) declares a cron that runs only at its
        O(nextcall) or when triggered, not again by itself. Refused, before anything is written, on
        Odoo 19.0 and older.
      - Mutually exclusive with O(interval_number) and O(interval_type). Required to create a cron
        (in one form or the other).
    type: str
  interval_number:
    description:
      - How many O(interval_type) units between runs, at least 1. Goes with O(interval_type).
    type: int
  interval_type:
    description:
      - Unit of O(interval_number). V(never) needs Odoo 20.0 or later (see O(interval)).
    type: str
    choices: [minutes, hours, days, weeks, months, never]
  model:
    description:
      - Technical name of the model the cron runs on, for example V(res.partner). Required to create a cron.
    type: str
  method:
    description:
      - Name of a public method of O(model) that the cron calls; the module writes the code
        V(model.<method>(<args>, <kwargs>\)) itself, so nothing but that call can reach the cron.
      - Must be a Python identifier not starting with C(_). Mutually exclusive with O(code).
      - The module cannot check that O(model) has this method, and Odoo stores any name. On Odoo 14.0 to 18.0
        no read-only call tells whether a model has a method; the external API looks the name up only to call
        it (C(call_kw), odoo/api.py), and calling it would run it. A private name (starting with C(_)) is
        refused here before any request.
      - A misspelt method fails at every run of the cron with an C(AttributeError) in Odoo's log. On Odoo 18.0
        and later the scheduler counts the failures, and M(odoo_ops.odoo.odoo_cron_info) with
        O(odoo_ops.odoo.odoo_cron_info#module:health) reports the cron as V(failing). On Odoo 14.0 to 17.0 a
        failed run leaves no trace in the database; the scheduler rolls the job back, then moves C(lastcall)
        and C(nextcall) (and counts down C(numbercall)) exactly as after a success, so health stays V(ok).
      - The proof on every version is one run with M(odoo_ops.odoo.odoo_cron_run) after declaring a new cron
        or changing its method; it fails with one line naming the model and the missing method. On 14.0 to
        18.0 it leaves nothing behind (Odoo rolls the whole request back); on 19.0 it counts as one failure
        of the cron, as a scheduled run would.
    type: str
  args:
    description:
      - Positional arguments for O(method), each a string, number, boolean, null, list or dictionary.
    type: list
    elements: raw
  kwargs:
    description:
      - Keyword arguments for O(method), same value types as O(args).
    type: dict
  code:
    description:
      - Python code of the cron, verbatim (Odoo runs it with C(model), C(env), C(datetime), ... in scope).
        Mutually exclusive with O(method).
    type: str
  user:
    description:
      - User the cron runs as, by login (V(admin)) or external id (V(base.user_root)).
      - When not set, an existing cron keeps its user and a new cron runs as V(base.user_root) (OdooBot).
    type: str
  priority:
    description:
      - Priority of the cron; V(0) runs first, Odoo's default is V(5).
    type: int
  nextcall:
    description:
      - Next run, in UTC, as V(YYYY-MM-DD HH:MM:SS). Compared only when given, since Odoo moves it after each run.
    type: str
  numbercall:
    description:
      - How many more times the cron runs; V(-1) means forever.
      - When not set, a new cron gets V(-1) (Odoo's own default, V(1), makes a cron run once and archive itself).
      - Only on Odoo 14.0 to 17.0; Odoo 18.0 removed the field and the module fails if you set it there.
    type: int
  doall:
    description:
      - Whether runs missed while the server was down are all executed at restart.
      - Only on Odoo 14.0 to 17.0.
    type: bool
'''
