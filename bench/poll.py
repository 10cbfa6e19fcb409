"""Poll many local feeds twice: a first pass, then a conditional pass that should be all 304s.

    .venv/bin/python bench/poll.py                      # 500 feeds x 20 items, follow_links off
    .venv/bin/python bench/poll.py --feeds 50 --follow  # articles served locally and followed too

A server in a child process on 127.0.0.1 serves /feed/<i>.xml (20 items each, an ETag per feed, 304
when it matches) and, with --follow, every item's article page. The client polls each feed with
monitor.fetch.Fetcher into a store in a temporary directory, storing each document as the pipeline
does (store.add_article). host_interval_seconds is 0: with pacing on, 500 feeds on one host would take
500 s by design. Printed per pass: wall time, requests the server answered, requests per second,
documents, and the client's CPU time (which a busy machine does not inflate as it does wall time); and
the client's peak memory (ru_maxrss; the server process is not counted).
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

GOALS = {"first": 60.0, "second": 10.0, "rss_mb": 200.0}


# --- the server (child process) -----------------------------------------------------------------------

def _feed(base: str, i: int, items: int) -> bytes:
    entries = []
    for j in range(items):
        entries.append(
            f"<item><title>Message {i}-{j}: greetings to the president on the national day</title>"
            f"<link>{base}/article/{i}/{j}.html?utm_source=rss</link><guid>{base}/article/{i}/{j}.html</guid>"
            f"<pubDate>Tue, 02 Dec 2025 08:{j % 60:02d}:00 +0900</pubDate>"
            f"<description>Kim Jong Un sent a message of greetings to the president of country {i} on the "
            f"occasion of its national day, item {j}. The message expressed the hope that the friendly relations "
            f"between the two countries would grow stronger in the common cause.</description></item>")
    return (f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Feed {i}</title>'
            f"<link>{base}/</link><description>bench feed</description>{''.join(entries)}</channel></rss>").encode()


def _article(i: int, j: int) -> bytes:
    paras = "".join(
        f"<p>Paragraph {k} of message {i}-{j}: the message said that the traditional relations of friendship "
        f"and cooperation between the two parties and two countries would grow stronger in the new era.</p>"
        for k in range(6))
    related = "".join(f"<li><a href='/article/{i}/{k}.html'>Other headline number {k}</a></li>" for k in range(8))
    return (f"<!DOCTYPE html><html><head><meta charset='utf-8'><title>Message {i}-{j}</title>"
            f"<meta property='article:published_time' content='2025-12-02T08:00:00+09:00'></head><body>"
            f"<header><nav><a href='/'>Home</a> <a href='/news'>News</a> <a href='/about'>About</a></nav></header>"
            f"<main><article><h1>Message {i}-{j}</h1>{paras}</article></main>"
            f"<aside class='related'><h3>Related</h3><ul>{related}</ul></aside>"
            f"<footer><p>Copyright bench site. All rights reserved.</p></footer></body></html>").encode()


def serve(items: int) -> None:
    hits = {"n": 0}
    lock = threading.Lock()

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"
        disable_nagle_algorithm = True  # headers and body go out in two writes: no 40 ms delayed-ACK stall

        def log_message(self, *args: Any) -> None:
            pass

        def do_GET(self) -> None:
            path = self.path.split("?")[0]
            if path == "/stats":
                return self._send(200, json.dumps(hits).encode(), "application/json")
            with lock:
                hits["n"] += 1
            base = f"http://{self.headers['Host']}"
            if path.startswith("/feed/"):
                i = int(path[6:].split(".")[0])
                etag = f'"feed-{i}-v1"'
                if self.headers.get("If-None-Match") == etag:
                    return self._send(304, b"", "application/rss+xml", etag)
                return self._send(200, _feed(base, i, items), "application/rss+xml", etag)
            if path.startswith("/article/"):
                i, j = path[9:].removesuffix(".html").split("/")
                return self._send(200, _article(int(i), int(j)), "text/html; charset=utf-8")
            return self._send(404, b"not found", "text/plain")  # robots.txt included: no rules

        def _send(self, status: int, body: bytes, ctype: str, etag: str | None = None) -> None:
            self.send_response(status)
            self.send_header("Content-Type", ctype)
            self.send_header("Content-Length", str(len(body)))
            if etag:
                self.send_header("ETag", etag)
            self.end_headers()
            if status != 304:
                self.wfile.write(body)

    class Server(ThreadingHTTPServer):
        daemon_threads = True

        def handle_error(self, request: Any, client_address: Any) -> None:
            if not isinstance(sys.exc_info()[1], ConnectionError):  # the client going away at the end
                super().handle_error(request, client_address)

    server = Server(("127.0.0.1", 0), Handler)
    print(server.server_address[1], flush=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    sys.stdin.read()  # until the parent closes our stdin
    server.shutdown()


# --- the client ---------------------------------------------------------------------------------------

def _hits(port: int) -> int:
    import httpx
    return int(httpx.get(f"http://127.0.0.1:{port}/stats", trust_env=False).json()["n"])


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--feeds", type=int, default=500)
    ap.add_argument("--items", type=int, default=20)
    ap.add_argument("--follow", action="store_true", help="follow each item to its (local) article page")
    ap.add_argument("--serve", action="store_true", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.serve:
        return serve(args.items)

    from monitor.config import FetchConfig, SourceConfig
    from monitor.fetch import Fetcher
    from monitor.store import Store

    child = subprocess.Popen([sys.executable, __file__, "--serve", "--items", str(args.items)],
                             stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    assert child.stdout is not None and child.stdin is not None
    port = int(child.stdout.readline())
    print(f"{args.feeds} feeds x {args.items} items on 127.0.0.1:{port}, follow_links "
          f"{'on (articles served locally)' if args.follow else 'off'}, host_interval_seconds 0")
    sources = [SourceConfig(name=f"feed-{i}", kind="feed", url=f"http://127.0.0.1:{port}/feed/{i}.xml",
                            allow_private=True, follow_links=args.follow, timeout_seconds=20)
               for i in range(args.feeds)]
    results = {}
    try:
        with tempfile.TemporaryDirectory(prefix="bench-poll-") as state, Store(state) as store:
            fetcher = Fetcher(FetchConfig(contact="bench@example.org", host_interval_seconds=0), store)
            for name in ("first", "second"):
                before = _hits(port)
                t0, c0 = time.perf_counter(), time.process_time()
                docs = errors = 0
                statuses: dict[int | None, int] = {}
                for s in sources:
                    r = fetcher.poll(s, force=True)
                    statuses[r.status] = statuses.get(r.status, 0) + 1
                    errors += r.error is not None
                    for d in r.documents:  # what the pipeline does with them
                        store.add_article(d.source, d.title, d.text)
                    docs += len(r.documents)
                wall, cpu = time.perf_counter() - t0, time.process_time() - c0
                requests = _hits(port) - before
                results[name] = wall
                print(f"{name:6} pass: {wall:6.2f} s wall ({cpu:5.2f} s client CPU), {requests:6d} requests,"
                      f" {requests / wall:5.0f} req/s, {docs:6d} new documents, {errors} errors, statuses {statuses}")
            fetcher.close()
    finally:
        child.stdin.close()
        child.wait(10)
    rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak memory (client, ru_maxrss): {rss_mb:.0f} MB")
    verdict = (results["first"] < GOALS["first"] and results["second"] < GOALS["second"]
               and rss_mb < GOALS["rss_mb"])
    print(f"goals (first < {GOALS['first']:.0f} s, second < {GOALS['second']:.0f} s, memory < "
          f"{GOALS['rss_mb']:.0f} MB): {'met' if verdict else 'NOT met'}")


if __name__ == "__main__":
    main()
