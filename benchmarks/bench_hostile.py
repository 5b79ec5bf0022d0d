"""The hostile share of issue 9 with the default limits: how long the scan
takes, its peak memory, and what it reports about every broken object.

One invocation builds the tree of `tests/support/hostile.py` (a nested zip
bomb of 6 TiB, 12,000 members, `../` member names, truncated and encrypted
documents, 4 MB of noise, a 100 MB line, symlink loops, a FIFO, a socket, a
device, 150 nested folders, names with a newline and invalid UTF-8,
unreadable files) next to ordinary letters, and runs ``datawacht scan TREE
--format json`` into a fresh findings database without privileges (as root:
without capabilities).  The test suite runs the same tree with lower limits
(`tests/e2e/test_hostile_tree.py`).

Run: ``python benchmarks/bench_hostile.py``.
"""

from __future__ import annotations

import argparse
import collections
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "tests"))

from sharegen import fingerprint  # noqa: E402
from support import hostile  # noqa: E402

BENCH_KEY = "datawacht benchmark key: fixed, public, never use in production!"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="dw-hostile-") as work:
        base = Path(work)
        started = time.perf_counter()
        expected = hostile.build(base / "share")
        print(f"tree built in {time.perf_counter() - started:.1f} s")
        state = base / "state"
        state.mkdir(mode=0o700)
        env = hostile.scan_environment(state, BENCH_KEY)
        started = time.perf_counter()
        process = subprocess.Popen(
            [sys.executable, "-m", "datawacht", "scan", str(base / "share"), "--format", "json"],
            stdout=subprocess.PIPE,
            env=env,
            preexec_fn=hostile.drop_privileges,  # noqa: PLW1509 - no threads here
        )
        output = process.stdout.read() if process.stdout else b""
        _, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - started
        document = json.loads(output)
        objects = {o["path"]: o for o in document["objects"]}
        print(f"exit code {os.waitstatus_to_exitcode(status)}, scan {seconds:.1f} s wall")
        print(f"peak RSS of the scan and its workers: {usage.ru_maxrss / 1024:.0f} MiB")
        print(f"objects by status: {document['scan']['objects']}")
        print("\nbroken objects (expected → reported):")
        wrong = 0
        for path, want in sorted({**expected.broken, **expected.unreadable}.items()):
            got = objects.get(path)
            seen = (got["status"], got["reason"]) if got else ("missing", None)
            wrong += seen != want
            detail = (got or {}).get("detail") or ""
            name = os.path.relpath(path, base / "share").encode("unicode_escape").decode()
            print(f"  {'ok  ' if seen == want else 'DIFF'} {name}: {seen[0]}, {seen[1]} ({detail})")
        found = collections.defaultdict(set)
        for finding in document["findings"]:
            found[finding["path"]].add(finding["fingerprint"])
        letters = {
            p: v
            for p, v in expected.letters.items()
            if not any(p.startswith(u) for u in expected.unreadable)
        }
        missed = [
            p
            for p, values in letters.items()
            if {fingerprint(BENCH_KEY.encode(), v) for v in values} - found[p]
        ]
        print(f"\nletters found: {len(letters) - len(missed)} of {len(letters)}")
        total = len(expected.broken) + len(expected.unreadable)
        print(f"broken objects reported as expected: {total - wrong} of {total}")
        for listener in expected.sockets:
            listener.close()
        (base / "share" / "geen-toegang" / "map").chmod(0o755)


if __name__ == "__main__":
    main()
