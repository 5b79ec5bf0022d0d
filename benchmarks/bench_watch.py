"""Benchmark the watch daemon: latency, catch-up, memory over many events.

Why: the issue's targets are numbers on this machine; this prints them.

1. *Latency*: the daemon runs on an empty temporary share (default timings:
   debounce 2 s, settle 0.25 s after inotify's close-after-write); ``--docs N``
   documents of about 1 MB (Dutch prose with a few fictitious BSNs) are
   written one at a time and the time until the document's object is in the
   findings database is measured; p50/p95/max are printed (target p95 ≤ 2 s).
2. *Catch-up*: ``--unchanged N`` files whose stored state is inserted
   directly (scanning them first would only time the scanner), then one
   ``catch_up`` over the tree (target ≤ 10 s for 10,000).
3. *Memory*: ``--events N`` file events (create, modify, move, delete of small
   files, a day of a busy share compressed: ``--events 50000`` is about
   24 h at one event every two seconds) while the daemon's RSS is sampled;
   prints RSS at start, after each quarter, and at the end (no growth:
   the queue is in the database, the sink is bounded).

Run: ``python benchmarks/bench_watch.py --docs 20 --unchanged 10000 --events 5000``.
"""

from __future__ import annotations

import argparse
import os
import random
import signal
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

import sqlalchemy as sa

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

from datawacht.sources.files import walk  # noqa: E402
from datawacht.store import open_store  # noqa: E402
from datawacht.store.models import ObjectModel  # noqa: E402
from datawacht.watch.catchup import catch_up  # noqa: E402
from datawacht.watch.queue import WorkQueue  # noqa: E402
from support.values import make_bsn  # noqa: E402

PROSE = (
    "Het overleg van de afdeling vond plaats in de grote zaal. Er is gesproken over de "
    "planning van het komende kwartaal, de verdeling van de werkzaamheden en de stand van "
    "zaken rond de verhuizing naar het nieuwe gebouw. "
)


def document(rng: random.Random, size: int) -> str:
    parts, length = [], 0
    while length < size:
        if rng.random() < 0.002:
            bsn = make_bsn(rng)
            line = f"Betreft de heer Testpersoon, BSN {bsn[:4]}.{bsn[4:6]}.{bsn[6:]}.\n"
        else:
            line = PROSE + "\n"
        parts.append(line)
        length += len(line)
    return "".join(parts)


def rss_kib(pid: int) -> int:
    """Resident memory of the daemon and its workers."""
    total = 0
    pids = [pid]
    children = Path(f"/proc/{pid}/task/{pid}/children")
    if children.exists():
        pids += [int(p) for p in children.read_text().split()]
    for each in pids:
        try:
            for line in Path(f"/proc/{each}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1])
        except OSError:
            pass
    return total


def wait_for(condition, timeout: float) -> bool:  # noqa: ANN001
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.02)
    return False


def bench_daemon(work: Path, docs: int, events: int, workers: int) -> None:
    share, state = work / "share", work / "state"
    share.mkdir()
    env = {
        **os.environ,
        "DATAWACHT_STATE_DIR": str(state),
        "DATAWACHT_FINGERPRINT_KEY": "bench-watch-key-0123456789abcdef0123",
        "DATAWACHT_WORKERS": str(workers),
    }
    env.pop("DATAWACHT_DB", None)
    log = (work / "daemon.log").open("wb")
    daemon = subprocess.Popen(
        [sys.executable, "-m", "datawacht", "watch", str(share)], env=env, stdout=log, stderr=log
    )
    db_path = state / "findings.db"

    def query(sql: str, params: tuple = ()) -> list[tuple]:
        with sqlite3.connect(f"file:{db_path}?mode=ro", uri=True, timeout=30) as conn:
            return conn.execute(sql, params).fetchall()

    try:
        if not wait_for(lambda: b"watch.started" in (work / "daemon.log").read_bytes(), 120):
            raise SystemExit("the daemon did not start")
        rng = random.Random(7)
        latencies = []
        for n in range(docs):
            path = share / f"verslag-{n:03d}.txt"
            text = document(rng, 1_000_000)
            started = time.monotonic()
            path.write_text(text, encoding="utf-8")
            if not wait_for(
                lambda p=str(path): query("SELECT 1 FROM objects WHERE path = ?", (p,)), 60
            ):
                raise SystemExit(f"document {n} was not recorded within 60 s")
            latencies.append(time.monotonic() - started)
        if latencies:
            ordered = sorted(latencies)
            p95 = ordered[max(0, int(round(0.95 * len(ordered))) - 1)]
            print(
                f"latency 1 MB document → stored: n={len(ordered)} "
                f"p50={statistics.median(ordered):.2f} s p95={p95:.2f} s max={ordered[-1]:.2f} s"
            )
        if events:
            samples = [rss_kib(daemon.pid)]
            names = [share / "churn" / f"f{n:04d}.txt" for n in range(200)]
            names[0].parent.mkdir()
            for n in range(events):
                target = rng.choice(names)
                action = rng.random()
                if action < 0.5 or not target.exists():
                    target.write_text(f"notitie {n}\n", encoding="utf-8")
                elif action < 0.8:
                    target.unlink()
                else:
                    target.rename(rng.choice(names))
                if (n + 1) % max(1, events // 4) == 0:
                    samples.append(rss_kib(daemon.pid))
            wait_for(lambda: query("SELECT count(*) FROM work_queue")[0][0] == 0, 300)
            samples.append(rss_kib(daemon.pid))
            print(
                "RSS (KiB, daemon + workers) start, quarters, drained: "
                + ", ".join(map(str, samples))
            )
    finally:
        daemon.send_signal(signal.SIGTERM)
        daemon.wait(60)
        log.close()


def bench_catch_up(work: Path, files: int) -> None:
    root = work / "unchanged"
    per_folder = 100
    for n in range(files):
        folder = root / f"d{n // per_folder:04d}"
        if n % per_folder == 0:
            folder.mkdir(parents=True)
        (folder / f"f{n % per_folder:03d}.txt").write_text("x")
    store = open_store(f"sqlite:///{work / 'catchup.db'}")
    host = "bench"
    scan_id = store.begin_scan([str(root)], "bench", host, "bench")
    now = datetime.now(UTC)
    rows = [
        {
            "object_id": o.object_id,
            "path": o.path,
            "host": host,
            "size": o.size,
            "mtime": o.mtime,
            "status": "scanned",
            "data_subjects": 0,
            "first_seen": now,
            "last_seen": now,
            "last_scan_id": scan_id,
            "present": True,
        }
        for o in walk(root, host)
    ]
    with store.writer.begin() as conn:
        conn.execute(sa.insert(ObjectModel), rows)
    started = time.monotonic()
    result = catch_up(str(root), host, store, WorkQueue(store, host), lambda: True, lambda p: False)
    elapsed = time.monotonic() - started
    store.close()
    print(
        f"catch-up over {result.files} unchanged files: {elapsed:.2f} s "
        f"(queued {result.new + result.changed + result.gone})"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=20)
    parser.add_argument("--unchanged", type=int, default=10_000)
    parser.add_argument("--events", type=int, default=5_000)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-watch-") as tmp:
        work = Path(tmp)
        if args.unchanged:
            bench_catch_up(work, args.unchanged)
        if args.docs or args.events:
            bench_daemon(work, args.docs, args.events, args.workers)


if __name__ == "__main__":
    main()
