"""Fixtures for the extract tests: every file is generated in a tmp dir.

Values come from Faker nl_NL (seeded) or are obviously fictitious.  Plain
builders and assertion helpers live in `helpers.py`.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Sequence
from pathlib import Path

import pytest
from faker import Faker

from datawacht.limits import Limits


@pytest.fixture
def fake() -> Faker:
    generator = Faker("nl_NL")
    generator.seed_instance(20240517)
    return generator


@pytest.fixture
def limits() -> Limits:
    return Limits()


@pytest.fixture
def make_docx(tmp_path: Path) -> Callable[..., bytes]:
    import docx

    def make(
        paragraphs: Sequence[str],
        *,
        table: Sequence[Sequence[str]] = (),
        header: str = "",
        footer: str = "",
    ) -> bytes:
        document = docx.Document()
        for text in paragraphs:
            document.add_paragraph(text)
        if table:
            grid = document.add_table(rows=len(table), cols=len(table[0]))
            for row, values in zip(grid.rows, table, strict=True):
                for cell, value in zip(row.cells, values, strict=True):
                    cell.text = value
        section = document.sections[0]
        if header:
            section.header.paragraphs[0].text = header
        if footer:
            section.footer.paragraphs[0].text = footer
        path = tmp_path / "document.docx"
        document.save(str(path))
        return path.read_bytes()

    return make


@pytest.fixture
def make_xlsx(tmp_path: Path) -> Callable[[dict[str, list[list[object]]]], bytes]:
    import openpyxl

    def make(sheets: dict[str, list[list[object]]]) -> bytes:
        workbook = openpyxl.Workbook()
        workbook.remove(workbook.active)
        for title, rows in sheets.items():
            sheet = workbook.create_sheet(title)
            for row in rows:
                sheet.append(row)
        path = tmp_path / "workbook.xlsx"
        workbook.save(path)
        return path.read_bytes()

    return make


@pytest.fixture
def make_odt(tmp_path: Path) -> Callable[[Sequence[str]], bytes]:
    from odf.opendocument import OpenDocumentText
    from odf.text import H, P

    def make(paragraphs: Sequence[str]) -> bytes:
        document = OpenDocumentText()
        document.text.addElement(H(outlinelevel=1, text="Verslag"))
        for text in paragraphs:
            document.text.addElement(P(text=text))
        path = tmp_path / "document.odt"
        document.save(str(path))
        return path.read_bytes()

    return make


@pytest.fixture
def make_ods(tmp_path: Path) -> Callable[[dict[str, list[list[object]]]], bytes]:
    from odf.opendocument import OpenDocumentSpreadsheet
    from odf.table import Table as OdfTable
    from odf.table import TableCell, TableRow
    from odf.text import P

    def cell(value: object) -> TableCell:
        if value is None:
            return TableCell()
        if isinstance(value, int):
            element = TableCell(valuetype="float", value=str(value))
        else:
            element = TableCell(valuetype="string")
        element.addElement(P(text=str(value)))
        return element

    def make(sheets: dict[str, list[list[object]]]) -> bytes:
        document = OpenDocumentSpreadsheet()
        for title, rows in sheets.items():
            sheet = OdfTable(name=title)
            for values in rows:
                row = TableRow()
                for value in values:
                    row.addElement(cell(value))
                sheet.addElement(row)
            # What LibreOffice writes after the data: huge runs of empty cells and rows.
            filler = TableRow(numberrowsrepeated=1048000)
            filler.addElement(TableCell(numbercolumnsrepeated=16384))
            sheet.addElement(filler)
            document.spreadsheet.addElement(sheet)
        path = tmp_path / "workbook.ods"
        document.save(str(path))
        return path.read_bytes()

    return make


@pytest.fixture
def make_pdf(tmp_path: Path) -> Callable[..., bytes]:
    from fpdf import FPDF

    def make(
        pages: Sequence[str | None], *, password: str | None = None, image: bytes = b""
    ) -> bytes:
        """One page per entry; None makes a page without text (with `image` if given)."""
        pdf = FPDF()
        pdf.set_font("helvetica", size=12)
        for text in pages:
            pdf.add_page()
            if text is None:
                if image:
                    pdf.image(io.BytesIO(image), x=10, y=10, w=50)
            else:
                pdf.multi_cell(0, 8, text)
        path = tmp_path / "document.pdf"
        pdf.output(str(path))
        if password is None:
            return path.read_bytes()
        from pypdf import PdfReader, PdfWriter

        writer = PdfWriter(clone_from=PdfReader(path))
        writer.encrypt(user_password=password, owner_password=password, algorithm="AES-128")
        out = io.BytesIO()
        writer.write(out)
        return out.getvalue()

    return make


@pytest.fixture
def png_bytes() -> bytes:
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (40, 20), (200, 30, 30)).save(out, format="PNG")
    return out.getvalue()
