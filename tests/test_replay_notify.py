"""The seed replay delivers its alerts by email and signed webhook to real servers on 127.0.0.1."""

import json
from pathlib import Path

from click.testing import CliRunner

from monitor.cli import cli
from monitor.notify import verify

SEEDS = Path(__file__).parent.parent / "seeds"


def test_replay_sends_email_and_signed_webhook(tmp_path, smtp_server, webhook_server, monkeypatch):
    monkeypatch.setenv("TEST_WEBHOOK_SECRET", "s3cret")
    config = tmp_path / "config.toml"
    config.write_text(f"""
[compare]
weights = {{ CN = 1.5, RU = 1.5 }}

[notify.email]
host = "127.0.0.1"
port = {smtp_server.port}
starttls = false
from = "monitor@example.org"
to = ["analyst@example.org", "desk@example.org"]
min_severity = "low"

[notify.webhook]
url = "{webhook_server.url}"
secret_env = "TEST_WEBHOOK_SECRET"
""")
    result = CliRunner().invoke(cli, ["--config", str(config), "replay", str(SEEDS), "--json",
                                      "--state", str(tmp_path / "state"), "--deliver-timeout", "10"])
    assert result.exit_code == 0, result.output
    alerts = [json.loads(line) for line in result.output.splitlines() if line.startswith("{")]
    high = {a["id"] for a in alerts if a["severity"] == "high"}
    assert len(high) == 2

    # email: only what reaches min_severity = low, to both recipients
    assert len(smtp_server.messages) == 2
    subjects = sorted(m["Subject"] for m in smtp_server.messages)
    assert any("CN: New Year card reduced to a title, text withheld" in s for s in subjects)
    assert all(sorted(e.rcpt_tos) == ["analyst@example.org", "desk@example.org"] for e in smtp_server.envelopes)
    body = smtp_server.messages[0].get_body(("plain",)).get_content()
    assert "2024-10-06" in body or "2025-12-27" in body
    # the chart of the counterpart rides along as an inline image of the HTML part
    for m in smtp_server.messages:
        images = [p for p in m.walk() if p.get_content_type() == "image/png"]
        assert len(images) == 1 and len(images[0].get_content()) > 5000

    # webhook: every alert, signed, with the alert id as Idempotency-Key
    posted = {r["headers"]["Idempotency-Key"]: r for r in webhook_server.requests}
    assert set(posted) == {a["id"] for a in alerts}
    for key, r in posted.items():
        assert verify(b"s3cret", r["body"], r["headers"]["X-Monitor-Signature"])
        assert json.loads(r["body"])["id"] == key

    # replaying again into the same state raises and sends nothing more
    again = CliRunner().invoke(cli, ["--config", str(config), "replay", str(SEEDS), "--json",
                                     "--state", str(tmp_path / "state"), "--deliver-timeout", "5"])
    assert again.exit_code == 0
    assert len(smtp_server.messages) == 2 and len(webhook_server.requests) == len(alerts)
