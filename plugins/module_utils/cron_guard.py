# -*- coding: utf-8 -*-
# Copyright: (c) 2026, odoo_ops.odoo contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""odoo_cron refuses to write a cron that cron health would call ``broken`` for a reason known at write time.

A planning step of CronSync (see ``CronSync.steps``) that adds no change: before anything is written, it
runs the read side's checks (cron_runnable.run_blockers, the ones health reports) on each declaration that
sets who runs a cron or on what: a cron to create, or one whose declared user or model differs from what it
has. An archived user, or a user without read access to the model, is refused with one line naming the
option and the reason, unless the declaration says ``allow_broken: true``; then it is written with a
warning. A model that does not exist, or a user that does not exist, is refused by the store already
(CronStore.resolve_models / resolve_users), whatever ``allow_broken`` says: Odoo cannot store such a cron.

What it costs: nothing when every such cron runs as the superuser (base.user_root, which bypasses access
rights); otherwise one request per task for the access rules of the models, and one for the users with their
groups, which replaces the plan's lookup of the declared logins.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.odoo_ops.odoo.plugins.module_utils.client import SUPERUSER_ID
from ansible_collections.odoo_ops.odoo.plugins.module_utils.cron_runnable import (
    RunFacts,
    read_access,
    read_users,
    run_blockers,
)
from ansible_collections.odoo_ops.odoo.plugins.module_utils.cron_spec import looks_like_xml_id
from ansible_collections.odoo_ops.odoo.plugins.module_utils.errors import OdooInputError


class RunnableGuard:
    """Refuse (or, with allow_broken, warn about) declarations health would call broken."""

    def read_domain(self, store):
        return None  # nothing more to read with the declared crons

    def __init__(self):
        self.users = {}  # {id: {'login', 'active', 'groups'}} read with the declared logins

    def changes(self, changes, records, store):
        present = [c for c in changes if c.declaration.state == "present"]
        self._read_declared_logins(store, [c.declaration.user for c in present if c.declaration.user])
        targets = self._targets(present, store)
        if targets:
            facts = self._facts(store, targets)
            for change, model, user_id in targets:
                self._check(change, model, user_id, facts)
        return []

    def _read_declared_logins(self, store, references):
        """One read of the declared logins with what the checks need; the store learns them, so the plan's
        own lookup of these users costs nothing more."""
        known = set(store.known_logins.values())
        logins = sorted(set(r for r in references if r not in known and r != "base.user_root"
                            and not looks_like_xml_id(r)))
        if logins:
            self.users = read_users(store.client, [], logins)
            store.known_logins.update((uid, user["login"]) for uid, user in self.users.items())

    @staticmethod
    def _targets(present, store):
        """(change, model, user id) of each declaration that would set a cron's user or model."""
        users = store.resolve_users([c.declaration.user for c in present if c.declaration.user])
        targets = []
        for change in present:
            declaration, record = change.declaration, change.record
            if not declaration.user and not declaration.model:
                continue  # the declaration says nothing about who runs the cron, or on what
            record_user = record["user_id"][0] if record and record.get("user_id") else None
            user_id = users[declaration.user] if declaration.user else (record_user if record else SUPERUSER_ID)
            model = declaration.model or (record or {}).get("model_name")
            if record and user_id == record_user and model == record.get("model_name"):
                continue  # nothing it declares about them would be written
            if user_id != SUPERUSER_ID:
                targets.append((change, model, user_id))
        return targets

    def _facts(self, store, targets):
        client = store.client
        # Declared models through the store, which refuses unknown ones and keeps them for the engine's plan.
        models = store.resolve_models([c.declaration.model for c, _m, _u in targets if c.declaration.model])
        kept = sorted(set(m for c, m, _u in targets if m and not c.declaration.model) - set(models))
        if kept:  # models of existing crons whose user changes
            models.update((row["model"], row["id"]) for row in client.search_read(
                "ir.model", [("model", "in", kept)], ["model"]))
        users = dict(self.users)
        unread = sorted(set(u for _c, _m, u in targets) - set(users))
        if unread:  # users given by external id, the connected user, the users of existing crons
            users.update(read_users(client, unread))
        return RunFacts(users, read_access(client, models), set(models))

    @staticmethod
    def _check(change, model, user_id, facts):
        declaration = change.declaration
        for option, reason in run_blockers(model, user_id, facts):
            if option == "model":
                continue  # CronStore.resolve_models refuses a model that does not exist, with its hint
            if not declaration.allow_broken:
                raise OdooInputError(
                    "%s: cron %r would be broken (option %s): %s; or set allow_broken=true to write it anyway"
                    % (declaration.where, declaration.label, option, reason))
            change.warnings.append("%s: cron %r is written although it is broken (allow_broken): %s"
                                   % (declaration.where, declaration.label, reason))


class AdoptionCheck:
    """Adoption by name is for crons without an external id: a declaration never takes another one's cron.

    CronSync adopts the cron with the declared name when the declared ``xml_id`` does not exist yet (an old
    post-init hook's crons). When that cron already has an external id, it is another declaration's (or an
    addon's): adopting it would give one cron two owners that undo each other on every run. The declaration
    then gets a cron of its own, with a warning naming both ids. Costs one read of external ids, only on a run
    that would adopt.
    """

    def read_domain(self, store):
        return None

    def changes(self, changes, records, store):
        adopting = [c for c in changes if c.declaration.state == "present" and c.declaration.xml_id
                    and c.xml_row is None and c.record is not None]
        if adopting:
            owners = store.xml_ids_for_records("ir.cron", [c.record["id"] for c in adopting])
            for change in adopting:
                other = owners.get(change.record["id"])
                if other and other != change.declaration.xml_id:
                    change.warnings.append(
                        "%s: the cron named %r (id %s) belongs to %s, so %s gets a cron of its own; delete one of "
                        "the two declarations if they mean the same cron" % (
                            change.declaration.where, change.declaration.name, change.record["id"], other,
                            change.declaration.xml_id))
                    change.record = None
        return []
