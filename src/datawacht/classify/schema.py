"""The rule files in `rules/`, validated into typed models.

A mistake in a rule file must be an error that names the file, the line and
the field, not a label that silently comes out wrong: pydantic checks every
file (`extra="forbid"` everywhere, so a misspelt key is an error too) and
`yamlfiles` turns its errors into `file:line: field: message`.

One file is one *layer*.  A layer either stands alone (it defines the
labels) or says `extends: default` and changes the shipped rules: it may
`disable` rules by id and add or replace rules with the same id, as
gitleaks' `[extend]` does.  `layers.py` merges the layers into one
`RuleSet`.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

SensitivityClass = Literal["S0", "S1", "S2", "S3"]
CLASS_ORDER: dict[str, int] = {"S0": 0, "S1": 1, "S2": 2, "S3": 3}
Severity = Literal["info", "low", "medium", "high", "critical"]
SEVERITY_ORDER: tuple[str, ...] = ("info", "low", "medium", "high", "critical")

RULE_ID = r"^[a-z0-9][a-z0-9_.-]*$"
ENTITY_TYPE = r"^[A-Z][A-Z0-9_]*$"


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", populate_by_name=True, frozen=True)


class Label(_Strict):
    id: str = Field(pattern=r"^[a-z][a-z0-9_-]*$")
    description: str


class EntityRule(_Strict):
    """What one entity type weighs: its class, a weight for sorting, and the
    label one finding of it gives an object."""

    sensitivity: SensitivityClass = Field(alias="class")
    weight: int = Field(ge=0, le=100)
    label: str
    description: str = ""


class VolumeRule(_Strict):
    """Many people raise the label: `min_subjects` distinct data subjects
    (counted from fingerprints) in an object of at least class `class`."""

    id: str = Field(pattern=RULE_ID)
    sensitivity: SensitivityClass = Field(alias="class")
    min_subjects: int = Field(gt=0)
    label: str
    reason: str


class EntityCondition(_Strict):
    """An entity type, optionally only hits of one recognizer pattern
    (`NL_ID_DOCUMENT` from the `mrz` patterns: an ID copy)."""

    entity: str = Field(pattern=ENTITY_TYPE)
    pattern: str | None = Field(default=None, min_length=1)


class Combination(_Strict):
    """Entities that together say more than each alone.

    Fires when every `all_of` entity is present, at least one `any_of`
    entity (when given), and a special category (when `any_special`).  It
    raises the object's class (which the volume rules then use) and its
    label.
    """

    id: str = Field(pattern=RULE_ID)
    all_of: list[str | EntityCondition] = []
    any_of: list[str | EntityCondition] = []
    any_special: bool = False
    sensitivity: SensitivityClass = Field(alias="class")
    label: str
    reason: str

    @field_validator("all_of", "any_of")
    @classmethod
    def _as_conditions(cls, values: list[str | EntityCondition]) -> list[EntityCondition]:
        """A bare entity type is written for short: one form from here on."""
        return [EntityCondition(entity=v) if isinstance(v, str) else v for v in values]

    @model_validator(mode="after")
    def _has_a_condition(self) -> Combination:
        if not (self.all_of or self.any_of or self.any_special):
            raise ValueError("a combination needs all_of, any_of or any_special")
        return self


class Markings(_Strict):
    """State-secret markings (Stg. GEHEIM, Dep. Vertrouwelijk) are detected,
    never assigned: a marking outside an accredited location is a policy
    violation, and the label stays what the personal data make it."""

    entity: str = Field(default="CLASSIFICATION_MARKING", pattern=ENTITY_TYPE)
    severity: Severity = "critical"
    reason: str


class LocationRule(_Strict):
    """The highest label a share or folder may hold."""

    id: str = Field(pattern=RULE_ID)
    paths: list[str] = Field(min_length=1)
    max_label: str
    severity: Severity = "high"
    accredited: bool = False
    owner: str = ""


class Suppression(_Strict):
    """Findings that are known and accepted: the organisation's own IBAN,
    published example values, test folders.  A finding matches when every
    selector given matches; suppressed findings are kept and counted, but
    no rule counts them.  With `rules`, the suppression switches those rules
    off for the paths instead."""

    id: str = Field(pattern=RULE_ID)
    reason: str
    entity: str | None = Field(default=None, pattern=ENTITY_TYPE)
    values: list[str] = []
    fingerprints: list[str] = []
    paths: list[str] = []
    rules: list[str] = []

    @field_validator("fingerprints")
    @classmethod
    def _hex(cls, fingerprints: list[str]) -> list[str]:
        for value in fingerprints:
            if len(value) != 64 or any(c not in "0123456789abcdef" for c in value):
                raise ValueError("a fingerprint is 64 lower-case hex characters")
        return fingerprints

    @model_validator(mode="after")
    def _selects_something(self) -> Suppression:
        if self.values and not self.entity:
            raise ValueError("values need an entity (the canonical form depends on it)")
        if self.rules and (self.values or self.fingerprints or self.entity):
            raise ValueError("a rule suppression takes paths only, no values or entity")
        if not (self.entity or self.fingerprints or self.paths or self.rules):
            raise ValueError("a suppression needs entity, values, fingerprints, paths or rules")
        return self


class RuleLayer(_Strict):
    """One rule file as written."""

    ruleset: str = Field(pattern=r"^[a-z0-9][a-z0-9_.-]*$")
    version: str
    extends: Literal["default"] | None = None
    disable: list[str] = []
    labels: list[Label] = []
    entities: dict[str, EntityRule] = {}
    volume: list[VolumeRule] = []
    combinations: list[Combination] = []
    markings: Markings | None = None
    locations: list[LocationRule] = []
    suppressions: list[Suppression] = []

    @field_validator("entities")
    @classmethod
    def _entity_names(cls, entities: dict[str, EntityRule]) -> dict[str, EntityRule]:
        for name in entities:
            if not name.isupper() or not name.replace("_", "").isalnum():
                raise ValueError(f"{name!r} is no entity type (upper case, e.g. NL_BSN)")
        return entities

    @field_validator("suppressions")
    @classmethod
    def _own_ids(cls, suppressions: list[Suppression]) -> list[Suppression]:
        for suppression in suppressions:
            if suppression.id.startswith("ignore."):
                raise ValueError("ids starting with `ignore.` belong to .datawachtignore lines")
        return suppressions

    @model_validator(mode="after")
    def _standalone_or_extension(self) -> RuleLayer:
        if self.extends is None and not self.labels:
            raise ValueError("a rule file without `extends: default` must define labels")
        if self.extends is None and self.disable:
            raise ValueError("`disable` only makes sense with `extends: default`")
        return self


class RuleSet(_Strict):
    """All layers merged: what the classifier runs.  Labels are listed from
    least to most sensitive."""

    version: str
    labels: list[Label] = Field(min_length=1)
    entities: dict[str, EntityRule] = {}
    volume: list[VolumeRule] = []
    combinations: list[Combination] = []
    markings: Markings | None = None
    locations: list[LocationRule] = []
    suppressions: list[Suppression] = []

    @model_validator(mode="after")
    def _unique_labels(self) -> RuleSet:
        """References between rules are checked by `layers.merge`, which
        knows the file and line each rule came from."""
        known = self.label_ids
        if len(set(known)) != len(known):
            raise ValueError("label ids must be unique")
        return self

    def label_rule_ids(self) -> set[str]:
        """The rules that give labels, which a suppression may switch off for
        paths; entity rules are `entity:<TYPE>`."""
        return {
            *(f"entity:{name}" for name in self.entities),
            *(rule.id for rule in self.volume),
            *(rule.id for rule in self.combinations),
        }

    def rank(self, label: str) -> int:
        """Raises ValueError for an unknown label."""
        return [item.id for item in self.labels].index(label)

    @property
    def label_ids(self) -> list[str]:
        return [label.id for label in self.labels]
