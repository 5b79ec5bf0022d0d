"""NL_BSN: the burgerservicenummer (formerly sofinummer), validated with the elfproef.

About 1 in 11 random nine-digit numbers pass the elfproef, so a bare number is
weak evidence: it stays below the reporting threshold until a context word
(`BSN`, `burgerservicenummer`, ...) raises it.  The dotted form `1234.56.782`
is how stdnum and many letters print a BSN and is reported on its own.
Spreadsheets drop a leading zero, so eight digits are accepted and padded.
"""

from __future__ import annotations

from presidio_analyzer import Pattern
from stdnum.nl import bsn

from datawacht.detect.recognizers.base import (
    NUMBER_END,
    NUMBER_START,
    REFERENCE_NUMBER_WORDS,
    DutchPatternRecognizer,
)

# Groups of three: a space or a digit group before or after means a longer number.
_GROUP_START = r"(?<![\w+])(?<!\d[ .,/-])"
_GROUP_END = r"(?![\w])(?![ .,/-]\d)"


class NlBsnRecognizer(DutchPatternRecognizer):
    """Recognize Dutch BSNs in their usual written forms."""

    ENTITY = "NL_BSN"
    PATTERNS = [
        Pattern("BSN (dotted)", NUMBER_START + r"\d{4}\.\d{2}\.\d{3}" + NUMBER_END, 0.65),
        Pattern("BSN (grouped)", _GROUP_START + r"\d{3}([ -])\d{3}\1\d{3}" + _GROUP_END, 0.45),
        Pattern("BSN (9 digits)", NUMBER_START + r"\d{9}" + NUMBER_END, 0.45),
        Pattern("BSN (8 digits, leading zero lost)", NUMBER_START + r"\d{8}" + NUMBER_END, 0.3),
    ]
    CONTEXT = [
        "bsn",
        "bsnnummer",
        "bsnnr",
        "burgerservicenummer",
        "burgerservicenr",
        "burger service nummer",
        "burgerservice nummer",
        "sofinummer",
        "sofi",
        "sofinr",
        "persoonsnummer",
        "persoonsgebonden nummer",
        "fiscaal nummer",
        "citizen service number",
        "2.16.840.1.113883.2.4.6.3",
    ]
    NEGATIVE_CONTEXT = [
        *REFERENCE_NUMBER_WORDS,
        "rsin",
        "kvk",
        "kvk-nummer",
        "btw",
        "omzetbelastingnummer",
        "iban",
        "rekeningnummer",
        "rekening",
        "tel",
        "telefoon",
        "telefoonnummer",
        "mobiel",
        "fax",
        "personeelsnummer",
        "studentnummer",
        "leerlingnummer",
        "onderwijsnummer",
    ]

    def validate_result(self, pattern_text: str) -> bool | None:
        digits = "".join(c for c in pattern_text if c.isdigit())
        return None if bsn.is_valid(digits.zfill(9)) else False
