"""NL_A_NUMMER: BRP rule R1585 and the context rules for ten-digit numbers.

Facts used (domain reference A2.4): ten digits, first not 0, no equal
neighbours, digit sum mod 11 is 0 or 5, sum of digits weighted 1, 2, 4, ...,
512 divisible by 11; valid 1012345769, 1012345809, 1012346019; invalid
0123456789, 1123456789, 1234567890.  Only 0.64 % of random numbers pass, but
ten-digit numbers are common, so a bare number needs context.
"""

from __future__ import annotations

import random

import pytest

from datawacht.detect.analyzer import SCORE_THRESHOLD
from datawacht.detect.recognizers.nl import NlANummerRecognizer
from datawacht.detect.recognizers.nl.nl_a_nummer_recognizer import passes_r1585

ENTITY = "NL_A_NUMMER"


def make_a_nummer(rng: random.Random) -> str:
    """A random ten-digit number that passes R1585 (about 1 in 156 do)."""
    while True:
        value = str(rng.randrange(10**9, 10**10))
        if passes_r1585(value):
            return value


RNG = random.Random(1585)
GENERATED = [make_a_nummer(RNG) for _ in range(3)]


@pytest.mark.parametrize(
    ("value", "valid"),
    [
        pytest.param("1012345769", True, id="published-1"),
        pytest.param("1012345809", True, id="published-2"),
        pytest.param("1012346019", True, id="published-3"),
        pytest.param("0123456789", False, id="leading-zero"),
        pytest.param("1123456789", False, id="equal-neighbours"),
        pytest.param("1234567890", False, id="sums-fail"),
        pytest.param("101234576", False, id="nine-digits"),
    ],
)
def test_r1585(value: str, valid: bool) -> None:
    assert passes_r1585(value) is valid


def test_r1585_rejects_most_random_numbers() -> None:
    rng = random.Random(7)
    passed = sum(passes_r1585(str(rng.randrange(10**9, 10**10))) for _ in range(20_000))
    assert passed / 20_000 < 0.01


FOUND = [
    # the BRP text fixture of the domain reference
    pytest.param(
        "Persoonslijst BRP: A-nummer «1012345769», verblijfplaats gemeente Utrecht.",
        id="brp-fixture",
    ),
    # long name of the number
    pytest.param(f"Administratienummer: «{GENERATED[0]}»", id="administratienummer"),
    # abbreviation
    pytest.param(f"A-nr. «{GENERATED[1]}»", id="a-nr"),
    # label on the line above
    pytest.param(f"anummer\n«{GENERATED[2]}»", id="label-previous-line"),
]

NOT_FOUND = [
    # bare number stays below the threshold
    pytest.param("Nummer 1012345769 zonder uitleg", id="bare-no-context"),
    # R1585 fails
    pytest.param("A-nummer 0123456789", id="leading-zero"),
    pytest.param("A-nummer 1123456789", id="equal-neighbours"),
    pytest.param("A-nummer 1234567890", id="sums-fail"),
    # the nearer label names a different ten-digit number
    pytest.param("A-nummer bekend, rijbewijsnummer 1012345809", id="rijbewijs-nearer"),
    # telephone label nearer
    pytest.param("A-nummer volgt, tel 1012345809", id="phone-nearer"),
    # part of a longer number
    pytest.param("A-nummer 1012345769-2", id="inside-longer-number"),
]


@pytest.mark.parametrize("marked", FOUND)
def test_a_nummer_found(detect, marked: str) -> None:
    result = detect(marked, ENTITY)
    assert result.found == result.expected


@pytest.mark.parametrize("marked", NOT_FOUND)
def test_a_nummer_not_found(detect, marked: str) -> None:
    assert detect(marked, ENTITY).found == []


def test_check_and_context_score_at_least_0_8(detect) -> None:
    result = detect(f"A-nummer {GENERATED[0]}", ENTITY)
    assert result.scores and min(result.scores) >= 0.8


def test_bare_number_scores_below_threshold(detect) -> None:
    result = detect(f"Nummer {GENERATED[0]}", ENTITY, threshold=0.0)
    assert result.scores and max(result.scores) < SCORE_THRESHOLD


@pytest.mark.parametrize(
    ("value", "valid"),
    [
        pytest.param("1012345769", True, id="valid"),
        pytest.param(" 1012346019 ", True, id="cell-padding"),
        pytest.param("1234567890", False, id="invalid"),
        pytest.param("A-nummer 1012345769", False, id="label-in-cell"),
    ],
)
def test_validate_value(value: str, valid: bool) -> None:
    assert NlANummerRecognizer().validate_value(value) is valid
