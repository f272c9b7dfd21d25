# -*- coding: utf-8 -*-
# Copyright: (c) 2026, odoo_ops.odoo contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Runs the odoo_user module with the play's Odoo session (see plugin_utils/session.py)."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.odoo_ops.odoo.plugins.plugin_utils.session import SessionReusingAction


class ActionModule(SessionReusingAction):
    """The odoo_user action: the module, with the play's Odoo session."""
