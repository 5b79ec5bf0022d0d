"""One claimed batch of queue rows, checked against the disk and carried out.

The disk has the last word, not the event that queued a row:

- *Stability*: a file is scanned only when its size and mtime are what they
  were when it was queued (or last checked) and its `not_before` has
  passed; otherwise the row goes back with the new size and mtime and a
  fresh debounce, so a large copy is looked at again until it stops
  changing.
- *Gone*: a row is resolved as gone only when the path is really absent
  and its root is healthy right now; a file that is back is scanned (or
  left alone when the stored size and mtime still match).
- *Same content*: a file whose size is unchanged is hashed before it is
  analysed; when its SHA-256 is the stored one (`touch`, a restore from
  backup) only its new mtime is stored (`datawacht.incremental`).  For a deleted
  directory every stored object below it is checked on disk one by one.
  Objects that left are marked with `Store.mark_gone`: not present, with
  the reason (`deleted`, `moved to …`), findings resolved, history kept.
- A row is deleted only after its object is recorded (at least once; the
  store's upsert makes a repeat harmless).  A row claimed more than
  `max_attempts` times (its scans keep killing the daemon) is recorded as
  an `error` object instead of blocking the queue for ever.

A stop signal may interrupt the batch only while it waits for the next
scan result (`Interruptible`); whatever was not recorded is released.
"""

from __future__ import annotations

import logging
import os
import stat
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from datawacht.incremental import unchanged
from datawacht.records import ObjectResult, ObjectStatus, ScanObject
from datawacht.sources.files import display_path, object_id_for, walk
from datawacht.store.repository import ObjectState, Store
from datawacht.watch.queue import GONE, SCAN, Request, WorkItem, WorkQueue
from datawacht.workers import Scanner

log = logging.getLogger(__name__)

MOVED_TO = "moved to "


class Stopping(Exception):  # noqa: N818 - a signal, not an error
    """Raised by the stop signal while the loop waits for a scan result."""


class Interruptible:
    """Where a stop signal may break into the loop: only while waiting for a
    scan result (the pool may be busy for a while), never while writing."""

    def __init__(self) -> None:
        self.armed = False
        self.stop_requested = False

    def next(self, results: Iterator[ObjectResult]) -> ObjectResult | None:
        self.armed = True
        try:
            if self.stop_requested:
                raise Stopping()
            return next(results, None)
        finally:
            self.armed = False

    def signal(self) -> None:
        """Called from the signal handler (main thread)."""
        self.stop_requested = True
        if self.armed:
            raise Stopping()


@dataclass
class Timing:
    """The knobs SIGHUP may change while the daemon runs."""

    debounce: float
    settle: float
    max_attempts: int


class Processor:
    """Carries out claimed rows for one daemon session."""

    def __init__(
        self,
        store: Store,
        queue: WorkQueue,
        host: str,
        scan_id: str,
        timing: Timing,
        root_problem: Callable[[str], str | None],
        interrupt: Interruptible,
    ) -> None:
        self.store = store
        self.queue = queue
        self.host = host
        self.scan_id = scan_id
        self.timing = timing
        self._root_problem = root_problem
        self._interrupt = interrupt
        self.outstanding: dict[int, WorkItem] = {}
        self.objects_by_status: Counter[str] = Counter()
        self.gone_objects = 0

    def process(self, items: list[WorkItem], scanner: Scanner) -> None:
        self.outstanding = {item.id: item for item in items}
        healthy: dict[str, bool] = {}

        def root_ok(root: str) -> bool:
            if root not in healthy:
                healthy[root] = self._root_problem(root) is None
            return healthy[root]

        scans: list[tuple[ScanObject, WorkItem]] = []
        verify: list[tuple[ScanObject, WorkItem]] = []
        for item in items:
            if item.attempts > self.timing.max_attempts:
                self._give_up(item)
                continue
            st = _lstat(item.path)
            if st is None:  # absent
                if not root_ok(item.root):
                    self._release(item, self.timing.debounce)
                elif item.action == GONE:
                    self._gone(item, item.reason)
                else:
                    self._gone(item, "deleted")
                continue
            if isinstance(st, OSError):  # there, but cannot be looked at
                if item.action == SCAN:
                    scans.append((self._object(item.path), item))
                else:
                    self._release(item, self.timing.debounce)
                continue
            if stat.S_ISDIR(st.st_mode):
                if item.action == GONE and item.tree:
                    self._gone(item, item.reason)
                else:
                    self._walk_into_queue(item)
                continue
            if item.action == GONE:  # the file is back: scan it unless unchanged
                verify.append((self._object(item.path), item))
                continue
            if (st.st_size, st.st_mtime) != (item.size, item.mtime):
                self.queue.requeue(item, st.st_size, st.st_mtime, self.timing.debounce)
                self.outstanding.pop(item.id, None)
                continue
            pair = (self._object(item.path), item)
            (verify if item.reason == "attrib" else scans).append(pair)
        # An event that a file was written is checked by its content hash
        # (an edit may keep size and mtime on coarse file systems); a mere
        # attribute change or a returning file trusts size and mtime.
        pending = [*self._changed(scans, trust_mtime=False)]
        pending.extend(self._changed(verify, trust_mtime=True))
        self._scan(pending, scanner)

    def _changed(
        self, pairs: list[tuple[ScanObject, WorkItem]], *, trust_mtime: bool
    ) -> Iterator[tuple[ScanObject, WorkItem]]:
        """Those whose content differs from what was last scanned; the rest
        are done, with the new mtime stored where only that changed."""
        if not pairs:
            return
        states = self.store.object_states([obj.object_id for obj, _ in pairs])
        for obj, item in pairs:
            state = states.get(obj.object_id)
            if state is None or not unchanged(state, obj, trust_mtime=trust_mtime):
                yield obj, item
                continue
            if (state.size, state.mtime) != (obj.size, obj.mtime):
                assert obj.size is not None and obj.mtime is not None
                self.store.refresh_metadata(self.scan_id, obj.object_id, obj.size, obj.mtime)
                log.info("watch.content_unchanged", extra={"object_id": obj.object_id})
            self._complete(item)

    def _scan(self, pairs: list[tuple[ScanObject, WorkItem]], scanner: Scanner) -> None:
        if not pairs:
            return
        items = {obj.object_id: item for obj, item in pairs}
        results = scanner.scan([obj for obj, _ in pairs])
        while (result := self._interrupt.next(results)) is not None:
            self.store.record_object(self.scan_id, result)
            self.objects_by_status[result.status.value] += 1
            if result.obj.parent_id is not None:
                continue
            item = items.pop(result.obj.object_id, None)
            if item is not None:
                self._complete(item)
            log.info(
                "watch.object_scanned",
                extra={
                    "object_id": result.obj.object_id,
                    "label": result.classification.label if result.classification else None,
                    "count": len(result.findings),
                },
            )
            if self._interrupt.stop_requested:
                raise Stopping()

    def _gone(self, item: WorkItem, reason: str) -> None:
        """Mark the stored objects of this row that are really absent as gone."""
        shown = display_path(item.path)
        candidates = self.store.present_objects(self.host, shown)
        if not item.tree:
            candidates = [
                c for c in candidates if c.path == shown or c.path.startswith(shown + "!/")
            ]
        absent = [c for c in candidates if _lstat(c.path.split("!/", 1)[0]) is None]
        by_reason: dict[str, list[ObjectState]] = {}
        for state in absent:
            why = reason
            if item.tree and reason.startswith(MOVED_TO):
                why = reason + state.path[len(shown) :]  # where this file went
            by_reason.setdefault(why, []).append(state)
        for why, states in by_reason.items():
            for gone in self.store.mark_gone(self.scan_id, [s.object_id for s in states], why):
                self.gone_objects += 1
                log.info(
                    "watch.object_gone",
                    extra={
                        "object_id": gone.object_id,
                        "label": gone.label,
                        "count": gone.resolved,
                        "reason": "moved" if why.startswith(MOVED_TO) else "deleted",
                    },
                )
        self._complete(item)

    def _walk_into_queue(self, item: WorkItem) -> None:
        """A directory where a file was expected: queue its files instead."""
        self.queue.enqueue(
            Request(item.root, obj.fs_path, SCAN, item.reason, 0.0, obj.size, obj.mtime)
            for obj in walk(item.path, self.host)
            if obj.fs_path is not None
        )
        self._complete(item)

    def _give_up(self, item: WorkItem) -> None:
        obj = self._object(item.path)
        detail = f"gave up after {item.attempts - 1} attempts; see the daemon log"
        self.store.record_object(
            self.scan_id, ObjectResult(obj, ObjectStatus.ERROR, "internal error", detail)
        )
        log.error("watch.gave_up", extra={"object_id": obj.object_id, "count": item.attempts - 1})
        self._complete(item)

    def _object(self, path: str) -> ScanObject:
        for obj in walk(path, self.host):
            return obj
        return ScanObject(display_path(path), object_id_for(self.host, path), fs_path=path)

    def _complete(self, item: WorkItem) -> None:
        self.queue.complete(item)
        self.outstanding.pop(item.id, None)

    def _release(self, item: WorkItem, delay: float) -> None:
        self.queue.release([item], delay)
        self.outstanding.pop(item.id, None)


def _lstat(path: str) -> os.stat_result | OSError | None:
    """The file's lstat; None when it is not there; the error when it cannot
    be told (a transient error must not make a file look deleted)."""
    try:
        return os.lstat(path)
    except (FileNotFoundError, NotADirectoryError):
        return None
    except OSError as exc:
        return exc
