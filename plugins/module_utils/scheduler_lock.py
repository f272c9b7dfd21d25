# -*- coding: utf-8 -*-
# Copyright: (c) 2026, odoo_ops.odoo contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Wait, bounded and visibly, while Odoo's scheduler holds a lock.

Odoo's cron worker keeps a row lock on a cron while its job runs, and Odoo then refuses:
* a write or unlink of that cron, and (17.0+) ``method_direct_trigger`` of it:
  ``ir_cron._try_lock`` raises UserError "Record cannot be modified right now: This cron task
  is currently being executed and may not be modified Please try again in a few minutes"
  (odoo/addons/base/models/ir_cron.py, 14.0 to 19.0); on 19.0 ``method_direct_trigger`` says
  "Job '<name>' already executing" instead (``_acquire_one_job`` found the row locked);
* any module install, upgrade or uninstall while any cron runs:
  ``ir_module_module._button_immediate_function`` takes ``FOR UPDATE NOWAIT`` on all of ir_cron
  and raises UserError "Odoo is currently processing a scheduled action. Module operations are
  not possible at this time, ..." (odoo/addons/base/models/ir_module.py, 14.0 to 19.0).
Both refusals roll the call back, so retrying the same call is safe. ``LockWait.run`` retries
such a call with backoff up to ``lock_timeout`` seconds and records how long it waited.
Check mode writes nothing, so it never waits.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import re
import time

from ansible_collections.odoo_ops.odoo.plugins.module_utils.errors import OdooError, OdooInputError, OdooServerError

# The two refusals quoted above; the words are Odoo's own, untranslated on the external API.
_SCHEDULER_LOCK = re.compile(r"currently being executed|currently processing a scheduled action|"
                             r"^Job '.*' already executing$", re.I)

LOCK_WAIT_ARGUMENT_SPEC = dict(
    lock_timeout=dict(type="float", default=300),
)
DEFAULT_LOCK_TIMEOUT = 300.0
FIRST_DELAY = 0.5
MAX_DELAY = 10.0


class OdooLockTimeout(OdooServerError):
    """The scheduler kept its lock longer than lock_timeout."""


def is_scheduler_lock(error):
    """True for Odoo's refusal because a scheduled action is running."""
    return isinstance(error, OdooError) and bool(_SCHEDULER_LOCK.search(error.message or ""))


def check_lock_timeout(value):
    if value is None or value < 0:
        raise OdooInputError("lock_timeout must be 0 or a positive number of seconds (0: do not wait), got %r"
                             % (value,))
    return float(value)


class LockWait:
    """Retries calls that Odoo refuses while its scheduler holds a lock.

    ``waited`` is the total number of seconds this run spent waiting, for the module's result.
    """

    def __init__(self, timeout=DEFAULT_LOCK_TIMEOUT, sleep=time.sleep, clock=time.monotonic):
        self.timeout = float(timeout)
        self.waited = 0.0
        self._sleep = sleep
        self._clock = clock

    def run(self, what, call, *args, **kwargs):
        """``call(*args, **kwargs)``, retried while the scheduler's lock refuses it.

        ``what`` names the operation for the timeout message, e.g. "write of cron 'Mail: send' (id 7)".
        """
        first_refusal = None
        delay = FIRST_DELAY
        try:
            while True:
                try:
                    return call(*args, **kwargs)
                except OdooError as error:
                    if not is_scheduler_lock(error):
                        raise
                    now = self._clock()
                    first_refusal = now if first_refusal is None else first_refusal
                    elapsed = now - first_refusal
                    remaining = self.timeout - elapsed
                    if remaining <= 0:
                        raise OdooLockTimeout(
                            "%s: Odoo refused it for %.0f s because a scheduled action is running, and "
                            "lock_timeout (%g s) ran out; re-run when the job has finished, or raise "
                            "lock_timeout (Odoo said: %s)" % (what, elapsed, self.timeout, error.message),
                            exception=getattr(error, "exception", None))
                    # The last try comes when the whole lock_timeout has passed, not a backoff step before.
                    self._sleep(min(delay, remaining))
                    delay = min(delay * 2, MAX_DELAY)
        finally:
            if first_refusal is not None:
                self.waited += self._clock() - first_refusal

    def facts(self):
        """What a module returns about the waiting: seconds, rounded for people."""
        return {"lock_waited": round(self.waited, 1)}
