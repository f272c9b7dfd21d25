"""Each directory under targets/ is one scenario; each runs against every configured target."""

import os

import pytest

from harness import TARGETS, run_target

NAMES = sorted(name for name in os.listdir(TARGETS) if os.path.isfile(os.path.join(TARGETS, name, "tasks", "main.yml")))


def test_there_are_targets():
    assert len(NAMES) >= 3, NAMES


@pytest.mark.parametrize("name", NAMES)
def test_target(odoo_target, name):
    odoo_target.reset()
    process = run_target(odoo_target, name)
    assert "failed=0" in process.stdout
    # Odoo 19 logs a deprecation WARNING for every /jsonrpc call: neither the collection nor the
    # scenario's own verification may make one (0 on older profiles by construction).
    assert odoo_target.deprecation_warnings() in (0, None), odoo_target.deprecation_warnings()
