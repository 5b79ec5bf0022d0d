"""source → extract → detect → protect → classify, one object at a time.

The pipeline is the only stage that sees raw text next to findings: it turns
each hit into a Finding through the Protector (fingerprint + mask) right away
and drops the text with the object.  Every failure of one object becomes
that object's status and reason; nothing an object contains can stop the
scan.  Archive members and e-mail attachments become child objects, scanned
by the same code, and a container is labelled by its own findings together
with those of everything inside it.
"""

from __future__ import annotations

import bisect
import dataclasses
import errno
import hashlib
import logging
import os
import re
import stat
from dataclasses import dataclass, field

from datawacht.classify.engine import classify
from datawacht.classify.schema import RuleSet
from datawacht.classify.subjects import estimate_data_subjects
from datawacht.detect.engine import CellHit, Detector
from datawacht.detect.fingerprint import Protector
from datawacht.errors import ExtractionError, TooLargeError, UnreadableError
from datawacht.extract.registry import detect_kind, extract
from datawacht.limits import Limits
from datawacht.records import (
    Finding,
    Fragment,
    Hit,
    Location,
    Member,
    ObjectResult,
    ObjectStatus,
    ScanObject,
    Table,
)

log = logging.getLogger(__name__)

HEAD_BYTES = 8192
_NEWLINE = re.compile("\n")
# Reasons that mean "something is there that we could not inspect".
UNREADABLE_REASONS = frozenset({"unreadable", "encrypted", "corrupt"})


# Text fragments wait until about this many characters are together: the
# NER runs several times faster over a batch of windows than one by one.
TEXT_BATCH_CHARS = 100_000


@dataclass
class _Collected:
    """Findings of one object, merged by identity while extraction runs."""

    findings: dict[tuple[str, str, str], Finding]
    children: list[ScanObject]
    pieces: int = 0
    pending: list[Fragment] = field(default_factory=list)
    pending_chars: int = 0


class Pipeline:
    def __init__(
        self, detector: Detector, protector: Protector, rules: RuleSet, limits: Limits
    ) -> None:
        self.detector = detector
        self.protector = protector
        self.rules = rules
        self.limits = limits

    def scan(self, obj: ScanObject) -> list[ObjectResult]:
        """Results for the object and all objects nested in it (itself last).

        Never raises: whatever goes wrong becomes the object's status.
        """
        try:
            return self._scan(obj)
        except Exception as exc:  # a bug of ours must cost one object, not the scan
            log.error(
                "object.failed",
                extra={"object_id": obj.object_id, "error": type(exc).__name__},
            )
            detail = f"{type(exc).__name__} while scanning; see the scanner log"
            return [ObjectResult(obj, ObjectStatus.ERROR, "internal error", detail)]

    def _scan(self, obj: ScanObject) -> list[ObjectResult]:
        if obj.skip_reason:
            return [self._unscanned(obj, obj.skip_reason)]
        try:
            data = obj.data if obj.data is not None else read_file(obj, self.limits)
        except ExtractionError as exc:
            return [ObjectResult(obj, exc.status, exc.reason, exc.detail)]
        content_hash = hashlib.sha256(data).hexdigest()
        kind = detect_kind(obj.name, data[:HEAD_BYTES])
        collected = _Collected({}, [])
        status, reason, detail = ObjectStatus.SCANNED, None, None
        try:
            for piece in extract(obj.name, data, self.limits):
                collected.pieces += 1
                self._take(obj, piece, collected)
        except ExtractionError as exc:
            status = ObjectStatus.PARTIAL if collected.pieces else exc.status
            reason, detail = exc.reason, exc.detail
        self._detect_pending(obj, collected)
        del data

        results: list[ObjectResult] = []
        for child in collected.children:
            results.extend(self.scan(child))
        own = tuple(collected.findings.values())
        descendants = [f for result in results for f in result.findings]
        everything = [*own, *descendants]
        results.append(
            ObjectResult(
                obj=obj,
                status=status,
                reason=reason,
                detail=detail,
                findings=own,
                classification=classify(everything, self.rules),
                content_hash=content_hash,
                kind=kind,
                data_subjects=estimate_data_subjects(everything),
            )
        )
        return results

    def _unscanned(self, obj: ScanObject, reason: str) -> ObjectResult:
        """A source or extractor said up front why this object cannot be read:
        `code` or `code: detail`, e.g. `not a regular file: FIFO`."""
        code, _, detail = reason.partition(": ")
        status = ObjectStatus.ERROR if code in UNREADABLE_REASONS else ObjectStatus.SKIPPED
        return ObjectResult(obj, status, code, detail or None)

    def _take(self, obj: ScanObject, piece: Fragment | Table | Member, out: _Collected) -> None:
        if isinstance(piece, Fragment):
            out.pending.append(piece)
            out.pending_chars += len(piece.text)
            if out.pending_chars >= TEXT_BATCH_CHARS:
                self._detect_pending(obj, out)
            return
        # Findings keep the location where they were first seen: text before
        # the table or member is detected first.
        self._detect_pending(obj, out)
        if isinstance(piece, Table):
            for cell_hit in self.detector.detect_table(piece):
                location = _cell_location(piece, cell_hit)
                self._add(obj, cell_hit.hit, cell_hit.cell.value, location, out)
        else:
            out.children.append(self._child(obj, piece))

    def _detect_pending(self, obj: ScanObject, out: _Collected) -> None:
        fragments, out.pending, out.pending_chars = out.pending, [], 0
        if not fragments:
            return
        found = self.detector.detect_texts([fragment.text for fragment in fragments])
        for fragment, hits in zip(fragments, found, strict=True):
            if hits:
                lines = _LineIndex(fragment)
                for hit in hits:
                    self._add(obj, hit, fragment.text, lines.location(hit), out)

    def _add(
        self, obj: ScanObject, hit: Hit, text: str, location: Location, out: _Collected
    ) -> None:
        try:
            protected = self.protector.protect(hit.entity_type, text[hit.start : hit.end])
        except ValueError:  # a recognizer's span that has no canonical form
            log.debug("detect.no_canonical_form", extra={"kind": hit.entity_type})
            return
        key = (obj.object_id, hit.entity_type, protected.fingerprint)
        known = out.findings.get(key)
        if known is not None:
            out.findings[key] = dataclasses.replace(
                known, occurrences=known.occurrences + 1, score=max(known.score, hit.score)
            )
            return
        out.findings[key] = Finding(
            object_id=obj.object_id,
            path=obj.path,
            entity_type=hit.entity_type,
            fingerprint=protected.fingerprint,
            masked=protected.masked,
            score=hit.score,
            recognizer=hit.recognizer,
            location=location,
            detail=hit.detail,
        )

    def _child(self, parent: ScanObject, member: Member) -> ScanObject:
        depth = parent.depth + 1
        skip = member.skip_reason
        if skip is None and depth > self.limits.archive_depth:
            skip = f"archive limit: nested deeper than {self.limits.archive_depth} levels"
        return ScanObject(
            path=f"{parent.path}!/{member.name}",
            object_id=hashlib.sha256(f"{parent.object_id}!/{member.name}".encode()).hexdigest()[
                :32
            ],
            size=len(member.data),
            mtime=member.mtime,
            parent_id=parent.object_id,
            depth=depth,
            skip_reason=skip,
            data=member.data if skip is None else None,
        )


def read_file(obj: ScanObject, limits: Limits) -> bytes:
    """Read a regular file without following links or blocking on FIFOs.

    The walk already skipped non-regular files, but the file may have been
    swapped since: O_NOFOLLOW and O_NONBLOCK plus an fstat on the open
    descriptor close that race.
    """
    assert obj.fs_path is not None
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
    try:
        fd = os.open(obj.fs_path, flags)
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise ExtractionError("symbolic link (not followed)", "not a regular file") from exc
        raise UnreadableError(exc.strerror or "cannot open") from exc
    with os.fdopen(fd, "rb") as handle:
        st = os.fstat(handle.fileno())
        if not stat.S_ISREG(st.st_mode):
            raise ExtractionError("changed into a non-regular file", "not a regular file")
        if st.st_size > limits.max_file_bytes:
            raise TooLargeError(f"{st.st_size} bytes, limit {limits.max_file_bytes}")
        try:
            data = handle.read(limits.max_file_bytes + 1)
        except OSError as exc:
            raise UnreadableError(exc.strerror or "read failed") from exc
    if len(data) > limits.max_file_bytes:
        raise TooLargeError(f"grew past the limit of {limits.max_file_bytes} bytes while read")
    return data


class _LineIndex:
    """Line numbers of hits in one fragment.

    Counting newlines up to every hit is quadratic in a megabyte fragment
    with thousands of hits; the offsets of the newlines are found once.
    """

    def __init__(self, fragment: Fragment) -> None:
        self._fragment = fragment
        self._newlines = [match.start() for match in _NEWLINE.finditer(fragment.text)]

    def location(self, hit: Hit) -> Location:
        fragment = self._fragment
        line = fragment.first_line + bisect.bisect_left(self._newlines, hit.start)
        return fragment.origin.with_(
            line=line, start=fragment.offset + hit.start, end=fragment.offset + hit.end
        )


def _cell_location(table: Table, cell_hit: CellHit) -> Location:
    return Location(
        sheet=table.sheet,
        table=table.table,
        row=cell_hit.cell.row,
        column=cell_hit.column.name,
    )
