"""A small, exactly known findings database for the report tests, written through the store.

Two scans of `/srv/share` on one host.  Fingerprints and masks are
obviously fictitious labels (the store never sees values):

| object | label (rank, risk) | findings |
| --- | --- | --- |
| HR/a.txt | vertrouwelijk (2, 60), 1 violation | BSN p1, p2 (false positive), pA; e-mail m3 |
| HR/b.txt | vertrouwelijk (2, 50) | BSN p1, pB; phone t4 (gone in scan 2) |
| Fin/c.csv | geheim (3, 90) | IBAN i5 (suppressed), i6; BSN p7 |
| Fin/arch.zip | intern (1, 20) | none itself |
| Fin/arch.zip!/in/<script>.txt | intern (1, 20) | SPECIAL_HEALTH h1 |
| top.txt | intern (1, 10) | postcode z8 |
| Pub/clean.txt | openbaar (0, 0) | none |
| Pub/locked.zip | none: error, encrypted | none |

After both scans: 11 present findings, 9 of them counted (p2 is a false
positive, i5 suppressed), 4 distinct BSNs (p1 is in two files), t4 resolved.
"""

from __future__ import annotations

from datetime import UTC, datetime

import sqlalchemy as sa

from datawacht.records import (
    Classification,
    Finding,
    FiredRule,
    Location,
    ObjectResult,
    ObjectStatus,
    ScanObject,
    Violation,
)
from datawacht.store import open_store
from datawacht.store.models import FindingEventModel, FindingModel

HOST = "testhost"
ROOT = "/srv/share"
LABELS = ["openbaar", "intern", "vertrouwelijk", "geheim"]
HOSTILE_MEMBER = "in/<script>alert(1)</script>.txt"

# What the report must say about the scenario.
EXPECTED_SHARES = {"/srv/share/HR": 3, "/srv/share/Fin": 1, "/srv/share": 0, "/srv/share/Pub": 0}
EXPECTED_ORDER = [
    "Fin/c.csv",
    "HR/a.txt",
    "HR/b.txt",
    f"Fin/arch.zip!/{HOSTILE_MEMBER}",
    "Fin/arch.zip",
    "top.txt",
]


def _obj(relative: str, parent: str | None = None) -> ScanObject:
    path = f"{ROOT}/{relative}"
    return ScanObject(
        path=path, object_id=f"{HOST}:{path}", size=100, mtime=1_700_000_000.0, parent_id=parent
    )


def _finding(
    of: ScanObject,
    entity_type: str,
    name: str,
    *,
    line: int | None = 3,
    suppressed: str | None = None,
    **location: int | str,
) -> Finding:
    return Finding(
        object_id=of.object_id,
        path=of.path,
        entity_type=entity_type,
        fingerprint=f"test-fingerprint-{name}",
        masked=f"*****{name}",
        score=0.9,
        recognizer="TestRecognizer",
        location=Location(line=line, **location) if line else Location(**location),  # type: ignore[arg-type]
        suppressed=suppressed,
    )


def _result(
    of: ScanObject,
    findings: list[Finding],
    label: str,
    risk: int,
    violations: tuple[Violation, ...] = (),
    subjects: int = 0,
) -> ObjectResult:
    rank = LABELS.index(label)
    rules = tuple(
        FiredRule(f"entity:{t}", label, f"{t} gevonden", {t: 1})
        for t in sorted({f.entity_type for f in findings})
    )
    return ObjectResult(
        obj=of,
        status=ObjectStatus.SCANNED,
        findings=tuple(findings),
        classification=Classification(
            label=label,
            rank=rank,
            rules=rules,
            explanation=f"{label} door {', '.join(r.id for r in rules) or 'niets'}",
            violations=violations,
            ruleset_version="rules-test-1",
            risk=risk,
        ),
        kind="text",
        data_subjects=subjects,
    )


def results(second_scan: bool) -> list[ObjectResult]:
    a = _obj("HR/a.txt")
    b = _obj("HR/b.txt")
    c = _obj("Fin/c.csv")
    archive = _obj("Fin/arch.zip")
    member = ScanObject(
        path=f"{archive.path}!/{HOSTILE_MEMBER}",
        object_id=f"{archive.object_id}!member",
        parent_id=archive.object_id,
    )
    top = _obj("top.txt")
    clean = _obj("Pub/clean.txt")
    locked = _obj("Pub/locked.zip")
    b_findings = [_finding(b, "NL_BSN", "p1"), _finding(b, "NL_BSN", "pB")]
    if not second_scan:
        b_findings.append(_finding(b, "PHONE_NUMBER", "t4"))
    violation = Violation("hr-max-intern", "critical", "vertrouwelijk in een map voor intern")
    return [
        _result(
            a,
            [
                _finding(a, "NL_BSN", "p1"),
                _finding(a, "NL_BSN", "p2"),
                _finding(a, "NL_BSN", "pA"),
                _finding(a, "EMAIL_ADDRESS", "m3"),
            ],
            "vertrouwelijk",
            60,
            (violation,),
            subjects=3,
        ),
        _result(b, b_findings, "vertrouwelijk", 50, subjects=2),
        _result(
            c,
            [
                _finding(
                    c, "IBAN_CODE", "i5", line=None, suppressed="eigen-iban", row=2, column="=iban"
                ),
                _finding(c, "IBAN_CODE", "i6", line=None, row=3, column="=iban"),
                _finding(c, "NL_BSN", "p7", line=None, row=3, column="bsn"),
            ],
            "geheim",
            90,
            subjects=1,
        ),
        _result(archive, [], "intern", 20),
        _result(
            member, [_finding(member, "SPECIAL_HEALTH", "h1", line=7)], "intern", 20, subjects=1
        ),
        _result(top, [_finding(top, "NL_POSTCODE", "z8")], "intern", 10),
        _result(clean, [], "openbaar", 0),
        ObjectResult(
            obj=locked,
            status=ObjectStatus.ERROR,
            reason="encrypted",
            detail="zip: encrypted member",
            kind="zip",
        ),
    ]


def build(url: str) -> None:
    """Two scans with an officer's false positive in between."""
    store = open_store(url)
    try:
        for second in (False, True):
            scan_id = store.begin_scan([ROOT], "rules-test-1", HOST, "0.0.0-test")
            for result in results(second):
                store.record_object(scan_id, result)
            store.finish_scan(scan_id, "completed", {"scanned": 7, "error": 1})
            if not second:
                mark_false_positive(url, "test-fingerprint-p2")
    finally:
        store.close()


def mark_false_positive(url: str, fingerprint: str) -> None:
    """What an officer's decision does (the findings CLI owns this): status plus history."""
    engine = sa.create_engine(url)
    try:
        with engine.begin() as conn:
            finding_id = conn.execute(
                sa.select(FindingModel.id).where(FindingModel.fingerprint == fingerprint)
            ).scalar_one()
            conn.execute(
                sa.update(FindingModel)
                .where(FindingModel.id == finding_id)
                .values(status="false_positive")
            )
            conn.execute(
                sa.insert(FindingEventModel).values(
                    finding_id=finding_id,
                    at=datetime.now(UTC),
                    old_status="open",
                    new_status="false_positive",
                    reason="test",
                    actor="officer",
                )
            )
    finally:
        engine.dispose()
