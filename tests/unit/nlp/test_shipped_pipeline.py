"""The Dutch pipeline shipped inside the package: loads offline, has NER and lemmas.

Fast checks on the committed pipeline directory; nothing is trained here
(models/train.py does that, and CI never retrains).  The names below are
fictitious.
"""

from __future__ import annotations

import json
import socket
from collections.abc import Iterator
from pathlib import Path

import pytest
import spacy
from presidio_analyzer.nlp_engine import SpacyNlpEngine
from spacy.language import Language

from datawacht.detect.nlp import SHIPPED_PIPELINE, load_nlp_engine, load_pipeline

MAX_BYTES = 50 * 1024 * 1024


@pytest.fixture(scope="module")
def engine() -> Iterator[SpacyNlpEngine]:
    """Load through the product's loader with every network connection refused."""

    def refuse(*args: object, **kwargs: object) -> None:
        raise OSError("network access during pipeline loading")

    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(socket.socket, "connect", refuse)
        mp.setattr(socket, "create_connection", refuse)
        yield load_nlp_engine()


@pytest.fixture(scope="module")
def nlp(engine: SpacyNlpEngine) -> Language:
    return engine.nlp["nl"]


def test_loads_the_shipped_directory_by_path(nlp: Language) -> None:
    assert (SHIPPED_PIPELINE / "config.cfg").is_file()
    assert nlp.lang == "nl"
    assert nlp.meta["name"] == "datawacht"


def test_has_ner_with_person_location_organisation(nlp: Language) -> None:
    assert "ner" in nlp.pipe_names
    assert {"PER", "LOC", "ORG"} <= set(nlp.get_pipe("ner").labels)


def test_keeps_the_lower_case_lemma_component(nlp: Language) -> None:
    assert "datawacht_lower_lemma" in nlp.pipe_names
    doc = nlp("De Heer van der BERG woont in de Kerkstraat te UTRECHT.")
    assert all(token.lemma_ == token.lower_ for token in doc)
    assert doc[1].lemma_ == "heer"


def test_pipeline_directory_is_small() -> None:
    size = sum(p.stat().st_size for p in Path(SHIPPED_PIPELINE).rglob("*") if p.is_file())
    assert size <= MAX_BYTES


def test_meta_states_the_training_data_licence() -> None:
    meta = json.loads((SHIPPED_PIPELINE / "meta.json").read_text(encoding="utf8"))
    assert "CC BY-SA" in meta["license"]
    assert any("WikiANN" in source["name"] for source in meta["sources"])


def test_shipped_config_holds_no_training_paths() -> None:
    config = (SHIPPED_PIPELINE / "config.cfg").read_text(encoding="utf8")
    assert "/models/corpus" not in config
    assert "time_budget" not in config


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Geachte mevrouw Jansen,", "Jansen"),
        ("Met vriendelijke groet,\nPieter de Boer\nAdviseur Burgerzaken", "Pieter de Boer"),
    ],
    ids=["salutation", "signature"],
)
def test_names_in_administrative_text_are_persons(nlp: Language, text: str, name: str) -> None:
    start = text.index(name)
    doc = nlp(text)
    persons = [e for e in doc.ents if e.label_ == "PER"]
    # robust: some PER entity overlaps the name; the title is never the whole entity
    assert any(e.start_char < start + len(name) and e.end_char > start for e in persons)


def test_presidio_sees_the_entities_as_person(engine: SpacyNlpEngine) -> None:
    artifacts = engine.process_text("Geachte heer Bakker,", language="nl")
    labels = {e.label_ for e in artifacts.entities}
    assert "PERSON" in labels or "PER" in labels


TRICKY = [
    "Geachte mevr. dr. A.B. de Vries-El Amrani, t.a.v. afd. Zorg, o.a. bijv. m.b.t. "
    "uw brief d.d. 12-03-2024 (kenmerk 2024/0815) over 's-Hertogenbosch en Zeeuws-Vlaanderen.",
    "Mail j.jansen@example.nl of kijk op https://www.example.nl/pad?x=1 — 't Zandt, z'n fiets.",
    "Dhr. P. van der Berg woont aan de Kerkstraat 12a te Utrecht; tel. 06-12345678.",
]


def test_the_loader_gives_what_spacy_load_gives(nlp: Language) -> None:
    """The shipped tokenizer is not read twice (see `load_pipeline`); the
    result must be spaCy's own, token for token, with the same entities."""
    reference = spacy.load(SHIPPED_PIPELINE)
    for ours, theirs in zip(nlp.pipe(TRICKY), reference.pipe(TRICKY), strict=True):
        assert [(t.text, t.whitespace_, t.lemma_, t.ent_iob_, t.ent_type_) for t in ours] == [
            (t.text, t.whitespace_, t.lemma_, t.ent_iob_, t.ent_type_) for t in theirs
        ]


def test_a_pipeline_with_its_own_tokenizer_keeps_it(tmp_path: Path) -> None:
    own = spacy.blank("nl")
    own.tokenizer.add_special_case("datawachtje", [{"ORTH": "data"}, {"ORTH": "wachtje"}])
    own.to_disk(tmp_path / "own")
    loaded = load_pipeline(tmp_path / "own")
    assert [t.text for t in loaded("een datawachtje")] == ["een", "data", "wachtje"]
