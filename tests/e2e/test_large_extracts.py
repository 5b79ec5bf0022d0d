"""`datawacht scan` on an extract above `limits.sample_tables_above_bytes`:
streamed, sampled over the whole file, its columns classified; every row
with `limits.sample_tables = false`."""

from __future__ import annotations

import hashlib
import json
import random
import sqlite3
from pathlib import Path

import pytest

from support.values import make_bsn

ROWS = 20_000
SMALL_THRESHOLD = {"DATAWACHT_LIMITS__SAMPLE_TABLES_ABOVE_BYTES": "100000"}


@pytest.fixture
def extract(tmp_path: Path) -> Path:
    """About 900 KB: far above the lowered threshold."""
    rng = random.Random(5)
    lines = ["veld1;omschrijving;contact"]
    lines += [f"{make_bsn(rng)};dossier {n};persoon{n}@voorbeeld.nl" for n in range(ROWS)]
    path = tmp_path / "export" / "klanten.csv"
    path.parent.mkdir()
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _scan(datawacht, path: Path, env: dict[str, str]) -> dict:  # noqa: ANN001
    run = datawacht("scan", str(path), "--format", "json", extra_env=env)
    assert run.code == 0, run.stderr
    return json.loads(run.stdout)


def test_a_large_extract_is_sampled_and_its_columns_classified(datawacht, extract: Path) -> None:
    document = _scan(datawacht, extract, SMALL_THRESHOLD)
    (obj,) = document["objects"]
    assert obj["status"] == "scanned"
    assert obj["detail"].startswith("column sampling: ")
    assert obj["classification"]["label"] in ("vertrouwelijk", "geheim")
    columns = {(f["entity_type"], f["location"]["column"]) for f in document["findings"]}
    assert columns == {("NL_BSN", "veld1"), ("EMAIL_ADDRESS", "contact")}
    bsn = [f for f in document["findings"] if f["entity_type"] == "NL_BSN"]
    assert 2000 <= len(bsn) < ROWS  # the head and the blocks, not every row
    assert max(f["location"]["row"] for f in bsn) > ROWS * 0.9  # the end of the file too
    summary = {(c["column"], c["entity_type"]): c for c in obj["columns"]}
    assert set(summary) == {("veld1", "NL_BSN"), ("contact", "EMAIL_ADDRESS")}
    assert summary[("veld1", "NL_BSN")]["distinct"] == len(bsn)
    assert summary[("veld1", "NL_BSN")]["detail"].startswith("column profile by values")


def test_every_row_when_sampling_is_off_and_the_store_keeps_the_hash(
    datawacht, cli_env: dict[str, str], extract: Path
) -> None:
    document = _scan(
        datawacht, extract, {**SMALL_THRESHOLD, "DATAWACHT_LIMITS__SAMPLE_TABLES": "false"}
    )
    (obj,) = document["objects"]
    assert obj["detail"] == f"every row analysed ({ROWS} rows)"
    assert sum(1 for f in document["findings"] if f["entity_type"] == "NL_BSN") == ROWS
    listed = datawacht("findings", "list", "--format", "json")
    stored = json.loads(listed.stdout)
    assert len(stored) == 2 * ROWS
    database = Path(cli_env["DATAWACHT_STATE_DIR"]) / "findings.db"
    with sqlite3.connect(database) as conn:
        (stored_hash,) = conn.execute("SELECT content_hash FROM objects").fetchone()
    assert stored_hash == hashlib.sha256(extract.read_bytes()).hexdigest()


def test_a_new_sample_of_a_changed_extract_resolves_nothing(datawacht, extract: Path) -> None:
    """Rows added at the top move every block: the second sample meets other
    values, which does not mean the first sample's values left the file."""
    _scan(datawacht, extract, SMALL_THRESHOLD)
    lines = extract.read_text(encoding="utf-8").split("\n")
    extra = [f"{make_bsn(random.Random(n))};nieuw {n};nieuw{n}@voorbeeld.nl" for n in range(500)]
    extract.write_text("\n".join([lines[0], *extra, *lines[1:]]), encoding="utf-8")
    _scan(datawacht, extract, SMALL_THRESHOLD)
    listed = datawacht("findings", "list", "--status", "resolved", "--format", "json")
    assert listed.code == 0, listed.stderr
    assert json.loads(listed.stdout) == []
