"""recognizers.yaml -> registry and analyzer: only the Dutch set, overrides, clear errors."""

from __future__ import annotations

from pathlib import Path

import pytest
from presidio_analyzer import AnalyzerEngine
from presidio_analyzer.context_aware_enhancers import LemmaContextAwareEnhancer

from datawacht.detect.analyzer import DutchContextEnhancer
from datawacht.detect.recognizers import nl
from datawacht.detect.registry import (
    build_recognizers,
    build_registry,
    load_recognizers_file,
    value_validators,
)
from datawacht.errors import ConfigError

ALL_ENTITIES = {
    "NL_BSN",
    "IBAN_CODE",
    "PHONE_NUMBER",
    "EMAIL_ADDRESS",
    "NL_POSTCODE",
    "DATE_OF_BIRTH",
    "NL_LICENSE_PLATE",
    "CREDIT_CARD",
    "IP_ADDRESS",
    "NL_RSIN",
    "NL_ONDERWIJSNUMMER",
    "NL_A_NUMMER",
    "NL_ID_DOCUMENT",
    "NL_DRIVING_LICENCE",
    "NL_V_NUMMER",
    "NL_KVK",
    "NL_VAT",
    "NL_BIG",
    "NL_AGB",
    "PERSON",
    "SPECIAL_HEALTH",
    "SPECIAL_RELIGION",
    "SPECIAL_ETHNICITY",
    "SPECIAL_POLITICAL",
    "SPECIAL_TRADE_UNION",
    "SPECIAL_SEXUAL_ORIENTATION",
    "SPECIAL_BIOMETRIC",
    "SPECIAL_GENETIC",
    "SPECIAL_CRIMINAL",
    "CLASSIFICATION_MARKING",
}


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "recognizers.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_shipped_file_enables_every_dutch_recognizer() -> None:
    settings = load_recognizers_file()
    assert sorted(e.name for e in settings.recognizers if e.enabled) == sorted(nl.__all__)


def test_registry_is_for_nl_only() -> None:
    registry = build_registry()
    assert registry.supported_languages == ["nl"]
    assert {r.supported_language for r in registry.recognizers} == {"nl"}


def test_analyzer_holds_only_datawacht_recognizers(analyzer: AnalyzerEngine) -> None:
    """No US recognizers, URL, Date, MedicalLicense, Crypto, Mac, Uuid, 8-region phone, spaCy."""
    assert analyzer.supported_languages == ["nl"]
    modules = {type(r).__module__ for r in analyzer.registry.recognizers}
    assert all(m.startswith("datawacht.") for m in modules)
    assert set(analyzer.get_supported_entities("nl")) == ALL_ENTITIES


def test_email_domain_is_not_reported_as_url(analyzer: AnalyzerEngine) -> None:
    results = analyzer.analyze("Mail j.devries@gemeente-voorbeeld.nl", language="nl")
    assert [r.entity_type for r in results] == ["EMAIL_ADDRESS"]


def test_context_override_replaces_class_words(tmp_path: Path) -> None:
    path = write(tmp_path, "recognizers:\n  - name: NlBsnRecognizer\n    context: [klantcode]\n")
    [recognizer] = build_recognizers(path)
    assert recognizer.context == ["klantcode"]
    [result] = recognizer.analyze("klantcode 111222333", ["NL_BSN"])
    assert result.score >= 0.8


def test_negative_context_override(tmp_path: Path) -> None:
    path = write(tmp_path, "recognizers:\n  - name: NlBsnRecognizer\n    negative_context: []\n")
    [recognizer] = build_recognizers(path)
    assert len(recognizer.analyze("Factuurnummer 123456782", ["NL_BSN"])) == 1


def test_disabled_recognizer_is_not_loaded(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "recognizers:\n  - name: NlBsnRecognizer\n  - name: NlIpRecognizer\n    enabled: false\n",
    )
    assert [r.name for r in build_recognizers(path)] == ["NlBsnRecognizer"]
    assert set(value_validators(build_recognizers(path))) == {"NL_BSN"}


@pytest.mark.parametrize(
    ("entity_type", "value", "valid"),
    [
        pytest.param("NL_BSN", "111222333", True, id="bsn"),
        pytest.param("IBAN_CODE", "NL91ABNA0417164300", True, id="iban"),
        pytest.param("PHONE_NUMBER", "06-12345678", True, id="phone"),
        pytest.param("EMAIL_ADDRESS", "j.devries@example.nl", True, id="email"),
        pytest.param("NL_POSTCODE", "2601 DC", True, id="postcode"),
        pytest.param("DATE_OF_BIRTH", "12-03-1985", True, id="date"),
        pytest.param("NL_LICENSE_PLATE", "83-GD-FV", True, id="plate"),
        pytest.param("CREDIT_CARD", "4111 1111 1111 1111", True, id="card"),
        pytest.param("IP_ADDRESS", "145.97.39.155", True, id="ip"),
        pytest.param("PERSON", "J.P. de Vries", True, id="person"),
        pytest.param("NL_BSN", "111222334", False, id="bsn-bad-check"),
    ],
)
def test_value_validators_cover_every_entity(entity_type: str, value: str, valid: bool) -> None:
    validators = value_validators(build_recognizers())
    assert set(validators) == ALL_ENTITIES
    assert validators[entity_type](value) is valid


@pytest.mark.parametrize(
    ("content", "field"),
    [
        pytest.param(
            "recognizers:\n  - name: NlFooRecognizer\n", "recognizers[0].name", id="unknown-name"
        ),
        pytest.param(
            "recognizers:\n  - name: NlBsnRecognizer\n    enabeld: true\n",
            "recognizers[0].enabeld",
            id="misspelled-field",
        ),
        pytest.param(
            "recognizers:\n  - name: NlBsnRecognizer\n    enabled: misschien\n",
            "recognizers[0].enabled",
            id="not-a-bool",
        ),
        pytest.param(
            "recognizers:\n  - name: NlBsnRecognizer\n    context: ['  ']\n",
            "recognizers[0].context",
            id="blank-context-word",
        ),
        pytest.param(
            "recognizers:\n  - name: NlBsnRecognizer\n  - name: NlBsnRecognizer\n",
            "more than once",
            id="duplicate",
        ),
        pytest.param(
            "recognizers:\n  - name: NlBsnRecognizer\n    enabled: false\n",
            "no recognizer is enabled",
            id="nothing-enabled",
        ),
        pytest.param("- NlBsnRecognizer\n", "(top level)", id="not-a-mapping"),
        pytest.param("recognizers: [\n", "not valid YAML", id="yaml-syntax"),
    ],
)
def test_bad_file_names_file_and_field(tmp_path: Path, content: str, field: str) -> None:
    path = write(tmp_path, content)
    with pytest.raises(ConfigError) as caught:
        build_registry(path)
    assert str(path) in str(caught.value)
    assert field in str(caught.value)


def test_missing_file_is_a_config_error(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="cannot read"):
        load_recognizers_file(tmp_path / "absent.yaml")


@pytest.mark.parametrize(
    ("tokens", "words", "expected"),
    [
        pytest.param(["hotel"], ["tel"], "", id="no-substring"),
        pytest.param(["tel."], ["tel"], "tel", id="abbreviation-dot"),
        pytest.param(["bsn-nummer"], ["bsn"], "bsn", id="hyphenated-compound"),
        pytest.param(["principe"], ["ip"], "", id="no-substring-ip"),
        pytest.param(["geb. datum"], ["geb."], "geb.", id="external-column-name"),
    ],
)
def test_enhancer_matches_whole_words(tokens: list[str], words: list[str], expected: str) -> None:
    assert DutchContextEnhancer._find_supportive_word_in_context(tokens, words) == expected


ENHANCER_TEXTS = [
    # context after the value (the enhancer's suffix words), context before
    # (the recognizer's own boost), no context, and names
    "Het nummer 111222333 is het bsn van dhr. P. de Vries, tel 0612345678.",
    "Mail naar j.jansen@example.nl of bel 020-1234567; postcode 2601 DC.",
    "Rekening NL91ABNA0417164300 t.n.v. mevrouw El Amrani, geboren 12-03-1985.",
    "Kenteken 12-ABC-3 en IP 145.97.39.155 in het logboek van Kees Kowalski.",
]


@pytest.mark.parametrize("context", [None, ["telefoon"], ["e-mail adres"]])
def test_enhancer_gives_what_presidios_own_gives(
    analyzer: AnalyzerEngine, context: list[str] | None
) -> None:
    """Only the results Presidio's enhancer can change are handed to it; the
    analysis must be the same as when it is handed all of them."""

    class AllResults(DutchContextEnhancer):
        enhance_using_context = LemmaContextAwareEnhancer.enhance_using_context

    def engine(enhancer: DutchContextEnhancer) -> AnalyzerEngine:
        return AnalyzerEngine(
            registry=analyzer.registry,
            nlp_engine=analyzer.nlp_engine,
            supported_languages=["nl"],
            default_score_threshold=0.0,
            context_aware_enhancer=enhancer,
        )

    reference, ours = engine(AllResults()), engine(DutchContextEnhancer())

    def run(engine: AnalyzerEngine, text: str) -> list[tuple[str, int, int, float, str]]:
        return [
            (r.entity_type, r.start, r.end, r.score, r.analysis_explanation.supportive_context_word)
            for r in engine.analyze(text, "nl", context=context, return_decision_process=True)
        ]

    boosted = 0
    for text in ENHANCER_TEXTS:
        expected = run(reference, text)
        assert run(ours, text) == expected
        boosted += sum(1 for *_, word in expected if word)
    assert boosted  # the texts do exercise context boosts
