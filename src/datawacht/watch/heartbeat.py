"""The daemon's health record (table `watch_daemons`, one row per host) and
the report `datawacht status` builds from it and the queue.

The record lives in the findings database rather than in a file so that
`status` works wherever the database is reachable, PostgreSQL included,
and needs no second set of permissions.  It holds no personal data: root
paths (configuration), counts, times and event names.

A daemon is *running* when its row has not been closed (`stopped_at`), its
heartbeat is fresh (within three intervals plus a grace period) and, on
this host, its process exists: a kill -9 shows at once.
"""

from __future__ import annotations

import os
import time
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.dialects import postgresql, sqlite

from datawacht.store.models import WatchDaemonModel
from datawacht.store.repository import Store, iso_utc
from datawacht.watch.queue import QueueStats

STALE_GRACE_SECONDS = 10.0
OK = "ok"
UNAVAILABLE = "unavailable"


@dataclass(frozen=True)
class RootHealth:
    """One watched root as the supervisor last saw it."""

    path: str
    mode: str
    state: str
    since: str
    detail: str | None = None


@dataclass(frozen=True)
class DaemonRecord:
    host: str
    session: str
    pid: int
    scan_id: str
    started_at: datetime
    heartbeat_at: datetime
    heartbeat_interval: float
    stopped_at: datetime | None
    last_event_at: datetime | None
    errors: int
    last_error: str | None
    last_error_at: datetime | None
    roots: tuple[RootHealth, ...]


def write(store: Store, record: DaemonRecord) -> None:
    values: dict[str, Any] = {
        **{k: v for k, v in record.__dict__.items() if k != "roots"},
        "roots": [asdict(root) for root in record.roots],
    }
    with store.writer.begin() as conn:
        insert = (postgresql.insert if conn.dialect.name == "postgresql" else sqlite.insert)(
            WatchDaemonModel
        )
        stmt = insert.values(**values)
        conn.execute(
            stmt.on_conflict_do_update(
                index_elements=[WatchDaemonModel.host],
                set_={k: stmt.excluded[k] for k in values if k != "host"},
            )
        )


def read(store: Store, host: str) -> DaemonRecord | None:
    with store.engine.connect() as conn:
        row = conn.execute(
            select(*WatchDaemonModel.__table__.columns).where(WatchDaemonModel.host == host)
        ).first()
    if row is None:
        return None
    values = dict(row._mapping)
    values["roots"] = tuple(RootHealth(**root) for root in values["roots"] or ())
    return DaemonRecord(**values)


def hosts(store: Store) -> list[str]:
    """Every host whose daemon ever wrote a heartbeat to this database."""
    with store.engine.connect() as conn:
        return list(conn.scalars(select(WatchDaemonModel.host).order_by(WatchDaemonModel.host)))


def is_running(record: DaemonRecord, local: bool, now: datetime | None = None) -> bool:
    """Not closed, heartbeat fresh, and (on this host) the process exists."""
    if record.stopped_at is not None:
        return False
    now = now or datetime.now(UTC)
    age = (now - record.heartbeat_at).total_seconds()
    if age > 3 * record.heartbeat_interval + STALE_GRACE_SECONDS:
        return False
    if local and record.pid != os.getpid():
        try:
            os.kill(record.pid, 0)
        except ProcessLookupError:
            return False
        except PermissionError:  # exists, owned by the service user
            pass
    return True


@dataclass(frozen=True)
class StatusReport:
    """What `datawacht status` prints, as data (`--format json` is its dict)."""

    host: str
    running: bool
    daemon: DaemonRecord | None
    queue: QueueStats
    checked_at: float

    @property
    def unavailable_roots(self) -> list[RootHealth]:
        if self.daemon is None:
            return []
        return [root for root in self.daemon.roots if root.state != OK]

    @property
    def healthy(self) -> bool:
        return self.running and not self.unavailable_roots

    def to_dict(self) -> dict[str, Any]:
        daemon = self.daemon
        oldest = self.queue.oldest_enqueued_at
        return {
            "host": self.host,
            "healthy": self.healthy,
            "running": self.running,
            "daemon": None
            if daemon is None
            else {
                "pid": daemon.pid,
                "scan_id": daemon.scan_id,
                "started_at": iso_utc(daemon.started_at),
                "heartbeat_at": iso_utc(daemon.heartbeat_at),
                "stopped_at": iso_utc(daemon.stopped_at) if daemon.stopped_at else None,
                "last_event_at": iso_utc(daemon.last_event_at) if daemon.last_event_at else None,
                "errors": daemon.errors,
                "last_error": daemon.last_error,
                "last_error_at": iso_utc(daemon.last_error_at) if daemon.last_error_at else None,
            },
            "queue": {
                "due": self.queue.due,
                "waiting": self.queue.waiting,
                "claimed": self.queue.claimed,
                "oldest_age_seconds": None
                if oldest is None
                else round(max(0.0, self.checked_at - oldest), 1),
            },
            "roots": [asdict(root) for root in daemon.roots] if daemon else [],
        }


def status_report(store: Store, host: str, stats: QueueStats, local: bool = True) -> StatusReport:
    record = read(store, host)
    running = record is not None and is_running(record, local)
    return StatusReport(host, running, record, stats, time.time())
