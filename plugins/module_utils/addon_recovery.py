# -*- coding: utf-8 -*-
# Copyright: (c) 2026, odoo_ops.odoo contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""What became of a module operation whose answer was lost, and clearing what it left pending.

When the request of ``button_immediate_upgrade`` is cut (Odoo's ``limit_time_real`` in workers
mode kills the worker: odoo/service/server.py, PreforkServer.process_timeout; or a proxy answers
502/504), Odoo has already committed the modules' state "to upgrade" (ir_module.py,
``_button_immediate_function``: ``function(self)`` then ``self._cr.commit()`` before
``Registry.new(update_module=True)``, 14.0-19.0), and its scheduler then runs no cron at all
(ir_cron._check_modules_state; 18.0 resets such states only after hours). So once the server
answers again, the module is read back, and whatever is pending is cancelled with Odoo's own
buttons (``button_install_cancel``, ``button_upgrade_cancel``, ``button_uninstall_cancel``).
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import time

from ansible_collections.odoo_ops.odoo.plugins.module_utils.errors import (
    OdooConnectionError,
    OdooError,
    OdooServerError,
)

MODULE = "ir.module.module"
PENDING_STATES = ["to install", "to upgrade", "to remove"]
BUTTONS = {"install": "button_immediate_install", "upgrade": "button_immediate_upgrade",
           "uninstall": "button_immediate_uninstall"}
# What a pending state goes back to when cancelled, and the operation it stands for.
SETTLED = {"to install": "uninstalled", "to upgrade": "installed", "to remove": "installed"}
PENDING_OPERATION = {"to install": "install", "to upgrade": "upgrade", "to remove": "uninstall"}
# 14.0-18.0: one cancel button per pending state (ir_module.py); 19.0 replaced them with the model
# method button_reset_state, which resets every pending module (ir_module.py, 19.0).
CANCEL = {"to install": "button_install_cancel", "to upgrade": "button_upgrade_cancel",
          "to remove": "button_uninstall_cancel"}
RESET_STATE_SINCE = 19
# How long to wait for the server to answer again after the cut (Odoo's master starts a new
# worker at once; a proxy may answer 502 for a few seconds).
RECOVERY_SECONDS = 60.0
_FIRST_DELAY = 1.0


def reached(row, operation):
    """Did ``operation`` end? (The version is not compared: from 16.0 a server that has not been
    restarted still shows the manifest it cached: odoo/modules/module.py, get_manifest's lru_cache.)"""
    if not row or row["state"] in PENDING_STATES:
        return False
    return row["state"] == ("uninstalled" if operation == "uninstall" else "installed")


def listing(rows):
    return ", ".join("%s (%s)" % (row["name"], row["state"]) for row in rows)


def seconds(elapsed):
    return "%.0f" % elapsed if elapsed >= 10 else "%.1f" % elapsed


def first_clause(message):
    """The client's message up to its advice ("...; re-run the task"), which does not apply here."""
    return (message or "").split(";")[0].strip()


class Recovery:
    def __init__(self, client, operation_timeout, clock=time.monotonic, sleep=time.sleep):
        self.client = client
        self.operation_timeout = operation_timeout
        self.warnings = []
        self._clock = clock
        self._sleep = sleep

    def pending(self):
        return self.client.search_read(MODULE, [("state", "in", PENDING_STATES)], ["name", "state"])

    def cancel(self, rows):
        """Cancel the pending operation of ``rows`` (one call per kind of pending state). From 19.0 one call
        resets every pending module: only this run's are pending (others were refused before it began)."""
        version = getattr(self.client, "version", None)
        if version is not None and version.major >= RESET_STATE_SINCE:
            self.client.call(MODULE, "button_reset_state")
            return
        for state, button in sorted(CANCEL.items()):
            ids = [row["id"] for row in rows if row["state"] == state]
            if ids:
                self.client.call(MODULE, button, ids)

    def clear_pending(self):
        """Cancel every pending module (this run checked that none was pending before it started)."""
        rows = self.pending()
        if rows:
            self.cancel(rows)
        return rows

    @staticmethod
    def cancelled_note(rows):
        if not rows:
            return ""
        return ("; Odoo had left %s pending, which was cancelled so that its scheduler runs crons again"
                % listing(rows))

    def after_lost_answer(self, row, operation, elapsed, error):
        """The answer of ``operation`` on ``row`` was lost after ``elapsed`` seconds: read what became of
        it, cancel what is pending, and return when it did finish; otherwise raise, saying why and what to do."""
        name = row["name"]
        current = self._read_when_back(name, operation, elapsed, error)
        try:
            left = self.clear_pending()
        except OdooError as failed:
            raise OdooServerError(
                "%s; cancelling what it left pending failed (%s): while a module is 'to install/upgrade/remove', "
                "Odoo runs no cron. Re-run this task (it resumes the operation), or cancel it in Apps"
                % (self._cut(operation, name, elapsed, error), first_clause(failed.message)))
        if current and current["state"] in SETTLED:     # cancelled just now
            current = dict(current, state=SETTLED[current["state"]])
        if not left and reached(current, operation):
            if self._timed_out(elapsed):
                lost = "outlasted operation_timeout (%g s)" % self.operation_timeout
            else:
                lost = "lost its answer after %s s (%s)" % (seconds(elapsed), first_clause(error.message))
            self.warnings.append("the %s of addon %r %s, but Odoo finished it; a request this long risks being "
                                 "cut by limit_time_real or a proxy: consider method: cli" % (operation, name, lost))
            return
        raise OdooServerError("%s%s; the addon is %s. %s" % (
            self._cut(operation, name, elapsed, error), self.cancelled_note(left), self._state_of(current, row),
            self._advice(operation, elapsed)))

    def _read_when_back(self, name, operation, elapsed, error):
        deadline = self._clock() + RECOVERY_SECONDS
        delay = _FIRST_DELAY
        while True:
            try:
                rows = self.client.search_read(MODULE, [("name", "=", name)],
                                               ["name", "state", "latest_version"])
                return rows[0] if rows else None
            except OdooConnectionError as again:
                if self._clock() + delay > deadline:
                    raise OdooConnectionError(
                        "%s, and Odoo did not answer again within %.0f s (%s): whether modules are left "
                        "pending is unknown; while one is, Odoo runs no cron. Re-run this task once Odoo "
                        "answers (it resumes the operation), or cancel it in Apps" % (
                            self._cut(operation, name, elapsed, error), RECOVERY_SECONDS,
                            first_clause(again.message)))
                self._sleep(delay)
                delay = min(delay * 2, 10.0)

    def _timed_out(self, elapsed):
        return elapsed >= self.operation_timeout - 0.5

    def _cut(self, operation, name, elapsed, error):
        if self._timed_out(elapsed):
            return ("the %s of addon %r did not finish within operation_timeout (%g s); Odoo may still be running "
                    "it" % (operation, name, self.operation_timeout))
        return ("the %s of addon %r was cut after %s s without an answer (%s): Odoo in workers mode kills a "
                "request that runs longer than limit_time_real (120 s by default) or uses more CPU than "
                "limit_time_cpu (60 s), and a proxy in front of Odoo may cut it sooner (502/504)"
                % (operation, name, seconds(elapsed), first_clause(error.message)))

    @staticmethod
    def _state_of(current, before):
        if not current:
            return "unknown to Odoo now"
        version = current.get("latest_version") or None
        settled_before = SETTLED.get(before["state"], before["state"])
        if current["state"] == settled_before and version == (before.get("latest_version") or None):
            return "unchanged (%s, version %s)" % (current["state"], version)
        return "now %s, version %s" % (current["state"], version)

    def _advice(self, operation, elapsed):
        if operation == "uninstall":
            return ("Uninstall it from Apps, or raise limit_time_real and the proxy's timeout for this run "
                    "(odoo-bin has no uninstall switch)")
        if self._timed_out(elapsed):
            more = "raise operation_timeout, "
        else:
            more = "raise limit_time_real and the proxy's timeout, "
        return ("Run it with method: cli (odoo-bin on the Odoo host, no request time limit), or %sthen re-run "
                "this task" % more)
