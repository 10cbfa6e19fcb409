"""Plain records that flow between the pipeline stages."""

from __future__ import annotations

import dataclasses
import json
from dataclasses import dataclass, field
from datetime import date
from typing import Any

KP = "KP"

KINDS = ("card", "letter", "telegram", "message", "greetings")
OCCASIONS = (
    "new_year", "birthday", "national_day", "anniversary", "election",
    "congress", "condolence", "other",
)
SEVERITIES = ("info", "low", "medium", "high")


@dataclass(frozen=True)
class Source:
    """Where a document came from."""

    path: str | None = None
    url: str | None = None
    outlet: str | None = None
    published: str | None = None  # ISO date or None

    def as_dict(self) -> dict[str, Any]:
        d: dict[str, Any] = {}
        if self.url:
            d["url"] = self.url
        if self.path:
            d["path"] = self.path
        d["outlet"] = self.outlet
        d["published"] = self.published
        return d


@dataclass(frozen=True)
class Document:
    """One article: its metadata and its main text (HTML already reduced to text)."""

    source: Source
    title: str | None
    text: str

    @property
    def published_date(self) -> date | None:
        return date.fromisoformat(self.source.published) if self.source.published else None


@dataclass(frozen=True)
class Message:
    """One leader-to-leader message and how the report treated it."""

    sender: str
    sender_country: str
    recipient: str
    recipient_country: str
    kind: str
    reply: bool
    occasion: str
    date: str | None  # ISO date, or reduced precision "2024-12" / "2019"
    recipient_named: bool | None
    sender_named: bool | None
    content_published: str | None  # full | partial | none | None
    grouped_with: tuple[str, ...] | None
    evidence: str
    source: Source
    channel: str = "state"  # state (leaders) | party (party organs and chiefs)
    list_position: int | None = None  # 1 for the first country of a list; None for a report of its own

    @property
    def counterpart(self) -> str:
        """The foreign side: the country whose treatment is being read."""
        return self.recipient_country if self.sender_country == KP else self.sender_country

    @property
    def direction(self) -> str:
        return "from_kp" if self.sender_country == KP else "to_kp"

    @property
    def counterpart_named(self) -> bool | None:
        return self.recipient_named if self.sender_country == KP else self.sender_named

    def as_dict(self) -> dict[str, Any]:
        return {
            "sender": self.sender,
            "sender_country": self.sender_country,
            "recipient": self.recipient,
            "recipient_country": self.recipient_country,
            "kind": self.kind,
            "reply": self.reply,
            "occasion": self.occasion,
            "date": self.date,
            "recipient_named": self.recipient_named,
            "sender_named": self.sender_named,
            "content_published": self.content_published,
            "grouped_with": list(self.grouped_with) if self.grouped_with is not None else None,
            "list_position": self.list_position,
            "evidence": self.evidence,
            "source": self.source.as_dict(),
        }

    def replace(self, **changes: Any) -> "Message":
        return dataclasses.replace(self, **changes)


@dataclass(frozen=True)
class Event:
    """A message as stored: one row however many reports carried it."""

    id: str
    message: Message
    sources: tuple[Source, ...] = field(default_factory=tuple)


@dataclass(frozen=True)
class Alert:
    """Something an analyst should look at, with the evidence to check it."""

    id: str
    severity: str
    rule: str  # precedent | contrast | absence | first_seen
    counterpart: str | tuple[str, ...]
    direction: str | None  # cooling | warming | None
    date: str | None
    summary: str
    evidence: str
    precedent: dict[str, Any] | None
    event_id: str | None = None
    subject: str = ""
    link: str | None = None
    details: dict[str, Any] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "severity": self.severity,
            "rule": self.rule,
            "counterpart": list(self.counterpart) if isinstance(self.counterpart, tuple) else self.counterpart,
            "direction": self.direction,
            "date": self.date,
            "subject": self.subject,
            "summary": self.summary,
            "evidence": self.evidence,
            "link": self.link,
            "precedent": self.precedent,
            "event_id": self.event_id,
            "details": self.details,
        }


def severity_rank(severity: str) -> int:
    return SEVERITIES.index(severity)


@dataclass(frozen=True)
class StoredEvent:
    """An event as the comparator sees it: the merged treatment of every report of one message."""

    id: str
    sender: str
    sender_country: str
    recipient: str
    recipient_country: str
    counterpart: str
    direction: str
    channel: str
    kind: str
    reply: bool
    occasion: str
    date: str | None
    recipient_named: bool | None
    sender_named: bool | None
    content_published: str | None
    grouped_with: tuple[str, ...] | None
    evidence: str
    source: dict[str, Any]
    list_position: int | None = None
    n_sources: int = 1

    @property
    def counterpart_named(self) -> bool | None:
        return self.recipient_named if self.direction == "from_kp" else self.sender_named

    @classmethod
    def from_row(cls, row: dict[str, Any]) -> "StoredEvent":

        def b(v: Any) -> bool | None:
            return None if v is None else bool(v)

        grouped = json.loads(row["grouped_with"]) if row.get("grouped_with") else None
        return cls(
            id=row["id"], sender=row["sender"], sender_country=row["sender_country"], recipient=row["recipient"],
            recipient_country=row["recipient_country"], counterpart=row["counterpart"], direction=row["direction"],
            channel=row["channel"], kind=row["kind"], reply=bool(row["reply"]), occasion=row["occasion"],
            date=row["date"], recipient_named=b(row["recipient_named"]), sender_named=b(row["sender_named"]),
            content_published=row["content_published"],
            grouped_with=tuple(grouped) if grouped is not None else None, evidence=row["evidence"],
            source=json.loads(row["first_source"]) if row.get("first_source") else {},
            list_position=row.get("list_position"), n_sources=row.get("n_sources") or 1,
        )

    def as_dict(self) -> dict[str, Any]:
        d = dataclasses.asdict(self)
        d["grouped_with"] = list(self.grouped_with) if self.grouped_with is not None else None
        return d
