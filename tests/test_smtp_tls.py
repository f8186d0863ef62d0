"""Reminder e-mail over TLS against a real aiosmtpd server: STARTTLS with login and implicit TLS, each
with a certificate from a CA made for the test, and a certificate the settings do not trust refused."""

from __future__ import annotations

import ssl
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from email.message import EmailMessage
from ipaddress import IPv4Address
from pathlib import Path
from typing import Any

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID
from pydantic import SecretStr

from kerjasama.core.config import Settings
from kerjasama.reminders.mailer import Mailer
from tests.test_reminders import Sink, free_port, mail_settings


def _name(cn: str) -> x509.Name:
    return x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, cn)])


def _cert(
    subject: str,
    key: ec.EllipticCurvePrivateKey,
    issuer: str,
    issuer_key: ec.EllipticCurvePrivateKey,
    ca: bool,
) -> x509.Certificate:
    now = datetime.now(UTC)
    builder = (
        x509.CertificateBuilder()
        .subject_name(_name(subject))
        .issuer_name(_name(issuer))
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - timedelta(minutes=5))
        .not_valid_after(now + timedelta(days=1))
        .add_extension(x509.BasicConstraints(ca=ca, path_length=None), critical=True)
    )
    if ca:
        builder = builder.add_extension(
            x509.KeyUsage(False, False, False, False, False, True, True, False, False), critical=True
        )
    else:
        builder = builder.add_extension(
            x509.SubjectAlternativeName(
                [x509.DNSName("localhost"), x509.IPAddress(IPv4Address("127.0.0.1"))]
            ),
            critical=False,
        )
    return builder.sign(issuer_key, hashes.SHA256())


@pytest.fixture(scope="module")
def pki(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """A CA, a server certificate for 127.0.0.1 signed by it, and a second CA that signed nothing."""
    out = tmp_path_factory.mktemp("pki")
    ca_key, other_key, server_key = (ec.generate_private_key(ec.SECP256R1()) for _ in range(3))
    files = {
        "ca": _cert("Uji CA", ca_key, "Uji CA", ca_key, ca=True),
        "other_ca": _cert("CA lain", other_key, "CA lain", other_key, ca=True),
        "server": _cert("127.0.0.1", server_key, "Uji CA", ca_key, ca=False),
    }
    paths = {}
    for name, cert in files.items():
        paths[name] = out / f"{name}.pem"
        paths[name].write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    paths["server_key"] = out / "server.key"
    paths["server_key"].write_bytes(
        server_key.private_bytes(
            serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
        )
    )
    return paths


def _server_context(pki: dict[str, Path]) -> ssl.SSLContext:
    ctx = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    ctx.load_cert_chain(pki["server"], pki["server_key"])
    return ctx


class _Logins:
    def __init__(self) -> None:
        self.seen: list[tuple[str, str]] = []

    def __call__(self, server: Any, session: Any, envelope: Any, mechanism: str, data: Any) -> AuthResult:
        assert isinstance(data, LoginPassword)
        self.seen.append((data.login.decode(), data.password.decode()))
        return AuthResult(success=data.login == b"bagpem" and data.password == b"rahasia-smtp")


class _ImplicitTLSController(Controller):
    """aiosmtpd checks readiness with a plain connection; with implicit TLS that check must speak TLS
    and trust the test CA."""

    def __init__(self, *args: Any, client_context: ssl.SSLContext, **kw: Any) -> None:
        super().__init__(*args, **kw)
        self._client_context = client_context

    def _trigger_server(self) -> None:
        import socket

        with (
            socket.create_connection((self.hostname, self.port), 2.0) as raw,
            self._client_context.wrap_socket(raw, server_hostname=self.hostname) as s,
        ):
            s.recv(1024)


@contextmanager
def tls_server(pki: dict[str, Path], mode: str) -> Iterator[tuple[Sink, int, _Logins]]:
    port, sink, logins = free_port(), Sink(), _Logins()
    ctx = _server_context(pki)
    controller: Controller
    if mode == "starttls":
        controller = Controller(
            sink,
            hostname="127.0.0.1",
            port=port,
            tls_context=ctx,
            require_starttls=True,
            authenticator=logins,
            auth_require_tls=True,
        )
    else:
        controller = _ImplicitTLSController(
            sink,
            hostname="127.0.0.1",
            port=port,
            ssl_context=ctx,
            client_context=ssl.create_default_context(cafile=str(pki["ca"])),
        )
    controller.start()
    try:
        yield sink, port, logins
    finally:
        controller.stop()


def message(subject: str) -> EmailMessage:
    msg = EmailMessage()
    msg["Subject"], msg["From"], msg["To"] = subject, "kerjasama@cimahikota.go.id", "kadis@cimahikota.go.id"
    msg.set_content("Pengingat uji.")
    return msg


def test_starttls_with_login(settings: Settings, pki: dict[str, Path]) -> None:
    with tls_server(pki, "starttls") as (sink, port, logins):
        mailing = mail_settings(
            settings,
            port,
            smtp_security="starttls",
            smtp_ca_file=str(pki["ca"]),
            smtp_username="bagpem",
            smtp_password=SecretStr("rahasia-smtp"),
        )
        with Mailer(mailing) as mailer:
            mailer.send(message("Lewat STARTTLS"), "kadis@cimahikota.go.id")
        assert logins.seen == [("bagpem", "rahasia-smtp")]
        assert [r.message["Subject"] for r in sink.received] == ["Lewat STARTTLS"]
        assert sink.received[0].rcpt_tos == ["kadis@cimahikota.go.id"]


def test_starttls_server_refuses_plain_mail(settings: Settings, pki: dict[str, Path]) -> None:
    import smtplib

    with tls_server(pki, "starttls") as (sink, port, _):
        plain = mail_settings(settings, port, smtp_security="none")
        with Mailer(plain) as mailer, pytest.raises(smtplib.SMTPException):
            mailer.send(message("Tanpa TLS"), "kadis@cimahikota.go.id")
        assert sink.received == []


def test_implicit_tls(settings: Settings, pki: dict[str, Path]) -> None:
    with tls_server(pki, "ssl") as (sink, port, _):
        mailing = mail_settings(settings, port, smtp_security="ssl", smtp_ca_file=str(pki["ca"]))
        with Mailer(mailing) as mailer:
            mailer.send(message("Lewat TLS langsung"), "kadis@cimahikota.go.id")
        assert [r.message["Subject"] for r in sink.received] == ["Lewat TLS langsung"]


@pytest.mark.parametrize("mode", ["starttls", "ssl"])
def test_an_untrusted_certificate_is_refused(settings: Settings, pki: dict[str, Path], mode: str) -> None:
    with tls_server(pki, mode) as (sink, port, logins):
        mailing = mail_settings(settings, port, smtp_security=mode, smtp_ca_file=str(pki["other_ca"]))
        with Mailer(mailing) as mailer, pytest.raises(ssl.SSLCertVerificationError):
            mailer.send(message("Tidak boleh terkirim"), "kadis@cimahikota.go.id")
        assert sink.received == [] and logins.seen == []
