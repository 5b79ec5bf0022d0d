"""Suppression values are checked by their recognizer once, then answered
from the state directory: a rescan that analyses nothing imports no Presidio."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from datawacht import scanner
from datawacht.classify.checked_values import FILE_NAME, CheckedValues
from datawacht.classify.layers import shipped_rules_dir
from datawacht.config import Settings
from datawacht.detect.fingerprint import Protector
from datawacht.errors import ConfigError

EXAMPLE_BSN = "111222333"  # the published example in the shipped rules
NOT_A_BSN = "111222334"  # one digit off: fails the elfproef


class CountingCheck:
    def __init__(self) -> None:
        self.calls: list[str] = []

    def __call__(self, entity: str, value: str) -> bool:
        self.calls.append(entity)
        return value == EXAMPLE_BSN


@pytest.fixture
def protector() -> Protector:
    return Protector(b"unit-test-key-" + b"0" * 24)


def checked(path: Path, check: CountingCheck, protector: Protector, stamp: str = "v1"):  # noqa: ANN201
    return CheckedValues(path, stamp, check, lambda e, v: protector.protect(e, v).fingerprint)


def save_example(path: Path, protector: Protector) -> None:
    """Check the example BSN under stamp v1 and save: the state a scan leaves."""
    values = checked(path, CountingCheck(), protector)
    values("NL_BSN", EXAMPLE_BSN)
    values.save()


def test_an_accepted_value_is_not_checked_again_after_a_restart(
    tmp_path: Path, protector: Protector
) -> None:
    path = tmp_path / FILE_NAME
    first = CountingCheck()
    values = checked(path, first, protector)
    assert values("NL_BSN", EXAMPLE_BSN) is True
    values.save()
    again = CountingCheck()
    assert checked(path, again, protector)("NL_BSN", EXAMPLE_BSN) is True
    assert (first.calls, again.calls) == (["NL_BSN"], [])


def test_a_rejected_value_is_checked_every_time(tmp_path: Path, protector: Protector) -> None:
    path = tmp_path / FILE_NAME
    check = CountingCheck()
    values = checked(path, check, protector)
    assert values("NL_BSN", NOT_A_BSN) is False
    values.save()
    assert checked(path, check, protector)("NL_BSN", NOT_A_BSN) is False
    assert check.calls == ["NL_BSN", "NL_BSN"]


def test_another_stamp_or_entity_checks_again(tmp_path: Path, protector: Protector) -> None:
    path = tmp_path / FILE_NAME
    save_example(path, protector)
    other_version = CountingCheck()
    checked(path, other_version, protector, stamp="v2")("NL_BSN", EXAMPLE_BSN)
    other_entity = CountingCheck()
    checked(path, other_entity, protector)("NL_RSIN", EXAMPLE_BSN)
    assert (other_version.calls, other_entity.calls) == (["NL_BSN"], ["NL_RSIN"])


def test_the_file_is_private_and_holds_fingerprints_only(
    tmp_path: Path, protector: Protector
) -> None:
    path = tmp_path / FILE_NAME
    save_example(path, protector)
    text = path.read_text(encoding="utf-8")
    assert EXAMPLE_BSN not in text
    fingerprint = protector.protect("NL_BSN", EXAMPLE_BSN).fingerprint
    assert json.loads(text)["accepted"] == [f"NL_BSN:{fingerprint}"]
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600


@pytest.mark.parametrize("content", ["{not json", '{"stamp": "v1", "accepted": 7}', "[]"])
def test_a_damaged_file_means_checking_again(
    tmp_path: Path, protector: Protector, content: str
) -> None:
    path = tmp_path / FILE_NAME
    path.write_text(content, encoding="utf-8")
    check = CountingCheck()
    assert checked(path, check, protector)("NL_BSN", EXAMPLE_BSN) is True
    assert check.calls == ["NL_BSN"]


def test_a_missing_state_directory_is_created_private(tmp_path: Path, protector: Protector) -> None:
    save_example(tmp_path / "state" / FILE_NAME, protector)
    assert stat.S_IMODE(os.stat(tmp_path / "state").st_mode) == 0o700
    assert (tmp_path / "state" / FILE_NAME).exists()


def test_an_unwritable_state_directory_costs_the_check_only(
    tmp_path: Path, protector: Protector, caplog: pytest.LogCaptureFixture
) -> None:
    (tmp_path / "a-file").write_text("", encoding="utf-8")
    values = checked(tmp_path / "a-file" / FILE_NAME, CountingCheck(), protector)
    assert values("NL_BSN", EXAMPLE_BSN) is True
    values.save()  # logs and goes on
    messages = [r.getMessage() for r in caplog.records]
    assert messages == ["checked_values.unreadable", "checked_values.not_saved"]
    assert EXAMPLE_BSN not in caplog.text


def test_without_a_stamp_every_value_is_checked_and_nothing_kept(
    tmp_path: Path, protector: Protector
) -> None:
    path = tmp_path / FILE_NAME
    save_example(path, protector)
    before = path.read_bytes()
    check = CountingCheck()
    unstamped = checked(path, check, protector, stamp=None)
    assert unstamped("NL_BSN", EXAMPLE_BSN) is True
    unstamped.save()
    assert (check.calls, path.read_bytes()) == (["NL_BSN"], before)


def test_a_missing_recognizers_file_is_a_configuration_error(tmp_path: Path) -> None:
    """The stamp reads the recognizers file; a missing one is reported as
    the recognizers report it, not as a crash of the stamp."""
    settings = Settings(
        state_dir=tmp_path / "state",
        fingerprint_key="k" * 32,
        detect={"recognizers": tmp_path / "missing.yaml"},
    )
    with pytest.raises(ConfigError, match="missing.yaml"):
        scanner.build_pipeline(settings, scanner.load_rules(settings))


def test_a_mistyped_suppression_value_still_stops_the_scan(tmp_path: Path) -> None:
    """The remembered answers never turn a rejected value into an accepted one."""
    rules_dir = tmp_path / "rules"
    rules_dir.mkdir()
    shipped = (shipped_rules_dir() / "default.yaml").read_text(encoding="utf-8")
    (rules_dir / "default.yaml").write_text(
        shipped.replace(f'"{EXAMPLE_BSN}"', f'"{NOT_A_BSN}"'), encoding="utf-8"
    )
    settings = Settings(state_dir=tmp_path / "state", fingerprint_key="k" * 32)
    scanner.build_pipeline(settings, scanner.load_rules(settings))  # remembers the shipped values
    with pytest.raises(ConfigError, match="published-example-bsn"):
        scanner.build_pipeline(settings, scanner.load_rules(settings, rules_dir))


def test_compiling_the_shipped_rules_again_imports_no_presidio(tmp_path: Path) -> None:
    """The second pipeline is built as a rescan builds it: in a fresh
    interpreter, with the values checked by the first one."""
    program = (
        "import sys\n"
        "from pathlib import Path\n"
        "from datawacht import scanner\n"
        "from datawacht.config import Settings\n"
        f"settings = Settings(state_dir=Path({str(tmp_path)!r}), fingerprint_key='k' * 32)\n"
        "scanner.build_pipeline(settings, scanner.load_rules(settings))\n"
        "print(sorted(m for m in ('presidio_analyzer', 'spacy') if m in sys.modules))\n"
    )
    runs = [
        subprocess.run(
            [sys.executable, "-c", program], capture_output=True, text=True, check=True
        ).stdout.strip()
        for _ in range(2)
    ]
    assert runs == ["['presidio_analyzer', 'spacy']", "[]"]
