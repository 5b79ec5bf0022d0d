"""Large extracts: streamed, hashed in one pass, sampled over the whole
file, row numbers that point at the right line, every row on request."""

from __future__ import annotations

import hashlib
import json
import random
from pathlib import Path

import pytest

from datawacht.errors import CorruptError, ExtractionError
from datawacht.extract import large
from datawacht.extract.large import LargeExtract
from datawacht.extract.registry import detect_kind, extract
from datawacht.limits import Limits
from datawacht.records import Table
from support.values import make_bsn

ROWS = 60_000


@pytest.fixture(scope="module")
def register(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A semicolon export of fictitious people; a `toelichting` column with
    a quoted line break now and then, and e-mail addresses only in the last
    tenth (a register sorted by date, whose newest rows gained a column)."""
    rng = random.Random(7)
    path = tmp_path_factory.mktemp("large") / "register.csv"
    lines = ["veld1;naam;toelichting;contact"]
    for n in range(ROWS):
        note = '"regel een\nregel twee"' if n % 997 == 0 else "geen"
        contact = f"persoon{n}@voorbeeld.nl" if n >= ROWS * 0.9 else ""
        lines.append(f"{make_bsn(rng)};Testpersoon {n};{note};{contact}")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _tables(extract: LargeExtract) -> list[Table]:
    return list(extract.tables())


def _column(tables: list[Table], name: str) -> list:
    return [
        cell for table in tables for col in table.columns if col.name == name for cell in col.cells
    ]


def test_a_sample_reads_the_head_and_blocks_spread_over_the_file(register: Path) -> None:
    extract = LargeExtract(register.open("rb"), "csv", Limits())
    tables = _tables(extract)
    assert [c.name for c in tables[0].columns] == ["veld1", "naam", "toelichting", "contact"]
    assert extract.content_hash == hashlib.sha256(register.read_bytes()).hexdigest()
    assert large.HEAD_ROWS < extract.rows_read < ROWS / 4
    assert extract.rows_total == ROWS + ROWS // 997 + 1  # lines: quoted breaks count here
    assert "column sampling" in extract.detail
    contacts = _column(tables, "contact")
    assert contacts, "the last tenth of the file is in the sample"
    rows = [cell.row for cell in _column(tables, "veld1")]
    assert max(rows) > ROWS * 0.95


def test_sampled_rows_point_at_the_line_of_their_record(register: Path) -> None:
    lines = register.read_text(encoding="utf-8").split("\n")
    tables = _tables(LargeExtract(register.open("rb"), "csv", Limits()))
    cells = _column(tables, "naam")
    wrong = sum(1 for cell in cells if lines[cell.row - 1].split(";")[1] != cell.value)
    assert cells and wrong == 0


def test_every_row_in_slices_with_quoted_line_breaks_kept(
    register: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(large, "SLICE_ROWS", 25_000)
    extract = LargeExtract(register.open("rb"), "csv", Limits(), full=True)
    tables = _tables(extract)
    assert len(tables) == 3  # 25,000 + 25,000 + 10,000 rows
    assert all([c.name for c in t.columns][:2] == ["veld1", "naam"] for t in tables)
    assert extract.rows_read == extract.rows_total == ROWS
    assert len(_column(tables, "veld1")) == ROWS
    notes = [cell.value for cell in _column(tables, "toelichting")]
    assert notes.count("regel een\nregel twee") == len(range(0, ROWS, 997))
    assert extract.content_hash == hashlib.sha256(register.read_bytes()).hexdigest()
    assert extract.detail == f"every row analysed ({ROWS} rows)"


def test_ndjson_is_sampled_by_lines(tmp_path: Path) -> None:
    path = tmp_path / "export.ndjson"
    records = [{"id": n, "klant": {"email": f"klant{n}@voorbeeld.nl"}} for n in range(50_000)]
    path.write_text("\n".join(json.dumps(r) for r in records) + "\n", encoding="utf-8")
    extract = LargeExtract(path.open("rb"), "jsonl", Limits())
    tables = _tables(extract)
    cells = _column(tables, "klant.email")
    assert extract.rows_total == 50_000 and extract.rows_read == len(cells) < 50_000
    assert all(cell.value == f"klant{cell.row - 1}@voorbeeld.nl" for cell in cells)


def test_parquet_is_sampled_by_row_groups_with_exact_row_numbers(tmp_path: Path) -> None:
    pa = pytest.importorskip("pyarrow")
    pq = pytest.importorskip("pyarrow.parquet")
    rng = random.Random(3)
    values = [make_bsn(rng) for _ in range(100_000)]
    path = tmp_path / "register.parquet"
    pq.write_table(pa.table({"nr": list(range(100_000)), "bsn": values}), path, row_group_size=1000)
    sampled = LargeExtract(path.open("rb"), "parquet", Limits())
    cells = _column(_tables(sampled), "bsn")
    assert sampled.rows_total == 100_000 and sampled.rows_read == len(cells) < 100_000
    assert sum(1 for cell in cells if values[cell.row - 1] != cell.value) == 0
    assert max(cell.row for cell in cells) > 90_000
    assert sampled.content_hash == hashlib.sha256(path.read_bytes()).hexdigest()
    full = LargeExtract(path.open("rb"), "parquet", Limits(), full=True)
    assert len(_column(_tables(full), "bsn")) == full.rows_read == 100_000


def test_a_corrupt_parquet_file_is_reported_as_corrupt(tmp_path: Path) -> None:
    pytest.importorskip("pyarrow")
    path = tmp_path / "kapot.parquet"
    path.write_bytes(b"PAR1" + bytes(5000) + b"PAR1")
    with pytest.raises(CorruptError):
        _tables(LargeExtract(path.open("rb"), "parquet", Limits()))


def test_utf16_cannot_be_sampled_but_is_read_in_full(tmp_path: Path) -> None:
    path = tmp_path / "export.csv"
    path.write_text("naam;email\n" + "Test;test@voorbeeld.nl\n" * 2000, encoding="utf-16")
    with pytest.raises(ExtractionError) as caught:
        _tables(LargeExtract(path.open("rb"), "csv", Limits()))
    assert caught.value.reason == "too large"
    assert "sample_tables = false" in caught.value.detail
    full = LargeExtract(path.open("rb"), "csv", Limits(), full=True)
    assert len(_column(_tables(full), "email")) == 2000


def test_a_small_parquet_file_is_an_ordinary_table(tmp_path: Path) -> None:
    pa = pytest.importorskip("pyarrow")
    pq = pytest.importorskip("pyarrow.parquet")
    path = tmp_path / "klein.parquet"
    pq.write_table(pa.table({"email": ["a@voorbeeld.nl", None, "c@voorbeeld.nl"]}), path)
    data = path.read_bytes()
    assert detect_kind("klein.bin", data[:8192]) == "parquet"
    [table] = [piece for piece in extract("klein.parquet", data, Limits())]
    assert [(cell.row, cell.value) for cell in table.columns[0].cells] == [
        (1, "a@voorbeeld.nl"),
        (3, "c@voorbeeld.nl"),
    ]


def test_a_form_feed_inside_a_value_is_no_line_break(tmp_path: Path) -> None:
    """Line numbers count "\n" only; a value with a form feed or U+2028
    (pasted from a word processor) stays one value on its line."""
    path = tmp_path / "notities.csv"
    lines = ["nr;notitie"] + [f"{n};regel\x0c{n}\u2028einde" for n in range(30_000)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    tables = _tables(LargeExtract(path.open("rb"), "csv", Limits()))
    cells = _column(tables, "notitie")
    assert cells and sum(1 for c in cells if c.value != lines[c.row - 1].split(";")[1]) == 0
