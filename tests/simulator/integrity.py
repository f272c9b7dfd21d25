"""psycopg2 IntegrityError -> ValidationError, as odoo/service/model.py words it.

"14": check() of 14.0 (15.0 assumed identical): _sql_constraints give their name or
their message (errors.ConstraintError),
NOT NULL / FOREIGN KEY give "The operation cannot be completed:" blocks, anything
else (a unique index) the raw psycopg2 text (inst.args[0]).
"16": _as_validation_error() of 16.0-18.0: the same texts reworded, prefixed with
"The operation cannot be completed: ".
"""

from . import errors


def integrity_not_null(model, field):
    target = model
    if field.inherited_from:
        target = model.env[field.inherited_from]
    if model.env.profile.major >= 19:       # measured on 19.0
        return errors.validation_error(
            "The operation cannot be completed: Missing required value for the field '%s' (%s).\n"
            "Model: '%s' (%s)\n- create/update: a mandatory field is not set\n"
            "- delete: another model requires the record being deleted, you can archive it instead\n"
            % (field.string, field.name, target._description_name, target._name))
    if model.env.profile.integrity_style == "14":
        return errors.validation_error(
            "The operation cannot be completed:\n"
            "- Create/update: a mandatory field is not set.\n"
            "- Delete: another model requires the record being deleted. If possible, archive "
            "it instead.\n\nModel: %s (%s), Field: %s (%s)"
            % (target._description_name, target._name, field.string, field.name))
    return errors.validation_error(
        "The operation cannot be completed:\n"
        "- Create/update: a mandatory field is not set.\n"
        "- Delete: another model requires the record being deleted. If possible, archive "
        "it instead.\n\nModel: %s (%s)\nField: %s (%s)\n"
        % (target._description_name, target._name, field.string, field.name))


def integrity_foreign_key(model, constraint, referencing=None):
    """``referencing``: (model, field) whose foreign key refuses the delete, when known."""
    if model.env.profile.major >= 19 and referencing:       # measured on 19.0
        other, field = referencing
        return errors.validation_error(
            "The operation cannot be completed: Another model is using the record you are trying to "
            "delete.\n\nThe troublemaker is: '%s' (%s)\nThanks to the following constraint: '%s' (%s)\n"
            "How about archiving the record instead?"
            % (other._description_name, other._name, field.string, field.name))
    if model.env.profile.integrity_style == "14":
        return errors.validation_error(
            "The operation cannot be completed: another model requires the record being "
            "deleted. If possible, archive it instead.\n\nModel: %s (%s), Constraint: %s"
            % (model._description_name, model._name, constraint))
    return errors.validation_error(
        "The operation cannot be completed: another model requires the record being "
        "deleted. If possible, archive it instead.\n\nModel: %s (%s)\nConstraint: %s\n"
        % (model._description_name, model._name, constraint))


def integrity_constraint(model, key, message):
    """An _sql_constraints violation; the 14.0 text is settled by the RPC layer (see
    errors.ConstraintError). PostgreSQL names the constraint <table>_<key>."""
    table = model._pg_name()
    name = key if key.startswith(table + "_") else "%s_%s" % (table, key)
    return errors.ConstraintError(name, message,
                                  prefixed=model.env.profile.integrity_style != "14")


def integrity_unique_index(model, index, detail):
    """A unique index (not in _sql_constraints): the raw psycopg2 message."""
    raw = 'duplicate key value violates unique constraint "%s"\nDETAIL:  %s\n' % (index, detail)
    if model.env.profile.integrity_style == "14":
        return errors.validation_error(raw)
    return errors.validation_error("The operation cannot be completed: %s" % raw)
