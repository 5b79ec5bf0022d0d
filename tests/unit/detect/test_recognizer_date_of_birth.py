"""DATE_OF_BIRTH: a real date, 1900 up to today, only with a birth word close before it.

Facts used (domain reference A2.20): notations dd-mm-jjjj, d-m-jjjj,
dd/mm/jjjj, dd.mm.jjjj, jjjj-mm-dd, `12 maart 1985`, `12 mrt. 1985`,
`3 okt. 1952`; context geboortedatum, geb., geb.datum, geboren (op), DOB, °;
31-02 does not exist; a date in the future is no birth date; any other date
is just a date.
"""

from __future__ import annotations

import datetime

import pytest
from faker import Faker

from datawacht.detect.dates import parse_dutch_date
from datawacht.detect.recognizers.nl import NlDateOfBirthRecognizer

ENTITY = "DATE_OF_BIRTH"

_FAKE = Faker("nl_NL")
_FAKE.seed_instance(1985)
GENERATED = [_FAKE.date_of_birth(minimum_age=18, maximum_age=90) for _ in range(2)]

FOUND = [
    # written month after the full label
    pytest.param("Geboortedatum: «12 maart 1985».", id="written-month"),
    # abbreviated month with a dot, after geb.
    pytest.param("geb. «12 mrt. 1985»", id="abbreviated-month"),
    # dashes after 'geboren op'
    pytest.param("Geboren op «12-03-1985» te Delft", id="dashes"),
    # slashes, single-digit month
    pytest.param("geb.datum «12/3/1985»", id="slashes-short-month"),
    # dots after DOB
    pytest.param("DOB «12.03.1985»", id="dots"),
    # ISO form, English label
    pytest.param("Date of birth: «1985-03-12»", id="iso-english"),
    # genealogical sign
    pytest.param("° «3 okt. 1952»", id="degree-sign"),
    # label glued to the value (one token for spaCy)
    pytest.param("Geb.datum:«12-03-1985»", id="glued-label"),
    # label on the line above
    pytest.param("Geboortedatum\n«12-03-1985»", id="label-previous-line"),
    # English month name after 'born'
    pytest.param("born «12 March 1985»", id="english-month"),
    # the death date after it is not a birth date
    pytest.param("geboren «3-4-1950», overleden 5-6-2020", id="birth-and-death"),
    # generated with Faker nl_NL, written as dd-mm-yyyy
    *[
        pytest.param(f"Geboortedatum «{d:%d-%m-%Y}»", id=f"faker-{i}")
        for i, d in enumerate(GENERATED)
    ],
]

NOT_FOUND = [
    # a date without birth context is just a date
    pytest.param("Datum 12-03-1985 vergadering", id="no-context"),
    # invoice date
    pytest.param("Factuurdatum 12 maart 2020", id="invoice-date"),
    # 31 February does not exist
    pytest.param("Geboortedatum: 31-02-1985", id="impossible-date"),
    # misspelled month
    pytest.param("Geboren 12 maartt 1985", id="misspelled-month"),
    # in the future
    pytest.param("Geboren 01-01-2090", id="future"),
    # before 1900
    pytest.param("Geboren 12-03-1899", id="before-1900"),
    # mixed separators
    pytest.param("Geboortedatum 12-03/1985", id="mixed-separators"),
    # the birth word comes after the date
    pytest.param("12-03-1985 geboren", id="context-after"),
    # the birth word belongs to the previous sentence
    pytest.param("Geboren te Utrecht. Verhuisd op 12-03-1985.", id="previous-sentence"),
    # too far away
    pytest.param(
        "Geboren in een klein dorp aan de rivier, en pas veel later op 12-03-1985", id="too-far"
    ),
]


@pytest.mark.parametrize("marked", FOUND)
def test_date_of_birth_found(detect, marked: str) -> None:
    result = detect(marked, ENTITY)
    assert result.found == result.expected


@pytest.mark.parametrize("marked", NOT_FOUND)
def test_date_of_birth_not_found(detect, marked: str) -> None:
    assert detect(marked, ENTITY).found == []


def test_no_date_of_birth_without_context_at_any_threshold(detect) -> None:
    result = detect("Op 12 maart 1985 en 12-03-1985 vergaderden we.", ENTITY, threshold=0.0)
    assert result.found == []


def test_birth_context_scores_at_least_0_8(detect) -> None:
    assert min(detect("Geboortedatum: 12-03-1985", ENTITY).scores) >= 0.8


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("12 maart 1985", datetime.date(1985, 3, 12), id="written"),
        pytest.param("12 mrt. 1985", datetime.date(1985, 3, 12), id="abbreviated"),
        pytest.param("12-03-1985", datetime.date(1985, 3, 12), id="dashes"),
        pytest.param("12/3/1985", datetime.date(1985, 3, 12), id="slashes"),
        pytest.param("12.03.1985", datetime.date(1985, 3, 12), id="dots"),
        pytest.param("1985-03-12", datetime.date(1985, 3, 12), id="iso"),
        pytest.param("3 Okt. 1952", datetime.date(1952, 10, 3), id="capitalised-month"),
        pytest.param("31-02-1985", None, id="impossible"),
        pytest.param("12 maartt 1985", None, id="misspelled"),
    ],
)
def test_parse_dutch_date(text: str, expected: datetime.date | None) -> None:
    assert parse_dutch_date(text) == expected


@pytest.mark.parametrize(
    ("value", "valid"),
    [
        pytest.param("12-03-1985", True, id="dashes"),  # a DOB column needs no label per cell
        pytest.param("1985-03-12", True, id="iso"),
        pytest.param("12 maart 1985", True, id="written"),
        pytest.param("01-01-2090", False, id="future"),
        pytest.param("31-02-1985", False, id="impossible"),
        pytest.param("12-03-85", False, id="two-digit-year"),
    ],
)
def test_validate_value(value: str, valid: bool) -> None:
    assert NlDateOfBirthRecognizer().validate_value(value) is valid
