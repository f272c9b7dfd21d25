"""Run the ``code`` of a server action the way the simulator can: literals only.

Supported statements (parsed with ast, never eval'd):
    model.<method>(<literal args>, <name>=<literal>)
    env['<model>'].<method>(...)
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


def _plan(code):
    """Parse ``code`` into [(model name or None, method, args, kwargs)]."""
    tree = ast.parse((code or "").strip(), mode="exec")
    steps = []
    for stmt in tree.body:
        if isinstance(stmt, ast.Pass):
            continue
        if (isinstance(stmt, ast.Expr) and isinstance(stmt.value, ast.Attribute)
                and isinstance(stmt.value.value, ast.Name) and stmt.value.value.id == "model"):
            # a bare attribute (e.g. 14.0 mail "model._notify_moderators"): looked up only
            steps.append((None, stmt.value.attr, None, None))
            continue
        if (isinstance(stmt, ast.Raise) and isinstance(stmt.exc, ast.Call)
                and isinstance(stmt.exc.func, ast.Name) and stmt.exc.func.id == "UserError"
                and not stmt.exc.keywords):
            steps.append(("raise", "UserError", [_literal(a) for a in stmt.exc.args], {}))
            continue
        if not (isinstance(stmt, ast.Expr) and isinstance(stmt.value, ast.Call)):
            raise Unsupported("unsupported statement %r" % ast.dump(stmt)[:60])
        call = stmt.value
        if not isinstance(call.func, ast.Attribute):
            raise Unsupported("unsupported call")
        target = call.func.value
        if isinstance(target, ast.Name) and target.id == "model":
            model_name = None
        elif (isinstance(target, ast.Subscript) and isinstance(target.value, ast.Name)
              and target.value.id == "env"):
            model_name = _literal(target.slice)
        else:
            raise Unsupported("unsupported call target")
        args = [_literal(a) for a in call.args]
        kwargs = {kw.arg: _literal(kw.value) for kw in call.keywords if kw.arg}
        steps.append((model_name, call.func.attr, args, kwargs))
    return steps


def _wrap(profile, exc_name, message, code):
    short = _PY_NAMES.get(exc_name, exc_name.rsplit(".", 1)[-1])
    if profile.safe_eval_repr_style:
        text = "%s(%r) while evaluating\n%r" % (short, message, code)
    else:
        text = "<class '%s'>: \"%s\" while evaluating\n%r" % (short, message, code)
    return errors.value_error(text)


def run_code(env, model_name, code):
    """Execute ``code`` with ``model`` = env[model_name]; return None."""
    profile = env.profile
    try:
        steps = _plan(code)
    except SyntaxError as err:
        return _raise(_wrap(profile, "SyntaxError", str(err), code))
    except Unsupported as err:
        raise errors.value_error("odoo-simulator: cannot run this code (%s): %r" % (err, code))
    for target_name, method, args, kwargs in steps:
        if target_name == "raise":
            # odoo.exceptions pass through safe_eval unchanged (measured: method_direct_
            # trigger of "raise UserError('boom from cron')" -> UserError "boom from cron")
            raise errors.user_error("\n".join(str(a) for a in args))
        name = target_name or model_name
        try:
            model = env[name]
        except errors.OdooError:
            raise _wrap(profile, "builtins.KeyError", repr(name), code)
        func = getattr(type(model), method, None)
        if not callable(func) or method.startswith("__"):
            raise _wrap(profile, "builtins.AttributeError",
                        "'%s' object has no attribute '%s'" % (name, method), code)
        if args is None:
            continue
        try:
            getattr(model, method)(*args, **kwargs)
        except errors.OdooError as exc:
            if exc.name.startswith("odoo.exceptions.") or exc.name.startswith("psycopg2."):
                raise
            raise _wrap(profile, exc.name, exc.message, code)
        except TypeError as exc:
            raise _wrap(profile, "builtins.TypeError", str(exc), code)
    return None


def _raise(exc):
    raise exc
