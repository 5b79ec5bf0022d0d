"""Rows in, columns out: the Table builder shared by CSV, spreadsheets, JSON and SQL.

Detection looks at tabular data per column (a column of valid BSNs under a
meaningless header is still a column of BSNs), so every tabular extractor
feeds rows into one of these builders and yields one `Table` at the end (a
long table one per slice of `SLICE_ROWS` rows, `RowTable.next_slice`).
Only non-empty values become cells; row numbers are the ones a user sees.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from typing import TypeGuard

from datawacht.records import Cell, Column, Table

MAX_HEADER_LENGTH = 100
# Rows per Table when a large table comes in slices (a CSV extract streamed
# from disk, a big sheet): detection holds one slice of cells at a time, so
# memory stays bounded however long the table is.
SLICE_ROWS = 50_000


MAX_HEADER_DIGITS = 2


def generated_name(index: int) -> str:
    """The name of a column without a header: "kolom 1", "kolom 2", ..."""
    return f"kolom {index + 1}"


def looks_like_header(values: Sequence[str | None]) -> bool:
    """True when the first non-empty row reads as column names.

    Every personal value datawacht looks for has an "@" or three or more
    digits (BSN, IBAN, phone, postcode, a date with its year), so a value
    with either is taken as data: mistaking data for a header would hide that
    row from detection.  Up to two digits are allowed, because registers
    name columns `veld1` or `adres 2`, and the name is a detection hint.
    """
    filled = [value.strip() for value in values if _filled(value)]
    return bool(filled) and all(_is_label(value) for value in filled)


def _is_label(value: str) -> bool:
    return (
        len(value) <= MAX_HEADER_LENGTH
        and "@" not in value
        and sum(char.isdigit() for char in value) <= MAX_HEADER_DIGITS
    )


def _filled(value: str | None) -> TypeGuard[str]:
    return value is not None and value.strip() != ""


class _Builder:
    """Cells per column index, bounded by a row limit."""

    def __init__(self, max_rows: int, *, sheet: str | None, table: str | None) -> None:
        self.max_rows = max_rows
        self.rows = 0
        self.truncated = False
        self._sheet = sheet
        self._table = table
        self._cells: list[list[Cell]] = []
        self._rows_before = 0  # rows of the earlier slices of the same table

    @property
    def slice_rows(self) -> int:
        """Data rows in this slice (all rows, when the table is not sliced)."""
        return self.rows - self._rows_before

    def _admit_row(self) -> bool:
        """Count one more data row, or mark the table truncated when it is full."""
        if self.rows >= self.max_rows:
            self.truncated = True
            return False
        self.rows += 1
        return True

    def _append(self, row: int, filled: Sequence[tuple[int, str]]) -> None:
        """Add a row's non-empty values, given as (column index, value)."""
        cells = self._cells
        widest = max(index for index, _ in filled)
        while len(cells) <= widest:
            cells.append([])
        for index, value in filled:
            cells[index].append(Cell(row, value))

    def _build(self, names: Sequence[str]) -> Table:
        width = max(len(names), len(self._cells))
        columns = tuple(
            Column(
                names[index] if index < len(names) and names[index] else generated_name(index),
                index,
                tuple(self._cells[index]) if index < len(self._cells) else (),
            )
            for index in range(width)
        )
        return Table(columns, sheet=self._sheet, table=self._table)


class RowTable(_Builder):
    """Positional rows (CSV, spreadsheet sheets); the first non-empty row may be a header."""

    def __init__(
        self, max_rows: int, *, sheet: str | None = None, table: str | None = None
    ) -> None:
        super().__init__(max_rows, sheet=sheet, table=table)
        self._header: list[str] | None = None
        self._seen_first_row = False

    def add(self, row: int, values: Sequence[str | None]) -> bool:
        """Add one row; False once the row limit is reached (the caller stops reading)."""
        filled = [(index, value) for index, value in enumerate(values) if _filled(value)]
        if not filled:
            return True
        if not self._seen_first_row:
            self._seen_first_row = True
            if looks_like_header(values):
                self._header = [value.strip() if value else "" for value in values]
                return True
        if not self._admit_row():
            return False
        self._append(row, filled)
        return True

    def build(self) -> Table:
        return self._build(self._header or [])

    def next_slice(self) -> RowTable:
        """An empty table for the next rows of the same sheet, after this one
        was built: the same header, and the row limit counted on."""
        follower = RowTable(self.max_rows, sheet=self._sheet, table=self._table)
        follower._header = self._header
        follower._seen_first_row = True
        follower.rows = follower._rows_before = self.rows
        return follower


class RecordTable(_Builder):
    """Named values (JSON objects, SQL rows); columns appear in first-seen order."""

    def __init__(
        self, max_rows: int, *, sheet: str | None = None, table: str | None = None
    ) -> None:
        super().__init__(max_rows, sheet=sheet, table=table)
        self._names: list[str] = []
        self._index: dict[str, int] = {}

    def add(self, row: int, items: Iterable[tuple[str, str | None]]) -> bool:
        """Add one record; False once the row limit is reached."""
        if not self._admit_row():
            return False
        filled = []
        for name, value in items:
            index = self._column(name)  # a column that is empty here still exists
            if _filled(value):
                filled.append((index, value))
        if filled:
            self._append(row, filled)
        return True

    def _column(self, name: str) -> int:
        index = self._index.get(name)
        if index is None:
            index = self._index[name] = len(self._names)
            self._names.append(name)
        return index

    def build(self) -> Table:
        return self._build(self._names)


def cell_text(value: object) -> str | None:
    """A spreadsheet value as the text detection should see.

    Whole numbers lose the ".0" a float would print (a BSN stored as the
    number 111222333 stays nine digits) and dates are ISO YYYY-MM-DD, the
    form the date recognizers and the contract's canonical dates use.
    """
    if value is None or isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e16:
        return str(int(value))
    if isinstance(value, dt.datetime):
        if value.time() == dt.time():
            return value.date().isoformat()
        return value.isoformat(sep=" ")
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    return str(value)
