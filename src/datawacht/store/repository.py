"""The repository API: how the pipeline, the CLI and reports use the findings database.

Every method runs its own short transaction and returns frozen dataclasses,
never ORM objects, so callers cannot hold a session open or write behind the
store's back.  The store never sees a raw value: findings arrive as masked
forms and keyed fingerprints.

Concurrency: each `record_object` first upserts its object row, which on
PostgreSQL locks that row until commit, so two processes recording the same
object take turns and different objects do not wait for each other; on
SQLite every write transaction begins IMMEDIATE and waits for the busy
timeout.  Nothing here deletes a row: history is kept.
"""

from __future__ import annotations

import dataclasses
import enum
import fnmatch
import functools
import re
import uuid
from collections.abc import Collection, Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Connection,
    Engine,
    Row,
    case,
    func,
    insert,
    literal,
    null,
    select,
    update,
)
from sqlalchemy.dialects import postgresql, sqlite

from datawacht.records import Classification, Finding, Location, ObjectResult, ObjectStatus
from datawacht.store import database
from datawacht.store.models import FindingEventModel, FindingModel, ObjectModel, ScanModel

# The actor of status changes the scanner makes by itself (officers use their own name).
SCANNER_ACTOR = "datawacht"
REASON_VALUE_GONE = "value no longer present"
REASON_OBJECT_GONE = "object no longer present"
REASON_VALUE_BACK = "value present again"
# Rows per statement when a list of ids becomes an IN (...): well below SQLite's
# limit on bound parameters.
ID_CHUNK = 500


class FindingStatus(enum.StrEnum):
    """The contract's finding statuses."""

    OPEN = "open"
    CONFIRMED = "confirmed"
    FALSE_POSITIVE = "false_positive"
    ACCEPTED_RISK = "accepted_risk"
    RESOLVED = "resolved"


# Statuses that a disappearance resolves; an officer's false_positive or
# accepted_risk decision outlives the value, so it still holds if the value returns.
ACTIVE_STATUSES = (FindingStatus.OPEN, FindingStatus.CONFIRMED)


class ScanStatus(enum.StrEnum):
    RUNNING = "running"
    COMPLETED = "completed"
    INTERRUPTED = "interrupted"


class UnknownScanError(LookupError):
    """A scan id that the findings database does not know."""

    def __init__(self, scan_id: str) -> None:
        super().__init__(f"no scan with id {scan_id} in the findings database")
        self.scan_id = scan_id


@dataclass(frozen=True)
class StoredFinding:
    """A finding as the database knows it, with its workflow state.

    `id` is the number officers use to refer to it (`findings show ID`);
    the other fields are those of `records.Finding` (location as the
    contract's dict); timestamps are ISO-8601 UTC strings; `scan_id` is the
    last scan that saw the value and `label` the current label of its object.
    """

    id: int
    object_id: str
    path: str
    entity_type: str
    fingerprint: str
    masked: str
    score: float
    recognizer: str
    location: dict[str, int | str]
    occurrences: int
    detail: str
    suppressed: str | None
    status: str
    status_reason: str | None
    first_seen: str
    last_seen: str
    resolved_at: str | None
    scan_id: str
    label: str | None


@dataclass(frozen=True)
class ScanRow:
    """One scan: what ran where, with which rules, and how it ended."""

    scan_id: str
    started_at: str
    finished_at: str | None
    status: str
    host: str
    targets: tuple[str, ...]
    ruleset_version: str
    scanner_version: str
    summary: dict[str, Any]


@dataclass(frozen=True)
class StoredObject:
    """A present object with its unresolved findings, for re-classification
    (and, from `stored_trees`, with what its last scan recorded)."""

    object_id: str
    path: str
    parent_id: str | None
    label: str | None
    findings: tuple[Finding, ...]
    status: str = "scanned"
    reason: str | None = None
    detail: str | None = None
    kind: str | None = None
    size: int | None = None
    mtime: float | None = None
    content_hash: str | None = None
    ruleset_version: str | None = None


@dataclass(frozen=True)
class ObjectState:
    """What the database last saw of an object: enough to tell whether the
    file on disk changed since (size and mtime, else the content hash)."""

    object_id: str
    path: str
    parent_id: str | None
    size: int | None
    mtime: float | None
    status: str
    label: str | None
    present: bool
    content_hash: str | None


# The columns of an ObjectState, in its field order.
_STATE_COLUMNS = (
    ObjectModel.object_id,
    ObjectModel.path,
    ObjectModel.parent_id,
    ObjectModel.size,
    ObjectModel.mtime,
    ObjectModel.status,
    ObjectModel.label,
    ObjectModel.present,
    ObjectModel.content_hash,
)


@dataclass(frozen=True)
class GoneObject:
    """An object that `mark_gone` marked: its label (what left) and how many
    of its findings were resolved."""

    object_id: str
    label: str | None
    resolved: int


@dataclass(frozen=True)
class Reclassified:
    """A new classification of a stored object, with its findings re-marked."""

    object_id: str
    classification: Classification
    findings: tuple[Finding, ...]
    data_subjects: int
    counts: dict[str, int]


@dataclass(frozen=True)
class _ScanKey:
    """What object bookkeeping needs of a scan; it never changes, so it is cached."""

    host: str
    started_at: datetime


def open_store(url: str) -> Store:
    """Open (and create, if needed) the findings database and migrate it to the newest schema."""
    engine = database.create_store_engine(database.normalize_url(url))
    try:
        database.migrate(engine)
    except BaseException:
        engine.dispose()
        raise
    return Store(engine)


class Store:
    """The findings database; safe to share between threads."""

    def __init__(self, engine: Engine) -> None:
        self._engine = engine
        self._writer = database.writer(engine)
        self._scans: dict[str, _ScanKey] = {}

    @property
    def engine(self) -> Engine:
        """For reading (`store.review`, reports); writes go through `writer`."""
        return self._engine

    @property
    def writer(self) -> Engine:
        """The engine with the write-transaction options (SQLite: BEGIN IMMEDIATE)."""
        return self._writer

    def begin_scan(
        self, targets: list[str], ruleset_version: str, host: str, scanner_version: str
    ) -> str:
        """Register a running scan and return its id (a UUID string)."""
        scan_id = str(uuid.uuid4())
        with self._writer.begin() as conn:
            conn.execute(
                insert(ScanModel).values(
                    id=scan_id,
                    started_at=_now(),
                    status=ScanStatus.RUNNING.value,
                    host=host,
                    targets=list(targets),
                    ruleset_version=ruleset_version,
                    scanner_version=scanner_version,
                )
            )
        return scan_id

    def record_object(self, scan_id: str, result: ObjectResult) -> None:
        """Store what one scan learned about one object, in one transaction.

        Idempotent: recording the same result again changes timestamps only.
        Findings missing from a fully scanned object are resolved; for an
        object that could not be read (completely), or of which only a sample
        was analysed, existing findings stay as they were (and so does the
        classification of an object that could not be read).
        """
        findings = _by_identity(result)
        now = _now()
        object_id = result.obj.object_id
        with self._writer.begin() as conn:
            scan = self._scan_key(conn, scan_id)
            conn.execute(*_object_upsert(conn, scan_id, scan.host, result, now))
            existing = {
                (row.entity_type, row.fingerprint): (row.id, row.status)
                for row in conn.execute(
                    select(
                        FindingModel.id,
                        FindingModel.entity_type,
                        FindingModel.fingerprint,
                        FindingModel.status,
                    )
                    .where(FindingModel.object_id == object_id)
                    .with_for_update()
                )
            }
            if findings:
                conn.execute(
                    _finding_upsert(conn),
                    [_finding_values(f, scan_id, now) for f in findings.values()],
                )
            reopened = [
                finding_id
                for key, (finding_id, status) in existing.items()
                if key in findings and status == FindingStatus.RESOLVED
            ]
            _record_events(
                conn,
                reopened,
                FindingStatus.RESOLVED,
                FindingStatus.OPEN,
                REASON_VALUE_BACK,
                scan_id,
                now,
            )
            if result.status is ObjectStatus.SCANNED and not result.sampled:
                gone = [
                    finding_id
                    for key, (finding_id, status) in existing.items()
                    if key not in findings and status in ACTIVE_STATUSES
                ]
                _resolve(conn, gone, REASON_VALUE_GONE, scan_id, now)

    def mark_missing(self, scan_id: str, root: str, seen_object_ids: set[str]) -> int:
        """Mark objects under `root` that this completed scan did not meet as gone.

        Call it only after the scan walked `root` completely.  Objects on the
        scan's host whose path is `root` or lies below it (directories and
        archive members), that are not in `seen_object_ids` and that nobody
        recorded since the scan started (the watch daemon may have), get
        present=False and their open or confirmed findings are resolved with
        reason "object no longer present".  Returns the number of objects.
        """
        base = root.rstrip("/") or "/"
        with self._engine.connect() as conn:
            scan = self._scan_key(conn, scan_id)
            candidates = conn.execute(
                select(ObjectModel.object_id, ObjectModel.path).where(
                    ObjectModel.host == scan.host,
                    ObjectModel.present.is_(True),
                    ObjectModel.last_seen < scan.started_at,
                    func.substr(ObjectModel.path, 1, len(base)) == base,
                )
            ).all()
        missing = sorted(
            object_id
            for object_id, path in candidates
            if object_id not in seen_object_ids and _is_under(path, base)
        )
        now = _now()
        marked = 0
        for chunk in chunked(missing):
            with self._writer.begin() as conn:
                marked += conn.execute(
                    update(ObjectModel)
                    .where(
                        ObjectModel.object_id.in_(chunk),
                        ObjectModel.present.is_(True),
                        ObjectModel.last_seen < scan.started_at,
                    )
                    .values(present=False, gone_at=now, gone_reason=REASON_OBJECT_GONE)
                ).rowcount
                active = conn.scalars(
                    select(FindingModel.id).where(
                        FindingModel.object_id.in_(chunk),
                        FindingModel.status.in_(ACTIVE_STATUSES),
                    )
                ).all()
                _resolve(conn, active, REASON_OBJECT_GONE, scan_id, now)
        return marked

    def present_objects(self, host: str, base: str) -> list[ObjectState]:
        """What the database believes is on disk at or below `base` on `host`:
        every present object (archive members included), in one query.

        The watch daemon compares a whole tree with this at start-up, so it
        must not cost one query per file.
        """
        base = base.rstrip("/") or "/"
        with self._engine.connect() as conn:
            rows = conn.execute(
                select(*_STATE_COLUMNS).where(
                    ObjectModel.host == host,
                    ObjectModel.present.is_(True),
                    func.substr(ObjectModel.path, 1, len(base)) == base,
                )
            ).all()
        return [ObjectState(*row) for row in rows if _is_under(row.path, base)]

    def object_states(self, object_ids: Collection[str]) -> dict[str, ObjectState]:
        """The stored state of these objects (present or not), by id."""
        states: dict[str, ObjectState] = {}
        with self._engine.connect() as conn:
            for chunk in chunked(sorted(set(object_ids))):
                for row in conn.execute(
                    select(*_STATE_COLUMNS).where(ObjectModel.object_id.in_(chunk))
                ):
                    states[row.object_id] = ObjectState(*row)
        return states

    def refresh_metadata(self, scan_id: str, object_id: str, size: int, mtime: float) -> None:
        """A file whose mtime changed but whose bytes did not (`touch`, a
        restore from backup): take the new size and mtime and count it as
        seen by this scan, without scanning it again.  Findings stay as
        they are, because the content they came from is the same."""
        with self._writer.begin() as conn:
            conn.execute(
                update(ObjectModel)
                .where(ObjectModel.object_id == object_id)
                .values(size=size, mtime=mtime, last_seen=_now(), last_scan_id=scan_id)
            )

    def mark_gone(self, scan_id: str, object_ids: Sequence[str], reason: str) -> list[GoneObject]:
        """Objects that left the disk (deleted, moved away): not present any
        more, with why and when, and their open or confirmed findings
        resolved with `reason` (one history event each).

        The caller decides which objects are gone (the watch daemon checks the
        disk first); objects already marked gone are left as they are, so a
        repeated call changes nothing.  Returns the objects it marked.
        """
        now = _now()
        gone: list[GoneObject] = []
        for chunk in chunked(sorted(set(object_ids))):
            with self._writer.begin() as conn:
                rows = conn.execute(
                    select(ObjectModel.object_id, ObjectModel.label)
                    .where(ObjectModel.object_id.in_(chunk), ObjectModel.present.is_(True))
                    .with_for_update()
                ).all()
                if not rows:
                    continue
                ids = [row.object_id for row in rows]
                conn.execute(
                    update(ObjectModel)
                    .where(ObjectModel.object_id.in_(ids))
                    .values(present=False, gone_at=now, gone_reason=reason)
                )
                active = conn.execute(
                    select(FindingModel.id, FindingModel.object_id).where(
                        FindingModel.object_id.in_(ids),
                        FindingModel.status.in_(ACTIVE_STATUSES),
                    )
                ).all()
                _resolve(conn, [row.id for row in active], reason, scan_id, now)
                resolved: dict[str, int] = {}
                for row in active:
                    resolved[row.object_id] = resolved.get(row.object_id, 0) + 1
                gone.extend(
                    GoneObject(row.object_id, row.label, resolved.get(row.object_id, 0))
                    for row in rows
                )
        return gone

    def finish_scan(self, scan_id: str, status: str, summary: dict[str, Any]) -> None:
        """Close a scan as completed or interrupted, with its summary counts
        (`datawacht scan`: objects by status and by label)."""
        final = ScanStatus(status)
        if final is ScanStatus.RUNNING:
            raise ValueError("a scan finishes as completed or interrupted, not running")
        with self._writer.begin() as conn:
            updated = conn.execute(
                update(ScanModel)
                .where(ScanModel.id == scan_id)
                .values(finished_at=_now(), status=final.value, summary=dict(summary))
            ).rowcount
        if not updated:
            raise UnknownScanError(scan_id)

    def list_findings(
        self,
        *,
        status: list[str] | None = None,
        label: list[str] | None = None,
        path_glob: str | None = None,
        entity_type: list[str] | None = None,
        since: datetime | None = None,
        finding_ids: Sequence[int] | None = None,
        fingerprints: Collection[str] | None = None,
        limit: int | None = None,
    ) -> list[StoredFinding]:
        """Findings ordered by path, entity type and fingerprint (bytewise, on both databases).

        An empty or missing filter does not filter.  `path_glob` has fnmatch
        semantics (case-sensitive, `*` also crosses `/`); `since` keeps
        findings first seen at or after that moment (new since a date);
        `limit` counts findings after all filters.
        """
        for value in status or ():
            FindingStatus(value)  # ValueError names the unknown status
        if limit is not None and limit <= 0:
            return []
        stmt = (
            select(*FindingModel.__table__.columns, ObjectModel.path, ObjectModel.label)
            .join(ObjectModel, FindingModel.object_id == ObjectModel.object_id)
            .order_by(
                *(
                    _bytewise(self._engine, column)
                    for column in (
                        ObjectModel.path,
                        FindingModel.entity_type,
                        FindingModel.fingerprint,
                    )
                )
            )
        )
        if status:
            stmt = stmt.where(FindingModel.status.in_(status))
        if label:
            stmt = stmt.where(ObjectModel.label.in_(label))
        if entity_type:
            stmt = stmt.where(FindingModel.entity_type.in_(entity_type))
        if since is not None:
            stmt = stmt.where(FindingModel.first_seen >= since)
        if finding_ids is not None:
            stmt = stmt.where(FindingModel.id.in_(list(finding_ids)))
        if fingerprints is not None:
            stmt = stmt.where(FindingModel.fingerprint.in_(list(fingerprints)))
        pattern = None
        if path_glob:
            pattern = re.compile(fnmatch.translate(path_glob))
            prefix = _literal_prefix(path_glob)
            if prefix:
                stmt = stmt.where(func.substr(ObjectModel.path, 1, len(prefix)) == prefix)
        elif limit is not None:
            stmt = stmt.limit(limit)
        found: list[StoredFinding] = []
        with self._engine.connect() as conn:
            for row in conn.execute(stmt):
                if pattern is not None and not pattern.match(row.path):
                    continue
                found.append(_stored_finding(row))
                if limit is not None and len(found) >= limit:
                    break
        return found

    def object_trees(
        self, object_ids: Collection[str] | None = None
    ) -> Iterator[list[StoredObject]]:
        """Every present, classified top-level object with everything inside it
        (archive members, attachments), one tree at a time, parents before
        children; only the trees that hold one of `object_ids` when given.
        Findings that were resolved are left out."""
        with self._engine.connect() as conn:
            rows = conn.execute(
                select(
                    ObjectModel.object_id,
                    ObjectModel.path,
                    ObjectModel.parent_id,
                    ObjectModel.label,
                )
                .where(ObjectModel.present.is_(True), ObjectModel.label.is_not(None))
                .order_by(_bytewise(self._engine, ObjectModel.path))
            ).all()
        known = {row.object_id: row for row in rows}
        children: dict[str, list[str]] = {}
        for row in rows:
            if row.parent_id in known:
                children.setdefault(row.parent_id, []).append(row.object_id)
        trees = [_subtree(row.object_id, children) for row in rows if row.parent_id not in known]
        if object_ids is not None:
            wanted = set(object_ids)
            trees = [tree for tree in trees if wanted.intersection(tree)]
        batch: list[list[str]] = []
        for tree in trees:
            batch.append(tree)
            if sum(len(t) for t in batch) >= ID_CHUNK:
                yield from self._load_trees(batch, known)
                batch = []
        yield from self._load_trees(batch, known)

    def stored_trees(self, object_ids: Collection[str]) -> list[list[StoredObject]]:
        """These present objects with everything inside them (archive
        members, attachments), parents before children, as their last scan
        recorded them, with their unresolved findings.  A few queries per
        call, whatever the size of the store: for an incremental scan,
        which hands unchanged files on without analysing them."""
        columns = (
            ObjectModel.object_id,
            ObjectModel.path,
            ObjectModel.parent_id,
            ObjectModel.label,
            ObjectModel.status,
            ObjectModel.reason,
            ObjectModel.detail,
            ObjectModel.kind,
            ObjectModel.size,
            ObjectModel.mtime,
            ObjectModel.content_hash,
            ObjectModel.ruleset_version,
        )
        rows: dict[str, Row[Any]] = {}
        children: dict[str, list[str]] = {}
        level, key = sorted(set(object_ids)), ObjectModel.object_id
        with self._engine.connect() as conn:
            while level:  # the objects, then their members, level by level
                found = []
                for chunk in chunked(level):
                    found.extend(
                        conn.execute(
                            select(*columns)
                            .where(key.in_(chunk), ObjectModel.present.is_(True))
                            .order_by(_bytewise(self._engine, ObjectModel.path))
                        ).all()
                    )
                for row in found:
                    rows[row.object_id] = row
                    if row.parent_id in rows:
                        children.setdefault(row.parent_id, []).append(row.object_id)
                level, key = [row.object_id for row in found], ObjectModel.parent_id
            findings = _unresolved_findings(conn, {i: row.path for i, row in rows.items()})
        return [
            [
                StoredObject(
                    **rows[object_id]._asdict(), findings=tuple(findings.get(object_id, ()))
                )
                for object_id in _subtree(top, children)
            ]
            for top in sorted(set(object_ids) & set(rows))
        ]

    def objects_of_scan(self, scan_id: str) -> dict[str, str]:
        """Object id → status of every object this scan recorded or met last
        (what a distributed scan's workers did, for its coordinator)."""
        with self._engine.connect() as conn:
            rows = conn.execute(
                select(ObjectModel.object_id, ObjectModel.status).where(
                    ObjectModel.last_scan_id == scan_id
                )
            ).all()
        return {row.object_id: row.status for row in rows}

    def mark_seen(self, scan_id: str, object_ids: Collection[str]) -> None:
        """Objects this scan met but did not need to analyse (unchanged)."""
        now = _now()
        for chunk in chunked(sorted(set(object_ids))):
            with self._writer.begin() as conn:
                conn.execute(
                    update(ObjectModel)
                    .where(ObjectModel.object_id.in_(chunk))
                    .values(last_seen=now, last_scan_id=scan_id)
                )

    def save_reclassified(self, updates: Sequence[Reclassified]) -> None:
        """Store new classifications and suppression marks in one transaction."""
        with self._writer.begin() as conn:
            for new in updates:
                conn.execute(
                    update(ObjectModel)
                    .where(ObjectModel.object_id == new.object_id)
                    .values(
                        **classification_columns(new.classification),
                        data_subjects=new.data_subjects,
                        counts=new.counts,
                    )
                )
                for finding in new.findings:
                    conn.execute(
                        update(FindingModel)
                        .where(
                            FindingModel.object_id == finding.object_id,
                            FindingModel.entity_type == finding.entity_type,
                            FindingModel.fingerprint == finding.fingerprint,
                        )
                        .values(suppressed=finding.suppressed)
                    )

    def _load_trees(
        self, trees: list[list[str]], known: dict[str, Any]
    ) -> Iterator[list[StoredObject]]:
        paths = {object_id: known[object_id].path for tree in trees for object_id in tree}
        with self._engine.connect() as conn:
            findings = _unresolved_findings(conn, paths)
        for tree in trees:
            yield [
                StoredObject(
                    object_id,
                    known[object_id].path,
                    known[object_id].parent_id,
                    known[object_id].label,
                    tuple(findings.get(object_id, ())),
                )
                for object_id in tree
            ]

    def get_scan(self, scan_id: str) -> ScanRow:
        """The scan with this id; UnknownScanError if there is none."""
        with self._engine.connect() as conn:
            row = conn.execute(
                select(*ScanModel.__table__.columns).where(ScanModel.id == scan_id)
            ).first()
        if row is None:
            raise UnknownScanError(scan_id)
        return ScanRow(
            scan_id=row.id,
            started_at=iso_utc(row.started_at),
            finished_at=iso_utc(row.finished_at) if row.finished_at else None,
            status=row.status,
            host=row.host,
            targets=tuple(row.targets),
            ruleset_version=row.ruleset_version,
            scanner_version=row.scanner_version,
            summary=dict(row.summary or {}),
        )

    def close(self) -> None:
        """Close the connection pool; the Store cannot be used afterwards."""
        self._engine.dispose()

    def _scan_key(self, conn: Connection, scan_id: str) -> _ScanKey:
        key = self._scans.get(scan_id)
        if key is None:
            row = conn.execute(
                select(ScanModel.host, ScanModel.started_at).where(ScanModel.id == scan_id)
            ).first()
            if row is None:
                raise UnknownScanError(scan_id)
            key = self._scans[scan_id] = _ScanKey(host=row.host, started_at=row.started_at)
        return key


def _now() -> datetime:
    return datetime.now(UTC)


def iso_utc(moment: datetime) -> str:
    return moment.astimezone(UTC).isoformat(timespec="seconds").replace("+00:00", "Z")


def _bytewise(engine: Engine, column: ColumnElement[str]) -> ColumnElement[str]:
    """Order by code point, as SQLite does, not by PostgreSQL's locale collation.

    Reports and golden files then list findings in the same order on both.
    """
    if engine.dialect.name == "postgresql":
        return column.collate("C")
    return column


def _insert(conn: Connection, model: type[Any]) -> postgresql.Insert | sqlite.Insert:
    return _dialect_insert(conn.dialect.name, model)


def _dialect_insert(dialect: str, model: type[Any]) -> postgresql.Insert | sqlite.Insert:
    """The dialect's INSERT, which offers `on_conflict_do_update` on both databases."""
    if dialect == "postgresql":
        return postgresql.insert(model)
    return sqlite.insert(model)


def _object_upsert(
    conn: Connection, scan_id: str, host: str, result: ObjectResult, now: datetime
) -> tuple[postgresql.Insert | sqlite.Insert, dict[str, Any]]:
    """The statement that inserts or updates the object row, and its values.

    The label, counts and data subjects are conclusions: an object that
    could not be read keeps those of its last good scan unless the pipeline
    classified it anyway.
    """
    obj = result.obj
    observed: dict[str, Any] = {
        "path": obj.path,
        "parent_id": obj.parent_id,
        "host": host,
        "size": obj.size,
        "mtime": obj.mtime,
        "content_hash": result.content_hash,
        "kind": result.kind,
        "status": result.status.value,
        "reason": result.reason,
        "detail": result.detail,
        "last_seen": now,
        "last_scan_id": scan_id,
        "present": True,
        "gone_at": None,
        "gone_reason": None,
    }
    classification = result.classification
    concluded: dict[str, Any] = {
        **classification_columns(classification),
        "counts": result.counts,
        "data_subjects": result.data_subjects,
    }
    updated = tuple(observed)
    if result.status is ObjectStatus.SCANNED or classification is not None:
        updated += tuple(concluded)
    values = {"object_id": obj.object_id, "first_seen": now, **observed, **concluded}
    return _object_upsert_statement(conn.dialect.name, updated), values


@functools.lru_cache(maxsize=8)
def _object_upsert_statement(
    dialect: str, updated: tuple[str, ...]
) -> postgresql.Insert | sqlite.Insert:
    """Built once per dialect and set of updated columns: a statement built
    per object (its `excluded` columns above all) cost more than the
    database work of recording it."""
    stmt = _dialect_insert(dialect, ObjectModel)
    return stmt.on_conflict_do_update(
        index_elements=[ObjectModel.object_id], set_={name: stmt.excluded[name] for name in updated}
    )


def classification_columns(classification: Classification | None) -> dict[str, Any]:
    """The object columns that hold a classification (None: all empty): the
    contract's `classification` block, `rank` stored as `label_rank`."""
    names = ("label", "rank", "rules", "explanation", "violations", "suppressed", "risk")
    block = classification.to_dict() if classification else {}
    columns = {name: block.get(name) for name in (*names, "ruleset_version")}
    columns["label_rank"] = columns.pop("rank")
    return columns


def _finding_upsert(conn: Connection) -> postgresql.Insert | sqlite.Insert:
    """Insert new findings as open; refresh known ones, reopening resolved ones.

    Officer decisions (confirmed, false_positive, accepted_risk) are left as
    they are; `first_seen` never changes.
    """
    stmt = _insert(conn, FindingModel)
    new = stmt.excluded
    was_resolved = FindingModel.status == FindingStatus.RESOLVED.value
    return stmt.on_conflict_do_update(
        index_elements=[
            FindingModel.object_id,
            FindingModel.entity_type,
            FindingModel.fingerprint,
        ],
        set_={
            "masked": new.masked,
            "score": new.score,
            "recognizer": new.recognizer,
            "location": new.location,
            "occurrences": new.occurrences,
            "detail": new.detail,
            "suppressed": new.suppressed,
            "last_seen": new.last_seen,
            "last_scan_id": new.last_scan_id,
            "status": case(
                (was_resolved, literal(FindingStatus.OPEN.value)), else_=FindingModel.status
            ),
            "status_reason": case(
                (was_resolved, literal(REASON_VALUE_BACK)), else_=FindingModel.status_reason
            ),
            "resolved_at": case((was_resolved, null()), else_=FindingModel.resolved_at),
        },
    )


def _finding_values(finding: Finding, scan_id: str, now: datetime) -> dict[str, Any]:
    return {
        "object_id": finding.object_id,
        "entity_type": finding.entity_type,
        "fingerprint": finding.fingerprint,
        "masked": finding.masked,
        "score": finding.score,
        "recognizer": finding.recognizer,
        "location": finding.location.to_dict(),
        "occurrences": finding.occurrences,
        "detail": finding.detail,
        "suppressed": finding.suppressed,
        "status": FindingStatus.OPEN.value,
        "status_reason": None,
        "first_seen": now,
        "last_seen": now,
        "last_scan_id": scan_id,
        "resolved_at": None,
    }


def _by_identity(result: ObjectResult) -> dict[tuple[str, str], Finding]:
    """The result's findings keyed by (entity type, fingerprint) within the object.

    One identity must be one row in a multi-row upsert (PostgreSQL refuses
    to update a row twice in one statement), so repeats are merged the way
    the pipeline merges repeated occurrences.
    """
    merged: dict[tuple[str, str], Finding] = {}
    for finding in result.findings:
        if finding.object_id != result.obj.object_id:
            raise ValueError(
                f"finding of object {finding.object_id} in the result of {result.obj.object_id}"
            )
        key = (finding.entity_type, finding.fingerprint)
        first = merged.get(key)
        if first is None:
            merged[key] = finding
        else:
            merged[key] = dataclasses.replace(
                first,
                occurrences=first.occurrences + finding.occurrences,
                score=max(first.score, finding.score),
            )
    return merged


def _resolve(
    conn: Connection, finding_ids: Sequence[int], reason: str, scan_id: str, now: datetime
) -> None:
    """Resolve those of `finding_ids` that are open or confirmed, one history event each."""
    for chunk in chunked(finding_ids):
        rows = conn.execute(
            select(FindingModel.id, FindingModel.status)
            .where(FindingModel.id.in_(chunk), FindingModel.status.in_(ACTIVE_STATUSES))
            .with_for_update()
        ).all()
        if not rows:
            continue
        conn.execute(
            update(FindingModel)
            .where(FindingModel.id.in_([row.id for row in rows]))
            .values(status=FindingStatus.RESOLVED.value, status_reason=reason, resolved_at=now)
        )
        for old_status in {row.status for row in rows}:
            _record_events(
                conn,
                [row.id for row in rows if row.status == old_status],
                old_status,
                FindingStatus.RESOLVED,
                reason,
                scan_id,
                now,
            )


def _record_events(
    conn: Connection,
    finding_ids: Sequence[int],
    old_status: str,
    new_status: str,
    reason: str,
    scan_id: str,
    now: datetime,
) -> None:
    if not finding_ids:
        return
    conn.execute(
        insert(FindingEventModel),
        [
            {
                "finding_id": finding_id,
                "at": now,
                "old_status": str(old_status),
                "new_status": str(new_status),
                "reason": reason,
                "actor": SCANNER_ACTOR,
                "scan_id": scan_id,
            }
            for finding_id in finding_ids
        ],
    )


def _stored_finding(row: Row[Any]) -> StoredFinding:
    """A finding row joined with its object's path and label."""
    return StoredFinding(
        id=row.id,
        object_id=row.object_id,
        path=row.path,
        entity_type=row.entity_type,
        fingerprint=row.fingerprint,
        masked=row.masked,
        score=row.score,
        recognizer=row.recognizer,
        location=dict(row.location),
        occurrences=row.occurrences,
        detail=row.detail,
        suppressed=row.suppressed,
        status=row.status,
        status_reason=row.status_reason,
        first_seen=iso_utc(row.first_seen),
        last_seen=iso_utc(row.last_seen),
        resolved_at=iso_utc(row.resolved_at) if row.resolved_at else None,
        scan_id=row.last_scan_id,
        label=row.label,
    )


def _subtree(root: str, children: dict[str, list[str]]) -> list[str]:
    """`root` and all its descendants, parents first."""
    order, stack = [], [root]
    while stack:
        object_id = stack.pop()
        order.append(object_id)
        stack.extend(reversed(children.get(object_id, [])))
    return order


def _unresolved_findings(conn: Connection, paths: dict[str, str]) -> dict[str, list[Finding]]:
    """The open, confirmed and false-positive findings of these objects
    (object id → path), by object id."""
    findings: dict[str, list[Finding]] = {}
    for chunk in chunked(list(paths)):
        for row in conn.execute(
            select(*FindingModel.__table__.columns).where(
                FindingModel.object_id.in_(chunk),
                FindingModel.status != FindingStatus.RESOLVED.value,
            )
        ):
            findings.setdefault(row.object_id, []).append(
                _finding_record(row, paths[row.object_id])
            )
    return findings


def _finding_record(row: Row[Any], path: str) -> Finding:
    return Finding(
        object_id=row.object_id,
        path=path,
        entity_type=row.entity_type,
        fingerprint=row.fingerprint,
        masked=row.masked,
        score=row.score,
        recognizer=row.recognizer,
        location=Location.from_dict(row.location),
        occurrences=row.occurrences,
        detail=row.detail,
        suppressed=row.suppressed,
    )


def _is_under(path: str, base: str) -> bool:
    """`path` is `base`, lies in the directory `base`, or is a member of archive `base`."""
    if path == base or path.startswith(base + "!/"):
        return True
    return path.startswith(base if base.endswith("/") else base + "/")


def _literal_prefix(glob: str) -> str:
    """The part of a glob before its first wildcard, to narrow the query in SQL."""
    match = re.match(r"[^*?\[]*", glob)
    return match.group(0) if match else ""


def chunked(ids: Sequence[Any]) -> Iterator[Sequence[Any]]:
    for start in range(0, len(ids), ID_CHUNK):
        yield ids[start : start + ID_CHUNK]
