# -*- coding: utf-8 -*-
# Copyright: (c) 2026, odoo_ops.odoo contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Whether crons actually run: the read side's health of a cron, beside cron_view.

Odoo alerts nobody when a cron stops running. Health says, per cron, ``ok``, ``inactive``,
``overdue``, ``failing`` or ``broken`` (the worst applies) with reasons a person can act on.
It costs the same few requests whatever the number of crons: the users, the access rules,
the models and the pending module operations are each read once (``HealthFacts.read``).

Sources, odoo/addons/base/models/ir_cron.py:
* the scheduler runs active crons whose ``nextcall`` has passed (``_get_all_ready_jobs``), as
  their user without sudo (``_callback``; the superuser, id 1, bypasses access rights);
* it skips the whole database while an addon is 'to install', 'to upgrade' or 'to remove'
  (``_check_modules_state`` raises BadModuleState, 14.0 to 19.0);
* 14.0 to 17.0: a cron whose ``numbercall`` reached 0 no longer runs (14.0 selects
  ``numbercall != 0``; 16.0/17.0 archive it);
* 18.0+: ``failure_count``/``first_failure_date``, reset on success; the cron is deactivated after
  MIN_FAILURE_COUNT_BEFORE_DEACTIVATION (5) failures spanning MIN_DELTA_BEFORE_DEACTIVATION (7 days)
  (``_update_failure_count``).
* 20.0: ``interval_type`` ``never``: the cron runs at its ``nextcall`` and not again by itself, so
  one whose ``lastcall`` is at or after its ``nextcall`` is done, not overdue (from the issue; the
  simulator's 20.0 profile models it, not yet measured on a real 20 server).
The access rights come from module_utils/access_rights.py (``ir.access`` on 20.0).
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from datetime import datetime, timedelta

from ansible_collections.odoo_ops.odoo.plugins.module_utils import access_rights
from ansible_collections.odoo_ops.odoo.plugins.module_utils.client import SUPERUSER_ID
from ansible_collections.odoo_ops.odoo.plugins.module_utils.cron_spec import NEVER, parse_interval
from ansible_collections.odoo_ops.odoo.plugins.module_utils.errors import OdooInputError, OdooServerError

STATUSES = ("ok", "inactive", "overdue", "failing", "broken")   # from best to worst
UNHEALTHY = ("overdue", "failing", "broken")
MIN_GRACE = timedelta(minutes=10)
PENDING_STATES = ("to install", "to upgrade", "to remove")
_UNIT_MINUTES = {"minutes": 1, "hours": 60, "days": 1440, "weeks": 10080, "months": 44640}
_DATETIME_FORMAT = "%Y-%m-%d %H:%M:%S"


def check_grace(text):
    """The ``grace`` option as a timedelta, or None for each cron's own interval."""
    if text is None:
        return None
    interval = parse_interval(text, where="grace")
    if interval.unit == NEVER:
        raise OdooInputError("grace %r is not a length of time: write e.g. '2 hours' (option grace)" % text)
    return timedelta(minutes=interval.number * _UNIT_MINUTES[interval.unit])


class HealthFacts:
    """What health needs beyond the crons themselves, read once for all of them."""

    def __init__(self, users, readable, models, pending):
        self.users = users          # {id: {'login', 'active', 'groups'}} of the crons' users
        self.readable = readable    # {model name: [group id or None, ...]} with read access
        self.models = models        # set of model names that exist
        self.pending = pending      # ['addon (to upgrade)', ...]

    @classmethod
    def read(cls, client, records):
        """Four requests (users, models, access rights, addons), whatever the number of crons."""
        user_ids = sorted(set(r["user_id"][0] for r in records if r.get("user_id")))
        names = sorted(set(r["model_name"] for r in records if r.get("model_name")))
        users = read_users(client, user_ids) if user_ids else {}
        models = {}
        if names:
            # the same read tells which security model the server has (access_rights.py)
            asked = names if access_rights.known_access_model(client) else names + [access_rights.ACCESS]
            rows = client.search_read("ir.model", [("model", "in", sorted(set(asked)))], ["model"])
            if access_rights.known_access_model(client) is None:
                access_rights.note_models(client, set(row["model"] for row in rows))
            models = dict((row["model"], row["id"]) for row in rows if row["model"] in names)
        readable = {}
        if models:
            by_id = dict((model_id, name) for name, model_id in models.items())
            for model_id, grants in access_rights.model_grants(client, sorted(by_id), ("read",)).items():
                readable[by_id[model_id]] = grants["read"]
        pending = ["%s (%s)" % (row["name"], row["state"]) for row in client.search_read(
            "ir.module.module", [("state", "in", list(PENDING_STATES))], ["name", "state"], order="name")]
        return cls(users, readable, set(models), pending)


def read_users(client, user_ids):
    """{id: {'login', 'active', 'groups'}}: archived users included, groups with the implied ones.

    The groups field is ``groups_id`` up to 18.0 (implied groups stored on the user) and
    ``all_group_ids`` from 19.0 (``group_ids`` holds only the direct ones), odoo/addons/base/models/res_users.py.
    """
    field = "all_group_ids" if client.version.major >= 19 else "groups_id"
    try:
        rows = client.search_read("res.users", [("id", "in", user_ids)], ["login", "active", field], archived=True)
    except OdooServerError as error:
        if "Invalid field" not in error.message:
            raise
        field = "groups_id" if field != "groups_id" else "all_group_ids"
        rows = client.search_read("res.users", [("id", "in", user_ids)], ["login", "active", field], archived=True)
    return dict((row["id"], {"login": row["login"], "active": row["active"], "groups": set(row[field] or [])})
                for row in rows)


def cron_health(record, facts, now=None, grace=None):
    """{'status', 'reasons'} of one ir.cron row (as read by CronStore.read_crons)."""
    now = now or datetime.utcnow()
    found = []  # (status, reason)
    if facts.pending:
        found.append(("broken", "Odoo's scheduler runs no cron of this database while addons wait for an "
                                "operation: %s; finish it (upgrade the database) or cancel it in Apps"
                      % ", ".join(facts.pending)))
    found.extend(_broken(record, facts))
    if not record.get("active"):
        found.append(("inactive", "archived: Odoo does not run it"))
    else:
        found.extend(_overdue(record, now, grace))
    if record.get("failure_count"):
        found.append(("failing", "failed %d time(s) in a row since %s (UTC); Odoo deactivates a cron after 5 failures "
                                 "spread over at least 7 days: read the server log around its last run"
                      % (record["failure_count"], record.get("first_failure_date") or "?")))
    if not found:
        return {"status": "ok", "reasons": []}
    worst = max(STATUSES.index(status) for status, _reason in found)
    return {"status": STATUSES[worst], "reasons": [reason for _status, reason in found]}


def _broken(record, facts):
    model = record.get("model_name")
    if model and model not in facts.models:
        yield ("broken", "its model %s does not exist any more (the addon that defined it is uninstalled?): "
                         "delete the cron or reinstall the addon" % model)
    user_id = record["user_id"][0] if record.get("user_id") else None
    user = facts.users.get(user_id)
    if user is None:
        yield ("broken", "its user (id %s) does not exist: give it an existing user" % user_id)
    elif user_id != SUPERUSER_ID:
        if not user["active"]:
            yield ("broken", "its user %s is archived: Odoo cannot run it as that user; give it an active user, "
                             "e.g. base.user_root" % user["login"])
        if model in facts.models and not _can_read(user, facts.readable.get(model, [])):
            yield ("broken", "its user %s has no read access to %s, so every run fails: add the user to a group "
                             "that has it, or run the cron as base.user_root" % (user["login"], model))
    if record.get("active") and record.get("numbercall") == 0:
        yield ("broken", "active with numbercall 0: Odoo never runs it; set numbercall to -1 (unlimited)")


def _can_read(user, groups):
    return access_rights.can(user["groups"], groups)


def _overdue(record, now, grace):
    nextcall = _parse(record.get("nextcall"))
    if nextcall is None:
        return
    lastcall = _parse(record.get("lastcall"))
    if record.get("interval_type") == NEVER and lastcall is not None and lastcall >= nextcall:
        return  # 20.0: a cron that runs once has run; its nextcall stays in the past
    allowed = grace if grace is not None else max(_interval(record), MIN_GRACE)
    if nextcall < now - allowed:
        yield ("overdue", "due since %s (UTC), more than %s late: the scheduler is down, stuck or busy; check that "
                          "the server runs crons (max_cron_threads), and its log"
               % (record["nextcall"], _text(allowed)))


def _interval(record):
    minutes = _UNIT_MINUTES.get(record.get("interval_type"), 0) * (record.get("interval_number") or 0)
    return timedelta(minutes=minutes)


def _parse(value):
    try:
        return datetime.strptime(value, _DATETIME_FORMAT) if value else None
    except ValueError:
        return None


def _text(delta):
    minutes = int(delta.total_seconds() // 60)
    for unit, size in (("day", 1440), ("hour", 60)):
        if minutes >= size and minutes % size == 0:
            count = minutes // size
            return "%d %s%s" % (count, unit, "s" if count > 1 else "")
    return "%d minute%s" % (minutes, "s" if minutes != 1 else "")


def is_unhealthy(health):
    return health["status"] in UNHEALTHY
