"""SPECIAL_*: lexicon terms count only as evidence about a person near them.

Texts are fictitious; expected spans are marked «…» (conftest).  Lexicon
terms are not personal data, so messages may name them; they never show
the names or numbers around them.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from presidio_analyzer import AnalyzerEngine, RecognizerResult

from datawacht.detect.analyzer import SCORE_THRESHOLD
from datawacht.detect.columns import ColumnProfiler
from datawacht.detect.engine import BEFORE, Detector, candidate_windows
from datawacht.detect.recognizers.nl import nl_special_category_recognizer as special
from datawacht.detect.recognizers.nl.nl_special_category_recognizer import (
    CATEGORIES,
    LEXICON_DIR,
    LINK_WINDOW_CHARS,
    LexiconFile,
    NlCriminalRecognizer,
    NlHealthRecognizer,
    NlPoliticalOpinionRecognizer,
    NlSpecialCategoryRecognizer,
    build_lexicon,
    fold,
    load_lexicon,
    shipped_gate,
    shipped_lexicon,
)
from datawacht.detect.registry import build_recognizers, load_recognizers_file
from datawacht.errors import ConfigError
from datawacht.yamlfiles import load_yaml_model

Detect = Callable[..., Any]  # conftest's `detect` fixture
RECOGNIZERS = {cls.CATEGORY: cls for cls in NlSpecialCategoryRecognizer.__subclasses__()}


def special_spans(analyzer: AnalyzerEngine, text: str) -> list[tuple[str, int, int]]:
    """SPECIAL_* hits of the whole analyzer (every recognizer runs, as in a scan)."""
    results = analyzer.analyze(text, language="nl", score_threshold=SCORE_THRESHOLD)
    return sorted(
        (r.entity_type, r.start, r.end) for r in results if r.entity_type.startswith("SPECIAL_")
    )


# --- The lexicon files -------------------------------------------------------


@pytest.mark.parametrize("category", CATEGORIES)
def test_lexicon_file_documents_itself_and_matches_its_recognizer(category: str) -> None:
    path = LEXICON_DIR / f"{category}.yaml"
    data = load_yaml_model(path, LexiconFile, "lexicon file")
    assert data.source and data.notes.strip()
    assert data.strong, "every category needs strong terms"
    assert RECOGNIZERS[category].ENTITY == data.entity


def test_every_category_has_one_recognizer_enabled_in_the_shipped_file() -> None:
    assert set(RECOGNIZERS) == set(CATEGORIES)
    enabled = {e.name for e in load_recognizers_file().recognizers if e.enabled}
    assert {cls.__name__ for cls in RECOGNIZERS.values()} <= enabled


def test_no_term_sits_in_two_categories() -> None:
    """The gate scans all categories at once; a shared or nested term would hide one."""
    shipped_gate()  # raises on a term listed in two categories
    for category in CATEGORIES:
        for term in shipped_lexicon(category).terms.values():
            for other in CATEGORIES:
                lexicon = shipped_lexicon(other)
                for inside in lexicon.pattern.finditer(term.text) if other != category else ():
                    # A linked-only term counts after its own link phrase only.
                    kind = lexicon.terms[special.term_key(inside.group())].kind
                    assert kind is special.Kind.LINKED, f"{other} term in {category} {term.text!r}"


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        pytest.param("strong: ['zie*k']", "'*' only at the start or end", id="star-inside"),
        pytest.param("strong: [ziek, Ziek]", "more than once", id="duplicate"),
        pytest.param("strong: [ziek]\nlinked: [vvd]", "link_before or link_after", id="no-link"),
        pytest.param(
            "strong: [ziek]\nlinked: [ziek]\nlink_before: [is]",
            "also be linked",
            id="strong-and-linked",
        ),
    ],
)
def test_bad_lexicon_file_is_a_config_error(tmp_path: Path, content: str, problem: str) -> None:
    path = tmp_path / "bad.yaml"
    header = "category: x\nentity: SPECIAL_X\narticle: a\nsource: [s]\nnotes: n\n"
    path.write_text(header + content + "\n", encoding="utf-8")
    with pytest.raises(ConfigError, match=problem):
        load_lexicon(path)


@pytest.mark.parametrize(
    ("written", "text", "found"),
    [
        pytest.param("ras", "ras rasecht raster", ["ras"], id="whole-word"),
        pytest.param(
            "verzuim*", "verzuimregistratie schoolverzuim", ["verzuimregistratie"], id="head"
        ),
        pytest.param(
            "*handicap", "arbeidshandicap handicapparkeren", ["arbeidshandicap"], id="tail"
        ),
        pytest.param(
            "*kanker*",
            "borstkanker kankerbestrijding",
            ["borstkanker", "kankerbestrijding"],
            id="part",
        ),
        pytest.param(
            "burn-out",
            "burnout, burn out, Burn-Out",
            ["burnout", "burn out", "burn-out"],
            id="hyphen",
        ),
        pytest.param("atheïst", "Atheist", ["atheist"], id="accents"),
        pytest.param("fnv", "mail pers@fnv.nl of www.fnv.nl", [], id="not-in-address"),
    ],
)
def test_term_syntax(written: str, text: str, found: list[str]) -> None:
    lexicon = build_lexicon(
        LexiconFile(
            category="x", entity="SPECIAL_X", article="a", source=["s"], notes="n", strong=[written]
        )
    )
    folded = fold(text)
    assert [folded[h.start : h.end] for h in lexicon.find(folded)] == found


def test_fold_keeps_offsets_for_every_character() -> None:
    text = "İstanbul, cliënt, ATHEÏST, ’s"
    assert len(fold(text)) == len(text)
    assert fold("Cliënt") == "client"


# --- Evidence and person link, per category ----------------------------------

REPORTED = [
    ("De patiënt kreeg de «hoofddiagnose» «depressie».", "SPECIAL_HEALTH"),
    ("Medewerker: J. Jansen\n«Ziekteverzuimregistratie» bijgewerkt.", "SPECIAL_HEALTH"),
    ("Zij heeft een «burn-out».", "SPECIAL_HEALTH"),
    ("Mevrouw Jansen krijgt «chemotherapie» tegen «borstkanker».", "SPECIAL_HEALTH"),
    ("Collega Fatima is «moslim» en eet alleen «halal».", "SPECIAL_RELIGION"),
    ("Mevrouw Bakker is van Surinaamse «afkomst».", "SPECIAL_ETHNICITY"),
    ("Zij is lid van de «SP».", "SPECIAL_POLITICAL"),
    ("Werknemer: P. Jansen\n«Vakbondscontributie» («FNV») EUR 21,50", "SPECIAL_TRADE_UNION"),
    ("De medewerker vertelt dat hij «homoseksueel» is.", "SPECIAL_SEXUAL_ORIENTATION"),
    ("Medewerker: J. Jansen, «vingerafdruk» ingelezen.", "SPECIAL_BIOMETRIC"),
    ("Geachte heer Jansen, de uitslag van het «vaderschapsonderzoek».", "SPECIAL_GENETIC"),
    ("De heer Jansen heeft een «strafblad».", "SPECIAL_CRIMINAL"),
]

NOT_REPORTED = [
    ("Het ziekenhuis opent een afdeling oncologie voor patiënten met kanker.", "SPECIAL_HEALTH"),
    ("Een medewerker die ziek is, gaat naar de bedrijfsarts.", "SPECIAL_HEALTH"),
    ("Er zijn twee psychiaters aangenomen.", "SPECIAL_HEALTH"),
    ("De patiënt staat centraal. De diagnose komt vaak als een schok.", "SPECIAL_HEALTH"),
    ("Mevrouw Jansen heeft diabetes.", "SPECIAL_HEALTH"),
    ("Het koor looft de Heer in de Grote Kerk tijdens de kerkdienst.", "SPECIAL_RELIGION"),
    ("Ik geloof dat mevrouw Jansen gelijk heeft over de kerk.", "SPECIAL_RELIGION"),
    ("Mevrouw Jansen (PVV) stemt tegen de motie.", "SPECIAL_POLITICAL"),
    ("Bij staking der stemmen beslist de heer Jansen niet.", "SPECIAL_TRADE_UNION"),
    ("Dienstverlening zit in ons DNA, aldus mevrouw De Vries.", "SPECIAL_GENETIC"),
    ("De medewerker meldt verdachte transacties bij de FIU.", "SPECIAL_CRIMINAL"),
    ("Mevrouw Jansen vergat haar aangifte inkomstenbelasting.", "SPECIAL_CRIMINAL"),
]


@pytest.mark.parametrize(("marked", "entity"), REPORTED + NOT_REPORTED)
def test_reported_only_with_evidence_and_a_person(detect: Detect, marked: str, entity: str) -> None:
    result = detect(marked, entity)
    assert result.found == result.expected
    assert all(score >= SCORE_THRESHOLD for score in result.scores)


def test_scores_follow_the_evidence(detect: Detect) -> None:
    strong = detect("De heer Jansen heeft een «strafblad».", "SPECIAL_CRIMINAL")
    two_weak = detect(
        "Collega Jansen bezoekt de «moskee» tijdens de «ramadan».", "SPECIAL_RELIGION"
    )
    unlinked = detect("Het ziekenhuis zoekt een «psychiater».", "SPECIAL_HEALTH", threshold=0.0)
    assert strong.scores == [special.STRONG_SCORE]
    assert two_weak.scores == [special.CORROBORATED_SCORE] * 2
    assert unlinked.found == unlinked.expected and unlinked.scores == [special.UNLINKED_SCORE]


def test_party_name_without_link_phrase_is_no_result_at_all(detect: Detect) -> None:
    assert (
        detect("Mevrouw Jansen (VVD) stemt tegen.", "SPECIAL_POLITICAL", threshold=0.0).found == []
    )
    linked = detect("Mevrouw Jansen stemt op de «VVD».", "SPECIAL_POLITICAL")
    assert linked.found == linked.expected


def test_quoted_speaker_is_no_data_subject(detect: Detect) -> None:
    text = "'De diagnose komt vaak als een schok', zegt Maaike de Vries, woordvoerder."
    assert detect(text, "SPECIAL_HEALTH").found == []


# --- Other recognizers' hits as the person link --------------------------------


def _spans(text: str, *terms: str) -> list[tuple[str, int, int]]:
    return [("SPECIAL_HEALTH", text.index(t), text.index(t) + len(t)) for t in terms]


def test_personal_email_links_functional_mailbox_does_not(analyzer: AnalyzerEngine) -> None:
    personal = "j.devries@example.nl: diagnose depressie"
    assert special_spans(analyzer, personal) == _spans(personal, "diagnose", "depressie")
    assert special_spans(analyzer, "info@example.nl: diagnose depressie") == []


def _person(start: int, end: int) -> RecognizerResult:
    return RecognizerResult("PERSON", start, end, 0.8, recognition_metadata={})


@pytest.mark.parametrize(
    ("text", "linked"),
    [
        pytest.param("Jan Jansen. Diagnose: depressie.", True, id="person-in-window"),
        pytest.param("Diagnose vaak te laat, zegt Jan Jansen.", False, id="quoted-speaker"),
    ],
)
def test_person_hit_from_another_recognizer_links(text: str, linked: bool) -> None:
    """PERSON comes from the NER/name recognizers; the link must not depend on them."""
    recognizer = NlHealthRecognizer()
    results = recognizer.analyze(text, ["SPECIAL_HEALTH"])
    name = text.index("Jan Jansen")
    assert all(r.score < SCORE_THRESHOLD for r in results)
    enhanced = recognizer.enhance_using_context(
        text, results, [_person(name, name + len("Jan Jansen"))], None
    )
    assert all((r.score >= SCORE_THRESHOLD) is linked for r in enhanced)


# --- The gate ------------------------------------------------------------------


def test_gate_finds_terms_in_text_without_digits_and_the_engine_reports_them(
    analyzer: AnalyzerEngine,
) -> None:
    filler = "Dit is een zin zonder cijfers of namen. " * 5
    text = "Mevrouw Jansen schreef een brief. " + filler + "Sinds maart is er een verzuimdossier."
    assert candidate_windows(text) == []
    gates = [r.gate_spans for r in analyzer.registry.recognizers if hasattr(r, "gate_spans")]
    [(start, end)] = candidate_windows(text, gates)
    assert start == 0  # the title sits within the link window, so inside the window
    detector = Detector(analyzer, ColumnProfiler({}, {}), SCORE_THRESHOLD, gates=gates)
    hits = [h for h in detector.detect_text(text) if h.entity_type.startswith("SPECIAL_")]
    assert [(h.entity_type, h.start, h.end) for h in hits] == _spans(text, "verzuimdossier")
    assert BEFORE < text.index("verzuimdossier") - text.index("Mevrouw") < LINK_WINDOW_CHARS


def test_gate_is_one_scan_shared_by_the_recognizers() -> None:
    text = "De patiënt heeft een strafblad en een burn-out."
    health, criminal = NlHealthRecognizer(), NlCriminalRecognizer()
    assert len(health.gate_spans(text)) == 1 and len(criminal.gate_spans(text)) == 1
    assert special._gate_scan.cache_info().currsize == 1


# --- Column profiling and configuration ----------------------------------------


@pytest.mark.parametrize(
    ("recognizer", "value", "valid"),
    [
        pytest.param(NlHealthRecognizer, " Depressie ", True, id="term"),
        pytest.param(NlHealthRecognizer, "burn-outklachten", True, id="compound"),
        pytest.param(NlHealthRecognizer, "diabetes type 2", False, id="more-than-a-term"),
        pytest.param(NlHealthRecognizer, "geen", False, id="no-term"),
        pytest.param(NlPoliticalOpinionRecognizer, "VVD", False, id="party-needs-link"),
    ],
)
def test_validate_value_for_column_profiling(
    recognizer: type[NlSpecialCategoryRecognizer], value: str, valid: bool
) -> None:
    assert recognizer().validate_value(value) is valid


def test_context_override_replaces_person_words(tmp_path: Path) -> None:
    path = tmp_path / "recognizers.yaml"
    path.write_text("recognizers:\n  - name: NlHealthRecognizer\n    context: [zorgvrager]\n")
    [recognizer] = build_recognizers(path)
    scores = {
        word: max(r.score for r in recognizer.analyze(f"De {word} heeft een burn-out.", []))
        for word in ("zorgvrager", "medewerker")
    }
    assert scores == {"zorgvrager": special.STRONG_SCORE, "medewerker": special.UNLINKED_SCORE}


def test_negative_context_override_replaces_not_when(tmp_path: Path) -> None:
    path = tmp_path / "recognizers.yaml"
    path.write_text("recognizers:\n  - name: NlCriminalRecognizer\n    negative_context: []\n")
    [recognizer] = build_recognizers(path)
    text = "De heer Jansen meldt verdachte transacties."
    assert NlCriminalRecognizer().analyze(text, []) == []
    assert [r.score for r in recognizer.analyze(text, [])] == [special.STRONG_SCORE]


def _some_terms() -> list[str]:
    """A few written terms of every category, and words around them."""
    terms = [
        term for category in CATEGORIES for term in sorted(shipped_lexicon(category).terms)[:6]
    ]
    return [*terms, "mevrouw", "Jansen", "heeft", "geen", "de", "123", ",", ".", "\n", "-"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_some_terms()), max_size=12))
def test_a_window_without_any_term_is_skipped_soundly(words: list[str]) -> None:
    """Every recognizer skips a window in which the gate's pattern (all
    lexicons' terms) finds nothing; no lexicon of its own may find a term there."""
    text = " ".join(words)
    if not special.shipped_gate().holds_a_term(text):
        folded = special.fold(text)
        assert all(shipped_lexicon(category).find(folded) == [] for category in CATEGORIES)


def test_holds_a_term_sees_any_category() -> None:
    gate = special.shipped_gate()
    assert not gate.holds_a_term("Uw BSN is 123456782, postcode 2601 DC.")
    for category in CATEGORIES:
        term = sorted(shipped_lexicon(category).terms)[0]
        assert gate.holds_a_term(f"Mevrouw Jansen en {term}."), category
