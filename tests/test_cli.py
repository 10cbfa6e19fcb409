"""The CLI contract: commands, help, JSON fields, and errors a user can act on."""

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from monitor.cli import cli

ROOT = Path(__file__).parent.parent
SEEDS = ROOT / "seeds"


def invoke(*args, **kw):
    return CliRunner().invoke(cli, [str(a) for a in args], **kw)


def all_commands(group=cli, prefix=()):
    for name, cmd in group.commands.items():
        yield prefix + (name,), cmd
        if hasattr(cmd, "commands"):
            yield from all_commands(cmd, prefix + (name,))


@pytest.mark.parametrize("path,cmd", list(all_commands()), ids=lambda x: " ".join(x) if isinstance(x, tuple) else "")
def test_every_command_has_help(path, cmd):
    assert cmd.help and cmd.help.strip()
    result = invoke(*path, "--help")
    assert result.exit_code == 0 and "Usage:" in result.output


def test_contract_commands_exist():
    names = {" ".join(p) for p, _ in all_commands()}
    assert {"extract", "replay", "poll", "run", "sources", "alerts", "events", "explain", "status",
            "notify", "notify test"} <= names


def test_python_dash_m_monitor_works():
    import subprocess
    import sys
    out = subprocess.run([sys.executable, "-m", "monitor", "--help"], capture_output=True, text=True, timeout=60)
    assert out.returncode == 0 and "replay" in out.stdout


def test_extract_json_one_object_a_line():
    result = invoke("extract", SEEDS / "002_5d4a8b2e97a49c1c.txt", "--json")
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.output.splitlines()]
    assert len(rows) == 1
    row = rows[0]
    assert row["sender_country"] == "KP" and row["recipient_country"] == "RU"
    assert row["source"] == {"path": str(SEEDS / "002_5d4a8b2e97a49c1c.txt"), "outlet": None, "published": "2024-10-07"}


def test_extract_table_without_json():
    result = invoke("extract", SEEDS)
    assert result.exit_code == 0
    assert result.output.splitlines()[0].split()[:3] == ["date", "from", "to"]
    assert "2026-01-18" in result.output


def test_extract_reads_a_header_block(tmp_path):
    doc = tmp_path / "story.txt"
    doc.write_text("url: https://example.org/story\noutlet: Yonhap\npublished: 2026-01-18\n"
                   "title: Kim sends greetings\n---\n"
                   "North Korean leader Kim Jong-un sent a congratulatory message to Cuban President "
                   "Miguel Diaz-Canel on Thursday on the anniversary of the Cuban revolution, state media said.\n")
    row = json.loads(invoke("extract", doc, "--json").output.splitlines()[0])
    assert row["source"] == {"url": "https://example.org/story", "path": str(doc), "outlet": "Yonhap",
                             "published": "2026-01-18"}
    assert (row["recipient_country"], row["date"]) == ("CU", "2026-01-15")


def test_missing_document_is_one_clear_line(tmp_path):
    result = invoke("extract", tmp_path / "nope.txt")
    assert result.exit_code == 1
    assert result.output.strip() == f"Error: {tmp_path / 'nope.txt'}: no such file or folder"


@pytest.mark.parametrize("toml,message", [
    ('[[sources]]\nname = "a"\nkind = "feed"\nurl = "https://x.example/feed"\ninterval_seconds = "ten"\n',
     "config.toml: sources[0].interval_seconds must be a positive integer, got 'ten'"),
    ('[[sources]]\nname = "a"\nkind = "rss"\nurl = "https://x.example/feed"\n',
     "config.toml: sources[0].kind must be 'feed' or 'page', got 'rss'"),
    ('[state]\ndir = "state"\ncolour = "red"\n',
     "config.toml: state.colour is not a known key (known: dir)"),
    ('[notify.email]\nhost = "smtp.example.org"\nport = 99999\nto = ["a@example.org"]\n',
     "config.toml: notify.email.port must be a port number from 1 to 65535, got 99999"),
    ('[notify.webhook]\nurl = "ftp://example.org"\n',
     "config.toml: notify.webhook.url must be an http:// or https:// URL, got 'ftp://example.org'"),
    ('[notify.email]\nhost = "smtp.example.org"\n',
     "config.toml: notify.email.to is missing"),
    ('[sourcez]\n', "config.toml: sourcez is not a known section (known: state, fetch, sources, notify, compare)"),
    ('[state\n', None),
])
def test_bad_config_is_refused_with_file_key_and_expectation(tmp_path, toml, message):
    path = tmp_path / "config.toml"
    path.write_text(toml)
    result = invoke("--config", path, "status", "--state", tmp_path / "st")
    assert result.exit_code == 1
    line = result.output.strip()
    assert "\n" not in line
    if message:
        assert line == f"Error: {message}"
    else:
        assert line.startswith("Error: config.toml: is not valid TOML")


def test_explicit_missing_config_says_what_to_do(tmp_path):
    result = invoke("--config", tmp_path / "none.toml", "poll")
    assert result.exit_code == 1
    assert "no such file" in result.output and "--config" in result.output


def test_default_config_is_valid():
    from monitor import config
    cfg = config.load(ROOT / "config.toml")
    assert cfg.sources and all(s.kind in ("feed", "page") for s in cfg.sources)
    assert cfg.state_dir == ROOT / "state"


def test_explain_and_events_after_replay(tmp_path):
    out = invoke("--config", ROOT / "config.toml", "replay", SEEDS, "--json", "--state", tmp_path)
    alerts = [json.loads(x) for x in out.output.splitlines() if x.startswith("{")]
    china = next(a for a in alerts if a["rule"] == "precedent" and a["severity"] == "high")
    result = invoke("--config", ROOT / "config.toml", "explain", china["id"][:8], "--state", tmp_path)
    assert result.exit_code == 0, result.output
    assert "precedent" in result.output and "observation" in result.output
    assert "title only" in result.output and "2024-10-06" in result.output
    events = invoke("--config", ROOT / "config.toml", "events", "--format", "json", "--state", tmp_path)
    rows = [json.loads(x) for x in events.output.splitlines()]
    # 25 messages in the five pages; two of them are told by two pages (004 and 000)
    assert len(rows) == 23 and {r["counterpart"] for r in rows} >= {"CN", "RU", "LA", "RS"}
    missing = invoke("--config", ROOT / "config.toml", "explain", "ffffffff", "--state", tmp_path)
    assert missing.exit_code == 1 and "no alert with id 'ffffffff'" in missing.output


def test_readme_shows_every_command_and_the_two_make_targets():
    readme = (ROOT / "README.md").read_text()
    assert "make run" in readme and "make test" in readme
    for path, _ in all_commands():
        assert f"monitor {' '.join(path)}" in readme, f"README does not show `monitor {' '.join(path)}`"


def test_poll_says_each_failure_in_one_line_and_exits_1(tmp_path):
    import socket
    import subprocess
    import sys
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]  # nothing listens there once the socket is closed
    cfg = tmp_path / "config.toml"
    cfg.write_text(f'[[sources]]\nname = "closed"\nkind = "feed"\nurl = "http://127.0.0.1:{port}/feed.xml"\n'
                   f'allow_private = true\ntimeout_seconds = 2\n\n'
                   f'[[sources]]\nname = "private"\nkind = "feed"\nurl = "http://127.0.0.1:{port}/other.xml"\n')
    out = subprocess.run([sys.executable, "-m", "monitor", "--config", str(cfg), "poll"], capture_output=True,
                         text=True, timeout=60, cwd=tmp_path)
    assert out.returncode == 1
    assert out.stderr.splitlines() == [
        "closed: connection refused by 127.0.0.1",
        "private: refused: 127.0.0.1 resolves to a private address (127.0.0.1)"]
    table = invoke("--config", cfg, "sources").output.splitlines()
    assert table[0].split()[:3] == ["source", "last", "fetch"]
    assert "failing" in table[1] and "connection refused" in table[1]
    assert "resolves to a private address" in table[2]
