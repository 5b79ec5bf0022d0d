"""DATE_OF_BIRTH: a real date in a Dutch notation, right after a birth word.

Any document is full of dates; only a date of birth is personal data that
identifies.  So every pattern here requires context: a birth word
(`geboren`, `geboortedatum`, `geb.`, `DOB`, `°`, ...) within
`CONTEXT_WINDOW_CHARS` before the date.  Without it nothing is reported, at
any threshold.  A nearer death, marriage or invoice word wins, so in
"geboren 3-4-1950, overleden 5-6-2020" only the first date is a birth date.

The date must exist and lie between 1900-01-01 and today.  `parse_dutch_date`
is also what `canonical.py` uses to write the ISO form, so the notations read
here and the notations canonicalised there cannot drift apart.
"""

from __future__ import annotations

import datetime

import regex
from presidio_analyzer import Pattern

from datawacht.detect.recognizers.base import DutchPatternRecognizer

EARLIEST_BIRTH_YEAR = 1900

# Month names and abbreviations, Dutch first, English for "born"/"DOB" texts.
MONTHS = {
    "januari": 1, "jan": 1, "january": 1,
    "februari": 2, "feb": 2, "febr": 2, "february": 2,
    "maart": 3, "mrt": 3, "mar": 3, "march": 3,
    "april": 4, "apr": 4,
    "mei": 5, "may": 5,
    "juni": 6, "jun": 6, "june": 6,
    "juli": 7, "jul": 7, "july": 7,
    "augustus": 8, "aug": 8, "august": 8,
    "september": 9, "sept": 9, "sep": 9,
    "oktober": 10, "okt": 10, "october": 10, "oct": 10,
    "november": 11, "nov": 11,
    "december": 12, "dec": 12,
}  # fmt: skip

_DAY = r"(?:0?[1-9]|[12]\d|3[01])"
_MONTH = r"(?:0?[1-9]|1[0-2])"
_YEAR = r"(?:19|20)\d{2}"
_MONTH_NAME = "(?:" + "|".join(sorted(MONTHS, key=len, reverse=True)) + ")"
_START = r"(?<![\w./-])"
_END = r"(?![\w])(?![./-]\d)"

_NUMERIC = rf"{_DAY}([-/.]){_MONTH}\1{_YEAR}"
_ISO = rf"{_YEAR}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01])"
_WRITTEN = rf"{_DAY}[ -]{_MONTH_NAME}\.?[ -]{_YEAR}"

_PARSE_NUMERIC = regex.compile(rf"({_DAY})[-/.]({_MONTH})[-/.]({_YEAR})")
_PARSE_ISO = regex.compile(r"(\d{4})-(\d{2})-(\d{2})")
_PARSE_WRITTEN = regex.compile(rf"({_DAY})[ -]({_MONTH_NAME})\.?[ -]({_YEAR})", regex.IGNORECASE)


def parse_dutch_date(text: str) -> datetime.date | None:
    """Read one whole date in any notation of this module; None if it does not exist."""
    text = text.strip()
    if m := _PARSE_ISO.fullmatch(text):
        year, month, day = (int(g) for g in m.groups())
    elif m := _PARSE_NUMERIC.fullmatch(text):
        day, month, year = (int(g) for g in m.groups())
    elif m := _PARSE_WRITTEN.fullmatch(text):
        day, month, year = int(m[1]), MONTHS[m[2].lower()], int(m[3])
    else:
        return None
    try:
        return datetime.date(year, month, day)
    except ValueError:
        return None


def is_possible_birth_date(value: datetime.date) -> bool:
    """Not before 1900 and not in the future."""
    return EARLIEST_BIRTH_YEAR <= value.year and value <= datetime.date.today()


class NlDateOfBirthRecognizer(DutchPatternRecognizer):
    """Recognize dates of birth: a valid date with a birth word close before it."""

    ENTITY = "DATE_OF_BIRTH"
    PATTERNS = [
        Pattern("Date (dd-mm-yyyy)", _START + _NUMERIC + _END, 0.45),
        Pattern("Date (yyyy-mm-dd)", _START + _ISO + _END, 0.45),
        Pattern("Date (day month-name year)", _START + _WRITTEN + _END, 0.45),
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
