"""docx and xlsx: text with paragraph lines, sheets as tables, broken and encrypted files."""

from __future__ import annotations

import datetime as dt
import io
import time
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from faker import Faker

from datawacht.errors import ArchiveLimitError, CorruptError, EncryptedError, TooLargeError
from datawacht.extract import office
from datawacht.extract.office import MAX_EMPTY_ROWS
from datawacht.limits import Limits
from unit.extract.helpers import column_values, expect, fragments, run, tables


def joined_text(pieces: list) -> str:
    return "".join(fragment.text for fragment in fragments(pieces))


def test_docx_paragraphs_tables_headers_and_footers(
    make_docx: Callable[..., bytes], fake: Faker
) -> None:
    name, iban = fake.name(), fake.iban()
    data = make_docx(
        ["Geachte heer/mevrouw,", f"Namens {name} bevestigen wij", "", "Met vriendelijke groet"],
        table=[["Rekening", iban], ["Plaats", "Ede"]],
        header="Kenmerk 2024-001",
        footer="Pagina voet",
    )
    pieces, error = run("brief.docx", data)
    assert error is None
    text = joined_text(pieces)
    lines = text.split("\n")
    # Body paragraphs first, one per line: the line number is the paragraph number.
    expect(lines[1] == f"Namens {name} bevestigen wij", "second paragraph is not line 2")
    expect(lines[4:8] == ["Rekening", iban, "Plaats", "Ede"], "table cells not in order")
    expect("Kenmerk 2024-001" in lines and "Pagina voet" in lines, "header/footer missing")
    for fragment in fragments(pieces):
        at_offset = text[fragment.offset : fragment.offset + len(fragment.text)]
        expect(at_offset == fragment.text, "fragment offset is not its place in the text")


def test_docx_line_break_inside_a_paragraph_keeps_paragraph_numbering(
    make_docx: Callable[..., bytes],
) -> None:
    data = make_docx(["eerste\nzelfde alinea", "tweede"])
    text = joined_text(run("brief.docx", data)[0])
    assert text.split("\n")[:2] == ["eerste zelfde alinea", "tweede"]


def test_docx_text_boxes_once_and_comments(tmp_path: Path) -> None:
    import docx
    from docx.oxml import parse_xml

    namespaces = (
        'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
        'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
        'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" '
        'xmlns:v="urn:schemas-microsoft-com:vml"'
    )
    box = "<w:txbxContent><w:p><w:r><w:t>In het tekstvak</w:t></w:r></w:p></w:txbxContent>"
    # Word writes a text box twice: the DrawingML choice and a VML fallback.
    paragraph = parse_xml(
        f"<w:p {namespaces}><w:r><mc:AlternateContent>"
        f'<mc:Choice Requires="wps"><wps:txbx>{box}</wps:txbx></mc:Choice>'
        f"<mc:Fallback><v:textbox>{box}</v:textbox></mc:Fallback>"
        "</mc:AlternateContent></w:r></w:p>"
    )
    document = docx.Document()
    commented = document.add_paragraph("Alinea met opmerking")
    document.element.body.insert(0, paragraph)
    document.add_comment(commented.runs, text="Controleer dit", author="Redactie")
    path = tmp_path / "vakken.docx"
    document.save(str(path))
    text = joined_text(run("vakken.docx", path.read_bytes())[0])
    assert text.count("In het tekstvak") == 1
    assert "Controleer dit" in text


def test_truncated_docx_is_corrupt(make_docx: Callable[..., bytes]) -> None:
    data = make_docx(["Voorbeeld"])
    pieces, error = run("brief.docx", data[: len(data) // 2])
    assert pieces == []
    assert isinstance(error, CorruptError)
    assert error.detail.startswith("docx: ")


def test_broken_docx_xml_detail_names_no_element(make_docx: Callable[..., bytes]) -> None:
    """libxml2 names the elements it chokes on, and broken markup makes text
    an element name; the detail used to hold it (found by tests/fuzz)."""
    import zipfile

    original = make_docx(["Voorbeeld Jansen"])
    broken = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(original)) as source,
        zipfile.ZipFile(broken, "w") as target,
    ):
        for info in source.infolist():
            content = source.read(info)
            if info.filename == "word/document.xml":
                content = content.replace(b"Voorbeeld Jansen</w:t>", b"Voorbeeld</Jansen>")
            target.writestr(info, content)
    pieces, error = run("brief.docx", broken.getvalue())
    assert pieces == []
    assert isinstance(error, CorruptError)
    assert error.detail.startswith("docx: XMLSyntaxError: ERR_TAG_NAME_MISMATCH at line ")
    expect("Jansen" not in error.detail, "text of the document is in the detail")


def test_xlsx_sheets_rows_and_cell_conversion(make_xlsx: Callable[..., bytes]) -> None:
    data = make_xlsx(
        {
            "Klanten": [
                ["Naam", "BSN", "Geboren", "Klantnummer", "Bedrag"],
                ["Voorbeeld", 111222333, dt.datetime(1980, 5, 17), "0012345", 12.5],
                [None, None, None, None, None],
                ["Proef", 123456782.0, dt.date(1999, 12, 31), "0099", 3],
            ],
            "Leeg": [],
            "Zonder kop": [[111222333, "2020-01-01"]],
        }
    )
    pieces, error = run("klanten.xlsx", data)
    assert error is None
    klanten, leeg, zonder_kop = tables(pieces)
    assert (klanten.sheet, leeg.sheet, zonder_kop.sheet) == ("Klanten", "Leeg", "Zonder kop")
    assert column_values(klanten, "BSN") == [(2, "111222333"), (4, "123456782")]
    assert column_values(klanten, "Geboren") == [(2, "1980-05-17"), (4, "1999-12-31")]
    assert column_values(klanten, "Klantnummer") == [(2, "0012345"), (4, "0099")]
    assert column_values(klanten, "Bedrag") == [(2, "12.5"), (4, "3")]
    assert leeg.columns == ()
    assert column_values(zonder_kop, "kolom 1") == [(1, "111222333")]


def test_xlsx_row_cap_applies_per_sheet(make_xlsx: Callable[..., bytes]) -> None:
    rows: list[list[object]] = [["nummer"]] + [[n] for n in range(10)]
    data = make_xlsx({"Een": rows, "Twee": rows})
    pieces, error = run("groot.xlsx", data, Limits(max_table_rows=5))
    assert [len(table.columns[0].cells) for table in tables(pieces)] == [5, 5]
    assert isinstance(error, TooLargeError)


def test_truncated_xlsx_is_corrupt(make_xlsx: Callable[..., bytes]) -> None:
    data = make_xlsx({"Blad1": [["a"], ["b"]]})
    _, error = run("kapot.xlsx", data[:-200])
    assert isinstance(error, CorruptError)


def test_xlsx_row_numbers_far_down_are_bounded(make_xlsx: Callable[..., bytes]) -> None:
    """openpyxl makes an empty row for every row number a sheet skips: a row
    numbered 104857600 took 100 s, one numbered 2**32 hours (found by tests/fuzz).
    Empty rows are bounded per workbook; what came before them is kept."""
    import zipfile

    original = make_xlsx({"Blad": [["Naam", "BSN"], ["Voorbeeld", "111222333"], ["Proef", "x"]]})
    far = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(original)) as source, zipfile.ZipFile(far, "w") as target:
        for info in source.infolist():
            content = source.read(info)
            if info.filename == "xl/worksheets/sheet1.xml":
                content = content.replace(b'<row r="3">', b'<row r="2000000">')
                content = content.replace(b'r="A3"', b'r="A2000000"')
                content = content.replace(b'r="B3"', b'r="B2000000"')
            target.writestr(info, content)
    pieces, error = run("register.xlsx", far.getvalue())
    assert isinstance(error, TooLargeError)
    assert error.detail.startswith(f"more than {MAX_EMPTY_ROWS} empty rows")
    (table,) = tables(pieces)
    assert column_values(table, "BSN") == [(2, "111222333")]


def test_password_protected_xlsx_is_encrypted(make_xlsx: Callable[..., bytes]) -> None:
    """Real encryption when msoffcrypto-tool is around; the registry test covers the rest."""
    ooxml = pytest.importorskip("msoffcrypto.format.ooxml")
    plain = io.BytesIO(make_xlsx({"Blad1": [["Naam"], ["Voorbeeld"]]}))
    encrypted = io.BytesIO()
    ooxml.OOXMLFile(plain).encrypt("geheim", encrypted)
    pieces, error = run("beveiligd.xlsx", encrypted.getvalue())
    assert pieces == []
    assert isinstance(error, EncryptedError)


def test_a_docx_whose_parts_inflate_like_a_bomb_is_an_archive_limit(
    make_docx: Callable[..., bytes],
) -> None:
    """A docx is a zip: millions of empty paragraphs compress to kilobytes
    and take the parser a minute and a gigabyte (found by fuzzing)."""
    package = io.BytesIO(make_docx(["Hallo"]))
    bomb = io.BytesIO()
    with zipfile.ZipFile(package) as source, zipfile.ZipFile(bomb, "w") as target:
        for info in source.infolist():
            data = source.read(info)
            if info.filename == "word/document.xml":
                body = b"<w:p/>" * 400_000
                data = data.replace(b"<w:body>", b"<w:body>" + body, 1)
            target.writestr(info, data, compress_type=zipfile.ZIP_DEFLATED, compresslevel=9)
    started = time.monotonic()
    pieces, error = run("bom.docx", bomb.getvalue(), Limits(archive_ratio=50))
    assert time.monotonic() - started < 2
    assert isinstance(error, ArchiveLimitError) and pieces == []
    assert "inflates more than 50 times" in error.detail


def test_a_long_sheet_comes_in_slices_with_its_header(
    make_xlsx: Callable[..., bytes], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A long sheet is yielded in slices of rows (one slice of cells in memory
    at a time), each with the sheet's column names and the rows' own numbers;
    the row limit counts over the whole sheet."""
    monkeypatch.setattr(office, "SLICE_ROWS", 4)
    rows: list[list[object]] = [["nummer", "naam"]] + [[n, f"rij {n}"] for n in range(10)]
    pieces, error = run("lang.xlsx", make_xlsx({"Blad1": rows}))
    assert error is None
    slices = tables(pieces)
    assert [table.sheet for table in slices] == ["Blad1"] * 3
    assert [[c.name for c in table.columns] for table in slices] == [["nummer", "naam"]] * 3
    assert [row for table in slices for row, _ in column_values(table, "nummer")] == list(
        range(2, 12)
    )
    pieces, error = run("lang.xlsx", make_xlsx({"Blad1": rows}), Limits(max_table_rows=6))
    assert sum(len(table.columns[0].cells) for table in tables(pieces)) == 6
    assert isinstance(error, TooLargeError)
