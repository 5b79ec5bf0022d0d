"""A claimed batch against the disk: stability, gone only when certain,
rows deleted only after their object is recorded."""

from __future__ import annotations

import dataclasses
import hashlib
import os
from collections.abc import Iterable, Iterator
from pathlib import Path

import pytest

from datawacht.records import ObjectResult, ScanObject
from datawacht.store import Store
from datawacht.watch.queue import GONE, SCAN, Request, WorkQueue
from datawacht.watch.work import Interruptible, Processor, Stopping, Timing
from support.store_records import begin, finding, scanned

HOST = "testhost"


class FakeScanner:
    """Stands in for workers.Scanner: one finding per object, no NLP; the
    content hash is the file's, as the pipeline stores it."""

    def __init__(self) -> None:
        self.scanned: list[str] = []

    def scan(self, objects: Iterable[ScanObject]) -> Iterator[ObjectResult]:
        for obj in objects:
            self.scanned.append(os.path.basename(obj.path))
            digest = hashlib.sha256(Path(obj.path).read_bytes()).hexdigest()
            yield dataclasses.replace(scanned(obj, finding(obj, 1)), content_hash=digest)


@pytest.fixture
def root(tmp_path: Path) -> Path:
    share = tmp_path / "share"
    share.mkdir()
    return share


@pytest.fixture
def world(sqlite_store: Store, root: Path):  # noqa: ANN201
    queue = WorkQueue(sqlite_store, HOST)
    problems: dict[str, str | None] = {str(root): None}
    processor = Processor(
        sqlite_store,
        queue,
        HOST,
        begin(sqlite_store, HOST),
        Timing(debounce=0.0, settle=0.0, max_attempts=3),
        lambda r: problems.get(r),
        Interruptible(),
    )
    return sqlite_store, queue, processor, problems


def _request(root: Path, name: str, action: str = SCAN, reason: str = "modified") -> Request:
    path = root / name
    st = path.stat() if path.exists() else None
    return Request(
        str(root),
        str(path),
        action,
        reason,
        size=st.st_size if st else None,
        mtime=st.st_mtime if st else None,
    )


def _run(queue: WorkQueue, processor: Processor, scanner: FakeScanner | None = None) -> FakeScanner:
    scanner = scanner or FakeScanner()
    processor.process(queue.claim("s", 100, 60.0), scanner)  # type: ignore[arg-type]
    return scanner


def _statuses(store: Store) -> dict[str, tuple[str, str | None]]:
    return {os.path.basename(f.path): (f.status, f.status_reason) for f in store.list_findings()}


def test_a_stable_file_is_scanned_recorded_and_its_row_deleted(world, root: Path) -> None:
    store, queue, processor, _ = world
    (root / "a.txt").write_text("inhoud\n")
    queue.enqueue([_request(root, "a.txt")])
    assert _run(queue, processor).scanned == ["a.txt"]
    assert _statuses(store) == {"a.txt": ("open", None)}
    assert queue.stats(60.0).total == 0


def test_a_file_still_growing_goes_back_with_its_new_size(world, root: Path) -> None:
    store, queue, processor, _ = world
    (root / "copy.iso").write_bytes(b"x" * 10)
    queue.enqueue([_request(root, "copy.iso")])
    (root / "copy.iso").write_bytes(b"x" * 20)
    assert _run(queue, processor).scanned == []
    assert _run(queue, processor).scanned == ["copy.iso"]  # stable since the last look


def test_deleted_and_moved_files_are_gone_with_their_reason(world, root: Path) -> None:
    store, queue, processor, _ = world
    for name in ("weg.txt", "oud.txt"):
        (root / name).write_text("x\n")
        queue.enqueue([_request(root, name)])
    _run(queue, processor)
    (root / "weg.txt").unlink()
    (root / "oud.txt").rename(root / "nieuw.txt")
    queue.enqueue(
        [
            _request(root, "weg.txt", GONE, "deleted"),
            _request(root, "oud.txt", GONE, f"moved to {root / 'nieuw.txt'}"),
            _request(root, "nieuw.txt", SCAN, "moved from oud.txt"),
        ]
    )
    assert _run(queue, processor).scanned == ["nieuw.txt"]
    assert _statuses(store) == {
        "weg.txt": ("resolved", "deleted"),
        "oud.txt": ("resolved", f"moved to {root / 'nieuw.txt'}"),
        "nieuw.txt": ("open", None),
    }


def test_nothing_is_gone_while_the_root_is_unavailable(world, root: Path) -> None:
    store, queue, processor, problems = world
    (root / "a.txt").write_text("x\n")
    queue.enqueue([_request(root, "a.txt")])
    _run(queue, processor)
    (root / "a.txt").unlink()
    queue.enqueue([_request(root, "a.txt", GONE, "deleted")])
    problems[str(root)] = "missing"
    _run(queue, processor)
    assert _statuses(store) == {"a.txt": ("open", None)}
    assert queue.stats(60.0).total == 1  # still waiting
    problems[str(root)] = None
    _run(queue, processor)
    assert _statuses(store) == {"a.txt": ("resolved", "deleted")}


def test_a_deleted_folder_resolves_only_what_is_really_absent(world, root: Path) -> None:
    store, queue, processor, _ = world
    (root / "map").mkdir()
    for name in ("map/a.txt", "map/b.txt"):
        (root / name).write_text("x\n")
        queue.enqueue([_request(root, name)])
    _run(queue, processor)
    (root / "map" / "a.txt").unlink()  # b.txt is back already (deleted and recreated)
    queue.enqueue([Request(str(root), str(root / "map"), GONE, "deleted", tree=True)])
    _run(queue, processor)
    assert _statuses(store) == {"a.txt": ("resolved", "deleted"), "b.txt": ("open", None)}


def test_a_moved_folder_says_where_each_file_went(world, root: Path) -> None:
    store, queue, processor, _ = world
    (root / "oud").mkdir()
    (root / "oud" / "a.txt").write_text("x\n")
    queue.enqueue([_request(root, "oud/a.txt")])
    _run(queue, processor)
    (root / "oud").rename(root / "nieuw")
    queue.enqueue(
        [Request(str(root), str(root / "oud"), GONE, f"moved to {root / 'nieuw'}", tree=True)]
    )
    _run(queue, processor)
    assert _statuses(store)["a.txt"] == ("resolved", f"moved to {root / 'nieuw' / 'a.txt'}")


def test_a_gone_row_for_a_file_that_is_back_unchanged_does_nothing(world, root: Path) -> None:
    store, queue, processor, _ = world
    (root / "a.txt").write_text("x\n")
    queue.enqueue([_request(root, "a.txt")])
    _run(queue, processor)
    queue.enqueue([_request(root, "a.txt", GONE, "deleted")])
    assert _run(queue, processor).scanned == []
    assert _statuses(store) == {"a.txt": ("open", None)}
    assert queue.stats(60.0).total == 0


def test_an_attribute_change_rescans_only_a_changed_file(world, root: Path) -> None:
    store, queue, processor, _ = world
    (root / "a.txt").write_text("x\n")
    queue.enqueue([_request(root, "a.txt")])
    _run(queue, processor)
    queue.enqueue([_request(root, "a.txt", SCAN, "attrib")])
    assert _run(queue, processor).scanned == []


def test_a_touched_file_with_the_same_bytes_is_not_scanned_again(world, root: Path) -> None:
    store, queue, processor, _ = world
    (root / "a.txt").write_text("inhoud\n")
    queue.enqueue([_request(root, "a.txt")])
    _run(queue, processor)
    os.utime(root / "a.txt", (1_700_000_000, 1_700_000_000))
    queue.enqueue([_request(root, "a.txt", SCAN, "catch-up: changed")])
    assert _run(queue, processor).scanned == []
    (state,) = store.present_objects(HOST, str(root))
    assert state.mtime == 1_700_000_000  # the new mtime is stored: no re-hash next time
    assert queue.stats(60.0).total == 0


def test_a_write_that_keeps_size_and_mtime_is_still_scanned(world, root: Path) -> None:
    """Coarse mtimes (SMB, FAT) can hide an edit: a write event trusts the hash."""
    store, queue, processor, _ = world
    (root / "a.txt").write_text("inhoud\n")
    before = (root / "a.txt").stat()
    queue.enqueue([_request(root, "a.txt")])
    _run(queue, processor)
    (root / "a.txt").write_text("andere\n")  # same length
    os.utime(root / "a.txt", ns=(before.st_atime_ns, before.st_mtime_ns))
    queue.enqueue([_request(root, "a.txt", SCAN, "modified")])
    assert _run(queue, processor).scanned == ["a.txt"]


def test_a_row_that_keeps_failing_becomes_an_error_object(world, root: Path) -> None:
    store, queue, processor, _ = world
    (root / "gif.txt").write_text("x\n")
    queue.enqueue([_request(root, "gif.txt")])
    for _ in range(3):  # three claims whose daemon died while scanning it
        queue.claim("dead", 10, 60.0)
        queue.release_other_sessions("s")
    assert _run(queue, processor).scanned == []
    unscanned = [s for s in store.present_objects(HOST, str(root)) if s.status == "error"]
    assert [os.path.basename(s.path) for s in unscanned] == ["gif.txt"]
    assert queue.stats(60.0).total == 0


def test_a_stop_while_waiting_for_results_leaves_the_rest_claimed(world, root: Path) -> None:
    store, queue, processor, _ = world
    for name in ("a.txt", "b.txt"):
        (root / name).write_text("x\n")
        queue.enqueue([_request(root, name)])

    class StopAfterFirst(FakeScanner):
        def scan(self, objects: Iterable[ScanObject]) -> Iterator[ObjectResult]:
            for n, result in enumerate(super().scan(objects)):
                if n == 1:
                    processor._interrupt.signal()
                yield result

    with pytest.raises(Stopping):
        _run(queue, processor, StopAfterFirst())
    assert [os.path.basename(i.path) for i in processor.outstanding.values()] == ["b.txt"]
    assert _statuses(store) == {"a.txt": ("open", None)}
