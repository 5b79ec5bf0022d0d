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
import errno
import functools
import gc
import hashlib
import logging
import os
import re
import stat
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, BinaryIO

from datawacht.classify.engine import Classifier
from datawacht.classify.subjects import estimate_data_subjects
from datawacht.deadline import (
    REGEX_TIMEOUTS,
    TIME_LIMIT,
    Deadline,
    TimeLimitError,
    limit_regex_time,
)
from datawacht.detect.fingerprint import Protected, Protector
from datawacht.errors import ExtractionError, TooLargeError, UnreadableError, VanishedError
from datawacht.extract.large import STREAMED_KINDS, LargeExtract
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

if TYPE_CHECKING:
    from datawacht.detect.engine import CellHit, Detector
    from datawacht.sources.tablereader import TableReader

log = logging.getLogger(__name__)

HEAD_BYTES = 8192
_NEWLINE = re.compile("\n")
# Reasons that mean "something is there that we could not inspect".
UNREADABLE_REASONS = frozenset({"unreadable", "encrypted", "corrupt"})


# Text waits until about this many characters, or this many objects, are
# together: the NER runs several times faster over a batch of windows than
# window by window, and most files on a share are small.
TEXT_BATCH_CHARS = 100_000
OBJECTS_PER_BATCH = 16


# Allocations between two young-generation garbage collections (Python's
# default is 700).  Detection makes many short-lived objects; with the default
# and the loaded detector in the heap, a scan of a 400-file share spent a
# fifth of its time in the collector (measured with gc.callbacks).
GC_YOUNG_THRESHOLD = 50_000


def _settle_heap() -> None:
    """Keep the loaded detector out of the garbage collector's work.

    spaCy's and Presidio's objects live as long as the process, and every
    full collection would traverse them again: `gc.freeze` moves them to a
    generation that is never collected.  Done before the worker pool forks,
    it also keeps the collector from writing to (and so copying) their pages
    in every worker.
    """
    gc.freeze()
    _, middle, oldest = gc.get_threshold()
    gc.set_threshold(GC_YOUNG_THRESHOLD, middle, oldest)


@dataclass(slots=True)
class _Seen:
    """One finding while its object is scanned: the first hit and where it
    was, and how often and how surely the value was seen.  Mutable, because a
    register repeats a value thousands of times."""

    hit: Hit
    protected: Protected
    location: Location
    score: float
    occurrences: int = 1


@dataclass
class _Collected:
    """One object while it is scanned: findings merged by identity, nested
    objects, and how extraction ended."""

    obj: ScanObject
    content_hash: str | None
    kind: str
    # (entity type, fingerprint): a finding's identity within its object.
    seen: dict[tuple[str, str], _Seen] = field(default_factory=dict)
    children: list[ScanObject] = field(default_factory=list)
    pieces: int = 0
    status: ObjectStatus = ObjectStatus.SCANNED
    reason: str | None = None
    detail: str | None = None
    sampled: bool = False
    # (entity type, raw value) → its fingerprint and mask: a value repeated
    # in a register is canonicalised and fingerprinted once.  Raw values
    # stay in this process, for the time of this object.
    protected: dict[tuple[str, str], Protected] = field(default_factory=dict, repr=False)
    # (entity type, cell value) → whether it is valid: a large extract comes
    # in slices, and each repeated value is validated once per object.
    checked: dict[tuple[str, str], bool] = field(default_factory=dict, repr=False)
    # Distinct values listed per entity type, and occurrences of the values
    # beyond `limits.max_findings_per_type` that were counted instead.
    listed: Counter[str] = field(default_factory=Counter, repr=False)
    unlisted: Counter[str] = field(default_factory=Counter)

    def findings(self) -> list[Finding]:
        obj = self.obj
        return [
            Finding(
                object_id=obj.object_id,
                path=obj.path,
                entity_type=seen.hit.entity_type,
                fingerprint=seen.protected.fingerprint,
                masked=seen.protected.masked,
                score=seen.score,
                recognizer=seen.hit.recognizer,
                location=seen.location,
                occurrences=seen.occurrences,
                detail=seen.hit.detail,
            )
            for seen in self.seen.values()
        ]


@dataclass
class _Pending:
    """Text fragments of one or more objects waiting for one detection batch."""

    fragments: list[tuple[_Collected, Fragment]] = field(default_factory=list)
    chars: int = 0

    def drop(self, collected: _Collected) -> None:
        self.fragments = [(out, piece) for out, piece in self.fragments if out is not collected]
        self.chars = sum(len(piece.text) for _, piece in self.fragments)


# Reasons of members that make their archive partial: a member that could
# not be read may hold what the archive is about.  Skipped members that are
# simply not documents (images, links) do not count.
UNREAD_MEMBER_REASONS = frozenset({"archive limit", "too large", TIME_LIMIT})


def _out_of_time(collected: _Collected, detail: str) -> None:
    """The object ran out of time: partial, unless it failed already."""
    if collected.status is ObjectStatus.SCANNED:
        collected.status = ObjectStatus.PARTIAL
        collected.reason, collected.detail = TIME_LIMIT, detail


def _members_unread(collected: _Collected, members: Sequence[ObjectResult]) -> None:
    """An archive whose members could not all be read is partial, with the
    reason of the first such member: an officer looking at the archive
    must see that it was not fully inspected."""
    unread = [
        m
        for m in members
        if m.status in (ObjectStatus.ERROR, ObjectStatus.PARTIAL)
        or (m.status is ObjectStatus.SKIPPED and m.reason in UNREAD_MEMBER_REASONS)
    ]
    if unread and collected.status is ObjectStatus.SCANNED:
        collected.status = ObjectStatus.PARTIAL
        collected.reason = unread[0].reason
        collected.detail = f"{len(unread)} of {len(members)} members not (fully) read"


def _not_all_listed(collected: _Collected, listed: int) -> None:
    """An object with more values than it lists is partial: the store must
    not take an unlisted value for one that is gone, and an officer must see
    that the list is not complete.  Its detail says by how much."""
    if collected.unlisted and collected.status is ObjectStatus.SCANNED:
        collected.status = ObjectStatus.PARTIAL
        collected.reason = TooLargeError.reason
        counts = ", ".join(f"{n} of {kind}" for kind, n in sorted(collected.unlisted.items()))
        not_listed = (
            f"{listed} distinct values per type listed (limits.max_findings_per_type); "
            f"occurrences of further values counted, not listed: {counts}"
        )
        # A sampled extract keeps what its sample was, before this.
        collected.detail = "; ".join(filter(None, [collected.detail, not_listed]))


# CSV, TSV, NDJSON and Parquet files above this are streamed in slices of
# rows even when every row is analysed: read whole, a 56 MiB register took
# 1.6 GiB (its bytes, its text, and an object per cell), streamed 0.7 GiB.
# Slices cost time where values repeat (each slice meets them again: that
# register took 22 s instead of 12), so smaller files are still read whole.
STREAM_TABLES_ABOVE_BYTES = 16 * 1024 * 1024


class Pipeline:
    def __init__(
        self,
        load_detector: Callable[[], Detector],
        protector: Protector,
        classifier: Classifier,
        limits: Limits,
        tables: TableReader | None = None,
    ) -> None:
        """`load_detector` is called on first use of `detector`: loading
        Presidio and the spaCy pipeline takes seconds, which a rescan that
        finds nothing changed need not pay.  `tables` reads database tables
        (objects with `table` set); set it before the worker pool forks, so
        that every worker can read them."""
        self._load_detector = load_detector
        self._detector: Detector | None = None
        self.protector = protector
        self.classifier = classifier
        self.limits = limits
        self.tables = tables
        self._deadline = Deadline()

    @property
    def detector(self) -> Detector:
        return self._detector if self._detector is not None else self.load()

    def load(self) -> Detector:
        """The detector, loaded now if it was not yet (before a fork, so
        that workers share it; or to be ready before the first object).
        Applies `limits.regex_seconds` too, also after a reload."""
        if self._detector is None:
            self._detector = self._load_detector()
            _settle_heap()
        limit_regex_time(self.limits.regex_seconds)
        return self._detector

    def scan(self, obj: ScanObject) -> list[ObjectResult]:
        """Results for the object and all objects nested in it (itself last).

        Never raises: whatever goes wrong becomes the object's status.
        """
        return self.scan_many([obj])[0]

    def scan_many(self, objs: Sequence[ScanObject]) -> list[list[ObjectResult]]:
        """`scan` for each object, with the text of all of them detected in
        shared batches.  Never raises: a bug of ours costs one object, so a
        batch that fails is scanned again object by object.  So is a batch
        that ran out of time (`limits.object_seconds`), because the object
        to blame is not known: each then gets the time limit of its own."""
        try:
            with self._deadline.limit(self.limits.object_seconds):
                pending = _Pending()
                started = [self._start(obj, pending) for obj in objs]
                self._detect(pending)
                results = [s if isinstance(s, list) else self._finish(s) for s in started]
        except TimeLimitError as exc:  # outside extraction and detection: nothing to keep
            self._deadline.stop()
            if len(objs) > 1:
                return [self.scan_many([obj])[0] for obj in objs]
            return [[ObjectResult(objs[0], ObjectStatus.ERROR, exc.reason, exc.detail)]]
        except Exception as exc:
            if len(objs) > 1:
                return [self.scan_many([obj])[0] for obj in objs]
            obj = objs[0]
            log.error(
                "object.failed",
                extra={"object_id": obj.object_id, "error": type(exc).__name__},
            )
            detail = f"{type(exc).__name__} while scanning; see the scanner log"
            return [[ObjectResult(obj, ObjectStatus.ERROR, "internal error", detail)]]
        if len(objs) > 1 and any(r.reason == TIME_LIMIT for rs in results for r in rs):
            return [self.scan_many([obj])[0] for obj in objs]
        return results

    def _start(self, obj: ScanObject, pending: _Pending) -> _Collected | list[ObjectResult]:
        """Read and extract one object; its text joins `pending`.  An object
        that cannot be read, or that holds other objects, is finished here."""
        if obj.skip_reason:
            return [self._unscanned(obj, obj.skip_reason)]
        if obj.table is not None:
            return self._start_table(obj, pending)
        stream_above = min(STREAM_TABLES_ABOVE_BYTES, self.limits.sample_tables_above_bytes)
        if obj.data is None and (obj.size or 0) > stream_above:
            streamed = self._start_large(obj, pending)
            if streamed is not None:
                return streamed
        try:
            data = obj.data if obj.data is not None else read_file(obj, self.limits)
        except ExtractionError as exc:
            return [ObjectResult(obj, exc.status, exc.reason, exc.detail)]
        collected = _Collected(
            obj, hashlib.sha256(data).hexdigest(), detect_kind(obj.name, data[:HEAD_BYTES])
        )
        self._take_all(collected, extract(obj.name, data, self.limits), pending)
        del data
        if collected.children:
            # Members hold their bytes: scan them now rather than keep them
            # for the rest of the batch.
            self._detect(pending)
            return self._finish(collected)
        return collected

    def _start_table(self, obj: ScanObject, pending: _Pending) -> _Collected | list[ObjectResult]:
        """A database table: sampled rows instead of bytes, detected as any
        table is.  The content hash is the table's statistics signature."""
        assert obj.table is not None
        if self.tables is None:
            detail = "no database connection in this scan"
            return [ObjectResult(obj, ObjectStatus.ERROR, "unreadable", detail)]
        reading = self.tables.read(obj.table)
        collected = _Collected(obj, reading.content_hash, "database table")
        self._take_all(collected, reading.tables, pending)
        collected.sampled = reading.sampled
        if collected.status is ObjectStatus.SCANNED:
            collected.detail = reading.detail
        return collected

    def _start_large(
        self, obj: ScanObject, pending: _Pending
    ) -> _Collected | list[ObjectResult] | None:
        """A large CSV, TSV, NDJSON or Parquet extract, streamed from disk,
        every row in slices up to `limits.sample_tables_above_bytes` and by
        default sampled beyond (`extract.large`); None for any other kind,
        which is read whole as usual (and may be too large)."""
        try:
            handle = open_regular(obj)
        except ExtractionError as exc:
            return [ObjectResult(obj, exc.status, exc.reason, exc.detail)]
        with handle:
            kind = detect_kind(obj.name, handle.read(HEAD_BYTES))
            if kind not in STREAMED_KINDS:
                return None
            above = (obj.size or 0) > self.limits.sample_tables_above_bytes
            sample = self.limits.sample_tables and above
            reading = LargeExtract(handle, kind, self.limits, full=not sample)
            collected = _Collected(obj, "", kind)
            self._take_all(collected, reading.tables(), pending)
        collected.content_hash = reading.content_hash
        collected.sampled = reading.rows_read < reading.rows_total
        if collected.status is ObjectStatus.SCANNED:
            collected.detail = reading.detail
        return collected

    def _take_all(
        self, collected: _Collected, pieces: Iterable[Fragment | Table | Member], pending: _Pending
    ) -> None:
        """Every piece into `collected`; an error after some pieces makes the object partial."""
        try:
            for piece in pieces:
                self._deadline.check()
                collected.pieces += 1
                self._take(collected, piece, pending)
        except ExtractionError as exc:
            if isinstance(exc, TimeLimitError):
                self._deadline.stop()
                pending.drop(collected)  # its waiting text will not be analysed now
            collected.status = ObjectStatus.PARTIAL if collected.pieces else exc.status
            collected.reason, collected.detail = exc.reason, exc.detail

    def _finish(self, collected: _Collected) -> list[ObjectResult]:
        obj = collected.obj
        results: list[ObjectResult] = []
        for done, child in enumerate(collected.children):
            if self._deadline.expired:
                _out_of_time(collected, f"{done} of {len(collected.children)} members scanned")
                break
            results.extend(self.scan(child))
        _members_unread(collected, [r for r in results if r.obj.parent_id == obj.object_id])
        _not_all_listed(collected, self.limits.max_findings_per_type)
        own = self.classifier.suppress(obj.path, collected.findings())
        descendants = [f for result in results for f in result.findings]
        everything = [*own, *descendants]
        results.append(
            ObjectResult(
                obj=obj,
                status=collected.status,
                reason=collected.reason,
                detail=collected.detail,
                findings=own,
                classification=self.classifier.classify(obj.path, everything),
                content_hash=collected.content_hash,
                kind=collected.kind,
                sampled=collected.sampled,
                data_subjects=estimate_data_subjects(f for f in everything if not f.suppressed),
            )
        )
        return results

    def _unscanned(self, obj: ScanObject, reason: str) -> ObjectResult:
        """A source or extractor said up front why this object cannot be read:
        `code` or `code: detail`, e.g. `not a regular file: FIFO`."""
        code, _, detail = reason.partition(": ")
        status = ObjectStatus.ERROR if code in UNREADABLE_REASONS else ObjectStatus.SKIPPED
        return ObjectResult(obj, status, code, detail or None)

    def _take(self, out: _Collected, piece: Fragment | Table | Member, pending: _Pending) -> None:
        if isinstance(piece, Fragment):
            pending.fragments.append((out, piece))
            pending.chars += len(piece.text)
            if pending.chars >= TEXT_BATCH_CHARS:
                self._detect(pending)
            return
        # Findings keep the location where they were first seen: text before
        # the table or member is detected first.
        self._detect(pending)
        if isinstance(piece, Table):
            for cell_hit in self.detector.detect_table(piece, out.checked):
                self._add(
                    out,
                    cell_hit.hit,
                    cell_hit.cell.value,
                    functools.partial(_cell_location, piece, cell_hit),
                    cell_hit.occurrences,
                )
        else:
            out.children.append(self._child(out.obj, piece))

    def _detect(self, pending: _Pending) -> None:
        waiting, pending.fragments, pending.chars = pending.fragments, [], 0
        if not waiting:
            return
        regex_timeouts = REGEX_TIMEOUTS.count
        try:
            self._deadline.check()
            found = self.detector.detect_texts([fragment.text for _, fragment in waiting])
        except TimeLimitError as exc:
            self._deadline.stop()
            for out, _ in waiting:
                _out_of_time(out, f"text not analysed: {exc.detail}")
            return
        if REGEX_TIMEOUTS.count != regex_timeouts:
            for out, _ in waiting:
                _out_of_time(out, "a pattern ran past limits.regex_seconds and was skipped")
        for (out, fragment), hits in zip(waiting, found, strict=True):
            if hits:
                lines = _LineIndex(fragment)
                for hit in hits:
                    self._add(out, hit, fragment.text, functools.partial(lines.location, hit))

    def _add(
        self,
        out: _Collected,
        hit: Hit,
        text: str,
        locate: Callable[[], Location],
        occurrences: int = 1,
    ) -> None:
        """Merge a hit, seen `occurrences` times, into the object's findings;
        `locate` is called for the first occurrence of a value only.  Once
        `limits.max_findings_per_type` values of its type are listed, a
        further value is only counted, and neither it nor its written form is
        kept: memory stays bounded however many people a register holds."""
        entity_type = hit.entity_type
        raw = (entity_type, text[hit.start : hit.end])
        protected = out.protected.get(raw)
        known_form = protected is not None
        if protected is None:
            try:
                protected = self.protector.protect(*raw)
            except ValueError:  # a recognizer's span that has no canonical form
                log.debug("detect.no_canonical_form", extra={"kind": entity_type})
                return
        key = (entity_type, protected.fingerprint)
        seen = out.seen.get(key)
        if seen is not None:
            seen.occurrences += occurrences
            seen.score = max(seen.score, hit.score)
        elif out.listed[entity_type] < self.limits.max_findings_per_type:
            out.listed[entity_type] += 1
            out.seen[key] = _Seen(hit, protected, locate(), hit.score, occurrences)
        else:
            out.unlisted[entity_type] += occurrences
            return
        if not known_form:
            out.protected[raw] = protected

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


def open_regular(obj: ScanObject) -> BinaryIO:
    """Open a regular file without following links or blocking on FIFOs.

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
        if exc.errno == errno.ENOENT:
            raise VanishedError("deleted or moved during the scan") from exc
        raise UnreadableError(exc.strerror or "cannot open") from exc
    handle = os.fdopen(fd, "rb")
    if not stat.S_ISREG(os.fstat(fd).st_mode):
        handle.close()
        raise ExtractionError("changed into a non-regular file", "not a regular file")
    return handle


def read_file(obj: ScanObject, limits: Limits) -> bytes:
    """The bytes of a regular file (`open_regular`), within the size limit."""
    with open_regular(obj) as handle:
        st = os.fstat(handle.fileno())
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
