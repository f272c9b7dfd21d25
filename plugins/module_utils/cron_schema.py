# -*- coding: utf-8 -*-
# Copyright: (c) 2026, odoo_ops.odoo contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Which ir.cron fields a server has.

First guess from the version the login reported, checked by the server itself: the
read of the declared crons names these fields, and Odoo refuses a field it does not
have (``ValueError: Invalid field``). On that refusal the schema is read with
``fields_get`` and the read is retried, so a patched or unusual server is handled
with one more request instead of being assumed.

Sources, odoo/addons/base/models/ir_cron.py:
* 14.0, 15.0, 16.0, 17.0: ``numbercall`` (default 1: a cron created without -1 runs
  once, then ``_process_job`` archives it) and ``doall``.
* 18.0: ``numbercall`` and ``doall`` removed; ``failure_count`` and
  ``first_failure_date`` added; ``CHECK(interval_number > 0)``.
The server-action fields (``name``, ``model_id``, ``model_name``, ``state``, ``code``)
reach ir.cron through ``_inherits`` (``ir_actions_server_id``, delegate=True).
* 20.0: ``interval_type`` gains ``never`` (from the issue; not read from a 20-era ir_cron.py, see
  tests/simulator/profiles.py FACTS_20): taken from the version, since ``fields_get`` with the
  attribute ``type`` does not list a selection's values. A server that lacks it refuses the write
  ("Wrong value for ir.cron.interval_type"), so a wrong guess fails, never writes something else.
``cron_name`` is a stored, untranslated copy of the name on every branch (related on
14.0-16.0, computed with lang en_US on 17.0-18.0), so identity searches use it.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

COMMON_FIELDS = ("cron_name", "active", "interval_number", "interval_type", "model_id", "model_name",
                 "code", "user_id", "priority", "nextcall", "lastcall", "ir_actions_server_id")
CALL_LIMIT_FIELDS = ("numbercall", "doall")
FAILURE_FIELDS = ("failure_count", "first_failure_date")
OPTIONAL_FIELDS = CALL_LIMIT_FIELDS + FAILURE_FIELDS


NEVER_SINCE = 20


class CronSchema:
    def __init__(self, fields, version=None, verified=False):
        self.fields = frozenset(fields)
        self.version = version
        self.verified = verified
        self.interval_never = bool(version is not None and version.major >= NEVER_SINCE)

    @classmethod
    def guess(cls, version):
        optional = CALL_LIMIT_FIELDS if version.major and version.major <= 17 else FAILURE_FIELDS
        return cls(COMMON_FIELDS + optional, version)

    @classmethod
    def from_fields_get(cls, fields_info, version=None):
        names = [name for name in COMMON_FIELDS + OPTIONAL_FIELDS if name in fields_info]
        return cls(names, version, verified=True)

    def has(self, field):
        return field in self.fields

    @property
    def read_fields(self):
        return [name for name in COMMON_FIELDS + OPTIONAL_FIELDS if name in self.fields]

    def refusal(self, wanted):
        """Why a declaration's wanted values cannot be written to this server, or None."""
        for field in CALL_LIMIT_FIELDS:
            if field in wanted and not self.has(field):
                return self.describe_missing(field)
        if wanted.get("interval_type") == "never" and not self.interval_never:
            return ("interval never needs Odoo %d.0 or later (interval_type 'never'); this server runs Odoo %s: "
                    "give an interval such as '1 day', or archive the cron (active: false)"
                    % (NEVER_SINCE, self.version))
        return None

    def describe_missing(self, field):
        removed = " (removed from ir.cron in Odoo 18.0)" if field in CALL_LIMIT_FIELDS else ""
        return "%s is not supported by this Odoo %s server: ir.cron has no field %s%s" % (
            field, self.version, field, removed)
