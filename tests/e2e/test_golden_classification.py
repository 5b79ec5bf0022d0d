"""Golden classification of a generated share: the label of every file and why.

A change of the rules, the recognizers or the engine that moves any label
shows up here as a diff against `tests/data/golden/share60_classification.json`
(label, fired rule ids with their labels, violations per file).  Counts and
names are left out: they depend on Faker's version, the labels do not.

After an intended change, regenerate and review the diff:

    DATAWACHT_UPDATE_GOLDEN=1 python -m pytest tests/e2e/test_golden_classification.py
"""

from __future__ import annotations

import json
import os
from collections import Counter
from pathlib import Path

import pytest

import sharegen
from datawacht import scanner
from datawacht.config import Settings
from datawacht.sources.files import walk
from datawacht.workers import Scanner

GOLDEN = Path(__file__).resolve().parents[1] / "data" / "golden" / "share60_classification.json"
N_FILES = 60
SEED = 7


@pytest.fixture(scope="module")
def classified(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict[str, object]]:
    base = tmp_path_factory.mktemp("golden")
    root = base / "share"
    sharegen.generate_share(root, N_FILES, seed=SEED)
    # The mail folder may hold contact details, no more.
    (root / "Mail" / ".datawacht.yaml").write_text("max_label: intern\n", encoding="utf-8")
    settings = Settings(state_dir=base / "state", fingerprint_key="golden-test-key-" + "0" * 24)
    pipeline = scanner.build_pipeline(settings, scanner.load_rules(settings))
    with Scanner(pipeline, workers=1) as one:
        results = list(one.scan(walk(str(root), "golden-host")))
    out: dict[str, dict[str, object]] = {}
    for result in results:
        classification = result.classification
        assert classification is not None, result.obj.path
        out[result.obj.path.removeprefix(str(root) + "/")] = {
            "label": classification.label,
            "rules": [f"{rule.id} -> {rule.label}" for rule in classification.rules],
            "violations": [f"{v.rule} ({v.severity})" for v in classification.violations],
        }
    return dict(sorted(out.items()))


def test_every_file_keeps_its_label_and_reasons(classified: dict[str, dict[str, object]]) -> None:
    if os.environ.get("DATAWACHT_UPDATE_GOLDEN") == "1":
        GOLDEN.parent.mkdir(parents=True, exist_ok=True)
        GOLDEN.write_text(json.dumps(classified, indent=1, ensure_ascii=False) + "\n")
        pytest.skip(f"golden file rewritten: {GOLDEN}; review the diff")
    golden = json.loads(GOLDEN.read_text(encoding="utf-8"))
    assert sorted(classified) == sorted(golden)
    changed = {path for path in golden if classified[path] != golden[path]}
    assert not changed, {path: (golden[path], classified[path]) for path in sorted(changed)}


def test_the_share_has_every_label_and_a_violation(
    classified: dict[str, dict[str, object]],
) -> None:
    labels = Counter(str(entry["label"]) for entry in classified.values())
    assert set(labels) == {"openbaar", "intern", "vertrouwelijk", "geheim"}
    assert any(entry["violations"] for entry in classified.values())
    registers = [p for p in classified if p.startswith("Burgerzaken/")]
    assert any(classified[p]["label"] == "geheim" for p in registers)
