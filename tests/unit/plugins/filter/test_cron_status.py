import pytest
from ansible.errors import AnsibleFilterError

from ansible_collections.odoo_ops.odoo.plugins.filter.cron_status import cron_status_lines


def test_lines_are_aligned_with_a_header():
    lines = cron_status_lines([
        {"name": "WhatsApp Data Sync", "status": "ACTIVE", "interval": "1 hour", "nextcall": "2026-11-25 13:00:00", "user": "__system__"},
        {"name": "Other", "active": False, "interval": "30 minutes", "nextcall": None, "user": "admin"},
    ])
    assert lines[0].split() == ["NAME", "STATUS", "EVERY", "NEXT", "RUN", "(UTC)", "USER"]
    assert "INACTIVE" in lines[2] and " - " in lines[2]
    assert lines[1].index("ACTIVE") == lines[2].index("INACTIVE") == lines[0].index("STATUS")


@pytest.mark.parametrize("rows", ["text", [1]])
def test_bad_input_is_refused(rows):
    with pytest.raises(AnsibleFilterError):
        cron_status_lines(rows)


def test_a_health_column_when_the_rows_have_health():
    lines = cron_status_lines([
        {"name": "Mail", "active": True, "interval": "1 hour", "nextcall": "2026-11-25 13:00:00", "user": "__system__",
         "health": {"status": "ok", "reasons": []}},
        {"name": "Sync", "active": True, "interval": "1 hour", "nextcall": "2026-11-20 13:00:00", "user": "demo",
         "health": {"status": "overdue", "reasons": ["due since 2026-11-20 13:00:00 (UTC)", "other"]}},
        {"name": "Old", "active": False, "interval": "1 day", "nextcall": None, "user": "admin",
         "health": {"status": "inactive", "reasons": ["archived: Odoo does not run it"]}},
    ])
    assert lines[0].split()[:3] == ["NAME", "STATUS", "HEALTH"]
    assert lines[1].index("OK") == lines[2].index("OVERDUE") == lines[0].index("HEALTH")
    assert lines[2].endswith("<- due since 2026-11-20 13:00:00 (UTC)")
    assert "<-" not in lines[1] and "<-" not in lines[3]


def test_no_health_column_without_health():
    lines = cron_status_lines([{"name": "x", "status": "ACTIVE"}])
    assert "HEALTH" not in lines[0]


def test_no_crons_is_the_header_and_a_line_that_says_so():
    lines = cron_status_lines([])
    assert lines[0].split()[:2] == ["NAME", "STATUS"] and lines[1:] == ["(no crons)"]
