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
positional: _input
options:
  _input:
    description: Rows with C(name), C(status) or C(active), C(interval), C(nextcall) and C(user).
    type: list
    elements: dict
    required: true
author:
  - odoo_ops.odoo contributors !UNKNOWN
'''

EXAMPLES = r'''
- name: Print the status
  ansible.builtin.debug:
    msg: "{{ whatsapp.status | odoo_ops.odoo.cron_status_lines }}"
'''

RETURN = r'''
_value:
  description: One line per cron, a header line first.
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


def cron_status_lines(rows):
    if not isinstance(rows, list):
        raise AnsibleFilterError("cron_status_lines expects a list of crons, got %s" % type(rows).__name__)
    table = [[title for title, _key in COLUMNS]]
    for row in rows:
        if not isinstance(row, dict):
            raise AnsibleFilterError("cron_status_lines expects dictionaries, got %s" % type(row).__name__)
        table.append([_status(row) if key == "status" else str(row.get(key) or "-") for _title, key in COLUMNS])
    widths = [max(len(line[index]) for line in table) for index in range(len(COLUMNS))]
    return ["  ".join(cell.ljust(width) for cell, width in zip(line, widths)).rstrip() for line in table]


class FilterModule(object):
    def filters(self):
        return {"cron_status_lines": cron_status_lines}
