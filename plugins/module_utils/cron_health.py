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
  (``_update_failure_count``);
* 18.0+: runs killed by the time limit for crons, from ``ir.cron.progress`` (cron_timeouts.py);
* 20.0: ``interval_type`` ``never``: the cron runs at its ``nextcall`` and not again by itself, so
  one whose ``lastcall`` is at or after its ``nextcall`` is done, not overdue (from the issue; the
  simulator's 20.0 profile models it, not yet measured on a real 20 server).
The access rights come from module_utils/access_rights.py (``ir.access`` on 20.0).
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from datetime import datetime, timedelta

from ansible_collections.odoo_ops.odoo.plugins.module_utils.cron_runnable import RunFacts, run_blockers
from ansible_collections.odoo_ops.odoo.plugins.module_utils.cron_spec import NEVER, parse_interval
from ansible_collections.odoo_ops.odoo.plugins.module_utils.cron_timeouts import (
    CONSECUTIVE_TIMEOUT_FOR_FAILURE, PROGRESS_MODEL, killed_runs, read_unfinished_runs)
from ansible_collections.odoo_ops.odoo.plugins.module_utils.errors import OdooAccessError, OdooInputError

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
    if str(text).strip().isdigit():
        # `-e cron_health_grace='2 hours'` reaches Ansible as two words, and it keeps only "2".
        raise OdooInputError("grace %r has no unit: write e.g. '2 hours' or 2h; on the command line quote the whole "
                             "pair, -e \"cron_health_grace='2 hours'\", since Ansible splits -e key=value at spaces"
                             % (text,))
    interval = parse_interval(text, where="grace")
    if interval.unit == NEVER:
        raise OdooInputError("grace %r is not a length of time: write e.g. '2 hours' (option grace)" % text)
    return timedelta(minutes=interval.number * _UNIT_MINUTES[interval.unit])


class HealthFacts(RunFacts):
    """What health needs beyond the crons themselves, read once for all of them."""

    def __init__(self, users, readable, models, pending, unfinished=None):
        super(HealthFacts, self).__init__(users, readable, models)
        self.pending = pending      # ['addon (to upgrade)', ...]
        # {cron id: [(progress id, timed_out_counter, create_date)]} of the runs that never ended
        # (cron_timeouts.py); None where Odoo keeps no such record (before 18.0) or hides it
        self.unfinished = unfinished

    @classmethod
    def read(cls, client, records):
        """Four requests (users, models, access rules, addons), whatever the number of crons, and a fifth
        where ir.cron.progress exists (18.0+): the runs that never ended."""
        facts = RunFacts.read(client, [r["user_id"][0] for r in records if r.get("user_id")],
                              [r.get("model_name") for r in records] + [PROGRESS_MODEL])
        pending = ["%s (%s)" % (row["name"], row["state"]) for row in client.search_read(
            "ir.module.module", [("state", "in", list(PENDING_STATES))], ["name", "state"], order="name")]
        unfinished = None
        if PROGRESS_MODEL in facts.models:
            try:
                unfinished = read_unfinished_runs(client, [record["id"] for record in records])
            except OdooAccessError:
                unfinished = None   # the user may read crons but not their progress: say nothing
        return cls(facts.users, facts.readable, facts.models, pending, unfinished)


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
        found.extend(_overdue(record, now, grace, facts.unfinished is None))
    timeouts = None
    if facts.unfinished is not None:
        timeouts = killed_runs(record, facts.unfinished.get(record["id"]), now)
        found.extend(_killed(timeouts))
    if record.get("failure_count"):
        killed = (" (%d run(s) killed by the time limit in the last 7 days)" % timeouts["last_7_days"]
                  if timeouts and timeouts["last_7_days"] else "")
        found.append(("failing", "failed %d time(s) in a row since %s (UTC)%s; Odoo deactivates a cron after 5 "
                                 "failures spread over at least 7 days: read the server log around its last run"
                      % (record["failure_count"], record.get("first_failure_date") or "?", killed)))
    health = {"status": "ok", "reasons": []}
    if found:
        worst = max(STATUSES.index(status) for status, _reason in found)
        health = {"status": STATUSES[worst], "reasons": [reason for _status, reason in found]}
    if timeouts is not None:
        health["timeouts"] = timeouts
    return health


def _killed(timeouts):
    if timeouts["in_a_row"]:
        yield ("failing", "its last %d run(s) were killed by Odoo's time limit for crons (limit_time_real_cron, or "
                          "limit_time_real when it is -1) before they ended; after %d in a row Odoo counts a failure "
                          "instead of running it: make each run do less (batches with the cron progress API) or "
                          "raise the limit" % (timeouts["in_a_row"], CONSECUTIVE_TIMEOUT_FOR_FAILURE))


def _broken(record, facts):
    user_id = record["user_id"][0] if record.get("user_id") else None
    for _option, reason in run_blockers(record.get("model_name"), user_id, facts):
        yield ("broken", reason)
    if record.get("active") and record.get("numbercall") == 0:
        yield ("broken", "active with numbercall 0: Odoo never runs it; set numbercall to -1 (unlimited)")


def _overdue(record, now, grace, blind_to_kills=False):
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
               % (record["nextcall"], _text(allowed))
               + ("; a run killed by the time limit (limit_time_real) also leaves it due, and this Odoo (before "
                  "18.0) keeps no record of killed runs: look for 'WorkerCron (...) timeout after' in the server log"
                  if blind_to_kills else ""))


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
