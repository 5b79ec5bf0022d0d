"""PHONE_NUMBER: Dutch notations through phonenumbers (region NL), organisations excluded.

Facts used (domain reference A2.6, checked with phonenumbers): 06 + 8 digits
is mobile; 067x is not allocated; 0800 is toll-free, 0900 premium rate,
088/084 and the municipal 14 0xx are UAN numbers of organisations; 085 is
VoIP; `(0)` inside an international number is accepted.
"""

from __future__ import annotations

import phonenumbers
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from datawacht.detect.analyzer import SCORE_THRESHOLD
from datawacht.detect.phones import parse_phone
from datawacht.detect.recognizers.nl import NlPhoneRecognizer
from datawacht.detect.recognizers.nl.nl_phone_recognizer import ORGANISATION_TYPES

ENTITY = "PHONE_NUMBER"

FOUND = [
    # mobile with a dash, after the usual abbreviation
    pytest.param("Tel.: «06-12345678»", id="mobile-dash"),
    # mobile in groups of four
    pytest.param("Mobiel «06 1234 5678»", id="mobile-groups"),
    # Amsterdam fixed line with a dash
    pytest.param("Bel «020-1234567» na vijven", id="fixed-dash"),
    # fixed line in groups
    pytest.param("Telefoon «020 123 4567»", id="fixed-groups"),
    # international mobile, no context: formatted numbers stand on their own
    pytest.param("Appen kan ook: «+31 6 12345678».", id="international-mobile"),
    # international with (0) trunk prefix, after T:
    pytest.param("T: «+31 (0)70 123 45 67»", id="international-with-trunk"),
    # 0031 international prefix
    pytest.param("Vanuit het buitenland «0031 6 12345678»", id="double-zero-prefix"),
    # area code in brackets
    pytest.param("Kantoor «(070) 1234567»", id="area-code-brackets"),
    # ten bare digits with a context word
    pytest.param("Mobiel: «0612345678»", id="bare-with-context"),
    # a verb of calling is context too; letters say "wij hebben u gebeld op ..."
    pytest.param("Wij hebben u gebeld op «0612345678», maar", id="bare-after-gebeld"),
    # another mobile range
    pytest.param("Bereikbaar op «06 81234567»", id="mobile-68"),
    # VoIP number (085)
    pytest.param("Thuiswerkplek «085 123 4567»", id="voip"),
    # a foreign number written with +
    pytest.param("Duitse collega «+49 30 12345678»", id="foreign"),
]

NOT_FOUND = [
    # toll-free number belongs to an organisation
    pytest.param("Bel gratis 0800-1234", id="toll-free"),
    # premium-rate number
    pytest.param("Bel 0900-1234567", id="premium-rate"),
    # company number (UAN)
    pytest.param("Bel 088 1234567", id="company-uan"),
    # municipal short number
    pytest.param("Bel de gemeente op 14 020", id="municipal-14"),
    # bare digits without context; 'tel' inside 'hotel' is no context word
    pytest.param("Hotel 0612345678", id="bare-hotel"),
    # 067x is not an allocated mobile range
    pytest.param("Tel 06 7123 4567", id="unallocated-mobile"),
    # mobile needs 8 digits after 06
    pytest.param("Tel 06 1234567", id="mobile-too-short"),
    # too short for a geographic number
    pytest.param("Tel 010 12345", id="fixed-too-short"),
    # lost its leading zero (BSN trap, not a dialable number)
    pytest.param("Bel 612345671", id="lost-zero"),
    # year and a serial number
    pytest.param("Zaak 2023-1234567", id="year-serial"),
    # a reference label before a valid number
    pytest.param("Klantnummer 06-12345678", id="klantnummer"),
]


@pytest.mark.parametrize("marked", FOUND)
def test_phone_found(detect, marked: str) -> None:
    result = detect(marked, ENTITY)
    assert result.found == result.expected


@pytest.mark.parametrize("marked", NOT_FOUND)
def test_phone_not_found(detect, marked: str) -> None:
    assert detect(marked, ENTITY).found == []


def test_bare_digits_without_context_score_below_threshold(detect) -> None:
    result = detect("Nummer 0612345678", ENTITY, threshold=0.0)
    assert result.scores and max(result.scores) < SCORE_THRESHOLD


def test_context_raises_score_to_at_least_0_8(detect) -> None:
    result = detect("Telefoonnummer 0612345678", ENTITY)
    assert result.scores and min(result.scores) >= 0.8


@pytest.mark.parametrize(
    ("value", "valid"),
    [
        pytest.param("06-12345678", True, id="mobile"),
        pytest.param("+31 20 123 4567", True, id="international-fixed"),
        pytest.param("0031 (0)70 123 45 67", True, id="double-zero-with-trunk"),
        pytest.param(" 0612345678 ", True, id="bare-with-padding"),
        pytest.param("0800-1234", False, id="toll-free"),
        pytest.param("612345678", False, id="lost-zero"),
        pytest.param("06 7123 4567", False, id="unallocated"),
        pytest.param("tel 0612345678", False, id="label-in-cell"),
        pytest.param("06-CALLNOW", False, id="letters"),
    ],
)
def test_validate_value(value: str, valid: bool) -> None:
    assert NlPhoneRecognizer().validate_value(value) is valid


@settings(max_examples=400, deadline=None)
@given(
    prefix=st.sampled_from(["0", "06", "+31", "0031", "+32", "+44", "+1", "+49", "0800", "088"]),
    digits=st.text(alphabet="0123456789", min_size=5, max_size=11),
)
def test_validate_value_agrees_with_is_valid_number_and_number_type(
    prefix: str, digits: str
) -> None:
    """One `number_type` call stands for `is_valid_number` and `number_type`:
    the library's own two-call answer is the oracle."""
    value = prefix + digits
    number = parse_phone(value)
    expected = (
        number is not None
        and phonenumbers.is_valid_number(number)
        and phonenumbers.number_type(number) not in ORGANISATION_TYPES
    )
    assert NlPhoneRecognizer().validate_value(value) is expected
