"""Version profiles: what differs between Odoo 14.0 and 19.0 as seen over RPC.

14.0, 16.0, 17.0, 18.0 and 19.0 are MEASURED: every flag was checked against a real server
of that branch (the contract suite tests/contract passes on the simulator and on each
server) and cites the Odoo file it comes from (branch + file).

15.0 is DERIVED, not measured: there was neither a 15.0 server nor a 15.0 source tree.
Each of its flags is copied from 14.0 or 16.0 by judgement; DERIVED_15 below says which
and why. Check them on a real 15.0 server (run tests/contract against it) before
relying on the 15.0 profile.
"""

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Profile:
    series: str
    major: int

    # --- ir.cron (odoo/addons/base/models/ir_cron.py) ---------------------------------
    # numbercall / doall exist on 14.0-17.0, removed in 18.0.
    cron_numbercall: bool
    # failure_count / first_failure_date added in 18.0.
    cron_failure_count: bool
    # cron_name: related(store, readonly=False) on 14-16; compute(store) on 17-18.
    cron_name_computed: bool
    # 18.0: interval_number/interval_type required=True and
    # _sql_constraints check_strictly_positive_interval CHECK(interval_number > 0).
    cron_interval_check: bool
    # How the scheduler updates numbercall/nextcall:
    # "14": _process_job of 14.0 (loop while nextcall < now and numbercall),
    # "16": _process_job of 16.0/17.0 (missed_call_count/effective_call_count),
    # "18": no numbercall, failure_count bookkeeping (_update_failure_count).
    cron_process: str
    # 18.0 method_direct_trigger starts with self.ensure_one().
    cron_trigger_ensure_one: bool
    # write([]) / unlink([]) on ir.cron: _try_lock() runs "WHERE id IN ()" and fails
    # with psycopg2.errors.SyntaxError on 14.0 ("14": one-line query) and 16.0 ("16":
    # multi-line query); None = 17.0+ (early return). Measured on 14/16/17/18.
    cron_lock_empty_ids_error: object

    # --- ir.model.data (odoo/addons/base/models/ir_model.py) --------------------------
    # xmlid_to_res_model_res_id / xmlid_lookup public on 14.0; renamed with a leading
    # underscore from 15.0 (odoorpc 0.10.1 env.ref() switches at 15).
    imd_public_xmlid_methods: bool

    # --- access rights (odoo/addons/base/security/ir.model.access.csv) ----------------
    # group_user on ir.model.data: 1,0,1,0 on 14.0; 0,0,0,0 on 16.0+ (15: guess = 16).
    imd_user_acl: tuple
    # group_user on ir.model / ir.model.fields: read on 14.0; nothing on 16.0+.
    ir_model_user_read: bool

    # --- RPC error shapes ----------------------------------------------------------------
    # IntegrityError translation: "14" = service/model.py check() of 14.0 (raw pg
    # message / "The operation cannot be completed:" blocks; an _sql_constraints
    # violation gives the constraint NAME unless the call carries a lang, see
    # errors.ConstraintError); "16" = service/model.py _as_validation_error of
    # 16.0-18.0 ("The operation cannot be completed: <message>").
    integrity_style: str
    # Unknown/private method: "14" = models.check_method_name + api.call_kw
    # (14.0-17.0); "18" = service/model.py get_public_method (18.0).
    method_check_style: str
    # /web/dataset/call_kw on an unknown model: KeyError (14-17, request.env[model])
    # or werkzeug NotFound (18.0, DataSet._call_kw_readonly).
    web_unknown_model_notfound: bool
    # /web/session/authenticate checks http.db_filter([db]) and raises
    # AccessError("Database not found.") (16.0 web/controllers/session.py; absent
    # on 14.0 where registry(db) fails with psycopg2.OperationalError; 15: guess).
    # db_filter() only rejects a name when the server has a dbfilter (or db_name):
    # Simulator(dbfilter=...) decides, without one psycopg2 fails on every branch.
    session_db_check: bool
    # BaseModel.name_get exists on 14.0-17.0, removed in 18.0.
    has_name_get: bool
    # res.users.has_group is @api.model on 14-17, a record method on 18.
    has_group_model_api: bool
    # BaseModel.search(count=...) exists on 14.0/16.0, removed on 17.0.
    search_count_kwarg: bool
    # tools/safe_eval.py: '%s: "%s" while evaluating\n%r' (14-17) or
    # '%r while evaluating\n%r' (18).
    safe_eval_repr_style: bool
    # ir.module.module.next(): url '/web' (14-17) or '/odoo' (18).
    web_root_url: str
    # session_info has company_id on 14/16 (removed on 17+).
    session_info_company_id: bool
    # 14.0-16.0 models have the magic field __last_update (measured on 16.0: in
    # fields_get and read() of ir.cron / ir.model.data); removed in 17.0.
    has_last_update: bool
    # 14.0 fields_get marks every field readonly when the user has neither write nor
    # create access (models.py fields_get); gone on 16.0 (15: guess = 14).
    fields_get_acl_readonly: bool
    # ir.actions.server.state selection (base + mail additions) per branch.
    server_action_states: tuple = field(default=())
    # Module manifest versions of the seeded installed modules (before adapt_version).
    module_versions: tuple = field(default=())
    # False for a profile derived from its neighbours without a server to check it on.
    measured: bool = True

    # --- 19.0 (json2.py; FACTS-19 measured on a 19.0 server) --------------------------------
    # The rpc addon's JSON-2 API (/json/2/<model>/<method>), GET /web/version and /json/version,
    # and a deprecation WARNING logged for every /jsonrpc, /xmlrpc and /xmlrpc/2 call
    # (addons/rpc/controllers/__init__.py, json2.py, jsonrpc.py, 19.0).
    json2: bool = False
    # res.users.context_get() includes the uid (res_users.py context_get, 16.0+).
    context_get_uid: bool = False
    # res.users: groups_id (14.0-18.0, implied groups included) became group_ids (the groups
    # given) + all_group_ids (implied included) on 19.0 (res_users.py).
    user_groups_field: str = "groups_id"
    # ir.actions.server on 19.0 (ir_actions.py): groups_id -> group_ids, child_ids a one2many
    # of parent_id, and state without a default.
    server_action_groups_field: str = "groups_id"
    server_action_child_one2many: bool = False
    server_action_state_default: bool = True
    # 19.0 IrCron.write / _unlink_unless_running: lock_for_update() on ids that do not exist
    # raises LockError -> the "cannot be modified right now" UserError (ir_cron.py, measured).
    cron_lock_missing_ids: bool = False
    # 19.0 method_direct_trigger runs the job the way the scheduler does: _acquire_one_job (none while the
    # scheduler holds it: UserError "Job '%s' already executing"), then _process_job, which counts a failure
    # (failure_count, first_failure_date) and moves lastcall and nextcall (_reschedule_later) whatever the
    # outcome; a failing job does not raise, the call answers an ir.actions.client display_exception whose
    # data.debug is the job's traceback "... The above exception was the direct cause ... RuntimeError"
    # (odoo/addons/base/models/ir_cron.py, 19.0; measured on a real 19.0 of February 2026).
    cron_trigger_process_job: bool = False

    # --- 20.0: READ FROM SOURCE, not yet measured on a real 20 server (FACTS_20 below) --------
    # The security model: "ir.model.access" (14.0-19.0) or "ir.access" (20.0, which has neither
    # ir.model.access nor ir.rule).
    security_model: str = "ir.model.access"
    # /jsonrpc answers 404 to the object service and to common.login/authenticate unless the
    # system parameter rpc.use_deprecated_services is true.
    jsonrpc_gated: bool = False
    # ir.cron.interval_type has 'never' (and it is the default).
    cron_interval_never: bool = False
    # BaseModel.check_access_rights (removed on 20.0: has_access / check_access replace it).
    has_check_access_rights: bool = True


_STATES_14 = (
    ("code", "Execute Python Code"),
    ("object_create", "Create a new Record"),
    ("object_write", "Update the Record"),
    ("multi", "Execute several actions"),
    ("email", "Send Email"),
    ("followers", "Add Followers"),
    ("next_activity", "Create Next Activity"),
)
_STATES_17 = (
    ("object_write", "Update Record"),
    ("object_create", "Create Record"),
    ("code", "Execute Code"),
    ("webhook", "Send Webhook Notification"),
    ("multi", "Execute Existing Actions"),
    ("next_activity", "Create Activity"),
    ("mail_post", "Send Email"),
    ("followers", "Add Followers"),
    ("remove_followers", "Remove Followers"),
)

PROFILES = {
    "14.0": Profile(
        series="14.0", major=14,
        cron_numbercall=True, cron_failure_count=False, cron_name_computed=False,
        cron_interval_check=False, cron_process="14", cron_trigger_ensure_one=False,
        cron_lock_empty_ids_error="14",
        imd_public_xmlid_methods=True, imd_user_acl=(1, 0, 1, 0), ir_model_user_read=True,
        integrity_style="14", method_check_style="14", web_unknown_model_notfound=False,
        session_db_check=False, has_name_get=True, has_group_model_api=True,
        search_count_kwarg=True, safe_eval_repr_style=False,
        web_root_url="/web", session_info_company_id=True, has_last_update=True,
        fields_get_acl_readonly=True,
        server_action_states=_STATES_14,
        module_versions=(("base", "1.3"), ("web", "1.0"), ("mail", "1.0")),
    ),
    # 15.0: DERIVED (see DERIVED_15), not measured.
    "15.0": Profile(
        series="15.0", major=15,
        cron_numbercall=True, cron_failure_count=False, cron_name_computed=False,
        cron_interval_check=False, cron_process="16", cron_trigger_ensure_one=False,
        cron_lock_empty_ids_error="14",
        imd_public_xmlid_methods=False, imd_user_acl=(0, 0, 0, 0), ir_model_user_read=False,
        integrity_style="14", method_check_style="14", web_unknown_model_notfound=False,
        session_db_check=True, has_name_get=True, has_group_model_api=True,
        search_count_kwarg=True, safe_eval_repr_style=False,
        web_root_url="/web", session_info_company_id=True, has_last_update=True,
        fields_get_acl_readonly=True,
        server_action_states=_STATES_14,
        module_versions=(("base", "1.3"), ("web", "1.0"), ("mail", "1.5")),
        measured=False,
    ),
    "16.0": Profile(
        series="16.0", major=16,
        cron_numbercall=True, cron_failure_count=False, cron_name_computed=False,
        cron_interval_check=False, cron_process="16", cron_trigger_ensure_one=False,
        cron_lock_empty_ids_error="16",
        imd_public_xmlid_methods=False, imd_user_acl=(0, 0, 0, 0), ir_model_user_read=False,
        integrity_style="16", method_check_style="14", web_unknown_model_notfound=False,
        session_db_check=True, has_name_get=True, has_group_model_api=True,
        search_count_kwarg=True, safe_eval_repr_style=False,
        web_root_url="/web", session_info_company_id=True, has_last_update=True,
        fields_get_acl_readonly=False,
        server_action_states=_STATES_14,
        module_versions=(("base", "1.3"), ("web", "1.0"), ("mail", "1.10")),
        context_get_uid=True,
    ),
    "17.0": Profile(
        series="17.0", major=17,
        cron_numbercall=True, cron_failure_count=False, cron_name_computed=True,
        cron_interval_check=False, cron_process="16", cron_trigger_ensure_one=False,
        cron_lock_empty_ids_error=None,
        imd_public_xmlid_methods=False, imd_user_acl=(0, 0, 0, 0), ir_model_user_read=False,
        integrity_style="16", method_check_style="14", web_unknown_model_notfound=False,
        session_db_check=True, has_name_get=True, has_group_model_api=True,
        search_count_kwarg=False, safe_eval_repr_style=False,
        web_root_url="/web", session_info_company_id=False, has_last_update=False,
        fields_get_acl_readonly=False,
        server_action_states=_STATES_17,
        module_versions=(("base", "1.3"), ("web", "1.0"), ("mail", "1.15")),
        context_get_uid=True,
    ),
    "18.0": Profile(
        series="18.0", major=18,
        cron_numbercall=False, cron_failure_count=True, cron_name_computed=True,
        cron_interval_check=True, cron_process="18", cron_trigger_ensure_one=True,
        cron_lock_empty_ids_error=None,
        imd_public_xmlid_methods=False, imd_user_acl=(0, 0, 0, 0), ir_model_user_read=False,
        integrity_style="16", method_check_style="18", web_unknown_model_notfound=True,
        session_db_check=True, has_name_get=False, has_group_model_api=False,
        search_count_kwarg=False, safe_eval_repr_style=True,
        web_root_url="/odoo", session_info_company_id=False, has_last_update=False,
        fields_get_acl_readonly=False,
        server_action_states=_STATES_17,
        module_versions=(("base", "1.3"), ("web", "1.0"), ("mail", "1.18")),
        context_get_uid=True,
    ),
    "19.0": Profile(
        series="19.0", major=19,
        cron_numbercall=False, cron_failure_count=True, cron_name_computed=True,
        cron_interval_check=True, cron_process="18", cron_trigger_ensure_one=True,
        cron_lock_empty_ids_error=None,
        imd_public_xmlid_methods=False, imd_user_acl=(0, 0, 0, 0), ir_model_user_read=False,
        integrity_style="16", method_check_style="19", web_unknown_model_notfound=True,
        session_db_check=True, has_name_get=False, has_group_model_api=False,
        search_count_kwarg=False, safe_eval_repr_style=True,
        web_root_url="/odoo", session_info_company_id=False, has_last_update=False,
        fields_get_acl_readonly=False,
        server_action_states=_STATES_17,
        module_versions=(("base", "1.3"), ("web", "1.0"), ("mail", "1.19")),
        json2=True, context_get_uid=True, user_groups_field="group_ids",
        server_action_groups_field="group_ids", server_action_child_one2many=True,
        server_action_state_default=False, cron_lock_missing_ids=True, cron_trigger_process_job=True,
    ),
    # 20.0: READ FROM SOURCE (FACTS_20 says where each flag comes from), not measured.
    "20.0": Profile(
        series="20.0", major=20,
        cron_numbercall=False, cron_failure_count=True, cron_name_computed=True,
        cron_interval_check=True, cron_process="18", cron_trigger_ensure_one=True,
        cron_lock_empty_ids_error=None,
        imd_public_xmlid_methods=False, imd_user_acl=(0, 0, 0, 0), ir_model_user_read=False,
        integrity_style="16", method_check_style="19", web_unknown_model_notfound=True,
        session_db_check=True, has_name_get=False, has_group_model_api=False,
        search_count_kwarg=False, safe_eval_repr_style=True,
        web_root_url="/odoo", session_info_company_id=False, has_last_update=False,
        fields_get_acl_readonly=False,
        server_action_states=_STATES_17,
        module_versions=(("base", "1.3"), ("web", "1.0"), ("mail", "1.19")),
        json2=True, context_get_uid=True, user_groups_field="group_ids",
        server_action_groups_field="group_ids", server_action_child_one2many=True,
        server_action_state_default=False, cron_lock_missing_ids=True, cron_trigger_process_job=True,
        security_model="ir.access", jsonrpc_gated=True, cron_interval_never=True,
        has_check_access_rights=False,
        measured=False,
    ),
}

# Where each 20.0 fact comes from. "read": a file of odoo/odoo read with the search tool, named by
# path and the commit read_file gave (the index holds many versions of a file; these are the ones
# that carry the 20.0 API: ir.access, the gated /jsonrpc). "unconfirmed": no 20-era file that says
# it was found; it comes from the issue text (secondary sources) or is kept from 19.0. A real 20
# server must confirm all of them (tests/simulator/README.md, "20.0").
FACTS_20 = {
    "series 20.0": "unconfirmed: odoo/release.py versions in the index are older; the issue quotes "
                   "version_info = (20, 0, 0, FINAL, 0, '')",
    "security_model ir.access": "read: odoo/addons/base/models/ir_access.py @5d9a6616756d8232b18448507f2ea49f6a9424ad "
                                "(fields name, active, model_id, group_id, operation, domain; for_read/for_write/"
                                "for_create/for_unlink searchable; _get_access_domain: no permission row -> no access, "
                                "permissions OR-ed, restrictions AND-ed)",
    "ir.access.csv": "read: odoo/addons/base/security/ir.access.csv @c26577dc5717b9d8fd8f33b1291f557762be521a "
                     "(header id,model_id,group_id/id,operation,domain,name; operation letters in rwcd order, "
                     "e.g. 'rwcd', 'r', 'rwd', 'wcd'), NOT the header and crud order the issue gives",
    "no ir.model.access / ir.rule": "unconfirmed: implied by ir.access replacing them (the index also holds an "
                                    "odoo/addons/base/models/ir_model_access.py of unknown branch)",
    "jsonrpc_gated": "read: addons/rpc/controllers/jsonrpc.py @59e846b3928eb018bbc28fc9bf45f69219efdf46 "
                     "(object, common.login/authenticate -> request.not_found() unless "
                     "ir.config_parameter get_bool('rpc.use_deprecated_services'); then the deprecation "
                     "WARNING, as 19.0)",
    "xmlrpc deprecation": "read: addons/rpc/controllers/xmlrpc.py @29134220cd0d7f3065a8f90704c39848ab0952a9 "
                          "(logger.warning(RPC_DEPRECATION_NOTICE) per call, no gate)",
    "GET /web/version": "read: addons/rpc/controllers/__init__.py @079c37543ac0924dc984808be2763d1f0601b1ef "
                        "(version_info and version, auth none)",
    "json2": "= 19.0 (unconfirmed for 20: addons/rpc/controllers/json2.py not read at a 20 commit); "
             "bearer_scope of API keys not modelled",
    "cron_interval_never": "unconfirmed: from the issue (interval_type gains 'never', the new default); the "
                           "stored ir_cron.py versions are older; what the scheduler does with a never cron "
                           "(runs once at nextcall, then not again; nextcall kept) is a guess",
    "cron_trigger_process_job": "= 19.0 (method_direct_trigger through _process_job, display_exception): "
                                "unconfirmed for 20",
    "cron fields": "= 19.0 (no numbercall/doall, failure_count): unconfirmed for 20",
    "cron lock refusals": "= 19.0 (issue: 'This cron task is currently being executed', "
                          "\"Job '...' already executing\"): unconfirmed for 20",
    "user_groups_field group_ids": "read: odoo/addons/base/security/base_groups.xml "
                                   "@1717cee40894fcbd3f29dce8ce873fce892c3a5e (res.users group_ids, res.groups "
                                   "user_ids); all_group_ids = 19.0, unconfirmed",
    "has_check_access_rights False": "unconfirmed: from the issue (has_access / check_access replace it)",
    "button_reset_state": "= 19.0, unconfirmed",
    "toggle_active removed, read_group signature, odoo.service.db removed":
        "unconfirmed: from the issue; the simulator models none of them and the collection calls none",
    "everything else": "= 19.0",
}

# How each 15.0 flag was derived ("= 14" / "= 16": copied from that branch).
DERIVED_15 = {
    "cron_numbercall": "= 14/16 (numbercall removed only in 18.0)",
    "cron_failure_count": "= 14/16 (failure_count added in 18.0)",
    "cron_name_computed": "= 14/16 (cron_name became computed in 17.0)",
    "cron_interval_check": "= 14/16 (CHECK constraint added in 18.0)",
    "cron_process": "= 16 (guess: missed_call_count logic assumed already in 15.0)",
    "cron_trigger_ensure_one": "= 14/16",
    "cron_lock_empty_ids_error": "= 14 (guess: one-line _try_lock query)",
    "imd_public_xmlid_methods": "= 16 (odoorpc 0.10.1 env.ref() switches at 15.0)",
    "imd_user_acl": "= 16 (guess)",
    "ir_model_user_read": "= 16 (guess)",
    "integrity_style": "= 14 (guess: check() with tr(), constraint name without lang)",
    "method_check_style": "= 14/16/17",
    "web_unknown_model_notfound": "= 14/16/17",
    "session_db_check": "= 16 (guess: db_filter([db]) check in session authenticate)",
    "has_name_get": "= 14/16/17",
    "has_group_model_api": "= 14/16/17",
    "search_count_kwarg": "= 14/16",
    "safe_eval_repr_style": "= 14/16/17",
    "web_root_url": "= 14/16/17",
    "session_info_company_id": "= 14/16",
    "has_last_update": "= 14/16",
    "fields_get_acl_readonly": "= 14 (guess)",
    "server_action_states": "= 14/16",
    "module_versions": "guess (mail 1.5)",
    "ir_cron.create(values)": "= 14 (guess), models/ir_actions.py ir_cron_class()",
    "ir.config_parameter unlink of a missing id": "= 14/17 (guess: MissingError)",
    "session_info keys": "= 14 (guess), rpc.py session_info()",
}

DEFAULT_VERSION = "14.0"


def get_profile(version):
    """Return the Profile of ``version`` ('14', '14.0', 14 are all accepted)."""
    key = str(version).strip()
    if key.isdigit():
        key += ".0"
    try:
        return PROFILES[key]
    except KeyError:
        raise ValueError("unknown Odoo version %r (known: %s)" % (version, ", ".join(PROFILES)))


def version_info(profile, suffix=""):
    """odoo/service/common.py exp_version() (RPC_VERSION_1) of release.py, any branch.

    ``suffix`` mimics packaged builds whose release.py appends a date
    (``version += '-20240709'`` in a 17.0 nightly): server_version '17.0-20240709'.
    """
    return {
        "server_version": profile.series + (suffix or ""),
        "server_version_info": [profile.major, 0, 0, "final", 0, ""],
        "server_serie": profile.series,
        "protocol_version": 1,
    }


def adapt_version(profile, version):
    """odoo/modules/module.py adapt_version(): prefix the series ('1.0' -> '14.0.1.0')."""
    serie = profile.series
    if version == serie or not version.startswith(serie + "."):
        version = "%s.%s" % (serie, version)
    return version
