"""Every transport or server fault ends in a clear one-line failure, and a re-run after the fault
converges to the declared state with no duplicate."""

import socket

import pytest

from module_runner import run_module

from reliability_support import connection

CRONS = [{"name": "Fault %d" % n, "xml_id": "odoo_ops_test.fault_%d" % n, "model": "res.partner",
          "method": "search_count", "args": [[]], "interval": "%d hours" % (n + 1)} for n in range(3)]


def declare(sim, crons=CRONS, **overrides):
    return run_module("odoo_cron", dict(connection(sim, **overrides), crons=crons))


def crons_named(sim, prefix="Fault"):
    return [c for c in sim.records("ir.cron", fields=["cron_name", "active", "interval_number", "interval_type"])
            if c["cron_name"].startswith(prefix)]


def assert_clear_failure(result, *fragments):
    assert result.get("failed"), result
    message = result["msg"]
    assert "Traceback" not in message and "\n" not in message.strip(), message
    for fragment in fragments:
        assert fragment in message, (fragment, message)


def assert_converged(sim):
    result = declare(sim)
    assert not result.get("failed"), result
    again = declare(sim)
    assert again["changed"] is False
    crons = crons_named(sim)
    assert sorted(c["cron_name"] for c in crons) == ["Fault 0", "Fault 1", "Fault 2"]
    xml_ids = [x for x in sim.records("ir.model.data", fields=["module", "name", "res_id"])
               if x["module"] == "odoo_ops_test"]
    assert sorted(x["res_id"] for x in xml_ids) == sorted(c["id"] for c in crons)


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


FAULTS = [
    ("connection-refused", None, ["cannot reach Odoo", "refused"]),
    ("closed-without-answer", {"refuse": True}, ["broke before the answer was complete"]),
    ("closed-mid-response", {"close_mid_response": True}, ["Odoo at"]),
    ("http-502", {"http_502": True}, ["HTTP 502", "proxy"]),
    ("timeout", {"latency_ms": 1500}, ["did not answer within 0.5 seconds", "timeout"]),
]


@pytest.mark.parametrize("name, faults, fragments", FAULTS, ids=[f[0] for f in FAULTS])
def test_transport_faults_fail_clearly_and_a_rerun_converges(name, faults, fragments, odoo):
    if faults is None:
        result = declare(odoo, url="http://127.0.0.1:%d" % free_port())
    else:
        odoo.set_faults(faults)
        result = declare(odoo, timeout=0.5)
        odoo.clear_faults()
    assert_clear_failure(result, *fragments)
    assert_converged(odoo)


MID_RUN = [
    ("create-fails", {"n": 1, "match": "ir.cron.create"}),
    ("xml-id-registration-fails", {"n": 1, "match": "ir.model.data.create"}),
    ("second-write-fails", {"n": 2, "match": "ir.cron.write"}),
    ("model-lookup-fails", {"n": 1, "match": "ir.model.search_read"}),
]


@pytest.mark.parametrize("name, fault", MID_RUN, ids=[m[0] for m in MID_RUN])
def test_a_failure_in_the_middle_of_a_multi_cron_change_leaves_whole_records(name, fault, odoo):
    if "write" in fault.get("match", ""):
        # Three crons exist with other values, so the run writes each of them (three distinct writes).
        assert not declare(odoo, crons=[dict(c, interval="%d days" % (i + 5)) for i, c in enumerate(CRONS)]).get("failed")
    odoo.set_faults({"fail_nth_call": fault})
    result = declare(odoo)
    odoo.clear_faults()
    assert_clear_failure(result, "server closed the connection")
    whole = {(1, "hours"), (2, "hours"), (3, "hours"), (5, "days"), (6, "days"), (7, "days")}
    for cron in crons_named(odoo):
        assert (cron["interval_number"], cron["interval_type"]) in whole, cron  # never half-written
    assert_converged(odoo)
