"""SQLAlchemy models of the findings database.

These classes describe the schema for the repository and for alembic's
comparison of code and database; they never leave the store package (the
repository returns frozen dataclasses).  Changing a column here needs a new
migration in `migrations/versions/`, the schema is never created from the
models directly.  Foreign keys do not cascade: the store never deletes, and
history must not disappear with a row.  (The watch daemon's `work_queue`
rows are work, not history: they go once done.)
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    DateTime,
    Double,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column
from sqlalchemy.types import TypeDecorator

# Explicit constraint names keep migrations reproducible on both dialects
# (SQLite batch migrations need a name to drop a constraint).
NAMING_CONVENTION = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

# SQLite only auto-increments an `INTEGER PRIMARY KEY`; PostgreSQL gets 64 bits.
AUTO_ID = BigInteger().with_variant(Integer(), "sqlite")


class UTCDateTime(TypeDecorator[datetime]):
    """A timestamp that is always written and read as an aware UTC datetime.

    SQLite keeps no time zone and PostgreSQL answers in the session's zone;
    normalising here means every timestamp the repository hands out is UTC.
    """

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to the findings database; use UTC")
        return value.astimezone(UTC)

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            return value.replace(tzinfo=UTC)
        return value.astimezone(UTC)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class ScanModel(Base):
    """One run of the scanner (or one catch-up of the watch daemon)."""

    __tablename__ = "scans"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    started_at: Mapped[datetime] = mapped_column(UTCDateTime())
    finished_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    status: Mapped[str] = mapped_column(String(16))
    host: Mapped[str] = mapped_column(Text)
    targets: Mapped[list[str]] = mapped_column(JSON)
    ruleset_version: Mapped[str] = mapped_column(Text)
    scanner_version: Mapped[str] = mapped_column(Text)
    summary: Mapped[dict[str, Any] | None] = mapped_column(JSON)


class ObjectModel(Base):
    """The latest known state of a file, archive member or table column."""

    __tablename__ = "objects"
    __table_args__ = (
        Index(None, "path"),
        Index(None, "label"),
    )

    object_id: Mapped[str] = mapped_column(Text, primary_key=True)
    path: Mapped[str] = mapped_column(Text)
    parent_id: Mapped[str | None] = mapped_column(Text)
    host: Mapped[str] = mapped_column(Text)
    size: Mapped[int | None] = mapped_column(BigInteger)
    mtime: Mapped[float | None] = mapped_column(Double)
    content_hash: Mapped[str | None] = mapped_column(Text)
    kind: Mapped[str | None] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(16))
    reason: Mapped[str | None] = mapped_column(Text)
    detail: Mapped[str | None] = mapped_column(Text)
    label: Mapped[str | None] = mapped_column(Text)
    label_rank: Mapped[int | None] = mapped_column(Integer)
    rules: Mapped[list[str] | None] = mapped_column(JSON)
    explanation: Mapped[str | None] = mapped_column(Text)
    violations: Mapped[list[dict[str, str]] | None] = mapped_column(JSON)
    suppressed: Mapped[int | None] = mapped_column(Integer)
    risk: Mapped[int | None] = mapped_column(Integer)
    ruleset_version: Mapped[str | None] = mapped_column(Text)
    counts: Mapped[dict[str, int] | None] = mapped_column(JSON)
    data_subjects: Mapped[int] = mapped_column(Integer)
    first_seen: Mapped[datetime] = mapped_column(UTCDateTime())
    last_seen: Mapped[datetime] = mapped_column(UTCDateTime())
    last_scan_id: Mapped[str] = mapped_column(ForeignKey("scans.id"))
    present: Mapped[bool] = mapped_column(Boolean)
    # Why and when the object stopped being present (`deleted`, `moved to …`,
    # `object no longer present`): "a sensitive file left the share" is a
    # query on these, not a log search.  Cleared when the object returns.
    gone_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    gone_reason: Mapped[str | None] = mapped_column(Text)


class FindingModel(Base):
    """One distinct value of one entity type in one object.

    The identity is object + entity type + fingerprint, never the position:
    a value that moves to another line stays the same finding.
    """

    __tablename__ = "findings"
    __table_args__ = (
        UniqueConstraint("object_id", "entity_type", "fingerprint"),
        Index(None, "fingerprint"),
        Index(None, "entity_type"),
        Index(None, "status"),
    )

    id: Mapped[int] = mapped_column(AUTO_ID, primary_key=True, autoincrement=True)
    object_id: Mapped[str] = mapped_column(ForeignKey("objects.object_id"))
    entity_type: Mapped[str] = mapped_column(Text)
    fingerprint: Mapped[str] = mapped_column(Text)
    masked: Mapped[str] = mapped_column(Text)
    score: Mapped[float] = mapped_column(Double)
    recognizer: Mapped[str] = mapped_column(Text)
    location: Mapped[dict[str, Any]] = mapped_column(JSON)
    occurrences: Mapped[int] = mapped_column(Integer)
    detail: Mapped[str] = mapped_column(Text)
    suppressed: Mapped[str | None] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(16))
    status_reason: Mapped[str | None] = mapped_column(Text)
    first_seen: Mapped[datetime] = mapped_column(UTCDateTime())
    last_seen: Mapped[datetime] = mapped_column(UTCDateTime())
    last_scan_id: Mapped[str] = mapped_column(ForeignKey("scans.id"))
    resolved_at: Mapped[datetime | None] = mapped_column(UTCDateTime())


class FindingEventModel(Base):
    """Append-only history of status changes: who or what changed it, when, why."""

    __tablename__ = "finding_events"
    __table_args__ = (Index(None, "finding_id"),)

    id: Mapped[int] = mapped_column(AUTO_ID, primary_key=True, autoincrement=True)
    finding_id: Mapped[int] = mapped_column(ForeignKey("findings.id"))
    at: Mapped[datetime] = mapped_column(UTCDateTime())
    old_status: Mapped[str | None] = mapped_column(String(16))
    new_status: Mapped[str] = mapped_column(String(16))
    reason: Mapped[str | None] = mapped_column(Text)
    actor: Mapped[str] = mapped_column(Text)
    scan_id: Mapped[str | None] = mapped_column(ForeignKey("scans.id"))


class WorkQueueModel(Base):
    """The watch daemon's persistent queue: one row per path that needs work.

    A row is unique per host and path, so a burst of events on one file is
    one row whose `not_before` moves (debounce) and whose `version` counts
    the updates: a worker that finishes a row deletes it only if the version
    is still the one it claimed, otherwise the newer event is processed too.
    Times are seconds since the epoch (float), compared in SQL on both
    databases without time-zone handling.  `fs_path` holds the file name's
    bytes when they are not valid UTF-8 (`path` is then the printable form).
    """

    __tablename__ = "work_queue"
    __table_args__ = (
        UniqueConstraint("host", "path"),
        Index(None, "host", "not_before"),
    )

    id: Mapped[int] = mapped_column(AUTO_ID, primary_key=True, autoincrement=True)
    host: Mapped[str] = mapped_column(Text)
    root: Mapped[str] = mapped_column(Text)
    path: Mapped[str] = mapped_column(Text)
    fs_path: Mapped[bytes | None] = mapped_column(LargeBinary)
    action: Mapped[str] = mapped_column(String(8))
    tree: Mapped[bool] = mapped_column(Boolean)
    reason: Mapped[str] = mapped_column(Text)
    size: Mapped[int | None] = mapped_column(BigInteger)
    mtime: Mapped[float | None] = mapped_column(Double)
    not_before: Mapped[float] = mapped_column(Double)
    enqueued_at: Mapped[float] = mapped_column(Double)
    updated_at: Mapped[float] = mapped_column(Double)
    version: Mapped[int] = mapped_column(Integer)
    attempts: Mapped[int] = mapped_column(Integer)
    claimed_by: Mapped[str | None] = mapped_column(Text)
    claimed_at: Mapped[float | None] = mapped_column(Double)


class WatchDaemonModel(Base):
    """The heartbeat and health of the watch daemon of one host.

    The daemon rewrites its row every few seconds; `datawacht status` reads
    it.  `roots` is a list of {path, mode, state, since, detail} objects.
    """

    __tablename__ = "watch_daemons"

    host: Mapped[str] = mapped_column(Text, primary_key=True)
    session: Mapped[str] = mapped_column(Text)
    pid: Mapped[int] = mapped_column(Integer)
    # The daemon's session scan; no foreign key, so that tools that empty
    # the scans table need not know about this one.
    scan_id: Mapped[str] = mapped_column(String(36))
    started_at: Mapped[datetime] = mapped_column(UTCDateTime())
    heartbeat_at: Mapped[datetime] = mapped_column(UTCDateTime())
    heartbeat_interval: Mapped[float] = mapped_column(Double)
    stopped_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    last_event_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    errors: Mapped[int] = mapped_column(Integer)
    last_error: Mapped[str | None] = mapped_column(Text)
    last_error_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    roots: Mapped[list[dict[str, Any]]] = mapped_column(JSON)
