"""NL_DRIVING_LICENCE: ten digits, reported only after a rijbewijs label or after `BSN/`.

Facts used (domain reference A2.11): the rijbewijsnummer is ten digits
with no published check; examples 4012345678, 5123456789, 40 1234 5678;
the card prints the BSN and the rijbewijsnummer separated by a slash.
Design: without a label nothing is reported at any threshold; the nearest
label decides between rijbewijs-, V- and A-nummer.
"""

from __future__ import annotations

import pytest

from datawacht.detect.recognizers.nl import NlDrivingLicenceRecognizer

ENTITY = "NL_DRIVING_LICENCE"

FOUND = [
    pytest.param("Rijbewijsnummer: «4012345678»", id="keyword"),
    pytest.param("Kopie rijbewijs, nummer «5123456789»", id="rijbewijs-nummer"),
    pytest.param("rijbewijs «40 1234 5678»", id="grouped"),
    pytest.param("Driving licence number «4012345678»", id="english"),
    pytest.param("Rijbewijs\n«4012345678»", id="label-previous-line"),
    # the card's BSN/rijbewijsnummer layout; 111222333 passes the elfproef
    pytest.param("111222333/«4012345678»", id="after-bsn-on-card"),
    # two labels: each number takes the nearer one
    pytest.param("rijbewijs «4012345678», V-nummer 1234567890", id="nearest-label"),
]

NOT_FOUND = [
    # no label: nothing, whatever the threshold (tested below at 0.0 too)
    pytest.param("Nummer 4012345678 zonder uitleg", id="no-context"),
    # RDW alone is not a label of the number
    pytest.param("RDW kenmerk volgt, code 4012345678", id="rdw-only"),
    # nine and eleven digits
    pytest.param("Rijbewijsnummer 401234567", id="nine-digits"),
    pytest.param("Rijbewijsnummer 40123456789", id="eleven-digits"),
    # a letter inside
    pytest.param("Rijbewijsnummer 40123A5678", id="letter"),
    # telephone label nearer
    pytest.param("Rijbewijs mee, tel 0612345678", id="phone-nearer"),
    # V-nummer label nearer
    pytest.param("Rijbewijs bekend, V-nummer 1234567890", id="v-nummer-nearer"),
    # before the slash is no BSN
    pytest.param("111222334/4012345678", id="after-slash-bad-bsn"),
]


@pytest.mark.parametrize("marked", FOUND)
def test_driving_licence_found(detect, marked: str) -> None:
    result = detect(marked, ENTITY)
    assert result.found == result.expected


@pytest.mark.parametrize("marked", NOT_FOUND)
def test_driving_licence_not_found(detect, marked: str) -> None:
    assert detect(marked, ENTITY).found == []


def test_no_label_means_nothing_at_any_threshold(detect) -> None:
    assert detect("Nummer 4012345678", ENTITY, threshold=0.0).found == []


def test_label_scores_at_least_0_75(detect) -> None:
    result = detect("Rijbewijsnummer 4012345678", ENTITY)
    assert result.scores and min(result.scores) >= 0.75


@pytest.mark.parametrize(
    ("value", "valid"),
    [
        pytest.param("4012345678", True, id="plain"),
        pytest.param("40 1234 5678", True, id="grouped"),
        pytest.param("401234567", False, id="nine-digits"),
        pytest.param("40123A5678", False, id="letter"),
    ],
)
def test_validate_value(value: str, valid: bool) -> None:
    assert NlDrivingLicenceRecognizer().validate_value(value) is valid
