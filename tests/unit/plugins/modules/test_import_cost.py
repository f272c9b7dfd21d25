"""What a task compiles: an odoo_cron run imports only the module_utils its path needs.

Every file a module run imports is compiled from source, twice (zipimport in the AnsiballZ payload), on
every task: that is most of a no-op task's cost over ansible.builtin.ping (docs/performance.md). The
exclusive mode (cron_scope) and the JSON-2 transport are imported by the runs that use them only.
"""

import os
import subprocess
import sys

import pytest

PREFIX = "ansible_collections.odoo_ops.odoo.plugins."


def imported_after(code):
    """The collection's modules loaded after running ``code`` in a fresh interpreter."""
    script = code + "\nimport sys\nprint('\\n'.join(name for name in sys.modules if name.startswith(%r)))" % PREFIX
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(path for path in sys.path if path))  # where pytest found the collection
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True, env=env).stdout
    return set(name[len(PREFIX):] for name in out.split())


def test_the_module_does_not_import_the_scope_or_json2():
    loaded = imported_after("import ansible_collections.odoo_ops.odoo.plugins.modules.odoo_cron")
    assert "module_utils.cron_sync" in loaded  # the check sees the module's imports at all
    assert "module_utils.cron_scope" not in loaded
    assert "module_utils.transport_json2" not in loaded


@pytest.mark.parametrize("protocol, loads_json2", [("jsonrpc", False), ("web", False), ("json2", True)])
def test_a_transport_is_imported_when_chosen(protocol, loads_json2):
    loaded = imported_after(
        "from ansible_collections.odoo_ops.odoo.plugins.module_utils.client import transport_class\n"
        "assert transport_class(%r).name == %r" % (protocol, protocol))
    assert ("module_utils.transport_json2" in loaded) is loads_json2


def test_exclusive_mode_still_plans_the_scope():
    from ansible_collections.odoo_ops.odoo.plugins.module_utils.cron_args import scope_requested

    assert scope_requested({"exclusive": True, "scope": None})
    assert scope_requested({"exclusive": False, "scope": {"name_prefix": "WhatsApp"}})  # refused by scope_steps
    assert not scope_requested({"exclusive": False, "scope": None})
    assert not scope_requested({"exclusive": False, "scope": {"xml_module": None, "name_prefix": None, "model": None}})
