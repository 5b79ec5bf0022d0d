"""Benchmark a live PostgreSQL table as a scan target: classify a million rows by sampling.

Why: a register of a million people must be classified in seconds (target
< 10 s), without reading the million rows.  This creates a scratch database
on the test server, loads ``--rows`` generated rows with COPY (fictitious:
BSNs with a valid elfproef, numbered e-mail addresses, names and places from
small Faker ``nl_NL`` pools), runs ``ANALYZE`` as autovacuum would, and times
what ``datawacht scan postgresql://…`` does for the table: list it (catalogue
and statistics), sample it, detect, fingerprint and classify.  Loading
Presidio and the Dutch pipeline is timed apart (once per scan, whatever the
targets).  The scratch database is dropped afterwards.

Run: ``python benchmarks/bench_database.py`` (``--rows``, ``--sample-rows``,
``--full`` for a full pass instead of a sample, ``--server URL``).
"""

from __future__ import annotations

import argparse
import io
import json
import random
import secrets
import sys
import tempfile
import time
from pathlib import Path

import sqlalchemy as sa
from faker import Faker

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

from datawacht import scanner  # noqa: E402
from datawacht.config import DatabaseSettings, Settings  # noqa: E402
from datawacht.report.writers import WRITERS  # noqa: E402
from datawacht.sources.database import parse_target  # noqa: E402
from datawacht.sources.tablereader import TableReader  # noqa: E402
from datawacht.workers import Scanner  # noqa: E402
from support.databases import make_bsn  # noqa: E402

SERVER = "postgresql+psycopg://postgres@127.0.0.1:5432/test"
COPY_CHUNK = 50_000


def load(url: str, rows: int, seed: int = 3) -> None:
    """`klanten` with `rows` rows through COPY, then ANALYZE."""
    rng = random.Random(seed)
    fake = Faker("nl_NL")
    fake.seed_instance(seed)
    bsns = [make_bsn(rng) for _ in range(20_000)]
    names = [fake.name() for _ in range(500)]
    places = [fake.city() for _ in range(300)]
    engine = sa.create_engine(url)
    try:
        with engine.begin() as conn:
            conn.exec_driver_sql(
                "CREATE TABLE klanten (id BIGINT PRIMARY KEY, veld1 TEXT, email TEXT,"
                " naam TEXT, woonplaats TEXT, klant_sinds DATE, opmerking TEXT)"
            )
            cursor = conn.connection.dbapi_connection.cursor()
            with cursor.copy("COPY klanten FROM STDIN") as copy:
                for start in range(0, rows, COPY_CHUNK):
                    buffer = io.StringIO()
                    for i in range(start, min(rows, start + COPY_CHUNK)):
                        buffer.write(
                            f"{i}\t{bsns[i % len(bsns)]}\tklant{i}@voorbeeld-gemeente.nl\t"
                            f"{names[i % len(names)]}\t{places[i % len(places)]}\t"
                            f"20{i % 25:02d}-0{1 + i % 9}-1{i % 10}\tgeen bijzonderheden\n"
                        )
                    copy.write(buffer.getvalue())
        with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            conn.exec_driver_sql("ANALYZE klanten")
    finally:
        engine.dispose()


def classify(url: str, settings: Settings) -> dict[str, float | str]:
    """Time one scan of the database, as `datawacht scan URL --no-store` runs it."""
    started = time.perf_counter()
    pipeline = scanner.build_pipeline(settings, scanner.load_rules(settings))
    loaded = time.perf_counter()
    target = parse_target(url)
    pipeline.tables = TableReader([target], settings.database, settings.limits.to_limits())
    out = io.StringIO()
    with Scanner(pipeline, workers=1) as pool:
        begun = time.perf_counter()
        listed = scanner.database_target(
            target, settings.database, "bench", None, pipeline.classifier
        )
        listing = time.perf_counter()
        summary = scanner.run_scan([listed], pool, WRITERS["json"](out), None, "bench")
        done = time.perf_counter()
    pipeline.tables.close()
    [table] = json.loads(out.getvalue())["objects"]
    return {
        "load_pipeline_s": loaded - started,
        "list_s": listing - begun,
        "classify_s": done - listing,
        "total_s": done - begun,
        "label": table["classification"]["label"],
        "detail": table["detail"],
        "counts": str(table["counts"]),
        "status": summary.status,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--sample-rows", type=int, default=DatabaseSettings().sample_rows)
    parser.add_argument("--full", action="store_true", help="read every row instead")
    parser.add_argument("--server", default=SERVER)
    args = parser.parse_args()

    admin = sa.create_engine(args.server, isolation_level="AUTOCOMMIT")
    name = f"datawacht_bench_{secrets.token_hex(4)}"
    with admin.connect() as conn:
        conn.exec_driver_sql(f'CREATE DATABASE "{name}"')
    url = sa.make_url(args.server).set(database=name).render_as_string(hide_password=False)
    try:
        began = time.perf_counter()
        load(url, args.rows)
        print(f"loaded {args.rows:,} rows with COPY in {time.perf_counter() - began:.1f} s")
        with tempfile.TemporaryDirectory() as state:
            settings = Settings(
                state_dir=Path(state),
                fingerprint_key="bench-" + "0" * 32,
                database=DatabaseSettings(sample_rows=args.sample_rows, full=args.full),
            )
            result = classify(url, settings)
        total = float(result["total_s"])
        print(f"pipeline load (once per scan): {result['load_pipeline_s']:.2f} s")
        print(f"list (catalogue, statistics):  {result['list_s']:.3f} s")
        print(f"sample, detect, classify:      {result['classify_s']:.3f} s")
        print(
            f"table classified in {total:.2f} s (target < 10 s): "
            f"{args.rows / total:,.0f} table rows/s; {result['detail']}"
        )
        print(f"label {result['label']}; distinct values {result['counts']}")
    finally:
        with admin.connect() as conn:
            conn.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.dispose()


if __name__ == "__main__":
    main()
