"""JSON: record lists as Tables, other documents as text; JSON Lines as a Table by line."""

from __future__ import annotations

import json

from faker import Faker

from datawacht.errors import TooLargeError
from datawacht.limits import Limits
from unit.extract.helpers import column_values, expect, fragments, points_at, run, tables


def test_list_of_objects_is_a_table_with_flattened_keys(fake: Faker) -> None:
    records = [
        {"naam": fake.name(), "adres": {"postcode": fake.postcode()}, "bsn": 111222333},
        {"naam": fake.name(), "adres": {"postcode": fake.postcode()}, "actief": True},
    ]
    pieces, error = run("export.json", json.dumps(records).encode())
    assert error is None
    [table] = tables(pieces)
    names = [column.name for column in table.columns]
    assert names == ["naam", "adres.postcode", "bsn", "actief"]
    assert column_values(table, "bsn") == [(1, "111222333")]
    assert column_values(table, "actief") == [(2, "true")]
    postcodes = [value for _, value in column_values(table, "adres.postcode")]
    expect(postcodes == [r["adres"]["postcode"] for r in records], "postcodes differ")


def test_other_json_is_text_with_file_offsets(fake: Faker) -> None:
    email = fake.email()
    source = json.dumps({"contact": {"email": email, "tags": ["a", "b"]}}, indent=2)
    pieces, _ = run("config.json", source.encode())
    [fragment] = fragments(pieces)
    expect(points_at(source, fragment, email), "offset does not point at the address")


def test_invalid_json_is_still_scanned_as_text() -> None:
    pieces, error = run("kapot.json", b'{"bsn": 111222333,')
    assert error is None
    assert fragments(pieces)[0].text == '{"bsn": 111222333,'


def test_json_lines_rows_are_line_numbers_and_bad_lines_are_text() -> None:
    source = '{"id": 1, "klant": {"bsn": "111222333"}}\n\nniet json\n{"id": 2}\n"los"\n'
    pieces, error = run("log.jsonl", source.encode())
    assert error is None
    [table] = tables(pieces)
    assert column_values(table, "klant.bsn") == [(1, "111222333")]
    assert column_values(table, "id") == [(1, "1"), (4, "2")]
    assert column_values(table, "waarde") == [(5, "los")]
    [loose] = fragments(pieces)
    assert (loose.text, loose.first_line) == ("niet json", 3)
    assert points_at(source, loose, "niet json")


def test_json_lines_row_cap() -> None:
    source = "".join(f'{{"n": {n}}}\n' for n in range(10))
    pieces, error = run("veel.ndjson", source.encode(), Limits(max_table_rows=3))
    assert len(tables(pieces)[0].columns[0].cells) == 3
    assert isinstance(error, TooLargeError)


def test_lone_surrogate_escapes_become_replacement_characters() -> None:
    """`"\\ud800"` decodes to a lone surrogate, on which spaCy's tokenizer
    raised and the object ended as an internal error (found by tests/fuzz):
    values and keys hold U+FFFD instead, in JSON and in JSON Lines."""
    for name, data in [
        ("export.json", b'[{"naam\\udc00": "Voorbeeld\\ud800", "lijst": ["\\udfff"]}]'),
        ("export.jsonl", b'{"naam\\udc00": "Voorbeeld\\ud800", "lijst": ["\\udfff"]}\n'),
    ]:
        pieces, error = run(name, data)
        assert error is None
        (table,) = tables(pieces)
        assert [column.name for column in table.columns] == ["naam\ufffd", "lijst"]
        assert column_values(table, "naam\ufffd") == [(1, "Voorbeeld\ufffd")]
        assert column_values(table, "lijst") == [(1, '["\ufffd"]')]
