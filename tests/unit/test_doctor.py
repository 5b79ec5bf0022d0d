"""`datawacht doctor`'s checks: each one on a state directory, config file and
findings database made for it in tmp_path, through the real settings loading.

The NLP pipeline is not loaded here (seconds per load): `check_model=False`,
or a stand-in for `load_pipeline`; tests/e2e/test_doctor_cli.py loads it once.
"""

from __future__ import annotations

import os
import socket
import sqlite3
import stat
import time
from collections.abc import Callable
from contextlib import closing
from pathlib import Path

import pytest
from alembic.script import ScriptDirectory

from datawacht import doctor
from datawacht.config import Settings, load_settings
from datawacht.detect.fingerprint import KEY_FILE_NAME, load_or_create_key
from datawacht.doctor import Check, Repair, Status
from datawacht.errors import ConfigError
from datawacht.store import open_store
from datawacht.store.database import MIGRATIONS_DIR

PASSWORD = "Fictief-Wachtwoord-4711"
KEY = "fictieve-sleutel-0123456789abcdef0123456789abcdef"
AS_ROOT = os.geteuid() == 0


@pytest.fixture(autouse=True)
def _clean_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    for name in list(os.environ):
        if name.upper().startswith("DATAWACHT_"):
            monkeypatch.delenv(name)
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "no-config"))
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "xdg-state"))


@pytest.fixture
def state(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A healthy state directory: 0700, its key file 0600, a migrated SQLite database 0600."""
    path = tmp_path / "state"
    monkeypatch.setenv("DATAWACHT_STATE_DIR", str(path))
    load_or_create_key(path, None)
    open_store(f"sqlite:///{path / 'findings.db'}").close()
    return path


@pytest.fixture
def config(tmp_path: Path) -> Callable[[str, int], Path]:
    """Write a config file with a mode; load it with `load_settings(path)`."""

    def write(text: str, mode: int = 0o600) -> Path:
        path = tmp_path / "datawacht.toml"
        path.write_text(text, encoding="utf-8")
        path.chmod(mode)
        return path

    return write


def _unused_port() -> int:
    """A port on 127.0.0.1 that nothing listens on (connections are refused)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _only(checks: list[Check], status: Status) -> list[Check]:
    return [check for check in checks if check.status is status]


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def _everything_said(checks: list[Check]) -> str:
    return "\n".join(f"{check.message}\n{check.fix}" for check in checks)


def test_a_healthy_installation_is_all_ok(state: Path) -> None:
    checks = doctor.run_checks(load_settings(), None, check_model=False)
    assert [c for c in checks if c.status is not Status.OK] == []
    assert [c.name for c in checks] == [
        "config",
        "state-dir",
        "fingerprint-key",
        "store",
        "store",
        "rules",
        "watch-paths",
        "limits",
    ]


def test_the_model_check_reports_a_pipeline_that_does_not_load(
    state: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(pipeline_dir: Path | None) -> str:
        raise ConfigError("Dutch spaCy pipeline not found at /nergens")

    monkeypatch.setattr(doctor, "load_pipeline", broken)
    [model] = [c for c in doctor.run_checks(load_settings(), None) if c.name == "model"]
    assert model.status is Status.FAIL
    assert "not found at /nergens" in model.message
    assert "detect.pipeline" in (model.fix or "")


# --- the key and the state directory ------------------------------------------------------


def test_a_key_file_others_can_read_fails_and_the_repair_makes_it_0600(state: Path) -> None:
    key = state / KEY_FILE_NAME
    key.chmod(0o644)
    [failed] = _only(doctor.check_key(load_settings()), Status.FAIL)
    assert failed.fix == f"chmod 600 {key}"
    assert failed.repairs == (Repair(key, 0o600),)
    assert doctor.apply_repair(failed.repairs[0]) is None
    assert _mode(key) == 0o600
    assert [c.status for c in doctor.check_key(load_settings())] == [Status.OK]


def test_a_missing_key_file_is_made_by_the_first_scan(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DATAWACHT_STATE_DIR", str(tmp_path / "new"))
    [check] = doctor.check_key(load_settings())
    assert check.status is Status.WARN
    assert "first scan generates it" in check.message
    assert not (tmp_path / "new").exists()  # a check creates nothing


def test_on_a_shared_database_a_missing_key_means_copying_the_others(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DATAWACHT_STATE_DIR", str(tmp_path / "new"))
    monkeypatch.setenv("DATAWACHT_DB", "postgresql://scanner@db.example.invalid/findings")
    [check] = doctor.check_key(load_settings())
    assert check.status is Status.WARN
    assert "would not match" in check.message
    assert "copy the other servers' key" in (check.fix or "")


def test_a_short_key_file_fails(state: Path) -> None:
    (state / KEY_FILE_NAME).write_bytes(b"kort\n")
    [check] = doctor.check_key(load_settings())
    assert check.status is Status.FAIL
    assert "shorter than 32 bytes" in check.message


def test_a_configured_key_says_where_from_and_never_what(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("DATAWACHT_FINGERPRINT_KEY", KEY)
    monkeypatch.setenv("DATAWACHT_DB", "postgresql://scanner@db.example.invalid/findings")
    [check] = doctor.check_key(load_settings())
    assert check.status is Status.OK
    assert "the environment (DATAWACHT_FINGERPRINT_KEY)" in check.message
    assert "every server" in check.message  # a shared database needs one key
    assert KEY not in check.message

    monkeypatch.setenv("DATAWACHT_FINGERPRINT_KEY", "kort")
    [short] = doctor.check_key(load_settings())
    assert short.status is Status.WARN
    assert "kort" not in _everything_said([short])


@pytest.mark.parametrize(
    "mode, status", [(0o755, Status.WARN), (0o750, Status.WARN), (0o777, Status.FAIL)]
)
def test_a_state_dir_open_to_others_is_reported(state: Path, mode: int, status: Status) -> None:
    state.chmod(mode)
    [check] = doctor.check_state_dir(load_settings())
    assert (check.status, check.fix) == (status, f"chmod 700 {state}")
    assert check.repairs == (Repair(state, 0o700),)


def test_files_of_another_user_are_reported_and_never_repaired(
    state: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """As if run by another user: a warning, and no chmod of their files."""
    (state / KEY_FILE_NAME).chmod(0o644)
    monkeypatch.setattr(doctor.os, "geteuid", lambda: os.getuid() + 4242)
    checks = doctor.check_key(load_settings())
    assert [c.status for c in checks] == [Status.WARN, Status.FAIL]
    assert "belongs to" in checks[0].message
    assert checks[1].repairs == ()


def test_a_repair_does_not_follow_a_symbolic_link(tmp_path: Path) -> None:
    target = tmp_path / "elders"
    target.write_text("x", encoding="utf-8")
    target.chmod(0o644)
    link = tmp_path / KEY_FILE_NAME
    link.symlink_to(target)
    assert doctor.apply_repair(Repair(link, 0o600)) is not None
    assert _mode(target) == 0o644


# --- the config file -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, held",
    [
        (f'[database]\npassword = "{PASSWORD}"\n', "a database password"),
        (f'fingerprint_key = "{KEY}"\n', "the fingerprint key"),
        (
            f'db = "postgresql://scanner:{PASSWORD}@db.example.invalid/findings"\n',
            "the findings database password",
        ),
    ],
)
def test_a_config_with_a_secret_readable_by_everyone_fails(
    config: Callable[..., Path], text: str, held: str
) -> None:
    path = config(text, 0o644)
    [check] = doctor.check_config(path)
    assert check.status is Status.FAIL
    assert held in check.message and "every user" in check.message
    assert "DATAWACHT_DATABASE__PASSWORD" in (check.fix or "")
    assert PASSWORD not in _everything_said([check]) and KEY not in _everything_said([check])


def test_a_config_with_a_secret_readable_by_its_group_warns(config: Callable[..., Path]) -> None:
    [check] = doctor.check_config(config(f'fingerprint_key = "{KEY}"\n', 0o640))
    assert check.status is Status.WARN
    assert "group" in check.message


def test_a_private_or_secret_free_config_is_ok(config: Callable[..., Path]) -> None:
    assert doctor.check_config(config(f'fingerprint_key = "{KEY}"\n', 0o600))[0].status is (
        Status.OK
    )
    assert doctor.check_config(config("[limits]\nmax_chars = 1000\n", 0o644))[0].status is (
        Status.OK
    )
    assert doctor.check_config(None)[0].message.startswith("no config file")


def test_a_config_others_can_write_fails(config: Callable[..., Path]) -> None:
    path = config("[limits]\nmax_chars = 1000\n", 0o664)
    [check] = doctor.check_config(path)
    assert (check.status, check.fix) == (Status.FAIL, f"chmod go-w {path}")


def test_only_a_users_own_config_is_repaired_never_a_root_owned_one(
    config: Callable[..., Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A root-owned file in /etc may be read by the service user through its
    group or other bits: `--fix` leaves it to the operator."""
    path = config(f'[database]\npassword = "{PASSWORD}"\n', 0o644)
    if AS_ROOT:
        [as_root] = doctor.check_config(path)
        assert as_root.repairs == () and "chmod 640" in (as_root.fix or "")
        # the same file owned by an ordinary user who runs the check
        os.chown(path, 4242, -1)
        monkeypatch.setattr(doctor.os, "geteuid", lambda: 4242)
    [check] = doctor.check_config(path)
    assert check.repairs == (Repair(path, 0o600),)
    assert doctor.apply_repair(check.repairs[0]) is None
    assert doctor.check_config(path)[0].status is Status.OK


# --- the findings database ---------------------------------------------------------------------


def test_a_sqlite_store_others_can_read_fails_with_its_wal(state: Path) -> None:
    """While a process has it open, the -wal and -shm files hold its pages too."""
    database = state / "findings.db"
    with closing(sqlite3.connect(database)) as in_use:
        in_use.execute("SELECT * FROM alembic_version").fetchall()
        shared = [database, state / "findings.db-wal", state / "findings.db-shm"]
        for path in shared:
            path.chmod(0o644)
        [failed] = _only(doctor.check_store(load_settings()), Status.FAIL)
        assert "findings.db 0644, findings.db-wal 0644, findings.db-shm 0644" in failed.message
        assert failed.fix == "chmod 600 " + " ".join(str(path) for path in shared)
        for repair in failed.repairs:
            assert doctor.apply_repair(repair) is None
        assert [_mode(path) for path in shared] == [0o600] * 3
    assert [c.status for c in doctor.check_store(load_settings())] == [Status.OK, Status.OK]


def test_a_sqlite_store_outside_the_state_dir_in_an_open_directory_warns(
    state: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    elsewhere = tmp_path / "elders"
    elsewhere.mkdir(mode=0o755)
    elsewhere.chmod(0o755)
    open_store(f"sqlite:///{elsewhere / 'findings.db'}").close()
    monkeypatch.setenv("DATAWACHT_DB", f"sqlite:///{elsewhere / 'findings.db'}")
    warned = _only(doctor.check_store(load_settings()), Status.WARN)
    assert [c.fix for c in warned] == [f"chmod o-rwx {elsewhere}"]


def test_a_missing_sqlite_store_is_made_by_the_first_scan_not_by_the_check(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DATAWACHT_STATE_DIR", str(tmp_path / "new"))
    [check] = doctor.check_store(load_settings())
    assert check.status is Status.WARN and "first scan creates it" in check.message
    assert not (tmp_path / "new").exists()


def _set_revision(database: Path, revision: str | None) -> None:
    with sqlite3.connect(database) as connection:
        if revision is None:
            connection.execute("DROP TABLE alembic_version")
        else:
            connection.execute("UPDATE alembic_version SET version_num = ?", (revision,))


def test_a_store_behind_the_newest_schema_needs_an_upgrade(state: Path) -> None:
    script = ScriptDirectory(str(MIGRATIONS_DIR))
    [head] = script.get_heads()
    previous = script.get_revision(head).down_revision
    assert isinstance(previous, str)
    _set_revision(state / "findings.db", previous)
    [_, check] = doctor.check_store(load_settings())
    assert check.status is Status.WARN
    assert "needs an upgrade" in check.message
    assert "datawacht findings list" in (check.fix or "")


@pytest.mark.parametrize(
    "revision, status, said",
    [("ffffffffffff", Status.FAIL, "newer datawacht"), (None, Status.WARN, "no datawacht tables")],
)
def test_a_store_from_a_newer_datawacht_or_without_tables(
    state: Path, revision: str | None, status: Status, said: str
) -> None:
    _set_revision(state / "findings.db", revision)
    [_, check] = doctor.check_store(load_settings())
    assert check.status is status and said in check.message


def test_a_store_at_the_newest_schema_is_ok_on_sqlite_and_postgresql(
    store_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    open_store(store_url).close()
    monkeypatch.setenv("DATAWACHT_DB", store_url)
    monkeypatch.setenv("DATAWACHT_STATE_DIR", str(tmp_path))
    checks = doctor.check_store(load_settings())
    assert checks[-1].status is Status.OK
    assert "schema at the newest revision" in checks[-1].message


def test_an_unreachable_postgresql_store_fails_fast_without_its_password(
    state: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    port = _unused_port()
    monkeypatch.setenv("DATAWACHT_DB", f"postgresql://scanner:{PASSWORD}@127.0.0.1:{port}/findings")
    started = time.monotonic()
    checks = doctor.run_checks(load_settings(), None, check_model=False)
    assert time.monotonic() - started < 10
    store = [c for c in checks if c.name == "store"]
    assert [c.status for c in store] == [Status.WARN, Status.FAIL]
    assert "carries its password" in store[0].message and ".pgpass" in (store[0].fix or "")
    shown = f"postgresql+psycopg://scanner:***@127.0.0.1:{port}/findings"
    assert store[1].message.startswith(f"{shown} cannot be opened: OperationalError")
    assert PASSWORD not in _everything_said(checks)


def test_a_password_given_as_url_parameter_is_hidden_as_well(
    state: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    port = _unused_port()
    url = f"postgresql://scanner@127.0.0.1:{port}/findings?password={PASSWORD}"
    monkeypatch.setenv("DATAWACHT_DB", url)
    checks = doctor.run_checks(load_settings(), None, check_model=False)
    assert "carries its password" in _everything_said(checks)
    assert PASSWORD not in _everything_said(checks)


def test_an_unsupported_store_url_fails(state: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DATAWACHT_DB", f"mysql://scanner:{PASSWORD}@db.example.invalid/x")
    checks = doctor.run_checks(load_settings(), None, check_model=False)
    [failed] = [c for c in checks if c.name == "store"]
    assert failed.status is Status.FAIL and "not supported" in failed.message
    assert PASSWORD not in _everything_said(checks)


# --- rules, watch roots, limits ------------------------------------------------------------------


def test_corrupt_rules_fail_with_the_problem(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    rules = tmp_path / "rules"
    rules.mkdir()
    (rules / "10-eigen.yaml").write_text("extends: default\nlabelz: []\n", encoding="utf-8")
    monkeypatch.setenv("DATAWACHT_RULES_DIR", str(rules))
    [check] = doctor.check_rules(load_settings())
    assert check.status is Status.FAIL
    assert "labelz" in check.message
    assert f"datawacht rules check {rules}" in (check.fix or "")


def test_missing_and_non_directory_watch_roots_fail(tmp_path: Path) -> None:
    (tmp_path / "bestand").touch()
    (tmp_path / "share").mkdir()
    settings = Settings(
        watch={"paths": [tmp_path / "weg", tmp_path / "bestand", tmp_path / "share"]}
    )
    checks = doctor.check_watch_paths(settings)
    assert [(c.status, Path(c.message.split()[0]).name) for c in checks] == [
        (Status.FAIL, "weg"),
        (Status.FAIL, "bestand"),
    ]
    settings = Settings(watch={"paths": [tmp_path / "share"]})
    assert doctor.check_watch_paths(settings)[0].status is Status.OK


@pytest.mark.skipif(AS_ROOT, reason="root reads every folder; permissions cannot be tested")
def test_an_unreadable_watch_root_fails(tmp_path: Path) -> None:
    share = tmp_path / "share"
    share.mkdir(mode=0o000)
    try:
        [check] = doctor.check_watch_paths(Settings(watch={"paths": [share]}))
    finally:
        share.chmod(0o700)
    assert check.status is Status.FAIL and "setfacl" in (check.fix or "")


def test_limits_that_disarm_a_protection_warn(monkeypatch: pytest.MonkeyPatch) -> None:
    assert doctor.check_limits(load_settings())[0].status is Status.OK
    monkeypatch.setenv("DATAWACHT_LIMITS__ARCHIVE_RATIO", "5000")
    monkeypatch.setenv("DATAWACHT_LIMITS__MAX_FILE_BYTES", str(5 * 1024**3))
    checks = doctor.check_limits(load_settings())
    assert [(c.status, c.message.split()[0]) for c in checks] == [
        (Status.WARN, "limits.archive_ratio"),
        (Status.WARN, "limits.max_file_bytes"),
    ]
