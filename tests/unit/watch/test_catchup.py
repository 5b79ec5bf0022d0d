"""Catch-up: the tree against the stored state, new and changed files queued,
vanished ones queued as gone only when that is certain."""

from __future__ import annotations

import os
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
import sqlalchemy as sa

from datawacht.records import ScanObject
from datawacht.sources.files import object_id_for, walk
from datawacht.store import Store
from datawacht.store.models import ObjectModel
from datawacht.watch.catchup import catch_up
from datawacht.watch.queue import GONE, SCAN, WorkQueue
from support.store_records import begin, scanned

HOST = "testhost"


def _record_tree(store: Store, root: Path) -> None:
    scan_id = begin(store, HOST)
    for obj in walk(root, HOST):
        store.record_object(scan_id, scanned(obj))


def _queued(queue: WorkQueue) -> dict[str, tuple[str, str]]:
    return {
        os.path.basename(item.path): (item.action, item.reason)
        for item in queue.claim("test", 100_000, 60.0)
    }


def _never(path: str) -> bool:
    return False


def test_new_changed_and_vanished_files_are_queued(sqlite_store: Store, tmp_path: Path) -> None:
    root = tmp_path / "share"
    (root / "sub").mkdir(parents=True)
    for name in ("same.txt", "changed.txt", "deleted.txt", "sub/also-deleted.txt"):
        (root / name).write_text("inhoud\n")
    _record_tree(sqlite_store, root)
    (root / "changed.txt").write_text("andere inhoud\n")
    (root / "deleted.txt").unlink()
    (root / "sub" / "also-deleted.txt").unlink()
    (root / "new.txt").write_text("nieuw\n")
    queue = WorkQueue(sqlite_store, HOST)

    result = catch_up(str(root), HOST, sqlite_store, queue, lambda: True, _never)

    assert _queued(queue) == {
        "changed.txt": (SCAN, "catch-up: changed"),
        "new.txt": (SCAN, "catch-up: new"),
        "deleted.txt": (GONE, "deleted"),
        "also-deleted.txt": (GONE, "deleted"),
    }
    assert (result.new, result.changed, result.gone, result.complete) == (1, 1, 2, True)


def test_nothing_is_gone_when_the_root_is_not_healthy(sqlite_store: Store, tmp_path: Path) -> None:
    root = tmp_path / "share"
    root.mkdir()
    (root / "a.txt").write_text("a\n")
    _record_tree(sqlite_store, root)
    (root / "a.txt").unlink()
    queue = WorkQueue(sqlite_store, HOST)
    result = catch_up(str(root), HOST, sqlite_store, queue, lambda: False, _never)
    assert (result.complete, _queued(queue)) == (False, {})


def test_files_below_an_unreadable_folder_are_not_gone(
    sqlite_store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = tmp_path / "share"
    (root / "locked").mkdir(parents=True)
    (root / "locked" / "secret.txt").write_text("x\n")
    (root / "gone.txt").write_text("x\n")
    _record_tree(sqlite_store, root)
    (root / "gone.txt").unlink()
    locked = str(root / "locked")

    def walk_as_if_locked(target: str, host: str) -> Iterator[ScanObject]:
        # what walk yields for a folder it may not list (tests may run as root)
        for obj in walk(target, host):
            if obj.fs_path and obj.fs_path.startswith(locked + "/"):
                yield ScanObject(
                    locked,
                    object_id_for(host, locked),
                    fs_path=locked,
                    skip_reason="unreadable: Permission denied",
                )
            else:
                yield obj

    monkeypatch.setattr("datawacht.watch.catchup.walk", walk_as_if_locked)
    queue = WorkQueue(sqlite_store, HOST)
    result = catch_up(str(root), HOST, sqlite_store, queue, lambda: True, _never)
    queued = _queued(queue)
    assert queued["gone.txt"] == (GONE, "deleted")
    assert "secret.txt" not in queued
    assert result.unreadable == 1


def test_the_state_directory_is_ignored(sqlite_store: Store, tmp_path: Path) -> None:
    root = tmp_path / "share"
    (root / ".datawacht").mkdir(parents=True)
    (root / ".datawacht" / "fingerprint.key").write_text("k\n")
    (root / "a.txt").write_text("a\n")
    queue = WorkQueue(sqlite_store, HOST)
    state = str(root / ".datawacht")
    catch_up(str(root), HOST, sqlite_store, queue, lambda: True, lambda p: p.startswith(state))
    assert set(_queued(queue)) == {"a.txt"}


def test_unchanged_files_cost_no_query_per_file(sqlite_store: Store, tmp_path: Path) -> None:
    root = tmp_path / "share"
    for folder in range(20):
        (root / f"d{folder:03d}").mkdir(parents=True)
        for n in range(50):
            (root / f"d{folder:03d}" / f"f{n:03d}.txt").write_text("x")
    scan_id = begin(sqlite_store, HOST)
    now = datetime.now(UTC)
    rows = [
        {
            "object_id": o.object_id,
            "path": o.path,
            "host": HOST,
            "size": o.size,
            "mtime": o.mtime,
            "status": "scanned",
            "data_subjects": 0,
            "first_seen": now,
            "last_seen": now,
            "last_scan_id": scan_id,
            "present": True,
        }
        for o in walk(root, HOST)
    ]
    with sqlite_store.writer.begin() as conn:
        conn.execute(sa.insert(ObjectModel), rows)
    queue = WorkQueue(sqlite_store, HOST)

    statements: list[str] = []
    sa.event.listen(
        sqlite_store.engine,
        "before_cursor_execute",
        lambda conn, cursor, statement, *args: statements.append(statement),  # noqa: ARG005
    )
    result = catch_up(str(root), HOST, sqlite_store, queue, lambda: True, _never)

    assert (result.files, result.new, result.changed, result.gone) == (1_000, 0, 0, 0)
    # The stored state of the root comes in one query, never one per file: its
    # speed is measured by benchmarks/bench_watch.py (10,000 files in 0.17 s).
    object_queries = [s for s in statements if "FROM objects" in s]
    assert len(object_queries) <= 2, object_queries
