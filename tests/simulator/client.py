"""Stdlib client of the simulator's control endpoints (for tests in other processes).

    from simulator.client import SimulatorClient
    client = SimulatorClient("http://127.0.0.1:8069")
    client.set_faults(latency_ms=200)
    client.counters()["by_call"]["ir.cron.search_read"]

Also a bare JSON-RPC helper: ``jsonrpc(base_url, path, params)`` returns the whole
decoded answer ({"jsonrpc", "id", "result"|"error"}).
"""

import itertools
import json
import urllib.request

_ids = itertools.count(1)


def _request(url, payload=None, method=None, timeout=30):
    data = None if payload is None else json.dumps(payload).encode()
    request = urllib.request.Request(url, data=data, method=method or ("POST" if data else "GET"))
    if data is not None:
        request.add_header("Content-Type", "application/json")
    with urllib.request.urlopen(request, timeout=timeout) as response:
        return json.loads(response.read().decode() or "null")


def jsonrpc(base_url, path, params, timeout=30, opener=None):
    """POST a JSON-RPC 2.0 'call' to ``path`` and return the decoded answer."""
    body = json.dumps({"jsonrpc": "2.0", "method": "call", "params": params,
                       "id": next(_ids)}).encode()
    request = urllib.request.Request(base_url.rstrip("/") + path, data=body, method="POST")
    request.add_header("Content-Type", "application/json")
    open_ = opener.open if opener else urllib.request.urlopen
    with open_(request, timeout=timeout) as response:
        return json.loads(response.read().decode())


class SimulatorClient:
    """Calls /__simulator__/* on a running simulator."""

    def __init__(self, base_url, timeout=30):
        self.base_url = base_url.rstrip("/")
        self.timeout = timeout

    def _control(self, name, payload=None, method=None):
        return _request("%s/__simulator__/%s" % (self.base_url, name), payload,
                        method=method, timeout=self.timeout)

    def info(self):
        return self._control("info")

    def counters(self):
        return self._control("counters")

    def reset_counters(self):
        return self._control("reset_counters", {})

    def faults(self):
        return self._control("faults")

    def set_faults(self, faults=None, **kwargs):
        """Replace the whole fault set; set_faults() clears it."""
        return self._control("faults", dict(faults or {}, **kwargs))

    def clear_faults(self):
        return self.set_faults()

    def reset(self):
        return self._control("reset", {})

    def state(self, model, domain=None, fields=None, active_test=False):
        payload = {"model": model, "active_test": active_test}
        if domain is not None:
            payload["domain"] = domain
        if fields is not None:
            payload["fields"] = fields
        return self._control("state", payload)

    def set_module_disk_version(self, module, version, installable=None):
        payload = {"module": module, "version": version}
        if installable is not None:
            payload["installable"] = installable
        return self._control("set_module_disk_version", payload)

    def run_due_crons(self, now=None, ids=None):
        payload = {}
        if now is not None:
            payload["now"] = now
        if ids is not None:
            payload["ids"] = ids
        return self._control("run_due_crons", payload)

    def api_key(self, login="admin"):
        return self._control("api_key", {"login": login})["api_key"]
