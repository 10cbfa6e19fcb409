"""The analyst's view: `monitor report` from the seed replay, drawn in headless Chromium; the chart in alert
emails; `events` and `alerts` exported as CSV and JSON."""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
import subprocess
import tempfile
from datetime import date, timedelta
from pathlib import Path

import pytest
from click.testing import CliRunner

from monitor.cli import cli
from monitor.config import EmailConfig
from monitor.models import Message, Source
from monitor.notify.email import EmailChannel, chart_cid
from monitor.report import LEVELS, gather, render_page
from monitor.store import Store

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


def run(*args: str) -> str:
    result = CliRunner().invoke(cli, list(args), catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.output


@pytest.fixture(scope="module")
def seeded(tmp_path_factory) -> Path:
    """A state directory holding the replay of the seed corpus."""
    state = tmp_path_factory.mktemp("seeded")
    run("replay", str(ROOT / "seeds"), "--state", str(state))
    return state


@pytest.fixture(scope="module")
def page(seeded, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("report") / "report.html"
    output = run("report", "--state", str(seeded), "--out", str(out))
    assert output.startswith(f"{out}: ") and "counterparts" in output and "alerts" in output
    return out


def _store_rows(state: Path) -> tuple[list[dict], list[dict]]:
    with Store(state) as store:
        return store.all_events(), store.alerts()


# --- the page ---------------------------------------------------------------------------------------------


def test_page_is_self_contained_with_one_copy_of_plotly(page):
    text = page.read_text(encoding="utf-8")
    assert len(re.findall(r"\* plotly\.js v\d", text)) == 1  # one copy of the library, however many charts
    assert text.count('class="chart"') >= 2
    assert not re.search(r"<script[^>]+src=|<link[^>]+href=|@import|url\(http", text)  # nothing to fetch
    assert page.stat().st_size < 6_000_000


def test_page_has_a_section_per_counterpart_china_first(page, seeded):
    events, alerts = _store_rows(seeded)
    text = page.read_text(encoding="utf-8")
    sections = re.findall(r'<section class="country" id="country-(\w+)"', text)
    assert set(sections) == {e["counterpart"] for e in events}
    assert sections[0] == "CN"  # the counterpart with the most severe alert comes first
    for a in alerts:
        assert a["id"] in text
    for fieldset in ("Countries", "Direction", "Dates"):
        assert f"<legend>{fieldset}</legend>" in text


def test_treatment_of_china_2024_and_2026(seeded):
    with Store(seeded) as store:
        tl = gather(store, ["China"])
        everyone = gather(store)
    assert list(tl.marks) == ["CN"]
    sent = {m.when.year: m for m in tl.marks["CN"] if m.direction == "from_kp"}
    # 2024: named, text quoted, a report of its own; 2026: New Year card by title only, withheld, first in a list
    assert sent[2024].levels == {"named": "warm", "content": "middle", "placement": "warm"}
    assert sent[2026].levels == {"named": "cold", "content": "cold", "placement": "middle"}
    assert sent[2026].words["named"] == "title only"
    assert sent[2026].words["content"] == "text withheld"
    assert re.fullmatch(r"first of \d+ in a list \(with [A-Z, .]+\)", sent[2026].words["placement"])
    later = [m for ms in everyone.marks.values() for m in ms if m.words["placement"].startswith(("2nd", "3rd", "4th"))]
    assert all(m.levels["placement"] == "cold" for m in later)


def test_filters_by_country_and_dates(seeded, tmp_path):
    out = tmp_path / "cn.html"
    output = run("report", "--state", str(seeded), "--out", str(out), "--country", "CN", "--since", "2024-01-01")
    assert output.startswith(f"{out}: 1 counterpart, ")
    text = out.read_text(encoding="utf-8")
    assert re.findall(r'<section class="country" id="country-(\w+)"', text) == ["CN"]
    assert "2019 (year only)" not in text and "2024-10-06" in text


@pytest.mark.parametrize("args, message", [
    (["--country", "Atlantis"], ("Error: --country 'Atlantis': give a two-letter country code such as CN, "
                                 "or a name such as China\n")),
    (["--since", "2026-01-02", "--until", "2026-01-01"], "Error: --since 2026-01-02 is after --until 2026-01-01\n"),
])
def test_report_errors(seeded, tmp_path, args, message):
    result = CliRunner().invoke(cli, ["report", "--state", str(seeded), "--out", str(tmp_path / "r.html"), *args])
    assert (result.exit_code, result.output) == (1, message)


def test_report_names_the_counterparts_seen_when_a_country_has_none(seeded, tmp_path):
    result = CliRunner().invoke(cli, ["report", "--state", str(seeded), "--out", str(tmp_path / "r.html"),
                                      "--country", "JP"])
    assert result.exit_code == 1
    assert re.fullmatch(r"Error: no messages with JP in .*monitor\.db; counterparts seen: (\w\w, )+\w\w\n",
                        result.output)


def test_article_text_cannot_break_out_of_the_page(tmp_path):
    evil = 'He wrote </script><script>alert(1)</script> & <img src=x onerror=alert(2)> to Xi.'
    msg = Message(sender="Kim Jong Un", sender_country="KP", recipient="Xi Jinping", recipient_country="CN",
                  kind="letter", reply=False, occasion="other", date="2025-03-01", recipient_named=True,
                  sender_named=True, content_published="full", grouped_with=(), evidence=evil,
                  source=Source(url="javascript:alert(3)", outlet="<b>KCNA</b>", published="2025-03-02"))
    with Store(tmp_path / "state") as store:
        article, _ = store.add_article(msg.source, "t", evil)
        store.add_event("ev1", msg, article)
        text = render_page(gather(store))
    assert "<script>alert(1)" not in text and "<img src=x" not in text and "<b>KCNA" not in text
    assert 'href="javascript:' not in text
    assert "&lt;img src=x onerror=alert(2)&gt;" in text  # the table cell, escaped


# --- headless Chromium: the page as a browser draws it ----------------------------------------------------


def chromium(url: str, *extra: str) -> str:
    """The DOM after the page's scripts ran."""
    if CHROMIUM is None:
        pytest.skip("no chromium on this machine, so the report was not drawn in a browser "
                    "(Debian package `chromium`; .ci/run installs it where apt-get works)")
    with tempfile.TemporaryDirectory(prefix="monitor-chromium-") as profile:
        proc = subprocess.run(
            [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
             "--disable-background-networking", "--disable-component-update", "--disable-sync",
             f"--user-data-dir={profile}", "--window-size=1400,2200", *extra, "--dump-dom", url],
            capture_output=True, text=True, timeout=120, check=False)
    assert proc.returncode == 0, proc.stderr[-2000:]
    return proc.stdout


def _translate_x(transform: str) -> float:
    return float(re.match(r"translate\(([-\d.e]+)[ ,]", transform).group(1))  # type: ignore[union-attr]


def _chart_points(dom: str, code: str) -> dict[str, list[tuple[date, str]]]:
    """Per trace uid of one chart: each drawn point as (the date under it on the x axis, its fill colour).

    The date is read off the SVG: a point's x (inside the plot area) plus the plot area's left edge, placed
    between the year ticks that plotly drew on the axis."""
    import lxml.html

    chart = lxml.html.fromstring(dom).get_element_by_id(f"chart-{code}")
    left = float(chart.xpath('.//rect[contains(@class, "nsewdrag")]/@x')[0])
    ticks = [(int(t.text), _translate_x(t.get("transform")))
             for t in chart.xpath('.//g[contains(@class, "xtick")]/text') if t.text and re.fullmatch(r"\d{4}", t.text)]
    assert len(ticks) >= 2, "expected yearly ticks on the date axis"
    (y0, px0), (y1, px1) = ticks[0], ticks[-1]
    days_per_px = (date(y1, 1, 1) - date(y0, 1, 1)).days / (px1 - px0)
    out: dict[str, list[tuple[date, str]]] = {}
    for g in chart.xpath('.//g[contains(concat(" ", @class, " "), " trace ")]'):
        uid = re.search(r"\btrace(\S+)$", g.get("class")).group(1)  # type: ignore[union-attr]
        for p in g.xpath('.//path[contains(concat(" ", @class, " "), " point ")]'):
            x = left + _translate_x(p.get("transform"))
            fill = re.search(r"fill:\s*(rgb\([^)]*\))", p.get("style") or "")
            out.setdefault(uid, []).append((date(y0, 1, 1) + timedelta(days=(x - px0) * days_per_px),
                                            fill.group(1) if fill else ""))
    return out


def _rgb(hex_color: str) -> str:
    r, g, b = (int(hex_color[i:i + 2], 16) for i in (1, 3, 5))
    return f"rgb({r}, {g}, {b})"


def test_chromium_draws_the_china_timeline_with_2024_2026_and_the_alert(page, seeded):
    dom = chromium(page.as_uri())
    events, alerts = _store_rows(seeded)
    n_countries = len({e["counterpart"] for e in events})
    assert f'data-rendered="{n_countries}"' in dom  # every chart was drawn
    points = _chart_points(dom, "CN")

    def near(d: date, iso: str) -> bool:
        return abs((d - date.fromisoformat(iso)).days) <= 20

    sent_named = points["CN-from_kp-named"]
    warm, cold = _rgb(LEVELS["warm"][0]), _rgb(LEVELS["cold"][0])
    # 2024: the 75th-anniversary message, named; 2026: the New Year card, title only
    assert any(near(d, "2024-10-06") and fill == warm for d, fill in sent_named), sent_named
    assert any(near(d, "2026-01-18") and fill == cold for d, fill in sent_named), sent_named
    assert any(d.year == 2024 for d, _ in points["CN-to_kp-named"])
    assert any(d.year == 2026 for d, _ in points["CN-to_kp-named"])
    for scale in ("named", "content", "placement"):  # each message has a mark on every scale's row
        assert len(points[f"CN-from_kp-{scale}"]) == len(sent_named)
    # the alerts: one mark per alert on China, the high ones on the New Year card in January 2026
    cn_alerts = [a for a in alerts if a["counterpart"] == "CN" or "CN" in (a["counterpart"] or [])]
    drawn = points["CN-alerts"]
    assert len(drawn) == len(cn_alerts)
    high = _rgb("#A50F15")
    assert any(near(d, "2026-01-18") and fill == high for d, fill in drawn), drawn
    assert "New Year card reduced to a title" in dom


def test_chromium_opens_an_alert_from_the_address(page, seeded):
    _, alerts = _store_rows(seeded)
    alert = next(a for a in alerts if a["severity"] == "high" and a["counterpart"] == "CN")
    dom = chromium(page.as_uri() + "#" + alert["id"])
    shown = re.search(r'<div class="detail"[^>]*data-shown="([0-9a-f]+)"[^>]*>(.*?)</div>\s*(?:<ul|<details)',
                      dom, re.DOTALL)
    assert shown and shown.group(1) == alert["id"]
    assert alert["evidence"][:60].replace("'", "&#39;") in shown.group(2).replace("'", "&#39;")


# --- the chart in alert emails ----------------------------------------------------------------------------


def _email_cfg(port: int) -> EmailConfig:
    return EmailConfig(host="127.0.0.1", port=port, starttls=False, sender="monitor@desk.example",
                       to=("analyst@desk.example",), timeout_seconds=5.0)


def test_alert_email_shows_the_counterparts_timeline_inline(seeded, smtp_server):
    with Store(seeded) as store:
        alert = next(a for a in store.alerts() if a["severity"] == "high" and a["counterpart"] == "CN")
        channel = EmailChannel(_email_cfg(smtp_server.port), store=store)
        try:
            channel.send(alert)
        finally:
            channel.close()
    [msg] = smtp_server.messages
    html_body = msg.get_body(("html",))
    [image] = [p for p in msg.walk() if p.get_content_type() == "image/png"]
    assert image["Content-ID"] == chart_cid(alert["id"], "monitor@desk.example")
    assert f'<img src="cid:{image["Content-ID"][1:-1]}"' in html_body.get_content()
    assert image.get_content().startswith(b"\x89PNG\r\n\x1a\n") and len(image.get_content()) < 200_000
    assert image.get_content_disposition() == "inline"


def test_alert_email_without_a_chart_still_goes(seeded, smtp_server, monkeypatch, caplog):
    import monitor.report

    def broken(store, alert):
        raise RuntimeError("no fonts")

    monkeypatch.setattr(monitor.report, "alert_chart", broken)
    with Store(seeded) as store:
        alert = store.alerts()[0]
        channel = EmailChannel(_email_cfg(smtp_server.port), store=store)
        try:
            channel.send(alert)
        finally:
            channel.close()
    [msg] = smtp_server.messages
    assert [p.get_content_type() for p in msg.walk()] == ["multipart/alternative", "text/plain", "text/html"]
    assert f"no timeline chart for alert {alert['id']}: RuntimeError: no fonts" in caplog.text


# --- exports ----------------------------------------------------------------------------------------------


def test_events_export_json_and_csv(seeded):
    events, _ = _store_rows(seeded)
    rows = [json.loads(line) for line in run("events", "--state", str(seeded), "--format", "json").splitlines()]
    assert [r["id"] for r in rows] == [e["id"] for e in events]
    assert all(isinstance(r["grouped_with"], (list, type(None))) and "evidence" in r for r in rows)
    table = list(csv.DictReader(io.StringIO(run("events", "--state", str(seeded), "--format", "csv"))))
    assert [r["id"] for r in table] == [e["id"] for e in events]
    assert {"counterpart", "direction", "recipient_named", "content_published", "evidence"} <= set(table[0])
    listed = [r for r in table if r["grouped_with"] not in ("", "[]")]
    assert listed and all(isinstance(json.loads(r["grouped_with"]), list) for r in listed)


def test_alerts_export_json_and_csv(seeded):
    _, alerts = _store_rows(seeded)
    rows = [json.loads(line) for line in run("alerts", "--state", str(seeded), "--format", "json").splitlines()]
    assert [r["id"] for r in rows] == [a["id"] for a in alerts]
    assert all(isinstance(r["deliveries"], list) for r in rows)
    table = list(csv.DictReader(io.StringIO(run("alerts", "--state", str(seeded), "--format", "csv"))))
    assert [r["id"] for r in table] == [a["id"] for a in alerts]
    assert {"severity", "rule", "subject", "evidence", "precedent", "deliveries"} <= set(table[0])
    with_precedent = [r for r in table if r["precedent"]]
    assert with_precedent and all("evidence" in json.loads(r["precedent"]) for r in with_precedent)


def test_datasette_metadata_describes_every_column():
    meta = json.loads((ROOT / "monitor" / "data" / "datasette-metadata.json").read_text(encoding="utf-8"))
    tables = meta["databases"]["monitor"]["tables"]
    with tempfile.TemporaryDirectory() as d, Store(d) as store:
        for name in store.db.table_names():
            assert tables.get(name, {}).get("description"), f"{name}: no description"
            if name in ("meta", "migrations"):
                continue
            columns = set(store.db[name].columns_dict)
            assert set(tables[name]["columns"]) == columns, name
