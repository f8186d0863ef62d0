"""Sending e-mail over SMTP (smtplib) as the settings say: plain, STARTTLS or implicit TLS, optional login.

One connection serves a whole run. When the server cannot be reached, the connection error is kept and
every later message of the run fails with it at once, instead of waiting for the timeout again.
"""

from __future__ import annotations

import smtplib
import ssl
from email.message import EmailMessage
from email.utils import parseaddr
from types import TracebackType
from urllib.parse import urlsplit

from kerjasama.core.config import Settings


class Mailer:
    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self._smtp: smtplib.SMTP | None = None
        self._unreachable: Exception | None = None

    def __enter__(self) -> Mailer:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    def _connect(self) -> smtplib.SMTP:
        s = self.settings
        # EHLO names this instance; socket.getfqdn() (smtplib's default) can stall on a DNS lookup.
        local = urlsplit(s.base_url).hostname or "localhost"
        smtp: smtplib.SMTP
        if s.smtp_security == "ssl":
            smtp = smtplib.SMTP_SSL(
                s.smtp_host,
                s.smtp_port,
                local_hostname=local,
                timeout=s.smtp_timeout_seconds,
                context=self._tls_context(),
            )
        else:
            smtp = smtplib.SMTP(
                s.smtp_host, s.smtp_port, local_hostname=local, timeout=s.smtp_timeout_seconds
            )
            if s.smtp_security == "starttls":
                smtp.starttls(context=self._tls_context())
        try:
            if s.smtp_username:
                smtp.login(s.smtp_username, s.smtp_password.get_secret_value())
        except BaseException:
            smtp.close()
            raise
        return smtp

    def _tls_context(self) -> ssl.SSLContext:
        # Certificates are always verified (host name included); a private CA is trusted only when named.
        return ssl.create_default_context(cafile=self.settings.smtp_ca_file or None)

    def send(self, message: EmailMessage, to_address: str) -> None:
        """Hand one message to the server; returns only when the server accepted it."""
        if self._unreachable is not None:
            raise self._unreachable
        if self._smtp is None:
            try:
                self._smtp = self._connect()
            except (OSError, smtplib.SMTPException) as exc:
                self._unreachable = exc
                raise
        sender = parseaddr(self.settings.smtp_from)[1] or self.settings.smtp_from
        try:
            self._smtp.send_message(message, from_addr=sender, to_addrs=[to_address])
        except smtplib.SMTPRecipientsRefused:
            raise  # smtplib has reset the transaction; the connection serves the next message
        except (OSError, smtplib.SMTPException):
            self.close()  # state unknown: the next message opens a fresh connection
            raise

    def close(self) -> None:
        if self._smtp is None:
            return
        try:
            self._smtp.quit()
        except (OSError, smtplib.SMTPException):
            self._smtp.close()
        self._smtp = None


def is_permanent(exc: Exception) -> bool:
    """A refusal that no retry can fix: every recipient refused with a 5xx code (e.g. no such mailbox).

    Other errors (connection, timeouts, 4xx, authentication) are worth retrying once someone fixes them.
    """
    if isinstance(exc, smtplib.SMTPRecipientsRefused):
        return bool(exc.recipients) and all(code >= 500 for code, _ in exc.recipients.values())
    return False
