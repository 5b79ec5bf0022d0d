"""The rule files in `rules/`, validated into typed models.

A mistake in a rule file must be an error that names the file and the field,
not a label that silently comes out wrong; pydantic does the checking.
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from datawacht.yamlfiles import load_yaml_model

SensitivityClass = Literal["S0", "S1", "S2", "S3"]
CLASS_ORDER: dict[str, int] = {"S0": 0, "S1": 1, "S2": 2, "S3": 3}


class Label(BaseModel):
    model_config = ConfigDict(extra="forbid")

    id: str = Field(pattern=r"^[a-z][a-z0-9_-]*$")
    description: str


class EntityRule(BaseModel):
    model_config = ConfigDict(extra="forbid", populate_by_name=True)

    sensitivity: SensitivityClass = Field(alias="class")
    label: str


class VolumeRule(BaseModel):
    model_config = ConfigDict(extra="forbid", populate_by_name=True)

    id: str
    sensitivity: SensitivityClass = Field(alias="class")
    min_subjects: int = Field(gt=0)
    label: str
    reason: str


class RuleSet(BaseModel):
    """One rule file; labels are listed from least to most sensitive."""

    model_config = ConfigDict(extra="forbid")

    ruleset: str
    version: str
    labels: list[Label] = Field(min_length=1)
    entities: dict[str, EntityRule] = {}
    volume: list[VolumeRule] = []

    @model_validator(mode="after")
    def _labels_exist(self) -> RuleSet:
        known = {label.id for label in self.labels}
        if len(known) != len(self.labels):
            raise ValueError("label ids must be unique")
        for name, rule in self.entities.items():
            if rule.label not in known:
                raise ValueError(f"entities.{name}.label: unknown label {rule.label!r}")
        for rule in self.volume:
            if rule.label not in known:
                raise ValueError(f"volume.{rule.id}.label: unknown label {rule.label!r}")
        return self

    @property
    def full_version(self) -> str:
        """What a scan records as its ruleset version."""
        return f"{self.ruleset}@{self.version}"

    def rank(self, label: str) -> int:
        return [item.id for item in self.labels].index(label)


def shipped_rules_dir() -> Path:
    return Path(__file__).resolve().parent.parent / "rules"


def load_ruleset(directory: Path | None = None) -> RuleSet:
    """Load `default.yaml` from a rules directory (the shipped one by default)."""
    path = (directory or shipped_rules_dir()) / "default.yaml"
    return load_yaml_model(path, RuleSet, "rule file")
