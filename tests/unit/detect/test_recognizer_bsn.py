"""NL_BSN: elfproef, the written forms, and the context rules every Dutch recognizer shares.

Facts used (domain reference A2.1): weights 9..2 and -1, sum divisible by 11,
all zeros rejected; 8 digits are padded with a leading zero; published
example values 111222333 and 123456782; about 1 in 11 random numbers pass,
so a bare number needs context; factuurnummer, kenmerk, ... are negative
context; an RSIN label relabels the number (A2.2, see test_recognizer_rsin).
"""

from __future__ import annotations

import random

import pytest
from stdnum.nl import bsn

from datawacht.detect.analyzer import SCORE_THRESHOLD
from datawacht.detect.recognizers.nl import NlBsnRecognizer

ENTITY = "NL_BSN"
WEIGHTS = (9, 8, 7, 6, 5, 4, 3, 2)


def make_bsn(rng: random.Random, leading_zero: bool = False) -> str:
    """A random valid BSN: the last digit is the weighted sum mod 11."""
    while True:
        digits = [0 if leading_zero else rng.randrange(1, 10)]
        digits += [rng.randrange(10) for _ in range(7)]
        check = sum(w * d for w, d in zip(WEIGHTS, digits, strict=True)) % 11
        if check < 10:
            return "".join(map(str, digits)) + str(check)


def break_check_digit(value: str) -> str:
    """Change the last digit by one: the weighted sum moves by 1 or 9 mod 11."""
    return value[:-1] + str((int(value[-1]) + 1) % 10)


RNG = random.Random(4711)
GENERATED = [make_bsn(RNG) for _ in range(4)]
EIGHT_DIGITS = make_bsn(RNG, leading_zero=True)[1:]


def test_generated_values_are_valid_for_stdnum() -> None:
    assert all(bsn.is_valid(v) for v in GENERATED)
    assert bsn.is_valid(EIGHT_DIGITS.zfill(9))
    assert not any(bsn.is_valid(break_check_digit(v)) for v in GENERATED)


FOUND = [
    # published example value with the plain keyword before it
    pytest.param("Uw BSN is «111222333».", id="bsn-keyword"),
    # generated value, full Dutch keyword with colon
    pytest.param(f"Burgerservicenummer: «{GENERATED[0]}»", id="burgerservicenummer"),
    # the dotted form of stdnum.format is distinctive on its own
    pytest.param("Het nummer «1234.56.782» staat op de pas.", id="dotted-no-context"),
    # groups of three with spaces, old name of the number
    pytest.param("sofinummer «123 456 782»", id="grouped-spaces-sofinummer"),
    # groups of three with dashes
    pytest.param(
        f"persoonsnummer «{GENERATED[1][:3]}-{GENERATED[1][3:6]}-{GENERATED[1][6:]}»",
        id="grouped-dashes",
    ),
    # eight digits: a spreadsheet dropped the leading zero
    pytest.param(f"BSN «{EIGHT_DIGITS}»", id="eight-digits-padded"),
    # label glued to the value: the tokenizer keeps it as one token
    pytest.param("Burgerservicenummer:«111222333»", id="glued-label"),
    # label on the line above, as in a form
    pytest.param("BSN\n«111222333»", id="label-previous-line"),
    # label just after the value (enhancer suffix window)
    pytest.param(f"«{GENERATED[2]}» (bsn)", id="label-after"),
    # a reference number label further away loses against the nearer BSN label
    pytest.param("Klantnummer 12, BSN «111222333»", id="nearest-label-wins"),
    # negative label on the line above does not count for this line
    pytest.param("Factuurnummer 2024-001\n«1234.56.782»", id="negative-other-line"),
    # HL7 OID of the BSN as context
    pytest.param(f"2.16.840.1.113883.2.4.6.3 extension «{GENERATED[3]}»", id="hl7-oid"),
]

NOT_FOUND = [
    # bare elfproef number without any context stays below the threshold
    pytest.param("Nummer 111222333 zonder verdere uitleg", id="bare-no-context"),
    # bad check digit, published value plus one
    pytest.param("BSN 111222334", id="bad-check-published"),
    # bad check digits of generated values
    *[
        pytest.param(f"BSN: {break_check_digit(v)}", id=f"bad-check-generated-{i}")
        for i, v in enumerate(GENERATED)
    ],
    # all zeros pass the sum but are rejected
    pytest.param("BSN 000000000", id="all-zeros"),
    # ten digits is not a BSN
    pytest.param("BSN 1112223330", id="ten-digits"),
    # invoice number that happens to pass the elfproef
    pytest.param("Factuurnummer 123456782, te betalen binnen 30 dagen.", id="factuurnummer"),
    # the nearer label is a reference number
    pytest.param("BSN van de klant, kenmerk 111222333", id="kenmerk-nearer"),
    # mobile number that lost its 0 passes the elfproef
    pytest.param("Tel 612345671 (nul weggevallen)", id="mobile-without-zero"),
    # dotted form after a negative label on the same line
    pytest.param("Dossiernummer 1234.56.782", id="dotted-dossiernummer"),
    # old-style btw number embeds an elfproef number, but is not a bare BSN
    pytest.param("BSN NL004495445B01", id="inside-btw-number"),
    # the dotted digits of a btw number printed with separators
    pytest.param("BSN NL 0044.95.445.B01", id="inside-dotted-btw-number"),
    # an RSIN label makes the number an organisation's (NL_RSIN)
    pytest.param("BSN/RSIN: RSIN 004495445", id="rsin-label-nearer"),
    pytest.param("Fiscaal nummer rechtspersoon 004495445", id="fiscaal-nummer-rechtspersoon"),
    # mixed separators are not a written BSN form
    pytest.param("BSN 111 222-333", id="mixed-separators"),
    # part of a longer number
    pytest.param("BSN 12-111222333", id="inside-longer-number"),
    # phone number: 06- plus eight elfproef digits is not an eight-digit BSN
    pytest.param(f"BSN-afdeling: 06-{EIGHT_DIGITS}", id="phone-eight-digits"),
]


@pytest.mark.parametrize("marked", FOUND)
def test_bsn_found(detect, marked: str) -> None:
    result = detect(marked, ENTITY)
    assert result.found == result.expected


@pytest.mark.parametrize("marked", NOT_FOUND)
def test_bsn_not_found(detect, marked: str) -> None:
    assert detect(marked, ENTITY).found == []


def test_checksum_and_context_score_at_least_0_8(detect) -> None:
    result = detect(f"BSN {GENERATED[0]}", ENTITY)
    assert result.scores and min(result.scores) >= 0.8


def test_bare_number_scores_below_threshold(detect) -> None:
    result = detect(f"Nummer {GENERATED[0]}", ENTITY, threshold=0.0)
    assert result.scores and max(result.scores) < SCORE_THRESHOLD


def test_validate_result_keeps_pattern_score() -> None:
    """Pitfall 10: True would set the score to 1.0; a pass must return None."""
    recognizer = NlBsnRecognizer()
    assert recognizer.validate_result(GENERATED[0]) is None
    assert recognizer.validate_result(break_check_digit(GENERATED[0])) is False


@pytest.mark.parametrize(
    ("value", "valid"),
    [
        pytest.param("111222333", True, id="plain"),  # published value
        pytest.param(" 1234.56.782 ", True, id="dotted-with-spaces-around"),  # cell padding
        pytest.param("123 456 782", True, id="grouped-spaces"),
        pytest.param("123-456-782", True, id="grouped-dashes"),
        pytest.param(EIGHT_DIGITS, True, id="eight-digits"),  # Excel lost the zero
        pytest.param("111222334", False, id="bad-check"),
        pytest.param("000000000", False, id="all-zeros"),
        pytest.param("1234567890", False, id="ten-digits"),
        pytest.param("12345678X", False, id="letter"),
        pytest.param("BSN 111222333", False, id="label-in-cell"),  # not a bare value
    ],
)
def test_validate_value(value: str, valid: bool) -> None:
    assert NlBsnRecognizer().validate_value(value) is valid
