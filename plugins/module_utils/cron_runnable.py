# -*- coding: utf-8 -*-
# Copyright: (c) 2026, odoo_ops.odoo contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Whether Odoo can run a cron as its user on its model: the checks cron health reports as ``broken``.

Read side, shared: health (cron_health.py) reports them on crons that exist; odoo_cron (cron_guard.py)
refuses a declaration that would write them. Sources, odoo/addons/base/models/ir_cron.py (14.0 to 19.0):
the scheduler runs each job as its user without sudo (``_callback``: ``self.env(user=job['user_id'])``),
so the user must be active and allowed to read the model; the superuser (id 1) bypasses access rights
(odoo/models.py ``check_access_rights``).
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.odoo_ops.odoo.plugins.module_utils import access_rights
from ansible_collections.odoo_ops.odoo.plugins.module_utils.client import SUPERUSER_ID
from ansible_collections.odoo_ops.odoo.plugins.module_utils.errors import OdooServerError


class RunFacts:
    """The users, the models and who may read them: what ``run_blockers`` needs, read once for all crons."""

    def __init__(self, users, readable, models):
        self.users = users          # {id: {'login', 'active', 'groups'}}
        self.readable = readable    # {model name: [group id or None, ...]} with read access
        self.models = models        # set of model names that exist

    @classmethod
    def read(cls, client, user_ids, model_names):
        """At most three requests (users, models, access rules), whatever their number."""
        user_ids, names = sorted(set(filter(None, user_ids))), sorted(set(filter(None, model_names)))
        users = read_users(client, user_ids) if user_ids else {}
        models = access_rights.read_models(client, names)
        return cls(users, read_access(client, models), set(models))


def read_users(client, user_ids, logins=()):
    """{id: {'login', 'active', 'groups'}} of ``user_ids`` and ``logins``: archived users included, groups with
    the implied ones.

    The groups field is ``groups_id`` up to 18.0 (implied groups stored on the user) and
    ``all_group_ids`` from 19.0 (``group_ids`` holds only the direct ones), odoo/addons/base/models/res_users.py.
    """
    field = "all_group_ids" if client.version.major >= 19 else "groups_id"
    domain = [("id", "in", list(user_ids))]
    if logins:
        domain = ["|", ("login", "in", sorted(logins))] + domain
    try:
        rows = client.search_read("res.users", domain, ["login", "active", field], archived=True)
    except OdooServerError as error:
        if "Invalid field" not in error.message:
            raise
        field = "groups_id" if field != "groups_id" else "all_group_ids"
        rows = client.search_read("res.users", domain, ["login", "active", field], archived=True)
    client.note_users(rows)
    return dict((row["id"], {"login": row["login"], "active": row["active"], "groups": set(row[field] or [])})
                for row in rows)


def read_access(client, models, right="read"):
    """{model name: [group id or None (every user), ...]} of the groups granted ``right`` (access_rights.py)."""
    if not models:
        return {}
    by_id = dict((model_id, name) for name, model_id in models.items())
    return dict((by_id[model_id], grants[right])
                for model_id, grants in access_rights.model_grants(client, sorted(by_id), (right,)).items())


def can_use(user, groups):
    """Whether ``user`` is in one of ``groups`` (None: a rule for every user)."""
    return access_rights.can(user["groups"], groups)


def run_blockers(model, user_id, facts):
    """(option, reason) for each reason Odoo cannot run a cron of ``model`` as user ``user_id``."""
    if model and model not in facts.models:
        yield ("model", "its model %s does not exist any more (the addon that defined it is uninstalled?): "
                        "delete the cron or reinstall the addon" % model)
    user = facts.users.get(user_id)
    if user is None:
        yield ("user", "its user (id %s) does not exist: give it an existing user" % user_id)
    elif user_id != SUPERUSER_ID:
        if not user["active"]:
            yield ("user", "its user %s is archived: Odoo cannot run it as that user; give it an active user, "
                           "e.g. base.user_root" % user["login"])
        if model in facts.models and not can_use(user, facts.readable.get(model, [])):
            yield ("user", "its user %s has no read access to %s, so every run fails: add the user to a group "
                           "that has it, or run the cron as base.user_root" % (user["login"], model))
