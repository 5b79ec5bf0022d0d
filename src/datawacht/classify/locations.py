"""Location policies: the highest label a share or folder may hold.

Two sources declare them:

* `locations:` in the rule files, written by the security officer: path
  globs (fnmatch, `*` crosses folders) with `max_label`, `severity`, and
  whether the location is `accredited` for state-secret material;
* a `.datawacht.yaml` in a folder, written by whoever owns it:
  `max_label`, optionally `severity` and `owner`.  It covers the folder and
  everything below it.

When several apply, the strictest wins (the lowest `max_label`, the highest
severity): a folder file can tighten a share's policy, never loosen it, and
only the rule files can declare a location accredited.  An object above its
location's label is a violation; two or more labels above is critical.
"""

from __future__ import annotations

import errno
import logging
import posixpath
import stat
from dataclasses import dataclass
from pathlib import Path

from pydantic import BaseModel, ConfigDict

from datawacht.classify.schema import SEVERITY_ORDER, RuleSet, Severity
from datawacht.classify.suppress import path_matches
from datawacht.errors import ConfigError
from datawacht.records import Violation
from datawacht.yamlfiles import load_yaml_model

FOLDER_FILE = ".datawacht.yaml"
log = logging.getLogger(__name__)


class FolderPolicy(BaseModel):
    """The content of a `.datawacht.yaml`."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    max_label: str
    severity: Severity = "high"
    owner: str = ""


@dataclass(frozen=True)
class Policy:
    """What applies to one path, merged from every declaration."""

    max_label: str | None
    severity: str
    accredited: bool
    sources: tuple[str, ...]  # rule ids and folder files, for the message
    problems: tuple[str, ...] = ()  # folder files that could not be read


class LocationPolicies:
    def __init__(self, rules: RuleSet, read_folder_files: bool = True) -> None:
        self._rules = rules
        self._read_folder_files = read_folder_files
        self._chains: dict[str, list[tuple[Path, FolderPolicy | str]]] = {}

    def policy(self, path: str) -> Policy:
        """The policy for an object path (an archive member: its archive's)."""
        outer = path.split("!/", 1)[0]
        ranks = {label: rank for rank, label in enumerate(self._rules.label_ids)}
        limits: list[tuple[str, str, str]] = []  # (max_label, severity, source)
        accredited = False
        for rule in self._rules.locations:
            if path_matches(outer, rule.paths):
                limits.append((rule.max_label, rule.severity, f"location {rule.id}"))
                accredited = accredited or rule.accredited
        problems = []
        for folder, declared in self._folder_policies(outer):
            if isinstance(declared, str):
                problems.append(declared)
            elif declared.max_label not in ranks:
                problems.append(f"{folder / FOLDER_FILE}: unknown label {declared.max_label!r}")
            else:
                limits.append((declared.max_label, declared.severity, str(folder / FOLDER_FILE)))
        if not limits:
            return Policy(None, "info", accredited, (), tuple(problems))
        strictest = min(limits, key=lambda limit: ranks[limit[0]])[0]
        severity = max((limit[1] for limit in limits), key=SEVERITY_ORDER.index)
        return Policy(
            strictest, severity, accredited, tuple(s for _, _, s in limits), tuple(problems)
        )

    def violations(self, path: str, label: str, has_marking: bool) -> list[Violation]:
        policy = self.policy(path)
        found = [
            Violation("location-file-invalid", "medium", problem) for problem in policy.problems
        ]
        markings = self._rules.markings
        if has_marking and markings is not None and not policy.accredited:
            found.append(
                Violation("marking-outside-accredited", markings.severity, markings.reason)
            )
        if policy.max_label is not None:
            over = self._rules.rank(label) - self._rules.rank(policy.max_label)
            if over > 0:
                severity = "critical" if over >= 2 else policy.severity
                found.append(
                    Violation(
                        "label-exceeds-location",
                        severity,
                        f"label {label} is above {policy.max_label}, the highest this "
                        f"location allows ({', '.join(policy.sources)})",
                    )
                )
        return found

    def _folder_policies(self, path: str) -> list[tuple[Path, FolderPolicy | str]]:
        """The policy files of the folders above `path`, nearest first.

        Kept per folder, because a share's files are classified thousands to
        a folder and building the chain from path objects each time was most
        of the time of a rescan."""
        if not self._read_folder_files or not path.startswith("/"):
            return []
        return self._chain(posixpath.dirname(path))

    def _chain(self, folder: str) -> list[tuple[Path, FolderPolicy | str]]:
        """Iterative, not recursive: shares nest folders deeper than Python's
        recursion limit."""
        pending = []
        while folder not in self._chains:
            pending.append(folder)
            parent = posixpath.dirname(folder)
            if parent == folder:  # the root
                break
            folder = parent
        found = self._chains.get(folder, [])
        for current in reversed(pending):
            declared = _read_policy(Path(current))
            if declared is not None:
                found = [(Path(current), declared), *found]
            self._chains[current] = found
        return found


def _read_policy(folder: Path) -> FolderPolicy | str | None:
    """The folder's policy file, a problem with it, or None; each folder is
    read once, by `LocationPolicies._chain`."""
    candidate = folder / FOLDER_FILE
    try:
        mode = candidate.lstat().st_mode
    except OSError as exc:
        # Absent, or a path longer than the system takes (nothing can be read
        # there by path): no policy.  Not allowed to look is a problem the
        # officer must hear of.
        if exc.errno in (errno.ENOENT, errno.ENOTDIR, errno.ENAMETOOLONG):
            return None
        return f"{candidate}: cannot be read ({type(exc).__name__})"
    if not stat.S_ISREG(mode):
        return None
    try:
        return load_yaml_model(candidate, FolderPolicy, "location policy file")
    except ConfigError as exc:
        log.warning("location.file_invalid")
        return str(exc).replace("\n", " ")
