"""The test addon is the real WhatsApp addon's shape, no richer, and installs on 14.0-20.0 from one tree.

Its model has exactly the real addon's fields and one public method; it ships no data file that names a
security model one of the supported versions lacks (20.0 has only ir.access, 14.0-19.0 only
ir.model.access); its install hook writes the same access rows into whichever of the two the server has.
Odoo itself is not importable here: a stand-in ``odoo`` package records what the addon declares and does.
"""

import ast
import importlib
import os
import sys
import types

import pytest

ADDON = os.path.join(os.path.dirname(__file__), "..", "addons", "whatsapp_integration")
REAL_ADDON_FIELDS = {"sync_status", "last_sync_message"}
REAL_ADDON_PUBLIC_METHODS = {"cron_sync_all_data"}


def manifest():
    with open(os.path.join(ADDON, "__manifest__.py")) as handle:
        return ast.literal_eval(handle.read())


def model_class():
    with open(os.path.join(ADDON, "models", "whatsapp_sync_service.py")) as handle:
        tree = ast.parse(handle.read())
    return next(node for node in tree.body if isinstance(node, ast.ClassDef))


def test_the_model_has_the_real_addons_fields_only():
    declared = set()
    for node in model_class().body:
        if isinstance(node, ast.Assign) and isinstance(node.value, ast.Call):
            call = node.value.func
            if isinstance(call, ast.Attribute) and isinstance(call.value, ast.Name) and call.value.id == "fields":
                declared |= set(target.id for target in node.targets)
    assert declared == REAL_ADDON_FIELDS


def test_the_model_has_the_real_addons_public_method_only():
    public = set(node.name for node in model_class().body
                 if isinstance(node, ast.FunctionDef) and not node.name.startswith("_"))
    assert public == REAL_ADDON_PUBLIC_METHODS


def test_no_data_file_names_a_security_model():
    data = manifest().get("data", [])
    named = [path for path in data if os.path.basename(path).startswith(("ir.model.access", "ir.access", "ir.rule"))]
    assert not named, "20.0 refuses ir.model.access/ir.rule data and 14.0-19.0 lack ir.access: %s" % named
    for path in data:
        assert os.path.isfile(os.path.join(ADDON, path)), path


class Recordset:
    def __init__(self, model, ident):
        self._name, self.id = model, ident


class Model:
    def __init__(self, env, name):
        self.env, self.name = env, name

    def create(self, values):
        self.env.created.append((self.name, dict(values)))
        return Recordset(self.name, len(self.env.created))

    def _get(self, name):
        return Recordset("ir.model", 7 if name == "whatsapp.sync.service" else 0)


class Env:
    """The part of odoo.api.Environment the hook uses, on a server that has ``models``."""

    def __init__(self, models):
        self.models = set(models)
        self.created = []

    def __contains__(self, name):
        return name in self.models

    def __getitem__(self, name):
        if name not in self.models:
            raise KeyError(name)
        return Model(self, name)

    def ref(self, xml_id):
        return Recordset("res.groups", {"base.group_user": 1, "base.group_system": 2}[xml_id])


@pytest.fixture
def hooks(monkeypatch):
    odoo = types.ModuleType("odoo")
    odoo.SUPERUSER_ID = 1
    odoo.api = types.SimpleNamespace(Environment=lambda cr, uid, context: cr)
    monkeypatch.setitem(sys.modules, "odoo", odoo)
    monkeypatch.syspath_prepend(os.path.join(ADDON, ".."))
    monkeypatch.delitem(sys.modules, "whatsapp_integration.hooks", raising=False)
    package = types.ModuleType("whatsapp_integration")
    package.__path__ = [ADDON]
    monkeypatch.setitem(sys.modules, "whatsapp_integration", package)
    return importlib.import_module("whatsapp_integration.hooks")


def letters(perms):
    """(1, 0, 0, 0) -> 'r': ir.model.access flags as Odoo 20's ir.access operation letters."""
    return "".join(letter for letter, granted in zip("rwcd", perms) if granted)


def rows(env, model):
    return [values for name, values in env.created if name == model]


def test_the_hook_is_the_manifests(hooks):
    assert manifest()["post_init_hook"] == "post_init_hook"
    assert callable(hooks.post_init_hook)


@pytest.mark.parametrize("call", ["env", "cr_registry"])
def test_on_14_to_19_the_hook_writes_ir_model_access(hooks, call):
    env = Env(["ir.model", "ir.model.data", "ir.model.access"])
    if call == "env":       # 17.0 on
        hooks.post_init_hook(env)
    else:                   # 14.0-16.0: (cr, registry); the stand-in Environment(cr, ...) is cr itself
        hooks.post_init_hook(env, object())
    assert rows(env, "ir.model.access") == [
        {"name": "whatsapp.sync.service user", "model_id": 7, "group_id": 1,
         "perm_read": True, "perm_write": False, "perm_create": False, "perm_unlink": False},
        {"name": "whatsapp.sync.service system", "model_id": 7, "group_id": 2,
         "perm_read": True, "perm_write": True, "perm_create": True, "perm_unlink": True}]
    assert [(row["name"], row["model"], row["noupdate"]) for row in rows(env, "ir.model.data")] == [
        ("access_whatsapp_sync_service_user", "ir.model.access", True),
        ("access_whatsapp_sync_service_system", "ir.model.access", True)]


def test_on_20_the_hook_writes_ir_access(hooks):
    env = Env(["ir.model", "ir.model.data", "ir.access"])
    hooks.post_init_hook(env)
    assert rows(env, "ir.access") == [
        {"name": "whatsapp.sync.service user", "model_id": 7, "group_id": 1, "operation": "r"},
        {"name": "whatsapp.sync.service system", "model_id": 7, "group_id": 2, "operation": "rwcd"}]
    assert not rows(env, "ir.model.access")


def test_the_simulator_seeds_what_the_hook_writes(hooks):
    """The simulator's rows for the addon (14.0-19.0 and 20.0) are the hook's, under the same external ids."""
    sys.path.insert(0, os.path.join(os.path.dirname(__file__), ".."))
    try:
        from simulator import security
        from simulator.profiles import PROFILES
    finally:
        sys.path.pop(0)
    legacy = [(row[1], row[2], row[4], letters(row[5])) for row in security.acl_rows(PROFILES["14.0"])
              if row[0] == "whatsapp_integration"]
    modern = [row for row in security.ACCESS_ROWS_20 if row[0] == "whatsapp_integration"]
    expected = list(hooks.ACCESS)
    assert [(row[1], row[2], row[4], row[5]) for row in modern] == expected
    assert legacy == expected
