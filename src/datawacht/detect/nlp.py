"""The Dutch spaCy pipeline that Presidio runs on, loaded by path, never fetched.

Presidio's `SpacyNlpEngine` downloads a model whose name it does not find;
file servers are offline and spaCy's Dutch pipelines are not installable
here, so datawacht ships its own pipeline as package data and hands Presidio
the directory.  A path that exists is loaded as is, which is the only branch
of Presidio's loader we ever take; a missing pipeline is a configuration
error, never a reason to go online.

The shipped pipeline always has the `datawacht_lower_lemma` component:
Presidio's context enhancer compares token lemmas with context words, and a
pipeline without a lemmatizer leaves every lemma empty, which silently turns
all context boosts off.  The NER component (Dutch NLP issue) is added to the
same directory by `models/train.py`; until then the pipeline has none.
"""

from __future__ import annotations

import logging
from pathlib import Path

import spacy
from presidio_analyzer.nlp_engine import NerModelConfiguration, SpacyNlpEngine
from spacy.language import Language
from spacy.tokens import Doc

from datawacht.errors import ConfigError

log = logging.getLogger(__name__)

LANGUAGE = "nl"
SHIPPED_PIPELINE = Path(__file__).parent / "model" / "nl_datawacht"

# Labels of the project's own NER (Dutch NLP issue) mapped to Presidio names.
NER_LABELS_TO_ENTITIES = {
    "PER": "PERSON",
    "PERSON": "PERSON",
    "LOC": "LOCATION",
    "GPE": "LOCATION",
    "ORG": "ORGANIZATION",
}


@Language.component("datawacht_lower_lemma")
def lower_lemma(doc: Doc) -> Doc:
    """Use the lower-cased form as lemma, so that context words match."""
    for token in doc:
        token.lemma_ = token.lower_
    return doc


def build_blank_pipeline(destination: Path) -> Path:
    """Write the NER-less Dutch pipeline (tokenizer + lemma) to `destination`."""
    nlp = spacy.blank(LANGUAGE)
    nlp.add_pipe("datawacht_lower_lemma")
    nlp.meta["name"] = "datawacht"
    nlp.meta["description"] = "Dutch tokenizer with lower-case lemmas, no NER."
    nlp.meta["license"] = "EUPL-1.2"
    nlp.to_disk(destination)
    return destination


def load_nlp_engine(pipeline_dir: Path | None = None) -> SpacyNlpEngine:
    """Load the Dutch pipeline from a directory into a Presidio NLP engine."""
    path = Path(pipeline_dir) if pipeline_dir else SHIPPED_PIPELINE
    if not (path / "config.cfg").is_file():
        raise ConfigError(
            f"Dutch spaCy pipeline not found at {path}; datawacht never downloads "
            "models. Reinstall the package or point `detect.pipeline` at a "
            "pipeline directory."
        )
    engine = _PathEngine(
        models=[{"lang_code": LANGUAGE, "model_name": str(path)}],
        ner_model_configuration=NerModelConfiguration(
            model_to_presidio_entity_mapping=NER_LABELS_TO_ENTITIES,
            labels_to_ignore=["ORGANIZATION", "MISC"],
        ),
    )
    engine.load()
    log.info(
        "nlp.loaded", extra={"pipeline": str(path), "ner": engine.nlp[LANGUAGE].has_pipe("ner")}
    )
    return engine


class _PathEngine(SpacyNlpEngine):
    """Presidio's spaCy engine, with the pipeline loaded by `load_pipeline`."""

    def load(self) -> None:
        self.nlp = {
            model["lang_code"]: load_pipeline(Path(model["model_name"])) for model in self.models
        }


def load_pipeline(path: Path) -> Language:
    """`spacy.load(path)`, without building the Dutch tokenizer twice.

    Creating the Dutch language builds its tokenizer with some 9,000
    exceptions; `spacy.load` then reads the tokenizer on disk and adds them
    all again: 0.7 of the 1.7 s that loading the shipped pipeline takes, in
    every scan, daemon and worker start.  The shipped pipeline's tokenizer is
    spaCy's Dutch one unchanged, so it is skipped when it is byte for byte
    the one just built; any other (a pipeline with its own tokenizer) is
    read as spaCy reads it.
    """
    nlp = spacy.load(path, exclude=["tokenizer"])
    on_disk = path / "tokenizer"
    if on_disk.exists():
        saved = on_disk.read_bytes()
        if nlp.tokenizer.to_bytes(exclude=["vocab"]) != saved:
            nlp.tokenizer.from_bytes(saved, exclude=["vocab"])
    return nlp
