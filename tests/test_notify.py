"""Delivery: the outbox, email, signed webhooks and Apprise, against real servers on 127.0.0.1."""

from __future__ import annotations

import json
import threading
import time

import pytest

from monitor import notify
from monitor.config import ConfigError, EmailConfig, NotifyConfig, WebhookConfig, parse
from monitor.models import Alert
from monitor.notify import outbox
from monitor.notify.email import build_message, message_id
from monitor.store import Store

SECRET = "s3cret-for-tests"


def make_alert(i: int = 0, **changes) -> Alert:
    fields = {
        "id": f"cn-newyear-2025-{i:04d}", "severity": "high", "rule": "precedent", "counterpart": "CN",
        "direction": "cooling", "date": "2025-01-01",
        "subject": "CN: New Year card reduced to a title, text withheld",
        "summary": "KCNA reported Xi Jinping's New Year card by title only; last year it ran the full text.",
        "evidence": "Kim Jong Un received a New Year card from Xi Jinping.",
        "precedent": {"date": "2024-01-01", "outlet": "KCNA", "evidence": "The card reads: Dear Comrade...",
                      "url": "https://kcna.example/2024/0101.html"},
        "event_id": f"ev{i}", "link": "https://kcna.example/2025/0101.html",
    }
    fields.update(changes)
    return Alert(**fields)


@pytest.fixture
def store(tmp_path):
    with Store(tmp_path / "state") as s:
        yield s


def raise_alerts(store: Store, cfg: NotifyConfig, alerts: list[Alert], now: float | None = None) -> None:
    """What the pipeline does: the alert and its deliveries in one transaction."""
    with store.transaction():
        for a in alerts:
            assert store.add_alert(a, notify.channel_names(cfg), now=now)


def email_cfg(port: int, **changes) -> EmailConfig:
    fields = {"host": "127.0.0.1", "port": port, "starttls": False, "sender": "monitor@desk.example",
                  "to": ("analyst@desk.example", "editor@desk.example"), "timeout_seconds": 5.0}
    fields.update(changes)
    return EmailConfig(**fields)


def webhook_cfg(url: str, **changes) -> WebhookConfig:
    fields = {"url": url, "secret_env": "MONITOR_TEST_WEBHOOK_SECRET", "timeout_seconds": 5.0}
    fields.update(changes)
    return WebhookConfig(**fields)


@pytest.fixture(autouse=True)
def _secret(monkeypatch):
    monkeypatch.setenv("MONITOR_TEST_WEBHOOK_SECRET", SECRET)


def states(store: Store) -> dict[tuple[str, str], dict]:
    return {(d["alert_id"], d["channel"]): d for d in store.deliveries()}


# --- (1) SMTP down while alerts are raised, up later: every alert arrives, once ------------------------

def test_smtp_down_then_up_every_alert_arrives_once(store, smtp_port, smtp_start):
    cfg = NotifyConfig(email=email_cfg(smtp_port))
    alerts = [make_alert(i) for i in range(3)]
    t0 = time.time()
    raise_alerts(store, cfg, alerts, now=t0)

    counts = notify.deliver_due(store, cfg, now=t0)
    assert counts == {"sent": 0, "retry": 3, "failed": 0, "skipped": 0}
    for d in store.deliveries():
        assert d["state"] == "pending" and d["attempts"] == 1
        assert d["last_error"] == f"cannot connect to 127.0.0.1:{smtp_port}: Connection refused"
        assert t0 + 4 <= d["next_attempt_at"] <= t0 + 6  # 5 s +/- 20 %

    assert notify.deliver_due(store, cfg, now=t0 + 1) == {"sent": 0, "retry": 0, "failed": 0, "skipped": 0}

    server = smtp_start(port=smtp_port)
    assert notify.deliver_due(store, cfg, now=t0 + 10)["sent"] == 3
    assert notify.deliver_due(store, cfg, now=t0 + 10_000)["sent"] == 0

    got = [m["Message-ID"] for m in server.messages]
    assert sorted(got) == sorted(message_id(a.id, "monitor@desk.example") for a in alerts)
    assert all(e.rcpt_tos == ["analyst@desk.example", "editor@desk.example"] for e in server.envelopes)
    assert {d["state"] for d in store.deliveries()} == {"sent"}
    assert all(d["attempts"] == 2 and d["sent_at"] == t0 + 10 for d in store.deliveries())


# --- (2) a webhook answering 500 twice, then 200 --------------------------------------------------------

def test_webhook_500_twice_then_200_delivered_once_signed(store, webhook_server):
    cfg = NotifyConfig(webhook=webhook_cfg(webhook_server.url))
    webhook_server.script.extend([(500, {}, "database down"), 500])
    alert = make_alert(1)
    t0 = time.time()
    raise_alerts(store, cfg, [alert], now=t0)

    assert notify.deliver_due(store, cfg, now=t0)["retry"] == 1
    d = states(store)[(alert.id, "webhook")]
    assert d["last_error"] == f"http://127.0.0.1:{webhook_server.port} answered 500 Internal Server Error: database down"
    assert notify.deliver_due(store, cfg, now=t0 + 7)["retry"] == 1
    assert notify.deliver_due(store, cfg, now=t0 + 30)["sent"] == 1
    assert notify.deliver_due(store, cfg, now=t0 + 10_000)["sent"] == 0

    assert len(webhook_server.requests) == 3
    d = states(store)[(alert.id, "webhook")]
    assert (d["state"], d["attempts"], d["last_error"]) == ("sent", 3, None)
    for req in webhook_server.requests:
        assert req["headers"]["Idempotency-Key"] == alert.id
        assert req["headers"]["Content-Type"] == "application/json; charset=utf-8"
        assert notify.verify(SECRET.encode(), req["body"], req["headers"]["X-Monitor-Signature"])
        assert not notify.verify(b"wrong", req["body"], req["headers"]["X-Monitor-Signature"])
    body = json.loads(webhook_server.requests[-1]["body"])
    assert sorted(body) == sorted(["schema", "id", "severity", "rule", "counterpart", "direction", "date", "subject",
                                   "summary", "evidence", "link", "precedent", "sent_at"])
    assert body["schema"] == "protocol-monitor.alert/1"
    assert body["id"] == alert.id and body["precedent"] == alert.precedent and body["counterpart"] == "CN"


def test_sign_is_stripe_style_hmac_over_t_dot_body():
    import hashlib
    import hmac

    body = b'{"id":"x"}'
    expected = hmac.new(b"k", b"1700000000." + body, hashlib.sha256).hexdigest()
    assert notify.sign(b"k", body, 1700000000) == f"t=1700000000,v1={expected}"
    header = notify.sign(b"k", body, 1700000000)
    assert notify.verify(b"k", body, header, now=1700000100)
    assert not notify.verify(b"k", body, header, now=1700001000)  # too old: a replay
    assert not notify.verify(b"k", body + b" ", header, now=1700000000)
    assert not notify.verify(b"k", body, "garbage")


# --- (3) a 400 fails at once; 429 is retried after Retry-After ------------------------------------------

def test_webhook_400_fails_at_once(store, webhook_server):
    cfg = NotifyConfig(webhook=webhook_cfg(webhook_server.url))
    webhook_server.default = 400
    webhook_server.script.append((400, {}, "unknown field 'precedent'"))
    alert = make_alert(2)
    raise_alerts(store, cfg, [alert])
    assert notify.deliver_due(store, cfg) == {"sent": 0, "retry": 0, "failed": 1, "skipped": 0}
    d = states(store)[(alert.id, "webhook")]
    assert d["state"] == "failed" and d["attempts"] == 1
    assert d["last_error"] == (f"http://127.0.0.1:{webhook_server.port} answered 400 Bad Request: "
                               "unknown field 'precedent'")
    assert notify.deliver_due(store, cfg, now=time.time() + 10_000)["failed"] == 0
    assert len(webhook_server.requests) == 1


def test_webhook_429_waits_for_retry_after(store, webhook_server):
    cfg = NotifyConfig(webhook=webhook_cfg(webhook_server.url))
    webhook_server.script.append((429, {"Retry-After": "120"}, ""))
    alert = make_alert(3)
    t0 = time.time()
    raise_alerts(store, cfg, [alert], now=t0)
    assert notify.deliver_due(store, cfg, now=t0)["retry"] == 1
    assert states(store)[(alert.id, "webhook")]["next_attempt_at"] == pytest.approx(t0 + 120, abs=2)


# --- (4) a delivery older than max_age is marked failed -------------------------------------------------

def test_delivery_older_than_max_age_is_failed(store, webhook_server):
    cfg = NotifyConfig(webhook=webhook_cfg(webhook_server.url), max_age_seconds=86_400)
    webhook_server.default = 503
    t0 = time.time()
    old, young = make_alert(4), make_alert(5)
    raise_alerts(store, cfg, [old], now=t0 - 2 * 86_400)
    raise_alerts(store, cfg, [young], now=t0 - 86_400 + 3)
    assert notify.deliver_due(store, cfg, now=t0) == {"sent": 0, "retry": 1, "failed": 1, "skipped": 0}
    d = states(store)
    where = f"http://127.0.0.1:{webhook_server.port}"
    assert d[(old.id, "webhook")]["state"] == "failed"
    assert d[(old.id, "webhook")]["last_error"] == (f"{where} answered 503 Service Unavailable "
                                                   "(gave up after 1 attempt in 2 d; max_age_seconds = 86400)")
    # the young one is retried once more, exactly when it reaches max_age, and then given up
    assert d[(young.id, "webhook")]["state"] == "pending"
    assert d[(young.id, "webhook")]["next_attempt_at"] == pytest.approx(t0 + 3)
    notify.deliver_due(store, cfg, now=t0 + 3)
    d = states(store)[(young.id, "webhook")]
    assert d["state"] == "failed" and d["attempts"] == 2
    assert d["last_error"].endswith("(gave up after 2 attempts in 1 d; max_age_seconds = 86400)")


# --- (5) the HTML part escapes article text; both parts carry evidence, precedent and links ---------------

def test_email_html_escapes_script_and_carries_evidence(store, smtp_server):
    cfg = NotifyConfig(email=email_cfg(smtp_server.port))
    alert = make_alert(6, evidence='He said <script>alert("x")</script> & left',
                       summary="<b>bold</b> claim", precedent={"date": "2024-01-01", "outlet": "Rodong <Sinmun>",
                                                               "evidence": "<img src=x onerror=alert(1)>",
                                                               "url": "https://kcna.example/a?b=1&c=2"})
    raise_alerts(store, cfg, [alert])
    assert notify.deliver_due(store, cfg)["sent"] == 1
    [msg] = smtp_server.messages
    assert msg["Subject"] == "[protocol-monitor] HIGH CN: New Year card reduced to a title, text withheld"
    assert msg["To"] == "analyst@desk.example, editor@desk.example"
    assert msg["Message-ID"] == "<cn-newyear-2025-0006.alert@desk.example>"
    text = msg.get_body(("plain",)).get_content()
    page = msg.get_body(("html",)).get_content()
    assert '<script>alert("x")</script>' in text and "<img src=x" in text
    assert "<script" not in page and "<img" not in page and "<b>" not in page
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; left" in page
    assert "Rodong &lt;Sinmun&gt;" in page
    assert '<a href="https://kcna.example/a?b=1&amp;c=2">' in page
    for part in (text, page):
        assert "kcna.example/2025/0101.html" in part and "2024-01-01" in part and alert.id in part


def test_message_id_is_stable_and_safe():
    assert message_id("a b/c<d>", "x@news.example") == "<a-b-c-d.alert@news.example>"
    assert message_id("abc", "nobody") == "<abc.alert@protocol-monitor.invalid>"
    a = make_alert(7).as_dict()
    m1, m2 = build_message(email_cfg(25), a), build_message(email_cfg(25), a)
    assert m1["Message-ID"] == m2["Message-ID"]


# --- (6) STARTTLS against a self-signed certificate, with a login -------------------------------------

def test_starttls_with_ca_file_and_login(store, smtp_start, smtp_tls_cert, monkeypatch):
    cert, key = smtp_tls_cert
    server = smtp_start(tls_cert=(cert, key), logins={"monitor": "hunter2"})
    monkeypatch.setenv("MONITOR_TEST_SMTP_PASSWORD", "hunter2")
    cfg = NotifyConfig(email=email_cfg(server.port, starttls=True, ca_file=cert, username="monitor",
                                       password_env="MONITOR_TEST_SMTP_PASSWORD"))
    raise_alerts(store, cfg, [make_alert(8)])
    assert notify.deliver_due(store, cfg)["sent"] == 1
    assert len(server.messages) == 1 and server.logins_tried == ["monitor"]

    [(channel, ok, what)] = notify.send_test(cfg)
    assert (channel, ok) == ("email", True)
    assert what == (f"sent to analyst@desk.example, editor@desk.example via 127.0.0.1:{server.port} (STARTTLS)")


def test_starttls_untrusted_cert_is_retried_with_the_reason(store, smtp_start, smtp_tls_cert):
    server = smtp_start(tls_cert=smtp_tls_cert)
    cfg = NotifyConfig(email=email_cfg(server.port, starttls=True))
    raise_alerts(store, cfg, [make_alert(9)])
    assert notify.deliver_due(store, cfg)["retry"] == 1
    [d] = store.deliveries()
    assert d["last_error"] == (f"STARTTLS with 127.0.0.1:{server.port} failed: "
                               "TLS certificate not trusted: self-signed certificate")
    # tls_verify = false accepts it
    cfg = NotifyConfig(email=email_cfg(server.port, starttls=True, tls_verify=False))
    assert notify.deliver_due(store, cfg, now=time.time() + 60)["sent"] == 1


def test_bad_smtp_password_fails_at_once(store, smtp_start, smtp_tls_cert, monkeypatch):
    server = smtp_start(tls_cert=smtp_tls_cert, logins={"monitor": "hunter2"})
    monkeypatch.setenv("MONITOR_TEST_SMTP_PASSWORD", "wrong")
    cfg = NotifyConfig(email=email_cfg(server.port, starttls=True, tls_verify=False, username="monitor",
                                       password_env="MONITOR_TEST_SMTP_PASSWORD"))
    raise_alerts(store, cfg, [make_alert(10), make_alert(11)])
    assert notify.deliver_due(store, cfg) == {"sent": 0, "retry": 0, "failed": 2, "skipped": 0}
    # smtplib tries AUTH PLAIN, then AUTH LOGIN, in one login(); the second alert does not log in again
    assert server.logins_tried == ["monitor", "monitor"]
    for d in store.deliveries():
        assert d["last_error"] == (f"127.0.0.1:{server.port} refused the login as monitor: "
                                   "535 5.7.8 Authentication credentials invalid")


def test_missing_password_variable_fails_naming_it(store, smtp_server, monkeypatch):
    monkeypatch.delenv("MONITOR_TEST_NO_SUCH_VAR", raising=False)
    cfg = NotifyConfig(email=email_cfg(smtp_server.port, username="monitor", password_env="MONITOR_TEST_NO_SUCH_VAR"))
    raise_alerts(store, cfg, [make_alert(12)])
    assert notify.deliver_due(store, cfg)["failed"] == 1
    [d] = store.deliveries()
    assert d["last_error"] == ("environment variable MONITOR_TEST_NO_SUCH_VAR is not set "
                               "(notify.email.password_env names it); set it in the service's environment")
    assert smtp_server.messages == []


# --- (7) send_test reports the exact error ---------------------------------------------------------------

def test_send_test_reports_exact_error_per_channel(smtp_port, webhook_server, monkeypatch):
    monkeypatch.delenv("MONITOR_TEST_MISSING_SECRET", raising=False)
    cfg = NotifyConfig(email=email_cfg(smtp_port),
                       webhook=webhook_cfg(webhook_server.url, secret_env="MONITOR_TEST_MISSING_SECRET"))
    assert notify.send_test(cfg) == [
        ("email", False, f"cannot connect to 127.0.0.1:{smtp_port}: Connection refused"),
        ("webhook", False, ("environment variable MONITOR_TEST_MISSING_SECRET is not set "
                            "(notify.webhook.secret_env names it); set it in the service's environment")),
    ]
    cfg = NotifyConfig(webhook=webhook_cfg(webhook_server.url))
    [(name, ok, what)] = notify.send_test(cfg)
    assert (name, ok) == ("webhook", True) and what.startswith(f"http://127.0.0.1:{webhook_server.port} answered 200 OK in ")
    assert json.loads(webhook_server.requests[0]["body"])["rule"] == "test"
    assert notify.send_test(NotifyConfig()) == []


def test_webhook_unreachable_is_retried(store):
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    cfg = NotifyConfig(webhook=webhook_cfg(f"http://127.0.0.1:{port}/hook?token=secret"))
    raise_alerts(store, cfg, [make_alert(13), make_alert(14)])
    assert notify.deliver_due(store, cfg)["retry"] == 2
    errors = {d["last_error"] for d in store.deliveries()}
    assert errors == {f"cannot connect to http://127.0.0.1:{port}: Connection refused"}  # no path, no token


# --- Slack format, Apprise ---------------------------------------------------------------------------------

def test_slack_format_is_signed_text(store, webhook_server):
    cfg = NotifyConfig(webhook=webhook_cfg(webhook_server.url, format="slack"))
    raise_alerts(store, cfg, [make_alert(15, evidence="a <b> & c")])
    assert notify.deliver_due(store, cfg)["sent"] == 1
    [req] = webhook_server.requests
    body = json.loads(req["body"])
    assert list(body) == ["text"]
    assert body["text"].startswith("*[HIGH] CN: New Year card reduced to a title, text withheld*")
    assert "> a &lt;b&gt; &amp; c" in body["text"]
    assert "<https://kcna.example/2025/0101.html|Source>" in body["text"]
    assert notify.verify(SECRET.encode(), req["body"], req["headers"]["X-Monitor-Signature"])


@pytest.mark.filterwarnings("ignore:'imghdr' is deprecated:DeprecationWarning")  # inside apprise
def test_apprise_json_url_to_local_receiver(store, webhook_server):
    url = f"json://127.0.0.1:{webhook_server.port}/apprise"
    cfg = NotifyConfig(apprise=(url,))
    assert notify.channel_names(cfg) == ["apprise"]
    alert = make_alert(16)
    raise_alerts(store, cfg, [alert])
    assert notify.deliver_due(store, cfg)["sent"] == 1
    [req] = webhook_server.requests
    assert req["path"] == "/apprise"
    body = json.loads(req["body"])
    assert body["title"] == notify.render_subject(alert.as_dict())
    assert alert.evidence in body["message"]

    webhook_server.default = 500
    raise_alerts(store, cfg, [make_alert(17)])
    assert notify.deliver_due(store, cfg)["retry"] == 1
    d = states(store)[(make_alert(17).id, "apprise")]
    assert d["last_error"].startswith("apprise could not deliver to every URL: ")
    assert "500" in d["last_error"]


# --- the outbox: channels, severity, deliver_until, claims, alerts_table ------------------------------------

def test_channel_names_and_min_severity_skip(store, webhook_server, smtp_server):
    cfg = NotifyConfig(email=email_cfg(smtp_server.port, min_severity="high"),
                       webhook=webhook_cfg(webhook_server.url), apprise=("json://127.0.0.1:1/x",))
    assert notify.channel_names(cfg) == ["email", "webhook", "apprise"]
    assert notify.channel_names(cfg, severity="low") == ["webhook", "apprise"]
    cfg = NotifyConfig(email=cfg.email, webhook=cfg.webhook)
    low = make_alert(18, severity="low")
    raise_alerts(store, cfg, [low])
    assert notify.deliver_due(store, cfg) == {"sent": 1, "retry": 0, "failed": 0, "skipped": 1}
    d = states(store)[(low.id, "email")]
    assert (d["state"], d["attempts"], d["last_error"]) == ("skipped", 0, "severity low is below min_severity high")
    assert smtp_server.messages == []


def test_removed_channel_is_skipped(store, webhook_server):
    cfg = NotifyConfig(webhook=webhook_cfg(webhook_server.url))
    raise_alerts(store, cfg, [make_alert(19)])
    assert notify.deliver_due(store, NotifyConfig())["skipped"] == 1
    assert store.deliveries()[0]["last_error"] == "channel webhook is no longer configured"


def test_deliver_until_waits_out_the_backoff(store, webhook_server, monkeypatch):
    monkeypatch.setattr(outbox, "RETRY_FIRST_SECONDS", 0.05)
    cfg = NotifyConfig(webhook=webhook_cfg(webhook_server.url))
    webhook_server.script.extend([500, 500])
    raise_alerts(store, cfg, [make_alert(20)])
    started = time.monotonic()
    counts = notify.deliver_until(store, cfg, timeout=10)
    assert counts == {"sent": 1, "retry": 2, "failed": 0, "skipped": 0}
    assert time.monotonic() - started < 5
    assert store.next_pending_at() is None


def test_deliver_until_leaves_pending_what_is_not_due_in_time(store, webhook_server):
    cfg = NotifyConfig(webhook=webhook_cfg(webhook_server.url))
    webhook_server.default = 500
    raise_alerts(store, cfg, [make_alert(21)])
    started = time.monotonic()
    assert notify.deliver_until(store, cfg, timeout=1) == {"sent": 0, "retry": 1, "failed": 0, "skipped": 0}
    assert time.monotonic() - started < 1  # the next try (about 5 s away) falls after the timeout: no waiting
    assert store.deliveries()[0]["state"] == "pending"


def test_stop_is_checked_between_deliveries(store, webhook_server):
    cfg = NotifyConfig(webhook=webhook_cfg(webhook_server.url))
    raise_alerts(store, cfg, [make_alert(i) for i in range(30, 33)])
    stop = threading.Event()
    stop.set()
    assert notify.deliver_due(store, cfg, stop=stop)["sent"] == 0
    assert notify.deliver_until(store, cfg, timeout=5, stop=stop)["sent"] == 0
    assert store.delivery_counts() == {"pending": 3}


def test_a_claimed_delivery_is_not_sent_twice(store, webhook_server):
    cfg = NotifyConfig(webhook=webhook_cfg(webhook_server.url))
    alert = make_alert(22)
    t0 = time.time()
    raise_alerts(store, cfg, [alert], now=t0)
    assert store.claim_delivery(alert.id, "webhook", t0, 300)  # another process took it
    assert not store.claim_delivery(alert.id, "webhook", t0, 300)
    assert notify.deliver_due(store, cfg, now=t0 + 1)["sent"] == 0
    assert notify.deliver_due(store, cfg, now=t0 + 301)["sent"] == 1  # the lease ran out: it was never sent
    assert len(webhook_server.requests) == 1


def test_requeue_after_fixing_a_missing_secret(store, webhook_server, monkeypatch):
    monkeypatch.delenv("MONITOR_TEST_WEBHOOK_SECRET")
    cfg = NotifyConfig(webhook=webhook_cfg(webhook_server.url))
    raise_alerts(store, cfg, [make_alert(26), make_alert(27)])
    assert notify.deliver_due(store, cfg)["failed"] == 2
    assert webhook_server.requests == []
    monkeypatch.setenv("MONITOR_TEST_WEBHOOK_SECRET", SECRET)
    assert notify.requeue(store, alert_id=make_alert(26).id) == 1
    assert notify.deliver_due(store, cfg) == {"sent": 1, "retry": 0, "failed": 0, "skipped": 0}
    assert notify.requeue(store) == 1
    assert notify.deliver_due(store, cfg)["sent"] == 1
    assert store.delivery_counts() == {"sent": 2}


def test_alerts_table(store, webhook_server, smtp_port):
    cfg = NotifyConfig(email=email_cfg(smtp_port), webhook=webhook_cfg(webhook_server.url))
    alert = make_alert(23, counterpart=("CN", "RU"))
    raise_alerts(store, cfg, [alert])
    notify.deliver_due(store, cfg)
    [row] = notify.alerts_table(store)
    assert row["id"] == alert.id and row["counterpart"] == ["CN", "RU"]
    email, webhook = row["deliveries"]
    assert (email["channel"], email["state"], email["attempts"]) == ("email", "pending", 1)
    assert email["last_error"] == f"cannot connect to 127.0.0.1:{smtp_port}: Connection refused"
    assert email["next_attempt_at"] is not None
    assert (webhook["channel"], webhook["state"], webhook["attempts"], webhook["last_error"]) == (
        "webhook", "sent", 1, None)
    assert webhook["sent_at"] is not None


def test_backoff_doubles_with_jitter_and_caps_at_an_hour():
    assert [notify.backoff(n, rand=lambda: 0.5) for n in range(4)] == [5, 10, 20, 40]
    assert notify.backoff(0, rand=lambda: 0.0) == pytest.approx(4)
    assert notify.backoff(0, rand=lambda: 1.0) == pytest.approx(6)
    assert notify.backoff(50, rand=lambda: 0.5) == 3600


def test_render_subject_is_one_line_and_falls_back_to_summary():
    a = make_alert(24, subject="", summary="Line one\nline two", counterpart=("CN", "RU")).as_dict()
    assert notify.render_subject(a) == "[protocol-monitor] HIGH CN, RU: Line one line two"
    long = make_alert(25, subject="x" * 500).as_dict()
    assert len(notify.render_subject(long)) == 200


def test_config_apprise_and_tls_keys(tmp_path):
    cfg = parse({"notify": {"apprise": ["ntfy://ntfy.example/topic"],
                            "email": {"host": "smtp.example.org", "to": "a@example.org", "ca_file": "ca.pem",
                                      "tls_verify": False}}}, base=tmp_path)
    assert cfg.notify.apprise == ("ntfy://ntfy.example/topic",)
    assert cfg.notify.email is not None and cfg.notify.email.ca_file == str(tmp_path / "ca.pem")
    assert cfg.notify.email.tls_verify is False
    with pytest.raises(ConfigError) as e:
        parse({"notify": {"apprise": ["not a url"]}})
    assert str(e.value) == ('config: notify.apprise must be a list of Apprise URLs such as "ntfy://ntfy.sh/topic", '
                            "got ['not a url']")
