"""NL_AGB: eight digits, reported only after an AGB label.

Facts used (domain reference A2.15): Vektis AGB codes are eight digits, the
first two the zorgsoort, no public check; examples 01012345, 41123456,
91123456; traps are KvK numbers and dates.  Design: without a label nothing
is reported at any threshold; care words (declaratie, zorgaanbieder) are
not labels; the nearest label decides between AGB, KvK and BSN.
"""

from __future__ import annotations

import pytest

from datawacht.detect.recognizers.nl import NlAgbRecognizer

ENTITY = "NL_AGB"

FOUND = [
    pytest.param("AGB-code «01012345»", id="agb-code"),
    pytest.param("AGB: «41123456»", id="agb"),
    pytest.param("Vektis-registratie «91123456»", id="vektis"),
    pytest.param("agbcode\n«01012345»", id="label-previous-line"),
]

NOT_FOUND = [
    pytest.param("Nummer 01012345 zonder uitleg", id="no-context"),
    # care words are not labels of the number
    pytest.param("Declaratie zorgaanbieder 01012345", id="care-words-only"),
    pytest.param("AGB-code 0101234", id="seven-digits"),
    pytest.param("AGB-code 010123456", id="nine-digits"),
    pytest.param("AGB-code 0101234X", id="letter"),
    # the KvK label is nearer
    pytest.param("AGB volgt, KvK 69599084", id="kvk-nearer"),
]


@pytest.mark.parametrize("marked", FOUND)
def test_agb_found(detect, marked: str) -> None:
    result = detect(marked, ENTITY)
    assert result.found == result.expected


@pytest.mark.parametrize("marked", NOT_FOUND)
def test_agb_not_found(detect, marked: str) -> None:
    assert detect(marked, ENTITY).found == []


def test_no_label_means_nothing_at_any_threshold(detect) -> None:
    assert detect("Declaratie 01012345", ENTITY, threshold=0.0).found == []


def test_label_scores_at_least_0_75(detect) -> None:
    result = detect("AGB-code 01012345", ENTITY)
    assert result.scores and min(result.scores) >= 0.75


@pytest.mark.parametrize(
    ("value", "valid"),
    [
        pytest.param("01012345", True, id="plain"),
        pytest.param("0101234", False, id="seven-digits"),
        pytest.param("0101234X", False, id="letter"),
    ],
)
def test_validate_value(value: str, valid: bool) -> None:
    assert NlAgbRecognizer().validate_value(value) is valid
