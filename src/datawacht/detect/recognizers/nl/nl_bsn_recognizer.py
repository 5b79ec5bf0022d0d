"""NL_BSN: the burgerservicenummer (formerly sofinummer), validated with the elfproef.

About 1 in 11 random nine-digit numbers pass the elfproef, so a bare number is
weak evidence: it stays below the reporting threshold until a context word
(`BSN`, `burgerservicenummer`, ...) raises it.  The dotted form `1234.56.782`
is how stdnum and many letters print a BSN and is reported on its own.
Spreadsheets drop a leading zero, so eight digits are accepted and padded.

An RSIN (an organisation's number) passes the same elfproef; when the
nearest label says `RSIN` or `fiscaal nummer rechtspersoon`, this recognizer
drops the number and `NlRsinRecognizer` reports it as NL_RSIN instead.
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
from datawacht.detect.recognizers.nl.digit_runs import GROUP_END, GROUP_START

# A bare nine-digit elfproef number: about 1 in 11 random numbers pass.
NINE_DIGIT_ELFPROEF_SCORE = 0.45

# `B` and a two-digit suffix after the digits make a btw number (`NL 0044.95.445.B01`).
_NOT_BTW = r"(?![ .]?B\.?\d{2}(?!\w))"


def elfproef_patterns(label: str) -> list[Pattern]:
    """The written forms of a nine-digit elfproef number (BSN or RSIN), named for `label`."""
    end = NUMBER_END + _NOT_BTW
    return [
        Pattern(f"{label} (dotted)", NUMBER_START + r"\d{4}\.\d{2}\.\d{3}" + end, 0.65),
        Pattern(
            f"{label} (grouped)",
            GROUP_START + r"\d{3}([ -])\d{3}\1\d{3}" + GROUP_END + _NOT_BTW,
            NINE_DIGIT_ELFPROEF_SCORE,
        ),
        Pattern(f"{label} (9 digits)", NUMBER_START + r"\d{9}" + end, NINE_DIGIT_ELFPROEF_SCORE),
        Pattern(f"{label} (8 digits, leading zero lost)", NUMBER_START + r"\d{8}" + end, 0.3),
    ]


def passes_elfproef(written: str) -> bool:
    """The elfproef on the digits of a written number, padded to nine."""
    digits = "".join(c for c in written if c.isdigit())
    return bsn.is_valid(digits.zfill(9))


class NlBsnRecognizer(DutchPatternRecognizer):
    """Recognize Dutch BSNs in their usual written forms."""

    ENTITY = "NL_BSN"
    PATTERNS = elfproef_patterns("BSN")
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
        "rsinnummer",
        "fiscaal nummer rechtspersoon",
        "kvk",
        "agb",
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
        return None if passes_elfproef(pattern_text) else False
