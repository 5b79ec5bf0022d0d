"""The store against a real PostgreSQL server: the same behaviour as on SQLite.

The session's throwaway database (see conftest.py) is emptied before each
test.  Fingerprints and masked forms are obviously fictitious.
"""

from __future__ import annotations

import logging
import secrets
import subprocess
import sys
from collections.abc import Iterator
from typing import Any

import pytest
import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from datawacht.records import (
    ObjectResult,
    ObjectStatus,
)
from datawacht.store import Store, open_store
from datawacht.store.models import Base
from support.store_records import begin, finding, obj, scanned, write_from_two_stores

pytestmark = pytest.mark.postgres


def plain(url: str) -> str:
    """The URL as a user would write it, without the driver."""
    return url.replace("postgresql+psycopg://", "postgresql://", 1)


@pytest.fixture
def db(postgres_database: str) -> Iterator[sa.Engine]:
    """Direct access to the test database, for looking behind the repository."""
    engine = sa.create_engine(postgres_database)
    yield engine
    engine.dispose()


@pytest.fixture
def store(postgres_database: str, db: sa.Engine) -> Iterator[Store]:
    opened = open_store(plain(postgres_database))
    with db.begin() as conn:
        conn.exec_driver_sql("TRUNCATE finding_events, findings, objects, scans RESTART IDENTITY")
    yield opened
    opened.close()


def rows(db: sa.Engine, sql: str) -> list[dict[str, Any]]:
    with db.connect() as conn:
        return [dict(row) for row in conn.execute(sa.text(sql)).mappings()]


def set_status(db: sa.Engine, fingerprint: str, status: str) -> None:
    with db.begin() as conn:
        conn.execute(
            sa.text("UPDATE findings SET status = :status WHERE fingerprint = :fp"),
            {"status": status, "fp": fingerprint},
        )


def statuses(store: Store) -> dict[str, str]:
    return {f.fingerprint: f.status for f in store.list_findings()}


def test_migrations_create_the_schema_of_the_models(store: Store, db: sa.Engine) -> None:
    with db.connect() as conn:
        assert compare_metadata(MigrationContext.configure(conn), Base.metadata) == []
        assert conn.exec_driver_sql("SELECT version_num FROM alembic_version").scalar() == "0003"


OPEN_AND_BEGIN = """
import sys
from datawacht.store import open_store
store = open_store(sys.argv[1])
store.begin_scan(["/srv/share"], "rules-test-1", "testhost", "0.0.0-test")
store.close()
"""


@pytest.fixture
def unused_database(postgres_server: str, postgres_admin: sa.Engine) -> Iterator[str]:
    """The URL of a database that does not exist yet; dropped after the test if it does."""
    name = f"datawacht_test_{secrets.token_hex(6)}"
    yield sa.make_url(postgres_server).set(database=name).render_as_string(hide_password=False)
    with postgres_admin.connect() as conn:
        conn.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def test_processes_opening_a_missing_database_at_once(unused_database: str) -> None:
    """One process creates the database, one migrates it, the others wait for both."""
    processes = [
        subprocess.Popen(
            [sys.executable, "-c", OPEN_AND_BEGIN, plain(unused_database)],
            stderr=subprocess.PIPE,
        )
        for _ in range(3)
    ]
    failures = []
    for process in processes:
        _, stderr = process.communicate()
        if process.returncode:
            failures.append(stderr.decode())
    assert failures == []
    created = sa.create_engine(unused_database)
    try:
        with created.connect() as conn:
            assert conn.exec_driver_sql("SELECT count(*) FROM scans").scalar() == 3
    finally:
        created.dispose()


def test_order_is_bytewise_under_a_dutch_collation(
    unused_database: str, postgres_admin: sa.Engine
) -> None:
    """A Dutch organisation's server sorts 'b' before 'B'; listings must not depend on it."""
    name = sa.make_url(unused_database).database
    with postgres_admin.connect() as conn:
        conn.exec_driver_sql(
            f"CREATE DATABASE \"{name}\" TEMPLATE template0 LOCALE_PROVIDER icu ICU_LOCALE 'nl-NL'"
        )
    dutch = open_store(unused_database)
    try:
        scan_id = begin(dutch)
        paths = ["/srv/share/b.txt", "/srv/share/B.txt", "/srv/share/_x.txt", "/srv/share/a.txt"]
        for path in paths:
            each = obj(path)
            dutch.record_object(scan_id, scanned(each, finding(each, 1)))
        assert [f.path for f in dutch.list_findings()] == sorted(paths)
    finally:
        dutch.close()


def test_logs_never_show_the_password(
    postgres_database: str, caplog: pytest.LogCaptureFixture
) -> None:
    # trust authentication accepts any password, so one can be given and must not leak
    with_password = sa.make_url(postgres_database).set(password="test-secret-not-real")
    with caplog.at_level(logging.DEBUG):
        open_store(with_password.render_as_string(hide_password=False)).close()
    assert "store.migrated" in caplog.text
    assert "test-secret-not-real" not in caplog.text


def test_finding_lifecycle(store: Store, db: sa.Engine) -> None:
    doc = obj("/srv/share/HR/brief.txt")
    first = begin(store)
    result = scanned(doc, finding(doc, 1), finding(doc, 2), finding(doc, 3))
    store.record_object(first, result)
    store.record_object(first, result)  # a retry: nothing doubles
    assert rows(db, "SELECT count(*) AS n FROM findings") == [{"n": 3}]
    set_status(db, "test-fingerprint-0003", "false_positive")

    second = begin(store)
    store.record_object(second, scanned(doc, finding(doc, 2, line=7)))  # 1 and 3 removed
    assert statuses(store) == {
        "test-fingerprint-0001": "resolved",
        "test-fingerprint-0002": "open",
        "test-fingerprint-0003": "false_positive",
    }
    [moved] = store.list_findings(status=["open"])
    assert moved.location["line"] == 7

    third = begin(store)
    store.record_object(third, scanned(doc, finding(doc, 1), finding(doc, 2), finding(doc, 3)))
    assert set(statuses(store).values()) == {"open", "false_positive"}
    assert statuses(store)["test-fingerprint-0003"] == "false_positive"

    history = rows(
        db,
        "SELECT f.fingerprint, e.old_status, e.new_status, e.reason, e.actor, e.scan_id"
        " FROM finding_events e JOIN findings f ON f.id = e.finding_id ORDER BY e.id",
    )
    assert history == [
        {
            "fingerprint": "test-fingerprint-0001",
            "old_status": "open",
            "new_status": "resolved",
            "reason": "value no longer present",
            "actor": "datawacht",
            "scan_id": second,
        },
        {
            "fingerprint": "test-fingerprint-0001",
            "old_status": "resolved",
            "new_status": "open",
            "reason": "value present again",
            "actor": "datawacht",
            "scan_id": third,
        },
    ]


def test_unreadable_object_leaves_findings_alone(store: Store) -> None:
    doc = obj("/srv/share/a.docx")
    store.record_object(begin(store), scanned(doc, finding(doc, 1), label="geheim"))
    error = ObjectResult(obj=doc, status=ObjectStatus.ERROR, reason="encrypted")
    store.record_object(begin(store), error)
    [kept] = store.list_findings()
    assert (kept.status, kept.label) == ("open", "geheim")


def test_mark_missing(store: Store, db: sa.Engine) -> None:
    kept, gone, sibling = (
        obj("/srv/share/kept.txt"),
        obj("/srv/share/gone.txt"),
        obj("/srv/share2/x.txt"),
    )
    old = begin(store)
    for each in (kept, gone, sibling):
        store.record_object(old, scanned(each, finding(each, 1)))
    new = begin(store)
    assert store.mark_missing(new, "/srv/share", {kept.object_id}) == 1
    present = {r["path"]: r["present"] for r in rows(db, "SELECT path, present FROM objects")}
    assert present == {
        "/srv/share/kept.txt": True,
        "/srv/share/gone.txt": False,
        "/srv/share2/x.txt": True,
    }
    [resolved] = store.list_findings(status=["resolved"])
    assert (resolved.path, resolved.status_reason) == (
        "/srv/share/gone.txt",
        "object no longer present",
    )


def test_list_findings_filters(store: Store) -> None:
    scan_id = begin(store)
    hr, fin = obj("/srv/share/HR/brief.txt"), obj("/srv/share/FIN/export.csv")
    store.record_object(
        scan_id, scanned(hr, finding(hr, 1), finding(hr, 2, "EMAIL_ADDRESS"), label="geheim")
    )
    store.record_object(scan_id, scanned(fin, finding(fin, 3, "IBAN_CODE")))
    assert [f.path for f in store.list_findings(path_glob="*.csv")] == ["/srv/share/FIN/export.csv"]
    assert [f.entity_type for f in store.list_findings(label=["geheim"])] == [
        "EMAIL_ADDRESS",
        "NL_BSN",
    ]
    assert len(store.list_findings(entity_type=["NL_BSN", "IBAN_CODE"], limit=1)) == 1
    assert store.list_findings(status=["resolved"]) == []
    [found] = store.list_findings(path_glob="/srv/share/HR/*", entity_type=["NL_BSN"])
    assert found.first_seen.endswith("Z")


def test_concurrent_writers(postgres_database: str, store: Store) -> None:
    """Two stores writing at once, each to its own objects and both to one shared object."""
    assert write_from_two_stores(postgres_database) == []
    assert len(store.list_findings()) == 51
    assert len(store.list_findings(path_glob="*/shared.txt")) == 1
