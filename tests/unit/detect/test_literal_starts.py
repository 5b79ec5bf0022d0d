"""`LiteralStarts` finds exactly what `finditer` finds, for the person
recognizer's title and label gates and the marking gate, on text built from
the words they start with, look-alikes, case and Unicode folds, and the
characters around them."""

from __future__ import annotations

import regex
from hypothesis import given, settings
from hypothesis import strategies as st

from datawacht.detect.literal_starts import LiteralStarts
from datawacht.detect.recognizers.nl import nl_classification_marking_recognizer as marking
from datawacht.detect.recognizers.nl.nl_person_recognizer import NlPersonRecognizer

RECOGNIZER = NlPersonRecognizer()
GATES = [gate for gate in RECOGNIZER._gates if isinstance(gate, LiteralStarts)]

PIECES = [
    *RECOGNIZER.context,
    "dhr.",
    "Dhr",
    "MEVR.",
    "mw",
    "heer",
    "Heer",
    "HEER",
    "mevrouw",
    "Mevrouw",
    "drs",
    "dr",
    "ir",
    "volledige",
    "naam",
    "ing.",
    "NAAM",
    "Naam:",
    "Jansen",
    "de",
    "van",
    "Vries",
    "El",
    "Amrani",
    "water",  # holds "ter"
    "xdhr",  # a title inside a word
    "ſ",  # folds to "s"
    "\u212a",  # Kelvin sign, folds to "k"
    "ß",  # folds to two characters
    "İ",  # lower-cases to two characters
    " ",
    "  ",
    "\t",
    "\n",
    ":",
    ",",
    ".",
    "1",
    "Dep.",
    "depot",
    "STG",
    "Staatsgeheim",
    "_",
]


def _spans(matches: object) -> list[tuple[tuple[int, int], str]]:
    return [(match.span(), match.group()) for match in matches]  # type: ignore[attr-defined]


def test_the_title_and_label_gates_use_it() -> None:
    assert len(GATES) == 2


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=60))
def test_same_matches_as_finditer(pieces: list[str]) -> None:
    text = "".join(pieces)
    for gate in [*GATES, marking._GATE]:
        assert _spans(gate.finditer(text)) == _spans(gate.pattern.finditer(text))


def test_a_match_is_found_where_a_word_starts_and_nowhere_else() -> None:
    title, label = GATES
    text = "Geachte dhr. Jansen, xdhr. Bakker; Naam: de Vries\nAanvrager\tEl Amrani"
    assert [m.group() for m in title.finditer(text)] == ["dhr. "]
    assert [m.group() for m in label.finditer(text)] == ["Naam: ", "Aanvrager\t"]


def test_a_word_inside_a_match_starts_no_second_match() -> None:
    label = GATES[1]
    text = "Volledige naam: Jansen"
    assert _spans(label.finditer(text)) == [((0, 16), "Volledige naam: ")]


def test_case_folding_finds_what_the_pattern_matches_case_insensitively() -> None:
    title = GATES[0]
    text = "Geachte drſ. Jansen en \u212aind: Bakker"  # long s, Kelvin sign
    assert _spans(title.finditer(text)) == [((8, 13), "drſ. ")]
    assert _spans(title.finditer(text)) == _spans(title.pattern.finditer(text))
    # A long s folds to "s" ("ſ".lower() does not): a word that starts with it.
    street = LiteralStarts(regex.compile(r"(?i:straat) \d"), ["straat"])
    assert _spans(street.finditer("ſtraat 1")) == [((0, 8), "ſtraat 1")]


def test_text_whose_folding_changes_its_length_is_searched_whole() -> None:
    pattern = regex.compile(r"(?i:straat)\d")
    gate = LiteralStarts(pattern, ["straat"])
    text = "Groß straat1 STRAAT2"
    assert _spans(gate.finditer(text)) == [((5, 12), "straat1"), ((13, 20), "STRAAT2")]
