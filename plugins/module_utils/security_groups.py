# -*- coding: utf-8 -*-
# Copyright: (c) 2026, odoo_ops.odoo contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""odoo_group: a res.groups record with exactly the declared access rows, read -> diff -> write.

The rows are ir.model.access on 14.0-19.0 and ir.access on 20.0; access_rights.py is the one place that
knows both. The group owns its rows: a row of the group for a model it does not declare is removed, so a
right granted by hand to "Scheduled Actions: read only" shows up as a change (check mode, diff) and goes.

Requests of a run that changes nothing: the group, the declared models (which also tells, once per play,
the security model), the group's rows; one more to resolve ``implied`` external ids when given.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.odoo_ops.odoo.plugins.module_utils import access_rights
from ansible_collections.odoo_ops.odoo.plugins.module_utils.errors import OdooInputError

GROUPS = "res.groups"


def parse_access(entries):
    """{model: frozenset(operations)} of the ``access`` option, refusing what Odoo could not store."""
    result = {}
    for index, entry in enumerate(entries or []):
        model = (entry.get("model") or "").strip()
        if not model:
            raise OdooInputError("access[%d]: model is required (a technical name such as ir.cron)" % index)
        operations = entry.get("operations") or ["read"]
        unknown = sorted(set(operations) - set(access_rights.OPERATIONS))
        if unknown:
            raise OdooInputError("access[%d] (%s): unknown operations %s; use %s"
                                 % (index, model, ", ".join(unknown), ", ".join(access_rights.OPERATIONS)))
        if model in result:
            raise OdooInputError("access[%d]: model %s is declared twice; declare each model once" % (index, model))
        result[model] = frozenset(operations)
    return result


def xml_id_ids(client, model, xml_ids):
    """{xml id: record id} of ``model``; an unknown one is an error naming it."""
    xml_ids = sorted(set(xml_ids))
    if not xml_ids:
        return {}
    for xml_id in xml_ids:
        if "." not in xml_id:
            raise OdooInputError("%r is not an external id (module.name, e.g. base.group_user)" % xml_id)
    pairs = [xml_id.split(".", 1) for xml_id in xml_ids]
    rows = client.search_read("ir.model.data", [("model", "=", model),
                                                ("module", "in", sorted(set(p[0] for p in pairs))),
                                                ("name", "in", sorted(set(p[1] for p in pairs)))],
                              ["module", "name", "res_id"])
    found = dict(("%s.%s" % (row["module"], row["name"]), row["res_id"]) for row in rows)
    missing = [xml_id for xml_id in xml_ids if xml_id not in found]
    if missing:
        raise OdooInputError("no %s has the external id %s; check the name and that its addon is installed"
                             % (model, ", ".join(missing)))
    return dict((xml_id, found[xml_id]) for xml_id in xml_ids)


class GroupSync:
    """Converge one group and its access rows."""

    def __init__(self, client, check_mode=False):
        self.client = client
        self.check_mode = check_mode

    def ensure(self, name, access, implied=(), state="present", missing_models="fail"):
        access = parse_access(access)
        fields = ["name"] + (["implied_ids"] if implied else [])
        groups = self.client.search_read(GROUPS, [("name", "=", name)], fields)
        if len(groups) > 1:
            raise OdooInputError("%d groups are named %r (ids %s); rename or delete the extra ones"
                                 % (len(groups), name, ", ".join(str(g["id"]) for g in groups)))
        group = groups[0] if groups else None
        if state == "absent":
            return self._absent(name, group)
        models = access_rights.read_models(self.client, list(access))
        missing = sorted(set(access) - set(models))
        if missing and missing_models == "skip":
            # e.g. ir.access before 20.0, ir.cron.progress before 18.0, an addon's model before it is installed
            access = dict((model, ops) for model, ops in access.items() if model in models)
        elif missing:
            raise OdooInputError("access: no model %s on this server; check the technical name and that its addon "
                                 "is installed" % ", ".join(missing))
        implied_ids = xml_id_ids(self.client, GROUPS, implied)
        rows = access_rights.group_rows(self.client, group["id"]) if group else {}
        wanted = dict((models[model], ops) for model, ops in access.items())
        plan = self._plan(rows, wanted)
        names = dict((model_id, model) for model, model_id in models.items())
        missing_implied = sorted(set(implied_ids.values()) - set(group.get("implied_ids") or [])) if group else []
        before = self._view(name, group, rows, names, implied_ids) if group else {}
        after = {"name": name, "state": "present", "access": self._access_view(wanted, names),
                 "implied": sorted(implied)}
        if not group or not implied:
            before.pop("implied", None)
            if not implied:
                after.pop("implied")
        changed = group is None or any(plan[key] for key in ("create", "update", "remove")) or bool(missing_implied)
        group_id = group["id"] if group else None
        if changed and not self.check_mode:
            group_id = self._apply(name, group_id, plan, wanted, names, missing_implied, implied_ids)
        return {"changed": changed, "group": dict(after, id=group_id), "skipped_models": missing,
                "diff": {"before": before, "after": after, "before_header": "group %r" % name,
                         "after_header": "group %r" % name}}

    @staticmethod
    def _plan(rows, wanted):
        create = sorted(model_id for model_id in wanted if model_id not in rows)
        update = sorted(model_id for model_id, ops in wanted.items() if model_id in rows and (
            rows[model_id]["operations"] != set(ops) or not rows[model_id]["active"]))
        remove = sorted(rows[model_id]["id"] for model_id in rows if model_id not in wanted)
        return {"create": create, "update": update, "remove": remove, "rows": rows}

    def _apply(self, name, group_id, plan, wanted, names, missing_implied, implied_ids):
        call = self.client.call
        if group_id is None:
            values = {"name": name}
            if implied_ids:
                values["implied_ids"] = [(6, 0, sorted(implied_ids.values()))]
            created = call(GROUPS, "create", [values])
            group_id = created[0] if isinstance(created, list) else created
        elif missing_implied:
            call(GROUPS, "write", [group_id], {"implied_ids": [(4, gid) for gid in missing_implied]})
        model = access_rights.access_model(self.client)
        if plan["remove"]:
            call(model, "unlink", plan["remove"])
        for model_id in plan["update"]:
            call(model, "write", [plan["rows"][model_id]["id"]],
                 access_rights.operations_values(self.client, wanted[model_id]))
        if plan["create"]:
            call(model, "create", [access_rights.row_values(self.client, "%s: %s" % (name, names[model_id]),
                                                            model_id, group_id, wanted[model_id])
                                   for model_id in plan["create"]])
        return group_id

    def _absent(self, name, group):
        before = {"name": name, "state": "present"} if group else {"name": name, "state": "absent"}
        rows = access_rights.group_rows(self.client, group["id"]) if group else {}
        if group and not self.check_mode:
            # the rows first: a group's unlink cascades to ir.model.access (group_id ondelete cascade,
            # odoo/addons/base/models/ir_model.py), but ir.access is read from 20.0's sources only
            if rows:
                self.client.call(access_rights.access_model(self.client), "unlink",
                                 sorted(row["id"] for row in rows.values()))
            self.client.call(GROUPS, "unlink", [group["id"]])
        return {"changed": bool(group), "group": {"name": name, "state": "absent", "id": None},
                "diff": {"before": before, "after": {"name": name, "state": "absent"},
                         "before_header": "group %r" % name, "after_header": "group %r" % name}}

    def _view(self, name, group, rows, names, implied_ids):
        active = dict((model_id, row["operations"]) for model_id, row in rows.items() if row["active"])
        has = set(group.get("implied_ids") or [])
        return {"name": name, "state": "present", "access": self._access_view(active, names),
                "implied": sorted(xml_id for xml_id, gid in implied_ids.items() if gid in has)}

    @staticmethod
    def _access_view(rights, names):
        """[{model, operations}] sorted by model, operations in Odoo's order."""
        # a row of a model the task does not declare (to be removed) is named by its ir.model id
        view = [{"model": names.get(model_id, "ir.model id %s" % model_id),
                 "operations": [op for op in access_rights.OPERATIONS if op in ops]}
                for model_id, ops in rights.items()]
        return sorted(view, key=lambda entry: entry["model"])
