"""A stand-in for odoo-bin, against the simulator: what odoo_module's ``method: cli`` runs in tests.

    odoo_bin: "python3 tests/odoo_bin_stand_in.py --simulator http://127.0.0.1:8069"

odoo_module appends ``-d <database> -i|-u <addon> --stop-after-init --no-http``; this script asks the
simulator (POST /__simulator__/odoo_bin) to do what odoo-bin does to the database, prints log lines
as odoo-bin does (on stderr) and exits 0, or prints an error and exits 1 as odoo-bin does when the
registry fails to load. ``--fail MESSAGE`` makes it fail that way on purpose. Without
``--stop-after-init`` odoo-bin would start serving and never return: the stand-in refuses.
"""

import argparse
import json
import sys
import urllib.error
import urllib.request


def parse(argv):
    parser = argparse.ArgumentParser(prog="odoo-bin (stand-in)")
    parser.add_argument("--simulator", required=True, help="the simulator's url")
    parser.add_argument("--fail", help="fail with this error, as a failed migration would")
    parser.add_argument("-c", "--config", help="ignored, accepted like odoo-bin's")
    parser.add_argument("-d", "--database", required=True)
    parser.add_argument("-i", "--init", default="")
    parser.add_argument("-u", "--update", default="")
    parser.add_argument("--stop-after-init", action="store_true")
    parser.add_argument("--no-http", action="store_true")
    return parser.parse_args(argv)


def names(text):
    return [name for name in text.split(",") if name]


def log(level, logger, message):
    sys.stderr.write("2026-01-01 00:00:00,000 4242 %s %s %s: %s\n" % (level, "odoo", logger, message))


def main(argv=None):
    options = parse(sys.argv[1:] if argv is None else argv)
    if not options.stop_after_init:
        sys.stderr.write("odoo-bin stand-in: without --stop-after-init odoo-bin would serve forever\n")
        return 2
    log("INFO", "odoo", "database: %s" % options.database)
    if options.fail:
        log("ERROR", "odoo.modules.loading", "Failed to load registry")
        sys.stderr.write("Traceback (most recent call last):\n  File \"odoo/modules/loading.py\", line 1\n")
        sys.stderr.write("Exception: %s\n" % options.fail)
        log("CRITICAL", "odoo.service.server", "Failed to initialize database `%s`." % options.database)
        return 1
    body = json.dumps({"database": options.database, "install": names(options.init),
                       "update": names(options.update)}).encode()
    request = urllib.request.Request(options.simulator.rstrip("/") + "/__simulator__/odoo_bin", body,
                                     {"Content-Type": "application/json"})
    try:
        answer = json.load(urllib.request.urlopen(request, timeout=300))
    except urllib.error.HTTPError as error:
        log("CRITICAL", "odoo.service.server", "Failed to initialize database `%s`: %s"
            % (options.database, json.load(error).get("error")))
        return 1
    for line in answer["log"]:
        sys.stderr.write(line + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
