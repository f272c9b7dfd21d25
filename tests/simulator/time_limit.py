"""Odoo's request time limit, for module operations.

In workers mode (``workers > 0``) Odoo's master kills an HTTP worker whose request has run longer
than ``limit_time_real`` seconds (odoo/service/server.py, PreforkServer.process_timeout: SIGKILL;
120 s by default). The client sees the connection close without an answer (behind a proxy: a 502).
A module operation runs inside such a request: ``_button_immediate_function``
(odoo/addons/base/models/ir_module.py, 14.0-19.0) marks the modules "to install/upgrade/remove",
COMMITS, and only then loads the registry, which is the slow part. So a killed upgrade leaves
its modules pending, and the scheduler skips the database until they are cleared
(ir_cron._check_modules_state).

The simulator's module operations are instant; ``durations`` says how many seconds loading an
addon takes (a big addon, a data migration). Set through POST /__simulator__/time_limit:
    {"limit_time_real": 2, "durations": {"whatsapp_integration": 5}}
(a missing key keeps its value; ``{"limit_time_real": null}`` removes the limit).

Crons (18.0+, scheduler.py): in workers mode the cron worker is killed the same way once a job has run
longer than ``limit_time_real_cron`` (``limit_time_real`` when it is -1, Odoo's default; odoo/service/
server.py, odoo/tools/config.py 18.0); in threaded mode no thread is killed, the server reloads itself
(ThreadedServer.run/process_limit), which ends the job just the same. Both measured on a real 18.0: the
progress rows committed before the job stay, the cron's row is untouched. ``cron_durations`` says how many seconds a cron's job takes, by
cron name: ``{"limit_time_real_cron": 5, "cron_durations": {"Nightly export": 30}}``. The simulator does
not wait: a job longer than the limit is cut at once, as if the time had passed.
"""

import time


class RequestKilled(Exception):
    """The worker was killed: the server closes the connection without an answer, and the
    transaction's work since the last commit is lost, but what was committed stays."""


class TimeLimits:
    def __init__(self, limit_time_real=None):
        self.limit_time_real = limit_time_real
        self.limit_time_real_cron = None    # None: Odoo's -1, the cron worker uses limit_time_real
        self.durations = {}
        self.cron_durations = {}

    def set(self, config):
        config = dict(config or {})
        known = ("limit_time_real", "limit_time_real_cron", "durations", "cron_durations")
        unknown = sorted(set(config) - set(known))
        if unknown:
            raise ValueError("unknown key(s): %s (known: %s)" % (", ".join(unknown), ", ".join(known)))
        for key in ("limit_time_real", "limit_time_real_cron"):
            if key in config:
                limit = config[key]
                if limit is not None and (not isinstance(limit, (int, float)) or limit <= 0):
                    raise ValueError("%s must be a positive number of seconds or null" % key)
                setattr(self, key, limit)
        for key, what in (("durations", "addon"), ("cron_durations", "cron name")):
            if key in config:
                durations = config[key] or {}
                if not isinstance(durations, dict) or not all(
                        isinstance(v, (int, float)) and v >= 0 for v in durations.values()):
                    raise ValueError('%s must be {"%s": seconds >= 0, ...}' % (key, what))
                setattr(self, key, dict(durations))
        return self.get()

    def get(self):
        return {"limit_time_real": self.limit_time_real, "limit_time_real_cron": self.limit_time_real_cron,
                "durations": dict(self.durations), "cron_durations": dict(self.cron_durations)}

    def cron_killed(self, cron_name):
        """Whether the cron worker running this cron's job is killed before the job ends."""
        limit = self.limit_time_real_cron if self.limit_time_real_cron is not None else self.limit_time_real
        return limit is not None and self.cron_durations.get(cron_name, 0) > limit

    def loading_time(self, names):
        """Seconds the registry takes to load these pending addons."""
        return sum(self.durations.get(name, 0) for name in names)

    def load(self, names, load, limited=True, sleep=time.sleep):
        """Load the pending addons ``names`` with ``load()``, as a request would (``limited``) or as
        odoo-bin does (no limit). A request longer than the limit is killed before it finishes."""
        seconds = self.loading_time(names)
        limit = self.limit_time_real if limited else None
        if limit is not None and seconds > limit:
            sleep(limit)
            raise RequestKilled("limit_time_real (%g s) reached" % limit)
        if seconds:
            sleep(seconds)
        return load()
