"""First-cut classification from rules/default.yaml."""

from pathlib import Path

import pytest

from datawacht.classify.engine import classify
from datawacht.classify.schema import load_ruleset
from datawacht.errors import ConfigError
from datawacht.records import Finding, Location


@pytest.fixture(scope="module")
def rules():
    return load_ruleset()


def _findings(entity_type: str, n: int) -> list[Finding]:
    return [
        Finding(
            "obj",
            "/share/f.txt",
            entity_type,
            f"{entity_type}-{i:04d}",
            "****",
            0.9,
            "R",
            Location(line=1),
        )
        for i in range(n)
    ]


def test_labels_are_ordered(rules) -> None:
    assert [label.id for label in rules.labels] == ["openbaar", "intern", "vertrouwelijk", "geheim"]
    assert rules.full_version.startswith("nl-default@")


def test_no_personal_data_is_openbaar(rules) -> None:
    result = classify([], rules)
    assert (result.label, result.rank, result.rules) == ("openbaar", 0, ())


def test_one_bsn_is_at_least_vertrouwelijk(rules) -> None:
    result = classify(_findings("NL_BSN", 1), rules)
    assert result.label == "vertrouwelijk"
    assert result.rules == ("entity:NL_BSN",)
    assert "NL_BSN (1 distinct)" in result.explanation


def test_contact_data_is_intern(rules) -> None:
    assert classify(_findings("EMAIL_ADDRESS", 3), rules).label == "intern"


def test_register_with_hundreds_of_bsns_is_geheim(rules) -> None:
    result = classify(_findings("NL_BSN", 300), rules)
    assert result.label == "geheim"
    assert "volume-s2-bulk" in result.rules
    assert "300 betrokkenen" in result.explanation


def test_many_contacts_raise_intern_to_vertrouwelijk(rules) -> None:
    assert classify(_findings("PHONE_NUMBER", 150), rules).label == "vertrouwelijk"


def test_volume_of_s1_data_does_not_reach_geheim(rules) -> None:
    # a mailing list of 5,000 addresses is not a BRP extract
    assert classify(_findings("EMAIL_ADDRESS", 5000), rules).label == "vertrouwelijk"


@pytest.mark.parametrize(
    "content, message",
    [
        ("ruleset: x\nversion: '1'\nlabels: []\n", "labels"),
        (
            "ruleset: x\nversion: '1'\nlabels: [{id: a, description: d}]\n"
            "entities: {NL_BSN: {class: S2, label: nope}}\n",
            "unknown label 'nope'",
        ),
        (
            "ruleset: x\nversion: '1'\nlabels: [{id: a, description: d}]\n"
            "entities: {NL_BSN: {class: S9, label: a}}\n",
            "entities.NL_BSN.class",
        ),
        ("ruleset: [\n", "not valid YAML"),
    ],
)
def test_invalid_rule_file_names_file_and_field(tmp_path: Path, content: str, message: str) -> None:
    (tmp_path / "default.yaml").write_text(content, encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        load_ruleset(tmp_path)
    assert str(tmp_path / "default.yaml") in str(caught.value)
    assert message in str(caught.value)


def test_special_category_data_of_a_group_is_geheim(rules) -> None:
    one = classify(_findings("SPECIAL_HEALTH", 1), rules)
    assert one.label == "vertrouwelijk"
    # ten people's health data: the subjects are counted from identifying types
    group = classify(_findings("SPECIAL_HEALTH", 1) + _findings("PERSON", 10), rules)
    assert group.label == "geheim" and "volume-s3-group" in group.rules


def test_organisation_numbers_alone_stay_openbaar(rules) -> None:
    result = classify(_findings("NL_KVK", 3) + _findings("NL_RSIN", 2), rules)
    assert result.label == "openbaar"
    assert result.rules == ("entity:NL_KVK", "entity:NL_RSIN")
