"""Read and check config.toml. Every bad value is refused at start with the file, key and expectation."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

from monitor.errors import ConfigError

SEVERITY_NAMES = ("info", "low", "medium", "high")


@dataclass(frozen=True)
class SourceConfig:
    name: str
    kind: str  # feed | page
    url: str
    interval_seconds: int = 3600
    timeout_seconds: float = 20.0
    allow_private: bool = False
    follow_links: bool = True
    robots: bool | None = None  # None: the [fetch] default
    headers: dict[str, str] = field(default_factory=dict)
    link_selector: str = "a[href]"  # page sources: CSS selector of article links
    outlet: str | None = None


@dataclass(frozen=True)
class FetchConfig:
    user_agent: str = "protocol-monitor/0.1"
    contact: str = ""
    host_interval_seconds: float = 1.0
    max_bytes: int = 5_000_000
    max_redirects: int = 5
    robots: bool = True
    dead_after: int = 5  # consecutive 404/410 polls before a source is marked dead


@dataclass(frozen=True)
class EmailConfig:
    host: str
    port: int = 587
    starttls: bool = True
    ssl: bool = False
    username: str | None = None
    password_env: str | None = None
    sender: str = "protocol-monitor@localhost"
    to: tuple[str, ...] = ()
    timeout_seconds: float = 30.0
    min_severity: str = "info"
    tls_verify: bool = True  # false only for a relay you trust on a private network
    ca_file: str | None = None  # PEM file of the CA (or self-signed cert) that signs the server's cert


@dataclass(frozen=True)
class WebhookConfig:
    url: str
    secret_env: str | None = None
    format: str = "json"  # json | slack
    timeout_seconds: float = 10.0
    min_severity: str = "info"


@dataclass(frozen=True)
class NotifyConfig:
    email: EmailConfig | None = None
    webhook: WebhookConfig | None = None
    max_age_seconds: int = 86_400  # a delivery still failing after this long is marked failed
    apprise: tuple[str, ...] = ()  # Apprise URLs (ntfy://, tgram://, matrix://...): one channel "apprise"


@dataclass(frozen=True)
class CompareConfig:
    history_days: int = 30  # a message older than this when reported is history, not news
    window_days: int = 30  # how far apart two messages may be to be contrasted
    weights: dict[str, float] = field(default_factory=dict)
    low: float = 2.0
    medium: float = 3.0
    high: float = 4.0
    grace_days: int = 14  # how long after its expected date a recurring message may still come
    absence_min_years: int = 2  # past years with the message before its absence is flagged
    mode: str = "rolling"  # rolling: the baseline file and the history stored since; frozen: the baseline only
    baseline: str | None = None  # the baseline file; default <state dir>/baseline.json
    calendar: tuple[dict[str, Any], ...] = ()  # occasions expected every year, beside those history shows


@dataclass(frozen=True)
class Config:
    path: Path | None
    state_dir: Path
    sources: tuple[SourceConfig, ...] = ()
    fetch: FetchConfig = field(default_factory=FetchConfig)
    notify: NotifyConfig = field(default_factory=NotifyConfig)
    compare: CompareConfig = field(default_factory=CompareConfig)


# --- checkers: each returns the clean value or raises ValueError("what was expected") ---

def _str(v: Any) -> str:
    if not isinstance(v, str) or not v.strip():
        raise ValueError("a non-empty string")
    return v


def _opt_str(v: Any) -> str:
    if not isinstance(v, str):
        raise ValueError("a string")
    return v


def _bool(v: Any) -> bool:
    if not isinstance(v, bool):
        raise ValueError("true or false")
    return v


def _pos_int(v: Any) -> int:
    if isinstance(v, bool) or not isinstance(v, int) or v <= 0:
        raise ValueError("a positive integer")
    return v


def _port(v: Any) -> int:
    if isinstance(v, bool) or not isinstance(v, int) or not 0 < v < 65536:
        raise ValueError("a port number from 1 to 65535")
    return v


def _pos_num(v: Any) -> float:
    if isinstance(v, bool) or not isinstance(v, (int, float)) or v <= 0:
        raise ValueError("a positive number")
    return float(v)


def _nonneg_num(v: Any) -> float:
    if isinstance(v, bool) or not isinstance(v, (int, float)) or v < 0:
        raise ValueError("a number of zero or more")
    return float(v)


def _url(v: Any) -> str:
    if not isinstance(v, str) or not v.startswith(("http://", "https://")):
        raise ValueError("an http:// or https:// URL")
    return v


def _one_of(*choices: str) -> Callable[[Any], str]:
    def check(v: Any) -> str:
        if v not in choices:
            raise ValueError(" or ".join(repr(c) for c in choices))
        return v
    return check


def _str_list(v: Any) -> tuple[str, ...]:
    if isinstance(v, str):
        v = [v]
    if not isinstance(v, list) or not v or not all(isinstance(x, str) and x for x in v):
        raise ValueError("a list of strings")
    return tuple(v)


def _str_table(v: Any) -> dict[str, str]:
    if not isinstance(v, dict) or not all(isinstance(x, str) for x in v.values()):
        raise ValueError("a table of strings")
    return dict(v)


def _weights(v: Any) -> dict[str, float]:
    if not isinstance(v, dict):
        raise ValueError("a table of country codes to positive numbers")
    out = {}
    for k, w in v.items():
        if len(k) != 2 or not k.isupper():
            raise ValueError(f"two-letter country codes as keys (not {k!r})")
        out[k] = _pos_num(w)
    return out


def _table(where: str, data: Any, spec: dict[str, Callable[[Any], Any]], required: tuple[str, ...] = (),
           rename: dict[str, str] | None = None) -> dict[str, Any]:
    """Check one TOML table against `spec`; return kwargs for its dataclass."""
    if not isinstance(data, dict):
        raise ConfigError(f"{where} must be a table")
    for key in required:
        if key not in data:
            raise ConfigError(f"{where}.{key} is missing")
    out: dict[str, Any] = {}
    for key, value in data.items():
        if key not in spec:
            raise ConfigError(f"{where}.{key} is not a known key (known: {', '.join(sorted(spec))})")
        try:
            out[(rename or {}).get(key, key)] = spec[key](value)
        except ValueError as e:
            raise ConfigError(f"{where}.{key} must be {e}, got {value!r}") from None
    return out


_SOURCE = {
    "name": _str, "kind": _one_of("feed", "page"), "url": _url, "interval_seconds": _pos_int,
    "timeout_seconds": _pos_num, "allow_private": _bool, "follow_links": _bool, "robots": _bool,
    "headers": _str_table, "link_selector": _str, "outlet": _str,
}
_FETCH = {
    "user_agent": _str, "contact": _opt_str, "host_interval_seconds": _nonneg_num,
    "max_bytes": _pos_int, "max_redirects": _pos_int, "robots": _bool, "dead_after": _pos_int,
}
_EMAIL = {
    "host": _str, "port": _port, "starttls": _bool, "ssl": _bool, "username": _str,
    "password_env": _str, "from": _str, "to": _str_list, "timeout_seconds": _pos_num,
    "min_severity": _one_of(*SEVERITY_NAMES), "tls_verify": _bool, "ca_file": _str,
}
_WEBHOOK = {
    "url": _url, "secret_env": _str, "format": _one_of("json", "slack"),
    "timeout_seconds": _pos_num, "min_severity": _one_of(*SEVERITY_NAMES),
}
def _calendar(v: Any) -> tuple[dict[str, Any], ...]:
    """[[compare.calendar]] entries: counterpart, direction (from_kp | to_kp), occasion, month, day."""
    what = ("an array of tables with counterpart (two-letter code), direction (from_kp or to_kp), "
            "occasion, month (1-12) and day (1-31)")
    if not isinstance(v, list):
        raise ValueError(what)
    out = []
    for entry in v:
        if not isinstance(entry, dict) or set(entry) - {"counterpart", "direction", "occasion", "month", "day", "channel"}:
            raise ValueError(what)
        ok = (isinstance(entry.get("counterpart"), str) and len(entry["counterpart"]) == 2
              and entry.get("direction") in ("from_kp", "to_kp") and isinstance(entry.get("occasion"), str)
              and isinstance(entry.get("month"), int) and 1 <= entry["month"] <= 12
              and isinstance(entry.get("day"), int) and 1 <= entry["day"] <= 31)
        if not ok:
            raise ValueError(what)
        out.append({"channel": "state", **entry})
    return tuple(out)


_COMPARE = {
    "history_days": _pos_int, "window_days": _pos_int, "weights": _weights,
    "low": _pos_num, "medium": _pos_num, "high": _pos_num, "grace_days": _pos_int, "absence_min_years": _pos_int,
    "mode": _one_of("rolling", "frozen"), "baseline": _str, "calendar": _calendar,
}
_TOP = ("state", "fetch", "sources", "notify", "compare")


def parse(data: dict[str, Any], path: Path | None = None, base: Path | None = None) -> Config:
    """Turn the TOML data into a Config, or raise ConfigError naming the file and key."""
    name = path.name if path else "config"
    try:
        return _parse(data, base or (path.parent if path else Path.cwd()))
    except ConfigError as e:
        raise ConfigError(f"{name}: {e}") from None


def _parse(data: dict[str, Any], base: Path) -> Config:
    for key in data:
        if key not in _TOP:
            raise ConfigError(f"{key} is not a known section (known: {', '.join(_TOP)})")
    state = _table("state", data.get("state", {}), {"dir": _str})
    state_dir = Path(state.get("dir", "state")).expanduser()
    if not state_dir.is_absolute():
        state_dir = base / state_dir

    sources = []
    raw_sources = data.get("sources", [])
    if not isinstance(raw_sources, list):
        raise ConfigError("sources must be an array of tables ([[sources]])")
    seen = set()
    for i, raw in enumerate(raw_sources):
        kw = _table(f"sources[{i}]", raw, _SOURCE, required=("name", "kind", "url"))
        if kw["name"] in seen:
            raise ConfigError(f"sources[{i}].name {kw['name']!r} is used twice; names must be unique")
        seen.add(kw["name"])
        sources.append(SourceConfig(**kw))

    fetch = FetchConfig(**_table("fetch", data.get("fetch", {}), _FETCH))

    notify_raw = data.get("notify", {})
    if not isinstance(notify_raw, dict):
        raise ConfigError("notify must be a table")
    for key in notify_raw:
        if key not in ("email", "webhook", "max_age_seconds", "apprise"):
            raise ConfigError(f"notify.{key} is not a known key (known: apprise, email, max_age_seconds, webhook)")
    email = webhook = None
    if "email" in notify_raw:
        kw = _table("notify.email", notify_raw["email"], _EMAIL, required=("host", "to"), rename={"from": "sender"})
        if kw.get("ssl") and kw.get("starttls"):
            raise ConfigError("notify.email: ssl and starttls cannot both be true; pick one")
        if kw.get("ca_file") and not Path(kw["ca_file"]).expanduser().is_absolute():
            kw["ca_file"] = str(base / kw["ca_file"])
        email = EmailConfig(**kw)
    if "webhook" in notify_raw:
        webhook = WebhookConfig(**_table("notify.webhook", notify_raw["webhook"], _WEBHOOK, required=("url",)))
    max_age = notify_raw.get("max_age_seconds", 86_400)
    try:
        max_age = _pos_int(max_age)
    except ValueError as e:
        raise ConfigError(f"notify.max_age_seconds must be {e}, got {max_age!r}") from None
    apprise_urls: tuple[str, ...] = ()
    if "apprise" in notify_raw:
        try:
            apprise_urls = _str_list(notify_raw["apprise"])
            if not all("://" in u for u in apprise_urls):
                raise ValueError("a list of Apprise URLs such as \"ntfy://ntfy.sh/topic\"")
        except ValueError as e:
            raise ConfigError(f"notify.apprise must be {e}, got {notify_raw['apprise']!r}") from None
    notify = NotifyConfig(email=email, webhook=webhook, max_age_seconds=max_age, apprise=apprise_urls)

    compare = CompareConfig(**_table("compare", data.get("compare", {}), _COMPARE))
    if not compare.low <= compare.medium <= compare.high:
        raise ConfigError("compare: thresholds must satisfy low <= medium <= high")
    return Config(path=None, state_dir=state_dir, sources=tuple(sources), fetch=fetch,
                  notify=notify, compare=compare)


def load(path: str | Path) -> Config:
    """Load config from a TOML file. A missing file is an error that says how to make one."""
    p = Path(path)
    try:
        raw = p.read_bytes()
    except FileNotFoundError:
        raise ConfigError(f"{p}: no such file; copy config.toml from the project or pass --config PATH") from None
    except OSError as e:
        raise ConfigError(f"{p}: cannot read it: {e.strerror}") from None
    try:
        data = tomllib.loads(raw.decode("utf-8"))
    except UnicodeDecodeError:
        raise ConfigError(f"{p}: is not UTF-8 text") from None
    except tomllib.TOMLDecodeError as e:
        raise ConfigError(f"{p.name}: is not valid TOML: {e}") from None
    cfg = parse(data, p, p.resolve().parent)
    return Config(path=p, state_dir=cfg.state_dir, sources=cfg.sources, fetch=cfg.fetch,
                  notify=cfg.notify, compare=cfg.compare)


def default() -> Config:
    """A config with no sources and no channels, for commands run without a config file."""
    return parse({}, None, Path.cwd())
