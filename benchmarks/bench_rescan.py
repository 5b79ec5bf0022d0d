"""A rescan of an unchanged tree: how long `datawacht scan` takes when
nothing changed since the last scan (issue target: 10,000 files in ≤ 5 s).

One invocation generates ``--files`` small letters (fictitious BSNs, one in
every tenth file, the rest clean), runs ``datawacht scan TREE`` once to fill
a fresh findings database, then times the same command again (``--format
json`` to /dev/null, so the output of every object and finding is part of
the cost) and once more with ``--rescan`` for comparison when ``--full``.
The start-up (interpreter, imports, rules, store) is measured apart, as a
scan of an empty folder with the state the first scan left (its key and its
checked suppression values), which is what the rescan starts with.

Run: ``python benchmarks/bench_rescan.py --files 10000``.
"""

from __future__ import annotations

import argparse
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


def generate(root: Path, files: int) -> None:
    rng = random.Random(10_000)
    for n in range(files):
        folder = root / f"afdeling{n % 50:02d}"
        folder.mkdir(parents=True, exist_ok=True)
        body = f"Notitie {n}: overleg over planning en budget.\n"
        if n % 10 == 0:
            value = make_bsn(rng)
            body += f"Betreft de heer Testpersoon, BSN {value[:4]}.{value[4:6]}.{value[6:]}.\n"
        (folder / f"notitie{n:05d}.txt").write_text(body, encoding="utf-8")


def timed_scan(target: Path, state: Path, *extra: str) -> float:
    env = {**os.environ, "DATAWACHT_FINGERPRINT_KEY": BENCH_KEY, "DATAWACHT_STATE_DIR": str(state)}
    started = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "datawacht", "scan", str(target), "--format", "json", *extra],
        stdout=subprocess.DEVNULL,
        env=env,
        check=True,
    )
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--files", type=int, default=10_000)
    parser.add_argument("--full", action="store_true", help="also time a --rescan")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="dw-rescan-") as work:
        root, state, empty = Path(work, "tree"), Path(work, "state"), Path(work, "leeg")
        empty.mkdir()
        generate(root, args.files)
        first = timed_scan(root, state)
        startup = timed_scan(empty, state, "--no-store")
        again = timed_scan(root, state)
        print(f"files: {args.files}; start-up (empty folder): {startup:.1f} s")
        print(f"first scan (analysed):       {first:.1f} s")
        net = again - startup
        print(f"rescan, nothing changed:     {again:.1f} s  (without start-up {net:.1f} s)")
        if args.full:
            print(f"rescan with --rescan:        {timed_scan(root, state, '--rescan'):.1f} s")


if __name__ == "__main__":
    main()
