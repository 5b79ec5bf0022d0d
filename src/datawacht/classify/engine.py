"""Findings in, label and explanation out: pure and re-runnable on stored data."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from datawacht.classify.schema import CLASS_ORDER, RuleSet
from datawacht.classify.subjects import estimate_data_subjects
from datawacht.records import Classification, Finding


def classify(findings: Sequence[Finding], rules: RuleSet) -> Classification:
    """The highest label any rule gives; the lowest label when none fires."""
    labels = [label.id for label in rules.labels]
    best = 0
    fired: list[str] = []
    reasons: list[str] = []

    counts = Counter(finding.entity_type for finding in findings)
    top_class = 0
    for entity_type, count in sorted(counts.items()):
        rule = rules.entities.get(entity_type)
        if rule is None:
            continue
        rank = labels.index(rule.label)
        top_class = max(top_class, CLASS_ORDER[rule.sensitivity])
        fired.append(f"entity:{entity_type}")
        reasons.append(f"{entity_type} ({count} distinct) → {rule.label}")
        best = max(best, rank)

    subjects = estimate_data_subjects(findings)
    for rule in rules.volume:
        if subjects >= rule.min_subjects and top_class >= CLASS_ORDER[rule.sensitivity]:
            fired.append(rule.id)
            reasons.append(f"{subjects} betrokkenen: {rule.reason} → {rule.label}")
            best = max(best, labels.index(rule.label))

    explanation = "; ".join(reasons) if reasons else "geen persoonsgegevens gevonden"
    return Classification(labels[best], best, tuple(fired), explanation)
