"""A replay of 10,000 articles end to end: read, extract, store, compare, alerts into the outbox.

    .venv/bin/python bench/replay.py [--articles 10000] [--seed 2]

Writes the generated articles (bench/corpus.py, as text with a header block, as `monitor replay`
reads them) to a temporary folder, then times `monitor replay DIR --json --state TMP` in this
process (with a webhook and an email channel configured, so every alert gets its deliveries in the
outbox; nothing is sent: --deliver-timeout 0 and no server listens). Prints the wall time, articles
per second, events, alerts and deliveries written, and peak memory.
"""

from __future__ import annotations

import argparse
import random
import resource
import sqlite3
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # the project root

from click.testing import CliRunner  # noqa: E402

from bench.corpus import article  # noqa: E402
from monitor.cli import cli  # noqa: E402
from monitor.fetch import html_to_text  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--articles", type=int, default=10_000)
    ap.add_argument("--seed", type=int, default=2)
    args = ap.parse_args()
    rng = random.Random(args.seed)
    with tempfile.TemporaryDirectory(prefix="bench-replay-") as tmp:
        docs = Path(tmp) / "docs"
        docs.mkdir()
        for i in range(args.articles):
            html, published = article(rng, i)
            title, text = html_to_text(html) if i < 50 else (None, None)
            if text is None:  # html_to_text is the fetch stage's cost, not the replay's: reduce the rest cheaply
                text = "\n".join(p.split("</p>")[0] for p in html.split("<p>")[1:])
            (docs / f"{i:05d}.txt").write_text(
                f"url: https://news.example/{i}\noutlet: Example News\npublished: {published}\n---\n{text}\nItem {i}.\n")
        config = Path(tmp) / "config.toml"
        config.write_text('[notify.webhook]\nurl = "http://127.0.0.1:9/hook"\n\n[notify.email]\nhost = "127.0.0.1"\n'
                          'port = 9\nstarttls = false\nto = ["a@example.org"]\n')
        state = Path(tmp) / "state"
        t0 = time.perf_counter()
        result = CliRunner().invoke(cli, ["--config", str(config), "-q", "replay", str(docs), "--json", "--state", str(state),
                                          "--deliver-timeout", "0"])
        wall = time.perf_counter() - t0
        assert result.exit_code == 0, result.output[-2000:]
        db = sqlite3.connect(state / "monitor.db")
        counts = {t: db.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in ("articles", "events", "alerts", "deliveries")}
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"replay of {args.articles} articles: {wall:.1f} s wall, {args.articles / wall:.0f} articles/s")
    print("written: " + ", ".join(f"{k} {v}" for k, v in counts.items()))
    print(f"peak memory (ru_maxrss): {peak:.0f} MiB")


if __name__ == "__main__":
    main()
