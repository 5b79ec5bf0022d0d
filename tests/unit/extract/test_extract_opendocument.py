"""odt through odfpy, ods streamed row by row."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable, Sequence

import pytest
from faker import Faker

from datawacht.errors import CorruptError, TooLargeError
from datawacht.extract import ods
from datawacht.extract.ods import MAX_REPEATED_CELLS
from datawacht.extract.tables import RowTable
from unit.extract.helpers import column_values, expect, fragments, run, tables


def test_odt_paragraphs_one_per_line(make_odt: Callable[..., bytes], fake: Faker) -> None:
    name = fake.name()
    pieces, error = run("verslag.odt", make_odt(["Aanwezig:", f"{name} (voorzitter)"]))
    assert error is None
    [fragment] = fragments(pieces)
    lines = fragment.text.split("\n")
    assert lines[:2] == ["Verslag", "Aanwezig:"]  # the heading is paragraph 1
    expect(lines[2] == f"{name} (voorzitter)", "third paragraph differs")
    assert (fragment.offset, fragment.first_line) == (0, 1)


def test_ods_tables_with_repeated_filler_are_bounded(
    make_ods: Callable[..., bytes], monkeypatch: pytest.MonkeyPatch
) -> None:
    data = make_ods(
        {
            "Leden": [
                ["Naam", "BSN"],
                ["Voorbeeld", 111222333],
                [None, None],
                ["Proef", 123456782],
            ],
            "Blad2": [[111222333]],
        }
    )
    added: list[int] = []
    real_add = RowTable.add

    def counting_add(self: RowTable, row: int, values: Sequence[str | None]) -> bool:
        added.append(len(values))
        return real_add(self, row, values)

    monkeypatch.setattr(RowTable, "add", counting_add)
    pieces, error = run("leden.ods", data)
    # A million filler rows and thousands of filler columns are skipped, not expanded.
    assert len(added) == 4 and max(added) == 2
    assert error is None
    leden, blad2 = tables(pieces)
    assert (leden.sheet, blad2.sheet) == ("Leden", "Blad2")
    assert column_values(leden, "BSN") == [(2, "111222333"), (4, "123456782")]
    assert column_values(blad2, "kolom 1") == [(1, "111222333")]
    assert len(leden.columns) == 2


def test_ods_repeats_of_filled_cells_are_bounded(make_ods: Callable[..., bytes]) -> None:
    """A filled cell repeated 16384 times in a row repeated a million times is
    16 billion cells from 2 KB of XML: repeats are capped per document, the
    rest is read once and the object reported too large."""
    import io
    import zipfile

    original = make_ods({"Leden": [["Naam", "BSN"], ["Voorbeeld", 111222333]]})
    bomb = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(original)) as source, zipfile.ZipFile(bomb, "w") as target:
        for info in source.infolist():
            content = source.read(info)
            if info.filename == "content.xml":
                last_row = content.rindex(b"<table:table-row>", 0, content.index(b"111222333"))
                content = (
                    content[:last_row] + b'<table:table-row table:number-rows-repeated="1000000">'
                    b'<table:table-cell office:value-type="string" '
                    b'table:number-columns-repeated="16384"><text:p>x</text:p>'
                    b"</table:table-cell></table:table-row>" + content[last_row:]
                )
            target.writestr(info, content)
    pieces, error = run("leden.ods", bomb.getvalue())
    assert isinstance(error, TooLargeError)
    assert "repeated rows and cells" in error.detail
    (leden,) = tables(pieces)
    assert sum(len(column.cells) for column in leden.columns) <= MAX_REPEATED_CELLS + 16384 + 4
    # The row after the repeated run keeps its row number.
    last_row, last_value = column_values(leden, "BSN")[-1]
    assert last_row == 1_000_002
    expect(last_value == "111222333", "the row after the repeated run is not read")


def test_truncated_odt_is_corrupt(make_odt: Callable[..., bytes]) -> None:
    data = make_odt(["Voorbeeld"])
    _, error = run("kapot.odt", data[: len(data) // 2])
    assert isinstance(error, CorruptError)


def test_a_long_ods_sheet_comes_in_slices_with_its_header(
    make_ods: Callable[..., bytes], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(ods, "SLICE_ROWS", 4)
    rows: list[list[object]] = [["Nummer"]] + [[f"nr {n}"] for n in range(10)]
    pieces, error = run("lang.ods", make_ods({"Leden": rows}))
    assert error is None
    slices = tables(pieces)
    assert [[c.name for c in table.columns] for table in slices] == [["Nummer"]] * 3
    assert [row for table in slices for row, _ in column_values(table, "Nummer")] == list(
        range(2, 12)
    )


def _with_broken_content(data: bytes, keep: float) -> bytes:
    """The package with its content.xml cut off after `keep` of its bytes."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            part = source.read(info)
            if info.filename == "content.xml":
                part = part[: int(len(part) * keep)]
            target.writestr(info, part)
    return out.getvalue()


def test_odt_with_a_part_that_does_not_parse_prints_nothing(
    make_odt: Callable[..., bytes], capsys: pytest.CaptureFixture[str]
) -> None:
    """odfpy prints an XML part it cannot parse, content and all; none of it
    may reach the output (a report on stdout) or a log."""
    marker = "Vertrouwelijke alinea"
    data = _with_broken_content(make_odt([marker] * 50), keep=0.9)
    _, error = run("kapot.odt", data)
    assert isinstance(error, CorruptError)
    printed = capsys.readouterr()
    assert marker not in printed.out and marker not in printed.err


def test_ods_cut_off_keeps_the_rows_before_the_break(make_ods: Callable[..., bytes]) -> None:
    rows: list[list[object]] = [["Nummer"]] + [[f"nr {n}"] for n in range(200)]
    pieces, error = run("kapot.ods", _with_broken_content(make_ods({"Leden": rows}), keep=0.6))
    assert isinstance(error, CorruptError)
    [leden] = tables(pieces)
    kept = column_values(leden, "Nummer")
    assert 0 < len(kept) < 200
    assert kept == [(row, f"nr {row - 2}") for row in range(2, len(kept) + 2)]


def test_ods_entity_expansion_is_not_performed() -> None:
    """Nested entities ("billion laughs") in content.xml are refused by the
    streaming parser, not expanded: corrupt, at once."""
    entities = '<!ENTITY e0 "laugh">' + "".join(
        f'<!ENTITY e{level} "{f"&e{level - 1};" * 10}">' for level in range(1, 10)
    )
    content = (
        f'<?xml version="1.0"?><!DOCTYPE office:document-content [{entities}]>'
        '<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"'
        ' xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"'
        ' xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"><office:body>'
        '<office:spreadsheet><table:table table:name="Blad1"><table:table-row>'
        '<table:table-cell office:value-type="string"><text:p>&e9;</text:p></table:table-cell>'
        "</table:table-row></table:table></office:spreadsheet></office:body>"
        "</office:document-content>"
    )
    package = io.BytesIO()
    with zipfile.ZipFile(package, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        archive.writestr("META-INF/manifest.xml", "<manifest:manifest/>")
        archive.writestr("content.xml", content)
    pieces, error = run("lachen.ods", package.getvalue())
    assert isinstance(error, CorruptError)
    assert all(
        len(cell.value) < 100 for table in tables(pieces) for c in table.columns for cell in c.cells
    )
