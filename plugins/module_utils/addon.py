# -*- coding: utf-8 -*-
# Copyright: (c) 2026, odoo_ops.odoo contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Install, upgrade and uninstall an Odoo addon (ir.module.module), only when needed.

Odoo's naming is upside down (odoo/addons/base/models/ir_module.py, 14.0 to 18.0):
``installed_version`` is computed from the manifest *on disk*, ``latest_version`` is
the version *installed in the database*. An upgrade is due when they differ.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import re

from ansible_collections.odoo_ops.odoo.plugins.module_utils.errors import OdooInputError, OdooServerError

MODULE = "ir.module.module"
FIELDS = ["name", "state", "latest_version", "installed_version", "shortdesc"]
PENDING_STATES = ["to install", "to upgrade", "to remove"]
STATES = ("present", "latest", "upgraded", "absent")
_ADDON_NAME = re.compile(r"^[a-z0-9_]+$")


def check_addon_name(name):
    if not _ADDON_NAME.match(name or ""):
        raise OdooInputError("name %r is not an addon's technical name: lower-case letters, digits and "
                             "underscores, e.g. whatsapp_integration" % (name,))
    return name


def addon_view(row):
    if not row:
        return {"state": "unknown", "installed_version": None, "disk_version": None}
    return {"state": row["state"], "installed_version": row.get("latest_version") or None,
            "disk_version": row.get("installed_version") or None}


class AddonManager:
    def __init__(self, client, check_mode=False, operation_timeout=900):
        self.client = client
        self.check_mode = check_mode
        self.operation_timeout = operation_timeout

    def read(self, name):
        rows = self.client.search_read(MODULE, [("name", "=", name)], FIELDS)
        return rows[0] if rows else None

    def ensure(self, name, state, force=False):
        row = self.read(name)
        if row is None and state != "absent":
            row = self._refresh_list(name)
        operation = self._operation(row, state, force)
        before = addon_view(row)
        if operation and not self.check_mode:
            self._refuse_pending(name)
            self._run(row, operation)
            row = self.read(name)
        after = addon_view(row) if not (operation and self.check_mode) else self._predicted(before, operation)
        return {
            "changed": bool(operation),
            "operation": operation,
            "name": name,
            "before": before,
            "after": after,
            "diff": {"before": before, "after": after,
                     "before_header": "addon %s" % name, "after_header": "addon %s" % name},
        }

    def _refresh_list(self, name):
        """An addon added to the addons path is unknown until the module list is updated."""
        if self.check_mode:
            return None
        self.client.call(MODULE, "update_list")
        row = self.read(name)
        if row is None:
            raise OdooInputError(
                "addon %r is not known to Odoo, even after updating the module list: is it in the "
                "server's addons_path? (option name)" % name)
        return row

    @staticmethod
    def _operation(row, state, force):
        if row is None:
            return None if state == "absent" else "install"
        installed = row["state"] in ("installed", "to upgrade")
        if row["state"] == "uninstallable":
            if state == "absent":
                return None
            raise OdooInputError("addon %r is not installable on this server (state uninstallable: a missing "
                                 "dependency or a manifest with installable False)" % row["name"])
        if state == "absent":
            return "uninstall" if installed else None
        if not installed:
            return "install"
        if state == "upgraded" or force:
            return "upgrade"
        if state == "latest" and (row.get("installed_version") or None) != (row.get("latest_version") or None):
            return "upgrade"
        return None

    def _refuse_pending(self, name):
        pending = self.client.search_read(MODULE, [("state", "in", PENDING_STATES)], ["name", "state"])
        if pending:
            listed = ", ".join("%s (%s)" % (row["name"], row["state"]) for row in pending)
            raise OdooServerError(
                "cannot change addon %r: another module operation is pending in Odoo: %s. Finish or cancel it "
                "(Apps > Updates, or button_upgrade_cancel / button_install_cancel) first" % (name, listed))

    def _run(self, row, operation):
        method = {"install": "button_immediate_install", "upgrade": "button_immediate_upgrade",
                  "uninstall": "button_immediate_uninstall"}[operation]
        try:
            self.client.call_with_timeout(self.operation_timeout, MODULE, method, [row["id"]])
        except OdooServerError as error:
            raise OdooServerError("%s of addon %r failed in Odoo: %s" % (operation, row["name"], error.message),
                                  exception=error.exception)

    @staticmethod
    def _predicted(before, operation):
        after = dict(before)
        if operation in ("install", "upgrade"):
            after["state"] = "installed"
            after["installed_version"] = before["disk_version"] or before["installed_version"]
        else:
            after["state"] = "uninstalled"
            after["installed_version"] = None
        return after
