"""Findings in, label, explanation and violations out; re-runnable on stored findings.

The label of an object is the highest label any rule gives it, and the
lowest label when none fires:

1. **entity rules**: one finding of a type gives that type's label; its
   class (S0-S3) is the object's class unless something raises it;
2. **combinations**: entities that together say more (name + date of birth
   + ID number, a special category with a BSN, an ID copy) raise class and
   label;
3. **volume rules**: distinct data subjects (from fingerprints) in an
   object of at least a class raise the label.

Suppressed findings (own IBAN, published example values, accepted paths)
stay in the result, marked, and count for nothing.  State-secret markings
are detected but never make a label: they only make a violation outside an
accredited location (`locations.py`).
"""

from __future__ import annotations

import dataclasses
import math
import re
from collections.abc import Iterable, Mapping, Sequence

from datawacht.classify.locations import LocationPolicies
from datawacht.classify.schema import CLASS_ORDER, Combination, EntityCondition, RuleSet
from datawacht.classify.subjects import estimate_data_subjects
from datawacht.classify.suppress import Fingerprinter, Suppressor
from datawacht.records import Classification, Finding, FiredRule

_PATTERN = re.compile(r"pattern ([^;]+)")
NO_PERSONAL_DATA = "geen persoonsgegevens gevonden"
# The `suppressed` mark of a finding an officer called a false positive.
FALSE_POSITIVE = "false_positive"


class Classifier:
    """A rule set compiled for one installation (its fingerprint key, its disks)."""

    def __init__(
        self, rules: RuleSet, fingerprint: Fingerprinter, read_folder_files: bool = True
    ) -> None:
        self.rules = rules
        self._suppressor = Suppressor(rules.suppressions, fingerprint)
        self._locations = LocationPolicies(rules, read_folder_files)
        self._false_positives: frozenset[tuple[str, str, str]] = frozenset()

    def keep_out(self, false_positives: Iterable[tuple[str, str, str]]) -> None:
        """Findings (object id, entity type, fingerprint) that an officer
        called false positives: they stay suppressed in later scans."""
        self._false_positives = frozenset(false_positives)

    def suppress(self, path: str, findings: Iterable[Finding]) -> tuple[Finding, ...]:
        """The findings with `suppressed` set (or cleared) by the current rules
        and the officers' false-positive decisions."""
        marked = []
        for finding in findings:
            suppressed = self._suppressor.match(path, finding)
            if suppressed is None and finding.identity in self._false_positives:
                suppressed = FALSE_POSITIVE
            if suppressed != finding.suppressed:
                finding = dataclasses.replace(finding, suppressed=suppressed)
            marked.append(finding)
        return tuple(marked)

    def classify(self, path: str, findings: Sequence[Finding]) -> Classification:
        """Label an object from its findings and those of everything inside
        it, all already marked by `suppress`."""
        rules = self.rules
        off = self._suppressor.rules_off(path)
        active = [f for f in findings if f.suppressed is None]
        marking = rules.markings.entity if rules.markings else None
        by_type = _by_entity_type(active)
        distinct = {
            entity: len({f.fingerprint for f in found})
            for entity, found in by_type.items()
            if entity != marking
        }
        subjects = estimate_data_subjects(active)
        fired: list[FiredRule] = []
        top_class, class_from = 0, ""

        for entity_type, count in sorted(distinct.items()):
            rule = rules.entities.get(entity_type)
            if rule is None or f"entity:{entity_type}" in off:
                continue
            if CLASS_ORDER[rule.sensitivity] > top_class:
                top_class, class_from = CLASS_ORDER[rule.sensitivity], entity_type
            fired.append(
                FiredRule(
                    f"entity:{entity_type}",
                    rule.label,
                    f"{count}× {entity_type} ({rule.sensitivity})",
                    {entity_type: count},
                )
            )

        for combination in rules.combinations:
            if combination.id in off:
                continue
            evidence = _combination_evidence(combination, by_type)
            if evidence is None:
                continue
            if CLASS_ORDER[combination.sensitivity] > top_class:
                top_class, class_from = CLASS_ORDER[combination.sensitivity], combination.id
            fired.append(FiredRule(combination.id, combination.label, combination.reason, evidence))

        for volume in rules.volume:
            if volume.id in off:
                continue
            if subjects >= volume.min_subjects and top_class >= CLASS_ORDER[volume.sensitivity]:
                # Say where the class comes from: a combination can make
                # ordinary register data S3 (an identity kit).
                reason = f"{volume.reason} (klasse S{top_class} door {class_from})"
                fired.append(FiredRule(volume.id, volume.label, reason, subjects=subjects))

        ids = {rule.id for rule in fired}
        rank = max((rules.rank(rule.label) for rule in fired), default=0)
        label = rules.label_ids[rank]
        fired.sort(key=lambda rule: -rules.rank(rule.label))
        has_marking = marking is not None and any(f.entity_type == marking for f in active)
        return Classification(
            label=label,
            rank=rank,
            rules=tuple(fired),
            explanation=_explain(label, fired, subjects, len(findings) - len(active), has_marking),
            violations=tuple(self._locations.violations(path, label, has_marking)),
            suppressed=len(findings) - len(active),
            ruleset_version=rules.version,
            risk=_risk(
                [rules.entities[e].weight for e in distinct if f"entity:{e}" in ids], subjects
            ),
        )


def _by_entity_type(findings: Iterable[Finding]) -> dict[str, list[Finding]]:
    """Findings per entity type, in their order (a container holds its
    members' findings too): the distinct values per type count from it, and
    each condition of a combination reads the findings of its own type only
    (a register holds hundreds of thousands, and the rules a dozen conditions)."""
    by_type: dict[str, list[Finding]] = {}
    for finding in findings:
        by_type.setdefault(finding.entity_type, []).append(finding)
    return by_type


def _combination_evidence(
    combination: Combination, by_type: Mapping[str, Sequence[Finding]]
) -> dict[str, int] | None:
    """Distinct findings per entity type that make the combination, or None."""
    evidence: dict[str, int] = {}
    for condition in combination.all_of:
        found = [f for f in by_type.get(condition.entity, ()) if _satisfies(f, condition)]
        if not found:
            return None
        evidence[condition.entity] = len(found)
    extra = [
        f
        for condition in combination.any_of
        for f in by_type.get(condition.entity, ())
        if _satisfies(f, condition)
    ]
    if combination.any_of and not extra:
        return None
    if combination.any_special:
        special = [
            f for entity, found in by_type.items() if entity.startswith("SPECIAL_") for f in found
        ]
        if not special:
            return None
        extra.extend(special)
    for finding in extra:
        evidence[finding.entity_type] = evidence.get(finding.entity_type, 0) + 1
    return evidence


def _satisfies(finding: Finding, condition: EntityCondition) -> bool:
    """Whether a finding of the condition's entity type meets its pattern, if any."""
    if condition.pattern is None:
        return True
    match = _PATTERN.search(finding.detail)
    return match is not None and condition.pattern in match.group(1)


def _explain(
    label: str, fired: Sequence[FiredRule], subjects: int, suppressed: int, marking: bool
) -> str:
    parts = []
    if fired:
        deciding = [rule for rule in fired if rule.label == label]
        parts.append(f"{label} door " + "; ".join(f"{r.id}: {r.reason}" for r in deciding))
        others = [rule for rule in fired if rule.label != label]
        if others:
            parts.append("verder " + "; ".join(f"{r.id} → {r.label}" for r in others))
        parts.append(f"{subjects} betrokkene(n)")
    else:
        parts.append(NO_PERSONAL_DATA)
    if marking:
        parts.append("rubriceringsmarkering aangetroffen (alleen gemeld, nooit als label)")
    if suppressed:
        parts.append(f"{suppressed} bevinding(en) onderdrukt")
    return "; ".join(parts)


def _risk(weights: Sequence[int], subjects: int) -> int:
    """0-100 for sorting lists: the heaviest weight of the entity rules that
    fired, raised by volume."""
    if not weights or subjects == 0:
        return 0
    return min(100, round(max(weights) * (1 + 0.5 * math.log10(subjects))))
