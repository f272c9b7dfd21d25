# -*- coding: utf-8 -*-
# Copyright: (c) 2026, odoo_ops.odoo contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""odoo_user: a res.users record with at least the declared groups, read -> diff -> write.

Groups are added, never removed: on 14.0-18.0 Odoo writes the implied groups into ``groups_id`` itself
(res_users.py UsersImplied), so a set compared exactly would flap; a group the task stops declaring is
left to a person. ``state: absent`` archives the user (Odoo keeps users that have records).

The groups field is asked of the server, not guessed from its version: ``groups_id`` (14.0-18.0) or
``group_ids`` (19.0 and later, with ``all_group_ids`` holding the implied groups too); one fields_get per
run, kept per play with the session (``client.capabilities``).

Odoo never returns a password, so ``update_password: always`` tells whether the given one still works by
logging in with it (one login, only then); ``on_create`` (the default) sets it when it creates the user.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.odoo_ops.odoo.plugins.module_utils.errors import OdooAuthError, OdooInputError
from ansible_collections.odoo_ops.odoo.plugins.module_utils.security_groups import GROUPS, xml_id_ids

USERS = "res.users"
CAPABILITY = "user_groups_fields"


def groups_fields(client):
    """(field holding the given groups, field holding them with the implied ones) of res.users."""
    known = client.capabilities.get(CAPABILITY)
    if not known:
        present = client.call(USERS, "fields_get", ["groups_id", "group_ids", "all_group_ids"], attributes=["type"])
        if "groups_id" in present:
            known = ["groups_id", "groups_id"]
        elif "group_ids" in present:
            known = ["group_ids", "all_group_ids" if "all_group_ids" in present else "group_ids"]
        else:
            raise OdooInputError("res.users has neither groups_id nor group_ids on this server; odoo_user cannot "
                                 "tell a user's groups here")
        client.capabilities[CAPABILITY] = known
    return tuple(known)


def resolve_groups(client, references, allow_missing=False):
    """{reference: res.groups id}: an external id (base.group_user), else the exact name of a group.

    ``allow_missing`` (check mode): a name no group has yet maps to None, since an earlier task of the same
    check-mode play (odoo_group) would have created it."""
    references = list(dict.fromkeys(references or []))
    xml_ids = [ref for ref in references if "." in ref and " " not in ref]
    names = [ref for ref in references if ref not in xml_ids]
    result = xml_id_ids(client, GROUPS, xml_ids)
    if names:
        rows = client.search_read(GROUPS, [("name", "in", names)], ["name"])
        by_name = {}
        for row in rows:
            by_name.setdefault(row["name"], []).append(row["id"])
        for name in names:
            ids = by_name.get(name) or []
            if not ids and allow_missing:
                result[name] = None
                continue
            if len(ids) != 1:
                raise OdooInputError("groups: %s group is named %r%s; name it by its external id instead"
                                     % ("no" if not ids else "more than one", name,
                                        "" if not ids else " (ids %s)" % ", ".join(map(str, ids))))
            result[name] = ids[0]
    return result


class UserSync:
    """Converge one user."""

    def __init__(self, client, check_mode=False, login_check=None):
        self.client = client
        self.check_mode = check_mode
        # login_check(login, password) -> bool: whether that password logs in (update_password: always)
        self.login_check = login_check

    def ensure(self, login, name=None, groups=(), password=None, update_password="on_create", state="present"):
        given, _all = groups_fields(self.client)
        users = self.client.search_read(USERS, [("login", "=", login)], ["login", "name", "active", _all],
                                        archived=True)
        user = users[0] if users else None
        header = "user %r" % login
        if state == "absent":
            changed = bool(user and user["active"])
            if changed and not self.check_mode:
                self.client.call(USERS, "write", [user["id"]], {"active": False})
            before = {"login": login, "state": "present" if user else "absent", "active": bool(user and user["active"])}
            after = {"login": login, "state": "present" if user else "absent", "active": False}
            return self._result(changed, user, after, before, header)
        group_ids = resolve_groups(self.client, groups, allow_missing=self.check_mode)
        wanted_name = name or (user["name"] if user else login)
        after = {"login": login, "state": "present", "name": wanted_name, "active": True,
                 "groups": sorted(group_ids)}
        if user is None:
            if not password:
                raise OdooInputError("password is required to create user %r (Odoo stores no usable login without "
                                     "one)" % login)
            after["password_set"] = True
            if not self.check_mode:
                created = self.client.call(USERS, "create", [{
                    "login": login, "name": wanted_name, "password": password,
                    given: [(6, 0, sorted(set(group_ids.values())))]}])
                user = {"id": created[0] if isinstance(created, list) else created}
            return self._result(True, user, after, {"login": login, "state": "absent"}, header)
        has = set(user.get(_all) or [])
        before = {"login": login, "state": "present", "name": user["name"], "active": user["active"],
                  "groups": sorted(ref for ref, gid in group_ids.items() if gid in has)}
        values = {}
        if user["name"] != wanted_name:
            values["name"] = wanted_name
        if not user["active"]:
            values["active"] = True
        missing = sorted(set(gid for gid in group_ids.values() if gid is not None and gid not in has))
        if None in group_ids.values():
            values["groups (to be created)"] = True  # check mode only: a group an earlier task would create
        if missing:
            values[given] = [(4, gid) for gid in missing]
        if password and update_password == "always" and not self._logs_in(login, password):
            values["password"] = password
            before["password_set"], after["password_set"] = False, True
        if values and not self.check_mode:
            self.client.call(USERS, "write", [user["id"]], values)
        return self._result(bool(values), user, after, before, header)

    def _logs_in(self, login, password):
        if self.login_check is None:
            return False
        try:
            return bool(self.login_check(login, password))
        except OdooAuthError:
            return False

    @staticmethod
    def _result(changed, user, after, before, header):
        return {"changed": changed, "user": dict(after, id=user["id"] if user else None),
                "diff": {"before": before, "after": after, "before_header": header, "after_header": header}}
