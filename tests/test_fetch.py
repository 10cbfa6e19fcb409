"""monitor.fetch against a real HTTP server on 127.0.0.1: feeds, listing pages, articles, and every
bad case the issue names. No test sends traffic anywhere but loopback: DNS is guarded (only names
under .invalid, answered locally, and 'localhost' may be looked up) and so is every connection."""

from __future__ import annotations

import gzip
import ipaddress
import itertools
import logging
import random
import socket
import threading
import time
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from conftest import LocalServer, serve_local, stop_local

from monitor import fetch as fetch_mod
from monitor.config import Config, FetchConfig, SourceConfig
from monitor.fetch import Fetcher, canonical_url, html_to_text, page_date, sources_table
from monitor.store import Store

FIXTURES = Path(__file__).parent / "fetch_fixtures"
ARTICLES = FIXTURES / "articles"
NOW = 1_760_000_000.0  # 2025-10-09T08:53:20Z
MAX_BYTES = 1_000_000
BIG = 50_000_000


# --- the server -------------------------------------------------------------------------------

@dataclass
class Hit:
    path: str
    headers: dict[str, str]
    at: float


@dataclass
class Site:
    url: str
    port: int
    hits: list[Hit] = field(default_factory=list)
    sent: dict[str, int] = field(default_factory=dict)
    stop: threading.Event = field(default_factory=threading.Event)

    def paths(self) -> list[str]:
        return [h.path for h in self.hits]

    def count(self, path: str) -> int:
        return sum(1 for h in self.hits if urlsplit(h.path).path == path)


def _rss(base: str, items: list[tuple[str, str]], encoding_decl: str | None = "utf-8") -> str:
    decl = f'<?xml version="1.0" encoding="{encoding_decl}"?>\n' if encoding_decl else ""
    body = "".join(f"<item><title>{t}</title><link>{link.format(base=base)}</link>"
                   f"<pubDate>Tue, 02 Dec 2025 08:15:00 +0900</pubDate><description>{t}: summary text of the entry.</description></item>"
                   for t, link in items)
    return f'{decl}<rss version="2.0"><channel><title>test</title><link>{base}/</link>{body}</channel></rss>'


_BOMB: bytes | None = None


def _bomb() -> bytes:
    """50 MB of zeros, gzip-compressed to about 50 kB."""
    global _BOMB
    if _BOMB is None:
        c = zlib.compressobj(9, zlib.DEFLATED, 16 + zlib.MAX_WBITS)
        chunk = b"\0" * 1_000_000
        _BOMB = b"".join(c.compress(chunk) for _ in range(50)) + c.flush()
    return _BOMB


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    disable_nagle_algorithm = True  # headers and body go out in two writes: no 40 ms delayed-ACK stall
    server: Server

    def log_message(self, *args: Any) -> None:
        pass

    def send(self, status: int, body: bytes | str = b"", ctype: str = "text/plain", **headers: str) -> None:
        data = body.encode("utf-8") if isinstance(body, str) else body
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(data)))
        for k, v in headers.items():
            self.send_header(k.replace("_", "-"), v)
        self.end_headers()
        if status != 304:
            self.wfile.write(data)

    def stream(self, path: str, chunk: bytes, total: int | None, declared: int | None = None,
               pause: float = 0.0, ctype: str = "text/html") -> None:
        """Write `chunk` over and over, counting what got out, until the client goes or the total is sent."""
        self.send_response(200)
        self.send_header("Content-Type", ctype)
        if declared is not None:
            self.send_header("Content-Length", str(declared))
        self.send_header("Connection", "close")
        self.end_headers()
        site = self.server.site
        site.sent[path] = 0
        started = time.monotonic()
        try:
            while (total is None or site.sent[path] < total) and time.monotonic() - started < 15:
                if site.stop.is_set():
                    break
                self.wfile.write(chunk)
                site.sent[path] += len(chunk)
                if pause:
                    time.sleep(pause)
        except OSError:
            pass
        self.close_connection = True

    def do_GET(self) -> None:
        site = self.server.site
        site.hits.append(Hit(self.path, {k.lower(): v for k, v in self.headers.items()}, time.monotonic()))
        path = urlsplit(self.path).path
        base = site.url
        feeds = FIXTURES / "feeds"
        if path == "/robots.txt":
            self.send(200, "User-agent: *\nDisallow: /private/\n")
        elif path == "/feed.rss":
            self.send(200, (feeds / "feed.rss").read_text().replace("{base}", base), "application/rss+xml")
        elif path == "/feed.atom":
            self.send(200, (feeds / "feed.atom").read_text().replace("{base}", base), "application/atom+xml")
        elif path == "/listing.html":
            self.send(200, (feeds / "listing.html").read_text(), "text/html; charset=utf-8")
        elif path.startswith("/articles/"):
            page = ARTICLES / path.rsplit("/", 1)[1]
            if page.is_file():
                self.send(200, page.read_bytes(), "text/html")
            else:
                self.send(404, "no such article")
        elif path == "/private/secret.html":
            self.send(200, "<html><body><p>" + "Secret text that robots.txt keeps out. " * 20 + "</p></body></html>",
                      "text/html; charset=utf-8")
        elif path == "/etag.rss":
            body = _rss(base, [("Etag item", "{base}/articles/01_semantic_aside.html")])
            if self.headers.get("If-None-Match") == '"v1"':
                self.send(304, b"", "application/rss+xml", ETag='"v1"')
            else:
                self.send(200, body, "application/rss+xml", ETag='"v1"')
        elif path == "/lastmod.rss":
            stamp = "Wed, 01 Jan 2025 00:00:00 GMT"
            if self.headers.get("If-Modified-Since") == stamp:
                self.send(304, b"", "application/rss+xml")
            else:
                self.send(200, _rss(base, [("Lastmod item", "{base}/articles/02_div_soup_br.html")]),
                          "application/rss+xml", Last_Modified=stamp)
        elif path == "/gzip.rss":
            body = gzip.compress(_rss(base, [("Gzip item", "{base}/articles/04_unmarked_related.html")]).encode())
            self.send(200, body, "application/rss+xml", Content_Encoding="gzip")
        elif path == "/deflate.rss":
            c = zlib.compressobj(6, zlib.DEFLATED, -zlib.MAX_WBITS)  # raw deflate, as many servers send it
            raw = _rss(base, [("Deflate item", "{base}/articles/05_table_layout.html")]).encode()
            self.send(200, c.compress(raw) + c.flush(), "application/rss+xml", Content_Encoding="deflate")
        elif path == "/gone":
            self.send(410, "gone")
        elif path == "/missing":
            self.send(404, "not here")
        elif path == "/error":
            self.send(500, "boom")
        elif path == "/limited":
            self.send(429, "slow down", Retry_After="120")
        elif path == "/busy":
            self.send(503, "maintenance", Retry_After="Thu, 09 Oct 2025 09:53:20 GMT")  # NOW + 3600
        elif path == "/loop-a":
            self.send(302, "", Location="/loop-b")
        elif path == "/loop-b":
            self.send(302, "", Location=f"{base}/loop-a")
        elif path.startswith("/hop/"):
            n = int(path.rsplit("/", 1)[1])
            self.send(302, "", Location=f"/hop/{n - 1}" if n > 0 else "/feed.rss")
        elif path == "/to-ftp":
            self.send(301, "", Location="ftp://files.example.org/feed.xml")
        elif path == "/redirect-private":
            self.send(302, "", Location=f"http://127.0.0.2:{site.port}/feed.rss")
        elif path == "/feed-private-link.rss":
            self.send(200, _rss(base, [("Private link", f"http://127.0.0.2:{site.port}/articles/01_semantic_aside.html")]),
                      "application/rss+xml")
        elif path == "/hang":
            site.stop.wait(10)  # accept, never answer
            self.close_connection = True
        elif path == "/stall":
            self.send_response(200)
            self.send_header("Content-Type", "application/rss+xml")
            self.send_header("Content-Length", "100000")
            self.end_headers()
            self.wfile.write(b"<?xml version='1.0'?><rss version='2.0'><channel>")
            for _ in range(5):  # a trickle for 0.6 s, so a per-read timeout alone would run to 1.6 s
                time.sleep(0.12)
                self.wfile.write(b"<!-- -->")
                self.wfile.flush()
            site.stop.wait(10)  # then never another byte
            self.close_connection = True
        elif path == "/endless":
            self.stream(path, b"<item><title>more</title></item>" * 16, None, pause=0.01, ctype="application/rss+xml")
        elif path == "/big":
            self.stream(path, b"<p>" + b"A very long article. " * 3000 + b"</p>\n", BIG)
        elif path == "/big-declared":
            self.stream(path, b"<p>" + b"A very long article. " * 3000 + b"</p>\n", BIG, declared=BIG)
        elif path == "/feed-big-article.rss":
            self.send(200, _rss(base, [("Huge article", "{base}/big")]), "application/rss+xml")
        elif path == "/bomb":
            self.send(200, _bomb(), "application/rss+xml", Content_Encoding="gzip")
        elif path == "/wrong-encoding.rss":
            body = _rss(base, [("Поздравление Президенту России по случаю Дня России", "{base}/ru/1")])
            self.send(200, body.encode("cp1251"), "application/rss+xml")  # declares utf-8, is cp1251
        elif path == "/no-encoding.rss":
            body = _rss(base, [("Поздравление Президенту России по случаю Дня России", "{base}/ru/2")], None)
            self.send(200, body.encode("cp1251"), "application/rss+xml")
        elif path == "/html-not-feed":
            self.send(200, (ARTICLES / "01_semantic_aside.html").read_bytes(), "text/html; charset=utf-8")
        elif path == "/empty":
            self.send(200, b"", "application/rss+xml")
        elif path == "/malformed.rss":
            self.send(200, b"\x00\x01\x02 {{{ this is not XML at all ]]> <<<", "application/rss+xml")
        elif path == "/recoverable.rss":
            body = _rss(base, [("Trade & Culture Delegation Arrives", "{base}/articles/04_unmarked_related.html")])
            self.send(200, body.replace("&amp;", "&"), "application/rss+xml")
        elif path == "/two-articles.rss":
            self.send(200, _rss(base, [("One", "{base}/articles/01_semantic_aside.html"),
                                       ("Two", "{base}/articles/03_wordpress_comments.html")]), "application/rss+xml")
        elif path == "/pdf.rss":
            self.send(200, _rss(base, [("A PDF", "{base}/doc.pdf")]), "application/rss+xml")
        elif path == "/doc.pdf":
            self.send(200, b"%PDF-1.4 not really", "application/pdf")
        else:
            self.send(404, "no route")


class Server(LocalServer):
    site: Site


@pytest.fixture(scope="module")
def site() -> Iterator[Site]:
    server = serve_local(Handler, Server)
    port = server.server_address[1]
    server.site = Site(url=f"http://127.0.0.1:{port}", port=port)
    yield server.site
    server.site.stop.set()
    stop_local(server)


@pytest.fixture(autouse=True)
def _loopback_only(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """Fail any test that would look up a real name or connect beyond loopback."""
    violations: list[str] = []
    real_lookup = fetch_mod._getaddrinfo
    real_connect = fetch_mod._PinnedBackend.connect_tcp

    def lookup(host: str, port: int) -> list[str]:
        if host != "localhost" and not host.endswith(".invalid"):
            violations.append(f"DNS lookup of {host}")
            raise socket.gaierror(socket.EAI_NONAME, "blocked by the test")
        return real_lookup(host, port)

    def connect(self: Any, host: str, port: int, *args: Any, **kw: Any) -> Any:
        for a in self._local.pins.get(host, []):
            if not ipaddress.ip_address(a).is_loopback:
                violations.append(f"connection to {a}")
                raise fetch_mod.httpcore.ConnectError("blocked by the test")
        return real_connect(self, host, port, *args, **kw)

    monkeypatch.setattr(fetch_mod, "_getaddrinfo", lookup)
    monkeypatch.setattr(fetch_mod._PinnedBackend, "connect_tcp", connect)
    yield violations
    assert not violations


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    with Store(tmp_path / "state") as s:
        yield s


def make_fetcher(store: Store, **kw: Any) -> Fetcher:
    cfg: dict[str, Any] = {"user_agent": "protocol-monitor/0.1", "contact": "ops@example.org",
                           "host_interval_seconds": 0.0, "max_bytes": MAX_BYTES, "dead_after": 3}
    cfg.update(kw)
    return Fetcher(FetchConfig(**cfg), store)


@pytest.fixture
def fetcher(store: Store) -> Iterator[Fetcher]:
    f = make_fetcher(store)
    yield f
    f.close()


def src(site: Site, path: str, **kw: Any) -> SourceConfig:
    kw.setdefault("name", path.strip("/").replace("/", "_") or "root")
    kw.setdefault("kind", "feed")
    kw.setdefault("allow_private", True)
    kw.setdefault("timeout_seconds", 2.0)
    return SourceConfig(url=site.url + path, **kw)


def warnings_of(caplog: pytest.LogCaptureFixture) -> list[str]:
    return [r.getMessage() for r in caplog.records if r.name == "monitor.fetch" and r.levelno == logging.WARNING]


def store_docs(store: Store, docs: list[Any]) -> None:
    """What the pipeline does with each document."""
    for d in docs:
        store.add_article(d.source, d.title, d.text)


# --- canonical URLs and main text ------------------------------------------------------------------

@pytest.mark.parametrize("url, expected", [
    ("HTTP://Example.COM:80/a/b?utm_source=x&id=3&utm_medium=y#frag", "http://example.com/a/b?id=3"),
    ("https://example.com:443/news/index.html", "https://example.com/news/"),
    ("https://example.com:8443/x?b=2&a=1&fbclid=zz", "https://example.com:8443/x?a=1&b=2"),
    ("https://example.com", "https://example.com/"),
    ("https://example.com/view.php?newsID=12&gclid=9", "https://example.com/view.php?newsID=12"),
    ("http://[::1]:8080/a#b", "http://[::1]:8080/a"),
    ("https://example.com./a/", "https://example.com/a/"),
    ("mailto:someone@example.org", "mailto:someone@example.org"),
    ("http://[::1", "http://[::1"),
    ("  https://example.com/a  ", "https://example.com/a"),
])
def test_canonical_url(url: str, expected: str) -> None:
    assert canonical_url(url) == expected


def test_canonical_url_never_raises_and_is_idempotent() -> None:
    rng = random.Random(7)
    alphabet = "htps:/[]@?&=#%.:-_~ aZ09\x00\u00e9"
    for _ in range(2000):
        url = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 40)))
        for candidate in (url, "http://" + url, "https://ex.com/" + url):
            once = canonical_url(candidate)
            assert canonical_url(once) == once


def _f1(expected: str, got: str) -> float:
    import re
    from collections import Counter
    e = Counter(re.findall(r"[\u4e00-\u9fff]|[^\W\u4e00-\u9fff]+", expected.lower()))
    g = Counter(re.findall(r"[\u4e00-\u9fff]|[^\W\u4e00-\u9fff]+", got.lower()))
    common = sum((e & g).values())
    p, r = common / max(sum(g.values()), 1), common / max(sum(e.values()), 1)
    return 2 * p * r / (p + r) if p + r else 0.0


@pytest.mark.parametrize("page", sorted(ARTICLES.glob("*.html")) + sorted((FIXTURES / "articles_heldout").glob("*.html")),
                         ids=lambda p: p.stem)
def test_html_to_text_reads_the_article_not_the_page(page: Path) -> None:
    title, text = html_to_text(page.read_bytes())
    expected = page.with_suffix(".expected.txt").read_text(encoding="utf-8")
    assert _f1(expected, text) >= 0.9, text
    lines = text.splitlines()
    assert sum(1 for x in expected.splitlines() if x in lines) >= 0.6 * len(expected.splitlines())
    assert title


def test_html_to_text_empty_and_junk_input() -> None:
    assert html_to_text("") == (None, "")
    assert html_to_text(b"   ") == (None, "")
    for junk in (b"\x00\xff\xfe garbage <<<", "<html><body><nav><a href='/'>Home</a></nav></body></html>",
                 "<p>unclosed <b><i>tags", "<?xml version='1.0' encoding='utf-8'?><html><p>x</p></html>"):
        html_to_text(junk)  # whatever it makes of them, it does not raise


def test_page_date_from_metadata() -> None:
    assert page_date((ARTICLES / "01_semantic_aside.html").read_text()) == "2025-12-02"
    assert page_date((ARTICLES / "07_multiple_articles.html").read_text()) == "2024-10-06"  # JSON-LD
    assert page_date((ARTICLES / "06_figure_ads_cookie.html").read_text()) == "2025-03-11"  # itemprop
    assert page_date((ARTICLES / "02_div_soup_br.html").read_text()) is None  # only in the text: no guess
    assert page_date("") is None


# --- feeds, articles, listings ------------------------------------------------------------------------

def test_rss_poll_follows_articles_and_falls_back_to_feed_text(site: Site, fetcher: Fetcher, store: Store) -> None:
    result = fetcher.poll(src(site, "/feed.rss", name="kcna"), now=NOW)
    assert result.error is None and result.status == 200
    by_title = {d.title: d for d in result.documents}
    # the duplicate entry (same article, tracking parameters aside) counts once
    assert result.items_seen == 5 and result.items_new == 5 == len(result.documents)
    lao = by_title["Kim Jong Un Sends Greetings to Lao President"]
    assert lao.source.url == f"{site.url}/articles/01_semantic_aside.html"
    assert lao.source.published == "2025-12-02" and lao.source.outlet == "kcna"
    assert "I sincerely wish you good health" in lao.text  # the article, not the summary
    assert "Related articles" not in lao.text and "Lao Delegation Visits" not in lao.text
    iran = by_title["Message of Sympathy to Iranian President"]
    assert "reader_1983" not in iran.text and "Interesting that the message" not in iran.text
    # no link: title and summary; no date: the article page's own date is not guessed from text
    turkmen = by_title["Greetings to Turkmen President"]
    assert turkmen.source.url is None and turkmen.source.published == "2025-06-27"
    assert turkmen.text == ("Greetings to Turkmen President\n\nKim Jong Un sent a reply message to Serdar "
                            "Berdimuhamedov, president of Turkmenistan.")
    belarus = by_title["Belarusian President Sends Reply Message"]
    assert belarus.source.published == "2025-03-11"  # from the article's metadata
    # robots.txt keeps the article out: the feed text stands in
    secret = by_title["Internal Note"]
    assert secret.text == "Internal Note\n\nSummary of a page that robots.txt keeps us out of."
    assert site.count("/private/secret.html") == 0
    row = store.source_state("kcna")
    assert row["last_status"] == 200 and row["items_new"] == 5 and row["items_seen"] == 5
    assert row["failures"] == 0 and row["dead"] == 0
    assert row["last_error"].startswith("1 article(s) not fetched, feed text used (last: ")
    assert row["last_error"].endswith("/private/secret.html: disallowed by robots.txt)")


def test_second_poll_yields_nothing_new(site: Site, fetcher: Fetcher, store: Store) -> None:
    source = src(site, "/feed.rss", name="kcna")
    first = fetcher.poll(source, now=NOW)
    store_docs(store, first.documents)
    hits = len(site.hits)
    second = fetcher.poll(source, now=NOW + 3600)
    assert second.error is None and second.documents == [] and second.items_new == 0 and second.items_seen == 5
    assert len(site.hits) == hits + 1  # the feed only: no article fetched again


def test_same_article_through_another_feed_is_not_new(site: Site, fetcher: Fetcher, store: Store) -> None:
    store_docs(store, fetcher.poll(src(site, "/feed.rss", name="kcna"), now=NOW).documents)
    result = fetcher.poll(src(site, "/feed.atom", name="korea-now"), now=NOW)
    assert result.error is None
    assert result.items_seen == 3
    assert sorted(d.source.url for d in result.documents) == [
        f"{site.url}/articles/07_multiple_articles.html", f"{site.url}/articles/08_korean_blockquote_list.html"]
    korean = next(d for d in result.documents if "08_" in (d.source.url or ""))
    assert "보건과 교육 분야에서의 교류" in korean.text and "주요기사" not in korean.text
    assert korean.source.published == "2025-01-01"  # the date as written in the feed (+09:00), not UTC


def test_duplicate_content_under_another_url_is_followed_once(site: Site, fetcher: Fetcher, store: Store) -> None:
    """An article the store kept under another URL (same text) is not fetched again on the next poll."""
    first = fetcher.poll(src(site, "/two-articles.rss", name="two"), now=NOW)
    assert first.items_new == 2
    # the pipeline stores nothing (say both were duplicates by content): fetch still remembers the links
    again = fetcher.poll(src(site, "/two-articles.rss", name="two"), now=NOW + 1)
    assert again.items_new == 0 and again.items_seen == 2


def test_follow_links_off_uses_title_and_summary(site: Site, fetcher: Fetcher) -> None:
    start = time.monotonic()
    result = fetcher.poll(src(site, "/feed.atom", name="atom", follow_links=False), now=NOW)
    assert result.items_new == 3
    assert [h.path for h in site.hits if h.at >= start] == ["/feed.atom"]
    texts = {d.title: d.text for d in result.documents}
    assert texts["Greetings Exchanged With Chinese Leader"] == (
        "Greetings Exchanged With Chinese Leader\n\nMessages mark 75 years of diplomatic relations.")


def test_listing_page_source(site: Site, fetcher: Fetcher) -> None:
    source = src(site, "/listing.html", name="voice", kind="page", link_selector="ul.news-list a", outlet="Voice of Korea")
    result = fetcher.poll(source, now=NOW)
    assert result.error is None and result.status == 200
    # the javascript: link, the link to the listing itself and the duplicate with utm_source are dropped
    assert [d.source.url for d in result.documents] == [
        f"{site.url}/articles/02_div_soup_br.html", f"{site.url}/articles/04_unmarked_related.html",
        f"{site.url}/articles/05_table_layout.html"]
    assert result.items_seen == 3
    d = result.documents[0]
    assert d.title == "Reply Message to Russian President" and d.source.outlet == "Voice of Korea"
    assert d.text.startswith("Kim Jong Un, general secretary") and "Other articles" not in d.text
    assert "Bumper Harvest" not in d.text


def test_listing_selector_matching_nothing_is_reported(site: Site, fetcher: Fetcher, store: Store) -> None:
    result = fetcher.poll(src(site, "/listing.html", name="voice", kind="page", link_selector="div.nothing a"), now=NOW)
    assert result.error is None and result.documents == []
    assert store.source_state("voice")["last_error"] == "no links matched link_selector 'div.nothing a'"


def test_bad_link_selector(site: Site, fetcher: Fetcher) -> None:
    result = fetcher.poll(src(site, "/listing.html", name="voice", kind="page", link_selector="a[[["), now=NOW)
    assert result.error is not None and result.error.startswith("bad link_selector 'a[[['")


# --- politeness -------------------------------------------------------------------------------------

def test_user_agent_accept_encoding_and_source_headers(site: Site, fetcher: Fetcher) -> None:
    fetcher.poll(src(site, "/etag.rss", name="ua", headers={"X-Test": "yes"}), now=NOW)
    hit = [h for h in site.hits if h.path == "/etag.rss"][-1]
    assert hit.headers["user-agent"] == "protocol-monitor/0.1 (+mailto:ops@example.org)"
    assert hit.headers["accept-encoding"] == "gzip, deflate"
    assert hit.headers["x-test"] == "yes"


@pytest.mark.parametrize("path", ["/gzip.rss", "/deflate.rss"])
def test_compressed_feeds(site: Site, fetcher: Fetcher, path: str) -> None:
    result = fetcher.poll(src(site, path, follow_links=False), now=NOW)
    assert result.error is None and result.items_new == 1


def test_conditional_get_with_etag(site: Site, fetcher: Fetcher, store: Store) -> None:
    source = src(site, "/etag.rss", name="etag")
    first = fetcher.poll(source, now=NOW)
    assert first.status == 200 and first.items_new == 1
    assert store.source_state("etag")["etag"] == '"v1"'
    second = fetcher.poll(source, now=NOW + 60)
    assert second.status == 304 and second.documents == [] and second.error is None
    assert [h for h in site.hits if h.path == "/etag.rss"][-1].headers["if-none-match"] == '"v1"'
    row = store.source_state("etag")
    assert row["last_status"] == 304 and row["items_new"] == 0 and row["items_seen"] == 1 and row["failures"] == 0


def test_conditional_get_with_last_modified(site: Site, fetcher: Fetcher, store: Store) -> None:
    source = src(site, "/lastmod.rss", name="lastmod", follow_links=False)
    assert fetcher.poll(source, now=NOW).status == 200
    assert store.source_state("lastmod")["last_modified"] == "Wed, 01 Jan 2025 00:00:00 GMT"
    assert fetcher.poll(source, now=NOW + 60).status == 304


def test_changed_url_drops_validators(site: Site, fetcher: Fetcher, store: Store) -> None:
    fetcher.poll(src(site, "/etag.rss", name="moving"), now=NOW)
    result = fetcher.poll(src(site, "/lastmod.rss", name="moving", follow_links=False), now=NOW + 1)
    assert result.status == 200
    assert "if-none-match" not in [h for h in site.hits if h.path == "/lastmod.rss"][-1].headers


def test_per_host_pacing(site: Site, store: Store) -> None:
    with make_fetcher(store, host_interval_seconds=0.3) as f:
        start = time.monotonic()
        result = f.poll(src(site, "/two-articles.rss", name="paced"), now=NOW)
    assert result.items_new == 2
    times = [h.at for h in site.hits if h.at >= start]
    assert len(times) == 4  # feed, robots.txt, two articles
    gaps = [b - a for a, b in itertools.pairwise(times)]
    assert min(gaps) >= 0.28, gaps


def test_robots_txt_is_cached_and_can_be_switched_off(site: Site, fetcher: Fetcher, tmp_path: Path) -> None:
    before = site.count("/robots.txt")
    fetcher.poll(src(site, "/feed.rss", name="a"), now=NOW)
    fetcher.poll(src(site, "/feed.atom", name="b"), now=NOW)
    assert site.count("/robots.txt") == before + 1
    with Store(tmp_path / "other") as other, make_fetcher(other) as f:
        result = f.poll(src(site, "/feed.rss", name="c", robots=False), now=NOW)
    assert site.count("/robots.txt") == before + 1
    secret = next(d for d in result.documents if d.title == "Internal Note")
    assert secret.text.startswith("Secret text that robots.txt keeps out.")


def test_robots_outcomes() -> None:
    """RFC 9309: rules apply; 4xx means no rules; 5xx or no answer means nothing, for a while."""
    import httpx

    def answer(status: int, body: bytes = b"") -> Any:
        return lambda url: fetch_mod._Response(status, url, httpx.Headers(), body)

    def down(url: str) -> Any:
        raise fetch_mod.FetchError("timeout after 2s", "timeout")

    url = httpx.URL("https://news.example/private/a.html")
    rules = answer(200, b"User-agent: protocol-monitor\nDisallow: /private/\n")
    assert fetch_mod._Robots("protocol-monitor").refusal(url, rules) == "disallowed by robots.txt"
    assert fetch_mod._Robots("other-bot").refusal(url, rules) is None
    assert fetch_mod._Robots("protocol-monitor").refusal(url, answer(404)) is None
    assert fetch_mod._Robots("protocol-monitor").refusal(url, answer(503)) == (
        "robots.txt unreachable (HTTP 503), so not fetching from news.example for now")
    assert fetch_mod._Robots("protocol-monitor").refusal(url, down) == (
        "robots.txt unreachable (timeout after 2s), so not fetching from news.example for now")


# --- bad input: one warning line, a state in the row, nothing raised ------------------------------

@pytest.mark.parametrize("path, status, error", [
    ("/gone", 410, "gone (HTTP 410)"),
    ("/missing", 404, "not found (HTTP 404)"),
    ("/error", 500, "server error (HTTP 500)"),
    ("/empty", 200, "empty body"),
    ("/html-not-feed", 200, "not a feed: got an HTML page"),
    ("/malformed.rss", 200, "malformed feed: <unknown>:2:0: not well-formed (invalid token)"),
    ("/loop-a", 302, "redirect loop"),
    ("/hop/6", 302, "too many redirects (over 5)"),
    ("/to-ftp", None, "not an http(s) URL: ftp://files.example.org/feed.xml"),
    ("/bomb", 200, f"too large (over {MAX_BYTES} bytes)"),
    ("/big-declared", 200, f"too large (over {MAX_BYTES} bytes)"),
])
def test_bad_source_is_a_state_not_a_crash(site: Site, fetcher: Fetcher, store: Store,
                                          caplog: pytest.LogCaptureFixture, path: str, status: int, error: str) -> None:
    caplog.set_level(logging.WARNING, "monitor.fetch")
    result = fetcher.poll(src(site, path, name="bad"), now=NOW)
    assert (result.status, result.error, result.documents) == (status, error, [])
    assert warnings_of(caplog) == [f"bad: {error}"]
    row = store.source_state("bad")
    assert (row["last_status"], row["last_error"], row["failures"]) == (status, error, 1)
    assert row["next_fetch_at"] > NOW


@pytest.mark.parametrize("path", ["/hang", "/stall", "/endless"])
def test_slow_servers_stop_at_the_timeout(site: Site, fetcher: Fetcher, store: Store, path: str) -> None:
    t0 = time.monotonic()
    result = fetcher.poll(src(site, path, name="slow", timeout_seconds=1.0), now=NOW)
    elapsed = time.monotonic() - t0
    assert result.error == "timeout after 1s"
    assert 0.9 <= elapsed < 1.4, elapsed
    assert store.source_state("slow")["last_error"] == "timeout after 1s"


def test_fifty_megabyte_article_stops_at_the_cap(site: Site, fetcher: Fetcher, store: Store,
                                                 caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.WARNING, "monitor.fetch")
    result = fetcher.poll(src(site, "/feed-big-article.rss", name="big"), now=NOW)
    assert warnings_of(caplog) == [
        f"big: article {site.url}/big: too large (over {MAX_BYTES} bytes); using the feed text"]
    assert result.error is None and result.items_new == 1
    assert result.documents[0].text == "Huge article\n\nHuge article: summary text of the entry."
    time.sleep(0.2)
    assert site.sent["/big"] < 10_000_000  # stopped early, not downloaded whole
    assert store.source_state("big")["last_error"].endswith(f"/big: too large (over {MAX_BYTES} bytes))")


def test_gzip_bomb_is_cut_off_quickly(site: Site, fetcher: Fetcher) -> None:
    t0 = time.monotonic()
    result = fetcher.poll(src(site, "/bomb", name="bomb"), now=NOW)
    assert result.error == f"too large (over {MAX_BYTES} bytes)"
    assert time.monotonic() - t0 < 1.0


def test_recoverable_xml_is_read_with_a_note(site: Site, fetcher: Fetcher, store: Store,
                                             caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.WARNING, "monitor.fetch")
    result = fetcher.poll(src(site, "/recoverable.rss", name="amp", follow_links=False), now=NOW)
    assert result.error is None and result.items_new == 1
    assert result.documents[0].title == "Trade & Culture Delegation Arrives"
    note = store.source_state("amp")["last_error"]
    assert note.startswith("feed read despite errors: ")
    assert warnings_of(caplog) == [f"amp: {note}"]


@pytest.mark.parametrize("path", ["/wrong-encoding.rss", "/no-encoding.rss"])
def test_feed_in_the_wrong_or_no_declared_encoding(site: Site, fetcher: Fetcher, store: Store, path: str) -> None:
    result = fetcher.poll(src(site, path, name="enc", follow_links=False), now=NOW)
    assert result.error is None and result.items_new == 1
    assert result.documents[0].title == "Поздравление Президенту России по случаю Дня России"
    assert store.source_state("enc")["last_error"].startswith("feed encoding: bytes are not ")


def test_html_page_that_links_to_its_feed() -> None:
    page = b'<!DOCTYPE html><html><head><link rel="alternate" type="application/atom+xml" href="/atom.xml"></head></html>'
    with pytest.raises(fetch_mod.FetchError) as e:
        fetch_mod.parse_feed(page, "https://news.example/en/", "text/html")
    assert str(e.value) == "not a feed: got an HTML page (it links to a feed: https://news.example/atom.xml)"


def test_dns_failure(fetcher: Fetcher, store: Store) -> None:
    source = SourceConfig(name="nowhere", kind="feed", url="http://feeds.nowhere.invalid/rss", timeout_seconds=1.0)
    result = fetcher.poll(source, now=NOW)
    assert (result.status, result.error) == (None, "DNS failure: cannot resolve feeds.nowhere.invalid")
    assert store.source_state("nowhere")["failures"] == 1


def test_connection_refused(fetcher: Fetcher) -> None:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    source = SourceConfig(name="closed", kind="feed", url=f"http://127.0.0.1:{port}/rss", allow_private=True,
                          timeout_seconds=1.0)
    assert fetcher.poll(source, now=NOW).error == "connection refused by 127.0.0.1"


def test_article_that_is_not_html(site: Site, fetcher: Fetcher, store: Store) -> None:
    result = fetcher.poll(src(site, "/pdf.rss", name="pdf"), now=NOW)
    assert result.documents[0].text == "A PDF\n\nA PDF: summary text of the entry."
    assert store.source_state("pdf")["last_error"].endswith("/doc.pdf: not an HTML page (application/pdf))")


def test_bad_polls_lose_no_stored_data(site: Site, fetcher: Fetcher, store: Store) -> None:
    source = src(site, "/feed.rss", name="kcna")
    store_docs(store, fetcher.poll(source, now=NOW).documents)
    count = store.db.execute("SELECT count(*) FROM articles").fetchone()[0]
    for path in ("/gone", "/malformed.rss", "/empty", "/bomb", "/html-not-feed"):
        fetcher.poll(src(site, path, name="kcna"), now=NOW, force=True)
    assert store.db.execute("SELECT count(*) FROM articles").fetchone()[0] == count == 5
    assert store.integrity_ok()


# --- addresses ----------------------------------------------------------------------------------------

def test_private_address_refused_without_permission(site: Site, fetcher: Fetcher) -> None:
    hits = len(site.hits)
    result = fetcher.poll(src(site, "/feed.rss", name="priv", allow_private=False), now=NOW)
    assert result.error == "refused: 127.0.0.1 resolves to a private address (127.0.0.1)"
    assert result.status is None
    source = SourceConfig(name="lh", kind="feed", url=f"http://localhost:{site.port}/feed.rss")
    assert fetcher.poll(source, now=NOW).error == "refused: localhost resolves to a private address (127.0.0.1)"
    assert len(site.hits) == hits  # not one request went out


def test_redirect_hop_and_feed_links_are_checked(site: Site, fetcher: Fetcher, store: Store,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    """With 127.0.0.1 taken for public and 127.0.0.2 for private, a redirect to 127.0.0.2 and a feed
    link to it are both refused before any connection is made."""
    real = fetch_mod._forbidden
    monkeypatch.setattr(fetch_mod, "_forbidden", lambda ip: str(ip) == "127.0.0.2" or (real(ip) and not ip.is_loopback))
    result = fetcher.poll(src(site, "/redirect-private", name="hop", allow_private=False), now=NOW)
    assert result.error == "refused: 127.0.0.2 resolves to a private address (127.0.0.2)"
    result = fetcher.poll(src(site, "/feed-private-link.rss", name="link", allow_private=False), now=NOW)
    assert result.error is None and result.items_new == 1
    assert result.documents[0].text == "Private link\n\nPrivate link: summary text of the entry."
    assert "refused: 127.0.0.2 resolves to a private address" in store.source_state("link")["last_error"]


def test_address_policy() -> None:
    for a in ("127.0.0.1", "10.1.2.3", "172.16.0.1", "192.168.1.1", "169.254.169.254", "224.0.0.1", "0.0.0.0",
              "::1", "fe80::1", "fc00::1", "::ffff:127.0.0.1", "ff02::1"):
        assert fetch_mod._forbidden(ipaddress.ip_address(a)), a
    for a in ("93.184.216.34", "2606:2800:220:1::248"):
        assert not fetch_mod._forbidden(ipaddress.ip_address(a)), a


# --- backoff, Retry-After, dead sources ----------------------------------------------------------

def test_failing_source_backs_off_exponentially(site: Site, fetcher: Fetcher, store: Store) -> None:
    source = src(site, "/error", name="flaky")
    fetcher.poll(source, now=NOW)
    first = store.source_state("flaky")["next_fetch_at"] - NOW
    assert 30 <= first <= 60
    hits = site.count("/error")
    early = fetcher.poll(source, now=NOW + 10)
    assert early.error == f"backing off until {fetch_mod._iso_time(NOW + first)}"
    assert site.count("/error") == hits  # no request
    fetcher.poll(source, now=NOW + 10, force=True)
    second = store.source_state("flaky")["next_fetch_at"] - (NOW + 10)
    assert 60 <= second <= 120 and store.source_state("flaky")["failures"] == 2
    for i in range(12):
        fetcher.poll(source, now=NOW, force=True)
    assert store.source_state("flaky")["next_fetch_at"] - NOW <= fetch_mod.BACKOFF_MAX
    ok = fetcher.poll(src(site, "/etag.rss", name="flaky"), now=NOW + 100, force=True)  # recovers
    assert ok.error is None and store.source_state("flaky")["next_fetch_at"] is None


def test_429_and_503_honour_retry_after(site: Site, fetcher: Fetcher, store: Store) -> None:
    t0 = time.monotonic()
    result = fetcher.poll(src(site, "/limited", name="limited"), now=NOW)
    assert result.error == "rate limited (HTTP 429), retry after 120s" and result.status == 429
    assert store.source_state("limited")["next_fetch_at"] == NOW + 120
    assert time.monotonic() - t0 < 1.0  # no sleeping inside poll
    # the host asked for a pause: no other source on it is fetched by this process meanwhile
    hits = len(site.hits)
    held = fetcher.poll(src(site, "/etag.rss", name="same-host"), now=NOW)
    assert held.error == "127.0.0.1 asked us to wait (Retry-After): next request in 120s"
    assert len(site.hits) == hits


def test_503_with_an_http_date_retry_after(site: Site, fetcher: Fetcher, store: Store) -> None:
    result = fetcher.poll(src(site, "/busy", name="busy"), now=NOW)
    assert result.error.startswith("unavailable (HTTP 503), retry after ")
    assert store.source_state("busy")["next_fetch_at"] > NOW + 3000  # an HTTP date an hour ahead of now


def test_gone_source_is_marked_dead(site: Site, fetcher: Fetcher, store: Store) -> None:
    source = src(site, "/gone", name="gone")
    for i in range(3):
        result = fetcher.poll(source, now=NOW + i, force=True)
    assert result.error == "gone (HTTP 410); marked dead after 3 polls in a row"
    row = store.source_state("gone")
    assert row["dead"] == 1 and row["gone_count"] == 3
    hits = site.count("/gone")
    skipped = fetcher.poll(source, now=NOW + 10_000)
    assert skipped.error == "dead: gone for 3 polls in a row (HTTP 410); poll with force to try again"
    assert site.count("/gone") == hits


def test_sources_table(site: Site, fetcher: Fetcher, store: Store) -> None:
    sources = (src(site, "/etag.rss", name="good", follow_links=False), src(site, "/error", name="bad"),
               src(site, "/gone", name="gone"), src(site, "/feed.rss", name="new"))
    fetcher.poll(sources[0], now=NOW)
    fetcher.poll(sources[1], now=NOW)
    for i in range(3):
        fetcher.poll(sources[2], now=NOW, force=True)
    config = Config(path=None, state_dir=store.dir, sources=sources, fetch=fetcher.cfg)
    rows = {r["name"]: r for r in sources_table(store, config)}
    assert rows["good"] == {"name": "good", "url": f"{site.url}/etag.rss", "kind": "feed",
                            "last_fetch": "2025-10-09T08:53:20Z", "status": 200, "items_new": 1, "items_seen": 1,
                            "state": "ok", "error": None, "next_fetch": None}
    assert rows["bad"]["state"] == "failing" and rows["bad"]["error"] == "server error (HTTP 500)"
    assert rows["bad"]["status"] == 500 and rows["bad"]["next_fetch"] is not None
    assert rows["gone"]["state"] == "dead" and rows["gone"]["status"] == 410
    assert rows["new"]["state"] == "never fetched" and rows["new"]["last_fetch"] is None


def test_html_to_text_keeps_a_lead_paragraph_set_apart() -> None:
    # kremlin.ru prints the sentence that reports the message in a lead block of its own, which
    # trafilatura's body leaves out
    lead = ("Vladimir Putin sent a message of greetings to Kim Jong Un, Chairman of the State Affairs of the "
            "Democratic People's Republic of Korea, on the national holiday.")
    body = "".join(f"<p>Paragraph {i} of the message, which speaks of friendship and of the years to come.</p>"
                   for i in range(6))
    page = (f"<html><head><title>Greetings to Kim Jong Un</title></head><body><nav><a href='/'>Home</a></nav>"
            f"<article><h1>Greetings to Kim Jong Un</h1><div class='read__lead'><p>{lead}</p></div>"
            f"<div class='entry-content'>{body}</div></article><footer>Footer</footer></body></html>")
    title, text = html_to_text(page)
    assert text.splitlines()[0] == lead and "Paragraph 5" in text and "Footer" not in text
