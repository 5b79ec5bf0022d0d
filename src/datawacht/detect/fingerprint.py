"""Keyed fingerprints: the only place where a raw value meets its fingerprint.

A BSN has about 10^9 possible values, so a plain hash would be reversed by
brute force in minutes; an HMAC with a secret key is not.  The key comes from
`DATAWACHT_FINGERPRINT_KEY` (settings `fingerprint_key`) or is generated once
per installation and kept in the state directory with mode 0600.  Every
server that writes to one shared database must use the same key, otherwise
the same BSN gets different fingerprints on different servers.
"""

from __future__ import annotations

import hmac
import os
import secrets
from dataclasses import dataclass
from pathlib import Path

from datawacht.detect.canonical import canonicalize, mask
from datawacht.errors import ConfigError

KEY_FILE_NAME = "fingerprint.key"


def load_or_create_key(state_dir: Path, configured: str | None) -> bytes:
    """The configured key, or the installation's own key (created if absent)."""
    if configured:
        return configured.encode("utf-8")
    path = state_dir / KEY_FILE_NAME
    try:
        return _read_key(path)
    except FileNotFoundError:
        pass
    state_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
    key = secrets.token_hex(32).encode("ascii")
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:  # another process created it first: use theirs
        return _read_key(path)
    with os.fdopen(fd, "wb") as handle:
        handle.write(key)
    return key


def _read_key(path: Path) -> bytes:
    key = path.read_bytes().strip()
    if len(key) < 32:
        raise ConfigError(f"fingerprint key {path} is shorter than 32 bytes")
    return key


def fingerprint(key: bytes, canonical_value: str) -> str:
    """hex(HMAC-SHA256(key, canonical value)) — the contract's definition."""
    return hmac.digest(key, canonical_value.encode("utf-8"), "sha256").hex()


@dataclass(frozen=True)
class Protected:
    """What may leave the scanner about a value."""

    fingerprint: str
    masked: str


class Protector:
    """Turns a raw matched value into its fingerprint and masked form."""

    def __init__(self, key: bytes) -> None:
        self._key = key

    def __repr__(self) -> str:
        return "Protector(key=<hidden>)"

    def protect(self, entity_type: str, raw: str) -> Protected:
        canonical = canonicalize(entity_type, raw)
        return Protected(fingerprint(self._key, canonical), mask(entity_type, canonical))
