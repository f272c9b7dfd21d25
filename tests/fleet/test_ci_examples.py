"""examples/ci: the GitHub Actions and GitLab CI files run the same commands, and those commands, with the example
inventory pointed at simulated servers, plan, apply, find no drift and report health."""

import glob
import os
import re
import shlex
import shutil
import subprocess
import xml.etree.ElementTree as ET

import pytest
import yaml

from fleet_support import PROFILES, BIN, ROOT, RECAP, inventory_env
from simulator import Simulator

EXAMPLES = os.path.join(ROOT, "examples", "ci")
# The CI secrets of the examples' two credentials (README "Security"), as a project would hold them.
SECRETS = {"ODOO_MONITOR_PASSWORD": "monitor-Secret-ci", "ODOO_APPLY_PASSWORD": "apply-Secret-ci"}
# ${{ secrets.X }} and ${{ vars.X || 'default' }} of GitHub are $X of GitLab (whose defaults are global variables)
GITHUB_EXPRESSION = re.compile(r"^\$\{\{ (?:secrets|vars)\.(\w+)(?: \|\| '[^']*')? \}\}$")


def load(name):
    with open(os.path.join(EXAMPLES, name)) as handle:
        return yaml.safe_load(handle)


def gitlab_jobs():
    """{job: (commands, variables)} of .gitlab-ci.yml."""
    data = load("gitlab-ci.yml")
    return dict((name, (job["script"], job.get("variables", {})))
                for name, job in data.items() if isinstance(job, dict) and "script" in job)


def github_jobs():
    """{job: (ansible-playbook commands, env)} of the GitHub workflow."""
    jobs = {}
    for name, job in load("github-actions.yml")["jobs"].items():
        commands = [line.strip() for step in job["steps"] for line in step.get("run", "").splitlines()
                    if line.strip().startswith("ansible-playbook")]
        env = dict((key, GITHUB_EXPRESSION.sub(r"$\1", str(value))) for key, value in job.get("env", {}).items())
        jobs[name] = (commands, env)
    return jobs


def resolved(variables):
    """A job's variables as GitLab expands them: $NAME from the project's secrets, else the file's globals."""
    known = dict(load("gitlab-ci.yml")["variables"], **SECRETS)
    return dict((key, known[value[1:]] if str(value).startswith("$") else value) for key, value in variables.items())


def playbook_of(command):
    return [word for word in shlex.split(command) if word.startswith("odoo_ops.odoo.")][0]


def test_both_ci_files_have_the_same_jobs_and_commands():
    gitlab = dict((name, ([c for c in commands if c.startswith("ansible-playbook")], variables))
                  for name, (commands, variables) in gitlab_jobs().items())
    assert gitlab == github_jobs()
    assert sorted(gitlab) == ["apply", "drift", "health", "plan"]
    # The scheduled jobs fail when a server is down; a merge request's plan and the apply list the others.
    assert dict((name, variables.get("ODOO_INVENTORY_UNREACHABLE")) for name, (_c, variables) in gitlab.items()) == {
        "apply": None, "plan": None, "drift": "fail", "health": "fail"}
    # Only the apply job holds the write credential; the plan and the scheduled jobs log in read-only.
    assert dict((name, resolved(variables)["ODOO_USERNAME"]) for name, (_c, variables) in gitlab.items()) == {
        "apply": "ansible_apply", "plan": "ansible_monitor", "drift": "ansible_monitor", "health": "ansible_monitor"}
    assert dict((name, variables["ODOO_PASSWORD"]) for name, (_c, variables) in gitlab.items()) == {
        "apply": "$ODOO_APPLY_PASSWORD", "plan": "$ODOO_MONITOR_PASSWORD", "drift": "$ODOO_MONITOR_PASSWORD",
        "health": "$ODOO_MONITOR_PASSWORD"}
    for commands, _variables in gitlab.values():
        for command in commands:
            name = playbook_of(command).split(".")[-1]
            assert os.path.isfile(os.path.join(ROOT, "playbooks", name + ".yml")), command


@pytest.fixture(scope="module")
def servers():
    with Simulator(version=PROFILES[-1], databases=["client_a", "client_b", "other"]) as erp, \
            Simulator(version=PROFILES[0], databases=["production"], list_db=False) as legacy:
        yield erp, legacy


def test_the_jobs_plan_apply_find_no_drift_and_report_health(servers, tmp_path):
    erp, legacy = servers
    shutil.copytree(os.path.join(EXAMPLES, "inventory"), str(tmp_path / "inventory"))
    source = tmp_path / "inventory" / "odoo.odoo_databases.yml"
    config = yaml.safe_load(source.read_text())
    config["servers"][0]["url"], config["servers"][1]["url"] = erp.url, legacy.url
    source.write_text(yaml.safe_dump(config))
    hosts = ["client_a@erp", "client_b@erp", "production@legacy"]

    def run(command, variables):
        command = shlex.split(command)
        return subprocess.run([os.path.join(BIN, command[0])] + command[1:], cwd=str(tmp_path),
                              env=inventory_env(**variables), capture_output=True, text=True, timeout=900,
                              check=False)

    def job(name, as_job=None):
        commands, variables = gitlab_jobs()[name]
        process = run(commands[-1], resolved(gitlab_jobs()[as_job or name][1]))
        recap = dict((host, int(changed)) for host, _ok, changed, _u, _f in RECAP.findall(process.stdout))
        if as_job:
            return process
        assert process.returncode == 0, "%s failed\n%s\n%s" % (name, process.stdout[-6000:], process.stderr[-3000:])
        assert sorted(recap) == hosts, process.stdout[-3000:]
        return recap, process.stdout

    def whatsapp_crons(sim, database):
        with sim.using(database):
            return sim.records("ir.cron", [("name", "ilike", "WhatsApp")])

    # The bootstrap, once, with an administrator's credential: the two users the jobs log in as.
    bootstrap = run("ansible-playbook -i inventory odoo_ops.odoo.automation_users",
                    dict(SECRETS, ODOO_USERNAME="admin", ODOO_PASSWORD="admin"))
    assert bootstrap.returncode == 0, bootstrap.stdout[-6000:] + bootstrap.stderr[-3000:]
    recap, _output = job("apply")                         # the fleet as it runs today
    assert all(recap.values()) and len(whatsapp_crons(legacy, "production")) == 3
    assert whatsapp_crons(erp, "other") == []               # not in the inventory
    # A merge request turns the frequent sync on: the plan shows it everywhere and writes nothing.
    group_vars = tmp_path / "inventory" / "group_vars" / "odoo_databases" / "main.yml"
    group_vars.write_text(group_vars.read_text().replace("whatsapp_sync_frequent: false",
                                                         "whatsapp_sync_frequent: true"))
    recap, output = job("plan")
    assert recap == dict.fromkeys(hosts, 1), output[-3000:]
    assert "WhatsApp Data Sync (Frequent)" in output and '"active": true' in output      # the diff
    frequent = [cron for cron in whatsapp_crons(erp, "client_a") if "Frequent" in cron["name"]]
    assert [cron["active"] for cron in frequent] == [False]
    # the merge request is closed: the declaration is what the fleet runs, again
    group_vars.write_text(group_vars.read_text().replace("whatsapp_sync_frequent: true",
                                                         "whatsapp_sync_frequent: false"))
    recap, _output = job("drift")
    assert recap == dict.fromkeys(hosts, 0)
    reports = glob.glob(str(tmp_path / "reports" / "drift-*.xml"))
    cases = ET.parse(reports[0]).getroot().findall(".//testcase")
    assert len(reports) == 1 and len(cases) == 3
    assert not [case for case in cases if case.findall("failure") + case.findall("error")]
    recap, output = job("health")
    assert recap == dict.fromkeys(hosts, 0) and "WhatsApp Data Sync" in output
    # The plan's credential cannot apply: the merge request's change, applied with it, is refused in one line
    # naming the read-only user, and nothing is written.
    group_vars.write_text(group_vars.read_text().replace("whatsapp_sync_frequent: false",
                                                         "whatsapp_sync_frequent: true"))
    refused = job("apply", as_job="plan")
    assert refused.returncode != 0 and "user 'ansible_monitor' does not have it" in refused.stdout, \
        refused.stdout[-4000:]
    frequent = [cron for cron in whatsapp_crons(erp, "client_a") if "Frequent" in cron["name"]]
    assert [cron["active"] for cron in frequent] == [False]
