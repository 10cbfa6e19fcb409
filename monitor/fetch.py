"""Fetch sources from the real web: polite, bounded, and unbreakable by bad input.

A feed (RSS/Atom) or an HTML listing page is fetched with our own httpx client, its new entries are
followed to their article pages, and each article's main text becomes a `Document`. Every request:

- names the project and a contact address in its User-Agent, and accepts gzip/deflate;
- waits its turn per host (`host_interval_seconds`), honours robots.txt for article pages, and
  sends the stored ETag / Last-Modified for the source URL, so an unchanged feed costs one 304;
- is bounded: one total deadline (`timeout_seconds`) covers the DNS lookup, the connection, every
  redirect hop and the whole body, and the body is capped at `max_bytes` both as it arrives and as
  it is decompressed (we decompress ourselves, so a gzip bomb stops at the cap);
- follows redirects itself (at most `max_redirects`, no loops), and refuses any hop or link whose
  host resolves to a loopback, private, link-local or multicast address unless the source sets
  `allow_private`; the connection then goes to the very address that was checked.

Nothing raises out of `Fetcher.poll()`: a failure is one warning line in the log and a state in the
source_state row (`monitor sources` shows it), and a failing source backs off exponentially.
"""

from __future__ import annotations

import calendar
import contextlib
import email.utils
import io
import ipaddress
import logging
import random
import re
import socket
import threading
import time
import zlib
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Any, Self
from urllib.parse import quote, urljoin, urlsplit, urlunsplit
from urllib.robotparser import RobotFileParser

import feedparser
import httpcore
import httpx
import lxml.etree
import lxml.html
from bs4 import BeautifulSoup, Comment, NavigableString, Tag
from soupsieve import SelectorSyntaxError

from monitor.config import Config, FetchConfig, SourceConfig
from monitor.errors import FetchError
from monitor.models import Document, Source
from monitor.store import Store, content_hash

log = logging.getLogger(__name__)

VERSION = "0.1"
ACCEPT_ENCODING = "gzip, deflate"
FEED_ACCEPT = "application/rss+xml, application/atom+xml, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.5"
PAGE_ACCEPT = "text/html, application/xhtml+xml;q=0.9, */*;q=0.5"
ROBOTS_MAX_BYTES = 500_000
ROBOTS_TTL = 24 * 3600.0  # a fetched (or missing) robots.txt is trusted this long
ROBOTS_ERROR_TTL = 600.0  # an unreachable robots.txt means "disallow all", retried after this
BACKOFF_BASE = 60.0  # first retry of a failing source after 30-60 s, then doubling
BACKOFF_MAX = 6 * 3600.0
RETRY_AFTER_MAX = 24 * 3600.0
DNS_TTL = 60.0
CHUNK = 64 * 1024
REDIRECT_STATUSES = (301, 302, 303, 307, 308)


# --- canonical URLs -------------------------------------------------------------------------

_TRACKING_PARAMS = frozenset({
    "fbclid", "gclid", "dclid", "gclsrc", "msclkid", "yclid", "igshid", "mc_cid", "mc_eid", "_ga", "_gl",
    "_hsenc", "_hsmi", "mkt_tok", "oly_anon_id", "oly_enc_id", "vero_id", "wickedid", "ref_src", "cmpid",
    "spm", "share", "from", "xtor",
})
_INDEX_PAGES = ("index.html", "index.htm", "index.php", "default.htm", "default.html", "default.aspx")
_DEFAULT_PORTS = {"http": 80, "https": 443}


def canonical_url(url: str) -> str:
    """The form of a URL used to recognise the same article: lower-case scheme and host, no default
    port, no fragment, no tracking parameters (utm_*, fbclid, ...), remaining parameters sorted, and
    a trailing index.html (or .htm, .php) dropped. Never raises: an unparseable URL comes back trimmed."""
    url = url.strip()
    try:
        parts = urlsplit(url)
        scheme = parts.scheme.lower()
        host = (parts.hostname or "").rstrip(".")
        port = parts.port
    except ValueError:
        return url
    if scheme not in _DEFAULT_PORTS or not host:
        return url
    if ":" in host:  # IPv6 literal
        host = f"[{host}]"
    netloc = host if port in (None, _DEFAULT_PORTS[scheme]) else f"{host}:{port}"
    if parts.username or parts.password:
        netloc = parts.netloc.rsplit("@", 1)[0] + "@" + netloc
    path = quote(parts.path or "/", safe="/%:@!$&'()*+,;=~-._")
    head, _, last = path.rpartition("/")
    if last.lower() in _INDEX_PAGES:
        path = head + "/"
    # parameters are kept as written (no decoding, "?123" stays "?123"), minus trackers, in sorted order
    query = sorted(quote(p, safe="=%+:/?@!$'()*,;~-._[]") for p in parts.query.split("&")
                   if p and not _tracking(p.split("=", 1)[0].lower()))
    return urlunsplit((scheme, netloc, path, "&".join(query), ""))


def _tracking(key: str) -> bool:
    return key.startswith("utm_") or key in _TRACKING_PARAMS


# --- main text of an HTML page ----------------------------------------------------------------

def html_to_text(html: str | bytes) -> tuple[str | None, str]:
    """(title, main text) of an article page: the story's paragraphs, one a line, without menus,
    headers, footers, sidebars, related headlines, share buttons or comments.

    trafilatura does the work (it extracted better than our bs4 extractor on article pages we did not
    tune on: see BENCHMARKS.md); the bs4 extractor is the fallback when trafilatura finds nothing."""
    if not html.strip():
        return None, ""
    title, text = _trafilatura_main_text(html)
    if not text:
        title2, text = _bs4_main_text(html)
        title = title or title2
    return title, text


def _trafilatura_main_text(html: str | bytes) -> tuple[str | None, str]:
    import trafilatura  # imported on first use: it costs ~0.2 s and 30 MB, and polls with follow_links off never need it

    tree = _page_tree(html)
    titles = _page_titles(html, tree)
    try:
        # without trafilatura's metadata pass (its date guessing costs as much as the extraction): the
        # title comes from our own look at the page, and dates only from declared metadata (page_date)
        doc = trafilatura.bare_extraction(html, include_comments=False, include_tables=True, with_metadata=False)
    except Exception as e:  # noqa: BLE001 - any failure deep in trafilatura's parsers; bs4 gets its chance
        log.debug("trafilatura failed: %s", e)
        doc = None
    title = titles[0] if titles else None
    if doc is None:
        return title, ""

    def get(key: str) -> Any:
        return doc.get(key) if isinstance(doc, dict) else getattr(doc, key, None)

    if get("body") is not None:
        # its XML tree keeps the paragraphs apart that its text output runs together (table cells)
        lines = _tree_lines(get("body"))
    else:  # pragma: no cover - trafilatura without a body tree
        lines = [_clean(x) for x in (get("text") or "").splitlines()]
    lines = [ln for ln in lines if ln and ln not in titles]
    body = "\n".join(lines)
    leads = [ld for ld in _page_leads(tree) if ld not in body and ld not in titles]
    return title, "\n".join(leads + lines)


def _page_tree(html: str | bytes) -> Any:
    try:
        return lxml.html.fromstring(html.encode("utf-8") if isinstance(html, str) else html)
    except (ValueError, TypeError, lxml.etree.LxmlError):
        return None


def _page_titles(html: str | bytes, tree: Any = None) -> list[str]:
    """The page's title candidates, best first: og:title, twitter:title, the first h1, <title>."""
    tree = _page_tree(html) if tree is None else tree
    if tree is None:
        return []
    found = [*tree.xpath('//meta[@property="og:title"]/@content'), *tree.xpath('//meta[@name="twitter:title"]/@content')]
    h1 = tree.find(".//h1")
    if h1 is not None:
        found.append(h1.text_content())
    found.append(tree.findtext(".//title") or "")
    return list(dict.fromkeys(t for t in (_clean(str(x)) for x in found) if t))


_LEAD = ('//*[self::div or self::p or self::section][contains(@class,"lead") or contains(@class,"standfirst") '
         'or contains(@class,"intro") or contains(@class,"summary") or contains(@class,"dek")]'
         '[not(ancestor::nav or ancestor::aside or ancestor::footer or ancestor::header)]')


def _page_leads(tree: Any) -> list[str]:
    """The lead paragraph a page sets apart from its body (kremlin.ru's "read__lead"): trafilatura
    sometimes leaves it out, and it is often the sentence that reports the message."""
    if tree is None:
        return []
    return [t for t in (_clean(e.text_content()) for e in tree.xpath(_LEAD)) if len(t) >= 40]


_TREE_BLOCKS = frozenset({"p", "head", "item", "quote", "list", "table", "row", "cell", "code", "div", "body", "main"})


class _Lines:
    """Text gathered while walking a tree, cut into clean lines at block boundaries and breaks."""

    def __init__(self) -> None:
        self.out: list[str] = []
        self.buf: list[str] = []

    def add(self, text: str) -> None:
        self.buf.append(text)

    def cut(self) -> None:
        line = _clean("".join(self.buf))
        if line:
            self.out.append(line)
        self.buf.clear()


def _tree_lines(root: Any) -> list[str]:
    """Lines of trafilatura's XML body: a line per paragraph, heading, list item or cell, split at <lb/>."""
    lines = _Lines()

    def walk(el: Any) -> None:
        lines.add(el.text or "")
        for child in el:
            if not isinstance(child.tag, str):  # comments, processing instructions
                pass
            elif child.tag == "lb":
                lines.cut()
            elif child.tag in _TREE_BLOCKS:
                lines.cut()
                walk(child)
                lines.cut()
            else:
                walk(child)
            lines.add(child.tail or "")

    walk(root)
    lines.cut()
    return lines.out


def _clean(s: str) -> str:
    return " ".join(s.split())


_DROP_TAGS = (
    "script", "style", "noscript", "template", "iframe", "svg", "canvas", "form", "button", "input",
    "select", "textarea", "nav", "header", "footer", "aside", "figure", "dialog", "object", "embed",
    "video", "audio", "picture", "img", "map", "head", "link", "meta",
)
# class/id words that mark page furniture rather than the story
_JUNK_WORDS = frozenset(["related", "share", "sharing", "sharedaddy", "social", "comment", "comments", "commentlist", "respond", "reply", "replies", "sidebar", "side", "rail", "widget", "breadcrumb", "breadcrumbs", "menu", "gnb", "lnb", "nav", "navbar", "navigation", "topbar", "masthead", "footer", "foot", "bottom", "header", "advert", "advertisement", "ad", "ads", "adsbygoogle", "sponsor", "sponsored", "promo", "newsletter", "subscribe", "signup", "cookie", "cookies", "consent", "banner", "popup", "modal", "pagination", "pager", "tags", "tag", "toolbar", "skip", "print", "byline", "date", "time", "meta", "dateline", "author", "most", "popular", "trending", "recommended", "recirculation", "outbrain", "taboola", "disqus", "login", "search", "more", "latest", "sr", "screen", "hidden"])
_JUNK_ROLES = frozenset({"navigation", "banner", "contentinfo", "complementary", "search", "dialog", "alert"})
_BLOCK = frozenset(["address", "article", "aside", "blockquote", "body", "dd", "details", "div", "dl", "dt", "fieldset", "figcaption", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "li", "main", "ol", "p", "pre", "section", "table", "tbody", "td", "tfoot", "th", "thead", "tr", "ul", "center"])
_PARA = frozenset(["p", "li", "pre", "h1", "h2", "h3", "h4", "h5", "h6", "dd", "dt", "blockquote", "figcaption"])


def _bs4_main_text(html: str | bytes) -> tuple[str | None, str]:
    """The plain bs4 extractor: drop furniture by tag, role and class/id words, drop link-dense
    blocks, then take the block that holds the most paragraph text."""
    soup = BeautifulSoup(html, "lxml")
    title = _bs4_title(soup)
    lines = _bs4_lines(soup.body or soup, by_words=True)
    if not lines:  # the class/id words took the story itself (a wrapper named "date-outer"...): again without them
        soup = BeautifulSoup(html, "lxml")
        lines = _bs4_lines(soup.body or soup, by_words=False)
    if title:
        lines = [ln for ln in lines if ln != title]
    return title, "\n".join(lines)


def _bs4_lines(body: Tag, by_words: bool) -> list[str]:
    _strip_furniture(body, by_words)
    return _block_lines(_best_root(body))


def _words(tag: Tag) -> set[str]:
    attrs = " ".join(tag.get("class") or []) + " " + str(tag.get("id") or "")
    return set(re.split(r"[^a-z0-9]+", attrs.lower())) - {""}


def _text_len(tag: Tag) -> int:
    return len(_clean(tag.get_text(" ")))


def _protected(tag: Tag) -> bool:
    """Never drop the story itself, whatever its wrapper is called."""
    if tag.name in ("html", "body", "main") or tag.get("itemprop") == "articleBody":
        return True
    return tag.find(["main", "article"]) is not None or tag.select_one('[itemprop="articleBody"]') is not None


def _strip_furniture(root: Tag, by_words: bool) -> None:
    for c in root.find_all(string=lambda s: isinstance(s, Comment)):
        c.extract()
    for el in root.find_all(_DROP_TAGS):
        if not el.decomposed:
            el.decompose()
    for el in root.find_all(True):
        if el.decomposed or el.name in ("html", "body"):
            continue
        if el.get("hidden") is not None or el.get("aria-hidden") == "true" or el.get("role") in _JUNK_ROLES or by_words and _words(el) & _JUNK_WORDS and not _protected(el):
            el.decompose()
    # blocks that are mostly links: menus, "latest news" and "most read" boxes without telling names
    for el in root.find_all(["div", "ul", "ol", "table", "tr", "td", "section", "p", "dl"]):
        if el.decomposed:
            continue
        total = _text_len(el)
        if total:
            links = sum(_text_len(a) for a in el.find_all("a"))
            if links / total > 0.5 and total - links < 200 and not _protected(el):
                el.decompose()


def _best_root(body: Tag) -> Tag:
    scores: dict[int, float] = {}
    tags: dict[int, Tag] = {}

    def add(tag: Tag | None, value: float) -> None:
        if tag is not None:
            scores[id(tag)] = scores.get(id(tag), 0.0) + value
            tags[id(tag)] = tag

    for node in body.find_all(string=True):
        if isinstance(node, Comment):
            continue
        n = len(_clean(node))
        if n < 20:
            continue
        block = node.parent
        while block is not None and block.name not in _BLOCK:
            block = block.parent
        if block is None:
            continue
        if block.name in _PARA:
            add(block.parent, n)
            add(block.parent.parent if block.parent else None, n / 2)
        else:
            add(block, n)
            add(block.parent, n / 2)
    if not scores:
        return body
    root = tags[max(scores, key=lambda k: scores[k])]
    # take in the story's own standfirst when it sits just outside the text block
    wrapper = root.find_parent(("article", "main"))
    if wrapper is not None and _text_len(wrapper) <= 1.5 * _text_len(root):
        root = wrapper
    return root


def _block_lines(root: Tag) -> list[str]:
    """Lines of a bs4 element: a line per block, split at <br>."""
    lines = _Lines()

    def walk(tag: Tag) -> None:
        for child in tag.children:
            if isinstance(child, Comment):
                continue
            if isinstance(child, NavigableString):
                lines.add(str(child))
            elif isinstance(child, Tag):
                if child.name == "br":
                    lines.cut()
                elif child.name in _BLOCK:
                    lines.cut()
                    walk(child)
                    lines.cut()
                else:
                    walk(child)

    walk(root)
    lines.cut()
    return lines.out


def _bs4_title(soup: BeautifulSoup) -> str | None:
    for sel in ('meta[property="og:title"]', 'meta[name="twitter:title"]'):
        m = soup.select_one(sel)
        if m and _clean(str(m.get("content", ""))):
            return _clean(str(m["content"]))
    h1 = soup.find("h1")
    if h1 and _text_len(h1):
        return _clean(h1.get_text(" "))
    if soup.title and soup.title.string:
        return _clean(soup.title.string) or None
    return None


def _fragment_text(html: str) -> str:
    """Plain text of a feed summary or content: block elements become line breaks."""
    if "<" not in html and "&" not in html:
        return "\n".join(ln for ln in (_clean(x) for x in html.splitlines()) if ln)
    soup = BeautifulSoup(html, "lxml")
    for el in soup.find_all(("script", "style")):
        el.decompose()
    return "\n".join(_block_lines(soup.body or soup))


_ISO_DATE = re.compile(r"\s*(\d{4})-(\d{1,2})-(\d{1,2})")


def _iso_date(value: str) -> str | None:
    """The calendar date as written at the start of an ISO-ish string, or of an RFC 822 date."""
    m = _ISO_DATE.match(value)
    if m:
        try:
            return date(int(m[1]), int(m[2]), int(m[3])).isoformat()
        except ValueError:
            return None
    try:
        return email.utils.parsedate_to_datetime(value).date().isoformat()
    except (TypeError, ValueError, IndexError):
        return None


_DATE_XPATHS = (
    '//meta[@property="article:published_time" or @property="og:published_time"]/@content',
    '//meta[@itemprop="datePublished"]/@content',
    '//*[@itemprop="datePublished"]/@datetime',
    ('//meta[@name="pubdate" or @name="publishdate" or @name="date" or @name="dc.date"'
     ' or @name="DC.date.issued" or @name="citation_publication_date"]/@content'),
    '//time[@pubdate]/@datetime',
)


def page_date(html: str | bytes) -> str | None:
    """The publication date an article page declares in its metadata (ISO date), or None.
    Only declared dates: no guessing from the text, which dates messages, not pages."""
    try:
        tree = lxml.html.fromstring(html.encode("utf-8") if isinstance(html, str) else html)
    except (ValueError, TypeError, lxml.etree.LxmlError):
        return None
    for xp in _DATE_XPATHS:
        for value in tree.xpath(xp):
            d = _iso_date(str(value))
            if d:
                return d
    for script in tree.xpath('//script[@type="application/ld+json"]/text()'):
        m = re.search(r'"datePublished"\s*:\s*"([^"]+)"', script)
        if m and _iso_date(m[1]):
            return _iso_date(m[1])
    times = tree.xpath("//article//time/@datetime")
    return _iso_date(str(times[0])) if times else None


# --- addresses: who may be fetched --------------------------------------------------------------

def _forbidden(ip: ipaddress.IPv4Address | ipaddress.IPv6Address) -> bool:
    """Loopback, private, link-local, multicast, unspecified or reserved: not the public web."""
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped:
        ip = ip.ipv4_mapped
    return (ip.is_loopback or ip.is_private or ip.is_link_local or ip.is_multicast
            or ip.is_unspecified or ip.is_reserved)


def _getaddrinfo(host: str, port: int) -> list[str]:
    """Addresses of a host name. Names under .invalid never resolve (RFC 6761): answered here,
    without asking a DNS server."""
    if host == "invalid" or host.endswith((".invalid", ".invalid.")):
        raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")
    infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    return list(dict.fromkeys(str(info[4][0]) for info in infos))


class _PinnedBackend(httpcore.SyncBackend):
    """httpcore network backend that connects only to addresses checked just before the request.

    The check resolves the host, refuses private addresses, and pins what it found for this thread;
    the connection then goes to a pinned address, so DNS cannot answer differently in between."""

    def __init__(self) -> None:
        self._local = threading.local()

    @contextlib.contextmanager
    def pinned(self, host: str, addresses: list[str]) -> Iterator[None]:
        self._local.pins = {host: addresses}
        try:
            yield
        finally:
            self._local.pins = {}

    def connect_tcp(self, host: str, port: int, timeout: float | None = None, local_address: str | None = None,
                    socket_options: Any = None) -> httpcore.NetworkStream:
        addresses = getattr(self._local, "pins", {}).get(host)
        if not addresses:
            raise httpcore.ConnectError(f"refused: {host} was not checked before connecting")
        error: Exception | None = None
        for address in addresses:
            try:
                return super().connect_tcp(address, port, timeout, local_address, socket_options)
            except httpcore.ConnectError as e:
                error = e
        assert error is not None
        raise error


# --- politeness: pacing and robots.txt ---------------------------------------------------------

class _Pacer:
    """At most one request per host every `interval` seconds, and no request to a host before
    the time its Retry-After named."""

    def __init__(self, interval: float):
        self.interval = interval
        self._next: dict[str, float] = {}
        self._held: dict[str, float] = {}  # Retry-After: no request before then
        self._lock = threading.Lock()

    def wait(self, host: str, deadline: float, timeout: float) -> None:
        with self._lock:
            now = time.monotonic()
            held = self._held.get(host, 0.0)
            if held > deadline:
                raise FetchError(f"{host} asked us to wait (Retry-After): next request in {held - now:.0f}s",
                                 "rate_limited")
            at = max(now, held, self._next.get(host, 0.0))
            if at > deadline:
                raise FetchError(f"timeout after {timeout:g}s (waiting for a turn at {host},"
                                 f" next in {at - now:.0f}s)", "timeout")
            self._next[host] = at + self.interval
        if at > now:
            time.sleep(at - now)

    def hold(self, host: str, seconds: float) -> None:
        with self._lock:
            self._held[host] = max(self._held.get(host, 0.0), time.monotonic() + seconds)


@dataclass
class _RobotsEntry:
    parser: RobotFileParser | None  # None: no rules
    unreachable: str | None  # why robots.txt could not be read: everything disallowed for now
    expires: float


class _Robots:
    """robots.txt per scheme://host:port, fetched once and cached (RFC 9309: 4xx means no rules,
    an unreachable or failing robots.txt means disallow all for a while)."""

    def __init__(self, agent: str):
        self.agent = agent
        self._cache: dict[str, _RobotsEntry] = {}
        self._lock = threading.Lock()

    def refusal(self, url: httpx.URL, fetch: Callable[[str], _Response]) -> str | None:
        """None when robots.txt lets us fetch `url`, else why not."""
        key = f"{url.scheme}://{url.netloc.decode('ascii')}"
        now = time.monotonic()
        with self._lock:
            entry = self._cache.get(key)
        if entry is None or entry.expires < now:
            entry = self._load(key, fetch, now)
            with self._lock:
                self._cache[key] = entry
        if entry.unreachable:
            return f"robots.txt unreachable ({entry.unreachable}), so not fetching from {url.host} for now"
        if entry.parser is None or entry.parser.can_fetch(self.agent, str(url)):
            return None
        return "disallowed by robots.txt"

    def _load(self, key: str, fetch: Callable[[str], _Response], now: float) -> _RobotsEntry:
        try:
            resp = fetch(key + "/robots.txt")
        except FetchError as e:
            return _RobotsEntry(None, str(e), now + ROBOTS_ERROR_TTL)
        if resp.status >= 500 or resp.status == 429:
            return _RobotsEntry(None, f"HTTP {resp.status}", now + ROBOTS_ERROR_TTL)
        if not 200 <= resp.status < 300:  # 4xx: there are no rules
            return _RobotsEntry(None, None, now + ROBOTS_TTL)
        parser = RobotFileParser()
        parser.parse(resp.body.decode("utf-8", "replace").splitlines())
        return _RobotsEntry(parser, None, now + ROBOTS_TTL)


# --- one bounded GET ------------------------------------------------------------------------------

@dataclass
class _Response:
    status: int
    url: str  # after redirects
    headers: httpx.Headers
    body: bytes = b""

    @property
    def content_type(self) -> str:
        return self.headers.get("content-type", "").split(";")[0].strip().lower()

    @property
    def charset(self) -> str | None:
        m = re.search(r'charset="?([\w.:-]+)', self.headers.get("content-type", ""), re.IGNORECASE)
        return m[1] if m else None


class _StatusError(FetchError):
    """An HTTP status we cannot use, with the status kept for the source_state row."""

    def __init__(self, message: str, reason: str, status: int, retry_after: float | None = None):
        super().__init__(message, reason)
        self.status = status
        self.retry_after = retry_after


class _Deadline:
    def __init__(self, timeout: float):
        self.timeout = timeout
        self.at = time.monotonic() + timeout

    def left(self) -> float:
        left = self.at - time.monotonic()
        if left <= 0:
            raise self.error()
        return left

    def error(self) -> FetchError:
        return FetchError(f"timeout after {self.timeout:g}s", "timeout")


class _Http:
    """GET with every bound the issue asks for; raises FetchError with a one-line message."""

    def __init__(self, cfg: FetchConfig):
        self.cfg = cfg
        contact = cfg.contact.strip()
        if contact and not contact.startswith(("mailto:", "http://", "https://")):
            contact = "mailto:" + contact
        self.user_agent = f"{cfg.user_agent} (+{contact})" if contact else cfg.user_agent
        self.backend = _PinnedBackend()
        transport = httpx.HTTPTransport(limits=httpx.Limits(max_connections=20, max_keepalive_connections=10))
        pool = getattr(transport, "_pool", None)
        if pool is not None and hasattr(pool, "_network_backend"):
            pool._network_backend = self.backend
        else:  # pragma: no cover - a future httpcore; the address check before each hop still holds
            log.warning("cannot pin checked addresses with this httpcore; relying on the check before each hop")
        # trust_env=False: a proxy from the environment would bypass the address checks
        self.client = httpx.Client(transport=transport, follow_redirects=False, trust_env=False,
                                   headers={"User-Agent": self.user_agent, "Accept-Encoding": ACCEPT_ENCODING})
        self.pacer = _Pacer(cfg.host_interval_seconds)
        self.robots = _Robots(cfg.user_agent.split("/")[0].strip() or "protocol-monitor")
        self._dns = ThreadPoolExecutor(max_workers=4, thread_name_prefix="fetch-dns")
        self._dns_cache: dict[tuple[str, int], tuple[float, list[str]]] = {}

    def close(self) -> None:
        self.client.close()
        self._dns.shutdown(wait=False, cancel_futures=True)

    def get(self, url: str, *, timeout: float, allow_private: bool, headers: dict[str, str] | None = None,
            max_bytes: int | None = None, robots: bool = False, deadline: _Deadline | None = None) -> _Response:
        """Fetch `url`, following redirects; a status >= 400 comes back as a _Response without body."""
        deadline = deadline or _Deadline(timeout)
        max_bytes = max_bytes or self.cfg.max_bytes
        visited: set[str] = set()
        current = url
        for _hop in range(self.cfg.max_redirects + 1):
            target = self._url(current)
            host = target.raw_host.decode("ascii")
            addresses = self._addresses(host, target.port or _DEFAULT_PORTS[target.scheme], allow_private, deadline)
            refusal = robots and self.robots.refusal(target, lambda u: self.get(
                u, timeout=timeout, allow_private=allow_private, max_bytes=ROBOTS_MAX_BYTES, deadline=deadline))
            if refusal:
                raise FetchError(refusal, "robots")
            resp = self._request(target, host, addresses, headers or {}, deadline, max_bytes)
            if resp.status in REDIRECT_STATUSES:
                location = resp.headers.get("location")
                if not location:
                    raise _StatusError(f"redirect without a Location (HTTP {resp.status})", "http", resp.status)
                visited.add(str(target))
                current = urljoin(str(target), location.strip())
                if str(self._url(current)) in visited:  # compared as httpx normalises them
                    raise _StatusError("redirect loop", "redirect", resp.status)
                continue
            resp.url = str(target)
            return resp
        raise _StatusError(f"too many redirects (over {self.cfg.max_redirects})", "redirect", resp.status)

    @staticmethod
    def _url(url: str) -> httpx.URL:
        try:
            target = httpx.URL(url)
        except (httpx.InvalidURL, ValueError) as e:
            raise FetchError(f"bad URL {url!r}: {e}", "bad_url") from None
        if target.scheme not in ("http", "https") or not target.host:
            raise FetchError(f"not an http(s) URL: {url}", "bad_url")
        return target

    def _addresses(self, host: str, port: int, allow_private: bool, deadline: _Deadline) -> list[str]:
        try:
            addresses = [str(ipaddress.ip_address(host))]
        except ValueError:
            addresses = self._resolve(host, port, deadline)
        if not allow_private:
            for a in addresses:
                if _forbidden(ipaddress.ip_address(a.split("%")[0])):
                    raise FetchError(f"refused: {host} resolves to a private address ({a})", "refused")
        return addresses

    def _resolve(self, host: str, port: int, deadline: _Deadline) -> list[str]:
        now = time.monotonic()
        cached = self._dns_cache.get((host, port))
        if cached and cached[0] > now:
            return cached[1]
        future = self._dns.submit(_getaddrinfo, host, port)
        try:
            addresses = future.result(timeout=deadline.left())
        except FutureTimeout:
            raise deadline.error() from None
        except (socket.gaierror, UnicodeError, OSError):
            raise FetchError(f"DNS failure: cannot resolve {host}", "dns") from None
        if not addresses:
            raise FetchError(f"DNS failure: no address for {host}", "dns")
        if len(self._dns_cache) > 10_000:
            self._dns_cache.clear()
        self._dns_cache[(host, port)] = (now + DNS_TTL, addresses)
        return addresses

    def _request(self, target: httpx.URL, host: str, addresses: list[str], headers: dict[str, str],
                 deadline: _Deadline, max_bytes: int) -> _Response:
        self.pacer.wait(host, deadline.at, deadline.timeout)
        left = deadline.left()
        try:
            request = self.client.build_request("GET", target, headers=headers, timeout=httpx.Timeout(left))
            with self.backend.pinned(host, addresses):
                resp = self.client.send(request, stream=True)
        except httpx.TimeoutException:
            raise deadline.error() from None
        except (httpx.HTTPError, httpcore.ConnectError, OSError, ValueError) as e:
            raise _network_error(e, host) from None
        try:
            if resp.status_code >= 400 or resp.status_code in REDIRECT_STATUSES or resp.status_code == 304:
                return _Response(resp.status_code, str(target), resp.headers)
            try:
                body = _read_body(resp, max_bytes, deadline)
            except FetchError as e:
                raise _StatusError(str(e), e.reason, resp.status_code) from None
            return _Response(resp.status_code, str(target), resp.headers, body)
        finally:
            resp.close()


def _network_error(e: Exception, host: str) -> FetchError:
    text = str(e) or type(e).__name__
    low = text.lower()
    if "refused:" in low:
        return FetchError(text, "refused")
    if "connection refused" in low or "errno 111" in low:
        return FetchError(f"connection refused by {host}", "network")
    if "ssl" in low or "certificate" in low:
        return FetchError(f"TLS error with {host}: {text}", "network")
    if isinstance(e, (httpx.LocalProtocolError, ValueError)):
        return FetchError(f"bad request: {text}", "bad_request")
    return FetchError(f"network error with {host}: {text}", "network")


def _read_body(resp: httpx.Response, max_bytes: int, deadline: _Deadline) -> bytes:
    """Read the body within the deadline and the size cap, decompressing it ourselves."""
    too_large = FetchError(f"too large (over {max_bytes} bytes)", "too_large")
    length = resp.headers.get("content-length", "")
    if length.isdigit() and int(length) > max_bytes:
        raise too_large
    encoding = resp.headers.get("content-encoding", "").strip().lower()
    if encoding in ("gzip", "x-gzip"):
        decoder: Any = zlib.decompressobj(16 + zlib.MAX_WBITS)
    elif encoding == "deflate":
        decoder = _Deflate()
    elif encoding in ("", "identity"):
        decoder = None
    else:
        raise FetchError(f"unsupported content encoding {encoding!r}", "encoding")

    # A watchdog closes the socket at the deadline, so a body that stalls mid-way cannot hold a read
    # past it (httpx's read timeout applies to each read, not to the whole body).
    fired = threading.Event()
    done = threading.Lock()
    stream = resp.extensions.get("network_stream")
    sock = stream.get_extra_info("socket") if stream is not None else None

    def expire() -> None:
        if done.acquire(blocking=False):
            fired.set()
            with contextlib.suppress(OSError, AttributeError):
                sock.shutdown(socket.SHUT_RDWR)  # type: ignore[union-attr]  # only started when sock is set

    watchdog = threading.Timer(max(deadline.at - time.monotonic(), 0.0), expire) if sock is not None else None
    if watchdog:
        watchdog.daemon = True
        watchdog.start()
    out = bytearray()
    raw_total = 0
    try:
        for raw in resp.iter_raw(CHUNK):
            raw_total += len(raw)
            if raw_total > max_bytes:
                raise too_large
            if decoder is None:
                out += raw
            else:
                data = raw
                while data:
                    out += decoder.decompress(data, max_bytes + 1 - len(out))
                    if len(out) > max_bytes:
                        raise too_large
                    data = decoder.unconsumed_tail
            if len(out) > max_bytes:
                raise too_large
            if time.monotonic() >= deadline.at:
                raise deadline.error()
        if decoder is not None:
            out += decoder.flush()
            if len(out) > max_bytes:
                raise too_large
    except httpx.TimeoutException:
        raise deadline.error() from None
    except (httpx.HTTPError, OSError) as e:
        if fired.is_set() or time.monotonic() >= deadline.at:
            raise deadline.error() from None
        raise FetchError(f"connection broke while reading: {e}", "network") from None
    except zlib.error as e:
        raise FetchError(f"bad {encoding} body: {e}", "encoding") from None
    finally:
        if watchdog:
            done.acquire(blocking=False)
            watchdog.cancel()
    if fired.is_set():
        raise deadline.error()
    return bytes(out)


class _Deflate:
    """HTTP 'deflate' is zlib-wrapped by the standard and raw deflate in practice: accept both."""

    def __init__(self) -> None:
        self._obj: Any = None
        self.unconsumed_tail = b""

    def decompress(self, data: bytes, max_length: int) -> bytes:
        if self._obj is None:
            self._obj = zlib.decompressobj()
            try:
                out = self._obj.decompress(data, max_length)
            except zlib.error:
                self._obj = zlib.decompressobj(-zlib.MAX_WBITS)
                out = self._obj.decompress(data, max_length)
        else:
            out = self._obj.decompress(data, max_length)
        self.unconsumed_tail = self._obj.unconsumed_tail
        return out

    def flush(self) -> bytes:
        return self._obj.flush() if self._obj is not None else b""


def _retry_after(value: str | None, now: float) -> float | None:
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return min(float(value), RETRY_AFTER_MAX)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return min(max(when.timestamp() - now, 0.0), RETRY_AFTER_MAX)


def _status_error(resp: _Response, now: float) -> _StatusError:
    s = resp.status
    if s == 410:
        return _StatusError("gone (HTTP 410)", "gone", s)
    if s == 404:
        return _StatusError("not found (HTTP 404)", "gone", s)
    if s in (429, 503):
        after = _retry_after(resp.headers.get("retry-after"), now)
        what = "rate limited" if s == 429 else "unavailable"
        tail = f", retry after {after:.0f}s" if after is not None else ""
        return _StatusError(f"{what} (HTTP {s}){tail}", "rate_limited" if s == 429 else "server_error", s, after)
    if s >= 500:
        return _StatusError(f"server error (HTTP {s})", "server_error", s)
    if s in (401, 403):
        return _StatusError(f"forbidden (HTTP {s})", "http", s)
    if s >= 400:
        return _StatusError(f"refused by the server (HTTP {s})", "http", s)
    return _StatusError(f"unexpected HTTP {s}", "http", s)


# --- reading feeds and listing pages -----------------------------------------------------------

@dataclass
class _Entry:
    link: str | None
    title: str | None
    summary: str  # plain text
    published: str | None


@dataclass
class _Parsed:
    entries: list[_Entry]
    notes: list[str] = field(default_factory=list)


def _looks_like_html(body: bytes, content_type: str) -> bool:
    head = body[:1024].lstrip().lower()
    return content_type in ("text/html", "application/xhtml+xml") or head.startswith((b"<!doctype html", b"<html"))


_FEED_LINK = re.compile(r"""<link\b(?=[^>]*\btype=["']application/(?:rss|atom)\+xml["'])[^>]*\bhref=["']([^"']+)""", re.IGNORECASE)


def _feedparse(body: bytes, content_type: str, url: str) -> Any:
    # a file-like object: given bytes, feedparser would first try them as a local file name
    return feedparser.parse(io.BytesIO(body), response_headers={"content-type": content_type,
                                                                 "content-location": url})


def parse_feed(body: bytes, url: str, content_type: str = "application/xml") -> _Parsed:
    """Entries of an RSS or Atom document; FetchError when it is no feed at all."""
    if not body.strip():
        raise FetchError("empty body", "empty")
    d = _feedparse(body, content_type, url)
    notes: list[str] = []
    if d.bozo and isinstance(d.bozo_exception, (feedparser.CharacterEncodingOverride,
                                                   feedparser.CharacterEncodingUnknown)):
        fixed = _reencode(body, url, d)
        if fixed is not None:
            d, note = fixed
            notes.append(note)
    if not d.entries:
        if not d.version and _looks_like_html(body, content_type):
            m = _FEED_LINK.search(body[:200_000].decode("utf-8", "replace"))
            hint = f" (it links to a feed: {urljoin(url, m[1])})" if m else ""
            raise FetchError(f"not a feed: got an HTML page{hint}", "not_feed")
        if d.bozo:
            raise FetchError(f"malformed feed: {_bozo_text(d.bozo_exception)}", "malformed")
        if not d.version:
            raise FetchError("not a feed: neither RSS nor Atom", "not_feed")
    elif d.bozo and not notes:
        notes.append(f"feed read despite errors: {_bozo_text(d.bozo_exception)}")
    entries = []
    for e in d.entries:
        link = e.get("link") or ""
        if not link and e.get("id", "").startswith(("http://", "https://")):
            link = e["id"]
        if not link.startswith(("http://", "https://")):
            link = ""
        summary = ""
        for c in e.get("content", []) or []:
            if len(c.get("value", "")) > len(summary):
                summary = c["value"]
        if len(e.get("summary", "")) > len(summary):
            summary = e["summary"]
        entries.append(_Entry(link=link or None, title=_clean(e.get("title", "")) or None,
                              summary=_fragment_text(summary) if summary else "", published=_entry_date(e)))
    return _Parsed(entries, notes)


def _bozo_text(exc: BaseException | None) -> str:
    text = _clean(str(exc or "unknown error"))
    return text[:200] if text else type(exc).__name__


def _reencode(body: bytes, url: str, d: Any) -> tuple[Any, str] | None:
    """A feed whose bytes are not in its declared encoding (or declare none): detect the encoding,
    and parse again as UTF-8."""
    try:
        from charset_normalizer import from_bytes
    except ImportError:  # pragma: no cover
        return None
    best = from_bytes(body[:200_000]).best()
    if best is None or best.encoding.replace("_", "-") in ("utf-8", "ascii"):
        return None
    text = body.decode(best.encoding, "replace")
    text = re.sub(r"^(\s*<\?xml[^>]*?)\sencoding=(['\"])[^'\"]*\2", r"\1", text, count=1)
    d2 = _feedparse(text.encode("utf-8"), "application/xml; charset=utf-8", url)
    if not d2.entries:
        return None
    declared = d.get("encoding") or "none"
    return d2, f"feed encoding: bytes are not {declared}; read as {best.encoding}"


def _entry_date(e: Any) -> str | None:
    for key in ("published", "updated", "created", "dc_date"):
        raw = e.get(key)
        if raw:
            d = _iso_date(str(raw))
            if d:
                return d
    for key in ("published_parsed", "updated_parsed"):
        st = e.get(key)
        if st:
            return datetime.fromtimestamp(calendar.timegm(st), UTC).date().isoformat()
    return None


def parse_listing(body: bytes, url: str, selector: str, charset: str | None = None) -> _Parsed:
    """Article links of an HTML listing page, chosen by the source's CSS selector."""
    if not body.strip():
        raise FetchError("empty body", "empty")
    soup = BeautifulSoup(body, "lxml", from_encoding=charset)
    base_tag = soup.find("base", href=True)
    base = urljoin(url, str(base_tag["href"])) if base_tag else url
    try:
        found = soup.select(selector)
    except (SelectorSyntaxError, ValueError, NotImplementedError) as e:
        raise FetchError(f"bad link_selector {selector!r}: {_clean(str(e))[:120]}", "config") from None
    entries: list[_Entry] = []
    own = canonical_url(url)
    for el in found:
        a = el if el.get("href") else el.find("a", href=True)
        if a is None:
            continue
        link = urljoin(base, str(a["href"]).strip())
        if not link.startswith(("http://", "https://")) or canonical_url(link) == own:
            continue
        title = _clean(a.get_text(" ")) or _clean(str(a.get("title", ""))) or None
        entries.append(_Entry(link=link, title=title, summary="", published=None))
    notes = [] if entries else [f"no links matched link_selector {selector!r}"]
    return _Parsed(entries, notes)


# --- the poll ---------------------------------------------------------------------------------------

@dataclass(frozen=True)
class PollResult:
    """What one poll of a source gave."""

    source: str  # the source's name
    status: int | None  # last HTTP status of the source URL (200, 304...); None when no answer came
    documents: list[Document]  # new entries (article main text, or the entry's title and summary)
    items_new: int  # len(documents)
    items_seen: int  # distinct entries in the feed or listing this time (on a 304: as last time)
    error: str | None  # one line in words when the poll failed or was skipped; None otherwise


def _iso_time(t: float | None) -> str | None:
    return None if t is None else time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(t))


class Fetcher:
    """Polls sources with one HTTP client, one per-host pacer and one robots.txt cache."""

    def __init__(self, fetch_cfg: FetchConfig, store: Store):
        self.cfg = fetch_cfg
        self.store = store
        self.http = _Http(fetch_cfg)
        self._random = random.Random()

    def close(self) -> None:
        self.http.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def poll(self, source: SourceConfig, now: float | None = None, force: bool = False) -> PollResult:
        """Fetch one source and return its new documents. Never raises for bad input: the outcome is
        recorded in the source_state row. A source that is backing off or dead is skipped (no request)
        unless `force` is true."""
        now = time.time() if now is None else now
        try:
            state = self._state(source)
        except Exception as e:  # noqa: BLE001 - the database itself is unusable: say so, fetch nothing
            log.warning("%s: cannot read source state: %s", source.name, e)
            return PollResult(source.name, None, [], 0, 0, f"cannot read source state: {e}")
        if not force:
            if state.get("dead"):
                error = (f"dead: gone for {state.get('gone_count', 0)} polls in a row"
                         f" (HTTP {state.get('last_status')}); poll with force to try again")
                return PollResult(source.name, None, [], 0, 0, error)
            next_at = state.get("next_fetch_at")
            if next_at and next_at > now:
                return PollResult(source.name, None, [], 0, 0, f"backing off until {_iso_time(next_at)}")
        try:
            result = self._poll(source, state, now)
        except Exception as e:  # a bug or a library's surprise: still a state, not a crash
            log.exception("%s: unexpected error while polling", source.name)
            result = self._failed(source, state, now, None, f"unexpected error: {type(e).__name__}: {e}")
        try:
            self.store.save_source_state(state)
        except Exception as e:  # noqa: BLE001 - poll() never raises; the next poll tries again
            log.warning("%s: cannot save source state: %s", source.name, e)
        return result

    def _state(self, source: SourceConfig) -> dict[str, Any]:
        state = dict(self.store.source_state(source.name))
        if state.get("url") not in (None, source.url):  # the config points elsewhere now: start afresh
            state.update(etag=None, last_modified=None, gone_count=0, dead=0, failures=0, next_fetch_at=None)
        state["name"], state["url"] = source.name, source.url
        return state

    def _poll(self, source: SourceConfig, state: dict[str, Any], now: float) -> PollResult:
        headers = {"Accept": FEED_ACCEPT if source.kind == "feed" else PAGE_ACCEPT, **source.headers}
        if state.get("etag"):
            headers["If-None-Match"] = state["etag"]
        if state.get("last_modified"):
            headers["If-Modified-Since"] = state["last_modified"]
        resp: _Response | None = None
        try:
            resp = self.http.get(source.url, timeout=source.timeout_seconds, allow_private=source.allow_private,
                                 headers=headers)
            if resp.status == 304:
                return self._succeeded(source, state, now, 304, [], state.get("items_seen") or 0, [], resp)
            if not 200 <= resp.status < 300:
                raise _status_error(resp, now)
            if source.kind == "feed":
                parsed = parse_feed(resp.body, resp.url, resp.headers.get("content-type", "application/xml"))
            else:
                parsed = parse_listing(resp.body, resp.url, source.link_selector, resp.charset)
        except _StatusError as e:
            if e.retry_after:  # no request to that host from this process before then, for any source
                self.http.pacer.hold(httpx.URL(source.url).raw_host.decode("ascii"), e.retry_after)
            return self._failed(source, state, now, e.status, str(e), e.reason, e.retry_after)
        except FetchError as e:
            return self._failed(source, state, now, resp.status if resp else None, str(e), e.reason)
        for note in parsed.notes:
            log.warning("%s: %s", source.name, note)
        docs, seen, notes = self._documents(source, parsed.entries, now)  # logs its own failures
        return self._succeeded(source, state, now, resp.status, docs, seen, parsed.notes + notes, resp)

    def _documents(self, source: SourceConfig, entries: list[_Entry], now: float) -> tuple[list[Document], int, list[str]]:
        docs: list[Document] = []
        keys: list[str] = []
        in_poll: set[str] = set()
        failed: list[str] = []
        for entry in entries:
            key = canonical_url(entry.link) if entry.link else None
            if key is None:  # no link: recognised by its content
                key = "urn:entry:" + content_hash(f"{entry.title}\n{entry.summary}")[:32]
            if key in in_poll:
                continue
            in_poll.add(key)
            if self.store.has_url(key) or self.store.has_seen(key):
                continue
            doc, error = self._document(source, entry, key)
            if error:
                failed.append(f"{entry.link}: {error}")
            if doc is not None:
                docs.append(doc)
                keys.append(key)
        if keys:
            self.store.mark_seen(keys, source.name, now)
        notes = []
        if failed:
            notes.append(f"{len(failed)} article(s) not fetched, feed text used (last: {failed[-1]})")
        return docs, len(in_poll), notes

    def _document(self, source: SourceConfig, entry: _Entry, key: str) -> tuple[Document | None, str | None]:
        """The entry as a Document: its article's main text, or its own title and summary."""
        outlet = source.outlet or source.name
        url = key if entry.link else None
        fallback = "\n\n".join(x for x in (entry.title, entry.summary) if x)
        error = None
        if entry.link and source.follow_links:
            try:
                title, text, html = self._article(source, entry.link)
                if not text:
                    raise FetchError("no main text found on the page", "no_text")
                if len(text) >= len(entry.summary):  # else the page was mostly script; the feed says more
                    published = entry.published or page_date(html)
                    return Document(Source(url=url, outlet=outlet, published=published), entry.title or title,
                                    text), None
            except FetchError as e:
                error = str(e)
                level = logging.INFO if e.reason == "robots" else logging.WARNING
                log.log(level, "%s: article %s: %s; using the feed text", source.name, entry.link, error)
        if not fallback:
            return None, error
        return Document(Source(url=url, outlet=outlet, published=entry.published), entry.title, fallback), error

    def _article(self, source: SourceConfig, link: str) -> tuple[str | None, str, str | bytes]:
        """(title, main text, the page itself) of an article link."""
        robots = self.cfg.robots if source.robots is None else source.robots
        resp = self.http.get(link, timeout=source.timeout_seconds, allow_private=source.allow_private,
                             headers={"Accept": PAGE_ACCEPT, **source.headers}, robots=robots)
        if not 200 <= resp.status < 300:
            err = _status_error(resp, time.time())
            if err.retry_after:
                self.http.pacer.hold(httpx.URL(resp.url).raw_host.decode("ascii"), err.retry_after)
            raise err
        ctype = resp.content_type
        if ctype == "text/plain":
            text = resp.body.decode(resp.charset or "utf-8", "replace")
            return None, "\n".join(ln for ln in (_clean(x) for x in text.splitlines()) if ln), ""
        if ctype and ctype not in ("text/html", "application/xhtml+xml"):
            raise FetchError(f"not an HTML page ({ctype})", "not_html")
        html: str | bytes = resp.body
        if resp.charset:
            with contextlib.suppress(LookupError):
                html = resp.body.decode(resp.charset, "replace")
        title, text = html_to_text(html)
        return title, text, html

    def _succeeded(self, source: SourceConfig, state: dict[str, Any], now: float, status: int,
                   docs: list[Document], seen: int, notes: list[str], resp: _Response) -> PollResult:
        if status != 304:
            state["etag"] = resp.headers.get("etag")
            state["last_modified"] = resp.headers.get("last-modified")
        else:  # a 304 may carry fresher validators
            state["etag"] = resp.headers.get("etag") or state.get("etag")
            state["last_modified"] = resp.headers.get("last-modified") or state.get("last_modified")
        note = "; ".join(notes) or None
        state.update(last_fetch=now, last_status=status, items_new=len(docs), items_seen=seen, last_error=note,
                     failures=0, gone_count=0, dead=0, next_fetch_at=None)
        return PollResult(source.name, status, docs, len(docs), seen, None)

    def _failed(self, source: SourceConfig, state: dict[str, Any], now: float, status: int | None, error: str,
                reason: str = "error", retry_after: float | None = None) -> PollResult:
        failures = (state.get("failures") or 0) + 1
        delay = min(BACKOFF_BASE * 2 ** (failures - 1), BACKOFF_MAX) * self._random.uniform(0.5, 1.0)
        if retry_after is not None:
            delay = max(delay, retry_after)
        gone = (state.get("gone_count") or 0) + 1 if reason == "gone" else 0
        dead = int(gone >= self.cfg.dead_after)
        if dead and not state.get("dead"):
            error = f"{error}; marked dead after {gone} polls in a row"
        log.warning("%s: %s", source.name, error)
        state.update(last_fetch=now, last_status=status, items_new=0, items_seen=0, last_error=error,
                     failures=failures, gone_count=gone, dead=dead, next_fetch_at=now + delay)
        return PollResult(source.name, status, [], 0, 0, error)


def sources_table(store: Store, config: Config) -> list[dict[str, Any]]:
    """One row per configured source for `monitor sources`: name, url, last fetch (ISO time), HTTP
    status, items new/seen, state (ok | failing | dead | never fetched), last error in words, and
    when a backing-off source will be tried again."""
    rows = []
    for s in config.sources:
        st = store.source_state(s.name)
        if st.get("url") not in (None, s.url) or st.get("last_fetch") is None:
            state = "never fetched"
            st = {}
        elif st.get("dead"):
            state = "dead"
        elif st.get("failures"):
            state = "failing"
        else:
            state = "ok"
        rows.append({
            "name": s.name, "url": s.url, "kind": s.kind, "last_fetch": _iso_time(st.get("last_fetch")),
            "status": st.get("last_status"), "items_new": st.get("items_new") or 0,
            "items_seen": st.get("items_seen") or 0, "state": state, "error": st.get("last_error"),
            "next_fetch": _iso_time(st.get("next_fetch_at")) if state in ("failing", "dead") else None,
        })
    return rows
