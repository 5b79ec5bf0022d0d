"""What every Dutch recognizer shares: context rules, case-sensitive regexes, bare values.

Presidio's `PatternRecognizer` knows only positive context, and only through
the engine's lemma enhancer, which looks at tokens.  Dutch documents need
three more things, all implemented here once:

* **Negative context.**  A nine-digit number after `factuurnummer` or
  `kenmerk` is a reference number even when it passes the elfproef.  A match
  whose nearest context word before it (within `CONTEXT_WINDOW_CHARS`, in the
  same sentence, on the same line) is a negative word is dropped.  "Nearest wins": in
  `klantnummer 12, BSN 111222333` the BSN keyword is closer, so it stays.
* **Context seen as text, not tokens.**  spaCy's blank Dutch tokenizer keeps
  `Burgerservicenummer:111222333` and `Geb.datum:12-03-1985` as one token, so
  the lemma enhancer never sees the label.  A context word found in the
  characters before a match raises the score here by `CONTEXT_BOOST` (the
  same amount the engine's enhancer adds) and marks the result as boosted, so
  the enhancer does not add it twice; the enhancer still catches labels on
  the previous line or just after the value.  Patterns named in
  `CONTEXT_REQUIRED_PATTERNS` are dropped when no context word is found.
* **Bare values.**  `validate_value` answers "is this whole spreadsheet cell a
  valid instance?" for column profiling, with the same patterns and checks.

Context words match as whole words, case-insensitively: `tel` matches
`Tel.:` and `tel-nr` but not `hotel` or `telling`; a compound such as
`telefoonnummer` is listed explicitly.

Regexes run without IGNORECASE by default (Presidio's default flags include
it): `1985 EN` is not `1985 en`, and a kenteken is written in capitals.
Recognizers where case carries no meaning (e-mail, month names) opt in.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import ClassVar

import regex
from presidio_analyzer import Pattern, PatternRecognizer, RecognizerResult, pattern_recognizer
from presidio_analyzer.nlp_engine import NlpArtifacts

from datawacht.detect.nlp import LANGUAGE

# How far before a match context words are looked for, in characters.
CONTEXT_WINDOW_CHARS = 50

# What a context word adds to a score; the analyzer's enhancer uses the same.
CONTEXT_BOOST = 0.4

# Labels of reference numbers that are not personal identifiers; the default
# negative context of every Dutch pattern recognizer.
REFERENCE_NUMBER_WORDS = [
    "factuurnummer",
    "factuurnr",
    "factuur",
    "ordernummer",
    "ordernr",
    "bestelnummer",
    "klantnummer",
    "klantnr",
    "debiteurnummer",
    "relatienummer",
    "artikelnummer",
    "artikelnr",
    "zaaknummer",
    "zaaknr",
    "dossiernummer",
    "dossiernr",
    "kenmerk",
    "referentie",
    "referentienummer",
    "polisnummer",
    "polisnr",
    "transactienummer",
    "volgnummer",
    "invoice",
    "order number",
]

# Digit runs: not glued to a word, a '+' or a longer number with separators.
NUMBER_START = r"(?<![\w+])(?<!\d[.,/-])"
NUMBER_END = r"(?![\w])(?![.,/-]\d)"


def _word_regex(word: str) -> str:
    """One context word as a regex: whole word at letter edges, spaces flexible."""
    body = r"\s+".join(regex.escape(part) for part in word.split())
    if word[:1].isalnum():
        body = r"(?<![^\W_])" + body
    if word[-1:].isalnum():
        body += r"(?![^\W\d_])"
    return body


def any_pattern_regex(patterns: Sequence[str], flags: int) -> regex.Pattern[str]:
    """The patterns as one alternation, so that one call answers for all:
    `fullmatch` says whether a bare value is whole (a register asks this of
    every distinct cell value), `search` whether any pattern matches
    somewhere in a text (most windows hold one identifier, so most
    recognizers find nothing in them).  The branch reset `(?|...)` numbers
    each pattern's groups from 1, as they are on their own: a back-reference
    such as the separator `\\1` of a grouped number must point into its own
    pattern."""
    alternatives = "|".join(f"(?:{pattern})" for pattern in patterns)
    return regex.compile(f"(?|{alternatives})", flags)


@functools.lru_cache(maxsize=256)
def context_word_regex(words: tuple[str, ...]) -> regex.Pattern[str] | None:
    """Compile a list of context words into one case-insensitive alternation."""
    cleaned = sorted({w.strip() for w in words if w.strip()}, key=len, reverse=True)
    if not cleaned:
        return None
    return regex.compile("|".join(_word_regex(w) for w in cleaned), regex.IGNORECASE)


def _last_match(
    pattern: regex.Pattern[str] | None, text: str, begin: int, end: int
) -> regex.Match[str] | None:
    if pattern is None or begin >= end:
        return None
    matches = list(pattern.finditer(text, begin, end))
    return matches[-1] if matches else None


@dataclass(frozen=True)
class ContextVerdict:
    """What the words before a match say: drop it, or which word supports it."""

    rejected: bool
    word: str | None


# The end of a sentence: a full stop after a lower-case word of four or more
# letters (so not `geb.`, `tel.` or `mw.`), or ! or ?, then a capital.
SENTENCE_END = regex.compile(r"(?:(?<=[a-z]{4})\.|[!?])[\s\"')]+(?=[A-Z])")


class ContextRules:
    """Positive and negative context words of one recognizer, read before a match.

    Words count within the window and the match's own sentence: in "Geboren
    te Utrecht. Verhuisd op 12-03-1985" the date is not a birth date.
    Positive words may sit on the previous line (a label above its value);
    negative words count only on the match's own line, because a reference
    label on the line above usually belongs to a different field.
    """

    def __init__(
        self,
        context: Iterable[str],
        negative_context: Iterable[str],
        window: int = CONTEXT_WINDOW_CHARS,
    ) -> None:
        self._positive = context_word_regex(tuple(context))
        self._negative = context_word_regex(tuple(negative_context))
        self._window = window

    def inspect(self, text: str, start: int) -> ContextVerdict:
        begin = max(0, start - self._window)
        sentences = list(SENTENCE_END.finditer(text, begin, start))
        if sentences:
            begin = sentences[-1].end()
        positive = _last_match(self._positive, text, begin, start)
        line_begin = max(begin, text.rfind("\n", 0, start) + 1)
        negative = _last_match(self._negative, text, line_begin, start)
        if negative is not None and (positive is None or negative.end() > positive.end()):
            return ContextVerdict(rejected=True, word=None)
        if positive is None:
            return ContextVerdict(rejected=False, word=None)
        return ContextVerdict(rejected=False, word=" ".join(positive.group().lower().split()))


def boost_with_context(result: RecognizerResult, word: str) -> None:
    """Raise a score for a supporting context word, once, and say why."""
    result.score = min(1.0, result.score + CONTEXT_BOOST)
    result.recognition_metadata[RecognizerResult.IS_SCORE_ENHANCED_BY_CONTEXT_KEY] = True
    if result.analysis_explanation is not None:
        result.analysis_explanation.set_supportive_context_word(word)
        result.analysis_explanation.set_improved_score(result.score)


def screen_by_context(
    rules: ContextRules, text: str, result: RecognizerResult, context_required: bool
) -> bool:
    """Apply negative and required context to one result; boost it when supported.

    Returns False when the result must be dropped.
    """
    verdict = rules.inspect(text, result.start)
    if verdict.rejected or (verdict.word is None and context_required):
        return False
    if verdict.word is not None:
        boost_with_context(result, verdict.word)
    return True


class DutchPatternRecognizer(PatternRecognizer):
    """A Presidio pattern recognizer for language nl with Dutch context rules.

    Subclasses set the class constants; `context` and `negative_context`
    passed to the constructor (from `recognizers.yaml`) replace the defaults.
    `validate_result` must return None on a pass (keep the pattern score,
    pitfall 10) and False on a fail: every result that survives has passed,
    which the explanation records as `validation_result = True`.
    """

    ENTITY: ClassVar[str]
    PATTERNS: ClassVar[list[Pattern]]
    CONTEXT: ClassVar[list[str]]
    NEGATIVE_CONTEXT: ClassVar[list[str]] = REFERENCE_NUMBER_WORDS
    CONTEXT_REQUIRED_PATTERNS: ClassVar[frozenset[str]] = frozenset()
    REGEX_FLAGS: ClassVar[int] = regex.DOTALL | regex.MULTILINE

    def __init__(
        self,
        context: Sequence[str] | None = None,
        negative_context: Sequence[str] | None = None,
        supported_language: str = LANGUAGE,
        name: str | None = None,
    ) -> None:
        super().__init__(
            supported_entity=self.ENTITY,
            patterns=[Pattern(p.name, p.regex, p.score) for p in self.PATTERNS],
            context=list(self.CONTEXT if context is None else context),
            supported_language=supported_language,
            name=name,
        )
        self.global_regex_flags = self.REGEX_FLAGS
        self.negative_context = list(
            self.NEGATIVE_CONTEXT if negative_context is None else negative_context
        )
        self.context_rules = ContextRules(self.context, self.negative_context)
        self._any_pattern = any_pattern_regex([p.regex for p in self.patterns], self.REGEX_FLAGS)

    def analyze(
        self,
        text: str,
        entities: list[str],
        nlp_artifacts: NlpArtifacts | None = None,
        regex_flags: int | None = None,
    ) -> list[RecognizerResult]:
        if not regex_flags and not self.may_match(text):
            return []
        kept = []
        for result in super().analyze(text, entities, nlp_artifacts, regex_flags):
            explanation = result.analysis_explanation
            pattern_name = explanation.pattern_name if explanation is not None else None
            required = pattern_name in self.CONTEXT_REQUIRED_PATTERNS
            if not screen_by_context(self.context_rules, text, result, required):
                continue
            if not self.refine(text, result):
                continue
            if explanation is not None:
                explanation.validation_result = True
            kept.append(result)
        return kept

    def may_match(self, text: str) -> bool:
        """False when none of the patterns matches anywhere in `text`.

        Presidio runs each pattern in its own pass, with a timer and a debug
        log around each; one pass of the alternation rules out the recognizer
        for most windows.  It has Presidio's time limit per pass (read at each
        call: `deadline.limit_regex_time` sets it), and a timeout leaves the
        answer to Presidio's passes, whose timeouts mark the object partial.
        """
        timeout = pattern_recognizer.REGEX_TIMEOUT_SECONDS
        try:
            return self._any_pattern.search(text, timeout=timeout) is not None
        except TimeoutError:
            return True

    def refine(self, text: str, result: RecognizerResult) -> bool:
        """A last look at the surroundings of a valid match: False drops it.

        Runs after the context rules; an override may also boost the result
        for evidence that is not a context word (an address layout).
        """
        return True

    def validate_value(self, value: str) -> bool:
        """True when a whole bare value (a spreadsheet cell) is a valid instance.

        No context is needed or used: column profiling weighs the header and
        the share of valid cells instead.
        """
        value = value.strip()
        if not self._any_pattern.fullmatch(value):
            return False
        return self.validate_result(value) is not False and not self.invalidate_result(value)

    def gate_spans(self, text: str) -> Iterable[tuple[int, int]]:
        """Where in `text` this recognizer could fire that the engine's
        digit-and-@ gate does not see (names, lexicon terms): (start, end)
        spans around which the engine cuts windows for Presidio.  Recognizers
        whose matches always contain a digit or an "@" keep the default."""
        return ()
