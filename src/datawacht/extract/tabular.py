"""CSV and TSV: one Table per file, rows numbered as a spreadsheet shows them.

Dutch Excel exports use ";" (the comma is the decimal separator), most other
tools ",", so the dialect is sniffed rather than assumed.  Rows are records,
not lines: a quoted address with a newline in it stays one row, and the row
number is the one a user sees after opening the file in a spreadsheet.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator

from datawacht.errors import CorruptError, TooLargeError
from datawacht.extract.encoding import decode
from datawacht.extract.tables import RowTable
from datawacht.limits import Limits
from datawacht.records import Table

SNIFF_CHARS = 16 * 1024
DELIMITERS = ";,\t|"


def extract_csv(data: bytes, limits: Limits) -> Iterator[Table]:
    """A comma/semicolon/pipe separated file, dialect sniffed from its head."""
    text = decode(data).text
    yield from _read_rows(text, sniff_dialect(text), limits)


def extract_tsv(data: bytes, limits: Limits) -> Iterator[Table]:
    """A tab separated file; no sniffing, the extension already said so."""
    yield from _read_rows(decode(data).text, csv.excel_tab, limits)


def sniff_dialect(text: str) -> csv.Dialect:
    """Excel's dialect with the delimiter that csv.Sniffer finds (";" or ","
    when sniffing fails).

    Only the delimiter is taken from the sniffer.  It also guesses a quote
    character, and Dutch place names such as 's-Hertogenbosch and 't Zandt
    make it pick the apostrophe, after which one quoted "field" swallows the
    rest of the file.  Every spreadsheet and database exporter quotes with
    double quotes.  The sample ends at a line boundary so that the sniffer
    does not see a half row.
    """
    sample = text[:SNIFF_CHARS]
    if len(text) > SNIFF_CHARS and "\n" in sample:
        sample = sample[: sample.rindex("\n")]
    try:
        delimiter = csv.Sniffer().sniff(sample, delimiters=DELIMITERS).delimiter
    except csv.Error:
        delimiter = ";" if ";" in sample.split("\n", 1)[0] else ","
    dialect = csv.excel()
    dialect.delimiter = delimiter
    return dialect


def _read_rows(
    text: str, dialect: type[csv.Dialect] | csv.Dialect, limits: Limits
) -> Iterator[Table]:
    table = RowTable(limits.max_table_rows)
    reader = csv.reader(io.StringIO(text, newline=""), dialect)
    try:
        for row_number, values in enumerate(reader, start=1):
            if not table.add(row_number, values):
                break
    except csv.Error as exc:
        yield table.build()
        raise CorruptError(f"csv: {exc} (line {reader.line_num})") from None
    yield table.build()
    if table.truncated:
        raise TooLargeError(f"truncated at {limits.max_table_rows} rows")
