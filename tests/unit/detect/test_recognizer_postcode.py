"""NL_POSTCODE: `1234 AB`, capitals only, never SA/SD/SS, years and words need an address.

Facts used (domain reference A2.7): first digit 1-9, optional space, two
capitals; SA, SD and SS are never issued; "In 2019 de gemeente" and
"1985 EN" are traps; a PO box postcode (Postbus) is an organisation address.
"""

from __future__ import annotations

import pytest
from faker import Faker
from stdnum.nl import postcode

from datawacht.detect.recognizers.nl import NlPostcodeRecognizer

ENTITY = "NL_POSTCODE"

_FAKE = Faker("nl_NL")
_FAKE.seed_instance(2601)
GENERATED = [v for v in (_FAKE.postcode() for _ in range(20)) if postcode.is_valid(v)][:3]


def test_generated_values_are_valid_for_stdnum() -> None:
    assert len(GENERATED) == 3


FOUND = [
    # street and number before, place after
    pytest.param("Dorpsstraat 12, «2601 DC» Delft", id="full-address"),
    # without the space, after the keyword
    pytest.param("Postcode: «1011AA»", id="keyword-no-space"),
    # with the NL- prefix, place after
    pytest.param("«NL-9999 XL» Groningen", id="nl-prefix"),
    # address block over two lines
    pytest.param("Kerkweg 3\n«3512 JE» Utrecht", id="address-block"),
    # generated with Faker nl_NL, after the keyword
    *[pytest.param(f"postcode «{v}»", id=f"faker-{i}") for i, v in enumerate(GENERATED)],
    # year-like number with a place name after it
    pytest.param("«2011 AB» Haarlem", id="year-like-with-place"),
    # year-like number and common word, after street and number
    pytest.param("Kerkstraat 1a, «1985 EN»", id="year-like-with-street"),
    # year-like number with the keyword before it
    pytest.param("Postcode «2019 DE»", id="year-like-with-keyword"),
    # neither year-like nor a word: reported without context
    pytest.param("Het pakket ging naar «3511 LX».", id="plain-no-context"),
    # 's-Hertogenbosch style place name after it
    pytest.param("«5211 AB» 's-Hertogenbosch", id="place-with-apostrophe"),
]

NOT_FOUND = [
    # lower-case letters: a year and an article
    pytest.param("In 2019 de gemeente", id="year-lowercase-word"),
    # year followed by a capitalised conjunction
    pytest.param("Van 1985 EN 1986 is niets bewaard", id="year-capital-word"),
    pytest.param("JAARVERSLAG 2010 EN VOORUITBLIK", id="year-word-in-all-caps-heading"),
    # file size
    pytest.param("Nog 1500 MB vrij", id="unit"),
    # first digit may not be 0
    pytest.param("Postcode 0123 AB", id="leading-zero"),
    # SS is never issued
    pytest.param("Postcode 1234 SS", id="banned-ss"),
    # SD is never issued
    pytest.param("Postcode 1234 SD", id="banned-sd"),
    # SA is never issued
    pytest.param("Postcode 1234 SA", id="banned-sa"),
    # five digits
    pytest.param("Postcode 12345 AB", id="five-digits"),
    # a PO box is an organisation's address
    pytest.param("Postbus 16114, 2500 BC Den Haag", id="po-box"),
    # three letters
    pytest.param("Code 1234 ABC", id="three-letters"),
    # lower-case letters with context
    pytest.param("Postcode 3512 je", id="lowercase-letters"),
]


@pytest.mark.parametrize("marked", FOUND)
def test_postcode_found(detect, marked: str) -> None:
    result = detect(marked, ENTITY)
    assert result.found == result.expected


@pytest.mark.parametrize("marked", NOT_FOUND)
def test_postcode_not_found(detect, marked: str) -> None:
    assert detect(marked, ENTITY).found == []


def test_context_raises_score_to_at_least_0_8(detect) -> None:
    assert min(detect("Postcode 3511 LX", ENTITY).scores) >= 0.8
    assert min(detect("Dorpsstraat 12, 3511 LX", ENTITY).scores) >= 0.8


@pytest.mark.parametrize(
    ("value", "valid"),
    [
        pytest.param("2601 DC", True, id="with-space"),
        pytest.param("1011AA", True, id="without-space"),
        pytest.param("NL-9999 XL", True, id="nl-prefix"),
        pytest.param("1985 EN", True, id="year-like-in-a-column"),  # the column decides
        pytest.param("1234 SA", False, id="banned"),
        pytest.param("0123 AB", False, id="leading-zero"),
        pytest.param("2601 dc", False, id="lower-case"),
    ],
)
def test_validate_value(value: str, valid: bool) -> None:
    assert NlPostcodeRecognizer().validate_value(value) is valid
