"""odoo_cron_run's pure parts: the targets, and reading a failed run that Odoo 19 answers as an action."""

import pytest

from ansible_collections.odoo_ops.odoo.plugins.module_utils.cron_run import (
    displayed_exception,
    failure_text,
    missing_method,
    run_targets,
)
from ansible_collections.odoo_ops.odoo.plugins.module_utils.errors import OdooInputError, OdooServerError
from ansible_collections.odoo_ops.odoo.plugins.module_utils.scheduler_lock import is_scheduler_lock

# traceback.format_exception(RuntimeError() whose __cause__ is the job's error), as odoo/http.py
# serialize_exception() sends it from ir_cron.method_direct_trigger on 19.0
DEBUG = """Traceback (most recent call last):
  File "/odoo/addons/base/models/ir_cron.py", line 520, in _run_job
    cron._callback(job['cron_name'], job['ir_actions_server_id'])
  File "/odoo/tools/safe_eval.py", line 397, in safe_eval
    raise UserError(msg)
odoo.exceptions.UserError: boom from cron
second line

The above exception was the direct cause of the following exception:

RuntimeError
"""


def test_targets_from_name_xml_id_or_crons():
    assert run_targets({"name": "A", "xml_id": None, "crons": None}) == [("A", None)]
    assert run_targets({"crons": [{"xml_id": "m.x"}, {"name": "B"}]}) == [(None, "m.x"), ("B", None)]
    with pytest.raises(OdooInputError) as error:
        run_targets({"crons": [{"name": None, "xml_id": None}]})
    assert str(error.value) == "crons[0]: give name or xml_id of the cron to run"
    with pytest.raises(OdooInputError):
        run_targets({"xml_id": "no dot", "crons": None})


def test_a_display_exception_answer_gives_the_jobs_own_message():
    data = {"name": "builtins.RuntimeError", "message": "", "debug": DEBUG}
    answer = {"type": "ir.actions.client", "tag": "display_exception",
              "params": {"code": 0, "message": "Odoo Server Error", "data": data}}
    assert displayed_exception(answer) == ("boom from cron second line", DEBUG)
    assert displayed_exception(True) is None


def test_nineteens_refusal_of_a_running_job_is_a_scheduler_lock():
    assert is_scheduler_lock(OdooServerError("Job 'WhatsApp Data Sync' already executing"))


# safe_eval's wording of the AttributeError, odoo/tools/safe_eval.py: 14.0 to 17.0, then 18.0 and later
NO_ATTRIBUTE = "'res.partner' object has no attribute 'serch_count'"
SAFE_EVAL_14 = "<class 'AttributeError'>: \"%s\" while evaluating 'model.serch_count([])'" % NO_ATTRIBUTE
SAFE_EVAL_18 = "AttributeError(\"%s\") while evaluating 'model.serch_count([])'" % NO_ATTRIBUTE
DECLARED = {"code": "model.serch_count([])", "model_name": "res.partner"}


@pytest.mark.parametrize("message", [SAFE_EVAL_14, SAFE_EVAL_18, NO_ATTRIBUTE], ids=["14-17", "18+", "display"])
def test_a_method_the_model_lacks_is_named_with_the_option_to_fix(message):
    assert missing_method(message, DECLARED) == ("res.partner", "serch_count")
    assert failure_text(message, DECLARED) == (
        "the model res.partner has no method serch_count (AttributeError); check the method option of its "
        "odoo_cron declaration (names are case-sensitive), and that the addon defining the method is installed")


def test_code_written_by_hand_points_at_the_code():
    record = {"code": "records = env['res.users'].serch([])\nrecords.write({})", "model_name": "res.partner"}
    message = "<class 'AttributeError'>: \"'res.users' object has no attribute 'serch'\" while evaluating 'x'"
    assert failure_text(message, record).startswith(
        "the model res.users has no method serch (AttributeError); check the cron's code,")


def test_an_attribute_error_raised_inside_an_existing_method_stays_the_jobs_own_error():
    message = "AttributeError(\"'res.company' object has no attribute 'x_flag'\") while evaluating 'y'"
    record = {"code": "model.sync_all([])", "model_name": "res.partner"}
    assert missing_method(message, record) is None
    assert failure_text(message, record) == message
    assert failure_text("boom\nfrom cron", record) == "boom from cron"
