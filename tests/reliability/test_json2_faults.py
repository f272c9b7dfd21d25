"""JSON-2 (Odoo 19, API key) fails as clearly as JSON-RPC: the same transport faults end in the same
one-line messages, and a re-run converges; a server error mid-run is rolled back and named."""

import pytest

from test_faults import FAULTS, assert_clear_failure, crons_named, declare, free_port

pytestmark = pytest.mark.profile("19.0")


def over_json2(sim, **overrides):
    result = declare(sim, **dict({"password": sim.api_key("admin")}, **overrides))
    if not result.get("failed"):
        assert result["odoo_session"]["protocol"] == "json2"
    return result


@pytest.mark.parametrize("name, faults, fragments", FAULTS, ids=[f[0] for f in FAULTS])
def test_json2_transport_faults_fail_clearly_and_a_rerun_converges(name, faults, fragments, odoo):
    if faults is None:
        result = over_json2(odoo, url="http://127.0.0.1:%d" % free_port())
    else:
        odoo.set_faults(faults)
        result = over_json2(odoo, timeout=0.5)
        odoo.clear_faults()
    assert_clear_failure(result, *fragments)
    assert not over_json2(odoo).get("failed")
    assert over_json2(odoo)["changed"] is False
    assert sorted(c["cron_name"] for c in crons_named(odoo)) == ["Fault 0", "Fault 1", "Fault 2"]
    assert odoo.counters()["deprecated"] == 0


def test_json2_server_error_mid_run(odoo):
    odoo.set_faults({"fail_nth_call": {"n": 1, "match": "ir.cron.create"}})
    result = over_json2(odoo)
    assert_clear_failure(result, "server closed the connection unexpectedly")
    assert crons_named(odoo) == []            # the failed create was rolled back
    assert not over_json2(odoo).get("failed") and over_json2(odoo)["changed"] is False


def test_json2_wrong_key_and_unknown_database(odoo):
    assert_clear_failure(over_json2(odoo, password="0" * 40), "login failed for user 'admin'", "Invalid apikey")
    assert_clear_failure(over_json2(odoo, database="nope"), "database 'nope' does not exist", "option database")
    assert_clear_failure(declare(odoo, protocol="json2"), "JSON-2 takes API keys only")
    assert crons_named(odoo) == []
