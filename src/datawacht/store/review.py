"""The officers' side of the findings database: triage with an audit trail,
and the questions a breach notification asks, answered without raw values.

Every status change is one row in `finding_events` (who, when, from what to
what, why), written in the same transaction as the change.  Nothing in
datawacht updates or deletes an event, and the CLI offers no way to: the
history is append-only.

"Where else does this BSN occur?" is answered by fingerprint: the officer
types the value, it is canonicalised and fingerprinted with the
installation's key, and only the fingerprint meets the database.

A *share* is defined in `shares.py` (the scan target plus one folder level,
as in the reports); a *folder* is the directory of the file (of the
archive, for a member).  Data subjects are counted as the classifier and
the reports count them: per group, the largest number of distinct
fingerprints of one person-identifying entity type (at least one when a
special-category term was found), leaving out resolved, false-positive
and suppressed findings.
"""

from __future__ import annotations

import posixpath
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import func, select, update

from datawacht.classify.subjects import PERSON_IDENTIFYING
from datawacht.store.models import FindingEventModel, FindingModel, ObjectModel
from datawacht.store.repository import FindingStatus, Store, StoredFinding, chunked, iso_utc
from datawacht.store.shares import DEFAULT_SHARE_DEPTH, ShareMap, share_map

GROUPINGS = ("share", "folder", "label")
# Findings that no longer say anything about a person.
NOT_COUNTED = (FindingStatus.RESOLVED.value, FindingStatus.FALSE_POSITIVE.value)


@dataclass(frozen=True)
class Event:
    """One status change of one finding."""

    at: str
    old_status: str | None
    new_status: str
    reason: str | None
    actor: str
    scan_id: str | None


@dataclass(frozen=True)
class SubjectCount:
    group: str
    subjects: int
    objects: int
    findings: int


@dataclass(frozen=True)
class UnscannedObject:
    path: str
    status: str
    reason: str | None
    detail: str | None
    last_seen: str


class Review:
    def __init__(self, store: Store) -> None:
        self._store = store

    def history(self, finding_id: int) -> list[Event]:
        """Every status change of a finding, oldest first."""
        with self._store.engine.connect() as conn:
            rows = conn.execute(
                select(*FindingEventModel.__table__.columns)
                .where(FindingEventModel.finding_id == finding_id)
                .order_by(FindingEventModel.id)
            )
            return [
                Event(iso_utc(e.at), e.old_status, e.new_status, e.reason, e.actor, e.scan_id)
                for e in rows
            ]

    def set_status(
        self, findings: Sequence[StoredFinding], status: str, reason: str, actor: str
    ) -> int:
        """Give `findings` a new status, with one audit event each; the number
        changed (findings that already have `status` are left alone)."""
        FindingStatus(status)  # ValueError names an unknown status
        if not reason.strip() or not actor.strip():
            raise ValueError("a status change needs a reason and the acting user")
        now = datetime.now(UTC)
        resolved_at = now if status == FindingStatus.RESOLVED.value else None
        changed = 0
        with self._store.writer.begin() as conn:
            for chunk in chunked([f.id for f in findings]):
                # The status as it is now, locked: another officer or a scan
                # may have changed it since the list was made.
                current = conn.execute(
                    select(FindingModel.id, FindingModel.status)
                    .where(FindingModel.id.in_(chunk), FindingModel.status != status)
                    .with_for_update()
                ).all()
                if not current:
                    continue
                conn.execute(
                    update(FindingModel)
                    .where(FindingModel.id.in_([row.id for row in current]))
                    .values(status=status, status_reason=reason, resolved_at=resolved_at)
                )
                conn.execute(
                    FindingEventModel.__table__.insert(),
                    [
                        {
                            "finding_id": row.id,
                            "at": now,
                            "old_status": row.status,
                            "new_status": status,
                            "reason": reason,
                            "actor": actor,
                            "scan_id": None,
                        }
                        for row in current
                    ],
                )
                changed += len(current)
        return changed

    def false_positives(self) -> set[tuple[str, str, str]]:
        """(object id, entity type, fingerprint) of every finding an officer
        called a false positive: later scans keep them out of the label."""
        with self._store.engine.connect() as conn:
            rows = conn.execute(
                select(
                    FindingModel.object_id, FindingModel.entity_type, FindingModel.fingerprint
                ).where(FindingModel.status == FindingStatus.FALSE_POSITIVE.value)
            )
            return {(r.object_id, r.entity_type, r.fingerprint) for r in rows}

    def where(self, fingerprints: set[str]) -> list[StoredFinding]:
        """Every finding with one of these fingerprints (exact data match)."""
        return self._store.list_findings(fingerprints=fingerprints) if fingerprints else []

    def subjects(self, by: str, share_depth: int = DEFAULT_SHARE_DEPTH) -> list[SubjectCount]:
        """Distinct data subjects per share, folder or label, most first."""
        if by not in GROUPINGS:
            raise ValueError(f"group by one of {', '.join(GROUPINGS)}")
        with self._store.engine.connect() as conn:
            shares = share_map(conn, share_depth)
            rows = conn.execute(
                select(
                    ObjectModel.object_id,
                    ObjectModel.path,
                    ObjectModel.label,
                    FindingModel.entity_type,
                    FindingModel.fingerprint,
                )
                .join(FindingModel, FindingModel.object_id == ObjectModel.object_id)
                .where(
                    ObjectModel.present.is_(True),
                    FindingModel.status.not_in(NOT_COUNTED),
                    FindingModel.suppressed.is_(None),
                )
            )
            values: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
            objects: dict[str, set[str]] = defaultdict(set)
            counts: dict[str, int] = defaultdict(int)
            special: set[str] = set()
            for row in rows:
                group = _group(by, row.path, row.label, shares)
                objects[group].add(row.object_id)
                counts[group] += 1
                if row.entity_type in PERSON_IDENTIFYING:
                    values[group][row.entity_type].add(row.fingerprint)
                elif row.entity_type.startswith("SPECIAL_"):
                    special.add(group)
        result = []
        for group in objects:
            counted = max((len(v) for v in values[group].values()), default=0)
            # as for one object: a special-category term is about somebody
            subjects = max(counted, 1) if group in special else counted
            result.append(SubjectCount(group, subjects, len(objects[group]), counts[group]))
        return sorted(result, key=lambda c: (-c.subjects, c.group))

    def unscanned(self) -> list[UnscannedObject]:
        """Present objects that the last scan could not (fully) read."""
        with self._store.engine.connect() as conn:
            rows = conn.execute(
                select(*ObjectModel.__table__.columns)
                .where(ObjectModel.present.is_(True), ObjectModel.status != "scanned")
                .order_by(ObjectModel.path)
            )
            return [
                UnscannedObject(o.path, o.status, o.reason, o.detail, iso_utc(o.last_seen))
                for o in rows
            ]

    def counts_by_status(self) -> dict[str, int]:
        with self._store.engine.connect() as conn:
            rows = conn.execute(
                select(FindingModel.status, func.count()).group_by(FindingModel.status)
            )
            return {status: n for status, n in rows}


def _group(by: str, path: str, label: str | None, shares: ShareMap) -> str:
    if by == "label":
        return label or "-"
    if by == "folder":
        return posixpath.dirname(path.split("!/", 1)[0]) or "/"
    return shares.share_of(path)
