# -*- coding: utf-8 -*-
# Copyright: (c) 2026, odoo_ops.odoo contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The connection options, written once, and the AnsibleModule every module of the collection uses.

The options are documented once in plugins/doc_fragments/connection.py.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible.module_utils.basic import AnsibleModule, env_fallback, missing_required_lib

from ansible_collections.odoo_ops.odoo.plugins.module_utils.client import PROTOCOLS, OdooClient
from ansible_collections.odoo_ops.odoo.plugins.module_utils.odoo_http import HAS_ODOORPC, ODOORPC_IMPORT_ERROR
from ansible_collections.odoo_ops.odoo.plugins.module_utils.errors import OdooError, OdooInputError
from ansible_collections.odoo_ops.odoo.plugins.module_utils import secret_echo

CONNECTION_ARGUMENT_SPEC = dict(
    url=dict(type="str", required=True, fallback=(env_fallback, ["ODOO_URL"])),
    database=dict(type="str", required=True, aliases=["db"], fallback=(env_fallback, ["ODOO_DATABASE"])),
    username=dict(type="str", required=True, aliases=["login"], fallback=(env_fallback, ["ODOO_USERNAME"])),
    password=dict(type="str", required=True, no_log=True, aliases=["api_key"],
                  fallback=(env_fallback, ["ODOO_PASSWORD", "ODOO_API_KEY"])),
    timeout=dict(type="float", default=60, fallback=(env_fallback, ["ODOO_TIMEOUT"])),
    validate_certs=dict(type="bool", default=True, fallback=(env_fallback, ["ODOO_VALIDATE_CERTS"])),
    ca_path=dict(type="path", fallback=(env_fallback, ["ODOO_CA_PATH"])),
    session=dict(type="dict", no_log=False),
    protocol=dict(type="str", default="auto", choices=list(PROTOCOLS), fallback=(env_fallback, ["ODOO_PROTOCOL"])),
)


# The newest Odoo major the collection was checked against (20.0: read from source, simulated; see
# docs/odoo-versions.md). A newer server gets one warning per play and target, naming what is not verified.
LATEST_KNOWN_MAJOR = 20
UNVERIFIED_ON_NEWER = ("the security model of the access checks (ir.access, as on 20.0)",
                       "interval never", "the scheduler's lock refusals (cron running)",
                       "the res.users groups field (all_group_ids)", "module buttons (button_reset_state)")
WARNED = "newer_warned"


class OdooModule(AnsibleModule):
    """AnsibleModule with the connection options merged in and Odoo errors turned into failures."""

    def __init__(self, argument_spec=None, **kwargs):
        spec = dict(CONNECTION_ARGUMENT_SPEC)
        spec.update(argument_spec or {})
        super(OdooModule, self).__init__(argument_spec=spec, **kwargs)
        if not HAS_ODOORPC:
            self.fail_json(msg=missing_required_lib("odoorpc"), exception=str(ODOORPC_IMPORT_ERROR))
        self._client = None

    def client(self):
        """The authenticated client, created on first use (one login per module run)."""
        if self._client is None:
            self._client = self.new_client(self.params["username"], self.params["password"])
            self._client.authenticate(session=self._reusable_session())
        return self._client

    def new_client(self, username, secret, protocol=None):
        """A client of the task's server for ``username`` (not yet authenticated): the task's own, or another
        login's (odoo_user checks that a password logs in); ``protocol`` defaults to the task's."""
        params = self.params
        timeout = params["timeout"]
        if timeout is None or timeout <= 0:
            raise OdooInputError("timeout must be a positive number of seconds, got %r" % timeout)
        return OdooClient(params["url"], params["database"], username, secret, timeout=timeout,
                          validate_certs=params["validate_certs"], ca_path=params["ca_path"],
                          protocol=protocol or params["protocol"])

    def _reusable_session(self):
        """A session from an earlier task counts only for the same url, database and user."""
        session = self.params.get("session") or {}
        same_target = all(session.get(key) == self.params[key] for key in ("url", "database", "username"))
        return session if same_target else None

    def run(self, work, applicable=()):
        """Run ``work(module)``; an OdooError becomes a one-line failure, never a traceback.

        ``applicable``: result keys meant to be given back to a module (an export), refused when Ansible
        would mask a value in them (secret_echo.py)."""
        try:
            result = work(self)
            if not self._diff:
                result.pop("diff", None)
            echo_warning = secret_echo.check(self.params, result, applicable)
        except OdooError as error:
            facts = self._connection_facts()
            if error.details.get("traceback"):
                facts["exception"] = error.details["traceback"]  # shown with -vvv only
            self.fail_json(msg=error.message, **facts)
        self._warn_if_newer()
        self._warn_once(secret_echo.WARNED, echo_warning)
        client_warnings = self._client.warnings if self._client is not None else []
        for warning in client_warnings + result.pop("warnings", []):  # exit_json(warnings=) is deprecated (2.19)
            self.warn(warning)
        result.update(self._connection_facts())
        self.exit_json(**result)

    def _warn_once(self, flag, warning):
        """A warning given once per play and target (the flag is kept with the session's capabilities)."""
        client = self._client
        if not warning or (client is not None and client.capabilities.get(flag)):
            return
        if client is not None:
            client.capabilities[flag] = True
        self.warn(warning)

    def _warn_if_newer(self):
        client = self._client
        version = client.version if client is not None else None
        if version is None or version.major <= LATEST_KNOWN_MAJOR or client.capabilities.get(WARNED):
            return
        client.capabilities[WARNED] = True     # kept with the session: once per play and target
        self.warn("Odoo %s is newer than any version this collection was checked against (up to %d.0): it runs "
                  "with what it detects on the server (transport, ir.cron fields, security model); not verified "
                  "on this version: %s" % (version, LATEST_KNOWN_MAJOR, ", ".join(UNVERIFIED_ON_NEWER)))

    def _connection_facts(self):
        if self._client is None or self._client.transport is None:
            return {}
        return {"odoo_session": self._client.session(), "odoo_requests": self._client.request_count}
