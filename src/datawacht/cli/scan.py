"""`datawacht scan`: scan files, folders and databases, store findings, print them."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO, TYPE_CHECKING

import click
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError

from datawacht.cli import exitcodes
from datawacht.cli.options import fail_on_option, rules_dir_option
from datawacht.cli.secretinput import ValueInputError, read_value
from datawacht.config import Settings
from datawacht.errors import ConfigError
from datawacht.records import ScanObject
from datawacht.report.writers import WRITERS

if TYPE_CHECKING:
    from datawacht.classify.schema import RuleSet
    from datawacht.sources.database import DatabaseTarget


@click.command()
@click.argument("targets", nargs=-1, required=True)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(sorted(WRITERS)),
    default="table",
    show_default=True,
    help="table: summary for people; json: one document with scan, objects and findings; "
    "jsonl: one finding per line; csv: findings for spreadsheets.",
)
@click.option(
    "--output",
    "-o",
    type=click.Path(dir_okay=False, writable=True, path_type=Path),
    help="Write to this file instead of standard output (created with mode 0600).",
)
@click.option("--no-store", is_flag=True, help="Do not record findings in the findings database.")
@rules_dir_option
@fail_on_option
@click.option(
    "--strict", is_flag=True, help="Exit with code 3 when an object could not be (fully) read."
)
@click.option(
    "--workers",
    type=click.IntRange(min=1),
    help="Worker processes (default: setting `workers`, else one per core).",
)
@click.option(
    "--progress/--no-progress",
    default=None,
    help="Progress bar on standard error; default: only when it is a terminal.",
)
@click.option(
    "--full",
    is_flag=True,
    help="Database targets: read every row instead of a sample (exact counts; slow).",
)
@click.option(
    "--distribute",
    is_flag=True,
    help="Split the scan over the `datawacht work` processes of several hosts, through "
    "the (PostgreSQL) findings database; waits for them and prints a summary.",
)
@click.option(
    "--paths-per-job",
    type=click.IntRange(min=1),
    default=100,
    show_default=True,
    help="With --distribute: files per job.",
)
@click.option(
    "--rescan",
    is_flag=True,
    help="Analyse every file, also those unchanged since their last scan (by default an "
    "unchanged file is handed on from the findings database). Use after upgrading datawacht.",
)
@click.option(
    "--ask-password",
    is_flag=True,
    help="Database targets: read the password from standard input or a hidden prompt "
    "(for URLs that name a user but no password).",
)
@click.pass_obj
def scan(
    ctx: object,
    targets: tuple[str, ...],
    fmt: str,
    output: Path | None,
    no_store: bool,
    rules_dir: Path | None,
    fail_on: str | None,
    strict: bool,
    progress: bool | None,
    workers: int | None,
    full: bool,
    distribute: bool,
    paths_per_job: int,
    rescan: bool,
    ask_password: bool,
) -> None:
    """Scan TARGETS (files, folders or database URLs) for personal data.

    A database URL is a SQLAlchemy URL: postgresql://user@host/db,
    mysql+pymysql://user@host/db, sqlite:////path/file.db.  Its tables are
    sampled read-only (see docs/databases.md); give the password with
    DATAWACHT_DATABASE__PASSWORD or --ask-password rather than in the URL.

    A file unchanged since its last successful scan (same size and mtime,
    else the same SHA-256) is not analysed again: its stored findings are
    reported, classified with the current rules (--rescan analyses all).

    Every object met is reported, also those that could not be read
    (encrypted, corrupt, too large, not a regular file, a table that timed
    out), with the reason.  Exit codes: 0 done; 1 --fail-on reached; 2 usage
    or configuration error, also a database that could not be connected to
    (the other targets are scanned); 3 --strict and an object was not fully
    read; 4 a worker process died (what was scanned is stored; run the scan
    again).
    """
    # Imported here so that `datawacht --help` does not load Presidio.
    from datawacht import scanner
    from datawacht.sources.tablereader import TableReader
    from datawacht.store.repository import open_store
    from datawacht.store.review import Review
    from datawacht.workers import Scanner, WorkerLostError, workers_to_use

    settings = ctx.settings  # type: ignore[attr-defined]
    if full:
        settings = settings.model_copy(
            update={"database": settings.database.model_copy(update={"full": True})}
        )
    databases = _database_targets(targets, settings, ask_password)
    for target in targets:
        if target not in databases and not Path(target).exists() and not Path(target).is_symlink():
            raise click.UsageError(f"target does not exist: {target}")
    try:
        rules = scanner.load_rules(settings, rules_dir)
        fail_rank = rules.rank(fail_on) if fail_on else None
    except ConfigError as exc:
        raise click.UsageError(str(exc)) from exc
    except ValueError as exc:
        labels = ", ".join(label.id for label in rules.labels)
        raise click.UsageError(f"--fail-on: unknown label {fail_on!r} (one of {labels})") from exc

    if distribute:
        if databases or fmt != "table" or output or no_store:
            raise click.UsageError(
                "--distribute scans files and folders into the findings database; "
                "it takes no database targets, --format, --output or --no-store"
            )
        _distribute(settings, [str(Path(t).resolve()) for t in targets], rules, paths_per_job)
        return
    try:
        pipeline = scanner.build_pipeline(settings, rules)
        if databases:
            # Before the pool forks: every worker reads tables with its own engine.
            pipeline.tables = TableReader(
                databases.values(), settings.database, settings.limits.to_limits()
            )
        if not no_store:
            # Officers' false-positive decisions stay out of the labels; read
            # them before the pool forks, so no worker inherits a connection.
            known = open_store(settings.resolved_db_url())
            try:
                pipeline.classifier.keep_out(Review(known).false_positives())
            finally:
                known.close()
    except ConfigError as exc:
        raise click.UsageError(str(exc)) from exc

    host = scanner.host_name(settings)
    show = sys.stderr.isatty() if progress is None else progress
    with Scanner(pipeline, workers_to_use(workers, settings.workers)) as pool:
        try:
            store = None if no_store else open_store(settings.resolved_db_url())
        except ConfigError as exc:
            raise click.UsageError(str(exc)) from exc
        scan_targets = []
        for target in targets:
            if target in databases:
                # Listed now, in this process: names and statistics, no rows.
                listed = scanner.database_target(
                    databases[target], settings.database, host, store, pipeline.classifier
                )
                if listed.failed:
                    click.echo(f"datawacht scan: {listed.root}: {listed.failed}", err=True)
                scan_targets.append(listed)
            else:
                scan_targets.extend(scanner.file_targets([target], host))
        failed = [target.root for target in scan_targets if target.failed]
        out = _open_output(output)
        try:
            summary = scanner.run_scan(
                scan_targets,
                pool,
                WRITERS[fmt](out),
                store,
                host,
                progress=_progress_bar if show else None,
                incremental=not rescan,
            )
        except WorkerLostError as exc:
            # Objects recorded so far stay; the scan is marked interrupted.
            click.echo(f"datawacht scan: {exc} (out of memory?); run the scan again", err=True)
            sys.exit(exitcodes.ABORTED)
        finally:
            if out is not sys.stdout:
                out.close()
            if store is not None:
                store.close()
            if pipeline.tables is not None:
                pipeline.tables.close()
    if failed:
        click.echo(
            f"datawacht scan: {len(failed)} database target(s) could not be scanned",
            err=True,
        )
        sys.exit(exitcodes.USAGE)
    if fail_rank is not None and any(
        n and rules.rank(label) >= fail_rank for label, n in summary.objects_by_label.items()
    ):
        sys.exit(exitcodes.FAIL_ON)
    if strict and summary.unreadable:
        sys.exit(exitcodes.STRICT)


def _distribute(settings: Settings, roots: list[str], rules: RuleSet, paths_per_job: int) -> None:
    """The coordinator of a distributed scan (`datawacht.distributed`)."""
    from datawacht import scanner
    from datawacht.store.repository import open_store

    try:
        from datawacht.distributed import coordinate, make_app
    except ImportError as exc:  # procrastinate comes with the postgres extra
        raise click.UsageError("distributed scans need: pip install 'datawacht[postgres]'") from exc

    try:
        app = make_app(settings.resolved_db_url())
        store = open_store(settings.resolved_db_url())
    except (ConfigError, ValueError) as exc:
        raise click.UsageError(str(exc)) from exc
    try:
        with app.open():
            done = coordinate(
                app,
                store,
                roots,
                scanner.host_name(settings),
                (rules.version, scanner.scanner_version()),
                paths_per_job,
            )
    finally:
        store.close()
    objects = ", ".join(f"{n} {status}" for status, n in sorted(done.objects.items()))
    click.echo(f"scan {done.scan_id}: {done.jobs} jobs; objects: {objects or 'none'}")
    if done.gone:
        click.echo(f"{done.gone} objects no longer present")
    if done.failed_jobs:
        click.echo(
            f"datawacht scan: {done.failed_jobs} job(s) failed; see the workers' logs", err=True
        )
        sys.exit(exitcodes.ABORTED)


def _progress_bar(objects: Iterable[ScanObject]) -> Iterator[ScanObject]:
    listed = list(objects)
    with click.progressbar(
        listed, label="scanning", file=sys.stderr, item_show_func=lambda _: None
    ) as bar:
        yield from bar


def _open_output(output: Path | None) -> IO[str]:
    if output is None:
        return sys.stdout
    fd = os.open(output, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    os.fchmod(fd, 0o600)  # an existing file keeps its mode otherwise
    return os.fdopen(fd, "w", encoding="utf-8", newline="")


def _database_targets(
    targets: tuple[str, ...], settings: Settings, ask_password: bool
) -> dict[str, DatabaseTarget]:
    """The targets that are database URLs, parsed (a bad URL is a usage error)."""
    from datawacht.sources.database import DatabaseError, is_database_url, parse_target

    urls = [target for target in targets if is_database_url(target)]
    if not urls:
        return {}
    password = _database_password(settings, ask_password)
    databases = {}
    for url in urls:
        try:
            databases[url] = parse_target(url, password)
        except DatabaseError as exc:
            raise click.UsageError(str(exc)) from None
    if any(_has_password(url) for url in urls):
        click.echo(
            "datawacht scan: warning: a password in a URL is visible to other users "
            "(ps, shell history); use DATAWACHT_DATABASE__PASSWORD or --ask-password",
            err=True,
        )
    return databases


def _database_password(settings: Settings, ask: bool) -> str | None:
    """`--ask-password` (standard input or a hidden prompt), else the setting
    `database.password` (`DATAWACHT_DATABASE__PASSWORD`)."""
    if ask:
        try:
            return read_value("database password")
        except ValueInputError as exc:
            raise click.UsageError(f"--ask-password: {exc}") from None
    secret = settings.database.password
    return secret.get_secret_value() if secret else None


def _has_password(url: str) -> bool:
    """The URL itself holds a password (visible in `ps` and shell history)."""
    try:
        return make_url(url).password is not None
    except (ArgumentError, ValueError):
        return False
