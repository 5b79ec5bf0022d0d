"""JSON and JSON Lines: exports of records become Tables, everything else text.

An API dump or export ("a list of customers") is tabular data, and per
column detection finds a column of BSNs under any key; a configuration file
or a deeply nested document is read as text instead, with offsets into the
file, because a key path means nothing to the person who has to find it.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from typing import Any

from datawacht.errors import TooLargeError
from datawacht.extract.encoding import decode, without_lone_surrogates
from datawacht.extract.tables import RecordTable
from datawacht.extract.text import split_text
from datawacht.limits import Limits
from datawacht.records import Fragment, Table

MAX_PARSE_CHARS = 32_000_000
"""Larger JSON documents are scanned as text: parsed, they would need ~10x their size."""

VALUE_COLUMN = "waarde"
"""Column for JSON Lines whose line is not an object (a bare string, number or list)."""


def extract_json(data: bytes, limits: Limits) -> Iterator[Fragment | Table]:
    """A Table when the document is a list of objects, else the text itself."""
    text = decode(data).text
    records = _list_of_objects(text) if len(text) <= MAX_PARSE_CHARS else None
    if records is None:
        yield from split_text(text)
        return
    table = RecordTable(limits.max_table_rows)
    for number, record in enumerate(records, start=1):
        if not table.add(number, flatten(record)):
            break
    yield table.build()
    if table.truncated:
        raise TooLargeError(f"truncated at {limits.max_table_rows} rows")


def extract_jsonl(data: bytes, limits: Limits) -> Iterator[Fragment | Table]:
    """One Table, `row` = line number; lines that are not JSON are yielded as text."""
    table = RecordTable(limits.max_table_rows)
    offset = 0
    for line_number, line in enumerate(decode(data).text.split("\n"), start=1):
        line_offset, offset = offset, offset + len(line) + 1
        if not line.strip():
            continue
        try:
            value = json.loads(line)
        except (ValueError, RecursionError):
            yield Fragment(line, offset=line_offset, first_line=line_number)
            continue
        items = flatten(value) if isinstance(value, dict) else [(VALUE_COLUMN, scalar(value))]
        if not table.add(line_number, items):
            break
    yield table.build()
    if table.truncated:
        raise TooLargeError(f"truncated at {limits.max_table_rows} rows")


def flatten(record: Mapping[str, Any], prefix: str = "") -> Iterator[tuple[str, str | None]]:
    """(key, text) pairs with nested objects flattened to "a.b" keys; lists stay JSON."""
    for key, value in record.items():
        name = f"{prefix}{without_lone_surrogates(key)}"
        if isinstance(value, dict):
            yield from flatten(value, f"{name}.")
        else:
            yield name, scalar(value)


def scalar(value: Any) -> str | None:
    """A JSON value as the text a person would search for; null is no value."""
    if value is None:
        return None
    if isinstance(value, str):
        return without_lone_surrogates(value)
    return without_lone_surrogates(json.dumps(value, ensure_ascii=False))


def _list_of_objects(text: str) -> list[dict[str, Any]] | None:
    try:
        value = json.loads(text)
    except (ValueError, RecursionError):
        return None
    if isinstance(value, list) and value and all(isinstance(item, dict) for item in value):
        return value
    return None
