"""What differs between database servers: read-only transactions, statement
timeouts, table statistics and cheap sampling.

Every read of a scanned database (listing and sampling) runs inside
`begin`/`end`: a read-only transaction, so that nothing the scanner sends can
change the database, and a statement timeout, so that one huge or locked
table costs `timeout_seconds` and no more.

Sampling must be cheap on a table of a billion rows and must not sort it:

- PostgreSQL reads `TABLESAMPLE SYSTEM (p) REPEATABLE (seed)`: whole random
  pages holding about twice the rows wanted, of which a seeded random pick is
  kept; a table that is small, has no row estimate, or whose sample comes
  back too small is read with a plain `LIMIT`.
- MariaDB/MySQL and SQLite have no block sampling; with an integer primary key
  (SQLite: the rowid) a big table is read as a few short index-range probes
  at random points between the smallest and largest key, else with `LIMIT`.
  Never `ORDER BY RAND()`, which sorts the whole table.

Seeds come from the table's path, so an unchanged table gives the same sample
in every scan and its findings do not come and go between scans.

Statistics say whether a table changed since its last scan (`TableStats.stats`,
compared as a string): PostgreSQL's cumulative insert/update/delete counters
with the table's file node (TRUNCATE and VACUUM FULL give it a new one), the
time of the last statistics reset and of the server start (a partitioned
table has none: its partitions count the changes); MariaDB/MySQL's
`UPDATE_TIME` and `CREATE_TIME`; SQLite keeps none, so its tables are always read.
"""

from __future__ import annotations

import math
import random
import sqlite3
import time
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection
from sqlalchemy.exc import DBAPIError

from datawacht.records import TableRef

# Below this many times the rows wanted, a table is read with a plain LIMIT.
SAMPLE_MIN_FACTOR = 10
# PostgreSQL: pages for this many times the rows wanted, since pages vary in rows.
OVERSAMPLE = 2
# A sample with fewer than this share of the rows wanted falls back to LIMIT.
MIN_SAMPLE_SHARE = 0.5
# Index-range probes per table (MariaDB/MySQL, SQLite).
PROBES = 10
# SQLite: the progress handler runs every this many virtual-machine instructions.
SQLITE_PROGRESS_STEPS = 1000

PG_TIMEOUT_STATES = {"57014", "55P03"}  # query_canceled, lock_not_available
MYSQL_TIMEOUT_CODES = {1969, 3024, 1317}  # max_statement_time, max_execution_time, interrupted


@dataclass(frozen=True)
class TableStats:
    """The server's row estimate and the statistics signature of one table.

    `partition`: a PostgreSQL partition, whose rows are read through its
    partitioned table (reading both would report every value twice)."""

    estimated_rows: int | None
    stats: str | None
    partition: bool = False


@dataclass(frozen=True)
class Sample:
    """Rows read from a table (values in `TableRef.columns` order) and how."""

    rows: list[Sequence[Any]]
    how: str


def table_clause(ref: TableRef) -> sa.TableClause:
    """The table as SQL, identifiers quoted by the dialect."""
    return sa.table(ref.name, *(sa.column(name) for name in ref.columns), schema=ref.schema)


class SqlDialect:
    """The common part: plain LIMIT reads and full scans."""

    name = "generic"

    def begin(self, conn: Connection, timeout: float) -> None:
        raise NotImplementedError

    def end(self, conn: Connection) -> None:
        """Leave the transaction; nothing was written, so roll back."""
        conn.rollback()

    def restart_timer(self, conn: Connection) -> None:
        """A full pass reads in chunks: the timeout bounds each chunk.
        Servers time every statement (PostgreSQL: every FETCH) themselves."""

    def statistics(
        self, conn: Connection, schemas: Sequence[str]
    ) -> dict[tuple[str, str], TableStats]:
        return {}

    def is_timeout(self, exc: DBAPIError) -> bool:
        return False

    def sample(self, conn: Connection, ref: TableRef, rows: int, seed: int) -> Sample:
        return self.first_rows(conn, ref, rows)

    def first_rows(self, conn: Connection, ref: TableRef, rows: int) -> Sample:
        table = table_clause(ref)
        found = conn.execute(sa.select(*table.c).limit(rows)).all()
        return Sample(list(found), "first rows")

    def all_rows(self, conn: Connection, ref: TableRef) -> sa.Select[Any]:
        return sa.select(*table_clause(ref).c)


class PostgresDialect(SqlDialect):
    name = "postgresql"

    def begin(self, conn: Connection, timeout: float) -> None:
        # Must be the transaction's first statement; the driver has just sent BEGIN.
        conn.exec_driver_sql("SET TRANSACTION READ ONLY")
        conn.exec_driver_sql(f"SET LOCAL statement_timeout = {max(1, round(timeout * 1000))}")

    def is_timeout(self, exc: DBAPIError) -> bool:
        return getattr(exc.orig, "sqlstate", None) in PG_TIMEOUT_STATES

    def statistics(
        self, conn: Connection, schemas: Sequence[str]
    ) -> dict[tuple[str, str], TableStats]:
        query = sa.text(
            "SELECT n.nspname, c.relname, c.relkind, c.reltuples, c.relfilenode, c.relispartition,"
            " s.n_live_tup,"
            " s.n_tup_ins, s.n_tup_upd, s.n_tup_del,"
            " (SELECT d.stats_reset FROM pg_stat_database d"
            "   WHERE d.datname = current_database()) AS stats_reset,"
            " pg_postmaster_start_time() AS started"
            " FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
            " LEFT JOIN pg_stat_user_tables s ON s.relid = c.oid"
            " WHERE c.relkind IN ('r', 'p') AND n.nspname IN :schemas"
        ).bindparams(sa.bindparam("schemas", expanding=True))
        found: dict[tuple[str, str], TableStats] = {}
        if not schemas:
            return found
        for row in conn.execute(query, {"schemas": list(schemas)}):
            estimate = (
                int(row.reltuples) if row.reltuples is not None and row.reltuples >= 0 else None
            )
            if estimate is None and row.n_live_tup is not None:
                estimate = int(row.n_live_tup)
            stats = None
            # A partitioned table's own counters stay 0: its partitions count the changes.
            if row.n_tup_ins is not None and row.relkind == "r":
                stats = (
                    f"pg:{row.relfilenode}:{row.n_tup_ins}:{row.n_tup_upd}:{row.n_tup_del}"
                    f":{_iso(row.stats_reset)}:{_iso(row.started)}"
                )
            found[(row.nspname, row.relname)] = TableStats(estimate, stats, row.relispartition)
        return found

    def sample(self, conn: Connection, ref: TableRef, rows: int, seed: int) -> Sample:
        estimate = ref.estimated_rows
        if estimate is None or estimate <= rows * SAMPLE_MIN_FACTOR:
            return self.first_rows(conn, ref, rows)
        percent = min(100.0, 100.0 * rows * OVERSAMPLE / estimate)
        sampled = sa.tablesample(
            table_clause(ref),
            sa.func.system(sa.literal_column(f"{percent:.6f}")),
            seed=sa.literal_column(str(seed)),
        )
        # Not LIMIT rows: that would keep the first sampled pages only.
        found = conn.execute(sa.select(*sampled.c).limit(rows * OVERSAMPLE * 2)).all()
        if len(found) < rows * MIN_SAMPLE_SHARE:
            return self.first_rows(conn, ref, rows)
        return Sample(spread(list(found), rows, seed), f"TABLESAMPLE SYSTEM {percent:.3g} %")


class MysqlDialect(SqlDialect):
    """MariaDB and MySQL (one SQLAlchemy dialect, different timeout variables)."""

    name = "mysql"

    def __init__(self, mariadb: bool) -> None:
        self.mariadb = mariadb

    def begin(self, conn: Connection, timeout: float) -> None:
        if self.mariadb:
            conn.exec_driver_sql(f"SET SESSION max_statement_time = {timeout:.3f}")
        else:
            conn.exec_driver_sql(
                f"SET SESSION max_execution_time = {max(1, round(timeout * 1000))}"
            )
        conn.exec_driver_sql("START TRANSACTION READ ONLY")

    def is_timeout(self, exc: DBAPIError) -> bool:
        args = getattr(exc.orig, "args", ())
        return bool(args) and args[0] in MYSQL_TIMEOUT_CODES

    def statistics(
        self, conn: Connection, schemas: Sequence[str]
    ) -> dict[tuple[str, str], TableStats]:
        if not self.mariadb:
            # MySQL 8 caches these columns for a day unless told not to.
            try:
                conn.exec_driver_sql("SET SESSION information_schema_stats_expiry = 0")
            except DBAPIError:
                pass
        query = sa.text(
            "SELECT TABLE_SCHEMA, TABLE_NAME, TABLE_ROWS, CREATE_TIME, UPDATE_TIME, NOW() AS now"
            " FROM information_schema.TABLES"
            " WHERE TABLE_TYPE = 'BASE TABLE' AND TABLE_SCHEMA IN :schemas"
        ).bindparams(sa.bindparam("schemas", expanding=True))
        found: dict[tuple[str, str], TableStats] = {}
        if not schemas:
            return found
        for row in conn.execute(query, {"schemas": list(schemas)}):
            stats = None
            # UPDATE_TIME has whole seconds: a change later in the current
            # second would not move it, so only an earlier second is a signature.
            # It is NULL after a server restart until the next change.
            if row.UPDATE_TIME is not None and row.UPDATE_TIME < row.now:
                stats = f"mysql:{_iso(row.CREATE_TIME)}:{_iso(row.UPDATE_TIME)}"
            estimate = int(row.TABLE_ROWS) if row.TABLE_ROWS is not None else None
            found[(row.TABLE_SCHEMA, row.TABLE_NAME)] = TableStats(estimate, stats)
        return found

    def sample(self, conn: Connection, ref: TableRef, rows: int, seed: int) -> Sample:
        estimate = ref.estimated_rows
        if ref.key is None or estimate is None or estimate <= rows * SAMPLE_MIN_FACTOR:
            return self.first_rows(conn, ref, rows)
        key = sa.column(ref.key)
        low, high = conn.execute(
            sa.select(sa.func.min(key), sa.func.max(key)).select_from(
                sa.table(ref.name, schema=ref.schema)
            )
        ).one()
        if low is None or high is None:
            return self.first_rows(conn, ref, rows)
        return range_probes(conn, ref, key, low, high, rows, seed) or self.first_rows(
            conn, ref, rows
        )


class SqliteDialect(SqlDialect):
    """SQLite: the file is opened read-only (`mode=ro`) and `query_only` is
    set; a progress handler interrupts a statement that runs past the timeout."""

    name = "sqlite"

    def __init__(self) -> None:
        self._deadline = 0.0
        self._timeout = 0.0

    def begin(self, conn: Connection, timeout: float) -> None:
        conn.exec_driver_sql("PRAGMA query_only = ON")
        self._timeout = timeout
        self._deadline = time.monotonic() + timeout
        _raw(conn).set_progress_handler(self._expired, SQLITE_PROGRESS_STEPS)

    def end(self, conn: Connection) -> None:
        _raw(conn).set_progress_handler(None, 0)
        conn.rollback()

    def restart_timer(self, conn: Connection) -> None:
        self._deadline = time.monotonic() + self._timeout

    def _expired(self) -> int:
        return 1 if time.monotonic() > self._deadline else 0

    def is_timeout(self, exc: DBAPIError) -> bool:
        return isinstance(exc.orig, sqlite3.OperationalError) and "interrupted" in str(exc.orig)

    def sample(self, conn: Connection, ref: TableRef, rows: int, seed: int) -> Sample:
        rowid = sa.literal_column("rowid")
        try:
            low, high = conn.execute(
                sa.select(sa.func.min(rowid), sa.func.max(rowid)).select_from(
                    sa.table(ref.name, schema=ref.schema)
                )
            ).one()
        except DBAPIError as exc:  # a WITHOUT ROWID table
            if self.is_timeout(exc):
                raise
            return self.first_rows(conn, ref, rows)
        if high is None or low is None or high - low <= rows * SAMPLE_MIN_FACTOR:
            return self.first_rows(conn, ref, rows)
        return range_probes(conn, ref, rowid, low, high, rows, seed) or self.first_rows(
            conn, ref, rows
        )


def spread(found: list[Sequence[Any]], rows: int, seed: int) -> list[Sequence[Any]]:
    """`rows` of `found`, picked evenly at random (the same ones for the same seed),
    in their original order."""
    if len(found) <= rows:
        return found
    keep = sorted(random.Random(seed).sample(range(len(found)), rows))
    return [found[index] for index in keep]


def range_probes(
    conn: Connection,
    ref: TableRef,
    key: sa.ColumnClause[Any],  # unbound: the rowid or the key column by name
    low: int,
    high: int,
    rows: int,
    seed: int,
) -> Sample | None:
    """`PROBES` short reads along an integer key from random starting points:
    each is an index range scan, so the cost does not grow with the table.
    None when they found too few rows (a sparse key): read the first rows."""
    per_probe = math.ceil(rows / PROBES)
    rng = random.Random(seed)
    starts = sorted({rng.randint(low, high) for _ in range(PROBES)})
    table = table_clause(ref)
    picked: dict[Any, Sequence[Any]] = {}
    last: int | None = None
    for start in starts:
        # A start inside the previous probe's range continues after it, so
        # that two close starts do not read the same rows twice.
        begin = start if last is None else max(start, last + 1)
        stmt = (
            sa.select(key, *table.c)
            .select_from(table)
            .where(key >= begin)
            .order_by(key)
            .limit(per_probe)
        )
        for row in conn.execute(stmt):
            picked[row[0]] = tuple(row[1:])
            last = row[0]
    if len(picked) < rows * MIN_SAMPLE_SHARE:
        return None
    found = [picked[k] for k in sorted(picked)][:rows]
    return Sample(found, f"{len(starts)} key-range probes")


def dialect_for(conn: Connection) -> SqlDialect:
    name = conn.dialect.name
    if name == "postgresql":
        return PostgresDialect()
    if name in ("mysql", "mariadb"):
        return MysqlDialect(bool(getattr(conn.dialect, "is_mariadb", False)))
    if name == "sqlite":
        return SqliteDialect()
    raise ValueError(f"unsupported database dialect {name}")


def _raw(conn: Connection) -> Any:
    return conn.connection.dbapi_connection


def _iso(moment: datetime | None) -> str:
    return moment.isoformat() if moment is not None else "-"
