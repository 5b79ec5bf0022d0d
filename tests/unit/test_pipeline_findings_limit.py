"""A register of a whole municipality holds more distinct values than an
object can list in bounded memory: beyond `limits.max_findings_per_type`
values of one type, further values are counted, not listed, and the object is
partial.  The limit is per type, so a full BSN column does not hide the
e-mail addresses beside it, and it holds across the slices of a large extract."""

from __future__ import annotations

import random
from collections import Counter
from pathlib import Path

import pytest

from datawacht import scanner
from datawacht.config import LimitSettings, Settings
from datawacht.detect.fingerprint import Protector
from datawacht.extract import large
from datawacht.pipeline import Pipeline
from datawacht.records import ObjectResult, ObjectStatus
from datawacht.sources.files import walk
from support.values import make_bsn

KEY = "unit-test-key-" + "3" * 24
LISTED = 5
ROWS = 60


@pytest.fixture(scope="module")
def register(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[str], list[str]]:
    """`ROWS` rows of 30 BSNs (some repeated) and one e-mail address each."""
    rng = random.Random(5)
    people = [make_bsn(rng) for _ in range(30)]
    bsns = [people[n % 30] for n in range(ROWS)]
    emails = [f"inwoner{n}@voorbeeld.nl" for n in range(ROWS)]
    lines = ["bsn;email"] + [f"{b};{e}" for b, e in zip(bsns, emails, strict=True)]
    path = tmp_path_factory.mktemp("register") / "inwoners.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path, bsns, emails


def _scan(tmp_path_factory: pytest.TempPathFactory, path: Path, **limits: object) -> ObjectResult:
    settings = Settings(
        state_dir=tmp_path_factory.mktemp("state"),
        fingerprint_key=KEY,
        limits=LimitSettings(max_findings_per_type=LISTED, **limits),
    )
    pipeline: Pipeline = scanner.build_pipeline(settings, scanner.load_rules(settings))
    [obj] = walk(path, "t")
    [result] = pipeline.scan(obj)
    return result


def _listed(result: ObjectResult, entity_type: str) -> dict[str, tuple[int, int]]:
    """Fingerprint -> (occurrences, row of the first) of the listed findings of one type."""
    return {
        f.fingerprint: (f.occurrences, f.location.row)
        for f in result.findings
        if f.entity_type == entity_type
    }


def _first_values(entity_type: str, values: list[str]) -> dict[str, tuple[int, int]]:
    """The first `LISTED` distinct values in row order, with their counts and first rows."""
    protector = Protector(KEY.encode())
    counts = Counter(values)
    first = list(dict.fromkeys(values))[:LISTED]
    return {
        protector.protect(entity_type, value).fingerprint: (counts[value], values.index(value) + 2)
        for value in first
    }


@pytest.mark.parametrize(
    "limits",
    [
        pytest.param({}, id="read-whole"),
        pytest.param({"sample_tables": False, "sample_tables_above_bytes": 0}, id="in-slices"),
    ],
)
def test_each_type_lists_its_first_values_and_counts_the_rest(
    tmp_path_factory: pytest.TempPathFactory,
    register: tuple[Path, list[str], list[str]],
    monkeypatch: pytest.MonkeyPatch,
    limits: dict[str, object],
) -> None:
    path, bsns, emails = register
    monkeypatch.setattr(large, "SLICE_ROWS", 20)  # three slices when streamed
    result = _scan(tmp_path_factory, path, **limits)

    # Counts and fingerprints only: a failing assertion prints no value.
    assert _listed(result, "NL_BSN") == _first_values("NL_BSN", bsns)
    assert _listed(result, "EMAIL_ADDRESS") == _first_values("EMAIL_ADDRESS", emails)
    assert result.status is ObjectStatus.PARTIAL
    assert result.reason == "too large"
    listed_bsn_cells = sum(n for n, _ in _first_values("NL_BSN", bsns).values())
    assert result.detail is not None
    assert "limits.max_findings_per_type" in result.detail
    assert f"{ROWS - LISTED} of EMAIL_ADDRESS" in result.detail
    assert f"{ROWS - listed_bsn_cells} of NL_BSN" in result.detail


def test_an_object_within_the_limit_is_scanned_and_lists_everything(
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    rng = random.Random(6)
    path = tmp_path_factory.mktemp("small") / "inwoners.csv"
    bsns = [make_bsn(rng) for _ in range(LISTED)]
    path.write_text("bsn\n" + "\n".join(bsns) + "\n", encoding="utf-8")
    result = _scan(tmp_path_factory, path)
    assert result.status is ObjectStatus.SCANNED
    assert len(_listed(result, "NL_BSN")) == LISTED
