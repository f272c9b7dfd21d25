"""The odoo_databases inventory plugin through `ansible-inventory --list`, against simulated servers."""

import ast
import json
import os
import shutil
import subprocess
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
import yaml

from fleet_support import ROOT, ansible_inventory, run_playbook, write_source
from simulator import Simulator, get_profile

MAIN = ["alpha", "beta", "client_one", "client_two"]


def other_profile(profile):
    return "18.0" if profile == "14.0" else "14.0"


@pytest.fixture(scope="module")
def main(profile):
    with Simulator(version=profile, databases=MAIN) as sim:
        yield sim


@pytest.fixture(scope="module")
def hidden(profile):
    """Another version, started with list_db = False."""
    with Simulator(version=other_profile(profile), databases=["odoo", "secret"], list_db=False) as sim:
        yield sim


def closed_port_url():
    with Simulator() as sim:
        url = sim.url
    return url


def test_every_database_of_every_server_is_a_host_with_its_vars_and_groups(tmp_path, main, hidden, profile):
    source = write_source(tmp_path, {"servers": [{"url": main.url, "name": "main"},
                                                 {"url": hidden.url + "/", "name": "hidden", "databases": ["secret"]}]})
    listing = ansible_inventory(source)
    assert listing.hosts == sorted(["%s@main" % name for name in MAIN] + ["secret@hidden"])
    major, hidden_major = get_profile(profile).major, get_profile(other_profile(profile)).major
    assert listing.hostvars["beta@main"] == {
        "odoo_url": main.url, "odoo_database": "beta", "odoo_version": profile, "odoo_major_version": major,
        "odoo_server": "main", "odoo_validate_certs": True, "ansible_connection": "local",
        "ansible_python_interpreter": listing.hostvars["beta@main"]["ansible_python_interpreter"]}
    assert os.path.realpath(listing.hostvars["beta@main"]["ansible_python_interpreter"]) == \
        os.path.realpath(sys.executable)
    assert listing.hostvars["secret@hidden"]["odoo_url"] == hidden.url
    assert listing.hostvars["secret@hidden"]["odoo_version"] == other_profile(profile)
    assert listing.group("odoo_databases") == listing.hosts
    assert listing.group("odoo_%d" % major) == ["%s@main" % name for name in MAIN]
    assert listing.group("odoo_%d" % hidden_major) == ["secret@hidden"]
    assert listing.group("odoo_server_main") == ["%s@main" % name for name in MAIN]
    assert listing.group("odoo_server_hidden") == ["secret@hidden"]
    assert listing.warning_count == 0, listing.stderr


def test_databases_and_database_regex_narrow_the_list(tmp_path, main):
    source = write_source(tmp_path, {"database_regex": "client_.*", "servers": [
        {"url": main.url, "name": "clients"},
        {"url": main.url, "name": "picked", "databases": ["alpha", "client_two", "nosuch"], "database_regex": ".*"},
        {"url": main.url, "name": "exact", "database_regex": "client"}]})
    listing = ansible_inventory(source)
    assert listing.hosts == ["alpha@picked", "client_one@clients", "client_two@clients", "client_two@picked"]
    assert "server picked does not list the database(s) nosuch" in listing.messages
    assert listing.warning_count == 1, listing.stderr


def test_compose_groups_and_keyed_groups(tmp_path, main, profile):
    source = write_source(tmp_path, {
        "servers": [{"url": main.url, "name": "main", "vars": {"odoo_username": "ansible", "tier": "client"}}],
        "compose": {"odoo_is_client": "odoo_database is match('client_')", "odoo_label": "odoo_database ~ '/' ~ tier"},
        "groups": {"clients": "odoo_is_client"},
        "keyed_groups": [{"key": "odoo_server", "prefix": "site"},
                         {"key": "odoo_major_version | string", "prefix": "major"}]})
    listing = ansible_inventory(source)
    assert listing.group("clients") == ["client_one@main", "client_two@main"]
    assert listing.group("site_main") == listing.hosts
    assert listing.group("major_%d" % get_profile(profile).major) == listing.hosts
    assert listing.hostvars["alpha@main"]["odoo_label"] == "alpha/client"
    assert listing.hostvars["alpha@main"]["odoo_username"] == "ansible"
    assert listing.hostvars["alpha@main"]["odoo_is_client"] is False


@pytest.mark.any_profile
def test_a_server_that_is_down_is_a_warning_and_the_others_are_listed(tmp_path, main):
    down = closed_port_url()
    source = write_source(tmp_path, {"servers": [{"url": down, "name": "down"}, {"url": main.url, "name": "main"}]})
    listing = ansible_inventory(source)
    assert listing.hosts == ["%s@main" % name for name in MAIN]
    assert "odoo_databases: server down (%s) left out:" % down in listing.messages
    assert "Connection refused" in listing.messages
    assert listing.warning_count == 1, listing.stderr


@pytest.mark.any_profile
def test_unreachable_fail_fails_the_inventory_and_the_play_naming_the_server(tmp_path, main):
    down = closed_port_url()
    servers = [{"url": down, "name": "down"}, {"url": main.url, "name": "main"}]
    source = write_source(tmp_path, {"unreachable": "fail", "servers": servers})
    # Ansible's own default (a source that fails is a warning), not inventory_env's stricter one.
    lenient = {"ANSIBLE_INVENTORY_UNPARSED_FAILED": "0", "ANSIBLE_INVENTORY_ANY_UNPARSED_IS_FAILED": "0"}
    process = ansible_inventory(source, check=False, **lenient)
    messages = " ".join((process.stdout + process.stderr).split())
    assert process.returncode != 0, messages
    assert "odoo_databases (unreachable=fail): server down (%s) left out:" % down in messages
    code, recap, output = run_playbook(source, "cron_health.yml", **lenient)
    assert code != 0 and recap == {}, output[-3000:]
    assert "server down (%s) left out" % down in " ".join(output.split())
    # The default stays warn: the server is left out, the others are listed; the CI examples' scheduled jobs
    # set ODOO_INVENTORY_UNREACHABLE=fail for the same inventory file.
    source = write_source(tmp_path, {"servers": [{"url": down, "name": "down"}, {"url": main.url, "name": "main"}]})
    assert ansible_inventory(source, **lenient).hosts == ["%s@main" % name for name in MAIN]
    process = ansible_inventory(source, check=False, ODOO_INVENTORY_UNREACHABLE="fail", **lenient)
    assert process.returncode != 0 and "server down (%s) left out" % down in " ".join(process.stderr.split())


def test_a_hidden_list_needs_the_databases_named(tmp_path, hidden):
    source = write_source(tmp_path, {"servers": [{"url": hidden.url, "name": "hidden"}]})
    listing = ansible_inventory(source)
    assert listing.hosts == []
    assert "server hidden (%s) hides its database list (list_db = False)" % hidden.url in listing.messages
    source = write_source(tmp_path, {"databases": ["odoo", "secret", "unchecked"], "database_regex": "o.*|s.*",
                                     "servers": [{"url": hidden.url, "name": "hidden"}]})
    listing = ansible_inventory(source)
    assert listing.hosts == ["odoo@hidden", "secret@hidden"]   # taken as given, then narrowed by the regex
    assert listing.warning_count == 0, listing.stderr


def test_host_names_connection_and_default_server_name(tmp_path, main):
    source = write_source(tmp_path, {"hostname_format": "{server}-{database}", "connection_local": False,
                                     "group": "erp", "databases": ["alpha"], "servers": [{"url": main.url}]})
    listing = ansible_inventory(source)
    name = "127.0.0.1_%d" % main.port
    assert listing.hosts == ["%s-alpha" % name]
    host = listing.hostvars["%s-alpha" % name]
    assert "ansible_connection" not in host and "ansible_python_interpreter" not in host
    assert host["odoo_server"] == name
    assert listing.group("erp") == listing.group("odoo_server_127_0_0_1_%d" % main.port) == listing.hosts


@pytest.mark.parametrize("config, message", [
    ({"servers": [{"url": "http://127.0.0.1:1", "colour": "red"}]},
     "servers[0]: unknown key(s) colour; allowed: url, name, databases"),
    ({"servers": [{"url": "erp.example.com"}]}, "servers[0].url must be an http:// or https:// URL, got 'erp.example.com'"),
    ({"servers": [{"url": "http://a", "database_regex": "("}]}, "servers[0].database_regex '(' is not a valid regular"),
    ({"servers": [{"url": "http://a"}, {"url": "http://a:80"}], "timeout": 0}, "servers[0].timeout must be at least 1"),
    ({"servers": [{"url": "http://a"}, {"url": "http://b", "name": "a"}]},
     "servers[0] and servers[1] have the same name 'a'"),
    ({"servers": [{"url": "http://a"}], "hostname_format": "{db}"}, "hostname_format may only use {database} and {server}"),
    ({"servers": ["http://a"]}, "servers[0] must be a dictionary with at least url"),
    ({"servers": [{"url": "http://a:http"}]}, "servers[0].url must be an http:// or https:// URL, got 'http://a:http'"),
    ({"servers": []}, "servers must list at least one server"),
])
def test_a_bad_source_is_refused_with_a_clear_message(tmp_path, config, message):
    process = ansible_inventory(write_source(tmp_path, config), check=False)
    assert process.returncode != 0
    assert message in " ".join(process.stderr.split())


def inventory_has_flush_cache():
    process = subprocess.run([os.path.join(os.path.dirname(sys.executable), "ansible-inventory"), "--help"],
                             capture_output=True, text=True, check=False)
    return "--flush-cache" in process.stdout


def test_the_cache_keeps_the_answers_until_flushed(tmp_path, profile):
    with Simulator(version=profile, databases=["cached"]) as sim:
        url = sim.url
        source = write_source(tmp_path, {"servers": [{"url": url, "name": "s"}], "cache": True,
                                         "cache_plugin": "ansible.builtin.jsonfile",
                                         "cache_connection": str(tmp_path / "cache")})
        assert ansible_inventory(source).hosts == ["cached@s"]
        sim.reset_counters()
        assert ansible_inventory(source).hosts == ["cached@s"]
        assert sim.counters()["total"] == 0          # answered from the cache
    listing = ansible_inventory(source)              # the server is gone: the cache still answers
    assert listing.hosts == ["cached@s"] and listing.warning_count == 0
    if inventory_has_flush_cache():
        flushed = ansible_inventory(source, "--flush-cache")
    else:  # ansible-core 2.15's ansible-inventory has no --flush-cache: emptying the jsonfile cache is the same
        shutil.rmtree(str(tmp_path / "cache"))
        flushed = ansible_inventory(source)
    assert flushed.hosts == [] and "server s (%s) left out" % url in flushed.messages
    with Simulator(version=profile, port=int(url.rsplit(":", 1)[1]), databases=["back"]):
        assert ansible_inventory(source).hosts == ["back@s"]   # a cached failure is asked again, not served


class NewerOdoo(BaseHTTPRequestHandler):
    """A server without /web/webclient/version_info but with /web/version (the fallback path)."""

    def log_message(self, *args):
        pass

    def reply(self, status, payload):
        body = json.dumps(payload).encode() if payload is not None else b"<html>Not Found</html>"
        self.send_response(status)
        self.send_header("Content-Type", "application/json" if payload is not None else "text/html")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self):
        if self.path == "/web/version":
            return self.reply(200, {"version_info": [20, 0, 0, "alpha", 1, ""], "version": "20.0a1"})
        return self.reply(404, None)

    def do_POST(self):
        self.rfile.read(int(self.headers.get("Content-Length") or 0))
        if self.path == "/web/database/list":
            return self.reply(200, {"jsonrpc": "2.0", "id": 1, "result": ["next"]})
        return self.reply(404, None)


def test_the_version_falls_back_to_web_version(tmp_path):
    server = ThreadingHTTPServer(("127.0.0.1", 0), NewerOdoo)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        url = "http://127.0.0.1:%d" % server.server_address[1]
        listing = ansible_inventory(write_source(tmp_path, {"servers": [{"url": url, "name": "new"}]}))
    finally:
        server.shutdown()
        server.server_close()
    assert listing.hostvars["next@new"]["odoo_version"] == "20.0a1"
    assert listing.group("odoo_20") == ["next@new"]


def test_the_documented_example_works(tmp_path, profile):
    with open(os.path.join(ROOT, "plugins", "inventory", "odoo_databases.py")) as handle:
        tree = ast.parse(handle.read())
    examples = [node.value.value for node in tree.body if isinstance(node, ast.Assign)
                and node.targets[0].id == "EXAMPLES"][0]
    config = yaml.safe_load(examples)
    with Simulator(version=profile, databases=["client_a", "intern"]) as erp, \
            Simulator(version=profile, databases=["production"], list_db=False) as legacy:
        config["servers"][0]["url"], config["servers"][1]["url"] = erp.url, legacy.url
        listing = ansible_inventory(write_source(tmp_path, config))
    assert listing.hosts == ["client_a@erp", "production@legacy"]
    assert listing.hostvars["production@legacy"]["odoo_is_production"] is True
    assert listing.hostvars["production@legacy"]["odoo_username"] == "ansible-legacy"
    assert listing.group("site_legacy") == ["production@legacy"]


@pytest.mark.skipif(not os.environ.get("ODOO_FLEET_URLS"), reason="set ODOO_FLEET_URLS=url1,url2 to list real servers")
def test_real_servers_are_listed(tmp_path):
    """ODOO_FLEET_URLS=http://127.0.0.1:8014,http://127.0.0.1:8019 pytest tests/fleet -k real"""
    urls = os.environ["ODOO_FLEET_URLS"].split(",")
    servers = [{"url": url, "name": "s%d" % index} for index, url in enumerate(urls)]
    listing = ansible_inventory(write_source(tmp_path, {"servers": servers}))
    assert listing.warning_count == 0, listing.stderr
    for index, url in enumerate(urls):
        hosts = listing.group("odoo_server_s%d" % index)
        assert hosts, "no database listed for %s" % url
        host = listing.hostvars[hosts[0]]
        assert host["odoo_url"] == url.rstrip("/")
        assert host["odoo_version"].startswith("%d." % host["odoo_major_version"]) or \
            host["odoo_version"].startswith("saas~%d." % host["odoo_major_version"])
        assert hosts[0] in listing.group("odoo_%d" % host["odoo_major_version"])
