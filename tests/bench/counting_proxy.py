"""A counting HTTP proxy: put it between the collection and a real Odoo, and see every request the modules make.

    python3 tests/bench/counting_proxy.py --upstream http://127.0.0.1:8019 --port 18019 --log requests.jsonl

then point the modules at http://127.0.0.1:18019. Each request becomes one JSON line in the log:
``{"n", "verb", "path", "route", "model", "method", "status", "ms"}``, where route is ``json2`` (``/json/2/<model>/
<method>``), ``jsonrpc`` (``/jsonrpc``: service, method, and the model of ``execute_kw``), ``call_kw``
(``/web/dataset/call_kw``) or the path itself (``/web/version``, ``/web/session/authenticate``). Nothing of the
body is logged but those names: neither passwords nor API keys reach the log.

The simulator counts its own requests (tests/simulator); this proxy is for real servers, whose log does not show
JSON-2 calls per model and method. Standard library only; one thread per connection.
"""

import argparse
import http.client
import json
import sys
import threading
import time
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

# Hop-by-hop headers (RFC 9110 7.6.1) are not forwarded.
HOP_BY_HOP = {"connection", "keep-alive", "proxy-authenticate", "proxy-authorization", "te", "trailer",
              "transfer-encoding", "upgrade"}


def describe(path, body):
    """(route, model, method) of one Odoo request, read from its path and JSON body; secrets are never kept."""
    path = urllib.parse.urlsplit(path).path
    parts = path.strip("/").split("/")
    if len(parts) == 4 and parts[:2] == ["json", "2"]:
        return "json2", parts[2], parts[3]
    try:
        params = (json.loads(body.decode("utf-8") or "{}") or {}).get("params") or {}
    except (ValueError, AttributeError):
        params = {}
    if path == "/jsonrpc":
        args = params.get("args") or []
        # object.execute_kw(db, uid, password, model, method, ...): the model and method are args 3 and 4
        if params.get("service") == "object" and len(args) >= 5:
            return "jsonrpc", args[3], "%s.%s" % (params.get("method"), args[4])
        return "jsonrpc", None, "%s.%s" % (params.get("service"), params.get("method"))
    if path.startswith("/web/dataset/call_kw"):
        return "call_kw", params.get("model"), params.get("method")
    return path, None, None


class Proxy(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    upstream = None
    log_file = None
    lock = threading.Lock()
    count = [0]

    def log_message(self, *_args):  # quiet: the JSON log is the output
        pass

    def _forward(self):
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        start = time.perf_counter()
        parsed = urllib.parse.urlsplit(self.upstream)
        connection = http.client.HTTPConnection(parsed.hostname, parsed.port or 80, timeout=3600)
        headers = dict((k, v) for k, v in self.headers.items() if k.lower() not in HOP_BY_HOP and k.lower() != "host")
        headers["Host"] = parsed.netloc
        connection.request(self.command, self.path, body=body or None, headers=headers)
        answer = connection.getresponse()
        data = answer.read()
        connection.close()
        self.send_response_only(answer.status, answer.reason)
        for key, value in answer.getheaders():
            if key.lower() not in HOP_BY_HOP and key.lower() != "content-length":
                self.send_header(key, value)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)
        route, model, method = describe(self.path, body)
        with self.lock:
            self.count[0] += 1
            record = {"n": self.count[0], "verb": self.command, "path": urllib.parse.urlsplit(self.path).path,
                      "route": route, "model": model, "method": method, "status": answer.status,
                      "ms": round((time.perf_counter() - start) * 1000, 1)}
            with open(self.log_file, "a") as handle:
                handle.write(json.dumps(record) + "\n")

    do_GET = do_POST = do_PUT = do_DELETE = do_PATCH = _forward


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--upstream", required=True, help="the Odoo server, e.g. http://127.0.0.1:8019")
    parser.add_argument("--port", type=int, required=True, help="the port to listen on (127.0.0.1)")
    parser.add_argument("--log", required=True, help="the JSON lines file each request is appended to")
    args = parser.parse_args(argv)
    Proxy.upstream = args.upstream.rstrip("/")
    Proxy.log_file = args.log
    server = ThreadingHTTPServer(("127.0.0.1", args.port), Proxy)
    sys.stdout.write("counting proxy on http://127.0.0.1:%d -> %s, log %s\n" % (args.port, Proxy.upstream, args.log))
    sys.stdout.flush()
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass


if __name__ == "__main__":
    main()
