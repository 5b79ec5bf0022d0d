"""The CSV and JSON reports.

CSV: one row per present finding, for spreadsheets.  File names, sheet and
column names come from whoever wrote the files, so every text cell that a
spreadsheet would read as a formula (starting with = + - @, a tab or a
carriage return) is prefixed with a single quote, as OWASP recommends for
CSV injection.  The masked value is never more than the database holds.

JSON: the ReportData of the HTML report as one document (docs/reports.md).
"""

from __future__ import annotations

import csv
import dataclasses
import json
from collections.abc import Iterable
from typing import IO

from datawacht.report.data import FindingRow, ReportData

REPORT_FORMAT_VERSION = 1
LOCATION_FIELDS = ("line", "start", "end", "page", "sheet", "row", "column", "part", "table")
CSV_FIELDS = (
    "path",
    "share",
    "entity_type",
    "masked",
    "fingerprint",
    "status",
    "suppressed",
    "label",
    "occurrences",
    "score",
    *LOCATION_FIELDS,
    "first_seen",
    "last_seen",
    "object_id",
)
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value: object) -> object:
    """A cell as a spreadsheet may read it: text that looks like a formula gets a `'`."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def write_csv(findings: Iterable[FindingRow], out: IO[str]) -> int:
    """Write the findings as CSV with a header; returns the number of rows."""
    writer = csv.writer(out)
    writer.writerow(CSV_FIELDS)
    count = 0
    for finding in findings:
        location = finding.location
        row = (
            finding.path,
            finding.share,
            finding.entity_type,
            finding.masked,
            finding.fingerprint,
            finding.status,
            finding.suppressed or "",
            finding.label or "",
            finding.occurrences,
            finding.score,
            *(location.get(name, "") for name in LOCATION_FIELDS),
            finding.first_seen,
            finding.last_seen,
            finding.object_id,
        )
        writer.writerow([neutralise(cell) for cell in row])
        count += 1
    return count


def report_dict(data: ReportData, tool_version: str) -> dict[str, object]:
    """The JSON report: the ReportData fields plus `format_version` and `tool_version`."""
    return {
        "format_version": REPORT_FORMAT_VERSION,
        "tool_version": tool_version,
        **dataclasses.asdict(data),
    }


def write_json(data: ReportData, out: IO[str], tool_version: str) -> None:
    json.dump(report_dict(data, tool_version), out, ensure_ascii=False, indent=1)
    out.write("\n")
