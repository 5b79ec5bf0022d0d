"""IBAN_CODE: Dutch and foreign IBANs, checked with ISO 13616 mod 97.

A random string passes mod 97 once in 97 times, and stdnum also checks the
length and structure per country, so a valid IBAN is reported without
context.  stdnum's extra national checks are skipped (`check_country=False`):
they reject real-looking foreign IBANs such as the textbook Belgian example.
Only upper case is matched, unbroken or in groups of four separated by
single spaces (`NL91 ABNA 0417 1643 00`).
"""

from __future__ import annotations

from presidio_analyzer import Pattern
from stdnum import iban
from stdnum.exceptions import ValidationError

from datawacht.detect.recognizers.base import DutchPatternRecognizer

_START = r"(?<![\w-])"
_END = r"(?![\w-])"


class NlIbanRecognizer(DutchPatternRecognizer):
    """Recognize IBANs (NL and foreign) in upper case."""

    ENTITY = "IBAN_CODE"
    PATTERNS = [
        Pattern("IBAN (unbroken)", _START + r"[A-Z]{2}\d{2}[A-Z0-9]{11,30}" + _END, 0.85),
        Pattern(
            "IBAN (groups of 4)",
            _START + r"[A-Z]{2}\d{2}(?: [A-Z0-9]{4}){2,7}(?: [A-Z0-9]{1,3})?" + _END,
            0.85,
        ),
    ]
    CONTEXT = [
        "iban",
        "rekeningnummer",
        "rekeningnr",
        "rekening",
        "bankrekening",
        "bankrekeningnummer",
        "t.n.v.",
        "ten name van",
        "bic",
        "incasso",
        "machtiging",
        "overmaken",
        "bank account",
        "account number",
    ]
    # An IBAN's checksum and structure make reference labels irrelevant.
    NEGATIVE_CONTEXT: list[str] = []

    def validate_result(self, pattern_text: str) -> bool | None:
        try:
            iban.validate(pattern_text, check_country=False)
        except ValidationError:
            return False
        return None
