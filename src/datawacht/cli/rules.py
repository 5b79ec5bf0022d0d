"""`datawacht rules`: check a rules directory, fingerprint a value for a suppression.

The rule language is described in docs/rules.md.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import NoReturn

import click

from datawacht.cli import exitcodes
from datawacht.cli.options import fail_on_option, rules_dir_option
from datawacht.cli.secretinput import ValueInputError, has_key, read_value
from datawacht.errors import ConfigError


@click.group()
def rules() -> None:
    """Work with the classification rules (docs/rules.md)."""


@rules.command("check", short_help="Check a rules directory; exit 2 on an error.")
@click.argument("directory", required=False, type=click.Path(path_type=Path), metavar="[DIR]")
@click.pass_obj
def check(ctx: object, directory: Path | None) -> None:
    """Check the rules directory DIR as a scan would load it.

    DIR defaults to the setting `rules_dir`, else the shipped rules.

    \b
    What is checked:
    - every *.yaml layer against the schema: valid YAML, no unknown or
      misspelt keys, required fields present, classes S0-S3, severities,
      rule ids and entity types well formed, fingerprints 64 hex characters;
    - the layering: only the first file may stand alone (and then defines
      the labels), every later one says `extends: default`; `disable`
      names rules that exist in the layers before it;
    - the merged set: every label used by an entity, combination, volume
      or location rule exists, every rule a suppression names exists;
    - .datawachtignore: one `PATH_GLOB [ENTITY_TYPE [FINGERPRINT]]` per line;
    - suppression `values:` are valid values of their entity type (they
      are turned into fingerprints here, as at the start of a scan).

    .datawacht.yaml files in scanned folders are not read here: a broken
    one is reported as a violation of the objects below it.

    \b
    Exit codes:
      0  the rules are valid; a summary is printed
      2  an error: printed to standard error, one line per problem as
         FILE:LINE: FIELD: MESSAGE where the line is known
    """
    from datawacht import scanner
    from datawacht.classify.layers import IGNORE_FILE, shipped_rules_dir

    settings = ctx.settings  # type: ignore[attr-defined]
    directory = directory or settings.rules_dir or shipped_rules_dir()
    if directory.is_file():
        _fail(f"{directory} is a file; give the directory that holds the rule files", "check")
    try:
        ruleset = scanner.check_rules(settings, directory)
    except ConfigError as exc:
        _fail(f"{directory}:\n{exc}", "check")

    # The ignore file's lines are suppressions `ignore.<line>` of the loaded set.
    ignored = [s for s in ruleset.suppressions if s.id.startswith("ignore.")]
    from_ignore = {s.id for s in ignored}
    in_files = [s for s in ruleset.suppressions if s.id not in from_ignore]
    markings = ruleset.markings
    rows = [
        ("ruleset", ruleset.version),
        ("labels", f"{len(ruleset.labels)} ({' < '.join(ruleset.label_ids)})"),
        ("entity rules", len(ruleset.entities)),
        ("combinations", len(ruleset.combinations)),
        ("volume rules", len(ruleset.volume)),
        ("markings", f"{markings.entity} ({markings.severity})" if markings else "none"),
        ("locations", len(ruleset.locations)),
        ("suppressions", len(in_files)),
        ("ignore entries", f"{len(ignored)} ({IGNORE_FILE})"),
    ]
    click.echo(f"rules OK: {directory}")
    for name, value in rows:
        click.echo(f"  {name + ':':<16}{value}")


@rules.command(
    "fingerprint", short_help="Fingerprint one value from standard input, for suppressions."
)
@click.argument("entity_type")
@click.pass_obj
def fingerprint(ctx: object, entity_type: str) -> None:
    """Print the fingerprint of one ENTITY_TYPE value read from standard input.

    For suppressions of the organisation's own identifiers (its IBAN, its
    switchboard number) without writing the value into a rule file: put
    the printed fingerprint under `fingerprints:` of a suppression, or as
    the third word of a .datawachtignore line.

    \b
        printf '%s\\n' 'NL91 ABNA 0417 1643 00' | datawacht rules fingerprint IBAN_CODE
        datawacht rules fingerprint NL_BSN     # on a terminal: asks, without echo

    The value is read from standard input, never from the command line
    (which ends up in shell history and in `ps`), and is never printed.
    It is canonicalised first, so `111.222.333` and `111222333` give the
    same fingerprint.  A fingerprint is an HMAC with this installation's
    key: run this with the key the scanner uses (setting
    `fingerprint_key` or the key file in `state_dir`); without either it
    stops instead of creating a new key.

    \b
    Exit codes:
      0  the fingerprint (64 hex characters) is printed on standard output
      2  no value, more than one, a value that is not a valid ENTITY_TYPE,
         or no key
    """
    from datawacht import scanner

    settings = ctx.settings  # type: ignore[attr-defined]
    if not has_key(settings):
        _fail(
            "no fingerprint key: set fingerprint_key (DATAWACHT_FINGERPRINT_KEY) or run as "
            f"the user whose state directory holds the scanner's key "
            f"({settings.resolved_state_dir()} has none); a new key would give fingerprints "
            "that never match",
            "fingerprint",
        )
    try:
        value = read_value(entity_type)
    except ValueInputError as exc:
        _fail(str(exc), "fingerprint")
    try:
        if not scanner.value_checker(settings)(entity_type, value):
            raise ValueError("its check fails")
        protected = scanner.build_protector(settings).protect(entity_type, value)
    except ConfigError as exc:
        _fail(str(exc), "fingerprint")
    except ValueError as exc:
        # canonical.py never puts the value in a message; checked all the same.
        reason = str(exc) if value not in str(exc) else ""
        _fail(
            f"not a valid {entity_type} value{f' ({reason})' if reason else ''}; "
            "the value is not shown",
            "fingerprint",
        )
    click.echo(protected.fingerprint)
    click.echo(f"{entity_type} {protected.masked}", err=True)


def _fail(message: str, command: str) -> NoReturn:
    click.echo(f"datawacht rules {command}: {message}", err=True)
    sys.exit(exitcodes.USAGE)


@rules.command("apply", short_help="Re-classify stored findings with the current rules.")
@rules_dir_option
@fail_on_option
@click.pass_obj
def apply(ctx: object, rules_dir: Path | None, fail_on: str | None) -> None:
    """Give every stored object the label the current rules give its findings.

    After a change of the rules (a threshold, a suppression for the
    organisation's own IBAN, a location policy) there is no need to rescan:
    the findings database holds every finding's fingerprint, type and
    recognizer detail, which is all the rules look at.  Suppressions are
    re-marked, labels, explanations and violations recomputed (an archive
    with everything inside it), and every object records the ruleset
    version it was classified with.  Resolved findings do not count.

    Prints how many objects moved from one label to another.

    \b
    Exit codes:
      0  done
      1  --fail-on LABEL given and an object is labelled LABEL or higher
      2  invalid rules, unknown label or unusable findings database
    """
    from datawacht import scanner
    from datawacht.classify.reapply import apply_rules
    from datawacht.store.repository import open_store

    settings = ctx.settings  # type: ignore[attr-defined]
    if not has_key(settings):
        _fail(
            "no fingerprint key: the stored findings were fingerprinted with a key this "
            "installation no longer has (set fingerprint_key or state_dir as the scanner does)",
            "apply",
        )
    try:
        ruleset = scanner.load_rules(settings, rules_dir)
        classifier = scanner.build_classifier(
            ruleset, scanner.build_protector(settings), scanner.value_checker(settings)
        )
        fail_rank = ruleset.rank(fail_on) if fail_on else None
    except ConfigError as exc:
        _fail(str(exc), "apply")
    except ValueError:
        _fail(f"--fail-on: unknown label {fail_on!r} ({', '.join(ruleset.label_ids)})", "apply")
    try:
        store = open_store(settings.resolved_db_url())
    except ConfigError as exc:
        _fail(str(exc), "apply")
    try:
        changes = apply_rules(store, classifier)
    finally:
        store.close()
    click.echo(f"rules {ruleset.version} applied to {sum(changes.values())} objects")
    for (old, new), count in sorted(changes.items()):
        marker = "  " if old == new else "->"
        click.echo(f"  {old or '-':<14} {marker} {new:<14} {count}")
    if fail_rank is not None and any(
        ruleset.rank(new) >= fail_rank for (_, new), count in changes.items() if count
    ):
        sys.exit(exitcodes.FAIL_ON)
