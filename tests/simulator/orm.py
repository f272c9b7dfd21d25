"""A small in-memory ORM with the RPC-visible semantics of odoo/models.py.

Models are Python classes (see models/); public RPC methods carry an ``_api``
attribute like Odoo's decorators: "model" (@api.model), "model_create"
(@api.model_create_multi: a dict gives an id, a list gives a list of ids) or
"multi" (record methods: the first positional argument is the list of ids).
"""

import copy

from . import errors, fields, security
from .domain import Evaluator, has_active_leaf
from .integrity import integrity_constraint, integrity_foreign_key, integrity_not_null

SUPERUSER_ID = 1


def api_model(method):
    method._api = "model"
    return method


def api_create(method):
    method._api = "model_create"
    return method


def api_multi(method):
    method._api = "multi"
    return method


# ---------------------------------------------------------------------------------------
# Environment
# ---------------------------------------------------------------------------------------
class Env:
    def __init__(self, db, uid, context=None, su=False):
        self.db = db
        self.uid = uid
        self.context = dict(context or {})
        self.su = su
        self.profile = db.profile

    def __call__(self, uid=None, context=None, su=None):
        return Env(self.db, self.uid if uid is None else uid,
                   self.context if context is None else context,
                   self.su if su is None else su)

    def sudo(self):
        return self(su=True)

    def __contains__(self, model_name):
        return model_name in self.db.models()

    def __getitem__(self, model_name):
        cls = self.db.models().get(model_name)
        if cls is None:
            raise errors.key_error(model_name)
        return cls(self, ())

    # -- user ----------------------------------------------------------------------------
    def user_row(self):
        return self.db.tables["res.users"].get(self.uid)

    def user_group_ids(self):
        """res.groups ids of the user, implied groups included."""
        row = self.user_row()
        if not row:
            return set()
        return security.implied_closure(self.db, row.get(self.profile.user_groups_field) or [])

    def user_groups(self):
        """xml ids of the user's groups (implied ones included)."""
        return {x for x in map(self.db.group_xmlid, self.user_group_ids()) if x}

    def has_group(self, xmlid):
        return xmlid in self.user_groups()

    def is_system(self):
        return self.su or self.has_group("base.group_system")

    def is_admin(self):
        # res_users.py _is_admin: superuser or group_erp_manager
        return self.su or self.uid == SUPERUSER_ID or self.has_group("base.group_erp_manager")

    def display_name(self, model_name, rid):
        cls = self.db.models().get(model_name)
        if cls is None:
            return "%s,%s" % (model_name, rid)
        model = cls(self.sudo(), ())
        if rid not in self.db.tables.get(cls._table, {}):
            return False
        return model._display_name(rid)


# ---------------------------------------------------------------------------------------
# Base model
# ---------------------------------------------------------------------------------------
class Model:
    _name = None
    _description = None
    _order = "id"
    _rec_name = "name"
    _inherits = {}          # {parent model: many2one field}
    _module = "base"
    _table = None           # key of the in-memory table; defaults to _name
    _pg_table = None        # PostgreSQL table name (constraint names); defaults to _name
    _fields = {}            # filled by build_registry()
    _sql_constraints = []   # [(name, predicate(row) -> bool, message)]
    _sql_unique = []        # [(name, field names, message or callable(profile))]
    _private_methods = ()   # private methods this model really has (18.0 error choice)
    # Operations that raise MissingError on an id that does not exist. Plain
    # BaseModel.write()/unlink() do not: 14.0 flush() retries _write() on exists() after
    # a MissingError, 16.0+ UPDATE/DELETE simply match no row (measured on 14.0-18.0:
    # ir.cron / ir.model.data / ir.model.access / ir.actions.server / res.groups /
    # res.company write and unlink of id 987654 -> True). Models whose record rules or
    # overrides read the records fail: see each model.
    _missing_raises = ()
    # Name of the Odoo class that defines the model's public methods: Python words
    # TypeErrors with it ("ir_cron.create() got an unexpected keyword argument ...").
    _odoo_class = None

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        owner = cls.__dict__.get("_odoo_class") or getattr(cls, "_odoo_class", None)
        if owner:
            _rename_methods(cls, owner)

    def __init__(self, env, ids):
        self.env = env
        self.ids = list(ids)

    # -- schema ------------------------------------------------------------------------
    @classmethod
    def define_fields(cls, profile):
        """Own fields of the model for ``profile`` (override in models)."""
        return {}

    def with_env(self, env):
        return type(self)(env, self.ids)

    def with_context(self, **values):
        context = dict(self.env.context, **values)
        return self.with_env(self.env(context=context))

    def sudo(self):
        return self.with_env(self.env.sudo())

    def browse(self, ids):
        if isinstance(ids, int):
            ids = [ids]
        return type(self)(self.env, ids)

    @property
    def _rows(self):
        return self.env.db.tables.setdefault(self._table, {})

    @classmethod
    def _pg_name(cls):
        return cls._pg_table or cls._name.replace(".", "_")

    @property
    def _description_name(self):
        return self._description or self._name

    # -- low level value access ----------------------------------------------------------
    def _get_value(self, rid, fname):
        """Storage value of field ``fname`` of record ``rid`` (computed if needed)."""
        field = self._fields[fname]
        row = self._rows.get(rid)
        if row is None:
            raise errors.record_missing(self._name, [rid], self.env.uid)
        if fname == "id":
            return rid
        if field.inherited_from:
            parent_id = row.get(self._inherits[field.inherited_from])
            parent = self.env[field.inherited_from]
            if parent_id not in parent._rows:
                return field.empty()
            return parent._get_value(parent_id, fname)
        if field.compute is not None and not field.store:
            return field.compute(self, rid)
        value = row.get(fname, field.empty())
        return copy.copy(value) if isinstance(value, list) else value

    def _display_name(self, rid):
        # models.py: no _rec_name field -> "model,id" (e.g. "whatsapp.sync.service,1")
        rec_name = (self._rec_name if self._rec_name in self._fields
                    and self._rec_name != "id" else None)
        if rec_name:
            value = self._get_value(rid, rec_name)
            if value:
                return value
        return "%s,%s" % (self._name, rid)

    def _existing(self, ids):
        return [i for i in ids if i in self._rows]

    # -- access rights -----------------------------------------------------------------
    def _check_access(self, mode, raise_exception=True):
        return security.check_access(self.env, self._name, self._description_name, mode,
                                     raise_exception)

    def _field_accessible(self, field):
        return not field.groups or self.env.su or self.env.has_group(field.groups)

    def _check_field_names(self, names, operation):
        for name in names:
            if name not in self._fields:
                # 19.0 fetch: "Invalid field 'x' on 'ir.cron'" (orm/models.py, measured)
                text = "Invalid field %r on %r" if self.env.profile.major >= 19 else "Invalid field %r on model %r"
                raise errors.value_error(text % (name, self._name))
        denied = [n for n in names if not self._field_accessible(self._fields[n])]
        if denied:
            raise self._field_refusal(denied, operation)

    def _field_refusal(self, denied, operation):
        """The AccessError Odoo raises for fields whose ``groups`` the user lacks, worded per branch and per
        whether the user has Technical Features (base.group_no_one, which Internal User implies):
        odoo/models.py check_field_access_rights (14.0, 16.0, 17.0, 18.0), odoo/orm/models.py
        _check_field_access (19.0; one field per error)."""
        env = self.env
        detailed = env.has_group("base.group_no_one")
        kind, model = self._description_name, self._name
        if env.profile.major >= 19:
            text = ('You do not have enough rights to access the field "%s" on %s (%s). Please contact your '
                    "system administrator.\n\nOperation: %s" % (denied[0], kind, model, operation))
            if detailed:
                text += "\nUser: %s\nGroups: %s" % (env.uid, self._allowed_groups(self._fields[denied[0]]))
            return errors.access_error(text)
        fields_list = "\n".join("- %s (%s)" % (name, self._allowed_groups(self._fields[name]))
                                for name in sorted(denied))
        if env.profile.major >= 18:
            text = ('You do not have enough rights to access the fields "%s" on %s (%s). Please contact your '
                    "system administrator.\n\nOperation: %s" % (",".join(denied), kind, model, operation))
            if detailed:
                text += "\nUser: %s\nFields:\n%s" % (env.uid, fields_list)
            return errors.access_error(text)
        if detailed:
            return errors.access_error(
                "The requested operation can not be completed due to security restrictions.\n\nDocument type: "
                "%s (%s)\nOperation: %s\nUser: %s\nFields:\n%s" % (kind, model, operation, env.uid, fields_list))
        return errors.access_error(
            'You do not have enough rights to access the fields "%s" on %s (%s). Please contact your system '
            "administrator.\n\n(Operation: %s)" % (",".join(denied), kind, model, operation))

    def _allowed_groups(self, field):
        """"allowed for groups 'Administration / Settings'": the groups' display names (category / name)."""
        labels = []
        for xmlid in field.groups.split(","):
            category, name = security.group_label(self.env.profile, xmlid)
            labels.append(repr("%s / %s" % (category, name) if category else name))
        return "allowed for groups %s" % ", ".join(labels)

    def _check_search_fields(self, domain):
        """17.0+: a search checks read access to the fields of its domain, as a read does (17.0/18.0
        odoo/models.py _flush_search "# Check access of fields with groups"; 19.0 odoo/orm/domains.py
        DomainCondition._to_sql); 14.0/16.0 search without looking at groups. The refusal names the model
        searched on 17.0, and on 18.0+ the parent model of a field inherited through _inherits (measured on
        real 17.0, 18.0 and 19.0 with ir.cron's code: "Scheduled Actions (ir.cron)" on 17.0, "Server Actions
        (ir.actions.server)" on 18.0 and 19.0)."""
        if self.env.profile.major < 17 or self.env.su:
            return
        for leaf in domain or []:
            if not isinstance(leaf, (list, tuple)) or not leaf or not isinstance(leaf[0], str):
                continue
            field = self._fields.get(leaf[0].split(".")[0])
            if field is None or self._field_accessible(field):
                continue
            model = self
            if self.env.profile.major >= 18 and field.inherited_from:
                model = self.env[field.inherited_from]
            raise model._field_refusal([field.name], "read")

    # -- search --------------------------------------------------------------------------
    def _active_domain(self, domain):
        domain = list(domain or [])
        if ("active" in self._fields and self.env.context.get("active_test", True)
                and not has_active_leaf(domain)):
            domain = [("active", "=", True)] + domain
        return domain

    def _search(self, domain, offset=0, limit=None, order=None):
        """Ids matching ``domain`` (no access check), honouring active_test."""
        evaluator = Evaluator(self, self._active_domain(domain))
        keys = self._order_keys(order)
        ids = [rid for rid in list(self._rows) if evaluator.matches(rid)]
        ids = self._sorted(ids, keys)
        offset = int(offset or 0)
        if limit:
            return ids[offset:offset + int(limit)]
        return ids[offset:]

    def _order_keys(self, order):
        spec = order or self._order or "id"
        keys = []
        for part in str(spec).split(","):
            words = part.strip().split()
            if not words:
                continue
            fname = words[0].strip('"')
            direction = words[1].lower() if len(words) > 1 else "asc"
            if fname not in self._fields or direction not in ("asc", "desc"):
                raise errors.value_error("Invalid field %r on model %r" % (fname, self._name))
            keys.append((fname, direction == "desc"))
        if not any(k[0] == "id" for k in keys):
            keys.append(("id", False))
        return keys

    def _sorted(self, ids, keys):
        for fname, reverse in reversed(keys):
            field = self._fields[fname]

            def sort_key(rid, fname=fname, field=field):
                value = self._get_value(rid, fname)
                if field.type == "many2one" and value:
                    value = str(self.env.display_name(field.comodel, value) or "")
                elif isinstance(value, list):
                    value = len(value)
                null = value is None or (value is False and field.type != "boolean")
                # no lower(): Odoo creates its databases with LC_COLLATE 'C'
                # (service/db.py _create_empty_database), uppercase sorts first
                # (measured: "X L1" < "X code" in name_search on 14.0-18.0)
                return (1, "") if null else (0, value)

            ids = sorted(ids, key=sort_key, reverse=reverse)
        return ids

    def _name_search_ids(self, name, operator="ilike", limit=None):
        rec_name = self._rec_name if self._rec_name in self._fields else "id"
        return self._search([(rec_name, operator, name)], limit=limit)

    # -- read ----------------------------------------------------------------------------
    def _readable_fields(self):
        return [n for n, f in self._fields.items() if self._field_accessible(f)]

    def _read(self, ids, field_names=None, load="_classic_read"):
        names = list(field_names) if field_names else self._readable_fields()
        self._check_field_names(names, "read")
        result = []
        for rid in ids:
            if rid not in self._rows:
                continue      # models.py _read_format: deleted records are skipped
            vals = {"id": rid}
            for name in names:
                field = self._fields[name]
                vals[name] = field.to_read(self._get_value(rid, name), self.env, load)
            result.append(vals)
        return result

    # -- defaults -------------------------------------------------------------------------
    def _default_for(self, name):
        key = "default_" + name
        if key in self.env.context:
            return self.env.context[key]
        field = self._fields[name]
        default = field.default
        if callable(default):
            return default(self.env)
        return default

    def _defaults(self, names):
        values = {}
        for name in names:
            value = self._default_for(name)
            if value is not None:
                values[name] = value
        return values

    # -- create / write / unlink ------------------------------------------------------------
    def _prepare_create(self, vals):
        """Hook: adjust vals before create (e.g. ir.cron forces usage)."""
        return vals

    def _create(self, vals_list):
        ids = []
        for vals in vals_list:
            vals = self._prepare_create(dict(vals))
            for name in vals:
                if name not in self._fields:
                    text = "Invalid field %r in %r" if self.env.profile.major >= 19 else "Invalid field %r on model %r"
                    raise errors.value_error(text % (name, self._name))
            missing = [n for n, f in self._fields.items()
                       if n not in vals and f.default is not None or
                       (n not in vals and "default_" + n in self.env.context)]
            full = dict(self._defaults(missing), **vals)
            ids.append(self._insert(full))
        return ids

    def _insert(self, vals):
        own, parents = self._split_vals(vals)
        for parent_model, link in self._inherits.items():
            if not own.get(link):
                parent = self.env[parent_model]
                pvals = parents.get(parent_model, {})
                own[link] = parent._create([pvals])[0]
            elif parents.get(parent_model):
                self.env[parent_model]._update([own[link]], parents[parent_model])
        row = {}
        for name, field in self._fields.items():
            if field.inherited_from or name == "id" or (field.compute and not field.store):
                continue
            row[name] = field.empty()
        for name, value in own.items():
            field = self._fields[name]
            if field.compute and not field.store:
                continue
            row[name] = field.to_storage(value, self.env)
        now = fields.now_string()
        row.update(create_date=now, write_date=now, create_uid=self.env.uid,
                   write_uid=self.env.uid)
        rid = self.env.db.next_id(self._table)
        self._check_row(row, rid)
        self._rows[rid] = row
        self._after_write(rid, set(own))
        return rid

    def _split_vals(self, vals):
        own, parents = {}, {}
        for name, value in vals.items():
            field = self._fields[name]
            if field.inherited_from:
                parents.setdefault(field.inherited_from, {})[name] = value
            elif field.related and field.related_target:
                target_model, target_field = field.related_target
                parents.setdefault(target_model, {})[target_field] = value
            else:
                own[name] = value
        return own, parents

    def _update(self, ids, vals):
        for name in vals:
            if name not in self._fields:
                # 19.0 write: "Invalid field 'x' in 'ir.cron'" (orm/models.py, measured)
                text = "Invalid field %r in %r" if self.env.profile.major >= 19 else "Invalid field %r on model %r"
                raise errors.value_error(text % (name, self._name))
        own, parents = self._split_vals(vals)
        missing = [rid for rid in ids if rid not in self._rows]
        if missing:
            if parents or "write" in self._missing_raises:
                # Field.__get__ on a deleted record: reading the _inherits link to write
                # a delegated field (ir.cron 'name', measured on 14.0-18.0), or a rule /
                # override that reads the records (res.partner, res.users)
                raise errors.record_missing(self._name, missing, self.env.uid)
            # 14.0 flush() catches the MissingError of _write() and retries on
            # exists(); 16.0+ UPDATE ... WHERE id IN (...) matches no row: no error
            ids = [rid for rid in ids if rid in self._rows]
        for rid in ids:
            row = self._rows[rid]
            for parent_model, pvals in parents.items():
                link = self._inherits.get(parent_model)
                if link:
                    self.env[parent_model]._update([row[link]], pvals)
            new_row = dict(row)
            for name, value in own.items():
                field = self._fields[name]
                if field.compute and not field.store:
                    continue
                if isinstance(field, fields._X2many):
                    # a write's (4, id) / (3, id) change the current ids (fields.py _X2many.to_storage)
                    new_row[name] = field.to_storage(value, self.env, current=row.get(name))
                else:
                    new_row[name] = field.to_storage(value, self.env)
            new_row["write_date"] = fields.now_string()
            new_row["write_uid"] = self.env.uid
            self._check_row(new_row, rid)
            row.update(new_row)
            self._after_write(rid, set(own) | {n for p in parents.values() for n in p})
        return True

    def _after_write(self, rid, names):
        """Hook: recompute stored computed fields after create/write."""

    def _check_row(self, row, rid):
        """NOT NULL, foreign keys and SQL constraints, as PostgreSQL would check them."""
        for name, field in self._fields.items():
            if field.inherited_from or name == "id" or (field.compute and not field.store):
                continue
            value = row.get(name)
            if field.required and (value is None or value is False or value == ""
                                   and field.type not in ("char", "text")):
                if field.type == "boolean":
                    continue
                raise integrity_not_null(self, field)
            if field.type == "many2one" and value and name not in ("create_uid", "write_uid"):
                comodel = self.env.db.models().get(field.comodel)
                if comodel is not None and value not in self.env.db.tables.get(comodel._table, {}):
                    raise integrity_foreign_key(self, "%s_%s_fkey" % (self._pg_name(), name))
        for key, predicate, message in self._sql_constraints:
            if not predicate(row):
                raise integrity_constraint(self, key, message)
        self._check_unique(row, rid)

    def _check_unique(self, row, rid):
        """UNIQUE constraints of _sql_unique: [(key, field names, message)]."""
        for key, names, message in self._sql_unique:
            for other_id, other in self._rows.items():
                if other_id != rid and all(other.get(n) == row.get(n) for n in names):
                    if callable(message):
                        message = message(self.env.profile)
                    raise integrity_constraint(self, key, message)

    def _check_missing(self, operation):
        """MissingError when ``operation`` reads the (missing) records of self."""
        if operation in self._missing_raises:
            missing = [rid for rid in self.ids if rid not in self._rows]
            if missing:
                raise errors.record_missing(self._name, missing, self.env.uid)

    def _unlink(self, ids):
        ids = self._existing(ids)
        if not ids:
            return True
        db = self.env.db
        # FK restrict checks: who points to these records with ondelete='restrict'
        for cls in db.models().values():
            for fname, field in cls._fields.items():
                if (field.type == "many2one" and field.comodel == self._name
                        and not field.inherited_from and field.ondelete == "restrict"):
                    rows = db.tables.get(cls._table, {})
                    if any(r.get(fname) in ids for r in rows.values()):
                        other = cls(self.env, ())
                        raise integrity_foreign_key(other, "%s_%s_fkey" % (cls._pg_name(), fname),
                                                    referencing=(other, field))
        for rid in ids:
            self._rows.pop(rid, None)
        # cascade / set null
        for cls in list(db.models().values()):
            for fname, field in cls._fields.items():
                if field.type != "many2one" or field.comodel != self._name or field.inherited_from:
                    continue
                rows = db.tables.get(cls._table, {})
                hit = [r_id for r_id, r in rows.items() if r.get(fname) in ids]
                if not hit:
                    continue
                if field.ondelete == "cascade":
                    cls(self.env.sudo(), ())._unlink(hit)
                else:
                    for r_id in hit:
                        rows[r_id][fname] = None
        # models.py unlink(): delete the external ids of the records
        imd = db.tables.get("ir.model.data", {})
        for xid in [x for x, r in imd.items() if r.get("model") == self._name
                    and r.get("res_id") in ids]:
            imd.pop(xid, None)
        return True

    # =======================================================================================
    # Public (RPC) methods, odoo/models.py
    # =======================================================================================
    @api_model
    def search(self, *args, **kwargs):
        # 14.0/16.0 search(self, args, offset=0, limit=None, order=None, count=False);
        # 17.0+ search(self, domain, offset=0, limit=None, order=None): calling the
        # branch's signature lets Python word the TypeErrors as Odoo does (measured on
        # 17.0: "BaseModel.search() takes from 2 to 5 positional arguments but 9 were
        # given")
        impl = _search_16 if self.env.profile.search_count_kwarg else _search_17
        return impl(self, *args, **kwargs)

    @api_model
    def search_count(self, domain, limit=None):
        self._check_access("read")
        self._check_search_fields(domain)
        ids = self._search(domain)
        return min(len(ids), int(limit)) if limit else len(ids)

    @api_model
    def search_read(self, domain=None, fields=None, offset=0, limit=None, order=None,
                    **read_kwargs):
        self._check_access("read")
        unknown = sorted(set(read_kwargs) - {"load"})
        if unknown and self.env.profile.major >= 19:
            # 19.0 search_read -> _read_format(fnames, **read_kwargs) (measured)
            raise errors.type_error("BaseModel._read_format() got an unexpected keyword argument '%s'"
                                    % unknown[0])
        if fields and self.env.profile.major >= 17:
            # 17.0+: search_fetch() validates the field names before searching;
            # 14.0-16.0: search() then read(), so an empty result hides bad names.
            self._check_field_names(fields, "read")
        self._check_search_fields(domain)
        ids = self._search(domain or [], offset=offset, limit=limit, order=order)
        if not ids:
            return []
        return self._read(ids, fields, load=read_kwargs.get("load", "_classic_read"))

    @api_model
    def web_search_read(self, domain, specification, offset=0, limit=None, order=None, count_limit=None):
        """addons/web/models/models.py, 17.0 to 19.0: search_fetch(domain, specification.keys()), then
        web_read(specification), in {length, records}. 14.0/16.0 have a web_search_read(domain, fields, ...)
        of another shape, not simulated (the collection asks this one only over JSON-2, 19.0 on)."""
        if self.env.profile.major < 17:
            raise method_missing(self, "web_search_read")
        self._check_access("read")
        self._check_field_names(list(specification), "read")
        ids = self._search(domain or [], offset=offset, limit=limit, order=order)
        records = self._web_read(ids, specification)
        if not records:
            return {"length": 0, "records": []}
        length = len(records) + offset
        if limit and len(records) == limit and not (count_limit and count_limit <= length):
            length = len(self._search(domain or []))
        return {"length": length, "records": records}

    def _web_read(self, ids, specification):
        """models.py web_read (web addon, 17.0-19.0): read(fields, load=None), then each many2one with
        ``fields`` becomes a dict of the co-record's fields, read with the caller's rights (display_name
        with sudo)."""
        names = list(specification) or ["id"]
        if names == ["id"]:
            return [{"id": rid} for rid in ids]
        self._check_access("read")
        rows = self._read(ids, names, load=None)
        for name, spec in specification.items():
            field = self._fields.get(name)
            if field is None or not spec:
                continue
            if field.type != "many2one":
                raise NotImplementedError("simulator: web_read of %s %s.%s with a specification"
                                          % (field.type, self._name, name))
            if "fields" not in spec:
                continue
            extra = dict(spec["fields"])
            extra.pop("display_name", None)
            co_ids = sorted(set(row[name] for row in rows if row[name]))
            co_rows = dict((row["id"], row) for row in self.env[field.comodel]._web_read(co_ids, extra))
            if "display_name" in spec["fields"]:
                for co_id in co_ids:
                    co_rows[co_id]["display_name"] = self.env.display_name(field.comodel, co_id)
            for row in rows:
                if row[name]:
                    row[name] = co_rows[row[name]]
        return rows

    @api_multi
    def read(self, fields=None, load="_classic_read"):
        self._check_access("read")
        return self._read(self.ids, fields, load)

    @api_create
    def create(self, vals_list):
        self._check_access("create")
        single = isinstance(vals_list, dict)
        ids = self._create([vals_list] if single else list(vals_list))
        return ids[0] if single else ids

    @api_multi
    def write(self, vals):
        self._check_access("write")
        self._update(self.ids, vals)
        return True

    @api_multi
    def unlink(self):
        self._check_access("unlink")
        self._check_missing("unlink")
        return self._unlink(self.ids)

    @api_multi
    def exists(self):
        return self._existing(self.ids)

    @api_multi
    def get_external_id(self):
        """models.py get_external_id(): {id: 'module.name' or ''} (JSON keys are strings).
        Measured: {"<id>": ""} for a cron without xml id, 14.0-18.0."""
        self._check_access("read")
        result = {rid: "" for rid in self.ids}
        imd = self.env.db.tables.get("ir.model.data", {})
        for xid in sorted(imd):
            row = imd[xid]
            if row.get("model") == self._name and row.get("res_id") in result:
                if not result[row["res_id"]]:
                    result[row["res_id"]] = "%s.%s" % (row["module"], row["name"])
        return {str(rid): value for rid, value in result.items()}

    @api_model
    def fields_get(self, allfields=None, attributes=None):
        readonly = False
        if self.env.profile.fields_get_acl_readonly:
            # 14.0 fields_get: readonly = not (has_access('write') or has_access('create'))
            readonly = not (self._check_access("write", False)
                            or self._check_access("create", False))
        result = {}
        for name, field in self._fields.items():
            if allfields and name not in allfields:
                continue
            if not self._field_accessible(field):
                continue
            desc = field.describe(self.env)
            desc["name"] = name
            if readonly:
                desc["readonly"] = True
            if attributes:
                desc = {k: v for k, v in desc.items() if k in attributes}
            result[name] = desc
        return result

    @api_model
    def default_get(self, fields_list):
        values = {}
        for name in fields_list or []:
            if name not in self._fields:
                continue
            value = self._default_for(name)
            if value is not None:
                values[name] = value
        return values

    @api_multi
    def name_get(self):
        if not self.env.profile.has_name_get:
            raise method_missing(self, "name_get")
        self._check_access("read")
        return [[rid, self._display_name(rid)] for rid in self._existing(self.ids)]

    @api_model
    def name_search(self, name="", args=None, operator="ilike", limit=100):
        self._check_access("read")
        rec_name = self._rec_name if self._rec_name in self._fields else "id"
        domain = list(args or [])
        if name:
            domain = domain + [(rec_name, operator, name)]
        ids = self._search(domain, limit=limit)
        return [[rid, self._display_name(rid)] for rid in ids]

    @api_model
    def check_access_rights(self, operation, raise_exception=True):
        return self._check_access(operation, raise_exception)


def _search_16(self, args, offset=0, limit=None, order=None, count=False):
    self._check_access("read")
    self._check_search_fields(args)
    ids = self._search(args, offset=offset, limit=limit, order=order)
    return len(ids) if count else ids


def _search_17(self, domain, offset=0, limit=None, order=None):
    return _search_16(self, domain, offset=offset, limit=limit, order=order)


_search_16.__qualname__ = _search_17.__qualname__ = "BaseModel.search"


def _rename_methods(cls, owner):
    """Give the public methods defined in ``cls`` the qualified name Odoo's have."""
    for name, value in list(vars(cls).items()):
        if callable(value) and getattr(value, "_api", None):
            value.__qualname__ = "%s.%s" % (owner, name)


_rename_methods(Model, "BaseModel")


def method_missing(model, name):
    """AttributeError raised by api.call_kw / get_public_method for an unknown method."""
    if model.env.profile.method_check_style in ("18", "19"):
        return errors.attribute_error("The method '%s.%s' does not exist" % (model._name, name))
    return errors.attribute_error(
        "The method '%s' does not exist on the model '%s'" % (name, model._name))


# ---------------------------------------------------------------------------------------
# Registry
# ---------------------------------------------------------------------------------------
def magic_fields(profile):
    result = {
        "id": fields.Integer("ID", readonly=True),
        "display_name": fields.Char("Display Name", readonly=True, store=False,
                                    compute=lambda model, rid: model._display_name(rid)),
        "create_uid": fields.Many2one("res.users", "Created by", readonly=True),
        "create_date": fields.Datetime("Created on", readonly=True),
        "write_uid": fields.Many2one("res.users", "Last Updated by", readonly=True),
        "write_date": fields.Datetime("Last Updated on", readonly=True),
    }
    if profile.has_last_update:
        result["__last_update"] = fields.Datetime(
            "Last Modified on", readonly=True, store=False,
            compute=lambda model, rid: model._rows[rid].get("write_date"))
    return result


def build_registry(profile, classes):
    """Return {model name: per-profile subclass with its _fields}."""
    registry = {}
    own = {}
    for cls in classes:
        own[cls._name] = (cls, cls.define_fields(profile))
    for name, (cls, own_fields) in own.items():
        all_fields = {}
        for parent, link in cls._inherits.items():
            parent_fields = own[parent][1]
            for fname, field in parent_fields.items():
                inherited = copy.copy(field)
                inherited.inherited_from = parent
                inherited.model_name = name
                inherited.name = fname
                all_fields[fname] = inherited
        for fname, field in own_fields.items():
            field.name = fname
            field.model_name = name
            field.related_target = getattr(field, "related_target", None)
            all_fields[fname] = field
        for fname, field in magic_fields(profile).items():
            field.name = fname
            field.model_name = name
            field.related_target = None
            all_fields.setdefault(fname, field)
        for field in all_fields.values():
            if not hasattr(field, "related_target"):
                field.related_target = None
        attrs = {"_fields": all_fields, "_table": cls._table or name}
        registry[name] = type(cls.__name__, (cls,), attrs)
    return registry
