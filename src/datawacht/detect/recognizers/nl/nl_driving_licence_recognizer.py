"""NL_DRIVING_LICENCE: the rijbewijsnummer (field 5 of the card), by context only.

Ten digits with no published check.  Ten digits are also A-nummers,
V-nummers and telephone numbers, so a number in running text is reported
only after a rijbewijs label (`rijbewijs`, `rijbewijsnummer`, `driving
licence`, ...); without one nothing is reported, whatever the threshold.
`RDW` alone does not count: RDW letters about vehicles carry ten-digit
document and registration codes.  The labels of the other ten-digit
numbers are negative context, so that the nearest label names the number.

One layout needs no label: the card prints `BSN/rijbewijsnummer`, nine
digits, a slash and ten digits.  When the nine digits before the slash pass
the elfproef, the ten after it are reported on their own.
"""

from __future__ import annotations

from presidio_analyzer import Pattern, RecognizerResult

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
from datawacht.detect.recognizers.nl.nl_bsn_recognizer import passes_elfproef

AFTER_BSN = "Rijbewijsnummer (after BSN/ on the card)"
BSN_AND_SLASH_LENGTH = 10


class NlDrivingLicenceRecognizer(DutchPatternRecognizer):
    """Recognize ten-digit numbers labelled as a rijbewijsnummer, or printed after a BSN."""

    ENTITY = "NL_DRIVING_LICENCE"
    PATTERNS = [
        Pattern("Rijbewijsnummer (10 digits)", NUMBER_START + r"\d{10}" + NUMBER_END, 0.4),
        Pattern(
            "Rijbewijsnummer (2+4+4 digits)",
            GROUP_START + r"\d{2} \d{4} \d{4}" + GROUP_END,
            0.4,
        ),
        Pattern(AFTER_BSN, r"(?<=(?<![\w+])\d{9}/)\d{10}" + NUMBER_END, 0.55),
    ]
    CONTEXT_REQUIRED_PATTERNS = frozenset(p.name for p in PATTERNS if p.name != AFTER_BSN)
    CONTEXT = [
        *TEN_DIGIT_LABELS[ENTITY],
        "driving licence",
        "driving license",
        "driver's license",
        "drivers license",
        "driver licence",
    ]
    NEGATIVE_CONTEXT = [
        *REFERENCE_NUMBER_WORDS,
        *PHONE_WORDS,
        *labels_of_others(TEN_DIGIT_LABELS, ENTITY),
    ]

    def refine(self, text: str, result: RecognizerResult) -> bool:
        """After a slash, the nine digits before it must be a BSN."""
        explanation = result.analysis_explanation
        if explanation is None or explanation.pattern_name != AFTER_BSN:
            return True
        return passes_elfproef(text[result.start - BSN_AND_SLASH_LENGTH : result.start - 1])
