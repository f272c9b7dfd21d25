"""Run the ``code`` of a server action the way the simulator can: literals only.

Supported statements (parsed with ast, never eval'd), as cron code really is written:
    model.<method>(<literal args>, <name>=<literal>)
    env['<model>'].<method>(...)
    records = model.search([...], limit=10)          (ORM calls give recordsets, as in Python)
    records.write({...}); model.browse(5).unlink(); model.search([...]).ids
    model._private_helper(3)                         (server actions may call private methods)
    model.<method>          (attribute lookup only)
    raise UserError(<literal>)   (UserError is in the server action eval context)
plus comments, blank lines and ``pass``. Errors are wrapped like
odoo/tools/safe_eval.py safe_eval(): odoo.exceptions (UserError family) pass through,
anything else becomes ValueError('%s: "%s" while evaluating\\n%r') on 14.0-17.0 and
ValueError('%r while evaluating\\n%r') on 18.0.
"""

import ast

from . import errors

_PY_NAMES = {"builtins.AttributeError": "AttributeError", "builtins.TypeError": "TypeError",
             "builtins.ValueError": "ValueError", "builtins.KeyError": "KeyError",
             "builtins.NameError": "NameError"}


def syntax_message(code):
    """tools/safe_eval.py test_python_expr() message, or False.

    A SyntaxError gives "%s : %s at line %d\n%s" with err.text, which ends with a
    newline (measured: "SyntaxError : '(' was never closed at line 1\nthis is not
    python(\n"); forbidden opcodes give assert_valid_codeobj()'s
    "forbidden opcode(s) in %r: %s" (measured for 'import os': IMPORT_NAME).
    """
    text = (code or "").strip()
    try:
        tree = ast.parse(text, mode="exec")
    except SyntaxError as err:
        line = (err.text or "").rstrip("\n")
        return "%s : %s at line %d\n%s" % (
            type(err).__name__, err.msg, err.lineno or 0, line + "\n" if line else "")
    opcodes = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            opcodes.add("IMPORT_NAME")
        elif isinstance(node, ast.ImportFrom):
            opcodes.update(("IMPORT_NAME", "IMPORT_FROM"))
    if opcodes:
        # set of opcode numbers in Odoo: IMPORT_NAME (108) before IMPORT_FROM (109)
        return "forbidden opcode(s) in %r: %s" % (text, ", ".join(sorted(opcodes, reverse=True)))
    return False


class Unsupported(Exception):
    pass


def _literal(node):
    try:
        return ast.literal_eval(node)
    except ValueError:
        raise Unsupported("only literal arguments are supported by the simulator")


# What a cron's code really does, in the forms the simulator runs (everything else fails with
# "odoo-simulator: cannot run this code"): statements are expressions, assignments to a name,
# ``pass`` and ``raise UserError(<literal>)``; expressions are literals, the names ``model``
# and ``env`` and assigned names, lists/tuples/dicts of these, ``and``/``or``, ``env['<model>']``, ``<recordset>.ids`` / ``.id``, and calls
# of model methods on recordsets, chained (``model.search([...], limit=10).write({...})``).
# ORM calls behave as in Python code, not as over RPC: search/browse/create give recordsets.
_RECORDSET_RESULTS = ("search", "browse", "create", "exists", "sudo", "with_context")


class _Recordset:
    """A model instance seen from cron code (Odoo's recordset)."""

    def __init__(self, model):
        self.model = model


def _run_statement(stmt, scope):
    if isinstance(stmt, ast.Pass):
        return
    if (isinstance(stmt, ast.Raise) and isinstance(stmt.exc, ast.Call)
            and isinstance(stmt.exc.func, ast.Name) and stmt.exc.func.id == "UserError"
            and not stmt.exc.keywords):
        # odoo.exceptions pass through safe_eval unchanged (measured: method_direct_
        # trigger of "raise UserError('boom from cron')" -> UserError "boom from cron")
        raise errors.user_error("\n".join(str(_literal(a)) for a in stmt.exc.args))
    if isinstance(stmt, ast.Expr):
        _evaluate(stmt.value, scope)
        return
    if (isinstance(stmt, ast.Assign) and len(stmt.targets) == 1
            and isinstance(stmt.targets[0], ast.Name)):
        scope[stmt.targets[0].id] = _evaluate(stmt.value, scope)
        return
    raise Unsupported("unsupported statement %r" % ast.dump(stmt)[:60])


def _evaluate(node, scope):
    if isinstance(node, ast.Name):
        if node.id not in scope:
            raise Unsupported("unknown name %r" % node.id)
        return scope[node.id]
    if isinstance(node, ast.Subscript) and isinstance(node.value, ast.Name) and node.value.id == "env":
        return _Recordset(scope["__model__"](_literal(node.slice)))
    if isinstance(node, ast.Attribute):
        receiver = _evaluate(node.value, scope)
        if isinstance(receiver, _Recordset) and node.attr in ("ids", "id"):
            ids = list(receiver.model.ids)
            return ids if node.attr == "ids" else (ids[0] if ids else False)
        _method(receiver, node.attr, scope)    # a bare method lookup ("model._notify")
        return None
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
        receiver = _evaluate(node.func.value, scope)
        method = _method(receiver, node.func.attr, scope)
        args = [_evaluate(a, scope) for a in node.args]
        kwargs = dict((kw.arg, _evaluate(kw.value, scope)) for kw in node.keywords if kw.arg)
        return _call(receiver, node.func.attr, method, args, kwargs, scope)
    if isinstance(node, ast.Call):
        raise Unsupported("unsupported call")
    if isinstance(node, (ast.List, ast.Tuple)):
        items = [_evaluate(item, scope) for item in node.elts]
        return items if isinstance(node, ast.List) else tuple(items)
    if isinstance(node, ast.Dict) and None not in node.keys:
        return dict((_evaluate(k, scope), _evaluate(v, scope)) for k, v in zip(node.keys, node.values))
    if isinstance(node, ast.BoolOp):
        value = None
        for operand in node.values:
            value = _evaluate(operand, scope)
            if bool(value) != isinstance(node.op, ast.And):
                break
        return value
    return _literal(node)


def _method(receiver, name, scope):
    if not isinstance(receiver, _Recordset):
        raise Unsupported("unsupported call target")
    func = getattr(type(receiver.model), name, None)
    if not callable(func) or name.startswith("__"):
        raise _wrap(scope["__profile__"], "builtins.AttributeError",
                    "'%s' object has no attribute '%s'" % (receiver.model._name, name), scope["__code__"])
    return func


def _call(receiver, name, func, args, kwargs, scope):
    model = receiver.model
    args = [a.model.ids if isinstance(a, _Recordset) else a for a in args]
    try:
        if name == "browse":
            return _Recordset(model.browse(args[0] if args else []))
        result = getattr(model, name)(*args, **kwargs)
    except errors.OdooError as exc:
        if exc.name.startswith("odoo.exceptions.") or exc.name.startswith("psycopg2."):
            raise
        raise _wrap(scope["__profile__"], exc.name, exc.message, scope["__code__"])
    except TypeError as exc:
        raise _wrap(scope["__profile__"], "builtins.TypeError", str(exc), scope["__code__"])
    if name in _RECORDSET_RESULTS and not kwargs.get("count"):
        if isinstance(result, type(model)):
            return _Recordset(result)
        if isinstance(result, int) and not isinstance(result, bool):
            return _Recordset(model.browse([result]))
        if isinstance(result, list):
            return _Recordset(model.browse(result))
    return result


def _wrap(profile, exc_name, message, code):
    short = _PY_NAMES.get(exc_name, exc_name.rsplit(".", 1)[-1])
    if profile.safe_eval_repr_style:
        text = "%s(%r) while evaluating\n%r" % (short, message, code)
    else:
        text = "<class '%s'>: \"%s\" while evaluating\n%r" % (short, message, code)
    return errors.value_error(text)


def run_code(env, model_name, code):
    """Execute ``code`` with ``model`` = env[model_name] and ``env``; return None."""
    profile = env.profile
    try:
        tree = ast.parse((code or "").strip(), mode="exec")
    except SyntaxError as err:
        return _raise(_wrap(profile, "SyntaxError", str(err), code))

    def model_of(name):
        try:
            return env[name]
        except errors.OdooError:
            raise _wrap(profile, "builtins.KeyError", repr(name), code)

    scope = {"__model__": model_of, "__profile__": profile, "__code__": code, "env": None}
    if model_name:
        scope["model"] = _Recordset(model_of(model_name))
    try:
        for stmt in tree.body:
            _run_statement(stmt, scope)
    except Unsupported as err:
        raise errors.value_error("odoo-simulator: cannot run this code (%s): %r" % (err, code))
    return None


def _raise(exc):
    raise exc
