"""NL_V_NUMMER: ten digits, reported only after a V-nummer label.

Facts used (domain reference A2.13): the vreemdelingennummer is ten digits
with no public check, printed as `V-NR.` on residence permits; examples
0987654321, 1234567890, 12 3456 7890; the verblijfsdocument number (`V` +
eight characters) is a different number.  Design: without a label nothing
is reported at any threshold; topic words (IND, COA, asiel) are not labels.
"""

from __future__ import annotations

import pytest

from datawacht.detect.recognizers.nl import NlVNummerRecognizer

ENTITY = "NL_V_NUMMER"

FOUND = [
    pytest.param("V-nummer: «1234567890»", id="keyword"),
    pytest.param("V-NR. «0987654321»", id="permit-label"),
    pytest.param("Vreemdelingennummer «12 3456 7890»", id="grouped"),
    pytest.param("IND-brief over vnummer «1234567890»", id="vnummer"),
    pytest.param("V-nummer\n«0987654321»", id="label-previous-line"),
]

NOT_FOUND = [
    pytest.param("Nummer 1234567890 zonder uitleg", id="no-context"),
    # topic words only
    pytest.param("Brief van de IND over asiel, COA 1234567890", id="topic-words-only"),
    # the verblijfsdocument number
    pytest.param("V-nummer V12345678", id="verblijfsdocument"),
    pytest.param("V-nummer 123456789", id="nine-digits"),
    pytest.param("V-nummer 12345678901", id="eleven-digits"),
    # telephone label nearer
    pytest.param("V-nummer onbekend, mobiel 0612345678", id="phone-nearer"),
    # rijbewijs label nearer
    pytest.param("V-nummer bekend, rijbewijs 1234567890", id="rijbewijs-nearer"),
    # `Vnr` usually abbreviates volgnummer and is no label
    pytest.param("Vnr 1234567890", id="volgnummer-abbreviation"),
]


@pytest.mark.parametrize("marked", FOUND)
def test_v_nummer_found(detect, marked: str) -> None:
    result = detect(marked, ENTITY)
    assert result.found == result.expected


@pytest.mark.parametrize("marked", NOT_FOUND)
def test_v_nummer_not_found(detect, marked: str) -> None:
    assert detect(marked, ENTITY).found == []


def test_no_label_means_nothing_at_any_threshold(detect) -> None:
    assert detect("IND COA asiel 1234567890", ENTITY, threshold=0.0).found == []


def test_label_scores_at_least_0_75(detect) -> None:
    result = detect("V-nummer 1234567890", ENTITY)
    assert result.scores and min(result.scores) >= 0.75


@pytest.mark.parametrize(
    ("value", "valid"),
    [
        pytest.param("0987654321", True, id="plain"),
        pytest.param("12 3456 7890", True, id="grouped"),
        pytest.param("V12345678", False, id="verblijfsdocument"),
        pytest.param("12345678901", False, id="eleven-digits"),
    ],
)
def test_validate_value(value: str, valid: bool) -> None:
    assert NlVNummerRecognizer().validate_value(value) is valid
