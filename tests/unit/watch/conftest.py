"""Fixtures for the watch daemon's unit tests: a store on SQLite and on the
real PostgreSQL (`store_url`), with the daemon's own tables emptied too."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
import sqlalchemy as sa

from datawacht.store import Store, open_store


@pytest.fixture
def store(store_url: str) -> Iterator[Store]:
    opened = open_store(store_url)
    # The shared PostgreSQL test database keeps rows between tests; the root
    # fixture empties the scanner's tables, these are the daemon's.
    with opened.writer.begin() as conn:
        conn.execute(sa.text("DELETE FROM work_queue"))
        conn.execute(sa.text("DELETE FROM watch_daemons"))
    yield opened
    opened.close()


@pytest.fixture
def sqlite_store(tmp_path) -> Iterator[Store]:  # noqa: ANN001
    opened = open_store(f"sqlite:///{tmp_path / 'findings.db'}")
    yield opened
    opened.close()
