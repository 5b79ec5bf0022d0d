"""Whether a database table must be read again, judged by its statistics.

A file's size and mtime say whether it changed (`incremental.py`); a table's
say nothing, but the server's statistics do (`sources/dialects.py`).  The
last scan of a table stores the statistics signature as the object's
`content_hash` (`table-stats:sample:…` or `table-stats:full:…`); a table
whose last scan succeeded with the same signature is not read again.  A full
pass counts for a later sampled scan (it saw more), never the other way round.
Tables on servers without statistics (SQLite), and tables whose statistics
are not trustworthy yet, have no signature and are always read.

An unchanged table still appears in the scan: its stored findings (resolved
ones left out) are classified with the current rules, as `rules apply` does,
so the output and the store show every table with its present label.
"""

from __future__ import annotations

import glob
import os
from collections.abc import Sequence

from datawacht.classify.engine import Classifier
from datawacht.classify.reapply import reclassify_tree
from datawacht.records import Finding, Location, ObjectResult, ObjectStatus, ScanObject
from datawacht.sources.database import KIND
from datawacht.sources.tablereader import content_hash
from datawacht.store.repository import FindingStatus, ObjectState, Store, StoredObject

UNCHANGED_DETAIL = "not read again: the table statistics did not change since the last scan"
_UNRESOLVED = [status.value for status in FindingStatus if status is not FindingStatus.RESOLVED]


def unchanged_tables(
    store: Store, classifier: Classifier, objects: Sequence[ScanObject], *, full: bool
) -> list[ObjectResult]:
    """Results for the tables among `objects` that need not be read again."""
    candidates = [obj for obj in objects if obj.table is not None and obj.table.stats]
    if not candidates:
        return []
    states = store.object_states([obj.object_id for obj in candidates])
    same = [obj for obj in candidates if _same(states.get(obj.object_id), obj, full)]
    if not same:
        return []
    findings = _stored_findings(store, same)
    results = []
    for obj in same:
        state = states[obj.object_id]
        stored = StoredObject(
            obj.object_id, obj.path, None, state.label, tuple(findings.get(obj.object_id, ()))
        )
        [update] = reclassify_tree(classifier, [stored])
        results.append(
            ObjectResult(
                obj=obj,
                status=ObjectStatus.SCANNED,
                detail=UNCHANGED_DETAIL,
                findings=update.findings,
                classification=update.classification,
                content_hash=state.content_hash,
                kind=KIND,
                data_subjects=update.data_subjects,
            )
        )
    return results


def _same(state: ObjectState | None, obj: ScanObject, full: bool) -> bool:
    if state is None or not state.present or state.status != ObjectStatus.SCANNED.value:
        return False
    assert obj.table is not None
    accepted = {content_hash(obj.table.stats, full=True)}
    if not full:
        accepted.add(content_hash(obj.table.stats, full=False))
    return state.content_hash in accepted


def _stored_findings(store: Store, objects: Sequence[ScanObject]) -> dict[str, list[Finding]]:
    """The unresolved findings of these tables, in one query on their common path prefix."""
    wanted = {obj.object_id for obj in objects}
    prefix = os.path.commonprefix([obj.path for obj in objects])
    found: dict[str, list[Finding]] = {}
    for row in store.list_findings(status=_UNRESOLVED, path_glob=glob.escape(prefix) + "*"):
        if row.object_id not in wanted:
            continue
        found.setdefault(row.object_id, []).append(
            Finding(
                object_id=row.object_id,
                path=row.path,
                entity_type=row.entity_type,
                fingerprint=row.fingerprint,
                masked=row.masked,
                score=row.score,
                recognizer=row.recognizer,
                location=Location.from_dict(row.location),
                occurrences=row.occurrences,
                detail=row.detail,
                suppressed=row.suppressed,
            )
        )
    return found
