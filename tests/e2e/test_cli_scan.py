"""`datawacht scan` and `datawacht findings list` end to end, as a user runs them."""

from __future__ import annotations

import json
import os
import random
import zipfile
from pathlib import Path

import pytest

from support.values import make_bsn, make_iban


@pytest.fixture
def share(tmp_path: Path) -> dict[str, object]:
    """A small share: a letter with a BSN and IBAN, a register, a clean note,
    a corrupt document, a zip and a FIFO."""
    rng = random.Random(20261127)
    root = tmp_path / "share"
    (root / "HR").mkdir(parents=True)
    bsn, iban = make_bsn(rng), make_iban(rng)
    letter = (
        "Geachte mevrouw Testpersoon,\n\n"
        f"Uw burgerservicenummer (BSN) is {bsn[:4]}.{bsn[4:6]}.{bsn[6:]}.\n"
        f"Wij storten het bedrag op rekeningnummer {iban}.\n"
        "Met vriendelijke groet,\nAfdeling Fictief\n"
    )
    (root / "HR" / "brief.txt").write_text(letter, encoding="utf-8")
    register_bsns = [make_bsn(rng) for _ in range(120)]
    rows = ["veld1;opmerking"] + [f"{value};geen" for value in register_bsns]
    (root / "HR" / "register.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    (root / "notulen.txt").write_text(
        "Notulen van het overleg. Factuurnummer 123456782 is betaald.\n", encoding="utf-8"
    )
    (root / "kapot.docx").write_bytes(b"PK\x03\x04 this is not really a document")
    with zipfile.ZipFile(root / "archief.zip", "w") as archive:
        archive.writestr("oud/brief.txt", letter)
    os.mkfifo(root / "pijp")
    return {"root": root, "bsn": bsn, "iban": iban, "register": register_bsns}


def _objects(document: dict) -> dict[str, dict]:
    return {
        Path(o["path"].split("!/")[0]).name
        + ("!/" + o["path"].split("!/")[1] if "!/" in o["path"] else ""): o
        for o in document["objects"]
    }


def test_scan_json_reports_every_object_with_status_and_label(datawacht, share) -> None:
    run = datawacht("scan", str(share["root"]), "--format", "json", "--no-store")
    assert run.code == 0, run.stderr
    document = json.loads(run.stdout)
    objects = _objects(document)
    assert objects["brief.txt"]["classification"]["label"] == "vertrouwelijk"
    assert objects["brief.txt"]["counts"] == {"IBAN_CODE": 1, "NL_BSN": 1, "PERSON": 1}
    assert objects["register.csv"]["classification"]["label"] == "geheim"
    assert objects["register.csv"]["data_subjects"] == 120
    assert objects["notulen.txt"]["classification"]["label"] == "openbaar"
    assert objects["kapot.docx"]["status"] == "error"
    assert objects["kapot.docx"]["reason"] == "corrupt"
    assert objects["pijp"]["status"] == "skipped"
    assert objects["pijp"]["reason"] == "not a regular file"
    assert objects["archief.zip!/oud/brief.txt"]["classification"]["label"] == "vertrouwelijk"
    assert objects["archief.zip"]["classification"]["label"] == "vertrouwelijk"
    assert document["scan"]["status"] == "completed"
    register_findings = [f for f in document["findings"] if f["path"].endswith("register.csv")]
    assert {f["location"]["column"] for f in register_findings} == {"veld1"}
    assert sorted(f["location"]["row"] for f in register_findings) == list(range(2, 122))


def test_jsonl_finding_has_contract_fields_and_text_location(datawacht, share) -> None:
    target = share["root"] / "HR" / "brief.txt"
    run = datawacht("scan", str(target), "--format", "jsonl", "--no-store")
    assert run.code == 0, run.stderr
    findings = [json.loads(line) for line in run.stdout.splitlines()]
    bsn = next(f for f in findings if f["entity_type"] == "NL_BSN")
    assert set(bsn) >= {
        "path",
        "entity_type",
        "fingerprint",
        "masked",
        "score",
        "recognizer",
        "location",
        "object_id",
        "scan_id",
    }
    text = target.read_text(encoding="utf-8")
    start, end = bsn["location"]["start"], bsn["location"]["end"]
    assert text[start:end].replace(".", "") == share["bsn"], "offsets do not point at the value"
    assert bsn["location"]["line"] == 3
    assert bsn["masked"].endswith(share["bsn"][-4:]) and "*" in bsn["masked"]
    assert len(bsn["fingerprint"]) == 64


def test_rescan_updates_instead_of_duplicating_and_resolves_removed_values(
    datawacht, share
) -> None:
    root = share["root"]
    assert datawacht("scan", str(root), "--format", "table").code == 0
    assert datawacht("scan", str(root), "--format", "table").code == 0
    listed = json.loads(datawacht("findings", "list", "--format", "json").stdout)
    identities = [(f["object_id"], f["entity_type"], f["fingerprint"]) for f in listed]
    assert len(identities) == len(set(identities))
    assert sum(1 for f in listed if f["path"].endswith("register.csv")) == 120

    letter = root / "HR" / "brief.txt"
    letter.write_text("Geachte mevrouw,\n\nUw aanvraag is ontvangen.\n", encoding="utf-8")
    (root / "HR" / "register.csv").unlink()
    assert datawacht("scan", str(root), "--format", "table").code == 0
    after = json.loads(datawacht("findings", "list", "--format", "json").stdout)
    letter_findings = [f for f in after if f["path"] == str(letter)]
    assert letter_findings and all(f["status"] == "resolved" for f in letter_findings)
    gone = [f for f in after if f["path"].endswith("register.csv")]
    assert len(gone) == 120 and all(f["status"] == "resolved" for f in gone)
    still_open = json.loads(
        datawacht("findings", "list", "--format", "json", "--status", "open").stdout
    )
    assert all(
        not f["path"].endswith(("brief.txt", "register.csv")) or "!/" in f["path"]
        for f in still_open
    )


def test_fail_on_and_strict_exit_codes(datawacht, share) -> None:
    root = str(share["root"])
    assert datawacht("scan", root, "--no-store", "--fail-on", "vertrouwelijk").code == 1
    clean = str(share["root"] / "notulen.txt")
    assert datawacht("scan", clean, "--no-store", "--fail-on", "intern").code == 0
    bad_label = datawacht("scan", root, "--no-store", "--fail-on", "topgeheim")
    assert bad_label.code == 2 and "unknown label" in bad_label.stderr
    assert datawacht("scan", root, "--no-store", "--strict").code == 3
    assert datawacht("scan", clean, "--no-store", "--strict").code == 0
    assert datawacht("scan", str(share["root"] / "absent"), "--no-store").code == 2


def test_table_output_is_readable_and_masked(datawacht, share) -> None:
    run = datawacht("scan", str(share["root"]), "--no-store")
    assert run.code == 0, run.stderr
    assert "geheim" in run.stdout and "register.csv" in run.stdout
    assert "not (fully) scanned" in run.stdout and "kapot.docx" in run.stdout
    assert share["bsn"] not in run.stdout


def test_output_file_is_private(datawacht, share, tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    assert (
        datawacht(
            "scan", str(share["root"]), "--no-store", "--format", "jsonl", "-o", str(out)
        ).code
        == 0
    )
    assert out.stat().st_mode & 0o777 == 0o600
    assert out.read_text(encoding="utf-8").count("\n") >= 120
