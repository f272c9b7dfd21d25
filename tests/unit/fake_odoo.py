"""A recording stand-in for OdooClient: canned search_read answers, every call logged.

Unit tests of the planning logic use it; behaviour against Odoo itself is the simulator's
and the integration targets' job."""

from ansible_collections.odoo_ops.odoo.plugins.module_utils.client import OdooClient, ServerVersion


def cron(id_, name, **values):
    record = {"id": id_, "cron_name": name, "active": True, "interval_number": 1, "interval_type": "hours",
              "model_id": [80, "Contact"], "model_name": "res.partner", "code": "model.go()",
              "user_id": [1, "OdooBot"], "priority": 5, "nextcall": "2026-11-25 13:00:00", "lastcall": False,
              "ir_actions_server_id": [id_ + 1000, name], "numbercall": -1, "doall": False}
    record.update(values)
    return record


class FakeClient:
    def __init__(self, version="14.0", crons=(), xml_ids=(), users=(), models=None, installed=("base", "mail")):
        self.version = ServerVersion.parse(version)
        self.uid = 2
        self.username = "admin"
        self.crons = list(crons)
        self.xml_ids = list(xml_ids)
        self.users = list(users) or [{"id": 2, "login": "admin"}, {"id": 6, "login": "demo"}]
        self.models = models or {"res.partner": 80, "whatsapp.sync.service": 90}
        self.installed = list(installed)
        self.calls = []
        self.next_id = 500
        # what the real client learns of the server once a run (access_rights.py: ir.access or not)
        self.capabilities = {}

    # the real client's: what a run learns of the connected user from its reads of res.users
    connected_login_leaf = OdooClient.connected_login_leaf
    note_users = OdooClient.note_users
    # a login transport: the cron read is a plain search_read (JSON-2's one read is tested in test_transports)
    protocol = "jsonrpc"
    search_read_logins = OdooClient.search_read_logins

    @property
    def writes(self):
        return [c for c in self.calls if c[1] in ("create", "write", "unlink")]

    def search_read(self, model, domain, fields, archived=False, order=None):
        self.calls.append((model, "search_read", domain))
        if model == "ir.cron":
            if self.version.major >= 18 and "numbercall" in fields:
                from ansible_collections.odoo_ops.odoo.plugins.module_utils.errors import OdooServerError
                raise OdooServerError("Invalid field 'numbercall' on model 'ir.cron'")
            return [dict((k, v) for k, v in c.items() if k in fields or k == "id") for c in self.crons]
        if model == "ir.model.data":
            return list(self.xml_ids)
        if model == "res.users":
            return list(self.users)
        if model == "ir.module.module":
            names = domain[0][2]
            return [{"id": n, "name": name} for n, name in enumerate(self.installed) if name in names]
        if model == "ir.model":
            names = domain[0][2]
            return [{"id": self.models[n], "model": n} for n in names if n in self.models]
        raise AssertionError("unexpected search_read on %s" % model)

    def call(self, model, method, *args, **kwargs):
        self.calls.append((model, method, args))
        if method == "create":
            values = args[0]
            ids = list(range(self.next_id, self.next_id + len(values)))
            self.next_id += len(values)
            return ids
        if method == "fields_get":
            base = ["cron_name", "active", "interval_number", "interval_type", "model_id", "model_name", "code",
                    "user_id", "priority", "nextcall", "lastcall", "ir_actions_server_id", "failure_count"]
            return dict((name, {"type": "char"}) for name in base)
        return True
