"""Distinct data subjects are counted from fingerprints, not rows or hits."""

from datawacht.classify.subjects import estimate_data_subjects
from datawacht.records import Finding, Location


def _f(entity_type: str, fingerprint: str) -> Finding:
    return Finding("o", "/p", entity_type, fingerprint, "***", 0.9, "R", Location())


def test_max_over_identifying_types() -> None:
    findings = [_f("NL_BSN", f"b{i}") for i in range(5)] + [
        _f("EMAIL_ADDRESS", f"e{i}") for i in range(3)
    ]
    assert estimate_data_subjects(findings) == 5


def test_same_value_twice_is_one_person() -> None:
    assert estimate_data_subjects([_f("NL_BSN", "same"), _f("NL_BSN", "same")]) == 1


def test_shared_attributes_do_not_count() -> None:
    findings = [_f("NL_POSTCODE", f"p{i}") for i in range(10)] + [_f("DATE_OF_BIRTH", "d")]
    assert estimate_data_subjects(findings) == 0


def test_special_category_data_is_about_at_least_one_person() -> None:
    assert estimate_data_subjects([_f("SPECIAL_HEALTH", "t1"), _f("SPECIAL_HEALTH", "t2")]) == 1
    assert (
        estimate_data_subjects(
            [_f("SPECIAL_HEALTH", "t1")] + [_f("NL_BSN", "b1"), _f("NL_BSN", "b2")]
        )
        == 2
    )
