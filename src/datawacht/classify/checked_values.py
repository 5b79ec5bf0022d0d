"""Suppression values their recognizer accepted, remembered between runs.

Why: every scan compiles the rules, and each value in a suppression (the
published example BSN 111222333, test card numbers) must pass its
recognizer's check, so that a mistyped value is an error instead of a rule
that silently never matches.  The recognizers are Presidio classes, and
importing Presidio (which imports spaCy) takes about two seconds: more than
all the other work of a rescan of an unchanged 10,000-file tree.  The answer
depends only on the value, the recognizer code and the recognizers file, so
it is kept, under a stamp of those two, in the state directory.

Only accepted values are kept, and only as the installation's fingerprints
(with their entity type): the file never holds a value.  A file that cannot
be read or written costs the check again, nothing else.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
from collections.abc import Callable
from pathlib import Path

log = logging.getLogger(__name__)

FILE_NAME = "checked-suppression-values.json"

# (entity type, raw value) -> bool
ValueCheck = Callable[[str, str], bool]
# (entity type, raw value) -> fingerprint; raises ValueError for no value of that type
Fingerprinter = Callable[[str, str], str]


class CheckedValues:
    """A value check that answers from the file for values it accepted before.

    `stamp` names what the answers depend on; None (it could not be
    computed) checks every value and keeps nothing."""

    def __init__(
        self, path: Path, stamp: str | None, check: ValueCheck, fingerprint: Fingerprinter
    ) -> None:
        self._path = path
        self._stamp = stamp
        self._check = check
        self._fingerprint = fingerprint
        self._accepted = self._read()
        self._changed = False

    def __call__(self, entity: str, value: str) -> bool:
        try:
            key = f"{entity}:{self._fingerprint(entity, value)}"
        except ValueError:  # no canonical form: the check says why it fails
            return self._check(entity, value)
        if key in self._accepted:
            return True
        if not self._check(entity, value):
            return False
        self._accepted.add(key)
        self._changed = True
        return True

    def save(self) -> None:
        """Write the accepted values if new ones were checked (0600, atomically)."""
        if not self._changed or self._stamp is None:
            return
        document = {"stamp": self._stamp, "accepted": sorted(self._accepted)}
        temporary = self._path.with_name(f".{self._path.name}.{os.getpid()}")
        try:
            # With a configured key and a PostgreSQL store nothing else creates it.
            self._path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
            fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                json.dump(document, handle)
            os.replace(temporary, self._path)
        except OSError as exc:
            log.warning(
                "checked_values.not_saved",
                extra={"path": str(self._path), "error": exc.strerror or type(exc).__name__},
            )
            with contextlib.suppress(OSError):  # it may never have been made
                temporary.unlink()
            return
        self._changed = False

    def _read(self) -> set[str]:
        if self._stamp is None:
            return set()
        try:
            document = json.loads(self._path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return set()
        except (OSError, ValueError) as exc:
            log.warning(
                "checked_values.unreadable",
                extra={"path": str(self._path), "error": type(exc).__name__},
            )
            return set()
        if not isinstance(document, dict) or document.get("stamp") != self._stamp:
            return set()  # another version or recognizers file: check again
        accepted = document.get("accepted")
        if not isinstance(accepted, list):
            return set()
        return {key for key in accepted if isinstance(key, str)}
