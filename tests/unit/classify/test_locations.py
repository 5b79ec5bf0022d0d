"""Location policies: rule-file globs and `.datawacht.yaml` folder files."""

from __future__ import annotations

from pathlib import Path

import pytest

from datawacht.classify.layers import load_ruleset, merge
from datawacht.classify.locations import LocationPolicies
from datawacht.classify.schema import RuleLayer, RuleSet


def _rules(locations: list[dict]) -> RuleSet:
    shipped = load_ruleset()
    base = RuleLayer(
        ruleset="base",
        version="1",
        labels=shipped.labels,
        entities=shipped.entities,
        markings=shipped.markings,
    )
    layer = RuleLayer.model_validate(
        {"ruleset": "org", "version": "1", "extends": "default", "locations": locations}
    )
    return merge([base, layer], [Path("base.yaml"), Path("org.yaml")])


@pytest.fixture()
def share(tmp_path: Path) -> Path:
    (tmp_path / "publicatie" / "2026").mkdir(parents=True)
    (tmp_path / "hr").mkdir()
    return tmp_path


def _rules_of(violations) -> list[tuple[str, str]]:  # noqa: ANN001
    return [(v.rule, v.severity) for v in violations]


def test_object_above_its_location_is_a_violation(share: Path) -> None:
    rules = _rules(
        [{"id": "publicatie", "paths": [f"{share}/publicatie/*"], "max_label": "openbaar"}]
    )
    policies = LocationPolicies(rules)
    path = f"{share}/publicatie/2026/besluit.pdf"
    assert _rules_of(policies.violations(path, "intern", False)) == [
        ("label-exceeds-location", "high")
    ]
    # two labels above the limit is critical, whatever the location says
    assert _rules_of(policies.violations(path, "vertrouwelijk", False)) == [
        ("label-exceeds-location", "critical")
    ]
    assert policies.violations(path, "openbaar", False) == []
    assert policies.violations(f"{share}/hr/x.docx", "geheim", False) == []


def test_folder_file_covers_everything_below_and_archive_members(share: Path) -> None:
    (share / "publicatie" / ".datawacht.yaml").write_text(
        "max_label: openbaar\nseverity: critical\nowner: Team Communicatie\n", encoding="utf-8"
    )
    policies = LocationPolicies(_rules([]))
    member = f"{share}/publicatie/2026/bijlagen.zip!/lijst.csv"
    [violation] = policies.violations(member, "intern", False)
    assert violation.severity == "critical"
    assert str(share / "publicatie" / ".datawacht.yaml") in violation.message


def test_folder_file_can_tighten_but_not_loosen(share: Path) -> None:
    rules = _rules([{"id": "hr", "paths": [f"{share}/hr/*"], "max_label": "vertrouwelijk"}])
    (share / "hr" / ".datawacht.yaml").write_text("max_label: geheim\n", encoding="utf-8")
    policies = LocationPolicies(rules)
    assert policies.policy(f"{share}/hr/a.xlsx").max_label == "vertrouwelijk"
    (share / "hr" / ".datawacht.yaml").write_text("max_label: intern\n", encoding="utf-8")
    assert LocationPolicies(rules).policy(f"{share}/hr/a.xlsx").max_label == "intern"


def test_only_rule_files_accredit_a_location_for_markings(share: Path) -> None:
    rules = _rules(
        [{"id": "bva", "paths": [f"{share}/hr/*"], "max_label": "geheim", "accredited": True}]
    )
    policies = LocationPolicies(rules)
    assert policies.violations(f"{share}/hr/nota.docx", "openbaar", True) == []
    assert _rules_of(policies.violations(f"{share}/publicatie/nota.docx", "openbaar", True)) == [
        ("marking-outside-accredited", "critical")
    ]


def test_broken_folder_file_is_reported_not_ignored(share: Path) -> None:
    (share / "hr" / ".datawacht.yaml").write_text("max_lable: intern\n", encoding="utf-8")
    (share / "publicatie" / ".datawacht.yaml").write_text(
        "max_label: topgeheim\n", encoding="utf-8"
    )
    policies = LocationPolicies(_rules([]))
    assert _rules_of(policies.violations(f"{share}/hr/a.txt", "openbaar", False)) == [
        ("location-file-invalid", "medium")
    ]
    [violation] = policies.violations(f"{share}/publicatie/a.txt", "openbaar", False)
    assert "unknown label 'topgeheim'" in violation.message


def test_folder_files_can_be_switched_off(share: Path) -> None:
    (share / "hr" / ".datawacht.yaml").write_text("max_label: openbaar\n", encoding="utf-8")
    assert (
        LocationPolicies(_rules([]), read_folder_files=False).violations(
            f"{share}/hr/a.txt", "geheim", False
        )
        == []
    )


def test_nested_folder_files_apply_nearest_first_at_any_depth(share: Path) -> None:
    """The chain of folder files is kept per folder and built without
    recursion: a share may nest folders deeper than Python's recursion limit."""
    (share / "publicatie" / ".datawacht.yaml").write_text("max_label: intern\n", encoding="utf-8")
    (share / "publicatie" / "2026" / ".datawacht.yaml").write_text(
        "max_label: openbaar\n", encoding="utf-8"
    )
    policies = LocationPolicies(_rules([]))
    deep = f"{share}/publicatie/2026/" + "/".join(["d"] * 3000) + "/brief.txt"
    for path in (f"{share}/publicatie/2026/brief.txt", deep):
        policy = policies.policy(path)
        assert policy.max_label == "openbaar"
        assert policy.sources == (
            str(share / "publicatie" / "2026" / ".datawacht.yaml"),
            str(share / "publicatie" / ".datawacht.yaml"),
        )
    assert policies.policy(f"{share}/publicatie/los.txt").max_label == "intern"
    assert policies.policy(f"{share}/hr/los.txt").max_label is None
