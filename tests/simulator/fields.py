"""Field definitions: value conversion (write -> storage -> read) and fields_get().

Storage format: char/text/selection -> str or None, integer -> int, boolean -> bool,
datetime -> 'YYYY-MM-DD HH:MM:SS' (UTC) or None, many2one -> int or None,
many2many/one2many -> list of ids. read() gives False for empty values and
[id, display_name] for a many2one (odoo/fields.py convert_to_read, every branch).
"""

import datetime

from . import errors

DATETIME_FORMAT = "%Y-%m-%d %H:%M:%S"


def now_string():
    return datetime.datetime.utcnow().replace(microsecond=0).strftime(DATETIME_FORMAT)


def parse_datetime(value):
    """fields.Datetime.to_datetime: 'YYYY-MM-DD' or value[:19] as '%Y-%m-%d %H:%M:%S'."""
    if isinstance(value, datetime.datetime):
        return value.replace(microsecond=0)
    value = str(value)
    if len(value) <= 10:
        return datetime.datetime.strptime(value, "%Y-%m-%d")
    return datetime.datetime.strptime(value[:19], DATETIME_FORMAT)


class Field:
    type = None
    column = True        # stored in the record's own table

    def __init__(self, string, required=False, readonly=False, default=None, help=None,
                 groups=None, compute=None, store=True, related=None, translate=False,
                 size=None, report_store=None, searchable=True):
        self.string = string
        self.required = required
        self.readonly = readonly
        self.default = default          # value or callable(env)
        self.help = help
        self.groups = groups            # xml id of the group allowed to see the field
        self.compute = compute          # callable(model, record_id) -> storage value
        self.store = store
        # computed on the fly here but stored in Odoo (fields_get says store=True)
        self.report_store = report_store
        self.related = related
        self.translate = translate
        # False for a non-stored computed field without search method: a domain leaf
        # on it is ignored (replaced by TRUE_LEAF) by osv/expression.py
        self.searchable = searchable
        self.name = None
        self.model_name = None
        self.inherited_from = None      # parent model name for _inherits fields

    # -- conversion -----------------------------------------------------------------
    def to_storage(self, value, env):
        """Validate/convert a value received from create()/write()."""
        return value

    def to_read(self, value, env, load="_classic_read"):
        return value if value not in (None,) else False

    def empty(self):
        return None

    # -- fields_get -----------------------------------------------------------------
    def describe(self, env):
        # a field delegated through _inherits is a related field on the child model:
        # not stored there (measured: ir.cron name/model_id/code... store false)
        store = bool(self.store if self.report_store is None else self.report_store)
        if self.inherited_from:
            store = False
        desc = {
            "type": self.type,
            "string": self.string,
            "required": bool(self.required),
            "readonly": bool(self.readonly),
            "store": store,
            "searchable": bool(self.searchable),
            "sortable": store,
            "manual": False,
            "depends": (),
            "company_dependent": False,
            "change_default": False,
        }
        if self.help:
            desc["help"] = self.help
        if self.groups:
            desc["groups"] = self.groups
        if self.related:
            desc["related"] = self.related
        return desc

    def __str__(self):
        return "%s.%s" % (self.model_name, self.name)


class Char(Field):
    type = "char"

    def to_storage(self, value, env):
        if value is None or value is False:
            return None
        return str(value)

    def describe(self, env):
        desc = super().describe(env)
        desc["translate"] = self.translate
        desc["trim"] = True
        return desc


class Text(Char):
    type = "text"


class Html(Char):
    type = "html"


class Integer(Field):
    type = "integer"

    def to_storage(self, value, env):
        if isinstance(value, bool) or value is None:
            return int(value or 0)
        try:
            return int(value or 0)
        except (TypeError, ValueError) as exc:
            raise errors.OdooError("builtins." + type(exc).__name__, str(exc))

    def to_read(self, value, env, load="_classic_read"):
        return value or 0

    def empty(self):
        return 0


class Boolean(Field):
    type = "boolean"

    def to_storage(self, value, env):
        return bool(value)

    def to_read(self, value, env, load="_classic_read"):
        return bool(value)

    def empty(self):
        return False


class Selection(Field):
    type = "selection"

    def __init__(self, selection, string, **kw):
        super().__init__(string, **kw)
        self.selection = list(selection)

    def to_storage(self, value, env):
        if value is None or value is False:
            return None
        if value in [key for key, _label in self.selection]:
            return value
        # odoo/fields.py Selection.convert_to_cache, every branch
        raise errors.value_error("Wrong value for %s: %r" % (self, value))

    def describe(self, env):
        desc = super().describe(env)
        desc["selection"] = [list(item) for item in self.selection]
        return desc


class Datetime(Field):
    type = "datetime"

    def to_storage(self, value, env):
        if value is None or value is False or value == "":
            return None
        try:
            return parse_datetime(value).strftime(DATETIME_FORMAT)
        except ValueError as exc:
            raise errors.value_error(str(exc))


class _Relational(Field):
    """What fields_get says of every relational field: its comodel, no domain, no context."""

    def describe(self, env):
        desc = super().describe(env)
        desc["relation"] = self.comodel
        desc["domain"] = []
        desc["context"] = {}
        return desc


class Many2one(_Relational):
    type = "many2one"

    def __init__(self, comodel, string, ondelete="set null", **kw):
        super().__init__(string, **kw)
        self.comodel = comodel
        self.ondelete = ondelete

    def to_storage(self, value, env):
        if value is None or value is False:
            return None
        if isinstance(value, (list, tuple)):     # [id, name] as read() returns it
            value = value[0] if value else None
        if isinstance(value, bool) or not isinstance(value, int):
            try:
                return int(value)
            except (TypeError, ValueError):
                raise errors.type_error(
                    "int() argument must be a string, a bytes-like object or a real number, "
                    "not '%s'" % type(value).__name__)
        return value

    def to_read(self, value, env, load="_classic_read"):
        if not value:
            return False
        if load != "_classic_read":
            return value
        return [value, env.display_name(self.comodel, value)]


class Reference(Selection):
    """fields.Reference: 'model,id' strings; selection = the models."""

    type = "reference"

    def to_storage(self, value, env):
        if value is None or value is False or value == "":
            return None
        return str(value)


class Many2oneReference(Integer):
    type = "many2one_reference"

    def __init__(self, string, model_field, **kw):
        super().__init__(string, **kw)
        self.model_field = model_field

    def describe(self, env):
        desc = super().describe(env)
        desc["model_field"] = self.model_field
        return desc


class _X2many(_Relational):
    def __init__(self, comodel, string, **kw):
        super().__init__(string, **kw)
        self.comodel = comodel

    def to_storage(self, value, env, current=None):
        """Apply x2many commands ([(6, 0, ids)], (4, id), (3, id), (5,)) to a list (``current`` on a write)."""
        ids = list(current or [])
        if not value:
            return []
        if all(isinstance(command, int) for command in value):
            return list(value)       # a list of ids replaces the value, as (6, 0, ids) does
        for command in value:
            if isinstance(command, int):
                ids.append(command)
                continue
            code = command[0]
            if code == 6:
                ids = list(command[2] or [])
            elif code == 4:
                if command[1] not in ids:
                    ids.append(command[1])
            elif code in (3, 2):
                ids = [i for i in ids if i != command[1]]
            elif code == 5:
                ids = []
        return ids

    def empty(self):
        return []

    def to_read(self, value, env, load="_classic_read"):
        return list(value or [])


class Many2many(_X2many):
    type = "many2many"


class One2many(_X2many):
    type = "one2many"

    def __init__(self, comodel, inverse_name, string, **kw):
        super().__init__(comodel, string, store=False, **kw)
        self.inverse_name = inverse_name

    def describe(self, env):
        desc = super().describe(env)
        desc["relation_field"] = self.inverse_name
        return desc
