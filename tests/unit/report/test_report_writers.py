"""The four report formats on the exactly known scenario, on SQLite and PostgreSQL.

One object of the scenario is an archive member named
`in/<script>alert(1)</script>.txt`, and a CSV column is called `=iban`:
both are attacker-chosen text that must come out inert.
"""

from __future__ import annotations

import base64
import csv
import hashlib
import io
import json
import re
from pathlib import Path

import jsonschema
import pytest
import sqlalchemy as sa

from datawacht.report import data, i18n
from datawacht.report.exports import neutralise, write_csv, write_json
from datawacht.report.html import render
from datawacht.report.sarif import artifact_uri, level_for, write_sarif
from support import report_scenario as scenario

SCHEMA = Path(__file__).resolve().parents[2] / "data" / "sarif" / "sarif-schema-2.1.0.json"


@pytest.fixture
def engine(report_db: str) -> sa.Engine:
    scenario.build(report_db)
    engine = sa.create_engine(report_db)
    yield engine
    engine.dispose()


@pytest.fixture
def report(engine: sa.Engine) -> data.ReportData:
    with data.snapshot(engine) as conn:
        return data.build_report(conn, labels=scenario.LABELS)


def sarif_text(engine: sa.Engine, lang: str = "nl") -> str:
    out = io.StringIO()
    with data.snapshot(engine) as conn:
        write_sarif(
            data.iter_findings(conn, data.share_map(conn)),
            data.finding_types(conn),
            out,
            labels=data.label_order(conn, scenario.LABELS),
            tool_version="0.1.0",
            generated_at=data.timestamp(),
            ruleset_versions=data.ruleset_versions(conn),
            lang=lang,
        )
    return out.getvalue()


def csv_text(engine: sa.Engine) -> str:
    out = io.StringIO()
    with data.snapshot(engine) as conn:
        write_csv(data.iter_findings(conn, data.share_map(conn)), out)
    return out.getvalue()


# --- HTML -----------------------------------------------------------------------------


def test_html_escapes_a_script_in_a_file_name(report: data.ReportData) -> None:
    page = render(report)
    assert "<script>alert(1)" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;.txt" in page
    assert page.count("<script") == 1 and page.count("</script>") == 1  # only our own


def test_html_loads_nothing_from_anywhere(report: data.ReportData) -> None:
    page = render(report)
    assert "http://" not in page and "https://" not in page
    assert not re.search(
        r"\b(src|href|action|srcset|poster|data)\s*=\s*[\"']?(?!#)[^\"'\s>]*//", page
    )
    assert not re.search(r"<(link|iframe|object|embed|img|audio|video|base|frame)\b", page, re.I)
    assert "@import" not in page and "url(" not in page
    # every link is a jump within the page
    assert set(re.findall(r'href="([^"]*)"', page)) <= {
        "#summary",
        "#objects-section",
        "#violations",
        "#unscannable",
        "#trend",
    }


def test_html_csp_allows_exactly_the_inline_style_and_script(report: data.ReportData) -> None:
    page = render(report)
    csp = re.search(r'http-equiv="Content-Security-Policy" content="([^"]*)"', page)
    assert csp is not None
    policy = csp.group(1).replace("&#x27;", "'")
    assert "default-src 'none'" in policy
    for tag in ("style", "script"):
        body = re.search(rf"<{tag}>(.*?)</{tag}>", page, re.S)
        assert body is not None
        digest = base64.b64encode(hashlib.sha256(body.group(1).encode()).digest()).decode()
        assert f"{tag}-src 'sha256-{digest}'" in policy


def test_html_shows_summary_objects_violations_unscannable_and_trend(
    report: data.ReportData,
) -> None:
    page = render(report)
    for section in ('id="by-label"', 'id="by-share"', 'id="by-entity"', 'id="objects"'):
        assert section in page
    assert page.count("<svg") == 4  # labels, shares, entity types, trend
    assert "hr-max-intern" in page and "zip: encrypted member" in page
    assert 'id="trend-table"' in page
    rows = re.findall(r'<tr data-label="([^"]*)" data-share="([^"]*)">', page)
    assert [label for label, _ in rows] == [
        "geheim",
        "vertrouwelijk",
        "vertrouwelijk",
        "intern",
        "intern",
        "intern",
    ]
    assert "*****p1" in page and "test-fingerprint" not in page  # masked, not fingerprints
    assert 'lang="nl"' in page and "Objecten met bevindingen" in page


def test_html_in_english(report: data.ReportData) -> None:
    page = render(report, "en")
    assert 'lang="en"' in page and "Objects with findings" in page
    assert "Objecten met bevindingen" not in page


def test_every_language_has_every_string() -> None:
    keys = {lang: set(strings) for lang, strings in i18n.STRINGS.items()}
    assert keys["nl"] == keys["en"]
    assert set(i18n.ENTITY_DESCRIPTIONS["nl"]) == set(i18n.ENTITY_DESCRIPTIONS["en"])
    with pytest.raises(ValueError, match="language"):
        i18n.strings("fr")


# --- SARIF ----------------------------------------------------------------------------


def test_sarif_validates_against_the_official_schema(engine: sa.Engine) -> None:
    log = json.loads(sarif_text(engine))
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    validator = jsonschema.validators.validator_for(schema)
    validator.check_schema(schema)
    errors = sorted(validator(schema).iter_errors(log), key=str)
    assert not errors, [f"{list(e.absolute_path)}: {e.message}" for e in errors[:5]]


def test_sarif_results_rules_levels_and_locations(engine: sa.Engine) -> None:
    log = json.loads(sarif_text(engine))
    assert log["version"] == "2.1.0" and len(log["runs"]) == 1
    run = log["runs"][0]
    driver = run["tool"]["driver"]
    assert (driver["name"], driver["version"]) == ("datawacht", "0.1.0")
    rule_ids = [rule["id"] for rule in driver["rules"]]
    assert rule_ids == sorted({r["ruleId"] for r in run["results"]})
    assert driver["rules"][rule_ids.index("NL_BSN")]["shortDescription"]["text"] == (
        "Burgerservicenummer"
    )
    results = run["results"]
    assert len(results) == 11
    for result in results:
        assert rule_ids[result["ruleIndex"]] == result["ruleId"]
        masked = result["properties"]["masked"]
        assert result["message"]["text"] == f"{result['ruleId']} gevonden: {masked}"
        assert result["partialFingerprints"]["datawachtValue/v1"].startswith("test-fingerprint-")
    by_mask = {r["properties"]["masked"]: r for r in results}
    assert by_mask["*****p7"]["level"] == "error"  # geheim
    assert by_mask["*****pA"]["level"] == "warning"  # vertrouwelijk
    assert by_mask["*****z8"]["level"] == "note"  # intern
    top = by_mask["*****z8"]["locations"][0]["physicalLocation"]
    assert top == {
        "artifactLocation": {"uri": "file:///srv/share/top.txt"},
        "region": {"startLine": 3},
    }
    assert "region" not in by_mask["*****p7"]["locations"][0]["physicalLocation"]  # a CSV row
    member = by_mask["*****h1"]["locations"][0]
    assert member["physicalLocation"]["artifactLocation"]["uri"] == "file:///srv/share/Fin/arch.zip"
    assert member["logicalLocations"] == [
        {"name": "script>.txt", "fullyQualifiedName": scenario.HOSTILE_MEMBER}
    ]
    assert "suppressions" not in by_mask["*****p1"]
    assert by_mask["*****i5"]["suppressions"][0]["justification"] == (
        "onderdrukt door regel eigen-iban"
    )
    assert by_mask["*****p2"]["suppressions"][0]["status"] == "accepted"  # false positive


def test_sarif_in_english(engine: sa.Engine) -> None:
    log = json.loads(sarif_text(engine, "en"))
    messages = {r["message"]["text"] for r in log["runs"][0]["results"]}
    assert "NL_BSN found: *****p1" in messages


@pytest.mark.parametrize(
    ("label", "level"),
    [("geheim", "error"), ("vertrouwelijk", "warning"), ("intern", "note"), ("openbaar", "none")],
)
def test_sarif_level_follows_the_label(label: str, level: str) -> None:
    assert level_for(label, scenario.LABELS) == level


def test_sarif_level_for_other_label_sets() -> None:
    assert level_for(None, scenario.LABELS) == "note"
    assert level_for("unknown", scenario.LABELS) == "note"
    assert [level_for(x, ["laag", "hoog"]) for x in ("laag", "hoog")] == ["none", "error"]
    five = ["a", "b", "c", "d", "e"]
    assert [level_for(x, five) for x in five] == ["none", "note", "note", "warning", "error"]


def test_artifact_uris() -> None:
    assert artifact_uri("/srv/a b/#1 100%.txt") == "file:///srv/a%20b/%231%20100%25.txt"
    assert artifact_uri("relative/x.txt") == "relative/x.txt"
    assert artifact_uri("postgresql://db:5432/crm/public.klant") == (
        "postgresql://db:5432/crm/public.klant"
    )


# --- CSV and JSON ---------------------------------------------------------------------


def test_csv_has_one_row_per_finding_and_no_formula(engine: sa.Engine) -> None:
    rows = list(csv.DictReader(io.StringIO(csv_text(engine))))
    assert len(rows) == 11
    assert {row["masked"] for row in rows} >= {"*****p1", "*****i5"}
    iban = next(row for row in rows if row["masked"] == "*****i6")
    assert iban["column"] == "'=iban"  # neutralised
    assert (iban["row"], iban["label"], iban["status"]) == ("3", "geheim", "open")
    assert next(row for row in rows if row["masked"] == "*****i5")["suppressed"] == "eigen-iban"
    member = next(row for row in rows if row["masked"] == "*****h1")
    assert member["path"].endswith(scenario.HOSTILE_MEMBER) and member["line"] == "7"
    for row in rows:
        for value in row.values():
            assert not value.startswith(("=", "+", "-", "@", "\t", "\r")), value


@pytest.mark.parametrize("cell", ["=1+1", "+1", "-1+2", "@SUM(A1)", "\t=1", "\r=1"])
def test_formula_cells_are_neutralised(cell: str) -> None:
    assert neutralise(cell) == "'" + cell


def test_other_cells_stay_as_they_are() -> None:
    assert [neutralise(v) for v in ("/srv/a.txt", "*****p1", "", 3, -1, 0.5, None)] == [
        "/srv/a.txt",
        "*****p1",
        "",
        3,
        -1,
        0.5,
        None,
    ]


def test_json_is_the_report_data(report: data.ReportData) -> None:
    out = io.StringIO()
    write_json(report, out, "0.1.0")
    document = json.loads(out.getvalue())
    assert document["format_version"] == 1 and document["tool_version"] == "0.1.0"
    assert document["totals"] == report.totals
    assert set(document) == {
        "format_version",
        "tool_version",
        "generated_at",
        "labels",
        "ruleset_versions",
        "hosts",
        "share_depth",
        "totals",
        "finding_statuses",
        "by_label",
        "by_share",
        "by_entity",
        "objects",
        "violations",
        "unscannable",
        "scans",
    }
    first = document["objects"][0]
    assert first["path"] == "/srv/share/Fin/c.csv" and first["samples"][0]["masked"]
    assert "test-fingerprint" not in out.getvalue()
