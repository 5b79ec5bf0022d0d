"""A fresh findings database per test, on SQLite and on the real PostgreSQL.

`report_db` is parametrized: every report test runs on both.  The PostgreSQL
case skips when the server on 127.0.0.1:5432 does not answer, and fails
instead under CI (`CI=true`), as everywhere (fixtures in tests/conftest.py).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def report_db(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """The URL of an empty findings database (not yet migrated)."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'state' / 'findings.db'}"
    create: Callable[[], str] = request.getfixturevalue("new_postgres_database")
    return create()
