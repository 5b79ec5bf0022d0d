"""Records → the contract's JSON shapes.  Only masked values and fingerprints."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from datawacht.records import Finding, ObjectResult


@dataclass
class ScanSummary:
    """What a scan did, for the `scan` block of `--format json` and the table."""

    scan_id: str
    targets: list[str]
    ruleset_version: str
    scanner_version: str
    started_at: str
    finished_at: str | None = None
    status: str = "running"
    objects_by_status: Counter[str] = field(default_factory=Counter)
    objects_by_label: Counter[str] = field(default_factory=Counter)
    findings_by_type: Counter[str] = field(default_factory=Counter)
    suppressed: int = 0
    violations_by_severity: Counter[str] = field(default_factory=Counter)

    def add(self, result: ObjectResult) -> None:
        self.objects_by_status[result.status.value] += 1
        if result.classification is not None:
            self.objects_by_label[result.classification.label] += 1
            for violation in result.classification.violations:
                self.violations_by_severity[violation.severity] += 1
        for finding in result.findings:
            if finding.suppressed is None:
                self.findings_by_type[finding.entity_type] += 1
            else:
                self.suppressed += 1

    @property
    def unreadable(self) -> int:
        return sum(n for status, n in self.objects_by_status.items() if status != "scanned")

    def to_dict(self) -> dict[str, object]:
        return {
            "scan_id": self.scan_id,
            "targets": self.targets,
            "status": self.status,
            "started_at": self.started_at,
            "finished_at": self.finished_at,
            "ruleset_version": self.ruleset_version,
            "scanner_version": self.scanner_version,
            "objects": dict(sorted(self.objects_by_status.items())),
            "labels": dict(sorted(self.objects_by_label.items())),
            "findings": dict(sorted(self.findings_by_type.items())),
            "suppressed": self.suppressed,
            "violations": dict(sorted(self.violations_by_severity.items())),
        }


def finding_to_dict(finding: Finding, scan_id: str) -> dict[str, object]:
    return {
        "path": finding.path,
        "entity_type": finding.entity_type,
        "fingerprint": finding.fingerprint,
        "masked": finding.masked,
        "score": finding.score,
        "recognizer": finding.recognizer,
        "location": finding.location.to_dict(),
        "occurrences": finding.occurrences,
        "detail": finding.detail,
        "suppressed": finding.suppressed,
        "object_id": finding.object_id,
        "scan_id": scan_id,
    }


def object_to_dict(result: ObjectResult) -> dict[str, object]:
    obj = result.obj
    return {
        "path": obj.path,
        "object_id": obj.object_id,
        "parent_id": obj.parent_id,
        "status": result.status.value,
        "reason": result.reason,
        "detail": result.detail,
        "kind": result.kind,
        "size": obj.size,
        "classification": result.classification.to_dict() if result.classification else None,
        "counts": result.counts,
        "data_subjects": result.data_subjects,
        "columns": column_summary(result.findings),
    }


def column_summary(findings: Iterable[Finding]) -> list[dict[str, object]]:
    """Per column of a table, extract or sheet, the entity types found in it:
    distinct values (each a data subject for an identifier), occurrences,
    the best score and how the column was judged.  Empty for text."""
    columns: dict[tuple[str | None, str | None, str, str], dict[str, Any]] = {}
    for finding in findings:
        where = finding.location
        if where.column is None or finding.suppressed:
            continue
        key = (where.sheet, where.table, where.column, finding.entity_type)
        entry = columns.setdefault(
            key,
            {
                "sheet": where.sheet,
                "table": where.table,
                "column": where.column,
                "entity_type": finding.entity_type,
                "distinct": 0,
                "occurrences": 0,
                "score": 0.0,
                "detail": "",
            },
        )
        entry["distinct"] += 1
        entry["occurrences"] += finding.occurrences
        if finding.score > entry["score"]:  # the strongest evidence explains the column
            entry["score"], entry["detail"] = finding.score, finding.detail
    return sorted(
        columns.values(),
        key=lambda e: (e["sheet"] or "", e["table"] or "", e["column"], e["entity_type"]),
    )
