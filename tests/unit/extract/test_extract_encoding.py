"""Decoding: BOMs, strict UTF-8, the Western guess, and binary refusal."""

from __future__ import annotations

import os

import pytest

from datawacht.errors import UnsupportedError
from datawacht.extract.encoding import decode, looks_binary

SAMPLE = "Zoë de Vries-Çelik betaalde € 12,50 voor het café in Ede.\n"


@pytest.mark.parametrize(
    ("encoding", "expected"),
    [
        ("utf-8-sig", "utf-8-sig"),  # UTF-8 with a BOM
        ("utf-16", "utf-16"),  # Python writes a BOM (LE on this platform)
        ("utf-16-be", "utf-16-be"),  # no BOM: recognised by its NUL pattern
        ("utf-16-le", "utf-16-le"),
        ("utf-32", "utf-32"),  # the UTF-32 LE BOM starts with the UTF-16 LE BOM
        ("utf-8", "utf-8"),
        ("cp1252", "cp1252"),  # é, ë, € and Ç as Windows-1252 bytes
    ],
)
def test_decodes_each_encoding(encoding: str, expected: str) -> None:
    decoded = decode(SAMPLE.encode(encoding))
    assert decoded.text == SAMPLE
    assert decoded.encoding == expected


def test_utf16_be_bom() -> None:
    data = b"\xfe\xff" + SAMPLE.encode("utf-16-be")
    assert decode(data).text == SAMPLE


def test_bom_is_not_part_of_the_text() -> None:
    """Offsets count characters of the text, so the BOM must not be one of them."""
    assert decode("abc".encode("utf-8-sig")).text == "abc"


def test_latin1_bytes_without_cp1252_specials_decode_readably() -> None:
    text = "Müller, Ærø en Ågård wonen in Zürich.\n" * 3
    assert decode(text.encode("latin-1")).text == text


def test_binary_noise_is_refused() -> None:
    noise = bytes(range(256)) * 4 + os.urandom(2048)
    assert looks_binary(noise)
    with pytest.raises(UnsupportedError, match="binary file"):
        decode(noise)


def test_a_stray_nul_in_a_log_is_still_text() -> None:
    log = ("2024-01-01 12:00:00 INFO request handled\n" * 100).encode() + b"\x00"
    assert not looks_binary(log)
    assert decode(log).encoding == "utf-8"
