"""Least privilege (issue 21): a user outside Administration / Settings pressing addon buttons is told it lacks a
right, not that its credentials are wrong, and nothing changes; a password equal to the login never yields an
export that cannot be applied."""

import pytest
from module_runner import run_module

from reliability_support import connection, snapshot

PROFILES = [pytest.param(version, marks=pytest.mark.profile(version)) for version in ("14.0", "17.0", "19.0")]
READ_MODELS = ["ir.cron", "ir.actions.server", "ir.model", "ir.model.data", "ir.module.module"]


def monitor(odoo, login="monitor", password="monitor-Secret-1"):
    """A read-only user made with the collection's own modules, as playbooks/automation_users.yml does."""
    group = run_module("odoo_group", dict(connection(odoo), name="Read only %s" % login,
                                          access=[{"model": m} for m in READ_MODELS]))
    assert not group.get("failed"), group.get("msg")
    user = run_module("odoo_user", dict(connection(odoo), user_login=login, user_password=password,
                                        groups=["base.group_user", "Read only %s" % login]))
    assert not user.get("failed"), user.get("msg")
    return dict(connection(odoo), username=login, password=password)


@pytest.mark.parametrize("profile", PROFILES)
@pytest.mark.parametrize("state", ["upgraded", "present"])
def test_addon_buttons_refused_as_a_right_and_nothing_changed(odoo, profile, state):
    as_monitor = monitor(odoo)
    name = "mail" if state == "upgraded" else "whatsapp_integration"   # an upgrade, an install
    before = snapshot(odoo)
    result = run_module("odoo_module", dict(as_monitor, name=name, state=state))
    assert result.get("failed"), result
    assert "needs Administration / Settings (base.group_system, which implies base.group_erp_manager)" in result["msg"]
    assert "user 'monitor' does not have it" in result["msg"] and "refused the credentials" not in result["msg"]
    assert "\n" not in result["msg"]
    assert snapshot(odoo)["ir.module.module"] == before["ir.module.module"]
    # check mode only reads: it works for the same user
    assert not run_module("odoo_module", dict(as_monitor, name=name, state=state), check_mode=True).get("failed")


def test_a_wrong_password_is_still_a_credentials_error(odoo):
    monitor(odoo)
    result = run_module("odoo_module", dict(connection(odoo), username="monitor", password="wrong", name="mail",
                                            state="upgraded"))
    assert result.get("failed") and "login failed" in result["msg"], result


def test_an_export_holding_the_password_is_refused_and_the_risk_named(odoo):
    cron = dict(name="Ops: as admin", model="res.partner", method="search_count", args=[[]], interval="1 day",
                user="admin")
    assert not run_module("odoo_cron", dict(connection(odoo), **cron)).get("failed")
    export = run_module("odoo_cron_info", dict(connection(odoo), names=["Ops: as admin"], as_declarations=True))
    assert export.get("failed"), export
    assert "declarations[0].user" in export["msg"] and "VALUE_SPECIFIED_IN_NO_LOG_PARAMETER" in export["msg"]
    assert "API key" in export["msg"]
    # with an API key the same export works, and says nothing about the password
    keyed = run_module("odoo_cron_info", dict(connection(odoo, password=odoo.api_key("admin")),
                                              names=["Ops: as admin"], as_declarations=True))
    assert not keyed.get("failed"), keyed.get("msg")
    assert keyed["declarations"][0]["user"] == "admin"
    assert not [w for w in keyed.get("warnings", []) if "option password" in str(w)]


def test_a_password_equal_to_the_login_is_warned_about_once_per_play(odoo):
    first = run_module("odoo_cron_info", dict(connection(odoo), names=["none"]))
    warned = [w for w in first.get("warnings", []) if "equals the login (option username)" in str(w)]
    assert len(warned) == 1 and "API key" in str(warned[0])
    again = run_module("odoo_cron_info", dict(connection(odoo), names=["none"], session=dict(
        first["odoo_session"], username="admin")))
    assert not [w for w in again.get("warnings", []) if "option password" in str(w)]


@pytest.mark.parametrize("profile", PROFILES)
def test_the_apply_user_makes_users_only_where_settings_implies_contact_creation(odoo, profile):
    """A user's contact is created with the caller's rights, and only Contact Creation (base.group_partner_manager)
    creates contacts (base/security/ir.model.access.csv). 14.0-18.0: Settings does not imply it, so the apply user
    is refused, in one line, and no user or contact is left (measured on real 14.0-18.0); 19.0 makes Settings imply
    it (base_groups.xml implied_by_ids, measured: the apply user created one on a real 19.0)."""
    apply_user = run_module("odoo_user", dict(connection(odoo), user_login="apply", user_password="apply-Secret-2",
                                              groups=["base.group_user", "base.group_system"]))
    assert not apply_user.get("failed"), apply_user.get("msg")
    users_and_contacts = [sorted(row["id"] for row in odoo.records(model, active_test=False)) for model in ("res.users", "res.partner")]
    made = run_module("odoo_user", dict(connection(odoo), username="apply", password="apply-Secret-2",
                                        user_login="made_by_apply", user_password="made-Secret-3"))
    if profile == "19.0":
        assert not made.get("failed") and made["changed"], made.get("msg")
        return
    assert made.get("failed") and "\n" not in made["msg"]
    assert made["msg"].startswith("creating res.partner needs Extra Rights/Contact Creation (base.group_partner_manager)")
    assert "user 'apply' does not have it" in made["msg"] and "run this step as an administrator" in made["msg"]
    assert [sorted(row["id"] for row in odoo.records(model, active_test=False)) for model in ("res.users", "res.partner")] == users_and_contacts


@pytest.mark.parametrize("profile", PROFILES)
def test_update_password_always_logs_in_with_it_and_resets_it_only_when_it_fails(odoo, profile):
    """odoo_user's own login check (a client of its own, with a password: protocol auto, also when the task's
    own connection is an API key over JSON-2 on 19.0)."""
    args = dict(connection(odoo), user_login="pw_user", user_password="pw-Secret-1", update_password="always")
    if profile == "19.0":
        args.update(password=odoo.api_key("admin"), protocol="json2")
    assert run_module("odoo_user", args)["changed"]                     # created
    again = run_module("odoo_user", args)
    assert not again.get("failed") and again["changed"] is False, again.get("msg")   # it logs in: kept
    changed = run_module("odoo_user", dict(args, user_password="pw-Secret-2"))
    assert not changed.get("failed") and changed["changed"] is True, changed.get("msg")  # it did not: reset
    assert run_module("odoo_user", dict(args, user_password="pw-Secret-2"))["changed"] is False
