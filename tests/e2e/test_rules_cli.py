"""Rules end to end: explanations in the scan output, a location policy, and
`rules apply` with the organisation's own IBAN suppressed, without rescanning."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from support.values import make_bsn

OWN_IBAN = "NL91ABNA0417164300"  # the published example IBAN stands in for the municipality's


def _share(root: Path) -> Path:
    import random

    rng = random.Random(4)
    (root / "publicatie").mkdir(parents=True)
    (root / "financien").mkdir()
    (root / "hr").mkdir()
    (root / "publicatie" / ".datawacht.yaml").write_text("max_label: openbaar\n", encoding="utf-8")
    (root / "publicatie" / "nieuws.txt").write_text(
        "De gemeente opent in maart een nieuw zwembad aan de rand van het park.\n",
        encoding="utf-8",
    )
    (root / "publicatie" / "contact.txt").write_text(
        "Voor vragen: mevrouw K. Testpersoon, telefoon 06-12345678.\n", encoding="utf-8"
    )
    (root / "financien" / "factuur.txt").write_text(
        f"Gelieve het bedrag over te maken op IBAN {OWN_IBAN} t.n.v. de gemeente.\n",
        encoding="utf-8",
    )
    (root / "hr" / "verzuim.txt").write_text(
        "Verzuimnotitie\nMedewerker: J. de Testpersoon\nBSN: "
        f"{make_bsn(rng)}\nDe medewerker heeft zich ziek gemeld met burn-outklachten; "
        "de bedrijfsarts adviseert een re-integratietraject.\n",
        encoding="utf-8",
    )
    return root


def _stdin_run(cli_env: dict[str, str], stdin: str, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "datawacht", *args],
        input=stdin,
        capture_output=True,
        text=True,
        env=cli_env,
        timeout=120,
    )


def test_labels_explanations_policy_and_reapply(datawacht, cli_env, tmp_path: Path) -> None:  # noqa: ANN001
    share = _share(tmp_path / "share")
    scanned = datawacht("scan", str(share), "--format", "json")
    assert scanned.code == 0, scanned.stderr
    objects = {Path(o["path"]).name: o for o in json.loads(scanned.stdout)["objects"]}

    assert objects["nieuws.txt"]["classification"]["label"] == "openbaar"
    hr = objects["verzuim.txt"]["classification"]
    assert hr["label"] == "geheim"  # health data tied to a BSN
    assert hr["rules"][0]["id"] == "special-with-bsn"
    assert {"NL_BSN", "SPECIAL_HEALTH"} <= set(hr["rules"][0]["entities"])
    assert hr["explanation"].startswith("geheim door special-with-bsn")
    assert hr["ruleset_version"].startswith("nl-default@")
    contact = objects["contact.txt"]["classification"]
    assert contact["label"] == "intern"
    assert [v["rule"] for v in contact["violations"]] == ["label-exceeds-location"]
    assert objects["factuur.txt"]["classification"]["label"] == "vertrouwelijk"

    fingerprint = _stdin_run(cli_env, f"{OWN_IBAN}\n", "rules", "fingerprint", "IBAN_CODE")
    assert fingerprint.returncode == 0, fingerprint.stderr
    assert OWN_IBAN not in fingerprint.stdout + fingerprint.stderr
    rules_dir = tmp_path / "rules"
    rules_dir.mkdir()
    (rules_dir / "gemeente.yaml").write_text(
        "ruleset: gemeente\nversion: '7'\nextends: default\nsuppressions:\n"
        "  - id: eigen-iban\n    entity: IBAN_CODE\n"
        f"    fingerprints: [{fingerprint.stdout.strip()}]\n"
        "    reason: rekening van de gemeente\n",
        encoding="utf-8",
    )
    assert datawacht("rules", "check", str(rules_dir)).code == 0

    applied = datawacht("rules", "apply", "--rules", str(rules_dir), "--fail-on", "geheim")
    assert applied.code == 1  # the HR note is still geheim
    assert (
        "rules nl-default@2026.11.3+gemeente@7 applied to 5 objects" in applied.stdout
    )  # with .datawacht.yaml
    assert any(
        line.split() == ["vertrouwelijk", "->", "openbaar", "1"]
        for line in applied.stdout.splitlines()
    )
    listed = datawacht("findings", "list", "--format", "json")
    iban = [f for f in json.loads(listed.stdout) if f["entity_type"] == "IBAN_CODE"]
    assert [(f["suppressed"], f["label"], f["status"]) for f in iban] == [
        ("eigen-iban", "openbaar", "open")
    ]
    table = datawacht("findings", "list")
    assert "suppressed:eigen-iban" in table.stdout

    summary = datawacht("scan", str(share), "--rules", str(rules_dir), "--no-store")
    assert "suppressed findings (accepted by the rules, not counted): 1" in summary.stdout
    assert "policy violations:\n  high     " in summary.stdout
    assert "label intern is above openbaar" in summary.stdout


def test_apply_refuses_broken_rules_and_unknown_labels(datawacht, tmp_path: Path) -> None:  # noqa: ANN001
    broken = tmp_path / "rules"
    broken.mkdir()
    (broken / "x.yaml").write_text("ruleset: x\nversion: '1'\nextends: default\nentites: {}\n")
    result = datawacht("rules", "apply", "--rules", str(broken))
    assert result.code == 2
    assert "x.yaml:4: entites: Extra inputs are not permitted" in result.stderr
    assert datawacht("rules", "apply", "--fail-on", "topgeheim").code == 2
