# Copyright 2026 The odoo_ops.odoo collection contributors
# License LGPL-3.0-or-later (https://www.gnu.org/licenses/lgpl-3.0.html).
# Test fixture addon written for the odoo_ops.odoo Ansible collection.
"""Who may use the sync service, granted at install on every Odoo from 14.0 to 20.0 from this one tree.

A data file cannot do it: 14.0-19.0 load ``security/ir.model.access.csv`` and have no ``ir.access``;
20.0 has only ``ir.access`` (odoo/addons/base/models/ir_access.py, 20.0, commit 5d9a661) and fails to
install an addon whose data names ``ir.model.access``. So the hook writes the rows into the model the
server has, under the external ids a CSV would have given them. An addon of your own that targets only
one side of 20.0 can use the CSV of that side instead (README, "Your own addon on Odoo 20").
"""

from odoo import SUPERUSER_ID, api

MODULE = "whatsapp_integration"
MODEL = "whatsapp.sync.service"
# (external id, name, group, operations in Odoo 20's ir.access letters: read, write, create, delete)
ACCESS = (
    ("access_whatsapp_sync_service_user", "whatsapp.sync.service user", "base.group_user", "r"),
    ("access_whatsapp_sync_service_system", "whatsapp.sync.service system", "base.group_system", "rwcd"),
)


def post_init_hook(cr_or_env, registry=None):
    # 14.0-16.0 call post_init_hook(cr, registry); 17.0 on call post_init_hook(env)
    # (odoo/modules/loading.py of each branch).
    env = api.Environment(cr_or_env, SUPERUSER_ID, {}) if registry is not None else cr_or_env
    model_id = env["ir.model"]._get(MODEL).id
    for xml_id, name, group, operations in ACCESS:
        values = {"name": name, "model_id": model_id, "group_id": env.ref(group).id}
        if "ir.access" in env:
            target, values = "ir.access", dict(values, operation=operations)
        else:
            target = "ir.model.access"
            values.update(("perm_" + perm, letter in operations)
                          for perm, letter in (("read", "r"), ("write", "w"), ("create", "c"), ("unlink", "d")))
        record = env[target].create(values)
        # noupdate: an upgrade (-u) keeps them; without it the end of the update deletes the records of the
        # module's external ids that no data file loaded (ir.model.data._process_end).
        env["ir.model.data"].create({"module": MODULE, "name": xml_id, "model": target, "res_id": record.id,
                                     "noupdate": True})
