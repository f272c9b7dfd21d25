"""`make bench`, fleet part: one play over many databases, as Ansible runs a fleet, against ansible.builtin.ping.

A measurement, not a test: it prints figures and exits non-zero only when a playbook fails or the no-op run changes
something. See docs/performance.md ("A fleet of databases").

    .venv/bin/python tests/bench/fleet.py                         # 50 databases, forks 10, Odoo 14.0 simulator
    .venv/bin/python tests/bench/fleet.py --databases 100 --forks 20 --odoo-version 18.0 --latency-ms 20

One simulator process serves every database; the inventory is the odoo_ops.odoo.odoo_databases plugin. The fleet
play (playbooks/whatsapp_sync.yml) runs once to install the addon and create the crons everywhere, then rounds of
three playbooks over the same inventory, alternated so that load from elsewhere hits them alike:
  - an empty play: ansible-playbook's start, the inventory plugin and the play, nothing per host;
  - ansible.builtin.ping on every database;
  - the WhatsApp declaration (odoo_whatsapp_sync, 3 crons) on every database, where it changes nothing.
For each: the wall time (median of the rounds), the CPU time of ansible-playbook and the module processes it ran
(the controller), the CPU time of the simulator (the server), and the requests the server received.
"""

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time

import yaml

HERE = os.path.dirname(os.path.abspath(__file__))
TESTS = os.path.dirname(HERE)
for path in (TESTS, os.path.join(TESTS, "fleet")):
    if path not in sys.path:
        sys.path.insert(0, path)

from fleet_support import ROOT, RECAP, inventory_env, write_source  # noqa: E402
from simulator.client import SimulatorClient  # noqa: E402

ANSIBLE_PLAYBOOK = os.path.join(os.path.dirname(sys.executable), "ansible-playbook")
LOGINS = ("web.session.authenticate", "common.login", "common.authenticate")
SETTINGS = {"whatsapp_sync_hourly": True, "whatsapp_sync_frequent": False, "whatsapp_sync_daily": True}

PLAY = """- name: fleet bench
  hosts: odoo_databases
  gather_facts: false
  module_defaults:
    group/odoo_ops.odoo.odoo:
      url: "{{ odoo_url }}"
      database: "{{ odoo_database }}"
      username: "{{ odoo_username }}"
      password: "{{ odoo_password }}"
  tasks:
"""
RUNS = (
    ("empty play (start + inventory)", "[]\n"),
    ("ansible.builtin.ping", """    - name: ping
      ansible.builtin.ping:
"""),
    ("odoo_whatsapp_sync, no change", """    - name: the WhatsApp declaration
      odoo_ops.odoo.odoo_whatsapp_sync:
        hourly: "{{ whatsapp_sync_hourly }}"
        frequent: "{{ whatsapp_sync_frequent }}"
        daily: "{{ whatsapp_sync_daily }}"
"""),
)


class Server:
    """The simulator in its own process (its own CPU), serving ``count`` databases."""

    def __init__(self, version, count):
        self.names = ["client_%03d" % n for n in range(count)]
        simulator = os.path.join(TESTS, "simulator")
        self.process = subprocess.Popen([sys.executable, simulator, "--odoo-version", version, "--port", "0",
                                         "--databases", ",".join(self.names)], stdout=subprocess.PIPE, text=True)
        self.url = self.process.stdout.readline().split()[-1]
        self.client = SimulatorClient(self.url)

    def cpu(self):
        with open("/proc/%d/stat" % self.process.pid) as handle:
            fields = handle.read().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")

    def stop(self):
        self.process.terminate()
        self.process.wait(timeout=10)


def children_cpu():
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def playbook(inventory, path, forks, server):
    """Run one playbook; a dict of wall s, controller CPU s, server CPU s, requests, logins, recap."""
    server.client.reset_counters()
    cpu, server_cpu, start = children_cpu(), server.cpu(), time.perf_counter()
    process = subprocess.run([ANSIBLE_PLAYBOOK, "-i", inventory, path, "--forks", str(forks)],
                             env=inventory_env(), capture_output=True, text=True, timeout=3600, check=False)
    wall = time.perf_counter() - start
    counters = server.client.counters()
    recap = RECAP.findall(process.stdout)
    if process.returncode != 0 or any(int(failed) or int(unreachable) for _h, _o, _c, unreachable, failed in recap):
        sys.stderr.write(process.stdout[-4000:] + process.stderr[-4000:])
        raise SystemExit("fleet bench: %s failed (rc=%d)" % (os.path.basename(path), process.returncode))
    return {"wall": wall, "cpu": children_cpu() - cpu, "server_cpu": server.cpu() - server_cpu,
            "requests": counters["total"], "logins": sum(counters["by_call"].get(name, 0) for name in LOGINS),
            "hosts": len(recap), "changed": sum(1 for _h, _o, changed, _u, _f in recap if int(changed))}


def inventory_dir(work, server):
    write_source(work, {"servers": [{"url": server.url, "name": "bench"}]})
    group_vars = os.path.join(work, "group_vars", "odoo_databases")
    os.makedirs(group_vars)
    with open(os.path.join(group_vars, "main.yml"), "w") as handle:
        yaml.safe_dump(dict(SETTINGS, odoo_username="admin", odoo_password="admin"), handle)
    return work


def inventory_listing(inventory, server):
    server.client.reset_counters()
    start = time.perf_counter()
    subprocess.run([os.path.join(os.path.dirname(sys.executable), "ansible-inventory"), "-i", inventory, "--list"],
                   env=inventory_env(), capture_output=True, check=True, timeout=600)
    return time.perf_counter() - start, server.client.counters()["total"]


def median_of(runs, key):
    return statistics.median(run[key] for run in runs)


def report(args, setup, listing, results):
    print("Fleet: %d databases on one Odoo %s simulator (its own process), inventory from odoo_databases, forks %d,"
          " %d rounds, latency %d ms" % (args.databases, args.odoo_version, args.forks, args.rounds, args.latency_ms))
    print("  ansible-inventory --list: %.2f s, %d requests to the server" % listing)
    print("  fleet play (playbooks/whatsapp_sync.yml) first run: %.1f s, changed on %d of %d databases, %d requests,"
          " %d logins" % (setup["wall"], setup["changed"], setup["hosts"], setup["requests"], setup["logins"]))
    print()
    columns = ("playbook (median of rounds)", "wall s", "ms / host", "ctrl CPU s", "srv CPU s", "requests", "logins",
               "changed")
    print("%-32s %8s %10s %12s %10s %9s %7s %8s" % columns)
    for label, runs in results:
        print("%-32s %8.2f %10.0f %12.2f %10.2f %9d %7d %8d" % (
            label, median_of(runs, "wall"), 1000 * median_of(runs, "wall") / args.databases, median_of(runs, "cpu"),
            median_of(runs, "server_cpu"), median_of(runs, "requests"), median_of(runs, "logins"),
            max(run["changed"] for run in runs)))
    empty, ping, whatsapp = (median_of(runs, "wall") for _label, runs in results)
    print()
    print("  odoo_whatsapp_sync / ping: %.2fx the wall time (goal <= 1.5x); over the empty play: %.2f s vs %.2f s"
          % (whatsapp / ping, whatsapp - empty, ping - empty))
    rounds = ["%s %s" % (name, " ".join("%.1f" % run["wall"] for run in runs))
              for name, (_label, runs) in zip(("empty", "ping", "whatsapp"), results)]
    print("  wall s of each round: %s" % "; ".join(rounds))


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--odoo-version", default="14.0", help="simulator profile (default 14.0)")
    parser.add_argument("--databases", type=int, default=50, help="databases on the server (default 50)")
    parser.add_argument("--forks", type=int, default=10, help="ansible-playbook --forks (default 10)")
    parser.add_argument("--rounds", type=int, default=3, help="rounds of the three playbooks (default 3)")
    parser.add_argument("--latency-ms", type=int, default=0, help="added to each request to Odoo (default 0)")
    args = parser.parse_args(argv)
    server = Server(args.odoo_version, args.databases)
    try:
        with tempfile.TemporaryDirectory() as work:
            inventory = inventory_dir(work, server)
            setup = playbook(inventory, os.path.join(ROOT, "playbooks", "whatsapp_sync.yml"), args.forks, server)
            if args.latency_ms:
                server.client.set_faults(latency_ms=args.latency_ms)
            listing = inventory_listing(inventory, server)
            paths = []
            for index, (_label, tasks) in enumerate(RUNS):
                paths.append(os.path.join(work, "play%d.yml" % index))
                with open(paths[-1], "w") as handle:
                    handle.write(PLAY + tasks if tasks != "[]\n" else PLAY.replace("  tasks:\n", "  tasks: []\n"))
            results = [(label, []) for label, _tasks in RUNS]
            for _round in range(args.rounds):
                for path, (_label, runs) in zip(paths, results):
                    runs.append(playbook(inventory, path, args.forks, server))
        if any(run["changed"] for run in results[2][1]):
            raise SystemExit("fleet bench: the WhatsApp declaration changed something on its no-op run")
        report(args, setup, listing, results)
    finally:
        server.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
