"""NL_LICENSE_PLATE: sidecodes 1-14 and the RDW letter rules; when context is needed.

Facts used (domain reference A2.12): the sidecode table; from sidecode 4 on
no vowels and no C or Q; banned combinations such as SS, SD, PVV; examples
83-GD-FV (6), T-984-HL (10), GBJ-12-K (11); ABC-123-D fits no sidecode.
Design: dashed sidecodes 4-14 are reported alone, dashed 1-3 and undashed
plates only with a context word.
"""

from __future__ import annotations

import random

import pytest

from datawacht.detect.recognizers.nl import NlLicensePlateRecognizer
from datawacht.detect.recognizers.nl.nl_license_plate_recognizer import (
    SIDECODES,
    follows_letter_rules,
    sidecode,
)

ENTITY = "NL_LICENSE_PLATE"
LETTERS = "BDFGHJKLMNPRSTVXZ"


def make_plate(rng: random.Random, code: int) -> str:
    """A plate of a modern sidecode that follows the letter rules."""
    while True:
        plate = "".join(
            rng.choice(LETTERS) if c == "X" else str(rng.randrange(10)) if c == "9" else c
            for c in SIDECODES[code]
        )
        if follows_letter_rules(plate):
            return plate


RNG = random.Random(8314)
GENERATED = [make_plate(RNG, code) for code in (5, 8, 13)]


def test_generated_plates_have_their_sidecode() -> None:
    assert [sidecode(p) for p in GENERATED] == [5, 8, 13]


FOUND = [
    # sidecode 6 after the keyword
    pytest.param("Kenteken «83-GD-FV»", id="sidecode-6-keyword"),
    # sidecode 10 without context: dashed modern plates stand alone
    pytest.param("De «T-984-HL» stond fout geparkeerd.", id="sidecode-10-no-context"),
    # sidecode 11, issued from 2024
    pytest.param("Nieuwe auto: «GBJ-12-K»", id="sidecode-11"),
    # generated sidecodes 5, 8 and 13, no context
    *[pytest.param(f"Gezien: «{p}»", id=f"generated-{i}") for i, p in enumerate(GENERATED)],
    # old sidecode 1 needs the keyword
    pytest.param("kenteken «AB-12-34»", id="sidecode-1-keyword"),
    # undashed with the keyword
    pytest.param("Kenteken: «83GDFV»", id="undashed-keyword"),
    # undashed after another context word
    pytest.param("Voertuig «GBJ12K» is gesleept", id="undashed-voertuig"),
]

NOT_FOUND = [
    # three letters, three digits, one letter: no sidecode
    pytest.param("Kenteken ABC-123-D", id="no-sidecode"),
    # sidecode 7 shape with a vowel and a C
    pytest.param("Kenteken 12-ABC-3", id="vowel-and-c"),
    # banned combination SS
    pytest.param("Kenteken KK-SS-12", id="banned-ss"),
    # banned combination PVV
    pytest.param("Kenteken 12-PVV-3", id="banned-pvv"),
    # old sidecode without context looks like a part number
    pytest.param("Onderdeel AB-12-34 besteld", id="sidecode-1-no-context"),
    # undashed without context
    pytest.param("Code 83GDFV gebruikt", id="undashed-no-context"),
    # lower case
    pytest.param("Kenteken 83-gd-fv", id="lower-case"),
    # reference label before a plate-shaped code
    pytest.param("Artikelnummer 83-GD-FV", id="artikelnummer"),
    # part of a longer code
    pytest.param("Serie 83-GD-FV-12", id="longer-code"),
]


@pytest.mark.parametrize("marked", FOUND)
def test_license_plate_found(detect, marked: str) -> None:
    result = detect(marked, ENTITY)
    assert result.found == result.expected


@pytest.mark.parametrize("marked", NOT_FOUND)
def test_license_plate_not_found(detect, marked: str) -> None:
    assert detect(marked, ENTITY).found == []


def test_context_raises_dashed_plate_to_at_least_0_8(detect) -> None:
    assert min(detect("Kenteken 83-GD-FV", ENTITY).scores) >= 0.8


def test_undashed_plate_never_appears_without_context(detect) -> None:
    assert detect("Code 83GDFV", ENTITY, threshold=0.0).found == []


@pytest.mark.parametrize(
    ("value", "valid"),
    [
        pytest.param("83-GD-FV", True, id="dashed"),
        pytest.param("83GDFV", True, id="undashed"),  # a kenteken column needs no dashes
        pytest.param("AB-12-34", True, id="old-sidecode"),
        pytest.param("ABC-123-D", False, id="no-sidecode"),
        pytest.param("KK-SS-12", False, id="banned"),
        pytest.param("83-gd-fv", False, id="lower-case"),
    ],
)
def test_validate_value(value: str, valid: bool) -> None:
    assert NlLicensePlateRecognizer().validate_value(value) is valid
