"""Live databases as scan targets, against real PostgreSQL, MariaDB and SQLite.

Each backend gets a fresh database per module with a generated register
(`klanten`: BSNs under the meaningless header `veld1`, e-mail addresses,
places) and a clean table (`producten`).  Scans run in this process through
`scanner.run_scan`, as `datawacht scan` runs them; assertions compare counts,
fingerprints and locations, never print a value.
"""

from __future__ import annotations

import io
import json
import logging
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa

from datawacht import scanner
from datawacht.config import DatabaseSettings, Settings
from datawacht.detect.fingerprint import Protector
from datawacht.limits import Limits
from datawacht.pipeline import Pipeline
from datawacht.report.writers import WRITERS
from datawacht.sources.database import create_database_engine, list_tables, parse_target
from datawacht.sources.dialects import dialect_for
from datawacht.sources.tablereader import TableReader
from datawacht.store.repository import open_store
from datawacht.workers import Scanner
from support.databases import (
    PASSWORD,
    Register,
    fill,
    make_register,
    modify,
    reader_user,
    reads_of,
    settle,
    statements,
)

HOST = "scanner-test"
KEY = "integration-test-key-" + "7" * 24
BACKENDS = ["postgresql", "mariadb", "sqlite"]
SERVERS = ["postgresql", "mariadb"]


@dataclass(frozen=True)
class Database:
    backend: str
    admin_url: str  # writes test data
    scan_url: str  # what the scan is given (a user with PASSWORD, no password in it)
    root: str  # the credential-free path prefix of its tables
    schema: str


@pytest.fixture(scope="module")
def register() -> Register:
    return make_register()


@pytest.fixture(scope="module")
def pipeline(tmp_path_factory: pytest.TempPathFactory) -> Pipeline:
    settings = Settings(state_dir=tmp_path_factory.mktemp("state"), fingerprint_key=KEY)
    return scanner.build_pipeline(settings, scanner.load_rules(settings))


@pytest.fixture(scope="module", params=BACKENDS)
def database(
    request: pytest.FixtureRequest,
    register: Register,
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[Database]:
    backend = request.param
    if backend == "sqlite":
        path = tmp_path_factory.mktemp("sqlite") / "register.db"
        url = f"sqlite:///{path}"
        fill(url, register)
        yield Database(backend, url, url, f"sqlite:///{path}", "main")
        return
    if backend == "postgresql":
        admin = request.getfixturevalue("postgres_server")
        url = request.getfixturevalue("postgres_module_database")
    else:
        admin = request.getfixturevalue("mariadb_server")
        url = request.getfixturevalue("mariadb_database")
    fill(url, register)
    parsed = sa.make_url(url)
    port = {"postgresql": 5432, "mariadb": 3306}[backend]
    prefix = "postgresql" if backend == "postgresql" else "mysql"
    schema = "public" if backend == "postgresql" else parsed.database
    with reader_user(admin, url) as scan_url:
        root = f"{prefix}://127.0.0.1:{port}/{parsed.database}"
        yield Database(backend, url, scan_url, root, schema)


def _settings(**changes: Any) -> DatabaseSettings:
    return DatabaseSettings(password=PASSWORD, **changes)


def scan(
    pipeline: Pipeline,
    urls: list[str],
    settings: DatabaseSettings,
    store_url: str | None = None,
    password: str | None = PASSWORD,
) -> tuple[dict[str, Any], list[scanner.Target]]:
    """One `datawacht scan URL… --format json` in this process (one worker)."""
    databases = [parse_target(url, password) for url in urls]
    pipeline.tables = TableReader(databases, settings, Limits())
    store = open_store(store_url) if store_url else None
    out = io.StringIO()
    try:
        targets = [
            scanner.database_target(db, settings, HOST, store, pipeline.classifier)
            for db in databases
        ]
        with Scanner(pipeline, workers=1) as pool:
            scanner.run_scan(targets, pool, WRITERS["json"](out), store, HOST)
    finally:
        pipeline.tables.close()
        pipeline.tables = None
        if store is not None:
            store.close()
    return json.loads(out.getvalue()), targets


def _objects(document: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {obj["path"]: obj for obj in document["objects"]}


def _fingerprints(pipeline: Pipeline, entity: str, values: tuple[str, ...]) -> set[str]:
    protector: Protector = pipeline.protector
    return {protector.protect(entity, value).fingerprint for value in values}


def test_bsn_under_a_meaningless_header_and_email_are_found(
    pipeline: Pipeline, database: Database, register: Register
) -> None:
    document, _ = scan(pipeline, [database.scan_url], _settings())
    objects = _objects(document)
    register_path = f"{database.root}/{database.schema}.klanten"
    clean_path = f"{database.root}/{database.schema}.producten"
    assert set(objects) == {register_path, clean_path}
    assert objects[register_path]["status"] == "scanned"
    assert objects[register_path]["kind"] == "database table"
    assert objects[register_path]["classification"]["label"] == "vertrouwelijk"
    assert objects[register_path]["counts"]["NL_BSN"] == len(register.bsns)
    assert objects[clean_path]["status"] == "scanned"
    assert objects[clean_path]["classification"]["label"] == "openbaar"
    assert objects[clean_path]["counts"] == {}

    findings = document["findings"]
    assert {f["path"] for f in findings} == {register_path}
    bsns = [f for f in findings if f["entity_type"] == "NL_BSN"]
    mails = [f for f in findings if f["entity_type"] == "EMAIL_ADDRESS"]
    table = f"{database.schema}.klanten"
    assert {(f["location"]["table"], f["location"]["column"]) for f in bsns} == {(table, "veld1")}
    assert {(f["location"]["table"], f["location"]["column"]) for f in mails} == {(table, "email")}
    # Row numbers are the sample's ordinals: every row of this small table, once.
    assert sorted(f["location"]["row"] for f in bsns) == list(range(1, len(register.bsns) + 1))
    found = {f["fingerprint"] for f in bsns}
    assert found == _fingerprints(pipeline, "NL_BSN", register.bsns), "BSN fingerprints differ"
    found = {f["fingerprint"] for f in mails}
    assert found == _fingerprints(pipeline, "EMAIL_ADDRESS", register.emails), "e-mails differ"
    raw = json.dumps(document)
    assert not any(value in raw for value in register.bsns + register.emails), "raw value in output"


def test_include_and_exclude_select_tables(pipeline: Pipeline, database: Database) -> None:
    only = _settings(include=[f"{database.schema}.klant*"])
    document, _ = scan(pipeline, [database.scan_url], only)
    assert [Path(o["path"]).suffix for o in document["objects"]] == [".klanten"]
    without = _settings(exclude=["*.KLANTEN"])  # case-insensitive
    document, _ = scan(pipeline, [database.scan_url], without)
    assert [Path(o["path"]).suffix for o in document["objects"]] == [".producten"]


def test_excluded_tables_keep_their_stored_findings(
    pipeline: Pipeline, database: Database, tmp_path: Path
) -> None:
    store_url = f"sqlite:///{tmp_path / 'findings.db'}"
    scan(pipeline, [database.scan_url], _settings(incremental=False), store_url)
    scan(pipeline, [database.scan_url], _settings(exclude=["*.klanten"]), store_url)
    store = open_store(store_url)
    try:
        states = list(store.present_objects(HOST, database.root))
        open_bsns = store.list_findings(status=["open"], entity_type=["NL_BSN"])
    finally:
        store.close()
    assert len(states) == 2, "an excluded table was marked gone"
    assert open_bsns, "findings of an excluded table were resolved"


@pytest.mark.parametrize("database", SERVERS, indirect=True)
def test_an_unchanged_table_is_not_read_again(
    pipeline: Pipeline, database: Database, register: Register, tmp_path: Path
) -> None:
    store_url = f"sqlite:///{tmp_path / 'findings.db'}"
    with statements() as first:
        document1, _ = scan(pipeline, [database.scan_url], _settings(), store_url)
    assert reads_of(first, "klanten") >= 1 and reads_of(first, "producten") >= 1

    with statements() as second:
        document2, _ = scan(pipeline, [database.scan_url], _settings(), store_url)
    assert reads_of(second, "klanten") == 0, "an unchanged table was sampled again"
    assert reads_of(second, "producten") == 0, "an unchanged table was sampled again"
    # ... and still reported, with the findings and labels of the last scan.
    assert _summary(document2) == _summary(document1)
    assert {f["fingerprint"] for f in document2["findings"]} == {
        f["fingerprint"] for f in document1["findings"]
    }
    assert all(o["detail"].startswith("not read again") for o in document2["objects"])

    modify(database.admin_url, "UPDATE producten SET prijs = 10.95 WHERE id = 3")
    with statements() as third:
        scan(pipeline, [database.scan_url], _settings(), store_url)
    assert reads_of(third, "producten") >= 1, "a changed table was not read"
    assert reads_of(third, "klanten") == 0

    # A full pass is not satisfied by an earlier sample.
    with statements() as full:
        scan(pipeline, [database.scan_url], _settings(full=True), store_url)
    assert reads_of(full, "klanten") >= 1


BIG_ROWS = 20_000
BIG_FILL = {
    # ~500 characters a row: about 14 rows a page, so a 1 % block sample holds ~14 pages.
    "postgresql": "INSERT INTO groot SELECT g, repeat('x', 500) FROM generate_series(1, 20000) g",
    "mariadb": "INSERT INTO groot SELECT seq, REPEAT('x', 500) FROM seq_1_to_20000",
}


@pytest.mark.parametrize("database", SERVERS, indirect=True)
def test_a_big_table_is_sampled_cheaply_spread_and_repeatably(database: Database) -> None:
    admin = sa.create_engine(database.admin_url)
    try:
        with admin.begin() as conn:
            conn.exec_driver_sql("DROP TABLE IF EXISTS groot")
            conn.exec_driver_sql("CREATE TABLE groot (id INTEGER PRIMARY KEY, opvulling TEXT)")
            conn.exec_driver_sql(BIG_FILL[database.backend])
        settle(admin)  # PostgreSQL: the row estimate comes from the flushed counters
        settings = DatabaseSettings(sample_rows=100, include=["*.groot"])
        target = parse_target(database.admin_url)
        samples = []
        for _ in range(2):
            [ref] = list_tables(target, settings).tables
            reader = TableReader([target], settings, Limits())
            reading = reader.read(ref)
            [table] = list(reading.tables)
            reader.close()
            ids = [int(cell.value) for cell in table.columns[0].cells]
            samples.append(ids)
        expected = "TABLESAMPLE SYSTEM" if database.backend == "postgresql" else "key-range probes"
        assert expected in reading.detail
        assert len(ids) == 100 and len(set(ids)) == 100
        assert max(ids) - min(ids) > BIG_ROWS // 2, "the sample is not spread over the table"
        assert samples[0] == samples[1], "an unchanged table gave another sample"
    finally:
        with admin.begin() as conn:
            conn.exec_driver_sql("DROP TABLE groot")
        admin.dispose()


@pytest.mark.parametrize("database", ["postgresql"], indirect=True)
def test_a_partitioned_table_is_read_once_and_always(database: Database) -> None:
    admin = sa.create_engine(database.admin_url)
    try:
        with admin.begin() as conn:
            conn.exec_driver_sql("CREATE TABLE deel (id INTEGER, v TEXT) PARTITION BY RANGE (id)")
            conn.exec_driver_sql(
                "CREATE TABLE deel_1 PARTITION OF deel FOR VALUES FROM (0) TO (50)"
            )
            conn.exec_driver_sql(
                "CREATE TABLE deel_2 PARTITION OF deel FOR VALUES FROM (50) TO (99)"
            )
            conn.exec_driver_sql("INSERT INTO deel SELECT g, 'x' FROM generate_series(1, 98) g")
        settle(admin)
        listing = list_tables(parse_target(database.admin_url), _settings(include=["*.deel*"]))
    finally:
        with admin.begin() as conn:
            conn.exec_driver_sql("DROP TABLE deel")
        admin.dispose()
    [parent] = listing.tables
    assert parent.name == "deel"
    assert parent.stats is None  # its own counters never move: no incremental skip


def test_sqlite_tables_are_always_read(pipeline: Pipeline, tmp_path: Path, register: Register):
    url = f"sqlite:///{tmp_path / 'register.db'}"
    fill(url, register)
    store_url = f"sqlite:///{tmp_path / 'findings.db'}"
    scan(pipeline, [url], _settings(), store_url)
    with statements() as second:
        scan(pipeline, [url], _settings(), store_url)
    assert reads_of(second, "klanten") >= 1  # SQLite keeps no statistics to trust


@pytest.mark.parametrize("database", SERVERS, indirect=True)
def test_a_table_that_times_out_is_reported_and_the_scan_goes_on(
    pipeline: Pipeline, database: Database
) -> None:
    locker = sa.create_engine(database.admin_url)
    try:
        with locker.connect() as conn:
            if database.backend == "postgresql":
                conn.exec_driver_sql("LOCK TABLE klanten IN ACCESS EXCLUSIVE MODE")
            else:
                conn.exec_driver_sql("LOCK TABLES klanten WRITE")
            document, _ = scan(pipeline, [database.scan_url], _settings(timeout_seconds=0.5))
            conn.rollback()
            if database.backend != "postgresql":
                conn.exec_driver_sql("UNLOCK TABLES")
    finally:
        locker.dispose()
    objects = _objects(document)
    locked = objects[f"{database.root}/{database.schema}.klanten"]
    assert (locked["status"], locked["reason"]) == ("error", "timeout")
    assert "0.5 s" in locked["detail"]
    assert objects[f"{database.root}/{database.schema}.producten"]["status"] == "scanned"


def test_reads_run_in_a_read_only_transaction(database: Database) -> None:
    # As the administrator: only the transaction, not a missing grant, may stop the write.
    target = parse_target(database.admin_url)
    engine = create_database_engine(target.url, pooled=False)
    try:
        with engine.connect() as conn:
            dialect = dialect_for(conn)
            dialect.begin(conn, 5.0)
            with pytest.raises(sa.exc.DBAPIError) as refused:
                conn.exec_driver_sql("DELETE FROM producten")
            assert re.search(r"read.?only", str(refused.value.orig), re.IGNORECASE)
            dialect.end(conn)
    finally:
        engine.dispose()
    admin = sa.create_engine(database.admin_url)
    try:
        with admin.connect() as conn:
            assert conn.exec_driver_sql("SELECT COUNT(*) FROM producten").scalar() == 40
    finally:
        admin.dispose()


@pytest.mark.parametrize("database", SERVERS, indirect=True)
def test_the_password_appears_nowhere(
    pipeline: Pipeline,
    database: Database,
    register: Register,
    tmp_path: Path,
    caplog: pytest.LogCaptureFixture,
) -> None:
    store_url = f"sqlite:///{tmp_path / 'findings.db'}"
    with_password = sa.make_url(database.scan_url).set(password=PASSWORD)
    in_url = with_password.render_as_string(hide_password=False)
    unreachable = with_password.set(port=1).render_as_string(hide_password=False)
    caplog.set_level(logging.DEBUG)
    document, targets = scan(pipeline, [in_url, unreachable], _settings(), store_url, password=None)
    objects = _objects(document)
    assert objects[f"{database.root}/{database.schema}.klanten"]["status"] == "scanned"
    failed = [t for t in targets if t.failed]
    assert len(failed) == 1 and failed[0].root.endswith(":1/" + database.root.rsplit("/", 1)[1])
    error = objects[failed[0].root]
    assert (error["status"], error["reason"]) == ("error", "unreadable")
    assert error["detail"].startswith("cannot connect: ")

    store_bytes = b"".join(p.read_bytes() for p in tmp_path.glob("findings.db*"))
    texts = {
        "output": json.dumps(document),
        "logs": caplog.text + "".join(repr(r.__dict__) for r in caplog.records),
        "targets": repr(targets) + repr(parse_target(in_url)),
        "errors": " ".join(t.failed or "" for t in targets),
    }
    leaked = [name for name, text in texts.items() if PASSWORD in text]
    assert leaked == [], f"the password appears in: {leaked}"
    assert PASSWORD.encode() not in store_bytes, "the password is in the findings database"
    values = register.bsns + register.emails
    assert not any(v in texts["logs"] or v.encode() in store_bytes for v in values), "raw value"


def test_wrong_password_is_a_clear_error_without_the_password(
    pipeline: Pipeline, mariadb_database: str, mariadb_server: str
) -> None:
    # PostgreSQL trusts local connections here; MariaDB checks passwords.
    with reader_user(mariadb_server, mariadb_database) as url:
        wrong = sa.make_url(url).set(password=PASSWORD + "-fout")
        document, targets = scan(
            pipeline, [wrong.render_as_string(hide_password=False)], _settings(), password=None
        )
    [target] = targets
    assert target.failed and "Access denied" in target.failed
    assert PASSWORD not in target.failed and PASSWORD not in json.dumps(document)


def _summary(document: dict[str, Any]) -> list[tuple[str, str, str, dict[str, int]]]:
    return sorted(
        (o["path"], o["status"], o["classification"]["label"], o["counts"])
        for o in document["objects"]
    )
