"""Large tabular extracts (CSV, TSV, NDJSON, Parquet), streamed from disk
instead of read whole, and by default analysed by a sample of their rows.

A 1 GB register export holds millions of rows of the same few columns.
What an officer needs first is *which columns* hold personal data and how
many rows there are; the column profiler decides that from a few hundred
values per column.  So a large extract is read in one pass that only hashes
the bytes and counts lines (C speed), and the rows analysed are the head of
the file (its first sixteenth, at most 1 MiB) plus 64 blocks spread evenly
over the rest, not overlapping, so that what a register sorted
by date or department holds at its end is seen too.  With `full=True`
(setting `limits.sample_tables = false`) every row is analysed instead,
still in bounded memory: rows go to detection in slices of `SLICE_ROWS`.

In a sample, rows are numbered by the line where the record starts, counted
over the whole file: the spreadsheet row unless an earlier value contains a
line break.  A block starts after the first line break past its offset; a
record cut off at its end, or without the header's number of fields (a
block that began inside a quoted value), is left out of the sample.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import os
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any, BinaryIO

from datawacht.errors import CorruptError, TooLargeError, UnreadableError, UnsupportedError
from datawacht.extract.encoding import bom_encoding, decode, utf16_without_bom
from datawacht.extract.jsondata import VALUE_COLUMN, flatten, scalar
from datawacht.extract.tables import (
    SLICE_ROWS,
    RecordTable,
    RowTable,
    cell_text,
    looks_like_header,
)
from datawacht.extract.tabular import sniff_dialect
from datawacht.limits import Limits
from datawacht.records import Table

# Kinds read here when the file is larger than `limits.sample_tables_above_bytes`.
STREAMED_KINDS = frozenset({"csv", "tsv", "jsonl", "parquet"})

READ_BYTES = 1024 * 1024
HEAD_BYTES = 1024 * 1024
MIN_HEAD_BYTES = 64 * 1024  # enough to sniff the dialect and see the header
HEAD_ROWS = 2000
BLOCKS = 64
BLOCK_BYTES = 64 * 1024
ROWS_PER_BLOCK = 200


@dataclass
class LargeExtract:
    """The tables of one large extract, and what reading it learnt.

    `handle` is the open file (opened without following links by the
    pipeline); `content_hash`, `rows_total` and `rows_read` are set once
    `tables()` is exhausted.
    """

    handle: BinaryIO
    kind: str
    limits: Limits
    full: bool = False
    content_hash: str = ""
    rows_total: int = 0
    rows_read: int = 0

    @property
    def detail(self) -> str:
        """The object's `detail`: counts only, never a value."""
        if self.rows_read >= self.rows_total:
            return f"every row analysed ({self.rows_read} rows)"
        return (
            f"column sampling: {self.rows_read} of about {self.rows_total} rows analysed "
            "(limits.sample_tables = false analyses every row)"
        )

    def tables(self) -> Iterator[Table]:
        try:
            if self.kind == "parquet":
                yield from self._parquet()
            elif self.full:
                yield from self._every_row()
            else:
                yield from self._sample()
        except OSError as exc:
            raise UnreadableError(exc.strerror or "read failed") from exc

    # -- CSV, TSV, NDJSON --------------------------------------------------------

    def _sample(self) -> Iterator[Table]:
        fd = self.handle.fileno()
        size, lines_at, total_lines = self._hash_and_count_lines()
        head_bytes = min(HEAD_BYTES, max(MIN_HEAD_BYTES, size // 16))
        head = _whole_lines(os.pread(fd, head_bytes, 0), head_bytes >= size)
        encoding = _line_encoding(head)
        rows = _Rows(self.kind, head.decode(encoding, "replace"), self.limits)
        rows.add_text(head.decode(encoding, "replace"), 1, HEAD_ROWS)
        offsets = _block_offsets(size, len(head))
        block_bytes = min(BLOCK_BYTES, (size - len(head)) // BLOCKS)
        for offset in offsets:
            block = os.pread(fd, block_bytes, offset)
            start = block.find(b"\n") + 1
            if start == 0:
                continue
            body = _whole_lines(block[start:], offset + len(block) >= size)
            chunk, within = divmod(offset + start, READ_BYTES)
            line = lines_at[chunk] + os.pread(fd, within, chunk * READ_BYTES).count(b"\n") + 1
            rows.add_text(body.decode(encoding, "replace"), line, ROWS_PER_BLOCK, strict=True)
        self.rows_read = rows.count
        self.rows_total = max(rows.count, total_lines - rows.header_lines)
        yield rows.table()

    def _hash_and_count_lines(self) -> tuple[int, list[int], int]:
        """One pass: the SHA-256 of the bytes, and the number of line breaks
        before every `READ_BYTES` boundary (for line numbers)."""
        digest = hashlib.sha256()
        lines_at = [0]
        size, last = 0, b"\n"
        self.handle.seek(0)
        while chunk := self.handle.read(READ_BYTES):
            digest.update(chunk)
            size += len(chunk)
            last = chunk[-1:]
            lines_at.append(lines_at[-1] + chunk.count(b"\n"))
        self.content_hash = digest.hexdigest()
        return size, lines_at, lines_at[-1] + (last != b"\n")

    def _every_row(self) -> Iterator[Table]:
        self.handle.seek(0)
        encoding = _line_encoding(self.handle.read(HEAD_BYTES), whole=True)
        self.handle.seek(0)
        hashing = _HashingReader(self.handle)
        text = io.TextIOWrapper(hashing, encoding=encoding, errors="replace", newline="")
        head = text.read(HEAD_BYTES)
        rows = _Rows(self.kind, head, self.limits)
        for table in rows.every_slice(_Prepended(head, text), SLICE_ROWS):
            self.rows_read = self.rows_total = rows.count
            yield table
        self.content_hash = hashing.hexdigest()

    # -- Parquet -------------------------------------------------------------------

    def _parquet(self) -> Iterator[Table]:
        try:
            import pyarrow.parquet as pq
        except ImportError as exc:
            raise UnsupportedError(
                "parquet support is not installed: pip install 'datawacht[parquet]'"
            ) from exc
        self.handle.seek(0)
        self.content_hash = hashlib.file_digest(self.handle, "sha256").hexdigest()
        try:
            parquet = pq.ParquetFile(self.handle)
            meta = parquet.metadata
            starts = [0]
            for group in range(meta.num_row_groups):
                starts.append(starts[-1] + meta.row_group(group).num_rows)
            self.rows_total = meta.num_rows
            groups = list(range(meta.num_row_groups))
            per_group = SLICE_ROWS
            if not self.full:
                groups = _spread(meta.num_row_groups, BLOCKS)
                per_group = max(ROWS_PER_BLOCK, HEAD_ROWS // max(1, len(groups)))
            table = RecordTable(self.limits.max_table_rows)
            for group in groups:
                row = starts[group] + 1
                for batch in parquet.iter_batches(batch_size=per_group, row_groups=[group]):
                    for record in batch.to_pylist():
                        table.add(row, _parquet_items(record))
                        row += 1
                    self.rows_read += batch.num_rows
                    if not self.full:
                        break
                    yield table.build()
                    table = RecordTable(self.limits.max_table_rows)
        except Exception as exc:  # pyarrow's ArrowInvalid, ArrowIOError (an OSError), ...
            raise CorruptError(f"parquet: {type(exc).__name__}") from exc
        if table.rows:
            yield table.build()


def extract_parquet(data: bytes, limits: Limits) -> Iterator[Table]:
    """A Parquet file small enough to be read whole: every row."""
    yield from LargeExtract(io.BytesIO(data), "parquet", limits, full=True).tables()


class _Rows:
    """Records of one CSV, TSV or NDJSON extract into Tables; the header of
    the first record is kept for every slice."""

    def __init__(self, kind: str, head: str, limits: Limits) -> None:
        self.kind = kind
        self.limits = limits
        self.count = 0
        self.header_lines = 0
        self._width: int | None = None
        self._header: list[str] | None = None
        self._dialect: type[csv.Dialect] | csv.Dialect = (
            csv.excel_tab if kind == "tsv" else sniff_dialect(head)
        )
        self._builder = self._new_builder()

    def _new_builder(self) -> RowTable | RecordTable:
        if self.kind == "jsonl":
            return RecordTable(self.limits.max_table_rows)
        builder = RowTable(self.limits.max_table_rows)
        if self._header is not None:
            builder.add(0, self._header)  # column names for this slice
        return builder

    def add_text(self, text: str, first_line: int, limit: int, *, strict: bool = False) -> None:
        """At most `limit` records of `text`, whose first line is `first_line`."""
        # Lines end at "\n" (and "\r"), as the byte count of line numbers
        # does; str.splitlines would also split at form feeds and U+2028.
        lines = io.StringIO(text, newline="")
        for taken, _ in enumerate(self._records(lines, first_line, strict), 1):
            if taken >= limit:
                return

    def every_slice(self, lines: Iterable[str], size: int) -> Iterator[Table]:
        """Every record, as Tables of at most `size` rows."""
        pending = 0
        for _ in self._records(lines, 1, strict=False):
            pending += 1
            if pending >= size:
                yield self.table()
                pending = 0
        yield self.table()

    def _records(self, lines: Iterable[str], first_line: int, strict: bool) -> Iterator[None]:
        """Add records one by one; yields after each data row added."""
        if self.kind == "jsonl":
            for number, line in enumerate(lines, start=first_line):
                if self._add_json(number, line):
                    yield None
            return
        reader = csv.reader(lines, self._dialect)
        line = first_line
        try:
            for values in reader:
                record_line, line = line, first_line + reader.line_num
                if self._add_record(record_line, values, strict):
                    yield None
        except csv.Error:
            if not strict:
                raise CorruptError(f"csv: malformed record near line {line}") from None

    def _add_record(self, line: int, values: Sequence[str], strict: bool) -> bool:
        if not any(value.strip() for value in values):
            return False
        if self._width is None:
            self._width = len(values)
            if looks_like_header(values):
                self._header = list(values)
                self.header_lines = line
                self._builder.add(line, values)
                return False
        elif strict and len(values) != self._width:
            return False
        if not self._builder.add(line, values):
            return False
        self.count += 1
        return True

    def _add_json(self, line: int, text: str) -> bool:
        if not text.strip():
            return False
        try:
            value: Any = json.loads(text)
        except (ValueError, RecursionError):
            return False
        items = flatten(value) if isinstance(value, dict) else [(VALUE_COLUMN, scalar(value))]
        if not self._builder.add(line, items):
            return False
        self.count += 1
        return True

    def table(self) -> Table:
        built = self._builder.build()
        self._builder = self._new_builder()
        return built


def _line_encoding(head: bytes, whole: bool = False) -> str:
    """The extract's encoding, judged from its head.  Sampling counts line
    breaks as the byte 0x0A, which UTF-16 and UTF-32 do not have; those are
    read whole (`whole=True`) or not at all."""
    encoding = bom_encoding(head) or utf16_without_bom(head[:4096])
    if encoding and encoding.lower().replace("_", "-").startswith(("utf-16", "utf-32")):
        if whole:
            return encoding
        raise TooLargeError(
            f"a large {encoding} extract is only analysed with limits.sample_tables = false"
        )
    return decode(head).encoding


def _whole_lines(data: bytes, at_end: bool) -> bytes:
    """Up to the last line break, unless the data ends where the file does."""
    if at_end:
        return data
    return data[: data.rfind(b"\n") + 1]


def _block_offsets(size: int, head: int) -> list[int]:
    """`BLOCKS` offsets spread evenly over the file after its head."""
    if size <= head:
        return []
    step = (size - head) / BLOCKS
    return [head + int(step * index) for index in range(BLOCKS)]


def _spread(count: int, wanted: int) -> list[int]:
    if count <= wanted:
        return list(range(count))
    return sorted({int(index * count / wanted) for index in range(wanted)})


def _parquet_items(record: dict[str, Any]) -> Iterator[tuple[str, str | None]]:
    for name, value in record.items():
        if isinstance(value, dict):
            yield from flatten(value, f"{name}.")
        elif isinstance(value, list):
            yield name, scalar(value)
        else:
            yield name, cell_text(value)


class _Prepended:
    """The lines of `head` and then of the rest of `text`, as one iterator
    of lines (csv.reader joins a quoted value across lines itself)."""

    def __init__(self, head: str, text: io.TextIOBase) -> None:
        self._lines = iter(io.StringIO(head + text.readline(), newline=""))
        self._text = text

    def __iter__(self) -> Iterator[str]:
        yield from self._lines
        yield from self._text


class _HashingReader(io.RawIOBase):
    """A raw reader that hashes the bytes that pass through it."""

    def __init__(self, raw: BinaryIO) -> None:
        self._raw = raw
        self._digest = hashlib.sha256()

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        data = self._raw.read(len(buffer))
        buffer[: len(data)] = data
        self._digest.update(data)
        return len(data)

    def hexdigest(self) -> str:
        return self._digest.hexdigest()
