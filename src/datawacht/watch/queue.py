"""The persistent work queue of the watch daemon (table `work_queue`).

Why in the database: it survives a kill -9 and a reboot, and a storm of
100,000 events is 100,000 rows, not 100,000 objects in memory.  The daemon
holds at most one claimed batch (`watch.batch` rows) at a time.

- One row per host and path.  Enqueueing a path that is already queued
  updates the row: the newest action and reason win and `not_before` moves
  (that is the debounce), `version` goes up.  Nothing is ever duplicated.
- A worker *claims* due rows (not_before passed, unclaimed, or claimed
  longer ago than the claim timeout: a killed worker's work comes back).
  On PostgreSQL the claim skips rows another transaction holds
  (`FOR UPDATE SKIP LOCKED`); on SQLite the write lock serialises claims.
- A row is deleted (`complete`) only after the object's results are
  recorded, and only if its version is still the claimed one; a row that
  changed meanwhile is released and processed again.  Recording is an
  idempotent upsert, so processing a row twice after a crash duplicates
  nothing: at-least-once plus idempotent is exactly-once in effect.
"""

from __future__ import annotations

import os
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import and_, case, delete, func, not_, or_, select, update
from sqlalchemy.dialects import postgresql, sqlite

from datawacht.sources.files import display_path
from datawacht.store.models import WorkQueueModel
from datawacht.store.repository import Store, chunked

SCAN = "scan"
GONE = "gone"
ACTIONS = (SCAN, GONE)
# Rows per INSERT … ON CONFLICT: 16 bound parameters each, well below SQLite's limit.
ENQUEUE_CHUNK = 500


@dataclass(frozen=True)
class Request:
    """Work asked for by an event or the catch-up, before it is queued.

    `path` is the real file name (surrogate escapes for undecodable bytes);
    `size`/`mtime` are what the file looked like when asked, for the
    stability check; `tree` marks a directory whose objects all left.
    """

    root: str
    path: str
    action: str
    reason: str
    delay: float = 0.0
    size: int | None = None
    mtime: float | None = None
    tree: bool = False

    def __post_init__(self) -> None:
        if self.action not in ACTIONS:
            raise ValueError(f"unknown queue action {self.action!r}")


@dataclass(frozen=True)
class WorkItem:
    """A claimed queue row."""

    id: int
    root: str
    path: str
    action: str
    tree: bool
    reason: str
    size: int | None
    mtime: float | None
    not_before: float
    enqueued_at: float
    version: int
    attempts: int


@dataclass(frozen=True)
class QueueStats:
    """Queue depth as `datawacht status` shows it.

    `due`: waiting for a worker now; `waiting`: debounced, due later;
    `claimed`: being worked on; `oldest_enqueued_at`: epoch seconds of the
    oldest row (how far behind the daemon is).
    """

    due: int
    waiting: int
    claimed: int
    oldest_enqueued_at: float | None

    @property
    def total(self) -> int:
        return self.due + self.waiting + self.claimed


def _db_path(path: str) -> tuple[str, bytes | None]:
    """The printable path for the `path` column, and the raw bytes when they differ."""
    shown = display_path(path)
    return shown, (None if shown == path else os.fsencode(path))


class WorkQueue:
    """The queue rows of one host (a daemon only ever works on its own files)."""

    def __init__(self, store: Store, host: str) -> None:
        self._store = store
        self.host = host

    def enqueue(self, requests: Iterable[Request], now: float | None = None) -> int:
        """Insert or update one row per path; returns the number of paths.

        Within one call the last request for a path wins, as it would over
        two calls.
        """
        now = time.time() if now is None else now
        latest: dict[str, dict[str, Any]] = {}
        for request in requests:
            shown, raw = _db_path(request.path)
            latest[shown] = {
                "host": self.host,
                "root": request.root,
                "path": shown,
                "fs_path": raw,
                "action": request.action,
                "tree": request.tree,
                "reason": request.reason,
                "size": request.size,
                "mtime": request.mtime,
                "not_before": now + max(0.0, request.delay),
                "enqueued_at": now,
                "updated_at": now,
                "version": 1,
                "attempts": 0,
                "claimed_by": None,
                "claimed_at": None,
            }
        rows = list(latest.values())
        for chunk in chunked(rows):
            with self._store.writer.begin() as conn:
                stmt = _insert(conn.dialect.name)
                new = stmt.excluded
                conn.execute(
                    stmt.on_conflict_do_update(
                        index_elements=[WorkQueueModel.host, WorkQueueModel.path],
                        set_={
                            "root": new.root,
                            "fs_path": new.fs_path,
                            "action": new.action,
                            "tree": new.tree,
                            "reason": new.reason,
                            "size": new.size,
                            "mtime": new.mtime,
                            "not_before": new.not_before,
                            "updated_at": new.updated_at,
                            "version": WorkQueueModel.version + 1,
                        },
                    ),
                    chunk,
                )
        return len(rows)

    def claim(
        self,
        session: str,
        limit: int,
        claim_timeout: float,
        skip_roots: Sequence[str] = (),
        now: float | None = None,
    ) -> list[WorkItem]:
        """Claim up to `limit` due rows, oldest due first.

        Rows of `skip_roots` (unavailable roots) stay where they are.  Rows
        this session claimed before are claimable again: the loop claims only
        when it holds nothing.
        """
        now = time.time() if now is None else now
        claimable = or_(
            WorkQueueModel.claimed_by.is_(None),
            WorkQueueModel.claimed_by == session,
            WorkQueueModel.claimed_at < now - claim_timeout,
        )
        query = (
            select(WorkQueueModel.id)
            .where(
                WorkQueueModel.host == self.host,
                WorkQueueModel.not_before <= now,
                claimable,
            )
            .order_by(WorkQueueModel.not_before, WorkQueueModel.id)
            .limit(limit)
        )
        if skip_roots:
            query = query.where(WorkQueueModel.root.not_in(list(skip_roots)))
        with self._store.writer.begin() as conn:
            if conn.dialect.name == "postgresql":
                query = query.with_for_update(skip_locked=True)
            ids = list(conn.scalars(query))
            if not ids:
                return []
            conn.execute(
                update(WorkQueueModel)
                .where(WorkQueueModel.id.in_(ids))
                .values(
                    claimed_by=session,
                    claimed_at=now,
                    attempts=WorkQueueModel.attempts + 1,
                )
            )
            rows = conn.execute(
                select(*WorkQueueModel.__table__.columns)
                .where(WorkQueueModel.id.in_(ids))
                .order_by(WorkQueueModel.not_before, WorkQueueModel.id)
            ).all()
        return [_item(row) for row in rows]

    def complete(self, item: WorkItem) -> bool:
        """Delete the row after its work is recorded, unless it changed since
        it was claimed; then it is released for another round.  True when
        deleted."""
        with self._store.writer.begin() as conn:
            deleted = conn.execute(
                delete(WorkQueueModel).where(
                    WorkQueueModel.id == item.id, WorkQueueModel.version == item.version
                )
            ).rowcount
        if not deleted:
            self.release([item])
        return bool(deleted)

    def release(
        self,
        items: Sequence[WorkItem],
        delay: float = 0.0,
        now: float | None = None,
        failed: bool = False,
    ) -> None:
        """Give claimed rows back unprocessed (shutdown, outage, newer event).

        Not a failed attempt, so the attempt counted by the claim is taken
        back, unless `failed` (a worker died on the batch: a file that keeps
        killing workers must end as an error after `max_attempts`); `delay`
        postpones them (never earlier than they already were).
        """
        if not items:
            return
        now = time.time() if now is None else now
        with self._store.writer.begin() as conn:
            for chunk in chunked([item.id for item in items]):
                conn.execute(
                    update(WorkQueueModel)
                    .where(WorkQueueModel.id.in_(chunk), WorkQueueModel.claimed_by.is_not(None))
                    .values(
                        claimed_by=None,
                        claimed_at=None,
                        attempts=WorkQueueModel.attempts
                        if failed
                        else _greatest(conn.dialect.name, WorkQueueModel.attempts - 1, 0),
                        not_before=_greatest(
                            conn.dialect.name, WorkQueueModel.not_before, now + delay
                        ),
                    )
                )

    def requeue(
        self,
        item: WorkItem,
        size: int | None,
        mtime: float | None,
        delay: float,
        now: float | None = None,
    ) -> None:
        """The file is still changing: remember how it looks now and look
        again after `delay` (a large copy keeps coming back until stable)."""
        now = time.time() if now is None else now
        with self._store.writer.begin() as conn:
            updated = conn.execute(
                update(WorkQueueModel)
                .where(WorkQueueModel.id == item.id, WorkQueueModel.version == item.version)
                .values(
                    size=size,
                    mtime=mtime,
                    not_before=now + delay,
                    updated_at=now,
                    claimed_by=None,
                    claimed_at=None,
                    attempts=0,
                )
            ).rowcount
        if not updated:
            self.release([item])

    def release_other_sessions(self, session: str) -> int:
        """At start-up: claims of this host's earlier daemons (killed, crashed)
        come back at once instead of after the claim timeout.  One daemon per
        host is the rule, so they cannot belong to a live one."""
        with self._store.writer.begin() as conn:
            return conn.execute(
                update(WorkQueueModel)
                .where(
                    WorkQueueModel.host == self.host,
                    WorkQueueModel.claimed_by.is_not(None),
                    WorkQueueModel.claimed_by != session,
                )
                .values(claimed_by=None, claimed_at=None)
            ).rowcount

    def drop_other_roots(self, roots: Iterable[str]) -> int:
        """Forget the rows of roots that are no longer watched (taken out of
        the configuration): nobody would ever process them.  Their stored
        objects stay as they are: unwatched is not deleted."""
        with self._store.writer.begin() as conn:
            return conn.execute(
                delete(WorkQueueModel).where(
                    WorkQueueModel.host == self.host, WorkQueueModel.root.not_in(list(roots))
                )
            ).rowcount

    def next_due(self) -> float | None:
        """When the earliest unclaimed row becomes due (epoch seconds)."""
        with self._store.engine.connect() as conn:
            return conn.scalar(
                select(func.min(WorkQueueModel.not_before)).where(
                    WorkQueueModel.host == self.host, WorkQueueModel.claimed_by.is_(None)
                )
            )

    def stats(self, claim_timeout: float, now: float | None = None) -> QueueStats:
        """Due, waiting and claimed rows of this host, and the oldest row's age."""
        now = time.time() if now is None else now
        fresh = and_(
            WorkQueueModel.claimed_by.is_not(None),
            WorkQueueModel.claimed_at >= now - claim_timeout,
        )
        with self._store.engine.connect() as conn:
            row = conn.execute(
                select(
                    func.count(),
                    func.sum(case((fresh, 1), else_=0)),
                    func.sum(
                        case((and_(not_(fresh), WorkQueueModel.not_before <= now), 1), else_=0)
                    ),
                    func.min(WorkQueueModel.enqueued_at),
                ).where(WorkQueueModel.host == self.host)
            ).one()
        total, claimed, due, oldest = row[0], row[1] or 0, row[2] or 0, row[3]
        return QueueStats(int(due), int(total - due - claimed), int(claimed), oldest)


def _greatest(dialect: str, *values: Any) -> Any:
    """The larger value: SQLite's two-argument max(), PostgreSQL's greatest()."""
    return (func.max if dialect == "sqlite" else func.greatest)(*values)


def _insert(dialect: str) -> postgresql.Insert | sqlite.Insert:
    return (postgresql.insert if dialect == "postgresql" else sqlite.insert)(WorkQueueModel)


def _item(row: Any) -> WorkItem:
    path = os.fsdecode(row.fs_path) if row.fs_path is not None else row.path
    return WorkItem(
        id=row.id,
        root=row.root,
        path=path,
        action=row.action,
        tree=row.tree,
        reason=row.reason,
        size=row.size,
        mtime=row.mtime,
        not_before=row.not_before,
        enqueued_at=row.enqueued_at,
        version=row.version,
        attempts=row.attempts,
    )
