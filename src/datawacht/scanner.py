"""Wiring: settings → a ready pipeline, and one scan run over targets.

The CLI and (later) the watch daemon are two fronts on this module; neither
builds components itself.  The expensive part, loading Presidio and the
Dutch pipeline, happens once per process in `build_pipeline`.
"""

from __future__ import annotations

import functools
import hashlib
import logging
import secrets
import uuid
from collections.abc import Callable, Collection, Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import TYPE_CHECKING

from datawacht.classify import checked_values
from datawacht.classify.checked_values import CheckedValues
from datawacht.classify.engine import Classifier
from datawacht.classify.layers import load_ruleset
from datawacht.classify.schema import RuleSet
from datawacht.config import DatabaseSettings, Settings
from datawacht.detect import DEFAULT_RECOGNIZERS_YAML, RECOGNIZERS_PACKAGE
from datawacht.detect.canonical import canonicalize
from datawacht.detect.columns import ColumnProfiler
from datawacht.detect.fingerprint import Protector, load_or_create_key
from datawacht.incremental import UnchangedFiles, unchanged_tables
from datawacht.pipeline import Pipeline
from datawacht.records import ObjectResult, ObjectStatus, ScanObject
from datawacht.report.serialize import ScanSummary
from datawacht.report.writers import ScanWriter
from datawacht.sources.database import (
    DatabaseError,
    DatabaseTarget,
    list_tables,
    table_objects,
)
from datawacht.sources.files import local_host, object_id_for, walk
from datawacht.store.repository import Store
from datawacht.workers import Scanner, batched

if TYPE_CHECKING:
    from datawacht.detect.engine import Detector

log = logging.getLogger(__name__)

# Objects per stored-state lookup of an incremental scan; the worker pool
# drains between two of these, which costs little at this size.
INCREMENTAL_BATCH = 1000


def scanner_version() -> str:
    try:
        return version("datawacht")
    except PackageNotFoundError:
        return "0+unknown"


def now_iso() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def build_pipeline(settings: Settings, rules: RuleSet) -> Pipeline:
    """The pipeline, with detection loaded on first use (`Pipeline.detector`)."""
    protector = build_protector(settings)
    checked = CheckedValues(
        settings.resolved_state_dir() / checked_values.FILE_NAME,
        _suppression_check_stamp(settings),
        _value_checker_on_demand(settings),
        lambda entity, value: protector.protect(entity, value).fingerprint,
    )
    classifier = build_classifier(rules, protector, checked)
    checked.save()
    return Pipeline(
        functools.partial(load_detector, settings),
        protector,
        classifier,
        settings.limits.to_limits(),
    )


def load_detector(settings: Settings) -> Detector:
    """Presidio, the Dutch recognizers and the shipped spaCy pipeline."""
    from datawacht.detect.analyzer import build_detector  # imports Presidio and spaCy: seconds

    return build_detector(
        settings.detect.score_threshold,
        recognizers_yaml=settings.detect.recognizers,
        pipeline_dir=settings.detect.pipeline,
    )


def _value_checker_on_demand(settings: Settings) -> Callable[[str, str], bool]:
    """`value_checker` per entity type, built when the rules first need it:
    only suppression values are checked, and building every recognizer
    takes seconds that a rescan of an unchanged tree should not pay."""
    checkers: dict[str, Callable[[str, str], bool]] = {}

    def check(entity: str, value: str) -> bool:
        if entity not in checkers:
            checkers[entity] = value_checker(settings, {entity})
        return checkers[entity](entity, value)

    return check


def _suppression_check_stamp(settings: Settings) -> str | None:
    """What the validity of a suppression value depends on: datawacht's
    version, the recognizers file, and the recognizer code (which changes
    without a new version in a development checkout).  None when a file
    cannot be read: then every value is checked, and loading the
    recognizers reports the file."""
    digest = hashlib.sha256(scanner_version().encode("utf-8"))
    try:
        digest.update((settings.detect.recognizers or DEFAULT_RECOGNIZERS_YAML).read_bytes())
        for source in sorted(RECOGNIZERS_PACKAGE.rglob("*.py")):
            digest.update(source.read_bytes())
    except OSError:
        return None
    return digest.hexdigest()


def build_protector(settings: Settings) -> Protector:
    key_text = settings.fingerprint_key.get_secret_value() if settings.fingerprint_key else None
    return Protector(load_or_create_key(settings.resolved_state_dir(), key_text))


def build_classifier(
    rules: RuleSet, protector: Protector, is_valid: Callable[[str, str], bool]
) -> Classifier:
    """The rules compiled with this installation's key: suppressed values
    become fingerprints, after the recognizers' own check (`is_valid`), so
    that a mistyped allowlisted number is an error, not a rule that never
    matches."""

    def fingerprint(entity: str, value: str) -> str:
        if not is_valid(entity, value):
            raise ValueError(f"not a valid {entity}")
        return protector.protect(entity, value).fingerprint

    return Classifier(rules, fingerprint)


def either_form_valid(is_valid: Callable[[str, str], bool]) -> Callable[[str, str], bool]:
    """A value check that also accepts the canonical form: an officer may
    write `111.222.333` or `NL91 ABNA 0417 1643 00` as they have it."""

    def check(entity: str, value: str) -> bool:
        if is_valid(entity, value):
            return True
        try:
            return is_valid(entity, canonicalize(entity, value))
        except ValueError:
            return False

    return check


def value_checker(
    settings: Settings, entities: Collection[str] | None = None
) -> Callable[[str, str], bool]:
    """The recognizers' value checks (of `entities`, else all) without
    loading the NLP pipeline (for `rules check` and `rules fingerprint`)."""
    # The recognizers are Presidio classes: importing them costs seconds
    # (Presidio imports spaCy) that a scan should pay only when it needs them.
    from datawacht.detect.registry import build_recognizers, value_validators

    recognizers = build_recognizers(settings.detect.recognizers, entities)
    return either_form_valid(ColumnProfiler(value_validators(recognizers), {}).validates_if_known)


def check_rules(settings: Settings, directory: Path | None = None) -> RuleSet:
    """The rules, compiled as a scan compiles them, which checks every
    suppression value (`rules check`, `doctor`).  Any key does for that: a
    throwaway one neither reads nor creates the installation's key."""
    ruleset = load_rules(settings, directory)
    throwaway = Protector(secrets.token_hex(32).encode("ascii"))
    build_classifier(ruleset, throwaway, _value_checker_on_demand(settings))
    return ruleset


def host_name(settings: Settings) -> str:
    """The configured host name, else the machine's (see `object_id_for`)."""
    return settings.host or local_host()


def load_rules(settings: Settings, override: Path | None = None) -> RuleSet:
    return load_ruleset(override or settings.rules_dir)


@dataclass(frozen=True)
class Target:
    """A scan target and the objects in it (walked lazily).

    `is_folder`: the target was walked completely, so stored objects below
    `root` that the scan did not meet are gone.  `ready` holds results known
    without scanning (database tables whose statistics did not change),
    `present` the ids of objects that exist but this scan leaves alone
    (tables outside include/exclude), and `failed` why the target could not
    be opened at all (printable: never a password).
    """

    root: str
    objects: Iterable[ScanObject]
    is_folder: bool
    ready: Sequence[ObjectResult] = ()
    present: frozenset[str] = frozenset()
    failed: str | None = None


def file_targets(paths: Iterable[str], host: str) -> list[Target]:
    return [Target(str(Path(p).resolve()), walk(p, host), Path(p).is_dir()) for p in paths]


def database_target(
    target: DatabaseTarget,
    settings: DatabaseSettings,
    host: str,
    store: Store | None,
    classifier: Classifier,
) -> Target:
    """The tables of one database, listed now (names and statistics only).

    With a store and `incremental`, a table whose statistics signature equals
    the one its last successful scan stored is not read again: its stored
    findings are classified with the current rules instead (`ready`).  A
    database that cannot be listed becomes one `error` object at its root.
    """
    try:
        listing = list_tables(target, settings)
    except DatabaseError as exc:
        log.info("database.unavailable", extra={"reason": "unreadable"})
        failed = ScanObject(path=target.root, object_id=object_id_for(host, target.root))
        result = ObjectResult(failed, ObjectStatus.ERROR, "unreadable", str(exc))
        return Target(target.root, (), is_folder=False, ready=(result,), failed=str(exc))
    objects = table_objects(target, listing.tables, host)
    present = frozenset(
        object_id_for(host, target.table_path(schema, name)) for schema, name in listing.excluded
    )
    ready: list[ObjectResult] = []
    if store is not None and settings.incremental:
        ready = unchanged_tables(store, classifier, objects, full=settings.full)
        done = {result.obj.object_id for result in ready}
        objects = [obj for obj in objects if obj.object_id not in done]
    return Target(target.root, objects, is_folder=True, ready=ready, present=present)


def run_scan(
    targets: list[Target],
    scanner: Scanner,
    writer: ScanWriter,
    store: Store | None,
    host: str,
    progress: Callable[[Iterable[ScanObject]], Iterator[ScanObject]] | None = None,
    incremental: bool = True,
) -> ScanSummary:
    """Scan every object of every target; store and write each result as it
    comes, so an interrupted scan keeps everything finished before it.

    With a store and `incremental`, files unchanged since their last
    successful scan are not analysed again (`incremental.UnchangedFiles`):
    a rescan of an unchanged tree is metadata work only."""
    roots = [target.root for target in targets]
    ruleset_version = scanner.pipeline.classifier.rules.version
    if store is not None:
        scan_id = store.begin_scan(roots, ruleset_version, host, scanner_version())
    else:
        scan_id = str(uuid.uuid4())
    summary = ScanSummary(scan_id, roots, ruleset_version, scanner_version(), now_iso())
    writer.start(scan_id)
    unchanged = None
    if store is not None and incremental:
        unchanged = UnchangedFiles(store, scanner.pipeline.classifier, scan_id)
    status = "interrupted"
    try:
        for target in targets:
            seen: set[str] = set(target.present)
            for result in target.ready:
                _deliver(result, scan_id, writer, store, summary)
                seen.add(result.obj.object_id)
            objects = progress(target.objects) if progress else target.objects
            for batch in batched(objects, INCREMENTAL_BATCH):
                to_scan = batch
                if unchanged is not None:
                    handed_on, to_scan = unchanged.split(batch)
                    for result in handed_on:  # recorded already: only written
                        writer.object_done(result)
                        summary.add(result)
                        seen.add(result.obj.object_id)
                for result in scanner.scan(to_scan):
                    _deliver(result, scan_id, writer, store, summary)
                    seen.add(result.obj.object_id)
            if store is not None and target.is_folder:
                gone = store.mark_missing(scan_id, target.root, seen)
                if gone:
                    log.info("scan.objects_gone", extra={"count": gone, "scan_id": scan_id})
        status = "completed"
    finally:
        summary.status = status
        summary.finished_at = now_iso()
        if store is not None:
            # Labels per scan too, so that reports can show the trend of labels.
            store.finish_scan(
                scan_id,
                status,
                {
                    "objects": dict(summary.objects_by_status),
                    "labels": dict(summary.objects_by_label),
                },
            )
    writer.finish(summary)
    return summary


def _deliver(
    result: ObjectResult,
    scan_id: str,
    writer: ScanWriter,
    store: Store | None,
    summary: ScanSummary,
) -> None:
    if store is not None:
        store.record_object(scan_id, result)
    writer.object_done(result)
    summary.add(result)
    if result.status is not ObjectStatus.SCANNED:
        log.info(
            "object.not_scanned",
            extra={"object_id": result.obj.object_id, "reason": result.reason},
        )
