"""The outbox: send what is pending, retry with backoff and jitter, give up after max_age_seconds.

An alert and its deliveries (one per channel) are written in the same transaction as the event that
raised it (store.add_alert). A pass claims each due delivery for a lease before sending it, so two
processes sharing the database do not both send it; a crash between the send and the commit leaves the
delivery pending, and it is sent again: webhooks carry the alert id in Idempotency-Key, emails a
Message-ID made from it, so a receiver can drop that rare duplicate.
"""

from __future__ import annotations

import logging
import random
import threading
import time
from collections.abc import Callable
from typing import Any

from monitor.config import NotifyConfig
from monitor.errors import NotifyError
from monitor.models import SEVERITIES
from monitor.notify.base import Channel, DeliveryError
from monitor.notify.render import probe_alert
from monitor.store import Store

log = logging.getLogger(__name__)

RETRY_FIRST_SECONDS = 5.0  # the first retry waits about this long; each next one twice as long
RETRY_MAX_SECONDS = 3600.0  # ...up to an hour
JITTER = 0.2  # +/- 20 %, so that many deliveries failing together do not retry together
LEASE_MARGIN_SECONDS = 10.0  # a claimed delivery is left alone for the channel's timeout and this much more


def lease_seconds(name: str, notify_cfg: NotifyConfig) -> float:
    """How long a sender may hold a delivery: long enough for one send to time out, and short, so
    that a delivery whose sender was killed in the middle is tried again soon after a restart."""
    channel_cfg = getattr(notify_cfg, name, None)
    return float(getattr(channel_cfg, "timeout_seconds", 30.0)) + LEASE_MARGIN_SECONDS


def channel_names(notify_cfg: NotifyConfig, severity: str | None = None) -> list[str]:
    """The channels configured (email, webhook, apprise); with `severity`, only those that want it."""
    names = []
    if notify_cfg.email is not None:
        names.append(("email", notify_cfg.email.min_severity))
    if notify_cfg.webhook is not None:
        names.append(("webhook", notify_cfg.webhook.min_severity))
    if notify_cfg.apprise:
        names.append(("apprise", "info"))
    return [n for n, floor in names if severity is None or _rank(severity) >= _rank(floor)]


def _rank(severity: str) -> int:
    return SEVERITIES.index(severity) if severity in SEVERITIES else 0


def make_channel(name: str, notify_cfg: NotifyConfig, store: Store | None = None) -> Channel | None:
    """The sender for one channel name, or None when it is no longer configured."""
    if name == "email" and notify_cfg.email is not None:
        from monitor.notify.email import EmailChannel
        return EmailChannel(notify_cfg.email, store=store)
    if name == "webhook" and notify_cfg.webhook is not None:
        from monitor.notify.webhook import WebhookChannel
        return WebhookChannel(notify_cfg.webhook)
    if name == "apprise" and notify_cfg.apprise:
        from monitor.notify.apprise import AppriseChannel
        return AppriseChannel(notify_cfg.apprise)
    return None


def backoff(attempts: int, rand: Callable[[], float] = random.random) -> float:
    """Seconds to wait after the `attempts`+1-th failure: 5, 10, 20, 40 ... 3600, each +/- 20 %."""
    base = min(RETRY_FIRST_SECONDS * 2.0 ** min(attempts, 30), RETRY_MAX_SECONDS)
    return base * (1 - JITTER + 2 * JITTER * rand())


def duration(seconds: float) -> str:
    """'40 s', '15 min', '3 h', '2 d'."""
    s = max(0, int(seconds))
    for unit, size in (("d", 86_400), ("h", 3600), ("min", 60)):
        if s >= size:
            return f"{s / size:.0f} {unit}" if s % size == 0 or s >= 10 * size else f"{s / size:.1f} {unit}"
    return f"{s} s"


def _zero() -> dict[str, int]:
    return {"sent": 0, "retry": 0, "failed": 0, "skipped": 0}


def deliver_due(store: Store, notify_cfg: NotifyConfig, now: float | None = None,
                stop: threading.Event | None = None) -> dict[str, int]:
    """One pass: send every due pending delivery. Returns {"sent", "retry", "failed", "skipped"} counts.

    A retryable failure schedules the next attempt (backoff with jitter, or the receiver's Retry-After),
    until the delivery is max_age_seconds old; then it is marked failed. A failure retrying cannot
    help (4xx, bad login, a missing secret) marks it failed at once. A delivery whose channel is
    no longer configured, or that is below the channel's min_severity, is marked skipped.
    `now` fixes the clock (tests); `stop` is checked between deliveries.
    """
    counts = _zero()
    clock: Callable[[], float] = time.time if now is None else (lambda: now)
    due = store.due_deliveries(clock())
    if not due:
        return counts
    channels: dict[str, Channel | None] = {}
    down: dict[str, NotifyError] = {}  # channels found down in this pass: the rest of their deliveries wait
    try:
        for d in due:
            if stop is not None and stop.is_set():
                break
            alert_id, name = d["alert_id"], d["channel"]
            alert = store.get_alert(alert_id)
            if name not in channels:
                channels[name] = make_channel(name, notify_cfg, store)
            channel = channels[name]
            if alert is None or channel is None:
                reason = "the alert is gone" if alert is None else f"channel {name} is no longer configured"
                store.skip_delivery(alert_id, name, reason)
                counts["skipped"] += 1
                log.info("alert %s via %s skipped: %s", alert_id, name, reason)
                continue
            if _rank(str(alert["severity"])) < _rank(channel.min_severity):
                store.skip_delivery(alert_id, name, f"severity {alert['severity']} is below "
                                                    f"min_severity {channel.min_severity}")
                counts["skipped"] += 1
                continue
            t = clock()
            if not store.claim_delivery(alert_id, name, t, lease_seconds(name, notify_cfg)):
                continue  # another process is sending it
            if name in down:
                _failed(store, notify_cfg, d, down[name], clock(), counts)
                continue
            try:
                info = channel.send(alert)
            except NotifyError as e:
                if isinstance(e, DeliveryError) and e.channel_down:
                    down[name] = e
                _failed(store, notify_cfg, d, e, clock(), counts)
            except Exception as e:  # a bug or a library surprise: keep the alert, say what happened
                log.exception("alert %s via %s: unexpected error", alert_id, name)
                _failed(store, notify_cfg, d, NotifyError(f"unexpected {type(e).__name__}: {e}"), clock(), counts)
            else:
                store.mark_delivery(alert_id, name, "sent", now=clock())
                counts["sent"] += 1
                log.info("alert %s sent via %s: %s", alert_id, name, info)
    finally:
        for channel in channels.values():
            if channel is not None:
                try:
                    channel.close()
                except Exception:  # closing a broken connection must not lose the counts
                    log.debug("closing %s failed", channel.name, exc_info=True)
    return counts


def _failed(store: Store, notify_cfg: NotifyConfig, d: dict[str, Any], e: NotifyError, t: float,
            counts: dict[str, int]) -> None:
    alert_id, name = d["alert_id"], d["channel"]
    attempts = d["attempts"] + 1
    age = t - d["created_at"]
    max_age = notify_cfg.max_age_seconds
    if not e.retry:
        store.mark_delivery(alert_id, name, "failed", error=str(e), now=t)
        counts["failed"] += 1
        log.warning("alert %s via %s failed: %s", alert_id, name, e)
        return
    if age >= max_age:
        error = (f"{e} (gave up after {attempts} attempt{'s' if attempts != 1 else ''} in {duration(age)}; "
                 f"max_age_seconds = {max_age})")
        store.mark_delivery(alert_id, name, "failed", error=error, now=t)
        counts["failed"] += 1
        log.warning("alert %s via %s failed: %s", alert_id, name, error)
        return
    delay = backoff(d["attempts"])
    retry_after = getattr(e, "retry_after", None)
    if retry_after is not None:
        delay = max(delay, min(retry_after, RETRY_MAX_SECONDS))
    next_at = min(t + delay, d["created_at"] + max_age)  # the last try falls on max_age, not after it
    store.mark_delivery(alert_id, name, "pending", error=str(e), next_attempt_at=next_at, now=t)
    counts["retry"] += 1
    log.warning("alert %s via %s: %s; retry in %s", alert_id, name, e, duration(next_at - t))


def deliver_until(store: Store, notify_cfg: NotifyConfig, timeout: float,
                  stop: threading.Event | None = None) -> dict[str, int]:
    """Run passes until nothing is pending, or the next retry falls after `timeout` seconds from now.

    What is still pending then stays pending, for the daemon or the next run.
    """
    deadline = time.monotonic() + timeout
    total = _zero()
    while stop is None or not stop.is_set():
        for k, v in deliver_due(store, notify_cfg, stop=stop).items():
            total[k] += v
        nxt = store.next_pending_at()
        if nxt is None:
            break
        wait = nxt - time.time()
        if wait > deadline - time.monotonic():
            break
        if wait > 0:
            if stop is not None:
                stop.wait(wait)
            else:
                time.sleep(wait)
    return total


def requeue(store: Store, alert_id: str | None = None, channel: str | None = None,
            now: float | None = None) -> int:
    """Send failed deliveries again (after fixing a password, a secret or a URL). Returns how many."""
    return store.requeue_deliveries(time.time() if now is None else now, alert_id=alert_id, channel=channel)


def send_test(notify_cfg: NotifyConfig) -> list[tuple[str, bool, str]]:
    """Send a test alert through each configured channel now, outside the outbox.

    Returns (channel, ok, what happened or the exact error) per channel; [] when none is configured.
    """
    alert = probe_alert(time.time())
    results = []
    for name in channel_names(notify_cfg):
        channel = make_channel(name, notify_cfg)
        assert channel is not None
        try:
            results.append((name, True, channel.send(alert)))
        except NotifyError as e:
            results.append((name, False, str(e)))
        except Exception as e:  # noqa: BLE001 (report a surprise rather than hide the other channels' results)
            results.append((name, False, f"unexpected {type(e).__name__}: {e}"))
        finally:
            try:
                channel.close()
            except Exception:  # closing after a failure may fail too; the result above says what matters
                log.debug("closing %s failed", name, exc_info=True)
    return results


def alerts_table(store: Store, since: float | None = None) -> list[dict[str, Any]]:
    """Each alert (a store.alerts() row) with "deliveries": per channel its state, attempts and last error."""
    by_alert: dict[str, list[dict[str, Any]]] = {}
    for d in store.deliveries():
        by_alert.setdefault(d["alert_id"], []).append({
            "channel": d["channel"], "state": d["state"], "attempts": d["attempts"], "last_error": d["last_error"],
            "next_attempt_at": d["next_attempt_at"] if d["state"] == "pending" else None, "sent_at": d["sent_at"],
        })
    rows = []
    for alert in store.alerts(since):
        alert["deliveries"] = sorted(by_alert.get(alert["id"], []), key=lambda x: x["channel"])
        rows.append(alert)
    return rows
