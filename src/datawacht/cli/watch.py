"""`datawacht watch` (the service) and `datawacht status` (its health)."""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

import click
from click.core import ParameterSource

from datawacht import logs
from datawacht.cli import exitcodes
from datawacht.errors import ConfigError


@click.command()
@click.argument("paths", nargs=-1, type=click.Path(file_okay=False, path_type=Path))
@click.option(
    "--workers",
    type=click.IntRange(min=1),
    help="Worker processes (default: setting `workers`, else one per core).",
)
@click.pass_context
def watch(ctx: click.Context, paths: tuple[Path, ...], workers: int | None) -> None:
    """Watch PATHS (default: setting `watch.paths`) and keep the findings current.

    New and changed files are scanned once they stop changing; deleted and
    moved files have their findings resolved with the reason. Work goes
    through a queue in the findings database, so a restart loses nothing:
    at start the trees are compared with the stored state. Network mounts
    (SMB/CIFS, NFS, sshfs) are polled. Logs JSON lines on standard output.
    SIGTERM/SIGINT stop (exit 0), SIGHUP reloads the configuration and rules.
    Check on it with `datawacht status`.
    """
    from datawacht.config import load_settings
    from datawacht.watch.service import WatchService

    parent = ctx.parent
    assert parent is not None
    if parent.get_parameter_source("log_format") is ParameterSource.DEFAULT:
        level = parent.params["log_level"]
        if parent.get_parameter_source("log_level") is ParameterSource.DEFAULT:
            level = "info"
        logs.configure(level, "json", stream=sys.stdout)
    settings = ctx.obj.settings
    roots = [str(p) for p in paths] or [str(p) for p in settings.watch.paths]
    if not roots:
        raise click.UsageError("nothing to watch: give PATHS or set watch.paths in the config file")
    config_file, db = parent.params.get("config_file"), parent.params.get("db")

    def reload_settings():  # noqa: ANN202 - Settings, imported lazily
        fresh = load_settings(config_file)
        if db:
            fresh.db = db
        return fresh

    try:
        service = WatchService(
            settings, roots, reload_settings, workers, roots_from_config=not paths
        )
        code = service.run()
    except ConfigError as exc:
        raise click.UsageError(str(exc)) from exc
    sys.exit(code)


@click.command()
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["table", "json"]),
    default="table",
    show_default=True,
)
@click.option(
    "--all-hosts",
    is_flag=True,
    help="Every daemon that reports to this findings database (many file servers, "
    "one PostgreSQL), not only this host's. JSON: a list of reports.",
)
@click.pass_obj
def status(ctx: object, fmt: str, all_hosts: bool) -> None:
    """Health of this host's watch daemon: queue depth, last event, errors, roots.

    A daemon on another host counts as running while its heartbeat is fresh.

    Exit codes: 0 the daemon (with --all-hosts: every daemon) runs and every
    root is available; 1 a daemon is not running or a root is unavailable;
    2 usage or configuration error.
    """
    from datawacht import scanner
    from datawacht.store.repository import open_store
    from datawacht.watch.heartbeat import hosts, status_report
    from datawacht.watch.queue import WorkQueue

    settings = ctx.settings  # type: ignore[attr-defined]
    local = scanner.host_name(settings)
    try:
        store = open_store(settings.resolved_db_url())
    except ConfigError as exc:
        raise click.UsageError(str(exc)) from exc
    try:
        names = (hosts(store) or [local]) if all_hosts else [local]
        reports = [
            status_report(
                store,
                host,
                WorkQueue(store, host).stats(settings.watch.claim_timeout_seconds),
                local=host == local,
            )
            for host in names
        ]
    finally:
        store.close()
    if fmt == "json":
        data = [report.to_dict() for report in reports]
        click.echo(json.dumps(data if all_hosts else data[0], indent=2, ensure_ascii=False))
    else:
        for report in reports:
            _print_status(report.to_dict())
    healthy = all(report.healthy for report in reports)
    sys.exit(exitcodes.OK if healthy else exitcodes.UNHEALTHY)


def _print_status(data: dict) -> None:
    daemon = data["daemon"]
    if daemon is None:
        click.echo(f"watch daemon ({data['host']}): never started")
    elif data["running"]:
        click.echo(
            f"watch daemon ({data['host']}): running, pid {daemon['pid']}, "
            f"since {daemon['started_at']}, heartbeat {daemon['heartbeat_at']}"
        )
    else:
        ended = daemon["stopped_at"] or f"last heartbeat {daemon['heartbeat_at']}"
        click.echo(f"watch daemon ({data['host']}): NOT RUNNING ({ended})")
    queue = data["queue"]
    oldest = queue["oldest_age_seconds"]
    click.echo(
        f"queue: {queue['due']} due, {queue['waiting']} waiting, {queue['claimed']} claimed"
        + (f"; oldest {_age(oldest)}" if oldest is not None else "")
    )
    if daemon is not None:
        click.echo(f"last event: {daemon['last_event_at'] or 'none'}")
        last = f" (last: {daemon['last_error']} at {daemon['last_error_at']})"
        click.echo(f"errors: {daemon['errors']}" + (last if daemon["last_error"] else ""))
    for root in data["roots"]:
        state = "ok" if root["state"] == "ok" else f"UNAVAILABLE since {root['since']}"
        detail = f" ({root['detail']})" if root["detail"] and root["state"] != "ok" else ""
        click.echo(f"root {root['path']} [{root['mode']}]: {state}{detail}")


def _age(seconds: float) -> str:
    if seconds < 120:
        return f"{seconds:.0f} s"
    return time.strftime("%H:%M:%S", time.gmtime(seconds)) if seconds < 86400 else "over a day"
