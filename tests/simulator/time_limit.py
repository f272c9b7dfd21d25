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
"""

import time


class RequestKilled(Exception):
    """The worker was killed: the server closes the connection without an answer, and the
    transaction's work since the last commit is lost, but what was committed stays."""


class TimeLimits:
    def __init__(self, limit_time_real=None):
        self.limit_time_real = limit_time_real
        self.durations = {}

    def set(self, config):
        config = dict(config or {})
        unknown = sorted(set(config) - {"limit_time_real", "durations"})
        if unknown:
            raise ValueError("unknown key(s): %s (known: limit_time_real, durations)" % ", ".join(unknown))
        if "limit_time_real" in config:
            limit = config["limit_time_real"]
            if limit is not None and (not isinstance(limit, (int, float)) or limit <= 0):
                raise ValueError("limit_time_real must be a positive number of seconds or null")
            self.limit_time_real = limit
        if "durations" in config:
            durations = config["durations"] or {}
            if not isinstance(durations, dict) or not all(
                    isinstance(v, (int, float)) and v >= 0 for v in durations.values()):
                raise ValueError('durations must be {"addon": seconds >= 0, ...}')
            self.durations = dict(durations)
        return self.get()

    def get(self):
        return {"limit_time_real": self.limit_time_real, "durations": dict(self.durations)}

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
