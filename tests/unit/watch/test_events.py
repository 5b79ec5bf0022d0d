"""watchdog events → queue requests; the sink coalesces and guards outages."""

from __future__ import annotations

from pathlib import Path

from watchdog.events import (
    DirCreatedEvent,
    DirDeletedEvent,
    DirModifiedEvent,
    DirMovedEvent,
    FileClosedEvent,
    FileClosedNoWriteEvent,
    FileCreatedEvent,
    FileDeletedEvent,
    FileModifiedEvent,
    FileMovedEvent,
    FileOpenedEvent,
)

from datawacht.store import Store
from datawacht.watch.events import EventSink, Ignore, WatchHandler
from datawacht.watch.queue import GONE, SCAN, Request, WorkQueue

HOST = "testhost"
DEBOUNCE, SETTLE = 2.0, 0.25


class Collect:
    def __init__(self) -> None:
        self.requests: list[Request] = []

    def add(self, requests: list[Request]) -> None:
        self.requests.extend(requests)


def _handler(root: Path, ignore: Ignore | None = None) -> tuple[WatchHandler, Collect]:
    sink = Collect()
    handler = WatchHandler(
        str(root),
        sink,
        HOST,
        ignore or Ignore([]),
        lambda: (DEBOUNCE, SETTLE),  # type: ignore[arg-type]
    )
    return handler, sink


def _summary(requests: list[Request], root: Path) -> list[tuple[str, str, str, float, bool]]:
    return [
        (r.action, str(Path(r.path).relative_to(root)), r.reason, r.delay, r.tree) for r in requests
    ]


def test_file_events(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("abc")
    handler, sink = _handler(tmp_path)
    for event in (
        FileCreatedEvent(str(tmp_path / "a.txt")),
        FileModifiedEvent(str(tmp_path / "a.txt")),
        FileClosedEvent(str(tmp_path / "a.txt")),
        FileDeletedEvent(str(tmp_path / "b.txt")),
        FileMovedEvent(str(tmp_path / "c.txt"), str(tmp_path / "a.txt")),
        FileOpenedEvent(str(tmp_path / "a.txt")),
        FileClosedNoWriteEvent(str(tmp_path / "a.txt")),
        DirModifiedEvent(str(tmp_path)),
    ):
        handler.on_any_event(event)
    assert _summary(sink.requests, tmp_path) == [
        (SCAN, "a.txt", "created", DEBOUNCE, False),
        (SCAN, "a.txt", "modified", DEBOUNCE, False),
        (SCAN, "a.txt", "closed", SETTLE, False),
        (GONE, "b.txt", "deleted", DEBOUNCE, False),
        (GONE, "c.txt", f"moved to {tmp_path / 'a.txt'}", DEBOUNCE, False),
        (SCAN, "a.txt", f"moved from {tmp_path / 'c.txt'}", DEBOUNCE, False),
    ]
    assert sink.requests[0].size == 3


def test_directory_events(tmp_path: Path) -> None:
    (tmp_path / "nieuw" / "sub").mkdir(parents=True)
    (tmp_path / "nieuw" / "sub" / "x.txt").write_text("x")
    handler, sink = _handler(tmp_path)
    handler.on_any_event(DirCreatedEvent(str(tmp_path / "nieuw")))
    handler.on_any_event(DirDeletedEvent(str(tmp_path / "oud")))
    handler.on_any_event(DirMovedEvent(str(tmp_path / "was"), str(tmp_path / "nieuw")))
    handler.on_any_event(DirDeletedEvent(str(tmp_path)))  # the root: an outage, not a deletion
    assert _summary(sink.requests, tmp_path) == [
        (SCAN, "nieuw/sub/x.txt", "created", DEBOUNCE, False),
        (GONE, "oud", "deleted", DEBOUNCE, True),
        (GONE, "was", f"moved to {tmp_path / 'nieuw'}", DEBOUNCE, True),
        (SCAN, "nieuw/sub/x.txt", f"moved from {tmp_path / 'was'}", DEBOUNCE, False),
    ]


def test_the_database_and_state_directory_are_ignored(tmp_path: Path) -> None:
    state = tmp_path / ".state"
    ignore = Ignore.for_state(state, f"sqlite:///{tmp_path / 'findings.db'}")
    handler, sink = _handler(tmp_path, ignore)
    for name in (".state/fingerprint.key", "findings.db", "findings.db-wal", "brief.txt"):
        handler.on_any_event(FileModifiedEvent(str(tmp_path / name)))
    assert [Path(r.path).name for r in sink.requests] == ["brief.txt"]


def test_the_sink_coalesces_and_drops_gone_under_an_unavailable_root(
    sqlite_store: Store,
) -> None:
    queue = WorkQueue(sqlite_store, HOST)
    healthy = {"/srv/a": True, "/mnt/nas": False}
    errors: list[str] = []
    sink = EventSink(queue, healthy.__getitem__, errors.append)
    sink.add([Request("/srv/a", f"/srv/a/{n % 3}.txt", SCAN, "modified") for n in range(30)])
    sink.add([Request("/mnt/nas", f"/mnt/nas/{n}.txt", GONE, "deleted") for n in range(50)])
    sink.add([Request("/mnt/nas", "/mnt/nas/new.txt", SCAN, "created")])
    assert sink.flush() == 4
    assert sorted(i.path for i in queue.claim("s", 100, 60.0)) == [
        "/mnt/nas/new.txt",
        "/srv/a/0.txt",
        "/srv/a/1.txt",
        "/srv/a/2.txt",
    ]
    assert errors == []


def test_a_full_sink_flushes_in_the_callers_thread(sqlite_store: Store) -> None:
    queue = WorkQueue(sqlite_store, HOST)
    sink = EventSink(queue, lambda root: True, print, max_pending=10)
    sink.add([Request("/srv/a", f"/srv/a/{n}.txt", SCAN, "created") for n in range(25)])
    assert queue.stats(60.0).total == 25
