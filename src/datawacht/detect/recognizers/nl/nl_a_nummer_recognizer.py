"""NL_A_NUMMER: the BRP administratienummer of a person list, checked with rule R1585.

Ten digits that pass the four parts of R1585 (domain reference A2.4, as in
MinBZK's operatieBRP `ANummerValidator`): the first digit is not 0, no two
neighbours are equal, the digit sum mod 11 is 0 or 5, and the sum of the
digits weighted 1, 2, 4, ..., 512 is divisible by 11.  Only 0.64 % of random
ten-digit numbers pass, but ten-digit numbers are everywhere (order numbers,
rijbewijs- and V-nummers), so a bare number stays below the reporting
threshold until a context word (`A-nummer`, `administratienummer`, `BRP`,
`persoonslijst`, ...) raises it.  The labels of the other ten-digit numbers
are negative context, so that the nearest label names the number.
"""

from __future__ import annotations

from itertools import pairwise

from presidio_analyzer import Pattern

from datawacht.detect.recognizers.base import (
    NUMBER_END,
    NUMBER_START,
    REFERENCE_NUMBER_WORDS,
    DutchPatternRecognizer,
)
from datawacht.detect.recognizers.nl.digit_runs import (
    PHONE_WORDS,
    TEN_DIGIT_LABELS,
    labels_of_others,
)

A_NUMMER_LENGTH = 10
DIGIT_SUM_REMAINDERS = frozenset({0, 5})


def passes_r1585(value: str) -> bool:
    """BRP rule R1585 on a ten-digit string."""
    if len(value) != A_NUMMER_LENGTH or not value.isdigit() or value[0] == "0":
        return False
    digits = [int(c) for c in value]
    if any(a == b for a, b in pairwise(digits)):
        return False
    if sum(digits) % 11 not in DIGIT_SUM_REMAINDERS:
        return False
    return sum(d * 2**i for i, d in enumerate(digits)) % 11 == 0


class NlANummerRecognizer(DutchPatternRecognizer):
    """Recognize A-nummers that pass R1585."""

    ENTITY = "NL_A_NUMMER"
    PATTERNS = [Pattern("A-nummer (10 digits)", NUMBER_START + r"[1-9]\d{9}" + NUMBER_END, 0.45)]
    CONTEXT = [
        *TEN_DIGIT_LABELS[ENTITY],
        "administratie nummer",
        "brp",
        "gba",
        "persoonslijst",
        "basisregistratie personen",
        "a-number",
    ]
    NEGATIVE_CONTEXT = [
        *REFERENCE_NUMBER_WORDS,
        *PHONE_WORDS,
        *labels_of_others(TEN_DIGIT_LABELS, ENTITY),
    ]

    def validate_result(self, pattern_text: str) -> bool | None:
        return None if passes_r1585(pattern_text) else False
