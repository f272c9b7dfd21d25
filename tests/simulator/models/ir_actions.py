"""ir.actions.server and ir.cron.

Sources: odoo/addons/base/models/ir_actions.py and ir_cron.py on 14.0, 16.0, 17.0,
18.0 (15.0 derived). ir.cron delegates to ir.actions.server (_inherits through
ir_actions_server_id, delegate=True, ondelete='restrict'): name, model_id,
model_name, state, code, usage... are read/written/searched through the cron.
Unlinking a cron does NOT remove its server action (BaseModel.unlink has no
cascade towards the _inherits parent); deleting the ir.model removes both
(IrModel.unlink deletes the crons, model_id is ondelete='cascade').
"""

import datetime

from .. import codeexec, errors, fields
from ..orm import Model, api_create, api_model, api_multi

# ir_actions.py DEFAULT_PYTHON_CODE is a comment block listing the evaluation context;
# the simulator keeps a short stand-in (the real text differs per branch).
DEFAULT_PYTHON_CODE = "# Available variables:\n#  - env, model, record, records, log, ...\n\n\n\n"

CRON_LOCKED_MESSAGE = ("Record cannot be modified right now: This cron task is currently being "
                       "executed and may not be modified Please try again in a few minutes")


def _child_ids(profile):
    """child_ids: a many2many on 14.0-18.0, the one2many of parent_id on 19.0 (ir_actions.py)."""
    if not profile.server_action_child_one2many:
        return fields.Many2many("ir.actions.server", "Child Actions")
    return fields.One2many("ir.actions.server", "parent_id", "Child Actions", compute=lambda model, rid: sorted(
        cid for cid, row in model.env.db.tables.get("ir.actions.server", {}).items() if row.get("parent_id") == rid))


class IrActionsServer(Model):
    _name = "ir.actions.server"
    _description = "Server Actions"
    _order = "sequence,name"
    _pg_table = "ir_act_server"
    _odoo_class = "IrActionsServer"

    @classmethod
    def define_fields(cls, profile):
        result = {
            "name": fields.Char("Action Name", required=True, translate=True),
            "type": fields.Char("Action Type", required=True, default="ir.actions.server"),
            "xml_id": fields.Char("External ID", store=False, readonly=True, compute=_xml_id),
            "help": fields.Html("Action Description", translate=True),
            "binding_model_id": fields.Many2one("ir.model", "Binding Model", ondelete="cascade"),
            "binding_type": fields.Selection([("action", "Action"), ("report", "Report")],
                                             "Binding Type", required=True, default="action"),
            "binding_view_types": fields.Char("Binding View Types", default="list,form"),
            "usage": fields.Selection([("ir_actions_server", "Server Action"),
                                       ("ir_cron", "Scheduled Action")], "Usage",
                                      required=True, default="ir_actions_server"),
            "state": fields.Selection(profile.server_action_states,
                                      "Type" if profile.major >= 17 else "Action To Do",
                                      required=True,
                                      default="object_write" if profile.server_action_state_default else None),
            "sequence": fields.Integer("Sequence", default=5),
            "model_id": fields.Many2one("ir.model", "Model", required=True, ondelete="cascade"),
            "model_name": fields.Char("Model Name", store=False, readonly=True,
                                      related="model_id.model", compute=_model_name,
                                      report_store=True),
            "code": fields.Text("Python Code", groups="base.group_system",
                                default=DEFAULT_PYTHON_CODE),
            "child_ids": _child_ids(profile),
            "crud_model_id": fields.Many2one(
                "ir.model", "Record to Create" if profile.major >= 17 else "Target Model"),
            "crud_model_name": fields.Char("Target Model Name", store=False, readonly=True,
                                           compute=_crud_model_name),
            "link_field_id": fields.Many2one("ir.model.fields", "Link Field"),
            profile.server_action_groups_field: fields.Many2many(
                "res.groups", "Allowed Groups" if profile.major >= 17 else "Groups"),
        }
        if profile.server_action_child_one2many:
            result["parent_id"] = fields.Many2one("ir.actions.server", "Parent Action", ondelete="cascade")
        # Fields of the "update record / webhook" actions: present so that read() and
        # fields_get() list what the branch has (Appendix B of the measured facts);
        # the simulator never runs such actions.
        if profile.major < 17:
            result["fields_lines"] = fields.One2many("ir.server.object.lines", "server_id",
                                                     "Value Mapping")
        else:
            result.update({
                "available_model_ids": fields.Many2many(
                    "ir.model", "Available Models", store=False, readonly=True,
                    compute=lambda m, rid: sorted(m.env.db.tables.get("ir.model", {}))),
                "evaluation_type": fields.Selection(
                    [("value", "Update"), ("equation", "Compute")], "Value Type",
                    default="value"),
                "resource_ref": fields.Reference([], "Record"),
                "selection_value": fields.Many2one("ir.model.fields.selection",
                                                   "Custom Value"),
                "update_boolean_value": fields.Selection(
                    [("true", "Yes (True)"), ("false", "No (False)")], "Boolean Value",
                    default="true"),
                "update_field_id": fields.Many2one("ir.model.fields", "Field to Update"),
                "update_field_type": fields.Selection(
                    [], "Field Type", store=False, readonly=True,
                    compute=lambda m, rid: None),
                "update_m2m_operation": fields.Selection(
                    [("add", "Adding"), ("remove", "Removing"), ("set", "Setting it to"),
                     ("clear", "Clearing it")], "Many2many Operations", default="add"),
                "update_path": fields.Char("Field to Update Path", default="", store=False,
                                           compute=lambda m, rid: None),
                "update_related_model_id": fields.Many2one(
                    "ir.model", "Update Related Model", readonly=profile.major == 17),
                "value": fields.Text("Value"),
                "value_field_to_show": fields.Selection(
                    [("value", "value"), ("resource_ref", "reference"),
                     ("update_boolean_value", "update_boolean_value"),
                     ("selection_value", "selection_value")], "Value Field To Show",
                    store=False, readonly=True, compute=lambda m, rid: "value"),
                "webhook_field_ids": fields.Many2many("ir.model.fields", "Webhook Fields"),
                "webhook_sample_payload": fields.Text("Sample Payload", store=False,
                                                      readonly=True,
                                                      compute=lambda m, rid: None),
                "webhook_url": fields.Char("Webhook URL"),
            })
        if profile.major >= 18:
            result["path"] = fields.Char("Path to show in the URL")
        return result

    def _check_row(self, row, rid):
        super()._check_row(row, rid)
        # @api.constrains('code') _check_python_code -> test_python_expr()
        message = codeexec.syntax_message(row.get("code"))
        if row.get("code") and message:
            raise errors.validation_error(message)

    def _run_one(self, rid):
        row = self._rows[rid]
        if row.get("state") != "code":
            return False
        model_name = _model_name(self, rid)
        codeexec.run_code(self.env, model_name, row.get("code") or "")
        return False

    @api_multi
    def run(self):
        self._check_access("read")
        result = False
        for rid in self.ids:
            if rid not in self._rows:
                raise errors.record_missing(self._name, [rid], self.env.uid)
            result = self._run_one(rid)
        return result


def _model_name(model, rid):
    model_id = model._rows[rid].get("model_id")
    row = model.env.db.tables.get("ir.model", {}).get(model_id)
    return row["model"] if row else None


def _crud_model_name(model, rid):
    row = model.env.db.tables.get("ir.model", {}).get(model._rows[rid].get("crud_model_id"))
    return row["model"] if row else None


def _xml_id(model, rid):
    imd = model.env.db.tables.get("ir.model.data", {})
    for row in imd.values():
        if row.get("model") == model._name and row.get("res_id") == rid:
            return "%s.%s" % (row["module"], row["name"])
    return ""


class IrCron(Model):
    _name = "ir.cron"
    _description = "Scheduled Actions"
    _order = "cron_name"
    _inherits = {"ir.actions.server": "ir_actions_server_id"}
    _odoo_class = "ir_cron"         # class ir_cron(models.Model) on every branch
    _private_methods = ("_callback", "_try_lock", "_process_job", "_process_jobs",
                        "_trigger", "_handle_callback_exception")

    @classmethod
    def define_fields(cls, profile):
        result = {
            "ir_actions_server_id": fields.Many2one("ir.actions.server", "Server action",
                                                    required=True, ondelete="restrict"),
            "user_id": fields.Many2one("res.users", "Scheduler User", required=True,
                                       default=lambda env: env.uid),
            "active": fields.Boolean("Active", default=True),
            "interval_number": fields.Integer("Interval Number", default=1,
                                              help="Repeat every x.",
                                              required=profile.cron_interval_check),
            "interval_type": fields.Selection(
                [("minutes", "Minutes"), ("hours", "Hours"), ("days", "Days"),
                 ("weeks", "Weeks"), ("months", "Months")]
                # 20.0: 'never', the new default (FACTS_20 "cron_interval_never", unconfirmed)
                + ([("never", "Never")] if profile.cron_interval_never else []), "Interval Unit",
                default="never" if profile.cron_interval_never else "months",
                required=profile.cron_interval_check),
            "nextcall": fields.Datetime("Next Execution Date", required=True,
                                        default=lambda env: fields.now_string()),
            "lastcall": fields.Datetime("Last Execution Date"),
            "priority": fields.Integer("Priority", default=5),
        }
        if profile.cron_name_computed:
            # 17.0/18.0: compute='_compute_cron_name', store=True (from the action name)
            result["cron_name"] = fields.Char("Name", store=False, readonly=True,
                                              compute=_cron_name, report_store=True)
        else:
            # 14.0-16.0: related='ir_actions_server_id.name', store=True, readonly=False
            cron_name = fields.Char("Name", store=False, related="ir_actions_server_id.name",
                                    compute=_cron_name, report_store=True, translate=True)
            cron_name.related_target = ("ir.actions.server", "name")
            result["cron_name"] = cron_name
        if profile.cron_numbercall:
            result["numbercall"] = fields.Integer(
                "Number of Calls", default=1,
                help="How many times the method is called,\na negative number indicates no limit.")
            result["doall"] = fields.Boolean(
                "Repeat Missed",
                help="Specify if missed occurrences should be executed when the server restarts.")
        if profile.cron_failure_count:
            result["failure_count"] = fields.Integer(
                "Failure Count", default=0,
                help="The number of consecutive failures of this job. It is automatically "
                     "reset on success.")
            result["first_failure_date"] = fields.Datetime("First Failure Date")
        return result

    @property
    def _sql_constraints(self):
        if not self.env.profile.cron_interval_check:
            return []
        # 18.0 _sql_constraints check_strictly_positive_interval
        return [("ir_cron_check_strictly_positive_interval",
                 lambda row: (row.get("interval_number") or 0) > 0,
                 "The interval number must be a strictly positive number.")]

    def _prepare_create(self, vals):
        vals["usage"] = "ir_cron"          # create(): values['usage'] = 'ir_cron'
        if "state" not in vals:
            # default_get() puts default_state='code' in the context: ir.actions.server.state
            # has no default of its own on 19.0, so the cron's must be applied here
            vals["state"] = self._default_for("state")
        return vals

    def _default_for(self, name):
        # default_get(): "only 'code' state is supported for cron job so set it as default"
        if name == "state" and not self.env.context.get("default_state"):
            return "code"
        return super()._default_for(name)

    def _try_lock(self):
        if self.env.profile.cron_lock_missing_ids and any(rid not in self._rows for rid in self.ids):
            # 19.0 lock_for_update(): fewer rows locked than ids -> LockError -> UserError
            raise errors.user_error(CRON_LOCKED_MESSAGE)
        style = self.env.profile.cron_lock_empty_ids_error
        if style and not self.ids:
            # 14.0/16.0 _try_lock(): "WHERE id IN %s" with tuple(self.ids) == () is
            # invalid SQL (17.0 returns early); measured texts of each branch
            raise errors.OdooError("psycopg2.errors.SyntaxError", _EMPTY_IN_ERRORS[style])
        if self.env.db.faults.cron_lock.held(self.ids):
            raise errors.user_error(CRON_LOCKED_MESSAGE)

    # -- RPC methods -------------------------------------------------------------------
    @api_create
    def create(self, vals_list):
        return super().create(vals_list)

    @api_multi
    def write(self, vals):
        self._check_access("write")
        self._try_lock()
        return self._update(self.ids, vals)

    @api_multi
    def unlink(self):
        self._check_access("unlink")
        self._try_lock()
        return self._unlink(self.ids)

    @api_multi
    def method_direct_trigger(self):
        # ir_cron.py method_direct_trigger(), as the cron's user with lastcall in the context:
        # 14.0-16.0: for cron in self: run, then "cron.lastcall = now", a write(), which
        #   calls _try_lock(): refused (and rolled back) while the scheduler runs the cron;
        # 17.0: for cron in self: cron._try_lock() first, then run and set lastcall;
        # 18.0: ensure_one(), check_access('write'), _try_lock(), _add_progress() (the
        #   ir.cron.progress the job may report to), run, lastcall = now
        #   (odoo/addons/base/models/ir_cron.py of each branch). nextcall is left alone.
        profile = self.env.profile
        if profile.cron_trigger_ensure_one and len(self.ids) != 1:
            raise errors.value_error("Expected singleton: ir.cron%r" % (tuple(self.ids),))
        self._check_access("write")
        if profile.cron_trigger_process_job:
            return self._trigger_as_scheduler(self.ids[0])
        for rid in self.ids:
            if rid not in self._rows:
                raise errors.record_missing(self._name, [rid], self.env.uid)
            cron = self.browse([rid])
            if profile.major >= 17:
                cron._try_lock()
            row = self._rows[rid]
            user_env = self.env(uid=row["user_id"], su=False,
                                context={"lastcall": row.get("lastcall") or False})
            if "ir.cron.progress" in self.env.db.registry:
                # 18.0+ _add_progress() with no counter: a row at 0 that stays when the run ends (the action may
                # report to it), created in the request's transaction, so a run that raises leaves none.
                # Measured on a real 18.0: a manual run of a cron leaves one row, timed_out_counter 0.
                from .. import scheduler
                scheduler.add_progress(self.env.db, rid, 0)
            user_env["ir.actions.server"]._run_one(row["ir_actions_server_id"])
            if profile.major < 17:
                cron._try_lock()
            row["lastcall"] = fields.now_string()
        return True

    def _trigger_as_scheduler(self, rid):
        # 19.0 method_direct_trigger (profiles.py cron_trigger_process_job): the job runs as the scheduler
        # runs it and its failure is counted and kept; the error comes back as a display_exception action.
        if rid not in self._rows:
            raise errors.record_missing(self._name, [rid], self.env.uid)
        if self.env.db.faults.cron_lock.held([rid]):
            raise errors.user_error("Job '%s' already executing" % self._get_value(rid, "name"))
        from .. import scheduler
        report = scheduler._process_job(self.env.db, rid, datetime.datetime.utcnow().replace(microsecond=0))
        if not report["errors"]:
            return True
        name, _sep, message = report["errors"][-1].partition(": ")
        # serialize_exception(RuntimeError() from error) (odoo/http.py, 19.0); builtins lose their module name
        debug = ('Traceback (most recent call last):\n  File "ir.actions.server(%d,)", line 1, in <module>\n%s: %s\n\n'
                 "The above exception was the direct cause of the following exception:\n\nRuntimeError\n"
                 % (self._rows[rid]["ir_actions_server_id"], name.replace("builtins.", "", 1), message))
        return {"type": "ir.actions.client", "tag": "display_exception",
                "params": {"code": 0, "message": "Odoo Server Error",
                           "data": {"name": "builtins.RuntimeError", "message": "", "arguments": [], "context": {},
                                    "debug": debug}}}

    def _trigger(self, at=None):
        # _trigger(): an ir.cron.trigger for now and a NOTIFY that wakes the cron worker,
        # which then runs the job; the simulator's worker runs it at once (a job that
        # "runs long", see whatsapp.py _sleep_for, keeps its lock in the background).
        # 14.0 has no _trigger (measured: "'ir.cron' object has no attribute '_trigger'").
        if self.env.profile.major < 15:
            raise errors.OdooError("builtins.AttributeError", "'ir.cron' object has no attribute '_trigger'")
        from .. import scheduler
        scheduler.run_due_crons(self.env.db, ids=list(self.ids))
        return True

    @api_model
    def toggle(self, model, domain):
        # toggle() ends with self.try_write({'active': ...}) on the (empty) model
        self.env[model].search_count(domain)
        return True


class IrCron14(IrCron):
    """14.0 ir_cron.create(self, values) is @api.model (create(values=...) works,
    create(vals_list=...) is a TypeError); 15.0 assumed the same."""

    # the keyword name is 14.0's, on purpose
    @api_create
    def create(self, values):  # pylint: disable=arguments-renamed
        return super().create(values)


def ir_cron_class(profile):
    return IrCron14 if profile.major <= 15 else IrCron


_EMPTY_IN_ERRORS = {
    "14": ('syntax error at or near ")"\nLINE 1: SELECT id FROM "ir_cron" WHERE id IN () '
           'FOR UPDATE NOWAIT\n' + " " * 46 + "^\n"),
    "16": ('syntax error at or near ")"\nLINE 4:                 WHERE id IN ()\n'
           + " " * 37 + "^\n"),
}


def _cron_name(model, rid):
    row = model._rows[rid]
    server = model.env.db.tables.get("ir.actions.server", {}).get(row.get("ir_actions_server_id"))
    return server.get("name") if server else None


class IrCronProgress(Model):
    """ir.cron.progress, 18.0+ (odoo/addons/base/models/ir_cron.py 18.0, class ir_cron_progress): one row
    per run of a job (_add_progress), timed_out_counter = the previous run's + 1 until the run ends."""

    _name = "ir.cron.progress"
    _description = "Progress of Scheduled Actions"
    _rec_name = "cron_id"
    _odoo_class = "ir_cron_progress"
    _min_major = 18

    @classmethod
    def define_fields(cls, profile):
        return {
            "cron_id": fields.Many2one("ir.cron", "Cron", required=True, ondelete="cascade"),
            "remaining": fields.Integer("Remaining", default=0),
            "done": fields.Integer("Done", default=0),
            "deactivate": fields.Boolean("Deactivate"),
            "timed_out_counter": fields.Integer("Timed Out Counter", default=0),
        }
