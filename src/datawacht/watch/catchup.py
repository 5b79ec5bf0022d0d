"""Catch-up: what changed while nobody watched, found by comparing the tree
with the stored state.

Runs for every root when the daemon starts and whenever a root returns from
an outage or its observer was restarted.  One query loads the stored state
of the whole root (`Store.present_objects`); the walk compares each file
with it in memory, so 10,000 unchanged files cost one walk and one query.

A file is *unchanged* when its size and mtime equal the stored ones; the
walk reads no file.  Hashing every file means reading every byte of the
share, which is what a scan costs in I/O, at every start; size plus mtime is
what rsync and make trust.  A file queued here because its mtime moved is
hashed by the work step before it is analysed, and only its new mtime is
stored when its bytes are what was scanned (`datawacht.incremental`).

Stored objects that the walk did not meet are queued as `gone` only when
the root was healthy before and after the walk, and never below a folder
the walk could not read: a share that is unreachable, or a folder whose
permissions changed, has not lost its files.  The queue processing checks
the disk once more before anything is resolved.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass

from datawacht.sources.files import display_path, walk
from datawacht.store.repository import Store
from datawacht.watch.queue import GONE, SCAN, Request, WorkQueue

log = logging.getLogger(__name__)

BATCH = 1000


@dataclass(frozen=True)
class CatchUpResult:
    """What one catch-up of one root found."""

    root: str
    files: int
    new: int
    changed: int
    gone: int
    unreadable: int
    seconds: float
    complete: bool


def catch_up(
    root: str,
    host: str,
    store: Store,
    queue: WorkQueue,
    healthy: Callable[[], bool],
    ignore: Callable[[str], bool],
    stopping: Callable[[], bool] = lambda: False,
) -> CatchUpResult:
    """Queue every new or changed file below `root`, and every stored object
    that is no longer there.  `stopping` ends the walk early (the daemon is
    shutting down); an incomplete walk queues no `gone`."""
    started = time.monotonic()
    stored = {
        state.object_id: state
        for state in store.present_objects(host, root)
        if state.parent_id is None
    }
    if not healthy():
        return CatchUpResult(root, 0, 0, 0, 0, 0, time.monotonic() - started, False)
    seen: set[str] = set()
    unreadable: list[str] = []
    batch: list[Request] = []
    files = new = changed = 0
    interrupted = False
    for obj in walk(root, host):
        assert obj.fs_path is not None
        if ignore(obj.fs_path):
            continue
        files += 1
        if files % BATCH == 0 and stopping():
            interrupted = True
            break
        seen.add(obj.object_id)
        if obj.skip_reason and obj.skip_reason.startswith("unreadable"):
            unreadable.append(display_path(obj.fs_path))
        known = stored.get(obj.object_id)
        if known is None:
            reason, new = "catch-up: new", new + 1
        elif (known.size, known.mtime) != (obj.size, obj.mtime):
            reason, changed = "catch-up: changed", changed + 1
        else:
            continue
        batch.append(Request(root, obj.fs_path, SCAN, reason, 0.0, obj.size, obj.mtime))
        if len(batch) >= BATCH:
            queue.enqueue(batch)
            batch = []
    if batch:
        queue.enqueue(batch)
    complete = not interrupted and healthy()
    gone = 0
    if complete:
        missing = [
            Request(root, state.path, GONE, "deleted")
            for object_id, state in stored.items()
            if object_id not in seen
            and not any(_is_below(state.path, folder) for folder in unreadable)
            and not ignore(state.path)
        ]
        gone = len(missing)
        for start in range(0, len(missing), BATCH):
            queue.enqueue(missing[start : start + BATCH])
    result = CatchUpResult(
        root, files, new, changed, gone, len(unreadable), time.monotonic() - started, complete
    )
    log.info(
        "watch.catch_up_done",
        extra={"root": root, "count": new + changed + gone, "seconds": round(result.seconds, 3)},
    )
    return result


def _is_below(path: str, folder: str) -> bool:
    return path == folder or path.startswith(folder.rstrip("/") + "/")
