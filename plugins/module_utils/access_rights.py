# -*- coding: utf-8 -*-
# Copyright: (c) 2026, odoo_ops.odoo contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Which groups hold a right on a model: the one place that knows both of Odoo's security models.

The server is asked, not its version: the model ``ir.access`` exists (Odoo 20.0) or it does not
(14.0-19.0). What the server has is read once per run (``client.capabilities``) and handed on per
play in ``odoo_session`` with the version (plugin_utils/session.py), so a play pays for it once.

* 14.0-19.0: one row per (model, group) with a boolean per right; a row without a group grants
  the right to everyone (odoo/addons/base/models/ir_model.py, IrModelAccess.check).
* 20.0: ``ir.access`` (odoo/addons/base/models/ir_access.py, odoo/odoo commit 5d9a6616756d;
  odoo/addons/base/security/ir.access.csv, commit c26577dc5717): ``operation`` is a subset of
  ``rwcd`` (the letters r, w, c, d in that order), searchable through ``for_read``/``for_write``/...;
  a row with a group is a permission (they are OR-ed), a row without one is a restriction (its
  domains are AND-ed) and grants nothing: with no permission row for one of the user's groups, the
  user has no access at all (``_get_access_domain`` returns None). Restrictions narrow the records,
  not the model, so a model-level check reads permissions only.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

ACCESS = "ir.access"      # Odoo 20.0+
# ir_access.py: for_read/for_write/for_create/for_unlink test the letters of ``operation``
LETTERS = {"read": "r", "write": "w", "create": "c", "unlink": "d"}
CAPABILITY = "access_model"


def known_access_model(client):
    """'ir.access', 'legacy' or None when this run (or play) has not asked the server yet."""
    return client.capabilities.get(CAPABILITY)


def note_models(client, present):
    """Learn the security model from a read of ir.model that included ACCESS (no extra request)."""
    client.capabilities[CAPABILITY] = ACCESS if ACCESS in present else "legacy"


def read_models(client, names):
    """{name: ir.model id} of the models among ``names`` that exist, in one read of ir.model that also tells,
    the first time, which security model the server has (no request of its own for that)."""
    names = sorted(set(names))
    if not names:
        return {}
    unknown = known_access_model(client) is None
    rows = client.search_read("ir.model", [("model", "in", names + [ACCESS] if unknown else names)], ["model"])
    if unknown:
        note_models(client, set(row["model"] for row in rows))
    return dict((row["model"], row["id"]) for row in rows if row["model"] in names)


def model_grants(client, model_ids, operations=("read",)):
    """{model id: {operation: [group id, or None for everyone]}} of the given ir.model ids."""
    grants = dict((model_id, dict((operation, []) for operation in operations)) for model_id in model_ids)
    if model_ids:
        for model_id, operation, group in _grants(client, ("model_id", "in", sorted(model_ids)), operations):
            grants[model_id][operation].append(group)
    return grants


def grants_of(client, model, operations=("read",)):
    """{operation: [group id, or None for everyone]} of the model named ``model``."""
    grants = dict((operation, []) for operation in operations)
    for _model_id, operation, group in _grants(client, ("model_id.model", "=", model), operations):
        grants[operation].append(group)
    return grants


def _grants(client, model_leaf, operations):
    """(model id, operation, group id or None) of each right given on the models of ``model_leaf``."""
    for operation in operations:
        if operation not in LETTERS:
            raise ValueError("unknown operation %r" % operation)
    if known_access_model(client) is None:
        note_models(client, set(row["model"] for row in client.search_read(
            "ir.model", [("model", "=", ACCESS)], ["model"])))
    if known_access_model(client) == ACCESS:
        # 20.0: the active permission rows (those with a group) and the operations they allow
        rows = client.search_read(ACCESS, [model_leaf, ("group_id", "!=", False)],
                                  ["model_id", "group_id", "operation"])
        for row in rows:
            for operation in operations:
                if row.get("group_id") and LETTERS[operation] in (row.get("operation") or ""):
                    yield row["model_id"][0], operation, row["group_id"][0]
        return
    # 14.0-19.0
    rows = client.search_read("ir.model.access", [model_leaf],
                              ["model_id", "group_id"] + ["perm_%s" % operation for operation in operations])
    for row in rows:
        for operation in operations:
            if row.get("perm_%s" % operation):
                yield row["model_id"][0], operation, row["group_id"][0] if row.get("group_id") else None


def can(user_groups, groups):
    """Whether a user of ``user_groups`` (implied ones included) is among ``groups`` (None: everyone)."""
    return any(group is None or group in user_groups for group in groups)


# -- a group's own rows (odoo_group) --------------------------------------------------------
OPERATIONS = ("read", "write", "create", "unlink")


def access_model(client):
    """'ir.access' (20.0) or 'ir.model.access' (14.0-19.0), asking the server once per run or play."""
    if known_access_model(client) is None:
        note_models(client, set(row["model"] for row in client.search_read(
            "ir.model", [("model", "=", ACCESS)], ["model"])))
    return ACCESS if known_access_model(client) == ACCESS else "ir.model.access"


def group_rows(client, group_id):
    """{ir.model id: {'id': row id, 'operations': set, 'active': bool}} of the rows naming ``group_id``,
    archived ones included (a row archived by hand is one to reactivate, not a second one to create)."""
    model = access_model(client)
    fields = ["model_id", "active"] + (["operation"] if model == ACCESS else ["perm_%s" % op for op in OPERATIONS])
    rows = client.search_read(model, [("group_id", "=", group_id)], fields, archived=True, order="id")
    result = {}
    for row in rows:
        if model == ACCESS:
            operations = set(op for op in OPERATIONS if LETTERS[op] in (row.get("operation") or ""))
        else:
            operations = set(op for op in OPERATIONS if row.get("perm_%s" % op))
        result.setdefault(row["model_id"][0], {"id": row["id"], "operations": operations,
                                               "active": row.get("active", True)})
    return result


def operations_values(client, operations):
    """What to write on a row so that it grants exactly ``operations``."""
    if access_model(client) == ACCESS:
        # ir_access.py: ``operation`` holds the letters in the order r, w, c, d
        return {"operation": "".join(LETTERS[op] for op in OPERATIONS if op in operations), "active": True}
    values = dict(("perm_%s" % op, op in operations) for op in OPERATIONS)
    values["active"] = True
    return values


def row_values(client, name, model_id, group_id, operations):
    """A new row: ``name`` (required on both models), the model, the group and the rights."""
    values = {"name": name, "model_id": model_id, "group_id": group_id}
    values.update(operations_values(client, operations))
    return values
