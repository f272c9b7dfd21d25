import pytest

from ansible_collections.odoo_ops.odoo.plugins.module_utils.cron_spec import (
    CronDeclaration,
    Interval,
    declarations_from,
    parse_datetime,
    parse_interval,
    render_call,
)
from ansible_collections.odoo_ops.odoo.plugins.module_utils.errors import OdooInputError


@pytest.mark.parametrize("text, expected", [
    ("30 minutes", Interval(30, "minutes")),
    ("1 hour", Interval(1, "hours")),
    ("1 day", Interval(1, "days")),
    ("every 2 weeks", Interval(2, "weeks")),
    ("3 months", Interval(3, "months")),
    ("hourly", Interval(1, "hours")),
    ("daily", Interval(1, "days")),
    ("  5   MIN ", Interval(5, "minutes")),
    ("day", Interval(1, "days")),
    ("never", Interval(1, "never")),
    (" Never ", Interval(1, "never")),
])
def test_parse_interval_reads_human_text(text, expected):
    assert parse_interval(text) == expected


@pytest.mark.parametrize("text, fragment", [
    ("30", "cannot be read"),
    ("soon", "cannot be read"),
    ("1 fortnight", "cannot be read"),
    ("0 hours", "at least 1"),
    ("-1 hours", "cannot be read"),
    ("9999999 days", "more than ten years"),
    ("1.5 hours", "cannot be read"),
    ("2 never", "never takes no number"),
])
def test_parse_interval_refuses_with_the_allowed_units(text, fragment):
    with pytest.raises(OdooInputError) as error:
        parse_interval(text)
    assert fragment in error.value.message
    assert "interval" in error.value.message


def test_interval_prints_singular_and_plural():
    assert str(Interval(1, "hours")) == "1 hour"
    assert str(Interval(30, "minutes")) == "30 minutes"
    assert str(Interval(1, "never")) == "never"
    assert parse_interval(str(Interval(1, "never"))) == Interval(1, "never")      # the export round trip


@pytest.mark.parametrize("major, refused", [(14, True), (19, True), (20, False), (21, False)])
def test_interval_never_is_refused_before_20_with_one_clear_line(major, refused):
    from ansible_collections.odoo_ops.odoo.plugins.module_utils.cron_schema import CronSchema
    from ansible_collections.odoo_ops.odoo.plugins.module_utils.odoo_http import ServerVersion
    schema = CronSchema.guess(ServerVersion([major, 0]))
    problem = schema.refusal(CronDeclaration({"name": "x", "interval": "never"}).wanted)
    if refused:
        assert "interval never needs Odoo 20.0 or later" in problem and "Odoo %d.0" % major in problem
    else:
        assert problem is None
    assert schema.refusal(CronDeclaration({"name": "x", "interval": "1 day"}).wanted) is None


@pytest.mark.parametrize("method, args, kwargs, code", [
    ("cron_sync_all_data", None, {"limit": 50}, "model.cron_sync_all_data(limit=50)"),
    ("run", ["a'b", 1, 2.5, True, None], None, 'model.run("a\'b", 1, 2.5, True, None)'),
    ("run", [[1, {"k": "v"}]], {"b": False, "a": "x"}, "model.run([1, {'k': 'v'}], a='x', b=False)"),
    ("run", None, None, "model.run()"),
])
def test_render_call_writes_only_literals(method, args, kwargs, code):
    assert render_call(method, args, kwargs) == code


@pytest.mark.parametrize("method", ["sync(); import os", "_private", "__init__", "import", "a.b", "1abc", "", None])
def test_render_call_refuses_anything_but_a_public_method_name(method):
    with pytest.raises(OdooInputError) as error:
        render_call(method)
    assert "method" in error.value.message


@pytest.mark.parametrize("kwargs", [{"not valid": 1}, {"x": float("nan")}, {"x": object()}, {"x": {1: 2}}])
def test_render_call_refuses_unrenderable_arguments(kwargs):
    with pytest.raises(OdooInputError):
        render_call("run", None, kwargs)


def test_rendered_string_cannot_break_out_of_its_literal():
    code = render_call("run", ["x'); import os; os.system('id'); ('"])
    import ast
    tree = ast.parse(code)
    assert len(tree.body) == 1
    call = tree.body[0].value
    assert isinstance(call, ast.Call) and isinstance(call.args[0], ast.Constant)


@pytest.mark.parametrize("value, expected", [
    ("2026-12-01 08:00:00", "2026-12-01 08:00:00"),
    ("2026-12-01T08:00:00Z", "2026-12-01 08:00:00"),
    ("2026-12-01 08:00", "2026-12-01 08:00:00"),
])
def test_parse_datetime_normalises_to_odoo_format(value, expected):
    assert parse_datetime(value) == expected


def test_parse_datetime_refuses_garbage():
    with pytest.raises(OdooInputError) as error:
        parse_datetime("tomorrow")
    assert "nextcall" in error.value.message


def test_declaration_keeps_only_declared_fields():
    declaration = CronDeclaration({"name": "A", "active": False})
    assert declaration.wanted == {"name": "A", "active": False}


def test_declaration_renders_method_and_interval():
    declaration = CronDeclaration({"name": "A", "model": "res.partner", "method": "go", "kwargs": {"n": 1},
                                   "interval_number": 2, "interval_type": "days"})
    assert declaration.wanted == {"name": "A", "code": "model.go(n=1)", "interval_number": 2, "interval_type": "days"}


@pytest.mark.parametrize("options, fragment", [
    ({}, "name or xml_id"),
    ({"name": "A", "method": "go", "code": "x"}, "mutually exclusive"),
    ({"name": "A", "method": "go"}, "needs model"),
    ({"name": "A", "model": "Bad Model", "code": "x"}, "technical name"),
    ({"name": "A", "xml_id": "no_dot"}, "external id"),
    ({"name": "A", "interval": "1 hour", "interval_number": 1}, "mutually exclusive"),
    ({"name": "A", "interval_number": 1}, "go together"),
    ({"name": "A", "interval_number": 1, "interval_type": "years"}, "not one of"),
    ({"name": "A", "priority": 2 ** 40}, "whole number"),
    ({"name": "A", "state": "gone"}, "not one of present, absent"),
    ({"name": "A", "args": [1]}, "need method"),
    ({"name": " "}, "must not be empty"),
    ({"name": "A", "user": ""}, "user"),
])
def test_declaration_refuses_bad_input(options, fragment):
    with pytest.raises(OdooInputError) as error:
        CronDeclaration(options)
    assert fragment in error.value.message


def test_declarations_refuse_the_same_cron_twice():
    with pytest.raises(OdooInputError) as error:
        declarations_from({"crons": [{"name": "A"}, {"name": "A", "active": False}], "state": "present"})
    assert "crons[0]" in error.value.message and "crons[1]" in error.value.message


def test_top_level_state_is_the_default_of_list_entries():
    declarations = declarations_from({"crons": [{"name": "A"}, {"name": "B", "state": "present"}], "state": "absent"})
    assert [d.state for d in declarations] == ["absent", "present"]
