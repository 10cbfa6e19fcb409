"""extract → store → compare → outbox, for one document, in one transaction."""

from __future__ import annotations

import hashlib
import logging
from dataclasses import dataclass, field
from datetime import date, timedelta

from monitor import compare as cmp
from monitor import dates as dt
from monitor.config import Config
from monitor.extract import extract
from monitor.models import Alert, Document, Message, StoredEvent
from monitor.notify import channel_names
from monitor.store import Store

log = logging.getLogger(__name__)

CONTENT_ORDER = {None: -1, "none": 0, "partial": 1, "full": 2}


@dataclass
class Outcome:
    """What one document added: new events, events it corroborated, and the alerts raised."""

    article_id: str | None = None
    new_article: bool = False
    messages: list[Message] = field(default_factory=list)
    new_events: list[str] = field(default_factory=list)
    corroborated: list[str] = field(default_factory=list)
    alerts: list[Alert] = field(default_factory=list)


def event_id(msg: Message) -> str:
    key = f"{msg.sender_country}>{msg.recipient_country}|{msg.channel}|{msg.occasion}|{msg.date}|{msg.kind}"
    return hashlib.sha256(key.encode()).hexdigest()[:16]


def find_event(store: Store, msg: Message) -> dict | None:
    """The stored event this message is another report of: same pair, compatible occasion, dates within 7 days."""
    when = msg.date or msg.source.published
    for row in store.events_between(msg.sender_country, msg.recipient_country):
        if row["channel"] != msg.channel:
            continue
        occasions = {row["occasion"], msg.occasion}
        if len(occasions) > 1 and "other" not in occasions:
            continue
        if dt.within(row["date"], when, 7):
            return row
    return None


def merged(row: dict, msg: Message) -> Message:
    """The treatment all reports of one message support: a title-only report wins over a named one
    (state media chose the title), the fullest text wins, a list wins over a report of its own."""
    old = StoredEvent.from_row(row)

    def named(a: bool | None, b: bool | None) -> bool | None:
        if False in (a, b):
            return False
        return True if True in (a, b) else None

    content = max(old.content_published, msg.content_published, key=lambda v: CONTENT_ORDER[v])
    groups = [g for g in (old.grouped_with, msg.grouped_with) if g is not None]
    grouped = tuple(sorted(set().union(*groups))) if groups else None
    return msg.replace(
        sender=old.sender, recipient=old.recipient, kind=old.kind if old.kind != "message" else msg.kind,
        reply=old.reply or msg.reply, occasion=old.occasion if old.occasion != "other" else msg.occasion,
        date=_better_date(old.date, old.date == old.source.get("published"), msg.date, msg.date == msg.source.published),
        recipient_named=named(old.recipient_named, msg.recipient_named),
        sender_named=named(old.sender_named, msg.sender_named),
        content_published=content, grouped_with=grouped, evidence=old.evidence,
    )


def _better_date(old: str | None, old_defaulted: bool, new: str | None, new_defaulted: bool) -> str | None:
    """A date the text states beats one taken from the publication date; then the more precise one."""
    if not old or not new:
        return old or new
    if old_defaulted != new_defaulted:
        return new if old_defaulted else old
    return old if len(old) >= len(new) else new


def process(doc: Document, store: Store, config: Config) -> Outcome:
    """Run one document through the pipeline. A document already stored adds nothing."""
    out = Outcome()
    with store.transaction():
        out.article_id, out.new_article = store.add_article(doc.source, doc.title, doc.text)
        if not out.new_article:
            return out
        out.messages = extract(doc)
        for msg in sorted(out.messages, key=lambda m: dt.sort_key(m.date)):
            row = find_event(store, msg)
            if row is not None:
                if store.add_event_source(row["id"], out.article_id, msg):
                    store.update_event(row["id"], merged(row, msg))
                    out.corroborated.append(row["id"])
                continue
            eid = event_id(msg)
            while store.event(eid) is not None:
                eid = hashlib.sha256(eid.encode()).hexdigest()[:16]
            store.add_event(eid, msg, out.article_id)
            out.new_events.append(eid)
            for alert in alerts_for(store, eid, config):
                if store.add_alert(alert, channel_names(config.notify, alert.severity)):
                    out.alerts.append(alert)
    return out


def alerts_for(store: Store, eid: str, config: Config) -> list[Alert]:
    """Gather the history the comparator needs from the store, and ask it."""
    row = store.event(eid)
    assert row is not None
    event = StoredEvent.from_row(row)
    before = dt.sort_key(event.date) if event.date else "9999"
    prior = [StoredEvent.from_row(r) for r in
             store.prior_events(event.counterpart, event.direction, event.channel, before, exclude=eid)]
    window: list[StoredEvent] = []
    if event.date:
        start, end = dt.interval(event.date)
        days = timedelta(days=max(config.compare.window_days, 45))
        window = [StoredEvent.from_row(r) for r in
                  store.window_events(event.direction, (start - days).isoformat(), (end + days).isoformat(), exclude=eid)
                  if r["channel"] == event.channel]
    seen = store.counterpart_seen(event.counterpart, exclude=eid)
    return cmp.compare(event, prior, window, seen, config.compare)




def absences(store: Store, config: Config, as_of: date) -> list[Alert]:
    """Run the absence checks as of a date; store the alerts that are new (and their deliveries)."""
    history = [StoredEvent.from_row(r) for r in store.all_events()]
    raised = []
    with store.transaction():
        for alert in cmp.absences(history, as_of, config.compare):
            if store.add_alert(alert, channel_names(config.notify, alert.severity)):
                raised.append(alert)
    return raised
