# -*- coding: utf-8 -*-
# Copyright: (c) 2026, odoo_ops.odoo contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Runs Odoo killed: the read side's count of cron runs cut by the time limit (Odoo 18.0+).

Source, odoo/addons/base/models/ir_cron.py, 18.0 (``_add_progress``, ``_run_job``, ``_process_job``):
* every run of a job first creates an ``ir.cron.progress`` row with ``timed_out_counter`` set to the
  previous row's counter + 1 and commits it; a run that ends, well or badly, sets its row back to 0;
* so a row that keeps a counter above 0 is a run that never ended: its worker was killed by the time
  limit for crons (``limit_time_real_cron``, ``limit_time_real`` when that is -1; workers mode), or it is
  still running. The latest such row's counter is how many runs in a row did not end;
* when a job is acquired with ``timed_out_counter >= CONSECUTIVE_TIMEOUT_FOR_FAILURE`` (3) and nothing
  done, Odoo does not run it: it counts a failure (``failure_count``), sets that counter back to 0 and
  reschedules the job (``lastcall`` = now). That row is the third killed run, now at 0 like a run that
  ended, so what stays above 0 is the chain 1, 2 before ``lastcall``: with ``failure_count`` above 0 it
  stands for 3 killed runs (measured on a real 18.0, workers mode: progress rows 1, 2, 0 and
  failure_count 1 after three kills and the fourth pick-up). A chain 1, 2 followed by a run that ended
  and then a run that raised would look the same; it is counted as 3 too;
* the kill: workers mode, the master SIGKILLs the cron worker whose last watchdog ping is older than
  ``limit_time_real_cron`` (``PreforkServer.process_timeout``); the worker pings BEFORE it sleeps up to
  SLEEP_INTERVAL + pid % 10 (60 to 69 s) waiting for work (``Worker._runloop``, ``WorkerCron.sleep``), so a
  limit under about 70 s kills the idle worker in its sleep, before any job starts, and leaves no progress
  row (measured: limit 8 s, the worker killed every 8 to 11 s, no job ever started, no row); a job gets
  the limit minus the time slept. Threaded mode: no thread is killed; the main loop sees a cron thread past
  the limit and reloads (re-executes) the whole server, HTTP included (``ThreadedServer.run``,
  ``process_limit``), which ends the job the same way (odoo/service/server.py, 18.0);
* the autovacuum removes progress rows older than a week (``_gc_cron_progress``).
Before 18.0 there is no ``ir.cron.progress``: a killed run leaves the cron due (its ``nextcall`` is not
moved), which health shows as overdue, but nothing counts the killed runs.

One request for all crons, only where the model exists (asked through ``ir.model``, which health reads
anyway): the rows with a counter above 0, which are few (finished runs are at 0).
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from datetime import datetime, timedelta

PROGRESS_MODEL = "ir.cron.progress"
CONSECUTIVE_TIMEOUT_FOR_FAILURE = 3
# A run younger than this may still be running: its row is not counted as killed yet.
RUNNING_ALLOWANCE = timedelta(minutes=10)
_DATETIME_FORMAT = "%Y-%m-%d %H:%M:%S"


def read_unfinished_runs(client, cron_ids):
    """{cron id: [(row id, timed_out_counter, create_date), ...]} of the runs that never ended."""
    if not cron_ids:
        return {}
    rows = client.search_read(PROGRESS_MODEL, [("cron_id", "in", sorted(cron_ids)), ("timed_out_counter", ">", 0)],
                              ["cron_id", "timed_out_counter", "create_date"], order="id")
    result = {}
    for row in rows:
        cron_id = row["cron_id"][0] if isinstance(row["cron_id"], (list, tuple)) else row["cron_id"]
        result.setdefault(cron_id, []).append((row["id"], row["timed_out_counter"], row.get("create_date")))
    return result


def killed_runs(record, unfinished, now=None):
    """{'in_a_row', 'last_7_days'}: runs of this cron killed before they ended.

    ``in_a_row``: since the cron last ended a run, Odoo's own counter of the latest unfinished row after
    ``lastcall``, plus, for each failure Odoo counted for timeouts (the last ``failure_count`` chains before
    ``lastcall`` that reached CONSECUTIVE_TIMEOUT_FOR_FAILURE - 1), that chain and the run Odoo set back to 0;
    ``last_7_days``: every unfinished run Odoo still keeps, plus those runs. The latest run is left out while
    it may still be running.
    """
    now = now or datetime.utcnow()
    rows = sorted(unfinished or [])
    lastcall = _parse(record.get("lastcall"))

    def after_last_end(row):
        started = _parse(row[2])
        return lastcall is None or started is None or started >= lastcall

    latest = rows[-1] if rows else None
    running = bool(latest and after_last_end(latest) and _parse(latest[2])
                   and _parse(latest[2]) > now - RUNNING_ALLOWANCE)
    current = [row for row in rows if after_last_end(row)]
    in_a_row = current[-1][1] if current else 0
    if running:
        in_a_row -= 1     # the run in progress took the counter one further
    in_a_row = max(in_a_row, 0)
    # _process_job (18.0) set the third killed run's row back to 0 each time it counted a failure for timeouts,
    # and a run that ends resets failure_count: so the last failure_count chains 1, 2 before lastcall (a chain:
    # counters that go up by one) are failures for timeouts, each of 3 killed runs, and no run ended since
    chains = []
    for row in (row for row in rows if not after_last_end(row)):
        if chains and row[1] == chains[-1][-1][1] + 1:
            chains[-1].append(row)
        else:
            chains.append([row])
    resets, streak = 0, True
    for chain in reversed(chains[len(chains) - min(len(chains), record.get("failure_count") or 0):]):
        if chain[-1][1] < CONSECUTIVE_TIMEOUT_FOR_FAILURE - 1:
            streak = False      # a failure of another kind (the job raised): the streak of kills stops there
            continue
        resets += 1
        if streak:
            in_a_row += chain[-1][1] + 1
    return {"in_a_row": in_a_row, "last_7_days": len(rows) - (1 if running else 0) + resets}


def _parse(value):
    try:
        return datetime.strptime(value, _DATETIME_FORMAT) if value else None
    except ValueError:
        return None
