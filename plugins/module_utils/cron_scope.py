# -*- coding: utf-8 -*-
# Copyright: (c) 2026, odoo_ops.odoo contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""odoo_cron's ``exclusive``: the task owns a scope of crons, and the ones it does not declare go.

A planning step of CronSync (see ``CronSync.steps``), not a branch of the engine: it adds the
scope's crons to the engine's one read of the declared crons, then adds an archive (or delete)
change for each cron inside the scope that no declaration matched. The engine plans, shows (check
mode, diff) and writes those changes like any other, so archiving them all is one ``write``.

What it costs: one read of the external ids of all crons (a few hundred rows at most), and a read
of ``ir.module.module`` only when a cron it would touch has an external id of a module the scope
does not name, to refuse touching the crons of an installed addon (they belong to the addon: it
may rely on them, and its upgrades may reset them) unless the scope names that addon.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import re

from ansible_collections.odoo_ops.odoo.plugins.module_utils.cron_args import EXCLUSIVE_ACTIONS, SCOPE_KEYS
from ansible_collections.odoo_ops.odoo.plugins.module_utils.cron_spec import CronDeclaration, check_model_name
from ansible_collections.odoo_ops.odoo.plugins.module_utils.cron_store import CRON, and_domain
from ansible_collections.odoo_ops.odoo.plugins.module_utils.cron_sync import Change
from ansible_collections.odoo_ops.odoo.plugins.module_utils.errors import OdooInputError

_MODULE_NAME = re.compile(r"^[A-Za-z0-9_]+$")


def scope_steps(params):
    """[CronScope] when the task says ``exclusive: true``, else []; bad options raise first."""
    scope = params.get("scope")
    if not params.get("exclusive"):
        if scope and any(scope.get(key) for key in SCOPE_KEYS):
            raise OdooInputError("scope is used only with exclusive=true, which archives or deletes the crons of "
                                 "the scope that the task does not declare")
        return []
    return [CronScope(scope, params.get("exclusive_action") or "archive")]


class CronScope:
    """The crons selected by every given criterion of ``scope``; undeclared ones are archived or deleted."""

    def __init__(self, scope, action="archive"):
        scope = scope or {}
        self.modules = sorted(set(self._checked_module(name) for name in scope.get("xml_module") or []))
        self.name_prefix = scope.get("name_prefix") or None
        self.model = scope.get("model") or None
        if not (self.modules or self.name_prefix or self.model):
            raise OdooInputError(
                "exclusive=true needs a scope: give scope.xml_module, scope.name_prefix and/or scope.model "
                "(an empty scope would take every cron of the database)")
        if self.model:
            check_model_name(self.model, "scope.model")
        if action not in EXCLUSIVE_ACTIONS:
            raise OdooInputError("exclusive_action %r is not one of %s" % (action, ", ".join(EXCLUSIVE_ACTIONS)))
        self.action = action
        self.xml_ids = {}

    @staticmethod
    def _checked_module(name):
        if not _MODULE_NAME.match(name or ""):
            raise OdooInputError(
                "scope.xml_module %r is not a module name: give the module part of the crons' external ids, "
                "e.g. my_ops for my_ops.ir_cron_cleanup" % (name,))
        return name

    # -- planning step ------------------------------------------------------------------
    def read_domain(self, store):
        """The scope as a domain, read with the declared crons (a superset: ``contains`` decides)."""
        self.xml_ids = store.all_xml_ids(CRON)
        in_modules = None
        if self.modules:
            in_modules = ("id", "in", sorted(rid for rid, xml_ids in self.xml_ids.items()
                                             if self._owned_by_named_module(xml_ids)))
        # =like is a superset of "starts with" (its % and _ are wildcards); a backslash would be
        # PostgreSQL's escape character, so such a prefix is checked only by ``contains``.
        named = None
        if self.name_prefix and "\\" not in self.name_prefix:
            named = ("cron_name", "=like", self.name_prefix + "%")
        # No criterion the server can check (a prefix with a backslash alone): read every cron.
        return and_domain(in_modules, named, self.model and ("model_name", "=", self.model)) or [("id", "!=", 0)]

    def contains(self, record):
        return ((not self.modules or self._owned_by_named_module(self.xml_ids.get(record["id"], [])))
                and (not self.name_prefix or (record.get("cron_name") or "").startswith(self.name_prefix))
                and (not self.model or record.get("model_name") == self.model))

    def changes(self, changes, records, store):
        """An archive or delete change for each cron of the scope that no declaration matched."""
        declared = set(change.record["id"] for change in changes if change.record)
        targets = [record for record in records if record["id"] not in declared and self.contains(record)
                   and (self.action == "delete" or record.get("active"))]
        self._refuse_addon_crons(targets, store)
        return [self._change(record) for record in sorted(targets, key=lambda record: record["id"])]

    def _change(self, record):
        xml_ids = self.xml_ids.get(record["id"], [])
        options = {"name": record.get("cron_name"), "xml_id": xml_ids[0] if xml_ids else None}
        if self.action == "delete":
            options["state"] = "absent"
        else:
            options["active"] = False
        declaration = CronDeclaration(options, where="scope")
        # The external id exists: a row stands for it, so the engine does not register it again.
        return Change(declaration, record, xml_row={"res_id": record["id"]} if xml_ids else None)

    def _refuse_addon_crons(self, targets, store):
        owners = {}  # module -> external ids of crons it would touch
        for record in targets:
            for xml_id in self.xml_ids.get(record["id"], []):
                module = xml_id.split(".", 1)[0]
                # __export__ ids are made by Odoo's own export (odoo/models.py __ensure_xml_id, 14.0;
                # odoo/orm/models.py on 19.0), never by an addon; no module's name starts with "__".
                if module not in self.modules and not module.startswith("__"):
                    owners.setdefault(module, []).append(xml_id)
        installed = store.installed_modules(owners)
        if installed:
            xml_ids = sorted(xml_id for module in installed for xml_id in owners[module])
            raise OdooInputError(
                "scope: exclusive_action=%s would touch crons of the installed addon(s) %s (%s); declare them, "
                "narrow the scope, or name the addon in scope.xml_module to manage its crons"
                % (self.action, ", ".join(installed), ", ".join(xml_ids)))

    def _owned_by_named_module(self, xml_ids):
        return any(xml_id.split(".", 1)[0] in self.modules for xml_id in xml_ids)
