"""`datawacht doctor`: check permissions and configuration, say what to fix."""

from __future__ import annotations

import json
import sys
from typing import TYPE_CHECKING

import click

from datawacht.cli import exitcodes
from datawacht.config import find_config_file
from datawacht.errors import ConfigError

if TYPE_CHECKING:
    from datawacht.doctor import Check, Repair

STATUS_WORDS = {"ok": "ok", "warn": "warn", "fail": "FAIL"}


@click.command(short_help="Check permissions and configuration; say what to fix.")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="text: one line per check for people; json: one document for scripts.",
)
@click.option(
    "--fix",
    is_flag=True,
    help="Apply the safe, local fixes (the chmods described above), then check again.",
)
@click.option("--strict", is_flag=True, help="Exit with code 1 on warnings too.")
@click.pass_context
def doctor(ctx: click.Context, fmt: str, fix: bool, strict: bool) -> None:
    """Check that this installation is safe and ready to scan; say what to fix.

    Run it as the user that runs datawacht, with that user's environment;
    for the service: sudo -u datawacht DATAWACHT_STATE_DIR=/var/lib/datawacht
    datawacht --config /etc/datawacht/config.toml doctor

    \b
    What is checked:
      config           which file was read; not writable by others; readable
                       by its owner only when it holds the fingerprint key or
                       a password
      state-dir        exists, belongs to you, mode 0700
      fingerprint-key  configured (never shown), or the key file: mode 0600,
                       yours, at least 32 bytes; the same key on every server
                       of a shared PostgreSQL database
      store            the findings database (password hidden): no password in
                       its URL, a SQLite file mode 0600, it opens and its
                       schema is the newest
      model            the Dutch spaCy pipeline loads, offline (a few seconds)
      rules            the rule set loads, as `datawacht rules check` checks it
      watch-paths      the configured roots exist and are readable
      limits           no limit that disarms the protection against archive
                       bombs or huge files

    A config file that does not parse or validate stops every other
    command; this one reports it (naming the key that is wrong) and checks
    nothing else, because nothing else can be known without settings.

    --fix changes only your own files: chmod 600 on the key file, the SQLite
    database (and its -wal and -shm) and a config file that holds a secret
    (not a root-owned one, which a service user may read); chmod 700 on the
    state directory.  Symbolic links are not followed.  What it changed is
    printed, then every check runs again.

    \b
    Exit codes:
      0  nothing failed (warnings too, unless --strict)
      1  a check failed, or --strict and a check warned
      2  usage error
    """
    from datawacht import doctor as checks_module

    config_file = find_config_file(ctx.find_root().params.get("config_file"))
    applied: list[tuple[Repair, str | None]] = []
    if isinstance(ctx.obj, ConfigError):
        checks = [checks_module.unusable_config(config_file, ctx.obj)]
    else:
        settings = ctx.obj.settings
        checks = checks_module.run_checks(settings, config_file)
        if fix:
            applied = [
                (repair, checks_module.apply_repair(repair))
                for check in checks
                for repair in check.repairs
            ]
            if applied:
                checks = checks_module.run_checks(settings, config_file)
    if fmt == "json":
        click.echo(json.dumps(_document(checks, applied), indent=2))
    else:
        _print_text(checks, applied)
    sys.exit(_exit_code(checks, strict))


def _print_text(checks: list[Check], applied: list[tuple[Repair, str | None]]) -> None:
    for repair, error in applied:
        if error is None:
            click.echo(f"fixed: {repair.describe()}")
        else:
            click.echo(f"not fixed: {repair.describe()}: {error}")
    width = max(len(check.name) for check in checks)
    for check in checks:
        click.echo(f"{STATUS_WORDS[check.status]:<5} {check.name:<{width}}  {check.message}")
        if check.fix:
            click.echo(f"      fix: {check.fix}")


def _document(checks: list[Check], applied: list[tuple[Repair, str | None]]) -> dict[str, object]:
    return {
        "status": _worst(checks),
        "checks": [
            {
                "name": check.name,
                "status": str(check.status),
                "message": check.message,
                "fix": check.fix,
                "fixable": bool(check.repairs),
            }
            for check in checks
        ],
        "fixed": [{"change": repair.describe(), "error": error} for repair, error in applied],
    }


def _worst(checks: list[Check]) -> str:
    statuses = {str(check.status) for check in checks}
    return next(status for status in ("fail", "warn", "ok") if status in statuses)


def _exit_code(checks: list[Check], strict: bool) -> int:
    worst = _worst(checks)
    if worst == "fail" or (strict and worst == "warn"):
        return exitcodes.DOCTOR_PROBLEMS
    return exitcodes.OK
