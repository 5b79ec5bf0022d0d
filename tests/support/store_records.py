"""Obviously fictitious store records for the store tests (SQLite and PostgreSQL).

The store never sees raw values, so fingerprints and masks are plain labels.
"""

from __future__ import annotations

import threading

from datawacht.records import (
    Classification,
    Finding,
    FiredRule,
    Location,
    ObjectResult,
    ObjectStatus,
    ScanObject,
)
from datawacht.store import Store, open_store

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
        classification=Classification(
            label=label, rank=1, rules=(FiredRule("test-rule", label, "test"),)
        ),
        kind="text",
        data_subjects=len(findings),
    )


def begin(store: Store, host: str = HOST) -> str:
    return store.begin_scan(["/srv/share"], "rules-test-1", host, "0.0.0-test")


def write_from_two_stores(url: str) -> list[BaseException]:
    """Two stores (separate connection pools, as two processes have) writing at
    once, each 25 objects of its own and all to one shared object; returns
    what went wrong in the writers."""
    stores = [open_store(url), open_store(url)]
    errors: list[BaseException] = []

    def record(writer: Store, worker: int) -> None:
        try:
            scan_id = begin(writer)
            shared = obj("/srv/share/shared.txt")
            for n in range(25):
                own = obj(f"/srv/share/worker{worker}/file{n}.txt")
                writer.record_object(scan_id, scanned(own, finding(own, n)))
                writer.record_object(scan_id, scanned(shared, finding(shared, 9999)))
        except BaseException as exc:  # reported to the calling test
            errors.append(exc)

    threads = [threading.Thread(target=record, args=(s, i)) for i, s in enumerate(stores)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    for each in stores:
        each.close()
    return errors
