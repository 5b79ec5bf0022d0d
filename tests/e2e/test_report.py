"""`datawacht report` after real scans of a generated share, on SQLite and PostgreSQL.

The share is `tests/sharegen.py`'s (every value generated, its raw forms
known) plus files that attack the report: a path holding
`<script>alert(1)</script>`, one holding an `<img onerror>` tag, and a CSV
whose BSN column is called `=bsn+1`.  It is scanned twice, with a file
deleted in between, so the trend has two points and a resolved finding.

Then every format is written and checked: no raw value anywhere, an HTML
page that refers to nothing outside itself and shows the hostile names as
text, SARIF that validates against the official schema, CSV without
formula cells.  Finally headless Chromium renders the page: the script
ran (sorting and filters work), nothing was injected, and the screenshot
is kept as a test artifact (`$DATAWACHT_ARTIFACTS`, else `tests/artifacts/`).
"""

from __future__ import annotations

import csv
import io
import json
import os
import random
import re
import shutil
import stat
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

import jsonschema
import pytest

import sharegen
from support.values import make_bsn

N_FILES = 40
SEED = 11
KEY = "e2e-report-key-0123456789abcdef0123456789"
FORMATS = ("html", "csv", "json", "sarif")
SCHEMA = Path(__file__).resolve().parents[1] / "data" / "sarif" / "sarif-schema-2.1.0.json"
ARTIFACTS = Path(
    os.environ.get("DATAWACHT_ARTIFACTS") or Path(__file__).resolve().parents[1] / "artifacts"
)
SCRIPT_DIR = "<script>alert(1)<"  # with the file `script>.txt`: `<script>alert(1)</script>.txt`
IMG_NAME = "<img src=x onerror=alert(1)>.txt"
FORMULA_HEADER = "=bsn+1"


@dataclass
class Reports:
    root: Path
    raw_forms: set[str]
    files: dict[str, Path]
    texts: dict[str, str]


def _share(base: Path) -> tuple[Path, set[str]]:
    root = base / "share"
    truth = sharegen.generate_share(root, N_FILES, seed=SEED)
    forms = set(truth.written_forms())
    rng = random.Random(SEED)
    hostile = [make_bsn(rng) for _ in range(12)]
    forms.update(hostile)
    for value in hostile:
        forms.add(f"{value[:4]}.{value[4:6]}.{value[6:]}")
    (root / "HR" / SCRIPT_DIR).mkdir(parents=True)
    (root / "HR" / SCRIPT_DIR / "script>.txt").write_text(
        f"Geachte heer, uw BSN {hostile[0][:4]}.{hostile[0][4:6]}.{hostile[0][6:]} is bekend.\n",
        encoding="utf-8",
    )
    (root / "HR" / IMG_NAME).write_text(f"Burgerservicenummer: {hostile[1]}\n", encoding="utf-8")
    (root / "Export").mkdir(exist_ok=True)
    rows = "".join(f"{value};persoon {i}\n" for i, value in enumerate(hostile[2:]))
    (root / "Export" / "formule.csv").write_text(f"{FORMULA_HEADER};naam\n{rows}", encoding="utf-8")
    # a folder policy that the generated mail breaks, and a file nobody can read
    (root / "Mail" / ".datawacht.yaml").write_text("max_label: intern\n", encoding="utf-8")
    (root / "Export" / "kapot.docx").write_bytes(b"PK\x03\x04" + bytes(range(256)) * 4)
    return root, forms


def _run(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    done = subprocess.run(
        [sys.executable, "-m", "datawacht", *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=600,
    )
    assert done.returncode == 0, f"datawacht {' '.join(args[:3])} failed:\n{done.stderr[-2000:]}"
    return done


@pytest.fixture(scope="module")
def share(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, set[str]]:
    return _share(tmp_path_factory.mktemp("report-share"))


@pytest.fixture(
    scope="module", params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)]
)
def reports(
    request: pytest.FixtureRequest,
    share: tuple[Path, set[str]],
    tmp_path_factory: pytest.TempPathFactory,
) -> Reports:
    source, forms = share
    work = tmp_path_factory.mktemp(f"report-{request.param}")
    root = work / "share"
    shutil.copytree(source, root)
    env = dict(os.environ)
    for name in ("DATAWACHT_DB", "DATAWACHT_CONFIG", "DATAWACHT_RULES_DIR"):
        env.pop(name, None)
    env.update(
        DATAWACHT_STATE_DIR=str(work / "state"),
        DATAWACHT_FINGERPRINT_KEY=KEY,
        XDG_CONFIG_HOME=str(work / "config"),
    )
    if request.param == "postgresql":
        create: Callable[[], str] = request.getfixturevalue("new_postgres_database")
        env["DATAWACHT_DB"] = create()
    _run(env, "scan", str(root), "--workers", "1")
    gone = sorted(p for p in (root / "Burgerzaken").rglob("*") if p.is_file())[0]
    gone.unlink()
    _run(env, "scan", str(root), "--workers", "1")
    files: dict[str, Path] = {}
    texts: dict[str, str] = {}
    outputs = []
    for fmt in FORMATS:
        files[fmt] = work / f"report.{fmt}"
        done = _run(env, "--log-level", "debug", "report", "--format", fmt, "-o", str(files[fmt]))
        outputs += [done.stdout, done.stderr]
        texts[fmt] = files[fmt].read_text(encoding="utf-8")
    files["html-en"] = work / "report-en.html"
    _run(env, "report", "--lang", "en", "-o", str(files["html-en"]))
    texts["html-en"] = files["html-en"].read_text(encoding="utf-8")
    texts["logs"] = "\n".join(outputs)
    return Reports(root=root, raw_forms=forms, files=files, texts=texts)


def test_every_format_is_written_privately(reports: Reports) -> None:
    for name, path in reports.files.items():
        assert stat.S_IMODE(path.stat().st_mode) == 0o600, name
        assert path.stat().st_size > 1000, name
    document = json.loads(reports.texts["json"])
    assert document["totals"]["objects_with_findings"] > 20
    assert document["totals"]["data_subjects"] > 50
    assert {"geheim", "vertrouwelijk", "intern"} <= {g["name"] for g in document["by_label"]}
    assert len(document["scans"]) == 2
    assert document["scans"][1]["resolved_findings"] > 0  # the deleted file's findings
    assert len(document["by_share"]) >= 5
    assert document["totals"]["violations"] > 0  # the mail folder allows intern at most
    assert any(row["path"].endswith("kapot.docx") for row in document["unscannable"])


def test_no_raw_value_in_any_report(reports: Reports) -> None:
    leaked = {
        name: sorted(form for form in reports.raw_forms if form in text)
        for name, text in reports.texts.items()
    }
    assert len(reports.raw_forms) > 300
    assert all(not forms for forms in leaked.values()), {k: v[:5] for k, v in leaked.items() if v}


def test_html_refers_to_nothing_outside_itself(reports: Reports) -> None:
    for name in ("html", "html-en"):
        page = reports.texts[name]
        assert "http://" not in page and "https://" not in page
        refs = _References()
        refs.feed(page)
        assert not refs.tags & {"link", "iframe", "object", "embed", "img", "audio", "video"}
        assert not refs.tags & {"base", "frame", "source", "track", "form", "meta-refresh"}
        assert [r for r in refs.references if r[0] != "href" or not r[1].startswith("#")] == []
        assert "@import" not in page and "url(" not in page
        assert page.count("<script") == 1


def test_html_shows_hostile_names_as_text(reports: Reports) -> None:
    page = reports.texts["html"]
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;.txt" in page
    assert "&lt;img src=x onerror=alert(1)&gt;.txt" in page


def test_sarif_validates_against_the_official_schema(reports: Reports) -> None:
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    log = json.loads(reports.texts["sarif"])
    validator = jsonschema.validators.validator_for(schema)(schema)
    errors = list(validator.iter_errors(log))
    assert not errors, [f"{list(e.absolute_path)}: {e.message}" for e in errors[:5]]
    results = log["runs"][0]["results"]
    rows = list(csv.DictReader(io.StringIO(reports.texts["csv"])))
    assert len(results) == len(rows) > 300  # one result per finding, as in the CSV
    assert {r["level"] for r in results} >= {"error", "warning"}
    uris = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in results}
    assert all(uri.startswith("file:///") for uri in uris)
    assert any("%3Cscript%3Ealert%281%29%3C/script%3E.txt" in uri for uri in uris)
    members = [r for r in results if "logicalLocations" in r["locations"][0]]
    assert members, "the generated share has archives"
    assert all(
        ".zip" in r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in members
    )


def test_csv_has_no_formula_cells(reports: Reports) -> None:
    rows = list(csv.reader(io.StringIO(reports.texts["csv"])))
    header, body = rows[0], rows[1:]
    assert header[:5] == ["path", "share", "entity_type", "masked", "fingerprint"]
    cells = [cell for row in body for cell in row]
    assert not [cell for cell in cells if cell.startswith(("=", "+", "-", "@", "\t", "\r"))]
    column = header.index("column")
    assert "'" + FORMULA_HEADER in {row[column] for row in body}


# --- headless Chromium ----------------------------------------------------------------


def _chromium() -> str:
    for name in (
        os.environ.get("DATAWACHT_CHROMIUM"),
        "chromium",
        "chromium-browser",
        "google-chrome",
        "google-chrome-stable",
    ):
        if name and shutil.which(name):
            return str(shutil.which(name))
    message = "Chromium not installed (Debian: apt-get install chromium; .ci/run installs it)"
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(message)
    pytest.skip(message)


def _render(browser: str, profile: Path, *args: str) -> subprocess.CompletedProcess[str]:
    command = [
        browser,
        "--headless",
        "--no-sandbox",  # root in CI containers
        "--disable-gpu",
        "--no-first-run",
        "--no-default-browser-check",
        "--disable-extensions",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--host-resolver-rules=MAP * ~NOTFOUND",  # a page that tried to phone home gets nowhere
        f"--user-data-dir={profile}",
        *args,
    ]
    return subprocess.run(command, capture_output=True, text=True, timeout=120, check=True)


class _References(HTMLParser):
    """The tags of a page and its attributes that can load or link anything."""

    URL_ATTRIBUTES = frozenset(
        {"src", "srcset", "href", "action", "formaction", "poster", "data", "background", "ping"}
    )

    def __init__(self) -> None:
        super().__init__()
        self.tags: set[str] = set()
        self.references: list[tuple[str, str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.add(tag)
        if tag == "meta" and (dict(attrs).get("http-equiv") or "").lower() == "refresh":
            self.tags.add("meta-refresh")
        for name, value in attrs:
            if name in self.URL_ATTRIBUTES or name.startswith("on") or name == "style":
                self.references.append((name, value or ""))


class _Rows(HTMLParser):
    """The objects table as Chromium left it: per row its label, risk and visibility."""

    def __init__(self) -> None:
        super().__init__()
        self.rows: list[dict[str, object]] = []
        self.depth = 0
        self.images = 0
        self.shown = ""
        self._shown = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        if tag == "img":
            self.images += 1
        if tag == "table" and (self.depth or attributes.get("id") == "objects"):
            self.depth += 1  # the samples tables nest inside the objects table
        if self.depth and tag == "tr" and "data-label" in attributes:
            self.rows.append(
                {
                    "label": attributes["data-label"],
                    "hidden": "hidden" in attributes,
                    "risk": None,
                    "text": "",
                }
            )
        elif self.depth and tag == "td" and self.rows and self.rows[-1]["risk"] is None:
            self.rows[-1]["risk"] = int(attributes.get("data-v") or 0)
        self._shown = attributes.get("id") == "shown"

    def handle_endtag(self, tag: str) -> None:
        if tag == "table" and self.depth:
            self.depth -= 1
        self._shown = False

    def handle_data(self, data: str) -> None:
        if self._shown:
            self.shown += data
        if self.depth and self.rows:
            self.rows[-1]["text"] = str(self.rows[-1]["text"]) + data


@pytest.fixture(scope="module")
def browser() -> str:
    return _chromium()


def test_chromium_renders_the_report(
    browser: str, reports: Reports, tmp_path: Path, request: pytest.FixtureRequest
) -> None:
    page = reports.files["html"]
    url = page.as_uri()
    done = _render(browser, tmp_path / "profile", "--dump-dom", url)
    dom = done.stdout
    assert 'data-ready="1"' in dom, "the report's script did not run (CSP?)"
    assert "<title>datawacht-rapport</title>" in dom
    table = _Rows()
    table.feed(dom)
    assert table.images == 0  # the <img> in a file name stayed text
    rows = table.rows
    assert len(rows) > 20 and not any(row["hidden"] for row in rows)
    risks = [row["risk"] for row in rows]
    assert risks == sorted(risks, reverse=True)  # riskiest first
    assert rows[0]["label"] == "geheim"
    assert table.shown == f"{len(rows)} van {len(rows)} objecten getoond"
    assert 'id="f-text"' in dom and 'id="f-label"' in dom and 'id="f-share"' in dom
    document = json.loads(reports.texts["json"])
    label_rows = re.findall(
        r'<tr data-label="([^"]+)"><td><span[^>]*>[^<]*</span></td><td class="n">([\d,.]+)</td>',
        dom,
    )
    assert {label: int(n.replace(",", "")) for label, n in label_rows} == {
        group["name"]: group["objects"] for group in document["by_label"]
    }

    # the filters, from the address
    filtered = _render(browser, tmp_path / "profile", "--dump-dom", url + "#q=burgerzaken")
    table = _Rows()
    table.feed(filtered.stdout)
    visible = [row for row in table.rows if not row["hidden"]]
    assert 0 < len(visible) < len(rows)
    assert all("burgerzaken" in str(row["text"]).lower() for row in visible)
    assert table.shown == f"{len(visible)} van {len(rows)} objecten getoond"
    by_label = _render(browser, tmp_path / "profile", "--dump-dom", url + "#label=geheim")
    table = _Rows()
    table.feed(by_label.stdout)
    assert {row["label"] for row in table.rows if not row["hidden"]} == {"geheim"}

    # the screenshot, kept as a test artifact
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    backend = request.node.callspec.params["reports"]
    shot = ARTIFACTS / f"report-{backend}.png"
    _render(
        browser,
        tmp_path / "profile",
        "--hide-scrollbars",
        "--window-size=1400,2000",
        f"--screenshot={shot}",
        url,
    )
    long_shot = ARTIFACTS / f"report-{backend}-long.png"
    _render(
        browser,
        tmp_path / "profile",
        "--hide-scrollbars",
        "--window-size=1400,9000",
        f"--screenshot={long_shot}",
        url,
    )
    for png in (shot, long_shot):
        assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and png.stat().st_size > 20_000
    print(f"\nscreenshots of the HTML report: {shot} (top), {long_shot} (9000 px tall)")
