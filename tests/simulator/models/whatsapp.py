"""whatsapp.sync.service: mirror of the fixture addon tests/addons/whatsapp_integration.

Contract (shared with the real addon): selection sync_status never/success/error
(default 'never', required), last_sync_message (Char), and no other field;
@api.model cron_sync_all_data(limit=50) updates or creates the single record and
returns True; nothing else is public (the real addon has no status method: callers read
the record's fields). A failure is requested
with the system parameter whatsapp_integration.fail_next_sync = '1' (reset to '0'
by the sync), exactly as the addon does.
"""

import time

from .. import errors, fields
from ..orm import Model, api_model

FAIL_NEXT_SYNC_PARAM = "whatsapp_integration.fail_next_sync"
SLEEPING_SINCE_PARAM = "whatsapp_integration.sleeping_since"
PENDING_MESSAGES = 0        # the addon's _PENDING_MESSAGES


class WhatsappSyncService(Model):
    _name = "whatsapp.sync.service"
    _description = "WhatsApp Sync Service"
    _module = "whatsapp_integration"
    _rec_name = "id"
    _private_methods = ("_get_service_record", "_sleep_for")

    @classmethod
    def define_fields(cls, profile):
        return {
            "sync_status": fields.Selection(
                [("never", "Never"), ("success", "Success"), ("error", "Error")],
                "Sync Status", default="never", required=True),
            "last_sync_message": fields.Char("Last Sync Message"),
        }

    def _get_service_record(self):
        self._check_access("read")
        ids = self._search([], order="id", limit=1)
        if ids:
            return ids[0]
        self._check_access("create")
        return self._create([{}])[0]

    def _sleep_for(self, seconds):
        # The fixture's slow private helper (cron code only): it records when it started in
        # the system parameter whatsapp_integration.sleeping_since, commits, and sleeps. Run by
        # the scheduler, the job keeps its cron's row lock that long: the simulator holds the
        # lock in the background instead of sleeping under its one big lock.
        params = self.env["ir.config_parameter"].sudo()
        params._set_param(SLEEPING_SINCE_PARAM, fields.now_string())
        job = self.env.db.scheduler_job
        if job:
            self.env.db.faults.cron_lock.hold([job], seconds)
        else:
            time.sleep(float(seconds))
        return True

    @api_model
    def cron_sync_all_data(self, limit=50):
        params = self.env["ir.config_parameter"].sudo()
        rid = self._get_service_record()
        self._check_access("write")
        if (params._get_param(FAIL_NEXT_SYNC_PARAM) or "").strip() == "1":
            params._set_param(FAIL_NEXT_SYNC_PARAM, "0")
            self._update([rid], {
                "sync_status": "error",
                "last_sync_message": "Sync failed: simulated failure requested by %s"
                                     % FAIL_NEXT_SYNC_PARAM,
            })
            return True
        try:
            synced = max(0, min(int(limit), PENDING_MESSAGES))
        except (TypeError, ValueError) as exc:
            raise errors.OdooError("builtins." + type(exc).__name__, str(exc))
        self._update([rid], {
            "sync_status": "success",
            "last_sync_message": "Synced %d messages (limit %s)" % (synced, limit),
        })
        return True
