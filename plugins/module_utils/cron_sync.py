# -*- coding: utf-8 -*-
# Copyright: (c) 2026, odoo_ops.odoo contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Make declared crons true: read → desired → compare → diff → (check mode stops) → write.

One comparison serves check mode and the real run: the plan is computed once, and
check mode simply does not apply it.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import time

from ansible_collections.odoo_ops.odoo.plugins.module_utils.client import SUPERUSER_ID
from ansible_collections.odoo_ops.odoo.plugins.module_utils.cron_result import sync_result
from ansible_collections.odoo_ops.odoo.plugins.module_utils.cron_store import CronStore
from ansible_collections.odoo_ops.odoo.plugins.module_utils.cron_view import cron_view
from ansible_collections.odoo_ops.odoo.plugins.module_utils.errors import (
    OdooInputError,
    OdooServerError,
    OdooUnsupportedError,
)

# How the user's terms map to ir.cron fields (model and user are resolved to ids).
PLAIN_FIELDS = ("name", "active", "interval_number", "interval_type", "code", "priority", "nextcall",
                "numbercall", "doall")
VIEW_FIELDS = ("name", "active", "interval_number", "interval_type", "model", "code", "user", "priority",
               "nextcall", "numbercall", "doall")
CONCURRENT_CREATE_RETRIES = 3
# How long the plan waits, times the attempt, before it reads again crons that concurrent runs are creating.
RACE_SETTLE_SECONDS = 1.0


class Change:
    """What happens to one declared cron."""

    def __init__(self, declaration, record=None, xml_row=None):
        self.declaration = declaration
        self.record = record          # current ir.cron row, or None
        self.xml_row = xml_row        # its ir.model.data row when the xml id exists
        self.action = "none"          # none | create | update | delete
        self.values = {}              # what will be written, in Odoo's terms
        self.before = {}
        self.after = {}
        self.created_id = None        # id of the cron this run created
        self.warnings = []            # what the user should know about this change
        self.unverified = {}          # declared key -> why a planning step could not compare it (cron_code.py)

    @property
    def changed(self):
        return self.action != "none"


class CronSync:
    """Converge a list of CronDeclaration on one server."""

    def __init__(self, client, check_mode=False, unlimited_calls=False, store=None, steps=()):
        self.client = client
        self.check_mode = check_mode
        # odoo_whatsapp_sync wants numbercall -1 on every run where the field exists.
        self.unlimited_calls = unlimited_calls
        self.store = store or CronStore(client)
        # Further planning steps (e.g. cron_scope.CronScope): each may add crons to the one read of
        # the declared ones (read_domain(store) -> domain or None) and changes to the plan
        # (changes(changes, records, store) -> [Change], planned like the declared ones).
        self.steps = list(steps)

    def run(self, declarations):
        for attempt in range(CONCURRENT_CREATE_RETRIES):
            try:
                changes = self.plan(declarations)
                if self.check_mode:
                    return sync_result(changes, self.store)
                self.apply(changes)
                return sync_result(changes, self.store)
            except ConcurrentCreate:
                continue  # another run won the external ids: plan again, which now finds its crons
            except NameTakenMeanwhile as taken:
                if attempt == CONCURRENT_CREATE_RETRIES - 1:
                    raise taken.error
                time.sleep(RACE_SETTLE_SECONDS * (attempt + 1))  # the losers of a concurrent create roll back
        raise OdooServerError("another run kept creating the same crons at the same time; re-run the task")

    # -- plan -------------------------------------------------------------------------
    def plan(self, declarations):
        self._refuse_unsupported(declarations)
        changes, records = self._match(declarations)
        for step in self.steps:
            changes.extend(step.changes(changes, records, self.store))
        users = self._resolve_users(changes)
        models = self.store.resolve_models(self._models_to_resolve(changes))
        for change in changes:
            self._plan_one(change, users, models)
        return changes

    def _refuse_unsupported(self, declarations):
        for declaration in declarations:
            problem = self.store.schema.refusal(declaration.wanted)
            if problem:
                raise OdooUnsupportedError("%s: %s" % (declaration.where, problem))

    def _match(self, declarations):
        xml_rows = self.store.xml_ids_of("ir.cron", [d.xml_id for d in declarations])
        names = [d.name for d in declarations if d.name]
        extra = [step.read_domain(self.store) for step in self.steps]
        records = self.store.find_crons([row["res_id"] for row in xml_rows.values()], names, extra)
        # The schema may have been verified by the read above.
        self._refuse_unsupported(declarations)
        by_id = dict((record["id"], record) for record in records)
        changes = []
        for declaration in declarations:
            xml_row = xml_rows.get(declaration.xml_id)
            if xml_row and xml_row["res_id"] in by_id:
                changes.append(Change(declaration, by_id[xml_row["res_id"]], xml_row))
                continue
            # No (live) external id: the cron is the one with the declared name, if any,
            # archived ones included, so an old post-init hook's crons are adopted.
            same_name = [r for r in records if declaration.name and r.get("cron_name") == declaration.name]
            if len(same_name) > 1:
                error = OdooInputError(
                    "%s: %d crons are named %r (ids %s); delete or rename the extra ones, or declare an "
                    "xml_id of one of them" % (declaration.where, len(same_name), declaration.name,
                                               ", ".join(str(r["id"]) for r in same_name)))
                # With an external id not registered yet, twins may be concurrent runs' creates that have not
                # registered theirs (or rolled back) yet: look again before calling the name ambiguous.
                raise NameTakenMeanwhile(error) if declaration.xml_id else error
            changes.append(Change(declaration, same_name[0] if same_name else None, xml_row))
        return changes, records

    def _resolve_users(self, changes):
        references = [c.declaration.user for c in changes if c.declaration.user and c.declaration.state == "present"]
        record_users = [c.record["user_id"][0] for c in changes if c.record and c.record.get("user_id")]
        return self.store.resolve_users(references, record_users)

    @staticmethod
    def _models_to_resolve(changes):
        return [c.declaration.model for c in changes
                if c.declaration.state == "present" and c.declaration.model
                and (c.record is None or c.record.get("model_name") != c.declaration.model)]

    def _plan_one(self, change, users, models):
        declaration = change.declaration
        current = cron_view(change.record, self.store, declaration.xml_id) if change.record else None
        if declaration.state == "absent":
            if current:
                change.action = "delete"
                change.before = dict((k, current[k]) for k in VIEW_FIELDS if k in current)
                change.before["state"] = "present"
                change.after = {"state": "absent"}
            return
        wanted = self._wanted_view(declaration, users)
        if current is None:
            self._plan_create(change, wanted, models)
            return
        drift = dict((key, value) for key, value in wanted.items()
                     if key not in change.unverified and not _same(key, current.get(key), value))
        if drift.get("active") and not current.get("active"):
            drift.update(_reenabling(change, self.store.schema))
        if drift:
            change.action = "update"
            change.values = self._odoo_values(drift, models)
            change.before = self._printable(dict((key, current.get(key)) for key in drift))
            change.after = self._printable(dict(drift))
        if change.xml_row is None and declaration.xml_id:
            change.action = "update"  # adopted: it gets the declared external id
            change.before["xml_id"], change.after["xml_id"] = None, declaration.xml_id

    def _wanted_view(self, declaration, users):
        wanted = dict(declaration.wanted)
        if declaration.model:
            wanted["model"] = declaration.model
        if declaration.user:
            wanted["user_id"] = users[declaration.user]
        if self.unlimited_calls and self.store.schema.has("numbercall"):
            wanted.setdefault("numbercall", -1)
        return wanted

    def _plan_create(self, change, wanted, models):
        declaration = change.declaration
        missing = [option for option, present in (
            ("name", "name" in wanted), ("model", "model" in wanted),
            ("method or code", "code" in wanted),
            ("interval", "interval_number" in wanted)) if not present]
        if missing:
            raise OdooInputError(
                "%s: cron %r does not exist yet, and creating it needs %s" % (
                    declaration.where, declaration.label, ", ".join(missing)))
        values = self._odoo_values(wanted, models)
        values.setdefault("user_id", SUPERUSER_ID)  # base.user_root, as addons' XML crons do
        values["state"] = "code"
        if self.store.schema.has("numbercall"):
            # Odoo's default is 1: the cron would run once and archive itself.
            values.setdefault("numbercall", -1)
        change.action = "create"
        change.values = values
        change.before = {"state": "absent"}
        change.after = dict(wanted, state="present")
        change.after.pop("user_id", None)
        change.after["user"] = self.store.login_of(values["user_id"]) or declaration.user  # as results show it
        if "numbercall" in values:
            change.after["numbercall"] = values["numbercall"]

    @staticmethod
    def _odoo_values(view_values, models):
        values = dict((key, view_values[key]) for key in PLAIN_FIELDS if key in view_values)
        if "model" in view_values:
            values["model_id"] = models[view_values["model"]]
        if "user_id" in view_values:
            values["user_id"] = view_values["user_id"]
        return values

    # -- apply --------------------------------------------------------------------------
    def apply(self, changes):
        created = self._apply_creates([c for c in changes if c.action == "create"])
        self._register_xml_ids(changes, created)
        self._apply_updates([c for c in changes if c.action == "update" and c.values])
        self.store.delete_crons([c.record for c in changes if c.action == "delete"])

    def _apply_creates(self, creates):
        ids = self.store.create_crons([c.values for c in creates])
        for change, new_id in zip(creates, ids):
            change.created_id = new_id
        return creates

    def _register_xml_ids(self, changes, created):
        """External ids for created crons, and for adopted ones that had none."""
        wanted, dangling = {}, {}
        for change in changes:
            xml_id = change.declaration.xml_id
            if not xml_id:
                continue
            if change.action == "create":
                wanted[xml_id] = change.created_id
                if change.xml_row is not None:  # the id exists but its cron was deleted
                    dangling[xml_id] = change.xml_row
            elif change.action == "update" and change.xml_row is None:
                wanted[xml_id] = change.record["id"]
        if not wanted:
            return
        try:
            self.store.register_xml_ids("ir.cron", wanted, dangling)
        except OdooServerError as error:
            if not _is_unique_violation(error):
                raise
            # Another run created the same external id first: it won. Remove what this
            # run created and plan again, which now finds the winner's crons.
            self.store.delete_crons([{"id": c.created_id} for c in created])
            raise ConcurrentCreate()

    def _apply_updates(self, updates):
        groups = {}
        for change in updates:
            key = tuple(sorted(change.values.items()))
            groups.setdefault(key, []).append(change.record["id"])
        for key, ids in groups.items():
            self.store.write_crons(ids, dict(key))

    def _printable(self, values):
        """User ids shown as logins, as the user declared them."""
        if "user_id" in values:
            values = dict(values)
            values["user"] = self.store.login_of(values.pop("user_id"))
        return values


class ConcurrentCreate(Exception):
    """A concurrent run registered the same external id first."""


class NameTakenMeanwhile(Exception):
    """Several crons carry the declared name and none the declared external id: maybe concurrent creates."""

    def __init__(self, error):
        super(NameTakenMeanwhile, self).__init__(str(error))
        self.error = error


def _reenabling(change, schema):
    """A cron becomes active again: what else it needs to run, and what the user should know.

    Odoo deactivates crons itself: 14.0-17.0 when ``numbercall`` reaches 0 (``_process_job``), so it
    would stay idle unless numbercall is reset; 18.0+ after repeated failures (``_update_failure_count``,
    which resets ``failure_count`` as it deactivates, so a count still set means it was failing when
    someone archived it). odoo/addons/base/models/ir_cron.py of each branch.
    """
    record, declaration = change.record, change.declaration
    extra = {}
    label = "cron %r (id %s)" % (declaration.label, record["id"])
    if schema.has("numbercall") and record.get("numbercall") == 0 and "numbercall" not in declaration.wanted:
        extra["numbercall"] = -1
        change.warnings.append("%s had used up its numbercall, so Odoo had deactivated it; numbercall is set to -1 "
                               "(unlimited) so that it runs again" % label)
    if record.get("failure_count"):
        change.warnings.append("%s is re-enabled, but it was failing (%d failure(s) in a row since %s UTC); unless "
                               "the cause is fixed it will fail again and Odoo will deactivate it: read the "
                               "server log around its last run" % (label, record["failure_count"],
                                                                   record.get("first_failure_date") or "?"))
    return extra


def _same(key, current, wanted):
    if key == "code":
        return (current or "").strip() == (wanted or "").strip()
    return current == wanted


def _is_unique_violation(error):
    text = error.message.lower()
    return "unique" in text or "duplicate key" in text or "already exists" in text
