"""Objects that leave the disk, on SQLite and PostgreSQL: not present any
more with why and when, findings resolved with the reason, history kept."""

from __future__ import annotations

import sqlalchemy as sa

from datawacht.records import ScanObject
from datawacht.store import Store
from datawacht.store.review import Review
from support.store_records import HOST, begin, finding, obj, scanned


def _set_status(store: Store, fingerprint: str, status: str) -> None:
    with store.writer.begin() as conn:
        conn.execute(
            sa.text("UPDATE findings SET status = :s WHERE fingerprint = :f"),
            {"s": status, "f": fingerprint},
        )


def _object_row(store: Store, object_id: str) -> dict:
    with store.engine.connect() as conn:
        row = conn.execute(
            sa.text("SELECT present, gone_reason, gone_at FROM objects WHERE object_id = :o"),
            {"o": object_id},
        ).one()
    return dict(row._mapping)


def test_a_moved_file_is_gone_with_its_destination_and_history(store: Store) -> None:
    scan_id = begin(store)
    doc = obj("/srv/share/HR/brief.txt")
    store.record_object(scan_id, scanned(doc, finding(doc, 1), finding(doc, 2), label="geheim"))
    _set_status(store, "test-fingerprint-0002", "false_positive")

    [gone] = store.mark_gone(scan_id, [doc.object_id], "moved to /srv/share/Archief/brief.txt")

    assert (gone.object_id, gone.label, gone.resolved) == (doc.object_id, "geheim", 1)
    row = _object_row(store, doc.object_id)
    assert (bool(row["present"]), row["gone_reason"]) == (
        False,
        "moved to /srv/share/Archief/brief.txt",
    )
    assert row["gone_at"] is not None
    findings = {f.fingerprint: f for f in store.list_findings()}
    moved = findings["test-fingerprint-0001"]
    assert (moved.status, moved.status_reason) == (
        "resolved",
        "moved to /srv/share/Archief/brief.txt",
    )
    assert findings["test-fingerprint-0002"].status == "false_positive"  # an officer's decision
    history = Review(store).history(moved.id)
    assert [(e.old_status, e.new_status, e.reason, e.actor) for e in history] == [
        ("open", "resolved", "moved to /srv/share/Archief/brief.txt", "datawacht")
    ]


def test_marking_gone_twice_changes_nothing(store: Store) -> None:
    scan_id = begin(store)
    doc = obj("/srv/share/a.txt")
    store.record_object(scan_id, scanned(doc, finding(doc, 1)))
    assert len(store.mark_gone(scan_id, [doc.object_id], "deleted")) == 1
    assert store.mark_gone(scan_id, [doc.object_id], "deleted") == []
    [only] = store.list_findings()
    assert len(Review(store).history(only.id)) == 1


def test_a_file_that_returns_is_present_again_and_its_findings_reopen(store: Store) -> None:
    scan_id = begin(store)
    doc = obj("/srv/share/a.txt")
    store.record_object(scan_id, scanned(doc, finding(doc, 1)))
    store.mark_gone(scan_id, [doc.object_id], "deleted")
    store.record_object(scan_id, scanned(doc, finding(doc, 1)))
    row = _object_row(store, doc.object_id)
    assert (bool(row["present"]), row["gone_reason"], row["gone_at"]) == (True, None, None)
    [again] = store.list_findings()
    assert again.status == "open"


def test_present_objects_of_a_tree_in_one_query(store: Store) -> None:
    scan_id = begin(store)
    paths = ["/srv/share/a.txt", "/srv/share/sub/b.txt", "/srv/shared/c.txt", "/srv/share"]
    for path in paths:
        store.record_object(scan_id, scanned(obj(path)))
    member = ScanObject("/srv/share/a.zip!/in.txt", "member-1", parent_id="p")
    store.record_object(scan_id, scanned(member))
    other_host = obj("/srv/share/x.txt", host="elsewhere")
    store.record_object(begin(store, "elsewhere"), scanned(other_host))
    store.mark_gone(scan_id, [obj("/srv/share/sub/b.txt").object_id], "deleted")

    found = sorted(s.path for s in store.present_objects(HOST, "/srv/share/"))

    assert found == ["/srv/share", "/srv/share/a.txt", "/srv/share/a.zip!/in.txt"]
