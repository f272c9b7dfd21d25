# -*- coding: utf-8 -*-
# Copyright: (c) 2026, odoo_ops.odoo contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Install or upgrade an addon with odoo-bin on this host, outside any HTTP request.

``odoo-bin -d <db> -u <addon> --stop-after-init --no-http`` loads the registry with the addon
marked for upgrade (``-i``: for install) and exits (odoo/cli/server.py; odoo/modules/loading.py
``load_modules``), with no request time limit. The running server notices the new registry by
itself: the upgrade bumps the registry's sequence in the database, and every worker reloads its
registry at its next request (odoo/modules/registry.py, ``check_signaling``, 14.0-19.0).
odoo-bin has no switch to uninstall, so uninstalls stay on RPC.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import shlex
import shutil

from ansible_collections.odoo_ops.odoo.plugins.module_utils.errors import OdooInputError, OdooServerError

SWITCHES = {"install": "-i", "upgrade": "-u"}
METHODS = ("rpc", "cli")
TAIL_LINES = 8


def output_tail(stdout, stderr, lines=TAIL_LINES):
    """The last non-empty lines odoo-bin printed (its log goes to stderr unless odoo.conf sets logfile)."""
    text = "\n".join(part for part in (stdout, stderr) if part)
    kept = [line.rstrip() for line in text.splitlines() if line.strip()][-lines:]
    return " | ".join(kept) if kept else "(no output: with a logfile in odoo.conf, its log is there)"


class OdooBin:
    """``command_line`` starts the Odoo serving the database, with its configuration, e.g.
    ``/opt/odoo/odoo-bin -c /etc/odoo/odoo.conf`` or ``sudo -u odoo /opt/odoo/odoo-bin -c ...``."""

    def __init__(self, command_line, database, run_command, secret=None):
        self.prefix = self.parse(command_line)
        self.database = database
        self._run_command = run_command
        self._secret = secret

    @staticmethod
    def parse(command_line):
        try:
            words = shlex.split(command_line or "")
        except ValueError as error:
            raise OdooInputError("odoo_bin %r is not a valid command line (%s)" % (command_line, error))
        if not words:
            raise OdooInputError("method cli needs odoo_bin: the command that starts this Odoo with its "
                                 "configuration, e.g. '/opt/odoo/odoo-bin -c /etc/odoo/odoo.conf'")
        if not shutil.which(words[0]):
            raise OdooInputError(
                "odoo_bin: %r is not an executable command on this host; method cli runs odoo-bin where the "
                "task runs: delegate the task to the Odoo host (delegate_to)" % words[0])
        return words

    def command(self, operation, name):
        return self.prefix + ["-d", self.database, SWITCHES[operation], name, "--stop-after-init", "--no-http"]

    def run(self, operation, name):
        """Runs odoo-bin; returns the tail of its output, or raises with it when odoo-bin fails."""
        rc, stdout, stderr = self._run_command(self.command(operation, name))
        tail = self._scrub(output_tail(stdout, stderr))
        if rc != 0:
            raise OdooServerError("%s of addon %r with odoo-bin failed (exit code %s): %s"
                                  % (operation, name, rc, tail))
        return tail

    def _scrub(self, text):
        return text.replace(self._secret, "********") if self._secret else text


def check_method(method, odoo_bin):
    if method not in METHODS:
        raise OdooInputError("method must be one of %s, got %r" % (", ".join(METHODS), method))
    if method == "rpc" and odoo_bin:
        raise OdooInputError("odoo_bin is used only with method cli (method is rpc)")
    return method
