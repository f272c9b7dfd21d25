"""Fault injection and request counters.

Faults (POST /__simulator__/faults replaces the whole set; {} clears it):
  latency_ms: int            sleep before answering every request
  refuse: bool|int           close the connection without any response
  close_mid_response: bool|int  send headers and half of the body, then close
  http_502: bool|int         answer an nginx-like HTML "502 Bad Gateway"
  fail_nth_call: {"n": int, "match": "ir.cron.create" (optional),
                  "name": ..., "message": ...}   the n-th matching call (counted
                  from the moment the fault is set) raises a server error, by default
                  psycopg2.OperationalError; one-shot
  fail_next_sync: bool       the next whatsapp.sync.service.cron_sync_all_data fails
                             (sets the system parameter the real addon reads)
  cron_locked: bool | {"seconds": float, "ids": [int] (optional)}
                             ir.cron write/unlink/method_direct_trigger and module
                             buttons fail as when a cron job holds the row lock; with
                             "seconds" the job "finishes" (the lock is released) that
                             many seconds after the fault is set; with "ids" only those
                             crons are running (module buttons fail while any runs)
true means "every request until cleared", an integer N "the next N requests".
"""

import threading
import time

from . import errors

KNOWN = ("latency_ms", "refuse", "close_mid_response", "http_502", "fail_nth_call",
         "fail_next_sync", "cron_locked")

DEFAULT_FAILURE = ("psycopg2.OperationalError",
                   "server closed the connection unexpectedly\n"
                   "\tThis probably means the server terminated abnormally\n"
                   "\tbefore or while processing the request.\n")

NGINX_502 = (b"<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n"
             b"<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>nginx</center>\r\n"
             b"</body>\r\n</html>\r\n")


class FaultState:
    def __init__(self):
        self._lock = threading.Lock()
        self.config = {}
        self._nth_seen = 0

    def set(self, config):
        config = dict(config or {})
        unknown = sorted(set(config) - set(KNOWN))
        if unknown:
            raise ValueError("unknown fault(s): %s (known: %s)"
                             % (", ".join(unknown), ", ".join(KNOWN)))
        CronLock.check(config.get("cron_locked"))
        nth = config.get("fail_nth_call")
        if nth is not None and (not isinstance(nth, dict) or int(nth.get("n", 0)) < 1):
            raise ValueError('fail_nth_call must be {"n": int >= 1, "match": optional}')
        with self._lock:
            self.config = {k: v for k, v in config.items() if v not in (None, False, 0)}
            self._nth_seen = 0
        return dict(self.config)

    def get(self):
        with self._lock:
            return dict(self.config)

    def latency(self):
        return int(self.config.get("latency_ms") or 0) / 1000.0

    def take(self, name):
        """Is fault ``name`` active for this request? Decrements integer budgets."""
        with self._lock:
            value = self.config.get(name)
            if value is True:
                return True
            if isinstance(value, int) and value > 0:
                value -= 1
                if value:
                    self.config[name] = value
                else:
                    self.config.pop(name)
                return True
            return False

    def check_call(self, call_key):
        """Raise the configured error if this call is the n-th matching one."""
        with self._lock:
            nth = self.config.get("fail_nth_call")
            if not nth or not call_key:
                return
            match = nth.get("match")
            if match and match != call_key:
                return
            self._nth_seen += 1
            if self._nth_seen < int(nth["n"]):
                return
            self.config.pop("fail_nth_call")
            self._nth_seen = 0
        raise errors.OdooError(nth.get("name") or DEFAULT_FAILURE[0],
                               nth.get("message") or DEFAULT_FAILURE[1])


class CronLock:
    """The row locks Odoo's cron worker holds while jobs run (ir_cron._process_job)."""

    def __init__(self, clock=time.monotonic):
        self._clock = clock
        self._active = False
        self._until = None      # monotonic deadline, None: until cleared
        self._ids = None        # locked cron ids, None: every cron

    @staticmethod
    def check(spec):
        if spec in (None, False, True):
            return
        if (not isinstance(spec, dict) or set(spec) - {"seconds", "ids"}
                or not isinstance(spec.get("seconds", 0), (int, float)) or spec.get("seconds", 0) < 0):
            raise ValueError('cron_locked must be true or {"seconds": number >= 0, "ids": [int] (optional)}')

    def set(self, spec):
        self._active = bool(spec)
        self._until = None
        self._ids = None
        if isinstance(spec, dict):
            if "seconds" in spec:
                self._until = self._clock() + float(spec["seconds"])
            if spec.get("ids"):
                self._ids = set(int(rid) for rid in spec["ids"])

    def hold(self, ids, seconds):
        """A job runs on ``ids`` for ``seconds`` from now (a long cron job)."""
        self._active, self._until, self._ids = True, self._clock() + float(seconds), set(ids)

    def held(self, ids=None):
        """Is a job running (on one of ``ids``, when given) right now?"""
        if self._active and self._until is not None and self._clock() >= self._until:
            self._active = False
        if not self._active:
            return False
        return ids is None or self._ids is None or bool(self._ids & set(ids))


class Counters:
    def __init__(self):
        self._lock = threading.Lock()
        self.reset()

    def reset(self):
        self.total = 0
        self.by_endpoint = {}
        self.by_call = {}
        self.by_error = {}

    def count_error(self, name):
        """An error answered (its exception name, e.g. odoo.exceptions.AccessError), on any route."""
        with self._lock:
            self.by_error[name] = self.by_error.get(name, 0) + 1

    def count(self, endpoint, call_key=None):
        with self._lock:
            self.total += 1
            self.by_endpoint[endpoint] = self.by_endpoint.get(endpoint, 0) + 1
            if call_key:
                self.by_call[call_key] = self.by_call.get(call_key, 0) + 1

    def snapshot(self):
        with self._lock:
            return {"total": self.total, "by_endpoint": dict(self.by_endpoint),
                    "by_call": dict(self.by_call), "by_error": dict(self.by_error)}

    def clear(self):
        with self._lock:
            self.reset()
