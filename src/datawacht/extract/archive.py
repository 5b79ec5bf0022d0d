"""Zip archives: one Member per file, read into memory with bounded reads.

Nothing is ever written to disk, so member names (even "../../etc/passwd"
or absolute paths) are only labels.  The limits defend against zip bombs:

* `archive_members`: more file members than this -> ArchiveLimitError after
  the first `archive_members` were yielded;
* `archive_total_bytes`: the sum of the sizes the central directory
  declares, and the bytes actually decompressed (each read asks for at most
  the remaining budget plus one byte, whatever the header claims), may not
  exceed it -> ArchiveLimitError after the members that fitted;
* `archive_ratio`: a member that inflates more than this many times
  (uncompressed/compressed) is not read and becomes
  `Member(name, b"", skip_reason="archive limit")`; only members larger than
  `RATIO_FLOOR_BYTES` are judged, because small members are harmless and
  short repetitive text legitimately compresses beyond any sane ratio.

Encrypted members (flag bit 0x1) become `skip_reason="encrypted"`, members
that fail to decompress `"corrupt"`, unknown compression `"unsupported"`.
Nesting depth is the pipeline's business: it knows how deep the object is.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
import zlib
from collections.abc import Iterator

from datawacht.errors import ArchiveLimitError
from datawacht.limits import Limits
from datawacht.records import Member

RATIO_FLOOR_BYTES = 1 << 20
ENCRYPTED_FLAG = 0x1


def extract_zip(data: bytes, limits: Limits) -> Iterator[Member]:
    """Members in central-directory order; directories are skipped."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        members = declared = decompressed = 0
        for info in archive.infolist():
            if info.is_dir():
                continue
            members += 1
            if members > limits.archive_members:
                raise ArchiveLimitError(f"more than {limits.archive_members} members")
            mtime = _mtime(info)
            if info.flag_bits & ENCRYPTED_FLAG:
                yield Member(info.filename, b"", mtime, skip_reason="encrypted")
                continue
            if _inflates_too_much(info, limits):
                yield Member(info.filename, b"", mtime, skip_reason="archive limit")
                continue
            declared += info.file_size
            if declared > limits.archive_total_bytes:
                raise ArchiveLimitError(_total_detail(limits))
            room = limits.archive_total_bytes - decompressed
            try:
                with archive.open(info) as stream:
                    content = stream.read(room + 1)
            except (zipfile.BadZipFile, zlib.error, EOFError, OSError):
                yield Member(info.filename, b"", mtime, skip_reason="corrupt")
                continue
            except NotImplementedError:
                yield Member(info.filename, b"", mtime, skip_reason="unsupported")
                continue
            decompressed += len(content)
            if len(content) > room:
                raise ArchiveLimitError(_total_detail(limits))
            yield Member(info.filename, content, mtime)


def check_package(data: bytes, limits: Limits) -> None:
    """An Office or OpenDocument file is a zip too, and its parser inflates
    every part: held to the same limits first (fuzzing found a 73 KB docx of
    4 million empty paragraphs that took 89 s and 1 GB to parse).  A package
    that is no valid zip is left to its parser, which reports it corrupt."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            parts = [info for info in package.infolist() if not info.is_dir()]
    except (zipfile.BadZipFile, OSError, ValueError):
        return
    if len(parts) > limits.archive_members:
        raise ArchiveLimitError(f"more than {limits.archive_members} parts")
    if sum(info.file_size for info in parts) > limits.archive_total_bytes:
        raise ArchiveLimitError(_total_detail(limits, "parts"))
    for info in parts:
        if _inflates_too_much(info, limits):
            raise ArchiveLimitError(
                f"a part inflates more than {limits.archive_ratio} times its stored size"
            )


def _inflates_too_much(info: zipfile.ZipInfo, limits: Limits) -> bool:
    if info.file_size <= RATIO_FLOOR_BYTES:
        return False
    return info.file_size > limits.archive_ratio * max(info.compress_size, 1)


def _total_detail(limits: Limits, what: str = "members") -> str:
    return f"{what} expand to more than {limits.archive_total_bytes} bytes"


def _mtime(info: zipfile.ZipInfo) -> float | None:
    """The member's timestamp (zip stores local time without a zone)."""
    try:
        return dt.datetime(*info.date_time).timestamp()
    except (ValueError, OverflowError):
        return None
