"""CSV and TSV: dialect, header detection, quoted newlines, spreadsheet row numbers, row cap."""

from __future__ import annotations

from faker import Faker

from datawacht.errors import TooLargeError
from datawacht.extract.registry import extract
from datawacht.extract.tables import looks_like_header
from datawacht.limits import Limits
from unit.extract.helpers import column_values, expect, run, tables


def test_semicolon_csv_with_header_and_quoted_newline(fake: Faker) -> None:
    people = [(fake.name(), fake.street_address(), fake.postcode()) for _ in range(3)]
    lines = ["Naam;Adres;Postcode"]
    for name, street, postcode in people:
        lines.append(f'{name};"{street}\n{fake.city()}";{postcode}')
    pieces, error = run("klanten.csv", ("\r\n".join(lines) + "\r\n").encode("cp1252"))
    assert error is None
    [table] = tables(pieces)
    assert [column.name for column in table.columns] == ["Naam", "Adres", "Postcode"]
    # Row numbers as a spreadsheet shows them: header is row 1, the quoted
    # newline does not start a new row.
    postcodes = column_values(table, "Postcode")
    assert [row for row, _ in postcodes] == [2, 3, 4]
    expect([value for _, value in postcodes] == [p for *_, p in people], "postcodes differ")
    addresses = column_values(table, "Adres")
    expect(all("\n" in value for _, value in addresses), "quoted newline was split")


def test_comma_csv_without_header_gets_generated_names() -> None:
    data = b"111222333,Voorbeeld,2020-01-01\n123456782,Proef,1999-12-31\n"
    pieces, _ = run("export.csv", data)
    [table] = tables(pieces)
    assert [column.name for column in table.columns] == ["kolom 1", "kolom 2", "kolom 3"]
    assert column_values(table, "kolom 1") == [(1, "111222333"), (2, "123456782")]


def test_tsv_is_tab_separated() -> None:
    pieces, _ = run("lijst.tsv", b"naam\tbsn\nVoorbeeld\t111222333\n")
    [table] = tables(pieces)
    assert column_values(table, "bsn") == [(2, "111222333")]


def test_unsniffable_single_column_falls_back() -> None:
    pieces, error = run("een.csv", b"waarde\n111222333\n")
    assert error is None
    [table] = tables(pieces)
    assert column_values(table, "waarde") == [(2, "111222333")]


def test_ragged_rows_and_empty_cells() -> None:
    data = b"a;b\n1;;\n;2;3\n"
    [table] = tables(run("x.csv", data)[0])
    assert [column.name for column in table.columns] == ["a", "b", "kolom 3"]
    assert column_values(table, "a") == [(2, "1")]
    assert column_values(table, "b") == [(3, "2")]
    assert column_values(table, "kolom 3") == [(3, "3")]


def test_row_cap_yields_the_table_then_raises() -> None:
    data = "nummer\n" + "".join(f"{n}\n" for n in range(10))
    pieces, error = run("veel.csv", data.encode(), Limits(max_table_rows=4))
    [table] = tables(pieces)
    assert len(table.columns[0].cells) == 4
    assert isinstance(error, TooLargeError)


def test_header_rule() -> None:
    assert looks_like_header(["Naam", "Geboortedatum", "", None])
    assert not looks_like_header(["Naam", "111222333"])
    assert not looks_like_header(["voorbeeld@example.nl", "Naam"])  # an address is data
    assert not looks_like_header(["", None])
    assert looks_like_header(["veld1", "adres 2"])  # registers number their columns
    assert not looks_like_header(["Naam", "1-3-1985"])  # a date with its year is data
    assert not looks_like_header(["Naam", "2601 DC"])  # so is a postcode


def test_apostrophes_in_dutch_place_names_do_not_swallow_rows() -> None:
    # csv.Sniffer guesses "'" as the quote character from 's-Hertogenbosch and
    # 't Zandt; then one "quoted field" would run on to the end of the file.
    rows = ["naam;woonplaats;postcode"]
    names = ("Iris d' Testpersoon", "Rowan van 't Voorbeeld", "Sam 's Fictief", "Noor Demo")
    places = ("'s-Hertogenbosch", "'t Zandt", "Utrecht")
    for index in range(300):
        rows.append(f"{names[index % 4]};{places[index % 3]};1234 AB")
    data = ("\n".join(rows) + "\n").encode("utf-8")
    [table] = list(extract("register.csv", data, Limits()))
    woonplaats = next(column for column in table.columns if column.name == "woonplaats")
    assert len(woonplaats.cells) == 300
    assert woonplaats.cells[-1].row == 301
