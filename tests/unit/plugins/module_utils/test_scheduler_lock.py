"""LockWait: retries only the scheduler's refusals, within lock_timeout, and says how long it waited."""

import pytest

from ansible_collections.odoo_ops.odoo.plugins.module_utils.errors import OdooInputError, OdooServerError
from ansible_collections.odoo_ops.odoo.plugins.module_utils.scheduler_lock import (
    LockWait,
    OdooLockTimeout,
    check_lock_timeout,
    is_scheduler_lock,
)

CRON_LOCKED = ("Record cannot be modified right now: This cron task is currently being executed and may not "
               "be modified Please try again in a few minutes")
MODULE_LOCKED = ("Odoo is currently processing a scheduled action. Module operations are not possible at this "
                 "time, please try again later or contact your system administrator.")


class FakeClock:
    def __init__(self):
        self.now = 0.0
        self.sleeps = []

    def __call__(self):
        return self.now

    def sleep(self, seconds):
        self.sleeps.append(seconds)
        self.now += seconds


def refusing(times, message=CRON_LOCKED, result="done"):
    calls = []

    def call():
        calls.append(1)
        if len(calls) <= times:
            raise OdooServerError(message, exception="odoo.exceptions.UserError")
        return result
    return call, calls


@pytest.mark.parametrize("message,expected", [
    (CRON_LOCKED, True), (MODULE_LOCKED, True), ("Invalid field 'x' on model 'ir.cron'", False)])
def test_recognises_the_scheduler_refusals(message, expected):
    assert is_scheduler_lock(OdooServerError(message)) is expected


def test_waits_then_succeeds_and_reports_the_wait():
    clock = FakeClock()
    wait = LockWait(timeout=60, sleep=clock.sleep, clock=clock)
    call, calls = refusing(3, MODULE_LOCKED)
    assert wait.run("upgrade of addon 'x'", call) == "done"
    assert len(calls) == 4
    assert clock.sleeps == [0.5, 1.0, 2.0]
    assert wait.facts() == {"lock_waited": 3.5}


def test_times_out_naming_the_operation_and_the_timeout():
    clock = FakeClock()
    wait = LockWait(timeout=5, sleep=clock.sleep, clock=clock)
    call, calls = refusing(100)
    with pytest.raises(OdooLockTimeout) as caught:
        wait.run("write of cron 'Mail: send' (id 7)", call)
    assert "write of cron 'Mail: send' (id 7)" in caught.value.message
    assert "lock_timeout (5 s)" in caught.value.message
    assert sum(clock.sleeps) <= 5
    assert wait.waited == sum(clock.sleeps)


def test_other_errors_pass_through_at_once():
    clock = FakeClock()
    wait = LockWait(timeout=60, sleep=clock.sleep, clock=clock)
    call, calls = refusing(1, "Invalid field 'x'")
    with pytest.raises(OdooServerError) as caught:
        wait.run("write", call)
    assert not isinstance(caught.value, OdooLockTimeout)
    assert clock.sleeps == [] and wait.waited == 0


def test_zero_timeout_never_waits():
    clock = FakeClock()
    wait = LockWait(timeout=0, sleep=clock.sleep, clock=clock)
    with pytest.raises(OdooLockTimeout):
        wait.run("write", refusing(1)[0])
    assert clock.sleeps == []


@pytest.mark.parametrize("value", [-1, None])
def test_bad_lock_timeout_is_refused(value):
    with pytest.raises(OdooInputError, match="lock_timeout"):
        check_lock_timeout(value)


@pytest.mark.parametrize("timeout", [3, 2.2, 7, 30])
def test_the_wait_lasts_the_whole_lock_timeout(timeout):
    """lock_timeout 3 once gave up after 1.5 s (the next backoff step would have passed 3 s)."""
    clock = FakeClock()
    call, calls = refusing(1000)
    with pytest.raises(OdooLockTimeout) as raised:
        LockWait(timeout=timeout, sleep=clock.sleep, clock=clock).run("write of cron 'x' (id 1)", call)
    assert sum(clock.sleeps) == pytest.approx(timeout)   # the last try came at lock_timeout, not before
    assert "refused it for %.0f s" % timeout in raised.value.message
