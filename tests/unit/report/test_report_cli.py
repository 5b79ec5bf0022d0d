"""`datawacht report` as a command: formats, private output files, exit codes."""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path

import pytest
from click.testing import CliRunner

from datawacht.cli import exitcodes
from datawacht.cli.main import cli
from support import report_scenario as scenario


@pytest.fixture
def run(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    for name in ("DATAWACHT_DB", "DATAWACHT_CONFIG", "DATAWACHT_RULES_DIR"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("DATAWACHT_STATE_DIR", str(tmp_path / "state"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))

    def invoke(*args: str):
        return CliRunner().invoke(cli, list(args), catch_exceptions=False)

    return invoke


@pytest.mark.parametrize("fmt", ["html", "csv", "json", "sarif"])
def test_every_format_is_written_privately(run, report_db: str, tmp_path: Path, fmt: str) -> None:
    scenario.build(report_db)
    out = tmp_path / f"report.{fmt}"
    result = run("--db", report_db, "report", "--format", fmt, "--output", str(out))
    assert result.exit_code == exitcodes.OK, result.output
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    text = out.read_text(encoding="utf-8")
    assert "*****p1" in text
    assert f"{fmt} report written to {out}" in result.output
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".report")] == []


def test_an_existing_wider_file_is_replaced_by_a_private_one(
    run, report_db: str, tmp_path: Path
) -> None:
    scenario.build(report_db)
    out = tmp_path / "report.html"
    out.write_text("old", encoding="utf-8")
    os.chmod(out, 0o644)
    result = run("--db", report_db, "report", "-o", str(out), "--lang", "en")
    assert result.exit_code == exitcodes.OK, result.output
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    assert "Objects with findings" in out.read_text(encoding="utf-8")


def test_standard_output_without_output_option(run, report_db: str) -> None:
    scenario.build(report_db)
    result = run("--db", report_db, "report", "--format", "json", "--share-depth", "0")
    assert result.exit_code == exitcodes.OK
    document = json.loads(result.stdout)
    assert document["share_depth"] == 0
    assert {share["name"] for share in document["by_share"]} == {scenario.ROOT}


def test_a_missing_database_is_a_usage_error_and_not_created(run, tmp_path: Path) -> None:
    db = tmp_path / "nowhere" / "findings.db"
    out = tmp_path / "report.html"
    result = run("--db", f"sqlite:///{db}", "report", "-o", str(out))
    assert result.exit_code == exitcodes.USAGE
    assert "no findings database" in result.output
    assert not db.exists() and not out.exists()


def test_an_unknown_format_or_language_is_a_usage_error(run, report_db: str) -> None:
    assert run("--db", report_db, "report", "--format", "pdf").exit_code == exitcodes.USAGE
    assert run("--db", report_db, "report", "--lang", "fr").exit_code == exitcodes.USAGE
