"""Extraction speed on a generated corpus of 5 KB articles.

    .venv/bin/python bench/extract.py [--articles 10000] [--seed 1]

Writes nothing; prints the median and 95th percentile of `extract()` per article (HTML already
reduced to text, as the pipeline does once per article), articles per second on one core, and
the ratio to the bare cost of parsing each article's HTML with lxml (no text extraction at all).
The articles are made from templates written for this benchmark: a headline, a dateline, one or
two sentences that report a message (in the shapes of KCNA, Yonhap and wire copy), and filler
paragraphs on other news, with a sidebar of related headlines, padded to about 5 KB.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # the project root

import lxml.html  # noqa: E402

from bench.corpus import article  # noqa: E402
from monitor.extract import extract  # noqa: E402
from monitor.fetch import html_to_text  # noqa: E402
from monitor.models import Document, Source  # noqa: E402

def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--articles", type=int, default=10_000)
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()
    rng = random.Random(args.seed)
    pages = [article(rng, i) for i in range(args.articles)]
    sizes = [len(h.encode()) for h, _ in pages]

    parse_times = []
    for html, _ in pages:
        t = time.perf_counter()
        lxml.html.fromstring(html)
        parse_times.append(time.perf_counter() - t)

    docs = []
    for i, (html, published) in enumerate(pages):
        title, text = html_to_text(html)
        docs.append(Document(Source(url=f"https://news.example/{i}", outlet="Example News", published=published), title, text))
    extract(docs[0])  # compile the patterns before timing
    times = []
    found = 0
    for doc in docs:
        t = time.perf_counter()
        found += len(extract(doc))
        times.append(time.perf_counter() - t)

    med, p95 = statistics.median(times), sorted(times)[int(0.95 * len(times))]
    parse_med = statistics.median(parse_times)
    print(f"articles: {len(pages)}, median size {statistics.median(sizes) / 1000:.1f} KB, messages found: {found}")
    print(f"extract: median {med * 1000:.3f} ms, p95 {p95 * 1000:.3f} ms, {1 / statistics.mean(times):.0f} articles/s on one core")
    print(f"bare lxml parse of the HTML: median {parse_med * 1000:.3f} ms; extract / parse = {med / parse_med:.1f}x")


if __name__ == "__main__":
    main()
