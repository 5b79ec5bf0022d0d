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
    engine = SpacyNlpEngine(
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
