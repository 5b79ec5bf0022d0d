"""Scan output in the formats of `datawacht scan --format`.

Writers receive object results as the scan produces them, so `jsonl` and
`csv` stream and a large scan never holds all findings in memory; `json`
and `table` need the whole picture and keep what they print (masked values
only) until the end.
"""

from __future__ import annotations

import csv
import json
from typing import IO, Protocol

from datawacht.classify.schema import SEVERITY_ORDER
from datawacht.records import ObjectResult
from datawacht.report.serialize import ScanSummary, finding_to_dict, object_to_dict

CSV_FIELDS = [
    "path",
    "entity_type",
    "masked",
    "fingerprint",
    "score",
    "recognizer",
    "location",
    "occurrences",
    "object_id",
    "scan_id",
]


class ScanWriter(Protocol):
    def start(self, scan_id: str) -> None: ...

    def object_done(self, result: ObjectResult) -> None: ...

    def finish(self, summary: ScanSummary) -> None: ...


class JsonlWriter:
    """One finding per line, as the contract shows it."""

    def __init__(self, out: IO[str]) -> None:
        self._out = out
        self._scan_id = ""

    def start(self, scan_id: str) -> None:
        self._scan_id = scan_id

    def object_done(self, result: ObjectResult) -> None:
        for finding in result.findings:
            self._out.write(json.dumps(finding_to_dict(finding, self._scan_id), ensure_ascii=False))
            self._out.write("\n")

    def finish(self, summary: ScanSummary) -> None:
        self._out.flush()


class CsvWriter:
    """Findings for spreadsheets; `location` as compact `key=value` pairs."""

    def __init__(self, out: IO[str]) -> None:
        self._writer = csv.DictWriter(out, fieldnames=CSV_FIELDS, extrasaction="ignore")
        self._scan_id = ""

    def start(self, scan_id: str) -> None:
        self._scan_id = scan_id
        self._writer.writeheader()

    def object_done(self, result: ObjectResult) -> None:
        for finding in result.findings:
            row = finding_to_dict(finding, self._scan_id)
            location = finding.location.to_dict()
            row["location"] = " ".join(f"{key}={value}" for key, value in location.items())
            self._writer.writerow(row)

    def finish(self, summary: ScanSummary) -> None:
        pass


class JsonWriter:
    """`{"scan": …, "objects": […], "findings": […]}` in one document, one
    object or finding per line: readable, and each line is encoded by the
    json module's C encoder (`json.dump` and `indent` use its pure-Python one,
    which took seconds for a share of 10,000 files)."""

    def __init__(self, out: IO[str]) -> None:
        self._out = out
        self._scan_id = ""

    def start(self, scan_id: str) -> None:
        self._scan_id = scan_id
        self._objects: list[str] = []
        self._findings: list[str] = []

    def object_done(self, result: ObjectResult) -> None:
        self._objects.append(_json_line(object_to_dict(result)))
        self._findings.extend(
            _json_line(finding_to_dict(f, self._scan_id)) for f in result.findings
        )

    def finish(self, summary: ScanSummary) -> None:
        self._out.write(f'{{"scan": {_json_line(summary.to_dict())},\n')
        self._out.write(f' "objects": [{_json_list(self._objects)}],\n')
        self._out.write(f' "findings": [{_json_list(self._findings)}]}}\n')


def _json_line(item: dict[str, object]) -> str:
    return json.dumps(item, ensure_ascii=False)


def _json_list(lines: list[str]) -> str:
    """The items of a JSON array, one per line."""
    return ",".join(f"\n  {line}" for line in lines) + ("\n " if lines else "")


class TableWriter:
    """A readable summary for a terminal: labels, then the riskiest objects."""

    SHOWN = 25

    def __init__(self, out: IO[str]) -> None:
        self._out = out
        self._rows: list[tuple[int, int, str, str, str]] = []
        self._problems: list[tuple[str, str, str]] = []
        self._violations: list[tuple[int, str, str, str]] = []

    def start(self, scan_id: str) -> None:
        pass

    def object_done(self, result: ObjectResult) -> None:
        if result.status.value != "scanned":
            detail = f"{result.reason or ''}{': ' + result.detail if result.detail else ''}"
            self._problems.append((result.status.value, detail, result.obj.path))
        for violation in result.classification.violations if result.classification else ():
            rank = SEVERITY_ORDER.index(violation.severity)
            self._violations.append((rank, violation.severity, violation.message, result.obj.path))
        if result.classification and result.classification.rank > 0:
            counts = ", ".join(f"{kind} {n}" for kind, n in result.counts.items())
            self._rows.append(
                (
                    result.classification.rank,
                    result.data_subjects,
                    result.classification.label,
                    counts or "(in nested objects)",
                    result.obj.path,
                )
            )

    def finish(self, summary: ScanSummary) -> None:
        write = self._out.write
        statuses = ", ".join(f"{n} {s}" for s, n in sorted(summary.objects_by_status.items()))
        write(f"scan {summary.scan_id}  ({summary.ruleset_version})\n")
        write(f"objects: {statuses or 'none'}\n")
        labels = ", ".join(f"{label} {n}" for label, n in sorted(summary.objects_by_label.items()))
        write(f"labels: {labels or 'none'}\n")
        kinds = ", ".join(f"{kind} {n}" for kind, n in sorted(summary.findings_by_type.items()))
        write(f"findings (distinct values per object): {kinds or 'none'}\n")
        if summary.suppressed:
            write(
                f"suppressed findings (accepted by the rules, not counted): {summary.suppressed}\n"
            )
        if self._rows:
            write("\nlabel          subjects  findings  path\n")
            self._rows.sort(key=lambda row: (-row[0], -row[1], row[4]))
            for _rank, subjects, label, counts, path in self._rows[: self.SHOWN]:
                write(f"{label:<14} {subjects:>8}  {path}\n{'':<26}{counts}\n")
            if len(self._rows) > self.SHOWN:
                write(f"... and {len(self._rows) - self.SHOWN} more objects with findings\n")
        if self._violations:
            write("\npolicy violations:\n")
            self._violations.sort(key=lambda row: (-row[0], row[3]))
            for _rank, severity, message, path in self._violations[: self.SHOWN]:
                write(f"  {severity:<8} {path}\n{'':<11}{message}\n")
            if len(self._violations) > self.SHOWN:
                write(f"... and {len(self._violations) - self.SHOWN} more violations\n")
        if self._problems:
            write("\nnot (fully) scanned:\n")
            for status, detail, path in self._problems:
                write(f"  {status:<8} {detail}  {path}\n")


WRITERS: dict[str, type[JsonlWriter | CsvWriter | JsonWriter | TableWriter]] = {
    "table": TableWriter,
    "json": JsonWriter,
    "jsonl": JsonlWriter,
    "csv": CsvWriter,
}
