"""ir.module.module (odoo/addons/base/models/ir_module.py, 14.0-18.0).

Field names are inverted in Odoo itself: ``installed_version`` ("Latest Version") is
computed from the manifest on disk, ``latest_version`` ("Installed Version") is the
version stored in the database at the last install/upgrade. Versions go through
modules.adapt_version() ('1.0.0' -> '14.0.1.0.0').
"""

from .. import errors, fields
from ..orm import Model, api_model, api_multi, method_missing
from ..profiles import adapt_version

PENDING_STATES = ("to install", "to upgrade", "to remove")

STATES = [
    ("uninstallable", "Uninstallable"),
    ("uninstalled", "Not Installed"),
    ("installed", "Installed"),
    ("to upgrade", "To be upgraded"),
    ("to remove", "To be removed"),
    ("to install", "To be installed"),
]

# odoo.conf.server_wide_modules default (odoo/tools/config.py): base, web
SERVER_WIDE_MODULES = ("base", "web")


def _parse_version(text):
    """tools.parse_version() for dotted numbers: trailing zeros do not count."""
    parts = [int(piece) if piece.isdigit() else 0 for piece in str(text or "").split(".")]
    while parts and parts[-1] == 0:
        parts.pop()
    return parts


class IrModuleModule(Model):
    _name = "ir.module.module"
    _description = "Module"
    _order = "application desc,sequence,name"
    _odoo_class = "Module"
    _missing_raises = ("unlink",)       # measured: MissingError, 14.0-18.0

    @classmethod
    def define_fields(cls, profile):
        return {
            "name": fields.Char("Technical Name", readonly=True, required=True),
            "shortdesc": fields.Char("Module Name", readonly=True, translate=True),
            "summary": fields.Char("Summary", readonly=True, translate=True),
            "description": fields.Text("Description", readonly=True, translate=True),
            "author": fields.Char("Author", readonly=True),
            "website": fields.Char("Website", readonly=True),
            "installed_version": fields.Char("Latest Version", store=False,
                                             compute=_disk_version),
            "latest_version": fields.Char("Installed Version", readonly=True),
            "published_version": fields.Char("Published Version", readonly=True),
            "sequence": fields.Integer("Sequence", default=100),
            "auto_install": fields.Boolean("Automatic Installation"),
            "state": fields.Selection(STATES, "Status", default="uninstallable", readonly=True),
            "demo": fields.Boolean("Demo Data", default=False, readonly=True),
            "license": fields.Char("License", readonly=True, default="LGPL-3"),
            "application": fields.Boolean("Application", readonly=True),
        }

    # -- helpers ---------------------------------------------------------------------
    def _assert_admin(self):
        # @assert_log_admin_access: logs self.sudo().mapped('display_name') first -- a
        # missing id is a MissingError for anybody (measured 14.0-18.0, demo included:
        # "(Record: ir.module.module(999999,), User: 6)") -- then AccessDenied unless
        # env.is_admin()
        missing = [rid for rid in self.ids if rid not in self._rows]
        if missing:
            raise errors.record_missing(self._name, missing, self.env.uid)
        if not self.env.is_admin():
            raise errors.access_denied()

    def _name_of(self, rid):
        return self._rows[rid]["name"]

    def _immediate(self, function):
        # _button_immediate_function: fails if a cron is running (ir_cron locked)
        if self.env.db.faults.cron_lock.held():
            raise errors.user_error(
                "Odoo is currently processing a scheduled action.\n"
                "Module operations are not possible at this time, please try again later "
                "or contact your system administrator.")
        function()
        # Odoo commits here, then loads the registry (the slow part), inside the request: a request
        # longer than limit_time_real is killed with the modules left pending (time_limit.py).
        load_pending(self.env, limited=True)
        # next(): no open ir.actions.todo in the simulated database
        return {"type": "ir.actions.act_url", "target": "self",
                "url": self.env.profile.web_root_url}

    def _set_state(self, ids, state):
        for rid in ids:
            self._rows[rid]["state"] = state

    # -- buttons ---------------------------------------------------------------------
    def _button_install(self, ids):
        todo = list(ids)
        seen = set()
        while todo:
            rid = todo.pop()
            if rid in seen:
                continue
            seen.add(rid)
            name = self._name_of(rid)
            for dep in self.env.db.disk_modules.get(name, {}).get("depends", []):
                dep_ids = self._search([("name", "=", dep)])
                if not dep_ids:
                    raise errors.user_error(
                        "You try to install module '%s' that depends on module '%s'.\n"
                        "But the latter module is not available in your system." % (name, dep))
                todo.extend(dep_ids)
            if self._rows[rid]["state"] == "uninstalled":
                self._rows[rid]["state"] = "to install"

    def _button_upgrade(self, ids):
        self.update_list()
        for rid in ids:
            if self._rows[rid]["state"] not in ("installed", "to upgrade"):
                if self.env.profile.major >= 18:      # 18.0 wording, curly quotes
                    raise errors.user_error("Cannot upgrade module \u201c%s\u201d. It is not "
                                            "installed." % self._name_of(rid))
                raise errors.user_error("Can not upgrade module '%s'. It is not installed."
                                        % self._name_of(rid))
        self._set_state(ids, "to upgrade")

    def _button_uninstall(self, ids):
        names = [self._name_of(rid) for rid in ids]
        blocked = sorted(set(SERVER_WIDE_MODULES) & set(names))
        if blocked:
            raise errors.user_error("Those modules cannot be uninstalled: %s" % ", ".join(blocked))
        if any(self._rows[rid]["state"] not in ("installed", "to upgrade") for rid in ids):
            raise errors.user_error(
                "One or more of the selected modules have already been uninstalled, if you "
                "believe this to be an error, you may try again later or contact support.")
        # downstream dependencies are removed too
        todo = list(ids)
        for rid, row in self._rows.items():
            deps = self.env.db.disk_modules.get(row["name"], {}).get("depends", [])
            if row["state"] == "installed" and set(deps) & set(names) and rid not in todo:
                todo.append(rid)
        self._set_state(todo, "to remove")

    @api_multi
    def button_immediate_install(self):
        self._assert_admin()
        return self._immediate(lambda: self._button_install(self._existing(self.ids)))

    @api_multi
    def button_immediate_upgrade(self):
        self._assert_admin()
        return self._immediate(lambda: self._button_upgrade(self._existing(self.ids)))

    @api_multi
    def button_immediate_uninstall(self):
        self._assert_admin()
        return self._immediate(lambda: self._button_uninstall(self._existing(self.ids)))

    @api_multi
    def button_install(self):
        self._assert_admin()
        self._button_install(self._existing(self.ids))
        return _action_dict("Install")

    @api_multi
    def button_upgrade(self):
        self._assert_admin()
        if not self.ids:
            return None
        self._button_upgrade(self._existing(self.ids))
        return _action_dict("Apply Schedule Upgrade")

    @api_multi
    def button_uninstall(self):
        self._assert_admin()
        self._button_uninstall(self._existing(self.ids))
        return _action_dict("Uninstall")

    # 14.0-18.0 cancel one module's pending operation; 19.0 has only button_reset_state instead,
    # which resets every pending module (odoo/addons/base/models/ir_module.py of each branch).
    def _before_19(self, name):
        if self.env.profile.major >= 19:
            raise method_missing(self, name)

    @api_multi
    def button_install_cancel(self):
        self._before_19("button_install_cancel")
        self._assert_admin()
        for rid in self._existing(self.ids):
            self._rows[rid].update(state="uninstalled", demo=False)
        return True

    @api_multi
    def button_upgrade_cancel(self):
        self._before_19("button_upgrade_cancel")
        self._assert_admin()
        self._set_state(self._existing(self.ids), "installed")
        return True

    @api_multi
    def button_uninstall_cancel(self):
        self._before_19("button_uninstall_cancel")
        self._set_state(self._existing(self.ids), "installed")
        return True

    @api_model
    def button_reset_state(self):
        if self.env.profile.major < 19:
            raise method_missing(self, "button_reset_state")
        self._assert_admin()
        for row in self._rows.values():
            if row["state"] in PENDING_STATES:
                row["state"] = "uninstalled" if row["state"] == "to install" else "installed"
        return True

    @api_model
    def update_list(self):
        """Returns [updated, added] like ir_module.py update_list()."""
        self._assert_admin()
        profile = self.env.profile
        res = [0, 0]
        default_version = adapt_version(profile, "1.0")
        known = {row["name"]: rid for rid, row in self._rows.items()}
        for name, info in sorted(self.env.db.disk_modules.items()):
            rid = known.get(name)
            disk_version = adapt_version(profile, info.get("version", "1.0"))
            if rid is not None:
                row = self._rows[rid]
                if info.get("installable", True) and row["state"] == "uninstallable":
                    row["state"] = "uninstalled"
                if not info.get("installable", True) and row["state"] == "uninstalled":
                    row["state"] = "uninstallable"
                if _parse_version(disk_version) > _parse_version(row.get("latest_version")
                                                                 or default_version):
                    res[0] += 1
                row.update(_terp_values(info))
            else:
                state = "uninstalled" if info.get("installable", True) else "uninstallable"
                self.env.db.create_module_record(self.env, name, state)
                res[1] += 1
        return res


def load_pending(env, limited):
    """Registry.new(update_module=True): load every pending addon, within the request time limit
    when ``limited`` (a request), without it for odoo-bin."""
    db = env.db
    rows = env["ir.module.module"]._rows.values()
    names = sorted(row["name"] for row in rows if row["state"] in PENDING_STATES)
    db.time_limits.load(names, lambda: db.load_pending_modules(env), limited=limited)


def odoo_bin_update(env, install=(), update=()):
    """``odoo-bin -d <db> -i <install> -u <update> --stop-after-init``, as odoo/modules/loading.py
    load_modules does it: update the module list, mark the named addons that are uninstalled "to
    install" and the installed ones "to upgrade" (other names are ignored with a warning), then load
    every pending addon with no request time limit. Returns the log lines odoo-bin would print."""
    modules = env["ir.module.module"]
    modules.update_list()
    log = []
    for names, state, button in ((install, "uninstalled", "_button_install"),
                                 (update, "installed", "_button_upgrade")):
        ids = modules._search([("name", "in", list(names)), ("state", "=", state)])
        found = set(modules._rows[rid]["name"] for rid in ids)
        if set(names) - found:
            log.append("WARNING odoo odoo.modules.loading: invalid module names, ignored: %s"
                       % ", ".join(sorted(set(names) - found)))
        if ids:
            getattr(modules, button)(ids)
    load_pending(env, limited=False)
    log.append("INFO odoo odoo.modules.loading: Modules loaded.")
    return log


def _action_dict(name):
    # ir_module.py ACTION_DICT
    return {"view_mode": "form", "res_model": "base.module.upgrade", "target": "new",
            "type": "ir.actions.act_window", "name": name}


def _terp_values(info):
    return {
        "shortdesc": info.get("name", ""),
        "summary": info.get("summary", ""),
        "author": info.get("author", "Unknown"),
        "website": info.get("website", ""),
        "license": info.get("license", "LGPL-3"),
        "application": bool(info.get("application", False)),
        "auto_install": info.get("auto_install", False) is not False,
    }


def _disk_version(model, rid):
    # _get_latest_version(): get_module_info(name).get('version', adapt_version('1.0'))
    name = model._rows[rid]["name"]
    info = model.env.db.disk_modules.get(name)
    return adapt_version(model.env.profile, (info or {}).get("version", "1.0"))
