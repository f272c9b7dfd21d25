"""`make demo`: the simulator on 127.0.0.1, the real WhatsApp playbook twice (the first run changes,
the second changes nothing), then the cron status. Exits non-zero if any of that is not so."""

import os
import re
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
BIN = os.path.dirname(sys.executable)
RECAP = re.compile(r"^demo\s+:\s+ok=(\d+)\s+changed=(\d+)\s+unreachable=(\d+)\s+failed=(\d+)", re.M)


def start_simulator(version="14.0"):
    process = subprocess.Popen([sys.executable, os.path.join(HERE, "simulator"), "--odoo-version", version,
                                "--port", "0"], stdout=subprocess.PIPE, text=True)
    line = process.stdout.readline()
    match = re.search(r"listening on (http://\S+)", line)
    if not match:
        process.kill()
        sys.exit("the simulator did not start: %r" % line)
    return process, match.group(1)


def playbook(name, url, *extra):
    env = dict(os.environ, ANSIBLE_COLLECTIONS_PATH=os.path.join(ROOT, "build", "collections"),
               ANSIBLE_COLLECTIONS_SCAN_SYS_PATH="false", ANSIBLE_PYTHON_INTERPRETER=sys.executable,
               ANSIBLE_LOCALHOST_WARNING="0", ANSIBLE_RETRY_FILES_ENABLED="0")
    command = [os.path.join(BIN, "ansible-playbook"), "-i", os.path.join(HERE, "demo_inventory.yml"),
               os.path.join(ROOT, "playbooks", name), "-e", "odoo_url=%s" % url] + list(extra)
    print("\n$ ansible-playbook playbooks/%s %s" % (name, " ".join(extra)), flush=True)
    process = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
    print(process.stdout, process.stderr, sep="", flush=True)
    recap = RECAP.search(process.stdout)
    if process.returncode != 0 or not recap:
        sys.exit("playbook %s failed (rc=%d)" % (name, process.returncode))
    return int(recap.group(2))


def main():
    simulator, url = start_simulator()
    print("Odoo 14.0 simulator listening on %s (database odoo, admin/admin)" % url, flush=True)
    try:
        first = playbook("whatsapp_sync.yml", url)
        second = playbook("whatsapp_sync.yml", url)
        playbook("cron_status.yml", url, "--check")
    finally:
        simulator.terminate()
        simulator.wait(timeout=10)
    print("first run: changed=%d, second run: changed=%d" % (first, second))
    if first == 0 or second != 0:
        sys.exit("expected the first run to change and the second to change nothing")
    print("demo OK: the declared crons are in place and a re-run changes nothing")


if __name__ == "__main__":
    main()
