"""The webhook channel: a versioned JSON payload (or a Slack {"text"} body), signed the way Stripe signs.

Headers sent with every POST:
  Content-Type: application/json
  Idempotency-Key: <alert id>            -- the same on every retry: drop a key you have seen
  X-Monitor-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>.<body>")>   (when secret_env is set)
"""

from __future__ import annotations

import email.utils
import hashlib
import hmac
import json
import logging
import time
from datetime import UTC, datetime
from typing import Any

import httpx

from monitor import __version__
from monitor.config import WebhookConfig
from monitor.notify.base import DeliveryError, env_secret, one_line, os_error_text, where
from monitor.notify.render import counterpart_text, headline, is_web_link

log = logging.getLogger(__name__)

SCHEMA = "protocol-monitor.alert/1"
SIGNATURE_HEADER = "X-Monitor-Signature"
USER_AGENT = f"protocol-monitor/{__version__}"


def webhook_payload(alert: dict[str, Any], sent_at: float | None = None) -> dict[str, Any]:
    """The JSON body, schema "protocol-monitor.alert/1". New keys may be added; a changed meaning gets /2."""
    sent = datetime.fromtimestamp(time.time() if sent_at is None else sent_at, UTC)
    return {
        "schema": SCHEMA,
        "id": alert["id"],
        "severity": alert.get("severity"),
        "rule": alert.get("rule"),
        "counterpart": alert.get("counterpart"),
        "direction": alert.get("direction"),
        "date": alert.get("date"),
        "subject": alert.get("subject") or headline(alert),
        "summary": alert.get("summary"),
        "evidence": alert.get("evidence"),
        "link": alert.get("link"),
        "precedent": alert.get("precedent"),
        "sent_at": sent.isoformat(timespec="seconds").replace("+00:00", "Z"),
    }


def _slack_escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def slack_payload(alert: dict[str, Any]) -> dict[str, Any]:
    """A Slack-compatible body (incoming webhooks, Mattermost, Rocket.Chat): {"text": mrkdwn}."""
    sev = str(alert.get("severity") or "info").upper()
    lines = [f"*[{sev}] {_slack_escape(headline(alert))}*"]
    if alert.get("summary"):
        lines.append(_slack_escape(str(alert["summary"]).strip()))
    if alert.get("evidence"):
        lines += [f"> {_slack_escape(ln)}" for ln in str(alert["evidence"]).strip().splitlines()]
    if is_web_link(alert.get("link")):
        lines.append(f"<{alert['link']}|Source>")
    p = alert.get("precedent")
    if isinstance(p, dict) and p:
        where_ = ", ".join(str(p[k]) for k in ("date", "outlet") if p.get(k))
        lines.append(_slack_escape(f"Precedent ({where_}):" if where_ else "Precedent:"))
        if p.get("evidence"):
            lines += [f"> {_slack_escape(ln)}" for ln in str(p["evidence"]).strip().splitlines()]
        if is_web_link(p.get("url")):
            lines.append(f"<{p['url']}|Precedent source>")
    lines.append(f"_{_slack_escape(counterpart_text(alert))} · {alert.get('rule')} · id {alert['id']}_")
    return {"text": "\n".join(lines)}


def sign(secret: bytes, body: bytes, t: int) -> str:
    """The X-Monitor-Signature value: "t=<t>,v1=<hex HMAC-SHA256(secret, b'<t>.' + body)>"."""
    digest = hmac.new(secret, str(t).encode("ascii") + b"." + body, hashlib.sha256).hexdigest()
    return f"t={t},v1={digest}"


def verify(secret: bytes, body: bytes, header: str, tolerance: float = 300, now: float | None = None) -> bool:
    """What a receiver does: check the signature over the raw body, and that it is recent (no replays)."""
    try:
        fields = dict(part.split("=", 1) for part in header.split(","))
        t = int(fields["t"])
        given = fields["v1"]
    except (KeyError, ValueError):
        return False
    if abs((time.time() if now is None else now) - t) > tolerance:
        return False
    return hmac.compare_digest(sign(secret, body, t).split("v1=", 1)[1], given)


def _retry_after(value: str | None) -> float | None:
    if not value:
        return None
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    try:
        return max(0.0, email.utils.parsedate_to_datetime(value).timestamp() - time.time())
    except (TypeError, ValueError):
        return None


class WebhookChannel:
    """POSTs alerts to one URL. Keeps one HTTP client (and its keep-alive connection) for the pass."""

    name = "webhook"

    def __init__(self, cfg: WebhookConfig, client: httpx.Client | None = None):
        self.cfg = cfg
        self.min_severity = cfg.min_severity
        self.where = where(cfg.url)
        self._client = client
        self._own_client = client is None

    def _http(self) -> httpx.Client:
        if self._client is None:
            self._client = httpx.Client(timeout=self.cfg.timeout_seconds, follow_redirects=False,
                                        headers={"User-Agent": USER_AGENT})
        return self._client

    def request(self, alert: dict[str, Any]) -> tuple[bytes, dict[str, str]]:
        """The exact body and headers that send() POSTs."""
        cfg = self.cfg
        payload = slack_payload(alert) if cfg.format == "slack" else webhook_payload(alert)
        body = json.dumps(payload, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
        headers = {"Content-Type": "application/json; charset=utf-8", "Idempotency-Key": str(alert["id"])}
        if cfg.secret_env:
            secret = env_secret(cfg.secret_env, "notify.webhook.secret_env")
            headers[SIGNATURE_HEADER] = sign(secret.encode("utf-8"), body, int(time.time()))
        return body, headers

    def send(self, alert: dict[str, Any]) -> str:
        body, headers = self.request(alert)
        started = time.monotonic()
        try:
            r = self._http().post(self.cfg.url, content=body, headers=headers)
        except httpx.TimeoutException:
            raise DeliveryError(f"no answer from {self.where} within {self.cfg.timeout_seconds:g} s",
                                channel_down=True) from None
        except httpx.ConnectError as e:
            cause = e.__cause__ or e.__context__ or e
            raise DeliveryError(f"cannot connect to {self.where}: {os_error_text(cause)}", channel_down=True) from None
        except httpx.HTTPError as e:
            raise DeliveryError(f"{self.where}: {one_line(str(e)) or type(e).__name__}", channel_down=True) from None
        code = r.status_code
        answer = f"{self.where} answered {code} {r.reason_phrase}".rstrip()
        if 200 <= code < 300:
            return f"{answer} in {time.monotonic() - started:.2f} s"
        excerpt = one_line(r.text) if r.content else ""
        if 300 <= code < 400:
            target = where(r.headers["location"]) if r.headers.get("location") else "elsewhere"
            raise DeliveryError(f"{answer} (a redirect to {target}): set notify.webhook.url to the final address",
                                retry=False)
        retry = code in (408, 429) or code >= 500
        raise DeliveryError(answer + (f": {excerpt}" if excerpt else ""), retry=retry,
                            retry_after=_retry_after(r.headers.get("retry-after")) if retry else None,
                            channel_down=code in (429, 502, 503, 504))

    def close(self) -> None:
        if self._client is not None and self._own_client:
            self._client.close()
            self._client = None
