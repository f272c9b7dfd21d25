"""Exceptions of the simulator, serialized like odoo/http.py serialize_exception().

serialize_exception (14.0 odoo/http.py, 16.0-18.0 odoo/http.py) gives
{"name": module.Class, "debug": traceback, "message": str(exc), "arguments": exc.args,
"context": {}} and the JSON-RPC error is {"code": 200, "message": "Odoo Server Error",
"data": ...}, except werkzeug NotFound (code 404, "404: Not Found") and
SessionExpiredException (code 100, "Odoo Session Expired").
"""


class OdooError(Exception):
    """An exception as Odoo would raise it: ``name`` is the dotted class name."""

    code = 200
    http_message = "Odoo Server Error"

    def __init__(self, name, message, arguments=None):
        super().__init__(message)
        self.name = name
        self.message = message
        self.arguments = list(arguments) if arguments is not None else [message]

    def debug(self):
        short = self.name.rsplit(".", 1)[-1] if self.name.startswith("builtins.") else self.name
        return ("Traceback (most recent call last):\n"
                '  File "<odoo-simulator>", line 1, in <module>\n'
                "%s: %s\n" % (short, self.message))

    def to_error(self):
        return {
            "code": self.code,
            "message": self.http_message,
            "data": {
                "name": self.name,
                "debug": self.debug(),
                "message": self.message,
                "arguments": self.arguments,
                "context": {},
            },
        }


class NotFoundError(OdooError):
    code = 404
    http_message = "404: Not Found"


class SessionExpired(OdooError):
    code = 100
    http_message = "Odoo Session Expired"


def access_denied(message="Access Denied"):
    # odoo/exceptions.py AccessDenied.__init__(message="Access Denied"), every branch
    return OdooError("odoo.exceptions.AccessDenied", message)


def access_error(message):
    return OdooError("odoo.exceptions.AccessError", message)


def user_error(message):
    return OdooError("odoo.exceptions.UserError", message)


def validation_error(message):
    return OdooError("odoo.exceptions.ValidationError", message)


def missing_error(message):
    return OdooError("odoo.exceptions.MissingError", message)


def value_error(message):
    return OdooError("builtins.ValueError", message)


def type_error(message):
    return OdooError("builtins.TypeError", message)


def attribute_error(message):
    return OdooError("builtins.AttributeError", message)


def key_error(key):
    # exception_to_unicode(KeyError('x')) == 'x' (the args, not str(exc) == "'x'")
    return OdooError("builtins.KeyError", str(key), [key])


def operational_error(message):
    return OdooError("psycopg2.OperationalError", message)


def session_expired():
    # odoo/http.py SessionExpiredException("Session expired")
    return SessionExpired("odoo.http.SessionExpiredException", "Session expired")


def not_found():
    return NotFoundError(
        "werkzeug.exceptions.NotFound",
        "404 Not Found: The requested URL was not found on the server. If you entered "
        "the URL manually please check your spelling and try again.",
        [],
    )


def record_missing(model, ids, uid):
    # odoo/fields.py Field.__get__ (14.0-18.0): MissingError on a deleted record
    ids_repr = "(%s)" % "".join("%r," % i for i in ids)
    return missing_error("Record does not exist or has been deleted.\n"
                         "(Record: %s%s, User: %s)" % (model, ids_repr, uid))


def database_missing(db):
    # psycopg2 connecting to an unknown database (odoo.registry(db) / Registry(db)); the
    # text is libpq's (>= 14): measured on 14.0-18.0 as 'connection to server at
    # "127.0.0.1", port 5434 failed: FATAL:  database "no_such_db" does not exist\n'.
    # The simulator's "PostgreSQL" is 127.0.0.1:5432.
    return operational_error('connection to server at "127.0.0.1", port 5432 failed: '
                             'FATAL:  database "%s" does not exist\n' % db)


class ConstraintError(OdooError):
    """A violated _sql_constraints entry, before service/model.py words it.

    14.0 (and 15.0, assumed) check(): ValidationError(tr(key, 'sql_constraint') or
    pgerror) where tr() returns the constraint *name* unless it finds a 'lang' in the
    call's context -- for execute_kw the dict it looks at is the kwargs of the call
    (top-level 'lang' key), for /web/dataset/call_kw the request context (which has the
    session's lang). Measured on 14.0 over execute_kw: 'res_users_login_key',
    'ir_model_data_name_nospaces'. 16.0-18.0 _as_validation_error() always gives the
    message, prefixed "The operation cannot be completed: ".
    """

    def __init__(self, constraint, message, prefixed):
        text = "The operation cannot be completed: %s" % message if prefixed else message
        super().__init__("odoo.exceptions.ValidationError", text)
        self.constraint = constraint
        self.prefixed = prefixed

    def resolve(self, lang_found):
        """The error as the RPC entry point (14.0 check()) reports it."""
        if self.prefixed or lang_found:
            return self
        return validation_error(self.constraint)
