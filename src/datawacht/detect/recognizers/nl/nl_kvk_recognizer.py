"""NL_KVK: the Kamer van Koophandel (handelsregister) number, by context only.

Eight digits with no check to rely on: some older numbers pass a weights
8..1 mod-11 test, new ones need not, and government reference code checks
the length only.  Eight digits are also dates (`12031985`), AGB codes and
BSNs that lost their leading zero, so a number is reported only after a KvK
label (`KvK`, `Kamer van Koophandel`, `handelsregister`, ...); without one
nothing is reported, whatever the threshold.  The nearest label decides
between KvK, AGB and BSN.  A KvK number is organisation data, except for an
eenmanszaak, whose number leads to its owner.
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
    GROUP_END,
    GROUP_START,
    PHONE_WORDS,
    labels_of_others,
)


class NlKvkRecognizer(DutchPatternRecognizer):
    """Recognize eight-digit numbers labelled as a KvK number."""

    ENTITY = "NL_KVK"
    PATTERNS = [
        Pattern("KvK-nummer (8 digits)", NUMBER_START + r"\d{8}" + NUMBER_END, 0.4),
        Pattern("KvK-nummer (4+4 digits)", GROUP_START + r"\d{4} \d{4}" + GROUP_END, 0.4),
    ]
    CONTEXT_REQUIRED_PATTERNS = frozenset(p.name for p in PATTERNS)
    CONTEXT = [
        *EIGHT_DIGIT_LABELS[ENTITY],
        "kvknr",
        "inschrijvingsnummer",
        "chamber of commerce",
    ]
    NEGATIVE_CONTEXT = [
        *REFERENCE_NUMBER_WORDS,
        *PHONE_WORDS,
        *labels_of_others(EIGHT_DIGIT_LABELS, ENTITY),
        "vestigingsnummer",
    ]
