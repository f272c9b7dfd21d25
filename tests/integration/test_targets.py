"""Each directory under targets/ is one scenario; each runs against the configured variants (harness.variants_of:
every variant, except that the second secret of a two-secret profile runs only harness.TRANSPORT_TARGETS), all
variants of a scenario in one ansible-playbook run (harness.TargetRuns), each variant checked by its own test."""

import os

import pytest

from harness import TARGETS, TRANSPORT_TARGETS, configured_variants, full_partner, partial_variants, variants_of

NAMES = sorted(name for name in os.listdir(TARGETS) if os.path.isfile(os.path.join(TARGETS, name, "tasks", "main.yml")))


def test_there_are_targets():
    assert len(NAMES) >= 3, NAMES


def target_variants():
    """(target, variant) for every variant each target runs on (harness.variants_of)."""
    return [(name, variant) for name in NAMES for variant in variants_of(name, configured_variants())]


@pytest.mark.parametrize("name,variant", target_variants(), ids=["%s-%s" % pair[::-1] for pair in target_variants()])
def test_target(target_runs, name, variant):
    run, deprecated, missing_models = target_runs.outcome(name, variant)
    assert run.host_ok(variant), run.report(variant)
    # Odoo 19 logs a deprecation WARNING for every /jsonrpc call: neither the collection nor the
    # scenario's own verification may make one (0 on older profiles by construction).
    assert deprecated in (0, None), "%s: %s deprecated calls" % (variant, deprecated)
    # Nothing the collection relies on may be a model this server lacks (ir.model.access on 20.0, ...).
    assert not missing_models, "%s: calls naming models the server lacks: %s" % (variant, missing_models)


def test_the_transport_targets_are_targets():
    assert TRANSPORT_TARGETS is None or set(TRANSPORT_TARGETS) <= set(NAMES), set(TRANSPORT_TARGETS) - set(NAMES)


# Routes of a transport itself (login, version, session): they differ between transports by design.
TRANSPORT_ROUTE_PREFIXES = ("web.", "json.", "common.", "db.", "object.", "jsonrpc", "xmlrpc")


def model_calls(calls):
    return set(call for call in calls if not call.startswith(TRANSPORT_ROUTE_PREFIXES))


@pytest.mark.parametrize("partial", partial_variants(configured_variants()) or [None])
def test_every_call_goes_through_both_transports(target_runs, partial):
    """A variant that runs only the transport targets still makes, over them, every model call its profile's full
    variant makes over all targets: each call the collection makes is proven on both transports of each version."""
    if partial is None:
        pytest.skip("no simulated profile with two kinds of secret is configured")
    full = full_partner(partial)
    made = set()
    for name in NAMES:
        made |= model_calls(target_runs.calls(name, full))
    proven = set()
    for name in NAMES:
        if partial in variants_of(name, configured_variants()):
            proven |= model_calls(target_runs.calls(name, partial))
    assert made, "%s made no model calls: the counters are not read" % full
    assert not made - proven, "calls %s makes that %s never does: add a target that makes them to " \
        "harness.TRANSPORT_TARGETS: %s" % (full, partial, sorted(made - proven))
