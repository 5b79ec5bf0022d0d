"""NL_ID_DOCUMENT: document numbers by format and context, MRZ lines by check digits.

Facts used (domain reference A2.10): nine characters, two letters, six
letters or digits, one digit, never the letter O; no check digit in the
number; valid NXC7R2KP4, IRB12H3K5, XR1001R58; invalid XR1O01R58, 581001RXR,
XR1001R; the RvIG specimen SPECI2014 is suppressed.  The MRZ check digit
(ICAO 9303) has weights 7, 3, 1 with A-Z as 10-35 and `<` as 0; the ICAO
specimen document L898902C3 has check digit 6.  Design: a bare number needs
context; an MRZ whose check digits all pass is reported on its own, its span
being the document number.
"""

from __future__ import annotations

import pytest

from datawacht.detect.analyzer import SCORE_THRESHOLD
from datawacht.detect.recognizers.nl import NlIdDocumentRecognizer
from datawacht.detect.recognizers.nl.nl_id_document_recognizer import mrz_check_digit

ENTITY = "NL_ID_DOCUMENT"


def td3(number: str, birth: str, expiry: str, personal: str = "") -> tuple[str, str]:
    """The two MRZ lines of a fictitious Dutch passport."""
    personal = personal.ljust(14, "<")
    personal_check = str(mrz_check_digit(personal)) if personal.strip("<") else "<"
    body = (
        f"{number}{mrz_check_digit(number)}NLD{birth}{mrz_check_digit(birth)}F"
        f"{expiry}{mrz_check_digit(expiry)}{personal}{personal_check}"
    )
    composite = body[0:10] + body[13:20] + body[21:43]
    return "P<NLDJANSEN<<PIETRA<<<<<<<<<<<<<<<<<<<<<<<<<", body + str(mrz_check_digit(composite))


def td1(number: str, birth: str, expiry: str) -> tuple[str, str, str]:
    """The three MRZ lines of a fictitious Dutch identity card."""
    first = f"I<NLD{number}{mrz_check_digit(number)}" + "<" * 15
    second = f"{birth}{mrz_check_digit(birth)}M{expiry}{mrz_check_digit(expiry)}NLD" + "<" * 11
    composite = first[5:30] + second[0:7] + second[8:15] + second[18:29]
    return first, second + str(mrz_check_digit(composite)), "DE<VRIES<<JAN<<<<<<<<<<<<<<<<<"


def break_last(line: str) -> str:
    """Change the composite check digit by one."""
    return line[:-1] + str((int(line[-1]) + 1) % 10)


def test_check_digit_reproduces_the_icao_specimen() -> None:
    assert mrz_check_digit("L898902C3") == 6
    assert mrz_check_digit("740812") == 2
    assert mrz_check_digit("XR1001R58") == 6  # identifier-examples.json


PASSPORT = td3("XR1001R58", "850312", "310101", "111222333")
CARD = td1("IRB12H3K5", "920101", "300615")


def test_built_mrz_lines_have_icao_lengths() -> None:
    assert len(PASSPORT[0]) == len(PASSPORT[1]) == 44
    assert all(len(line) == 30 for line in CARD)


FOUND = [
    # the domain reference's text fixture
    pytest.param(
        "Kopie paspoort, documentnummer «NXC7R2KP4», houder geboren 03-10-1952.", id="fixture"
    ),
    # identity card after its Dutch name
    pytest.param("Identiteitskaart: «IRB12H3K5»", id="identiteitskaart"),
    # English context
    pytest.param("Passport number «XR1001R58»", id="passport-number"),
    # label just after the value (enhancer suffix window)
    pytest.param("Nummer «NXC7R2KP4» (paspoort)", id="label-after"),
    # a passport MRZ needs no context; the span is the document number
    pytest.param(f"{PASSPORT[0]}\n«{PASSPORT[1][:9]}»{PASSPORT[1][9:]}", id="mrz-passport"),
    # an identity-card MRZ, three lines
    pytest.param(
        f"{CARD[0][:5]}«{CARD[0][5:14]}»{CARD[0][14:]}\n{CARD[1]}\n{CARD[2]}",
        id="mrz-identity-card",
    ),
    # the second passport line alone is enough
    pytest.param(f"OCR: \n«{PASSPORT[1][:9]}»{PASSPORT[1][9:]}\n", id="mrz-line-2-only"),
]

NOT_FOUND = [
    # bare number without context stays below the threshold
    pytest.param("Code NXC7R2KP4 gebruikt", id="bare-no-context"),
    # the letter O is never used
    pytest.param("Paspoortnummer XR1O01R58", id="letter-o"),
    # digits first
    pytest.param("Paspoortnummer 581001RXR", id="digits-first"),
    # seven characters
    pytest.param("Paspoortnummer XR1001R", id="too-short"),
    # lower case
    pytest.param("Paspoortnummer nxc7r2kp4", id="lower-case"),
    # the RvIG specimen
    pytest.param("Specimen paspoort SPECI2014 uit de RvIG-brochure.", id="specimen"),
    # a licence key of the same shape
    pytest.param("Licentiecode AB12CD345 voor de software", id="licence-key"),
    # part of a longer code
    pytest.param("Paspoort NXC7R2KP4-01", id="inside-longer-code"),
    # a passport MRZ with a wrong composite check digit
    pytest.param(f"{PASSPORT[0]}\n{break_last(PASSPORT[1])}", id="mrz-bad-composite"),
    # an identity-card MRZ with a wrong composite check digit
    pytest.param(f"{CARD[0]}\n{break_last(CARD[1])}\n{CARD[2]}", id="mrz-card-bad-composite"),
    # the RvIG specimen passport's MRZ (all check digits valid)
    pytest.param(
        "P<NLDDE<BRUIJN<<WILLEKE<LISELOTTE<<<<<<<<<<<\n"
        "SPECI20142NLD6503101F2403096999999990<<<<<84",
        id="mrz-rvig-specimen",
    ),
    # ICAO 9303's specimen passport
    pytest.param(
        "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<\n"
        "L898902C36UTO7408122F1204159ZE184226B<<<<<10",
        id="mrz-icao-specimen",
    ),
    # ICAO 9303's specimen identity card
    pytest.param(
        "I<UTOD231458907<<<<<<<<<<<<<<<\n7408122F1204159UTO<<<<<<<<<<<6\n"
        "ERIKSSON<<ANNA<MARIA<<<<<<<<<<",
        id="mrz-icao-specimen-card",
    ),
]


@pytest.mark.parametrize("marked", FOUND)
def test_id_document_found(detect, marked: str) -> None:
    result = detect(marked, ENTITY)
    assert result.found == result.expected


@pytest.mark.parametrize("marked", NOT_FOUND)
def test_id_document_not_found(detect, marked: str) -> None:
    assert detect(marked, ENTITY).found == []


def test_context_raises_number_to_at_least_0_8(detect) -> None:
    result = detect("Paspoortnummer NXC7R2KP4", ENTITY)
    assert result.scores and min(result.scores) >= 0.8


def test_bare_number_scores_below_threshold(detect) -> None:
    result = detect("Code NXC7R2KP4", ENTITY, threshold=0.0)
    assert result.scores and max(result.scores) < SCORE_THRESHOLD


def test_mrz_alone_scores_at_least_0_9(detect) -> None:
    result = detect("\n".join(PASSPORT), ENTITY)
    assert result.scores and min(result.scores) >= 0.9


def test_mrz_explanation_names_the_mrz(analyzer) -> None:
    [result] = analyzer.analyze(
        "\n".join(CARD), language="nl", entities=[ENTITY], return_decision_process=True
    )
    assert "MRZ" in result.analysis_explanation.pattern_name


@pytest.mark.parametrize(
    ("value", "valid"),
    [
        pytest.param("NXC7R2KP4", True, id="number"),
        pytest.param(PASSPORT[1], True, id="mrz-line"),
        pytest.param("XR1O01R58", False, id="letter-o"),
        pytest.param("SPECI2014", False, id="specimen"),
        pytest.param(break_last(PASSPORT[1]), False, id="mrz-bad-check"),
    ],
)
def test_validate_value(value: str, valid: bool) -> None:
    assert NlIdDocumentRecognizer().validate_value(value) is valid
