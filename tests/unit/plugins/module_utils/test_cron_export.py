import pytest

from ansible_collections.odoo_ops.odoo.plugins.module_utils.cron_export import (
    declaration_of,
    export_declarations,
    parse_call,
)
from ansible_collections.odoo_ops.odoo.plugins.module_utils.cron_spec import declarations_from, render_call


@pytest.mark.parametrize("code, expected", [
    ("model.go()", ("go", [], {})),
    ("  model.go()\n", ("go", [], {})),
    ("model.search_count([])", ("search_count", [[]], {})),
    ("model.update_notification(None)", ("update_notification", [None], {})),
    ("model.process_email_queue(batch_size=1000)", ("process_email_queue", [], {"batch_size": 1000})),
    ("model.sync(1, 'a', True, 2.5, [1, [2]], {'k': None}, limit=50, mode='full')",
     ("sync", [1, "a", True, 2.5, [1, [2]], {"k": None}], {"limit": 50, "mode": "full"})),
    ("model.run(-1)", ("run", [-1], {})),
])
def test_a_single_call_with_literal_arguments_becomes_method_args_kwargs(code, expected):
    assert parse_call(code) == expected
    method, args, kwargs = expected
    assert render_call(method, args, kwargs) == code.strip()  # applying it changes nothing


@pytest.mark.parametrize("code", [
    None, "", "   ",
    "model._run_vacuum_cleaner()",                     # private: odoo_cron refuses such a method
    "model.__class__()",
    "model._notify_moderators",                        # no call
    "model.go",
    "model.go()\nmodel.stop()",                         # two statements
    "model.go(); model.stop()",
    "x = model.go()",
    "env['res.partner'].go()",                         # not on model
    "self.go()",
    "model.browse(1).go()",                            # chained
    "model.with_context(a=1).go()",
    "model.go(x)",                                     # a name, not a literal
    "model.go(*args)",
    "model.go(**options)",
    "model.go(1 + 1)",
    "model.go([('active', '=', True)])",               # a tuple: would be rewritten as a list
    "model.go({1, 2})",                                 # a set
    "model.go(b'x')",
    "model.go({1: 'a'})",                               # a key that is not a string
    "model.go(b=1, a=2)",                               # kwargs out of order: would be rewritten sorted
    'model.go("double quotes")',                        # would be rewritten with single quotes
    "model.go( 1 )",
    "model.go(1,)",
    "model.go(float('inf'))",
    "model.go(1e400)",
    "model.go(",                                        # syntax error
    "if True:\n    model.go()",
    "import os",
    "model.go()  # a comment",
])
def test_anything_else_stays_code(code):
    assert parse_call(code) is None


def view(**values):
    cron = {"id": 1, "xml_id": None, "name": "A", "model": "res.partner", "code": "model.go()", "interval": "1 hour",
            "active": True, "user": "__system__", "user_id": 1, "priority": 5, "nextcall": "2026-12-01 10:00:00",
            "numbercall": -1, "doall": False}
    cron.update(values)
    return cron


def test_a_declaration_holds_what_makes_the_cron_and_nothing_odoo_cron_sets_anyway():
    assert declaration_of(view()) == {"name": "A", "model": "res.partner", "method": "go", "interval": "1 hour",
                                      "active": True, "user": "base.user_root"}
    assert list(declaration_of(view(xml_id="m.a"))) == ["xml_id", "name", "model", "method", "interval", "active",
                                                        "user"]


@pytest.mark.parametrize("values, expected", [
    ({"priority": 0}, {"priority": 0}),
    ({"priority": 10}, {"priority": 10}),
    ({"numbercall": 3}, {"numbercall": 3}),
    ({"numbercall": 0, "active": False}, {"numbercall": 0, "active": False}),
    ({"doall": True}, {"doall": True}),
    ({"user": "demo", "user_id": 6}, {"user": "demo"}),
    ({"active": False}, {"active": False}),
    ({"code": "model.go(x)"}, {"code": "model.go(x)"}),
    ({"code": "model.go(1, a=[2])"}, {"method": "go", "args": [1], "kwargs": {"a": [2]}}),
])
def test_what_differs_from_the_defaults_is_kept(values, expected):
    entry = declaration_of(view(**values))
    for key, value in expected.items():
        assert entry[key] == value
    assert "nextcall" not in entry and "state" not in entry


def test_18_rows_have_no_call_limits_and_nextcall_comes_on_request():
    cron = view()
    del cron["numbercall"], cron["doall"]
    assert set(declaration_of(cron)) == {"name", "model", "method", "interval", "active", "user"}
    assert declaration_of(cron, include_nextcall=True)["nextcall"] == "2026-12-01 10:00:00"


def test_declarations_are_sorted_and_valid_for_odoo_cron():
    crons = [view(id=3, name="b"), view(id=1, name="a", xml_id="z.a"), view(id=2, name="B", code="x = 1\ny = 2")]
    declarations, warnings = export_declarations(crons)
    assert [d["name"] for d in declarations] == ["B", "a", "b"]
    assert warnings == []
    parsed = declarations_from({"crons": declarations, "state": "present"})
    assert [d.wanted["code"] for d in parsed] == ["x = 1\ny = 2", "model.go()", "model.go()"]


def test_crons_sharing_a_name_are_exported_with_a_warning():
    declarations, warnings = export_declarations([view(id=4, name="Same"), view(id=9, name="Same", xml_id="m.s"),
                                                  view(id=5, name="Other")])
    assert len(declarations) == 3
    assert len(warnings) == 1 and "'Same'" in warnings[0] and "4, 9" in warnings[0]
