"""Bounds, settings and bookkeeping shared by the fuzz tests.

* `fuzz_settings(n)`: hypothesis settings with `n` examples by default, or
  `DATAWACHT_FUZZ_EXAMPLES` when that is set (the long run).  No hypothesis
  deadline: its timing is noisy on a shared machine; `bounded` enforces a
  hard bound instead.  Under CI (`CI=true`) no example database is written.
* `bounded()`: one example may take `EXAMPLE_SECONDS` of wall time and
  `EXAMPLE_MEMORY` bytes of address space beyond what the process already
  holds; more is reported as a bug (a missing bound in an extractor).
* `STATS`: what the examples ended in, per test, for the long run's report
  (`DATAWACHT_FUZZ_REPORT=path` writes it as JSON); counts, exception type
  names and code locations only, never a value.
"""

from __future__ import annotations

import json
import os
import resource
import signal
import traceback
from collections import Counter, defaultdict
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from hypothesis import HealthCheck, settings

EXAMPLES_VARIABLE = "DATAWACHT_FUZZ_EXAMPLES"
REPORT_VARIABLE = "DATAWACHT_FUZZ_REPORT"
EXAMPLE_SECONDS = float(os.environ.get("DATAWACHT_FUZZ_SECONDS", "5"))
EXAMPLE_MEMORY = 1536 * 1024 * 1024


def examples(default: int) -> int:
    """`default`, or the example count of a long run."""
    configured = os.environ.get(EXAMPLES_VARIABLE, "").strip()
    return int(configured) if configured else default


def fuzz_settings(default_examples: int) -> settings:
    in_ci = os.environ.get("CI", "").lower() == "true"
    return settings(
        max_examples=examples(default_examples),
        deadline=None,
        database=None if in_ci else settings.default.database,
        print_blob=True,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )


class ExampleTimeout(BaseException):
    """Raised by the alarm; a BaseException so that no `except Exception` in
    an extractor (the registry has one) turns it into a CorruptError."""


class BoundExceededError(AssertionError):
    """An example took too long or too much memory: a bug, shrunk by hypothesis."""


def _address_space() -> int:
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmSize:"):
                return int(line.split()[1]) * 1024
    return 0


def _alarm(signum: int, frame: object) -> None:
    raise ExampleTimeout


@contextmanager
def bounded(what: str) -> Iterator[None]:
    """Run the body within `EXAMPLE_SECONDS` and `EXAMPLE_MEMORY`; raise
    BoundExceededError (naming `what`, never data) when it takes longer."""
    soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    ceiling = _address_space() + EXAMPLE_MEMORY
    if hard != resource.RLIM_INFINITY:
        ceiling = min(ceiling, hard)
    previous = signal.signal(signal.SIGALRM, _alarm)
    resource.setrlimit(resource.RLIMIT_AS, (ceiling, hard))
    signal.setitimer(signal.ITIMER_REAL, EXAMPLE_SECONDS)
    try:
        yield
    except ExampleTimeout:
        raise BoundExceededError(f"{what}: took longer than {EXAMPLE_SECONDS:g} s") from None
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
        resource.setrlimit(resource.RLIMIT_AS, (soft, hard))


class Stats:
    """Outcomes per test: examples, reasons, and the exceptions the registry
    turned into `corrupt` (type and where they were raised)."""

    def __init__(self) -> None:
        self.outcomes: dict[str, Counter[str]] = defaultdict(Counter)
        self.wrapped: dict[str, Counter[str]] = defaultdict(Counter)

    def outcome(self, test: str, outcome: str) -> None:
        self.outcomes[test][outcome] += 1

    def wrapped_exception(self, test: str, exc: BaseException) -> None:
        """A parser exception behind a CorruptError: its type and the deepest
        frame, and the deepest frame of datawacht's own code."""
        frames = traceback.extract_tb(exc.__traceback__)
        ours = [f for f in frames if f"{os.sep}datawacht{os.sep}" in f.filename]
        where = _frame(frames[-1]) if frames else "?"
        own = _frame(ours[-1]) if ours else "?"
        self.wrapped[test][f"{type(exc).__module__}.{type(exc).__name__} at {where} via {own}"] += 1

    def add(self, report: dict[str, dict]) -> None:
        """Add another process's `as_json()`: a pytest-xdist worker's part."""
        for test, entry in report.items():
            self.outcomes[test].update(entry["outcomes"])
            self.wrapped[test].update(entry["wrapped_exceptions"])

    def write(self, path: Path) -> None:
        """The report (`as_json`) as a JSON file."""
        path.write_text(json.dumps(self.as_json(), indent=2) + "\n", encoding="utf-8")

    def as_json(self) -> dict[str, object]:
        tests = sorted(set(self.outcomes) | set(self.wrapped))
        return {
            test: {
                "examples": sum(self.outcomes[test].values()),
                "outcomes": dict(self.outcomes[test].most_common()),
                "wrapped_exceptions": dict(self.wrapped[test].most_common()),
            }
            for test in tests
        }


def _frame(frame: traceback.FrameSummary) -> str:
    parts = Path(frame.filename).parts
    short = "/".join(parts[-2:])
    return f"{short}:{frame.lineno} ({frame.name})"


STATS = Stats()
