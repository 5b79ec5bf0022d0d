"""NL_VAT: the btw-identificatienummer, old style and new style (`stdnum.nl.btw`).

`NL`, nine digits, `B` and a two-digit suffix; printed unbroken or as
`NL 0044.95.445.B01`.  Two checks exist:

* **old style**: the nine digits pass the elfproef, because they are the
  holder's RSIN or, for a sole trader (eenmanszaak), the owner's **BSN**;
* **new style** (sole traders since 2020): ISO 7064 mod 97-10 over the whole
  string including `NL`, not derived from the BSN.

With the `NL` prefix the shape is distinctive and a number that passes
either check is reported on its own; without it (`004495445B01`, as the
omzetbelastingnummer is often written) it needs a context word.  The
hit's explanation (its pattern name) says which style passed, and for the
old style that the number embeds an RSIN or a sole trader's BSN.

**The embedded BSN.**  Most old-style numbers in business documents belong
to a BV, NV or stichting and embed its RSIN, so reporting each as a BSN
would flood the BSN counts with organisation numbers.  When a sole-trader
word (`eenmanszaak`, `zzp`, ...) stands up to 150 characters before an
old-style number, in the same sentence, the nine digits are also reported as
NL_BSN, scored as a checksum with context: the BSN rules (UAVG art. 46) then
apply, and the fingerprint equals that of the same BSN written elsewhere.
A legal-form word (`B.V.`, `stichting`, ...) nearer to the number on its
line prevents it.  Words after the number are not looked at.
"""

from __future__ import annotations

from collections.abc import Sequence

import regex
from presidio_analyzer import AnalysisExplanation, Pattern, RecognizerResult
from presidio_analyzer.nlp_engine import NlpArtifacts
from stdnum.nl import bsn, btw

from datawacht.detect.nlp import LANGUAGE
from datawacht.detect.recognizers.base import (
    CONTEXT_BOOST,
    NUMBER_END,
    NUMBER_START,
    ContextRules,
    DutchPatternRecognizer,
)
from datawacht.detect.recognizers.nl.nl_bsn_recognizer import NINE_DIGIT_ELFPROEF_SCORE

BSN_ENTITY = "NL_BSN"
# A BSN inside a btw-id scores as a nine-digit elfproef number with a context word.
EMBEDDED_BSN_SCORE = NINE_DIGIT_ELFPROEF_SCORE + CONTEXT_BOOST
EMBEDDED_BSN = "BSN inside an old-style btw-id of a sole trader"
OLD_STYLE = "old style: the nine digits pass the elfproef and are an RSIN or a sole trader's BSN"
NEW_STYLE = "new style: mod 97-10, not derived from a BSN"

# Sole-trader words support the embedded BSN; legal forms rule it out.
# Looked for further back than a label: the legal form is usually named
# with the company name, before KvK and btw numbers.
LEGAL_FORM_WINDOW_CHARS = 150
SOLE_TRADER_WORDS = [
    "eenmanszaak",
    "eenmanszaken",
    "zzp",
    "zzp'er",
    "zzper",
    "zelfstandige zonder personeel",
    "zelfstandig ondernemer",
    "sole trader",
    "sole proprietor",
    "sole proprietorship",
]
LEGAL_ENTITY_WORDS = [
    "b.v.",
    "bv",
    "n.v.",
    "nv",
    "stichting",
    "vereniging",
    "coöperatie",
    "cooperatie",
    "v.o.f.",
    "vof",
    "maatschap",
    "c.v.",
    "rechtspersoon",
    "rsin",
    "holding",
    "ltd",
    "gmbh",
]

_DIGITS = r"(?:\d{9}|\d{4}\.\d{2}\.\d{3})"
_SUFFIX = r"[ .]?B\.?\d{2}"
_NINE_DIGITS = regex.compile(r"\d{4}\.?\d{2}\.?\d{3}")


def is_old_style(written: str) -> bool:
    """The nine digits pass the elfproef (they are an RSIN or a BSN)."""
    return bsn.is_valid(btw.compact(written)[:9])


class NlVatRecognizer(DutchPatternRecognizer):
    """Recognize Dutch btw-ids, and the BSN inside a sole trader's old-style one."""

    ENTITY = "NL_VAT"
    PATTERNS = [
        Pattern("BTW-id (NL prefix)", r"(?<![\w-])NL[ .]?" + _DIGITS + _SUFFIX + NUMBER_END, 0.7),
        Pattern(
            "Omzetbelastingnummer (no NL prefix)",
            NUMBER_START + _DIGITS + _SUFFIX + NUMBER_END,
            0.4,
        ),
    ]
    CONTEXT = [
        "btw",
        "btwnummer",
        "btwnr",
        "btw-id",
        "btw-identificatienummer",
        "btwid",
        "omzetbelastingnummer",
        "omzetbelasting",
        "vat",
    ]
    # The shape and the checks make reference labels irrelevant.
    NEGATIVE_CONTEXT: list[str] = []

    def __init__(
        self,
        context: Sequence[str] | None = None,
        negative_context: Sequence[str] | None = None,
        supported_language: str = LANGUAGE,
        name: str | None = None,
    ) -> None:
        super().__init__(context, negative_context, supported_language, name)
        self.supported_entities.append(BSN_ENTITY)
        self.legal_form_rules = ContextRules(
            SOLE_TRADER_WORDS, LEGAL_ENTITY_WORDS, window=LEGAL_FORM_WINDOW_CHARS
        )

    def validate_result(self, pattern_text: str) -> bool | None:
        return None if btw.is_valid(pattern_text) else False

    def refine(self, text: str, result: RecognizerResult) -> bool:
        """Name the style that passed in the explanation."""
        explanation = result.analysis_explanation
        if explanation is not None:
            written = text[result.start : result.end]
            style = OLD_STYLE if is_old_style(written) else NEW_STYLE
            explanation.pattern_name = f"{explanation.pattern_name}, {style}"
            explanation.textual_explanation = f"{explanation.textual_explanation}; btw-id {style}"
        return True

    def analyze(
        self,
        text: str,
        entities: list[str],
        nlp_artifacts: NlpArtifacts | None = None,
        regex_flags: int | None = None,
    ) -> list[RecognizerResult]:
        results = super().analyze(text, entities, nlp_artifacts, regex_flags)
        found = list(results) if self.ENTITY in entities else []
        if BSN_ENTITY in entities:
            found += [bsn_result for r in results if (bsn_result := self._embedded_bsn(text, r))]
        return found

    def _embedded_bsn(self, text: str, vat: RecognizerResult) -> RecognizerResult | None:
        """The nine digits of a sole trader's old-style number as an NL_BSN result."""
        digits = _NINE_DIGITS.search(text, vat.start, vat.end)
        if digits is None or not is_old_style(text[vat.start : vat.end]):
            return None
        verdict = self.legal_form_rules.inspect(text, vat.start)
        if verdict.word is None:
            return None
        explanation = AnalysisExplanation(
            recognizer=self.name,
            original_score=EMBEDDED_BSN_SCORE,
            pattern_name=EMBEDDED_BSN,
            validation_result=True,
            textual_explanation=f"Detected by `{self.name}` as the {EMBEDDED_BSN}",
        )
        explanation.set_supportive_context_word(verdict.word)
        return RecognizerResult(
            entity_type=BSN_ENTITY,
            start=digits.start(),
            end=digits.end(),
            score=EMBEDDED_BSN_SCORE,
            analysis_explanation=explanation,
            recognition_metadata={
                RecognizerResult.RECOGNIZER_NAME_KEY: self.name,
                RecognizerResult.RECOGNIZER_IDENTIFIER_KEY: self.id,
                RecognizerResult.IS_SCORE_ENHANCED_BY_CONTEXT_KEY: True,
            },
        )
