"""Live databases as scan targets: a SQLAlchemy URL in, one ScanObject per table out.

The source runs in the scan's main process and reads only the catalogue:
schemas, tables, column names and types, primary keys and the table
statistics the server keeps.  Rows are read later, in a worker, by
`sources/tablereader.py`, so listing a database with thousands of tables
costs a few catalogue queries, never a row.

Paths name a table without credentials: `postgresql://host:5432/db/schema.table`,
`mysql://host:3306/db/db.table` (in MySQL and MariaDB a schema is a
database), and for SQLite the URL as SQLAlchemy writes an absolute file,
`sqlite:////abs/path.db/main.table`.  The driver is left out
(`postgresql+psycopg://` and `postgresql://` name the same table) and the
port is always written, so one table has one path whatever URL found it.
Object ids are `object_id_for(scanning host, path)`, exactly as for files:
`localhost` in a URL is relative to the scanning machine.

A password never leaves this module in readable form: paths and roots are
built from host, port and database alone, `DatabaseTarget` hides its URL from
`repr`, and every error message goes through `safe_message`, which keeps the
driver's first words about the problem and blanks the password wherever the
driver quoted it.
"""

from __future__ import annotations

import fnmatch
import logging
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote, quote_plus

from sqlalchemy import Engine, create_engine, inspect
from sqlalchemy.engine import URL, Connection, make_url
from sqlalchemy.exc import ArgumentError, NoSuchModuleError, SQLAlchemyError
from sqlalchemy.pool import NullPool

from datawacht.config import DatabaseSettings
from datawacht.records import ScanObject, TableRef
from datawacht.redact import redact
from datawacht.sources.dialects import SqlDialect, TableStats, dialect_for
from datawacht.sources.files import object_id_for

log = logging.getLogger(__name__)

KIND = "database table"
DEFAULT_PORTS = {"postgresql": 5432, "mysql": 3306, "mariadb": 3306}
SUPPORTED_BACKENDS = (*DEFAULT_PORTS, "sqlite")
# A bare scheme means the driver that datawacht installs (`datawacht[all]`).
DEFAULT_DRIVERS = {
    "postgresql": "postgresql+psycopg",
    "postgres": "postgresql+psycopg",
    "mysql": "mysql+pymysql",
    "mariadb": "mariadb+pymysql",
}
CONNECT_TIMEOUT_SECONDS = 10
MAX_MESSAGE_CHARS = 300
_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.\-]*://")


class DatabaseError(Exception):
    """A database target cannot be used (URL, driver, connection, catalogue).

    The message is safe to print: it never holds a password.
    """


def is_database_url(target: str) -> bool:
    """A scan target with a URL scheme is a database; anything else is a path."""
    return bool(_SCHEME.match(target))


@dataclass(frozen=True)
class DatabaseTarget:
    """A database to scan: the credential-free `root` every path starts with,
    and the URL to connect with (kept out of `repr`)."""

    root: str
    url: URL = field(repr=False, compare=False)

    @property
    def backend(self) -> str:
        return self.url.get_backend_name()

    def table_path(self, schema: str | None, table: str) -> str:
        name = f"{schema}.{table}" if schema else table
        if self.backend in ("mysql", "mariadb") and not self.url.database:
            return f"{self.root}/{schema}/{name}"
        return f"{self.root}/{name}"


def parse_target(text: str, password: str | None = None) -> DatabaseTarget:
    """A database target from a URL; `password` is used when the URL names a
    user but no password.  Raises DatabaseError with a redacted message."""
    try:
        url = make_url(text)
    except (ArgumentError, ValueError):
        # the parser's message would quote the URL, password and all
        raise DatabaseError(f"not a valid database URL: {redact(text)}") from None
    backend = url.get_backend_name()
    if backend == "postgres":
        backend = "postgresql"
    if backend not in SUPPORTED_BACKENDS:
        raise DatabaseError(
            f"{redact(text)}: unsupported database; use postgresql://, mysql+pymysql://, "
            "mariadb+pymysql:// or sqlite:///"
        )
    url = url.set(drivername=DEFAULT_DRIVERS.get(url.drivername, url.drivername))
    if backend == "sqlite":
        return _sqlite_target(url)
    if url.password is None and url.username and password:
        url = url.set(password=password)
    if backend == "postgresql" and not url.database:
        raise DatabaseError(f"{redact(text)}: name the database, postgresql://host/DATABASE")
    host = url.host or "localhost"
    if ":" in host:  # IPv6
        host = f"[{host}]"
    root = f"{backend}://{host}:{url.port or DEFAULT_PORTS[backend]}"
    if url.database:
        root = f"{root}/{url.database}"
    return DatabaseTarget(root, url)


def _sqlite_target(url: URL) -> DatabaseTarget:
    """SQLite opens the file read-only (`mode=ro`): a missing file is an
    error instead of a new empty database, and nothing can be written."""
    database = url.database or ""
    if database.startswith("file:"):
        database = database[len("file:") :].split("?", 1)[0]
    if database in ("", ":memory:"):
        raise DatabaseError("a SQLite target must be a file: sqlite:////path/to/file.db")
    path = Path(database).expanduser().resolve()
    read_only = URL.create(
        "sqlite", database=f"file:{quote(str(path))}", query={"mode": "ro", "uri": "true"}
    )
    return DatabaseTarget(f"sqlite:///{path}", read_only)


def safe_message(exc: BaseException, url: URL | None) -> str:
    """The driver's own words about a failure, on one line, without the
    password (drivers may quote the connection string) and without the SQL
    statement and parameters SQLAlchemy would append."""
    if isinstance(exc, NoSuchModuleError | ImportError | ModuleNotFoundError):
        return "database driver not installed (pip install 'datawacht[all]')"
    original = getattr(exc, "orig", None) or exc
    text = " ".join(str(original).split()) or type(original).__name__
    password = url.password if url is not None else None
    if password:
        for form in _written_forms(str(password)):
            text = text.replace(form, "***")
    if len(text) > MAX_MESSAGE_CHARS:
        text = text[: MAX_MESSAGE_CHARS - 1] + "…"
    return text


def _written_forms(password: str) -> list[str]:
    """The password as a driver may quote it: plain or percent-encoded, longest first."""
    every_byte = "".join(f"%{byte:02X}" for byte in password.encode())
    forms = {password, quote(password, safe=""), quote_plus(password), every_byte}
    forms |= {form.lower() for form in forms if "%" in form}
    return sorted(forms, key=len, reverse=True)


def create_database_engine(url: URL, *, pooled: bool) -> Engine:
    """An engine on a scanned database: a connect timeout, and a pool of one
    connection for a worker that reads table after table (`pooled`), none for
    the one-off listing in the main process."""
    connect_args: dict[str, object] = {}
    if url.get_backend_name() != "sqlite":
        connect_args["connect_timeout"] = CONNECT_TIMEOUT_SECONDS
    # hide_parameters: key values of range probes stay out of logs and exception texts.
    if pooled:
        return create_engine(
            url,
            connect_args=connect_args,
            pool_size=1,
            max_overflow=1,
            pool_pre_ping=True,
            hide_parameters=True,
        )
    return create_engine(url, connect_args=connect_args, poolclass=NullPool, hide_parameters=True)


def selected(qualified: str, include: Sequence[str], exclude: Sequence[str]) -> bool:
    """Include and exclude are globs on `schema.table`, case-insensitive."""
    name = qualified.casefold()
    if include and not any(fnmatch.fnmatchcase(name, p.casefold()) for p in include):
        return False
    return not any(fnmatch.fnmatchcase(name, p.casefold()) for p in exclude)


@dataclass(frozen=True)
class Listing:
    """The tables to scan, and those that exist but were left out by
    include/exclude (their stored findings must not be marked gone)."""

    tables: tuple[TableRef, ...]
    excluded: tuple[tuple[str | None, str], ...]


def list_tables(target: DatabaseTarget, settings: DatabaseSettings) -> Listing:
    """Names first: the catalogue of every table, read in one read-only
    transaction under the statement timeout, without reading a row."""
    failing = "cannot connect"
    try:
        engine = create_database_engine(target.url, pooled=False)
    except (SQLAlchemyError, ImportError) as exc:
        raise DatabaseError(f"{failing}: {safe_message(exc, target.url)}") from None
    try:
        with engine.connect() as conn:
            failing = "cannot list the tables"
            dialect = dialect_for(conn)
            dialect.begin(conn, settings.timeout_seconds)
            try:
                return _list(conn, dialect, target, settings)
            finally:
                dialect.end(conn)
    except (SQLAlchemyError, ImportError, OSError) as exc:
        raise DatabaseError(f"{failing}: {safe_message(exc, target.url)}") from None
    finally:
        engine.dispose()


def _list(
    conn: Connection, dialect: SqlDialect, target: DatabaseTarget, settings: DatabaseSettings
) -> Listing:
    inspector = inspect(conn)
    skip = {schema.casefold() for schema in settings.skip_schemas}
    schemas = [s for s in _schemas(conn, target) if s.casefold() not in skip]
    stats = dialect.statistics(conn, schemas)
    tables: list[TableRef] = []
    excluded: list[tuple[str | None, str]] = []
    for schema in schemas:
        names = []
        for name in sorted(inspector.get_table_names(schema=schema)):
            if (schema, name) in stats and stats[schema, name].partition:
                continue
            qualified = f"{schema}.{name}"
            if selected(qualified, settings.include, settings.exclude):
                names.append(name)
            else:
                excluded.append((schema, name))
        if not names:
            continue
        columns = inspector.get_multi_columns(schema=schema, filter_names=names)
        keys = inspector.get_multi_pk_constraint(schema=schema, filter_names=names)
        for name in names:
            described = columns.get((schema, name), [])
            known = stats.get((schema, name), TableStats(None, None))
            tables.append(
                TableRef(
                    source=target.root,
                    schema=schema,
                    name=name,
                    columns=tuple(c["name"] for c in described if _readable(c["type"])),
                    key=_integer_key(keys.get((schema, name)), described),
                    estimated_rows=known.estimated_rows,
                    stats=known.stats,
                )
            )
    log.info("database.listed", extra={"count": len(tables)})
    return Listing(tuple(tables), tuple(excluded))


def _schemas(conn: Connection, target: DatabaseTarget) -> list[str]:
    if target.backend == "sqlite":
        return ["main"]
    if target.backend in ("mysql", "mariadb") and target.url.database:
        return [target.url.database]
    return sorted(inspect(conn).get_schema_names())


def _readable(column_type: object) -> bool:
    """Binary and boolean columns hold nothing the recognizers read."""
    try:
        python_type = column_type.python_type  # type: ignore[attr-defined]
    except (NotImplementedError, AttributeError):
        return True  # unknown to SQLAlchemy (geometry, tsvector, …): read it as text
    return python_type not in (bytes, bool)


def _integer_key(
    constraint: dict[str, object] | None, columns: list[dict[str, object]]
) -> str | None:
    """A single-column integer primary key, which sampling can probe ranges of."""
    names = list(constraint.get("constrained_columns") or []) if constraint else []
    if len(names) != 1:
        return None
    for column in columns:
        if column["name"] == names[0]:
            try:
                return names[0] if column["type"].python_type is int else None  # type: ignore[attr-defined]
            except NotImplementedError:
                return None
    return None


def table_objects(
    target: DatabaseTarget, tables: Iterable[TableRef], host: str
) -> list[ScanObject]:
    """One ScanObject per table; `size` is the row estimate (rows read, after a full pass)."""
    return [
        ScanObject(
            path=(path := target.table_path(ref.schema, ref.name)),
            object_id=object_id_for(host, path),
            size=ref.estimated_rows,
            table=ref,
        )
        for ref in tables
    ]
