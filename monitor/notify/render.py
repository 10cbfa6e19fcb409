"""Turn an alert (a row of store.alerts()) into a subject line, a plain-text body and an HTML body.

Everything that came from an article is escaped in the HTML; nothing here touches the network.
"""

from __future__ import annotations

import html
from typing import Any
from urllib.parse import urlsplit

SUBJECT_PREFIX = "[protocol-monitor]"
SUBJECT_MAX = 200


def _one_line(text: str | None) -> str:
    return " ".join((text or "").split())


def counterpart_text(alert: dict[str, Any]) -> str:
    """"CN", or "CN, RU" when an alert is about several counterparts."""
    cp = alert.get("counterpart")
    if isinstance(cp, (list, tuple)):
        return ", ".join(str(c) for c in cp)
    return str(cp or "")


def headline(alert: dict[str, Any]) -> str:
    """What changed, on one line: the comparator's subject, else "<counterpart>: <summary>"."""
    text = _one_line(alert.get("subject"))
    if not text:
        cp = counterpart_text(alert)
        summary = _one_line(alert.get("summary")) or alert.get("rule") or "alert"
        text = f"{cp}: {summary}" if cp else summary
    return text


def render_subject(alert: dict[str, Any]) -> str:
    """'[protocol-monitor] HIGH CN: New Year card reduced to a title, text withheld', on one line."""
    subject = f"{SUBJECT_PREFIX} {str(alert.get('severity') or 'info').upper()} {headline(alert)}"
    if len(subject) > SUBJECT_MAX:
        subject = subject[: SUBJECT_MAX - 1].rstrip() + "…"
    return subject


def is_web_link(value: str | None) -> bool:
    return bool(value) and urlsplit(str(value)).scheme in ("http", "https")


def _facts(alert: dict[str, Any]) -> list[tuple[str, str]]:
    facts = [("Severity", str(alert.get("severity") or "").upper()), ("Rule", str(alert.get("rule") or "")),
             ("Counterpart", counterpart_text(alert))]
    if alert.get("direction"):
        facts.append(("Direction", str(alert["direction"])))
    if alert.get("date"):
        facts.append(("Date", str(alert["date"])))
    return [(k, v) for k, v in facts if v]


def _precedent_where(p: dict[str, Any]) -> str:
    return ", ".join(str(p[k]) for k in ("date", "outlet") if p.get(k))


def render_text(alert: dict[str, Any]) -> str:
    """The plain-text body: what changed, the evidence, the precedent and the links."""
    lines = [headline(alert), ""]
    lines += [f"{k}: {v}" for k, v in _facts(alert)]
    if alert.get("summary"):
        lines += ["", str(alert["summary"]).strip()]
    if alert.get("evidence"):
        lines += ["", "Evidence:", *(f"  {ln}" for ln in str(alert["evidence"]).strip().splitlines())]
    if alert.get("link"):
        lines += ["", f"Source: {alert['link']}"]
    p = alert.get("precedent")
    if isinstance(p, dict) and p:
        where = _precedent_where(p)
        lines += ["", f"Precedent ({where}):" if where else "Precedent:"]
        if p.get("evidence"):
            lines += [f"  {ln}" for ln in str(p["evidence"]).strip().splitlines()]
        for key in ("url", "path"):
            if p.get(key):
                lines.append(f"  {p[key]}")
    lines += ["", f"Alert id: {alert.get('id')}", "-- ", "protocol-monitor"]
    return "\n".join(lines) + "\n"


def _link_html(value: str) -> str:
    if is_web_link(value):
        return f'<a href="{html.escape(value, quote=True)}">{html.escape(value)}</a>'
    return f"<code>{html.escape(value)}</code>"


def _quote_html(text: str) -> str:
    return ('<blockquote style="margin:0.5em 0;padding-left:0.8em;border-left:3px solid #ccc;white-space:pre-wrap">'
            f"{html.escape(text.strip())}</blockquote>")


def render_html(alert: dict[str, Any], chart_cid: str | None = None) -> str:
    """The HTML alternative of render_text: the same content, every piece of text escaped.

    `chart_cid`: the Content-ID (without <>) of an inline image of the counterpart's timeline, shown
    after the summary."""
    e = html.escape
    parts = [('<!DOCTYPE html>\n<html><head><meta charset="utf-8"></head>'
              '<body style="font-family:sans-serif;line-height:1.4">'),
             f"<h2 style=\"font-size:1.2em\">{e(headline(alert))}</h2>",
             "<table>" + "".join(f"<tr><th align=\"left\">{e(k)}</th><td>{e(v)}</td></tr>" for k, v in _facts(alert))
             + "</table>"]
    if alert.get("summary"):
        parts.append(f"<p>{e(str(alert['summary']).strip())}</p>")
    if chart_cid:
        alt = f"Timeline of the messages with {counterpart_text(alert)} and how each was treated"
        parts.append(f'<p><img src="cid:{e(chart_cid, quote=True)}" alt="{e(alt, quote=True)}" width="900" '
                     'style="max-width:100%;height:auto"></p>')
    if alert.get("evidence"):
        parts.append("<h3 style=\"font-size:1em\">Evidence</h3>" + _quote_html(str(alert["evidence"])))
    if alert.get("link"):
        parts.append(f"<p>Source: {_link_html(str(alert['link']))}</p>")
    p = alert.get("precedent")
    if isinstance(p, dict) and p:
        where = _precedent_where(p)
        parts.append(f"<h3 style=\"font-size:1em\">Precedent{' (' + e(where) + ')' if where else ''}</h3>")
        if p.get("evidence"):
            parts.append(_quote_html(str(p["evidence"])))
        for key in ("url", "path"):
            if p.get(key):
                parts.append(f"<p>{_link_html(str(p[key]))}</p>")
    parts.append(f"<p style=\"color:#777;font-size:0.85em\">Alert id: <code>{e(str(alert.get('id')))}</code>"
                 " &middot; protocol-monitor</p></body></html>")
    return "\n".join(parts) + "\n"


def probe_alert(now: float) -> dict[str, Any]:
    """The alert `monitor notify test` sends: shaped like a real one, plainly marked as a test."""
    return {
        "id": f"test-{int(now)}", "severity": "info", "rule": "test", "counterpart": "XX", "direction": None,
        "date": None, "subject": "Test alert: this channel works",
        "summary": "protocol-monitor sent this to check that alerts reach you. Nothing changed.",
        "evidence": "(no evidence: this is a test)", "link": None, "precedent": None, "event_id": None,
        "details": {"test": True}, "created_at": now,
    }
