"""Database URLs as they may be printed, logged or stored: without secrets.

SQLAlchemy's `render_as_string(hide_password=True)` hides the password of
`user:password@host`, but not one given as a query parameter
(`?password=…`, as psycopg and PyMySQL accept it), so both go through here.
"""

from __future__ import annotations

from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError

HIDDEN = "***"
# Query parameters of the supported drivers that carry a secret.
SECRET_PARAMETERS = frozenset({"password", "passwd", "pwd", "sslpassword"})


def printable_url(url: URL) -> str:
    hidden = {key: HIDDEN for key in url.query if key.lower() in SECRET_PARAMETERS}
    return url.update_query_dict(hidden).render_as_string(hide_password=True)


def url_secrets(url: URL) -> list[str]:
    """The secrets written in the URL: its password and secret parameters."""
    found = [url.password] if url.password else []
    for key, value in url.query.items():
        if key.lower() in SECRET_PARAMETERS:
            found.extend([value] if isinstance(value, str) else value)
    return [str(secret) for secret in found if secret]


def redact(text: str) -> str:
    """A URL given as text, printable; unparsable: only what follows the
    credentials."""
    try:
        return printable_url(make_url(text))
    except (ArgumentError, ValueError):
        return text.rsplit("@", 1)[-1]
