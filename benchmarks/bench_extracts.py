"""Throughput of `datawacht scan` on large tabular extracts.

Why: a production export of a register (1 GB of CSV) lands on a share and
must be classified column by column without reading it into memory or
taking minutes.  One invocation

1. generates a semicolon CSV of ``--mb`` megabytes (fictitious people:
   BSNs with a valid check digit under the meaningless header ``veld1``,
   names, e-mail addresses, dates of birth, postcodes), once, in
   ``--workdir``;
2. runs ``datawacht scan FILE --format json --no-store`` as a subprocess, as
   a user would, with column sampling (the default) and reports MB/s and
   rows/s, with and without the start-up (model loading) that any scan pays
   once;
3. runs the same command with ``DATAWACHT_LIMITS__SAMPLE_TABLES=false`` on
   the first ``--full-mb`` megabytes, every row analysed;
4. checks that both runs found the BSN and e-mail columns, and prints the
   peak RSS of each run.

Run: ``python benchmarks/bench_extracts.py --mb 1024 --full-mb 100``.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "tests"))

from support.values import make_bsn  # noqa: E402

BENCH_KEY = "datawacht benchmark key: fixed, public, never use in production!"
POOL = 50_000  # distinct people; rows repeat them, as registers of events do
# Fictitious names, combined at random (no digits: a name column looks like one).
FIRST = ["Anna", "Bram", "Cees", "Daan", "Eva", "Fleur", "Gijs", "Hanna", "Ilse", "Joost"]
LAST = ["de Vries", "Jansen", "van Dijk", "Bakker", "Visser", "Smit", "Meijer", "de Boer"]


def generate(path: Path, megabytes: int, pool: int | None = POOL) -> int:
    """Write the CSV; returns its number of data rows.  Rows repeat `pool`
    people; with None every row is a person of its own (a register of
    residents: a BSN and an e-mail address that no other row has)."""
    rng = random.Random(2026)

    def new_person(number: int) -> str:
        return (
            f"{make_bsn(rng)};{rng.choice(FIRST)} {rng.choice(LAST)};persoon{number}@voorbeeld.nl;"
            f"{rng.randint(1940, 2005)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d};"
            f"{rng.randint(1000, 9999)} {rng.choice(['AB', 'CD', 'EF'])}"
        )

    people = [] if pool is None else [new_person(n) for n in range(pool)]

    def person(number: int) -> str:
        return new_person(number) if pool is None else people[number % pool]

    target = megabytes * 1024 * 1024
    rows = 0
    with path.open("w", encoding="utf-8", newline="") as out:
        out.write("volgnummer;veld1;naam;email;geboortedatum;postcode;bedrag\n")
        written = 0
        while written < target:
            numbers = range(rows, rows + 10_000)
            lines = [f"{n};{person(n)};{n % 997},{n % 100:02d}\n" for n in numbers]
            block = "".join(lines)
            out.write(block)
            written += len(block)
            rows += len(lines)
    return rows


def run_scan(path: Path, env_extra: dict[str, str], state: Path) -> tuple[float, dict, int]:
    """Seconds, the JSON document, and peak RSS (KiB) of one scan."""
    env = {
        **os.environ,
        "DATAWACHT_FINGERPRINT_KEY": BENCH_KEY,
        "DATAWACHT_STATE_DIR": str(state),
        "DATAWACHT_WORKERS": "1",
        **env_extra,
    }
    with tempfile.TemporaryFile("w+") as out, tempfile.TemporaryFile("w+") as err:
        started = time.perf_counter()
        process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "datawacht",
                "scan",
                str(path),
                "--format",
                "json",
                "--no-store",
            ],
            stdout=out,
            stderr=err,
            env=env,
        )
        _, status, usage = os.wait4(process.pid, 0)  # this run's own peak RSS
        seconds = time.perf_counter() - started
        process.returncode = os.waitstatus_to_exitcode(status)
        if process.returncode not in (0, 1):
            err.seek(0)
            raise SystemExit(f"scan failed ({process.returncode}): {err.read()[-2000:]}")
        out.seek(0)
        return seconds, json.loads(out.read()), usage.ru_maxrss


def columns_found(document: dict) -> dict[str, set[str]]:
    found: dict[str, set[str]] = {}
    for finding in document["findings"]:
        found.setdefault(finding["entity_type"], set()).add(finding["location"]["column"])
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--mb", type=int, default=1024, help="size of the sampled extract")
    parser.add_argument("--full-mb", type=int, default=100, help="size read with every row")
    parser.add_argument("--workdir", type=Path, default=Path(tempfile.gettempdir()) / "dw-bench")
    args = parser.parse_args()
    args.workdir.mkdir(parents=True, exist_ok=True)
    state = args.workdir / "state"

    big = args.workdir / f"register-{args.mb}mb.csv"
    small = args.workdir / f"register-{args.full_mb}mb.csv"
    tiny = args.workdir / "leeg.txt"
    tiny.write_text("niets\n", encoding="utf-8")
    for path, size in ((big, args.mb), (small, args.full_mb)):
        if not path.exists():
            started = time.perf_counter()
            rows = generate(path, size)
            print(f"generated {path.name}: {rows} rows in {time.perf_counter() - started:.0f} s")

    startup, _, _ = run_scan(tiny, {}, state)
    print(f"start-up (a scan of one tiny file): {startup:.1f} s")
    print("| run | MB | rows | s | MB/s | MB/s without start-up | peak RSS MiB | columns |")
    print("|---|---|---|---|---|---|---|---|")
    for label, path, env in (
        ("sampled", big, {}),
        ("every row", small, {"DATAWACHT_LIMITS__SAMPLE_TABLES": "false"}),
    ):
        seconds, document, peak = run_scan(path, env, state)
        megabytes = path.stat().st_size / 1024 / 1024
        (obj,) = document["objects"]
        found = columns_found(document)
        assert "veld1" in found.get("NL_BSN", set()), "BSN column not found"
        assert "email" in found.get("EMAIL_ADDRESS", set()), "e-mail column not found"
        rows = sum(1 for _ in path.open("rb")) - 1
        columns = ", ".join(f"{e}:{'/'.join(sorted(c))}" for e, c in sorted(found.items()))
        print(
            f"| {label} | {megabytes:.0f} | {rows} | {seconds:.1f} | {megabytes / seconds:.0f} "
            f"| {megabytes / max(0.001, seconds - startup):.0f} | {peak / 1024:.0f} | {columns} |"
        )
        print(f"  object: {obj['status']}, {obj.get('detail') or ''}")


if __name__ == "__main__":
    main()
