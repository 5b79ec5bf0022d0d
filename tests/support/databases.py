"""Generated registers in real databases, for the tests of database targets.

Every value is fictitious: BSNs are random digits completed with the
elfproef (checked with python-stdnum), e-mail addresses and places come
from Faker `nl_NL` with a fixed seed.  Tests compare fingerprints and counts,
never print the values.
"""

from __future__ import annotations

import random
import re
import secrets
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

import sqlalchemy as sa
from faker import Faker
from stdnum.nl import bsn

# The password of the users the tests create: it must appear nowhere.
PASSWORD = "Geheim-Wachtwoord-123"
ROWS = 40


@dataclass(frozen=True)
class Register:
    """The generated rows of table `klanten` (BSN under the header `veld1`)."""

    bsns: tuple[str, ...]
    emails: tuple[str, ...]
    places: tuple[str, ...]


def make_bsn(rng: random.Random) -> str:
    while True:
        stem = str(rng.randint(10_000_000, 99_999_999))
        for last in "0123456789":
            if bsn.is_valid(stem + last):
                return stem + last


def make_register(rows: int = ROWS, seed: int = 7) -> Register:
    rng = random.Random(seed)
    fake = Faker("nl_NL")
    fake.seed_instance(seed)
    return Register(
        bsns=tuple(make_bsn(rng) for _ in range(rows)),
        emails=tuple(f"{fake.user_name()}{i}@voorbeeld-gemeente.nl" for i in range(rows)),
        places=tuple(fake.city() for _ in range(rows)),
    )


def fill(url: str, register: Register) -> None:
    """Tables `klanten` (BSN, e-mail, place) and `producten` (nothing personal)."""
    engine = sa.create_engine(url)
    try:
        with engine.begin() as conn:
            conn.exec_driver_sql("DROP TABLE IF EXISTS klanten")
            conn.exec_driver_sql("DROP TABLE IF EXISTS producten")
            conn.exec_driver_sql(
                "CREATE TABLE klanten (id INTEGER PRIMARY KEY, veld1 VARCHAR(20),"
                " email VARCHAR(200), woonplaats VARCHAR(100))"
            )
            conn.exec_driver_sql(
                "CREATE TABLE producten (id INTEGER PRIMARY KEY, omschrijving VARCHAR(200),"
                " prijs NUMERIC(8, 2))"
            )
            conn.execute(
                sa.text("INSERT INTO klanten VALUES (:id, :veld1, :email, :woonplaats)"),
                [
                    {"id": i, "veld1": b, "email": e, "woonplaats": p}
                    for i, (b, e, p) in enumerate(
                        zip(register.bsns, register.emails, register.places, strict=True)
                    )
                ],
            )
            conn.execute(
                sa.text("INSERT INTO producten VALUES (:id, :omschrijving, :prijs)"),
                [
                    {"id": i, "omschrijving": f"artikel {i} in de catalogus", "prijs": 9.95}
                    for i in range(ROWS)
                ],
            )
        settle(engine)
    finally:
        engine.dispose()


def modify(url: str, statement: str) -> None:
    """One change, committed, with the server's statistics brought up to date."""
    engine = sa.create_engine(url)
    try:
        with engine.begin() as conn:
            conn.exec_driver_sql(statement)
        settle(engine)
    finally:
        engine.dispose()


def settle(engine: sa.Engine) -> None:
    """Make the statistics of the last change visible to the next scan.

    PostgreSQL reports a session's table counters at most once a second
    unless asked to flush; MariaDB's UPDATE_TIME has whole seconds, and the
    scanner trusts it only once that second has passed.
    """
    if engine.dialect.name == "postgresql":
        with engine.connect() as conn:
            conn.exec_driver_sql("SELECT pg_stat_force_next_flush()")
            conn.commit()
    elif engine.dialect.name in ("mysql", "mariadb"):
        time.sleep(1.05 - time.time() % 1)


@contextmanager
def reader_user(admin_url: str, database_url: str) -> Iterator[str]:
    """A user with the test PASSWORD that may read the database; yields its
    URL without the password (the scan gets it from the setting)."""
    name = f"dw_reader_{secrets.token_hex(4)}"
    target = sa.make_url(database_url)
    admin = sa.create_engine(admin_url, isolation_level="AUTOCOMMIT")
    scoped = sa.create_engine(database_url, isolation_level="AUTOCOMMIT")
    mysql = admin.dialect.name in ("mysql", "mariadb")
    hosts = ("%%", "localhost")  # PyMySQL formats statements: %% is the host wildcard %
    try:
        if mysql:
            with admin.connect() as conn:
                for host in hosts:
                    conn.exec_driver_sql(
                        f"CREATE USER '{name}'@'{host}' IDENTIFIED BY '{PASSWORD}'"
                    )
                    conn.exec_driver_sql(
                        f"GRANT SELECT ON `{target.database}`.* TO '{name}'@'{host}'"
                    )
        else:
            with admin.connect() as conn:
                conn.exec_driver_sql(f"CREATE ROLE {name} LOGIN PASSWORD '{PASSWORD}'")
                conn.exec_driver_sql(f'GRANT CONNECT ON DATABASE "{target.database}" TO {name}')
            with scoped.connect() as conn:
                conn.exec_driver_sql(f"GRANT USAGE ON SCHEMA public TO {name}")
                conn.exec_driver_sql(f"GRANT SELECT ON ALL TABLES IN SCHEMA public TO {name}")
        yield target.set(username=name, password=None).render_as_string(hide_password=False)
    finally:
        if mysql:
            with admin.connect() as conn:
                for host in hosts:
                    conn.exec_driver_sql(f"DROP USER IF EXISTS '{name}'@'{host}'")
        else:
            with scoped.connect() as conn:
                conn.exec_driver_sql(f"DROP OWNED BY {name}")
            with admin.connect() as conn:
                conn.exec_driver_sql(f"DROP ROLE IF EXISTS {name}")
        scoped.dispose()
        admin.dispose()


@contextmanager
def statements() -> Iterator[list[str]]:
    """Every SQL statement any engine in this process sends, while open."""
    seen: list[str] = []

    def record(conn, cursor, statement, parameters, context, executemany) -> None:  # noqa: ANN001
        seen.append(statement)

    sa.event.listen(sa.Engine, "before_cursor_execute", record)
    try:
        yield seen
    finally:
        sa.event.remove(sa.Engine, "before_cursor_execute", record)


def reads_of(seen: list[str], table: str) -> int:
    """Statements that read rows of `table` (catalogue queries name it only in parameters)."""
    pattern = re.compile(rf"\bFROM\s+[`\"]?\w+[`\"]?\.[`\"]?{table}\b", re.IGNORECASE)
    return sum(1 for statement in seen if pattern.search(statement))
