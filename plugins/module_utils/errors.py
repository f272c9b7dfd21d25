# -*- coding: utf-8 -*-
# Copyright: (c) 2026, odoo_ops.odoo contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Exceptions raised by the collection's module_utils.

module_utils raise, modules fail: every error carries a one-line message a person
can act on, and the module turns it into ``fail_json(msg=...)``.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type


class OdooError(Exception):
    """Base class of every error this collection raises on purpose."""

    def __init__(self, message, **details):
        super(OdooError, self).__init__(message)
        self.message = message
        self.details = details


class OdooInputError(OdooError):
    """The task's options are invalid; raised before anything is sent to Odoo."""


class OdooConnectionError(OdooError):
    """Odoo could not be reached, or answered something that is not JSON-RPC."""


class OdooTLSError(OdooConnectionError):
    """The TLS handshake failed, usually because the certificate is not trusted."""


class OdooAuthError(OdooError):
    """Wrong database, login or password (or API key)."""


class OdooAccessError(OdooError):
    """Odoo refused an operation to the connected user."""


class OdooUnsupportedError(OdooError):
    """The server's Odoo version lacks something the task asked for."""


class OdooServerError(OdooError):
    """Odoo raised an error while running a call; ``exception`` is its class name."""

    def __init__(self, message, exception=None, **details):
        super(OdooServerError, self).__init__(message, **details)
        self.exception = exception
