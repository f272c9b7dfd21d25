# -*- coding: utf-8 -*-
# Copyright: (c) 2026, odoo_ops.odoo contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""A cron's code, for a user who may read ir.cron but not its ``code`` field.

ir.actions.server declares ``code = fields.Text(..., groups='base.group_system')``
(odoo/addons/base/models/ir_actions.py, 14.0 to 19.0) and ir.cron inherits the field with its groups
(``_inherits``), so a read-only user outside Administration / Settings gets "You do not have enough
rights to access the fields "code" on Scheduled Actions (ir.cron)" for any read that names it. The store
then reads the other fields (CronStore.read_crons) and remembers it for the play.

What can still be told depends on what the server answers, never on its version number:

* 14.0 and 16.0 check a search domain's fields against their groups nowhere (models.py ``_flush_search``
  and ``_where_calc`` never look at ``field.groups``; measured on real 14.0 and 16.0), so ``CodeCheck``
  asks Odoo which crons have exactly the declared code, in one search for all of them;
* 17.0 and 18.0 refuse that search (odoo/models.py ``_flush_search``, "# Check access of fields with
  groups", 17.0 and 18.0), and so do 19.0 and later (odoo/orm/domains.py ``DomainCondition._to_sql`` calls
  ``_check_field_access``, 19.0, and odoo/odoo @0670197de515 for 20.0); measured refused on real 17.0, 18.0
  and 19.0 (17.0 names ir.cron, 18.0 and 19.0 ir.actions.server). Then the code of those crons is *not
  verified*: each says so in the result (``code_verified`` false) and in its diff header, one warning per
  task names why, and no "ok" or "changed" is claimed for code.
  The refusal is remembered for the play (``CODE_SEARCH_REFUSED``), so later tasks do not ask again.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import re

from ansible_collections.odoo_ops.odoo.plugins.module_utils.errors import OdooAccessError

CODE_HIDDEN = "cron_code_hidden"
CODE_SEARCH_REFUSED = "cron_code_search_refused"
SYSTEM_GROUP = "Administration / Settings (base.group_system)"
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
            "null in the results" % username)


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
    """Planning step of CronSync: fill in the code of crons the user may not read, from one search, or mark it
    not verified (``Change.unverified``) where Odoo refuses that search too."""

    def read_domain(self, store):
        return None

    def changes(self, changes, records, store):
        if not store.code_hidden:
            return []
        pairs = [(c.record["id"], c.declaration.wanted["code"]) for c in changes if _pending(c)]
        if not pairs:
            return []
        domain = []
        for _index in range(len(pairs) - 1):
            domain.append("|")
        for cron_id, code in pairs:
            domain.extend(["&", ("id", "=", cron_id), ("code", "=", code)])
        client = store.client
        same = None if client.capabilities.get(CODE_SEARCH_REFUSED) else _same_code(client, domain, pairs)
        if same is None:
            for change in changes:
                if _pending(change):
                    change.unverified["code"] = "needs reading or searching ir.actions.server code: %s" % SYSTEM_GROUP
            warn_once(client, unverified_warning(client.username))
            return []
        marker = differs_marker(client.username)
        for change in changes:
            if _pending(change):
                change.record["code"] = change.declaration.wanted["code"] if change.record["id"] in same else marker
        return []


def _pending(change):
    return bool(change.record) and "code" not in change.record and "code" in change.declaration.wanted


def _same_code(client, domain, pairs):
    """The ids among ``pairs`` whose code is the declared one, or None when Odoo refuses the search on code."""
    try:
        return set(client.call("ir.cron", "search", domain, context={"active_test": False}))
    except OdooAccessError as error:
        if not is_code_refusal(error):
            raise OdooAccessError(
                "comparing the code of cron ids %s needs searching ir.cron's code, which Odoo refuses to user %r "
                "(%s); run this task with a user in %s" % (", ".join(str(cron_id) for cron_id, _code in pairs),
                                                           client.username, error.message, SYSTEM_GROUP))
        client.capabilities[CODE_SEARCH_REFUSED] = True  # kept with the session: once per play and target
        return None


def unverified_warning(username):
    return ("the code of the declared crons is not verified: Odoo lets user %r neither read nor search "
            "ir.actions.server code (groups=base.group_system; 17.0 and later check a search's fields too), so "
            "each cron says code_verified false and no change of code is reported; compare code with a user in "
            "%s (the apply user)" % (username, SYSTEM_GROUP))


def warn_once(client, warning):
    """One warning per task, however many crons it concerns."""
    if warning not in client.warnings:
        client.warnings.append(warning)
