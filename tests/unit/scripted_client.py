"""A client answering each (model, method) from a script: a list of answers or exceptions, in order."""

from ansible_collections.odoo_ops.odoo.plugins.module_utils.errors import OdooError


class ScriptedClient:
    def __init__(self, script=None, username="ansible_monitor", capabilities=None):
        self.script = dict((key, list(answers)) for key, answers in (script or {}).items())
        self.username = username
        self.uid = 6
        self.capabilities = dict(capabilities or {})
        self.warnings = []
        self.calls = []

    def _answer(self, model, method, args, kwargs):
        self.calls.append((model, method, args, kwargs))
        answers = self.script.get((model, method))
        if not answers:
            raise AssertionError("unexpected call %s.%s%r" % (model, method, args))
        answer = answers.pop(0) if len(answers) > 1 else answers[0]
        if isinstance(answer, OdooError):
            raise answer
        return answer(*args, **kwargs) if callable(answer) else answer

    def call(self, model, method, *args, **kwargs):
        return self._answer(model, method, args, kwargs)

    def search_read(self, model, domain, fields, archived=False, order=None):
        return self._answer(model, "search_read", (domain, list(fields)), {"archived": archived})

    def writes(self):
        return [c for c in self.calls if c[1] in ("create", "write", "unlink")]
