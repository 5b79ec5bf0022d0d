"""Alembic environment of the findings database.

datawacht migrates through `datawacht.store.database.migrate`, which hands
over an open connection (already inside the transaction that holds the
migration lock) in `config.attributes["connection"]`.  The `alembic` command
line, used to write new revisions, passes the database as `-x url=...`.
Autogenerate renders SQLite-compatible batch operations.
"""

from __future__ import annotations

from logging.config import fileConfig

from alembic import context
from sqlalchemy.engine import Connection

from datawacht.store import database
from datawacht.store.models import Base

config = context.config
target_metadata = Base.metadata


def command_line_url() -> str:
    url = context.get_x_argument(as_dictionary=True).get("url")
    if not url:
        raise SystemExit("pass the findings database as: alembic -x url=sqlite:////path/db ...")
    return url


def run_with(connection: Connection) -> None:
    context.configure(connection=connection, target_metadata=target_metadata, render_as_batch=True)
    with context.begin_transaction():
        context.run_migrations()


def run_offline() -> None:
    """`alembic upgrade head --sql`: print the SQL for a DBA to review."""
    context.configure(
        url=database.normalize_url(command_line_url()),
        target_metadata=target_metadata,
        literal_binds=True,
        render_as_batch=True,
    )
    with context.begin_transaction():
        context.run_migrations()


def run_online() -> None:
    connection = config.attributes.get("connection")
    if connection is not None:
        run_with(connection)
        return
    engine = database.create_store_engine(database.normalize_url(command_line_url()))
    try:
        with database.writer(engine).connect() as fresh:
            run_with(fresh)
    finally:
        engine.dispose()


if config.config_file_name is not None and "connection" not in config.attributes:
    fileConfig(config.config_file_name)

if context.is_offline_mode():
    run_offline()
else:
    run_online()
