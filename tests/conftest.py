

# --- notify: an SMTP server (aiosmtpd) and a webhook receiver on 127.0.0.1; fixtures prefixed smtp_ / webhook_ ---

import collections as _collections  # noqa: E402
import email as _email  # noqa: E402
import email.policy as _email_policy  # noqa: E402
import shutil as _shutil  # noqa: E402
import socket as _socket  # noqa: E402
import ssl as _ssl  # noqa: E402
import subprocess as _subprocess  # noqa: E402
import threading as _threading  # noqa: E402
from http.server import BaseHTTPRequestHandler as _BaseHandler  # noqa: E402
from http.server import ThreadingHTTPServer as _ThreadingHTTPServer  # noqa: E402

import pytest as _pytest  # noqa: E402


class LocalServer(_ThreadingHTTPServer):
    daemon_threads = True


def serve_local(handler: type, server_class: type = LocalServer):
    """An HTTP server with `handler` on 127.0.0.1 (a free port), serving from a daemon thread."""
    server = server_class(("127.0.0.1", 0), handler)
    _threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True).start()
    return server


def stop_local(server) -> None:
    server.shutdown()
    server.server_close()


class SmtpServer:
    """An aiosmtpd server in a thread that keeps every message it accepts."""

    def __init__(self, port: int = 0, tls_cert: tuple[str, str] | None = None,
                 logins: dict[str, str] | None = None):
        from aiosmtpd.controller import Controller
        from aiosmtpd.smtp import AuthResult

        self.envelopes: list = []
        self.messages: list = []
        self.logins_tried: list[str] = []
        self._lock = _threading.Lock()
        outer = self

        class Handler:
            async def handle_DATA(self, server, session, envelope):
                with outer._lock:
                    outer.envelopes.append(envelope)
                    outer.messages.append(_email.message_from_bytes(envelope.content, policy=_email_policy.default))
                return "250 OK"

        def authenticator(server, session, envelope, mechanism, auth_data):
            login = auth_data.login.decode()
            outer.logins_tried.append(login)
            ok = logins is not None and logins.get(login) == auth_data.password.decode()
            return AuthResult(success=ok, handled=False)  # handled=False: aiosmtpd answers 535 itself

        class PortZeroController(Controller):
            def _trigger_server(self):  # learn the port the OS picked before aiosmtpd connects to it
                self.port = self.server.sockets[0].getsockname()[1]
                super()._trigger_server()

        kwargs: dict = {}
        if tls_cert is not None:
            ctx = _ssl.create_default_context(_ssl.Purpose.CLIENT_AUTH)
            ctx.load_cert_chain(*tls_cert)
            kwargs.update(tls_context=ctx, require_starttls=True)
        if logins is not None:
            kwargs.update(authenticator=authenticator, auth_required=True)
        self.controller = PortZeroController(Handler(), hostname="127.0.0.1", port=port, **kwargs)
        self.controller.start()
        self.port: int = self.controller.port

    def stop(self) -> None:
        if self.controller._thread is not None:
            self.controller.stop()


def _free_port() -> int:
    with _socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@_pytest.fixture
def smtp_port() -> int:
    """A port on 127.0.0.1 where nothing listens (until smtp_start(port) starts a server there)."""
    return _free_port()


@_pytest.fixture
def smtp_start():
    """smtp_start(port=0, tls_cert=None, logins=None) -> SmtpServer; every server is stopped afterwards."""
    servers: list[SmtpServer] = []

    def start(port: int = 0, tls_cert: tuple[str, str] | None = None,
              logins: dict[str, str] | None = None) -> SmtpServer:
        server = SmtpServer(port, tls_cert, logins)
        servers.append(server)
        return server

    yield start
    for server in servers:
        server.stop()


@_pytest.fixture
def smtp_server(smtp_start) -> SmtpServer:
    """A plain SMTP server (no TLS, no login) on 127.0.0.1."""
    return smtp_start()


@_pytest.fixture(scope="session")
def smtp_tls_cert(tmp_path_factory) -> tuple[str, str]:
    """(cert.pem, key.pem): a self-signed certificate for 127.0.0.1 and localhost, made with the openssl CLI."""
    openssl = _shutil.which("openssl")
    if openssl is None:
        _pytest.skip("the openssl command is not installed")
    d = tmp_path_factory.mktemp("smtp_tls")
    cert, key = d / "cert.pem", d / "key.pem"
    _subprocess.run([openssl, "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1",
                     "-nodes", "-keyout", str(key), "-out", str(cert), "-days", "2", "-subj", "/CN=localhost",
                     "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1"],
                    check=True, capture_output=True, timeout=30)
    return str(cert), str(key)


class WebhookReceiver:
    """A ThreadingHTTPServer that records every POST and answers from `script` (then `default`)."""

    def __init__(self) -> None:
        self.requests: list[dict] = []
        self.script: _collections.deque = _collections.deque()  # status codes, or (status, headers, body)
        self.default = 200
        outer = self

        class Handler(_BaseHandler):
            protocol_version = "HTTP/1.1"  # keep-alive, as real receivers do

            def do_POST(self):
                body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                with outer._lock:
                    outer.requests.append({"path": self.path, "headers": dict(self.headers.items()), "body": body})
                    answer = outer.script.popleft() if outer.script else outer.default
                status, headers, text = answer if isinstance(answer, tuple) else (answer, {}, "")
                data = text.encode("utf-8")
                self.send_response(status)
                for k, v in headers.items():
                    self.send_header(k, v)
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def log_message(self, format, *args):  # quiet
                pass

        self._lock = _threading.Lock()
        self.httpd = serve_local(Handler)
        self.port = self.httpd.server_address[1]
        self.url = f"http://127.0.0.1:{self.port}/hook"

    def stop(self) -> None:
        stop_local(self.httpd)


@_pytest.fixture
def webhook_server():
    """A webhook receiver on 127.0.0.1: .url, .requests (path, headers, body), .script of answers to give."""
    receiver = WebhookReceiver()
    yield receiver
    receiver.stop()
