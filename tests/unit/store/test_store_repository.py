"""The repository on SQLite: finding identity, lifecycle, history and queries.

Fingerprints and masked forms are obviously fictitious: the store never
sees raw values, so none are needed.
"""

from __future__ import annotations

import dataclasses
from datetime import datetime
from typing import Any

import pytest
import sqlalchemy as sa

from datawacht.records import (
    Classification,
    FiredRule,
    ObjectResult,
    ObjectStatus,
    ScanObject,
    Violation,
)
from datawacht.store import FindingStatus, Store, UnknownScanError, open_store
from support.store_records import HOST, begin, finding, obj, scanned, write_from_two_stores


def table(db_url: str, name: str) -> list[dict[str, Any]]:
    engine = sa.create_engine(db_url)
    try:
        with engine.connect() as conn:
            meta = sa.MetaData()
            rows = conn.execute(sa.select(sa.Table(name, meta, autoload_with=conn))).mappings()
            return [dict(row) for row in rows]
    finally:
        engine.dispose()


def set_status(db_url: str, fingerprint: str, status: str) -> None:
    """What an officer's decision does; the findings CLI will own this."""
    engine = sa.create_engine(db_url)
    try:
        with engine.begin() as conn:
            conn.execute(
                sa.text("UPDATE findings SET status = :status WHERE fingerprint = :fp"),
                {"status": status, "fp": fingerprint},
            )
    finally:
        engine.dispose()


def statuses(store: Store) -> dict[str, str]:
    return {f.fingerprint: f.status for f in store.list_findings()}


# --- identity and idempotency ---------------------------------------------------------


def test_recording_the_same_result_twice_duplicates_nothing(store: Store, db_url: str) -> None:
    scan_id = begin(store)
    doc = obj("/srv/share/HR/brief.txt")
    result = scanned(doc, finding(doc, 1), finding(doc, 2, "IBAN_CODE"))
    store.record_object(scan_id, result)
    store.record_object(scan_id, result)
    assert len(table(db_url, "objects")) == 1
    assert len(table(db_url, "findings")) == 2
    assert table(db_url, "finding_events") == []
    assert set(statuses(store).values()) == {"open"}


def test_identity_is_not_the_line(store: Store) -> None:
    doc = obj("/srv/share/HR/brief.txt")
    first_scan = begin(store)
    store.record_object(first_scan, scanned(doc, finding(doc, 1, line=3)))
    first = store.list_findings()[0]
    second_scan = begin(store)
    store.record_object(second_scan, scanned(doc, finding(doc, 1, line=40)))
    [moved] = store.list_findings()
    assert moved.location == {"line": 40, "start": 0, "end": 9}
    assert moved.first_seen == first.first_seen
    assert moved.scan_id == second_scan
    assert moved.status == "open"


def test_same_value_in_another_object_or_type_is_another_finding(store: Store) -> None:
    scan_id = begin(store)
    a, b = obj("/srv/share/a.txt"), obj("/srv/share/b.txt")
    store.record_object(scan_id, scanned(a, finding(a, 1), finding(a, 1, "NL_A_NUMMER")))
    store.record_object(scan_id, scanned(b, finding(b, 1)))
    found = store.list_findings()
    assert [(f.path, f.entity_type) for f in found] == [
        ("/srv/share/a.txt", "NL_A_NUMMER"),
        ("/srv/share/a.txt", "NL_BSN"),
        ("/srv/share/b.txt", "NL_BSN"),
    ]
    assert {f.fingerprint for f in found} == {"test-fingerprint-0001"}


def test_repeated_identity_in_one_result_is_merged(store: Store) -> None:
    scan_id = begin(store)
    doc = obj("/srv/share/a.txt")
    store.record_object(scan_id, scanned(doc, finding(doc, 1, line=2), finding(doc, 1, line=9)))
    [merged] = store.list_findings()
    assert merged.occurrences == 2
    assert merged.location["line"] == 2


def test_a_finding_of_another_object_is_refused(store: Store) -> None:
    scan_id = begin(store)
    doc, other = obj("/srv/share/a.txt"), obj("/srv/share/b.txt")
    with pytest.raises(ValueError, match="finding of object"):
        store.record_object(scan_id, scanned(doc, finding(other, 1)))


# --- lifecycle and history -------------------------------------------------------------


def test_removed_value_is_resolved_with_reason_and_event(store: Store, db_url: str) -> None:
    doc = obj("/srv/share/a.txt")
    first_scan = begin(store)
    store.record_object(first_scan, scanned(doc, finding(doc, 1), finding(doc, 2)))
    second_scan = begin(store)
    store.record_object(second_scan, scanned(doc, finding(doc, 2)))

    removed = store.list_findings(status=["resolved"])
    assert [f.fingerprint for f in removed] == ["test-fingerprint-0001"]
    assert removed[0].status_reason == "value no longer present"
    assert removed[0].resolved_at is not None
    [event] = table(db_url, "finding_events")
    assert (event["old_status"], event["new_status"]) == ("open", "resolved")
    assert event["reason"] == "value no longer present"
    assert event["actor"] == "datawacht"
    assert event["scan_id"] == second_scan

    # recording the same result again adds no second event
    store.record_object(second_scan, scanned(doc, finding(doc, 2)))
    assert len(table(db_url, "finding_events")) == 1


def test_a_value_missing_from_a_sample_is_not_resolved(store: Store) -> None:
    """A large extract or database table analysed by a sample: another
    sample reads other rows, so a value it did not meet may still be there."""
    doc = obj("/srv/share/export.csv")
    store.record_object(begin(store), scanned(doc, finding(doc, 1), finding(doc, 2)))
    resampled = dataclasses.replace(scanned(doc, finding(doc, 2), finding(doc, 3)), sampled=True)
    store.record_object(begin(store), resampled)
    assert store.list_findings(status=["resolved"]) == []
    assert len(store.list_findings(status=["open"])) == 3


def test_resolved_value_that_returns_is_open_again(store: Store, db_url: str) -> None:
    doc = obj("/srv/share/a.txt")
    store.record_object(begin(store), scanned(doc, finding(doc, 1)))
    store.record_object(begin(store), scanned(doc))
    back_scan = begin(store)
    store.record_object(back_scan, scanned(doc, finding(doc, 1)))

    [again] = store.list_findings()
    assert again.status == "open"
    assert again.resolved_at is None
    assert again.status_reason == "value present again"
    history = [(e["old_status"], e["new_status"]) for e in table(db_url, "finding_events")]
    assert history == [("open", "resolved"), ("resolved", "open")]


@pytest.mark.parametrize("decision", ["false_positive", "accepted_risk"])
def test_officer_decision_survives_rescans(store: Store, db_url: str, decision: str) -> None:
    doc = obj("/srv/share/a.txt")
    store.record_object(begin(store), scanned(doc, finding(doc, 1)))
    set_status(db_url, "test-fingerprint-0001", decision)

    store.record_object(begin(store), scanned(doc, finding(doc, 1)))  # still there
    assert statuses(store) == {"test-fingerprint-0001": decision}
    store.record_object(begin(store), scanned(doc))  # gone: the decision stays
    assert statuses(store) == {"test-fingerprint-0001": decision}
    store.record_object(begin(store), scanned(doc, finding(doc, 1)))  # and back
    assert statuses(store) == {"test-fingerprint-0001": decision}
    assert table(db_url, "finding_events") == []


def test_confirmed_value_that_disappears_is_resolved(store: Store, db_url: str) -> None:
    doc = obj("/srv/share/a.txt")
    store.record_object(begin(store), scanned(doc, finding(doc, 1)))
    set_status(db_url, "test-fingerprint-0001", "confirmed")
    store.record_object(begin(store), scanned(doc))
    assert statuses(store) == {"test-fingerprint-0001": "resolved"}
    [event] = table(db_url, "finding_events")
    assert event["old_status"] == "confirmed"


@pytest.mark.parametrize(
    ("status", "reason"),
    [
        (ObjectStatus.ERROR, "encrypted"),
        (ObjectStatus.SKIPPED, "too large"),
    ],
)
def test_unreadable_object_leaves_findings_and_label_alone(
    store: Store, db_url: str, status: ObjectStatus, reason: str
) -> None:
    doc = obj("/srv/share/a.docx")
    store.record_object(begin(store), scanned(doc, finding(doc, 1), label="geheim"))
    store.record_object(begin(store), ObjectResult(obj=doc, status=status, reason=reason))

    [kept] = store.list_findings()
    assert (kept.status, kept.label) == ("open", "geheim")
    [row] = table(db_url, "objects")
    assert (row["status"], row["reason"], row["present"]) == (status.value, reason, True)
    assert (row["counts"], row["data_subjects"]) == ({"NL_BSN": 1}, 1)
    assert table(db_url, "finding_events") == []


def test_partial_object_adds_findings_but_resolves_none(store: Store) -> None:
    doc = obj("/srv/share/big.xlsx")
    store.record_object(begin(store), scanned(doc, finding(doc, 1)))
    partial = ObjectResult(
        obj=doc, status=ObjectStatus.PARTIAL, reason="too large", findings=(finding(doc, 2),)
    )
    store.record_object(begin(store), partial)
    assert statuses(store) == {"test-fingerprint-0001": "open", "test-fingerprint-0002": "open"}


def test_object_row_holds_the_result(store: Store, db_url: str) -> None:
    scan_id = begin(store)
    doc = obj("/srv/share/a.txt")
    result = ObjectResult(
        obj=doc,
        status=ObjectStatus.SCANNED,
        findings=(finding(doc, 1), finding(doc, 2), finding(doc, 3, "IBAN_CODE")),
        classification=Classification(
            "vertrouwelijk",
            2,
            (
                FiredRule("bsn-many", "vertrouwelijk", "many", {"NL_BSN": 2}),
                FiredRule("iban", "intern", "x"),
            ),
            "test rule fired",
            violations=(Violation("label-exceeds-location", "high", "above intern"),),
            suppressed=1,
            ruleset_version="rules-test-1",
            risk=40,
        ),
        content_hash="test-hash-0001",
        kind="text",
        data_subjects=2,
    )
    store.record_object(scan_id, result)
    [row] = table(db_url, "objects")
    assert row["path"] == "/srv/share/a.txt"
    assert row["host"] == HOST
    assert (row["size"], row["mtime"], row["content_hash"]) == (
        100,
        1_700_000_000.0,
        "test-hash-0001",
    )
    assert (row["label"], row["label_rank"], row["rules"]) == (
        "vertrouwelijk",
        2,
        [
            {
                "id": "bsn-many",
                "label": "vertrouwelijk",
                "reason": "many",
                "entities": {"NL_BSN": 2},
            },
            {"id": "iban", "label": "intern", "reason": "x"},
        ],
    )
    assert row["explanation"] == "test rule fired"
    assert row["violations"] == [
        {"rule": "label-exceeds-location", "severity": "high", "message": "above intern"}
    ]
    assert (row["suppressed"], row["risk"], row["ruleset_version"]) == (1, 40, "rules-test-1")
    assert row["counts"] == {"IBAN_CODE": 1, "NL_BSN": 2}
    assert row["data_subjects"] == 2
    assert (row["last_scan_id"], row["present"]) == (scan_id, True)


# --- objects that disappeared ---------------------------------------------------------


def test_mark_missing(store: Store, db_url: str) -> None:
    old_scan = begin(store)
    kept, deleted, archive = (
        obj("/srv/share/kept.txt"),
        obj("/srv/share/HR/deleted.txt"),
        obj("/srv/share/old.zip"),
    )
    member = ScanObject(path="/srv/share/old.zip!/list.csv", object_id="testhost:old.zip!/list.csv")
    sibling = obj("/srv/share2/other-tree.txt")
    elsewhere = obj("/srv/share/same-path-other-host.txt", host="otherhost")
    for each in (kept, deleted, archive, member, sibling):
        store.record_object(old_scan, scanned(each, finding(each, 1)))
    store.record_object(begin(store, "otherhost"), scanned(elsewhere, finding(elsewhere, 1)))

    new_scan = begin(store)
    store.record_object(new_scan, scanned(kept, finding(kept, 1)))
    missing = store.mark_missing(new_scan, "/srv/share/", {kept.object_id})

    assert missing == 3  # deleted, the archive and its member
    present = {row["path"]: row["present"] for row in table(db_url, "objects")}
    assert present == {
        "/srv/share/kept.txt": True,
        "/srv/share/HR/deleted.txt": False,
        "/srv/share/old.zip": False,
        "/srv/share/old.zip!/list.csv": False,
        "/srv/share2/other-tree.txt": True,
        "/srv/share/same-path-other-host.txt": True,
    }
    resolved = store.list_findings(status=["resolved"])
    assert {f.path for f in resolved} == {
        "/srv/share/HR/deleted.txt",
        "/srv/share/old.zip",
        "/srv/share/old.zip!/list.csv",
    }
    assert {f.status_reason for f in resolved} == {"object no longer present"}
    events = table(db_url, "finding_events")
    assert len(events) == 3
    assert {(e["reason"], e["scan_id"]) for e in events} == {("object no longer present", new_scan)}
    assert store.mark_missing(new_scan, "/srv/share", {kept.object_id}) == 0


def test_mark_missing_spares_objects_recorded_since_the_scan_began(store: Store) -> None:
    doc = obj("/srv/share/new.txt")
    full_scan = begin(store)
    # the watch daemon records a file that the full scan's walk had already passed
    store.record_object(begin(store), scanned(doc, finding(doc, 1)))
    assert store.mark_missing(full_scan, "/srv/share", set()) == 0
    assert statuses(store) == {"test-fingerprint-0001": "open"}


def test_a_missing_object_that_returns_is_present_and_open_again(store: Store) -> None:
    doc = obj("/srv/share/a.txt")
    store.record_object(begin(store), scanned(doc, finding(doc, 1)))
    scan_id = begin(store)
    store.mark_missing(scan_id, "/srv/share", set())
    assert statuses(store) == {"test-fingerprint-0001": "resolved"}
    store.record_object(begin(store), scanned(doc, finding(doc, 1)))
    assert statuses(store) == {"test-fingerprint-0001": "open"}


# --- queries ----------------------------------------------------------------------------


@pytest.fixture
def populated(store: Store, db_url: str) -> Store:
    scan_id = begin(store)
    hr, fin, pub = (
        obj("/srv/share/HR/brief.txt"),
        obj("/srv/share/FIN/export.csv"),
        obj("/srv/share/public/notes.txt"),
    )
    store.record_object(
        scan_id, scanned(hr, finding(hr, 1), finding(hr, 2, "EMAIL_ADDRESS"), label="geheim")
    )
    store.record_object(scan_id, scanned(fin, finding(fin, 3, "IBAN_CODE"), label="vertrouwelijk"))
    store.record_object(scan_id, scanned(pub, finding(pub, 4, "EMAIL_ADDRESS"), label="openbaar"))
    set_status(db_url, "test-fingerprint-0004", "false_positive")
    return store


def fingerprints(found: list[Any]) -> list[str]:
    return [f.fingerprint.removeprefix("test-fingerprint-") for f in found]


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        ({}, ["0003", "0002", "0001", "0004"]),  # ordered by path, then entity type
        ({"status": ["open"]}, ["0003", "0002", "0001"]),
        ({"status": ["false_positive", "resolved"]}, ["0004"]),
        ({"label": ["geheim", "vertrouwelijk"]}, ["0003", "0002", "0001"]),
        ({"entity_type": ["EMAIL_ADDRESS"]}, ["0002", "0004"]),
        ({"path_glob": "/srv/share/HR/*"}, ["0002", "0001"]),
        ({"path_glob": "*.csv"}, ["0003"]),
        ({"path_glob": "/srv/*/notes.txt"}, ["0004"]),
        ({"path_glob": "/srv/share/[FH]*"}, ["0003", "0002", "0001"]),
        ({"path_glob": "/srv/share/hr/*"}, []),  # case-sensitive, as paths are
        ({"path_glob": "/srv/share/HR/brief.txt"}, ["0002", "0001"]),
        ({"status": ["open"], "entity_type": ["EMAIL_ADDRESS"]}, ["0002"]),
        ({"limit": 2}, ["0003", "0002"]),
        ({"path_glob": "*.txt", "limit": 1}, ["0002"]),
        ({"limit": 0}, []),
        ({"status": [], "label": []}, ["0003", "0002", "0001", "0004"]),  # empty: no filter
    ],
)
def test_list_findings_filters(
    populated: Store, filters: dict[str, Any], expected: list[str]
) -> None:
    assert fingerprints(populated.list_findings(**filters)) == expected


def test_list_findings_rejects_an_unknown_status(populated: Store) -> None:
    with pytest.raises(ValueError, match="opne"):
        populated.list_findings(status=["opne"])


def test_stored_finding_fields(populated: Store) -> None:
    [found] = populated.list_findings(path_glob="*/FIN/*")
    assert found.object_id == f"{HOST}:/srv/share/FIN/export.csv"
    assert (found.entity_type, found.masked, found.score) == ("IBAN_CODE", "*****T003", 0.9)
    assert (found.recognizer, found.occurrences, found.detail) == ("TestRecognizer", 1, "")
    assert found.label == "vertrouwelijk"
    for moment in (found.first_seen, found.last_seen):
        assert moment.endswith("Z")
        assert datetime.fromisoformat(moment).utcoffset().total_seconds() == 0
    assert found.resolved_at is None
    assert FindingStatus(found.status) is FindingStatus.OPEN


# --- scans --------------------------------------------------------------------------------


def test_scan_lifecycle(store: Store) -> None:
    scan_id = store.begin_scan(["/srv/share", "/srv/other"], "rules-test-1", HOST, "0.0.0-test")
    running = store.get_scan(scan_id)
    assert (running.status, running.finished_at, running.summary) == ("running", None, {})
    assert running.targets == ("/srv/share", "/srv/other")
    store.finish_scan(scan_id, "completed", {"objects": 3, "findings": 7})
    done = store.get_scan(scan_id)
    assert (done.status, done.summary) == ("completed", {"objects": 3, "findings": 7})
    assert (done.host, done.ruleset_version, done.scanner_version) == (
        HOST,
        "rules-test-1",
        "0.0.0-test",
    )
    assert done.started_at <= done.finished_at


def test_scan_errors(store: Store) -> None:
    scan_id = begin(store)
    with pytest.raises(ValueError):
        store.finish_scan(scan_id, "running", {})
    with pytest.raises(ValueError):
        store.finish_scan(scan_id, "done", {})
    with pytest.raises(UnknownScanError):
        store.finish_scan("no-such-scan", "completed", {})
    with pytest.raises(UnknownScanError):
        store.get_scan("no-such-scan")
    doc = obj("/srv/share/a.txt")
    with pytest.raises(UnknownScanError):
        store.record_object("no-such-scan", scanned(doc))
    with pytest.raises(UnknownScanError):
        store.mark_missing("no-such-scan", "/srv/share", set())


# --- concurrency ---------------------------------------------------------------------------


def test_two_processes_recording_at_once(db_url: str) -> None:
    """Two stores (separate connections, as two processes have) writing in parallel."""
    assert write_from_two_stores(db_url) == []
    store = open_store(db_url)
    try:
        assert len(store.list_findings()) == 51
        assert len(store.list_findings(path_glob="*/shared.txt")) == 1
    finally:
        store.close()
