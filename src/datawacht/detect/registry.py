"""Which recognizers run for nl: `recognizers.yaml`, validated, turned into a registry.

The recognizer classes are the single source of defaults (patterns, scores,
context words); the YAML file only switches them on or off and may replace
their context or negative-context word lists.  Presidio's predefined
recognizers are never loaded (see the comments in the YAML file), which is
why the registry is built by hand instead of with
`load_predefined_recognizers`.

A configuration mistake is a `ConfigError` naming the file and the field,
because a silently ignored typo would switch detection off without anyone
noticing.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Collection, Iterable
from pathlib import Path

from presidio_analyzer import RecognizerRegistry
from pydantic import BaseModel, ConfigDict, field_validator, model_validator

from datawacht.detect import DEFAULT_RECOGNIZERS_YAML
from datawacht.detect.nlp import LANGUAGE
from datawacht.detect.recognizers import nl
from datawacht.detect.recognizers.base import DutchPatternRecognizer
from datawacht.detect.recognizers.nl import NlPhoneRecognizer
from datawacht.yamlfiles import load_yaml_model

log = logging.getLogger(__name__)

# Every Dutch recognizer offers `ENTITY` and `validate_value` on top of Presidio.
DutchRecognizer = DutchPatternRecognizer | NlPhoneRecognizer

CATALOGUE: dict[str, type[DutchRecognizer]] = {name: getattr(nl, name) for name in nl.__all__}


class RecognizerEntry(BaseModel):
    """One recognizer switch; omitted word lists keep the class defaults."""

    model_config = ConfigDict(extra="forbid")

    name: str
    enabled: bool = True
    context: list[str] | None = None
    negative_context: list[str] | None = None

    @field_validator("name")
    @classmethod
    def _known_name(cls, name: str) -> str:
        if name not in CATALOGUE:
            known = ", ".join(sorted(CATALOGUE))
            raise ValueError(f"unknown recognizer {name!r}; known: {known}")
        return name

    @field_validator("context", "negative_context")
    @classmethod
    def _no_blank_words(cls, words: list[str] | None) -> list[str] | None:
        if words is not None and any(not w.strip() for w in words):
            raise ValueError("context words must not be empty")
        return words


class RecognizersFile(BaseModel):
    """The whole `recognizers.yaml`."""

    model_config = ConfigDict(extra="forbid")

    recognizers: list[RecognizerEntry]

    @model_validator(mode="after")
    def _sane_selection(self) -> RecognizersFile:
        names = [entry.name for entry in self.recognizers]
        duplicates = sorted({n for n in names if names.count(n) > 1})
        if duplicates:
            raise ValueError(f"recognizers listed more than once: {', '.join(duplicates)}")
        # An empty registry would make Presidio load its own predefined set.
        if not any(entry.enabled for entry in self.recognizers):
            raise ValueError("no recognizer is enabled")
        return self


def load_recognizers_file(path: Path | None = None) -> RecognizersFile:
    """Read and validate a recognizers YAML file (the shipped one by default)."""
    return load_yaml_model(
        Path(path) if path else DEFAULT_RECOGNIZERS_YAML, RecognizersFile, "recognizers file"
    )


def build_recognizers(
    path: Path | None = None, entities: Collection[str] | None = None
) -> list[DutchRecognizer]:
    """Instantiate the enabled recognizers (only those of `entities` if
    given: compiling them all takes seconds), with the file's word-list
    overrides."""
    settings = load_recognizers_file(path)
    recognizers = [
        CATALOGUE[entry.name](context=entry.context, negative_context=entry.negative_context)
        for entry in settings.recognizers
        if entry.enabled and (entities is None or CATALOGUE[entry.name].ENTITY in entities)
    ]
    log.info("recognizers.loaded", extra={"recognizers": [r.name for r in recognizers]})
    return recognizers


def build_registry(path: Path | None = None) -> RecognizerRegistry:
    """A Presidio registry for nl holding exactly the enabled Dutch recognizers."""
    return RecognizerRegistry(recognizers=build_recognizers(path), supported_languages=[LANGUAGE])


def value_validators(recognizers: Iterable[DutchRecognizer]) -> dict[str, Callable[[str], bool]]:
    """`{entity_type: validate_value}` of recognizers already built (an
    analyzer's registry holds only catalogue classes), for column profiling."""
    return {recognizer.ENTITY: recognizer.validate_value for recognizer in recognizers}
