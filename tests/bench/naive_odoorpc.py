"""What a typical hand-written script does (bench baseline, not part of the collection).

odoorpc.ODOO + login, then for each cron: search by name, read it, and write what differs or create it.
Prints one JSON line: {"requests": N, "seconds": S, "created": C, "written": W}; "seconds" runs from
ODOO() to the last answer (Python's start-up and imports excluded).

    python tests/bench/naive_odoorpc.py URL DATABASE USERNAME PASSWORD CRONS.json
"""

import json
import sys
import time
from urllib.parse import urlsplit
from urllib.request import HTTPCookieProcessor, build_opener

import odoorpc

FIELDS = ["name", "active", "interval_number", "interval_type", "code"]


def counting_opener():
    """A urllib opener that counts the HTTP requests odoorpc sends."""
    opener = build_opener(HTTPCookieProcessor())
    opener.requests = 0
    original = opener.open

    def open_and_count(*args, **kwargs):
        opener.requests += 1
        return original(*args, **kwargs)

    opener.open = open_and_count
    return opener


def main(url, database, username, password, crons_file):
    with open(crons_file) as handle:
        crons = json.load(handle)
    parts = urlsplit(url)
    secure = parts.scheme == "https"
    opener = counting_opener()
    start = time.perf_counter()
    odoo = odoorpc.ODOO(parts.hostname, protocol="jsonrpc+ssl" if secure else "jsonrpc",
                        port=parts.port or (443 if secure else 80), timeout=600, opener=opener)
    odoo.login(database, username, password)
    major = int(odoo.version.split(".")[0].split("~")[-1])
    Cron = odoo.env["ir.cron"]
    model_ids = {}
    created = written = 0
    for cron in crons:
        wanted = {"name": cron["name"], "active": cron["active"], "interval_number": cron["interval_number"],
                  "interval_type": cron["interval_type"], "code": cron["code"]}
        # ('active', 'in', [True, False]) so that archived crons are found too.
        ids = Cron.search([("name", "=", cron["name"]), ("active", "in", [True, False])])
        if ids:
            current = Cron.read(ids[:1], FIELDS)[0]
            values = dict((key, value) for key, value in wanted.items() if current.get(key) != value)
            if values:
                Cron.write(ids[:1], values)
                written += 1
        else:
            if cron["model"] not in model_ids:
                model_ids[cron["model"]] = odoo.env["ir.model"].search([("model", "=", cron["model"])])[0]
            values = dict(wanted, model_id=model_ids[cron["model"]], state="code", user_id=1)
            if major < 18:
                values["numbercall"] = -1
            Cron.create(values)
            created += 1
    seconds = time.perf_counter() - start
    print(json.dumps({"requests": opener.requests, "seconds": seconds, "created": created, "written": written}))


if __name__ == "__main__":
    main(*sys.argv[1:6])
