"""Each directory under targets/ is one scenario; each runs against every configured variant, all variants of a
scenario in one ansible-playbook run (harness.TargetRuns), each variant checked by its own test."""

import os

import pytest

from harness import TARGETS, configured_variants

NAMES = sorted(name for name in os.listdir(TARGETS) if os.path.isfile(os.path.join(TARGETS, name, "tasks", "main.yml")))


def test_there_are_targets():
    assert len(NAMES) >= 3, NAMES


def target_variants():
    """(target, variant): every target on every variant."""
    return [(name, variant) for name in NAMES for variant in configured_variants()]


@pytest.mark.parametrize("name,variant", target_variants(), ids=["%s-%s" % pair[::-1] for pair in target_variants()])
def test_target(target_runs, name, variant):
    run, deprecated, missing_models = target_runs.outcome(name, variant)
    assert run.host_ok(variant), run.report(variant)
    # Odoo 19 logs a deprecation WARNING for every /jsonrpc call: neither the collection nor the
    # scenario's own verification may make one (0 on older profiles by construction).
    assert deprecated in (0, None), "%s: %s deprecated calls" % (variant, deprecated)
    # Nothing the collection relies on may be a model this server lacks (ir.model.access on 20.0, ...).
    assert not missing_models, "%s: calls naming models the server lacks: %s" % (variant, missing_models)
