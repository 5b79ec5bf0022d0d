"""watchdog events → queue requests, coalesced in memory and written in batches.

What each event means:

- file created, modified, attributes changed → `scan` after the debounce;
  closed after writing (inotify only) → `scan` after the shorter settle time;
- file deleted → `gone` (`deleted`); moved → `gone` for the source
  (`moved to DEST`) and `scan` for the destination;
- directory created or moved in → its files are walked and queued (files
  written before the new directory's watch existed have no events);
  directory deleted → `gone` for everything stored below it; moved → the
  same with `moved to DEST`, plus the walk of the destination.

The root's own deletion is not a deletion: the supervisor sees a missing
root and treats it as an outage.  Neither are the findings database and the
state directory, when they lie below a watched root: they are ignored.

Handlers run on watchdog's threads; they only stat, then add to the sink.
The sink keeps the newest request per path and a flusher thread writes them
a few times a second in one transaction (an event storm costs a handful of
transactions, not one per event).  A full sink is flushed by the handler
itself, which slows the observer down instead of growing memory.  `gone`
requests under a root that is not healthy at flush time are dropped: the
catch-up when the root returns finds what really left.
"""

from __future__ import annotations

import logging
import os
import threading
import time
from collections.abc import Callable, Iterable
from pathlib import Path

from watchdog.events import (
    DirCreatedEvent,
    DirDeletedEvent,
    DirMovedEvent,
    FileAttribEvent,
    FileClosedEvent,
    FileCreatedEvent,
    FileDeletedEvent,
    FileModifiedEvent,
    FileMovedEvent,
    FileSystemEvent,
    FileSystemEventHandler,
)

from datawacht.sources.files import display_path, walk
from datawacht.watch.queue import GONE, SCAN, Request, WorkQueue

log = logging.getLogger(__name__)

# The events the daemon asks watchdog for; opens and reads (ours included) are not among them.
EVENT_FILTER = [
    FileCreatedEvent,
    FileModifiedEvent,
    FileAttribEvent,
    FileClosedEvent,
    FileDeletedEvent,
    FileMovedEvent,
    DirCreatedEvent,
    DirDeletedEvent,
    DirMovedEvent,
]
FLUSH_SECONDS = 0.2
MAX_PENDING = 10_000


class Ignore:
    """Paths the daemon must never queue: its own database and state."""

    def __init__(self, prefixes: Iterable[str | Path]) -> None:
        self._prefixes = tuple(os.path.abspath(os.fspath(p)).rstrip("/") for p in prefixes)

    def __call__(self, path: str) -> bool:
        return any(path == p or path.startswith(p + "/") for p in self._prefixes)

    @classmethod
    def for_state(cls, state_dir: Path, db_url: str) -> Ignore:
        """The state directory, and a SQLite database with its -wal/-shm/-journal files."""
        prefixes: list[str | Path] = [state_dir.resolve()]
        if db_url.startswith("sqlite:///"):
            db = Path(db_url.removeprefix("sqlite:///")).resolve()
            prefixes += [db, *(f"{db}{suffix}" for suffix in ("-wal", "-shm", "-journal"))]
        return cls(prefixes)


class EventSink:
    """Coalesces requests per path and writes them to the queue in batches."""

    def __init__(
        self,
        queue: WorkQueue,
        root_healthy: Callable[[str], bool],
        on_error: Callable[[str], None],
        max_pending: int = MAX_PENDING,
    ) -> None:
        self._queue = queue
        self._root_healthy = root_healthy
        self._on_error = on_error
        self._max_pending = max_pending
        self._pending: dict[str, Request] = {}
        self._lock = threading.Lock()
        self._flush_lock = threading.Lock()
        self.flushed = threading.Event()
        self.last_event_at: float | None = None

    def add(self, requests: Iterable[Request]) -> None:
        full = False
        with self._lock:
            for request in requests:
                self._pending[request.path] = request
            self.last_event_at = time.time()
            full = len(self._pending) >= self._max_pending
        if full:
            self.flush()

    def flush(self) -> int:
        """Write what is pending; on a database error keep it for the next try."""
        with self._flush_lock:
            with self._lock:
                pending, self._pending = self._pending, {}
            if not pending:
                return 0
            health: dict[str, bool] = {}
            kept = []
            for request in pending.values():
                if request.action == GONE:
                    if request.root not in health:
                        health[request.root] = self._root_healthy(request.root)
                    if not health[request.root]:
                        continue
                kept.append(request)
            try:
                written = self._queue.enqueue(kept)
            except Exception as exc:
                log.exception(
                    "watch.enqueue_failed", extra={"count": len(kept), "error": type(exc).__name__}
                )
                self._on_error("watch.enqueue_failed")
                with self._lock:
                    for request in kept:
                        self._pending.setdefault(request.path, request)
                return 0
            dropped = len(pending) - len(kept)
            if dropped:
                log.warning("watch.gone_ignored_root_unavailable", extra={"count": dropped})
        self.flushed.set()
        return written

    def run(self, stop: threading.Event) -> None:
        """The flusher thread: a few flushes a second until `stop`, then a last one."""
        while not stop.wait(FLUSH_SECONDS):
            self.flush()
        self.flush()


class WatchHandler(FileSystemEventHandler):
    """Turns one root's watchdog events into requests for the sink."""

    def __init__(
        self,
        root: str,
        sink: EventSink,
        host: str,
        ignore: Callable[[str], bool],
        timing: Callable[[], tuple[float, float]],
    ) -> None:
        self.root = root
        self._sink = sink
        self._host = host
        self._ignore = ignore
        self._timing = timing  # (debounce, settle), read per event: SIGHUP may change them

    def on_any_event(self, event: FileSystemEvent) -> None:
        try:
            requests = list(self.requests_for(event))
        except Exception as exc:  # never let one odd event kill the observer thread
            log.exception(
                "watch.event_failed",
                extra={"kind": type(event).__name__, "error": type(exc).__name__},
            )
            return
        if requests:
            self._sink.add(requests)

    def requests_for(self, event: FileSystemEvent) -> Iterable[Request]:
        debounce, settle = self._timing()
        src = os.fsdecode(event.src_path)
        dest = os.fsdecode(event.dest_path) if event.dest_path else ""
        if isinstance(event, FileMovedEvent | DirMovedEvent):
            if self._inside(src):
                reason = f"moved to {display_path(dest)}" if dest else "deleted"
                yield self._gone(src, reason, debounce, tree=event.is_directory)
            if dest and self._inside(dest):
                moved_from = f"moved from {display_path(src)}"
                if event.is_directory:
                    yield from self._walk(dest, moved_from, debounce)
                else:
                    yield self._scan(dest, moved_from, debounce)
        elif isinstance(event, DirDeletedEvent):
            if src != self.root and self._inside(src):
                yield self._gone(src, "deleted", debounce, tree=True)
        elif isinstance(event, DirCreatedEvent):
            if self._inside(src):
                yield from self._walk(src, "created", debounce)
        elif isinstance(event, FileDeletedEvent):
            if self._inside(src):
                yield self._gone(src, "deleted", debounce)
        elif isinstance(event, FileClosedEvent):
            if self._inside(src):
                yield self._scan(src, "closed", settle)
        elif isinstance(event, FileCreatedEvent | FileModifiedEvent | FileAttribEvent):
            if self._inside(src):
                reason = {
                    FileCreatedEvent: "created",
                    FileModifiedEvent: "modified",
                    FileAttribEvent: "attrib",
                }[type(event)]
                yield self._scan(src, reason, debounce)

    def _inside(self, path: str) -> bool:
        inside = path == self.root or path.startswith(self.root.rstrip("/") + "/")
        return inside and not self._ignore(path)

    def _scan(self, path: str, reason: str, delay: float) -> Request:
        try:
            st = os.lstat(path)
            size, mtime = st.st_size, st.st_mtime
        except OSError:
            size = mtime = None
        return Request(self.root, path, SCAN, reason, delay, size, mtime)

    def _gone(self, path: str, reason: str, delay: float, tree: bool = False) -> Request:
        return Request(self.root, path, GONE, reason, delay, tree=tree)

    def _walk(self, folder: str, reason: str, delay: float) -> Iterable[Request]:
        for obj in walk(folder, self._host):
            assert obj.fs_path is not None
            if not self._ignore(obj.fs_path):
                yield Request(self.root, obj.fs_path, SCAN, reason, delay, obj.size, obj.mtime)
