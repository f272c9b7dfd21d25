"""`make bench`: HTTP requests and wall time of the collection's modules, against the simulator or a real Odoo.

A measurement, not a test: it prints figures and never fails because something is slow (it exits
non-zero only when a playbook itself fails). See docs/performance.md for what the figures mean.

    .venv/bin/python tests/bench/bench.py                      # Odoo 14.0 simulator, plus the 50 ms comparison
    .venv/bin/python tests/bench/bench.py --odoo-version 18.0 --latency-ms 0
    .venv/bin/python tests/bench/bench.py --real http://127.0.0.1:8069 --database odoo \\
        --username admin --password admin                       # counts come from the modules' odoo_requests

Scenarios, each run twice (a first run that creates, then a run that changes nothing):
  (a) odoo_whatsapp_sync (3 crons; the addon is installed first)
  (b) odoo_cron with 10, 100 and 1,000 crons declared in one task
  (c) the same 100 crons as 100 looped tasks (loop:)
  (d) a hand-written odoorpc script (naive_odoorpc.py): ODOO + login + search/read/write-or-create per cron
  (e) ansible.builtin.ping in the same playbook shape: what Ansible itself costs
plus one play of 10 odoo_cron tasks (logins counted), the module's own time over ping, the requests
of the health of 10 and 1,000 crons (odoo_cron_info, health: true), and the request floor of Odoo 19's
JSON-2 API with an API key (19.0 and 20.0 simulators), cold and warm.

    .venv/bin/python tests/bench/bench.py --real URL --password SECRET --noop-only   # docs/performance.md
"""

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
import uuid

HERE = os.path.dirname(os.path.abspath(__file__))
TESTS = os.path.dirname(HERE)
ROOT = os.path.dirname(TESTS)
COLLECTIONS = os.path.join(ROOT, "build", "collections")
LINK = os.path.join(COLLECTIONS, "ansible_collections", "odoo_ops", "odoo")
if not os.path.exists(LINK):
    os.makedirs(os.path.dirname(LINK), exist_ok=True)
    os.symlink(os.path.join("..", "..", "..", ".."), LINK)
for path in (COLLECTIONS, TESTS, os.path.join(TESTS, "reliability")):
    if path not in sys.path:
        sys.path.insert(0, path)

from playbooks import ANSIBLE_PLAYBOOK, ansible_env  # noqa: E402  (tests/reliability/playbooks.py)

LOGIN_CALLS = ("web.session.authenticate", "common.login", "common.authenticate")

PLAY = """- hosts: localhost
  connection: local
  gather_facts: false
  module_defaults:
    group/odoo_ops.odoo.odoo:
      url: "{{ bench_url }}"
      database: "{{ bench_database }}"
      username: "{{ bench_username }}"
      password: "{{ bench_password }}"
  tasks:
"""

ONE_TASK = """    - name: bench crons
      odoo_ops.odoo.odoo_cron:
        crons: "{{ bench_crons }}"
"""

LOOPED = """    - name: bench crons
      odoo_ops.odoo.odoo_cron:
        name: "{{ item.name }}"
        model: "{{ item.model }}"
        code: "{{ item.code }}"
        interval: "{{ item.interval }}"
        active: "{{ item.active }}"
      loop: "{{ bench_crons }}"
"""

WHATSAPP = """    - name: bench crons
      odoo_ops.odoo.odoo_whatsapp_sync:
        hourly: true
        frequent: true
        daily: true
"""

PING = """    - name: bench crons
      ansible.builtin.ping:
"""

PING_LOOPED = """    - name: bench crons
      ansible.builtin.ping:
      loop: "{{ bench_crons }}"
"""

TEN_TASKS = "".join("""    - name: bench task %d
      odoo_ops.odoo.odoo_cron:
        name: "{{ bench_crons[%d].name }}"
        model: res.partner
        code: "{{ bench_crons[%d].code }}"
        interval: 1 day
        active: false
""" % (n, n, n) for n in range(10))


def declared_crons(prefix, count):
    return [{"name": "%s %04d" % (prefix, n), "model": "res.partner", "code": "model.search_count([])",
             "interval": "1 day", "active": False}
            for n in range(count)]


class Target:
    """Where the modules go: the simulator (counts from its counters) or a real Odoo (from odoo_requests)."""

    def __init__(self, url, database, username, password, sim=None):
        self.conn = {"url": url, "database": database, "username": username, "password": password}
        self.sim = sim
        self.prefix = "odoo_ops bench %s" % uuid.uuid4().hex[:8]

    # -- simulator counters -------------------------------------------------------------------
    def reset_counters(self):
        if self.sim:
            self.sim.reset_counters()

    def server_counts(self):
        """(requests, logins) from the simulator, or (None, None) for a real server."""
        if not self.sim:
            return None, None
        counters = self.sim.counters()
        return counters["total"], sum(counters["by_call"].get(name, 0) for name in LOGIN_CALLS)

    # -- ansible-playbook ---------------------------------------------------------------------
    def playbook(self, tasks, crons=()):
        """Run a one-play playbook; returns (wall seconds, [task records from the bench_timer callback])."""
        with tempfile.TemporaryDirectory() as tmp:
            play, extra, timings = (os.path.join(tmp, name) for name in ("play.yml", "vars.json", "timings"))
            with open(play, "w") as handle:
                handle.write(PLAY + tasks)
            with open(extra, "w") as handle:
                json.dump(dict(("bench_%s" % key, value) for key, value in self.conn.items()),
                          handle)
            with open(extra + ".crons", "w") as handle:
                json.dump({"bench_crons": list(crons)}, handle)
            env = ansible_env(ANSIBLE_CALLBACK_PLUGINS=os.path.join(HERE, "callback_plugins"),
                              ANSIBLE_CALLBACKS_ENABLED="bench_timer", BENCH_TIMINGS=timings)
            command = [ANSIBLE_PLAYBOOK, "-i", "localhost,", play, "-e", "@" + extra, "-e", "@" + extra + ".crons"]
            start = time.perf_counter()
            process = subprocess.run(command, env=env, capture_output=True, text=True, timeout=3600, check=False)
            wall = time.perf_counter() - start
            records = []
            if os.path.exists(timings):
                with open(timings) as handle:
                    records = [json.loads(line) for line in handle]
        failed = [r for r in records if r["status"] == "failed"]
        if process.returncode != 0 or failed:
            sys.stderr.write(process.stdout[-4000:] + process.stderr[-4000:])
            raise SystemExit("bench: a playbook failed (rc=%d): %s" % (
                process.returncode, failed[0]["msg"] if failed else "see above"))
        return wall, records

    def measure_play(self, tasks, crons=()):
        """One playbook run: requests, logins, task seconds, play seconds, changed."""
        self.reset_counters()
        wall, records = self.playbook(tasks, crons)
        requests, logins = self.server_counts()
        if requests is None:  # a real server: what the modules themselves counted
            requests = sum(sum(r["odoo_requests"]) for r in records) if any(
                r["odoo_requests"] for r in records) else 0
        return {"requests": requests, "logins": logins, "task": sum(r["seconds"] for r in records),
                "play": wall, "changed": any(r.get("changed") for r in records), "records": records}

    def measure_naive(self, crons):
        with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as handle:
            # The script takes Odoo's fields: every bench cron runs once a day.
            json.dump([dict(dict((k, v) for k, v in cron.items() if k != "interval"), interval_number=1,
                            interval_type="days") for cron in crons], handle)
        try:
            self.reset_counters()
            start = time.perf_counter()
            process = subprocess.run(
                [sys.executable, os.path.join(HERE, "naive_odoorpc.py"), self.conn["url"], self.conn["database"],
                 self.conn["username"], self.conn["password"], handle.name],
                capture_output=True, text=True, timeout=3600, check=False)
            wall = time.perf_counter() - start
        finally:
            os.unlink(handle.name)
        if process.returncode != 0:
            sys.stderr.write(process.stdout[-3000:] + process.stderr[-3000:])
            raise SystemExit("bench: the odoorpc script failed")
        figures = json.loads(process.stdout.strip().splitlines()[-1])
        requests, logins = self.server_counts()
        return {"requests": requests if requests is not None else figures["requests"], "logins": logins,
                "task": figures["seconds"], "play": wall, "changed": bool(figures["created"] or figures["written"])}

    # -- state between scenarios --------------------------------------------------------------
    def fresh(self):
        """A database without the bench's crons (the simulator is reset; a real server is cleaned)."""
        if self.sim:
            self.sim.reset()
        else:
            self.cleanup()

    def cleanup(self):
        if self.sim:
            return
        from ansible_collections.odoo_ops.odoo.plugins.module_utils.client import OdooClient
        from ansible_collections.odoo_ops.odoo.plugins.module_utils.cron_store import CronStore
        from ansible_collections.odoo_ops.odoo.plugins.module_utils.errors import OdooServerError
        client = OdooClient(timeout=600, **self.conn).authenticate()
        for attempt in range(10):
            rows = client.search_read("ir.cron", [("cron_name", "=like", self.prefix + "%")],
                                      ["ir_actions_server_id"], archived=True)
            try:
                return CronStore(client).delete_crons(rows)
            except OdooServerError as error:
                # Odoo's cron worker briefly locks crons (18.0: "Record cannot be modified right now").
                if "right now" not in error.message or attempt == 9:
                    raise
                time.sleep(3)

    def set_latency(self, milliseconds):
        if self.sim:
            if milliseconds:
                self.sim.set_faults({"latency_ms": milliseconds})
            else:
                self.sim.clear_faults()

    def module(self, module_name, **args):
        """Run a module in this process (setup steps, not measured)."""
        from module_runner import run_module
        result = run_module(module_name, dict(self.conn, timeout=900, **args))
        if result.get("failed"):
            raise SystemExit("bench: %s %s failed: %s" % (module_name, args, result.get("msg")))
        return result


# -- scenarios ------------------------------------------------------------------------------------
def twice(target, run, setup=None):
    """A first run on a fresh database, then the same run again (which must change nothing)."""
    target.fresh()
    if setup:
        setup()
    first = run()
    again = run()
    if again["changed"]:
        print("  warning: the second run reported changed", flush=True)
    return first, again


def scenario_rows(target, sizes, looped_size, skip_whatsapp=False):
    rows = []

    def add(label, count, runs):
        rows.append((label, count) + runs)
        print_row(rows[-1])

    print_header()

    def ping():
        return target.measure_play(PING)

    add("(e) ansible.builtin.ping, one task", 1, (ping(), ping()))
    crons = declared_crons(target.prefix, looped_size)

    def looped_ping():
        return target.measure_play(PING_LOOPED, crons)

    add("(e) ansible.builtin.ping, looped", looped_size, (looped_ping(), looped_ping()))

    if not skip_whatsapp:
        add("(a) odoo_whatsapp_sync", 3, whatsapp_runs(target))
    for size in sizes:
        crons = declared_crons(target.prefix, size)
        add("(b) odoo_cron, one task", size, twice(target, lambda: target.measure_play(ONE_TASK, crons)))
    crons = declared_crons(target.prefix, looped_size)
    add("(c) odoo_cron, looped tasks", looped_size, twice(target, lambda: target.measure_play(LOOPED, crons)))
    for size in sorted(set([10, looped_size])):
        crons = declared_crons(target.prefix, size)
        add("(d) odoorpc script", size, twice(target, lambda: target.measure_naive(crons)))
    target.cleanup()
    return rows


def whatsapp_runs(target):
    installed_by_bench = []

    def install():
        result = target.module("odoo_module", name="whatsapp_integration", state="present")
        if result.get("changed"):
            installed_by_bench.append(True)

    def run():
        return target.measure_play(WHATSAPP)

    try:
        return twice(target, run, setup=install)
    finally:
        if not target.sim:  # put a real database back as it was
            target.module("odoo_whatsapp_sync", state="absent")
            if installed_by_bench:
                target.module("odoo_module", name="whatsapp_integration", state="absent")


def print_header():
    print("%-36s %6s | %-31s | %-31s" % ("", "", "first run", "no-change run"))
    print("%-36s %6s | %6s %5s %8s %8s | %6s %5s %8s %8s" % (
        "scenario", "crons", "req", "login", "task s", "play s", "req", "login", "task s", "play s"))
    print("-" * 117, flush=True)


def print_row(row):
    label, count, first, again = row

    def cells(run):
        logins = "-" if run["logins"] is None else run["logins"]
        return "%6s %5s %8.2f %8.2f" % (run["requests"], logins, run["task"], run["play"])

    print("%-36s %6d | %s | %s" % (label, count, cells(first), cells(again)), flush=True)


def ten_task_play(target):
    crons = declared_crons(target.prefix, 10)
    first, again = twice(target, lambda: target.measure_play(TEN_TASKS, crons))
    print("\nA play of 10 odoo_cron tasks (one cron each) against one database:")
    for name, run in (("first run", first), ("no-change run", again)):
        per_task = [sum(r["odoo_requests"]) for r in run["records"]]
        logins = run["logins"]
        if logins is None:  # a real server: a no-change task is one search_read, plus its login if any
            logins = "%d (inferred)" % (run["requests"] - len(per_task)) if run is again else "-"
        print("  %-14s logins %s, requests %s (per task %s), tasks %.2f s, play %.2f s" % (
            name, logins, run["requests"], per_task, run["task"], run["play"]))
    target.cleanup()


def module_overhead(target, repeat):
    """The module's own time on top of ping: a no-op odoo_cron task with 3 crons vs a ping task."""
    crons = declared_crons(target.prefix, 3)
    target.fresh()
    target.measure_play(ONE_TASK, crons)  # create them
    cron_times, ping_times = [], []
    for _run in range(repeat):
        cron_times.append(target.measure_play(ONE_TASK, crons)["task"])
        ping_times.append(target.measure_play(PING)["task"])
    target.cleanup()
    cron, ping = statistics.median(cron_times), statistics.median(ping_times)
    print("\nThe module's own time (median of %d): no-op odoo_cron task with 3 crons %.3f s, ping task %.3f s:"
          " %+.0f ms over ping (target < 100 ms against the simulator)" % (repeat, cron, ping, (cron - ping) * 1000))


def latency_comparison(target, latency_ms, size):
    crons = declared_crons(target.prefix, size)
    print("\nWith %d ms per request (a remote Odoo), %d crons:" % (latency_ms, size))
    results = {}
    for label, run in (("one task", lambda: target.measure_play(ONE_TASK, crons)),
                       ("%d looped tasks" % size, lambda: target.measure_play(LOOPED, crons)),
                       ("odoorpc script", lambda: target.measure_naive(crons))):
        target.fresh()
        target.set_latency(latency_ms)
        try:
            first, again = run(), run()
        finally:
            target.set_latency(0)
        results[label] = (first, again)
        print("  %-16s first run %5d requests %7.2f s (play %6.2f s) | no-change %5d requests %7.2f s (play %6.2f s)"
              % (label, first["requests"], first["task"], first["play"], again["requests"], again["task"],
                 again["play"]), flush=True)
    one, looped = results["one task"], results["%d looped tasks" % size]
    print("  one task vs looped: %.0fx faster on the first run, %.0fx on the no-change run (target >= 20x)" % (
        looped[0]["task"] / one[0]["task"], looped[1]["task"] / one[1]["task"]))
    target.cleanup()


def timed_ms(action, repeat):
    """Median wall time of ``action()`` in milliseconds."""
    times = []
    for _run in range(repeat):
        start = time.perf_counter()
        action()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def login_costs(target, repeat=5):
    """Real server: what connecting costs compared with a call on an open connection."""
    from ansible_collections.odoo_ops.odoo.plugins.module_utils.client import OdooClient

    def new():
        return OdooClient(**target.conn)

    client = new().authenticate()
    connect = timed_ms(lambda: new().authenticate(), repeat)
    call = timed_ms(lambda: client.call("ir.cron", "search_read", [("id", "=", 1)], fields=["cron_name"]), repeat)
    how = "the version probe, no login" if client.protocol == "json2" else "a login, which hashes the password"
    print("\nConnection cost on Odoo %s over %s (median of %d): connecting %.0f ms (%s), a search_read on the "
          "open connection %.0f ms" % (client.version, client.protocol, repeat, connect, how, call))


JSON2_FLOOR_CRONS = 1000
NOOP = ONE_TASK.replace("bench crons", "no-op")
WHATSAPP_NOOP = WHATSAPP.replace("bench crons", "whatsapp no-op")


def json2_floor(version):
    """The request floor of JSON-2 (API key) on the ``version`` simulator (19.0 on), per task, cold and warm.

    Cold: the play's first task against the server (it probes GET /web/version); warm: a later task of
    the same play (the action plugins hand it the version the play already knows).
    """
    from simulator import Simulator
    with Simulator(version=version) as sim:
        target = Target(sim.url, "odoo", "admin", sim.api_key("admin"), sim=sim)
        crons = declared_crons(target.prefix, JSON2_FLOOR_CRONS)
        print("\nJSON-2 request floor (%s simulator, API key, %d crons declared in one task):"
              % (version, JSON2_FLOOR_CRONS))

        def tasks_of(play, labels):
            sim.reset()
            target.module("odoo_module", name="whatsapp_integration", state="present")
            sim.reset_counters()
            _wall, records = target.playbook(play, crons)
            for label, record in zip(labels, records):
                print("  %-50s %4d requests %7.2f s" % (label, sum(record["odoo_requests"]), record["seconds"]))
            counters = sim.counters()
            return sum(counters["by_call"].get(name, 0) for name in LOGIN_CALLS), counters["deprecated"]

        plays = [
            (ONE_TASK + NOOP + NOOP, ["odoo_cron creates them, cold", "odoo_cron no-op, warm", "odoo_cron no-op, warm"]),
            (WHATSAPP + WHATSAPP_NOOP + ONE_TASK, ["odoo_whatsapp_sync creates its 3 crons, cold",
                                                   "odoo_whatsapp_sync no-op, warm", "odoo_cron creates them, warm"]),
        ]
        logins = deprecated = 0
        for play, labels in plays:
            found = tasks_of(play, labels)
            logins, deprecated = logins + found[0], deprecated + found[1]
        sim.reset()
        target.measure_play(ONE_TASK, crons)
        cold = target.measure_play(NOOP, crons)
        print("  %-50s %4d requests %7.2f s" % (
            "odoo_cron no-op, cold (a play of its own)", cold["requests"], cold["task"]))
        target.module("odoo_module", name="whatsapp_integration", state="present")
        target.measure_play(WHATSAPP)
        cold = target.measure_play(WHATSAPP_NOOP)
        print("  %-50s %4d requests %7.2f s" % (
            "odoo_whatsapp_sync no-op, cold (a play of its own)", cold["requests"], cold["task"]))
        print("  logins: %d, calls to deprecated endpoints: %d" % (logins, deprecated))


def noop_wall_time(url, database, username, secret, repeat=5):
    """Real server: the wall time of one no-op odoo_cron task (3 crons) in a play of its own, medians.

    Also a ping task in the same play shape (what Ansible itself costs on this machine right now), and
    the client alone without Ansible: connect, then the no-op's search_read.
    """
    from ansible_collections.odoo_ops.odoo.plugins.module_utils.client import OdooClient
    target = Target(url, database, username, secret)
    crons = declared_crons(target.prefix, 3)
    names = [cron["name"] for cron in crons]
    runs, pings = [], []
    try:
        target.measure_play(ONE_TASK, crons)
        for _run in range(repeat):
            runs.append(target.measure_play(ONE_TASK, crons))
            pings.append(target.measure_play(PING))

        def client_alone():
            client = OdooClient(**target.conn).authenticate()
            client.search_read("ir.cron", [("cron_name", "in", names)], ["cron_name", "active"], archived=True)
            return client
        client = client_alone()
        alone = timed_ms(client_alone, repeat)
    finally:
        target.cleanup()
    task = statistics.median(run["task"] for run in runs)
    ping = statistics.median(run["task"] for run in pings)
    print("No-op odoo_cron (3 crons, a play of its own) on Odoo %s at %s over %s: %d requests; task %.3f s, "
          "ping task %.3f s, %+.0f ms over ping; the client alone (connect + search_read) %.0f ms (medians of %d)"
          % (client.version, url, client.protocol, runs[-1]["requests"], task, ping, (task - ping) * 1000, alone,
             repeat))


HEALTH = """    - name: bench health
      odoo_ops.odoo.odoo_cron_info:
        name_pattern: "%s"
        health: true
      register: bench_health
"""


def health_requests(target, sizes=(10, 1000)):
    """Requests of odoo_cron_info with health for 10 and 1,000 crons: the same small number."""
    print("\nHealth (odoo_cron_info, health: true) of the bench's crons:")
    for count in sizes:
        target.fresh()
        target.module("odoo_cron", crons=declared_crons(target.prefix, count))
        run = target.measure_play(HEALTH % target.prefix)
        reported = sum(sum(r["odoo_requests"]) for r in run["records"])
        print("  %5d crons: %s requests (module's own count %s, login included), task %.2f s"
              % (count, run["requests"], reported, run["task"]), flush=True)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--odoo-version", default="14.0", help="simulator profile (default 14.0)")
    parser.add_argument("--latency-ms", type=int, default=50,
                        help="per-request latency of the one-task vs looped comparison (0 skips it; default 50)")
    parser.add_argument("--sizes", default="10,100,1000", help="crons declared in one task (default 10,100,1000)")
    parser.add_argument("--looped", type=int, default=100, help="crons declared as looped tasks (default 100)")
    parser.add_argument("--repeat", type=int, default=5, help="runs of the module-overhead measurement")
    parser.add_argument("--real", metavar="URL", help="measure against this real Odoo instead of the simulator")
    parser.add_argument("--database", default="odoo")
    parser.add_argument("--username", default="admin")
    parser.add_argument("--password", default=os.environ.get("ODOO_PASSWORD", "admin"))
    parser.add_argument("--skip-whatsapp", action="store_true",
                        help="skip (a): it installs and uninstalls the whatsapp_integration addon on a real server")
    parser.add_argument("--noop-only", action="store_true",
                        help="with --real: only the wall time of a no-op odoo_cron task (docs/performance.md)")
    args = parser.parse_args(argv)
    if args.real and args.noop_only:
        return noop_wall_time(args.real, args.database, args.username, args.password, args.repeat)
    sizes = [int(size) for size in args.sizes.split(",") if size]

    sim = None
    if args.real:
        target = Target(args.real, args.database, args.username, args.password)
        print("Real Odoo at %s, database %s: requests are what the modules report (odoo_requests)"
              % (args.real, args.database))
    else:
        from simulator import Simulator
        sim = Simulator(version=args.odoo_version).start()
        target = Target(sim.url, "odoo", "admin", "admin", sim=sim)
        print("Odoo %s simulator (no latency unless said): requests are the simulator's HTTP counters"
              % args.odoo_version)
    print("task s = the task's time in ansible-playbook (bench_timer callback); play s = the whole "
          "ansible-playbook process; for (d), the script's own time and its process\n", flush=True)
    try:
        if args.real:
            login_costs(target)
            print()
        scenario_rows(target, sizes, args.looped, skip_whatsapp=args.skip_whatsapp)
        ten_task_play(target)
        module_overhead(target, args.repeat)
        health_requests(target)
        if args.latency_ms and sim:
            latency_comparison(target, args.latency_ms, args.looped)
        if sim:
            for version in ("19.0", "20.0"):
                json2_floor(version)
    finally:
        target.cleanup()
        if sim:
            sim.stop()


if __name__ == "__main__":
    main()
