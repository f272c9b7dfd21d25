"""The cron scheduler: ir_cron.py _process_jobs/_process_job of each branch.

* 14.0 _process_job: while nextcall < now and numbercall: decrement numbercall unless
  negative, run once (or every time if doall), advance nextcall while numbercall is
  not 0; then UPDATE nextcall, numbercall, lastcall (+ active=False when numbercall
  reached 0).
* 16.0/17.0 (15.0 assumed identical): count missed calls, run 1 (or all with doall,
  capped by numbercall), numbercall_left = max(numbercall - runs, -1),
  active = active and bool(numbercall_left), nextcall = first future slot.
* 18.0: no numbercall; run once; failure_count/first_failure_date bookkeeping
  (_update_failure_count: deactivate after 5 failures spanning 7 days), nextcall
  moved past now (_reschedule_later). Each run first creates an ir.cron.progress row whose
  timed_out_counter is the previous row's + 1 (_add_progress), set back to 0 when the run ends
  (_run_job); a worker killed by the time limit (time_limit.py cron_killed) leaves it as it is, and
  the cron untouched (its transaction dies with it: no nextcall, lastcall nor failure_count
  change). A job acquired with timed_out_counter >= CONSECUTIVE_TIMEOUT_FOR_FAILURE (3) and nothing
  done is not run: FAILED, that counter back to 0 with raw SQL, so its write_date stays (_process_job,
  18.0). A manual run (method_direct_trigger, ir_actions.py) leaves a row at 0. All measured on a real 18.0.
A failing job is logged and does not stop the others (_callback catches everything).
"""

import calendar
import datetime

from . import errors, fields

MIN_FAILURE_COUNT_BEFORE_DEACTIVATION = 5
MIN_DELTA_BEFORE_DEACTIVATION = datetime.timedelta(days=7)
CONSECUTIVE_TIMEOUT_FOR_FAILURE = 3


def add_interval(moment, interval_type, number):
    if interval_type == "minutes":
        return moment + datetime.timedelta(minutes=number)
    if interval_type == "hours":
        return moment + datetime.timedelta(hours=number)
    if interval_type == "days":
        return moment + datetime.timedelta(days=number)
    if interval_type == "weeks":
        return moment + datetime.timedelta(days=7 * number)
    # months, like relativedelta(months=n)
    month = moment.month - 1 + number
    year = moment.year + month // 12
    month = month % 12 + 1
    day = min(moment.day, calendar.monthrange(year, month)[1])
    return moment.replace(year=year, month=month, day=day)


_FIXED = {"minutes": 60, "hours": 3600, "days": 86400, "weeks": 7 * 86400}
MAX_RUNS_PER_JOB = 1000     # simulator guard for doall on very late crons


def count_steps(start, now, interval_type, number, strict):
    """How many times ``while t < now`` (strict) / ``while t <= now`` adds the interval."""
    if number <= 0:
        return 0
    if interval_type in _FIXED:
        span = (now - start).total_seconds()
        step = _FIXED[interval_type] * number
        if strict:
            return max(0, -int(-span // step)) if span > 0 else 0
        return int(span // step) + 1 if span >= 0 else 0
    steps, moment = 0, start
    while moment < now or (not strict and moment == now):
        moment = add_interval(moment, interval_type, number)
        steps += 1
    return steps


def advance(start, interval_type, number, steps):
    if interval_type in _FIXED:
        return start + datetime.timedelta(seconds=_FIXED[interval_type] * number * steps)
    for _i in range(steps):
        start = add_interval(start, interval_type, number)
    return start


def _fmt(moment):
    return moment.strftime(fields.DATETIME_FORMAT)


def due_cron_ids(db, now):
    cron = db.env()["ir.cron"]
    domain = [("active", "=", True), ("nextcall", "<=", _fmt(now))]
    if db.profile.cron_numbercall:
        domain.append(("numbercall", "!=", 0))
    ids = cron._search(domain, order="priority")
    if db.profile.cron_interval_never:
        # 20.0 guess (FACTS_20 "cron_interval_never"): a 'never' cron runs once at its nextcall
        rows = db.tables["ir.cron"]
        ids = [rid for rid in ids if rows[rid].get("interval_type") != "never" or not _ran_since_due(rows[rid])]
    return ids


def _ran_since_due(row):
    return bool(row.get("lastcall")) and row["lastcall"] >= row["nextcall"]


def pending_module_operation(db):
    """ir_cron._check_modules_state: an addon 'to install', 'to upgrade' or 'to remove'."""
    modules = db.env()["ir.module.module"]
    return any(str(row.get("state", "")).startswith("to ") for row in modules._rows.values())


def run_due_crons(db, now=None, ids=None):
    """Run the due crons (or exactly ``ids``); return one report dict per job."""
    now = fields.parse_datetime(now) if now else datetime.datetime.utcnow().replace(microsecond=0)
    if pending_module_operation(db):
        # _check_modules_state: BadModuleState, the whole database is skipped
        return [{"skipped": "modules to install/upgrade/remove"}]
    cron_ids = list(ids) if ids is not None else due_cron_ids(db, now)
    return [_process_job(db, rid, now) for rid in cron_ids if rid in db.tables["ir.cron"]]


def _callback(db, job, rid=None):
    env = db.env(uid=job["user_id"], context={"lastcall": job.get("lastcall") or False},
                 su=False)
    if job["user_id"] == 1:
        env = env.sudo()
    snap = db.snapshot()
    db.scheduler_job = rid          # the job whose row lock the worker holds
    try:
        env["ir.actions.server"]._run_one(job["ir_actions_server_id"])
        return None
    except errors.OdooError as exc:
        # _callback(): log, _handle_callback_exception() rolls the job back
        rows = db.tables["ir.cron"]
        current = {rid: rows[rid] for rid in rows}
        db.restore(snap)
        db.tables["ir.cron"].update(current)
        return "%s: %s" % (exc.name, exc.message)
    finally:
        db.scheduler_job = None


def _process_job(db, rid, now):
    row = db.tables["ir.cron"][rid]
    profile = db.profile
    report = {"id": rid, "name": db.env()["ir.cron"]._get_value(rid, "name"), "runs": 0,
              "errors": []}
    nextcall = fields.parse_datetime(row["nextcall"])
    itype, inumber = row.get("interval_type") or "months", row.get("interval_number") or 0

    def run():
        report["runs"] += 1
        error = _callback(db, row, rid)
        if error:
            report["errors"].append(error)
        return error

    if profile.cron_process == "14":
        numbercall = row.get("numbercall", 1)
        # while nextcall < now and numbercall: decrement unless negative, run the first
        # time (every time with doall), advance while numbercall is not 0
        iterations = count_steps(nextcall, now, itype, inumber, strict=True) if inumber > 0 \
            else (1 if nextcall < now else 0)
        if numbercall >= 0:
            iterations = min(iterations, numbercall)
        runs = iterations if row.get("doall") else min(iterations, 1)
        for _i in range(min(runs, MAX_RUNS_PER_JOB)):
            run()
        advances = iterations
        if numbercall > 0:
            numbercall -= iterations
            if numbercall == 0 and iterations:
                advances -= 1
        nextcall = advance(nextcall, itype, inumber, advances)
        row.update(nextcall=_fmt(nextcall), numbercall=numbercall, lastcall=_fmt(now))
        if not numbercall:
            row["active"] = False
    elif profile.cron_process == "16":
        numbercall = row.get("numbercall", 1)
        missed = count_steps(nextcall, now, itype, inumber, strict=False)
        future = advance(nextcall, itype, inumber, missed)
        if not missed:
            effective = 1
        elif not row.get("doall"):
            effective = 1
        elif numbercall == -1:
            effective = missed
        else:
            effective = min(missed, numbercall)
        left = max(numbercall - effective, -1)
        for _i in range(min(effective, MAX_RUNS_PER_JOB)):
            run()
        row.update(nextcall=_fmt(future), numbercall=left, lastcall=_fmt(now),
                   active=bool(row.get("active")) and bool(left))
    else:
        if "ir.cron.progress" in db.registry:
            outcome = _run_with_progress(db, rid, row, now, report, run)
            if outcome == "killed":
                report.update(active=bool(row.get("active")), nextcall=row["nextcall"], killed=True)
                return report
            error = outcome
        else:
            error = run()
        if error:
            count = (row.get("failure_count") or 0) + 1
            first = row.get("first_failure_date") or _fmt(now)
            active = row.get("active")
            if (count >= MIN_FAILURE_COUNT_BEFORE_DEACTIVATION
                    and fields.parse_datetime(first) + MIN_DELTA_BEFORE_DEACTIVATION < now):
                count, first, active = 0, None, False
            row.update(failure_count=count, first_failure_date=first, active=active)
        else:
            row.update(failure_count=0, first_failure_date=None)
        if itype != "never":            # a 'never' cron keeps its nextcall (20.0 guess)
            nextcall = advance(nextcall, itype, inumber,
                               count_steps(nextcall, now, itype, inumber, strict=False))
        row.update(nextcall=_fmt(nextcall), lastcall=_fmt(now))
    report.update(active=bool(row.get("active")), nextcall=row["nextcall"])
    if profile.cron_numbercall:
        report["numbercall"] = row.get("numbercall")
    return report


def _run_with_progress(db, rid, row, now, report, run):
    """18.0 _process_job/_run_job around one run: the error text, None, or "killed"."""
    rows = db.tables.get("ir.cron.progress", {})
    mine = [pid for pid in sorted(rows) if rows[pid].get("cron_id") == rid]
    last = rows[mine[-1]] if mine else None
    counter = (last or {}).get("timed_out_counter") or 0
    if counter >= CONSECUTIVE_TIMEOUT_FOR_FAILURE and not (last or {}).get("done"):
        last["timed_out_counter"] = 0
        report["timed_out"] = True
        report["errors"].append("Job %r (%s) timed out" % (report["name"], rid))
        return "Job %r (%s) timed out" % (report["name"], rid)
    pid = add_progress(db, rid, counter + 1, now)
    if db.time_limits is not None and db.time_limits.cron_killed(report["name"]):
        report["runs"] += 1
        return "killed"
    error = run()
    # _run_job's finally, an ORM write (so write_date moves; the reset above is raw SQL and leaves it);
    # a failed job's rollback restored the tables: read them again
    db.tables["ir.cron.progress"][pid].update(timed_out_counter=0, write_date=_fmt(datetime.datetime.utcnow()))
    return error


def add_progress(db, rid, counter, now=None):
    """_add_progress (ir_cron.py 18.0): a row with ``timed_out_counter`` ``counter``; its id."""
    now = fields.parse_datetime(now) if isinstance(now, str) else now
    moment = _fmt(now or datetime.datetime.utcnow().replace(microsecond=0))
    pid = db.env()["ir.cron.progress"]._create([{"cron_id": rid, "remaining": 0, "done": 0,
                                                 "timed_out_counter": counter}])[0]
    db.tables["ir.cron.progress"][pid].update(create_date=moment, write_date=moment)
    return pid
