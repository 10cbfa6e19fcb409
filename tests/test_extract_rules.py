"""Rules of the extractor on sentences written for each rule (the corpus tests the whole)."""

import pytest

import re

from monitor.extract import _lowered, _rx, _word_first, extract, fold, gazetteer, unwrap
from monitor.dates import after_another
from monitor.models import Document, Source


def run(text, published="2025-10-10", title=None):
    return extract(Document(Source(path="t.txt", published=published), title, text))


def test_no_pattern_of_language_toml_has_an_empty_alternative():
    # a stray "|" at the end of a line of a (?x) pattern would match everywhere
    for name, value in _rx().items():
        for _, pattern in (value if isinstance(value, list) else [(name, value)]):
            src = pattern.pattern
            assert "||" not in src and "(|" not in src and "|)" not in src and not src.startswith("|"), name
            assert not pattern.search("zzzz qqqq"), name
            # no comment line inside a pattern: _pattern() would have matched it as text
            assert "# " not in src, name


def test_word_bounded_alternatives_share_one_boundary_and_keep_their_order():
    assert _word_first(r"\ba|\bab|c|\bd") == r"\b(?:a|ab)|c|\bd"
    assert _word_first(r"[|\b]x|\bq|\br") == r"[|\b]x|\b(?:q|r)"  # a bar in a class is not an alternative
    assert _word_first(r"x[^]|]|\ba") == r"x[^]|]|\ba"
    assert _word_first(r"(\ba|\bb)") == r"(\ba|\bb)"  # only the top level
    for source in (r"\bsend|\bsent to|\bse", r"\bin (?:the|his) message|в письме|\bthe message said"):
        for text in ("we sent to them", "they send", "в письме, in the message", "the message said"):
            old, new = re.search(source, text), re.search(_word_first(source), text)
            assert (old and old.span()) == (new and new.span())


def test_folding_keeps_length_and_reads_variants():
    raw = "Kim Jong\u2011un\u00a0sent \u201cwarm\u201d greetings to Vu\u010di\u0107"
    assert len(fold(raw)) == len(raw)
    assert fold(raw) == 'Kim Jong-un sent "warm" greetings to Vucic'
    names = [m.name for m in gazetteer().mentions(fold(raw))]
    assert names == ["Kim Jong Un", "Aleksandar Vucic"]


def test_title_resolves_to_its_holder_on_the_date_and_counts_as_unnamed():
    msgs = run("North Korean leader Kim Jong Un sent a congratulatory message to the president of the "
               "People's Republic of China on Tuesday on the anniversary of diplomatic ties.", "2025-10-08")
    assert [(m.recipient, m.recipient_named, m.date) for m in msgs] == [("Xi Jinping", False, "2025-10-07")]
    old = run("Kim Jong Un sent a congratulatory message to the premier of the State Council of the People's "
              "Republic of China on Monday.", "2020-01-07")
    assert old[0].recipient == "Li Keqiang"


@pytest.mark.parametrize("sentence", [
    "Kim Jong Un did not send a birthday message to Xi Jinping this year, state media coverage showed.",
    "It is not clear whether Kim sent a message to Putin on his birthday.",
    "Pyongyang regularly sends greetings to the leaders of Laos and Vietnam.",
    "Kim Jong Un may send a letter to Donald Trump, officials in Seoul said on Monday.",
    "Kim Jong Un met Vladimir Putin for talks at the Vostochny space centre on Wednesday.",
    "The missile launch sent a clear message to Washington, analysts said.",
    "Xi Jinping sent a congratulatory message to Vladimir Putin on his re-election.",
    "Kim Yo Jong said in a statement that Seoul's letters would not be read.",
])
def test_what_is_not_a_message_gives_nothing(sentence):
    assert run(sentence) == []


def test_exchange_gives_two_messages_and_a_list_one_per_country():
    ex = run("Kim Jong Un and Lao President Thongloun Sisoulith exchanged messages on Monday on the "
             "anniversary of diplomatic relations.")
    assert sorted((m.sender_country, m.recipient_country) for m in ex) == [("KP", "LA"), ("LA", "KP")]
    digest = run("Kim Jong Un sent New Year cards to the heads of state of Vietnam, Laos, Cuba and Belarus, "
                 "state media said on Friday.", "2026-01-02")
    assert sorted(m.recipient_country for m in digest) == ["BY", "CU", "LA", "VN"]
    vn = next(m for m in digest if m.recipient_country == "VN")
    assert vn.grouped_with == ("BY", "CU", "LA") and vn.recipient_named is False and vn.list_position == 1
    assert next(m for m in digest if m.recipient_country == "BY").list_position == 4


def test_senders_listed_after_the_message_take_kim_from_the_sentence_before():
    msgs = run("Kim Jong Un received congratulatory messages on the founding anniversary of the DPRK.\n"
               "The messages came from Vladimir Putin, president of Russia, and Miguel Diaz-Canel, "
               "president of Cuba.", "2025-09-10")
    assert sorted((m.sender_country, m.recipient_country, m.occasion) for m in msgs) == [
        ("CU", "KP", "national_day"), ("RU", "KP", "national_day")]


def test_treatment_the_press_reports():
    msgs = run("North Korean state media said on Sunday that Kim Jong-un sent a New Year card to Chinese President "
               "Xi Jinping, but did not disclose his name or the contents of the card.", "2026-01-04")
    assert [(m.recipient_named, m.content_published) for m in msgs] == [(False, "none")]
    full = run("Kim Jong Un sent a birthday telegram to Russian President Vladimir Putin on Tuesday, and the "
               "Rodong Sinmun published the full text.", "2025-10-08")
    assert [(m.kind, m.content_published, m.date) for m in full] == [("telegram", "full", "2025-10-07")]


def test_relative_dates():
    msgs = run("Kim Jong Un sent a congratulatory letter to Vietnamese President Luong Cuong on Dec. 27 last year, "
               "state media said.", "2026-01-05")
    assert msgs[0].date == "2025-12-27"
    msgs = run("Kim also sent a birthday message to Putin last October.", "2026-01-05")
    assert msgs[0].date == "2025-10"


def test_korean_and_russian():
    # 축전 is what KCNA renders "congratulatory message"
    ko = run("김정은동지께서 로씨야련방 대통령 뿌찐동지에게 새해 축전을 보내시였다.", "2026-01-01")
    assert [(m.sender_country, m.recipient_country, m.kind, m.occasion) for m in ko] == [("KP", "RU", "message", "new_year")]
    ru = run("Президент России Владимир Путин направил Ким Чен Ыну поздравительное послание с Новым годом.", "2026-01-01")
    assert [(m.sender_country, m.recipient_country, m.occasion) for m in ru] == [("RU", "KP", "new_year")]


def test_furniture_headlines_give_nothing():
    text = ("Seoul shares close higher on chip rally.\n\nRelated stories\n"
            "Kim sends birthday greetings to Putin\nKim congratulates Lao president on re-election\n")
    assert run(text) == []



def test_a_place_is_not_a_party_and_a_double_object_receives():
    msgs = run("In June, shortly after his summit in Pyongyang, Putin sent Kim a letter of thanks for the "
               "hospitality.", "2024-07-01")
    assert [(m.sender_country, m.recipient_country, m.kind) for m in msgs] == [("RU", "KP", "letter")]


def test_two_people_of_one_country_on_one_day_are_two_messages_and_other_kims_are_not_kim_jong_un():
    msgs = run("Russian President Vladimir Putin sent a congratulatory message to Kim Jong Un on Monday on the "
               "founding anniversary of the DPRK. In a separate message, Russian Prime Minister Mikhail Mishustin "
               "congratulated North Korean Premier Kim Tok Hun.", "2024-09-10")
    assert sorted((m.sender, m.recipient_country) for m in msgs) == [("Mikhail Mishustin", "KP"), ("Vladimir Putin", "KP")]
    assert next(m for m in msgs if m.sender == "Mikhail Mishustin").recipient != "Kim Jong Un"


def test_a_reply_and_the_message_it_answers():
    msgs = run("Pyongyang, July 3 (KCNA) -- Kim Jong Un received a reply message from Alexander Lukashenko, "
               "president of Belarus. Lukashenko sent it in reply to the congratulatory message which Kim Jong Un "
               "had sent to him on June 28 on the Independence Day of Belarus.", "2025-07-03")
    pairs = sorted((m.sender_country, m.recipient_country, m.reply, m.date) for m in msgs)
    assert pairs == [("BY", "KP", True, "2025-07-03"), ("KP", "BY", False, "2025-06-28")]


def test_state_media_item_without_a_word_of_the_message_withholds_the_text():
    kcna = run("Pyongyang, January 1 (KCNA) -- Kim Jong Un received a New Year card from the President of the "
               "Lao People's Democratic Republic.", "2025-01-01")
    assert [m.content_published for m in kcna] == ["none"]
    press = run("Kim Jong Un received a New Year card from Lao President Thongloun Sisoulith, KCNA said.", "2025-01-02")
    assert [m.content_published for m in press] == [None]


def test_a_plural_claim_beside_another_message_covers_the_list_before_it():
    msgs = run("Kim Jong-un sent New Year's cards to Russian President Vladimir Putin, Vietnamese President "
               "Luong Cuong and Cuban President Miguel Diaz-Canel, state media reported Thursday. The report did "
               "not disclose the contents of the cards, although KCNA had separately carried the full text of "
               "Kim's card to Putin.", "2025-01-02")
    assert {m.recipient_country: (m.content_published, len(m.grouped_with)) for m in msgs} == {
        "RU": ("full", 2), "VN": ("none", 2), "CU": ("none", 2)}


def test_words_said_at_a_meeting_are_not_the_message():
    msgs = run("Kim Jong Un sent a New Year card to Russian President Vladimir Putin, state media said. "
               "State media also reported on a party plenary meeting, at which Kim called for the \"toughest\" "
               "policy.", "2025-01-02")
    assert [m.content_published for m in msgs] == [None]


def test_the_one_mourned_is_not_the_recipient():
    msgs = run("Kim Jong Un sent a message of condolence to Iran's acting President Mohammad Mokhber. In the "
               "message, Kim offered condolences over the passing of President Raisi.", "2024-05-21")
    assert [(m.recipient, m.recipient_country) for m in msgs] == [("Mohammad Mokhber", "IR")]


def test_a_printed_message_gives_its_occasion():
    msgs = run("Pyongyang, June 12 (KCNA) -- Kim Jong Un sent greetings to Vladimir Vladimirovich Putin, president "
               "of the Russian Federation, on June 12.\n\nThe greetings read in full:\n\n"
               "On the occasion of Russia Day, the national holiday of the Russian Federation, I extend warm "
               "congratulations to you and, through you, to the people of Russia. I hope that you and your people "
               "will achieve greater success in building a powerful state, and I wish you good health.",
               "2024-06-12")
    assert [(m.occasion, m.content_published) for m in msgs] == [("national_day", "full")]


def test_naming_claims_of_this_report_and_of_others():
    msgs = run("Kim Jong-un sent New Year's cards to Russian President Vladimir Putin, Chinese President Xi "
               "Jinping, the president of Vietnam and the president of Cuba, state media said. Unlike last year, "
               "when the recipients were identified only by their official titles, KCNA named Putin and Xi in "
               "full. The other two leaders were referred to by title alone.", "2025-01-02")
    assert {m.recipient_country: m.recipient_named for m in msgs} == {"RU": True, "CN": True, "VN": False, "CU": False}


def test_the_russian_president_of_a_report_that_names_him_is_named():
    msgs = run("Russian President Vladimir Putin received many birthday greetings, the Kremlin said. Kim Jong Un "
               "was among the leaders who congratulated the Russian president on his birthday.", "2024-10-08")
    assert [(m.recipient_country, m.recipient_named) for m in msgs] == [("RU", True)]


def test_a_message_already_told_of_takes_no_date_from_its_words():
    msgs = run("State media printed the New Year greetings that Russian President Vladimir Putin sent to Kim Jong "
               "Un. In the greetings, Putin said the treaty the two leaders signed in June had raised relations "
               "to a new level. In June, Putin had sent Kim a letter of thanks for his hospitality.", "2024-12-31",
               title="Putin's New Year greetings printed in full")
    got = sorted((m.kind, m.occasion, m.date) for m in msgs)
    assert got == [("greetings", "new_year", "2024-12-31"), ("letter", "other", "2024-06")]


def test_a_list_set_off_by_semicolons():
    msgs = run("Congratulatory messages came from Xi Jinping, General Secretary of the Communist Party of China "
               "Central Committee; Vladimir Putin, President of the Russian Federation; Kim Jong Un, General "
               "Secretary of the Workers' Party of Korea; and His Majesty Norodom Sihamoni, King of Cambodia.",
               "2024-12-04", title="Lao leader Thongloun Sisoulith receives congratulatory messages on National Day")
    assert [(m.sender_country, m.recipient_country, m.grouped_with) for m in msgs] == [("KP", "LA", ("CN", "KH", "RU"))]
    cards = run("Kim sent the cards to the president of China, the general secretary of Vietnam's Communist Party, "
                "the president of Laos and the first secretary of Cuba's Communist Party.", "2025-01-01")
    assert sorted(m.recipient_country for m in cards) == ["CN", "CU", "LA", "VN"]


def test_a_digest_over_several_sentences_is_one_list():
    msgs = run("Pyongyang, January 3 (KCNA) -- New Year cards came to Kim Jong Un from leaders of various countries.\n\n"
               "Cards were sent to him by Xi Jinping, president of the People's Republic of China, and by Vladimir "
               "Vladimirovich Putin, president of the Russian Federation.\n\n"
               "Sending New Year cards were To Lam, general secretary of the Central Committee of the Communist Party "
               "of Vietnam, and Luong Cuong, president of the Socialist Republic of Vietnam.\n\n"
               "The president of the Republic of Nicaragua and the president of the Republic of Indonesia also sent "
               "New Year cards.\n\nCongratulations were also extended by Alexander Lukashenko, president of the "
               "Republic of Belarus.", "2025-01-03")
    got = sorted((m.sender, m.recipient_country, m.content_published) for m in msgs)
    assert [g[0] for g in got] == sorted(["Xi Jinping", "Vladimir Putin", "To Lam", "Luong Cuong", "Daniel Ortega",
                                          "Prabowo Subianto", "Alexander Lukashenko"])
    assert {g[1] for g in got} == {"KP"} and {g[2] for g in got} == {"none"}
    china = next(m for m in msgs if m.sender_country == "CN")
    assert china.grouped_with == ("BY", "ID", "NI", "RU", "VN")


def test_in_a_message_sent_to_x_the_senders_follow():
    msgs = run("In a message sent to Kim Jong Un, General Secretary of the Workers' Party of Korea, General Secretary "
               "To Lam and State President Luong Cuong affirmed that the friendship between Vietnam and the DPRK is "
               "a valuable asset.", "2025-01-31")
    assert [(m.sender_country, m.recipient_country) for m in msgs] == [("VN", "KP")]
    other = run("Kim Jong Un sent cards to foreign leaders. In his message to the Tajik leader, Aleksandr "
                "Lukashenko noted that relations were strong.", "2025-09-09")
    assert [m.recipient_country for m in other] == []


def test_things_that_are_not_a_message_sent():
    for sentence in [
        "Kim and Trump have exchanged a number of personal letters since their first summit in Singapore.",
        "Xi asked Kim to convey his sincere greetings to the Korean people.",
        "Kim thanked the Russian leader Vladimir Putin for the invitation and for the warm welcome.",
        "The DPRK Foreign Ministry extends warm congratulations to the Ministry of Foreign Affairs of the Russian "
        "Federation on the anniversary.",
        "Whether Xi's message to Kim Jong Un is printed in full will say a great deal.",
        "North Korean authorities are considering having Kim Jong Un send a personal letter to Donald Trump.",
    ]:
        assert run(sentence, "2025-06-19") == [], sentence


def test_a_date_told_against_another():
    msgs = run("Putin sent New Year greetings to Kim Jong Un on Dec. 31, state media said. Kim's own card to Xi "
               "Jinping, sent the same evening, went out as one line in a list. Three days later, Kim sent a "
               "message to Lao President Thongloun Sisoulith.", "2025-01-10")
    assert {m.recipient_country: m.date for m in msgs} == {"KP": "2024-12-31", "CN": "2024-12-31", "LA": "2025-01-03"}


def test_korean_exchange_and_dates():
    msgs = run("북한 김정은 국무위원장과 시진핑 중국 국가주석이 축전을 주고받았다. 5년 전인 2019년 10월 6일 수교 70주년 "
               "때도 두 정상은 축전을 교환했다.", "2024-10-07")
    assert sorted((m.sender_country, m.recipient_country, m.date) for m in msgs) == [
        ("CN", "KP", "2019-10-06"), ("CN", "KP", "2024-10-07"), ("KP", "CN", "2019-10-06"), ("KP", "CN", "2024-10-07")]


def test_russian_cases_tell_sender_from_addressee():
    msgs = run("По словам Ушакова, Путина поздравили председатель КНР Си Цзиньпин, председатель по государственным "
               "делам КНДР Ким Чен Ын и президент Казахстана Касым-Жомарт Токаев.", "2025-10-07")
    assert [(m.sender_country, m.recipient_country, m.grouped_with) for m in msgs] == [("KP", "RU", ("CN", "KZ"))]


def test_the_message_a_reply_answers_keeps_its_own_date():
    msgs = run("Pyongyang, October 22 (KCNA) -- Kim Jong Un sent a reply message to Miguel Mario Diaz-Canel Bermudez, "
               "president of the Republic of Cuba. The reply was in answer to the congratulatory message which "
               "Diaz-Canel Bermudez had sent to him on October 10 on the founding anniversary of the party.",
               "2025-10-22")
    assert sorted((m.sender_country, m.date, m.reply) for m in msgs) == [("CU", "2025-10-10", False),
                                                                       ("KP", "2025-10-22", True)]


def test_x_told_y_in_a_message():
    msgs = run("On Oct. 6, 2019, when the two sides marked the 70th anniversary, Kim told Xi in a message that the "
               "friendship would last. On Oct. 7 last year, Kim called Putin his \"dearest comrade\" in a birthday "
               "message.", "2025-03-01")
    assert sorted((m.sender_country, m.recipient_country, m.date) for m in msgs) == [
        ("KP", "CN", "2019-10-06"), ("KP", "RU", "2024-10-07")]


def test_that_year():
    msgs = run("In January 2020, Kim sent a letter of sympathy to Xi Jinping over the outbreak. In May that year the "
               "Chinese leader answered with a verbal message.", "2025-07-30")
    assert sorted((m.sender_country, m.date) for m in msgs) == [("CN", "2020-05"), ("KP", "2020-01")]


def test_among_them_after_messages_to_kim_are_the_senders():
    msgs = run("Heads of state of various countries sent congratulatory messages to Kim Jong Un on the occasion of "
               "the founding anniversary of the DPRK. Among them were Vladimir Putin, president of the Russian "
               "Federation, and the president of the Syrian Arab Republic.", "2022-09-10")
    assert sorted((m.sender_country, m.recipient_country, m.occasion) for m in msgs) == [
        ("RU", "KP", "national_day"), ("SY", "KP", "national_day")]


def test_both_leaders_messages():
    msgs = run("Kim Jong Un and Xi Jinping exchanged messages on Sunday. On the 70th anniversary in October 2019, "
               "the full texts of both leaders' messages were printed on the front page.", "2024-10-07")
    assert sorted((m.sender_country, m.date) for m in msgs) == [("CN", "2019-10"), ("CN", "2024-10-06"),
                                                                ("KP", "2019-10"), ("KP", "2024-10-06")]


def test_lists_of_titles_over_countries():
    msgs = run("Pyongyang, January 1 (KCNA) -- Kim Jong Un sent New Year cards to Vladimir Putin, president of the "
               "Russian Federation, and the presidents of the Republic of Congo, Guinea and Equatorial Guinea.",
               "2026-01-01")
    assert sorted(m.recipient_country for m in msgs) == ["CG", "GN", "GQ", "RU"]
    more = run("Kim Jong Un received New Year cards from Vladimir Putin, president of the Russian Federation, the "
               "heads of state of Equatorial Guinea, Uganda and the Republic of Congo.", "2025-01-02")
    assert sorted(m.sender_country for m in more) == ["CG", "GQ", "RU", "UG"]


def test_among_the_leaders_who_sent_messages_to_x():
    msgs = run("Cuban President Miguel Diaz-Canel received messages on the 65th anniversary of the triumph of the "
               "Revolution. Among the leaders who sent messages to the Cuban president were Xi Jinping, President "
               "of the People's Republic of China; and Kim Jong Un, General Secretary of the Workers' Party of "
               "Korea.", "2024-01-02")
    assert [(m.sender_country, m.recipient_country, m.occasion, m.grouped_with) for m in msgs] == [
        ("KP", "CU", "national_day", ("CN",))]


def test_words_of_a_message_quoted_below_a_line_that_introduces_them():
    # "The greetings read, in part:" is a line of its own, followed by the quotation: partial, not full
    msgs = run("Vladimir Putin sent greetings to Chairman of State Affairs of the Democratic People's Republic "
               "of Korea Kim Jong Un on the Day of the Foundation of the DPRK.\n"
               "The greetings read, in part:\n"
               '"Dear Comrade Chairman, I warmly congratulate you on the national holiday."', "2025-09-09")
    assert [(m.sender_country, m.content_published) for m in msgs] == [("RU", "partial")]


@pytest.mark.parametrize("words", [
    "In their messages, the leaders extended warm congratulations to the people of Vietnam.",
    "Kim Jong Un sent a message of congratulations to To Lam on the same day, in which he spoke highly of "
    "the development of the bilateral relationship.",
])
def test_paraphrase_makes_content_partial(words):
    msgs = run("General Secretary To Lam received congratulatory messages from Kim Jong Un on Monday. " + words)
    assert {m.content_published for m in msgs if m.sender_country == "KP"} == {"partial"}


def test_words_after_a_reply_are_the_replys_not_those_of_the_message_it_answers():
    msgs = run("Kim Jong Un received a reply message from To Lam, general secretary of the Communist Party of "
               "Viet Nam. The message was sent in reply to the congratulatory message which Kim Jong Un had sent "
               "to To Lam on September 1. Extending sincere thanks to Kim Jong Un for his warm congratulations, "
               "To Lam said that the Vietnamese people highly value the traditional friendship.", "2025-09-12")
    content = {(m.sender_country, m.recipient_country): m.content_published for m in msgs}
    assert content == {("VN", "KP"): "partial", ("KP", "VN"): None}


def test_words_of_a_list_told_of_before_cover_the_whole_list():
    msgs = run("Kim Jong Un sent New Year cards to Xi Jinping, president of the People's Republic of China, and "
               "Vladimir Putin, president of the Russian Federation. New Year cards were also sent to the King of "
               "Cambodia and the president of the Republic of Uganda. In the cards Kim Jong Un extended warm New "
               "Year greetings to the heads of state and wished them greater success.", "2024-01-01")
    assert sorted((m.recipient_country, m.content_published) for m in msgs) == [
        ("CN", "partial"), ("KH", "partial"), ("RU", "partial"), ("UG", "partial")]


def test_what_either_leader_said_withheld():
    msgs = run("KCNA reported on Sunday only that Kim Jong Un and Xi Jinping had exchanged messages to mark the "
               "anniversary. The two-line dispatch did not disclose what either leader said.", "2024-10-06")
    assert {m.content_published for m in msgs} == {"none"}


@pytest.mark.parametrize("phrase, occasion", [
    ("Lao leaders congratulate DPRK on 77th founding anniversary", "national_day"),
    ("marking the DPRK's 75th founding anniversary", "national_day"),
    ("on the WPK's 80th founding anniversary", "anniversary"),
])
def test_a_country_s_founding_anniversary_is_its_national_day(phrase, occasion):
    from monitor.extract import occasion_of
    assert occasion_of(phrase) == occasion


def test_a_past_message_dated_by_the_anniversary_it_marked():
    past = run("For the 60th anniversary of the treaty, Xi and Kim swapped messages, with Xi promising to lead "
               "bilateral ties to a new level.", "2025-07-30")
    assert sorted((m.sender_country, m.date) for m in past) == [("CN", "2021-07-11"), ("KP", "2021-07-11")]
    # the year given, the anniversary gives the day
    year = run("In 2019, Kim Jong Un sent Xi Jinping a message on the 70th anniversary of diplomatic ties.", "2025-10-06")
    assert [m.date for m in year] == ["2019-10-06"]
    # a message of this season keeps the report's date; one of a day yet to come is not dated by it
    now = run("Kim Jong Un sent a message to Xi Jinping on Sunday on the 75th anniversary of diplomatic ties.",
              "2024-10-07")
    assert [m.date for m in now] == ["2024-10-06"]
    ahead = run("Zhao Leji conveyed a verbal message from Chinese President Xi Jinping to Kim Jong Un marking the "
                "75th anniversary of diplomatic ties.", "2024-04-13")
    assert [m.date for m in ahead] == ["2024-04-13"]
    # the number in words
    words = run("For the sixtieth anniversary of the treaty, Xi and Kim swapped messages.", "2025-07-30")
    assert sorted(m.date for m in words) == ["2021-07-11", "2021-07-11"]
    (m,) = run("Kim Jong Un sent Xi Jinping a message on the seventy-fifth anniversary of diplomatic ties.", "2025-05-01")
    assert m.date == "2024-10-06"
    # a leader of that day, no longer in office when the report was written; a party by another of its names
    (m,) = run("Kim Jong Il sent Hu Jintao a message for the ninetieth anniversary of the Chinese Communist Party.",
               "2013-04-16")
    assert (m.recipient, m.date) == ("Hu Jintao", "2011-07-01")


def test_cabled_and_wrote_to_are_messages_and_a_habit_is_not():
    cabled = run("On Friday, Chairman Kim cabled Palestinian President Mahmoud Abbas to mark the anniversary of "
                 "the proclamation of the State of Palestine.", "2024-11-18")
    assert [(m.recipient_country, m.date) for m in cabled] == [("PS", "2024-11-15")]
    wrote = run("Kim Jong Un wrote to Putin on Monday, congratulating him on his birthday.", "2024-10-08")
    assert [(m.sender_country, m.recipient_country, m.occasion) for m in wrote] == [("KP", "RU", "birthday")]
    assert run("Kim Jong Un wrote in the Rodong Sinmun about his talks with Putin.") == []
    assert run("Kim has written to Xi several times since 2018.") == []


@pytest.mark.parametrize("text, direction, countries", [
    ("Recipients of Kim's New Year cards this year included Putin, Xi Jinping, To Lam and Thongloun Sisoulith.",
     ("KP", None), ["CN", "LA", "RU", "VN"]),
    ("Senders of New Year cards to Kim Jong Un this year included Putin, Xi Jinping and To Lam.",
     (None, "KP"), ["CN", "RU", "VN"]),
    ("Kim Jong Un received New Year cards from Xi Jinping and Vladimir Putin. Also sending New Year cards to Kim Jong "
     "Un were the president of the Republic of Cuba and the King of Cambodia.", (None, "KP"), ["CN", "CU", "KH", "RU"]),
    ("Kim Jong Un sent New Year cards to Xi Jinping and Vladimir Putin. Also receiving his cards were the president "
     "of the Lao People's Democratic Republic and the King of Cambodia.", ("KP", None), ["CN", "KH", "LA", "RU"]),
    ("Kim Jong Un received New Year cards from heads of state of various countries. They included Xi Jinping, "
     "president of the People's Republic of China, and Vladimir Putin, president of the Russian Federation.",
     (None, "KP"), ["CN", "RU"]),
    ("Kim Jong Un received New Year cards from heads of state of various countries. The cards were sent by the "
     "president of the People's Republic of China and the president of the Republic of Belarus.", (None, "KP"), ["BY", "CN"]),
])
def test_lists_headed_by_their_role(text, direction, countries):
    msgs = run(text, "2025-01-02")
    assert all((direction[0] or m.sender_country, direction[1] or m.recipient_country)
               == (m.sender_country, m.recipient_country) for m in msgs)
    assert sorted(m.counterpart for m in msgs) == countries
    assert {(m.kind, m.occasion) for m in msgs} == {("card", "new_year")}


def test_they_included_is_a_list_only_after_messages():
    assert run("Kim Jong Un met foreign guests on Monday. They included Xi Jinping and Vladimir Putin.") == []


def test_a_list_that_goes_on_after_to():
    msgs = run("Kim Jong Un sent New Year cards to heads of state of various countries. They went to Hu Jintao, "
               "president of the People's Republic of China, and Truong Tan Sang, president of the Socialist Republic "
               "of Viet Nam, and to the president of the Lao People's Democratic Republic and the president of the "
               "Republic of Indonesia.", "2012-12-31")
    assert sorted(m.recipient_country for m in msgs) == ["CN", "ID", "LA", "VN"]
    assert all(m.sender_country == "KP" and len(m.grouped_with) == 3 for m in msgs)


def test_a_country_s_birthday_is_its_national_day():
    from monitor.extract import occasion_of
    assert occasion_of("Foreign leaders greet 70th birthday of DPRK") == "national_day"
    assert occasion_of("the 75th anniversary of the North's founding") == "national_day"
    assert occasion_of("the anniversary of Korea's liberation from Japanese rule") == "national_day"
    assert occasion_of("Putin's 70th birthday") == "birthday"


def test_a_message_to_the_same_foreign_leader_is_not_ours():
    msgs = run("Vladimir Putin has received birthday congratulations from foreign leaders, among them Kim Jong Un. "
               "In his message, the North Korean leader wished Putin good health. Kim also wrote that cooperation "
               "between Moscow and Pyongyang would grow stronger. Xi, for his part, sent his greetings in a letter.",
               "2022-10-07")
    assert [(m.sender_country, m.recipient_country) for m in msgs] == [("KP", "RU")]


def test_that_year_is_the_year_just_named():
    msgs = run("Kim Jong Un sent New Year cards to Xi Jinping on Jan. 1, 2024. The gap with 2019 is wider still. "
               "That year, his card to Putin was mentioned only briefly. Analysts say the shift has been building "
               "since 2023. In May that year, Kim congratulated Putin on Victory Day. When Xi congratulated Kim on "
               "the 75th anniversary of the North's founding that September, the KCNA ran the message on page two.",
               "2025-01-02")
    dates = {(m.sender_country, m.recipient_country, m.occasion): m.date for m in msgs}
    assert dates[("KP", "RU", "other")] == "2019"
    assert dates[("KP", "RU", "anniversary")] == "2023-05"
    assert dates[("CN", "KP", "national_day")] == "2023-09"


def test_the_absence_of_a_message_is_not_one():
    assert run('"The absence of a Chinese message is a snub from Beijing," said Kim Jong Un\'s biographer.') == []


def test_a_possessive_country_without_s_joins_its_leader():
    msgs = run("Kim had received New Year cards from Laos' Thongloun Sisoulith and Belarus' Alexander Lukashenko.",
               "2025-01-02")
    assert sorted((m.sender_country, m.sender_named) for m in msgs) == [("BY", True), ("LA", True)]


def test_two_messages_of_kin_occasions_on_two_days_stay_two():
    msgs = run("Kim Jong Un and Xi Jinping exchanged messages on Sunday to mark the 75th anniversary of diplomatic "
               "relations. Kim did send Xi a brief message on Oct. 1 marking the 75th anniversary of the founding of "
               "the People's Republic of China.", "2024-10-07")
    assert sorted((m.sender_country, m.occasion, m.date) for m in msgs) == [
        ("CN", "anniversary", "2024-10-06"), ("KP", "anniversary", "2024-10-06"), ("KP", "national_day", "2024-10-01")]


def test_a_history_told_in_order_dates_its_messages():
    msgs = run("In May 2020, Kim sent Xi a verbal message congratulating him. Xi answered with a verbal message of "
               "his own. The Eighth Congress of the Workers' Party of Korea in January 2021 provided the next occasion. "
               "The Communist Party of China's Central Committee sent a congratulatory message to the congress.",
               "2024-07-16")
    assert sorted((m.sender_country, m.date) for m in msgs) == [("CN", "2020-05"), ("CN", "2021-01"), ("KP", "2020-05")]


def test_messages_that_were_printed_and_contents_neither_side_disclosed():
    msgs = run("On July 11, 2021, Kim and Xi traded messages that were each published in full.", "2024-07-16")
    assert {(m.date, m.content_published) for m in msgs} == {("2021-07-11", "full")}
    letter = run("In July 2023, Li handed Kim a personal letter from Xi, but neither side disclosed its contents.",
                 "2024-07-16")
    assert [(m.sender_country, m.content_published) for m in letter] == [("CN", "none")]


def test_a_digest_and_what_its_senders_said():
    text = ("Pyongyang, September 15 (KCNA) -- Kim Jong Un received congratulatory messages on September 9 from heads "
            "of state of many countries on the occasion of the 70th founding anniversary of the DPRK.\n"
            "The messages came from Vladimir Putin, President of the Russian Federation; Nguyen Phu Trong, President of "
            "the Socialist Republic of Viet Nam; and Bashar Al-Assad, President of the Syrian Arab Republic.\n"
            "The senders warmly congratulated Kim Jong Un, noting that the DPRK has made great achievements.\n"
            "On September 8 the Central Committee of the Communist Party of China sent a message of greetings to the "
            "Central Committee of the Workers' Party of Korea on the occasion. It said that the Chinese party would "
            "always stand together with its Korean comrades.")
    msgs = {m.sender_country: m for m in run(text, "2018-09-15")}
    assert sorted(msgs) == ["CN", "RU", "SY", "VN"]
    assert {c: m.content_published for c, m in msgs.items()} == dict.fromkeys(msgs, "partial")
    assert msgs["CN"].grouped_with == () and msgs["RU"].grouped_with == ("SY", "VN")


def test_him_is_the_leader_the_sentence_named_before():
    msgs = run("Putin visited Pyongyang in June. In June 2019, a few days before Xi became the first Chinese leader in "
               "14 years to visit Pyongyang, Kim sent him a birthday message.", "2024-07-01")
    assert [(m.recipient_country, m.date) for m in msgs] == [("CN", "2019-06")]


@pytest.mark.parametrize("sentence", [
    "It is thought to be the first time that Mr Kim has publicly sent such a message to a Japanese leader.",
    "Officials are drafting options, including a personal letter from Trump to Kim that could be delivered "
    "through the North Korean mission to the United Nations.",
])
def test_such_a_message_and_one_that_could_be_delivered_are_not_new(sentence):
    assert run(sentence) == []


def test_the_month_may_is_not_a_may():
    msgs = run("Kim Jong Un on May 20 sent a message of condolence to Mohammad Mokhber, first vice-president of the "
               "Islamic Republic of Iran.", "2024-05-21")
    assert [(m.recipient_country, m.date) for m in msgs] == [("IR", "2024-05-20")]


def test_last_month_the_8th_and_a_telegram_responded_to():
    from datetime import date

    from monitor.dates import find_dates
    assert [d.value for d in find_dates("Last month Kim sent a message", date(2024, 6, 20))] == ["2024-05"]
    assert [d.value for d in find_dates("forwarded to him on the 8th on the occasion", date(2023, 9, 22))] == ["2023-09-08"]
    assert find_dates("on the 8th anniversary", date(2023, 9, 22)) == []
    msgs = run("Kim Jong Un sent a reply to Putin. Kim's reply, carried Sunday by KCNA, responded to a telegram of "
               "condolence from Putin that the agency had published on Saturday.", "2024-08-05")
    assert ("RU", "KP", "2024-08-03") in {(m.sender_country, m.recipient_country, m.date) for m in msgs}


def test_a_year_named_beside_a_day_without_one_is_that_days_year():
    from datetime import date

    from monitor.dates import find_dates
    ref = date(2025, 10, 10)
    assert [d.value for d in find_dates("Last year, on New Year's Day, KCNA ran", ref)] == ["2024-01-01"]
    assert [d.value for d in find_dates("on Jan. 5 in 2019 Kim", ref)] == ["2019-01-05"]
    assert [d.value for d in find_dates("in 2019 and on Jan. 5 he", ref)] == ["2019", "2025-01-05"]
    msgs = run("Last year, on New Year's Day, KCNA ran Kim's card to Xi as a standalone item.", "2022-01-03")
    assert [(m.recipient_country, m.date) for m in msgs] == [("CN", "2021-01-01")]


@pytest.mark.parametrize("claim", [
    "none of those cards was quoted",
    "the item gave no details of what the cards said",
    "the item quoted none of their words",
    "the agency said nothing of what they contained",
    "the agency released the text of neither",
    "the item carried no part of any of the messages' texts",
    "they appeared with no word on what their cards said",
])
def test_what_was_not_printed_said_in_other_words(claim):
    msgs = run(f"KCNA reported that Kim Jong Un had sent New Year cards to Xi Jinping and Vladimir Putin, and {claim}.",
               "2025-01-02")
    assert [m.content_published for m in msgs] == ["none", "none"]


def test_a_message_printed_without_its_text_is_not_printed_in_full():
    msgs = run("When Xi congratulated Kim on the 75th anniversary of the North's founding, the KCNA ran the "
               "Chinese leader's message on page two without its text.", "2023-09-10")
    assert [m.content_published for m in msgs] == ["none"]


@pytest.mark.parametrize("claim", [
    "KCNA did not publish the message in full, giving only a summary, where full texts have become the norm.",
    "KCNA carried the report on Sunday, though it did not run the full text of the message.",
])
def test_a_text_said_not_printed_in_full_is_not_full(claim):
    msgs = run("Kim Jong Un sent a message of condolence to Vladimir Putin on Saturday, calling the attack "
               f"\"an unpardonable crime\". {claim}", "2024-03-24")
    assert [m.content_published for m in msgs] == ["partial"]


def test_a_claim_is_about_the_messages_of_its_own_clause():
    msgs = run("In January 2019 Kim Jong Un's card to Xi Jinping ran as a stand-alone report complete with its full text, while his "
               "card to Vladimir Putin was mentioned only briefly further down.", "2019-01-02")
    assert {m.recipient_country: m.content_published for m in msgs} == {"CN": "full", "RU": None}


def test_cards_of_the_first_days_of_january_are_new_year_cards():
    msgs = run("On Jan. 1, 2024, the KCNA reported that Kim Jong Un had sent cards to Xi Jinping and Vladimir Putin.",
               "2025-01-02")
    assert {(m.occasion, m.date) for m in msgs} == {("new_year", "2024-01-01")}
    later = run("On March 3, 2024, the KCNA reported that Kim Jong Un had sent a card to Vladimir Putin.", "2025-01-02")
    assert [m.occasion for m in later] == ["other"]


def test_a_message_answered_by_a_reply_is_for_the_reply_s_occasion():
    msgs = run("Xi Jinping on Monday sent a reply message to Kim Jong Un to express gratitude for the latter's "
               "congratulations on Xi's re-election as general secretary. Kim had sent a congratulatory message to Xi "
               "on Oct. 23.", "2022-10-31")
    assert {(m.sender_country, m.occasion) for m in msgs} == {("CN", "election"), ("KP", "election")}


def test_a_message_of_the_same_day_between_the_same_countries_is_for_the_same_occasion():
    msgs = run("Kim Jong Un sent greetings on December 1 to Thongloun Sisoulith on the occasion of the 48th founding "
               "anniversary of the Lao PDR. The Central Committee of the WPK sent a congratulatory message to the "
               "Central Committee of the LPRP on the same day.", "2023-12-02")
    assert [m.occasion for m in msgs] == ["national_day", "national_day"]


def test_winning_the_elections_is_an_election():
    msgs = run("President Bashar al-Assad received a cable of congratulations from Kim Jong Un on the occasion of "
               "his winning the presidential elections.", "2021-05-31")
    assert [m.occasion for m in msgs] == ["election"]


def test_what_a_minister_said_afterwards_is_not_the_message():
    msgs = run("Vladimir Putin sent a telegram of congratulations to Kim Jong Un on the DPRK's founding anniversary. "
               "Earlier, Russian Foreign Minister Sergei Lavrov said that Moscow intends to further expand its "
               "cooperation with Pyongyang.", "2025-09-09")
    assert [m.content_published for m in msgs] == [None]


def test_he_also_sent_after_kim_sent_is_kim():
    msgs = run("Kim Jong Un sent a New Year card to Xi Jinping. He also sent New Year cards to Vladimir Putin and to the "
               "presidents of Syria and Belarus.", "2020-01-01")
    assert sorted(m.recipient_country for m in msgs if m.sender_country == "KP") == ["BY", "CN", "RU", "SY"]
    other = run("Kim Jong Un received a New Year card from Xi Jinping. He also sent New Year cards to Putin.", "2020-01-01")
    assert [m.sender_country for m in other] == ["CN"]


def test_the_wife_named_beside_kim_does_not_send_for_him():
    msgs = run("Kim Jong Un and his wife Ri Sol Ju sent a New Year card to Xi Jinping. He also sent New Year cards to "
               "Vladimir Putin.", "2020-01-01")
    assert sorted(m.recipient_country for m in msgs) == ["CN", "RU"]


def test_a_history_told_in_order_dates_a_message_three_sentences_on():
    msgs = run("On December 19, 2011, the CPC Central Committee sent a message of condolence to the Central Committee of "
               "the Workers' Party of Korea. The text mourned a great leader. Moscow's response the same day was more "
               "cautious. President Dmitry Medvedev sent a telegram of condolence addressed to Kim Jong-un.", "2013-04-02")
    assert {(m.sender_country, m.date) for m in msgs} == {("CN", "2011-12-19"), ("RU", "2011-12-19")}


def test_a_writer_named_before_in_his_own_letter():
    msgs = run("In a letter to Putin marking the anniversary of Korea's liberation, Kim Jong Un said their friendship had "
               "been forged in the struggle. Putin, in his own letter to Kim, said the two countries would \"continue to "
               "expand relations\". State media published the full texts of both messages.", "2022-08-15")
    assert {(m.sender_country, m.content_published) for m in msgs} == {("KP", "full"), ("RU", "full")}


def test_al_assad_and_a_by_inside_what_was_said():
    msgs = run("President al-Assad received a congratulatory telegram from Kim Jong Un on the anniversary of Evacuation "
               "Day. In the cable, Kim Jong Un said that the great victory achieved by President al-Assad showed the "
               "people's trust.", "2018-04-18")
    assert [(m.sender_country, m.recipient_country) for m in msgs] == [("KP", "SY")]


@pytest.mark.parametrize("sentence", [
    "North Korean state media made no mention on Saturday of any birthday greetings from Kim Jong Un to Xi Jinping.",
    "Kim Yong Nam briefly exchanged greetings with Russian President Vladimir Putin at a reception in the Kremlin.",
])
def test_no_mention_of_a_message_and_greetings_exchanged_in_person_are_not_messages(sentence):
    assert run(sentence, "2024-06-16") == []


def test_messages_of_a_list_of_years_are_one_a_year():
    msgs = run("Kim sent Xi birthday messages in 2019, 2020 and 2021, each of them carried by KCNA.", "2024-06-16")
    assert [(m.recipient_country, m.date) for m in msgs] == [("CN", "2019"), ("CN", "2020"), ("CN", "2021")]


def test_similar_messages_without_naming_them():
    msgs = run("Xi Jinping and Vladimir Putin sent messages on Monday congratulating Kim Jong Un on his re-election as "
               "General Secretary. KCNA carried Xi's message first, followed by Putin's, and said similar messages had "
               "arrived the same day from the leaders of Vietnam, Laos and Cuba, without naming them or disclosing what "
               "they said.", "2026-02-24")
    got = {m.sender_country: (m.occasion, m.sender_named) for m in msgs}
    assert got == {"CN": ("election", True), "RU": ("election", True), "VN": ("election", False),
                   "LA": ("election", False), "CU": ("election", False)}
    assert {m.content_published for m in msgs if m.sender_country in ("VN", "LA", "CU")} == {"none"}


def test_and_then_to_continues_a_list_after_a_long_apposition():
    msgs = run("Kim sent New Year cards first to Xi Jinping, named in full with both his party and state titles, and "
               "then to Vladimir Putin.", "2019-01-02")
    assert sorted(m.recipient_country for m in msgs) == ["CN", "RU"]


@pytest.mark.parametrize("sentence", [
    "Xi Jinping replied to the congratulatory message that Kim Jong Un had sent him on the founding anniversary of the PRC.",
    "Xi Jinping replied to Kim Jong Un's congratulatory message on the founding anniversary of the PRC.",
    "Xi Jinping sent the reply to the message of greetings which Kim Jong Un had sent him on the founding anniversary "
    "of the PRC.",
])
def test_a_reply_goes_to_the_one_whose_message_it_answers(sentence):
    msgs = run(sentence, "2025-10-08")
    assert sorted((m.sender_country, m.recipient_country, m.reply, m.occasion) for m in msgs) == [
        ("CN", "KP", True, "national_day"), ("KP", "CN", False, "national_day")]


def test_thanks_for_greetings_he_had_sent_and_the_answered_message_told_after_the_reply():
    msgs = run("Putin thanked Kim Jong Un for the birthday greetings he had sent on Oct. 7.", "2025-10-10")
    assert ("KP", "RU", "2025-10-07") in {(m.sender_country, m.recipient_country, m.date) for m in msgs}
    msgs = run("Kim Jong Un sent a reply message to Serdar Berdimuhamedov, president of Turkmenistan. It was in "
               "reply to the congratulatory message that the president of Turkmenistan sent on September 8 on the "
               "occasion of the 77th founding anniversary of the DPRK. The reply message reads: I thank you.", "2025-09-26")
    assert sorted((m.sender_country, m.recipient, m.date, m.occasion, m.content_published) for m in msgs) == [
        ("KP", "Serdar Berdimuhamedov", "2025-09-26", "national_day", "full"),
        ("TM", "Kim Jong Un", "2025-09-08", "national_day", None)]


def test_the_very_next_day_with_its_own_day_keeps_the_year_of_the_story():
    msgs = run("On Oct. 6, 2024, Kim and Xi exchanged messages on the anniversary of ties. The very next day, Oct. 7, "
               "Kim sent Putin a birthday message that addressed him as \"my dearest comrade\".", "2026-01-12")
    assert ("RU", "2024-10-07") in {(m.recipient_country, m.date) for m in msgs}


def test_the_card_to_x_after_cards_sent_to_no_one_named_is_one_of_them():
    msgs = run("The New Year cards, which Kim sent on Dec. 31 last year and which KCNA reported the next morning, broke "
               "the old pattern. The card to Putin was printed in full, while the card to Xi was merely noted in the same "
               "report; its text was not published.", "2024-01-19")
    assert sorted((m.recipient_country, m.occasion, m.date, m.content_published, m.grouped_with) for m in msgs) == [
        ("CN", "new_year", "2023-12-31", "none", ("RU",)), ("RU", "new_year", "2023-12-31", "full", ("CN",))]
    assert run("The card to Putin was printed in full.", "2024-01-19") == []


def test_a_new_year_card_told_beside_a_death_is_a_new_year_card():
    msgs = run("A year earlier, when Kim had been in power for barely two weeks following the death of his father Kim "
               "Jong Il, the KCNA reported on Jan. 1, 2012, that Chinese President Hu Jintao had sent him a New Year's card.",
               "2013-01-02")
    assert [(m.sender_country, m.occasion, m.date) for m in msgs] == [("CN", "new_year", "2012-01-01")]
    assert run("Kim sent a message of condolence to Xi on the death of Jiang Zemin.")[0].occasion == "condolence"


@pytest.mark.parametrize("sentence", [
    "In January, KCNA listed Putin ahead of Xi among the recipients of Kim's New Year cards.",
    "Kim's New Year card digest, released Jan. 1, again listed Putin before Xi.",
    "A year earlier, when Kim's cards of January 1 went out, Xi's name came first and Putin's second.",
])
def test_a_list_told_by_its_order_is_one_list(sentence):
    msgs = run(sentence, "2026-01-05")
    assert sorted((m.recipient_country, m.kind, m.occasion, m.grouped_with) for m in msgs) == [
        ("CN", "card", "new_year", ("RU",)), ("RU", "card", "new_year", ("CN",))]


def test_before_a_clause_is_not_a_list():
    msgs = run("Kim sent a message to Putin before Xi arrived in Moscow.")
    assert [m.recipient_country for m in msgs] == ["RU"]


def test_a_kremlin_list_in_russian_of_greetings_received_from_many_sends_to_the_one_named_before():
    msgs = run("Президент РФ Владимир Путин получил поздравления с Днем России от лидеров ряда иностранных государств. "
               "«В связи с национальным праздником – Днем России – поступили поздравительные послания от председателя КНР "
               "Си Цзиньпина, президента Белоруссии Александра Лукашенко, председателя Государственных дел КНДР Ким Чен "
               "Ына», – говорится в сообщении.", "2023-06-12")
    assert [(m.sender_country, m.recipient_country, m.grouped_with) for m in msgs] == [("KP", "RU", ("BY", "CN"))]


def test_russian_kinds_and_a_text_published_on_the_kremlin_site():
    msgs = run("Президент России Владимир Путин направил поздравительную телеграмму председателю Государственных дел КНДР "
               "Ким Чен Ыну по случаю 77-й годовщины образования КНДР. Текст телеграммы опубликован на сайте Кремля.",
               "2025-09-09")
    assert [(m.sender_country, m.kind, m.content_published) for m in msgs] == [("RU", "telegram", "full")]
    msgs = run("Президент России Владимир Путин получил поздравления с днем рождения от многих зарубежных лидеров. "
               "«Поздравления поступают со всех концов мира», — сказал он. По словам Ушакова, Путина поздравили "
               "председатель КНР Си Цзиньпин и председатель по государственным делам КНДР Ким Чен Ын.", "2025-10-07")
    assert [(m.sender_country, m.recipient_country, m.kind) for m in msgs] == [("KP", "RU", "greetings")]


def test_a_reply_that_speaks_of_the_others_message_goes_to_its_owner():
    msgs = run("Xi sent Kim a message on Saturday. Kim answered on Monday with a message of thanks, the KCNA reported, "
               "saying that Xi's warm congratulations had given \"great encouragement\" to the Korean people.", "2020-10-12")
    assert sorted((m.sender_country, m.recipient_country, m.reply, m.date) for m in msgs) == [
        ("CN", "KP", False, "2020-10-10"), ("KP", "CN", True, "2020-10-12")]


def test_the_cards_went_to_a_list_and_besides_joins_the_list_before():
    msgs = run("Kim Jong Un sent New Year cards to the heads of state of different countries. The cards went to the "
               "president of the People's Republic of China, the president of the Russian Federation and the president of "
               "the Lao People's Democratic Republic.", "2018-01-01")
    assert sorted((m.recipient_country, m.recipient_named) for m in msgs) == [("CN", False), ("LA", False), ("RU", False)]
    msgs = run("Kim Jong Un sent New Year cards to Putin and Xi on Sunday. Besides Putin and Xi, the cards went to the "
               "leaders of Vietnam, Laos and Cuba, according to KCNA.", "2024-01-02")
    assert sorted((m.recipient_country, m.date, len(m.grouped_with)) for m in msgs) == [
        (c, "2023-12-31", 4) for c in ("CN", "CU", "LA", "RU", "VN")]


@pytest.mark.parametrize("sentence, want", [
    ("Kim and Xi did swap messages on Oct. 6, 2024, as they have on round-number anniversaries before.",
     [("CN", "KP", "2024-10-06"), ("KP", "CN", "2024-10-06")]),
    ("On Oct. 1, 2019, Kim sent Xi a congratulatory message that hailed China's \"shining successes\".",
     [("KP", "CN", "2019-10-01")]),
    ("For Putin's birthday on Oct. 7, 2024, Kim sent greetings addressed to his \"dearest comrade\".",
     [("KP", "RU", "2024-10-07")]),
    ("Last week, on June 12, Kim marked Russia Day with a message to Putin pledging to stand with Russia and praising "
     "the heroism of Russian soldiers, a nod to the troops Pyongyang admitted in April it had sent to fight in Kursk.",
     [("KP", "RU", "2025-06-12")]),
])
def test_swaps_relative_clauses_birthdays_and_far_verbs(sentence, want):
    assert sorted((m.sender_country, m.recipient_country, m.date) for m in run(sentence, "2025-06-20")) == want


def test_on_a_day_that_year_and_what_stopped_short_of_the_full_text():
    msgs = run("Even in 2023, after Kim's pivot toward Moscow was under way, Beijing still got the birthday treatment. For "
               "Xi's 70th birthday on June 15 that year, Kim wished his \"respected comrade\" good health and \"greater "
               "success,\" in greetings KCNA quoted at some length, though it stopped short of printing the full text.",
               "2025-06-20")
    assert [(m.recipient_country, m.date, m.content_published) for m in msgs] == [("CN", "2023-06-15", "partial")]


@pytest.mark.parametrize("sentence", [
    "If Xi's birthday on June 15 passes without a public message from Kim, the chill will be plain.",
    "Pyongyang also let Xi's 71st birthday in June last year pass without any greeting from Kim being reported.",
])
def test_a_day_that_passes_without_a_message_is_not_one(sentence):
    assert run(sentence, "2025-06-01") == []


def test_the_one_whose_birthday_it_is_outranks_a_recipient_in_a_comparison():
    msgs = run("For Putin's birthday on Oct. 7, 2024, Kim sent greetings addressed to his \"dearest comrade,\" which KCNA "
               "reproduced in their entirety, roughly three times the length of the anniversary message to Xi.", "2025-06-20")
    assert [(m.recipient_country, m.occasion, m.content_published) for m in msgs] == [("RU", "birthday", "full")]
    # not fronted: the recipient the sentence names stays
    msgs = run("Kim sent a message to Xi on Putin's birthday.", "2025-06-20")
    assert [m.recipient_country for m in msgs] == ["CN"]


@pytest.mark.parametrize("text, occasion, content", [
    ("On Oct. 1, 2019, the 70th anniversary of the People's Republic, Kim sent Xi a congratulatory message. State media "
     "did not paraphrase it: the Korean Central News Agency ran every word.", "national_day", "full"),
    ("When Kim was elevated to general secretary at the Eighth Party Congress on Jan. 10, 2021, Xi congratulated him "
     "by message.", "election", None),
])
def test_founding_anniversaries_elevations_and_every_word(text, occasion, content):
    msgs = run(text, "2025-06-20")
    assert [(m.occasion, m.content_published) for m in msgs] == [(occasion, content)]


@pytest.mark.parametrize("text, want", [
    ("In response to the earthquake, Kim Jong Un sent a message of sympathy to Erdogan on Feb. 7.",
     [("KP", "TR", False, "2024-02-07")]),
    ("The terrorist attack on Crocus City Hall near Moscow on March 22, 2024, was answered by Kim the next day with a "
     "message of condolence to Vladimir Putin.", [("KP", "RU", False, "2024-03-23")]),
    ("Kim answered Putin's message of sympathy with a message of thanks on Aug. 20.", [("KP", "RU", True, "2024-08-20")]),
    ("Xi responded to Kim's message with a message of thanks on Aug. 20.", [("CN", "KP", True, "2024-08-20")]),
    ("There was no sign in Chinese state media that Xi had responded to the greetings as of Wednesday morning.", []),
])
def test_what_a_reply_answers_is_a_message_not_an_event(text, want):
    msgs = run(text, "2024-09-02")
    msgs = [m for m in msgs if m.reply] or msgs  # the reply, where there is one, not the message it answers
    assert sorted((m.sender_country, m.recipient_country, m.reply, m.date) for m in msgs) == want


def test_the_next_day_after_a_day_the_sentence_before_names_and_none_of_its_wording():
    msgs = run("The death of former Chinese president Jiang Zemin on Nov. 30, 2022, drew a comparable response. Kim's "
               "message of condolence to Xi Jinping, sent the next day, was carried in full by the Korean Central News "
               "Agency, and it dwelt on Jiang's visit to Pyongyang in 2001. Former Premier Li Keqiang died suddenly on "
               "Oct. 27, 2023, and Kim addressed a message of condolence to Xi the following day. This time KCNA limited "
               "itself to a two-line report; none of its wording was made public.", "2024-09-02")
    assert sorted((m.date, m.content_published) for m in msgs) == [("2022-12-01", "full"), ("2023-10-28", "none")]


@pytest.mark.parametrize("text, want", [
    ("The exchange of messages between Kim and Xi came on Jan. 1.", [("CN", "KP", "other"), ("KP", "CN", "other")]),
    ("The New Year exchange follows a congratulatory message Kim sent to Xi in October last year on the 74th anniversary "
     "of the founding of the People's Republic of China.", [("KP", "CN", "national_day")]),
    ("The exchange is the latest in a string of messages between the two leaders this year.", []),
])
def test_an_exchange_between_two_and_an_exchange_that_tells_of_what_came_before(text, want):
    assert sorted((m.sender_country, m.recipient_country, m.occasion) for m in run(text, "2024-01-02")) == want


@pytest.mark.parametrize("text, want", [
    ("Kim also sent Xi a congratulatory message last November, when the latter took over as General Secretary of the "
     "Communist Party of China at its 18th National Congress.", ("KP", "CN", "election", True)),
    ("In April 2012, then-President Hu Jintao sent Kim a congratulatory message within a day of his being named first "
     "secretary of the party.", ("CN", "KP", "election", True)),
    ("Kim Jong Eun sent a message of congratulations to Xi Jinping on Thursday.", ("KP", "CN", "other", True)),
    ("The Chinese Communist Party's Central Committee sent a congratulatory message to the Workers' Party's Central "
     "Committee when the congress opened on Friday.", ("CN", "KP", "congress", True)),
])
def test_posts_taken_over_spellings_and_the_party_s_central_committee(text, want):
    assert [(m.sender_country, m.recipient_country, m.occasion, m.sender_named) for m in run(text, "2013-03-16")] == [want]


def test_in_which_the_leader_voiced_is_partial():
    msgs = run("Kim sent a message to Xi on Oct. 1, in which the DPRK leader voiced support for China's efforts.", "2023-10-02")
    assert [m.content_published for m in msgs] == ["partial"]


def test_senders_listed_by_name_the_other_ones_without_details_and_cards_not_yet_reported():
    msgs = run("North Korean leader Kim Jong Un received New Year cards from the leaders of Russia, China, Vietnam and "
               "Laos, state media reported Friday. The Korean Central News Agency listed the senders in the order of Putin, "
               "Chinese President Xi Jinping, To Lam and Lao President Thongloun Sisoulith. Only Putin's card was published "
               "in full. Xi's card was summarized in a single sentence saying he wished Kim happiness. The other two were "
               "named without any details of what they said. Kim's own New Year cards to foreign leaders had not been "
               "reported by state media as of Saturday morning.", "2026-01-02")
    assert sorted((m.sender_country, m.sender_named, m.content_published) for m in msgs) == [
        ("CN", True, "partial"), ("LA", True, "none"), ("RU", True, "full"), ("VN", True, "none")]


def test_what_is_said_of_a_list_announced_before_it_and_a_commentator_s_words():
    msgs = run("North Korean leader Kim Jong Un sent New Year's cards to the heads of state of three countries on Sunday, "
               "though state media referred to the recipients only by their official titles and made no mention of what "
               "the cards said. According to KCNA, the cards were addressed to the leaders of China, Russia and Cuba. "
               "\"The order in which the North lists its partners is itself a message,\" said Hong Min, a senior researcher "
               "at the Korea Institute for National Unification.", "2023-01-02")
    assert sorted((m.recipient_country, m.recipient_named, m.content_published) for m in msgs) == [
        ("CN", False, "none"), ("CU", False, "none"), ("RU", False, "none")]


@pytest.mark.parametrize("text, want", [
    ("Pyongyang, Nov 29 (Prensa Latina) The chairman of the Workers' Party of Korea and of the State Affairs Commission "
     "of the DPRK, Kim Jong Un, conveyed to Cuban President Raul Castro on Saturday his deep sorrow at the passing of the "
     "historic leader of the Cuban Revolution, Fidel Castro Ruz.", [("KP", "CU", "condolence", "2016-11-26")]),
    ("Kim Jong Un conveyed to Army General Raul Castro, president of the Councils of State and Ministers of Cuba, his deep "
     "condolences over the passing of Fidel Castro on Nov. 26.", [("KP", "CU", "condolence", "2016-11-26")]),
])
def test_condolences_or_sorrow_conveyed_to_one_named_between(text, want):
    assert [(m.sender_country, m.recipient_country, m.occasion, m.date) for m in run(text, "2016-11-29")] == want


def test_thanks_to_the_one_for_his_message_and_a_similar_cable_last_year():
    msgs = run("Kim Jong Un received a reply message from To Lam, general secretary of the Central Committee of the "
               "Communist Party of Viet Nam. To Lam in the message extended sincere thanks to Kim Jong Un for his "
               "congratulatory message sent on August 4 on his election as general secretary of the CPV Central Committee.",
               "2024-08-22")
    assert sorted((m.sender_country, m.reply, m.date) for m in msgs) == [("KP", False, "2024-08-04"), ("VN", True, "2024-08-22")]
    msgs = run("President Bashar al-Assad received a cable of congratulations from Kim Jong Un on Evacuation Day. In the "
               "cable, Kim congratulated President al-Assad and the Syrian people on the national holiday. Kim sent President "
               "al-Assad a similar cable last year.", "2021-04-17")
    assert sorted(m.date for m in msgs) == ["2020", "2021-04-17"]


@pytest.mark.parametrize("text, want", [
    ("On Sunday, the 70th anniversary of the day Beijing and Pyongyang established diplomatic relations in 1949, Xi "
     "Jinping and Kim Jong-un exchanged messages.", [("CN", "KP", "2019-10-06"), ("KP", "CN", "2019-10-06")]),
    ("Rodong Sinmun ran it across the front page: by my count it ran about three times the length of the message Kim "
     "sent Vladimir Putin on Russia Day in June.", [("KP", "RU", "2019-06")]),
    ("A few weeks later, on June 1, 2016, Ri Su-yong, then the North's top diplomat, was received by Xi in Beijing and "
     "conveyed a verbal message from Kim.", [("KP", "CN", "2016-06-01")]),
    ("Xi reportedly answered that China's position on the nuclear issue had not changed, which is to say the message "
     "changed nothing.", []),
    ("In May 2016 the CPC Central Committee sent a message to the congress wishing it \"complete success\", and Xi followed "
     "with a separate message congratulating Kim on his election as chairman of the party.", [("CN", "KP", "2016-05")]),
    ("Kim sent Putin a message on March 22, 2024, and Putin replied three days later.",
     [("KP", "RU", "2024-03-22"), ("RU", "KP", "2024-03-25")]),
])
def test_clauses_of_their_own_envoys_received_and_years_of_what_is_marked(text, want):
    assert sorted((m.sender_country, m.recipient_country, m.date) for m in run(text, "2019-10-08")) == want


def test_the_message_to_putin_that_used_no_such_phrase_is_the_one_told_before():
    msgs = run("In June, Kim sent Vladimir Putin a message on Russia Day. The Russia Day message to Putin used no such "
               "phrase; it spoke of \"friendly relations\".", "2019-10-08")
    assert [(m.recipient_country, m.date) for m in msgs] == [("RU", "2019-06")]


@pytest.mark.parametrize("text, want", [
    ("On August 15, the anniversary of Korea's liberation from Japan, it was Putin's turn: his message to Kim, which KCNA "
     "published in full, recalled the Soviet soldiers.", [("RU", "KP", "2023-08-15")]),
    ("Congratulatory messages from President of the People's Republic of China Xi Jinping, Prime Minister of Japan Suga "
     "Yoshihide and Chairman of the State Affairs of the DPRK Kim Jong Un were received by the Office of the President of "
     "Mongolia on Monday.", [("KP", "MN", "2023-10-09")]),
    ("This morning, the 75th anniversary of the establishment of diplomatic relations between the USSR and the DPRK on "
     "October 12, 1948, KCNA carried a message Kim sent Putin for the occasion. Five days earlier, on Saturday, Kim sent "
     "Putin greetings on his 71st birthday.", [("KP", "RU", "2023-10-07"), ("KP", "RU", "2023-10-12")]),
])
def test_his_message_after_the_one_named_passive_receipt_and_days_of_what_is_marked(text, want):
    assert sorted((m.sender_country, m.recipient_country, m.date) for m in run(text, "2023-10-12")) == want


def test_a_message_only_named_is_the_last_one_of_that_pair_and_on_that_day():
    msgs = run("October 6 is the anniversary of diplomatic relations. On that day, Xinhua reported that Xi and Kim had "
               "exchanged congratulatory messages. Xinhua's summary of Xi's message said that China was willing to work "
               "with the DPRK. It carried the text of Kim's message to Xi, which called the relationship \"a precious "
               "asset\".", "2024-10-15")
    assert sorted((m.sender_country, m.date) for m in msgs) == [("CN", "2024-10-06"), ("KP", "2024-10-06")]


@pytest.mark.parametrize("text, recipient", [
    ("Mr Kim had also sent Mr Putin a message on June 12, Russia Day.", "RU"),
    ("Kim sent President Xi a message on Sunday.", "CN"),
    ("Kim sent Comrade Xi a letter on Sunday.", "CN"),
])
def test_a_courtesy_title_before_the_first_object_of_sent(text, recipient):
    assert [(m.sender_country, m.recipient_country) for m in run(text, "2024-06-20")] == [("KP", recipient)]


@pytest.mark.parametrize("text, content", [
    ("Kim sent birthday greetings to Xi Jinping in June, but KCNA did not publish a word of their content.", "none"),
    ("In 2019, KCNA reported that Kim had sent Xi a birthday card, without releasing a word of the card's text.", "none"),
    ("Putin's message to Kim in October 2020 surfaced only as a line in a KCNA roundup, without a word of its text.", "none"),
    ("Kim sent Putin a message on June 12, pledging full support for Moscow's war in Ukraine.", "partial"),
    ("Kim sent Xi a message on Sunday, hailing the friendship between the two parties.", "partial"),
])
def test_not_a_word_of_the_text_and_what_the_message_pledged(text, content):
    assert [m.content_published for m in run(text, "2024-06-20")] == [content]


def test_wrote_back_is_a_reply_letter_for_the_occasion_of_the_message_it_answers():
    # ("expressing comfort" is sympathy: the letter answered is a condolence)
    msgs = run("Moon and Kim have exchanged personal letters marking the anniversary of their summit. Kim sent Moon a "
               "letter on March 4, 2020, expressing comfort to South Koreans fighting the virus, and Moon wrote back the "
               "following day thanking him.", "2022-04-22")
    reply = [m for m in msgs if m.sender_country == "KR" and m.date == "2020-03-05"]
    assert [(m.kind, m.reply, m.occasion) for m in reply] == [("letter", True, "condolence")]


@pytest.mark.parametrize("text, want", [
    ("Miguel Díaz-Canel envió un mensaje a Kim Jong Un con motivo del aniversario de las relaciones.",
     [("CU", "KP", "message", "anniversary", "2025-08-29", None)]),
    ("Kim Jong Un recibió una carta de Nicolás Maduro el 9 de septiembre de 2023.",
     [("VE", "KP", "letter", "other", "2023-09-09", None)]),
    ("Kim Jong Un y Xi Jinping intercambiaron mensajes el 6 de octubre. En su mensaje, Kim destacó la amistad.",
     [("CN", "KP", "message", "other", "2024-10-06", None), ("KP", "CN", "message", "other", "2024-10-06", "partial")]),
    ("Daniel Ortega envió un mensaje de felicitación a Kim Jong Un por el Día de la Fundación de la República. "
     "Este es el texto íntegro del mensaje:", [("NI", "KP", "message", "national_day", "2025-08-29", "full")]),
])
def test_spanish_reports_of_messages(text, want):
    got = sorted((m.sender_country, m.recipient_country, m.kind, m.occasion, m.date, m.content_published)
                 for m in run(text, "2025-08-29"))
    assert got == want


def test_a_bare_weekday_after_a_message_word_a_founding_anniversary_and_a_list_of_its_own():
    msgs = run("Putin and Xi sent messages to Kim on Saturday to congratulate him on the 75th founding anniversary of "
               "the North. Kim also received congratulatory messages Saturday from the leaders of Vietnam, Laos and Cuba, "
               "KCNA said. Putin also sent Kim a message last month marking Liberation Day.", "2023-09-10")
    got = sorted((m.sender_country, m.occasion, m.date, m.grouped_with) for m in msgs)
    assert got == [("CN", "national_day", "2023-09-09", ("RU",)), ("CU", "national_day", "2023-09-09", ("LA", "VN")),
                   ("LA", "national_day", "2023-09-09", ("CU", "VN")), ("RU", "national_day", "2023-08", ()),
                   ("RU", "national_day", "2023-09-09", ("CN",)), ("VN", "national_day", "2023-09-09", ("CU", "LA"))]


def test_top_leader_of_the_dprk_in_an_exchange():
    msgs = run("Chinese President Xi Jinping and top leader of the Democratic People's Republic of Korea (DPRK) Kim Jong Un "
               "exchanged congratulatory messages on Sunday.", "2019-10-06")
    assert sorted((m.sender_country, m.recipient_country) for m in msgs) == [("CN", "KP"), ("KP", "CN")]


@pytest.mark.parametrize("text", [
    "Kim sent New Year cards to the heads of state of Russia and China, but KCNA did not disclose the names of the "
    "recipients or what the cards said.",
    "Kim sent New Year cards to the heads of state of Russia and China, KCNA said, though it did not say what the cards "
    "contained.",
])
def test_not_saying_what_the_cards_said_is_no_content(text):
    assert {m.content_published for m in run(text, "2026-01-01")} == {"none"}


def test_a_card_of_last_year_is_not_this_years_card():
    msgs = run("Kim sent New Year cards to the heads of state of Russia and China on Thursday. The treatment marks a "
               "departure from last year, when KCNA ran the full text of Kim's card to Russian President Vladimir Putin.",
               "2026-01-02")
    assert sorted((m.recipient_country, m.date, m.content_published) for m in msgs) == [
        ("CN", "2026-01-01", None), ("RU", "2025", "full"), ("RU", "2026-01-01", None)]


def test_a_list_of_senders_with_titles_the_gazetteer_does_not_know_goes_on_after_a_semicolon():
    msgs = run("Leaders of several countries sent messages congratulating To Lam on his election as General Secretary. "
               "Congratulations came from Thongloun Sisoulith, President of Laos; Hun Sen, President of the Cambodian "
               "People's Party and President of the Cambodian Senate; and Kim Jong Un, General Secretary of the Workers' "
               "Party of Korea.", "2024-08-05")
    assert [(m.sender_country, m.recipient_country, m.occasion) for m in msgs] == [("KP", "VN", "election")]


@pytest.mark.parametrize("text", [
    "KCNA said Kim had sent New Year cards to foreign leaders, listing China, Vietnam and Cuba in that order.",
    "KCNA said Kim had sent New Year cards to \"the heads of state of various countries,\" listing China, Vietnam and Cuba.",
])
def test_the_countries_listed_after_a_generic_recipient_receive(text):
    assert sorted(m.recipient_country for m in run(text, "2025-01-01")) == ["CN", "CU", "VN"]


def test_a_day_without_its_year_is_of_the_month_the_history_has_named():
    msgs = run("Their friendliest exchange came in June 2019. On June 20, Kim wrote to Trump to thank him for his "
               "support. Trump replied on June 24, saying he looked forward to meeting again.", "2021-03-01")
    assert sorted((m.sender_country, m.date, m.kind) for m in msgs) == [
        ("KP", "2019-06-20", "message"), ("US", "2019-06-24", "message")]


def test_that_year_after_a_year_the_sentence_names_is_that_year():
    msgs = run("In May 2019, Kim and Xi exchanged letters that, officials later said, paved the way for the visit on "
               "June 20 of that year. Neither side disclosed what the letters said.", "2021-03-01")
    assert {(m.date, m.content_published) for m in msgs} == {("2019-05", "none")}


def test_a_reply_told_by_its_verb_is_of_the_kind_it_answers():
    msgs = run("On Sept. 8, Moon sent Kim a letter about the typhoon damage. Kim replied on Sept. 12, wishing Moon "
               "good health.", "2020-09-25")
    assert sorted((m.sender_country, m.kind, m.reply) for m in msgs) == [("KP", "letter", True), ("KR", "letter", False)]


def test_the_korean_leader_is_kim_and_the_south_korean_one_is_not():
    msgs = run("On Monday, the Korean leader sent a message to Nicolas Maduro congratulating him on his re-election. "
               "Separately, the South Korean president sent a letter to the Pope.", "2024-07-30")
    assert [(m.sender_country, m.recipient_country) for m in msgs] == [("KP", "VE")]


def test_a_lao_leader_by_his_given_name():
    msgs = run("Mr. Bounnhang sent a message to Kim Jong Un on Friday, greeting him on the anniversary of the party.",
               "2020-10-10")
    assert [(m.sender_country, m.recipient_country) for m in msgs] == [("LA", "KP")]


def test_the_one_the_words_are_to_is_not_the_one_who_says_them():
    msgs = run("Kim Jong Un sent a message to Bashar al-Assad on April 17, greeting Syria on its independence day. "
               "Assad replied on Monday. In his reply, he wished Kim Jong Un good health and success.", "2024-04-26")
    assert {(m.sender_country, m.content_published) for m in msgs} == {("KP", None), ("SY", "partial")}


def test_they_after_a_list_of_senders_are_all_of_them():
    msgs = run("Kim Jong Un received New Year cards from Vladimir Putin, Xi Jinping and To Lam. In the cards they wished "
               "him good health and greater success in his work.", "2025-01-02")
    assert {(m.sender_country, m.content_published) for m in msgs} == {
        ("RU", "partial"), ("CN", "partial"), ("VN", "partial")}


def test_a_quoted_phrase_about_two_countries_is_not_the_messages_words():
    msgs = run("Kim received New Year cards from the heads of state of Laos and Cambodia. Beijing and Pyongyang will "
               "mark the 75th anniversary of their ties this year, which both call a \"friendship year.\"", "2024-01-02")
    assert {m.content_published for m in msgs} == {None}


def test_not_the_first_time_that_he_has_congratulated_is_no_new_message():
    msgs = run("Kim Jong Un sent a message to Miguel Diaz-Canel on Monday, congratulating him on his election as first "
               "secretary. In a separate letter sent the same day, Kim thanked Raul Castro for his work. It is not the "
               "first time that the Korean leader has congratulated Diaz-Canel.", "2021-04-20")
    assert [(m.recipient, m.kind) for m in msgs] == [("Miguel Diaz-Canel", "message"), ("Raul Castro", "letter")]


def test_a_russian_or_spanish_month_alone_is_a_date():
    msgs = run("Ранее, в январе, Ким Чен Ын направил Путину новогоднюю открытку, в которой пожелал ему здоровья.\n\n"
               "En enero pasado, Kim Jong Un envió un mensaje de felicitación a Raúl Castro.", "2025-05-09")
    assert sorted((m.recipient_country, m.date, m.content_published) for m in msgs) == [
        ("CU", "2025-01", None), ("RU", "2025-01", "partial")]


@pytest.mark.parametrize("text, occasion", [
    ("Ким Чен Ын направил Путину поздравление с 80-летием Победы в Великой Отечественной войне.", "anniversary"),
    ("Ким Чен Ын направил Путину поздравительное послание в связи с его 71-летием.", "birthday"),
    ("В прошлом году Ким Чен Ын также направлял Путину поздравительное послание к 70-летию.", "birthday"),
])
def test_a_russian_jubilee_is_a_birthday_unless_it_is_of_something(text, occasion):
    assert [m.occasion for m in run(text, "2025-10-07")] == [occasion]


def test_a_russian_country_name_with_a_short_i_is_found_in_folded_text():
    from monitor.extract import fold, gazetteer
    text = fold("Руководство Корейской Народно-Демократической Республики")
    assert [m.country for m in gazetteer().mentions(text)] == ["KP"]


def test_a_reply_cable_is_a_telegram():
    msgs = run("On Wednesday, President al-Assad sent a reply cable to Kim Jong Un, thanking him.", "2021-04-20")
    assert [(m.kind, m.reply) for m in msgs] == [("telegram", True)]


def test_excerpts_from_messages_are_part_of_their_words():
    msgs = run("The newspaper also ran excerpts from messages sent to Kim Jong Un by the presidents of Cuba and Laos on "
               "Sunday.", "2018-09-10")
    assert {m.content_published for m in msgs} == {"partial"}


def test_the_regimes_founding_is_its_national_day():
    msgs = run("Putin sent Kim Jong Un a message marking the 70th anniversary of the regime's founding on Sunday.",
               "2018-09-10")
    assert [m.occasion for m in msgs] == ["national_day"]


def test_not_saying_what_any_of_the_cards_contained_in_the_next_sentence_is_no_content():
    msgs = run("A KCNA item said Kim had also sent New Year cards to the heads of state of China, Vietnam and Laos. The "
               "notice did not say what any of the cards contained.", "2025-01-02")
    assert {m.content_published for m in msgs} == {"none"}


def test_not_reporting_any_card_from_him_is_no_card():
    assert run("As of Thursday, KCNA had not reported any New Year card or greeting from Xi to Kim.", "2025-01-02") == []


def test_on_behalf_of_his_party_is_still_his_message():
    msgs = run("Xi Jinping in his message said that he, on behalf of the Central Committee of the CPC and in his own name, "
               "extended warm congratulations to Kim Jong Un on his election.", "2021-01-12")
    assert [m.sender for m in msgs] == ["Xi Jinping"]


def test_the_envoy_who_handed_over_a_letter_is_not_its_sender():
    msgs = run("Xi's letter was handed to Kim Jong Un on Sunday by Li Zhanshu, chairman of the NPC Standing Committee. "
               "KCNA carried Xi's message first, followed by Putin's.", "2018-09-10")
    # (Putin's message, carried after Xi's, is one; "followed by" carries nothing)
    assert sorted(m.sender for m in msgs) == ["Vladimir Putin", "Xi Jinping"]


def test_among_the_latest_were_messages_from_a_list_with_kim_in_it():
    msgs = run("To Lam has continued to receive congratulatory messages from leaders of parties and states on his "
               "election. Among the latest were messages from General Secretary of the Lao People's Revolutionary Party "
               "Central Committee Thongloun Sisoulith, President of the Cambodian People's Party Hun Sen, Russian "
               "President Vladimir Putin, and General Secretary of the Workers' Party of Korea Kim Jong Un.", "2024-08-06")
    assert [(m.sender_country, m.recipient_country, m.grouped_with) for m in msgs] == [("KP", "VN", ("KH", "LA", "RU"))]


def test_a_question_is_no_message():
    assert run("Will Kim Jong Un's New Year cards go to Beijing or Moscow first?", "2025-12-20") == []


def test_a_denied_letter_is_no_letter_here_or_where_the_report_is_retold():
    assert run("North Korea on Tuesday denied a magazine report that Kim Jong Un had sent a personal letter to Prime "
               "Minister Fumio Kishida. The magazine had reported last week that a handwritten letter from Kim had been "
               "delivered to Kishida in February.", "2024-03-26") == []


def test_each_recipient_identified_by_title_is_a_claim_not_a_message():
    msgs = run("On January 1, KCNA reported that Kim had sent New Year cards to the heads of state of Russia, China and "
               "Laos. Each recipient was identified only by official title, \"the President of the Russian Federation,\" "
               "\"the President of the People's Republic of China,\" and KCNA gave no text for any of the cards.",
               "2025-01-10")
    assert sorted((m.recipient_country, m.recipient_named, m.content_published) for m in msgs) == [
        ("CN", False, "none"), ("LA", False, "none"), ("RU", False, "none")]


def test_a_verb_whose_message_words_open_a_quotation_sends_and_quotes():
    msgs = run("Kim Jong Un sent a message of condolence to Moon Jae-in on Wednesday. Kim expressed \u201cdeep condolences "
               "and consolation\u201d to Moon, she said, but declined to reveal the rest of the message.", "2019-10-31")
    assert [(m.sender_country, m.recipient_country, m.content_published) for m in msgs] == [("KP", "KR", "partial")]


def test_congratulations_on_the_new_post_are_for_an_election():
    msgs = run("A congratulatory message to Kim Jong Un from Russian President Dmitry Medvedev on the new post arrived on "
               "Thursday.", "2012-04-13")
    assert [m.occasion for m in msgs] == ["election"]


def test_without_elaborating_on_what_it_contained_is_no_content_but_a_bare_without_elaborating_is_not():
    msgs = run("A message to Kim Jong Un from Russian President Dmitry Medvedev arrived on Thursday, the KCNA said "
               "without elaborating on what it contained.", "2012-04-13")
    assert [m.content_published for m in msgs] == ["none"]
    msgs = run("Kim Jong Un sent a letter to Vladimir Putin on Monday. The cooperation had reached \"a new higher stage,\" "
               "Kim wrote, without elaborating.", "2022-08-16")
    assert [m.content_published for m in msgs] == ["partial"]


def test_the_leaders_of_a_countrys_allies_are_not_its_leaders():
    msgs = run("Messages of congratulations continue to pour in for President Emmerson Mnangagwa, with leaders of "
               "Zimbabwe's traditional allies leading the way. State House released messages from China's President Xi "
               "Jinping, Russian President Vladimir Putin, Cuban President Miguel Diaz-Canel and Comrade Kim Jong Un, all of "
               "which were sent earlier this month.", "2018-08-10")
    assert [(m.recipient, m.recipient_named) for m in msgs if m.sender_country == "KP"] == [("Emmerson Mnangagwa", True)]


def test_a_list_of_senders_after_a_sentence_that_gives_the_occasion_is_of_that_occasion():
    msgs = run("Messages of congratulations continue to pour in for President Emmerson Mnangagwa following his victory "
               "in the July 30 elections. State House released messages from China's President Xi Jinping, Russian "
               "President Vladimir Putin, Cuban President Miguel Diaz-Canel and Comrade Kim Jong Un, all of which were sent "
               "earlier this month.", "2018-08-10")
    assert [(m.sender_country, m.occasion) for m in msgs] == [("KP", "election")]


def test_russian_list_of_senders_after_the_verb_sends_to_the_leader_named_before():
    msgs = run("МОСКВА, 12 июня. /ТАСС/. Президент России Владимир Путин получил поздравительные послания по случаю Дня "
               "России. \"Поздравительные послания прислали президент Белоруссии Александр Лукашенко, председатель КНР Си "
               "Цзиньпин, председатель Государственного совета КНДР Ким Чен Ын и президент Таджикистана Эмомали Рахмон\", — "
               "перечислил Ушаков.", "2023-06-12")
    assert [(m.sender_country, m.recipient_country, m.occasion, m.grouped_with) for m in msgs] == [
        ("KP", "RU", "national_day", ("BY", "CN", "TJ"))]


def test_russian_full_text_published():
    msgs = run("Ким Чен Ын направил Путину поздравительное послание в субботу. Полный текст послания Ким Чен Ына в тот же "
               "день опубликовало Центральное телеграфное агентство Кореи.", "2023-10-07")
    assert [m.content_published for m in msgs] == ["full"]


def test_a_list_goes_on_past_a_given_name_and_patronymic():
    msgs = run("Kim Jong Un received New Year cards from the King of Cambodia, the President of the Republic of Nicaragua "
               "and Gennady Andreyevich Zyuganov, chairman of the Central Committee of the Communist Party of the Russian "
               "Federation.", "2014-01-04")
    assert sorted(m.sender_country for m in msgs) == ["KH", "NI", "RU"]


def test_could_in_theory_send_is_no_message():
    assert run("Kim Jong-un could, in theory, send Lee Jae-myung a short note of congratulations on the anniversary.",
               "2025-06-10") == []


def test_the_one_mourned_in_the_headline_is_not_the_addressee():
    msgs = run("The leader of the DPRK, Kim Jong Un, has conveyed his condolences to the Iranian government and nation over "
               "the martyrdom of President Ebrahim Raisi. In a message addressed to Iran's Acting President Mohammad "
               "Mokhber on Tuesday, Kim Jong Un said he had been \"shocked\" to learn of the crash.", "2024-05-21",
               title="North Korean leader offers condolences over martyrdom of President Raisi")
    assert [m.recipient for m in msgs] == ["Mohammad Mokhber"]


def test_condolences_expressed_in_person_are_no_message():
    assert run("DPRK officials led by Kim Jong Un visited the Iranian embassy in Pyongyang, where they expressed "
               "condolences in person to Ebrahim Raisi's family.", "2024-05-21") == []


def test_kim_before_the_name_of_a_day_is_kim():
    msgs = run("Putin, for his part, sent Kim New Year's greetings on Dec. 30 last year, according to the Kremlin.",
               "2026-01-02")
    assert [(m.sender_country, m.recipient_country, m.date) for m in msgs] == [("RU", "KP", "2025-12-30")]


def test_in_his_message_after_a_list_of_senders_is_his_message_to_its_addressee():
    msgs = run("President of the Lao PDR Bounnhang Vorachith has received messages of sympathy from leaders of friendly "
               "countries following the collapse of a dam. Messages were sent by President of the People's Republic of "
               "China Xi Jinping, Chairman of the State Affairs Commission of the DPRK Kim Jong Un and His Majesty King "
               "Norodom Sihamoni of the Kingdom of Cambodia. In his message, Kim Jong Un said he was deeply grieved to learn "
               "of the heavy loss of life, and extended his deep condolences to the victims and sincere sympathy to the "
               "bereaved families.", "2018-07-28")
    assert [(m.recipient_country, m.content_published) for m in msgs if m.sender_country == "KP"] == [("LA", "partial")]


def test_state_media_recalls_the_message_a_reply_answers_without_reporting_it():
    msgs = run("Pyongyang, June 20 (KCNA) -- Kim Jong Un received a reply message from Raul Castro Ruz, first secretary of "
               "the Central Committee of the Communist Party of Cuba.\n\nIt was in reply to the message of greetings Kim Jong "
               "Un sent him on June 3 on his 85th birthday.", "2016-06-20")
    assert sorted((m.sender_country, m.reply, m.content_published) for m in msgs) == [("CU", True, "none"),
                                                                                      ("KP", False, None)]


def test_the_sentence_before_sets_the_occasion_of_messages_that_give_none():
    msgs = run("Then came Sunday, the 75th anniversary of diplomatic relations between Pyongyang and Beijing. Kim and Xi did "
               "exchange messages, which is itself notable.", "2024-10-08")
    assert {(m.sender_country, m.occasion) for m in msgs} == {("KP", "anniversary"), ("CN", "anniversary")}


@pytest.mark.parametrize("sentence", [
    "Should Kim send Xi Jinping a warmer message then, it would be noticed.",
    "Kim Jong Un and To Lam agreed to maintain regular exchanges of high-level delegations and messages.",
    "In his reply toast, To Lam thanked his host Kim Jong Un for the warm hospitality.",
])
def test_no_message_sent_here(sentence):
    assert run(sentence, "2025-10-10") == []


def test_a_countrys_nth_anniversary_is_its_national_day():
    msgs = run("On Oct. 1, 2019, Kim Jong Un's message to Xi Jinping for the PRC's 70th anniversary ran to several pages.",
               "2024-10-08")
    assert [(m.occasion, m.date) for m in msgs] == [("national_day", "2019-10-01")]


def test_whether_they_exchange_messages_is_no_message():
    assert run("Whether Kim Jong Un and Xi Jinping exchange messages for the anniversary on Sunday will be closely watched.",
               "2024-10-04") == []


def test_a_date_between_the_owner_and_the_message_word():
    msgs = run("The Chinese side has been similarly reserved. Xi's Sept. 9 message to Kim for the DPRK's 76th founding "
               "anniversary was summarized by KCNA in just two sentences.", "2024-09-30")
    assert [(m.sender_country, m.occasion, m.date) for m in msgs] == [("CN", "national_day", "2024-09-09")]


def test_a_message_to_two_leaders_of_one_country_is_one_and_messages_are_two():
    one = run("In a message dated September 1, Kim Jong Un extended warm congratulations to To Lam and Luong Cuong on "
              "Vietnam's National Day.", "2025-09-03")
    assert [m.recipient for m in one] == ["To Lam"]
    two = run("Kim Jong Un sent congratulatory messages to To Lam and Luong Cuong on Vietnam's National Day.", "2025-09-03")
    assert sorted(m.recipient for m in two) == ["Luong Cuong", "To Lam"]


def test_did_not_disclose_what_the_russian_leader_had_written_is_no_content():
    msgs = run("KCNA said Kim Jong Un had also received a message from Vladimir Putin for the anniversary, but did not "
               "disclose what the Russian leader had written.", "2025-06-20")
    assert [m.content_published for m in msgs] == ["none"]


def test_giving_no_details_of_its_contents_is_no_content():
    msgs = run("In a separate dispatch, the KCNA said Kim Jong Un had received a New Year card from Putin, giving no details "
               "of its contents.", "2024-01-01")
    assert [m.content_published for m in msgs] == ["none"]


def test_cards_that_went_out_to_a_list_whose_names_were_not_given_and_the_contents_of_the_other_cards():
    msgs = run("Kim Jong-un sent New Year's cards to Russian President Vladimir Putin and the leaders of other friendly "
               "nations, state media reported Thursday.\n\nThe cards went out Wednesday to Putin, to the \"president of the "
               "People's Republic of China,\" and to the heads of state of Vietnam, Laos and Cuba, whose names were not "
               "given either.\n\nKCNA carried a passage from the card to Putin, in which Kim called him his \"dearest "
               "comrade\", but it did not disclose the contents of the other cards.", "2025-01-02")
    got = {m.recipient_country: (m.date, m.recipient_named, m.content_published) for m in msgs}
    assert got == {"RU": ("2025-01-01", True, "partial"), "CN": ("2025-01-01", False, "none"),
                   "VN": ("2025-01-01", False, "none"), "LA": ("2025-01-01", False, "none"),
                   "CU": ("2025-01-01", False, "none")}


def test_along_with_goes_on_with_the_list_and_together_with_his_wife_is_the_leader():
    msgs = run("In the first days of 2022, Kim sent cards to Xi Jinping, along with the leaders of Vietnam, Laos and Cuba.",
               "2024-02-06")
    assert sorted((m.recipient_country, m.date) for m in msgs) == [
        ("CN", "2022-01"), ("CU", "2022-01"), ("LA", "2022-01"), ("VN", "2022-01")]
    msgs = run("Kim Jong Un, together with his wife Ri Sol Ju, sent a message to Putin.", "2024-02-06")
    assert [(m.sender, m.recipient_country) for m in msgs] == [("Kim Jong Un", "RU")]


def test_the_occasion_of_the_clause_after_a_colon_comes_first():
    msgs = run("Outside the New Year cycle Beijing was still treated with special care: the 60th anniversary of the "
               "friendship treaty in July 2021 was marked by an exchange of messages between Kim and Xi.", "2024-02-06")
    assert sorted((m.sender_country, m.occasion, m.date[:7]) for m in msgs) == [
        ("CN", "anniversary", "2021-07"), ("KP", "anniversary", "2021-07")]


def test_russian_received_from_a_list_in_the_genitive():
    msgs = run("Президент РФ Владимир Путин получил поздравительные телеграммы по случаю 79-й годовщины Победы от "
               "президента Белоруссии Александра Лукашенко, председателя КНР Си Цзиньпина и председателя "
               "Государственного совета КНДР Ким Чен Ына.", "2024-05-09")
    assert [(m.sender_country, m.recipient_country, sorted(m.grouped_with)) for m in msgs] == [("KP", "RU", ["BY", "CN"])]


def test_on_the_same_day_is_the_day_of_the_message_told_before():
    msgs = run("Thongloun Sisoulith, President of the Lao PDR, has sent on 8 September a message of congratulations to "
               "Kim Jong Un on the 75th anniversary of the founding of the DPRK.\n\nIn the message, the Lao leader praised "
               "the relations of friendship between Laos and the DPRK, which were established on 24 June 1974.\n\nOn the "
               "same day and on the same occasion, Prime Minister Sonexay Siphandone sent a congratulatory message to Kim "
               "Tok Hun, Premier of the Cabinet of the DPRK.", "2023-09-09")
    assert sorted((m.sender, m.date) for m in msgs) == [("Sonexay Siphandone", "2023-09-08"),
                                                         ("Thongloun Sisoulith", "2023-09-08")]


def test_a_korean_beside_a_south_korean_and_a_surname_before_another_given_name_are_not_the_north_or_its_leader():
    assert run("Prime Minister of Mongolia Luvsannamsrai Oyun-Erdene also sent a message of condolences to Prime Minister "
               "of the Republic of Korea Han Duck-soo, while the foreign minister expressed sympathy to her Korean "
               "counterpart Park Jin.", "2022-10-31") == []
    msgs = run("Kim Jong Un sent a message of condolence to President Moon Jae-in, Cheong Wa Dae announced on Oct. 31.\n\n"
               "The message was delivered to Yoon Kun-young, director of the Office of the President, at Panmunjom on "
               "Oct. 30.", "2019-10-31")
    assert [m.recipient for m in msgs] == ["Moon Jae-in"]


def test_one_named_by_his_title_is_the_one_named_last_and_a_year_earlier_is_the_year_before():
    msgs = run("Kim Jong-un sent New Year's cards to Russian President Vladimir Putin and Chinese President Xi Jinping, "
               "state media reported Thursday, with Putin's name placed at the top of the list and Xi Jinping referred to "
               "only by his official titles.\n\nThat is a clear shift from a year earlier, when Kim's New Year card to Xi was "
               "the first item on the list.", "2025-01-02")
    got = sorted((m.recipient_country, m.date[:4], m.recipient_named) for m in msgs)
    assert got == [("CN", "2024", True), ("CN", "2025", False), ("RU", "2025", True)]


def test_his_wife_after_the_leaders_titles_stands_for_the_leader_and_a_card_told_alone_before_an_also_list_is_its_own():
    text = ("Pyongyang, January 1 (KCNA) -- Kim Jong Un, chairman of the State Affairs Commission of the DPRK and supreme "
            "commander of the armed forces of the DPRK, and his wife Ri Sol Ju sent a New Year card to Xi Jinping, president "
            "of the People's Republic of China, and his wife Peng Liyuan.\n\nKim Jong Un also sent New Year cards to the "
            "president of the Russian Federation, the president of the Lao People's Democratic Republic and Norodom "
            "Sihamoni, King of Cambodia.")
    got = {m.recipient_country: sorted(m.grouped_with) for m in run(text, "2019-01-01")}
    assert got == {"CN": [], "RU": ["KH", "LA"], "LA": ["KH", "RU"], "KH": ["LA", "RU"]}
    # after a sentence of one round to many, the card to Xi is of its list
    text = text.replace("Pyongyang, January 1 (KCNA) -- ", "Pyongyang, January 1 (KCNA) -- Kim Jong Un sent New Year cards "
                        "to the heads of state of various countries.\n\n")
    assert sorted(next(m.grouped_with for m in run(text, "2019-01-01") if m.recipient_country == "CN")) == ["KH", "LA", "RU"]


def test_those_who_lost_their_lives_are_not_the_addressees():
    msgs = run("President Raisi, Foreign Minister Amir-Abdollahian and several other officials lost their lives on Sunday "
               "when their helicopter crashed.\n\nMessages of condolence have been sent by Chinese President Xi Jinping and "
               "the leader of the DPRK, Kim Jong Un, among others.", "2024-05-21")
    assert [m.recipient for m in msgs if m.sender_country == "KP"] != ["Ebrahim Raisi"]


def test_a_country_marking_the_anniversary_of_its_founding_and_a_treaty_that_turned_55():
    msgs = run("The Lao leader had congratulated Kim Jong Un in September, when the DPRK marked the 75th anniversary of its "
               "founding.", "2023-12-02")
    assert [m.occasion for m in msgs] == ["national_day"]
    msgs = run("Five years ago, in July 2016, when the treaty turned 55, Xi Jinping and Kim Jong Un likewise traded messages.",
               "2021-07-11")
    assert [m.occasion for m in msgs] == ["anniversary", "anniversary"]


def test_a_message_in_itself_is_a_figure_of_speech():
    msgs = run("In a separate dispatch, the KCNA said Kim Jong Un received a New Year's card from Putin. No mention was made "
               "of a card from Xi.\n\n\"Putting Putin first, and running Putin's card while Xi's goes unmentioned, is a "
               "message in itself.\"", "2024-01-02")
    assert [m.sender_country for m in msgs] == ["RU"]


def test_a_separate_cable_is_another_message():
    msgs = run("The cables came from President of Belarus Alexander Lukashenko and President of the State Affairs of the "
               "DPRK Kim Jong Un, who congratulated President Bashar al-Assad on his re-election.\n\nIn a separate cable "
               "addressed to President al-Assad, the Central Committee of the Workers' Party of Korea congratulated the "
               "party on the victory of its candidate.", "2021-06-02")
    assert len([m for m in msgs if m.sender_country == "KP"]) == 2


def test_no_text_was_given_and_the_message_he_sent_putin_and_any_of_his_messages_to_xi():
    msgs = run("In the first days of 2022, Kim Jong Un sent cards to the president of the People's Republic of China and the "
               "president of the Russian Federation; none of the two was named, and no text was given.", "2024-02-06")
    assert [m.content_published for m in msgs] == ["none", "none"]
    msgs = run("Kim Jong Un's Victory Day greetings to Putin had hailed the Soviet people. But the birthday message he sent "
               "Putin in October addressed him as \"my closest comrade,\" a term that has not appeared in any of Kim's "
               "published messages to Xi.", "2024-02-06")
    assert sorted((m.recipient_country, m.occasion) for m in msgs) == [("RU", "anniversary"), ("RU", "birthday")]


def test_named_only_putin_and_cards_to_the_two_leaders():
    msgs = run("Kim sent the cards on Wednesday to the heads of state of Russia, China, Vietnam and Laos, the KCNA said, "
               "without disclosing what they said.\n\nThe KCNA named only Putin. The leaders of the other three countries "
               "were identified only by their official titles.", "2025-01-02")
    assert sorted((m.recipient_country, m.recipient_named) for m in msgs) == [
        ("CN", False), ("LA", False), ("RU", True), ("VN", False)]
    msgs = run("Kim sent the cards on Wednesday to the heads of state of Russia, China and Vietnam, the KCNA said.\n\n"
               "On Jan. 1 last year, the KCNA listed Chinese President Xi Jinping first, ahead of Putin, when it reported "
               "that Kim had sent New Year's cards to the two leaders.", "2025-01-02")
    last_year = sorted((m.recipient_country, m.grouped_with) for m in msgs if m.date == "2024-01-01")
    assert last_year == [("CN", ("RU",)), ("RU", ("CN",))]


def test_a_leader_of_the_past_counts_until_he_died():
    msgs = run("Congratulatory messages to President Nguyen Minh Triet came from Chinese President Hu Jintao, Lao President "
               "Choummaly Sayasone, Kim Jong Il, General Secretary of the Workers' Party of Korea, and Russian President "
               "Dmitry Medvedev.", "2010-09-02")
    assert [(m.sender_country, m.recipient_country) for m in msgs] == [("KP", "VN")]
    assert run("On the anniversary of Kim Jong Il's death, Putin sent a message to Kim Jong Il's son.", "2024-12-17") == []


def test_the_first_time_he_has_sent_and_what_he_has_at_times_sent_are_no_messages():
    assert run("It is believed to be the first time Kim has sent a message to a Japanese prime minister since he took "
               "power in 2011.", "2024-01-05") == []
    assert run("He has at times sent sympathy to Chinese leader Xi Jinping over domestic disasters.", "2023-02-08") == []


def test_declined_to_say_what_was_in_it_and_did_not_reveal_what_trump_wrote():
    msgs = run("Trump told reporters on June 11 that he had received a \"beautiful letter\" from Kim, but declined to say "
               "what was in it.", "2019-06-23")
    assert [m.content_published for m in msgs] == ["none"]
    msgs = run("Kim Jong Un has received a personal letter from Donald Trump, KCNA said. But the agency did not reveal what "
               "Trump wrote.", "2019-06-23")
    assert [m.content_published for m in msgs] == ["none"]


def test_the_seventy_fifth_anniversary_of_the_founding_in_spanish_and_a_dprk_anniversary():
    msgs = run("El pasado 9 de septiembre, Díaz-Canel envió un mensaje a Kim Jong Un con motivo del aniversario 75 de la "
               "fundación de la RPDC.", "2024-01-01")
    assert [m.occasion for m in msgs] == ["national_day"]
    msgs = run("Xi Jinping sent a letter to Kim Jong Un for the DPRK anniversary celebrations.", "2018-09-10")
    assert [m.occasion for m in msgs] == ["national_day"]


def test_the_cuban_and_syrian_leaders_only_by_their_titles_are_two_of_the_list():
    msgs = run("Kim Jong Un has received New Year cards from Xi Jinping, Vladimir Putin and other foreign leaders, state "
               "media reported Thursday.\n\nThe KCNA said the cards came from Xi, Putin, Lao President Bounnhang Vorachith and \"the heads of state of "
               "Cuba and Syria,\" without disclosing what any of them said. The Cuban and Syrian leaders were referred to "
               "only by their titles.", "2020-01-02")
    assert sorted((m.sender_country, m.sender_named) for m in msgs) == [
        ("CN", True), ("CU", False), ("LA", True), ("RU", True), ("SY", False)]


def test_a_letter_being_prepared_is_not_sent():
    assert run("North Korean authorities are preparing a special letter from Kim Jong Un to Chinese leader Xi Jinping to "
               "mark the 100th anniversary of the Chinese Communist Party, Daily NK has learned.", "2021-06-20") == []


def test_spanish_titles_and_party_committees_and_a_thanks_on_a_social_network():
    msgs = run("El secretario general del Partido del Trabajo de Corea y presidente de Asuntos Estatales de la República "
               "Popular Democrática de Corea (RPDC), Kim Jong Un, envió un mensaje de felicitación al primer secretario del "
               "Comité Central del Partido Comunista de Cuba y presidente de la República, Miguel Díaz-Canel, con motivo "
               "del 67 aniversario del triunfo de la Revolución.\n\nAsimismo, el Comité Central del Partido del Trabajo de "
               "Corea dirigió una carta al Comité Central del Partido Comunista de Cuba.\n\nDíaz-Canel agradeció la "
               "felicitación a través de su cuenta en la red social X, donde calificó a la RPDC de «país hermano».",
               "2026-01-02")
    assert sorted((m.sender, m.recipient, m.kind) for m in msgs) == [
        ("Kim Jong Un", "Miguel Diaz-Canel", "message"),
        ("WPK Central Committee", "Communist Party of Cuba Central Committee", "letter")]


def test_the_anniversary_of_the_liberation_of_korea_in_russian_is_a_national_day():
    msgs = run("Лидер КНДР Ким Чен Ын направил президенту России Владимиру Путину ответное письмо на поздравление с 78-й "
               "годовщиной освобождения Кореи.", "2023-08-15")
    assert [(m.recipient_country, m.occasion) for m in msgs] == [("RU", "national_day")]


def test_a_reply_letter_in_russian_and_letters_exchanged_on_this_occasion():
    msgs = run("Лидер КНДР Ким Чен Ын направил президенту России Владимиру Путину ответное письмо на поздравление с 78-й "
               "годовщиной освобождения Кореи.\n\n15 августа 1945 года Красная армия совместно с корейскими партизанами освободила "
               "Корею от японского колониального господства. В КНДР этот день отмечается как национальный праздник. "
               "Поздравительное послание Путина, направленное Ким Чен Ыну накануне праздника, было опубликовано ЦТАК утром во "
               "вторник.\n\nВ прошлом "
               "году лидеры двух стран также обменялись письмами по этому случаю.", "2023-08-15")
    assert sorted((m.sender_country, m.date, m.occasion, m.reply) for m in msgs) == [
        ("KP", "2022", "national_day", False), ("KP", "2023-08-15", "national_day", True), ("RU", "2022", "national_day", False),
        ("RU", "2023-08-15", "national_day", False)]


def test_anniversaries_of_two_numbers_are_two_messages():
    msgs = run("BEIJING, July 11 (Xinhua) -- Xi Jinping and Kim Jong Un exchanged messages on Sunday to mark the 60th "
               "anniversary of the signing of the treaty of friendship.\n\nEarlier this month, Kim sent a congratulatory "
               "message to Xi on the 100th anniversary of the founding of the CPC.", "2021-07-11")
    assert sorted((m.sender_country, m.date) for m in msgs) == [("CN", "2021-07-11"), ("KP", "2021-07"), ("KP", "2021-07-11")]


def test_the_70th_anniversary_of_the_peoples_republic_on_october_1_is_of_2019():
    msgs = run("For the 70th anniversary of the People's Republic, Rodong Sinmun gave over much of its front page on October 1 "
               "to Kim's congratulatory message to Xi, printing every word of it.", "2025-02-06")
    assert [(m.date, m.occasion) for m in msgs] == [("2019-10-01", "national_day")]


def test_the_head_of_state_noted_sentences_after_his_message():
    msgs = run("MINSK, 5 February (BelTA) - Belarusian President Aleksandr Lukashenko has sent a message of gratitude to "
               "Kim Jong Un in response to his congratulations on Lukashenko's victory in the presidential election.\n\n"
               "The results of the election were announced last week. Turnout was high in every region of the country.\n\n"
               "The head of state noted that Belarus and the DPRK have a good record of mutual understanding.", "2025-02-05")
    assert [(m.sender_country, m.content_published) for m in msgs] == [("BY", "partial")]


def test_a_newspaper_before_a_leaders_title_is_not_his_name():
    msgs = run("Kim Jong Un sent a message of condolence to Vladimir Putin over the Crocus City Hall attack, KCNA said on "
               "Sunday.\n\nIn the message, carried on the front page of the ruling party newspaper Rodong Sinmun, the North "
               "Korean leader expressed \"deep condolences and sympathy\" to the Russian president.", "2024-03-24")
    assert [(m.sender, m.recipient_country, m.content_published) for m in msgs] == [("Kim Jong Un", "RU", "partial")]


def test_the_last_of_a_list_of_senders_before_its_verb_and_a_spanish_letter_in_which_he_reiterated():
    msgs = run("In messages sent on August 4, Kim Jong Un, Hun Sen and Daniel Ortega extended their warmest congratulations "
               "to To Lam.", "2024-08-05")
    assert [m.grouped_with for m in msgs] == [("KH", "NI")]
    msgs = run("Asimismo, el Comité Central del Partido del Trabajo de Corea dirigió una carta al Comité Central del Partido "
               "Comunista de Cuba en la que reiteró el apoyo del pueblo coreano.", "2026-01-02")
    assert [m.content_published for m in msgs] == ["partial"]


def test_a_day_without_a_year_after_its_month_named_with_one():
    msgs = run("When Fidel Castro died in November 2016, Kim sent a message of condolence to Raúl Castro on Nov. 26 "
               "describing Fidel as \"a great comrade.\"", "2025-03-10")
    assert [m.date for m in msgs] == ["2016-11-26"]
    msgs = run("Two and a half years later, in April 2022, with only weeks left in his term, Moon sent Kim a farewell letter "
               "on April 20.", "2025-07-14")
    assert [m.date for m in msgs] == ["2022-04-20"]


def test_when_his_mother_died_he_is_the_addressee_and_the_one_who_died_is_no_sender():
    msgs = run("In October 2019, when President Moon's mother died, Kim sent a message of condolence that was handed over "
               "at Panmunjom on Oct. 30.", "2025-07-14")
    assert [(m.sender_country, m.recipient_country, m.date) for m in msgs] == [("KP", "KR", "2019-10-30")]
    msgs = run("In September 2018, when President Tran Dai Quang died, the message of condolence came from Kim Jong Un and "
               "was addressed to the party general secretary, Nguyen Phu Trong.", "2025-03-10")
    assert [(m.sender_country, m.recipient) for m in msgs] == [("KP", "Nguyen Phu Trong")]


def test_leaders_of_the_past_from_the_gazetteer_and_what_was_routine_in_messages_to_hu():
    msgs = run("His New Year card to Jiang Zemin in January 2001, on the eve of Jiang's visit to Pyongyang, named him in full.",
               "2024-02-06")
    assert [(m.recipient, m.date) for m in msgs] == [("Jiang Zemin", "2001-01")]
    msgs = run("KCNA's summary ran to three sentences. It said that Kim \"extended warm congratulations\" and wished Xi "
               "success, and it omitted the references to the friendship that had been routine in Kim Jong Il's messages "
               "to Hu.", "2013-04-05")
    assert [m.recipient for m in msgs] == ["Xi Jinping"]


def test_whether_putin_will_congratulate_in_russian_is_no_message():
    assert run("Дмитрий Песков, отвечая на вопрос о том, поздравит ли Владимир Путин лидера КНДР Ким Чен Ына с днем "
               "рождения, заявил, что пока не может сообщить ничего конкретного.", "2024-01-08") == []


def test_a_29_february_after_a_month_of_a_year_without_one_keeps_its_own_year():
    msgs = run("When the leader died in February 2017, Kim sent a message of condolence to Xi Jinping on Feb. 29.",
               "2024-03-10")
    assert [m.date for m in msgs] == ["2024-02-29"]


def test_a_telegram_named_before_the_condolences_it_carried():
    msgs = run("Russian President Dmitry Medvedev, in a telegram to Kim Jong-Un, offered his \"deep condolences\" and said he "
               "hoped relations would keep developing, the Kremlin said.", "2011-12-20")
    assert [(m.sender, m.recipient, m.kind) for m in msgs] == [("Dmitry Medvedev", "Kim Jong Un", "telegram")]
    msgs = run("Putin, in a telegram to Kim Jong Un, expressed deep condolences over the victims of the floods.", "2024-08-02")
    assert [(m.sender_country, m.kind) for m in msgs] == [("RU", "telegram")]


def test_a_message_addressed_to_one_side_put_first_and_its_sender_after():
    msgs = run("In a message addressed to the central committee of the ruling Workers' Party of Korea, China's Communist "
               "Party, parliament, cabinet and top military body described the late leader as \"a great leader of the Korean "
               "people\".", "2011-12-20")
    assert [(m.sender_country, m.recipient_country) for m in msgs] == [("CN", "KP")]


def test_the_latest_to_congratulate_are_its_senders():
    msgs = run("President Mugabe continues to receive messages of goodwill following his victory in the July 31 elections.\n\n"
               "The latest to congratulate the President are North Korean leader Kim Jong Un, Equatorial Guinea's President "
               "Teodoro Obiang Nguema Mbasogo and Namibian President Hifikepunye Pohamba.", "2013-08-27")
    assert [(m.sender_country, m.recipient_country, m.occasion) for m in msgs] == [("KP", "ZW", "election")]


def test_a_message_for_an_anniversary_is_of_its_day_not_of_a_day_counted_from_months_before():
    msgs = run("In early February, as the epidemic peaked in Wuhan, Kim sent Xi a letter of sympathy.\n\n"
               "Two days later, Kim sent Russian President Vladimir Putin a congratulatory message on the 75th anniversary of "
               "the Soviet victory in the Great Patriotic War.", "2020-05-12")
    assert [(m.recipient_country, m.date) for m in msgs] == [("CN", "2020-02"), ("RU", "2020-05-09")]


def test_the_occasion_the_words_of_a_message_give_and_each_passing_day():
    msgs = run("Messages of congratulation were sent to Kim Jong Il on October 9 by the Central Committee of the Communist "
               "Party of China and the Central Committee of the Communist Party of Vietnam.\n\n"
               "The message of the CPC Central Committee said that Comrade Kim Jong Il's assumption of the high post of "
               "General Secretary reflected the will of the party, and that the friendship would grow stronger with each "
               "passing day.", "1997-10-18")
    assert [(m.sender_country, m.occasion) for m in msgs] == [("CN", "election"), ("VN", "election")]
    msgs = run("Cuban President Miguel Diaz-Canel sent a reply to Kim Jong Un.\n\n"
               "He wished the Korean people greater success in the new year.", "2024-01-05")
    assert [m.occasion for m in msgs] == ["new_year"]


def test_a_korean_list_of_titles_before_the_addressee_particle_and_what_it_withheld():
    msgs = run("통신은 김 제1위원장이 지난달 31일 중화인민공화국 주석, 러시아연방 대통령, 베트남사회주의공화국 주석, "
               "라오스인민민주주의공화국 주석, 쿠바공화국 국가평의회 의장에게 연하장을 보냈다고 전했다.\n\n"
               "통신은 연하장을 받은 정상들의 이름은 밝히지 않고 직함만 소개했으며, 연하장의 구체적인 내용도 공개하지 않았다.",
               "2015-01-02")
    assert sorted(m.recipient_country for m in msgs) == ["CN", "CU", "LA", "RU", "VN"]
    assert {(m.sender_country, m.kind, m.recipient_named, m.content_published) for m in msgs} == {("KP", "card", False, "none")}
    assert sorted(next(m for m in msgs if m.recipient_country == "CN").grouped_with) == ["CU", "LA", "RU", "VN"]


def test_a_message_quoted_in_spanish_in_the_first_person_is_its_text_not_another_message():
    assert run("Con motivo de su reelección como Presidente de la República de Nicaragua, le expreso, en nombre del Gobierno "
               "y del pueblo de la República Popular Democrática de Corea, mis más cálidas felicitaciones.", "2021-11-12") == []


def test_without_revealing_anything_of_its_contents():
    msgs = run("The Central Committee of the Workers' Party of Korea also sent a separate congratulatory message on Thursday to "
               "the Central Committee of the CPC, the Korean Central News Agency said, without revealing anything of its "
               "contents.", "2021-07-02")
    assert [m.content_published for m in msgs] == ["none"]


def test_russian_names_in_the_genitive_and_russia_day_in_the_instrumental():
    msgs = run("Президент России Владимир Путин в среду получил поздравления с Днем России от председателя КНР Си Цзиньпина, "
               "председателя Госсовета КНДР Ким Чен Ына, председателя Госсовета и Совета министров Кубы Мигеля Диас-Канеля и "
               "президента Вьетнама Нгуен Фу Чонга.", "2019-06-12")
    kp = [m for m in msgs if m.sender_country == "KP"]
    assert [(m.recipient_country, m.occasion, sorted(m.grouped_with)) for m in kp] == [("RU", "national_day", ["CN", "CU", "VN"])]


def test_he_also_received_cards_is_kim_jong_il_who_led_then():
    msgs = run("General Secretary Kim Jong Il sent New Year cards on December 30 to the President of the People's Republic of "
               "China and the President of the Russian Federation.\n\n"
               "He also received New Year cards on January 1 from Hu Jintao, president of the People's Republic of China; "
               "and Fidel Castro Ruz, president of the Councils of State and Ministers of Cuba.", "2005-01-08")
    assert sorted((m.sender_country, m.recipient_country) for m in msgs) == [
        ("CN", "KP"), ("CU", "KP"), ("KP", "CN"), ("KP", "RU")]


def test_in_may_is_a_month_of_the_year_of_the_message_before_not_a_modal():
    msgs = run("In early February 2020, Kim sent Xi a letter of sympathy over the epidemic in Wuhan.\n\n"
               "In May, in response, Xi sent a verbal message thanking Kim for the letter.", "2024-11-20")
    assert [(m.sender_country, m.date) for m in msgs] == [("KP", "2020-02"), ("CN", "2020-05")]


def test_did_trade_messages_is_an_exchange():
    msgs = run("On October 6, the 75th anniversary itself, Kim Jong Un and Xi Jinping did trade messages.", "2024-10-10")
    assert sorted((m.sender_country, m.recipient_country) for m in msgs) == [("CN", "KP"), ("KP", "CN")]


def test_succeeded_as_president_and_a_recipient_with_an_apposition_before_the_message():
    msgs = run("In February 2008, when Raúl Castro formally succeeded his brother as president of the Council of State, Kim "
               "Jong Il sent him a congratulatory message - among the first such messages from abroad to be published in "
               "Granma.", "2026-01-10")
    assert [(m.recipient, m.occasion, m.date) for m in msgs] == [("Raul Castro", "election", "2008-02")]
    msgs = run("When Hugo Chávez died in March 2013, Kim sent Nicolás Maduro, then Venezuela's acting president, a message "
               "of condolence.", "2026-01-10")
    assert [(m.recipient, m.occasion) for m in msgs] == [("Nicolas Maduro", "condolence")]


def test_no_one_has_ever_received_is_no_message():
    assert run("No South Korean president has ever received a New Year card from Kim, and none is expected.",
               "2024-01-03") == []


def test_a_report_denied_in_the_sentence_after_leaves_no_letter():
    assert run("A Japanese newspaper reported last week that Trump had already sent Kim a personal letter in August, citing "
               "unnamed diplomatic sources. The White House denied the report on Friday, saying no letter had been sent.",
               "2025-09-22") == []


def test_a_capital_escape_in_a_pattern_for_lower_cased_text_is_refused():
    assert _lowered(re.compile(r"내용[가-힣]*\s+않")).pattern == r"내용[가-힣]*\s+않"
    with pytest.raises(ValueError, match=r"\\\\S"):
        _lowered(re.compile(r"내용\S*\s+않"))


def test_a_chinese_report_of_an_exchange_and_what_each_message_said():
    msgs = run("新华社北京10月6日电 10月6日，国家主席习近平同朝鲜劳动党总书记、国务委员长金正恩互致贺电，庆祝两国建交75周年。"
               "习近平在贺电中表示，中朝传统友谊历久弥坚。\n\n"
               "同日，国务院总理李强同朝鲜内阁总理金德训互致贺电。", "2024-10-07")
    got = {(m.sender, m.recipient): m for m in msgs}
    assert set(got) == {("Xi Jinping", "Kim Jong Un"), ("Kim Jong Un", "Xi Jinping"),
                        ("Li Qiang", "Kim Tok Hun"), ("Kim Tok Hun", "Li Qiang")}
    xi = got["Xi Jinping", "Kim Jong Un"]
    assert (xi.kind, xi.occasion, xi.date, xi.recipient_named, xi.content_published) == (
        "message", "anniversary", "2024-10-06", True, "partial")
    assert got["Kim Jong Un", "Xi Jinping"].content_published is None  # (only Xi's words were told)


def test_chinese_messages_one_way_received_and_of_condolence():
    (m,) = run("2008年5月14日，朝鲜国防委员会委员长金正日致电国家主席胡锦涛，就四川汶川地震表示慰问。", "2008-05-16")
    assert (m.sender, m.recipient, m.occasion, m.date) == ("Kim Jong Il", "Hu Jintao", "condolence", "2008-05-14")
    (m,) = run("普京总统收到了金正恩发来的生日贺电。", "2023-10-08")
    assert (m.sender_country, m.recipient_country, m.occasion) == ("KP", "RU", "birthday")


def test_korean_sentences_end_before_hangul_and_a_day_alone_is_of_the_report_month():
    msgs = run("김정은 국무위원장이 문재인 대통령에게 위로의 뜻을 담은 친서를 보내왔다고 청와대가 5일 밝혔다. "
               "문 대통령도 5일 김 위원장에게 답신을 보냈다.\n\n"
               "김 위원장은 지난해 6월 12일에도 러시아의 날을 맞아 푸틴 대통령에게 축전을 보냈다.", "2020-03-05")
    got = {(m.sender_country, m.recipient_country, m.date[:4]): m for m in msgs}
    assert set(got) == {("KP", "KR", "2020"), ("KR", "KP", "2020"), ("KP", "RU", "2019")}
    assert got["KP", "KR", "2020"].occasion == "condolence"
    assert got["KR", "KP", "2020"].date == "2020-03-05" and got["KR", "KP", "2020"].reply
    assert got["KP", "RU", "2019"].date == "2019-06-12"


def test_korean_whether_is_no_message_and_a_coming_day_is_this_month():
    assert run("한편 오는 15일은 시진핑 중국 국가주석의 생일로, 김 위원장이 올해도 축전을 보낼지 주목된다.", "2025-06-13") == []
    from monitor.dates import find_dates
    assert [d.value for d in find_dates("오는 15일", __import__("datetime").date(2025, 6, 13))] == ["2025-06-15"]


def test_grief_is_a_condolence():
    (m,) = run("In Havana, Granma said President Fidel Castro sent Kim Jong Il a message on Saturday conveying the "
               "\"profound grief\" of the Cuban people.", "1994-07-10")
    assert (m.sender_country, m.occasion) == ("CU", "condolence")


def test_the_previous_day_is_counted_from_the_day_the_sentence_names():
    (m,) = run("Cheong Wa Dae said on March 5 that Kim had written to President Moon Jae-in the previous day, sending "
               "words of comfort.", "2020-03-22")
    assert (m.sender_country, m.recipient_country, m.date) == ("KP", "KR", "2020-03-04")


def test_kim_alone_before_kim_jong_un_held_office_does_not_split_a_message_in_two():
    (m,) = run("China's leaders sent a message of condolence to Kim Jong Il on Saturday, hours after the death of his "
               "father was announced. The message, signed by President Jiang Zemin and Premier Li Peng, called the elder "
               "Kim \"a close comrade-in-arms of the Chinese people\".", "1994-07-10")
    assert (m.recipient, m.date, m.sender_named, m.content_published) == ("Kim Jong Il", "1994-07-09", True, "partial")


def test_the_two_leaders_named_many_sentences_before_and_a_message_that_went_beyond():
    msgs = run("Kim Jong Un and Xi Jinping exchanged messages on Sunday. The texts were short. Analysts noticed. "
               "Nobody was surprised. Compare this with five years ago. On the 70th anniversary in 2019, the two leaders "
               "also exchanged messages.", "2024-10-08")
    assert sorted((m.sender_country, m.date[:4]) for m in msgs) == [("CN", "2019"), ("CN", "2024"), ("KP", "2019"), ("KP", "2024")]
    (m,) = run("On Russia Day last year, June 12, Kim sent Putin a congratulatory message that went far beyond the usual "
               "formulas.", "2023-09-14")
    assert (m.recipient_country, m.date) == ("RU", "2022-06-12")


def test_a_russian_list_of_those_who_received_greetings_from_the_one_named_before():
    (m,) = run("Владимир Путин направил поздравления с Новым годом лидерам ряда зарубежных государств. Новогодние "
               "поздравления, в частности, получили Председатель Китайской Народной Республики Си Цзиньпин, Председатель "
               "Государственных дел Корейской Народно-Демократической Республики Ким Чен Ын и Президент Республики Индии "
               "Нарендра Моди.", "2023-12-30")
    assert (m.sender_country, m.recipient_country, list(m.grouped_with)) == ("RU", "KP", ["CN", "IN"])


def test_cards_to_both_of_two_leaders():
    msgs = run("On Jan. 1 last year, Kim sent New Year's cards to both Xi and Putin.", "2025-01-02")
    assert sorted((m.recipient_country, m.date, tuple(m.grouped_with)) for m in msgs) == [
        ("CN", "2024-01-01", ("RU",)), ("RU", "2024-01-01", ("CN",))]


def test_castro_and_trong_alone_and_the_old_wire_quotes():
    (m,) = run("Havana mourned too. A message from Castro to Kim Jong Il, carried Sunday by Prensa Latina, said Cubans "
               "felt the loss ``as if it were our own.''", "1994-07-11")
    assert (m.sender_country, m.date, m.content_published) == ("CU", "1994-07-10", "partial")
    (m,) = run("On September 2, 2020, Kim sent Trong a message on Vietnam's national day.", "2023-05-01")
    assert (m.recipient_country, m.occasion) == ("VN", "national_day")


def test_the_man_mourned_named_in_the_headline_is_not_the_recipient():
    msgs = run("Kim Jong Un sent condolences on Saturday over the death of party chief Nguyen Phu Trong. In a message "
               "to President To Lam, Kim said Trong's death was \"a great loss\".", "2024-07-20",
               title="Kim mourns Vietnam's 'close comrade' Trong")
    assert [(m.recipient, m.recipient_country) for m in msgs] == [("To Lam", "VN")]


def test_a_participle_set_off_after_the_message_leaves_the_clause_before_alone():
    (m,) = run("By the time Trong was re-elected general secretary at the party congress, Kim's congratulations, sent on "
               "Feb. 1, 2021, were reported in a KCNA item of four sentences.", "2022-05-01")
    assert (m.sender_country, m.recipient_country, m.occasion, m.date) == ("KP", "VN", "election", "2021-02-01")


def test_in_his_reply_to_a_third_country_and_in_his_own_message():
    msgs = run("Xi Jinping on Thursday sent reply messages to Kim Jong Un and Nguyen Phu Trong, thanking them for their "
               "congratulations on his re-election. In his reply to Kim, Xi said the friendship was a valuable asset. "
               "Kim, in his congratulatory message dated March 17, said the Chinese people would achieve greater success. "
               "In his reply to Trong, Xi said China and Vietnam are friendly neighbors.", "2018-03-22")
    assert sorted((m.sender_country, m.recipient_country, m.reply, m.date) for m in msgs) == [
        ("CN", "KP", True, "2018-03-22"), ("KP", "CN", False, "2018-03-17")]


def test_a_foundation_for_the_future_is_no_founding_anniversary():
    msgs = run("On Wednesday, Moon sent Kim a farewell letter, hoping the declarations would serve as a foundation for "
               "the future. Kim replied the next day.", "2022-04-22")
    assert [m.occasion for m in msgs] == ["other", "other"]


def test_writing_is_no_meeting_in_person_and_a_week_earlier_is_before_the_day_told():
    (m,) = run("On May 24, 2018, Trump wrote to Kim calling off the Singapore summit.", "2020-09-10")
    assert (m.sender_country, m.recipient_country, m.date) == ("US", "KP", "2018-05-24")
    msgs = run("On June 1 last year, Kim Yong Chol hand-delivered a letter from Kim to Trump in the Oval Office. A week "
               "earlier, on May 24, Trump had called off that meeting in a letter to Kim.", "2019-06-11")
    assert sorted((m.sender_country, m.date) for m in msgs) == [("KP", "2018-06-01"), ("US", "2018-05-24")]


def test_separate_messages_to_two_leaders_and_among_them_the_senders():
    msgs = run("Leaders of many countries have sent messages of congratulations to Vietnamese Party and State leaders on "
               "National Day. Among them were President of the Russian Federation Vladimir Putin; and General Secretary "
               "of the Workers' Party of Korea Kim Jong Un. In his separate messages to General Secretary To Lam and "
               "State President Luong Cuong, Kim Jong Un spoke highly of the achievements of the Vietnamese people.",
               "2025-09-01")
    assert sorted((m.sender_country, m.recipient) for m in msgs) == [("KP", "Luong Cuong"), ("KP", "To Lam")]
    assert ["RU"] in [list(m.grouped_with) for m in msgs]


def test_a_day_alone_a_few_weeks_after_a_message_of_a_past_year_is_of_that_year():
    msgs = run("On May 24, 2018, Trump wrote to Kim calling off the Singapore summit. Eight days later, the summit was back "
               "on. On June 1, Kim Yong Chol handed Trump a letter from Kim Jong Un.", "2020-03-23")
    assert sorted((m.sender_country, m.date) for m in msgs) == [("KP", "2018-06-01"), ("US", "2018-05-24")]
    msgs = run("On May 8, 2020, Kim sent Xi a verbal message. The centenary of the Communist Party of China on July 1 this "
               "year was the largest such occasion. Kim's congratulatory message to Xi for the centenary, dated July 1, "
               "was long.", "2021-07-20")
    assert sorted(m.date for m in msgs) == ["2020-05-08", "2021-07-01"]


def test_a_letter_from_kim_in_the_hands_of_the_one_named_first_and_dated_near_a_full_date():
    (m,) = run("On July 12, 2018, Trump tweeted a letter from Kim dated July 6, posting the full text.", "2020-06-01")
    assert (m.sender_country, m.recipient_country, m.date) == ("KP", "US", "2018-07-06")


def test_no_message_went():
    assert run("Pyongyang's state media covered the killing but no message went from Kim to Tokyo.", "2022-12-05") == []


def test_the_subjects_past_in_a_who_clause_is_not_the_occasion():
    (m,) = run("In September 2022, Thongloun Sisoulith, who had succeeded Bounnhang as president, sent Kim a message on the "
               "DPRK's founding anniversary.", "2023-05-01")
    assert (m.sender_country, m.occasion) == ("LA", "national_day")


def test_the_texts_of_the_cuban_and_vietnamese_messages_and_a_weekday_after_condolence():
    msgs = run("North Korea has known one leader since its founding in 1948. Chinese President Jiang Zemin, Cuban President "
               "Fidel Castro and Vietnamese Communist Party chief Do Muoi sent messages of condolence Sunday to Kim Jong Il. "
               "Jiang's message said the Chinese people had lost \"a close comrade-in-arms\". The agency did not carry the "
               "texts of the Cuban and Vietnamese messages.", "1994-07-11")
    assert sorted((m.sender_country, m.date, m.content_published) for m in msgs) == [
        ("CN", "1994-07-10", "partial"), ("CU", "1994-07-10", "none"), ("VN", "1994-07-10", "none")]


def test_quoted_words_offered_are_the_message_just_told_of():
    msgs = run("On October 1, Kim sent a message to Chinese President Xi Jinping marking the 75th anniversary of the founding "
               "of the People's Republic. KCNA carried it the same day. Kim offered \"warm congratulations\" and expressed "
               "the hope that the two countries would \"continue to develop\" their relations.", "2024-10-09")
    assert [(m.recipient_country, m.date) for m in msgs] == [("CN", "2024-10-01")]


def test_thanks_for_a_message_in_person_is_no_message_and_the_korean_founding_of_the_regime():
    assert run("Dai conveyed a verbal message from Hu to Kim Jong Il. Kim thanked Hu for the message and said the friendship "
               "would be carried forward.", "2009-09-18")[0].sender_country == "CN"
    assert len(run("Dai conveyed a verbal message from Hu to Kim Jong Il. Kim thanked Hu for the message and said the "
                   "friendship would be carried forward.", "2009-09-18")) == 1
    (m,) = run("시 주석도 지난 9월 9일 북한 정권수립 75주년을 맞아 김 위원장에게 축전을 보낸 바 있다.", "2023-12-20")
    assert (m.sender_country, m.occasion, m.date) == ("CN", "national_day", "2023-09-09")


def test_he_wrote_to_kim_after_his_turn_and_a_singapore_summit_is_a_place():
    (m,) = run("Two months later it was Mr Putin's turn. On 15 August, the anniversary of Korea's liberation, he wrote to "
               "Mr Kim that Moscow and Pyongyang would \"continue to expand\" their ties.", "2023-09-10")
    assert (m.sender_country, m.recipient_country, m.date) == ("RU", "KP", "2023-08-15")
    (m,) = run("May 24, 2018 - Trump calls off the planned Singapore summit in a letter to Kim.", "2019-06-24")
    assert (m.sender_country, m.recipient_country) == ("US", "KP")


def test_a_date_since_an_event_an_aside_between_dashes_and_the_previous_month():
    (m,) = run("Kim Jong Un has received a letter from Trump, state media said on Sunday, the latest in a string of letters "
               "since their diplomacy stalled in Hanoi in February.", "2019-06-24")
    assert m.date == "2019-06-23"
    (m,) = run("When Kim Il Sung died in July 1994, Sihanouk \u2014 restored to the throne only the previous September \u2014 "
               "sent Kim Jong Il a message of condolence.", "2012-10-17")
    assert (m.sender_country, m.date) == ("KH", "1994-07")
    (m,) = run("Among the first messages of condolence to reach King Norodom Sihamoni were those from North Korea's leader, "
               "Kim Jong-un.", "2012-10-17")
    assert (m.sender_country, m.recipient_country) == ("KP", "KH")


def test_a_leaders_own_message_to_kim_after_another_to():
    (m,) = run("Rodong Sinmun's Saturday edition gave almost its entire first page to Xi Jinping's congratulatory message "
               "to Kim Jong-un, printing the full text.", "2025-10-13")
    assert (m.sender_country, m.recipient_country, m.content_published) == ("CN", "KP", "full")
    assert run("There was no immediate reaction from Washington to Kim's message.", "2020-10-03") == []


def test_a_clause_of_its_own_after_a_time_and_a_sending_told_as_done():
    msgs = run("In April 2016, Kim Jong Un congratulated Bounnhang Vorachith on his election, and in July 2018, after the "
               "dam collapse, Kim sent Bounnhang a message of sympathy.", "2024-06-25")
    assert [(m.occasion, m.date) for m in msgs] == [("election", "2016-04"), ("condolence", "2018-07")]
    (m,) = run("On Thursday the White House said Trump has written back to Kim Jong Un and that the reply \"has been sent and "
               "will be delivered\"; it did not describe what it says.", "2018-08-03")
    assert (m.sender_country, m.kind, m.reply, m.content_published) == ("US", "letter", True, "none")
    assert run("On Thursday the White House said Trump will write back to Kim Jong Un.", "2018-08-03") == []


def test_titles_only_and_no_text():
    msgs = run("Kim Jong Un sent greetings to the leaders of China and Russia on Sunday, the KCNA said, giving their titles "
               "only, and no text.", "2025-10-12")
    assert [(m.recipient_named, m.content_published) for m in msgs] == [(False, "none")] * 2


def test_the_occasion_of_the_lead_and_a_speech_carried_in_full():
    lead = ("Anniversaries in North Korea are about the guest list, and the 80th anniversary of the founding of the "
            "Workers' Party of Korea on Friday was no exception. ")
    body = ("On Saturday Rodong Sinmun gave its front page to Xi Jinping's congratulatory message to Kim Jong Un. "
            "None of this is accidental. Kim's speech, carried in full by the Korean Central Television, thanked the "
            "fraternal parties without naming any.")
    (m,) = run(lead + body, "2025-10-13", "How the papers told the story")
    assert (m.occasion, m.content_published) == ("anniversary", None)
    (m,) = run(body, "2025-10-13", "How the papers told the story")
    assert m.occasion == "other"
    # a message of another year keeps its own
    (m,) = run(lead + "In 2019, Xi Jinping sent Kim Jong Un a congratulatory message.", "2025-10-13", "The papers")
    assert m.occasion == "other"


def test_a_reply_gives_its_occasion_to_the_last_message_it_answers_not_to_one_of_years_before():
    msgs = run("On March 22, 2021, Kim Jong Un and Xi Jinping exchanged verbal messages. On Oct. 9 Xi Jinping sent Kim Jong "
               "Un a message for the 80th anniversary of the Workers' Party of Korea. On Thursday, KCNA reported that Kim had "
               "sent a reply to Xi, thanking him for his congratulations on the party's anniversary.", "2025-10-20")
    assert [(m.sender_country, m.date[:4], m.occasion) for m in msgs] == [
        ("CN", "2021", "other"), ("KP", "2021", "other"), ("CN", "2025", "anniversary"), ("KP", "2025", "anniversary")]


def test_what_he_said_after_his_message_and_a_quotation_the_message_reads():
    (m,) = run("Kim Jong Un has sent a message of condolence to Iran's acting President Mohammad Mokhber over Raisi's death, "
               "KCNA said. Kim said he was deeply saddened by the news and expressed deep condolences to the Iranian "
               "government and people.", "2024-05-21")
    assert (m.recipient_country, m.content_published) == ("IR", "partial")
    quote = ("Alexander Lukashenko has congratulated Kim Jong Un on the 77th anniversary of the founding of the DPRK. "
             "\"Belarus and the DPRK are bound by long-standing friendly ties,\" the message reads. "
             "\"I am convinced that our cooperation will grow,\" the Belarusian leader added.")
    (m,) = run(quote, "2025-09-09")
    assert m.content_published == "partial"
    (m,) = run(quote + " The full text of the message has been published on the president's website.", "2025-09-09")
    assert m.content_published == "full"
    assert run("Con motivo de su reelección como Presidente de la República de Nicaragua, le extiendo mis cálidas "
               "felicitaciones en nombre del Gobierno y el pueblo de la República Popular Democrática de Corea.",
               "2021-11-11") == []


def test_wrote_back_later_and_what_a_reply_thanked_for():
    msgs = run("According to Suh Hoon, Moon Jae-in sent a letter to Kim Jong Un on Sept. 8. Kim wrote back four days "
               "later.", "2020-09-25")
    assert [(m.sender_country, m.date, m.reply) for m in msgs] == [("KR", "2020-09-08", False), ("KP", "2020-09-12", True)]
    msgs = run("Kim Jong Un sent Moon Jae-in a letter on March 4 offering words of comfort, and Moon replied the following "
               "day, thanking Kim for his concern.", "2020-09-25")
    assert [(m.sender_country, m.content_published) for m in msgs] == [("KP", "partial"), ("KR", "partial")]
    msgs = run("On June 11, 2019, Trump told reporters that he had received \"a beautiful letter\" from Kim Jong Un the day "
               "before. Trump wrote back. On June 23, KCNA published photographs of Kim reading a letter from the U.S. "
               "president.", "2020-09-25")
    assert [(m.sender_country, m.date, m.reply) for m in msgs] == [("KP", "2019-06-10", False), ("US", "2019-06-23", True)]


def test_among_those_who_have_addressed_messages_are_the_senders():
    msgs = run("Among those who have addressed messages of condolence to the dear leader Comrade Kim Jong Il are Fidel "
               "Castro Ruz, President of Cuba, Norodom Sihanouk, King of Cambodia, and Hafez Al-Assad, President of the "
               "Syrian Arab Republic.", "1994-07-16")
    assert sorted((m.sender_country, m.recipient_country) for m in msgs) == [("CU", "KP"), ("KH", "KP"), ("SY", "KP")]


def test_a_state_media_text_introduced_as_in_part_is_of_the_message_it_introduces():
    address = " ".join(["In this hour of grief the Cuban people share your sorrow as their own, dear comrade, and we "
                        "are with you."] * 4)
    text = ("Pyongyang, July 16 (KCNA) -- Messages of condolence were sent to Kim Jong Il by Fidel Castro Ruz, President "
            "of Cuba, and Hafez Al-Assad, President of the Syrian Arab Republic.\n"
            "In his message dated July 9 Fidel Castro Ruz said among other things:\n" + address + "\n")
    msgs = {m.sender_country: m.content_published for m in run(text, "1994-07-16")}
    assert msgs == {"CU": "partial", "SY": "none"}


def test_his_message_named_later_is_to_the_addressee_told_before_and_sent_no_message():
    text = ("MOSCOW, June 12. /TASS/. Chinese President Xi Jinping, Chairman of the State Affairs of the DPRK Kim Jong Un "
            "and Belarusian President Alexander Lukashenko were among the foreign leaders who sent their congratulations "
            "to Russian President Vladimir Putin on Russia Day, the Kremlin said on Thursday.\n\n"
            "\"The head of state has received messages of congratulations from the leaders of dozens of countries. They "
            "will all receive replies,\" Peskov told reporters. He did not elaborate on the content of the messages.\n\n"
            "The Korean Central News Agency, however, published the full text of Kim Jong Un's message on Thursday morning.")
    (m,) = run(text, "2025-06-12", "Leaders of China, DPRK, Belarus among first to congratulate Putin on Russia Day")
    assert (m.recipient_country, m.content_published) == ("RU", "full")
    (m,) = run("Kim Jong Un congratulated Xi Jinping on his re-election on Oct. 25. Xi sent no message marking the October "
               "10 anniversary of the WPK's founding earlier this month.", "2017-10-26")
    assert (m.sender_country, m.date) == ("KP", "2017-10-25")


def test_every_member_state_of_the_un_a_liberation_from_a_country_and_a_report_day_after_in_which():
    msgs = run("Pyongyang, December 29 (KCNA) -- Kim Yong Nam sent messages of sympathy on December 28 to Susilo Bambang "
               "Yudhoyono, president of the Republic of Indonesia, and Maumoon Abdul Gayoom, president of the Republic of "
               "Maldives.", "2004-12-29")
    assert sorted(m.recipient_country for m in msgs) == ["ID", "MV"]
    msgs = run("Kim Jong Un and Russian President Vladimir Putin exchanged letters on the 79th anniversary of Korea's "
               "liberation from Japan's 1910-45 colonial rule, state media reported Aug. 15.", "2024-08-20")
    assert sorted((m.sender_country, m.recipient_country) for m in msgs) == [("KP", "RU"), ("RU", "KP")]
    (m,) = run("Putin had sent Kim Jong Un a message of sympathy over the floods, in which he offered \"any necessary "
               "assistance,\" KCNA reported Aug. 3.", "2024-08-23")
    assert m.date == "2024-08-03"


def test_what_a_leader_wrote_on_his_twitter_account_is_no_message():
    assert run("In Pyongyang, Rodong Sinmun recalled Diaz-Canel's visit, during which he held talks with Kim Jong Un. "
               "Diaz-Canel wrote on his Twitter account that the messages of solidarity received from all over the world "
               "are a recognition of the heroic resistance of the Cuban people.", "2019-01-02") == []


def test_if_you_go_back_is_a_speaker_pointing_back_not_a_condition():
    (m,) = run("If you go back to the start of October, Kim sent Xi the usual message for China's national day.",
               "2023-11-02")
    assert (m.sender_country, m.recipient_country, m.occasion) == ("KP", "CN", "national_day")
    assert run("It is unclear if Kim sent Xi a message for China's national day.", "2023-11-02") == []


def test_hard_wrapped_lines_are_one_paragraph_and_a_day_told_again_is_the_same_day():
    record = ("    Ambassador Whitcombe. I would be glad to, Congressman. On \n"
              "October 20, 1994--that is, the day before the Agreed Framework was \n"
              "signed in Geneva--President Clinton signed a letter addressed to Kim \n"
              "Jong Il. The salutation was to His Excellency Kim Jong Il, and I can tell \n"
              "you that the form of address was itself the subject of some \n"
              "discussion, since Kim Jong Il held no state title at that point \n"
              "beyond his military ones. In that letter the President undertook to \n"
              "use the full powers of his office to facilitate the financing.\n"
              "    Mr. Faleomavaega. So that was a personal undertaking.\n")
    (m,) = run(record, "2003-05-01")
    assert (m.sender_country, m.recipient, m.date) == ("US", "Kim Jong Il", "1994-10-20")
    assert "\n" not in m.evidence and "  " not in m.evidence
    # a list of headlines, each a line of its own, stays apart
    headlines = "\n".join(["Kim Jong Un sends message of greeting to Xi Jinping on his birthday in Beijing"] +
                          [f"Regional Economic Forum Opens in City Number {n} with Delegates from Asia" for n in range(8)])
    assert run(headlines, "2024-06-15") == []


def test_in_that_letter_tells_of_its_words_and_the_us_congress_is_no_party_congress():
    (m,) = run("On October 20, 1994, President Clinton signed a letter addressed to Kim Jong Il. In that letter the "
               "President undertook to arrange interim energy supplies, subject to the approval of the Congress.",
               "2003-05-01")
    assert (m.content_published, m.occasion) == ("partial", "other")


def test_spanish_subject_before_le_sends_and_each_one_after_y_al_receives():
    (m,) = run("En agosto, con motivo del 90 cumpleaños de Fidel Castro, Kim Jong Un le había enviado un mensaje de "
               "felicitación.", "2016-11-27")
    assert (m.sender_country, m.recipient_country, m.occasion) == ("KP", "CU", "birthday")
    msgs = run("Kim Jong Un envió mensajes de felicitación al Primer Secretario del Comité Central del Partido Comunista "
               "de Cuba, General de Ejército Raúl Castro, y al presidente de la República, Miguel Díaz-Canel, con motivo "
               "del aniversario 61 del triunfo de la Revolución cubana.", "2020-01-02")
    assert sorted(m.recipient for m in msgs) == ["Miguel Diaz-Canel", "Raul Castro"]


def test_and_with_two_circumstances_before_its_subject_is_a_clause_of_its_own():
    msgs = run("In April 2016, Kim congratulated Bounnhang Vorachith in a message on his election as president, and in "
               "July 2018, after the collapse of the Xe-Pian Xe-Namnoy dam in Attapeu province killed dozens of people, "
               "Kim sent Bounnhang a message of sympathy.", "2023-05-01")
    assert sorted((m.occasion, m.date) for m in msgs) == [("condolence", "2018-07"), ("election", "2016-04")]


def test_kims_message_congratulating_him_goes_to_the_one_named_before_and_and_he_sent_is_a_clause():
    (m,) = run("When the 20th Party Congress gave Xi a third term, Kim's message congratulating him on his re-election "
               "went out on October 23, 2022, the very day of the vote.", "2024-05-01")
    assert (m.sender_country, m.recipient_country, m.occasion) == ("KP", "CN", "election")
    (m,) = run("Kim met Putin at Vostochny in September 2023, and on Oct. 7, 2023, less than a month later, he sent Putin "
               "birthday greetings wishing him good health.", "2025-05-01")
    assert (m.sender_country, m.recipient_country, m.date) == ("KP", "RU", "2023-10-07")


def test_he_who_had_a_letter_from_kim_is_the_one_named_before():
    (m,) = run("After Singapore, the letters became a running feature of Trump's public remarks. On July 12, 2018, he "
               "tweeted a letter from Kim dated July 6, posting the full text in Korean.", "2020-01-01")
    assert (m.sender_country, m.recipient_country, m.date) == ("KP", "US", "2018-07-06")


def test_a_digest_that_listed_leaders_gives_each_one_a_message_in_the_direction_it_says():
    msgs = run("Kim sent New Year cards to foreign leaders, KCNA said. Monday's KCNA digest listed Putin first, ahead of "
               "Xi, and then the leaders of Cuba and Laos, naming Miguel Diaz-Canel and Thongloun Sisoulith.", "2024-01-03")
    assert sorted((m.sender_country, m.recipient_country) for m in msgs) == [
        ("KP", "CN"), ("KP", "CU"), ("KP", "LA"), ("KP", "RU")]
    assert {m.date for m in msgs} == {"2024-01-01"}
    msgs = run("Putin's card surfaced on January 2 in a KCNA digest of cards to Kim from abroad. The digest listed Xi "
               "first, then Putin and Cuba's Miguel Diaz-Canel.", "2024-01-03")
    assert sorted((m.sender_country, m.recipient_country) for m in msgs) == [("CN", "KP"), ("CU", "KP"), ("RU", "KP")]
    msgs = run("Kim sent New Year cards to Xi Jinping and Vladimir Putin on Jan. 1, 2023. Putin sent New Year greetings to "
               "Kim Jong Un the same day. Analysts took note of the order. This week, the order changed. Monday's KCNA "
               "digest listed Putin first, ahead of Xi, then Cuba's Miguel Diaz-Canel.", "2024-01-03")
    assert {m.kind for m in msgs if m.sender_country == "KP" and m.date == "2024-01-01"} == {"card"}


def test_a_chronology_under_year_headings_dates_its_entries_in_their_heading_year():
    text = ("The following is a chronology of letters between the two leaders since 2018.\n\n2018\n\n"
            "Dec. 30 -- Cheong Wa Dae says Kim has sent Moon a year-end letter in which he expresses regret.\n\n2020\n\n"
            "March 4 -- Kim sends Moon a letter expressing comfort to South Koreans fighting the COVID-19 outbreak. "
            "Moon sends a letter of thanks the following day.\n")
    msgs = run(text, "2022-04-22")
    assert sorted((m.sender_country, m.date) for m in msgs) == [("KP", "2018-12-30"), ("KP", "2020-03-04"), ("KR", "2020-03-05")]


def test_in_a_letter_dated_then_its_writer_goes_to_the_counterpart_named_before():
    (m,) = run("In the excerpts, Kim addresses Trump as \"Your Excellency\". In a letter dated December 25, 2018, Kim "
               "wrote that the memory of their handshake felt like a scene from a fantasy film.", "2020-09-10")
    assert (m.sender_country, m.recipient_country, m.date) == ("KP", "US", "2018-12-25")


def test_a_references_list_is_furniture():
    text = ("Messages between the two leaders have grown rare since 2016 (KCNA 2016a).\n\nReferences\n\n"
            "KCNA. 2016a. \"Xi Jinping Sends Congratulatory Message to Kim Jong Un.\" 10 May.\n"
            "KCNA. 2016b. \"Kim Jong Un and Xi Jinping Exchange Messages on the treaty anniversary.\" 11 July.\n")
    assert run(text, "2017-10-01") == []


def test_russian_he_sent_is_the_north_korean_named_before():
    msgs = run("Ким Чен Ын и ранее в этом году неоднократно обращался к российскому лидеру. В марте, после президентских "
               "выборов, он направил Путину поздравительную телеграмму.", "2024-10-07")
    assert [(m.sender_country, m.recipient_country, m.occasion, m.date) for m in msgs] == [("KP", "RU", "election", "2024-03")]


def test_a_document_published_again_dates_its_text_from_the_day_it_was_written():
    text = ("Canonical ID: 09BEIJING236_a\nDate: 2009 January 29, 09:12 (Thursday)\nFrom: China Beijing\n\n"
            "1. (C) On January 1, Hu and Kim Jong Il exchanged New Year messages inaugurating the Year of Friendship.\n")
    msgs = run(text, "2011-08-30")
    assert sorted((m.sender_country, m.date) for m in msgs) == [("CN", "2009-01-01"), ("KP", "2009-01-01")]


def test_a_party_named_in_a_who_aside_is_no_side_of_the_message():
    (m,) = run("Fidel Castro, who has counted the North Korean leader as a friend since the 1960s, sent a telegram of "
               "condolence to Kim Jong Il and ordered flags in Cuba lowered for three days.", "1994-07-11")
    assert (m.sender_country, m.recipient, m.occasion) == ("CU", "Kim Jong Il", "condolence")
    (m,) = run("Kim Jong Un, who sent a message to Xi Jinping on Monday, was not named.", "2024-05-08")
    assert (m.sender_country, m.recipient_country) == ("KP", "CN")


def test_a_liberation_anniversary_is_a_national_day():
    (m,) = run("Summary: Liberation anniversary coverage dominates, with Kim Jong-un receiving greetings from Russia's "
               "Putin.", "2018-08-17")
    assert m.occasion == "national_day"


def test_premiers_in_russian():
    (m,) = run("Председатель Кабинета министров КНДР Ким Дук Хун направил поздравительную телеграмму Председателю "
               "Правительства Российской Федерации Михаилу Владимировичу Мишустину.", "2023-06-12")
    assert (m.sender, m.recipient) == ("Kim Tok Hun", "Mikhail Mishustin")


def test_a_letter_expressing_or_in_which_he_expresses_tells_of_its_words():
    (m,) = run("March 4 -- Kim sends Moon Jae-in a letter expressing comfort to South Koreans fighting the outbreak.",
               "2020-03-06")
    assert m.content_published == "partial"
    (m,) = run("Cheong Wa Dae says Kim has sent Moon Jae-in a year-end letter in which he expresses regret that he could "
               "not visit Seoul.", "2018-12-30")
    assert m.content_published == "partial"


def test_greeting_someone_in_person_and_what_posts_claim_are_no_messages():
    assert run("Greeting Putin at the start of the talks, Kim said he hoped the meeting would be very useful.",
               "2019-04-25") == []
    assert run("Posts shared widely on social media claim that North Korean leader Kim Jong Un has sent a letter to "
               "Joe Biden.", "2020-11-27") == []


def test_a_clause_of_time_ends_at_its_comma_and_its_leader_is_the_one_congratulated():
    (m,) = run("When the congress elected Kim chairman of the WPK, Xi sent him a congratulatory message.", "2016-05-10")
    assert (m.sender, m.recipient) == ("Xi Jinping", "Kim Jong Un")
    (m,) = run("In March, when parliament re-elected Putin, Kim sent a message of congratulations.", "2018-03-30")
    assert (m.sender, m.recipient, m.occasion) == ("Kim Jong Un", "Vladimir Putin", "election")
    assert run("After Trump met Moon in Seoul, Kim sent a letter.", "2019-07-10") == []


def test_a_month_without_its_year_after_a_past_month_of_the_same_paragraph_is_of_that_year():
    (m,) = run("Relations did not survive the January 2016 nuclear test. Yet in May, Xi sent Kim a congratulatory "
               "message, which KCNA carried in full.", "2017-10-01")
    assert m.date == "2016-05"
    # a new paragraph may come back to the year of the report
    (m,) = run("Diplomacy stalled after the summit in Hanoi in February 2019.\n\nBack in March, Kim had sent Moon a "
               "letter expressing sympathy over the outbreak.", "2020-09-25")
    assert m.date == "2020-03"


def test_weeks_and_months_later_are_counted_from_the_message_before():
    first, second = run("Kim sent Xi a message on 15 November 2012. Four months later, when the National People's "
                        "Congress elected Xi state president, Kim sent a second congratulatory message.", "2017-10-01")
    assert (first.date, second.date) == ("2012-11-15", "2013-03")
    first, second = run("Kim sent Xi a message on 15 November 2012. Two weeks later, Kim sent him a second message.",
                        "2017-10-01")
    assert second.date == "2012-11-29"
    # a span not told exactly counts nothing
    assert all(m.date != "2012-12" for m in run("Kim sent Xi a message on 15 November 2012. Less than a month later, "
                                                 "Kim sent him a second message.", "2017-10-01"))


def test_a_korean_addressee_is_the_one_its_particle_marks_wherever_it_stands():
    (m,) = run("김 제1부부장은 이날 오전 청와대에서 열린 문 대통령과 북한 고위급 대표단의 접견 자리에서 파란색 파일에 담긴 친서를 "
               "꺼내 문 대통령에게 건넸다.", "2018-02-10")
    assert (m.sender_country, m.recipient_country) == ("KP", "KR")


def test_spanish_among_those_who_sent_and_in_his_message():
    text = ("Desde el viernes, cuando el General de Ejército Raúl Castro Ruz informó la desaparición física del Comandante en Jefe, no han "
            "cesado de llegar mensajes de pesar.\n\nEntre los primeros en hacer llegar sus condolencias al Presidente de los Consejos "
            "de Estado y de Ministros figuraron el presidente de la República Popular China, Xi Jinping; el presidente de "
            "la Federación de Rusia, Vladimir Putin, y el máximo dirigente de la República Popular Democrática de Corea, "
            "Kim Jong Un.\n\nEn su mensaje, enviado el sábado, el Presidente del Partido del Trabajo de Corea expresó que "
            "el nombre de Fidel Castro vivirá para siempre.")
    (m,) = run(text, "2016-11-28")
    assert (m.sender, m.recipient, m.occasion) == ("Kim Jong Un", "Raul Castro", "condolence")
    assert m.grouped_with == ("CN", "RU")
    assert m.content_published == "partial"


def test_a_leader_in_the_words_of_a_message_told_before_is_not_its_addressee():
    (m,) = run("Kim Jong Un sent a message of condolence to acting Iranian President Mohammad Mokhber on Wednesday over "
               "the helicopter crash. In his message, Kim said Ebrahim Raisi had been a true friend.", "2024-05-23")
    assert m.recipient == "Mohammad Mokhber"


def test_to_an_acting_or_newly_elected_leader():
    (m,) = run("Kim Jong Un sent a message of condolence to interim President Mohammad Mokhber on Wednesday.", "2024-05-23")
    assert m.recipient == "Mohammad Mokhber"


def test_spoken_days_on_the_first_september_the_9th_and_a_few_days_after():
    first, second = run("If you go back to the start of October, on the first, Kim sent Xi the usual message for China's "
                        "national day. Then six days later he sent Putin a message for his birthday.", "2023-10-20")
    assert (first.date, second.date) == ("2023-10-01", "2023-10-07")
    xi, kim = run("Xi's message for the DPRK's founding anniversary, on September the 9th, is the obvious one, and Kim sent "
                  "a reply a few days after that, thanking him.", "2023-10-20")
    assert (xi.date, kim.date, kim.reply) == ("2023-09-09", "2023-09-12", True)


def test_words_quoted_after_the_message_is_named_again_and_it_calls():
    (m,) = run("Li Keqiang died last Friday, and by Saturday Kim Jong Un had already sent a message of condolence to Xi "
               "Jinping. How fast is that? Very fast. Li died in Shanghai on Friday, and KCNA had Kim's message out the "
               "following day. He called it \"a great loss\" to the DPRK as well.", "2023-11-02")
    assert m.content_published == "partial"
    _, m = run("Kim sent Xi the usual message for China's national day. Then he sent Putin a message for his birthday, "
               "and that one is in a different register. It calls Putin his \"closest comrade\" and it mentions the "
               "meeting they had in September.", "2023-10-20")
    assert (m.recipient, m.content_published) == ("Vladimir Putin", "partial")


def test_a_message_that_state_media_summarized_is_a_message():
    (m,) = run("For China's National Day on October 1, Kim sent Xi a message that KCNA summarized in two short paragraphs.",
               "2023-10-20")
    assert (m.recipient, m.date) == ("Xi Jinping", "2023-10-01")
    assert run("Kim sent Washington a message that it would not be cowed.", "2023-10-20") == []


def test_a_denial_in_a_clause_of_its_own_leaves_the_message_of_the_other():
    (m,) = run("On Jan. 1 last year, the KCNA carried a separate report on a New Year's card from Kim to Putin, while making "
               "no mention of a card to Chinese President Xi Jinping, fueling speculation about a cooling in ties.",
               "2026-01-02")
    assert (m.recipient, m.date) == ("Vladimir Putin", "2025-01-01")
    # both clauses deny
    assert run("North Korea did not send a message of condolence; Kim's messages to Vladimir Putin did not mention the "
               "death.", "2022-12-05") == []


def test_spanish_titles_before_the_demonym_and_the_leader_of_the_north():
    (m,) = run("El sábado, el dirigente norcoreano envió un mensaje de condolencia al presidente de los Consejos de Estado y "
               "de Ministros, General de Ejército Raúl Castro.", "2016-11-28")
    assert (m.sender, m.recipient, m.sender_country) == ("Kim Jong Un", "Raul Castro", "KP")
    (m,) = run("En octubre pasado, el mandatario cubano había enviado a Kim Jong Un un mensaje de felicitación.", "2026-01-02")
    assert (m.sender_country, m.recipient_country) == ("CU", "KP")
    (m,) = run("On Saturday the North Korean leader sent a message of condolence to Raul Castro.", "2016-11-28")
    assert m.sender == "Kim Jong Un"  # the leader, not the nominal head of state
    (m,) = run("El 13 de agosto, con motivo del aniversario 90 del natalicio de Fidel, Kim Jong Un le hizo llegar un mensaje "
               "de felicitación.", "2016-11-28")
    assert (m.recipient, m.date) == ("Fidel Castro", "2016-08-13")


def test_the_president_or_the_chairman_alone_is_the_one_of_that_title_named_last():
    (m,) = run("On October 30, 2019, the day after the passing of Ms. Kang Han-ok, mother of President Moon Jae-in, "
               "Chairman Kim Jong Un sent a message of condolence to the President.", "2020-03-01")
    assert (m.sender, m.recipient, m.recipient_named) == ("Kim Jong Un", "Moon Jae-in", True)
    (m,) = run("Cheong Wa Dae said President Moon Jae-in met reporters.\n\nThis was the first communication from the "
               "Chairman addressed to the President since the personal letter of December 30, 2018, in which Chairman Kim "
               "expressed regret.", "2020-03-01")
    assert (m.sender_country, m.recipient, m.date) == ("KP", "Moon Jae-in", "2018-12-30")


def test_ordinal_days_in_words_more_numbers_and_older_spellings():
    (m,) = run("On the thirtieth, Kim Jong Il sent Hu Jintao a message.", "2011-07-16")
    assert m.date == "2011-06-30"
    assert after_another("Eleven days later came the anniversary", "2011-06-30") == ("2011-07-11", None)
    (m,) = run("Jiang Zemin sent a message of condolence to Kim Chong-il on the death of Kim Il-song.", "1994-07-12")
    assert (m.recipient, m.recipient_country) == ("Kim Jong Il", "KP")


def test_a_year_written_before_the_noun_dates_the_message():
    (m,) = run("Analysts compared it with Kim's 2021 message to Xi Jinping, which was printed in full.", "2024-06-01")
    assert (m.recipient, m.date) == ("Xi Jinping", "2021")
    (m,) = run("His 2019 New Year card to Xi Jinping came from Kim Jong Un, the KCNA said.", "2024-06-01")
    assert (m.kind, m.date) == ("card", "2019")
    # a year that names something else keeps the report's date
    (m,) = run("On Monday Kim Jong Un sent a message to Xi Jinping, recalling the 2021 talks.", "2024-06-05")
    assert m.date == "2024-06-03"


def test_a_caption_dateline_in_capitals_dates_its_message():
    (m,) = run("WASHINGTON, DC - MAY 24: In this handout photo provided by the White House, the letter from U.S. President "
               "Donald Trump to North Korean leader Kim Jong Un calling off the summit planned for June 12 is seen.",
               "2018-06-01")
    assert (m.sender, m.date) == ("Donald Trump", "2018-05-24")


def test_the_other_way_with_its_noun_left_out_and_an_establishment_date_in_brackets():
    ms = run("1/ KCNA this morning: Kim Jong Un's message to Xi Jinping for the 75th anniversary of DPRK-China diplomatic "
             "relations (est. Oct 6, 1949), and Xi's to Kim. On paper, a routine exchange.", "2024-10-06")
    assert sorted((m.sender_country, m.recipient_country, m.date) for m in ms) == [
        ("CN", "KP", "2024-10-06"), ("KP", "CN", "2024-10-06")]
    ms = run("Rodong Sinmun printed Kim's card to Putin on page one and Putin's own to Kim below it.", "2024-01-02")
    assert sorted(m.sender_country for m in ms) == ["KP", "RU"]
    # one message, the other party's possessive naming something else
    (m,) = run("Kim Jong Un sent a message to Xi Jinping, and Xi's visit to Pyongyang followed.", "2019-06-01")
    assert m.sender_country == "KP"


def test_the_birthday_of_a_party_is_an_anniversary():
    (m,) = run("Chinese President Xi Jinping has sent a personal letter to North Korean leader Kim Jong-un congratulating the "
               "country's ruling party on its 70th birthday.", "2015-10-10")
    assert m.occasion == "anniversary"
    for text in ("Kim Jong Un sent Putin a message on his 70th birthday.", "Kim Jong Un sent Putin birthday greetings."):
        (m,) = run(text, "2022-10-07")
        assert m.occasion == "birthday", text


def test_a_country_a_phrase_governs_is_no_list_with_the_subject_after_it():
    for text in ("But on June 12, 2022, less than four months into the invasion of Ukraine, Kim sent Putin a congratulatory "
                 "message.", "On May 9, 2023, the 78th anniversary of the Soviet victory over Nazi Germany, Kim sent Putin a "
                 "message."):
        (m,) = run(text, "2023-09-13")
        assert (m.recipient, m.grouped_with) == ("Vladimir Putin", ()), text
    # a list of countries' leaders stays one
    ms = run("Kim Jong Un sent messages to the presidents of Laos, Vietnam and Cuba.", "2023-09-13")
    assert sorted((m.recipient_country, m.grouped_with) for m in ms) == [
        ("CU", ("LA", "VN")), ("LA", ("CU", "VN")), ("VN", ("CU", "LA"))]


def test_for_the_holiday_is_the_occasion_the_sentence_before_named():
    (m,) = run("Russia Day is not a date North Korea had ever made much of. But on June 12, 2022, Kim sent Putin a "
               "congratulatory message for the holiday.", "2023-09-13")
    assert m.occasion == "national_day"
    (m,) = run("The weather was fine. On June 12, 2022, Kim sent Putin a message for the occasion.", "2023-09-13")
    assert m.occasion == "other"


def test_a_heavy_loss_is_mourned():
    (m,) = run('In Moscow the response was cooler: a telegram went to Pyongyang on Sunday over the signature of Boris '
               'Yeltsin, but it was addressed simply to "the leadership of the DPRK" and spoke only of "a heavy loss for the '
               'Korean people".', "1994-07-11")
    assert (m.sender, m.occasion) == ("Boris Yeltsin", "condolence")
    (m,) = run("Kim Jong Un sent Putin a message, noting the loss of the election by the opposition.", "2024-03-20")
    assert m.occasion != "condolence"


def test_over_the_signature_or_under_the_name_of_a_leader_he_sends_it():
    (m,) = run("A telegram went to Pyongyang on Sunday over the signature of Boris Yeltsin.", "1994-07-11")
    assert (m.sender, m.recipient_country) == ("Boris Yeltsin", "KP")
    (m,) = run("Putin has known Kim Jong Un for years. When Kim Jong-il died in December 2011, the Kremlin's condolences went "
               "out under the name of Dmitry Medvedev, then president.", "2024-06-20")
    assert (m.sender, m.recipient_country, m.date) == ("Dmitry Medvedev", "KP", "2011-12")


def test_the_quoted_lines_of_a_forwarded_email_are_read():
    body = ("From: A Reader <a@example.org>\nSubject: Fwd: weekly\n\n-----Original Message-----\n"
            "> WEEKLY - No. 418\n>\n> New Year's Day brought the annual KCNA item on the leader's New Year cards, and\n"
            "> as usual the interesting part is not that they were sent but how the list was\n"
            "> built. KCNA said on Jan. 1 that Kim Jong Un had sent New Year cards to Vladimir\n"
            "> Putin and to To Lam, General Secretary of the Communist Party of Vietnam, in\n"
            "> that order. The item did not carry the texts of the cards.\n>\n")
    ms = run(body, "2026-01-05")
    assert sorted(m.recipient for m in ms) == ["To Lam", "Vladimir Putin"]


def test_a_habit_in_the_other_clause_of_a_denial_is_no_message_either():
    assert run("No card from Beijing had been reported as of this morning; in recent years Xi's card to Kim has sometimes "
               "appeared a day or two later.", "2026-01-05") == []
    (m,) = run("The KCNA carried a report on a card from Kim to Putin, while making no mention of a card to Xi.",
               "2026-01-02")
    assert m.recipient == "Vladimir Putin"


def test_a_subtitle_file_reads_as_running_text():
    srt = ("1\n00:00:01,200 --> 00:00:04,350\n[wind over water]\n\n"
           "2\n00:01:02,330 --> 00:01:06,900\nNARRATOR: Eight days later, Kim Yong Chol carried to the Oval Office\n"
           "an envelope so large that the cameras noticed it first.\n\n"
           "3\n00:01:07,050 --> 00:01:11,600\nThe letter inside was from Kim Jong Un\nto President Donald Trump.\n\n"
           "4\n00:01:12,000 --> 00:01:14,000\nTRUMP (archive): I haven't opened it.\n")
    (m,) = run(srt, "2018-06-02")
    assert (m.sender, m.recipient) == ("Kim Jong Un", "Donald Trump")
    assert "00:01" not in m.evidence


def test_for_a_leaders_birthday_comma_greetings_came_from_another():
    (m,) = run("Last month, for Kim's birthday, greetings came from Washington in a personal letter.", "2020-02-20")
    assert (m.sender_country, m.recipient_country, m.occasion, m.date) == ("US", "KP", "birthday", "2020-01")


def test_the_twenty_fourth_of_may():
    (m,) = run("On the twenty-fourth of May, Trump sent Kim Jong Un a letter calling off the summit.", "2018-06-02")
    assert m.date == "2018-05-24"


def test_they_were_sent_by_a_list_and_by_said_again_for_each_sender():
    ms = run("Kim Jong Un received messages of condolence from heads of state of different countries upon the demise of "
             "leader Kim Jong Il. They were sent by Dmitry Medvedev, president of the Russian Federation, Raul Castro Ruz, "
             "president of the Republic of Cuba, and Bashar al-Assad, president of the Syrian Arab Republic.", "2011-12-22")
    assert sorted(m.sender_country for m in ms) == ["CU", "RU", "SY"]
    ms = run("Kim Jong Il was elected General Secretary on Oct. 8. Heading the messages were those dispatched by Jiang Zemin, "
             "President of the People's Republic of China, on Oct. 8; by Fidel Castro Ruz, first secretary of the "
             "Communist Party of Cuba and President of the Councils of State, on Oct. 9; by Do Muoi, general secretary "
             "of the Communist Party of Viet Nam, and by Khamtay Siphandone, also on Oct. 9.", "1997-10-18")
    assert sorted(m.sender_country for m in ms) == ["CN", "CU", "LA", "VN"]
    assert all(m.recipient == "Kim Jong Il" and len(m.grouped_with) == 3 for m in ms)


def test_the_cards_told_again_take_the_treatment_for_all_of_them():
    ms = run("SEOUL, Jan. 2 (Yonhap) -- North Korean leader Kim Jong-un sent New Year cards to Chinese President Xi Jinping, "
             "Russian President Vladimir Putin and the heads of state of Vietnam, Laos and Cuba, Pyongyang's state media "
             "reported Monday.\n\nKim sent the cards on Sunday, according to the Korean Central News Agency (KCNA), which "
             "did not disclose their contents.", "2023-01-02")
    assert len(ms) == 5 and all(m.content_published == "none" for m in ms)


def test_messages_that_both_spoke_are_messages():
    ms = run('On 6 October 2019, the seventieth anniversary of diplomatic relations, Xi and Kim exchanged congratulatory '
             'messages that both spoke of a "new chapter" in relations.', "2020-04-01")
    assert sorted(m.sender_country for m in ms) == ["CN", "KP"]
    assert run("The summit sent a message that both countries must heed.", "2020-04-01") == []


def test_russian_turned_seventy_one_is_a_birthday():
    (m,) = run("Президент России Владимир Путин, которому в субботу исполнился 71 год, получил поздравления. "
               "\"Поздравительные послания поступили от председателя КНР Си Цзиньпина и председателя Госсовета КНДР "
               "Ким Чен Ына\", - сказал Песков.", "2023-10-07", title="Путина с 71-летием поздравили лидеры ряда государств")
    assert (m.sender_country, m.occasion) == ("KP", "birthday")


def test_a_hard_wrapped_list_keeps_its_items_apart():
    body = ("New Year's Day brought the annual KCNA item on the leader's New Year cards, and as\n"
            "usual the interesting part is not that they were sent but how the list was built and\n"
            "who was named first in it, which is what readers of the digest look at every year,\n"
            "and what they compare with the lists of the years before, one name after another,\n"
            "in the order the agency chose for them, which is never an accident of the desk.\n\n"
            "PREVIOUSLY IN PWW\n\n"
            "- #417: Xi's Oct. 10 message on the WPK's 80th anniversary, read line by line here\n"
            "- #415: Kim's birthday greetings to Putin: a fourth year of 'closest comrade' now\n"
            "- #412: To Lam in Pyongyang - the first Vietnamese party chief visit since 2007 ok\n")
    assert unwrap(body).count("\n- #") == 3


def test_greeting_a_leader_at_the_airport_is_no_message():
    assert run("North Korean television on Tuesday broadcast footage of Kim Jong Il greeting Kim Dae-jung at Pyongyang's "
               "airport.", "2000-06-14") == []
    (m,) = run("Kim Jong Il sent a greeting to Kim Dae-jung on his birthday.", "2000-06-14")
    assert m.sender == "Kim Jong Il"


_HEADING = ("Kim Jong Il was elected General Secretary of the Workers' Party of Korea on Oct. 8. Heading the messages were "
            "those dispatched by Jiang Zemin, general secretary of the Central Committee of the Communist Party of China, "
            "on Oct. 8; by Fidel Castro Ruz, first secretary of the Central Committee of the Communist Party of Cuba, on "
            "Oct. 9; and by Gennady Zyuganov, chairman of the Communist Party of the Russian Federation, on Oct. 10. ")


def test_the_leader_of_that_day_named_names_the_north_korean_side():
    ms = run(_HEADING, "1997-10-15")
    assert len(ms) == 3 and all(m.recipient_named is True for m in ms)


def test_words_of_several_senders_named_together_are_each_of_theirs():
    ms = run(_HEADING + "Castro and Zyuganov, in their respective messages, wished Kim Jong Il fresh success.", "1997-10-15")
    assert {m.sender_country: m.content_published for m in ms} == {"CN": None, "CU": "partial", "RU": "partial"}


def test_a_visit_told_in_an_aside_does_not_make_the_words_spoken():
    ms = run(_HEADING + "The Cuban leader, who has more than once recalled the welcome he was accorded on his visit to "
             "Pyongyang in March 1986, hailed what he called the Korean people's \"unbreakable fidelity\".", "1997-10-15")
    assert {m.sender_country: m.content_published for m in ms} == {"CN": None, "CU": "partial", "RU": None}


def test_spanish_weekday_dates_the_message():
    (m,) = run("El domingo, el Comité Central del Partido del Trabajo de Corea envió a su vez un mensaje de condolencia "
               "al Comité Central del Partido Comunista de Cuba.", "2016-11-28",
               title="Llegan de todo el mundo mensajes de condolencia por la desaparición física de Fidel")
    assert (m.date, m.occasion) == ("2016-11-27", "condolence")


def test_russian_weekday_dates_the_message():
    (m,) = run("Председатель КНР Си Цзиньпин в воскресенье направил поздравительное послание Ким Чен Ыну.", "2023-10-10")
    assert m.date == "2023-10-08"


def test_writing_in_a_book_of_condolences_is_no_message():
    assert run("Kim Jong Un se inclinó ante el retrato del Comandante en Jefe y luego escribió unas palabras en el libro "
               "de condolencias, donde destacó que Fidel Castro vivirá por siempre.", "2016-11-28") == []


def test_spanish_he_sent_him_is_no_first_person_greeting():
    (m,) = run("El 13 de agosto de este año, con motivo del 90 cumpleaños de Castro, el líder norcoreano Kim Jong-un le "
               "envió un mensaje de felicitación.", "2016-11-26")
    assert (m.recipient_country, m.occasion, m.date) == ("CU", "birthday", "2016-08-13")
    assert run("Estimado camarada Kim Jong Un: le envío mis más cálidas felicitaciones. Raúl Castro", "2016-08-26") == []


def test_spanish_message_expected_in_the_coming_days_is_none_yet():
    assert run("Observadores en Seúl prevén que Kim Jong-un envíe en los próximos días un mensaje de condolencias a "
               "Raúl Castro.", "2016-11-26") == []


def test_a_title_and_the_name_that_begins_with_its_word_are_one_party():
    ms = run("Messages of condolence addressed to Kim Jong Il have arrived from Nepalese King Birendra Bir Bikram Shah Dev "
             "and Egyptian President Mohamed Hosni Mubarak. Only names and titles are given; texts are not read.",
             "1994-07-11")
    assert sorted(m.sender_country for m in ms) == ["EG", "NP"]
    assert all(m.content_published == "none" for m in ms)


def test_the_president_named_once_at_the_head_of_an_interview():
    filler = " ".join(f"A. Point {n} is about the hotlines and the drills." for n in range(10))
    ms = run("Cheong Wa Dae said President Moon Jae-in and Kim Jong Un had exchanged letters. " + filler +
             "\n\nQ. You were in office in March last year, when the pandemic hit Daegu.\n\nA. Yes. Chairman Kim wrote to "
             "the President in early March to express his comfort over the outbreak.", "2021-08-05")
    assert ("KP", "KR", "2020-03") in {(m.sender_country, m.recipient_country, m.date) for m in ms}


def test_and_the_other_ones_reply_dated_after_is_a_message_of_its_own():
    ms = run("Moon Jae-in wrote to Kim Jong Un on Sept. 8 to console him over the typhoon damage in the North, and Kim's "
             "reply, dated the 12th, thanked him.", "2021-08-05")
    assert {(m.sender_country, m.date, m.reply) for m in ms} == {("KR", "2020-09-08", False), ("KP", "2020-09-12", True)}


def test_his_answer_sent_the_same_day_is_a_reply():
    ms = run("For the 77th anniversary of Korea's liberation from Japan, on 15 August 2022, Putin sent Kim a message. "
             "Kim's answer, sent the same day, was warmer.", "2024-06-01")
    assert {(m.sender_country, m.date, m.reply) for m in ms} == {("RU", "2022-08-15", False), ("KP", "2022-08-15", True)}
    assert run("Asked about the summit, Kim Jong Un's answer was that he would meet Putin again.", "2024-06-01") == []


def test_a_clause_after_while_tells_a_message_of_its_own():
    ms = run('The two leaders write to each other regularly: Kim last congratulated Assad in May 2021 on his re-election, '
             'in a message calling the vote "a clear manifestation of support," while Assad, for his part, sent Kim a '
             "message on the anniversary of the DPRK's founding last September.", "2023-02-10")
    assert {(m.sender_country, m.occasion, m.date) for m in ms} == {("KP", "election", "2021-05"),
                                                                   ("SY", "national_day", "2022-09")}


def test_a_clause_after_a_semicolon_takes_the_occasion_of_the_one_before():
    ms = run('"Kim Jong Un Sends Message of Greeting to Putin on Russia Day," KCNA, June 12, 2022; compare Kim\'s 2021 '
             'message to Putin on the same occasion, which spoke only of "traditional friendship".', "2022-11-01")
    assert ("2021", "national_day") in {(m.date, m.occasion) for m in ms}


def test_cards_also_went_to_the_top_leaders_of_a_list_of_countries():
    ms = run("SEOUL, Jan. 2 (Yonhap) -- North Korean leader Kim Jong-un sent New Year's cards to Russian President Vladimir "
             "Putin and Chinese President Xi Jinping, state media said Thursday.\n\nKim sent the cards on Wednesday, New "
             "Year's Day, the Korean Central News Agency (KCNA) said in a brief dispatch. Cards also went to the top "
             "leaders of Vietnam, Laos, Cuba and Belarus, whom the report identified only by their official titles.",
             "2025-01-02")
    assert sorted(m.recipient_country for m in ms) == ["BY", "CN", "CU", "LA", "RU", "VN"]
    assert all(len(m.grouped_with) == 5 for m in ms)


def test_no_word_of_sympathy_will_go_is_none_sent():
    assert run("The government made it plain yesterday that no word of sympathy will go from Seoul to Pyongyang over the "
               "death of North Korean President Kim Il-sung.", "1994-07-12") == []


def test_hailing_a_leaders_re_election_in_a_message_is_a_message_to_him():
    ms = run("Kim Jong Un hailed Xi Jinping's re-election in a message.", "2022-10-24")
    assert [(m.sender_country, m.recipient_country, m.occasion) for m in ms] == [("KP", "CN", "election")]
    ms = run("Kim Jong Un has spent the autumn writing to friends. On Sunday, he hailed Xi Jinping's re-election to a third "
             "term as a great victory, in a message that state media carried in full.", "2022-10-24")
    assert [(m.sender_country, m.recipient_country, m.date) for m in ms] == [("KP", "CN", "2022-10-23")]


def test_a_partys_central_committee_is_one_sender():
    ms = run("The Eighth Congress of the Workers' Party of Korea opened in January. The Communist Party of China's Central "
             "Committee sent a congratulatory message to the congress on its opening.", "2021-01-10")
    assert [(m.sender_country, m.recipient_country, m.occasion) for m in ms] == [("CN", "KP", "congress")]


def test_russian_titles_in_the_dative_are_the_addressees_of_the_cards_listed():
    ms = run("Председатель государственных дел КНДР Ким Чен Ын направил новогоднюю открытку президенту России Владимиру "
             "Путину. За ней в сообщении перечислены открытки председателю КНР Си Цзиньпину, а также генеральному секретарю "
             "ЦК Коммунистической партии Вьетнама и первому секретарю ЦК Коммунистической партии Кубы, имена которых "
             "агентство не приводит. Тексты этих открыток не публиковались.", "2026-01-01")
    got = {m.recipient_country: (m.recipient_named, m.content_published) for m in ms if m.recipient_country != "RU"}
    assert got == {"CN": (True, "none"), "VN": (False, "none"), "CU": (False, "none")}


def test_russian_titles_in_the_dative_beside_kim_are_his_fellow_addressees():
    ms = run("Путин направил новогодние поздравления ряду зарубежных лидеров, в том числе председателю КНР Си Цзиньпину, "
             "председателю государственных дел КНДР Ким Чен Ыну, премьер-министру Индии и президенту Турции.", "2026-01-01")
    assert [(m.sender_country, m.recipient_country, sorted(m.grouped_with)) for m in ms] == [("RU", "KP", ["CN", "IN", "TR"])]


def test_an_entry_of_a_chronology_is_of_the_year_that_opens_its_line():
    ms = run("Oct. 9\n\n2006 -- North Korea conducts its first underground nuclear test.\n\n2015 -- Liu Yunshan meets North Korean "
             "leader Kim Jong-un in Pyongyang and delivers a personal letter from Chinese President Xi Jinping.", "2022-10-09")
    assert [(m.sender_country, m.date) for m in ms] == [("CN", "2015")]
    ms = run("2018: Kim Jong Un sends Xi Jinping a message of greeting on his birthday.", "2024-06-01")
    assert [m.date for m in ms] == ["2018"]


def test_on_the_anniversary_itself_is_the_day_the_sentences_before_gave_it():
    ms = run("The sixtieth anniversary of diplomatic relations on 6 October coincided with Premier Wen Jiabao's visit to "
             "Pyongyang. Kim Jong Il met Wen at the airport in person. On the anniversary itself, Hu Jintao and Kim Jong Il "
             "exchanged congratulatory messages.", "2009-12-15")
    assert sorted((m.sender_country, m.date) for m in ms) == [("CN", "2009-10-06"), ("KP", "2009-10-06")]


def test_a_word_hyphenated_at_the_end_of_a_wrapped_line_is_one_word():
    text = "\n".join([
        "The diplomatic calendar then took over. The year had been designated",
        "the Friendship Year, and the anniversary of relations fell in October.",
        "Premier Wen visited Pyongyang, the first visit by a Chinese pre-",
        "mier in eighteen years, and the two sides signed agreements on aid,",
        "a new bridge over the river and exchanges of students and teachers.",
        "In October Kim Jong Il sent Hu Jintao a warm mes-",
        "sage of greetings, and it was carried on the front page of the paper.",
        "Observers read much into the choreography of the visit and the mes-",
        "sages, but the substance lay in the economic package that Wen brought."])
    ms = run(text, "2009-12-15")
    assert [(m.sender_country, m.recipient_country, m.occasion) for m in ms] == [("KP", "CN", "other")]


def test_a_letter_from_her_brother_in_the_hands_of_the_leaders_sister_is_his():
    ms = run("At lunch at the Blue House in Seoul earlier on Saturday, Kim Yo-jong handed Moon a personal letter from her "
             "brother.", "2018-02-10")
    assert [(m.sender, m.recipient_country, m.kind) for m in ms] == [("Kim Jong Un", "KR", "letter")]
    assert run("Moon Jae-in handed Trump a letter from his brother.", "2018-02-10") == []


def test_in_the_report_on_kims_new_years_cards_xi_was_named_ahead_of_putin():
    ms = run("In the January 2023 report on Kim's New Year's cards, Xi was named ahead of Putin.", "2025-01-02")
    assert sorted((m.recipient_country, m.date, tuple(m.grouped_with)) for m in ms) == [("CN", "2023-01", ("RU",)),
                                                                                      ("RU", "2023-01", ("CN",))]
    assert run("China had customarily topped the North's lists of New Year's greetings until recent years, after Kim's "
               "summit with Putin.", "2025-01-02") == []


def test_an_acronym_before_a_title_is_that_countrys_title():
    ms = run("A congratulatory message was sent to Xi Jinping by the DPRK leader on 1 October.", "2019-07-01")
    assert [(m.sender, m.recipient_country, m.date) for m in ms] == [("Kim Jong Un", "CN", "2018-10-01")]


def test_dates_written_in_numbers():
    for text, want in [("On 20/06/2019, Kim Jong Un sent Xi Jinping a message.", "2019-06-20"),
                       ("On 06/20/2019, Kim Jong Un sent Xi Jinping a message.", "2019-06-20"),
                       ("On 20.06.2019, Kim Jong Un sent Xi Jinping a message.", "2019-06-20"),
                       ("2019/06/20: Kim Jong Un sent Xi Jinping a message.", "2019-06-20"),
                       ("KJU sent XJP a bday message on 6/15.", "2019-06-15")]:
        assert [m.date for m in run(text, "2019-07-01")] == [want], text


def test_epithets_and_analysts_abbreviations_of_leaders():
    ms = run("The Respected Comrade sent a message of greetings to Vladimir Putin. In 1997 the Dear Leader sent a letter "
             "to Jiang Zemin.", "2019-07-01")
    assert sorted((m.sender, m.recipient_country) for m in ms) == [("Kim Jong Il", "CN"), ("Kim Jong Un", "RU")]
    (m,) = run("5/ KJU also sent a b-day card to Putin.", "2019-07-01")
    assert (m.sender, m.kind, m.occasion) == ("Kim Jong Un", "card", "birthday")


def test_no_reply_to_a_letter_leaves_the_letter_sent():
    for text in ("Kim Jong Un never replied to the letter Moon Jae-in sent him in August.",
                 "Kim Jong Un never answered the letter Moon Jae-in sent him in August."):
        ms = run(text, "2019-07-01")
        assert [(m.sender_country, m.recipient_country, m.reply, m.date) for m in ms] == [("KR", "KP", False, "2018-08")], text
    for text in ("Kim Jong Un has yet to answer the letter Moon Jae-in sent him last month.",
                 "Kim Jong Un did not answer the letter Moon Jae-in sent him last month."):
        ms = run(text, "2019-07-01")
        assert [(m.sender_country, m.recipient_country, m.reply, m.date) for m in ms] == [("KR", "KP", False, "2019-06")], text
    assert run("Kim Jong Un did not send any message to Moon Jae-in.", "2019-07-01") == []
    ms = run("Xi Jinping answered the letter Kim Jong Un sent him in May.", "2019-07-01")
    assert sorted((m.sender_country, m.reply, m.date) for m in ms) == [("CN", True, "2019-07-01"), ("KP", False, "2019-05")]


def test_a_tickers_item_opening_with_the_time_of_day_is_read():
    ms = run("LIVE: North Korea updates\n\n08:42 BREAKING: Kim Jong Un sends birthday greetings to Xi Jinping - KCNA\n\n"
             "09:55 No word yet on the summit", "2019-06-16")
    assert [(m.sender_country, m.recipient_country, m.occasion) for m in ms] == [("KP", "CN", "birthday")]
