"""End to end: `datawacht scan` on a generated share, scored against exact truth.

Why: unit tests prove each recognizer on its own; only a whole share shows
whether extraction, detection, canonical forms, fingerprints and the JSONL
writer together report every personal value once and nothing in clean
files.  The share comes from `tests/sharegen.py` (fictitious values with
exact ground truth, plus look-alikes that must not be reported).

Assertion messages name entity types, kinds and counts only: a failing
DLP test must not print the values it protects.
"""

from __future__ import annotations

import importlib.util
import os
import shutil
import subprocess
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

KEY = "datawacht e2e fingerprint key: public test value, not a secret"
N_FILES = 60
SEED = 7


def _sharegen() -> ModuleType:
    """Import tests/sharegen.py without making `tests` a package."""
    if "sharegen" in sys.modules:
        return sys.modules["sharegen"]
    path = Path(__file__).resolve().parents[1] / "sharegen.py"
    spec = importlib.util.spec_from_file_location("sharegen", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["sharegen"] = module
    spec.loader.exec_module(module)
    return module


def _datawacht() -> list[str]:
    """The installed console script (venv first), else its entry point."""
    beside = Path(sys.executable).with_name("datawacht")
    if beside.exists():
        return [str(beside)]
    found = shutil.which("datawacht")
    if found:
        return [found]
    return [
        sys.executable,
        "-c",
        "import sys; from datawacht.cli.main import main; sys.exit(main())",
    ]


@pytest.fixture(scope="module")
def scanned(tmp_path_factory: pytest.TempPathFactory) -> tuple[Any, Path, Path]:
    """Generate the share once, scan it once; (truth, share root, output file)."""
    sharegen = _sharegen()
    base = tmp_path_factory.mktemp("e2e")
    root = base / "share"
    truth = sharegen.generate_share(root, N_FILES, seed=SEED)
    out = base / "findings.jsonl"
    env = {k: v for k, v in os.environ.items() if not k.startswith("DATAWACHT_")}
    env.update(
        DATAWACHT_FINGERPRINT_KEY=KEY,
        DATAWACHT_STATE_DIR=str(base / "state"),
        DATAWACHT_DB=f"sqlite:///{base / 'findings.db'}",
        XDG_CONFIG_HOME=str(base / "config"),
    )
    cmd = [
        *_datawacht(),
        "scan",
        str(root),
        "--format",
        "jsonl",
        "--no-store",
        "--output",
        str(out),
    ]
    proc = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=1800, check=False)
    tail = _redacted(proc.stderr.strip().splitlines()[-5:], truth)
    assert proc.returncode in (0, 1), (
        f"datawacht scan exited with {proc.returncode}; stderr ends: {tail}"
    )
    assert out.exists(), f"datawacht scan wrote no output file; stderr ends: {tail}"
    return truth, root, out


def _redacted(lines: list[str], truth: Any) -> list[str]:
    """Scanner messages with every generated value replaced by its type."""
    forms = sorted(truth.written_forms().items(), key=lambda item: -len(item[0]))
    cleaned = []
    for line in lines:
        for form, entity_type in forms:
            line = line.replace(form, f"<{entity_type}>")
        cleaned.append(line)
    return cleaned


def _score(scanned: tuple[Any, Path, Path]) -> Any:
    truth, root, out = scanned
    sharegen = _sharegen()
    found = sharegen.load_jsonl_findings(out, [root, root.resolve()])
    return sharegen.score(truth, found, KEY.encode("utf-8"))


@pytest.mark.slow
def test_micro_f1_over_the_nine_types(scanned: tuple[Any, Path, Path]) -> None:
    result = _score(scanned)
    micro = result.micro
    assert micro.f1 is not None and micro.f1 >= 0.95, (
        f"micro F1 {micro.f1:.3f} < 0.95 (tp {micro.tp}, fp {micro.fp}, fn {micro.fn}); "
        "per type: "
        + ", ".join(f"{t} tp={s.tp} fp={s.fp} fn={s.fn}" for t, s in result.per_type.items())
    )


@pytest.mark.slow
def test_recall_per_type(scanned: tuple[Any, Path, Path]) -> None:
    result = _score(scanned)
    low = {t: s for t, s in result.per_type.items() if s.recall is not None and s.recall < 0.9}
    assert not low, "recall below 0.9: " + ", ".join(
        f"{t} {s.recall:.2f} (tp {s.tp}, fn {s.fn})" for t, s in low.items()
    )
    untested = [t for t, s in result.per_type.items() if s.recall is None]
    assert not untested, f"share holds no values of {untested}"


@pytest.mark.slow
def test_nothing_reported_in_clean_files(scanned: tuple[Any, Path, Path]) -> None:
    result = _score(scanned)
    assert result.clean_findings == 0, (
        f"{result.clean_findings} findings in {result.clean_objects_with_findings} clean "
        f"objects, by type {result.clean_findings_by_type}; look-alikes reported "
        f"{ {k: n for k, n in result.lookalikes_reported.items() if n} }"
    )


@pytest.mark.slow
def test_findings_name_existing_objects(scanned: tuple[Any, Path, Path]) -> None:
    result = _score(scanned)
    assert result.unknown_path_findings == 0, (
        f"{result.unknown_path_findings} findings on paths that are not objects of the share "
        "(archive members must be reported as outer.zip!/inner)"
    )


@pytest.mark.slow
def test_output_holds_no_raw_values(scanned: tuple[Any, Path, Path]) -> None:
    truth, _, out = scanned
    output = out.read_text(encoding="utf-8")
    leaked: dict[str, int] = {}
    for form, entity_type in truth.written_forms().items():
        if form in output:
            leaked[entity_type] = leaked.get(entity_type, 0) + 1
    assert not leaked, f"raw values in the scan output, count per type: {leaked}"
