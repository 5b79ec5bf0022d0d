"""One Dutch analyzer per test session, and a way to state expected spans in text.

Cases write the expected hit in the text itself: `"uw BSN «111222333»"` means
one hit over the marked characters, and a text without marks means no hit
for that entity.  Tests compare offsets, never values, so a failing
assertion does not print a (synthetic) personal value.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pytest
from presidio_analyzer import AnalyzerEngine

from datawacht.detect.analyzer import SCORE_THRESHOLD, build_analyzer

OPEN, CLOSE = "«", "»"


@dataclass(frozen=True)
class Detection:
    """Expected spans (from the marks) next to what the analyzer reported."""

    expected: list[tuple[int, int]]
    found: list[tuple[int, int]]
    scores: list[float]


def unmark(marked: str) -> tuple[str, list[tuple[int, int]]]:
    """Remove the marks and return the plain text with the marked spans."""
    text, spans = "", []
    rest = marked
    while OPEN in rest:
        before, _, tail = rest.partition(OPEN)
        inside, _, rest = tail.partition(CLOSE)
        text += before
        spans.append((len(text), len(text) + len(inside)))
        text += inside
    return text + rest, spans


@pytest.fixture(scope="session")
def analyzer() -> AnalyzerEngine:
    return build_analyzer()


@pytest.fixture(scope="session")
def detect(analyzer: AnalyzerEngine) -> Callable[[str, str], Detection]:
    """Run the analyzer for one entity on marked text, at the reporting threshold."""

    def run(marked: str, entity: str, threshold: float = SCORE_THRESHOLD) -> Detection:
        text, expected = unmark(marked)
        results = sorted(
            analyzer.analyze(text, language="nl", entities=[entity], score_threshold=threshold),
            key=lambda r: r.start,
        )
        return Detection(expected, [(r.start, r.end) for r in results], [r.score for r in results])

    return run
