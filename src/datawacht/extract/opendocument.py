"""OpenDocument text (odt) and spreadsheets (ods), read with odfpy.

odt follows the docx conventions: paragraphs and headings in document
order (including those in tables, frames and notes), then those of the
page headers and footers, joined with "\\n"; `line` is the paragraph number.

ods: one Table per sheet.  ODF compresses runs of identical cells and rows
with `number-columns-repeated`/`number-rows-repeated`; LibreOffice ends every
sheet with an empty run of a million rows, so empty runs are skipped without
being expanded.  Filled runs are expanded up to the column and row limits,
and all repeats of one document together add at most `MAX_REPEATED_CELLS`
cells: a few bytes of XML can ask for 16384 columns times a million rows (a
decompression bomb); beyond the budget a run is read once and the rest of
it, and of its row, is left out (TooLargeError after all sheets).
Numbers, dates and booleans are taken from the typed `office:*value`
attributes rather than the formatted display text.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterator
from decimal import Decimal, InvalidOperation

from odf import teletype
from odf.element import Element
from odf.namespaces import OFFICENS, TABLENS, TEXTNS
from odf.opendocument import OpenDocument, load
from odf.table import Table as OdfTable
from odf.table import TableRow
from odf.text import S

from datawacht.errors import EncryptedError, TooLargeError
from datawacht.extract.tables import SLICE_ROWS, RowTable
from datawacht.extract.text import split_text
from datawacht.limits import Limits
from datawacht.records import Fragment, Table

MAX_COLUMNS = 16384
"""The widest sheet LibreOffice and Excel allow; wider repeats are cut here."""

MAX_SPACES = 1000
"""A `<text:s text:c="N"/>` is N spaces; a hostile N would allocate gigabytes."""

MANIFEST_LIMIT = 1 << 20

MAX_REPEATED_CELLS = 100_000
"""Cells that repeats may add to one document beyond the cells it stores."""

MAX_INTEGER_DIGITS = 30
"""Whole numbers up to this many digits are printed as integers; "1E+99999" is left alone."""

_PARAGRAPHS = frozenset({(TEXTNS, "p"), (TEXTNS, "h")})
_CELL = (TABLENS, "table-cell")
_COVERED_CELL = (TABLENS, "covered-table-cell")


def extract_odt(data: bytes, limits: Limits) -> Iterator[Fragment]:
    """Paragraph and heading text as one "\\n"-joined text, one line per paragraph."""
    document = _load(data)
    roots = [document.text, document.masterstyles]
    texts = (teletype.extractText(p).replace("\n", " ") for p in _outer_paragraphs(roots))
    yield from split_text("\n".join(texts))


def extract_ods(data: bytes, limits: Limits) -> Iterator[Table]:
    """One Table per sheet (a long one in slices of `SLICE_ROWS` rows);
    raises TooLargeError after all sheets if one was cut off."""
    document = _load(data)
    truncated = 0
    budget = _RepeatBudget(MAX_REPEATED_CELLS)
    for sheet in document.spreadsheet.getElementsByType(OdfTable):
        table = RowTable(limits.max_table_rows, sheet=sheet.getAttrNS(TABLENS, "name"))
        row_number = 0
        for row in sheet.getElementsByType(TableRow):
            repeat = int(row.getAttrNS(TABLENS, "number-rows-repeated") or 1)
            values = _row_values(row, budget)
            if not any(values):
                row_number += repeat
                continue
            filled = sum(value is not None for value in values)
            copies = 1 + budget.take(repeat - 1, filled)
            for _ in range(copies):
                row_number += 1
                if not table.add(row_number, values):
                    break
            row_number += max(0, repeat - copies)
            if table.truncated:
                truncated += 1
                break
            if table.slice_rows >= SLICE_ROWS:
                yield table.build()
                table = table.next_slice()
        yield table.build()
    if truncated:
        raise TooLargeError(f"{truncated} sheet(s) truncated at {limits.max_table_rows} rows")
    if budget.exceeded:
        raise TooLargeError(
            f"repeated rows and cells expand beyond {MAX_REPEATED_CELLS} cells; "
            "each repeat beyond that was read once"
        )


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


def _load(data: bytes) -> OpenDocument:
    """The parsed document; EncryptedError when the manifest says it is encrypted."""
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        with package.open("META-INF/manifest.xml") as manifest:
            if b"encryption-data" in manifest.read(MANIFEST_LIMIT):
                raise EncryptedError("password-protected OpenDocument file")
    document = load(io.BytesIO(data))
    for spaces in document.getElementsByType(S):
        if int(spaces.getAttrNS(TEXTNS, "c") or 1) > MAX_SPACES:
            spaces.setAttrNS(TEXTNS, "c", str(MAX_SPACES))
    return document


def _outer_paragraphs(roots: list[Element]) -> Iterator[Element]:
    """text:p and text:h elements in document order, not descending into them.

    extractText already includes nested paragraphs (a frame or a note inside
    a paragraph), so descending would read them twice.
    """
    stack = list(reversed(roots))
    while stack:
        node = stack.pop()
        if getattr(node, "qname", None) in _PARAGRAPHS:
            yield node
        else:
            stack.extend(reversed(node.childNodes))


def _row_values(row: Element, budget: _RepeatBudget) -> list[str | None]:
    values: list[str | None] = []
    pending_empty = 0
    for cell in row.childNodes:
        if cell.qname not in (_CELL, _COVERED_CELL):
            continue
        repeat = int(cell.getAttrNS(TABLENS, "number-columns-repeated") or 1)
        value = _cell_value(cell) if cell.qname == _CELL else None
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


def _cell_value(cell: Element) -> str | None:
    value_type = cell.getAttrNS(OFFICENS, "value-type")
    if value_type in ("float", "percentage", "currency"):
        return _number(cell.getAttrNS(OFFICENS, "value"))
    if value_type == "date":
        return _date(cell.getAttrNS(OFFICENS, "date-value"))
    if value_type == "time":
        return cell.getAttrNS(OFFICENS, "time-value")
    if value_type == "boolean":
        return (cell.getAttrNS(OFFICENS, "boolean-value") or "").upper() or None
    text = "\n".join(teletype.extractText(p) for p in _outer_paragraphs([cell]))
    return text or None


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
