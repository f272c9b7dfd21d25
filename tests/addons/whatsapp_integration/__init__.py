# Copyright 2024 The odoo_ops.odoo collection contributors
# License LGPL-3.0-or-later (https://www.gnu.org/licenses/lgpl-3.0.html).
# Test fixture addon written for the odoo_ops.odoo Ansible collection.

from . import models
from .hooks import post_init_hook
