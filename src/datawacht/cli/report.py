"""`datawacht report`: the findings database as a report for security officers.

Reads only (masked values and fingerprints are all the database has) and
writes one file: HTML for people, CSV for spreadsheets, JSON for scripts,
SARIF 2.1.0 for code-scanning tools and SIEMs.  docs/reports.md describes
what each contains.
"""

from __future__ import annotations

import contextlib
import os
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import IO, TYPE_CHECKING

import click

from datawacht.report.i18n import DEFAULT_LANGUAGE, LANGUAGES

if TYPE_CHECKING:
    from sqlalchemy import Connection

FORMATS = ("html", "csv", "json", "sarif")


@click.command()
@click.option(
    "--format",
    "fmt",
    type=click.Choice(FORMATS),
    default="html",
    show_default=True,
    help="html: one self-contained page for officers; csv: one row per finding; "
    "json: the HTML report's data; sarif: SARIF 2.1.0, one result per finding.",
)
@click.option(
    "--output",
    "-o",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write to this file (created with mode 0600) instead of standard output.",
)
@click.option(
    "--lang",
    type=click.Choice(LANGUAGES),
    default=DEFAULT_LANGUAGE,
    show_default=True,
    help="Language of the report text (html, sarif).",
)
@click.option(
    "--share-depth",
    type=click.IntRange(min=0),
    default=1,
    show_default=True,
    help="A share is a scan target plus this many folder levels below it.",
)
@click.option(
    "--rules",
    "rules_dir",
    type=click.Path(file_okay=False, exists=True, path_type=Path),
    help="Rule directory whose label order the report uses (default: the configured one).",
)
@click.pass_obj
def report(
    ctx: object,
    fmt: str,
    output: Path | None,
    lang: str,
    share_depth: int,
    rules_dir: Path | None,
) -> None:
    """Write a report of the findings database: what is where, how sensitive, why.

    Only masked values appear, as in the database.  The report covers the
    objects that are still present and their findings that are not resolved;
    it reads one consistent snapshot, also while a scan is writing.
    Exit codes: 0 written; 2 usage or configuration error (no database).
    """
    from sqlalchemy.exc import OperationalError

    from datawacht.errors import ConfigError
    from datawacht.redact import printable_url
    from datawacht.report import data as reportdata
    from datawacht.store import database

    settings = ctx.settings  # type: ignore[attr-defined]
    try:
        url = database.normalize_url(settings.resolved_db_url())
        if url.get_backend_name() == "sqlite" and not Path(str(url.database)).exists():
            raise ConfigError(f"no findings database at {url.database}; run `datawacht scan` first")
        engine = database.create_store_engine(url)
    except ConfigError as exc:
        raise click.UsageError(str(exc)) from exc
    except OperationalError as exc:
        raise click.UsageError(
            f"findings database {printable_url(url)} cannot be opened: {type(exc.orig).__name__}"
        ) from exc
    try:
        try:
            database.migrate(engine)
        except ConfigError as exc:
            raise click.UsageError(str(exc)) from exc
        labels = _labels(settings, rules_dir)
        with _output(output) as out, reportdata.snapshot(engine) as conn:
            _write(fmt, conn, out, labels=labels, lang=lang, share_depth=share_depth)
    finally:
        engine.dispose()
    if output is not None:
        click.echo(f"datawacht: {fmt} report written to {output}", err=True)


def _write(
    fmt: str,
    conn: Connection,
    out: IO[str],
    *,
    labels: list[str] | None,
    lang: str,
    share_depth: int,
) -> None:
    from datawacht.report import data as reportdata
    from datawacht.report.exports import write_csv, write_json
    from datawacht.report.html import write_html
    from datawacht.report.sarif import write_sarif

    version = _version()
    if fmt in ("html", "json"):
        data = reportdata.build_report(conn, labels=labels, share_depth=share_depth)
        if fmt == "html":
            write_html(data, out, lang)
        else:
            write_json(data, out, version)
        return
    findings = reportdata.iter_findings(conn, reportdata.share_map(conn, share_depth))
    if fmt == "csv":
        write_csv(findings, out)
        return
    write_sarif(
        findings,
        reportdata.finding_types(conn),
        out,
        labels=reportdata.label_order(conn, labels),
        tool_version=version,
        generated_at=reportdata.timestamp(),
        ruleset_versions=reportdata.ruleset_versions(conn),
        lang=lang,
    )


def _labels(settings: object, rules_dir: Path | None) -> list[str] | None:
    """The label order of the rules; None when the rules cannot be read.

    A report must not fail because the rules are being edited: the labels
    stored with the objects and their ranks then give the order.
    """
    from datawacht.classify.layers import load_ruleset
    from datawacht.errors import ConfigError

    try:
        ruleset = load_ruleset(rules_dir or settings.rules_dir)  # type: ignore[attr-defined]
    except (ConfigError, ValueError, OSError) as exc:
        click.echo(f"datawacht: rules not readable ({exc}); labels ordered as stored", err=True)
        return None
    return [label.id for label in ruleset.labels]


@contextlib.contextmanager
def _output(output: Path | None) -> Iterator[IO[str]]:
    """Standard output, or a new file with mode 0600 that appears only when complete.

    The report is written to a private temporary file beside the target
    and renamed over it at the end, so a failed report leaves no half file
    and an existing file with wider permissions is replaced, not reused.
    """
    if output is None:
        yield sys.stdout
        sys.stdout.flush()
        return
    target = output.resolve()
    fd, temporary = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    try:
        os.fchmod(fd, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as out:
            yield out
        os.replace(temporary, target)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temporary)
        raise


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("datawacht")
    except PackageNotFoundError:
        return "0+unknown"
