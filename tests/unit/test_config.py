"""Settings: defaults, the TOML file, and environment overrides on top."""

from pathlib import Path

import pytest

from datawacht.config import load_settings
from datawacht.errors import ConfigError


@pytest.fixture(autouse=True)
def _clean_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    for name in ("DATAWACHT_DB", "DATAWACHT_STATE_DIR", "DATAWACHT_CONFIG"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "no-config"))
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))


def test_defaults_use_xdg_state_dir(tmp_path: Path) -> None:
    settings = load_settings()
    assert settings.resolved_state_dir() == tmp_path / "state" / "datawacht"
    assert (
        settings.resolved_db_url()
        == f"sqlite:///{tmp_path / 'state' / 'datawacht' / 'findings.db'}"
    )
    assert settings.detect.score_threshold == 0.5


def test_file_values_and_env_overrides(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    config = tmp_path / "datawacht.toml"
    config.write_text(
        'db = "sqlite:///from-file.db"\n[limits]\nmax_chars = 1000\narchive_depth = 2\n',
        encoding="utf-8",
    )
    monkeypatch.setenv("DATAWACHT_LIMITS__ARCHIVE_DEPTH", "5")
    settings = load_settings(config)
    assert settings.db == "sqlite:///from-file.db"
    assert settings.limits.max_chars == 1000  # from the file
    assert settings.limits.archive_depth == 5  # the environment wins

    monkeypatch.setenv("DATAWACHT_DB", "postgresql://scanner@db.example.invalid/findings")
    assert load_settings(config).db == "postgresql://scanner@db.example.invalid/findings"


def test_config_from_environment_variable(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    config = tmp_path / "c.toml"
    config.write_text("[detect]\nscore_threshold = 0.7\n", encoding="utf-8")
    monkeypatch.setenv("DATAWACHT_CONFIG", str(config))
    assert load_settings().detect.score_threshold == 0.7


@pytest.mark.parametrize(
    "content, expected",
    [
        ("[limits]\nmax_chars = -1\n", "limits.max_chars"),  # out of range
        ("[limits]\nmax_charz = 1\n", "limits.max_charz"),  # misspelt key is not ignored
        ("db = [\n", "cannot read config file"),  # not TOML
    ],
)
def test_bad_config_names_the_field(tmp_path: Path, content: str, expected: str) -> None:
    config = tmp_path / "bad.toml"
    config.write_text(content, encoding="utf-8")
    with pytest.raises(ConfigError, match=expected.replace(".", r"\.")):
        load_settings(config)


def test_missing_explicit_config_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="does not exist"):
        load_settings(tmp_path / "absent.toml")
