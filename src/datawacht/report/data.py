"""What `datawacht report` shows, read from the findings database.

Read-only: a handful of aggregate queries in one read transaction (one
snapshot, so the numbers of one report agree with each other while the
daemon keeps writing), never one query per object.  The database holds no
raw values, and nothing here tries to show more than a finding's `masked`
form; the officers' free-text status reasons and the findings' `detail` are
left out as well, since a person may have typed a value into them.

Definitions (docs/reports.md describes them for officers):

- **present finding**: a finding of an object that is still there
  (`objects.present`) and whose status is not `resolved`.
- **counted finding**: a present finding with status open, confirmed or
  accepted_risk that no rule suppressed.  A false positive is no data, a
  suppressed value is the organisation's own (its IBAN, its KvK number);
  an accepted risk is still data that would leak.  Totals per label, share
  and entity type and the data-subject estimates count these.
- **share**: see `store/shares.py` (the scan target plus `share_depth`
  folders below it).
- **data subjects** of a group of objects: as for one object
  (`classify/subjects.py`), the largest number of distinct fingerprints of
  one person-identifying entity type over the group, at least 1 when a
  special-category term was found.
"""

from __future__ import annotations

import bisect
import itertools
from collections import Counter, defaultdict
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Connection, Engine, and_, func, or_, select
from sqlalchemy.sql.elements import ColumnElement

from datawacht.classify.schema import SEVERITY_ORDER
from datawacht.classify.subjects import PERSON_IDENTIFYING
from datawacht.store.models import FindingEventModel, FindingModel, ObjectModel, ScanModel
from datawacht.store.shares import DEFAULT_SHARE_DEPTH, ShareMap, share_map

# Finding statuses that describe data that is there and would leak.
COUNTED_STATUSES = ("open", "confirmed", "accepted_risk")
RESOLVED = "resolved"
FINDING_STATUSES = ("open", "confirmed", "false_positive", "accepted_risk", "resolved")
# Masked findings shown per object in the HTML table and the JSON report.
SAMPLES_PER_OBJECT = 5
# Rows fetched at a time when findings are streamed (CSV, SARIF).
STREAM_BATCH = 5000


@dataclass(frozen=True)
class FindingSample:
    """One masked finding of an object, as the report shows it."""

    entity_type: str
    masked: str
    status: str
    suppressed: str | None
    location: dict[str, int | str]


@dataclass(frozen=True)
class ReportObject:
    """A present object with findings or a label above the lowest.

    `findings` counts its present findings, `statuses` splits them by
    status; `counts` (distinct values per entity type, suppressed ones left
    out), `data_subjects`, `rules`, `explanation` and `violations` are its
    classification as stored.  `samples` are at most SAMPLES_PER_OBJECT
    masked findings, `more` how many were left out.
    """

    object_id: str
    path: str
    share: str
    status: str
    label: str | None
    rank: int
    risk: int
    data_subjects: int
    counts: dict[str, int]
    explanation: str
    rules: list[dict[str, Any]]
    violations: list[dict[str, str]]
    suppressed: int
    findings: int
    statuses: dict[str, int]
    samples: list[FindingSample]
    more: int
    last_seen: str


@dataclass(frozen=True)
class ViolationRow:
    """A location policy broken by a present object."""

    path: str
    share: str
    label: str | None
    rule: str
    severity: str
    message: str


@dataclass(frozen=True)
class UnscannableRow:
    """A present object that could not be (fully) read, with the reason."""

    path: str
    share: str
    status: str
    reason: str | None
    detail: str | None
    kind: str | None
    last_seen: str


@dataclass(frozen=True)
class GroupTotals:
    """One label or one share: its present objects and what they hold.

    `objects` counts every present object of the group, `with_findings`
    those with counted findings; `labels` splits the objects by label
    (None, unclassified objects, as "-").
    """

    name: str
    objects: int
    with_findings: int
    findings: int
    data_subjects: int
    labels: dict[str, int]


@dataclass(frozen=True)
class EntityTotals:
    """One entity type: counted findings, distinct values, objects holding it."""

    entity_type: str
    findings: int
    distinct_values: int
    objects: int


@dataclass(frozen=True)
class ScanPoint:
    """One completed scan, for the trend.

    `objects` and `labels` come from the scan's stored summary (`labels`
    is empty when the summary has none); `new_findings` were first seen
    while it ran, `resolved_findings` it resolved, and `counted_findings`
    is the number of counted-status findings (suppression aside) known
    when it finished, rebuilt from the findings' history.
    """

    scan_id: str
    started_at: str
    finished_at: str
    host: str
    targets: list[str]
    ruleset_version: str
    scanner_version: str
    objects: dict[str, int]
    labels: dict[str, int]
    new_findings: int
    resolved_findings: int
    counted_findings: int


@dataclass(frozen=True)
class ReportData:
    """Everything the HTML and JSON reports show (docs/reports.md)."""

    generated_at: str
    labels: list[str]
    ruleset_versions: list[str]
    hosts: list[str]
    share_depth: int
    totals: dict[str, int]
    finding_statuses: dict[str, int]
    by_label: list[GroupTotals]
    by_share: list[GroupTotals]
    by_entity: list[EntityTotals]
    objects: list[ReportObject]
    violations: list[ViolationRow]
    unscannable: list[UnscannableRow]
    scans: list[ScanPoint]


@dataclass(frozen=True)
class FindingRow:
    """One present finding with its object's path, share and label (CSV, SARIF)."""

    object_id: str
    path: str
    share: str
    label: str | None
    rank: int | None
    entity_type: str
    masked: str
    fingerprint: str
    status: str
    suppressed: str | None
    score: float
    recognizer: str
    occurrences: int
    location: dict[str, int | str]
    first_seen: str
    last_seen: str


@contextmanager
def snapshot(engine: Engine) -> Iterator[Connection]:
    """A connection in one read transaction: a consistent view for a whole report.

    SQLite in WAL mode gives a deferred transaction a snapshot and lets the
    daemon write meanwhile; PostgreSQL needs REPEATABLE READ for that.
    """
    with engine.connect() as conn:
        if engine.dialect.name == "postgresql":
            conn.execution_options(isolation_level="REPEATABLE READ", postgresql_readonly=True)
        with conn.begin():
            yield conn


def build_report(
    conn: Connection,
    *,
    labels: Sequence[str] | None = None,
    share_depth: int = DEFAULT_SHARE_DEPTH,
    now: datetime | None = None,
) -> ReportData:
    """Read everything the HTML and JSON reports show.

    `labels` is the label order of the current rules (least sensitive
    first); labels stored with objects but no longer in the rules are put
    in by their stored rank.
    """
    shares = share_map(conn, share_depth)
    present = ObjectModel.present.is_(True)

    # Every present object, lightly: for totals per label and per share.
    light = conn.execute(
        select(
            ObjectModel.object_id, ObjectModel.path, ObjectModel.label, ObjectModel.label_rank
        ).where(present)
    ).all()
    object_share = {row.object_id: shares.share_of(row.path) for row in light}
    object_label = {row.object_id: row.label for row in light}
    order = _label_order(labels, {(row.label, row.label_rank) for row in light})

    # Present findings per object and status (suppressed ones apart).
    per_object: dict[str, Counter[str]] = defaultdict(Counter)
    counted_per_object: Counter[str] = Counter()
    for object_id, status, suppressed, n in conn.execute(
        select(
            FindingModel.object_id,
            FindingModel.status,
            FindingModel.suppressed.is_not(None),
            func.count(),
        )
        .join(ObjectModel, FindingModel.object_id == ObjectModel.object_id)
        .where(present, FindingModel.status != RESOLVED)
        .group_by(FindingModel.object_id, FindingModel.status, FindingModel.suppressed.is_not(None))
    ):
        per_object[object_id][status] += n
        if status in COUNTED_STATUSES and not suppressed:
            counted_per_object[object_id] += n

    subjects = _subject_sets(conn, object_share, object_label)
    by_label = _group_totals(
        light, lambda row: row.label or "-", counted_per_object, subjects.by_label
    )
    by_label.sort(key=lambda group: _rank_of(group.name, order), reverse=True)
    by_share = _group_totals(
        light, lambda row: object_share[row.object_id], counted_per_object, subjects.by_share
    )
    by_share.sort(key=lambda group: (-group.data_subjects, -group.findings, group.name))

    objects = _objects(conn, per_object, object_share)
    violations = sorted(
        (
            ViolationRow(
                path=obj.path,
                share=obj.share,
                label=obj.label,
                rule=str(violation.get("rule", "")),
                severity=str(violation.get("severity", "")),
                message=str(violation.get("message", "")),
            )
            for obj in objects
            for violation in obj.violations
        ),
        key=lambda row: (-_severity_rank(row.severity), row.path, row.rule),
    )
    unscannable = [
        UnscannableRow(
            path=row.path,
            share=shares.share_of(row.path),
            status=row.status,
            reason=row.reason,
            detail=row.detail,
            kind=row.kind,
            last_seen=_iso(row.last_seen),
        )
        for row in conn.execute(
            select(
                ObjectModel.path,
                ObjectModel.status,
                ObjectModel.reason,
                ObjectModel.detail,
                ObjectModel.kind,
                ObjectModel.last_seen,
            )
            .where(present, ObjectModel.status != "scanned")
            .order_by(ObjectModel.status, _bytewise(conn, ObjectModel.path))
        )
    ]
    statuses = Counter(
        dict(
            conn.execute(
                select(FindingModel.status, func.count()).group_by(FindingModel.status)
            ).all()
        )
    )
    suppressed = conn.scalar(
        select(func.count())
        .select_from(FindingModel)
        .join(ObjectModel, FindingModel.object_id == ObjectModel.object_id)
        .where(present, FindingModel.status != RESOLVED, FindingModel.suppressed.is_not(None))
    )
    scans = _trend(conn)
    hosts = sorted({row for (row,) in conn.execute(select(ObjectModel.host).distinct())})
    versions = ruleset_versions(conn)
    totals = {
        "objects": len(light),
        "objects_with_findings": sum(1 for n in counted_per_object.values() if n),
        "findings": sum(counted_per_object.values()),
        "present_findings": sum(sum(c.values()) for c in per_object.values()),
        "suppressed": int(suppressed or 0),
        "data_subjects": subjects.total,
        "violations": len(violations),
        "unscannable": len(unscannable),
        "scans": len(scans),
    }
    return ReportData(
        generated_at=timestamp(now),
        labels=order,
        ruleset_versions=versions,
        hosts=hosts,
        share_depth=share_depth,
        totals=totals,
        finding_statuses={status: statuses.get(status, 0) for status in FINDING_STATUSES},
        by_label=by_label,
        by_share=by_share,
        by_entity=_entity_totals(conn),
        objects=objects,
        violations=violations,
        unscannable=unscannable,
        scans=scans,
    )


def label_order(conn: Connection, labels: Sequence[str] | None = None) -> list[str]:
    """`labels` (the current rules' order) with stored labels it lacks put in by rank."""
    stored = conn.execute(
        select(ObjectModel.label, ObjectModel.label_rank)
        .where(ObjectModel.label.is_not(None))
        .distinct()
    ).all()
    return _label_order(labels, {(label, rank) for label, rank in stored})


def timestamp(moment: datetime | None = None) -> str:
    """An ISO-8601 UTC timestamp as reports print them (`2026-03-01T09:30:00Z`)."""
    return _iso(moment or datetime.now(UTC))


def ruleset_versions(conn: Connection) -> list[str]:
    """The ruleset versions that classified the present objects."""
    return sorted(
        conn.scalars(
            select(ObjectModel.ruleset_version)
            .where(ObjectModel.present.is_(True), ObjectModel.ruleset_version.is_not(None))
            .distinct()
        )
    )


def finding_types(conn: Connection) -> list[str]:
    """The entity types of present findings, sorted."""
    return sorted(
        conn.scalars(
            select(FindingModel.entity_type)
            .join(ObjectModel, FindingModel.object_id == ObjectModel.object_id)
            .where(ObjectModel.present.is_(True), FindingModel.status != RESOLVED)
            .distinct()
        )
    )


def iter_findings(conn: Connection, shares: ShareMap) -> Iterator[FindingRow]:
    """Every present finding, by path, entity type and fingerprint; streamed."""
    stmt = (
        select(
            FindingModel.object_id,
            ObjectModel.path,
            ObjectModel.label,
            ObjectModel.label_rank,
            FindingModel.entity_type,
            FindingModel.masked,
            FindingModel.fingerprint,
            FindingModel.status,
            FindingModel.suppressed,
            FindingModel.score,
            FindingModel.recognizer,
            FindingModel.occurrences,
            FindingModel.location,
            FindingModel.first_seen,
            FindingModel.last_seen,
        )
        .join(ObjectModel, FindingModel.object_id == ObjectModel.object_id)
        .where(ObjectModel.present.is_(True), FindingModel.status != RESOLVED)
        .order_by(
            _bytewise(conn, ObjectModel.path),
            _bytewise(conn, FindingModel.entity_type),
            _bytewise(conn, FindingModel.fingerprint),
        )
    )
    result = conn.execution_options(stream_results=True, yield_per=STREAM_BATCH).execute(stmt)
    for row in result:
        yield FindingRow(
            object_id=row.object_id,
            path=row.path,
            share=shares.share_of(row.path),
            label=row.label,
            rank=row.label_rank,
            entity_type=row.entity_type,
            masked=row.masked,
            fingerprint=row.fingerprint,
            status=row.status,
            suppressed=row.suppressed,
            score=row.score,
            recognizer=row.recognizer,
            occurrences=row.occurrences,
            location=dict(row.location or {}),
            first_seen=_iso(row.first_seen),
            last_seen=_iso(row.last_seen),
        )


# --------------------------------------------------------------------------


@dataclass
class _Subjects:
    by_share: dict[str, int]
    by_label: dict[str, int]
    total: int


def _subject_sets(
    conn: Connection, object_share: dict[str, str], object_label: dict[str, str | None]
) -> _Subjects:
    """Distinct data subjects per share, per label and overall, from fingerprints."""
    share_sets: dict[tuple[str, str], set[str]] = defaultdict(set)
    label_sets: dict[tuple[str, str], set[str]] = defaultdict(set)
    total_sets: dict[str, set[str]] = defaultdict(set)
    special_shares: set[str] = set()
    special_labels: set[str] = set()
    identifying = sorted(PERSON_IDENTIFYING)
    for object_id, entity_type, fingerprint in conn.execute(
        select(FindingModel.object_id, FindingModel.entity_type, FindingModel.fingerprint)
        .join(ObjectModel, FindingModel.object_id == ObjectModel.object_id)
        .where(
            _counted(),
            or_(
                FindingModel.entity_type.in_(identifying),
                FindingModel.entity_type.like("SPECIAL\\_%", escape="\\"),
            ),
        )
    ):
        share = object_share.get(object_id)
        if share is None:  # not present: the join filter makes this impossible
            continue
        label = object_label.get(object_id) or "-"
        if entity_type in PERSON_IDENTIFYING:
            share_sets[(share, entity_type)].add(fingerprint)
            label_sets[(label, entity_type)].add(fingerprint)
            total_sets[entity_type].add(fingerprint)
        else:
            special_shares.add(share)
            special_labels.add(label)
    return _Subjects(
        by_share=_estimates(share_sets, special_shares),
        by_label=_estimates(label_sets, special_labels),
        total=max(
            max((len(values) for values in total_sets.values()), default=0),
            1 if special_shares else 0,
        ),
    )


def _estimates(sets: dict[tuple[str, str], set[str]], special: set[str]) -> dict[str, int]:
    out: dict[str, int] = {group: 1 for group in special}
    for (group, _entity_type), values in sets.items():
        out[group] = max(out.get(group, 0), len(values))
    return out


def _group_totals(
    rows: Sequence[Any],
    key: Any,
    counted: Counter[str],
    subjects: dict[str, int],
) -> list[GroupTotals]:
    objects: Counter[str] = Counter()
    with_findings: Counter[str] = Counter()
    findings: Counter[str] = Counter()
    labels: dict[str, Counter[str]] = defaultdict(Counter)
    for row in rows:
        group = key(row)
        objects[group] += 1
        labels[group][row.label or "-"] += 1
        n = counted.get(row.object_id, 0)
        if n:
            with_findings[group] += 1
            findings[group] += n
    return [
        GroupTotals(
            name=group,
            objects=objects[group],
            with_findings=with_findings[group],
            findings=findings[group],
            data_subjects=subjects.get(group, 0),
            labels=dict(labels[group]),
        )
        for group in objects
    ]


def _objects(
    conn: Connection, per_object: dict[str, Counter[str]], object_share: dict[str, str]
) -> list[ReportObject]:
    """Present objects with present findings or a label above the lowest, riskiest first."""
    with_findings = (
        select(FindingModel.object_id)
        .where(FindingModel.status != RESOLVED)
        .distinct()
        .scalar_subquery()
    )
    rows = conn.execute(
        select(
            ObjectModel.object_id,
            ObjectModel.path,
            ObjectModel.status,
            ObjectModel.label,
            ObjectModel.label_rank,
            ObjectModel.risk,
            ObjectModel.data_subjects,
            ObjectModel.counts,
            ObjectModel.explanation,
            ObjectModel.rules,
            ObjectModel.violations,
            ObjectModel.suppressed,
            ObjectModel.last_seen,
        ).where(
            ObjectModel.present.is_(True),
            or_(ObjectModel.label_rank > 0, ObjectModel.object_id.in_(with_findings)),
        )
    ).all()
    samples = _samples(conn)
    objects = []
    for row in rows:
        statuses = per_object.get(row.object_id, Counter())
        shown = samples.get(row.object_id, [])
        total = sum(statuses.values())
        objects.append(
            ReportObject(
                object_id=row.object_id,
                path=row.path,
                share=object_share.get(row.object_id, ""),
                status=row.status,
                label=row.label,
                rank=row.label_rank or 0,
                risk=row.risk or 0,
                data_subjects=row.data_subjects or 0,
                counts=dict(row.counts or {}),
                explanation=row.explanation or "",
                rules=list(row.rules or []),
                violations=list(row.violations or []),
                suppressed=row.suppressed or 0,
                findings=total,
                statuses={s: statuses[s] for s in FINDING_STATUSES if statuses.get(s)},
                samples=shown,
                more=max(total - len(shown), 0),
                last_seen=_iso(row.last_seen),
            )
        )
    objects.sort(key=lambda o: (-o.risk, -o.rank, -o.data_subjects, -o.findings, o.path))
    return objects


def _samples(conn: Connection) -> dict[str, list[FindingSample]]:
    """At most SAMPLES_PER_OBJECT present findings per object, counted ones first.

    One query with a window function (SQLite >= 3.25, PostgreSQL).
    """
    order = (
        FindingModel.suppressed.is_not(None),
        FindingModel.status.not_in(COUNTED_STATUSES),
        _bytewise(conn, FindingModel.entity_type),
        _bytewise(conn, FindingModel.fingerprint),
    )
    numbered = (
        select(
            FindingModel.object_id,
            FindingModel.entity_type,
            FindingModel.masked,
            FindingModel.status,
            FindingModel.suppressed,
            FindingModel.location,
            func.row_number().over(partition_by=FindingModel.object_id, order_by=order).label("n"),
        )
        .join(ObjectModel, FindingModel.object_id == ObjectModel.object_id)
        .where(ObjectModel.present.is_(True), FindingModel.status != RESOLVED)
        .subquery()
    )
    out: dict[str, list[FindingSample]] = defaultdict(list)
    for row in conn.execute(
        select(numbered)
        .where(numbered.c.n <= SAMPLES_PER_OBJECT)
        .order_by(numbered.c.object_id, numbered.c.n)
    ):
        out[row.object_id].append(
            FindingSample(
                entity_type=row.entity_type,
                masked=row.masked,
                status=row.status,
                suppressed=row.suppressed,
                location=dict(row.location or {}),
            )
        )
    return out


def _entity_totals(conn: Connection) -> list[EntityTotals]:
    rows = conn.execute(
        select(
            FindingModel.entity_type,
            func.count(),
            func.count(FindingModel.fingerprint.distinct()),
            func.count(FindingModel.object_id.distinct()),
        )
        .join(ObjectModel, FindingModel.object_id == ObjectModel.object_id)
        .where(_counted())
        .group_by(FindingModel.entity_type)
    ).all()
    totals = [
        EntityTotals(t, findings, distinct, objects) for t, findings, distinct, objects in rows
    ]
    totals.sort(key=lambda e: (-e.findings, e.entity_type))
    return totals


def _trend(conn: Connection) -> list[ScanPoint]:
    """Completed scans, oldest first, with the counted findings known at their end.

    A finding starts open (counted) when first seen; every later status
    change is in `finding_events`, so the number of counted-status findings
    at a moment is: first seen by then, plus the events by then that moved a
    finding into a counted status, minus those that moved one out.
    """
    scans = conn.execute(
        select(*ScanModel.__table__.columns)
        .where(ScanModel.status == "completed", ScanModel.finished_at.is_not(None))
        .order_by(ScanModel.started_at)
    ).all()
    if not scans:
        return []
    created = sorted(
        (moment, n)
        for moment, n in conn.execute(
            select(FindingModel.first_seen, func.count()).group_by(FindingModel.first_seen)
        )
    )
    created_at = [moment for moment, _ in created]
    created_cum = list(itertools.accumulate(n for _, n in created))
    changes: list[tuple[datetime, int]] = []
    for moment, old, new, n in conn.execute(
        select(
            FindingEventModel.at,
            FindingEventModel.old_status,
            FindingEventModel.new_status,
            func.count(),
        ).group_by(FindingEventModel.at, FindingEventModel.old_status, FindingEventModel.new_status)
    ):
        delta = (new in COUNTED_STATUSES) - (old in COUNTED_STATUSES)
        if delta:
            changes.append((moment, delta * n))
    changes.sort()
    change_at = [moment for moment, _ in changes]
    change_cum = list(itertools.accumulate(delta for _, delta in changes))
    resolved_by_scan = dict(
        conn.execute(
            select(FindingEventModel.scan_id, func.count())
            .where(FindingEventModel.new_status == RESOLVED)
            .group_by(FindingEventModel.scan_id)
        ).all()
    )

    def upto(moments: list[datetime], cumulative: list[int], moment: datetime) -> int:
        index = bisect.bisect_right(moments, moment)
        return cumulative[index - 1] if index else 0

    points = []
    for scan in scans:
        end = scan.finished_at
        assert end is not None
        before_start = bisect.bisect_left(created_at, scan.started_at)
        new = upto(created_at, created_cum, end) - (
            created_cum[before_start - 1] if before_start else 0
        )
        objects, labels = _summary(scan.summary)
        points.append(
            ScanPoint(
                scan_id=scan.id,
                started_at=_iso(scan.started_at),
                finished_at=_iso(end),
                host=scan.host,
                targets=[str(target) for target in scan.targets or ()],
                ruleset_version=scan.ruleset_version,
                scanner_version=scan.scanner_version,
                objects=objects,
                labels=labels,
                new_findings=new,
                resolved_findings=int(resolved_by_scan.get(scan.id, 0)),
                counted_findings=upto(created_at, created_cum, end)
                + upto(change_at, change_cum, end),
            )
        )
    return points


def _summary(summary: dict[str, Any] | None) -> tuple[dict[str, int], dict[str, int]]:
    """Objects by status and by label from a scan's stored summary.

    The summary is either the flat status counts the scanner stores, or the
    nested form of `ScanSummary.to_dict()` (`objects`, `labels`).
    """
    if not summary:
        return {}, {}
    if isinstance(summary.get("objects"), dict):
        objects = {str(k): int(v) for k, v in summary["objects"].items()}
        labels = summary.get("labels")
        return objects, {str(k): int(v) for k, v in (labels or {}).items()}
    return {str(k): int(v) for k, v in summary.items() if isinstance(v, int)}, {}


def _counted() -> ColumnElement[bool]:
    return and_(
        ObjectModel.present.is_(True),
        FindingModel.status.in_(COUNTED_STATUSES),
        FindingModel.suppressed.is_(None),
    )


def _label_order(
    labels: Sequence[str] | None, stored: set[tuple[str | None, int | None]]
) -> list[str]:
    order = list(labels or ())
    extra = sorted(
        ((rank or 0, label) for label, rank in stored if label and label not in order),
    )
    for rank, label in extra:
        order.insert(min(rank, len(order)), label)
    return order


def _rank_of(label: str, order: list[str]) -> int:
    try:
        return order.index(label)
    except ValueError:
        return -1


def _severity_rank(severity: str) -> int:
    try:
        return SEVERITY_ORDER.index(severity)
    except ValueError:
        return -1


def _bytewise(conn: Connection, column: ColumnElement[str]) -> ColumnElement[str]:
    """Order by code point on both databases (PostgreSQL's locale collation differs)."""
    if conn.dialect.name == "postgresql":
        return column.collate("C")
    return column


def _iso(moment: datetime) -> str:
    return moment.astimezone(UTC).isoformat(timespec="seconds").replace("+00:00", "Z")
