"""PERSON from the Dutch NER model, with the same vetoes as the rules.

The model (Dutch NLP issue, shipped in `detect/model/nl_datawacht`) finds
names that no list knows (`Kees Kowalski`), which is its point; it also
tags words the rules know to be no person (`de ziekte van Parkinson`,
`Stichting Anna van Dijk`, `Willem de Zwijgerlaan`).  Like Presidio's
`SpacyRecognizer`, this recognizer reads the spans the NLP engine already
found (`nlp_artifacts.entities`, labels mapped to PERSON by the engine's
`NerModelConfiguration`); unlike it, it drops titles from the span, applies
the vetoes, and scores single words lower: a one-word span is the model's
weakest guess.  Without an `ner` component in the pipeline there are no
spans and the recognizer returns nothing.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

import regex
from presidio_analyzer import AnalysisExplanation, LocalRecognizer, RecognizerResult
from presidio_analyzer.nlp_engine import NlpArtifacts
from spacy.language import Language

from datawacht.detect.names.grammar import NameReader, Token, is_title, tokenize
from datawacht.detect.names.lexicon import load_lexicon
from datawacht.detect.names.surroundings import Surroundings
from datawacht.detect.names.values import looks_like_name
from datawacht.detect.nlp import LANGUAGE
from datawacht.detect.recognizers.nl.nl_person_recognizer import (
    PERSON_NEGATIVE_CONTEXT,
    NlPersonRecognizer,
    right_before,
)

# A capitalised word inside a sentence (after a lower-case word or a comma):
# in Dutch mostly a proper noun, which is where the model can find a name
# that the rule recognizer's gate did not open a window for.
_MID_SENTENCE_CAPITAL = regex.compile(r"(?<=[\p{Ll},;][ \t]{1,3})(?:IJ|\p{Lu})\p{Ll}+")


_NOT_IN_A_NAME = regex.compile(r"[@/\\0-9]")

# Role and label words that precede names (the rule recognizer's context).
ROLE_WORDS = frozenset(word.casefold() for word in NlPersonRecognizer.CONTEXT) | {
    "woordvoerder",
    "woordvoerster",
}


class NlNerPersonRecognizer(LocalRecognizer):
    """Person spans of the Dutch NER model, trimmed and vetoed."""

    ENTITY = "PERSON"
    MULTI_WORD_SCORE = 0.6
    LISTED_WORD_SCORE = 0.55
    SINGLE_WORD_SCORE = 0.4
    CONTEXT: list[str] = []
    NEGATIVE_CONTEXT = PERSON_NEGATIVE_CONTEXT

    def __init__(
        self,
        context: Sequence[str] | None = None,
        negative_context: Sequence[str] | None = None,
        supported_language: str = LANGUAGE,
        name: str | None = None,
        pipeline_has_ner: bool = False,
    ) -> None:
        super().__init__(
            supported_entities=[self.ENTITY],
            supported_language=supported_language,
            context=list(self.CONTEXT if context is None else context),
            name=name,
        )
        self.negative_context = list(
            self.NEGATIVE_CONTEXT if negative_context is None else negative_context
        )
        self.reader = NameReader(load_lexicon())
        self._negative = right_before(self.negative_context)
        self.pipeline_has_ner = pipeline_has_ner
        self._nlp: Language | None = None

    def load(self) -> None:
        """Nothing to load: the NLP engine runs the model."""

    def use_pipeline(self, nlp: Language) -> None:
        """Open the gate only when the pipeline that will run has an NER:
        `build_analyzer` calls this with the pipeline it actually loaded."""
        self._nlp = nlp

    def _ner_runs(self) -> bool:
        """The pipeline has an NER and it is switched on: table cells are
        analysed with it off (`Detector._detect_cells`), and a window opened
        for it there would only cost the other recognizers' time.  Without a
        pipeline (tests) the constructor's `pipeline_has_ner` says."""
        if self._nlp is None:
            return self.pipeline_has_ner
        return "ner" in self._nlp.pipe_names

    def analyze(
        self, text: str, entities: list[str], nlp_artifacts: NlpArtifacts | None = None
    ) -> list[RecognizerResult]:
        if self.ENTITY not in entities or nlp_artifacts is None:
            return []
        spans = [
            (e.start_char, e.end_char) for e in nlp_artifacts.entities if e.label_ == self.ENTITY
        ]
        if not spans:
            return []
        tokens = tokenize(text)
        surroundings = Surroundings(text, tokens, self.reader.lexicon, self._negative)
        results = []
        for start, end in spans:
            trimmed = self._trim(text, start, end)
            if trimmed is None or surroundings.veto(*trimmed) is not None:
                continue
            words = [t.text for t in tokenize(text[trimmed[0] : trimmed[1]]) if t.kind == "word"]
            if self._implausible(text[trimmed[0] : trimmed[1]], words):
                continue
            results.append(self._result(*trimmed, self._score(words)))
        return results

    def validate_value(self, value: str) -> bool:
        """The same cell check as the rule recognizer (the registry keeps one per entity)."""
        return looks_like_name(value, self.reader)

    def gate_spans(self, text: str) -> Iterator[tuple[int, int]]:
        """Capitalised words inside sentences, when there is a model to read them."""
        if self._ner_runs():
            for match in _MID_SENTENCE_CAPITAL.finditer(text):
                yield match.span()

    def _trim(self, text: str, start: int, end: int) -> tuple[int, int] | None:
        """Drop titles (`mevrouw`, `de heer`, `dr.`) and marks at the edges of a span."""
        tokens: list[Token] = [
            t._replace(start=t.start + start, end=t.end + start) for t in tokenize(text[start:end])
        ]
        first, last = 0, len(tokens)
        while last > first and tokens[last - 1].kind == "mark":
            last -= 1
        # The model sometimes pulls a capitalised role or sentence word into
        # the name ("Woordvoerder Sophie Visser", "Ik, Kees Kowalski"): leave
        # it out of the span, with the marks after it.
        while first < last and (
            tokens[first].kind == "mark"
            or is_title(tokens[first], tokens[first - 1] if first else None)
            or (
                tokens[first].text.casefold() == "de"
                and first + 1 < last
                and is_title(tokens[first + 1], tokens[first])
            )
            or (last - first > 1 and self._leading_word(tokens[first].text))
        ):
            first += 1
        if first == last:
            return None
        return tokens[first].start, tokens[last - 1].end

    def _leading_word(self, word: str) -> bool:
        lexicon = self.reader.lexicon
        if lexicon.is_first_name(word) or lexicon.is_surname(word):
            return False
        return word.casefold() in ROLE_WORDS or lexicon.is_common(word)

    def _implausible(self, span: str, words: list[str]) -> bool:
        lexicon = self.reader.lexicon
        if not words or any(lexicon.is_organisation_marker(w) for w in words):
            return True
        # An address, a number or a lower-case word that is no tussenvoegsel
        # ("l.jansen@example.nl", "Re-integratiegesprek") is no name.
        if _NOT_IN_A_NAME.search(span):
            return True
        if any(w.islower() and not lexicon.is_tussenvoegsel(w) for w in words):
            return True
        if lexicon.is_street(words[-1]):
            return True
        listed = [w for w in words if lexicon.is_first_name(w) or lexicon.is_surname(w)]
        if not listed and all(lexicon.is_common(w) for w in words):
            return True
        # Headings and form titles are written in capitals ("AANVRAAGFORMULIER
        # PARKEERVERGUNNING") and the model reads them as names; a name in
        # capitals is believed only when the lists know a word of it.
        if not listed and all(w.isupper() and len(w) > 1 for w in words):
            return True
        if len(words) == 1 and (words[0] in lexicon.eponym_names or lexicon.is_common(words[0])):
            return not listed
        return lexicon.is_place(span) and not any(lexicon.is_surname(w) for w in words)

    def _score(self, words: list[str]) -> float:
        if len(words) > 1:
            return self.MULTI_WORD_SCORE
        lexicon = self.reader.lexicon
        if lexicon.is_first_name(words[0]) or lexicon.is_surname(words[0]):
            return self.LISTED_WORD_SCORE
        return self.SINGLE_WORD_SCORE

    def _result(self, start: int, end: int, score: float) -> RecognizerResult:
        explanation = AnalysisExplanation(
            recognizer=self.name,
            original_score=score,
            pattern_name="ner",
            textual_explanation="Identified as PERSON by the Dutch NER model",
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
