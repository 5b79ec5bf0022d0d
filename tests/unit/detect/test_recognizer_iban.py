"""IBAN_CODE: ISO 13616 mod 97, NL and foreign, unbroken or in groups of four.

Facts used (domain reference A2.5): NL = NL + 2 check digits + 4-letter bank
code + 10 digits; published NL91ABNA0417164300; foreign DE89370400440532013000,
GB82 WEST 1234 5698 7654 32, BE71096123456769; BE68539007547034 passes
mod 97 but fails stdnum's Belgian national check; check digits 00 never pass.
"""

from __future__ import annotations

import random

import pytest
from stdnum import iban

from datawacht.detect.recognizers.nl import NlIbanRecognizer

ENTITY = "IBAN_CODE"
BANKS = ("ABNA", "INGB", "RABO", "SNSB", "TRIO", "KNAB", "BUNQ", "ASNB")


def make_nl_iban(rng: random.Random) -> str:
    """NL + check digits computed with mod 97 over BBAN + 'NL00'."""
    bban = rng.choice(BANKS) + "".join(str(rng.randrange(10)) for _ in range(10))
    number = int("".join(str(int(c, 36)) for c in bban + "NL00"))
    return f"NL{98 - number % 97:02d}{bban}"


def grouped(value: str) -> str:
    return " ".join(value[i : i + 4] for i in range(0, len(value), 4))


def break_last_digit(value: str) -> str:
    return value[:-1] + str((int(value[-1]) + 1) % 10)


RNG = random.Random(1302)
GENERATED = [make_nl_iban(RNG) for _ in range(3)]


def test_generated_values_are_valid_for_stdnum() -> None:
    assert all(iban.is_valid(v) for v in GENERATED)
    assert not any(iban.is_valid(break_last_digit(v)) for v in GENERATED)


FOUND = [
    # published NL value after the keyword
    pytest.param("IBAN: «NL91ABNA0417164300»", id="published-keyword"),
    # printed in groups of four, followed by t.n.v.
    pytest.param("Maak over naar «NL91 ABNA 0417 1643 00» t.n.v. K. ter Horst", id="grouped"),
    # generated, unbroken, no context: checksum and structure suffice
    pytest.param(f"Zie «{GENERATED[0]}» hieronder.", id="generated-unbroken"),
    # generated, grouped, at the end of a sentence
    pytest.param(f"Rekening «{grouped(GENERATED[1])}».", id="generated-grouped"),
    # published valid value with another bank code
    pytest.param("Rekeningnummer «NL02ABNA0123456789».", id="published-second"),
    # German IBAN
    pytest.param("Bankverbindung «DE89370400440532013000»", id="foreign-de"),
    # British IBAN in groups
    pytest.param("Account «GB82 WEST 1234 5698 7654 32»", id="foreign-gb-grouped"),
    # Belgian IBAN
    pytest.param("Rekening «BE71096123456769»", id="foreign-be"),
    # mod 97 passes; stdnum's national bank check is skipped on purpose
    pytest.param("Rekening «BE68539007547034»", id="foreign-be-national-check-skipped"),
]

NOT_FOUND = [
    # published value with its last digit changed
    pytest.param("IBAN NL91ABNA0417164301", id="bad-check-published"),
    # generated values with their last digit changed
    *[
        pytest.param(f"IBAN {break_last_digit(v)}", id=f"bad-check-generated-{i}")
        for i, v in enumerate(GENERATED)
    ],
    # 17 characters: NL IBANs have 18
    pytest.param("IBAN NL91ABNA041716430", id="too-short"),
    # check digits 00 never pass mod 97
    pytest.param("IBAN NL00ABNA0417164300", id="check-digits-00"),
    # foreign value with a bad check digit
    pytest.param("IBAN DE89370400440532013001", id="bad-check-foreign"),
    # unknown country code
    pytest.param("IBAN XX89370400440532013000", id="unknown-country"),
    # lower case is not matched (case-sensitive pattern)
    pytest.param("iban nl91abna0417164300", id="lower-case"),
    # glued to a word
    pytest.param("REFNL91ABNA0417164300", id="glued-to-word"),
]


@pytest.mark.parametrize("marked", FOUND)
def test_iban_found(detect, marked: str) -> None:
    result = detect(marked, ENTITY)
    assert result.found == result.expected


@pytest.mark.parametrize("marked", NOT_FOUND)
def test_iban_not_found(detect, marked: str) -> None:
    assert detect(marked, ENTITY).found == []


def test_valid_iban_scores_high_without_context_and_higher_with(detect) -> None:
    bare = detect(f"Zie {GENERATED[2]}", ENTITY)
    with_context = detect(f"IBAN {GENERATED[2]}", ENTITY)
    assert bare.scores and bare.scores[0] >= 0.8
    assert with_context.scores and with_context.scores[0] > bare.scores[0]


@pytest.mark.parametrize(
    ("value", "valid"),
    [
        pytest.param("NL91ABNA0417164300", True, id="unbroken"),
        pytest.param("NL91 ABNA 0417 1643 00", True, id="grouped"),
        pytest.param(GENERATED[0], True, id="generated"),
        pytest.param("NL91ABNA0417164301", False, id="bad-check"),
        pytest.param("NL91 ABNA 0417 164300", False, id="irregular-groups"),
        pytest.param("", False, id="empty"),
    ],
)
def test_validate_value(value: str, valid: bool) -> None:
    assert NlIbanRecognizer().validate_value(value) is valid
