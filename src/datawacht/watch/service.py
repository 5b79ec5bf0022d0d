"""The watch service: wiring, the queue loop, signals.

Threads and who writes what:

- watchdog observers (one per root) → `EventSink` (memory, bounded);
- the flusher writes the sink to `work_queue` a few times a second;
- the catch-up thread walks roots (at start, when a root returns) and
  enqueues what changed;
- the supervisor thread checks roots, restarts observers and writes the
  heartbeat;
- the main thread claims due rows (at most `watch.batch`) and processes
  them with the worker pool (`workers.Scanner`: forked processes sharing
  the pipeline that was loaded once), recording results in the store.

Signals (handled in the main thread only; forked workers ignore SIGINT and
SIGHUP and die on SIGTERM, so that the pool can be terminated):

- SIGTERM/SIGINT: stop.  Waiting for a scan result is interrupted, the pool
  is terminated, claimed rows not yet recorded are released, observers
  stop, the sink is flushed, the session's scan row is completed, exit 0.
  What was in flight is simply done again by the next start.
- SIGHUP: reload the configuration and the rules between two batches: the
  classifier is rebuilt (false-positive decisions kept out, as at start),
  limits and timings are updated, and the pool is forked again so that the
  workers get the new rules.  Roots from the configuration (`watch.paths`,
  `watch.polling`) are applied too: a new root is observed and caught up, a
  root that left is no longer observed and its queue rows are dropped.
  Detection settings, the key, the database and the host need a restart (a
  warning says so).
"""

from __future__ import annotations

import logging
import os
import queue as stdqueue
import signal
import threading
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from types import FrameType

from datawacht import scanner
from datawacht.config import Settings
from datawacht.errors import ConfigError
from datawacht.pipeline import OBJECTS_PER_BATCH, Pipeline
from datawacht.store.repository import ScanStatus, Store, UnknownScanError, open_store
from datawacht.store.review import Review
from datawacht.watch import heartbeat
from datawacht.watch.catchup import catch_up
from datawacht.watch.events import EventSink, Ignore, WatchHandler
from datawacht.watch.queue import WorkQueue
from datawacht.watch.roots import plan_root, read_mounts
from datawacht.watch.supervisor import Supervisor
from datawacht.watch.work import Interruptible, Processor, Stopping, Timing
from datawacht.workers import Scanner, WorkerLostError, harden_forked_workers, workers_to_use

log = logging.getLogger(__name__)

IDLE_WAIT_SECONDS = 0.5
ERROR_BACKOFF_SECONDS = 2.0
THREAD_JOIN_SECONDS = 5.0


@dataclass
class ErrorLog:
    """Errors of this session, for the heartbeat: how many, the last one."""

    count: int = 0
    last: str | None = None
    last_at: datetime | None = None
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def record(self, event: str) -> None:
        with self._lock:
            self.count += 1
            self.last, self.last_at = event, datetime.now(UTC)


def resolve_roots(paths: list[str]) -> list[str]:
    """Absolute, symlink-free roots; nested roots are refused (one observer
    per file)."""
    roots = sorted({os.path.realpath(p) for p in paths})
    for outer in roots:
        for inner in roots:
            if inner != outer and inner.startswith(outer.rstrip("/") + "/"):
                raise ConfigError(f"watched roots may not nest: {inner} lies in {outer}")
    return roots


class CatchUpRunner:
    """Runs catch-ups one root at a time on its own thread."""

    def __init__(self, run_one: Callable[[str], None], on_error: Callable[[str], None]) -> None:
        self._run_one = run_one
        self._on_error = on_error
        self._requests: stdqueue.Queue[str] = stdqueue.Queue()
        self._pending: set[str] = set()
        self._lock = threading.Lock()

    def request(self, root: str) -> None:
        with self._lock:
            if root in self._pending:
                return
            self._pending.add(root)
        self._requests.put(root)

    def run(self, stop: threading.Event) -> None:
        while not stop.is_set():
            try:
                root = self._requests.get(timeout=0.2)
            except stdqueue.Empty:
                continue
            with self._lock:
                self._pending.discard(root)
            try:
                self._run_one(root)
            except Exception as exc:
                log.exception(
                    "watch.catch_up_failed", extra={"root": root, "error": type(exc).__name__}
                )
                self._on_error("watch.catch_up_failed")


class WatchService:
    """`datawacht watch`: everything between the command line and the threads."""

    def __init__(
        self,
        settings: Settings,
        paths: list[str],
        reload_settings: Callable[[], Settings],
        workers: int | None = None,
        roots_from_config: bool = False,
    ) -> None:
        """`roots_from_config`: `paths` are `watch.paths`, so SIGHUP applies
        changes to them; roots given on the command line stay as given."""
        self.settings = settings
        self.roots = resolve_roots(paths)
        self._roots_from_config = roots_from_config
        self._reload_settings = reload_settings
        self._workers = workers_to_use(workers, settings.workers)
        self._interrupt = Interruptible()
        self._reload_requested = False
        self._main_pid = os.getpid()
        self._threads_stop = threading.Event()
        self.errors = ErrorLog()
        self._pool: Scanner | None = None

    # -- signals -------------------------------------------------------------

    def _on_signal(self, signum: int, _frame: FrameType | None) -> None:
        if os.getpid() != self._main_pid:
            # A forked worker: SIGTERM is how the pool terminates it; the
            # terminal's SIGINT and a SIGHUP are the parent's business.
            if signum == signal.SIGTERM:
                signal.signal(signum, signal.SIG_DFL)
                os.kill(os.getpid(), signum)
            return
        if signum == signal.SIGHUP:
            self._reload_requested = True
            return
        self._interrupt.signal()  # may raise Stopping while a scan result is awaited

    def _install_signals(self) -> None:
        harden_forked_workers()
        for signum in (signal.SIGTERM, signal.SIGINT, signal.SIGHUP):
            signal.signal(signum, self._on_signal)

    # -- start and stop --------------------------------------------------------

    def run(self) -> int:
        """Run until SIGTERM/SIGINT; returns the exit code."""
        self._install_signals()
        settings = self.settings
        rules = scanner.load_rules(settings)
        pipeline = scanner.build_pipeline(settings, rules)
        url = settings.resolved_db_url()
        known = open_store(url)
        try:
            pipeline.classifier.keep_out(Review(known).false_positives())
        finally:
            known.close()
        if self._interrupt.stop_requested:
            return 0
        self.pipeline = pipeline
        # Detector and workers now, not at the first event.
        self._pool = Scanner(pipeline, self._workers).start()
        try:
            store = open_store(url)
            try:
                self._serve(store, rules.version)
            finally:
                store.close()
        finally:
            self._terminate_pool()
        log.info("watch.stopped")
        return 0

    def _terminate_pool(self) -> None:
        """Stop the workers without waiting for them: everything they did is
        recorded or released by now, and a closing pool whose worker died
        while holding the task queue's lock would wait for ever."""
        pool, self._pool = self._pool, None
        if pool is not None:
            pool.__exit__(Stopping, Stopping(), None)

    def _serve(self, store: Store, ruleset_version: str) -> None:
        settings = self.settings
        host = scanner.host_name(settings)
        self.host = host
        session = f"{host}:{os.getpid()}:{uuid.uuid4().hex[:8]}"
        self._close_previous_session(store, host)
        scan_id = store.begin_scan(
            self.roots, ruleset_version, host, scanner.scanner_version() + " (watch)"
        )
        queue = WorkQueue(store, host)
        released = queue.release_other_sessions(session)
        if released:
            log.info("watch.claims_released", extra={"count": released})
        dropped = queue.drop_other_roots(self.roots)
        if dropped:
            log.info("watch.rows_of_unwatched_roots_dropped", extra={"count": dropped})
        ignore = Ignore.for_state(settings.resolved_state_dir(), settings.resolved_db_url())
        polling = [os.path.realpath(p) for p in settings.watch.polling]
        mounts = read_mounts()
        plans = [plan_root(root, polling, mounts) for root in self.roots]
        timing = Timing(
            settings.watch.debounce_seconds,
            settings.watch.settle_seconds,
            settings.watch.max_attempts,
        )
        self.timing = timing
        # The sink asks the supervisor (created next, used only once events flow).
        sink = EventSink(queue, lambda root: supervisor.problem(root) is None, self.errors.record)
        catch_ups = CatchUpRunner(
            lambda root: self._catch_up(root, host, store, queue, supervisor, ignore),
            self.errors.record,
        )
        supervisor = Supervisor(
            plans,
            lambda root: WatchHandler(
                root, sink, host, ignore, lambda: (timing.debounce, timing.settle)
            ),
            catch_ups.request,
            self.errors.record,
            settings.watch.poll_interval_seconds,
            polling,
        )
        started_at = datetime.now(UTC)

        def beat(stopped: bool = False) -> None:
            last_event = sink.last_event_at
            heartbeat.write(
                store,
                heartbeat.DaemonRecord(
                    host=host,
                    session=session,
                    pid=os.getpid(),
                    scan_id=scan_id,
                    started_at=started_at,
                    heartbeat_at=datetime.now(UTC),
                    heartbeat_interval=self.settings.watch.health_interval_seconds,
                    stopped_at=datetime.now(UTC) if stopped else None,
                    last_event_at=datetime.fromtimestamp(last_event, UTC) if last_event else None,
                    errors=self.errors.count,
                    last_error=self.errors.last,
                    last_error_at=self.errors.last_at,
                    roots=supervisor.health(),
                ),
            )

        threads = [
            threading.Thread(target=sink.run, args=(self._threads_stop,), name="watch-flush"),
            threading.Thread(
                target=catch_ups.run, args=(self._threads_stop,), name="watch-catchup", daemon=True
            ),
        ]

        reconciled = time.monotonic()

        def supervise() -> None:
            nonlocal reconciled
            while not self._threads_stop.wait(self.settings.watch.health_interval_seconds):
                try:
                    supervisor.check()
                    beat()
                    interval = self.settings.watch.reconcile_interval_seconds
                    if interval and time.monotonic() - reconciled >= interval:
                        # Events can be lost (an inotify queue overflow): compare
                        # the healthy roots with the store now and then.
                        reconciled = time.monotonic()
                        for root in self.roots:
                            if supervisor.problem(root) is None:
                                catch_ups.request(root)
                except Exception as exc:
                    log.exception("watch.heartbeat_failed", extra={"error": type(exc).__name__})
                    self.errors.record("watch.heartbeat_failed")

        processor = Processor(
            store, queue, host, scan_id, timing, supervisor.problem, self._interrupt
        )
        try:
            for thread in threads:
                thread.start()
            supervisor.start()
            beat()
            threads.append(threading.Thread(target=supervise, name="watch-supervisor"))
            threads[-1].start()
            log.info("watch.started", extra={"count": len(self.roots), "scan_id": scan_id})
            self._loop(queue, session, processor, supervisor, sink, store)
        finally:
            log.info("watch.stopping")
            self._threads_stop.set()
            supervisor.stop()
            for thread in threads:
                if thread.is_alive():
                    thread.join(THREAD_JOIN_SECONDS)
            try:
                queue.release(list(processor.outstanding.values()))
            except Exception:
                log.exception("watch.release_failed")
            summary = dict(processor.objects_by_status)
            store.finish_scan(scan_id, ScanStatus.COMPLETED.value, summary)
            beat(stopped=True)

    def _close_previous_session(self, store: Store, host: str) -> None:
        """Refuse to run beside a live daemon of this host; close the scan
        row of one that was killed."""
        previous = heartbeat.read(store, host)
        if previous is None:
            return
        if heartbeat.is_running(previous, local=True):
            raise ConfigError(
                f"a watch daemon already runs for host {host} (pid {previous.pid}); "
                "one daemon per host"
            )
        try:
            if store.get_scan(previous.scan_id).status == ScanStatus.RUNNING.value:
                store.finish_scan(previous.scan_id, ScanStatus.INTERRUPTED.value, {})
        except UnknownScanError:
            pass

    def _catch_up(
        self,
        root: str,
        host: str,
        store: Store,
        queue: WorkQueue,
        supervisor: Supervisor,
        ignore: Ignore,
    ) -> None:
        catch_up(
            root,
            host,
            store,
            queue,
            lambda: supervisor.problem(root) is None,
            ignore,
            self._threads_stop.is_set,
        )

    # -- the loop --------------------------------------------------------------

    def _loop(
        self,
        queue: WorkQueue,
        session: str,
        processor: Processor,
        supervisor: Supervisor,
        sink: EventSink,
        store: Store,
    ) -> None:
        """Claim, process, repeat, until a stop signal."""
        while not self._interrupt.stop_requested:
            if self._reload_requested:
                self._reload(store, queue, supervisor)
            try:
                items = queue.claim(
                    session,
                    # enough for every worker to have a task, never unbounded
                    max(self.settings.watch.batch, self._workers * OBJECTS_PER_BATCH),
                    self.settings.watch.claim_timeout_seconds,
                    skip_roots=supervisor.unavailable(),
                )
                if not items:
                    due = queue.next_due()
                    wait = IDLE_WAIT_SECONDS
                    if due is not None:
                        wait = min(wait, max(0.02, due - time.time()))
                    sink.flushed.wait(wait)
                    sink.flushed.clear()
                    continue
                assert self._pool is not None
                processor.process(items, self._pool)
            except Stopping:
                return
            except WorkerLostError:
                # Killed (out of memory?) mid-batch: the batch counts as a failed
                # attempt, and a fresh pool takes over.
                log.error("watch.worker_lost", extra={"count": len(processor.outstanding)})
                self.errors.record("watch.worker_lost")
                try:
                    queue.release(
                        list(processor.outstanding.values()), ERROR_BACKOFF_SECONDS, failed=True
                    )
                    processor.outstanding.clear()
                except Exception:
                    log.exception("watch.release_failed")
                self._refork(self.pipeline)
            except Exception as exc:
                log.exception("watch.batch_failed", extra={"error": type(exc).__name__})
                self.errors.record("watch.batch_failed")
                try:
                    queue.release(list(processor.outstanding.values()), ERROR_BACKOFF_SECONDS)
                    processor.outstanding.clear()
                except Exception:
                    log.exception("watch.release_failed")
                time.sleep(ERROR_BACKOFF_SECONDS)

    def _reload(self, store: Store, queue: WorkQueue, supervisor: Supervisor) -> None:
        """SIGHUP: new settings, rules, timings and roots; a new pool with them."""
        self._reload_requested = False
        old = self.settings
        try:
            settings = self._reload_settings()
            roots = resolve_roots(
                [str(p) for p in settings.watch.paths] if self._roots_from_config else self.roots
            )
            if not roots:
                raise ConfigError("watch.paths is empty")
            rules = scanner.load_rules(settings)
            pipeline = self.pipeline
            classifier = scanner.build_classifier(
                rules,
                pipeline.protector,
                scanner.either_form_valid(pipeline.detector.profiler.validates_if_known),
            )
            classifier.keep_out(Review(store).false_positives())
        except Exception as exc:
            log.error("watch.reload_failed", extra={"error": f"{type(exc).__name__}: {exc}"})
            self.errors.record("watch.reload_failed")
            return
        if _needs_restart(old, settings):
            log.warning("watch.reload_needs_restart")
        pipeline.classifier = classifier
        pipeline.limits = settings.limits.to_limits()
        self.timing.debounce = settings.watch.debounce_seconds
        self.timing.settle = settings.watch.settle_seconds
        self.timing.max_attempts = settings.watch.max_attempts
        supervisor.poll_interval = settings.watch.poll_interval_seconds
        if roots != self.roots or old.watch.polling != settings.watch.polling:
            polling = [os.path.realpath(p) for p in settings.watch.polling]
            mounts = read_mounts()
            supervisor.set_roots([plan_root(root, polling, mounts) for root in roots])
            queue.drop_other_roots(roots)
            self.roots = roots
            log.info("watch.roots_changed", extra={"count": len(roots)})
        self.settings = settings
        self._refork(pipeline)
        log.info("watch.reloaded", extra={"ruleset": rules.version})

    def _refork(self, pipeline: Pipeline) -> None:
        """Workers hold a copy of the pipeline from when they were forked."""
        self._terminate_pool()
        self._pool = Scanner(pipeline, self._workers).start()


def _needs_restart(old: Settings, new: Settings) -> bool:
    """Settings that SIGHUP cannot apply to a running daemon."""
    fixed = ("db", "state_dir", "fingerprint_key", "host", "detect")
    return any(getattr(old, name) != getattr(new, name) for name in fixed)
