"""DATE_OF_BIRTH: a real date in a Dutch notation, right after a birth word.

Any document is full of dates; only a date of birth is personal data that
identifies.  So every pattern here requires context: a birth word
(`geboren`, `geboortedatum`, `geb.`, `DOB`, `°`, ...) within
`CONTEXT_WINDOW_CHARS` before the date.  Without it nothing is reported, at
any threshold.  A nearer death, marriage or invoice word wins, so in
"geboren 3-4-1950, overleden 5-6-2020" only the first date is a birth date.

The date must exist and lie between 1900-01-01 and today.  The notations and
their parser are in `datawacht.detect.dates`, shared with `canonical.py`.
"""

from __future__ import annotations

import regex
from presidio_analyzer import Pattern

from datawacht.detect.dates import (
    END,
    ISO,
    NUMERIC,
    START,
    WRITTEN,
    is_possible_birth_date,
    parse_dutch_date,
)
from datawacht.detect.recognizers.base import DutchPatternRecognizer


class NlDateOfBirthRecognizer(DutchPatternRecognizer):
    """Recognize dates of birth: a valid date with a birth word close before it."""

    ENTITY = "DATE_OF_BIRTH"
    PATTERNS = [
        Pattern("Date (dd-mm-yyyy)", START + NUMERIC + END, 0.45),
        Pattern("Date (yyyy-mm-dd)", START + ISO + END, 0.45),
        Pattern("Date (day month-name year)", START + WRITTEN + END, 0.45),
    ]
    CONTEXT_REQUIRED_PATTERNS = frozenset(p.name for p in PATTERNS)
    CONTEXT = [
        "geboren",
        "geboortedatum",
        "geboortedag",
        "geboorte",
        "geb.",
        "geb",
        "geb.datum",
        "gebdatum",
        "geb. datum",
        "dob",
        "d.o.b.",
        "date of birth",
        "birth date",
        "birthdate",
        "born",
        "°",
    ]
    NEGATIVE_CONTEXT = [
        "overleden",
        "overl.",
        "overlijden",
        "overlijdensdatum",
        "sterfdatum",
        "gestorven",
        "†",
        "died",
        "date of death",
        "gehuwd",
        "getrouwd",
        "huwelijk",
        "huwelijksdatum",
        "datum",
        "d.d.",
        "factuur",
        "factuurdatum",
        "vervaldatum",
        "ingangsdatum",
        "einddatum",
        "aanvraagdatum",
        "dagtekening",
    ]
    REGEX_FLAGS = regex.DOTALL | regex.MULTILINE | regex.IGNORECASE

    def validate_result(self, pattern_text: str) -> bool | None:
        value = parse_dutch_date(pattern_text)
        return None if value is not None and is_possible_birth_date(value) else False
