"""SARIF 2.1.0: one run, one rule per entity type, one result per present finding.

Written as a stream, result by result, so 100,000 findings never sit in
memory as one document.  A result says what was found (entity type and
masked value, never more), where (the file as a `file://` URI, the line
when known; an archive member as its archive file plus a logical location
naming the member) and how sensitive the object is (`level` from its label).
A finding that a rule suppressed or that an officer marked false positive
or accepted risk carries a SARIF `suppressions` entry, so viewers hide it
by default but nothing is lost.  `partialFingerprints` holds datawacht's
keyed fingerprint of the value, which with the artifact identifies the
result across runs.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from typing import IO, Any
from urllib.parse import quote

from datawacht.report.data import FindingRow
from datawacht.report.i18n import describe_entity, strings

SARIF_VERSION = "2.1.0"
SARIF_SCHEMA = (
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
)
FINGERPRINT_KEY = "datawachtValue/v1"
OFFICER_SUPPRESSED = ("false_positive", "accepted_risk")


def level_for(label: str | None, labels: Sequence[str]) -> str:
    """SARIF level from the object's label and the label order (least sensitive first).

    The highest label is `error`, the one below it `warning`, the lowest
    `none`, anything between `note`: with the default labels geheim →
    error, vertrouwelijk → warning, intern → note, openbaar → none.  An
    object without a (known) label gets `note`.
    """
    if label is None or label not in labels:
        return "note"
    rank = labels.index(label)
    from_top = len(labels) - 1 - rank
    if rank == 0 and len(labels) > 1:
        return "none"
    if from_top == 0:
        return "error"
    if from_top == 1:
        return "warning"
    return "note"


def artifact_uri(path: str) -> str:
    """A file path as a `file://` URI; a URL as itself, escaped; anything else relative."""
    if "://" in path:
        return quote(path, safe=":/@?=&%+,;~")
    if path.startswith("/"):
        return "file://" + quote(path, safe="/")
    return quote(path, safe="/")


def write_sarif(
    findings: Iterable[FindingRow],
    entity_types: Sequence[str],
    out: IO[str],
    *,
    labels: Sequence[str],
    tool_version: str,
    generated_at: str,
    ruleset_versions: Sequence[str] = (),
    lang: str = "nl",
) -> int:
    """Write the SARIF log; returns the number of results.

    `entity_types` must hold every entity type among `findings` (one rule
    each, in this order).
    """
    t = strings(lang)
    rule_index = {entity_type: i for i, entity_type in enumerate(entity_types)}
    rules = [
        {
            "id": entity_type,
            "shortDescription": {"text": describe_entity(entity_type, lang)},
            "properties": {"tags": ["privacy", "personal-data"]},
        }
        for entity_type in entity_types
    ]
    head = {
        "$schema": SARIF_SCHEMA,
        "version": SARIF_VERSION,
    }
    run_head = {
        "tool": {
            "driver": {
                "name": "datawacht",
                "version": tool_version,
                "semanticVersion": tool_version,
                "language": lang,
                "rules": rules,
            }
        },
        "columnKind": "unicodeCodePoints",
        "properties": {
            "generatedAt": generated_at,
            "rulesetVersions": list(ruleset_versions),
        },
    }
    # Everything up to the results array, then the results one by one.
    out.write(json.dumps(head, ensure_ascii=False)[:-1])
    out.write(', "runs": [')
    out.write(json.dumps(run_head, ensure_ascii=False)[:-1])
    out.write(', "results": [\n')
    count = 0
    for finding in findings:
        if count:
            out.write(",\n")
        out.write(
            json.dumps(
                _result(finding, rule_index, labels, t), ensure_ascii=False, separators=(",", ":")
            )
        )
        count += 1
    out.write("\n]}]}\n")
    return count


def _result(
    finding: FindingRow, rule_index: dict[str, int], labels: Sequence[str], t: dict[str, str]
) -> dict[str, Any]:
    outer, _, member = finding.path.partition("!/")
    physical: dict[str, Any] = {"artifactLocation": {"uri": artifact_uri(outer)}}
    line = finding.location.get("line")
    if isinstance(line, int) and line >= 1:
        physical["region"] = {"startLine": line}
    location: dict[str, Any] = {"physicalLocation": physical}
    if member:
        location["logicalLocations"] = [
            {"name": member.rsplit("!/", 1)[-1].rsplit("/", 1)[-1], "fullyQualifiedName": member}
        ]
    result: dict[str, Any] = {
        "ruleId": finding.entity_type,
        "ruleIndex": rule_index[finding.entity_type],
        "level": level_for(finding.label, labels),
        "message": {
            "text": t["sarif_message"].format(
                entity_type=finding.entity_type, masked=finding.masked
            )
        },
        "locations": [location],
        "partialFingerprints": {FINGERPRINT_KEY: finding.fingerprint},
        "occurrenceCount": max(finding.occurrences, 1),
        "properties": {
            "masked": finding.masked,
            "label": finding.label,
            "status": finding.status,
            "share": finding.share,
            "location": finding.location,
            "score": finding.score,
            "recognizer": finding.recognizer,
            "firstSeen": finding.first_seen,
            "lastSeen": finding.last_seen,
            "objectId": finding.object_id,
        },
    }
    suppressions = []
    if finding.suppressed:
        suppressions.append(
            {
                "kind": "external",
                "status": "accepted",
                "justification": t["sarif_suppressed"].format(rule=finding.suppressed),
            }
        )
    if finding.status in OFFICER_SUPPRESSED:
        suppressions.append(
            {
                "kind": "external",
                "status": "accepted",
                "justification": t["sarif_status"].format(
                    status=t.get(f"status_{finding.status}", finding.status)
                ),
            }
        )
    if suppressions:
        result["suppressions"] = suppressions
    return result
