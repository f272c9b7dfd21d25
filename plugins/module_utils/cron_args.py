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


# The options of odoo_cron's exclusive mode (cron_scope.py does the work, imported only by the tasks that ask for it).
EXCLUSIVE_ACTIONS = ("archive", "delete")
SCOPE_KEYS = ("xml_module", "name_prefix", "model")
SCOPE_ARGUMENT_SPEC = dict(
    exclusive=dict(type="bool", default=False),
    scope=dict(type="dict", options=dict(
        xml_module=dict(type="list", elements="str"),
        name_prefix=dict(type="str"),
        model=dict(type="str"),
    )),
    exclusive_action=dict(type="str", choices=list(EXCLUSIVE_ACTIONS), default="archive"),
)


def scope_requested(params):
    """Whether the task uses exclusive mode or names a scope (then cron_scope.scope_steps checks and plans it)."""
    scope = params.get("scope") or {}
    return bool(params.get("exclusive") or any(scope.get(key) for key in SCOPE_KEYS))
