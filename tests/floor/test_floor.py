"""The oldest ansible-core supported (meta/runtime.yml's requires_ansible), on the scenarios where its version
matters, in ONE play: argument parsing and validation (every module's options, aliases, the action group's
module_defaults), the action plugins and the session facts they keep between tasks, check mode and diff, and
the filters. The inventory plugin is proved on the floor by tests/fleet/test_odoo_databases.py (`make floor`
runs it too). Everything else is ansible-core-independent and runs once, on the newest ansible-core, in `make
test`'s other parts."""

import os
import tempfile

from harness import TARGETS, run_tasks, simulator_target

# One scenario per module, plus the bulk and health ones that go through the filters.
FLOOR_TARGETS = ("odoo_cron", "odoo_cron_bulk", "odoo_cron_info", "cron_health", "odoo_cron_run",
                 "odoo_whatsapp_sync", "odoo_module")
PROFILE = os.environ.get("ODOO_FLOOR_PROFILE", "14.0")


def test_the_floor_scenarios_pass_in_one_play():
    with tempfile.TemporaryDirectory() as tmp, simulator_target(PROFILE) as target:
        tasks = os.path.join(tmp, "floor.yml")
        with open(tasks, "w") as handle:
            handle.write("---\n" + "".join(
                "- name: scenario %s\n  ansible.builtin.import_tasks: %s\n"
                % (name, os.path.join(TARGETS, name, "tasks", "main.yml")) for name in FLOOR_TARGETS))
        target.reset()
        run = run_tasks({"floor-%s" % PROFILE: target}, tasks, "floor", check=False)
        assert run.host_ok("floor-%s" % PROFILE), run.report()
        assert run.recap["floor-%s" % PROFILE]["ok"] > 50, run.recap
