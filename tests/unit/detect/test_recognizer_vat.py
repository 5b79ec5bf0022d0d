"""NL_VAT: btw-ids of both styles, the explanation of the style, and the embedded BSN.

Facts used (domain reference A2.9): `NL` + nine digits + `B` + two digits
(01-99); old style: the nine digits pass the elfproef (an RSIN, or the
owner's BSN for an eenmanszaak), e.g. NL004495445B01; new style since 2020:
ISO 7064 mod 97-10 over the whole string, e.g. NL002455799B11; invalid
NL123456789B90, NL004495445B00, NL004495445C01; printed as
NL 0044.95.445.B01.  Design: the NL form stands alone, the form without NL
needs context; an old-style number after a sole-trader word, with no legal
form nearer, also yields NL_BSN over its nine digits.
"""

from __future__ import annotations

import pytest
from stdnum.iso7064 import mod_97_10
from stdnum.nl import bsn, btw

from datawacht.detect.analyzer import SCORE_THRESHOLD
from datawacht.detect.canonical import canonicalize
from datawacht.detect.recognizers.nl import NlVatRecognizer
from datawacht.detect.recognizers.nl.nl_vat_recognizer import EMBEDDED_BSN

ENTITY = "NL_VAT"
OLD_STYLE = "NL004495445B01"
NEW_STYLE = "NL002455799B11"


def test_examples_have_the_style_the_domain_reference_says() -> None:
    assert btw.is_valid(OLD_STYLE) and bsn.is_valid(OLD_STYLE[2:11])
    assert btw.is_valid(NEW_STYLE) and mod_97_10.is_valid(NEW_STYLE)
    assert not bsn.is_valid(NEW_STYLE[2:11])


FOUND = [
    pytest.param(f"btw-nummer «{OLD_STYLE}»", id="old-style-keyword"),
    pytest.param(f"Btw-id: «{NEW_STYLE}»", id="new-style-keyword"),
    # the NL form is distinctive on its own
    pytest.param(f"Gegevens: «{NEW_STYLE}»", id="no-context"),
    pytest.param("VAT «NL 0044.95.445.B01»", id="separators"),
    # without NL, as the Belastingdienst writes the omzetbelastingnummer
    pytest.param("Omzetbelastingnummer «004495445B01»", id="no-prefix-keyword"),
    pytest.param("BTW nr. «0044.95.445.B.01»", id="no-prefix-dotted"),
]

NOT_FOUND = [
    # neither check passes
    pytest.param("btw-nummer NL123456789B90", id="no-check-passes"),
    pytest.param("btw-nummer NL004495445B00", id="suffix-00"),
    pytest.param("btw-nummer NL004495445C01", id="not-b"),
    pytest.param("btw-nummer nl004495445b01", id="lower-case"),
    # without NL and without context the shape is not enough
    pytest.param("Code 004495445B01", id="no-prefix-no-context"),
    pytest.param("btw-nummer NL004495445B012", id="longer-suffix"),
]


@pytest.mark.parametrize("marked", FOUND)
def test_vat_found(detect, marked: str) -> None:
    result = detect(marked, ENTITY)
    assert result.found == result.expected


@pytest.mark.parametrize("marked", NOT_FOUND)
def test_vat_not_found(detect, marked: str) -> None:
    assert detect(marked, ENTITY).found == []


def test_nl_form_alone_reaches_the_threshold_and_context_raises_it(detect) -> None:
    alone, labelled = detect(NEW_STYLE, ENTITY), detect(f"btw {NEW_STYLE}", ENTITY)
    assert alone.scores and min(alone.scores) >= SCORE_THRESHOLD
    assert labelled.scores and min(labelled.scores) >= 0.9


@pytest.mark.parametrize(
    ("number", "style"),
    [
        pytest.param(OLD_STYLE, "old style", id="old"),
        pytest.param(NEW_STYLE, "new style", id="new"),
    ],
)
def test_explanation_names_the_style(analyzer, number: str, style: str) -> None:
    [result] = analyzer.analyze(
        f"btw {number}", language="nl", entities=[ENTITY], return_decision_process=True
    )
    assert style in result.analysis_explanation.pattern_name
    assert number not in result.analysis_explanation.pattern_name


EMBEDDED_BSN_FOUND = [
    # the domain reference's fixture: an eenmanszaak's old-style number
    pytest.param(
        "Factuur van eenmanszaak, btw-nummer NL«004495445»B01, KvK 69599084.", id="eenmanszaak"
    ),
    pytest.param("ZZP'er J. Jansen\nBTW NL «0044.95.445».B01", id="zzp-previous-line"),
]

EMBEDDED_BSN_NOT_FOUND = [
    # a legal form nearer than the sole-trader word
    pytest.param(f"Eenmanszaak verkocht aan Jansen Bouw B.V., btw {OLD_STYLE}", id="bv-nearer"),
    # no word about the legal form: most old-style numbers are an RSIN
    pytest.param(f"btw-nummer {OLD_STYLE}", id="no-legal-form"),
    # new style is not derived from the BSN
    pytest.param(f"Eenmanszaak, btw-nummer {NEW_STYLE}", id="new-style"),
]


@pytest.mark.parametrize("marked", EMBEDDED_BSN_FOUND)
def test_embedded_bsn_found(detect, marked: str) -> None:
    result = detect(marked, "NL_BSN")
    assert result.found == result.expected
    assert min(result.scores) >= 0.8


@pytest.mark.parametrize("marked", EMBEDDED_BSN_NOT_FOUND)
def test_embedded_bsn_not_found(detect, marked: str) -> None:
    assert detect(marked, "NL_BSN", threshold=0.0).found == []


def test_embedded_bsn_explains_where_it_came_from(analyzer) -> None:
    text = f"Eenmanszaak Jansen, btw {OLD_STYLE}"
    [result] = analyzer.analyze(
        text, language="nl", entities=["NL_BSN"], return_decision_process=True
    )
    assert result.analysis_explanation.pattern_name == EMBEDDED_BSN


def test_only_requested_entities_are_returned(analyzer) -> None:
    text = f"Eenmanszaak Jansen, btw {OLD_STYLE}"
    results = analyzer.analyze(text, language="nl", entities=[ENTITY])
    assert [r.entity_type for r in results] == [ENTITY]


@pytest.mark.parametrize(
    ("value", "valid"),
    [
        pytest.param(OLD_STYLE, True, id="old-style"),
        pytest.param(NEW_STYLE, True, id="new-style"),
        pytest.param("NL 0044.95.445.B01", True, id="separators"),
        pytest.param("004495445B01", True, id="no-prefix"),
        pytest.param("NL123456789B90", False, id="no-check"),
        pytest.param("NL004495445B00", False, id="suffix-00"),
    ],
)
def test_validate_value(value: str, valid: bool) -> None:
    assert NlVatRecognizer().validate_value(value) is valid


@pytest.mark.parametrize(
    "written",
    [
        pytest.param("NL 0044.95.445.B01", id="separators"),
        pytest.param("004495445B01", id="no-prefix"),
        pytest.param("0044.95.445.B.01", id="no-prefix-dotted"),
    ],
)
def test_every_written_form_has_the_same_canonical_value(written: str) -> None:
    assert canonicalize(ENTITY, written) == OLD_STYLE
