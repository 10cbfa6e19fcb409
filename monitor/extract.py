"""Find leader-to-leader messages in an article and how the report treated them.

`extract(doc)` is pure: no network, no database, no clock. It reads the article sentence by
sentence; a sentence reports a message when it has a message word ("message", "card",
"congratulated"...) and two parties that the gazetteer knows, one of them North Korea. The
roles come from the words around each party ("to", "from", the subject of "sent" or of
"received"); the treatment comes from the mention itself (a name or only a title), from what
the press says about it ("did not disclose the names"), and from the quoted text.
"""

from __future__ import annotations

import bisect
import re
import tomllib
import unicodedata
from dataclasses import dataclass, field, replace
from datetime import date
from functools import lru_cache
from importlib import resources
from typing import Any, Callable, Iterable, Iterator

from monitor import dates as dt
from monitor.models import KP, Document, Message

# --- text folding: one character in, one character out, so offsets stay valid ----------------

_FOLD = {
    "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-", "\u2212": "-",
    "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'", "\u02bc": "'",
    "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u00ab": '"', "\u00bb": '"',
    "\u00a0": " ", "\u2007": " ", "\u202f": " ", "\u2009": " ", "\u200a": " ", "\u2002": " ",
    "\u2003": " ", "\u3000": " ", "\u200b": " ", "\ufeff": " ", "\u2022": "*", "\u2026": ".",
    "\u3002": ".", "\u3001": ",",  # the Chinese full stop and list comma (the full-width "，" folds by itself)
}


@lru_cache(maxsize=4096)
def _fold_char(ch: str) -> str:
    if ch in _FOLD:
        return _FOLD[ch]
    if ord(ch) < 128:
        return ch
    base = "".join(c for c in unicodedata.normalize("NFKD", ch) if not unicodedata.combining(c))
    return base if len(base) == 1 else ch


def fold(text: str) -> str:
    """Straight quotes, plain hyphens and spaces, no accents; the same length as `text`."""
    if "``" in text:  # the old wire style, ``as if it were our own.''
        text = text.replace("``", ' "').replace("''", '" ')
    if text.isascii():
        return text
    table = {ord(c): _fold_char(c) for c in set(text) if ord(c) > 127}
    return text.translate(table)


# --- the gazetteer --------------------------------------------------------------------------


@dataclass(frozen=True)
class Person:
    name: str
    country: str
    channel: str
    roles: tuple[dict[str, Any], ...]
    leader: bool


@dataclass(frozen=True)
class Mention:
    start: int
    end: int
    country: str
    name: str  # the person or institution, or the title as written
    kind: str  # person | title | institution | country
    named: bool | None
    channel: str = "state"
    leader: bool = True
    possessive: bool = False


def _latin(word: str) -> bool:
    """Written in the Latin alphabet (after folding): matched between word boundaries."""
    return all(ord(c) < 0x250 for c in word)


def _alt(words: list[str]) -> str:
    """An alternation of literal words as a prefix tree ("Kim (?:Jong(?:-un| Un)|Yo Jong)"), which
    the regex engine walks once instead of trying every word in turn. Longer words win."""
    trie: dict[str, Any] = {}
    for w in set(words):
        node = trie
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}

    def build(node: dict[str, Any]) -> str:
        ends = "" in node
        branches = [re.escape(ch) + build(sub) for ch, sub in sorted(node.items()) if ch]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return "(?:" + body + ")?" if ends else body

    return build(trie)


def _capital_or_the(names: Iterable[str]) -> list[str]:
    """The names that start with a capital letter or "the" and a space (a name starts there, or not at all)."""
    return [n for n in names if "A" <= n[0] <= "Z" or re.match(r"the\s", n)]


# "el Presidente del Partido del Trabajo de Corea": the organ's leader, by title
_ES_TITLE_OF = re.compile(r"(?<![\w-])(?:el\s+|la\s+)?(?:president[ea]|secretari[oa] general|primer[oa]? secretari[oa]|jefe|"
                          r"lider|maximo dirigente)\s+(?:del|de la|de)\s+$", re.I)


class Gazetteer:
    """The people, titles, institutions and countries of monitor/data/gazetteer.toml, compiled."""

    def __init__(self, data: dict[str, Any], language: dict[str, Any]):
        self.countries: dict[str, dict[str, list[str]]] = data["countries"]
        self.people: dict[str, Person] = {}
        self.person_alias: dict[str, Person] = {}
        for p in data["people"]:
            person = Person(p["name"], p["country"], p.get("channel", "state"),
                            tuple(p.get("roles", [])), not p.get("not_leader") and "spouse_of" not in p)
            self.people[person.name] = person
            for alias in p["aliases"]:
                self.person_alias[fold(alias)] = person
                first, _, rest = fold(alias).partition(" ")
                if rest and re.fullmatch(r"[А-Я][а-я]*[бвгдзклмнпрстфхцчшщ]", first):
                    # a Russian first name declines before the surname ("Владимиру Путину", "Владимира Путина")
                    for ending in ("а", "у", "ом", "е"):
                        self.person_alias.setdefault(f"{first}{ending} {rest}", person)
        self.spouse_of = {p["name"]: p["spouse_of"] for p in data["people"] if "spouse_of" in p}
        self.sibling_of = {p["name"]: p["sibling_of"] for p in data["people"] if "sibling_of" in p}
        # (a leader of the past, whose messages count until the day he died: Kim Jong Il's of 2010)
        self.led_until = {p["name"]: p["led_until"] for p in data["people"] if "led_until" in p}
        self.inst_alias: dict[str, tuple[str, str, str]] = {}
        for inst in data["institutions"]:
            for alias in inst["aliases"]:
                self.inst_alias[fold(alias).lower()] = (inst["name"], inst["country"], inst.get("channel", "state"))
        name_of: dict[str, str] = {}
        demonym_of: dict[str, str] = {}
        capital_of: dict[str, str] = {}
        # (folded as the text is: "Корейской" is matched as "Кореиской")
        self.countries = {code: {key: [fold(n) for n in value] if isinstance(value, list) else value
                                 for key, value in c.items()} for code, c in self.countries.items()}
        for code, c in self.countries.items():
            for n in c.get("names", []):
                name_of[n.lower()] = code
            for n in c.get("demonyms", []):
                demonym_of[n.lower()] = code
            for n in c.get("capitals", []):
                capital_of[n.lower()] = code
        self.name_of, self.demonym_of, self.capital_of = name_of, demonym_of, capital_of
        self.demonym_es_of = {n.lower(): code for code, c in self.countries.items() for n in c.get("demonyms_es", [])}
        self.title_es = {fold(k).lower(): v for k, v in data["titles"].get("leader_es", {}).items()}
        titles = data["titles"]["leader"]
        all_names = [n for c in self.countries.values() for n in c.get("names", [])]
        # Russian: stems, any ending ("северокорейский" -> "северокорейск": "северокорейскому лидеру")
        self.title_ru = [(re.compile(r"\w*\s+".join(map(re.escape, fold(k).lower().split())) + r"\w*"), v)
                         for k, v in data["titles"].get("leader_ru", {}).items()]
        self.demonym_ru_of = {re.sub(r"(?:ии|ый|ой)$", "", n.lower()): code for code, c in self.countries.items()
                              for n in c.get("demonyms_ru", [])}
        ru_title = "|".join(f"(?:{t.pattern})" for t, _ in self.title_ru)
        acronyms = _alt([n for n in all_names if re.fullmatch(r"[A-Z][A-Z.]+", n)])
        ru_names = _alt([n for n in all_names if re.match(r"[\u0400-\u04ff]", n)])
        self.spouse_re = re.compile(r"\s*,?\s*(?:" + _alt(data["titles"]["spouse"]) + r")\b,?", re.I)
        names = _alt([n for n in all_names if _latin(n)])
        names_nl = _alt([n for n in all_names if not _latin(n)])
        dems = _alt([n for c in self.countries.values() for n in c.get("demonyms", [])])
        tit = _alt(titles)
        self.title_words = re.compile(r"^(?:" + tit + r")$", re.I)
        self.title_of_re = re.compile(r"(?<![\w-])(?:the\s+)?(?:" + tit + r")\s+of\s+$", re.I)
        # Patterns, most specific first. Names of people are case-sensitive ("Xi", "Kim").
        # Each pattern opens with a cheap look-ahead (a capital letter, "the", a title's first
        # letter) so that the big alternations are tried only where a name can start.
        capitals = r"A-Z\u0400-\u04ff\uac00-\ud7a3"
        cap = r"(?=[" + capitals + r"])"
        title_starts = "".join(sorted({t[0].lower() for t in titles} | {t[0].upper() for t in titles}))
        self.patterns: list[tuple[str, re.Pattern[str]]] = [
            # (the names of people open with no look-behind: then the regex engine skips to where one of
            # their first letters stands; mentions() checks that the name starts a word)
            ("person", re.compile(r"(?:" + _alt([a for a in self.person_alias if _latin(a) and " " in a and a[0].isupper()])
                                  + r")(?![\w-])")),
            # a one-word short form ("Kim", "Xi", "al-Assad") is not the start of another person's full name ("Kim Tok Hun",
            # "Yoon Kun-young"), but it may stand before the name of a day ("sent Kim New Year greetings")
            ("person", re.compile(r"(?:" + _alt([a for a in self.person_alias if _latin(a) and " " not in a
                                                 and (a[0].isupper() or a.startswith("al-"))])
                                  + r")(?![\w-])(?![ -](?!(?:New|Lunar|Victory|National|Independence|Liberation|Army|Party) )"
                                  r"[A-Z][a-z]+(?:[ -][A-Z][a-z]+|-[a-z]+\b))")),
            # Cyrillic and Hangul: no boundary after the name (Ким Чен Ыну, 뿌찐동지에게)
            ("person_nl", re.compile(r"(?:" + _alt([a for a in self.person_alias if not _latin(a)]) + r")")),
            ("country_nl", re.compile(r"(?:" + names_nl + r")")),
            ("institution", re.compile(r"(?<![\w-])(?=[A-Z]|the\s)(?:the\s+)?(?i:" + _alt(list(self.inst_alias)) + r")(?![\w-])")),
            ("party", re.compile(r"(?<![\w-])" + cap + r"(?:(?P<cn>" + names + r")(?:'s)?|(?P<dem>" + dems + r"))\s+(?:ruling\s+)?(?:(?:[A-Z][\w']*|and)\s+){0,4}[Pp]arty(?:'s)?(?:\s+(?:[Cc]entral [Cc]ommittee|CC))?(?![\w-])")),
            # "the Communist Party of the Russian Federation": a party named after its country
            ("party", re.compile(r"(?<![\w-])(?:[A-Z][\w']*\s+){1,3}Party\s+of\s+(?:the\s+)?(?P<cn>" + names + r")(?![\w-])")),
            # "el dirigente norcoreano", "la presidenta nicaraguense": in Spanish the title comes first
            ("es_title", re.compile(r"(?<![\w-])(?:[Ee]l|[Ll]a)\s+(?:(?:nuevo|nueva|actual|entonces)\s+)?(?i:(?P<title>"
                                    + _alt(list(self.title_es)) + r"))\s+(?P<dem>"
                                    + _alt(list(self.demonym_es_of)) + r")(?![\w-])")),
            # "генеральному секретарю ЦК Коммунистической партии Вьетнама", "северокорейскому лидеру"
            ("ru_title_nl", re.compile(r"(?<![\w-])(?i:(?P<title>" + ru_title + r"))(?:\s+(?:[\w-]+|\(\w+\))){0,5}?"
                                       r"\s+(?P<cn>" + ru_names + r")(?![\w-])"
                                       r"|(?<![\w-])(?i:(?P<dem>" + _alt(list(self.demonym_ru_of)) + r")\w*\s+(?P<title2>"
                                       + ru_title + r"))(?![\w-])")),
            ("pretitle", re.compile(r"(?<![\w-])(?=[A-Z]|the\s|his\s|her\s)(?:the\s+|his\s+|her\s+)?"
                                     r"(?:(?P<cn>" + names + r")'s|(?P<dem>" + dems + r")"
                                     # ("the DPRK leader", "the PRC President": an acronym stands before a title)
                                     r"|(?-i:(?P<ab>" + acronyms + r")))\s+"
                                     r"(?:(?:party|state|communist|ruling|then|former|new|newly elected|re-elected|"
                                     r"(?i:party and (?:state|government)))\s+)?"
                                     r"(?i:(?P<title>" + tit + r")s?)(?![\w-])")),
            ("posttitle", re.compile(r"(?<![\w-])(?=[" + title_starts + r"]|the\s)(?:the\s+)?(?i:(?P<title>" + tit + r"))\s+of\s+(?:the\s+)?(?:(?:[A-Z][\w'.-]*|of|the|and|for)\s+){0,10}?(?P<cn>" + names + r")(?![\w-])")),
            ("country", re.compile(r"(?:" + _alt(_capital_or_the(n for n in all_names if _latin(n)))
                                   + r")(?![\w-]|\s+Korean?\b)")),
            ("capital", re.compile(r"(?:" + _alt(_capital_or_the(n for c in self.countries.values()
                                                                for n in c.get("capitals", []))) + r")(?![\w-])")),
        ]
        # (these open with no look-behind either, and mentions() checks that they start a word)
        self._at_word_start = {"person", "person_nl", "country_nl", "country", "capital"}
        self.dem_re = re.compile(r"(?<![\w-])(?:" + dems + r")(?![\w-])")
        kim = [a for a, p in self.person_alias.items() if p.country == KP and p.leader and p.roles and a != "Kim"]
        self.kim_re = re.compile(r"(?<![\w-])(?:" + _alt(kim) + r")(?![\w-])")
        # "the 76th anniversary of the founding of North Korea": a country's founding is its national day
        self.national_re = re.compile(
            r"\b(?:(?:founding|foundation|independence|liberation|proclamation)\s+(?:anniversary\s+|day\s+)?of\s+(?:the\s+)?"
            r"|\d+(?:st|nd|rd|th)\s+anniversary\s+of\s+(?:the\s+)?)(?:" + names + r")(?![\w-])"
            r"|(?-i:\b(?:" + names + r")\s+Day\b)"
            r"|\b(?:" + names + r")(?:'s)?\s+(?:\d+(?:st|nd|rd|th)\s+)?(?:founding|foundation|independence|national)"
            r"\s+(?:anniversary|day)\b"
            # "the PRC's 70th anniversary": of the state itself
            r"|\b(?:" + names + r")'s\s+\d+(?:st|nd|rd|th)\s+anniversary\b(?!\s+of\b)"
            # "when the DPRK marked the 75th anniversary of its founding"
            r"|\b(?:" + names + r")\s+(?:marked|marks|celebrated|celebrates|observed|observes)\s+"
            r"(?:the\s+)?(?:\d+(?:st|nd|rd|th)\s+)?anniversary\s+of\s+its\s+(?:founding|foundation|independence|liberation)\b", re.I)

    def holder(self, country: str, title: str, on: str | None) -> Person | None:
        """Who held `title` in `country` on the date `on` (ISO, any precision), if the gazetteer knows."""
        title = title.lower().rstrip("s") if title.lower().endswith("presidents") else title.lower()
        when = dt.interval(on)[0].isoformat() if on else None
        for person in self.people.values():
            if person.country != country or not person.leader:
                continue
            for role in person.roles:
                if role["title"].lower() != title and not (title in ("leader", "head of state") and role is person.roles[0]):
                    continue
                if when and not (role.get("from", "0000") <= when < role.get("to", "9999")):
                    continue
                return person
        return None

    def mentions(self, text: str) -> list[Mention]:
        """Every party mentioned in `text` (folded), longest match first, merged into noun phrases."""
        found: list[Mention] = []
        ascii_only = text.isascii()
        for kind, pattern in self.patterns:
            if kind.endswith("_nl"):
                if ascii_only:
                    continue
                kind = kind[:-3]
            if kind == "party" and "arty" not in text or kind == "es_title" and " de " not in text:
                continue  # a party's name holds the word; Spanish has "de"
            for m in (self._word_starts(pattern, text) if kind in self._at_word_start else pattern.finditer(text)):
                mention = self._mention(kind, m)
                if mention:
                    found.append(mention)
        found.sort(key=lambda x: (x.start, -(x.end - x.start)))
        chosen: list[Mention] = []
        last_end = -1
        for mention in found:
            if mention.start >= last_end:
                chosen.append(mention)
                last_end = mention.end
            elif mention.end > last_end and mention.kind == "person" and chosen[-1].kind == "title" \
                    and chosen[-1].country == mention.country:
                # "Nepalese King" + "King Birendra Bir Bikram Shah Dev": one party, named
                chosen[-1] = _combine(chosen[-1], mention)
                last_end = mention.end
        merged = self._merge(text, chosen)
        if any(m.country == "KR" for m in merged):
            # "... to Prime Minister of the Republic of Korea Han Duck-soo, while her minister expressed
            # sympathy to her Korean counterpart": beside a South Korean, a "Korean" is one too
            merged = [replace(m, country="KR") if m.country == KP and _BARE_KOREAN.match(text, m.start) else m for m in merged]
        return merged

    @staticmethod
    def _word_starts(pattern: re.Pattern[str], text: str) -> Iterator[re.Match[str]]:
        """The matches of `pattern` that start a word (not after a letter, digit, "_" or "-")."""
        pos = 0
        while (m := pattern.search(text, pos)) is not None:
            if m.start() and _WORD_BEFORE.match(text, m.start() - 1):
                pos = m.start() + 1
                continue
            yield m
            pos = m.end()

    def _mention(self, kind: str, m: re.Match[str]) -> Mention | None:
        s = m.group(0)
        if kind == "person":
            p = self.person_alias[s]
            return Mention(m.start(), m.end(), p.country, p.name, "person", True, p.channel, p.leader)
        if kind == "institution":
            key = re.sub(r"^the\s+", "", s, flags=re.I).lower()
            name, country, channel = self.inst_alias[key]
            head = self.title_of_re.search(m.string, max(0, m.start() - 60), m.start()) or (
                _ES_TITLE_OF.search(m.string, max(0, m.start() - 40), m.start()) if m.string[m.start() - 3:m.start()] in
                ("el ", "la ", "de ") else None)
            if head:  # "the general secretary of the Central Committee of the LPRP": a title, its holder unnamed
                title = m.string[head.start():m.end()]
                return Mention(head.start(), m.end(), country, title, "title", False, channel)
            return Mention(m.start(), m.end(), country, name, "institution", True, channel)
        if kind == "es_title":  # (named by the title it stands for: "the North Korean leader")
            code = self.demonym_es_of[m.group("dem").lower()]
            title = self.title_es[re.sub(r"\s+", " ", m.group("title").lower())]
            return Mention(m.start(), m.end(), code, f"the {self.countries[code]['demonyms'][0]} {title}", "title", False)
        if kind == "ru_title":  # (named by the title it stands for: "the Vietnamese general secretary")
            code = self.name_of.get((m.group("cn") or "").lower()) or self.demonym_ru_of.get((m.group("dem") or "").lower())
            if not code:
                return None
            said = (m.group("title") or m.group("title2")).lower()
            title = next(v for t, v in self.title_ru if t.fullmatch(said))
            channel = "party" if "secretary" in title and "парти" in s.lower() else "state"
            return Mention(m.start(), m.end(), code, f"the {self.countries[code]['demonyms'][0]} {title}", "title", False, channel)
        if kind == "posttitle" and _OF_ALLIES.match(m.string, m.end()):
            return None  # "the leaders of Zimbabwe's traditional allies": not Zimbabwe's leaders
        if kind in ("party", "pretitle", "posttitle"):
            code = self.name_of.get((m.group("cn") or m.groupdict().get("ab") or "").lower()) \
                or self.demonym_of.get((m.groupdict().get("dem") or "").lower())
            if not code:
                return None
            if kind == "party":
                return Mention(m.start(), m.end(), code, s, "institution", True, "party")
            title = m.group("title")
            channel = "party" if _PARTY_TITLE.search(title) and "party" in s.lower() else "state"
            return Mention(m.start(), m.end(), code, s, "title", False, channel)
        if kind == "country":
            code = self.name_of.get(s.lower()) or self.name_of.get(s)
            return Mention(m.start(), m.end(), code, s, "country", None) if code else None
        code = self.capital_of.get(s.lower())
        return Mention(m.start(), m.end(), code, s, "country", None) if code else None

    # what may stand between two mentions of one party: "Xi Jinping, general secretary of the
    # Communist Party of China (CPC) Central Committee and Chinese president"
    _JOIN = re.compile(
        r"^(?:'s?)?[\s,()]*(?:(?:chief|leader|chairman|chairwoman|president|head|secretary|general|party|premier|prime minister|"
        r"comrade|his excellency|her excellency|mr\.?|ms\.?|first|vice|acting|of|the|and|central committee|committee|"
        r"state affairs|presidium|supreme people's assembly|executive|chair|king|his majesty|state|council|"
        r"government|people's|national|assembly|ruling|\([A-Z.]{2,8}\)|"
        # (in Spanish: "secretario general del Partido ... y presidente de Asuntos Estatales de la ...")
        r"y|de|del|la|el|presidente|presidenta|secretario|secretaria|primer|primera|comite central|asuntos estatales|"
        r"consejo de estado|republica|jefe|lider|rey|ejercito|army)(?![\w-])[\s,()]*)*$", re.I)
    # the same, with the words of an organ's name ("Bashar al-Assad, general secretary of the Arab
    # Socialist Ba'ath Party and president of the Syrian Arab Republic")
    _JOIN_ORGAN = re.compile(r"^,\s+(?:general secretary|secretary general|chairman|chairwoman|leader|president|head|first secretary)"
                             r"\s+of\s+the\s+(?:[A-Z][\w'-]*\s+){1,5}(?:Party|Front|Movement|Union)(?:\s+Central Committee)?\s+and\s+$")
    _NAME_BEFORE = re.compile(r"(?:^|[\s,(])((?-i:[A-Z][\w.'-]+(?: (?:bin|al|el|de|da|van|von|[A-Z][\w.'-]+)){1,4})),\s*(?:the\s+)?$")
    _NAME_AFTER = re.compile(r"^,?\s+((?-i:(?!(?:On|In|At|The|And|But|For|Said|Who|When|This|That)\b)[A-Z][\w.'-]+(?: [A-Z][\w.'-]+){1,3}))")

    def _merge(self, text: str, ms: list[Mention]) -> list[Mention]:
        """"Chinese President" + "Xi Jinping" is one party: named. So is "Russia's" + "United Russia chief Medvedev"."""
        out: list[Mention] = []
        for m in ms:
            if out:
                prev = out[-1]
                gap = text[prev.end:m.start]
                if prev.country == m.country and (len(gap) <= 45 and self._JOIN.match(gap) or self._JOIN_ORGAN.match(gap)) \
                        and not (prev.kind == m.kind == "person" and prev.name != m.name):  # "To Lam ... and Luong Cuong"
                    out[-1] = _combine(prev, m)
                    continue
            out.append(m)
        named = [self._named_title(text, m) for m in out]
        kept: list[Mention] = []
        for m in named:  # a name taken into a title's mention is not a mention of its own as well
            if kept and m.start < kept[-1].end:
                if m.end > kept[-1].end:
                    kept[-1] = Mention(kept[-1].start, m.end, kept[-1].country, kept[-1].name, kept[-1].kind,
                                       kept[-1].named or m.named, kept[-1].channel, kept[-1].leader)
                continue
            kept.append(m)
        return [_possessive(text, m) for m in kept]

    def _named_title(self, text: str, m: Mention) -> Mention:
        """A title beside a name the gazetteer does not know ("Mohammad Mokhber, first vice-president
        of Iran"; "Indian Prime Minister Narendra Modi") names its holder all the same."""
        if m.kind != "title":
            return m
        window = text[max(0, m.start - 60):m.start]
        before = self._NAME_BEFORE.search(window) if window.endswith((", ", ",", ", the ")) else None
        if before and not self.mentions_country_word(before.group(1)) and not _ORGAN_WORD.search(before.group(1)):
            start = m.start - (len(window) - before.start(1))
            return Mention(start, m.end, m.country, before.group(1), "person", True, m.channel, m.leader)
        after = self._NAME_AFTER.match(text[m.end:m.end + 60])
        known = self.person_alias.get(after.group(1)) if after else None
        if after and known and known.country != m.country:
            return m  # "to the Tajik leader, Aleksandr Lukashenko noted": the next sentence part's subject
        if after and not self.mentions_country_word(after.group(1)) and not _ORGAN_WORD.search(after.group(1)):
            return Mention(m.start, m.end + after.end(1), m.country, after.group(1), "person", True, m.channel, m.leader)
        return m

    def mentions_country_word(self, words: str) -> bool:
        low = words.lower()
        return any(w in self.name_of or w in self.demonym_of or w in self.capital_of for w in
                   [low] + low.split())


_OF_ALLIES = re.compile(r"'s?\s+(?:[\w-]+\s+){0,2}?(?:allies|partners|friends|neighbou?rs|counterparts|rivals|enemies|foes)\b")
# (Chinese puts no space between words: a name may follow any of its characters)
_WORD_BEFORE = re.compile(r"[^\W\u4e00-\u9fff]|-")
_PARTY_TITLE = re.compile(r"secretary|party|chief", re.I)  # a title held in a party
# the words of an organ's name, which a person's name does not hold ("Vietnam's Communist Party, the
# president of Laos" is two parties)
_ORGAN_WORD = re.compile(r"\b(?:Party|Committee|Republic|Federation|Union|Council|Assembly|Front|Government|Army|"
                         r"Kingdom|States|Affairs|Commission|Bureau|Presidium|Ministry|Agency|Office|News|"
                         # (and of a newspaper's: "the ruling party newspaper Rodong Sinmun, the North Korean leader said")
                         r"Sinmun|Times|Daily|Herald|Post|Press|Tribune|Television|Radio|Xinhua|Yonhap|TASS|Novosti)\b")
_RANK = {"person": 3, "institution": 2, "title": 1, "country": 0}


def _combine(a: Mention, b: Mention) -> Mention:
    best = a if _RANK[a.kind] >= _RANK[b.kind] else b
    named = True if (a.named or b.named) else (False if False in (a.named, b.named) else None)
    channel = "party" if "party" in (a.channel, b.channel) else "state"
    # a leader and his spouse ("Kim Jong Un and his wife Ri Sol Ju") are the leader; a title beside a
    # person who is not one ("the North Korean leader's sister Kim Yo Jong") is not
    people = [m for m in (a, b) if m.kind == "person"]
    leader = any(m.leader for m in people) if people else (a.leader and b.leader)
    return Mention(a.start, b.end, a.country, best.name, best.kind, named, channel, leader)


_ITS_ORGAN = re.compile(r"'s (?:Central Committee|central committee)\b")


def _possessive(text: str, m: Mention) -> Mention:
    if m.kind == "institution" and (organ := _ITS_ORGAN.match(text, m.end)):
        # "the Communist Party of China's Central Committee sent a message": the party's organ, one sender
        return replace(m, end=organ.end())
    if text.startswith("'s", m.end) or text.startswith("' ", m.end):
        return Mention(m.start, m.end, m.country, m.name, m.kind, m.named, m.channel, m.leader, True)
    return m


@lru_cache(maxsize=1)
def gazetteer() -> Gazetteer:
    data = tomllib.loads(resources.files("monitor.data").joinpath("gazetteer.toml").read_text("utf-8"))
    return Gazetteer(data, language())


@lru_cache(maxsize=1)
def anniversaries() -> tuple[list[dict[str, str]], dict[str, str]]:
    """What an anniversary counts from (monitor/data/anniversaries.toml): the events, and the day
    each country established relations with the DPRK."""
    data = tomllib.loads(resources.files("monitor.data").joinpath("anniversaries.toml").read_text("utf-8"))
    return data["event"], data["relations"]


@lru_cache(maxsize=1)
def language() -> dict[str, Any]:
    return tomllib.loads(resources.files("monitor.data").joinpath("language.toml").read_text("utf-8"))


def _pattern(source: str) -> str:
    """A pattern of language.toml. In one that starts with (?x), line breaks, indentation and
    " | " (a bar with a space on each side) are layout; every other space is a space to match."""
    if source.startswith("(?x)"):
        lines = [re.sub(r"^\|\s+", "|", line.strip()) for line in source[4:].split("\n")]
        source = "".join(lines).replace(" | ", "|")
        source = re.sub(r"^\|\s*|\|\s*$", "", source)
    return _word_first(source)


def _word_first(source: str) -> str:
    """"\\ba|\\bb|c" as "\\b(?:a|b)|c": the same matches (alternatives keep their order), and where a
    word does not start (most places) the engine tests the boundary once rather than once for each
    alternative (five times faster for not_a_message, whose sixteen alternatives each begin with one)."""
    parts, depth, in_class, start, i = [], 0, False, 0, 0
    while i < len(source):
        c = source[i]
        if c == "\\":
            i += 2
            continue
        if in_class:
            in_class = c != "]"
        elif c == "[":
            in_class = True
            i += 2 if source.startswith("^]", i + 1) else 1 if source.startswith("]", i + 1) else 0
        elif c in "()":
            depth += 1 if c == "(" else -1
        elif c == "|" and depth == 0:
            parts.append(source[start:i])
            start = i + 1
        i += 1
    parts.append(source[start:])
    runs: list[list[str]] = []
    for part in parts:
        if part.startswith("\\b") and runs and runs[-1][0].startswith("\\b"):
            runs[-1].append(part)
        else:
            runs.append([part])
    return "|".join(run[0] if len(run) == 1 else "\\b(?:" + "|".join(p[2:] for p in run) + ")" for run in runs)


_LOWER_KEYS = ("trigger", "nouns", "verbs", "receive", "exchange", "lists", "not_a_message", "not_an_event", "reply",
               "in_person", "foreign_nouns", "content_full", "content_none", "content_partial")


@lru_cache(maxsize=1)
def _rl() -> dict[str, re.Pattern[str]]:
    """These patterns lower-cased (they hold no escape in capitals, "[A-Z]" becomes "[a-z]") and compiled
    case-sensitively for lower-cased text: the same matches as re.I on the text itself (lower() keeps
    offsets, checked), more than twice as fast."""
    return {k: _lowered(_rx()[k]) for k in _LOWER_KEYS}


@lru_cache(maxsize=1)
def _occasions_lower() -> list[tuple[str, re.Pattern[str]]]:
    """The occasions' patterns, lower-cased, for lower-cased text (they hold no escape in capitals)."""
    return [(k, _lowered(p)) for k, p in _rx()["occasions"]]


def _lowered(pattern: re.Pattern[str]) -> re.Pattern[str]:
    """`pattern` lower-cased, for lower-cased text. An escape in capitals would change its meaning
    ("\\S" would become "\\s"), so language.toml must not hold one in these patterns."""
    if found := _CAPITAL_ESCAPE.search(pattern.pattern):
        raise ValueError(f"monitor/data/language.toml: {found.group(0)!r} in a pattern matched on lower-cased text; "
                         f"write it without a capital escape (\\S as [^\\s], \\W as [^\\w], \\D as [^\\d])")
    return re.compile(pattern.pattern.lower())


_CAPITAL_ESCAPE = re.compile(r"(?<!\\)(?:\\\\)*\\[A-Z]")


def _lower(text: str) -> str | None:
    low = text.lower()
    return low if len(low) == len(text) else None


@lru_cache(maxsize=1)
def _rx() -> dict[str, Any]:
    lang = {section: {k: _pattern(v) for k, v in entries.items()} for section, entries in language().items()}
    flags = re.I
    return {
        "kinds": [(k, re.compile(v, flags)) for k, v in lang["kinds"].items()],
        "nouns": re.compile(lang["message"]["nouns"], flags),
        "verbs": re.compile(lang["message"]["verbs"], flags),
        "receive": re.compile(lang["message"]["receive"], flags),
        "exchange": re.compile(lang["message"]["exchange"], flags),
        "not_a_message": re.compile(lang["message"]["not_a_message"], flags),
        "reply": re.compile(lang["message"]["reply"], flags),
        "in_person": re.compile(lang["message"]["in_person"], flags),
        "lists": re.compile(lang["message"]["lists"], flags),
        "not_an_event": re.compile(lang["message"]["not_an_event"], flags),
        "occasions": [(k, re.compile(v, flags)) for k, v in lang["occasions"].items()],
        "name_withheld": re.compile(lang["treatment"]["name_withheld"], flags),
        "name_given": re.compile(lang["treatment"]["name_given"], flags),
        "content_none": re.compile(lang["treatment"]["content_none"], flags),
        "content_full": re.compile(lang["treatment"]["content_full"], flags),
        "content_partial": re.compile(lang["treatment"]["content_partial"], flags),
        "grouped": re.compile(lang["treatment"]["grouped"], flags),
        "furniture": re.compile(lang["furniture"]["markers"], flags),
        "trigger": re.compile(lang["message"]["nouns"] + "|" + lang["message"]["verbs"] + "|" + lang["message"]["lists"]
                              + "|" + lang["message"]["foreign_nouns"], flags),
        "foreign_nouns": re.compile(lang["message"]["foreign_nouns"], flags),
    }


# --- sentences ------------------------------------------------------------------------------

_ABBREVIATIONS = ("Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec", "Mr", "Mrs", "Ms",
                  "Dr", "St", "No", "Gen", "Lt", "Col", "Maj", "Capt", "Sen", "Rep", "Gov", "Prof", "Jr", "Sr", "vs", "etc",
                  "approx", "est", "Inc", "Co", "Corp", "Ltd", "U.S", "U.N", "D.P.R", "P.R", "e.g", "i.e")
# A sentence ends at . ! or ? before a capital or a digit, but not after an abbreviation or an
# initial ("Dec. 27", "U.S. President", "J. Smith"). In two steps, which cost less than one pattern
# with a look-behind for each abbreviation: a stop before a capital, then a look at the word it ends.
# (looked for once in the whole text: the space after the stop does not run over the end of a line)
_AFTER_STOP = r"[\"')\]»]*(?:\[\d+\])*[^\S\n]+(?=[\"'(\[«]?[A-Z0-9А-ЯЁ\uac00-\ud7a3])"
_SENT_CAND = re.compile(r"[.!?]" + _AFTER_STOP)
# the engine finds one character far faster than one of three: a text without "!" or "?" (most)
# has its stops looked for with this
_SENT_CAND_DOT = re.compile(r"\." + _AFTER_STOP)
# Chinese: a sentence ends at "。" (folded to "."), "！" or "？", with no space after it
_CJK = re.compile(r"[\u4e00-\u9fff]")
_CJK_STOP = re.compile(r"[.!?][\"')\]]*(?=[\u4e00-\u9fff\"(])")
_ABBREVIATION_SET = frozenset(_ABBREVIATIONS)
_ABBREVIATION_ENDS = frozenset(a[-2:] for a in _ABBREVIATIONS)


def _abbreviation(text: str, dot: int) -> bool:
    """The stop at `dot` ends an abbreviation or an initial ("Dec.", "U.S.", "J.")."""
    if text[dot] != ".":
        return False
    two = text[dot - 2:dot]
    if two.islower() and two.isalpha() and two not in _ABBREVIATION_ENDS:
        return False  # a word that ends in two small letters no abbreviation ends in ("war.", "Korea.")
    tail = text[dot - 4:dot]
    if len(tail) == 4 and tail.isalpha() and tail.islower() and tail not in ("prox", "ppro"):
        # a word that ends in four small letters: no abbreviation of ours does but "approx"
        return False
    start = dot
    while start > 0 and dot - start < 12 and (text[start - 1].isascii() and text[start - 1].isalpha() or text[start - 1] == "."):
        start -= 1
    if start == dot:
        return False
    token = text[start:dot]
    if start > 0 and (text[start - 1].isalnum() or text[start - 1] == "_"):
        # the token does not start at a word boundary: only its last part after a dot can be an initial
        last = token[token.rfind(".") + 1:] if "." in token else ""
        return len(last) == 1 and last.isupper()
    if token in _ABBREVIATION_SET:
        return True
    last = token[token.rfind(".") + 1:]
    return len(last) == 1 and last.isupper()


_PROSE_END = re.compile(r"[.!?:][\"')\]]*(?:\[\d+\])*\s*$")
_FULL_HINT = re.compile(r"[Ff]ull|follows|reads|entire|whole|complete|[Pp]ublished|[Cc]arried|[Pp]rinted")
_ADDRESS = re.compile(r'^"|\b(?:I|you|your|we|our|Your Excellency|Dear)\b')
_STATE_OUTLET = re.compile(r"KCNA|Rodong|Pyongyang Times|Voice of Korea|Naenara", re.I)
_STATE_MEDIA = re.compile(r"\((?:KCNA|Rodong Sinmun)\)\s*-|\bJuche\s?\d{2,3}\.", re.I)  # an item of state media, not a report citing it


_QUOTE_MARKS = re.compile(r"^(?:>[ \t]?)+")
_BULLET = re.compile(r"[-*\u2022\u2013]\s")
_CUE_TIME = re.compile(r"^\d+[ \t]*\n\d{1,2}:\d\d:\d\d[,.]\d{1,3}[ \t]*-->[^\n]*\n?", re.M)
_SPEAKER = re.compile(r"[A-Z][A-Z .'-]{1,40}(?:\([^)\n]{0,60}\))?:|\[")


def _subtitles(text: str) -> str:
    """A subtitle file (numbered cues, each under its times) as running text: a cue goes on the line
    before it unless it starts with a speaker's name or a bracketed note, as a transcript reads."""
    out: list[str] = []
    for block in re.split(r"\n[ \t]*\n", text):
        cue = _CUE_TIME.match(block)
        words = " ".join(x.strip() for x in block[cue.end():].split("\n") if x.strip()) if cue else block
        if cue and out and out[-1] and not _SPEAKER.match(words):
            out[-1] += " " + words
        else:
            out.append(words)
    return "\n\n".join(out)


def unwrap(text: str) -> str:
    """`text` with the line breaks of hard-wrapped paragraphs (a hearing record, an e-mail, old wire copy
    cut at 70 columns) made spaces, so that a sentence is one line.

    Text is hard-wrapped when its lines are short (nine in ten at most 100 characters) and many go on
    in lower case; a break is kept after a line well short of the width (a paragraph's end) and before
    one that is indented or blank (a paragraph's start). A list of headlines starts each line with a
    capital, and a page's paragraphs are longer lines: both are left as they are.
    """
    breaks = text.count("\n")
    if breaks < 6 or len(text) > 120 * breaks:
        return text
    if "-->" in text and len(_CUE_TIME.findall(text)) >= 3:
        return _subtitles(text)
    lines = text.split("\n")
    if "\n>" in text and sum(x.startswith(">") for x in lines) >= 5:
        # a forwarded e-mail: the quoted lines without their "> " marks
        lines = [_QUOTE_MARKS.sub("", x) if x.startswith(">") else x for x in lines]
        text = "\n".join(lines)
    full = sorted(len(x.rstrip()) for x in lines if x.strip())
    width = full[len(full) * 9 // 10]
    if not 40 <= width <= 100:
        return text
    pairs = [(a, b) for a, b in zip(lines, lines[1:], strict=False) if a.strip() and b.strip()]
    if len(pairs) < 5 or sum(b[0].islower() for _, b in pairs) < 0.3 * len(pairs):
        return text
    out = []
    for a, b in zip(lines, lines[1:], strict=False):
        # (not into the next item of a list: "- #417: ...")
        if len(a.rstrip()) >= 0.6 * width and b[:1].strip() and not _BULLET.match(b):
            a = a.rstrip()
            # "the Chi-" + "nese Party": a word hyphenated at the line's end is one word
            out.append(a[:-1] if a.endswith("-") and a[-2:-1].isalpha() and b[:1].islower() else a + " ")
        else:
            out.append(a + "\n")
    out.append(lines[-1])
    return "".join(out)


# a line of a ticker or a live page opens with the time of day: "08:42", "[14:05 KST]", "9:10 a.m. -"
_CLOCK_TIME = re.compile(r"\[?\d{1,2}:\d{2}(?:\s*(?:[ap]\.?m\.?|GMT|UTC|KST|ET|EST|EDT|BST|CET|MSK))?\]?(?=\s|[-\u2013\u2014|:])")


@dataclass
class Sentence:
    start: int  # offset in the document text
    text: str  # folded
    line: int
    prose: bool


def sentences(text: str) -> list[Sentence]:
    """Split folded text into sentences, marking which lines are prose and which are headlines or furniture.

    After a furniture marker ("Related stories", "Popular Now", "Sources") every line is furniture
    until a short heading that is not a marker ("Timeline") or a paragraph of 40 words or more.
    """
    rx = _rx()
    out: list[Sentence] = []
    pos = 0
    furniture = False
    stops = [(m.start(), m.end()) for m in (_SENT_CAND if "!" in text or "?" in text else _SENT_CAND_DOT).finditer(text)]
    cjk = not text.isascii() and _CJK.search(text) is not None
    if cjk:
        stops = sorted(stops + [(m.start(), m.end()) for m in _CJK_STOP.finditer(text)])
    stop_starts = [a for a, _ in stops]
    for line_no, line in enumerate(text.split("\n")):
        start = pos
        pos += len(line) + 1
        stripped = line.strip()
        if not stripped:
            continue
        words = stripped.count(" ") + 1
        if cjk and words < 25 and _CJK.search(stripped):
            words = max(words, len(stripped) // 2)  # (Chinese puts no space between words)
        if words <= 8 and rx["furniture"].match(stripped):
            furniture = True
            continue
        ends_like_prose = bool(_PROSE_END.search(stripped[-16:]))
        # a line of six words that ends like a sentence, or one that introduces a quotation ("The
        # message reads, in part:"); anything shorter is a headline or a caption
        prose = ends_like_prose and (words >= 6 or words >= 3 and stripped.endswith(":")) or words >= 25 \
            or words >= 7 and _CLOCK_TIME.match(stripped) is not None  # "08:42 BREAKING: Kim sends ...": a ticker's item
        if furniture:
            if words >= 40:
                furniture = False
            else:
                if words <= 3 and re.search(r"[A-Za-z]{3}", stripped) and not ends_like_prose:
                    furniture = False
                continue
        offset = start + (len(line) - len(line.lstrip()))
        last = 0
        if not prose:  # a headline or a caption: one piece, never read for messages
            out.append(Sentence(offset, stripped, line_no, prose))
            continue
        first = bisect.bisect_left(stop_starts, offset)
        ends = [b - offset for a, b in stops[first:bisect.bisect_left(stop_starts, offset + len(stripped), first)]
                if not _abbreviation(stripped, a - offset)]
        if ";" in stripped:
            # "Kim sent a message to Thongloun; Thongloun reciprocated with greetings": two sentences
            ends = sorted(ends + [m.end() for m in _CLAUSE_SPLIT.finditer(stripped)])
        if ", and " in stripped:
            # "the CPC Central Committee sent a message to the congress, and Xi followed with a separate
            # message congratulating Kim": two
            ends = sorted(ends + [m.end() for m in _AND_CLAUSE.finditer(stripped)])
        for end in ends:
            out.append(Sentence(offset + last, stripped[last:end].rstrip(), line_no, prose))
            last = end
        if last < len(stripped):
            out.append(Sentence(offset + last, stripped[last:], line_no, prose))
    return out


# a semicolon before a clause of its own: a subject of a few words, then its verb (not a list's next
# item, "; Vladimir Putin, President of ...")
_CLAUSE_SPLIT = re.compile(r";(?:\[\d+\])*\s+(?=(?:[A-Za-z][\w.'-]*\s+){1,5}?(?:also\s+|had\s+|has\s+|then\s+|in turn\s+)?"
                           r"(?:[a-z]+ed|sent|sends|wrote|writes|gave|gives|cabled)\b)")

# (or after a time or a circumstance of its own: "..., and in July 2018, after the dam collapse, Kim sent
# Bounnhang a message of sympathy")
_AND_CLAUSE = re.compile(r",\s+and\s+(?=(?:(?:in|on|after|before|during|when|last|later|earlier|the following|the next|a year|"
                         r"two years|three years)\b(?:[^.;:\"]|(?<=\b[A-Z][a-z]{2})\.|(?<=\bSept)\.){2,100}?,\s+){0,2}"
                         r"(?:(?:[A-Z][\w.'-]*\s+){1,3}|(?:he|she)\s+)(?:also\s+|then\s+|later\s+|in turn\s+|promptly\s+)?"
                         r"(?:sent|replied|answered|followed|wrote|responded|congratulated|cabled|reciprocated|thanked)\b)")


# --- one sentence -----------------------------------------------------------------------------

_SEND = re.compile(_word_first(
    r"\b(?:sent|sends|send|sending|dispatched|dispatches|delivered|delivers|addressed|addresses|forwarded|mailed|cabled|wired|"
    r"congratulated|congratulates|thanked|replied|replies|transmitted|exchanged|exchange|exchanges|received|receives|got|swapped|swap|traded|reciprocated)\b"
    r"|\banswered\b(?! that\b)"  # not "Xi answered that China's position had not changed"
    r"|\b(?<=did )trade\b"  # "Kim and Xi did trade messages"
    r"|\b(?:went|go|goes|gone) out\b"  # "the cards went out Wednesday to Putin, ..."
    r"|\b(?:wrote|writes|written)(?= to\b| back\b)"  # "Kim wrote to Putin", "Moon wrote back"; not "wrote in the Rodong Sinmun"
    # verbs that send a message only when the message words follow: "extended greetings", not "extends beyond"
    r"|\b(?:conveyed|conveys|extended|extends|expressed|expresses|offered|offers|wished|wishes|gave|handed|thanks|responded|responds|followed)\b"
    # (the words may open a quotation: 'Kim expressed "deep condolences" to Moon')
    r"(?=(?:\s+\"?[\w'-]+(?:\s+[\w'-]+){0,5}?)?\s+\"?(?:messages?|greetings?|congratulations|condolences?|sympath|letters?|cards?|telegrams?|"
    r"thanks|wishes)\b"
    # "conveyed to Army General Raul Castro, president of ..., his deep condolences"
    r"|\s+to\s+[^.;]{3,120}?\b(?:his|her|their|its)\s+(?:[\w-]+\s+){0,2}?"
    r"(?:condolences?|sympathy|sorrow|congratulations|greetings|thanks)\b)"
    # ... or, in the passive, when they come before: "Congratulations were also extended by ..."
    # (the words looked for first: a look-behind tried before every letter would cost more than the rest)
    r"|\b(?=(?:extended|conveyed|expressed|offered)\b)(?:(?<=were )|(?<=was )|(?<=been )|(?<=were also )|(?<=was also ))"
    r"(?:extended|conveyed|expressed|offered)\b"),
    re.I)
_CUE = re.compile(
    r"(?:\b(?P<cue>to|from|by|with|between|congratulat(?:ing|ed|es|e)|thank(?:ing|ed)?|greeting|wish(?:ing|ed)|replying to|reply to|in reply to|"
    r"(?:over|under)\s+the\s+(?:signatures?|names?)\s+of|in\s+the\s+name\s+of|"  # ("went out under the name of Medvedev")
    r"came from|were from|(?:senders?|signatories)\s+(?:were|was|included|include|are)|among them (?:were|was|are)|"
    r"(?:they|these) (?:included|went to|were (?:sent|addressed) to|came from|were sent by)|"
    r"among (?:those|the (?:leaders|heads of state|recipients))\s+(?:who|that)\s+(?:have\s+|had\s+)?(?:received|got)\s+[\w' -]{0,40}?\s+(?:were|was|are)|"
    r"among (?:those|the (?:leaders|heads of state))\s+(?:who|that)\s+(?:have\s+|had\s+)?(?:sent|congratulated)\s+[\w' -]{0,60}?\s+(?:were|was|are)|"
    r"(?:recipients?|addressees?)\s+(?:were|was|included|include|are)|recipients\b[^.;]{0,40}?(?:--|:)|cabled|wired|telegraphed|"
    r"sending\s+(?:the\s+)?[\w' -]{0,40}?\s+(?:were|was)|"
    r"who\s+(?:have\s+|had\s+)?sent\s+[\w' -]{0,40}?\s+(?:are|were|included|include)|"
    # "The latest to congratulate the President are North Korean leader Kim Jong Un, ..."
    r"(?:latest|first|earliest|last|others)\s+(?:(?:foreign|world)\s+)?(?:leaders?\s+|heads?\s+of\s+state\s+)?to\s+"
    r"(?:congratulate|send|write|cable)\s+[\w' -]{0,60}?\s+(?:are|were|is|was|included|include))"
    r"|(?P<dobj>\b(?:sent|sends|send|sending|handed|gave|wrote|writes)))"
    r"(?:\s+|\s*,\s*|\s*[\"']\s*)(?:(?:the|his|her|its|their|several|many|various|a|an|number|of|heads?|leaders?|state|government|governments|"
    r"foreign|including|listing|naming|namely|such|as|countries|nations|other|fellow|some|all|friendly|political|parties|world|counterparts?|"
    r"president|comrade|dear|respected|both|excellency|his excellency|her excellency|mr\.?|ms\.?|madam|among|them|also|reach|"
    r"ruling|communist|central|committees?|organs?|people's|workers'|revolutionary|fraternal|allied|"
    r"party|general|secretary|chairman|premier|prime|minister|"  # ("addressed to the party general secretary, Trong")
    r"acting|interim|new|newly|elected|re-elected|incoming|then|top|highest|supreme|"  # ("to acting Iranian President ...")
    r"(?-i:[A-Z][\w'.-]*))(?:\s+|\s*,\s*|\s*,?[\"'],?\s*))*[\"']?$", re.I)
_AMONG_WHO = re.compile(r"\W*Among (?:those|the (?:[\w-]+ ){0,3}?(?:leaders|heads of state|senders|recipients|ones))\s+"
                        r"(?:who|that)\s+(?:have\s+|had\s+)?(?:also\s+)?(?P<verb>sent|addressed|congratulated|cabled|wrote|extended|"
                        r"conveyed|expressed|received|got)\b", re.I)
_ARE_GAP = re.compile(r"\s+(?:are|were|is|was)\s+(?:(?:the\s+)?(?:[A-Z][\w'.-]*|comrade|his excellency)\s+)*", re.I)
# a party followed by one of these is the subject of a clause of its own, not the next item of a list
_CLAUSE_VERB = re.compile(r"\s*,?\s+(?:also\s+|then\s+|had\s+|has\s+)?(?:said|says|wrote|writes|sent|sends|expressed|added|"
                          r"noted|told|stressed|hoped|wished|extended|conveyed|praised|called|thanked|replied|"
                          r"congratulated|recalled|pledged|described|emphasized|emphasised|underlined)\b", re.I)
# "In his message, Kim Jong Un praised ...": the party after the comma wrote it
_IN_MESSAGE = re.compile(r"^(?:[^,()]{1,30},[^()]{1,30}\([^)]{2,30}\)\s*-*\s*)?In (?:his|her|its|their|the|a|an|this|that) (?:[\w-]+ ){0,2}?"
                         r"(?:message|letter|telegram|card|reply|greetings|cable)\b[^,]{0,80},\s*", re.I)
_ANAPHORIC_TITLE = re.compile(r"^(?:the|his|her|its|their) (?!.* of )[\w' -]+$", re.I)
_GENERIC_SUBJECT = re.compile(r"\b(?:leaders|heads of (?:state|government)|parties|organi[sz]ations|countries|governments|"
                              r"dignitaries|politicians)\b", re.I)
_SENT_TO_FRONT = re.compile(r"(?:[^,()]{1,30},[^()]{1,30}\([^)]{2,30}\)\s*-*\s*)?In (?:a|an|his|her|their|the|separate) "
                            r"(?:[\w-]+ ){0,2}?(?:(?:message|letter|telegram|card|greetings|cable)s?|repl(?:y|ies)) "
                            r"(?:(?:sent|addressed) )?to ", re.I)
_SUBJECT_OF = re.compile(r"\s+(?:[a-z]+ly\s+)?(?:[a-z]+ed|wrote|said|says|sent|told|gave)\b")
_MAIN_VERB = re.compile(r"\b(?:affirmed|said|expressed|stressed|noted|wished|congratulated|hailed|underlined|emphasi[sz]ed|"
                        r"highlighted|praised|wrote|voiced|extended|conveyed|offered|thanked|pledged|reaffirmed|recalled|described|called|"
                        r"lauded|hoped|assured|mourned|spoke)\b")
_HIS_MESSAGE = re.compile(r"\b(?:his|her)\s+(?:[\w'-]+\s+){0,3}?(?:message|letter|card|telegram|greetings|reply)s?\s+to\b", re.I)
_WHO_CLAUSE = re.compile(r",\s+who\s+[^,;]{3,100}?,")  # an aside on a party ("Thongloun, who had succeeded ...,")
_FROM_AFTER_NOUN = re.compile(r"s?\s+from\s+")
_IT_HAD = re.compile(r"\b(?:it|they|which|who)\s+(?:had\s+|has\s+|have\s+)?$")
# "Kim's congratulations, sent on Feb. 1, were ...": a participle set off after the message's noun
_SET_OFF = re.compile(r",\s*(?:(?:which|that)\s+(?:was|were|had\s+been)\s+)?")
_AN_EXCHANGE = re.compile(r"\b(?:the|this|that|an|a|their|last|latest|year's|new year|first|annual)\s+"
                          r"(?:[\w'-]+\s+){0,2}?exchanges?$")
_OF_BETWEEN = re.compile(r"\s+(?:of|between)\b")
_BIRTHDAY_OF = re.compile(r"(?:'s?)?\s+(?:\d+(?:st|nd|rd|th)\s+)?birthday\b")
_FOR_THE = re.compile(r"\b(?:for|on|marking|to mark|to celebrate|to honou?r)\s+(?:the\s+)?$")
_THE_ONE_TO = re.compile(r"The (?:[\w'-]+\s+){0,2}?(?:message|letter|card|telegram|greetings|reply)\s+to\b")
# "Cards also went to the leaders of Vietnam, Laos, ...": the messages told of, to more of them
_THE_SAME_GO = re.compile(r"(?:The )?(?:Cards|Messages|Letters|Greetings|Telegrams) (?:also|were also) (?:went|sent|addressed)\b")
_BARE_PLURAL = re.compile(r"(?:Cards|Messages|Letters|Greetings|Telegrams|Congratulations) (?:were|came|have been)\b")
_IN_ITS_WORDS = re.compile(r"\bin (?:his|her|its|their|the) (?:[\w-]+ )?(?:message|letter|cable|telegram|card|reply|greetings)\b", re.I)
# "... also received messages from their counterparts in several countries": whom, the report does not say
_GENERIC_SOURCE = re.compile(_word_first(r"\b(?:from|to) (?:their|his|her|its) counterparts\b"
                                         r"|\b(?:from|to) (?:the )?(?:leaders|heads of "
                                         r"(?:state|government)|counterparts)\b[^.;]{0,30}\b"
                                         r"(?:several|many|other|various|a number of)\b"
                                         r"|\b(?:among|one of) the (?:first |earliest )?(?:foreign |world )?leaders to\b"), re.I)
_IN_A_MESSAGE = re.compile(r"\bin an? (?:[\w-]+ ){0,2}?(?:message|letter|cable|telegram|card)\b", re.I)
_TWO_LEADERS = re.compile(r"\b(?:the two|both) (?:leaders|heads of state|presidents|sides|men)\b", re.I)
_TOLD = re.compile(r"(?:The|His|Her|Its|Their) (?:[\w-]+ ){0,2}?(?:message|letter|telegram|card|reply|greetings|cable)s? "
                   r"(?:(?:of|from|to) [^,]{3,60}? )?(?:said|says|stated|noted|expressed|stressed|emphasi[sz]ed|wished|hoped|"
                   r"praised|highlighted|underlined|called|described|added|conveyed|pledged|voiced|read|reads|affirmed|"
                   r"reaffirmed|hailed|welcomed|assured|vowed|reiterated|recalled|urged|condemned|used|spoke|mentioned|"
                   r"contained|omitted|referred|avoided|lacked)\b")
_IN_THAT = re.compile(r"(?:In (?:his|her|its|their|the|this|that) (?:[\w-]+ ){0,2}?"
                      r"(?:message|letter|telegram|card|reply|greetings|cable)s?"
                      # "En su mensaje, enviado el sabado, ...", "В своем послании ..."
                      r"|En (?:su|el|este|ese|dicho) (?:[\w-]+ ){0,2}?(?:mensaje|carta|telegrama|misiva)s?"
                      r"|В (?:своем|своём|этом|том|ответном) (?:послании|письме|телеграмме))\b"
                      r"(?!\s+(?:[\w-]+\s+){0,3}(?:sent|addressed|dispatched|wrote)\b)")  # not "In the cards Kim sent in January"
_THANKED_FOR = re.compile(r"\bthank(?:ed|s)?\s+(?:[\w'-]+\s+){1,4}?for\s+(?:the|his|her|their|its)\s+(?:[\w-]+\s+)?"
                         r"(?:message|letter|greeting|card|telegram|cable)s?\b")
# "the reply has been sent and will be delivered soon": a sending told as done, whatever is still to come
_SENT_AND = re.compile(r"\b(?:sent|written|dispatched|signed|mailed|handed over)(?: already)?,? and $")
_ATTRIBUTIVE = re.compile(r"\s+(?:summit|talks|meeting|visit|trip|declaration|agreement|accord|conference|parade)s?\b")
_IN_A_FRONT = re.compile(r"In (?:a|an|one|another) (?:[\w-]+ ){0,2}?(?:letter|message|cable|telegram|card)"
                         r"(?: dated| of| sent)?\b(?:[^,;]|,(?=\s*\d)){0,40},\s+")
_DIGEST_INBOUND = re.compile(r"\b(?:to|for) (?:kim|him)\b|\bfrom abroad\b|\bincoming\b|\breceived\b")
_HE_HAD = re.compile(r"(?:^|[,;] )(?:he|she) [a-z]+ (?:a|an|the) (?:[\w-]+ )?$")
# "He hailed Xi's ...", "he told Putin ...": he, then a verb, before the one named
_HE_VERB = re.compile(r"(?:^|[,;] |\b[Tt]hen |\b[Aa]nd )(?:[Hh]e|[Ss]he) (?:also |then |later )?[a-z]+(?:ed|old|ote)"
                      r"(?: to)? (?:the )?$")
_HE_BEFORE = re.compile(r"(?:^|[,;] |\b[Tt]hen |\b[Aa]nd )(?:he|she) (?:also |then |later |had |has )?$")
_QUOTED_WORDS = re.compile(r"(?:He|She|[A-Z][\w-]+) (?:offered|extended|expressed|conveyed|voiced) \"|"
                           # "Kim said he was deeply saddened by the news and expressed condolences to the people"
                           r"(?:He|She|[A-Z][\w-]+) said (?:that )?(?:he|she) [^.;\"]{3,80}? and "
                           r"(?:offered|extended|expressed|conveyed|voiced) ")
_HE_SAID = re.compile(r"(?:He|She) (?:also )?(?:said|wished|expressed|hoped|noted|stressed|praised|congratulated)\b")
_IN_A = re.compile(r"\b[Ii]n (?:a|an|his|her|its|their|the) (?:[\w-]+ ){0,2}?$")
_DEFINITE = re.compile(r"\bIn (?:his|her|its|their|the|this|that) ", re.I)
_SEND_LOW = re.compile(_SEND.pattern)  # for lower-cased text (the pattern has no capital letter)
_LOCATIVE = re.compile(r"\b(?:in|at|near|across|outside|inside|around|throughout|within|visit(?:ing|ed|s)?|"
                       r"returning from|returned from|left|leaving|arrived in|arriving in|"
                       # "the anniversary of Korea's liberation from Japan's colonial rule": a history, not a party
                       r"(?:liberation|independence|freedom|separation|secession|withdrawal) from)\s+(?:the\s+)?$", re.I)
_ORGAN_BEFORE = re.compile(r"\b(?:ministry|embassy|ambassador|consulate|mission|delegation|foreign minister|people|army|"
                           r"parliament|news agency)\s+(?:of\s+)?(?:foreign affairs\s+of\s+)?(?:the\s+)?$", re.I)
_ORGAN_AFTER = re.compile(r"(?:'s)?\s+(?:foreign\s+|defen[cs]e\s+)?(?:ministry|embassy|ambassador|consulate|foreign minister|"
                          r"mission|delegation|army|parliament|news agency)\b", re.I)
_MOURNED = re.compile(r"\b(?:(?:passing|death|demise|martyrdom|loss|killing|assassination|funeral|memory) of|"
                      r"the late|mourn(?:ing|ed)?|late)\s+(?:the\s+)?"
                      r"(?:(?:former|late|party|chief|leader|general|secretary|president|[A-Z][\w.-]*)\s+){0,4}$")
# what the dead (or those a condolence is for) are said to have done: "President Raisi, Foreign Minister
# Amir-Abdollahian and several other officials lost their lives"
_DIED = re.compile(r"[^.;]{0,80}?\b(?:lost (?:their|his|her) lives?|died|were killed|was killed|passed away)\b")
_HE_DIED = re.compile(r"\s+(?:had\s+)?(?:died|passed away)\b")
_KIN_DIED = re.compile(r"'s?\s+(?:late\s+)?(?:mother|father|wife|husband|son|daughter|brother|sister)\s+"
                       r"(?:had\s+)?(?:died|passed away)\b")
_TO_KIM = re.compile(r"\bto\s+(?:the\s+)?(?:respected\s+)?(?:comrade\s+)?(?:Kim Jong[ -]?Un|Chairman Kim)\b", re.I)
_SENDER_CUE = re.compile(r"^(?:from|by|over|under|in the name|came from|were from|senders?|signatories|sending|who|"
                         r"latest|first|earliest|last|others)\b", re.I)
_RECIPIENT_CUE = re.compile(r"^(?:to|congratulat|thank|greeting|wish|repl|reply|in reply|recipients?|addressees?|cabled|wired|telegraphed)", re.I)
_APPOSITION = re.compile(r",\s+[^,;.]{3,60}?,")
_DOUBLE_OBJECT = re.compile(r"\s+(?:(?:a|an|the|his|her|its|their)\s+)?(?:[\w'-]+\s+){0,3}?(?:messages?|letters?|cards?|"
                            r"telegrams?|greetings?|notes?|congratulations|condolences)\b", re.I)
# what may stand between "sent" and its first object: "sent Mr Putin", "sent President Xi"
_HONORIFICS = re.compile(r"\s+(?:(?:Mr|Mrs|Ms|Madam|Dr|President|Comrade|Premier|Chairman|General Secretary|Secretary General|"
                         r"King|Queen|Emperor|Marshal|His Excellency|Her Excellency)\.?\s+)*")
_OBJECT_BEFORE = re.compile(r"\b(?:message|letter|card|telegram|cable|greetings|note|reply)s?\s+(?:that\s+|which\s+)?"
                            r"(?:(?:[A-Z][\w'-]*\s+){1,3}|(?:he|she)\s+)(?:had\s+|has\s+)?$")
_NOT_CUE = re.compile(r"\b(?:according|due|close|addition|similar|next|compared|relations|ties|talks|meeting|cooperation|"
                      r"friendship|visit|trip|way|turn|(?<!written )(?<!wrote )(?<!write )(?<!writes )back|up|relation|contrast|"
                      r"respect|regard|added|owing|prior)\s+(?:to|with|from)\b[^,;]*$", re.I)
# "a term that has not appeared in any of Kim's published messages to Xi": no one message
_ANY_OF = re.compile(r"(?:\b(?:any|none|all|each|every) of |\b(?:routine|usual|customary|standard|common|familiar) in )"
                     r"(?:[\w'-]+\s+){0,4}(?:messages|letters|cards|greetings|telegrams)\s+(?:to|from)\s+$")
_LIST_HEAD = re.compile(r"\b(?P<who>[Rr]ecipients?|[Aa]ddressees?|[Ss]enders?|[Ss]ending|[Rr]eceiving)\b[^.;]{0,60}?"
                        r"\b(?:included|include|were|was|are)\s+(?:the\s+)?$")
_SEPARATE = re.compile(r"\b(?:a|in a) separate (?:[\w-]+ )?(?:message|cable|telegram|letter|card)s?\b", re.I)
_ROUND = re.compile(r"\b(?:various|many|several|a number of|friendly|foreign) "
                    r"(?:countries|nations|leaders|heads of state)\b", re.I)
_BARE_KOREAN = re.compile(r"(?:(?:the|his|her|its|their)\s+)?Korean\b")
_SAME_DAY = re.compile(r"\b(?:the|that) same (day|date|occasion)\b", re.I)
_ALONG = re.compile(r"\b(?:along|together)\s+$", re.I)
_PLURAL_TITLE = re.compile(r"\b(?:heads of (?:state|government)|leaders|presidents)\s+of\b", re.I)
_LIST_GAP = re.compile(
    r"^(?:'s?(?:\s+(?-i:[A-Z][\w-]*)){1,4})?(?:\s+(?:central committee|CC)\b)?\"?(?:\s*[,;]\s*|\s+)\"?\s*(?:(?:and|as well as|including|such as|along with|together with|plus|or|&)(?:\s*,\s*|\s+))*"
    r"(?:(?:to|from)\s+)?(?:(?:his|her|their) (?:majesty|majesties|excellency|excellencies|highness|royal highness)\s+)?"
    r"(?:the\s+)?(?:(?:top|supreme|paramount)\s+)?(?:(?:heads?|leaders?|presidents?) of (?:state |government )?(?:of )?)?"
    r"(?:(?:the\s+)?(?:central committee|political bureau|politburo|presidium|executive committee|national council|"
    r"government|chairman|general secretary|prime minister|republic|kingdom|state|federation)\s+of\s+(?:the\s+)?)*"
    # a given name and patronymic before a surname the gazetteer knows ("Gennady Andreyevich Zyuganov")
    r"(?:the\s+)?\"?(?-i:[A-Z][a-z]+\s+[A-Z][a-z]+(?:ovich|evich|ich|ovna|evna)\s+)?$", re.I)
# "Hun Sen, President of the Cambodian Senate; Vladimir Putin, ...": a title the gazetteer does not
# know, then the list goes on after the semicolon
_APPOSITIVE_GAP = re.compile(r"^(?:,\s+|\s+and\s+)(?:(?:[A-Z][\w'.-]*|of|the|and|for)\s+){0,12}?[A-Z][\w'.-]*\s*;\s*(?:and\s+)?$")
_RANK_GAP = re.compile(r"^(?:'s?(?: name)?)?,?\s+(?:(?:had |has |have )?(?:come|came|comes|was|were|is|appeared|stood|stands)\s+"
                       r"(?:(?:named|listed|placed|mentioned|put|ranked)\s+)?)?"
                       r"(?:(?:just |well |far )?(?:ahead of|before|above)|first,? (?:and|while|with|followed by)|followed by)"
                       r"\s+(?:the\s+)?$")
_RANK_END = re.compile(r"(?:'s?(?: name)?)?(?:\s*[,.;)]|\s+(?:among|in|on|and|second|last|for|this|that|as|,)\b|\s*$)")
# (a single quote after a space or at the start: the look-behind comes after the quote, so that the
# engine looks only where a quote is, five times faster than trying the start before every letter)
_QUOTE = re.compile(r'"([^"]{12,})"|\'(?<!\S\')(?=\S)([^\']{8,}?)(?<=\S)\'(?![A-Za-z])')


@dataclass
class Party:
    mentions: list[Mention]
    role: str  # sender | recipient | exchange | subject | other


@dataclass
class Found:
    """A message found in one sentence, before it is merged with the document's others."""

    sender: Mention
    recipient: Mention
    kind: str
    reply: bool
    occasion: str | None
    date: str | None
    named_claim: bool | None = None
    content: tuple[int, str] | None = None  # (strength, value): 2 said by the press, 1 inferred
    evidence: str = ""
    sentence_index: int = 0
    trigger: int = 0
    members: list[str] = field(default_factory=list)  # the countries of the same list, this one included
    dated: bool = True  # the sentence gives the date; False when it was taken from the dateline or publication
    told: bool = False  # "In the message, ...": a message told of before, not a report of its own
    named_only: bool = False  # "Xinhua's summary of Xi's message said ...": named, with no verb of sending nor date

    def counterpart(self) -> Mention:
        """The foreign side's mention."""
        return self.recipient if self.sender.country == KP else self.sender

    def counterpart_country(self) -> str:
        return self.counterpart().country


def _roles(text: str, ms: list[Mention], trigger: int, receive: bool, exchange: bool, has_verb: bool,
           anchors: list[int], prev_text: str = "") -> list[Party]:
    """Give each mentioned party a role from the words before it."""
    parties: list[Party] = []
    prev_end = 0
    among = _AMONG_WHO.match(text) if text[:12].lower().lstrip(" \"'").startswith("among") else None
    for m in ms:
        gap_start = max(prev_end, m.start - 120)  # the words that give a role stand just before the party
        gap = text[gap_start:m.start]
        if m.kind == "person" and (_MOURNED.search(gap) or _HE_DIED.match(text, m.end)):
            # "condolences over the passing of President Raisi", "when President Tran Dai Quang died": the
            # one mourned is not a party
            parties.append(Party([m], "place"))
            prev_end = m.end
            continue
        if m.possessive and m.kind in ("person", "title") and _KIN_DIED.match(text, m.end):
            # "In October 2019, when President Moon's mother died, Kim sent a message of condolence": the
            # bereaved receives it
            parties.append(Party([m], "recipient"))
            prev_end = m.end
            continue
        if m.kind == "country" and (_ORGAN_BEFORE.search(gap) or _ORGAN_AFTER.match(text, m.end)):
            # "the DPRK Foreign Ministry", "the Ministry of Foreign Affairs of Russia": not its leader
            parties.append(Party([m], "place"))
            prev_end = m.end
            continue
        if m.kind == "country" and (_LOCATIVE.search(gap) or text.startswith(" Day", m.end) or _ATTRIBUTIVE.match(text, m.end)):
            # "his summit in Pyongyang": a place, not a party, and no list starts with it ("Kim marked
            # Russia Day with a message": a holiday; "the planned Singapore summit": where it was held)
            parties.append(Party([m], "place"))
            prev_end = m.end
            continue
        if parties and gap_start == prev_end and parties[-1].role != "place" and _RANK_GAP.match(gap) \
                and _RANK_END.match(text, m.end):
            # "listed Putin ahead of Xi", "Putin's name had come before Xi's": one list, in its order
            if parties[-1].role == "other" and anchors:
                parties[-1].role = "recipient"
            parties[-1].mentions.append(m)
            prev_end = m.end
            continue
        cue_m = _CUE.search(gap)
        role = "other"
        continues = parties and gap_start == prev_end and (_LIST_GAP.match(gap) or _APPOSITIVE_GAP.match(gap)) \
            and not _clause_closed(text, parties[-1], gap, m)
        head = _LIST_HEAD.search(text, 0, m.start) if cue_m is None and not continues else None
        if among and _ARE_GAP.fullmatch(gap):
            # "Among those who have addressed messages of condolence to Kim Jong Il are Fidel Castro, ...":
            # the list after "are" did what the clause says
            role = "recipient" if among.group("verb").lower() in ("received", "got") else "sender"
        elif head:
            # "Recipients of Kim's New Year cards this year included Putin, Xi, ...": a list after its head
            role = "sender" if head.group("who").lower().startswith("send") else "recipient"
        elif cue_m and cue_m.group("dobj"):
            # "sent Kim a letter": the party right after the verb, before the message words, receives it
            if _HONORIFICS.fullmatch(gap, cue_m.end("dobj")) and (
                    _DOUBLE_OBJECT.match(text, m.end)
                    # "Kim sent Nicolas Maduro, then Venezuela's acting president, a message of condolence"
                    or (ap := _APPOSITION.match(text, m.end)) and _DOUBLE_OBJECT.match(text, ap.end())
                    # "the message Kim sent Vladimir Putin on Russia Day": the message words before the sender
                    or _OBJECT_BEFORE.search(text, max(0, gap_start + cue_m.start("dobj") - 60),
                                             gap_start + cue_m.start("dobj"))):
                role = "recipient"
        elif cue_m and not _NOT_CUE.search(gap[: cue_m.end()]) and not _ANY_OF.search(text, max(0, m.start - 80), m.start):
            cue = cue_m.group("cue")
            at = gap_start + cue_m.start("cue")
            if continues and cue.lower() == "with" and parties[-1].role in ("recipient", "sender") \
                    and _ALONG.search(gap, 0, cue_m.start("cue")):
                # "cards went to Xi, along with the leaders of Laos and Cuba": the same list goes on
                parties[-1].mentions.append(m)
                prev_end = m.end
                continue
            if cue.lower() in ("to", "from", "by", "with") and not _near_anchor(text, at, anchors, ms):
                role = "other"
                if (continues or parties and (_AND_THEN.search(gap, 0, cue_m.start("cue"))
                                              or _PARALLEL.fullmatch(gap, 0, cue_m.start("cue")))) \
                        and parties[-1].role == {"to": "recipient", "from": "sender", "by": "sender"}.get(cue.lower()):
                    # "..., and Truong Tan Sang, president of Viet Nam, and to the president of the Lao
                    # PDR, ...": the same list goes on
                    parties[-1].mentions.append(m)
                    prev_end = m.end
                    continue
            elif cue.lower().startswith("among") and "receiv" in cue.lower() or cue.lower().startswith("among") and " got " in cue.lower():
                role = "recipient"  # "Among those who received his cards were ..."
            elif cue.lower().startswith("among") and re.search(r"\b(?:sent|congratulated)\b", cue, re.I):
                role = "sender"  # "Among the leaders who sent messages to the Cuban president were ..."
            elif cue.lower().startswith(("they ", "these ")) and not cue.lower().endswith("included"):
                role = "sender" if cue.lower().endswith(("from", " by")) else "recipient"  # "They went to Hu Jintao, ..."
            elif cue.lower().startswith(("among them", "they included", "these included")):
                # "Among them were ...": the senders after "received ... from", else the recipients
                # ("... sent congratulatory messages to Kim Jong Un. Among them were ...": the senders)
                # ("Leaders of many countries have sent messages to Vietnamese leaders. Among them were ...": the senders)
                role = "sender" if re.search(r"\breceiv|\bfrom\b", prev_text, re.I) or _TO_KIM.search(prev_text) or (
                    (sent := _SEND.search(prev_text)) and _GENERIC_SUBJECT.search(prev_text, 0, sent.start())) else "recipient"
            elif _RECIPIENT_CUE.match(cue):
                role = "recipient"
            elif _SENDER_CUE.match(cue):
                role = "sender"
            elif cue.lower() in ("with", "between"):
                role = "exchange" if exchange else "other"
        elif continues and parties[-1].role != "place" \
                and not (_CLAUSE_VERB.match(text, m.end) and m.start > trigger
                         and not (len(parties[-1].mentions) >= 2 and parties[-1].role in ("other", "subject"))):
            # "A and B also sent cards": one subject; "... to Putin, and Xi sent ...": a new clause;
            # "In messages sent on August 4, A, B and C extended ...": the list's last
            head = parties[-1].mentions[-1]
            if m.kind == "country" and head.kind == "title" and (_PLURAL_TITLE.search(head.name)
                                                                or head.name.startswith("the head of state of ")):
                # "the heads of state of Vietnam, Laos and Cuba": each country's head of state
                m = Mention(m.start, m.end, m.country, f"the head of state of {m.name}", "title", False)
            parties[-1].mentions.append(m)
            prev_end = m.end
            continue
        elif m.possessive:
            # "Kim's New Year message": the owner of the message words that follow sends it
            if _OWNED_MESSAGE.match(text, m.end, m.end + 60):
                role = "sender"
        if role == "other" and m.start < trigger and not m.possessive and (has_verb or _IN_HIS_OWN.match(text[m.end:trigger])):
            role = "subject"  # "Putin, in his own letter to Kim, said ...": the subject writes it
        parties.append(Party([m], role))
        prev_end = m.end
    # the subject is the party nearest before the verb; earlier "subjects" are context
    subjects = [p for p in parties if p.role == "subject"]
    for p in subjects[:-1]:
        p.role = "other"
    if subjects:
        subjects[-1].role = "recipient" if receive else ("exchange" if exchange else "sender")
    return parties


# "When the congress elected Kim, Xi sent him a message": the party is the object of the clause's verb
_CLOSED_CLAUSE = re.compile(r"(?:(?:^|[,;:(]\s*|\b(?:yet|and|but|so|then)\s+)(?:when|after|as|once|since|while|because|"
                            r"although|though|before|until)\s+[^,;:]*?\b(?:\w+ed|chose|won|made|gave|named)"
                            # ("the day after the passing of Ms. Kang, mother of President Moon, Kim sent ...")
                            r"|\b(?:mother|father|wife|husband|son|daughter|widow|brother|sister)\s+of)\s+"
                            r"(?:(?:the|then|new|newly|late)\s+)*(?:(?-i:[A-Z][\w.'-]*)\s+){0,3}$", re.I)


# "the invasion of Ukraine", "the victory over Nazi Germany": a country a phrase governs
_GOVERNED = re.compile(r"\b(?:of|over|against|into)\s+(?:the\s+)?(?:[A-Z][a-z]+\s+)?$")


def _clause_closed(text: str, before: Party, gap: str, m: Mention) -> bool:
    """A comma that closes a clause of time or cause ends the list of the party before it: "When the
    congress elected Kim chairman of the WPK, Xi sent him a message" (the second is the subject); so
    does one after a country that a phrase governs, before a leader of another ("less than four months
    into the invasion of Ukraine, Kim sent Putin a message")."""
    if "," not in gap:
        return False
    last = before.mentions[-1]
    if last.kind == "country" and m.kind == "person" and m.country != last.country \
            and _GOVERNED.search(text, max(0, last.start - 30), last.start):
        return True
    at = before.mentions[0].start
    return _CLOSED_CLAUSE.search(text, max(0, at - 100), at) is not None


# "In March, when parliament re-elected Putin, ...": a clause of time before the main one
_WHEN_CLAUSE = re.compile(r"\W*(?:(?:in|on|by)\s+[^,;]{2,30},\s*)?(?:(?:yet|but|and|then)\s+)?(?:when|after|once|as soon as)\s+"
                          r"[^,;]{3,120},", re.I)


def _occasion_clause(text: str) -> int:
    """Where a leading clause that tells of an occasion ends ("When the congress re-elected Xi, ..."), or 0."""
    m = _WHEN_CLAUSE.match(text) if text[:1] in "WAOIYBTwaoiybt" else None
    return m.end() if m and occasion_of(m.group(0)) not in (None, "other") else 0


# "Kim's New Year message", "Xi's Sept. 9 message", "Xi's Oct. 6, 2019 message" (not "for Kim's birthday,
# greetings came from ...")
# (not "hailed Xi's re-election in a message", "the North's lists of greetings": the words between are the message's own,
# no article or preposition; "Kim's New Year's cards")
_OWNED_MESSAGE = re.compile(r"'s?\s+(?:(?!(?:in|on|at|with|by|via|through|a|an|the|as|and|to|for|from|that|which|when|was|were"
                            r"|is|are|had|has|of)\s)[\w.-]+(?:(?<=Year)'s)?(?:,(?=\s+\d))?\s+){0,4}?"
                            r"(?:message|letter|card|telegram|greeting|congratulat|condolence|reply|verbal"
                            r"|answer(?=,?\s+(?:sent|dated|came|arrived|delivered|carried)\b))", re.I)
_WORD = re.compile(r"[A-Za-z][\w'-]*")


def _near_anchor(text: str, at: int, anchors: list[int], ms: list[Mention] | None = None) -> bool:
    """A "to" or "from" belongs to the message when it follows the message words or verb closely
    (the words of a party named in between, "Kim Jong Un, general secretary of ...", do not count)."""
    before = [a for a in anchors if a <= at]
    if not before:
        return False
    start = before[-1]
    between = text[start:at]
    for m in ms or ():
        if start <= m.start and m.end <= at:
            between = between.replace(text[m.start:m.end], " ")
    lower = [w for w in _WORD.findall(between) if w[0].islower()]
    # "In the cable, Kim said that the victory achieved by President al-Assad": a "by" in what was said
    return len(lower) <= 6 and ";" not in between and not _SAID_THAT.search(between)


def _kind_of(words: str) -> str | None:
    """The kind the words name ("card", "telegram", ...), or None when they name none."""
    return next((kind for kind, pattern in _rx()["kinds"] if pattern.search(words)), None)


def _kind(words: str) -> str:
    return _kind_of(words) or "message"


_OCCASION_STEMS = re.compile(_alt([
    "condol", "sympath", "comfort", "mourn", "passing", "passed away", "demise", "death", "died", "killed", "earthquake", "flood",
    "typhoon", "hurricane", "cyclone", "landslide", "wildfire", "disaster", "victim", "tragedy", "crash", "explosion",
    "attack", "casualt", "bereave", "elect", "inaugurat", "sworn", "office", "assum", "acclaim", "succeed", "appoint", "term",
    "new post", "congress", "loss", "bday", "b-day",
    "conference", "plenary", "birth", "new year", "new-year", "national", "independence", "statehood", "liberation",
    "revolution", "republic", "victory", "unity", "constitution", "day of", "founding", "foundation", "anniversar",
    "jubilee", "새해", "신년", "생일", "탄생", "대회", "조의", "조전", "위문", "위로", "당선", "재선",
    "주년", "의 날", "독립", "창건", "수립", "건국",
    "новым годом", "новогодн", "рождени", "съезд", "соболезн", "избран", "выбор", "годовщин", "-лети", "россии", "кндр",
    "праздник", "побед", "исполнил",
    "aniversario", "pesame", "fallec", "terremoto", "sismo", "huracan", "inundaci", "elecci", "electo", "elegido", "investidura",
    "posesi", "congreso", "cumplea", "natalicio", "ano nuevo", "nacional", "fundaci", "independencia",
    "liberaci", "revoluci", "years of", "years since", "evacuation", "russia day", "turned", "turns", "grief",
    "唁电", "慰问", "哀悼", "吊唁", "逝世", "去世", "遇难", "地震", "洪灾", "水灾", "灾害",
    "当选", "连任", "就任", "就职", "代表大会", "生日", "诞辰", "新年", "新春", "元旦",
    "国庆", "建国", "共和国成立", "独立日", "解放日", "周年", "纪念日"]))


_OWN_OCCASION = re.compile(r"\b(new[ -]year(?:'s)?|birthday)\s+(?:[a-z]+\s+)?"
                           r"(?:cards?|messages?|greetings|letters?|telegrams?)\b")
_CONDOLENCE_WORD = re.compile(r"condol|sympath|mourn|grief|sorrow")


@lru_cache(maxsize=512)
def occasion_of(text: str) -> str | None:
    low = text.lower()
    if not _OCCASION_STEMS.search(low):
        return None
    lowered = len(low) == len(text)
    for occasion, pattern in (_occasions_lower() if lowered else _rx()["occasions"]):
        if pattern.search(low if lowered else text):
            if occasion == "anniversary" and gazetteer().national_re.search(text):
                return "national_day"
            if occasion == "condolence" and (own := _OWN_OCCASION.search(low)) and not _CONDOLENCE_WORD.search(low):
                # "a New Year's card, ... following the death of his father": a death told of, not mourned in it
                return "new_year" if own.group(1).startswith("new") else "birthday"
            return occasion
    if gazetteer().national_re.search(text):  # "on Russia Day"
        return "national_day"
    return None


def _pairs(parties: list[Party], exchange: bool, context: Callable[[], list[Mention]],
           addressed: bool = False, explicit_only: bool = False,
           pronoun_subject: bool = False, received: Mention | None = None, he_wrote: bool = False,
           pronoun_object: int | None = None, occasion_clause: int = 0) -> list[tuple[Mention, Mention, list[Mention]]]:
    """(sender, recipient, the list the counterpart came in) for each message in a sentence.

    A side the sentence leaves out ("The messages came from Putin, Xi, ...") is the North Korean
    party, or the last leader, that the sentence or the ones just before it named. `received` is
    the one party the messages told of just before went to. The leader named before `occasion_clause`
    ("When parliament re-elected Putin, Kim sent a message") is the one the occasion was his."""
    senders = [m for p in parties if p.role == "sender" for m in p.mentions]
    recipients = [m for p in parties if p.role == "recipient" for m in p.mentions]
    beside: list[Mention] = []
    partners = [m for p in parties if p.role == "exchange" for m in p.mentions]
    others = [m for p in parties if p.role in ("other", "subject") for m in p.mentions]
    out: list[tuple[Mention, Mention, list[Mention]]] = []
    if exchange and (partners or senders or recipients):
        side = partners + senders + recipients
        kp = [m for m in side if m.country == KP]  # "Yoon and Biden exchanged letters" is not ours
        foreign = [m for m in side if m.country != KP]
        if kp and foreign:
            for f in _distinct(foreign):
                out.append((kp[0], f, [f]))
                out.append((f, kp[0], [f]))
        return out
    if pronoun_object is not None and not recipients and any(m.possessive for m in senders) \
            and len({m.country == KP for m in senders}) == 2:
        # "When the congress gave Xi a third term, Kim's message congratulating him ...": "him" is the
        # other party named before, not the one whose message it is
        recipients = [m for m in senders if not m.possessive and m.end < pronoun_object]
        senders = [m for m in senders if m.possessive]
    loose_foreign = [m for m in others if m.country != KP and m.country not in {x.country for x in senders}]
    if explicit_only:  # "Putin thanked the soldiers": a verb alone says nothing of a side it does not name
        others, context = [], list
    elif pronoun_subject:  # "He was congratulated by ...": who "he" is, the sentence does not say
        others, context = [], list
    if senders and all(m.kind == "country" for m in senders) or recipients and all(m.kind == "country" for m in recipients):
        # "China, South Korea and other countries expressed condolences": countries, not leaders, and
        # whom they wrote to is not for the sentences before to say
        context = list
    if senders and not recipients:
        if all(m.country != KP for m in senders):
            kp_here = [m for m in others if m.country == KP]
            # not to a compatriot of the senders; "A and B also sent cards" after a list of cards to
            # Kim: to that Kim, however far back he was named
            recipients = _fill(kp_here + ([] if loose_foreign or kp_here else context()), want_kp=True,
                               exclude={m.country for m in senders})
            if received is not None and received.country != KP and not kp_here \
                    and received.country not in {m.country for m in senders}:
                # "Putin received greetings from Kim ... Xi, for his part, sent his greetings in a
                # letter": to the same Putin, not to the Kim named on the way
                recipients = []
            elif not recipients and received and received.country == KP and not loose_foreign:
                recipients = [received]
        else:
            # "When Xi turned 70, state media published Kim's birthday message": the leader in the sentence
            # ("Before Xi visited Pyongyang, Kim sent him a birthday message": the one the sentence named)
            here = [m for m in others if m.country != KP and m.kind in ("person", "title") and (
                pronoun_object is None or m.end < pronoun_object) and m.end <= (occasion_clause or m.end)] \
                if any(m.possessive for m in senders) or pronoun_object or occasion_clause else []
            recipients = here[:1] or _fill(context(), want_kp=False, exclude={m.country for m in senders})
            mourned = {m.name for p in parties if p.role == "place" for m in p.mentions if m.kind == "person"}
            # "Kim sent condolences over the death of Nguyen Phu Trong", after a headline naming Trong:
            # to Trong's country, not to the man mourned
            recipients = [replace(m, kind="country", name=gazetteer().countries[m.country]["names"][0], named=None)
                          if m.name in mourned else m for m in recipients]
    elif recipients and not senders:
        if all(m.country != KP for m in recipients):
            kp_here = [m for m in others if m.country == KP]
            # "Kim sent cards to A and B. Cards were also sent to C": the North Korean side before them
            senders = _fill(kp_here or context(), want_kp=True, past_foreign=True)
            # "Assad received cables from Putin, Xi, ..., Kim Jong Un and Diaz-Canel": Kim's list
            beside = [m for p in parties if p.role in ("other", "subject") and any(x.country == KP for x in p.mentions)
                      for m in p.mentions if m.country != KP]
        elif not loose_foreign and addressed or he_wrote:
            # "Among the letters was one ... addressed to Kim Jong Un"; "It was Mr Putin's turn. On 15
            # August, he wrote to Mr Kim that ...": the foreign leader named before
            senders = _fill(context(), want_kp=False, exclude={m.country for m in recipients})
    senders, recipients = _distinct(senders), _distinct(recipients)
    kp_s = [m for m in senders if m.country == KP]
    f_s = [m for m in senders if m.country != KP]
    kp_r = [m for m in recipients if m.country == KP]
    f_r = [m for m in recipients if m.country != KP]
    if kp_s:
        for r in f_r:
            out.append((kp_s[0], r, f_r + f_s + beside))  # the other recipients, or the other senders beside Kim
    if kp_r:
        for s in f_s:
            out.append((s, kp_r[0], f_s + f_r))
    return out


def _sent_to_pairs(text: str, ms: list[Mention]) -> list[tuple[Mention, Mention, list[Mention]]]:
    """"In a message sent to Kim Jong Un, <his titles>, To Lam and Luong Cuong affirmed ...": the
    addressee, then the senders before the main verb; one message ("a message") from each country,
    however many sign it."""
    addressee = ms[0]
    said = _MAIN_VERB.search(text, addressee.end)
    other_side = [m for m in ms[1:] if m.kind in ("person", "title", "institution")
                  and (m.country == KP) != (addressee.country == KP)]
    senders = [m for m in other_side if said and m.end <= said.start()]
    if not senders:  # "In a letter to Kim dated May 24, Trump abruptly called off ...": the subject of a verb
        subject = next((m for m in ms[1:] if _SUBJECT_OF.match(text, m.end)), None)
        senders = [subject] if subject in other_side else []
    first = {m.country: m for m in reversed(senders)}
    addressees = [addressee]
    if _SEPARATE_EACH.match(text):
        # "In his separate messages to General Secretary To Lam and State President Luong Cuong, Kim ...": one to each
        for m in ms[1:]:
            if m.kind != "person" or m.country != addressee.country \
                    or not _NEXT_ADDRESSEE.fullmatch(text, addressees[-1].end, m.start):
                break
            addressees.append(m)
    return [(m, to, senders) for to in addressees for m in first.values()]


_SEPARATE_EACH = re.compile(r"[^,]{0,60}\bseparate\s+(?:[\w-]+\s+)?(?:message|letter|telegram|card|greeting|cable)s\b", re.I)
_NEXT_ADDRESSEE = re.compile(r",?\s+(?:and\s+)?(?:(?:[A-Z][\w-]*|of|the)\s+){0,4}")


_KO_TO = re.compile(r"^(?:동지|대통령|각하|령도자|총비서|주석)?(?:에게|께)(?!서)")
_KO_FROM = re.compile(r"^(?:동지|대통령|각하|총비서|주석)?(?:께서|이|가)\b")
_KO_EXCHANGE = re.compile(r"교환|주고받")
# the title after a country's name ("러시아연방 대통령", "쿠바공화국 국가평의회 의장"), and what follows it in a list
_KO_TITLE = re.compile(r"\s*(?:[가-힣]+\s+){0,2}?(?:주석|대통령|총리|수상|의장|총비서|서기장|국왕|위원장|총서기)"
                       r"(?P<end>\s*,\s*|(?:에게|께)(?!서))")


def _ko_title_list(text: str, ms: list[Mention], first: Mention) -> list[Mention]:
    """The countries of a Korean list of titles that starts at `first` and ends with the addressee's
    particle, each as its head of state named by title only; [] when there is no such list."""
    out: list[Mention] = []
    at = first.start  # where the next item of the list must start
    for m in ms:
        if m.start < first.start:
            continue
        if m.kind != "country" or m.country == KP or m.start != at:
            return []
        t = _KO_TITLE.match(text, m.end)
        if not t:
            return []
        out.append(Mention(m.start, t.start("end"), m.country, f"the head of state of {m.name}", "title", False))
        if "," not in t.group("end"):
            return out
        at = t.end()
    return []


_KO_TWO_LEADERS = re.compile(r"두 정상|양국 정상|두 지도자|оба лидера|лидеры двух стран|两国领导人|双方领导人")
_EXCHANGE_NL = re.compile(r"обменял|intercambi|互致|相互致|互相致|互发", re.I)
_FROM_NL = re.compile(r"\bот\b|\bde parte de\b|从|来自")
_RECEIVED_NL = re.compile(r"получил|получила|получили|получено|\brecibi(?:ó|o|eron|do)\b|收到|接到", re.I)


_RU_HE_SENT = re.compile(r"(?<![а-яё])(?:он|она)\s+(?:также\s+|тогда\s+)?(?:направил|отправил|послал|поздравил|выразил)")
_RU_NOUN_TO = re.compile(r"(?<![а-яё])(?:открытк|послани|телеграмм|поздравлени|письм)[а-яё]*\s+$")
_RU_SENT_BY = re.compile(r"(?:прислали|направили|отправили)\s+(?:[\w-]+\s+){0,4}?$")
_RU_FROM = re.compile(r"(?:послания|поздравления|телеграммы|письма)\s+(?:\w+\s+){0,3}?от\s+(?:[\w-]+\s+){0,4}?$")


def _foreign_pairs(text: str, ms: list[Mention],
                   context: Callable[[], list[Mention]] | None = None) -> list[tuple[Mention, Mention, list[Mention]]]:
    """A Korean, Russian or Spanish sentence with a message word: the party a Korean particle marks as the
    addressee (에게, 께) receives it; else the first party named sends it (the subject comes first),
    unless the verb says it was received."""
    kp = [m for m in ms if m.country == KP and m.kind != "country"] or [m for m in ms if m.country == KP]
    foreign = [m for m in ms if m.country != KP and m.kind != "country"] or [m for m in ms if m.country != KP]
    if not kp and foreign and context is not None and (he := _RU_HE_SENT.search(text)) and he.end() <= foreign[0].start:
        # "В марте ... он направил Путину поздравительную телеграмму": he, named before, sent it
        kp = [m for m in context() if m.country == KP and m.kind == "person"][:1]
    if not kp and foreign and context is not None and _RU_NOUN_TO.search(text, max(0, foreign[0].start - 40), foreign[0].start) \
            and _ru_oblique(text, foreign[0]) and not any(m.kind != "country" and not _ru_oblique(text, m) for m in foreign):
        # "перечислены открытки председателю КНР Си Цзиньпину, а также генеральному секретарю ...": cards to
        # each one in the dative, from the North Korean the sentences before named
        by = next((m for m in context() if m.country == KP and m.kind in ("person", "title")), None)
        listed = _distinct([m for m in foreign if m.kind != "country"])
        return [(by, m, listed) for m in listed] if by is not None else []
    if not kp or not foreign:
        return []
    # the party the particle of the addressee marks, wherever it stands ("... 문 대통령과 ... 접견 자리에서 친서를
    # 꺼내 문 대통령에게 건넸다": the second Moon receives it)
    a, b = kp[0], foreign[0]
    to = next((m for m in kp + foreign if _KO_TO.match(text[m.end:])), None) if "에게" in text or "께" in text else None
    if to is not None:
        a, b = (to, b) if to.country == KP else (a, to)
    if b.kind == "country" and a.start < b.start and (listed := _ko_title_list(text, ms, b)):
        # "김 제1위원장이 ... 중화인민공화국 주석, 러시아연방 대통령, ..., 쿠바공화국 국가평의회 의장에게 연하장을
        # 보냈다": a list of titles, the particle of the addressee after the last, each one receives it
        return [(a, m, listed) for m in listed]
    if _KO_TO.match(text[a.end:]) or _KO_FROM.match(text[b.end:]):
        return [(b, a, [b])]
    if _KO_TO.match(text[b.end:]) or _KO_FROM.match(text[a.end:]):
        return [(a, b, [b])]
    if _KO_EXCHANGE.search(text) or _EXCHANGE_NL.search(text):  # "축전을 교환했다", "обменялись посланиями", "intercambiaron"
        return [(a, b, [b]), (b, a, [b])]
    start = min(a.start, b.start)
    if context is not None and (_RU_FROM.search(text, 0, start) or _RU_SENT_BY.search(text, 0, start)
                                and not any(_ru_oblique(text, m) for m in ms if m.kind != "country")):
        # "поступили поздравительные послания от Си Цзиньпина, ..., Ким Чен Ына", "послания прислали Си
        # Цзиньпин, ..., Ким Чен Ын" (no addressee named): all of them send, to the one the sentences
        # before named ("Путин получил поздравления")
        to = next((m for m in context() if m.country != KP and m.kind in ("person", "title")), None)
        if to is not None:
            return [(a, to, [to] + [m for m in ms if m.start >= start and m.country not in (KP, to.country)])]
    received = _RECEIVED_NL.search(text)  # (one look, for the three below)
    if context is not None and received and received.end() <= start \
            and not any(_ru_oblique(text, m) for m in ms if m.kind != "country") and not _FROM_NL.search(text, received.end()):
        # "Новогодние поздравления ... получили Председатель КНР Си Цзиньпин, ... Ким Чен Ын, ...": all those
        # named after the verb received them, from the one the sentences before named ("Путин направил
        # поздравления лидерам ...")
        by = next((m for m in context() if m.country != KP and m.kind in ("person", "title")), None)
        if by is not None:
            return [(by, a, [m for m in ms if m.country not in (KP, by.country)])]
    if _ru_oblique(text, a) != _ru_oblique(text, b):
        # "Путина поздравили ... Ким Чен Ын, ...": the name in an oblique case is the addressee, the
        # names in the nominative beside Kim's send with him
        beside = [m for m in foreign if not _ru_oblique(text, m)]
        if received and _ru_oblique(text, a) and b.start < received.start():
            # "Путин получил поздравительные телеграммы ... от ..., Си Цзиньпина и ... Ким Чен Ына": the
            # one in the nominative received them, from those named after the verb
            return [(a, b, [b] + [m for m in foreign if m.start > received.start()])]
        if _ru_oblique(text, b):
            return [(a, b, [b] + beside)]
        # ("Путин направил поздравления ... Си Цзиньпину, ... Ким Чен Ыну, ... президенту Бразилии": Kim's list
        # is the others in an oblique case)
        listed = beside + [m for m in foreign if _ru_oblique(text, m)]
        return [(m, a, listed) for m in _distinct(beside)]
    among = _ES_AMONG.match(text) if context is not None and text.lstrip(" \"'")[:6].lower() == "entre " else None
    if among:
        # "Entre los primeros en hacer llegar sus condolencias al Presidente ... figuraron el presidente de
        # China, Xi Jinping; ..., y ... Kim Jong Un": all those after the verb sent them, to the one
        # named before it, else to the one the sentences before named
        listed = [m for m in ms if m.start >= among.end()]
        to = next((m for m in ms if m.end <= among.end() and m.kind in ("person", "title")), None) or next(
            (m for m in context() if m.kind in ("person", "title") and m.country not in {x.country for x in listed}), None)
        if to is None:
            return []
        senders = _distinct([m for m in listed if m.country != to.country])
        others = [m for m in senders if m.country != KP]
        if to.country == KP:
            return [(m, to, others) for m in others]
        kim = next((m for m in senders if m.country == KP), None)
        return [(kim, to, [to] + others)] if kim else []
    first, second = (a, b) if a.start < b.start else (b, a)
    if received:
        first, second = second, first
    if _SPANISH_HINT.search(text):
        # "con motivo del cumpleanos de Fidel Castro, Kim Jong Un le habia enviado un mensaje", "... envio un
        # mensaje al presidente Raul Castro": the name before "le ... envio" sends, the one after "a" receives
        first, second = next(((x, y) for x, y in ((a, b), (b, a)) if _ES_SENDS.match(text, x.end)
                              or _ES_TO.search(text, max(0, y.start - 4), y.start)), (first, second))
        if first is a:  # "... al Primer Secretario ..., Raul Castro, y al presidente ..., Miguel Diaz-Canel": each
            to = [b] + [m for m in foreign if m.start > b.start and _ES_AND_TO.search(text, max(0, m.start - 60), m.start)]
            return [(a, m, to) for m in to]
    return [(first, second, [b])]


# "..., and Xi's to Kim": a message the other way, its noun left out
_THE_OTHER_WAY = re.compile(r"'s\s+(?:own\s+)?to\s+")
_AND_BEFORE = re.compile(r"\b(?:and|while|with|but)\s+$")
_AND_NAME = re.compile(r"\b(?:and|while|but)\s+(?:[A-Z][\w.'-]*\s+){0,3}[A-Z][\w.-]*$")
_OWN_ANSWER = re.compile(r"'s\s+(?:own\s+)?(?:reply|answer|response|return message|thank-you (?:note|letter|message))\b")


# words of Spanish that a sentence reporting a message has (its accents folded away, it is ASCII)
_SPANISH_HINT = re.compile(r" (?:de|una) | un (?:mensaje|telegrama|saludo)")
_ES_SENDS = re.compile(r"\s+(?:le|les)\s+(?:ha\s+|habia\s+|hubo\s+)?(?:envi|hizo llegar|dirigi|remiti|mand|transmiti|curs)")
# "Entre los primeros en enviar sus condolencias ... figuraron": those named after the verb sent them
_ES_AMONG = re.compile(r"\W*Entre (?:los|las) [^.;:]{3,160}?\b(?:figuraron|figuran|estaban|estuvieron|se encontraban|"
                       r"se encuentran|se contaron|se cuentan|destacaron|destacan)\b", re.I)
_ES_TO = re.compile(r"\b(?:a|al)\s+$")
_ES_AND_TO = re.compile(r"\by (?:a|al)\s+(?:[^,;]{0,50},\s*)?$")
_RU_CASE_ENDING = re.compile(r"(?:а|я|у|ю|ом|ем|е|ым|им)(?![а-яё])")


_RU_OBLIQUE_TITLE = re.compile(r"(?!глава\b)[\w-]+(?:а|я|у|ю|ом|ем|ым|им|ого|его|ои)\b", re.I)


def _ru_oblique(text: str, m: Mention) -> bool:
    """A Russian name with a case ending ("Путина", "Ким Чен Ыну"): not the subject. A title declines its
    first word ("президенту Бразилии", "генеральному секретарю ЦК ...")."""
    if m.kind == "title" and "\u0400" <= text[m.start:m.start + 1].lower() <= "\u04ff":
        return bool(_RU_OBLIQUE_TITLE.match(text, m.start))
    return bool(_RU_CASE_ENDING.match(text, m.end)) and text[m.end - 1:m.end].isalpha() and not text[m.start:m.end].isascii()


def _the_two_leaders(near: list[Mention]) -> list[tuple[Mention, Mention, list[Mention]]]:
    """"The two leaders exchanged messages": the North Korean and the foreign leader named last, both ways."""
    kp = next((m for m in near if m.country == KP and m.kind in ("person", "title")), None)
    other = next((m for m in near if m.country != KP and m.leader and m.kind in ("person", "title")), None)
    return [(kp, other, [other]), (other, kp, [other])] if kp and other else []


_TO_THE_TWO = re.compile(r"\bto (?:the two|both) (?:leaders|heads of state|presidents|men)\b")


def _to_the_two(ms: list[Mention], verb: int) -> list[tuple[Mention, Mention, list[Mention]]]:
    """"KCNA listed Xi first, ahead of Putin, when it reported that Kim had sent cards to the two
    leaders": from the North Korean named last before the verb to the two foreign leaders named before him."""
    kp = next((m for m in reversed(ms) if m.end <= verb and m.country == KP and m.kind in ("person", "title")), None)
    if kp is None:
        return []
    two: dict[str, Mention] = {}
    for m in reversed(ms):
        if m.end <= kp.start and m.country != KP and m.leader and m.kind in ("person", "title"):
            two.setdefault(m.country, m)
    if len(two) != 2:
        return []
    both = sorted(two.values(), key=lambda m: m.start)
    return [(kp, m, both) for m in both]


def _fill(candidates: list[Mention], want_kp: bool, exclude: set[str] | None = None,
          past_foreign: bool = False) -> list[Mention]:
    """The party a sentence leaves out: the leader named last, in the sentence or just before it (as
    a reader takes "he" or "the messages"), when that leader is of the side wanted; else none."""
    late: list[Mention] = []  # a leader of the past (Kim Jong Il), when no one else will do
    for m in candidates:
        if m.country in (exclude or set()) or (m.kind == "country" and m.country != KP):
            continue
        if m.kind not in ("person", "title", "institution") and m.country != KP:
            continue
        if m.kind == "title" and (m.country == KP) != want_kp:
            continue  # "the leaders of Russia" in the sentence before: the addressees, not who the sentence means
        if past_foreign and m.country != KP:
            continue  # "Kim sent cards to A, B and C. Cards were also sent to D": the North Korean side before them
        if m.kind == "person" and not m.leader:
            if m.name in gazetteer().led_until and (m.country == KP) == want_kp:
                late = late or [m]  # ("... forged by President Kim Il Sung": Kim, named before, if he was)
            continue  # "Kim Jong Un and his wife Ri Sol Ju sent a card to Xi. He also sent ...": Kim
        return [m] if (m.country == KP) == want_kp else []
    return late


def _distinct(ms: list[Mention]) -> list[Mention]:
    """One mention per country, the most specific one; but two people of one country named apart
    ("To Lam, general secretary of the CPV, and Luong Cuong, president of Vietnam") are two."""
    best: dict[str, Mention] = {}
    extra: dict[str, list[Mention]] = {}
    for m in ms:
        cur = best.get(m.country)
        if cur is None or _RANK[m.kind] > _RANK[cur.kind]:
            best[m.country] = m
        elif m.kind == cur.kind == "person" and m.name != cur.name and all(x.name != m.name for x in extra.get(m.country, [])):
            extra.setdefault(m.country, []).append(m)
    order = []
    for m in ms:
        if m.country not in order:
            order.append(m.country)
    return [x for c in order for x in [best[c]] + extra.get(c, [])]


# --- the document -----------------------------------------------------------------------------


_CONGRATULATED = ("anniversary", "national_day", "congress", "election", "new_year", "birthday")


# where a clause of contrast begins: "..., while making no mention of a card to Xi"
_WHILE_CLAUSE = re.compile(r",\s+(?:while|whereas)\b|;\s")
_DENIAL_WORD = re.compile(r"\b(?:not|no|never|without|n't)\b")


def _outside(events: list[Found], s_low: str, no: re.Match[str], pattern: re.Pattern[str]) -> list[Found]:
    """The messages whose counterpart the sentence names on the other side of a clause of contrast from
    the words `no` that deny a message: "the KCNA carried a report on a card from Kim to Putin, while
    making no mention of a card to Xi" (the card to Putin holds)."""
    cuts = [m.start() for m in _WHILE_CLAUSE.finditer(s_low)]
    if not cuts:
        return []
    before = [c for c in cuts if c <= no.start()]
    after = [c for c in cuts if c > no.start()]
    lo, hi = (before[-1] if before else 0), (after[0] if after else len(s_low))
    if _DENIAL_WORD.search(s_low, 0, lo) or _DENIAL_WORD.search(s_low, hi) \
            or _not_an_event(pattern, s_low[:lo]) or _not_an_event(pattern, s_low[hi:]):
        # (both sides deny: "... did not send a message of condolence; Kim's messages to Putin did not mention";
        # or the other side tells of a habit: "No card had been reported; in recent years Xi's card has ...")
        return []
    return [f for f in events if not lo <= f.counterpart().start < hi]


def _not_an_event(pattern: re.Pattern[str], s_low: str) -> re.Match[str] | None:
    """The first of the words in `s_low` that make its message no event (a wish, a habit, a denial)."""
    for m in pattern.finditer(s_low):
        if not (m.group(0).startswith(("will ", "would ", "shall "))
                and _SENT_AND.search(s_low, max(0, m.start() - 40), m.start())):
            return m
    return None


# ("In his separate messages to General Secretary To Lam and State President Luong Cuong, ...": its addressees)
_ADDRESSED_HERE = re.compile(r"\b(?:to|al)\s+[^,;]{0,60}$")


# "the President", "the Chairman", alone: the one of that title the report named last
_BARE_TITLE = re.compile(r"(?<![\w'-])[Tt]he (President|Chairman)\b(?! of\b)")


def _bare_titles(text: str, ms: list[Mention], before: list[Mention],
                 further: Callable[[], list[Mention]] | None = None) -> list[Mention]:
    """The mentions of a sentence, with each "the President" or "the Chairman" that stands alone taken
    for the person of that title named last, in the sentence or the ones `before` it (newest first):
    "... mother of President Moon Jae-in, Chairman Kim Jong Un sent a message of condolence to the
    President"; else in the ones `further` back (an interview names him once, at its head)."""
    out = list(ms)
    for t in _BARE_TITLE.finditer(text):
        if any(m.start <= t.start() < m.end for m in ms):
            continue
        word = t.group(1).lower()
        here = [m for m in reversed(ms) if m.end <= t.start()]

        def holds(m: Mention, word: str = word) -> bool:
            p = gazetteer().people.get(m.name) if m.kind == "person" else None
            return p is not None and any(r["title"].lower() == word for r in p.roles)
        who = next((m for m in here + before if holds(m)), None)
        if who is None and further is not None:
            who = next((m for m in further() if holds(m)), None)
        if who is not None:
            out.append(replace(who, start=t.start(), end=t.end(), possessive=text.startswith("'s", t.end())))
    return sorted(out, key=lambda m: m.start)


def _readdress(events: list[Found], pool: list[Found], here: set[str], same_country: bool = True) -> None:
    """Each message whose addressee the sentence does not name goes to the addressee of the one message of
    its sender in `pool` (with `same_country` False, only when that addressee is of another country)."""
    for f in events:
        before = {g.recipient.country: g for g in pool if g.sender.country == f.sender.country}
        if len(before) == 1 and (f.recipient.country not in here and (same_country or f.recipient.country not in before)
                                 # ("En su mensaje, ... el nombre de Fidel Castro vivira para siempre", after the
                                 # message to Raul Castro: a leader in its words)
                                 or same_country and f.told and f.recipient.country in before
                                 and _who(f.recipient, f.date) not in (None, _who(before[f.recipient.country].recipient, f.date))
                                 and not _ADDRESSED_HERE.search(f.evidence, 0, f.recipient.start)):
            g = next(iter(before.values()))
            f.recipient, f.members = g.recipient, list(g.members)


def extract(doc: Document) -> list[Message]:
    """Every leader-to-leader message that `doc` reports, one per sender-recipient pair."""
    gz = gazetteer()
    rx = _rx()
    raw = unwrap(doc.text)
    text = fold(raw)
    published = doc.published_date
    head = text[:1500]
    state_media = (("(KCNA)" in head or "(Rodong Sinmun)" in head or "Juche" in text)
                   and bool(_STATE_MEDIA.search(text))) or bool(
        doc.source.outlet and _STATE_OUTLET.search(doc.source.outlet))
    # (a leaked cable, an archived memo: the day it was written, not the day it was published, is the
    # "January 23" and the "last year" of its text)
    published = dt.written_date(text, published) or published
    dateline = dt.dateline_date(text, published) or dt.juche_date(text)
    if published is None and dateline:
        published = date.fromisoformat(dateline)
    title = fold(doc.title or "")
    doc_occasion = occasion_of(title) if title else None
    # a personal occasion in the headline is its counterparts' ("Kim sends birthday message to Putin"):
    # not Xi's
    doc_countries = frozenset(c for c in _countries_in(gz, title, demonyms=True) if c != KP) if doc_occasion in (
        "birthday", "election", "condolence") else frozenset()
    sents = sentences(text)
    # the occasion the article's first sentence sets, when its headline sets none: "the 80th anniversary
    # of the founding of the Workers' Party of Korea on Friday was no exception"
    lead = next((k for k, x in enumerate(sents) if x.prose), -1)
    lead_occasion = occasion_of(sents[lead].text) if lead >= 0 and not doc_occasion else None
    if lead_occasion not in _CONGRATULATED:
        lead_occasion = None
    found: list[Found] = []
    last_group: list[Found] = []
    last_group_at = -99
    title_context = [m for m in gz.mentions(title) if (m.kind != "country" or m.country == KP)
                     and not _MOURNED.search(title, max(0, m.start - 60), m.start)]  # (not the one mourned)
    last_kind, last_occasion, last_occasion_at = _kind(title) if title else "message", None, -99
    others_listed: tuple[int, list[str]] = (-99, [])
    denied: set[tuple[str, str]] = set()
    untold_at = -99  # the last sentence of message words that gave no message ("The cards, which Kim sent on ...")
    followed: tuple[int, list[Found]] = (-99, [])  # the messages the last follow-up sentence quoted
    cache: dict[int, list[Mention]] = {}

    def mentions_of(k: int) -> list[Mention]:
        if k not in cache:
            cache[k] = gz.mentions(sents[k].text)
            if "he President" in sents[k].text or "he Chairman" in sents[k].text:
                cache[k] = _bare_titles(sents[k].text, cache[k], context_for(k, 8), lambda: context_for(k, 40))
        return cache[k]

    def context_for(k: int, back: int = 3) -> list[Mention]:
        # the parties named in the `back` sentences before a sentence, newest first: a sentence that
        # leaves out a side ("The messages came from Putin, Xi, ...") means one of them; the title is the oldest
        out: list[Mention] = []
        for j in range(k - 1, max(-1, k - 1 - back), -1):
            if sents[j].prose:
                # (not the dead: "President Raisi ... lost their lives"; but "when President Moon's mother
                # died": Moon)
                out.extend(m for m in reversed(mentions_of(j)) if m.kind != "country"
                           and not _MOURNED.search(sents[j].text, max(0, m.start - 60), m.start)
                           and not (_DIED.match(sents[j].text, m.end) and not _KIN_DIED.match(sents[j].text, m.end)))
        return out + title_context

    # Cheap look-ups on the lower-cased text first: the full patterns run only on sentences that
    # have a word of the trade (most sentences of most articles have none).
    low = text.lower()
    low_ok = len(low) == len(text)
    if not low_ok:
        low = "".join(c if len(c.lower()) != 1 else c.lower() for c in text)
    rl = _rl()
    starts = [s.start for s in sents]
    # the stems are looked for at the start of a word only, after a space: the engine finds a space
    # much faster than it tries every letter (the text is shifted by one, so a match's start, on the
    # space, is the stem's offset in `low`)
    spaced = " " + low
    for c in _WORD_STARTERS:
        if c in spaced:
            spaced = spaced.replace(c, " ")
    candidates = {bisect.bisect_right(starts, m.start()) - 1 for m in _STEMS.finditer(spaced)}
    if not low.isascii() or " de " in low:  # (Spanish, its accents folded away, is ASCII)
        candidates |= {bisect.bisect_right(starts, m.start()) - 1 for m in _STEMS_NL.finditer(low)}

    def claimy(k: int) -> bool:
        st = sents[k].start
        return _CLAIM_STEMS.search(low, st, st + len(sents[k].text)) is not None
    section: date | None = None  # the year heading a chronology's entries stand under
    for i, s in enumerate(sents):
        if not s.prose:
            # "2019", then "Oct. 30 -- Kim sends a message of condolence ...": a day below the heading,
            # written without its year, is of the heading's (any other heading ends the section)
            section = min(published, date(int(y.group(1)), 12, 31)) if published and (
                y := _YEAR_HEADING.match(s.text)) else None
        if not s.prose or i - last_group_at > 6 and i not in candidates:
            continue  # no word of the trade, and no message told of just before
        here = section or published
        s_low = low[s.start:s.start + len(s.text)] if low_ok else s.text.lower()
        if i - last_group_at == 1 and "den" in s_low and _DENIED_AFTER.search(s_low):
            # "A Japanese newspaper reported that Trump had sent Kim a letter. The White House denied the
            # report, saying no letter had been sent": no such letter
            denied |= {(f.sender.country, f.recipient.country) for f in last_group}
        # the messages told of in the two, or three, sentences just before
        just_before = last_group if i - last_group_at <= 2 else []
        # (or those the sentence just before quoted: "... the Russian leader added. The full text of the
        # telegram has been published on the Kremlin website.")
        lately = last_group if i - last_group_at <= 3 else followed[1] if followed[0] == i - 1 else []
        has_trigger = (rl["trigger"].search(s_low) if low_ok else rx["trigger"].search(s.text)) if i in candidates else None
        events: list[Found] = []
        trigger_at = len(s.text)
        if has_trigger:
            events, trigger_at = _sentence_events(gz, s, i, here, (doc_occasion, doc_countries), dateline,
                                                  lambda back=3, i=i: context_for(i, back),  # type: ignore[misc]
                                                  last_kind, last_occasion if i - last_occasion_at <= 3
                                                  or i - last_occasion_at <= 12 and _THIS_OCCASION.search(s.text) else None,
                                                  next((x.text for x in reversed(sents[max(0, i - 3):i]) if x.prose), ""),
                                                  received=just_before[0].recipient if just_before
                                                  and len({f.recipient.country for f in just_before}) == 1 else None,
                                                  kp_sent_last=bool(just_before)
                                                  and all(f.sender.country == KP for f in just_before))
            # a figure of speech, a message not sent, might be sent or sent as a habit: nothing
            if events and (no := _not_an_event(rl["not_an_event"], s_low)):
                unsent, events = events, _outside(events, s_low, no, rl["not_an_event"])
                trigger_at = trigger_at if events else len(s.text)
                if not events and _NO_REPLY.search(no.group(0)) and (answering := _ANSWERED.search(s.text, no.start())):
                    # "Kim never replied to the letter Moon sent him in August": no reply, but the letter was sent
                    # (the sentence's own reading, when it is the letter's: "has yet to answer the letter Moon sent")
                    events = [f for f in unsent if f.sender.start >= answering.start()]
                    found.extend([] if events else _answered(gz, s, i, unsent, here, answering))
                    trigger_at = trigger_at if events else len(s.text)
            if events and ((nm := rl["not_a_message"].search(s_low, max(0, has_trigger.start() - 40), has_trigger.end() + 100))
                           and nm.start() < has_trigger.end() + 40
                           or s.text.rstrip().endswith("?")  # "Will Kim's cards go to Beijing or Moscow first?"
                           or _EACH_RECIPIENT.match(s_low)):
                events, trigger_at = [], len(s.text)
            if events and "thank" in s_low and (th := _THANKED_FOR.search(s_low)) \
                    and all(th.start() <= n.start() < th.end() for n in rl["nouns"].finditer(s_low)) \
                    and any((f.recipient.country, f.sender.country) == (x.sender.country, x.recipient.country)
                            for f in lately for x in events):
                # "Dai conveyed a verbal message from Hu to Kim ... Kim thanked Hu for the message": the
                # message told of just before, acknowledged, not one of his own
                events, trigger_at = [], len(s.text)
            if events and "den" in s_low and _DENIED.search(s_low):
                # "North Korea denied a report that Kim had sent a letter to Kishida": no such letter, here
                # or where the report is retold
                denied |= {(f.sender.country, f.recipient.country) for f in events}
                events, trigger_at = [], len(s.text)
        # "in reply to the message which ...": one look for the words of a reply, and one search a
        # sentence, for the three looks below
        replying = bool(has_trigger) and _replying(s_low)
        answering = _ANSWERED.search(s.text) if replying else None
        if replying:
            if events and any(f.reply for f in just_before) and not any(f.reply for f in events) \
                    and answering and all(f.sender.start > answering.start() for f in events):
                # "It was in reply to the message that the president of Turkmenistan sent on September 8":
                # the message that the reply told of just before answers, to the reply's sender
                events, trigger_at = [], len(s.text)
            # "... in reply to the message which Kim Jong Un had sent on ...": the earlier message too
            answered = _answered(gz, s, i, events or just_before, here, answering)
            if answered:
                found.extend(answered)
        if events and len(lately) > len(events) and _THE_PLURAL.search(s.text) \
                and not any(m.country != KP for m in mentions_of(i)) \
                and all(f.kind == lately[0].kind and (f.sender.country == KP) == (lately[0].sender.country == KP)
                        for f in events):
            # "Kim sent the cards on Sunday, according to the KCNA, which did not disclose their contents": the
            # cards told of just before, not one more to the leader the sentences before named last
            events, trigger_at = [], len(s.text)
        if events or (lately and claimy(i)):
            _apply_claims(gz, s, events, lately, trigger_at, found)
        if events:
            when = _story_date(s, sents, i, events, found, lately, last_group_at, here, low)
            for f in events if when else ():
                # ("Trump wrote back.": later than the letter it answers, told just before, and not of its day;
                # the day stands until a later sentence dates it)
                f.date, f.named_only = when, False
                f.dated = not (f.reply and len(when) == 10 and any(
                    (g.sender.country, g.recipient.country) == (f.recipient.country, f.sender.country) and g.date == when
                    for g in lately))
        if events and lately and "same" in s.text:
            # "On the same day and on the same occasion, Prime Minister Sonexay Siphandone sent a message":
            # the day, and the occasion, of the message told of just before
            earlier = lately[0]
            said = {same.group(1) for same in _SAME_DAY.finditer(s.text)}
            day = bool(said - {"occasion"}) and earlier.dated and not dt.find_dates(s.text, here)
            for f in events:
                if "occasion" in said and f.occasion in (None, "other"):
                    f.occasion = earlier.occasion
                if day:
                    f.date, f.dated, f.named_only = earlier.date, True, False
        if events and i - untold_at <= 2 and not any(f.dated for f in events) and _THE_ONE_TO.match(s.text) \
                and _SEND_LOW.search(sents[untold_at].text.lower()):
            # "The New Year cards, which Kim sent on Dec. 31 last year, ... The card to Putin was printed in
            # full": the cards of that sentence, of its date and occasion
            _time_from(sents[untold_at].text, events, here)
        elif events and i > 0 and sents[i - 1].prose and last_group_at != i - 1 \
                and not any(f.dated or f.occasion not in (None, "other") for f in events) \
                and not rl["nouns"].search(low, sents[i - 1].start, s.start):
            # "Then came Sunday, the 75th anniversary of diplomatic relations. Kim and Xi did exchange
            # messages": the day and the occasion the sentence before set (when it sets an occasion)
            _time_from(sents[i - 1].text, events, here, occasion_needed=True)
        if events and all(f.date and f.dated for f in events) and (years := _YEAR_LIST.search(s.text)):
            # "Kim sent Xi birthday messages in 2019, 2020 and 2021": a message a year
            listed = re.findall(r"\d{4}", years.group(0))
            if events[0].date[:4] == listed[0]:
                events = events + [replace(f, date=y + f.date[4:], members=list(f.members)) for y in listed[1:] for f in events]
        if events and len(just_before) > 1 and all(f.told for f in events) \
                and _GENERIC_SUBJECT.search(s.text) and all(m.country == KP for m in mentions_of(i) if m.kind != "country"):
            # "In the cards Kim Jong Un extended greetings to the heads of state": the words of the
            # list told of just before, not a message of its own
            events = []
        if events and just_before and all(f.told for f in events):
            # "Messages were sent by Xi, ..., Kim and King Sihamoni. In his message, Kim said ...": the
            # message told of just before, to its addressee, not to the leader named last
            _readdress(events, just_before, {m.country for m in mentions_of(i)})
        if events and all(f.named_only or f.sender.possessive for f in events):
            # "Xi, Kim, Lukashenko ... sent their congratulations to Putin. ... KCNA published the full text of
            # Kim Jong Un's message": his message told of a few sentences before, to its addressee, not to a
            # leader of the context
            _readdress(events, [g for g in found if i - g.sentence_index <= 6], {m.country for m in mentions_of(i)},
                       same_country=False)
        if events and just_before and _THE_SAME.search(s.text) and not answering:
            # "Trump said he had received a letter from Kim. ... the letter was delivered on Monday":
            # the message told of before, whoever the sentence names first
            for f in events:
                before = next((g for g in just_before if {g.sender.country, g.recipient.country}
                               == {f.sender.country, f.recipient.country}), None)
                if before and before.sender.country != f.sender.country:
                    f.sender, f.recipient, f.reply = before.sender, before.recipient, before.reply
        if events and i - untold_at == 1 and len(events) > 1 and _SO_MANY.search(sents[untold_at].text) and claimy(untold_at) \
                and _kind(sents[untold_at].text) == events[0].kind:
            # "Kim sent New Year cards to the heads of state of seven countries, though state media referred
            # to the recipients only by their titles and made no mention of what the cards said. ... the
            # cards were addressed to the leaders of China, Russia, ...": what was said of them before
            _apply_claims(gz, sents[untold_at], events, [], 0, found)
            untold_at = -9
        if events:
            _apply_content(s, sents, i, events, state_media)
            if just_before and (_ALSO.search(s.text) or _BESIDES.match(s.text)):
                _join_lists(just_before, events, besides=bool(_BESIDES.match(s.text)))
            elif others_listed and i - others_listed[0] <= 2 and _ALSO.search(s.text):
                # "Assad received cables from Putin, Xi and Raisi. Kim also sent a cable": one list
                for f in events:
                    if f.sender.country == KP:
                        f.members = list(dict.fromkeys(f.members + [c for c in others_listed[1]
                                                                    if c != f.counterpart_country()]))
            if lead_occasion and i > lead and (len(events) > 1 or "congratul" in s_low):
                # "Xi Jinping's congratulatory message to Kim", "listed messages from the President of ...":
                # of the occasion of the article, when they are of its season and say no other
                for f in events:
                    if f.occasion in (None, "other") and published and f.date and dt.within(f.date, published.isoformat(), 31):
                        f.occasion = lead_occasion
            found.extend(events)
            last_group, last_group_at = events, i
        elif last_group and i - last_group_at <= 6 and (
                '"' in s.text or _FOLLOWUP_STEMS.search(spaced, s.start, s.start + len(s.text) + 1)
                or not s.text.isascii() and _FOLLOWUP_STEMS_NL.search(s_low)):
            recent = [f for f in found if f.sentence_index >= i - 6]
            said_before = followed[1] if followed[0] == i - 1 else []
            # (the messages told of further back, when the sentence just before named them again: "...,
            # and KCNA had Kim's message out the following day. He called it 'a great loss' ...")
            again = last_group if not just_before and i and _OWNED_MESSAGE.search(sents[i - 1].text) else []
            followed = (i, _apply_followup_content(gz, s, recent, just_before or again, said_before))
            # "The message of the CPC Central Committee said that Comrade Kim Jong Il's assumption of the high
            # post of General Secretary ...", "He wished ... success in the new year": the occasion the
            # message's words give, to it and the others of its list
            of_list = {f.sentence_index for f in followed[1]}
            pending = [f for f in recent if f.sentence_index in of_list and f.occasion in (None, "other")] \
                if _TOLD.match(s.text) or _IN_THAT.match(s.text) or _HE_SAID.match(s.text) else []
            if pending and (occ := occasion_of(s.text)):
                for f in pending:
                    f.occasion = occ
        elif last_group and i - last_group_at == 1 and s.prose:
            # "Kim sent a reply to Diaz-Canel. The reply thanked him for the New Year greetings ...":
            # the occasion a message was not given in its own sentence
            pending = [f for f in last_group if f.occasion in (None, "other")]
            occ = occasion_of(s.text) if pending else None
            for f in pending if occ else ():
                f.occasion = occ
        if events and "digest" in s_low and not rl["nouns"].search(s_low):
            # "The digest of Jan. 1, 2023 listed Xi first, ...": what it lists is of the kind of the
            # messages told before that went the same way
            for f in events:
                f.kind = next((g.kind for g in reversed(found) if g.sender.country == f.sender.country
                               and g.sentence_index < i), f.kind)
        if events:
            last_kind, occ = events[0].kind, events[0].occasion
            if occ:
                last_occasion, last_occasion_at = occ, i
        elif has_trigger and (rl["nouns"].search(s_low) or not s_low.isascii() and rx["foreign_nouns"].search(s.text)):
            untold_at = i
            # the leaders of other countries who sent messages of the same round, for a "Kim also sent"
            if s_low.count(",") >= 2 and (" from " in s_low or rl["lists"].search(s_low)):
                senders = [m.country for m in mentions_of(i) if m.kind in ("person", "title") and m.country != KP]
                if len(set(senders)) >= 3:
                    others_listed = (i, list(dict.fromkeys(senders)))
            last_kind = _kind(s.text)
            occ = occasion_of(s.text)
            if occ:
                last_occasion, last_occasion_at = occ, i
    if denied:
        found = [f for f in found if (f.sender.country, f.recipient.country) not in denied]
    kim_named = bool(found) and gz.kim_re.search(text) is not None
    messages = _merge(found, raw, doc, kim_named, text, state_media)
    return _one_digest(messages, raw) if state_media else messages


def _time_from(before: str, events: list[Found], published: date | None, occasion_needed: bool = False) -> None:
    """The date and occasion a sentence before gives, to messages that gave none of their own."""
    occ = occasion_of(before)
    if occasion_needed and not occ:
        return
    when = _date_near(before, 0, published)
    for f in events:
        if when:
            f.date, f.dated, f.named_only = when, True, False
        if occ and f.occasion in (None, "other"):
            f.occasion = occ


def _story_date(s: Sentence, sents: list[Sentence], i: int, events: list[Found], found: list[Found],
                last_group: list[Found], last_group_at: int, published: date | None, low: str) -> str | None:
    """A date a sentence gives only against what was told before it, or None."""
    when = _told_date(s, sents, i, events, found, last_group, last_group_at, published, low)
    if when and events and "anniversary of" in s.text:
        # "Two days later, Kim sent Putin a message on the 75th anniversary of the victory", after a
        # paragraph on February: a message for an anniversary is of the anniversary's day, not of a day
        # counted from something months away
        f = events[0]
        own = dt.anniversary(s.text, f.recipient.country if f.sender.country == KP else f.sender.country,
                             published, *anniversaries(), near=True)
        if own and not dt.within(own, when, 31):
            return own
    return when


def _told_date(s: Sentence, sents: list[Sentence], i: int, events: list[Found], found: list[Found],
               last_group: list[Found], last_group_at: int, published: date | None, low: str) -> str | None:
    # "Kim's own card to Xi, sent the same evening", "Three days later, his message ...", "In May that
    # year": against the date of the message told of just before; "The gap with 2019 is wider still.
    # That year, ...": the year of the sentence before
    earlier = next((f.date for f in reversed(found) if f.dated), None)
    prev = next((x for x in reversed(sents[max(0, i - 2):i]) if x.prose), None)
    if published:
        _in_story_year(s, sents, i, events, found, published)
    year = dt.last_year(prev.text) if prev and " year" in low[s.start:s.start + len(s.text)] else None
    when = dt.that_year(s.text, year or earlier)
    if not when and "anniversary" in s.text and not any(f.dated for f in events) and _ON_THE_ANNIVERSARY.search(s.text):
        # "..., the sixtieth anniversary of diplomatic relations on 6 October ... On the anniversary itself, Hu
        # and Kim exchanged messages": the day the sentences before gave it
        for x in reversed(sents[max(0, i - 4):i]):
            at = x.text.find("anniversary")
            if at >= 0 and (day := next((d.value for d in dt.find_dates(x.text, published)
                                         if 0 < d.start - at < 80 and len(d.value) == 10 and not d.since), None)):
                when = day
                break
    if not when and (counted := dt.after_another(s.text, earlier, published, prev.text if prev else None)):
        # against the day the sentence or the one before names, else the message told of before; "The very
        # next day, Oct. 7, Kim sent ...": the day its own (yearless) date names, in the year of the
        # other; a bare year ("it dwelt on Jiang's visit in 2001"), or the day counted from, tells of
        # something else
        if all(not f.dated or f.date and (f.date[4:] == counted[0][4:] or len(f.date) == 4 or f.date == counted[1])
               for f in events):
            when = counted[0]
    if when or any(f.dated or f.told for f in events) or not published:
        return when
    # a history told in order: "In May 2020, Kim sent Xi a verbal message. Xi answered with a verbal
    # message of his own": the time the story has reached (the date of the message told just before,
    # or a later "in January 2021" between), when it is long past; not when a message of the report's
    # own days was told just before (a caption's "June 2019" between does not move it)
    if any(f.sentence_index >= i - 4 and dt.within(f.date, published.isoformat(), 60) for f in found):
        return None
    told_before = [f.date for f in last_group if f.dated and f.date]
    story = [x for x in sents[max(0, i - 3, last_group_at + 1 if told_before else 0):i] if x.prose][-2:]
    past = _time_reached(story) or (told_before[-1] if told_before else None)
    return past if past and not dt.within(past, published.isoformat(), 60) else None


_FROM_KIN = re.compile(r"\bfrom (h(?:er|is) (?:elder |older |younger )?(?:brother|sister))\b")
_ON_THE_ANNIVERSARY = re.compile(r"\b(?:on|for) the (?:day of the |very )?anniversary(?: itself| day)?\b(?!\s+of\b)", re.I)


def _time_reached(story: list[Sentence], published: date | None = None) -> str | None:
    """The last "in May 2020" or "in 2021" that the sentences of a history name, the latest first."""
    return next(filter(None, (dt.month_year(x.text, published) for x in reversed(story))), None)


_YEAR_HEADING = re.compile(r"\W*((?:19|20)\d{2})\b(?:\s*[:.\u2013\u2014-]\s*[^.]{0,60})?\W*$")
_EARLIER = re.compile(r"(?:(?:A|An|One|Two|Three|Four|Five|Six|Ten|Several|A few|\d+)\s+(?:days?|weeks?|months?)\s+)?"
                      r"(?:[Ee]arlier|before that)\b")


def _in_story_year(s: Sentence, sents: list[Sentence], i: int, events: list[Found], found: list[Found],
                   published: date) -> None:
    """"The most extraordinary exchange came in September 2020. On Sept. 8, Moon wrote to Kim ...": a
    day written without its year, in the month a history has just named, is of that month's year. "In
    early February 2020, Kim sent Xi a letter of sympathy ... In May, Xi sent a verbal message": a later
    month or day, written alone just after a message of a past year, is of that year."""
    report = published.isoformat()
    if _EARLIER.match(s.text):
        # "On June 1 last year, Kim Yong Chol handed Trump a letter ... A week earlier, on May 24, Trump had
        # called off that meeting in a letter": the latest such day before the message told just before
        told = next((f.date for f in reversed(found) if f.dated and f.date and len(f.date) == 10
                     and f.sentence_index >= i - 2), None)
        yearless = {d.value for d in dt.find_dates(s.text, published) if d.yearless} if told else set()
        for f in events:
            if f.dated and f.date in yearless and len(f.date) == 10 and told:
                day = dt.in_year(f.date, told[:4])
                f.date = (day if day and day <= told else dt.in_year(f.date, str(int(told[:4]) - 1))) or f.date
        return
    past = _time_reached([x for x in sents[max(0, i - 2):i] if x.prose], published) \
        if any(f.dated and f.date and len(f.date) >= 7 for f in events) else None
    if past and (len(past) != 7 or dt.within(past, report, 60)):
        past = None
    told_f = next((f for f in reversed(found) if f.dated and f.date and f.sentence_index >= i - 3), None)
    told = told_f.date if told_f else None
    if told and (len(told) < 7 or dt.within(told, report, 60) or not any(
            f.dated and f.date and len(f.date) > 4 and f.date[5:] > told[5:] and f.date[:4] != told[:4] for f in events)):
        told = None
    if not past and not told:
        return
    yearless = {d.value for d in dt.find_dates(s.text, published) if d.yearless}
    for f in events:
        if not f.dated or f.date not in yearless:
            continue
        if past and len(f.date) >= 7 and f.date[5:7] == past[5:7] and f.date[:4] != past[:4]:
            # ("Q. You were in office in March last year. A. Yes. Kim wrote to the President in early March")
            f.date = (dt.in_year(f.date, past[:4]) if len(f.date) == 10 else past[:5] + f.date[5:]) or f.date
        elif past and f.date[5:7] > past[5:7] and f.date[:4] > past[:4] and not dt.within(f.date, report, 60) \
                and _time_reached([x for x in sents[max(0, i - 2):i] if x.prose and x.line == s.line]) == past:
            # "The reset did not survive the January 2016 nuclear test. Yet in May, ... Xi sent": later
            # that year, in the paragraph that named it
            f.date = dt.in_year(f.date, past[:4]) if len(f.date) == 10 else past[:5] + f.date[5:]
        if told and f.date[5:] > told[5:]:
            day = dt.in_year(f.date, told[:4]) if len(f.date) == 10 else told[:5] + f.date[5:]
            # (a day, within a season of the one told, with no date of another year between: "Eight days
            # later, the summit was back on. On June 1, ...")
            if day and (len(day) == 7 or dt.within(day, told, 92) and not any(
                    d.value[:4] != told[:4] for x in sents[told_f.sentence_index + 1:i]
                    for d in dt.find_dates(x.text, published))):
                f.date = day


def _one_digest(messages: list[Message], text: str) -> list[Message]:
    """A state-media digest ("New Year cards came to Kim from ...") lists its messages over several
    sentences: the messages of one direction and occasion that it lists are one list. A message told
    on its own before the list that "also" went to the others ("Kim sent a card to Xi ... Kim also
    sent cards to the president of Russia, ...") had a report of its own."""
    out = list(messages)
    clusters: dict[tuple[str, str], list[int]] = {}
    for k, m in enumerate(out):
        clusters.setdefault((m.direction, m.occasion), []).append(k)
    for ks in clusters.values():
        listed = [out[k] for k in ks if out[k].grouped_with]
        # (not a message told on its own of another day or channel: "On September 8 the CPC Central
        # Committee sent a message to the WPK Central Committee" after the leaders' list of the 9th)
        ks = [k for k in ks if out[k].grouped_with or any((out[k].channel, out[k].date) == (x.channel, x.date) for x in listed)]
        if len(ks) < 3 or not listed:
            continue
        first_list = min(text.find(x.evidence) for x in listed)
        if all(_ALSO.search(x.evidence) for x in listed) and not _one_round(text, first_list):
            ks = [k for k in ks if out[k].grouped_with or text.find(out[k].evidence) > first_list]
        counterparts = [out[k].counterpart for k in ks]
        for k, own in zip(ks, counterparts):
            out[k] = out[k].replace(grouped_with=tuple(sorted({c for c in counterparts if c != own})))
    return out


def _one_round(text: str, end: int) -> bool:
    """A sentence before `end`, not a headline, that tells of the messages as one round ("Kim sent New
    Year cards to the heads of state of various countries. Kim and his wife sent a card to Xi ... He
    also sent cards to ...": Xi's card is of that round's list)."""
    for r in _ROUND.finditer(text, 0, end):
        line_end = text.find("\n", r.end())
        if line_end < 0 or text[:line_end].rstrip().endswith("."):
            return True
    return False


# Word stems without which a sentence cannot report a message, or say how one was treated;
# found on the lower-cased text in one pass. They must cover the patterns of language.toml.
# (after a space; see `_WORD_STARTERS`)
_STEMS = re.compile(" " + _alt(["messag", "letter", "card", "telegram", "cable", "wire", "greeting", "congratul", "condol",
                           "sympath", "sorrow", "repl", "sender", "recipient", "addressee", "sending", "came from", "come from",
                           "were from", "was from", "thank", "among them", "they included", "these included", "they went", "these went",
                           "they were sent", "they were addressed", "they came", "these came", "wrote to", "writes to",
                           "written to", "wrote back", "writes back", "written back", "writing back", "digest", "answer"]))
# what else may stand before a word, turned into a space before `_STEMS` looks for it
_WORD_STARTERS = "\n\t\"'(-/[«‘“—–\u2011\u00a0"
_STEMS_NL = re.compile(_alt(["축전", "축하", "연하장", "서한", "친서", "편지", "답전", "조전", "위문", "메시지", "메쎄지",
                             "답신", "조의문", "贺电", "唁电", "复电", "回电", "慰问电", "贺信", "复信",
                             "回信", "亲笔信", "口信", "贺卡", "电报", "致电", "致信", "致函",
                             "телеграмм", "послани", "поздрав", "письм", "открытк", "соболезн",
                             "mensaje", "carta", "misiva", "telegrama", "tarjeta", "felicitaci", "condolencia", "pesame", "saludo"]))
_CLAIM_STEMS = re.compile(_alt([
    "disclos", "publish", "releas", "reveal", "report", "carr", "print", "withh", "omitt", "name", "title", "position",
    "text", "content", "detail", "elaborat", "wording", "full", "entire", "every word", "reproduc", "ran ", "say what",
    "group", "list", "mention", "place", "rank", "include",
    "as follows", "reads", "in the ", "in his ", "in her ", "in its ", "in their ",
    "said", "says", "stated", "noted", "express", "stress", "emphasi", "wish", "hope", "prais", "describ", "call", "add",
    "convey", "highlight", "underline", "pledg", "voice", "wrote", "writes", "hail", "текст", "이름", "직함", "내용"]))
# a sentence after a message that may quote or paraphrase it
# (after a space, like `_STEMS`; the words in other scripts apart)
_FOLLOWUP_STEMS = re.compile(" " + _alt([
    "messag", "letter", "telegram", "card", "greeting", "repl", "wrote", "writes", "wish", "congratul", "noting", "express",
    "hope", "pledg", "prais", "describ", "stress", "emphasi", "note", "said", "says", "call", "hail", "convey", "highlight",
    "mensaje", "carta", "misiva"]))
_FOLLOWUP_STEMS_NL = re.compile(_alt(["послани", "говорится", "축전에서", "서한에서", "친서에서",
                                       "电中", "信中", "表示", "指出", "祝愿"]))
_ADDRESSED_TO = re.compile(r"\baddressed to\b")
_DATELINE_PREFIX = re.compile(r"^[A-Z][A-Za-z .]{1,30},\s+[A-Z][a-z]{2,8}\.?\s+\d{1,2}(?:,?\s+\d{4})?\s*\([A-Za-z .]+\)\s*-*\s*")


# where a sentence's next clause may tell a message of its own: "Kim congratulated Assad in May 2021 ...,
# while Assad, for his part, sent Kim a message ...", "he congratulated Trong ...; he wished Putin ..."
_CLAUSE_BREAK = re.compile(r";\s+(?:and\s+|but\s+|while\s+)?(?:,\s*)?|,[\"'”’]?\s+(?:while|whereas)\s+")


def _sentence_events(gz: Gazetteer, s: Sentence, index: int, published: date | None,
                     headline: tuple[str | None, frozenset[str]], dateline: str | None,
                     context: Callable[..., list[Mention]], *args: Any, **kwargs: Any) -> tuple[list[Found], int]:
    """The messages a sentence tells; each of its clauses, when two or more tell one of their own."""
    events, trigger = _clause_events(gz, s, index, published, headline, dateline, context, *args, **kwargs)
    if not events or ";" not in s.text and " while " not in s.text and " whereas " not in s.text:
        return events, trigger
    for b in _CLAUSE_BREAK.finditer(s.text, trigger):
        tail = s.text[b.end():]
        if not _rl()["trigger"].search(tail.lower()) or not gz.mentions(tail):
            continue
        head = s.text[:b.start()]
        said = list(reversed(gz.mentions(head)))
        # (the clause before is the text before it: "...; compare Kim's 2021 message on the same occasion")
        tail_args = (args[0], occasion_of(head) or args[1], head, *args[3:]) if len(args) >= 3 else args
        tail_events, _ = _sentence_events(gz, replace(s, text=tail), index, published, headline, dateline,
                                          lambda back=3, said=said: said + context(back), *tail_args, **kwargs)
        if not tail_events:
            continue
        head_events, trigger = _clause_events(gz, replace(s, text=head), index, published, headline, dateline, context,
                                              *args, **kwargs)
        if not head_events:
            continue
        shift = b.end()
        for f in tail_events:
            f.trigger += shift
            f.sender = replace(f.sender, start=f.sender.start + shift, end=f.sender.end + shift)
            f.recipient = replace(f.recipient, start=f.recipient.start + shift, end=f.recipient.end + shift)
        events = head_events + tail_events
        if b.group(0).startswith(";") and len({f.sender.country for f in events}) == 1:
            # "he congratulated Trong ...; he wished Putin ...; and he hailed Xi's re-election ...": one list
            members = list(dict.fromkeys(c for f in events for c in f.members))
            for f in events:
                f.members = members
        for f in events:
            f.evidence = s.text
        return events, trigger
    return events, trigger


def _clause_events(gz: Gazetteer, s: Sentence, index: int, published: date | None,
                   headline: tuple[str | None, frozenset[str]], dateline: str | None,
                   context: Callable[..., list[Mention]], default_kind: str = "message",
                   prev_occasion: str | None = None, prev_text: str = "",
                   received: Mention | None = None, kp_sent_last: bool = False) -> tuple[list[Found], int]:
    rx = _rx()
    low = s.text.lower()
    text = gz.spouse_re.sub(_blank, s.text) if (
        "spouse" in low or "wife" in low or "husband" in low or "first lady" in low) else s.text
    ms = gz.mentions(text)
    if "he President" in text or "he Chairman" in text:
        ms = _bare_titles(text, ms, context(8), lambda: context(40))
    if text is not s.text:
        # "Kim Jong Un, chairman of ... of the DPRK, and his wife Ri Sol Ju sent a card": the spouse, apart
        # from the leader's mention by the titles between, stands for the leader
        ms = [replace(m, name=gz.spouse_of[m.name], leader=True) if m.name in gz.spouse_of and not m.leader
              and (text.endswith("    ", 0, m.start) or "    " in text[m.start:m.end]) else m for m in ms]
    if ms and " from h" in text and (kin := _FROM_KIN.search(text)):
        # "Kim Yo-jong handed Moon a personal letter from her brother": the sibling she stands beside
        holder = next((m for m in reversed(ms) if m.end <= kin.start() and m.name in gz.sibling_of), None)
        if holder is not None:
            sib = gz.people[gz.sibling_of[holder.name]]
            ms = sorted(ms + [Mention(kin.start(1), kin.end(), sib.country, sib.name, "person", True, sib.channel, sib.leader)],
                        key=lambda m: m.start)
    if ms and ", who " in low:
        # "Fidel Castro, who has counted the North Korean leader as a friend since the 1960s, sent a telegram
        # to Kim Jong Il": who is named in an aside that tells of no message is not a side of this one
        asides = [(w.start(), w.end()) for w in _WHO_CLAUSE.finditer(low) if not _rl()["trigger"].search(w.group(0))]
        ms = [m for m in ms if not any(a < m.start < b for a, b in asides)]
    if ms and "behalf" in low:  # "Xi, on behalf of the CPC Central Committee and in his own name": Xi's
        ms = [m for m in ms if not _ON_BEHALF.search(text, max(0, m.start - 55), m.start)]
    if not ms and not _TWO_LEADERS.search(text) and not _KO_TWO_LEADERS.search(text):
        return [], len(text)
    rl = _rl()
    ltext = _lower(text)
    if ltext is None:  # a character whose lower case is longer: the slow, exact way
        ltext, rl = text, {k: rx[k] for k in _LOWER_KEYS}
    fronted = _IN_MESSAGE.match(text)
    verb = (_SEND_LOW.search(ltext, fronted.end()) if fronted else None) or _SEND_LOW.search(ltext)
    received_by = None
    if verb and verb.group(0) == "received" and ltext.endswith(("was ", "were "), 0, verb.start()):
        # "Ri Su-yong was received by Xi in Beijing and conveyed a verbal message from Kim": an envoy
        # received, the message he carries goes to the one who received him
        carrying = _SEND_LOW.search(ltext, verb.end())
        if carrying and _CARRY.match(carrying.group(0)):
            received_by, verb = verb.end(), carrying
    ex = rl["exchange"].search(ltext)
    own_words = 0
    if ex and ex.group(0).startswith("exchange") and _AN_EXCHANGE.search(ltext, max(0, ex.start() - 30), ex.end()) \
            and not _OF_BETWEEN.match(ltext, ex.end()):
        # "The New Year exchange follows a message Kim sent to Xi": a noun that tells of what came before
        # (and of its own occasion)
        own_words = ex.end()
        if verb and verb.start() == ex.start():
            verb = _SEND_LOW.search(ltext, ex.end())
        ex = rl["exchange"].search(ltext, ex.end())
    nouns = list(rl["nouns"].finditer(ltext))
    noun = nouns[0] if nouns else None
    trigger = verb.start() if verb else (noun.start() if noun else len(text))
    set_off = False
    if verb and noun and noun.start() < trigger and ((told_m := _TOLD.match(text)) and not re.search(
            r" (?:of|from) ", told_m.group(0)) or noun.start() < trigger - 100 and _IT_HAD.search(
            ltext, max(0, trigger - 12), trigger)):
        # "Kim marked Russia Day with a message to Putin ... the troops it had sent to fight": the
        # message words lead, and a verb far after them, in a clause of its own, tells of something else;
        # "The message affirmed ... and congratulated the Syrian people": a verb of its words
        trigger = noun.start()
    elif verb and (before := next((n for n in reversed(nouns) if n.end() <= trigger), None)) \
            and _SET_OFF.fullmatch(ltext, before.end(), trigger):
        # "By the time Trong was re-elected, Kim's congratulations, sent on Feb. 1, ...": what stands
        # before the message's noun is no sender of a verb in a clause of the noun's own
        trigger, set_off = before.start(), True
    receive = bool(verb and rl["receive"].fullmatch(verb.group(0)))
    exchange = bool(ex and any(-60 <= n.start() - ex.end() <= 40 for n in nouns))
    anchors = sorted([n.end() for n in nouns] + [v.end() for v in _SEND_LOW.finditer(ltext)])
    # "Trump had called off that meeting in a letter to Kim": the clause's own verb writes the letter
    in_a_letter = verb is None and noun is not None and noun.start() == trigger and _IN_A.search(
        text, max(0, trigger - 40), trigger) and ltext.startswith(" to ", noun.end()) \
        and sum(m.start < trigger and m.kind in ("person", "title") for m in ms) == 1
    parties = _roles(text, ms, trigger, receive, exchange, verb is not None and not set_off or bool(in_a_letter), anchors,
                     prev_text)
    if "birthday" in low:
        # "For Putin's birthday on Oct. 7, Kim sent greetings addressed to his 'dearest comrade'": to Putin,
        # from the other side the sentence names; told before the verb, the one whose birthday it is
        # outranks a recipient in a comparison after it ("... three times the length of the message to Xi")
        for p in parties:
            if p.role in ("other", "subject") and p.mentions[0].possessive and _BIRTHDAY_OF.match(text, p.mentions[-1].end):
                side = p.mentions[0].country == KP
                fronted_for = p.mentions[0].start < trigger and _FOR_THE.search(ltext, 0, p.mentions[0].start)
                if any(q.role == "recipient" for q in parties) and not fronted_for:
                    break
                writer = next((q for q in parties if q.role in ("other", "subject", "sender") and q is not p
                               and q.mentions[0].kind != "country" and (q.mentions[0].country == KP) != side), None)
                if writer is not None:
                    for q in parties:
                        if q.role == "recipient" and (q.mentions[0].country == KP) == side:
                            q.role = "other"
                    p.role, writer.role = "recipient", "sender"
                break
    # "a letter from Kim": the one who wrote it, named after the message's noun
    letter_from = None if noun is None else next((p for p in parties if p.role == "sender" and p.mentions[0].start > noun.end()
                                                  and _FROM_AFTER_NOUN.fullmatch(ltext, noun.end(), p.mentions[0].start)), None)
    if letter_from and not any(p.role == "recipient" for p in parties):
        # "Trump tweeted a letter from Kim dated July 6": the one who has another's letter in hand, named
        # first, got it
        holder = parties[0] if parties and parties[0].role == "other" else None
        if holder and holder.mentions[0].end < noun.start() and holder.mentions[0].kind in ("person", "title") \
                and (holder.mentions[0].country == KP) != (letter_from.mentions[0].country == KP):
            holder.role = "recipient"
    if not any(p.role == "sender" for p in parties):
        # "gave its first page to Xi Jinping's congratulatory message to Kim Jong-un": Xi's own, to Kim
        owner = next((p for p in parties if p.role == "other" and p.mentions[0].possessive
                      and _OWNED_MESSAGE.match(text, p.mentions[0].end, p.mentions[0].end + 60)), None)
        if owner is not None and any(q.role == "recipient" and q.mentions[0].start > owner.mentions[0].end
                                     and (q.mentions[0].country == KP) != (owner.mentions[0].country == KP) for q in parties):
            owner.role = "sender"
    his = _HIS_MESSAGE.search(text)
    if his and not any(p.role == "sender" for p in parties):
        # "it was Putin's turn: his message to Kim, which KCNA published in full, ...": the one named before "his"
        to = next((p for p in parties if p.role == "recipient" and p.mentions[0].start > his.start()), None)
        writer = next((p for p in reversed(parties) if p.role in ("other", "subject") and p.mentions[0].end < his.start()
                       and p.mentions[0].kind in ("person", "title")), None)
        if to is not None and writer is not None and (writer.mentions[0].country == KP) != (to.mentions[0].country == KP):
            writer.role = "sender"
    replying = _replying(low)
    answered = _ANSWERED.search(text) if replying else None
    if replying and not any(p.role == "recipient" for p in parties):
        # "Kim answered on Monday with a message of thanks, saying that Xi's warm congratulations ...":
        # the reply goes to the owner of the message it speaks of, after the verb
        subject = next((p for p in parties if p.role == "sender" and p.mentions[0].start < trigger), None)
        for p in parties:
            if subject and p.role == "sender" and p.mentions[0].start > trigger and p.mentions[0].possessive \
                    and (p.mentions[0].country == KP) != (subject.mentions[0].country == KP):
                p.role = "recipient"
    if answered and any(p.role == "sender" for p in parties) and not any(p.role == "recipient" for p in parties):
        # "Xi replied to the message that Kim had sent him": the reply goes to the one it answers
        asker = next((p for p in parties if p.mentions[0].start >= answered.end() and p.role == "other"
                      and p.mentions[0].kind != "country"), None)
        if asker is not None:
            asker.role = "recipient"
    if received_by is not None:
        for p in parties:
            if p.role == "sender" and received_by < p.mentions[0].start < trigger:
                p.role = "recipient"
    elif receive and ltext.startswith(" by ", verb.end()) and ltext.endswith(("was ", "were ", "been "), 0, verb.start()):
        # "Congratulatory messages from Xi Jinping, ... and Kim Jong Un were received by the President of Mongolia"
        for p in parties:
            if p.role == "sender" and p.mentions[0].start > verb.end():
                p.role = "recipient"
    if verb and _CARRY.match(verb.group(0)):
        # "Zhao Leji conveyed a verbal message from Xi Jinping to Kim": the envoy carries it, Xi sends it
        carried = [p for p in parties if p.role == "sender"]
        if any(p.mentions[0].start > trigger for p in carried):
            for p in carried:
                if p.mentions[0].start < trigger:
                    p.role = "other"
    listing = rl["lists"].search(ltext)
    if listing and listing.group(0).startswith(("they", "these")) and not rl["nouns"].search(prev_text.lower()):
        listing = None  # "They included Xi and Putin" lists messages only after a sentence about messages
    # only a sentence with a verb of sending or a list of senders leaves a side to the sentences before
    possessed = any(m.possessive for p in parties if p.role == "sender" for m in p.mentions) or bool(
        his  # "his birthday message to the Chinese leader": his, named before
        or _THE_ONE_TO.match(text)  # "The card to Putin was printed in full": the cards told of just before
        # "Kim, in his congratulatory message dated March 17, said ...": his own message
        or any(p.role == "sender" and _IN_HIS_OWN.match(text, p.mentions[-1].end, trigger) for p in parties))
    if (ms and ms[0].start > trigger and _GENERIC_SUBJECT.search(text, 0, trigger) and not _TWO_LEADERS.search(text)
            or _GENERIC_SOURCE.search(text)):
        # "Leaders of other countries have also sent messages to To Lam": no one the sentences before named
        context = list
    front = _SENT_TO_FRONT.match(text)
    wrote = bool(verb and verb.group(0).startswith(("wrote", "writ")))  # ("wrote to", "written back")
    if front and ms and ms[0].start >= front.end() - 1:
        pairs = _sent_to_pairs(text, ms)  # the sentence names both sides, or it is not a message of ours
    else:
        # "..., he wrote to Mr Kim that ...": he, named before, wrote a letter
        he_wrote = wrote and bool(_HE_BEFORE.search(text, max(0, verb.start() - 20), verb.start()))
        # "On July 12, 2018, he tweeted a letter from Kim": he, named before, had it
        he_had = letter_from is not None and bool(_HE_HAD.search(text, max(0, trigger - 60), trigger))
        pairs = _pairs(parties, exchange, context if ((verb is not None or possessed) and (noun is not None or he_wrote)
                                                      or listing or he_had) else list,
                       addressed=bool(listing or _ADDRESSED_TO.search(text)),
                       explicit_only=noun is None and not listing and not he_wrote,
                       # "He also sent cards to Putin, ..." after Kim's card to Xi: Kim
                       pronoun_subject=bool(_HE_PASSIVE.match(text) or not kp_sent_last and _HE_ALSO.match(text)),
                       received=received, pronoun_object=him.start() if (him := _PRONOUN_OBJECT.search(text)) else None,
                       he_wrote=he_wrote, occasion_clause=_occasion_clause(text))
    in_a = _IN_A_MESSAGE.search(text) if not pairs and "in a" in ltext else None
    if in_a:
        # "Kim told Xi in a message that ...", "Kim called Putin his 'dearest comrade' in a birthday
        # message": the subject wrote to the one named after him
        named = [m for m in ms if m.end <= in_a.start() and m.kind in ("person", "title", "institution")]
        if len(named) >= 2 and (named[0].country == KP) != (named[1].country == KP) and named[0].start < trigger + 1:
            pairs = [(named[0], named[1], [named[1] if named[0].country == KP else named[0]])]
        elif len(named) == 1 and _HE_VERB.search(text, 0, named[0].start):
            # "He hailed Xi's re-election in a message": he, named before, of the other side
            by = _fill(context(), want_kp=named[0].country != KP, exclude={named[0].country})
            if by:
                pairs = [(by[0], named[0], [named[0] if by[0].country == KP else by[0]])]
    if not pairs and (front := _IN_A_FRONT.match(text)):
        # "In a letter dated December 25, 2018, Kim wrote that ...": the one named right after wrote it,
        # to the counterpart the sentences before named
        subject = next((m for m in ms if m.start >= front.end()), None)
        if subject is not None and subject.start == front.end() and subject.kind == "person":
            to = next((m for m in context() if (m.country == KP) != (subject.country == KP)
                       and m.kind in ("person", "title")), None)
            if to is not None:
                pairs = [(subject, to, [to if subject.country == KP else subject])]
    if not pairs and listing and listing.group(0).startswith("digest"):
        # "The digest of Jan. 1, 2023 listed Xi first, then Putin, followed by Cuba's Miguel Diaz-Canel, ...":
        # each one listed; to Kim when the digest says so ("a digest of cards to Kim from abroad") or the
        # messages told just before came to him, else from him
        listed = _distinct([m for m in ms if m.country != KP and m.kind in ("person", "title") and m.start > listing.end() - 12])
        kim = next((m for m in ms + context() if m.country == KP and m.kind in ("person", "title")), None)
        if kim is not None and listed:
            inbound = _DIGEST_INBOUND.search(ltext, listing.start(), listing.end()) or (
                received is not None and received.country == KP)
            pairs = [(m, kim, listed) if inbound else (kim, m, listed) for m in listed]
    foreign = rx["foreign_nouns"].search(text) if not text.isascii() or _SPANISH_HINT.search(ltext) else None
    if not pairs and exchange and _TWO_LEADERS.search(text):
        # "the two leaders exchanged messages" (months after Xi's visit): the two named last, however far back
        pairs = _the_two_leaders(ms + context()) or _the_two_leaders(ms + context(12))
    if verb and not receive and _TO_THE_TWO.search(text, verb.end()):
        pairs = _to_the_two(ms, verb.start()) or pairs
    if not pairs and foreign and not rl["in_person"].search(ltext):  # "лично поздравил": in person
        pairs = _foreign_pairs(text, ms, context)
        if not pairs and _KO_TWO_LEADERS.search(text) and (_KO_EXCHANGE.search(text) or _EXCHANGE_NL.search(text)):
            pairs = _the_two_leaders(context())  # "두 정상은 축전을 교환했다"
        nouns = nouns or [foreign]
        noun = noun or foreign
        trigger = min(trigger, foreign.start())
    if len(pairs) > 1 and " by " in text:
        # "Xi's letter was handed to Kim on Sunday by Li Zhanshu": the one who carried it is not a sender
        carriers = {id(p[0]) for p in pairs if _CARRIED_BY.search(text, max(0, p[0].start - 80), p[0].start)}
        if carriers and len(carriers) < len({id(p[0]) for p in pairs}):
            pairs = [p for p in pairs if id(p[0]) not in carriers]
    answer_at = None  # where "..., and Kim's reply, dated the 12th, ..." begins: a message of its own
    if len(pairs) == 1 and "'s " in text:
        # the message the other way, told after the one of the sentence
        a, b, members = pairs[0]
        # "Kim Jong Un's message to Xi Jinping for the 75th anniversary ..., and Xi's to Kim"
        back = next((m for m in ms if m.country == b.country and m.start > max(a.start, b.start)
                     and _THE_OTHER_WAY.match(text, m.end) and _AND_BEFORE.search(text, max(0, m.start - 10), m.start)), None)
        to = next((m for m in ms if back and m.start >= back.end), None)
        if to is not None and to.country == a.country and to.start - back.end < 20:
            pairs = [pairs[0], (back, to, members)]
        else:
            # "The President wrote to Chairman Kim on Sept. 8 ..., and Kim's reply, dated the 12th, thanked him"
            back = next((m for m in ms if m.country == b.country and m.possessive and m.end > max(a.end, b.end, trigger)
                         and _OWN_ANSWER.match(text, m.end) and (and_name := _AND_NAME.search(text, max(0, m.end - 60), m.end))
                         and and_name.start() >= max(a.end, b.end)), None)
            if back is not None and not any(m.start > back.end and m.country != KP and m.country != b.country for m in ms):
                answer_at = and_name.start()
                pairs = [pairs[0], (replace(back, start=answer_at), a, members)]
    if not pairs:
        return [], trigger
    if not noun and not wrote:
        # only "congratulated" and the like: a message only when it is not a meeting in person (one
        # writes from afar: "Trump wrote to Kim calling off the Singapore summit")
        if rl["in_person"].search(ltext):
            return [], trigger
    kind = default_kind
    if foreign and not nouns:
        # "Путина поздравили ...": a verb alone names no kind, and the kind of the sentence before holds
        kind = _kind_of(text) or default_kind
    elif noun:
        nearest = min(nouns, key=lambda n: (n.start() < trigger, abs(n.start() - trigger)))
        ascii_noun = nearest.group(0).isascii()
        # ("поздравительные послания": the noun after the adjective)
        # ("a reply cable", "a reply letter": the word after names the kind)
        after = _NEXT_WORD.match(text, nearest.end()) if ascii_noun else None
        words = text[max(0, nearest.start() - 20): after.end() if after else nearest.end() + (5 if ascii_noun else 30)]
        # ("Kim replied on Sept. 12": a verb that names no kind, and the kind of the message before holds)
        kind = _kind_of(words) or default_kind
        if nearest.start() > trigger and nearest.group(0).startswith(("condol", "congrat", "sympath")):
            # "Medvedev, in a telegram to Kim Jong-Un, offered his condolences": what he offered names no
            # kind, and what it came in does
            kind = next((k for n in nouns if n.start() < trigger and _IN_A.search(text, max(0, n.start() - 30), n.start())
                         and (k := _kind_of(n.group(0)))), kind)
    reply = (replying or "return" in low) and any(
        not _answers_an_event(ltext, r) for r in rl["reply"].finditer(ltext, 0, answer_at or len(ltext)))
    # a date in "the message which X had sent on June 28" is not the reply's
    if answered and ms and (all(m.start > answered.start() for m in ms) or all(p[0].start > answered.start() for p in pairs)):
        # "The reply was in answer to the message which Diaz-Canel had sent to him on October 10":
        # the sentence's own verb is in that clause, and its message is the one answered (so is the one
        # its senders sent: "Kim did not answer the letter Moon sent him last month")
        reply = False
        own_date = _date_near(text[answered.start():], max(0, trigger - answered.start()), published)
    else:
        own_date = _date_near(text[:answered.start()] if answered else text, trigger, published)
    told = bool(fronted and _DEFINITE.search(fronted.group(0)) or _TOLD.match(text) or _IN_THAT.match(text)
                # 'Kim offered "warm congratulations" and expressed the hope ...', with no date: the words
                # of the message just told of
                or own_date is None and _QUOTED_WORDS.match(text))
    if told:
        # "In the greetings, Putin said the treaty signed in June ...", "The message of the LPRP
        # highlighted ...": a message already told of; the dates and occasions are of its words
        own_date = None
    # "X also sent a congratulatory message": the occasion of the messages just told of
    # ("Cards were sent to him by ..." or "The cards were sent by ..." after "New Year cards came to
    # Kim"): the same cards
    # "Messages pour in for Mnangagwa after his election. State House released messages from Xi, Putin,
    # ... and Kim": one round, a list of three or more
    # "... outside the New Year cycle Beijing was still treated with care: the 60th anniversary of the
    # treaty was marked by an exchange of messages": the occasion of the message's own clause first
    colon = text.rfind(": ", own_words, trigger)
    # ("Thongloun, who had succeeded Bounnhang as president, sent Kim a message on the DPRK's founding
    # anniversary": the occasion of the message's own words, not of the subject's past)
    said = None if told else (colon > 0 and occasion_of(text[colon:])) or (
        _WHO_CLAUSE.search(text, own_words, trigger)
        and occasion_of(_WHO_CLAUSE.sub(_blank, text[own_words:trigger]) + text[trigger:])) \
        or occasion_of(text[own_words:]) or (
        prev_occasion if listing or _ALSO.search(text) or _SIMILAR.search(text) or _THIS_OCCASION.search(text)
        or _BARE_PLURAL.match(text)
        or _THE_MESSAGES.match(text) or any(len(members) >= 2 for _, _, members in pairs) and _PLURAL.search(ltext) else None)
    if said is None and not told and prev_occasion is None and prev_text and _THIS_OCCASION.search(text):
        # "Russia Day is not a date North Korea had ever made much of. But on June 12, 2022, Kim sent Putin
        # a message for the holiday": the occasion the sentence before named
        said = occasion_of(prev_text)
    doc_occasion, doc_countries = headline
    # the headline's occasion, unless the sentence tells of a message of another season or to another
    # counterpart than the headline's
    in_season = own_date is None or published is None or dt.within(own_date, published.isoformat(), 31)
    date_value = own_date or dateline or (published.isoformat() if published else None)
    out = []
    if len(pairs) > 1 and nouns and _ONE_MESSAGE.search(ltext, max(0, nouns[0].start() - 40), nouns[0].end()):
        # "In a message dated September 1, Kim congratulated To Lam and Luong Cuong": one message to the
        # two of one country ("messages to To Lam and Luong Cuong" are two)
        first: dict[tuple[str, str], tuple[Mention, Mention, list[Mention]]] = {}
        for p in pairs:
            first.setdefault((p[0].country, p[1].country), p)
        pairs = list(first.values())
    for sender, recipient, members in pairs:
        counterpart = recipient.country if sender.country == KP else sender.country
        day, dated = date_value, own_date is not None
        answering = answer_at is not None and sender.start == answer_at
        if answering:
            # (its own date, after it; a reply when it is called one)
            later = next((d.value for d in dt.find_dates(text, published) if d.start >= answer_at and not d.since), None)
            day, dated = (later, True) if later else (date_value, dated)
        if not told and (own_date is None or len(own_date) in (4, 10)) and "anniversary of" in text:
            # "For the 60th anniversary of the treaty, Xi and Kim swapped messages" (in 2025): 2021-07-11;
            # "For the 70th anniversary of the People's Republic, ... on October 1": of 2019, not last October
            a = dt.anniversary(text, counterpart, published, *anniversaries())
            if a and (own_date is None or a.startswith(own_date) or len(own_date) == 10 and a[4:] == own_date[4:]):
                day, dated = a, True
        if not _leads(gz, sender, day) or not _leads(gz, recipient, day):
            continue  # (on the day of the message: "Kim Jong Il sent Hu a message for the 90th anniversary of ...")
        if noun is None and not listing and "country" in (sender.kind, recipient.kind):
            continue  # "Putin thanked the DPRK for its support": a country thanked is not a message
        occasion = said
        if occasion in (None, "anniversary") and doc_occasion and (in_season or occasion and _BARE_ANNIVERSARY.search(text)) \
                and (not doc_countries or counterpart in doc_countries):
            # (of another year too: "Last year, Xi congratulated Kim on the 68th anniversary" in a
            # report on the founding day is of that day)
            occasion = doc_occasion if occasion is None or doc_occasion == "national_day" else occasion
        out.append(Found(sender=sender, recipient=recipient, kind=kind,
                         reply=bool(rl["reply"].search(ltext, answer_at)) if answering else reply, occasion=occasion,
                         date=day, dated=dated, told=told or bool(_IN_ITS_WORDS.search(text)),
                         named_only=verb is None and not dated and not listing and sender.possessive,
                         evidence=s.text, sentence_index=index, trigger=trigger, members=[m.country for m in members]))
    return out, trigger


# "In response to the earthquake, Kim sent a message of sympathy", "The attack was answered by Kim the
# next day with a message of condolence": what it answers is not a message
_EVENTS = (r"(?:attack|earthquake|quake|flood|flooding|disaster|typhoon|hurricane|cyclone|fire|wildfire|explosion|crash|"
           r"tragedy|death|passing|accident|bombing|shooting|landslide|tsunami|storm|rains|outbreak|epidemic|pandemic|"
           r"incident|news|victory|election|result)s?")
_EVENT_ANSWERED = re.compile(r"(?:in (?:response|answer|reply) to|responding to|respond(?:ed|s)? to)\s+"
                             r"(?:the |a |an |this |that |"
                             r"its |their |his |her )?(?:(?!message|letter|greeting|card|telegram|cable|congratul|condol|sympath|"
                             r"repl)[\w'-]+ ){0,4}?" + _EVENTS + r"\b")
_EVENT_ANSWERED_BY = re.compile(r"\b" + _EVENTS + r"\b[^.;]{0,120}\b(?:was|were) $")


def _blank(m: re.Match[str]) -> str:
    """As many spaces as the match is long: the words out of the way, the offsets kept."""
    return " " * len(m.group(0))


def _answers_an_event(ltext: str, reply: re.Match[str]) -> bool:
    """A reply cue whose object is an event, not a message."""
    if reply.group(0).startswith("answered by"):
        return _EVENT_ANSWERED_BY.search(ltext, max(0, reply.start() - 150), reply.start()) is not None
    return _EVENT_ANSWERED.match(ltext, reply.start()) is not None


def _leads(gz: Gazetteer, m: Mention, day: str | None) -> bool:
    """Whether `m` is a leader whose messages count, on `day` (YYYY, YYYY-MM or YYYY-MM-DD)."""
    until = gz.led_until.get(m.name) if not m.leader and m.kind == "person" else None
    return m.leader or until is not None and day is not None and day <= until


_PRONOUN_OBJECT = re.compile(r"\b(?:sent|sends|wrote to|writes to|cabled|congratulat(?:ed|es|ing))\s+(?:him|her)\b")
_BARE_ANNIVERSARY = re.compile(r"\b\d+(?:st|nd|rd|th) anniversary\b(?!\s+of\b)", re.I)
_ASIDE = re.compile(r",\s+(?:a sign|a signal|a move|an indication|which|who|since|despite|although|amid|even as|while|"
                    r"as (?:he|she|it|they) (?:had|did|has|have|was|were))\b", re.I)
_REPORTED = re.compile(r"\b(?:reported|said|says|announced|published|carried|according to|reports|report)\b\W*(?:\w+\W+){0,2}$", re.I)


_ANSWERING = r"repl(?:ied|ies|ying|y) to|respond(?:ed|s|ing)? to|answer(?:ed|s|ing)?"
_NO_REPLY = re.compile(r"\b(?:repl|answer|respond)")
_ANSWERED = re.compile(r"\b(?:(?:in )?(?:reply|response|answer) to|" + _ANSWERING + r"|"
                       r"thank(?:ed|ing|s)? (?P<thanked>[\w-]+(?: [\w-]+){0,3}) for|"
                       r"thanks to (?P<thanked2>[\w-]+(?: [\w-]+){0,3}) for|"
                       r"(?:reply|response|answer) (?:was|is|came) (?:sent )?(?:in (?:reply|response|answer) )?to) "
                       r"(?:the|a|his|her|its|their) (?:[\w-]+ ){0,3}?(?:message|letter|greetings|card|telegram|cable)s? "
                       r"(?:(?:which|that) )?(?=(?:[^.;,]|,\s*(?:which|that)\b){0,80}?\b(?:had |has )?"
                       r"(?:sent|addressed|dispatched|forwarded)\b"
                       r"|(?:[\w-]+ ){0,3}?from\b)", re.I)


# "Xi replied to Kim Jong Un's congratulatory message": the owner sent the message answered
_ANSWERED_OWNER = re.compile(r"\b(?:in (?:reply|response|answer) to|" + _ANSWERING + r") "
                             r"(?P<owner>(?:[\w-]+ ){0,3}[\w-]+'s?) (?:[\w-]+ ){0,3}?(?:message|letter|greetings|card|telegram)s?\b", re.I)


def _replying(low: str) -> bool:
    """A cheap look, on lower-cased text, for the words of a reply or of thanks."""
    return "repl" in low or "respon" in low or "answer" in low or "thank" in low or " back" in low \
        or "respuest" in low or not low.isascii() and (
        "ответн" in low or "답전" in low or "답신" in low or "회답" in low
        or "复电" in low or "复信" in low or "回电" in low or "回信" in low)


def _answered(gz: Gazetteer, s: Sentence, index: int, replies: list[Found], published: date | None,
              answering: re.Match[str] | None) -> list[Found]:
    """The message a reply answers, when the sentence names who sent it: its sender is the party
    named in the relative clause (`answering`, the sentence's match of _ANSWERED), its recipient the
    reply's sender. Called only for a sentence with the words of a reply (`_replying`)."""
    if not replies:
        return []
    m = answering or _ANSWERED_OWNER.search(s.text)
    if not m:
        return []
    owner = m.re is _ANSWERED_OWNER
    clause = s.text[m.start("owner"):m.end("owner")] if owner else s.text[m.end():]
    who = next((x for x in gz.mentions(clause) if x.kind != "country" or x.country == KP), None)
    shift = m.start("owner") if owner else m.end()
    thanked = None if owner else "thanked" if m.group("thanked") else "thanked2" if m.group("thanked2") else None
    if thanked and (who is None and re.match(r"(?:he|she) (?:had |has )?sent\b", clause)
                    or re.search(r" for (?:his|her) ", m.group(0))):
        # "Putin thanked Kim Jong Un for the greetings he had sent", "extended thanks to Kim Jong Un for
        # his congratulatory message sent on August 4": the one thanked sent them
        clause, shift = s.text[m.start(thanked):], m.start(thanked)
        who = next((x for x in gz.mentions(m.group(thanked)) if x.kind != "country"), None)
    if who is None:
        return []
    reply = replies[0]
    if who.country == reply.sender.country or KP not in (who.country, reply.sender.country):
        return []
    date_value = _date_near(clause, who.end, published) or reply.date
    shifted = Mention(who.start + shift, who.end + shift, who.country, who.name, who.kind, who.named,
                      who.channel, who.leader)
    return [Found(sender=shifted, recipient=reply.sender, kind=_kind(m.group(0)), reply=False,
                  occasion=occasion_of(s.text[m.start():]) or reply.occasion, date=date_value, evidence=s.text,
                  sentence_index=index,
                  trigger=m.start(), members=[shifted.country if shifted.country != KP else reply.sender.country])]


def _date_near(text: str, trigger: int, published: date | None) -> str | None:
    """The date of the message: the one nearest the verb, after it rather than before, and not
    the dateline's nor the one the report was made on when another is given."""
    skip = _DATELINE_PREFIX.match(text)
    start = skip.end() if skip else 0
    mentions = [d for d in dt.find_dates(text, published) if not d.since and d.start >= start]
    if not mentions:
        return None

    inner = re.search(r"\bin which\b", text[trigger:])
    if inner:  # "..., in which he hailed the treaty signed in June": the message's words, not its date
        cut = trigger + inner.start()
        # (but "..., in which he offered "any necessary assistance," KCNA reported Aug. 3": the report's day)
        mentions = [d for d in mentions if d.start < cut or _REPORTED.search(text[max(0, d.start - 40):d.start])]
        if not mentions:
            return None

    def cost(d: dt.DateMention) -> float:
        distance = d.start - trigger
        c = distance if distance >= 0 else -1.5 * distance
        if len(d.value) < 10:
            c += 15 if len(d.value) == 7 else 40
        if _REPORTED.search(text[max(0, d.start - 40):d.start]):
            c += 200
        if d.start > trigger and _ASIDE.search(text, trigger, d.start):
            c += 250  # "..., a sign that their rapport survived the summit in February": another matter
        if len(_DASH.findall(text, start, d.start)) % 2 and _DASH.search(text, d.end):
            c += 250  # "Sihanouk - restored to the throne only the previous September - sent ...": an aside
        return c

    return min(mentions, key=cost).value


_DASH = re.compile(r"\s[-\u2013\u2014]\s|\u2014")
_MAY: dict[tuple[str, ...], re.Pattern[str]] = {}
# "The newspaper also ran excerpts from messages sent by ...": part of their words (a pattern of its own, looked
# for only where the word is: in the content_partial alternation it cost a tenth of that pattern's time)
_EXCERPTS = re.compile(r"\b[Ee]xcerpts? (?:from|of)\b")
# "Each recipient was identified only by official title, 'the President of ...'": how they were named
# (a pattern of its own: a "^" in the long not_an_event alternation doubles its cost)
_EACH_RECIPIENT = re.compile(r"(?:each|every|all|the|both) (?:of the )?(?:recipients?|senders?|addressees?)\b[^.;]{0,20}?\b"
                             r"(?:was|were)\s+(?:\w+\s+)?(?:identified|named|listed|referred|mentioned|called|described|given)\b")
_DENIED = re.compile(r"\b(?:denied|denies|deny|denying|dismissed|refuted|rejected)\b[^.;]{0,80}?\b(?:report|reports|claim|claims|"
                     r"story|stories|allegations?|rumou?rs?)\b[^.;]{0,30}?\bthat\b")
_DENIED_AFTER = re.compile(r"\b(?:denied|denies|dismissed|refuted)\s+(?:the|that|this|those|these|such)\s+"
                           r"(?:[\w-]+\s+)?(?:report|reports|claim|claims|story|stories|allegations?|rumou?rs?)\b")
_CARRIED_BY = re.compile(r"\b(?:was|were|been|being)\s+(?:[a-z]+ly\s+)?"
                         r"(?:handed|delivered|conveyed|passed|relayed|brought|carried)\b[^.;]{0,60}(?<!followed)\s+by\s+$")
_ON_BEHALF = re.compile(r"\bon behalf of\b[^,;]{0,40}$")
_NEXT_WORD = re.compile(r"\s+[\w-]+")
# "... first to Xi Jinping, named in full with his titles, and then to Putin": the same list
_AND_THEN = re.compile(r",\s+and\s+(?:then\s+|also\s+|finally\s+)?$")
# "those dispatched by Jiang Zemin, ..., on Oct. 8; by Fidel Castro, ..., on Oct. 9; and by ...": the
# preposition said again for each item of one list (after the titles and the day of the item before)
_PARALLEL = re.compile(r"[^;]{0,150}?[;,]\s+(?:and\s+)?")
_YEAR_LIST = re.compile(r"\bin ((?:19|20)\d\d)(?:,\s*(?:19|20)\d\d)*,?\s+and\s+(?:19|20)\d\d\b")
_BOTH = re.compile(r"\b(?:both|the two|each of the two)\s+(?:[\w-]+\s+)?(?:messages|letters|telegrams|cards|texts)\b", re.I)
_SAID_THAT = re.compile(r"\b(?:said|says|wrote|noted|stressed|stated) that\b")
_IN_HIS_OWN = re.compile(r",\s+in (?:a|an|his|her|its|their) (?:own )?(?:[\w-]+ )?$")
_HE_PASSIVE = re.compile(r"(?:He|She)\s+(?:was|had been|has been)\b")
_HE_ALSO = re.compile(r"(?:He|She)\s+(?:also|then)\b")
_CARRY = re.compile(r"(?:convey|deliver|hand|pass|relay|br[io]ng|brought|carr)", re.I)
_NEW_YEAR_DAYS = {"-12-29", "-12-30", "-12-31", "-01-01", "-01-02", "-01-03"}
_CONTRAST = re.compile(r",?\s+(?:while|whereas|but|by contrast)\b|;")
_NOT_BEFORE = re.compile(r"\b(?:not|never|n't|without|nor|short of|instead of|rather than)\s+(?:[\w'-]+\s+){0,3}$")
_PLURAL_NOUN = re.compile(r"\b(?:cards|messages|letters|greetings|telegrams|cables)\b", re.I)
_THE_PLURAL = re.compile(r"\b(?:the|these|those|both) (?:[\w-]+ )?(?:cards|messages|letters|greetings|telegrams|cables)\b", re.I)


def _apply_claims(gz: Gazetteer, s: Sentence, events: list[Found], previous: list[Found], trigger: int,
                  found: list[Found]) -> None:
    """What the press says of the treatment: to this sentence's messages, or to the last ones."""
    rx = _rx()
    text = s.text
    low = text.lower()
    # the lower-case patterns on the lower-cased text where it keeps the offsets (twice as fast)
    lrx, ltext = (_rl(), low) if len(low) == len(text) else (rx, text)

    def may(*stems: str) -> bool:  # a cheap look before each pattern
        look = _MAY.get(stems)
        if look is None:
            look = _MAY[stems] = re.compile(_alt(list(stems)))
        return look.search(low) is not None

    def before() -> list[Found]:
        # "The KCNA did not disclose the contents of the cards": all the cards told of just before,
        # the list of the sentence before and the ones it continued
        if not previous or not _PLURAL_NOUN.search(text) and not _BOTH.search(text):
            return previous  # (a plural, or "Both texts were carried in full")
        p = previous[0]
        # "the full texts of both messages": the two ways of an exchange
        both = _BOTH.search(text) is not None
        return previous + [f for f in found if f not in previous and f.kind == p.kind
                           and (f.occasion == p.occasion or both) and (not both or dt.within(f.date, p.date))
                           and (f.sender.country == p.sender.country or both and f.recipient.country == p.sender.country)
                           and 0 < p.sentence_index - f.sentence_index <= 3]

    def clause(group: list[Found], at: int) -> list[Found]:
        # "his card to Xi ran complete with its full text, while his card to Putin was mentioned
        # only briefly": a claim is about the messages of its own clause
        if len(group) < 2 or not may("while", "whereas", "but ", ";", "contrast"):
            return group
        cuts = [c.start() for c in _CONTRAST.finditer(text)]
        start = max([c for c in cuts if c <= at], default=0)
        end = min([c for c in cuts if c > at], default=len(text))
        return [f for f in group if start <= f.counterpart().start < end] or group

    def targets(at: int, end: int | None = None) -> list[Found]:
        if not events:
            return before()
        if at >= trigger - 5 or not previous:
            return clause(events, at)
        # "released the full text of a New Year's message Putin sent": the claim is about the
        # message words right after it, so about this sentence's message
        nouns = [(n.start(), n.group(0)) for n in rx["nouns"].finditer(text, at, end + 70)] if end is not None else []
        tied = [word for n, word in nouns if n <= end + 45 and _tied(text[end:n]) and _tied(text[n:trigger])]
        if tied:
            # "did not disclose the contents of the cards, although it had carried Kim's card to
            # Putin": a plural is the messages reported before, with this one
            if tied[0].lower().endswith("s") and len(previous) > 1 >= len(events):
                return previous + [f for f in events if f not in previous]
            return events
        return previous

    for m in (rx["name_given"].finditer(text) if may("name", "in full") else ()):
        if _OTHER_TIME.search(text, 0, m.start()):
            continue
        # "KCNA named Putin and Xi in full": those counterparts
        subject = [c for c in _countries_in(gz, text[m.start():m.end()]) if c != KP]
        for f in targets(m.start(), m.end()):
            if f.counterpart_country() in subject:
                f.named_claim = True
    for m in (rx["name_withheld"].finditer(text) if may("nam", "title", "position", "withh", "이름", "직함", "имен") else ()):
        if _OTHER_TIME.search(text, 0, m.start()):
            continue  # "Unlike last year, when the recipients were identified only by their titles"
        group = targets(m.start(), m.end())
        # "Chinese President Xi Jinping was referred to only by his title": that counterpart alone;
        # "identified the recipients only by their official titles": all of them; "the other
        # three leaders were referred to by title alone": those not said to be named
        ahead = text[max(0, m.start() - 60):m.end() + 6]  # ("without naming them")
        named_before = gz.mentions(text[:m.start()])
        subject = list(dict.fromkeys(x.country for x in named_before if x.country != KP))
        plural = re.search(r"\b(?:their|them|the recipients|the senders|all|each|whose|которых)\b", ahead, re.I)
        listed = {f.counterpart_country() for f in group}
        if plural and plural.group(0).lower() in ("their", "them") and subject and set(subject) < listed:
            # "The Cuban and Syrian leaders were referred to only by their titles": the leaders of
            # those two of the list, not the list
            plural = None
        if not plural and re.search(r"\b(?:his|her) ", m.group(0)) and (near := [
                x for x in named_before if x.country != KP and x.kind in ("person", "title")]):
            # "with Putin's name placed at the top and Chinese President Xi Jinping referred to only by
            # his official titles": the one named last
            subject = [near[-1].country]
        others = re.search(r"\b(?:the (?:\w+ )?other|the rest|the remaining|others)\b", ahead, re.I)
        for f in group:
            counterpart = f.counterpart_country()
            if others and (f.named_claim is True or f.counterpart().named):
                continue  # "... and the heads of state of the five other countries, identified only by titles"
            if plural and f in events and (f.counterpart().kind == "person" or _ANAPHORIC_TITLE.match(f.counterpart().name)) \
                    and f.counterpart().start < m.start():
                continue  # "KCNA carried Xi's message first, ... and the leaders of Laos, without naming them";
                # "to Putin, ... and to the heads of state of Vietnam and Laos, whose names were not given"
            if plural or others or not subject or counterpart in subject:
                f.named_claim = False
    if not events and previous and may("listed", "named", "ranked", "ordered", "placed") \
            and (listed := _LISTED_BY_NAME.search(text)):
        # "KCNA listed the senders in the order of Putin, Chinese President Xi Jinping, To Lam, ...":
        # the report names them
        named = {m.country for m in gz.mentions(listed.group(0)) if m.kind == "person"}
        for f in before():
            if f.counterpart_country() in named:
                f.named_claim = True
    withheld = []
    none_stems = ("content", "text", "detail", "word", "messag", "said", "quot", "contain", "wrote", " read", "elaborat", "what",
                  "내용", "текст", "содерж")
    for m in (lrx["content_none"].finditer(ltext) if may(*none_stems) else ()):
        withheld.append(m.start())
        group = targets(m.start(), m.end())
        if not events and previous and _THE_OTHERS.search(text, 0, m.start()):
            # "Xi's card was summarised in one sentence. The other three were named without any details
            # of what they said": the messages of the list of which nothing was said yet
            p = previous[0]
            listed = [f for f in found if (f.kind, f.sender.country == KP) == (p.kind, p.sender.country == KP)
                      and (f.occasion == p.occasion or None in (f.occasion, p.occasion))
                      and p.sentence_index - f.sentence_index <= 4]
            told = {f.counterpart_country() for f in listed if f.content is not None}
            group = [f for f in listed if f.counterpart_country() not in told] or group
        elif previous and _THE_OTHERS.search(text, m.start(), m.end() + 20):
            # "carried a passage from the card to Putin, ... but did not disclose the contents of the
            # other cards": the cards told of before, not Putin's
            told = {c for c in _countries_in(gz, text[:m.start()]) if c != KP}
            group = [f for f in previous if f.counterpart_country() not in told] or group
        of_whom = _OF_THE_MESSAGES.match(text, m.end())
        if of_whom and (whose := [c for c in _countries_in(gz, of_whom.group(0), demonyms=True) if c != KP]):
            # "did not carry the texts of the Cuban and Vietnamese messages": those, of the ones told of
            # lately, and not the Chinese one quoted in between
            last = max((f.sentence_index for f in found), default=0)
            pool = group + [f for f in found if f.sentence_index >= last - 3 and all(f is not g for g in group)]
            group = [f for f in pool if f.counterpart_country() in whose] or group
        for f in group:
            f.content = _stronger(f.content, (2, "none"))
    full = [m for m in (lrx["content_full"].finditer(ltext) if may("full", "entire", "whole", "complete", "follows", "reads",
                                                                  "read as", "publish", "carried", "printed", "ran ", "releas",
                                                                  "reproduc", "текст", "integr") else ())
            if not any(m.start() <= at <= m.end() + 40 for at in withheld)  # "ran the message without its text"
            # "Kim's speech, carried in full by the Korean Central Television": another text, not the messages before
            and (events or not _ANOTHER_TEXT.search(text, max(0, m.start() - 40), m.start()))
            # '"... other areas," the message reads': the quotation's source, not a text printed in full
            and not _QUOTE_SOURCE.search(text, max(0, m.start() - 12), m.start())]
    # "did not publish the message in full, ... where full texts have become the norm": not in full
    if any(_NOT_BEFORE.search(text, max(0, m.start() - 40), m.start()) for m in full):
        full = []
    for m in full:
        for f in targets(m.start(), m.end()):
            f.content = _stronger(f.content, (2, "full"))
    for m in (rx["grouped"].finditer(text) if may("group", "listed", "named", "mention", "placed", "ranked", "included") else ()):
        group = targets(m.start())
        if not group:
            continue
        listed = m.group("list") or m.group("list2") or ""
        anchor = _countries_in(gz, m.group("anchor") or "")
        extra = _countries_in(gz, listed, demonyms=True)
        extra = [c for c in extra if c != KP]
        base = [f for f in group if f.counterpart_country() in anchor] or group[:1] if anchor else group[:1]
        if not base or not extra:
            continue
        template = base[0]
        members = list(dict.fromkeys([f.counterpart_country() for f in group] + extra))
        for f in group:
            f.members = list(dict.fromkeys(f.members + members))
        known = {f.counterpart_country() for f in group}
        for code in extra:
            if code in known:
                continue
            holder = gz.holder(code, "head of state", template.date)
            mention = Mention(0, 0, code, holder.name if holder else f"head of state of {code}", "title", False)
            new = Found(sender=template.sender if template.sender.country == KP else mention,
                        recipient=mention if template.sender.country == KP else template.recipient,
                        kind=template.kind, reply=template.reply, occasion=template.occasion, date=template.date,
                        named_claim=template.named_claim, content=template.content, evidence=template.evidence,
                        sentence_index=template.sentence_index, members=members)
            group.append(new)
            found.append(new)
            known.add(code)


_ANOTHER_TEXT = re.compile(r"\b(?:speech|speeches|address|remarks|report|statement|editorial|article|commentary|interview|"
                           r"communiqu\w+|declaration|treaty|resolution|decree|lecture|poem)\b[^.;]{0,30}$")
_QUOTE_SOURCE = re.compile(r"[,.!?]\"\s+(?:the|his|her|its|their) $")
_OF_THE_MESSAGES = re.compile(r"\s+(?:of|from)\s+the\s+[^,;.]{3,60}?\b(?:messages|letters|cards|telegrams|cables)\b")
_LISTED_BY_NAME = re.compile(r"\b(?:listed|named|ranked|ordered|placed)\s+(?:the\s+)?"
                             r"(?:senders|recipients|leaders|cards|messages)\b[^.;]*", re.I)
_THE_OTHERS = re.compile(r"\b(?:the (?:\w+ )?others?|the rest|the remaining)\b", re.I)


def _tied(between: str) -> bool:
    """No clause break: the words belong to one phrase."""
    return not re.search(r"[,;:]|\b(?:when|that|which|while|as|mirroring|after|before|but)\b", between)


def _countries_in(gz: Gazetteer, text: str, demonyms: bool = False) -> list[str]:
    codes = [m.country for m in gz.mentions(text)]
    if demonyms:
        for m in gz.dem_re.finditer(text):
            codes.append(gz.demonym_of[m.group(0).lower()])
    return list(dict.fromkeys(codes))


def _stronger(cur: tuple[int, str] | None, new: tuple[int, str]) -> tuple[int, str]:
    order = {"none": 0, "partial": 1, "full": 2}
    if cur is None or new[0] > cur[0] or (new[0] == cur[0] and order[new[1]] > order[cur[1]]):
        return new
    return cur


def _apply_content(s: Sentence, sents: list[Sentence], i: int, events: list[Found], state_media: bool) -> None:
    """Quoted or paraphrased text makes a message "partial"; a state-media item printing it, "full"."""
    rx = _rx()
    after_trigger = s.text[events[0].trigger:]
    if _quoted(after_trigger) or _rl()["content_partial"].search(s.text.lower()) \
            or "xcerpt" in s.text and _EXCERPTS.search(s.text):
        for f in events:
            f.content = _stronger(f.content, (1, "partial"))
    if state_media:
        # the message text printed below the report: "The message reads:", or paragraphs of
        # quoted or second-person address, up to the next dateline
        body = 0
        plain = 0  # sentences in a row that are not the message's text: it has ended
        said: str | None = None  # the occasion the message's own words give
        intro: Sentence | None = None  # "In his message dated July 9 Fidel Castro Ruz said among other things:"
        for nxt in sents[i + 1: i + 60]:
            if plain >= 4 or _DATELINE_PREFIX.match(nxt.text) or body >= (1500 if said is None else 400):
                break
            if _FULL_HINT.search(nxt.text) and rx["content_full"].search(nxt.text):
                body = max(body, 400)
                continue
            if not body and intro is None and nxt.text.endswith(":") and _rl()["nouns"].search(nxt.text.lower()):
                intro = nxt
                continue
            if _ADDRESS.search(nxt.text):
                body += len(nxt.text)
                plain = 0
                said = said or occasion_of(nxt.text)
            else:
                plain += 1
        if body >= 400:
            level = "full"
            if intro is not None:
                # the text below is of the message that sentence introduces, of those of the list, and only
                # in part when it says so ("said among other things:")
                named = {m.country for m in gazetteer().mentions(intro.text)}
                events = [f for f in events if f.counterpart_country() in named] or events
                if _IN_PART.search(intro.text):
                    level = "partial"
            for f in events:
                f.content = _stronger(f.content, (1, level))
                if said and f.occasion in (None, "other"):
                    f.occasion = said


_IN_PART = re.compile(r"\b(?:among other things|inter alia|in part|partly|excerpts?|extracts?|passages?)\b", re.I)


# a claim about another time than the report's: "Unlike last year, when ...", "in the past"
_OTHER_TIME = re.compile(_word_first(r"\b(?:unlike|as in|in contrast to)\b[^.;]*\bwhen\b[^,;]*$"
                                     r"|\b(?:in (?:the )?(?:past|previous years)|used to)\b[^,;]*$"
                                     r"|\b(?:typically|usually|normally|customarily|traditionally|generally|increasingly)\b[^;]*$"), re.I)
_THE_SAME = re.compile(r"\bthe (?:letter|message|card|telegram|greetings|cable|note)s? (?:was|were|had been|has been) "
                       r"(?:\w+ )?(?:delivered|sent|handed|received|passed|dated|written|carried)\b", re.I)
_COMMENTATOR = re.compile(r"\b(?:analysts?|researchers?|professors?|experts?|scholars?|fellow|think tank|lecturer|observers?|"
                          r"commentators?|spokes(?:man|woman|person)|official)\b", re.I)
_TITLE_QUOTED = re.compile(r"^(?:the )?(?:[\w'-]+ ){0,3}?(?:president|chairman|premier|prime minister|king|secretary|"
                           r"head of state|leader)s?\b[^.]*\bof\b", re.I)


def _quoted(text: str) -> bool:
    """Words in quotes that are the message's, not a title quoted as printed ("the 'president of the PRC'")."""
    return any(not _TITLE_QUOTED.match((m.group(1) or m.group(2) or "").strip(" ,.")) for m in _QUOTE.finditer(text))


_SO_MANY = re.compile(r"\b(?:\d+|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|several|a number of|many|various) "
                      r"(?:[\w-]+ )?(?:countries|nations|leaders|heads of state|heads of state and government|"
                      r"recipients)\b", re.I)
_SAID_BY = re.compile(r"[\"']\s*,?\s*(?:said|says|according to|noted|added)\s+(?:[A-Z][\w.'-]*\s+){0,3}[A-Z][\w.'-]*,"
                      r"\s+(?:a|an|the)\b")
_PRONOUN_START = re.compile(r"(?:He|She|It|They)\b")
_THE_HEAD_OF_STATE = re.compile(r"The (?:head of state|president|leader|prime minister|premier|general secretary|chairman) "
                                r"(?:also |further |then )?(?:noted|said|stressed|emphasi[sz]ed|expressed|wished|added|hoped|"
                                r"underlined|pointed out|voiced|praised|thanked|invited)\b")
_ONE_MESSAGE = re.compile(r"(?:\b(?:a|one)\s+(?:[\w-]+\s+){0,2}?|'s\s+(?:[\w.,-]+\s+){0,3}?)"
                          r"(?:message|letter|card|telegram|cable)\b")
_PLURAL = re.compile(r"\b(?:messages|cards|letters|telegrams|cables|greetings|congratulations)\b"
                     r"|послания|поздравления|телеграммы")
_SIMILAR = re.compile(r"\b(?:similar|likewise)\b", re.I)  # "similar messages had arrived from ...": the same occasion
_BESIDES = re.compile(r"(?:Besides|Apart from|In addition to|Aside from|Beyond)\b")
_ALSO = re.compile(r"\b(?:also|too|as well|также|тоже|asimismo|tambien)\b", re.I)
# "on this occasion", "on the eve of the holiday": the occasion told of before, even some sentences before
_THIS_OCCASION = re.compile(r"\bon (?:this|that|the same) occasion\b|\bon the eve of the (?:holiday|occasion|anniversary)\b|"
                            r"\b(?:for|on|marking) the (?:holiday|occasion)\b|"
                            r"по (?:этому|тому же) (?:случаю|поводу)|накануне (?:праздника|годовщины)|"
                            r"\ben (?:esa|esta|la misma) ocasion\b", re.I)
_ELSEWHERE = re.compile(r"\b(?:address|plenary|meeting|session|rally|conference|interview|inspect\w*|visit\w*|told)\b", re.I)
_THE_MESSAGES = re.compile(r"^(?:The|These|Those|All the|Both) (?:[\w-]+ )?(?:messages|cards|letters|telegrams|greetings|replies|senders)\b")


def _join_lists(before: list[Found], now: list[Found], besides: bool = False) -> None:
    """"A card was also sent to Kim by the King of Cambodia" after a list of senders: one list."""
    a, b = before[0], now[0]
    if (a.sender.country == KP) != (b.sender.country == KP) or a.kind != b.kind:
        return
    if a.dated and b.dated and not dt.within(a.date, b.date, 0):
        return  # "Putin also sent Kim a message last month": another time, not the same list
    if not besides and len({f.counterpart_country() for f in now}) > 1 and not _THE_SAME_GO.match(now[0].evidence):
        # "Putin and Xi sent messages ... Kim also received messages from the leaders of Vietnam, Laos, ...": a list of its own
        return
    members = list(dict.fromkeys([c for f in before + now for c in f.members]))
    for f in before + now:
        f.members = members
    if a.dated and a.date:
        for f in now:
            if not f.dated:  # "Besides Putin and Xi, the cards went to ...": the same cards, of the same day
                f.date, f.dated = a.date, True


# "It calls Putin his 'closest comrade', ... it mentions the meeting they had": the message told of is the subject
_IT_SAYS = re.compile(r"It (?:also )?(?:says|said|calls|called|talks|talked|speaks|spoke|mentions|mentioned|describes|"
                      r"described|refers|referred|hails|hailed|praises|praised|expresses|expressed)\b")
_WORDS_TO = re.compile(r"\b(?:wished|wishing|thanked|thanking|congratulated|congratulating|assured|assuring|urged|urging|told|"
                       r"telling|invited|inviting|called on|calling on)\s+(?:the\s+)?$")


_ASIDE_CLAUSE = re.compile(r",\s+(?:and\s+|but\s+)?(?:[\w'-]+\s+){0,3}?(?:who|whom|whose|which|that|when|where)\b[^,;]*,")
_SUBJECT_JOIN = re.compile(r",\s*|,?\s+and\s+")


def _said_elsewhere(text: str) -> bool:
    return bool(_rx()["in_person"].search(text) or _ELSEWHERE.search(text))


def _apply_followup_content(gz: Gazetteer, s: Sentence, recent: list[Found], last: list[Found],
                            said_before: list[Found] | None = None) -> list[Found]:
    """A sentence after a message that quotes or paraphrases it: the sender's messages, or the last
    ones; "The messages wished ..." after a digest: all of them; "He also wished ..." after one
    that quoted a message: that message. Returns the messages it took the words for."""
    rx = _rx()
    if not (_quoted(s.text) or _rl()["content_partial"].search(s.text.lower())):
        return []
    if not rx["nouns"].search(s.text) and not _IT_SAYS.match(s.text) and (
            # (not in an aside: "The Cuban leader, who recalled his visit to Pyongyang in 1986, hailed ...")
            _said_elsewhere(_ASIDE_CLAUSE.sub(",", s.text) if ", " in s.text else s.text) or _COMMENTATOR.search(s.text)):
        # "at the plenary meeting, Kim called for the 'toughest' policy", "'Beijing does not like
        # it,' said Cho, a researcher": words said elsewhere, or by someone else
        return []
    said_by = _SAID_BY.search(s.text) if '"' in s.text or "'" in s.text else None
    if said_by and _COMMENTATOR.search(s.text, said_by.end(), said_by.end() + 80) \
            and not any(m.leader for m in gz.mentions(said_by.group(0))):
        return []  # "'The order is itself a message,' said Hong Min, a senior researcher at ...": his words
    if _THE_MESSAGES.match(s.text):
        targets = recent
    elif said_before and _PRONOUN_START.match(s.text):
        targets = said_before
    else:
        # the one who speaks is the first person, title or institution named ("In his message
        # Lukashenko expressed ..."); a country is what the words are about ("'The Belarusian people
        # appreciate the support of the DPRK,' the message said"): then the message told of last
        # ("Extending thanks to Kim for his congratulations, To Lam said ...": the one who says)
        # (not the one the words are to: "In that message, Mr. Bounnhang wished the Korean party ...")
        mentioned = gz.mentions(s.text)
        people = [m for m in mentioned if m.kind != "country" and not _WORDS_TO.search(s.text, max(0, m.start - 30), m.start)]
        if not people and mentioned and mentioned[0].start < 5 and not rx["nouns"].search(s.text):
            return []  # "Beijing and Pyongyang are to mark ... a 'friendship year'": the report's words about countries
        says = next((m for m in people if _CLAUSE_VERB.match(s.text, m.end)), None)
        if says is not None and says.kind == "person" and not says.leader:
            return []  # "Earlier, Foreign Minister Sergei Lavrov said that Moscow intends ...": not the message
        speaker = (says or people[0]).country if people else None
        speakers = {speaker}
        if people:
            # "Do Muoi, Khamtay Siphandone and Zyuganov, in their respective messages, wished ...": each of them
            k = people.index(says or people[0])
            for a, b in zip(people[k - 1::-1] if k else [], people[k::-1], strict=False):
                if not _SUBJECT_JOIN.fullmatch(s.text, a.end, b.start):
                    break
                speakers.add(a.country)
            for a, b in zip(people[k:], people[k + 1:], strict=False):
                if not _SUBJECT_JOIN.fullmatch(s.text, a.end, b.start):
                    break
                speakers.add(b.country)
        if speaker is None and last:
            # the list the last message was one of ("In the cards they wished ..."), not a message of the
            # other side that it recalled
            side = last[0].sender.country == KP
            targets = [f for f in recent if (f.kind, f.occasion, f.date) == (last[0].kind, last[0].occasion, last[0].date)
                       and (f.sender.country == KP) == side] or last
        elif speaker is None and _THE_HEAD_OF_STATE.match(s.text):
            # "The head of state noted that Belarus and the DPRK ...", some sentences after the one message
            # told of: its words, when all the messages told of lately are of one sender
            targets = recent if len({f.sender.country for f in recent}) == 1 else []
        else:
            targets = [f for f in recent if f.sender.country in speakers] or last
    for f in targets:
        f.content = _stronger(f.content, (1, "partial"))
    return targets


def _merge(found: list[Found], raw: str, doc: Document, kim_named: bool, folded: str,
           state_media: bool = False) -> list[Message]:
    """One message per sender, recipient, occasion and date: a report that tells it twice gives one."""
    merged: list[list[Found]] = []
    for f in found:
        # a message only named ("Putin's letter via Shoigu is the hinge of that story") is the last one
        # of that pair told of
        for group in (reversed(merged) if f.named_only or not f.dated else merged):
            g = group[0]
            if (g.sender.country, g.recipient.country) == (f.sender.country, f.recipient.country) \
                    and (g.occasion == f.occasion or None in (g.occasion, f.occasion) or "other" in (g.occasion, f.occasion)
                         or {g.occasion, f.occasion} in _KIN_OCCASIONS
                         and not (f.dated and g.dated and f.date != g.date)) \
                    and _same_time(f, group) \
                    and not any(_other_person(x, f) for x in group) \
                    and not _other_anniversary(g, f) \
                    and not (_SEPARATE.search(f.evidence) and all(x.sentence_index != f.sentence_index for x in group)):
                # ("In a separate cable addressed to President al-Assad, the WPK Central Committee
                # congratulated the party": not the cable told of before)
                group.append(f)
                break
        else:
            merged.append([f])
    out = [_message(group, doc, kim_named, folded, raw) for group in merged]
    for k, message in enumerate(out):
        # (the message a reply answers is recalled in the reply's report, not reported)
        recalled = not message.reply and any(m.reply and (m.sender_country, m.recipient_country)
                                             == (message.recipient_country, message.sender_country) for m in out)
        if state_media and message.content_published is None and not recalled:
            # state media reporting a message without a word of it: the text was withheld
            out[k] = message.replace(content_published="none")
    # a reply is for the occasion of the message it answers, and the other way round; a message
    # with no occasion of its own, sent the same day between the same two countries as one with
    # an occasion ("The WPK Central Committee sent a message to the LPRP Central Committee on the
    # same day"), is for that one
    for k, m in enumerate(out):
        if m.occasion != "other":
            continue
        pair = {m.sender_country, m.recipient_country}
        answered = [o for o in out if m.reply and o.sender_country == m.recipient_country
                    and o.recipient_country == m.sender_country and dt.sort_key(o.date) <= dt.sort_key(m.date)]
        if answered:
            # the message it answers is the last one the other side sent before it
            occasion = max(answered, key=lambda o: dt.sort_key(o.date)).occasion
            if occasion != "other":
                out[k] = m.replace(occasion=occasion)
            continue
        kin = [o for o in out if o.occasion != "other" and {o.sender_country, o.recipient_country} == pair
               and ((m.reply and o.sender_country == m.recipient_country)
                    or (o.reply and o.sender_country == m.recipient_country and dt.sort_key(m.date) <= dt.sort_key(o.date)
                        # (the last message before the reply, not one of years before: "On March 22, 2021, Kim
                        # and Xi exchanged verbal messages")
                        and not any(p.sender_country == m.sender_country and p.recipient_country == m.recipient_country
                                    and dt.sort_key(m.date) < dt.sort_key(p.date) <= dt.sort_key(o.date) for p in out))
                    or (m.date is not None and len(m.date) == 10 and o.date == m.date))]
        if kin:
            out[k] = m.replace(occasion=kin[0].occasion)
    out.sort(key=lambda m: (dt.sort_key(m.date), m.sender_country, m.recipient_country))
    return out


# occasions one report may give one message under two names: "on Evacuation Day" and "on the anniversary"
# (but not two messages of two days: "on Oct. 1 for the PRC's founding" and "on Sunday for the ties")
_KIN_OCCASIONS = ({"anniversary", "national_day"}, {"election", "congress"})


_ORDINAL = re.compile(r"\b(\d{1,3})(?:st|nd|rd|th)\b")


def _other_anniversary(a: Found, b: Found) -> bool:
    """Two anniversaries of different numbers ("the 60th anniversary of the treaty" and "the 100th
    anniversary of the founding of the CPC", in one month): two messages."""
    if a.occasion != b.occasion or a.occasion not in ("anniversary", "national_day", "birthday"):
        return False
    x, y = set(_ORDINAL.findall(a.evidence)), set(_ORDINAL.findall(b.evidence))
    return bool(x and y and not x & y)


def _same_time(f: Found, group: list[Found]) -> bool:
    """Dates within a week; a sentence that gives no date of its own ("In the message, Kim said ...")
    goes with the same pair's message whatever the date it was given by default, unless the two
    are of other kinds ("the greetings Putin sent" and "in June, a letter of thanks")."""
    dated = [x for x in group if x.dated]
    if f.named_only:
        return True
    if f.dated and not dated and all(x.reply for x in group) and 0 < f.sentence_index - group[-1].sentence_index <= 2:
        # "Trump wrote back. On June 23, KCNA published photographs of Kim reading a letter from the U.S.
        # president": the reply told without a date, then dated
        return True
    if f.dated and dated:  # (two years named, or a year named and a day of another year, are two times, however close)
        return any(dt.within(x.date, f.date, 7) and not (4 in (len(x.date or ""), len(f.date or "")) and x.date[:4] != f.date[:4])
                   for x in dated)
    if any(dt.within(x.date, f.date, 7) for x in group):
        return True
    # a report of its own with no date ("Kim and Xi exchanged messages") and one dated years before
    # ("In 2019, too, the two leaders exchanged messages"): two messages
    # (what its words say, told between, does not join them: "In the cable, Kim congratulated ... Kim
    # sent al-Assad a similar cable last year")
    if f.dated and not dated and not all(x.told for x in group) or not f.dated and not f.told and dated:
        return False
    kinds = {f.kind} | {x.kind for x in group}
    return len(kinds - {"message"}) <= 1


def _other_person(a: Found, b: Found) -> bool:
    """Two reports whose senders (or recipients) are two different people: two messages (Putin's
    and Mishustin's greetings of one day)."""
    for x, y in ((a.sender, b.sender), (a.recipient, b.recipient)):
        if x.country != KP and "institution" in (x.kind, y.kind) and {x.kind, y.kind} & {"person", "title"} \
                and "counterpart" not in (x.name + y.name).lower():  # "its Lao counterpart" is the party
            return True  # "Thongloun ... and the LPRP Central Committee sent messages": two
        if "person" in (x.kind, y.kind):
            # ("the general secretary of the CPV" beside President Phuc: Trong)
            p, q = _who(x, a.date), _who(y, b.date)
            if p and q and p != q:
                return True
    return False


def _holder(m: Mention, on: str | None) -> str | None:
    """Who held the title a mention gives (for a country, its head of state) on the date `on`."""
    holder = gazetteer().holder(m.country, _title_word(m.name), on)
    return holder.name if holder else None


def _who(m: Mention, on: str | None) -> str | None:
    """The person a mention stands for: the name, or the title's holder; None for a country, an
    institution or a title the gazetteer cannot resolve; None too for a leader named before he held
    any office ("the elder Kim" in 1994 is not Kim Jong Un, whom "Kim" alone means)."""
    if m.kind == "person":
        p = gazetteer().people.get(m.name)
        if p and p.roles and on and all(r.get("from", "0000") > on for r in p.roles):
            return None
        return m.name
    return _holder(m, on) if m.kind == "title" else None


def _message(group: list[Found], doc: Document, kim_named: bool, folded: str, raw: str) -> Message:
    first = group[0]
    kp_sends = first.sender.country == KP

    def named(side: str) -> bool | None:
        claims = [f.named_claim for f in group if f.named_claim is not None]
        mentions = [getattr(f, side) for f in group]
        counterpart_side = "recipient" if kp_sends else "sender"
        if side == counterpart_side and claims:
            return claims[-1]
        vals = [m.named for m in mentions]
        if all(m.country == KP and m.kind in ("person", "title") for m in mentions):
            if kim_named or _holder_named({display(m) for m in mentions}
                                          | {n for n, until in gz.led_until.items() if date_value and date_value <= until}):
                return True  # the North Korean side: the report names Kim (or the leader of that day)
        if True in vals:
            return True
        if False in vals:
            if side == counterpart_side and all(_ANAPHORIC_TITLE.match(m.name) for m in mentions if m.named is False):
                # "congratulated the Russian president": the press speaking of a leader it names
                # elsewhere, not state media's title-only address
                if _holder_named({display(m) for m in mentions}):
                    return True
            return False
        return None

    content: tuple[int, str] | None = None
    for f in group:
        if f.content:
            content = _stronger(content, f.content)
    members: list[str] = []
    for f in group:
        members.extend(f.members)
    counterpart = first.counterpart_country()
    grouped = sorted({c for c in members if c not in (counterpart, KP)})
    # the place in the list: the order in which the report names the countries
    order = [c for c in dict.fromkeys(members) if c != KP]
    position = order.index(counterpart) + 1 if grouped and counterpart in order else None
    occasion = next((f.occasion for f in group if f.occasion and f.occasion != "other"), None) or "other"
    date_value = _best_date([f.date for f in group if f.dated] or [f.date for f in group])
    kind = _vote([f.kind for f in group])
    if occasion == "other" and kind == "card" and date_value and (date_value[4:10] in _NEW_YEAR_DAYS or date_value[4:] == "-01"):
        # "on Jan. 1, 2024, KCNA reported that Kim had sent cards to Xi and Putin", "the cards Kim sent in January"
        occasion = "new_year"
    gz = gazetteer()

    def display(m: Mention) -> str:
        if m.kind == "person" or m.kind == "institution":
            return m.name
        return _holder(m, date_value) or m.name

    def _holder_named(holders: set[str]) -> bool:
        return any(p.name in holders and (" " in alias or len(alias) > 4) and alias in folded
                   for alias, p in gz.person_alias.items())

    sender = max((f.sender for f in group), key=lambda m: _RANK[m.kind])
    recipient = max((f.recipient for f in group), key=lambda m: _RANK[m.kind])
    channel = "party" if sender.channel == "party" or (recipient.channel == "party" and not kp_sends) else "state"
    if kp_sends and recipient.channel == "party" and recipient.kind != "person":
        channel = "party"
    return Message(
        sender=display(sender), sender_country=sender.country,
        recipient=display(recipient), recipient_country=recipient.country,
        kind=kind, reply=any(f.reply for f in group), occasion=occasion,
        date=date_value, recipient_named=named("recipient"), sender_named=named("sender"),
        content_published=content[1] if content else None, grouped_with=tuple(grouped), list_position=position,
        evidence=_original(raw, folded, _best_evidence(group, kp_sends)), source=doc.source, channel=channel,
    )


def _best_evidence(group: list[Found], kp_sends: bool) -> str:
    """The sentence that names the counterpart most fully: a name over a title over a country, the
    longer phrase over the shorter, the earlier sentence on a tie."""
    def score(f: Found) -> tuple[int, int, int]:
        m = f.counterpart()
        return (_RANK[m.kind], m.end - m.start, -f.sentence_index)
    return max((f for f in group if f.evidence), key=score).evidence


_TITLE_WORD = re.compile(r"(general secretary|prime minister|premier|president|chairman|king|first secretary|head of state|"
                         r"leader)", re.I)


def _title_word(name: str) -> str:
    m = _TITLE_WORD.search(name)
    return m.group(1) if m else "head of state"


def _vote(kinds: list[str]) -> str:
    """The most specific kind any report gives: a "letter" called a "message" elsewhere is a letter."""
    for specific in ("card", "telegram", "letter"):
        if specific in kinds:
            return specific
    return max(set(kinds), key=lambda k: (kinds.count(k), -kinds.index(k)))


def _best_date(values: list[str | None]) -> str | None:
    """The most precise date the reports give; the earliest of equally precise ones."""
    known = [v for v in values if v]
    if not known:
        return None
    return sorted(known, key=lambda v: (-len(v), v))[0]


def _original(raw: str, folded: str, folded_sentence: str) -> str:
    """The evidence sentence with the article's own characters (folding kept offsets)."""
    at = folded.find(folded_sentence)
    return raw[at: at + len(folded_sentence)] if at >= 0 else folded_sentence
