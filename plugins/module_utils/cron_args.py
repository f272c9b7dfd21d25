# -*- coding: utf-8 -*-
# Copyright: (c) 2026, odoo_ops.odoo contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The argument spec of one cron declaration, shared by the top level and ``crons`` of odoo_cron."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.odoo_ops.odoo.plugins.module_utils.cron_spec import INTERVAL_TYPES


def cron_option_spec(state_default="present"):
    return dict(
        name=dict(type="str"),
        xml_id=dict(type="str"),
        state=dict(type="str", choices=["present", "absent"], default=state_default),
        active=dict(type="bool"),
        interval=dict(type="str"),
        interval_number=dict(type="int"),
        interval_type=dict(type="str", choices=list(INTERVAL_TYPES)),
        model=dict(type="str"),
        method=dict(type="str"),
        args=dict(type="list", elements="raw"),
        kwargs=dict(type="dict"),
        code=dict(type="str"),
        user=dict(type="str"),
        priority=dict(type="int"),
        nextcall=dict(type="str"),
        numbercall=dict(type="int"),
        doall=dict(type="bool"),
        allow_broken=dict(type="bool", default=False if state_default else None),
    )
