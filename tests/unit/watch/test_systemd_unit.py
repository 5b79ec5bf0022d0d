"""The shipped systemd unit is valid for systemd and keeps its hardening.

This machine has no systemd as PID 1, so the unit cannot be started here;
`systemd-analyze verify` parses it as systemd would and names every unknown
or misspelt directive, which is how a hardening line silently stops working.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

DEPLOY = Path(__file__).parents[3] / "deploy"
UNIT = DEPLOY / "datawacht-watch.service"
UNITS = [UNIT, DEPLOY / "datawacht-work.service"]
INSTALLED = "/opt/datawacht/.venv/bin/datawacht"


def _directives(unit: Path = UNIT) -> dict[str, str]:
    pairs = (
        line.split("=", 1)
        for line in unit.read_text(encoding="utf-8").splitlines()
        if "=" in line and not line.startswith("#")
    )
    return {key: value for key, value in pairs}


@pytest.mark.parametrize("shipped", UNITS, ids=lambda unit: unit.name)
def test_the_unit_passes_systemd_analyze_verify(shipped: Path, tmp_path: Path) -> None:
    if shutil.which("systemd-analyze") is None:
        pytest.skip("systemd-analyze is not installed (Debian package systemd)")
    datawacht = Path(sys.executable).with_name("datawacht")
    assert datawacht.exists(), "the datawacht entry point is installed next to the interpreter"
    unit = tmp_path / shipped.name
    unit.write_text(shipped.read_text(encoding="utf-8").replace(INSTALLED, str(datawacht)))
    done = subprocess.run(
        ["systemd-analyze", "verify", str(unit)], capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, done.stderr
    assert done.stderr.strip() == "", done.stderr  # unknown keys are only warnings


@pytest.mark.parametrize("shipped", UNITS, ids=lambda unit: unit.name)
def test_the_unit_runs_as_its_own_user_with_read_only_shares(shipped: Path) -> None:
    unit = _directives(shipped)
    assert unit["User"] == unit["Group"] == "datawacht"
    assert unit["ProtectSystem"] == "strict"
    assert unit["NoNewPrivileges"] == "yes"
    assert unit["CapabilityBoundingSet"] == ""
    assert unit["ReadWritePaths"] == "/var/lib/datawacht"  # its state only
    assert unit["ReadOnlyPaths"]
    assert unit["StateDirectoryMode"] == "0700" and unit["UMask"] == "0077"
    assert unit["KillSignal"] == "SIGTERM" and unit["KillMode"] == "mixed"


def test_the_watch_unit_reloads_with_sighup() -> None:
    assert _directives()["ExecReload"] == "/bin/kill -HUP $MAINPID"
