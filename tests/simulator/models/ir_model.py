"""ir.model, ir.model.fields, ir.model.data (odoo/addons/base/models/ir_model.py)."""

from .. import errors, fields
from ..integrity import integrity_unique_index
from ..orm import Model, api_model


class IrModel(Model):
    _name = "ir.model"
    _description = "Models"
    _order = "model"
    _odoo_class = "IrModel"
    _missing_raises = ("unlink",)     # IrModel.unlink reads the records (measured)

    @classmethod
    def define_fields(cls, profile):
        return {
            "name": fields.Char("Model Description", required=True, translate=True),
            "model": fields.Char("Model", required=True, default="x_"),
            "info": fields.Text("Information"),
            "state": fields.Selection([("manual", "Custom Object"), ("base", "Base Object")],
                                      "Type", default="manual", readonly=True),
            "transient": fields.Boolean("Transient Model"),
            "modules": fields.Char("In Apps", store=False, readonly=True, compute=_model_modules),
        }

    def _unlink(self, ids):
        # IrModel.unlink (14.0 ir_model.py l.295, 18.0 l.356): delete the crons of the
        # models first (ir_cron.ir_actions_server_id is ondelete='restrict').
        names = [self._rows[i]["model"] for i in self._existing(ids)]
        cron = self.env["ir.cron"].sudo().with_context(active_test=False)
        cron_ids = cron._search([("model_id", "in", list(ids))])
        if cron_ids:
            cron._unlink(cron_ids)
        fields_model = self.env["ir.model.fields"].sudo()
        fields_model._unlink(fields_model._search([("model_id", "in", list(ids))]))
        for name in names:
            cls = self.env.db.all_models().get(name)
            if cls is not None:
                self.env.db.tables.pop(cls._table, None)
        return super()._unlink(ids)

    def unlink(self):
        self._check_access("unlink")
        self._check_missing("unlink")
        for rid in self._existing(self.ids):
            if self._rows[rid].get("state") != "manual":
                # ir_model.py IrModel.unlink
                raise errors.user_error("Model '%s' contains module data and cannot be removed."
                                        % self._rows[rid].get("name"))
        return self._unlink(self.ids)

    unlink._api = "multi"


def _model_modules(model, rid):
    name = model._rows[rid]["model"]
    imd = model.env.db.tables.get("ir.model.data", {})
    mods = sorted({r["module"] for r in imd.values()
                   if r.get("model") == "ir.model" and r.get("res_id") == rid})
    return ", ".join(mods) if mods else (model.env.db.model_module(name) or False)


class IrModelFields(Model):
    _name = "ir.model.fields"
    _description = "Fields"
    _order = "name"
    _rec_name = "field_description"

    @classmethod
    def define_fields(cls, profile):
        return {
            "name": fields.Char("Field Name", required=True),
            "model": fields.Char("Model Name", required=True),
            "model_id": fields.Many2one("ir.model", "Model", required=True, ondelete="cascade"),
            "field_description": fields.Char("Field Label", required=True, default=""),
            "ttype": fields.Selection([(t, t) for t in (
                "binary", "boolean", "char", "date", "datetime", "float", "html", "integer",
                "many2many", "many2one", "many2one_reference", "monetary", "one2many",
                "reference", "selection", "text")], "Field Type", required=True),
            "relation": fields.Char("Related Model"),
            "required": fields.Boolean("Required"),
            "readonly": fields.Boolean("Readonly"),
            "store": fields.Boolean("Stored", default=True),
            "state": fields.Selection([("manual", "Custom Field"), ("base", "Base Field")],
                                      "Type", default="manual", required=True, readonly=True),
        }


class IrModelAccess(Model):
    _name = "ir.model.access"
    _description = "Model Access"
    _order = "model_id,group_id,name,id"
    _odoo_class = "IrModelAccess"

    @classmethod
    def define_fields(cls, profile):
        return {
            "name": fields.Char("Name", required=True),
            "active": fields.Boolean("Active", default=True),
            "model_id": fields.Many2one("ir.model", "Model", required=True, ondelete="cascade"),
            "group_id": fields.Many2one("res.groups", "Group", ondelete="restrict"),
            "perm_read": fields.Boolean("Read Access"),
            "perm_write": fields.Boolean("Write Access"),
            "perm_create": fields.Boolean("Create Access"),
            "perm_unlink": fields.Boolean("Delete Access"),
        }


# odoo/addons/base/models/ir_access.py @5d9a6616756d (20.0): OPERATION_SELECTION, the subsets of 'rwcd'
ACCESS_OPERATIONS = ("r", "w", "rw", "c", "rc", "wc", "rwc", "d", "rd", "wd", "rwd", "cd", "rcd", "wcd", "rwcd")
ACCESS_LETTERS = {"read": "r", "write": "w", "create": "c", "unlink": "d"}


class IrAccess(Model):
    """ir.access (20.0, ir_access.py @5d9a6616756d): a row with a group is a permission, one without
    a group a restriction; ``operation`` a subset of 'rwcd'. for_read/... are computed and
    searchable there; here they are searchable through ``operation`` (see _search_for)."""
    _name = "ir.access"
    _description = "Access"
    _order = "model_id,group_id,id"
    _odoo_class = "IrAccess"

    @classmethod
    def define_fields(cls, profile):
        result = {
            "name": fields.Char("Name"),
            "active": fields.Boolean("Active", default=True),
            "model_id": fields.Many2one("ir.model", "Model", required=True, ondelete="cascade"),
            "group_id": fields.Many2one("res.groups", "Group", ondelete="restrict"),
            "operation": fields.Selection([(op, op) for op in ACCESS_OPERATIONS], "Operation",
                                          required=True, default="rwcd"),
            "domain": fields.Char("Domain"),
        }
        for mode, letter in ACCESS_LETTERS.items():
            result["for_%s" % mode] = fields.Boolean(
                "For %s" % mode, store=False, readonly=True,
                compute=lambda model, rid, letter=letter: letter in (model._rows[rid].get("operation") or ""))
        return result


class IrModelData(Model):
    _name = "ir.model.data"
    _description = "Model Data"
    _order = "module, model, name"
    _rec_name = "complete_name"
    _odoo_class = "IrModelData"

    @classmethod
    def define_fields(cls, profile):
        return {
            "name": fields.Char("External Identifier", required=True),
            # computed, not stored, no search method: readonly in fields_get, and a
            # domain leaf on it is replaced by TRUE (expression.py: "Non-stored field
            # ... cannot be searched"); measured: search_count on complete_name = all rows
            "complete_name": fields.Char("Complete ID", store=False, readonly=True,
                                         compute=_complete_name, searchable=False),
            "model": fields.Char("Model Name", required=True),
            "module": fields.Char("Module", default="", required=True),
            "res_id": fields.Many2oneReference("Record ID", model_field="model"),
            "noupdate": fields.Boolean("Non Updatable", default=False),
            "reference": fields.Char("Reference", store=False, readonly=True,
                                     searchable=False,
                                     compute=lambda m, rid: "%s,%s" % (
                                         m._rows[rid].get("model"), m._rows[rid].get("res_id"))),
        }

    # _sql_constraints name_nospaces (every branch)
    _sql_constraints = [("ir_model_data_name_nospaces",
                         lambda row: " " not in (row.get("name") or ""),
                         "External IDs cannot contain spaces")]

    def _check_unique(self, row, rid):
        # _auto_init: unique INDEX ir_model_data_module_name_uniq_index (not a constraint)
        for other_id, other in self._rows.items():
            if other_id != rid and other.get("module") == row.get("module") \
                    and other.get("name") == row.get("name"):
                raise integrity_unique_index(
                    self, "ir_model_data_module_name_uniq_index",
                    "Key (module, name)=(%s, %s) already exists." % (row.get("module"),
                                                                     row.get("name")))

    def _display_name(self, rid):
        # IrModelData name_get (14.0-16.0) / _compute_display_name (17.0+): the display
        # name of the referenced record, else the complete name (measured:
        # base.group_user -> "User types / Internal User")
        row = self._rows[rid]
        target = self.env.db.models().get(row.get("model"))
        if target is not None and row.get("res_id") in self.env.db.tables.get(
                target._table, {}):
            name = target(self.env.sudo(), ())._display_name(row["res_id"])
            if name:
                return name
        return _complete_name(self, rid)

    # -- lookups --------------------------------------------------------------------------
    def _lookup(self, xmlid):
        """(id, model, res_id) or ValueError (xmlid_lookup / _xmlid_lookup)."""
        module, _sep, name = str(xmlid).partition(".")
        if not _sep:
            raise errors.value_error("not enough values to unpack (expected 2, got 1)")
        for rid, row in self._rows.items():
            if row.get("module") == module and row.get("name") == name and row.get("res_id"):
                return rid, row["model"], row["res_id"]
        raise errors.value_error("External ID not found in the system: %s" % xmlid)

    def _xmlid_to_res_model_res_id(self, xmlid, raise_if_not_found=False):
        try:
            return list(self._lookup(xmlid)[1:3])
        except errors.OdooError:
            if raise_if_not_found:
                raise
            return [False, False]

    def _xmlid_to_res_id(self, xmlid, raise_if_not_found=False):
        return self._xmlid_to_res_model_res_id(xmlid, raise_if_not_found)[1]

    def _xmlid_lookup(self, xmlid):
        result = self._lookup(xmlid)
        # 18.0 returns (res_model, res_id), 15.0-17.0 (id, res_model, res_id)
        return list(result[1:]) if self.env.profile.major >= 18 else list(result)

    _private_methods = ("_xmlid_lookup", "_xmlid_to_res_model_res_id", "_xmlid_to_res_id",
                        "_lookup_xmlids", "_update_xmlids", "_module_data_uninstall")

    @api_model
    def check_object_reference(self, module, xml_id, raise_on_access_error=False):
        _xid, model, res_id = self._lookup("%s.%s" % (module, xml_id))
        target = self.env[model]
        # "search on id found in result to check if current user has read access right"
        if target.search([("id", "=", res_id)]):
            return [model, res_id]
        if raise_on_access_error:
            profile = self.env.profile
            if profile.major >= 18:
                msg = 'Not enough access rights on the external ID "%s.%s"' % (module, xml_id)
            elif profile.major >= 17:
                msg = "Not enough access rights on the external ID %r" % (
                    "%s.%s" % (module, xml_id))
            else:
                msg = "Not enough access rights on the external ID: %s.%s" % (module, xml_id)
            raise errors.access_error(msg)
        return [model, False]


class IrModelData14(IrModelData):
    """14.0 keeps the public lookup helpers (odoorpc < 15 env.ref uses them)."""

    _private_methods = ("_lookup_xmlids", "_update_xmlids", "_module_data_uninstall")

    @api_model
    def xmlid_lookup(self, xmlid):
        return list(self._lookup(xmlid))

    @api_model
    def xmlid_to_res_model_res_id(self, xmlid, raise_if_not_found=False):
        return self._xmlid_to_res_model_res_id(xmlid, raise_if_not_found)

    @api_model
    def xmlid_to_res_id(self, xmlid, raise_if_not_found=False):
        return self._xmlid_to_res_id(xmlid, raise_if_not_found)

    @api_model
    def get_object_reference(self, module, xml_id):
        return list(self._lookup("%s.%s" % (module, xml_id))[1:3])

    # the private names do not exist on 14.0
    _xmlid_lookup = None


def _complete_name(model, rid):
    row = model._rows[rid]
    return ".".join(n for n in (row.get("module"), row.get("name")) if n)


def ir_model_data_class(profile):
    return IrModelData14 if profile.imd_public_xmlid_methods else IrModelData
