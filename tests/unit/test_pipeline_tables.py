"""Registers repeat their people: a value that fills many cells of a column is
one finding that counts every cell and points at the first, whether the table
is read whole or a large extract comes in slices of rows, and each value is
validated once per object."""

from __future__ import annotations

import random
from collections import Counter
from pathlib import Path

import pytest

from datawacht import pipeline as pipeline_module
from datawacht import scanner
from datawacht.config import LimitSettings, Settings
from datawacht.detect import columns
from datawacht.detect.fingerprint import Protector
from datawacht.extract import large
from datawacht.pipeline import Pipeline
from datawacht.records import ScanObject
from datawacht.sources.files import walk
from support.values import make_bsn

KEY = "unit-test-key-" + "2" * 24
ROWS = 600
PEOPLE = 40


@pytest.fixture(scope="module")
def register(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[str]]:
    """A CSV of `ROWS` rows over `PEOPLE` BSNs, and the BSN of each row."""
    rng = random.Random(11)
    people = [make_bsn(rng) for _ in range(PEOPLE)]
    bsns = [rng.choice(people) for _ in range(ROWS)]
    lines = ["volgnummer;veld1;bedrag"] + [
        f"{n};{bsn};{n % 97},50" for n, bsn in enumerate(bsns, start=1)
    ]
    path = tmp_path_factory.mktemp("register") / "register.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path, bsns


def _pipeline(tmp_path_factory: pytest.TempPathFactory, limits: LimitSettings) -> Pipeline:
    settings = Settings(
        state_dir=tmp_path_factory.mktemp("state"), fingerprint_key=KEY, limits=limits
    )
    return scanner.build_pipeline(settings, scanner.load_rules(settings))


@pytest.fixture(scope="module")
def whole(tmp_path_factory: pytest.TempPathFactory) -> Pipeline:
    return _pipeline(tmp_path_factory, LimitSettings())


@pytest.fixture(scope="module")
def every_row(tmp_path_factory: pytest.TempPathFactory) -> Pipeline:
    """Every extract streamed, every row analysed."""
    return _pipeline(
        tmp_path_factory, LimitSettings(sample_tables=False, sample_tables_above_bytes=0)
    )


def _expected(bsns: list[str]) -> dict[str, tuple[int, int]]:
    """Fingerprint -> (cells holding the BSN, row of the first); row 1 is the header."""
    protector = Protector(KEY.encode())
    counts = Counter(bsns)
    first = {bsn: bsns.index(bsn) + 2 for bsn in counts}
    return {protector.protect("NL_BSN", b).fingerprint: (counts[b], first[b]) for b in counts}


def _found(results: list) -> dict[str, tuple[int, int]]:  # noqa: ANN001 - ObjectResult
    [result] = results
    assert result.status.value == "scanned"
    bsn = [f for f in result.findings if f.entity_type == "NL_BSN"]
    assert {f.location.column for f in bsn} == {"veld1"}
    return {f.fingerprint: (f.occurrences, f.location.row) for f in bsn}


def test_a_repeated_value_is_one_finding_with_every_cell_counted(
    whole: Pipeline, register: tuple[Path, list[str]]
) -> None:
    path, bsns = register
    data = path.read_bytes()
    obj = ScanObject(path="/share/register.csv", object_id="t:register", size=len(data), data=data)
    assert _found(whole.scan(obj)) == _expected(bsns)


def test_slices_of_a_large_extract_add_up_and_validate_each_value_once(
    every_row: Pipeline, register: tuple[Path, list[str]], monkeypatch: pytest.MonkeyPatch
) -> None:
    path, bsns = register
    monkeypatch.setattr(large, "SLICE_ROWS", 200)  # three slices
    monkeypatch.setattr(columns, "SAMPLE_SIZE", 20)  # most values checked beyond the profile
    profiler = every_row.detector.profiler
    asked: Counter[tuple[str, str]] = Counter()
    validates = profiler.validates

    def counting(entity_type: str, value: str) -> bool:
        asked[entity_type, value] += 1
        return validates(entity_type, value)

    monkeypatch.setattr(profiler, "validates", counting)
    [obj] = walk(path, "t")
    results = every_row.scan(obj)
    assert results[0].detail == f"every row analysed ({ROWS} rows)"
    assert _found(results) == _expected(bsns)
    # Counts only: a failing assertion must not print the (synthetic) values.
    validations = sorted(asked.values())
    assert validations, "the column pass validated values beyond the profile samples"
    assert validations[-1] == 1, "a value was validated more than once"


def test_a_mid_sized_extract_is_streamed_with_every_row_analysed(
    whole: Pipeline, register: tuple[Path, list[str]], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Above `STREAM_TABLES_ABOVE_BYTES` and below the sampling threshold an
    extract is streamed in slices (bounded memory), yet every row counts."""
    path, bsns = register
    monkeypatch.setattr(pipeline_module, "STREAM_TABLES_ABOVE_BYTES", 1024)
    monkeypatch.setattr(large, "SLICE_ROWS", 200)
    [obj] = walk(path, "t")
    results = whole.scan(obj)
    assert results[0].detail == f"every row analysed ({ROWS} rows)"
    assert not results[0].sampled
    assert _found(results) == _expected(bsns)
