"""NL_ONDERWIJSNUMMER: DUO's number for pupils and students without a BSN.

Nine digits starting with `10`, the BSN weights, and a remainder of 5
instead of 0 (`stdnum.nl.onderwijsnummer`), so an onderwijsnummer is never a
valid BSN and the two recognizers never compete.  About 1 in 11 numbers that
start with 10 pass, so a bare number stays below the reporting threshold
until a context word (`onderwijsnummer`, `PGN`, `DUO`, ...) raises it; the
dotted form `1012.22.331` (stdnum's printed form) is reported on its own, as
the dotted BSN is.  A school's own `leerlingnummer` or `studentnummer` is a
different number and negative context.
"""

from __future__ import annotations

from presidio_analyzer import Pattern
from stdnum.nl import onderwijsnummer

from datawacht.detect.recognizers.base import (
    NUMBER_END,
    NUMBER_START,
    REFERENCE_NUMBER_WORDS,
    DutchPatternRecognizer,
)
from datawacht.detect.recognizers.nl.digit_runs import GROUP_END, GROUP_START, PHONE_WORDS


class NlOnderwijsnummerRecognizer(DutchPatternRecognizer):
    """Recognize onderwijsnummers in the written forms of a BSN."""

    ENTITY = "NL_ONDERWIJSNUMMER"
    PATTERNS = [
        Pattern(
            "Onderwijsnummer (dotted)", NUMBER_START + r"10\d{2}\.\d{2}\.\d{3}" + NUMBER_END, 0.65
        ),
        Pattern(
            "Onderwijsnummer (grouped)",
            GROUP_START + r"10\d([ -])\d{3}\1\d{3}" + GROUP_END,
            0.45,
        ),
        Pattern("Onderwijsnummer (9 digits)", NUMBER_START + r"10\d{7}" + NUMBER_END, 0.45),
    ]
    CONTEXT = [
        "onderwijsnummer",
        "onderwijsnr",
        "pgn",
        "persoonsgebonden nummer",
        "leerling",
        "student",
        "duo",
        "brin",
        "education number",
    ]
    NEGATIVE_CONTEXT = [
        *REFERENCE_NUMBER_WORDS,
        *PHONE_WORDS,
        "leerlingnummer",
        "leerlingnr",
        "studentnummer",
        "studentnr",
    ]

    def validate_result(self, pattern_text: str) -> bool | None:
        return None if onderwijsnummer.is_valid(pattern_text) else False
