"""TLS certificates are verified by default: a self-signed server fails with a message naming
validate_certs and ca_path; trusting its certificate with ca_path works."""

import os
import socket
import ssl
import subprocess
import threading

import pytest

from module_runner import run_module

from reliability_support import connection


def make_certificate(directory):
    cert, key = os.path.join(directory, "cert.pem"), os.path.join(directory, "key.pem")
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=127.0.0.1",
                    "-addext", "subjectAltName=IP:127.0.0.1", "-keyout", key, "-out", cert],
                   check=True, capture_output=True)
    return cert, key


class TlsProxy:
    """Terminates TLS on a loopback port and relays bytes to the simulator, like nginx in front of Odoo."""

    def __init__(self, cert, key, backend_port):
        self.context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        self.context.load_cert_chain(cert, key)
        self.backend_port = backend_port
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.port = self.listener.getsockname()[1]
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self):
        while True:
            try:
                client, _address = self.listener.accept()
            except OSError:
                return
            threading.Thread(target=self._serve, args=(client,), daemon=True).start()

    def _serve(self, client):
        try:
            tls = self.context.wrap_socket(client, server_side=True)
        except (ssl.SSLError, OSError):
            client.close()
            return
        backend = socket.create_connection(("127.0.0.1", self.backend_port))
        threading.Thread(target=self._pipe, args=(backend, tls), daemon=True).start()
        self._pipe(tls, backend)

    @staticmethod
    def _pipe(source, target):
        try:
            while True:
                data = source.recv(65536)
                if not data:
                    break
                target.sendall(data)
        except OSError:
            pass
        finally:
            for sock in (source, target):
                try:
                    sock.shutdown(socket.SHUT_RDWR)
                except OSError:
                    pass

    def close(self):
        self.listener.close()


@pytest.fixture
def tls_odoo(odoo, tmp_path):
    cert, key = make_certificate(str(tmp_path))
    proxy = TlsProxy(cert, key, odoo.port)
    yield "https://127.0.0.1:%d" % proxy.port, cert
    proxy.close()


def test_self_signed_certificate_is_refused_by_default(tls_odoo, odoo):
    url, _ca = tls_odoo
    result = run_module("odoo_cron_info", connection(odoo, url=url))
    assert result.get("failed")
    assert "TLS" in result["msg"] and "ca_path" in result["msg"] and "validate_certs" in result["msg"]


def test_ca_path_trusts_the_certificate(tls_odoo, odoo):
    url, cert = tls_odoo
    result = run_module("odoo_cron_info", connection(odoo, url=url, ca_path=cert))
    assert not result.get("failed"), result
    assert result["server_version"] == "14.0"


def test_validate_certs_false_skips_verification(tls_odoo, odoo):
    url, _ca = tls_odoo
    result = run_module("odoo_cron_info", connection(odoo, url=url, validate_certs=False))
    assert not result.get("failed"), result


def test_an_http_url_to_an_https_port_says_use_https(odoo, tls_odoo):
    url, _cert = tls_odoo
    result = run_module("odoo_cron_info", connection(odoo, url=url.replace("https://", "http://")))
    assert result.get("failed"), result
    assert "use https:// in url (option url)" in result["msg"] and "re-run" not in result["msg"], result["msg"]
