# Copyright 2024 The odoo_ops.odoo collection contributors
# License LGPL-3.0-or-later (https://www.gnu.org/licenses/lgpl-3.0.html).
# Test fixture addon written for the odoo_ops.odoo Ansible collection.
{
    "name": "WhatsApp Integration (test fixture)",
    "summary": "Offline, deterministic sync service used to test cron management",
    "description": """
Test fixture for the odoo_ops.odoo Ansible collection.

Provides the model whatsapp.sync.service with the method
cron_sync_all_data(limit=50). The addon deliberately ships NO scheduled
action (ir.cron) in its data files: the cron is created and managed by
Ansible. No network access is performed.
""",
    "version": "1.0.0",
    "category": "Hidden/Tests",
    "author": "odoo_ops.odoo collection contributors",
    "license": "LGPL-3",
    "depends": ["base"],
    # No data file: the access rows are written by the hook, into ir.model.access (14.0-19.0) or
    # ir.access (20.0), so that one tree installs on every version (hooks.py).
    "data": [],
    "post_init_hook": "post_init_hook",
    "installable": True,
    "application": False,
    "auto_install": False,
}
