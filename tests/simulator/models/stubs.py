"""Models that only exist so that the seeded standard crons point at real models.

Their cron methods are no-ops returning True (the real ones clean data, send mail...).
"""

from ..orm import Model, api_model


def _noop(self, *args, **kwargs):
    return True


def stub(name, description, module, methods, versions=None):
    attrs = {"_name": name, "_description": description, "_module": module,
             "_rec_name": "id", "_min_major": (versions or (0, 99))[0],
             "_max_major": (versions or (0, 99))[1]}
    for method in methods:
        attrs[method] = api_model(_noop) if not method.startswith("_") else _noop
    return type("Stub_" + name.replace(".", "_"), (Model,), attrs)


STUBS = [
    stub("ir.autovacuum", "Automatic Vacuum", "base", ["_run_vacuum_cleaner"]),
    stub("mail.mail", "Outgoing Mails", "mail", ["process_email_queue"]),
    stub("mail.notification", "Message Notifications", "mail", ["_gc_notifications"]),
    stub("publisher_warranty.contract", "Publisher Warranty Contract", "mail",
         ["update_notification"]),
    stub("mail.message", "Message", "mail", ["_notify_moderators"], (14, 15)),
    stub("fetchmail.server", "Incoming Mail Server", "mail", ["_fetch_mails"], (16, 99)),
    stub("mail.message.schedule", "Scheduled Messages", "mail", ["_send_notifications_cron"],
         (16, 99)),
]
