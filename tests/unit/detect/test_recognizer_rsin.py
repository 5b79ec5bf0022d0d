"""NL_RSIN: an elfproef number labelled RSIN is an organisation's number, not a BSN.

Facts used (domain reference A2.2): the RSIN has the nine digits and the
elfproef of a BSN, so only context tells them apart; context words `RSIN`
and `fiscaal nummer rechtspersoon`; examples 004495445, 8112.22.342.
Design: NL_RSIN needs its label; the BSN recognizer drops what the RSIN
recognizer reports, so one number is never both.
"""

from __future__ import annotations

import pytest

from datawacht.detect.canonical import canonicalize
from datawacht.detect.recognizers.nl import NlRsinRecognizer

ENTITY = "NL_RSIN"

FOUND = [
    pytest.param("RSIN «004495445»", id="rsin"),
    pytest.param("Fiscaal nummer rechtspersoon: «8112.22.342»", id="fiscaal-nummer-rechtspersoon"),
    pytest.param("RSIN-nummer «004 495 445»", id="grouped"),
    # a label nearer than a BSN label wins
    pytest.param("BSN onbekend, RSIN «004495445»", id="rsin-nearer"),
    # one leading zero lost in a spreadsheet
    pytest.param("RSIN «04495445»", id="eight-digits-padded"),
]

NOT_FOUND = [
    pytest.param("Nummer 004495445 zonder uitleg", id="no-context"),
    pytest.param("RSIN 004495446", id="bad-check"),
    # two leading zeros lost: seven digits are not an RSIN
    pytest.param("RSIN 4495445", id="seven-digits"),
    # the BSN label is nearer
    pytest.param("RSIN onbekend, BSN 111222333", id="bsn-nearer"),
    # inside a btw number
    pytest.param("RSIN NL004495445B01", id="inside-btw"),
]


@pytest.mark.parametrize("marked", FOUND)
def test_rsin_found(detect, marked: str) -> None:
    result = detect(marked, ENTITY)
    assert result.found == result.expected


@pytest.mark.parametrize("marked", NOT_FOUND)
def test_rsin_not_found(detect, marked: str) -> None:
    assert detect(marked, ENTITY).found == []


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("RSIN 004495445", id="rsin"),
        pytest.param("Fiscaal nummer rechtspersoon 004495445", id="fiscaal-nummer-rechtspersoon"),
    ],
)
def test_rsin_is_never_also_a_bsn(detect, text: str) -> None:
    assert detect(text, "NL_BSN", threshold=0.0).found == []


def test_no_label_means_nothing_at_any_threshold(detect) -> None:
    assert detect("Nummer 004495445", ENTITY, threshold=0.0).found == []


@pytest.mark.parametrize(
    ("value", "valid"),
    [
        pytest.param("004495445", True, id="plain"),
        pytest.param("8112.22.342", True, id="dotted"),
        pytest.param("004495446", False, id="bad-check"),
        pytest.param("12345678X", False, id="letter"),
    ],
)
def test_validate_value(value: str, valid: bool) -> None:
    assert NlRsinRecognizer().validate_value(value) is valid


def test_canonical_value_is_nine_digits_like_a_bsn() -> None:
    assert canonicalize(ENTITY, "0044.95.445") == canonicalize(ENTITY, "4495445 ") == "004495445"
