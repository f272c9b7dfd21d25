"""cron_code.py: a cron's code for a user who may not read it (issue 21), with Odoo's real refusal texts."""

import pytest

from ansible_collections.odoo_ops.odoo.plugins.module_utils.cron_code import (
    CODE_HIDDEN,
    CODE_SEARCH_REFUSED,
    CodeCheck,
    is_code_refusal,
    read_side_warnings,
)
from ansible_collections.odoo_ops.odoo.plugins.module_utils.cron_spec import declarations_from
from ansible_collections.odoo_ops.odoo.plugins.module_utils.cron_store import CronStore
from ansible_collections.odoo_ops.odoo.plugins.module_utils.cron_sync import CronSync
from ansible_collections.odoo_ops.odoo.plugins.module_utils.errors import OdooAccessError

from ansible_collections.odoo_ops.odoo.tests.unit import odoo_texts
from ansible_collections.odoo_ops.odoo.tests.unit.fake_odoo import FakeClient, cron


@pytest.mark.parametrize("text", odoo_texts.CODE_REFUSALS)
def test_every_real_code_refusal_is_recognised(text):
    # as the client words it (client.py call): its own prefix, then Odoo's text
    assert is_code_refusal(OdooAccessError("Odoo refused ir.cron.search_read to user 'ansible_monitor': " + text))


@pytest.mark.parametrize("text", [odoo_texts.WRITE_CRON, odoo_texts.READ_PARAMETER, odoo_texts.CREATE_IMD_16,
                                  'You do not have enough rights to access the fields "password" on Users '
                                  "(res.users). Please contact your system administrator.\n\n(Operation: read)"])
def test_other_refusals_are_not_code_refusals(text):
    assert not is_code_refusal(OdooAccessError(text))


class MonitorClient(FakeClient):
    """FakeClient as a user who may read ir.cron but not its code; the search on code answers ``search``."""

    def __init__(self, search, **kwargs):
        super(MonitorClient, self).__init__(**kwargs)
        self.username = "ansible_monitor"
        self.warnings = []
        self.search = search

    def search_read(self, model, domain, fields, archived=False, order=None):
        if model == "ir.cron" and "code" in fields:
            self.calls.append((model, "search_read", domain))
            raise OdooAccessError("Odoo refused ir.cron.search_read to user 'ansible_monitor': "
                                  + odoo_texts.CODE_DETAILED_17)
        return super(MonitorClient, self).search_read(model, domain, fields, archived, order)

    def call(self, model, method, *args, **kwargs):
        if model == "ir.cron" and method == "search":
            self.calls.append((model, method, args))
            if isinstance(self.search, Exception):
                raise self.search
            return self.search
        return super(MonitorClient, self).call(model, method, *args, **kwargs)


def plan(client, crons, check_mode=True):
    store = CronStore(client)
    return CronSync(client, check_mode=check_mode, store=store, steps=[CodeCheck()]).run(
        declarations_from({"crons": crons, "state": "present"}))


DECLARED = {"model": "res.partner", "code": "model.go()", "interval": "1 hour"}


def test_14_and_16_compare_the_code_by_one_search():
    client = MonitorClient(search=[1], crons=[cron(1, "A"), cron(2, "B", code="other")])
    result = plan(client, [dict(DECLARED, name="A"), dict(DECLARED, name="B")])
    assert [c[1] for c in client.calls if c[0] == "ir.cron"] == ["search_read", "search_read", "search"]
    assert [c["action"] for c in result["crons"]] == ["none", "update"]
    assert "may not read it" in result["diff"][0]["before"]["code"]
    assert all("code_verified" not in c for c in result["crons"]) and client.warnings == []


@pytest.mark.parametrize("text", [odoo_texts.CODE_DETAILED_17, odoo_texts.CODE_SEARCH_19])
def test_a_refused_search_marks_the_code_not_verified_and_warns_once(text):
    refusal = OdooAccessError("Odoo refused ir.cron.search to user 'ansible_monitor': " + text)
    client = MonitorClient(search=refusal, crons=[cron(1, "A"), cron(2, "B", code="other", priority=1)])
    result = plan(client, [dict(DECLARED, name="A"), dict(DECLARED, name="B", priority=2)])
    assert client.capabilities[CODE_SEARCH_REFUSED] is True
    a, b = result["crons"]
    # never an "ok" or a "changed" for code: not compared, and said so
    assert a["action"] == "none" and a["code_verified"] is False and a["code"] is None
    assert b["action"] == "update" and b["code_verified"] is False
    assert result["diff"][0]["after"] == {"priority": 2}  # the other drift is still planned
    assert "not verified: code" in result["diff"][0]["before_header"]
    assert len(client.warnings) == 1 and "base.group_system" in client.warnings[0]
    assert "ansible_monitor" in client.warnings[0]


def test_the_refusal_is_remembered_for_the_play():
    client = MonitorClient(search=[], crons=[cron(1, "A")])
    client.capabilities.update({CODE_HIDDEN: True, CODE_SEARCH_REFUSED: True})
    result = plan(client, [dict(DECLARED, name="A")])
    assert not [c for c in client.calls if c[1] == "search"]
    assert result["crons"][0]["code_verified"] is False


def test_another_refusal_of_the_search_still_fails_in_one_line():
    client = MonitorClient(search=OdooAccessError(odoo_texts.READ_PARAMETER), crons=[cron(1, "A")])
    with pytest.raises(OdooAccessError) as error:
        plan(client, [dict(DECLARED, name="A")])
    assert "cron ids 1" in error.value.message and "base.group_system" in error.value.message
    assert "\n" not in error.value.message.split("(")[0]


def test_a_readable_code_needs_no_search():
    client = FakeClient(crons=[cron(1, "A", code="other")])
    client.warnings = []
    result = plan(client, [dict(DECLARED, name="A")])
    assert not [c for c in client.calls if c[1] == "search"]
    assert result["crons"][0]["action"] == "update" and "code_verified" not in result["crons"][0]


def test_read_side_warns_and_an_export_is_refused():
    client = FakeClient()
    client.username = "ansible_monitor"
    assert read_side_warnings(client, exporting=True) == []
    client.capabilities[CODE_HIDDEN] = True
    assert "ansible_monitor" in read_side_warnings(client, exporting=False)[0]
    with pytest.raises(OdooAccessError) as error:
        read_side_warnings(client, exporting=True)
    assert "exporting declarations" in error.value.message
