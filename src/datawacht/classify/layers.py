"""A rules directory: its layers merged into one RuleSet, plus its ignore file.

Every `*.yaml` file in the directory is a layer, applied in name order.  The
first either stands alone or says `extends: default` (the shipped rules);
every later one must extend.  A layer replaces rules that have the same id
(entity rules: the same entity type), adds new ones, and drops the ids in
its `disable` list; `labels`, when given, replace the label list and
`markings` the marking rule.  The result is validated as a whole, so a
layer cannot leave a rule pointing at a label it removed.

`.datawachtignore` in the directory lists accepted findings, one per line
(`#` starts a comment):

    PATH_GLOB [ENTITY_TYPE [FINGERPRINT]]

`*` as PATH_GLOB means anywhere.  Each line becomes a suppression with id
`ignore.<line>`, so that suppressed findings say which line accepted them.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from datawacht.classify.schema import RuleLayer, RuleSet, Suppression
from datawacht.errors import ConfigError
from datawacht.yamlfiles import field_path, line_in_file, load_yaml_model

IGNORE_FILE = ".datawachtignore"
SHIPPED_DEFAULT = "default.yaml"


def shipped_rules_dir() -> Path:
    return Path(__file__).resolve().parent.parent / "rules"


def load_ruleset(directory: Path | None = None) -> RuleSet:
    """All layers of `directory` (the shipped rules by default), merged."""
    directory = Path(directory) if directory else shipped_rules_dir()
    if not directory.is_dir():
        raise ConfigError(f"rules directory {directory} does not exist")
    files = sorted([*directory.glob("*.yaml"), *directory.glob("*.yml")])
    if not files:
        raise ConfigError(f"no rule files (*.yaml) in {directory}")
    layers = [(path, load_yaml_model(path, RuleLayer, "rule file")) for path in files]
    first_path, first = layers[0]
    if first.extends == "default":
        shipped = shipped_rules_dir() / SHIPPED_DEFAULT
        layers.insert(0, (shipped, load_yaml_model(shipped, RuleLayer, "rule file")))
    for path, layer in layers[1:]:
        if layer.extends is None:
            raise ConfigError(
                f"invalid rule file:\n{path}:1: extends: only the first file "
                f"({first_path.name}) may stand alone; add `extends: default`"
            )
    suppressions = load_ignore_file(directory / IGNORE_FILE)
    return merge([layer for _, layer in layers], [path for path, _ in layers], suppressions)


# The lists whose rules are replaced and disabled by id.
_BY_ID = ("volume", "combinations", "locations", "suppressions")
# Where a rule came from: its file and its path in that file.
_Origin = tuple[Path, tuple[int | str, ...]]


def merge(
    layers: Sequence[RuleLayer], paths: Sequence[Path], extra: Sequence[Suppression] = ()
) -> RuleSet:
    """Apply the layers in order; the first must stand alone.  References
    between rules (labels, rule ids) are checked on the result, each error
    naming the file and line of the rule that makes it."""
    merged: dict[str, Any] = {"labels": [], "entities": {}, "markings": None}
    merged.update({key: {} for key in _BY_ID})
    origins: dict[tuple[str, str], _Origin] = {}
    problems: list[str] = []
    for layer, path in zip(layers, paths, strict=True):
        for index, rule_id in enumerate(layer.disable):
            if not _disable(merged, rule_id):
                line = line_in_file(path, ("disable", index))
                problems.append(
                    f"{path}:{line}: disable[{index}]: no rule {rule_id!r} in the layers before"
                )
        if layer.labels:
            merged["labels"] = list(layer.labels)
        for name, rule in layer.entities.items():
            merged["entities"][name] = rule
            origins[("entities", name)] = (path, ("entities", name))
        for key in _BY_ID:
            for index, rule in enumerate(getattr(layer, key)):
                merged[key][rule.id] = rule
                origins[(key, rule.id)] = (path, (key, index))
        if layer.markings is not None:
            merged["markings"] = layer.markings
    merged["suppressions"].update({s.id: s for s in extra})
    merged["version"] = "+".join(f"{layer.ruleset}@{layer.version}" for layer in layers)
    for key in _BY_ID:
        merged[key] = list(merged[key].values())
    try:
        rules = RuleSet.model_validate(merged)
    except ValidationError as exc:
        files = ", ".join(str(path) for path in paths)
        found = "\n".join(f"{field_path(e['loc'])}: {e['msg']}" for e in exc.errors())
        raise ConfigError(f"invalid rule set (layers {files}):\n{found}") from None
    problems.extend(_reference_problems(rules, origins))
    if problems:
        raise ConfigError("invalid rule set:\n" + "\n".join(problems))
    return rules


def _reference_problems(rules: RuleSet, origins: dict[tuple[str, str], _Origin]) -> list[str]:
    labels = rules.label_ids
    problems = []

    def problem(key: tuple[str, str], field: str, message: str) -> None:
        path, loc = origins.get(key, (Path("?"), ()))
        full = (*loc, field)
        problems.append(f"{path}:{line_in_file(path, full)}: {field_path(full)}: {message}")

    def check_label(key: tuple[str, str], field: str, label: str) -> None:
        if label not in labels:
            problem(key, field, f"unknown label {label!r} (labels: {', '.join(labels)})")

    for name, rule in rules.entities.items():
        check_label(("entities", name), "label", rule.label)
    for volume in rules.volume:
        check_label(("volume", volume.id), "label", volume.label)
    for combination in rules.combinations:
        check_label(("combinations", combination.id), "label", combination.label)
    for location in rules.locations:
        check_label(("locations", location.id), "max_label", location.max_label)
    switchable = rules.label_rule_ids()
    for suppression in rules.suppressions:
        for rule_id in suppression.rules:
            if rule_id not in switchable:
                problem(
                    ("suppressions", suppression.id),
                    "rules",
                    f"{rule_id!r} is no entity, combination or volume rule",
                )
    return problems


def load_ignore_file(path: Path) -> list[Suppression]:
    if not path.is_file():
        return []
    suppressions = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        words = line.split("#", 1)[0].split()
        if not words:
            continue
        try:
            suppressions.append(_ignore_entry(words, number, path))
        except (ValueError, ValidationError) as exc:
            message = exc.errors()[0]["msg"] if isinstance(exc, ValidationError) else str(exc)
            raise ConfigError(f"invalid ignore file:\n{path}:{number}: {message}") from None
    return suppressions


def _ignore_entry(words: list[str], number: int, path: Path) -> Suppression:
    if len(words) > 3:
        raise ValueError("expected PATH_GLOB [ENTITY_TYPE [FINGERPRINT]]")
    glob, entity, fingerprint = (*words, None, None)[:3]
    if glob == "*" and entity is None:
        raise ValueError("`*` without an entity type would ignore every finding")
    return Suppression(
        id=f"ignore.{number}",
        reason=f"{path.name} line {number}",
        paths=[] if glob == "*" else [glob],
        entity=entity,
        fingerprints=[fingerprint] if fingerprint else [],
    )


def _disable(merged: dict[str, Any], rule_id: str) -> bool:
    """Drop a rule of the layers so far; False when there is none."""
    if rule_id.startswith("entity:") and rule_id[7:] in merged["entities"]:
        del merged["entities"][rule_id[7:]]
        return True
    for key in _BY_ID:
        if rule_id in merged[key]:
            del merged[key][rule_id]
            return True
    return False
