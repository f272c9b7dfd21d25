# -*- coding: utf-8 -*-
# Copyright: (c) 2026, odoo_ops.odoo contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Run crons now, as their user, the way the "Run Manually" button does: ``method_direct_trigger``.

odoo/addons/base/models/ir_cron.py, ``method_direct_trigger``:
* 14.0 to 16.0: runs the server action as the cron's user with ``lastcall`` in the context, then
  writes ``lastcall``; that write takes the cron's lock (``write`` calls ``_try_lock``), so while the
  scheduler runs the cron the call is refused and rolled back.
* 17.0 and 18.0: calls ``_try_lock`` first (refused at once while the scheduler runs it), then the same.
* 19.0: ``_acquire_one_job`` then ``_process_job``: "Job '...' already executing" while the
  scheduler runs it; a failing job does not raise but returns a ``display_exception`` client action,
  and the run also moves ``nextcall`` as the scheduler would.
Every refusal because the cron runs is retried through the LockWait (scheduler_lock.py).

A failed run leaves nothing in the database on 14.0 to 18.0 (read in ir_cron.py of each branch): the error
reaches the caller and the whole request is rolled back (odoo/service/model.py ``execute`` runs it in one
cursor), so ``lastcall``, 18.0's ``failure_count`` and its ``ir.cron.progress`` row are not kept. On 19.0
(ir_cron.py of February 2026, measured on a real 19.0 by tests/contract) Odoo answers ``display_exception``
instead: the run went through ``_process_job``, which counts the failure and moves ``lastcall`` and
``nextcall`` as the scheduler does. Both answers are read (``displayed_exception``).
On 14.0 to 17.0, where nothing records a failed scheduled run either, the task's failure is the only proof.

A method the model does not have: the cron's code ``model.<method>(...)`` runs through safe_eval, which
words the AttributeError ``'%s: "%s" while evaluating\n%r'`` on 14.0 to 17.0 and ``'%r while evaluating\n%r'``
on 18.0 (odoo/tools/safe_eval.py of each branch); the message names the model and the method
(``'res.partner' object has no attribute 'serch_count'``). ``missing_method`` turns that into one line that
says which option to fix. Nothing can find this out before a run: Odoo has no read-only API that lists a
model's methods on 14.0 to 18.0 (see the ``method`` option of odoo_cron).
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import re
import time
from datetime import datetime

from ansible_collections.odoo_ops.odoo.plugins.module_utils.cron_export import parse_call
from ansible_collections.odoo_ops.odoo.plugins.module_utils.cron_spec import check_xml_id
from ansible_collections.odoo_ops.odoo.plugins.module_utils.cron_store import CRON, CronStore
from ansible_collections.odoo_ops.odoo.plugins.module_utils.errors import (
    OdooConnectionError,
    OdooInputError,
    OdooServerError,
)
from ansible_collections.odoo_ops.odoo.plugins.module_utils.scheduler_lock import OdooLockTimeout

DATETIME_FORMAT = "%Y-%m-%d %H:%M:%S"
# Between Odoo's "caused by" chunks of a traceback (Python's own wording).
_CAUSE_SEPARATOR = "The above exception was the direct cause of the following exception:"
# Python's AttributeError on a recordset (its class is named after the model), inside safe_eval's wording.
_NO_ATTRIBUTE = re.compile(r"'(?P<model>[a-z0-9_]+(?:\.[a-z0-9_]+)*)' object has no attribute '(?P<name>[A-Za-z_]\w*)'")


class CronRunError(OdooServerError):
    """A job raised; ``details['traceback']`` holds the server's traceback when Odoo sent one."""


def run_targets(params):
    """[(name, xml_id)] from the module's options, validated before any request."""
    entries = params.get("crons") or [{"name": params.get("name"), "xml_id": params.get("xml_id")}]
    targets = []
    for index, entry in enumerate(entries):
        name, xml_id = entry.get("name"), entry.get("xml_id")
        where = "crons[%d]" % index if params.get("crons") else "cron"
        if not name and not xml_id:
            raise OdooInputError("%s: give name or xml_id of the cron to run" % where)
        if xml_id:
            check_xml_id(xml_id, option="%s.xml_id" % where if params.get("crons") else "xml_id")
        targets.append((name, xml_id))
    return targets


class CronRunner:
    """Finds the declared crons and runs them one after the other."""

    def __init__(self, client, lock_wait, run_timeout, check_mode=False, clock=time.time):
        self.client = client
        self.store = CronStore(client, lock_wait=lock_wait)
        self.run_timeout = run_timeout
        self.check_mode = check_mode
        self._clock = clock

    def run(self, targets):
        records = self.find(targets)
        if self.check_mode:
            return {"changed": bool(records), "crons": [self._view(record, xml_id) for record, xml_id in records]}
        timings = [self._run_one(record) for record, _xml_id in records]
        after = dict((row["id"], row) for row in self.store.find_crons([r["id"] for r, _x in records], []))
        crons = []
        for (record, xml_id), timing in zip(records, timings):
            view = self._view(after.get(record["id"], record), xml_id)
            view.update(timing, ran=True)
            crons.append(view)
        return {"changed": bool(records), "crons": crons}

    # -- identity -------------------------------------------------------------------------
    def find(self, targets):
        """[(record, xml_id)] in declaration order; a missing or ambiguous cron fails before anything runs."""
        xml_rows = self.store.xml_ids_of(CRON, [xml_id for _name, xml_id in targets])
        records = self.store.find_crons([row["res_id"] for row in xml_rows.values()],
                                        [name for name, xml_id in targets if name and not xml_id])
        by_id = dict((record["id"], record) for record in records)
        found = []
        for name, xml_id in targets:
            if xml_id:
                record = by_id.get(xml_rows[xml_id]["res_id"]) if xml_id in xml_rows else None
                if record is None:
                    raise OdooInputError("cron %s not found (option xml_id): no cron has this external id" % xml_id)
            else:
                same = [r for r in records if r.get("cron_name") == name]
                if not same:
                    raise OdooInputError("cron %r not found (option name): give the exact name, or its xml_id" % name)
                if len(same) > 1:
                    raise OdooInputError("%d crons are named %r (ids %s): give the xml_id of the one to run"
                                         % (len(same), name, ", ".join(str(r["id"]) for r in same)))
                record = same[0]
            found.append((record, xml_id))
        return found

    # -- running ----------------------------------------------------------------------------
    def _run_one(self, record):
        label = "cron %r (id %s)" % (record.get("cron_name"), record["id"])
        start = self._clock()
        try:
            answer = self.store.lock_wait.run("run of %s" % label, self.client.call_with_timeout,
                                              self.run_timeout, CRON, "method_direct_trigger", [record["id"]])
        except OdooConnectionError as error:
            if "did not answer within" not in error.message:
                raise
            raise OdooServerError(
                "%s did not finish within run_timeout (%g s); Odoo goes on running it on the server, read its "
                "lastcall later with odoo_ops.odoo.odoo_cron_info, or raise run_timeout" % (label, self.run_timeout))
        except OdooServerError as error:
            if isinstance(error, OdooLockTimeout):
                raise
            raise CronRunError("%s failed: %s" % (label, failure_text(error.message, record)),
                               exception=error.exception, traceback=server_traceback(error))
        failure = displayed_exception(answer)
        if failure:
            raise CronRunError("%s failed: %s" % (label, failure_text(failure[0], record)), traceback=failure[1])
        end = self._clock()
        return {"start": utc_text(start), "end": utc_text(end), "duration": round(end - start, 3)}

    def _view(self, record, xml_id):
        return {"id": record["id"], "name": record.get("cron_name"), "xml_id": xml_id,
                "active": record.get("active"), "lastcall": record.get("lastcall") or None,
                "nextcall": record.get("nextcall") or None, "ran": False,
                "start": None, "end": None, "duration": None}


def missing_method(message, record):
    """(model, method) when the run failed because the cron's code calls a method its model lacks, else None.

    Only an AttributeError naming an attribute the cron's own code uses (``.<name>``) counts: one raised
    deeper, inside a method that exists, is the job's own error and is reported as it is.
    """
    match = _NO_ATTRIBUTE.search(message or "")
    if not match:
        return None
    model, name = match.group("model"), match.group("name")
    if not re.search(r"\.%s\b" % re.escape(name), (record or {}).get("code") or ""):
        return None
    return model, name


def failure_text(message, record):
    """The one line a failed run reports: what to fix when the method is missing, else the job's error."""
    missing = missing_method(message, record)
    if missing is None:
        return " ".join((message or "the job raised an error").split())
    model, name = missing
    call = parse_call(record.get("code"))
    if call is not None and call[0] == name:
        where = "check the method option of its odoo_cron declaration (names are case-sensitive)"
    else:
        where = "check the cron's code"
    return ("the model %s has no method %s (AttributeError); %s, and that the addon defining the method is "
            "installed" % (model, name, where))


def utc_text(timestamp):
    return datetime.utcfromtimestamp(timestamp).strftime(DATETIME_FORMAT)


def server_traceback(error):
    """The traceback Odoo sent with the error (``data.debug``), when the transport kept it.

    The client raises its own error while handling odoorpc's, so Python keeps that one as
    ``__context__``; its ``info`` is Odoo's JSON-RPC error object.
    """
    cause = getattr(error, "__context__", None)
    info = getattr(cause, "info", None)
    if isinstance(info, dict) and isinstance(info.get("data"), dict):
        return info["data"].get("debug") or None
    return None


def displayed_exception(answer):
    """(one-line message, traceback) when the run answered a ``display_exception`` action (19.0), else None."""
    if not isinstance(answer, dict) or answer.get("tag") != "display_exception":
        return None
    data = (answer.get("params") or {}).get("data") or {}
    debug = data.get("debug") or ""
    # serialize_exception(RuntimeError() from job_error) (odoo/http.py, 19.0): the job's own error ends the
    # first chunk of the traceback, after its last frame line (frames are indented).
    lines = debug.split(_CAUSE_SEPARATOR)[0].strip().splitlines()
    frames = [index for index, line in enumerate(lines) if line.startswith(" ")]
    tail = lines[frames[-1] + 1:] if frames else lines[-1:]
    message = " ".join(" ".join(tail).split())
    message = re.sub(r"^[A-Za-z_][\w.]*: ", "", message, count=1)
    return message or data.get("message") or "the job raised an error", debug or None
