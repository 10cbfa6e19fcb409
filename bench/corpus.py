"""Articles made from templates, for the benchmarks: a headline, one or two sentences that report
a message (in the shapes of KCNA, Yonhap and wire copy), filler paragraphs on other news, and a
sidebar of related headlines, about 5 KB each. Written for the benchmarks, in our own words."""

from __future__ import annotations

import random
from datetime import date, timedelta

LEADERS = [
    ("Russian President Vladimir Putin", "Russia"), ("Chinese President Xi Jinping", "China"),
    ("Vietnamese President Luong Cuong", "Vietnam"), ("Lao President Thongloun Sisoulith", "Laos"),
    ("Cuban President Miguel Diaz-Canel", "Cuba"), ("Belarusian President Alexander Lukashenko", "Belarus"),
    ("the president of the Republic of Nicaragua", "Nicaragua"), ("the president of Mongolia", "Mongolia"),
]
OCCASIONS = ["on his birthday", "on the national day of his country", "on the anniversary of diplomatic ties",
             "on his re-election", "on the New Year", "over the deadly floods in the country"]
MESSAGE = [
    "North Korean leader Kim Jong-un sent a congratulatory message to {leader} {occasion}, state media reported on {day}.",
    "Pyongyang, {month} {dom} (KCNA) -- Kim Jong Un sent greetings to {leader} {occasion}.",
    "{leader} sent a message to Kim Jong Un {occasion}, according to the Korean Central News Agency.",
    "Kim Jong Un and {leader} exchanged messages {occasion}, the official media said.",
]
FILLER = [
    "The country's economic planners announced new targets for grain output and light industry this year.",
    "Officials inspected construction sites in the capital, where thousands of new flats are due to be finished.",
    "A delegation of agricultural experts visited farms in the western provinces to study irrigation methods.",
    "Analysts in Seoul said the move was consistent with a broader effort to diversify trade partners.",
    "The defence ministry in Seoul reported that it was monitoring military activity near the border closely.",
    "Prices of rice and corn in markets rose slightly after heavy rains damaged crops in several regions.",
    "A cultural troupe performed at the grand theatre, drawing an audience of workers and students.",
    "The foreign ministry spokesperson criticised joint military drills planned for next month by Washington and Seoul.",
    "Researchers noted that satellite imagery showed increased activity at a shipyard on the east coast.",
    "State television aired a documentary about the reconstruction of a railway line in the northern mountains.",
]
SIDEBAR = ["Kim inspects munitions factory", "Seoul shares close higher", "Typhoon heads for Okinawa",
           "Minister meets business leaders", "New ferry route opens"]


def article(rng: random.Random, i: int) -> tuple[str, str]:
    published = date(2024, 1, 1) + timedelta(days=rng.randrange(700))
    day = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"][rng.randrange(7)]
    leader, country = rng.choice(LEADERS)
    paragraphs = []
    for _ in range(rng.choice([1, 1, 2])):
        paragraphs.append(rng.choice(MESSAGE).format(leader=leader, occasion=rng.choice(OCCASIONS), day=day,
                                                     month=published.strftime("%B"), dom=published.day))
    body = [f"<p>{p}</p>" for p in paragraphs]
    while sum(len(b) for b in body) < 4300:
        body.insert(rng.randrange(1, len(body) + 1), "<p>" + " ".join(rng.sample(FILLER, 3)) + "</p>")
    sidebar = "".join(f"<li><a href='/n/{i}/{k}'>{h}</a></li>" for k, h in enumerate(rng.sample(SIDEBAR, 4)))
    html = (f"<html><head><title>Kim and {country}</title></head><body><nav><a href='/'>Home</a> <a href='/nk'>North Korea</a></nav>"
            f"<article><h1>Kim Jong Un and {country}</h1>{''.join(body)}</article>"
            f"<aside><h3>Related stories</h3><ul>{sidebar}</ul></aside><footer>(c) Example News</footer></body></html>")
    return html, published.isoformat()


