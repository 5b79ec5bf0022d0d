"""OpenDocument spreadsheets (ods), streamed row by row from `content.xml`.

odfpy builds a tree of the whole document first: a 13 MB `content.xml`
(20,000 rows of seven columns) took 300 MB of memory, and spreadsheets
compress so well that the file size says little.  Here lxml's `iterparse`
reads the XML once, each row of a sheet is turned into values and dropped,
and a sheet comes in slices of `SLICE_ROWS` rows: memory holds one slice of
cells, whatever the sheet's length.  The parser resolves no entities and
fetches nothing.

One Table per sheet (a long one in slices).  ODF compresses runs of identical
cells and rows with `number-columns-repeated`/`number-rows-repeated`;
LibreOffice ends every sheet with an empty run of a million rows, so empty
runs are skipped without being expanded.  Filled runs are expanded up to the
column and row limits, and all repeats of one document together add at most
`MAX_REPEATED_CELLS` cells: a few bytes of XML can ask for 16384 columns
times a million rows (a decompression bomb); beyond the budget a run is read
once and the rest of it, and of its row, is left out (TooLargeError after
all sheets).  Numbers, dates and booleans are taken from the typed
`office:*value` attributes rather than the formatted display text; a text
cell's paragraphs are read as odfpy's `teletype.extractText` reads them.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import IO

from lxml import etree
from odf.namespaces import OFFICENS, TABLENS, TEXTNS

from datawacht.errors import EncryptedError, TooLargeError
from datawacht.extract.tables import SLICE_ROWS, RowTable
from datawacht.limits import Limits
from datawacht.records import Table

MAX_COLUMNS = 16384
"""The widest sheet LibreOffice and Excel allow; wider repeats are cut here."""

MAX_SPACES = 1000
"""A `<text:s text:c="N"/>` is N spaces; a hostile N would allocate gigabytes."""

MANIFEST_LIMIT = 1 << 20

MAX_REPEATED_CELLS = 100_000
"""Cells that repeats may add to one document beyond the cells it stores."""

MAX_INTEGER_DIGITS = 30
"""Whole numbers up to this many digits are printed as integers; "1E+99999" is left alone."""

_TABLE = f"{{{TABLENS}}}table"
_ROW = f"{{{TABLENS}}}table-row"
_CELL = f"{{{TABLENS}}}table-cell"
_COVERED_CELL = f"{{{TABLENS}}}covered-table-cell"
_NAME = f"{{{TABLENS}}}name"
_ROWS_REPEATED = f"{{{TABLENS}}}number-rows-repeated"
_COLUMNS_REPEATED = f"{{{TABLENS}}}number-columns-repeated"
_PARAGRAPHS = frozenset({f"{{{TEXTNS}}}p", f"{{{TEXTNS}}}h"})
_LINE_BREAK = f"{{{TEXTNS}}}line-break"
_TAB = f"{{{TEXTNS}}}tab"
_SPACES = f"{{{TEXTNS}}}s"
_SPACE_COUNT = f"{{{TEXTNS}}}c"


def extract_ods(data: bytes, limits: Limits) -> Iterator[Table]:
    """One Table per sheet (a long one in slices of `SLICE_ROWS` rows);
    raises TooLargeError after all sheets if one was cut off."""
    truncated = 0
    budget = _RepeatBudget(MAX_REPEATED_CELLS)
    table: RowTable | None = None
    row_number = 0
    full = False  # the current sheet reached the row limit: its other rows are skipped
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        refuse_encrypted(package)
        with package.open("content.xml") as content:
            try:
                for item in _read(content, budget):
                    if isinstance(item, _SheetStart):
                        if table is not None:
                            yield table.build()
                        table = RowTable(limits.max_table_rows, sheet=item.name)
                        row_number, full = 0, False
                        continue
                    if table is None or full:
                        continue
                    if not any(item.values):
                        row_number += item.repeat
                        continue
                    filled = sum(value is not None for value in item.values)
                    copies = 1 + budget.take(item.repeat - 1, filled)
                    for _ in range(copies):
                        row_number += 1
                        if not table.add(row_number, item.values):
                            break
                    row_number += max(0, item.repeat - copies)
                    if table.truncated:
                        truncated += 1
                        full = True
                    elif table.slice_rows >= SLICE_ROWS:
                        yield table.build()
                        table = table.next_slice()
            except Exception:
                # Broken XML or a damaged member: the rows read so far count.
                if table is not None:
                    yield table.build()
                raise
    if table is not None:
        yield table.build()
    if truncated:
        raise TooLargeError(f"{truncated} sheet(s) truncated at {limits.max_table_rows} rows")
    if budget.exceeded:
        raise TooLargeError(
            f"repeated rows and cells expand beyond {MAX_REPEATED_CELLS} cells; "
            "each repeat beyond that was read once"
        )


def refuse_encrypted(package: zipfile.ZipFile) -> None:
    """EncryptedError when the package's manifest says it is encrypted (ods and odt)."""
    with package.open("META-INF/manifest.xml") as manifest:
        if b"encryption-data" in manifest.read(MANIFEST_LIMIT):
            raise EncryptedError("password-protected OpenDocument file")


@dataclass(frozen=True)
class _SheetStart:
    name: str | None


@dataclass(frozen=True)
class _Row:
    """A row of the current sheet: its cell values, and how often it repeats."""

    repeat: int
    values: list[str | None]


def _read(content: IO[bytes], budget: _RepeatBudget) -> Iterator[_SheetStart | _Row]:
    """The sheets and their rows in document order; each row is freed once
    read.  A table inside a cell (a drawing with a table) is that cell's
    text, not a sheet."""
    depth = 0  # tables open
    for event, element in etree.iterparse(
        content,
        events=("start", "end"),
        tag=(_TABLE, _ROW),
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
    ):
        if element.tag == _TABLE:
            if event == "start":
                depth += 1
                if depth == 1:
                    yield _SheetStart(element.get(_NAME))
            else:
                depth -= 1
                if depth == 0:
                    _drop(element)
        elif event == "end" and depth == 1:
            yield _Row(int(element.get(_ROWS_REPEATED) or 1), _row_values(element, budget))
            _drop(element)


def _drop(element: etree._Element) -> None:
    """Free an element that has been read, and the siblings before it."""
    element.clear(keep_tail=False)
    parent = element.getparent()
    if parent is not None:
        while element.getprevious() is not None:
            del parent[0]


def _row_values(row: etree._Element, budget: _RepeatBudget) -> list[str | None]:
    values: list[str | None] = []
    pending_empty = 0
    for cell in row:
        if cell.tag not in (_CELL, _COVERED_CELL):
            continue
        repeat = int(cell.get(_COLUMNS_REPEATED) or 1)
        value = _cell_value(cell) if cell.tag == _CELL else None
        if value is None:
            pending_empty += repeat
            continue
        width = len(values) + pending_empty
        if width >= MAX_COLUMNS:
            break
        values.extend([None] * pending_empty)
        wanted = min(repeat, MAX_COLUMNS - width)
        copies = 1 + budget.take(wanted - 1, 1)
        values.extend([value] * copies)
        pending_empty = 0
        if copies < wanted:
            break  # the cells after a cut-off run would land in the wrong columns
    return values


def _cell_value(cell: etree._Element) -> str | None:
    value_type = cell.get(f"{{{OFFICENS}}}value-type")
    if value_type in ("float", "percentage", "currency"):
        return _number(cell.get(f"{{{OFFICENS}}}value"))
    if value_type == "date":
        return _date(cell.get(f"{{{OFFICENS}}}date-value"))
    if value_type == "time":
        return cell.get(f"{{{OFFICENS}}}time-value")
    if value_type == "boolean":
        return (cell.get(f"{{{OFFICENS}}}boolean-value") or "").upper() or None
    text = "\n".join(_paragraph_text(p) for p in _outer_paragraphs(cell))
    return text or None


def _outer_paragraphs(root: etree._Element) -> Iterator[etree._Element]:
    """text:p and text:h elements below `root` in document order, not
    descending into them: their text includes nested ones (a frame or a
    note inside a paragraph), which descending would read twice."""
    stack = list(reversed(root))
    while stack:
        node = stack.pop()
        if node.tag in _PARAGRAPHS:
            yield node
        elif isinstance(node.tag, str):  # not a comment or processing instruction
            stack.extend(reversed(node))


def _paragraph_text(element: etree._Element) -> str:
    """The text of an element with `text:s`, `text:tab` and `text:line-break`
    unwrapped, as odfpy's `teletype.extractText` gives it."""
    parts = [element.text or ""]
    for child in element:
        if child.tag == _LINE_BREAK:
            parts.append("\n")
        elif child.tag == _TAB:
            parts.append("\t")
        elif child.tag == _SPACES:
            parts.append(" " * _space_count(child.get(_SPACE_COUNT)))
        elif isinstance(child.tag, str):
            parts.append(_paragraph_text(child))
        parts.append(child.tail or "")
    return "".join(parts)


def _space_count(count: str | None) -> int:
    try:
        return max(0, min(int(count or 1), MAX_SPACES))
    except ValueError:
        return 1


def _number(value: str | None) -> str | None:
    """The stored decimal, without a trailing ".0" (a BSN stored as a number stays digits)."""
    if not value:
        return None
    try:
        number = Decimal(value)
    except InvalidOperation:
        return value
    if number.is_finite() and number.adjusted() < MAX_INTEGER_DIGITS and number == int(number):
        return str(int(number))
    return value


def _date(value: str | None) -> str | None:
    """ISO date, or date and time when the time is not midnight."""
    if not value:
        return None
    day, _, time = value.partition("T")
    return day if time.strip("0:.") == "" else f"{day} {time}"


class _RepeatBudget:
    """How many more cells repeats may add to the document."""

    def __init__(self, cells: int) -> None:
        self.left = cells
        self.exceeded = False

    def take(self, extra: int, cells_each: int) -> int:
        """How many of `extra` further copies of `cells_each` cells fit."""
        if extra <= 0:
            return 0
        fitting = min(extra, self.left // max(1, cells_each))
        self.left -= fitting * cells_each
        if fitting < extra:
            self.exceeded = True
        return fitting
