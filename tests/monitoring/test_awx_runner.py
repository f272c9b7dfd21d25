"""AWX as it runs a job: playbooks/cron_health.yml through `ansible-runner run` with a private data directory laid out
as AWX lays it (env/envvars and env/extravars from the Odoo credential type's injectors, inventory/hosts as the
script AWX writes, project/ the checked-out project, env/settings), process isolation off. The job's status and
its events say which database has an unhealthy cron and why; the API key the credential carries is in no event."""

import glob
import json
import os
import shutil
import stat
import subprocess
import sys

import jinja2
import pytest
import yaml

from monitoring_support import BIN, ROOT
from simulator import Simulator
from test_cron_metrics_playbook import KILLED_NAME, _prepare

CREDENTIAL_TYPE = os.path.join(ROOT, "examples", "awx", "odoo_credential_type.yml")


def injected(inputs):
    """(environment, extra vars) AWX gives a job with an Odoo credential: the injectors rendered with Jinja2."""
    with open(CREDENTIAL_TYPE) as handle:
        injectors = yaml.safe_load(handle)["injectors"]
    render = jinja2.Environment(undefined=jinja2.StrictUndefined)

    def rendered(section):
        return dict((name, render.from_string(value).render(**inputs)) for name, value in injectors[section].items())
    return rendered("env"), rendered("extra_vars")


def private_data_dir(directory, hosts, credential):
    env_vars, extra_vars = injected(credential)
    env_vars.update(ANSIBLE_COLLECTIONS_PATH=os.path.join(ROOT, "build", "collections"),
                    ANSIBLE_COLLECTIONS_SCAN_SYS_PATH="false", ANSIBLE_PYTHON_INTERPRETER=sys.executable,
                    ANSIBLE_NOCOLOR="1", ANSIBLE_LOCALHOST_WARNING="0", ANSIBLE_RETRY_FILES_ENABLED="0")
    os.makedirs(os.path.join(directory, "env"))
    with open(os.path.join(directory, "env", "envvars"), "w") as handle:
        yaml.safe_dump(env_vars, handle)
    with open(os.path.join(directory, "env", "extravars"), "w") as handle:
        yaml.safe_dump(extra_vars, handle)
    with open(os.path.join(directory, "env", "settings"), "w") as handle:
        yaml.safe_dump({"job_timeout": 300, "suppress_ansible_output": False, "process_isolation": False}, handle)
    # AWX writes the inventory as a script that prints it as JSON (awx/main/tasks/jobs.py build_inventory)
    os.makedirs(os.path.join(directory, "inventory"))
    inventory = {"all": {"children": ["odoo_databases"]}, "odoo_databases": {"hosts": sorted(hosts)},
                 "_meta": {"hostvars": hosts}}
    script = os.path.join(directory, "inventory", "hosts")
    with open(script, "w") as handle:
        handle.write("#! %s\nimport json, sys\nprint(json.dumps(%r))\n" % (sys.executable, inventory))
    os.chmod(script, os.stat(script).st_mode | stat.S_IXUSR)
    shutil.copytree(os.path.join(ROOT, "playbooks"), os.path.join(directory, "project", "playbooks"))
    return directory


@pytest.fixture
def server():
    """One 18.0 server with two databases: one credential (an API key valid on both) for the whole job."""
    with Simulator(version="18.0", databases=["odoo", "other"]) as sim:
        yield sim


def test_cron_health_as_an_awx_job(server, tmp_path):
    runner = os.path.join(BIN, "ansible-runner")
    if not os.path.exists(runner):
        pytest.skip("ansible-runner is not installed (pip install ansible-runner, in requirements-dev.txt)")
    _prepare(server)                 # on database odoo: a cron Odoo killed three times in a row, and an overdue one
    key = server.api_key("admin")
    hosts = {"healthy": {"odoo_url": server.url, "odoo_database": "other"},
             "killing": {"odoo_url": server.url, "odoo_database": "odoo"}}
    credential = {"url": "http://unused.invalid", "username": "admin", "password": key}
    data = private_data_dir(str(tmp_path / "job"), hosts, credential)
    env = dict(os.environ, PATH=BIN + os.pathsep + os.environ.get("PATH", ""))
    process = subprocess.run([runner, "run", data, "-p", "playbooks/cron_health.yml", "--ident", "42"],
                             env=env, capture_output=True, text=True, timeout=300, check=False)
    artifacts = os.path.join(data, "artifacts", "42")
    with open(os.path.join(artifacts, "status")) as handle:
        status = handle.read().strip()
    with open(os.path.join(artifacts, "rc")) as handle:
        rc = int(handle.read().strip())
    assert (status, rc) == ("failed", 2), process.stdout[-3000:] + process.stderr[-3000:]

    events = []
    for path in sorted(glob.glob(os.path.join(artifacts, "job_events", "*.json"))):
        with open(path) as handle:
            events.append(json.load(handle))
    events.sort(key=lambda event: event["counter"])
    kinds = [event["event"] for event in events]
    assert kinds[0] == "playbook_on_start" and kinds[-1] == "playbook_on_stats"
    by_host = {}
    for event in events:
        data_ = event.get("event_data", {})
        if data_.get("task") == "Every cron runs" and event["event"] in ("runner_on_ok", "runner_on_failed"):
            by_host[data_["host"]] = (event["event"], data_.get("res", {}).get("msg", ""))
    assert by_host["healthy"][0] == "runner_on_ok"
    outcome, message = by_host["killing"]
    assert outcome == "runner_on_failed"
    assert KILLED_NAME + " (failing:" in message
    assert "its last 3 run(s) were killed by Odoo's time limit for crons (limit_time_real_cron" in message
    stats = events[-1]["event_data"]
    assert stats["failures"] == {"killing": 1} and "healthy" in stats["ok"]
    # the secret the credential injected shows in no event (AWX stores and shows them all)
    assert all(key not in json.dumps(event) for event in events)
    assert key not in process.stdout
