"""The `monitor` command: a thin layer over the library. Only this module prints."""

from __future__ import annotations

import csv
import io
import json
import logging
import sys
import tempfile
import time
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Callable

import click

from monitor import config as config_mod
from monitor.errors import MonitorError

DEFAULT_CONFIG = "config.toml"


class Ctx:
    def __init__(self, config_path: str | None):
        self.config_path = config_path

    def config(self, required: bool = False) -> config_mod.Config:
        path = self.config_path or DEFAULT_CONFIG
        if self.config_path is None and not Path(path).exists() and not required:
            return config_mod.default()
        return config_mod.load(path)


def _errors(fn: Callable[..., Any]) -> Callable[..., Any]:
    """Turn a MonitorError into a one-line message and exit status 1."""
    import functools

    @functools.wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return fn(*args, **kwargs)
        except MonitorError as e:
            raise click.ClickException(str(e)) from None
    return wrapper


def _state_dir(cfg: config_mod.Config, state: str | None) -> Path:
    return Path(state) if state else cfg.state_dir


state_option = click.option("--state", "state", type=click.Path(file_okay=False), default=None,
                            help="State directory (overrides [state] dir of the config).")


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--config", "config_path", type=click.Path(dir_okay=False), default=None,
              help="Configuration file (default: ./config.toml).")
@click.option("-v", "--verbose", count=True, help="More log lines (-vv for debug).")
@click.option("-q", "--quiet", is_flag=True, help="Only errors in the log.")
@click.version_option(package_name="protocol-monitor")
@click.pass_context
def cli(ctx: click.Context, config_path: str | None, verbose: int, quiet: bool) -> None:
    """Watch state media for how leader-to-leader messages are treated, and say when it changes."""
    level = logging.ERROR if quiet else (logging.WARNING, logging.INFO, logging.DEBUG)[min(verbose, 2)]
    logging.basicConfig(level=level, format="%(asctime)s %(levelname)s %(name)s: %(message)s", stream=sys.stderr)
    ctx.obj = Ctx(config_path)


# --- extract ------------------------------------------------------------------------------------


@cli.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@click.option("--json", "as_json", is_flag=True, help="One JSON object a line.")
@_errors
def extract(paths: tuple[str, ...], as_json: bool) -> None:
    """Find leader-to-leader messages in documents (files or folders)."""
    from monitor.documents import read_documents
    from monitor.extract import extract as run

    rows = []
    for doc in read_documents(paths):
        for msg in run(doc):
            rows.append(msg.as_dict())
    if as_json:
        for row in rows:
            click.echo(json.dumps(row, ensure_ascii=False))
        return
    _table(rows, [("date", "date"), ("sender_country", "from"), ("recipient_country", "to"), ("kind", "kind"),
                  ("occasion", "occasion"), ("recipient_named", "named"), ("content_published", "text"),
                  ("grouped_with", "grouped with"), ("recipient", "recipient")])


def _cell(v: Any) -> str:
    if v is None:
        return "-"
    if isinstance(v, bool):
        return "yes" if v else "no"
    if isinstance(v, (list, tuple)):
        return ",".join(map(str, v)) if v else "(own)"
    return str(v)


def _table(rows: list[dict[str, Any]], columns: list[tuple[str, str]]) -> None:
    cells = [[_cell(r.get(k)) for k, _ in columns] for r in rows]
    widths = [max([len(h)] + [len(c[i]) for c in cells]) for i, (_, h) in enumerate(columns)]
    click.echo("  ".join(h.ljust(w) for (_, h), w in zip(columns, widths)).rstrip())
    for c in cells:
        click.echo("  ".join(x.ljust(w) for x, w in zip(c, widths)).rstrip())
    if not rows:
        click.echo("(none)")


# --- replay -------------------------------------------------------------------------------------


def _print_alert(alert: dict[str, Any], as_json: bool) -> None:
    if as_json:
        click.echo(json.dumps(alert, ensure_ascii=False))
        return
    counterpart = alert["counterpart"]
    if isinstance(counterpart, list):
        counterpart = "/".join(counterpart)
    click.echo(f"[{alert['severity'].upper()}] {alert['rule']} {counterpart} {alert.get('direction') or ''}".rstrip()
               + f"  {alert['id']}")
    click.echo(f"  {alert.get('subject') or ''}")
    click.echo(f"  {alert['summary']}")
    click.echo(f"  evidence: {alert['evidence']}")
    p = alert.get("precedent")
    if p:
        click.echo(f"  precedent: {p.get('date')} {p.get('outlet') or ''}: {p.get('evidence')}")
    if alert.get("link"):
        click.echo(f"  link: {alert['link']}")
    click.echo("")


def _alert_json(alert: Any) -> dict[str, Any]:
    d = alert.as_dict() if hasattr(alert, "as_dict") else dict(alert)
    return d


@cli.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@click.option("--json", "as_json", is_flag=True, help="One JSON object a line.")
@state_option
@click.option("--until", "until", type=click.DateTime(formats=["%Y-%m-%d"]), default=None,
              help="After the documents, run the absence checks as of this date.")
@click.option("--deliver-timeout", type=float, default=30.0, show_default=True,
              help="Seconds to keep retrying deliveries before exiting; what is left stays pending.")
@click.pass_obj
@_errors
def replay(obj: Ctx, paths: tuple[str, ...], as_json: bool, state: str | None, until: datetime | None,
           deliver_timeout: float) -> None:
    """Run documents in order of publication through extract, store, compare and notify, and print every alert.

    Without --state the replay uses a fresh temporary state directory."""
    from monitor.documents import read_documents
    from monitor.pipeline import absences, process
    from monitor.store import Store

    cfg = obj.config()
    docs = read_documents(paths)
    docs.sort(key=lambda d: (d.source.published or "9999", d.source.path or d.source.url or ""))
    tmp = None
    if state:
        state_dir = Path(state)
    else:
        tmp = tempfile.TemporaryDirectory(prefix="monitor-replay-")
        state_dir = Path(tmp.name)
    try:
        with Store(state_dir) as store:
            raised = []
            for doc in docs:
                raised.extend(process(doc, store, cfg).alerts)
            if until is not None:
                raised.extend(absences(store, cfg, until.date()))
            for alert in raised:
                _print_alert(_alert_json(alert), as_json)
            if not as_json:
                click.echo(f"{len(docs)} documents, {len(raised)} alerts")
            _deliver(store, cfg, deliver_timeout)
    finally:
        if tmp is not None:
            tmp.cleanup()


def _deliver(store: Any, cfg: config_mod.Config, timeout: float) -> None:
    from monitor.notify import channel_names, deliver_until

    if not channel_names(cfg.notify):
        return
    counts = deliver_until(store, cfg.notify, timeout)
    pending = store.delivery_counts().get("pending", 0)
    click.echo(f"deliveries: {counts['sent']} sent, {counts['failed']} failed, {pending} still pending", err=True)


# --- poll, run, sources, status -------------------------------------------------------------------


@cli.command()
@state_option
@click.option("--deliver-timeout", type=float, default=30.0, show_default=True,
              help="Seconds to keep retrying deliveries before exiting; what is left stays pending.")
@click.pass_obj
@_errors
def poll(obj: Ctx, state: str | None, deliver_timeout: float) -> None:
    """One pass over every configured source now. Exits 1 when any source failed."""
    from monitor.daemon import poll_all
    from monitor.store import Store

    cfg = obj.config(required=True)
    if logging.getLogger().level >= logging.WARNING:
        # each failure is said once, below, not also by the fetcher's log line (-v shows both)
        logging.getLogger("monitor.fetch").setLevel(logging.ERROR)
    with Store(_state_dir(cfg, state)) as store:
        summary = poll_all(store, cfg)
        for alert in summary.alerts:
            _print_alert(_alert_json(alert), False)
        click.echo(f"{len(cfg.sources)} sources, {summary.documents} new articles, {summary.new_events} new events, "
                   f"{len(summary.alerts)} alerts")
        _deliver(store, cfg, deliver_timeout)
    for name, error in summary.failures:
        click.echo(f"{name}: {error}", err=True)
    if summary.failures:
        sys.exit(1)


@cli.command()
@state_option
@click.pass_obj
@_errors
def run(obj: Ctx, state: str | None) -> None:
    """Run the daemon: poll each source on its interval and deliver alerts, until SIGTERM or Ctrl-C."""
    from monitor.daemon import Daemon

    cfg = obj.config(required=True)
    if logging.getLogger().level > logging.INFO:
        logging.getLogger().setLevel(logging.INFO)
    Daemon(cfg, _state_dir(cfg, state)).run()


def _when(ts: float | None) -> str:
    if not ts:
        return "never"
    return datetime.fromtimestamp(float(ts), timezone.utc).strftime("%Y-%m-%d %H:%M:%SZ")


@cli.command()
@state_option
@click.option("--json", "as_json", is_flag=True, help="One JSON object a line.")
@click.pass_obj
@_errors
def sources(obj: Ctx, state: str | None, as_json: bool) -> None:
    """One line per source: last fetch, HTTP status, items new/seen, state and last error."""
    from monitor.fetch import sources_table
    from monitor.store import Store

    cfg = obj.config(required=True)
    with Store(_state_dir(cfg, state)) as store:
        rows = sources_table(store, cfg)
    if as_json:
        for r in rows:
            click.echo(json.dumps(r, ensure_ascii=False))
        return
    _table(rows, [("name", "source"), ("last_fetch", "last fetch"), ("status", "http"), ("items_new", "new"),
                  ("items_seen", "seen"), ("state", "state"), ("error", "last error")])


@cli.command()
@state_option
@click.pass_obj
@_errors
def status(obj: Ctx, state: str | None) -> None:
    """Last poll per source, pending and failed deliveries, last alert, uptime."""
    from monitor.store import Store

    cfg = obj.config()
    with Store(_state_dir(cfg, state)) as store:
        started, stopped = store.meta("daemon_started"), store.meta("daemon_stopped")
        running = started and (not stopped or float(stopped) < float(started)) and _lock_held(store.dir)
        if running:
            up = time.time() - float(started or 0)
            click.echo(f"daemon: running since {_when(float(started or 0))} (up {int(up // 3600)} h {int(up % 3600 // 60)} min)")
        else:
            click.echo("daemon: not running" + (f" (last stopped {_when(float(stopped))})" if stopped else ""))
        for src in cfg.sources:
            last = store.meta(f"last_poll:{src.name}") or store.source_state(src.name).get("last_fetch")
            click.echo(f"source {src.name}: last poll {_when(float(last) if last else None)}")
        counts = store.delivery_counts()
        click.echo(f"deliveries: {counts.get('pending', 0)} pending, {counts.get('failed', 0)} failed, "
                   f"{counts.get('sent', 0)} sent")
        alerts = store.alerts()
        if alerts:
            a = alerts[-1]
            click.echo(f"last alert: {_when(a['created_at'])} [{a['severity']}] {a['subject']}")
        else:
            click.echo("last alert: none")


def _lock_held(state_dir: Path) -> bool:
    from monitor.daemon import StateLock
    from monitor.errors import LockError

    try:
        StateLock(state_dir).acquire().release()
        return False
    except LockError:
        return True


# --- alerts, events, explain, notify ------------------------------------------------------------------


def _export(rows: list[dict[str, Any]], fmt: str) -> None:
    if fmt == "json":
        for r in rows:
            click.echo(json.dumps(r, ensure_ascii=False, default=str))
        return
    buf = io.StringIO()
    keys = list(rows[0]) if rows else []
    writer = csv.DictWriter(buf, fieldnames=keys)
    writer.writeheader()
    for r in rows:
        writer.writerow({k: json.dumps(v, ensure_ascii=False) if isinstance(v, (list, dict)) else v for k, v in r.items()})
    click.echo(buf.getvalue(), nl=False)


@cli.command()
@state_option
@click.option("--format", "fmt", type=click.Choice(["table", "json", "csv"]), default="table", show_default=True)
@click.pass_obj
@_errors
def alerts(obj: Ctx, state: str | None, fmt: str) -> None:
    """Each alert with each channel's delivery state, attempts and last error."""
    from monitor.notify import alerts_table
    from monitor.store import Store

    cfg = obj.config()
    with Store(_state_dir(cfg, state)) as store:
        rows = alerts_table(store)
    if fmt != "table":
        _export(rows, fmt)
        return
    for a in rows:
        click.echo(f"{a['id']}  {_when(a['created_at'])}  [{a['severity']}] {a['rule']}  {a['subject']}")
        for d in a["deliveries"]:
            err = f"  last error: {d['last_error']}" if d["last_error"] else ""
            click.echo(f"    {d['channel']}: {d['state']}, {d['attempts']} attempts{err}")
    if not rows:
        click.echo("(no alerts)")


@cli.command()
@state_option
@click.option("--format", "fmt", type=click.Choice(["table", "json", "csv"]), default="table", show_default=True)
@click.pass_obj
@_errors
def events(obj: Ctx, state: str | None, fmt: str) -> None:
    """Every stored event (one per message, however many reports carried it)."""
    from monitor.store import Store

    cfg = obj.config()
    with Store(_state_dir(cfg, state)) as store:
        rows = store.all_events()
    for r in rows:
        r["grouped_with"] = json.loads(r["grouped_with"]) if r["grouped_with"] else r["grouped_with"]
        r["first_source"] = json.loads(r["first_source"]) if r["first_source"] else None
    if fmt != "table":
        _export(rows, fmt)
        return
    _table(rows, [("date", "date"), ("sender_country", "from"), ("recipient_country", "to"), ("kind", "kind"),
                  ("occasion", "occasion"), ("recipient_named", "named"), ("content_published", "text"),
                  ("grouped_with", "grouped with"), ("n_sources", "sources"), ("id", "id")])


@cli.command()
@click.argument("alert_id")
@state_option
@click.pass_obj
@_errors
def explain(obj: Ctx, alert_id: str, state: str | None) -> None:
    """An alert, its rule, and the precedent beside the observation."""
    from monitor.store import Store

    cfg = obj.config()
    with Store(_state_dir(cfg, state)) as store:
        alert = store.alert(alert_id)
        if alert is None:
            raise MonitorError(f"no alert with id {alert_id!r} in {store.path}; `monitor alerts` lists them")
        _print_alert(alert, False)
        details = alert.get("details") or {}
        obs = details.get("observation") or {}
        other = alert.get("precedent") or {}
        label = "contrast" if alert["rule"] == "contrast" else "precedent"
        rows = [("date", other.get("date"), obs.get("date")), ("outlet", other.get("outlet"), obs.get("outlet"))]
        for dim in ("named", "content", "placement"):
            rows.append((dim, (other.get("treatment") or {}).get(dim), (obs.get("treatment") or {}).get(dim)))
        rows.append(("link", other.get("url") or other.get("path"), obs.get("url") or obs.get("path")))
        width = max(len(str(r[1] or "-")) for r in rows) + 2
        click.echo(f"{'':10}{label:<{width}}observation")
        for name, a, b in rows:
            click.echo(f"{name:10}{str(a if a is not None else '-'):<{width}}{b if b is not None else '-'}")
        click.echo(f"\n{label} evidence:   {other.get('evidence') or '-'}")
        click.echo(f"observation evidence: {obs.get('evidence') or alert['evidence']}")


@cli.group()
def baseline() -> None:
    """The baseline: each counterpart's usual treatment, learned from a corpus."""


@baseline.command("build")
@click.argument("paths", nargs=-1, type=click.Path())
@state_option
@click.option("--out", type=click.Path(dir_okay=False), default=None,
              help="Where to write it (default: [compare] baseline, else <state>/baseline.json).")
@click.pass_obj
@_errors
def baseline_build(obj: Ctx, paths: tuple[str, ...], state: str | None, out: str | None) -> None:
    """Learn the baseline from documents (default: ./seeds) and write it as JSON, to read and edit."""
    from monitor.pipeline import baseline_path, build_baseline

    cfg = obj.config()
    sources = list(paths) or ["seeds"]
    if not paths and not Path("seeds").is_dir():
        raise MonitorError("no documents given and no ./seeds folder here; pass the corpus: monitor baseline build PATH...")
    target = Path(out) if out else baseline_path(cfg, _state_dir(cfg, state))
    data = build_baseline(sources, cfg, target)
    n = sum(g["messages"] for g in data["groups"])
    click.echo(f"baseline: {n} messages, {len({g['counterpart'] for g in data['groups']})} counterparts, "
               f"{len(data['groups'])} groups -> {target}")


@baseline.command("show")
@state_option
@click.pass_obj
@_errors
def baseline_show(obj: Ctx, state: str | None) -> None:
    """Each counterpart's usual treatment, per direction and class of occasion."""
    from monitor.pipeline import baseline_path

    cfg = obj.config()
    path = baseline_path(cfg, _state_dir(cfg, state))
    if not path.exists():
        raise MonitorError(f"{path}: no baseline yet; make one with `monitor baseline build`")
    data = json.loads(path.read_text("utf-8"))
    rows = [{"counterpart": g["counterpart"], "direction": g["direction"], "channel": g["channel"],
             "class": g["occasion_class"], "messages": g["messages"], "named": _tally_text(g["named"]),
             "content": _tally_text(g["content"]), "placement": _tally_text(g["placement"]),
             "warm": ",".join(sorted(g["warm_words"])) or "-"} for g in data["groups"]]
    _table(rows, [(k, k) for k in ("counterpart", "direction", "channel", "class", "messages", "named", "content",
                                   "placement", "warm")])


def _tally_text(t: dict[str, int]) -> str:
    return " ".join(f"{k}:{v}" for k, v in sorted(t.items(), key=lambda kv: -kv[1]))


@cli.group()
def notify() -> None:
    """Alert channels."""


@notify.command("test")
@click.pass_obj
@_errors
def notify_test(obj: Ctx) -> None:
    """Send a test alert through each configured channel and say what happened."""
    from monitor.notify import send_test

    cfg = obj.config(required=True)
    results = send_test(cfg.notify)
    if not results:
        click.echo("no channel is configured ([notify.email], [notify.webhook] or [notify] apprise)")
        return
    for name, ok, what in results:
        click.echo(f"{name}: {'ok' if ok else 'FAILED'}: {what}")
    if not all(ok for _, ok, _ in results):
        sys.exit(1)


# --- report -------------------------------------------------------------------------------------------


@cli.command()
@click.option("--out", "out", type=click.Path(dir_okay=False), default="report.html", show_default=True,
              help="The HTML file to write (self-contained: opens without a network).")
@state_option
@click.option("--country", "countries", multiple=True, metavar="CN",
              help="Only this counterpart (a code such as CN, or a name such as China); repeat for more.")
@click.option("--since", type=click.DateTime(formats=["%Y-%m-%d"]), default=None, help="First day to show.")
@click.option("--until", type=click.DateTime(formats=["%Y-%m-%d"]), default=None, help="Last day to show.")
@click.pass_obj
@_errors
def report(obj: Ctx, out: str, state: str | None, countries: tuple[str, ...], since: datetime | None,
           until: datetime | None) -> None:
    """Write one HTML page: per counterpart, a timeline of how its messages were treated, with its alerts."""
    from monitor.report import write_report
    from monitor.store import Store

    cfg = obj.config()
    with Store(_state_dir(cfg, state)) as store:
        info = write_report(store, out, countries=countries, since=since.date() if since else None,
                            until=until.date() if until else None)
    def n(k: int, word: str) -> str:
        return f"{k} {word}{'' if k == 1 else 's'}"

    click.echo(f"{info.path}: {n(info.countries, 'counterpart')}, {n(info.messages, 'message')}, "
               f"{n(info.alerts, 'alert')} ({info.size / 1_000_000:.1f} MB)")


def main() -> None:
    cli(prog_name="monitor")


if __name__ == "__main__":
    main()
