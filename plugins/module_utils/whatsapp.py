# -*- coding: utf-8 -*-
# Copyright: (c) 2026, odoo_ops.odoo contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The WhatsApp Integration addon's three sync crons, as one declarative unit.

This replaces the addon's post-init hook and its "Create Cron Jobs", "Check Cron
Status" and "Sync Now" buttons. The crons are plain odoo_cron declarations; only
their names, xml ids, code and the user check live here.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.odoo_ops.odoo.plugins.module_utils import access_rights
from ansible_collections.odoo_ops.odoo.plugins.module_utils.client import SUPERUSER_ID
from ansible_collections.odoo_ops.odoo.plugins.module_utils.cron_health import read_users
from ansible_collections.odoo_ops.odoo.plugins.module_utils.cron_spec import CronDeclaration
from ansible_collections.odoo_ops.odoo.plugins.module_utils.cron_store import CronStore
from ansible_collections.odoo_ops.odoo.plugins.module_utils.errors import OdooAccessError, OdooServerError

ADDON = "whatsapp_integration"
MODEL = "whatsapp.sync.service"
METHOD = "cron_sync_all_data"
MISSING_MODEL_HINT = ("the whatsapp_integration addon is not installed in this database; install it first, "
                      "e.g. with odoo_ops.odoo.odoo_module name=whatsapp_integration state=present")
# Rights the cron user needs: the sync reads and writes whatsapp.sync.service records.
NEEDED_RIGHTS = ("read", "write")
# What the service record says about the last sync (the addon's own fields).
STATUS_FIELDS = ("sync_status", "last_sync_message")
OPTIONAL_STATUS_FIELD = "last_sync_date"

# option that switches it on, name, external id, interval, option holding its message limit
CRONS = (
    ("hourly", "WhatsApp Data Sync", "ir_cron_whatsapp_sync_hourly", "1 hour", "sync_limit"),
    ("frequent", "WhatsApp Data Sync (Frequent)", "ir_cron_whatsapp_sync_frequent", "30 minutes", "sync_limit"),
    ("daily", "WhatsApp Full Data Sync (Daily)", "ir_cron_whatsapp_sync_daily", "1 day", "full_sync_limit"),
)


def whatsapp_declarations(params):
    """Three CronDeclaration from the module's options."""
    declarations = []
    for switch, name, xml_name, interval, limit_option in CRONS:
        options = {"name": name, "xml_id": "%s.%s" % (ADDON, xml_name), "state": params["state"]}
        if params["state"] == "present":
            options.update(active=params[switch], interval=interval, model=MODEL, method=METHOD,
                           kwargs={"limit": params[limit_option]})
            if params.get("user"):
                options["user"] = params["user"]
            if params.get("priority") is not None:
                options["priority"] = params["priority"]
        declarations.append(CronDeclaration(options, where=switch))
    return declarations


def check_user_rights(store, user_reference):
    """Fail before any write when the cron user cannot run the sync."""
    user_id = store.resolve_users([user_reference])[user_reference]
    if user_id == SUPERUSER_ID:
        return  # the superuser bypasses access rights (odoo/models.py: su bypasses the access check)
    client = store.client
    grants = access_rights.grants_of(client, MODEL, NEEDED_RIGHTS)
    users = read_users(client, [user_id])  # groups_id up to 18.0, all_group_ids from 19.0
    groups = users[user_id]["groups"] if user_id in users else set()
    for right in NEEDED_RIGHTS:
        if not access_rights.can(groups, grants[right]):
            raise OdooAccessError(
                "user %r (option user) lacks the %s right on %s, which the sync needs: add the user to a "
                "group that has it (e.g. Administration / Settings), or run the crons as base.user_root"
                % (user_reference, right, MODEL))


def sync_now(client, limit):
    """Run one sync the way the addon's "Sync Now" button does, then read its outcome from the record.

    The addon has no status method: ``cron_sync_all_data`` writes ``sync_status`` and
    ``last_sync_message`` (and, where the addon has it, ``last_sync_date``) on its service record,
    the first one by id, which is what the addon's own check reads.
    """
    client.call(MODEL, METHOD, limit=limit)
    fields = list(STATUS_FIELDS)
    if client.call(MODEL, "fields_get", [OPTIONAL_STATUS_FIELD], attributes=["type"]):
        fields.append(OPTIONAL_STATUS_FIELD)
    rows = client.call(MODEL, "search_read", [], fields=fields, limit=1, order="id")
    if not rows:
        raise OdooServerError("WhatsApp sync ran, but %s has no record to report its status" % MODEL)
    status = dict((field, rows[0].get(field)) for field in fields)
    if status.get("sync_status") == "error":
        raise OdooServerError("WhatsApp sync reported an error: %s"
                              % (" ".join(str(status.get("last_sync_message") or "no message").split())))
    return status


def status_table(crons):
    """The rows the old "Check Cron Status" button showed."""
    return [{
        "name": cron.get("name"),
        "status": "ACTIVE" if cron.get("active") else ("INACTIVE" if cron.get("state") == "present" else "ABSENT"),
        "interval": cron.get("interval"),
        "nextcall": cron.get("nextcall"),
        "user": cron.get("user"),
    } for cron in crons]


def new_store(client, lock_wait=None):
    store = CronStore(client, lock_wait=lock_wait)
    store.missing_model_hint = MISSING_MODEL_HINT
    return store
