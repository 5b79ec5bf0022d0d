"""The file-tree source: walks folders and yields one ScanObject per entry.

It never follows a symbolic link (a link inside the tree points at a file
that the walk reaches under its own path; one pointing out of the tree is
out of scope, and links are how loops are made), and never opens anything:
FIFOs, devices and sockets are reported as skipped from `lstat` alone, so
the walk cannot block.  An unreadable folder becomes an object with a reason
instead of silently shrinking the scan.  Iterative, so 150-level deep trees
do not hit Python's recursion limit.
"""

from __future__ import annotations

import hashlib
import logging
import os
import socket
import stat
from collections.abc import Iterator
from pathlib import Path

from datawacht.records import ScanObject

log = logging.getLogger(__name__)

NOT_REGULAR = "not a regular file"


def local_host() -> str:
    """The host name that goes into object ids, so servers sharing one
    database never mistake each other's /srv/share for their own."""
    return socket.gethostname()


def object_id_for(host: str, path: str) -> str:
    digest = hashlib.sha256(f"{host}\0".encode() + os.fsencode(path))
    return digest.hexdigest()[:32]


def display_path(path: str) -> str:
    """A printable path: undecodable bytes in file names become escapes."""
    return path.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")


def _object(host: str, path: str, st: os.stat_result | None, skip: str | None) -> ScanObject:
    return ScanObject(
        path=display_path(path),
        object_id=object_id_for(host, path),
        size=st.st_size if st else None,
        mtime=st.st_mtime if st else None,
        fs_path=path,
        skip_reason=skip,
    )


def _classify(st: os.stat_result) -> str | None:
    """None for a regular file, else why it is not scanned."""
    mode = st.st_mode
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISLNK(mode):
        return f"{NOT_REGULAR}: symbolic link (not followed)"
    if stat.S_ISFIFO(mode):
        return f"{NOT_REGULAR}: FIFO"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return f"{NOT_REGULAR}: device"
    if stat.S_ISSOCK(mode):
        return f"{NOT_REGULAR}: socket"
    return NOT_REGULAR


def walk(target: str | Path, host: str) -> Iterator[ScanObject]:
    """Yield every entry below `target` (or `target` itself if not a folder)."""
    root = os.path.abspath(os.fspath(target))
    try:
        st = os.lstat(root)
    except OSError as exc:
        yield _object(host, root, None, f"unreadable: {exc.strerror}")
        return
    if not stat.S_ISDIR(st.st_mode):
        yield _object(host, root, st, _classify(st))
        return
    pending = [root]
    while pending:
        folder = pending.pop()
        try:
            with os.scandir(folder) as entries:
                listed = sorted(entries, key=lambda e: e.name, reverse=True)
        except OSError as exc:
            log.warning("walk.unreadable_folder", extra={"reason": exc.strerror})
            yield _object(host, folder, None, f"unreadable: {exc.strerror}")
            continue
        subfolders = []
        for entry in reversed(listed):
            try:
                entry_stat = entry.stat(follow_symlinks=False)
            except OSError as exc:  # vanished or unreadable between listing and stat
                yield _object(host, entry.path, None, f"unreadable: {exc.strerror}")
                continue
            if stat.S_ISDIR(entry_stat.st_mode):
                subfolders.append(entry.path)
                continue
            yield _object(host, entry.path, entry_stat, _classify(entry_stat))
        pending.extend(reversed(subfolders))
