"""`datawacht findings`: review the findings database (masked values only).

Officers list, inspect and triage findings, and ask the questions a breach
notification needs (where does this value occur, how many people are in
this share) without the database ever holding a raw value.
"""

from __future__ import annotations

import dataclasses
import json
import sys
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime
from typing import Any, NoReturn

import click

from datawacht.cli import exitcodes
from datawacht.cli.secretinput import ValueInputError, has_key, read_value
from datawacht.errors import ConfigError

STATUSES = ["open", "confirmed", "false_positive", "accepted_risk", "resolved"]


@click.group()
def findings() -> None:
    """Review the findings database: list, show, triage, investigate."""


def _filters(function: Any) -> Any:  # noqa: ANN401 - a click decorator
    """The finding filters shared by `list` and `set-status`."""
    for option in reversed(
        [
            click.option(
                "--status",
                "status_filter",
                multiple=True,
                type=click.Choice(STATUSES),
                help="Current status (repeatable).",
            ),
            click.option("--label", multiple=True, help="Label of the object (repeatable)."),
            click.option("--entity-type", multiple=True, help="E.g. NL_BSN (repeatable)."),
            click.option("--path", "path_glob", metavar="GLOB", help="Object path (fnmatch)."),
            click.option(
                "--share", metavar="DIR", help="Objects under this folder (a scanned share)."
            ),
            click.option(
                "--since",
                type=click.DateTime(["%Y-%m-%d", "%Y-%m-%dT%H:%M:%S"]),
                help="Only findings first seen on or after this date (UTC).",
            ),
        ]
    ):
        function = option(function)
    return function


@findings.command("list")
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table")
@_filters
@click.option("--limit", type=click.IntRange(min=1), help="At most this many findings.")
@click.pass_obj
def list_findings(ctx: object, fmt: str, limit: int | None, **filters: Any) -> None:  # noqa: ANN401
    """List stored findings, ordered by path, entity type and fingerprint.

    json gives the scan output's finding fields plus id, status,
    first_seen and last_seen, as the contract describes.  `--since` answers
    "what is new since ...".
    """
    with _store(ctx) as store:
        rows = _select(store, filters, limit)
    _print_findings(rows, fmt, "no findings match")


@findings.command("show")
@click.argument("finding_id", type=int)
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table")
@click.pass_obj
def show(ctx: object, finding_id: int, fmt: str) -> None:
    """One finding with its object's label and its whole status history."""
    from datawacht.store.review import Review

    with _store(ctx) as store:
        rows = store.list_findings(finding_ids=[finding_id])
        if not rows:
            _fail(f"no finding with id {finding_id}", "show")
        history = Review(store).history(finding_id)
    [row] = rows
    if fmt == "json":
        _dump({**dataclasses.asdict(row), "history": [dataclasses.asdict(e) for e in history]})
        return
    for name, value in dataclasses.asdict(row).items():
        click.echo(f"{name + ':':<15}{value}")
    click.echo("history:")
    for event in history:
        click.echo(
            f"  {event.at}  {event.old_status or '-'} -> {event.new_status}  by {event.actor}"
            f"{'  (scan ' + event.scan_id + ')' if event.scan_id else ''}: {event.reason or ''}"
        )


@findings.command("set-status")
@click.argument("new_status", metavar="STATUS", type=click.Choice(STATUSES))
@click.argument("finding_ids", nargs=-1, type=int)
@click.option("--reason", required=True, help="Why; kept in the audit log.")
@click.option(
    "--actor",
    required=True,
    envvar="DATAWACHT_ACTOR",
    help="Who decides (name or account); kept in the audit log. Env: DATAWACHT_ACTOR.",
)
@_filters
@click.option("--dry-run", is_flag=True, help="Say how many findings would change, change none.")
@click.pass_obj
def set_status(
    ctx: object,
    new_status: str,
    finding_ids: tuple[int, ...],
    reason: str,
    actor: str,
    dry_run: bool,
    **filters: Any,  # noqa: ANN401
) -> None:
    """Give findings a new STATUS: those with the ids given, or all that match
    the filters (bulk).  A reason and the acting user are required; every
    change is appended to the finding's history, which nothing edits.

    \b
    Statuses: open, confirmed, false_positive, accepted_risk, resolved.
    A false positive stays out of the object's label in later scans and is
    never reopened by one; objects whose findings change to or from
    false_positive are re-classified right away.

    \b
    Exit codes: 0 done; 2 nothing selected, no reason/actor, or no database.
    """
    from datawacht.store.review import Review

    if not finding_ids and not any(filters.values()):
        _fail("give finding ids or at least one filter (nothing is changed for all)", "set-status")
    if not reason.strip() or not actor.strip():
        _fail("--reason and --actor must not be empty", "set-status")
    with _store(ctx) as store:
        rows = _select(store, filters, None, finding_ids or None)
        if finding_ids and len(rows) != len(set(finding_ids)):
            missing = sorted(set(finding_ids) - {row.id for row in rows})
            _fail(f"no finding with id {', '.join(map(str, missing))}", "set-status")
        if dry_run:
            changing = sum(1 for row in rows if row.status != new_status)
            click.echo(f"{changing} of {len(rows)} findings would become {new_status}")
            return
        changed = Review(store).set_status(rows, new_status, reason, actor)
        touched = {
            row.object_id
            for row in rows
            if "false_positive" in (row.status, new_status) and row.status != new_status
        }
        relabelled = _reclassify(ctx, store, touched) if touched else 0
    click.echo(f"{changed} of {len(rows)} findings set to {new_status}")
    if relabelled:
        click.echo(f"{relabelled} objects re-classified")


@findings.command("where")
@click.option(
    "--type", "entity_type", help="The value's entity type; default: every type it is valid for."
)
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table")
@click.pass_obj
def where(ctx: object, entity_type: str | None, fmt: str) -> None:
    """Where does a value occur?  Reads ONE value (a BSN, IBAN, e-mail
    address, ...) from standard input or a hidden prompt, fingerprints it
    with this installation's key and lists every finding with that
    fingerprint (exact data match).  The value itself never reaches the
    database, the output or the shell history.

    \b
        datawacht findings where                  # asks, without echo
        printf '%s\\n' "$VALUE" | datawacht findings where --type NL_BSN
    """
    from datawacht import scanner
    from datawacht.store.review import Review

    settings = ctx.settings  # type: ignore[attr-defined]
    if not has_key(settings):
        _fail("no fingerprint key: nothing stored could match (see `rules fingerprint`)", "where")
    try:
        value = read_value(entity_type or "search")
    except ValueInputError as exc:
        _fail(str(exc), "where")
    is_valid = scanner.value_checker(settings)
    protector = scanner.build_protector(settings)
    types = [entity_type] if entity_type else _entity_types()
    fingerprints: set[str] = set()
    for kind in types:
        try:
            if is_valid(kind, value):
                fingerprints.add(protector.protect(kind, value).fingerprint)
        except ValueError:
            continue
    if not fingerprints:
        _fail("the value is no valid value of any entity type asked for (not shown)", "where")
    with _store(ctx) as store:
        rows = Review(store).where(fingerprints)
    if rows and fmt == "table":
        click.echo(f"occurs in {len({r.object_id for r in rows})} objects:")
    _print_findings(rows, fmt, "the value occurs in no stored finding")


@findings.command("subjects")
@click.option(
    "--by", type=click.Choice(["share", "folder", "label"]), default="share", show_default=True
)
@click.option(
    "--share-depth",
    type=click.IntRange(min=0),
    default=1,
    show_default=True,
    help="Folder levels below a scanned root that make a share (as in `report`).",
)
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table")
@click.pass_obj
def subjects(ctx: object, by: str, share_depth: int, fmt: str) -> None:
    """How many people are affected if this share (folder, label) leaks?

    Distinct data subjects per group: the largest number of distinct
    values of one person-identifying type (BSN, e-mail address, IBAN, name,
    ...), counted from fingerprints, without resolved, false-positive and
    suppressed findings.  A share is the scanned folder an object was found
    under plus --share-depth folder levels, as in `datawacht report`.
    """
    from datawacht.store.review import Review

    with _store(ctx) as store:
        counts = Review(store).subjects(by, share_depth)
    if fmt == "json":
        _dump([dataclasses.asdict(count) for count in counts])
        return
    click.echo(f"{'subjects':>9} {'objects':>8} {'findings':>9}  {by}")
    for count in counts:
        click.echo(f"{count.subjects:>9} {count.objects:>8} {count.findings:>9}  {count.group}")


@findings.command("unscanned")
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table")
@click.pass_obj
def unscanned(ctx: object, fmt: str) -> None:
    """Objects the last scan could not (fully) read: encrypted, corrupt,
    too large, unreadable, ... - each needs a look by hand."""
    from datawacht.store.review import Review

    with _store(ctx) as store:
        rows = Review(store).unscanned()
    if fmt == "json":
        _dump([dataclasses.asdict(row) for row in rows])
        return
    if not rows:
        click.echo("every present object was scanned")
    for row in rows:
        detail = f"{row.reason or ''}{': ' + row.detail if row.detail else ''}"
        click.echo(f"{row.status:<8} {detail}  {row.path}")


# --- helpers -------------------------------------------------------------------


@contextmanager
def _store(ctx: object) -> Iterator[Any]:
    from datawacht.store.repository import open_store

    settings = ctx.settings  # type: ignore[attr-defined]
    try:
        store = open_store(settings.resolved_db_url())
    except ConfigError as exc:
        _fail(str(exc), "findings")
    try:
        yield store
    finally:
        store.close()


def _select(
    store: Any,  # noqa: ANN401
    filters: dict[str, Any],
    limit: int | None,
    finding_ids: Sequence[int] | None = None,
) -> list[Any]:
    path_glob = filters.get("path_glob")
    share = filters.get("share")
    if share:
        if path_glob:
            _fail("give --path or --share, not both", "findings")
        path_glob = share.rstrip("/") + "/*"
    since = filters.get("since")
    return store.list_findings(
        status=list(filters.get("status_filter") or ()) or None,
        label=list(filters.get("label") or ()) or None,
        entity_type=list(filters.get("entity_type") or ()) or None,
        path_glob=path_glob,
        since=since.replace(tzinfo=UTC) if isinstance(since, datetime) else None,
        finding_ids=finding_ids,
        limit=limit,
    )


def _reclassify(ctx: object, store: Any, object_ids: set[str]) -> int:  # noqa: ANN401
    """Labels of the objects whose false positives changed, with the configured rules."""
    from datawacht import scanner
    from datawacht.classify.reapply import apply_rules

    settings = ctx.settings  # type: ignore[attr-defined]
    try:
        rules = scanner.load_rules(settings)
        classifier = scanner.build_classifier(
            rules, scanner.build_protector(settings), scanner.value_checker(settings)
        )
    except ConfigError as exc:
        _fail(f"status changed, but re-classifying failed: {exc}", "set-status")
    return sum(apply_rules(store, classifier, object_ids).values())


def _entity_types() -> list[str]:
    from datawacht.classify.layers import load_ruleset

    return sorted(load_ruleset().entities)


def _print_findings(rows: Sequence[Any], fmt: str, nothing: str) -> None:
    if fmt == "json":
        _dump([dataclasses.asdict(row) for row in rows])
        return
    if not rows:
        click.echo(nothing)
        return
    click.echo(f"{'id':>7} {'status':<16} {'type':<18} {'masked':<24} {'label':<14} path")
    for row in rows:
        click.echo(
            f"{row.id:>7} {_status(row):<16} {row.entity_type:<18} {row.masked:<24} "
            f"{row.label or '-':<14} {row.path}"
        )


def _status(row: Any) -> str:  # noqa: ANN401
    # A suppressed finding is shown as such, with the suppression that accepted it.
    return f"suppressed:{row.suppressed}" if row.suppressed else row.status


def _dump(data: object) -> None:
    json.dump(data, sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")


def _fail(message: str, command: str) -> NoReturn:
    click.echo(f"datawacht findings {command}: {message}", err=True)
    sys.exit(exitcodes.USAGE)
