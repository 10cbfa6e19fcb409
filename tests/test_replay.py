"""The seed replay raises the alert an analyst would, and nothing an analyst would call noise."""

import json
import sqlite3
from pathlib import Path

from click.testing import CliRunner

from monitor.cli import cli

ROOT = Path(__file__).parent.parent
SEEDS = ROOT / "seeds"
CONFIG = ROOT / "config.toml"


def replay(*args, state=None, config=CONFIG):
    cmd = ["--config", str(config), "replay", str(SEEDS), "--json"] + list(args)
    if state:
        cmd += ["--state", str(state)]
    result = CliRunner().invoke(cli, cmd)
    assert result.exit_code == 0, result.output
    return [json.loads(line) for line in result.output.splitlines() if line.startswith("{")]


def test_china_cooling_against_the_2024_precedent_with_the_russian_contrast():
    alerts = replay()
    above_info = [a for a in alerts if a["severity"] != "info"]
    assert sorted((a["rule"], json.dumps(a["counterpart"])) for a in above_info) == [
        ("contrast", '["CN", "RU"]'), ("precedent", '"CN"')]
    china = next(a for a in above_info if a["rule"] == "precedent")
    assert china["severity"] == "high" and china["direction"] == "cooling" and china["date"] == "2026-01-18"
    assert china["precedent"]["date"] == "2024-10-06"
    assert "exchanged congratulatory messages" in china["precedent"]["evidence"]
    dims = {c["dimension"]: (c["from"], c["to"]) for c in china["details"]["changes"]}
    assert dims == {"named": ("named", "title only"), "content": ("partial", "none"),
                    "placement": ("a report of its own", "first of 9")}
    assert "Russia" in china["summary"] and "printed in full" in china["summary"]
    contrast = next(a for a in above_info if a["rule"] == "contrast")
    assert contrast["severity"] == "high" and contrast["precedent"]["date"] == "2025-12-27"
    for a in alerts:
        assert set(a) >= {"id", "severity", "rule", "counterpart", "direction", "date", "summary", "evidence",
                          "precedent"}


def test_russia_raises_no_deviation_and_new_counterparts_are_info_notes():
    alerts = replay()
    russia = [a for a in alerts if a["counterpart"] == "RU"]
    assert [a["rule"] for a in russia] == ["first_seen"]
    for code in ("RS", "VN", "SG"):
        notes = [a for a in alerts if a["counterpart"] == code]
        assert [(a["rule"], a["severity"]) for a in notes] == [("first_seen", "info")]
    laos = [a for a in alerts if a["counterpart"] == "LA"]
    assert all(a["severity"] == "info" for a in laos)


def test_replaying_twice_adds_nothing(tmp_path):
    first = replay(state=tmp_path)
    assert first
    db = sqlite3.connect(tmp_path / "monitor.db")
    counts = [db.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in ("articles", "events", "alerts")]
    assert replay(state=tmp_path) == []
    assert [db.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in ("articles", "events", "alerts")] == counts
    assert counts[0] == 5


def test_one_message_reported_by_two_outlets_is_one_event_with_two_sources(tmp_path):
    replay(state=tmp_path)
    db = sqlite3.connect(tmp_path / "monitor.db")
    rows = db.execute("SELECT id, content_published, n_sources, date FROM events "
                      "WHERE sender_country='KP' AND recipient_country='RU' AND occasion='new_year'").fetchall()
    assert len(rows) == 1
    event_id, content, n_sources, date = rows[0]
    assert (content, n_sources, date) == ("full", 2, "2025-12-27")
    outlets = {r[0] for r in db.execute("SELECT outlet FROM event_sources WHERE event_id = ?", [event_id])}
    assert outlets == {"Devdiscourse", "Korea JoongAng Daily"}


def test_alert_ids_are_stable_across_fresh_replays():
    assert [a["id"] for a in replay()] == [a["id"] for a in replay()]


def test_absence_check_as_of_a_date():
    # Putin's New Year message came in December 2024 and December 2025: by mid-January 2027 its
    # absence is news. China's anniversary messages (2019, 2024) mark round years: none is due in 2026.
    alerts = replay("--until", "2027-01-15")
    absent = [a for a in alerts if a["rule"] == "absence"]
    assert [(a["counterpart"], a["details"]["direction"], a["details"]["occasion"]) for a in absent] == [
        ("RU", "to_kp", "new_year")]
    a = absent[0]
    assert a["date"] == "2026-12-25" and a["details"]["past_years"] == [2025, 2026]
    assert "Expected message missing" in a["summary"] and a["severity"] != "info"
    # before the grace window ends there is nothing to say
    assert not [a for a in replay("--until", "2027-01-05") if a["rule"] == "absence"]
