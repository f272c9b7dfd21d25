# -*- coding: utf-8 -*-
# Copyright: (c) 2026, odoo_ops.odoo contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""A write the connected user may not make, said in one line before anything changes.

Two sources, neither costs a request:

* the login: Odoo's web session login answers ``is_system`` (``ir.http.session_info``,
  odoo/addons/web/models/ir_http.py, 14.0 to 19.0). A user outside Administration / Settings can never
  write a cron's or server action's ``code`` (``groups='base.group_system'``, ir_actions.py), so such a
  create or write is refused here, before it is sent;
* Odoo's own refusal of a call (``IrModelAccess.check`` / ``_make_access_error``, ir_model.py): a refused
  call changes nothing (Odoo rolls the request back), and its text names the operation, the model and the
  groups that would allow it, which become the one line.

* Odoo's AccessDenied of the addon buttons: ir.module.module's install/upgrade/uninstall buttons,
  their cancels and ``update_list`` are wrapped in ``assert_log_admin_access``
  (odoo/addons/base/models/ir_module.py, 14.0 to 19.0), which raises AccessDenied, the class of a wrong
  password, unless ``env.is_admin()`` (res_users.py ``_is_admin``: superuser or base.group_erp_manager,
  which base.group_system implies). After a call of the same run succeeded it is a right, not the
  credentials (``describe_denied``).

A run that writes nothing never gets here, so a no-op pays nothing for the check.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import re

IS_SYSTEM = "is_system"
WRITE_METHODS = ("create", "write", "unlink")
# models whose records hold Python code with groups='base.group_system' (ir_actions.py, ir_cron.py _inherits)
CODE_MODELS = ("ir.cron", "ir.actions.server")
SYSTEM_GROUP = ("Administration / Settings", "base.group_system")
# the group names Odoo's refusal lists (group_names_with_access: '%s/%s' % (category, name) before 19.0;
# 19.0 names groups without a category) -> their external ids, for the known ones
KNOWN_GROUPS = {
    "Administration/Settings": "base.group_system",
    "Role / Administrator": "base.group_system",
    "Administration/Access Rights": "base.group_erp_manager",
    "Access Rights": "base.group_erp_manager",
    "User types/Internal User": "base.group_user",
    "Role / User": "base.group_user",
    "Extra Rights/Contact Creation": "base.group_partner_manager",
}
_HEAD = re.compile(r"You are not allowed to (modify|create|delete|access) '[^']*' \(([\w.]+)\) records")
_RESOLUTION = re.compile(r"\s*(Contact your administrator|\n\n)")
_ITEM = re.compile(r"(?:^|\s)-\s")
# ir_module.py @assert_log_admin_access methods the collection calls (14.0-19.0; button_reset_state 19.0)
ADMIN_ACCESS_METHODS = {
    "button_immediate_install": "installing addons", "button_install": "installing addons",
    "button_immediate_upgrade": "upgrading addons", "button_upgrade": "upgrading addons",
    "button_immediate_uninstall": "uninstalling addons", "button_uninstall": "uninstalling addons",
    "module_uninstall": "uninstalling addons", "update_list": "updating the addons list",
    "button_install_cancel": "cancelling a pending addon operation",
    "button_upgrade_cancel": "cancelling a pending addon operation",
    "button_uninstall_cancel": "cancelling a pending addon operation",
    "button_reset_state": "cancelling a pending addon operation",
}
_VERBS = {"modify": "writing", "create": "creating", "delete": "deleting", "access": "reading"}


def note_login(client, info):
    """Remember what the web login said of the user (kept per play with the session)."""
    if IS_SYSTEM in (info or {}):
        client.capabilities[IS_SYSTEM] = bool(info[IS_SYSTEM])


def refusal_before(client, model, method, args):
    """The one line refusing ``model.method(*args)`` before it is sent, or None when it may be tried."""
    if model not in CODE_MODELS or method not in ("create", "write") or client.capabilities.get(IS_SYSTEM) is not False:
        return None
    values = args[0] if method == "create" else (args[1] if len(args) > 1 else {})
    rows = values if isinstance(values, list) else [values]
    if method == "write" and not any("code" in (row or {}) for row in rows):
        return None  # other fields may be granted by an access row of another group; Odoo tells
    return _line("creating" if method == "create" else "writing", model, ["%s (%s)" % SYSTEM_GROUP],
                 client.username, "its code")


def describe_refusal(model, method, username, message, is_system=None):
    """One line for Odoo's refusal of a write-like call, or None when ``message`` is not a model-level refusal.

    ``is_system``: what the login said of the user (None: not known); a user in Settings is not read-only."""
    head = _HEAD.search(message or "")
    if not head or (method not in WRITE_METHODS and head.group(1) == "access"):
        return None
    groups = []
    if "following groups:" in message:
        # the list ends where the resolution begins; the message may come in one line (odoo_http.py)
        listed = _RESOLUTION.split(message.split("following groups:", 1)[1], 1)[0]
        for name in [item.strip() for item in _ITEM.split(listed)]:
            if name:
                groups.append("%s (%s)" % (name, KNOWN_GROUPS[name]) if name in KNOWN_GROUPS else name)
    return _line(_VERBS[head.group(1)], head.group(2), groups, username, None, method if method not in
                 WRITE_METHODS else None, in_settings=bool(is_system))


def describe_denied(model, method, username):
    """One line for Odoo's AccessDenied of an addon button (``assert_log_admin_access``), or None."""
    if model != "ir.module.module" or method not in ADMIN_ACCESS_METHODS:
        return None
    return ("%s needs Administration / Settings (base.group_system, which implies base.group_erp_manager); user %r "
            "does not have it (ir.module.module.%s: Odoo answers AccessDenied, the credentials were accepted; "
            "run addon operations with the apply user)" % (ADMIN_ACCESS_METHODS[method], username, method))


def _line(verb, model, groups, username, what=None, via=None, in_settings=False):
    needs = " or ".join(groups) if groups else "a group that no group currently has"
    hint = ("the user is in Administration / Settings: add it to that group, or run this step as an administrator"
            if in_settings else "a read-only credential? run writes with the apply user")
    return "%s %s%s%s needs %s; user %r does not have it (%s)" % (
        verb, model, " (%s)" % what if what else "", " (%s)" % via if via else "", needs, username, hint)
