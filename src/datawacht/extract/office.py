"""Office Open XML (docx through python-docx, xlsx through openpyxl) and OLE files.

docx: body paragraphs and table cells in document order, then text boxes,
headers and footers, then comments, joined with "\\n" into one text.  Line
breaks inside a paragraph become spaces, so a finding's `line` is its
paragraph number and `start`/`end` are offsets into that joined text.

xlsx: one Table per worksheet (`sheet` = its name, `row` = the sheet's row
number), values converted to the text a user sees in the cell where that
matters for detection: a BSN stored as the number 111222333 stays digits,
a date becomes YYYY-MM-DD.

OLE compound files are either legacy binary Office formats (not supported)
or encrypted OOXML packages (Office wraps a password-protected docx/xlsx in
OLE with an EncryptionInfo stream).
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Iterator

import docx
import openpyxl
from docx.document import Document
from docx.oxml.ns import qn
from docx.table import Table as DocxTable
from docx.text.paragraph import Paragraph

from datawacht.errors import EncryptedError, TooLargeError, UnsupportedError
from datawacht.extract.tables import SLICE_ROWS, RowTable, cell_text
from datawacht.extract.text import split_text
from datawacht.limits import Limits
from datawacht.records import Fragment, Table

ENCRYPTION_STREAM = "EncryptionInfo".encode("utf-16-le")
"""Directory entry name (UTF-16 in the OLE directory) of an encrypted OOXML package."""

MAX_EMPTY_ROWS = 1 << 20
"""Empty rows one workbook may take.  openpyxl makes an empty row for every
row number a sheet skips, so `<row r="4294967296">` in a few bytes of XML
would take hours; Excel's sheets end at row 1048576."""

_TEXT_BOX = qn("w:txbxContent")
_PARAGRAPH = qn("w:p")
# Word stores a text box twice: the DrawingML original and a VML fallback copy.
_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"


def extract_docx(data: bytes, limits: Limits) -> Iterator[Fragment]:
    """The document's text as one "\\n"-joined text, one line per paragraph."""
    document = docx.Document(io.BytesIO(data))
    paragraphs = (text.replace("\n", " ") for text in _docx_texts(document))
    yield from split_text("\n".join(paragraphs))


def _docx_texts(document: Document) -> Iterator[str]:
    yield from _block_texts(document.iter_inner_content())
    for element in document.element.body.iter(_TEXT_BOX):
        if not any(ancestor.tag == _FALLBACK for ancestor in element.iterancestors()):
            for paragraph in element.iter(_PARAGRAPH):
                yield Paragraph(paragraph, document).text
    for section in document.sections:
        for part in (
            section.header,
            section.first_page_header,
            section.even_page_header,
            section.footer,
            section.first_page_footer,
            section.even_page_footer,
        ):
            if not part.is_linked_to_previous:
                yield from _block_texts(part.iter_inner_content())
    # Comments need python-docx 1.2; with 1.1 they are not read.
    for comment in getattr(document, "comments", ()):
        yield from _block_texts(comment.iter_inner_content())


def _block_texts(blocks: Iterable[Paragraph | DocxTable]) -> Iterator[str]:
    for block in blocks:
        if isinstance(block, Paragraph):
            yield block.text
        else:
            for row in block.rows:
                seen: set[int] = set()
                for cell in row.cells:  # a cell spanning columns appears once per column
                    if id(cell) not in seen:
                        seen.add(id(cell))
                        yield from _block_texts(cell.iter_inner_content())


def extract_xlsx(data: bytes, limits: Limits) -> Iterator[Table]:
    """One Table per worksheet (a long one in slices of `SLICE_ROWS` rows);
    raises TooLargeError after all sheets if one was cut off."""
    workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    truncated = 0
    empty_rows = 0
    try:
        for sheet in workbook.worksheets:
            # The stored dimension may be missing or hostile ("A1:XFD1048576");
            # forgetting it makes openpyxl return only the cells that exist.
            sheet.reset_dimensions()
            table = RowTable(limits.max_table_rows, sheet=sheet.title)
            for row_number, values in enumerate(sheet.iter_rows(values_only=True), start=1):
                if values.count(None) == len(values):  # also a row number skipped: ()
                    empty_rows += 1
                    if empty_rows > MAX_EMPTY_ROWS:
                        break
                    continue
                if not table.add(row_number, [cell_text(value) for value in values]):
                    truncated += 1
                    break
                if table.slice_rows >= SLICE_ROWS:
                    yield table.build()
                    table = table.next_slice()
            yield table.build()
            if empty_rows > MAX_EMPTY_ROWS:
                raise TooLargeError(
                    f"more than {MAX_EMPTY_ROWS} empty rows; the rest of the workbook is not read"
                )
    finally:
        workbook.close()
    if truncated:
        raise TooLargeError(f"{truncated} sheet(s) truncated at {limits.max_table_rows} rows")


def extract_ole(data: bytes, limits: Limits) -> Iterator[Fragment]:
    """Never yields: says whether the OLE file is encrypted OOXML or a legacy format."""
    if ENCRYPTION_STREAM in data:
        raise EncryptedError("password-protected Office document")
    raise UnsupportedError(
        "legacy Office or other OLE compound file (.doc, .xls, .ppt); save it as .docx/.xlsx"
    )
