"""`make demo`: the simulator on 127.0.0.1; the two users of playbooks/automation_users.yml, made once by the
simulator's administrator (the bootstrap; run twice, the second run changes nothing); the real WhatsApp playbook
twice as the apply user (the first run changes, the second changes nothing); then the cron status as the read-only
user. Exits non-zero if any of that is not so."""

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
    shown = " ".join("odoo_bootstrap_password=..." if word.startswith("odoo_bootstrap_password=") else word for word in extra)
    print("\n$ ansible-playbook playbooks/%s %s" % (name, shown), flush=True)
    process = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
    print(process.stdout, process.stderr, sep="", flush=True)
    recap = RECAP.search(process.stdout)
    if process.returncode != 0 or not recap:
        sys.exit("playbook %s failed (rc=%d)" % (name, process.returncode))
    return int(recap.group(2))


def main():
    simulator, url = start_simulator()
    print("Odoo 14.0 simulator listening on %s (database odoo, admin/admin)" % url, flush=True)
    # The only administrator's login of the demo: the bootstrap (demo_inventory.yml holds the users' passwords).
    admin = ("-e", "odoo_bootstrap_username=admin", "-e", "odoo_bootstrap_password=admin")
    monitor = ("-e", "odoo_username=ansible_monitor", "-e", "odoo_password=demo-monitor-Secret")
    try:
        users = [playbook("automation_users.yml", url, *admin) for _run in range(2)]
        first = playbook("whatsapp_sync.yml", url)
        second = playbook("whatsapp_sync.yml", url)
        playbook("cron_status.yml", url, "--check", *monitor)
    finally:
        simulator.terminate()
        simulator.wait(timeout=10)
    print("users: changed=%d, then changed=%d; first run: changed=%d, second run: changed=%d" % (
        users[0], users[1], first, second))
    if users[0] == 0 or users[1] != 0:
        sys.exit("expected the bootstrap to make the users and its second run to change nothing")
    if first == 0 or second != 0:
        sys.exit("expected the first run to change and the second to change nothing")
    print("demo OK: the users and the declared crons are in place, re-runs change nothing, the status read-only")


if __name__ == "__main__":
    main()
