"""Fixtures for the store's unit tests: a fresh SQLite findings database per test."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from datawacht.store import Store, open_store


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "state" / "findings.db"


@pytest.fixture
def db_url(db_path: Path) -> str:
    return f"sqlite:///{db_path}"


@pytest.fixture
def store(db_url: str) -> Iterator[Store]:
    opened = open_store(db_url)
    yield opened
    opened.close()
