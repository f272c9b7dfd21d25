# -*- coding: utf-8 -*-
# Copyright: (c) 2026, odoo_ops.odoo contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r'''
name: odoo_databases
short_description: The databases of one or more Odoo servers as inventory hosts
version_added: "1.1.0"
description:
  - Asks each server in O(servers) for its databases (C(/web/database/list), no credentials needed) and its version
    (C(/web/webclient/version_info), or C(/web/version) when that fails), then makes one host per database.
  - Every host gets the host vars C(odoo_url), C(odoo_database), C(odoo_version) (the C(server_version) the server
    reports, for example V(18.0) or V(17.0+e)), C(odoo_major_version) (an integer), C(odoo_server) (the server's
    O(servers[].name)) and C(odoo_validate_certs), then the server's O(servers[].vars), then O(compose).
  - Every host is in the group O(group), in C(odoo_<major>) (for example C(odoo_18)) and in C(odoo_server_<name>);
    O(groups) and O(keyed_groups) add more.
  - A server that cannot be reached, or answers something that is not Odoo, gives a warning and its databases are
    missing; the other servers are listed. With O(unreachable=fail) it fails the whole inventory instead, naming the
    server, so that a scheduled job does not go green while a server is down.
  - A server started with C(list_db = False) refuses to list its databases; give them in O(servers[].databases).
    Where the list is available, O(servers[].databases) and O(servers[].database_regex) narrow it.
  - The inventory needs no credentials. Plays take the user and password from vault or the environment, as with any
    other inventory.
  - The source file must be named C(odoo_databases.yml), C(odoo_databases.yaml), or end with C(.odoo_databases.yml)
    or C(.odoo_databases.yaml).
author:
  - odoo_ops.odoo contributors (@odoo-ops)
extends_documentation_fragment:
  - ansible.builtin.constructed
  - ansible.builtin.inventory_cache
options:
  plugin:
    description: Marks the file as a source of this plugin.
    type: str
    required: true
    choices: [odoo_ops.odoo.odoo_databases]
  servers:
    description: The Odoo servers. Each entry needs O(servers[].url); the other keys override the options of the same
      name for that server.
    type: list
    elements: dict
    required: true
    suboptions:
      url:
        description: Base URL of the server, for example V(https://erp.example.com).
        type: str
        required: true
      name:
        description:
          - Short name of the server, used in host names (see O(hostname_format)) and in the group
            C(odoo_server_<name>). Letters, digits, C(_), C(.) and C(-).
          - Default the URL's host name, with C(_<port>) when the URL has a port.
        type: str
      databases:
        description: Overrides O(databases) for this server.
        type: list
        elements: str
      database_regex:
        description: Overrides O(database_regex) for this server.
        type: str
      validate_certs:
        description: Overrides O(validate_certs) for this server.
        type: bool
      ca_path:
        description: Overrides O(ca_path) for this server.
        type: path
      timeout:
        description: Overrides O(timeout) for this server.
        type: int
      vars:
        description: Host vars for every database of this server, for example C(odoo_username).
        type: dict
  databases:
    description:
      - Only these databases. Where a server lists its databases, a name it does not list is left out with a warning;
        where it hides the list (C(list_db = False)), these names are taken as they are.
      - Empty means every database the server lists.
    type: list
    elements: str
    default: []
  database_regex:
    description: Only databases whose whole name matches this Python regular expression.
    type: str
  validate_certs:
    description: Check the servers' TLS certificates. Also given to the hosts as C(odoo_validate_certs).
    type: bool
    default: true
  ca_path:
    description: PEM file of the certificate authorities to trust instead of the system's.
    type: path
  timeout:
    description: Seconds to wait for each answer.
    type: int
    default: 10
  group:
    description: The group every database joins (the collection's playbooks run on C(odoo_databases)).
    type: str
    default: odoo_databases
  hostname_format:
    description: The host name of a database; C({database}) and C({server}) (the server's name) are replaced.
    type: str
    default: "{database}@{server}"
  unreachable:
    version_added: "1.1.0"
    description:
      - What a server that cannot be reached (or answers something that is not Odoo, or hides its database list
        while O(servers[].databases) names none) does to the inventory.
      - V(warn) leaves its databases out with a warning and lists the other servers.
      - V(fail) fails the inventory source with one error per such server, so C(ansible-inventory) and
        C(ansible-playbook) stop with an error naming it. For that run the plugin sets Ansible's
        C(inventory_any_unparsed_is_failed), without which a failed source is only a warning and the play would run
        on no host. Use it for scheduled drift and health jobs.
      - Also read from the environment variable E(ODOO_INVENTORY_UNREACHABLE) when the source file does not set it,
        so that one inventory serves a merge request's plan (V(warn)) and the scheduled jobs (V(fail)).
    type: str
    choices: [warn, fail]
    default: warn
    env:
      - name: ODOO_INVENTORY_UNREACHABLE
  connection_local:
    description:
      - Set C(ansible_connection=local) and C(ansible_python_interpreter) to the Python running Ansible on every host,
        because the modules talk HTTP to Odoo from the controller.
      - Set V(false) to choose the connection yourself (group_vars, O(servers[].vars) or O(compose)).
    type: bool
    default: true
notes:
  - Two requests per server, whatever the number of databases; servers are asked in parallel.
  - With O(cache=true) the answers are kept in the configured inventory cache; the servers are asked again when the
    cached answers are of other servers or one of them had failed.
'''

EXAMPLES = r'''
# inventory/odoo.odoo_databases.yml
plugin: odoo_ops.odoo.odoo_databases
servers:
  - url: https://erp.example.com
    name: erp
    database_regex: "client_.*"
  - url: https://legacy.example.com
    name: legacy
    databases: [production]        # this server runs with list_db = False
    vars:
      odoo_username: ansible-legacy
compose:
  odoo_is_production: odoo_database is match('.*prod.*')
keyed_groups:
  - key: odoo_server
    prefix: site

# ansible-inventory -i inventory/odoo.odoo_databases.yml --graph
# ansible-playbook -i inventory playbooks/whatsapp_sync.yml --limit odoo_18
'''

import json
import re
import sys
from concurrent.futures import ThreadPoolExecutor
from urllib.parse import urlsplit

from ansible import constants as C
from ansible.errors import AnsibleParserError
from ansible.module_utils.common.text.converters import to_native, to_text
from ansible.module_utils.parsing.convert_bool import boolean
from ansible.module_utils.urls import open_url
from ansible.plugins.inventory import BaseInventoryPlugin, Cacheable, Constructable

SERVER_KEYS = ("url", "name", "databases", "database_regex", "validate_certs", "ca_path", "timeout", "vars")
FILE_NAMES = ("odoo_databases.yml", "odoo_databases.yaml")
FILE_SUFFIXES = (".odoo_databases.yml", ".odoo_databases.yaml")
MAX_PARALLEL = 8


class ServerError(Exception):
    """A server that could not be listed: the text of the warning."""


def server_name(url):
    """Default name of a server: its host, and _<port> when the URL names one."""
    parts = urlsplit(url)
    return re.sub(r"[^A-Za-z0-9_.-]", "_", parts.hostname + ("_%d" % parts.port if parts.port else ""))


def group_suffix(name):
    return re.sub(r"[^A-Za-z0-9_]", "_", name)


def major_of(version_info, version):
    """14 from [14, 0, 0, 'final', 0, ''], 17 from ['saas~17', 2, ...] or from '17.0+e'."""
    for value in (version_info[0] if version_info else None, version):
        found = re.search(r"\d+", to_text(value)) if value is not None else None
        if found:
            return int(found.group(0))
    raise ServerError("its version %r has no major number" % (version,))


def select_databases(listed, wanted, regex):
    """(databases to list, names in ``wanted`` the server does not have); ``listed`` is None when hidden."""
    names = list(wanted) if listed is None else [name for name in listed if not wanted or name in wanted]
    missing = [] if listed is None else [name for name in wanted if name not in listed]
    if regex:
        names = [name for name in names if regex.fullmatch(name)]
    return names, missing


class InventoryModule(BaseInventoryPlugin, Constructable, Cacheable):

    NAME = "odoo_ops.odoo.odoo_databases"

    def verify_file(self, path):
        name = to_text(path).replace("\\", "/").rsplit("/", 1)[-1]
        return super(InventoryModule, self).verify_file(path) and (name in FILE_NAMES or name.endswith(FILE_SUFFIXES))

    def parse(self, inventory, loader, path, cache=True):
        super(InventoryModule, self).parse(inventory, loader, path, cache)
        self._read_config_data(path)
        if not self.get_option("servers"):
            raise AnsibleParserError("servers must list at least one server: [{url: https://erp.example.com}]")
        servers = [self._server_settings(index, entry) for index, entry in enumerate(self.get_option("servers"))]
        self._check_names(servers)
        found = self._cached(path, servers) if cache else None
        if found is None:
            found = self._discover(servers)
            if self.get_option("cache"):
                self._cache[self.get_cache_key(path)] = found
        if self.get_option("unreachable") not in ("warn", "fail"):
            raise AnsibleParserError("unreachable must be warn or fail, got %r" % (self.get_option("unreachable"),))
        problems = [problem for problem in (self._populate_server(server, answer)
                                            for server, answer in zip(servers, found)) if problem]
        if problems and self.get_option("unreachable") == "fail":
            # A failed source is only a warning unless this is set: Ansible would then run the play on no hosts
            # (ansible/inventory/manager.py, parse_source).
            C.INVENTORY_ANY_UNPARSED_IS_FAILED = True
            raise AnsibleParserError("odoo_databases (unreachable=fail): %s" % "; ".join(problems))

    def _cached(self, path, servers):
        """The cached answers when they are of these servers and none of them failed, else None."""
        if not self.get_option("cache"):
            return None
        found = self._cache.get(self.get_cache_key(path))
        if not isinstance(found, list) or [answer.get("url") for answer in found] != [s["url"] for s in servers]:
            return None
        return None if any("error" in answer for answer in found) else found

    # -- settings ----------------------------------------------------------------------------------
    def _server_settings(self, index, entry):
        """One entry of ``servers`` with the plugin-wide options filled in, checked."""
        where = "servers[%d]" % index
        if not isinstance(entry, dict):
            raise AnsibleParserError("%s must be a dictionary with at least url, got %r" % (where, entry))
        unknown = sorted(set(entry) - set(SERVER_KEYS))
        if unknown:
            raise AnsibleParserError("%s: unknown key(s) %s; allowed: %s"
                                     % (where, ", ".join(unknown), ", ".join(SERVER_KEYS)))
        url = to_text(entry.get("url") or "").strip().rstrip("/")
        try:
            default_name = server_name(url) if re.match(r"^https?://[^/\s]+", url) else None
        except (TypeError, ValueError):
            default_name = None
        if not default_name:
            raise AnsibleParserError("%s.url must be an http:// or https:// URL, got %r" % (where, entry.get("url")))
        settings = {"url": url, "where": where}
        for key in ("databases", "database_regex", "validate_certs", "ca_path", "timeout"):
            settings[key] = entry[key] if entry.get(key) is not None else self.get_option(key)
        settings["name"] = to_text(entry.get("name") or default_name)
        settings["vars"] = entry.get("vars") or {}
        return self._checked(settings)

    def _checked(self, settings):
        where = settings["where"]
        if not re.match(r"^[A-Za-z0-9_.-]+$", settings["name"]):
            raise AnsibleParserError("%s.name may hold letters, digits, '_', '.' and '-', got %r"
                                     % (where, settings["name"]))
        if not isinstance(settings["databases"], list) or not all(isinstance(db, str) for db in settings["databases"]):
            raise AnsibleParserError("%s.databases must be a list of names, got %r" % (where, settings["databases"]))
        if not isinstance(settings["vars"], dict):
            raise AnsibleParserError("%s.vars must be a dictionary, got %r" % (where, settings["vars"]))
        try:
            settings["validate_certs"] = boolean(settings["validate_certs"], strict=True)
            settings["timeout"] = int(settings["timeout"])
        except (TypeError, ValueError) as exc:
            raise AnsibleParserError("%s: validate_certs must be a boolean and timeout a number: %s"
                                     % (where, to_native(exc)))
        if settings["timeout"] < 1:
            raise AnsibleParserError("%s.timeout must be at least 1 second, got %d" % (where, settings["timeout"]))
        try:
            settings["regex"] = re.compile(settings["database_regex"]) if settings["database_regex"] else None
        except re.error as exc:
            raise AnsibleParserError("%s.database_regex %r is not a valid regular expression: %s"
                                     % (where, settings["database_regex"], exc))
        return settings

    def _check_names(self, servers):
        seen = {}
        for server in servers:
            if server["name"] in seen:
                raise AnsibleParserError("%s and %s have the same name %r: give one of them another name"
                                         % (seen[server["name"]], server["where"], server["name"]))
            seen[server["name"]] = server["where"]
        try:
            self.get_option("hostname_format").format(database="db", server="server")
        except (KeyError, IndexError, ValueError) as exc:
            raise AnsibleParserError("hostname_format may only use {database} and {server}: %s" % to_native(exc))

    # -- asking the servers ------------------------------------------------------------------------
    def _discover(self, servers):
        """One answer per server, in order: {"version", "major", "databases" (None when hidden)} or {"error"}."""
        with ThreadPoolExecutor(max_workers=max(1, min(MAX_PARALLEL, len(servers)))) as pool:
            return list(pool.map(self._ask, servers))

    def _ask(self, server):
        try:
            version, major = self._version(server)
            return {"url": server["url"], "version": version, "major": major, "databases": self._listed(server)}
        except ServerError as exc:
            return {"url": server["url"], "error": to_text(exc)}

    def _request(self, server, path, body=None):
        """The JSON answer of GET (body None) or POST to ``path``; ServerError when there is none."""
        url = server["url"] + path
        data = None if body is None else json.dumps(body)
        headers = {"Content-Type": "application/json", "Accept": "application/json"}
        try:
            response = open_url(url, data=data, headers=headers, method="GET" if body is None else "POST",
                                validate_certs=server["validate_certs"], ca_path=server["ca_path"],
                                timeout=server["timeout"], http_agent="odoo_ops.odoo inventory")
            answer = json.loads(to_text(response.read()))
        except ValueError:
            raise ServerError("%s did not answer JSON: is it an Odoo server?" % url)
        except Exception as exc:  # open_url raises urllib, socket, ssl and http.client errors alike
            raise ServerError("%s: %s" % (url, to_native(exc)))
        if not isinstance(answer, dict):
            raise ServerError("%s answered %r, not an Odoo answer" % (url, answer))
        return answer

    def _call(self, server, path):
        """The result of a JSON-RPC route with no parameters; a JSON-RPC error is returned as {"error": ...}."""
        answer = self._request(server, path, {"jsonrpc": "2.0", "method": "call", "params": {}, "id": 1})
        if "error" in answer:
            return {"error": answer["error"]}
        if "result" not in answer:
            raise ServerError("%s%s answered no JSON-RPC result" % (server["url"], path))
        return {"result": answer["result"]}

    def _version(self, server):
        """(server_version, major) from /web/webclient/version_info (auth none: addons/web/controllers
        main.py on 14.0, webclient.py from 16.0, still on master), else GET /web/version (19.0+:
        addons/rpc/controllers/__init__.py, {"version_info": [...], "version": "19.0"})."""
        try:
            info = self._call(server, "/web/webclient/version_info").get("result")
            failure = None if isinstance(info, dict) else ServerError(
                "%s/web/webclient/version_info answered no version" % server["url"])
        except ServerError as exc:
            info, failure = None, exc
        if failure is not None:
            try:
                answer = self._request(server, "/web/version")
            except ServerError:
                raise failure
            info = {"server_version": answer.get("version"), "server_version_info": answer.get("version_info")}
        if not info.get("server_version"):
            raise ServerError("%s answered no Odoo version" % server["url"])
        return to_text(info["server_version"]), major_of(info.get("server_version_info"), info["server_version"])

    def _listed(self, server):
        """Database names from /web/database/list, or None when the server hides them.

        Database.list() (addons/web/controllers/main.py on 14.0, database.py from 16.0 to 19.0 and master)
        returns odoo/http.py db_list(), which calls odoo/service/db.py list_dbs(): with list_db = False it
        raises AccessDenied (a JSON-RPC error), else the names (db_name's when set without dbfilter),
        sorted, filtered by dbfilter."""
        answer = self._call(server, "/web/database/list")
        if "error" in answer:
            data = answer["error"].get("data") if isinstance(answer["error"], dict) else None
            if isinstance(data, dict) and data.get("name") == "odoo.exceptions.AccessDenied":
                return None
            raise ServerError("%s/web/database/list failed: %s" % (server["url"], answer["error"]))
        if not isinstance(answer["result"], list):
            raise ServerError("%s/web/database/list answered %r" % (server["url"], answer["result"]))
        return [to_text(name) for name in answer["result"]]

    # -- the inventory -----------------------------------------------------------------------------
    def _populate_server(self, server, answer):
        """Add the server's databases; the text of the problem when its databases cannot be listed."""
        if "error" in answer:
            return self._left_out("server %s (%s) left out: %s" % (server["name"], server["url"], answer["error"]))
        if answer["databases"] is None and not server["databases"]:
            return self._left_out("server %s (%s) hides its database list (list_db = False): name its databases "
                                  "in servers[].databases" % (server["name"], server["url"]))
        names, missing = select_databases(answer["databases"], server["databases"], server["regex"])
        if missing:
            self.display.warning("odoo_databases: server %s does not list the database(s) %s"
                                 % (server["name"], ", ".join(missing)))
        for database in names:
            self._add_database(server, answer, database)
        return None

    def _left_out(self, problem):
        if self.get_option("unreachable") != "fail":
            self.display.warning("odoo_databases: " + problem)
        return problem

    def _add_database(self, server, answer, database):
        host = self.get_option("hostname_format").format(database=database, server=server["name"])
        groups = (self.get_option("group"), "odoo_%d" % answer["major"], "odoo_server_" + group_suffix(server["name"]))
        for group in groups:
            self.inventory.add_group(group)
        self.inventory.add_host(host, group=groups[0])
        for group in groups[1:]:
            self.inventory.add_child(group, host)
        variables = {"odoo_url": server["url"], "odoo_database": database, "odoo_version": answer["version"],
                     "odoo_major_version": answer["major"], "odoo_server": server["name"],
                     "odoo_validate_certs": server["validate_certs"]}
        if self.get_option("connection_local"):
            variables.update(ansible_connection="local", ansible_python_interpreter=sys.executable)
        variables.update(server["vars"])
        for name, value in variables.items():
            self.inventory.set_variable(host, name, value)
        strict = self.get_option("strict")
        hostvars = self.inventory.get_host(host).get_vars()
        self._set_composite_vars(self.get_option("compose"), hostvars, host, strict=strict)
        self._add_host_to_composed_groups(self.get_option("groups"), hostvars, host, strict=strict)
        self._add_host_to_keyed_groups(self.get_option("keyed_groups"), hostvars, host, strict=strict)
