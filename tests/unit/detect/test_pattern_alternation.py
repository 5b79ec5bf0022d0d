"""A recognizer's patterns as one alternation (`any_pattern_regex`): it must
say "whole" of a bare value exactly when one of the patterns, compiled on its
own, matches the whole value, and "may match" of a text exactly when one of
them matches somewhere in it (else the recognizer skips Presidio's passes).
Values are every identifier type the generated share writes, its
look-alikes, and edits of them."""

from __future__ import annotations

import pytest
import regex
from hypothesis import given, settings
from hypothesis import strategies as st
from presidio_analyzer import PatternRecognizer, pattern_recognizer

import sharegen
from datawacht.detect.recognizers.base import DutchPatternRecognizer, any_pattern_regex
from datawacht.detect.registry import build_recognizers

PATTERN_RECOGNIZERS = [r for r in build_recognizers() if isinstance(r, DutchPatternRecognizer)]


def _written_values(seed: int) -> list[str]:
    values = sharegen.Values(seed)
    occurrences = [
        values.bsn(),
        values.iban(),
        values.phone(),
        values.email("Jan", "de Vries"),
        values.postcode(),
        values.dob(),
        values.plate(),
        values.credit_card()[0],
        values.ip(),
    ]
    lookalikes = [
        values.not_bsn(),
        values.invoice_number(),
        values.bad_iban(),
        values.bad_card(),
        values.plain_date(),
        values.version(),
    ]
    return [o.written for o in occurrences] + [la.written for la in lookalikes]


VALUES = [value for seed in range(25) for value in _written_values(seed)] + [
    "Dep. Vertrouwelijk",
    "STG. GEHEIM",
    "Staatsgeheim",
    "NL123456782B01",
    # Grouped numbers repeat their separator with a back-reference (\1).
    "3782 822463 10005",
    "3782-822463-10005",
    "4111 1111 1111 1111",
    "111 222 333",
    "101-222-333",
    "12345678",
    "1234567890",
    "A1234567",
    "",
    "   ",
]


@st.composite
def edited_values(draw: st.DrawFn) -> str:
    """A written value with a few characters replaced, inserted or dropped."""
    value = draw(st.sampled_from(VALUES))
    for _ in range(draw(st.integers(0, 3))):
        position = draw(st.integers(0, len(value)))
        piece = draw(st.sampled_from(["", "0", "9", "-", " ", ".", "A", "x", "@", "\n"]))
        cut = draw(st.integers(0, 1))
        value = value[:position] + piece + value[position + cut :]
    return value


def _one_by_one(recognizer: DutchPatternRecognizer, value: str, how: str) -> bool:
    """Whether one of the patterns, compiled on its own, matches (`fullmatch` or `search`)."""
    return any(
        getattr(regex, how)(p.regex, value, recognizer.REGEX_FLAGS) for p in recognizer.patterns
    )


def test_alternation_on_every_value() -> None:
    """Each value on its own, beside the sampled and edited ones below; both
    answers occur, so the comparison is not vacuous."""
    answers = set()
    for recognizer in PATTERN_RECOGNIZERS:
        combined = any_pattern_regex([p.regex for p in recognizer.patterns], recognizer.REGEX_FLAGS)
        for value in VALUES:
            whole = _one_by_one(recognizer, value, "fullmatch")
            somewhere = _one_by_one(recognizer, value, "search")
            assert bool(combined.fullmatch(value)) == whole, recognizer.name
            assert recognizer.may_match(value) == somewhere, recognizer.name
            answers |= {whole, somewhere}
    assert answers == {True, False}


@settings(max_examples=300, deadline=None)
@given(value=st.one_of(st.sampled_from(VALUES), edited_values(), st.text(max_size=30)))
def test_alternation_matches_whole_value_exactly_when_one_pattern_does(value: str) -> None:
    for recognizer in PATTERN_RECOGNIZERS:
        combined = any_pattern_regex([p.regex for p in recognizer.patterns], recognizer.REGEX_FLAGS)
        assert bool(combined.fullmatch(value)) == _one_by_one(recognizer, value, "fullmatch")


@st.composite
def texts_with_values(draw: st.DrawFn) -> str:
    """Words, separators and (edited) values in any order: a window of prose."""
    pieces = draw(
        st.lists(
            st.one_of(
                st.sampled_from(VALUES),
                edited_values(),
                st.sampled_from(["BSN:", "tel.", "geboren op", "kenteken", "IBAN", "de", "en"]),
                st.text(max_size=8),
            ),
            max_size=8,
        )
    )
    separators = draw(st.lists(st.sampled_from([" ", "\n", ", ", ": ", ""]), min_size=len(pieces)))
    return "".join(piece + separator for piece, separator in zip(pieces, separators, strict=False))


@settings(max_examples=300, deadline=None)
@given(text=texts_with_values())
def test_may_match_exactly_when_one_pattern_matches_somewhere(text: str) -> None:
    for recognizer in PATTERN_RECOGNIZERS:
        assert recognizer.may_match(text) == _one_by_one(recognizer, text, "search")


def test_a_recognizer_without_a_possible_match_skips_presidios_passes(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The pre-pass saves work: Presidio's per-pattern passes run only for a
    recognizer one of whose patterns matches the text."""
    passes: list[str] = []
    analyze = PatternRecognizer.analyze

    def counted(self: PatternRecognizer, *args: object, **kwargs: object) -> object:
        passes.append(self.name)
        return analyze(self, *args, **kwargs)

    monkeypatch.setattr(PatternRecognizer, "analyze", counted)
    bsn = next(r for r in PATTERN_RECOGNIZERS if r.name == "NlBsnRecognizer")
    assert bsn.analyze("Geen nummer in deze zin.", [bsn.ENTITY]) == []
    assert passes == []
    assert [r.entity_type for r in bsn.analyze("BSN: 111222333", [bsn.ENTITY])] == [bsn.ENTITY]
    assert passes == ["NlBsnRecognizer"]


def test_a_timed_out_pre_pass_leaves_the_answer_to_presidio(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The pre-pass keeps Presidio's time limit per pass as it is set at the
    time of the call (`deadline.limit_regex_time`), and a timeout lets
    Presidio's own passes run, whose timeouts mark the object partial."""
    bsn = next(r for r in PATTERN_RECOGNIZERS if r.name == "NlBsnRecognizer")
    text = "geen nummer hier, alleen woorden " * 30_000
    assert not bsn.may_match(text)
    monkeypatch.setattr(pattern_recognizer, "REGEX_TIMEOUT_SECONDS", 1e-6)
    assert bsn.may_match(text)
