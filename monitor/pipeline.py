"""extract → store → compare → outbox, for one document, in one transaction."""

from __future__ import annotations

import hashlib
import json
import logging
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from pathlib import Path

from monitor import compare as cmp
from monitor import dates as dt
from monitor.config import Config, NotifyConfig
from monitor.errors import ConfigError
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
    start = end = None
    if when:
        lo, hi = dt.interval(when)
        start, end = (lo - timedelta(days=8)).isoformat(), (hi + timedelta(days=8)).isoformat()
    for row in store.events_between(msg.sender_country, msg.recipient_country, start, end):
        if row["channel"] != msg.channel or _different_people(row, msg):
            continue
        occasions = {row["occasion"], msg.occasion}
        if len(occasions) > 1 and "other" not in occasions:
            continue
        if dt.within(row["date"], when, 7):
            return row
    return None


def _different_people(row: dict, msg: Message) -> bool:
    """Two leaders the gazetteer knows, not the same: two messages (Putin's and Mishustin's)."""
    from monitor.extract import gazetteer

    people = gazetteer().people
    return any(a in people and b in people and a != b
               for a, b in ((row["sender"], msg.sender), (row["recipient"], msg.recipient)))


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


def baseline_path(config: Config, state_dir: Path | None = None) -> Path:
    if config.compare.baseline:
        p = Path(config.compare.baseline)
        return p if p.is_absolute() else (config.path.parent if config.path else Path.cwd()) / p
    return Path(state_dir or config.state_dir) / "baseline.json"


_BASELINES: dict[Path, tuple[float, list[StoredEvent]]] = {}


def baseline_events(path: Path) -> list[StoredEvent]:
    """The precedents of the baseline file (read again when it changes); [] when there is none."""
    try:
        mtime = path.stat().st_mtime
    except FileNotFoundError:
        return []
    cached = _BASELINES.get(path)
    if cached and cached[0] == mtime:
        return cached[1]
    try:
        events = cmp.baseline_events(json.loads(path.read_text("utf-8")))
    except (ValueError, TypeError, KeyError) as e:
        raise ConfigError(f"{path}: is not a baseline file ({e}); rebuild it with `monitor baseline build`") from None
    _BASELINES[path] = (mtime, events)
    return events


def alerts_for(store: Store, eid: str, config: Config) -> list[Alert]:
    """Gather what the comparator needs (the baseline, the history stored since if the mode is
    rolling, the season's other messages), and ask it."""
    row = store.event(eid)
    assert row is not None
    event = StoredEvent.from_row(row)
    before = dt.sort_key(event.date) if event.date else "9999"
    learned = baseline_events(baseline_path(config, store.dir))
    base = [e for e in learned
            if (e.counterpart, e.direction, e.channel) == (event.counterpart, event.direction, event.channel)
            and e.date and dt.sort_key(e.date) < before]
    prior = list(base)
    if config.compare.mode == "rolling" or not base:
        prior += [StoredEvent.from_row(r) for r in
                  store.prior_events(event.counterpart, event.direction, event.channel, before, exclude=eid)]
    seen_ids = set()
    prior = [p for p in sorted(prior, key=lambda e: dt.sort_key(e.date), reverse=True)
             if not (p.id in seen_ids or seen_ids.add(p.id))]

    def window() -> list[StoredEvent]:
        if not event.date:
            return []
        start, end = dt.interval(event.date)
        days = timedelta(days=config.compare.window_days)
        return [StoredEvent.from_row(r) for r in
                store.window_events(event.direction, (start - days).isoformat(), (end + days).isoformat(), exclude=eid,
                                    channel=event.channel, condolence=event.occasion == "condolence",
                                    not_counterpart=event.counterpart, latest_per_counterpart=True)]

    seen = bool(base) or store.counterpart_seen(event.counterpart, exclude=eid) or any(
        e.counterpart == event.counterpart for e in learned)
    return cmp.compare(event, prior, window, seen, config.compare)


def build_baseline(paths: list[str | Path], config: Config, out: Path) -> dict:
    """`monitor baseline build`: replay a corpus into a scratch store, learn the baseline, write it."""
    import tempfile
    from datetime import datetime, timezone

    from monitor.documents import read_documents

    docs = read_documents(paths)
    docs.sort(key=lambda d: (d.source.published or "9999", d.source.path or d.source.url or ""))
    with tempfile.TemporaryDirectory(prefix="monitor-baseline-") as tmp:
        scratch = replace(config, notify=NotifyConfig(), compare=replace(config.compare, baseline=str(Path(tmp) / "none.json")))
        with Store(tmp) as store:
            for doc in docs:
                process(doc, store, scratch)
            events = [StoredEvent.from_row(r) for r in store.all_events()]
    baseline = cmp.build_baseline(events, [str(p) for p in paths], datetime.now(timezone.utc).isoformat(timespec="seconds"))
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp_out = out.with_suffix(".tmp")
    tmp_out.write_text(json.dumps(baseline, indent=1, ensure_ascii=False) + "\n", "utf-8")
    tmp_out.replace(out)
    return baseline


def absences(store: Store, config: Config, as_of: date) -> list[Alert]:
    """Run the absence checks as of a date; store the alerts that are new (and their deliveries)."""
    history = [StoredEvent.from_row(r) for r in store.all_events()]
    known = {e.id for e in history}
    history += [e for e in baseline_events(baseline_path(config, store.dir)) if e.id not in known]
    raised = []
    with store.transaction():
        for alert in cmp.absences(history, as_of, config.compare):
            if store.add_alert(alert, channel_names(config.notify, alert.severity)):
                raised.append(alert)
    return raised
