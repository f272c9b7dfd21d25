"""Run a module's main() in this process, as Ansible would, and return its JSON result.

Much faster than ansible-playbook, so table-driven suites (bad input, faults) can run many cases.
"""

import importlib
import io
import json
import sys
from contextlib import redirect_stdout

from ansible.module_utils import basic
from ansible.module_utils.common.text.converters import to_bytes


def run_module(name, args, check_mode=False, diff=False):
    """Returns the module's result dict (with 'failed' when it failed)."""
    internal = {"_ansible_check_mode": check_mode, "_ansible_diff": diff, "_ansible_remote_tmp": "/tmp",
                "_ansible_keep_remote_files": False, "_ansible_tmpdir": None}
    basic._ANSIBLE_ARGS = to_bytes(json.dumps({"ANSIBLE_MODULE_ARGS": dict(args, **internal)}))
    basic._ANSIBLE_PROFILE = "legacy"
    # ansible-core keeps a module's warnings in a process-wide list: each run here starts with none
    from ansible.module_utils.common import warnings as ansible_warnings
    for store in ("_global_warnings", "_global_deprecations"):
        if hasattr(getattr(ansible_warnings, store, None), "clear"):
            getattr(ansible_warnings, store).clear()
    module = importlib.import_module("ansible_collections.odoo_ops.odoo.plugins.modules.%s" % name)
    out = io.StringIO()
    try:
        with redirect_stdout(out):
            module.main()
    except SystemExit:
        pass
    finally:
        basic._ANSIBLE_ARGS = None
    text = out.getvalue()
    try:
        return json.loads(text[text.index("{"):])
    except ValueError:
        raise AssertionError("module %s printed no JSON: %r" % (name, text[-2000:]))


if __name__ == "__main__":  # pragma: no cover - manual use
    print(run_module(sys.argv[1], json.loads(sys.argv[2])))
