"""ir.config_parameter (odoo/addons/base/models/ir_config_parameter.py, 14.0-18.0)."""

from .. import fields
from ..orm import Model, api_model


class IrConfigParameter(Model):
    _name = "ir.config_parameter"
    _description = "System Parameter"
    _order = "key"
    _rec_name = "key"
    _sql_unique = [("ir_config_parameter_key_uniq", ("key",), "Key must be unique.")]
    _odoo_class = "IrConfigParameter"

    @property
    def _missing_raises(self):
        # unlink() reads p.key to protect the default parameters (14.0 unlink, 17.0/18.0
        # @api.ondelete unlink_default_parameters): MissingError on a missing id; the
        # 16.0 branch has no such check (measured: True on 16.0, MissingError on 14/17/18)
        return () if self.env.profile.major == 16 else ("unlink",)

    @classmethod
    def define_fields(cls, profile):
        return {
            "key": fields.Char("Key", required=True),
            "value": fields.Text("Value", required=True),
        }

    def _get_param(self, key, default=False):
        for row in self._rows.values():
            if row.get("key") == key:
                return row.get("value")
        return default

    def _set_param(self, key, value):
        for rid, row in self._rows.items():
            if row.get("key") == key:
                old = row.get("value")
                if value is not False and value is not None:
                    self._update([rid], {"value": str(value)})
                else:
                    self._unlink([rid])
                return old or False
        if value is not False and value is not None:
            self._create([{"key": key, "value": str(value)}])
        return False

    @api_model
    def get_param(self, key, default=False):
        self._check_access("read")
        return self._get_param(key) or default

    @api_model
    def set_param(self, key, value):
        self._check_access("write")
        return self._set_param(key, value)
