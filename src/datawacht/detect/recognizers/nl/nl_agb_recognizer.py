"""NL_AGB: the Vektis AGB code of a care provider, by context only.

Eight digits, the first two the Vektis zorgsoort, and no public check, so
the number is reported only after an AGB label (`AGB`, `AGB-code`,
`Vektis`, ...); without one nothing is reported, whatever the threshold.
Words that merely suggest care (`declaratie`, `zorgaanbieder`) are not
enough: an invoice or claim number stands next to them as often.  The
nearest label decides between AGB, KvK and BSN.  A person's AGB code is
personal data of the care provider, and its presence marks a file as a care
or Wmo/Jeugd declaration.
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
    EIGHT_DIGIT_LABELS,
    PHONE_WORDS,
    labels_of_others,
)


class NlAgbRecognizer(DutchPatternRecognizer):
    """Recognize eight-digit numbers labelled as an AGB code."""

    ENTITY = "NL_AGB"
    PATTERNS = [Pattern("AGB-code (8 digits)", NUMBER_START + r"\d{8}" + NUMBER_END, 0.4)]
    CONTEXT_REQUIRED_PATTERNS = frozenset(p.name for p in PATTERNS)
    CONTEXT = [*EIGHT_DIGIT_LABELS[ENTITY], "agbnummer", "agb code", "vecozo"]
    NEGATIVE_CONTEXT = [
        *REFERENCE_NUMBER_WORDS,
        *PHONE_WORDS,
        *labels_of_others(EIGHT_DIGIT_LABELS, ENTITY),
    ]
