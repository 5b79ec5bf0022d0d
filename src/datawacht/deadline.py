"""Time limits: per object, and per regular-expression pass.

A hostile or merely unlucky file can keep a parser, a regular expression or
the NLP busy for hours.  Size limits bound most of that, not all of it, so
each object also gets a time limit (`limits.object_seconds`).  It is a
SIGALRM timer: the signal interrupts Python code, and the `regex` module
checks for signals while it backtracks, so a runaway pattern is stopped too.
Signals reach only the main thread of a process; that is where scan workers,
the single-process scan and the watch daemon's scans run.  In any other
thread the limit cannot interrupt and is not armed, which is why a
distributed job (a thread of `datawacht work`) hands its files to forked
scan workers even when there is one (`Scanner(always_fork=True)`).

Presidio stops a single regular-expression pass after its own timeout
(`REGEX_TIMEOUT_SECONDS` in Presidio, set here from `limits.regex_seconds`)
and skips that pattern with a warning.  A skipped pattern may have missed a
value, so `RegexTimeouts` counts those warnings and the pipeline marks the
object partial instead of scanned.
"""

from __future__ import annotations

import contextlib
import logging
import signal
import threading
from collections.abc import Callable, Iterator
from types import FrameType

from datawacht.errors import ExtractionError

TIME_LIMIT = "time limit"


class TimeLimitError(ExtractionError):
    """The object's time ran out; what was found before is kept."""

    reason = TIME_LIMIT


class Deadline:
    """A process's object timer.

    Nested `limit` calls (the members of an archive) run under the outer
    one: the archive is the object.  Once the time is up the alarm repeats
    every second until the pipeline `stop`s it, because a parser may catch
    the first `TimeLimitError` with a broad `except Exception` and go on.
    """

    REPEAT_SECONDS = 1.0

    def __init__(self) -> None:
        self.expired = False
        self._armed = False

    @contextlib.contextmanager
    def limit(self, seconds: float) -> Iterator[None]:
        if self._armed or seconds <= 0 or threading.current_thread() is not threading.main_thread():
            yield
            return
        self.expired = False
        self._armed = True
        previous = signal.signal(signal.SIGALRM, self._on_alarm(seconds))
        signal.setitimer(signal.ITIMER_REAL, seconds, self.REPEAT_SECONDS)
        try:
            yield
        finally:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, previous)
            self._armed = False

    def stop(self) -> None:
        """The pipeline caught the error: no more alarms, `check` raises."""
        if self._armed:
            signal.setitimer(signal.ITIMER_REAL, 0)

    def check(self) -> None:
        """Raise if the time ran out: for work that starts after the alarm
        was caught (the next piece, member or detection batch)."""
        if self.expired:
            raise TimeLimitError("stopped at the time limit per object (limits.object_seconds)")

    def _on_alarm(self, seconds: float) -> Callable[[int, FrameType | None], None]:
        def handler(signum: int, frame: FrameType | None) -> None:
            self.expired = True
            raise TimeLimitError(f"stopped after {seconds:g} s (limits.object_seconds)")

        return handler


class RegexTimeouts(logging.Filter):
    """Counts Presidio's "Regex pattern … timed out" warnings in this
    process.  Presidio logs and skips the pattern; the count tells the
    pipeline that a text was not fully analysed."""

    def __init__(self) -> None:
        super().__init__()
        self.count = 0

    def filter(self, record: logging.LogRecord) -> bool:
        message = str(record.msg)
        if message.startswith("Regex pattern") and "timed out" in message:
            self.count += 1
            return False  # reported on the object instead
        return True


REGEX_TIMEOUTS = RegexTimeouts()


def limit_regex_time(seconds: float) -> None:
    """Presidio's timeout per pattern pass, and the count of its timeouts.

    Presidio reads the timeout from module constants (60 s, or the
    `REGEX_TIMEOUT_SECONDS` environment variable when it is imported), so
    they are set here.  Its warning must be emitted for the count to see
    it, whatever level our own logging runs at."""
    from presidio_analyzer import analyzer_engine, pattern_recognizer

    pattern_recognizer.REGEX_TIMEOUT_SECONDS = seconds  # type: ignore[attr-defined]
    analyzer_engine.REGEX_TIMEOUT_SECONDS = seconds  # type: ignore[attr-defined]
    presidio = logging.getLogger("presidio-analyzer")
    if REGEX_TIMEOUTS not in presidio.filters:
        presidio.addFilter(REGEX_TIMEOUTS)
    if presidio.level == logging.NOTSET or presidio.level > logging.WARNING:
        presidio.setLevel(logging.WARNING)
