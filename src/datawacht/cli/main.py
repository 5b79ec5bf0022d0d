"""The `datawacht` command: a click group whose subcommands live in their own modules.

Exit codes scripts can rely on are in `cli/exitcodes.py`.
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from datawacht import logs
from datawacht.cli import exitcodes
from datawacht.config import Settings, load_settings
from datawacht.errors import ConfigError


class Context:
    """What every subcommand gets: settings, loaded once."""

    def __init__(self, config_file: Path | None, db: str | None) -> None:
        self.settings: Settings = load_settings(config_file)
        if db:
            self.settings.db = db


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.option(
    "--config",
    "config_file",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Config file (TOML). Default: $DATAWACHT_CONFIG, ~/.config/datawacht/config.toml, "
    "/etc/datawacht/config.toml.",
)
@click.option("--db", help="Findings database as SQLAlchemy URL (env DATAWACHT_DB).")
@click.option(
    "--log-level",
    default="warning",
    show_default=True,
    type=click.Choice(["debug", "info", "warning", "error"], case_sensitive=False),
)
@click.option(
    "--log-format",
    default="plain",
    show_default=True,
    type=click.Choice(["plain", "json"]),
    help="json: one JSON object per line, for journald and log shippers.",
)
@click.version_option(package_name="datawacht")
@click.pass_context
def cli(
    ctx: click.Context, config_file: Path | None, db: str | None, log_level: str, log_format: str
) -> None:
    """datawacht finds personal data where it should not be.

    It scans file shares and extracts for Dutch personal data (BSN, IBAN,
    phone numbers, e-mail addresses, dates of birth, …), labels every file
    (openbaar < intern < vertrouwelijk < geheim) and keeps findings in a
    database for review. Raw values never leave the scanner: findings carry
    a masked form and a keyed fingerprint only.
    """
    logs.configure(log_level, log_format)
    try:
        ctx.obj = Context(config_file, db)
    except ConfigError as exc:
        if ctx.invoked_subcommand != "doctor":
            raise click.UsageError(str(exc)) from exc
        ctx.obj = exc  # doctor reports it with what to fix


def main() -> None:
    try:
        cli(standalone_mode=True)
    except KeyboardInterrupt:
        click.echo("datawacht: interrupted", err=True)
        sys.exit(exitcodes.INTERRUPTED)


def register_commands() -> None:
    """Subcommands live in their own modules, one per front."""
    from datawacht.cli import doctor, findings, report, rules, scan, watch, work

    cli.add_command(scan.scan)
    cli.add_command(findings.findings)
    cli.add_command(rules.rules)
    cli.add_command(report.report)
    cli.add_command(watch.watch)
    cli.add_command(watch.status)
    cli.add_command(work.work)
    cli.add_command(doctor.doctor)


register_commands()
