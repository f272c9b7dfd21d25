"""The shipped playbooks, and through whatsapp_sync.yml the role, on Odoo 19 and later (the simulator's 19.0 and
20.0 profiles with a password and with an API key) and on a real server: the WhatsApp playbook twice (the second
run changes nothing), then the status playbook in check mode; the database is put back as it was. Each step is one
ansible-playbook over every variant (harness.Fleet.plays), each variant still its own test. Older simulator
profiles skip it to keep `make test` short: `make demo` runs the playbooks on 14.0."""

import os

import pytest

from harness import HERE, run_shipped_playbook, run_tasks

STATE_TASKS = os.path.join(HERE, "common", "whatsapp_state.yml")
HOST_VARS = {"whatsapp_sync_addon_state": "present", "whatsapp_sync_hourly": True, "whatsapp_sync_daily": True,
             "whatsapp_sync_user": "base.user_root"}
SINCE = 19


def runs_the_playbooks(variant):
    if variant.startswith("real-"):
        return True
    return float(variant[len("sim-"):].split("-")[0]) >= SINCE


class ShippedRuns:
    """The scenario once per play group of the fleet (all simulated variants together, a real server's one at a
    time): {variant: (probe, first, again, status)} PlayRuns."""

    def __init__(self, fleet):
        self.fleet = fleet
        self._outcomes = None

    def outcome(self, variant):
        if self._outcomes is None:
            self._outcomes = {}
            for group in self.fleet.plays():
                hosts = [host for host in group if runs_the_playbooks(host)]
                if hosts:
                    self._run(dict((host, self.fleet.target(host)) for host in hosts))
        return self._outcomes[variant]

    def _run(self, targets):
        for target in targets.values():
            target.reset()
        probe = run_tasks(targets, STATE_TASKS, "whatsapp addon probe")
        installed = dict((host, "WHATSAPP_ADDON_INSTALLED=True" in probe.transcript(host)) for host in targets)
        try:
            first = run_shipped_playbook(targets, "whatsapp_sync.yml", HOST_VARS)
            again = run_shipped_playbook(targets, "whatsapp_sync.yml", HOST_VARS)
            status = run_shipped_playbook(targets, "cron_status.yml", {}, ["--check"])
        finally:
            run_tasks(targets, STATE_TASKS, "whatsapp cleanup",
                      {"whatsapp_cleanup": True, "whatsapp_addon_was_installed": installed})
        deprecated = dict((host, target.deprecation_warnings()) for host, target in targets.items())
        for host in targets:
            self._outcomes[host] = (probe, first, again, status, deprecated[host])


@pytest.fixture(scope="session")
def shipped_runs(fleet):
    return ShippedRuns(fleet)


def recap_of(run, host):
    assert run.host_ok(host), run.report(host)
    return run.recap[host]


def test_shipped_playbooks(shipped_runs, variant):
    if not runs_the_playbooks(variant):
        pytest.skip("the playbooks run on the %d.0 and later profiles and on real servers" % SINCE)
    probe, first, again, status, deprecated = shipped_runs.outcome(variant)
    transcript = probe.transcript(variant)
    assert "WHATSAPP_ADDON_INSTALLED=" in transcript, probe.report(variant)
    first, again, status_recap = recap_of(first, variant), recap_of(again, variant), recap_of(status, variant)
    assert first["changed"] >= 1 and again["changed"] == 0, (first, again)
    assert status_recap["changed"] == 0
    for line in ("WhatsApp Data Sync", "WhatsApp Full Data Sync (Daily)"):
        assert line in status.transcript(variant), status.report(variant)
    assert deprecated in (0, None), deprecated
