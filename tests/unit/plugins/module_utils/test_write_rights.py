"""write_rights.py: a write the user may not make, in one line, from Odoo's real refusal texts (issue 21)."""

import pytest

from ansible_collections.odoo_ops.odoo.plugins.module_utils import write_rights
from ansible_collections.odoo_ops.odoo.plugins.module_utils.client import OdooClient
from ansible_collections.odoo_ops.odoo.plugins.module_utils.errors import OdooAccessError, OdooAuthError

from ansible_collections.odoo_ops.odoo.tests.unit import odoo_texts


@pytest.mark.parametrize("method, text, expected", [
    ("write", odoo_texts.WRITE_CRON, "writing ir.cron needs Administration/Settings (base.group_system); user "
                                     "'ansible_monitor' does not have it"),
    ("write", odoo_texts.WRITE_CRON_19, "writing ir.cron needs Role / Administrator (base.group_system)"),
    ("create", odoo_texts.CREATE_IMD_16, "creating ir.model.data needs Administration/Access Rights "
                                         "(base.group_erp_manager)"),
    # Odoo's refusal of method_direct_trigger is the write refusal: the method is named
    ("method_direct_trigger", odoo_texts.WRITE_CRON, "writing ir.cron (method_direct_trigger) needs"),
    # the text as odoo_http.py passes it on, in one line
    ("write", " ".join(odoo_texts.WRITE_CRON.split()), "needs Administration/Settings (base.group_system);"),
])
def test_model_refusals_become_one_line(method, text, expected):
    line = write_rights.describe_refusal("ignored", method, "ansible_monitor", text)
    assert expected in line and "\n" not in line


def test_read_refusals_and_other_texts_are_left_alone():
    assert write_rights.describe_refusal("ir.config_parameter", "search_read", "u", odoo_texts.READ_PARAMETER) is None
    assert write_rights.describe_refusal("ir.cron", "write", "u", odoo_texts.CODE_DETAILED_17) is None


class Client:
    username = "ansible_monitor"

    def __init__(self, is_system):
        self.capabilities = {}
        write_rights.note_login(self, {"uid": 6, "is_system": is_system})


def test_code_is_refused_before_it_is_sent_when_the_login_said_not_system():
    line = write_rights.refusal_before(Client(False), "ir.cron", "write", ([7], {"code": "model.x()"}))
    assert "writing ir.cron (its code) needs Administration / Settings (base.group_system)" in line
    assert write_rights.refusal_before(Client(False), "ir.cron", "create", ([{"name": "x"}],))
    # other fields may be granted to another group: Odoo decides
    assert write_rights.refusal_before(Client(False), "ir.cron", "write", ([7], {"active": False})) is None
    assert write_rights.refusal_before(Client(True), "ir.cron", "write", ([7], {"code": "x"})) is None
    unknown = Client(True)
    unknown.capabilities = {}  # JSON-2: no login, nothing known, nothing refused in advance
    assert write_rights.refusal_before(unknown, "ir.cron", "create", ([{}],)) is None


@pytest.mark.parametrize("method, verb", [("button_immediate_upgrade", "upgrading addons"),
                                          ("button_immediate_install", "installing addons"),
                                          ("update_list", "updating the addons list"),
                                          ("button_reset_state", "cancelling a pending addon operation")])
def test_addon_buttons_denied_name_the_group(method, verb):
    line = write_rights.describe_denied("ir.module.module", method, "ansible_monitor")
    assert line.startswith(verb + " needs Administration / Settings (base.group_system, which implies "
                                  "base.group_erp_manager); user 'ansible_monitor' does not have it")
    assert write_rights.describe_denied("ir.cron", method, "x") is None


class Transport:
    name = "jsonrpc"

    def __init__(self, answers):
        self.answers = list(answers)

    def execute(self, uid, model, method, args, kwargs):
        answer = self.answers.pop(0)
        if isinstance(answer, Exception):
            raise answer
        return answer


def client_with(*answers):
    client = OdooClient("http://127.0.0.1:1", "db", "ansible_monitor", "monitor-pw")
    client.transport, client.uid = Transport(answers), 6
    return client


def denied():
    # odoo_http.odoo_error of Odoo's AccessDenied (assert_log_admin_access, ir_module.py 14.0-19.0)
    return OdooAuthError("Odoo refused the credentials: " + odoo_texts.ACCESS_DENIED)


def test_access_denied_of_a_button_after_a_good_call_is_a_right_not_the_credentials():
    client = client_with([{"id": 5, "name": "whatsapp_integration", "state": "installed"}], denied())
    client.search_read("ir.module.module", [("name", "=", "whatsapp_integration")], ["name", "state"])
    with pytest.raises(OdooAccessError) as error:
        client.call("ir.module.module", "button_immediate_upgrade", [5])
    assert "upgrading addons needs Administration / Settings" in error.value.message
    assert "refused the credentials" not in error.value.message


def test_access_denied_as_first_answer_stays_a_credentials_error():
    client = client_with(denied())
    with pytest.raises(OdooAuthError):
        client.call("ir.module.module", "button_immediate_upgrade", [5])
    client = client_with([], denied())
    client.call("ir.cron", "search", [])
    with pytest.raises(OdooAuthError):  # not an addon button: the credentials
        client.call("ir.cron", "search", [])


def test_a_user_in_settings_is_not_called_read_only():
    """Real 14.0-18.0: the apply user (Settings alone) creating a user is refused its contact (h21r's measurement)."""
    text = ("You are not allowed to create 'Contact' (res.partner) records.\n\nThis operation is allowed for the "
            "following groups:\n\t- Extra Rights/Contact Creation\n\nContact your administrator to request access if "
            "necessary.")
    line = write_rights.describe_refusal("res.users", "create", "ansible_apply", text, is_system=True)
    assert line.startswith("creating res.partner needs Extra Rights/Contact Creation (base.group_partner_manager); "
                           "user 'ansible_apply' does not have it")
    assert "read-only" not in line and "run this step as an administrator" in line
    assert "read-only credential" in write_rights.describe_refusal("res.users", "create", "ansible_monitor", text)
