# -*- coding: utf-8 -*-
# Copyright: (c) 2026, odoo_ops.odoo contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Read crons as data: the "Check Cron Status" of the collection."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.odoo_ops.odoo.plugins.module_utils.cron_health import HealthFacts, cron_health, is_unhealthy
from ansible_collections.odoo_ops.odoo.plugins.module_utils.cron_spec import check_model_name, check_xml_id
from ansible_collections.odoo_ops.odoo.plugins.module_utils.cron_store import CronStore
from ansible_collections.odoo_ops.odoo.plugins.module_utils.cron_view import cron_view


def cron_filters(names=None, name_pattern=None, xml_ids=None, model=None, active=None):
    """Validate the filters before any request; returns them normalised."""
    for xml_id in xml_ids or []:
        check_xml_id(xml_id)
    if model:
        check_model_name(model)
    return dict(names=list(names or []), name_pattern=name_pattern, xml_ids=list(xml_ids or []),
                model=model, active=active)


def read_crons(client, filters, health=None):
    """Crons matching every given filter, archived ones included unless ``active`` says otherwise.

    ``health``: None, or {'grace': timedelta or None, 'unhealthy_only': bool} to give each cron its
    health (cron_health.py), in a constant number of requests.
    """
    store = CronStore(client)
    domain = []
    if filters["xml_ids"]:
        rows = store.xml_ids_of("ir.cron", filters["xml_ids"])
        domain.append(("id", "in", sorted(row["res_id"] for row in rows.values())))
    if filters["names"]:
        domain.append(("cron_name", "in", filters["names"]))
    if filters["name_pattern"]:
        domain.append(("cron_name", "ilike", filters["name_pattern"]))
    if filters["model"]:
        domain.append(("model_name", "=", filters["model"]))
    if filters["active"] is not None:
        domain.append(("active", "=", bool(filters["active"])))
    records = store.read_crons(domain)
    xml_ids = store.xml_ids_for_records("ir.cron", [record["id"] for record in records])
    facts = HealthFacts.read(client, records) if health is not None else None
    if facts:
        store.known_logins.update((uid, user["login"]) for uid, user in facts.users.items())
    else:
        store.resolve_users([], [record["user_id"][0] for record in records if record.get("user_id")])
    crons = [cron_view(record, store, xml_ids.get(record["id"])) for record in records]
    if facts:
        for cron, record in zip(crons, records):
            cron["health"] = cron_health(record, facts, grace=health["grace"])
        if health["unhealthy_only"]:
            crons = [cron for cron in crons if is_unhealthy(cron["health"])]
    return crons, store.schema
