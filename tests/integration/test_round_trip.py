"""Onboarding round trip, with real ansible-playbook runs of playbooks/export_crons.yml and apply_crons.yml.

Crons made by hand (plain JSON-RPC creates, as the UI or an old post-init hook makes them) are exported
from one database, applied to a fresh database of another Odoo version, exported again (the same
declarations, byte for byte below the header comment), applied again (changed=0). Then the destination's
scope is owned exclusively: a stray cron is archived (check mode first), then deleted.

Simulated: from 14.0 to 18.0, 19.0 and 20.0 at once (with an API key), each step one play over the three
destinations (about ten ansible-playbook runs in all); test_round_trip_between_real_databases runs any pair. The destination's calls are
counted: none to a deprecated endpoint, none naming a model the destination lacks.
Real servers: ODOO_ROUND_TRIP_FROM and ODOO_ROUND_TRIP_TO, each "url database login password"; crons
are named with a prefix unique to the run, and every one of them is deleted at the end.
"""

import contextlib
import json
import os
import re
import subprocess
import sys
import uuid

import pytest
import yaml

from simulator import Simulator
from simulator.profiles import PROFILES

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
PLAYBOOKS = os.path.join(ROOT, "playbooks")
ANSIBLE_PLAYBOOK = os.path.join(os.path.dirname(sys.executable), "ansible-playbook")
RECAP = re.compile(r"^(\w+)\s+:\s+ok=\d+\s+changed=(\d+)\s+unreachable=(\d+)\s+failed=(\d+)", re.M)
SUPERUSER_ID = 1


class Database:
    """A database reached independently of the collection: plain JSON-RPC on 14.0-18.0, JSON-2 with the API key
    on 19.0 and later (where /jsonrpc is deprecated, and on 20.0 answers 404 to the object service)."""

    # the positional parameters of the methods these tests call (JSON-2 takes named arguments only)
    JSON2_PARAMETERS = {"search": ("domain",), "search_read": ("domain", "fields"), "create": ("vals_list",)}

    def __init__(self, url, database, login, password):
        self.url, self.database, self.login, self.password = url.rstrip("/"), database, login, password
        self.version = self._web_version()
        if self.version >= 19:
            self.uid = self.call("res.users", "search", [("login", "=", login)])[0]
        else:
            self.version = self._rpc("common", "version")["server_version_info"][0]
            self.uid = self._rpc("common", "login", database, login, password)

    def _web_version(self):
        import urllib.error
        import urllib.request
        try:
            with urllib.request.urlopen(self.url + "/web/version", timeout=60) as response:
                return int(json.loads(response.read().decode())["version_info"][0])
        except urllib.error.HTTPError:
            return 0        # older than 19.0: no such route

    def _rpc(self, service, method, *args):
        import urllib.request
        body = json.dumps({"jsonrpc": "2.0", "method": "call", "id": 1,
                           "params": {"service": service, "method": method, "args": list(args)}}).encode()
        request = urllib.request.Request(self.url + "/jsonrpc", data=body,
                                         headers={"Content-Type": "application/json"})
        with urllib.request.urlopen(request, timeout=60) as response:
            answer = json.loads(response.read().decode())
        if "error" in answer:
            raise AssertionError(answer["error"].get("data", {}).get("message") or answer["error"])
        return answer["result"]

    def _json2(self, model, method, args, kwargs):
        import urllib.error
        import urllib.request
        args = list(args)
        body = dict(kwargs)
        if method in self.JSON2_PARAMETERS:
            body.update(zip(self.JSON2_PARAMETERS[method], args))
        else:
            body["ids"] = args[0]
        request = urllib.request.Request(
            "%s/json/2/%s/%s" % (self.url, model, method), data=json.dumps(body).encode(),
            headers={"Content-Type": "application/json", "Authorization": "bearer %s" % self.password,
                     "X-Odoo-Database": self.database})
        try:
            with urllib.request.urlopen(request, timeout=60) as response:
                return json.loads(response.read().decode())
        except urllib.error.HTTPError as error:
            raise AssertionError(error.read().decode())

    def call(self, model, method, *args, **kwargs):
        if self.version >= 19:
            return self._json2(model, method, args, kwargs)
        return self._rpc("object", "execute_kw", self.database, self.uid, self.password, model, method,
                         list(args), kwargs)

    def crons(self, prefix):
        return self.call("ir.cron", "search_read", [("cron_name", "=like", prefix + "%")],
                         ["cron_name", "active", "ir_actions_server_id"], context={"active_test": False})

    def delete_crons(self, prefix):
        crons = self.crons(prefix)
        if crons:
            self.call("ir.cron", "unlink", [cron["id"] for cron in crons])
            self.call("ir.actions.server", "unlink", [cron["ir_actions_server_id"][0] for cron in crons])

    def host_vars(self):
        return {"odoo_url": self.url, "odoo_database": self.database, "odoo_username": self.login,
                "odoo_password": self.password}


def make_crons_by_hand(db, prefix):
    """Crons as people and hooks make them: code of every shape, users, priorities, external ids."""
    model_id = db.call("ir.model", "search", [("model", "=", "res.partner")])[0]
    common = {"model_id": model_id, "state": "code", "interval_number": 1, "interval_type": "hours",
              "user_id": SUPERUSER_ID}
    if db.version < 18:
        common["numbercall"] = -1
    crons = [
        {"name": prefix + "call", "code": "model.search_count([])"},
        {"name": prefix + "call with kwargs", "code": "model.search_read([['active', '=', True]], ['name'], limit=10)",
         "interval_number": 30, "interval_type": "minutes"},
        {"name": prefix + "tuple domain", "code": "model.search_count([('active', '=', True)])"},
        {"name": prefix + "private method", "code": "model._get_default_image('person', False, False)"},
        {"name": prefix + "two lines", "code": "partners = model.search([], limit=1)\npartners.read(['name'])",
         "interval_number": 1, "interval_type": "days"},
        {"name": prefix + "archived weekly", "code": "model.search_count([])", "active": False,
         "interval_number": 2, "interval_type": "weeks", "priority": 1, "user_id": db.uid},
    ]
    ids = db.call("ir.cron", "create", [dict(common, **cron) for cron in crons])
    run = prefix.split()[-1]
    db.call("ir.model.data", "create", [
        {"module": "__export__", "name": "ir_cron_%s_a" % run, "model": "ir.cron", "res_id": ids[0]},
        {"module": "odoo_ops_round_trip", "name": "cron_%s" % run, "model": "ir.cron", "res_id": ids[1]},
    ])
    return len(crons)


class Workspace:
    """An inventory of the source database and the destinations, and the directory the export files go to."""

    def __init__(self, directory, source, dests):
        self.directory = directory
        hosts = {"source": source.host_vars()}
        hosts.update((name, dest.host_vars()) for name, dest in dests.items())
        inventory = {"all": {"children": {"odoo_databases": {"hosts": hosts}}}}
        self.inventory = os.path.join(directory, "inventory.yml")
        with open(self.inventory, "w") as handle:
            yaml.safe_dump(inventory, handle)

    def file(self, host):
        return os.path.join(self.directory, "crons", host + ".yml")

    def playbook(self, name, hosts, *args, **extra_vars):
        """One run of a shipped playbook over ``hosts`` (a host name or a list: one play for all of them);
        (the process, {host: (changed, unreachable, failed)})."""
        hosts = [hosts] if isinstance(hosts, str) else list(hosts)
        env = dict(os.environ, ANSIBLE_COLLECTIONS_PATH=os.path.join(ROOT, "build", "collections"),
                   ANSIBLE_COLLECTIONS_SCAN_SYS_PATH="false", ANSIBLE_NOCOLOR="1", ANSIBLE_RETRY_FILES_ENABLED="0",
                   ANSIBLE_PYTHON_INTERPRETER=sys.executable)
        for variable in ("ODOO_URL", "ODOO_DATABASE", "ODOO_USERNAME", "ODOO_PASSWORD", "ODOO_API_KEY"):
            env.pop(variable, None)
        extra_vars.setdefault("export_crons_dir", os.path.join(self.directory, "crons"))
        command = [ANSIBLE_PLAYBOOK, "-i", self.inventory, os.path.join(PLAYBOOKS, name), "--limit", ",".join(hosts),
                   "--forks", str(len(hosts)), "-e", json.dumps(extra_vars)] + list(args)
        process = subprocess.run(command, env=env, cwd=self.directory, capture_output=True, text=True,
                                 timeout=300, check=False)
        recap = dict((m.group(1), m.groups()[1:]) for m in RECAP.finditer(process.stdout))
        return process, recap

    def ok(self, name, hosts, *args, **extra_vars):
        """Run a playbook that must succeed on every host; returns {host: how many tasks changed}."""
        process, recap = self.playbook(name, hosts, *args, **extra_vars)
        hosts = [hosts] if isinstance(hosts, str) else list(hosts)
        assert process.returncode == 0 and sorted(recap) == sorted(hosts), \
            process.stdout[-8000:] + process.stderr[-3000:]
        return dict((host, int(recap[host][0])) for host in hosts)


def declarations(path):
    with open(path) as handle:
        text = handle.read()
    body = "".join(line for line in text.splitlines(True) if not line.startswith("#"))
    return yaml.safe_load(text)["odoo_crons"], body


def round_trip(source, dests, directory):
    """The onboarding round trip from ``source`` to every database of ``dests`` ({host: Database}), each step one
    play over all the destinations at once, the way a fleet is onboarded."""
    prefix = "Round trip %s " % uuid.uuid4().hex[:8]
    work = Workspace(directory, source, dests)
    names = sorted(dests)
    try:
        count = make_crons_by_hand(source, prefix)
        export = {"export_crons_name_pattern": prefix}
        work.ok("export_crons.yml", "source", **export)
        exported, exported_body = declarations(work.file("source"))
        assert len(exported) == count
        assert [entry["name"] for entry in exported] == sorted(entry["name"] for entry in exported)
        with open(work.file("source")) as handle:
            header = handle.read().splitlines()[:3]
        assert header[0] == "---" and source.database in header[1] and re.search(r"\d{4}-\d\d-\d\d", header[2])

        from_source = {"apply_crons_file": work.file("source")}
        assert work.ok("apply_crons.yml", names, "--check", **from_source) == dict.fromkeys(names, 1)
        for name in names:
            assert dests[name].crons(prefix) == [], "check mode wrote on %s" % name
        assert work.ok("apply_crons.yml", names, **from_source) == dict.fromkeys(names, 1)
        work.ok("export_crons.yml", names, **export)
        for name in names:
            again, again_body = declarations(work.file(name))
            assert again == exported, name
            assert again_body == exported_body, name
        assert work.ok("apply_crons.yml", names, **from_source) == dict.fromkeys(names, 0)

        own_scope(work, dests, prefix, from_source, count)
        check_export_shapes(exported, prefix)
    finally:
        source.delete_crons(prefix)
        for dest in dests.values():
            dest.delete_crons(prefix)


def own_scope(work, dests, prefix, from_source, count):
    """A stray cron in the scope is archived (check mode first, then for real), then deleted."""
    names = sorted(dests)
    for dest in dests.values():
        model_id = dest.call("ir.model", "search", [("model", "=", "res.partner")])[0]
        dest.call("ir.cron", "create", [{"name": prefix + "stray", "model_id": model_id, "state": "code",
                                         "code": "model.search_count([])", "interval_number": 1,
                                         "interval_type": "days", **({"numbercall": -1} if dest.version < 18 else {})}])
    exclusive = dict(from_source, apply_crons_exclusive=True, apply_crons_scope={"name_prefix": prefix})
    process, recap = work.playbook("apply_crons.yml", names, "--check", "--diff", **exclusive)
    assert process.returncode == 0 and all(recap[name][0] == "1" for name in names), process.stdout[-5000:]
    assert process.stdout.count(prefix + "stray") >= len(names) and "active" in process.stdout  # the diff names it
    for name, dest in dests.items():
        assert all(c["active"] for c in dest.crons(prefix) if c["cron_name"].endswith("stray")), name
    assert work.ok("apply_crons.yml", names, **exclusive) == dict.fromkeys(names, 1)
    states = {}
    for name, dest in dests.items():
        states[name] = dict((c["cron_name"][len(prefix):], c["active"]) for c in dest.crons(prefix))
        assert states[name]["stray"] is False and len(states[name]) == count + 1, (name, states[name])
    assert work.ok("apply_crons.yml", names, **exclusive) == dict.fromkeys(names, 0)
    assert work.ok("apply_crons.yml", names, apply_crons_exclusive_action="delete", **exclusive) == \
        dict.fromkeys(names, 1)
    for name, dest in dests.items():
        assert sorted(c["cron_name"][len(prefix):] for c in dest.crons(prefix)) == sorted(
            cron for cron in states[name] if cron != "stray"), name


def check_export_shapes(exported, prefix):
    by_name = dict((entry["name"][len(prefix):], entry) for entry in exported)
    assert by_name["call"]["method"] == "search_count" and by_name["call"]["args"] == [[]]
    assert by_name["call"]["xml_id"].startswith("__export__.") and by_name["call"]["user"] == "base.user_root"
    assert by_name["call with kwargs"]["kwargs"] == {"limit": 10}
    assert by_name["call with kwargs"]["xml_id"].startswith("odoo_ops_round_trip.")
    assert by_name["call with kwargs"]["interval"] == "30 minutes"
    for shape in ("tuple domain", "private method", "two lines"):
        assert "code" in by_name[shape] and "method" not in by_name[shape], by_name[shape]
    archived = by_name["archived weekly"]
    assert (archived["active"], archived["interval"], archived["priority"]) == (False, "2 weeks", 1)
    assert archived["user"] not in ("base.user_root", None)
    for entry in exported:
        assert not set(entry) & {"numbercall", "doall", "nextcall", "state"}, entry
        assert "priority" not in entry or entry["priority"] != 5


def simulated(sim):
    # An API key, not admin/admin: Ansible masks the password wherever it appears in a result, and the
    # login "admin" is the user of exported crons.
    return Database(sim.url, "odoo", "admin", sim.api_key("admin"))


# The source is the oldest profile (crons made by hand there are what onboarding meets most); the destinations are
# every supported major the simulator has, all applied to in the same plays.
SOURCE_VERSION = "14.0"
DEST_VERSIONS = ("18.0", "19.0", "20.0")


def test_round_trip_between_simulated_databases(tmp_path):
    versions = [version for version in DEST_VERSIONS if version in PROFILES]
    assert versions, "no destination profile among %s" % (DEST_VERSIONS,)
    with contextlib.ExitStack() as stack:
        source = simulated(stack.enter_context(Simulator(version=SOURCE_VERSION)))
        sims = dict(("dest_%s" % version.split(".")[0], stack.enter_context(Simulator(version=version)))
                    for version in versions)
        for sim in sims.values():
            sim.reset_counters()
        round_trip(source, dict((name, simulated(sim)) for name, sim in sims.items()), str(tmp_path))
        for name, sim in sims.items():
            counters = sim.counters()
            assert counters["deprecated"] == 0 and counters["missing_models"] == {}, (name, counters)


def real_database(variable):
    url, database, login, password = os.environ[variable].split(" ", 3)
    return Database(url, database, login, password)


@pytest.mark.skipif(not (os.environ.get("ODOO_ROUND_TRIP_FROM") and os.environ.get("ODOO_ROUND_TRIP_TO")),
                    reason="set ODOO_ROUND_TRIP_FROM and ODOO_ROUND_TRIP_TO ('url database login password')")
def test_round_trip_between_real_databases(tmp_path):
    round_trip(real_database("ODOO_ROUND_TRIP_FROM"), {"dest": real_database("ODOO_ROUND_TRIP_TO")}, str(tmp_path))


def test_a_finite_numbercall_is_kept_and_refused_clearly_on_18(tmp_path):
    with Simulator(version="14.0") as source_sim, Simulator(version="18.0") as dest_sim:
        source, dest = simulated(source_sim), simulated(dest_sim)
        work = Workspace(str(tmp_path), source, {"dest": dest})
        model_id = source.call("ir.model", "search", [("model", "=", "res.partner")])[0]
        source.call("ir.cron", "create", [{"name": "Runs three more times", "model_id": model_id, "state": "code",
                                           "code": "model.search_count([])", "interval_number": 1,
                                           "interval_type": "days", "numbercall": 3, "doall": True}])
        work.ok("export_crons.yml", "source", export_crons_names=["Runs three more times"])
        exported, _body = declarations(work.file("source"))
        assert (exported[0]["numbercall"], exported[0]["doall"]) == (3, True)
        process, recap = work.playbook("apply_crons.yml", "dest", apply_crons_file=work.file("source"))
        assert process.returncode != 0 and recap["dest"][2] == "1"
        assert re.search(r"numbercall is not supported by this Odoo 18\.0 server", process.stdout), process.stdout
        assert dest.crons("Runs three") == []
