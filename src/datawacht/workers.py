"""Scan objects on every core: a process pool that shares one loaded pipeline.

Detection is CPU-bound Python, so threads would share one core.  The pool
forks after the pipeline (Presidio, the spaCy pipeline, the rules, the key)
is loaded in the parent, when the first object needs analysing, so each
worker starts with it in copy-on-write memory instead of loading it again.
Where fork is unavailable (not Linux) the scan runs in this process.
Workers only compute: the parent alone writes to the store and the output,
so the database sees one writer per scan and results arrive in walk order.
"""

from __future__ import annotations

import contextlib
import ctypes
import dataclasses
import itertools
import multiprocessing
import os
import signal
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import TypeVar

from datawacht.pipeline import OBJECTS_PER_BATCH, Pipeline
from datawacht.records import ObjectResult, ScanObject

T = TypeVar("T")

PR_SET_PDEATHSIG = 1

_pipeline: Pipeline | None = None


def default_workers() -> int:
    """One worker per core that this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


def workers_to_use(option: int | None, setting: int | None) -> int:
    """The command line's `--workers`, else the setting `workers`, else one per core."""
    return option or setting or default_workers()


def harden_forked_workers() -> None:
    """For services (watch, work): every worker this process forks from now on
    starts by setting its signals and its parent's death signal.

    Its signal dispositions are set at the kernel level, not through the
    service's Python handler (which runs only between bytecodes, and never in
    a worker stuck in C): SIGTERM kills it (that is how a pool is
    terminated), SIGINT from the terminal and SIGHUP are the service's.  And
    it is killed when the service dies, even by SIGKILL, instead of waiting
    on the task queue for ever as an orphan (PR_SET_PDEATHSIG; Linux).
    """
    prctl = _prctl()

    def setup() -> None:
        try:
            signal.signal(signal.SIGTERM, signal.SIG_DFL)
            signal.signal(signal.SIGINT, signal.SIG_IGN)
            signal.signal(signal.SIGHUP, signal.SIG_IGN)
        except ValueError:  # not the child's main thread; the Python handler covers it
            pass
        if prctl is not None:
            prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)

    os.register_at_fork(after_in_child=setup)


def _prctl() -> Callable[..., int] | None:
    """libc's prctl, looked up before forking (a forked child must not dlopen)."""
    try:
        return ctypes.CDLL(None, use_errno=True).prctl
    except (OSError, AttributeError):
        return None


def _set_pipeline(pipeline: Pipeline) -> None:
    global _pipeline
    _pipeline = pipeline


def _scan_many(objs: list[ScanObject]) -> list[ObjectResult]:
    assert _pipeline is not None, "worker started without a pipeline"
    # Member bytes stay in the worker: only what the parent stores travels back.
    return [
        dataclasses.replace(result, obj=dataclasses.replace(result.obj, data=None))
        for results in _pipeline.scan_many(objs)
        for result in results
    ]


def batched(items: Iterable[T], size: int) -> Iterator[list[T]]:
    """`items` in lists of `size` (the last one shorter), consumed lazily:
    a walk over millions of files is never held whole."""
    iterator = iter(items)
    while batch := list(itertools.islice(iterator, size)):
        yield batch


class WorkerLostError(RuntimeError):
    """A worker process died (killed, out of memory) while the pool held
    work: its batch will never come back."""


class Scanner:
    """Runs `Pipeline.scan` over objects in this process or in a pool.

    Use as a context manager.  The pool starts with the first object to
    analyse (or with `start`): a rescan that finds nothing changed loads no
    detector and forks no worker.  Workers may inherit the parent's database
    connections but never touch them, and leave by `os._exit`, so no
    connection is closed or used from a child.

    The pool is `concurrent.futures.ProcessPoolExecutor`, not
    `multiprocessing.Pool`: when a worker is killed, the executor fails the
    waiting futures (`BrokenProcessPool`), whereas a `Pool` whose worker died
    holding its task queue's lock hangs in `terminate()` for ever.
    """

    def __init__(self, pipeline: Pipeline, workers: int = 1, *, always_fork: bool = False) -> None:
        """`always_fork`: scan in forked workers even with one worker.  For
        callers that scan from a thread other than the main one (a
        distributed job): the per-object time limit is a signal, and signals
        reach only a process's main thread, which a forked worker's is."""
        self.pipeline = pipeline
        self.workers = max(1, workers)
        self.always_fork = always_fork
        self._started = False
        self._pool: ProcessPoolExecutor | None = None
        self._worker_pids: set[int] = set()

    def __enter__(self) -> Scanner:
        return self

    def start(self) -> Scanner:
        """Load the detector and fork the workers now (the watch daemon: its
        first event should not wait for them)."""
        if self._started:
            return self
        self._started = True
        self.pipeline.load()  # before the fork: workers share it copy-on-write
        forking = self.workers > 1 or self.always_fork
        if forking and "fork" in multiprocessing.get_all_start_methods():
            before = {child.pid for child in multiprocessing.active_children()}
            self._pool = ProcessPoolExecutor(
                self.workers,
                mp_context=multiprocessing.get_context("fork"),
                initializer=_set_pipeline,
                initargs=(self.pipeline,),
            )
            # With fork, the first task starts every worker at once.
            self._pool.submit(os.getpid).result()
            self._worker_pids = {
                pid
                for child in multiprocessing.active_children()
                if (pid := child.pid) is not None and pid not in before
            }
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close(kill=exc_info[0] is not None)

    def close(self, kill: bool = False) -> None:
        """Stop the workers: after their work, or at once with `kill`."""
        pool, self._pool = self._pool, None
        if pool is None:
            return
        if kill:
            # Stopping or failing: whatever the workers still do is thrown away.
            for pid in self._worker_pids:
                with contextlib.suppress(ProcessLookupError):
                    os.kill(pid, signal.SIGKILL)
        pool.shutdown(wait=True, cancel_futures=True)

    def scan(self, objects: Iterable[ScanObject]) -> Iterator[ObjectResult]:
        """Results in the order of `objects`; each object's nested results first.

        Objects go to `Pipeline.scan_many` in small batches, whose text is
        detected together.  At most two batches per worker are in flight, so
        a walk over millions of files is consumed as the workers keep up."""
        batches = batched(objects, OBJECTS_PER_BATCH)
        first = next(batches, None)
        if first is None:
            return
        self.start()
        batches = itertools.chain([first], batches)
        if self._pool is None:
            for batch in batches:
                for results in self.pipeline.scan_many(batch):
                    yield from results
            return
        in_flight: deque[Future[list[ObjectResult]]] = deque()
        for batch in batches:
            in_flight.append(self._submit(batch))
            if len(in_flight) >= 2 * self.workers:
                yield from _outcome(in_flight.popleft())
        while in_flight:
            yield from _outcome(in_flight.popleft())

    def _submit(self, batch: list[ScanObject]) -> Future[list[ObjectResult]]:
        assert self._pool is not None
        try:
            return self._pool.submit(_scan_many, batch)
        except BrokenProcessPool as exc:
            raise WorkerLostError("a scan worker died; its batch is lost") from exc


def _outcome(future: Future[list[ObjectResult]]) -> list[ObjectResult]:
    try:
        return future.result()
    except BrokenProcessPool as exc:
        raise WorkerLostError("a scan worker died; its batch is lost") from exc
