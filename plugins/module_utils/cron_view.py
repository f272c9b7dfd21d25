# -*- coding: utf-8 -*-
# Copyright: (c) 2026, odoo_ops.odoo contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""A cron in the user's terms: the read side's view of an ir.cron row.

Results, diffs, comparisons, odoo_cron_info and (later) health and export all show crons
through ``cron_view``; it needs only the store's known logins, never the sync engine.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.odoo_ops.odoo.plugins.module_utils.cron_spec import Interval


def interval_text(number, unit):
    """'1 hour', '30 minutes': how people say it (Odoo's units are plural)."""
    if number is None or number is False or not unit:
        return None
    return str(Interval(number, unit))


def cron_view(record, store, xml_id=None):
    """A cron in the user's terms: what results, diffs and comparisons show."""
    user_id = record["user_id"][0] if record.get("user_id") else None
    view = {
        "id": record["id"],
        "xml_id": xml_id,
        "name": record.get("cron_name"),
        "active": record.get("active"),
        "interval_number": record.get("interval_number"),
        "interval_type": record.get("interval_type"),
        "model": record.get("model_name"),
        "code": record.get("code"),
        "user": store.login_of(user_id) if user_id else None,
        "user_id": user_id,
        "priority": record.get("priority"),
        "nextcall": record.get("nextcall") or None,
        "lastcall": record.get("lastcall") or None,
    }
    for optional in ("numbercall", "doall", "failure_count"):
        if optional in record:
            view[optional] = record[optional]
    view["interval"] = interval_text(view["interval_number"], view["interval_type"])
    view["state"] = "present"
    return view
