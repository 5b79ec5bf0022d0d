"""Reading one personal value from an officer, and checking the key it is fingerprinted with.

A value typed for `rules fingerprint` or `findings where` is read from
standard input or a prompt without echo, never from the command line:
arguments end up in shell history and in `ps`.  It is never printed.
"""

from __future__ import annotations

import sys

import click

from datawacht.config import Settings


class ValueInputError(Exception):
    """No value, or more than one; the message never holds the input."""


def read_value(what: str) -> str:
    """Exactly one non-empty line from standard input, or a hidden prompt on a terminal."""
    if sys.stdin is None:
        raise ValueInputError("no standard input to read the value from")
    if sys.stdin.isatty():
        value = click.prompt(f"{what} value", hide_input=True, err=True)
        lines = [value.strip()] if value.strip() else []
    else:
        lines = [line.strip() for line in sys.stdin.read().splitlines() if line.strip()]
    if len(lines) != 1:
        raise ValueInputError(
            f"expected exactly one value on standard input, got {len(lines)} non-empty lines"
        )
    return lines[0]


def has_key(settings: Settings) -> bool:
    """A key is configured or stored: fingerprints will be the scanner's."""
    from datawacht.detect.fingerprint import KEY_FILE_NAME  # here: keeps `--help` fast

    if settings.fingerprint_key:
        return True
    return (settings.resolved_state_dir() / KEY_FILE_NAME).is_file()
