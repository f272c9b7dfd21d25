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
