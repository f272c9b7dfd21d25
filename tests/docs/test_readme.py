"""Every YAML block of README.md runs as written against the simulator (issue 19: "every example must run").

Only the connection changes, as in test_examples.py: a play's module_defaults point the action group at the
simulator; a block of tasks runs in a play that has them. The WhatsApp Integration addon is installed first,
and ``odoo_crons`` (the committed file the exclusive example loads) is given. Then every cron the blocks
created runs once through the simulator's scheduler, without an error. A block that is not a playbook
(the requirements.yml) is checked for what it is.
"""

import os
import re
import subprocess
import sys

import yaml

from simulator import Simulator

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
BLOCK = re.compile(r"^```yaml\n(.*?)^```", re.M | re.S)
RECAP = re.compile(r"^localhost\s+:\s+ok=\d+\s+changed=\d+\s+unreachable=(\d+)\s+failed=(\d+)\s+skipped=\d+\s+"
                   r"rescued=(\d+)\s+ignored=(\d+)", re.M)
GROUP = "group/odoo_ops.odoo.odoo"
INSTALL_ADDON = {"name": "Setup: install the WhatsApp Integration addon",
                 "odoo_ops.odoo.odoo_module": {"name": "whatsapp_integration", "state": "present"}}
ODOO_CRONS = [{"name": "Ops: partner count", "xml_id": "my_ops.ops_partner_count", "model": "res.partner",
               "method": "search_count", "args": [[]], "interval": "1 day"}]


def readme_blocks():
    with open(os.path.join(ROOT, "README.md")) as handle:
        return [yaml.safe_load(text) for text in BLOCK.findall(handle.read())]


def as_plays(block, url):
    connection = {"url": url, "database": "odoo", "username": "admin", "password": "admin"}
    if all("hosts" in item for item in block):
        plays = [dict(item, module_defaults=dict(item.get("module_defaults") or {}, **{GROUP: connection}))
                 for item in block]
    else:
        plays = [{"name": "README tasks", "hosts": "localhost", "gather_facts": False, "tasks": block,
                  "module_defaults": {GROUP: connection}}]
    for play in plays:
        play["connection"] = "local"
        # the bootstrap block's vault variables (the connection itself is the simulator's admin, as above)
        play["vars"] = dict(play.get("vars") or {}, odoo_crons=ODOO_CRONS, bootstrap_admin_login="admin",
                            vault_bootstrap_admin_password="admin", vault_ansible_monitor_password="monitor-Secret-1",
                            vault_ansible_apply_password="apply-Secret-1")
        play["tasks"] = [INSTALL_ADDON] + play["tasks"]
    return plays


def test_every_yaml_block_of_the_readme_runs_as_written(tmp_path):
    blocks = readme_blocks()
    assert len(blocks) >= 3
    runnable = [block for block in blocks if isinstance(block, list)]
    for block in blocks:
        if not isinstance(block, list):  # requirements.yml
            assert block == {"collections": [{"name": "odoo_ops.odoo", "version": ">=1.0.0,<2.0.0"}]}, block
    env = dict(os.environ, ANSIBLE_COLLECTIONS_PATH=os.path.join(ROOT, "build", "collections"),
               ANSIBLE_COLLECTIONS_SCAN_SYS_PATH="false", ANSIBLE_NOCOLOR="1", ANSIBLE_RETRY_FILES_ENABLED="0",
               ANSIBLE_LOCALHOST_WARNING="0", ANSIBLE_INVENTORY_UNPARSED_WARNING="0",
               ANSIBLE_PYTHON_INTERPRETER=sys.executable)
    for name in ("ODOO_URL", "ODOO_DATABASE", "ODOO_USERNAME", "ODOO_PASSWORD", "ODOO_API_KEY"):
        env.pop(name, None)
    with Simulator(version="14.0") as sim:
        seeded = set(row["id"] for row in sim.records("ir.cron", active_test=False))
        book = [play for block in runnable for play in as_plays(block, sim.url)]
        playbook = tmp_path / "readme.yml"
        playbook.write_text(yaml.safe_dump(book, sort_keys=False))
        process = subprocess.run([os.path.join(os.path.dirname(sys.executable), "ansible-playbook"), "-i",
                                  "localhost,", str(playbook)], env=env, cwd=str(tmp_path), capture_output=True,
                                 text=True, timeout=300, check=False)
        # The crons the examples declared must also run: Odoo accepts any method name at write time.
        declared = sorted(row["id"] for row in sim.records("ir.cron", active_test=False) if row["id"] not in seeded)
        reports = sim.run_due_crons(now="2099-01-01 00:00:00", ids=declared)
    output = "%s\n%s" % (process.stdout[-15000:], process.stderr[-5000:])
    recap = RECAP.search(process.stdout)
    assert process.returncode == 0 and recap and recap.groups() == ("0", "0", "0", "0"), output
    assert len(reports) >= 4 and all(report["runs"] for report in reports), reports
    assert [(report["name"], report["errors"]) for report in reports if report["errors"]] == []
