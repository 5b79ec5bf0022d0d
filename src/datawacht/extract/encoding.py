"""Bytes to text for every text-like kind, and the binary-or-text question.

File shares hold a mix of UTF-8, UTF-16 (Windows exports, PowerShell
redirects) and legacy Windows-1252 text.  A wrong guess does not fail loudly:
it silently turns "Sévérine" into mojibake that no recognizer matches, so the
order is deliberate: a byte-order mark is proof, strict UTF-8 is nearly proof,
and only then is a statistical guess allowed, limited to the encodings that
Dutch organisations actually produce.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

import charset_normalizer

from datawacht.errors import UnsupportedError

SAMPLE_BYTES = 8192
"""How much of the head decides binary versus text."""

GUESS_WINDOW = 64 * 1024
"""Bytes around the first non-UTF-8 byte that the statistical guess looks at."""

WESTERN_ENCODINGS = ("cp1252", "latin_1", "iso8859_15", "cp850", "mac_roman")
"""The plausible legacy encodings; anything else is more likely a wrong guess."""

FALLBACK_ENCODING = "cp1252"

_BOMS: tuple[tuple[bytes, str], ...] = (
    # UTF-32 LE starts with the UTF-16 LE mark, so it must be tested first.
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)

_ALLOWED_CONTROLS = frozenset(b"\t\n\v\f\r\x1b")
_CONTROLS = frozenset(range(32)) - _ALLOWED_CONTROLS


@dataclass(frozen=True)
class Decoded:
    """Decoded text and the name of the encoding it was decoded with."""

    text: str
    encoding: str


_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


def without_lone_surrogates(text: str) -> str:
    """`text` with each lone surrogate replaced by U+FFFD, as an undecodable
    byte is; one character for one, so offsets stay.

    JSON's "\\ud800" escape (or a broken decoder) makes a lone surrogate,
    which is no Unicode text: spaCy's tokenizer and any UTF-8 writer raise on
    it, and the whole object would end as an internal error.
    """
    if text.isascii():
        return text
    return _LONE_SURROGATE.sub("\ufffd", text)


def bom_encoding(data: bytes) -> str | None:
    """The codec named by a byte-order mark at the start of `data`, if any."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return encoding
    return None


def utf16_without_bom(sample: bytes) -> str | None:
    """'utf-16-le'/'utf-16-be' when `sample` has the NUL pattern of BOM-less UTF-16.

    Latin text in UTF-16 has a NUL in every other byte; binary formats have
    NULs in both positions.
    """
    even, odd = sample[0::2], sample[1::2]
    if len(odd) < 2:
        return None
    even_nuls, odd_nuls = even.count(0), odd.count(0)
    if odd_nuls > 0.4 * len(odd) and even_nuls < 0.05 * len(even):
        return "utf-16-le"
    if even_nuls > 0.4 * len(even) and odd_nuls < 0.05 * len(odd):
        return "utf-16-be"
    return None


def looks_binary(head: bytes) -> bool:
    """True when the head is not text in any encoding we decode.

    A few NULs are tolerated (crashed loggers pad files with them); more than
    one in a thousand bytes, or many control characters, means a binary format.
    """
    sample = head[:SAMPLE_BYTES]
    if not sample or bom_encoding(sample) or utf16_without_bom(sample):
        return False
    if sample.count(0) * 1000 > len(sample):
        return True
    controls = sum(1 for byte in sample if byte in _CONTROLS)
    return controls * 20 > len(sample)


def decode(data: bytes) -> Decoded:
    """Decode a text file; raise UnsupportedError("binary file") for binary data."""
    encoding = bom_encoding(data)
    if encoding:
        return Decoded(data.decode(encoding, errors="replace"), encoding)
    encoding = utf16_without_bom(data[:SAMPLE_BYTES])
    if encoding:
        return Decoded(data.decode(encoding, errors="replace"), encoding)
    if looks_binary(data):
        raise UnsupportedError("binary file")
    try:
        return Decoded(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError as exc:
        first_bad = exc.start
    encoding = _guess_western(data[max(0, first_bad - GUESS_WINDOW) : first_bad + GUESS_WINDOW])
    return Decoded(data.decode(encoding, errors="replace"), encoding)


def _guess_western(window: bytes) -> str:
    """charset-normalizer's best Western guess for the bytes around the first non-UTF-8 byte."""
    best = charset_normalizer.from_bytes(window, cp_isolation=list(WESTERN_ENCODINGS)).best()
    if best is None or best.encoding not in WESTERN_ENCODINGS:
        return FALLBACK_ENCODING
    return best.encoding
