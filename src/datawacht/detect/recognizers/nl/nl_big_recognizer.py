"""NL_BIG: the BIG-register number of a care professional, by context only.

Eleven digits; a third-party validator claims a mod-11 rule, but no
authoritative description exists, so none is applied (domain reference
A2.14).  Eleven-digit numbers are also telephone numbers written with 31
and no plus sign, so a number is reported only after a BIG label (`BIG`,
`BIG-nummer`, `BIG-registratie`, ...); without one nothing is reported,
whatever the threshold.  Profession words (`arts`, `verpleegkundige`) are
not labels of the number and do not count.  The registration is personal
data of the professional and can reveal disciplinary measures.
"""

from __future__ import annotations

from presidio_analyzer import Pattern

from datawacht.detect.recognizers.base import (
    NUMBER_END,
    NUMBER_START,
    REFERENCE_NUMBER_WORDS,
    DutchPatternRecognizer,
)
from datawacht.detect.recognizers.nl.digit_runs import PHONE_WORDS


class NlBigRecognizer(DutchPatternRecognizer):
    """Recognize eleven-digit numbers labelled as a BIG number."""

    ENTITY = "NL_BIG"
    PATTERNS = [Pattern("BIG-nummer (11 digits)", NUMBER_START + r"\d{11}" + NUMBER_END, 0.4)]
    CONTEXT_REQUIRED_PATTERNS = frozenset(p.name for p in PATTERNS)
    CONTEXT = [
        "big",
        "bignummer",
        "bignr",
        "bigregistratie",
        "bigregistratienummer",
        "bigregister",
    ]
    NEGATIVE_CONTEXT = [*REFERENCE_NUMBER_WORDS, *PHONE_WORDS, "uzi", "uzinummer", "agb"]
