"""playbooks/cron_metrics.yml over a fleet (one host per simulator profile, and one that cannot be reached): one
file per database that `promtool check metrics` accepts, with the expected series; a cron Odoo keeps killing (18.0+)
is failing; node_exporter's textfile collector serves the files; a Pushgateway gets the same text."""

import base64
import datetime
import http.server
import os
import socket
import subprocess
import threading
import time
import urllib.request

import pytest

from module_runner import run_module
from monitoring_support import fleet_of, parse_metrics, run_metrics_playbook, series, tool, write_inventory

# A cron name as people write them: quotes, a backslash, non-ASCII.
ODD_NAME = 'Export "daily" C:\\exports \u2014 Z\u00fcrich'
KILLED_NAME = "Nightly import (killed)"


def _ago(**delta):
    return (datetime.datetime.utcnow() - datetime.timedelta(**delta)).strftime("%Y-%m-%d %H:%M:%S")


def _prepare(sim):
    """Two crons more on each database: an overdue one with an odd name, and (18.0+) one Odoo killed 3 times."""
    connection = {"url": sim.url, "database": "odoo", "username": "admin", "password": "admin", "timeout": 10}
    for name in (ODD_NAME, KILLED_NAME):
        result = run_module("odoo_cron", dict(connection, name=name, model="res.partner", code="model.search_count([])",
                                              interval="1 hour", active=True, nextcall=_ago(hours=3)))
        assert not result.get("failed"), result
    if int(sim.version.split(".")[0]) >= 18:
        killed = [row["id"] for row in sim.records("ir.cron", fields=["cron_name"]) if row["cron_name"] == KILLED_NAME]
        # workers mode: the cron worker is killed after limit_time_real_cron seconds; this job takes 30
        sim.set_time_limit({"limit_time_real_cron": 5, "cron_durations": {KILLED_NAME: 30}})
        for minutes in (90, 60, 30):
            reports = sim.run_due_crons(now=_ago(minutes=minutes), ids=killed)
            assert reports[0].get("killed"), reports


@pytest.fixture(scope="module")
def written(simulators, tmp_path_factory):
    """The metrics directory after one run of the playbook over the whole fleet."""
    fleet = fleet_of(simulators)
    for sim in fleet.values():
        _prepare(sim)
    directory = tmp_path_factory.mktemp("textfile")
    hosts = dict(("sim-%s" % version, {"odoo_url": sim.url}) for version, sim in fleet.items())
    hosts["unreachable"] = {"odoo_url": "http://127.0.0.1:%d" % _free_port()}
    inventory = write_inventory(tmp_path_factory.mktemp("inventory"), hosts)
    code, output = run_metrics_playbook(inventory, "-e", "cron_metrics_dir=%s" % directory)
    assert code == 0, output
    return {"dir": str(directory), "fleet": fleet, "output": output}


def _read(written, host):
    with open(os.path.join(written["dir"], "odoo_cron_%s.prom" % host), encoding="utf-8") as handle:
        return handle.read()


def test_one_file_per_database_and_no_temporary_file_left(written):
    names = sorted(os.listdir(written["dir"]))
    expected = sorted(["odoo_cron_sim-%s.prom" % version for version in written["fleet"]] + ["odoo_cron_unreachable.prom"])
    assert names == expected


def test_promtool_accepts_every_file(written):
    promtool = tool("promtool")
    for name in sorted(os.listdir(written["dir"])):
        with open(os.path.join(written["dir"], name), "rb") as handle:
            process = subprocess.run([promtool, "check", "metrics"], stdin=handle, capture_output=True, timeout=60,
                                     check=False)
        assert process.returncode == 0 and not process.stdout.strip() and not process.stderr.strip(), \
            (name, process.stdout, process.stderr)


def test_each_database_has_its_series(written):
    for version, sim in written["fleet"].items():
        samples = parse_metrics(_read(written, "sim-%s" % version))
        database = {"database": "odoo", "server": sim.url}
        assert series(samples, "odoo_cron_scrape_success", **database) == [1.0], version
        assert abs(series(samples, "odoo_cron_scrape_timestamp_seconds", **database)[0] - time.time()) < 600
        assert series(samples, "odoo_cron_server_info", version=sim.version) == [1.0]
        crons = sim.records("ir.cron", fields=["cron_name", "active", "nextcall"])
        assert len(series(samples, "odoo_cron_active")) == len(crons), version
        odd = series(samples, "odoo_cron_health_status", cron=ODD_NAME)
        assert sorted(odd) == [0.0, 0.0, 0.0, 0.0, 1.0]     # one status at 1, the other four at 0
        assert series(samples, "odoo_cron_health_status", cron=ODD_NAME, status="overdue") == [1.0], version
        assert series(samples, "odoo_cron_healthy", cron=ODD_NAME) == [0.0]
        assert series(samples, "odoo_cron_interval_seconds", cron=ODD_NAME) == [3600.0]
        vacuum = dict(series_labels(samples, "odoo_cron_healthy", xml_id="base.autovacuum_job"))
        assert vacuum and list(vacuum.values()) == [1.0], version
        modern = int(version.split(".")[0]) >= 18
        assert bool(series(samples, "odoo_cron_consecutive_failures")) == modern, version
        assert bool(series(samples, "odoo_cron_consecutive_timeouts")) == modern, version


def series_labels(samples, name, **labels):
    return [(tuple(sorted(found.items())), value) for metric, found, value in samples
            if metric == name and all(found.get(key) == wanted for key, wanted in labels.items())]


def test_a_cron_odoo_keeps_killing_is_failing_from_18(written):
    for version in written["fleet"]:
        samples = parse_metrics(_read(written, "sim-%s" % version))
        status = series(samples, "odoo_cron_health_status", cron=KILLED_NAME, status="failing")
        if int(version.split(".")[0]) >= 18:
            assert status == [1.0], version
            assert series(samples, "odoo_cron_consecutive_timeouts", cron=KILLED_NAME) == [3.0]
        else:
            # before 18.0 a killed run cannot be told from a late one: the cron is overdue
            assert status == [0.0], version
            assert series(samples, "odoo_cron_health_status", cron=KILLED_NAME, status="overdue") == [1.0]


def test_a_database_that_cannot_be_read_reports_scrape_success_0(written):
    samples = parse_metrics(_read(written, "unreachable"))
    assert series(samples, "odoo_cron_scrape_success") == [0.0]
    assert series(samples, "odoo_cron_scrape_timestamp_seconds")
    assert not series(samples, "odoo_cron_active")
    assert "crons not read" in written["output"]


def _free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_node_exporter_serves_the_files(written, tmp_path):
    exporter = tool("prometheus-node-exporter", "node_exporter")
    port = _free_port()
    process = subprocess.Popen([exporter, "--web.listen-address=127.0.0.1:%d" % port, "--collector.disable-defaults",
                                "--collector.textfile", "--collector.textfile.directory=%s" % written["dir"]],
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        text = None
        for _attempt in range(100):         # up to 10 s for it to listen
            try:
                with urllib.request.urlopen("http://127.0.0.1:%d/metrics" % port, timeout=5) as response:
                    text = response.read().decode("utf-8")
                break
            except OSError:
                if process.poll() is not None:
                    break
                time.sleep(0.1)
        assert text is not None, process.stderr.read() if process.poll() is not None else "no answer"
    finally:
        process.terminate()
        process.wait(timeout=10)
    samples = parse_metrics(text)
    assert series(samples, "node_textfile_scrape_error") == [0.0]
    assert sorted(series(samples, "odoo_cron_scrape_success")) == [0.0] + [1.0] * len(written["fleet"])
    # the odd name went through the format and back
    for version, sim in written["fleet"].items():
        assert series(samples, "odoo_cron_health_status", cron=ODD_NAME, server=sim.url, status="overdue") == [1.0]
    assert "# TYPE odoo_cron_healthy gauge" in text


class _Pushgateway(http.server.BaseHTTPRequestHandler):
    received = []

    def do_PUT(self):   # noqa: N802 (http.server's naming)
        body = self.rfile.read(int(self.headers["Content-Length"]))
        self.received.append((self.path, self.headers["Content-Type"], body.decode("utf-8")))
        self.send_response(202)
        self.end_headers()

    def log_message(self, *args):
        pass


def test_pushes_to_a_pushgateway_when_a_url_is_given(simulators, tmp_path):
    sim = fleet_of(simulators, ["18.0"])["18.0"]
    server = http.server.HTTPServer(("127.0.0.1", 0), _Pushgateway)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    _Pushgateway.received = []
    try:
        inventory = write_inventory(tmp_path, {"db/one": {"odoo_url": sim.url}})
        code, output = run_metrics_playbook(inventory, "-e", "cron_metrics_pushgateway_url=http://127.0.0.1:%d/"
                                            % server.server_address[1])
    finally:
        server.shutdown()
        server.server_close()
    assert code == 0, output
    assert len(_Pushgateway.received) == 1, output
    path, content_type, body = _Pushgateway.received[0]
    instance = base64.urlsafe_b64encode(b"db/one").decode().rstrip("=")
    assert path == "/metrics/job/odoo_cron/instance@base64/%s" % instance
    assert content_type.startswith("text/plain; version=0.0.4")
    assert series(parse_metrics(body), "odoo_cron_scrape_success", server=sim.url) == [1.0]
    # nothing written to disk (not even to the default directory): no directory was given
    assert not os.path.exists("/var/lib/prometheus/node-exporter/odoo_cron_db_one.prom")
    assert "Write them to a temporary file" in output and "changed: [db/one]" not in output.split("Move it into")[0]
