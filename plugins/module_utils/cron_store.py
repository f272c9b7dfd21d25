# -*- coding: utf-8 -*-
# Copyright: (c) 2026, odoo_ops.odoo contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Reads and writes of ir.cron and the records around it, in as few requests as possible.

Every lookup takes all declarations at once: one search_read for the crons, one for
their external ids, one for the users, one for the models, whatever their number.
Writes and deletes of crons go through a LockWait (scheduler_lock.py): while Odoo's
scheduler runs one of them, Odoo refuses them, and they are retried up to lock_timeout.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from datetime import datetime

from ansible_collections.odoo_ops.odoo.plugins.module_utils import access_rights
from ansible_collections.odoo_ops.odoo.plugins.module_utils.client import SUPERUSER_ID, SUPERUSER_LOGIN
from ansible_collections.odoo_ops.odoo.plugins.module_utils.cron_code import CODE_HIDDEN, is_code_refusal
from ansible_collections.odoo_ops.odoo.plugins.module_utils.cron_schema import CronSchema
from ansible_collections.odoo_ops.odoo.plugins.module_utils.cron_spec import looks_like_xml_id
from ansible_collections.odoo_ops.odoo.plugins.module_utils.errors import OdooAccessError, OdooInputError, OdooServerError
from ansible_collections.odoo_ops.odoo.plugins.module_utils.scheduler_lock import LockWait

CRON = "ir.cron"
XML_IDS = "ir.model.data"
# ir.cron's many2one fields that the store reads (ir_cron.py, and through _inherits ir_actions.py)
CRON_MANY2ONE = ("user_id", "model_id", "ir_actions_server_id")


def split_xml_id(xml_id):
    module, name = xml_id.split(".", 1)
    return module, name


def or_domain(*terms):
    """Odoo prefix notation for term1 OR term2 OR ...; empty terms are dropped.

    A term is a leaf ``(field, operator, value)`` or a domain already in prefix notation (a list).
    """
    terms = [term for term in terms if term]
    if not terms:
        return [("id", "=", 0)]
    domain = ["|"] * (len(terms) - 1)
    for term in terms:
        domain.extend(term if isinstance(term, list) else [term])
    return domain


def and_domain(*leaves):
    """Odoo prefix notation for leaf1 AND leaf2 AND ...; empty leaves are dropped (none: every record)."""
    leaves = [leaf for leaf in leaves if leaf]
    return ["&"] * (len(leaves) - 1) + leaves


class CronStore:
    def __init__(self, client, lock_wait=None):
        self.client = client
        # Without one, a write Odoo refuses because the cron runs fails at once.
        self.lock_wait = lock_wait or LockWait(timeout=0)
        self._names = {}  # cron id -> name, from the reads, for messages
        self._model_ids = {}  # technical name -> ir.model id, of the models that exist
        self.schema = CronSchema.guess(client.version)
        self.known_logins = {SUPERUSER_ID: SUPERUSER_LOGIN}
        if client.uid:  # unknown with JSON-2 (an API key, no login) until a task asked for it
            self.known_logins[client.uid] = client.username
        # What to tell the user when a declared model does not exist (overridable per caller).
        self.missing_model_hint = "check the technical name, and that the addon that defines it is installed"

    # -- external ids ---------------------------------------------------------------
    def xml_ids_of(self, model, xml_ids):
        """{xml_id: {'id': imd id, 'res_id': record id, 'noupdate': bool}} for the ones that exist.

        An external id is unique across all models (module + name), so one that names a
        record of another model is an error, not a miss that would be created again.
        """
        xml_ids = sorted(set(filter(None, xml_ids)))
        if not xml_ids:
            return {}
        pairs = [split_xml_id(xml_id) for xml_id in xml_ids]
        rows = self.client.search_read(XML_IDS, [
            ("module", "in", sorted(set(module for module, _name in pairs))),
            ("name", "in", sorted(set(name for _module, name in pairs))),
        ], ["module", "name", "model", "res_id", "noupdate"])
        found = dict(("%s.%s" % (row["module"], row["name"]), row) for row in rows)
        for xml_id in xml_ids:
            if xml_id in found and found[xml_id]["model"] != model:
                raise OdooInputError("%s already names a %s record (id %s), not a %s; choose another external id"
                                     % (xml_id, found[xml_id]["model"], found[xml_id]["res_id"], model))
        return dict((xml_id, found[xml_id]) for xml_id in xml_ids if xml_id in found)

    def xml_ids_for_records(self, model, record_ids):
        """{record id: 'module.name'} for records that have an external id (the first one)."""
        if not record_ids:
            return {}
        rows = self.client.search_read(XML_IDS, [("model", "=", model), ("res_id", "in", sorted(record_ids))],
                                       ["module", "name", "res_id"], order="id")
        result = {}
        for row in rows:
            result.setdefault(row["res_id"], "%s.%s" % (row["module"], row["name"]))
        return result

    def register_xml_ids(self, model, record_by_xml_id, dangling):
        """Give created records their external ids, noupdate so that addon upgrades leave them be."""
        fresh = [dict(zip(("module", "name"), split_xml_id(xml_id)), model=model, res_id=res_id, noupdate=True)
                 for xml_id, res_id in sorted(record_by_xml_id.items()) if xml_id not in dangling]
        if fresh:
            self.client.call(XML_IDS, "create", fresh)
        for xml_id, res_id in sorted(record_by_xml_id.items()):
            if xml_id in dangling:
                self.client.call(XML_IDS, "write", [dangling[xml_id]["id"]], {"res_id": res_id, "noupdate": True})

    # -- crons ----------------------------------------------------------------------
    @property
    def code_hidden(self):
        """Whether the connected user may not read the crons' code (cron_code.py); learnt by the first read."""
        return bool(self.client.capabilities.get(CODE_HIDDEN))

    def read_crons(self, domain):
        """search_read of ir.cron, archived included, with every field the server has (and the user may read)."""
        try:
            return self._read_crons(domain)
        except OdooAccessError as error:
            if self.code_hidden or not is_code_refusal(error):
                raise
            # not an administrator: read the rest, and let the caller say what it cannot compare or export
            self.client.capabilities[CODE_HIDDEN] = True
            return self._read_crons(domain)

    def _read_crons(self, domain):
        try:
            records = self._search_read_crons(domain)
        except OdooServerError as error:
            if self.schema.verified or "Invalid field" not in error.message:
                raise
            fields_info = self.client.call(CRON, "fields_get", attributes=["type"])
            self.schema = CronSchema.from_fields_get(fields_info, self.client.version)
            records = self._search_read_crons(domain)
        self._names.update((record["id"], record.get("cron_name")) for record in records)
        return records

    def _search_read_crons(self, domain):
        """The crons, and (JSON-2) the logins of their users in the same request: no res.users read later."""
        fields = [name for name in self.schema.read_fields if not (self.code_hidden and name == "code")]
        records, logins = self.client.search_read_logins(CRON, domain, fields, CRON_MANY2ONE, "user_id",
                                                         archived=True, order="id")
        self.known_logins.update(logins)
        return records

    def describe(self, operation, ids):
        """"write of cron 'Mail: send' (id 7)": what the lock timeout message names."""
        ids = sorted(ids)
        names = ", ".join("%r (id %s)" % (self._names[rid], rid) if self._names.get(rid) else "id %s" % rid
                          for rid in ids[:5])
        more = " and %d more" % (len(ids) - 5) if len(ids) > 5 else ""
        return "%s of cron%s %s%s" % (operation, "s" if len(ids) > 1 else "", names, more)

    def find_crons(self, ids, names, extra=()):
        """Crons by id or exact name, and those of the ``extra`` domains, in one read."""
        extra = [domain for domain in extra if domain]
        if not ids and not names and not extra:
            return []
        return self.read_crons(or_domain(ids and ("id", "in", sorted(ids)),
                                         names and ("cron_name", "in", sorted(names)), *extra))

    def create_crons(self, values_list):
        """Create the crons; a cron without a declared ``nextcall`` gets Odoo's own default, now (UTC), written
        by this run so that the result can say what Odoo stored (ir.cron ``nextcall = fields.Datetime(...,
        default=fields.Datetime.now)``, odoo/addons/base/models/ir_cron.py, 14.0 to 19.0)."""
        if not values_list:
            return []
        now = datetime.utcnow().strftime("%Y-%m-%d %H:%M:%S")
        for values in values_list:
            values.setdefault("nextcall", now)
        ids = self.client.call(CRON, "create", values_list)
        return ids if isinstance(ids, list) else [ids]

    def write_crons(self, ids, values):
        self.lock_wait.run(self.describe("write", ids), self.client.call, CRON, "write", sorted(ids), values)

    def delete_crons(self, records):
        """Unlink the crons, then the server actions they delegated to (which Odoo leaves behind)."""
        if not records:
            return
        if any("ir_actions_server_id" not in record for record in records):
            records = self.client.call(CRON, "read", sorted(r["id"] for r in records), ["ir_actions_server_id"])
        ids = sorted(record["id"] for record in records)
        self.lock_wait.run(self.describe("delete", ids), self.client.call, CRON, "unlink", ids)
        actions = sorted(set(record["ir_actions_server_id"][0] for record in records
                             if record.get("ir_actions_server_id")))
        if actions:
            self.client.call("ir.actions.server", "unlink", actions)

    # -- users and models -------------------------------------------------------------
    def resolve_users(self, references, record_user_ids=()):
        """Map user references (login or xml id) to ids, and learn the logins of ``record_user_ids``.

        Returns ({reference: id}); logins land in ``known_logins``. The superuser and the
        connected user are known without a request.
        """
        by_login = dict((login, uid) for uid, login in self.known_logins.items())
        resolved = {}
        for reference in set(references):
            if reference in by_login:
                resolved[reference] = by_login[reference]
            elif reference == "base.user_root":
                resolved[reference] = SUPERUSER_ID
        missing_refs = sorted(set(references) - set(resolved))
        missing_ids = sorted(set(record_user_ids) - set(self.known_logins))
        if missing_refs or missing_ids:
            # With JSON-2 the same read also asks for the connected login (client.connected_login_leaf)
            users = self.client.search_read("res.users", or_domain(
                missing_refs and ("login", "in", missing_refs), missing_ids and ("id", "in", missing_ids),
                self.client.connected_login_leaf()), ["login"], archived=True)
            self.client.note_users(users)
            if self.client.uid:
                self.known_logins[self.client.uid] = self.client.username
            for user in users:
                self.known_logins[user["id"]] = user["login"]
                if user["login"] in missing_refs:
                    resolved[user["login"]] = user["id"]
        self._resolve_user_xml_ids(references, resolved)
        return resolved

    def _resolve_user_xml_ids(self, references, resolved):
        candidates = [ref for ref in set(references) if ref not in resolved and looks_like_xml_id(ref)]
        if candidates:
            for xml_id, row in self.xml_ids_of("res.users", candidates).items():
                resolved[xml_id] = row["res_id"]
            self.resolve_users([], [resolved[ref] for ref in candidates if ref in resolved])
        unknown = sorted(set(references) - set(resolved))
        if unknown:
            raise OdooInputError(
                "user %r not found in Odoo: give the login of an existing user, or an external id "
                "such as base.user_root or base.user_admin (option user)" % unknown[0])

    def login_of(self, user_id):
        return self.known_logins.get(user_id)

    def resolve_models(self, model_names):
        """{technical name: ir.model id}; an unknown model fails with a hint about addons."""
        names = sorted(set(model_names))
        missing = [name for name in names if name not in self._model_ids]
        if missing:  # each model is read once per run (a planning step may have asked first)
            self._model_ids.update(access_rights.read_models(self.client, missing))
        found = dict((name, self._model_ids[name]) for name in names if name in self._model_ids)
        unknown = [name for name in names if name not in found]
        if unknown:
            raise OdooInputError("model %r does not exist in this Odoo database (option model): %s"
                                 % (unknown[0], self.missing_model_hint))
        return found

    # -- ownership ------------------------------------------------------------------------
    def all_xml_ids(self, model):
        """{record id: ['module.name', ...]} for every record of ``model`` that has an external id."""
        rows = self.client.search_read(XML_IDS, [("model", "=", model)], ["module", "name", "res_id"], order="id")
        result = {}
        for row in rows:
            result.setdefault(row["res_id"], []).append("%s.%s" % (row["module"], row["name"]))
        return result

    def installed_modules(self, names):
        """The addons among ``names`` that are installed (ir.module.module state 'installed')."""
        names = sorted(set(names))
        if not names:
            return []
        rows = self.client.search_read("ir.module.module", [("name", "in", names), ("state", "=", "installed")],
                                       ["name"])
        return sorted(row["name"] for row in rows)
