"""One watchdog observer per root, kept alive, and the health of every root.

watchdog's emitters stop for good in several situations: the polling
emitter when the watched directory disappears (and, in older releases, on
any OSError: watchdog #1065, #452), the inotify emitter when the root itself
is deleted.  A daemon that runs for months cannot rely on them, so every
health interval the supervisor

1. checks each root (`roots.check_health`): missing, unreadable or its
   network mount gone → *unavailable*: its observer is stopped, the queue
   leaves its rows alone, and no `gone` is queued for it;
2. brings a root that is back to *ok*: a fresh observer, and a catch-up,
   because the outage hid every change;
3. restarts an observer whose thread or emitter died on a healthy root,
   with a catch-up for what it missed, and counts it as an error.

One observer per root keeps the failure of one share from touching the
others.  inotify limits (watchdog #673, #846: `max_user_watches`,
`max_user_instances`) make an inotify observer fail to start; that root is
then polled instead, with a warning that names the sysctl to raise.
"""

from __future__ import annotations

import errno
import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, replace

from watchdog.observers import Observer
from watchdog.observers.api import BaseObserver
from watchdog.observers.polling import PollingObserver

from datawacht.watch.events import EVENT_FILTER
from datawacht.watch.heartbeat import OK, UNAVAILABLE, RootHealth
from datawacht.watch.roots import (
    INOTIFY,
    POLLING,
    Mount,
    Root,
    check_health,
    plan_root,
    read_mounts,
)

log = logging.getLogger(__name__)

JOIN_SECONDS = 5.0


@dataclass
class _RootState:
    root: Root
    state: str
    since: float
    detail: str | None = None
    observer: BaseObserver | None = None
    mode: str = INOTIFY


class Supervisor:
    """Starts, checks and restarts the observers of all roots."""

    def __init__(
        self,
        roots: list[Root],
        make_handler: Callable[[str], object],
        on_catch_up: Callable[[str], None],
        on_error: Callable[[str], None],
        poll_interval: float,
        polling: list[str],
    ) -> None:
        self._make_handler = make_handler
        self._on_catch_up = on_catch_up
        self._on_error = on_error
        self.poll_interval = poll_interval
        self._polling = polling
        self._lock = threading.RLock()
        self._states = {
            root.path: _RootState(root, UNAVAILABLE, time.time(), "not started", mode=root.mode)
            for root in roots
        }

    def set_roots(self, roots: list[Root]) -> None:
        """SIGHUP with other roots (or other polling paths): observers of
        roots that left are stopped, new roots and roots whose observer mode
        changed start afresh, each with a catch-up; the rest keep running."""
        wanted = {root.path: root for root in roots}
        with self._lock:
            for path, state in list(self._states.items()):
                root = wanted.get(path)
                if root is None or root.mode != state.root.mode:
                    self._stop_observer(state)
                    del self._states[path]
                    log.info("watch.root_removed", extra={"root": path})
            for path, root in wanted.items():
                if path not in self._states:
                    self._states[path] = _RootState(
                        root, UNAVAILABLE, time.time(), "not started", mode=root.mode
                    )
        self.check()

    def start(self) -> None:
        """First check of every root: healthy ones get an observer and a catch-up."""
        self.check()

    def check(self) -> None:
        mounts = read_mounts()
        for path in list(self._states):
            with self._lock:
                try:
                    self._check_one(self._states[path], mounts)
                except Exception:  # one root's trouble must not stop the others' checks
                    log.exception("watch.root_check_failed", extra={"root": path})
                    self._on_error("watch.root_check_failed")

    def _check_one(self, state: _RootState, mounts: list[Mount]) -> None:
        problem = check_health(state.root, mounts)
        if problem is not None:
            if state.state == OK or state.detail == "not started":
                log.warning(
                    "watch.root_unavailable", extra={"root": state.root.path, "reason": problem}
                )
                self._on_error("watch.root_unavailable")
                state.state, state.since = UNAVAILABLE, time.time()
            state.detail = problem
            self._stop_observer(state)
            return
        if state.state != OK:
            if state.detail != "not started":
                log.warning("watch.root_available", extra={"root": state.root.path})
                # the mount may have come back as something else (or at all)
                state.root = replace(
                    plan_root(state.root.path, self._polling, mounts), why=state.root.why
                )
                state.mode = state.root.mode
            self._start_observer(state)
            state.state, state.since, state.detail = OK, time.time(), None
            self._on_catch_up(state.root.path)
            return
        if not _alive(state.observer):
            log.error("watch.emitter_restarted", extra={"root": state.root.path})
            self._on_error("watch.emitter_restarted")
            self._stop_observer(state)
            self._start_observer(state)
            self._on_catch_up(state.root.path)

    def _start_observer(self, state: _RootState) -> None:
        handler = self._make_handler(state.root.path)
        observer = self._new_observer(state.mode)
        try:
            observer.schedule(handler, state.root.path, recursive=True, event_filter=EVENT_FILTER)
            observer.start()
        except OSError as exc:
            _stop(observer)
            if state.mode != INOTIFY or exc.errno not in (errno.ENOSPC, errno.EMFILE):
                raise
            log.warning(
                "watch.inotify_limit",
                extra={
                    "root": state.root.path,
                    "reason": f"{exc.strerror}; raise fs.inotify.max_user_watches/instances",
                },
            )
            self._on_error("watch.inotify_limit")
            state.mode = POLLING
            observer = self._new_observer(POLLING)
            observer.schedule(handler, state.root.path, recursive=True, event_filter=EVENT_FILTER)
            observer.start()
        state.observer = observer
        log.info("watch.observing", extra={"root": state.root.path, "mode": state.mode})

    def _new_observer(self, mode: str) -> BaseObserver:
        if mode == POLLING:
            return PollingObserver(timeout=self.poll_interval)
        return Observer()

    def _stop_observer(self, state: _RootState) -> None:
        if state.observer is not None:
            _stop(state.observer)
            state.observer = None

    def stop(self) -> None:
        with self._lock:
            for state in self._states.values():
                self._stop_observer(state)

    def problem(self, path: str) -> str | None:
        """A fresh health check of one root (None: healthy)."""
        with self._lock:
            state = self._states.get(path)
        if state is None:
            return "not watched"
        return check_health(state.root)

    def unavailable(self) -> list[str]:
        """Roots whose queue rows must wait (as of the last check)."""
        with self._lock:
            return [path for path, state in self._states.items() if state.state != OK]

    def health(self) -> tuple[RootHealth, ...]:
        with self._lock:
            return tuple(
                RootHealth(
                    path=path,
                    mode=state.mode,
                    state=state.state,
                    since=_iso(state.since),
                    detail=state.detail,
                )
                for path, state in self._states.items()
            )


def _alive(observer: BaseObserver | None) -> bool:
    if observer is None or not observer.is_alive():
        return False
    return all(emitter.is_alive() for emitter in observer.emitters)


def _stop(observer: BaseObserver) -> None:
    try:
        observer.stop()
        if observer.is_alive():
            observer.join(JOIN_SECONDS)
    except Exception:  # a broken observer must not stop the supervisor
        log.exception("watch.observer_stop_failed")


def _iso(epoch: float) -> str:
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(epoch))
