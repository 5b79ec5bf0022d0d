"""A distributed scan on the real PostgreSQL: `datawacht scan --distribute`
defers jobs, two `datawacht work` processes scan them, every file is
recorded once, and both workers took part."""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time
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


def test_two_workers_share_one_scan(env: dict[str, str], tmp_path: Path) -> None:
    share = tmp_path / "share"
    values = _share(share)
    engine = sa.create_engine(env["DATAWACHT_DB"])
    logs = [tmp_path / f"worker{n}.log" for n in (1, 2)]
    workers = [_start(env, "work", log=log) for log in logs]
    coordinator = None
    try:
        deadline = time.monotonic() + TIMEOUT
        while not all('"distributed.worker_ready"' in log.read_text() for log in logs):
            assert time.monotonic() < deadline, "the workers did not start"
            assert all(worker.poll() is None for worker in workers), logs[0].read_text()[-3000:]
            time.sleep(0.2)
        coordinator = _start(
            env,
            "scan",
            "--distribute",
            "--paths-per-job",
            str(PATHS_PER_JOB),
            str(share),
            log=tmp_path / "coordinator.log",
        )
        assert coordinator.wait(TIMEOUT) == 0, (tmp_path / "coordinator.log").read_text()[-3000:]
        for worker in workers:  # SIGTERM: a worker finishes its job and stops
            worker.send_signal(signal.SIGTERM)
        for worker in workers:
            assert worker.wait(60) == 0
    finally:
        for process in (coordinator, *workers):
            if process is not None and process.poll() is None:
                process.kill()
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
