"""Hold a new message against precedent and its season: pure functions, no I/O.

Treatment is read on ordered scales (DOMAIN.md): named > title only; full > partial > none
(text printed > quoted > withheld); a report of its own > a place in a list. A message whose
treatment moved on these scales against the counterpart's last message of the same channel
and direction is a *precedent* alert; two counterparts treated differently in one season is a
*contrast*; a counterpart seen for the first time is a *first_seen* note.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import date as date_t
from datetime import timedelta
from typing import Any, Callable

from monitor.config import CompareConfig
from monitor.dates import interval
from monitor.models import Alert, StoredEvent

CONTENT_RANK = {"none": 0, "partial": 1, "full": 2}
CONTENT_WORDS = {"none": "text withheld", "partial": "text quoted in part", "full": "text printed in full"}
OCCASION_WORDS = {
    "new_year": "New Year", "birthday": "birthday", "national_day": "national day", "anniversary": "anniversary",
    "election": "election", "congress": "congress", "condolence": "condolence", "other": "",
}
COUNTRY_NAMES = {
    "CN": "China", "RU": "Russia", "VN": "Vietnam", "LA": "Laos", "CU": "Cuba", "BY": "Belarus", "IR": "Iran",
    "SY": "Syria", "RS": "Serbia", "SG": "Singapore", "ID": "Indonesia", "DZ": "Algeria", "TJ": "Tajikistan",
    "TM": "Turkmenistan", "AZ": "Azerbaijan", "NI": "Nicaragua", "VE": "Venezuela", "MN": "Mongolia",
    "KH": "Cambodia", "KP": "North Korea", "US": "the United States", "KR": "South Korea", "JP": "Japan",
}


def country_name(code: str) -> str:
    return COUNTRY_NAMES.get(code, code)


@dataclass(frozen=True)
class Treatment:
    """A message's place on each scale; None where the reports do not tell."""

    named: int | None  # 1 named, 0 title only
    content: int | None  # 2 full, 1 partial, 0 none
    placement: int | None  # 2 a report of its own, 1 first in a list, 0 later in a list
    list_size: int | None
    list_position: int | None = None

    @classmethod
    def of(cls, e: StoredEvent) -> "Treatment":
        named = e.counterpart_named
        grouped = e.grouped_with
        if grouped is None:
            placement = None
        elif not grouped:
            placement = 2
        else:
            placement = 0 if (e.list_position or 1) > 1 else 1
        return cls(
            named=None if named is None else int(named),
            content=CONTENT_RANK.get(e.content_published or ""),
            placement=placement,
            list_size=None if grouped is None else len(grouped) + 1,
            list_position=e.list_position if grouped else None,
        )

    def as_dict(self) -> dict[str, Any]:
        return {"named": self.named, "content": self.content, "placement": self.placement,
                "list_size": self.list_size, "list_position": self.list_position}


@dataclass(frozen=True)
class Change:
    dimension: str  # named | content | placement
    before: str
    after: str
    delta: int  # > 0 warmer, < 0 cooler

    def as_dict(self) -> dict[str, Any]:
        return {"dimension": self.dimension, "from": self.before, "to": self.after, "delta": self.delta}


def _named_word(v: int) -> str:
    return "named" if v else "title only"


def _placement_word(v: int, size: int | None, position: int | None = None) -> str:
    if v == 2:
        return "a report of its own"
    if position and size:
        return f"{'first' if position == 1 else _ordinal(position)} of {size}"
    return f"one of {size}" if size else "one of a list"


def _ordinal(n: int) -> str:
    return f"{n}{'th' if 10 <= n % 100 <= 20 else {1: 'st', 2: 'nd', 3: 'rd'}.get(n % 10, 'th')}"


def changes(before: StoredEvent, after: StoredEvent) -> list[Change]:
    """How `after` moved against `before` on each scale both reports tell."""
    a, b = Treatment.of(before), Treatment.of(after)
    out = []
    if a.named is not None and b.named is not None and a.named != b.named:
        out.append(Change("named", _named_word(a.named), _named_word(b.named), b.named - a.named))
    if a.content is not None and b.content is not None and a.content != b.content:
        out.append(Change("content", before.content_published or "", after.content_published or "", b.content - a.content))
    if a.placement is not None and b.placement is not None and a.placement != b.placement:
        out.append(Change("placement", _placement_word(a.placement, a.list_size, a.list_position),
                          _placement_word(b.placement, b.list_size, b.list_position), b.placement - a.placement))
    return out


def direction_of(cs: list[Change]) -> str | None:
    if cs and all(c.delta < 0 for c in cs):
        return "cooling"
    if cs and all(c.delta > 0 for c in cs):
        return "warming"
    return None


def severity(n_dimensions: int, weight: float, cfg: CompareConfig, mixed: bool = False) -> str:
    """Grows with the number of scales that moved and the counterpart's weight; mixed moves are info."""
    if mixed:
        return "info"
    score = n_dimensions * weight
    if score >= cfg.high:
        return "high"
    if score >= cfg.medium:
        return "medium"
    if score >= cfg.low:
        return "low"
    return "info"


def occasion_class(occasion: str) -> str:
    return "condolence" if occasion == "condolence" else "ceremonial"


def alert_id(*parts: str) -> str:
    return hashlib.sha256("|".join(parts).encode()).hexdigest()[:16]


def is_news(e: StoredEvent, cfg: CompareConfig) -> bool:
    """A message reported long after it was sent is history: stored, compared later, not alerted."""
    published = e.source.get("published")
    if not published or not e.date:
        return True
    end = interval(e.date)[1]
    return (interval(published)[0] - end).days <= cfg.history_days


def _cite(e: StoredEvent) -> dict[str, Any]:
    return {
        "event_id": e.id, "date": e.date, "outlet": e.source.get("outlet"),
        "published": e.source.get("published"), "url": e.source.get("url"), "path": e.source.get("path"),
        "evidence": e.evidence, "kind": e.kind, "occasion": e.occasion,
        "treatment": _treatment_words(e),
    }


def _treatment_words(e: StoredEvent) -> dict[str, Any]:
    t = Treatment.of(e)
    return {
        "named": None if t.named is None else _named_word(t.named),
        "content": e.content_published,
        "placement": None if t.placement is None else _placement_word(t.placement, t.list_size, t.list_position),
    }


def _what(e: StoredEvent) -> str:
    occasion = OCCASION_WORDS.get(e.occasion, "")
    return f"{occasion} {e.kind}".strip()


def _headline(e: StoredEvent, cs: list[Change]) -> str:
    phrases = []
    for c in cs:
        if c.dimension == "named":
            phrases.append("reduced to a title" if c.delta < 0 else "named again")
        elif c.dimension == "content":
            phrases.append(CONTENT_WORDS.get(c.after, c.after))
        elif c.dimension == "placement":
            phrases.append(f"put in a list ({c.after})" if c.delta < 0 else f"moved up ({c.after})")
    what = _what(e)
    return f"{e.counterpart}: {what[0].upper() + what[1:] if what else 'Message'} {', '.join(phrases)}"


def _link(e: StoredEvent) -> str | None:
    return e.source.get("url") or e.source.get("path")


def _party(e: StoredEvent) -> str:
    if e.direction == "from_kp":
        return f"{e.sender}'s {_what(e)} to {country_name(e.counterpart)}"
    return f"{country_name(e.counterpart)}'s {_what(e)} to {e.recipient}"


def precedent_for(event: StoredEvent, prior: list[StoredEvent]) -> StoredEvent | None:
    """The precedent of the counterpart's usual treatment in the same channel, direction and class
    of occasion (see `typical`); `prior` is newest first."""
    cls = occasion_class(event.occasion)
    return typical([p for p in prior if occasion_class(p.occasion) == cls])


def _known(e: StoredEvent) -> int:
    t = Treatment.of(e)
    return sum(v is not None for v in (t.named, t.content, t.placement))


def compare(event: StoredEvent, prior: list[StoredEvent], window: list[StoredEvent] | Callable[[], list[StoredEvent]],
            seen_before: bool, cfg: CompareConfig) -> list[Alert]:
    """The alerts one new event raises. `prior`: the counterpart's earlier events of the same
    direction and channel, newest first; `window`: other counterparts' events of the same
    direction in the season (or a function that fetches them: only a cooling event needs them);
    `seen_before`: whether the counterpart was ever seen."""
    if callable(window):
        fetch_window = window
        window = _Lazy(fetch_window)  # type: ignore[assignment]
    if not is_news(event, cfg):
        return []
    alerts: list[Alert] = []
    weight = cfg.weights.get(event.counterpart, 1.0)
    if not seen_before:
        alerts.append(Alert(
            id=alert_id("first_seen", event.counterpart),
            severity="info", rule="first_seen", counterpart=event.counterpart, direction=None, date=event.date,
            subject=f"{event.counterpart}: first message seen ({_what(event)})",
            summary=f"First message seen with {country_name(event.counterpart)}: {_party(event)}"
                    f" ({event.date or 'date unknown'}). Nothing to compare it with yet.",
            evidence=event.evidence, precedent=None, event_id=event.id, link=_link(event),
            details={"observation": _cite(event)},
        ))
        return alerts
    precedent = precedent_for(event, prior)
    if precedent is not None:
        cs = changes(precedent, event)
        if cs:
            direction = direction_of(cs)
            sev = severity(len(cs), weight, cfg, mixed=direction is None)
            moved = "; ".join(f"{c.dimension}: {c.before} -> {c.after}" for c in cs)
            summary = (f"{_party(event)} ({event.date}, {event.source.get('outlet') or 'unknown outlet'}) departs from "
                       f"the precedent of {precedent.date} ({precedent.source.get('outlet') or 'unknown outlet'}): {moved}.")
            candidates = contrast_candidates(event, window, cfg) if direction == "cooling" else []
            contrast = candidates[0][0] if candidates else None
            if contrast is not None:
                summary += (f" In the same season {country_name(contrast.counterpart)}'s {_what(contrast)} of "
                            f"{contrast.date} was {_treatment_phrase(contrast)}.")
            alerts.append(Alert(
                id=alert_id("precedent", event.id), severity=sev, rule="precedent", counterpart=event.counterpart,
                direction=direction, date=event.date, subject=_headline(event, cs), summary=summary,
                evidence=event.evidence, precedent=_cite(precedent), event_id=event.id, link=_link(event),
                details={"observation": _cite(event), "changes": [c.as_dict() for c in cs], "weight": weight,
                         "contrast": _cite(contrast) if contrast else None},
            ))
            if direction == "cooling":
                alerts.extend(_contrasts(event, candidates, cfg, sev))
    return alerts


class _Lazy(list):  # type: ignore[type-arg]
    """A list filled on first use."""

    def __init__(self, fetch: Callable[[], list[StoredEvent]]):
        super().__init__()
        self._fetch: Callable[[], list[StoredEvent]] | None = fetch

    def __iter__(self):  # type: ignore[no-untyped-def]
        if self._fetch is not None:
            self.extend(self._fetch())
            self._fetch = None
        return super().__iter__()


def _treatment_phrase(e: StoredEvent) -> str:
    words = _treatment_words(e)
    parts = [w for w in (words["named"], CONTENT_WORDS.get(e.content_published or ""), words["placement"]) if w]
    return ", ".join(parts)


def _comparable(a: StoredEvent, b: StoredEvent, cfg: CompareConfig) -> bool:
    if a.counterpart == b.counterpart or a.direction != b.direction or not a.date or not b.date:
        return False
    if a.occasion != "other" and a.occasion == b.occasion:
        return True
    a0, a1 = interval(a.date)
    b0, b1 = interval(b.date)
    return abs((a0 - b0).days) <= cfg.window_days and occasion_class(a.occasion) == occasion_class(b.occasion)


def _better_by(worse: StoredEvent, better: StoredEvent) -> list[Change]:
    return [c for c in changes(worse, better) if c.delta > 0]


MAX_CONTRASTS = 3  # per cooling message: the counterparts it differs from most, heaviest first


def contrast_candidates(event: StoredEvent, window: list[StoredEvent], cfg: CompareConfig,
                        minimum: int = 1) -> list[tuple[StoredEvent, list[Change]]]:
    """Other counterparts' messages of the season treated better than `event`: each counterpart's
    latest comparable one, ordered by the scales it leads on, its weight, then its date."""
    latest: dict[str, StoredEvent] = {}
    for other in window:
        if _comparable(event, other, cfg):
            cur = latest.get(other.counterpart)
            if cur is None or (other.date or "") > (cur.date or ""):
                latest[other.counterpart] = other
    out = [(o, b) for o in latest.values() if len(b := _better_by(event, o)) >= minimum]
    out.sort(key=lambda ob: (len(ob[1]), cfg.weights.get(ob[0].counterpart, 1.0), ob[0].date or ""), reverse=True)
    return out


def _contrasts(event: StoredEvent, candidates: list[tuple[StoredEvent, list[Change]]], cfg: CompareConfig,
               sev: str) -> list[Alert]:
    """The event cooled; another counterpart in the same season was treated better on two scales or more."""
    out = []
    for other, better in [(o, b) for o, b in candidates if len(b) >= 2][:MAX_CONTRASTS]:
        pair = sorted([event.counterpart, other.counterpart])
        season = OCCASION_WORDS.get(event.occasion) or f"{cfg.window_days}-day window"
        dims = "; ".join(f"{c.dimension}: {other.counterpart} {c.after}, {event.counterpart} {c.before}" for c in better)
        out.append(Alert(
            id=alert_id("contrast", *sorted([event.id, other.id])), severity=sev, rule="contrast",
            counterpart=(event.counterpart, other.counterpart), direction="cooling", date=event.date,
            subject=f"{event.counterpart}/{other.counterpart}: {season} treatment differs: "
                    f"{other.counterpart} {_treatment_phrase(other)}; {event.counterpart} {_treatment_phrase(event)}",
            summary=(f"In the same {season} season, {_party(other)} ({other.date}) was {_treatment_phrase(other)}, "
                     f"while {_party(event)} ({event.date}) was {_treatment_phrase(event)}. {dims}."),
            evidence=event.evidence, precedent=_cite(other), event_id=event.id, link=_link(event),
            details={"observation": _cite(event), "contrast": _cite(other), "changes": [c.as_dict() for c in better],
                     "pair": pair},
        ))
    return out


RECURRING = ("new_year", "birthday", "national_day", "anniversary")


def _cycle(d: date_t, occasion: str) -> int:
    """The year an occasion belongs to: New Year cards of late December count for the year after."""
    return (d + timedelta(days=60)).year if occasion == "new_year" else d.year


def _calendar_absences(series: dict[tuple[str, str, str, str], list[StoredEvent]], as_of: date_t,
                       cfg: CompareConfig) -> list[Alert]:
    out = []
    for entry in cfg.calendar:
        counterpart, direction, channel, occasion = entry["counterpart"], entry["direction"], entry["channel"], entry["occasion"]
        expected = None
        for year in (as_of.year, as_of.year - 1):
            try:
                day = date_t(year, entry["month"], entry["day"])
            except ValueError:
                continue
            if day + timedelta(days=cfg.grace_days) <= as_of:
                expected = day
                break
        if expected is None:
            continue
        seen = [e for e in series.get((counterpart, direction, channel, occasion), []) if e.date]
        if any(abs((interval(e.date)[0] - expected).days) <= cfg.grace_days + 31 for e in seen if e.date):
            continue
        years = sorted({int(e.date[:4]) for e in seen if e.date})
        out.append(_missing(
            (counterpart, direction, channel, occasion), expected, _cycle(expected, occasion), as_of, years, cfg,
            f"{cfg.grace_days} days after {expected.isoformat()}, a date the calendar in config expects it on. "
            f"Past years seen: {', '.join(map(str, years)) or 'none'}.", None, calendar=True))
    return out


def _missing(key: tuple[str, str, str, str], expected: date_t, cycle: int, as_of: date_t, years: list[int],
             cfg: CompareConfig, why: str, last: StoredEvent | None, calendar: bool = False) -> Alert:
    """The alert for a recurring message not seen: `why` says what expected it."""
    counterpart, direction, channel, occasion = key
    what = f"{OCCASION_WORDS.get(occasion, occasion)} message"
    side = f"from Pyongyang to {country_name(counterpart)}" if direction == "from_kp" else \
        f"from {country_name(counterpart)} to Pyongyang"
    details: dict[str, Any] = {"expected": expected.isoformat(), "past_years": years, "as_of": as_of.isoformat(),
                               "occasion": occasion, "direction": direction}
    if calendar:
        details["calendar"] = True
    return Alert(
        id=alert_id("absence", counterpart, direction, channel, occasion, str(cycle)),
        severity=severity(2, cfg.weights.get(counterpart, 1.0), cfg), rule="absence", counterpart=counterpart,
        direction="cooling", date=expected.isoformat(), subject=f"{counterpart}: expected {what} missing",
        summary=f"Expected message missing: no {what} {side} seen by {as_of.isoformat()}, {why}",
        evidence=last.evidence if last else "", precedent=_cite(last) if last else None, event_id=None,
        link=_link(last) if last else None, details=details,
    )


REPLY_DAYS = 45  # a reply reported later than this after the message does not count as its reply


def _answered_by(e: StoredEvent, history: list[StoredEvent]) -> StoredEvent | None:
    """The reply reported to `e`: a message back from its recipient, marked a reply, within REPLY_DAYS."""
    if not e.date or len(e.date) != 10:
        return None
    day = date_t.fromisoformat(e.date)
    for r in history:
        if (r.reply and r.sender_country == e.recipient_country and r.recipient_country == e.sender_country
                and r.channel == e.channel and r.date and len(r.date) == 10
                and 0 <= (date_t.fromisoformat(r.date) - day).days <= REPLY_DAYS):
            return r
    return None


def _reply_absences(history: list[StoredEvent], as_of: date_t, cfg: CompareConfig) -> list[Alert]:
    """Reciprocity: a message of a kind that brought a reported reply every time before (twice or
    more) with none reported REPLY_DAYS after it."""
    out = []
    by_key: dict[tuple[str, str, str, str], list[StoredEvent]] = {}
    for e in history:
        if not e.reply and e.date and len(e.date) == 10:
            by_key.setdefault((e.counterpart, e.direction, e.channel, occasion_class(e.occasion)), []).append(e)
    for (counterpart, direction, channel, cls), events in sorted(by_key.items()):
        events.sort(key=lambda e: e.date or "")
        latest = events[-1]
        due = date_t.fromisoformat(latest.date or "") + timedelta(days=REPLY_DAYS)
        if due > as_of or _answered_by(latest, history) is not None:
            continue
        before = events[:-1]
        answered = [e for e in before if _answered_by(e, history) is not None]
        if len(answered) < cfg.absence_min_years or len(answered) < len(before):
            continue
        side = country_name(counterpart)
        asker = "Pyongyang" if direction == "from_kp" else side
        replier = side if direction == "from_kp" else "Pyongyang"
        out.append(Alert(
            id=alert_id("reply_missing", latest.id), severity=severity(2, cfg.weights.get(counterpart, 1.0), cfg),
            rule="absence", counterpart=counterpart, direction="cooling", date=latest.date,
            subject=f"{counterpart}: no reply reported to {asker}'s {_what(latest)}",
            summary=(f"Expected reply missing: {replier} answered each of {asker}'s last {len(answered)} messages of "
                     f"this kind with a reply that was reported, but none to the {_what(latest)} of {latest.date} "
                     f"was seen by {as_of.isoformat()} ({REPLY_DAYS} days)."),
            evidence=latest.evidence, precedent=_cite(answered[-1]), event_id=latest.id, link=_link(latest),
            details={"expected": "reply", "answered_before": [e.date for e in answered], "as_of": as_of.isoformat(),
                     "direction": direction, "occasion": latest.occasion},
        ))
    return out


def _cycle_of(value: str, occasion: str) -> int:
    if len(value) == 4:
        return int(value)
    day = date_t.fromisoformat(value if len(value) == 10 else value + "-15")
    return _cycle(day, occasion)


def absences(history: list[StoredEvent], as_of: date_t, cfg: CompareConfig) -> list[Alert]:
    """Recurring messages (the same counterpart, direction and occasion in `min_years` past years or
    more, or an entry of the calendar in config) with none seen by the end of the grace window
    after this year's expected date."""
    series: dict[tuple[str, str, str, str], list[StoredEvent]] = {}
    for e in history:
        if e.occasion in RECURRING and e.date:
            series.setdefault((e.counterpart, e.direction, e.channel, e.occasion), []).append(e)
    out = _calendar_absences(series, as_of, cfg) + _reply_absences(history, as_of, cfg)
    for (counterpart, direction, channel, occasion), events in sorted(series.items()):
        # a year alone ("exchanged messages in 2019") counts for its year; the day comes from full dates
        by_cycle = {_cycle_of(e.date, occasion): e for e in events if e.date}
        dated = [e for e in events if e.date and len(e.date) == 10]
        if len(by_cycle) < cfg.absence_min_years or not dated:
            continue
        last = max(dated, key=lambda e: e.date or "")
        last_day = date_t.fromisoformat(last.date or "")
        years = sorted(by_cycle)
        # anniversaries of relations are marked on round years: every 5 years when the past ones were
        gaps = [b - a for a, b in zip(years, years[1:])]
        period = 5 if gaps and all(g % 5 == 0 for g in gaps) else 1
        expected = None
        cycle = years[-1] + period
        while True:
            shift = 1 if occasion == "new_year" and last_day.month == 12 else 0
            try:
                day = last_day.replace(year=cycle - shift)
            except ValueError:  # 29 February
                day = last_day.replace(year=cycle - shift, day=28)
            if day + timedelta(days=cfg.grace_days) > as_of:
                break
            expected = day
            cycle += period
        if expected is None:
            continue
        cycle = _cycle(expected, occasion)
        if cycle in by_cycle:
            continue
        out.append(_missing(
            (counterpart, direction, channel, occasion), expected, cycle, as_of, years, cfg,
            f"{cfg.grace_days} days after its expected date {expected.isoformat()}. "
            f"Past years: {', '.join(str(y) for y in years)}.", last))
    return out


# --- the baseline: what each counterpart's treatment usually is, learned from a corpus --------------

WARM_WORDS = ("dear friend", "comrade", "alliance", "allied", "invincible", "forever", "brotherly",
              "comrade-in-arms", "close friend", "best friend", "blood")


def warm_words(text: str) -> list[str]:
    low = text.lower()
    return [w for w in WARM_WORDS if w in low]


def _key(e: StoredEvent) -> tuple[str, str, str, str]:
    return (e.counterpart, e.direction, e.channel, occasion_class(e.occasion))


def build_baseline(events: list[StoredEvent], sources: list[str], built_at: str, keep: int = 20) -> dict[str, Any]:
    """Per counterpart, direction, channel and class of occasion: how often the counterpart was
    named, how much text was printed, where it stood, replies, the lag from message to report, the
    warm words quoted; and the latest messages themselves, as precedents to cite."""
    groups: dict[tuple[str, str, str, str], list[StoredEvent]] = {}
    for e in events:
        groups.setdefault(_key(e), []).append(e)
    out: dict[str, Any] = {"version": 1, "built_at": built_at, "sources": sources, "groups": []}
    for (counterpart, direction, channel, cls), es in sorted(groups.items()):
        es.sort(key=lambda e: e.date or "")
        ts = [Treatment.of(e) for e in es]
        lags = []
        for e in es:
            if e.date and len(e.date) == 10 and e.source.get("published"):
                lags.append((date_t.fromisoformat(e.source["published"]) - date_t.fromisoformat(e.date)).days)
        warm: dict[str, int] = {}
        for e in es:
            for w in warm_words(e.evidence):
                warm[w] = warm.get(w, 0) + 1
        out["groups"].append({
            "counterpart": counterpart, "direction": direction, "channel": channel, "occasion_class": cls,
            "messages": len(es), "first": es[0].date, "last": es[-1].date,
            "named": _tally(t.named for t in ts), "content": _tally(e.content_published for e in es),
            "placement": _tally({2: "own", 1: "first in list", 0: "later in list", None: None}[t.placement] for t in ts),
            "replies": sum(e.reply for e in es),
            "reply_reported": sum(1 for e in es if not e.reply and _answered_by(e, events) is not None),
            "lag_days_median": sorted(lags)[len(lags) // 2] if lags else None,
            "warm_words": warm,
            "precedents": [e.as_dict() for e in es[-keep:]],
        })
    return out


def _tally(values: Any) -> dict[str, int]:
    out: dict[str, int] = {}
    for v in values:
        key = "unknown" if v is None else ({1: "named", 0: "title only"}.get(v, str(v)) if isinstance(v, int) else str(v))
        out[key] = out.get(key, 0) + 1
    return out


def baseline_events(baseline: dict[str, Any] | None) -> list[StoredEvent]:
    """The precedents a baseline holds, as events the comparator can cite."""
    if not baseline:
        return []
    out = []
    for g in baseline.get("groups", []):
        for d in g.get("precedents", []):
            d = dict(d)
            d["grouped_with"] = tuple(d["grouped_with"]) if d.get("grouped_with") is not None else None
            out.append(StoredEvent(**d))
    return out


def typical(prior: list[StoredEvent]) -> StoredEvent | None:
    """The precedent that shows the usual treatment: the latest earlier message that agrees with the
    most common value on every scale it tells (the latest of all when none does)."""
    if not prior:
        return None
    ts = [Treatment.of(p) for p in prior]
    modes = {}
    for dim in ("named", "content", "placement"):
        values = [getattr(t, dim) for t in ts if getattr(t, dim) is not None]
        if values:
            # most common; on a tie the latest (prior is newest first)
            modes[dim] = max(dict.fromkeys(values), key=lambda v: values.count(v))
    for p, t in zip(prior, ts):
        if all(getattr(t, d) in (None, v) for d, v in modes.items()) and _known(p) >= 2:
            return p
    return next((p for p in prior if _known(p) >= 2), None)
