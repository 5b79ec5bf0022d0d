"""CLASSIFICATION_MARKING: state-secret markings, detected and never assigned.

Facts used (domain reference B2.3/B2.4): VIRBI 2013 levels Departementaal
Vertrouwelijk (Dep. V.), Stg. Confidentieel, Stg. Geheim, Stg. Zeer Geheim
(`Stg.` = staatsgeheim); the organisation's own labels (openbaar, intern,
vertrouwelijk, geheim) are not rubricering.  Design: prefixed forms
case-insensitive at 0.85; a bare `Staatsgeheim` only where a marking stands
(alone on its line, after a label, in capitals at a line start), never as a
noun in prose.
"""

from __future__ import annotations

import pytest

from datawacht.detect.analyzer import build_detector
from datawacht.detect.canonical import canonicalize, mask
from datawacht.detect.engine import Detector, candidate_windows
from datawacht.detect.recognizers.nl import NlClassificationMarkingRecognizer

ENTITY = "CLASSIFICATION_MARKING"

FOUND = [
    pytest.param("Rubricering: «Dep. V.»", id="dep-v"),
    pytest.param("«Dep.V.» – niet verspreiden", id="dep-v-no-space"),
    pytest.param("«DEP. VERTROUWELIJK»\nNotitie aan de minister", id="dep-capitals"),
    pytest.param("Dit stuk is «Departementaal Vertrouwelijk».", id="departementaal"),
    pytest.param("«Stg. Confidentieel»", id="stg-confidentieel"),
    pytest.param("Kopie 2 van 4 «STG. CONFIDENTIEEL»", id="stg-confidentieel-capitals"),
    pytest.param("«Stg. Geheim»\nAan: de beveiligingsambtenaar", id="stg-geheim"),
    pytest.param("«stg geheim»", id="stg-lower-no-dot"),
    pytest.param("«Stg. Zeer Geheim»", id="stg-zeer-geheim"),
    pytest.param("«STG.ZEER GEHEIM»", id="stg-zeer-geheim-no-space"),
    pytest.param("Kenmerk BZ-44, «Staatsgeheim Geheim»", id="written-out-level"),
    pytest.param("«STAATSGEHEIM ZEER GEHEIM»", id="written-out-capitals"),
    # the bare word where a marking stands
    pytest.param("Ministerie van Defensie\n«Staatsgeheim»\n\nNotitie", id="alone-on-line"),
    pytest.param("— «STAATSGEHEIM» —", id="alone-between-dashes"),
    pytest.param("Rubricering: «Staatsgeheim»", id="after-label"),
    pytest.param("«STAATSGEHEIM»   Ministerie van Defensie", id="capitals-line-start"),
]

NOT_FOUND = [
    pytest.param("Dit gesprek is vertrouwelijk.", id="plain-vertrouwelijk"),
    pytest.param("Zij deelde een geheim recept.", id="plain-geheim"),
    pytest.param("Zeer geheim recept van oma", id="zeer-geheim-recept"),
    pytest.param(
        "VERTROUWELIJK\n\nGeachte heer Jansen,\nHierbij ontvangt u de stukken.",
        id="vertrouwelijk-letter-header",
    ),
    pytest.param("Label: geheim\nDit bestand is intern.", id="organisation-labels"),
    # the noun in prose
    pytest.param("Dit is geen staatsgeheim, iedereen weet het.", id="geen-staatsgeheim"),
    pytest.param("Het best bewaarde Staatsgeheim van Nederland.", id="staatsgeheim-noun"),
    pytest.param("Zij wisten het staatsgeheim geheim te houden.", id="staatsgeheim-geheim-prose"),
    pytest.param("Staatsgeheimen lekken zelden.", id="plural"),
    # Stg. is also short for stichting; the level word must end there
    pytest.param("Stg. Geheime Tuin", id="stichting"),
    pytest.param("Dep. Vertr. Zaken", id="dep-other-word"),
]


@pytest.mark.parametrize("marked", FOUND)
def test_marking_found(detect, marked: str) -> None:
    result = detect(marked, ENTITY)
    assert result.found == result.expected


@pytest.mark.parametrize("marked", NOT_FOUND)
def test_marking_not_found(detect, marked: str) -> None:
    assert detect(marked, ENTITY, threshold=0.0).found == []


def test_prefixed_marking_scores_0_85(detect) -> None:
    assert detect("«Stg. Geheim»", ENTITY).scores == [0.85]


@pytest.mark.parametrize(
    ("raw", "canonical"),
    [
        pytest.param("Dep. V.", "dep. vertrouwelijk", id="dep-v"),
        pytest.param("Dep.V.", "dep. vertrouwelijk", id="dep-v-no-space"),
        pytest.param("DEP. VERTROUWELIJK", "dep. vertrouwelijk", id="dep-capitals"),
        pytest.param("Departementaal  Vertrouwelijk", "dep. vertrouwelijk", id="departementaal"),
        pytest.param("Stg. Confidentieel", "stg. confidentieel", id="stg-confidentieel"),
        pytest.param("STG. CONFIDENTIEEL", "stg. confidentieel", id="stg-capitals"),
        pytest.param("Staatsgeheim Confidentieel", "stg. confidentieel", id="written-out"),
        pytest.param("Stg. Geheim", "stg. geheim", id="stg-geheim"),
        pytest.param("stg geheim", "stg. geheim", id="stg-geheim-lower"),
        pytest.param("Stg. Zeer  Geheim", "stg. zeer geheim", id="stg-zeer-geheim"),
        pytest.param("STAATSGEHEIM ZEER GEHEIM", "stg. zeer geheim", id="written-out-zeer"),
        pytest.param("Staatsgeheim", "staatsgeheim", id="alone"),
        pytest.param("STAATSGEHEIM", "staatsgeheim", id="alone-capitals"),
    ],
)
def test_canonical_value_is_one_per_level(raw: str, canonical: str) -> None:
    assert canonicalize(ENTITY, raw) == canonical
    # a marking is a stamp, not personal data: shown as found
    assert mask(ENTITY, canonical) == canonical


def test_canonical_form_refuses_other_text() -> None:
    with pytest.raises(ValueError, match=ENTITY):
        canonicalize(ENTITY, "geheim")


@pytest.mark.parametrize(
    ("value", "valid"),
    [
        pytest.param("Stg. Geheim", True, id="marking"),
        pytest.param("Staatsgeheim", True, id="alone"),
        pytest.param("geheim", False, id="organisation-label"),
        pytest.param("Vertrouwelijk", False, id="vertrouwelijk"),
    ],
)
def test_validate_value(value: str, valid: bool) -> None:
    assert NlClassificationMarkingRecognizer().validate_value(value) is valid


def test_gate_reports_markings_only() -> None:
    recognizer = NlClassificationMarkingRecognizer()
    prose = "Dit is geen staatsgeheim; de stichting (Stg. Geheime Tuin) is vertrouwelijk."
    assert list(recognizer.gate_spans(prose)) == []
    text = "Notitie\nStg. Zeer Geheim\n"
    assert list(recognizer.gate_spans(text)) == [(8, 24)]


@pytest.fixture(scope="module")
def detector() -> Detector:
    return build_detector()


def test_detector_reports_a_marking_in_text_without_digits(detector: Detector) -> None:
    """The engine's own gate sees no digit or "@"; the recognizer's gate opens the window."""
    text = (
        "Ministerie van Defensie\nStg. Geheim\n\n"
        + "Notitie over de planning van de oefening in het najaar. " * 4
    )
    assert candidate_windows(text) == []
    hits = [h for h in detector.detect_text(text) if h.entity_type == ENTITY]
    assert [(h.start, h.end, h.score) for h in hits] == [(24, 35, 0.85)]
