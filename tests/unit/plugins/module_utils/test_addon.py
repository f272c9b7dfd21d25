"""odoo_module's logic: plans from settled states, recovery after a lost answer, the odoo-bin command line."""

import sys

import pytest

from ansible_collections.odoo_ops.odoo.plugins.module_utils.addon import AddonManager, settled
from ansible_collections.odoo_ops.odoo.plugins.module_utils.addon_cli import OdooBin, check_method, output_tail
from ansible_collections.odoo_ops.odoo.plugins.module_utils.addon_recovery import RECOVERY_SECONDS, SETTLED, reached
from ansible_collections.odoo_ops.odoo.plugins.module_utils.errors import (
    OdooConnectionError,
    OdooInputError,
    OdooServerError,
)

LOST = "the connection to Odoo at http://odoo broke before the answer was complete (RemoteDisconnected: x); re-run"


class Clock:
    def __init__(self):
        self.now = 0.0

    def __call__(self):
        return self.now

    def sleep(self, seconds):
        self.now += seconds


class ModuleClient:
    """ir.module.module only: rows by name; the button call can be made to take time and lose its answer."""

    def __init__(self, clock, rows, button_seconds=0.0, lost=False, down_for=0.0, left_state="to upgrade"):
        self.clock = clock
        self.rows = dict((row["name"], dict(row)) for row in rows)
        self.button_seconds = button_seconds
        self.lost = lost
        self.down_until = None
        self.down_for = down_for
        self.left_state = left_state
        self.calls = []

    def search_read(self, model, domain, fields, archived=False, order=None):
        if self.down_until is not None and self.clock() < self.down_until:
            raise OdooConnectionError("Odoo at http://odoo answered HTTP 502 Bad Gateway instead of JSON-RPC")
        self.calls.append(("search_read", domain))
        rows = list(self.rows.values())
        for field, operator, value in domain:
            rows = [r for r in rows if (r[field] in value if operator == "in" else
                                        r[field] != value if operator == "!=" else r[field] == value)]
        return [dict(r) for r in rows]

    def call(self, model, method, ids=None):
        self.calls.append((method, ids))
        if method == "button_reset_state":
            for row in self.rows.values():
                row["state"] = SETTLED.get(row["state"], row["state"])
            return
        state = {"button_upgrade_cancel": "installed", "button_install_cancel": "uninstalled",
                 "button_uninstall_cancel": "installed"}[method]
        for row in self.rows.values():
            if row["id"] in ids:
                row["state"] = state

    def call_with_timeout(self, seconds, model, method, ids):
        self.calls.append((method, ids))
        self.clock.now += self.button_seconds
        row = [r for r in self.rows.values() if r["id"] in ids][0]
        if self.lost:
            row["state"] = self.left_state
            self.down_until = self.clock() + self.down_for
            raise OdooConnectionError(LOST)
        row.update(state="installed", latest_version=row["installed_version"])


def addon(state="installed", installed="14.0.1.0.0", disk="14.0.1.1.0"):
    return {"id": 7, "name": "whatsapp_integration", "state": state, "latest_version": installed,
            "installed_version": disk, "shortdesc": "WhatsApp"}


def manager(client, clock, **kwargs):
    return AddonManager(client, operation_timeout=kwargs.pop("operation_timeout", 900), clock=clock,
                        sleep=clock.sleep, **kwargs)


@pytest.mark.parametrize("state, settles_to", [
    ("to upgrade", "installed"), ("to remove", "installed"), ("to install", "uninstalled"), ("installed", "installed"),
])
def test_a_pending_state_settles_to_what_cancelling_gives(state, settles_to):
    assert settled(addon(state))["state"] == settles_to


@pytest.mark.parametrize("row, operation, expected", [
    ({"state": "installed"}, "upgrade", True), ({"state": "to upgrade"}, "upgrade", False),
    ({"state": "uninstalled"}, "uninstall", True), ({"state": "installed"}, "uninstall", False), (None, "install", False),
])
def test_reached(row, operation, expected):
    assert reached(row, operation) is expected


def test_a_cut_upgrade_is_cancelled_once_odoo_answers_again_and_the_message_says_what_to_do():
    clock = Clock()
    client = ModuleClient(clock, [addon()], button_seconds=121, lost=True, down_for=3)
    with pytest.raises(OdooServerError) as raised:
        manager(client, clock).ensure("whatsapp_integration", "latest")
    message = raised.value.message
    for words in ("was cut after 121 s", "limit_time_real", "whatsapp_integration (to upgrade)", "cancelled",
                  "unchanged (installed, version 14.0.1.0.0)", "method: cli"):
        assert words in message, message
    assert "re-run the task to converge" not in message
    assert ("button_upgrade_cancel", [7]) in client.calls and client.rows["whatsapp_integration"]["state"] == "installed"


def test_odoo_that_never_answers_again_is_reported_without_a_guess():
    clock = Clock()
    client = ModuleClient(clock, [addon()], button_seconds=30, lost=True, down_for=RECOVERY_SECONDS * 2)
    with pytest.raises(OdooConnectionError) as raised:
        manager(client, clock).ensure("whatsapp_integration", "latest")
    assert "did not answer again within 60 s" in raised.value.message
    assert "Re-run this task once Odoo answers (it resumes the operation)" in raised.value.message


def test_an_operation_past_operation_timeout_that_odoo_finished_is_a_success_with_a_warning():
    clock = Clock()
    client = ModuleClient(clock, [addon()], button_seconds=5, lost=True, left_state="installed")
    result = manager(client, clock, operation_timeout=5).ensure("whatsapp_integration", "upgraded")
    assert result["changed"] and result["operation"] == "upgrade"
    assert not [c for c in client.calls if c[0].endswith("_cancel")]


def test_a_pending_upgrade_of_the_same_addon_is_cancelled_then_run():
    clock = Clock()
    client = ModuleClient(clock, [addon("to upgrade")])
    result = manager(client, clock).ensure("whatsapp_integration", "latest")
    assert (result["resumed"], result["operation"], result["before"]["state"]) == ("upgrade", "upgrade", "to upgrade")
    assert [c[0] for c in client.calls if c[0] != "search_read"] == ["button_upgrade_cancel", "button_immediate_upgrade"]


def test_a_pending_upgrade_with_nothing_left_to_do_is_only_cancelled():
    clock = Clock()
    client = ModuleClient(clock, [addon("to upgrade", disk="14.0.1.0.0")])
    result = manager(client, clock).ensure("whatsapp_integration", "latest")
    assert result["changed"] and (result["resumed"], result["operation"]) == ("upgrade", None)
    assert result["after"]["state"] == "installed"


def test_check_mode_predicts_the_resumed_operation_and_calls_nothing_but_reads():
    clock = Clock()
    client = ModuleClient(clock, [addon("to remove")])
    result = AddonManager(client, check_mode=True).ensure("whatsapp_integration", "absent")
    assert (result["resumed"], result["operation"], result["after"]["state"]) == ("uninstall", "uninstall", "uninstalled")
    assert {c[0] for c in client.calls} == {"search_read"}


def test_odoo_bin_command_line():
    runner = OdooBin("%s -c '/etc/odoo/my odoo.conf'" % sys.executable, "prod", None)
    assert runner.command("upgrade", "whatsapp_integration") == [
        sys.executable, "-c", "/etc/odoo/my odoo.conf", "-d", "prod", "-u", "whatsapp_integration",
        "--stop-after-init", "--no-http"]
    assert runner.command("install", "x")[-4:] == ["-i", "x", "--stop-after-init", "--no-http"]


def test_a_failing_odoo_bin_raises_with_its_last_lines_and_never_the_password():
    output = "\n".join("line %d" % n for n in range(20)) + "\nFATAL: password authentication failed: s3cret\n"
    runner = OdooBin(sys.executable, "prod", lambda args: (1, "", output), secret="s3cret")
    with pytest.raises(OdooServerError) as raised:
        runner.run("upgrade", "whatsapp_integration")
    message = raised.value.message
    assert message.startswith("upgrade of addon 'whatsapp_integration' with odoo-bin failed (exit code 1): line 13 |")
    assert "line 12" not in message and "s3cret" not in message and "********" in message


def test_output_tail_without_output_points_at_the_logfile():
    assert "logfile" in output_tail("", "\n\n")


@pytest.mark.parametrize("command_line, words", [
    ("", "method cli needs odoo_bin"),
    ("'unclosed", "not a valid command line"),
    ("/nonexistent/odoo-bin -c x", "delegate_to"),
])
def test_bad_odoo_bin(command_line, words):
    with pytest.raises(OdooInputError) as raised:
        OdooBin(command_line, "prod", None)
    assert words in raised.value.message


def test_check_method():
    assert check_method("cli", "odoo-bin") == "cli"
    with pytest.raises(OdooInputError, match="only with method cli"):
        check_method("rpc", "odoo-bin")


def test_a_cancel_that_fails_says_the_operation_may_still_be_pending():
    clock = Clock()
    client = ModuleClient(clock, [addon()], button_seconds=130, lost=True)

    def refused(model, method, ids):
        raise OdooConnectionError("Odoo at http://odoo did not answer within 60 seconds (option timeout)")

    client.call = refused
    with pytest.raises(OdooServerError) as raised:
        manager(client, clock).ensure("whatsapp_integration", "latest")
    message = raised.value.message
    assert "cancelling what it left pending failed (Odoo at http://odoo did not answer" in message
    assert "limit_time_real" in message and "Re-run this task (it resumes the operation)" in message


def test_from_19_a_pending_operation_is_cancelled_with_button_reset_state():
    from ansible_collections.odoo_ops.odoo.plugins.module_utils.client import ServerVersion
    clock = Clock()
    client = ModuleClient(clock, [addon()], button_seconds=121, lost=True)
    client.version = ServerVersion.parse("19.0")
    with pytest.raises(OdooServerError, match="whatsapp_integration \\(to upgrade\\) pending, which was cancelled"):
        manager(client, clock).ensure("whatsapp_integration", "latest")
    assert ("button_reset_state", None) in client.calls and client.rows["whatsapp_integration"]["state"] == "installed"
