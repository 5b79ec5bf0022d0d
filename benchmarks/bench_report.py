"""Time `datawacht report` on a findings database with 100,000 findings.

Why: the report is what officers open; on an organisation's database it
must come in seconds (target: the HTML report of 100,000 findings in under
5 s) and stay a size a browser opens.  One invocation

1. fills a new findings database with synthetic rows
   (`tests/support/report_db.py`: by default 5,000 objects with 100,000
   findings in 20 shares, plus clean, unreadable and vanished objects, six
   scans with history; masked values and fingerprints are obviously
   fictitious), inserted directly with SQLAlchemy;
2. builds each format in this process, each in its own read snapshot, as
   `datawacht report` does, and times the database part and the writing;
3. runs `datawacht report --format html` as a subprocess, start-up included;
4. prints seconds and sizes; `--json OUT` writes them.

Run: `python benchmarks/bench_report.py` (SQLite in a temporary folder) or
`--db postgresql://postgres@127.0.0.1/bench_report` (an empty database).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import sqlalchemy as sa

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "tests"))

from datawacht.report import data  # noqa: E402
from datawacht.report.exports import write_csv, write_json  # noqa: E402
from datawacht.report.html import write_html  # noqa: E402
from datawacht.report.sarif import write_sarif  # noqa: E402
from support.report_db import LABELS, populate  # noqa: E402


def build(fmt: str, engine: sa.Engine, out_path: Path) -> tuple[float, float]:
    """Write one format; returns (seconds reading, seconds in total)."""
    started = time.perf_counter()
    with data.snapshot(engine) as conn, out_path.open("w", encoding="utf-8", newline="") as out:
        if fmt in ("html", "json"):
            report = data.build_report(conn, labels=list(LABELS))
            read = time.perf_counter() - started
            if fmt == "html":
                write_html(report, out, "nl")
            else:
                write_json(report, out, "bench")
        else:
            # streamed: reading and writing interleave
            findings = data.iter_findings(conn, data.share_map(conn))
            if fmt == "csv":
                write_csv(findings, out)
            else:
                write_sarif(
                    findings,
                    data.finding_types(conn),
                    out,
                    labels=data.label_order(conn, LABELS),
                    tool_version="bench",
                    generated_at=data.timestamp(),
                    ruleset_versions=data.ruleset_versions(conn),
                )
            read = float("nan")
    return read, time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--findings", type=int, default=100_000)
    parser.add_argument("--objects", type=int, default=5000, help="objects with findings")
    parser.add_argument("--shares", type=int, default=20)
    parser.add_argument(
        "--db", help="an empty findings database URL (default: SQLite in a temp dir)"
    )
    parser.add_argument("--json", type=Path, help="write the figures as JSON here")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="bench-report-") as tmp:
        work = Path(tmp)
        url = args.db or f"sqlite:///{work / 'findings.db'}"
        started = time.perf_counter()
        made = populate(url, objects=args.objects, findings=args.findings, shares=args.shares)
        filled = time.perf_counter() - started
        print(
            f"database: {made.findings:,} findings in {made.objects:,} objects, "
            f"{made.shares} shares, {made.scans} scans; filled in {filled:.1f} s "
            f"({sa.make_url(url).get_backend_name()})"
        )
        engine = sa.create_engine(url)
        figures: dict[str, dict[str, float]] = {}
        try:
            for fmt in ("html", "json", "csv", "sarif"):
                out = work / f"report.{fmt}"
                read, total = build(fmt, engine, out)
                size = out.stat().st_size
                figures[fmt] = {"read_s": read, "total_s": total, "bytes": size}
                reading = f"(database {read:.2f} s)" if read == read else "(streamed)"
                print(f"{fmt:<6} {total:6.2f} s {reading:<22} {size / 1e6:8.1f} MB")
        finally:
            engine.dispose()

        env = {**os.environ, "DATAWACHT_STATE_DIR": str(work / "state")}
        env.pop("DATAWACHT_CONFIG", None)
        started = time.perf_counter()
        subprocess.run(
            [
                sys.executable,
                "-m",
                "datawacht",
                "--db",
                url,
                "report",
                "-o",
                str(work / "cli.html"),
            ],
            check=True,
            env=env,
            capture_output=True,
        )
        cli = time.perf_counter() - started
        figures["cli_html"] = {"total_s": cli, "bytes": (work / "cli.html").stat().st_size}
        print(f"datawacht report --format html (subprocess, start-up included): {cli:.2f} s")
    if args.json:
        args.json.write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
