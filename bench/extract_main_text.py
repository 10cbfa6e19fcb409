"""Compare main-text extraction on article pages: trafilatura against the plain bs4 extractor.

    .venv/bin/python bench/extract_main_text.py [--verbose]

Pages and their expected main text (one paragraph a line) are in tests/fetch_fixtures/articles/
(the 8 pages the bs4 extractor was written against) and tests/fetch_fixtures/articles_heldout/ (4 pages
written afterwards and never tuned on). Both extractors get the same post-processing as html_to_text
applies: the title is returned apart, so a line equal to the title is dropped from the text.
The bs4 extractor's retry without class/id words was added after the held-out run had shown it emptying
page 11 (a wrapper named "date-outer"); BENCHMARKS.md gives the figures from before and after.
Scores per page and in total:
  P, R, F1  bag-of-words precision, recall and F1 of the extracted text against the expected text
  lines     expected paragraphs found as a line of their own in the output (paragraphs kept apart)
  junk      output lines that are not part of the expected text (menus, related headlines, comments...)
  ms        extraction time per page
Both are measured as monitor/fetch.py wraps them (html_to_text = trafilatura, bs4 when it finds nothing).
"""

from __future__ import annotations

import argparse
import re
import sys
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from monitor.fetch import _bs4_main_text, _trafilatura_main_text

SETS = {
    "tuned": ROOT / "tests" / "fetch_fixtures" / "articles",
    "held-out": ROOT / "tests" / "fetch_fixtures" / "articles_heldout",
}


def _tokens(text: str) -> Counter[str]:
    # Chinese has no spaces: count each ideograph as a token
    return Counter(re.findall(r"[\u4e00-\u9fff]|[^\W\u4e00-\u9fff]+", text.lower()))


def _norm(line: str) -> str:
    return " ".join(line.split())


def score(expected: str, got: str) -> dict[str, float]:
    e, g = _tokens(expected), _tokens(got)
    common = sum((e & g).values())
    p = common / max(sum(g.values()), 1)
    r = common / max(sum(e.values()), 1)
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    exp_lines = [_norm(x) for x in expected.splitlines() if x.strip()]
    got_lines = [_norm(x) for x in got.splitlines() if x.strip()]
    flat = _norm(expected)
    return {
        "P": p, "R": r, "F1": f1,
        "lines": sum(1 for x in exp_lines if x in got_lines) / max(len(exp_lines), 1),
        "junk": sum(1 for x in got_lines if x not in flat),
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--verbose", action="store_true", help="print each extraction")
    args = ap.parse_args()
    extractors: dict[str, Callable[[str], str]] = {
        "bs4": lambda html: _bs4_main_text(html)[1],
        "trafilatura": lambda html: _trafilatura_main_text(html)[1],
    }
    for set_name, folder in SETS.items():
        _run_set(set_name, sorted(folder.glob("*.html")), extractors, args.verbose)


def _run_set(set_name: str, pages: list[Path], extractors: dict[str, Callable[[str], str]], verbose: bool) -> None:
    totals: dict[str, Counter[str]] = {name: Counter() for name in extractors}
    print(f"\n{set_name} pages")
    print(f"{'page':28} {'extractor':12} {'P':>5} {'R':>5} {'F1':>5} {'lines':>5} {'junk':>4} {'ms':>6}")
    for page in pages:
        html = page.read_text(encoding="utf-8")
        expected = page.with_suffix(".expected.txt").read_text(encoding="utf-8")
        for name, fn in extractors.items():
            fn(html)  # warm up (imports, caches)
            t0 = time.perf_counter()
            got = fn(html)
            ms = (time.perf_counter() - t0) * 1000
            s = score(expected, got)
            totals[name].update(s | {"ms": ms})
            print(f"{page.stem:28} {name:12} {s['P']:5.2f} {s['R']:5.2f} {s['F1']:5.2f} {s['lines']:5.2f}"
                  f" {s['junk']:4d} {ms:6.1f}")
            if verbose:
                print("    | " + got.replace("\n", "\n    | "))
    for name, t in totals.items():
        n = len(pages)
        print(f"{'MEAN over ' + str(n) + ' pages':28} {name:12} {t['P'] / n:5.2f} {t['R'] / n:5.2f}"
              f" {t['F1'] / n:5.2f} {t['lines'] / n:5.2f} {int(t['junk']):4d} {t['ms'] / n:6.1f}")


if __name__ == "__main__":
    main()
