"""Opening the SQLite findings database: URL rules, file mode, pragmas, migrations."""

from __future__ import annotations

import logging
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest
import sqlalchemy as sa
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.config import Config
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory

from datawacht.errors import ConfigError
from datawacht.store import database, open_store
from datawacht.store.models import Base


def mode_of(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        # bare PostgreSQL URLs get the psycopg 3 driver, the only one installed
        (
            "postgresql://scanner@db.example/findings",
            "postgresql+psycopg://scanner@db.example/findings",
        ),
        (
            "postgres://scanner@db.example/findings",
            "postgresql+psycopg://scanner@db.example/findings",
        ),
        # an explicit driver is the user's choice
        (
            "postgresql+psycopg://scanner@db.example/findings",
            "postgresql+psycopg://scanner@db.example/findings",
        ),
        ("sqlite:////var/lib/datawacht/findings.db", "sqlite:////var/lib/datawacht/findings.db"),
    ],
)
def test_normalize_url(given: str, expected: str) -> None:
    assert database.normalize_url(given).render_as_string(hide_password=False) == expected


@pytest.mark.parametrize(
    "url",
    [
        "mysql+pymysql://scanner:hunter2@db.example/findings",  # no ON CONFLICT upsert
        "not a url",
        "postgresql://scanner:hunter2@db.example:port/findings",
        "sqlite://",  # in memory: gone when the scan ends, and one per connection
        "sqlite:///:memory:",
    ],
)
def test_unsupported_urls_are_configuration_errors(url: str) -> None:
    with pytest.raises(ConfigError) as raised:
        database.normalize_url(url)
    assert "hunter2" not in str(raised.value)


def test_new_database_file_is_private(store: object, db_path: Path) -> None:
    assert mode_of(db_path) == 0o600
    # SQLite copies the database file's mode to its WAL and shared-memory files
    for sidecar in (db_path.with_name("findings.db-wal"), db_path.with_name("findings.db-shm")):
        assert mode_of(sidecar) == 0o600
    assert mode_of(db_path.parent) == 0o700


def test_private_whatever_the_umask(db_url: str, db_path: Path) -> None:
    old = os.umask(0o002)
    try:
        open_store(db_url).close()
    finally:
        os.umask(old)
    assert mode_of(db_path) == 0o600


def test_existing_shared_file_is_reported_not_changed(
    db_url: str, db_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    open_store(db_url).close()
    db_path.chmod(0o644)
    with caplog.at_level(logging.WARNING, logger="datawacht.store"):
        open_store(db_url).close()
    assert "store.file_mode_shared" in caplog.text
    assert mode_of(db_path) == 0o644


def test_sqlite_pragmas(db_url: str) -> None:
    engine = database.create_store_engine(database.normalize_url(db_url))
    try:
        with engine.connect() as conn:
            pragmas = {
                name: conn.exec_driver_sql(f"PRAGMA {name}").scalar()
                for name in ("journal_mode", "synchronous", "foreign_keys", "busy_timeout")
            }
    finally:
        engine.dispose()
    assert pragmas == {
        "journal_mode": "wal",
        "synchronous": 1,  # NORMAL
        "foreign_keys": 1,
        "busy_timeout": database.SQLITE_BUSY_TIMEOUT_SECONDS * 1000,
    }


def test_writer_transactions_hold_the_write_lock_from_the_start(db_url: str) -> None:
    engine = database.create_store_engine(database.normalize_url(db_url))
    other = sa.create_engine(db_url, connect_args={"timeout": 0})
    try:
        with database.writer(engine).begin() as conn:
            conn.exec_driver_sql("SELECT 1")  # a read only, yet the lock is taken
            with pytest.raises(sa.exc.OperationalError, match="locked"):
                with other.begin() as competing:
                    competing.exec_driver_sql("CREATE TABLE probe (x INTEGER)")
    finally:
        other.dispose()
        engine.dispose()


def test_migrations_create_the_schema_of_the_models(store: object, db_url: str) -> None:
    engine = sa.create_engine(db_url)
    try:
        with engine.connect() as conn:
            context = MigrationContext.configure(conn)
            assert compare_metadata(context, Base.metadata) == []
            script = ScriptDirectory.from_config(_script_config())
            assert context.get_current_revision() == script.get_current_head()
            tables = set(sa.inspect(conn).get_table_names())
    finally:
        engine.dispose()
    assert {"scans", "objects", "findings", "finding_events"} <= tables


def test_indexes_for_the_findings_filters(store: object, db_url: str) -> None:
    engine = sa.create_engine(db_url)
    try:
        inspector = sa.inspect(engine)
        indexed = {
            (table, tuple(index["column_names"]))
            for table in ("objects", "findings")
            for index in inspector.get_indexes(table)
        }
        unique = inspector.get_unique_constraints("findings")
    finally:
        engine.dispose()
    assert {
        ("findings", ("status",)),
        ("findings", ("entity_type",)),
        ("findings", ("fingerprint",)),
        ("objects", ("label",)),
        ("objects", ("path",)),
    } <= indexed
    assert [c["column_names"] for c in unique] == [["object_id", "entity_type", "fingerprint"]]


def test_reopening_keeps_data_and_does_not_migrate_again(db_url: str) -> None:
    first = open_store(db_url)
    scan_id = first.begin_scan(["/srv/share"], "rules-1", "testhost", "0.1.0")
    first.close()
    second = open_store(db_url)
    try:
        assert second.get_scan(scan_id).status == "running"
    finally:
        second.close()


def test_migrations_do_not_depend_on_the_working_directory(
    db_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    open_store(db_url).close()
    assert list(elsewhere.iterdir()) == []


OPEN_AND_BEGIN = """
import sys
from datawacht.store import open_store
store = open_store(sys.argv[1])
store.begin_scan(["/srv/share"], "rules-test-1", "testhost", "0.0.0-test")
store.close()
"""


def test_processes_opening_a_new_database_at_once(db_url: str) -> None:
    """The first open migrates under the write lock; the others wait and find it done."""
    processes = [
        subprocess.Popen([sys.executable, "-c", OPEN_AND_BEGIN, db_url], stderr=subprocess.PIPE)
        for _ in range(3)
    ]
    failures = []
    for process in processes:
        _, stderr = process.communicate()
        if process.returncode:
            failures.append(stderr.decode())
    assert failures == []
    engine = sa.create_engine(db_url)
    try:
        with engine.connect() as conn:
            assert conn.exec_driver_sql("SELECT count(*) FROM scans").scalar() == 3
    finally:
        engine.dispose()


def _script_config() -> Config:
    config = Config()
    config.set_main_option("script_location", str(database.MIGRATIONS_DIR))
    return config


def test_a_database_of_the_first_schema_is_upgraded_with_its_rows(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'old.db'}"
    engine = sa.create_engine(url)
    config = _script_config()
    try:
        with engine.begin() as conn:
            config.attributes["connection"] = conn
            command.upgrade(config, "0001")
            conn.exec_driver_sql(
                "INSERT INTO scans (id, started_at, status, host, targets, ruleset_version,"
                " scanner_version) VALUES ('s1', '2026-01-01 00:00:00', 'completed', 'h', '[]',"
                " 'nl-default@2026.11.2', '0.1')"
            )
            conn.exec_driver_sql(
                "INSERT INTO objects (object_id, path, host, status, label, label_rank, rules,"
                " data_subjects, first_seen, last_seen, last_scan_id, present) VALUES ('o1',"
                " '/srv/a.txt', 'h', 'scanned', 'vertrouwelijk', 2, '[\"entity:NL_BSN\"]', 1,"
                " '2026-01-01 00:00:00', '2026-01-01 00:00:00', 's1', 1)"
            )
    finally:
        engine.dispose()
    store = open_store(url)
    store.close()
    engine = sa.create_engine(url)
    try:
        with engine.connect() as conn:
            row = conn.exec_driver_sql(
                "SELECT label, rules, violations, ruleset_version FROM objects"
            ).one()
    finally:
        engine.dispose()
    assert row == ("vertrouwelijk", '["entity:NL_BSN"]', None, None)
