# -*- coding: utf-8 -*-
# Copyright: (c) 2026, odoo_ops.odoo contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""One login per play, not per task.

Odoo 16+ hashes the password on every login (~0.3 s), while a call with a known uid is
cheap because the server caches the checked (uid, secret) pair. So each module returns
``odoo_session`` (uid and server version, never the secret); this action keeps it as the
host fact ``odoo_ops_sessions`` keyed by url, database and login, and hands it to the next
task against the same target as its ``session`` option. If the server refuses the reused
uid, the module logs in for real (module_utils/client.py).
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible.plugins.action import ActionBase

FACT = "odoo_ops_sessions"


def session_key(values):
    parts = [values.get(name) for name in ("url", "database", "username")]
    return "|".join(str(part) for part in parts) if all(parts) else None


class SessionReusingAction(ActionBase):
    TRANSFERS_FILES = False

    def run(self, tmp=None, task_vars=None):
        task_vars = task_vars or {}
        result = super(SessionReusingAction, self).run(tmp, task_vars)
        args = dict(self._task.args)
        known = dict((task_vars.get("ansible_facts") or {}).get(FACT) or {})
        key = session_key(args)
        if key in known and not args.get("session"):
            args["session"] = known[key]
        result.update(self._execute_module(module_name=self._task.action, module_args=args, task_vars=task_vars))
        session = result.get("odoo_session")
        if session and not result.get("failed"):
            known[session_key(session)] = session
            result["ansible_facts"] = {FACT: known}
        return result
