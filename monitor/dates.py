"""Dates as reports write them, resolved against the publication date: pure functions."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

MONTHS = {
    "jan": 1, "january": 1, "feb": 2, "february": 2, "mar": 3, "march": 3, "apr": 4, "april": 4,
    "may": 5, "jun": 6, "june": 6, "jul": 7, "july": 7, "aug": 8, "august": 8, "sep": 9, "sept": 9,
    "september": 9, "oct": 10, "october": 10, "nov": 11, "november": 11, "dec": 12, "december": 12,
}
WEEKDAYS = {"monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5, "sunday": 6}

_MONTH_WORDS = ("Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sept?(?:ember)?|Oct(?:ober)?|"
                "Nov(?:ember)?|Dec(?:ember)?")
# (and in capitals: a picture agency's caption begins "WASHINGTON, DC - MAY 24:")
_MON = r"(?P<mon>" + _MONTH_WORDS + "|" + _MONTH_WORDS.upper() + r")\.?"
def _c(words: str) -> str:
    """Either case for the first letter of each alternative ("last|on" -> "[Ll]ast|[Oo]n"): the
    pattern is matched case-sensitively, which is more than twice as fast as re.I."""
    return "|".join(f"[{w[0].upper()}{w[0].lower()}]{w[1:]}" for w in words.split("|"))


# "on the first" ... "on the thirty-first": the day of the month each names is its place here, plus one
_ORDINAL_DAYS = ("first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth thirteenth fourteenth "
                 "fifteenth sixteenth seventeenth eighteenth nineteenth twentieth").split() + [
                     f"twenty-{w}" for w in "first second third fourth fifth sixth seventh eighth ninth".split()] + [
                     "thirtieth", "thirty-first"]
_TENTHS = {"tenth": 10, "twentieth": 20, "thirtieth": 30, "fortieth": 40, "fiftieth": 50, "sixtieth": 60,
           "seventieth": 70, "eightieth": 80, "ninetieth": 90, "hundredth": 100}
_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90}


def _ordinal(word: str) -> int:
    """The number an ordinal stands for: 8 for "8th" or "eighth", 31 for "thirty-first", 75 for
    "seventy-fifth" (days of the month and anniversaries alike)."""
    word = word.lower()
    if word[0].isdigit():
        return int(word[:-2])
    tens, _, unit = word.rpartition("-")
    return _TENS.get(tens, 0) + (_TENTHS.get(unit) or _ORDINAL_DAYS.index(unit) + 1)


# Every alternative begins a word: one test that a word starts here, before them all rather than in
# each, lets the engine pass quickly over every other place (it halves the pattern's time).
_DATE = re.compile(r"\b(?=\w)(?:" + "|".join([
    _MON + r"\s+(?:the\s+)?(?P<day>\d{1,2})(?:st|nd|rd|th)?(?:,?\s+(?P<year>(?:19|20)\d{2})\b|\s+(?P<lastyear>last year))?(?!\d)",
    r"(?P<day2>\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?" + _MON.replace("?P<mon>", "?P<mon2>") + r"(?:,?\s+(?P<year2>(?:19|20)\d{2}))?\b",
    r"(?P<iso>(?:19|20)\d{2}-\d{2}-\d{2})\b",
    # "20/06/2019", "20.06.2019", "06/20/2019" (the day first unless it cannot be), "2019/06/20"
    r"(?<![\d/.])(?P<n1>\d{1,2})(?P<sep>[/.])(?P<n2>\d{1,2})(?P=sep)(?P<ny>(?:19|20)\d{2})(?![\d/])",
    r"(?<![\d/.])(?P<ymd>(?:19|20)\d{2})/(?P<ym>\d{1,2})/(?P<yd>\d{1,2})(?![\d/])",
    # "on 6/15", "on 20/7": of the latest such day
    r"(?:[Oo]n|dated) (?P<d1>\d{1,2})/(?P<d2>\d{1,2})(?![\d/])",
    # "the twenty-fourth of May"
    r"(?:[Tt]he\s+)?(?P<wday>" + "|".join(_ORDINAL_DAYS) + r")\s+of\s+" + _MON.replace("?P<mon>", "?P<mon8>")
    + r"(?:,?\s+(?P<year8>(?:19|20)\d{2}))?\b",
    r"(?:(?:" + _c("in|of|late|early") + r")\s+|[Mm]id-)?" + _MON.replace("?P<mon>", "?P<mon3>") + r"\s+(?P<year3>(?:19|20)\d{2})\b",
    r"(?P<lastmon>" + _c("last|this past|past") + r")\s+" + _MON.replace("?P<mon>", "?P<mon4>") + r"\b",
    _MON.replace("?P<mon>", "?P<mon7>") + r"\s+(?P<which>last year|this year)\b",
    r"(?:(?P<rel>" + _c("last|this past|on|early|late") + r")\s*)?(?P<wd>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b",
    r"(?P<yday>" + _c("yesterday|today|the previous day|the day before") + r")\b",
    r"(?:" + _c("in|back in|during|since") + r")\s+(?:late\s+|early\s+|mid-)?(?P<year4>(?:19|20)\d{2})\b",
    # "Kim's 2021 message", "his 2018 New Year card": a year written before the noun
    r"(?:(?<=')s|" + _c("the|his|her|its|their|that|this|a|an") + r")\s+(?P<year6>(?:19|20)\d{2})(?=\s+(?:[\w-]+\s+){0,3}?"
    r"(?:messages?|letters?|cards?|telegrams?|cables?|greetings|condolences|congratulations)\b)",
    # "2015 -- Liu Yunshan delivers a letter ...": an entry of a chronology, at the start of its line
    r"(?<![^\n])(?P<year9>(?:19|20)\d{2})(?=\s*(?:--|\u2014|\u2013|:)\s)",
    r"(?P<lyear>" + _c("last year|a year ago|the previous year|a year earlier|a year before|the year before") + r")\b",
    r"(?P<nyd>New Year's (?:Eve|Day))\b",
    r"(?P<lmon>" + _c("last month|earlier this month|this month") + r")\b",
    # "on the 8th", "on the 8th of this month": a day of the report's month, or of the month before
    r"(?:[Oo]n|dated) the (?P<dom>\d{1,2}(?:st|nd|rd|th)|" + "|".join(_ORDINAL_DAYS) + ")"
    r"(?=\s*(?:[,.;)]|$|(?:of (?:the|this|that|last) month|on|in|at|and|to|for|when|as|after|"
    r"before|with|from|by)\b))",
    # a month alone ("in July", "with July"): the latest such month; "May" only after "in"
    r"[Ii]n\s+(?P<mon5>May)\b(?!\.?\s*\d)",
    r"(?P<mon6>January|February|March|April|June|July|August|September|October|November|December)\b(?!\.?\s*\d)",
    # "in the first days of 2022": its January; "the last weeks of 2019": its December
    r"(?:[Ii]n\s+)?the\s+(?P<edge>first|opening|early|last|closing|final)\s+(?:few\s+)?(?:days|weeks|hours)\s+of\s+"
    r"(?P<year5>(?:19|20)\d{2})\b",
]) + ")")
_JUCHE = re.compile(r"Juche\s?(\d{2,3})\.(\d{1,2})\.(\d{1,2})\.?\)?")
_DATELINE = re.compile(r"^[ \t]*(?:Pyongyang|Beijing|Moscow|Seoul|Hanoi|Vientiane|Havana|Tokyo),?\s+" + _MON +
                       r"\s+(?P<day>\d{1,2})(?:,?\s+(?P<year>(?:19|20)\d{2}))?\s*\((?:KCNA|Xinhua|TASS|Yonhap|Kyodo|AFP|Reuters|AP)\)", re.I | re.M)


@dataclass(frozen=True)
class DateMention:
    start: int
    end: int
    value: str  # ISO date, or "YYYY-MM", or "YYYY"
    since: bool = False  # "since 2019": a start, not the date of a message
    yearless: bool = False  # the year was not written but taken from the report's date


def _month_day(mon: int, day: int, year: int | None, ref: date | None) -> str | None:
    if year is None:
        if ref is None:
            return None
        year = ref.year
        try:
            # a month and day without a year: the latest such day not after the report
            if date(year, mon, day) > ref + timedelta(days=1):
                year -= 1
        except ValueError:
            return None
    try:
        return date(year, mon, day).isoformat()
    except ValueError:
        return None


def _latest_month(mon: int, ref: date, this_one: bool = True) -> str:
    """The month `mon` (YYYY-MM) last come by the report's date: of its year, or of the year before when
    it is still to come (or, unless `this_one`, when it is the report's own month: "last September")."""
    year = ref.year if mon < ref.month or this_one and mon == ref.month else ref.year - 1
    return f"{year:04d}-{mon:02d}"


_RU_MONTHS = ("января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа", "сентября", "октября",
              "ноября", "декабря")
_RU_IN_MONTHS = ("январе", "феврале", "марте", "апреле", "мае", "июне", "июле", "августе", "сентябре", "октябре",
                 "ноябре", "декабре")  # "в январе": in January
_ES_MONTHS = ("enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre", "octubre",
              "noviembre", "diciembre")
_DATE_NL = re.compile(
    r"(?:(?:(?:(?P<ky>(?:19|20)\d{2})[년年]|(?P<kly>지난해|작년|去年))\s*)?(?P<km>\d{1,2})[월月]\s*(?P<kd>\d{1,2})[일日])"
    r"|(?:(?P<ky2>(?:19|20)\d{2})[년年])"
    # a day alone ("5일", "6日"): of the report's month, or the month before when the day is still to come
    r"|(?:(?P<kcoming>오는\s*)?(?<![\d.])(?P<kd2>\d{1,2})[일日](?!\s*(?:간|동안|째|이내|만에)))"
    r"|(?:(?P<rd>\d{1,2})\s+(?P<rm>" + "|".join(_RU_MONTHS) + r")(?:\s+(?P<ry>(?:19|20)\d{2}))?)"
    r"|(?:(?P<ry2>(?:19|20)\d{2})\s+год)"
    r"|(?:\b(?P<sd>\d{1,2})\s+de\s+(?P<sm>" + "|".join(_ES_MONTHS) + r"|setiembre)(?:\s+del?\s+(?P<sy>(?:19|20)\d{2}))?\b)"
    r"|(?:\b[Вв]\s+(?P<rmon>" + "|".join(_RU_IN_MONTHS) + r")(?:\s+(?P<rmy>(?:19|20)\d{2}))?)"
    r"|(?:\b[Ee]n\s+(?P<smon>" + "|".join(_ES_MONTHS) + r")(?:\s+(?:de\s+(?P<smy>(?:19|20)\d{2})|(?P<spast>pasado)))?\b)"
    r"|(?P<lyear>지난해|작년|去年|[Вв] прошлом году)"
    # "el domingo", "el pasado sábado", "в воскресенье", "во вторник": the latest such day
    r"|(?:\b[Ee]l\s+(?:pasado\s+)?(?P<swd>lunes|martes|mi[eé]rcoles|jueves|viernes|s[aá]bado|domingo)\b)"
    r"|(?:(?<![\w-])[Вв]о?\s+(?:прошл\w+\s+)?(?P<rwd>понедельник|вторник|среду|четверг|пятницу|субботу|воскресенье)(?![\w-]))")
_ES_WEEKDAYS = ("lunes", "martes", "miercoles", "jueves", "viernes", "sabado", "domingo")
_RU_WEEKDAYS = ("понедельник", "вторник", "среду", "четверг", "пятницу", "субботу", "воскресенье")


def _find_dates_nl(text: str, ref: date | None) -> list[DateMention]:
    """Korean (2019년 10월 6일, 지난해, 5일), Chinese (2019年10月6日, 去年), Russian (6 октября 2019 года, в прошлом
    году) and Spanish (6 de octubre de 2019) dates."""
    out = []
    for m in _DATE_NL.finditer(text):
        g = m.groupdict()
        value: str | None = None
        if g["km"]:
            year = int(g["ky"]) if g["ky"] else ref.year - 1 if g["kly"] and ref else None
            value = _month_day(int(g["km"]), int(g["kd"]), year, ref)
        elif g["ky2"]:
            value = g["ky2"]
        elif g["kd2"] and ref:
            day = int(g["kd2"])
            # ("오는 15일": the 15th to come, of this month)
            first = date(ref.year, ref.month, 1)
            month = first if day <= ref.day + 1 or g["kcoming"] else first - timedelta(days=1)
            value = _month_day(month.month, day, month.year, ref)
        elif g["rm"]:
            value = _month_day(_RU_MONTHS.index(g["rm"]) + 1, int(g["rd"]), int(g["ry"]) if g["ry"] else None, ref)
        elif g["sm"]:
            month = 9 if g["sm"] == "setiembre" else _ES_MONTHS.index(g["sm"]) + 1
            value = _month_day(month, int(g["sd"]), int(g["sy"]) if g["sy"] else None, ref)
        elif g["ry2"]:
            value = g["ry2"]
        elif g["rmon"] or g["smon"]:
            # "в январе", "en enero (pasado)": the month, of the year named, else the latest not after the report
            mon = _RU_IN_MONTHS.index(g["rmon"]) + 1 if g["rmon"] else _ES_MONTHS.index(g["smon"]) + 1
            year = g["rmy"] or g["smy"]
            if year:
                value = f"{int(year):04d}-{mon:02d}"
            elif ref:
                value = _latest_month(mon, ref, this_one=not g["spast"])
        elif g["lyear"] and ref:
            value = str(ref.year - 1)
        elif (g["swd"] or g["rwd"]) and ref:
            day = _RU_WEEKDAYS.index(g["rwd"]) if g["rwd"] else _ES_WEEKDAYS.index(
                g["swd"].replace("é", "e").replace("á", "a"))
            value = (ref - timedelta(days=(ref.weekday() - day) % 7)).isoformat()
        if value:
            out.append(DateMention(m.start(), m.end(), value))
    return out


# what a bare weekday follows when it is a date: "said Saturday", "sent messages Saturday"
_BEFORE_WEEKDAY = re.compile(r"\b(?:on|reported|said|says|announced|published|from|that|sent|received|delivered|released|"
                             r"carried|replied|out|messages?|letters?|cards?|greetings|telegrams?|cables?|congratulations?|sympathy|thanks|"
                             r"condolences?|earlier|late|early)\s*$", re.I)
_SINCE_EVENT = re.compile(r"\bsince\s+(?:its|the|his|her|their)\s+[^,.;:()]*$", re.I)
_A_MESSAGE = re.compile(r"\b(?:message|letter|card|telegram|cable|greeting|note)s?\b", re.I)
_MARKED = re.compile(r"\banniversary of\b[^,.;:]*[(,]?\s*(?:on\s+|in\s+)?$|\((?:est\.|established|founded|signed)\s*$", re.I)


# "that is, the day before ...": a day told again, in other words
_RESTATED = re.compile(r"(?:\bthat is|\bi\.e\.),?\s*$", re.I)


def find_dates(text: str, ref: date | None) -> list[DateMention]:
    """Every date expression in `text`, resolved against `ref` (the publication date)."""
    latin = text.isascii() and " de " not in text and " en " not in text and "En " not in text and " el " not in text \
        and not text.startswith("El ")  # (Spanish: "de", "en", "el domingo")
    out = [] if latin else _find_dates_nl(text, ref)
    for m in _DATE.finditer(text):
        g = m.groupdict()
        value: str | None = None
        since = False
        yearless = bool(g["nyd"] or g["mon5"] or g["mon6"] or (g["mon"] and not g["year"] and not g["lastyear"])
                        or (g["mon2"] and not g["year2"]) or (g["wday"] and not g["year8"]) or g["d1"])
        if g["mon"]:
            year = int(g["year"]) if g["year"] else None
            if g["lastyear"] and ref:
                year = ref.year - 1
            value = _month_day(MONTHS[g["mon"].lower()[:3]], int(g["day"]), year, ref)
        elif g["mon2"]:
            value = _month_day(MONTHS[g["mon2"].lower()[:3]], int(g["day2"]),
                               int(g["year2"]) if g["year2"] else None, ref)
        elif g["wday"]:
            value = _month_day(MONTHS[g["mon8"].lower()[:3]], _ordinal(g["wday"]),
                               int(g["year8"]) if g["year8"] else None, ref)
        elif g["iso"]:
            try:
                value = date.fromisoformat(g["iso"]).isoformat()
            except ValueError:
                value = None
        elif g["n1"] or g["ymd"]:
            y, a, b = (int(g["ny"]), int(g["n1"]), int(g["n2"])) if g["n1"] else (int(g["ymd"]), int(g["yd"]), int(g["ym"]))
            day, mon = (b, a) if b > 12 >= a and g["sep"] == "/" else (a, b)
            try:
                value = date(y, mon, day).isoformat()
            except ValueError:
                value = None
        elif g["d1"]:
            a, b = int(g["d1"]), int(g["d2"])
            day, mon = (b, a) if b > 12 >= a else (a, b)
            value = _month_day(mon, day, None, ref) if 1 <= mon <= 12 else None
        elif g["mon3"]:
            value = f"{int(g['year3']):04d}-{MONTHS[g['mon3'].lower()[:3]]:02d}"
        elif g["mon4"] and ref:
            value = _latest_month(MONTHS[g["mon4"].lower()[:3]], ref, this_one=False)  # "last September"
        elif g["mon7"] and ref:  # "in January last year"
            year = ref.year - 1 if g["which"] == "last year" else ref.year
            value = f"{year:04d}-{MONTHS[g['mon7'].lower()[:3]]:02d}"
        elif g["wd"] and ref:
            if not g["rel"] and not _BEFORE_WEEKDAY.search(text, max(0, m.start() - 20), m.start()) \
                    and not text.startswith("'s ", m.end()):  # ("Monday's KCNA digest")
                continue
            back = (ref.weekday() - WEEKDAYS[g["wd"].lower()]) % 7
            if (g["rel"] or "").lower() in ("last", "this past") and back == 0:
                back = 7
            value = (ref - timedelta(days=back)).isoformat()
        elif g["yday"] and ref:
            word = g["yday"].lower()
            if _RESTATED.search(text, max(0, m.start() - 12), m.start()):
                continue  # "On October 20, 1994 -- that is, the day before the framework was signed --": told again
            # "said on March 5 that Kim had written the previous day": the day before the one the text named
            told = [d.value for d in out if len(d.value) == 10 and not d.since] if word.startswith("the") else []
            base = date.fromisoformat(told[-1]) if told else ref
            value = base.isoformat() if word == "today" else (base - timedelta(days=1)).isoformat()
        elif g["year4"]:
            value = g["year4"]
            since = m.group(0).lower().startswith("since")  # "since 2019": a start
        elif g["year6"] or g["year9"]:
            value = g["year6"] or g["year9"]
        elif g["lyear"] and ref:
            value = str(ref.year - 1)
        elif g["year5"]:
            value = f"{g['year5']}-{'01' if g['edge'] in ('first', 'opening', 'early') else '12'}"
        elif (g["mon5"] or g["mon6"]) and ref:
            mon = MONTHS[(g["mon5"] or g["mon6"]).lower()[:3]]
            told = [d.value for d in out if len(d.value) >= 7 and not d.yearless and not d.since]
            if told and text.endswith("previous ", 0, m.start()):
                # "When Kim Il Sung died in July 1994, Sihanouk, restored to the throne only the previous
                # September, ...": the one before the month the sentence named
                value = _latest_month(mon, date.fromisoformat(told[-1][:7] + "-01"), this_one=False)
            else:
                value = _latest_month(mon, ref)
        elif g["lmon"] and ref:
            first = ref.replace(day=1)
            value = (first - timedelta(days=1) if g["lmon"].lower() == "last month" else first).isoformat()[:7]
        elif g["dom"] and ref:
            day, month = _ordinal(g["dom"]), ref.replace(day=1)
            named = [d.value[:7] for d in out if len(d.value) >= 7 and not d.since]
            if named and not text.startswith((" of this month", " of last month"), m.end()):
                # "at the start of October, on the first": of the month the sentence named
                month = date.fromisoformat(named[-1] + "-01")
            elif day > ref.day:  # not after the report: of the month before
                month = (month - timedelta(days=1)).replace(day=1)
            try:
                value = month.replace(day=day).isoformat()
            except ValueError:
                value = None
        elif g["nyd"] and ref:
            value = _month_day(12, 31, None, ref) if g["nyd"].lower().endswith("eve") else _month_day(1, 1, None, ref)
        if value and (g["year4"] or len(value) == 10 and ref and int(value[:4]) <= ref.year - 5) \
                and _MARKED.search(text, max(0, m.start() - 100), m.start()):
            # "the 70th anniversary of the day Beijing and Pyongyang established relations in 1949", "of
            # diplomatic relations between the USSR and the DPRK (October 12, 1948)": the time of what is
            # marked, not of the message
            since = True
        elif value and (after := _SINCE_EVENT.search(text, max(0, m.start() - 60), m.start())) \
                and not _A_MESSAGE.search(after.group(0)):
            # "the only leader it has known since its founding in 1948", "since their diplomacy stalled in
            # Hanoi in February": a start (but "since the leader's letter on Dec. 30" is of a message)
            since = True
        if value:
            out.append(DateMention(m.start(), m.end(), value, since, yearless))
    out.sort(key=lambda d: d.start)
    return _month_years(_join_years(text, out)) if len(out) > 1 else out


def _month_years(out: list[DateMention]) -> list[DateMention]:
    """ "When Fidel Castro died in November 2016, Kim sent a message ... on Nov. 26": a day without a
    year, after its month named with one, is of that year; after a full date, of the year nearest it."""
    for k, d in enumerate(out):
        if d.yearless and len(d.value) == 10:
            month = next((e for e in reversed(out[:k]) if not e.yearless and not e.since and len(e.value) == 7
                          and e.value[5:7] == d.value[5:7]), None)
            if month is not None and month.value[:4] != d.value[:4] and (moved := in_year(d.value, month.value[:4])):
                out[k] = DateMention(d.start, d.end, moved, d.since, False)
                continue
            # "On July 12, 2018, he tweeted a letter from Kim dated July 6": the year that puts the day
            # nearest to a full date named before it
            day = next((e for e in reversed(out[:k]) if not e.yearless and not e.since and len(e.value) == 10), None)
            if day is not None and day.value[:4] != d.value[:4]:
                anchor = date.fromisoformat(day.value)
                near = [x for y in (anchor.year - 1, anchor.year, anchor.year + 1) if (x := in_year(d.value, str(y)))]
                best = min(near, key=lambda x: abs((date.fromisoformat(x) - anchor).days), default=None)
                if best and abs((date.fromisoformat(best) - anchor).days) <= 183:
                    out[k] = DateMention(d.start, d.end, best, d.since, False)
    return out


def in_year(day: str, year: str) -> str | None:
    """`day` (YYYY-MM-DD) in another `year` (YYYY), or None when that year has no such day (29 February)."""
    return _month_day(int(day[5:7]), int(day[8:10]), int(year), None)


_YEAR_THEN_DAY = re.compile(r",?\s*(?:(?:on|in|at)\s+)?(?:the\s+)?")
_DAY_THEN_YEAR = re.compile(r",?\s*(?:of\s+)?")


def _join_years(text: str, out: list[DateMention]) -> list[DateMention]:
    """ "Last year, on New Year's Day" and "on Jan. 1 in 2019": the year named beside a day without one
    is that day's year (the day alone would be taken as the latest such day before the report)."""
    joined: list[DateMention] = []
    i = 0
    while i < len(out):
        a = out[i]
        b = out[i + 1] if i + 1 < len(out) else None
        if b is not None and not a.since and not b.since:
            year, day = (a, b) if len(a.value) == 4 and b.yearless else (
                (b, a) if len(b.value) == 4 and a.yearless else (None, None))
            gap = _YEAR_THEN_DAY if year is a else _DAY_THEN_YEAR
            if year is not None and day is not None and gap.fullmatch(text, a.end, b.start):
                joined.append(DateMention(a.start, b.end, year.value + day.value[4:]))
                i += 2
                continue
        joined.append(a)
        i += 1
    return joined


def juche_date(text: str) -> str | None:
    """The date of a "(Juche113.1.18.)" stamp: Juche year + 1911."""
    m = _JUCHE.search(text) if "Juche" in text else None
    if not m:
        return None
    try:
        return date(int(m.group(1)) + 1911, int(m.group(2)), int(m.group(3))).isoformat()
    except ValueError:
        return None


def dateline_date(text: str, ref: date | None) -> str | None:
    """The date in a "Pyongyang, October 1 (KCNA) --" dateline."""
    head = text[:1500]
    m = _DATELINE.search(head) if "(" in head else None
    if not m:
        return None
    mon = MONTHS[m.group("mon").lower()[:3]]
    year = int(m.group("year")) if m.group("year") else None
    if year is None and ref is None:
        stamp = juche_date(text)
        year = int(stamp[:4]) if stamp else None
        if year is None:
            return None
    return _month_day(mon, int(m.group("day")), year, ref)


_WRITTEN = re.compile(r"^(?:Date|Dated|Date written|Date of (?:the )?(?:cable|memo|document)):\s*(?P<when>[^\n]{6,60})$",
                      re.M | re.I)


def written_date(text: str, ref: date | None) -> date | None:
    """The day a document that is published again says it was written ("Date: 2009 January 29, 09:12"
    among a leaked cable's header lines), when it is before `ref`, the day it was published."""
    m = _WRITTEN.search(text, 0, 1000) if "ate" in text[:1000] else None
    year = _A_YEAR.search(m.group("when")) if m else None
    if not m or not year or not ref or int(year.group(0)) > ref.year:
        return None
    end = date(int(year.group(0)), 12, 31)
    days = [d.value for d in find_dates(m.group("when"), end) if len(d.value) == 10 and d.value[:4] == year.group(0)]
    day = date.fromisoformat(days[0]) if days else None
    return day if day and day < ref else None


def interval(value: str) -> tuple[date, date]:
    """The span of days an ISO date of full or reduced precision stands for."""
    if len(value) == 4:
        return date(int(value), 1, 1), date(int(value), 12, 31)
    if len(value) == 7:
        y, mo = int(value[:4]), int(value[5:7])
        end = date(y + (mo == 12), mo % 12 + 1, 1) - timedelta(days=1)
        return date(y, mo, 1), end
    d = date.fromisoformat(value[:10])
    return d, d


def within(a: str | None, b: str | None, days: int = 7) -> bool:
    """True when two dates (any precision) can be the same message's date, `days` apart at most."""
    if a is None or b is None:
        return True
    a0, a1 = interval(a)
    b0, b1 = interval(b)
    return a0 - timedelta(days=days) <= b1 and b0 - timedelta(days=days) <= a1


def sort_key(value: str | None) -> str:
    """A date of reduced precision sorts at the end of its span ("2024-12" after "2024-12-25")."""
    if value is None:
        return "9999"
    return interval(value)[1].isoformat() if len(value) < 10 else value


_NUMBER = {"a": 1, "a few": 3, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
           "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "fourteen": 14, "fifteen": 15, "twenty": 20}
_AFTER_ANOTHER = re.compile(
    r"\b(?:(?P<same>(?:on |that |the )?(?:very )?(?:same|that) (?:day|evening|night|morning|afternoon))"
    r"|(?P<next>the (?:very )?(?:next|following) day|a day later)"
    r"|(?P<before>the (?:day before|previous day|eve)|a day (?:earlier|before))"
    r"|(?P<n>\d{1,2}|" + "|".join(sorted(_NUMBER, key=len, reverse=True)) + r") days? "
    r"(?P<dir>later|after(?:wards)?|earlier|before)"
    # ("Four months later, ... Kim sent"; not "less than a month later" nor "a month after they met")
    r"|(?<!than )(?<!nearly )(?<!almost )(?<!about )(?<!some )(?P<n2>a|one|two|three|four|five|six|seven|ten) "
    r"(?P<unit>weeks?|months?) (?P<dir2>later|earlier))\b", re.I)


_AFTER_WORDS = ("same", "that day", "next", "following", "later", "before", "previous", "eve", "earlier", "after")


def after_another(text: str, other: str | None, ref: date | None = None,
                  before: str | None = None) -> tuple[str, str | None] | None:
    """A date given against another one the report told of: "the same evening", "three days later";
    against a day the sentence names before it ("The attack of March 22 was answered by Kim the next
    day"), else the last day the sentence `before` it names ("The death of Jiang Zemin on Nov. 30 ...
    Kim's message, sent the next day"), else `other`. Returns the date, and the sentence's own day it
    was counted from."""
    low = text.lower()
    m = _AFTER_ANOTHER.search(text) if any(w in low for w in _AFTER_WORDS) else None
    if not m or _RESTATED.search(text, max(0, m.start() - 12), m.start()):
        # (not "On October 20, 1994 -- that is, the day before the framework was signed --": the same day)
        return None
    own = [d.value for d in find_dates(text[:m.start()], ref) if len(d.value) == 10 and not d.since] if ref else []
    days = [d.value for d in find_dates(before, ref) if len(d.value) == 10 and not d.since] if before and not own else []
    other = own[-1] if own else days[-1] if days else other
    if not other or len(other) != 10:
        return None
    return _counted(m, other), own[-1] if own else None


def _counted(m: re.Match[str], other: str) -> str:
    base = date.fromisoformat(other)
    if m.group("same"):
        return base.isoformat()
    if m.group("next"):
        return (base + timedelta(days=1)).isoformat()
    if m.group("before"):
        return (base - timedelta(days=1)).isoformat()
    if m.group("unit"):
        n, sign = _NUMBER[m.group("n2").lower()], 1 if m.group("dir2").lower() == "later" else -1
        if m.group("unit").lower().startswith("month"):  # "Four months later": of a month, not a day
            months = base.year * 12 + base.month - 1 + sign * n
            return f"{months // 12}-{months % 12 + 1:02d}"
        return (base + timedelta(days=sign * n * 7)).isoformat()
    n = _NUMBER.get(m.group("n").lower()) if not m.group("n").isdigit() else int(m.group("n"))
    sign = 1 if m.group("dir").lower().startswith(("later", "after")) else -1
    return (base + timedelta(days=sign * (n or 0))).isoformat()


_THAT_YEAR = re.compile(r"\b(?:in\s+)?(?:(?P<mon>January|February|March|April|May|June|July|August|September|October|"
                        r"November|December)\s+(?:(?P<day>\d{1,2})(?:st|nd|rd|th)?,?\s+)?)?(?:of\s+)?(?:that|the same) year\b"
                        r"|\b(?:that|the same|the following) (?P<mon2>January|February|March|April|May|June|July|August|"
                        r"September|October|November|December)\b", re.I)


def last_year(text: str) -> str | None:
    """The last year a sentence names ("since 2023", "The gap with 2019"), for a "that year" after it."""
    years = re.findall(r"(?<![\d-])(?:19|20)\d\d(?![\d-])", text)
    return years[-1] if years else None


_MONTH_YEAR = re.compile(r"\b(?:in\s+(?:early\s+|late\s+|mid-)?)?(?P<mon>January|February|March|April|May|June|July|August|"
                         r"September|October|November|December)\s+(?P<year>(?:19|20)\d{2})\b|\b[Ii]n\s+(?P<y>(?:19|20)\d{2})\b")


_A_YEAR = re.compile(r"\b(?:19|20)\d\d\b")


_MONTH_LAST_YEAR = re.compile(r"\b(?P<mon>January|February|March|April|May|June|July|August|September|October|November|"
                              r"December)\s+(?:of\s+)?last\s+year\b")


def month_year(text: str, ref: date | None = None) -> str | None:
    """The last "in May 2020" or "in 2021" a sentence gives: the time a history has reached (and, against
    the report's date `ref`, "in March last year")."""
    found = list(_MONTH_YEAR.finditer(text)) if _A_YEAR.search(text) else []
    if ref is not None and "last year" in text:
        found = sorted(found + list(_MONTH_LAST_YEAR.finditer(text)), key=lambda m: m.start())
    if not found:
        return None
    m = found[-1]
    if m.re is _MONTH_LAST_YEAR:
        return f"{ref.year - 1}-{MONTHS[m.group('mon').lower()[:3]]:02d}"
    return m.group("y") or f"{m.group('year')}-{MONTHS[m.group('mon').lower()[:3]]:02d}"


def that_year(text: str, other: str | None) -> str | None:
    """"In May that year", "later that year": the year of a date the report gave before."""
    m = _THAT_YEAR.search(text) if other and (" year" in text or "that " in text or "same " in text or "following " in text) else None
    if not m or not other or _A_YEAR.search(text, 0, m.start()):
        # ("In April 2021, Moon and Kim exchanged letters that led to ... on July 27 of that year": the
        # year the sentence names itself, and its own date holds)
        return None
    year = int(other[:4])
    if m.group("mon2"):
        # "that September": of the same year; "the following January" (after a date in May): of the next
        mon = MONTHS[m.group("mon2").lower()[:3]]
        later = m.group(0).lower().startswith("the following") and len(other) >= 7 and mon <= int(other[5:7])
        return f"{year + 1 if later else year}-{mon:02d}"
    if m.group("day"):  # "on June 15 that year"
        try:
            return date(year, MONTHS[m.group("mon").lower()[:3]], int(m.group("day"))).isoformat()
        except ValueError:
            return None
    return f"{year}-{MONTHS[m.group('mon').lower()[:3]]:02d}" if m.group("mon") else str(year)


_NTH_ANNIVERSARY = re.compile(r"\b(?P<n>\d{1,3}(?:st|nd|rd|th)|(?:(?:" + "|".join(_TENS) + ")-)?(?:" + "|".join(
    [*_TENTHS, *_ORDINAL_DAYS[:19]]) + r")) (?:founding |birth )?anniversary of\s+", re.I)


def anniversary(text: str, counterpart: str | None, published: date | None, events: list[dict[str, str]],
                relations: dict[str, str], near: bool = False) -> str | None:
    """The day an "Nth anniversary of ..." falls on, when the report recalls a past one: "the messages
    for the 60th anniversary of the treaty" in an article of 2025 were of 2021-07-11. None when it
    falls within two months of the report (its own date is better; with `near`, that day too) or the
    text names none we know."""
    if published is None or "anniversary of" not in text:
        return None
    for m in _NTH_ANNIVERSARY.finditer(text):
        what = text[m.end():m.end() + 80]
        bases = [e["date"] for e in events if (e.get("country") in (None, counterpart))
                 and re.match(e["of"], what, re.I)]
        if counterpart in relations and re.match(r"(?:the )?(?:establishment of )?(?:the )?(?:[\w' -]{0,30}?)"
                                                 r"(?:diplomatic )?(?:ties|relations)\b", what, re.I):
            bases.append(relations[counterpart])
        n = _ordinal(m.group("n"))
        days = []
        for base in bases:
            b = date.fromisoformat(base)
            try:
                days.append(b.replace(year=b.year + n))
            except ValueError:  # a 29 February
                days.append(date(b.year + n, 3, 1))
        days = [d for d in days if d <= published + timedelta(days=60)]  # no message is of a day to come
        if not days:
            continue
        day = min(days, key=lambda d: abs((d - published).days))
        return None if abs((day - published).days) <= 60 and not near else day.isoformat()
    return None
