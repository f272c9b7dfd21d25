# -*- coding: utf-8 -*-
# Copyright: (c) 2026, odoo_ops.odoo contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""One login per play, not per task.

Odoo 16+ hashes the password on every login (~0.3 s), while a call with a known uid is
cheap because the server caches the checked (uid, secret) pair. So each module returns
``odoo_session`` (uid and server version, never the secret); this action keeps uid and version
as the host fact ``odoo_ops_sessions`` keyed by a digest of url, database and login, and hands
them to the next task against the same target as its ``session`` option. If the server refuses
the reused uid, the module logs in for real (module_utils/client.py).

The key and the target come from the task's own arguments, not from the module's result:
Ansible hides every returned string that contains the password (no_log), so with a password
that is also the login (admin/admin) or part of the url, the returned ``odoo_session`` names
a masked target that would never match the next task. A task that gives none of them gets them from
ODOO_URL, ODOO_DATABASE and ODOO_USERNAME, as its module will (``target_from_environment``).

The items of a ``loop:`` run one after the other in one worker process, before any fact is set,
so the session is also kept in that process for the task's next items.

The server's version is also kept per server (a digest of the url alone): with Odoo 19's JSON-2
API the version probe (``GET /web/version``) is the only request that is not the work itself, so a
play probes each server once, whatever the databases and users its tasks name.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import gc
import hashlib
import os
from contextlib import contextmanager

from ansible.plugins.action import ActionBase

FACT = "odoo_ops_sessions"
# The options naming the target, with their aliases (module_utils/connection.py).
TARGET = (("url",), ("database", "db"), ("username", "login"))
# Sessions learnt in this worker process: the items of one looped task share them.
_LOOP_SESSIONS = {}


def target_of(args):
    """{'url', 'database', 'username'} from a task's arguments, or None when one is not given there."""
    target = dict((names[0], next((args[n] for n in names if args.get(n)), None)) for names in TARGET)
    return target if all(target.values()) else None


# The environment variables the connection options fall back to (module_utils/connection.py).
TARGET_ENV = {"url": "ODOO_URL", "database": "ODOO_DATABASE", "username": "ODOO_USERNAME"}


def target_from_environment(args, environ):
    """The target of a task whose connection options come (some or all) from ODOO_URL, ODOO_DATABASE and
    ODOO_USERNAME, as the module will read them when it runs on the controller; None when one is missing.

    Only a guess: a module that runs elsewhere, or under a task's ``environment:``, sees other values. The module
    uses a session only for its own url, database and login (connection.py ``_reusable_session``), and the action
    keeps what such a task learnt only when the module's result names this same target (``same_target``).
    """
    target = target_of(args) or {}
    for names in TARGET:
        if not target.get(names[0]):
            target[names[0]] = next((args[n] for n in names if args.get(n)), None) or environ.get(TARGET_ENV[names[0]])
    return target if all(target.values()) else None


def same_target(target, session):
    return all(session.get(key) == target[key] for key in TARGET_ENV)


def session_key(target):
    """A digest, so that the fact never shows a login (which may equal the password) in clear."""
    text = "\n".join(str(target[names[0]]) for names in TARGET)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:20]


def server_key(target):
    """The key of what is known of the server itself (its version), whatever database and user."""
    return "server-" + hashlib.sha256(str(target["url"]).encode("utf-8")).hexdigest()[:20]


def known_session(known, target):
    """What the play knows for ``target``: its session, else the version of its server, else None."""
    key = session_key(target)
    session = _LOOP_SESSIONS.get(key) or known.get(key)
    if session:
        return session
    server = _LOOP_SESSIONS.get(server_key(target)) or known.get(server_key(target))
    return {"version": server["version"]} if server else None


def learn(known, target, session):
    """Keep the uid and version of ``target``, and the version of its server, for the next tasks."""
    entries = {session_key(target): {"uid": session.get("uid"), "version": session.get("version")},
               server_key(target): {"version": session.get("version")}}
    if session.get("capabilities"):
        entries[session_key(target)]["capabilities"] = dict(session["capabilities"])
    known.update(entries)
    _LOOP_SESSIONS.update(entries)
    return known


@contextmanager
def cycle_collector_paused():
    """No cyclic garbage collection while the task builds, runs and reads its module.

    A task runs in a worker process forked from ansible-playbook, and inherits its whole heap
    (the play, the inventory, the parsed documentation: 70 000 objects or more). Building the
    module's payload parses the source of every module_utils file it imports (ansible-core's
    recursive_finder) and allocates enough for Python to run a full collection, which walks that
    inherited heap and, in a forked process, copies the memory pages it touches: about 100 ms of
    a 0.3 s task on a small play, more on a large one (``make bench``). Nearly everything the task
    allocates is freed by reference counting, and the worker ends with the task, so the few cycles
    left uncollected cost less than the collection would.

    When the collector comes back on, everything alive is frozen first (``gc.freeze``): the first
    collection after a pause would otherwise be a full one over that same inherited heap, about 20 ms
    after the module has answered and before the task ends (``ANSIBLE_DEBUG`` timestamps, ``make bench``).
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.freeze()
            gc.enable()


class SessionReusingAction(ActionBase):
    TRANSFERS_FILES = False

    def run(self, tmp=None, task_vars=None):
        task_vars = task_vars or {}
        result = super(SessionReusingAction, self).run(tmp, task_vars)
        args = dict(self._task.args)
        known = dict((task_vars.get("ansible_facts") or {}).get(FACT) or {})
        target = target_of(args)
        # Without the options in the task, the module reads them from ODOO_URL, ODOO_DATABASE and ODOO_USERNAME:
        # without this, each task of such a play would probe the version (JSON-2) or log in again.
        from_environment = target is None
        if from_environment:
            target = target_from_environment(args, os.environ)
        reusable = known_session(known, target) if target else None
        if reusable and not args.get("session"):
            args["session"] = dict(reusable, **target)
        with cycle_collector_paused():
            result.update(self._execute_module(module_name=self._task.action, module_args=args, task_vars=task_vars))
        session = result.get("odoo_session")
        if target and session and session.get("version") and not result.get("failed") and (
                not from_environment or same_target(target, session)):
            result["ansible_facts"] = {FACT: learn(known, target, session)}
        return result
