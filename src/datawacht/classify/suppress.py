"""Suppressions: which findings are accepted, and which rules are off where.

Values in a rule file (published example numbers such as BSN 111222333)
are canonicalised and fingerprinted with this installation's key when the
rules load, so a finding is matched by fingerprint alone and the findings
database never needs the value.  The organisation's own identifiers belong
in `fingerprints` (`datawacht rules fingerprint` computes one), so that the
rule file does not hold them either.

Path globs follow `fnmatch`, as `datawacht findings list --path` does: `*`
also crosses folders, so `*/testdata/*` is any file under any testdata
folder.  Archive members are matched by their full path (`a.zip!/b.txt`).
"""

from __future__ import annotations

import fnmatch
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from datawacht.classify.schema import Suppression
from datawacht.errors import ConfigError
from datawacht.records import Finding

# (entity type, raw value) -> fingerprint, as the Protector computes it.
Fingerprinter = Callable[[str, str], str]


@dataclass(frozen=True)
class _Compiled:
    id: str
    entity: str | None
    fingerprints: frozenset[str]
    paths: tuple[str, ...]
    rules: frozenset[str]


class Suppressor:
    def __init__(self, suppressions: Sequence[Suppression], fingerprint: Fingerprinter) -> None:
        self._entries = [_compile(s, fingerprint) for s in suppressions]

    def match(self, path: str, finding: Finding) -> str | None:
        """The id of the first suppression that accepts `finding`, if any."""
        for entry in self._entries:
            if entry.rules:
                continue
            if entry.entity is not None and entry.entity != finding.entity_type:
                continue
            if entry.fingerprints and finding.fingerprint not in entry.fingerprints:
                continue
            if entry.paths and not _matches(path, entry.paths):
                continue
            return entry.id
        return None

    def rules_off(self, path: str) -> dict[str, str]:
        """Rule id -> id of the suppression that switches it off for `path`."""
        off: dict[str, str] = {}
        for entry in self._entries:
            if entry.rules and (not entry.paths or _matches(path, entry.paths)):
                off.update({rule: entry.id for rule in entry.rules if rule not in off})
        return off


def path_matches(path: str, globs: Sequence[str]) -> bool:
    return _matches(path, globs)


def _matches(path: str, globs: Sequence[str]) -> bool:
    return any(fnmatch.fnmatchcase(path, glob) for glob in globs)


def _compile(suppression: Suppression, fingerprint: Fingerprinter) -> _Compiled:
    fingerprints = set(suppression.fingerprints)
    for value in suppression.values:
        assert suppression.entity is not None  # the schema requires it with values
        try:
            fingerprints.add(fingerprint(suppression.entity, value))
        except ValueError:
            raise ConfigError(
                f"suppression {suppression.id}: a value is no valid {suppression.entity}"
            ) from None
    return _Compiled(
        id=suppression.id,
        entity=suppression.entity,
        fingerprints=frozenset(fingerprints),
        paths=tuple(suppression.paths),
        rules=frozenset(suppression.rules),
    )
