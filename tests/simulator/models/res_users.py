"""res.users, res.groups, res.partner, res.company (odoo/addons/base/models/res_*.py)."""

from .. import errors, fields, security
from ..orm import Model, api_model, api_multi


class AnySelection(fields.Selection):
    """A selection whose values are not enumerated here (tz, lang)."""

    def to_storage(self, value, env):
        return None if value in (None, False) else str(value)


class ResGroups(Model):
    _name = "res.groups"
    _description = "Access Groups"
    _order = "name"
    _odoo_class = "Groups"

    @classmethod
    def define_fields(cls, profile):
        return {
            "name": fields.Char("Name", required=True, translate=True),
            "full_name": fields.Char("Group Name", store=False, compute=_group_full_name),
            "comment": fields.Text("Comment"),
            "share": fields.Boolean("Share Group"),
            "users": fields.Many2many("res.users", "Users", store=False, compute=_group_users),
            # res_groups.py: implied_ids (14.0-19.0; 20.0 assumed the same, not read from its sources)
            "implied_ids": fields.Many2many("res.groups", "Inherits"),
        }

    def _after_write(self, rid, names):
        # res_groups.py GroupsImplied.write (14.0-18.0): new implied groups are added to the users of the
        # group (res_groups_users_rel holds the closure); 19.0 computes all_group_ids instead
        if "implied_ids" in names and self.env.profile.user_groups_field == "groups_id":
            users = self.env["res.users"].sudo()
            for uid in _group_users(self, rid):
                users._after_write(uid, ["groups_id"])

    def _display_name(self, rid):
        # res_groups.py name_get / _compute_display_name: the full name, "Category / Name"
        # (measured: group_id [3, "Administration / Settings"] in ir.model.access)
        return _group_full_name(self, rid) or super()._display_name(rid)


def _group_full_name(model, rid):
    xmlid = model.env.db.group_xmlid(rid)
    if xmlid in security.GROUPS:
        category, name = security.group_label(model.env.profile, xmlid)
        return "%s / %s" % (category, name) if category else name
    return model._rows[rid].get("name")


def _group_users(model, rid):
    users = model.env.db.tables.get("res.users", {})
    name = model.env.profile.user_groups_field
    return [uid for uid, row in users.items() if rid in (row.get(name) or [])]


class ResCompany(Model):
    _name = "res.company"
    _description = "Companies"
    _order = "sequence, name"
    _odoo_class = "Company"

    @classmethod
    def define_fields(cls, profile):
        return {
            "name": fields.Char("Company Name", required=True),
            "sequence": fields.Integer("Sequence", default=10),
            "active": fields.Boolean("Active", default=True),
        }


class ResPartner(Model):
    _name = "res.partner"
    _description = "Contact"
    _order = "name, id"
    _odoo_class = "Partner"
    # write/unlink of a missing id: MissingError "Record does not exist or has been
    # deleted." (record rules / overrides read the records; measured 14.0-18.0)
    _missing_raises = ("write", "unlink")

    @classmethod
    def define_fields(cls, profile):
        return {
            "name": fields.Char("Name"),
            "email": fields.Char("Email"),
            "active": fields.Boolean("Active", default=True),
            "company_id": fields.Many2one("res.company", "Company"),
        }


class ResUsers(Model):
    _name = "res.users"
    _description = "Users"
    _order = "name, login"
    _odoo_class = "Users"
    # like res.partner (measured 14.0-18.0)
    _missing_raises = ("write", "unlink")
    _private_methods = ("_check_credentials", "_login", "_is_admin", "_is_system",
                        "_has_group", "_compute_session_token")

    @classmethod
    def define_fields(cls, profile):
        result = {
            "name": fields.Char("Name", required=True),
            "login": fields.Char("Login", required=True,
                                 help="Used to log into the system"),
            "password": fields.Char("Password", store=False, default=None,
                                    compute=lambda model, rid: ""),
            "new_password": fields.Char("Set Password", store=False,
                                        compute=lambda model, rid: ""),
            "active": fields.Boolean("Active", default=True),
            "share": fields.Boolean("Share User", store=False, compute=_user_share),
            "partner_id": fields.Many2one("res.partner", "Related Partner", required=True,
                                          ondelete="restrict"),
            "company_id": fields.Many2one("res.company", "Company", required=True,
                                          default=lambda env: 1),
            "company_ids": fields.Many2many("res.company", "Companies",
                                            default=lambda env: [1]),
            profile.user_groups_field: fields.Many2many("res.groups", "Groups"),
            "email": fields.Char("Email"),
            "lang": AnySelection([("en_US", "English (US)")], "Language",
                                 default=lambda env: "en_US"),
            "tz": AnySelection([("Europe/Brussels", "Europe/Brussels"), ("UTC", "UTC")],
                               "Timezone"),
            "login_date": fields.Datetime("Latest authentication", readonly=True),
        }
        if profile.user_groups_field == "group_ids":
            # 19.0: group_ids holds the groups given, all_group_ids the implied ones too
            result["all_group_ids"] = fields.Many2many(
                "res.groups", "Groups and implied groups", store=False,
                compute=lambda model, rid: sorted(model.env(uid=rid).user_group_ids()))
        return result

    # res_users.py _sql_constraints login_key: 14.0/16.0 "login !", 17.0/18.0 "login!"
    _sql_unique = [("login_key", ("login",), lambda profile: (
        "You can not have two users with the same login!" if profile.major >= 17
        else "You can not have two users with the same login !"))]

    def _insert(self, vals):
        password = vals.pop("password", None) or vals.pop("new_password", None)
        if not vals.get("partner_id"):
            # _inherits: the contact is created with the caller's rights (res.partner create: Contact Creation)
            partner = self.env["res.partner"]
            partner._check_access("create")
            vals["partner_id"] = partner._create([{"name": vals.get("name"),
                                                   "email": vals.get("email")}])[0]
        rid = super()._insert(vals)
        if password:
            self.env.db.passwords[rid] = password
        return rid

    def _update(self, ids, vals):
        vals = dict(vals)
        password = vals.pop("password", None) or vals.pop("new_password", None)
        result = super()._update(ids, vals)
        if password:
            for rid in ids:
                self.env.db.passwords[rid] = password
        return result

    def _after_write(self, rid, names):
        # res_users.py UsersImplied.create/write: the implied groups are added to
        # groups_id explicitly (res_groups_users_rel holds the whole closure); 19.0 keeps
        # group_ids as given and computes all_group_ids
        if "groups_id" in names and self.env.profile.user_groups_field == "groups_id":
            db = self.env.db
            row = self._rows[rid]
            ids = list(row.get("groups_id") or [])
            row["groups_id"] = ids + sorted(security.implied_closure(db, ids) - set(ids))

    # -- RPC methods ------------------------------------------------------------------
    @api_model
    def context_get(self):
        # res_users.py context_get: {lang, tz} of the calling user (read with load=False)
        row = self.env.user_row() or {}
        context = {"lang": row.get("lang") or "en_US", "tz": row.get("tz") or False}
        if self.env.profile.context_get_uid:
            context["uid"] = self.env.uid     # 16.0+: result['uid'] = self.env.uid
        return context

    def _has_group_for(self, uid, group_ext_id):
        if "." not in str(group_ext_id):
            raise errors.OdooError("builtins.AssertionError",
                                   "External ID '%s' must be fully qualified" % group_ext_id)
        return group_ext_id in self.env(uid=uid).user_groups()


def _user_share(model, rid):
    groups = model.env(uid=rid).user_groups()
    return "base.group_user" not in groups


def _has_group_model(self, group_ext_id):
    # 14.0-17.0: @api.model has_group(group_ext_id): singleton id if any, else uid
    uid = self.ids[0] if self.ids else self.env.uid
    return self._has_group_for(uid, group_ext_id)


def _has_group_record(self, group_ext_id):
    # 18.0: record method; self.ensure_one() when called on a recordset
    if len(self.ids) > 1:
        raise errors.value_error("Expected singleton: res.users%r" % (tuple(self.ids),))
    uid = self.ids[0] if self.ids else self.env.uid
    return self._has_group_for(uid, group_ext_id)


class ResUsersModelApi(ResUsers):
    has_group = api_model(_has_group_model)


class ResUsersRecordApi(ResUsers):
    has_group = api_multi(_has_group_record)


def res_users_class(profile):
    cls = ResUsersModelApi if profile.has_group_model_api else ResUsersRecordApi
    return cls
