"""Fixtures of the fuzz tests: one Dutch detector per session, and the long
run's report (`DATAWACHT_FUZZ_REPORT=path`: examples and outcomes per test
as JSON, counts and exception types only)."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from datawacht.detect.analyzer import build_detector
from datawacht.detect.engine import Detector
from fuzz.harness import REPORT_VARIABLE, STATS


@pytest.fixture(scope="session")
def detector() -> Detector:
    """The detector the pipeline uses (gate, Presidio, Dutch recognizers,
    column profiler); loading it takes seconds, so it is shared."""
    return build_detector()


@pytest.fixture(scope="session", autouse=True)
def fuzz_report(request: pytest.FixtureRequest) -> Iterator[None]:
    yield
    target = os.environ.get(REPORT_VARIABLE)
    if not target:
        return
    workeroutput = getattr(request.config, "workeroutput", None)
    if workeroutput is not None:
        # A pytest-xdist worker holds the outcomes of its own tests only: it
        # hands them to the controller, which writes the whole report
        # (`pytest_testnodedown` in tests/conftest.py) instead of each worker
        # overwriting the file with its part.
        workeroutput[REPORT_VARIABLE] = STATS.as_json()
        return
    STATS.write(Path(target))
