"""secret_echo.py: a password that is also a value of the result (issue 21, item 6)."""

import pytest

from ansible_collections.odoo_ops.odoo.plugins.module_utils import secret_echo
from ansible_collections.odoo_ops.odoo.plugins.module_utils.errors import OdooInputError


def params(username="ansible_apply", password="s3cret-Long"):
    return {"username": username, "password": password}


def test_paths_of_equal_and_containing_strings():
    value = {"crons": [{"user": "admin", "name": "Ops: admin report"}, {"user": "demo"}], "n": 3}
    assert secret_echo.echoes("admin", value) == ["crons[0].name", "crons[0].user"]
    assert secret_echo.echoes("", value) == [] and secret_echo.echoes("x", 5) == []


def test_a_real_password_gives_nothing():
    assert secret_echo.check(params(), {"crons": [{"user": "admin"}], "declarations": [{"user": "admin"}]},
                             applicable=("declarations",)) is None


def test_password_equal_to_login_warns_without_naming_it():
    warning = secret_echo.check(params("admin", "admin"), {"changed": False, "odoo_session": {"username": "admin"}})
    assert "equals the login (option username)" in warning and secret_echo.MASK in warning
    assert "API key" in warning and "admin" not in warning  # Ansible would mask it in the warning too


def test_password_equal_to_a_returned_value_warns():
    warning = secret_echo.check(params(password="demo"), {"crons": [{"user": "demo"}]})
    assert "is also a value of this result (crons[0].user)" in warning


def test_an_export_that_would_be_masked_is_refused():
    with pytest.raises(OdooInputError) as error:
        secret_echo.check(params("admin", "admin"), {"declarations": [{"name": "A", "user": "admin"}]},
                          applicable=("declarations",))
    message = error.value.message
    assert "declarations[0].user" in message and secret_echo.MASK in message and "API key" in message
    assert "admin" not in message and "\n" not in message


def test_an_export_without_the_value_is_only_warned_about():
    warning = secret_echo.check(params("admin", "admin"), {"declarations": [{"user": "__system__"}]},
                                applicable=("declarations",))
    assert "equals the login" in warning
