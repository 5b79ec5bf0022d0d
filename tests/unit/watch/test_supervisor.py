"""The supervisor keeps observers alive and treats a vanished root as an outage."""

from __future__ import annotations

import errno
import time
from pathlib import Path

import pytest
from watchdog.events import FileSystemEvent, FileSystemEventHandler

from datawacht.watch.heartbeat import OK, UNAVAILABLE
from datawacht.watch.roots import INOTIFY, POLLING, Root
from datawacht.watch.supervisor import Supervisor

WAIT_SECONDS = 10.0


class Recorder(FileSystemEventHandler):
    def __init__(self) -> None:
        self.events: list[FileSystemEvent] = []

    def on_any_event(self, event: FileSystemEvent) -> None:
        self.events.append(event)


def _eventually(condition, what: str) -> None:  # noqa: ANN001
    deadline = time.monotonic() + WAIT_SECONDS
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(0.05)


@pytest.fixture
def setup(tmp_path: Path):  # noqa: ANN201
    share = tmp_path / "share"
    share.mkdir()
    recorder = Recorder()
    catch_ups: list[str] = []
    errors: list[str] = []
    supervisor = Supervisor(
        [Root(str(share), POLLING, "configured")],
        lambda root: recorder,
        catch_ups.append,
        errors.append,
        poll_interval=0.1,
        polling=[str(share)],
    )
    supervisor.start()
    yield share, supervisor, recorder, catch_ups, errors
    supervisor.stop()


def test_a_polled_root_that_vanishes_and_returns(setup, tmp_path: Path) -> None:
    share, supervisor, recorder, catch_ups, errors = setup
    assert catch_ups == [str(share)]
    assert [h.state for h in supervisor.health()] == [OK]
    (share / "a.txt").write_text("x")
    _eventually(lambda: recorder.events, "an event from the polling observer")

    share.rename(tmp_path / "elders")
    supervisor.check()
    [health] = supervisor.health()
    assert (health.state, health.detail) == (UNAVAILABLE, "missing")
    assert supervisor.unavailable() == [str(share)]
    assert errors == ["watch.root_unavailable"]

    (tmp_path / "elders").rename(share)
    supervisor.check()
    assert [h.state for h in supervisor.health()] == [OK]
    assert catch_ups == [str(share), str(share)]  # the outage hid every change
    recorder.events.clear()
    (share / "b.txt").write_text("x")
    _eventually(
        lambda: any(e.src_path.endswith("b.txt") for e in recorder.events),
        "events after the return",
    )


def test_a_dead_emitter_is_restarted_with_a_catch_up(setup) -> None:
    share, supervisor, recorder, catch_ups, errors = setup
    state = supervisor._states[str(share)]
    for emitter in list(state.observer.emitters):
        emitter.stop()
        emitter.join(WAIT_SECONDS)
    supervisor.check()
    assert errors == ["watch.emitter_restarted"]
    assert catch_ups == [str(share), str(share)]
    (share / "c.txt").write_text("x")
    _eventually(
        lambda: any(e.src_path.endswith("c.txt") for e in recorder.events),
        "events from the restarted emitter",
    )


def test_a_root_missing_at_start_is_unavailable_until_it_appears(tmp_path: Path) -> None:
    later = tmp_path / "later"
    catch_ups: list[str] = []
    supervisor = Supervisor(
        [Root(str(later), INOTIFY, "local")],
        lambda root: Recorder(),
        catch_ups.append,
        lambda error: None,
        poll_interval=0.1,
        polling=[],
    )
    try:
        supervisor.start()
        assert [h.state for h in supervisor.health()] == [UNAVAILABLE]
        assert catch_ups == []
        later.mkdir()
        supervisor.check()
        assert [h.state for h in supervisor.health()] == [OK]
        assert catch_ups == [str(later)]
    finally:
        supervisor.stop()


def test_a_root_beyond_inotify_limits_is_polled(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from watchdog.observers.polling import PollingObserver

    class ExhaustedInotify(PollingObserver):
        def start(self) -> None:
            raise OSError(errno.ENOSPC, "inotify watch limit reached")

    monkeypatch.setattr("datawacht.watch.supervisor.Observer", ExhaustedInotify)
    errors: list[str] = []
    supervisor = Supervisor(
        [Root(str(tmp_path), INOTIFY, "local")],
        lambda root: Recorder(),
        lambda root: None,
        errors.append,
        poll_interval=0.1,
        polling=[],
    )
    try:
        supervisor.start()
        [health] = supervisor.health()
        assert (health.state, health.mode) == (OK, POLLING)
        assert errors == ["watch.inotify_limit"]
    finally:
        supervisor.stop()


def test_set_roots_starts_new_roots_and_stops_those_that_left(tmp_path: Path) -> None:
    old, new = tmp_path / "oud", tmp_path / "nieuw"
    old.mkdir()
    new.mkdir()
    catch_ups: list[str] = []
    supervisor = Supervisor(
        [Root(str(old), POLLING, "configured")],
        lambda root: Recorder(),
        catch_ups.append,
        [].append,
        poll_interval=0.1,
        polling=[str(old), str(new)],
    )
    supervisor.start()
    try:
        supervisor.set_roots([Root(str(new), POLLING, "configured")])
        assert [(h.path, h.state) for h in supervisor.health()] == [(str(new), OK)]
        assert catch_ups == [str(old), str(new)]
        assert supervisor.problem(str(old)) == "not watched"
        supervisor.set_roots([Root(str(new), POLLING, "configured")])  # unchanged: no restart
        assert catch_ups == [str(old), str(new)]
    finally:
        supervisor.stop()
