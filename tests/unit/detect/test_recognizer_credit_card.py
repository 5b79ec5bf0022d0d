"""CREDIT_CARD: Luhn plus issuer prefix and length, grouped or (with context) bare.

Facts used (domain reference A2.17): Visa 4 with 13/16/19 digits,
Mastercard 51-55 and 2221-2720 with 16, Amex 34/37 with 15; Luhn; the public
test numbers 4111 1111 1111 1111, 5500 0000 0000 0004 and 378282246310005.
"""

from __future__ import annotations

import random

import pytest

from datawacht.detect.analyzer import SCORE_THRESHOLD
from datawacht.detect.recognizers.nl import NlCreditCardRecognizer

ENTITY = "CREDIT_CARD"


def luhn_check_digit(payload: str) -> str:
    """The digit that makes payload + digit pass Luhn."""
    total = 0
    for i, char in enumerate(reversed(payload)):
        d = int(char)
        if i % 2 == 0:  # doubled: these sit at odd positions once the check digit is added
            d = d * 2 - 9 if d > 4 else d * 2
        total += d
    return str(-total % 10)


def make_card(rng: random.Random, prefix: str, length: int) -> str:
    payload = prefix + "".join(str(rng.randrange(10)) for _ in range(length - len(prefix) - 1))
    return payload + luhn_check_digit(payload)


def grouped(value: str, separator: str = " ") -> str:
    return separator.join(value[i : i + 4] for i in range(0, len(value), 4))


def break_check_digit(value: str) -> str:
    return value[:-1] + str((int(value[-1]) + 1) % 10)


RNG = random.Random(5500)
VISA = make_card(RNG, "4", 16)
MASTERCARD_2 = make_card(RNG, "2223", 16)


def test_luhn_helper_reproduces_published_test_number() -> None:
    assert luhn_check_digit("411111111111111") == "1"


FOUND = [
    # published Visa test number, grouped, after the keyword
    pytest.param("Creditcard «4111 1111 1111 1111»", id="visa-published"),
    # published Mastercard test number, dashes, no context: grouped cards stand alone
    pytest.param("Betaald met «5500-0000-0000-0004».", id="mastercard-dashes-no-context"),
    # published Amex test number, bare digits need a context word
    pytest.param("Amex «378282246310005»", id="amex-bare-context"),
    # Amex in its 4-6-5 grouping
    pytest.param("Kaart «3782 822463 10005»", id="amex-grouped"),
    # generated Visa in groups, no context
    pytest.param(f"Nummer «{grouped(VISA)}»", id="visa-generated"),
    # generated Mastercard 2-series, bare, after kaartnummer
    pytest.param(f"Kaartnummer: «{MASTERCARD_2}»", id="mastercard-2-series"),
]

NOT_FOUND = [
    # Luhn fails
    pytest.param("Creditcard 4111 1111 1111 1112", id="luhn-fails"),
    # no known issuer and Luhn fails
    pytest.param("Creditcard 1234 5678 9012 3456", id="no-issuer"),
    # Visa never has 15 digits
    pytest.param("Creditcard 411111111111111", id="visa-15-digits"),
    # generated values with a wrong check digit
    pytest.param(f"Creditcard {grouped(break_check_digit(VISA))}", id="visa-generated-bad"),
    pytest.param(f"Kaartnummer {break_check_digit(MASTERCARD_2)}", id="mastercard-generated-bad"),
    # bare digits without context stay below the threshold
    pytest.param("Nummer 4111111111111111", id="bare-no-context"),
    # mixed separators are not a card grouping
    pytest.param("Creditcard 4111 1111-1111 1111", id="mixed-separators"),
    # reference label
    pytest.param("Ordernummer 4111 1111 1111 1111", id="ordernummer"),
]


@pytest.mark.parametrize("marked", FOUND)
def test_credit_card_found(detect, marked: str) -> None:
    result = detect(marked, ENTITY)
    assert result.found == result.expected


@pytest.mark.parametrize("marked", NOT_FOUND)
def test_credit_card_not_found(detect, marked: str) -> None:
    assert detect(marked, ENTITY).found == []


def test_scores(detect) -> None:
    assert min(detect(f"Creditcard {VISA}", ENTITY).scores) >= 0.8
    assert max(detect(f"Nummer {VISA}", ENTITY, threshold=0.0).scores) < SCORE_THRESHOLD


@pytest.mark.parametrize(
    ("value", "valid"),
    [
        pytest.param("4111 1111 1111 1111", True, id="grouped"),
        pytest.param("378282246310005", True, id="amex-bare"),
        pytest.param("3782 822463 10005", True, id="amex-grouped"),
        pytest.param(VISA, True, id="generated"),
        pytest.param("4111 1111 1111 1112", False, id="luhn-fails"),
        pytest.param("411111111111111", False, id="wrong-length"),
    ],
)
def test_validate_value(value: str, valid: bool) -> None:
    assert NlCreditCardRecognizer().validate_value(value) is valid
