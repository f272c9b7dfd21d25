# -*- coding: utf-8 -*-
# Copyright: (c) 2026, odoo_ops.odoo contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""A secret that is also a value: a password equal to the login, or to something a result shows.

Ansible hides every no_log value wherever it occurs in a module's result (ansible-core
module_utils/common/parameters.py ``remove_values``): a string equal to it becomes
VALUE_SPECIFIED_IN_NO_LOG_PARAMETER, a string holding it gets it replaced by ********. With a test
database's usual admin/admin, an export of a cron that runs as admin then says
``user: VALUE_SPECIFIED_IN_NO_LOG_PARAMETER``, and applying that file fails with "user ... not found"
(seen on real 14.0 to 18.0). This module finds such values in a result, without a request, so that the
task warns once and an export meant to be applied is refused instead of written.

Nothing here names the secret, nor the value equal to it: the message would be masked the same way.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.odoo_ops.odoo.plugins.module_utils.errors import OdooInputError

MASK = "VALUE_SPECIFIED_IN_NO_LOG_PARAMETER"
WARNED = "secret_echo_warned"
# What the connection itself returns (odoo_session): its login is masked too, which session.py already
# works around; it is not what the warning is about unless the login is the password.
_OWN_KEYS = ("odoo_session", "odoo_requests")


def echoes(secret, value, path=""):
    """The paths ("declarations[0].user") of the strings in ``value`` that equal or contain ``secret``."""
    if not secret:
        return []
    if isinstance(value, dict):
        found = []
        for key in sorted(value, key=str):
            where = "%s.%s" % (path, key) if path else str(key)
            if isinstance(key, str) and secret in key:
                found.append(where)
            found.extend(echoes(secret, value[key], where))
        return found
    if isinstance(value, (list, tuple)):
        found = []
        for index, item in enumerate(value):
            found.extend(echoes(secret, item, "%s[%d]" % (path, index)))
        return found
    if isinstance(value, str) and secret in value:
        return [path]
    return []


def _listed(paths):
    return ", ".join(paths[:5]) + (" and %d more" % (len(paths) - 5) if len(paths) > 5 else "")


def check(params, result, applicable=()):
    """The warning to give (or None) for ``result``; raises when a key of ``applicable`` would be masked.

    ``applicable``: the result keys that are meant to be fed back to a module (an export's declarations),
    where a masked value would make a file that cannot be applied.
    """
    secret = params.get("password")
    if not secret:
        return None
    same_as_login = secret == params.get("username")
    for key in applicable:
        paths = echoes(secret, result.get(key), key)
        if paths:
            raise OdooInputError(
                "%s would hold the connection's password (option password) at %s: Ansible hides every "
                "occurrence of a no_log value as %s, so the result could not be applied; give the user a real "
                "password%s, or use an API key" % (key, _listed(paths), MASK,
                                                   " (it equals the login)" if same_as_login else ""))
    paths = echoes(secret, dict((k, v) for k, v in result.items() if k not in _OWN_KEYS))
    if not (same_as_login or paths):
        return None
    risk = ("the password (option password) equals the login (option username)" if same_as_login else
            "the password (option password) is also a value of this result (%s)" % _listed(paths))
    return ("%s: Ansible hides every occurrence of a no_log value, so results show %s (or ********) wherever "
            "that value appears, e.g. a cron's user, and a guessable password is a risk of its own; give the "
            "user a real password, or use an API key" % (risk, MASK))
