"""A synthetic findings database for the report tests and `benchmarks/bench_report.py`.

Rows are inserted directly with SQLAlchemy, much faster than scanning: a
file server with shares, folders, archives, objects of every label, clean
and unreadable objects, objects that disappeared, six weekly scans, and
findings in every status with their history.  Everything is generated and
obviously fictitious: masked values look like `*****#0042`, fingerprints
are SHA-256 of a counter (never an HMAC of any value), e-mail-like masks use
the reserved `.invalid` domain.  The same person (fingerprint) turns up in
several files, as in real shares, so data-subject counts are not trivial.
"""

from __future__ import annotations

import hashlib
import random
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

import sqlalchemy as sa

from datawacht.store import open_store
from datawacht.store.models import FindingEventModel, FindingModel, ObjectModel, ScanModel

ROOT = "/srv/fs01"
HOST = "synthetic-host"
RULESET = "nl-default@synthetic"
LABELS = ("openbaar", "intern", "vertrouwelijk", "geheim")
IDENTIFYING = ("NL_BSN", "IBAN_CODE", "EMAIL_ADDRESS", "PHONE_NUMBER", "PERSON")
OTHER = ("NL_POSTCODE", "DATE_OF_BIRTH", "IP_ADDRESS", "SPECIAL_HEALTH")
EXTENSIONS = (".docx", ".xlsx", ".pdf", ".txt", ".csv")
STATUS_WEIGHTS = (
    ("open", 80),
    ("confirmed", 8),
    ("false_positive", 4),
    ("accepted_risk", 3),
    ("resolved", 5),
)
BATCH = 10_000


@dataclass(frozen=True)
class Synthetic:
    """What was inserted."""

    objects: int
    findings: int
    scans: int
    shares: int


def populate(
    url: str,
    *,
    objects: int = 5000,
    findings: int = 100_000,
    shares: int = 20,
    clean: int = 2000,
    unscannable: int = 100,
    gone: int = 50,
    scans: int = 6,
    seed: int = 1,
) -> Synthetic:
    """Create (migrate) the findings database at `url` and fill it."""
    if findings < objects:
        raise ValueError("every object with findings needs at least one")
    open_store(url).close()  # the schema, by the migrations
    rng = random.Random(seed)
    start = datetime(2026, 1, 5, 8, 0, tzinfo=UTC)
    scan_rows = [
        {
            "id": f"00000000-0000-4000-8000-{i:012d}",
            "started_at": start + timedelta(days=7 * i),
            "finished_at": start + timedelta(days=7 * i, hours=1),
            "status": "completed",
            "host": HOST,
            "targets": [ROOT],
            "ruleset_version": RULESET,
            "scanner_version": "0.1.0",
            "summary": {"scanned": objects + clean, "error": unscannable},
        }
        for i in range(scans)
    ]
    last_scan = scan_rows[-1]
    share_names = [f"{ROOT}/afdeling{i:02d}" for i in range(shares)]

    # How many findings each object gets: a few big registers, many small letters.
    weights = [rng.paretovariate(1.1) for _ in range(objects)]
    scale = findings / sum(weights)
    per_object = [max(1, int(w * scale)) for w in weights]
    per_object = [min(n, 4000) for n in per_object]
    diff = findings - sum(per_object)
    i = 0
    while diff:
        step = 1 if diff > 0 else -1
        if per_object[i % objects] + step >= 1 and per_object[i % objects] + step <= 4000:
            per_object[i % objects] += step
            diff -= step
        i += 1

    object_rows: list[dict[str, Any]] = []
    finding_rows: list[dict[str, Any]] = []
    event_rows: list[tuple[int, dict[str, Any]]] = []  # (finding index, event)
    next_person = 0
    for index in range(objects):
        share = share_names[index % shares]
        archive = index % 20 == 19
        if archive:
            outer = f"{share}/archief/pakket_{index:05d}.zip"
            path = f"{outer}!/bijlage_{index % 3}.txt"
            parent = _id(outer)
        else:
            ext = EXTENSIONS[index % len(EXTENSIONS)]
            path = f"{share}/map{index % 7}/document_{index:05d}{ext}"
            parent = None
        object_id = _id(path)
        n = per_object[index]
        kinds = rng.sample(IDENTIFYING, rng.randint(1, 3)) + rng.sample(OTHER, rng.randint(0, 2))
        # people: mostly new ones, some seen before (the same BSN in several files)
        shares_of_kinds = _split(n, len(kinds), rng)
        values: dict[str, list[int]] = {}
        for kind, count in zip(kinds, shares_of_kinds, strict=True):
            if count == 0:
                continue
            reuse = min(count // 3, next_person)
            old = rng.sample(range(next_person), reuse) if reuse else []
            new = list(range(next_person, next_person + count - reuse))
            next_person += count - reuse
            values[kind] = old + new
        first_scan = scan_rows[0] if rng.random() < 0.6 else rng.choice(scan_rows)
        seen = first_scan["started_at"] + timedelta(seconds=rng.randint(1, 3500))
        counts: dict[str, int] = {}
        for kind, people in values.items():
            for person in people:
                status = _weighted(rng, STATUS_WEIGHTS)
                suppressed = "eigen-iban" if kind == "IBAN_CODE" and rng.random() < 0.02 else None
                row = _finding(object_id, kind, person, path, status, suppressed, seen, rng)
                if status == "resolved":
                    later = [s for s in scan_rows if s["started_at"] > seen] or [last_scan]
                    scan = rng.choice(later)
                    row["resolved_at"] = scan["started_at"] + timedelta(minutes=30)
                    row["status_reason"] = "value no longer present"
                    row["last_scan_id"] = scan["id"]
                    event_rows.append(
                        (len(finding_rows), _event("open", "resolved", row["resolved_at"], scan))
                    )
                elif status != "open":
                    moment = seen + timedelta(days=rng.randint(1, 20))
                    event_rows.append((len(finding_rows), _event("open", status, moment, None)))
                if status != "resolved" and suppressed is None:
                    counts[kind] = counts.get(kind, 0) + 1
                finding_rows.append(row)
        subjects = max((counts.get(k, 0) for k in IDENTIFYING), default=0)
        rank = _rank(counts, subjects)
        object_rows.append(
            _object(object_id, path, parent, rank, counts, subjects, seen, last_scan, share, rng)
        )
        if archive:
            object_rows.append(
                _object(_id(outer), outer, None, rank, {}, subjects, seen, last_scan, share, rng)
            )

    for index in range(clean):
        path = f"{share_names[index % shares]}/publiek/nieuws_{index:05d}.txt"
        object_rows.append(
            _object(_id(path), path, None, 0, {}, 0, start, last_scan, "", rng, kind="text")
        )
    for index in range(unscannable):
        path = f"{share_names[index % shares]}/kapot/bestand_{index:04d}.zip"
        row = _object(_id(path), path, None, None, {}, 0, start, last_scan, "", rng, kind="zip")
        row.update(
            status=("error", "partial", "skipped")[index % 3],
            reason=("encrypted", "corrupt", "too large")[index % 3],
            detail=("zip: encrypted member", "zip: bad CRC", "larger than max_file_bytes")[
                index % 3
            ],
        )
        object_rows.append(row)
    for index in range(gone):
        path = f"{share_names[index % shares]}/oud/weg_{index:04d}.txt"
        row = _object(_id(path), path, None, 1, {"NL_BSN": 1}, 1, start, scan_rows[0], "", rng)
        row["present"] = False
        object_rows.append(row)
        finding = _finding(
            row["object_id"], "NL_BSN", 10**9 + index, path, "resolved", None, start, rng
        )
        finding["resolved_at"] = last_scan["started_at"]
        finding_rows.append(finding)

    engine = sa.create_engine(url)
    try:
        with engine.begin() as conn:
            conn.execute(sa.insert(ScanModel), scan_rows)
            for chunk in _chunks(object_rows):
                conn.execute(sa.insert(ObjectModel), chunk)
            for chunk in _chunks(finding_rows):
                conn.execute(sa.insert(FindingModel), chunk)
            ids = _finding_ids(conn)
            events = [
                {
                    **event,
                    "finding_id": ids[(row["object_id"], row["entity_type"], row["fingerprint"])],
                }
                for position, event in event_rows
                for row in (finding_rows[position],)
            ]
            for chunk in _chunks(events):
                conn.execute(sa.insert(FindingEventModel), chunk)
    finally:
        engine.dispose()
    return Synthetic(
        objects=len(object_rows), findings=len(finding_rows), scans=scans, shares=shares
    )


def fingerprint(kind: str, person: int) -> str:
    return hashlib.sha256(f"synthetic:{kind}:{person}".encode()).hexdigest()


def masked(kind: str, person: int) -> str:
    if kind == "EMAIL_ADDRESS":
        return f"p***{person % 1000:03d}@voorbeeld.invalid"
    return f"*****#{person % 10000:04d}"


def _id(path: str) -> str:
    return hashlib.sha256(f"{HOST}\0{path}".encode()).hexdigest()[:32]


def _split(total: int, parts: int, rng: random.Random) -> list[int]:
    cuts = sorted(rng.randint(0, total) for _ in range(parts - 1))
    edges = [0, *cuts, total]
    return [b - a for a, b in zip(edges, edges[1:], strict=False)]


def _weighted(rng: random.Random, choices: tuple[tuple[str, int], ...]) -> str:
    return rng.choices([c for c, _ in choices], weights=[w for _, w in choices])[0]


def _finding(
    object_id: str,
    kind: str,
    person: int,
    path: str,
    status: str,
    suppressed: str | None,
    seen: datetime,
    rng: random.Random,
) -> dict[str, Any]:
    if path.endswith((".xlsx", ".csv")):
        location: dict[str, Any] = {"sheet": "Blad1", "row": rng.randint(2, 5000), "column": kind}
    elif path.endswith(".pdf"):
        location = {"page": rng.randint(1, 40)}
    else:
        start = rng.randint(0, 90_000)
        location = {"line": rng.randint(1, 2000), "start": start, "end": start + 9}
    return {
        "object_id": object_id,
        "entity_type": kind,
        "fingerprint": fingerprint(kind, person),
        "masked": masked(kind, person),
        "score": 0.85,
        "recognizer": "SyntheticRecognizer",
        "location": location,
        "occurrences": rng.randint(1, 3),
        "detail": "synthetic",
        "suppressed": suppressed,
        "status": status,
        "status_reason": None,
        "first_seen": seen,
        "last_seen": seen + timedelta(days=35),
        "last_scan_id": "00000000-0000-4000-8000-000000000000",
        "resolved_at": None,
    }


def _event(old: str, new: str, moment: datetime, scan: dict[str, Any] | None) -> dict[str, Any]:
    return {
        "at": moment,
        "old_status": old,
        "new_status": new,
        "reason": "synthetic",
        "actor": "datawacht" if scan else "officer",
        "scan_id": scan["id"] if scan else None,
    }


def _rank(counts: dict[str, int], subjects: int) -> int:
    if not counts:
        return 0
    if subjects >= 50 and ("NL_BSN" in counts or "SPECIAL_HEALTH" in counts):
        return 3
    if {"NL_BSN", "IBAN_CODE", "SPECIAL_HEALTH"} & set(counts):
        return 2
    return 1


def _object(
    object_id: str,
    path: str,
    parent: str | None,
    rank: int | None,
    counts: dict[str, int],
    subjects: int,
    seen: datetime,
    scan: dict[str, Any],
    share: str,
    rng: random.Random,
    kind: str = "docx",
) -> dict[str, Any]:
    label = LABELS[rank] if rank is not None else None
    rules: list[dict[str, Any]] = []
    violations: list[dict[str, str]] = []
    if rank:
        rules = [
            {
                "id": f"entity:{kind_}",
                "label": LABELS[min(rank, 2)],
                "reason": f"{kind_} gevonden",
                "entities": {kind_: n},
            }
            for kind_, n in sorted(counts.items())
        ]
        if rank == 3:
            rules.insert(
                0,
                {
                    "id": "volume-s2-bulk",
                    "label": "geheim",
                    "reason": "identificerende gegevens van 50 of meer personen",
                    "subjects": subjects,
                },
            )
        if share.endswith("afdeling00") and rank >= 2:
            violations = [
                {
                    "rule": "publicatie",
                    "severity": "critical",
                    "message": f"label {label} is hoger dan toegestaan (openbaar) in {share}",
                }
            ]
    return {
        "object_id": object_id,
        "path": path,
        "parent_id": parent,
        "host": HOST,
        "size": rng.randint(1000, 10_000_000),
        "mtime": 1_767_000_000.0,
        "content_hash": None,
        "kind": kind,
        "status": "scanned",
        "reason": None,
        "detail": None,
        "label": label,
        "label_rank": rank,
        "rules": rules if rank is not None else None,
        "explanation": (
            f"{label}: {', '.join(rule['id'] for rule in rules)}; {subjects} betrokkenen"
            if rank
            else ("" if rank is not None else None)
        ),
        "violations": violations if rank is not None else None,
        "suppressed": 0 if rank is not None else None,
        "risk": (rank or 0) * 25 + min(subjects, 24) if rank is not None else None,
        "ruleset_version": RULESET if rank is not None else None,
        "counts": counts,
        "data_subjects": subjects,
        "first_seen": seen,
        "last_seen": scan["started_at"] + timedelta(minutes=5),
        "last_scan_id": scan["id"],
        "present": True,
    }


def _finding_ids(conn: sa.Connection) -> dict[tuple[str, str, str], int]:
    return {
        (row.object_id, row.entity_type, row.fingerprint): row.id
        for row in conn.execute(
            sa.select(
                FindingModel.id,
                FindingModel.object_id,
                FindingModel.entity_type,
                FindingModel.fingerprint,
            )
        )
    }


def _chunks(rows: list[dict[str, Any]]) -> list[list[dict[str, Any]]]:
    return [rows[i : i + BATCH] for i in range(0, len(rows), BATCH)]
