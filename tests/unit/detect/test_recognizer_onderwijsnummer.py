"""NL_ONDERWIJSNUMMER: BSN weights with remainder 5, starting with 10; context rules.

Facts used (domain reference A2.3): nine digits starting with 10, weights
9..2 and -1, weighted sum mod 11 is 5 (so never a valid BSN); valid
101222331, 100000004, 1000.00.016; invalid 100252333, 2112.22.337 (does not
start with 10), 101222332.  About 1 in 11 numbers that start with 10 pass,
so a bare number needs context; the dotted form stands alone as for the BSN.
"""

from __future__ import annotations

import random

import pytest
from stdnum.nl import bsn, onderwijsnummer

from datawacht.detect.analyzer import SCORE_THRESHOLD
from datawacht.detect.recognizers.nl import NlOnderwijsnummerRecognizer

ENTITY = "NL_ONDERWIJSNUMMER"
WEIGHTS = (9, 8, 7, 6, 5, 4, 3, 2)
REMAINDER = 5


def make_onderwijsnummer(rng: random.Random) -> str:
    """A random valid onderwijsnummer: the last digit makes the sum 5 mod 11."""
    while True:
        digits = [1, 0] + [rng.randrange(10) for _ in range(6)]
        check = (sum(w * d for w, d in zip(WEIGHTS, digits, strict=True)) - REMAINDER) % 11
        if check < 10:
            return "".join(map(str, digits)) + str(check)


RNG = random.Random(2718)
GENERATED = [make_onderwijsnummer(RNG) for _ in range(3)]


def test_generated_values_are_valid_for_stdnum_and_never_a_bsn() -> None:
    assert all(onderwijsnummer.is_valid(v) for v in GENERATED)
    assert not any(bsn.is_valid(v) for v in GENERATED)


FOUND = [
    # published example after the full keyword
    pytest.param("Onderwijsnummer: «101222331»", id="keyword"),
    # generated value after the umbrella term PGN
    pytest.param(f"PGN «{GENERATED[0]}» (geen BSN bekend)", id="pgn"),
    # DUO as context
    pytest.param(f"Aangeleverd aan DUO: «{GENERATED[1]}»", id="duo"),
    # the dotted form is distinctive on its own
    pytest.param("Het nummer «1000.00.016» staat op de lijst.", id="dotted-no-context"),
    # groups of three after the keyword
    pytest.param("onderwijsnummer «101 222 331»", id="grouped"),
    # label just after the value (enhancer suffix window)
    pytest.param(f"«{GENERATED[2]}» (leerling)", id="label-after"),
]

NOT_FOUND = [
    # bare number without any context stays below the threshold
    pytest.param("Nummer 101222331 zonder uitleg", id="bare-no-context"),
    # remainder is not 5
    pytest.param("Onderwijsnummer 100252333", id="bad-check-published"),
    pytest.param("Onderwijsnummer 101222332", id="bad-check-last-digit"),
    # does not start with 10
    pytest.param("Onderwijsnummer 2112.22.337", id="not-starting-with-10"),
    # a valid BSN is not an onderwijsnummer
    pytest.param("Onderwijsnummer 111222333", id="valid-bsn"),
    # the school's own number is a different number
    pytest.param("Leerlingnummer 101222331", id="leerlingnummer"),
    # a Rotterdam number that lost its 0
    pytest.param("Tel 101222331", id="phone-without-zero"),
    # part of a longer number
    pytest.param("Onderwijsnummer 12-101222331", id="inside-longer-number"),
]


@pytest.mark.parametrize("marked", FOUND)
def test_onderwijsnummer_found(detect, marked: str) -> None:
    result = detect(marked, ENTITY)
    assert result.found == result.expected


@pytest.mark.parametrize("marked", NOT_FOUND)
def test_onderwijsnummer_not_found(detect, marked: str) -> None:
    assert detect(marked, ENTITY).found == []


def test_checksum_and_context_score_at_least_0_8(detect) -> None:
    result = detect(f"Onderwijsnummer {GENERATED[0]}", ENTITY)
    assert result.scores and min(result.scores) >= 0.8


def test_bare_number_scores_below_threshold(detect) -> None:
    result = detect(f"Nummer {GENERATED[0]}", ENTITY, threshold=0.0)
    assert result.scores and max(result.scores) < SCORE_THRESHOLD


@pytest.mark.parametrize(
    ("value", "valid"),
    [
        pytest.param("101222331", True, id="plain"),
        pytest.param("1000.00.016", True, id="dotted"),
        pytest.param("100000004", True, id="published"),
        pytest.param("100252333", False, id="bad-check"),
        pytest.param("2112.22.337", False, id="not-10"),
        pytest.param("111222333", False, id="bsn"),
    ],
)
def test_validate_value(value: str, valid: bool) -> None:
    assert NlOnderwijsnummerRecognizer().validate_value(value) is valid
