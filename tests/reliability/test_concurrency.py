"""Eight ansible-playbook runs of the same declaration at once end with exactly the declared
crons: the unique external id in ir.model.data is the lock, and the losers retry as updates."""

import tempfile

from playbooks import start_playbook, write_playbook

RUNS = 8
PLAY = """
- hosts: localhost
  connection: local
  gather_facts: false
  tasks:
    - name: Declare three crons by external id
      odoo_ops.odoo.odoo_cron:
        url: {url}
        database: odoo
        username: admin
        password: admin
        crons:
          - {{xml_id: odoo_ops_test.race_a, name: Race A, model: res.partner, method: search_count, args: [[]], interval: 1 hour}}
          - {{xml_id: odoo_ops_test.race_b, name: Race B, model: res.partner, method: search_count, args: [[]], interval: 2 hours}}
          - {{xml_id: odoo_ops_test.race_c, name: Race C, model: res.partner, method: search_count, args: [[]], interval: 3 hours}}
"""


def test_concurrent_runs_never_duplicate(odoo):
    odoo.set_faults({"latency_ms": 1000})  # widen the window between read and create
    with tempfile.TemporaryDirectory() as tmp:
        playbook = write_playbook(tmp, PLAY.format(url=odoo.url))
        processes = [start_playbook(playbook) for _run in range(RUNS)]
        outcomes = [(p.wait(timeout=300), p.stdout.read(), p.stderr.read()) for p in processes]
    odoo.clear_faults()
    for code, out, err in outcomes:
        assert code == 0, out[-3000:] + err[-2000:]
    crons = [c for c in odoo.records("ir.cron", fields=["cron_name"]) if c["cron_name"].startswith("Race ")]
    assert sorted(c["cron_name"] for c in crons) == ["Race A", "Race B", "Race C"]
    xml_ids = [x for x in odoo.records("ir.model.data", fields=["module", "name", "res_id"]) if x["module"] == "odoo_ops_test"]
    assert sorted(x["res_id"] for x in xml_ids) == sorted(c["id"] for c in crons)
    orphans = [a for a in odoo.records("ir.actions.server", fields=["name", "usage"])
               if a["name"].startswith("Race ") and a["id"] not in
               [c["ir_actions_server_id"][0] for c in odoo.records("ir.cron", fields=["ir_actions_server_id"])]]
    assert orphans == []
    creates = odoo.counters()["by_call"].get("ir.cron.create", 0)
    print("\nconcurrent runs: %d, reporting changed: %d, ir.cron.create calls: %d (more than 1: the race happened "
          "and the losers rolled back)" % (RUNS, sum("changed=1" in out for _rc, out, _err in outcomes), creates))
