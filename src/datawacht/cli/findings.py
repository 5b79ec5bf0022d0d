"""`datawacht findings`: read the findings database (masked values only)."""

from __future__ import annotations

import dataclasses
import json
import sys

import click

STATUSES = ["open", "confirmed", "false_positive", "accepted_risk", "resolved"]


@click.group()
def findings() -> None:
    """Query the findings database."""


@findings.command("list")
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table")
@click.option("--status", multiple=True, type=click.Choice(STATUSES), help="Repeatable.")
@click.option("--label", multiple=True, help="Label of the object (repeatable).")
@click.option("--entity-type", multiple=True, help="Entity type, e.g. NL_BSN (repeatable).")
@click.option("--path", "path_glob", metavar="GLOB", help="Only objects whose path matches.")
@click.option("--limit", type=click.IntRange(min=1), help="At most this many findings.")
@click.pass_obj
def list_findings(
    ctx: object,
    fmt: str,
    status: tuple[str, ...],
    label: tuple[str, ...],
    entity_type: tuple[str, ...],
    path_glob: str | None,
    limit: int | None,
) -> None:
    """List stored findings, newest first within each object.

    json gives the scan output's finding fields plus status, first_seen and
    last_seen, as the contract describes.
    """
    from datawacht.store.repository import open_store

    settings = ctx.settings  # type: ignore[attr-defined]
    store = open_store(settings.resolved_db_url())
    try:
        rows = store.list_findings(
            status=list(status) or None,
            label=list(label) or None,
            path_glob=path_glob,
            entity_type=list(entity_type) or None,
            limit=limit,
        )
    finally:
        store.close()
    if fmt == "json":
        json.dump(
            [dataclasses.asdict(row) for row in rows], sys.stdout, ensure_ascii=False, indent=2
        )
        sys.stdout.write("\n")
        return
    if not rows:
        click.echo("no findings match")
        return
    click.echo(f"{'status':<14} {'type':<18} {'masked':<24} {'label':<14} path")
    for row in rows:
        # A suppressed finding is shown as such, with the suppression that accepted it.
        status = f"suppressed:{row.suppressed}" if row.suppressed else row.status
        click.echo(
            f"{status:<14} {row.entity_type:<18} {row.masked:<24} {row.label or '-':<14} {row.path}"
        )
