"""Whether an object must be analysed again, judged against its stored state.

Files
-----
Analysis (extraction, NER, classification) is the expensive part of a scan;
reading a file's bytes for a SHA-256 costs a fraction of it.  So:

- a different size means different content: analyse;
- the same size and mtime mean the same content, where the caller may
  trust that (a catch-up over 10,000 files cannot read every byte at every
  start; rsync and make trust it too);
- the same size with another mtime (`touch`, a restore from backup, a copy
  that kept its content), or an event that says the file was written, is
  decided by the content hash the last scan stored.

Only objects whose last scan succeeded count: a file that was too large,
unreadable or failed must be tried again.

Database tables
---------------
A table's size and mtime say nothing, but the server's statistics do
(`sources/dialects.py`).  The last scan of a table stores the statistics
signature as the object's `content_hash` (`table-stats:sample:…` or
`table-stats:full:…`); a table whose last scan succeeded with the same
signature is not read again.  A full pass counts for a later sampled scan
(it saw more), never the other way round.  Tables on servers without
statistics (SQLite), and tables whose statistics are not trustworthy yet,
have no signature and are always read.

An unchanged table still appears in the scan: its stored findings (resolved
ones left out) are classified with the current rules, as `rules apply` does,
so the output and the store show every table with its present label.
"""

from __future__ import annotations

import hashlib
import os
import stat
from collections.abc import Sequence
from dataclasses import dataclass

from datawacht.classify.engine import Classifier
from datawacht.classify.reapply import reclassify_tree
from datawacht.records import ObjectResult, ObjectStatus, ScanObject
from datawacht.sources.tablereader import content_hash
from datawacht.store.repository import (
    ObjectState,
    Reclassified,
    Store,
    StoredObject,
)


def unchanged(state: ObjectState | None, obj: ScanObject, *, trust_mtime: bool) -> bool:
    """True when `obj` on disk holds what its last successful scan saw."""
    if state is None or not state.present or state.status != ObjectStatus.SCANNED.value:
        return False
    if obj.size is None or state.size != obj.size:
        return False
    if trust_mtime and state.mtime == obj.mtime:
        return True
    if state.content_hash is None or obj.fs_path is None:
        return False
    return file_sha256(obj.fs_path) == state.content_hash


UNCHANGED_FILE = "not analysed again: unchanged since the last scan"


@dataclass
class UnchangedFiles:
    """Splits the objects of a file scan into those that need analysis and
    the results of those that do not.

    An unchanged file (and everything inside it) is handed on as its last
    scan recorded it: its stored findings, classified with the current
    rules, so the output and the store show every object.  The store only
    learns that the scan met it, and its new classification where the rules
    changed since; nothing is analysed and no finding is rewritten.
    """

    store: Store
    classifier: Classifier
    scan_id: str

    def split(self, objects: Sequence[ScanObject]) -> tuple[list[ObjectResult], list[ScanObject]]:
        """(results of the unchanged, each file's members first; the rest)."""
        files = [o for o in objects if o.fs_path is not None and o.parent_id is None]
        states = self.store.object_states([o.object_id for o in files])
        same = {
            o.object_id: o
            for o in files
            if o.skip_reason is None and unchanged(states.get(o.object_id), o, trust_mtime=True)
        }
        if not same:
            return [], list(objects)
        version = self.classifier.rules.version
        results: list[ObjectResult] = []
        outdated: list[Reclassified] = []
        for tree in self.store.stored_trees(list(same)):
            pairs = list(zip(tree, reclassify_tree(self.classifier, tree), strict=True))
            outdated.extend(update for stored, update in pairs if stored.ruleset_version != version)
            for stored, update in reversed(pairs):  # members first, as a scan delivers them
                obj = same.get(stored.object_id)
                results.append(_handed_on(stored, update, obj, UNCHANGED_FILE))
        for obj in same.values():
            state = states[obj.object_id]
            if state.mtime != obj.mtime and obj.size is not None and obj.mtime is not None:
                self.store.refresh_metadata(self.scan_id, obj.object_id, obj.size, obj.mtime)
        self.store.mark_seen(self.scan_id, [result.obj.object_id for result in results])
        if outdated:
            self.store.save_reclassified(outdated)
        return results, [o for o in objects if o.object_id not in same]


def _handed_on(
    stored: StoredObject, update: Reclassified, obj: ScanObject | None, why: str
) -> ObjectResult:
    """The result of an object that was not analysed again: as its last scan
    recorded it, with the findings and classification of `update`."""
    if obj is None:  # a member: as the store knows it
        obj = ScanObject(
            stored.path, stored.object_id, stored.size, stored.mtime, parent_id=stored.parent_id
        )
    return ObjectResult(
        obj=obj,
        status=ObjectStatus(stored.status),
        reason=stored.reason,
        detail=why if stored.status == ObjectStatus.SCANNED.value else stored.detail,
        findings=update.findings,
        classification=update.classification,
        content_hash=stored.content_hash,
        kind=stored.kind,
        data_subjects=update.data_subjects,
    )


def file_sha256(path: str) -> str | None:
    """The SHA-256 of a regular file's bytes, as the pipeline stores it;
    None when it cannot be read (the scan will then say why)."""
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
    try:
        fd = os.open(path, flags)
    except OSError:
        return None
    with os.fdopen(fd, "rb") as handle:
        try:
            if not stat.S_ISREG(os.fstat(handle.fileno()).st_mode):
                return None
            return hashlib.file_digest(handle, "sha256").hexdigest()
        except OSError:
            return None


UNCHANGED_DETAIL = "not read again: the table statistics did not change since the last scan"


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
    stored = {
        tree[0].object_id: tree[0] for tree in store.stored_trees([o.object_id for o in same])
    }
    results = []
    for obj in same:
        [update] = reclassify_tree(classifier, [stored[obj.object_id]])
        results.append(_handed_on(stored[obj.object_id], update, obj, UNCHANGED_DETAIL))
    return results


def _same(state: ObjectState | None, obj: ScanObject, full: bool) -> bool:
    if state is None or not state.present or state.status != ObjectStatus.SCANNED.value:
        return False
    assert obj.table is not None
    accepted = {content_hash(obj.table.stats, full=True)}
    if not full:
        accepted.add(content_hash(obj.table.stats, full=False))
    return state.content_hash in accepted
