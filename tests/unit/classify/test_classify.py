"""Classification with the shipped rules: labels, combinations, volume, suppressions."""

from __future__ import annotations

import pytest

from datawacht.classify.engine import Classifier
from datawacht.classify.layers import load_ruleset
from datawacht.classify.schema import RuleSet
from datawacht.detect.fingerprint import Protector
from datawacht.records import Finding, Location

PROTECTOR = Protector(b"unit-test-classify-key-0123456789")
PATH = "/share/f.txt"


def fingerprint(entity: str, value: str) -> str:
    return PROTECTOR.protect(entity, value).fingerprint


@pytest.fixture(scope="module")
def rules() -> RuleSet:
    return load_ruleset()


@pytest.fixture(scope="module")
def classifier(rules: RuleSet) -> Classifier:
    return Classifier(rules, fingerprint, read_folder_files=False)


def _findings(entity_type: str, n: int, detail: str = "") -> list[Finding]:
    return [
        Finding(
            "obj",
            PATH,
            entity_type,
            f"{entity_type}-{i:04d}",
            "****",
            0.9,
            "R",
            Location(line=1),
            detail=detail,
        )
        for i in range(n)
    ]


def _ids(result) -> list[str]:  # noqa: ANN001
    return [rule.id for rule in result.rules]


def test_labels_are_ordered(rules: RuleSet) -> None:
    assert rules.label_ids == ["openbaar", "intern", "vertrouwelijk", "geheim"]
    assert rules.version.startswith("nl-default@")


def test_no_personal_data_is_openbaar(classifier: Classifier) -> None:
    result = classifier.classify(PATH, [])
    assert (result.label, result.rank, result.rules) == ("openbaar", 0, ())
    assert result.explanation == "geen persoonsgegevens gevonden"
    assert result.ruleset_version.startswith("nl-default@")


def test_one_bsn_is_vertrouwelijk_and_says_why(classifier: Classifier) -> None:
    result = classifier.classify(PATH, _findings("NL_BSN", 1))
    assert result.label == "vertrouwelijk"
    [rule] = result.rules
    assert (rule.id, rule.label, rule.entities) == ("entity:NL_BSN", "vertrouwelijk", {"NL_BSN": 1})
    assert "vertrouwelijk door entity:NL_BSN: 1× NL_BSN (S2)" in result.explanation
    assert result.risk == 40


def test_contact_data_is_intern(classifier: Classifier) -> None:
    assert classifier.classify(PATH, _findings("EMAIL_ADDRESS", 3)).label == "intern"


def test_brp_like_register_with_hundreds_of_bsns_is_geheim(classifier: Classifier) -> None:
    result = classifier.classify(PATH, _findings("NL_BSN", 300) + _findings("PERSON", 300))
    assert result.label == "geheim"
    assert _ids(result)[0] == "volume-s2-bulk"  # the deciding rule comes first
    assert result.rules[0].subjects == 300
    assert "300 betrokkene(n)" in result.explanation


def test_many_contacts_raise_intern_to_vertrouwelijk(classifier: Classifier) -> None:
    assert classifier.classify(PATH, _findings("PHONE_NUMBER", 150)).label == "vertrouwelijk"


def test_volume_of_s1_data_does_not_reach_geheim(classifier: Classifier) -> None:
    # a mailing list of 5,000 addresses is not a BRP extract
    assert classifier.classify(PATH, _findings("EMAIL_ADDRESS", 5000)).label == "vertrouwelijk"


def test_hr_absence_note_with_health_data_is_at_least_vertrouwelijk(
    classifier: Classifier,
) -> None:
    note = _findings("PERSON", 1) + _findings("SPECIAL_HEALTH", 3)
    result = classifier.classify(PATH, note)
    assert result.rank >= 2
    assert "entity:SPECIAL_HEALTH" in _ids(result)


def test_special_category_data_of_a_group_is_geheim(classifier: Classifier) -> None:
    group = classifier.classify(PATH, _findings("SPECIAL_HEALTH", 1) + _findings("PERSON", 10))
    assert group.label == "geheim" and "volume-s3-group" in _ids(group)


def test_identity_kit_raises_the_class_so_ten_people_are_geheim(classifier: Classifier) -> None:
    one = _findings("PERSON", 1) + _findings("DATE_OF_BIRTH", 1) + _findings("NL_BSN", 1)
    result = classifier.classify(PATH, one)
    assert result.label == "vertrouwelijk" and "identity-kit" in _ids(result)
    ten = _findings("PERSON", 10) + _findings("DATE_OF_BIRTH", 10) + _findings("NL_BSN", 10)
    group = classifier.classify(PATH, ten)
    assert group.label == "geheim"  # S3 through the combination, which the reason says
    assert group.rules[0].id == "volume-s3-group"
    assert group.rules[0].reason.endswith("(klasse S3 door identity-kit)")
    without_dob = _findings("PERSON", 10) + _findings("NL_BSN", 10)
    assert classifier.classify(PATH, without_dob).label == "vertrouwelijk"


def test_an_id_copy_is_recognised_by_its_mrz_pattern(classifier: Classifier) -> None:
    mrz = _findings(
        "NL_ID_DOCUMENT", 1, "pattern MRZ of a passport (ICAO 9303 TD3); validated True"
    )
    assert "id-copy" in _ids(classifier.classify(PATH, mrz))
    number = _findings("NL_ID_DOCUMENT", 1, "pattern Document number; validated True")
    assert "id-copy" not in _ids(classifier.classify(PATH, number))


def test_special_category_with_a_bsn_is_geheim(classifier: Classifier) -> None:
    result = classifier.classify(PATH, _findings("SPECIAL_HEALTH", 1) + _findings("NL_BSN", 1))
    assert result.label == "geheim"
    assert _ids(result)[0] == "special-with-bsn"
    assert result.rules[0].entities == {"NL_BSN": 1, "SPECIAL_HEALTH": 1}


def test_public_news_with_organisation_numbers_stays_openbaar(classifier: Classifier) -> None:
    result = classifier.classify(PATH, _findings("NL_KVK", 3) + _findings("NL_RSIN", 2))
    assert result.label == "openbaar"
    assert _ids(result) == ["entity:NL_KVK", "entity:NL_RSIN"]


def test_published_example_bsn_is_suppressed_counted_and_not_labelled(
    classifier: Classifier,
) -> None:
    example = Finding(
        "obj", PATH, "NL_BSN", fingerprint("NL_BSN", "111.222.333"), "******333", 0.9, "R",
        Location(line=1),
    )  # fmt: skip
    marked = classifier.suppress(PATH, [example, *_findings("PERSON", 1)])
    assert [f.suppressed for f in marked] == ["published-example-bsn", None]
    result = classifier.classify(PATH, marked)
    assert result.label == "intern"
    assert result.suppressed == 1
    assert "1 bevinding(en) onderdrukt" in result.explanation


def test_a_marking_is_reported_never_assigned(classifier: Classifier) -> None:
    result = classifier.classify(PATH, _findings("CLASSIFICATION_MARKING", 1))
    assert result.label == "openbaar"
    assert [v.rule for v in result.violations] == ["marking-outside-accredited"]
    assert result.violations[0].severity == "critical"
    assert "rubriceringsmarkering" in result.explanation


def test_suppress_clears_a_mark_the_current_rules_no_longer_give(
    classifier: Classifier,
) -> None:
    [stale] = _findings("NL_BSN", 1)
    stale = Finding(**{**stale.__dict__, "suppressed": "removed-rule"})
    [fresh] = classifier.suppress(PATH, [stale])
    assert fresh.suppressed is None
