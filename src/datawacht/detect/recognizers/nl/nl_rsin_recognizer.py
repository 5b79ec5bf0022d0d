"""NL_RSIN: an organisation's RSIN, told apart from a BSN by its label only.

The RSIN (Rechtspersonen en Samenwerkingsverbanden Informatienummer) has the
nine digits and the elfproef of a BSN, so no check can tell the two apart.
It identifies a legal entity and is not personal data; reporting it as a
BSN would label a company register as confidential.  A number is an RSIN
only when the nearest label before it says so (`RSIN`, `fiscaal nummer
rechtspersoon`); `NlBsnRecognizer` lists the same labels as negative context
and drops the number, so one elfproef number is never both.  Without such a
label nothing is reported here, whatever the threshold.
"""

from __future__ import annotations

from datawacht.detect.recognizers.base import REFERENCE_NUMBER_WORDS, DutchPatternRecognizer
from datawacht.detect.recognizers.nl.digit_runs import PHONE_WORDS
from datawacht.detect.recognizers.nl.nl_bsn_recognizer import elfproef_patterns, passes_elfproef


class NlRsinRecognizer(DutchPatternRecognizer):
    """Recognize elfproef numbers labelled as an RSIN."""

    ENTITY = "NL_RSIN"
    PATTERNS = elfproef_patterns("RSIN")
    CONTEXT_REQUIRED_PATTERNS = frozenset(p.name for p in PATTERNS)
    CONTEXT = [
        "rsin",
        "rsinnummer",
        "fiscaal nummer rechtspersoon",
        "rechtspersonen en samenwerkingsverbanden informatienummer",
    ]
    NEGATIVE_CONTEXT = [
        *REFERENCE_NUMBER_WORDS,
        *PHONE_WORDS,
        "bsn",
        "burgerservicenummer",
        "sofinummer",
        "persoonsnummer",
        "citizen service number",
    ]

    def validate_result(self, pattern_text: str) -> bool | None:
        return None if passes_elfproef(pattern_text) else False
