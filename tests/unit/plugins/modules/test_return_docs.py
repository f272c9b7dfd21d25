"""The RETURN docs list every key a cron record of the results can have (cron_view, on every version)."""

import ast
import os

import pytest
import yaml

from ansible_collections.odoo_ops.odoo.plugins.module_utils.cron_view import cron_view

MODULES = os.path.join(os.path.dirname(__file__), "..", "..", "..", "..", "plugins", "modules")


class Store:
    def login_of(self, user_id):
        return "admin"


# An ir.cron row as the store reads it, with every field some version has: numbercall and doall (14.0-17.0),
# failure_count (18.0 on).
ROW = {"id": 7, "cron_name": "Ops", "active": True, "interval_number": 1, "interval_type": "hours",
       "model_name": "res.partner", "code": "model.search_count([])", "user_id": [2, "Admin"], "priority": 5,
       "nextcall": "2026-12-03 10:00:00", "lastcall": False, "numbercall": -1, "doall": False, "failure_count": 0}


def returned_record_keys(module, key="crons"):
    with open(os.path.join(MODULES, module + ".py")) as handle:
        tree = ast.parse(handle.read())
    text = next(node.value.value for node in tree.body if isinstance(node, ast.Assign)
                and getattr(node.targets[0], "id", None) == "RETURN")
    return set(yaml.safe_load(text)[key]["contains"])


@pytest.mark.parametrize("module, extra", [("odoo_cron", {"action"}), ("odoo_cron_info", {"health"})])
def test_every_key_of_a_cron_record_is_documented(module, extra):
    keys = set(cron_view(ROW, Store(), xml_id="my_ops.ops")) | extra
    documented = returned_record_keys(module)
    assert keys - documented == set(), "%s RETURN lacks %s" % (module, sorted(keys - documented))
