"""Wiring: settings → a ready pipeline, and one scan run over targets.

The CLI and (later) the watch daemon are two fronts on this module; neither
builds components itself.  The expensive part, loading Presidio and the
Dutch pipeline, happens once per process in `build_pipeline`.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

from datawacht.classify.schema import RuleSet, load_ruleset
from datawacht.config import Settings
from datawacht.detect.analyzer import build_detector
from datawacht.detect.fingerprint import Protector, load_or_create_key
from datawacht.pipeline import Pipeline
from datawacht.records import ObjectResult, ObjectStatus, ScanObject
from datawacht.report.serialize import ScanSummary
from datawacht.report.writers import ScanWriter
from datawacht.sources.files import local_host, walk
from datawacht.store.repository import Store
from datawacht.workers import Scanner

log = logging.getLogger(__name__)


def scanner_version() -> str:
    try:
        return version("datawacht")
    except PackageNotFoundError:
        return "0+unknown"


def now_iso() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def build_pipeline(settings: Settings, rules: RuleSet) -> Pipeline:
    detector = build_detector(
        settings.detect.score_threshold,
        recognizers_yaml=settings.detect.recognizers,
        pipeline_dir=settings.detect.pipeline,
    )
    key_text = settings.fingerprint_key.get_secret_value() if settings.fingerprint_key else None
    key = load_or_create_key(settings.resolved_state_dir(), key_text)
    return Pipeline(detector, Protector(key), rules, settings.limits.to_limits())


def host_name(settings: Settings) -> str:
    """The configured host name, else the machine's (see `object_id_for`)."""
    return settings.host or local_host()


def load_rules(settings: Settings, override: Path | None = None) -> RuleSet:
    return load_ruleset(override or settings.rules_dir)


@dataclass(frozen=True)
class Target:
    """A scan target and the objects in it (walked lazily)."""

    root: str
    objects: Iterable[ScanObject]
    is_folder: bool


def file_targets(paths: Iterable[str], host: str) -> list[Target]:
    return [Target(str(Path(p).resolve()), walk(p, host), Path(p).is_dir()) for p in paths]


def run_scan(
    targets: list[Target],
    scanner: Scanner,
    writer: ScanWriter,
    store: Store | None,
    host: str,
    progress: Callable[[Iterable[ScanObject]], Iterator[ScanObject]] | None = None,
) -> ScanSummary:
    """Scan every object of every target; store and write each result as it
    comes, so an interrupted scan keeps everything finished before it."""
    roots = [target.root for target in targets]
    ruleset_version = scanner.pipeline.rules.full_version
    if store is not None:
        scan_id = store.begin_scan(roots, ruleset_version, host, scanner_version())
    else:
        scan_id = str(uuid.uuid4())
    summary = ScanSummary(scan_id, roots, ruleset_version, scanner_version(), now_iso())
    writer.start(scan_id)
    status = "interrupted"
    try:
        for target in targets:
            seen: set[str] = set()
            objects = progress(target.objects) if progress else target.objects
            for result in scanner.scan(objects):
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
            store.finish_scan(scan_id, status, dict(summary.objects_by_status))
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
