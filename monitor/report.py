"""The analyst's view: per counterpart, a timeline of how its messages were treated, with the alerts on it.

Two renderings of one data set:

- `write_report()`: one self-contained HTML page drawn with plotly (plotly.js inlined once, no network
  needed to open it), with hover and click for the evidence and links, and filters by country,
  direction and date range;
- `chart_png()` / `alert_chart()`: the same timeline as a PNG drawn with matplotlib, for alert emails.

A message is drawn as three marks in its direction's rows, one per scale analysts read (DOMAIN.md):
naming (named > title only), text (full > partial > withheld) and placement (a report of its own >
one of a list). Each mark is coloured by where the message sits on that scale.
"""

from __future__ import annotations

import html
import io
import json
import textwrap
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

from monitor.compare import COUNTRY_NAMES, OCCASION_WORDS, Treatment, country_name
from monitor.dates import interval
from monitor.errors import MonitorError
from monitor.models import StoredEvent
from monitor.store import Store

DIRECTIONS = ("from_kp", "to_kp")
SCALES = ("named", "content", "placement")
SCALE_LABELS = {"named": "naming", "content": "text", "placement": "placement"}

# Okabe-Ito colours (readable with the common colour-vision deficiencies), and a shape for each step
# so that the scale can be read without colour too.
LEVELS = {
    "warm": ("#009E73", "circle", "o"),
    "middle": ("#E69F00", "diamond", "D"),
    "cold": ("#D55E00", "square", "s"),
    "unknown": ("#B5B5B5", "circle-open", "o"),
}
SEVERITY_COLORS = {"high": "#A50F15", "medium": "#E6550D", "low": "#FDAE6B", "info": "#8C8C8C"}
SEVERITY_ORDER = ("info", "low", "medium", "high")
CONTENT_TEXT = {"full": "full text printed", "partial": "quoted or summarised", "none": "text withheld"}


# --- the data -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Mark:
    """One message on a timeline."""

    event_id: str
    counterpart: str
    direction: str  # from_kp | to_kp
    when: date  # where it is drawn: the middle of the date's span
    date_text: str  # "2024-10-06", "2024-12 (month only)", "2019 (year only)", "not stated; reported 2026-01-18"
    span: tuple[date, date] | None  # the span of a date of reduced precision
    what: str  # "New Year card"
    sender: str
    recipient: str
    levels: dict[str, str]  # scale -> warm | middle | cold | unknown
    words: dict[str, str]  # scale -> "named", "text withheld", "one of 9 (with AZ, BY, ...)"
    evidence: str
    sources: tuple[dict[str, Any], ...]
    link: str | None

    @property
    def title(self) -> str:
        arrow = f"{self.sender} → {self.recipient}"
        return f"{self.what[0].upper() + self.what[1:] if self.what else 'Message'}: {arrow}"


@dataclass(frozen=True)
class AlertMark:
    """One alert on a timeline (a contrast alert is on each of its counterparts' timelines)."""

    id: str
    when: date
    severity: str
    rule: str
    counterparts: tuple[str, ...]
    subject: str
    summary: str
    evidence: str
    link: str | None
    precedent: dict[str, Any] | None
    event_id: str | None


@dataclass
class Timeline:
    """Every counterpart's marks and alerts, after the filters."""

    marks: dict[str, list[Mark]] = field(default_factory=dict)
    alerts: dict[str, list[AlertMark]] = field(default_factory=dict)
    start: date | None = None
    end: date | None = None
    undated: int = 0  # events with neither a date nor a publication date: not drawn

    @property
    def countries(self) -> list[str]:
        """Counterparts with most to look at first: alert weight, then number of messages, then code."""
        def key(code: str) -> tuple[int, int, str]:
            alerts = self.alerts.get(code, [])
            weight = max((SEVERITY_ORDER.index(a.severity) for a in alerts if a.severity in SEVERITY_ORDER),
                         default=-1)
            return (-weight, -len(self.marks.get(code, [])), code)
        return sorted(set(self.marks) | set(self.alerts), key=key)

    def n_marks(self) -> int:
        return sum(len(v) for v in self.marks.values())

    def n_alerts(self) -> int:
        return len({a.id for v in self.alerts.values() for a in v})

    def x_range(self) -> tuple[date, date]:
        """The date axis shared by every chart, so that two counterparts can be read side by side."""
        days = [d for v in self.marks.values() for m in v for d in ((m.when,) + (m.span or ()))]
        days += [a.when for v in self.alerts.values() for a in v]
        lo = self.start or (min(days) if days else date.today() - timedelta(days=365))
        hi = self.end or (max(days) if days else date.today())
        pad = max(timedelta(days=20), (hi - lo) * 0.03)
        return (lo - pad if self.start is None else lo, hi + pad if self.end is None else hi)


def country_code(value: str) -> str:
    """'CN', 'cn' or 'China' -> 'CN'."""
    v = value.strip()
    if len(v) == 2 and v.isalpha():
        return v.upper()
    for code, name in COUNTRY_NAMES.items():
        if name.lower().removeprefix("the ") == v.lower().removeprefix("the "):
            return code
    raise MonitorError(f"--country {value!r}: give a two-letter country code such as CN, or a name such as China")


def _ordinal(n: int) -> str:
    if n == 1:
        return "first"
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def _placement_words(grouped: tuple[str, ...] | None, position: int | None) -> str | None:
    if grouped is None:
        return None
    if not grouped:
        return "a report of its own"
    others = ", ".join(grouped[:8]) + (", ..." if len(grouped) > 8 else "")
    place = _ordinal(position) if position else "one"
    return f"{place} of {len(grouped) + 1} in a list (with {others})"


def _mark(row: dict[str, Any], sources: list[dict[str, Any]]) -> Mark | None:
    e = StoredEvent.from_row(row)
    span = None
    if e.date:
        start, end = interval(e.date)
        when = start + (end - start) / 2
        if start != end:
            span = (start, end)
            date_text = f"{e.date} ({'year' if len(e.date) == 4 else 'month'} only)"
        else:
            date_text = e.date
    elif e.source.get("published"):
        when = date.fromisoformat(str(e.source["published"])[:10])
        date_text = f"not stated; reported {when.isoformat()}"
    else:
        return None
    t = Treatment.of(e)
    levels = {
        "named": "unknown" if t.named is None else ("warm" if t.named else "cold"),
        "content": {None: "unknown", 0: "cold", 1: "middle", 2: "warm"}[t.content],
        # a report of its own > first in a list > later in a list (Treatment: 2 > 1 > 0)
        "placement": ("unknown" if e.grouped_with is None or t.placement is None else "warm" if not e.grouped_with
                      else "cold" if t.placement == 0 else "middle"),
    }
    words = {
        "named": "not told" if t.named is None else ("named" if t.named else "title only"),
        "content": CONTENT_TEXT.get(e.content_published or "", "not told"),
        "placement": _placement_words(e.grouped_with, e.list_position) or "not told",
    }
    srcs = tuple({k: s.get(k) for k in ("outlet", "published", "url", "path", "evidence")} for s in sources) or (
        {k: e.source.get(k) for k in ("outlet", "published", "url", "path")} | {"evidence": e.evidence},)
    link = (next((s["url"] for s in srcs if s.get("url")), None)
            or next((s["path"] for s in srcs if s.get("path")), None))
    what = f"{OCCASION_WORDS.get(e.occasion, '')} {'reply ' if e.reply else ''}{e.kind or 'message'}".strip()
    return Mark(event_id=e.id, counterpart=e.counterpart, direction=e.direction, when=when, date_text=date_text,
                span=span, what=what, sender=e.sender or "?", recipient=e.recipient or "?", levels=levels,
                words=words, evidence=e.evidence or "", sources=srcs, link=link)


def _alert_mark(row: dict[str, Any]) -> AlertMark:
    cp = row.get("counterpart")
    counterparts = tuple(cp) if isinstance(cp, list) else ((cp,) if cp else ())
    if row.get("date"):
        when = interval(str(row["date"]))[0]
    else:
        when = datetime.fromtimestamp(float(row.get("created_at") or time.time()), UTC).date()
    return AlertMark(id=row["id"], when=when, severity=row.get("severity") or "info", rule=row.get("rule") or "",
                     counterparts=counterparts, subject=row.get("subject") or "", summary=row.get("summary") or "",
                     evidence=row.get("evidence") or "", link=row.get("link"), precedent=row.get("precedent"),
                     event_id=row.get("event_id"))


def gather(store: Store, countries: Iterable[str] = (), since: date | None = None,
           until: date | None = None) -> Timeline:
    """Read the events and alerts to draw: only `countries` (codes) when given, only within since..until."""
    wanted = {country_code(c) for c in countries}
    tl = Timeline(start=since, end=until)

    def keep(code: str, when: date) -> bool:
        return ((not wanted or code in wanted) and (since is None or when >= since)
                and (until is None or when <= until))

    for row in store.all_events():
        m = _mark(row, store.event_sources(row["id"]))
        if m is None:
            tl.undated += 1
        elif keep(m.counterpart, m.when):
            tl.marks.setdefault(m.counterpart, []).append(m)
    for row in store.alerts():
        a = _alert_mark(row)
        for code in a.counterparts:
            if keep(code, a.when):
                tl.alerts.setdefault(code, []).append(a)
    for marks in tl.marks.values():
        marks.sort(key=lambda m: (m.when, m.direction, m.event_id))
    return tl


# --- rows of a chart ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Rows:
    """Where each row of a chart sits (y grows upwards; the alerts row on top), and each direction's band."""

    y: dict[tuple[str, str], float]  # (direction, scale) or ("alert", "") -> y
    bands: dict[str, tuple[float, float]]  # direction -> (bottom, top) of its shaded band; its label at the top
    bottom: float
    top: float

    @classmethod
    def of(cls, directions: Iterable[str], with_alerts: bool) -> Rows:
        y: dict[tuple[str, str], float] = {}
        bands = {}
        pos = 0.0  # distance down from the top row
        if with_alerts:
            y[("alert", "")] = 0.0
            pos = 1.0
        for d in directions:
            band_top = -(pos - 0.45)
            pos += 0.6  # room for the direction's label above its rows
            for s in SCALES:
                y[(d, s)] = -pos
                pos += 1.0
            bands[d] = (-(pos - 0.5), band_top)
        return cls(y=y, bands=bands, bottom=-(pos - 1.0) - 0.6, top=0.6 if with_alerts else 0.45)

    @property
    def height(self) -> float:
        return self.top - self.bottom

    def labels(self) -> tuple[list[float], list[str]]:
        keys = list(self.y)
        return [self.y[k] for k in keys], ["alerts" if k[0] == "alert" else SCALE_LABELS[k[1]] for k in keys]


def _direction_label(direction: str, code: str) -> str:
    name = country_name(code)
    if direction == "from_kp":
        return f"Pyongyang → {name} (from Pyongyang)"
    return f"{name} → Pyongyang (to Pyongyang)"


def _stack(keys: list[tuple[Any, ...]], step: float = 0.22) -> list[float]:
    """Small vertical offsets so that marks on the same row and day do not hide each other."""
    seen: dict[tuple[Any, ...], int] = {}
    out = []
    for k in keys:
        n = seen.get(k, 0)
        seen[k] = n + 1
        out.append(((n + 1) // 2) * step * (1 if n % 2 else -1))
    return out


def _wrap(text: str, width: int = 90) -> list[str]:
    return textwrap.wrap(" ".join(text.split()), width) or [""]


def _hover_event(m: Mark) -> str:
    e = html.escape
    lines = [f"<b>{e(m.date_text)} · {e(m.title)}</b>",
             f"naming: {e(m.words['named'])} · text: {e(m.words['content'])}",
             f"placement: {e(m.words['placement'])}"]
    lines += [f"<i>{e(x)}</i>" for x in _wrap(m.evidence)[:4]]
    src = m.sources[0] if m.sources else {}
    where = ", ".join(str(src[k]) for k in ("outlet", "published") if src.get(k))
    more = f" and {len(m.sources) - 1} more" if len(m.sources) > 1 else ""
    lines.append(f"{e(where)}{e(more)} · click for the sources")
    return "<br>".join(lines)


def _hover_alert(a: AlertMark) -> str:
    e = html.escape
    lines = [f"<b>{e(a.severity.upper())} {e(a.rule)} · {e(a.when.isoformat())}</b>"]
    lines += [e(x) for x in _wrap(a.subject)[:2]]
    lines += [f"<i>{e(x)}</i>" for x in _wrap(a.summary)[:4]]
    lines.append("click for the evidence")
    return "<br>".join(lines)


# --- plotly: the page ---------------------------------------------------------------------------------


def country_figure(code: str, marks: list[Mark], alerts: list[AlertMark], directions: Iterable[str],
                   x_range: tuple[date, date]) -> Any:
    """The plotly figure of one counterpart's timeline, for the given directions."""
    import plotly.graph_objects as go

    directions = [d for d in directions if any(m.direction == d for m in marks)]
    rows = Rows.of(directions, bool(alerts))
    y_of = rows.y
    fig = go.Figure()
    for d in directions:
        ms = [m for m in marks if m.direction == d]
        for scale in SCALES:
            y0 = y_of[(d, scale)]
            offsets = _stack([(m.when,) for m in ms])
            for m, off in zip(ms, offsets):  # a date of reduced precision: a thin bar over its span
                if m.span:
                    fig.add_trace(go.Scatter(
                        x=[m.span[0].isoformat(), m.span[1].isoformat()], y=[y0 + off, y0 + off], mode="lines",
                        line={"color": LEVELS[m.levels[scale]][0], "width": 3}, opacity=0.45, hoverinfo="skip",
                        showlegend=False, meta={"direction": d}))
            fig.add_trace(go.Scatter(
                x=[m.when.isoformat() for m in ms], y=[y0 + off for off in offsets], mode="markers",
                uid=f"{code}-{d}-{scale}", name=f"{d} {SCALE_LABELS[scale]}",
                marker={"size": 15, "color": [LEVELS[m.levels[scale]][0] for m in ms],
                        "symbol": [LEVELS[m.levels[scale]][1] for m in ms],
                        "opacity": [0.6 if m.span else 1.0 for m in ms],
                        "line": {"width": [2 if m.levels[scale] == "unknown" else 1 for m in ms],
                                 "color": [LEVELS["unknown"][0] if m.levels[scale] == "unknown" else "#333333"
                                           for m in ms]}},
                hovertext=[_hover_event(m) for m in ms], hoverinfo="text", customdata=[m.event_id for m in ms],
                showlegend=False, meta={"direction": d, "uid": f"{code}-{d}-{scale}"}))
    if alerts:
        ya = y_of[("alert", "")]
        offsets = _stack([(a.when,) for a in alerts], step=0.25)
        fig.add_trace(go.Scatter(
            x=[a.when.isoformat() for a in alerts], y=[ya + off for off in offsets], mode="markers",
            uid=f"{code}-alerts", name="alerts",
            marker={"size": 16, "symbol": "triangle-down", "color": [SEVERITY_COLORS.get(a.severity, "#8C8C8C")
                                                                     for a in alerts],
                    "line": {"width": 1, "color": "#333333"}},
            hovertext=[_hover_alert(a) for a in alerts], hoverinfo="text", customdata=[a.id for a in alerts],
            showlegend=False, meta={"direction": "alert", "uid": f"{code}-alerts"}))
    shapes: list[dict[str, Any]] = []
    annotations: list[dict[str, Any]] = []
    for i, d in enumerate(directions):  # a light band behind each direction's three rows, with its label
        bottom, top = rows.bands[d]
        shapes.append({"type": "rect", "xref": "paper", "yref": "y", "x0": 0, "x1": 1, "y0": bottom,
                       "y1": top, "fillcolor": "#F3F6FA" if i % 2 == 0 else "#FAF7F2", "line": {"width": 0},
                       "layer": "below"})
        annotations.append({"xref": "paper", "yref": "y", "x": 0.005, "y": top - 0.04, "xanchor": "left",
                            "yanchor": "top", "showarrow": False, "text": html.escape(_direction_label(d, code)),
                            "font": {"size": 11, "color": "#555555"}})
    for a in alerts:  # medium and high alerts: a dotted line down through the messages
        if a.severity in ("medium", "high"):
            shapes.append({"type": "line", "xref": "x", "yref": "paper", "x0": a.when.isoformat(),
                           "x1": a.when.isoformat(), "y0": 0, "y1": 1, "layer": "below",
                           "line": {"color": SEVERITY_COLORS[a.severity], "width": 1, "dash": "dot"}})
    tickvals, ticktext = rows.labels()
    fig.update_layout(
        height=round(62 + 30 * rows.height), margin={"l": 80, "r": 20, "t": 26, "b": 30},
        plot_bgcolor="white", paper_bgcolor="white", hovermode="closest", dragmode="zoom",
        hoverlabel={"bgcolor": "white", "font": {"size": 12}, "align": "left"},
        font={"family": "system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif", "size": 12},
        xaxis={"type": "date", "range": [x_range[0].isoformat(), x_range[1].isoformat()], "showgrid": True,
               "gridcolor": "#E5E5E5", "zeroline": False, "ticks": "outside"},
        yaxis={"tickmode": "array", "tickvals": tickvals, "ticktext": ticktext,
               "range": [rows.bottom, rows.top], "fixedrange": True, "showgrid": False, "zeroline": False},
        shapes=shapes, annotations=annotations, showlegend=False,
    )
    return fig


def _details(tl: Timeline) -> dict[str, Any]:
    """What a click shows: per event id and alert id, its full evidence and every source."""
    out: dict[str, Any] = {}
    for marks in tl.marks.values():
        for m in marks:
            out[m.event_id] = {"type": "event", "country": m.counterpart, "title": m.title, "date": m.date_text,
                               "treatment": [f"{SCALE_LABELS[s]}: {m.words[s]}" for s in SCALES],
                               "evidence": m.evidence, "sources": list(m.sources)}
    for code, alerts in tl.alerts.items():
        for a in alerts:
            if a.id in out and code != (a.counterparts or (code,))[0]:
                continue  # a contrast alert opens on its first counterpart's chart
            out[a.id] = {"type": "alert", "country": code, "title": f"{a.severity.upper()} {a.rule}: {a.subject}",
                         "date": a.when.isoformat(), "summary": a.summary, "evidence": a.evidence, "link": a.link,
                         "precedent": a.precedent, "id": a.id}
    return out


def _figure_json(fig: Any) -> dict[str, Any]:
    """The figure as plotly.js takes it, each trace keeping the uid it was given (to_dict() drops them):
    the page's SVG then names each trace `trace<uid>`, e.g. `traceCN-from_kp-named`."""
    import plotly.io as pio

    d: dict[str, Any] = json.loads(pio.to_json(fig, validate=True))
    for trace in d["data"]:
        uid = (trace.get("meta") or {}).get("uid")
        if uid:
            trace["uid"] = uid
    return d


def _json_script(element_id: str, value: Any) -> str:
    """Data for the page's script, safe inside <script>: no '<' is left to close the element or open a comment."""
    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False, default=str)
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return f'<script type="application/json" id="{element_id}">{text}</script>'


def _link_html(value: str | None) -> str:
    if not value:
        return ""
    if value.startswith(("http://", "https://")):
        return f'<a href="{html.escape(value, quote=True)}" target="_blank" rel="noopener">{html.escape(value)}</a>'
    return f"<code>{html.escape(value)}</code>"


def _n(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def _section(code: str, marks: list[Mark], alerts: list[AlertMark]) -> str:
    e = html.escape
    name = country_name(code)
    n_from = sum(m.direction == "from_kp" for m in marks)
    n_to = len(marks) - n_from
    parts = [f'<section class="country" id="country-{e(code)}" data-country="{e(code)}">',
             (f"<h2>{e(name)} <span class=\"code\">{e(code)}</span> <span class=\"counts\">"
              f"{_n(len(marks), 'message')} ({n_from} from Pyongyang, {n_to} to Pyongyang), "
              f"{_n(len(alerts), 'alert')}</span></h2>"),
             f'<div class="chart" id="chart-{e(code)}"></div>',
             '<div class="empty" hidden>No messages in this direction and date range.</div>',
             ('<div class="detail" aria-live="polite"><span class="hint">Hover a mark for its evidence; '
              'click it to keep the evidence and the sources here (or open this page at #&lt;alert id&gt;).'
              '</span></div>')]
    if alerts:
        parts.append('<ul class="alerts">')
        for a in sorted(alerts, key=lambda a: (a.when, a.id)):
            parts.append(f'<li data-date="{a.when.isoformat()}" data-direction="alert">'
                         f'<span class="sev sev-{e(a.severity)}">{e(a.severity.upper())}</span> '
                         f'{e(a.when.isoformat())} <b>{e(a.rule)}</b> {e(a.subject)} '
                         f'<span class="muted">{_link_html(a.link)} · alert {e(a.id)}</span></li>')
        parts.append("</ul>")
    parts.append(f"<details><summary>Messages ({len(marks)})</summary><table class=\"messages\"><thead><tr>"
                 "<th>date</th><th>direction</th><th>message</th><th>naming</th><th>text</th><th>placement</th>"
                 "<th>evidence</th><th>source</th></tr></thead><tbody>")
    for m in marks:
        parts.append(f'<tr data-date="{m.when.isoformat()}" data-direction="{m.direction}">'
                     f"<td>{e(m.date_text)}</td><td>{'from' if m.direction == 'from_kp' else 'to'} Pyongyang</td>"
                     f"<td>{e(m.title)}</td>"
                     + "".join(f'<td class="lvl-{m.levels[s]}">{e(m.words[s])}</td>' for s in SCALES)
                     + f"<td>{e(m.evidence)}</td><td>{_link_html(m.link)}</td></tr>")
    parts.append("</tbody></table></details></section>")
    return "\n".join(parts)


def _legend() -> str:
    def sym(level: str) -> str:
        color, symbol, _ = LEVELS[level]
        shape = {"circle": "border-radius:50%", "diamond": "transform:rotate(45deg) scale(.8)",
                 "square": "", "circle-open": "border-radius:50%;background:white!important"}[symbol]
        return (f'<span class="sym" style="background:{color};border-color:'
                f'{color if level == "unknown" else "#333"};{shape}"></span>')

    sev = "".join(f'<span class="tri" style="border-top-color:{SEVERITY_COLORS[s]}"></span>{s} '
                  for s in reversed(SEVERITY_ORDER))
    return ('<div class="legend">'
            f"<div>{sym('warm')} warmest: named · full text printed · a report of its own</div>"
            f"<div>{sym('middle')} text quoted or summarised · first in a list</div>"
            f"<div>{sym('cold')} coldest: title only · text withheld · later in a list</div>"
            f"<div>{sym('unknown')} the reports do not tell</div>"
            f"<div>alerts: {sev}</div>"
            "<div class=\"muted\">Faded marks with a bar: a date known only to the month or year. "
            "Drag on a chart to zoom; double-click to zoom out.</div></div>")


CSS = """
body{font-family:system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;margin:0;color:#222;background:#fff}
header{padding:14px 24px 8px;border-bottom:1px solid #ddd;background:#fff}
h1{font-size:20px;margin:0 0 4px}h2{font-size:17px;margin:18px 0 2px}
.code{font-size:12px;color:#777;font-weight:normal}.counts,.muted{color:#666;font-size:13px;font-weight:normal}
main{padding:0 24px 40px}.filters{display:flex;flex-wrap:wrap;gap:10px 24px;align-items:center;font-size:14px;margin:8px 0}
.filters fieldset{border:0;padding:0;margin:0;display:flex;flex-wrap:wrap;gap:4px 10px;align-items:center}
.filters legend{font-weight:600;float:left;margin-right:6px}
#countries label{white-space:nowrap}button{font-size:13px}
.legend{display:flex;flex-wrap:wrap;gap:4px 22px;font-size:13px;margin:6px 0 0}
.sym{display:inline-block;width:11px;height:11px;border:1.5px solid #333;vertical-align:middle;margin-right:4px}
.tri{display:inline-block;width:0;height:0;border-left:6px solid transparent;border-right:6px solid transparent;border-top:11px solid;margin:0 3px 0 6px;vertical-align:middle}
.detail{min-height:1.4em;font-size:13px;background:#FAFAFA;border-left:3px solid #ccc;padding:6px 10px;margin:2px 0 6px}
.detail .hint{color:#888}.detail blockquote{margin:4px 0;padding-left:8px;border-left:2px solid #ddd;font-style:italic}
ul.alerts{font-size:13px;margin:4px 0;padding-left:18px}ul.alerts li{margin:2px 0}
.sev{display:inline-block;min-width:52px;text-align:center;border-radius:3px;color:#fff;font-size:11px;padding:1px 4px}
.sev-high{background:#A50F15}.sev-medium{background:#E6550D}.sev-low{background:#FDAE6B;color:#222}.sev-info{background:#8C8C8C}
details{font-size:13px;margin:4px 0 10px}table.messages{border-collapse:collapse;margin-top:4px}
table.messages td,table.messages th{border-bottom:1px solid #eee;padding:3px 6px;text-align:left;vertical-align:top}
td.lvl-warm{color:#00704F}td.lvl-middle{color:#9A6500}td.lvl-cold{color:#B54700}td.lvl-unknown{color:#999}
.empty{color:#888;font-size:13px;padding:6px 0}
"""

JS = r"""
(function(){
'use strict';
const FIGS=JSON.parse(document.getElementById('figures').textContent);
const DETAILS=JSON.parse(document.getElementById('details').textContent);
const CONFIG={displaylogo:false,responsive:true,modeBarButtonsToRemove:['select2d','lasso2d','autoScale2d']};
const state={dir:'both',since:null,until:null};
const $=(s,el)=>(el||document).querySelector(s), $$=(s,el)=>Array.from((el||document).querySelectorAll(s));
function el(tag,text,cls){const n=document.createElement(tag);if(text!=null)n.textContent=text;if(cls)n.className=cls;return n;}
function link(v){if(!v)return null;if(/^https?:\/\//.test(v)){const a=el('a',v);a.href=v;a.target='_blank';a.rel='noopener';return a;}return el('code',v);}
function range(code){const r=FIGS[code].both.layout.xaxis.range;return [state.since||r[0],state.until||r[1]];}
function inRange(d){return (!state.since||d>=state.since)&&(!state.until||d<=state.until);}
function show(code,id){
  const box=$('#country-'+code+' .detail'), d=DETAILS[id]; if(!d)return; box.replaceChildren();
  box.appendChild(el('b',d.date+' · '+d.title));
  if(d.type==='event'){box.appendChild(el('div',d.treatment.join(' · ')));box.appendChild(el('blockquote',d.evidence));
    d.sources.forEach(s=>{const row=el('div',[s.outlet,s.published].filter(Boolean).join(', ')+': ','muted');
      const a=link(s.url||s.path);if(a)row.appendChild(a);box.appendChild(row);
      if(s.evidence&&s.evidence!==d.evidence)box.appendChild(el('blockquote',s.evidence));});}
  else{box.appendChild(el('div',d.summary));box.appendChild(el('blockquote',d.evidence));
    const a=link(d.link);if(a){const r=el('div','source: ','muted');r.appendChild(a);box.appendChild(r);}
    const p=d.precedent;if(p){const r=el('div','precedent: '+[p.date,p.outlet].filter(Boolean).join(', ')+' ','muted');
      const pa=link(p.url||p.path);if(pa)r.appendChild(pa);box.appendChild(r);if(p.evidence)box.appendChild(el('blockquote',p.evidence));}
    box.appendChild(el('div','alert id '+d.id,'muted'));}
  box.dataset.shown=id;
}
function draw(code){
  const sec=$('#country-'+code), gd=$('#chart-'+code), fig=FIGS[code][state.dir];
  $('.empty',sec).hidden=!!fig; gd.style.display=fig?'':'none'; if(!fig)return;
  const layout=JSON.parse(JSON.stringify(fig.layout)); layout.xaxis.range=range(code); layout.xaxis.autorange=false;
  Plotly.react(gd,fig.data,layout,CONFIG);
  if(!gd._wired){gd._wired=true;gd.on('plotly_click',ev=>{const p=ev.points&&ev.points[0];if(p&&p.customdata)show(code,p.customdata);});}
}
function apply(){
  const on=new Set($$('#countries input:checked').map(i=>i.value));
  $$('section.country').forEach(sec=>{const code=sec.dataset.country;sec.hidden=!on.has(code);
    $$('tbody tr, ul.alerts li',sec).forEach(r=>{r.hidden=!(inRange(r.dataset.date)&&(state.dir==='both'||r.dataset.direction===state.dir||r.dataset.direction==='alert'));});
    if(!sec.hidden)draw(code);});
}
$$('#countries input').forEach(i=>i.addEventListener('change',apply));
$('#all').addEventListener('click',()=>{$$('#countries input').forEach(i=>i.checked=true);apply();});
$('#none').addEventListener('click',()=>{$$('#countries input').forEach(i=>i.checked=false);apply();});
$$('input[name=direction]').forEach(i=>i.addEventListener('change',()=>{state.dir=i.value;apply();}));
$('#since').addEventListener('change',e=>{state.since=e.target.value||null;apply();});
$('#until').addEventListener('change',e=>{state.until=e.target.value||null;apply();});
$('#reset').addEventListener('click',()=>{state.since=state.until=null;$('#since').value='';$('#until').value='';apply();});
apply();
function fromHash(){const id=decodeURIComponent(location.hash.slice(1)), d=DETAILS[id];
  if(d&&d.country&&FIGS[d.country]){show(d.country,id);$('#country-'+d.country).scrollIntoView();}}
window.addEventListener('hashchange',fromHash); fromHash();
document.body.dataset.rendered=Object.keys(FIGS).length;
})();
"""


@dataclass(frozen=True)
class ReportInfo:
    path: Path
    countries: int
    messages: int
    alerts: int
    size: int  # bytes


def render_page(tl: Timeline, title: str = "Treatment timeline", note: str = "") -> str:
    """The whole page as a string: plotly.js once, then one chart per counterpart."""
    from plotly.offline import get_plotlyjs

    e = html.escape
    x_range = tl.x_range()
    figures: dict[str, dict[str, Any]] = {}
    sections = []
    codes = tl.countries
    for code in codes:
        marks, alerts = tl.marks.get(code, []), tl.alerts.get(code, [])
        variants: dict[str, Any] = {"both": country_figure(code, marks, alerts, DIRECTIONS, x_range)}
        for d in DIRECTIONS:
            if any(m.direction == d for m in marks):
                variants[d] = country_figure(code, marks, alerts, (d,), x_range)
        figures[code] = {k: _figure_json(f) for k, f in variants.items()}
        sections.append(_section(code, marks, alerts))
    checkboxes = "".join(
        f'<label><input type="checkbox" value="{e(c)}" checked> {e(country_name(c))} '
        f'<span class="muted">({len(tl.marks.get(c, []))})</span></label>' for c in codes)
    lo, hi = tl.start or x_range[0], tl.end or x_range[1]
    summary = (f"{tl.n_marks()} messages with {len(codes)} counterparts, {tl.n_alerts()} alerts; "
               f"{lo.isoformat()} to {hi.isoformat()}.")
    if tl.undated:
        summary += f" {tl.undated} messages with no date at all are not drawn."
    body = ("\n".join(sections) if sections
            else "<p>No messages yet: run <code>monitor replay</code> or the daemon first.</p>")
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>{e(title)}</title><style>{CSS}</style>
<script>{get_plotlyjs()}</script></head>
<body><header><h1>{e(title)}</h1>
<div class="muted">{e(summary)} {e(note)}</div>
<div class="filters">
<fieldset id="countries"><legend>Countries</legend>{checkboxes}
<button type="button" id="all">all</button><button type="button" id="none">none</button></fieldset>
<fieldset><legend>Direction</legend>
<label><input type="radio" name="direction" value="both" checked> both</label>
<label><input type="radio" name="direction" value="from_kp"> from Pyongyang</label>
<label><input type="radio" name="direction" value="to_kp"> to Pyongyang</label></fieldset>
<fieldset><legend>Dates</legend><input type="date" id="since" min="{x_range[0]}" max="{x_range[1]}" aria-label="from">
to <input type="date" id="until" min="{x_range[0]}" max="{x_range[1]}" aria-label="until">
<button type="button" id="reset">all dates</button></fieldset></div>
{_legend()}</header>
<main>
{body}
</main>
{_json_script("figures", figures)}
{_json_script("details", _details(tl))}
<script>{JS}</script>
</body></html>
"""


def write_report(store: Store, out: str | Path, countries: Iterable[str] = (), since: date | None = None,
                 until: date | None = None, now: datetime | None = None) -> ReportInfo:
    """Write the report page to `out` and say what is in it."""
    if since and until and since > until:
        raise MonitorError(f"--since {since} is after --until {until}")
    tl = gather(store, countries, since, until)
    wanted = [country_code(c) for c in countries]
    missing = [c for c in wanted if c not in tl.marks and c not in tl.alerts]
    if missing:
        seen = sorted({r["counterpart"] for r in store.all_events()})
        raise MonitorError(f"no messages with {', '.join(missing)} in {store.path}"
                           f"{' between those dates' if since or until else ''}; "
                           f"counterparts seen: {', '.join(seen) or 'none yet'}")
    now = now or datetime.now(UTC)
    note = f"From {store.path}, {now.strftime('%Y-%m-%d %H:%M UTC')}."
    page = render_page(tl, note=note)
    path = Path(out)
    if path.parent and not path.parent.exists():
        raise MonitorError(f"{path}: the folder {path.parent} does not exist")
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(page, encoding="utf-8")
    tmp.replace(path)
    return ReportInfo(path=path, countries=len(tl.countries), messages=tl.n_marks(), alerts=tl.n_alerts(),
                      size=path.stat().st_size)


# --- matplotlib: the picture in an alert email -------------------------------------------------------


def chart_png(store: Store, counterparts: Iterable[str], until: date | None = None, years: int = 3,
              highlight: str | None = None, alert_id: str | None = None) -> bytes | None:
    """The timeline of each counterpart (at most three) over the `years` up to `until`, as a PNG.

    `highlight`: an event id whose marks get a ring; `alert_id`: an alert whose mark gets a ring and a
    dotted line down through the messages. None when there is no message to draw.
    """
    import matplotlib.dates as mdates
    from matplotlib.figure import Figure
    from matplotlib.lines import Line2D

    codes = list(dict.fromkeys(counterparts))[:3]
    end = until or date.today()
    start = date(end.year - years, end.month, min(end.day, 28))
    tl = gather(store, codes, start, end)
    codes = [c for c in codes if tl.marks.get(c)]
    if not codes:
        return None
    layouts = []
    for c in codes:
        dirs = [d for d in DIRECTIONS if any(m.direction == d for m in tl.marks[c])]
        layouts.append((dirs, Rows.of(dirs, bool(tl.alerts.get(c)))))
    heights = [rows.height + 0.9 for _, rows in layouts]
    fig = Figure(figsize=(9.0, 0.3 * sum(heights) + 0.9), dpi=100)
    axes = fig.subplots(len(codes), 1, squeeze=False, sharex=True, gridspec_kw={"height_ratios": heights})[:, 0]
    lo = start - timedelta(days=15)
    hi = max([end] + [m.when for c in codes for m in tl.marks[c]]) + timedelta(days=25)
    for ax, code, (dirs, rows) in zip(axes, codes, layouts):
        marks, alerts = tl.marks[code], tl.alerts.get(code, [])
        for i, d in enumerate(dirs):
            bottom, top = rows.bands[d]
            ax.axhspan(bottom, top, color="#F3F6FA" if i % 2 == 0 else "#FAF7F2", zorder=0)
            ax.text(0.005, top - 0.08, _direction_label(d, code), transform=ax.get_yaxis_transform(),
                    fontsize=7.5, color="#555555", va="top", ha="left")
        for d in dirs:
            ms = [m for m in marks if m.direction == d]
            offsets = _stack([(m.when,) for m in ms])
            for scale in SCALES:
                y0 = rows.y[(d, scale)]
                for m, off in zip(ms, offsets):
                    color, _, symbol = LEVELS[m.levels[scale]]
                    unknown = m.levels[scale] == "unknown"
                    if m.span:
                        ax.plot(m.span, [y0 + off] * 2, color=color, alpha=0.45, linewidth=2.5, zorder=1)
                    ax.plot([m.when], [y0 + off], marker=symbol, markersize=8 if symbol != "D" else 7,
                            markerfacecolor="white" if unknown else color, markeredgecolor=color if unknown else "#333",
                            alpha=0.6 if m.span else 1.0, linestyle="none", zorder=3)
                    if m.event_id == highlight:
                        ax.plot([m.when], [y0 + off], marker="o", markersize=15, markerfacecolor="none",
                                markeredgecolor="#A50F15", markeredgewidth=1.6, linestyle="none", zorder=4)
        if alerts:
            ya = rows.y[("alert", "")]
            for a, off in zip(alerts, _stack([(a.when,) for a in alerts], step=0.25)):
                ax.plot([a.when], [ya + off], marker="v", markersize=9, linestyle="none", zorder=3,
                        markerfacecolor=SEVERITY_COLORS.get(a.severity, "#8C8C8C"), markeredgecolor="#333")
                if a.id == alert_id:
                    ax.plot([a.when], [ya + off], marker="o", markersize=15, markerfacecolor="none",
                            markeredgecolor="#A50F15", markeredgewidth=1.6, linestyle="none", zorder=4)
                    ax.axvline(a.when, color="#A50F15", linestyle=":", linewidth=1.2, zorder=2)
        ax.set_yticks(*rows.labels(), fontsize=8)
        ax.set_ylim(rows.bottom, rows.top)
        ax.set_title(f"{country_name(code)}: messages and their treatment, {start.isoformat()} to {end.isoformat()}",
                     fontsize=10, loc="left")
        ax.grid(axis="x", color="#E5E5E5", linewidth=0.8)
        ax.set_axisbelow(True)
        for side in ("top", "right"):
            ax.spines[side].set_visible(False)
        ax.set_xlim(lo, hi)
        locator = mdates.AutoDateLocator(maxticks=10)
        ax.xaxis.set_major_locator(locator)
        ax.xaxis.set_major_formatter(mdates.ConciseDateFormatter(locator))
        ax.tick_params(axis="x", labelsize=8)
    handles = [Line2D([], [], marker=LEVELS[k][2], linestyle="none", markersize=7,
                      markerfacecolor="white" if k == "unknown" else LEVELS[k][0],
                      markeredgecolor=LEVELS[k][0] if k == "unknown" else "#333", label=label)
               for k, label in (("warm", "named / full text / own report"), ("middle", "text in part / first in list"),
                                ("cold", "title only / withheld / later in list"), ("unknown", "not told"))]
    handles.append(Line2D([], [], marker="v", linestyle="none", markersize=7, markerfacecolor=SEVERITY_COLORS["high"],
                          markeredgecolor="#333", label="alert"))
    if highlight or alert_id:
        handles.append(Line2D([], [], color="#A50F15", linestyle=":", marker="o", markerfacecolor="none",
                              label="this alert"))
    fig.legend(handles=handles, loc="lower center", ncol=len(handles), fontsize=7.5, frameon=False)
    fig.tight_layout(rect=(0, 0.3 / (0.3 * sum(heights) + 0.9), 1, 1))
    buf = io.BytesIO()
    fig.savefig(buf, format="png", metadata={"Software": None})
    return buf.getvalue()


def alert_chart(store: Store, alert: dict[str, Any], years: int = 3) -> bytes | None:
    """The chart for an alert's counterpart(s): the `years` up to the alert, with its message ringed."""
    cp = alert.get("counterpart")
    codes = cp if isinstance(cp, list) else [cp] if cp else []
    codes = [c for c in codes if isinstance(c, str) and c not in ("XX", "KP")]
    if not codes:
        return None
    day = interval(str(alert["date"]))[1] if alert.get("date") else None
    return chart_png(store, codes, until=day, years=years, highlight=alert.get("event_id"), alert_id=alert.get("id"))
