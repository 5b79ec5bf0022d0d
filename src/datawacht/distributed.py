"""One share scanned by several hosts: jobs in procrastinate, a task queue
that lives in the (PostgreSQL) findings database.

`datawacht scan --distribute ROOT` walks the tree and defers one job per
`paths_per_job` files; `datawacht work` on every host that mounts the share
(at the same path) claims jobs and scans their files in its scan processes,
forked (one per core) from the pipeline it loaded once.  Results are
recorded by the worker that scanned them, in the same findings database,
exactly as a local scan records them; the coordinator waits until every
job of its scan has finished, marks what the walk did not meet as gone and
closes the scan.

Why procrastinate (docs/distributed.md): the findings database is already
the one service every server reaches, so no broker (Redis, RabbitMQ) has to
be installed, secured and kept alive for it.  Jobs are claimed with
`FOR UPDATE SKIP LOCKED`; a job whose worker stopped sending heartbeats
(killed, host gone) is retried by any other worker, and recording a result
twice changes nothing, so a crash neither loses nor duplicates findings.
"""

from __future__ import annotations

import logging
import os
import time
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime

import procrastinate
from sqlalchemy.engine import make_url

from datawacht.incremental import UnchangedFiles
from datawacht.records import ScanObject
from datawacht.sources.files import walk
from datawacht.store.repository import Store
from datawacht.workers import Scanner, WorkerLostError, batched

log = logging.getLogger(__name__)
# procrastinate logs every job with its arguments, the file paths of a
# share; datawacht logs its own job events (object ids and counts) instead.
logging.getLogger("procrastinate").setLevel(logging.WARNING)

QUEUE = "datawacht-scan"
TASK = "datawacht.scan_paths"
PATHS_PER_JOB = 100
MAX_ATTEMPTS = 3
POLL_SECONDS = 1.0
STALLED_SECONDS = 30.0
# Serialises the creation of procrastinate's tables by workers that start together.
SCHEMA_LOCK = 0x64617461  # "data"


@dataclass
class _Worker:
    """What one worker process set up once: its scan processes and the store."""

    scanner: Scanner
    store: Store
    host: str

    def refork(self) -> None:
        """A scan process died (killed, out of memory): the pool is broken,
        a new one takes over.  It is forked from the job's thread, which
        becomes the new processes' main thread (their time limits work as
        before); their parent-death signal follows that thread, one of the
        event loop's executor threads, which live as long as the worker."""
        old = self.scanner
        old.close(kill=True)
        self.scanner = Scanner(old.pipeline, old.workers, always_fork=True).start()


_worker: _Worker | None = None


def make_app(db_url: str) -> procrastinate.App:
    """The procrastinate app on the findings database (PostgreSQL only)."""
    url = make_url(db_url)
    if url.get_backend_name() != "postgresql":
        raise ValueError("distributed scanning needs a PostgreSQL findings database")
    conninfo = url.set(drivername="postgresql").render_as_string(hide_password=False)
    app = procrastinate.App(connector=procrastinate.PsycopgConnector(conninfo=conninfo))
    app.task(
        name=TASK,
        queue=QUEUE,
        retry=procrastinate.RetryStrategy(max_attempts=MAX_ATTEMPTS, wait=5),
    )(scan_paths)

    @app.periodic(cron="* * * * *")
    @app.task(name="datawacht.retry_stalled_jobs", queue=QUEUE, queueing_lock="retry-stalled")
    async def retry_stalled_jobs(timestamp: int) -> None:
        """Jobs of a worker that stopped sending heartbeats (killed, its host
        gone) go back to the queue, every minute, for any other worker."""
        manager = app.job_manager
        for job in await manager.get_stalled_jobs(
            queue=QUEUE, task_name=TASK, seconds_since_heartbeat=STALLED_SECONDS
        ):
            assert job.id is not None
            log.warning("distributed.job_stalled", extra={"count": 1})
            await manager.retry_job_by_id_async(job.id, datetime.now(UTC))

    return app


def ensure_schema(app: procrastinate.App, store: Store) -> None:
    """procrastinate's tables in the findings database, created once."""
    with store.writer.begin() as conn:
        conn.exec_driver_sql(f"SELECT pg_advisory_xact_lock({SCHEMA_LOCK})")
        exists = conn.exec_driver_sql("SELECT to_regclass('procrastinate_jobs')").scalar()
        if exists is None:
            # On the driver's cursor without parameters: the schema's SQL
            # holds "%" signs that a parameter-style query would parse.
            with conn.connection.driver_connection.cursor() as cursor:
                cursor.execute(app.schema_manager.get_schema())


def scan_paths(scan_id: str, paths: list[str]) -> int:
    """The task: scan these files and record the results; the number of objects.

    procrastinate runs it in a thread, where no time limit could stop a
    file that never finishes (the job would hold its worker for ever while
    the heartbeats went on): the files are scanned in the forked processes.
    """
    assert _worker is not None, "scan_paths runs in `datawacht work` only"
    state = _worker
    objects = [obj for path in paths for obj in walk(path, state.host)]
    unchanged = UnchangedFiles(state.store, state.scanner.pipeline.classifier, scan_id)
    handed_on, to_scan = unchanged.split(objects)
    recorded = len(handed_on)
    try:
        for result in state.scanner.scan(to_scan):
            state.store.record_object(scan_id, result)
            recorded += 1
    except WorkerLostError:
        # The job fails and is retried (recording twice changes nothing).
        log.error("distributed.worker_lost", extra={"scan_id": scan_id})
        state.refork()
        raise
    log.info("distributed.job_done", extra={"scan_id": scan_id, "count": recorded})
    return recorded


def run_worker(
    app: procrastinate.App, scanner: Scanner, store: Store, host: str, *, until_empty: bool
) -> None:
    """`datawacht work`: take jobs until stopped (SIGTERM), or until the
    queue is empty with `until_empty`.  `scanner` forked its processes
    already (`always_fork`), before procrastinate started its threads."""
    global _worker
    _worker = _Worker(scanner, store, host)
    ensure_schema(app, store)
    log.info("distributed.worker_ready")
    try:
        app.run_worker(
            queues=[QUEUE],
            wait=not until_empty,
            concurrency=1,  # one job at a time; its files go to every scan process
            name=f"{host}:{os.getpid()}",
            delete_jobs="successful",  # the coordinator counts what is left
        )
    finally:
        _worker.scanner.close()  # a reforked pool is not the caller's


def defer_scan(
    app: procrastinate.App, scan_id: str, objects: Iterable[ScanObject], size: int
) -> list[int]:
    """One job per `size` files of the walk; the job ids."""
    task = app.tasks[TASK]
    ids: list[int] = []
    for paths in batched((obj.fs_path for obj in objects if obj.fs_path), size):
        ids.append(task.defer(scan_id=scan_id, paths=paths))
    return ids


def wait_for(app: procrastinate.App, job_ids: list[int]) -> int:
    """Block until every job has finished; the number that failed."""
    wanted = set(job_ids)
    manager = app.job_manager
    while True:
        outstanding = {
            job.id
            for status in ("todo", "doing")
            for job in manager.list_jobs(queue=QUEUE, status=status)
        }
        if not wanted & outstanding:
            break
        time.sleep(POLL_SECONDS)
    return sum(1 for job in manager.list_jobs(queue=QUEUE, status="failed") if job.id in wanted)


@dataclass(frozen=True)
class DistributedScan:
    """What the coordinator of a distributed scan saw at its end."""

    scan_id: str
    jobs: int
    failed_jobs: int
    objects: dict[str, int]  # by status
    gone: int


def coordinate(
    app: procrastinate.App,
    store: Store,
    roots: list[str],
    host: str,
    versions: tuple[str, str],
    paths_per_job: int = PATHS_PER_JOB,
) -> DistributedScan:
    """Defer the jobs of one scan of `roots`, wait for the workers, close it.

    Objects below a root that no worker met are marked gone only when every
    job succeeded: a failed job's files were not looked at."""
    ruleset_version, scanner_version = versions
    scan_id = store.begin_scan(roots, ruleset_version, host, scanner_version + " (distributed)")
    try:
        ensure_schema(app, store)
        job_ids: list[int] = []
        for root in roots:
            job_ids.extend(defer_scan(app, scan_id, walk(root, host), paths_per_job))
        log.info("distributed.deferred", extra={"scan_id": scan_id, "count": len(job_ids)})
        failed = wait_for(app, job_ids)
        met = store.objects_of_scan(scan_id)
        gone = 0
        if not failed:
            for root in (root for root in roots if os.path.isdir(root)):
                gone += store.mark_missing(scan_id, root, set(met))
    except BaseException:
        store.finish_scan(scan_id, "interrupted", {})
        raise
    counts = dict(Counter(met.values()))
    status = "interrupted" if failed else "completed"
    store.finish_scan(scan_id, status, {"objects": counts})
    return DistributedScan(scan_id, len(job_ids), failed, counts, gone)
