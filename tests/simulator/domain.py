"""Domain evaluation in Python, following odoo/osv/expression.py semantics.

Supported: prefix '&', '|', '!' (implicit '&'), operators =, !=, <>, <, <=, >, >=,
=?, in, not in, like, not like, ilike, not ilike, =like, =ilike, dotted paths on
many2one fields, many2one compared by id or by name (name_search), NULL handling of
negative operators ("(x != v OR x IS NULL)" in __leaf_to_sql, every branch).
"""

import re

from . import errors

TERM_OPERATORS = ("=", "!=", "<=", "<", ">", ">=", "=?", "=like", "=ilike", "like",
                  "not like", "ilike", "not ilike", "in", "not in", "child_of", "parent_of",
                  "<>")
NEGATIVE = ("!=", "not like", "not ilike", "not in", "<>")
TRUE_LEAF = (1, "=", 1)
FALSE_LEAF = (0, "=", 1)


def _is_leaf(element):
    return (isinstance(element, (list, tuple)) and len(element) == 3
            and element[1] in TERM_OPERATORS
            and ((isinstance(element[0], str) and element[0])
                 or tuple(element) in (TRUE_LEAF, FALSE_LEAF)))


def normalize(domain):
    """Return the domain in prefix form with explicit '&' (expression.normalize_domain)."""
    if not domain:
        return [TRUE_LEAF]
    if not isinstance(domain, (list, tuple)):
        raise errors.value_error("Invalid domain %r" % (domain,))
    result = []
    expected = 1
    op_arity = {"!": 1, "&": 2, "|": 2}
    for token in domain:
        if expected == 0:
            result[0:0] = ["&"]
            expected = 1
        if isinstance(token, str) and token in op_arity:
            expected += op_arity[token] - 1
        elif _is_leaf(token):
            expected -= 1
        else:
            # expression.py: "Invalid leaf %s" % str(leaf) of the normalized (tuple) leaf
            leaf = tuple(token) if isinstance(token, list) else token
            raise errors.value_error("Invalid leaf %s" % (leaf,))
        result.append(token)
    if expected != 0:
        # osv/expression.py (17.0/18.0) normalize_domain
        raise errors.value_error("Domain %s is syntactically not correct." % (list(domain),))
    return result


def has_active_leaf(domain, active_name="active"):
    """models.py _where_calc: active_test applies unless a leaf is on 'active'."""
    return any(isinstance(t, (list, tuple)) and len(t) == 3 and t[0] == active_name
               for t in domain or [])


class Evaluator:
    """Evaluate a normalized domain for one record of ``model`` (an orm.Model)."""

    def __init__(self, model, domain):
        self.model = model
        self.domain = normalize(domain)
        self._cache = {}
        for token in self.domain:
            if isinstance(token, (list, tuple)) and tuple(token) not in (TRUE_LEAF, FALSE_LEAF):
                self._check_leaf(token)

    def _check_leaf(self, leaf):
        model = self.model
        fname = leaf[0].split(".", 1)[0]
        if fname not in model._fields:
            # expression.py: the leaf went through normalize_leaf() (a tuple) on 14.0-16.0,
            # through _anyfy_leaves() (tuple(item)) on 17.0/18.0
            raise errors.value_error("Invalid field %s.%s in %s %s"
                                     % (model._name, fname, _leaf_word(model), tuple(leaf)))

    def matches(self, rid):
        pos = [0]

        def walk():
            token = self.domain[pos[0]]
            pos[0] += 1
            if token == "!":
                return not walk()
            if token == "&":
                left = walk()
                right = walk()
                return left and right
            if token == "|":
                left = walk()
                right = walk()
                return left or right
            return self._leaf(token, rid)

        return walk()

    # -- leaves ---------------------------------------------------------------------
    def _leaf(self, leaf, rid):
        leaf = tuple(leaf)
        if leaf == TRUE_LEAF:
            return True
        if leaf == FALSE_LEAF:
            return False
        left, operator, right = leaf
        model = self.model
        # expression.normalize_leaf()
        operator = operator.lower()
        if operator == "<>":
            operator = "!="
        if isinstance(right, bool) and operator in ("in", "not in"):
            operator = "=" if operator == "in" else "!="
        if isinstance(right, (list, tuple)) and operator in ("=", "!="):
            operator = "in" if operator == "=" else "not in"
        if operator == "=?":
            if right is False or right is None:
                return True
            operator = "="
        path = left.split(".", 1)
        field = model._fields[path[0]]
        if not field.searchable:
            if model.env.profile.major >= 19:     # 19.0 refuses it (measured)
                raise errors.value_error("Cannot convert %s.%s to SQL because it is not stored"
                                         % (model._name, field.name))
            # expression.py: "Non-stored field %s cannot be searched." -> TRUE_LEAF
            return True
        if len(path) > 1:
            if field.type not in ("many2one", "many2many", "one2many"):
                raise errors.value_error("Invalid field %s.%s in %s %s"
                                         % (model._name, left, _leaf_word(model), leaf))
            key = ("sub", left, operator, repr(right))
            if key not in self._cache:
                comodel = model.env[field.comodel].with_context(active_test=False)
                self._cache[key] = set(comodel._search([(path[1], operator, right)]))
            value = model._get_value(rid, path[0])
            ids = value if isinstance(value, list) else ([value] if value else [])
            return any(i in self._cache[key] for i in ids)
        value = model._get_value(rid, path[0])
        if field.type in ("many2one", "many2many", "one2many"):
            return self._relational(field, value, operator, right, leaf)
        return compare(field.type, value, operator, right)

    def _relational(self, field, value, operator, right, leaf):
        ids = value if isinstance(value, list) else ([value] if value else [])
        values = right if isinstance(right, (list, tuple)) else [right]
        if any(isinstance(v, str) for v in values) and operator not in ("=like", "=ilike"):
            # many2one compared to a name: comodel._name_search(right, operator)
            key = ("name", field.comodel, operator, repr(right))
            if key not in self._cache:
                comodel = self.model.env[field.comodel]
                name_op = operator
                if operator in ("in", "not in"):
                    found = set()
                    for name in values:
                        found.update(comodel._name_search_ids(name, "="))
                    self._cache[key] = found
                else:
                    if name_op in NEGATIVE:
                        name_op = {"!=": "=", "not like": "like", "not ilike": "ilike"}[name_op]
                    self._cache[key] = set(comodel._name_search_ids(right, name_op))
            found = self._cache[key]
            hit = any(i in found for i in ids)
            return (not hit) if operator in NEGATIVE else hit
        if operator in ("=", "!="):
            if right is False or right is None:
                empty = not ids
                return empty if operator == "=" else not empty
            hit = right in ids
            return hit if operator == "=" else not hit
        if operator in ("in", "not in"):
            wanted = [v for v in values if v is not False and v is not None]
            hit = any(i in wanted for i in ids) or (len(wanted) < len(values) and not ids)
            return hit if operator == "in" else not hit
        if operator in ("child_of", "parent_of"):
            return any(i in values for i in ids)
        # numeric comparison on the id
        return any(compare("integer", i, operator, right) for i in ids)


def _like_regex(pattern, anchored, case_insensitive):
    out = []
    for char in str(pattern):
        if char == "%":
            out.append(".*")
        elif char == "_":
            out.append(".")
        else:
            out.append(re.escape(char))
    body = "".join(out)
    if not anchored:
        body = ".*" + body + ".*"
    return re.compile("^" + body + "$", re.S | (re.I if case_insensitive else 0))


def _normalize_right(ftype, right):
    if ftype == "datetime" and isinstance(right, str) and len(right) == 10:
        return right + " 00:00:00"
    if ftype == "boolean" and right in (0, 1):
        return bool(right)
    return right


def compare(ftype, value, operator, right):
    """Compare a stored value to the right operand like PostgreSQL would."""
    is_null = value is None or (ftype not in ("boolean", "integer", "float") and value is False)
    if ftype == "boolean":
        value = bool(value)
        is_null = False
    if operator in ("in", "not in"):
        if isinstance(right, bool):      # ('x', 'in', True) abuse, expression.py
            hit = not is_null if right else is_null
            return hit if operator == "in" else not hit
        values = [_normalize_right(ftype, v) for v in (right or [])]
        wanted = [v for v in values if v is not False and v is not None]
        check_null = len(wanted) < len(values)
        if ftype == "boolean":
            hit = value in [bool(v) for v in values]
        else:
            hit = (not is_null and value in wanted) or (check_null and is_null)
        return hit if operator == "in" else not hit
    right = _normalize_right(ftype, right)
    if operator in ("=", "!="):
        if right is False or right is None:
            if ftype == "boolean":
                hit = value is False
            elif ftype in ("integer", "float"):
                hit = value is None
            else:
                hit = is_null
            return hit if operator == "=" else not hit
        if is_null:
            return operator == "!="
        if ftype in ("integer", "float") and isinstance(right, str):
            try:
                right = float(right)
            except ValueError:
                return operator == "!="
        hit = value == right
        return hit if operator == "=" else not hit
    if operator in ("like", "ilike", "=like", "=ilike", "not like", "not ilike"):
        if right is False or right is None:
            hit = is_null
            return hit if operator in ("=like", "=ilike", "like", "ilike") else not hit
        positive = operator.replace("not ", "")
        if is_null:
            return operator in NEGATIVE
        pattern = _like_regex(right, positive.startswith("="), "ilike" in positive)
        hit = bool(pattern.match(str(value)))
        return (not hit) if operator in NEGATIVE else hit
    if is_null or right is None or right is False:
        return False
    try:
        if operator == "<":
            return value < right
        if operator == "<=":
            return value <= right
        if operator == ">":
            return value > right
        if operator == ">=":
            return value >= right
    except TypeError:
        return False
    raise errors.value_error("Invalid operator %r" % (operator,))


def _leaf_word(model):
    """19.0 orm/domains.py says "condition" where expression.py said "leaf" (measured)."""
    return "condition" if model.env.profile.major >= 19 else "leaf"
