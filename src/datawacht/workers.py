"""Scan objects on every core: a process pool that shares one loaded pipeline.

Detection is CPU-bound Python, so threads would share one core.  The pool
forks after the pipeline (Presidio, the spaCy pipeline, the rules, the key)
is loaded in the parent, so each worker starts with it in copy-on-write
memory instead of loading it again.  Where fork is unavailable (not Linux)
the scan runs in this process.  Workers only compute: the parent alone writes to the
store and the output, so the database sees one writer per scan and results
arrive in walk order.
"""

from __future__ import annotations

import dataclasses
import multiprocessing
import os
from collections.abc import Iterable, Iterator
from multiprocessing.pool import Pool

from datawacht.pipeline import OBJECTS_PER_BATCH, Pipeline
from datawacht.records import ObjectResult, ScanObject

_pipeline: Pipeline | None = None


def default_workers() -> int:
    """One worker per core that this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


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


def _batches(objects: Iterable[ScanObject], size: int) -> Iterator[list[ScanObject]]:
    batch: list[ScanObject] = []
    for obj in objects:
        batch.append(obj)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


# How often a wait for the pool checks that its workers are still alive.
LIVENESS_CHECK_SECONDS = 1.0


class WorkerLostError(RuntimeError):
    """A worker process died (killed, out of memory) while the pool held
    work: its batch will never come back, so waiting for it would hang."""


class Scanner:
    """Runs `Pipeline.scan` over objects in this process or in a pool.

    Use as a context manager; create it before opening database connections
    so that forked workers never inherit one.
    """

    def __init__(self, pipeline: Pipeline, workers: int = 1) -> None:
        self.pipeline = pipeline
        self.workers = max(1, workers)
        self._pool: Pool | None = None
        self._worker_pids: set[int | None] = set()

    def __enter__(self) -> Scanner:
        if self.workers > 1 and "fork" in multiprocessing.get_all_start_methods():
            _set_pipeline(self.pipeline)
            before = {child.pid for child in multiprocessing.active_children()}
            self._pool = multiprocessing.get_context("fork").Pool(self.workers)
            self._worker_pids = {child.pid for child in multiprocessing.active_children()} - before
        return self

    def __exit__(self, *exc_info: object) -> None:
        if self._pool is not None:
            if exc_info[0] is None:
                self._pool.close()
            else:
                self._pool.terminate()
            self._pool.join()
            self._pool = None

    def scan(self, objects: Iterable[ScanObject]) -> Iterator[ObjectResult]:
        """Results in the order of `objects`; each object's nested results first.

        Objects go to `Pipeline.scan_many` in small batches, whose text is
        detected together."""
        batches = _batches(objects, OBJECTS_PER_BATCH)
        if self._pool is None:
            for batch in batches:
                for results in self.pipeline.scan_many(batch):
                    yield from results
            return
        waiting = self._pool.imap(_scan_many, batches)
        while True:
            try:
                results = waiting.next(timeout=LIVENESS_CHECK_SECONDS)
            except StopIteration:
                return
            except multiprocessing.TimeoutError:
                self._check_workers()
                continue
            yield from results

    def _check_workers(self) -> None:
        """The pool replaces a dead worker but loses the batch it held."""
        alive = {child.pid for child in multiprocessing.active_children()}
        if not self._worker_pids <= alive:
            raise WorkerLostError("a scan worker died; its batch is lost")
