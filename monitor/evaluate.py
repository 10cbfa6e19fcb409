"""Score the extractor against documents whose messages are known: `make eval`.

Each document `<case>.txt|.html` has beside it (or, for the seeds, in tests/seeds_expected/) a
`<case>.expected.json`: the messages it holds, in the fields of `monitor extract --json`.
A found message matches an expected one when the sender and recipient countries are the same,
the occasions are compatible (equal, or one of them "other") and the dates are within 7 days.
Precision, recall and F1 count messages; each attribute's accuracy is over the matched pairs.
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from monitor.dates import within
from monitor.documents import read_documents
from monitor.errors import InputError
from monitor.extract import extract

ATTRIBUTES = ("kind", "occasion", "recipient_named", "sender_named", "content_published", "grouped_with", "reply")
REPORTED = ("kind", "occasion", "recipient_named", "content_published", "grouped_with")
SEEDS_EXPECTED = Path(__file__).resolve().parent.parent / "tests" / "seeds_expected"


@dataclass
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    right: dict[str, int] = field(default_factory=lambda: {a: 0 for a in ATTRIBUTES})
    errors: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def accuracy(self, attribute: str) -> float:
        return self.right[attribute] / self.tp if self.tp else 1.0


def _compatible(found: dict[str, Any], want: dict[str, Any]) -> bool:
    if (found["sender_country"], found["recipient_country"]) != (want["sender_country"], want["recipient_country"]):
        return False
    occasions = {found["occasion"], want["occasion"]}
    if len(occasions) > 1 and "other" not in occasions:
        return False
    return within(found.get("date"), want.get("date"), 7)


def _same(attribute: str, a: Any, b: Any) -> bool:
    if attribute == "grouped_with":
        return (None if a is None else sorted(a)) == (None if b is None else sorted(b))
    return a == b


def expected_path(doc_path: Path) -> Path:
    beside = doc_path.with_name(doc_path.stem + ".expected.json")
    if beside.exists():
        return beside
    return SEEDS_EXPECTED / (doc_path.stem + ".expected.json")


def score(paths: list[str | Path]) -> Score:
    s = Score()
    for doc in read_documents(paths):
        doc_path = Path(doc.source.path or "")
        exp_file = expected_path(doc_path)
        if not exp_file.exists():
            continue
        want = json.loads(exp_file.read_text("utf-8"))
        found = [m.as_dict() for m in extract(doc)]
        unmatched = list(range(len(want)))
        for f in found:
            # of the expected messages this one may be, the one it agrees with most (two messages of
            # one pair and season, Putin's and his party's, are told apart by what they say of each)
            hits = [i for i in unmatched if _compatible(f, want[i])]
            hit = max(hits, key=lambda i: sum(_same(a, f.get(a), want[i].get(a)) for a in ATTRIBUTES
                                             if a in want[i]), default=None)
            if hit is None:
                s.fp += 1
                s.errors.append(f"{doc_path.name}: extra {f['sender_country']}>{f['recipient_country']} "
                                f"{f['occasion']} {f['date']}: {f['evidence'][:100]}")
                continue
            unmatched.remove(hit)
            s.tp += 1
            for a in ATTRIBUTES:
                if a not in want[hit] or _same(a, f.get(a), want[hit].get(a)):
                    s.right[a] += 1
                else:
                    s.errors.append(f"{doc_path.name}: {f['sender_country']}>{f['recipient_country']} {a}: "
                                    f"got {f.get(a)!r}, want {want[hit].get(a)!r}")
        for i in unmatched:
            s.fn += 1
            w = want[i]
            s.errors.append(f"{doc_path.name}: missed {w['sender_country']}>{w['recipient_country']} "
                            f"{w['occasion']} {w.get('date')}: {str(w.get('evidence'))[:100]}")
    return s


def report(name: str, s: Score) -> str:
    lines = [f"{name}: precision {s.precision:.3f}  recall {s.recall:.3f}  F1 {s.f1:.3f}  "
             f"(tp {s.tp}, fp {s.fp}, fn {s.fn})"]
    lines.append("  " + "  ".join(f"{a} {s.accuracy(a):.3f}" for a in ATTRIBUTES))
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m monitor.evaluate", description=(
        "Score the extractor on annotated folders: precision, recall and F1 of messages, and the "
        "accuracy of each attribute."))
    parser.add_argument("folders", nargs="*", help="folders of documents with .expected.json beside them "
                        "(default: seeds, tests/corpus and every tests/heldout*)")
    parser.add_argument("-v", "--verbose", action="store_true", help="list every miss, extra and wrong attribute")
    args = parser.parse_args(argv)
    folders = args.folders or ["seeds", "tests/corpus"] + sorted(
        (str(p) for p in Path("tests").glob("heldout*") if p.is_dir()), key=lambda name: (len(name), name))
    for folder in folders:
        try:
            s = score([folder])
        except InputError as e:
            parser.error(str(e))
        print(report(folder, s))
        if args.verbose:
            for e in s.errors:
                print("   ", e)
    return 0


if __name__ == "__main__":
    sys.exit(main())
