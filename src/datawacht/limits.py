"""Bounds on what one object may cost, shared by sources and extractors."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Limits:
    """Defaults are generous for office documents and tight for hostile input.

    Configured in the `[limits]` table of the config file (see `config.py`).
    """

    max_file_bytes: int = 256 * 1024 * 1024
    max_chars: int = 50_000_000
    archive_depth: int = 3
    archive_members: int = 10_000
    archive_total_bytes: int = 1024 * 1024 * 1024
    archive_ratio: int = 100
    max_table_rows: int = 1_000_000
    # CSV, TSV, NDJSON and Parquet files larger than this are streamed from
    # disk instead of read whole, and analysed by a sample of their rows
    # unless `sample_tables` is off (`extract/large.py`).
    sample_tables_above_bytes: int = 64 * 1024 * 1024
    sample_tables: bool = True
    # Distinct values of one entity type listed as findings per object.  A
    # register of a whole municipality holds millions; each listed finding
    # costs about a kilobyte of memory in the worker and the scan process
    # until the object is stored.  Beyond it, occurrences of further values
    # are counted and the object is partial (`too large`).  Per type, so that
    # a full BSN column does not hide the e-mail addresses beside it.
    max_findings_per_type: int = 50_000
    # Time per object (an archive with its members is one object), and per
    # pass of one regular expression over one text (`deadline.py`).  What
    # runs out of time is reported partial, with what was found before.
    object_seconds: float = 300.0
    regex_seconds: float = 10.0
