"""What the seed corpus must give (issue: "The whole pipeline, end to end")."""

from pathlib import Path

import pytest

from monitor.documents import read_documents
from monitor.extract import extract

SEEDS = Path(__file__).parent.parent / "seeds"


def messages(name):
    doc = [d for d in read_documents([SEEDS]) if d.source.path.endswith(name)][0]
    return extract(doc)


def pairs(msgs):
    return sorted((m.sender_country, m.recipient_country, m.occasion, m.date) for m in msgs)


def one(msgs, sender, recipient, date_prefix=""):
    found = [m for m in msgs if (m.sender_country, m.recipient_country) == (sender, recipient)
             and (m.date or "").startswith(date_prefix)]
    assert len(found) == 1, (sender, recipient, date_prefix, pairs(msgs))
    return found[0]


def test_manifest_gives_outlet_and_date():
    docs = {Path(d.source.path).name: d for d in read_documents([SEEDS])}
    assert len(docs) == 5
    assert docs["000_9493edcf0f895fff.txt"].source.outlet == "Korea JoongAng Daily"
    assert docs["000_9493edcf0f895fff.txt"].source.published == "2026-01-18"
    assert docs["002_5d4a8b2e97a49c1c.txt"].source.outlet is None  # "unknown"


def test_new_year_card_list_gives_one_event_per_country():
    msgs = messages("000_9493edcf0f895fff.txt")
    cards = [m for m in msgs if m.sender_country == "KP" and m.kind == "card"]
    countries = sorted(m.recipient_country for m in cards)
    assert countries == sorted(["CN", "VN", "SG", "TJ", "TM", "AZ", "ID", "BY", "DZ"])
    for m in cards:
        assert m.occasion == "new_year"
        assert m.date == "2026-01-18"
        assert m.recipient_named is False
        assert set(m.grouped_with) == set(countries) - {m.recipient_country}
    china = one(cards, "KP", "CN")
    assert china.content_published == "none"
    assert china.recipient == "Xi Jinping"  # the title, resolved to its holder on the date


def test_russia_messages_in_full_and_xi_card_without_text():
    msgs = messages("000_9493edcf0f895fff.txt")
    kim_to_putin = one(msgs, "KP", "RU", "2025-12-27")
    assert (kim_to_putin.recipient_named, kim_to_putin.content_published, kim_to_putin.grouped_with) == (True, "full", ())
    assert kim_to_putin.occasion == "new_year"
    putin_dec25 = one(msgs, "RU", "KP", "2025-12-25")
    assert putin_dec25.content_published == "full"
    putin_2024 = one(msgs, "RU", "KP", "2024-12")  # the historical one counts
    assert putin_2024.content_published == "full" and putin_2024.occasion == "new_year"
    xi = one(msgs, "CN", "KP", "2026-01-01")
    assert (xi.kind, xi.content_published, xi.sender_named) == ("card", "none", True)
    assert len(msgs) == 13  # nine cards, two each way with Russia and one more, Xi's card; no remarks, no summit


def test_anniversary_exchange_is_two_events_each_year():
    msgs = messages("001_77e7836f9c44c1fb.txt")
    assert pairs(msgs) == [
        # "in 2019 to mark the 70th anniversary of diplomatic ties": the day of the ties, 70 years on
        ("CN", "KP", "anniversary", "2019-10-06"), ("CN", "KP", "anniversary", "2024-10-06"),
        ("KP", "CN", "anniversary", "2019-10-06"), ("KP", "CN", "anniversary", "2024-10-06"),
    ]
    kim = one(msgs, "KP", "CN", "2024")
    assert (kim.recipient_named, kim.content_published, kim.grouped_with) == (True, "partial", ())
    xi = one(msgs, "CN", "KP", "2024")
    assert xi.sender_named is True and xi.content_published == "partial"


def test_birthday_telegram_quoted():
    msgs = messages("002_5d4a8b2e97a49c1c.txt")
    assert pairs(msgs) == [("KP", "RU", "birthday", "2024-10-07")]
    assert msgs[0].kind == "telegram" and msgs[0].content_published == "partial"


def test_congress_letters_serbia_and_laos():
    msgs = messages("003_e1eb68717feb4678.txt")
    assert pairs(msgs) == [
        ("CN", "KP", "congress", "2026-02-20"),
        ("KP", "LA", "anniversary", "2025-12-02"),
        ("KP", "LA", "election", "2026-01-08"),
        ("KP", "RS", "national_day", "2026-02-20"),
        ("RU", "KP", "congress", "2026-02-19"),
    ]
    medvedev = one(msgs, "RU", "KP")
    assert medvedev.sender == "Dmitry Medvedev" and medvedev.kind == "letter" and medvedev.channel == "party"
    assert one(msgs, "CN", "KP").sender == "CPC Central Committee"
    assert one(msgs, "KP", "RS").kind == "letter"


def test_new_year_message_to_putin_and_putins_before_it():
    msgs = messages("004_1ec0a023e610d68b.txt")
    assert [(m.sender_country, m.recipient_country, m.occasion) for m in msgs] == [
        ("KP", "RU", "new_year"), ("RU", "KP", "new_year")]
    assert one(msgs, "KP", "RU").content_published == "partial"


@pytest.mark.parametrize("name", [p.name for p in sorted(SEEDS.glob("0*.txt"))])
def test_every_message_has_the_contract_fields(name):
    for m in messages(name):
        d = m.as_dict()
        assert set(d) >= {"sender", "sender_country", "recipient", "recipient_country", "kind", "reply", "occasion",
                          "date", "recipient_named", "sender_named", "content_published", "grouped_with", "evidence",
                          "source"}
        assert "KP" in (d["sender_country"], d["recipient_country"])
        assert d["evidence"] and d["source"]["path"].endswith(name)
