"""`make test`'s runner: every part of the suite as its own `make <part>`, several at once, each timed.

    python tests/utils/run_parts.py --jobs 2 units sanity ... floor

Parts share nothing (each starts its own simulators on free loopback ports and writes under its own build/
directory), so they run side by side; the longest start first so that the machine's cores stay busy to the
end. Each part's output goes to build/test-logs/<part>.log and is printed whole when the part ends (a part's
lines are never interleaved with another's). At the end: the wall time and the CPU time (user + system, of
the part and every process it waited for) of every part, the run's wall time and the CPU it used, and
"parts: N passed, N failed"; the exit status is 1 when a part failed. The CPU column is the budget: on a
2-core machine the run cannot take less wall time than half the CPU of all parts.
"""

import argparse
import os
import re
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
LOGS = os.path.join(ROOT, "build", "test-logs")
# Rough CPU weight of each part (seconds on an idle 2-core machine); only the order they start in depends on it.
WEIGHT = {"integration": 300, "sanity": 120, "floor": 90, "packaging": 60, "monitoring": 40, "contract": 90, "reliability": 150, "fleet": 150,
          "docs": 30, "docs-site": 15, "lint": 15, "docs-lint": 12, "units": 10}


def start(part):
    log = open(os.path.join(LOGS, part + ".log"), "w")
    process = subprocess.Popen(["make", "--no-print-directory", part], cwd=ROOT, stdout=log,
                               stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
    return process, log, time.time()


# pytest's closing line: "== 12 passed, 1 failed, 3 skipped in 4.5s ==" (or without the rulers with -q).
SUMMARY = re.compile(r"^=*\s*((?:\d+ (?:passed|failed|skipped|errors?|xfailed|xpassed|deselected|warnings?)"
                     r"(?:, )?)+) in [\d.]+s", re.M)


def test_counts(parts):
    """The tests of every part, added up from pytest's closing lines in the parts' logs."""
    totals = {}
    for part in parts:
        with open(os.path.join(LOGS, part + ".log")) as handle:
            for match in SUMMARY.finditer(handle.read()):
                for count, kind in re.findall(r"(\d+) (\w+)", match.group(1)):
                    kind = {"error": "errors", "warning": "warnings"}.get(kind, kind)
                    totals[kind] = totals.get(kind, 0) + int(count)
    # The plain closing line CI reads: "N passed, N failed, N skipped" (errors count as failed).
    return "%d passed, %d failed, %d skipped" % (totals.get("passed", 0), totals.get("failed", 0)
                                                 + totals.get("errors", 0), totals.get("skipped", 0))


def main(argv):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("parts", nargs="+")
    args = parser.parse_args(argv)
    os.makedirs(LOGS, exist_ok=True)
    waiting = sorted(args.parts, key=lambda part: -WEIGHT.get(part, 30))
    running, done, began = {}, [], time.time()
    while waiting or running:
        while waiting and len(running) < args.jobs:
            part = waiting.pop(0)
            print("===== make %s: started" % part, flush=True)
            running[part] = start(part)
        time.sleep(0.5)
        for part, (process, log, started) in list(running.items()):
            # wait4, not poll: the part's own CPU time, its descendants' included, whatever runs beside it.
            pid, wait_status, usage = os.wait4(process.pid, os.WNOHANG)
            if pid == 0:
                continue
            process.returncode = os.waitstatus_to_exitcode(wait_status)
            log.close()
            del running[part]
            took, cpu = time.time() - started, usage.ru_utime + usage.ru_stime
            status = "ok" if process.returncode == 0 else "FAILED"
            with open(log.name) as handle:
                print("===== make %s\n%s===== make %s: %s in %ds (CPU %ds)" % (
                    part, handle.read(), part, status, took, cpu), flush=True)
            done.append((part, took, cpu, status))
    print("===== make test: time per part (%d at once)        wall    CPU" % args.jobs)
    for part in args.parts:
        took, cpu, status = next(entry[1:] for entry in done if entry[0] == part)
        print("  %-12s %5ds %6ds  %s" % (part, took, cpu, status))
    print("  %-12s %5ds %6ds" % ("total", time.time() - began, sum(entry[2] for entry in done)))
    failed = [entry[0] for entry in done if entry[-1] != "ok"]
    print("parts: %d ok, %d failed" % (len(done) - len(failed), len(failed)))
    print("tests: %s" % test_counts(args.parts))
    if failed:
        print("make test FAILED: %s" % " ".join(failed))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
