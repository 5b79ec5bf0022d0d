"""CLASSIFICATION_MARKING: state-secret markings (rubricering, VIRBI 2013), detected only.

Bijzondere informatie of the Rijksdienst carries a printed marking, in
increasing order Departementaal Vertrouwelijk (`Dep. V.`), Stg. Confidentieel,
Stg. Geheim and Stg. Zeer Geheim (`Stg.` = staatsgeheim).  Rubricering is set
by authorised officials and is about the State, not privacy, so datawacht
never assigns it as a label; it reports the marking so that one outside an
accredited location can be routed to the beveiligingsambtenaar (domain
reference B2.3).  The 2025 successor decision's level names were not
checked; `recognizers.yaml` can switch this recognizer off.

What counts as a marking:

* **a prefixed form**, case-insensitive, with or without the dot and the
  space after it: `Departementaal Vertrouwelijk`, `Dep. V.`, `Dep.V.`,
  `DEP. VERTROUWELIJK`; `Stg.`/`Stg` + Confidentieel, Geheim or Zeer
  Geheim.  Score 0.85: the prefix makes the shape distinctive.  Written out,
  `Staatsgeheim Geheim` needs the level word with a capital, as markings
  print it: "een staatsgeheim geheim houden" is prose.
* **`Staatsgeheim` alone**, score 0.7 (a marking without its level is
  informal or old), only where a marking stands: alone on its line (a
  header, footer or stamp, with nothing but punctuation beside it), right
  after a label (`Rubricering: Staatsgeheim`), or in capitals at the start
  of a line (`STAATSGEHEIM  Ministerie van ...`).  In running text the word
  is an ordinary noun ("dit is geen staatsgeheim", "het best bewaarde
  staatsgeheim") and is not reported.  Nothing was measured for this
  choice: it follows how markings are printed, at the cost of missing a
  bare title-case `Staatsgeheim` inside a line of other header text.

Not markings: `vertrouwelijk`, `geheim` or `Zeer geheim` without a prefix,
in prose or as a header (they are the organisation's own label words, see
`rules/`), and the NATO/EU markings (out of scope).  A marking split over
two lines (`Stg.` / `GEHEIM`) is not found.

The reference-number labels that other recognizers treat as negative
context say nothing about a marking (a header line often holds `Kenmerk`
and the marking together), so there is no negative context by default.

Markings hold no digit, so the engine's gate would never show them to
Presidio: `gate_spans` reports every marking the rules above accept.  The
canonical value (`datawacht.detect.markings.canonical_marking`) is one per
level: `dep. vertrouwelijk`, `stg. confidentieel`, `stg. geheim`,
`stg. zeer geheim`, `staatsgeheim`.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator

import regex
from presidio_analyzer import Pattern, RecognizerResult

from datawacht.detect.literal_starts import LiteralStarts
from datawacht.detect.markings import (
    DEPARTEMENTAAL,
    SPACE,
    STAATSGEHEIM_ALONE,
    STAATSGEHEIM_LEVEL,
)
from datawacht.detect.recognizers.base import DutchPatternRecognizer

DEP_NAME = "Dep. Vertrouwelijk"
LEVEL_NAME = "Stg. level"
ALONE_NAME = "Staatsgeheim alone"

PREFIXED_SCORE = 0.85
ALONE_SCORE = 0.7

# A label right before a bare `Staatsgeheim`, on its line.
_LABEL_BEFORE = regex.compile(
    r"(?i:rubricering|classificatie|markering)" + SPACE + r"*:" + SPACE + r"*\Z"
)
_LETTER_OR_DIGIT = regex.compile(r"[\p{L}\p{N}]")
# Where a marking can start, before the patterns are tried: rare words, found
# with str.find (LiteralStarts).
_GATE = LiteralStarts(
    regex.compile(r"(?<![^\W_])(?:dep|stg|staatsgeheim)", regex.IGNORECASE),
    ["dep", "stg", "staatsgeheim"],
)


class NlClassificationMarkingRecognizer(DutchPatternRecognizer):
    """Recognize Dutch state-secret markings (Dep. V., Stg. Confidentieel/Geheim/Zeer Geheim)."""

    ENTITY = "CLASSIFICATION_MARKING"
    PATTERNS = [
        Pattern(DEP_NAME, DEPARTEMENTAAL, PREFIXED_SCORE),
        Pattern(LEVEL_NAME, STAATSGEHEIM_LEVEL, PREFIXED_SCORE),
        Pattern(ALONE_NAME, STAATSGEHEIM_ALONE, ALONE_SCORE),
    ]
    CONTEXT = ["rubricering", "gerubriceerd", "bijzondere informatie", "virbi"]
    NEGATIVE_CONTEXT: list[str] = []

    def refine(self, text: str, result: RecognizerResult) -> bool:
        explanation = result.analysis_explanation
        if explanation is not None and explanation.pattern_name == ALONE_NAME:
            return stands_as_marking(text, result.start, result.end)
        return True

    @functools.cached_property
    def _each_pattern(self) -> list[regex.Pattern[str]]:
        """The patterns compiled one by one: the gate asks which one matched."""
        return [regex.compile(p.regex, self.REGEX_FLAGS) for p in self.patterns]

    def gate_spans(self, text: str) -> Iterator[tuple[int, int]]:
        """Every marking in `text`, found as `analyze` finds it."""
        for candidate in _GATE.finditer(text):
            for pattern, compiled in zip(self.patterns, self._each_pattern, strict=True):
                match = compiled.match(text, candidate.start())
                if match is None:
                    continue
                if pattern.name != ALONE_NAME or stands_as_marking(text, *match.span()):
                    yield match.span()
                break


def stands_as_marking(text: str, start: int, end: int) -> bool:
    """True where a bare `Staatsgeheim` is printed as a marking, not written as a noun."""
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    before = text[line_start:start]
    after = text[end : len(text) if line_end < 0 else line_end]
    if not _LETTER_OR_DIGIT.search(before + after):
        return True  # alone on its line
    if _LABEL_BEFORE.search(before):
        return True
    return text[start:end].isupper() and not _LETTER_OR_DIGIT.search(before)
