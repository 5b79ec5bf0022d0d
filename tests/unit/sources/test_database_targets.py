"""Database URLs as scan targets: paths, ids, passwords, include/exclude, settings."""

from __future__ import annotations

import io

import click
import pytest
from sqlalchemy.engine import make_url
from sqlalchemy.exc import OperationalError

from datawacht.cli.scan import _database_targets
from datawacht.config import DatabaseSettings, Settings
from datawacht.limits import Limits
from datawacht.pipeline import Pipeline
from datawacht.records import ObjectStatus, ScanObject, TableRef
from datawacht.sources.database import (
    DatabaseError,
    is_database_url,
    parse_target,
    safe_message,
    selected,
    table_objects,
)
from datawacht.sources.files import object_id_for
from datawacht.sources.tablereader import TableReader

SECRET = "Geheim-Wachtwoord-123"


@pytest.mark.parametrize(
    ("url", "root"),
    [
        ("postgresql://u@db.example:6543/crm", "postgresql://db.example:6543/crm"),
        ("postgresql+psycopg://u@db.example/crm", "postgresql://db.example:5432/crm"),
        ("postgres://db.example/crm", "postgresql://db.example:5432/crm"),
        ("mysql+pymysql://root@127.0.0.1/test", "mysql://127.0.0.1:3306/test"),
        ("mariadb://root@127.0.0.1:3307/hr", "mariadb://127.0.0.1:3307/hr"),
        ("mysql://root@127.0.0.1", "mysql://127.0.0.1:3306"),
        ("postgresql://u@[::1]/crm", "postgresql://[::1]:5432/crm"),
    ],
)
def test_the_root_names_backend_host_port_and_database_only(url: str, root: str) -> None:
    assert parse_target(url).root == root


def test_bare_schemes_use_the_installed_drivers() -> None:
    assert parse_target("postgresql://u@h/db").url.drivername == "postgresql+psycopg"
    assert parse_target("mysql://u@h/db").url.drivername == "mysql+pymysql"
    assert parse_target("mysql+pymysql://u@h/db").url.drivername == "mysql+pymysql"


def test_table_paths() -> None:
    pg = parse_target("postgresql://u@h/crm")
    assert pg.table_path("public", "klanten") == "postgresql://h:5432/crm/public.klanten"
    one = parse_target("mysql+pymysql://u@h/hr")
    assert one.table_path("hr", "personeel") == "mysql://h:3306/hr/hr.personeel"
    # Without a database in the URL every schema (database) is listed: it joins the path.
    server = parse_target("mysql+pymysql://u@h")
    assert server.table_path("hr", "personeel") == "mysql://h:3306/hr/hr.personeel"


def test_sqlite_targets_are_absolute_and_opened_read_only(tmp_path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    target = parse_target("sqlite:///register.db")
    assert target.root == f"sqlite:///{tmp_path / 'register.db'}"
    assert target.table_path("main", "klanten") == f"{target.root}/main.klanten"
    assert target.url.query == {"mode": "ro", "uri": "true"}
    assert target.url.database == f"file:{tmp_path / 'register.db'}"
    with pytest.raises(DatabaseError, match="must be a file"):
        parse_target("sqlite://")


def test_object_ids_are_host_and_path_like_files() -> None:
    target = parse_target("postgresql://u@h/crm")
    ref = TableRef(source=target.root, schema="public", name="klanten", columns=("bsn",))
    [obj] = table_objects(target, [ref], "scanner-1")
    assert obj.path == "postgresql://h:5432/crm/public.klanten"
    assert obj.object_id == object_id_for("scanner-1", obj.path)
    [again] = table_objects(
        parse_target("postgresql+psycopg://other@h:5432/crm"), [ref], "scanner-1"
    )
    assert again.object_id == obj.object_id  # another user or driver: the same table
    [elsewhere] = table_objects(target, [ref], "scanner-2")
    assert elsewhere.object_id != obj.object_id


def test_is_database_url() -> None:
    assert is_database_url("postgresql://h/db")
    assert is_database_url("mysql+pymysql://h/db")
    assert is_database_url("sqlite:////tmp/x.db")
    assert not is_database_url("/srv/share")
    assert not is_database_url("relative/folder")
    assert not is_database_url("C:relative")


def test_the_password_is_never_in_root_paths_or_repr() -> None:
    target = parse_target(f"postgresql://scanner:{SECRET}@h/crm")
    assert target.url.password == SECRET  # kept for connecting
    ref = TableRef(source=target.root, schema="public", name="t", columns=())
    [obj] = table_objects(target, [ref], "host")
    reader = TableReader([target], DatabaseSettings(), limits=None)  # type: ignore[arg-type]
    for text in (target.root, obj.path, repr(target), repr(obj), repr(reader), str(target.url)):
        assert SECRET not in text


def test_the_password_setting_fills_urls_without_one() -> None:
    assert parse_target("postgresql://scanner@h/crm", SECRET).url.password == SECRET
    given = parse_target("postgresql://scanner:eigen@h/crm", SECRET)
    assert given.url.password == "eigen"  # the URL's own password wins
    assert parse_target("postgresql://h/crm", SECRET).url.password is None  # no user, no password


def test_errors_in_urls_do_not_repeat_the_password() -> None:
    with pytest.raises(DatabaseError) as unsupported:
        parse_target(f"oracle://scanner:{SECRET}@h/crm")
    assert SECRET not in str(unsupported.value) and "unsupported" in str(unsupported.value)
    with pytest.raises(DatabaseError) as missing:
        parse_target(f"postgresql://scanner:{SECRET}@h")
    assert SECRET not in str(missing.value) and "name the database" in str(missing.value)
    with pytest.raises(DatabaseError) as garbage:
        parse_target(f"postgresql://scanner:{SECRET}@h:notaport/db")
    assert SECRET not in str(garbage.value)


ODD = "Ge#eim/W@cht woord"


@pytest.mark.parametrize(
    "form",
    [
        ODD,
        "Ge%23eim%2FW%40cht%20woord",
        "Ge%23eim%2FW%40cht+woord",
        "%47%65%23%65%69%6D%2F%57%40%63%68%74%20%77%6F%6F%72%64",
    ],
)
def test_safe_message_blanks_the_password_and_drops_the_statement(form: str) -> None:
    url = make_url("postgresql://scanner@h/crm").set(password=ODD)
    driver_error = RuntimeError(f'connection to "h" failed:\n  password {form} rejected')
    wrapped = OperationalError(
        "SELECT secret_column FROM t WHERE k = %(k)s", {"k": 7}, driver_error
    )
    message = safe_message(wrapped, url)
    assert ODD not in message and form not in message
    assert "***" in message and "\n" not in message
    assert "SELECT" not in message  # SQLAlchemy's [SQL: …] part is left out


def test_safe_message_of_a_missing_driver() -> None:
    assert "driver not installed" in safe_message(ModuleNotFoundError("psycopg2"), None)


@pytest.mark.parametrize(
    ("name", "include", "exclude", "expected"),
    [
        ("public.klanten", [], [], True),
        ("public.klanten", ["public.*"], [], True),
        ("audit.log", ["public.*"], [], False),
        ("public.klanten", [], ["*.klanten"], False),
        ("Public.Klanten", ["public.k*"], [], True),
        ("public.klanten", ["public.*"], ["public.klant*"], False),
    ],
)
def test_include_and_exclude_are_globs_on_schema_and_table(
    name: str, include: list[str], exclude: list[str], expected: bool
) -> None:
    assert selected(name, include, exclude) is expected


def test_database_settings_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DATAWACHT_DATABASE__SAMPLE_ROWS", "250")
    monkeypatch.setenv("DATAWACHT_DATABASE__TIMEOUT_SECONDS", "2.5")
    monkeypatch.setenv("DATAWACHT_DATABASE__INCLUDE", '["public.*"]')
    monkeypatch.setenv("DATAWACHT_DATABASE__FULL", "true")
    monkeypatch.setenv("DATAWACHT_DATABASE__PASSWORD", SECRET)
    settings = Settings()
    database = settings.database
    assert (database.sample_rows, database.timeout_seconds, database.full) == (250, 2.5, True)
    assert database.include == ["public.*"]
    assert "sys" in database.skip_schemas and "pg_catalog" in database.skip_schemas
    assert database.password is not None and database.password.get_secret_value() == SECRET
    assert SECRET not in repr(settings) and SECRET not in str(settings)


def test_database_settings_are_checked() -> None:
    with pytest.raises(ValueError):
        DatabaseSettings(sample_rows=0)
    with pytest.raises(ValueError):
        DatabaseSettings(timeout_seconds=0)
    with pytest.raises(ValueError):
        DatabaseSettings(unknown=1)  # type: ignore[call-arg]


def test_ask_password_reads_standard_input(monkeypatch: pytest.MonkeyPatch, capsys) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO(f"{SECRET}\n"))
    databases = _database_targets(
        ("postgresql://scanner@h/crm", "/srv/share"), Settings(), ask_password=True
    )
    assert list(databases) == ["postgresql://scanner@h/crm"]
    assert databases["postgresql://scanner@h/crm"].url.password == SECRET
    assert capsys.readouterr().err == ""  # no password in the URL, no warning


def test_a_password_in_a_url_is_used_with_a_warning(capsys) -> None:
    url = f"postgresql://scanner:{SECRET}@h/crm"
    databases = _database_targets((url,), Settings(), ask_password=False)
    assert databases[url].url.password == SECRET
    err = capsys.readouterr().err
    assert "visible to other users" in err and SECRET not in err


def test_a_bad_database_url_is_a_usage_error_without_the_password() -> None:
    with pytest.raises(click.UsageError) as bad:
        _database_targets((f"oracle://scanner:{SECRET}@h/crm",), Settings(), ask_password=False)
    assert SECRET not in str(bad.value)


def test_a_table_without_a_database_connection_is_an_error_object() -> None:
    pipeline = Pipeline(None, None, None, Limits())  # type: ignore[arg-type]
    ref = TableRef(source="postgresql://h:5432/crm", schema="public", name="t", columns=("a",))
    [result] = pipeline.scan(ScanObject(path="p", object_id="o", table=ref))
    assert (result.status, result.reason) == (ObjectStatus.ERROR, "unreadable")
