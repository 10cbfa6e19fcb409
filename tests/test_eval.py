"""The extractor's scores may not slide: seeds at F1 1.0, the corpus at or above what was reached."""

from pathlib import Path

from monitor.evaluate import ATTRIBUTES, REPORTED, score

ROOT = Path(__file__).parent.parent

# Reached on 2026-11-23 (see BENCHMARKS.md); raise these when the extractor gets better.
CORPUS_F1 = 0.98
CORPUS_ATTRIBUTE = 0.94
# The held-out sets were written by writers who never saw the extractor; their first, blind scores
# are in BENCHMARKS.md. Rules were then written for the language of half of the first set and for
# what the second showed, so these are floors against sliding back, not blind figures.
HELDOUT_F1 = {"heldout": 0.97, "heldout2": 0.98, "heldout3": 0.96, "heldout4": 0.96, "heldout5": 0.95, "heldout6": 0.95, "heldout7": 0.97, "heldout8": 0.97, "heldout9": 0.95,
              "heldout10": 0.95, "heldout11": 0.92, "heldout12": 0.96, "heldout13": 0.98, "heldout14": 0.98,
              "heldout15": 0.93, "heldout16": 0.94, "heldout17": 0.97, "heldout18": 0.89, "heldout19": 0.97,
              "heldout20": 0.86, "heldout21": 0.96, "heldout22": 0.86, "heldout23": 0.97, "heldout24": 0.87,
              "heldout25": 0.93, "heldout26": 0.87, "heldout27": 0.98, "heldout28": 0.86,
              "heldout29": 0.98, "heldout30": 0.95, "heldout31": 0.98, "heldout32": 0.93,
              "heldout33": 0.97, "heldout34": 0.93, "heldout35": 0.92, "heldout36": 0.91,
              "heldout37": 0.92, "heldout38": 0.90, "heldout39": 0.90, "heldout40": 0.86,
              "heldout41": 0.88, "heldout42": 0.72, "heldout43": 0.84, "heldout44": 0.79}
# (occasion: heldout18, long analyses of the sixth session, was at 0.896 when this minimum was set; kind: heldout20,
# long analyses of the seventh session, was at 0.942)
HELDOUT_ATTRIBUTE = {"kind": 0.94, "occasion": 0.89, "recipient_named": 0.90, "grouped_with": 0.85,
                     "content_published": 0.82}
# Sets with an attribute still under that minimum (the tenth session's two blind sets: the treatment said
# in long analyses, and the partial/null split between annotators; the sixteenth's heldout37: "letter" and
# "message" for the same Korean and Spanish words; the seventeenth's heldout40, the hard set of book
# chapters, footnotes and transcripts: what their words say and the occasions of messages recalled; the
# eighteenth's heldout41, what the press says of the treatment far from the message, and heldout42, the hard set
# of tables, subtitles, memoirs and quizzes; the nineteenth's heldout44, the hard set of endnotes, filings and
# transcripts: the treatment told in notes and asides); floors, not goals.
HELDOUT_ATTRIBUTE_BELOW = {"heldout25": {"content_published": 0.78}, "heldout26": {"content_published": 0.80},
                           "heldout37": {"kind": 0.90}, "heldout40": {"occasion": 0.88, "content_published": 0.71},
                           "heldout41": {"content_published": 0.76},
                           "heldout42": {"kind": 0.92, "occasion": 0.88}, "heldout44": {"content_published": 0.69}}


def test_seeds_are_extracted_exactly():
    s = score([ROOT / "seeds"])
    assert (s.tp, s.fp, s.fn) == (25, 0, 0), s.errors
    for a in ATTRIBUTES:
        assert s.accuracy(a) == 1.0, (a, s.errors)


def test_corpus_holds_its_scores():
    s = score([ROOT / "tests" / "corpus"])
    assert s.tp + s.fn >= 100  # the corpus holds 100 messages in 79 documents
    assert s.f1 >= CORPUS_F1, s.errors
    for a in REPORTED:
        assert s.accuracy(a) >= CORPUS_ATTRIBUTE, (a, s.errors)


def test_held_out_sets_hold_their_scores():
    for name, floor in HELDOUT_F1.items():
        s = score([ROOT / "tests" / name])
        assert s.f1 >= floor, (name, s.f1, s.errors)
        for a, minimum in {**HELDOUT_ATTRIBUTE, **HELDOUT_ATTRIBUTE_BELOW.get(name, {})}.items():
            assert s.accuracy(a) >= minimum, (name, a, s.accuracy(a))


def test_every_held_out_set_has_a_floor():
    assert sorted(HELDOUT_F1) == sorted(p.name for p in (ROOT / "tests").glob("heldout*") if p.is_dir())


def test_negatives_give_nothing():
    negatives = sorted((ROOT / "tests" / "corpus").glob("neg_*.txt")) + sorted((ROOT / "tests" / "corpus").glob("neg_*.html"))
    negatives += sorted(p for d in HELDOUT_F1 for p in (ROOT / "tests" / d).glob("*neg*.*") if p.suffix in (".txt", ".html"))
    assert len(negatives) >= 15
    s = score(negatives)
    assert s.fp <= 3, s.errors  # (249 negatives; the third: a viral post's quoted words, in a fact check)
