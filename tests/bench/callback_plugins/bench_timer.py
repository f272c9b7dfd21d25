"""Bench helper (never shipped): the wall time of each task and the Odoo requests its results report.

Enabled by tests/bench/bench.py with ANSIBLE_CALLBACKS_ENABLED=bench_timer; writes one JSON line per
task to the file named by BENCH_TIMINGS.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import json
import os
import time

from ansible.plugins.callback import CallbackBase


class CallbackModule(CallbackBase):
    CALLBACK_VERSION = 2.0
    CALLBACK_TYPE = "aggregate"
    CALLBACK_NAME = "bench_timer"
    CALLBACK_NEEDS_ENABLED = True

    def __init__(self):
        super(CallbackModule, self).__init__()
        self._task = None
        self._start = None

    def v2_playbook_on_task_start(self, task, is_conditional):
        self._task = task.get_name()
        self._start = time.perf_counter()

    def _done(self, result, status):
        seconds = time.perf_counter() - self._start
        data = result._result
        items = data.get("results") if isinstance(data.get("results"), list) else [data]
        requests = [item.get("odoo_requests") for item in items if isinstance(item, dict)]
        record = {"task": self._task, "status": status, "seconds": seconds, "items": len(items),
                  "odoo_requests": [r for r in requests if r is not None], "changed": bool(data.get("changed")),
                  "msg": data.get("msg") if status == "failed" else None}
        path = os.environ.get("BENCH_TIMINGS")
        if path:
            with open(path, "a") as handle:
                handle.write(json.dumps(record) + "\n")

    def v2_runner_on_ok(self, result):
        self._done(result, "ok")

    def v2_runner_on_failed(self, result, ignore_errors=False):
        self._done(result, "failed")

    def v2_runner_on_unreachable(self, result):
        self._done(result, "failed")
