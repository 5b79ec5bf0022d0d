"""NL_KVK: eight digits, reported only after a KvK label.

Facts used (domain reference A1 #8): eight digits, no guaranteed check
(never reject on the old mod-11 test); examples 69599084, 12345678,
0123 4567; traps are dates written ddmmjjjj, AGB codes and any eight-digit
number.  Design: without a label nothing is reported at any threshold; the
nearest label decides between KvK, AGB and BSN.
"""

from __future__ import annotations

import pytest

from datawacht.detect.recognizers.nl import NlKvkRecognizer

ENTITY = "NL_KVK"

FOUND = [
    pytest.param("KvK «69599084»", id="kvk"),
    # fails the old mod-11 test, still a KvK number
    pytest.param("KvK-nummer: «12345678»", id="no-mod-11"),
    pytest.param("Ingeschreven bij de Kamer van Koophandel onder «6959 9084»", id="grouped"),
    pytest.param("Handelsregister «01234567»", id="handelsregister"),
    pytest.param("Chamber of Commerce «69599084»", id="english"),
    pytest.param("Factuur van eenmanszaak, KvK «69599084».", id="after-reference-word"),
]

NOT_FOUND = [
    pytest.param("Nummer 69599084 zonder uitleg", id="no-context"),
    # a date of birth written without separators
    pytest.param("Geboren 12031985", id="date-ddmmjjjj"),
    pytest.param("KvK 1234567", id="seven-digits"),
    pytest.param("KvK 123456789", id="nine-digits"),
    pytest.param("KvK 1234567a", id="letter"),
    # three groups of four are a longer number
    pytest.param("KvK 1234 5678 9012", id="three-groups"),
    # the AGB label is nearer
    pytest.param("KvK volgt, AGB-code 01012345", id="agb-nearer"),
    # a reference label is nearer
    pytest.param("KvK Jansen, ordernummer 69599084", id="ordernummer-nearer"),
    # a mobile number after its 06
    pytest.param("KvK-inschrijving, tel 06 12345678", id="phone-nearer"),
]


@pytest.mark.parametrize("marked", FOUND)
def test_kvk_found(detect, marked: str) -> None:
    result = detect(marked, ENTITY)
    assert result.found == result.expected


@pytest.mark.parametrize("marked", NOT_FOUND)
def test_kvk_not_found(detect, marked: str) -> None:
    assert detect(marked, ENTITY).found == []


def test_no_label_means_nothing_at_any_threshold(detect) -> None:
    assert detect("Nummer 69599084", ENTITY, threshold=0.0).found == []


def test_label_scores_at_least_0_75(detect) -> None:
    result = detect("KvK 69599084", ENTITY)
    assert result.scores and min(result.scores) >= 0.75


@pytest.mark.parametrize(
    ("value", "valid"),
    [
        pytest.param("69599084", True, id="plain"),
        pytest.param("0123 4567", True, id="grouped"),
        pytest.param("1234567", False, id="seven-digits"),
        pytest.param("1234567a", False, id="letter"),
    ],
)
def test_validate_value(value: str, valid: bool) -> None:
    assert NlKvkRecognizer().validate_value(value) is valid
