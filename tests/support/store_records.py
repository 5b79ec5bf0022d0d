"""Obviously fictitious store records for the store tests (SQLite and PostgreSQL).

The store never sees raw values, so fingerprints and masks are plain labels.
"""

from __future__ import annotations

from datawacht.records import (
    Classification,
    Finding,
    Location,
    ObjectResult,
    ObjectStatus,
    ScanObject,
)
from datawacht.store import Store

HOST = "testhost"


def obj(path: str, host: str = HOST) -> ScanObject:
    return ScanObject(path=path, object_id=f"{host}:{path}", size=100, mtime=1_700_000_000.0)


def finding(of: ScanObject, n: int, entity_type: str = "NL_BSN", line: int = 1) -> Finding:
    return Finding(
        object_id=of.object_id,
        path=of.path,
        entity_type=entity_type,
        fingerprint=f"test-fingerprint-{n:04d}",
        masked=f"*****T{n:03d}",
        score=0.9,
        recognizer="TestRecognizer",
        location=Location(line=line, start=0, end=9),
    )


def scanned(of: ScanObject, *findings: Finding, label: str = "intern") -> ObjectResult:
    return ObjectResult(
        obj=of,
        status=ObjectStatus.SCANNED,
        findings=findings,
        classification=Classification(label=label, rank=1, rules=("test-rule",)),
        kind="text",
        data_subjects=len(findings),
    )


def begin(store: Store, host: str = HOST) -> str:
    return store.begin_scan(["/srv/share"], "rules-test-1", host, "0.0.0-test")
