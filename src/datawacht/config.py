"""One settings object: a TOML file, overridden by the environment.

Where the file is found, first match wins: `--config FILE`, `$DATAWACHT_CONFIG`,
`$XDG_CONFIG_HOME/datawacht/config.toml` (`~/.config/...`),
`/etc/datawacht/config.toml`.  No file is fine: every setting has a default.

Environment overrides beat the file.  Top-level keys map to
`DATAWACHT_<KEY>` (`DATAWACHT_DB`, `DATAWACHT_STATE_DIR`,
`DATAWACHT_FINGERPRINT_KEY`, `DATAWACHT_RULES_DIR`); keys inside a table use
a double underscore: `DATAWACHT_LIMITS__MAX_FILE_BYTES=1000000`,
`DATAWACHT_DETECT__SCORE_THRESHOLD=0.6`, `DATAWACHT_DATABASE__PASSWORD=…`.
`docs/configuration.md` lists every key; `examples/datawacht.toml` is a
commented example.
"""

from __future__ import annotations

import os
import tomllib
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, SecretStr, ValidationError
from pydantic_settings import BaseSettings, PydanticBaseSettingsSource, SettingsConfigDict

from datawacht.errors import ConfigError
from datawacht.limits import Limits


class LimitSettings(BaseModel):
    """Bounds per object; see `datawacht.limits.Limits` for the meaning."""

    model_config = ConfigDict(extra="forbid")

    max_file_bytes: int = Field(default=Limits.max_file_bytes, gt=0)
    max_chars: int = Field(default=Limits.max_chars, gt=0)
    archive_depth: int = Field(default=Limits.archive_depth, ge=0)
    archive_members: int = Field(default=Limits.archive_members, gt=0)
    archive_total_bytes: int = Field(default=Limits.archive_total_bytes, gt=0)
    archive_ratio: int = Field(default=Limits.archive_ratio, gt=0)
    max_table_rows: int = Field(default=Limits.max_table_rows, gt=0)
    sample_tables_above_bytes: int = Field(default=Limits.sample_tables_above_bytes, ge=0)
    sample_tables: bool = Limits.sample_tables
    max_findings_per_type: int = Field(default=Limits.max_findings_per_type, gt=0)
    object_seconds: float = Field(default=Limits.object_seconds, ge=0)
    regex_seconds: float = Field(default=Limits.regex_seconds, gt=0)

    def to_limits(self) -> Limits:
        return Limits(**self.model_dump())


class DetectSettings(BaseModel):
    """Detection knobs; the recognizers themselves are configured in YAML."""

    model_config = ConfigDict(extra="forbid")

    score_threshold: float = Field(default=0.5, ge=0.0, le=1.0)
    pipeline: Path | None = None
    recognizers: Path | None = None


class WatchSettings(BaseModel):
    """The watch daemon (`datawacht watch`); docs/watch.md explains each knob."""

    model_config = ConfigDict(extra="forbid")

    # Roots watched when `datawacht watch` gets no paths.
    paths: list[Path] = []
    # Roots that are always polled (network mounts are also detected from /proc/mounts).
    polling: list[Path] = []
    # A changed file waits this long after its last event before it is scanned.
    debounce_seconds: float = Field(default=2.0, ge=0.0)
    # After inotify's close-after-write the file is likely complete: a shorter wait.
    settle_seconds: float = Field(default=0.25, ge=0.0)
    poll_interval_seconds: float = Field(default=10.0, gt=0.0)
    # Root health checks, emitter supervision and the heartbeat `status` reads.
    health_interval_seconds: float = Field(default=5.0, gt=0.0)
    # A claim older than this is taken over (a worker that hung or was killed).
    claim_timeout_seconds: float = Field(default=900.0, gt=0.0)
    # Queue rows a daemon holds in memory at once.
    batch: int = Field(default=64, ge=1)
    # Claims of one row before it is recorded as an error instead of retried.
    max_attempts: int = Field(default=5, ge=1)
    # A catch-up of every healthy root this often (0: only at start and after an
    # outage): events lost anyway (an inotify queue overflow) are found this way.
    reconcile_interval_seconds: float = Field(default=21600.0, ge=0.0)


# Schemas of the database servers themselves: never personal data of the organisation.
SYSTEM_SCHEMAS = ("pg_catalog", "information_schema", "mysql", "performance_schema", "sys")


class DatabaseSettings(BaseModel):
    """Live databases as scan targets (`datawacht scan postgresql://…`); docs/databases.md."""

    model_config = ConfigDict(extra="forbid")

    # Rows read per table; the column profiler decides on the first 200 values.
    sample_rows: int = Field(default=1000, gt=0)
    # Per statement: a table whose read takes longer is reported with reason `timeout`.
    timeout_seconds: float = Field(default=30.0, gt=0.0)
    # Glob patterns on `schema.table`; empty `include` means every table.
    include: list[str] = []
    exclude: list[str] = []
    # Never listed, whatever `include` says.
    skip_schemas: list[str] = list(SYSTEM_SCHEMAS)
    # Read every row instead of a sample (exact counts); `scan --full` sets it for one scan.
    full: bool = False
    # Skip tables whose statistics did not change since their last scan (needs the store).
    incremental: bool = True
    # For URLs that name a user but no password (a password in a URL shows in `ps`).
    password: SecretStr | None = None


class Settings(BaseSettings):
    """Everything a scan needs to know that is not on the command line."""

    model_config = SettingsConfigDict(
        env_prefix="DATAWACHT_", env_nested_delimiter="__", extra="forbid"
    )

    db: str | None = None
    state_dir: Path | None = None
    rules_dir: Path | None = None
    fingerprint_key: SecretStr | None = None
    host: str | None = None
    workers: int | None = Field(default=None, ge=1)
    limits: LimitSettings = LimitSettings()
    detect: DetectSettings = DetectSettings()
    watch: WatchSettings = WatchSettings()
    database: DatabaseSettings = DatabaseSettings()

    @classmethod
    def settings_customise_sources(
        cls,
        settings_cls: type[BaseSettings],
        init_settings: PydanticBaseSettingsSource,
        env_settings: PydanticBaseSettingsSource,
        dotenv_settings: PydanticBaseSettingsSource,
        file_secret_settings: PydanticBaseSettingsSource,
    ) -> tuple[PydanticBaseSettingsSource, ...]:
        # The file's values arrive as init arguments; the environment wins.
        return (env_settings, init_settings)

    def resolved_state_dir(self) -> Path:
        """Where the key and the default SQLite database live (XDG state)."""
        if self.state_dir:
            return self.state_dir
        base = os.environ.get("XDG_STATE_HOME") or str(Path.home() / ".local" / "state")
        return Path(base) / "datawacht"

    def resolved_db_url(self) -> str:
        if self.db:
            return self.db
        return f"sqlite:///{self.resolved_state_dir() / 'findings.db'}"


def find_config_file(explicit: Path | None) -> Path | None:
    """The config file to read, or None when there is none."""
    if explicit:
        if not explicit.is_file():
            raise ConfigError(f"config file {explicit} does not exist")
        return explicit
    from_env = os.environ.get("DATAWACHT_CONFIG")
    if from_env:
        path = Path(from_env)
        if not path.is_file():
            raise ConfigError(f"DATAWACHT_CONFIG points at {path}, which does not exist")
        return path
    xdg = os.environ.get("XDG_CONFIG_HOME") or str(Path.home() / ".config")
    for candidate in (Path(xdg) / "datawacht" / "config.toml", Path("/etc/datawacht/config.toml")):
        if candidate.is_file():
            return candidate
    return None


def load_settings(config_file: Path | None = None) -> Settings:
    """Read the config file (if any) and apply environment overrides."""
    path = find_config_file(config_file)
    values: dict[str, object] = {}
    if path:
        try:
            values = tomllib.loads(path.read_text(encoding="utf-8"))
        except (OSError, tomllib.TOMLDecodeError) as exc:
            raise ConfigError(f"cannot read config file {path}: {exc}") from exc
    try:
        return Settings(**values)
    except ValidationError as exc:
        where = f"config file {path} or environment" if path else "environment"
        problems = "; ".join(
            f"{'.'.join(str(p) for p in err['loc'])}: {err['msg']}" for err in exc.errors()
        )
        raise ConfigError(f"invalid settings in {where}: {problems}") from exc
