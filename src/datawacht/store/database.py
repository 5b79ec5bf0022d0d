"""Opening the findings database: URL rules, SQLite set-up and migrations.

The findings database is a map of where the sensitive data is, so a new
SQLite file is created with mode 0600 before SQLite ever touches it (SQLite
gives its -wal and -shm files the mode of the database file).  The watch
daemon writes while officers read, hence WAL, a busy timeout, and write
transactions that take SQLite's write lock when they begin rather than
failing halfway when they try to upgrade a read lock.
"""

from __future__ import annotations

import logging
import os
import stat
import zlib
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.util.exc import CommandError
from sqlalchemy import Engine, create_engine, event, make_url, text
from sqlalchemy.engine import URL, Connection
from sqlalchemy.exc import ArgumentError, DBAPIError, OperationalError

from datawacht.errors import ConfigError
from datawacht.redact import printable_url

log = logging.getLogger(__name__)

MIGRATIONS_DIR = Path(__file__).with_name("migrations")
SQLITE_BUSY_TIMEOUT_SECONDS = 30
# Execution option read by the SQLite `begin` hook: DEFERRED for readers,
# IMMEDIATE for writers (see `writer`).
SQLITE_BEGIN_OPTION = "datawacht_sqlite_begin"
# Serialises concurrent `open_store` calls that migrate the same PostgreSQL database.
PG_MIGRATION_LOCK = zlib.crc32(b"datawacht.store.migrations")
PG_MAINTENANCE_DATABASE = "postgres"
# duplicate_database, unique_violation (on pg_database): another process created it first.
PG_ALREADY_CREATED = {"42P04", "23505"}


def normalize_url(url: str) -> URL:
    """Parse a findings-database URL; bare `postgresql://` means psycopg 3.

    Only SQLite and PostgreSQL are supported: the upserts rely on their
    `INSERT ... ON CONFLICT`.
    """
    try:
        parsed = make_url(url)
    except (ArgumentError, ValueError):
        # the message would quote the URL, password and all
        raise ConfigError("findings database URL is not a valid SQLAlchemy URL") from None
    if parsed.drivername in ("postgresql", "postgres"):
        parsed = parsed.set(drivername="postgresql+psycopg")
    if parsed.get_backend_name() not in ("sqlite", "postgresql"):
        raise ConfigError(
            f"findings database {printable_url(parsed)} is not supported: "
            "use sqlite:////path/findings.db or postgresql://user@host/db"
        )
    if parsed.get_backend_name() == "sqlite" and parsed.database in (None, "", ":memory:"):
        raise ConfigError("the findings database must be a file: sqlite:////path/findings.db")
    return parsed


def create_store_engine(url: URL) -> Engine:
    """An engine for an existing or new findings database, not yet migrated."""
    if url.get_backend_name() == "sqlite":
        _create_private_file(Path(url.database))
        engine = create_engine(url, connect_args={"timeout": SQLITE_BUSY_TIMEOUT_SECONDS})
        _configure_sqlite(engine)
        return engine
    engine = create_engine(url, pool_pre_ping=True)
    _ensure_postgres_database(engine)
    return engine


def writer(engine: Engine) -> Engine:
    """The same engine, but its SQLite transactions take the write lock up front.

    A deferred SQLite transaction that reads and then writes can fail with
    "database is locked" without waiting when another process committed in
    between; `BEGIN IMMEDIATE` waits for the busy timeout instead.  PostgreSQL
    ignores the option.
    """
    return engine.execution_options(**{SQLITE_BEGIN_OPTION: "IMMEDIATE"})


def migrate(engine: Engine) -> None:
    """Bring the schema to the newest alembic revision.

    The alembic Config is built here rather than read from `alembic.ini` so
    that migrations run from an installed package, whatever the working
    directory.  The upgrade runs in one transaction that holds SQLite's
    write lock or a PostgreSQL advisory lock, so two processes opening a new
    database at once do not both create the tables.
    """
    config = Config()
    # ConfigParser interpolates '%'; a path may contain one.
    config.set_main_option("script_location", str(MIGRATIONS_DIR).replace("%", "%%"))
    safe_url = printable_url(engine.url)
    with writer(engine).begin() as connection:
        if connection.dialect.name == "postgresql":
            connection.execute(
                text("SELECT pg_advisory_xact_lock(:key)"), {"key": PG_MIGRATION_LOCK}
            )
        config.attributes["connection"] = connection
        try:
            command.upgrade(config, "head")
        except CommandError as exc:
            raise ConfigError(
                f"findings database {safe_url} cannot be migrated ({exc}); "
                "was it written by a newer datawacht?"
            ) from exc
    log.info("store.migrated url=%s", safe_url)


def _create_private_file(path: Path) -> None:
    """Create the SQLite file with mode 0600, or warn when an existing one is shared."""
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    try:
        fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
    except FileExistsError:
        mode = stat.S_IMODE(path.stat().st_mode)
        if mode & 0o077:
            log.warning("store.file_mode_shared path=%s mode=%o", path, mode)
        return
    try:
        os.fchmod(fd, 0o600)  # exact, whatever the umask
    finally:
        os.close(fd)


def _configure_sqlite(engine: Engine) -> None:
    """Set the pragmas on every connection and let us issue BEGIN ourselves.

    pysqlite's own transaction handling is switched off (isolation_level None)
    so that the `begin` hook decides between DEFERRED and IMMEDIATE.
    """

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: object, _record: object) -> None:
        dbapi_connection.isolation_level = None  # type: ignore[attr-defined]
        cursor = dbapi_connection.cursor()  # type: ignore[attr-defined]
        try:
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA synchronous=NORMAL")
            cursor.execute("PRAGMA foreign_keys=ON")
            cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_SECONDS * 1000}")
        finally:
            cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Connection) -> None:
        mode = connection.get_execution_options().get(SQLITE_BEGIN_OPTION, "DEFERRED")
        connection.exec_driver_sql(f"BEGIN {mode}")


def _ensure_postgres_database(engine: Engine) -> None:
    """Create the PostgreSQL database when it does not exist yet.

    psycopg reports a missing database only as a connection failure, so the
    maintenance database is asked; if that cannot be asked, the original
    connection error stands.  If the database exists after all (another
    process just created it, or the failure had another cause), the next
    connection either works or raises its own error.
    """
    try:
        with engine.connect():
            return
    except OperationalError as exc:
        connect_error = exc
    if not _create_postgres_database(engine.url):
        raise connect_error


def _create_postgres_database(url: URL) -> bool:
    """Create the database that `url` names unless it exists; False if nobody answers."""
    maintenance = create_engine(
        url.set(database=PG_MAINTENANCE_DATABASE), isolation_level="AUTOCOMMIT"
    )
    try:
        with maintenance.connect() as connection:
            exists = connection.execute(
                text("SELECT 1 FROM pg_database WHERE datname = :name"), {"name": url.database}
            ).first()
            if exists is not None:
                return True
            quoted = connection.dialect.identifier_preparer.quote(url.database)
            try:
                connection.exec_driver_sql(f"CREATE DATABASE {quoted}")
            except DBAPIError as exc:
                if getattr(exc.orig, "sqlstate", None) not in PG_ALREADY_CREATED:
                    raise
                return True
    except OperationalError:
        return False
    finally:
        maintenance.dispose()
    log.info("store.database_created url=%s", printable_url(url))
    return True
