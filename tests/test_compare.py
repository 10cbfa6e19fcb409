"""Each comparator rule on small hand-written cases, through the real pipeline and a real SQLite file."""

import json
from datetime import date

import pytest

from monitor import compare as cmp
from monitor.config import CompareConfig, parse
from monitor.documents import read_documents
from monitor.models import StoredEvent
from monitor.pipeline import absences, build_baseline, process
from monitor.store import Store

CONFIG = parse({"compare": {"weights": {"CN": 1.5, "RU": 1.5}}})


def doc(tmp_path, name, published, body, outlet="Yonhap"):
    path = tmp_path / name
    path.write_text(f"outlet: {outlet}\npublished: {published}\nurl: https://news.example/{name}\n---\n{body}\n")
    return read_documents([path])[0]


def run(tmp_path, docs, config=CONFIG):
    alerts = []
    with Store(tmp_path / "state") as store:
        for d in sorted(docs, key=lambda d: d.source.published):
            alerts.extend(process(d, store, config).alerts)
    return alerts


NAMED_FULL_CU = ("Pyongyang, {d} (KCNA) -- Kim Jong Un sent a congratulatory message to Miguel Diaz-Canel, "
                 "president of the Republic of Cuba, on the anniversary of the revolution. The message reads as follows: "
                 '"Dear Comrade, I extend warm congratulations to you and the fraternal Cuban people."')
TITLE_ONLY_CU = ("North Korea's state media said on Friday that Kim Jong-un sent a congratulatory message to the Cuban "
                 "president on the anniversary of the revolution, along with messages to the leaders of Laos and "
                 "Vietnam, but identified him only by his title and did not disclose the contents.")


def test_cooling_against_precedent(tmp_path):
    docs = [doc(tmp_path, "a.txt", "2024-01-01", NAMED_FULL_CU.format(d="January 1")),
            doc(tmp_path, "b.txt", "2025-01-03", TITLE_ONLY_CU)]
    alerts = run(tmp_path, docs)
    prec = [a for a in alerts if a.rule == "precedent"]
    assert len(prec) == 1
    a = prec[0]
    assert (a.counterpart, a.direction, a.severity) == ("CU", "cooling", "medium")  # 3 scales x weight 1.0
    assert {c["dimension"] for c in a.details["changes"]} == {"named", "content", "placement"}
    assert a.precedent["date"] == "2024-01-01" and "Diaz-Canel" in a.precedent["evidence"]
    assert a.link == "https://news.example/b.txt"


def test_warming_against_precedent(tmp_path):
    docs = [doc(tmp_path, "a.txt", "2024-01-05", TITLE_ONLY_CU),
            doc(tmp_path, "b.txt", "2025-01-01", NAMED_FULL_CU.format(d="January 1"))]
    prec = [a for a in run(tmp_path, docs) if a.rule == "precedent"]
    assert [(a.counterpart, a.direction) for a in prec] == [("CU", "warming")]


def test_same_treatment_raises_nothing_and_first_message_is_an_info_note(tmp_path):
    docs = [doc(tmp_path, "a.txt", "2024-01-01", NAMED_FULL_CU.format(d="January 1")),
            doc(tmp_path, "b.txt", "2025-01-01", NAMED_FULL_CU.format(d="January 1"))]
    alerts = run(tmp_path, docs)
    assert [(a.rule, a.severity, a.counterpart) for a in alerts] == [("first_seen", "info", "CU")]


def test_one_message_told_by_three_outlets_fires_once_and_keeps_every_source(tmp_path):
    base = doc(tmp_path, "a.txt", "2024-10-06",
               "Kim Jong Un and Xi Jinping exchanged congratulatory messages on Sunday to mark the anniversary of "
               "diplomatic ties. Kim described the relations as \"invincible\" in his message.")
    reports = [doc(tmp_path, "r0.txt", "2025-10-06", "North Korean leader Kim Jong-un sent a message to the Chinese "
                   "president on Monday, state media said, without naming him and without disclosing the contents of "
                   "the message.", outlet="Yonhap"),
               doc(tmp_path, "r1.txt", "2025-10-07", "Pyongyang's official media said Kim Jong Un sent a congratulatory "
                   "message to the Chinese president on Monday but did not name Xi Jinping and did not publish the "
                   "text.", outlet="Kyodo"),
               doc(tmp_path, "r2.txt", "2025-10-08", "Kim sent a message on Oct. 6 to the Chinese president, whom the "
                   "KCNA report left unnamed; it did not carry the text of the message.", outlet="NK News")]
    alerts = run(tmp_path, [base] + reports)
    prec = [a for a in alerts if a.rule == "precedent" and a.counterpart == "CN" and a.severity != "info"]
    assert len(prec) == 1 and prec[0].direction == "cooling"
    with Store(tmp_path / "state") as store:
        event = store.event(prec[0].event_id)
        assert event["n_sources"] == 3
        assert {s["outlet"] for s in store.event_sources(prec[0].event_id)} == {"Yonhap", "Kyodo", "NK News"}


def test_contrast_between_two_counterparts_in_one_season(tmp_path):
    docs = [
        doc(tmp_path, "cn0.txt", "2025-01-01", "Kim Jong Un sent a New Year card to Chinese President Xi Jinping, "
            "state media said on Wednesday, publishing the full text of the card."),
        doc(tmp_path, "ru0.txt", "2025-01-01", "Kim Jong Un sent a New Year card to Russian President Vladimir Putin, "
            "state media said on Wednesday, publishing the full text of the card."),
        doc(tmp_path, "ru1.txt", "2025-12-31", "State media said on Wednesday that Kim Jong Un had sent a New Year "
            "card to Russian President Vladimir Putin, and published the full text of the card."),
        doc(tmp_path, "cn1.txt", "2026-01-02", "Kim Jong-un sent New Year cards to the president of the People's "
            "Republic of China, the president of Laos and the president of Cuba, state media said on Friday, "
            "identifying them only by their titles and without disclosing the contents."),
    ]
    alerts = run(tmp_path, docs)
    contrast = [a for a in alerts if a.rule == "contrast"]
    assert len(contrast) == 1
    a = contrast[0]
    assert set(a.counterpart) == {"CN", "RU"} and a.severity == "high" and a.direction == "cooling"
    assert "Putin" in a.precedent["evidence"] and "People's Republic of China" in a.evidence
    # Russia's own New Year cards, treated as before, raise nothing
    assert not [x for x in alerts if x.counterpart == "RU" and x.rule == "precedent"]


def test_absence_of_a_yearly_message(tmp_path):
    docs = [doc(tmp_path, f"b{y}.txt", f"{y}-10-08", f"Kim Jong Un sent a birthday message to Russian President "
                f"Vladimir Putin on Oct. 7, state media said, quoting him as calling Putin \"my dear friend\" for the "
                f"{y - 2011}th time.")
            for y in (2023, 2024, 2025)]
    run(tmp_path, docs)
    with Store(tmp_path / "state") as store:
        early = absences(store, CONFIG, date(2026, 10, 15))
        late = absences(store, CONFIG, date(2026, 10, 25))
        again = absences(store, CONFIG, date(2026, 10, 26))
    assert early == []
    assert [(a.counterpart, a.rule, a.date) for a in late] == [("RU", "absence", "2026-10-07")]
    assert late[0].details["past_years"] == [2023, 2024, 2025] and late[0].severity == "medium"
    assert again == []  # raised once


def test_calendar_in_config_expects_a_message_history_has_not_shown(tmp_path):
    config = parse({"compare": {"calendar": [{"counterpart": "VN", "direction": "from_kp", "occasion": "national_day",
                                              "month": 9, "day": 2}]}})
    with Store(tmp_path / "state") as store:
        found = absences(store, config, date(2026, 9, 20))
    assert [(a.counterpart, a.details["calendar"]) for a in found] == [("VN", True)]


def test_bad_calendar_entry_is_refused():
    from monitor.errors import ConfigError
    with pytest.raises(ConfigError, match=r"compare.calendar must be an array of tables"):
        parse({"compare": {"calendar": [{"counterpart": "VN", "month": 13}]}})


def test_frozen_baseline_is_what_counts(tmp_path):
    seeds = tmp_path / "corpus"
    seeds.mkdir()
    (seeds / "a.txt").write_text("outlet: KCNA\npublished: 2024-01-01\n---\n" + NAMED_FULL_CU.format(d="January 1") + "\n")
    out = tmp_path / "baseline.json"
    build_baseline([seeds], CONFIG, out)
    data = json.loads(out.read_text())
    group = next(g for g in data["groups"] if g["counterpart"] == "CU")
    assert group["named"] == {"named": 1} and group["content"] == {"full": 1} and group["placement"] == {"own": 1}
    frozen = parse({"compare": {"mode": "frozen", "baseline": str(out)}})
    alerts = run(tmp_path, [doc(tmp_path, "b.txt", "2025-01-03", TITLE_ONLY_CU)], frozen)
    cuba = [(a.rule, a.direction) for a in alerts if a.counterpart == "CU"]
    assert cuba == [("precedent", "cooling")]  # no first_seen: the baseline knows Cuba


def test_severity_grows_with_scales_and_weight():
    cfg = CompareConfig(weights={"CN": 1.5})
    assert cmp.severity(1, 1.0, cfg) == "info"
    assert cmp.severity(2, 1.0, cfg) == "low"
    assert cmp.severity(3, 1.0, cfg) == "medium"
    assert cmp.severity(3, 1.5, cfg) == "high"
    assert cmp.severity(3, 1.5, cfg, mixed=True) == "info"


def test_treatment_scales_order():
    def ev(named, content, grouped, position=None):
        return StoredEvent(id="x", sender="Kim Jong Un", sender_country="KP", recipient="X", recipient_country="CN",
                           counterpart="CN", direction="from_kp", channel="state", kind="card", reply=False,
                           occasion="new_year", date="2026-01-01", recipient_named=named, sender_named=True,
                           content_published=content, grouped_with=grouped, evidence="", source={},
                           list_position=position)
    own = ev(True, "full", ())
    first = ev(True, "full", ("VN",), 1)
    later = ev(True, "full", ("VN",), 2)
    assert [c.delta for c in cmp.changes(own, first)] == [-1]
    assert [c.delta for c in cmp.changes(first, later)] == [-1]
    assert [(c.dimension, c.delta) for c in cmp.changes(ev(True, "full", ()), ev(False, "none", ()))] == [
        ("named", -1), ("content", -2)]
    assert cmp.changes(ev(None, None, None), own) == []


def test_a_reply_that_always_came_and_did_not_is_an_absence(tmp_path):
    docs = []
    for y in (2023, 2024, 2025):
        docs.append(doc(tmp_path, f"m{y}.txt", f"{y}-12-03",
                        f"Kim Jong Un sent a congratulatory message to Lao President Thongloun Sisoulith on Dec. 2 on the "
                        f"national day of Laos, state media said, in the {y - 1974}th year of ties."))
        if y < 2025:
            docs.append(doc(tmp_path, f"r{y}.txt", f"{y}-12-12",
                            f"Lao President Thongloun Sisoulith sent a reply message to Kim Jong Un on Dec. 11, thanking "
                            f"him for his congratulations on the national day, KCNA said in {y}."))
    run(tmp_path, docs)
    with Store(tmp_path / "state") as store:
        early = absences(store, CONFIG, date(2026, 1, 10))
        late = absences(store, CONFIG, date(2026, 1, 20))
    assert [a for a in early if a.details.get("expected") == "reply"] == []
    missing = [a for a in late if a.details.get("expected") == "reply"]
    assert [(a.counterpart, a.date, a.rule) for a in missing] == [("LA", "2025-12-02", "absence")]
    assert missing[0].details["answered_before"] == ["2023-12-02", "2024-12-02"]
