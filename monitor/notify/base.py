"""What every channel shares: the Channel shape, DeliveryError, and short, secret-free error wording."""

from __future__ import annotations

import os
import re
import socket
import ssl
from typing import Any, Protocol
from urllib.parse import urlsplit

from monitor.errors import NotifyError


class DeliveryError(NotifyError):
    """A NotifyError that also says when to try again and whether the whole channel is down.

    `channel_down`: the failure is not about this alert (cannot connect, login refused, secret missing),
    so the other deliveries of the pass get the same error instead of another try each.
    `retry_after`: the receiver asked us to wait this many seconds (HTTP Retry-After).
    """

    def __init__(self, message: str, retry: bool = True, channel_down: bool = False,
                 retry_after: float | None = None):
        super().__init__(message, retry=retry)
        self.channel_down = channel_down
        self.retry_after = retry_after


class Channel(Protocol):
    """One way of sending alerts. Built once per delivery pass; may keep a connection open until close()."""

    name: str
    min_severity: str

    def send(self, alert: dict[str, Any]) -> str:
        """Send one alert; return what happened in a few words, or raise NotifyError."""

    def close(self) -> None:
        """Release the connection, if any."""


def where(url: str) -> str:
    """scheme://host[:port] of a URL: enough to say where, without the path or credentials that may be secret."""
    parts = urlsplit(url)
    host = parts.hostname or "?"
    if ":" in host:
        host = f"[{host}]"
    return f"{parts.scheme}://{host}" + (f":{parts.port}" if parts.port else "")


def os_error_text(e: BaseException) -> str:
    """'Connection refused', 'timed out', 'Name or service not known': the useful part of a socket error."""
    if isinstance(e, ssl.SSLCertVerificationError):
        return f"TLS certificate not trusted: {e.verify_message}"
    if isinstance(e, ssl.SSLError):
        return f"TLS error: {e.reason or e}"
    if isinstance(e, (socket.timeout, TimeoutError)):
        return "timed out"
    if isinstance(e, OSError) and e.strerror:
        return e.strerror
    text = str(e) or type(e).__name__
    return re.sub(r"^\[Errno -?\d+\]\s*", "", text)


def env_secret(var: str, key: str) -> str:
    """The value of the environment variable that config names; a clear, final error when it is not set."""
    value = os.environ.get(var)
    if not value:
        raise DeliveryError(f"environment variable {var} is not set ({key} names it); "
                            f"set it in the service's environment", retry=False, channel_down=True)
    return value


def one_line(text: str, limit: int = 200) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"
