"""`datawacht doctor` as an operator runs it: output, exit codes, `--fix`.

Most runs go through click's CliRunner with a stand-in for loading the NLP
pipeline (seconds per load); one run is a real subprocess that loads it,
and proves that no secret is printed or logged, in any output format.
"""

from __future__ import annotations

import json
import os
import socket
import stat
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from datawacht import doctor
from datawacht.cli import exitcodes
from datawacht.cli.main import cli
from datawacht.detect.fingerprint import KEY_FILE_NAME, load_or_create_key
from datawacht.store import open_store

PASSWORD = "Fictief-Wachtwoord-4711"
SCANNED_PASSWORD = "Fictief-Bronwachtwoord-0815"
KEY = "fictieve-sleutel-0123456789abcdef0123456789abcdef"


@pytest.fixture
def env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, str]:
    """The environment of a user without DATAWACHT_* settings and a healthy
    state directory: key file and SQLite database 0600, directory 0700."""
    for name in list(os.environ):
        if name.upper().startswith("DATAWACHT_"):
            monkeypatch.delenv(name)
    state = tmp_path / "state"
    values = {
        "DATAWACHT_STATE_DIR": str(state),
        "XDG_CONFIG_HOME": str(tmp_path / "config"),
        "XDG_STATE_HOME": str(tmp_path / "xdg-state"),
    }
    for name, value in values.items():
        monkeypatch.setenv(name, value)
    load_or_create_key(state, None)
    open_store(f"sqlite:///{state / 'findings.db'}").close()
    return values


@pytest.fixture
def run(env: dict[str, str], monkeypatch: pytest.MonkeyPatch) -> Callable[..., Result]:
    """`datawacht ARGS` in this process, the pipeline load stood in for."""
    monkeypatch.setattr(doctor, "load_pipeline", lambda _dir: "stand-in pipeline loads")

    def invoke(*args: str) -> Result:
        return CliRunner().invoke(cli, list(args), catch_exceptions=False)

    return invoke


def _state(env: dict[str, str]) -> Path:
    return Path(env["DATAWACHT_STATE_DIR"])


def _unused_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _lines(result: Result, status: str, name: str) -> list[str]:
    return [line for line in result.stdout.splitlines() if line.split()[:2] == [status, name]]


def test_a_healthy_setup_exits_0(run: Callable[..., Result]) -> None:
    result = run("doctor")
    assert result.exit_code == exitcodes.OK, result.output
    assert [line.split()[0] for line in result.stdout.splitlines()] == ["ok"] * 9
    assert _lines(result, "ok", "model") == ["ok    model            stand-in pipeline loads"]


def test_a_key_file_others_can_read_fails_and_fix_makes_it_0600(
    run: Callable[..., Result], env: dict[str, str]
) -> None:
    key = _state(env) / KEY_FILE_NAME
    key.chmod(0o644)
    result = run("doctor")
    assert result.exit_code == exitcodes.DOCTOR_PROBLEMS
    assert _lines(result, "FAIL", "fingerprint-key")
    assert f"      fix: chmod 600 {key}" in result.stdout.splitlines()

    fixed = run("doctor", "--fix")
    assert f"fixed: chmod 600 {key}" in fixed.stdout.splitlines()
    assert stat.S_IMODE(key.stat().st_mode) == 0o600
    assert fixed.exit_code == exitcodes.OK  # the checks after the fix
    assert run("doctor").exit_code == exitcodes.OK


def test_a_state_dir_others_can_list_warns_and_strict_makes_it_count(
    run: Callable[..., Result], env: dict[str, str]
) -> None:
    _state(env).chmod(0o755)
    result = run("doctor")
    assert result.exit_code == exitcodes.OK  # a warning alone
    assert _lines(result, "warn", "state-dir")
    assert run("doctor", "--strict").exit_code == exitcodes.DOCTOR_PROBLEMS
    assert f"fixed: chmod 700 {_state(env)}" in run("doctor", "--fix").stdout
    assert run("doctor", "--strict").exit_code == exitcodes.OK


def test_a_sqlite_store_others_can_read_is_reported_in_json(
    run: Callable[..., Result], env: dict[str, str]
) -> None:
    database = _state(env) / "findings.db"
    database.chmod(0o644)
    result = run("doctor", "--format", "json")
    assert result.exit_code == exitcodes.DOCTOR_PROBLEMS
    document = json.loads(result.stdout)
    assert document["status"] == "fail"
    [store] = [c for c in document["checks"] if c["status"] == "fail"]
    assert store["name"] == "store" and store["fixable"] is True
    assert store["fix"] == f"chmod 600 {database}"

    fixed = json.loads(run("doctor", "--format", "json", "--fix").stdout)
    assert fixed["fixed"] == [{"change": f"chmod 600 {database}", "error": None}]
    assert fixed["status"] == "ok"


def test_a_config_with_a_password_readable_by_others_fails(
    run: Callable[..., Result], tmp_path: Path
) -> None:
    config = tmp_path / "datawacht.toml"
    config.write_text(f'[database]\npassword = "{PASSWORD}"\n', encoding="utf-8")
    config.chmod(0o644)
    result = run("--config", str(config), "doctor")
    assert result.exit_code == exitcodes.DOCTOR_PROBLEMS
    [line] = _lines(result, "FAIL", "config")
    assert "holds a database password and is readable by every user" in line
    assert PASSWORD not in result.output


def test_an_unreachable_postgresql_store_fails_quickly_with_a_redacted_url(
    run: Callable[..., Result],
) -> None:
    port = _unused_port()
    url = f"postgresql://scanner:{PASSWORD}@127.0.0.1:{port}/findings"
    started = time.monotonic()
    result = run("--db", url, "doctor")
    assert time.monotonic() - started < 15
    assert result.exit_code == exitcodes.DOCTOR_PROBLEMS
    [line] = _lines(result, "FAIL", "store")
    assert f"postgresql+psycopg://scanner:***@127.0.0.1:{port}/findings cannot be opened" in line
    assert PASSWORD not in result.output


def test_corrupt_rules_fail(
    run: Callable[..., Result], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    rules = tmp_path / "rules"
    rules.mkdir()
    (rules / "default.yaml").write_text("labels: [\n", encoding="utf-8")
    monkeypatch.setenv("DATAWACHT_RULES_DIR", str(rules))
    result = run("doctor")
    assert result.exit_code == exitcodes.DOCTOR_PROBLEMS
    [line] = _lines(result, "FAIL", "rules")
    assert str(rules) in line
    assert f"      fix: correct the rule files; `datawacht rules check {rules}`" in result.stdout


def test_an_invalid_config_is_reported_by_doctor_and_stops_every_other_command(
    run: Callable[..., Result], tmp_path: Path
) -> None:
    config = _config(tmp_path, "[limits]\nmax_charz = 1\n")
    result = CliRunner().invoke(cli, ["--config", str(config), "doctor"])
    assert result.exit_code == exitcodes.DOCTOR_PROBLEMS
    [line, fix] = result.output.splitlines()
    assert line.startswith("FAIL  config") and "limits.max_charz" in line
    assert fix.startswith(f"      fix: correct {config}")
    other = CliRunner().invoke(cli, ["--config", str(config), "findings", "list"])
    assert other.exit_code == exitcodes.USAGE
    assert "limits.max_charz" in other.output


def test_help_explains_the_checks_and_exit_codes(run: Callable[..., Result]) -> None:
    text = run("doctor", "--help").stdout
    for word in ("fingerprint-key", "state-dir", "watch-paths", "--fix", "Exit codes", "--strict"):
        assert word in text


def _config(directory: Path, text: str) -> Path:
    path = directory / "datawacht.toml"
    path.write_text(text, encoding="utf-8")
    path.chmod(0o600)
    return path


def test_no_secret_is_printed_or_logged_and_the_real_pipeline_loads(
    env: dict[str, str], tmp_path: Path
) -> None:
    """A real process, the real NLP pipeline, every log line (debug): the
    key, the scanned databases' password and the findings database's
    password (in the URL and as a parameter) appear nowhere."""
    port = _unused_port()
    config = tmp_path / "datawacht.toml"
    config.write_text(
        f'fingerprint_key = "{KEY}"\n'
        f'db = "postgresql://scanner:{PASSWORD}@127.0.0.1:{port}/findings"\n'
        f'[database]\npassword = "{SCANNED_PASSWORD}"\n',
        encoding="utf-8",
    )
    config.chmod(0o644)
    outputs = []
    for extra in ([], ["--format", "json"]):
        done = subprocess.run(
            [sys.executable, "-m", "datawacht", "--log-level", "debug", "--config", str(config)]
            + ["doctor", *extra],
            capture_output=True,
            text=True,
            env={**os.environ, **env},
            timeout=300,
        )
        assert done.returncode == exitcodes.DOCTOR_PROBLEMS, done.stderr
        outputs.append(done.stdout + done.stderr)
    assert "loads offline, with NER" in outputs[0]
    assert f"scanner:***@127.0.0.1:{port}" in outputs[0]
    for secret in (KEY, PASSWORD, SCANNED_PASSWORD):
        assert not [output for output in outputs if secret in output], secret
