"""EMAIL_ADDRESS: e-mail addresses whose domain ends in a real public suffix.

Presidio's `EmailRecognizer` validates the domain with the module-level
`tldextract.extract`, which tries to download the public-suffix list on first
use (pitfall 11).  This subclass uses its own `TLDExtract` built from the
snapshot bundled with tldextract: no network, no cache written to disk.
Its pattern also refuses consecutive dots in the local part, and image or
script names such as `logo@2x.png` are not addresses even where the
extension happens to be a top-level domain.
"""

from __future__ import annotations

import functools

import regex
import tldextract
from presidio_analyzer import Pattern
from presidio_analyzer.predefined_recognizers import EmailRecognizer

from datawacht.detect.recognizers.base import DutchPatternRecognizer

_LOCAL_CHARS = r"[a-z0-9!#$%&'*+/=?^_`{|}~-]"
_LOCAL = _LOCAL_CHARS + r"+(?:\." + _LOCAL_CHARS + r"+)*"
_DOMAIN = r"(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,24}"

FILE_EXTENSIONS = frozenset(
    {"png", "jpg", "jpeg", "gif", "svg", "webp", "ico", "bmp", "css", "js", "zip", "mov"}
)


@functools.lru_cache(maxsize=1)
def offline_tld_extractor() -> tldextract.TLDExtract:
    """The bundled public-suffix snapshot; never fetched, never cached on disk."""
    return tldextract.TLDExtract(cache_dir=None, suffix_list_urls=(), fallback_to_snapshot=True)


class NlEmailRecognizer(DutchPatternRecognizer, EmailRecognizer):
    """Recognize e-mail addresses, validated against an offline suffix list."""

    ENTITY = "EMAIL_ADDRESS"
    PATTERNS = [
        Pattern(
            "E-mail address",
            r"(?<![\w.!#$%&'*+/=?^`{|}~@-])" + _LOCAL + "@" + _DOMAIN + r"(?![\w@-])(?!\.\w)",
            0.75,
        ),
    ]
    CONTEXT = [
        "e-mail",
        "email",
        "e-mailadres",
        "emailadres",
        "e-mail adres",
        "mail",
        "mailadres",
        "mailen",
        "e-mailen",
    ]
    # An address is an address whatever label precedes it.
    NEGATIVE_CONTEXT: list[str] = []
    REGEX_FLAGS = regex.DOTALL | regex.MULTILINE | regex.IGNORECASE

    def validate_result(self, pattern_text: str) -> bool | None:
        domain = pattern_text.rsplit("@", 1)[-1].lower()
        if domain.rsplit(".", 1)[-1] in FILE_EXTENSIONS:
            return False
        return None if has_public_suffix(domain) else False


@functools.lru_cache(maxsize=4096)
def has_public_suffix(domain: str) -> bool:
    """True when `domain` is a name under a public suffix (`voorbeeld.nl`).

    Remembered: a suffix lookup costs about 50 µs, and the addresses of a
    mailbox or register share a handful of domains."""
    parts = offline_tld_extractor()(domain)
    return bool(parts.domain and parts.suffix)
