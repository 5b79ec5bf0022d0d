"""`datawacht watch` as a service: the daemon runs as a subprocess on a
temporary share with a temporary SQLite database and short timings.

Each test bounds its waits generously (the machine is shared), and checks
the findings database directly, as an officer's query would.
"""

from __future__ import annotations

import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest
import sqlalchemy as sa

from support.values import make_bsn

START_SECONDS = 90.0  # loading Presidio and the Dutch pipeline on a busy machine
WAIT_SECONDS = 45.0
STOP_SECONDS = 15.0
FAST_TIMINGS = {
    "DATAWACHT_WATCH__DEBOUNCE_SECONDS": "0.2",
    "DATAWACHT_WATCH__SETTLE_SECONDS": "0.1",
    "DATAWACHT_WATCH__HEALTH_INTERVAL_SECONDS": "0.3",
    "DATAWACHT_WATCH__POLL_INTERVAL_SECONDS": "0.3",
}

RNG = random.Random(20261204)


def letter(bsn: str) -> str:
    return (
        "Geachte heer Testpersoon,\n\n"
        f"Uw burgerservicenummer (BSN) is {bsn[:4]}.{bsn[4:6]}.{bsn[6:]}.\n"
        "Met vriendelijke groet,\nAfdeling Fictief\n"
    )


LOGS: list[Path] = []  # the daemon log of the running test, quoted when a wait fails


def eventually(condition: Callable[[], object], what: str, timeout: float = WAIT_SECONDS):  # noqa: ANN201
    deadline = time.monotonic() + timeout
    while True:
        value = condition()
        if value:
            return value
        if time.monotonic() > deadline:
            tail = "\n".join(line for log in LOGS for line in log.read_text().splitlines()[-40:])
            raise AssertionError(f"timed out after {timeout:.0f} s waiting for {what}\n{tail}")
        time.sleep(0.2)


class Daemon:
    """`datawacht watch` in the background, its JSON log in a file."""

    def __init__(self, env: dict[str, str], args: list[str], log: Path) -> None:
        self.log = log
        self._handle = log.open("ab")
        self.process = subprocess.Popen(
            [sys.executable, "-m", "datawacht", "watch", *args],
            env=env,
            stdout=self._handle,
            stderr=subprocess.STDOUT,
        )

    def log_lines(self) -> list[str]:
        return self.log.read_text(encoding="utf-8").splitlines()

    def events(self) -> list[dict]:
        return [json.loads(line) for line in self.log_lines()]

    def started(self) -> bool:
        if self.process.poll() is not None:
            raise AssertionError(f"daemon exited: {self.log.read_text()}")
        return any('"watch.started"' in line for line in self.log_lines())

    def terminate(self) -> tuple[int, float]:
        started = time.monotonic()
        self.process.send_signal(signal.SIGTERM)
        code = self.process.wait(STOP_SECONDS)
        self._handle.close()
        return code, time.monotonic() - started

    def kill(self) -> None:
        self.process.kill()
        self.process.wait(STOP_SECONDS)
        self._handle.close()

    def ensure_gone(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait(STOP_SECONDS)
        self._handle.close()


@pytest.fixture
def watch_env(cli_env: dict[str, str]) -> dict[str, str]:
    return {**cli_env, **FAST_TIMINGS, "DATAWACHT_WORKERS": "2"}


@pytest.fixture
def daemons(watch_env: dict[str, str], tmp_path: Path):  # noqa: ANN201
    started: list[Daemon] = []

    def start(*args: str, env: dict[str, str] | None = None) -> Daemon:
        daemon = Daemon({**watch_env, **(env or {})}, list(args), tmp_path / "daemon.log")
        started.append(daemon)
        LOGS[:] = [daemon.log]
        eventually(daemon.started, "the daemon to start", START_SECONDS)
        return daemon

    yield start
    for daemon in started:
        daemon.ensure_gone()


@pytest.fixture
def db(watch_env: dict[str, str]) -> Callable[[str, tuple], list[tuple]]:
    path = Path(watch_env["DATAWACHT_STATE_DIR"]) / "findings.db"

    def query(sql: str, params: tuple = ()) -> list[tuple]:
        with sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=30) as conn:
            return conn.execute(sql, params).fetchall()

    return query


@pytest.fixture(params=["sqlite", "postgresql"])
def backend(request: pytest.FixtureRequest):  # noqa: ANN201
    """(environment for the daemon, query function) of a findings database:
    the default SQLite file, or a fresh database on the real PostgreSQL."""
    if request.param == "sqlite":
        return {}, request.getfixturevalue("db")
    url = request.getfixturevalue("new_postgres_database")()
    engine = sa.create_engine(url)
    request.addfinalizer(engine.dispose)

    def query(sql: str) -> list[tuple]:
        with engine.connect() as conn:
            return [tuple(row) for row in conn.execute(sa.text(sql))]

    return {"DATAWACHT_DB": url}, query


def findings_by_file(db) -> dict[str, list[tuple[str, str | None]]]:  # noqa: ANN001
    """{file name: [(status, status_reason), …]} of the BSN findings."""
    rows = db(
        "SELECT o.path, f.status, f.status_reason FROM findings f"
        " JOIN objects o ON o.object_id = f.object_id WHERE f.entity_type = 'NL_BSN'"
        " ORDER BY o.path"
    )
    found: dict[str, list[tuple[str, str | None]]] = {}
    for path, status, reason in rows:
        found.setdefault(Path(path).name, []).append((status, reason))
    return found


def status_of(datawacht) -> tuple[int, dict]:  # noqa: ANN001
    run = datawacht("status", "--format", "json", extra_env=FAST_TIMINGS)
    return run.code, json.loads(run.stdout)


def test_new_moved_and_deleted_files_while_running(daemons, db, datawacht, tmp_path: Path) -> None:
    share = tmp_path / "share"
    share.mkdir()
    bsn_old, bsn_new = make_bsn(RNG), make_bsn(RNG)
    (share / "bestaand.txt").write_text(letter(bsn_old), encoding="utf-8")
    daemon = daemons(str(share))
    eventually(lambda: "bestaand.txt" in findings_by_file(db), "the catch-up at start")

    written = time.monotonic()
    (share / "nieuw.txt").write_text(letter(bsn_new), encoding="utf-8")
    eventually(lambda: "nieuw.txt" in findings_by_file(db), "the new file's finding")
    latency = time.monotonic() - written

    # SIGHUP reloads settings and rules (and re-forks the pool) without losing work
    daemon.process.send_signal(signal.SIGHUP)
    eventually(lambda: any(e["event"] == "watch.reloaded" for e in daemon.events()), "the reload")
    (share / "nieuw.txt").rename(share / "verplaatst.txt")
    (share / "bestaand.txt").unlink()
    moved_to = f"moved to {share / 'verplaatst.txt'}"
    expected = {
        "bestaand.txt": [("resolved", "deleted")],
        "nieuw.txt": [("resolved", moved_to)],
        "verplaatst.txt": [("open", None)],
    }
    eventually(lambda: findings_by_file(db) == expected, "deletion and move to be recorded")
    gone = db("SELECT path, present, gone_reason FROM objects WHERE present = 0 ORDER BY path")
    assert [(Path(p).name, r) for p, _, r in gone] == [
        ("bestaand.txt", "deleted"),
        ("nieuw.txt", moved_to),
    ]

    code, report = eventually(
        lambda: (r := status_of(datawacht))[1]["queue"]["due"] == 0 and r, "an empty queue"
    )
    assert code == 0, report
    assert report["running"] and report["roots"][0]["state"] == "ok"
    assert report["daemon"]["last_event_at"] is not None

    code, seconds = daemon.terminate()
    assert code == 0
    assert seconds < STOP_SECONDS
    assert status_of(datawacht)[0] == 1  # not running any more

    lines = daemon.log_lines()
    events = [json.loads(line) for line in lines]  # every line is JSON
    assert {"watch.object_scanned", "watch.object_gone", "watch.stopped"} <= {
        e["event"] for e in events
    }
    gone_events = [e for e in events if e["event"] == "watch.object_gone"]
    assert sorted(e["reason"] for e in gone_events) == ["deleted", "moved"]
    log_text = "\n".join(lines)
    for secret in (bsn_old, bsn_new, bsn_old[-4:] + ".", "bestaand", "nieuw", "verplaatst"):
        assert secret not in log_text
    print(f"new file → stored finding: {latency:.2f} s")


def test_sighup_applies_roots_from_the_config_file(daemons, db, tmp_path: Path) -> None:
    """A root added to `watch.paths` is observed and caught up after SIGHUP;
    a root taken out is no longer observed, and its files stay as they were."""
    first, second = tmp_path / "eerste", tmp_path / "tweede"
    for share in (first, second):
        share.mkdir()
    config = tmp_path / "datawacht.toml"
    config.write_text(f"[watch]\npaths = [{json.dumps(str(first))}]\n", encoding="utf-8")
    (first / "a.txt").write_text(letter(make_bsn(RNG)), encoding="utf-8")
    (second / "b.txt").write_text(letter(make_bsn(RNG)), encoding="utf-8")
    daemon = daemons(env={"DATAWACHT_CONFIG": str(config)})
    eventually(lambda: "a.txt" in findings_by_file(db), "the first root's file")
    assert "b.txt" not in findings_by_file(db)

    config.write_text(f"[watch]\npaths = [{json.dumps(str(second))}]\n", encoding="utf-8")
    daemon.process.send_signal(signal.SIGHUP)
    eventually(lambda: any(e["event"] == "watch.roots_changed" for e in daemon.events()), "reload")
    eventually(lambda: "b.txt" in findings_by_file(db), "the new root's catch-up")
    (first / "niet-meer.txt").write_text(letter(make_bsn(RNG)), encoding="utf-8")
    (second / "nieuw.txt").write_text(letter(make_bsn(RNG)), encoding="utf-8")
    eventually(lambda: "nieuw.txt" in findings_by_file(db), "an event in the new root")
    found = findings_by_file(db)
    assert "niet-meer.txt" not in found  # the old root is not observed any more
    assert found["a.txt"] == [("open", None)]  # unwatched is not deleted
    assert daemon.terminate()[0] == 0


def test_kill_9_changes_while_down_and_restart_catch_up_without_duplicates(
    daemons, backend, tmp_path: Path
) -> None:
    env, db = backend
    share = tmp_path / "share"
    share.mkdir()
    a, b, c, d, e = (make_bsn(RNG) for _ in range(5))
    for name, value in (("a.txt", a), ("b.txt", b), ("c.txt", c)):
        (share / name).write_text(letter(value), encoding="utf-8")
    daemon = daemons(str(share), env=env)
    eventually(lambda: len(findings_by_file(db)) == 3, "the first three files")

    daemon.kill()  # while idle
    (share / "c.txt").unlink()
    daemon = daemons(str(share), env=env)
    eventually(
        lambda: findings_by_file(db).get("c.txt") == [("resolved", "deleted")],
        "the deletion while down to be caught up",
    )

    # A file that takes a while to scan, so that the kill may hit it claimed.
    register = [make_bsn(RNG) for _ in range(300)]
    lines = [
        f"Dossier {n}: de heer Jansen, BSN {v}, woont in Utrecht." for n, v in enumerate(register)
    ]
    (share / "register.txt").write_text("\n".join(lines * 5) + "\n", encoding="utf-8")
    claimed = eventually(
        lambda: (
            db("SELECT count(*) FROM work_queue WHERE claimed_by IS NOT NULL")[0][0]
            or "register.txt" in findings_by_file(db)
        ),
        "the register to be claimed or scanned",
    )
    daemon.kill()
    killed_while_claimed = claimed is not True and not db(
        "SELECT 1 FROM objects WHERE path LIKE '%register.txt'"
    )

    (share / "a.txt").write_text(letter(d), encoding="utf-8")  # a's value replaced
    (share / "b.txt").unlink()
    (share / "nieuw.txt").write_text(letter(e), encoding="utf-8")

    daemon = daemons(str(share), env=env)
    expected_files = {"a.txt", "b.txt", "c.txt", "nieuw.txt", "register.txt"}

    def caught_up() -> bool:
        found = findings_by_file(db)
        return (
            set(found) == expected_files
            and sorted(found["a.txt"]) == [("open", None), ("resolved", "value no longer present")]
            and found["b.txt"] == [("resolved", "deleted")]
            and found["nieuw.txt"] == [("open", None)]
            and len(found["register.txt"]) == len(register)
            and found["c.txt"] == [("resolved", "deleted")]
            and db("SELECT count(*) FROM work_queue")[0][0] == 0
        )

    eventually(caught_up, "the catch-up after the restart")
    duplicates = db(
        "SELECT object_id, entity_type, fingerprint, count(*) FROM findings"
        " GROUP BY object_id, entity_type, fingerprint HAVING count(*) > 1"
    )
    assert duplicates == []
    assert [s for (s,) in db("SELECT status FROM scans ORDER BY started_at")] == [
        "interrupted",
        "interrupted",
        "running",
    ]
    assert daemon.terminate()[0] == 0
    print(f"killed while the register was claimed: {killed_while_claimed}")


def test_a_polled_share_that_disappears_and_returns(daemons, db, datawacht, tmp_path: Path) -> None:
    share = tmp_path / "nas"
    share.mkdir()
    a, b, c = (make_bsn(RNG) for _ in range(3))
    (share / "a.txt").write_text(letter(a), encoding="utf-8")
    (share / "b.txt").write_text(letter(b), encoding="utf-8")
    polling = {"DATAWACHT_WATCH__POLLING": json.dumps([str(share)]), "DATAWACHT_WORKERS": "1"}
    daemon = daemons(str(share), env=polling)
    both_open = {"a.txt": [("open", None)], "b.txt": [("open", None)]}
    eventually(lambda: findings_by_file(db) == both_open, "the share's findings")
    code, report = status_of(datawacht)
    assert report["roots"][0]["mode"] == "polling"

    share.rename(tmp_path / "nas-weg")  # the mount goes away

    def unavailable() -> dict | None:
        code, report = status_of(datawacht)
        return report if code == 1 and report["roots"][0]["state"] == "unavailable" else None

    report = eventually(unavailable, "status to show the share unavailable")
    assert report["running"] is True
    assert report["daemon"]["last_error"] == "watch.root_unavailable"
    time.sleep(1.0)  # several health intervals and polls
    assert findings_by_file(db) == both_open  # an outage is not a mass deletion

    (tmp_path / "nas-weg" / "b.txt").unlink()  # changes during the outage
    (tmp_path / "nas-weg" / "c.txt").write_text(letter(c), encoding="utf-8")
    (tmp_path / "nas-weg").rename(share)  # back

    expected = {
        "a.txt": [("open", None)],
        "b.txt": [("resolved", "deleted")],
        "c.txt": [("open", None)],
    }
    eventually(lambda: findings_by_file(db) == expected, "the catch-up after the outage")
    eventually(lambda: status_of(datawacht)[0] == 0, "status to be healthy again")
    assert daemon.terminate()[0] == 0
    assert any(e["event"] == "watch.root_available" for e in daemon.events()), (
        "the return is logged"
    )


def test_periodic_reconciliation_finds_what_no_event_reported(
    daemons, db, watch_env: dict[str, str], tmp_path: Path
) -> None:
    """Events can be lost (an inotify queue overflow): every
    `reconcile_interval_seconds` the roots are compared with the store."""
    share = tmp_path / "share"
    share.mkdir()
    (share / "brief.txt").write_text(letter(make_bsn(RNG)), encoding="utf-8")
    size = (share / "brief.txt").stat().st_size
    daemon = daemons(str(share), env={"DATAWACHT_WATCH__RECONCILE_INTERVAL_SECONDS": "1"})
    eventually(lambda: "brief.txt" in findings_by_file(db), "the catch-up at start")

    # The stored state drifts from the disk without any event (as after a lost one).
    path = Path(watch_env["DATAWACHT_STATE_DIR"]) / "findings.db"
    with sqlite3.connect(path, timeout=30) as conn:
        conn.execute("UPDATE objects SET size = 1 WHERE path LIKE '%brief.txt'")
    eventually(
        lambda: db("SELECT size FROM objects WHERE path LIKE '%brief.txt'") == [(size,)],
        "the reconciliation to rescan the file",
    )
    assert daemon.terminate()[0] == 0


def _children(pid: int) -> list[int]:
    """The daemon's child processes: its forked scan workers (Linux /proc)."""
    text = Path(f"/proc/{pid}/task/{pid}/children").read_text()
    return [int(child) for child in text.split()]


def test_a_scan_worker_killed_mid_file_is_replaced_and_the_file_scanned(
    daemons, db, tmp_path: Path
) -> None:
    """A worker killed by the kernel (out of memory) must not hang or stop
    the daemon: the batch counts as a failed attempt and a fresh pool scans it."""
    share = tmp_path / "share"
    share.mkdir()
    daemon = daemons(str(share))  # two workers: a forked pool
    workers = eventually(lambda: _children(daemon.process.pid), "the scan worker")
    register = [make_bsn(RNG) for _ in range(500)]
    lines = [f"Dossier {n}: mevrouw Visser, BSN {v}, Utrecht." for n, v in enumerate(register)]
    (share / "register.txt").write_text("\n".join(lines * 10) + "\n", encoding="utf-8")
    eventually(
        lambda: db("SELECT count(*) FROM work_queue WHERE claimed_by IS NOT NULL")[0][0],
        "the register to be claimed",
    )
    for worker in workers:
        os.kill(worker, signal.SIGKILL)
    eventually(lambda: any(e["event"] == "watch.worker_lost" for e in daemon.events()), "the loss")
    found = eventually(
        lambda: len(findings_by_file(db).get("register.txt", [])) == len(register),
        "the register to be scanned by the new pool",
        timeout=WAIT_SECONDS * 2,
    )
    assert found
    assert set(_children(daemon.process.pid)).isdisjoint(workers)
    (attempts,) = db("SELECT count(*) FROM work_queue")[0]
    assert attempts == 0
    assert daemon.terminate()[0] == 0
