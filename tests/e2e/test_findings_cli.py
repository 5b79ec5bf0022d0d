"""Triage and investigation through the real CLI: set-status with an audit
trail, a false positive that survives a rescan, `where`, `subjects`, `unscanned`."""

from __future__ import annotations

import json
import random
import subprocess
import sys
from pathlib import Path

from support.values import make_bsn


def _share(root: Path) -> tuple[Path, str]:
    rng = random.Random(21)
    bsn = make_bsn(rng)
    (root / "hr").mkdir(parents=True)
    (root / "algemeen").mkdir()
    (root / "hr" / "brief.txt").write_text(
        f"Geachte heer Testpersoon,\nUw burgerservicenummer is {bsn}.\n", encoding="utf-8"
    )
    (root / "algemeen" / "memo.txt").write_text(
        "Stuur vragen naar de afdeling: team.burgerzaken@example.nl\n", encoding="utf-8"
    )
    (root / "algemeen" / "kapot.docx").write_bytes(b"PK\x03\x04 this is no real docx " * 20)
    return root, bsn


def _json(run) -> object:  # noqa: ANN001
    assert run.code == 0, run.stderr
    return json.loads(run.stdout)


def test_triage_audit_trail_and_investigation(datawacht, cli_env, tmp_path: Path) -> None:  # noqa: ANN001
    share, bsn = _share(tmp_path / "share")
    assert datawacht("scan", str(share)).code == 0
    listed = _json(datawacht("findings", "list", "--format", "json"))
    email = next(f for f in listed if f["entity_type"] == "EMAIL_ADDRESS")
    assert email["label"] == "intern"

    refused = datawacht("findings", "set-status", "confirmed", "--reason", "x", "--actor", "fg")
    assert refused.code == 2 and "at least one filter" in refused.stderr
    no_actor = datawacht("findings", "set-status", "confirmed", str(email["id"]), "--reason", "x")
    assert no_actor.code == 2

    marked = datawacht(
        "findings", "set-status", "false_positive", str(email["id"]),
        "--reason", "functioneel adres van de afdeling", "--actor", "fg@gemeente",
    )  # fmt: skip
    assert marked.code == 0, marked.stderr
    assert "1 of 1 findings set to false_positive" in marked.stdout
    assert "1 objects re-classified" in marked.stdout

    bulk = datawacht(
        "findings", "set-status", "confirmed", "--entity-type", "NL_BSN",
        "--reason", "echte BSN", "--actor", "fg@gemeente",
    )  # fmt: skip
    assert "1 of 1 findings set to confirmed" in bulk.stdout

    # a rescan meets the same values: the decisions hold, the false positive stays out
    assert datawacht("scan", str(share)).code == 0
    shown = _json(datawacht("findings", "show", str(email["id"]), "--format", "json"))
    assert (shown["status"], shown["suppressed"], shown["label"]) == (
        "false_positive", "false_positive", "openbaar",
    )  # fmt: skip
    assert [(e["new_status"], e["actor"]) for e in shown["history"]] == [
        ("false_positive", "fg@gemeente")
    ]

    where = subprocess.run(
        [sys.executable, "-m", "datawacht", "findings", "where", "--format", "json"],
        input=f"{bsn[:4]}.{bsn[4:6]}.{bsn[6:]}\n",
        capture_output=True, text=True, env=cli_env, timeout=120,
    )  # fmt: skip
    assert where.returncode == 0, where.stderr
    assert [Path(f["path"]).name for f in json.loads(where.stdout)] == ["brief.txt"]
    assert bsn not in where.stdout + where.stderr

    subjects = _json(datawacht("findings", "subjects", "--by", "folder", "--format", "json"))
    assert {Path(s["group"]).name: s["subjects"] for s in subjects} == {"hr": 1}

    unscanned = _json(datawacht("findings", "unscanned", "--format", "json"))
    assert [(Path(u["path"]).name, u["reason"]) for u in unscanned] == [("kapot.docx", "corrupt")]

    # every scan stores its labels, so the report's trend shows them per scan
    report = tmp_path / "rapport.json"
    assert datawacht("report", "--format", "json", "--output", str(report)).code == 0
    scans = json.loads(report.read_text(encoding="utf-8"))["scans"]
    assert len(scans) == 2
    assert all(scan["labels"].get("vertrouwelijk") == 1 for scan in scans)
