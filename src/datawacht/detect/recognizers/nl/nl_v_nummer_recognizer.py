"""NL_V_NUMMER: the vreemdelingennummer of the Basisvoorziening Vreemdelingen, by context only.

Ten digits with no public check, so a number is reported only after a
V-nummer label (`V-nummer`, `V-nr.`, `vreemdelingennummer`); without one
nothing is reported, whatever the threshold.  Topic words (`IND`, `COA`,
`asiel`, `verblijfsvergunning`) are not labels of the number: the same
letters carry ten-digit telephone and case numbers.  The labels of the other
ten-digit numbers (A-nummer, rijbewijsnummer) are negative context, so that
the nearest label names the number.  The verblijfsdocument number (`V` plus
eight letters or digits) is a different number and not matched.  A
V-nummer reveals migration status, a proxy for nationality and origin.
"""

from __future__ import annotations

from presidio_analyzer import Pattern

from datawacht.detect.recognizers.base import (
    NUMBER_END,
    NUMBER_START,
    REFERENCE_NUMBER_WORDS,
    DutchPatternRecognizer,
)
from datawacht.detect.recognizers.nl.digit_runs import (
    GROUP_END,
    GROUP_START,
    PHONE_WORDS,
    TEN_DIGIT_LABELS,
    labels_of_others,
)


class NlVNummerRecognizer(DutchPatternRecognizer):
    """Recognize ten-digit numbers labelled as a V-nummer."""

    ENTITY = "NL_V_NUMMER"
    PATTERNS = [
        Pattern("V-nummer (10 digits)", NUMBER_START + r"\d{10}" + NUMBER_END, 0.4),
        Pattern("V-nummer (2+4+4 digits)", GROUP_START + r"\d{2} \d{4} \d{4}" + GROUP_END, 0.4),
    ]
    CONTEXT_REQUIRED_PATTERNS = frozenset(p.name for p in PATTERNS)
    CONTEXT = [
        *TEN_DIGIT_LABELS[ENTITY],
        "vreemdelingennr",
        "vreemdelingen nummer",
        "v-number",
    ]
    NEGATIVE_CONTEXT = [
        *REFERENCE_NUMBER_WORDS,
        *PHONE_WORDS,
        *labels_of_others(TEN_DIGIT_LABELS, ENTITY),
    ]
