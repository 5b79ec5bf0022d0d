"""Fixtures for running the real `datawacht` command on generated files."""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest


@dataclass
class Run:
    code: int
    stdout: str
    stderr: str


@pytest.fixture
def cli_env(tmp_path: Path) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        DATAWACHT_STATE_DIR=str(tmp_path / "state"),
        DATAWACHT_FINGERPRINT_KEY="e2e-test-key-0123456789abcdef0123456789",
        XDG_CONFIG_HOME=str(tmp_path / "config"),
    )
    env.pop("DATAWACHT_DB", None)
    env.pop("DATAWACHT_CONFIG", None)
    return env


@pytest.fixture
def datawacht(cli_env: dict[str, str]):
    """Run `python -m datawacht ARGS` as a subprocess, as a user would."""

    def run(*args: str, extra_env: dict[str, str] | None = None) -> Run:
        env = {**cli_env, **(extra_env or {})}
        done = subprocess.run(
            [sys.executable, "-m", "datawacht", *args],
            capture_output=True,
            text=True,
            env=env,
            timeout=300,
        )
        return Run(done.returncode, done.stdout, done.stderr)

    return run
