"""Fixtures for running the real `datawacht` command on generated files."""

from __future__ import annotations

import os
import random
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest


def make_bsn(rng: random.Random) -> str:
    """A fictitious 9-digit number that passes the elfproef."""
    while True:
        digits = [rng.randint(0, 9) for _ in range(8)]
        total = sum((9 - i) * d for i, d in enumerate(digits))
        last = total % 11
        if last < 10 and digits[0] != 0:
            return "".join(map(str, digits)) + str(last)


def make_iban(rng: random.Random) -> str:
    """A fictitious Dutch IBAN with valid mod-97 check digits."""
    account = f"{rng.randint(0, 10**10 - 1):010d}"
    bank = "TEST"
    numeric = "".join(str(int(c, 36)) for c in bank + account + "NL00")
    check = 98 - int(numeric) % 97
    return f"NL{check:02d}{bank}{account}"


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
