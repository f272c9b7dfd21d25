"""The simulated database 'odoo': tables, seed data, modules on disk."""

import datetime

from . import fields
from .faults import CronLock
from .models import model_classes
from .orm import Env, SUPERUSER_ID, build_registry
from .profiles import adapt_version
from .security import ACCESS_ROWS_20, GROUPS, acl_rows, group_label

DB_NAME = "odoo"

# Modules "on disk" (addons path). whatsapp_integration mirrors
# tests/addons/whatsapp_integration/__manifest__.py.


def disk_modules(profile):
    versions = dict(profile.module_versions)
    return {
        # base and web are auto_install (measured: base auto_install true)
        "base": {"name": "Base", "version": versions["base"], "depends": [],
                 "author": "Odoo S.A.", "summary": "", "license": "LGPL-3",
                 "auto_install": True},
        "web": {"name": "Web", "version": versions["web"], "depends": ["base"],
                "author": "Odoo S.A.", "summary": "", "license": "LGPL-3",
                "auto_install": True},
        "mail": {"name": "Discuss", "version": versions["mail"], "depends": ["base", "web"],
                 "author": "Odoo S.A.", "summary": "Chat, mail gateway and private channels",
                 "license": "LGPL-3", "application": True},
        "whatsapp_integration": {
            "name": "WhatsApp Integration (test fixture)", "version": "1.0.0",
            "depends": ["base"], "author": "odoo_ops.odoo collection contributors",
            "summary": "Offline, deterministic sync service used to test cron management",
            "license": "LGPL-3", "installable": True},
    }


class Faults:
    """Flags the ORM itself looks at (the HTTP faults live in faults.py)."""

    def __init__(self):
        self.cron_lock = CronLock()     # faults.py cron_locked


class Database:
    def __init__(self, profile, api_keys=None, name=DB_NAME):
        self.profile = profile
        self.name = name
        self.registry = build_registry(profile, model_classes(profile))
        self.tables = {}
        self.sequences = {}
        self.passwords = {}
        self.api_keys = dict(api_keys or {})     # key -> uid
        self.disk_modules = disk_modules(profile)
        self.installed = {"base", "web", "mail"}
        self.faults = Faults()
        self.time_limits = None         # the server's TimeLimits (time_limit.py), set by the server
        self.scheduler_job = None       # id of the cron the scheduler is running (scheduler.py)
        self._group_ids = {}
        self._seed()

    # -- transactions ------------------------------------------------------------------------
    def snapshot(self):
        """Copy of the mutable state (rows are replaced, never mutated in depth)."""
        return ({t: {i: dict(r) for i, r in rows.items()} for t, rows in self.tables.items()},
                dict(self.sequences), dict(self.passwords), set(self.installed))

    def restore(self, snap):
        tables, sequences, passwords, installed = snap
        self.tables.clear()
        self.tables.update(tables)
        self.sequences = sequences
        self.passwords = passwords
        self.installed = installed

    # -- registry ------------------------------------------------------------------------
    def all_models(self):
        return self.registry

    def models(self):
        return {name: cls for name, cls in self.registry.items() if cls._module in self.installed}

    def model_module(self, name):
        cls = self.registry.get(name)
        return cls._module if cls else None

    def next_id(self, table):
        self.sequences[table] = self.sequences.get(table, 0) + 1
        return self.sequences[table]

    def env(self, uid=SUPERUSER_ID, context=None, su=None):
        return Env(self, uid, context, su=(uid == SUPERUSER_ID) if su is None else su)

    def group_id(self, xmlid):
        return self._group_ids.get(xmlid)

    def group_xmlid(self, gid):
        for xmlid, rid in self._group_ids.items():
            if rid == gid:
                return xmlid
        return None

    def add_user(self, login, name, group_xmlids, password):
        """A user created as an administrator would (res.users create with groups and a password); its id."""
        env = self.env()
        return env["res.users"]._create([{
            "login": login, "name": name, "password": password,
            self.profile.user_groups_field: [[6, 0, [self._group_ids[x] for x in group_xmlids]]]}])[0]

    # -- xml ids ----------------------------------------------------------------------------
    def add_xmlid(self, env, xmlid, model, res_id, noupdate=False):
        module, name = xmlid.split(".", 1)
        env["ir.model.data"]._create([{"module": module, "name": name, "model": model,
                                       "res_id": res_id, "noupdate": noupdate}])

    def ref(self, xmlid):
        module, name = xmlid.split(".", 1)
        for row in self.tables.get("ir.model.data", {}).values():
            if row["module"] == module and row["name"] == name:
                return row["model"], row["res_id"]
        raise KeyError(xmlid)

    def _create(self, env, model, xmlid, vals, noupdate=False):
        rid = env[model]._create([vals])[0]
        if xmlid:
            self.add_xmlid(env, xmlid, model, rid, noupdate)
        return rid

    # -- seed --------------------------------------------------------------------------------
    def _seed(self):
        # Names and values of a database created without demo data, as the measured
        # servers have them ("My Company", "Administrator" with tz unset); the demo
        # user is an internal user like the servers' "Demo User".
        env = self.env()
        self._create(env, "res.company", "base.main_company", {"name": "My Company", "sequence": 0})
        for xmlid in GROUPS:
            name = group_label(self.profile, xmlid)[1]
            self._group_ids[xmlid] = self._create(env, "res.groups", xmlid, {"name": name})
        g = self._group_ids
        for xmlid, (_category, _name, implied) in GROUPS.items():
            if implied:
                self.tables["res.groups"][g[xmlid]]["implied_ids"] = [g[x] for x in implied]
        # Internal User implies Technical Features (odoo/addons/base/security/base_groups.xml: 14.0-18.0 the
        # second group_user record's implied_ids, 19.0 group_no_one's implied_by_ids): it decides which
        # AccessError text a field refusal gets (orm.py _field_refusal)
        self.tables["res.groups"][g["base.group_user"]]["implied_ids"] = [g["base.group_no_one"]]
        if self.profile.major >= 19:  # base_groups.xml 19.0: group_partner_manager implied_by_ids group_system
            self.tables["res.groups"][g["base.group_system"]]["implied_ids"].append(g["base.group_partner_manager"])
        partners = {}
        for xmlid, name in (("base.main_partner", "My Company"), ("base.partner_root", "OdooBot"),
                            ("base.partner_admin", "Administrator"),
                            ("base.public_partner", "Public user"),
                            ("base.partner_demo", "Demo User")):
            partners[xmlid] = self._create(env, "res.partner", xmlid, {"name": name})
        users = (
            # (xmlid, login, name, partner, groups, active, password, uid)
            ("base.user_root", "__system__", "OdooBot", "base.partner_root",
             ["base.group_system", "base.group_partner_manager"], False, None, 1),
            ("base.user_admin", "admin", "Administrator", "base.partner_admin",
             ["base.group_system", "base.group_user", "base.group_partner_manager"], True, "admin", 2),
            ("base.default_user", "default", "Default User Template", None,
             ["base.group_user"], False, None, 3),
            ("base.public_user", "public", "Public user", "base.public_partner",
             ["base.group_public"], False, None, 4),
            ("base.user_demo", "demo", "Demo User", "base.partner_demo",
             ["base.group_user"], True, "demo", 6),
        )
        for xmlid, login, name, partner, groups, active, password, uid in users:
            self.sequences["res.users"] = uid - 1
            vals = {"login": login, "name": name, "active": active,
                    self.profile.user_groups_field: [[6, 0, [g[x] for x in groups]]], "tz": False}
            if partner:
                vals["partner_id"] = partners[partner]
            if password:
                vals["password"] = password
            self._create(env, "res.users", xmlid, vals, noupdate=True)
        self._seed_models(env, self.installed)
        for name in ("base", "web", "mail", "whatsapp_integration"):
            state = "installed" if name in self.installed else "uninstalled"
            self.create_module_record(env, name, state)
        params = env["ir.config_parameter"]
        params._set_param("web.base.url", "http://localhost:8069")
        params._set_param("database.create_date", fields.now_string())
        self._seed_crons(env)

    def _seed_models(self, env, modules):
        for name, cls in sorted(self.registry.items()):
            if cls._module not in modules:
                continue
            model_id = self._create(env, "ir.model",
                                    "%s.model_%s" % (cls._module, name.replace(".", "_")),
                                    {"model": name, "name": cls._description or name,
                                     "state": "base"})
            for fname, field in cls._fields.items():
                self._create(env, "ir.model.fields", None, {
                    "name": fname, "model": name, "model_id": model_id,
                    "field_description": field.string, "ttype": field.type,
                    "relation": getattr(field, "comodel", None) or False,
                    "required": bool(field.required), "readonly": bool(field.readonly),
                    "store": bool(field.store if field.report_store is None
                                  else field.report_store),
                    "state": "base"})
        if self.profile.security_model == "ir.access":
            self._seed_accesses(env, modules)
            return
        for module, csv_id, name, model, group, perms in acl_rows(self.profile):
            if module not in modules or model not in self.registry:
                continue
            model_id = self.ref("%s.model_%s" % (self.model_module(model),
                                                 model.replace(".", "_")))[1]
            self._create(env, "ir.model.access", "%s.%s" % (module, csv_id), {
                "name": name, "model_id": model_id,
                "group_id": self._group_ids[group] if group else False,
                "perm_read": perms[0], "perm_write": perms[1], "perm_create": perms[2],
                "perm_unlink": perms[3]})

    def _seed_accesses(self, env, modules):
        """20.0: ir.access rows (security.ACCESS_ROWS_20)."""
        for module, csv_id, name, model, group, operation, domain in ACCESS_ROWS_20:
            if module not in modules or model not in self.registry:
                continue
            model_id = self.ref("%s.model_%s" % (self.model_module(model), model.replace(".", "_")))[1]
            self._create(env, "ir.access", "%s.%s" % (module, csv_id), {
                "name": name, "model_id": model_id, "group_id": self._group_ids[group] if group else False,
                "operation": operation, "domain": domain or False})

    def create_module_record(self, env, name, state):
        info = self.disk_modules.get(name, {})
        vals = {"name": name, "state": state, "shortdesc": info.get("name", name),
                "summary": info.get("summary", ""), "author": info.get("author", "Unknown"),
                "license": info.get("license", "LGPL-3"),
                "application": bool(info.get("application", False)),
                "auto_install": info.get("auto_install", False) is not False}
        if state == "installed":
            vals["latest_version"] = adapt_version(self.profile, info.get("version", "1.0"))
        # Module.create() adds the xml id base.module_<name> (noupdate)
        return self._create(env, "ir.module.module", "base.module_%s" % name, vals,
                            noupdate=True)

    def _seed_crons(self, env):
        """Standard crons of base + mail (base/data/ir_cron_data.xml,
        mail/data/ir_cron_data.xml of each branch)."""
        profile = self.profile
        now = datetime.datetime.utcnow().replace(microsecond=0)
        crons = [
            ("base.autovacuum_job", "Base: Auto-vacuum internal data", "ir.autovacuum",
             "model._run_vacuum_cleaner()", 1, "days", True, 3 if profile.major >= 18 else 5),
            ("mail.ir_cron_mail_scheduler_action", "Mail: Email Queue Manager", "mail.mail",
             "model.process_email_queue()" if profile.major < 18
             else "model.process_email_queue(batch_size=1000)", 1, "hours", True,
             6 if profile.major >= 18 else 5),
            ("mail.ir_cron_module_update_notification", "Publisher: Update Notification",
             "publisher_warranty.contract", "model.update_notification(None)", 1, "weeks",
             True, 1000),
            ("mail.ir_cron_delete_notification",
             "Notification: Delete Notifications older than 6 Month", "mail.notification",
             "model._gc_notifications(max_age_days=180)", 1, "days", True, 5),
        ]
        if profile.major <= 15:
            crons.append(("mail.ir_cron_mail_notify_channel_moderators",
                          "Mail: Notify channel moderators", "mail.message",
                          "model._notify_moderators", 1, "days", True, 1000))
        if profile.major >= 16:
            crons.append(("mail.ir_cron_mail_gateway_action", "Mail: Fetchmail Service",
                          "fetchmail.server", "model._fetch_mails()", 5, "minutes", False, 5))
        for xmlid, name, model, code, number, unit, active, priority in crons:
            model_id = self.ref("%s.model_%s" % (self.model_module(model),
                                                 model.replace(".", "_")))[1]
            vals = {"name": name, "model_id": model_id, "state": "code", "code": code,
                    "user_id": SUPERUSER_ID, "interval_number": number, "interval_type": unit,
                    "active": active, "priority": priority,
                    "nextcall": (now + datetime.timedelta(days=1)).strftime(fields.DATETIME_FORMAT)}
            if profile.cron_numbercall:
                vals["numbercall"] = -1
            rid = self._create(env, "ir.cron", xmlid, vals, noupdate=True)
            action_id = self.tables["ir.cron"][rid]["ir_actions_server_id"]
            self.add_xmlid(env, xmlid + "_ir_actions_server", "ir.actions.server", action_id,
                           noupdate=True)

    # -- module (un)installation, as Registry.new(update_module=True) would do -------------
    def load_pending_modules(self, env):
        env = env.sudo()
        modules = env["ir.module.module"]
        for rid, row in sorted(modules._rows.items()):
            name, state = row["name"], row["state"]
            info = self.disk_modules.get(name, {})
            if state in ("to install", "to upgrade"):
                row["state"] = "installed"
                row["latest_version"] = adapt_version(self.profile, info.get("version", "1.0"))
                if name not in self.installed:
                    self.installed.add(name)
                    self._seed_models(env, {name})
            elif state == "to remove":
                self._uninstall(env, name)
                row["state"] = "uninstalled"
                row["latest_version"] = None

    def _uninstall(self, env, module):
        ir_model = env["ir.model"]
        model_ids = [rid for rid, row in ir_model._rows.items()
                     if self.model_module(row["model"]) == module]
        ir_model._unlink(model_ids)
        imd = self.tables.get("ir.model.data", {})
        for xid in [x for x, r in imd.items() if r.get("module") == module]:
            imd.pop(xid)
        self.installed.discard(module)
