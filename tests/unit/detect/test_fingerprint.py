"""Keyed fingerprints and the installation key."""

import hashlib
import hmac
import stat
from pathlib import Path

import pytest

from datawacht.detect.fingerprint import KEY_FILE_NAME, Protector, fingerprint, load_or_create_key
from datawacht.errors import ConfigError


def test_fingerprint_is_hmac_sha256_over_the_canonical_value() -> None:
    expected = hmac.new(b"k" * 32, b"111222333", hashlib.sha256).hexdigest()
    assert fingerprint(b"k" * 32, "111222333") == expected


def test_same_value_in_any_notation_has_one_fingerprint() -> None:
    protector = Protector(b"k" * 32)
    forms = ["111222333", "1112.22.333", "111 222 333"]  # a published example value
    assert len({protector.protect("NL_BSN", form).fingerprint for form in forms}) == 1


def test_a_different_key_gives_a_different_fingerprint() -> None:
    assert fingerprint(b"a" * 32, "111222333") != fingerprint(b"b" * 32, "111222333")


def test_protected_form_and_repr_hold_no_value() -> None:
    protector = Protector(b"secret-key-" * 4)
    protected = protector.protect("NL_BSN", "111222333")
    assert "111222333" not in repr(protected) and "111222333" not in protected.masked
    assert "secret-key" not in repr(protector)


def test_generated_key_is_private_and_reused(tmp_path: Path) -> None:
    state = tmp_path / "state"
    first = load_or_create_key(state, None)
    mode = stat.S_IMODE((state / KEY_FILE_NAME).stat().st_mode)
    assert mode == 0o600
    assert len(first) >= 32
    assert load_or_create_key(state, None) == first


def test_configured_key_wins(tmp_path: Path) -> None:
    assert load_or_create_key(tmp_path, "configured-key") == b"configured-key"
    assert not (tmp_path / KEY_FILE_NAME).exists()


def test_truncated_key_file_is_an_error(tmp_path: Path) -> None:
    (tmp_path / KEY_FILE_NAME).write_bytes(b"short")
    with pytest.raises(ConfigError, match="shorter than 32 bytes"):
        load_or_create_key(tmp_path, None)
