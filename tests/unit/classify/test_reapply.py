"""`rules apply`: new rules over stored findings give what a rescan would give."""

from __future__ import annotations

from pathlib import Path

import pytest

from datawacht.classify.engine import Classifier
from datawacht.classify.layers import load_ruleset
from datawacht.classify.reapply import apply_rules
from datawacht.detect.fingerprint import Protector
from datawacht.records import Finding, ScanObject
from datawacht.store import Store, open_store
from support.classified import protected_finding, record_classified

PROTECTOR = Protector(b"unit-test-reapply-key-0123456789a")
OWN_IBAN = "NL91ABNA0417164300"


def _fingerprint(entity: str, value: str) -> str:
    return PROTECTOR.protect(entity, value).fingerprint


def _finding(obj: ScanObject, entity: str, value: str) -> Finding:
    return protected_finding(PROTECTOR, obj, entity, value)


@pytest.fixture()
def store(tmp_path: Path) -> Store:
    opened = open_store(f"sqlite:///{tmp_path / 'findings.db'}")
    yield opened
    opened.close()


def _record(store: Store, classifier: Classifier, scan_id: str, *objects) -> None:  # noqa: ANN002
    """Record objects (children after their parent in `objects`, as tuples of
    (ScanObject, findings)) the way the pipeline classifies them."""
    for obj, findings in objects:
        inside = [
            f for child, child_findings in objects if child.parent_id == obj.object_id
            for f in classifier.suppress(child.path, child_findings)
        ]  # fmt: skip
        record_classified(store, classifier, scan_id, obj, findings, inside)


def test_new_suppression_relabels_stored_objects_and_containers(
    store: Store, tmp_path: Path
) -> None:
    shipped = Classifier(load_ruleset(), _fingerprint, read_folder_files=False)
    letter = ScanObject("/srv/share/brief.txt", "h:brief")
    archive = ScanObject("/srv/share/oud.zip", "h:zip")
    member = ScanObject("/srv/share/oud.zip!/factuur.txt", "h:member", parent_id="h:zip")
    scan_id = store.begin_scan(["/srv/share"], shipped.rules.version, "h", "test")
    _record(
        store,
        shipped,
        scan_id,
        (letter, [_finding(letter, "IBAN_CODE", OWN_IBAN), _finding(letter, "PERSON", "Kees")]),
        (archive, []),
        (member, [_finding(member, "IBAN_CODE", OWN_IBAN)]),
    )
    labels = {f.path: f.label for f in store.list_findings()}
    assert labels["/srv/share/oud.zip!/factuur.txt"] == "vertrouwelijk"

    rules_dir = tmp_path / "rules"
    rules_dir.mkdir()
    (rules_dir / "gemeente.yaml").write_text(
        "ruleset: gemeente\nversion: '1'\nextends: default\n"
        "suppressions:\n"
        "  - id: own-iban\n    entity: IBAN_CODE\n"
        f"    fingerprints: [{_fingerprint('IBAN_CODE', OWN_IBAN)}]\n"
        "    reason: rekening van de gemeente\n",
        encoding="utf-8",
    )
    organisation = Classifier(load_ruleset(rules_dir), _fingerprint, read_folder_files=False)
    changes = apply_rules(store, organisation)

    assert changes == {
        ("vertrouwelijk", "intern"): 1,  # the letter: only the name counts now
        ("vertrouwelijk", "openbaar"): 2,  # the archive and its member
    }
    findings = {(f.path, f.entity_type): f for f in store.list_findings()}
    assert findings[("/srv/share/brief.txt", "PERSON")].label == "intern"
    iban = findings[("/srv/share/oud.zip!/factuur.txt", "IBAN_CODE")]
    assert (iban.label, iban.status) == ("openbaar", "open")  # kept, not dropped
    # running it again changes nothing
    again = apply_rules(store, organisation)
    assert again == {("intern", "intern"): 1, ("openbaar", "openbaar"): 2}
