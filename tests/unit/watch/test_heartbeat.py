"""The daemon's health record and what `status` concludes from it."""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import replace
from datetime import UTC, datetime, timedelta

from datawacht.store import Store
from datawacht.watch import heartbeat
from datawacht.watch.heartbeat import DaemonRecord, RootHealth
from datawacht.watch.queue import QueueStats

NOW = datetime(2026, 12, 1, 12, 0, tzinfo=UTC)


def _record(**changes: object) -> DaemonRecord:
    record = DaemonRecord(
        host="testhost",
        session="testhost:1:abc",
        pid=os.getpid(),
        scan_id="scan-1",
        started_at=NOW - timedelta(hours=1),
        heartbeat_at=NOW,
        heartbeat_interval=5.0,
        stopped_at=None,
        last_event_at=None,
        errors=0,
        last_error=None,
        last_error_at=None,
        roots=(RootHealth("/srv/share", "inotify", "ok", "2026-12-01T11:00:00Z"),),
    )
    return replace(record, **changes)


def test_the_record_round_trips(store: Store) -> None:
    record = _record(errors=2, last_error="watch.root_unavailable", last_error_at=NOW)
    heartbeat.write(store, record)
    heartbeat.write(store, replace(record, heartbeat_at=NOW + timedelta(seconds=5)))
    assert heartbeat.read(store, "testhost") == replace(
        record, heartbeat_at=NOW + timedelta(seconds=5)
    )
    assert heartbeat.read(store, "otherhost") is None


def test_running_means_fresh_not_stopped_and_alive() -> None:
    assert heartbeat.is_running(_record(), local=True, now=NOW + timedelta(seconds=20))
    assert not heartbeat.is_running(_record(), local=True, now=NOW + timedelta(seconds=60))
    assert not heartbeat.is_running(_record(stopped_at=NOW), local=True, now=NOW)
    gone = subprocess.Popen([sys.executable, "-c", "pass"])
    gone.wait()
    assert not heartbeat.is_running(_record(pid=gone.pid), local=True, now=NOW)
    assert heartbeat.is_running(_record(pid=gone.pid), local=False, now=NOW)


def test_an_unavailable_root_makes_the_report_unhealthy() -> None:
    stats = QueueStats(due=3, waiting=1, claimed=2, oldest_enqueued_at=100.0)
    outage = RootHealth("/mnt/nas", "polling", "unavailable", "2026-12-01T11:30:00Z", "missing")
    record = _record(roots=(*_record().roots, outage))
    report = heartbeat.StatusReport("testhost", True, record, stats, checked_at=130.0)
    data = report.to_dict()
    assert (report.healthy, data["queue"]) == (
        False,
        {"due": 3, "waiting": 1, "claimed": 2, "oldest_age_seconds": 30.0},
    )
    assert [r["state"] for r in data["roots"]] == ["ok", "unavailable"]
    assert heartbeat.StatusReport("testhost", True, _record(), stats, 130.0).healthy
