"""Shared fixtures for tests that need real services.

PostgreSQL: the test server listens on 127.0.0.1:5432 with trust
authentication (user `postgres`, database `test`).  MariaDB: 127.0.0.1:3306,
user `root` without a password, database `test`.  When a server is not
reachable the tests that need it are skipped, except under CI (`CI=true`),
where a missing server must fail the run instead of passing silently.
"""

from __future__ import annotations

import os
import secrets
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa

POSTGRES_SERVER_URL = "postgresql+psycopg://postgres@127.0.0.1:5432/test"
MARIADB_SERVER_URL = "mysql+pymysql://root@127.0.0.1:3306/test"
CONNECT_TIMEOUT_SECONDS = 3


def _unavailable(reason: str) -> None:
    """Skip locally; under CI a missing service fails the run."""
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(reason)
    pytest.skip(reason)


def _reachable(url: str, what: str) -> str:
    """`url` once the server answers; else skipped (failed under CI)."""
    try:
        engine = sa.create_engine(url, connect_args={"connect_timeout": CONNECT_TIMEOUT_SECONDS})
    except (sa.exc.NoSuchModuleError, ImportError):
        _unavailable(f"the driver for {what} is not installed (pip install -e '.[all]')")
    try:
        with engine.connect():
            pass
    except sa.exc.OperationalError as exc:
        _unavailable(f"{what} not reachable: {str(exc.orig).strip()}")
    finally:
        engine.dispose()
    return url


@pytest.fixture(scope="session")
def postgres_server() -> str:
    """The URL of the test server's `test` database, once it answers."""
    return _reachable(POSTGRES_SERVER_URL, "PostgreSQL on 127.0.0.1:5432")


@pytest.fixture(scope="session")
def postgres_admin(postgres_server: str) -> Iterator[sa.Engine]:
    """An autocommit engine on the server, for CREATE/DROP DATABASE."""
    engine = sa.create_engine(postgres_server, isolation_level="AUTOCOMMIT")
    yield engine
    engine.dispose()


@pytest.fixture(scope="session")
def new_postgres_database(
    postgres_server: str, postgres_admin: sa.Engine
) -> Iterator[Callable[[], str]]:
    """A factory of throwaway databases (their URLs), all dropped at the end
    of the session: for tests that need several, or one never migrated."""
    created: list[str] = []

    def create() -> str:
        name = f"datawacht_test_{secrets.token_hex(6)}"
        with postgres_admin.connect() as conn:
            conn.exec_driver_sql(f'CREATE DATABASE "{name}"')
        created.append(name)
        return sa.make_url(postgres_server).set(database=name).render_as_string(hide_password=False)

    try:
        yield create
    finally:
        with postgres_admin.connect() as conn:
            for name in created:
                # FORCE: a connection leaked by a failing test must not keep it alive
                conn.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture(scope="session")
def postgres_database(new_postgres_database: Callable[[], str]) -> str:
    """A throwaway database for this test session (its URL), dropped afterwards."""
    return new_postgres_database()


@pytest.fixture(scope="module")
def postgres_module_database(postgres_server: str, postgres_admin: sa.Engine) -> Iterator[str]:
    """A fresh database for one test module (its URL), dropped after the module."""
    name = f"datawacht_test_{secrets.token_hex(6)}"
    with postgres_admin.connect() as conn:
        conn.exec_driver_sql(f'CREATE DATABASE "{name}"')
    try:
        yield sa.make_url(postgres_server).set(database=name).render_as_string(hide_password=False)
    finally:
        with postgres_admin.connect() as conn:
            # FORCE: a connection leaked by a failing test must not keep the database alive
            conn.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture(scope="session")
def mariadb_server() -> str:
    """The URL of the MariaDB test server's `test` database, once it answers."""
    return _reachable(MARIADB_SERVER_URL, "MariaDB on 127.0.0.1:3306")


@pytest.fixture(scope="session")
def mariadb_admin(mariadb_server: str) -> Iterator[sa.Engine]:
    """An autocommit engine on the MariaDB server, for CREATE/DROP DATABASE and users."""
    engine = sa.create_engine(mariadb_server, isolation_level="AUTOCOMMIT")
    yield engine
    engine.dispose()


@pytest.fixture(scope="module")
def mariadb_database(mariadb_server: str, mariadb_admin: sa.Engine) -> Iterator[str]:
    """A fresh MariaDB database for one test module (its URL), dropped after the module."""
    name = f"datawacht_test_{secrets.token_hex(6)}"
    with mariadb_admin.connect() as conn:
        conn.exec_driver_sql(f"CREATE DATABASE `{name}`")
    try:
        yield sa.make_url(mariadb_server).set(database=name).render_as_string(hide_password=False)
    finally:
        with mariadb_admin.connect() as conn:
            conn.exec_driver_sql(f"DROP DATABASE IF EXISTS `{name}`")


@pytest.fixture(params=["sqlite", "postgresql"])
def store_url(request: pytest.FixtureRequest, tmp_path) -> str:  # noqa: ANN001
    """A fresh, empty findings database on SQLite and on the real PostgreSQL:
    tests that take this fixture run on both (PostgreSQL skipped locally
    when the server is missing, failing under CI)."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'findings.db'}"
    url = request.getfixturevalue("postgres_database")
    from datawacht.store import open_store

    open_store(url).close()  # migrate, then empty
    engine = sa.create_engine(url)
    try:
        with engine.begin() as conn:
            conn.exec_driver_sql(
                "TRUNCATE finding_events, findings, objects, scans RESTART IDENTITY"
            )
    finally:
        engine.dispose()
    return url


FUZZ_STATS = pytest.StashKey[object]()


@pytest.hookimpl(optionalhook=True)  # a pytest-xdist hook, called in the controller
def pytest_testnodedown(node, error) -> None:  # noqa: ANN001
    """The fuzz run's report (`DATAWACHT_FUZZ_REPORT`, tests/fuzz/conftest.py)
    when the suite runs in pytest-xdist workers: each worker hands over the
    outcomes of its tests, and the report is written with all parts received
    so far (complete once the last worker is down)."""
    from fuzz.harness import REPORT_VARIABLE, Stats

    part = getattr(node, "workeroutput", {}).get(REPORT_VARIABLE)
    if part is None:
        return
    stats = node.config.stash.setdefault(FUZZ_STATS, Stats())
    stats.add(part)
    stats.write(Path(os.environ[REPORT_VARIABLE]))
