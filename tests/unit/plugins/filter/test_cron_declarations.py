import pytest
import yaml
from ansible.errors import AnsibleFilterError

from ansible_collections.odoo_ops.odoo.plugins.filter.cron_declarations import cron_declarations_yaml

DECLARATIONS = [
    {"xml_id": "m.a", "name": "Ops: a", "model": "res.partner", "method": "search_read",
     "args": [[["active", "=", True]], ["name"]], "kwargs": {"limit": 10}, "interval": "30 minutes",
     "active": True, "user": "base.user_root"},
    {"name": "Ops: b \u00e9t\u00e9", "model": "res.partner", "code": "partners = model.search([])\npartners.read(['name'])\n",
     "interval": "1 day", "active": False, "user": "admin", "priority": 10},
]


def test_the_text_reads_back_as_the_same_declarations_in_the_same_key_order():
    text = cron_declarations_yaml(DECLARATIONS)
    loaded = yaml.safe_load(text)
    assert loaded == {"odoo_crons": DECLARATIONS}
    assert [list(entry) for entry in loaded["odoo_crons"]] == [list(entry) for entry in DECLARATIONS]
    assert cron_declarations_yaml(DECLARATIONS, key="crons").startswith("crons:\n")


def test_code_is_a_literal_block_and_arguments_are_inline():
    lines = cron_declarations_yaml(DECLARATIONS).splitlines()
    assert "  args: [[[active, '=', true]], [name]]" in lines
    assert "  kwargs: {limit: 10}" in lines
    code = lines.index("  code: |")
    assert lines[code + 1:code + 3] == ["    partners = model.search([])", "    partners.read(['name'])"]
    assert "- name: 'Ops: b \u00e9t\u00e9'" in lines


def test_long_code_is_not_folded():
    code = "model.go(%s)" % ", ".join(str(n) for n in range(200))
    text = cron_declarations_yaml([{"name": "Long", "code": code}])
    assert ("  code: %s" % code) in text.splitlines()


@pytest.mark.parametrize("value", ["text", [1], {"name": "A"}])
def test_bad_input_is_refused(value):
    with pytest.raises(AnsibleFilterError):
        cron_declarations_yaml(value)
