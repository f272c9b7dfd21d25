# -*- coding: utf-8 -*-
# Copyright: (c) 2026, odoo_ops.odoo contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Crons as declarations: what odoo_cron_info's ``as_declarations`` returns, ready for odoo_cron's ``crons``.

Read side only (it works on ``cron_view`` rows and never needs the sync engine). An entry holds
what makes the cron what it is, and nothing odoo_cron sets anyway, so that an export of one
database applies to another of any version 14.0-18.0 and reads back the same:

* ``method`` with ``args``/``kwargs`` when the code is one call ``model.<method>(<literals>)`` that
  odoo_cron would write back character for character; the code as it is otherwise;
* ``interval`` in words, ``active``, ``user`` (a login, or ``base.user_root`` for the superuser);
* ``priority`` only when it is not Odoo's default, 5 (``priority = fields.Integer(default=5)``,
  odoo/addons/base/models/ir_cron.py, 14.0 to 19.0);
* ``numbercall`` only when finite and ``doall`` only when true (-1 and false are what odoo_cron
  sets on 14.0-17.0; 18.0 has neither field, and odoo_cron refuses them there clearly);
* ``nextcall`` only on request: the scheduler moves it after every run.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import ast

from ansible_collections.odoo_ops.odoo.plugins.module_utils.client import SUPERUSER_ID
from ansible_collections.odoo_ops.odoo.plugins.module_utils.cron_spec import render_call
from ansible_collections.odoo_ops.odoo.plugins.module_utils.errors import OdooInputError

DEFAULT_PRIORITY = 5
SUPERUSER_REFERENCE = "base.user_root"


def parse_call(code):
    """(method, args, kwargs) when ``code`` is one call ``model.<method>(...)`` of literals, else None.

    Only a call that ``render_call`` writes back identically qualifies, so applying the export to
    the database it came from changes nothing (odoo_cron compares the code as text).
    """
    text = (code or "").strip()
    try:
        call = ast.parse(text, mode="eval").body
    except (SyntaxError, ValueError):
        return None
    if not (isinstance(call, ast.Call) and isinstance(call.func, ast.Attribute)
            and isinstance(call.func.value, ast.Name) and call.func.value.id == "model"):
        return None
    if any(keyword.arg is None for keyword in call.keywords):
        return None  # **mapping
    try:
        args = [ast.literal_eval(node) for node in call.args]
        kwargs = dict((keyword.arg, ast.literal_eval(keyword.value)) for keyword in call.keywords)
        rendered = render_call(call.func.attr, args, kwargs)
    except (ValueError, TypeError, SyntaxError, RecursionError, OdooInputError):
        return None  # not literals (names, *args, sets, ...), or a private or invalid method
    if rendered != text:
        return None  # e.g. tuples, another quoting or spacing: keep the code as written
    return call.func.attr, args, kwargs


def declaration_of(cron, include_nextcall=False):
    """One cron view as an odoo_cron ``crons`` entry, keys in the order a person reads them."""
    entry = {}
    if cron.get("xml_id"):
        entry["xml_id"] = cron["xml_id"]
    entry["name"] = cron["name"]
    entry["model"] = cron["model"]
    entry.update(_code_options(cron.get("code")))
    entry["interval"] = cron["interval"]
    entry["active"] = bool(cron["active"])
    user = user_reference(cron)
    if user:
        entry["user"] = user
    if cron.get("priority") not in (None, DEFAULT_PRIORITY):
        entry["priority"] = cron["priority"]
    if cron.get("numbercall") not in (None, -1):
        entry["numbercall"] = cron["numbercall"]
    if cron.get("doall"):
        entry["doall"] = True
    if include_nextcall and cron.get("nextcall"):
        entry["nextcall"] = cron["nextcall"]
    return entry


def _code_options(code):
    call = parse_call(code)
    if call is None:
        return {"code": code}
    method, args, kwargs = call
    options = {"method": method}
    if args:
        options["args"] = args
    if kwargs:
        options["kwargs"] = kwargs
    return options


def user_reference(cron):
    """The superuser by its external id (its login, __system__, is not meant to be typed), else the login."""
    if cron.get("user_id") == SUPERUSER_ID:
        return SUPERUSER_REFERENCE
    return cron.get("user")


def export_declarations(crons, include_nextcall=False):
    """(declarations sorted by name then external id, warnings about what odoo_cron would refuse)."""
    ordered = sorted(crons, key=lambda cron: (cron["name"] or "", cron.get("xml_id") or "", cron["id"]))
    declarations = [declaration_of(cron, include_nextcall) for cron in ordered]
    return declarations, _duplicate_name_warnings(ordered)


def _duplicate_name_warnings(crons):
    ids_by_name = {}
    for cron in crons:
        ids_by_name.setdefault(cron["name"], []).append(cron["id"])
    return ["%d crons are named %r (ids %s): odoo_cron declares each name once, so rename or delete the extra "
            "ones before applying these declarations" % (len(ids), name, ", ".join(str(i) for i in ids))
            for name, ids in sorted(ids_by_name.items(), key=lambda item: item[0] or "") if len(ids) > 1]
