"""A distributed scan on the real PostgreSQL: `datawacht scan --distribute`
defers jobs, two `datawacht work` processes scan them, every file is
recorded once, and both workers took part; a file that takes too long is
stopped at the per-object time limit inside a job, as in a local scan."""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import pytest
import sqlalchemy as sa

from support.values import make_bsn

FILES = 60
PATHS_PER_JOB = 3
TIMEOUT = 240


@pytest.fixture
def env(tmp_path: Path, new_postgres_database) -> dict[str, str]:  # noqa: ANN001
    environment = dict(os.environ)
    environment.pop("DATAWACHT_CONFIG", None)
    environment.update(
        DATAWACHT_DB=new_postgres_database(),
        DATAWACHT_STATE_DIR=str(tmp_path / "state"),
        DATAWACHT_FINGERPRINT_KEY="distributed-test-key-0123456789abcdef",
        DATAWACHT_HOST="share-hr",  # every worker stores the share under one name
        XDG_CONFIG_HOME=str(tmp_path / "config"),
    )
    return environment


def _share(root: Path) -> list[str]:
    rng = random.Random(8)
    values = []
    for n in range(FILES):
        value = make_bsn(rng)
        values.append(value)
        folder = root / f"map{n % 4}"
        folder.mkdir(parents=True, exist_ok=True)
        (folder / f"brief{n:02d}.txt").write_text(
            f"Geachte heer,\nUw BSN is {value[:4]}.{value[4:6]}.{value[6:]}.\n", encoding="utf-8"
        )
    return values


def _start(env: dict[str, str], *args: str, log: Path) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "datawacht", "--log-level", "info", "--log-format", "json", *args],
        env=env,
        stdout=log.open("w"),
        stderr=subprocess.STDOUT,
    )


def _wait_ready(workers: list[subprocess.Popen], logs: list[Path]) -> None:
    deadline = time.monotonic() + TIMEOUT
    while not all('"distributed.worker_ready"' in log.read_text() for log in logs):
        assert time.monotonic() < deadline, "the workers did not start"
        assert all(worker.poll() is None for worker in workers), logs[0].read_text()[-3000:]
        time.sleep(0.2)


def _stop(*processes: subprocess.Popen | None) -> None:
    for process in processes:
        if process is not None and process.poll() is None:
            process.kill()


def _run_scan(env: dict[str, str], share: Path, logs: list[Path], *work_args: str) -> None:
    """Workers started (one per log), a coordinator's scan of `share` to its
    end, the workers stopped by SIGTERM; each must exit 0."""
    workers = [_start(env, "work", *work_args, log=log) for log in logs]
    coordinator = None
    coordinator_log = logs[0].parent / "coordinator.log"
    try:
        _wait_ready(workers, logs)
        coordinator = _start(
            env,
            "scan",
            "--distribute",
            "--paths-per-job",
            str(PATHS_PER_JOB),
            str(share),
            log=coordinator_log,
        )
        assert coordinator.wait(TIMEOUT) == 0, coordinator_log.read_text()[-3000:]
        for worker in workers:  # SIGTERM: a worker finishes its job and stops
            worker.send_signal(signal.SIGTERM)
        for worker in workers:
            assert worker.wait(60) == 0
    finally:
        _stop(coordinator, *workers)


def test_two_workers_share_one_scan(env: dict[str, str], tmp_path: Path) -> None:
    share = tmp_path / "share"
    values = _share(share)
    engine = sa.create_engine(env["DATAWACHT_DB"])
    logs = [tmp_path / f"worker{n}.log" for n in (1, 2)]
    _run_scan(env, share, logs, "--workers", "1")
    with engine.connect() as conn:
        objects = conn.execute(sa.text("SELECT count(*), count(DISTINCT path) FROM objects")).one()
        bsn = conn.execute(
            sa.text("SELECT count(*) FROM findings WHERE entity_type = 'NL_BSN'")
        ).scalar()
        scan = conn.execute(sa.text("SELECT status FROM scans")).scalar()
        left = conn.execute(sa.text("SELECT count(*) FROM procrastinate_jobs")).scalar()
    engine.dispose()
    assert tuple(objects) == (FILES, FILES)  # every file once
    assert bsn == FILES
    assert scan == "completed"
    assert left == 0  # succeeded jobs are deleted; none failed or is left over
    done = [
        sum(1 for line in log.read_text().splitlines() if '"distributed.job_done"' in line)
        for log in logs
    ]
    assert sum(done) == FILES // PATHS_PER_JOB
    assert all(done), f"jobs per worker: {done}"  # both workers took part
    output = "\n".join(log.read_text() for log in [*logs, tmp_path / "coordinator.log"])
    assert not any(value in output for value in values)
    assert "brief" not in output  # job arguments (file names) stay out of the logs
    assert json.loads((tmp_path / "coordinator.log").read_text().splitlines()[0])


def _slow_text(rng: random.Random, chars: int) -> str:
    """Letters full of names and numbers: seconds of NER and pattern work."""
    names = ["Jansen", "de Vries", "El Amrani", "Bakker", "Yilmaz", "van Dijk", "Visser"]
    towns = ["Utrecht", "Zwolle", "Tilburg", "Almere", "Delft"]
    lines = []
    while sum(map(len, lines)) < chars:
        lines.append(
            f"Geachte heer {rng.choice(names)}, op {rng.randint(1, 28)}-{rng.randint(1, 12)}-2024 "
            f"sprak mevrouw {rng.choice(names)} in {rng.choice(towns)} over dossier "
            f"{rng.randint(10_000, 99_999)}.\n"
        )
    return "".join(lines)


def _slow_and_quick(share: Path, seed: int, chars: int) -> None:
    """A slow file (`a-langzaam.txt`, first in walk order) and a quick one
    (`b-snel.txt`) holding one BSN."""
    rng = random.Random(seed)
    share.mkdir()
    (share / "a-langzaam.txt").write_text(_slow_text(rng, chars), encoding="utf-8")
    (share / "b-snel.txt").write_text(f"BSN {make_bsn(rng)}\n", encoding="utf-8")


@dataclass(frozen=True)
class Outcome:
    """What the findings database holds after a distributed scan."""

    objects: dict[str, tuple[str, str | None]]  # file name: (status, reason)
    findings: int
    distinct_findings: int
    bsn: int
    scan: str
    scan_jobs_left: int


def _outcome(db_url: str) -> Outcome:
    engine = sa.create_engine(db_url)
    with engine.connect() as conn:
        rows = conn.execute(sa.text("SELECT path, status, reason FROM objects")).all()
        findings, distinct = conn.execute(
            sa.text(
                "SELECT count(*), count(DISTINCT (object_id, entity_type, fingerprint)) "
                "FROM findings"
            )
        ).one()
        bsn = conn.execute(
            sa.text("SELECT count(*) FROM findings WHERE entity_type = 'NL_BSN'")
        ).scalar()
        scan = conn.execute(sa.text("SELECT status FROM scans")).scalar()
        left = conn.execute(
            sa.text("SELECT count(*) FROM procrastinate_jobs WHERE task_name = :task"),
            {"task": "datawacht.scan_paths"},
        ).scalar()
    engine.dispose()
    objects = {Path(path).name: (status, reason) for path, status, reason in rows}
    return Outcome(objects, findings, distinct, bsn, scan, left)


SCANNED_ONCE = {"a-langzaam.txt": ("scanned", None), "b-snel.txt": ("scanned", None)}


def test_time_limit_stops_a_file_inside_a_job(env: dict[str, str], tmp_path: Path) -> None:
    """procrastinate runs a job in a thread, where a signal-based time limit
    cannot fire; the job's files are scanned in forked processes, so it does:
    the slow file is partial ("time limit") in about a second instead of
    holding the worker, and the file beside it is scanned."""
    _slow_and_quick(tmp_path / "share", seed=9, chars=600_000)
    env = {**env, "DATAWACHT_LIMITS__OBJECT_SECONDS": "1"}
    _run_scan(env, tmp_path / "share", [tmp_path / "worker.log"], "--workers", "1")
    outcome = _outcome(env["DATAWACHT_DB"])
    assert outcome.objects == {
        "a-langzaam.txt": ("partial", "time limit"),
        "b-snel.txt": ("scanned", None),
    }
    assert outcome.bsn == 1
    assert outcome.scan == "completed"


def _children(pid: int) -> list[int]:
    """A process's children, whichever of its threads forked them."""
    tasks = Path(f"/proc/{pid}/task").iterdir()
    return [int(child) for task in tasks for child in (task / "children").read_text().split()]


def test_a_killed_scan_process_is_replaced_and_its_job_retried(
    env: dict[str, str], tmp_path: Path
) -> None:
    """A scan process killed mid-job (out of memory): the job fails, the
    worker forks a new process, procrastinate retries the job, and every
    file ends up recorded once with its findings once."""
    share = tmp_path / "share"
    _slow_and_quick(share, seed=10, chars=300_000)
    log = tmp_path / "worker.log"
    worker = _start(env, "work", "--workers", "1", log=log)
    coordinator = None
    try:
        _wait_ready([worker], [log])
        (scan_process,) = _children(worker.pid)
        coordinator = _start(
            env, "scan", "--distribute", str(share), log=tmp_path / "coordinator.log"
        )
        time.sleep(3)  # the job is on the slow file by now
        os.kill(scan_process, signal.SIGKILL)
        assert coordinator.wait(TIMEOUT) == 0, (tmp_path / "coordinator.log").read_text()[-3000:]
        assert scan_process not in _children(worker.pid)  # replaced by a new one
        assert len(_children(worker.pid)) == 1
        worker.send_signal(signal.SIGTERM)
        assert worker.wait(60) == 0
    finally:
        _stop(coordinator, worker)
    assert '"distributed.worker_lost"' in log.read_text()
    outcome = _outcome(env["DATAWACHT_DB"])
    assert outcome.objects == SCANNED_ONCE
    assert outcome.findings == outcome.distinct_findings > 1  # the slow letters' names, once
    assert outcome.bsn == 1
    assert outcome.scan == "completed"


def test_a_killed_workers_job_is_taken_over_by_another(env: dict[str, str], tmp_path: Path) -> None:
    """A worker killed mid-job (host gone): its job stays `doing` until its
    heartbeats are older than 30 s; the other worker's periodic task (every
    minute) puts it back and scans it.  Every file is recorded once, each
    finding once, and the scan completes.  Takes up to two minutes."""
    share = tmp_path / "share"
    _slow_and_quick(share, seed=11, chars=400_000)
    first_log, second_log = tmp_path / "first.log", tmp_path / "second.log"
    first = _start(env, "work", "--workers", "1", log=first_log)
    second = coordinator = None
    try:
        _wait_ready([first], [first_log])
        coordinator = _start(
            env,
            "scan",
            "--distribute",
            "--paths-per-job",
            "1",
            str(share),
            log=tmp_path / "coordinator.log",
        )
        time.sleep(4)  # the first worker is on the slow file (walk order) by now
        first.kill()  # its scan process follows it (parent-death signal)
        assert first.wait(10) == -signal.SIGKILL
        second = _start(env, "work", "--workers", "1", log=second_log)
        assert coordinator.wait(TIMEOUT) == 0, (tmp_path / "coordinator.log").read_text()[-3000:]
        second.send_signal(signal.SIGTERM)
        assert second.wait(60) == 0
    finally:
        _stop(coordinator, first, second)
    assert '"distributed.job_stalled"' in second_log.read_text()
    outcome = _outcome(env["DATAWACHT_DB"])
    assert outcome.objects == SCANNED_ONCE
    assert outcome.findings == outcome.distinct_findings > 1
    assert outcome.scan == "completed"
    assert outcome.scan_jobs_left == 0  # both scan jobs succeeded (and were deleted)
