"""The Presidio analyzer for Dutch: shipped pipeline, Dutch registry, Dutch context.

Only language nl exists here: registry and engine both say so (pitfall 4),
the NLP engine is the shipped pipeline loaded by path (never a download,
pitfalls 1-3), and the registry holds only the recognizers of
`recognizers.yaml` (pitfalls 5, 6, 13-15).

Scores follow one scheme across entities (details per recognizer):

* a pattern's base score says how distinctive the shape is after its check
  passed: below `SCORE_THRESHOLD` for shapes that chance produces often (a
  bare nine-digit elfproef number: 0.45), at or above it for distinctive
  ones (dotted BSN 0.65, IBAN 0.85);
* a context word adds `CONTEXT_BOOST` (0.4), once, whether the recognizer
  found it in the characters before the match or the enhancer below found
  it among the tokens around it: checksum plus context lands at 0.85 or more;
* dates of birth and undashed kentekens are dropped by their recognizers
  without context, so no threshold can bring them back.
"""

from __future__ import annotations

from pathlib import Path

from presidio_analyzer import AnalyzerEngine, EntityRecognizer, RecognizerResult
from presidio_analyzer.context_aware_enhancers import LemmaContextAwareEnhancer
from presidio_analyzer.nlp_engine import NlpArtifacts

from datawacht.detect.columns import ColumnProfiler, load_hints
from datawacht.detect.engine import Detector
from datawacht.detect.nlp import LANGUAGE, load_nlp_engine
from datawacht.detect.recognizers.base import (
    CONTEXT_BOOST,
    DutchPatternRecognizer,
    context_word_regex,
)
from datawacht.detect.recognizers.nl import NlNerPersonRecognizer
from datawacht.detect.registry import build_registry, value_validators

# A hit is reported when its final score is at least this.
SCORE_THRESHOLD = 0.5

# Dutch puts labels before values ("BSN: ...", "Geboren op ..."), often with
# a few words in between; a unit or label after the value is rarer.
CONTEXT_PREFIX_WORDS = 8
CONTEXT_SUFFIX_WORDS = 2
MIN_SCORE_WITH_CONTEXT = 0.4


class DutchContextEnhancer(LemmaContextAwareEnhancer):
    """Presidio's lemma enhancer with whole-word matching as the recognizers do it.

    Substring matching (Presidio's default) lets `tel` match `hotel` and `ip`
    match `principe`; exact matching misses `tel.` and `bsn-nummer`.  A
    context word matches a token that starts with it and continues with no
    letter, the same rule `ContextRules` applies to the raw text.
    """

    def __init__(self) -> None:
        super().__init__(
            context_similarity_factor=CONTEXT_BOOST,
            min_score_with_context_similarity=MIN_SCORE_WITH_CONTEXT,
            context_prefix_count=CONTEXT_PREFIX_WORDS,
            context_suffix_count=CONTEXT_SUFFIX_WORDS,
            context_matching_mode="whole_word",
        )

    def enhance_using_context(
        self,
        text: str,
        raw_results: list[RecognizerResult],
        nlp_artifacts: NlpArtifacts,
        recognizers: list[EntityRecognizer],
        context: list[str] | None = None,
    ) -> list[RecognizerResult]:
        """Presidio's enhancement, handed only the results it can change.

        Presidio deep-copies every result before looking at them, a tenth of
        the time of prose with names; but it changes only results of a
        recognizer with context words that its recognizer did not boost
        already, one in seventy in generated letters.  The others are
        returned as they are, in their place."""
        with_context = {recognizer.id for recognizer in recognizers if recognizer.context}
        is_open = [_open_to_context(result, with_context) for result in raw_results]
        if not any(is_open):
            return raw_results
        open_results = [result for result, open_ in zip(raw_results, is_open, strict=True) if open_]
        enhanced = iter(
            super().enhance_using_context(text, open_results, nlp_artifacts, recognizers, context)
        )
        return [
            next(enhanced) if open_ else r for r, open_ in zip(raw_results, is_open, strict=True)
        ]

    @staticmethod
    def _find_supportive_word_in_context(
        context_list: list[str],
        recognizer_context_list: list[str],
        matching_mode: str = "whole_word",
    ) -> str:
        for word in recognizer_context_list or []:
            pattern = context_word_regex((word,))
            if pattern is not None and any(pattern.match(token) for token in context_list or []):
                return word
        return ""


def _open_to_context(result: RecognizerResult, with_context: set[str]) -> bool:
    """A result Presidio's enhancer may boost: of a recognizer with context
    words, and not boosted by it already."""
    metadata = result.recognition_metadata or {}
    return metadata.get(RecognizerResult.RECOGNIZER_IDENTIFIER_KEY) in with_context and not (
        metadata.get(RecognizerResult.IS_SCORE_ENHANCED_BY_CONTEXT_KEY)
    )


def build_analyzer(
    recognizers_yaml: Path | None = None, pipeline_dir: Path | None = None
) -> AnalyzerEngine:
    """An analyzer for language nl with the Dutch recognizers and context rules."""
    registry = build_registry(recognizers_yaml)
    nlp_engine = load_nlp_engine(pipeline_dir)
    for recognizer in registry.recognizers:
        if isinstance(recognizer, NlNerPersonRecognizer):
            recognizer.use_pipeline(nlp_engine.nlp[LANGUAGE])
    return AnalyzerEngine(
        registry=registry,
        nlp_engine=nlp_engine,
        supported_languages=[LANGUAGE],
        default_score_threshold=SCORE_THRESHOLD,
        context_aware_enhancer=DutchContextEnhancer(),
    )


def build_detector(
    score_threshold: float = SCORE_THRESHOLD,
    recognizers_yaml: Path | None = None,
    pipeline_dir: Path | None = None,
) -> Detector:
    """The analyzer, the column profiler over the same recognizers, and the
    recognizers' gates: the one place that wires detection together."""
    analyzer = build_analyzer(recognizers_yaml=recognizers_yaml, pipeline_dir=pipeline_dir)
    recognizers = analyzer.registry.recognizers
    profiler = ColumnProfiler(value_validators(recognizers), load_hints())
    # Recognizers that can fire without a digit or "@" (names, lexicon terms)
    # override `gate_spans` to tell the gate where to look; the default says
    # nothing and is not worth a call per text.
    default = DutchPatternRecognizer.gate_spans
    gated = [r for r in recognizers if getattr(type(r), "gate_spans", default) is not default]
    gated_entities = sorted({entity for r in gated for entity in r.supported_entities})
    return Detector(
        analyzer,
        profiler,
        score_threshold,
        gates=[r.gate_spans for r in gated],
        gated_entities=gated_entities,
    )
