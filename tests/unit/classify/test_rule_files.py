"""Rule files as an officer writes them: tests/data/rules/{valid,invalid}/ and `datawacht rules`.

Every invalid case is a directory `rules check` can be pointed at, with the
expected message in `invalid/expected.json`: the file, the line where one is
known, the field and the text.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from datawacht import scanner
from datawacht.classify.engine import Classifier
from datawacht.classify.layers import load_ruleset
from datawacht.cli.main import cli
from datawacht.config import Settings
from datawacht.detect.fingerprint import KEY_FILE_NAME, Protector
from datawacht.errors import ConfigError
from datawacht.records import Finding, Location

DATA = Path(__file__).resolve().parents[2] / "data" / "rules"
VALID = DATA / "valid"
INVALID = DATA / "invalid"
EXPECTED: dict[str, dict] = {
    name: case
    for name, case in json.loads((INVALID / "expected.json").read_text(encoding="utf-8")).items()
    if not name.startswith("_")
}
KEY = "rule-files-test-key-0123456789abcdef0123"
# the fingerprints written in valid/organisation/gemeente.yaml and its .datawachtignore
OWN_IBAN = "0f1e2d3c4b5a69788796a5b4c3d2e1f0" * 2
SWITCHBOARD = "a1b2c3d4e5f60718293a4b5c6d7e8f90" * 2
HEX64 = re.compile(r"^[0-9a-f]{64}$")


@pytest.fixture(autouse=True)
def _env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    for name in ("DATAWACHT_CONFIG", "DATAWACHT_RULES_DIR", "DATAWACHT_DB"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "no-config"))
    monkeypatch.setenv("DATAWACHT_STATE_DIR", str(tmp_path / "state"))
    monkeypatch.setenv("DATAWACHT_FINGERPRINT_KEY", KEY)


def _run(*args: str, stdin: str | None = None):
    return CliRunner().invoke(cli, ["rules", *args], input=stdin)


def _cases(stage: str | None = None) -> list[str]:
    return sorted(n for n, c in EXPECTED.items() if stage is None or c["stage"] == stage)


def _finding(entity_type: str, fingerprint: str, path: str = "/srv/shares/x/f.txt") -> Finding:
    return Finding("o", path, entity_type, fingerprint, "***", 0.9, "R", Location(line=1))


# --- invalid ------------------------------------------------------------------


def test_every_invalid_case_has_an_expectation() -> None:
    on_disk = {p.name for p in INVALID.iterdir() if p.is_dir()}
    assert on_disk == set(EXPECTED)


@pytest.mark.parametrize("case", _cases("load"))
def test_invalid_case_is_refused_naming_file_line_and_field(case: str) -> None:
    with pytest.raises(ConfigError) as error:
        load_ruleset(INVALID / case)
    message = str(error.value)
    for expected in EXPECTED[case]["expect"]:
        assert expected in message
    assert "Traceback" not in message


@pytest.mark.parametrize("case", _cases("compile"))
def test_invalid_value_loads_and_fails_when_compiled(case: str) -> None:
    rules = load_ruleset(INVALID / case)  # the schema cannot know a value's entity rules
    protector = Protector(KEY.encode())
    with pytest.raises(ConfigError) as error:
        scanner.build_classifier(rules, protector, scanner.value_checker(Settings()))
    assert EXPECTED[case]["expect"][-1] in str(error.value)
    for suppression in rules.suppressions:
        for value in suppression.values:
            assert value not in str(error.value)


@pytest.mark.parametrize("case", _cases())
def test_rules_check_exits_2_with_the_message_on_stderr(case: str) -> None:
    result = _run("check", str(INVALID / case))
    assert result.exit_code == 2
    assert result.stdout == ""
    for expected in EXPECTED[case]["expect"]:
        assert expected in result.stderr


@pytest.mark.parametrize(
    "case",
    [
        pytest.param(
            name,
            marks=pytest.mark.xfail(
                strict=True,
                reason="suppression values are checked when the rules are compiled, without lines",
            ),
        )
        for name in _cases()
        if "line_missing" in EXPECTED[name]
    ],
)
def test_merge_errors_name_the_line(case: str) -> None:
    result = _run("check", str(INVALID / case))
    assert EXPECTED[case]["line_missing"] in result.stderr


# --- valid --------------------------------------------------------------------


def test_organisation_layer_changes_the_defaults() -> None:
    shipped = load_ruleset()
    rules = load_ruleset(VALID / "organisation")
    assert rules.version == f"{shipped.version}+gemeente-voorbeeldstad@2026.1"
    assert rules.label_ids == shipped.label_ids

    # disabled
    assert "NL_KVK" in shipped.entities and "NL_KVK" not in rules.entities
    assert "volume-s1-group" not in {v.id for v in rules.volume}
    # replaced by id (volume) and by entity type
    bulk = {v.id: v for v in rules.volume}["volume-s2-bulk"]
    assert (bulk.min_subjects, bulk.label) == (50, "geheim")
    assert rules.entities["NL_POSTCODE"].label == "openbaar"
    assert shipped.entities["NL_POSTCODE"].label == "intern"
    # added, the shipped ones kept
    assert {c.id for c in rules.combinations} == {c.id for c in shipped.combinations} | {
        "financieel-profiel"
    }
    assert [loc.id for loc in rules.locations] == ["publicatie", "sociaal-domein"]
    suppressions = {s.id: s for s in rules.suppressions}
    assert "published-example-bsn" in suppressions
    assert suppressions["eigen-iban"].fingerprints == [OWN_IBAN]
    assert suppressions["testdata"].paths == ["*/testdata/*"]
    assert suppressions["archief-volume"].rules == ["volume-s2-bulk"]


def test_ignore_file_lines_become_suppressions_by_line_number() -> None:
    suppressions = {s.id: s for s in load_ruleset(VALID / "organisation").suppressions}
    ignored = {k: v for k, v in suppressions.items() if k.startswith("ignore.")}
    assert sorted(ignored) == ["ignore.3", "ignore.4", "ignore.5"]  # comments, blank lines skipped
    assert (ignored["ignore.3"].paths, ignored["ignore.3"].entity) == (
        ["/srv/shares/website/*"],
        None,
    )
    assert ignored["ignore.4"].paths == []  # `*`: anywhere
    assert ignored["ignore.4"].entity == "PHONE_NUMBER"
    assert ignored["ignore.4"].fingerprints == [SWITCHBOARD]
    assert (ignored["ignore.5"].paths, ignored["ignore.5"].entity) == (
        ["/srv/shares/hr/sjablonen/*"],
        "NL_BSN",
    )
    assert ".datawachtignore line 4" in ignored["ignore.4"].reason


def test_organisation_rules_at_work() -> None:
    protector = Protector(KEY.encode())
    rules = load_ruleset(VALID / "organisation")
    classifier = Classifier(
        rules, lambda entity, value: protector.protect(entity, value).fingerprint, False
    )
    path = "/srv/shares/financien/brief.txt"
    marked = classifier.suppress(
        path,
        [
            _finding("IBAN_CODE", OWN_IBAN, path),
            _finding("IBAN_CODE", "other", path),
            _finding("PHONE_NUMBER", SWITCHBOARD, path),
        ],
    )
    assert [f.suppressed for f in marked] == ["eigen-iban", None, "ignore.4"]
    assert classifier.classify(path, marked).suppressed == 2

    testdata = "/srv/shares/app/testdata/klanten.csv"
    assert classifier.suppress(testdata, [_finding("NL_BSN", "b", testdata)])[0].suppressed == (
        "testdata"
    )

    # 60 BSNs: geheim by the replaced volume rule (50), not by the shipped one (100)
    register = [_finding("NL_BSN", f"bsn-{i}") for i in range(60)]
    result = classifier.classify("/srv/shares/x/f.txt", register)
    assert result.label == "geheim"
    assert "volume-s2-bulk" in [rule.id for rule in result.rules]
    # switched off by a rule suppression in the archive
    archive = "/srv/shares/archief/register.csv"
    assert classifier.classify(archive, register).label == "vertrouwelijk"
    # the disabled S1 volume rule: a long mailing list stays intern
    mailing = [_finding("EMAIL_ADDRESS", f"e-{i}") for i in range(500)]
    assert classifier.classify("/srv/shares/x/f.txt", mailing).label == "intern"


def test_standalone_rule_set_loads_without_the_defaults() -> None:
    rules = load_ruleset(VALID / "standalone")
    assert rules.version == "klein@1"
    assert rules.label_ids == ["openbaar", "intern", "vertrouwelijk"]
    assert "NL_KVK" not in rules.entities
    assert [s.id for s in rules.suppressions] == ["voorbeeld-bsn"]


# --- datawacht rules check ----------------------------------------------------


@pytest.mark.parametrize("directory", [VALID / "organisation", VALID / "standalone", None])
def test_rules_check_accepts_valid_and_shipped_rules(directory: Path | None) -> None:
    result = _run("check", *([str(directory)] if directory else []))
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith("rules OK: ")
    assert "ruleset:" in result.stdout and "entity rules:" in result.stdout


def test_rules_check_summary_counts_the_organisation_layer() -> None:
    result = _run("check", str(VALID / "organisation"))
    assert result.exit_code == 0, result.stderr
    lines = {
        key.strip(): value.strip()
        for key, value in (line.split(":", 1) for line in result.stdout.splitlines()[1:])
    }
    assert lines["ruleset"].endswith("+gemeente-voorbeeldstad@2026.1")
    assert lines["labels"].startswith("4 (openbaar < intern")
    assert lines["locations"] == "2"
    assert lines["suppressions"] == "5"  # 2 shipped + 3 of the layer
    assert lines["ignore entries"].startswith("3 ")


def test_rules_check_uses_the_configured_rules_dir(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DATAWACHT_RULES_DIR", str(INVALID / "bad_class"))
    result = _run("check")
    assert result.exit_code == 2
    assert "entities.NL_BSN.class" in result.stderr


def test_rules_check_refuses_a_file(tmp_path: Path) -> None:
    result = _run("check", str(VALID / "standalone" / "rules.yaml"))
    assert result.exit_code == 2
    assert "give the directory" in result.stderr
    missing = _run("check", str(tmp_path / "nowhere"))
    assert missing.exit_code == 2
    assert "does not exist" in missing.stderr


def test_rules_check_never_creates_a_key(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv("DATAWACHT_FINGERPRINT_KEY")
    assert _run("check", str(VALID / "standalone")).exit_code == 0
    assert not (tmp_path / "state" / KEY_FILE_NAME).exists()


# --- datawacht rules fingerprint ------------------------------------------------


def test_fingerprint_is_the_installation_keyed_canonical_fingerprint() -> None:
    plain = _run("fingerprint", "NL_BSN", stdin="111222333\n")
    dotted = _run("fingerprint", "NL_BSN", stdin="  111.222.333  \n")
    assert plain.exit_code == dotted.exit_code == 0, plain.stderr
    assert HEX64.match(plain.stdout.strip())
    assert plain.stdout == dotted.stdout
    assert (
        plain.stdout.strip() == Protector(KEY.encode()).protect("NL_BSN", "111222333").fingerprint
    )
    assert "111222333" not in plain.stdout + plain.stderr  # only the mask is echoed
    assert "*****2333" in plain.stderr


def test_fingerprint_depends_on_the_key(monkeypatch: pytest.MonkeyPatch) -> None:
    first = _run("fingerprint", "IBAN_CODE", stdin="NL91ABNA0417164300\n").stdout
    monkeypatch.setenv("DATAWACHT_FINGERPRINT_KEY", KEY + "-other")
    assert _run("fingerprint", "IBAN_CODE", stdin="NL91 ABNA 0417 1643 00\n").stdout != first


@pytest.mark.parametrize(
    "entity, value",
    [("NL_BSN", "n.v.t."), ("IP_ADDRESS", "10.0.0.256"), ("PHONE_NUMBER", "bel-de-receptie")],
)
def test_fingerprint_of_an_invalid_value_exits_2_without_showing_it(
    entity: str, value: str
) -> None:
    result = _run("fingerprint", entity, stdin=value + "\n")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert f"not a valid {entity}" in result.stderr
    assert value not in result.stderr


@pytest.mark.parametrize("stdin", ["", "\n \n", "111222333\n123456782\n"])
def test_fingerprint_takes_exactly_one_value(stdin: str) -> None:
    result = _run("fingerprint", "NL_BSN", stdin=stdin)
    assert result.exit_code == 2
    assert "exactly one value" in result.stderr
    assert "111222333" not in result.stderr


def test_fingerprint_without_a_key_refuses_to_create_one(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.delenv("DATAWACHT_FINGERPRINT_KEY")
    result = _run("fingerprint", "NL_BSN", stdin="111222333\n")
    assert result.exit_code == 2
    assert "no fingerprint key" in result.stderr
    assert not (tmp_path / "state" / KEY_FILE_NAME).exists()


def test_fingerprint_with_the_stored_key(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv("DATAWACHT_FINGERPRINT_KEY")
    (tmp_path / "state").mkdir()
    (tmp_path / "state" / KEY_FILE_NAME).write_text("k" * 64, encoding="ascii")
    result = _run("fingerprint", "NL_BSN", stdin="111222333\n")
    assert result.exit_code == 0, result.stderr
    expected = Protector(b"k" * 64).protect("NL_BSN", "111222333").fingerprint
    assert result.stdout.strip() == expected


def test_fingerprint_goes_into_an_ignore_file(tmp_path: Path) -> None:
    """The workflow the command is for: fingerprint the own IBAN, accept it."""
    fp = _run("fingerprint", "IBAN_CODE", stdin="NL91 ABNA 0417 1643 00\n").stdout.strip()
    rules_dir = tmp_path / "rules"
    rules_dir.mkdir()
    (rules_dir / "organisatie.yaml").write_text(
        'ruleset: org\nversion: "1"\nextends: default\n', encoding="utf-8"
    )
    (rules_dir / ".datawachtignore").write_text(f"* IBAN_CODE {fp}\n", encoding="utf-8")
    assert _run("check", str(rules_dir)).exit_code == 0

    protector = Protector(KEY.encode())
    classifier = Classifier(
        load_ruleset(rules_dir),
        lambda entity, value: protector.protect(entity, value).fingerprint,
        False,
    )
    found = protector.protect("IBAN_CODE", "NL91ABNA0417164300").fingerprint
    [marked] = classifier.suppress("/srv/a.txt", [_finding("IBAN_CODE", found)])
    assert marked.suppressed == "ignore.1"
