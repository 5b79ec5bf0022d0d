"""`datawacht scan postgresql://…` as a user runs it: contract output, no password anywhere."""

from __future__ import annotations

import json
from pathlib import Path

import sqlalchemy as sa

from support.databases import PASSWORD, fill, make_register, reader_user

CONTRACT_FIELDS = {
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


def test_scan_of_a_postgresql_url_in_jsonl(
    datawacht, postgres_server: str, postgres_module_database: str, tmp_path: Path
) -> None:
    register = make_register(seed=11)
    fill(postgres_module_database, register)
    database = sa.make_url(postgres_module_database).database
    with reader_user(postgres_server, postgres_module_database) as url:
        plain = url.replace("postgresql+psycopg://", "postgresql://")
        # The second target cannot be reached; its password is in the URL itself.
        unreachable = sa.make_url(url).set(port=1, password=PASSWORD)
        run = datawacht(
            "--log-level",
            "debug",
            "scan",
            plain,
            unreachable.render_as_string(hide_password=False),
            "--format",
            "jsonl",
            "--workers",
            "2",
            extra_env={"DATAWACHT_DATABASE__PASSWORD": PASSWORD},
        )
        listed = datawacht("findings", "list", "--format", "json")

    assert run.code == 2, "a database that cannot be reached is exit code 2"
    findings = [json.loads(line) for line in run.stdout.splitlines()]
    table = f"postgresql://127.0.0.1:5432/{database}/public.klanten"
    assert findings and all(set(f) >= CONTRACT_FIELDS for f in findings)
    assert {f["path"] for f in findings} == {table}
    columns = {
        (f["entity_type"], f["location"]["table"], f["location"]["column"]) for f in findings
    }
    assert ("NL_BSN", "public.klanten", "veld1") in columns
    assert ("EMAIL_ADDRESS", "public.klanten", "email") in columns
    assert sum(f["entity_type"] == "NL_BSN" for f in findings) == len(register.bsns)
    assert all(len(f["fingerprint"]) == 64 and "*" in f["masked"] for f in findings)
    assert f"postgresql://127.0.0.1:1/{database}: cannot connect" not in run.stdout
    assert f"postgresql://127.0.0.1:1/{database}" in run.stderr
    assert "could not be scanned" in run.stderr

    stored = json.loads(listed.stdout)
    assert {f["path"] for f in stored} == {table}
    state = tmp_path / "state"
    store_bytes = b"".join(p.read_bytes() for p in state.iterdir() if p.name.startswith("findings"))
    texts = {"stdout": run.stdout, "stderr": run.stderr, "findings list": listed.stdout}
    assert [name for name, text in texts.items() if PASSWORD in text] == [], "password shown"
    assert PASSWORD.encode() not in store_bytes, "password in the findings database"
    values = register.bsns + register.emails
    assert not any(v in text for v in values for text in texts.values()), "raw value shown"
    assert not any(v.encode() in store_bytes for v in values), "raw value stored"
