"""PERSON: Dutch names by rules and lists, the NER recognizer's vetoes, name cells.

Facts used (domain reference A2.21): initials with dots, with or without
spaces; tussenvoegsels in lower case after initials or a first name and
capitalised after a title alone (`mevrouw De Vries`); double names with a
hyphen (`Jansen-de Vries`); salutations dhr., mevr., mw., de heer, mevrouw,
mr., drs., ir., dr.; traps: street names after people, organisations,
eponymous diseases (deduce #119).  Names are fictitious or from Faker nl_NL.
"""

from __future__ import annotations

import functools
from pathlib import Path

import pytest
import spacy
from faker import Faker
from hypothesis import given, settings
from hypothesis import strategies as st
from presidio_analyzer import AnalyzerEngine, RecognizerRegistry
from presidio_analyzer.nlp_engine import NlpArtifacts

from datawacht.detect.analyzer import SCORE_THRESHOLD, DutchContextEnhancer, build_analyzer
from datawacht.detect.columns import ColumnProfiler, load_hints
from datawacht.detect.engine import candidate_windows
from datawacht.detect.names.lexicon import load_lexicon
from datawacht.detect.nlp import LANGUAGE, load_nlp_engine
from datawacht.detect.recognizers.nl import NlNerPersonRecognizer, NlPersonRecognizer
from datawacht.records import Cell, Column
from unit.detect.conftest import Detection, unmark

ENTITY = "PERSON"

_FAKE = Faker("nl_NL")
_FAKE.seed_instance(2102)
GENERATED = [(_FAKE.first_name(), _FAKE.last_name()) for _ in range(3)]


@pytest.fixture(scope="module")
def detect():
    """The rule recognizer alone, through Presidio with the shipped pipeline.

    These tables describe what the rules decide; what the NER adds on top is
    judged by the regression suite (tests/data/regression/person.json).
    """
    registry = RecognizerRegistry(supported_languages=[LANGUAGE])
    registry.add_recognizer(NlPersonRecognizer())
    analyzer = AnalyzerEngine(
        registry=registry,
        nlp_engine=load_nlp_engine(),
        supported_languages=[LANGUAGE],
        context_aware_enhancer=DutchContextEnhancer(),
    )

    def run(marked: str, entity: str, threshold: float = SCORE_THRESHOLD) -> Detection:
        text, expected = unmark(marked)
        results = sorted(
            analyzer.analyze(text, language=LANGUAGE, entities=[entity], score_threshold=threshold),
            key=lambda r: r.start,
        )
        return Detection(expected, [(r.start, r.end) for r in results], [r.score for r in results])

    return run


FOUND = [
    pytest.param("Geachte mevrouw «A.M. van der Berg-de Jong»,", id="salutation-initials-double"),
    pytest.param("Gesprek met dhr. «K. ter Horst» over zijn verzuim.", id="dhr-initial-ter"),
    pytest.param("Aanwezig: «J.P. de Vries» (voorzitter)", id="initials-de"),
    pytest.param("Aanwezig: «J. P. de Vries»", id="initials-with-space"),
    pytest.param("De heer «Jansen» belde terug.", id="de-heer-surname"),
    pytest.param("Gesprek met mevrouw «De Vries».", id="mevrouw-capital-tussenvoegsel"),
    pytest.param("Brief aan mevrouw «'t Hart».", id="apostrophe-t"),
    pytest.param("Uitgenodigd: mr. drs. «E. van Dijk-Bakker»", id="two-titles"),
    pytest.param("Vanmiddag sprak «Daan Bakker» met de teamleider.", id="first-and-surname"),
    pytest.param("Vanmiddag sprak «Jan Kees Bakker» met ons.", id="unlisted-middle-name"),
    pytest.param("Het verslag is van «Jan van Oosterwijk».", id="first-name-tussenvoegsel"),
    pytest.param("Gesprek met «Mohamed el Amrani» gehad.", id="first-name-el"),
    pytest.param("Aanvraag van «Anna-Sophie de Jong».", id="hyphenated-first-name"),
    pytest.param("Ook «Emma Jansen-de Vries» was er.", id="double-surname"),
    pytest.param("Naam: «Kees Kowalski»", id="name-label"),
    pytest.param("Achternaam: «Kowalski»", id="name-label-single-word"),
    pytest.param("Medewerker: «Tim de Boer»", id="role-label"),
    pytest.param("Vandaag sprak wethouder «Van der Meer».", id="role-capital-tussenvoegsel"),
    pytest.param("Vandaag belde medewerker «Jansen» terug.", id="role-listed-surname"),
    pytest.param("Gesprek met cliënt «Emma Kowalski».", id="role-boosts-first-name"),
    pytest.param("Zie «Jansen, J.P.» (2019).", id="surname-first-initials"),
    pytest.param("Zie «Vries, J. de» (2019).", id="surname-first-tussenvoegsel-last"),
    pytest.param("Beste «Daan»,\n\nDank je wel.", id="greeting-first-name"),
    pytest.param("Hoi «Gunter»,\n\nDank je wel.", id="greeting-unlisted-salutation-line"),
    pytest.param("Leidinggevende «Geert ter Feys» belt.", id="role-unlisted-tussenvoegsel"),
    pytest.param("Met vriendelijke groet,\n\n«Kees Kowalski»\nTeamleider", id="signature"),
    pytest.param("Groet, «Sanne»", id="signature-same-line"),
    pytest.param("Hoogachtend,\n\nDrs. «J.A. Bakker»\nDirecteur", id="signature-with-title"),
    pytest.param("Van: «Lisa Jansen» <l.jansen@example.nl>", id="mail-header"),
    pytest.param("Dhr «Jansen» en Mevr. «Bakker-de Wit»", id="titles-without-dot"),
    *[
        pytest.param(f"Vanmiddag sprak «{first} {last}» met ons.", id=f"faker-{i}")
        for i, (first, last) in enumerate(GENERATED)
    ],
]

NOT_FOUND = [
    pytest.param("Dinsdag belde Bakker. Visser was er ook.", id="lone-common-surnames"),
    pytest.param("Smit en de Jong kwamen later.", id="lone-surname-tussenvoegsel"),
    pytest.param("In Januari kwam iedereen naar Amsterdam.", id="month-and-place"),
    pytest.param("De minister van Financiën sprak.", id="role-van-preposition"),
    pytest.param("Het adres is Willem de Zwijgerlaan 12.", id="street-after-person"),
    pytest.param("Zij woont aan de Jan van Galenstraat.", id="street-with-first-name"),
    pytest.param("Stichting Emma Jansen ontving subsidie.", id="organisation-before"),
    pytest.param("Factuur van Jansen Transport B.V. ontvangen.", id="organisation-after"),
    pytest.param("Zij werkt bij het Willem Alexander Ziekenhuis.", id="hospital"),
    pytest.param("Patiënt heeft de ziekte van Lyme.", id="eponym-lyme"),
    pytest.param("Het syndroom van Gilles de la Tourette.", id="eponym-with-first-name"),
    pytest.param("De ziekte van Emma Jansen bestaat niet.", id="eponym-head"),
    pytest.param("De storm Emma en orkaan Sophie waren zwaar.", id="storm-names"),
    pytest.param("Onze hond Max Bakker is ziek.", id="pet"),
    pytest.param("Bijlage A. Overzicht van de kosten", id="single-initial-unlisted"),
    pytest.param("Neem vitamine D. Daarna gaat het beter.", id="initial-sentence-word"),
    pytest.param("Ben je er morgen? Ben Daarna er ook?", id="first-name-common-word"),
    pytest.param("Naam: Onbekend", id="label-common-word"),
    pytest.param("Beste Bewoner,\n\nDe straat gaat open.", id="greeting-a-group"),
    pytest.param("Hoi Gunter en de rest van het team", id="greeting-not-a-salutation-line"),
    pytest.param("De manager Customer Service belt.", id="role-unlisted-words"),
    pytest.param(
        "Met vriendelijke groet,\n\nGemeente Utrecht\nTeam Burgerzaken", id="org-signature"
    ),
    pytest.param("Groeten uit Rome, groeten van Jan.", id="groeten-uit"),
    pytest.param("Microsoft Teams en Google Chrome werken niet.", id="products"),
    pytest.param("Geachte heer/mevrouw,", id="salutation-without-name"),
    pytest.param("Emma Rotterdam", id="first-name-and-place"),
    pytest.param("Daarna belt Noah de Klantenservice.", id="article-before-capitalised-noun"),
]


@pytest.mark.parametrize("marked", FOUND)
def test_person_found(detect, marked: str) -> None:
    result = detect(marked, ENTITY)
    assert result.found == result.expected


@pytest.mark.parametrize("marked", NOT_FOUND)
def test_person_not_found(detect, marked: str) -> None:
    assert detect(marked, ENTITY).found == []


@pytest.mark.parametrize(
    ("marked", "low", "high"),
    [
        pytest.param("mevrouw «Jansen»", 0.85, 0.85, id="title"),
        pytest.param("«J.P. de Vries»", 0.8, 0.8, id="initials"),
        pytest.param("sprak «Daan Bakker» ons", 0.7, 0.7, id="both-listed"),
        pytest.param("sprak «Daan Kowalski» ons", 0.4, 0.4, id="surname-unlisted"),
        pytest.param("sprak «Daan van Kowalski» ons", 0.6, 0.6, id="tussenvoegsel"),
        pytest.param("Zie bijlage «A. Overzichtje»", 0.45, 0.45, id="single-initial"),
    ],
)
def test_scores_follow_the_evidence(detect, marked: str, low: float, high: float) -> None:
    result = detect(marked, ENTITY, threshold=0.0)
    assert result.found == result.expected
    assert all(low <= score <= high for score in result.scores)


def test_results_are_marked_as_context_scored() -> None:
    """The lemma enhancer must not add a second boost for a label eight tokens away."""
    [result] = NlPersonRecognizer().analyze("De naam van de klant is Jansen, J.", [ENTITY])
    assert result.recognition_metadata[result.IS_SCORE_ENHANCED_BY_CONTEXT_KEY] is True
    assert result.score == NlPersonRecognizer.INITIALS_SCORE


def test_gate_reports_name_candidates_only() -> None:
    recognizer = NlPersonRecognizer()
    prose = "De vergadering begon laat. Iedereen was moe en de koffie was op. " * 50
    assert list(recognizer.gate_spans(prose)) == []
    text = prose + "Toen kwam Daan Bakker binnen. " + prose
    where = text.index("Daan")
    assert [(start, end) for start, end in recognizer.gate_spans(text)] == [(where, where + 4)]
    assert candidate_windows(text, [recognizer.gate_spans]) != []


@functools.cache
def _rule_recognizer() -> NlPersonRecognizer:
    return NlPersonRecognizer()


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("Gisteren sprak Jan over de Vries met de wijkagent.", id="over-de"),
        pytest.param("Beste de Vries,\nhierbij de stukken.", id="greeting-particle"),
        pytest.param("Toen belde mevrouw von Amsberg terug.", id="von"),
    ],
)
def test_gate_knows_every_listed_particle(text: str) -> None:
    """Names whose only start is a particle the lexicon lists open a window."""
    recognizer = _rule_recognizer()
    assert recognizer.names(text) != []
    assert candidate_windows(text, [recognizer.gate_spans]) != []


NAME_PIECES = [
    *("Jan", "Daan", "Fatima", "Kees", "Jansen", "de Vries", "El Amrani", "Kowalski", "DE VRIES"),
    *("van", "der", "de", "over", "voor", "het", "onder", "von", "'s", "'t", "d'", "ten", "Van"),
    *("J.", "P.J.", "IJ.", "Th.", "dhr.", "mevrouw", "heer", "de heer", "Dr", "Geachte"),
    *("Beste", "Hoi", "Met vriendelijke groet", "Hoogachtend", "Groeten", "Naam:", "Aanvrager"),
    *("t.a.v.", "cc:", "BSN", "123456782", "06-12345678", "Utrecht", "belde", "dossier"),
    *(" ", "  ", "\t", "\n", "\n\n", ",", ".", ":", "-", "("),
]


@settings(max_examples=1000, deadline=None)
@given(st.lists(st.sampled_from(NAME_PIECES), max_size=14))
def test_no_rule_reads_a_name_where_the_gate_reports_nothing(pieces: list[str]) -> None:
    """`analyze` skips a text without gate spans, so the rules must agree."""
    recognizer = _rule_recognizer()
    text = " ".join(pieces)
    if next(iter(recognizer.gate_spans(text)), None) is None:
        assert recognizer.names(text) == []


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("Geachte mevrouw De Vries", id="title"),
        pytest.param("Aanwezig: J.P. de Vries", id="initials"),
        pytest.param("Zie Jansen, J.", id="surname-first"),
        pytest.param("Beste Daan,", id="greeting"),
        pytest.param("Met vriendelijke groet,\n\nKees Kowalski", id="closing"),
        pytest.param("wethouder Van der Meer", id="label"),
    ],
)
def test_gate_opens_a_window_for_every_rule(text: str) -> None:
    recognizer = NlPersonRecognizer()
    found = recognizer.analyze(text, [ENTITY])
    spans = list(recognizer.gate_spans(text))
    assert found and spans
    assert all(any(s <= r.start + 60 and r.end <= e + 120 for s, e in spans) for r in found)


@pytest.mark.parametrize(
    ("value", "valid"),
    [
        pytest.param("J.P. de Vries", True, id="initials-name"),
        pytest.param("Jan", True, id="listed-first-name"),
        pytest.param("Bakker", True, id="listed-common-surname"),
        pytest.param("de Vries", True, id="surname-with-tussenvoegsel"),
        pytest.param("van der Kowalski", True, id="tussenvoegsel-unlisted"),
        pytest.param("van der", True, id="tussenvoegsel-column"),
        pytest.param("J.P.", True, id="voorletters-column"),
        pytest.param("Vries, J.P. de", True, id="surname-first"),
        pytest.param("JANSEN-DE VRIES", True, id="capitals"),
        pytest.param("Daan Kowalski", True, id="listed-first-unlisted-last"),
        pytest.param("Kowalski", False, id="unlisted-single"),
        pytest.param("Amsterdam", False, id="place"),
        pytest.param("Willem de Zwijgerlaan", False, id="street"),
        pytest.param("Jansen B.V.", False, id="organisation"),
        pytest.param("Onbekend", False, id="common-word"),
        pytest.param("J. de Vries 12", False, id="digits"),
        pytest.param("", False, id="empty"),
    ],
)
def test_validate_value(value: str, valid: bool) -> None:
    assert NlPersonRecognizer().validate_value(value) is valid


def _column(name: str, values: list[str]) -> Column:
    return Column(name, 0, tuple(Cell(row + 2, v) for row, v in enumerate(values)))


@pytest.fixture(scope="module")
def profiler() -> ColumnProfiler:
    recognizer = NlPersonRecognizer()
    return ColumnProfiler({ENTITY: recognizer.validate_value}, load_hints())


def test_first_name_and_surname_columns_are_person(profiler: ColumnProfiler) -> None:
    fake = Faker("nl_NL")
    fake.seed_instance(7)
    first = [fake.first_name() for _ in range(30)]
    last = [fake.last_name() for _ in range(30)]
    for header, values in (("voornaam", first), ("Achternaam", last)):
        verdict = profiler.profile(_column(header, values))
        assert verdict is not None and verdict.entity_type == ENTITY and verdict.header_hint


def test_place_and_street_columns_are_not_person(profiler: ColumnProfiler) -> None:
    places = ["Amsterdam", "Utrecht", "Zwolle", "Groningen", "Delft", "Leiden", "Ede"] * 3
    streets = ["Kerkstraat", "Dorpsstraat", "Molenweg", "Stationsplein", "Julianalaan"] * 3
    assert profiler.profile(_column("plaatsnaam", places)) is None
    assert profiler.profile(_column("straatnaam", streets)) is None


def test_company_name_header_does_not_hint_person(profiler: ColumnProfiler) -> None:
    assert profiler.header_hint("bedrijfsnaam") != ENTITY
    assert profiler.header_hint("naam_contactpersoon") == ENTITY


# -- the NER recognizer, with hand-made spans (no trained model needed) ------


@functools.cache
def _blank_dutch() -> spacy.language.Language:
    return spacy.blank("nl")


def _artifacts(text: str, spans: list[tuple[str, str]]) -> NlpArtifacts:
    """A Doc whose entities are set by hand: (span text, label) in order of appearance."""
    doc = _blank_dutch()(text)
    ents, position = [], 0
    for span_text, label in spans:
        start = text.index(span_text, position)
        position = start + len(span_text)
        ents.append(doc.char_span(start, position, label=label, alignment_mode="expand"))
    doc.ents = ents
    return NlpArtifacts(
        entities=list(doc.ents),
        tokens=doc,
        tokens_indices=[t.idx for t in doc],
        lemmas=[t.lower_ for t in doc],
        nlp_engine=None,
        language="nl",
        scores=[0.85] * len(ents),
    )


def _ner(text: str, spans: list[tuple[str, str]]) -> list[tuple[str, float]]:
    recognizer = NlNerPersonRecognizer(pipeline_has_ner=True)
    results = recognizer.analyze(text, [ENTITY], _artifacts(text, spans))
    return [(text[r.start : r.end], r.score) for r in results]


def test_ner_keeps_unlisted_names_and_trims_titles() -> None:
    text = "Gesprek met mevrouw Kees Kowalski en Ahmed."
    found = _ner(text, [("mevrouw Kees Kowalski", "PERSON"), ("Ahmed", "PERSON")])
    assert found == [("Kees Kowalski", 0.6), ("Ahmed", 0.4)]


def test_ner_trims_marks_left_behind_by_a_dropped_sentence_word() -> None:
    text = "Ik, Kees Kowalski, ben lid."
    assert _ner(text, [("Ik, Kees Kowalski", "PERSON")]) == [("Kees Kowalski", 0.6)]


@pytest.mark.parametrize(
    ("text", "span"),
    [
        pytest.param("Hij heeft de ziekte van Parkinson.", "Parkinson", id="eponym"),
        pytest.param("Patiënt met Alzheimer opgenomen.", "Alzheimer", id="eponym-alone"),
        pytest.param("Subsidie voor Stichting Anna van Dijk.", "Anna van Dijk", id="organisation"),
        pytest.param(
            "Zij woont aan de Willem de Zwijgerlaan.", "Willem de Zwijgerlaan", id="street"
        ),
        pytest.param("In Amsterdam is het druk.", "Amsterdam", id="place"),
        pytest.param("Toen ging het mis.", "Toen", id="sentence-word"),
        pytest.param("Na de storm Eunice", "Eunice", id="negative-context"),
        pytest.param(
            "AANVRAAGFORMULIER PARKEERVERGUNNING\nNaam:",
            "AANVRAAGFORMULIER PARKEERVERGUNNING",
            id="all-caps-heading",
        ),
    ],
)
def test_ner_vetoes(text: str, span: str) -> None:
    assert _ner(text, [(span, "PERSON")]) == []


def test_ner_ignores_other_labels_and_missing_model() -> None:
    text = "Daan woont in Utrecht."
    assert _ner(text, [("Utrecht", "LOCATION")]) == []
    recognizer = NlNerPersonRecognizer(pipeline_has_ner=False)
    assert recognizer.analyze(text, [ENTITY], _artifacts(text, [])) == []
    assert list(recognizer.gate_spans("maar toen kwam Kowalski binnen")) == []


def test_ner_gate_reports_capitals_inside_sentences() -> None:
    recognizer = NlNerPersonRecognizer(pipeline_has_ner=True)
    text = "Toen kwam Kowalski binnen."
    assert list(recognizer.gate_spans(text)) == [(10, 18)]


def test_both_recognizers_validate_cells_alike() -> None:
    assert load_lexicon() is load_lexicon()
    for value in ("J.P. de Vries", "Kowalski", "Bakker"):
        assert NlNerPersonRecognizer().validate_value(value) is NlPersonRecognizer().validate_value(
            value
        )


def test_ner_spans_reach_the_recognizer_through_the_analyzer(tmp_path: Path) -> None:
    """A pipeline whose entity ruler tags PER stands in for the trained model."""
    nlp = spacy.blank("nl")
    nlp.add_pipe("datawacht_lower_lemma")
    ruler = nlp.add_pipe("entity_ruler")
    ruler.add_patterns(
        [{"label": "PER", "pattern": "Kees Kowalski"}, {"label": "PER", "pattern": "Parkinson"}]
    )
    nlp.to_disk(tmp_path / "pipeline")
    analyzer = build_analyzer(pipeline_dir=tmp_path / "pipeline")
    text = "Gisteren sprak Kees Kowalski over de ziekte van Parkinson."
    results = analyzer.analyze(text, language="nl", entities=[ENTITY])
    assert [(text[r.start : r.end], r.score) for r in results] == [("Kees Kowalski", 0.6)]


def test_shipped_lists_hold_what_the_rules_assume() -> None:
    """Surnames are capitalised cores, no list word is a month, every eponym has a head."""
    lexicon = load_lexicon()
    assert len(lexicon.first_names) > 400 and len(lexicon.surnames) > 900
    assert all(s[0].isupper() and " " not in s for s in lexicon.surnames)
    assert not any(lexicon.is_tussenvoegsel(s) for s in lexicon.surnames)
    assert not {"Maart", "Mei", "Juni", "Maandag"} & (lexicon.first_names | lexicon.surnames)
    assert {"van der", "'t", "el", "ter"} <= lexicon.tussenvoegsels
    assert {"Lyme", "Down", "Parkinson"} <= lexicon.eponym_names


def test_ner_gate_is_shut_while_the_ner_is_switched_off() -> None:
    """Table cells are analysed with the NER off: no window for it there."""
    nlp = spacy.blank("nl")
    nlp.add_pipe("ner")
    recognizer = NlNerPersonRecognizer()
    recognizer.use_pipeline(nlp)
    text = "Toen kwam Kowalski binnen."
    assert list(recognizer.gate_spans(text)) == [(10, 18)]
    with nlp.select_pipes(disable=["ner"]):
        assert list(recognizer.gate_spans(text)) == []
    assert list(recognizer.gate_spans(text)) == [(10, 18)]
