# -*- coding: utf-8 -*-
# Copyright: (c) 2026, odoo_ops.odoo contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r'''
name: cron_status_lines
short_description: Cron status rows as aligned text lines
version_added: "1.0.0"
description:
  - Turns the RV(odoo_ops.odoo.odoo_whatsapp_sync#module:status) rows, or the crons returned by
    M(odoo_ops.odoo.odoo_cron_info), into one aligned line per cron, like the old C(Check Cron Status) button.
  - When the rows carry a C(health) (M(odoo_ops.odoo.odoo_cron_info) with O(odoo_ops.odoo.odoo_cron_info#module:health=true)),
    a HEALTH column shows its status in capitals, and the first reason of each unhealthy cron follows its line.
positional: _input
options:
  _input:
    description: Rows with C(name), C(status) or C(active), C(interval), C(nextcall), C(user) and optionally C(health).
    type: list
    elements: dict
    required: true
author:
  - odoo_ops.odoo contributors (@odoo-ops)
'''

EXAMPLES = r'''
- name: Print the status
  ansible.builtin.debug:
    msg: "{{ whatsapp.status | odoo_ops.odoo.cron_status_lines }}"

- name: Print every cron with its health (cron_info registered from odoo_ops.odoo.odoo_cron_info)
  ansible.builtin.debug:
    msg: "{{ cron_info.crons | odoo_ops.odoo.cron_status_lines }}"
'''

RETURN = r'''
_value:
  description: One line per cron, a header line first; for no crons, the header and V((no crons\)).
  type: list
  elements: str
'''

from ansible.errors import AnsibleFilterError

COLUMNS = (("NAME", "name"), ("STATUS", "status"), ("EVERY", "interval"), ("NEXT RUN (UTC)", "nextcall"),
           ("USER", "user"))


def _status(row):
    if row.get("status"):
        return row["status"]
    return "ACTIVE" if row.get("active") else "INACTIVE"


HEALTH_COLUMN = ("HEALTH", "health")
NO_CRONS = "(no crons)"


def _health(row):
    health = row.get("health") or {}
    return str(health.get("status") or "-").upper()


def _cell(row, key):
    if key == "status":
        return _status(row)
    if key == "health":
        return _health(row)
    return str(row.get(key) or "-")


def cron_status_lines(rows):
    if not isinstance(rows, list):
        raise AnsibleFilterError("cron_status_lines expects a list of crons, got %s" % type(rows).__name__)
    for row in rows:
        if not isinstance(row, dict):
            raise AnsibleFilterError("cron_status_lines expects dictionaries, got %s" % type(row).__name__)
    with_health = any(isinstance(row.get("health"), dict) for row in rows)
    columns = COLUMNS[:2] + (HEALTH_COLUMN,) + COLUMNS[2:] if with_health else COLUMNS
    table = [[title for title, _key in columns]] + [[_cell(row, key) for _title, key in columns] for row in rows]
    widths = [max(len(line[index]) for line in table) for index in range(len(columns))]
    lines = ["  ".join(cell.ljust(width) for cell, width in zip(line, widths)).rstrip() for line in table]
    if with_health:
        lines = lines[:1] + [line + _first_reason(row) for line, row in zip(lines[1:], rows)]
    if not rows:
        lines.append(NO_CRONS)
    return lines


def _first_reason(row):
    health = row.get("health") or {}
    if health.get("status") in ("ok", "inactive") or not health.get("reasons"):
        return ""
    return "  <- " + health["reasons"][0]


class FilterModule(object):
    def filters(self):
        return {"cron_status_lines": cron_status_lines}
