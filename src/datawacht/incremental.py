"""Whether a file must be analysed again, judged against its stored state.

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
"""

from __future__ import annotations

import hashlib
import os
import stat

from datawacht.records import ObjectStatus, ScanObject
from datawacht.store.repository import ObjectState


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
