# -*- coding: utf-8 -*-
# Copyright: (c) 2026, odoo_ops.odoo contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Install, upgrade and uninstall an Odoo addon (ir.module.module), only when needed.

Odoo's naming is upside down (odoo/addons/base/models/ir_module.py, 14.0 to 18.0):
``installed_version`` is computed from the manifest *on disk*, ``latest_version`` is
the version *installed in the database*. An upgrade is due when they differ.

A module operation over RPC (``button_immediate_*``) runs inside one request:
``_button_immediate_function`` marks the modules "to install/upgrade/remove", commits, and then
loads the registry (ir_module.py, 14.0-19.0). When the request is killed meanwhile (Odoo's
``limit_time_real`` in workers mode, a proxy timeout), the modules stay pending, and Odoo's
scheduler skips the whole database while any module is pending (ir_cron._check_modules_state).
Odoo resets the states itself only when loading raises (``reset_modules_state``,
odoo/modules/loading.py), not when its worker is killed. So this module reads what became of an
operation it could not finish and cancels what it left pending (see addon_recovery.py).
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import re
import time

from ansible_collections.odoo_ops.odoo.plugins.module_utils.addon_recovery import (
    BUTTONS,
    MODULE,
    PENDING_OPERATION,
    PENDING_STATES,
    SETTLED,
    Recovery,
    reached,
)
from ansible_collections.odoo_ops.odoo.plugins.module_utils.errors import (
    OdooConnectionError,
    OdooInputError,
    OdooServerError,
)
from ansible_collections.odoo_ops.odoo.plugins.module_utils.scheduler_lock import LockWait, OdooLockTimeout

FIELDS = ["name", "state", "latest_version", "installed_version", "shortdesc"]
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


def settled(row):
    """The row as it would be with its pending operation cancelled."""
    if not row or row["state"] not in SETTLED:
        return row
    return dict(row, state=SETTLED[row["state"]])


class AddonManager:
    """Plans and runs one addon's operation.

    ``odoo_bin`` (an addon_cli.OdooBin) runs installs and upgrades with odoo-bin on this host instead
    of RPC; uninstalls always go through RPC (odoo-bin has no uninstall switch).
    """

    def __init__(self, client, check_mode=False, operation_timeout=900, lock_wait=None, odoo_bin=None,
                 clock=time.monotonic, sleep=time.sleep):
        self.client = client
        self.check_mode = check_mode
        self.operation_timeout = operation_timeout
        self.lock_wait = lock_wait or LockWait(sleep=sleep, clock=clock)
        self.odoo_bin = odoo_bin
        self.recovery = Recovery(client, operation_timeout, clock=clock, sleep=sleep)
        self._clock = clock

    @property
    def warnings(self):
        return self.recovery.warnings

    def read(self, name):
        rows = self.client.search_read(MODULE, [("name", "=", name)], FIELDS)
        return rows[0] if rows else None

    def ensure(self, name, state, force=False):
        row = self.read(name)
        if row is None and state != "absent":
            row = self._refresh_list(name)
        # A pending operation on this addon, left by an interrupted run: taken over, not refused.
        resumed = PENDING_OPERATION.get((row or {}).get("state"))
        operation = self._operation(settled(row), state, force)
        before = addon_view(row)
        if (operation or resumed) and not self.check_mode:
            self._refuse_pending(name)
            if resumed:
                self.recovery.cancel([row])
            if operation:
                self._execute(row, operation)
            after = addon_view(self.read(name))
        else:
            after = self._predicted(addon_view(settled(row)), operation)
        return {
            "changed": bool(operation or resumed),
            "operation": operation,
            "resumed": resumed,
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
        pending = self.client.search_read(MODULE, [("state", "in", PENDING_STATES), ("name", "!=", name)],
                                          ["name", "state"])
        if pending:
            listed = ", ".join("%s (%s)" % (row["name"], row["state"]) for row in pending)
            raise OdooServerError(
                "cannot change addon %r: another module operation is pending in Odoo: %s. Finish or cancel it "
                "(Apps > Updates, or button_upgrade_cancel / button_install_cancel) first" % (name, listed))

    def _execute(self, row, operation):
        """From here on no other addon is pending: whatever is pending after a failure is this run's."""
        if self.odoo_bin is not None and operation != "uninstall":
            return self._run_odoo_bin(row, operation)
        return self._run_rpc(row, operation)

    def _run_rpc(self, row, operation):
        started = []

        def attempt():
            started.append(self._clock())
            return self.client.call_with_timeout(self.operation_timeout, MODULE, BUTTONS[operation], [row["id"]])

        try:
            self.lock_wait.run("%s of addon %r" % (operation, row["name"]), attempt)
        except OdooLockTimeout:
            raise
        except OdooConnectionError as error:
            self.recovery.after_lost_answer(row, operation, self._clock() - started[-1], error)
        except OdooServerError as error:
            left = self.recovery.clear_pending()
            raise OdooServerError("%s of addon %r failed in Odoo: %s%s" % (
                operation, row["name"], error.message, self.recovery.cancelled_note(left)),
                exception=error.exception)

    def _run_odoo_bin(self, row, operation):
        name = row["name"]
        try:
            output = self.odoo_bin.run(operation, name)
        except OdooServerError as error:
            left = self.recovery.clear_pending()
            raise OdooServerError(error.message + self.recovery.cancelled_note(left))
        current = self.read(name)
        if not reached(current, operation):
            left = self.recovery.clear_pending()
            raise OdooServerError(
                "%s of addon %r with odoo-bin ended without error, but Odoo shows the addon %s (is odoo_bin the "
                "command of the Odoo serving this database?)%s; odoo-bin's last lines: %s" % (
                    operation, name, addon_view(current)["state"], self.recovery.cancelled_note(left), output))

    @staticmethod
    def _predicted(before, operation):
        after = dict(before)
        if operation in ("install", "upgrade"):
            after["state"] = "installed"
            after["installed_version"] = before["disk_version"] or before["installed_version"]
        elif operation == "uninstall":
            after["state"] = "uninstalled"
            after["installed_version"] = None
        return after
