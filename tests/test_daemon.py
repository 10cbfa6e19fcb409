"""The daemon as a real process: a lock per state directory, a clean stop, latency, and crash safety."""

import json
import os
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler

import pytest
from conftest import serve_local, stop_local

from monitor.notify import verify

COUNTRIES = [
    ("Miguel Diaz-Canel, president of the Republic of Cuba", "the anniversary of the revolution"),
    ("Thongloun Sisoulith, president of the Lao People's Democratic Republic", "the national day of Laos"),
    ("Alexander Lukashenko, president of the Republic of Belarus", "the independence day of Belarus"),
    ("Ukhnaagiin Khurelsukh, president of Mongolia", "the national day of Mongolia"),
    ("Daniel Ortega, president of the Republic of Nicaragua", "the independence day of Nicaragua"),
    ("Nicolas Maduro, president of the Bolivarian Republic of Venezuela", "the independence day of Venezuela"),
    ("Emomali Rahmon, president of the Republic of Tajikistan", "the independence day of Tajikistan"),
    ("Hun Manet, prime minister of the Kingdom of Cambodia", "the independence day of Cambodia"),
]


class FeedServer:
    """An RSS feed and its article pages on 127.0.0.1; items can be added while it runs."""

    def __init__(self):
        self.items = []
        self.article_delay = 0.0
        outer = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):
                if self.path == "/feed.xml":
                    entries = "".join(
                        f"<item><title>Kim sends greetings {i}</title><link>http://127.0.0.1:{outer.port}/a/{i}.html</link>"
                        f"<guid>item-{i}</guid><pubDate>Mon, 0{1 + i % 8} Sep 2025 08:00:00 +0000</pubDate></item>"
                        for i in range(len(outer.items)))
                    body = (f'<?xml version="1.0"?><rss version="2.0"><channel><title>Local</title>'
                            f"<link>http://127.0.0.1:{outer.port}/</link>{entries}</channel></rss>").encode()
                    ctype = "application/rss+xml"
                elif self.path.startswith("/a/"):
                    time.sleep(outer.article_delay)
                    i = int(self.path.split("/")[-1].split(".")[0])
                    body = (f"<html><head><title>Greetings {i}</title></head><body><article><h1>Kim sends greetings</h1>"
                            f"<p>{outer.items[i]}</p></article></body></html>").encode()
                    ctype = "text/html; charset=utf-8"
                else:
                    self.send_response(404)
                    self.end_headers()
                    return
                self.send_response(200)
                self.send_header("Content-Type", ctype)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args):
                pass

        self.httpd = serve_local(Handler)
        self.port = self.httpd.server_address[1]

    def add(self, n=1):
        for _ in range(n):
            i = len(self.items)
            who, occasion = COUNTRIES[i % len(COUNTRIES)]
            self.items.append(f"Pyongyang, September {1 + i % 8} (KCNA) -- Kim Jong Un sent a message of greetings to "
                              f"{who}, on the occasion of {occasion}, item {i}.")

    def stop(self):
        stop_local(self.httpd)


@pytest.fixture
def feed():
    server = FeedServer()
    yield server
    server.stop()


def write_config(tmp_path, feed, webhook, interval=1):
    cfg = tmp_path / "config.toml"
    cfg.write_text(f"""
[state]
dir = "state"

[fetch]
host_interval_seconds = 0
robots = false

[[sources]]
name = "local"
kind = "feed"
url = "http://127.0.0.1:{feed.port}/feed.xml"
interval_seconds = {interval}
timeout_seconds = 3
allow_private = true

[notify]
max_age_seconds = 600

[notify.webhook]
url = "{webhook.url}"
secret_env = "TEST_DAEMON_SECRET"
timeout_seconds = 2
""")
    return cfg


def start(cfg, tmp_path, name="daemon"):
    env = dict(os.environ, TEST_DAEMON_SECRET="k3y")
    log = open(tmp_path / f"{name}.log", "ab")
    return subprocess.Popen([sys.executable, "-m", "monitor", "--config", str(cfg), "run"], stdout=log,
                            stderr=subprocess.STDOUT, env=env, cwd=tmp_path)


def wait_for(predicate, timeout, step=0.1):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(step)
    return False


def db_rows(tmp_path, sql):
    path = tmp_path / "state" / "monitor.db"
    if not path.exists():
        return []
    conn = sqlite3.connect(path, timeout=10)
    try:
        return conn.execute(sql).fetchall()
    except sqlite3.OperationalError:
        return []
    finally:
        conn.close()


def received_ids(webhook):
    return [r["headers"]["Idempotency-Key"] for r in webhook.requests]


def test_second_daemon_is_refused_and_sigterm_stops_cleanly(tmp_path, feed, webhook_server):
    feed.add(1)
    cfg = write_config(tmp_path, feed, webhook_server)
    first = start(cfg, tmp_path)
    try:
        assert wait_for(lambda: (tmp_path / "state" / "monitor.lock").exists() and db_rows(
            tmp_path, "SELECT 1 FROM meta WHERE key = 'daemon_started'"), 20)
        second = subprocess.run([sys.executable, "-m", "monitor", "--config", str(cfg), "run"], cwd=tmp_path,
                                capture_output=True, text=True, timeout=30)
        assert second.returncode == 1
        assert "another monitor daemon (pid" in second.stderr and "is running on this state directory" in second.stderr
        status = subprocess.run([sys.executable, "-m", "monitor", "--config", str(cfg), "status"], cwd=tmp_path,
                                capture_output=True, text=True, timeout=30)
        assert "daemon: running since" in status.stdout and "source local: last poll" in status.stdout
    finally:
        first.send_signal(signal.SIGTERM)
        t0 = time.monotonic()
        assert first.wait(timeout=10) == 0
        assert time.monotonic() - t0 < 10
    assert "monitor daemon stopped" in (tmp_path / "daemon.log").read_text()


def test_new_item_reaches_the_webhook_within_interval_plus_5s(tmp_path, feed, webhook_server):
    feed.add(1)
    cfg = write_config(tmp_path, feed, webhook_server, interval=2)
    proc = start(cfg, tmp_path)
    try:
        assert wait_for(lambda: len(webhook_server.requests) >= 1, 20), (tmp_path / "daemon.log").read_text()
        feed.add(1)
        t0 = time.monotonic()
        assert wait_for(lambda: len(webhook_server.requests) >= 2, 2 + 5, step=0.05), (tmp_path / "daemon.log").read_text()
        assert time.monotonic() - t0 <= 7
        r = webhook_server.requests[1]
        assert verify(b"k3y", r["body"], r["headers"]["X-Monitor-Signature"])
        assert json.loads(r["body"])["counterpart"] == "LA"
    finally:
        proc.send_signal(signal.SIGTERM)
        assert proc.wait(timeout=10) == 0


def test_sigkill_in_a_delivery_and_in_a_poll_loses_nothing(tmp_path, feed, webhook_server):
    release = threading.Event()
    real_default = webhook_server.default

    # the receiver holds the first request until the daemon has been killed in the middle of it
    original = webhook_server.httpd.RequestHandlerClass.do_POST

    def slow_post(handler):
        if not release.is_set():
            release.wait(15)
        original(handler)

    webhook_server.httpd.RequestHandlerClass.do_POST = slow_post
    feed.add(3)
    cfg = write_config(tmp_path, feed, webhook_server)

    # 1. killed while a webhook POST is in flight
    proc = start(cfg, tmp_path, "run1")
    assert wait_for(lambda: len(db_rows(tmp_path, "SELECT id FROM alerts")) >= 3, 30), (tmp_path / "run1.log").read_text()
    assert wait_for(lambda: db_rows(tmp_path, "SELECT 1 FROM deliveries WHERE attempts = 0 AND next_attempt_at > "
                                              "strftime('%s','now') + 5"), 15)  # a delivery is claimed: a POST is out
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=10)
    release.set()

    # 2. killed while it fetches an article (the article server is slow)
    feed.article_delay = 3.0
    feed.add(3)
    proc = start(cfg, tmp_path, "run2")
    time.sleep(2.5)  # the feed is read and the first new article is being fetched
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=10)
    feed.article_delay = 0.0

    # 3. a restart delivers everything
    proc = start(cfg, tmp_path, "run3")
    try:
        def all_sent():
            rows = db_rows(tmp_path, "SELECT state, count(*) FROM deliveries GROUP BY state")
            alerts = db_rows(tmp_path, "SELECT count(*) FROM alerts")
            return alerts and alerts[0][0] == 6 and dict(rows).get("sent") == 6
        assert wait_for(all_sent, 45), [(tmp_path / f"run{i}.log").read_text()[-2000:] for i in (1, 2, 3)]
    finally:
        proc.send_signal(signal.SIGTERM)
        assert proc.wait(timeout=10) == 0
    webhook_server.default = real_default

    articles = db_rows(tmp_path, "SELECT count(*) FROM articles")[0][0]
    assert articles == 6  # every item once, none lost, none twice
    alert_ids = {r[0] for r in db_rows(tmp_path, "SELECT id FROM alerts")}
    got = received_ids(webhook_server)
    assert set(got) == alert_ids  # every alert reached the webhook
    duplicates = {i for i in got if got.count(i) > 1}
    assert len(duplicates) <= 1  # only the one in flight when the process was killed may come twice
    for r in webhook_server.requests:
        assert verify(b"k3y", r["body"], r["headers"]["X-Monitor-Signature"])
    assert db_rows(tmp_path, "PRAGMA integrity_check") == [("ok",)]
