# -*- coding: utf-8 -*-
# Copyright: (c) 2026, odoo_ops.odoo contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""What the user declared about a cron, validated before anything is sent to Odoo.

Pure functions and value objects: no RPC here, so every rule is unit-testable.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import keyword
import math
import re
from datetime import datetime

from ansible_collections.odoo_ops.odoo.plugins.module_utils.errors import OdooInputError

# odoo/addons/base/models/ir_cron.py, field interval_type, identical on 14.0 to 19.0; Odoo 20.0 adds
# 'never' (a cron that runs only when triggered or at its nextcall, once; from the issue, not read from
# a 20-era ir_cron.py: see tests/simulator/profiles.py FACTS_20). cron_schema.py refuses it before 20.
NEVER = "never"
INTERVAL_TYPES = ("minutes", "hours", "days", "weeks", "months", NEVER)
# ir.cron integer columns are PostgreSQL int4.
MAX_INT4 = 2 ** 31 - 1
# Intervals of more than ten years are almost surely a mistake (e.g. 525600 days).
MAX_INTERVAL_MINUTES = 10 * 366 * 24 * 60
_MINUTES_PER_UNIT = {"minutes": 1, "hours": 60, "days": 1440, "weeks": 10080, "months": 44640, NEVER: 0}

_INTERVAL_TEXT = re.compile(r"^\s*(?:every\s+)?(\d+)?\s*([a-z]+)\s*$", re.I)
_UNIT_ALIASES = {
    "minute": "minutes", "minutes": "minutes", "min": "minutes", "mins": "minutes",
    "hour": "hours", "hours": "hours", "h": "hours",
    "day": "days", "days": "days", "d": "days",
    "week": "weeks", "weeks": "weeks",
    "month": "months", "months": "months",
    NEVER: NEVER,
}
_XML_ID = re.compile(r"^[A-Za-z0-9_]+\.[A-Za-z0-9_]+$")
_MODEL_NAME = re.compile(r"^[a-z_][a-z0-9_]*(\.[a-z0-9_]+)*$")
_DATETIME_FORMATS = ("%Y-%m-%d %H:%M:%S", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M")

# The cron options a declaration may carry, in the order results show them.
CRON_OPTIONS = ("name", "xml_id", "state", "active", "interval", "interval_number", "interval_type",
                "model", "method", "args", "kwargs", "code", "user", "priority", "nextcall",
                "numbercall", "doall")
# Options that, given at the top level with ``crons``, are the default of every entry.
TASK_DEFAULTS = ("state", "allow_broken")


class Interval:
    def __init__(self, number, unit):
        self.number = number
        self.unit = unit

    def __eq__(self, other):
        return isinstance(other, Interval) and (self.number, self.unit) == (other.number, other.unit)

    def __repr__(self):
        return "Interval(%r, %r)" % (self.number, self.unit)

    def __str__(self):
        if self.unit == NEVER:
            return NEVER
        return "%d %s" % (self.number, self.unit if self.number != 1 else self.unit[:-1])


def parse_interval(text, where="interval"):
    """``'30 minutes'``, ``'1 hour'``, ``'every 2 days'``, ``'hourly'``, ``'never'`` → Interval."""
    if isinstance(text, int) and not isinstance(text, bool):
        raise OdooInputError("%s %r has no unit: write e.g. '%d hours' (units: %s)"
                             % (where, text, text, ", ".join(INTERVAL_TYPES)))
    shorthand = {"hourly": "1 hour", "daily": "1 day", "weekly": "1 week", "monthly": "1 month"}
    match = _INTERVAL_TEXT.match(shorthand.get(str(text).strip().lower(), str(text)))
    unit = _UNIT_ALIASES.get(match.group(2).lower()) if match else None
    if unit == NEVER and match.group(1):
        raise OdooInputError("%s %r: never takes no number; write interval: never" % (where, text))
    if not unit:
        raise OdooInputError(
            "%s %r cannot be read: write a number and a unit, e.g. '30 minutes', '1 hour', '1 day' "
            "(units: %s)" % (where, text, ", ".join(INTERVAL_TYPES)))
    return checked_interval(int(match.group(1) or 1), unit, where)


def checked_interval(number, unit, where="interval"):
    if unit not in INTERVAL_TYPES:
        raise OdooInputError("%s: interval_type %r is not one of %s" % (where, unit, ", ".join(INTERVAL_TYPES)))
    if isinstance(number, bool) or not isinstance(number, int):
        raise OdooInputError("%s: interval_number must be a whole number, got %r" % (where, number))
    if number < 1:
        # Odoo 18.0 enforces CHECK(interval_number > 0); older versions accept 0 and
        # then never run the job, which is never what a declaration means.
        raise OdooInputError("%s: interval_number must be at least 1, got %d" % (where, number))
    if number * _MINUTES_PER_UNIT[unit] > MAX_INTERVAL_MINUTES:
        raise OdooInputError("%s: %d %s is more than ten years; use a smaller interval_number"
                             % (where, number, unit))
    return Interval(number, unit)


def check_xml_id(value, option="xml_id"):
    if not _XML_ID.match(value or ""):
        raise OdooInputError(
            "%s %r is not an external id: write module.name with letters, digits and underscores, "
            "e.g. whatsapp_integration.ir_cron_sync" % (option, value))
    return value


def looks_like_xml_id(value):
    return bool(_XML_ID.match(value or ""))


def check_model_name(value, option="model"):
    if not _MODEL_NAME.match(value or ""):
        raise OdooInputError(
            "%s %r is not an Odoo model's technical name: lower-case words separated by dots, "
            "e.g. res.partner or whatsapp.sync.service" % (option, value))
    return value


def check_method_name(value, option="method"):
    """A method the generated code may call: a public Python identifier, nothing more."""
    text = value if isinstance(value, str) else repr(value)
    if not isinstance(value, str) or not value.isidentifier() or keyword.iskeyword(value):
        raise OdooInputError(
            "%s %r is not a method name: give only the name of a public method of the model, "
            "e.g. cron_sync_all_data, and pass arguments with args/kwargs" % (option, text))
    if value.startswith("_"):
        raise OdooInputError(
            "%s %r is private: Odoo does not let external callers run methods starting with '_', "
            "and neither does this module; call a public method" % (option, value))
    return value


def render_literal(value, option):
    """Render a JSON-like value as a Python literal; nothing else can reach the code."""
    if value is None or isinstance(value, bool):
        return repr(value)
    if isinstance(value, int):
        return repr(value)
    if isinstance(value, float):
        if math.isnan(value) or math.isinf(value):
            raise OdooInputError("%s: %r cannot be written in cron code; use a finite number" % (option, value))
        return repr(value)
    if isinstance(value, str):
        return repr(value)
    if isinstance(value, (list, tuple)):
        return "[%s]" % ", ".join(render_literal(item, option) for item in value)
    if isinstance(value, dict):
        items = []
        for key in value:
            if not isinstance(key, str):
                raise OdooInputError("%s: dictionary keys must be strings, got %r" % (option, key))
            items.append("%s: %s" % (repr(key), render_literal(value[key], option)))
        return "{%s}" % ", ".join(items)
    raise OdooInputError(
        "%s: a value of type %s cannot be written in cron code; use strings, numbers, booleans, "
        "null, lists and dictionaries" % (option, type(value).__name__))


def render_call(method, args=None, kwargs=None, where="cron"):
    """The cron code that calls ``model.<method>(*args, **kwargs)``, safely."""
    check_method_name(method, "%s: method" % where if where != "cron" else "method")
    rendered = [render_literal(arg, "args") for arg in (args or [])]
    for name in sorted(kwargs or {}):
        if not isinstance(name, str) or not name.isidentifier() or keyword.iskeyword(name):
            raise OdooInputError("kwargs: %r is not a valid Python argument name" % (name,))
        rendered.append("%s=%s" % (name, render_literal(kwargs[name], "kwargs")))
    return "model.%s(%s)" % (method, ", ".join(rendered))


def parse_datetime(value, option="nextcall"):
    """Odoo stores datetimes as naive UTC 'YYYY-MM-DD HH:MM:SS' strings."""
    text = str(value).strip()
    if text.endswith("Z"):
        text = text[:-1]
    for fmt in _DATETIME_FORMATS:
        try:
            return datetime.strptime(text, fmt).strftime("%Y-%m-%d %H:%M:%S")
        except ValueError:
            continue
    raise OdooInputError("%s %r is not a date and time: write 'YYYY-MM-DD HH:MM:SS' in UTC" % (option, value))


class CronDeclaration:
    """One declared cron, validated; ``wanted`` holds only what the user declared, in Odoo's terms."""

    def __init__(self, options, where="cron"):
        self.where = where
        self.name = options.get("name")
        self.xml_id = options.get("xml_id")
        self.state = options.get("state") or "present"
        self.user = options.get("user")
        self.model = options.get("model")
        # Write it even when health would call it broken (cron_guard.py), with a warning.
        self.allow_broken = bool(options.get("allow_broken"))
        self.wanted = {}
        self._validate(options)

    @property
    def label(self):
        return self.xml_id or self.name

    def _fail(self, message):
        raise OdooInputError("%s: %s" % (self.where, message))

    def _validate(self, options):
        if self.state not in ("present", "absent"):
            self._fail("state %r is not one of present, absent" % (self.state,))
        if not self.name and not self.xml_id:
            self._fail("give name or xml_id to say which cron this is")
        if self.name is not None and not str(self.name).strip():
            self._fail("name must not be empty")
        if self.xml_id:
            check_xml_id(self.xml_id)
        if self.state == "absent":
            return
        if self.name:
            self.wanted["name"] = self.name
        self._validate_interval(options)
        self._validate_code(options)
        for option, field in (("active", "active"), ("doall", "doall")):
            if options.get(option) is not None:
                self.wanted[field] = bool(options[option])
        for option in ("priority", "numbercall"):
            if options.get(option) is not None:
                self.wanted[option] = self._checked_int(option, options[option])
        if options.get("nextcall") is not None:
            self.wanted["nextcall"] = parse_datetime(options["nextcall"])
        if self.model:
            check_model_name(self.model)
        if self.user is not None and not str(self.user).strip():
            self._fail("user must be a login or an external id such as base.user_root, not empty")

    def _checked_int(self, option, value):
        if isinstance(value, bool) or not isinstance(value, int) or abs(value) > MAX_INT4:
            self._fail("%s must be a whole number between %d and %d, got %r" % (option, -MAX_INT4, MAX_INT4, value))
        return value

    def _validate_interval(self, options):
        text, number, unit = options.get("interval"), options.get("interval_number"), options.get("interval_type")
        if text is not None and (number is not None or unit is not None):
            self._fail("interval and interval_number/interval_type are mutually exclusive; use one form")
        if text is not None:
            interval = parse_interval(text, "%s: interval" % self.where if self.where != "cron" else "interval")
        elif number is not None or unit is not None:
            if number is None or unit is None:
                self._fail("interval_number and interval_type go together; give both, or interval such as '1 hour'")
            interval = checked_interval(number, unit, self.where)
        else:
            return
        self.wanted["interval_number"] = interval.number
        self.wanted["interval_type"] = interval.unit

    def _validate_code(self, options):
        method, code = options.get("method"), options.get("code")
        if method is not None and code is not None:
            self._fail("method and code are mutually exclusive: call a method with method/args/kwargs, "
                       "or give the whole code")
        if (options.get("args") or options.get("kwargs")) and method is None:
            self._fail("args and kwargs need method")
        if method is not None:
            if not self.model:
                self._fail("method needs model, the technical name of the model that has it")
            self.wanted["code"] = render_call(method, options.get("args"), options.get("kwargs"), self.where)
        elif code is not None:
            if not str(code).strip():
                self._fail("code must not be empty")
            self.wanted["code"] = code


def declarations_from(params, defaults=None):
    """Build declarations from the module's ``crons`` list or its top-level options.

    The top-level ``state`` is the default of every ``crons`` entry.
    """
    entries = params.get("crons")
    defaults = dict(defaults or {})
    if entries is None:
        entries = [dict((key, params.get(key)) for key in CRON_OPTIONS + TASK_DEFAULTS)]
        places = ["cron"]
    else:
        for option in TASK_DEFAULTS:
            defaults.setdefault(option, params.get(option))
        places = ["crons[%d]" % index for index in range(len(entries))]
    declarations = []
    for place, entry in zip(places, entries):
        options = dict(defaults)
        options.update(dict((k, v) for k, v in entry.items() if v is not None))
        declaration = CronDeclaration(options, where=place)
        if declaration.name is None and declaration.xml_id is None:
            raise OdooInputError("%s: give name or xml_id" % place)
        declarations.append(declaration)
    _refuse_duplicates(declarations)
    return declarations


def _refuse_duplicates(declarations):
    seen = {}
    for declaration in declarations:
        for key in filter(None, [declaration.xml_id and ("xml_id", declaration.xml_id),
                                 declaration.name and ("name", declaration.name)]):
            if key in seen:
                raise OdooInputError("%s and %s both declare the cron with %s %r; declare each cron once"
                                     % (seen[key], declaration.where, key[0], key[1]))
            seen[key] = declaration.where
