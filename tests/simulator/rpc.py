"""JSON-RPC endpoints: /jsonrpc (common, db, object) and the /web/* routes.

Facts: odoo/http.py dispatch_rpc, odoo/service/{common,db,model,security}.py,
addons/web/controllers (main.py on 14.0; session.py, dataset.py, webclient.py,
database.py on 16.0-18.0), res_users.py _login/check/_check_credentials (API keys
only for non-interactive logins: res.users.apikeys, 14.0-18.0).
"""

import hashlib
import secrets

from . import errors, fields
from .orm import method_missing
from .profiles import version_info

ORM_PRIVATE_18 = {"init", "ensure_one", "with_env", "sudo", "with_user", "with_company",
                  "with_context", "with_prefetch", "mapped", "filtered", "grouped",
                  "filtered_domain", "sorted", "flush_model", "flush_recordset", "new",
                  "concat", "union", "invalidate_model", "invalidate_recordset"}


def call_key(path, params):
    """The counter key of a request: 'model.method', 'service.method' or the route."""
    params = params if isinstance(params, dict) else {}
    if path == "/jsonrpc":
        service, method = params.get("service"), params.get("method")
        args = params.get("args") or []
        if service == "object" and method in ("execute", "execute_kw") and len(args) >= 5:
            return "%s.%s" % (args[3], args[4])
        return "%s.%s" % (service, method)
    if path.startswith("/json/2/"):        # 19.0 JSON-2: /json/2/<model>/<method>
        return path[len("/json/2/"):].replace("/", ".")
    if path.startswith("/web/dataset/call_kw") or path.startswith("/web/dataset/call_button"):
        return "%s.%s" % (params.get("model"), params.get("method"))
    return path.strip("/").replace("/", ".")


def endpoint_of(path):
    for prefix in ("/web/dataset/call_kw", "/web/dataset/call_button", "/json/2"):
        if path.startswith(prefix):
            return prefix
    return path


class Rpc:
    """Holds the sessions; ``db`` is the simulator's current Database."""

    def __init__(self, simulator):
        self.sim = simulator
        self.sessions = {}

    @property
    def db(self):
        return self.sim.db

    @property
    def profile(self):
        return self.sim.profile

    # -- routing --------------------------------------------------------------------------
    def routes(self):
        return {
            "/jsonrpc": self.jsonrpc,
            "/web/webclient/version_info": self.web_version_info,
            "/web/session/authenticate": self.web_authenticate,
            "/web/session/get_session_info": self.web_get_session_info,
            "/web/session/check": self.web_check,
            "/web/session/destroy": self.web_destroy,
            # web/controllers (main.py on 14.0, database.py 16.0+) list(): http.db_list()
            "/web/database/list": lambda p, s: self.sim.list_databases(),
            "/web/dataset/call_kw": self.web_call_kw,
            "/web/dataset/call_button": self.web_call_kw,
        }

    def web_version_info(self, params, session):
        return version_info(self.profile, self.sim.version_suffix)

    def route(self, path):
        return self.routes().get(endpoint_of(path))

    # -- authentication ---------------------------------------------------------------------
    def _check_db(self, db):
        if db != self.db.name:        # the simulator served the first database: not this one
            raise errors.database_missing(db)

    def _login(self, login, password, interactive):
        """res.users._login: uid or AccessDenied."""
        if not password:
            raise errors.access_denied()
        env = self.db.env()
        users = env["res.users"]
        ids = users._search([("login", "=", login)], limit=1)
        if not ids:
            raise errors.access_denied()
        self._check_credentials(ids[0], password, interactive)
        users._rows[ids[0]]["login_date"] = fields.now_string()
        return ids[0]

    def _check_credentials(self, uid, password, interactive):
        if self.db.passwords.get(uid) and secrets.compare_digest(
                str(self.db.passwords[uid]), str(password)):
            return
        if not interactive and self.db.api_keys.get(password) == uid:
            row = self.db.tables["res.users"].get(uid)
            if row and row.get("active"):
                return
        raise errors.access_denied()

    def check_user(self, db, uid, password):
        """service/security.py check() -> res.users.check(db, uid, passwd)."""
        self._check_db(db)
        if not password:
            raise errors.access_denied()
        row = self.db.tables["res.users"].get(uid)
        if row is None:
            # self.env.user.active on a missing user (Field.__get__)
            raise errors.record_missing("res.users", [uid], uid)
        if not row.get("active"):
            raise errors.access_denied()
        self._check_credentials(uid, password, interactive=False)

    # -- /jsonrpc ---------------------------------------------------------------------------
    def jsonrpc(self, params, session):
        service = params.get("service")
        method = params.get("method")
        args = list(params.get("args") or [])
        if self.profile.jsonrpc_gated and (service == "object" or (service == "common" and method in
                                                                   ("login", "authenticate"))):
            self._check_deprecated_services(args[0] if args else None)
        if service == "common":
            return self._common(method, args)
        if service == "db":
            return self._db(method, args)
        if service == "object":
            return self._object(method, args)
        if self.profile.major >= 16:
            raise errors.key_error(service)
        raise errors.OdooError("builtins.UnboundLocalError",
                               "local variable 'dispatch' referenced before assignment")

    def _check_deprecated_services(self, db):
        """20.0 addons/rpc/controllers/jsonrpc.py @59e846b3928e: the object service and common.login/
        authenticate answer werkzeug NotFound unless ir.config_parameter get_bool
        ('rpc.use_deprecated_services') is true in the named database (Registry(args[0]))."""
        if db not in self.sim.databases:
            raise errors.database_missing(db)
        env = self.sim.databases[db].env()
        value = env["ir.config_parameter"]._get_param("rpc.use_deprecated_services")
        if str(value or "").strip().lower() not in ("1", "true", "yes", "on"):
            raise errors.not_found()

    def _common(self, method, args):
        if method == "version":
            return version_info(self.profile, self.sim.version_suffix)
        if method == "about":
            return "See http://openerp.com"
        if method in ("login", "authenticate"):
            if method == "login" and len(args) != 3:
                raise errors.type_error("exp_login() takes 3 positional arguments but %d were "
                                        "given" % len(args))
            db, login, password = (list(args) + [None, None, None])[:3]
            self._check_db(db)
            try:
                return self._login(login, password, interactive=False)
            except errors.OdooError as exc:
                if exc.name == "odoo.exceptions.AccessDenied":
                    return False
                raise
        raise errors.OdooError("builtins.Exception", "Method not found: %s" % method)

    def _db(self, method, args):
        if method == "list":
            return self.sim.list_databases()     # exp_list(): list_db off -> AccessDenied
        if method == "db_exist":
            return bool(args) and args[0] in self.sim.databases
        if method == "server_version":
            return self.profile.series
        if method == "list_lang":
            return [["en_US", "English (US)"]]
        if method in ("create_database", "duplicate_database", "drop", "dump", "restore",
                      "rename", "change_admin_password", "migrate_databases"):
            raise errors.access_denied()         # check_super(passwd) with any password
        raise errors.key_error("Method not found: %s" % method)

    def _object(self, method, args):
        if len(args) < 3:
            raise errors.OdooError("builtins.IndexError", "list index out of range")
        db, uid, password = args[0], args[1], args[2]
        try:
            uid = int(uid)
        except (TypeError, ValueError) as exc:
            raise errors.OdooError("builtins." + type(exc).__name__, str(exc))
        if method == "obj_list" and self.profile.major < 16:
            raise errors.OdooError(
                "builtins.NameError",
                "obj_list has been discontinued via RPC as of 6.0, please query ir.model directly!")
        if method not in ("execute", "execute_kw"):
            if self.profile.major < 16:
                raise errors.OdooError("builtins.NameError", "Method not available %s" % method)
        self.check_user(db, uid, password)
        if method not in ("execute", "execute_kw"):
            raise errors.OdooError("builtins.NameError", "Method not available %s" % method)
        rest = args[3:]
        if method == "execute":
            if len(rest) < 2:
                raise errors.type_error("execute() missing required positional arguments")
            model, name, call_args, kwargs = rest[0], rest[1], list(rest[2:]), {}
        else:
            if len(rest) < 3:
                raise errors.type_error(
                    "execute_kw() missing 1 required positional argument: 'args'")
            model, name, call_args = rest[0], rest[1], rest[2]
            kwargs = rest[3] if len(rest) > 3 and rest[3] else {}
        env = self.db.env(uid=uid, su=False)
        try:
            return self.execute(env, model, name, call_args, kwargs, web=False)
        except errors.ConstraintError as exc:
            raise exc.resolve(_check_lang_jsonrpc(call_args, kwargs))

    # -- model calls --------------------------------------------------------------------------
    def execute(self, env, model_name, method, args, kwargs, web):
        profile = self.profile
        style18 = profile.method_check_style in ("18", "19")
        if profile.method_check_style == "19" and str(method).startswith("_"):
            # 19.0 service/model.py get_public_method(): any leading underscore
            raise errors.access_error(
                "Private methods (such as '%s.%s') cannot be called remotely." % (model_name, method))
        if not style18 and str(method).startswith("_"):
            # models.py check_method_name()
            raise errors.access_error(
                "Private methods (such as %s) cannot be called remotely." % (method,))
        if model_name not in env:
            self.sim.note_missing_model(model_name)
            if web:
                if profile.web_unknown_model_notfound:
                    raise errors.not_found()
                raise errors.key_error(model_name)
            raise errors.user_error("Object %s doesn't exist" % (model_name,))
        model = env[model_name]
        cls = type(model)
        func = getattr(cls, str(method), None)
        if method == "check_access_rights" and not profile.has_check_access_rights:
            func = None         # 20.0: removed (has_access / check_access); FACTS_20, unconfirmed
        api = getattr(func, "_api", None)
        if style18:
            # service/model.py get_public_method()
            if str(method).startswith("_") or method in ORM_PRIVATE_18:
                if callable(func) or method in cls._private_methods or method in ORM_PRIVATE_18:
                    raise errors.access_error(
                        "Private methods (such as '%s.%s') cannot be called remotely."
                        % (model_name, method))
                raise method_missing(model, method)
        if api is None:
            if profile.major == 16:
                raise errors.attribute_error("type object '%s' has no attribute '%s'"
                                             % (model_name, method))
            raise method_missing(model, method)
        return call_kw(model, method, api, args, kwargs)

    # -- /web routes ------------------------------------------------------------------------
    def web_authenticate(self, params, session):
        db, login, password = params.get("db"), params.get("login"), params.get("password")
        if self.profile.session_db_check and not self.sim.db_filter([db]):
            # 16.0+ web/controllers/session.py authenticate(): http.db_filter([db]);
            # without dbfilter (and without db_name) every name passes and the unknown
            # database fails below in psycopg2 (measured on 16.0/17.0/18.0, FACTS §0b)
            raise errors.access_error("Database not found.")
        self._check_db(db)
        uid = self._login(login, password, interactive=True)
        env = self.db.env(uid=uid, su=False)
        if env.is_system():
            # res_users.py authenticate(): a Settings user's login records the URL
            # (web.base.url) unless web.base.url.freeze is set
            params_model = env.sudo()["ir.config_parameter"]
            if not params_model._get_param("web.base.url.freeze"):
                params_model._set_param("web.base.url", self.sim.url)
        sid = secrets.token_hex(20)
        context = self.db.env(uid=uid, su=False)["res.users"].context_get()
        context["uid"] = uid
        self.sessions[sid] = {"uid": uid, "db": db, "login": login, "context": context}
        return self.session_info(sid), sid

    def session_info(self, sid):
        """ir_http.py session_info() of each branch; the key sets are those measured on
        14.0/16.0/17.0/18.0 servers (FACTS §1), the values of the UI-only keys are
        plausible stand-ins."""
        sess = self.sessions[sid]
        env = self.db.env(uid=sess["uid"], su=False)
        row = env.user_row()
        major = self.profile.major
        info = version_info(self.profile, self.sim.version_suffix)
        company_id = row.get("company_id")
        company = self.db.tables.get("res.company", {}).get(company_id, {})
        company_name = company.get("name")
        partner = self.db.tables.get("res.partner", {}).get(row.get("partner_id"), {})
        lang = sess["context"].get("lang") or "en_US"
        result = {
            "uid": sess["uid"],
            "is_system": env.is_system(),
            "is_admin": env.is_admin(),
            "user_context": dict(sess["context"]),
            "db": sess["db"],
            "server_version": info["server_version"],
            "server_version_info": info["server_version_info"],
            "name": row.get("name"),
            "username": row.get("login"),
            "partner_display_name": env.display_name("res.partner", row.get("partner_id")),
            "partner_id": row.get("partner_id"),
            "web.base.url": env.sudo()["ir.config_parameter"]._get_param("web.base.url", ""),
            "active_ids_limit": 20000,
            "max_file_upload_size": 128 * 1024 * 1024,
            "show_effect": True,
            "display_switch_company_menu": False,
        }
        digest = hashlib.sha1(("%s-%s" % (self.profile.series, sess["uid"])).encode())
        hashes = {"translations": digest.hexdigest(),
                  "load_menus": hashlib.sha256(digest.digest()).hexdigest()}
        # the default company currency of a fresh database: EUR on 14.0/16.0, USD on 17+
        currency = ({"symbol": "\u20ac", "position": "after", "digits": [69, 2]} if major < 17
                    else {"symbol": "$", "position": "before", "digits": [69, 2]})
        result["currencies"] = {"1": currency}
        if major < 16:
            hashes["qweb"] = hashlib.sha256(digest.digest() + b"qweb").hexdigest()
            result["user_companies"] = {"current_company": [company_id, company_name],
                                        "allowed_companies": [[company_id, company_name]]}
        else:
            allowed = {"id": company_id, "name": company_name,
                       "sequence": company.get("sequence") or 0}
            if major >= 17:
                allowed.update(child_ids=[], parent_id=False)
            result["user_companies"] = {"current_company": company_id,
                                        "allowed_companies": {str(company_id): allowed}}
            if major >= 17:
                result["user_companies"]["disallowed_ancestor_companies"] = {}
            result.update(support_url="https://www.odoo.com/buy", profile_session=None,
                          profile_collectors=None, profile_params=None, home_action_id=False,
                          bundle_params={"lang": lang})
        result["cache_hashes"] = hashes
        if major < 18:
            result.update(user_id=[sess["uid"]], web_tours=[])
            if major >= 16:
                result["tour_disable"] = False
        if self.profile.session_info_company_id:
            result["company_id"] = company_id
        if major >= 17:
            result["is_internal_user"] = env.has_group("base.group_user")
            result["user_settings"] = {"id": sess["uid"] - 1 if sess["uid"] > 1 else 1,
                                       "user_id": {"id": sess["uid"]}}
        if major >= 18:
            result.update(is_public=env.has_group("base.group_public"),
                          partner_write_date=partner.get("write_date"), test_mode=False,
                          view_info=VIEW_INFO_18, websocket_worker_version="18.0-5",
                          tour_enabled=env.is_system(), current_tour=False)
        if major >= 19:
            # measured on 19.0: + groups, quick_login, registry_hash; - cache_hashes,
            # display_switch_company_menu
            for key in ("cache_hashes", "display_switch_company_menu"):
                result.pop(key, None)
            result.update(groups={"base.group_allow_export": True}, quick_login=True,
                          registry_hash=hashlib.sha256(digest.digest() + b"registry").hexdigest(),
                          websocket_worker_version="19.0-2")
        return result

    def _session(self, session):
        if not session or session.get("uid") is None:
            raise errors.session_expired()
        return session

    def web_get_session_info(self, params, session):
        self._session(session)
        return self.session_info(session["sid"])

    def web_check(self, params, session):
        self._session(session)
        return None

    def web_destroy(self, params, session):
        if session:
            self.sessions.pop(session.get("sid"), None)
        return None

    def web_call_kw(self, params, session):
        session = self._session(session)
        row = self.db.tables["res.users"].get(session["uid"])
        if not row or not row.get("active"):
            raise errors.session_expired()
        env = self.db.env(uid=session["uid"], context=session.get("context"), su=False)
        kwargs = dict(params.get("kwargs") or {})
        try:
            return self.execute(env, params.get("model"), params.get("method"),
                                list(params.get("args") or []), kwargs, web=True)
        except errors.ConstraintError as exc:
            # 14.0 http.py checked_call(db, **route params): tr() takes
            # kwargs['kwargs']['context'] if any, else request.env.context (the session's)
            context = kwargs.get("context") or session.get("context") or {}
            raise exc.resolve(isinstance(context, dict) and bool(context.get("lang")))


def call_kw(model, name, api, args, kwargs):
    """odoo/api.py call_kw: split context, browse ids for record methods, call."""
    kwargs = dict(kwargs or {})
    context = kwargs.pop("context", None) or {}
    if not isinstance(context, dict):
        raise errors.type_error("'%s' object is not a mapping" % type(context).__name__)
    env = model.env(context=dict(model.env.context, **context))
    args = list(args or [])
    if api in ("model", "model_create"):
        recs = type(model)(env, [])
        if api == "model_create" and not args:
            # api.py _call_kw_model_create: method(recs, **kwargs) runs (TypeError on an
            # unknown keyword), then "result.id if isinstance(args[0], Mapping)" fails
            try:
                getattr(recs, name)(**kwargs)
            except TypeError as exc:
                raise errors.type_error(str(exc))
            raise errors.OdooError("builtins.IndexError", "list index out of range" if env.profile.major >= 19
                                   else "tuple index out of range")
    else:
        if not args:
            raise errors.OdooError("builtins.IndexError", "list index out of range")
        ids, args = args[0], args[1:]
        if ids is False or ids is None:
            ids = []
        if isinstance(ids, int) and not isinstance(ids, bool):
            ids = [ids]
        recs = type(model)(env, list(ids))
    if env.profile.major >= 18:
        _check_lang_18(recs)
    try:
        return getattr(recs, name)(*args, **kwargs)
    except TypeError as exc:
        # the methods carry Odoo's __qualname__ (orm.Model: BaseModel.search, ...), so
        # Python words the error like Odoo: "BaseModel.search() got an unexpected ..."
        raise errors.type_error(str(exc))


def _check_lang_18(model):
    """18.0 api.py Environment.lang: a context lang that is not installed is refused
    (UserError "Invalid language code: fr_FR", measured) as soon as something
    translatable is used; 14.0-17.0 ignore it."""
    lang = model.env.context.get("lang")
    if lang and lang != "en_US" and any(f.translate for f in model._fields.values()):
        raise errors.user_error("Invalid language code: %s" % (lang,))


def _check_lang_jsonrpc(call_args, kwargs):
    """14.0 service/model.py check() -> tr(): where it looks for a 'lang' over /jsonrpc.

    check() wraps execute(db, uid, obj, method, *args, **kw): with keyword arguments it
    reads kw['context'] (or kw['kwargs']['context'], else the anonymous request's
    context, which has no lang); without, the last positional argument when it is a dict
    (e.g. the vals of create). Measured on 14.0: create() of a duplicate login gives
    'res_users_login_key', the same with context {'lang': 'en_US'} or with 'lang' in the
    vals gives the message."""
    if kwargs:
        if "context" in kwargs:
            ctx = kwargs["context"]
        elif isinstance(kwargs.get("kwargs"), dict) and kwargs["kwargs"].get("context"):
            ctx = kwargs["kwargs"]["context"]
        else:
            ctx = {}
    else:
        ctx = call_args[-1] if call_args and isinstance(call_args[-1], dict) else {}
    return isinstance(ctx, dict) and bool(ctx.get("lang"))


# 18.0 ir_http.py session_info()['view_info'] (ir.ui.view _get_view_info)
VIEW_INFO_18 = {
    "list": {"display_name": "List", "icon": "oi oi-view-list", "multi_record": True},
    "form": {"display_name": "Form", "icon": "fa fa-address-card", "multi_record": False},
    "graph": {"display_name": "Graph", "icon": "fa fa-area-chart", "multi_record": True},
    "pivot": {"display_name": "Pivot", "icon": "oi oi-view-pivot", "multi_record": True},
    "calendar": {"display_name": "Calendar", "icon": "fa fa-calendar", "multi_record": True},
    "kanban": {"display_name": "Kanban", "icon": "oi oi-view-kanban", "multi_record": True},
    "search": {"display_name": "Search", "icon": "oi oi-search", "multi_record": True},
}
