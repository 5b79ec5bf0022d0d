"""`datawacht work`: a worker of distributed scans (`scan --distribute`)."""

from __future__ import annotations

import sys

import click

from datawacht.cli import exitcodes
from datawacht.errors import ConfigError


@click.command()
@click.option(
    "--workers",
    type=click.IntRange(min=1),
    help="Scan processes (default: setting `workers`, else one per core).",
)
@click.option(
    "--until-empty",
    is_flag=True,
    help="Stop when no job is waiting (default: wait for jobs until SIGTERM).",
)
@click.pass_obj
def work(ctx: object, workers: int | None, until_empty: bool) -> None:
    """Scan jobs of distributed scans from the findings database.

    Run one `datawacht work` on every host that mounts the shares at the
    same path as the host that runs `datawacht scan --distribute`; it takes
    one job at a time and scans its files in one process per core, each
    with the per-object time limit.  Every worker needs the same findings
    database (PostgreSQL), fingerprint key, rules and `host` setting (the
    name under which the share's objects are stored).  See
    docs/distributed.md.

    Exit codes: 0 stopped; 2 usage or configuration error.
    """
    from datawacht import scanner
    from datawacht.store.repository import open_store
    from datawacht.store.review import Review
    from datawacht.workers import Scanner, harden_forked_workers, workers_to_use

    try:
        from datawacht.distributed import make_app, run_worker
    except ImportError as exc:  # procrastinate comes with the postgres extra
        raise click.UsageError("distributed scans need: pip install 'datawacht[postgres]'") from exc

    settings = ctx.settings  # type: ignore[attr-defined]
    try:
        app = make_app(settings.resolved_db_url())
        pipeline = scanner.build_pipeline(settings, scanner.load_rules(settings))
        store = open_store(settings.resolved_db_url())
    except (ConfigError, ValueError) as exc:
        raise click.UsageError(str(exc)) from exc
    try:
        pipeline.classifier.keep_out(Review(store).false_positives())
        harden_forked_workers()
        processes = workers_to_use(workers, settings.workers)
        # Loaded and forked now (ready means able to scan), before
        # procrastinate opens its connections and starts its threads.
        with Scanner(pipeline, processes, always_fork=True).start() as pool:
            with app.open():
                run_worker(app, pool, store, scanner.host_name(settings), until_empty=until_empty)
    finally:
        store.close()
    sys.exit(exitcodes.OK)
