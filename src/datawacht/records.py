"""The records that flow one way between the stages.

Source -> ScanObject; Extract -> Fragment | Table | Member; Detect -> Hit;
canonical/fingerprint -> Finding; Classify -> Classification; the pipeline
bundles all of it per object in an ObjectResult that Store and Report consume.

No record here ever carries a raw personal value: hits are spans into a
fragment, findings carry only a masked form and a keyed fingerprint.  The
only records that hold document text are Fragment and Cell, and they never
leave the pipeline.
"""

from __future__ import annotations

import dataclasses
import enum
from dataclasses import dataclass, field
from typing import Any


class ObjectStatus(enum.StrEnum):
    """What happened to an object; the contract's `status` field."""

    SCANNED = "scanned"
    SKIPPED = "skipped"
    ERROR = "error"
    PARTIAL = "partial"


@dataclass(frozen=True)
class Location:
    """Where a finding sits inside its object (contract: `location`).

    Text-like files use `line` (1-based) and `start`/`end` character offsets
    into the decoded text of the whole object; spreadsheets and extracts use
    `sheet`/`row`/`column`; PDFs add `page`; e-mail adds `part`; database
    columns use `table`/`column`.  Unset fields are left out of the output.
    """

    line: int | None = None
    start: int | None = None
    end: int | None = None
    page: int | None = None
    sheet: str | None = None
    row: int | None = None
    column: str | None = None
    part: str | None = None
    table: str | None = None

    def to_dict(self) -> dict[str, int | str]:
        # Not dataclasses.asdict: it deep-copies and this runs once per finding.
        return {k: v for k, v in self.__dict__.items() if v is not None}

    def with_(self, **changes: int | str | None) -> Location:
        return dataclasses.replace(self, **changes)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Location:
        """The inverse of `to_dict` (the findings database stores that form)."""
        return cls(**data)


@dataclass(frozen=True)
class TableRef:
    """A database table to read, as the source listed it (no credentials).

    `source` is the credential-free URL of the database (`postgresql://host:
    5432/db`): the worker that reads the table looks its connection up by it.
    `columns` are the columns worth reading (binary and boolean columns are
    left out when the table is listed), `key` a single integer primary key
    that sampling may probe ranges of, `estimated_rows` the database's own
    estimate, and `stats` the statistics the incremental check compares
    (None where the database keeps none: the table is always read).
    """

    source: str
    schema: str | None
    name: str
    columns: tuple[str, ...]
    key: str | None = None
    estimated_rows: int | None = None
    stats: str | None = None

    @property
    def qualified(self) -> str:
        """`schema.table`, the form of `location.table` and of include/exclude patterns."""
        return f"{self.schema}.{self.name}" if self.schema else self.name


@dataclass(frozen=True)
class ScanObject:
    """One thing that gets a status and a label: a file, an archive member or
    a database table.

    `object_id` is stable across scans (host + absolute path, or parent id +
    member name), which is what makes rescans update instead of duplicate.
    `data` holds the bytes of an archive member (read in memory, never written
    to disk); files are read from `fs_path` by the extract stage.
    `skip_reason` is set by a source for things it must not open at all
    (FIFOs, devices, symlinks leaving the tree).  `table` marks a database
    table: the worker that scans it reads sampled rows instead of bytes.
    """

    path: str
    object_id: str
    size: int | None = None
    mtime: float | None = None
    fs_path: str | None = None
    parent_id: str | None = None
    depth: int = 0
    skip_reason: str | None = None
    data: bytes | None = field(default=None, repr=False, compare=False)
    table: TableRef | None = None

    @property
    def name(self) -> str:
        """The last path component, used by the extractor registry."""
        tail = self.path.rsplit("!/", 1)[-1]
        return tail.replace("\\", "/").rsplit("/", 1)[-1]


@dataclass(frozen=True)
class Fragment:
    """A piece of extracted text and where it came from.

    `offset` is the character offset of `text[0]` in the object's decoded
    text and `first_line` its 1-based line number, so a hit at `start` inside
    the fragment maps to `offset + start` in the object.  `origin` carries the
    page, e-mail part, sheet or cell that the text came from.
    """

    text: str = field(repr=False)
    origin: Location = Location()
    offset: int = 0
    first_line: int = 1


@dataclass(frozen=True)
class Cell:
    """One non-empty value of a column; `row` is the row number as a user sees
    it in the file (1-based, the header row counts)."""

    row: int
    value: str = field(repr=False)


@dataclass(frozen=True)
class Column:
    """A column of tabular data: its header (or a generated name) and cells."""

    name: str
    index: int
    cells: tuple[Cell, ...] = field(repr=False)


@dataclass(frozen=True)
class Table:
    """Tabular data (CSV sheet, spreadsheet sheet, JSON lines, SQL INSERTs).

    Detection analyses it per column, so that a column of valid BSNs is found
    even under a meaningless header; `sheet` names the sheet or SQL table.
    """

    columns: tuple[Column, ...]
    sheet: str | None = None
    table: str | None = None


@dataclass(frozen=True)
class Member:
    """An archive member (or e-mail attachment), read into memory.

    A member that cannot be read (encrypted, over a limit) still becomes an
    object: `skip_reason` then holds the contract's reason code and `data` is
    empty.
    """

    name: str
    data: bytes = field(repr=False)
    mtime: float | None = None
    skip_reason: str | None = None


@dataclass(frozen=True)
class Hit:
    """A detection: entity type and span in a fragment, without the value.

    `detail` explains why (pattern, validation, context word) and never
    contains matched text.
    """

    entity_type: str
    start: int
    end: int
    score: float
    recognizer: str
    detail: str = ""


@dataclass(frozen=True)
class Finding:
    """A protected detection: identity is object + entity type + fingerprint.

    Repeated occurrences of one value in one object are one finding with
    `occurrences` > 1 and the location of the first occurrence.
    """

    object_id: str
    path: str
    entity_type: str
    fingerprint: str
    masked: str
    score: float
    recognizer: str
    location: Location
    occurrences: int = 1
    detail: str = ""
    # The id of the suppression that accepted this finding (`own-iban`,
    # `ignore.3`); a suppressed finding is kept and shown, but no rule counts it.
    suppressed: str | None = None

    @property
    def identity(self) -> tuple[str, str, str]:
        return (self.object_id, self.entity_type, self.fingerprint)


@dataclass(frozen=True)
class FiredRule:
    """One rule that contributed to an object's label, with its evidence."""

    id: str
    label: str
    reason: str
    entities: dict[str, int] = field(default_factory=dict)  # distinct values per type
    subjects: int | None = None

    def to_dict(self) -> dict[str, object]:
        out: dict[str, object] = {"id": self.id, "label": self.label, "reason": self.reason}
        if self.entities:
            out["entities"] = dict(self.entities)
        if self.subjects is not None:
            out["subjects"] = self.subjects
        return out


@dataclass(frozen=True)
class Violation:
    """A location policy broken by an object: too high a label for where it
    is, or a state-secret marking outside an accredited location."""

    rule: str
    severity: str
    message: str

    def to_dict(self) -> dict[str, str]:
        return {"rule": self.rule, "severity": self.severity, "message": self.message}


@dataclass(frozen=True)
class Classification:
    """The label of an object and why (contract: `classification`)."""

    label: str
    rank: int
    rules: tuple[FiredRule, ...] = ()
    explanation: str = ""
    violations: tuple[Violation, ...] = ()
    suppressed: int = 0  # findings accepted by a suppression
    ruleset_version: str = ""
    risk: int = 0  # 0-100, for sorting: the heaviest entity weight raised by volume

    def to_dict(self) -> dict[str, object]:
        return {
            "label": self.label,
            "rank": self.rank,
            "rules": [rule.to_dict() for rule in self.rules],
            "explanation": self.explanation,
            "violations": [violation.to_dict() for violation in self.violations],
            "suppressed": self.suppressed,
            "ruleset_version": self.ruleset_version,
            "risk": self.risk,
        }


@dataclass(frozen=True)
class ObjectResult:
    """Everything the pipeline learned about one object in one scan."""

    obj: ScanObject
    status: ObjectStatus
    reason: str | None = None
    detail: str | None = None
    findings: tuple[Finding, ...] = ()
    classification: Classification | None = None
    content_hash: str | None = None
    kind: str | None = None
    data_subjects: int = 0
    # Only a sample of the object's rows was analysed (a large extract, a
    # database table): a value missing from this sample may still be there,
    # so the store does not resolve it.
    sampled: bool = False

    @property
    def counts(self) -> dict[str, int]:
        """Distinct values per entity type, suppressed findings left out."""
        counts: dict[str, int] = {}
        for finding in self.findings:
            if finding.suppressed is None:
                counts[finding.entity_type] = counts.get(finding.entity_type, 0) + 1
        return dict(sorted(counts.items()))
