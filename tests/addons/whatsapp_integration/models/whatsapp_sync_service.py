# Copyright 2024 The odoo_ops.odoo collection contributors
# License LGPL-3.0-or-later (https://www.gnu.org/licenses/lgpl-3.0.html).
# Test fixture addon written for the odoo_ops.odoo Ansible collection.

import time

from odoo import api, fields, models

FAIL_NEXT_SYNC_PARAM = "whatsapp_integration.fail_next_sync"
SLEEPING_SINCE_PARAM = "whatsapp_integration.sleeping_since"


class WhatsappSyncService(models.Model):
    _name = "whatsapp.sync.service"
    _description = "WhatsApp Sync Service"

    # Number of messages "pending" on the (simulated) remote side. The fixture
    # never talks to any network service, so this is a fixed value and every
    # sync is fully deterministic.
    _PENDING_MESSAGES = 0

    sync_status = fields.Selection(
        [("never", "Never"), ("success", "Success"), ("error", "Error")],
        string="Sync Status",
        default="never",
        required=True,
    )
    last_sync_message = fields.Char(string="Last Sync Message")

    @api.model
    def _get_service_record(self):
        """Return the single service record, creating it when missing."""
        record = self.search([], order="id", limit=1)
        if not record:
            record = self.create({})
        return record

    @api.model
    def cron_sync_all_data(self, limit=50):
        """Entry point meant to be called by an ir.cron managed by Ansible.

        Records the outcome on the single service record and returns True.
        When the system parameter whatsapp_integration.fail_next_sync is
        '1' the sync is recorded as failed and the parameter is reset.
        """
        params = self.env["ir.config_parameter"].sudo()
        record = self._get_service_record()
        if (params.get_param(FAIL_NEXT_SYNC_PARAM) or "").strip() == "1":
            params.set_param(FAIL_NEXT_SYNC_PARAM, "0")
            record.write({
                "sync_status": "error",
                "last_sync_message": "Sync failed: simulated failure requested by %s"
                % FAIL_NEXT_SYNC_PARAM,
            })
            return True
        synced = max(0, min(int(limit), self._PENDING_MESSAGES))
        record.write({
            "sync_status": "success",
            "last_sync_message": "Synced %d messages (limit %s)" % (synced, limit),
        })
        return True

    @api.model
    def _sleep_for(self, seconds):
        """Keep the calling cron job running for ``seconds`` (tests of the scheduler's lock).

        Private, so only cron code reaches it. It records when it started in the system
        parameter whatsapp_integration.sleeping_since and commits that, so a test can see that
        the job runs (and holds its cron's row lock) before it acts.
        """
        self.env["ir.config_parameter"].sudo().set_param(
            SLEEPING_SINCE_PARAM, fields.Datetime.to_string(fields.Datetime.now()))
        self.env.cr.commit()
        time.sleep(float(seconds))
        return True
