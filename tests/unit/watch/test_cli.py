"""`datawacht status` and the usage errors of `datawacht watch`."""

from __future__ import annotations

import json
import os
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

import pytest
from click.testing import CliRunner

from datawacht.cli import exitcodes
from datawacht.cli.main import cli
from datawacht.store import open_store
from datawacht.watch import heartbeat
from datawacht.watch.heartbeat import DaemonRecord, RootHealth
from datawacht.watch.queue import SCAN, Request, WorkQueue


@pytest.fixture
def run(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):  # noqa: ANN201
    for name in ("DATAWACHT_DB", "DATAWACHT_CONFIG", "DATAWACHT_WATCH__PATHS"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("DATAWACHT_STATE_DIR", str(tmp_path / "state"))
    monkeypatch.setenv("DATAWACHT_HOST", "testhost")
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))

    def invoke(*args: str):  # noqa: ANN202
        return CliRunner().invoke(cli, list(args), catch_exceptions=False)

    return invoke


def _beat(tmp_path: Path, **changes: object) -> None:
    now = datetime.now(UTC)
    store = open_store(f"sqlite:///{tmp_path / 'state' / 'findings.db'}")
    try:
        record = DaemonRecord(
            host="testhost",
            session="testhost:1:x",
            pid=os.getpid(),
            scan_id="scan-1",
            started_at=now,
            heartbeat_at=now,
            heartbeat_interval=5.0,
            stopped_at=None,
            last_event_at=now,
            errors=0,
            last_error=None,
            last_error_at=None,
            roots=(RootHealth("/srv/share", "inotify", "ok", "2026-12-01T08:00:00Z"),),
        )
        heartbeat.write(store, replace(record, **changes))
        WorkQueue(store, "testhost").enqueue([Request("/srv/share", "/srv/share/a", SCAN, "x")])
    finally:
        store.close()


def test_status_of_a_daemon_that_never_ran(run) -> None:
    result = run("status", "--format", "json")
    assert result.exit_code == exitcodes.UNHEALTHY
    data = json.loads(result.output)
    assert (data["running"], data["daemon"], data["queue"]["due"]) == (False, None, 0)
    assert "never started" in run("status").output


def test_status_of_a_healthy_daemon(run, tmp_path: Path) -> None:
    _beat(tmp_path)
    result = run("status")
    assert result.exit_code == exitcodes.OK, result.output
    assert "running" in result.output
    assert "queue: 1 due, 0 waiting, 0 claimed" in result.output
    assert "root /srv/share [inotify]: ok" in result.output


def test_status_with_an_unavailable_root(run, tmp_path: Path) -> None:
    nas = RootHealth("/mnt/nas", "polling", "unavailable", "2026-12-01T09:00:00Z", "missing")
    _beat(tmp_path, roots=(nas,), errors=1, last_error="watch.root_unavailable")
    result = run("status")
    assert result.exit_code == exitcodes.UNHEALTHY
    assert "root /mnt/nas [polling]: UNAVAILABLE since 2026-12-01T09:00:00Z (missing)" in (
        result.output
    )
    assert "errors: 1 (last: watch.root_unavailable" in result.output


def test_status_of_all_hosts_on_one_database(run, tmp_path: Path) -> None:
    """Many file servers report to one database: a remote daemon counts as
    running while its heartbeat is fresh (its pid means nothing here)."""
    _beat(tmp_path)
    _beat(tmp_path, host="fileserver-2", pid=999_999_999)
    old = datetime(2026, 1, 1, tzinfo=UTC)
    _beat(tmp_path, host="fileserver-3", pid=999_999_999, heartbeat_at=old)
    result = run("status", "--all-hosts", "--format", "json")
    assert result.exit_code == exitcodes.UNHEALTHY  # fileserver-3 went quiet
    reports = {report["host"]: report["running"] for report in json.loads(result.output)}
    assert reports == {"fileserver-2": True, "fileserver-3": False, "testhost": True}
    table = run("status", "--all-hosts").output
    assert "watch daemon (fileserver-3): NOT RUNNING" in table
    assert "watch daemon (fileserver-2): running" in table
    assert run("status").exit_code == exitcodes.OK  # this host alone is fine


def test_watch_needs_something_to_watch(run) -> None:
    result = run("watch")
    assert result.exit_code == exitcodes.USAGE
    assert "nothing to watch" in result.output


def test_nested_roots_are_refused(run, tmp_path: Path) -> None:
    (tmp_path / "a" / "b").mkdir(parents=True)
    result = run("watch", str(tmp_path / "a"), str(tmp_path / "a" / "b"))
    assert result.exit_code == exitcodes.USAGE
    assert "may not nest" in result.output
