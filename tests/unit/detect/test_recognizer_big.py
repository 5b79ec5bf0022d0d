"""NL_BIG: eleven digits, reported only after a BIG label.

Facts used (domain reference A2.14): the BIG-register number is eleven
digits; no checksum is implemented (the claimed mod-11 rule is unverified);
examples 19012345601, 79123456730, 39012345617.  Design: without a label
nothing is reported at any threshold; profession words are not labels.
"""

from __future__ import annotations

import pytest

from datawacht.detect.recognizers.nl import NlBigRecognizer

ENTITY = "NL_BIG"

FOUND = [
    pytest.param("BIG-nummer «19012345601»", id="big-nummer"),
    pytest.param("BIG-registratie: «79123456730»", id="big-registratie"),
    pytest.param("Ingeschreven in het BIG-register onder «39012345617»", id="big-register"),
    pytest.param("bignummer\n«19012345601»", id="label-previous-line"),
]

NOT_FOUND = [
    pytest.param("Nummer 19012345601 zonder uitleg", id="no-context"),
    # profession words are not labels of the number
    pytest.param("De arts, verpleegkundige 19012345601", id="profession-only"),
    # a Dutch mobile number written with 31 and no plus
    pytest.param("BIG bekend, tel 31612345678", id="phone-nearer"),
    pytest.param("BIG-nummer 1901234560", id="ten-digits"),
    pytest.param("BIG-nummer 190123456011", id="twelve-digits"),
    pytest.param("BIG-nummer 1901234560A", id="letter"),
]


@pytest.mark.parametrize("marked", FOUND)
def test_big_found(detect, marked: str) -> None:
    result = detect(marked, ENTITY)
    assert result.found == result.expected


@pytest.mark.parametrize("marked", NOT_FOUND)
def test_big_not_found(detect, marked: str) -> None:
    assert detect(marked, ENTITY).found == []


def test_no_label_means_nothing_at_any_threshold(detect) -> None:
    assert detect("Arts 19012345601", ENTITY, threshold=0.0).found == []


def test_label_scores_at_least_0_75(detect) -> None:
    result = detect("BIG-nummer 19012345601", ENTITY)
    assert result.scores and min(result.scores) >= 0.75


@pytest.mark.parametrize(
    ("value", "valid"),
    [
        pytest.param("19012345601", True, id="plain"),
        pytest.param("1901234560", False, id="ten-digits"),
        pytest.param("1901234560A", False, id="letter"),
    ],
)
def test_validate_value(value: str, valid: bool) -> None:
    assert NlBigRecognizer().validate_value(value) is valid
