"""Shares: which part of a file server an object belongs to.

A share is the scan target (a root given to `datawacht scan` or watched)
that contains the object, plus the first `depth` folders below it; with
the default depth 1, scanning `/mnt/fs01` gives the shares `/mnt/fs01/HR`,
`/mnt/fs01/Financien`, ..., and files directly in the root belong to the
root itself.  An archive member belongs to the share of its archive.
Objects under no known target fall back to the first two path components,
database URLs to `scheme://host/database`.  Reports and `findings
subjects` group by the same shares.
"""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import Connection, select

from datawacht.store.models import ScanModel

DEFAULT_SHARE_DEPTH = 1


class ShareMap:
    """Maps object paths to shares (see the module docstring)."""

    def __init__(self, roots: Iterable[str], depth: int = DEFAULT_SHARE_DEPTH) -> None:
        if depth < 0:
            raise ValueError("share depth must be 0 or more")
        cleaned = {root.rstrip("/") or "/" for root in roots if root}
        # longest first: a nested target wins over the one above it
        self._roots = sorted(cleaned, key=len, reverse=True)
        self._root_set = frozenset(self._roots)
        self.depth = depth
        self._cache: dict[str, str] = {}

    def share_of(self, path: str) -> str:
        outer = path.split("!/", 1)[0]
        if outer in self._root_set:  # a file given as a target
            return outer
        folder = outer.rpartition("/")[0]
        cached = self._cache.get(folder)
        if cached is None:
            cached = self._cache[folder] = self._folder_share(folder, outer)
        return cached

    def _folder_share(self, folder: str, outer: str) -> str:
        """The share of everything in `folder` (`outer` is one path in it)."""
        for root in self._roots:
            if folder == root or (root == "/" and folder == ""):
                return root
            prefix = root if root.endswith("/") else root + "/"
            if folder.startswith(prefix):
                below = folder[len(prefix) :].split("/")[: self.depth]
                return "/".join([root.rstrip("/"), *below]) if below else root
        return _fallback_share(folder, outer)


def _fallback_share(folder: str, outer: str) -> str:
    """Outside every target: `scheme://host/database` for a URL, else the first
    two components of the folder (a file in `/` is its own share)."""
    if "://" in outer:
        scheme, _, rest = outer.partition("://")
        return f"{scheme}://{'/'.join(rest.split('/')[:2])}"
    parts = [part for part in folder.split("/") if part]
    if not parts:
        return outer
    return ("/" if folder.startswith("/") else "") + "/".join(parts[:2])


def share_map(conn: Connection, depth: int = DEFAULT_SHARE_DEPTH) -> ShareMap:
    """The shares of the targets that any scan was given."""
    roots: set[str] = set()
    for (targets,) in conn.execute(select(ScanModel.targets)):
        roots.update(str(target) for target in targets or ())
    return ShareMap(roots, depth)
