"""Options that several commands share, written once so their meaning stays one."""

from __future__ import annotations

from pathlib import Path

import click

rules_dir_option = click.option(
    "--rules",
    "rules_dir",
    type=click.Path(file_okay=False, exists=True, path_type=Path),
    help="Rule directory instead of the configured or shipped one.",
)

fail_on_option = click.option(
    "--fail-on",
    metavar="LABEL",
    help="Exit with code 1 when an object is labelled LABEL or higher (for CI gates).",
)
