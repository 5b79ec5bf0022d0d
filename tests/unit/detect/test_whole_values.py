"""A bare value is checked against a recognizer's patterns as one alternation
(`whole_value_regex`): it must say "whole" exactly when one of the patterns,
compiled on its own, matches the whole value.  Values are every identifier
type the generated share writes, its look-alikes, and edits of them."""

from __future__ import annotations

import regex
from hypothesis import given, settings
from hypothesis import strategies as st

import sharegen
from datawacht.detect.recognizers.base import DutchPatternRecognizer, whole_value_regex
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


def test_some_values_are_whole_and_some_are_not() -> None:
    """The comparison below is not vacuous: values of both kinds occur."""
    answers = {
        any(regex.fullmatch(p.regex, value, r.REGEX_FLAGS) for p in r.patterns)
        for r in PATTERN_RECOGNIZERS
        for value in VALUES
    }
    assert answers == {True, False}


def test_alternation_on_every_value() -> None:
    """Each value on its own, beside the sampled and edited ones below."""
    for recognizer in PATTERN_RECOGNIZERS:
        combined = whole_value_regex([p.regex for p in recognizer.patterns], recognizer.REGEX_FLAGS)
        for value in VALUES:
            one_by_one = any(
                regex.fullmatch(p.regex, value, recognizer.REGEX_FLAGS) for p in recognizer.patterns
            )
            assert bool(combined.fullmatch(value)) == one_by_one, recognizer.name


@settings(max_examples=300, deadline=None)
@given(value=st.one_of(st.sampled_from(VALUES), edited_values(), st.text(max_size=30)))
def test_alternation_matches_whole_value_exactly_when_one_pattern_does(value: str) -> None:
    for recognizer in PATTERN_RECOGNIZERS:
        combined = whole_value_regex([p.regex for p in recognizer.patterns], recognizer.REGEX_FLAGS)
        one_by_one = any(
            regex.fullmatch(p.regex, value, recognizer.REGEX_FLAGS) for p in recognizer.patterns
        )
        assert bool(combined.fullmatch(value)) == one_by_one, recognizer.name
