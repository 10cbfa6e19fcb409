"""All SQL lives here: articles, events and their sources, alerts and their deliveries, source state."""

from __future__ import annotations

import contextlib
import hashlib
import json
import sqlite3
import time
from pathlib import Path
from typing import Any, Iterator

import sqlite_utils

from monitor.models import Alert, Message, Source

DB_NAME = "monitor.db"


def _migration_1(db: sqlite_utils.Database) -> None:
    db.executescript(
        """
        CREATE TABLE articles (
            id TEXT PRIMARY KEY, url TEXT, path TEXT, outlet TEXT, published TEXT, title TEXT,
            content_hash TEXT NOT NULL UNIQUE, stored_at REAL NOT NULL
        );
        CREATE UNIQUE INDEX articles_url ON articles(url) WHERE url IS NOT NULL;
        CREATE TABLE events (
            id TEXT PRIMARY KEY, sender TEXT, sender_country TEXT NOT NULL, recipient TEXT,
            recipient_country TEXT NOT NULL, counterpart TEXT NOT NULL, direction TEXT NOT NULL,
            channel TEXT NOT NULL, kind TEXT, reply INTEGER, occasion TEXT, date TEXT,
            recipient_named INTEGER, sender_named INTEGER, content_published TEXT,
            grouped_with TEXT, evidence TEXT, first_source TEXT, n_sources INTEGER NOT NULL DEFAULT 1,
            stored_at REAL NOT NULL
        );
        CREATE INDEX events_counterpart ON events(counterpart, direction, channel, date);
        CREATE INDEX events_pair ON events(sender_country, recipient_country);
        CREATE INDEX events_window ON events(direction, date);
        CREATE TABLE event_sources (
            event_id TEXT NOT NULL REFERENCES events(id), article_id TEXT NOT NULL,
            url TEXT, path TEXT, outlet TEXT, published TEXT, evidence TEXT, claims TEXT,
            PRIMARY KEY (event_id, article_id)
        );
        CREATE TABLE alerts (
            id TEXT PRIMARY KEY, severity TEXT NOT NULL, rule TEXT NOT NULL, counterpart TEXT,
            direction TEXT, date TEXT, subject TEXT, summary TEXT, evidence TEXT, link TEXT,
            precedent TEXT, event_id TEXT, details TEXT, created_at REAL NOT NULL
        );
        CREATE TABLE deliveries (
            alert_id TEXT NOT NULL REFERENCES alerts(id), channel TEXT NOT NULL,
            state TEXT NOT NULL DEFAULT 'pending', attempts INTEGER NOT NULL DEFAULT 0,
            last_error TEXT, next_attempt_at REAL NOT NULL, created_at REAL NOT NULL, sent_at REAL,
            PRIMARY KEY (alert_id, channel)
        );
        CREATE INDEX deliveries_due ON deliveries(state, next_attempt_at);
        CREATE TABLE source_state (
            name TEXT PRIMARY KEY, url TEXT, etag TEXT, last_modified TEXT, last_fetch REAL,
            last_status INTEGER, items_new INTEGER DEFAULT 0, items_seen INTEGER DEFAULT 0,
            last_error TEXT, failures INTEGER NOT NULL DEFAULT 0, gone_count INTEGER NOT NULL DEFAULT 0,
            dead INTEGER NOT NULL DEFAULT 0, next_fetch_at REAL
        );
        CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT);
        """
    )


def _migration_2_seen_urls(db: sqlite_utils.Database) -> None:
    # entry URLs fetch has handed over, so a link is followed once even when its article
    # turned out to duplicate another one by content and was not stored under this URL
    # one statement through execute(): executescript() would COMMIT the migration's transaction
    db.execute("CREATE TABLE seen_urls (url TEXT PRIMARY KEY, source TEXT, first_seen REAL NOT NULL)")


def _migration_3_list_position(db: sqlite_utils.Database) -> None:
    db.execute("ALTER TABLE events ADD COLUMN list_position INTEGER")


def _migration_4_window_index(db: sqlite_utils.Database) -> None:
    db.execute("CREATE INDEX events_season ON events(direction, channel, date)")
    db.execute("CREATE INDEX events_pair_date ON events(sender_country, recipient_country, date)")


MIGRATIONS = [("0001_initial", _migration_1), ("0002_seen_urls", _migration_2_seen_urls),
              ("0003_list_position", _migration_3_list_position), ("0004_window_index", _migration_4_window_index)]


def _j(value: Any) -> str | None:
    return None if value is None else json.dumps(value, ensure_ascii=False, sort_keys=True)


def _b(value: bool | None) -> int | None:
    return None if value is None else int(value)


def content_hash(text: str) -> str:
    return hashlib.sha256(" ".join(text.split()).encode("utf-8")).hexdigest()


class Store:
    """The SQLite database in the state directory."""

    def __init__(self, state_dir: str | Path):
        self.dir = Path(state_dir)
        self.dir.mkdir(parents=True, exist_ok=True)
        self.path = self.dir / DB_NAME
        conn = sqlite3.connect(self.path, timeout=30, isolation_level=None, check_same_thread=False)
        self.db = sqlite_utils.Database(conn)
        self.db.execute("PRAGMA journal_mode=WAL")
        self.db.execute("PRAGMA synchronous=NORMAL")
        self.db.execute("PRAGMA busy_timeout=30000")
        self._migrate()

    def close(self) -> None:
        self.db.conn.close()

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextlib.contextmanager
    def transaction(self) -> Iterator[None]:
        """One write transaction: all of it is committed, or none of it."""
        conn = self.db.conn
        if conn.in_transaction:
            yield
            return
        conn.execute("BEGIN IMMEDIATE")
        try:
            yield
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        else:
            conn.execute("COMMIT")

    def _migrate(self) -> None:
        with self.transaction():
            self.db.execute("CREATE TABLE IF NOT EXISTS migrations (name TEXT PRIMARY KEY, applied_at REAL)")
            done = {r[0] for r in self.db.execute("SELECT name FROM migrations").fetchall()}
            for name, fn in MIGRATIONS:
                if name not in done:
                    fn(self.db)
                    self.db.execute("INSERT INTO migrations VALUES (?, ?)", [name, time.time()])

    def integrity_ok(self) -> bool:
        return self.db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"

    # --- articles -------------------------------------------------------------------------

    def add_article(self, source: Source, title: str | None, text: str) -> tuple[str, bool]:
        """Store an article once, by URL and by content. Returns (article id, is new)."""
        digest = content_hash(text)
        row = self.db.execute(
            "SELECT id FROM articles WHERE content_hash = ? OR (url IS NOT NULL AND url = ?)",
            [digest, source.url],
        ).fetchone()
        if row:
            return row[0], False
        article_id = digest[:16]
        self.db["articles"].insert({
            "id": article_id, "url": source.url, "path": source.path, "outlet": source.outlet,
            "published": source.published, "title": title, "content_hash": digest, "stored_at": time.time(),
        })
        return article_id, True

    def has_url(self, url: str) -> bool:
        return self.db.execute("SELECT 1 FROM articles WHERE url = ?", [url]).fetchone() is not None

    # --- events ---------------------------------------------------------------------------

    def events_between(self, sender_country: str, recipient_country: str, start: str | None = None,
                       end: str | None = None) -> list[dict[str, Any]]:
        """The events from one country to another; with `start` and `end`, only those dated between
        them or dated less precisely (a month, a year) or not at all."""
        sql = "SELECT * FROM events WHERE sender_country = ? AND recipient_country = ?"
        args: list[Any] = [sender_country, recipient_country]
        if start and end:
            sql += " AND (date BETWEEN ? AND ? OR date IS NULL OR length(date) < 10)"
            args += [start, end]
        return self._rows(sql, args)

    def add_event(self, event_id: str, msg: Message, article_id: str) -> None:
        self.db["events"].insert({
            "id": event_id, **self._message_row(msg),
            "first_source": _j(msg.source.as_dict()), "n_sources": 1, "stored_at": time.time(),
        })
        self.add_event_source(event_id, article_id, msg)

    def update_event(self, event_id: str, msg: Message) -> None:
        """Replace an event's treatment with the merged view of all its reports."""
        row = self._message_row(msg)
        for key in ("sender", "sender_country", "recipient", "recipient_country", "counterpart", "direction"):
            row.pop(key)
        self.db["events"].update(event_id, row)

    def add_event_source(self, event_id: str, article_id: str, msg: Message) -> bool:
        """Record that an article reported this event; False when it already had."""
        if self.db.execute("SELECT 1 FROM event_sources WHERE event_id = ? AND article_id = ?",
                           [event_id, article_id]).fetchone():
            return False
        claims = {"recipient_named": msg.recipient_named, "sender_named": msg.sender_named,
                  "content_published": msg.content_published,
                  "grouped_with": list(msg.grouped_with) if msg.grouped_with is not None else None}
        self.db["event_sources"].insert({
            "event_id": event_id, "article_id": article_id, "url": msg.source.url, "path": msg.source.path,
            "outlet": msg.source.outlet, "published": msg.source.published, "evidence": msg.evidence,
            "claims": _j(claims),
        })
        self.db.execute("UPDATE events SET n_sources = (SELECT count(*) FROM event_sources WHERE event_id = ?)"
                        " WHERE id = ?", [event_id, event_id])
        return True

    def event(self, event_id: str) -> dict[str, Any] | None:
        rows = self._rows("SELECT * FROM events WHERE id = ?", [event_id])
        return rows[0] if rows else None

    def event_sources(self, event_id: str) -> list[dict[str, Any]]:
        return self._rows("SELECT * FROM event_sources WHERE event_id = ? ORDER BY published", [event_id])

    def prior_events(self, counterpart: str, direction: str, channel: str, before: str,
                     exclude: str | None = None, limit: int = 20) -> list[dict[str, Any]]:
        """The counterpart's earlier events in one direction and channel, newest first."""
        return self._rows(
            "SELECT * FROM events WHERE counterpart = ? AND direction = ? AND channel = ? AND date < ?"
            " AND id != ? ORDER BY date DESC LIMIT ?",
            [counterpart, direction, channel, before, exclude or "", limit])

    def window_events(self, direction: str, start: str, end: str, exclude: str | None = None,
                      channel: str | None = None, condolence: bool | None = None,
                      not_counterpart: str | None = None, latest_per_counterpart: bool = False) -> list[dict[str, Any]]:
        """Events of one direction between two dates; optionally of one channel, of condolences or of
        the other occasions only, of other counterparts than one, and only each counterpart's latest."""
        sql = "SELECT *{} FROM events WHERE direction = ? AND date >= ? AND date <= ? AND id != ?".format(
            ", max(date) AS latest" if latest_per_counterpart else "")
        args: list[Any] = [direction, start, end, exclude or ""]
        if channel is not None:
            sql += " AND channel = ?"
            args.append(channel)
        if condolence is not None:
            sql += " AND (occasion = 'condolence') = ?"
            args.append(int(condolence))
        if not_counterpart is not None:
            sql += " AND counterpart != ?"
            args.append(not_counterpart)
        if latest_per_counterpart:  # SQLite gives the row that holds the max() of its group
            sql += " GROUP BY counterpart"
        return self._rows(sql + " ORDER BY date", args)

    def counterpart_seen(self, counterpart: str, exclude: str | None = None) -> bool:
        return self.db.execute("SELECT 1 FROM events WHERE counterpart = ? AND id != ? LIMIT 1",
                               [counterpart, exclude or ""]).fetchone() is not None

    def all_events(self) -> list[dict[str, Any]]:
        return self._rows("SELECT * FROM events ORDER BY date, id", [])

    @staticmethod
    def _message_row(msg: Message) -> dict[str, Any]:
        return {
            "sender": msg.sender, "sender_country": msg.sender_country, "recipient": msg.recipient,
            "recipient_country": msg.recipient_country, "counterpart": msg.counterpart,
            "direction": msg.direction, "channel": msg.channel, "kind": msg.kind, "reply": int(msg.reply),
            "occasion": msg.occasion, "date": msg.date, "recipient_named": _b(msg.recipient_named),
            "sender_named": _b(msg.sender_named), "content_published": msg.content_published,
            "grouped_with": _j(list(msg.grouped_with) if msg.grouped_with is not None else None),
            "list_position": msg.list_position, "evidence": msg.evidence,
        }

    # --- alerts and the outbox -------------------------------------------------------------

    def has_alert(self, alert_id: str) -> bool:
        return self.db.execute("SELECT 1 FROM alerts WHERE id = ?", [alert_id]).fetchone() is not None

    def add_alert(self, alert: Alert, channels: list[str], now: float | None = None) -> bool:
        """Store an alert and one pending delivery per channel; False if it was raised before."""
        if self.has_alert(alert.id):
            return False
        now = time.time() if now is None else now
        d = alert.as_dict()
        self.db["alerts"].insert({
            "id": alert.id, "severity": alert.severity, "rule": alert.rule, "counterpart": _j(d["counterpart"]),
            "direction": alert.direction, "date": alert.date, "subject": alert.subject, "summary": alert.summary,
            "evidence": alert.evidence, "link": alert.link, "precedent": _j(alert.precedent),
            "event_id": alert.event_id, "details": _j(alert.details), "created_at": now,
        })
        for channel in channels:
            self.db["deliveries"].insert({"alert_id": alert.id, "channel": channel, "state": "pending",
                                          "attempts": 0, "next_attempt_at": now, "created_at": now})
        return True

    def alerts(self, since: float | None = None) -> list[dict[str, Any]]:
        rows = self._rows("SELECT * FROM alerts WHERE created_at >= ? ORDER BY created_at, rowid",
                          [since or 0])
        return [self._alert_row(r) for r in rows]

    def alert(self, alert_id: str) -> dict[str, Any] | None:
        rows = self._rows("SELECT * FROM alerts WHERE id = ? OR id LIKE ? ORDER BY id LIMIT 2",
                          [alert_id, alert_id + "%"])
        return self._alert_row(rows[0]) if len(rows) == 1 else None

    def get_alert(self, alert_id: str) -> dict[str, Any] | None:
        """The alert with exactly this id (alert() also takes a unique prefix, for the CLI)."""
        rows = self._rows("SELECT * FROM alerts WHERE id = ?", [alert_id])
        return self._alert_row(rows[0]) if rows else None

    @staticmethod
    def _alert_row(r: dict[str, Any]) -> dict[str, Any]:
        for key in ("counterpart", "precedent", "details"):
            if r.get(key) is not None:
                r[key] = json.loads(r[key])
        return r

    def due_deliveries(self, now: float, channel: str | None = None) -> list[dict[str, Any]]:
        sql = "SELECT * FROM deliveries WHERE state = 'pending' AND next_attempt_at <= ?"
        args: list[Any] = [now]
        if channel:
            sql += " AND channel = ?"
            args.append(channel)
        return self._rows(sql + " ORDER BY created_at, rowid", args)

    def deliveries(self, alert_id: str | None = None) -> list[dict[str, Any]]:
        if alert_id:
            return self._rows("SELECT * FROM deliveries WHERE alert_id = ? ORDER BY channel", [alert_id])
        return self._rows("SELECT * FROM deliveries ORDER BY created_at, rowid", [])

    def delivery_counts(self) -> dict[str, int]:
        return {r[0]: r[1] for r in self.db.execute("SELECT state, count(*) FROM deliveries GROUP BY state")}

    def mark_delivery(self, alert_id: str, channel: str, state: str, error: str | None = None,
                      next_attempt_at: float | None = None, now: float | None = None) -> None:
        now = time.time() if now is None else now
        with self.transaction():
            self.db.execute(
                "UPDATE deliveries SET state = ?, attempts = attempts + 1, last_error = ?,"
                " next_attempt_at = coalesce(?, next_attempt_at), sent_at = CASE WHEN ? = 'sent' THEN ? END"
                " WHERE alert_id = ? AND channel = ?",
                [state, error, next_attempt_at, state, now, alert_id, channel])

    def claim_delivery(self, alert_id: str, channel: str, now: float, lease_seconds: float) -> bool:
        """Take a due delivery for `lease_seconds` so that a second sender skips it; False if gone or taken."""
        cur = self.db.execute(
            "UPDATE deliveries SET next_attempt_at = ? WHERE alert_id = ? AND channel = ?"
            " AND state = 'pending' AND next_attempt_at <= ?",
            [now + lease_seconds, alert_id, channel, now])
        return cur.rowcount == 1

    def skip_delivery(self, alert_id: str, channel: str, reason: str) -> None:
        """Close a delivery that will never be sent (e.g. below the channel's min_severity); no attempt counted."""
        with self.transaction():
            self.db.execute("UPDATE deliveries SET state = 'skipped', last_error = ? WHERE alert_id = ? AND channel = ?",
                            [reason, alert_id, channel])

    def next_pending_at(self) -> float | None:
        """When the earliest pending delivery is due, or None when nothing is pending."""
        return self.db.execute("SELECT min(next_attempt_at) FROM deliveries WHERE state = 'pending'").fetchone()[0]

    def requeue_deliveries(self, now: float, alert_id: str | None = None, channel: str | None = None) -> int:
        """Make failed deliveries pending again, as if new (attempts and age start over). Returns how many."""
        sql = ("UPDATE deliveries SET state = 'pending', attempts = 0, next_attempt_at = ?, created_at = ?"
               " WHERE state = 'failed'")
        args: list[Any] = [now, now]
        if alert_id:
            sql += " AND alert_id = ?"
            args.append(alert_id)
        if channel:
            sql += " AND channel = ?"
            args.append(channel)
        with self.transaction():
            return self.db.execute(sql, args).rowcount

    # --- source state -----------------------------------------------------------------------

    def source_state(self, name: str) -> dict[str, Any]:
        rows = self._rows("SELECT * FROM source_state WHERE name = ?", [name])
        return rows[0] if rows else {"name": name}

    def save_source_state(self, state: dict[str, Any]) -> None:
        with self.transaction():
            self.db["source_state"].upsert(state, pk="name", alter=True)

    def has_seen(self, url: str) -> bool:
        """Whether fetch already handed over an entry with this canonical URL (or entry key)."""
        return self.db.execute("SELECT 1 FROM seen_urls WHERE url = ?", [url]).fetchone() is not None

    def mark_seen(self, urls: list[str], source: str, now: float | None = None) -> None:
        now = time.time() if now is None else now
        with self.transaction():
            self.db.conn.executemany("INSERT OR IGNORE INTO seen_urls VALUES (?, ?, ?)",
                                     [(u, source, now) for u in urls])

    def source_states(self) -> list[dict[str, Any]]:
        return self._rows("SELECT * FROM source_state ORDER BY name", [])

    def meta(self, key: str) -> str | None:
        row = self.db.execute("SELECT value FROM meta WHERE key = ?", [key]).fetchone()
        return row[0] if row else None

    def set_meta(self, key: str, value: str) -> None:
        with self.transaction():
            self.db.execute("INSERT OR REPLACE INTO meta VALUES (?, ?)", [key, value])

    def _rows(self, sql: str, args: list[Any]) -> list[dict[str, Any]]:
        cur = self.db.execute(sql, args)
        cols = [c[0] for c in cur.description]
        return [dict(zip(cols, row)) for row in cur.fetchall()]
