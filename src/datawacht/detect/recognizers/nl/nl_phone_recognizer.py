"""PHONE_NUMBER: telephone numbers of people, read with phonenumbers for region NL.

Presidio's `PhoneRecognizer` with eight default regions finds Dutch numbers
only by accident (as German or French numbers, pitfall 6); with region NL it
reads every common Dutch notation (`06-12345678`, `020 123 4567`,
`+31 (0)70 123 45 67`, `0031 6 12345678`, `(070) 1234567`) and is five
times faster.  Foreign numbers written with `+` are found as well.

Numbers that belong to organisations are not reported: free (0800),
premium (090x), shared-cost and UAN numbers (088/084/087 and the municipal
`14 0xx`).  A number written with separators, brackets or `+` is reported
on its own; ten bare digits could be any identifier and need context.
"""

from __future__ import annotations

from collections.abc import Sequence

import phonenumbers
import regex
from phonenumbers import Leniency, PhoneNumberType
from presidio_analyzer import AnalysisExplanation, RecognizerResult
from presidio_analyzer.nlp_engine import NlpArtifacts
from presidio_analyzer.predefined_recognizers import PhoneRecognizer

from datawacht.detect.nlp import LANGUAGE
from datawacht.detect.phones import parse_phone
from datawacht.detect.recognizers.base import (
    REFERENCE_NUMBER_WORDS,
    ContextRules,
    screen_by_context,
)

REGION = "NL"
ORGANISATION_TYPES = frozenset(
    {
        PhoneNumberType.TOLL_FREE,
        PhoneNumberType.PREMIUM_RATE,
        PhoneNumberType.SHARED_COST,
        PhoneNumberType.UAN,
    }
)
# A bare value must look like a dialled number: trunk 0, 00 or + in front.
_BARE_VALUE = regex.compile(r"(?:\+|\(?0)[\d ()./-]{7,22}")


class NlPhoneRecognizer(PhoneRecognizer):
    """Recognize personal telephone numbers, Dutch numbering plan first."""

    ENTITY = "PHONE_NUMBER"
    FORMATTED_SCORE = 0.6
    BARE_DIGITS_SCORE = 0.4
    CONTEXT = [
        "tel",
        "telefoon",
        "telefoonnummer",
        "telefoonnr",
        "telnr",
        "tel.nr",
        "mobiel",
        "mobielnummer",
        "mobiele",
        "06-nummer",
        "gsm",
        "bel",
        "bellen",
        "belt",
        "belde",
        "gebeld",
        "terugbellen",
        "telefonisch",
        "sms",
        "bereikbaar",
        "t:",
        "m:",
        "fax",
        "whatsapp",
        "phone",
        "telephone",
        "mobile",
        "cell",
    ]
    NEGATIVE_CONTEXT = [*REFERENCE_NUMBER_WORDS, "bsn", "burgerservicenummer", "iban", "kvk"]

    def __init__(
        self,
        context: Sequence[str] | None = None,
        negative_context: Sequence[str] | None = None,
        supported_language: str = LANGUAGE,
        name: str | None = None,
    ) -> None:
        super().__init__(
            context=list(self.CONTEXT if context is None else context),
            supported_language=supported_language,
            supported_entity=self.ENTITY,
            supported_regions=(REGION,),
            leniency=Leniency.VALID,
            name=name,
        )
        self.negative_context = list(
            self.NEGATIVE_CONTEXT if negative_context is None else negative_context
        )
        self.context_rules = ContextRules(self.context, self.negative_context)

    def analyze(
        self, text: str, entities: list[str], nlp_artifacts: NlpArtifacts | None = None
    ) -> list[RecognizerResult]:
        results = []
        for match in phonenumbers.PhoneNumberMatcher(text, REGION, leniency=self.leniency):
            if phonenumbers.number_type(match.number) in ORGANISATION_TYPES:
                continue
            result = self._result(match.start, match.end, match.raw_string.isdigit())
            if screen_by_context(self.context_rules, text, result, context_required=False):
                results.append(result)
        return results

    def _result(self, start: int, end: int, bare: bool) -> RecognizerResult:
        score = self.BARE_DIGITS_SCORE if bare else self.FORMATTED_SCORE
        notation = "bare digits" if bare else "formatted"
        explanation = AnalysisExplanation(
            recognizer=self.name,
            original_score=score,
            pattern_name=f"phonenumbers {REGION} ({notation})",
            validation_result=True,
            textual_explanation=f"Valid {REGION}-plan number, not an organisation number",
        )
        return RecognizerResult(
            entity_type=self.ENTITY,
            start=start,
            end=end,
            score=score,
            analysis_explanation=explanation,
            recognition_metadata={
                RecognizerResult.RECOGNIZER_NAME_KEY: self.name,
                RecognizerResult.RECOGNIZER_IDENTIFIER_KEY: self.id,
            },
        )

    def validate_value(self, value: str) -> bool:
        """True for a whole cell holding a valid personal number (0, 00 or + in front)."""
        value = value.strip()
        if not _BARE_VALUE.fullmatch(value):
            return False
        number = parse_phone(value)
        if number is None:
            return False
        # UNKNOWN is phonenumbers' type of an invalid number: one call
        # instead of is_valid_number and number_type, which each match the
        # number against its region's patterns.
        kind = phonenumbers.number_type(number)
        return kind != PhoneNumberType.UNKNOWN and kind not in ORGANISATION_TYPES
