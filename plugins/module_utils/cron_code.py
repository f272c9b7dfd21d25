# -*- coding: utf-8 -*-
# Copyright: (c) 2026, odoo_ops.odoo contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""A cron's code, for a user who may read ir.cron but not its ``code`` field.

ir.actions.server declares ``code = fields.Text(..., groups='base.group_system')``
(odoo/addons/base/models/ir_actions.py, 14.0 to 19.0) and ir.cron inherits the field with its groups
(``_inherits``), so a read-only user outside Administration / Settings gets "You do not have enough
rights to access the fields "code" on Scheduled Actions (ir.cron)" for any read that names it. The store
then reads the other fields (CronStore.read_crons) and remembers it for the play.

What can still be told: on 14.0 to 18.0 a search domain on a field is not checked against the field's
groups (odoo/osv/expression.py and models.py ``_where_calc`` never look at ``field.groups``; only reads
and writes do, ``check_field_access_rights``), so ``CodeCheck`` asks Odoo which crons have exactly the
declared code, in one search for all of them. Where the search is refused too, it says which crons it
could not compare, and why: never an "ok" it did not verify.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import re

from ansible_collections.odoo_ops.odoo.plugins.module_utils.errors import OdooAccessError

CODE_HIDDEN = "cron_code_hidden"
_CODE_REFUSAL = re.compile(r'access the fields? "([^"]*)"')
_DETAILED_CODE_REFUSAL = re.compile(r"Fields:\s*(?:-\s*\w+[^-]*)*-\s*code\b")


def is_code_refusal(error):
    """Whether Odoo refused a read because of the ``code`` field (its field groups), not the model."""
    message = getattr(error, "message", "") or ""
    # a user with Technical Features (base.group_no_one, implied by Internal User on 14.0-17.0, measured) gets
    # "The requested operation can not be completed ... Fields: - code (allowed for groups ...)" instead
    if _DETAILED_CODE_REFUSAL.search(message):
        return True
    match = _CODE_REFUSAL.search(message)
    return bool(match) and "code" in [name.strip() for name in match.group(1).split(",")]


def differs_marker(username):
    return "(differs from the declared code; user %r may not read it)" % username


def hidden_warning(username):
    return ("user %r may not read the crons' code (ir.actions.server code is groups=base.group_system): code is "
            "null in the results; a read-only user compares declared code by a search instead" % username)


def read_side_warnings(client, exporting):
    """What odoo_cron_info tells a user who may not read the code; an export without code is refused."""
    if not client.capabilities.get(CODE_HIDDEN):
        return []
    if exporting:
        raise OdooAccessError(
            "exporting declarations needs the crons' code, which Odoo does not let user %r read (ir.actions.server "
            "code is groups=base.group_system); export with a user in Administration / Settings (the apply user)"
            % client.username)
    return [hidden_warning(client.username)]


class CodeCheck:
    """Planning step of CronSync: fill in the code of crons the user may not read, from one search."""

    def read_domain(self, store):
        return None

    def changes(self, changes, records, store):
        if not store.code_hidden:
            return []
        pairs = [(c.record["id"], c.declaration.wanted["code"]) for c in changes
                 if c.record and "code" not in c.record and "code" in c.declaration.wanted]
        if not pairs:
            return []
        domain = []
        for _index in range(len(pairs) - 1):
            domain.append("|")
        for cron_id, code in pairs:
            domain.extend(["&", ("id", "=", cron_id), ("code", "=", code)])
        try:
            same = set(store.client.call("ir.cron", "search", domain, context={"active_test": False}))
        except OdooAccessError as error:
            raise OdooAccessError(
                "comparing the code of cron ids %s needs reading or searching ir.cron's code, which Odoo refuses "
                "to user %r (%s); run this task with a user in Administration / Settings (base.group_system)"
                % (", ".join(str(cron_id) for cron_id, _code in pairs), store.client.username, error.message))
        marker = differs_marker(store.client.username)
        for change in changes:
            if change.record and "code" not in change.record and "code" in change.declaration.wanted:
                change.record["code"] = change.declaration.wanted["code"] if change.record["id"] in same else marker
        return []
