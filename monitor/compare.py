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
from typing import Any

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

    named: int | None
    content: int | None
    placement: int | None  # 1: a report of its own, 0: one of a list
    list_size: int | None

    @classmethod
    def of(cls, e: StoredEvent) -> "Treatment":
        named = e.counterpart_named
        grouped = e.grouped_with
        return cls(
            named=None if named is None else int(named),
            content=CONTENT_RANK.get(e.content_published or ""),
            placement=None if grouped is None else int(not grouped),
            list_size=None if grouped is None else len(grouped) + 1,
        )

    def as_dict(self) -> dict[str, Any]:
        return {"named": self.named, "content": self.content, "placement": self.placement, "list_size": self.list_size}


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


def _placement_word(v: int, size: int | None) -> str:
    return "a report of its own" if v else (f"one of {size}" if size else "one of a list")


def changes(before: StoredEvent, after: StoredEvent) -> list[Change]:
    """How `after` moved against `before` on each scale both reports tell."""
    a, b = Treatment.of(before), Treatment.of(after)
    out = []
    if a.named is not None and b.named is not None and a.named != b.named:
        out.append(Change("named", _named_word(a.named), _named_word(b.named), b.named - a.named))
    if a.content is not None and b.content is not None and a.content != b.content:
        out.append(Change("content", before.content_published or "", after.content_published or "", b.content - a.content))
    if a.placement is not None and b.placement is not None and a.placement != b.placement:
        out.append(Change("placement", _placement_word(a.placement, a.list_size),
                          _placement_word(b.placement, b.list_size), b.placement - a.placement))
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
        "placement": None if t.placement is None else _placement_word(t.placement, t.list_size),
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
            phrases.append(f"put in a list ({c.after})" if c.delta < 0 else "given a report of its own")
    what = _what(e)
    return f"{e.counterpart}: {what[0].upper() + what[1:] if what else 'Message'} {', '.join(phrases)}"


def _link(e: StoredEvent) -> str | None:
    return e.source.get("url") or e.source.get("path")


def _party(e: StoredEvent) -> str:
    if e.direction == "from_kp":
        return f"{e.sender}'s {_what(e)} to {country_name(e.counterpart)}"
    return f"{country_name(e.counterpart)}'s {_what(e)} to {e.recipient}"


def precedent_for(event: StoredEvent, prior: list[StoredEvent]) -> StoredEvent | None:
    """The counterpart's latest earlier message of the same channel, direction and class of occasion."""
    cls = occasion_class(event.occasion)
    for p in prior:  # newest first
        if occasion_class(p.occasion) == cls and _known(p) >= 2:
            return p
    return None


def _known(e: StoredEvent) -> int:
    t = Treatment.of(e)
    return sum(v is not None for v in (t.named, t.content, t.placement))


def compare(event: StoredEvent, prior: list[StoredEvent], window: list[StoredEvent], seen_before: bool,
            cfg: CompareConfig) -> list[Alert]:
    """The alerts one new event raises. `prior`: the counterpart's earlier events of the same
    direction and channel, newest first; `window`: other counterparts' events of the same
    direction in the season; `seen_before`: whether the counterpart was ever seen."""
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
    cooled: list[Change] = []
    if precedent is not None:
        cs = changes(precedent, event)
        if cs:
            direction = direction_of(cs)
            sev = severity(len(cs), weight, cfg, mixed=direction is None)
            moved = "; ".join(f"{c.dimension}: {c.before} -> {c.after}" for c in cs)
            summary = (f"{_party(event)} ({event.date}, {event.source.get('outlet') or 'unknown outlet'}) departs from "
                       f"the precedent of {precedent.date} ({precedent.source.get('outlet') or 'unknown outlet'}): {moved}.")
            contrast = _best_contrast(event, window, cfg) if direction == "cooling" else None
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
                cooled = cs
    if cooled:
        alerts.extend(_contrasts(event, window, cfg, alerts[-1].severity))
    return alerts


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


def _best_contrast(event: StoredEvent, window: list[StoredEvent], cfg: CompareConfig) -> StoredEvent | None:
    best, best_n = None, 1
    for other in window:
        if not _comparable(event, other, cfg):
            continue
        n = len(_better_by(event, other))
        if n > best_n or (n == best_n and best is not None and cfg.weights.get(other.counterpart, 1.0) > cfg.weights.get(best.counterpart, 1.0)):
            best, best_n = other, n
    return best


def _contrasts(event: StoredEvent, window: list[StoredEvent], cfg: CompareConfig, sev: str) -> list[Alert]:
    """The event cooled; another counterpart in the same season was treated better on two scales or more."""
    out = []
    for other in window:
        if not _comparable(event, other, cfg):
            continue
        better = _better_by(event, other)
        if len(better) < 2:
            continue
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


def _cycle_of(value: str, occasion: str) -> int:
    if len(value) == 4:
        return int(value)
    day = date_t.fromisoformat(value if len(value) == 10 else value + "-15")
    return _cycle(day, occasion)


def absences(history: list[StoredEvent], as_of: date_t, cfg: CompareConfig) -> list[Alert]:
    """Recurring messages (the same counterpart, direction and occasion in `min_years` past years or
    more) with none seen by the end of the grace window after this year's expected date."""
    series: dict[tuple[str, str, str, str], list[StoredEvent]] = {}
    for e in history:
        if e.occasion in RECURRING and e.date:
            series.setdefault((e.counterpart, e.direction, e.channel, e.occasion), []).append(e)
    out = []
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
        what = f"{OCCASION_WORDS.get(occasion, occasion)} message"
        side = f"from Pyongyang to {country_name(counterpart)}" if direction == "from_kp" else \
            f"from {country_name(counterpart)} to Pyongyang"
        out.append(Alert(
            id=alert_id("absence", counterpart, direction, channel, occasion, str(cycle)),
            severity=severity(2, cfg.weights.get(counterpart, 1.0), cfg), rule="absence", counterpart=counterpart,
            direction="cooling", date=expected.isoformat(),
            subject=f"{counterpart}: expected {what} missing",
            summary=(f"Expected message missing: no {what} {side} seen by {as_of.isoformat()}, "
                     f"{cfg.grace_days} days after its expected date {expected.isoformat()}. "
                     f"Past years: {', '.join(str(y) for y in years)}."),
            evidence=last.evidence, precedent=_cite(last), event_id=None, link=_link(last),
            details={"expected": expected.isoformat(), "past_years": years, "as_of": as_of.isoformat(),
                     "occasion": occasion, "direction": direction},
        ))
    return out
