"""Watched roots: how each is watched, and whether it is there at all.

inotify sees nothing of what other machines do on a network file system, so
roots on SMB/CIFS, NFS or sshfs (found in /proc/mounts, or configured in
`watch.polling`) are polled instead (watchdog #409, #668).

A root that is gone or unreadable is an *outage*: a share that is not
mounted, a server that is down.  Its files are not deleted, and nothing is
resolved because of it (watchdog #802: a transient unmount looks like a mass
deletion).  For a root on a network mount, the mount must still be listed
in /proc/mounts: an unmounted CIFS share leaves an empty, readable mount
point behind, which would otherwise look like a share whose files were all
deleted.

`check_health` may block on a hard-mounted NFS share whose server is gone;
it runs on the supervisor thread, so the queue loop keeps going.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterable
from dataclasses import dataclass

PROC_MOUNTS = "/proc/mounts"
NETWORK_FS = frozenset(
    {
        "cifs",
        "smb3",
        "smbfs",
        "nfs",
        "nfs4",
        "fuse.sshfs",
        "sshfs",
        "ceph",
        "glusterfs",
        "fuse.glusterfs",
        "9p",
        "afs",
    }
)
INOTIFY = "inotify"
POLLING = "polling"


@dataclass(frozen=True)
class Mount:
    """One line of /proc/mounts: where, and which file system type."""

    point: str
    fstype: str


@dataclass(frozen=True)
class Root:
    """A watched root.

    `mode` is `inotify` or `polling`; `why` says how that was decided
    (`local`, `configured`, `network fs cifs`); `mount` is the network mount
    the root lives on, which must stay mounted for the root to be healthy.
    """

    path: str
    mode: str
    why: str
    mount: Mount | None = None


def _unescape(field: str) -> str:
    """/proc/mounts writes space, tab, newline and backslash as octal escapes."""
    for escaped, plain in (("\\040", " "), ("\\011", "\t"), ("\\012", "\n"), ("\\134", "\\")):
        field = field.replace(escaped, plain)
    return field


def read_mounts(path: str = PROC_MOUNTS) -> list[Mount]:
    """The mounted file systems; empty when the table cannot be read (not Linux)."""
    try:
        with open(path, encoding="utf-8", errors="surrogateescape") as handle:
            lines = handle.read().splitlines()
    except OSError:
        return []
    mounts = []
    for line in lines:
        fields = line.split()
        if len(fields) >= 3:
            mounts.append(Mount(_unescape(fields[1]), fields[2]))
    return mounts


def mount_of(path: str, mounts: Iterable[Mount]) -> Mount | None:
    """The mount `path` lies on: the longest mount point containing it (the
    last one listed wins when one is mounted over another)."""
    best: Mount | None = None
    for mount in mounts:
        point = mount.point.rstrip("/") or "/"
        inside = path == point or path.startswith(point if point == "/" else point + "/")
        if inside and (best is None or len(point) >= len(best.point.rstrip("/") or "/")):
            best = mount
    return best


def plan_root(path: str, polling: Iterable[str], mounts: list[Mount]) -> Root:
    """Decide how to watch `path`: configured polling first, then the file
    system type of its mount."""
    mount = mount_of(path, mounts)
    network = mount if mount is not None and mount.fstype in NETWORK_FS else None
    if any(path == p or path.startswith(p.rstrip("/") + "/") for p in polling):
        return Root(path, POLLING, "configured", network)
    if network is not None:
        return Root(path, POLLING, f"network fs {network.fstype}", network)
    return Root(path, INOTIFY, "local")


def check_health(root: Root, mounts: list[Mount] | None = None) -> str | None:
    """None when the root can be watched; otherwise what is wrong, in words
    that may be logged (no file names below the root)."""
    try:
        st = os.stat(root.path)
    except FileNotFoundError:
        return "missing"
    except OSError as exc:
        return f"unreadable: {exc.strerror}"
    if not stat.S_ISDIR(st.st_mode):
        return "not a directory"
    try:
        with os.scandir(root.path) as entries:
            next(entries, None)
    except OSError as exc:
        return f"unreadable: {exc.strerror}"
    if root.mount is not None:
        current = read_mounts() if mounts is None else mounts
        if root.mount not in current:
            return f"{root.mount.fstype} mount gone"
    return None
