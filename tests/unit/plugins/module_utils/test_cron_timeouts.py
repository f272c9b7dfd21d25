"""Runs Odoo killed (18.0+ ir.cron.progress): the count from the unfinished rows, and what health says of it."""

from datetime import datetime, timedelta

import pytest

from ansible_collections.odoo_ops.odoo.plugins.module_utils.cron_health import HealthFacts, cron_health
from ansible_collections.odoo_ops.odoo.plugins.module_utils.cron_timeouts import killed_runs, read_unfinished_runs

NOW = datetime(2026, 11, 30, 12, 0, 0)


def ago(**delta):
    return (NOW - timedelta(**delta)).strftime("%Y-%m-%d %H:%M:%S")


def record(**values):
    row = {"id": 5, "cron_name": "x", "active": True, "interval_number": 1, "interval_type": "hours",
           "model_name": "res.partner", "user_id": [1, "OdooBot"], "nextcall": ago(minutes=5),
           "lastcall": ago(hours=5)}
    row.update(values)
    return row


@pytest.mark.parametrize("rows,lastcall,expected", [
    ([], ago(hours=5), {"in_a_row": 0, "last_7_days": 0}),
    # three runs killed since the last one that ended: Odoo's counter of the latest
    ([(11, 1, ago(hours=3)), (12, 2, ago(hours=2)), (13, 3, ago(hours=1))], ago(hours=5),
     {"in_a_row": 3, "last_7_days": 3}),
    # the latest started 2 minutes ago: it may still run, so it is not counted (its counter took the 2 killed + 1)
    ([(11, 1, ago(hours=2)), (12, 2, ago(hours=1)), (13, 3, ago(minutes=2))], ago(hours=5),
     {"in_a_row": 2, "last_7_days": 2}),
    # killed before the cron last ended a run (Odoo counted them as a failure, or a later run ended well)
    ([(11, 1, ago(hours=4)), (12, 2, ago(hours=3))], ago(hours=2), {"in_a_row": 0, "last_7_days": 2}),
    # never ended a run: every unfinished row is of the current streak
    ([(11, 1, ago(hours=2))], None, {"in_a_row": 1, "last_7_days": 1}),
])
def test_killed_runs(rows, lastcall, expected):
    assert killed_runs(record(lastcall=lastcall), rows, NOW) == expected


# What a real 18.0 left (workers mode, limit_time_real_cron 90 s, a job sleeping 200 s, see cron_timeouts.py):
# three kills (rows 2, 3, 4 with counters 1, 2, 3), then the fourth pick-up counted a failure and set row 4
# back to 0 with raw SQL: rows 2 and 3 stay above 0, failure_count 1, lastcall the pick-up.
REAL_18_AFTER_THE_FAILURE = [(2, 1, "2026-12-03 09:44:11"), (3, 2, "2026-12-03 09:45:44")]
REAL_18_FAILURE = dict(failure_count=1, first_failure_date="2026-12-03 09:48:55", lastcall="2026-12-03 09:48:55")


def test_after_odoo_counted_a_failure_for_timeouts_the_third_killed_run_is_counted():
    now = datetime(2026, 12, 3, 10, 0, 0)
    assert killed_runs(record(**REAL_18_FAILURE), REAL_18_AFTER_THE_FAILURE, now) == {"in_a_row": 3, "last_7_days": 3}
    # then killed again (rows 6, 7, 8: 1, 2, 3 after lastcall; the threaded server reloaded each time): one streak
    later = REAL_18_AFTER_THE_FAILURE + [(6, 1, "2026-12-03 09:50:14"), (7, 2, "2026-12-03 09:52:54"),
                                         (8, 3, "2026-12-03 10:08:36")]
    assert killed_runs(record(**REAL_18_FAILURE), later, datetime(2026, 12, 3, 10, 22)) == {
        "in_a_row": 6, "last_7_days": 6}
    # the second failure counted (10:22:11, row 8 back to 0) and a new run started 10:23:11 (it may still run):
    # two failures for timeouts, six runs killed in a row, none ended since
    second = {"failure_count": 2, "first_failure_date": "2026-12-03 09:48:55", "lastcall": "2026-12-03 10:22:11"}
    rows = later[:-1] + [(10, 1, "2026-12-03 10:23:11")]
    assert killed_runs(record(**second), rows, datetime(2026, 12, 3, 10, 23, 15)) == {"in_a_row": 6, "last_7_days": 6}
    # a failure of another kind (the job raised after one kill) is not a chain of kills: its runs are not added
    assert killed_runs(record(**second), [(2, 1, "2026-12-03 09:44:11"), (3, 2, "2026-12-03 09:45:44"),
                                          (6, 1, "2026-12-03 09:50:14")], datetime(2026, 12, 3, 10, 23, 15)) == {
        "in_a_row": 0, "last_7_days": 4}
    # the same rows without a failure counted: the run after the chain ended (its row at 0 is not a kill)
    assert killed_runs(record(lastcall="2026-12-03 09:48:55"), REAL_18_AFTER_THE_FAILURE, now) == {
        "in_a_row": 0, "last_7_days": 2}


def facts(unfinished):
    return HealthFacts({1: {"login": "__system__", "active": False, "groups": set()}}, {"res.partner": [None]},
                       {"res.partner", "ir.cron.progress"}, [], unfinished)


def test_a_cron_odoo_keeps_killing_is_failing_and_the_reason_names_the_limit():
    killed = {5: [(11, 1, ago(hours=3)), (12, 2, ago(hours=2))]}
    health = cron_health(record(), facts(killed), now=NOW)
    assert health["status"] == "failing"
    assert health["timeouts"] == {"in_a_row": 2, "last_7_days": 2}
    assert health["reasons"] == [
        "its last 2 run(s) were killed by Odoo's time limit for crons (limit_time_real_cron, or limit_time_real when "
        "it is -1) before they ended; after 3 in a row Odoo counts a failure instead of running it: make each run do "
        "less (batches with the cron progress API) or raise the limit"]


def test_after_odoo_counted_the_failure_the_failure_says_how_many_runs_were_killed():
    killed = {5: [(11, 1, ago(hours=4)), (12, 2, ago(hours=3))]}
    health = cron_health(record(failure_count=1, first_failure_date=ago(hours=1), lastcall=ago(hours=1)),
                         facts(killed), now=NOW)
    # the chain 1, 2 before lastcall and a failure counted: Odoo set the third killed run back to 0
    assert health["status"] == "failing" and health["timeouts"] == {"in_a_row": 3, "last_7_days": 3}
    assert health["reasons"][0].startswith("its last 3 run(s) were killed by Odoo's time limit for crons")
    assert "failed 1 time(s) in a row since %s (UTC) (3 run(s) killed by the time limit in the last 7 days)" \
        % ago(hours=1) in health["reasons"][1]


def test_a_healthy_18_cron_has_zero_timeouts_and_an_older_one_says_what_it_cannot_see():
    assert cron_health(record(), facts({}), now=NOW) == {"status": "ok", "reasons": [],
                                                         "timeouts": {"in_a_row": 0, "last_7_days": 0}}
    before_18 = HealthFacts({1: {"login": "__system__", "active": False, "groups": set()}}, {"res.partner": [None]},
                            {"res.partner"}, [], None)
    late = cron_health(record(nextcall=ago(hours=3)), before_18, now=NOW)
    assert late["status"] == "overdue" and "timeouts" not in late
    assert "keeps no record of killed runs" in late["reasons"][0]
    assert "killed runs" not in cron_health(record(nextcall=ago(hours=3)), facts({}), now=NOW)["reasons"][0]


class Client:
    def __init__(self, models):
        self.models = models
        self.calls = []
        self.version = type("V", (), {"major": 18})()
        self.capabilities = {}  # what the real client learns of the server once a run (access_rights.py)

    def search_read(self, model, domain, fields, archived=False, order=None):
        self.calls.append((model, domain))
        if model == "ir.model":
            return [{"id": index, "model": name} for index, name in enumerate(self.models) if name in domain[0][2]]
        if model == "ir.cron.progress":
            return [{"id": 3, "cron_id": [5, "x"], "timed_out_counter": 1, "create_date": ago(hours=1)}]
        return []


@pytest.mark.parametrize("models,progress_reads", [(["res.partner"], 0), (["res.partner", "ir.cron.progress"], 1)])
def test_one_read_of_the_progress_for_all_crons_only_where_the_model_exists(models, progress_reads):
    client = Client(models)
    found = HealthFacts.read(client, [record(id=index, user_id=False) for index in range(1, 40)])
    reads = [call for call in client.calls if call[0] == "ir.cron.progress"]
    assert len(reads) == progress_reads
    if progress_reads:
        assert reads[0][1] == [("cron_id", "in", list(range(1, 40))), ("timed_out_counter", ">", 0)]
        assert found.unfinished == {5: [(3, 1, ago(hours=1))]}
    else:
        assert found.unfinished is None


def test_no_crons_no_request():
    assert read_unfinished_runs(Client([]), []) == {}
