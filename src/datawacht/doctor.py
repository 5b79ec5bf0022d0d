"""`datawacht doctor`: is this installation safe and ready to scan?

The findings database is a map of where the personal data is, and the
fingerprint key is what keeps a BSN's fingerprint from being reversed by
brute force.  Both are created private (`detect/fingerprint.py`,
`store/database.py`), but a restored backup, a copy made by hand or a config
file written with the default umask undoes that silently.  These checks find
such drift, and what would make the next scan fail, before a scan does.

Each check is a small function that returns `Check`s.  None of them changes
or creates anything, and the only connection made is to the findings
database.  A check may carry `Repair`s: the chmods `doctor --fix` may apply,
planned only for files of the user that runs it.  No message holds a secret:
the key's value never enters one, URLs are shown with the password hidden,
and every message is scrubbed of the configured secrets before it is returned.
"""

from __future__ import annotations

import grp
import logging
import os
import pwd
import stat
import tomllib
from dataclasses import dataclass, replace
from enum import StrEnum
from pathlib import Path
from typing import Any
from urllib.parse import quote

from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import create_engine
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError, SQLAlchemyError
from sqlalchemy.pool import NullPool

from datawacht.config import Settings
from datawacht.detect.fingerprint import KEY_FILE_NAME
from datawacht.errors import ConfigError
from datawacht.redact import printable_url, url_secrets
from datawacht.sources.database import CONNECT_TIMEOUT_SECONDS, safe_message
from datawacht.store.database import MIGRATIONS_DIR, normalize_url

log = logging.getLogger(__name__)

KEY_ENV = "DATAWACHT_FINGERPRINT_KEY"
MIN_KEY_BYTES = 32
# Above these a limit no longer protects against hostile files (see `check_limits`).
MAX_SAFE_ARCHIVE_RATIO = 1000
MAX_SAFE_FILE_BYTES = 4 * 1024**3
# SQLite's companions of a WAL database hold recent pages of it.
SQLITE_COMPANIONS = ("-wal", "-shm")
PRIVATE_FILE = 0o600
PRIVATE_DIR = 0o700
# SQLite's busy timeout for the doctor's read (a reader waits only for a checkpoint).
SQLITE_TIMEOUT_SECONDS = 5
SECRET_ELSEWHERE = (
    f"or move the secret to the environment ({KEY_ENV}, DATAWACHT_DATABASE__PASSWORD) "
    "or the password to ~/.pgpass"
)
PASSWORD_ELSEWHERE = (
    "take the password out of the URL: put it in ~/.pgpass of the user that runs datawacht "
    "(mode 0600) or in PGPASSWORD in that user's environment"
)
RUN_AS_OWNER = "run doctor as the user that runs datawacht"
UPGRADE_FIX = (
    "run `datawacht findings list`: every command that opens the findings database upgrades it"
)


class Status(StrEnum):
    """ok; warn: works, but deserves a look; fail: unsafe, or the next scan fails."""

    OK = "ok"
    WARN = "warn"
    FAIL = "fail"


@dataclass(frozen=True)
class Repair:
    """A chmod `doctor --fix` may apply; planned only for the user's own files."""

    path: Path
    mode: int

    def describe(self) -> str:
        return f"chmod {self.mode:o} {self.path}"


@dataclass(frozen=True)
class Check:
    """One result; `fix` says in words what to do, `repairs` what `--fix` would do."""

    name: str
    status: Status
    message: str
    fix: str | None = None
    repairs: tuple[Repair, ...] = ()


def run_checks(
    settings: Settings, config_file: Path | None, *, check_model: bool = True
) -> list[Check]:
    """Every check, in the order an operator would work through them.

    `config_file` is the file the settings were read from (None: defaults).
    `check_model=False` leaves out the one slow check, loading the Dutch
    pipeline (seconds).
    """
    checks = [
        *check_config(config_file),
        *check_state_dir(settings),
        *check_key(settings),
        *check_store(settings),
        *(check_model_loads(settings) if check_model else []),
        *check_rules(settings),
        *check_watch_paths(settings),
        *check_limits(settings),
    ]
    log.debug("doctor.checked", extra={"count": len(checks)})
    return _without_secrets(checks, _secret_values(settings))


def _secret_values(settings: Settings) -> list[str]:
    """The secrets the settings hold: the key, the scanned databases' password
    and the findings database URL's (in its user part or as `?password=`)."""
    found = [
        secret.get_secret_value()
        for secret in (settings.fingerprint_key, settings.database.password)
        if secret is not None
    ]
    try:
        url = make_url(settings.resolved_db_url())
    except (ArgumentError, ValueError):
        return [value for value in found if value]
    found.extend(url_secrets(url))
    return [value for value in found if value]


def _without_secrets(checks: list[Check], values: list[str]) -> list[Check]:
    """The last line of defence: every check hides passwords on its own, but
    a driver or a library may quote one in a message (`render_as_string`
    hides a URL's password, not a `?password=` parameter)."""
    forms = sorted({form for value in values for form in (value, quote(value, safe=""))}, key=len)
    forms.reverse()  # longest first, so that no part of a secret is left

    def scrub(text: str) -> str:
        for form in forms:
            text = text.replace(form, "***")
        return text

    return [
        replace(check, message=scrub(check.message), fix=scrub(check.fix) if check.fix else None)
        for check in checks
    ]


def apply_repair(repair: Repair) -> str | None:
    """Apply one chmod; None when done, else why not.

    The file is opened without following a symbolic link and changed through
    that descriptor: in a directory others can write to, a file swapped for
    a link after the check must not turn `--fix` (perhaps run as root) into a
    chmod of some other file.
    """
    flags = os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_CLOEXEC
    try:
        fd = os.open(repair.path, flags)
    except FileNotFoundError:  # SQLite removes its -wal when the last connection closes
        return "it no longer exists"
    except OSError as exc:
        return _reason(exc)
    try:
        info = os.fstat(fd)
        if info.st_uid != os.geteuid():
            return "it belongs to another user"
        if not (stat.S_ISREG(info.st_mode) or stat.S_ISDIR(info.st_mode)):
            return "not a regular file or directory"
        os.fchmod(fd, repair.mode)
    except OSError as exc:
        return _reason(exc)
    finally:
        os.close(fd)
    log.info("doctor.repaired")
    return None


# --- the config file ------------------------------------------------------------------------


def unusable_config(config_file: Path | None, error: ConfigError) -> Check:
    """The settings did not load: the only check there is to report."""
    where = str(config_file) if config_file else "the environment (DATAWACHT_*)"
    return Check(
        "config",
        Status.FAIL,
        str(error),
        f"correct {where}; docs/configuration.md lists every key and its environment variable",
    )


def check_config(config_file: Path | None) -> list[Check]:
    """Which file was read, and whether others can change it or read its secrets.

    Settings that do not validate never get here: loading them failed first,
    naming the key that is wrong.  Whoever can write the file chooses the
    database, the rules and the key.
    """
    if config_file is None:
        return [Check("config", Status.OK, "no config file: defaults and the environment")]
    try:
        info = config_file.stat()
        values = tomllib.loads(config_file.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        return [Check("config", Status.FAIL, f"cannot read config file {config_file}: {exc}")]
    mode = stat.S_IMODE(info.st_mode)
    checks = []
    if mode & 0o022:
        checks.append(
            Check(
                "config",
                Status.FAIL,
                f"{config_file} is writable by {_who(mode & 0o022)} (mode {mode:04o}): "
                "they choose the database, the rules and the key",
                f"chmod go-w {config_file}",
            )
        )
    held = _secrets_in(values)
    if held and mode & 0o044:
        checks.append(_readable_secrets(config_file, info, held))
    return checks or [Check("config", Status.OK, f"{config_file} (mode {mode:04o})")]


def _secrets_in(values: dict[str, Any]) -> list[str]:
    """What secrets a config file holds, in words (never their values)."""
    found = []
    if values.get("fingerprint_key"):
        found.append("the fingerprint key")
    database = values.get("database")
    if isinstance(database, dict) and database.get("password"):
        found.append("a database password")
    db = values.get("db")
    if isinstance(db, str) and _text_has_password(db):
        found.append("the findings database password")
    return found


def _readable_secrets(path: Path, info: os.stat_result, held: list[str]) -> Check:
    """Readable by everyone is a leak.  Readable by a group is how a service
    user may read a root-owned file (0640, group datawacht): a warning.  A
    root-owned file is never chmodded by `--fix`, as that could lock the
    service user out of its own configuration."""
    mode = stat.S_IMODE(info.st_mode)
    if mode & 0o004:
        status, who = Status.FAIL, "every user of this host"
    else:
        status, who = Status.WARN, f"group {_group_name(info.st_gid)}"
    message = f"{path} holds {' and '.join(held)} and is readable by {who} (mode {mode:04o})"
    if status is Status.WARN:
        message += "; only the users that run datawacht should be in that group"
    if info.st_uid == 0:
        fix = (
            f"chgrp to the group of the user that runs datawacht and chmod 640 {path} "
            f"(chmod 600 when only root runs datawacht), {SECRET_ELSEWHERE}"
        )
        return Check("config", status, message, fix)
    fix = f"chmod 600 {path}, {SECRET_ELSEWHERE}"
    return Check("config", status, message, fix, _own(path, info, PRIVATE_FILE))


# --- the state directory and the key ----------------------------------------------------------


def check_state_dir(settings: Settings) -> list[Check]:
    """The directory of the key and the default database: this user's, 0700.

    Whoever may write in it can replace the key or the database; whoever may
    list it sees which files are there.
    """
    path = settings.resolved_state_dir()
    try:
        info = path.stat()
    except FileNotFoundError:
        message = f"{path} does not exist yet: the first scan creates it (mode 0700)"
        return [Check("state-dir", Status.WARN, message)]
    except OSError as exc:
        message = f"{path} cannot be examined: {_reason(exc)}"
        return [Check("state-dir", Status.FAIL, message, RUN_AS_OWNER)]
    if not stat.S_ISDIR(info.st_mode):
        fix = "set state_dir (DATAWACHT_STATE_DIR) to a directory"
        return [Check("state-dir", Status.FAIL, f"{path} is not a directory", fix)]
    mode = stat.S_IMODE(info.st_mode)
    checks = _owner_checks("state-dir", path, info)
    fix, repairs = f"chmod 700 {path}", _own(path, info, PRIVATE_DIR)
    if mode & 0o022:
        message = (
            f"{path} is writable by {_who(mode & 0o022)} (mode {mode:04o}): "
            "they can replace the key or the findings database"
        )
        checks.append(Check("state-dir", Status.FAIL, message, fix, repairs))
    elif mode & 0o077:
        message = f"{path} can be listed or entered by {_who(mode & 0o077)} (mode {mode:04o})"
        checks.append(Check("state-dir", Status.WARN, message, fix, repairs))
    return checks or [Check("state-dir", Status.OK, f"{path} (mode {mode:04o})")]


def check_key(settings: Settings) -> list[Check]:
    """The configured key, else the key file; the value is never shown.

    With a shared PostgreSQL database the same BSN must get the same
    fingerprint on every server, so every server needs this same key.
    """
    shared = _store_backend(settings) == "postgresql"
    note = (
        "; every server that writes to the shared findings database must use this same key"
        if shared
        else ""
    )
    if settings.fingerprint_key:
        return [_configured_key(settings.fingerprint_key.get_secret_value(), note)]
    return _key_file(settings.resolved_state_dir() / KEY_FILE_NAME, shared, note)


def _configured_key(key: str, note: str) -> Check:
    """A short key can be guessed from one known value and its fingerprint,
    after which every fingerprint of a BSN can be reversed."""
    if _in_environment(KEY_ENV):
        source = f"the environment ({KEY_ENV})"
    else:
        source = "the config file (fingerprint_key)"
    if len(key.encode("utf-8")) < MIN_KEY_BYTES:
        message = f"the key from {source} is shorter than {MIN_KEY_BYTES} bytes and can be guessed"
        fix = (
            "use 32 random bytes or more (openssl rand -hex 32); a new key changes every "
            "fingerprint, so fingerprints in suppressions must be made again"
        )
        return Check("fingerprint-key", Status.WARN, message, fix)
    return Check("fingerprint-key", Status.OK, f"configured in {source}, not shown{note}")


def _key_file(path: Path, shared: bool, note: str) -> list[Check]:
    try:
        info = path.stat()
    except FileNotFoundError:
        return [_missing_key(path, shared)]
    except OSError as exc:
        message = f"{path} cannot be examined: {_reason(exc)}"
        return [Check("fingerprint-key", Status.FAIL, message, RUN_AS_OWNER)]
    if not stat.S_ISREG(info.st_mode):
        return [Check("fingerprint-key", Status.FAIL, f"{path} is not a regular file")]
    mode = stat.S_IMODE(info.st_mode)
    checks = _owner_checks("fingerprint-key", path, info)
    if mode & 0o077:
        message = f"{path} has mode {mode:04o}: {_who(mode & 0o077)} can read or replace the key"
        repairs = _own(path, info, PRIVATE_FILE)
        checks.append(Check("fingerprint-key", Status.FAIL, message, f"chmod 600 {path}", repairs))
    try:
        length = len(path.read_bytes().strip())
    except OSError as exc:
        message = f"{path} cannot be read by this user: {_reason(exc)}"
        return [*checks, Check("fingerprint-key", Status.FAIL, message, RUN_AS_OWNER)]
    if length < MIN_KEY_BYTES:
        message = f"{path} is shorter than {MIN_KEY_BYTES} bytes: scans stop with an error"
        fix = (
            "restore the key from a backup; removing the file makes the next scan generate "
            "a new key, which changes every fingerprint"
        )
        checks.append(Check("fingerprint-key", Status.FAIL, message, fix))
    return checks or [
        Check("fingerprint-key", Status.OK, f"{path} (mode {mode:04o}), not shown{note}")
    ]


def _missing_key(path: Path, shared: bool) -> Check:
    """A missing key is made by the first scan; on a shared database that
    new key would differ from the other servers' key."""
    if not shared:
        message = f"{path} does not exist yet: the first scan generates it (mode 0600)"
        return Check("fingerprint-key", Status.WARN, message)
    message = (
        f"{path} does not exist: the first scan would generate a new key, and its fingerprints "
        "would not match those of the other servers on the shared findings database"
    )
    fix = f"copy the other servers' key to {path} (chmod 600) or set {KEY_ENV}, before a scan"
    return Check("fingerprint-key", Status.WARN, message, fix)


# --- the findings database ----------------------------------------------------------------------


def check_store(settings: Settings) -> list[Check]:
    """The findings database: no password in its URL, a private SQLite file,
    and a schema this datawacht can work with.  Nothing is created: a
    missing SQLite file or an empty database is left for the first scan."""
    try:
        url = normalize_url(settings.resolved_db_url())
    except ConfigError as exc:
        fix = "set db (DATAWACHT_DB) to sqlite:////path/findings.db or postgresql://user@host/db"
        return [Check("store", Status.FAIL, str(exc), fix)]
    shown = printable_url(url)
    checks = []
    if url_secrets(url):
        message = f"{shown} carries its password in the URL"
        checks.append(Check("store", Status.WARN, message, PASSWORD_ELSEWHERE))
    if url.get_backend_name() == "sqlite":
        path = Path(str(url.database))
        if not path.exists():
            message = f"{path} does not exist yet: the first scan creates it (mode 0600)"
            return [*checks, Check("store", Status.WARN, message)]
        checks.extend(_sqlite_files(path, settings.resolved_state_dir()))
    checks.append(_schema(url, shown))
    return checks


def _sqlite_files(path: Path, state_dir: Path) -> list[Check]:
    """The database file and its -wal/-shm (SQLite gives them the database's
    mode, so an old 0644 lingers in them), and a directory outside the state
    directory that others may enter."""
    try:
        info = path.stat()
    except OSError as exc:
        return [Check("store", Status.FAIL, f"{path} cannot be examined: {_reason(exc)}")]
    checks = _owner_checks("store", path, info)
    shared = _shared_files([path, *(Path(f"{path}{suffix}") for suffix in SQLITE_COMPANIONS)])
    if shared:
        modes = ", ".join(f"{file.name} {stat.S_IMODE(st.st_mode):04o}" for file, st in shared)
        message = (
            f"group or others can read or change the findings database ({modes}), "
            "a map of where the personal data is"
        )
        fix = "chmod 600 " + " ".join(str(file) for file, _ in shared)
        repairs = tuple(r for file, st in shared for r in _own(file, st, PRIVATE_FILE))
        checks.append(Check("store", Status.FAIL, message, fix, repairs))
    if path.parent.resolve() != state_dir.resolve():
        checks.extend(_database_dir(path.parent))
    mode = stat.S_IMODE(info.st_mode)
    return checks or [Check("store", Status.OK, f"{path} (mode {mode:04o})")]


def _shared_files(paths: list[Path]) -> list[tuple[Path, os.stat_result]]:
    """The paths that exist with group or other permission bits."""
    found = []
    for path in paths:
        try:
            info = path.stat()
        except FileNotFoundError:
            continue
        if info.st_mode & 0o077:
            found.append((path, info))
    return found


def _database_dir(directory: Path) -> list[Check]:
    try:
        mode = stat.S_IMODE(directory.stat().st_mode)
    except OSError as exc:
        return [Check("store", Status.FAIL, f"{directory} cannot be examined: {_reason(exc)}")]
    fix = f"chmod o-rwx {directory}"
    if mode & 0o002:
        message = (
            f"{directory} is writable by every user (mode {mode:04o}): "
            "they can replace the findings database"
        )
        return [Check("store", Status.FAIL, message, fix)]
    if mode & 0o005:
        message = f"{directory}, which holds the findings database, is open to every user"
        return [Check("store", Status.WARN, f"{message} (mode {mode:04o})", fix)]
    return []


def _schema(url: URL, shown: str) -> Check:
    """Open the database (without creating it) and compare its alembic
    revision with this datawacht's newest.  Errors name the driver's
    exception with the password scrubbed, never the URL as given."""
    sqlite = url.get_backend_name() == "sqlite"
    if sqlite:
        target, timeout = _existing_sqlite(url), {"timeout": SQLITE_TIMEOUT_SECONDS}
    else:
        target, timeout = url, {"connect_timeout": CONNECT_TIMEOUT_SECONDS}
    try:
        engine = create_engine(target, connect_args=timeout, poolclass=NullPool)
        try:
            with engine.connect() as connection:
                current = set(MigrationContext.configure(connection).get_current_heads())
        finally:
            engine.dispose()
    except (SQLAlchemyError, ImportError) as exc:
        original = getattr(exc, "orig", None) or exc
        message = f"{shown} cannot be opened: {type(original).__name__}: {safe_message(exc, url)}"
        return Check("store", Status.FAIL, message, _connect_fix(sqlite))
    return _revision_check(current, shown)


def _revision_check(current: set[str], shown: str) -> Check:
    script = ScriptDirectory(str(MIGRATIONS_DIR))
    heads = set(script.get_heads())
    if current == heads:
        return Check("store", Status.OK, f"{shown}: schema at the newest revision")
    if not current:
        message = f"{shown} has no datawacht tables yet: the first scan creates them"
        return Check("store", Status.WARN, message)
    known = {revision.revision for revision in script.walk_revisions()}
    revisions = ", ".join(sorted(current))
    if current - known:
        message = f"{shown} has schema revision {revisions}, written by a newer datawacht"
        return Check("store", Status.FAIL, message, "upgrade datawacht on this host")
    message = (
        f"{shown} needs an upgrade: schema revision {revisions}, "
        f"this datawacht expects {', '.join(sorted(heads))}"
    )
    return Check("store", Status.WARN, message, UPGRADE_FIX)


def _existing_sqlite(url: URL) -> URL:
    """The SQLite file opened with `mode=rw`: never created when it has just gone."""
    path = Path(str(url.database)).resolve()
    return URL.create(
        "sqlite", database=f"file:{quote(str(path))}", query={"mode": "rw", "uri": "true"}
    )


def _connect_fix(sqlite: bool) -> str:
    if sqlite:
        return "check that the file is a SQLite database that this user can read and write"
    return (
        "check that the server runs and accepts this host, user and password (~/.pgpass); "
        "a database that does not exist yet is created by the first scan if the user may "
        "create databases"
    )


# --- model, rules, watch roots, limits --------------------------------------------------------


def load_pipeline(pipeline_dir: Path | None) -> str:
    """Load the Dutch spaCy pipeline as a scan does; what was loaded, in words."""
    from datawacht.detect.nlp import LANGUAGE, SHIPPED_PIPELINE, load_nlp_engine

    engine = load_nlp_engine(pipeline_dir)
    ner = "with" if engine.nlp[LANGUAGE].has_pipe("ner") else "without"
    return f"{pipeline_dir or SHIPPED_PIPELINE} loads offline, {ner} NER"


def check_model_loads(settings: Settings) -> list[Check]:
    """The shipped (or configured) pipeline: scans cannot start without it."""
    fix = "reinstall datawacht, or point detect.pipeline at a spaCy pipeline directory"
    try:
        described = load_pipeline(settings.detect.pipeline)
    except ConfigError as exc:
        return [Check("model", Status.FAIL, str(exc), fix)]
    except Exception as exc:  # spaCy and thinc raise many kinds; each one stops a scan
        first_line = (str(exc).splitlines() or [""])[0]
        message = f"the Dutch pipeline cannot be loaded: {type(exc).__name__}: {first_line}"
        return [Check("model", Status.FAIL, message, fix)]
    return [Check("model", Status.OK, described)]


def check_rules(settings: Settings) -> list[Check]:
    """The rule set as a scan loads it, suppression values checked as well
    (as `datawacht rules check` does)."""
    from datawacht import scanner
    from datawacht.classify.layers import shipped_rules_dir

    directory = settings.rules_dir or shipped_rules_dir()
    try:
        ruleset = scanner.check_rules(settings)
    except ConfigError as exc:
        fix = f"correct the rule files; `datawacht rules check {directory}` checks them again"
        return [Check("rules", Status.FAIL, f"{directory}: {exc}", fix)]
    labels = " < ".join(ruleset.label_ids)
    return [Check("rules", Status.OK, f"{directory}: ruleset {ruleset.version} ({labels})")]


def check_watch_paths(settings: Settings) -> list[Check]:
    """The configured roots of `datawacht watch`: there, and readable by this user."""
    paths = settings.watch.paths
    if not paths:
        return [Check("watch-paths", Status.OK, "none configured")]
    problems = [check for path in paths if (check := _watch_root(path)) is not None]
    return problems or [Check("watch-paths", Status.OK, ", ".join(str(p) for p in paths))]


def _watch_root(path: Path) -> Check | None:
    if not path.exists():
        message = f"{path} does not exist, or cannot be reached (a mount that is down?)"
        return Check("watch-paths", Status.FAIL, message, "mount it, or correct watch.paths")
    if not path.is_dir():
        return Check(
            "watch-paths", Status.FAIL, f"{path} is not a directory", "correct watch.paths"
        )
    if not os.access(path, os.R_OK | os.X_OK, effective_ids=os.access in os.supports_effective_ids):
        fix = f"grant read access, e.g. setfacl -R -m u:{_user_name(os.geteuid())}:rX {path}"
        return Check("watch-paths", Status.FAIL, f"{path} cannot be read by this user", fix)
    return None


def check_limits(settings: Settings) -> list[Check]:
    """Only settings that take away a protection against hostile files."""
    limits = settings.limits
    checks = []
    if limits.archive_ratio > MAX_SAFE_ARCHIVE_RATIO:
        message = (
            f"limits.archive_ratio is {limits.archive_ratio}: a small archive bomb may "
            "inflate that many times before it is refused"
        )
        fix = f"keep it at {MAX_SAFE_ARCHIVE_RATIO} or below (default 100)"
        checks.append(Check("limits", Status.WARN, message, fix))
    if limits.max_file_bytes > MAX_SAFE_FILE_BYTES:
        message = (
            f"limits.max_file_bytes is {limits.max_file_bytes}: a file is read into memory "
            "whole, in every worker at once"
        )
        fix = "keep it at 4 GiB or below (default 256 MiB); large CSV and Parquet are streamed"
        checks.append(Check("limits", Status.WARN, message, fix))
    return checks or [Check("limits", Status.OK, "no limit disarms a protection")]


# --- helpers ------------------------------------------------------------------------------------


def _owner_checks(name: str, path: Path, info: os.stat_result) -> list[Check]:
    """A file of another user: its owner can read or replace it, and this
    user may not be the one datawacht runs as."""
    if info.st_uid == os.geteuid():
        return []
    message = (
        f"{path} belongs to {_user_name(info.st_uid)}, not to "
        f"{_user_name(os.geteuid())} who runs this check"
    )
    return [Check(name, Status.WARN, message, f"{RUN_AS_OWNER}, or chown {path} to that user")]


def _own(path: Path, info: os.stat_result, mode: int) -> tuple[Repair, ...]:
    """A repair for the user's own files only: a chmod of another user's file
    is their decision (and root could break a service that way)."""
    return (Repair(path, mode),) if info.st_uid == os.geteuid() else ()


def _who(bits: int) -> str:
    group, other = bits & 0o070, bits & 0o007
    if group and other:
        return "group and others"
    return "group" if group else "others"


def _text_has_password(text: str) -> bool:
    try:
        return bool(url_secrets(make_url(text)))
    except (ArgumentError, ValueError):
        return False


def _store_backend(settings: Settings) -> str | None:
    try:
        return normalize_url(settings.resolved_db_url()).get_backend_name()
    except ConfigError:
        return None


def _in_environment(name: str) -> bool:
    """Set in the environment (pydantic-settings reads names case-insensitively)."""
    return any(key.upper() == name for key in os.environ)


def _user_name(uid: int) -> str:
    try:
        return pwd.getpwuid(uid).pw_name
    except KeyError:
        return f"uid {uid}"


def _group_name(gid: int) -> str:
    try:
        return grp.getgrgid(gid).gr_name
    except KeyError:
        return f"gid {gid}"


def _reason(exc: OSError) -> str:
    return f"{type(exc).__name__}: {exc.strerror or exc}"
