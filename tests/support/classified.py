"""Findings of real (fictitious) values, recorded with a real classification,
for the tests of re-classification and review."""

from __future__ import annotations

from collections.abc import Sequence

from datawacht.classify.engine import Classifier
from datawacht.detect.fingerprint import Protector
from datawacht.records import Finding, Location, ObjectResult, ObjectStatus, ScanObject
from datawacht.store import Store


def protected_finding(protector: Protector, obj: ScanObject, entity: str, value: str) -> Finding:
    protected = protector.protect(entity, value)
    return Finding(
        obj.object_id, obj.path, entity, protected.fingerprint, protected.masked, 0.9, "R",
        Location(line=1),
    )  # fmt: skip


def record_classified(
    store: Store,
    classifier: Classifier,
    scan_id: str,
    obj: ScanObject,
    findings: Sequence[Finding],
    inside: Sequence[Finding] = (),
) -> None:
    """Record `obj` as the pipeline would: suppressions marked, labelled on its
    own findings and those of the objects `inside` it."""
    marked = classifier.suppress(obj.path, findings)
    store.record_object(
        scan_id,
        ObjectResult(
            obj, ObjectStatus.SCANNED, findings=marked,
            classification=classifier.classify(obj.path, [*marked, *inside]),
        ),
    )  # fmt: skip
