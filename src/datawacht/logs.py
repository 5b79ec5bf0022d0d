"""Logging set-up: plain lines for people, JSON lines for the service.

Log records carry event names and object ids in `extra`, never values: the
JSON formatter prints only the fields listed in SAFE_FIELDS, so an `extra`
that somebody adds carelessly does not reach the journal.
"""

from __future__ import annotations

import json
import logging
import sys
import time
from typing import IO

SAFE_FIELDS = (
    "object_id",
    "scan_id",
    "kind",
    "error",
    "reason",
    "pipeline",
    "ner",
    "count",
    "root",
    "store",
    # the watch daemon: labels, modes and timings, never paths below a root
    "label",
    "mode",
    "seconds",
    "ruleset",
)


# Loggers whose messages are known to hold no document content: our own
# (event names) and alembic's (migration revisions).
TRUSTED_LOGGERS = ("datawacht", "alembic")


def event(record: logging.LogRecord) -> str:
    """The record's message, if its logger is trusted.  Parsers quote what
    they choke on (pypdf: `NumberObject(b'15-09-1947,111222333') invalid`),
    so a third-party message is withheld and only its logger named."""
    if record.name.split(".", 1)[0] in TRUSTED_LOGGERS:
        return record.getMessage()
    return f"{record.name}: message withheld (a library's words may quote a document)"


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        entry: dict[str, object] = {
            "ts": time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(record.created))
            + f".{int(record.msecs):03d}Z",
            "level": record.levelname.lower(),
            "logger": record.name,
            "event": event(record),
        }
        for name in SAFE_FIELDS:
            if name in record.__dict__:
                entry[name] = record.__dict__[name]
        return json.dumps(entry, ensure_ascii=False, default=str)


class PlainFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        fields = " ".join(
            f"{name}={record.__dict__[name]}" for name in SAFE_FIELDS if name in record.__dict__
        )
        return f"datawacht: {record.levelname.lower()}: {event(record)} {fields}".rstrip()


def configure(level: str = "WARNING", fmt: str = "plain", stream: IO[str] | None = None) -> None:
    """Log to standard error unless `stream` is given (the watch service logs
    to standard output, which journald collects)."""
    handler = logging.StreamHandler(stream or sys.stderr)
    handler.setFormatter(JsonFormatter() if fmt == "json" else PlainFormatter())
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level.upper())
    # Third-party parsers and Presidio log at their own discretion (Presidio
    # every recognizer load at INFO, pypdf and extract-msg every oddity of a
    # file): hold them quieter so our level cannot open them up.  A file's
    # oddities reach the officer as its status and reason, with its path;
    # a parser's warning names no file and only repeats that.
    for noisy in ("presidio-analyzer", "alembic"):
        logging.getLogger(noisy).setLevel(max(root.level, logging.WARNING))
    for parser in ("pypdf", "extract_msg", "openpyxl", "docx"):
        logging.getLogger(parser).setLevel(max(root.level, logging.ERROR))
