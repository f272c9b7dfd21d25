"""A target the Ansible community's way: `ansible-test integration odoo_cron --local`, as the README's test
section documents it (`make ansible-test-integration`), against a simulator. ansible-test runs on a copy of the
collection (tests/utils/ansible_test_tree.py), with the connection in tests/integration/integration_config.yml."""

import os
import subprocess
import sys

import yaml

from harness import ROOT, ansible_env, simulator_target

sys.path.insert(0, os.path.join(ROOT, "tests", "utils"))
import ansible_test_tree  # noqa: E402  (tests/utils)


def test_ansible_test_integration_runs_a_target(tmp_path):
    tree = ansible_test_tree.stage(str(tmp_path / "tree"))
    with simulator_target("14.0") as target:
        config = {"odoo_url": target.url, "odoo_database": target.database, "odoo_username": target.username,
                  "odoo_password": target.password, "odoo_api_key_given": False, "simulator_url": target.url}
        with open(os.path.join(tree, "tests", "integration", "integration_config.yml"), "w") as handle:
            yaml.safe_dump(config, handle)
        env = dict(ansible_env(), ANSIBLE_TEST_CONTENT_ROOT=tree)
        for name in ("ANSIBLE_COLLECTIONS_PATH", "ANSIBLE_ACTION_PLUGINS", "ANSIBLE_ROLES_PATH"):
            env.pop(name, None)  # ansible-test sets its own; the target's runme.sh names the action plugins
        process = subprocess.run(
            [os.path.join(os.path.dirname(sys.executable), "ansible-test"), "integration", "odoo_cron", "--local",
             "--python", "%d.%d" % sys.version_info[:2], "--color", "no"],
            cwd=tree, env=env, capture_output=True, text=True, timeout=600, check=False)
        creates = target.simulator.counters()["by_call"].get("ir.cron.create", 0)
        left = [cron for cron in target.simulator.records("ir.cron", fields=["cron_name"])
                if cron["cron_name"].startswith("Integration ")]
    output = process.stdout[-8000:] + process.stderr[-4000:]
    assert process.returncode == 0, output
    assert "Running odoo_cron integration test script" in output, output
    assert "failed=0" in process.stdout and "ok=" in process.stdout, output
    assert creates >= 1, "the scenario created no cron"
    assert left == [], left  # the scenario deleted what it made
