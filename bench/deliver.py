"""Delivery benchmark: N alerts through the outbox to a local webhook and a local SMTP server (aiosmtpd).

    .venv/bin/python bench/deliver.py                      # 1,000 alerts, email + webhook
    .venv/bin/python bench/deliver.py --channels webhook   # one channel

The receivers run in a child process on 127.0.0.1, so the figures (time, ru_maxrss) are the delivering
process's alone. Prints alerts per second (an alert counts when every channel has it) and peak memory.
"""

from __future__ import annotations

import argparse
import collections
import multiprocessing
import os
import resource
import sys
import tempfile
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from monitor import notify  # noqa: E402 (after the path set-up above)
from monitor.config import EmailConfig, NotifyConfig, WebhookConfig  # noqa: E402
from monitor.models import Alert  # noqa: E402
from monitor.store import Store  # noqa: E402

SECRET = "bench-secret"


def receivers(conn: Any) -> None:
    """Child process: an aiosmtpd server and a webhook receiver; reports counts when told to stop."""
    from aiosmtpd.controller import Controller

    counts: collections.Counter[str] = collections.Counter()
    lock = threading.Lock()

    class SmtpHandler:
        async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
            with lock:
                counts["smtp"] += 1
            return "250 OK"

    class PortZero(Controller):
        def _trigger_server(self) -> None:
            self.port = self.server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
            super()._trigger_server()

    class Hook(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def do_POST(self) -> None:
            body = self.rfile.read(int(self.headers["Content-Length"]))
            good = notify.verify(SECRET.encode(), body, self.headers.get("X-Monitor-Signature", ""))
            with lock:
                counts["webhook"] += 1
                counts["bad_signature"] += not good
            self.send_response(200)
            self.send_header("Content-Length", "0")
            self.end_headers()

        def log_message(self, format: str, *args: Any) -> None:
            pass

    smtp = PortZero(SmtpHandler(), hostname="127.0.0.1", port=0)
    smtp.start()
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Hook)
    httpd.daemon_threads = True
    threading.Thread(target=httpd.serve_forever, args=(0.05,), daemon=True).start()
    conn.send((smtp.port, httpd.server_address[1]))
    conn.recv()  # "stop"
    conn.send(dict(counts))
    httpd.shutdown()
    smtp.stop()


def make_alert(i: int) -> Alert:
    return Alert(
        id=f"bench-{i:05d}", severity="high", rule="precedent", counterpart="CN", direction="cooling",
        date="2025-01-01", subject=f"CN: New Year card reduced to a title, text withheld (#{i})",
        summary="KCNA reported the card by title only; last year it ran the full text. " * 3,
        evidence="Kim Jong Un received a New Year card from Xi Jinping, President of the PRC. " * 4,
        precedent={"date": "2024-01-01", "outlet": "KCNA", "evidence": "The card reads: Dear Comrade... " * 10,
                   "url": "https://kcna.example/2024/0101.html"},
        event_id=f"ev{i}", link=f"https://kcna.example/2025/{i}.html",
    )


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--alerts", type=int, default=1000)
    ap.add_argument("--channels", default="email,webhook", help="comma-separated: email, webhook")
    args = ap.parse_args()
    channels = set(args.channels.split(","))

    ctx = multiprocessing.get_context("fork")
    parent, child = ctx.Pipe()
    proc = ctx.Process(target=receivers, args=(child,), daemon=True)
    proc.start()
    smtp_port, http_port = parent.recv()

    os.environ["MONITOR_BENCH_SECRET"] = SECRET
    cfg = NotifyConfig(
        email=EmailConfig(host="127.0.0.1", port=smtp_port, starttls=False, sender="monitor@bench.example",
                          to=("analyst@bench.example",)) if "email" in channels else None,
        webhook=WebhookConfig(url=f"http://127.0.0.1:{http_port}/hook", secret_env="MONITOR_BENCH_SECRET")
        if "webhook" in channels else None,
    )
    with tempfile.TemporaryDirectory() as tmp, Store(Path(tmp)) as store:
        t0 = time.perf_counter()
        with store.transaction():
            for i in range(args.alerts):
                store.add_alert(make_alert(i), notify.channel_names(cfg))
        t_write = time.perf_counter() - t0

        t0 = time.perf_counter()
        counts = notify.deliver_until(store, cfg, timeout=600)
        t_send = time.perf_counter() - t0
        parent.send("stop")
        got = parent.recv()
        proc.join(5)

    n_channels = len(notify.channel_names(cfg))
    peak_mib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"alerts: {args.alerts}, channels: {', '.join(notify.channel_names(cfg))}")
    print(f"outbox write: {t_write:.2f} s ({args.alerts / t_write:,.0f} alerts/s, one transaction)")
    print(f"delivery: {t_send:.2f} s, {args.alerts / t_send:,.0f} alerts/s "
          f"({args.alerts * n_channels / t_send:,.0f} deliveries/s)")
    print(f"outcome: {counts}; received: smtp {got.get('smtp', 0)}, webhook {got.get('webhook', 0)}, "
          f"bad signatures {got.get('bad_signature', 0)}")
    print(f"peak memory (ru_maxrss, delivering process): {peak_mib:.0f} MiB")
    expected = {c: args.alerts for c in ("email", "webhook") if c in channels}
    received = {"email": got.get("smtp", 0), "webhook": got.get("webhook", 0)}
    if counts["sent"] != args.alerts * n_channels or any(received[c] != n for c, n in expected.items()):
        sys.exit("not every alert arrived exactly once")


if __name__ == "__main__":
    main()
