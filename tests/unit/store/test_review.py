"""Triage and investigation on SQLite and the real PostgreSQL (fixture `store_url`)."""

from __future__ import annotations

import random
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest

from datawacht.classify.engine import Classifier
from datawacht.classify.layers import load_ruleset
from datawacht.classify.reapply import apply_rules
from datawacht.detect.fingerprint import Protector
from datawacht.records import (
    Finding,
    ObjectResult,
    ObjectStatus,
    ScanObject,
)
from datawacht.store import Store, open_store
from datawacht.store.review import Review
from support.classified import protected_finding, record_classified
from support.values import make_bsn

PROTECTOR = Protector(b"unit-test-review-key-0123456789ab")
_RNG = random.Random(12)
BSN_A, BSN_B, BSN_C = (make_bsn(_RNG) for _ in range(3))
CLASSIFIER = Classifier(
    load_ruleset(), lambda e, v: PROTECTOR.protect(e, v).fingerprint, read_folder_files=False
)


@pytest.fixture
def store(store_url: str) -> Iterator[Store]:
    opened = open_store(store_url)
    yield opened
    opened.close()


def _finding(obj: ScanObject, entity: str, value: str) -> Finding:
    return protected_finding(PROTECTOR, obj, entity, value)


def _record(store: Store, scan_id: str, obj: ScanObject, *findings: Finding) -> None:
    record_classified(store, CLASSIFIER, scan_id, obj, findings)


def _share(store: Store) -> str:
    scan_id = store.begin_scan(["/srv/hr", "/srv/algemeen"], "rules-test", "h", "test")
    register = ScanObject("/srv/hr/lijsten/register.csv", "h:register")
    letter = ScanObject("/srv/algemeen/brief.txt", "h:letter")
    memo = ScanObject("/srv/algemeen/memo.txt", "h:memo")
    _record(
        store,
        scan_id,
        register,
        *(_finding(register, "NL_BSN", bsn) for bsn in (BSN_A, BSN_B, BSN_C)),
        *(_finding(register, "PERSON", n) for n in ("Kees Testpersoon", "Anna Voorbeeld")),
    )
    _record(store, scan_id, letter, _finding(letter, "NL_BSN", BSN_B))
    _record(store, scan_id, memo, _finding(memo, "EMAIL_ADDRESS", "kees@example.nl"))
    store.record_object(
        scan_id,
        ObjectResult(
            ScanObject("/srv/hr/geheim.zip", "h:zip"), ObjectStatus.ERROR, "encrypted", "AES"
        ),
    )
    store.finish_scan(scan_id, "completed", {})
    return scan_id


def test_status_changes_need_reason_and_actor_and_are_all_logged(store: Store) -> None:
    _share(store)
    review = Review(store)
    rows = store.list_findings(entity_type=["NL_BSN"])
    with pytest.raises(ValueError, match="reason and the acting user"):
        review.set_status(rows, "confirmed", " ", "fg")
    assert review.set_status(rows, "confirmed", "echte BSN's", "fg@gemeente") == 4
    assert review.set_status(rows, "confirmed", "nogmaals", "fg@gemeente") == 0  # no-ops
    [one] = store.list_findings(path_glob="/srv/algemeen/brief.txt")
    review.set_status([one], "accepted_risk", "archief, bewaartermijn loopt", "ciso")
    history = review.history(one.id)
    assert [(e.old_status, e.new_status, e.actor, e.reason) for e in history] == [
        ("open", "confirmed", "fg@gemeente", "echte BSN's"),
        ("confirmed", "accepted_risk", "ciso", "archief, bewaartermijn loopt"),
    ]
    assert review.counts_by_status() == {"accepted_risk": 1, "confirmed": 3, "open": 3}


def test_a_false_positive_stays_out_of_the_label_in_later_scans(store: Store) -> None:
    _share(store)
    review = Review(store)
    [memo_email] = store.list_findings(path_glob="/srv/algemeen/memo.txt")
    assert memo_email.label == "intern"
    review.set_status([memo_email], "false_positive", "adres van de afdeling", "fg")
    apply_rules(store, CLASSIFIER, {memo_email.object_id})
    [again] = store.list_findings(finding_ids=[memo_email.id])
    assert (again.label, again.suppressed, again.status) == (
        "openbaar",
        "false_positive",
        "false_positive",
    )

    # a later scan finds the value again: still a false positive, still no label
    CLASSIFIER.keep_out(review.false_positives())
    scan_id = store.begin_scan(["/srv/algemeen"], "rules-test", "h", "test")
    memo = ScanObject("/srv/algemeen/memo.txt", "h:memo")
    _record(store, scan_id, memo, _finding(memo, "EMAIL_ADDRESS", "kees@example.nl"))
    [later] = store.list_findings(finding_ids=[memo_email.id])
    assert (later.label, later.status) == ("openbaar", "false_positive")
    CLASSIFIER.keep_out(())


def test_where_does_a_value_occur_by_fingerprint(store: Store) -> None:
    _share(store)
    fingerprint = PROTECTOR.protect("NL_BSN", f"{BSN_B[:4]}.{BSN_B[4:6]}.{BSN_B[6:]}").fingerprint
    rows = Review(store).where({fingerprint})
    assert sorted(r.path for r in rows) == [
        "/srv/algemeen/brief.txt",
        "/srv/hr/lijsten/register.csv",
    ]
    assert Review(store).where({"0" * 64}) == []


def test_subjects_per_share_folder_and_label(store: Store) -> None:
    _share(store)
    review = Review(store)
    by_share = {c.group: (c.subjects, c.objects) for c in review.subjects("share")}
    # a share is the scanned folder plus one level, as in the reports
    assert by_share == {"/srv/hr/lijsten": (3, 1), "/srv/algemeen": (1, 2)}
    assert {c.group for c in review.subjects("share", share_depth=0)} == {
        "/srv/hr",
        "/srv/algemeen",
    }
    by_folder = {c.group: c.subjects for c in review.subjects("folder")}
    assert by_folder == {"/srv/hr/lijsten": 3, "/srv/algemeen": 1}
    by_label = {c.group: c.subjects for c in review.subjects("label")}
    assert by_label == {"vertrouwelijk": 3, "intern": 1}


def test_new_since_and_unscanned(store: Store) -> None:
    _share(store)
    assert len(store.list_findings(since=datetime.now(UTC) - timedelta(hours=1))) == 7
    assert store.list_findings(since=datetime.now(UTC) + timedelta(hours=1)) == []
    [unscanned] = Review(store).unscanned()
    assert (unscanned.path, unscanned.status, unscanned.reason) == (
        "/srv/hr/geheim.zip", "error", "encrypted",
    )  # fmt: skip
