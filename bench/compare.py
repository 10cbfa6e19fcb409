"""Comparison against 100,000 stored events: the time to compare one new event with its history.

    .venv/bin/python bench/compare.py [--history 100000] [--new 1000]

Fills a temporary SQLite store with `--history` events (60 counterparts, both directions, both
channels, every occasion, 25 years of dates, treatments drawn at random), then adds `--new` events
one at a time and times `pipeline.alerts_for` for each: the queries for the counterpart's precedents
and the season's other messages, and the comparison itself. Prints the median, p95 and max.
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # the project root

from monitor.config import parse  # noqa: E402
from monitor.models import OCCASIONS  # noqa: E402
from monitor.pipeline import alerts_for  # noqa: E402
from monitor.store import Store  # noqa: E402

COUNTRIES = [f"{a}{b}" for a in "ABCDEFGHIJ" for b in "QRSTUV"]  # 60 codes


def row(rng: random.Random, i: int, day: date) -> dict:
    counterpart = rng.choice(COUNTRIES[:10] * 5 + COUNTRIES)  # some counterparts far busier than others
    direction = rng.choice(["from_kp", "to_kp"])
    grouped = rng.choice([[], [], ["XA", "XB"], None])
    return {
        "id": f"e{i:08d}", "sender": "A", "recipient": "B",
        "sender_country": "KP" if direction == "from_kp" else counterpart,
        "recipient_country": counterpart if direction == "from_kp" else "KP",
        "counterpart": counterpart, "direction": direction, "channel": rng.choice(["state", "state", "party"]),
        "kind": "message", "reply": 0, "occasion": rng.choice(OCCASIONS), "date": day.isoformat(),
        "recipient_named": rng.choice([1, 1, 0, None]), "sender_named": rng.choice([1, 1, 0, None]),
        "content_published": rng.choice(["full", "partial", "none", None]),
        "grouped_with": None if grouped is None else json.dumps(grouped), "list_position": 1 if grouped else None,
        "evidence": "Kim Jong Un sent a message.", "first_source": json.dumps({"outlet": "X", "published": day.isoformat()}),
        "n_sources": 1, "stored_at": 0.0,
    }


def main() -> None:  # noqa: C901
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--history", type=int, default=100_000)
    ap.add_argument("--new", type=int, default=1000)
    args = ap.parse_args()
    rng = random.Random(3)
    config = parse({"compare": {"weights": {"AQ": 1.5, "BQ": 1.5}}})
    start = date(2001, 1, 1)
    with tempfile.TemporaryDirectory() as tmp:
        store = Store(tmp)
        t0 = time.perf_counter()
        with store.transaction():
            store.db["events"].insert_all(
                (row(rng, i, start + timedelta(days=i * 9125 // args.history)) for i in range(args.history)),
                batch_size=2000)
        fill = time.perf_counter() - t0
        times = []
        alerts = 0
        today = start + timedelta(days=9125)
        for k in range(args.new):
            r = row(rng, args.history + k, today + timedelta(days=k // 40))
            with store.transaction():
                store.db["events"].insert(r)
                t = time.perf_counter()
                alerts += len(alerts_for(store, r["id"], config))
                times.append(time.perf_counter() - t)
        store.close()
    times.sort()
    print(f"history: {args.history} events (filled in {fill:.1f} s); {args.new} new events, {alerts} alerts")
    print(f"compare per new event: median {statistics.median(times) * 1000:.2f} ms, "
          f"p95 {times[int(0.95 * len(times))] * 1000:.2f} ms, max {times[-1] * 1000:.2f} ms")


if __name__ == "__main__":
    main()
