"""Canonical forms per the contract table, and masks that never allow reconstruction.

Comparisons go through a boolean first, so a failing test names the case,
never the (synthetic) value.
"""

from __future__ import annotations

import logging

import phonenumbers
import pytest
from hypothesis import given
from hypothesis import strategies as st

from datawacht.detect.canonical import canonicalize, mask

CANONICAL = [
    # NL_BSN: separators removed, 8 digits padded with a leading zero
    pytest.param("NL_BSN", "1234.56.782", "123456782", id="bsn-dotted"),
    pytest.param("NL_BSN", "123 456 782", "123456782", id="bsn-grouped"),
    pytest.param("NL_BSN", "12345674", "012345674", id="bsn-eight-digits"),
    # NL_ONDERWIJSNUMMER, NL_A_NUMMER: digits only
    pytest.param("NL_ONDERWIJSNUMMER", "1012.22.331", "101222331", id="onderwijsnummer"),
    pytest.param("NL_A_NUMMER", "10 1234 5769", "1012345769", id="a-nummer"),
    # IBAN_CODE: upper case, no spaces
    pytest.param("IBAN_CODE", "nl91 abna 0417 1643 00", "NL91ABNA0417164300", id="iban"),
    # PHONE_NUMBER: E.164 from every notation
    pytest.param("PHONE_NUMBER", "06-12345678", "+31612345678", id="phone-mobile"),
    pytest.param("PHONE_NUMBER", "+31 (0)70 123 45 67", "+31701234567", id="phone-trunk"),
    pytest.param("PHONE_NUMBER", "0031 6 12345678", "+31612345678", id="phone-0031"),
    pytest.param("PHONE_NUMBER", "(070) 1234567", "+31701234567", id="phone-brackets"),
    pytest.param("PHONE_NUMBER", "+49 30 12345678", "+493012345678", id="phone-foreign"),
    # EMAIL_ADDRESS: lower case
    pytest.param("EMAIL_ADDRESS", "J.DeVries@Example.NL", "j.devries@example.nl", id="email"),
    # NL_POSTCODE: 1234AB
    pytest.param("NL_POSTCODE", "2601 dc", "2601DC", id="postcode-space"),
    pytest.param("NL_POSTCODE", "NL-2601 DC", "2601DC", id="postcode-prefix"),
    # DATE_OF_BIRTH: ISO from every Dutch notation
    pytest.param("DATE_OF_BIRTH", "12 maart 1985", "1985-03-12", id="dob-written"),
    pytest.param("DATE_OF_BIRTH", "12 mrt. 1985", "1985-03-12", id="dob-abbreviated"),
    pytest.param("DATE_OF_BIRTH", "12-03-1985", "1985-03-12", id="dob-dashes"),
    pytest.param("DATE_OF_BIRTH", "12/3/1985", "1985-03-12", id="dob-slashes"),
    pytest.param("DATE_OF_BIRTH", "12.03.1985", "1985-03-12", id="dob-dots"),
    pytest.param("DATE_OF_BIRTH", "1985-03-12", "1985-03-12", id="dob-iso"),
    # NL_LICENSE_PLATE: upper case, dashes removed
    pytest.param("NL_LICENSE_PLATE", "83-gd-fv", "83GDFV", id="plate"),
    # other Dutch identifiers: upper-case letters and digits only
    pytest.param("NL_ID_DOCUMENT", "nxc7 r2kp4", "NXC7R2KP4", id="id-document"),
    pytest.param("NL_VAT", "NL 0044.95.445.B01", "NL004495445B01", id="vat"),
    pytest.param("NL_KVK", "6959 9084", "69599084", id="kvk"),
    # CREDIT_CARD: digits only
    pytest.param("CREDIT_CARD", "4111-1111 1111 1111", "4111111111111111", id="card"),
    # IP_ADDRESS: as ipaddress prints it
    pytest.param("IP_ADDRESS", "2001:0DB8:0000:0000:0000:0000:0000:0001", "2001:db8::1", id="ipv6"),
    pytest.param("IP_ADDRESS", "145.97.39.155", "145.97.39.155", id="ipv4"),
    # PERSON, LOCATION, ADDRESS: white space collapsed, case-folded
    pytest.param("PERSON", "  J.P. de  Vries ", "j.p. de vries", id="person"),
    pytest.param("LOCATION", "Den\tHaag", "den haag", id="location"),
    pytest.param(
        "ADDRESS", "Dorpsstraat 12,\n2601 DC  Delft", "dorpsstraat 12, 2601 dc delft", id="address"
    ),
    # SPECIAL_*: the term, case-folded
    pytest.param("SPECIAL_HEALTH", "Burn-Out", "burn-out", id="special"),
]


@pytest.mark.parametrize(("entity_type", "raw", "expected"), CANONICAL)
def test_canonicalize(entity_type: str, raw: str, expected: str) -> None:
    same = canonicalize(entity_type, raw) == expected
    assert same, f"{entity_type}: canonical form differs"


MASKS = [
    # the contract's BSN example
    pytest.param("NL_BSN", "123456782", "*****6782", id="bsn"),
    # country code, stars, last four
    pytest.param("IBAN_CODE", "NL91ABNA0417164300", "NL************4300", id="iban"),
    # first character of the local part, the domain
    pytest.param("EMAIL_ADDRESS", "j.devries@example.nl", "j***@example.nl", id="email"),
    # country code and last three digits
    pytest.param("PHONE_NUMBER", "+31612345678", "+31******678", id="phone"),
    pytest.param("NL_POSTCODE", "2601DC", "****DC", id="postcode"),
    pytest.param("DATE_OF_BIRTH", "1985-03-12", "****-**-12", id="date"),
    pytest.param("NL_LICENSE_PLATE", "83GDFV", "****FV", id="plate"),
    pytest.param("CREDIT_CARD", "4111111111111111", "************1111", id="card"),
    pytest.param("IP_ADDRESS", "145.97.39.155", "***.**.**.155", id="ipv4"),
    pytest.param("IP_ADDRESS", "2001:db8::1", "****:***::1", id="ipv6"),
    pytest.param("PERSON", "j.p. de vries", "j***", id="person"),
    pytest.param("NL_ID_DOCUMENT", "NXC7R2KP4", "*****2KP4", id="id-document"),
    # a special-category term is a lexicon word, not a value about a person
    pytest.param("SPECIAL_HEALTH", "burn-out", "burn-out", id="special"),
]


@pytest.mark.parametrize(("entity_type", "canonical", "expected"), MASKS)
def test_mask(entity_type: str, canonical: str, expected: str) -> None:
    same = mask(entity_type, canonical) == expected
    assert same, f"{entity_type}: mask differs"


TAIL_MASKED = ["NL_BSN", "CREDIT_CARD", "NL_LICENSE_PLATE", "NL_POSTCODE", "NL_KVK", "NL_BIG"]


@given(
    entity_type=st.sampled_from(TAIL_MASKED),
    canonical=st.text(alphabet="0123456789ABCDEFGHJKLMNPRSTVXZ", min_size=1, max_size=30),
)
def test_mask_keeps_length_and_shows_at_most_four_characters(
    entity_type: str, canonical: str
) -> None:
    masked = mask(entity_type, canonical)
    visible = sum(1 for m, c in zip(masked, canonical, strict=True) if m == c and m != "*")
    assert len(masked) == len(canonical)
    assert visible <= 4
    assert visible < len(canonical) or len(canonical) == 0


@given(
    country=st.sampled_from(sorted(phonenumbers.COUNTRY_CODE_TO_REGION_CODE)),
    national=st.text(alphabet="0123456789", min_size=4, max_size=12),
)
def test_phone_mask_keeps_the_country_code_that_phonenumbers_reads(
    country: int, national: str
) -> None:
    value = f"+{country}{national}"
    read = phonenumbers.parse(value).country_code  # what the mask must keep
    masked = mask("PHONE_NUMBER", value)
    assert masked.startswith(f"+{read}")
    assert len(masked) == len(value)
    assert masked[-3:] == value[-3:]
    assert set(masked[len(f"+{read}") : -3]) <= {"*"}


@pytest.mark.parametrize("value", ["0612345678", "+", "+0123456", "+999123456"])
def test_phone_mask_without_a_country_code_shows_only_the_tail(value: str) -> None:
    """phonenumbers cannot read these either (no "+", no known country code)."""
    masked = mask("PHONE_NUMBER", value)
    visible = masked.lstrip("*")
    assert masked.startswith("*")
    assert len(masked) == len(value)
    assert value.endswith(visible)
    assert len(visible) <= 4


@pytest.mark.parametrize(
    ("entity_type", "raw"),
    [
        pytest.param("PHONE_NUMBER", "geen nummer", id="phone"),
        pytest.param("DATE_OF_BIRTH", "31-02-1985", id="date"),
        pytest.param("IP_ADDRESS", "256.1.1.1", id="ip"),
        pytest.param("NL_BSN", "geen cijfers", id="bsn-without-digits"),
    ],
)
def test_errors_never_carry_the_value(entity_type: str, raw: str) -> None:
    with pytest.raises(ValueError) as caught:
        canonicalize(entity_type, raw)
    leaked = raw in str(caught.value) or caught.value.__cause__ is not None
    assert not leaked, f"{entity_type}: the error exposes the value"
    assert caught.value.__suppress_context__ or caught.value.__context__ is None


def test_unknown_entity_type_is_an_error() -> None:
    with pytest.raises(ValueError, match="NL_UNKNOWN"):
        canonicalize("NL_UNKNOWN", "x")


def test_nothing_is_logged(caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.DEBUG):
        for entity_type, raw, _ in (p.values for p in CANONICAL):
            mask(entity_type, canonicalize(entity_type, raw))
    assert caplog.records == []
