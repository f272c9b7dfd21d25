"""Bad input fails with a message naming the option and what is allowed, before anything is
written: the simulator's state is compared before and after each case (read directly from the
simulator, not through the collection)."""

import pytest

from module_runner import run_module

from reliability_support import connection, snapshot

CRON = {"name": "Bad input cron", "model": "res.partner", "method": "search_count", "args": [[]], "interval": "1 hour"}

# (id, module, options, fragments the message must contain, profile, setup)
CASES = [
    # odoo_cron: intervals
    ("interval-type-unknown", "odoo_cron", dict(CRON, interval=None, interval_number=1, interval_type="years"),
     ["interval_type", "minutes, hours, days, weeks, months"], "14.0", None),
    ("interval-zero", "odoo_cron", dict(CRON, interval="0 hours"), ["interval_number", "at least 1"], "14.0", None),
    ("interval-negative", "odoo_cron", dict(CRON, interval="-5 minutes"), ["interval", "cannot be read", "units"], "14.0", None),
    ("interval-huge", "odoo_cron", dict(CRON, interval="99999 days"), ["ten years"], "14.0", None),
    ("interval-huge-number", "odoo_cron", dict(CRON, interval=None, interval_number=2 ** 40, interval_type="minutes"),
     ["ten years"], "14.0", None),
    ("interval-text", "odoo_cron", dict(CRON, interval="soon"), ["interval", "cannot be read", "minutes, hours"], "14.0", None),
    ("interval-no-unit", "odoo_cron", dict(CRON, interval="30"), ["interval", "cannot be read"], "14.0", None),
    ("interval-fraction", "odoo_cron", dict(CRON, interval="1.5 hours"), ["interval", "cannot be read"], "14.0", None),
    ("interval-number-alone", "odoo_cron", dict(CRON, interval=None, interval_number=2), ["interval_type", "go together"], "14.0", None),
    ("interval-both-forms", "odoo_cron", dict(CRON, interval_number=2, interval_type="hours"), ["interval", "mutually exclusive"], "14.0", None),
    ("interval-zero-number", "odoo_cron", dict(CRON, interval=None, interval_number=0, interval_type="days"),
     ["interval_number", "at least 1"], "18.0", None),
    # odoo_cron: method, code, arguments
    ("method-injection", "odoo_cron", dict(CRON, method="sync(); import os"), ["method", "not a method name"], "14.0", None),
    ("method-private", "odoo_cron", dict(CRON, method="_compute_secret"), ["method", "private"], "14.0", None),
    ("method-dunder", "odoo_cron", dict(CRON, method="__class__"), ["method", "private"], "14.0", None),
    ("method-keyword", "odoo_cron", dict(CRON, method="import"), ["method", "not a method name"], "14.0", None),
    ("method-dotted", "odoo_cron", dict(CRON, method="env.cr.execute"), ["method", "not a method name"], "14.0", None),
    ("method-and-code", "odoo_cron", dict(CRON, code="model.x()"), ["method and code", "mutually exclusive"], "14.0", None),
    ("method-without-model", "odoo_cron", dict(CRON, model=None), ["method needs model"], "14.0", None),
    ("args-infinite", "odoo_cron", dict(CRON, args=[float("inf")]), ["args", "finite"], "14.0", None),
    ("kwargs-bad-name", "odoo_cron", dict(CRON, args=None, kwargs={"not valid": 1}), ["kwargs", "argument name"], "14.0", None),
    ("args-without-method", "odoo_cron", dict(CRON, method=None, code="model.x()", args=[1]), ["args", "need method"], "14.0", None),
    ("code-empty", "odoo_cron", dict(CRON, method=None, args=None, code="  "), ["code", "empty"], "14.0", None),
    # odoo_cron: identity and references
    ("model-unknown", "odoo_cron", dict(CRON, model="no.such.model"), ["model", "no.such.model", "does not exist"], "14.0", None),
    ("model-malformed", "odoo_cron", dict(CRON, model="Res Partner"), ["model", "technical name"], "14.0", None),
    ("user-unknown-login", "odoo_cron", dict(CRON, user="nobody@example.com"), ["user", "nobody@example.com", "not found"], "14.0", None),
    ("user-unknown-xml-id", "odoo_cron", dict(CRON, user="base.no_such_user"), ["user", "base.no_such_user", "not found"], "14.0", None),
    ("xml-id-no-dot", "odoo_cron", dict(CRON, xml_id="cron_without_module"), ["xml_id", "module.name"], "14.0", None),
    ("xml-id-two-dots", "odoo_cron", dict(CRON, xml_id="a.b.c"), ["xml_id", "module.name"], "14.0", None),
    ("xml-id-of-a-user", "odoo_cron", dict(CRON, xml_id="base.user_admin"), ["already names a res.users record"], "14.0", None),
    ("crons-same-name", "odoo_cron", {"crons": [CRON, dict(CRON, priority=1)]}, ["crons[0]", "crons[1]", "once"], "14.0", None),
    ("crons-same-xml-id", "odoo_cron", {"crons": [dict(CRON, xml_id="m.a"), dict(CRON, name="Other", xml_id="m.a")]},
     ["crons[0]", "crons[1]", "m.a"], "14.0", None),
    ("crons-and-name", "odoo_cron", dict(CRON, crons=[CRON]), ["mutually exclusive", "crons"], "14.0", None),
    ("no-identity", "odoo_cron", {"active": True}, ["crons", "name", "xml_id"], "14.0", None),
    ("create-without-interval", "odoo_cron", dict(CRON, interval=None), ["creating it needs", "interval"], "14.0", None),
    ("numbercall-on-18", "odoo_cron", dict(CRON, numbercall=-1), ["numbercall", "18.0"], "18.0", None),
    ("doall-on-18", "odoo_cron", dict(CRON, doall=True), ["doall", "18.0"], "18.0", None),
    ("nextcall-garbage", "odoo_cron", dict(CRON, nextcall="tomorrow"), ["nextcall", "YYYY-MM-DD HH:MM:SS"], "14.0", None),
    ("priority-huge", "odoo_cron", dict(CRON, priority=2 ** 40), ["priority", "whole number"], "14.0", None),
    ("state-unknown", "odoo_cron", dict(CRON, state="gone"), ["state", "present, absent"], "14.0", None),
    # odoo_cron: exclusive scope
    ("exclusive-no-scope", "odoo_cron", dict(CRON, exclusive=True), ["exclusive=true needs a scope", "name_prefix"],
     "14.0", None),
    ("exclusive-empty-scope", "odoo_cron", dict(CRON, exclusive=True, scope={"name_prefix": "", "xml_module": []}),
     ["needs a scope", "every cron"], "14.0", None),
    ("scope-without-exclusive", "odoo_cron", dict(CRON, scope={"name_prefix": "Bad"}), ["scope", "exclusive=true"],
     "14.0", None),
    ("scope-unknown-key", "odoo_cron", dict(CRON, exclusive=True, scope={"prefix": "Bad"}),
     ["prefix", "scope", "name_prefix"], "14.0", None),
    ("scope-xml-module-dotted", "odoo_cron", dict(CRON, exclusive=True, scope={"xml_module": "my_ops.cron"}),
     ["scope.xml_module", "module name"], "14.0", None),
    ("scope-model-malformed", "odoo_cron", dict(CRON, exclusive=True, scope={"model": "Res Partner"}),
     ["scope.model", "technical name"], "14.0", None),
    ("exclusive-action-unknown", "odoo_cron", dict(CRON, exclusive=True, scope={"name_prefix": "Bad"},
                                                   exclusive_action="purge"),
     ["exclusive_action", "archive, delete"], "14.0", None),
    ("scope-of-an-installed-addon", "odoo_cron", dict(CRON, exclusive=True, scope={"model": "ir.autovacuum"}),
     ["installed addon(s) base", "base.autovacuum_job", "scope.xml_module"], "14.0", None),
    ("scope-of-an-installed-addon-delete", "odoo_cron",
     dict(CRON, exclusive=True, scope={"model": "ir.autovacuum"}, exclusive_action="delete"),
     ["installed addon(s) base", "base.autovacuum_job"], "18.0", None),
    # connection
    ("url-no-scheme", "odoo_cron", dict(CRON, url="erp.example.com"), ["url", "http:// or https://"], "14.0", None),
    ("url-bad-port", "odoo_cron", dict(CRON, url="http://127.0.0.1:99999"), ["url", "port", "1 to 65535"], "14.0", None),
    ("url-path", "odoo_cron", dict(CRON, url="http://127.0.0.1:8069/odoo"), ["url", "path"], "14.0", None),
    ("url-ftp", "odoo_cron", dict(CRON, url="ftp://127.0.0.1"), ["url", "http:// or https://"], "14.0", None),
    ("wrong-database", "odoo_cron", dict(CRON, database="no_such_db"), ["database", "no_such_db", "does not exist"], "14.0", None),
    ("wrong-password", "odoo_cron", dict(CRON, password="not-the-password"), ["login failed", "admin", "password"], "14.0", None),
    ("user-without-rights", "odoo_cron", dict(CRON, username="demo", password="demo"),
     ["ir.cron", "not allowed", "Administration/Settings"], "14.0", None),
    ("timeout-zero", "odoo_cron", dict(CRON, timeout=0), ["timeout", "positive"], "14.0", None),
    # odoo_cron_info
    ("info-xml-id", "odoo_cron_info", {"xml_ids": ["bad"]}, ["xml_id", "module.name"], "14.0", None),
    ("info-model", "odoo_cron_info", {"model": "Not A Model"}, ["model", "technical name"], "14.0", None),
    ("info-active", "odoo_cron_info", {"active": "maybe"}, ["active", "bool"], "14.0", None),
    ("info-unknown-option", "odoo_cron_info", {"nmae": "x"}, ["nmae", "Supported parameters"], "14.0", None),
    ("info-nextcall-alone", "odoo_cron_info", {"include_nextcall": True}, ["include_nextcall", "as_declarations=true"],
     "14.0", None),
    ("info-as-declarations-not-bool", "odoo_cron_info", {"as_declarations": "sometimes"}, ["as_declarations", "bool"],
     "14.0", None),
    # odoo_whatsapp_sync
    ("wa-addon-missing", "odoo_whatsapp_sync", {}, ["whatsapp_integration addon is not installed"], "14.0", None),
    ("wa-limit-zero", "odoo_whatsapp_sync", {"sync_limit": 0}, ["sync_limit", "at least 1"], "14.0", "addon"),
    ("wa-full-limit-negative", "odoo_whatsapp_sync", {"full_sync_limit": -1}, ["full_sync_limit", "at least 1"], "14.0", "addon"),
    ("wa-user-unknown", "odoo_whatsapp_sync", {"user": "ghost"}, ["user", "ghost", "not found"], "14.0", "addon"),
    ("wa-user-without-rights", "odoo_whatsapp_sync", {"user": "demo"}, ["user", "demo", "write right", "whatsapp.sync.service"], "14.0", "addon"),
    ("wa-sync-now-absent", "odoo_whatsapp_sync", {"state": "absent", "sync_now": True}, ["sync_now", "state=present"], "14.0", "addon"),
    ("wa-state-unknown", "odoo_whatsapp_sync", {"state": "enabled"}, ["state", "present, absent"], "14.0", "addon"),
    # odoo_module
    ("module-name-malformed", "odoo_module", {"name": "Bad-Name"}, ["name", "technical name"], "14.0", None),
    ("module-state-unknown", "odoo_module", {"name": "whatsapp_integration", "state": "newest"},
     ["state", "present, latest, upgraded, absent"], "14.0", None),
    ("module-unknown", "odoo_module", {"name": "no_such_addon"}, ["no_such_addon", "not known", "addons_path"], "14.0", None),
    ("module-timeout-zero", "odoo_module", {"name": "whatsapp_integration", "operation_timeout": 0},
     ["operation_timeout", "positive"], "14.0", None),
    ("module-demo-user", "odoo_module", {"name": "whatsapp_integration", "username": "demo", "password": "demo"},
     ["ir.module.module", "not allowed"], "14.0", None),
]


def options(sim, case_options):
    base = connection(sim)
    base.update(dict((k, v) for k, v in case_options.items() if v is not None))
    return base


ON_14 = [case for case in CASES if case[4] == "14.0"]
ON_18 = [case for case in CASES if case[4] == "18.0"]


@pytest.mark.parametrize("case", ON_14, ids=[case[0] for case in ON_14])
def test_bad_input_is_refused_clearly_and_changes_nothing(case, odoo):
    _name, module, case_options, fragments, _profile, setup = case
    if setup == "addon":
        assert not run_module("odoo_module", dict(connection(odoo), name="whatsapp_integration")).get("failed")
    before = snapshot(odoo)
    result = run_module(module, options(odoo, case_options))
    assert result.get("failed"), result
    message = result["msg"]
    for fragment in fragments:
        assert fragment in message, (fragment, message)
    assert "Traceback" not in message and "\n" not in message.strip()
    assert snapshot(odoo) == before


@pytest.fixture
def odoo_18(simulators):
    from shared_simulators import shared_simulator
    shared_simulator(simulators, "18.0")
    sim = simulators["18.0"]
    sim.reset()
    sim.clear_faults()
    return sim


@pytest.mark.parametrize("case", ON_18, ids=[case[0] for case in ON_18])
def test_bad_input_on_profile(case, odoo_18):
    _name, module, case_options, fragments, _profile, _setup = case
    before = snapshot(odoo_18)
    result = run_module(module, options(odoo_18, case_options))
    assert result.get("failed"), result
    for fragment in fragments:
        assert fragment in result["msg"], (fragment, result["msg"])
    assert "Traceback" not in result["msg"] and "\n" not in result["msg"].strip()
    assert snapshot(odoo_18) == before


def test_there_are_at_least_forty_cases():
    assert len(CASES) >= 40
