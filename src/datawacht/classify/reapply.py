"""Re-classification without rescanning: the current rules over stored findings.

When rules change (a new volume threshold, a suppression for the
organisation's own IBAN, a location policy), every stored object gets a new
label, explanation and violations from the findings the last scan left,
exactly as a scan would have computed them: suppressions are re-marked,
and an archive or e-mail is labelled on its own findings together with
those of everything inside it.  Resolved findings do not count, as they did
not in the scan that resolved them.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection, Sequence

from datawacht.classify.engine import Classifier
from datawacht.classify.subjects import estimate_data_subjects
from datawacht.records import Finding
from datawacht.store.repository import Reclassified, Store, StoredObject
from datawacht.store.review import Review


def reclassify_tree(classifier: Classifier, tree: Sequence[StoredObject]) -> list[Reclassified]:
    """New classifications for one object tree (parents before children)."""
    marked = {obj.object_id: classifier.suppress(obj.path, obj.findings) for obj in tree}
    ids = {obj.object_id for obj in tree}
    inside: dict[str, list[Finding]] = {obj.object_id: list(marked[obj.object_id]) for obj in tree}
    for obj in reversed(tree):  # children first: their subtree is complete
        if obj.parent_id in ids:
            inside[obj.parent_id].extend(inside[obj.object_id])
    results = []
    for obj in tree:
        everything = inside[obj.object_id]
        own = marked[obj.object_id]
        results.append(
            Reclassified(
                object_id=obj.object_id,
                classification=classifier.classify(obj.path, everything),
                findings=own,
                data_subjects=estimate_data_subjects(f for f in everything if not f.suppressed),
                counts=_counts(own),
            )
        )
    return results


def apply_rules(
    store: Store, classifier: Classifier, object_ids: Collection[str] | None = None
) -> Counter[tuple[str, str]]:
    """Re-classify every stored object (or the trees holding `object_ids`);
    the number of objects per (old, new) label."""
    classifier.keep_out(Review(store).false_positives())
    changes: Counter[tuple[str, str]] = Counter()
    for tree in store.object_trees(object_ids):
        updates = reclassify_tree(classifier, tree)
        store.save_reclassified(updates)
        for obj, update in zip(tree, updates, strict=True):
            changes[(obj.label or "", update.classification.label)] += 1
    return changes


def _counts(findings: Sequence[Finding]) -> dict[str, int]:
    counts: Counter[str] = Counter(f.entity_type for f in findings if f.suppressed is None)
    return dict(sorted(counts.items()))
