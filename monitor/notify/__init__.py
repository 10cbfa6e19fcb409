"""Delivery of alerts: email, signed webhooks and Apprise URLs, through a durable outbox.

    channel_names(cfg)            which channels are configured (one pending delivery each per alert)
    deliver_due(store, cfg)       one pass over the due deliveries
    deliver_until(store, cfg, t)  passes until nothing is pending or t seconds are up
    send_test(cfg)                `monitor notify test`
    alerts_table(store)           `monitor alerts`: each alert with each channel's state
    requeue(store)                failed deliveries back to pending, e.g. after fixing a secret
"""

from monitor.notify.base import Channel, DeliveryError
from monitor.notify.outbox import (
    alerts_table,
    backoff,
    channel_names,
    deliver_due,
    deliver_until,
    make_channel,
    requeue,
    send_test,
)
from monitor.notify.render import render_html, render_subject, render_text
from monitor.notify.webhook import SCHEMA, SIGNATURE_HEADER, sign, slack_payload, verify, webhook_payload

__all__ = [
    "SCHEMA", "SIGNATURE_HEADER", "Channel", "DeliveryError", "alerts_table", "backoff", "channel_names",
    "deliver_due", "deliver_until", "make_channel", "render_html", "render_subject", "render_text", "requeue",
    "send_test", "sign", "slack_payload", "verify", "webhook_payload",
]
