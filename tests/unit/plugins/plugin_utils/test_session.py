"""The play's session cache: per target (uid + version) and per server (the version JSON-2 probes)."""

import gc
import types

import pytest

from ansible_collections.odoo_ops.odoo.plugins.plugin_utils import session

TARGET = {"url": "http://odoo.example:8069", "database": "prod", "username": "ansible"}


def test_a_learnt_target_gives_back_its_session_and_its_server_version(monkeypatch):
    monkeypatch.setattr(session, "_LOOP_SESSIONS", {})
    known = session.learn({}, TARGET, {"uid": None, "version": "19.0", "protocol": "json2"})
    assert session.known_session(known, TARGET) == {"uid": None, "version": "19.0"}
    other_user = dict(TARGET, username="someone", database="other")
    assert session.known_session(known, other_user) == {"version": "19.0"}
    assert session.known_session(known, dict(TARGET, url="http://elsewhere")) is None
    # the fact never shows a login or a url in clear
    assert "ansible" not in str(known) and "odoo.example" not in str(known)


def test_the_loop_cache_serves_the_items_of_one_task(monkeypatch):
    monkeypatch.setattr(session, "_LOOP_SESSIONS", {})
    session.learn({}, TARGET, {"uid": 2, "version": "18.0"})
    assert session.known_session({}, TARGET) == {"uid": 2, "version": "18.0"}


def test_what_a_database_has_is_kept_with_its_session(monkeypatch):
    """capabilities (e.g. the security model, module_utils/access_rights.py) are asked once per play."""
    monkeypatch.setattr(session, "_LOOP_SESSIONS", {})
    known = session.learn({}, TARGET, {"uid": 2, "version": "20.0", "capabilities": {"access_model": "ir.access"}})
    assert session.known_session(known, TARGET) == {"uid": 2, "version": "20.0",
                                                    "capabilities": {"access_model": "ir.access"}}
    # another database of the same server may not have it: only the version is shared
    assert session.known_session(known, dict(TARGET, database="other")) == {"version": "20.0"}


def test_the_cycle_collector_is_paused_inside_and_restored_after_even_on_error():
    assert gc.isenabled()
    with session.cycle_collector_paused():
        assert not gc.isenabled()
    assert gc.isenabled()
    with pytest.raises(RuntimeError):
        with session.cycle_collector_paused():
            raise RuntimeError("the module failed")
    assert gc.isenabled()


def test_a_collector_already_off_stays_off():
    gc.disable()
    try:
        with session.cycle_collector_paused():
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_the_action_builds_and_runs_its_module_with_the_collector_paused(monkeypatch):
    seen = []
    action = session.SessionReusingAction.__new__(session.SessionReusingAction)
    action._task = types.SimpleNamespace(args=dict(TARGET, password="secret"), action="odoo_ops.odoo.odoo_cron")
    monkeypatch.setattr(session.ActionBase, "run", lambda self, tmp=None, task_vars=None: {})
    monkeypatch.setattr(session.SessionReusingAction, "_execute_module",
                        lambda self, **kwargs: seen.append(gc.isenabled()) or {"changed": False}, raising=False)
    assert action.run(task_vars={}) == {"changed": False}
    assert seen == [False] and gc.isenabled()


def test_a_target_from_the_environment_fills_what_the_task_does_not_give():
    environ = {"ODOO_URL": TARGET["url"], "ODOO_DATABASE": TARGET["database"], "ODOO_USERNAME": "ansible"}
    assert session.target_from_environment({}, environ) == TARGET
    assert session.target_from_environment({"db": "other"}, environ) == dict(TARGET, database="other")
    assert session.target_from_environment({}, dict(environ, ODOO_USERNAME="")) is None
    assert session.target_from_environment({}, {}) is None


def test_a_session_learnt_from_the_environment_is_kept_only_for_the_target_the_module_used():
    assert session.same_target(TARGET, dict(TARGET, uid=2, version="19.0"))
    # a task whose module saw other values (its environment: keyword, a remote host) or a masked login
    assert not session.same_target(TARGET, dict(TARGET, url="http://elsewhere"))
    assert not session.same_target(TARGET, dict(TARGET, username="********"))
