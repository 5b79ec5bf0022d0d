"""Database URLs are printed without a password, wherever it is written."""

from __future__ import annotations

import pytest
from sqlalchemy.engine import make_url

from datawacht.redact import printable_url, redact

SECRET = "Fict1ef-Wachtw00rd"


@pytest.mark.parametrize(
    "url",
    [
        f"postgresql://scanner:{SECRET}@db.example:5432/findings",
        f"postgresql://scanner@db.example/findings?password={SECRET}",
        f"mysql+pymysql://scanner@db.example/hr?passwd={SECRET}&charset=utf8mb4",
        f"postgresql://scanner@db.example/findings?sslpassword={SECRET}&sslmode=require",
    ],
)
def test_no_password_survives(url: str) -> None:
    for shown in (printable_url(make_url(url)), redact(url)):
        assert SECRET not in shown
        assert "db.example" in shown  # still says which database


def test_other_parameters_stay() -> None:
    shown = redact(f"mysql+pymysql://scanner@db.example/hr?passwd={SECRET}&charset=utf8mb4")
    assert "charset=utf8mb4" in shown


def test_an_unparsable_url_keeps_only_what_follows_the_credentials() -> None:
    assert redact(f"no such scheme://scanner:{SECRET}@db.example/x") == "db.example/x"
