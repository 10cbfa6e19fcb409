"""The long-running part: poll sources on their intervals, deliver the outbox, stop cleanly.

One APScheduler job per source (coalescing, one instance at a time, a misfire grace time), a
delivery job every few seconds, and a lock file so that two daemons never share a state
directory. SIGTERM or SIGINT stops the scheduler from taking new work; the job in flight
finishes or is abandoned with its delivery still pending in the outbox, and the process exits 0.
"""

from __future__ import annotations

import fcntl
import logging
import os
import signal
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from monitor.config import Config, SourceConfig
from monitor.errors import LockError
from monitor.store import Store

log = logging.getLogger(__name__)

DELIVER_EVERY_SECONDS = 5
MISFIRE_GRACE_SECONDS = 60
STOP_GRACE_SECONDS = 7  # SIGTERM: how long the job in flight may take before the process leaves it


class StateLock:
    """An exclusive lock on the state directory, held for the life of the process."""

    def __init__(self, state_dir: Path):
        self.path = Path(state_dir) / "monitor.lock"
        self.fd: int | None = None

    def acquire(self) -> "StateLock":
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = os.pread(fd, 64, 0).decode(errors="replace").strip() or "another process"
            os.close(fd)
            raise LockError(f"{self.path.parent}: another monitor daemon (pid {holder}) is running on this state "
                            "directory; stop it first or pass --state DIR") from None
        os.ftruncate(fd, 0)
        os.pwrite(fd, str(os.getpid()).encode(), 0)
        self.fd = fd
        return self

    def release(self) -> None:
        if self.fd is not None:
            fcntl.flock(self.fd, fcntl.LOCK_UN)
            os.close(self.fd)
            self.fd = None

    def __enter__(self) -> "StateLock":
        return self.acquire()

    def __exit__(self, *exc: object) -> None:
        self.release()


@dataclass
class PollSummary:
    """One pass over the sources: what each gave and which failed."""

    documents: int = 0
    new_events: int = 0
    alerts: list[Any] = field(default_factory=list)
    failures: list[tuple[str, str]] = field(default_factory=list)


def poll_source(fetcher: Any, store: Store, config: Config, source: SourceConfig, force: bool,
                summary: PollSummary) -> None:
    """Fetch one source and run what it brought through the pipeline; a failure is recorded, never raised."""
    from monitor.pipeline import process

    try:
        result = fetcher.poll(source, force=force)
    except Exception as e:  # noqa: BLE001 - a source must never stop the daemon
        log.exception("%s: unexpected error while fetching", source.name)
        summary.failures.append((source.name, f"unexpected error: {e}"))
        return
    if result.error:
        summary.failures.append((source.name, result.error))
    for doc in result.documents:
        try:
            outcome = process(doc, store, config)
        except Exception as e:  # noqa: BLE001
            log.exception("%s: could not process %s", source.name, doc.source.url)
            summary.failures.append((source.name, f"could not process {doc.source.url}: {e}"))
            continue
        summary.documents += int(outcome.new_article)
        summary.new_events += len(outcome.new_events)
        summary.alerts.extend(outcome.alerts)
        for alert in outcome.alerts:
            log.info("alert %s %s %s: %s", alert.id, alert.severity, alert.rule, alert.subject)


def poll_all(store: Store, config: Config, force: bool = True) -> PollSummary:
    """`monitor poll`: one pass over every configured source now."""
    from monitor.fetch import Fetcher

    summary = PollSummary()
    fetcher = Fetcher(config.fetch, store)
    try:
        for source in config.sources:
            poll_source(fetcher, store, config, source, force, summary)
    finally:
        fetcher.close()
    return summary


class Daemon:
    """`monitor run`: the scheduler, its jobs and a clean stop."""

    def __init__(self, config: Config, state_dir: Path):
        self.config = config
        self.state_dir = Path(state_dir)
        self.stop_event = threading.Event()
        self.started = time.time()
        self.scheduler: Any = None

    def run(self) -> None:
        from apscheduler.executors.pool import ThreadPoolExecutor
        from apscheduler.schedulers.background import BackgroundScheduler

        from monitor.fetch import Fetcher
        from monitor.notify import deliver_due

        with StateLock(self.state_dir):
            store = Store(self.state_dir)
            store.set_meta("daemon_started", str(self.started))
            store.set_meta("daemon_pid", str(os.getpid()))
            fetcher = Fetcher(self.config.fetch, store)
            lock = threading.Lock()  # one SQLite connection: one job touches it at a time

            def poll_job(source: SourceConfig) -> None:
                if self.stop_event.is_set():
                    return
                summary = PollSummary()
                with lock:
                    poll_source(fetcher, store, self.config, source, False, summary)
                    store.set_meta(f"last_poll:{source.name}", str(time.time()))
                for name, error in summary.failures:
                    log.warning("%s: %s", name, error)
                if summary.alerts:
                    deliver_job()

            def deliver_job() -> None:
                if self.stop_event.is_set():
                    return
                with lock:
                    deliver_due(store, self.config.notify, stop=self.stop_event)

            def absence_job() -> None:
                if self.stop_event.is_set():
                    return
                from datetime import date

                from monitor.pipeline import absences
                with lock:
                    for alert in absences(store, self.config, date.today()):
                        log.info("alert %s %s %s: %s", alert.id, alert.severity, alert.rule, alert.subject)

            self.scheduler = BackgroundScheduler(
                executors={"default": ThreadPoolExecutor(2)},
                job_defaults={"coalesce": True, "max_instances": 1, "misfire_grace_time": MISFIRE_GRACE_SECONDS},
            )
            for source in self.config.sources:
                self.scheduler.add_job(poll_job, "interval", args=[source], seconds=source.interval_seconds,
                                       id=f"poll:{source.name}", name=f"poll {source.name}",
                                       next_run_time=_now_dt())
            self.scheduler.add_job(deliver_job, "interval", seconds=DELIVER_EVERY_SECONDS, id="deliver",
                                   name="deliver outbox", next_run_time=_now_dt())
            self.scheduler.add_job(absence_job, "interval", days=1, id="absences", name="absence checks",
                                   next_run_time=_now_dt())

            def on_signal(signum: int, _frame: Any) -> None:
                log.info("received %s: stopping", signal.Signals(signum).name)
                self.stop_event.set()

            previous = {s: signal.signal(s, on_signal) for s in (signal.SIGTERM, signal.SIGINT)}
            log.info("monitor daemon started: %d sources, state in %s", len(self.config.sources), self.state_dir)
            self.scheduler.start()
            try:
                while not self.stop_event.wait(0.5):
                    pass
            finally:
                self.scheduler.shutdown(wait=False)
                # let the job in flight finish its transaction; what it did not send stays pending
                if not lock.acquire(timeout=STOP_GRACE_SECONDS):
                    # a send that hangs: leave it. Every commit is atomic, and the delivery it was
                    # making stays pending in the outbox, to be tried again after the restart.
                    log.warning("a job is still running after %d s: abandoning it; its delivery stays pending",
                                STOP_GRACE_SECONDS)
                    logging.shutdown()
                    os._exit(0)
                try:
                    fetcher.close()
                    store.set_meta("daemon_stopped", str(time.time()))
                    store.close()
                finally:
                    lock.release()
                for s, handler in previous.items():
                    signal.signal(s, handler)
                log.info("monitor daemon stopped")


def _now_dt() -> Any:
    from datetime import datetime, timezone
    return datetime.now(timezone.utc)
