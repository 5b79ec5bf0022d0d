"""Dutch date notations: the patterns that find them and the parser that reads them.

Shared by the date-of-birth recognizer (which finds dates) and `canonical.py`
(which writes the ISO form), so that the notations read and the notations
canonicalised cannot drift apart.  Kept apart from the recognizer so that
canonical forms need no Presidio: a rescan of an unchanged tree imports
neither it nor spaCy.
"""

from __future__ import annotations

import datetime

import regex

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
# Where a date may start and end: not inside a longer number, word or path.
START = r"(?<![\w./-])"
END = r"(?![\w])(?![./-]\d)"

NUMERIC = rf"{_DAY}([-/.]){_MONTH}\1{_YEAR}"
ISO = rf"{_YEAR}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01])"
WRITTEN = rf"{_DAY}[ -]{_MONTH_NAME}\.?[ -]{_YEAR}"

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
