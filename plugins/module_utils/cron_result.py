# -*- coding: utf-8 -*-
# Copyright: (c) 2026, odoo_ops.odoo contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""What a sync returns: per declaration the cron as it is after the run (or would be, in check mode), and the
diff of each change. Built from the planned changes (cron_sync.Change) and the store's reads; no request."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.odoo_ops.odoo.plugins.module_utils.cron_view import cron_view, interval_text


def sync_result(changes, store):
    """{changed, crons, diff, warnings?} of the planned ``changes``."""
    crons, diffs = [], []
    for change in changes:
        crons.append(result_view(change, store))
        if change.changed:
            diffs.append(change_diff(change))
    result = {"changed": any(c.changed for c in changes), "crons": crons, "diff": diffs}
    warnings = [warning for change in changes for warning in change.warnings]
    if warnings:
        result["warnings"] = warnings
    return result


def result_view(change, store):
    """The cron of one declaration, after the change."""
    declaration = change.declaration
    if change.action == "delete" or (change.record is None and declaration.state == "absent"):
        return {"name": declaration.name, "xml_id": declaration.xml_id, "state": "absent",
                "id": change.record["id"] if change.record else None, "action": change.action}
    if change.record is not None:
        view = cron_view(change.record, store, declaration.xml_id)
    else:
        view = {"xml_id": declaration.xml_id, "state": "present", "id": change.created_id, "lastcall": None,
                "nextcall": change.values.get("nextcall") if change.created_id else None}  # as stored
    view.update(dict((k, v) for k, v in change.after.items() if k not in ("state", "xml_id")))
    if "user_id" in change.values:
        view["user_id"] = change.values["user_id"]
        view["user"] = store.login_of(view["user_id"]) or declaration.user
    view["interval"] = interval_text(view.get("interval_number"), view.get("interval_type"))
    view["action"] = change.action
    for key in change.unverified:  # neither the declared value nor an unknown one: not compared
        view[key] = None
        view["%s_verified" % key] = False
    return view


def change_diff(change):
    """Ansible's diff of one change; the header says what could not be compared."""
    label = change.declaration.label
    where = " (id %s)" % change.record["id"] if change.record else ""
    if change.unverified:
        where += " (not verified: %s)" % "; ".join(
            "%s %s" % (key, why) for key, why in sorted(change.unverified.items()))
    return {
        "before_header": "cron %s%s" % (label, where),
        "after_header": "cron %s%s" % (label, where),
        "before": change.before,
        "after": change.after,
    }
