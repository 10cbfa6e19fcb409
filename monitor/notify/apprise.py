"""The apprise channel: every other service (ntfy, Telegram, Matrix, Discord...) through Apprise URLs.

All URLs in `[notify] apprise` form one channel. Apprise reports success or failure for the whole call, so
when one URL of several fails the retry goes to all of them again (the others see a duplicate).
"""

from __future__ import annotations

import logging
from typing import Any

from monitor.notify.base import DeliveryError, one_line
from monitor.notify.render import render_subject, render_text

log = logging.getLogger(__name__)


def _scheme(url: str) -> str:
    return url.split("://", 1)[0] + "://…"


class AppriseChannel:
    name = "apprise"
    min_severity = "info"

    def __init__(self, urls: tuple[str, ...] | list[str]):
        self.urls = tuple(urls)
        self._apobj: Any = None

    def _load(self) -> Any:
        if self._apobj is not None:
            return self._apobj
        try:
            import apprise
        except ImportError:
            raise DeliveryError("the apprise package is not installed: pip install apprise", retry=False,
                                channel_down=True) from None
        apobj = apprise.Apprise()
        bad = [_scheme(u) for u in self.urls if not apobj.add(u)]
        if bad:
            raise DeliveryError(f"notify.apprise: apprise cannot use {', '.join(bad)} (check the URL against "
                                "the Apprise wiki)", retry=False, channel_down=True)
        self._apobj = apobj
        return apobj

    def send(self, alert: dict[str, Any]) -> str:
        import apprise

        apobj = self._load()
        severity = str(alert.get("severity") or "info")
        kind = apprise.NotifyType.WARNING if severity in ("medium", "high") else apprise.NotifyType.INFO
        with apprise.LogCapture(level=logging.WARNING, fmt="%(message)s") as captured:
            ok = apobj.notify(body=render_text(alert), title=render_subject(alert), notify_type=kind,
                              body_format=apprise.NotifyFormat.TEXT)
            said = captured.getvalue()
        if ok:
            return f"sent to {len(self.urls)} Apprise URL{'s' if len(self.urls) != 1 else ''}"
        reason = one_line(said, 300) or "no reason given"
        raise DeliveryError(f"apprise could not deliver to every URL: {reason}")

    def close(self) -> None:
        self._apobj = None
