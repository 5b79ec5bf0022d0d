"""Rows of a database table as `records.Table`s, read in the process that scans it.

The pipeline asks for a table's content the way it reads a file's bytes; the
worker process that got the table does the reading, on an engine of its own
(created on first use in that process: engines and their connections must
not cross a fork).  The main process only lists tables (`database.py`).

Each read is one read-only transaction under the statement timeout.  The
sampled rows become one Table whose row numbers are the sample's ordinals
(row 1 is the first sampled row, not the table's first row); a full pass
(`database.full`) yields chunks of rows, numbered across chunks.  Values
become text as spreadsheet cells do (ISO dates, whole numbers without
".0"); binary values are never read.  Errors become the object's status and
reason: `timeout`, or `unreadable` with the driver's words, never a password.
"""

from __future__ import annotations

import hashlib
import logging
import os
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Engine
from sqlalchemy.engine import URL, Connection
from sqlalchemy.exc import DBAPIError, SQLAlchemyError

from datawacht.config import DatabaseSettings
from datawacht.errors import ExtractionError, TooLargeError, UnreadableError
from datawacht.extract.tables import RecordTable, cell_text
from datawacht.limits import Limits
from datawacht.records import Table, TableRef
from datawacht.sources.database import DatabaseTarget, create_database_engine, safe_message
from datawacht.sources.dialects import SqlDialect, dialect_for

log = logging.getLogger(__name__)

# Rows per Table in a full pass: bounded memory whatever the table's size.
FULL_CHUNK_ROWS = 10_000
# A longer value is cut: a text column of whole documents must not cost the
# memory of the whole sample.
MAX_VALUE_CHARS = 100_000
MODE_SAMPLE = "sample"
MODE_FULL = "full"


class TableTimeoutError(ExtractionError):
    """The database did not answer within the statement timeout."""

    reason = "timeout"


def content_hash(stats: str | None, full: bool) -> str | None:
    """What the store keeps as a table's `content_hash`: the statistics
    signature and how the table was read (a full pass is worth more than a
    sample of the same table).  None when the database keeps no statistics."""
    if stats is None:
        return None
    return f"table-stats:{MODE_FULL if full else MODE_SAMPLE}:{stats}"


@dataclass
class TableRead:
    """One table being read: `tables` yields its content; `detail` says how
    it was read once `tables` is exhausted."""

    content_hash: str | None
    tables: Iterator[Table] = field(default_factory=lambda: iter(()))
    detail: str = ""
    sampled: bool = False  # fewer rows read than the table holds


class TableReader:
    """Reads the tables of the scan's databases; one engine per database and process."""

    def __init__(
        self, targets: Iterable[DatabaseTarget], settings: DatabaseSettings, limits: Limits
    ) -> None:
        self._urls: dict[str, URL] = {target.root: target.url for target in targets}
        self._settings = settings
        self._limits = limits
        self._engines: dict[str, Engine] = {}
        self._pid = os.getpid()

    def __repr__(self) -> str:  # the URLs hold passwords: show the roots only
        return f"TableReader({sorted(self._urls)})"

    def read(self, ref: TableRef) -> TableRead:
        read = TableRead(content_hash(ref.stats, self._settings.full))
        read.tables = self._tables(ref, read)
        return read

    def close(self) -> None:
        """Close this process's connections."""
        for engine in self._engines.values():
            engine.dispose()
        self._engines.clear()

    def _engine(self, source: str) -> Engine:
        if os.getpid() != self._pid:  # a forked worker: never use the parent's pool
            self._engines, self._pid = {}, os.getpid()
        engine = self._engines.get(source)
        if engine is None:
            url = self._urls.get(source)
            if url is None:
                raise UnreadableError("no connection for this database in this scan")
            engine = self._engines[source] = create_database_engine(url, pooled=True)
        return engine

    def _tables(self, ref: TableRef, read: TableRead) -> Iterator[Table]:
        if not ref.columns:
            read.detail = "no readable columns (binary or boolean only)"
            return
        if self._settings.full:
            with self._transaction(ref) as (conn, dialect):
                yield from self._full(conn, dialect, ref, read)
            return
        # The transaction ends before detection starts: no snapshot held meanwhile.
        with self._transaction(ref) as (conn, dialect):
            sample = dialect.sample(conn, ref, self._settings.sample_rows, _seed(ref))
        read.detail = f"sampled {len(sample.rows)} rows ({sample.how})"
        # A sample as large as asked for leaves rows out; a smaller one is the whole table.
        read.sampled = len(sample.rows) >= self._settings.sample_rows
        yield from self._chunk(ref, sample.rows, 1, _Budget(self._limits))

    @contextmanager
    def _transaction(self, ref: TableRef) -> Iterator[tuple[Connection, SqlDialect]]:
        """A read-only transaction under the statement timeout; database
        errors become the object's `timeout` or `unreadable`."""
        timeout = self._settings.timeout_seconds
        dialect: SqlDialect | None = None
        try:
            with self._engine(ref.source).connect() as conn:
                dialect = dialect_for(conn)
                dialect.begin(conn, timeout)
                try:
                    yield conn, dialect
                finally:
                    dialect.end(conn)
        except DBAPIError as exc:
            if dialect is not None and dialect.is_timeout(exc):
                log.info("table.timeout", extra={"seconds": timeout})
                raise TableTimeoutError(f"no answer within {timeout:g} s") from None
            raise UnreadableError(safe_message(exc, self._urls.get(ref.source))) from None
        except SQLAlchemyError as exc:
            raise UnreadableError(safe_message(exc, self._urls.get(ref.source))) from None

    def _full(
        self, conn: Connection, dialect: SqlDialect, ref: TableRef, read: TableRead
    ) -> Iterator[Table]:
        """Every row, streamed (a server-side cursor where the driver has one)."""
        limit = self._limits.max_table_rows
        budget = _Budget(self._limits)
        result = conn.execution_options(
            stream_results=True, max_row_buffer=FULL_CHUNK_ROWS
        ).execute(dialect.all_rows(conn, ref))
        count = 0
        read.detail = "read all 0 rows"
        for chunk in result.partitions(FULL_CHUNK_ROWS):
            room = limit - count
            yield from self._chunk(ref, chunk[:room], count + 1, budget)
            count += min(len(chunk), room)
            read.detail = f"read all {count} rows"
            if len(chunk) > room:
                result.close()
                read.detail = f"read the first {count} rows"
                raise TooLargeError(f"truncated at {limit} rows (limits.max_table_rows)")
            dialect.restart_timer(conn)

    def _chunk(
        self, ref: TableRef, rows: Sequence[Sequence[Any]], first: int, budget: _Budget
    ) -> Iterator[Table]:
        """Rows as one Table, numbered from `first`; the rows that fit in the
        character budget when it runs out (the object is then `partial`)."""
        builder = RecordTable(self._limits.max_table_rows, table=ref.qualified)
        for number, row in enumerate(rows, start=first):
            values = [(name, _text(value)) for name, value in zip(ref.columns, row, strict=True)]
            if not budget.spend(sum(len(value) for _, value in values if value)):
                yield builder.build()
                raise TooLargeError(
                    f"more than {self._limits.max_chars} characters (limits.max_chars)"
                )
            builder.add(number, values)
        yield builder.build()


class _Budget:
    """Characters left for one table (`limits.max_chars`, as for a file)."""

    def __init__(self, limits: Limits) -> None:
        self.left = limits.max_chars

    def spend(self, chars: int) -> bool:
        self.left -= chars
        return self.left >= 0


def _text(value: object) -> str | None:
    if isinstance(value, bytes | bytearray | memoryview):
        return None
    text = cell_text(value)
    if text is not None and len(text) > MAX_VALUE_CHARS:
        return text[:MAX_VALUE_CHARS]
    return text


def _seed(ref: TableRef) -> int:
    """The same table gives the same sample in every scan (while it does not change)."""
    digest = hashlib.sha256(f"{ref.source}/{ref.qualified}".encode()).digest()
    return int.from_bytes(digest[:4], "big") % 2_000_000_000
