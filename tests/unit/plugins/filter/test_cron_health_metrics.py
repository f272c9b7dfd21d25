import pytest
from ansible.errors import AnsibleFilterError

from ansible_collections.odoo_ops.odoo.plugins.filter.cron_health_metrics import cron_health_metrics, escape_label

RESULT = {"server_version": "18.0", "crons": [
    {"id": 1, "xml_id": "base.autovacuum_job", "name": "Base: Auto-vacuum internal data", "active": True,
     "interval_number": 1, "interval_type": "days", "nextcall": "2026-12-01 00:00:00", "lastcall": "2026-11-30 00:00:00",
     "failure_count": 0, "health": {"status": "ok", "reasons": [], "timeouts": {"in_a_row": 0, "last_7_days": 0}}},
    {"id": 9, "xml_id": None, "name": 'Export "daily" C:\\out\nZ\u00fcrich', "active": True, "interval_number": 2,
     "interval_type": "months", "nextcall": "2026-11-30 10:00:00", "lastcall": None, "failure_count": 2,
     "health": {"status": "failing", "reasons": ["x"], "timeouts": {"in_a_row": 3, "last_7_days": 3}}},
]}


def lines(text):
    return text.splitlines()


def test_families_with_help_and_type_then_samples():
    text = cron_health_metrics(RESULT, database="prod", server="https://erp.example.com", timestamp=1764500000)
    assert text.endswith("\n")
    out = lines(text)
    assert out[:3] == ["# HELP odoo_cron_scrape_success 1 when the crons of the database were read, 0 when the read failed.",
                       "# TYPE odoo_cron_scrape_success gauge",
                       'odoo_cron_scrape_success{database="prod",server="https://erp.example.com"} 1']
    assert 'odoo_cron_scrape_timestamp_seconds{database="prod",server="https://erp.example.com"} 1764500000' in out
    assert ('odoo_cron_next_run_timestamp_seconds{database="prod",server="https://erp.example.com",cron_id="1",'
            'cron="Base: Auto-vacuum internal data",xml_id="base.autovacuum_job"} 1796083200') in out
    assert ('odoo_cron_last_run_timestamp_seconds{database="prod",server="https://erp.example.com",cron_id="1",'
            'cron="Base: Auto-vacuum internal data",xml_id="base.autovacuum_job"} 1795996800') in out
    # every family once, its samples together
    names = [line.split()[2] for line in out if line.startswith("# TYPE")]
    assert len(names) == len(set(names)) == 11
    families = [line.split("{")[0] for line in out if not line.startswith("#")]
    assert families == sorted(families, key=names.index)


def test_label_values_are_escaped_and_non_ascii_kept():
    assert escape_label('a"b\\c\nd\u00fc') == 'a\\"b\\\\c\\nd\u00fc'
    text = cron_health_metrics(RESULT, database="prod", timestamp=0)
    odd = 'cron_id="9",cron="Export \\"daily\\" C:\\\\out\\nZ\u00fcrich"'
    assert 'odoo_cron_healthy{database="prod",server="",%s} 0' % odd in lines(text)
    assert 'xml_id' not in [line for line in lines(text) if odd in line][0]     # no xml_id: no label


def test_status_set_interval_failures_and_timeouts():
    out = lines(cron_health_metrics(RESULT, database="prod", timestamp=0))
    statuses = [line for line in out if line.startswith("odoo_cron_health_status{") and 'cron_id="9"' in line]
    assert [line.rsplit(" ", 1)[1] for line in statuses] == ["0", "0", "0", "1", "0"]
    assert 'status="failing"} 1' in statuses[3]
    assert any(line.startswith("odoo_cron_interval_seconds{") and 'cron_id="9"' in line and line.endswith(" 5356800")
               for line in out)       # 2 months of 31 days
    assert any(line.startswith("odoo_cron_consecutive_failures{") and 'cron_id="9"' in line and line.endswith(" 2")
               for line in out)
    assert any(line.startswith("odoo_cron_consecutive_timeouts{") and 'cron_id="9"' in line and line.endswith(" 3")
               for line in out)
    assert not any(line.startswith("odoo_cron_last_run_timestamp_seconds{") and 'cron_id="9"' in line for line in out)


def test_before_18_no_failure_nor_timeout_series():
    cron = dict((key, value) for key, value in RESULT["crons"][0].items() if key != "failure_count")
    cron["health"] = {"status": "ok", "reasons": []}
    old = {"server_version": "14.0", "crons": [cron]}
    text = cron_health_metrics(old, database="prod", timestamp=0)
    assert "odoo_cron_consecutive_failures" not in text and "odoo_cron_consecutive_timeouts" not in text
    assert 'odoo_cron_server_info{database="prod",server="",version="14.0"} 1' in lines(text)


def test_a_failed_read_gives_scrape_success_0_and_nothing_else():
    text = cron_health_metrics({"failed": True, "msg": "Odoo could not be reached"}, database="prod", timestamp=5)
    samples = [line for line in lines(text) if not line.startswith("#")]
    assert samples == ['odoo_cron_scrape_success{database="prod",server=""} 0',
                       'odoo_cron_scrape_timestamp_seconds{database="prod",server=""} 5']


@pytest.mark.parametrize("value,database", [("text", "prod"), ({"crons": "x"}, "prod"), (RESULT, ""),
                                            ({"changed": False}, "prod")])
def test_bad_input_is_refused(value, database):
    with pytest.raises(AnsibleFilterError):
        cron_health_metrics(value, database=database)
