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
from ansible_collections.odoo_ops.odoo.plugins.module_utils.cron_runnable import read_users
from ansible_collections.odoo_ops.odoo.plugins.module_utils.cron_spec import CronDeclaration
from ansible_collections.odoo_ops.odoo.plugins.module_utils.cron_store import CronStore
from ansible_collections.odoo_ops.odoo.plugins.module_utils.errors import (
    OdooAccessError,
    OdooInputError,
    OdooServerError,
)

ADDON = "whatsapp_integration"
MODEL = "whatsapp.sync.service"
METHOD = "cron_sync_all_data"
MISSING_MODEL_HINT = ("the whatsapp_integration addon is not installed in this database; install it first, "
                      "e.g. with odoo_ops.odoo.odoo_module name=whatsapp_integration state=present")
# Rights the cron user needs: the sync reads and writes whatsapp.sync.service records.
NEEDED_RIGHTS = ("read", "write")
# What the service record says about the last sync (the addon's own fields).
STATUS_FIELDS = ("sync_status", "last_sync_message")

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
    ``last_sync_message`` on its service record, the first one by id, which is what the addon's own
    check reads.
    """
    client.call(MODEL, METHOD, limit=limit)
    fields = list(STATUS_FIELDS)
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


# ir.module.module states of an addon that is on the server but not (yet) installed.
NOT_YET_INSTALLED = ("uninstalled", "to install")


class WhatsAppStore(CronStore):
    """The cron store, plus what check mode may assume about the addon the crons belong to.

    In check mode the first plan of a new database runs before the addon is installed (an earlier task of
    the play would install it): the model does not exist yet, so the crons are predicted as they would be
    created once it does, with a note. A real run, or an addon the server does not have, still fails.
    """

    def __init__(self, client, lock_wait=None, check_mode=False):
        super(WhatsAppStore, self).__init__(client, lock_wait=lock_wait)
        self.missing_model_hint = MISSING_MODEL_HINT
        self.check_mode = check_mode
        self.notes = []
        self._addon_state = False  # not read yet

    def resolve_models(self, model_names):
        try:
            return super(WhatsAppStore, self).resolve_models(model_names)
        except OdooInputError:
            if set(model_names) != set([MODEL]) or not self.addon_comes_first():
                raise
            return {MODEL: None}  # never written: check mode stops before any write

    def addon_comes_first(self):
        """True in check mode when the addon is on the server but not installed; fails when it is not there."""
        if not self.check_mode:
            return False
        if self._addon_state is False:
            rows = self.client.search_read("ir.module.module", [("name", "=", ADDON)], ["state"])
            self._addon_state = rows[0]["state"] if rows else None
            state = self._addon_state
            if state is None or state == "uninstallable":
                raise OdooInputError(
                    "model %r does not exist, and the %s addon is %s, so no run can create its crons: put the "
                    "addon in the server's addons_path (then update the Apps list) and install it"
                    % (MODEL, ADDON, "not installable on this server (state uninstallable)" if state
                       else "not in this server's module list"))
            if state in NOT_YET_INSTALLED:
                self.notes.append(
                    "the %s addon is not installed in this database yet (state %s): check mode shows the crons "
                    "as they will be created once it is; the addon must be installed first (e.g. by an earlier "
                    "odoo_ops.odoo.odoo_module task), and the cron user's rights on %s can only be checked then"
                    % (ADDON, state, MODEL))
        return self._addon_state in NOT_YET_INSTALLED


def new_store(client, lock_wait=None, check_mode=False):
    return WhatsAppStore(client, lock_wait=lock_wait, check_mode=check_mode)
