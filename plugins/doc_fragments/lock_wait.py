# -*- coding: utf-8 -*-
# Copyright: (c) 2026, odoo_ops.odoo contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type


class ModuleDocFragment(object):

    DOCUMENTATION = r'''
options:
  lock_timeout:
    description:
      - How many seconds to keep retrying a write, delete, run or module operation that Odoo refuses because
        its scheduler is running a cron at that moment ("This cron task is currently being executed",
        "Odoo is currently processing a scheduled action").
      - Retries back off from half a second up to ten seconds; the result's RV(lock_waited) says how long
        the task waited. Past the timeout the task fails naming the operation and the timeout.
      - V(0) fails at once. Check mode never waits.
    type: float
    default: 300
'''
