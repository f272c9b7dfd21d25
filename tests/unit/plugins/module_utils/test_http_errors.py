"""What a failed request is called, whichever way the network reports it (no server needed)."""

import http.client
import socket
from urllib.error import URLError

import pytest

from ansible_collections.odoo_ops.odoo.plugins.module_utils.odoo_http import HttpChannel


def channel(monkeypatch, speaks_tls):
    probes = []

    def probe(self):
        probes.append(self.url)
        return speaks_tls

    monkeypatch.setattr(HttpChannel, "_speaks_tls", probe)
    return HttpChannel("http://127.0.0.1:8443"), probes


# A TLS port answers a plain HTTP request in one of these ways, depending on timing (seen under load: the reset).
@pytest.mark.parametrize("error", [
    URLError(ConnectionResetError(104, "Connection reset by peer")),
    ConnectionResetError(104, "Connection reset by peer"),
    http.client.RemoteDisconnected("Remote end closed connection without response"),
    http.client.BadStatusLine("\x15\x03\x01\x00\x02\x02"),
], ids=["urlerror-reset", "reset", "closed", "bad-status-line"])
def test_a_tls_port_behind_an_http_url_says_use_https(monkeypatch, error):
    chan, probes = channel(monkeypatch, speaks_tls=True)
    message = str(chan._network_error(error))
    assert "use https:// in url (option url)" in message and "re-run" not in message, message
    assert probes == ["http://127.0.0.1:8443"]


def test_a_refused_connection_is_unreachable_without_a_tls_probe(monkeypatch):
    chan, probes = channel(monkeypatch, speaks_tls=True)
    message = str(chan._network_error(URLError(ConnectionRefusedError(111, "Connection refused"))))
    assert message == "cannot reach Odoo at http://127.0.0.1:8443: [Errno 111] Connection refused"
    assert probes == []


def test_a_timeout_names_the_option_without_a_tls_probe(monkeypatch):
    chan, probes = channel(monkeypatch, speaks_tls=True)
    assert "(option timeout)" in str(chan._network_error(URLError(socket.timeout("timed out"))))
    assert probes == []


def test_a_reset_from_a_plain_http_port_is_unreachable(monkeypatch):
    chan, probes = channel(monkeypatch, speaks_tls=False)
    message = str(chan._network_error(URLError(ConnectionResetError(104, "Connection reset by peer"))))
    assert message.startswith("cannot reach Odoo at http://127.0.0.1:8443"), message
    assert probes == ["http://127.0.0.1:8443"]
